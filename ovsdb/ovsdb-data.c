/* ovsdb-data: OVSDB atoms and datums: construction, comparison, hashing,
 * JSON conversion (RFC 7047 <value>), constraint checking, set/map
 * operations for mutations and update2 diffs, and the symbol table for
 * named UUIDs.  The display syntax (ovs-vsctl / ovsdb-client text) lives
 * in ovsdb-data-string.c.
 *
 * Datums are sorted arrays with unique keys; lookups use binary search
 * and set operations merge sorted arrays in linear time.
 *
 * Error messages and tags follow what OVS 3.1's ovsdb-server returns for
 * the same input (e.g. "set must have 0 to 1 members but 2 are present",
 * tag "ovsdb error" for duplicates). */
#include "ovsdb-data.h"

#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "hash.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Atoms. */

void
ovsdb_atom_init_default(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        atom->integer = 0;
        break;
    case OVSDB_TYPE_REAL:
        atom->real = 0.0;
        break;
    case OVSDB_TYPE_BOOLEAN:
        atom->boolean = false;
        break;
    case OVSDB_TYPE_STRING:
        atom->string = xstrdup("");
        break;
    case OVSDB_TYPE_UUID:
        uuid_zero(&atom->uuid);
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        memset(atom, 0, sizeof *atom);
        break;
    }
}

bool
ovsdb_atom_is_default(const union ovsdb_atom *atom,
                      enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return atom->integer == 0;
    case OVSDB_TYPE_REAL:
        return atom->real == 0.0;
    case OVSDB_TYPE_BOOLEAN:
        return !atom->boolean;
    case OVSDB_TYPE_STRING:
        return atom->string[0] == '\0';
    case OVSDB_TYPE_UUID:
        return uuid_is_zero(&atom->uuid);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return true;
    }
}

void
ovsdb_atom_clone(union ovsdb_atom *dst, const union ovsdb_atom *src,
                 enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        dst->string = xstrdup(src->string);
    } else {
        *dst = *src;
    }
}

void
ovsdb_atom_swap(union ovsdb_atom *a, union ovsdb_atom *b)
{
    union ovsdb_atom tmp = *a;
    *a = *b;
    *b = tmp;
}

void
ovsdb_atom_destroy(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        free(atom->string);
        atom->string = NULL;
    }
}

uint32_t
ovsdb_atom_hash(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                uint32_t basis)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return hash_finish(hash_add64(basis, atom->integer), 8);
    case OVSDB_TYPE_REAL:
        return hash_double(atom->real, basis);
    case OVSDB_TYPE_BOOLEAN:
        return hash_int(atom->boolean, basis);
    case OVSDB_TYPE_STRING:
        return hash_string(atom->string, basis);
    case OVSDB_TYPE_UUID:
        return hash_bytes(&atom->uuid, sizeof atom->uuid, basis);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return basis;
    }
}

bool
ovsdb_atom_equals(const union ovsdb_atom *a, const union ovsdb_atom *b,
                  enum ovsdb_atomic_type type)
{
    return !ovsdb_atom_compare_3way(a, b, type);
}

json_t *
ovsdb_uuid_to_json(const struct uuid *uuid)
{
    char s[UUID_LEN + 1];

    uuid_to_string(uuid, s);
    return json_pack("[ss]", "uuid", s);
}

bool
ovsdb_uuid_from_json(const json_t *json, struct uuid *uuid)
{
    const json_t *tag, *value;

    if (!json_is_array(json) || json_array_size(json) != 2) {
        return false;
    }
    tag = json_array_get(json, 0);
    value = json_array_get(json, 1);
    return (json_is_string(tag) && !strcmp(json_string_value(tag), "uuid")
            && json_is_string(value)
            && uuid_from_string(uuid, json_string_value(value)));
}

static struct ovsdb_error *
uuid_from_json(struct uuid *uuid, const struct ovsdb_base_type *base,
               const json_t *json, struct ovsdb_symbol_table *symtab)
{
    const json_t *tag, *value;
    const char *tag_s, *value_s;

    if (!json_is_array(json) || json_array_size(json) != 2
        || !json_is_string(tag = json_array_get(json, 0))
        || !json_is_string(value = json_array_get(json, 1))) {
        goto syntax;
    }
    tag_s = json_string_value(tag);
    value_s = json_string_value(value);
    if (!strcmp(tag_s, "uuid")) {
        if (!uuid_from_string(uuid, value_s)) {
            return ovsdb_syntax_error(json, NULL, "\"%s\" is not a valid UUID",
                                      value_s);
        }
        return NULL;
    } else if (!strcmp(tag_s, "named-uuid")) {
        struct ovsdb_symbol *symbol;

        if (!symtab) {
            return ovsdb_syntax_error(json, NULL, "named-uuid \"%s\" is not "
                                      "allowed here", value_s);
        }
        symbol = ovsdb_symbol_table_insert(symtab, value_s);
        *uuid = symbol->uuid;
        if (ovsdb_base_type_is_strong_ref(base)) {
            symbol->strong_ref = true;
        } else if (ovsdb_base_type_is_weak_ref(base)) {
            symbol->weak_ref = true;
        }
        return NULL;
    }

syntax:
    return ovsdb_syntax_error(json, NULL, "expected [\"uuid\", <string>]");
}

