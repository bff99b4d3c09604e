/* ovsdb-error: RFC 7047 error objects.  An error has a tag (the JSON-RPC
 * "error" string), optional details, optionally the JSON that caused it
 * (sent back as the "syntax" member, as OVS does) and an errno for I/O
 * errors (sent as "io-error").  The string form matches what OVS tools
 * print: 'syntax "<json>": <tag>: <details>' for errors that carry JSON,
 * "<tag>: <details> (<strerror>)" for I/O errors. */
#include "ovsdb-error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "util.h"

struct ovsdb_error {
    char *tag;                  /* RFC 7047 "error" member. */
    char *details;              /* Human-readable details, or NULL. */
    json_t *syntax;             /* Offending JSON (own reference) or NULL. */
    int errno_;                 /* errno for I/O errors, else 0. */
};

/* Flags for dumping the offending JSON: compact, sorted keys, reals with
 * 15 significant digits like OVS. */
#define SYNTAX_DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY \
                           | JSON_REAL_PRECISION(15))

static struct ovsdb_error *
error_create(const char *tag, char *details, const json_t *syntax,
             int errno_)
{
    struct ovsdb_error *error = xmalloc(sizeof *error);

    error->tag = xstrdup(tag);
    error->details = details;
    error->syntax = syntax ? json_deep_copy(syntax) : NULL;
    error->errno_ = errno_;
    return error;
}

static char *
format_details(const char *details_fmt, va_list args)
{
    return details_fmt ? xvasprintf(details_fmt, args) : NULL;
}

struct ovsdb_error *
ovsdb_error_valist(const char *tag, const char *details_fmt, va_list args)
{
    return error_create(tag, format_details(details_fmt, args), NULL, 0);
}

struct ovsdb_error *
ovsdb_error(const char *tag, const char *details_fmt, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details_fmt);
    error = ovsdb_error_valist(tag, details_fmt, args);
    va_end(args);
    return error;
}

struct ovsdb_error *
ovsdb_syntax_error(const json_t *json, const char *tag,
                   const char *details_fmt, ...)
{
    char *details;
    va_list args;

    va_start(args, details_fmt);
    details = format_details(details_fmt, args);
    va_end(args);
    return error_create(tag ? tag : "syntax error", details, json, 0);
}

struct ovsdb_error *
ovsdb_io_error(int errno_, const char *details_fmt, ...)
{
    char *details;
    va_list args;

    va_start(args, details_fmt);
    details = format_details(details_fmt, args);
    va_end(args);
    return error_create("I/O error", details, NULL, errno_);
}

struct ovsdb_error *
ovsdb_internal_error(const char *details_fmt, ...)
{
    char *details;
    va_list args;

    va_start(args, details_fmt);
    details = format_details(details_fmt, args);
    va_end(args);
    return error_create("internal error", details, NULL, 0);
}

struct ovsdb_error *
ovsdb_wrap_error(struct ovsdb_error *error, const char *prefix_fmt, ...)
{
    char *prefix, *details;
    va_list args;

    if (!error) {
        return NULL;
    }
    va_start(args, prefix_fmt);
    prefix = xvasprintf(prefix_fmt, args);
    va_end(args);

    details = (error->details
               ? xasprintf("%s: %s", prefix, error->details)
               : xstrdup(prefix));
    free(prefix);
    free(error->details);
    error->details = details;
    return error;
}

struct ovsdb_error *
ovsdb_error_clone(const struct ovsdb_error *old)
{
    if (!old) {
        return NULL;
    }
    return error_create(old->tag, nullable_xstrdup(old->details),
                        old->syntax, old->errno_);
}

void
ovsdb_error_destroy(struct ovsdb_error *error)
{
    if (error) {
        free(error->tag);
        free(error->details);
        json_decref(error->syntax);
        free(error);
    }
}

const char *
ovsdb_error_get_tag(const struct ovsdb_error *error)
{
    return error->tag;
}

const char *
ovsdb_error_get_details(const struct ovsdb_error *error)
{
    return error->details;
}

const json_t *
ovsdb_error_get_syntax(const struct ovsdb_error *error)
{
    return error->syntax;
}

int
ovsdb_error_get_errno(const struct ovsdb_error *error)
{
    return error->errno_;
}

/* Returns JSON dumped as OVS would send it.  Caller frees. */
static char *
dump_syntax(const json_t *json)
{
    char *s = json_dumps(json, SYNTAX_DUMP_FLAGS);
    return s ? s : xstrdup("null");
}

json_t *
ovsdb_error_to_json(const struct ovsdb_error *error)
{
    json_t *json = json_object();

    json_object_set_new(json, "error", json_string(error->tag));
    if (error->details) {
        json_t *details = json_string(error->details);
        /* Details built from invalid UTF-8 cannot be a JSON string; never
         * let that lose the error. */
        json_object_set_new(json, "details",
                            details ? details : json_string("(invalid)"));
    }
    if (error->syntax) {
        char *s = dump_syntax(error->syntax);
        json_t *syntax = json_string(s);
        if (syntax) {
            json_object_set_new(json, "syntax", syntax);
        }
        free(s);
    }
    if (error->errno_) {
        json_object_set_new(json, "io-error",
                            json_string(ovs_strerror(error->errno_)));
    }
    return json;
}

json_t *
ovsdb_error_to_json_free(struct ovsdb_error *error)
{
    json_t *json = ovsdb_error_to_json(error);
    ovsdb_error_destroy(error);
    return json;
}

struct ovsdb_error *
ovsdb_error_from_json(const json_t *json)
{
    const json_t *tag, *details, *syntax;
    struct ovsdb_error *error;

    if (!json_is_object(json)) {
        return NULL;
    }
    tag = json_object_get(json, "error");
    if (!json_is_string(tag)) {
        return NULL;
    }
    details = json_object_get(json, "details");
    error = error_create(json_string_value(tag),
                         (json_is_string(details)
                          ? xstrdup(json_string_value(details)) : NULL),
                         NULL, 0);
    syntax = json_object_get(json, "syntax");
    if (json_is_string(syntax)) {
        error->syntax = json_loads(json_string_value(syntax),
                                   JSON_DECODE_ANY, NULL);
    }
    return error;
}

char *
ovsdb_error_to_string(const struct ovsdb_error *error)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    if (error->syntax) {
        char *syntax = dump_syntax(error->syntax);
        ds_put_format(&s, "syntax \"%s\": ", syntax);
        free(syntax);
    }
    ds_put_cstr(&s, error->tag);
    if (error->details) {
        ds_put_format(&s, ": %s", error->details);
    }
    if (error->errno_) {
        ds_put_format(&s, " (%s)", ovs_strerror(error->errno_));
    }
    return ds_steal_cstr(&s);
}

char *
ovsdb_error_to_string_free(struct ovsdb_error *error)
{
    char *s = ovsdb_error_to_string(error);
    ovsdb_error_destroy(error);
    return s;
}
