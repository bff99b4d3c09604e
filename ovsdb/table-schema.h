/* table-schema: the schema of one OVSDB table (RFC 7047 <table-schema>):
 * its columns (the implicit "_uuid" and "_version" first), whether it is
 * a root table, its row limit and its indexes. */
#ifndef OVSDB_TABLE_SCHEMA_H
#define OVSDB_TABLE_SCHEMA_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "column.h"
#include "shash.h"
#include "util.h"

struct ovsdb_error;

struct ovsdb_table_schema {
    char *name;                         /* Owned. */
    bool mutable_;                      /* False if some column is
                                         * immutable (informational). */
    bool is_root;                       /* Root set for garbage collection
                                         * (see ovsdb_schema_from_json()). */
    unsigned int max_rows;              /* UINT_MAX = unlimited. */
    struct shash columns;               /* name -> struct ovsdb_column *
                                         * (owned). */
    struct ovsdb_column **columns_by_index; /* n_columns entries
                                             * (borrowed from COLUMNS). */
    size_t n_columns;                   /* Including _uuid and _version. */
    struct ovsdb_column_set *indexes;   /* n_indexes sets (owned arrays). */
    size_t n_indexes;
};

/* Creates table schema NAME (copied) holding only the _uuid and _version
 * columns.  Caller frees with ovsdb_table_schema_destroy(). */
struct ovsdb_table_schema *ovsdb_table_schema_create(const char *name,
                                                     bool is_root,
                                                     unsigned int max_rows);
/* Adds COLUMN (takes ownership), giving it the next index.  COLUMN's name
 * must not exist in TABLE yet. */
void ovsdb_table_schema_add_column(struct ovsdb_table_schema *table,
                                   struct ovsdb_column *column);
/* Returns a deep copy.  Reference base types keep their ref_table_name;
 * their ref_table pointers still point into the original schema until the
 * schema clone re-resolves them.  Caller frees. */
struct ovsdb_table_schema *ovsdb_table_schema_clone(
    const struct ovsdb_table_schema *table);
void ovsdb_table_schema_destroy(struct ovsdb_table_schema *table);/*NULL ok*/

/* Parses a <table-schema> object (borrowed JSON) for table NAME (copied)
 * into *TABLEP (caller frees).  Checks column names, types, maxRows,
 * isRoot and indexes (index columns must exist and not be ephemeral).
 * Reference targets are checked by ovsdb_schema_from_json().  On error
 * *TABLEP is NULL and the caller owns the error. */
struct ovsdb_error *ovsdb_table_schema_from_json(
    const json_t *json, const char *name,
    struct ovsdb_table_schema **tablep)
    OVS_WARN_UNUSED_RESULT;
/* Returns the <table-schema> as OVS writes it.  "isRoot" is written only
 * when TABLE->is_root differs from DEFAULT_IS_ROOT (see schema.h).
 * Caller owns the reference. */
json_t *ovsdb_table_schema_to_json(const struct ovsdb_table_schema *table,
                                   bool default_is_root);

/* Returns the column NAME or NULL.  Borrowed. */
const struct ovsdb_column *ovsdb_table_schema_get_column(
    const struct ovsdb_table_schema *table, const char *name);

#endif /* ovsdb/table-schema.h */
