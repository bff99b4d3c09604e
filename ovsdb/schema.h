/* schema: OVSDB database schemas (RFC 7047 <database-schema>, ovsdb(7)).
 *
 * Parsing validates everything a server must reject: names, version
 * format, column types and constraints, references to unknown tables,
 * index definitions.  Writing produces the same JSON as OVS's
 * `ovsdb-client get-schema`.
 *
 * Root tables: a table is in the root set if its "isRoot" is true.  For
 * compatibility with schemas that predate "isRoot", when no table of a
 * schema sets "isRoot" to true every table is a root table (its
 * is_root member is true), so nothing is garbage collected. */
#ifndef OVSDB_SCHEMA_H
#define OVSDB_SCHEMA_H 1

#include <jansson.h>
#include <stdbool.h>
#include "shash.h"
#include "table-schema.h"
#include "util.h"

struct ovsdb_error;

struct ovsdb_schema {
    char *name;                 /* Owned. */
    char *version;              /* "x.y.z", or "" if absent.  Owned. */
    char *cksum;                /* Owned; NULL if absent. */
    struct shash tables;        /* name -> struct ovsdb_table_schema *
                                 * (owned). */
};

/* Creates an empty schema (strings copied; VERSION NULL means "", CKSUM
 * may be NULL).  Caller frees with ovsdb_schema_destroy(). */
struct ovsdb_schema *ovsdb_schema_create(const char *name,
                                         const char *version,
                                         const char *cksum);
/* Returns a deep copy with references resolved inside the copy.  Caller
 * frees. */
struct ovsdb_schema *ovsdb_schema_clone(const struct ovsdb_schema *schema);
void ovsdb_schema_destroy(struct ovsdb_schema *schema);     /* NULL ok. */

/* Parses JSON (borrowed) as a <database-schema> into *SCHEMAP (caller
 * frees).  On error *SCHEMAP is NULL and the caller owns the error. */
struct ovsdb_error *ovsdb_schema_from_json(const json_t *json,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;
/* Reads and parses schema file FILE_NAME (errors mention the file). */
struct ovsdb_error *ovsdb_schema_from_file(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;
/* Returns SCHEMA as the JSON object OVS's get-schema returns.  Caller
 * owns the reference. */
json_t *ovsdb_schema_to_json(const struct ovsdb_schema *schema);

/* True if A and B are the same schema (compared as JSON). */
bool ovsdb_schema_equal(const struct ovsdb_schema *a,
                        const struct ovsdb_schema *b);

/* Returns table NAME or NULL.  Borrowed. */
struct ovsdb_table_schema *ovsdb_schema_get_table(
    const struct ovsdb_schema *schema, const char *name);

/* True if NAME is a valid identifier: [A-Za-z_][A-Za-z0-9_]*. */
bool ovsdb_is_identifier(const char *name);
/* True if S is a version "x.y.z" (each a decimal number, no leading
 * sign, fits in int). */
bool ovsdb_is_valid_version(const char *s);
/* Compares versions "x.y.z" numerically (invalid versions sort first). */
int ovsdb_version_compare(const char *a, const char *b);

#endif /* ovsdb/schema.h */
