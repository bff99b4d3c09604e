/* Unit tests for ovsdb/transaction (with ovsdb/row, ovsdb/table and
 * ovsdb/ovsdb): the transaction API that the storage and the server use
 * directly: insert, modify, delete, abort, the commit checks, the
 * observers' view of a commit, reference counting, weak references,
 * indexes, replay and schema conversion.
 *
 * The error texts checked here are those OVS 3.1's ovsdb-server returns
 * for the same situations (see test-ovsdb-execution.c, where they were
 * verified against Debian's ovsdb-server).  OVS is not needed to run this.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ds.h"
#include "ovsdb/column.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/row.h"
#include "ovsdb/schema.h"
#include "ovsdb/table-schema.h"
#include "ovsdb/table.h"
#include "ovsdb/transaction.h"
#include "util.h"
#include "uuid.h"

/* Bridge (root) -> Port (strong) -> Iface (strong); Bridge.mirrors and
 * Port.peers (map values) are weak references to Port; Flat is a root
 * table with an index and a size-limited set. */
static const char schema_text[] =
    "{'name': 'S', 'version': '1.0.0', 'tables': {"
    " 'Bridge': {'isRoot': true, 'columns': {"
    "   'name': {'type': 'string'},"
    "   'ports': {'type': {'key': {'type': 'uuid', 'refTable': 'Port'},"
    "                      'min': 0, 'max': 'unlimited'}},"
    "   'mirrors': {'type': {'key': {'type': 'uuid', 'refTable': 'Port',"
    "                                'refType': 'weak'},"
    "                        'min': 0, 'max': 'unlimited'}}}},"
    " 'Port': {'columns': {"
    "   'name': {'type': 'string'},"
    "   'iface': {'type': {'key': {'type': 'uuid', 'refTable': 'Iface'},"
    "                      'min': 0, 'max': 1}},"
    "   'peers': {'type': {'key': 'string',"
    "                      'value': {'type': 'uuid', 'refTable': 'Port',"
    "                                'refType': 'weak'},"
    "                      'min': 0, 'max': 'unlimited'}}},"
    "  'indexes': [['name']]},"
    " 'Iface': {'columns': {'name': {'type': 'string'}}},"
    " 'Flat': {'isRoot': true, 'columns': {"
    "   'name': {'type': 'string'},"
    "   'n': {'type': 'integer'},"
    "   'tags': {'type': {'key': 'string', 'min': 0, 'max': 2}},"
    "   'queues': {'type': {'key': 'integer',"
    "                       'value': {'type': 'uuid', 'refTable': 'Iface'},"
    "                       'min': 0, 'max': 'unlimited'}}},"
    "  'indexes': [['name']]}}}";

static char *
q(const char *s)
{
    char *t = xstrdup(s);
    for (char *p = t; *p; p++) {
        if (*p == '\'') {
            *p = '"';
        }
    }
    return t;
}

static json_t *
parse_q(const char *s)
{
    char *text = q(s);
    json_error_t jerr;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &jerr);
    if (!json) {
        fail_msg("bad test JSON (%s): %s", jerr.text, text);
    }
    free(text);
    return json;
}

static struct ovsdb_schema *
parse_schema(const char *text)
{
    json_t *json = parse_q(text);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);
    if (error) {
        fail_msg("schema: %s", ovsdb_error_to_string_free(error));
    }
    json_decref(json);
    return schema;
}

static struct ovsdb *
create_db(void)
{
    return ovsdb_create(parse_schema(schema_text));
}

static struct ovsdb_table *
tbl(struct ovsdb *db, const char *name)
{
    struct ovsdb_table *table = ovsdb_get_table(db, name);
    assert_non_null(table);
    return table;
}

/* Sets column NAME of writable ROW from single-quoted JSON VALUE. */
static void
set_col(struct ovsdb_row *row, const char *name, const char *value)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, name);
    assert_non_null(column);

    json_t *json = parse_q(value);
    struct ovsdb_datum datum;
    struct ovsdb_error *error = ovsdb_datum_from_json(&datum, &column->type,
                                                      json, NULL);
    if (error) {
        fail_msg("%s: %s", value, ovsdb_error_to_string_free(error));
    }
    json_decref(json);
    ovsdb_datum_swap(&row->fields[column->index], &datum);
    ovsdb_datum_destroy(&datum, &column->type);
}

/* Returns column NAME of ROW as compact JSON text with ' quotes (caller
 * frees). */