struct ovsdb_error *
ovsdb_atom_from_json(union ovsdb_atom *atom,
                     const struct ovsdb_base_type *base, const json_t *json,
                     struct ovsdb_symbol_table *symtab)
{
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        if (ovsdb_json_get_integer(json, &atom->integer)) {
            return NULL;
        }
        break;
    case OVSDB_TYPE_REAL:
        if (ovsdb_json_get_number(json, &atom->real)) {
            return NULL;
        }
        break;
    case OVSDB_TYPE_BOOLEAN:
        if (json_is_boolean(json)) {
            atom->boolean = json_is_true(json);
            return NULL;
        }
        break;
    case OVSDB_TYPE_STRING:
        if (json_is_string(json)) {
            const char *s = json_string_value(json);
            if (strlen(s) != json_string_length(json)) {
                return ovsdb_syntax_error(json, NULL, "null bytes not "
                                          "supported in strings");
            }
            atom->string = xstrdup(s);
            return NULL;
        }
        break;
    case OVSDB_TYPE_UUID:
        return uuid_from_json(&atom->uuid, base, json, symtab);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return ovsdb_internal_error("bad atomic type %d", base->type);
    }
    return ovsdb_syntax_error(json, NULL, "expected %s",
                              ovsdb_atomic_type_to_string(base->type));
}

/* Reals are written with 15 significant digits by OVS ("%.15g"), and an
 * integral value then has no decimal point, so it reads back as a JSON
 * integer.  Emitting such values as integers makes our output identical
 * (when dumped with JSON_REAL_PRECISION(15)). */
static json_t *
real_to_json(double d)
{
    if (d == floor(d) && fabs(d) < 1e15 && !(d == 0 && signbit(d))) {
        return json_integer((json_int_t) d);
    }
    return json_real(d);
}

json_t *
ovsdb_atom_to_json(const union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return json_integer(atom->integer);
    case OVSDB_TYPE_REAL:
        return real_to_json(atom->real);
    case OVSDB_TYPE_BOOLEAN:
        return json_boolean(atom->boolean);
    case OVSDB_TYPE_STRING: {
        json_t *json = json_string(atom->string);
        /* Strings are validated on entry; never return NULL anyway. */
        return json ? json : json_string("");
    }
    case OVSDB_TYPE_UUID:
        return ovsdb_uuid_to_json(&atom->uuid);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return json_null();
    }
}

size_t
ovsdb_utf8_length(const char *s)
{
    size_t n = 0;

    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if ((*p & 0xc0) != 0x80) {
            n++;
        }
    }
    return n;
}

static char *
atom_to_display(const union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ovsdb_atom_to_string(atom, type, &s);
    return ds_steal_cstr(&s);
}

static char *
real_to_display(double d)
{
    union ovsdb_atom atom = { .real = d };
    return atom_to_display(&atom, OVSDB_TYPE_REAL);
}

static struct ovsdb_error *
check_enum(const union ovsdb_atom *atom, const struct ovsdb_base_type *base)
{
    struct ovsdb_error *error;
    struct ovsdb_type enum_type;
    struct ds allowed;
    char *s;

    if (ovsdb_datum_find_key(base->enum_, atom, base->type) != UINT_MAX) {
        return NULL;
    }
    ovsdb_type_init(&enum_type, base->type);
    enum_type.n_min = 1;
    enum_type.n_max = UINT_MAX;
    ds_init(&allowed);
    ovsdb_datum_to_string(base->enum_, &enum_type, &allowed);
    s = atom_to_display(atom, base->type);
    error = ovsdb_error("constraint violation",
                        "%s is not one of the allowed values (%s)",
                        s, ds_cstr(&allowed));
    free(s);
    ds_destroy(&allowed);
    return error;
}

