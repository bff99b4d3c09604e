/* Unit tests for the IDL (lib/ovsdb-idl*.c) without a server: hand-written
 * update2/update3 and RFC 7047 "update" notifications applied to a replica
 * (inserts, diffs of scalars, optional scalars, sets and maps, deletes),
 * change tracking (flags, changed columns, old values, deleted rows kept
 * until track_clear, omit_alert), reconciliation of a complete snapshot
 * after a reconnection, malformed updates, reference resolution, and the
 * "transact" operations a transaction would send (verify -> wait, partial
 * map/set updates -> mutate, increment -> mutate + select, inserts with
 * uuid-name and named-uuid references, lock assert, comments).  The JSON
 * shapes are those Debian's OVS 3.1 ovsdb-server sends and accepts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds.h"
#include "ovsdb-idl.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "timeval.h"
#include "util.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)

/* Schema "S": Bridge (root) -> Port -> Interface, like Open_vSwitch's. */
static const char schema_text[] =
    "{'name': 'S', 'version': '1.0.0', 'tables': {"
    " 'Bridge': {'isRoot': true, 'columns': {"
    "   'name': {'type': 'string', 'mutable': false},"
    "   'ports': {'type': {'key': {'type': 'uuid', 'refTable': 'Port'},"
    "             'min': 0, 'max': 'unlimited'}},"
    "   'other_config': {'type': {'key': 'string', 'value': 'string',"
    "             'min': 0, 'max': 'unlimited'}},"
    "   'datapath_type': {'type': 'string'},"
    "   'next_cfg': {'type': 'integer'},"
    "   'flood_vlans': {'type': {'key': {'type': 'integer',"
    "             'minInteger': 0, 'maxInteger': 4095},"
    "             'min': 0, 'max': 4096}},"
    "   'stp_enable': {'type': 'boolean'},"
    "   'description': {'type': {'key': 'string', 'min': 0, 'max': 1}}}},"
    " 'Port': {'columns': {"
    "   'name': {'type': 'string'},"
    "   'interfaces': {'type': {'key': {'type': 'uuid',"
    "             'refTable': 'Interface'}, 'min': 1, 'max': 'unlimited'}},"
    "   'tag': {'type': {'key': {'type': 'integer', 'minInteger': 0,"
    "             'maxInteger': 4095}, 'min': 0, 'max': 1}}}},"
    " 'Interface': {'columns': {"
    "   'name': {'type': 'string'},"
    "   'ofport': {'type': {'key': 'integer', 'min': 0, 'max': 1}},"
    "   'statistics': {'type': {'key': 'string', 'value': 'integer',"
    "             'min': 0, 'max': 'unlimited'}},"
    "   'status': {'type': {'key': 'string', 'value': 'string',"
    "             'min': 0, 'max': 'unlimited'}}}}}}";

#define B1 "11111111-1111-1111-1111-111111111111"
#define B2 "22222222-2222-2222-2222-222222222222"
#define P1 "33333333-3333-3333-3333-333333333333"
#define P2 "44444444-4444-4444-4444-444444444444"
#define I1 "55555555-5555-5555-5555-555555555555"
#define I2 "66666666-6666-6666-6666-666666666666"

struct fixture {
    struct ovsdb_idl *idl;
    const struct ovsdb_idl_table *bridge, *port, *iface;
    const struct ovsdb_idl_column *br_name, *br_ports, *br_other_config,
        *br_datapath_type, *br_next_cfg, *br_flood_vlans, *br_stp,
        *br_description;
    const struct ovsdb_idl_column *port_name, *port_interfaces, *port_tag;
    const struct ovsdb_idl_column *if_name, *if_ofport, *if_statistics,
        *if_status;
};

/* Parses TEXT, written with single quotes for readability. */
static json_t *
parse(const char *text)
{
    char *s = xstrdup(text);
    json_error_t error;
    json_t *json;

    for (char *p = s; *p; p++) {
        if (*p == '\'') {
            *p = '"';
        }
    }
    json = json_loads(s, JSON_DECODE_ANY, &error);
    if (!json) {
        fail_msg("bad test JSON (%s): %s", error.text, s);
    }
    free(s);
    return json;
}

static struct ovsdb_schema *
test_schema(void)
{
    json_t *json = parse(schema_text);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    json_decref(json);
    if (error) {
        fail_msg("%s", ovsdb_error_to_string_free(error));
    }
    return schema;
}

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);
    struct ovsdb_idl *idl = ovsdb_idl_create(NULL, test_schema(), false);

    f->idl = idl;
    f->br_name = ovsdb_idl_add_column(idl, "Bridge", "name");
    f->br_ports = ovsdb_idl_add_column(idl, "Bridge", "ports");
    f->br_other_config = ovsdb_idl_add_column(idl, "Bridge", "other_config");
    f->br_datapath_type = ovsdb_idl_add_column(idl, "Bridge",
                                               "datapath_type");
    f->br_next_cfg = ovsdb_idl_add_column(idl, "Bridge", "next_cfg");
    f->br_flood_vlans = ovsdb_idl_add_column(idl, "Bridge", "flood_vlans");
    f->br_stp = ovsdb_idl_add_column(idl, "Bridge", "stp_enable");
    f->br_description = ovsdb_idl_add_column(idl, "Bridge", "description");
    f->port_name = ovsdb_idl_add_column(idl, "Port", "name");
    f->port_interfaces = ovsdb_idl_add_column(idl, "Port", "interfaces");
    f->port_tag = ovsdb_idl_add_column(idl, "Port", "tag");
    f->if_name = ovsdb_idl_add_column(idl, "Interface", "name");
    f->if_ofport = ovsdb_idl_add_column(idl, "Interface", "ofport");
    f->if_statistics = ovsdb_idl_add_column(idl, "Interface", "statistics");
    f->if_status = ovsdb_idl_add_column(idl, "Interface", "status");
    ovsdb_idl_omit_alert(idl, f->if_statistics);
    f->bridge = ovsdb_idl_get_table(idl, "Bridge");
    f->port = ovsdb_idl_get_table(idl, "Port");
    f->iface = ovsdb_idl_get_table(idl, "Interface");
    ovsdb_idl_enable_tracking(idl);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    ovsdb_idl_destroy(f->idl);
    free(f);
    return 0;
}

