/* Unit tests for ovsdb/schema, ovsdb/table-schema and ovsdb/column:
 * parsing the Open_vSwitch schema, writing schemas in the exact form OVS's
 * `ovsdb-client get-schema` returns, the isRoot default, cloning, and a
 * table of bad schemas with the error strings OVS 3.1's `ovsdb-tool
 * create` prints for them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "ovsdb/column.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "ovsdb/table-schema.h"
#include "util.h"

#define OVS_SCHEMA "/usr/share/openvswitch/vswitch.ovsschema"
#define THIS_FILE "tests/unit/test-ovsdb-schema.c"
#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY \
                    | JSON_REAL_PRECISION(15))

/* Our vswitchd/vswitch.ovsschema if present, else Debian's.  Caller
 * frees. */
static char *
vswitch_schema_path(void)
{
    size_t len = strlen(__FILE__), suffix = strlen(THIS_FILE);
    size_t top_len = (len >= suffix
                      && !strcmp(__FILE__ + len - suffix, THIS_FILE)
                      ? len - suffix : 0);
    char *ours = xasprintf("%.*svswitchd/vswitch.ovsschema", (int) top_len,
                           __FILE__);
    if (!access(ours, R_OK)) {
        return ours;
    }
    free(ours);
    return xstrdup(OVS_SCHEMA);
}

static json_t *
parse_json(const char *s)
{
    json_error_t error;
    json_t *json = json_loads(s, JSON_DECODE_ANY, &error);
    if (!json) {
        fail_msg("bad test JSON %s: %s", s, error.text);
    }
    return json;
}

static char *
dump_free(json_t *json)
{
    char *s = json_dumps(json, DUMP_FLAGS);
    json_decref(json);
    return s;
}

static struct ovsdb_schema *
schema_from_string(const char *s)
{
    json_t *json = parse_json(s);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);

    json_decref(json);
    if (error) {
        fail_msg("%s: %s", s, ovsdb_error_to_string_free(error));
    }
    return schema;
}

static void
test_vswitch_schema(void **state OVS_UNUSED)
{
    char *path = vswitch_schema_path();
    struct ovsdb_schema *schema, *clone;
    const struct ovsdb_table_schema *bridge, *ovs;
    const struct ovsdb_column *ports;
    struct ovsdb_error *error;

    error = ovsdb_schema_from_file(path, &schema);
    if (error) {
        fail_msg("%s: %s", path, ovsdb_error_to_string_free(error));
    }
    assert_string_equal(schema->name, "Open_vSwitch");
    assert_true(ovsdb_is_valid_version(schema->version));
    assert_non_null(schema->cksum);

    ovs = ovsdb_schema_get_table(schema, "Open_vSwitch");
    assert_non_null(ovs);
    assert_true(ovs->is_root);
    assert_int_equal(ovs->max_rows, 1);

    bridge = ovsdb_schema_get_table(schema, "Bridge");
    assert_non_null(bridge);
    assert_false(bridge->is_root);
    assert_int_equal(bridge->max_rows, UINT_MAX);
    assert_string_equal(bridge->columns_by_index[OVSDB_COL_UUID]->name,
                        "_uuid");
    assert_string_equal(bridge->columns_by_index[OVSDB_COL_VERSION]->name,
                        "_version");
    for (size_t i = 0; i < bridge->n_columns; i++) {
        assert_int_equal(bridge->columns_by_index[i]->index, i);
    }
    assert_int_equal(bridge->n_indexes, 1);
    assert_string_equal(bridge->indexes[0].columns[0]->name, "name");

    ports = ovsdb_table_schema_get_column(bridge, "ports");
    assert_non_null(ports);
    assert_ptr_equal(ports->type.key.uuid.ref_table,
                     ovsdb_schema_get_table(schema, "Port"));
    assert_true(ovsdb_base_type_is_strong_ref(&ports->type.key));
    assert_false(ovsdb_table_schema_get_column(bridge,
                                               "_uuid")->mutable_);

    /* Every reference is resolved, in the clone too. */
    clone = ovsdb_schema_clone(schema);
    assert_true(ovsdb_schema_equal(schema, clone));
    ports = ovsdb_table_schema_get_column(
        ovsdb_schema_get_table(clone, "Bridge"), "ports");
    assert_ptr_equal(ports->type.key.uuid.ref_table,
                     ovsdb_schema_get_table(clone, "Port"));

    /* to_json then from_json is the identity. */
    {
        json_t *json = ovsdb_schema_to_json(schema);
        struct ovsdb_schema *again;

        error = ovsdb_schema_from_json(json, &again);
        assert_null(error);
        assert_true(ovsdb_schema_equal(schema, again));
        ovsdb_schema_destroy(again);
        json_decref(json);
    }

    ovsdb_schema_destroy(clone);
    ovsdb_schema_destroy(schema);
    free(path);
}

