/* mutation: parsing and execution of OVSDB mutations (RFC 7047 "mutate").
 *
 * Argument types follow OVS: arithmetic mutators take one atom of the
 * column's key type without its constraints (the result is checked
 * instead); "insert" takes a value of the column's type with minimum size
 * 0; "delete" on a map takes either a map (delete matching key-value
 * pairs) or a set of keys; both are checked against the column's
 * constraints.  Results are checked against the column type: element
 * constraints, no duplicates after arithmetic, size limits after
 * insert/delete. */
#include "mutation.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "ovsdb-error.h"
#include "table-schema.h"
#include "util.h"

static const char *const mutator_names[] = {
    [OVSDB_M_ADD] = "+=",
    [OVSDB_M_SUB] = "-=",
    [OVSDB_M_MUL] = "*=",
    [OVSDB_M_DIV] = "/=",
    [OVSDB_M_MOD] = "%=",
    [OVSDB_M_INSERT] = "insert",
    [OVSDB_M_DELETE] = "delete",
};

bool
ovsdb_mutator_from_string(const char *s, enum ovsdb_mutator *mutator)
{
    for (size_t i = 0; i < ARRAY_SIZE(mutator_names); i++) {
        if (!strcmp(s, mutator_names[i])) {
            *mutator = i;
            return true;
        }
    }
    return false;
}

const char *
ovsdb_mutator_to_string(enum ovsdb_mutator mutator)
{
    return ((unsigned int) mutator < ARRAY_SIZE(mutator_names)
            ? mutator_names[mutator] : "<invalid>");
}

static bool
is_arithmetic(enum ovsdb_mutator mutator)
{
    return mutator <= OVSDB_M_MOD;
}

static struct ovsdb_error *
type_mismatch(const json_t *json, enum ovsdb_mutator mutator,
              const struct ovsdb_column *column)
{
    char *english = ovsdb_type_to_english(&column->type);
    struct ovsdb_error *error;

    error = ovsdb_syntax_error(json, NULL, "Type mismatch: \"%s\" operator "
                               "may not be applied to column %s of type %s.",
                               ovsdb_mutator_to_string(mutator),
                               column->name, english);
    free(english);
    return error;
}

/* Returns true if JSON is ["map", ...]. */
static bool
is_map_json(const json_t *json)
{
    const json_t *tag;

    return (json_is_array(json) && json_array_size(json) >= 1
            && json_is_string(tag = json_array_get(json, 0))
            && !strcmp(json_string_value(tag), "map"));
}

static struct ovsdb_error *
mutation_from_json(const struct ovsdb_table_schema *table,
                   const json_t *json, struct ovsdb_symbol_table *symtab,
                   struct ovsdb_mutation *m)
{
    const json_t *column_json, *mutator_json, *arg;
    const struct ovsdb_column *column;
    const struct ovsdb_type *ctype;
    enum ovsdb_mutator mutator;
    struct ovsdb_error *error;

    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(column_json = json_array_get(json, 0))
        || !json_is_string(mutator_json = json_array_get(json, 1))) {
        return ovsdb_syntax_error(json, NULL, "Parse error in mutation.");
    }
    arg = json_array_get(json, 2);

    column = ovsdb_table_schema_get_column(table,
                                           json_string_value(column_json));
    if (!column) {
        return ovsdb_syntax_error(json, "unknown column",
                                  "No column %s in table %s.",
                                  json_string_value(column_json),
                                  table->name);
    }
    if (!column->mutable_ || column->index < OVSDB_N_STD_COLUMNS) {
        return ovsdb_syntax_error(json, "constraint violation",
                                  "Cannot mutate immutable column %s in "
                                  "table %s.", column->name, table->name);
    }
    if (!ovsdb_mutator_from_string(json_string_value(mutator_json),
                                   &mutator)) {
        return ovsdb_error("unknown mutator", "No mutator named %s.",
                           json_string_value(mutator_json));
    }

    ctype = &column->type;
    if (is_arithmetic(mutator)) {
        enum ovsdb_atomic_type key = ctype->key.type;

        if ((key != OVSDB_TYPE_INTEGER
             && (key != OVSDB_TYPE_REAL || mutator == OVSDB_M_MOD))
            || ctype->value.type != OVSDB_TYPE_VOID) {
            return type_mismatch(json, mutator, column);
        }
        ovsdb_type_init(&m->type, key);
    } else {
        if (ovsdb_type_is_scalar(ctype)) {
            return type_mismatch(json, mutator, column);
        }
        ovsdb_type_clone(&m->type, ctype);
        m->type.n_min = 0;
        if (mutator == OVSDB_M_DELETE && ovsdb_type_is_map(ctype)
            && !is_map_json(arg)) {
            /* Delete from a map by a set of keys. */
            ovsdb_base_type_destroy(&m->type.value);
            ovsdb_base_type_init(&m->type.value, OVSDB_TYPE_VOID);
        }
    }

    error = ovsdb_datum_from_json(&m->arg, &m->type, arg, symtab);
    if (error) {
        ovsdb_type_destroy(&m->type);
        return error;
    }
    m->mutator = mutator;
    m->column = column;
    return NULL;
}

struct ovsdb_error *
ovsdb_mutation_set_from_json(const struct ovsdb_table_schema *table,
                             const json_t *json,
                             struct ovsdb_symbol_table *symtab,
                             struct ovsdb_mutation_set *set)
{
    size_t n;