static void
apply(struct ovsdb_idl *idl, int version, const char *text, bool full)
{
    json_t *json = parse(text);
    char *error = ovsdb_idl_apply_update(idl, version, json, full);

    json_decref(json);
    if (error) {
        fail_msg("unexpected update error: %s", error);
    }
}

static const struct ovsdb_idl_row *
row(const struct fixture *f, const struct ovsdb_idl_table *table,
    const char *uuid_s)
{
    struct uuid uuid;

    assert_true(uuid_from_string(&uuid, uuid_s));
    return ovsdb_idl_get_row_for_uuid(f->idl, table, &uuid);
}

/* COLUMN of ROW in the display syntax. */
static char *
show(const struct ovsdb_idl_row *r, const struct ovsdb_idl_column *column)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ovsdb_datum_to_string(ovsdb_idl_row_get_datum(r, column),
                          ovsdb_idl_column_get_type(column), &s);
    return ds_steal_cstr(&s);
}

#define assert_shows(EXPECTED, ROW, COLUMN)             \
    do {                                                \
        char *s_ = show(ROW, COLUMN);                   \
        assert_string_equal(s_, EXPECTED);              \
        free(s_);                                       \
    } while (0)

static size_t
count_tracked(const struct fixture *f, const struct ovsdb_idl_table *table)
{
    const struct ovsdb_idl_row *r;
    size_t n = 0;

    OVSDB_IDL_FOR_EACH_TRACKED (r, table, f->idl) {
        n++;
    }
    return n;
}

static size_t
count_rows(const struct fixture *f, const struct ovsdb_idl_table *table)
{
    const struct ovsdb_idl_row *r;
    size_t n = 0;

    OVSDB_IDL_FOR_EACH_ROW (r, table, f->idl) {
        n++;
    }
    return n;
}

/* Two bridges, one port with one interface. */
static void
load_initial(struct fixture *f)
{
    apply(f->idl, 2,
          "{'Bridge': {"
          "  '" B1 "': {'initial': {'name': 'br0', 'ports': ['uuid', '" P1
          "'],"
          "     'other_config': ['map', [['a', '1'], ['b', '2']]],"
          "     'next_cfg': 5, 'flood_vlans': ['set', [10, 20]]}},"
          "  '" B2 "': {'initial': {'name': 'br1', 'description': 'x'}}},"
          " 'Port': {'" P1 "': {'initial': {'name': 'p1',"
          "     'interfaces': ['uuid', '" I1 "'], 'tag': 7}}},"
          " 'Interface': {'" I1 "': {'initial': {'name': 'p1',"
          "     'status': ['map', [['link', 'up']]]}}}}", false);
}

static void
test_initial_load(void **state)
{
    struct fixture *f = *state;
    unsigned int seqno = ovsdb_idl_get_seqno(f->idl);
    const struct ovsdb_idl_row *br0, *br1;

    load_initial(f);
    assert_int_not_equal(seqno, ovsdb_idl_get_seqno(f->idl));
    br0 = row(f, f->bridge, B1);
    br1 = row(f, f->bridge, B2);
    assert_non_null(br0);
    assert_non_null(br1);
    assert_int_equal(count_rows(f, f->bridge), 2);
    assert_int_equal(ovsdb_idl_table_count(f->idl, f->bridge), 2);

    assert_string_equal(ovsdb_idl_row_get_string(br0, f->br_name), "br0");
    assert_int_equal(ovsdb_idl_row_get_integer(br0, f->br_next_cfg, -1), 5);
    assert_string_equal(ovsdb_idl_row_get_map_value(br0, f->br_other_config,
                                                    "b"), "2");
    assert_null(ovsdb_idl_row_get_map_value(br0, f->br_other_config, "c"));
    assert_shows("[10, 20]", br0, f->br_flood_vlans);
    /* Columns absent from an "initial" row have their default value. */
    assert_string_equal(ovsdb_idl_row_get_string(br0, f->br_datapath_type),
                        "");
    assert_false(ovsdb_idl_row_get_boolean(br0, f->br_stp, true));
    assert_null(ovsdb_idl_row_get_string(br0, f->br_description));
    assert_string_equal(ovsdb_idl_row_get_string(br1, f->br_description),
                        "x");
    assert_int_equal(ovsdb_idl_row_get_integer(br1, f->br_next_cfg, -1), 0);

    /* Tracking: every row is new. */
    assert_int_equal(count_tracked(f, f->bridge), 2);
    assert_int_equal(count_tracked(f, f->port), 1);
    assert_int_equal(ovsdb_idl_track_get_flags(br0), OVSDB_IDL_INSERTED);
    assert_true(ovsdb_idl_track_is_new(br1));
    assert_false(ovsdb_idl_track_is_updated(br0, f->br_name));
    ovsdb_idl_track_clear(f->idl);
    assert_int_equal(count_tracked(f, f->bridge), 0);
    assert_int_equal(ovsdb_idl_track_get_flags(br0), 0);
}

