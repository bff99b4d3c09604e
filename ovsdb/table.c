/* table: rows of one table, by _uuid and by each unique index, and the
 * condition evaluation that uses them.  Index maps hold committed rows
 * only; queries inside a transaction combine them with the rows the
 * transaction touched (table->txn_rows), so a lookup costs time
 * proportional to the matches plus the transaction's size in this table,
 * never to the table's size. */
#include "table.h"

#include <stdlib.h>
#include "column.h"
#include "condition.h"
#include "ovsdb-data.h"
#include "row.h"
#include "table-schema.h"
#include "transaction.h"
#include "uuid.h"

struct ovsdb_table *
ovsdb_table_create(struct ovsdb_table_schema *schema)
{
    struct ovsdb_table *table = xzalloc(sizeof *table);

    table->schema = schema;
    table->db = NULL;
    hmap_init(&table->rows);
    table->indexes = xcalloc(schema->n_indexes ? schema->n_indexes : 1,
                             sizeof *table->indexes);
    for (size_t i = 0; i < schema->n_indexes; i++) {
        hmap_init(&table->indexes[i]);
    }
    ovs_list_init(&table->txn_rows);
    return table;
}

void
ovsdb_table_destroy(struct ovsdb_table *table)
{
    if (!table) {
        return;
    }

    struct ovsdb_row *row;
    HMAP_FOR_EACH_POP (row, hmap_node, &table->rows) {
        ovsdb_row_destroy(row);
    }
    hmap_destroy(&table->rows);
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        hmap_destroy(&table->indexes[i]);
    }
    free(table->indexes);
    free(table);
}

size_t
ovsdb_table_count(const struct ovsdb_table *table)
{
    return hmap_count(&table->rows);
}

const struct ovsdb_row *
ovsdb_table_get_row(const struct ovsdb_table *table, const struct uuid *uuid)
{
    const struct ovsdb_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(ovsdb_row_get_uuid(row), uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Index hashing works on an array of datum pointers, one per column of the
 * index, so that rows and condition arguments share the code. */
static uint32_t
index_hash_args(const struct ovsdb_column_set *index,
                const struct ovsdb_datum *const *args)
{
    uint32_t hash = 0;

    for (size_t i = 0; i < index->n_columns; i++) {
        hash = ovsdb_datum_hash(args[i], &index->columns[i]->type, hash);
    }
    return hash;
}

static bool
index_equal_args(const struct ovsdb_column_set *index,
                 const struct ovsdb_datum *fields,
                 const struct ovsdb_datum *const *args)
{
    for (size_t i = 0; i < index->n_columns; i++) {
        const struct ovsdb_column *column = index->columns[i];
        if (!ovsdb_datum_equals(&fields[column->index], args[i],
                                &column->type)) {
            return false;
        }
    }
    return true;
}

uint32_t
ovsdb_table_index_hash(const struct ovsdb_table *table, size_t index,
                       const struct ovsdb_datum *fields)
{
    const struct ovsdb_column_set *cols = &table->schema->indexes[index];
    uint32_t hash = 0;

    for (size_t i = 0; i < cols->n_columns; i++) {
        const struct ovsdb_column *column = cols->columns[i];
        hash = ovsdb_datum_hash(&fields[column->index], &column->type, hash);
    }
    return hash;
}

bool
ovsdb_table_index_equal(const struct ovsdb_table *table, size_t index,
                        const struct ovsdb_datum *a,
                        const struct ovsdb_datum *b)
{
    const struct ovsdb_column_set *cols = &table->schema->indexes[index];

    for (size_t i = 0; i < cols->n_columns; i++) {
        const struct ovsdb_column *column = cols->columns[i];
        if (!ovsdb_datum_equals(&a[column->index], &b[column->index],
                                &column->type)) {
            return false;
        }
    }
    return true;
}

const struct ovsdb_row *
ovsdb_table_index_find(const struct ovsdb_table *table, size_t index,
                       const struct ovsdb_datum *fields)
{
    uint32_t hash = ovsdb_table_index_hash(table, index, fields);
    const struct ovsdb_row_index_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &table->indexes[index]) {
        if (ovsdb_table_index_equal(table, index, node->row->fields,
                                    fields)) {
            return node->row;
        }
    }
    return NULL;
}

void
ovsdb_table_index_insert(struct ovsdb_table *table, struct ovsdb_row *row)
{
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        hmap_insert(&table->indexes[i], &row->index_nodes[i].node,
                    ovsdb_table_index_hash(table, i, row->fields));
    }
}

void
ovsdb_table_index_remove(struct ovsdb_table *table, struct ovsdb_row *row)
{
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        hmap_remove(&table->indexes[i], &row->index_nodes[i].node);
    }
}

static unsigned long long int n_examined;

unsigned long long int
ovsdb_table_get_n_examined(void)
{
    return n_examined;
}

static void
query_add_if_match(const struct ovsdb_row *row,
                   const struct ovsdb_condition *cond,
                   struct ovsdb_row_set *results)
{
    n_examined++;
    if (ovsdb_condition_match_every_clause(row->fields, cond)) {
        ovsdb_row_set_add_row(results, row);
    }
}

/* Tries to answer COND from index INDEX; returns false if COND does not
 * have an "==" clause on every column of the index. */
static bool
query_by_index(const struct ovsdb_table *table, size_t index,
               const struct ovsdb_condition *cond,
               struct ovsdb_row_set *results)
{
    const struct ovsdb_column_set *cols = &table->schema->indexes[index];
    const struct ovsdb_datum *stub[8];
    const struct ovsdb_datum **args;

    args = (cols->n_columns <= ARRAY_SIZE(stub)
            ? stub : xmalloc(cols->n_columns * sizeof *args));
    for (size_t i = 0; i < cols->n_columns; i++) {
        args[i] = ovsdb_condition_get_eq_arg(cond, cols->columns[i]->index);
        if (!args[i]) {
            if (args != stub) {
                free(args);
            }
            return false;
        }
    }

    /* Committed rows that the transaction did not touch... */
    uint32_t hash = index_hash_args(cols, args);
    const struct ovsdb_row_index_node *node;
    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &table->indexes[index]) {
        const struct ovsdb_row *row = node->row;
        if (!row->txn_row && index_equal_args(cols, row->fields, args)) {
            query_add_if_match(row, cond, results);
        }
    }
    /* ...and the current versions of the rows it touched. */
    const struct ovsdb_txn_row *txn_row;
    LIST_FOR_EACH (txn_row, table_node, &table->txn_rows) {
        if (txn_row->new) {
            query_add_if_match(txn_row->new, cond, results);
        }
    }

    if (args != stub) {
        free(args);
    }
    return true;
}

void
ovsdb_table_query(const struct ovsdb_table *table,
                  const struct ovsdb_condition *cond,
                  struct ovsdb_row_set *results)
{
    struct uuid uuid;

    if (ovsdb_condition_has_false(cond)) {
        return;
    }
    if (ovsdb_condition_get_uuid_eq(cond, &uuid)) {
        const struct ovsdb_row *row = ovsdb_table_get_row(table, &uuid);
        if (row) {
            query_add_if_match(row, cond, results);
        }
        return;
    }
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        if (query_by_index(table, i, cond, results)) {
            return;
        }
    }

    const struct ovsdb_row *row;
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        query_add_if_match(row, cond, results);
    }
}
