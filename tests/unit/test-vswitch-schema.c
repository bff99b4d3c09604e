/* Unit tests for vswitchd/vswitch.ovsschema, the Open_vSwitch database
 * schema every OVS client expects.  The file must describe exactly the same
 * database as OVS 3.1's schema (compared as JSON values, "cksum" aside,
 * when Debian's copy is installed), carry a checksum that matches its own
 * text, and be internally consistent: every reference names a table, every
 * index names columns, the root table is a singleton.  Only jansson is used
 * so the test does not depend on our own schema parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define OVS_SCHEMA "/usr/share/openvswitch/vswitch.ovsschema"
#define THIS_FILE "tests/unit/test-vswitch-schema.c"

/* Returns the path of our schema (caller frees): $RAILYARD_SCHEMA if set,
 * else vswitchd/vswitch.ovsschema under the source tree this file was
 * compiled from (relative to the working directory when built in-tree). */
static char *
our_schema_path(void)
{
    const char *env = getenv("RAILYARD_SCHEMA");
    if (env && *env) {
        return xstrdup(env);
    }
    size_t len = strlen(__FILE__);
    size_t suffix = strlen(THIS_FILE);
    size_t top_len = (len >= suffix
                      && !strcmp(__FILE__ + len - suffix, THIS_FILE)
                      ? len - suffix : 0);
    return xasprintf("%.*svswitchd/vswitch.ovsschema", (int) top_len,
                     __FILE__);
}

static json_t *
load_json(const char *file_name)
{
    json_error_t error;
    json_t *json = json_load_file(file_name, 0, &error);
    if (!json) {
        fail_msg("%s:%d: %s", file_name, error.line, error.text);
    }
    return json;
}

static json_t *
load_ours(void)
{
    char *path = our_schema_path();
    json_t *json = load_json(path);
    free(path);
    return json;
}

static json_t *
tables_of(const json_t *schema)
{
    json_t *tables = json_object_get(schema, "tables");
    assert_true(json_is_object(tables));
    assert_true(json_object_size(tables) > 0);
    return tables;
}

/* OVS 3.1 clients see the same database (name, version, tables, columns,
 * types, constraints, references, indexes, roots) through our schema. */
static void
test_same_as_ovs(void **state OVS_UNUSED)
{
    if (access(OVS_SCHEMA, R_OK)) {
        print_message("%s not installed\n", OVS_SCHEMA);
        skip();
    }
    json_t *ours = load_ours();
    json_t *theirs = load_json(OVS_SCHEMA);
    assert_int_equal(json_object_del(ours, "cksum"), 0);
    assert_int_equal(json_object_del(theirs, "cksum"), 0);

    if (!json_equal(ours, theirs)) {
        /* Name the first differing table to make the failure actionable. */
        json_t *ot = json_object_get(ours, "tables");
        json_t *tt = json_object_get(theirs, "tables");
        const char *name;
        json_t *value;
        json_object_foreach (tt, name, value) {
            if (!json_equal(value, json_object_get(ot, name))) {
                fail_msg("table %s differs from OVS 3.1's", name);
            }
        }
        json_object_foreach (ot, name, value) {
            if (!json_object_get(tt, name)) {
                fail_msg("table %s is not in OVS 3.1's schema", name);
            }
        }
        fail_msg("schema differs from OVS 3.1's outside \"tables\"");
    }
    json_decref(ours);
    json_decref(theirs);
}

static void
test_name_and_version(void **state OVS_UNUSED)
{
    json_t *ours = load_ours();
    assert_string_equal(json_string_value(json_object_get(ours, "name")),
                        "Open_vSwitch");
    const char *version = json_string_value(json_object_get(ours,
                                                            "version"));
    assert_non_null(version);
    unsigned int x, y, z;
    char extra;
    assert_int_equal(sscanf(version, "%u.%u.%u%c", &x, &y, &z, &extra), 3);
    if (!access(OVS_SCHEMA, R_OK)) {
        json_t *theirs = load_json(OVS_SCHEMA);
        assert_string_equal(version, json_string_value(
                                json_object_get(theirs, "version")));
        json_decref(theirs);
    }
    json_decref(ours);
}

/* POSIX cksum(1): CRC-32 with polynomial 0x04C11DB7, MSB first, over the
 * data followed by its length in bytes (least significant byte first,
 * without trailing zero bytes), then complemented. */
static uint32_t
crc_byte(uint32_t crc, uint8_t byte)
{
    crc ^= (uint32_t) byte << 24;
    for (int i = 0; i < 8; i++) {
        crc = crc & 0x80000000u ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
    }
    return crc;
}

static uint32_t
posix_cksum(const char *data, size_t n)
{
    uint32_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        crc = crc_byte(crc, (uint8_t) data[i]);
    }
    for (size_t len = n; len; len >>= 8) {
        crc = crc_byte(crc, len & 0xff);
    }
    return ~crc;
}