    set->mutations = NULL;
    set->n_mutations = 0;
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "Parse error in mutation.");
    }
    n = json_array_size(json);
    set->mutations = n ? xmalloc(n * sizeof *set->mutations) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = mutation_from_json(table, json_array_get(json, i), symtab,
                                   &set->mutations[i]);
        if (error) {
            ovsdb_mutation_set_destroy(set);
            return error;
        }
        set->n_mutations++;
    }
    return NULL;
}

json_t *
ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *set)
{
    json_t *json = json_array();

    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];
        json_array_append_new(
            json, json_pack("[sso]", m->column->name,
                            ovsdb_mutator_to_string(m->mutator),
                            ovsdb_datum_to_json(&m->arg, &m->type)));
    }
    return json;
}

void
ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        struct ovsdb_mutation *m = &set->mutations[i];
        ovsdb_datum_destroy(&m->arg, &m->type);
        ovsdb_type_destroy(&m->type);
    }
    free(set->mutations);
    set->mutations = NULL;
    set->n_mutations = 0;
}

static struct ovsdb_error *
range_error(enum ovsdb_mutator mutator)
{
    return ovsdb_error("range error", "Result of \"%s\" operation is out of "
                       "range.", ovsdb_mutator_to_string(mutator));
}

static struct ovsdb_error *
div_by_zero(void)
{
    return ovsdb_error("domain error", "Division by zero.");
}

static struct ovsdb_error *
mutate_integer(int64_t *x, int64_t y, enum ovsdb_mutator mutator)
{
    int64_t r;

    switch (mutator) {
    case OVSDB_M_ADD:
        if (__builtin_add_overflow(*x, y, &r)) {
            return range_error(mutator);
        }
        break;
    case OVSDB_M_SUB:
        if (__builtin_sub_overflow(*x, y, &r)) {
            return range_error(mutator);
        }
        break;
    case OVSDB_M_MUL:
        if (__builtin_mul_overflow(*x, y, &r)) {
            return range_error(mutator);
        }
        break;
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        if (!y) {
            return div_by_zero();
        } else if (*x == INT64_MIN && y == -1) {
            return range_error(mutator);
        }
        r = mutator == OVSDB_M_DIV ? *x / y : *x % y;
        break;
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    *x = r;
    return NULL;
}

static struct ovsdb_error *
mutate_real(double *x, double y, enum ovsdb_mutator mutator)
{
    double r;

    switch (mutator) {
    case OVSDB_M_ADD:
        r = *x + y;
        break;
    case OVSDB_M_SUB:
        r = *x - y;
        break;
    case OVSDB_M_MUL:
        r = *x * y;
        break;
    case OVSDB_M_DIV:
        if (y == 0) {
            return div_by_zero();
        }
        r = *x / y;
        break;
    case OVSDB_M_MOD:
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    if (!isfinite(r)) {
        return range_error(mutator);
    }
    *x = r;
    return NULL;
}

static struct ovsdb_error *
execute_arithmetic(struct ovsdb_datum *datum, const struct ovsdb_mutation *m)
{
    const struct ovsdb_type *type = &m->column->type;
    const union ovsdb_atom *arg = &m->arg.keys[0];
    struct ovsdb_error *error;

    for (unsigned int i = 0; i < datum->n; i++) {
        union ovsdb_atom *atom = &datum->keys[i];

        error = (type->key.type == OVSDB_TYPE_INTEGER
                 ? mutate_integer(&atom->integer, arg->integer, m->mutator)
                 : mutate_real(&atom->real, arg->real, m->mutator));
        if (!error) {
            error = ovsdb_atom_check_constraints(atom, &type->key);
        }
        if (error) {
            return error;
        }
    }

    error = ovsdb_datum_sort(datum, type->key.type);
    if (error) {
        ovsdb_error_destroy(error);
        /* Keep DATUM a valid (unique) value even though we fail. */
        ovsdb_datum_sort_unique(datum, type->key.type, OVSDB_TYPE_VOID);
        return ovsdb_error("constraint violation", "Result of \"%s\" "
                           "operation contains duplicates.",
                           ovsdb_mutator_to_string(m->mutator));
    }
    return NULL;
}

static struct ovsdb_error *
check_size(const struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    if (datum->n < type->n_min || datum->n > type->n_max) {
        char *english = ovsdb_type_to_english(type);
        struct ovsdb_error *error;

        error = ovsdb_error("constraint violation", "Attempted to store %u "
                            "elements in %s.", datum->n, english);
        free(english);
        return error;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_mutation_set_execute(struct ovsdb_datum *fields,
                           const struct ovsdb_mutation_set *set)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];
        const struct ovsdb_type *type = &m->column->type;
        struct ovsdb_datum *datum = &fields[m->column->index];
        struct ovsdb_error *error;

        switch (m->mutator) {
        case OVSDB_M_ADD:
        case OVSDB_M_SUB:
        case OVSDB_M_MUL:
        case OVSDB_M_DIV:
        case OVSDB_M_MOD:
            error = execute_arithmetic(datum, m);
            break;
        case OVSDB_M_INSERT:
            ovsdb_datum_union(datum, &m->arg, type);
            error = check_size(datum, type);
            break;
        case OVSDB_M_DELETE:
            ovsdb_datum_subtract(datum, type, &m->arg, &m->type);
            error = check_size(datum, type);
            break;
        default:
            OVS_NOT_REACHED();
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}