static char *
get_col(const struct ovsdb_row *row, const char *name)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, name);
    assert_non_null(column);

    json_t *json = ovsdb_datum_to_json(&row->fields[column->index],
                                       &column->type);
    char *s = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(json);
    for (char *p = s; *p; p++) {
        if (*p == '"') {
            *p = '\'';
        }
    }
    return s;
}

static void
assert_col(const struct ovsdb_row *row, const char *name,
           const char *expected)
{
    char *s = get_col(row, name);
    assert_string_equal(s, expected);
    free(s);
}

/* Inserts a row into TABLE with uuid UUID_S (NULL: random) and name NAME;
 * returns it (writable until the transaction ends). */
static struct ovsdb_row *
insert(struct ovsdb_txn *txn, struct ovsdb_table *table, const char *name,
       const char *uuid_s)
{
    struct ovsdb_row *row = ovsdb_row_create(table);
    struct uuid *uuid = ovsdb_row_get_uuid_rw(row);

    if (uuid_s) {
        assert_true(uuid_from_string(uuid, uuid_s));
    } else {
        uuid_generate(uuid);
    }
    char *value = xasprintf("'%s'", name);
    set_col(row, "name", value);
    free(value);
    assert_null(ovsdb_txn_row_insert(txn, row));
    return row;
}

static const struct ovsdb_row *
find(struct ovsdb *db, const char *table_name, const char *name)
{
    const struct ovsdb_table *table = tbl(db, table_name);
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(table->schema, "name");
    const struct ovsdb_row *row;

    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct ovsdb_datum *d = &row->fields[column->index];
        if (d->n == 1 && !strcmp(d->keys[0].string, name)) {
            return row;
        }
    }
    return NULL;
}

static void
commit_ok(struct ovsdb_txn *txn)
{
    struct ovsdb_error *error = ovsdb_txn_commit(txn, false);
    if (error) {
        fail_msg("commit: %s", ovsdb_error_to_string_free(error));
    }
}

/* Commits TXN expecting an error with TAG whose details start with
 * DETAILS_PREFIX. */
static void
commit_fails(struct ovsdb_txn *txn, const char *tag,
             const char *details_prefix)
{
    struct ovsdb_error *error = ovsdb_txn_commit(txn, false);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), tag);
    const char *details = ovsdb_error_get_details(error);
    if (strncmp(details, details_prefix, strlen(details_prefix))) {
        fail_msg("details \"%s\" do not start with \"%s\"", details,
                 details_prefix);
    }
    ovsdb_error_destroy(error);
}

#define UUID_B1 "b0000000-0000-4000-8000-000000000001"
#define UUID_P1 "10000000-0000-4000-8000-000000000001"
#define UUID_P2 "10000000-0000-4000-8000-000000000002"
#define UUID_I1 "11000000-0000-4000-8000-000000000001"

/* Bridge b1 with ports p1 (iface i1) and p2; p1.peers = {x: p2};
 * b1.mirrors = [p1]. */
static struct ovsdb *
create_populated_db(void)
{
    struct ovsdb *db = create_db();
    struct ovsdb_txn *txn = ovsdb_txn_create(db);

    struct ovsdb_row *b1 = insert(txn, tbl(db, "Bridge"), "b1", UUID_B1);
    struct ovsdb_row *p1 = insert(txn, tbl(db, "Port"), "p1", UUID_P1);
    insert(txn, tbl(db, "Port"), "p2", UUID_P2);
    insert(txn, tbl(db, "Iface"), "i1", UUID_I1);
    set_col(b1, "ports", "['set',[['uuid','"UUID_P1"'],['uuid','"UUID_P2
            "']]]");
    set_col(b1, "mirrors", "['uuid','"UUID_P1"']");
    set_col(p1, "iface", "['uuid','"UUID_I1"']");
    set_col(p1, "peers", "['map',[['x',['uuid','"UUID_P2"']]]]");
    commit_ok(txn);
    return db;
}

