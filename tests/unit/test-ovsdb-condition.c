/* Unit tests for ovsdb/condition: parsing RFC 7047 conditions with OVS's
 * extensions and error messages, evaluating them against a row's fields
 * (every-clause semantics for transactions, any-clause for monitor_cond),
 * and the planning helpers the engine uses to avoid table scans.  The
 * table of cases was checked against OVS 3.1's ovsdb-server ("select" on
 * the same schema and row gave the same match or the same error). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ovsdb/column.h"
#include "ovsdb/condition.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "util.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY \
                    | JSON_REAL_PRECISION(15))

/* Test schema "T" as OVS's get-schema returned it. */
static const char schema_json[] =
    "{\"name\":\"T\",\"tables\":{\"A\":{\"columns\":{\"b\":{\"type\":\"bool"
    "ean\"},\"e\":{\"type\":{\"key\":{\"enum\":[\"set\",[\"a\",\"b\",\"c\"]"
    "],\"type\":\"string\"}}},\"eph\":{\"ephemeral\":true,\"type\":\"intege"
    "r\"},\"i\":{\"type\":\"integer\"},\"imm\":{\"mutable\":false,\"type\":"
    "\"integer\"},\"is\":{\"type\":{\"key\":\"integer\",\"max\":\"unlimited"
    "\",\"min\":0}},\"m\":{\"type\":{\"key\":\"string\",\"max\":\"unlimited"
    "\",\"min\":0,\"value\":\"string\"}},\"mi\":{\"type\":{\"key\":\"intege"
    "r\",\"max\":\"unlimited\",\"min\":0,\"value\":\"integer\"}},\"oi\":{\""
    "type\":{\"key\":{\"maxInteger\":10,\"minInteger\":0,\"type\":\"integer"
    "\"},\"min\":0}},\"r\":{\"type\":\"real\"},\"ref\":{\"type\":{\"key\":{"
    "\"refTable\":\"B\",\"type\":\"uuid\"},\"max\":\"unlimited\",\"min\":0}"
    "},\"rs\":{\"type\":{\"key\":\"real\",\"max\":\"unlimited\",\"min\":0}}"
    ",\"s\":{\"type\":\"string\"},\"s3\":{\"type\":{\"key\":{\"maxLength\":"
    "3,\"minLength\":1,\"type\":\"string\"},\"max\":3,\"min\":0}},\"ss\":{"
    "\"type\":{\"key\":\"string\",\"max\":\"unlimited\",\"min\":0}},\"u\":{"
    "\"type\":\"uuid\"},\"wref\":{\"type\":{\"key\":{\"refTable\":\"B\",\"r"
    "efType\":\"weak\",\"type\":\"uuid\"},\"max\":\"unlimited\",\"min\":0}}"
    "},\"isRoot\":true},\"B\":{\"columns\":{\"name\":{\"type\":\"string\"}}"
    ",\"indexes\":[[\"name\"]]},\"C\":{\"columns\":{\"x\":{\"type\":\"integ"
    "er\"}},\"maxRows\":2}},\"version\":\"1.2.3\"}"    ;

static struct ovsdb_schema *schema;
static const struct ovsdb_table_schema *table;

static int
setup(void **state OVS_UNUSED)
{
    json_t *json = json_loads(schema_json, 0, NULL);
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    json_decref(json);
    if (error) {
        fprintf(stderr, "%s\n", ovsdb_error_to_string_free(error));
        return -1;
    }
    table = ovsdb_schema_get_table(schema, "A");
    return 0;
}

static int
teardown(void **state OVS_UNUSED)
{
    ovsdb_schema_destroy(schema);
    return 0;
}

/* Returns the fields of a row of TABLE holding the columns of ROW_JSON and
 * defaults elsewhere.  Free with fields_destroy(). */
