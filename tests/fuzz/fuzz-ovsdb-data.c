/* fuzz-ovsdb-data: libFuzzer target for OVSDB value parsing: datums in
 * both their JSON and their display (ovs-vsctl) syntax, conditions and
 * mutations (ovsdb/ovsdb-data.c, ovsdb-data-string.c, condition.c,
 * mutation.c), against the columns of the shared test schema
 * (fuzz-schema.h).
 *
 * Input layout:
 *   byte 0: which column (or, for conditions and mutations, which table)
 *           of the test schema, modulo their number;
 *   byte 1: mode, modulo 4: 0 = datum from the display syntax, 1 = datum
 *           from JSON, 2 = condition from JSON, 3 = mutations from JSON;
 *   then:   the text.
 *
 * Whatever parses must round-trip: a datum through its JSON and display
 * forms back to an equal datum that still satisfies the column's
 * constraints; a condition or a mutation set through JSON to an equal
 * one.  Parsed conditions are evaluated and mutations applied against a
 * row of default values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "ovsdb/condition.h"
#include "ovsdb/mutation.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "ds.h"
#include "util.h"
#include "vlog.h"
#include "tests/fuzz/fuzz-schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ovsdb_schema *schema;
static const struct ovsdb_table_schema **tables;
static size_t n_tables;
static const struct ovsdb_column **columns;
static size_t n_columns;

static void OVS_PRINTF_FORMAT(1, 2)
fail(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    fputs("fuzz-ovsdb-data: ", stderr);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

static void
initialize(void)
{
    struct ovsdb_error *error;
    json_error_t jerror;
    json_t *json;

    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
    json = json_loads(fuzz_test_schema, 0, &jerror);
    if (!json) {
        fail("bad built-in schema: %s", jerror.text);
    }
    error = ovsdb_schema_from_json(json, &schema);
    if (error) {
        fail("bad built-in schema: %s", ovsdb_error_to_string(error));
    }
    json_decref(json);

    /* Sorted by name so that a given input byte always picks the same
     * table and column. */
    const struct shash_node **sorted = shash_sort(&schema->tables);
    n_tables = shash_count(&schema->tables);
    tables = xcalloc(n_tables, sizeof *tables);
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts = sorted[i]->data;

        tables[i] = ts;
        columns = xrealloc(columns,
                           (n_columns + ts->n_columns) * sizeof *columns);
        for (size_t j = 0; j < ts->n_columns; j++) {
            columns[n_columns++] = ts->columns_by_index[j];
        }
    }
    free(sorted);
}

static char *
datum_string(const struct ovsdb_datum *d, const struct ovsdb_type *type)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ovsdb_datum_to_string(d, type, &s);
    return ds_steal_cstr(&s);
}

static char *
json_text(const json_t *json)
{
    char *s = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);

    return s ? s : xstrdup("(unprintable)");
}

/* Checks datum D of TYPE, parsed from the input, against its constraints
 * and through both of its text forms. */
