/* fuzz-transact: libFuzzer target for the RFC 7047 "transact" method
 * (ovsdb/execution.c and everything below it: conditions, mutations,
 * datums, rows, tables, transactions with referential integrity, weak
 * references, garbage collection, indexes, maxRows).
 *
 * Input layout:
 *   byte 0: bit 0: run read-only (as a server does for a client of a
 *                  read-only remote); bit 1: the "assert" lock check
 *                  answers "held"; bit 2: use the small built-in test
 *                  schema instead of vswitchd/vswitch.ovsschema (which
 *                  must be readable from the working directory, the
 *                  repository root, or through $FUZZ_VSWITCH_SCHEMA);
 *                  bit 3: finally convert the database to the same
 *                  schema (ovsdb_convert) and check nothing changed;
 *                  bit 4: start with a huge elapsed time, so that waits
 *                  with a timeout time out at once.
 *   then:   up to 16 JSON texts, back to back, each one "transact"
 *           request's params ([db-name, operation...]; a bare operation
 *           object or array of operations is wrapped for convenience).
 *
 * Every input gets a fresh database, so a crash reproduces from its input
 * alone.  A "wait" that is not satisfied is re-run the way the server
 * re-runs it: with the elapsed time set past its timeout, where it must
 * produce a result.  After each transaction the whole database is
 * checked: no transaction left open, every value valid for its column,
 * strong reference counts exact, no dangling reference, no unreferenced
 * row in a non-root table, maxRows and index uniqueness respected.
 * Set $FUZZ_VERBOSE to print each transaction's result (to check seed
 * inputs do what they should). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#include "ovsdb/execution.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/file.h"
#include "ovsdb/row.h"
#include "ovsdb/schema.h"
#include "ovsdb/table.h"
#include "hmap.h"
#include "shash.h"
#include "util.h"
#include "vlog.h"
#include "tests/fuzz/fuzz-schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TXNS 16

static struct ovsdb_schema *vswitch_schema;
static bool verbose;            /* $FUZZ_VERBOSE: print every result. */
static struct ovsdb_schema *test_schema;

static void
die(const char *what)
{
    fprintf(stderr, "fuzz-transact: %s\n", what);
    abort();
}

static struct ovsdb_schema *
load_schema_file(void)
{
    const char *env = getenv("FUZZ_VSWITCH_SCHEMA");
    char exe[4096];
    struct ovsdb_error *error;
    struct ovsdb_schema *schema;
    char *path = NULL;
    ssize_t n;

    if (env) {
        path = xstrdup(env);
    } else if (!access("vswitchd/vswitch.ovsschema", R_OK)) {
        path = xstrdup("vswitchd/vswitch.ovsschema");
    } else {
        /* tests/fuzz/bin/<target> -> <top>/vswitchd/vswitch.ovsschema */
        n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            char *slash;
            int i;

            exe[n] = '\0';
            for (i = 0; i < 4 && (slash = strrchr(exe, '/')); i++) {
                *slash = '\0';
            }
            path = xasprintf("%s/vswitchd/vswitch.ovsschema", exe);
        }
    }
    if (!path) {
        die("cannot find vswitchd/vswitch.ovsschema");
    }
    error = ovsdb_schema_from_file(path, &schema);
    if (error) {
        fprintf(stderr, "%s\n", ovsdb_error_to_string(error));
        die("cannot read the vswitch schema");
    }
    free(path);
    return schema;
}

static void
initialize(void)
{
    struct ovsdb_error *error;
    json_error_t jerror;
    json_t *json;

    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
    verbose = getenv("FUZZ_VERBOSE") != NULL;
    vswitch_schema = load_schema_file();

    json = json_loads(fuzz_test_schema, 0, &jerror);
    if (!json) {
        fprintf(stderr, "test schema: %s\n", jerror.text);
        die("bad built-in schema");
    }
    error = ovsdb_schema_from_json(json, &test_schema);
    if (error) {
        fprintf(stderr, "%s\n", ovsdb_error_to_string(error));
        die("bad built-in schema");
    }
    json_decref(json);
}

static bool
lock_held(const char *lock_name, void *aux)
{
    (void) lock_name;
    return *(bool *) aux;
}

/* Consistency checks. */

