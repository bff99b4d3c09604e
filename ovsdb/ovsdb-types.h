/* ovsdb-types: OVSDB column types (RFC 7047 section 3.2, ovsdb(7)).
 *
 * An atomic type is one of integer, real, boolean, string, uuid.  A base
 * type is an atomic type plus constraints (enum, integer/real range,
 * string length in UTF-8 characters, uuid reference to a table).  A
 * column type is a key base type, an optional value base type (maps), and
 * the minimum/maximum number of elements.  This module parses types from
 * schema JSON, writes them back in the compact form OVS writes, compares
 * them and describes them in English the way `ovsdb-client list-columns`
 * does. */
#ifndef OVSDB_TYPES_H
#define OVSDB_TYPES_H 1

#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include "util.h"

struct ovsdb_datum;
struct ovsdb_error;
struct ovsdb_table_schema;

enum ovsdb_atomic_type {
    OVSDB_TYPE_VOID,            /* No value (the value of a set type). */
    OVSDB_TYPE_INTEGER,         /* int64_t. */
    OVSDB_TYPE_REAL,            /* double. */
    OVSDB_TYPE_BOOLEAN,         /* bool. */
    OVSDB_TYPE_STRING,          /* UTF-8 string. */
    OVSDB_TYPE_UUID,            /* struct uuid. */
    OVSDB_N_TYPES
};

/* Returns "integer", "real", "boolean", "string", "uuid" ("void" for
 * OVSDB_TYPE_VOID).  Static string. */
const char *ovsdb_atomic_type_to_string(enum ovsdb_atomic_type);
/* Parses one of the names above (not "void"); false if unknown. */
bool ovsdb_atomic_type_from_string(const char *, enum ovsdb_atomic_type *);
/* True for every type but OVSDB_TYPE_VOID and out-of-range values. */
bool ovsdb_atomic_type_is_valid(enum ovsdb_atomic_type);

enum ovsdb_ref_type {
    OVSDB_REF_STRONG,           /* Target must exist; keeps it alive. */
    OVSDB_REF_WEAK              /* Removed when the target is deleted. */
};

struct ovsdb_base_type {
    enum ovsdb_atomic_type type;
    struct ovsdb_datum *enum_;  /* NULL, or the allowed values: a set of
                                 * TYPE atoms (owned). */
    union {
        struct {
            int64_t min, max;   /* INT64_MIN/INT64_MAX if unconstrained. */
        } integer;
        struct {
            double min, max;    /* -DBL_MAX/DBL_MAX if unconstrained. */
        } real;
        struct {
            unsigned int min_len;   /* In UTF-8 characters; 0 if none. */
            unsigned int max_len;   /* UINT_MAX if unconstrained. */
        } string;
        struct {
            char *ref_table_name;   /* Owned; NULL if not a reference. */
            struct ovsdb_table_schema *ref_table; /* Resolved by the
                                                   * schema; else NULL. */
            enum ovsdb_ref_type ref_type;
        } uuid;
    };
};

struct ovsdb_type {
    struct ovsdb_base_type key;
    struct ovsdb_base_type value;   /* Type VOID for a scalar or a set. */
    unsigned int n_min;             /* 0 or 1. */
    unsigned int n_max;             /* >= 1; UINT_MAX = "unlimited". */
};

/* Base types. */

/* Initializes BASE as TYPE with no constraints. */
void ovsdb_base_type_init(struct ovsdb_base_type *base,
                          enum ovsdb_atomic_type type);
/* Initializes DST as a deep copy of SRC (DST's ref_table points to the
 * same table schema as SRC's; schema cloning re-resolves it). */
void ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                           const struct ovsdb_base_type *src);
/* Frees what BASE owns (enum, ref table name).  NULL ok. */
void ovsdb_base_type_destroy(struct ovsdb_base_type *base);
/* True if BASE's constraints are consistent (min <= max etc.). */
bool ovsdb_base_type_is_valid(const struct ovsdb_base_type *base);
/* True if BASE has any constraint (enum, range, length, refTable). */
bool ovsdb_base_type_has_constraints(const struct ovsdb_base_type *base);
/* Removes every constraint from BASE (keeps the atomic type). */
void ovsdb_base_type_clear_constraints(struct ovsdb_base_type *base);
bool ovsdb_base_type_is_ref(const struct ovsdb_base_type *base);
bool ovsdb_base_type_is_strong_ref(const struct ovsdb_base_type *base);
bool ovsdb_base_type_is_weak_ref(const struct ovsdb_base_type *base);
/* Deep comparison (ref tables compared by name). */
bool ovsdb_base_type_equals(const struct ovsdb_base_type *a,
                            const struct ovsdb_base_type *b);

/* Parses a <base-type> (a type name string or an object) from JSON
 * (borrowed) into BASE.  On error BASE is left initialized as VOID (safe
 * to destroy).  Caller owns the returned error. */
struct ovsdb_error *ovsdb_base_type_from_json(struct ovsdb_base_type *base,
                                              const json_t *json)
    OVS_WARN_UNUSED_RESULT;
/* Returns BASE as compact JSON (a plain string when unconstrained).
 * Caller owns the reference. */
json_t *ovsdb_base_type_to_json(const struct ovsdb_base_type *base);

/* Column types. */

/* Initializes TYPE as a plain required scalar of ATOMIC type. */
void ovsdb_type_init(struct ovsdb_type *type, enum ovsdb_atomic_type atomic);
void ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src);
void ovsdb_type_destroy(struct ovsdb_type *type);       /* NULL ok. */
bool ovsdb_type_is_valid(const struct ovsdb_type *type);
bool ovsdb_type_equals(const struct ovsdb_type *a, const struct ovsdb_type *b);

/* Shape predicates. */
bool ovsdb_type_is_scalar(const struct ovsdb_type *);   /* exactly 1 atom */
bool ovsdb_type_is_optional(const struct ovsdb_type *); /* n_min == 0 */
bool ovsdb_type_is_optional_scalar(const struct ovsdb_type *); /* 0..1 */
bool ovsdb_type_is_composite(const struct ovsdb_type *); /* n_max > 1 */
bool ovsdb_type_is_set(const struct ovsdb_type *);      /* no value, and
                                                         * not scalar */
bool ovsdb_type_is_map(const struct ovsdb_type *);      /* has a value */

/* Parses a column <type> from JSON (borrowed).  On error TYPE is left
 * initialized (safe to destroy).  Caller owns the returned error. */
struct ovsdb_error *ovsdb_type_from_json(struct ovsdb_type *type,
                                         const json_t *json)
    OVS_WARN_UNUSED_RESULT;
/* Returns TYPE in the compact canonical form OVS writes (e.g. "string",
 * {"key": "integer", "min": 0}).  Caller owns the reference. */
json_t *ovsdb_type_to_json(const struct ovsdb_type *type);

/* Returns TYPE described as `ovsdb-client list-columns` prints it, e.g.
 * "string", "set of 1 or more uuids", "map of string to string",
 * "optional string", "integer, in range 0 to 4095".  Caller frees. */
char *ovsdb_type_to_english(const struct ovsdb_type *type);

#endif /* ovsdb/ovsdb-types.h */
