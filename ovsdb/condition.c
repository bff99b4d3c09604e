/* condition: parsing and evaluation of OVSDB conditions (RFC 7047
 * <condition> plus OVS's boolean literals and its rules for <, <=, >, >=
 * on optional integer/real columns).
 *
 * Argument types follow OVS: "==" and "!=" take a value of the column's
 * own type; "includes" and "excludes" relax the minimum size to 0 for
 * non-scalar columns; "<", "<=", ">", ">=" require an integer or real
 * column of at most one element and take one atom of its key type.
 * Arguments are checked against the column's constraints, as OVS does. */
#include "condition.h"

#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "ovsdb-error.h"
#include "table-schema.h"
#include "util.h"

static const char *const function_names[] = {
    [OVSDB_F_FALSE] = "false",
    [OVSDB_F_TRUE] = "true",
    [OVSDB_F_EQ] = "==",
    [OVSDB_F_INCLUDES] = "includes",
    [OVSDB_F_LE] = "<=",
    [OVSDB_F_LT] = "<",
    [OVSDB_F_GE] = ">=",
    [OVSDB_F_GT] = ">",
    [OVSDB_F_EXCLUDES] = "excludes",
    [OVSDB_F_NE] = "!=",
};

bool
ovsdb_function_from_string(const char *s, enum ovsdb_function *function)
{
    for (int i = OVSDB_F_EQ; i <= OVSDB_F_NE; i++) {
        if (!strcmp(s, function_names[i])) {
            *function = i;
            return true;
        }
    }
    return false;
}

const char *
ovsdb_function_to_string(enum ovsdb_function function)
{
    return ((unsigned int) function < ARRAY_SIZE(function_names)
            ? function_names[function] : "<invalid>");
}

void
ovsdb_condition_init(struct ovsdb_condition *cond)
{
    cond->clauses = NULL;
    cond->n_clauses = 0;
}

bool
ovsdb_condition_is_empty(const struct ovsdb_condition *cond)
{
    return !cond->n_clauses;
}

static void
clause_destroy(struct ovsdb_clause *clause)
{
    if (clause->column) {
        ovsdb_datum_destroy(&clause->arg, &clause->column->type);
    }
}

void
ovsdb_condition_destroy(struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        clause_destroy(&cond->clauses[i]);
    }
    free(cond->clauses);
    ovsdb_condition_init(cond);
}

void
ovsdb_condition_clone(struct ovsdb_condition *dst,
                      const struct ovsdb_condition *src)
{
    dst->n_clauses = src->n_clauses;
    dst->clauses = (src->n_clauses
                    ? xmalloc(src->n_clauses * sizeof *dst->clauses) : NULL);
    for (size_t i = 0; i < src->n_clauses; i++) {
        const struct ovsdb_clause *s = &src->clauses[i];
        struct ovsdb_clause *d = &dst->clauses[i];

        d->function = s->function;
        d->column = s->column;
        d->index = s->index;
        if (s->column) {
            ovsdb_datum_clone(&d->arg, &s->arg, &s->column->type);
        } else {
            ovsdb_datum_init_empty(&d->arg);
        }
    }
}

static struct ovsdb_error *
type_mismatch(const json_t *json, enum ovsdb_function function,
              const struct ovsdb_column *column)
{
    char *english = ovsdb_type_to_english(&column->type);
    struct ovsdb_error *error;

    error = ovsdb_syntax_error(json, NULL, "Type mismatch: \"%s\" operator "
                               "may not be applied to column %s of type %s.",
                               ovsdb_function_to_string(function),
                               column->name, english);
    free(english);
    return error;
}

static struct ovsdb_error *
clause_from_json(const struct ovsdb_table_schema *table, const json_t *json,
                 struct ovsdb_symbol_table *symtab,
                 struct ovsdb_clause *clause)
{
    const json_t *column_json, *function_json;
    const struct ovsdb_column *column;
    enum ovsdb_function function;
    struct ovsdb_error *error;
    struct ovsdb_type type;