/* Changes are visible at once and abort undoes all of them. */
static void
test_abort_restores(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_populated_db();
    const struct ovsdb_row *p1 = find(db, "Port", "p1");
    const struct ovsdb_row *p2 = find(db, "Port", "p2");
    struct uuid v1 = *ovsdb_row_get_version(p1);

    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    struct ovsdb_row *w = ovsdb_txn_row_modify(txn, p1);
    assert_true(ovsdb_txn_row_is_writable(txn, w));
    assert_ptr_equal(ovsdb_txn_row_modify(txn, w), w);
    set_col(w, "name", "'renamed'");
    ovsdb_txn_row_delete(txn, p2);
    insert(txn, tbl(db, "Flat"), "f", NULL);
    assert_non_null(find(db, "Port", "renamed"));
    assert_null(find(db, "Port", "p2"));
    assert_int_equal(ovsdb_table_count(tbl(db, "Flat")), 1);
    ovsdb_txn_abort(txn);

    assert_null(db->txn);
    assert_ptr_equal(find(db, "Port", "p1"), p1);
    assert_ptr_equal(find(db, "Port", "p2"), p2);
    assert_null(find(db, "Port", "renamed"));
    assert_int_equal(ovsdb_table_count(tbl(db, "Flat")), 0);
    assert_true(uuid_equals(ovsdb_row_get_version(p1), &v1));

    /* The same through a commit that fails late (after garbage collection
     * and weak reference removal changed more rows): deleting p1 from the
     * bridge collects p1 and i1 and edits b1.mirrors, then the new Flat
     * rows violate the index. */
    txn = ovsdb_txn_create(db);
    w = ovsdb_txn_row_modify(txn, find(db, "Bridge", "b1"));
    set_col(w, "ports", "['uuid','"UUID_P2"']");
    insert(txn, tbl(db, "Flat"), "dup", NULL);
    insert(txn, tbl(db, "Flat"), "dup", NULL);
    commit_fails(txn, "constraint violation", "Transaction causes multiple");
    assert_ptr_equal(find(db, "Port", "p1"), p1);
    assert_non_null(find(db, "Iface", "i1"));
    assert_col(find(db, "Bridge", "b1"), "mirrors", "['uuid','"UUID_P1"']");
    assert_int_equal(p1->n_refs, 1);
    ovsdb_destroy(db);
}

/* An observer that records what it sees. */
struct recorder {
    struct ovsdb_observer up;
    struct ds log;
    int *order;                 /* Shared call counter. */
    int called_at;
    const char *fail_tag;       /* Fail commits with this tag if set. */
};

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static bool
record_change(const struct ovsdb_row *old, const struct ovsdb_row *new,
              const unsigned long *changed, void *aux)
{
    struct recorder *r = aux;
    const struct ovsdb_row *row = new ? new : old;
    const struct ovsdb_table_schema *ts = row->table->schema;
    char *name = get_col(row, "name");

    ds_put_format(&r->log, "%s %s %s:", ts->name,
                  !old ? "insert" : !new ? "delete" : "modify", name);
    free(name);

    /* Changed column names, sorted (column indexes are the schema's
     * business). */
    const char **names = xmalloc(ts->n_columns * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < ts->n_columns; i++) {
        if (ovsdb_txn_column_changed(changed, i)) {
            names[n++] = ts->columns_by_index[i]->name;
        }
    }
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&r->log, " %s", names[i]);
    }
    free(names);
    ds_put_char(&r->log, '\n');
    return true;
}

static struct ovsdb_error *
recorder_commit(struct ovsdb_observer *observer, const struct ovsdb_txn *txn,
                bool durable)
{
    struct recorder *r = CONTAINER_OF(observer, struct recorder, up);
    const char *comment = ovsdb_txn_get_comment(txn);

    r->called_at = ++*r->order;
    if (r->fail_tag) {
        return ovsdb_error(r->fail_tag, "refused");
    }
    ds_put_format(&r->log, "commit durable=%d comment=%s\n", durable,
                  comment ? comment : "(none)");
    ovsdb_txn_for_each_change(txn, record_change, r);
    return NULL;
}

static int n_destroyed;

static void
recorder_destroy(struct ovsdb_observer *observer OVS_UNUSED)
{
    n_destroyed++;
}

static const struct ovsdb_observer_class recorder_class = {
    recorder_commit, recorder_destroy,
};

static void
recorder_init(struct recorder *r, int *order)
{
    memset(r, 0, sizeof *r);
    r->up.class = &recorder_class;
    ds_init(&r->log);
    r->order = order;
}

/* Observers are called in order with each changed row and a bitmap of the
 * columns that changed; an observer's error aborts the commit; replays
 * and transactions that change nothing call no observer. */
