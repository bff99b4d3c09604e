/* ovsdb-types: parsing, writing, comparing and describing OVSDB column
 * types.  The JSON written is the compact canonical form OVS writes:
 * constraints equal to their defaults are omitted, an unconstrained base
 * type is a plain string, a required scalar is just its base type, and
 * "min"/"max" appear only when not 1. */
#include "ovsdb-types.h"

#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

static const char *const atomic_type_names[OVSDB_N_TYPES] = {
    [OVSDB_TYPE_VOID] = "void",
    [OVSDB_TYPE_INTEGER] = "integer",
    [OVSDB_TYPE_REAL] = "real",
    [OVSDB_TYPE_BOOLEAN] = "boolean",
    [OVSDB_TYPE_STRING] = "string",
    [OVSDB_TYPE_UUID] = "uuid",
};

const char *
ovsdb_atomic_type_to_string(enum ovsdb_atomic_type type)
{
    return ((unsigned int) type < OVSDB_N_TYPES
            ? atomic_type_names[type] : "<invalid>");
}

bool
ovsdb_atomic_type_from_string(const char *s, enum ovsdb_atomic_type *type)
{
    for (int i = OVSDB_TYPE_INTEGER; i < OVSDB_N_TYPES; i++) {
        if (!strcmp(s, atomic_type_names[i])) {
            *type = i;
            return true;
        }
    }
    return false;
}

bool
ovsdb_atomic_type_is_valid(enum ovsdb_atomic_type type)
{
    return type > OVSDB_TYPE_VOID && type < OVSDB_N_TYPES;
}

/* Base types. */

void
ovsdb_base_type_init(struct ovsdb_base_type *base,
                     enum ovsdb_atomic_type type)
{
    memset(base, 0, sizeof *base);
    base->type = type;
    base->enum_ = NULL;
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        base->integer.min = INT64_MIN;
        base->integer.max = INT64_MAX;
        break;
    case OVSDB_TYPE_REAL:
        base->real.min = -DBL_MAX;
        base->real.max = DBL_MAX;
        break;
    case OVSDB_TYPE_STRING:
        base->string.min_len = 0;
        base->string.max_len = UINT_MAX;
        break;
    case OVSDB_TYPE_UUID:
        base->uuid.ref_table_name = NULL;
        base->uuid.ref_table = NULL;
        base->uuid.ref_type = OVSDB_REF_STRONG;
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
}

/* The type of an enum datum for BASE: a set of 1 or more unconstrained
 * atoms of BASE's type. */
static void
enum_type_init(struct ovsdb_type *type, enum ovsdb_atomic_type atomic)
{
    ovsdb_type_init(type, atomic);
    type->n_min = 1;
    type->n_max = UINT_MAX;
}

static struct ovsdb_datum *
enum_clone(const struct ovsdb_datum *src, enum ovsdb_atomic_type atomic)
{
    struct ovsdb_datum *dst;
    struct ovsdb_type type;

    if (!src) {
        return NULL;
    }
    enum_type_init(&type, atomic);
    dst = xmalloc(sizeof *dst);
    ovsdb_datum_clone(dst, src, &type);
    return dst;
}

static void
enum_destroy(struct ovsdb_datum *datum, enum ovsdb_atomic_type atomic)
{
    if (datum) {
        struct ovsdb_type type;

        enum_type_init(&type, atomic);
        ovsdb_datum_destroy(datum, &type);
        free(datum);
    }
}

void
ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                      const struct ovsdb_base_type *src)
{
    *dst = *src;
    dst->enum_ = enum_clone(src->enum_, src->type);
    if (src->type == OVSDB_TYPE_UUID) {
        dst->uuid.ref_table_name = nullable_xstrdup(src->uuid.ref_table_name);
    }
}

void
ovsdb_base_type_destroy(struct ovsdb_base_type *base)
{
    if (base) {
        enum_destroy(base->enum_, base->type);
        base->enum_ = NULL;
        if (base->type == OVSDB_TYPE_UUID) {
            free(base->uuid.ref_table_name);
            base->uuid.ref_table_name = NULL;
        }
    }
}

bool
ovsdb_base_type_is_valid(const struct ovsdb_base_type *base)
{
    switch (base->type) {
    case OVSDB_TYPE_VOID:
        return true;
    case OVSDB_TYPE_INTEGER:
        return base->integer.min <= base->integer.max;
    case OVSDB_TYPE_REAL:
        return base->real.min <= base->real.max;
    case OVSDB_TYPE_BOOLEAN:
        return true;
    case OVSDB_TYPE_STRING:
        return base->string.min_len <= base->string.max_len;
    case OVSDB_TYPE_UUID:
        return true;
    case OVSDB_N_TYPES:
    default:
        return false;
    }
}