static void
test_references(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *br0, *br1, **rows;
    size_t n;

    load_initial(f);
    br0 = row(f, f->bridge, B1);
    br1 = row(f, f->bridge, B2);
    n = ovsdb_idl_row_get_refs(br0, f->br_ports, &rows);
    assert_int_equal(n, 1);
    assert_ptr_equal(rows[0], row(f, f->port, P1));
    free(rows);
    assert_ptr_equal(ovsdb_idl_row_get_ref(row(f, f->port, P1),
                                           f->port_interfaces),
                     row(f, f->iface, I1));
    n = ovsdb_idl_row_get_refs(br1, f->br_ports, &rows);
    assert_int_equal(n, 0);
    free(rows);

    /* A reference to a row not in the replica is skipped. */
    apply(f->idl, 2, "{'Bridge': {'" B2 "': {'modify': {'ports': "
          "['set', [['uuid', '" P2 "'], ['uuid', '" P1 "']]]}}}}", false);
    n = ovsdb_idl_row_get_refs(br1, f->br_ports, &rows);
    assert_int_equal(n, 1);
    assert_ptr_equal(rows[0], row(f, f->port, P1));
    free(rows);
}

static void
test_modify_diffs(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *br0, *br1;
    unsigned int seqno;

    load_initial(f);
    ovsdb_idl_track_clear(f->idl);
    br0 = row(f, f->bridge, B1);
    br1 = row(f, f->bridge, B2);
    seqno = ovsdb_idl_get_seqno(f->idl);

    /* Map diff: "a" removed (old value), "b" changed, "c" added.  Set
     * diff: symmetric difference.  Scalars: new value.  Optional scalar
     * cleared with an empty set, as OVS 3.1 sends it. */
    apply(f->idl, 2,
          "{'Bridge': {'" B1 "': {'modify': {"
          "   'other_config': ['map', [['a', '1'], ['b', '3'], ['c', '4']]],"
          "   'flood_vlans': ['set', [20, 30]],"
          "   'next_cfg': 6, 'stp_enable': true}},"
          "  '" B2 "': {'modify': {'description': ['set', []]}}}}", false);
    assert_int_not_equal(seqno, ovsdb_idl_get_seqno(f->idl));
    assert_shows("{b=\"3\", c=\"4\"}", br0, f->br_other_config);
    assert_shows("[10, 30]", br0, f->br_flood_vlans);
    assert_int_equal(ovsdb_idl_row_get_integer(br0, f->br_next_cfg, -1), 6);
    assert_true(ovsdb_idl_row_get_boolean(br0, f->br_stp, false));
    assert_null(ovsdb_idl_row_get_string(br1, f->br_description));

    /* Tracking: modified, exactly these columns, with the old values. */
    assert_int_equal(count_tracked(f, f->bridge), 2);
    assert_int_equal(ovsdb_idl_track_get_flags(br0), OVSDB_IDL_MODIFIED);
    assert_true(ovsdb_idl_track_is_updated(br0, f->br_other_config));
    assert_true(ovsdb_idl_track_is_updated(br0, f->br_flood_vlans));
    assert_true(ovsdb_idl_track_is_updated(br0, f->br_next_cfg));
    assert_false(ovsdb_idl_track_is_updated(br0, f->br_name));
    assert_false(ovsdb_idl_track_is_updated(br0, f->br_ports));
    assert_false(ovsdb_idl_track_is_updated(br0, f->br_description));
    assert_true(ovsdb_idl_track_is_updated(br1, f->br_description));
    {
        struct ds s = DS_EMPTY_INITIALIZER;

        ovsdb_datum_to_string(ovsdb_idl_track_get_old_datum(
                                  br0, f->br_other_config),
                              ovsdb_idl_column_get_type(f->br_other_config),
                              &s);
        assert_string_equal(ds_cstr(&s), "{a=\"1\", b=\"2\"}");
        ds_destroy(&s);
    }
    /* A second change keeps the value from before the first one. */
    apply(f->idl, 2, "{'Bridge': {'" B1 "': {'modify': {'next_cfg': 7}}}}",
          false);
    assert_int_equal(ovsdb_idl_track_get_old_datum(
                         br0, f->br_next_cfg)->keys[0].integer, 5);
    assert_int_equal(count_tracked(f, f->bridge), 2);

    /* The tracked order is the order of first change. */
    assert_ptr_equal(ovsdb_idl_track_first(f->idl, f->bridge), br0);
    assert_ptr_equal(ovsdb_idl_track_next(br0), br1);
    assert_null(ovsdb_idl_track_next(br1));
    ovsdb_idl_track_clear(f->idl);

    /* A diff that changes nothing (empty) is not a change. */
    seqno = ovsdb_idl_get_seqno(f->idl);
    apply(f->idl, 2, "{'Bridge': {'" B1 "': {'modify': {}}}}", false);
    assert_int_equal(seqno, ovsdb_idl_get_seqno(f->idl));
    assert_int_equal(count_tracked(f, f->bridge), 0);
}

static void
test_delete_kept_until_clear(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *p1, *r;
    struct uuid uuid;

    load_initial(f);
    ovsdb_idl_track_clear(f->idl);
    p1 = row(f, f->port, P1);
    apply(f->idl, 2, "{'Port': {'" P1 "': {'delete': null}}}", false);

    /* Gone from lookups and iteration... */
    assert_null(row(f, f->port, P1));
    assert_int_equal(count_rows(f, f->port), 0);
    /* ...but still tracked and readable, for undoing its effects. */
    r = ovsdb_idl_track_first(f->idl, f->port);
    assert_ptr_equal(r, p1);
    assert_true(ovsdb_idl_track_is_deleted(r));
    assert_string_equal(ovsdb_idl_row_get_string(r, f->port_name), "p1");
    assert_int_equal(ovsdb_idl_row_get_integer(r, f->port_tag, 0), 7);
    uuid_from_string(&uuid, P1);
    assert_true(uuid_equals(ovsdb_idl_row_get_uuid(r), &uuid));
    ovsdb_idl_track_clear(f->idl);
    assert_null(ovsdb_idl_track_first(f->idl, f->port));
}

