/* ovsdb-data: OVSDB atoms and datums (column values), and the symbol
 * table that resolves "named-uuid"s and ovs-vsctl "@name"s.
 *
 * An atom is one value of an atomic type.  A datum is the value of a
 * column: a sorted array of unique keys and, for maps, a parallel array of
 * values.  Every function that needs to know the atomic or column type
 * takes it as an argument: atoms and datums do not record their type.
 *
 * Two text forms exist:
 *   - JSON (RFC 7047 <value>): scalars as JSON values, ["uuid", "..."],
 *     ["named-uuid", "name"], ["set", [...]], ["map", [[k, v], ...]];
 *     a set of exactly one element may be written as the bare atom.
 *   - The display syntax used by ovs-vsctl and ovsdb-client's table/list
 *     output: strings bare or JSON-quoted, sets "[a, b]", maps
 *     "{k=v, k2=v2}".
 *
 * Parsers never trust their input: wrong JSON types, bad UTF-8, values
 * out of range all produce errors, never assertions. */
#ifndef OVSDB_DATA_H
#define OVSDB_DATA_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "ovsdb-types.h"
#include "shash.h"
#include "util.h"
#include "uuid.h"

struct ds;
struct ovsdb_error;
struct ovsdb_symbol_table;

/* ---------------------------------------------------------------------- */
/* Atoms. */

union ovsdb_atom {
    int64_t integer;
    double real;
    bool boolean;
    char *string;               /* Owned, NUL-terminated, valid UTF-8. */
    struct uuid uuid;
};

/* Initializes ATOM as the default of TYPE: 0, 0.0, false, "" (allocated),
 * all-zeros UUID. */
void ovsdb_atom_init_default(union ovsdb_atom *atom,
                             enum ovsdb_atomic_type type);
/* True if ATOM equals the default of TYPE. */
bool ovsdb_atom_is_default(const union ovsdb_atom *atom,
                           enum ovsdb_atomic_type type);
/* Initializes DST as a deep copy of SRC. */
void ovsdb_atom_clone(union ovsdb_atom *dst, const union ovsdb_atom *src,
                      enum ovsdb_atomic_type type);
void ovsdb_atom_swap(union ovsdb_atom *a, union ovsdb_atom *b);
/* Frees what ATOM owns (the string of a string atom). */
void ovsdb_atom_destroy(union ovsdb_atom *atom, enum ovsdb_atomic_type type);

uint32_t ovsdb_atom_hash(const union ovsdb_atom *atom,
                         enum ovsdb_atomic_type type, uint32_t basis);
bool ovsdb_atom_equals(const union ovsdb_atom *a, const union ovsdb_atom *b,
                       enum ovsdb_atomic_type type);
/* Total order: integers/reals numerically, false < true, strings by
 * strcmp() (byte order), UUIDs by their 4 words.  Returns <0, 0, >0.
 * Inline: the merge loops of set and map operations call it once per
 * element. */
static inline int
ovsdb_atom_compare_3way(const union ovsdb_atom *a, const union ovsdb_atom *b,
                        enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return a->integer < b->integer ? -1 : a->integer > b->integer;
    case OVSDB_TYPE_REAL:
        return a->real < b->real ? -1 : a->real > b->real;
    case OVSDB_TYPE_BOOLEAN:
        return (int) a->boolean - (int) b->boolean;
    case OVSDB_TYPE_STRING: {
        int cmp = strcmp(a->string, b->string);
        return cmp < 0 ? -1 : cmp > 0;
    }
    case OVSDB_TYPE_UUID:
        return uuid_compare_3way(&a->uuid, &b->uuid);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return 0;
    }
}

/* Parses JSON (borrowed) as an atom of BASE->type into ATOM (uninitialized
 * on entry, initialized only on success).  Constraints of BASE are NOT
 * checked (see ovsdb_atom_check_constraints()).  A ["named-uuid", NAME]
 * is resolved through SYMTAB (created there if new; NULL SYMTAB makes it
 * an error) and marks the symbol strong_ref/weak_ref from BASE.  Caller
 * owns the returned error. */
