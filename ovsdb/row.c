/* row: OVSDB rows.  A row is one allocation: the struct, its fields (one
 * datum per column) and its index nodes (one per index of the table).
 * The datums are always valid values of their column types; the rest is
 * bookkeeping maintained by the transaction engine (transaction.c). */
#include "row.h"

#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "ovsdb-error.h"
#include "table-schema.h"
#include "table.h"

static struct ovsdb_row *
row_alloc(const struct ovsdb_table *table)
{
    const struct ovsdb_table_schema *ts = table->schema;
    size_t fields_size = ts->n_columns * sizeof(struct ovsdb_datum);
    size_t size = (sizeof(struct ovsdb_row) + fields_size
                   + ts->n_indexes * sizeof(struct ovsdb_row_index_node));
    struct ovsdb_row *row = xzalloc(size);

    row->table = (struct ovsdb_table *) table;
    row->txn_row = NULL;
    row->n_refs = 0;
    ovs_list_init(&row->src_refs);
    ovs_list_init(&row->dst_refs);
    row->index_nodes = (struct ovsdb_row_index_node *)
        ((char *) row->fields + fields_size);
    for (size_t i = 0; i < ts->n_indexes; i++) {
        row->index_nodes[i].row = row;
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_create(const struct ovsdb_table *table)
{
    const struct ovsdb_table_schema *ts = table->schema;
    struct ovsdb_row *row = row_alloc(table);

    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_init_default(&row->fields[i],
                                 &ts->columns_by_index[i]->type);
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_clone(const struct ovsdb_row *old)
{
    const struct ovsdb_table_schema *ts = old->table->schema;
    struct ovsdb_row *row = row_alloc(old->table);

    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_clone(&row->fields[i], &old->fields[i],
                          &ts->columns_by_index[i]->type);
    }
    row->n_refs = old->n_refs;
    return row;
}

void
ovsdb_row_destroy(struct ovsdb_row *row)
{
    if (!row) {
        return;
    }

    struct ovsdb_weak_ref *wr;
    LIST_FOR_EACH_SAFE (wr, src_node, &row->src_refs) {
        ovs_list_remove(&wr->src_node);
        ovs_list_remove(&wr->dst_node);
        free(wr);
    }
    LIST_FOR_EACH_SAFE (wr, dst_node, &row->dst_refs) {
        ovs_list_remove(&wr->src_node);
        ovs_list_remove(&wr->dst_node);
        free(wr);
    }

    const struct ovsdb_table_schema *ts = row->table->schema;
    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_destroy(&row->fields[i], &ts->columns_by_index[i]->type);
    }
    free(row);
}

const struct uuid *
ovsdb_row_get_uuid(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

const struct uuid *
ovsdb_row_get_version(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_VERSION].keys[0].uuid;
}

struct uuid *
ovsdb_row_get_uuid_rw(struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

uint32_t
ovsdb_row_hash_columns(const struct ovsdb_row *row,
                       const struct ovsdb_column_set *columns,
                       uint32_t basis)
{
    for (size_t i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        basis = ovsdb_datum_hash(&row->fields[column->index], &column->type,
                                 basis);
    }
    return basis;
}

bool
ovsdb_row_equal_columns(const struct ovsdb_row *a, const struct ovsdb_row *b,
                        const struct ovsdb_column_set *columns)
{
    for (size_t i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        if (!ovsdb_datum_equals(&a->fields[column->index],
                                &b->fields[column->index], &column->type)) {
            return false;
        }
    }
    return true;
}

int
ovsdb_row_compare_columns_3way(const struct ovsdb_row *a,
                               const struct ovsdb_row *b,
                               const struct ovsdb_column_set *columns)
{
    for (size_t i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        int cmp = ovsdb_datum_compare_3way(&a->fields[column->index],
                                           &b->fields[column->index],
                                           &column->type);
        if (cmp) {
            return cmp;
        }
    }
    return 0;
}

void
ovsdb_row_update_columns(struct ovsdb_row *dst, const struct ovsdb_row *src,
                         const struct ovsdb_column_set *columns)
{
    for (size_t i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        struct ovsdb_datum tmp;

        ovsdb_datum_clone(&tmp, &src->fields[column->index], &column->type);
        ovsdb_datum_swap(&dst->fields[column->index], &tmp);
        ovsdb_datum_destroy(&tmp, &column->type);
    }
}

struct ovsdb_error *
ovsdb_row_from_json(struct ovsdb_row *row, const json_t *json,
                    struct ovsdb_symbol_table *symtab,
                    struct ovsdb_column_set *included)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    const char *name;
    json_t *value;

    if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "Object expected.");
    }
    json_object_foreach ((json_t *) json, name, value) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, name);
        if (!column) {
            return ovsdb_syntax_error(json, "unknown column",
                                      "No column %s in table %s.",
                                      name, ts->name);
        }

        struct ovsdb_datum datum;
        struct ovsdb_error *error = ovsdb_datum_from_json(
            &datum, &column->type, value, symtab);
        if (error) {
            return error;
        }
        ovsdb_datum_swap(&row->fields[column->index], &datum);
        ovsdb_datum_destroy(&datum, &column->type);
        if (included) {
            ovsdb_column_set_add(included, column);
        }
    }
    return NULL;
}

json_t *
ovsdb_row_to_json(const struct ovsdb_row *row,
                  const struct ovsdb_column_set *columns)
{
    json_t *json = json_object();

    for (size_t i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        json_object_set_new(json, column->name,
                            ovsdb_datum_to_json(&row->fields[column->index],
                                                &column->type));
    }
    return json;
}

void
ovsdb_row_set_init(struct ovsdb_row_set *set)
{
    set->rows = NULL;
    set->n_rows = set->allocated_rows = 0;
}

void
ovsdb_row_set_destroy(struct ovsdb_row_set *set)
{
    free(set->rows);
    ovsdb_row_set_init(set);
}

void
ovsdb_row_set_add_row(struct ovsdb_row_set *set, const struct ovsdb_row *row)
{
    if (set->n_rows >= set->allocated_rows) {
        set->rows = x2nrealloc(set->rows, &set->allocated_rows,
                               sizeof *set->rows);
    }
    set->rows[set->n_rows++] = row;
}

static int
compare_rows(const void *a_, const void *b_, void *columns_)
{
    const struct ovsdb_row *const *a = a_;
    const struct ovsdb_row *const *b = b_;
    const struct ovsdb_column_set *columns = columns_;

    return ovsdb_row_compare_columns_3way(*a, *b, columns);
}

void
ovsdb_row_set_sort(struct ovsdb_row_set *set,
                   const struct ovsdb_column_set *columns)
{
    if (set->n_rows > 1) {
        qsort_r(set->rows, set->n_rows, sizeof *set->rows, compare_rows,
                (void *) columns);
    }
}