static struct ovsdb_error *
check_string_length(const char *s, const struct ovsdb_base_type *base)
{
    size_t len;

    if (base->string.min_len == 0 && base->string.max_len == UINT_MAX) {
        return NULL;
    }
    len = ovsdb_utf8_length(s);
    if (len < base->string.min_len || len > base->string.max_len) {
        struct ds quoted = DS_EMPTY_INITIALIZER;
        struct ovsdb_error *error;
        bool too_short = len < base->string.min_len;

        ds_put_json_string(&quoted, s);
        error = ovsdb_error("constraint violation",
                            "%s length %zu is %s allowed length %u",
                            ds_cstr(&quoted), len,
                            too_short ? "less than minimum"
                                      : "greater than maximum",
                            too_short ? base->string.min_len
                                      : base->string.max_len);
        ds_destroy(&quoted);
        return error;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_atom_check_constraints(const union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base)
{
    if (base->enum_) {
        return check_enum(atom, base);
    }

    switch (base->type) {
    case OVSDB_TYPE_INTEGER: {
        int64_t v = atom->integer, min = base->integer.min;
        int64_t max = base->integer.max;

        if (v >= min && v <= max) {
            return NULL;
        } else if (min != INT64_MIN && max != INT64_MAX) {
            return ovsdb_error("constraint violation", "%"PRId64" is not in "
                               "the valid range %"PRId64" to %"PRId64" "
                               "(inclusive)", v, min, max);
        } else if (min != INT64_MIN) {
            return ovsdb_error("constraint violation", "%"PRId64" is less "
                               "than minimum allowed value %"PRId64,
                               v, min);
        } else {
            return ovsdb_error("constraint violation", "%"PRId64" is "
                               "greater than maximum allowed value "
                               "%"PRId64, v, max);
        }
    }

    case OVSDB_TYPE_REAL: {
        double v = atom->real, min = base->real.min, max = base->real.max;
        struct ovsdb_error *error;
        char *vs, *mins, *maxs;

        if (v >= min && v <= max) {
            return NULL;
        }
        vs = real_to_display(v);
        mins = real_to_display(min);
        maxs = real_to_display(max);
        if (min != -DBL_MAX && max != DBL_MAX) {
            error = ovsdb_error("constraint violation", "%s is not in the "
                                "valid range %s to %s (inclusive)",
                                vs, mins, maxs);
        } else if (min != -DBL_MAX) {
            error = ovsdb_error("constraint violation", "%s is less than "
                                "minimum allowed value %s", vs, mins);
        } else {
            error = ovsdb_error("constraint violation", "%s is greater than "
                                "maximum allowed value %s", vs, maxs);
        }
        free(vs);
        free(mins);
        free(maxs);
        return error;
    }

    case OVSDB_TYPE_STRING:
        return check_string_length(atom->string, base);

    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_TYPE_UUID:
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return NULL;
    }
}

/* ---------------------------------------------------------------------- */
/* Datums. */

static bool
is_map(const struct ovsdb_type *type)
{
    return type->value.type != OVSDB_TYPE_VOID;
}

void
ovsdb_datum_init_empty(struct ovsdb_datum *datum)
{
    datum->n = 0;
    datum->keys = NULL;
    datum->values = NULL;
}

/* Allocates room for N elements (keys, plus values if MAP). */
static void
datum_alloc(struct ovsdb_datum *datum, unsigned int n, bool map)
{
    datum->n = 0;
    datum->keys = n ? xmalloc(n * sizeof *datum->keys) : NULL;
    datum->values = n && map ? xmalloc(n * sizeof *datum->values) : NULL;
}

void
ovsdb_datum_init_default(struct ovsdb_datum *datum,
                         const struct ovsdb_type *type)
{
    if (type->n_min == 0) {
        ovsdb_datum_init_empty(datum);
        return;
    }
    datum_alloc(datum, 1, is_map(type));
    datum->n = 1;
    ovsdb_atom_init_default(&datum->keys[0], type->key.type);
    if (is_map(type)) {
        ovsdb_atom_init_default(&datum->values[0], type->value.type);
    }
}

bool
ovsdb_datum_is_default(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type)
{
    if (type->n_min == 0) {
        return datum->n == 0;
    }
    return (datum->n == 1
            && ovsdb_atom_is_default(&datum->keys[0], type->key.type)
            && (!is_map(type)
                || ovsdb_atom_is_default(&datum->values[0],
                                         type->value.type)));
}

static void
init_one(struct ovsdb_datum *datum, union ovsdb_atom atom)
{
    datum_alloc(datum, 1, false);
    datum->n = 1;
    datum->keys[0] = atom;
}

void
ovsdb_datum_init_integer(struct ovsdb_datum *datum, int64_t key)
{
    init_one(datum, (union ovsdb_atom) { .integer = key });
}

void
ovsdb_datum_init_real(struct ovsdb_datum *datum, double key)
{
    init_one(datum, (union ovsdb_atom) { .real = key });
}

void
ovsdb_datum_init_boolean(struct ovsdb_datum *datum, bool key)
{
    init_one(datum, (union ovsdb_atom) { .boolean = key });
}

void
ovsdb_datum_init_string(struct ovsdb_datum *datum, const char *s)
{
    init_one(datum, (union ovsdb_atom) { .string = xstrdup(s) });
}

void
ovsdb_datum_init_uuid(struct ovsdb_datum *datum, const struct uuid *uuid)
{
    init_one(datum, (union ovsdb_atom) { .uuid = *uuid });
}

void
ovsdb_datum_init_single(struct ovsdb_datum *datum,
                        const struct ovsdb_type *type,
                        const union ovsdb_atom *key,
                        const union ovsdb_atom *value)
{
    datum_alloc(datum, 1, is_map(type));
    datum->n = 1;
    ovsdb_atom_clone(&datum->keys[0], key, type->key.type);
    if (is_map(type)) {
        ovsdb_atom_clone(&datum->values[0], value, type->value.type);
    }
}

static void
clone_atoms(union ovsdb_atom *dst, const union ovsdb_atom *src,
            unsigned int n, enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        for (unsigned int i = 0; i < n; i++) {
            dst[i].string = xstrdup(src[i].string);
        }
    } else if (n) {
        memcpy(dst, src, n * sizeof *dst);
    }
}

void
ovsdb_datum_clone(struct ovsdb_datum *dst, const struct ovsdb_datum *src,
                  const struct ovsdb_type *type)
{
    datum_alloc(dst, src->n, is_map(type));
    dst->n = src->n;
    clone_atoms(dst->keys, src->keys, src->n, type->key.type);
    if (is_map(type)) {
        clone_atoms(dst->values, src->values, src->n, type->value.type);
    }
}

static void
destroy_atoms(union ovsdb_atom *atoms, unsigned int n,
              enum ovsdb_atomic_type type)
{
    if (atoms && type == OVSDB_TYPE_STRING) {
        for (unsigned int i = 0; i < n; i++) {
            free(atoms[i].string);
        }
    }
}

void
ovsdb_datum_destroy(struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    destroy_atoms(datum->keys, datum->n, type->key.type);
    destroy_atoms(datum->values, datum->n, type->value.type);
    free(datum->keys);
    free(datum->values);
    datum->n = 0;
    datum->keys = NULL;
    datum->values = NULL;
}

void
ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b)
{
    struct ovsdb_datum tmp = *a;
    *a = *b;
    *b = tmp;
}

