/* row: one row of an OVSDB table, and small row utilities.
 *
 * A row holds one datum per column of its table (fields[], by column
 * index: _uuid at OVSDB_COL_UUID, _version at OVSDB_COL_VERSION) plus the
 * engine's bookkeeping: its place in the table's row map, the
 * transaction that is changing it, the number of strong references other
 * committed rows hold to it, and the weak references from and to it.
 *
 * Rows that belong to a table are read-only to everyone but the
 * transaction engine: to change one, get a writable copy with
 * ovsdb_txn_row_modify() (transaction.h).  Rows created with
 * ovsdb_row_create() and not yet handed to a transaction are the
 * creator's to fill in.
 *
 * This module also provides the row <-> JSON conversions of RFC 7047
 * (<row> objects) and a simple growable array of rows (struct
 * ovsdb_row_set) used for query results. */
#ifndef OVSDB_ROW_H
#define OVSDB_ROW_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hmap.h"
#include "list.h"
#include "ovsdb-data.h"
#include "util.h"
#include "uuid.h"

struct ovsdb_column;
struct ovsdb_column_set;
struct ovsdb_error;
struct ovsdb_symbol_table;
struct ovsdb_table;
struct ovsdb_row_index_node;
struct ovsdb_txn_row;

struct ovsdb_row {
    struct hmap_node hmap_node; /* In table->rows, by uuid_hash(_uuid). */
    struct ovsdb_table *table;  /* Table the row belongs (or will) to. */
    struct ovsdb_txn_row *txn_row; /* Transaction changing it, or NULL. */
    size_t n_refs;              /* Strong references to this row held by
                                 * committed rows (one per atom). */
    struct ovs_list src_refs;   /* struct ovsdb_weak_ref (src_node): weak
                                 * references this committed row holds. */
    struct ovs_list dst_refs;   /* struct ovsdb_weak_ref (dst_node): weak
                                 * references to this committed row. */
    struct ovsdb_row_index_node *index_nodes; /* One per index of the
                                    * table, in table->indexes[i] while
                                    * the row is committed. */
    struct ovsdb_datum fields[];   /* One per column, by column index. */
};

/* A row's node in one index map of its table. */
struct ovsdb_row_index_node {
    struct hmap_node node;      /* In table->indexes[i]. */
    struct ovsdb_row *row;      /* The row. */
};

/* A weak reference held by a committed row (engine bookkeeping: lets a
 * commit find, in time proportional to their number, the rows whose weak
 * references must be removed when a row is deleted). */
struct ovsdb_weak_ref {
    struct ovs_list src_node;   /* In the referencing row's src_refs. */
    struct ovs_list dst_node;   /* In the referenced row's dst_refs. */
    struct ovsdb_table *src_table;      /* Table of the referencing row. */
    struct uuid src_uuid;       /* _uuid of the referencing row. */
    const struct ovsdb_column *column;  /* Column holding the reference. */
};

/* Creates a row for TABLE (borrowed) with every column at its default
 * value and an all-zeros _uuid and _version.  The caller owns the row
 * until it hands it to ovsdb_txn_row_insert(); free it otherwise with
 * ovsdb_row_destroy(). */
struct ovsdb_row *ovsdb_row_create(const struct ovsdb_table *table);
/* Returns a deep copy of ROW's fields for the same table, with fresh
 * bookkeeping (not in any table, transaction or weak reference list) but
 * the same n_refs.  Caller frees with ovsdb_row_destroy(). */
struct ovsdb_row *ovsdb_row_clone(const struct ovsdb_row *row);
/* Frees ROW and its fields, unlinking and freeing any weak reference
 * records still attached to it.  ROW must not be in a table's row map or
 * index.  NULL is ok. */
void ovsdb_row_destroy(struct ovsdb_row *row);

/* Returns ROW's _uuid / _version (borrowed from ROW). */
const struct uuid *ovsdb_row_get_uuid(const struct ovsdb_row *row);
const struct uuid *ovsdb_row_get_version(const struct ovsdb_row *row);
/* Writable access to the _uuid of a row the caller may write. */
struct uuid *ovsdb_row_get_uuid_rw(struct ovsdb_row *row);

/* Hash / compare ROW's values in COLUMNS (borrowed). */
uint32_t ovsdb_row_hash_columns(const struct ovsdb_row *row,
                                const struct ovsdb_column_set *columns,
                                uint32_t basis);
bool ovsdb_row_equal_columns(const struct ovsdb_row *a,
                             const struct ovsdb_row *b,
                             const struct ovsdb_column_set *columns);
int ovsdb_row_compare_columns_3way(const struct ovsdb_row *a,
                                   const struct ovsdb_row *b,
                                   const struct ovsdb_column_set *columns);
/* Replaces DST's values in COLUMNS by copies of SRC's.  DST must be
 * writable. */
void ovsdb_row_update_columns(struct ovsdb_row *dst,
                              const struct ovsdb_row *src,
                              const struct ovsdb_column_set *columns);

/* Parses JSON (borrowed: an RFC 7047 <row> object, column name -> value)
 * into ROW (writable), replacing the values of the columns it names.
 * Named UUIDs resolve through SYMTAB (NULL: not allowed).  If INCLUDED is
 * nonnull, the columns found are appended to it (initialized by the
 * caller).  "_uuid" and "_version" are parsed like other columns; callers
 * decide whether they are allowed.  Errors: "unknown column" ("No column
 * X in table T.") with the object as syntax, or the datum's parse error.
 * On error ROW may be partly updated.  Caller owns the error. */
struct ovsdb_error *ovsdb_row_from_json(struct ovsdb_row *row,
                                        const json_t *json,
                                        struct ovsdb_symbol_table *symtab,
                                        struct ovsdb_column_set *included)
    OVS_WARN_UNUSED_RESULT;
/* Returns ROW's values in COLUMNS (borrowed) as a JSON object in wire
 * form, members in COLUMNS order.  Caller owns the reference. */
json_t *ovsdb_row_to_json(const struct ovsdb_row *row,
                          const struct ovsdb_column_set *columns);

/* A growable array of borrowed rows. */
struct ovsdb_row_set {
    const struct ovsdb_row **rows;
    size_t n_rows, allocated_rows;
};

#define OVSDB_ROW_SET_INITIALIZER { NULL, 0, 0 }

void ovsdb_row_set_init(struct ovsdb_row_set *set);
void ovsdb_row_set_destroy(struct ovsdb_row_set *set); /* Frees the array.*/
void ovsdb_row_set_add_row(struct ovsdb_row_set *set,
                           const struct ovsdb_row *row);
/* Sorts SET by the values in COLUMNS (ovsdb_row_compare_columns_3way()). */
void ovsdb_row_set_sort(struct ovsdb_row_set *set,
                        const struct ovsdb_column_set *columns);

#endif /* ovsdb/row.h */