static void
test_insert_then_delete_not_reported(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *p2;

    load_initial(f);
    ovsdb_idl_track_clear(f->idl);
    apply(f->idl, 2, "{'Port': {'" P2 "': {'insert': {'name': 'p2'}}}}",
          false);
    p2 = row(f, f->port, P2);
    assert_non_null(p2);
    assert_int_equal(ovsdb_idl_track_get_flags(p2), OVSDB_IDL_INSERTED);
    /* Modified after insertion: still reported only as inserted. */
    apply(f->idl, 2, "{'Port': {'" P2 "': {'modify': {'tag': 9}}}}", false);
    assert_int_equal(ovsdb_idl_track_get_flags(p2), OVSDB_IDL_INSERTED);
    assert_false(ovsdb_idl_track_is_updated(p2, f->port_tag));
    apply(f->idl, 2, "{'Port': {'" P2 "': {'delete': null}}}", false);
    assert_int_equal(count_tracked(f, f->port), 0);
    assert_null(row(f, f->port, P2));
}

static void
test_omit_alert(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *i1;
    unsigned int seqno;

    load_initial(f);
    ovsdb_idl_track_clear(f->idl);
    i1 = row(f, f->iface, I1);
    seqno = ovsdb_idl_get_seqno(f->idl);
    apply(f->idl, 2, "{'Interface': {'" I1 "': {'modify': {"
          "'statistics': ['map', [['rx_packets', 10]]]}}}}", false);
    /* The value is replicated, silently. */
    assert_shows("{rx_packets=10}", i1, f->if_statistics);
    assert_int_equal(seqno, ovsdb_idl_get_seqno(f->idl));
    assert_int_equal(count_tracked(f, f->iface), 0);

    /* Together with an alerting column, only that one is tracked. */
    apply(f->idl, 2, "{'Interface': {'" I1 "': {'modify': {"
          "'statistics': ['map', [['rx_packets', 10]]], 'ofport': 1}}}}",
          false);
    assert_shows("{}", i1, f->if_statistics);
    assert_int_not_equal(seqno, ovsdb_idl_get_seqno(f->idl));
    assert_true(ovsdb_idl_track_is_updated(i1, f->if_ofport));
    assert_false(ovsdb_idl_track_is_updated(i1, f->if_statistics));
}

static void
test_update_v1(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *br0;

    /* RFC 7047 format: "new" holds every monitored column. */
    apply(f->idl, 1, "{'Bridge': {'" B1 "': {'new': {'name': 'br0',"
          " 'ports': ['set', []], 'other_config': ['map', []],"
          " 'next_cfg': 1}}}}", false);
    br0 = row(f, f->bridge, B1);
    assert_non_null(br0);
    assert_int_equal(ovsdb_idl_row_get_integer(br0, f->br_next_cfg, -1), 1);
    ovsdb_idl_track_clear(f->idl);

    apply(f->idl, 1, "{'Bridge': {'" B1 "': {'old': {'next_cfg': 1},"
          " 'new': {'name': 'br0', 'ports': ['set', []],"
          " 'other_config': ['map', [['k', 'v']]], 'next_cfg': 2}}}}", false);
    assert_int_equal(ovsdb_idl_row_get_integer(br0, f->br_next_cfg, -1), 2);
    assert_string_equal(ovsdb_idl_row_get_map_value(br0, f->br_other_config,
                                                    "k"), "v");
    assert_true(ovsdb_idl_track_is_updated(br0, f->br_next_cfg));
    assert_true(ovsdb_idl_track_is_updated(br0, f->br_other_config));
    assert_false(ovsdb_idl_track_is_updated(br0, f->br_name));

    apply(f->idl, 1, "{'Bridge': {'" B1 "': {'old': {'name': 'br0'}}}}",
          false);
    assert_null(row(f, f->bridge, B1));
    assert_true(ovsdb_idl_track_is_deleted(br0));
}

/* A complete snapshot after a reconnection: only real differences are
 * reported. */
static void
test_full_snapshot_reconciles(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *br0, *br1;

    load_initial(f);
    ovsdb_idl_track_clear(f->idl);
    br0 = row(f, f->bridge, B1);
    br1 = row(f, f->bridge, B2);

    /* br0 unchanged, br1 changed, port p1 and interface gone, p2 new. */
    apply(f->idl, 2,
          "{'Bridge': {"
          "  '" B1 "': {'initial': {'name': 'br0', 'ports': ['uuid', '" P1
          "'],"
          "     'other_config': ['map', [['a', '1'], ['b', '2']]],"
          "     'next_cfg': 5, 'flood_vlans': ['set', [10, 20]]}},"
          "  '" B2 "': {'initial': {'name': 'br1'}}},"
          " 'Port': {'" P2 "': {'initial': {'name': 'p2'}}}}", true);
    assert_ptr_equal(row(f, f->bridge, B1), br0);
    assert_ptr_equal(row(f, f->bridge, B2), br1);
    assert_int_equal(ovsdb_idl_track_get_flags(br0), 0);
    assert_int_equal(ovsdb_idl_track_get_flags(br1), OVSDB_IDL_MODIFIED);
    assert_true(ovsdb_idl_track_is_updated(br1, f->br_description));
    assert_null(ovsdb_idl_row_get_string(br1, f->br_description));
    assert_int_equal(count_tracked(f, f->bridge), 1);
    assert_null(row(f, f->port, P1));
    assert_non_null(row(f, f->port, P2));
    assert_int_equal(count_tracked(f, f->port), 2);
    assert_int_equal(count_rows(f, f->iface), 0);
    assert_int_equal(count_tracked(f, f->iface), 1);
}

