/* column: OVSDB column schemas and column sets.
 *
 * A struct ovsdb_column describes one column of a table: its name, its
 * index in a row's fields[] array, its type and whether it is mutable and
 * persistent ("ephemeral" columns are not).  Every table has the implicit
 * columns "_uuid" (index OVSDB_COL_UUID) and "_version"
 * (OVSDB_COL_VERSION), added by the table schema.
 *
 * A struct ovsdb_column_set is an ordered list of (borrowed) columns, as
 * used for index definitions, "columns" members of requests and the
 * columns a monitor watches. */
#ifndef OVSDB_COLUMN_H
#define OVSDB_COLUMN_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "ovsdb-types.h"
#include "util.h"

struct ds;
struct ovsdb_error;
struct ovsdb_table_schema;

struct ovsdb_column {
    unsigned int index;         /* Position in row->fields[]. */
    char *name;                 /* Owned. */
    bool mutable_;              /* Default true; false: set only on insert.*/
    bool persistent;            /* False for "ephemeral": true columns. */
    struct ovsdb_type type;     /* Owned. */
};

/* Standard columns every table has, by index. */
enum {
    OVSDB_COL_UUID = 0,         /* "_uuid", type uuid, immutable. */
    OVSDB_COL_VERSION = 1,      /* "_version", type uuid, immutable. */
    OVSDB_N_STD_COLUMNS = 2
};

/* Creates a column NAME (copied) of a copy of TYPE.  Index is set when the
 * column is added to a table.  Caller frees with ovsdb_column_destroy(). */
struct ovsdb_column *ovsdb_column_create(const char *name, bool mutable_,
                                         bool persistent,
                                         const struct ovsdb_type *type);
/* Returns a deep copy (same index).  Caller frees. */
struct ovsdb_column *ovsdb_column_clone(const struct ovsdb_column *column);
void ovsdb_column_destroy(struct ovsdb_column *column);    /* NULL ok. */

/* Parses a <column-schema> object (borrowed JSON) named NAME (copied)
 * into a new column stored in *COLUMNP (caller frees).  Does not check
 * that NAME is a valid column name (the table schema does).  On error
 * *COLUMNP is NULL and the caller owns the error. */
struct ovsdb_error *ovsdb_column_from_json(const json_t *json,
                                           const char *name,
                                           struct ovsdb_column **columnp)
    OVS_WARN_UNUSED_RESULT;
/* Returns the <column-schema> as OVS writes it: {"type": ...} plus
 * "ephemeral": true / "mutable": false only when not the default.
 * Caller owns the reference. */
json_t *ovsdb_column_to_json(const struct ovsdb_column *column);

/* Column sets. */
struct ovsdb_column_set {
    const struct ovsdb_column **columns;   /* Borrowed columns. */
    size_t n_columns, allocated_columns;
};

#define OVSDB_COLUMN_SET_INITIALIZER { NULL, 0, 0 }

void ovsdb_column_set_init(struct ovsdb_column_set *set);
void ovsdb_column_set_destroy(struct ovsdb_column_set *set);
void ovsdb_column_set_clone(struct ovsdb_column_set *dst,
                            const struct ovsdb_column_set *src);
/* Appends COLUMN (duplicates allowed; see ovsdb_column_set_contains()). */
void ovsdb_column_set_add(struct ovsdb_column_set *set,
                          const struct ovsdb_column *column);
/* Appends every column of TABLE in index order (including _uuid and
 * _version). */
void ovsdb_column_set_add_all(struct ovsdb_column_set *set,
                              const struct ovsdb_table_schema *table);
/* Removes the column at position IDX, keeping order. */
void ovsdb_column_set_remove(struct ovsdb_column_set *set, size_t idx);
/* Returns the position of the column named NAME, or SIZE_MAX. */
size_t ovsdb_column_set_find(const struct ovsdb_column_set *set,
                             const char *name);
/* True if SET contains the column with index COLUMN_INDEX. */
bool ovsdb_column_set_contains(const struct ovsdb_column_set *set,
                               unsigned int column_index);
bool ovsdb_column_set_is_empty(const struct ovsdb_column_set *set);
/* True if both hold the same columns in the same order. */
bool ovsdb_column_set_equals(const struct ovsdb_column_set *a,
                             const struct ovsdb_column_set *b);
/* True if every column of SUBSET is in SET. */
bool ovsdb_column_set_is_superset(const struct ovsdb_column_set *set,
                                  const struct ovsdb_column_set *subset);

/* Parses a JSON array of column names of TABLE (borrowed) into SET
 * (initialized by the caller).  Unknown names are a "syntax error"
 * mentioning the name; duplicates are an error too.  On error SET may hold
 * some columns (destroy it). */
struct ovsdb_error *ovsdb_column_set_from_json(
    const json_t *json, const struct ovsdb_table_schema *table,
    struct ovsdb_column_set *set)
    OVS_WARN_UNUSED_RESULT;
/* Returns a JSON array of the column names.  Caller owns it. */
json_t *ovsdb_column_set_to_json(const struct ovsdb_column_set *set);
/* Appends the names separated by ", " to OUT. */
void ovsdb_column_set_to_string(const struct ovsdb_column_set *set,
                                struct ds *out);

#endif /* ovsdb/column.h */