/* The stored "cksum" is what OVS's build computes: `cksum` of the file
 * with the line holding the "cksum" member removed.  ovsdb-tool
 * schema-cksum reports the stored value, and tools use it to decide
 * whether a database needs conversion, so it must follow the text. */
static void
test_cksum_matches_text(void **state OVS_UNUSED)
{
    char *path = our_schema_path();
    char *text;
    size_t len;
    int error = read_whole_file(path, &text, &len);
    if (error) {
        fail_msg("%s: %s", path, ovs_strerror(error));
    }

    char *stripped = xmalloc(len + 1);
    size_t n = 0;
    int n_cksum_lines = 0;
    for (const char *line = text; line < text + len; ) {
        const char *nl = memchr(line, '\n', text + len - line);
        const char *end = nl ? nl + 1 : text + len;
        if (memmem(line, end - line, "\"cksum\":", 8)) {
            n_cksum_lines++;
        } else {
            memcpy(stripped + n, line, end - line);
            n += end - line;
        }
        line = end;
    }
    assert_int_equal(n_cksum_lines, 1);

    char *expected = xasprintf("%" PRIu32 " %zu",
                               posix_cksum(stripped, n), n);
    json_t *ours = load_ours();
    assert_string_equal(json_string_value(json_object_get(ours, "cksum")),
                        expected);
    json_decref(ours);
    free(expected);
    free(stripped);
    free(text);
    free(path);
}

/* The checksum routine itself, against values printed by cksum(1). */
static void
test_posix_cksum(void **state OVS_UNUSED)
{
    assert_int_equal(posix_cksum("", 0), 4294967295u);
    assert_int_equal(posix_cksum("abc\n", 4), 1112837078u);
}

static void
check_base_type(const char *where, const json_t *base, const json_t *tables)
{
    if (json_is_string(base)) {
        base = json_pack("{sO}", "type", base);
    } else {
        json_incref((json_t *) base);
    }
    assert_true(json_is_object(base));
    const char *type = json_string_value(json_object_get(base, "type"));
    if (!type) {
        fail_msg("%s: base type without \"type\"", where);
    }
    static const char *const atomic[] = {
        "integer", "real", "boolean", "string", "uuid",
    };
    bool known = false;
    for (size_t i = 0; i < ARRAY_SIZE(atomic); i++) {
        known = known || !strcmp(type, atomic[i]);
    }
    if (!known) {
        fail_msg("%s: unknown atomic type \"%s\"", where, type);
    }

    json_t *ref_table = json_object_get(base, "refTable");
    json_t *ref_type = json_object_get(base, "refType");
    if (ref_table) {
        if (strcmp(type, "uuid")) {
            fail_msg("%s: refTable on a %s", where, type);
        }
        if (!json_object_get(tables, json_string_value(ref_table))) {
            fail_msg("%s: refTable \"%s\" names no table", where,
                     json_string_value(ref_table));
        }
    }
    if (ref_type) {
        const char *s = json_string_value(ref_type);
        if (!ref_table || !s || (strcmp(s, "strong") && strcmp(s, "weak"))) {
            fail_msg("%s: bad refType", where);
        }
    }

    json_t *min = json_object_get(base, "minInteger");
    json_t *max = json_object_get(base, "maxInteger");
    if (min && max && json_integer_value(min) > json_integer_value(max)) {
        fail_msg("%s: minInteger > maxInteger", where);
    }
    json_t *enum_ = json_object_get(base, "enum");
    if (enum_ && json_is_array(enum_)) {
        /* ["set", [...]]: a set of allowed values, at least one. */
        assert_string_equal(json_string_value(json_array_get(enum_, 0)),
                            "set");
        assert_true(json_array_size(json_array_get(enum_, 1)) > 0);
    }
    json_decref((json_t *) base);
}

/* Every column has a valid type; every refTable names an existing table;
 * every index names existing columns. */