/* Columns of Debian's schema as `ovsdb-client get-schema` returned them
 * from OVS 3.1's ovsdb-server. */
static void
test_get_schema_form(void **state OVS_UNUSED)
{
    static const struct {
        const char *table, *column, *json;
    } cases[] = {
        { "Bridge", "datapath_id",
          "{\"ephemeral\":true,\"type\":{\"key\":\"string\",\"min\":0}}" },
        { "Bridge", "protocols",
          "{\"type\":{\"key\":{\"enum\":[\"set\",[\"OpenFlow10\","
          "\"OpenFlow11\",\"OpenFlow12\",\"OpenFlow13\",\"OpenFlow14\","
          "\"OpenFlow15\"]],\"type\":\"string\"},\"max\":\"unlimited\","
          "\"min\":0}}" },
        { "Interface", "ofport_request",
          "{\"type\":{\"key\":{\"maxInteger\":65279,\"minInteger\":1,"
          "\"type\":\"integer\"},\"min\":0}}" },
        { "Open_vSwitch", "bridges",
          "{\"type\":{\"key\":{\"refTable\":\"Bridge\",\"type\":\"uuid\"},"
          "\"max\":\"unlimited\",\"min\":0}}" },
        { "Port", "name", "{\"mutable\":false,\"type\":\"string\"}" },
        { "Mirror", "select_src_port",
          "{\"type\":{\"key\":{\"refTable\":\"Port\",\"refType\":\"weak\","
          "\"type\":\"uuid\"},\"max\":\"unlimited\",\"min\":0}}" },
        { "AutoAttach", "mappings",
          "{\"type\":{\"key\":{\"maxInteger\":16777215,\"minInteger\":0,"
          "\"type\":\"integer\"},\"max\":\"unlimited\",\"min\":0,"
          "\"value\":{\"maxInteger\":4095,\"minInteger\":0,"
          "\"type\":\"integer\"}}}" },
    };
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    json_t *json, *tables;

    if (access(OVS_SCHEMA, R_OK)) {
        skip();
    }
    error = ovsdb_schema_from_file(OVS_SCHEMA, &schema);
    assert_null(error);
    json = ovsdb_schema_to_json(schema);
    assert_string_equal(json_string_value(json_object_get(json, "cksum")),
                        "3012963480 26720");
    tables = json_object_get(json, "tables");
    assert_int_equal(json_object_size(tables), 19);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        json_t *table = json_object_get(tables, cases[i].table);
        json_t *column = json_object_get(json_object_get(table, "columns"),
                                         cases[i].column);
        char *s = json_dumps(column, DUMP_FLAGS);
        assert_string_equal(s, cases[i].json);
        free(s);
    }
    /* isRoot and maxRows appear only where OVS writes them. */
    {
        char *s;
        json_t *ovs = json_deep_copy(json_object_get(tables,
                                                     "Open_vSwitch"));
        json_t *bridge = json_deep_copy(json_object_get(tables, "Bridge"));

        json_object_del(ovs, "columns");
        json_object_del(bridge, "columns");
        s = dump_free(ovs);
        assert_string_equal(s, "{\"isRoot\":true,\"maxRows\":1}");
        free(s);
        s = dump_free(bridge);
        assert_string_equal(s, "{\"indexes\":[[\"name\"]]}");
        free(s);
    }
    json_decref(json);
    ovsdb_schema_destroy(schema);
}