/* Malformed updates produce errors, never crashes, and the well-formed
 * parts still apply. */
static void
test_bad_updates(void **state)
{
    static const struct {
        int version;
        const char *json;
        const char *error;
    } cases[] = {
        { 2, "[]", "<table-updates> is not an object" },
        { 2, "{'Nope': {}}", "update for unmonitored table Nope" },
        { 2, "{'Port': []}", "<table-update> for Port is not an object" },
        { 2, "{'Port': {'xyz': {'insert': {}}}}", "bad row UUID" },
        { 2, "{'Port': {'" P2 "': {'modify': {'tag': 1}}}}",
          "modify of nonexistent Port row" },
        { 2, "{'Port': {'" P2 "': {'delete': null}}}",
          "delete of nonexistent Port row" },
        { 2, "{'Port': {'" P2 "': {'insert': {}, 'delete': null}}}",
          "must be an object with one member" },
        { 2, "{'Port': {'" P2 "': {'frobnicate': {}}}}",
          "unknown <row-update2>" },
        { 2, "{'Port': {'" P2 "': {'insert': 5}}}", "row is not an object" },
        { 2, "{'Port': {'" P1 "': {'modify': {'tag': 'x'}}}}",
          "Port column tag" },
        { 2, "{'Port': {'" P1 "': {'modify': {'name': ['set', ['a', "
          "'b']]}}}}", "Port column name: bad diff" },
        { 1, "{'Port': {'" P2 "': {}}}", "neither \"old\" nor \"new\"" },
        { 1, "{'Port': {'" P2 "': 3}}", "is not an object" },
    };
    struct fixture *f = *state;

    load_initial(f);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        json_t *json = parse(cases[i].json);
        char *error = ovsdb_idl_apply_update(f->idl, cases[i].version, json,
                                             false);

        json_decref(json);
        if (!error || !strstr(error, cases[i].error)) {
            fail_msg("case %zu: expected error containing \"%s\", got "
                     "\"%s\"", i, cases[i].error, error ? error : "(none)");
        }
        free(error);
    }
    /* The replica is intact. */
    assert_string_equal(ovsdb_idl_row_get_string(row(f, f->port, P1),
                                                 f->port_name), "p1");
    assert_int_equal(ovsdb_idl_row_get_integer(row(f, f->port, P1),
                                               f->port_tag, 0), 7);
    /* A bad column does not stop the others. */
    {
        json_t *json = parse("{'Port': {'" P1 "': {'modify': "
                             "{'tag': 'x', 'name': 'p1b'}}}}");
        char *error = ovsdb_idl_apply_update(f->idl, 2, json, false);

        json_decref(json);
        assert_non_null(error);
        free(error);
        assert_string_equal(ovsdb_idl_row_get_string(row(f, f->port, P1),
                                                     f->port_name), "p1b");
    }
}

/* ---------------------------------------------------------------------- */
/* Transactions. */

/* The ops of TXN as compact JSON with sorted keys. */
static char *
txn_ops(const struct ovsdb_idl_txn *txn)
{
    json_t *json = ovsdb_idl_txn_to_json(txn);
    char *s = json_dumps(json, DUMP_FLAGS);

    json_decref(json);
    return s;
}

static void
assert_ops(const struct ovsdb_idl_txn *txn, const char *expected_text)
{
    json_t *expected = parse(expected_text);
    char *e = json_dumps(expected, DUMP_FLAGS);
    char *a = txn_ops(txn);

    json_decref(expected);
    if (strcmp(a, e)) {
        fail_msg("transaction ops differ:\nexpected: %s\nactual:   %s", e, a);
    }
    free(a);
    free(e);
}

static void
test_txn_write_and_verify(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_idl_txn *txn;
    const struct ovsdb_idl_row *br0;

    load_initial(f);
    br0 = row(f, f->bridge, B1);
    txn = ovsdb_idl_txn_create(f->idl);
    assert_ptr_equal(ovsdb_idl_get_txn(f->idl), txn);

    ovsdb_idl_txn_verify(br0, f->br_next_cfg);
    ovsdb_idl_txn_verify(br0, f->br_ports);
    ovsdb_idl_txn_set_string(br0, f->br_datapath_type, "netdev");
    ovsdb_idl_txn_set_integer(br0, f->br_next_cfg, 5);   /* Unchanged. */
    /* Reads see the transaction's writes. */
    assert_string_equal(ovsdb_idl_row_get_string(br0, f->br_datapath_type),
                        "netdev");
    ovsdb_idl_txn_add_comment(txn, "ovs-vsctl: set bridge br0");

    /* The wait comes first and carries the values read; the unchanged
     * next_cfg is not written. */
    assert_ops(txn,
               "['S', {'op': 'wait', 'timeout': 0, 'table': 'Bridge',"
               "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
               "  'columns': ['next_cfg', 'ports'], 'until': '==',"
               "  'rows': [{'ports': ['uuid', '" P1 "'], 'next_cfg': 5}]},"
               " {'op': 'update', 'table': 'Bridge',"
               "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
               "  'row': {'datapath_type': 'netdev'}},"
               " {'op': 'comment', 'comment': 'ovs-vsctl: set bridge br0'}]");

    /* Not connected: a transaction that changes something must be tried
     * again; its writes are no longer visible. */
    assert_int_equal(ovsdb_idl_txn_commit(txn), OVSDB_IDL_TXN_TRY_AGAIN);
    assert_non_null(ovsdb_idl_txn_get_error(txn));
    assert_null(ovsdb_idl_get_txn(f->idl));
    assert_string_equal(ovsdb_idl_row_get_string(br0, f->br_datapath_type),
                        "");
    ovsdb_idl_txn_destroy(txn);
}

