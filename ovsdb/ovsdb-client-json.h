/* ovsdb-client-json: JSON text the way OVS 3.1's own tools read and write
 * it, where that differs from jansson and shows in ovsdb-client output.
 *
 *   - Parsing text from the command line or a file: the top level must be
 *     an object or an array, numbers that are exact integers within int64
 *     become integers ("1.5e1" is 15, "1.0" is 1), other numbers reals, and
 *     errors read "line L, column C, byte B: MESSAGE" with OVS's messages
 *     and positions ("unexpected end of input", "invalid keyword 'x'",
 *     "leading zeros not allowed", ...).
 *   - JSON received from a server (parsed by jansson) is brought to the
 *     same number semantics by ovsdb_client_json_normalize().
 *   - OVS keeps object members in a hash table, so wherever it prints
 *     JSON unsorted, or lists the tables or columns of a schema, the order
 *     is that hash table's iteration order for the members' insertion
 *     order.  ovsdb_client_hash_order() reproduces it and
 *     ovsdb_client_json_put_unsorted() prints JSON that way.  Sorted JSON
 *     output is lib/table.h's table_put_json(). */
#ifndef OVSDB_CLIENT_JSON_H
#define OVSDB_CLIENT_JSON_H 1

#include <jansson.h>
#include <stddef.h>
#include "util.h"

struct ds;

/* Parses the LEN bytes at S.  Returns a new JSON value (caller decrefs),
 * or NULL with *ERRORP set to "line L, column C, byte B: MESSAGE" (caller
 * frees). */
json_t *ovsdb_client_json_parse(const char *s, size_t len, char **errorp)
    OVS_WARN_UNUSED_RESULT;

/* Reads and parses FILE_NAME.  On failure returns NULL with *ERRORP set
 * (caller frees) to 'error opening "FILE": REASON' or a parse error as
 * above. */
json_t *ovsdb_client_json_from_file(const char *file_name, char **errorp)
    OVS_WARN_UNUSED_RESULT;

/* Replaces, throughout JSON (borrowed, modified in place), each real that
 * is an exact integer within int64 by the integer, as OVS's parser would
 * have produced it. */
void ovsdb_client_json_normalize(json_t *json);

/* Appends JSON compactly with object members in OVS's hash-table order.
 * JSON is borrowed. */
void ovsdb_client_json_put_unsorted(struct ds *, const json_t *json);

/* Returns a new array (caller frees) of the N indexes into NAMES in the
 * order OVS iterates a string hash table into which NAMES[0], NAMES[1],
 * ... were inserted in turn.  NAMES must be distinct.  NAMES borrowed. */
size_t *ovsdb_client_hash_order(const char *const *names, size_t n);

#endif /* ovsdb/ovsdb-client-json.h */