static void
check_datum(const struct ovsdb_datum *d, const struct ovsdb_type *type,
            struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_error *error;
    struct ovsdb_datum d2;
    char *s, *err;
    json_t *json;

    for (unsigned int i = 1; i < d->n; i++) {
        if (ovsdb_atom_compare_3way(&d->keys[i - 1], &d->keys[i],
                                    type->key.type) >= 0) {
            fail("parsed datum not sorted and unique");
        }
    }
    error = ovsdb_datum_check_constraints(d, type);
    if (error) {
        fail("parsed datum violates its constraints: %s",
             ovsdb_error_to_string(error));
    }

    /* JSON round trip. */
    json = ovsdb_datum_to_json(d, type);
    error = ovsdb_datum_from_json(&d2, type, json, symtab);
    if (error) {
        s = json_text(json);
        fail("datum JSON %s does not parse back: %s", s,
             ovsdb_error_to_string(error));
    }
    if (!ovsdb_datum_equals(d, &d2, type)) {
        fail("datum changed through JSON");
    }
    ovsdb_datum_destroy(&d2, type);
    json_decref(json);

    /* Display syntax round trip. */
    s = datum_string(d, type);
    err = ovsdb_datum_from_string(&d2, type, s, symtab);
    if (err) {
        fail("datum string <%s> does not parse back: %s", s, err);
    }
    if (type->key.type == OVSDB_TYPE_REAL
        || type->value.type == OVSDB_TYPE_REAL) {
        /* Reals are displayed with 15 significant digits, as OVS does, so
         * the value may change; but the text must then be stable. */
        char *s2 = datum_string(&d2, type);

        if (strcmp(s, s2)) {
            fail("datum string <%s> reads back as <%s>", s, s2);
        }
        free(s2);
    } else if (!ovsdb_datum_equals(d, &d2, type)) {
        char *s2 = datum_string(&d2, type);

        fail("datum <%s> changed through its string form into <%s>", s,
             s2);
    }
    ovsdb_datum_destroy(&d2, type);
    free(s);

    /* Bare output must not crash either. */
    struct ds bare = DS_EMPTY_INITIALIZER;
    ovsdb_datum_to_bare(d, type, &bare);
    ds_destroy(&bare);
}

static void
fuzz_datum_string(const struct ovsdb_column *col, const char *text)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_datum d;
    char *error;

    error = ovsdb_datum_from_string(&d, &col->type, text, symtab);
    if (error) {
        free(error);
    } else {
        check_datum(&d, &col->type, symtab);
        ovsdb_datum_destroy(&d, &col->type);
    }
    ovsdb_symbol_table_destroy(symtab);
}

static void
fuzz_datum_json(const struct ovsdb_column *col, const json_t *json)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_error *error;
    struct ovsdb_datum d;

    error = ovsdb_datum_from_json(&d, &col->type, json, symtab);
    if (error) {
        ovsdb_error_destroy(error);
    } else {
        check_datum(&d, &col->type, symtab);
        ovsdb_datum_destroy(&d, &col->type);
    }

    /* The relaxed parser (conditions, diffs) accepts more. */
    error = ovsdb_datum_from_json_relaxed(&d, &col->type, json, symtab);
    if (error) {
        ovsdb_error_destroy(error);
    } else {
        json_t *back = ovsdb_datum_to_json(&d, &col->type);

        json_decref(back);
        ovsdb_datum_destroy(&d, &col->type);
    }
    ovsdb_symbol_table_destroy(symtab);
}

/* Fills FIELDS (n_columns of TS) with default values. */
static struct ovsdb_datum *
default_fields(const struct ovsdb_table_schema *ts)
{
    struct ovsdb_datum *fields = xcalloc(ts->n_columns, sizeof *fields);

    for (size_t i = 0; i < ts->n_columns; i++) {
        const struct ovsdb_column *col = ts->columns_by_index[i];

        ovsdb_datum_init_default(&fields[col->index], &col->type);
    }
    return fields;
}

static void
free_fields(const struct ovsdb_table_schema *ts, struct ovsdb_datum *fields)
{
    for (size_t i = 0; i < ts->n_columns; i++) {
        const struct ovsdb_column *col = ts->columns_by_index[i];

        ovsdb_datum_destroy(&fields[col->index], &col->type);
    }
    free(fields);
}