static void
test_observers(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_populated_db();
    struct recorder r1, r2;
    int order = 0;

    recorder_init(&r1, &order);
    recorder_init(&r2, &order);
    ovsdb_add_observer(db, &r1.up);
    ovsdb_add_observer(db, &r2.up);

    /* Modify p2's name, delete nothing explicitly, insert a Flat row. */
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    struct ovsdb_row *w = ovsdb_txn_row_modify(txn, find(db, "Port", "p2"));
    set_col(w, "name", "'p2x'");
    insert(txn, tbl(db, "Flat"), "f1", NULL);
    ovsdb_txn_add_comment(txn, "first");
    ovsdb_txn_add_comment(txn, "second");
    assert_string_equal(ovsdb_txn_get_comment(txn), "first\nsecond");
    struct ovsdb_error *error = ovsdb_txn_commit(txn, true);
    assert_null(error);
    assert_int_equal(r1.called_at, 1);
    assert_int_equal(r2.called_at, 2);
    assert_string_equal(ds_cstr(&r1.log),
                        "commit durable=1 comment=first\nsecond\n"
                        "Port modify 'p2x': _version name\n"
                        "Flat insert 'f1': _uuid _version n name queues "
                        "tags\n");
    assert_string_equal(ds_cstr(&r1.log), ds_cstr(&r2.log));

    /* A modification that changes nothing: no observer call, and the
     * row keeps its _version. */
    uint64_t n_commits = db->n_commits;
    struct uuid version = *ovsdb_row_get_version(find(db, "Port", "p2x"));
    txn = ovsdb_txn_create(db);
    w = ovsdb_txn_row_modify(txn, find(db, "Port", "p2x"));
    set_col(w, "name", "'p2x'");
    commit_ok(txn);
    assert_int_equal(order, 2);
    assert_int_equal(db->n_commits, n_commits);
    assert_true(uuid_equals(ovsdb_row_get_version(find(db, "Port", "p2x")),
                            &version));

    /* Deleting the bridge collects every port and the iface. */
    ds_clear(&r1.log);
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, find(db, "Bridge", "b1"));
    commit_ok(txn);
    assert_string_equal(ds_cstr(&r1.log),
                        "commit durable=0 comment=(none)\n"
                        "Bridge delete 'b1': _uuid _version mirrors name "
                        "ports\n"
                        "Port delete 'p1': _uuid _version iface name peers\n"
                        "Port delete 'p2x': _uuid _version iface name "
                        "peers\n"
                        "Iface delete 'i1': _uuid _version name\n");
    assert_int_equal(ovsdb_table_count(tbl(db, "Port")), 0);
    assert_int_equal(ovsdb_table_count(tbl(db, "Iface")), 0);

    /* The second observer refuses: the commit fails with its error and
     * nothing changes. */
    r2.fail_tag = "I/O error";
    order = 0;
    txn = ovsdb_txn_create(db);
    insert(txn, tbl(db, "Flat"), "f2", NULL);
    commit_fails(txn, "I/O error", "refused");
    assert_null(find(db, "Flat", "f2"));
    assert_int_equal(r1.called_at, 1);
    assert_int_equal(r2.called_at, 2);

    /* Replay calls no observer. */
    order = 0;
    r1.called_at = r2.called_at = 0;
    txn = ovsdb_txn_create(db);
    insert(txn, tbl(db, "Flat"), "f3", NULL);
    assert_null(ovsdb_txn_replay_commit(txn));
    assert_non_null(find(db, "Flat", "f3"));
    assert_int_equal(order, 0);

    ovsdb_remove_observer(db, &r2.up);
    n_destroyed = 0;
    ovsdb_destroy(db);
    assert_int_equal(n_destroyed, 1);       /* Only r1 was still there. */
    ds_destroy(&r1.log);
    ds_destroy(&r2.log);
}