uint32_t
ovsdb_datum_hash(const struct ovsdb_datum *datum,
                 const struct ovsdb_type *type, uint32_t basis)
{
    uint32_t hash = basis;

    for (unsigned int i = 0; i < datum->n; i++) {
        hash = ovsdb_atom_hash(&datum->keys[i], type->key.type, hash);
        if (is_map(type)) {
            hash = ovsdb_atom_hash(&datum->values[i], type->value.type, hash);
        }
    }
    return hash_int(datum->n, hash);
}

int
ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    if (a->n != b->n) {
        return a->n < b->n ? -1 : 1;
    }
    for (unsigned int i = 0; i < a->n; i++) {
        int cmp = ovsdb_atom_compare_3way(&a->keys[i], &b->keys[i],
                                          type->key.type);
        if (cmp) {
            return cmp;
        }
    }
    if (is_map(type)) {
        for (unsigned int i = 0; i < a->n; i++) {
            int cmp = ovsdb_atom_compare_3way(&a->values[i], &b->values[i],
                                              type->value.type);
            if (cmp) {
                return cmp;
            }
        }
    }
    return 0;
}

bool
ovsdb_datum_equals(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
                   const struct ovsdb_type *type)
{
    return !ovsdb_datum_compare_3way(a, b, type);
}

/* Sorting. */

struct sort_aux {
    const union ovsdb_atom *keys;
    enum ovsdb_atomic_type key_type;
};

static int
compare_indexes(const void *a_, const void *b_, void *aux_)
{
    const unsigned int *a = a_, *b = b_;
    const struct sort_aux *aux = aux_;
    int cmp = ovsdb_atom_compare_3way(&aux->keys[*a], &aux->keys[*b],
                                      aux->key_type);
    /* Stable: equal keys keep their input order. */
    return cmp ? cmp : (*a < *b ? -1 : *a > *b);
}

static bool
is_sorted(const struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    for (unsigned int i = 1; i < datum->n; i++) {
        if (ovsdb_atom_compare_3way(&datum->keys[i - 1], &datum->keys[i],
                                    key_type) >= 0) {
            return false;
        }
    }
    return true;
}

/* Sorts DATUM stably by key.  Returns true if there are duplicate keys. */
static bool
sort_datum(struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    struct sort_aux aux = { datum->keys, key_type };
    union ovsdb_atom *keys, *values;
    unsigned int *idx;
    unsigned int n = datum->n;

    if (n < 2 || is_sorted(datum, key_type)) {
        return false;
    }

    idx = xmalloc(n * sizeof *idx);
    for (unsigned int i = 0; i < n; i++) {
        idx[i] = i;
    }
    qsort_r(idx, n, sizeof *idx, compare_indexes, &aux);

    keys = xmalloc(n * sizeof *keys);
    values = datum->values ? xmalloc(n * sizeof *values) : NULL;
    for (unsigned int i = 0; i < n; i++) {
        keys[i] = datum->keys[idx[i]];
        if (values) {
            values[i] = datum->values[idx[i]];
        }
    }
    free(idx);
    free(datum->keys);
    free(datum->values);
    datum->keys = keys;
    datum->values = values;

    for (unsigned int i = 1; i < n; i++) {
        if (ovsdb_atom_equals(&keys[i - 1], &keys[i], key_type)) {
            return true;
        }
    }
    return false;
}

