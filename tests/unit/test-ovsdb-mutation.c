/* Unit tests for ovsdb/mutation: parsing and executing RFC 7047 mutations
 * with OVS's type rules, errors ("domain error" for division by zero,
 * "range error" for overflow, "constraint violation" for results outside
 * the column type, immutable columns) and results.  The table of cases was
 * checked against OVS 3.1's ovsdb-server ("mutate" then "select" on the
 * same schemas and rows gave the same values or the same error). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ovsdb/column.h"
#include "ovsdb/mutation.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "util.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY \
                    | JSON_REAL_PRECISION(15))

/* Test schemas "T" and "U" as OVS's get-schema returned them. */
static const char schema_t_json[] =
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
static const char schema_u_json[] =
    "{\"name\":\"U\",\"tables\":{\"D\":{\"columns\":{\"b\":{\"type\":{\"key"
    "\":\"boolean\",\"max\":\"unlimited\",\"min\":0}},\"ie\":{\"type\":{\"k"
    "ey\":{\"enum\":[\"set\",[1,5,7]],\"type\":\"integer\"},\"max\":2,\"min"
    "\":0}},\"imax\":{\"type\":{\"key\":{\"maxInteger\":10,\"type\":\"integ"
    "er\"}}},\"m12\":{\"type\":{\"key\":\"integer\",\"max\":2,\"value\":{\""
    "enum\":[\"set\",[\"x\",\"y\"]],\"type\":\"string\"}}},\"rmax\":{\"type"
    "\":{\"key\":{\"maxReal\":100,\"type\":\"real\"}}},\"rmin\":{\"type\":{"
    "\"key\":{\"minReal\":-1.5,\"type\":\"real\"}}},\"rr\":{\"type\":{\"key"
    "\":{\"maxReal\":2.25,\"minReal\":0.5,\"type\":\"real\"}}},\"s\":{\"typ"
    "e\":\"string\"},\"s1\":{\"type\":{\"key\":{\"maxLength\":1,\"minLength"
    "\":1,\"type\":\"string\"},\"min\":0}},\"smax\":{\"type\":{\"key\":{\"m"
    "axLength\":2,\"type\":\"string\"},\"min\":0}},\"smin\":{\"type\":{\"ke"
    "y\":{\"minLength\":2,\"type\":\"string\"}}},\"sr\":{\"type\":{\"key\":"
    "{\"maxLength\":3,\"minLength\":2,\"type\":\"string\"},\"min\":0}},\"u"
    "\":{\"type\":{\"key\":\"uuid\",\"max\":\"unlimited\",\"min\":0}}}}}}"    ;

static struct ovsdb_schema *schema_t, *schema_u;

static struct ovsdb_schema *
load_schema(const char *s)
{
    json_t *json = json_loads(s, 0, NULL);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    json_decref(json);
    if (error) {
        fprintf(stderr, "%s\n", ovsdb_error_to_string_free(error));
        return NULL;
    }
    return schema;
}

static int
setup(void **state OVS_UNUSED)
{
    schema_t = load_schema(schema_t_json);
    schema_u = load_schema(schema_u_json);
    return schema_t && schema_u ? 0 : -1;
}

static int
teardown(void **state OVS_UNUSED)
{
    ovsdb_schema_destroy(schema_t);
    ovsdb_schema_destroy(schema_u);
    return 0;
}

static const struct ovsdb_table_schema *
get_table(const char *name)
{
    return (!strcmp(name, "A") ? ovsdb_schema_get_table(schema_t, "A")
            : ovsdb_schema_get_table(schema_u, name));
}

static struct ovsdb_datum *
fields_create(const struct ovsdb_table_schema *table, const char *row_json)
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
fields_destroy(const struct ovsdb_table_schema *table,
               struct ovsdb_datum *fields)
{
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_destroy(&fields[i], &table->columns_by_index[i]->type);
    }
    free(fields);
}

struct mutation_case {
    const char *table;
    const char *row;            /* Column values before. */
    const char *mutations;
    const char *result;         /* Mutated columns after, or [error]. */
};