    clause->column = NULL;
    clause->index = 0;
    ovsdb_datum_init_empty(&clause->arg);

    if (json_is_boolean(json)) {
        clause->function = json_is_true(json) ? OVSDB_F_TRUE : OVSDB_F_FALSE;
        return NULL;
    }
    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(column_json = json_array_get(json, 0))
        || !json_is_string(function_json = json_array_get(json, 1))) {
        return ovsdb_syntax_error(json, NULL, "Parse error in condition.");
    }

    column = ovsdb_table_schema_get_column(table,
                                           json_string_value(column_json));
    if (!column) {
        return ovsdb_syntax_error(json, "unknown column",
                                  "No column %s in table %s.",
                                  json_string_value(column_json),
                                  table->name);
    }
    if (!ovsdb_function_from_string(json_string_value(function_json),
                                    &function)) {
        return ovsdb_error("unknown function", "No function named %s.",
                           json_string_value(function_json));
    }

    ovsdb_type_clone(&type, &column->type);
    switch (function) {
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GT:
    case OVSDB_F_GE:
        if ((type.key.type != OVSDB_TYPE_INTEGER
             && type.key.type != OVSDB_TYPE_REAL)
            || type.value.type != OVSDB_TYPE_VOID || type.n_max != 1) {
            ovsdb_type_destroy(&type);
            return type_mismatch(json, function, column);
        }
        type.n_min = 1;
        break;
    case OVSDB_F_INCLUDES:
    case OVSDB_F_EXCLUDES:
        if (!ovsdb_type_is_scalar(&type)) {
            type.n_min = 0;
        }
        break;
    case OVSDB_F_EQ:
    case OVSDB_F_NE:
    case OVSDB_F_TRUE:
    case OVSDB_F_FALSE:
    default:
        break;
    }

    error = ovsdb_datum_from_json(&clause->arg, &type,
                                  json_array_get(json, 2), symtab);
    ovsdb_type_destroy(&type);
    if (error) {
        return error;
    }
    clause->function = function;
    clause->column = column;
    clause->index = column->index;
    return NULL;
}

static int
compare_clauses(const void *a_, const void *b_)
{
    const struct ovsdb_clause *a = a_, *b = b_;

    if (a->function != b->function) {
        return a->function < b->function ? -1 : 1;
    } else if (a->index != b->index) {
        return a->index < b->index ? -1 : 1;
    } else if (a->column) {
        return ovsdb_datum_compare_3way(&a->arg, &b->arg, &a->column->type);
    }
    return 0;
}

struct ovsdb_error *
ovsdb_condition_from_json(const struct ovsdb_table_schema *table,
                          const json_t *json,
                          struct ovsdb_symbol_table *symtab,
                          struct ovsdb_condition *cond)
{
    size_t n;

    ovsdb_condition_init(cond);
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "Parse error in condition.");
    }
    n = json_array_size(json);
    cond->clauses = n ? xmalloc(n * sizeof *cond->clauses) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = clause_from_json(table, json_array_get(json, i), symtab,
                                 &cond->clauses[i]);
        if (error) {
            ovsdb_condition_destroy(cond);
            return error;
        }
        cond->n_clauses++;
    }
    if (n > 1) {
        qsort(cond->clauses, n, sizeof *cond->clauses, compare_clauses);
    }
    return NULL;
}

json_t *
ovsdb_condition_to_json(const struct ovsdb_condition *cond)
{
    json_t *json = json_array();

    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cond->clauses[i];

        if (!clause->column) {
            json_array_append_new(json, json_boolean(clause->function
                                                     == OVSDB_F_TRUE));
        } else {
            json_array_append_new(
                json, json_pack("[sso]", clause->column->name,
                                ovsdb_function_to_string(clause->function),
                                ovsdb_datum_to_json(&clause->arg,
                                                    &clause->column->type)));
        }
    }
    return json;
}