bool
ovsdb_base_type_has_constraints(const struct ovsdb_base_type *base)
{
    if (base->enum_) {
        return true;
    }
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        return (base->integer.min != INT64_MIN
                || base->integer.max != INT64_MAX);
    case OVSDB_TYPE_REAL:
        return base->real.min != -DBL_MAX || base->real.max != DBL_MAX;
    case OVSDB_TYPE_STRING:
        return base->string.min_len != 0 || base->string.max_len != UINT_MAX;
    case OVSDB_TYPE_UUID:
        return base->uuid.ref_table_name != NULL;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        return false;
    }
}

void
ovsdb_base_type_clear_constraints(struct ovsdb_base_type *base)
{
    enum ovsdb_atomic_type type = base->type;

    ovsdb_base_type_destroy(base);
    ovsdb_base_type_init(base, type);
}

bool
ovsdb_base_type_is_ref(const struct ovsdb_base_type *base)
{
    return base->type == OVSDB_TYPE_UUID && base->uuid.ref_table_name;
}

bool
ovsdb_base_type_is_strong_ref(const struct ovsdb_base_type *base)
{
    return (ovsdb_base_type_is_ref(base)
            && base->uuid.ref_type == OVSDB_REF_STRONG);
}

bool
ovsdb_base_type_is_weak_ref(const struct ovsdb_base_type *base)
{
    return (ovsdb_base_type_is_ref(base)
            && base->uuid.ref_type == OVSDB_REF_WEAK);
}

