/* ovsdb-error: OVSDB error objects.
 *
 * A struct ovsdb_error carries an RFC 7047 error tag (the "error" member
 * of a JSON-RPC error object, e.g. "constraint violation"), a free-form
 * "details" text, optionally the JSON that caused a syntax error and an
 * errno for I/O errors.  Errors are heap objects: whoever receives one
 * owns it and must pass it on or free it with ovsdb_error_destroy().
 * Functions that can fail return "struct ovsdb_error *", NULL meaning
 * success. */
#ifndef OVSDB_ERROR_H
#define OVSDB_ERROR_H 1

#include <jansson.h>
#include "util.h"

struct ovsdb_error;

/* Creates an error with TAG (copied) and details formatted from
 * DETAILS_FMT (may be NULL for no details).  Caller owns the result. */
struct ovsdb_error *ovsdb_error(const char *tag, const char *details_fmt, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_error_valist(const char *tag,
                                       const char *details_fmt, va_list)
    OVS_PRINTF_FORMAT(2, 0) OVS_WARN_UNUSED_RESULT;

/* Creates a syntax error about JSON (borrowed, copied into the error; may
 * be NULL).  TAG NULL means "syntax error".  Caller owns the result. */
struct ovsdb_error *ovsdb_syntax_error(const json_t *json, const char *tag,
                                       const char *details_fmt, ...)
    OVS_PRINTF_FORMAT(3, 4) OVS_WARN_UNUSED_RESULT;

/* Creates an "I/O error" whose details end with ": <strerror(ERROR)>".
 * Caller owns the result. */
struct ovsdb_error *ovsdb_io_error(int error, const char *details_fmt, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;

/* Creates an "internal error" (a bug).  Caller owns the result. */
struct ovsdb_error *ovsdb_internal_error(const char *details_fmt, ...)
    OVS_PRINTF_FORMAT(1, 2) OVS_WARN_UNUSED_RESULT;

/* Prefixes ERROR's details with the formatted text and ": " (so that
 * context can be added as an error propagates up).  Takes ownership of
 * ERROR and returns it (possibly NULL, in which case nothing happens). */
struct ovsdb_error *ovsdb_wrap_error(struct ovsdb_error *error,
                                     const char *prefix_fmt, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;

/* Returns a copy of ERROR (NULL if ERROR is NULL).  Caller owns it. */
struct ovsdb_error *ovsdb_error_clone(const struct ovsdb_error *error)
    OVS_WARN_UNUSED_RESULT;
/* Frees ERROR.  NULL is ok. */
void ovsdb_error_destroy(struct ovsdb_error *error);

/* Accessors.  Returned strings are borrowed from ERROR. */
const char *ovsdb_error_get_tag(const struct ovsdb_error *error);
const char *ovsdb_error_get_details(const struct ovsdb_error *error);
                                        /* NULL if none. */
const json_t *ovsdb_error_get_syntax(const struct ovsdb_error *error);
                                        /* NULL if none. */
int ovsdb_error_get_errno(const struct ovsdb_error *error); /* 0 if none. */

/* Returns a new JSON object {"error": TAG, "details": DETAILS} ("details"
 * omitted when there are none).  Caller owns the reference.  The _free
 * variant also destroys ERROR. */
json_t *ovsdb_error_to_json(const struct ovsdb_error *error);
json_t *ovsdb_error_to_json_free(struct ovsdb_error *error);

/* Parses an RFC 7047 error object {"error": ..., "details": ...} (as a
 * client receives it) into a new error.  Returns NULL if JSON is not such
 * an object.  JSON is borrowed; caller owns the result. */
struct ovsdb_error *ovsdb_error_from_json(const json_t *json);

/* Returns "TAG: DETAILS" (or just TAG), with " (JSON)" appended for
 * syntax errors that carry the offending JSON.  Caller frees.  The _free
 * variant also destroys ERROR. */
char *ovsdb_error_to_string(const struct ovsdb_error *error);
char *ovsdb_error_to_string_free(struct ovsdb_error *error);

#endif /* ovsdb/ovsdb-error.h */