static void OVS_PRINTF_FORMAT(1, 2)
inconsistent(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    fprintf(stderr, "database inconsistent after a transaction: ");
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

/* Counts in COUNTS (uuid -> size_t, in an hmap keyed by uuid_hash) the
 * strong references each atom of BASE in the N ATOMS makes. */
struct ref_count {
    struct hmap_node node;
    struct uuid uuid;
    size_t n;
};

static struct ref_count *
find_count(struct hmap *counts, const struct uuid *uuid)
{
    struct ref_count *rc;

    HMAP_FOR_EACH_WITH_HASH (rc, node, uuid_hash(uuid), counts) {
        if (uuid_equals(&rc->uuid, uuid)) {
            return rc;
        }
    }
    return NULL;
}

static void
check_refs(struct ovsdb *db, const struct ovsdb_table *table,
           const struct ovsdb_column *column,
           const struct ovsdb_base_type *base,
           const union ovsdb_atom *atoms, unsigned int n,
           struct hmap *counts)
{
    const struct ovsdb_table *dst;

    if (base->type != OVSDB_TYPE_UUID || !base->uuid.ref_table_name) {
        return;
    }
    dst = ovsdb_get_table(db, base->uuid.ref_table_name);
    if (!dst) {
        inconsistent("%s.%s refers to unknown table %s",
                     table->schema->name, column->name,
                     base->uuid.ref_table_name);
    }
    for (unsigned int i = 0; i < n; i++) {
        const struct uuid *uuid = &atoms[i].uuid;

        if (!ovsdb_table_get_row(dst, uuid)) {
            inconsistent("%s.%s: dangling %s reference to "UUID_FMT" in %s",
                         table->schema->name, column->name,
                         base->uuid.ref_type == OVSDB_REF_STRONG
                         ? "strong" : "weak", UUID_ARGS(uuid),
                         dst->schema->name);
        }
        if (base->uuid.ref_type == OVSDB_REF_STRONG) {
            struct ref_count *rc = find_count(counts, uuid);

            if (!rc) {
                rc = xzalloc(sizeof *rc);
                rc->uuid = *uuid;
                hmap_insert(counts, &rc->node, uuid_hash(uuid));
            }
            rc->n++;
        }
    }
}

static void
check_datum(const struct ovsdb_table *table, const struct ovsdb_column *col,
            const struct ovsdb_datum *d)
{
    const struct ovsdb_type *type = &col->type;
    struct ovsdb_error *error;

    for (unsigned int i = 1; i < d->n; i++) {
        if (ovsdb_atom_compare_3way(&d->keys[i - 1], &d->keys[i],
                                    type->key.type) >= 0) {
            inconsistent("%s.%s: keys not sorted and unique",
                         table->schema->name, col->name);
        }
    }
    if ((d->values != NULL) != (type->value.type != OVSDB_TYPE_VOID)
        && d->n) {
        inconsistent("%s.%s: values array does not match the type",
                     table->schema->name, col->name);
    }
    error = ovsdb_datum_check_constraints(d, type);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        inconsistent("%s.%s: %s", table->schema->name, col->name, s);
    }
}

static void
check_db(struct ovsdb *db)
{
    struct hmap counts = HMAP_INITIALIZER(&counts);
    struct shash_node *node;
    struct ref_count *rc;

    if (db->txn) {
        inconsistent("transaction left open");
    }
    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_table_schema *ts = table->schema;
        const struct ovsdb_row *row;

        if (!ovs_list_is_empty(&table->txn_rows)) {
            inconsistent("%s: rows left in a transaction", ts->name);
        }
        if (ovsdb_table_count(table) > ts->max_rows) {
            inconsistent("%s: %zu rows, maxRows %u", ts->name,
                         ovsdb_table_count(table), ts->max_rows);
        }
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            if (row->txn_row) {
                inconsistent("%s: row left in a transaction", ts->name);
            }
            if (row->table != table) {
                inconsistent("%s: row points to another table", ts->name);
            }
            if (ovsdb_table_get_row(table, ovsdb_row_get_uuid(row))
                != row) {
                inconsistent("%s: row not found by its _uuid", ts->name);
            }
            for (size_t i = 0; i < ts->n_columns; i++) {
                const struct ovsdb_column *col = ts->columns_by_index[i];
                const struct ovsdb_datum *d = &row->fields[col->index];

                check_datum(table, col, d);
                check_refs(db, table, col, &col->type.key, d->keys, d->n,
                           &counts);
                if (d->values) {
                    check_refs(db, table, col, &col->type.value, d->values,
                               d->n, &counts);
                }
            }
            for (size_t i = 0; i < ts->n_indexes; i++) {
                if (ovsdb_table_index_find(table, i, row->fields) != row) {
                    inconsistent("%s: index %zu does not find its row",
                                 ts->name, i);
                }
            }
        }
        for (size_t i = 0; i < ts->n_indexes; i++) {
            if (hmap_count(&table->indexes[i]) != ovsdb_table_count(table)) {
                inconsistent("%s: index %zu has %zu rows, table %zu",
                             ts->name, i, hmap_count(&table->indexes[i]),
                             ovsdb_table_count(table));
            }
        }
    }

    /* Strong reference counts, and garbage collection of unreferenced
     * rows of non-root tables. */
    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct uuid *uuid = ovsdb_row_get_uuid(row);
            struct ref_count *c = find_count(&counts, uuid);
            size_t n = c ? c->n : 0;

            if (row->n_refs != n) {
                inconsistent("%s row "UUID_FMT": n_refs %zu, but %zu "
                             "strong references", table->schema->name,
                             UUID_ARGS(uuid), row->n_refs, n);
            }
            if (!table->schema->is_root && !n) {
                inconsistent("%s row "UUID_FMT" is not referenced but was "
                             "not garbage collected", table->schema->name,
                             UUID_ARGS(uuid));
            }
        }
    }
    HMAP_FOR_EACH_POP (rc, node, &counts) {
        free(rc);
    }
    hmap_destroy(&counts);
}