static int
compare_first_atom(const struct ovsdb_datum *field,
                   const struct ovsdb_clause *clause)
{
    return ovsdb_atom_compare_3way(&field->keys[0], &clause->arg.keys[0],
                                   clause->column->type.key.type);
}

bool
ovsdb_clause_evaluate(const struct ovsdb_datum *fields,
                      const struct ovsdb_clause *clause)
{
    const struct ovsdb_datum *field;
    const struct ovsdb_type *type;

    if (!clause->column) {
        return clause->function == OVSDB_F_TRUE;
    }
    field = &fields[clause->index];
    type = &clause->column->type;

    switch (clause->function) {
    case OVSDB_F_EQ:
        return ovsdb_datum_equals(field, &clause->arg, type);
    case OVSDB_F_NE:
        return !ovsdb_datum_equals(field, &clause->arg, type);
    case OVSDB_F_INCLUDES:
        return ovsdb_datum_includes_all(field, &clause->arg, type);
    case OVSDB_F_EXCLUDES:
        return ovsdb_datum_excludes_all(field, &clause->arg, type);
    case OVSDB_F_LT:
        return field->n && compare_first_atom(field, clause) < 0;
    case OVSDB_F_LE:
        return field->n && compare_first_atom(field, clause) <= 0;
    case OVSDB_F_GT:
        return field->n && compare_first_atom(field, clause) > 0;
    case OVSDB_F_GE:
        return field->n && compare_first_atom(field, clause) >= 0;
    case OVSDB_F_TRUE:
        return true;
    case OVSDB_F_FALSE:
    default:
        return false;
    }
}

bool
ovsdb_condition_match_every_clause(const struct ovsdb_datum *fields,
                                   const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (!ovsdb_clause_evaluate(fields, &cond->clauses[i])) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_match_any_clause(const struct ovsdb_datum *fields,
                                 const struct ovsdb_condition *cond)
{
    if (!cond->n_clauses) {
        return true;
    }
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (ovsdb_clause_evaluate(fields, &cond->clauses[i])) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_condition_is_true(const struct ovsdb_condition *cond)
{
    if (!cond->n_clauses) {
        return true;
    }
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (cond->clauses[i].function == OVSDB_F_TRUE) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_condition_is_false(const struct ovsdb_condition *cond)
{
    if (!cond->n_clauses) {
        return false;
    }
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (cond->clauses[i].function != OVSDB_F_FALSE) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_has_false(const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (cond->clauses[i].function == OVSDB_F_FALSE) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_condition_get_uuid_eq(const struct ovsdb_condition *cond,
                            struct uuid *uuidp)
{
    const struct ovsdb_datum *arg = ovsdb_condition_get_eq_arg(cond,
                                                              OVSDB_COL_UUID);
    if (arg && arg->n == 1) {
        *uuidp = arg->keys[0].uuid;
        return true;
    }
    return false;
}

const struct ovsdb_datum *
ovsdb_condition_get_eq_arg(const struct ovsdb_condition *cond,
                           unsigned int column_index)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cond->clauses[i];
        if (clause->function == OVSDB_F_EQ && clause->column
            && clause->index == column_index) {
            return &clause->arg;
        }
    }
    return NULL;
}

int
ovsdb_condition_cmp_3way(const struct ovsdb_condition *a,
                         const struct ovsdb_condition *b)
{
    if (a->n_clauses != b->n_clauses) {
        return a->n_clauses < b->n_clauses ? -1 : 1;
    }
    for (size_t i = 0; i < a->n_clauses; i++) {
        const struct ovsdb_clause *ca = &a->clauses[i], *cb = &b->clauses[i];
        int cmp;

        if (!ca->column != !cb->column) {
            return !ca->column ? -1 : 1;
        }
        cmp = compare_clauses(ca, cb);
        if (cmp) {
            return cmp;
        }
    }
    return 0;
}
