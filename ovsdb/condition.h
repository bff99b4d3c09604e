/* condition: OVSDB conditions (RFC 7047 section 5.1 <condition>, with the
 * OVS extensions of ovsdb-server(7) section 5.1).
 *
 * A condition is a list of clauses [column, function, value] (or the
 * boolean literals true/false, an OVS extension used by monitor_cond).
 * Transactions ("where" of select/update/mutate/delete/wait) require a
 * row to match every clause; monitor_cond requires it to match at least
 * one clause (an empty condition matches everything in both cases).
 *
 * Conditions are evaluated against a row's fields[] array (indexed by
 * column index), so this module does not depend on the row structure.
 * Parsed clauses are sorted by function then column, so that equality
 * clauses (which the engine can answer from _uuid or an index instead of
 * a scan) come first. */
#ifndef OVSDB_CONDITION_H
#define OVSDB_CONDITION_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "ovsdb-data.h"
#include "util.h"

struct ovsdb_column;
struct ovsdb_error;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;
struct uuid;

/* In this order (sorting puts cheap, selective functions first). */
enum ovsdb_function {
    OVSDB_F_FALSE,              /* Boolean literal false. */
    OVSDB_F_TRUE,               /* Boolean literal true. */
    OVSDB_F_EQ,                 /* "==" */
    OVSDB_F_INCLUDES,           /* "includes" */
    OVSDB_F_LE,                 /* "<=" */
    OVSDB_F_LT,                 /* "<" */
    OVSDB_F_GE,                 /* ">=" */
    OVSDB_F_GT,                 /* ">" */
    OVSDB_F_EXCLUDES,           /* "excludes" */
    OVSDB_F_NE                  /* "!=" */
};

/* Parses "==" etc. (not the boolean literals); false if unknown. */
bool ovsdb_function_from_string(const char *, enum ovsdb_function *);
/* Returns "==" etc., "true"/"false" for the literals.  Static string. */
const char *ovsdb_function_to_string(enum ovsdb_function);

struct ovsdb_clause {
    enum ovsdb_function function;
    const struct ovsdb_column *column;  /* Borrowed; NULL for literals. */
    unsigned int index;                 /* column->index (0 for literals).*/
    struct ovsdb_datum arg;             /* Owned; of column->type with
                                         * n_min/n_max relaxed for
                                         * includes/excludes; empty for
                                         * literals. */
};

struct ovsdb_condition {
    struct ovsdb_clause *clauses;       /* Owned array. */
    size_t n_clauses;
};

#define OVSDB_CONDITION_INITIALIZER { NULL, 0 }

/* Initializes COND as the empty condition (matches every row). */
void ovsdb_condition_init(struct ovsdb_condition *cond);
/* Frees what COND owns and leaves it empty. */
void ovsdb_condition_destroy(struct ovsdb_condition *cond);
bool ovsdb_condition_is_empty(const struct ovsdb_condition *cond);
/* Initializes DST as a deep copy of SRC. */
void ovsdb_condition_clone(struct ovsdb_condition *dst,
                           const struct ovsdb_condition *src);

/* Parses JSON (borrowed: an array of clauses) against table TABLE into
 * COND (uninitialized on entry; initialized, possibly empty, whether or
 * not an error is returned).  Named UUIDs resolve through SYMTAB (may be
 * NULL where named UUIDs are not allowed).  Errors: "syntax error",
 * "unknown column"-style syntax errors mentioning the column, type
 * mismatches of the argument ("syntax error" / "constraint violation" as
 * OVS reports them).  Caller owns the error. */
struct ovsdb_error *ovsdb_condition_from_json(
    const struct ovsdb_table_schema *table, const json_t *json,
    struct ovsdb_symbol_table *symtab, struct ovsdb_condition *cond)
    OVS_WARN_UNUSED_RESULT;
/* Returns COND as a JSON array of clauses.  Caller owns it. */
json_t *ovsdb_condition_to_json(const struct ovsdb_condition *cond);

/* Evaluates CLAUSE against FIELDS (a row's fields, by column index,
 * borrowed). */
bool ovsdb_clause_evaluate(const struct ovsdb_datum *fields,
                           const struct ovsdb_clause *clause);
/* True if FIELDS match every clause (transaction semantics).  An empty
 * condition matches. */
bool ovsdb_condition_match_every_clause(const struct ovsdb_datum *fields,
                                        const struct ovsdb_condition *cond);
/* True if FIELDS match at least one clause (monitor_cond semantics).  An
 * empty condition matches. */
bool ovsdb_condition_match_any_clause(const struct ovsdb_datum *fields,
                                      const struct ovsdb_condition *cond);

/* True if COND is trivially true for every row: empty, or (any-clause
 * semantics) containing a literal true.  Monitors use this to skip
 * evaluation. */
bool ovsdb_condition_is_true(const struct ovsdb_condition *cond);
/* True if COND is exactly [false] or otherwise can match no row under
 * any-clause semantics (all clauses literal false). */
bool ovsdb_condition_is_false(const struct ovsdb_condition *cond);

/* Planning helpers for every-clause semantics (transactions). */

/* If COND contains a clause [_uuid, ==, UUID], stores UUID in *UUIDP and
 * returns true: at most that one row can match. */
bool ovsdb_condition_get_uuid_eq(const struct ovsdb_condition *cond,
                                 struct uuid *uuidp);
/* Returns the argument of the first "==" clause on column COLUMN_INDEX, or
 * NULL if none.  Borrowed from COND.  (The argument of "==" has the
 * column's full type, so it can be looked up in an index on that
 * column.) */
const struct ovsdb_datum *ovsdb_condition_get_eq_arg(
    const struct ovsdb_condition *cond, unsigned int column_index);
/* True if COND contains a literal false clause (no row can match under
 * every-clause semantics). */
bool ovsdb_condition_has_false(const struct ovsdb_condition *cond);

/* Compares two conditions (e.g. to detect that monitor_cond_change does
 * not change anything).  Returns <0, 0, >0. */
int ovsdb_condition_cmp_3way(const struct ovsdb_condition *a,
                             const struct ovsdb_condition *b);

#endif /* ovsdb/condition.h */
