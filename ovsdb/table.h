/* table: the rows of one OVSDB table, its unique indexes, and queries.
 *
 * A table holds its current rows in an hmap keyed by uuid_hash(_uuid).
 * While a transaction is in progress the map already reflects the
 * transaction's view (inserted and modified rows are in it, deleted rows
 * are not), so reading a table inside a transaction sees the
 * transaction's own changes; ovsdb_txn_abort() restores it.
 *
 * Each index of the table schema ("indexes") has an hmap of the
 * committed rows keyed by the hash of the index columns' values.  The
 * commit keeps them unique and up to date.
 *
 * ovsdb_table_query() evaluates a condition without scanning the table
 * when it can: a clause [_uuid, ==, U] is a direct lookup, and "=="
 * clauses on every column of an index use that index. */
#ifndef OVSDB_TABLE_H
#define OVSDB_TABLE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hmap.h"
#include "list.h"
#include "util.h"

struct ovsdb;
struct ovsdb_condition;
struct ovsdb_datum;
struct ovsdb_row;
struct ovsdb_row_set;
struct ovsdb_table_schema;
struct uuid;

struct ovsdb_table {
    struct ovsdb_table_schema *schema; /* Borrowed (owned by the db's
                                        * schema). */
    struct ovsdb *db;           /* Database it belongs to, or NULL. */
    struct hmap rows;           /* struct ovsdb_row, by uuid_hash(_uuid):
                                 * the current (transaction's) view. */
    struct hmap *indexes;       /* schema->n_indexes maps of committed
                                 * rows (row->index_nodes[i]). */
    struct ovs_list txn_rows;   /* struct ovsdb_txn_row (table_node):
                                 * rows the current transaction touched. */
};

/* Creates an empty table for SCHEMA (borrowed; must outlive the table).
 * Caller frees with ovsdb_table_destroy(). */
struct ovsdb_table *ovsdb_table_create(struct ovsdb_table_schema *schema);
/* Frees TABLE and all its rows.  No transaction may be in progress on
 * it.  NULL is ok. */
void ovsdb_table_destroy(struct ovsdb_table *table);

/* Returns the number of rows in the current view. */
size_t ovsdb_table_count(const struct ovsdb_table *table);
/* Returns the row whose _uuid is UUID in the current view, or NULL.
 * Borrowed; valid until the next change to the table. */
const struct ovsdb_row *ovsdb_table_get_row(const struct ovsdb_table *table,
                                            const struct uuid *uuid);

/* Index support.  FIELDS is an array of datums by column index (e.g. a
 * row's fields). */
uint32_t ovsdb_table_index_hash(const struct ovsdb_table *table,
                                size_t index, const struct ovsdb_datum *);
bool ovsdb_table_index_equal(const struct ovsdb_table *table, size_t index,
                             const struct ovsdb_datum *a,
                             const struct ovsdb_datum *b);
/* Returns the committed row whose values in index INDEX equal those in
 * FIELDS, or NULL (committed state: ignores the current transaction). */
const struct ovsdb_row *ovsdb_table_index_find(
    const struct ovsdb_table *table, size_t index,
    const struct ovsdb_datum *fields);
/* Adds / removes committed ROW to / from every index of its table
 * (engine use). */
void ovsdb_table_index_insert(struct ovsdb_table *table,
                              struct ovsdb_row *row);
void ovsdb_table_index_remove(struct ovsdb_table *table,
                              struct ovsdb_row *row);

/* Appends to RESULTS (initialized by the caller) every row of the current
 * view that matches every clause of COND (borrowed), using a _uuid or
 * index lookup instead of a scan when COND allows.  The rows are
 * borrowed: valid until the table changes.  Order is unspecified. */
void ovsdb_table_query(const struct ovsdb_table *table,
                       const struct ovsdb_condition *cond,
                       struct ovsdb_row_set *results);

/* Returns how many rows ovsdb_table_query() has tested against a
 * condition since the program started (a statistic: lookups by _uuid or
 * index add only their matches). */
unsigned long long int ovsdb_table_get_n_examined(void);

#endif /* ovsdb/table.h */