struct ovsdb_error *
ovsdb_datum_sort(struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    if (sort_datum(datum, key_type)) {
        return ovsdb_error("ovsdb error", datum->values
                           ? "map contains duplicate key"
                           : "set contains duplicate");
    }
    return NULL;
}

void
ovsdb_datum_sort_unique(struct ovsdb_datum *datum,
                        enum ovsdb_atomic_type key_type,
                        enum ovsdb_atomic_type value_type)
{
    unsigned int src, dst;

    if (!sort_datum(datum, key_type)) {
        return;
    }
    for (dst = 1, src = 1; src < datum->n; src++) {
        if (ovsdb_atom_equals(&datum->keys[src], &datum->keys[dst - 1],
                              key_type)) {
            ovsdb_atom_destroy(&datum->keys[src], key_type);
            if (datum->values) {
                ovsdb_atom_destroy(&datum->values[src], value_type);
            }
        } else {
            if (src != dst) {
                datum->keys[dst] = datum->keys[src];
                if (datum->values) {
                    datum->values[dst] = datum->values[src];
                }
            }
            dst++;
        }
    }
    datum->n = dst;
}

/* Returns the "Attempted to store N elements in <type>." error that OVS
 * reports when a datum's size is out of bounds. */
static struct ovsdb_error *
count_error(unsigned int n, const struct ovsdb_type *type)
{
    char *english = ovsdb_type_to_english(type);
    struct ovsdb_error *error = ovsdb_error("constraint violation",
                                            "Attempted to store %u elements "
                                            "in %s.", n, english);
    free(english);
    return error;
}

/* True if atoms of BASE can fail ovsdb_atom_check_constraints(): a
 * reference's "constraint" (its target table) is the transaction's job,
 * so big sets of UUIDs (Bridge ports) skip the per-atom loop. */
static bool
base_type_checks_atoms(const struct ovsdb_base_type *base)
{
    return (base->enum_
            || (base->type != OVSDB_TYPE_UUID
                && ovsdb_base_type_has_constraints(base)));
}