/* Reference counts follow every change, in sets and map values. */
static void
test_ref_counts(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_populated_db();
    const struct ovsdb_row *i1 = find(db, "Iface", "i1");

    assert_int_equal(find(db, "Port", "p1")->n_refs, 1);
    assert_int_equal(find(db, "Port", "p2")->n_refs, 1);
    assert_int_equal(i1->n_refs, 1);

    /* A second port referencing i1, added to the bridge. */
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    struct ovsdb_row *p3 = insert(txn, tbl(db, "Port"), "p3", NULL);
    set_col(p3, "iface", "['uuid','"UUID_I1"']");
    char *ports = xasprintf("['set',[['uuid','"UUID_P1"'],['uuid','"UUID_P2
                            "'],['uuid','"UUID_FMT"']]]",
                            UUID_ARGS(ovsdb_row_get_uuid(p3)));
    struct ovsdb_row *b1 = ovsdb_txn_row_modify(txn,
                                                find(db, "Bridge", "b1"));
    set_col(b1, "ports", ports);
    free(ports);
    commit_ok(txn);
    assert_int_equal(find(db, "Iface", "i1")->n_refs, 2);
    assert_int_equal(find(db, "Port", "p3")->n_refs, 1);

    /* Deleting i1 now fails: two references remain. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, find(db, "Iface", "i1"));
    commit_fails(txn, "referential integrity violation",
                 "cannot delete Iface row "UUID_I1" because of 2 remaining "
                 "reference(s)");

    /* Dropping p1 from the bridge collects p1 only; i1 survives with one
     * reference (from p3). */
    txn = ovsdb_txn_create(db);
    b1 = ovsdb_txn_row_modify(txn, find(db, "Bridge", "b1"));
    ports = xasprintf("['set',[['uuid','"UUID_P2"'],['uuid','"UUID_FMT
                      "']]]", UUID_ARGS(ovsdb_row_get_uuid(
                                            find(db, "Port", "p3"))));
    set_col(b1, "ports", ports);
    free(ports);
    commit_ok(txn);
    assert_null(find(db, "Port", "p1"));
    assert_int_equal(find(db, "Iface", "i1")->n_refs, 1);

    /* Strong references as map values (like QoS:queues in OVS's schema):
     * changing the value moves the reference. */
    txn = ovsdb_txn_create(db);
    struct ovsdb_row *ia = insert(txn, tbl(db, "Iface"), "ia", NULL);
    struct ovsdb_row *ib = insert(txn, tbl(db, "Iface"), "ib", NULL);
    struct ovsdb_row *f = insert(txn, tbl(db, "Flat"), "f", NULL);
    char *queues = xasprintf("['map',[[1,['uuid','"UUID_FMT"']],"
                             "[2,['uuid','"UUID_FMT"']]]]",
                             UUID_ARGS(ovsdb_row_get_uuid(ia)),
                             UUID_ARGS(ovsdb_row_get_uuid(ib)));
    set_col(f, "queues", queues);
    free(queues);
    commit_ok(txn);
    assert_int_equal(find(db, "Iface", "ia")->n_refs, 1);
    assert_int_equal(find(db, "Iface", "ib")->n_refs, 1);

    txn = ovsdb_txn_create(db);
    f = ovsdb_txn_row_modify(txn, find(db, "Flat", "f"));
    queues = xasprintf("['map',[[1,['uuid','"UUID_FMT"']],"
                       "[2,['uuid','"UUID_FMT"']]]]",
                       UUID_ARGS(ovsdb_row_get_uuid(find(db, "Iface", "ib"))),
                       UUID_ARGS(ovsdb_row_get_uuid(find(db, "Iface", "ib"))));
    set_col(f, "queues", queues);
    free(queues);
    commit_ok(txn);
    assert_null(find(db, "Iface", "ia"));
    assert_int_equal(find(db, "Iface", "ib")->n_refs, 2);

    /* A strong reference to a row that does not exist. */
    txn = ovsdb_txn_create(db);
    struct ovsdb_row *p4 = insert(txn, tbl(db, "Port"), "p4", UUID_P1);
    set_col(p4, "iface", "['uuid','11111111-2222-3333-4444-555555555555']");
    commit_fails(txn, "referential integrity violation",
                 "Table Port column iface row "UUID_P1" references "
                 "nonexistent row 11111111-2222-3333-4444-555555555555 in "
                 "table Iface.");
    ovsdb_destroy(db);
}

/* Weak references, in a set and as map values, disappear with their
 * targets, also when the target is garbage collected. */
static void
test_weak_refs(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_populated_db();

    /* Deleting p2 from the bridge collects it; p1.peers loses x->p2. */
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    struct ovsdb_row *b1 = ovsdb_txn_row_modify(txn,
                                                find(db, "Bridge", "b1"));
    set_col(b1, "ports", "['uuid','"UUID_P1"']");
    commit_ok(txn);
    assert_null(find(db, "Port", "p2"));
    assert_col(find(db, "Port", "p1"), "peers", "['map',[]]");
    assert_col(find(db, "Bridge", "b1"), "mirrors", "['uuid','"UUID_P1"']");

    /* New weak references to nonexistent rows vanish; to existing rows
     * they stay, and go when the target goes later. */
    txn = ovsdb_txn_create(db);
    struct ovsdb_row *p1 = ovsdb_txn_row_modify(txn, find(db, "Port", "p1"));
    set_col(p1, "peers", "['map',[['a',['uuid','"UUID_P1"']],"
            "['b',['uuid','"UUID_P2"']]]]");
    commit_ok(txn);
    assert_col(find(db, "Port", "p1"), "peers",
               "['map',[['a',['uuid','"UUID_P1"']]]]");

    txn = ovsdb_txn_create(db);
    b1 = ovsdb_txn_row_modify(txn, find(db, "Bridge", "b1"));
    set_col(b1, "ports", "['set',[]]");
    commit_ok(txn);
    assert_int_equal(ovsdb_table_count(tbl(db, "Port")), 0);
    assert_col(find(db, "Bridge", "b1"), "mirrors", "['set',[]]");

    /* Weak reference records were freed with the rows (checked by the
     * sanitizer) and none remain on the bridge. */
    assert_true(ovs_list_is_empty(&find(db, "Bridge", "b1")->src_refs));
    ovsdb_destroy(db);
}