static void
test_is_root_default(void **state OVS_UNUSED)
{
    struct ovsdb_schema *schema;
    char *s;

    /* No table sets isRoot: every table is a root, and none is written. */
    schema = schema_from_string(
        "{\"name\":\"N\",\"tables\":{\"X\":{\"columns\":{\"a\":{\"type\":"
        "\"integer\"}}},\"Y\":{\"columns\":{\"r\":{\"type\":{\"key\":"
        "{\"type\":\"uuid\",\"refTable\":\"X\"},\"min\":0,\"max\":1}}}}}}");
    assert_true(ovsdb_schema_get_table(schema, "X")->is_root);
    assert_true(ovsdb_schema_get_table(schema, "Y")->is_root);
    s = dump_free(ovsdb_schema_to_json(schema));
    assert_string_equal(s, "{\"name\":\"N\",\"tables\":{\"X\":{\"columns\":"
                        "{\"a\":{\"type\":\"integer\"}}},\"Y\":{\"columns\":"
                        "{\"r\":{\"type\":{\"key\":{\"refTable\":\"X\","
                        "\"type\":\"uuid\"},\"min\":0}}}}}}");
    free(s);
    ovsdb_schema_destroy(schema);

    /* Some roots: only true is written. */
    schema = schema_from_string(
        "{\"name\":\"x\",\"version\":\"1.2.3\",\"tables\":{\"t\":{"
        "\"columns\":{\"a\":{\"type\":\"integer\"}},\"isRoot\":false},"
        "\"u\":{\"columns\":{\"x\":{\"type\":\"integer\"}},"
        "\"isRoot\":true}}}");
    assert_false(ovsdb_schema_get_table(schema, "t")->is_root);
    assert_true(ovsdb_schema_get_table(schema, "u")->is_root);
    s = dump_free(ovsdb_schema_to_json(schema));
    assert_string_equal(s, "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":"
                        "{\"a\":{\"type\":\"integer\"}}},\"u\":{\"columns\":"
                        "{\"x\":{\"type\":\"integer\"}},\"isRoot\":true}},"
                        "\"version\":\"1.2.3\"}");
    free(s);
    ovsdb_schema_destroy(schema);

    /* All roots: same as none. */
    schema = schema_from_string(
        "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
        "\"integer\"}},\"isRoot\":true},\"u\":{\"columns\":{\"x\":{\"type\":"
        "\"integer\"}},\"isRoot\":true}}}");
    s = dump_free(ovsdb_schema_to_json(schema));
    assert_string_equal(s, "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":"
                        "{\"a\":{\"type\":\"integer\"}}},\"u\":{\"columns\":"
                        "{\"x\":{\"type\":\"integer\"}}}}}");
    free(s);
    ovsdb_schema_destroy(schema);
}

static void
test_canonical_form(void **state OVS_UNUSED)
{
    /* As OVS's ovsdb-tool wrote it into a new database file. */
    struct ovsdb_schema *schema = schema_from_string(
        "{\"name\":\"c\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
        "{\"key\":\"string\",\"min\":1,\"max\":1},\"mutable\":true,"
        "\"ephemeral\":false},\"g\":{\"type\":{\"key\":{\"type\":\"integer\","
        "\"enum\":[\"set\",[3,1,2]]}}},\"h\":{\"type\":{\"key\":\"integer\","
        "\"value\":{\"type\":\"integer\",\"enum\":[\"set\",[1]]}}}},"
        "\"isRoot\":false,\"maxRows\":5,\"indexes\":[]}}}");
    char *s = dump_free(ovsdb_schema_to_json(schema));

    assert_string_equal(s, "{\"name\":\"c\",\"tables\":{\"t\":{\"columns\":"
                        "{\"a\":{\"type\":\"string\"},\"g\":{\"type\":"
                        "{\"key\":{\"enum\":[\"set\",[1,2,3]],\"type\":"
                        "\"integer\"}}},\"h\":{\"type\":{\"key\":\"integer\","
                        "\"value\":{\"enum\":1,\"type\":\"integer\"}}}},"
                        "\"maxRows\":5}}}");
    free(s);
    ovsdb_schema_destroy(schema);
}

struct bad_case {
    const char *json;
    const char *error;          /* ovsdb_error_to_string(), OVS's text. */
};

#define T1(COLUMNS) "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":" \
    COLUMNS "}}}"
#define A(TYPE) T1("{\"a\":{\"type\":" TYPE "}}")