static void
test_txn_unchanged(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_idl_txn *txn;
    const struct ovsdb_idl_row *br0;

    load_initial(f);
    br0 = row(f, f->bridge, B1);
    txn = ovsdb_idl_txn_create(f->idl);
    ovsdb_idl_txn_verify(br0, f->br_name);
    ovsdb_idl_txn_set_string(br0, f->br_name, "br0");
    ovsdb_idl_txn_write_map_string(br0, f->br_other_config, "a", "1");
    ovsdb_idl_txn_delete_map_string(br0, f->br_other_config, "zz");
    ovsdb_idl_txn_add_comment(txn, "nothing");
    assert_int_equal(ovsdb_idl_txn_commit(txn), OVSDB_IDL_TXN_UNCHANGED);
    /* The status sticks. */
    assert_int_equal(ovsdb_idl_txn_commit(txn), OVSDB_IDL_TXN_UNCHANGED);
    ovsdb_idl_txn_destroy(txn);

    txn = ovsdb_idl_txn_create(f->idl);
    ovsdb_idl_txn_abort(txn);
    assert_int_equal(ovsdb_idl_txn_get_status(txn), OVSDB_IDL_TXN_ABORTED);
    assert_int_equal(ovsdb_idl_txn_commit(txn), OVSDB_IDL_TXN_ABORTED);
    ovsdb_idl_txn_destroy(txn);
}

static void
test_txn_partial_map(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_idl_txn *txn;
    const struct ovsdb_idl_row *br0, *i1;
    union ovsdb_atom key, value;

    load_initial(f);
    br0 = row(f, f->bridge, B1);
    i1 = row(f, f->iface, I1);
    txn = ovsdb_idl_txn_create(f->idl);
    /* other_config is {a=1, b=2}: b=5 changes, c=6 is new, deleting "a"
     * after writing it wins, deleting absent "zz" is no change.  A key
     * written is deleted first (a map "insert" never replaces a value),
     * in case the server has it although the replica does not. */
    ovsdb_idl_txn_write_map_string(br0, f->br_other_config, "b", "5");
    ovsdb_idl_txn_write_map_string(br0, f->br_other_config, "c", "6");
    ovsdb_idl_txn_write_map_string(br0, f->br_other_config, "a", "1");
    ovsdb_idl_txn_delete_map_string(br0, f->br_other_config, "a");
    ovsdb_idl_txn_delete_map_string(br0, f->br_other_config, "zz");
    /* A string->integer map (statistics). */
    key.string = "rx_packets";
    value.integer = 42;
    ovsdb_idl_txn_write_map_key(i1, f->if_statistics, &key, &value);
    /* Partial set updates. */
    key.integer = 30;
    ovsdb_idl_txn_add_set_elem(br0, f->br_flood_vlans, &key);
    key.integer = 10;
    ovsdb_idl_txn_remove_set_elem(br0, f->br_flood_vlans, &key);
    key.integer = 20;
    ovsdb_idl_txn_add_set_elem(br0, f->br_flood_vlans, &key);  /* Has it. */

    assert_ops(txn,
               "['S', {'op': 'mutate', 'table': 'Bridge',"
               "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
               "  'mutations': ["
               "   ['other_config', 'delete', ['set', ['a', 'b', 'c']]],"
               "   ['other_config', 'insert', ['map', [['b', '5'],"
               "                                      ['c', '6']]]],"
               "   ['flood_vlans', 'delete', 10],"
               "   ['flood_vlans', 'insert', ['set', [30]]]]},"
               " {'op': 'mutate', 'table': 'Interface',"
               "  'where': [['_uuid', '==', ['uuid', '" I1 "']]],"
               "  'mutations': [['statistics', 'delete', 'rx_packets'],"
               "                ['statistics', 'insert',"
               "                 ['map', [['rx_packets', 42]]]]]}]");

    /* A whole-column write cancels the partial updates of the column. */
    {
        struct ovsdb_datum empty;

        ovsdb_datum_init_empty(&empty);
        ovsdb_idl_txn_write(br0, f->br_other_config, &empty);
    }
    assert_ops(txn,
               "['S', {'op': 'update', 'table': 'Bridge',"
               "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
               "  'row': {'other_config': ['map', []]}},"
               " {'op': 'mutate', 'table': 'Bridge',"
               "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
               "  'mutations': ["
               "   ['flood_vlans', 'delete', 10],"
               "   ['flood_vlans', 'insert', ['set', [30]]]]},"
               " {'op': 'mutate', 'table': 'Interface',"
               "  'where': [['_uuid', '==', ['uuid', '" I1 "']]],"
               "  'mutations': [['statistics', 'delete', 'rx_packets'],"
               "                ['statistics', 'insert',"
               "                 ['map', [['rx_packets', 42]]]]]}]");
    /* ...and later partial updates edit the written value. */
    ovsdb_idl_txn_write_map_string(br0, f->br_other_config, "x", "y");
    assert_shows("{x=y}", br0, f->br_other_config);
    ovsdb_idl_txn_destroy(txn);
    assert_null(ovsdb_idl_get_txn(f->idl));
    assert_shows("{a=\"1\", b=\"2\"}", br0, f->br_other_config);
}