/* A map from a strong reference to a weak one: when the weak side
 * dangles, the whole entry goes, and with it the strong reference, so
 * the key's row loses that reference (and is garbage collected if it was
 * the last one).  Found by tests/fuzz/fuzz-transact: the count used to
 * stay one too high, so the row could never be deleted ("because of 1
 * remaining reference(s)") nor collected. */
static const char weak_map_schema_text[] =
    "{'name': 'W', 'version': '1.0.0', 'tables': {"
    " 'Top': {'isRoot': true, 'columns': {"
    "   'name': {'type': 'string'},"
    "   'm': {'type': {'key': {'type': 'uuid', 'refTable': 'Leaf'},"
    "                  'value': {'type': 'uuid', 'refTable': 'Target',"
    "                            'refType': 'weak'},"
    "                  'min': 0, 'max': 'unlimited'}},"
    "   'keep': {'type': {'key': {'type': 'uuid', 'refTable': 'Leaf'},"
    "                     'min': 0, 'max': 'unlimited'}}}},"
    " 'Leaf': {'columns': {'name': {'type': 'string'}}},"
    " 'Target': {'isRoot': true, 'columns': {"
    "   'name': {'type': 'string'}}}}}";

static void
set_col_fmt(struct ovsdb_row *row, const char *name, const char *format,
            ...) OVS_PRINTF_FORMAT(3, 4);

static void
set_col_fmt(struct ovsdb_row *row, const char *name, const char *format,
            ...)
{
    va_list args;

    va_start(args, format);
    char *value = xvasprintf(format, args);
    va_end(args);
    set_col(row, name, value);
    free(value);
}

static void
test_weak_map_entry_drops_strong_ref(void **state OVS_UNUSED)
{
    struct ovsdb *db = ovsdb_create(parse_schema(weak_map_schema_text));
    struct ovsdb_txn *txn;

    /* top.m = {l1: t1, l2: t2}, top.keep = [l2]. */
    txn = ovsdb_txn_create(db);
    struct ovsdb_row *top = insert(txn, tbl(db, "Top"), "top", NULL);
    struct ovsdb_row *l1 = insert(txn, tbl(db, "Leaf"), "l1", NULL);
    struct ovsdb_row *l2 = insert(txn, tbl(db, "Leaf"), "l2", NULL);
    struct ovsdb_row *t1 = insert(txn, tbl(db, "Target"), "t1", NULL);
    struct ovsdb_row *t2 = insert(txn, tbl(db, "Target"), "t2", NULL);
    set_col_fmt(top, "m", "['map',[[['uuid','"UUID_FMT"'],['uuid','"UUID_FMT
                "']],[['uuid','"UUID_FMT"'],['uuid','"UUID_FMT"']]]]",
                UUID_ARGS(ovsdb_row_get_uuid(l1)),
                UUID_ARGS(ovsdb_row_get_uuid(t1)),
                UUID_ARGS(ovsdb_row_get_uuid(l2)),
                UUID_ARGS(ovsdb_row_get_uuid(t2)));
    set_col_fmt(top, "keep", "['uuid','"UUID_FMT"']",
                UUID_ARGS(ovsdb_row_get_uuid(l2)));
    commit_ok(txn);
    assert_int_equal(find(db, "Leaf", "l1")->n_refs, 1);
    assert_int_equal(find(db, "Leaf", "l2")->n_refs, 2);

    /* Deleting t1 drops the entry l1 -> t1: l1 is garbage now. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, find(db, "Target", "t1"));
    commit_ok(txn);
    assert_null(find(db, "Leaf", "l1"));

    /* Deleting t2 drops l2 -> t2, but top.keep still holds l2. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, find(db, "Target", "t2"));
    commit_ok(txn);
    assert_col(find(db, "Top", "top"), "m", "['map',[]]");
    assert_non_null(find(db, "Leaf", "l2"));
    assert_int_equal(find(db, "Leaf", "l2")->n_refs, 1);

    /* An entry whose weak side never existed goes at once, and the new
     * leaf it named with it. */
    txn = ovsdb_txn_create(db);
    struct ovsdb_row *l3 = insert(txn, tbl(db, "Leaf"), "l3", NULL);
    top = ovsdb_txn_row_modify(txn, find(db, "Top", "top"));
    set_col_fmt(top, "m", "['map',[[['uuid','"UUID_FMT"'],"
                "['uuid','12345678-0000-4000-8000-000000000000']]]]",
                UUID_ARGS(ovsdb_row_get_uuid(l3)));
    commit_ok(txn);
    assert_col(find(db, "Top", "top"), "m", "['map',[]]");
    assert_null(find(db, "Leaf", "l3"));

    /* And l2, once top.keep lets go, is collected like any other row. */
    txn = ovsdb_txn_create(db);
    top = ovsdb_txn_row_modify(txn, find(db, "Top", "top"));
    set_col(top, "keep", "['set',[]]");
    commit_ok(txn);
    assert_int_equal(ovsdb_table_count(tbl(db, "Leaf")), 0);
    ovsdb_destroy(db);
}