static const struct bad_case bad_cases[] = {
    { "{\"name\":\"x\"}", "syntax \"{\"name\":\"x\"}\": syntax error: "
      "Parsing database schema failed: Required 'tables' member is "
      "missing." },
    { "{\"tables\":{}}", "syntax \"{\"tables\":{}}\": syntax error: Parsing "
      "database schema failed: Required 'name' member is missing." },
    { "{\"name\":\"1x\",\"tables\":{}}", "syntax \"{\"name\":\"1x\","
      "\"tables\":{}}\": syntax error: Parsing database schema failed: Type "
      "mismatch for member 'name'." },
    { "{\"name\":\"x\",\"version\":\"1.2\",\"tables\":{}}", "syntax "
      "\"{\"name\":\"x\",\"tables\":{},\"version\":\"1.2\"}\": syntax error: "
      "schema version \"1.2\" not in format x.y.z" },
    { "{\"name\":\"x\",\"version\":\"1.2.3 \",\"tables\":{}}", "syntax "
      "\"{\"name\":\"x\",\"tables\":{},\"version\":\"1.2.3 \"}\": syntax "
      "error: schema version \"1.2.3 \" not in format x.y.z" },
    { "{\"name\":\"x\",\"version\":\"\",\"tables\":{}}", "syntax "
      "\"{\"name\":\"x\",\"tables\":{},\"version\":\"\"}\": syntax error: "
      "schema version \"\" not in format x.y.z" },
    { "{\"name\":\"x\",\"version\":1,\"tables\":{}}", "syntax \"{\"name\":"
      "\"x\",\"tables\":{},\"version\":1}\": syntax error: Parsing database "
      "schema failed: Type mismatch for member 'version'." },
    { "{\"name\":\"x\",\"cksum\":1,\"tables\":{}}", "syntax \"{\"cksum\":1,"
      "\"name\":\"x\",\"tables\":{}}\": syntax error: Parsing database "
      "schema failed: Type mismatch for member 'cksum'." },
    { "{\"name\":\"x\",\"tables\":{},\"extra\":1}", "syntax \"{\"extra\":1,"
      "\"name\":\"x\",\"tables\":{}}\": syntax error: Parsing database "
      "schema failed: Member 'extra' is present but not allowed here." },
    { "[]", "syntax error: Parsing database schema failed: Object "
      "expected." },
    { "{\"name\":\"x\",\"tables\":{\"1t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}}}}}", "syntax \"{\"name\":\"x\",\"tables\":{\"1t\":"
      "{\"columns\":{\"a\":{\"type\":\"integer\"}}}}}\": syntax error: name "
      "must be a valid id" },
    { "{\"name\":\"x\",\"tables\":{\"_t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}}}}}", "syntax \"{\"name\":\"x\",\"tables\":{\"_t\":"
      "{\"columns\":{\"a\":{\"type\":\"integer\"}}}}}\": syntax error: names "
      "beginning with \"_\" are reserved" },
    { "{\"name\":\"x\",\"tables\":{\"t\":[]}}", "syntax error: Parsing "
      "table schema for table t failed: Object expected." },
    { "{\"name\":\"x\",\"tables\":{\"t\":{}}}", "syntax \"{}\": syntax "
      "error: Parsing table schema for table t failed: Required 'columns' "
      "member is missing." },
    { T1("{}"), "syntax \"{\"columns\":{}}\": syntax error: table must "
      "have at least one column" },
    { T1("{\"_a\":{\"type\":\"integer\"}}"), "syntax \"{\"columns\":"
      "{\"_a\":{\"type\":\"integer\"}}}\": syntax error: names beginning "
      "with \"_\" are reserved" },
    { T1("{\"a b\":{\"type\":\"integer\"}}"), "syntax \"{\"columns\":"
      "{\"a b\":{\"type\":\"integer\"}}}\": syntax error: name must be a "
      "valid id" },
    { T1("{\"a\":1}"), "syntax error: Parsing schema for column a failed: "
      "Object expected." },
    { T1("{\"a\":{}}"), "syntax \"{}\": syntax error: Parsing schema for "
      "column a failed: Required 'type' member is missing." },
    { T1("{\"a\":{\"type\":\"integer\",\"x\":1}}"), "syntax \"{\"type\":"
      "\"integer\",\"x\":1}\": syntax error: Parsing schema for column a "
      "failed: Member 'x' is present but not allowed here." },
    { T1("{\"a\":{\"type\":\"integer\",\"mutable\":1}}"), "syntax "
      "\"{\"mutable\":1,\"type\":\"integer\"}\": syntax error: Parsing "
      "schema for column a failed: Type mismatch for member 'mutable'." },
    { A("\"int\""), "syntax \"\"int\"\": syntax error: \"int\" is not an "
      "atomic-type" },
    { A("{\"key\":{\"type\":\"uuid\",\"refTable\":\"q\"}}"), "syntax "
      "error: column a key refers to undefined table q" },
    { A("{\"key\":\"string\",\"value\":{\"type\":\"uuid\",\"refTable\":"
        "\"q\"}}"), "syntax error: column a value refers to undefined table "
      "q" },
    { A("{\"key\":\"integer\",\"min\":2}"), "syntax \"{\"key\":\"integer\","
      "\"min\":2}\": syntax error: ovsdb type fails constraint checks" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"maxRows\":0}}}", "syntax \"{\"columns\":{\"a\":"
      "{\"type\":\"integer\"}},\"maxRows\":0}\": syntax error: maxRows must "
      "be at least 1" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"maxRows\":1.5}}}", "syntax \"{\"columns\":{\"a\":"
      "{\"type\":\"integer\"}},\"maxRows\":1.5}\": syntax error: Parsing "
      "table schema for table t failed: Type mismatch for member "
      "'maxRows'." },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"isRoot\":1}}}", "syntax \"{\"columns\":{\"a\":"
      "{\"type\":\"integer\"}},\"isRoot\":1}\": syntax error: Parsing table "
      "schema for table t failed: Type mismatch for member 'isRoot'." },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"indexes\":[[\"b\"]]}}}", "syntax \"[\"b\"]\": "
      "syntax error: b is not a valid column name" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"indexes\":[[]]}}}", "syntax \"{\"columns\":{\"a\":"
      "{\"type\":\"integer\"}},\"indexes\":[[]]}\": syntax error: index "
      "must have at least one column" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\",\"ephemeral\":true}},\"indexes\":[[\"a\"]]}}}", "syntax "
      "\"{\"columns\":{\"a\":{\"ephemeral\":true,\"type\":\"integer\"}},"
      "\"indexes\":[[\"a\"]]}\": syntax error: ephemeral columns (such as a) "
      "may not be indexed" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"indexes\":[[\"a\",\"a\"]]}}}", "syntax "
      "\"[\"a\",\"a\"]\": syntax error: array of distinct column names "
      "expected" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"indexes\":[\"a\"]}}}", "syntax \"\"a\"\": syntax "
      "error: array of distinct column names expected" },
    { "{\"name\":\"x\",\"tables\":{\"t\":{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"x\":1}}}", "syntax \"{\"columns\":{\"a\":{\"type\":"
      "\"integer\"}},\"x\":1}\": syntax error: Parsing table schema for "
      "table t failed: Member 'x' is present but not allowed here." },
    { A("{\"key\":{\"type\":\"integer\",\"enum\":[\"set\",[1,1]]}}"),
      "ovsdb error: set contains duplicate" },
};

