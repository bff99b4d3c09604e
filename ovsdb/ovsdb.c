/* ovsdb: an in-memory database (schema, tables, observers), and schema
 * conversion of a whole database. */
#include "ovsdb.h"

#include <stdlib.h>
#include "column.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "row.h"
#include "schema.h"
#include "table-schema.h"
#include "table.h"
#include "transaction.h"

struct ovsdb *
ovsdb_create(struct ovsdb_schema *schema)
{
    struct ovsdb *db = xzalloc(sizeof *db);

    db->schema = schema;
    shash_init(&db->tables);
    ovs_list_init(&db->observers);
    db->txn = NULL;
    db->n_commits = 0;

    struct shash_node *node;
    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table *table = ovsdb_table_create(node->data);
        table->db = db;
        shash_add(&db->tables, node->name, table);
    }
    return db;
}

void
ovsdb_destroy(struct ovsdb *db)
{
    if (!db) {
        return;
    }

    struct ovsdb_observer *observer;
    LIST_FOR_EACH_POP (observer, node, &db->observers) {
        ovs_list_poison(&observer->node);
        if (observer->class->destroy) {
            observer->class->destroy(observer);
        }
    }

    /* Weak reference records link rows of different tables; destroying
     * the rows unlinks them in any order. */
    struct shash_node *node;
    SHASH_FOR_EACH (node, &db->tables) {
        ovsdb_table_destroy(node->data);
    }
    shash_destroy(&db->tables);
    ovsdb_schema_destroy(db->schema);
    free(db);
}

const char *
ovsdb_get_name(const struct ovsdb *db)
{
    return db->schema->name;
}

struct ovsdb_table *
ovsdb_get_table(const struct ovsdb *db, const char *name)
{
    return shash_find_data(&db->tables, name);
}

void
ovsdb_add_observer(struct ovsdb *db, struct ovsdb_observer *observer)
{
    ovs_list_push_back(&db->observers, &observer->node);
}

void
ovsdb_remove_observer(struct ovsdb *db OVS_UNUSED,
                      struct ovsdb_observer *observer)
{
    ovs_list_remove(&observer->node);
    ovs_list_poison(&observer->node);
}

void
ovsdb_get_memory_usage(const struct ovsdb *db, size_t *n_rows,
                       size_t *n_atoms)
{
    size_t rows = 0, atoms = 0;
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_table_schema *ts = table->schema;
        const struct ovsdb_row *row;

        rows += hmap_count(&table->rows);
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            for (size_t i = 0; i < ts->n_columns; i++) {
                const struct ovsdb_column *column = ts->columns_by_index[i];
                size_t n = row->fields[i].n;
                atoms += (column->type.value.type == OVSDB_TYPE_VOID
                          ? n : 2 * n);
            }
        }
    }
    *n_rows = rows;
    *n_atoms = atoms;
}

/* Converts DATUM of column OLD_COLUMN into NEW_DATUM of NEW_COLUMN's type,
 * through the JSON form.  Values that the new type rejects are an
 * error. */
static struct ovsdb_error *
convert_datum(const struct ovsdb_column *old_column,
              const struct ovsdb_datum *datum,
              const struct ovsdb_column *new_column,
              struct ovsdb_datum *new_datum)
{
    if (ovsdb_type_equals(&old_column->type, &new_column->type)) {
        ovsdb_datum_clone(new_datum, datum, &new_column->type);
        return NULL;
    }

    json_t *json = ovsdb_datum_to_json(datum, &old_column->type);
    struct ovsdb_error *error = ovsdb_datum_from_json(
        new_datum, &new_column->type, json, NULL);
    json_decref(json);
    return error;
}

static struct ovsdb_error *
convert_table(struct ovsdb_txn *txn, const struct ovsdb_table *src,
              struct ovsdb_table *dst)
{
    const struct ovsdb_table_schema *dst_ts = dst->schema;
    const struct ovsdb_row *src_row;

    HMAP_FOR_EACH (src_row, hmap_node, &src->rows) {
        struct ovsdb_row *dst_row = ovsdb_row_create(dst);
        *ovsdb_row_get_uuid_rw(dst_row) = *ovsdb_row_get_uuid(src_row);

        for (size_t i = OVSDB_N_STD_COLUMNS; i < dst_ts->n_columns; i++) {
            const struct ovsdb_column *dst_column
                = dst_ts->columns_by_index[i];
            const struct ovsdb_column *src_column
                = ovsdb_table_schema_get_column(src->schema,
                                                dst_column->name);
            if (!src_column) {
                continue;
            }

            struct ovsdb_datum datum;
            struct ovsdb_error *error = convert_datum(
                src_column, &src_row->fields[src_column->index],
                dst_column, &datum);
            if (error) {
                ovsdb_row_destroy(dst_row);
                return ovsdb_wrap_error(
                    error, "Table %s column %s row "UUID_FMT
                    " cannot be converted", dst_ts->name, dst_column->name,
                    UUID_ARGS(ovsdb_row_get_uuid(src_row)));
            }
            ovsdb_datum_swap(&dst_row->fields[i], &datum);
            ovsdb_datum_destroy(&datum, &dst_column->type);
        }

        struct ovsdb_error *error = ovsdb_txn_row_insert(txn, dst_row);
        if (error) {
            return error;
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_convert(const struct ovsdb *src, struct ovsdb_schema *new_schema,
              struct ovsdb **dstp)
{
    struct ovsdb *dst = ovsdb_create(new_schema);
    struct ovsdb_txn *txn = ovsdb_txn_create(dst);
    struct ovsdb_error *error = NULL;

    *dstp = NULL;
    struct shash_node *node;
    SHASH_FOR_EACH (node, &dst->tables) {
        const struct ovsdb_table *src_table = ovsdb_get_table(src,
                                                              node->name);
        if (src_table) {
            error = convert_table(txn, src_table, node->data);
            if (error) {
                ovsdb_txn_abort(txn);
                goto out_destroy_dst;
            }
        }
    }

    error = ovsdb_txn_replay_commit(txn);
    if (error) {
        goto out_destroy_dst;
    }
    *dstp = dst;
    return NULL;

out_destroy_dst:
    ovsdb_destroy(dst);
    return error;
}