struct ovsdb_error *
ovsdb_datum_check_constraints(const struct ovsdb_datum *datum,
                              const struct ovsdb_type *type)
{
    struct ovsdb_error *error;

    if (datum->n < type->n_min || datum->n > type->n_max) {
        return count_error(datum->n, type);
    }
    if (base_type_checks_atoms(&type->key)) {
        for (unsigned int i = 0; i < datum->n; i++) {
            error = ovsdb_atom_check_constraints(&datum->keys[i],
                                                 &type->key);
            if (error) {
                return error;
            }
        }
    }
    if (is_map(type) && base_type_checks_atoms(&type->value)) {
        for (unsigned int i = 0; i < datum->n; i++) {
            error = ovsdb_atom_check_constraints(&datum->values[i],
                                                 &type->value);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* JSON. */

/* If JSON is ["set", <array>] (for sets) or ["map", <array>] (for maps),
 * returns the inner array.  A set may also be a single atom: then returns
 * NULL with *ERRORP NULL.  Malformed wrappers set *ERRORP. */
static const json_t *
unwrap_elements(const json_t *json, const struct ovsdb_type *type,
                struct ovsdb_error **errorp)
{
    const char *class = is_map(type) ? "map" : "set";
    const json_t *tag;

    *errorp = NULL;
    if (json_is_array(json) && json_array_size(json) >= 1
        && json_is_string(tag = json_array_get(json, 0))
        && !strcmp(json_string_value(tag), class)) {
        const json_t *elems = json_array_get(json, 1);
        if (json_array_size(json) == 2 && json_is_array(elems)) {
            return elems;
        }
    } else if (!is_map(type)) {
        return NULL;
    }
    *errorp = ovsdb_syntax_error(json, NULL, "expected [\"%s\", <array>]",
                                 class);
    return NULL;
}

static struct ovsdb_error *
parse_atom(union ovsdb_atom *atom, const struct ovsdb_base_type *base,
           const json_t *json, struct ovsdb_symbol_table *symtab,
           bool check)
{
    struct ovsdb_error *error = ovsdb_atom_from_json(atom, base, json,
                                                     symtab);
    if (!error && check) {
        error = ovsdb_atom_check_constraints(atom, base);
        if (error) {
            ovsdb_atom_destroy(atom, base->type);
        }
    }
    return error;
}

static struct ovsdb_error *
datum_from_json(struct ovsdb_datum *datum, const struct ovsdb_type *type,
                const json_t *json, struct ovsdb_symbol_table *symtab,
                bool check)
{
    const char *class = is_map(type) ? "map" : "set";
    struct ovsdb_error *error;
    const json_t *elems;
    size_t n;

    ovsdb_datum_init_empty(datum);
    elems = unwrap_elements(json, type, &error);
    if (error) {
        return error;
    }
    n = elems ? json_array_size(elems) : 1;

    if (check && (n < type->n_min || n > type->n_max)) {
        if (type->n_min == 1 && type->n_max == 1) {
            return ovsdb_syntax_error(json, NULL, "%s must have exactly one "
                                      "member but %zu are present",
                                      class, n);
        }
        return ovsdb_syntax_error(json, NULL, "%s must have %u to %u "
                                  "members but %zu are present",
                                  class, type->n_min, type->n_max, n);
    }
    if (n > UINT_MAX) {
        return ovsdb_syntax_error(json, NULL, "too many elements");
    }

    datum_alloc(datum, n, is_map(type));
    for (size_t i = 0; i < n; i++) {
        const json_t *elem = elems ? json_array_get(elems, i) : json;
        union ovsdb_atom *key = &datum->keys[datum->n];

        if (is_map(type)) {
            if (!json_is_array(elem) || json_array_size(elem) != 2) {
                error = ovsdb_syntax_error(elem, NULL,
                                           "expected 2-element array");
                goto error;
            }
            error = parse_atom(key, &type->key, json_array_get(elem, 0),
                               symtab, check);
            if (error) {
                goto error;
            }
            error = parse_atom(&datum->values[datum->n], &type->value,
                               json_array_get(elem, 1), symtab, check);
            if (error) {
                ovsdb_atom_destroy(key, type->key.type);
                goto error;
            }
        } else {
            error = parse_atom(key, &type->key, elem, symtab, check);
            if (error) {
                goto error;
            }
        }
        datum->n++;
    }

    error = ovsdb_datum_sort(datum, type->key.type);
    if (error) {
        goto error;
    }
    return NULL;

error:
    ovsdb_datum_destroy(datum, type);
    return error;
}

struct ovsdb_error *
ovsdb_datum_from_json(struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, const json_t *json,
                      struct ovsdb_symbol_table *symtab)
{
    return datum_from_json(datum, type, json, symtab, true);
}

struct ovsdb_error *
ovsdb_datum_from_json_relaxed(struct ovsdb_datum *datum,
                              const struct ovsdb_type *type,
                              const json_t *json,
                              struct ovsdb_symbol_table *symtab)
{
    return datum_from_json(datum, type, json, symtab, false);
}

json_t *
ovsdb_datum_to_json(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type)
{
    json_t *elems;

    if (!is_map(type) && datum->n == 1) {
        return ovsdb_atom_to_json(&datum->keys[0], type->key.type);
    }

    elems = json_array();
    for (unsigned int i = 0; i < datum->n; i++) {
        json_t *key = ovsdb_atom_to_json(&datum->keys[i], type->key.type);
        if (is_map(type)) {
            json_t *value = ovsdb_atom_to_json(&datum->values[i],
                                               type->value.type);
            json_array_append_new(elems, json_pack("[oo]", key, value));
        } else {
            json_array_append_new(elems, key);
        }
    }
    return json_pack("[so]", is_map(type) ? "map" : "set", elems);
}

/* Lookups. */

unsigned int
ovsdb_datum_find_key(const struct ovsdb_datum *datum,
                     const union ovsdb_atom *key,
                     enum ovsdb_atomic_type key_type)
{
    unsigned int low = 0, high = datum->n;

    while (low < high) {
        unsigned int mid = low + (high - low) / 2;
        int cmp = ovsdb_atom_compare_3way(key, &datum->keys[mid], key_type);
        if (cmp < 0) {
            high = mid;
        } else if (cmp > 0) {
            low = mid + 1;
        } else {
            return mid;
        }
    }
    return UINT_MAX;
}

unsigned int
ovsdb_datum_find_key_value(const struct ovsdb_datum *datum,
                           const union ovsdb_atom *key,
                           enum ovsdb_atomic_type key_type,
                           const union ovsdb_atom *value,
                           enum ovsdb_atomic_type value_type)
{
    unsigned int idx = ovsdb_datum_find_key(datum, key, key_type);

    if (idx != UINT_MAX && value_type != OVSDB_TYPE_VOID
        && (!datum->values
            || !ovsdb_atom_equals(&datum->values[idx], value, value_type))) {
        return UINT_MAX;
    }
    return idx;
}

/* Walks sorted A and B together.  For each key present in both calls
 * nothing; returns counts of common elements (matching keys, and matching
 * values too when COMPARE_VALUES). */
static unsigned int
count_common(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
             const struct ovsdb_type *type, bool compare_values)
{
    unsigned int i = 0, j = 0, n = 0;

    while (i < a->n && j < b->n) {
        int cmp = ovsdb_atom_compare_3way(&a->keys[i], &b->keys[j],
                                          type->key.type);
        if (cmp < 0) {
            i++;
        } else if (cmp > 0) {
            j++;
        } else {
            if (!compare_values
                || ovsdb_atom_equals(&a->values[i], &b->values[j],
                                     type->value.type)) {
                n++;
            }
            i++;
            j++;
        }
    }
    return n;
}

bool
ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    bool values = is_map(type) && a->values && b->values;
    return count_common(a, b, type, values) == b->n;
}

bool
ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    bool values = is_map(type) && a->values && b->values;
    return count_common(a, b, type, values) == 0;
}

/* Set operations. */

void
ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                  const struct ovsdb_type *type)
{
    bool map = is_map(type);
    struct ovsdb_datum result;
    unsigned int i = 0, j = 0;

    if (!b->n) {
        return;
    }
    datum_alloc(&result, a->n + b->n, map);
    while (i < a->n || j < b->n) {
        int cmp = (i >= a->n ? 1 : j >= b->n ? -1
                   : ovsdb_atom_compare_3way(&a->keys[i], &b->keys[j],
                                             type->key.type));
        unsigned int k = result.n++;

        if (cmp <= 0) {
            /* Take A's element (moving it); skip B's equal key. */
            result.keys[k] = a->keys[i];
            if (map) {
                result.values[k] = a->values[i];
            }
            i++;
            j += cmp == 0;
        } else {
            ovsdb_atom_clone(&result.keys[k], &b->keys[j], type->key.type);
            if (map) {
                ovsdb_atom_clone(&result.values[k], &b->values[j],
                                 type->value.type);
            }
            j++;
        }
    }
    free(a->keys);
    free(a->values);
    *a = result;
}