static bool
nullable_streq(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

bool
ovsdb_base_type_equals(const struct ovsdb_base_type *a,
                       const struct ovsdb_base_type *b)
{
    if (a->type != b->type || !a->enum_ != !b->enum_) {
        return false;
    }
    if (a->enum_) {
        struct ovsdb_type type;

        enum_type_init(&type, a->type);
        if (!ovsdb_datum_equals(a->enum_, b->enum_, &type)) {
            return false;
        }
    }
    switch (a->type) {
    case OVSDB_TYPE_INTEGER:
        return (a->integer.min == b->integer.min
                && a->integer.max == b->integer.max);
    case OVSDB_TYPE_REAL:
        return a->real.min == b->real.min && a->real.max == b->real.max;
    case OVSDB_TYPE_STRING:
        return (a->string.min_len == b->string.min_len
                && a->string.max_len == b->string.max_len);
    case OVSDB_TYPE_UUID:
        return (nullable_streq(a->uuid.ref_table_name,
                               b->uuid.ref_table_name)
                && (!a->uuid.ref_table_name
                    || a->uuid.ref_type == b->uuid.ref_type));
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        return true;
    }
}

static struct ovsdb_error *
parse_atomic_type(const json_t *json, enum ovsdb_atomic_type *type)
{
    if (!json_is_string(json)
        || !ovsdb_atomic_type_from_string(json_string_value(json), type)) {
        return ovsdb_syntax_error(json, NULL, "\"%s\" is not an atomic-type",
                                  (json_is_string(json)
                                   ? json_string_value(json) : "?"));
    }
    return NULL;
}

/* Parses an unsigned length member value (0..UINT_MAX). */
static struct ovsdb_error *
parse_length(const json_t *json, const char *name, unsigned int *value)
{
    int64_t n;

    if (!ovsdb_json_get_integer(json, &n) || n < 0 || n > UINT_MAX) {
        return ovsdb_syntax_error(json, NULL, "%s out of valid range "
                                  "0 to %u", name, UINT_MAX);
    }
    *value = n;
    return NULL;
}

static struct ovsdb_error *
parse_constraints(struct ovsdb_base_type *base, struct ovsdb_parser *parser,
                  const json_t *json)
{
    const json_t *min, *max, *ref_table, *ref_type;
    struct ovsdb_error *error;
    int64_t imin, imax;
    double rmin, rmax;

    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        min = ovsdb_parser_member(parser, "minInteger",
                                  OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(parser, "maxInteger",
                                  OP_INTEGER | OP_OPTIONAL);
        if (min && ovsdb_json_get_integer(min, &imin)) {
            base->integer.min = imin;
        }
        if (max && ovsdb_json_get_integer(max, &imax)) {
            base->integer.max = imax;
        }
        if (!ovsdb_parser_has_error(parser)
            && base->integer.min > base->integer.max) {
            return ovsdb_syntax_error(json, NULL,
                                      "minInteger exceeds maxInteger");
        }
        break;

    case OVSDB_TYPE_REAL:
        min = ovsdb_parser_member(parser, "minReal", OP_NUMBER | OP_OPTIONAL);
        max = ovsdb_parser_member(parser, "maxReal", OP_NUMBER | OP_OPTIONAL);
        if (min && ovsdb_json_get_number(min, &rmin)) {
            base->real.min = rmin;
        }
        if (max && ovsdb_json_get_number(max, &rmax)) {
            base->real.max = rmax;
        }
        if (!ovsdb_parser_has_error(parser)
            && base->real.min > base->real.max) {
            return ovsdb_syntax_error(json, NULL, "minReal exceeds maxReal");
        }
        break;

    case OVSDB_TYPE_STRING:
        min = ovsdb_parser_member(parser, "minLength",
                                  OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(parser, "maxLength",
                                  OP_INTEGER | OP_OPTIONAL);
        if (min) {
            error = parse_length(min, "minLength", &base->string.min_len);
            if (error) {
                return error;
            }
        }
        if (max) {
            error = parse_length(max, "maxLength", &base->string.max_len);
            if (error) {
                return error;
            }
        }
        if (!ovsdb_parser_has_error(parser)
            && base->string.min_len > base->string.max_len) {
            return ovsdb_syntax_error(json, NULL,
                                      "minLength exceeds maxLength");
        }
        break;

    case OVSDB_TYPE_UUID:
        ref_table = ovsdb_parser_member(parser, "refTable",
                                        OP_ID | OP_OPTIONAL);
        if (ref_table) {
            const char *s;

            base->uuid.ref_table_name = xstrdup(json_string_value(ref_table));
            base->uuid.ref_type = OVSDB_REF_STRONG;
            ref_type = ovsdb_parser_member(parser, "refType",
                                           OP_STRING | OP_OPTIONAL);
            s = ref_type ? json_string_value(ref_type) : NULL;
            if (!s || !strcmp(s, "strong")) {
                base->uuid.ref_type = OVSDB_REF_STRONG;
            } else if (!strcmp(s, "weak")) {
                base->uuid.ref_type = OVSDB_REF_WEAK;
            } else {
                return ovsdb_syntax_error(json, NULL, "refType must be "
                                          "\"strong\" or \"weak\" "
                                          "(not \"%s\")", s);
            }
        }
        break;

    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_base_type_from_json(struct ovsdb_base_type *base, const json_t *json)
{
    const json_t *type, *enum_;
    enum ovsdb_atomic_type atomic;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    if (json_is_string(json)) {
        error = parse_atomic_type(json, &atomic);
        if (!error) {
            ovsdb_base_type_init(base, atomic);
        }
        return error;
    } else if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL,
                                  "base type must be string or object");
    }

    ovsdb_parser_init(&parser, json, "ovsdb type");
    type = ovsdb_parser_member(&parser, "type", OP_STRING);
    if (ovsdb_parser_has_error(&parser)) {
        return ovsdb_parser_finish(&parser);
    }
    error = parse_atomic_type(type, &atomic);
    if (error) {
        ovsdb_parser_destroy(&parser);
        return error;
    }
    ovsdb_base_type_init(base, atomic);

    enum_ = ovsdb_parser_member(&parser, "enum", OP_ANY | OP_OPTIONAL);
    if (enum_) {
        struct ovsdb_type enum_type;

        enum_type_init(&enum_type, atomic);
        base->enum_ = xmalloc(sizeof *base->enum_);
        error = ovsdb_datum_from_json(base->enum_, &enum_type, enum_, NULL);
        if (error) {
            free(base->enum_);
            base->enum_ = NULL;
        }
    } else {
        error = parse_constraints(base, &parser, json);
    }
    if (error) {
        ovsdb_parser_destroy(&parser);
    } else {
        error = ovsdb_parser_finish(&parser);
    }
    if (error) {
        ovsdb_base_type_destroy(base);
        ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    }
    return error;
}

/* Returns D as JSON the way OVS writes a real: integral values in the
 * range where "%.15g" prints no exponent as JSON integers, others as
 * reals. */
static json_t *
real_to_json(double d)
{
    if (d == floor(d) && fabs(d) < 1e15 && !(d == 0 && signbit(d))) {
        return json_integer((json_int_t) d);
    }
    return json_real(d);
}

json_t *
ovsdb_base_type_to_json(const struct ovsdb_base_type *base)
{
    json_t *json;

    if (!ovsdb_base_type_has_constraints(base)) {
        return json_string(ovsdb_atomic_type_to_string(base->type));
    }

    json = json_object();
    json_object_set_new(json, "type",
                        json_string(ovsdb_atomic_type_to_string(base->type)));
    if (base->enum_) {
        struct ovsdb_type type;

        enum_type_init(&type, base->type);
        json_object_set_new(json, "enum",
                            ovsdb_datum_to_json(base->enum_, &type));
        return json;
    }

    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        if (base->integer.min != INT64_MIN) {
            json_object_set_new(json, "minInteger",
                                json_integer(base->integer.min));
        }
        if (base->integer.max != INT64_MAX) {
            json_object_set_new(json, "maxInteger",
                                json_integer(base->integer.max));
        }
        break;
    case OVSDB_TYPE_REAL:
        if (base->real.min != -DBL_MAX) {
            json_object_set_new(json, "minReal", real_to_json(base->real.min));
        }
        if (base->real.max != DBL_MAX) {
            json_object_set_new(json, "maxReal", real_to_json(base->real.max));
        }
        break;
    case OVSDB_TYPE_STRING:
        if (base->string.min_len != 0) {
            json_object_set_new(json, "minLength",
                                json_integer(base->string.min_len));
        }
        if (base->string.max_len != UINT_MAX) {
            json_object_set_new(json, "maxLength",
                                json_integer(base->string.max_len));
        }
        break;
    case OVSDB_TYPE_UUID:
        if (base->uuid.ref_table_name) {
            json_object_set_new(json, "refTable",
                                json_string(base->uuid.ref_table_name));
            if (base->uuid.ref_type == OVSDB_REF_WEAK) {
                json_object_set_new(json, "refType", json_string("weak"));
            }
        }
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
    return json;
}

/* Column types. */

void
ovsdb_type_init(struct ovsdb_type *type, enum ovsdb_atomic_type atomic)
{
    ovsdb_base_type_init(&type->key, atomic);
    ovsdb_base_type_init(&type->value, OVSDB_TYPE_VOID);
    type->n_min = 1;
    type->n_max = 1;
}

void
ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src)
{
    ovsdb_base_type_clone(&dst->key, &src->key);
    ovsdb_base_type_clone(&dst->value, &src->value);
    dst->n_min = src->n_min;
    dst->n_max = src->n_max;
}

void
ovsdb_type_destroy(struct ovsdb_type *type)
{
    if (type) {
        ovsdb_base_type_destroy(&type->key);
        ovsdb_base_type_destroy(&type->value);
    }
}

bool
ovsdb_type_is_valid(const struct ovsdb_type *type)
{
    return (ovsdb_atomic_type_is_valid(type->key.type)
            && ovsdb_base_type_is_valid(&type->key)
            && ovsdb_base_type_is_valid(&type->value)
            && type->n_min <= 1
            && type->n_max >= 1
            && type->n_min <= type->n_max);
}

bool
ovsdb_type_equals(const struct ovsdb_type *a, const struct ovsdb_type *b)
{
    return (ovsdb_base_type_equals(&a->key, &b->key)
            && ovsdb_base_type_equals(&a->value, &b->value)
            && a->n_min == b->n_min
            && a->n_max == b->n_max);
}

bool
ovsdb_type_is_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 1 && type->n_max == 1);
}