struct ovsdb_error *ovsdb_atom_from_json(union ovsdb_atom *atom,
                                         const struct ovsdb_base_type *base,
                                         const json_t *json,
                                         struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
/* Returns ATOM as JSON (UUIDs as ["uuid", "..."]).  Caller owns it. */
json_t *ovsdb_atom_to_json(const union ovsdb_atom *atom,
                           enum ovsdb_atomic_type type);

/* Parses S in the display syntax (a bare or JSON-quoted string, a number,
 * "true"/"false", a UUID, or "@name" resolved through SYMTAB when SYMTAB
 * is nonnull) as an atom of BASE->type into ATOM, then checks BASE's
 * constraints.  Returns NULL on success, else an error message (caller
 * frees) and ATOM is not initialized. */
char *ovsdb_atom_from_string(union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base,
                             const char *s,
                             struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
/* Appends ATOM in the display syntax to OUT (strings quoted only when they
 * would not read back as the same string; see ovsdb-data-string.c). */
void ovsdb_atom_to_string(const union ovsdb_atom *atom,
                          enum ovsdb_atomic_type type, struct ds *out);
/* Appends ATOM with no quoting at all (--bare / csv-style output). */
void ovsdb_atom_to_bare(const union ovsdb_atom *atom,
                        enum ovsdb_atomic_type type, struct ds *out);
/* True if string S would be printed without quotes by
 * ovsdb_atom_to_string(). */
bool ovsdb_string_needs_quotes(const char *s);

/* Checks ATOM against BASE's constraints (enum, range, length).  Reference
 * existence is not checked here.  Returns NULL or a "constraint violation"
 * error (caller owns). */
struct ovsdb_error *ovsdb_atom_check_constraints(
    const union ovsdb_atom *atom, const struct ovsdb_base_type *base)
    OVS_WARN_UNUSED_RESULT;

/* Returns the number of UTF-8 characters in S (bytes that are not
 * continuation bytes). */
size_t ovsdb_utf8_length(const char *s);

/* ---------------------------------------------------------------------- */
/* Datums. */

struct ovsdb_datum {
    unsigned int n;             /* Number of elements. */
    union ovsdb_atom *keys;     /* N keys, sorted ascending, unique. */
    union ovsdb_atom *values;   /* N values for a map, NULL otherwise. */
};

/* Initializers.  Each leaves DATUM owning its arrays; free with
 * ovsdb_datum_destroy(). */
void ovsdb_datum_init_empty(struct ovsdb_datum *datum);
/* The default value of TYPE: empty if TYPE->n_min == 0, else one default
 * key (and value). */
void ovsdb_datum_init_default(struct ovsdb_datum *datum,
                              const struct ovsdb_type *type);
bool ovsdb_datum_is_default(const struct ovsdb_datum *datum,
                            const struct ovsdb_type *type);
/* Single-element sets (KEY is copied; S is copied). */
void ovsdb_datum_init_integer(struct ovsdb_datum *datum, int64_t key);
void ovsdb_datum_init_real(struct ovsdb_datum *datum, double key);
void ovsdb_datum_init_boolean(struct ovsdb_datum *datum, bool key);
void ovsdb_datum_init_string(struct ovsdb_datum *datum, const char *s);
void ovsdb_datum_init_uuid(struct ovsdb_datum *datum, const struct uuid *);
/* A single-element set or map holding copies of KEY (and VALUE, which must
 * be nonnull iff TYPE->value.type != VOID). */
void ovsdb_datum_init_single(struct ovsdb_datum *datum,
                             const struct ovsdb_type *type,
                             const union ovsdb_atom *key,
                             const union ovsdb_atom *value);

/* Initializes DST as a deep copy of SRC. */
void ovsdb_datum_clone(struct ovsdb_datum *dst, const struct ovsdb_datum *src,
                       const struct ovsdb_type *type);
/* Frees what DATUM owns (DATUM itself is the caller's). */
void ovsdb_datum_destroy(struct ovsdb_datum *datum,
                         const struct ovsdb_type *type);
void ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b);

uint32_t ovsdb_datum_hash(const struct ovsdb_datum *datum,
                          const struct ovsdb_type *type, uint32_t basis);
bool ovsdb_datum_equals(const struct ovsdb_datum *a,
                        const struct ovsdb_datum *b,
                        const struct ovsdb_type *type);
/* Orders datums as OVS does when sorting rows for display: fewer
 * elements first, then element by element (keys, then values). */
int ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                             const struct ovsdb_datum *b,
                             const struct ovsdb_type *type);

/* Sorts DATUM's keys (moving values along).  Returns a "constraint
 * violation" error (caller owns) if two keys are equal (DATUM is then
 * sorted but still contains the duplicates). */
