/* server-db: the built-in _Server database.  See server-db.h. */
#include "server-db.h"

#include <string.h>
#include "column.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "schema.h"
#include "table.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(server_db);

/* The _Server schema, as OVS 3.1 serves it. */
static const char server_schema[] =
    "{\"name\":\"_Server\",\"version\":\"1.2.0\","
    "\"cksum\":\"3009684573 744\","
    "\"tables\":{\"Database\":{\"columns\":{"
    "\"name\":{\"type\":\"string\"},"
    "\"model\":{\"type\":{\"key\":{\"type\":\"string\","
    "\"enum\":[\"set\",[\"clustered\",\"relay\",\"standalone\"]]}}},"
    "\"connected\":{\"type\":\"boolean\"},"
    "\"leader\":{\"type\":\"boolean\"},"
    "\"schema\":{\"type\":{\"key\":\"string\",\"min\":0}},"
    "\"sid\":{\"type\":{\"key\":\"uuid\",\"min\":0}},"
    "\"cid\":{\"type\":{\"key\":\"uuid\",\"min\":0}},"
    "\"index\":{\"type\":{\"key\":\"integer\",\"min\":0}}}}}}";

struct ovsdb *
ovsdb_server_db_create(void)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    json_error_t json_error;
    json_t *json;

    json = json_loads(server_schema, 0, &json_error);
    if (!json) {
        ovs_abort_at(__FILE__, "bad _Server schema: %s", json_error.text);
    }
    error = ovsdb_schema_from_json(json, &schema);
    json_decref(json);
    if (error) {
        ovs_abort_at(__FILE__, "bad _Server schema: %s",
                     ovsdb_error_to_string_free(error));
    }
    return ovsdb_create(schema);
}

/* Returns DB's schema as compact JSON text with sorted members (caller
 * frees). */
static char *
schema_text(const struct ovsdb *db)
{
    json_t *json = ovsdb_schema_to_json(db->schema);
    char *s = json_dumps(json, JSON_COMPACT | JSON_SORT_KEYS);

    json_decref(json);
    return s ? s : xstrdup("");
}

static unsigned int
column_index(const struct ovsdb_table *table, const char *name)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(table->schema, name);

    if (!column) {
        OVS_NOT_REACHED();
    }
    return column->index;
}

static const char *
row_get_string(const struct ovsdb_row *row, unsigned int index)
{
    const struct ovsdb_datum *d = &row->fields[index];

    return d->n ? d->keys[0].string : "";
}

static void
set_string(struct ovsdb_row *row, unsigned int index, const char *s)
{
    const struct ovsdb_column *column
        = row->table->schema->columns_by_index[index];

    ovsdb_datum_destroy(&row->fields[index], &column->type);
    ovsdb_datum_init_string(&row->fields[index], s);
}

static void
set_boolean(struct ovsdb_row *row, unsigned int index, bool b)
{
    const struct ovsdb_column *column
        = row->table->schema->columns_by_index[index];

    ovsdb_datum_destroy(&row->fields[index], &column->type);
    ovsdb_datum_init_boolean(&row->fields[index], b);
}

void
ovsdb_server_db_update(struct ovsdb *server_db, struct ovsdb *const *dbs,
                       size_t n_dbs)
{
    struct ovsdb_table *table = ovsdb_get_table(server_db, "Database");
    unsigned int name_idx = column_index(table, "name");
    unsigned int schema_idx = column_index(table, "schema");
    const struct ovsdb_row **rows;
    const struct ovsdb_row *row;
    struct ovsdb_error *error;
    struct ovsdb_txn *txn;
    bool *have_row;
    size_t n_rows = 0, i;

    /* Snapshot the rows: the transaction changes the table's row map. */
    rows = xcalloc(hmap_count(&table->rows) + 1, sizeof *rows);
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        rows[n_rows++] = row;
    }
    have_row = xcalloc(n_dbs + 1, sizeof *have_row);

    txn = ovsdb_txn_create(server_db);
    for (i = 0; i < n_rows; i++) {
        const char *name = row_get_string(rows[i], name_idx);
        size_t j;

        for (j = 0; j < n_dbs; j++) {
            if (!have_row[j] && !strcmp(name, ovsdb_get_name(dbs[j]))) {
                break;
            }
        }
        if (j >= n_dbs) {
            ovsdb_txn_row_delete(txn, rows[i]);
        } else {
            char *schema = schema_text(dbs[j]);

            have_row[j] = true;
            if (strcmp(schema, row_get_string(rows[i], schema_idx))) {
                struct ovsdb_row *rw = ovsdb_txn_row_modify(txn, rows[i]);

                set_string(rw, schema_idx, schema);
            }
            free(schema);
        }
    }
    for (i = 0; i < n_dbs; i++) {
        struct ovsdb_row *new;
        char *schema;

        if (have_row[i]) {
            continue;
        }
        new = ovsdb_row_create(table);
        *ovsdb_row_get_uuid_rw(new) = uuid_random();
        set_string(new, name_idx, ovsdb_get_name(dbs[i]));
        set_string(new, column_index(table, "model"), "standalone");
        set_boolean(new, column_index(table, "connected"), true);
        set_boolean(new, column_index(table, "leader"), true);
        schema = schema_text(dbs[i]);
        set_string(new, schema_idx, schema);
        free(schema);
        error = ovsdb_txn_row_insert(txn, new);
        if (error) {
            char *s = ovsdb_error_to_string_free(error);

            VLOG_ERR("%s", s);
            free(s);
        }
    }
    error = ovsdb_txn_commit(txn, false);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        VLOG_ERR("updating %s database failed: %s", OVSDB_SERVER_DB_NAME, s);
        free(s);
    }
    free(have_row);
    free(rows);
}
