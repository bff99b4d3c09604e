/* ovsdb-parser: checked access to the members of a JSON object, with the
 * error messages OVS gives for malformed OVSDB objects (schemas,
 * operations): "Required 'x' member is missing.", "Type mismatch for
 * member 'x'.", "Member 'x' is present but not allowed here.", each
 * prefixed with "Parsing <what> failed: ".
 *
 * Usage: ovsdb_parser_init(), one ovsdb_parser_member() per allowed
 * member, then ovsdb_parser_finish() (which reports members nobody asked
 * for) and ovsdb_parser_destroy().  The first error sticks; later member
 * calls return NULL. */
#ifndef OVSDB_PARSER_H
#define OVSDB_PARSER_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "shash.h"
#include "util.h"

struct ovsdb_error;

enum ovsdb_parser_types {
    OP_NULL = 1 << 0,           /* null */
    OP_FALSE = 1 << 1,          /* false */
    OP_TRUE = 1 << 2,           /* true */
    OP_BOOLEAN = OP_FALSE | OP_TRUE,
    OP_INTEGER = 1 << 3,        /* integer (or a real with an integral
                                 * value in int64 range, as OVS's JSON
                                 * parser reads "1.0" as an integer) */
    OP_NONINTEGER = 1 << 4,     /* real that is not an integer */
    OP_NUMBER = OP_INTEGER | OP_NONINTEGER,
    OP_STRING = 1 << 5,         /* any string */
    OP_ID = 1 << 6,             /* string that is an identifier */
    OP_ARRAY = 1 << 7,
    OP_OBJECT = 1 << 8,
    OP_ANY = (OP_NULL | OP_BOOLEAN | OP_NUMBER | OP_STRING | OP_ARRAY
              | OP_OBJECT),
    OP_OPTIONAL = 1 << 9        /* member may be absent */
};

struct ovsdb_parser {
    char *name;                 /* "database schema", ... (owned). */
    const json_t *json;         /* Object being parsed (borrowed). */
    struct shash used;          /* Names of members asked for. */
    struct ovsdb_error *error;  /* First error, or NULL. */
};

/* Starts parsing JSON (borrowed; must outlive the parser) described by
 * NAME_FMT (e.g. "table schema for table %s").  If JSON is not an object
 * the parser starts out with error "Object expected.". */
void ovsdb_parser_init(struct ovsdb_parser *parser, const json_t *json,
                       const char *name_fmt, ...) OVS_PRINTF_FORMAT(3, 4);
/* Returns member NAME if present and of one of TYPES, else NULL (raising
 * an error unless TYPES has OP_OPTIONAL and the member is absent).
 * Borrowed from the parsed object. */
const json_t *ovsdb_parser_member(struct ovsdb_parser *parser,
                                  const char *name,
                                  enum ovsdb_parser_types types);
/* Raises a syntax error about the parsed object (unless one is already
 * pending): "Parsing <name> failed: <message>". */
void ovsdb_parser_raise_error(struct ovsdb_parser *parser,
                              const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
bool ovsdb_parser_has_error(const struct ovsdb_parser *parser);
/* Checks for members that were never asked for, then returns the pending
 * error (caller owns it) or NULL, and destroys PARSER. */
struct ovsdb_error *ovsdb_parser_finish(struct ovsdb_parser *parser)
    OVS_WARN_UNUSED_RESULT;
/* Destroys PARSER, discarding any error. */
void ovsdb_parser_destroy(struct ovsdb_parser *parser);

/* True if JSON is an integer, or a real whose value is integral and fits
 * in int64 (stored in *VALUE). */
bool ovsdb_json_get_integer(const json_t *json, int64_t *value);
/* True if JSON is a number (stored in *VALUE). */
bool ovsdb_json_get_number(const json_t *json, double *value);

#endif /* ovsdb/ovsdb-parser.h */