struct ovsdb_error *ovsdb_datum_sort(struct ovsdb_datum *datum,
                                     enum ovsdb_atomic_type key_type)
    OVS_WARN_UNUSED_RESULT;
/* Sorts DATUM and removes duplicate keys (keeping the first given value
 * for each key of a map). */
void ovsdb_datum_sort_unique(struct ovsdb_datum *datum,
                             enum ovsdb_atomic_type key_type,
                             enum ovsdb_atomic_type value_type);

/* Checks DATUM against TYPE: element count within n_min..n_max, and each
 * key and value against its base type's constraints.  Returns NULL or a
 * "constraint violation" error (caller owns). */
struct ovsdb_error *ovsdb_datum_check_constraints(
    const struct ovsdb_datum *datum, const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;

/* Parses JSON (borrowed) as a value of TYPE into DATUM (uninitialized on
 * entry; initialized only on success).  Checks everything: JSON shape,
 * atom types, duplicate keys (an error, as in OVS), element count and
 * constraints.  Named UUIDs resolve through SYMTAB (see
 * ovsdb_atom_from_json()).  Caller owns the returned error. */
struct ovsdb_error *ovsdb_datum_from_json(struct ovsdb_datum *datum,
                                          const struct ovsdb_type *type,
                                          const json_t *json,
                                          struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
/* Same, but does not check the element count (n_min/n_max) and does not
 * check base-type constraints: used for condition and mutation arguments
 * and for update2 diffs. */
struct ovsdb_error *ovsdb_datum_from_json_relaxed(
    struct ovsdb_datum *datum, const struct ovsdb_type *type,
    const json_t *json, struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
/* Returns DATUM as RFC 7047 JSON: the bare atom for a one-element set
 * (scalar), ["set", [...]] otherwise, ["map", [[k, v], ...]] for maps.
 * Caller owns the reference. */
json_t *ovsdb_datum_to_json(const struct ovsdb_datum *datum,
                            const struct ovsdb_type *type);

/* Parses S in the ovs-vsctl syntax ("a", "a,b", "[a, b]", "{k=v}",
 * "k=v, k2=v2", "[]", "{}"; integer ranges "1-5" inside integer sets) as a
 * value of TYPE into DATUM, checking constraints.  "@name" UUIDs resolve
 * through SYMTAB when nonnull.  Returns NULL on success, else an error
 * message (caller frees) and DATUM is not initialized. */
char *ovsdb_datum_from_string(struct ovsdb_datum *datum,
                              const struct ovsdb_type *type, const char *s,
                              struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;
/* Appends DATUM in the display syntax: a scalar bare, sets "[a, b]", maps
 * "{k=v, k2=v2}", empty "[]" or "{}". */
void ovsdb_datum_to_string(const struct ovsdb_datum *datum,
                           const struct ovsdb_type *type, struct ds *out);
/* Appends DATUM with no brackets or quoting: elements separated by " ",
 * map entries as "k=v" (the --bare / csv style). */
void ovsdb_datum_to_bare(const struct ovsdb_datum *datum,
                         const struct ovsdb_type *type, struct ds *out);

/* Lookups (binary search).  Return the index of the match in DATUM or
 * UINT_MAX if none. */
unsigned int ovsdb_datum_find_key(const struct ovsdb_datum *datum,
                                  const union ovsdb_atom *key,
                                  enum ovsdb_atomic_type key_type);
unsigned int ovsdb_datum_find_key_value(const struct ovsdb_datum *datum,
                                        const union ovsdb_atom *key,
                                        enum ovsdb_atomic_type key_type,
                                        const union ovsdb_atom *value,
                                        enum ovsdb_atomic_type value_type);

/* True if every element of B (key, or key and value for maps) is in A /
 * if no element of B is in A.  A and B are of type TYPE, except that B
 * may be a set of keys when A is a map (then only keys are compared). */
bool ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *type);
bool ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *type);

/* A |= B: adds each element of B whose key is not in A (for maps, an
 * existing key keeps A's value, as RFC 7047 "insert" requires).  Linear
 * merge.  Does not check n_max. */
void ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                       const struct ovsdb_type *type);
/* A -= B.  A is of type A_TYPE.  If B_TYPE has no value type, B is a set
 * of keys and every element of A with such a key goes; otherwise B is a
 * map and only elements of A matching both key and value go (RFC 7047
 * "delete" mutator).  Linear merge.  Does not check n_min. */
void ovsdb_datum_subtract(struct ovsdb_datum *a,
                          const struct ovsdb_type *a_type,
                          const struct ovsdb_datum *b,
                          const struct ovsdb_type *b_type);

/* Appends a copy of KEY (and VALUE for maps) at the end of DATUM without
 * sorting; call ovsdb_datum_sort() afterwards.  Reallocates on every call
 * (datums carry no spare capacity): to build large datums, allocate
 * 'keys'/'values' yourself and fill them in. */
void ovsdb_datum_add_unsafe(struct ovsdb_datum *datum,
                            const union ovsdb_atom *key,
                            const union ovsdb_atom *value,
                            const struct ovsdb_type *type);
/* Removes element IDX, destroying its atoms, keeping the rest sorted. */
void ovsdb_datum_remove_at(struct ovsdb_datum *datum, unsigned int idx,
                           const struct ovsdb_type *type);

/* update2 "modify" diffs (ovsdb-server(7)).  For a set, the diff is the
 * symmetric difference of OLD and NEW.  For a map, the diff holds each
 * key removed (with its old value), each key added (with its new value)
 * and each key whose value changed (with the new value).  For a scalar
 * (n_max == 1), the diff is just NEW.
 *
 * ovsdb_datum_diff() initializes DIFF (caller destroys it with
 * ovsdb_datum_destroy(DIFF, TYPE)); the diff may exceed TYPE's n_max, so
 * parse diffs with ovsdb_datum_from_json_relaxed(). */
void ovsdb_datum_diff(struct ovsdb_datum *diff,
                      const struct ovsdb_datum *old,
                      const struct ovsdb_datum *new,
                      const struct ovsdb_type *type);
/* Initializes NEW as OLD with DIFF applied and checks it against TYPE.
 * On error NEW is not initialized.  Caller owns the returned error. */
struct ovsdb_error *ovsdb_datum_apply_diff(struct ovsdb_datum *new,
                                           const struct ovsdb_datum *old,
                                           const struct ovsdb_datum *diff,
                                           const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;
/* Applies DIFF to DATUM in place.  On error DATUM is unchanged. */
struct ovsdb_error *ovsdb_datum_apply_diff_in_place(
    struct ovsdb_datum *datum, const struct ovsdb_datum *diff,
    const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;

/* JSON helpers for UUIDs: ["uuid", "xxxxxxxx-..."].  to_json: caller owns
 * the reference.  from_json: true on success. */
json_t *ovsdb_uuid_to_json(const struct uuid *uuid);
bool ovsdb_uuid_from_json(const json_t *json, struct uuid *uuid);

/* ---------------------------------------------------------------------- */
/* Symbol table: names of UUIDs created within one transaction (RFC 7047
 * "uuid-name" / "named-uuid") or one ovs-vsctl invocation ("@name"). */

struct ovsdb_symbol {
    struct uuid uuid;           /* The UUID the name stands for. */
    bool created;               /* Declared by an insert ("uuid-name"). */
    bool strong_ref;            /* Referenced from a strong reference. */
    bool weak_ref;              /* Referenced from a weak reference. */
};

struct ovsdb_symbol_table {
    struct shash sh;            /* name -> struct ovsdb_symbol * (owned) */
};

/* Creates an empty table.  Caller frees with
 * ovsdb_symbol_table_destroy() (NULL ok). */
struct ovsdb_symbol_table *ovsdb_symbol_table_create(void);
void ovsdb_symbol_table_destroy(struct ovsdb_symbol_table *symtab);
/* Returns the symbol NAME or NULL.  Borrowed (owned by SYMTAB). */
struct ovsdb_symbol *ovsdb_symbol_table_find(
    const struct ovsdb_symbol_table *symtab, const char *name);
/* Adds NAME (copied) standing for UUID; NAME must not exist yet.
 * Returns the new symbol (owned by SYMTAB). */
struct ovsdb_symbol *ovsdb_symbol_table_put(struct ovsdb_symbol_table *symtab,
                                            const char *name,
                                            const struct uuid *uuid,
                                            bool created);
/* Returns symbol NAME, adding it with a fresh random UUID (not created)
 * if absent.  Owned by SYMTAB. */
struct ovsdb_symbol *ovsdb_symbol_table_insert(
    struct ovsdb_symbol_table *symtab, const char *name);
/* Returns the name of a symbol that was referenced but never created, or
 * NULL.  Borrowed. */
const char *ovsdb_symbol_table_find_uncreated(
    const struct ovsdb_symbol_table *symtab);

#endif /* ovsdb/ovsdb-data.h */