bool
ovsdb_type_is_optional(const struct ovsdb_type *type)
{
    return type->n_min == 0;
}

bool
ovsdb_type_is_optional_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 0 && type->n_max == 1);
}

bool
ovsdb_type_is_composite(const struct ovsdb_type *type)
{
    return type->n_max > 1;
}

bool
ovsdb_type_is_set(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && (type->n_min != 1 || type->n_max != 1));
}

bool
ovsdb_type_is_map(const struct ovsdb_type *type)
{
    return type->value.type != OVSDB_TYPE_VOID;
}

/* Parses a "min" or "max" count: an integer 0 <= n < UINT_MAX. */
static struct ovsdb_error *
parse_count(const json_t *json, unsigned int *n)
{
    int64_t value;

    if (!ovsdb_json_get_integer(json, &value) || value < 0
        || value >= UINT_MAX) {
        return ovsdb_syntax_error(json, NULL, "bad min or max value");
    }
    *n = value;
    return NULL;
}

struct ovsdb_error *
ovsdb_type_from_json(struct ovsdb_type *type, const json_t *json)
{
    const json_t *key, *value, *min, *max;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    ovsdb_type_init(type, OVSDB_TYPE_VOID);
    if (json_is_string(json)) {
        return ovsdb_base_type_from_json(&type->key, json);
    } else if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL,
                                  "ovsdb type expected (string or object)");
    }

    ovsdb_parser_init(&parser, json, "ovsdb type");
    key = ovsdb_parser_member(&parser, "key", OP_STRING | OP_OBJECT);
    value = ovsdb_parser_member(&parser, "value",
                                OP_STRING | OP_OBJECT | OP_OPTIONAL);
    min = ovsdb_parser_member(&parser, "min", OP_INTEGER | OP_OPTIONAL);
    max = ovsdb_parser_member(&parser, "max",
                              OP_INTEGER | OP_STRING | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    error = ovsdb_base_type_from_json(&type->key, key);
    if (!error && value) {
        error = ovsdb_base_type_from_json(&type->value, value);
    }
    if (!error && min) {
        error = parse_count(min, &type->n_min);
    }
    if (!error && max) {
        if (json_is_string(max)) {
            if (!strcmp(json_string_value(max), "unlimited")) {
                type->n_max = UINT_MAX;
            } else {
                error = ovsdb_syntax_error(max, NULL,
                                           "bad min or max value");
            }
        } else {
            error = parse_count(max, &type->n_max);
        }
    }
    if (!error && !ovsdb_type_is_valid(type)) {
        error = ovsdb_syntax_error(json, NULL,
                                   "ovsdb type fails constraint checks");
    }
    if (error) {
        ovsdb_type_destroy(type);
        ovsdb_type_init(type, OVSDB_TYPE_VOID);
    }
    return error;
}