/* Values that break their column type fail with "constraint violation";
 * a duplicate _uuid is refused at insert. */
static void
test_constraints(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_db();
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    struct ovsdb_row *f = insert(txn, tbl(db, "Flat"), "f", NULL);

    /* Three tags where at most two are allowed (bypassing the parser). */
    const struct ovsdb_column *tags
        = ovsdb_table_schema_get_column(f->table->schema, "tags");
    struct ovsdb_datum *d = &f->fields[tags->index];
    for (int i = 0; i < 3; i++) {
        union ovsdb_atom atom;
        atom.string = xasprintf("t%d", i);
        ovsdb_datum_add_unsafe(d, &atom, NULL, &tags->type);
        free(atom.string);
    }
    commit_fails(txn, "constraint violation", "");

    txn = ovsdb_txn_create(db);
    insert(txn, tbl(db, "Flat"), "f", UUID_B1);
    struct ovsdb_row *dup = ovsdb_row_create(tbl(db, "Flat"));
    assert_true(uuid_from_string(ovsdb_row_get_uuid_rw(dup), UUID_B1));
    struct ovsdb_error *error = ovsdb_txn_row_insert(txn, dup);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "duplicate uuid");
    ovsdb_error_destroy(error);
    commit_ok(txn);

    /* Deleted in this transaction: still a duplicate. */
    txn = ovsdb_txn_create(db);
    ovsdb_txn_row_delete(txn, find(db, "Flat", "f"));
    dup = ovsdb_row_create(tbl(db, "Flat"));
    assert_true(uuid_from_string(ovsdb_row_get_uuid_rw(dup), UUID_B1));
    error = ovsdb_txn_row_insert(txn, dup);
    assert_non_null(error);
    ovsdb_error_destroy(error);
    ovsdb_txn_abort(txn);
    ovsdb_destroy(db);
}

/* Index maps follow inserts, modifications and deletions. */
static void
test_indexes(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_db();
    struct ovsdb_table *flat = tbl(db, "Flat");
    struct ovsdb_row *key = ovsdb_row_create(flat);

    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    insert(txn, flat, "a", NULL);
    insert(txn, flat, "b", NULL);
    commit_ok(txn);

    set_col(key, "name", "'a'");
    assert_ptr_equal(ovsdb_table_index_find(flat, 0, key->fields),
                     find(db, "Flat", "a"));

    txn = ovsdb_txn_create(db);
    struct ovsdb_row *w = ovsdb_txn_row_modify(txn, find(db, "Flat", "a"));
    set_col(w, "name", "'c'");
    ovsdb_txn_row_delete(txn, find(db, "Flat", "b"));
    insert(txn, flat, "a", NULL);
    commit_ok(txn);

    const struct ovsdb_row *a = ovsdb_table_index_find(flat, 0, key->fields);
    assert_non_null(a);
    assert_col(a, "name", "'a'");
    set_col(key, "name", "'b'");
    assert_null(ovsdb_table_index_find(flat, 0, key->fields));
    set_col(key, "name", "'c'");
    assert_ptr_equal(ovsdb_table_index_find(flat, 0, key->fields),
                     find(db, "Flat", "c"));

    /* Renaming onto an existing name fails with OVS's text. */
    txn = ovsdb_txn_create(db);
    w = ovsdb_txn_row_modify(txn, find(db, "Flat", "c"));
    set_col(w, "name", "'a'");
    commit_fails(txn, "constraint violation",
                 "Transaction causes multiple rows in \"Flat\" table to "
                 "have identical values (a) for index on column \"name\".  "
                 "First row, with UUID ");
    ovsdb_row_destroy(key);
    ovsdb_destroy(db);
}