static void
test_internal_consistency(void **state OVS_UNUSED)
{
    json_t *ours = load_ours();
    json_t *tables = tables_of(ours);
    const char *table_name;
    json_t *table;
    size_t n_indexes = 0;

    json_object_foreach (tables, table_name, table) {
        json_t *columns = json_object_get(table, "columns");
        assert_true(json_is_object(columns));
        assert_true(json_object_size(columns) > 0);

        const char *column_name;
        json_t *column;
        json_object_foreach (columns, column_name, column) {
            char *where = xasprintf("%s.%s", table_name, column_name);
            if (column_name[0] == '_') {
                fail_msg("%s: reserved column name", where);
            }
            json_t *type = json_object_get(column, "type");
            if (json_is_string(type)) {
                check_base_type(where, type, tables);
            } else if (json_is_object(type)) {
                check_base_type(where, json_object_get(type, "key"), tables);
                json_t *value = json_object_get(type, "value");
                if (value) {
                    check_base_type(where, value, tables);
                }
                json_t *min = json_object_get(type, "min");
                json_t *max = json_object_get(type, "max");
                if (min && (!json_is_integer(min)
                            || json_integer_value(min) < 0
                            || json_integer_value(min) > 1)) {
                    fail_msg("%s: min must be 0 or 1", where);
                }
                if (max && !(json_is_integer(max)
                             ? json_integer_value(max) >= 1
                             : !strcmp(json_string_value(max) ?
                                       json_string_value(max) : "",
                                       "unlimited"))) {
                    fail_msg("%s: bad max", where);
                }
            } else {
                fail_msg("%s: missing or bad \"type\"", where);
            }
            free(where);
        }

        json_t *indexes = json_object_get(table, "indexes");
        size_t i;
        json_t *index;
        json_array_foreach (indexes, i, index) {
            size_t j;
            json_t *name;
            assert_true(json_array_size(index) > 0);
            json_array_foreach (index, j, name) {
                if (!json_object_get(columns, json_string_value(name))) {
                    fail_msg("%s: index names unknown column %s",
                             table_name, json_string_value(name));
                }
            }
            n_indexes++;
        }
    }
    assert_true(n_indexes > 0);
    json_decref(ours);
}

/* References between the tables clients navigate, spot-checked so that
 * deleting a refTable (which would turn a reference into a bare uuid)
 * fails here even without OVS installed. */
static void
test_references(void **state OVS_UNUSED)
{
    static const struct {
        const char *table, *column, *side, *ref_table, *ref_type;
    } refs[] = {
        { "Open_vSwitch", "bridges", "key", "Bridge", NULL },
        { "Open_vSwitch", "manager_options", "key", "Manager", NULL },
        { "Open_vSwitch", "ssl", "key", "SSL", NULL },
        { "Bridge", "ports", "key", "Port", NULL },
        { "Bridge", "mirrors", "key", "Mirror", NULL },
        { "Bridge", "controller", "key", "Controller", NULL },
        { "Port", "interfaces", "key", "Interface", NULL },
        { "Port", "qos", "key", "QoS", NULL },
        { "QoS", "queues", "value", "Queue", NULL },
        { "Mirror", "select_src_port", "key", "Port", "weak" },
        { "Mirror", "output_port", "key", "Port", "weak" },
        { "Flow_Sample_Collector_Set", "bridge", "key", "Bridge", NULL },
    };
    json_t *ours = load_ours();
    json_t *tables = tables_of(ours);
    for (size_t i = 0; i < ARRAY_SIZE(refs); i++) {
        json_t *column = json_object_get(
            json_object_get(json_object_get(tables, refs[i].table),
                            "columns"), refs[i].column);
        json_t *base = json_object_get(json_object_get(column, "type"),
                                       refs[i].side);
        if (!base) {
            fail_msg("%s.%s: missing", refs[i].table, refs[i].column);
        }
        assert_string_equal(
            json_string_value(json_object_get(base, "refTable")),
            refs[i].ref_table);
        const char *ref_type = json_string_value(json_object_get(base,
                                                                 "refType"));
        if (refs[i].ref_type) {
            assert_non_null(ref_type);
            assert_string_equal(ref_type, refs[i].ref_type);
        } else {
            assert_true(!ref_type || !strcmp(ref_type, "strong"));
        }
    }
    json_decref(ours);
}

/* The root table: one row, a GC root.  Tables that ovs-vsctl creates on
 * their own (Bridge is reached from Open_vSwitch) are not roots. */
static void
test_roots(void **state OVS_UNUSED)
{
    json_t *ours = load_ours();
    json_t *tables = tables_of(ours);
    json_t *ovs = json_object_get(tables, "Open_vSwitch");
    assert_non_null(ovs);
    assert_true(json_is_true(json_object_get(ovs, "isRoot")));
    assert_true(json_is_integer(json_object_get(ovs, "maxRows")));
    assert_int_equal(json_integer_value(json_object_get(ovs, "maxRows")), 1);

    json_t *bridge = json_object_get(tables, "Bridge");
    assert_non_null(bridge);
    assert_false(json_is_true(json_object_get(bridge, "isRoot")));

    /* Bridge names are unique: ovs-vsctl and the IDL look bridges up by
     * name through this index. */
    json_t *index = json_pack("[[s]]", "name");
    assert_true(json_equal(json_object_get(bridge, "indexes"), index));
    json_decref(index);
    json_decref(ours);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_ovs),
        cmocka_unit_test(test_name_and_version),
        cmocka_unit_test(test_posix_cksum),
        cmocka_unit_test(test_cksum_matches_text),
        cmocka_unit_test(test_internal_consistency),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_roots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