static void
test_bad_schemas(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(bad_cases); i++) {
        const struct bad_case *c = &bad_cases[i];
        json_t *json = parse_json(c->json);
        struct ovsdb_schema *schema = NULL;
        struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);
        char *s;

        json_decref(json);
        if (!error) {
            fail_msg("%s: accepted, expected %s", c->json, c->error);
        }
        assert_null(schema);
        s = ovsdb_error_to_string_free(error);
        if (strcmp(s, c->error)) {
            fail_msg("%s:\n got      %s\n expected %s", c->json, s,
                     c->error);
        }
        free(s);
    }
}

static void
test_good_oddities(void **state OVS_UNUSED)
{
    /* Accepted by OVS 3.1 too. */
    static const char *const cases[] = {
        "{\"name\":\"_x\",\"tables\":{}}",
        "{\"name\":\"x\",\"version\":\" 1.2.3\",\"tables\":{}}",
        "{\"name\":\"x\",\"version\":\"-1.2.3\",\"tables\":{}}",
        "{\"name\":\"x\",\"version\":\"01.2.3\",\"tables\":{}}",
        T1("{\"a\":{\"type\":\"integer\"}},\"indexes\":[[\"_uuid\"]]"),
        T1("{\"a\":{\"type\":\"integer\"}},\"maxRows\":4294967296"),
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        ovsdb_schema_destroy(schema_from_string(cases[i]));
    }
}