/* Conversion keeps rows and UUIDs, drops removed columns, fills new ones
 * with defaults and converts values to changed types. */
static void
test_convert(void **state OVS_UNUSED)
{
    struct ovsdb *db = create_populated_db();
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    struct ovsdb_row *f = insert(txn, tbl(db, "Flat"), "f", NULL);
    set_col(f, "n", "7");
    set_col(f, "tags", "['set',['x','y']]");
    commit_ok(txn);

    struct ovsdb_schema *schema2 = parse_schema(
        "{'name': 'S', 'version': '1.1.0', 'tables': {"
        " 'Flat': {'columns': {"
        "   'name': {'type': 'string'},"
        "   'n': {'type': {'key': 'integer', 'min': 0, 'max': 1}},"
        "   'tags': {'type': {'key': 'string', 'min': 0, 'max': 5}},"
        "   'extra': {'type': 'boolean'}}}}}");
    struct ovsdb *db2;
    struct ovsdb_error *error = ovsdb_convert(db, schema2, &db2);
    assert_null(error);
    assert_null(ovsdb_get_table(db2, "Port"));
    const struct ovsdb_row *f2 = find(db2, "Flat", "f");
    assert_non_null(f2);
    assert_true(uuid_equals(ovsdb_row_get_uuid(f2),
                            ovsdb_row_get_uuid(find(db, "Flat", "f"))));
    assert_col(f2, "n", "7");
    assert_col(f2, "tags", "['set',['x','y']]");
    assert_col(f2, "extra", "false");
    ovsdb_destroy(db2);

    /* A value the new type cannot hold is an error. */
    schema2 = parse_schema(
        "{'name': 'S', 'version': '1.1.0', 'tables': {"
        " 'Flat': {'columns': {"
        "   'tags': {'type': {'key': 'string', 'min': 0, 'max': 1}}}}}}");
    error = ovsdb_convert(db, schema2, &db2);
    assert_non_null(error);
    assert_null(db2);
    ovsdb_error_destroy(error);
    ovsdb_destroy(db);
}

/* Runs N_TXNS one-row transactions (modify one row looked up by _uuid,
 * insert one row, delete it) against a Flat table of N_ROWS rows and
 * returns the seconds taken. */
static double
time_small_txns(int n_rows, int n_txns)
{
    struct ovsdb *db = create_db();
    struct ovsdb_table *flat = tbl(db, "Flat");
    struct uuid *uuids = xmalloc(n_rows * sizeof *uuids);

    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    for (int i = 0; i < n_rows; i++) {
        char name[32];
        snprintf(name, sizeof name, "r%d", i);
        struct ovsdb_row *row = insert(txn, flat, name, NULL);
        uuids[i] = *ovsdb_row_get_uuid(row);
    }
    commit_ok(txn);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n_txns; i++) {
        txn = ovsdb_txn_create(db);
        const struct ovsdb_row *row = ovsdb_table_get_row(
            flat, &uuids[(i * 7919) % n_rows]);
        struct ovsdb_row *w = ovsdb_txn_row_modify(txn, row);
        char n[32];
        snprintf(n, sizeof n, "%d", i);
        set_col(w, "n", n);
        struct ovsdb_row *extra = insert(txn, flat, "extra", NULL);
        commit_ok(txn);

        txn = ovsdb_txn_create(db);
        ovsdb_txn_row_delete(txn, ovsdb_table_get_row(
                                 flat, ovsdb_row_get_uuid(extra)));
        commit_ok(txn);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(uuids);
    ovsdb_destroy(db);
    return (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* Transactions touching one row cost the same in a table 50 times
 * bigger. */
static void
test_small_txns_do_not_scale_with_table(void **state OVS_UNUSED)
{
    double small = time_small_txns(400, 2000);
    double big = time_small_txns(20000, 2000);
    if (big > 5 * small + 0.05) {
        fail_msg("2000 txns: %.3f s with 400 rows, %.3f s with 20000 rows",
                 small, big);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abort_restores),
        cmocka_unit_test(test_observers),
        cmocka_unit_test(test_ref_counts),
        cmocka_unit_test(test_weak_refs),
        cmocka_unit_test(test_weak_map_entry_drops_strong_ref),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_indexes),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_small_txns_do_not_scale_with_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