/* Checks the shape of a "transact" result for N_OPS operations. */
static void
check_result(const json_t *result, size_t n_ops)
{
    size_t n = json_array_size(result);
    bool failed = false;

    if (!json_is_array(result)) {
        die("result is not an array");
    }
    if (n < n_ops || n > n_ops + 1) {
        fprintf(stderr, "%zu results for %zu operations\n", n, n_ops);
        die("wrong number of results");
    }
    for (size_t i = 0; i < n; i++) {
        const json_t *r = json_array_get(result, i);

        if (failed) {
            if (!json_is_null(r)) {
                die("result after a failed operation is not null");
            }
        } else if (!json_is_object(r)) {
            die("result is neither an object nor null");
        } else if (json_object_get(r, "error")) {
            failed = true;
        }
    }
    if (n == n_ops + 1 && n_ops
        && !json_object_get(json_array_get(result, n - 1), "error")) {
        die("extra result that is not a commit error");
    }
}

static json_t *
snapshot(const struct ovsdb *db)
{
    json_t *json = ovsdb_file_snapshot_to_json(db, NULL);

    json_object_del(json, "_date");
    return json;
}

static void
check_convert(const struct ovsdb *db)
{
    struct ovsdb_error *error;
    struct ovsdb *copy;

    error = ovsdb_convert(db, ovsdb_schema_clone(db->schema), &copy);
    if (error) {
        fprintf(stderr, "%s\n", ovsdb_error_to_string(error));
        die("converting to the same schema failed");
    }
    json_t *a = snapshot(db);
    json_t *b = snapshot(copy);
    if (!json_equal(a, b)) {
        die("converting to the same schema changed the data");
    }
    json_decref(a);
    json_decref(b);
    check_db(copy);
    ovsdb_destroy(copy);
}

static json_t *
as_params(json_t *json, const char *db_name)
{
    json_t *params;

    if (json_is_array(json)
        && json_is_string(json_array_get(json, 0))) {
        return json;
    }
    params = json_array();
    json_array_append_new(params, json_string(db_name));
    if (json_is_array(json)) {
        json_array_extend(params, json);
        json_decref(json);
    } else {
        json_array_append_new(params, json);
    }
    return params;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool initialized;
    struct ovsdb *db;
    bool read_only, has_lock;
    long long int elapsed;
    uint8_t ctl;
    size_t ofs;

    if (!initialized) {
        initialize();
        initialized = true;
    }
    if (size < 1) {
        return 0;
    }
    ctl = data[0];
    read_only = ctl & 1;
    has_lock = ctl & 2;
    elapsed = ctl & 0x10 ? LLONG_MAX / 4 : 0;
    db = ovsdb_create(ovsdb_schema_clone(ctl & 4 ? test_schema
                                                 : vswitch_schema));

    ofs = 1;
    for (int i = 0; i < MAX_TXNS && ofs < size; i++) {
        long long int timeout = -1;
        json_error_t jerror;
        json_t *params, *result;
        bool durable;

        params = json_loadb((const char *) data + ofs, size - ofs,
                            JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY,
                            &jerror);
        if (!params) {
            break;
        }
        ofs += jerror.position;
        params = as_params(params, ovsdb_get_name(db));

        result = ovsdb_execute(db, params, read_only, lock_held, &has_lock,
                               elapsed, &timeout, &durable);
        if (!result) {
            if (timeout < 0) {
                die("wait pending but no timeout reported");
            }
            check_db(db);
            if (timeout != LLONG_MAX) {
                /* Run again once the wait must have timed out. */
                long long int later = (timeout > LLONG_MAX - 1 - elapsed
                                       ? LLONG_MAX - 1 : elapsed + timeout);

                result = ovsdb_execute(db, params, read_only, lock_held,
                                       &has_lock, later,
                                       &timeout, &durable);
                if (!result) {
                    die("wait still pending after its timeout");
                }
            }
        }
        if (result && verbose) {
            char *text = json_dumps(result, JSON_COMPACT);

            fprintf(stderr, "transaction %d: %s\n", i, text);
            free(text);
        }
        if (result) {
            check_result(result, json_array_size(params) - 1);
            json_decref(result);
        }
        check_db(db);
        json_decref(params);
    }

    if (ctl & 8) {
        check_convert(db);
    }
    ovsdb_destroy(db);
    return 0;
}