static void
test_txn_insert_and_delete(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *br0, *p1, *port, *iface, *r;
    struct ovsdb_idl_txn *txn;
    struct ovsdb_datum ports;
    char *expected, pname[64], iname[64];
    struct uuid ports_uuids[2];

    load_initial(f);
    br0 = row(f, f->bridge, B1);
    p1 = row(f, f->port, P1);
    txn = ovsdb_idl_txn_create(f->idl);
    iface = ovsdb_idl_txn_insert(txn, f->iface);
    ovsdb_idl_txn_set_string(iface, f->if_name, "p2");
    port = ovsdb_idl_txn_insert(txn, f->port);
    ovsdb_idl_txn_set_string(port, f->port_name, "p2");
    {
        struct ovsdb_datum d;

        ovsdb_datum_init_uuid(&d, ovsdb_idl_row_get_uuid(iface));
        ovsdb_idl_txn_write(port, f->port_interfaces, &d);
    }
    /* Bridge ports = {new port}: p1 goes. */
    ports_uuids[0] = *ovsdb_idl_row_get_uuid(port);
    ovsdb_datum_init_uuid(&ports, &ports_uuids[0]);
    ovsdb_idl_txn_verify(br0, f->br_ports);
    ovsdb_idl_txn_write(br0, f->br_ports, &ports);
    ovsdb_idl_txn_delete(p1);
    ovsdb_idl_txn_increment(txn, br0, f->br_next_cfg);

    /* The transaction's view: the new rows are there, p1 is not. */
    assert_ptr_equal(ovsdb_idl_get_row_for_uuid(
                         f->idl, f->port, ovsdb_idl_row_get_uuid(port)),
                     port);
    assert_null(row(f, f->port, P1));
    assert_int_equal(count_rows(f, f->port), 1);
    OVSDB_IDL_FOR_EACH_ROW (r, f->port, f->idl) {
        assert_ptr_equal(r, port);
    }
    assert_ptr_equal(ovsdb_idl_row_get_ref(br0, f->br_ports), port);

    snprintf(pname, sizeof pname, "row" UUID_FMT,
             UUID_ARGS(ovsdb_idl_row_get_uuid(port)));
    snprintf(iname, sizeof iname, "row" UUID_FMT,
             UUID_ARGS(ovsdb_idl_row_get_uuid(iface)));
    for (char *p = pname; *p; p++) {
        *p = *p == '-' ? '_' : *p;
    }
    for (char *p = iname; *p; p++) {
        *p = *p == '-' ? '_' : *p;
    }
    ovsdb_idl_set_lock(f->idl, "ovs_vswitchd");
    expected = xasprintf(
        "['S', {'op': 'assert', 'lock': 'ovs_vswitchd'},"
        " {'op': 'wait', 'timeout': 0, 'table': 'Bridge',"
        "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
        "  'columns': ['ports'], 'until': '==',"
        "  'rows': [{'ports': ['uuid', '" P1 "']}]},"
        " {'op': 'insert', 'table': 'Interface', 'uuid-name': '%s',"
        "  'row': {'name': 'p2'}},"
        " {'op': 'insert', 'table': 'Port', 'uuid-name': '%s',"
        "  'row': {'name': 'p2', 'interfaces': ['named-uuid', '%s']}},"
        " {'op': 'update', 'table': 'Bridge',"
        "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
        "  'row': {'ports': ['named-uuid', '%s']}},"
        " {'op': 'delete', 'table': 'Port',"
        "  'where': [['_uuid', '==', ['uuid', '" P1 "']]]},"
        " {'op': 'mutate', 'table': 'Bridge',"
        "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
        "  'mutations': [['next_cfg', '+=', 1]]},"
        " {'op': 'select', 'table': 'Bridge',"
        "  'where': [['_uuid', '==', ['uuid', '" B1 "']]],"
        "  'columns': ['next_cfg']}]", iname, pname, iname, pname);
    assert_ops(txn, expected);
    free(expected);

    /* Holding no lock: NOT_LOCKED, nothing sent. */
    assert_int_equal(ovsdb_idl_txn_commit(txn), OVSDB_IDL_TXN_NOT_LOCKED);
    assert_false(ovsdb_idl_has_lock(f->idl));
    /* Inserted rows are gone, p1 is back. */
    assert_int_equal(count_rows(f, f->port), 1);
    assert_ptr_equal(ovsdb_idl_first_row(f->idl, f->port), p1);
    assert_null(ovsdb_idl_txn_get_insert_uuid(txn, &ports_uuids[0]));
    ovsdb_idl_txn_destroy(txn);
}

static void
test_txn_inserted_row_partial(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *br;
    struct ovsdb_idl_txn *txn;
    char *ops;

    txn = ovsdb_idl_txn_create(f->idl);
    br = ovsdb_idl_txn_insert(txn, f->bridge);
    ovsdb_idl_txn_set_string(br, f->br_name, "br9");
    ovsdb_idl_txn_write_map_string(br, f->br_other_config, "k", "v");
    ovsdb_idl_txn_verify(br, f->br_name);           /* No effect. */
    assert_shows("{k=v}", br, f->br_other_config);
    assert_int_equal(ovsdb_idl_row_get_integer(br, f->br_next_cfg, -1), 0);
    ops = txn_ops(txn);
    assert_non_null(strstr(ops, "\"row\":{\"name\":\"br9\",\"other_config\":"
                           "[\"map\",[[\"k\",\"v\"]]]}"));
    assert_null(strstr(ops, "wait"));
    free(ops);
    /* Deleting a row the transaction inserted leaves nothing to do. */
    ovsdb_idl_txn_delete(br);
    assert_int_equal(count_rows(f, f->bridge), 0);
    assert_int_equal(ovsdb_idl_txn_commit(txn), OVSDB_IDL_TXN_UNCHANGED);
    ovsdb_idl_txn_destroy(txn);
}