static const struct mutation_case mutation_cases[] = {
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"+=\",2]]", "{\"i\":7}", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"/=\",0]]",
      "[{\"details\":\"Division by zero.\",\"error\":\"domain error" "\"}]", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"%=\",0]]",
      "[{\"details\":\"Division by zero.\",\"error\":\"domain error" "\"}]", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"+=\",9223372036854775807]]",
      "[{\"details\":\"Result of \\\"+=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"*=\",-1]]", "{\"i\":-5}", },
    { "A", "{\"e\":\"a\",\"i\":-5}", "[[\"i\",\"-=\",-9223372036854775808]]",
      "{\"i\":9223372036854775803}", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"-=\",-9223372036854775808]]",
      "[{\"details\":\"Result of \\\"-=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"*=\",9223372036854775807]]",
      "[{\"details\":\"Result of \\\"*=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"i\":-9223372036854775808}", "[[\"i\",\"/=\",-1]]",
      "[{\"details\":\"Result of \\\"/=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"i\":-9223372036854775808}", "[[\"i\",\"%=\",-1]]",
      "[{\"details\":\"Result of \\\"%=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"i\":-9223372036854775808}", "[[\"i\",\"-=\",1]]",
      "[{\"details\":\"Result of \\\"-=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"i\":-7}", "[[\"i\",\"%=\",3]]", "{\"i\":-1}", },
    { "A", "{\"e\":\"a\",\"i\":-7}", "[[\"i\",\"/=\",2]]", "{\"i\":-3}", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"insert\",1]]",
      "[{\"details\":\"Type mismatch: \\\"insert\\\" operator may n"
      "ot be applied to column i of type integer.\",\"error\":\"syn"
      "tax error\",\"syntax\":\"[\\\"i\\\",\\\"insert\\\",1]\"}]", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"+=\",1.5]]",
      "[{\"details\":\"expected integer\",\"error\":\"syntax error"
      "\",\"syntax\":\"1.5\"}]", },
    { "A", "{\"e\":\"a\",\"i\":5}", "[[\"i\",\"+=\",1.0]]", "{\"i\":6}", },
    { "A", "{\"e\":\"a\",\"r\":2.5}", "[[\"r\",\"/=\",0]]",
      "[{\"details\":\"Division by zero.\",\"error\":\"domain error" "\"}]", },
    { "A", "{\"e\":\"a\",\"r\":2.5}", "[[\"r\",\"*=\",1e308]]",
      "[{\"details\":\"Result of \\\"*=\\\" operation is out of ran"
      "ge.\",\"error\":\"range error\"}]", },
    { "A", "{\"e\":\"a\",\"r\":2.5}", "[[\"r\",\"%=\",2]]",
      "[{\"details\":\"Type mismatch: \\\"%=\\\" operator may not b"
      "e applied to column r of type real.\",\"error\":\"syntax err"
      "or\",\"syntax\":\"[\\\"r\\\",\\\"%=\\\",2]\"}]", },
    { "A", "{\"e\":\"a\",\"r\":2.5}", "[[\"r\",\"*=\",2]]", "{\"r\":5}", },
    { "A", "{\"e\":\"a\",\"r\":2.5}", "[[\"r\",\"+=\",1]]", "{\"r\":3.5}", },
    { "A", "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}", "[[\"is\",\"+=\",1]]",
      "{\"is\":[\"set\",[2,3,4]]}", },
    { "A", "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"+=\",[\"set\",[1]]]]", "{\"is\":[\"set\",[2,3,4]]}", },
    { "A", "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}",
      "[[\"is\",\"+=\",[\"set\",[1,2]]]]",
      "[{\"details\":\"set must have exactly one member but 2 are p"
      "resent\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\"
      "\",[1,2]]\"}]", },
    { "A", "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}", "[[\"is\",\"*=\",0]]",
      "[{\"details\":\"Result of \\\"*=\\\" operation contains dupl"
      "icates.\",\"error\":\"constraint violation\"}]", },
    { "A", "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}", "[[\"is\",\"*=\",-1]]",
      "{\"is\":[\"set\",[-3,-2,-1]]}", },
    { "A", "{\"e\":\"a\",\"is\":[\"set\",[1,2,3]]}", "[[\"is\",\"%=\",2]]",
      "[{\"details\":\"Result of \\\"%=\\\" operation contains dupl"
      "icates.\",\"error\":\"constraint violation\"}]", },
    { "A", "{\"e\":\"a\",\"oi\":3}", "[[\"oi\",\"+=\",100]]",
      "[{\"details\":\"103 is not in the valid range 0 to 10 (inclu"
      "sive)\",\"error\":\"constraint violation\"}]", },
    { "A", "{\"e\":\"a\",\"oi\":3}", "[[\"oi\",\"-=\",2]]", "{\"oi\":1}", },
    { "A", "{\"e\":\"a\"}", "[[\"oi\",\"-=\",2]]", "{\"oi\":[\"set\",[]]}", },
    { "A", "{\"e\":\"a\",\"s3\":[\"set\",[\"a\",\"bb\"]]}",
      "[[\"s3\",\"insert\",\"ccc\"]]",
      "{\"s3\":[\"set\",[\"a\",\"bb\",\"ccc\"]]}", },
    { "A", "{\"e\":\"a\",\"s3\":[\"set\",[\"a\",\"bb\"]]}",
      "[[\"s3\",\"insert\",[\"set\",[\"c\",\"d\"]]]]",
      "[{\"details\":\"Attempted to store 4 elements in set of up t"
      "o 3 strings.\",\"error\":\"constraint violation\"}]", },
    { "A", "{\"e\":\"a\",\"s3\":[\"set\",[\"a\",\"bb\"]]}",
      "[[\"s3\",\"insert\",\"cccc\"]]",
      "[{\"details\":\"\\\"cccc\\\" length 4 is greater than maximu"
      "m allowed length 3\",\"error\":\"constraint violation\"}]", },
    { "A", "{\"e\":\"a\",\"s3\":[\"set\",[\"a\",\"bb\"]]}",
      "[[\"s3\",\"delete\",\"zz\"]]", "{\"s3\":[\"set\",[\"a\",\"bb\"]]}", },
    { "A", "{\"e\":\"a\",\"s3\":[\"set\",[\"a\",\"bb\"]]}",
      "[[\"s3\",\"delete\",[\"set\",[\"bb\",\"a\"]]]]",
      "{\"s3\":[\"set\",[]]}", },
    { "A", "{\"e\":\"a\",\"s3\":[\"set\",[\"a\",\"bb\"]]}",
      "[[\"s3\",\"insert\",[\"set\",[\"bb\"]]]]",
      "{\"s3\":[\"set\",[\"a\",\"bb\"]]}", },
    { "A", "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"insert\",[\"map\",[[\"a\",\"9\"],[\"c\",\"3\"]]]]]",
      "{\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"3\"]]]" "}", },
    { "A", "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"delete\",[\"set\",[\"a\"]]]]",
      "{\"m\":[\"map\",[[\"b\",\"2\"]]]}", },
    { "A", "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"delete\",[\"map\",[[\"b\",\"9\"]]]]]",
      "{\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}", },
    { "A", "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"delete\",[\"map\",[[\"b\",\"2\"]]]]]",
      "{\"m\":[\"map\",[[\"a\",\"1\"]]]}", },
    { "A", "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"delete\",\"b\"]]", "{\"m\":[\"map\",[[\"a\",\"1\"]]]}", },
    { "A", "{\"e\":\"a\",\"m\":[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]}",
      "[[\"m\",\"delete\",[\"set\",[\"a\",\"b\",\"c\"]]]]",
      "{\"m\":[\"map\",[]]}", },
    { "A", "{\"e\":\"a\"}", "[[\"imm\",\"+=\",1]]",
      "[{\"details\":\"Cannot mutate immutable column imm in table "
      "A.\",\"error\":\"constraint violation\",\"syntax\":\"[\\\"im"
      "m\\\",\\\"+=\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"_uuid\",\"+=\",1]]",
      "[{\"details\":\"Cannot mutate immutable column _uuid in tabl"
      "e A.\",\"error\":\"constraint violation\",\"syntax\":\"[\\\""
      "_uuid\\\",\\\"+=\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"_version\",\"insert\",1]]",
      "[{\"details\":\"Cannot mutate immutable column _version in t"
      "able A.\",\"error\":\"constraint violation\",\"syntax\":\"["
      "\\\"_version\\\",\\\"insert\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"eph\",\"+=\",1]]", "{\"eph\":1}", },
    { "A", "{\"e\":\"a\"}", "[[\"nosuch\",\"+=\",1]]",
      "[{\"details\":\"No column nosuch in table A.\",\"error\":\"u"
      "nknown column\",\"syntax\":\"[\\\"nosuch\\\",\\\"+=\\\",1]\"" "}]", },
    { "A", "{\"e\":\"a\"}", "[[\"m\",\"+=\",1]]",
      "[{\"details\":\"Type mismatch: \\\"+=\\\" operator may not b"
      "e applied to column m of type map of (string, string) pairs."
      "\",\"error\":\"syntax error\",\"syntax\":\"[\\\"m\\\",\\\"+="
      "\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"s\",\"+=\",1]]",
      "[{\"details\":\"Type mismatch: \\\"+=\\\" operator may not b"
      "e applied to column s of type string.\",\"error\":\"syntax e"
      "rror\",\"syntax\":\"[\\\"s\\\",\\\"+=\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"i\",\"^=\",1]]",
      "[{\"details\":\"No mutator named ^=.\",\"error\":\"unknown m"
      "utator\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"i\",\"+=\"]]",
      "[{\"details\":\"Parse error in mutation.\",\"error\":\"synta"
      "x error\",\"syntax\":\"[\\\"i\\\",\\\"+=\\\"]\"}]", },
    { "A", "{\"e\":\"a\"}", "[\"x\"]",
      "[{\"details\":\"Parse error in mutation.\",\"error\":\"synta"
      "x error\",\"syntax\":\"\\\"x\\\"\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"b\",\"+=\",true]]",
      "[{\"details\":\"Type mismatch: \\\"+=\\\" operator may not b"
      "e applied to column b of type boolean.\",\"error\":\"syntax "
      "error\",\"syntax\":\"[\\\"b\\\",\\\"+=\\\",true]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"s\",\"insert\",\"x\"]]",
      "[{\"details\":\"Type mismatch: \\\"insert\\\" operator may n"
      "ot be applied to column s of type string.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[\\\"s\\\",\\\"insert\\\",\\\"x\\\"]" "\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"e\",\"delete\",\"a\"]]",
      "[{\"details\":\"Type mismatch: \\\"delete\\\" operator may n"
      "ot be applied to column e of type string.\",\"error\":\"synt"
      "ax error\",\"syntax\":\"[\\\"e\\\",\\\"delete\\\",\\\"a\\\"]" "\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"mi\",\"+=\",1]]",
      "[{\"details\":\"Type mismatch: \\\"+=\\\" operator may not b"
      "e applied to column mi of type map of (integer, integer) pai"
      "rs.\",\"error\":\"syntax error\",\"syntax\":\"[\\\"mi\\\",\\"
      "\"+=\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"mi\",\"insert\",[\"set\",[5]]]]",
      "[{\"details\":\"expected [\\\"map\\\", <array>]\",\"error\":"
      "\"syntax error\",\"syntax\":\"[\\\"set\\\",[5]]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"mi\",\"delete\",5]]",
      "{\"mi\":[\"map\",[]]}", },
    { "A", "{\"e\":\"a\"}", "[[\"is\",\"delete\",[\"map\",[[1,2]]]]]",
      "[{\"details\":\"expected integer\",\"error\":\"syntax error"
      "\",\"syntax\":\"[\\\"map\\\",[[1,2]]]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"nosuch\",\"^=\",1]]",
      "[{\"details\":\"No column nosuch in table A.\",\"error\":\"u"
      "nknown column\",\"syntax\":\"[\\\"nosuch\\\",\\\"^=\\\",1]\"" "}]", },
    { "A", "{\"e\":\"a\"}", "[[\"imm\",\"^=\",1]]",
      "[{\"details\":\"Cannot mutate immutable column imm in table "
      "A.\",\"error\":\"constraint violation\",\"syntax\":\"[\\\"im"
      "m\\\",\\\"^=\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[1,\"+=\",1]]",
      "[{\"details\":\"Parse error in mutation.\",\"error\":\"synta"
      "x error\",\"syntax\":\"[1,\\\"+=\\\",1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"i\",1,1]]",
      "[{\"details\":\"Parse error in mutation.\",\"error\":\"synta"
      "x error\",\"syntax\":\"[\\\"i\\\",1,1]\"}]", },
    { "A", "{\"e\":\"a\"}", "[[\"oi\",\"insert\",[\"set\",[1,2]]]]",
      "[{\"details\":\"set must have 0 to 1 members but 2 are prese"
      "nt\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\\",[1"
      ",2]]\"}]", },
    { "A", "{\"e\":\"a\",\"oi\":1}", "[[\"oi\",\"insert\",2]]",
      "[{\"details\":\"Attempted to store 2 elements in set of up t"
      "o 1 integers.\",\"error\":\"constraint violation\"}]", },
    { "A", "{\"e\":\"a\"}",
      "[[\"i\",\"+=\",1],[\"i\",\"*=\",3],[\"is\",\"insert\",[\"set"
      "\",[4,5]]]]", "{\"i\":3,\"is\":[\"set\",[4,5]]}", },
    { "A", "{\"e\":\"a\",\"rs\":[\"set\",[1.5,2.5]]}", "[[\"rs\",\"*=\",2]]",
      "{\"rs\":[\"set\",[3,5]]}", },
    { "A", "{\"e\":\"a\",\"rs\":[\"set\",[1.5,2.5]]}", "[[\"rs\",\"/=\",0]]",
      "[{\"details\":\"Division by zero.\",\"error\":\"domain error" "\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"m12\",\"insert\",[\"map\",[[5,\"x\"],[6,\"y\"],[7,\"x\"]" "]]]]",
      "[{\"details\":\"map must have 0 to 2 members but 3 are prese"
      "nt\",\"error\":\"syntax error\",\"syntax\":\"[\\\"map\\\",[["
      "5,\\\"x\\\"],[6,\\\"y\\\"],[7,\\\"x\\\"]]]\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"m12\",\"delete\",[\"set\",[1]]]]",
      "[{\"details\":\"Attempted to store 0 elements in map of 1 to"
      " 2 (integer, string) pairs.\",\"error\":\"constraint violati"
      "on\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"m12\",\"insert\",[\"map\",[[5,\"z\"]]]]]",
      "[{\"details\":\"z is not one of the allowed values ([x, y])"
      "\",\"error\":\"constraint violation\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"m12\",\"insert\",[\"map\",[[5,\"y\"],[6,\"y\"]]]]]",
      "[{\"details\":\"Attempted to store 3 elements in map of 1 to"
      " 2 (integer, string) pairs.\",\"error\":\"constraint violati"
      "on\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"ie\",\"insert\",[\"set\",[2]]]]",
      "[{\"details\":\"2 is not one of the allowed values ([1, 5, 7"
      "])\",\"error\":\"constraint violation\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"ie\",\"delete\",[\"set\",[2,2]]]]",
      "[{\"details\":\"2 is not one of the allowed values ([1, 5, 7"
      "])\",\"error\":\"constraint violation\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"ie\",\"insert\",[\"set\",[1,1]]]]",
      "[{\"details\":\"set contains duplicate\",\"error\":\"ovsdb e"
      "rror\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"m12\",\"insert\",[\"map\",[[1,\"x\"],[1,\"y\"]]]]]",
      "[{\"details\":\"map contains duplicate key\",\"error\":\"ovs"
      "db error\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"smin\",\"delete\",[\"set\",[2,2]]]]",
      "[{\"details\":\"Type mismatch: \\\"delete\\\" operator may n"
      "ot be applied to column smin of type string.\",\"error\":\"s"
      "yntax error\",\"syntax\":\"[\\\"smin\\\",\\\"delete\\\",[\\"
      "\"set\\\",[2,2]]]\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"rr\",\"+=\",5]]",
      "[{\"details\":\"6 is not in the valid range 0.5 to 2.25 (inc"
      "lusive)\",\"error\":\"constraint violation\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"rr\",\"-=\",0.75]]",
      "[{\"details\":\"0.25 is not in the valid range 0.5 to 2.25 ("
      "inclusive)\",\"error\":\"constraint violation\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"imax\",\"+=\",20]]",
      "[{\"details\":\"20 is greater than maximum allowed value 10"
      "\",\"error\":\"constraint violation\"}]", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"u\",\"delete\",[\"named-uuid\",\"q\"]]]", "{\"u\":[\"set\",[]]}", },
    { "D", "{\"smin\":\"ab\",\"m12\":[\"map\",[[1,\"x\"]]],\"rr\":1}",
      "[[\"b\",\"insert\",[\"set\",[true,false]]]]",
      "{\"b\":[\"set\",[false,true]]}", },
};

