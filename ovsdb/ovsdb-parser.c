/* ovsdb-parser: member-by-member validation of JSON objects with OVS's
 * error messages (see ovsdb-parser.h). */
#include "ovsdb-parser.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include "ovsdb-error.h"
#include "schema.h"
#include "util.h"

void
ovsdb_parser_init(struct ovsdb_parser *parser, const json_t *json,
                  const char *name_fmt, ...)
{
    va_list args;

    va_start(args, name_fmt);
    parser->name = xvasprintf(name_fmt, args);
    va_end(args);

    parser->json = json;
    shash_init(&parser->used);
    parser->error = NULL;
    if (!json_is_object(json)) {
        parser->error = ovsdb_syntax_error(NULL, NULL,
                                           "Parsing %s failed: "
                                           "Object expected.",
                                           parser->name);
    }
}

bool
ovsdb_json_get_integer(const json_t *json, int64_t *value)
{
    if (json_is_integer(json)) {
        *value = json_integer_value(json);
        return true;
    } else if (json_is_real(json)) {
        double d = json_real_value(json);
        if (d == floor(d) && d >= -9223372036854775808.0
            && d < 9223372036854775808.0) {
            *value = (int64_t) d;
            return true;
        }
    }
    return false;
}

bool
ovsdb_json_get_number(const json_t *json, double *value)
{
    if (json_is_integer(json)) {
        *value = json_integer_value(json);
        return true;
    } else if (json_is_real(json)) {
        *value = json_real_value(json);
        return true;
    }
    return false;
}

static bool
json_type_matches(const json_t *json, enum ovsdb_parser_types types)
{
    int64_t dummy;

    switch (json_typeof(json)) {
    case JSON_NULL:
        return types & OP_NULL;
    case JSON_FALSE:
        return types & OP_FALSE;
    case JSON_TRUE:
        return types & OP_TRUE;
    case JSON_INTEGER:
        return types & OP_INTEGER;
    case JSON_REAL:
        return (ovsdb_json_get_integer(json, &dummy)
                ? types & OP_INTEGER : types & OP_NONINTEGER);
    case JSON_STRING:
        return ((types & OP_STRING)
                || ((types & OP_ID)
                    && ovsdb_is_identifier(json_string_value(json))));
    case JSON_ARRAY:
        return types & OP_ARRAY;
    case JSON_OBJECT:
        return types & OP_OBJECT;
    }
    return false;
}

const json_t *
ovsdb_parser_member(struct ovsdb_parser *parser, const char *name,
                    enum ovsdb_parser_types types)
{
    const json_t *value;

    if (parser->error) {
        return NULL;
    }
    value = json_object_get(parser->json, name);
    if (!value) {
        if (!(types & OP_OPTIONAL)) {
            ovsdb_parser_raise_error(parser,
                                     "Required '%s' member is missing.",
                                     name);
        }
        return NULL;
    }
    if (!json_type_matches(value, types)) {
        ovsdb_parser_raise_error(parser, "Type mismatch for member '%s'.",
                                 name);
        return NULL;
    }
    shash_add_once(&parser->used, name, NULL);
    return value;
}

void
ovsdb_parser_raise_error(struct ovsdb_parser *parser, const char *format,
                         ...)
{
    if (!parser->error) {
        char *message;
        va_list args;

        va_start(args, format);
        message = xvasprintf(format, args);
        va_end(args);

        parser->error = ovsdb_syntax_error(parser->json, NULL,
                                           "Parsing %s failed: %s",
                                           parser->name, message);
        free(message);
    }
}

bool
ovsdb_parser_has_error(const struct ovsdb_parser *parser)
{
    return parser->error != NULL;
}

struct ovsdb_error *
ovsdb_parser_finish(struct ovsdb_parser *parser)
{
    struct ovsdb_error *error;

    if (!parser->error) {
        const char *name;
        json_t *value;

        json_object_foreach ((json_t *) parser->json, name, value) {
            if (!shash_find(&parser->used, name)) {
                ovsdb_parser_raise_error(
                    parser, "Member '%s' is present but not allowed here.",
                    name);
                break;
            }
        }
    }
    error = parser->error;
    parser->error = NULL;
    ovsdb_parser_destroy(parser);
    return error;
}

void
ovsdb_parser_destroy(struct ovsdb_parser *parser)
{
    ovsdb_error_destroy(parser->error);
    parser->error = NULL;
    shash_destroy(&parser->used);
    free(parser->name);
    parser->name = NULL;
}
