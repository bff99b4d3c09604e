/* mutation: OVSDB mutations (RFC 7047 section 5.1 <mutation>, the
 * "mutate" operation).
 *
 * A mutation [column, mutator, value] changes one column of a row:
 * arithmetic (+=, -=, *=, /=, %=) on integer and real scalars and on each
 * element of sets of them, and "insert"/"delete" on sets and maps.
 * Mutations are parsed against a table schema and applied to a row's
 * fields[] array (by column index), so this module does not depend on the
 * row structure.  Errors follow RFC 7047: "domain error" (division by
 * zero), "range error" (integer overflow), "constraint violation" (result
 * violates the column type, or the column may not be mutated). */
#ifndef OVSDB_MUTATION_H
#define OVSDB_MUTATION_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "ovsdb-data.h"
#include "ovsdb-types.h"
#include "util.h"

struct ovsdb_column;
struct ovsdb_error;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;

enum ovsdb_mutator {
    OVSDB_M_ADD,                /* "+=" */
    OVSDB_M_SUB,                /* "-=" */
    OVSDB_M_MUL,                /* "*=" */
    OVSDB_M_DIV,                /* "/=" */
    OVSDB_M_MOD,                /* "%=" */
    OVSDB_M_INSERT,             /* "insert" */
    OVSDB_M_DELETE              /* "delete" */
};

/* Parses "+=" etc.; false if unknown. */
bool ovsdb_mutator_from_string(const char *, enum ovsdb_mutator *);
/* Returns "+=" etc.  Static string. */
const char *ovsdb_mutator_to_string(enum ovsdb_mutator);

struct ovsdb_mutation {
    enum ovsdb_mutator mutator;
    const struct ovsdb_column *column;  /* Borrowed. */
    struct ovsdb_datum arg;             /* Owned, of TYPE. */
    struct ovsdb_type type;             /* Owned: the argument's type. */
};

struct ovsdb_mutation_set {
    struct ovsdb_mutation *mutations;   /* Owned array. */
    size_t n_mutations;
};

#define OVSDB_MUTATION_SET_INITIALIZER { NULL, 0 }

/* Parses JSON (borrowed: an array of mutations) against TABLE into SET
 * (uninitialized on entry; initialized whether or not an error is
 * returned).  Named UUIDs resolve through SYMTAB.  Caller owns the error
 * and frees SET with ovsdb_mutation_set_destroy(). */
struct ovsdb_error *ovsdb_mutation_set_from_json(
    const struct ovsdb_table_schema *table, const json_t *json,
    struct ovsdb_symbol_table *symtab, struct ovsdb_mutation_set *set)
    OVS_WARN_UNUSED_RESULT;
/* Returns SET as a JSON array of mutations.  Caller owns it. */
json_t *ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *set);
void ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set);

/* Applies SET to FIELDS (a row's fields by column index, modified in
 * place).  Mutations apply in order; on error FIELDS may be partly
 * mutated, but each datum is always a valid value of its type (the
 * engine works on a copy of the row and discards it on error).  Caller
 * owns the error. */
struct ovsdb_error *ovsdb_mutation_set_execute(
    struct ovsdb_datum *fields, const struct ovsdb_mutation_set *set)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/mutation.h */