static char *
run_case(const struct mutation_case *c)
{
    const struct ovsdb_table_schema *table = get_table(c->table);
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_datum *fields = fields_create(table, c->row);
    json_t *json = json_loads(c->mutations, 0, NULL);
    struct ovsdb_mutation_set set;
    struct ovsdb_error *error;
    json_t *result;
    char *s;

    assert_non_null(json);
    error = ovsdb_mutation_set_from_json(table, json, symtab, &set);
    if (!error) {
        error = ovsdb_mutation_set_execute(fields, &set);
    }
    if (error) {
        result = json_pack("[o]", ovsdb_error_to_json_free(error));
    } else {
        result = json_object();
        for (size_t i = 0; i < set.n_mutations; i++) {
            const struct ovsdb_column *column = set.mutations[i].column;
            json_object_set_new(result, column->name,
                                ovsdb_datum_to_json(&fields[column->index],
                                                    &column->type));
        }
    }
    s = json_dumps(result, DUMP_FLAGS);

    json_decref(result);
    json_decref(json);
    ovsdb_mutation_set_destroy(&set);
    fields_destroy(table, fields);
    ovsdb_symbol_table_destroy(symtab);
    return s;
}

static void
test_mutations(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(mutation_cases); i++) {
        const struct mutation_case *c = &mutation_cases[i];
        char *s = run_case(c);

        if (strcmp(s, c->result)) {
            fail_msg("row %s mutations %s:\n got      %s\n expected %s",
                     c->row, c->mutations, s, c->result);
        }
        free(s);
    }
}