json_t *
ovsdb_type_to_json(const struct ovsdb_type *type)
{
    json_t *json;

    if (ovsdb_type_is_scalar(type)
        && !ovsdb_base_type_has_constraints(&type->key)) {
        return ovsdb_base_type_to_json(&type->key);
    }

    json = json_object();
    json_object_set_new(json, "key", ovsdb_base_type_to_json(&type->key));
    if (type->value.type != OVSDB_TYPE_VOID) {
        json_object_set_new(json, "value",
                            ovsdb_base_type_to_json(&type->value));
    }
    if (type->n_min != 1) {
        json_object_set_new(json, "min", json_integer(type->n_min));
    }
    if (type->n_max == UINT_MAX) {
        json_object_set_new(json, "max", json_string("unlimited"));
    } else if (type->n_max != 1) {
        json_object_set_new(json, "max", json_integer(type->n_max));
    }
    return json;
}

/* English descriptions, as OVS prints them in error messages such as
 * 'unexpected "," parsing set of up to 4096 integers' or 'Type mismatch:
 * "+=" operator may not be applied to column m of type map of (string,
 * string) pairs.':
 *
 *   integer                             required scalar
 *   set of integers                     0 or more
 *   set of up to 4096 integers          0 to N
 *   set of 1 or more uuids              1 or more
 *   set of 1 to 3 strings               1 to N
 *   map of (string, string) pairs       (same qualifiers for maps) */
char *
ovsdb_type_to_english(const struct ovsdb_type *type)
{
    const char *key = ovsdb_atomic_type_to_string(type->key.type);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (ovsdb_type_is_scalar(type)) {
        return xstrdup(key);
    }

    ds_put_cstr(&s, ovsdb_type_is_map(type) ? "map of " : "set of ");
    if (type->n_min == 0 && type->n_max == UINT_MAX) {
        /* Nothing. */
    } else if (type->n_min == 0) {
        ds_put_format(&s, "up to %u ", type->n_max);
    } else if (type->n_max == UINT_MAX) {
        ds_put_format(&s, "%u or more ", type->n_min);
    } else {
        ds_put_format(&s, "%u to %u ", type->n_min, type->n_max);
    }
    if (ovsdb_type_is_map(type)) {
        ds_put_format(&s, "(%s, %s) pairs", key,
                      ovsdb_atomic_type_to_string(type->value.type));
    } else {
        ds_put_format(&s, "%ss", key);
    }
    return ds_steal_cstr(&s);
}