/* A server update that deletes a row the transaction uses does not free
 * it under the transaction. */
static void
test_txn_row_deleted_by_server(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_row *p1;
    struct ovsdb_idl_txn *txn;
    char *ops;

    load_initial(f);
    ovsdb_idl_track_clear(f->idl);
    p1 = row(f, f->port, P1);
    txn = ovsdb_idl_txn_create(f->idl);
    ovsdb_idl_txn_verify(p1, f->port_tag);
    ovsdb_idl_txn_set_integer(p1, f->port_tag, 8);
    apply(f->idl, 2, "{'Port': {'" P1 "': {'delete': null}}}", false);
    ovsdb_idl_track_clear(f->idl);
    /* Still usable: the verify will fail on the server (TRY_AGAIN). */
    ops = txn_ops(txn);
    assert_non_null(strstr(ops, "\"op\":\"wait\""));
    assert_non_null(strstr(ops, "\"tag\":7"));
    free(ops);
    ovsdb_idl_txn_destroy(txn);
}

/* Loading a replica of 10,000 ports (and interfaces) is fast: one
 * update2 message as the server sends it at monitor time. */
static void
test_load_10000_ports(void **state)
{
    struct fixture *f = *state;
    json_t *ports = json_object(), *ifaces = json_object(), *updates;
    long long int start, elapsed;
    char *error;

    for (int i = 0; i < 10000; i++) {
        char pu[UUID_LEN + 1], iu[UUID_LEN + 1], name[32];
        struct uuid p, in;

        uuid_generate(&p);
        uuid_generate(&in);
        uuid_to_string(&p, pu);
        uuid_to_string(&in, iu);
        snprintf(name, sizeof name, "port%d", i);
        json_object_set_new(ports, pu, json_pack(
            "{s:{s:s, s:[s, s], s:i}}", "initial", "name", name,
            "interfaces", "uuid", iu, "tag", i % 4096));
        json_object_set_new(ifaces, iu, json_pack(
            "{s:{s:s, s:i, s:[s, [[s, s], [s, s]]]}}", "initial",
            "name", name, "ofport", i + 1, "status", "map",
            "driver_name", "veth", "link", "up"));
    }
    updates = json_pack("{s:o, s:o}", "Port", ports, "Interface", ifaces);
    start = time_msec();
    error = ovsdb_idl_apply_update(f->idl, 2, updates, true);
    elapsed = time_msec() - start;
    json_decref(updates);
    assert_null(error);
    print_message("loaded 10,000 ports + 10,000 interfaces in %lld ms\n",
                  elapsed);
    assert_int_equal(ovsdb_idl_table_count(f->idl, f->port), 10000);
    assert_int_equal(count_tracked(f, f->iface), 10000);
    assert_true(elapsed < 1000);

    /* One more port touches one row. */
    start = time_msec();
    apply(f->idl, 2, "{'Port': {'" P2 "': {'insert': {'name': 'x'}}}}",
          false);
    assert_true(time_msec() - start < 50);
    ovsdb_idl_track_clear(f->idl);
}

static void
test_handles(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_idl_column *c;

    assert_null(ovsdb_idl_add_table(f->idl, "Nope"));
    assert_null(ovsdb_idl_add_column(f->idl, "Port", "nope"));
    assert_null(ovsdb_idl_add_column(f->idl, "Port", "_uuid"));
    c = ovsdb_idl_get_column(f->idl, "Port", "tag");
    assert_ptr_equal(c, f->port_tag);
    assert_string_equal(ovsdb_idl_column_get_name(c), "tag");
    assert_ptr_equal(ovsdb_idl_column_get_table(c), f->port);
    assert_string_equal(ovsdb_idl_table_get_name(f->port), "Port");
    assert_string_equal(ovsdb_idl_get_db_name(f->idl), "S");
    assert_true(ovsdb_idl_column_exists_on_server(c));
    assert_false(ovsdb_idl_is_connected(f->idl));
    assert_false(ovsdb_idl_has_ever_connected(f->idl));
    assert_string_equal(ovsdb_idl_txn_status_to_string(
                            OVSDB_IDL_TXN_TRY_AGAIN), "try again");
    /* Conditions: each change bumps the requested seqno; setting the
     * same condition again does not. */
    {
        json_t *cond = parse("[['name', '==', 'br0']]");
        unsigned int s1 = ovsdb_idl_set_condition(f->idl, f->bridge, cond);
        unsigned int s2 = ovsdb_idl_set_condition(f->idl, f->bridge, cond);
        json_t *all = parse("[true]");

        assert_int_equal(s1, s2);
        assert_int_equal(ovsdb_idl_set_condition(f->idl, f->bridge, all),
                         s1 + 1);
        assert_int_equal(ovsdb_idl_set_condition(f->idl, f->bridge, NULL),
                         s1 + 1);
        assert_int_equal(ovsdb_idl_get_condition_seqno(f->idl), 0);
        json_decref(cond);
        json_decref(all);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_initial_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_references, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modify_diffs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_kept_until_clear, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_insert_then_delete_not_reported,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_omit_alert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_snapshot_reconciles, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_txn_write_and_verify, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_txn_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_txn_partial_map, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_txn_insert_and_delete, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_txn_inserted_row_partial, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_txn_row_deleted_by_server,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_10000_ports, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_handles, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