static struct ovsdb_datum *
fields_create(const char *row_json)
{
    struct ovsdb_datum *fields = xcalloc(table->n_columns, sizeof *fields);
    json_t *row = json_loads(row_json, 0, NULL);
    const char *name;
    json_t *value;

    assert_non_null(row);
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_init_default(&fields[i],
                                 &table->columns_by_index[i]->type);
    }
    json_object_foreach (row, name, value) {
        const struct ovsdb_column *column;

        column = ovsdb_table_schema_get_column(table, name);
        assert_non_null(column);
        ovsdb_datum_destroy(&fields[column->index], &column->type);
        assert_null(ovsdb_datum_from_json(&fields[column->index],
                                          &column->type, value, NULL));
    }
    json_decref(row);
    return fields;
}

static void
fields_destroy(struct ovsdb_datum *fields)
{
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_destroy(&fields[i], &table->columns_by_index[i]->type);
    }
    free(fields);
}

static struct ovsdb_error *
parse_condition(const char *s, struct ovsdb_condition *cond,
                struct ovsdb_symbol_table *symtab)
{
    json_t *json = json_loads(s, JSON_DECODE_ANY, NULL);
    struct ovsdb_error *error;

    assert_non_null(json);
    error = ovsdb_condition_from_json(table, json, symtab, cond);
    json_decref(json);
    return error;
}

struct cond_case {
    const char *row;            /* Column values of the row. */
    const char *where;          /* Condition. */
    const char *result;         /* "match", "nomatch" or [error]. */
};