static void
fuzz_condition(const struct ovsdb_table_schema *ts, const json_t *json)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_condition cond, cond2;
    struct ovsdb_error *error;
    struct ovsdb_datum *fields;
    struct uuid uuid;
    json_t *back;

    error = ovsdb_condition_from_json(ts, json, symtab, &cond);
    if (error) {
        ovsdb_error_destroy(error);
        ovsdb_condition_destroy(&cond);
        ovsdb_symbol_table_destroy(symtab);
        return;
    }

    back = ovsdb_condition_to_json(&cond);
    error = ovsdb_condition_from_json(ts, back, symtab, &cond2);
    if (error) {
        char *s = json_text(back);

        fail("condition %s does not parse back: %s", s,
             ovsdb_error_to_string(error));
    }
    if (ovsdb_condition_cmp_3way(&cond, &cond2)) {
        fail("condition changed through JSON");
    }
    ovsdb_condition_destroy(&cond2);
    json_decref(back);

    ovsdb_condition_clone(&cond2, &cond);
    if (ovsdb_condition_cmp_3way(&cond, &cond2)) {
        fail("cloned condition differs");
    }
    ovsdb_condition_destroy(&cond2);

    fields = default_fields(ts);
    (void) ovsdb_condition_match_every_clause(fields, &cond);
    (void) ovsdb_condition_match_any_clause(fields, &cond);
    (void) ovsdb_condition_is_true(&cond);
    (void) ovsdb_condition_is_false(&cond);
    (void) ovsdb_condition_has_false(&cond);
    (void) ovsdb_condition_get_uuid_eq(&cond, &uuid);
    for (size_t i = 0; i < ts->n_columns; i++) {
        (void) ovsdb_condition_get_eq_arg(&cond, i);
    }
    free_fields(ts, fields);

    ovsdb_condition_destroy(&cond);
    ovsdb_symbol_table_destroy(symtab);
}

static void
fuzz_mutation(const struct ovsdb_table_schema *ts, const json_t *json)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_mutation_set set, set2;
    struct ovsdb_error *error;
    struct ovsdb_datum *fields;
    json_t *back, *back2;

    error = ovsdb_mutation_set_from_json(ts, json, symtab, &set);
    if (error) {
        ovsdb_error_destroy(error);
        ovsdb_mutation_set_destroy(&set);
        ovsdb_symbol_table_destroy(symtab);
        return;
    }

    back = ovsdb_mutation_set_to_json(&set);
    error = ovsdb_mutation_set_from_json(ts, back, symtab, &set2);
    if (error) {
        char *s = json_text(back);

        fail("mutations %s do not parse back: %s", s,
             ovsdb_error_to_string(error));
    }
    back2 = ovsdb_mutation_set_to_json(&set2);
    if (!json_equal(back, back2)) {
        fail("mutations changed through JSON");
    }
    json_decref(back2);
    json_decref(back);
    ovsdb_mutation_set_destroy(&set2);

    fields = default_fields(ts);
    error = ovsdb_mutation_set_execute(fields, &set);
    ovsdb_error_destroy(error);
    /* Whatever happened, every field must still be a valid datum: sorted,
     * unique keys. */
    for (size_t i = 0; i < ts->n_columns; i++) {
        const struct ovsdb_column *col = ts->columns_by_index[i];
        const struct ovsdb_datum *d = &fields[col->index];

        for (unsigned int j = 1; j < d->n; j++) {
            if (ovsdb_atom_compare_3way(&d->keys[j - 1], &d->keys[j],
                                        col->type.key.type) >= 0) {
                fail("mutation left %s.%s unsorted or with duplicates",
                     ts->name, col->name);
            }
        }
    }
    free_fields(ts, fields);

    ovsdb_mutation_set_destroy(&set);
    ovsdb_symbol_table_destroy(symtab);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool initialized;
    json_error_t jerror;
    uint8_t which, mode;
    json_t *json;
    char *text;

    if (!initialized) {
        initialize();
        initialized = true;
    }
    if (size < 2) {
        return 0;
    }
    which = data[0];
    mode = data[1] % 4;
    data += 2;
    size -= 2;

    if (mode == 0) {
        text = xmemdup0((const char *) data, size);
        fuzz_datum_string(columns[which % n_columns], text);
        free(text);
        return 0;
    }

    json = json_loadb((const char *) data, size, JSON_DECODE_ANY, &jerror);
    if (!json) {
        return 0;
    }
    switch (mode) {
    case 1:
        fuzz_datum_json(columns[which % n_columns], json);
        break;
    case 2:
        fuzz_condition(tables[which % n_tables], json);
        break;
    case 3:
        fuzz_mutation(tables[which % n_tables], json);
        break;
    }
    json_decref(json);
    return 0;
}