void
ovsdb_datum_subtract(struct ovsdb_datum *a, const struct ovsdb_type *a_type,
                     const struct ovsdb_datum *b,
                     const struct ovsdb_type *b_type)
{
    bool by_value = is_map(a_type) && is_map(b_type);
    unsigned int i = 0, j = 0, dst = 0;

    while (i < a->n) {
        int cmp = (j >= b->n ? -1
                   : ovsdb_atom_compare_3way(&a->keys[i], &b->keys[j],
                                             a_type->key.type));
        if (cmp > 0) {
            j++;
            continue;
        }
        if (cmp == 0
            && (!by_value
                || ovsdb_atom_equals(&a->values[i], &b->values[j],
                                     a_type->value.type))) {
            ovsdb_atom_destroy(&a->keys[i], a_type->key.type);
            if (a->values) {
                ovsdb_atom_destroy(&a->values[i], a_type->value.type);
            }
        } else {
            a->keys[dst] = a->keys[i];
            if (a->values) {
                a->values[dst] = a->values[i];
            }
            dst++;
        }
        i++;
        j += cmp == 0;
    }
    a->n = dst;
}

void
ovsdb_datum_add_unsafe(struct ovsdb_datum *datum,
                       const union ovsdb_atom *key,
                       const union ovsdb_atom *value,
                       const struct ovsdb_type *type)
{
    unsigned int n = datum->n + 1;

    datum->keys = xrealloc(datum->keys, n * sizeof *datum->keys);
    ovsdb_atom_clone(&datum->keys[datum->n], key, type->key.type);
    if (is_map(type)) {
        datum->values = xrealloc(datum->values, n * sizeof *datum->values);
        ovsdb_atom_clone(&datum->values[datum->n], value, type->value.type);
    }
    datum->n = n;
}

void
ovsdb_datum_remove_at(struct ovsdb_datum *datum, unsigned int idx,
                      const struct ovsdb_type *type)
{
    unsigned int tail = datum->n - idx - 1;

    ovsdb_atom_destroy(&datum->keys[idx], type->key.type);
    memmove(&datum->keys[idx], &datum->keys[idx + 1],
            tail * sizeof *datum->keys);
    if (is_map(type)) {
        ovsdb_atom_destroy(&datum->values[idx], type->value.type);
        memmove(&datum->values[idx], &datum->values[idx + 1],
                tail * sizeof *datum->values);
    }
    datum->n--;
}

/* update2 diffs. */

static void
append_clone(struct ovsdb_datum *dst, const struct ovsdb_datum *src,
             unsigned int idx, const union ovsdb_atom *value,
             const struct ovsdb_type *type)
{
    unsigned int k = dst->n++;

    ovsdb_atom_clone(&dst->keys[k], &src->keys[idx], type->key.type);
    if (is_map(type)) {
        ovsdb_atom_clone(&dst->values[k], value ? value : &src->values[idx],
                         type->value.type);
    }
}

/* True if a diff of TYPE is simply the new value: OVS does this for every
 * column that holds at most one value, optional ones included (an
 * optional column is cleared by the diff ["set", []]). */
static bool
diff_is_new_value(const struct ovsdb_type *type)
{
    return type->n_max == 1;
}