static const struct cond_case cond_cases[] = {
    { "{\"e\":\"a\",\"i\":-1}", "[[\"i\",\"<\",0]]", "match", },
    { "{\"e\":\"a\",\"i\":-1}", "[[\"i\",\"<\",\"x\"]]",
      "[{\"details\":\"expected integer\",\"error\":\"syntax error"
      "\",\"syntax\":\"\\\"x\\\"\"}]", },
    { "{\"e\":\"a\"}", "[[\"s\",\"<\",\"x\"]]",
      "[{\"details\":\"Type mismatch: \\\"<\\\" operator may not be"
      " applied to column s of type string.\",\"error\":\"syntax er"
      "ror\",\"syntax\":\"[\\\"s\\\",\\\"<\\\",\\\"x\\\"]\"}]", },
    { "{\"e\":\"a\"}", "[[\"is\",\"<\",1]]",
      "[{\"details\":\"Type mismatch: \\\"<\\\" operator may not be"
      " applied to column is of type set of integers.\",\"error\":"
      "\"syntax error\",\"syntax\":\"[\\\"is\\\",\\\"<\\\",1]\"}]", },
    { "{\"e\":\"a\",\"oi\":3}", "[[\"oi\",\"<\",5]]", "match", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"<\",5]]", "nomatch", },
    { "{\"e\":\"a\"}", "[[\"oi\",\">\",-1]]",
      "[{\"details\":\"-1 is not in the valid range 0 to 10 (inclus"
      "ive)\",\"error\":\"constraint violation\"}]", },
    { "{\"e\":\"a\",\"oi\":3}", "[[\"oi\",\"!=\",3]]", "nomatch", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"!=\",3]]", "match", },
    { "{\"e\":\"a\"}", "[[\"m\",\"<\",1]]",
      "[{\"details\":\"Type mismatch: \\\"<\\\" operator may not be"
      " applied to column m of type map of (string, string) pairs."
      "\",\"error\":\"syntax error\",\"syntax\":\"[\\\"m\\\",\\\"<"
      "\\\",1]\"}]", },
    { "{\"e\":\"a\"}", "[[\"i\",\"===\",1]]",
      "[{\"details\":\"No function named ===.\",\"error\":\"unknown"
      " function\"}]", },
    { "{\"e\":\"a\"}", "[[\"nosuch\",\"==\",1]]",
      "[{\"details\":\"No column nosuch in table A.\",\"error\":\"u"
      "nknown column\",\"syntax\":\"[\\\"nosuch\\\",\\\"==\\\",1]\"" "}]", },
    { "{\"e\":\"a\"}", "[[\"i\",\"==\"]]",
      "[{\"details\":\"Parse error in condition.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[\\\"i\\\",\\\"==\\\"]\"}]", },
    { "{\"e\":\"a\"}", "[true]", "match", },
    { "{\"e\":\"a\"}", "[false]", "nomatch", },
    { "{\"e\":\"a\"}", "[true,false]", "nomatch", },
    { "{\"e\":\"a\"}", "[1]",
      "[{\"details\":\"Parse error in condition.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"1\"}]", },
    { "{\"e\":\"a\"}", "[\"x\"]",
      "[{\"details\":\"Parse error in condition.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"\\\"x\\\"\"}]", },
    { "{\"e\":\"a\"}", "[[\"i\",\"==\",1,2]]",
      "[{\"details\":\"Parse error in condition.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[\\\"i\\\",\\\"==\\\",1,2]\"}]", },
    { "{\"e\":\"a\"}", "[[1,\"==\",1]]",
      "[{\"details\":\"Parse error in condition.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[1,\\\"==\\\",1]\"}]", },
    { "{\"e\":\"a\"}", "[[\"i\",1,1]]",
      "[{\"details\":\"Parse error in condition.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[\\\"i\\\",1,1]\"}]", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"includes\",[\"set\",[1,2,3,4,5,6]]]]", "nomatch", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"includes\",[\"set\",[1,3]]]]", "match", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"includes\",[\"set\",[]]]]", "match", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"excludes\",[\"set\",[4,5]]]]", "match", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"excludes\",[\"set\",[3,5]]]]", "nomatch", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"==\",[\"set\",[3,2,1]]]]", "match", },
    { "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"!=\",[\"set\",[3,2,1]]]]", "nomatch", },
    { "{\"e\":\"a\"}", "[[\"is\",\"==\",[\"set\",[1,1]]]]",
      "[{\"details\":\"set contains duplicate\",\"error\":\"ovsdb e"
      "rror\"}]", },
    { "{\"e\":\"a\"}", "[[\"s3\",\"includes\",[\"set\",[\"aaaa\"]]]]",
      "[{\"details\":\"\\\"aaaa\\\" length 4 is greater than maximu"
      "m allowed length 3\",\"error\":\"constraint violation\"}]", },
    { "{\"e\":\"a\"}",
      "[[\"s3\",\"==\",[\"set\",[\"a\",\"b\",\"c\",\"d\"]]]]",
      "[{\"details\":\"set must have 0 to 3 members but 4 are prese"
      "nt\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\\",["
      "\\\"a\\\",\\\"b\\\",\\\"c\\\",\\\"d\\\"]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"e\",\"==\",\"zzz\"]]",
      "[{\"details\":\"zzz is not one of the allowed values ([a, b,"
      " c])\",\"error\":\"constraint violation\"}]", },
    { "{\"e\":\"a\"}", "[[\"e\",\"includes\",\"zzz\"]]",
      "[{\"details\":\"zzz is not one of the allowed values ([a, b,"
      " c])\",\"error\":\"constraint violation\"}]", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"==\",[\"set\",[1,2]]]]",
      "[{\"details\":\"set must have 0 to 1 members but 2 are prese"
      "nt\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\\",[1"
      ",2]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"includes\",[\"set\",[1,2]]]]",
      "[{\"details\":\"set must have 0 to 1 members but 2 are prese"
      "nt\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\\",[1"
      ",2]]\"}]", },
    { "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"includes\",[\"set\",[\"a\"]]]]",
      "[{\"details\":\"expected [\\\"map\\\", <array>]\",\"error\":"
      "\"syntax error\",\"syntax\":\"[\\\"set\\\",[\\\"a\\\"]]\"}]", },
    { "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"includes\",[\"map\",[[\"a\",\"1\"]]]]]", "match", },
    { "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"includes\",[\"map\",[[\"a\",\"2\"]]]]]", "nomatch", },
    { "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"excludes\",[\"map\",[[\"a\",\"2\"]]]]]", "match", },
    { "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"excludes\",[\"map\",[[\"a\",\"1\"]]]]]", "nomatch", },
    { "{\"e\":\"a\"}", "[[\"_uuid\",\"==\",[\"named-uuid\",\"x\"]]]",
      "nomatch", },
    { "{\"e\":\"a\"}", "[[\"i\",\"<\",1.5]]",
      "[{\"details\":\"expected integer\",\"error\":\"syntax error"
      "\",\"syntax\":\"1.5\"}]", },
    { "{\"e\":\"a\",\"r\":0.5}", "[[\"r\",\"<\",1]]", "match", },
    { "{\"e\":\"a\",\"r\":0.5}", "[[\"r\",\">=\",0.5]]", "match", },
    { "{\"e\":\"a\"}", "[[\"b\",\"<\",true]]",
      "[{\"details\":\"Type mismatch: \\\"<\\\" operator may not be"
      " applied to column b of type boolean.\",\"error\":\"syntax e"
      "rror\",\"syntax\":\"[\\\"b\\\",\\\"<\\\",true]\"}]", },
    { "{\"e\":\"a\"}",
      "[[\"u\",\"<\",[\"uuid\",\"abcdef01-e29b-41d4-a716-4466554400"
      "00\"]]]",
      "[{\"details\":\"Type mismatch: \\\"<\\\" operator may not be"
      " applied to column u of type uuid.\",\"error\":\"syntax erro"
      "r\",\"syntax\":\"[\\\"u\\\",\\\"<\\\",[\\\"uuid\\\",\\\"abcd"
      "ef01-e29b-41d4-a716-446655440000\\\"]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"<\",[\"set\",[]]]]",
      "[{\"details\":\"set must have exactly one member but 0 are p"
      "resent\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\"
      "\",[]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"i\",\"==\",[\"set\",[]]]]",
      "[{\"details\":\"set must have exactly one member but 0 are p"
      "resent\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\"
      "\",[]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"==\",[\"set\",[]]]]", "match", },
    { "{\"e\":\"a\"}", "[[\"oi\",\"excludes\",[\"set\",[]]]]", "match", },
    { "{\"e\":\"a\"}", "[[\"i\",\"includes\",[\"set\",[]]]]",
      "[{\"details\":\"set must have exactly one member but 0 are p"
      "resent\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\"
      "\",[]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"i\",\"includes\",0]]", "match", },
    { "{\"e\":\"a\"}", "[[\"i\",\"excludes\",[\"set\",[-1,2]]]]",
      "[{\"details\":\"set must have exactly one member but 2 are p"
      "resent\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\"
      "\",[-1,2]]\"}]", },
    { "{\"e\":\"a\"}", "[[\"_version\",\"<\",1]]",
      "[{\"details\":\"Type mismatch: \\\"<\\\" operator may not be"
      " applied to column _version of type uuid.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[\\\"_version\\\",\\\"<\\\",1]\"}]", },
    { "{\"e\":\"a\"}", "[[\"_uuid\",\"==\",\"x\"]]",
      "[{\"details\":\"expected [\\\"uuid\\\", <string>]\",\"error"
      "\":\"syntax error\",\"syntax\":\"\\\"x\\\"\"}]", },
    { "{\"e\":\"a\",\"i\":3,\"s\":\"x\"}",
      "[[\"i\",\"==\",3],[\"s\",\"==\",\"x\"]]", "match", },
    { "{\"e\":\"a\",\"i\":3,\"s\":\"x\"}",
      "[[\"i\",\"==\",3],[\"s\",\"==\",\"y\"]]", "nomatch", },
    { "{\"e\":\"a\",\"i\":3,\"s\":\"x\"}",
      "[[\"i\",\"<=\",3],[\"i\",\">=\",3],[\"i\",\">\",2]]", "match", },
    { "{\"e\":\"a\",\"i\":3,\"s\":\"x\"}", "[]", "match", },
};

static void
test_conditions(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(cond_cases); i++) {
        const struct cond_case *c = &cond_cases[i];
        struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
        struct ovsdb_datum *fields = fields_create(c->row);
        struct ovsdb_condition cond;
        struct ovsdb_error *error;
        char *result;

        error = parse_condition(c->where, &cond, symtab);
        if (error) {
            json_t *array = json_pack("[o]",
                                      ovsdb_error_to_json_free(error));
            result = json_dumps(array, DUMP_FLAGS);
            json_decref(array);
        } else {
            bool match = ovsdb_condition_match_every_clause(fields, &cond);
            result = xstrdup(match ? "match" : "nomatch");
        }
        if (strcmp(result, c->result)) {
            fail_msg("row %s where %s:\n got      %s\n expected %s",
                     c->row, c->where, result, c->result);
        }
        free(result);
        ovsdb_condition_destroy(&cond);
        fields_destroy(fields);
        ovsdb_symbol_table_destroy(symtab);
    }
}

/* monitor_cond: a row is selected if any clause matches. */
static void
test_any_clause(void **state OVS_UNUSED)
{
    struct ovsdb_datum *fields = fields_create("{\"i\":3,\"s\":\"x\"}");
    struct ovsdb_condition cond;

    assert_null(parse_condition("[[\"i\",\"==\",4],[\"s\",\"==\",\"x\"]]",
                                &cond, NULL));
    assert_true(ovsdb_condition_match_any_clause(fields, &cond));
    assert_false(ovsdb_condition_match_every_clause(fields, &cond));
    assert_false(ovsdb_condition_is_true(&cond));
    assert_false(ovsdb_condition_is_false(&cond));
    ovsdb_condition_destroy(&cond);

    assert_null(parse_condition("[[\"i\",\"==\",4],[\"s\",\"==\",\"y\"]]",
                                &cond, NULL));
    assert_false(ovsdb_condition_match_any_clause(fields, &cond));
    ovsdb_condition_destroy(&cond);

    assert_null(parse_condition("[false]", &cond, NULL));
    assert_true(ovsdb_condition_is_false(&cond));
    assert_true(ovsdb_condition_has_false(&cond));
    assert_false(ovsdb_condition_match_any_clause(fields, &cond));
    ovsdb_condition_destroy(&cond);

    assert_null(parse_condition("[false,true]", &cond, NULL));
    assert_true(ovsdb_condition_is_true(&cond));
    assert_true(ovsdb_condition_match_any_clause(fields, &cond));
    assert_false(ovsdb_condition_match_every_clause(fields, &cond));
    ovsdb_condition_destroy(&cond);

    /* Empty: everything matches, both ways. */
    assert_null(parse_condition("[]", &cond, NULL));
    assert_true(ovsdb_condition_is_empty(&cond));
    assert_true(ovsdb_condition_is_true(&cond));
    assert_true(ovsdb_condition_match_any_clause(fields, &cond));
    assert_true(ovsdb_condition_match_every_clause(fields, &cond));
    ovsdb_condition_destroy(&cond);

    fields_destroy(fields);
}

static void
test_planning_helpers(void **state OVS_UNUSED)
{
    const struct ovsdb_column *s = ovsdb_table_schema_get_column(table, "s");
    const struct ovsdb_datum *arg;
    struct ovsdb_condition cond;
    struct uuid uuid, expected;

    assert_true(uuid_from_string(&expected,
                                 "abcdef01-e29b-41d4-a716-446655440000"));
    assert_null(parse_condition(
                    "[[\"s\",\"!=\",\"q\"],[\"i\",\">\",1],[\"_uuid\",\"==\","
                    "[\"uuid\",\"abcdef01-e29b-41d4-a716-446655440000\"]],"
                    "[\"s\",\"==\",\"k\"]]", &cond, NULL));
    assert_true(ovsdb_condition_get_uuid_eq(&cond, &uuid));
    assert_true(uuid_equals(&uuid, &expected));
    arg = ovsdb_condition_get_eq_arg(&cond, s->index);
    assert_non_null(arg);
    assert_string_equal(arg->keys[0].string, "k");
    assert_null(ovsdb_condition_get_eq_arg(
                    &cond, ovsdb_table_schema_get_column(table,
                                                         "i")->index));
    /* Clauses are sorted: equality first. */
    assert_int_equal(cond.clauses[0].function, OVSDB_F_EQ);
    ovsdb_condition_destroy(&cond);

    assert_null(parse_condition("[[\"_uuid\",\"!=\",[\"uuid\","
                                "\"abcdef01-e29b-41d4-a716-446655440000\"]]]",
                                &cond, NULL));
    assert_false(ovsdb_condition_get_uuid_eq(&cond, &uuid));
    ovsdb_condition_destroy(&cond);
}

static void
test_to_json_clone_cmp(void **state OVS_UNUSED)
{
    static const char input[] =
        "[[\"m\",\"includes\",[\"map\",[[\"a\",\"1\"]]]],true,"
        "[\"is\",\"excludes\",[\"set\",[1,2]]],[\"r\",\"<=\",2.5],"
        "[\"i\",\"==\",1]]";
    struct ovsdb_condition cond, copy, other;
    struct ovsdb_datum *fields = fields_create("{\"i\":1,\"r\":2}");
    json_t *json;
    char *s;

    assert_null(parse_condition(input, &cond, NULL));
    json = ovsdb_condition_to_json(&cond);
    s = json_dumps(json, DUMP_FLAGS);
    assert_string_equal(s, "[true,[\"i\",\"==\",1],[\"m\",\"includes\","
                        "[\"map\",[[\"a\",\"1\"]]]],[\"r\",\"<=\",2.5],"
                        "[\"is\",\"excludes\",[\"set\",[1,2]]]]");
    assert_null(ovsdb_condition_from_json(table, json, NULL, &other));
    assert_int_equal(ovsdb_condition_cmp_3way(&cond, &other), 0);
    json_decref(json);
    free(s);

    ovsdb_condition_clone(&copy, &cond);
    assert_int_equal(ovsdb_condition_cmp_3way(&cond, &copy), 0);
    assert_int_equal(ovsdb_condition_match_every_clause(fields, &cond),
                     ovsdb_condition_match_every_clause(fields, &copy));
    ovsdb_condition_destroy(&other);
    assert_null(parse_condition("[[\"i\",\"==\",2]]", &other, NULL));
    assert_int_not_equal(ovsdb_condition_cmp_3way(&cond, &other), 0);

    ovsdb_condition_destroy(&other);
    ovsdb_condition_destroy(&copy);
    ovsdb_condition_destroy(&cond);
    fields_destroy(fields);
}

static void
test_named_uuid(void **state OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_condition cond;
    struct ovsdb_error *error;
    struct uuid uuid;

    assert_null(parse_condition("[[\"_uuid\",\"==\",[\"named-uuid\","
                                "\"row\"]]]", &cond, symtab));
    assert_true(ovsdb_condition_get_uuid_eq(&cond, &uuid));
    assert_true(uuid_equals(&uuid,
                            &ovsdb_symbol_table_find(symtab, "row")->uuid));
    ovsdb_condition_destroy(&cond);

    /* Where no symbol table exists (monitor_cond), it is an error. */
    error = parse_condition("[[\"_uuid\",\"==\",[\"named-uuid\",\"row\"]]]",
                            &cond, NULL);
    assert_non_null(error);
    ovsdb_error_destroy(error);
    assert_true(ovsdb_condition_is_empty(&cond));
    ovsdb_condition_destroy(&cond);
    ovsdb_symbol_table_destroy(symtab);
}

static void
test_not_array(void **state OVS_UNUSED)
{
    struct ovsdb_condition cond;
    struct ovsdb_error *error = parse_condition("{}", &cond, NULL);
    char *s = ovsdb_error_to_string_free(error);

    assert_string_equal(s, "syntax \"{}\": syntax error: Parse error in "
                        "condition.");
    free(s);
    ovsdb_condition_destroy(&cond);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_any_clause),
        cmocka_unit_test(test_planning_helpers),
        cmocka_unit_test(test_to_json_clone_cmp),
        cmocka_unit_test(test_named_uuid),
        cmocka_unit_test(test_not_array),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