/* OVS 3.1's ovsdb-server crashes on this one; we must not. */
static void
test_multiply_by_zero(void **state OVS_UNUSED)
{
    static const struct mutation_case c = {
        "A", "{\"e\":\"a\",\"i\":-1}", "[[\"i\",\"*=\",0]]", NULL
    };
    char *s = run_case(&c);

    assert_string_equal(s, "{\"i\":0}");
    free(s);
}

static void
test_to_json(void **state OVS_UNUSED)
{
    static const char input[] =
        "[[\"i\",\"+=\",1],[\"m\",\"delete\",[\"set\",[\"a\",\"b\"]]],"
        "[\"m\",\"insert\",[\"map\",[[\"k\",\"v\"]]]],[\"rs\",\"/=\",2]]";
    const struct ovsdb_table_schema *table = get_table("A");
    json_t *json = json_loads(input, 0, NULL);
    struct ovsdb_mutation_set set;
    json_t *out;
    char *s;

    assert_null(ovsdb_mutation_set_from_json(table, json, NULL, &set));
    out = ovsdb_mutation_set_to_json(&set);
    s = json_dumps(out, DUMP_FLAGS);
    assert_string_equal(s, input);
    free(s);
    json_decref(out);
    json_decref(json);
    ovsdb_mutation_set_destroy(&set);
}

static void
test_not_array(void **state OVS_UNUSED)
{
    json_t *json = json_loads("{}", 0, NULL);
    struct ovsdb_mutation_set set;
    struct ovsdb_error *error;
    char *s;

    error = ovsdb_mutation_set_from_json(get_table("A"), json, NULL, &set);
    s = ovsdb_error_to_string_free(error);
    assert_string_equal(s, "syntax \"{}\": syntax error: Parse error in "
                        "mutation.");
    free(s);
    ovsdb_mutation_set_destroy(&set);
    json_decref(json);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_multiply_by_zero),
        cmocka_unit_test(test_to_json),
        cmocka_unit_test(test_not_array),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