void
ovsdb_datum_diff(struct ovsdb_datum *diff, const struct ovsdb_datum *old,
                 const struct ovsdb_datum *new, const struct ovsdb_type *type)
{
    unsigned int i = 0, j = 0;

    if (diff_is_new_value(type)) {
        ovsdb_datum_clone(diff, new, type);
        return;
    }

    datum_alloc(diff, old->n + new->n, is_map(type));
    while (i < old->n || j < new->n) {
        int cmp = (i >= old->n ? 1 : j >= new->n ? -1
                   : ovsdb_atom_compare_3way(&old->keys[i], &new->keys[j],
                                             type->key.type));
        if (cmp < 0) {
            append_clone(diff, old, i++, NULL, type);   /* Removed. */
        } else if (cmp > 0) {
            append_clone(diff, new, j++, NULL, type);   /* Added. */
        } else {
            if (is_map(type)
                && !ovsdb_atom_equals(&old->values[i], &new->values[j],
                                      type->value.type)) {
                append_clone(diff, new, j, NULL, type); /* Changed. */
            }
            i++;
            j++;
        }
    }
}

/* Computes OLD with DIFF applied into NEW (initialized here). */
static void
apply_diff(struct ovsdb_datum *new, const struct ovsdb_datum *old,
           const struct ovsdb_datum *diff, const struct ovsdb_type *type)
{
    bool map = is_map(type);
    unsigned int i = 0, j = 0;

    if (diff_is_new_value(type)) {
        ovsdb_datum_clone(new, diff, type);
        return;
    }

    datum_alloc(new, old->n + diff->n, map);
    while (i < old->n || j < diff->n) {
        int cmp = (i >= old->n ? 1 : j >= diff->n ? -1
                   : ovsdb_atom_compare_3way(&old->keys[i], &diff->keys[j],
                                             type->key.type));
        if (cmp < 0) {
            append_clone(new, old, i++, NULL, type);    /* Unchanged. */
        } else if (cmp > 0) {
            append_clone(new, diff, j++, NULL, type);   /* Added. */
        } else {
            /* In both: a set element or a map entry with an equal value is
             * removed; a map entry with another value is replaced. */
            if (map && !ovsdb_atom_equals(&old->values[i], &diff->values[j],
                                          type->value.type)) {
                append_clone(new, diff, j, NULL, type);
            }
            i++;
            j++;
        }
    }
}

struct ovsdb_error *
ovsdb_datum_apply_diff(struct ovsdb_datum *new, const struct ovsdb_datum *old,
                       const struct ovsdb_datum *diff,
                       const struct ovsdb_type *type)
{
    struct ovsdb_error *error;

    apply_diff(new, old, diff, type);
    error = ovsdb_datum_check_constraints(new, type);
    if (error) {
        ovsdb_datum_destroy(new, type);
    }
    return error;
}

struct ovsdb_error *
ovsdb_datum_apply_diff_in_place(struct ovsdb_datum *datum,
                                const struct ovsdb_datum *diff,
                                const struct ovsdb_type *type)
{
    struct ovsdb_datum new;
    struct ovsdb_error *error = ovsdb_datum_apply_diff(&new, datum, diff,
                                                       type);
    if (!error) {
        ovsdb_datum_swap(&new, datum);
        ovsdb_datum_destroy(&new, type);
    }
    return error;
}

/* ---------------------------------------------------------------------- */
/* Symbol table. */

struct ovsdb_symbol_table *
ovsdb_symbol_table_create(void)
{
    struct ovsdb_symbol_table *symtab = xmalloc(sizeof *symtab);
    shash_init(&symtab->sh);
    return symtab;
}

void
ovsdb_symbol_table_destroy(struct ovsdb_symbol_table *symtab)
{
    if (symtab) {
        shash_destroy_free_data(&symtab->sh);
        free(symtab);
    }
}

struct ovsdb_symbol *
ovsdb_symbol_table_find(const struct ovsdb_symbol_table *symtab,
                        const char *name)
{
    return shash_find_data(&symtab->sh, name);
}

struct ovsdb_symbol *
ovsdb_symbol_table_put(struct ovsdb_symbol_table *symtab, const char *name,
                       const struct uuid *uuid, bool created)
{
    struct ovsdb_symbol *symbol = xzalloc(sizeof *symbol);

    symbol->uuid = *uuid;
    symbol->created = created;
    shash_add(&symtab->sh, name, symbol);
    return symbol;
}

struct ovsdb_symbol *
ovsdb_symbol_table_insert(struct ovsdb_symbol_table *symtab,
                          const char *name)
{
    struct ovsdb_symbol *symbol = ovsdb_symbol_table_find(symtab, name);

    if (!symbol) {
        struct uuid uuid;

        uuid_generate(&uuid);
        symbol = ovsdb_symbol_table_put(symtab, name, &uuid, false);
    }
    return symbol;
}

const char *
ovsdb_symbol_table_find_uncreated(const struct ovsdb_symbol_table *symtab)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &symtab->sh) {
        const struct ovsdb_symbol *symbol = node->data;
        if (!symbol->created) {
            return node->name;
        }
    }
    return NULL;
}