static void
test_from_file_errors(void **state OVS_UNUSED)
{
    char template[] = "/tmp/test-ovsdb-schema-XXXXXX";
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    char *s, *expected;
    int fd;

    error = ovsdb_schema_from_file("/nonexistent.schema", &schema);
    s = ovsdb_error_to_string_free(error);
    assert_string_equal(s, "failed to read schema: \"/nonexistent.schema\" "
                        "could not be read as JSON (error opening "
                        "\"/nonexistent.schema\": No such file or "
                        "directory)");
    free(s);

    fd = mkstemp(template);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "{\"name\":\"x\"}", 12), 12);
    close(fd);
    error = ovsdb_schema_from_file(template, &schema);
    assert_null(schema);
    s = ovsdb_error_to_string_free(error);
    expected = xasprintf("syntax \"{\"name\":\"x\"}\": syntax error: failed "
                         "to parse \"%s\" as ovsdb schema: Parsing database "
                         "schema failed: Required 'tables' member is "
                         "missing.", template);
    assert_string_equal(s, expected);
    free(expected);
    free(s);

    fd = open(template, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "{", 1), 1);
    close(fd);
    error = ovsdb_schema_from_file(template, &schema);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "failed to read schema");
    ovsdb_error_destroy(error);
    unlink(template);
}

static void
test_versions(void **state OVS_UNUSED)
{
    assert_true(ovsdb_is_valid_version("8.3.1"));
    assert_false(ovsdb_is_valid_version("8.3"));
    assert_false(ovsdb_is_valid_version("8.3.1x"));
    assert_int_equal(ovsdb_version_compare("8.3.1", "8.3.1"), 0);
    assert_true(ovsdb_version_compare("8.3.1", "8.10.0") < 0);
    assert_true(ovsdb_version_compare("9.0.0", "8.10.0") > 0);
    assert_true(ovsdb_is_identifier("_a1"));
    assert_false(ovsdb_is_identifier("1a"));
    assert_false(ovsdb_is_identifier(""));
    assert_false(ovsdb_is_identifier("a-b"));
}

static void
test_column_sets(void **state OVS_UNUSED)
{
    struct ovsdb_schema *schema = schema_from_string(
        T1("{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"string\"}}"));
    const struct ovsdb_table_schema *t = ovsdb_schema_get_table(schema, "t");
    struct ovsdb_column_set set = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_column_set all = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_error *error;
    json_t *json = parse_json("[\"b\",\"_uuid\"]");
    char *s;

    error = ovsdb_column_set_from_json(json, t, &set);
    assert_null(error);
    json_decref(json);
    assert_int_equal(set.n_columns, 2);
    assert_true(ovsdb_column_set_contains(&set, OVSDB_COL_UUID));
    assert_int_equal(ovsdb_column_set_find(&set, "b"), 0);
    assert_int_equal(ovsdb_column_set_find(&set, "a"), SIZE_MAX);
    s = dump_free(ovsdb_column_set_to_json(&set));
    assert_string_equal(s, "[\"b\",\"_uuid\"]");
    free(s);

    ovsdb_column_set_add_all(&all, t);
    assert_int_equal(all.n_columns, 4);
    assert_true(ovsdb_column_set_is_superset(&all, &set));
    assert_false(ovsdb_column_set_is_superset(&set, &all));
    ovsdb_column_set_remove(&all, 0);
    assert_false(ovsdb_column_set_contains(&all, OVSDB_COL_UUID));

    ovsdb_column_set_destroy(&set);
    json = parse_json("[\"nosuch\"]");
    error = ovsdb_column_set_from_json(json, t, &set);
    json_decref(json);
    s = ovsdb_error_to_string_free(error);
    assert_string_equal(s, "syntax \"[\"nosuch\"]\": syntax error: nosuch is "
                        "not a valid column name");
    free(s);

    ovsdb_column_set_destroy(&set);
    ovsdb_column_set_destroy(&all);
    ovsdb_schema_destroy(schema);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vswitch_schema),
        cmocka_unit_test(test_get_schema_form),
        cmocka_unit_test(test_is_root_default),
        cmocka_unit_test(test_canonical_form),
        cmocka_unit_test(test_bad_schemas),
        cmocka_unit_test(test_good_oddities),
        cmocka_unit_test(test_from_file_errors),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_column_sets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
