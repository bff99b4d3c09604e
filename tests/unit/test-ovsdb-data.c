/* Unit tests for ovsdb/ovsdb-types, ovsdb/ovsdb-data and
 * ovsdb/ovsdb-error: column types from and to schema JSON and English,
 * atoms and datums from and to JSON and the ovs-vsctl display syntax,
 * constraint checking, set/map operations, update2 diffs and the symbol
 * table.  Expected strings were captured from Debian's OVS 3.1
 * (ovsdb-server replies, ovs-vsctl and ovsdb-client output) for the same
 * inputs, so these tests pin OVS compatibility down. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-types.h"
#include "util.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY \
                    | JSON_REAL_PRECISION(15))

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
dump(const json_t *json)
{
    return json_dumps(json, DUMP_FLAGS);
}

static char *
dump_free(json_t *json)
{
    char *s = dump(json);
    json_decref(json);
    return s;
}

static void
parse_type(struct ovsdb_type *type, const char *s)
{
    json_t *json = parse_json(s);
    struct ovsdb_error *error = ovsdb_type_from_json(type, json);
    json_decref(json);
    if (error) {
        fail_msg("type %s: %s", s, ovsdb_error_to_string_free(error));
    }
}

/* Types. */

struct type_case {
    const char *json;           /* Input. */
    const char *canonical;      /* ovsdb_type_to_json() as OVS writes it. */
    const char *english;        /* ovsdb_type_to_english(). */
};

static const struct type_case type_cases[] = {
    { "\"integer\"", "\"integer\"", "integer" },
    { "{\"key\":\"string\",\"min\":1,\"max\":1}", "\"string\"", "string" },
    { "{\"key\":{\"type\":\"string\",\"minLength\":0,"
      "\"maxLength\":4294967295}}", "\"string\"", "string" },
    { "{\"key\":{\"type\":\"integer\","
      "\"minInteger\":-9223372036854775808}}", "\"integer\"", "integer" },
    { "{\"key\":\"integer\",\"min\":0,\"max\":\"unlimited\"}",
      "{\"key\":\"integer\",\"max\":\"unlimited\",\"min\":0}",
      "set of integers" },
    { "{\"key\":{\"type\":\"integer\",\"minInteger\":0,"
      "\"maxInteger\":4095},\"min\":0,\"max\":4096}",
      "{\"key\":{\"maxInteger\":4095,\"minInteger\":0,\"type\":\"integer\"},"
      "\"max\":4096,\"min\":0}", "set of up to 4096 integers" },
    { "{\"key\":\"uuid\",\"min\":1,\"max\":\"unlimited\"}",
      "{\"key\":\"uuid\",\"max\":\"unlimited\"}", "set of 1 or more uuids" },
    { "{\"key\":\"string\",\"min\":0,\"max\":1}",
      "{\"key\":\"string\",\"min\":0}", "set of up to 1 strings" },
    { "{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
      "\"max\":\"unlimited\"}",
      "{\"key\":\"string\",\"max\":\"unlimited\",\"min\":0,"
      "\"value\":\"string\"}", "map of (string, string) pairs" },
    { "{\"key\":\"integer\",\"value\":{\"type\":\"string\","
      "\"enum\":[\"set\",[\"y\",\"x\"]]},\"min\":1,\"max\":2}",
      "{\"key\":\"integer\",\"max\":2,\"value\":{\"enum\":[\"set\","
      "[\"x\",\"y\"]],\"type\":\"string\"}}",
      "map of 1 to 2 (integer, string) pairs" },
    { "{\"key\":{\"type\":\"string\",\"enum\":\"x\"}}",
      "{\"key\":{\"enum\":\"x\",\"type\":\"string\"}}", "string" },
    { "{\"key\":{\"type\":\"real\",\"minReal\":1,\"maxReal\":2.5}}",
      "{\"key\":{\"maxReal\":2.5,\"minReal\":1,\"type\":\"real\"}}",
      "real" },
    { "{\"key\":{\"type\":\"uuid\",\"refTable\":\"T\","
      "\"refType\":\"strong\"},\"min\":0,\"max\":1}",
      "{\"key\":{\"refTable\":\"T\",\"type\":\"uuid\"},\"min\":0}",
      "set of up to 1 uuids" },
    { "{\"key\":{\"type\":\"uuid\",\"refTable\":\"T\","
      "\"refType\":\"weak\"},\"min\":0,\"max\":\"unlimited\"}",
      "{\"key\":{\"refTable\":\"T\",\"refType\":\"weak\",\"type\":\"uuid\"},"
      "\"max\":\"unlimited\",\"min\":0}", "set of uuids" },
    { "{\"key\":{\"type\":\"string\",\"maxLength\":1.0}}",
      "{\"key\":{\"maxLength\":1,\"type\":\"string\"}}", "string" },
    { "{\"key\":\"integer\",\"min\":0.0}",
      "{\"key\":\"integer\",\"min\":0}", "set of up to 1 integers" },
    { "{\"key\":\"boolean\",\"max\":4294967294}",
      "{\"key\":\"boolean\",\"max\":4294967294}",
      "set of 1 to 4294967294 booleans" },
};

static void
test_type_canonical_and_english(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(type_cases); i++) {
        const struct type_case *c = &type_cases[i];
        struct ovsdb_type type, copy;
        char *s, *english;

        parse_type(&type, c->json);
        s = dump_free(ovsdb_type_to_json(&type));
        if (strcmp(s, c->canonical)) {
            fail_msg("type %s: got %s, expected %s", c->json, s,
                     c->canonical);
        }
        english = ovsdb_type_to_english(&type);
        assert_string_equal(english, c->english);

        /* Canonical JSON reads back as an equal type. */
        parse_type(&copy, s);
        assert_true(ovsdb_type_equals(&type, &copy));
        ovsdb_type_destroy(&copy);
        ovsdb_type_clone(&copy, &type);
        assert_true(ovsdb_type_equals(&type, &copy));
        ovsdb_type_destroy(&copy);

        free(english);
        free(s);
        ovsdb_type_destroy(&type);
    }
}

struct error_case {
    const char *json;
    const char *error;          /* Full ovsdb_error_to_string(). */
};

static const struct error_case type_error_cases[] = {
    { "\"int\"", "syntax \"\"int\"\": syntax error: \"int\" is not an "
      "atomic-type" },
    { "{\"key\":\"void\"}", "syntax \"\"void\"\": syntax error: \"void\" is "
      "not an atomic-type" },
    { "{\"key\":\"integer\",\"min\":2}", "syntax \"{\"key\":\"integer\","
      "\"min\":2}\": syntax error: ovsdb type fails constraint checks" },
    { "{\"key\":\"integer\",\"max\":0}", "syntax \"{\"key\":\"integer\","
      "\"max\":0}\": syntax error: ovsdb type fails constraint checks" },
    { "{\"key\":\"integer\",\"max\":\"x\"}", "syntax \"\"x\"\": syntax "
      "error: bad min or max value" },
    { "{\"key\":\"integer\",\"max\":4294967295}", "syntax \"4294967295\": "
      "syntax error: bad min or max value" },
    { "{\"key\":\"integer\",\"min\":-1}", "syntax \"-1\": syntax error: "
      "bad min or max value" },
    { "{\"key\":\"integer\",\"min\":\"unlimited\"}", "syntax \"{\"key\":"
      "\"integer\",\"min\":\"unlimited\"}\": syntax error: Parsing ovsdb "
      "type failed: Type mismatch for member 'min'." },
    { "{\"value\":\"integer\"}", "syntax \"{\"value\":\"integer\"}\": "
      "syntax error: Parsing ovsdb type failed: Required 'key' member is "
      "missing." },
    { "{\"key\":\"integer\",\"x\":1}", "syntax \"{\"key\":\"integer\","
      "\"x\":1}\": syntax error: Parsing ovsdb type failed: Member 'x' is "
      "present but not allowed here." },
    { "{\"key\":\"uuid\",\"refTable\":\"q\"}", "syntax \"{\"key\":\"uuid\","
      "\"refTable\":\"q\"}\": syntax error: Parsing ovsdb type failed: "
      "Member 'refTable' is present but not allowed here." },
    { "{\"key\":{\"type\":\"integer\",\"minInteger\":5,\"maxInteger\":1}}",
      "syntax \"{\"maxInteger\":1,\"minInteger\":5,\"type\":\"integer\"}\": "
      "syntax error: minInteger exceeds maxInteger" },
    { "{\"key\":{\"type\":\"real\",\"minReal\":5,\"maxReal\":1}}",
      "syntax \"{\"maxReal\":1,\"minReal\":5,\"type\":\"real\"}\": "
      "syntax error: minReal exceeds maxReal" },
    { "{\"key\":{\"type\":\"string\",\"minLength\":5,\"maxLength\":1}}",
      "syntax \"{\"maxLength\":1,\"minLength\":5,\"type\":\"string\"}\": "
      "syntax error: minLength exceeds maxLength" },
    { "{\"key\":{\"type\":\"string\",\"minLength\":-1}}", "syntax \"-1\": "
      "syntax error: minLength out of valid range 0 to 4294967295" },
    { "{\"key\":{\"type\":\"string\",\"maxLength\":4294967296}}",
      "syntax \"4294967296\": syntax error: maxLength out of valid range 0 "
      "to 4294967295" },
    { "{\"key\":{\"type\":\"integer\",\"maxInteger\":1.5}}", "syntax "
      "\"{\"maxInteger\":1.5,\"type\":\"integer\"}\": syntax error: Parsing "
      "ovsdb type failed: Type mismatch for member 'maxInteger'." },
    { "{\"key\":{\"type\":\"integer\",\"minLength\":5}}", "syntax "
      "\"{\"minLength\":5,\"type\":\"integer\"}\": syntax error: Parsing "
      "ovsdb type failed: Member 'minLength' is present but not allowed "
      "here." },
    { "{\"key\":{\"type\":\"uuid\",\"refType\":\"weak\"}}", "syntax "
      "\"{\"refType\":\"weak\",\"type\":\"uuid\"}\": syntax error: Parsing "
      "ovsdb type failed: Member 'refType' is present but not allowed "
      "here." },
    { "{\"key\":{\"type\":\"uuid\",\"refTable\":\"t\",\"refType\":\"x\"}}",
      "syntax \"{\"refTable\":\"t\",\"refType\":\"x\",\"type\":\"uuid\"}\": "
      "syntax error: refType must be \"strong\" or \"weak\" (not \"x\")" },
    { "{\"key\":{\"type\":\"uuid\",\"refTable\":\"1a\"}}", "syntax "
      "\"{\"refTable\":\"1a\",\"type\":\"uuid\"}\": syntax error: Parsing "
      "ovsdb type failed: Type mismatch for member 'refTable'." },
    { "{\"key\":{\"type\":\"string\",\"enum\":[\"set\",[1]]}}", "syntax "
      "\"1\": syntax error: expected string" },
    { "{\"key\":{\"type\":\"integer\",\"enum\":[\"set\",[1,1]]}}",
      "ovsdb error: set contains duplicate" },
    { "{\"key\":{\"type\":\"integer\",\"enum\":[\"set\",[]]}}", "syntax "
      "\"[\"set\",[]]\": syntax error: set must have 1 to 4294967295 "
      "members but 0 are present" },
    { "{\"key\":{\"type\":\"integer\",\"enum\":1,\"maxInteger\":10}}",
      "syntax \"{\"enum\":1,\"maxInteger\":10,\"type\":\"integer\"}\": "
      "syntax error: Parsing ovsdb type failed: Member 'maxInteger' is "
      "present but not allowed here." },
    { "{\"key\":{}}", "syntax \"{}\": syntax error: Parsing ovsdb type "
      "failed: Required 'type' member is missing." },
    { "{\"key\":1}", "syntax \"{\"key\":1}\": syntax error: Parsing ovsdb "
      "type failed: Type mismatch for member 'key'." },
    { "[]", "syntax \"[]\": syntax error: ovsdb type expected (string or "
      "object)" },
    { "null", "syntax \"null\": syntax error: ovsdb type expected (string "
      "or object)" },
};

static void
test_type_errors(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(type_error_cases); i++) {
        const struct error_case *c = &type_error_cases[i];
        json_t *json = parse_json(c->json);
        struct ovsdb_type type;
        struct ovsdb_error *error = ovsdb_type_from_json(&type, json);
        char *s;

        if (!error) {
            fail_msg("type %s: accepted, expected error %s", c->json,
                     c->error);
        }
        s = ovsdb_error_to_string_free(error);
        if (strcmp(s, c->error)) {
            fail_msg("type %s:\n got      %s\n expected %s", c->json, s,
                     c->error);
        }
        free(s);
        ovsdb_type_destroy(&type);     /* Safe after an error. */
        json_decref(json);
    }
}

/* Datums from and to JSON. */

struct datum_case {
    const char *type;
    const char *json;
    const char *result;         /* Canonical JSON, or the error as
                                 * ovsdb_error_to_json() dumps it. */
};

#define STRSET "{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}"
#define INTSET "{\"key\":\"integer\",\"min\":0,\"max\":\"unlimited\"}"
#define REALSET "{\"key\":\"real\",\"min\":0,\"max\":\"unlimited\"}"
#define UUIDSET "{\"key\":\"uuid\",\"min\":0,\"max\":\"unlimited\"}"
#define M12 "{\"key\":\"integer\",\"value\":{\"type\":\"string\"," \
    "\"enum\":[\"set\",[\"x\",\"y\"]]},\"min\":1,\"max\":2}"
#define SSMAP "{\"key\":\"string\",\"value\":\"string\",\"min\":0," \
    "\"max\":\"unlimited\"}"
#define IE "{\"key\":{\"type\":\"integer\",\"enum\":[\"set\",[1,5,7]]}," \
    "\"min\":0,\"max\":2}"
#define U1 "abcdef01-e29b-41d4-a716-446655440000"

static const struct datum_case datum_cases[] = {
    /* Scalars and their accepted encodings. */
    { "\"integer\"", "5", "5" },
    { "\"integer\"", "1.0", "1" },
    { "\"integer\"", "-9223372036854775808", "-9223372036854775808" },
    { "\"integer\"", "[\"set\",[7]]", "7" },
    { "\"real\"", "1", "1" },
    { "\"real\"", "2.5", "2.5" },
    { "\"boolean\"", "true", "true" },
    { "\"string\"", "\"\\u00e9\"", "\"\xc3\xa9\"" },
    { "\"uuid\"", "[\"uuid\",\"ABCDEF01-e29b-41d4-a716-446655440000\"]",
      "[\"uuid\",\"" U1 "\"]" },
    /* Sets: sorted, one element written bare. */
    { INTSET, "[\"set\",[3,1,2]]", "[\"set\",[1,2,3]]" },
    { INTSET, "[\"set\",[]]", "[\"set\",[]]" },
    { INTSET, "4", "4" },
    { STRSET, "[\"set\",[\"b\",\"a\",\"B\"]]",
      "[\"set\",[\"B\",\"a\",\"b\"]]" },
    /* (OVS itself writes 2.5e-07 and 1e+20: jansson's spelling differs,
     * the values do not.) */
    { REALSET, "[\"set\",[0.1,2.5e-7,1e20,123456789012345]]",
      "[\"set\",[2.5e-7,0.1,123456789012345,1e20]]" },
    { "{\"key\":\"boolean\",\"min\":0,\"max\":2}", "[\"set\",[true,false]]",
      "[\"set\",[false,true]]" },
    /* Maps: sorted by key. */
    { SSMAP, "[\"map\",[[\"b\",\"1\"],[\"a\",\"2\"]]]",
      "[\"map\",[[\"a\",\"2\"],[\"b\",\"1\"]]]" },
    { M12, "[\"map\",[[2,\"y\"],[1,\"x\"]]]",
      "[\"map\",[[1,\"x\"],[2,\"y\"]]]" },
    /* Errors, as OVS 3.1 reports them. */
    { "\"integer\"", "\"x\"", "{\"details\":\"expected integer\",\"error\":"
      "\"syntax error\",\"syntax\":\"\\\"x\\\"\"}" },
    { "\"integer\"", "1.5", "{\"details\":\"expected integer\",\"error\":"
      "\"syntax error\",\"syntax\":\"1.5\"}" },
    { "\"integer\"", "null", "{\"details\":\"expected integer\",\"error\":"
      "\"syntax error\",\"syntax\":\"null\"}" },
    { "\"integer\"", "[\"set\",[]]", "{\"details\":\"set must have exactly "
      "one member but 0 are present\",\"error\":\"syntax error\","
      "\"syntax\":\"[\\\"set\\\",[]]\"}" },
    { "\"integer\"", "[\"set\",[1,2]]", "{\"details\":\"set must have "
      "exactly one member but 2 are present\",\"error\":\"syntax error\","
      "\"syntax\":\"[\\\"set\\\",[1,2]]\"}" },
    { "\"integer\"", "[\"set\",1]", "{\"details\":\"expected [\\\"set\\\", "
      "<array>]\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\\",1]\"}"},
    { "\"integer\"", "[\"sett\",[1]]", "{\"details\":\"expected integer\","
      "\"error\":\"syntax error\",\"syntax\":\"[\\\"sett\\\",[1]]\"}" },
    { "\"real\"", "true", "{\"details\":\"expected real\",\"error\":"
      "\"syntax error\",\"syntax\":\"true\"}" },
    { "\"boolean\"", "1", "{\"details\":\"expected boolean\",\"error\":"
      "\"syntax error\",\"syntax\":\"1\"}" },
    { "\"string\"", "[\"a\"]", "{\"details\":\"expected string\",\"error\":"
      "\"syntax error\",\"syntax\":\"[\\\"a\\\"]\"}" },
    { UUIDSET, "[\"uuid\",\"x\"]", "{\"details\":\"\\\"x\\\" is not a valid "
      "UUID\",\"error\":\"syntax error\",\"syntax\":\"[\\\"uuid\\\","
      "\\\"x\\\"]\"}" },
    { UUIDSET, "\"" U1 "\"", "{\"details\":\"expected [\\\"uuid\\\", "
      "<string>]\",\"error\":\"syntax error\",\"syntax\":\"\\\"" U1
      "\\\"\"}" },
    { UUIDSET, "[\"named-uuid\",1]", "{\"details\":\"expected "
      "[\\\"uuid\\\", <string>]\",\"error\":\"syntax error\",\"syntax\":"
      "\"[\\\"named-uuid\\\",1]\"}" },
    { INTSET, "[\"set\",[1,1]]", "{\"details\":\"set contains duplicate\","
      "\"error\":\"ovsdb error\"}" },
    { SSMAP, "[\"map\",[[\"a\",\"b\"],[\"a\",\"c\"]]]", "{\"details\":\"map "
      "contains duplicate key\",\"error\":\"ovsdb error\"}" },
    { M12, "[\"map\",[]]", "{\"details\":\"map must have 1 to 2 members "
      "but 0 are present\",\"error\":\"syntax error\",\"syntax\":"
      "\"[\\\"map\\\",[]]\"}" },
    { M12, "[\"set\",[1]]", "{\"details\":\"expected [\\\"map\\\", "
      "<array>]\",\"error\":\"syntax error\",\"syntax\":\"[\\\"set\\\","
      "[1]]\"}" },
    { M12, "1", "{\"details\":\"expected [\\\"map\\\", <array>]\","
      "\"error\":\"syntax error\",\"syntax\":\"1\"}" },
    { M12, "[\"map\",[[1]]]", "{\"details\":\"expected 2-element array\","
      "\"error\":\"syntax error\",\"syntax\":\"[1]\"}" },
    { M12, "[\"map\",[1]]", "{\"details\":\"expected 2-element array\","
      "\"error\":\"syntax error\",\"syntax\":\"1\"}" },
    { M12, "[\"map\",[[1,2]]]", "{\"details\":\"expected string\","
      "\"error\":\"syntax error\",\"syntax\":\"2\"}" },
    /* Constraints are checked element by element, before duplicates. */
    { M12, "[\"map\",[[1,\"z\"],[1,\"x\"]]]", "{\"details\":\"z is not one "
      "of the allowed values ([x, y])\",\"error\":\"constraint "
      "violation\"}" },
    { IE, "[\"set\",[3,\"x\"]]", "{\"details\":\"3 is not one of the "
      "allowed values ([1, 5, 7])\",\"error\":\"constraint violation\"}" },
    { IE, "[\"set\",[1,5,7]]", "{\"details\":\"set must have 0 to 2 "
      "members but 3 are present\",\"error\":\"syntax error\",\"syntax\":"
      "\"[\\\"set\\\",[1,5,7]]\"}" },
    { "{\"key\":{\"type\":\"integer\",\"maxInteger\":10}}", "11",
      "{\"details\":\"11 is greater than maximum allowed value 10\","
      "\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"integer\",\"minInteger\":0,\"maxInteger\":10},"
      "\"min\":0}", "[\"set\",[-1]]", "{\"details\":\"-1 is not in the "
      "valid range 0 to 10 (inclusive)\",\"error\":\"constraint "
      "violation\"}" },
    { "{\"key\":{\"type\":\"integer\",\"minInteger\":-1}}", "-2",
      "{\"details\":\"-2 is less than minimum allowed value -1\","
      "\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"real\",\"minReal\":0.5,\"maxReal\":2.25}}",
      "0.25", "{\"details\":\"0.25 is not in the valid range 0.5 to 2.25 "
      "(inclusive)\",\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"real\",\"minReal\":-1.5}}", "-2",
      "{\"details\":\"-2 is less than minimum allowed value -1.5\","
      "\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"real\",\"maxReal\":100}}", "100.5",
      "{\"details\":\"100.5 is greater than maximum allowed value 100\","
      "\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"string\",\"minLength\":2}}", "\"\\u00e9\"",
      "{\"details\":\"\\\"\xc3\xa9\\\" length 1 is less than minimum allowed "
      "length 2\",\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"string\",\"maxLength\":2}}", "\"abc\"",
      "{\"details\":\"\\\"abc\\\" length 3 is greater than maximum allowed "
      "length 2\",\"error\":\"constraint violation\"}" },
    { "{\"key\":{\"type\":\"string\",\"enum\":[\"set\",[\"a\",\"b\","
      "\"c\"]]}}", "\"\"", "{\"details\":\"\\\"\\\" is not one of the "
      "allowed values ([a, b, c])\",\"error\":\"constraint violation\"}" },
};

static char *
datum_case_result(const struct datum_case *c)
{
    json_t *json = parse_json(c->json);
    struct ovsdb_datum datum;
    struct ovsdb_error *error;
    struct ovsdb_type type;
    char *s;

    parse_type(&type, c->type);
    error = ovsdb_datum_from_json(&datum, &type, json, NULL);
    if (error) {
        s = dump_free(ovsdb_error_to_json_free(error));
    } else {
        assert_null(ovsdb_datum_check_constraints(&datum, &type));
        s = dump_free(ovsdb_datum_to_json(&datum, &type));
        ovsdb_datum_destroy(&datum, &type);
    }
    ovsdb_type_destroy(&type);
    json_decref(json);
    return s;
}

static void
test_datum_json(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(datum_cases); i++) {
        const struct datum_case *c = &datum_cases[i];
        char *s = datum_case_result(c);
        if (strcmp(s, c->result)) {
            fail_msg("type %s value %s:\n got      %s\n expected %s",
                     c->type, c->json, s, c->result);
        }
        free(s);
    }
}

static void
test_named_uuid(void **state OVS_UNUSED)
{
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();
    struct ovsdb_type strong, weak;
    struct ovsdb_datum a, b;
    struct ovsdb_symbol *symbol;
    json_t *json;

    parse_type(&strong, "{\"key\":{\"type\":\"uuid\",\"refTable\":\"T\"},"
               "\"min\":0,\"max\":\"unlimited\"}");
    parse_type(&weak, "{\"key\":{\"type\":\"uuid\",\"refTable\":\"T\","
               "\"refType\":\"weak\"}}");

    json = parse_json("[\"set\",[[\"named-uuid\",\"row1\"],"
                      "[\"uuid\",\"" U1 "\"]]]");
    assert_null(ovsdb_datum_from_json(&a, &strong, json, symtab));
    json_decref(json);
    symbol = ovsdb_symbol_table_find(symtab, "row1");
    assert_non_null(symbol);
    assert_true(symbol->strong_ref);
    assert_false(symbol->weak_ref);
    assert_false(symbol->created);
    assert_int_equal(a.n, 2);
    assert_int_not_equal(ovsdb_datum_find_key(
                             &a, &(union ovsdb_atom) { .uuid = symbol->uuid },
                             OVSDB_TYPE_UUID), UINT_MAX);

    /* The same name is the same UUID, and weak references are noted. */
    json = parse_json("[\"named-uuid\",\"row1\"]");
    assert_null(ovsdb_datum_from_json(&b, &weak, json, symtab));
    assert_true(uuid_equals(&b.keys[0].uuid, &symbol->uuid));
    assert_true(symbol->weak_ref);
    assert_string_equal(ovsdb_symbol_table_find_uncreated(symtab), "row1");
    symbol->created = true;
    assert_null(ovsdb_symbol_table_find_uncreated(symtab));

    /* Without a symbol table, named UUIDs are an error, not a crash. */
    ovsdb_datum_destroy(&b, &weak);
    {
        struct ovsdb_error *error = ovsdb_datum_from_json(&b, &weak, json,
                                                          NULL);
        assert_non_null(error);
        assert_string_equal(ovsdb_error_get_tag(error), "syntax error");
        ovsdb_error_destroy(error);
    }
    json_decref(json);

    /* ovs-vsctl style "@name" through from_string. */
    {
        union ovsdb_atom atom;
        char *error = ovsdb_atom_from_string(&atom, &strong.key, "@x",
                                             symtab);
        assert_null(error);
        symbol = ovsdb_symbol_table_find(symtab, "@x");
        assert_non_null(symbol);
        assert_true(uuid_equals(&atom.uuid, &symbol->uuid));
        error = ovsdb_atom_from_string(&atom, &strong.key, "@x", NULL);
        assert_string_equal(error, "\"@x\" is not a valid UUID");
        free(error);
    }

    ovsdb_datum_destroy(&a, &strong);
    ovsdb_type_destroy(&strong);
    ovsdb_type_destroy(&weak);
    ovsdb_symbol_table_destroy(symtab);
}

/* Display syntax. */

static char *
datum_to_string(const struct ovsdb_datum *datum,
                const struct ovsdb_type *type)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ovsdb_datum_to_string(datum, type, &s);
    return ds_steal_cstr(&s);
}

/* Every string, in OVS's sort order, and the way `ovsdb-client dump
 * -f list` printed the set holding them all. */
static const char *const display_strings[] = {
    "", " a", "+1", "-", "-.5", "-1", "-a", ".", ".5", "0", "00", "03",
    "0x10", "1", "1-2", "1.2.3", "1.5", "12:34:56:78:9a:bc", "192.168.0.1",
    "1a", "1e", "1e5", "5.", "550e8400-e29b-41d4-a716-446655440000", "=a",
    "@x", "ABCDEF01-E29B-41D4-A716-446655440000", "E5", "TRUE", "True",
    "[]", "[a]", "_", "_a", "a", "a\001", "a\b\f\r", "a\tb", "a\nb",
    "a\037", "a b", "a b ", "a!b", "a\"b", "a#b", "a$b", "a%b", "a&b",
    "a'b", "a(b)", "a*b", "a+b", "a,b", "a-b", "a.b", "a/b", "a1", "a:b",
    "a;b", "a<b>", "a=", "a=b", "a?b", "a@b", "a\\b", "a^b", "a_b", "a`b",
    "abc", "abcdef01-e29b-41d4-a716-44665544000",
    "abcdef01-e29b-41d4-a716-446655440000", "a|b", "a~b", "a\xe2\x80\xa8",
    "deadbeef", "e", "false", "fffffffF-ffff-ffff-ffff-ffffffffffff", "inf",
    "map", "named-uuid", "nan", "nul", "null", "set", "tcp:1.2.3.4:6640",
    "true", "true1", "uuid", "x\177", "{a}", "{}", "\xc3\xa9",
};

static const char display_expected[] =
    "[\"\", \" a\", \"+1\", \"-\", \"-.5\", \"-1\", \"-a\", \".\", \".5\", "
    "\"0\", \"00\", \"03\", \"0x10\", \"1\", \"1-2\", \"1.2.3\", \"1.5\", "
    "\"12:34:56:78:9a:bc\", \"192.168.0.1\", \"1a\", \"1e\", \"1e5\", "
    "\"5.\", \"550e8400-e29b-41d4-a716-446655440000\", \"=a\", \"@x\", "
    "\"ABCDEF01-E29B-41D4-A716-446655440000\", E5, TRUE, True, \"[]\", "
    "\"[a]\", _, _a, a, \"a\\u0001\", \"a\\b\\f\\r\", \"a\\tb\", "
    "\"a\\nb\", \"a\\u001f\", \"a b\", \"a b \", \"a!b\", \"a\\\"b\", "
    "\"a#b\", \"a$b\", \"a%b\", \"a&b\", \"a'b\", \"a(b)\", \"a*b\", "
    "\"a+b\", \"a,b\", a-b, a.b, \"a/b\", a1, \"a:b\", \"a;b\", \"a<b>\", "
    "\"a=\", \"a=b\", \"a?b\", \"a@b\", \"a\\\\b\", \"a^b\", a_b, "
    "\"a`b\", abc, abcdef01-e29b-41d4-a716-44665544000, "
    "\"abcdef01-e29b-41d4-a716-446655440000\", \"a|b\", \"a~b\", "
    "\"a\xe2\x80\xa8\", deadbeef, e, \"false\", "
    "\"fffffffF-ffff-ffff-ffff-ffffffffffff\", inf, map, named-uuid, nan, "
    "nul, null, set, \"tcp:1.2.3.4:6640\", \"true\", true1, uuid, "
    "\"x\177\", \"{a}\", \"{}\", \"\xc3\xa9\"]";

static void
test_display_strings(void **state OVS_UNUSED)
{
    struct ovsdb_datum datum, back;
    struct ovsdb_type type;
    char *s, *error;

    parse_type(&type, STRSET);
    ovsdb_datum_init_empty(&datum);
    for (size_t i = 0; i < ARRAY_SIZE(display_strings); i++) {
        union ovsdb_atom atom = { .string = (char *) display_strings[i] };
        ovsdb_datum_add_unsafe(&datum, &atom, NULL, &type);
    }
    assert_null(ovsdb_datum_sort(&datum, OVSDB_TYPE_STRING));
    s = datum_to_string(&datum, &type);
    assert_string_equal(s, display_expected);

    /* What is printed reads back as the same value. */
    error = ovsdb_datum_from_string(&back, &type, s, NULL);
    if (error) {
        fail_msg("%s", error);
    }
    assert_true(ovsdb_datum_equals(&datum, &back, &type));

    ovsdb_datum_destroy(&back, &type);
    ovsdb_datum_destroy(&datum, &type);
    ovsdb_type_destroy(&type);
    free(s);
}

struct string_case {
    const char *type;
    const char *input;
    const char *result;         /* to_string() or the error message. */
};

#define FLOOD "{\"key\":{\"type\":\"integer\",\"minInteger\":0," \
    "\"maxInteger\":4095},\"min\":0,\"max\":4096}"
#define OPTINT "{\"key\":\"integer\",\"min\":0,\"max\":1}"
#define FAILMODE "{\"key\":{\"type\":\"string\",\"enum\":[\"set\"," \
    "[\"secure\",\"standalone\"]]},\"min\":0,\"max\":1}"
#define SIMAP "{\"key\":\"string\",\"value\":\"integer\",\"min\":0," \
    "\"max\":\"unlimited\"}"

/* Results captured from ovs-vsctl set/get with OVS 3.1. */
static const struct string_case string_cases[] = {
    { FLOOD, "1-5", "[1, 2, 3, 4, 5]" },
    /* Ours, not OVS's: an unlimited set is not expanded to millions of
     * values (found by fuzz-ovsdb-data: "8-80113811" ran out of memory). */
    { INTSET, "8-80113811", "\"8-80113811\" is not a valid range. A range "
      "may hold at most 4096 values." },
    { INTSET, "1-3", "[1, 2, 3]" },
    { INTSET, "0-4096", "\"0-4096\" is not a valid range. A range may "
      "hold at most 4096 values." },
    { FLOOD, "[1-3,7]", "[1, 2, 3, 7]" },
    { FLOOD, "5-1", "\"5-1\" is not a valid range. Range end cannot be "
      "before start." },
    { FLOOD, "1-5000", "constraint violation: 5000 is not in the valid "
      "range 0 to 4095 (inclusive)" },
    { FLOOD, "1,1", "1,1: set contains duplicate value" },
    { FLOOD, "1 2", "[1, 2]" },
    { FLOOD, " 3 , 4 ", "[3, 4]" },
    { FLOOD, "[]", "[]" },
    { FLOOD, "[ ]", "[]" },
    { FLOOD, "x", "\"x\" is not a valid integer or range" },
    { FLOOD, "0x10", "\"0x10\" is not a valid integer or range" },
    { FLOOD, "010", "[10]" },
    { FLOOD, "+10", "[10]" },
    { FLOOD, "1.0", "\"1.0\" is not a valid integer or range" },
    { FLOOD, "[1,2", "[1,2: missing \"]\" at end of data" },
    { FLOOD, "1,", "[1]" },
    { FLOOD, ",1", ",1: unexpected \",\" parsing set of up to 4096 "
      "integers" },
    { FLOOD, "1,,2", "1,,2: unexpected \",\" parsing set of up to 4096 "
      "integers" },
    { FLOOD, "[[1]]", "[[1]]: unexpected \"[\" parsing set of up to 4096 "
      "integers" },
    { FLOOD, "1-", "\"1-\" is not a valid integer or range" },
    { FLOOD, "-5--3", "constraint violation: -5 is not in the valid range "
      "0 to 4095 (inclusive)" },
    { FLOOD, " ", "use \"[]\" to specify the empty set" },
    { FLOOD, "\"1\"", "\"\"1\"\" is not a valid integer or range" },
    { FLOOD, "1:2", "1:2: unexpected \":\" parsing set of up to 4096 "
      "integers" },
    { FLOOD, "0-9223372036854775807", "constraint violation: "
      "9223372036854775807 is not in the valid range 0 to 4095 "
      "(inclusive)" },
    { OPTINT, "1-2", "1-2: 2 value(s) specified but the maximum number is "
      "1" },
    { OPTINT, "99999999999999999999", "\"99999999999999999999\" is not a "
      "valid integer or range" },
    { OPTINT, "-9223372036854775808", "-9223372036854775808" },
    { OPTINT, "[]", "[]" },
    { "\"integer\"", "1-3", "1-3: 3 value(s) specified but the maximum "
      "number is 1" },
    { "\"integer\"", "[]", "[]: 0 value(s) specified but the minimum number "
      "is 1" },
    { SSMAP, "{a=b, c=d}", "{a=b, c=d}" },
    { SSMAP, "a=b, c=\"d e\"", "{a=b, c=\"d e\"}" },
    { SSMAP, "{a=b,a=c}", "{a=b,a=c}: map contains duplicate key" },
    { SSMAP, "{a}", "a}: syntax error at \"}\" expecting \"=\"" },
    { SSMAP, "{=b}", "{=b}: unexpected \"=\" parsing map of (string, string) "
      "pairs" },
    { SSMAP, "{a=}", "An empty string is not valid as input; use \"\" to "
      "represent the empty string" },
    { SSMAP, "{\"a\\u0041\"=\"\\n\"}", "{aA=\"\\n\"}" },
    { SSMAP, "{\"abc}", "\"abc}: quoted string extends past end of "
      "argument" },
    { SSMAP, "{a=b", "{a=b: missing \"}\" at end of data" },
    { SSMAP, "{a=b}x", "{a=b}x: trailing garbage after \"}\"" },
    { SSMAP, "[a=b]", "[a=b]: unexpected \"[\" parsing map of (string, "
      "string) pairs" },
    { SSMAP, "{a=b c}", "c}: syntax error at \"}\" expecting \"=\"" },
    { SSMAP, "{a=b\"c}", "b\"c}: quoted string extends past end of "
      "argument" },
    { SSMAP, "{a=b\\c, d=e(f)}", "{a=bc, d=\"e(f)\"}" },
    { SSMAP, "{a\t=\tb}", "{\"a\\t\"=b}" },
    { SSMAP, "{ }", "{}" },
    { SSMAP, " {a=b} ", "{a=b}" },
    { SSMAP, "  ", "use \"{}\" to specify the empty map" },
    { SSMAP, "a", "a: syntax error at \"" },
    { SSMAP, "{a=[b]}", "An empty string is not valid as input; use \"\" to "
      "represent the empty string" },
    { SSMAP, "{a=b=c}", "{a=b=c}: unexpected \"=\" parsing map of (string, "
      "string) pairs" },
    { SSMAP, "{a=\"b\"c}", "\"b\"c: missing quote at end of quoted string" },
    { SSMAP, "{a,b}", "a,b}: syntax error at \",\" expecting \"=\"" },
    { SSMAP, "{a=b,}", "{a=b}" },
    { SSMAP, "a=b}", "a=b}: unexpected \"}\" parsing map of (string, "
      "string) pairs" },
    { SSMAP, "{\"a\"=\"b\\qc\"}", "\"b\\qc\": bad escape \\q" },
    { SSMAP, "{\"\\ud800\"=x}", "\"\\ud800\": malformed escaped surrogate "
      "pair" },
    { SSMAP, "{\"\\ud83d\\ude00\"=x}", "{\"\xf0\x9f\x98\x80\"=x}" },
    { SSMAP, "{\"a\\u0000\"=x}", "\"a\\u0000\": null bytes not supported in "
      "quoted strings" },
    { SSMAP, "{\"a\\/b\"=x}", "{\"a/b\"=x}" },
    { SSMAP, "{a=\xff}", "\xff: invalid UTF-8 in string" },
    { SIMAP, "{a=}", "\"\" is not a valid integer or range" },
    { SIMAP, "{a=1-2}", "\"1-2\" is not a valid integer or range" },
    { SIMAP, "{a=1,b=2}", "{a=1, b=2}" },
    { "\"boolean\"", "yes", "true" },
    { "\"boolean\"", "on", "true" },
    { "\"boolean\"", "1", "true" },
    { "\"boolean\"", "off", "false" },
    { "\"boolean\"", "True", "\"True\" is not a valid boolean (use \"true\" "
      "or \"false\")" },
    { "\"boolean\"", "true,false", "true,false: 2 value(s) specified but "
      "the maximum number is 1" },
    { "\"uuid\"", "xyz", "\"xyz\" is not a valid UUID" },
    { "\"uuid\"", U1, U1 },
    { FAILMODE, "bad", "constraint violation: bad is not one of the allowed "
      "values ([secure, standalone])" },
    { FAILMODE, "\"secure\"x", "\"secure\"x: missing quote at end of quoted "
      "string" },
    { FAILMODE, "secure,standalone", "secure,standalone: 2 value(s) "
      "specified but the maximum number is 1" },
    { FAILMODE, "\"secure", "\"secure: quoted string extends past end of "
      "argument" },
    { FAILMODE, "[]", "[]" },
    { FAILMODE, "\"secure\"", "secure" },
    { "\"string\"", "a b", "a b: 2 value(s) specified but the maximum "
      "number is 1" },
    { "\"string\"", "\"\"", "\"\"" },
    { "\"string\"", "[a]", "a" },
    { "\"string\"", "{a}", "{a}: unexpected \"{\" parsing string" },
    { "\"string\"", "  x  ", "x" },
    { "\"string\"", "a\\", "a\\: backslash at end of argument" },
    { "\"string\"", "\"a\\\"", "\"a\\\": quoted string extends past end of "
      "argument" },
    { "\"string\"", "a\\ b", "\"a b\"" },
    { "\"string\"", "a\"b c\"d", "\"a\\\"b c\\\"d\"" },
    { "\"string\"", "a:b", "a:b: unexpected \":\" parsing string" },
    { "\"real\"", "2.5", "2.5" },
    { "\"real\"", "1e15", "1e+15" },
    { "\"real\"", "x", "\"x\" is not a valid real number" },
    { STRSET, "a:b", "a:b: unexpected \":\" parsing set of strings" },
    { STRSET, "[a b] ", "[a, b]" },
};

static void
test_from_string(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(string_cases); i++) {
        const struct string_case *c = &string_cases[i];
        struct ovsdb_datum datum;
        struct ovsdb_type type;
        char *s;

        parse_type(&type, c->type);
        s = ovsdb_datum_from_string(&datum, &type, c->input, NULL);
        if (!s) {
            s = datum_to_string(&datum, &type);
            ovsdb_datum_destroy(&datum, &type);
        }
        if (strcmp(s, c->result)) {
            fail_msg("type %s input [%s]:\n got      %s\n expected %s",
                     c->type, c->input, s, c->result);
        }
        free(s);
        ovsdb_type_destroy(&type);
    }
}

static void
test_to_bare(void **state OVS_UNUSED)
{
    struct ovsdb_datum datum;
    struct ovsdb_type type;
    struct ds s = DS_EMPTY_INITIALIZER;
    char *error;

    /* As `ovs-vsctl --bare` prints. */
    parse_type(&type, SSMAP);
    error = ovsdb_datum_from_string(&datum, &type,
                                    "{a=\"x y\", b=\"true\", \"c=d\"=1}",
                                    NULL);
    assert_null(error);
    ovsdb_datum_to_bare(&datum, &type, &s);
    assert_string_equal(ds_cstr(&s), "a=x y b=true c=d=1");
    ovsdb_datum_destroy(&datum, &type);
    ovsdb_type_destroy(&type);

    ds_clear(&s);
    parse_type(&type, FLOOD);
    error = ovsdb_datum_from_string(&datum, &type, "1-3", NULL);
    assert_null(error);
    ovsdb_datum_to_bare(&datum, &type, &s);
    assert_string_equal(ds_cstr(&s), "1 2 3");
    ovsdb_datum_destroy(&datum, &type);
    ovsdb_type_destroy(&type);
    ds_destroy(&s);
}

/* Reals print like OVS ("%.15g"). */
static void
test_real_display(void **state OVS_UNUSED)
{
    static const struct {
        double d;
        const char *s;
    } cases[] = {
        { 1e-300, "1e-300" }, { 0.30000000000000004, "0.3" },
        { 1.0 / 3, "0.333333333333333" }, { 123456789012345.67,
                                            "123456789012346" },
        { 1e15, "1e+15" }, { 9007199254740993.0, "9.00719925474099e+15" },
        { 1.5e300, "1.5e+300" }, { -2, "-2" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ds s = DS_EMPTY_INITIALIZER;
        union ovsdb_atom atom = { .real = cases[i].d };

        ovsdb_atom_to_string(&atom, OVSDB_TYPE_REAL, &s);
        assert_string_equal(ds_cstr(&s), cases[i].s);
        ds_destroy(&s);
    }
}

/* Set and map operations. */

static void
datum_from(struct ovsdb_datum *datum, const struct ovsdb_type *type,
           const char *json_s)
{
    json_t *json = parse_json(json_s);
    struct ovsdb_error *error = ovsdb_datum_from_json_relaxed(datum, type,
                                                              json, NULL);
    json_decref(json);
    if (error) {
        fail_msg("%s: %s", json_s, ovsdb_error_to_string_free(error));
    }
}

static void
assert_datum(const struct ovsdb_datum *datum, const struct ovsdb_type *type,
             const char *expected)
{
    char *s = dump_free(ovsdb_datum_to_json(datum, type));
    if (strcmp(s, expected)) {
        fail_msg("got %s, expected %s", s, expected);
    }
    free(s);
}

static void
test_union_subtract(void **state OVS_UNUSED)
{
    struct ovsdb_type set, map, keys;
    struct ovsdb_datum a, b;

    parse_type(&set, INTSET);
    parse_type(&map, SSMAP);
    parse_type(&keys, STRSET);

    datum_from(&a, &set, "[\"set\",[1,3,5]]");
    datum_from(&b, &set, "[\"set\",[0,3,4,9]]");
    ovsdb_datum_union(&a, &b, &set);
    assert_datum(&a, &set, "[\"set\",[0,1,3,4,5,9]]");
    assert_true(ovsdb_datum_includes_all(&a, &b, &set));
    ovsdb_datum_subtract(&a, &set, &b, &set);
    assert_datum(&a, &set, "[\"set\",[1,5]]");
    assert_true(ovsdb_datum_excludes_all(&a, &b, &set));
    assert_false(ovsdb_datum_includes_all(&a, &b, &set));
    ovsdb_datum_destroy(&a, &set);
    ovsdb_datum_destroy(&b, &set);

    /* Map insert keeps existing values; delete by pair or by key. */
    datum_from(&a, &map, "[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]");
    datum_from(&b, &map, "[\"map\",[[\"a\",\"9\"],[\"c\",\"3\"]]]");
    ovsdb_datum_union(&a, &b, &map);
    assert_datum(&a, &map,
                 "[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"3\"]]]");
    assert_false(ovsdb_datum_includes_all(&a, &b, &map));
    ovsdb_datum_subtract(&a, &map, &b, &map);   /* Only c=3 matches. */
    assert_datum(&a, &map, "[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]");
    ovsdb_datum_destroy(&b, &map);
    datum_from(&b, &keys, "[\"set\",[\"a\",\"z\"]]");
    assert_false(ovsdb_datum_excludes_all(&a, &b, &map));
    ovsdb_datum_subtract(&a, &map, &b, &keys);
    assert_datum(&a, &map, "[\"map\",[[\"b\",\"2\"]]]");
    ovsdb_datum_destroy(&a, &map);
    ovsdb_datum_destroy(&b, &keys);

    ovsdb_type_destroy(&set);
    ovsdb_type_destroy(&map);
    ovsdb_type_destroy(&keys);
}

static void
test_large_union_is_linear(void **state OVS_UNUSED)
{
    struct ovsdb_type set;
    struct ovsdb_datum a, b;
    const unsigned int n = 200000;

    parse_type(&set, INTSET);
    a.n = b.n = n;
    a.keys = xmalloc(n * sizeof *a.keys);
    b.keys = xmalloc(n * sizeof *b.keys);
    a.values = b.values = NULL;
    for (unsigned int i = 0; i < n; i++) {
        a.keys[i].integer = 2 * i;
        b.keys[i].integer = 2 * i + 1;
    }
    ovsdb_datum_union(&a, &b, &set);
    assert_int_equal(a.n, 2 * n);
    for (unsigned int i = 0; i < a.n; i++) {
        assert_int_equal(a.keys[i].integer, i);
    }
    ovsdb_datum_subtract(&a, &set, &b, &set);
    assert_int_equal(a.n, n);
    assert_int_equal(ovsdb_datum_find_key(&a, &(union ovsdb_atom)
                                          { .integer = 2 * 777 },
                                          OVSDB_TYPE_INTEGER), 777);
    assert_int_equal(ovsdb_datum_find_key(&a, &(union ovsdb_atom)
                                          { .integer = 3 },
                                          OVSDB_TYPE_INTEGER), UINT_MAX);
    ovsdb_datum_destroy(&a, &set);
    ovsdb_datum_destroy(&b, &set);
    ovsdb_type_destroy(&set);
}

struct diff_case {
    const char *type;
    const char *old, *new, *diff;
};

static const struct diff_case diff_cases[] = {
    { INTSET, "[\"set\",[1,2,3]]", "[\"set\",[2,3,4]]", "[\"set\",[1,4]]" },
    { INTSET, "[\"set\",[]]", "[\"set\",[]]", "[\"set\",[]]" },
    /* Columns of at most one value carry the new value, as OVS sends
     * them: an optional column is cleared by ["set", []]. */
    { OPTINT, "1", "2", "2" },
    { OPTINT, "1", "[\"set\",[]]", "[\"set\",[]]" },
    { OPTINT, "[\"set\",[]]", "7", "7" },
    { "\"string\"", "\"a\"", "\"b\"", "\"b\"" },
    { SSMAP, "[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"3\"]]]",
      "[\"map\",[[\"b\",\"2\"],[\"c\",\"9\"],[\"d\",\"4\"]]]",
      "[\"map\",[[\"a\",\"1\"],[\"c\",\"9\"],[\"d\",\"4\"]]]" },
};

static void
test_diff(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(diff_cases); i++) {
        const struct diff_case *c = &diff_cases[i];
        struct ovsdb_datum old, new, diff, applied;
        struct ovsdb_type type;

        parse_type(&type, c->type);
        datum_from(&old, &type, c->old);
        datum_from(&new, &type, c->new);
        ovsdb_datum_diff(&diff, &old, &new, &type);
        assert_datum(&diff, &type, c->diff);
        assert_null(ovsdb_datum_apply_diff(&applied, &old, &diff, &type));
        assert_true(ovsdb_datum_equals(&applied, &new, &type));
        assert_null(ovsdb_datum_apply_diff_in_place(&old, &diff, &type));
        assert_true(ovsdb_datum_equals(&old, &new, &type));

        ovsdb_datum_destroy(&applied, &type);
        ovsdb_datum_destroy(&diff, &type);
        ovsdb_datum_destroy(&old, &type);
        ovsdb_datum_destroy(&new, &type);
        ovsdb_type_destroy(&type);
    }
}

static void
test_apply_diff_checks_type(void **state OVS_UNUSED)
{
    struct ovsdb_datum old, diff, new;
    struct ovsdb_type type;
    struct ovsdb_error *error;

    parse_type(&type, "{\"key\":\"integer\",\"min\":0,\"max\":2}");
    datum_from(&old, &type, "[\"set\",[1,2]]");
    datum_from(&diff, &type, "3");  /* {1,2} xor {3} = 3 elements. */
    error = ovsdb_datum_apply_diff_in_place(&old, &diff, &type);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "constraint violation");
    ovsdb_error_destroy(error);
    assert_datum(&old, &type, "[\"set\",[1,2]]");  /* Unchanged. */
    (void) new;
    ovsdb_datum_destroy(&old, &type);
    ovsdb_datum_destroy(&diff, &type);
    ovsdb_type_destroy(&type);
}

/* Rows sort like `ovsdb-client dump`: fewer elements first. */
static void
test_compare_3way(void **state OVS_UNUSED)
{
    static const char *const order[] = {
        "[\"set\",[]]", "1", "5", "6", "[\"set\",[0,9]]", "[\"set\",[1,2]]",
    };
    struct ovsdb_type type;

    parse_type(&type, INTSET);
    for (size_t i = 0; i + 1 < ARRAY_SIZE(order); i++) {
        struct ovsdb_datum a, b;

        datum_from(&a, &type, order[i]);
        datum_from(&b, &type, order[i + 1]);
        assert_true(ovsdb_datum_compare_3way(&a, &b, &type) < 0);
        assert_true(ovsdb_datum_compare_3way(&b, &a, &type) > 0);
        assert_int_equal(ovsdb_datum_compare_3way(&a, &a, &type), 0);
        assert_int_not_equal(ovsdb_datum_hash(&a, &type, 0),
                             ovsdb_datum_hash(&b, &type, 0));
        ovsdb_datum_destroy(&a, &type);
        ovsdb_datum_destroy(&b, &type);
    }
    ovsdb_type_destroy(&type);
}

static void
test_defaults(void **state OVS_UNUSED)
{
    static const struct {
        const char *type, *json;
    } cases[] = {
        { "\"integer\"", "0" }, { "\"real\"", "0" },
        { "\"boolean\"", "false" }, { "\"string\"", "\"\"" },
        { "\"uuid\"", "[\"uuid\",\"00000000-0000-0000-0000-000000000000\"]" },
        { INTSET, "[\"set\",[]]" }, { SSMAP, "[\"map\",[]]" },
        { "{\"key\":\"string\",\"value\":\"integer\"}",
          "[\"map\",[[\"\",0]]]" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ovsdb_type type;
        struct ovsdb_datum datum;

        parse_type(&type, cases[i].type);
        ovsdb_datum_init_default(&datum, &type);
        assert_true(ovsdb_datum_is_default(&datum, &type));
        assert_datum(&datum, &type, cases[i].json);
        ovsdb_datum_destroy(&datum, &type);
        ovsdb_type_destroy(&type);
    }
}

static void
test_error_object(void **state OVS_UNUSED)
{
    json_t *syntax = parse_json("[1,2]");
    struct ovsdb_error *error, *copy, *back;
    char *s;

    error = ovsdb_syntax_error(syntax, NULL, "bad %s", "thing");
    error = ovsdb_wrap_error(error, "while parsing %d", 3);
    s = ovsdb_error_to_string(error);
    assert_string_equal(s, "syntax \"[1,2]\": syntax error: while parsing 3: "
                        "bad thing");
    free(s);
    copy = ovsdb_error_clone(error);
    s = dump_free(ovsdb_error_to_json_free(error));
    assert_string_equal(s, "{\"details\":\"while parsing 3: bad thing\","
                        "\"error\":\"syntax error\",\"syntax\":\"[1,2]\"}");
    {
        json_t *j = parse_json(s);
        back = ovsdb_error_from_json(j);
        json_decref(j);
    }
    assert_string_equal(ovsdb_error_get_tag(back), "syntax error");
    assert_string_equal(ovsdb_error_get_details(back),
                        "while parsing 3: bad thing");
    assert_non_null(ovsdb_error_get_syntax(back));
    free(s);
    ovsdb_error_destroy(back);
    ovsdb_error_destroy(copy);

    error = ovsdb_io_error(2, "%s: open failed", "/x.db");
    s = ovsdb_error_to_string_free(error);
    assert_string_equal(s, "I/O error: /x.db: open failed (No such file or "
                        "directory)");
    free(s);
    assert_null(ovsdb_wrap_error(NULL, "x"));
    assert_null(ovsdb_error_clone(NULL));
    ovsdb_error_destroy(NULL);
    json_decref(syntax);
}

/* Every JSON value against every type: errors or values, never crashes
 * (run under ASan/UBSan in the sanitizer build). */
static void
test_hostile_json(void **state OVS_UNUSED)
{
    static const char *const types[] = {
        "\"integer\"", "\"real\"", "\"boolean\"", "\"string\"", "\"uuid\"",
        INTSET, STRSET, UUIDSET, SSMAP, M12, IE, OPTINT, FAILMODE,
    };
    static const char *const values[] = {
        "null", "true", "false", "0", "-1", "1.5", "1e308", "-1e308",
        "9223372036854775807", "\"\"", "\"x\"", "[]", "{}", "[[]]",
        "[\"set\"]", "[\"set\",null]", "[\"set\",[null]]", "[\"map\"]",
        "[\"map\",[[]]]", "[\"map\",[[1,2,3]]]", "[\"map\",[[null,null]]]",
        "[\"map\",[[\"a\",\"x\"],[\"a\",\"y\"]]]", "[\"uuid\"]",
        "[\"uuid\",null]", "[\"uuid\",\"" U1 "\"]", "[\"named-uuid\",\"n\"]",
        "[\"set\",[[\"uuid\",\"" U1 "\"],[\"uuid\",\"" U1 "\"]]]",
        "[\"set\",[1,2,3,4,5,6,7,8,9]]", "[\"set\",[\"b\",\"a\",\"a\"]]",
        "{\"set\":[]}", "[\"set\",[],[]]", "[1,2]", "[\"map\",{}]",
    };
    struct ovsdb_symbol_table *symtab = ovsdb_symbol_table_create();

    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        struct ovsdb_type type;

        parse_type(&type, types[i]);
        for (size_t j = 0; j < ARRAY_SIZE(values); j++) {
            json_t *json = parse_json(values[j]);
            struct ovsdb_datum datum;
            struct ovsdb_error *error;

            for (int relaxed = 0; relaxed < 2; relaxed++) {
                error = (relaxed
                         ? ovsdb_datum_from_json_relaxed(&datum, &type, json,
                                                         symtab)
                         : ovsdb_datum_from_json(&datum, &type, json,
                                                 symtab));
                if (error) {
                    json_t *ej = ovsdb_error_to_json_free(error);
                    assert_non_null(json_object_get(ej, "error"));
                    json_decref(ej);
                } else {
                    char *s = datum_to_string(&datum, &type);
                    struct ovsdb_datum back;
                    char *err = ovsdb_datum_from_string(&back, &type, s,
                                                        symtab);
                    /* Display output reads back (to the same display,
                     * as reals print with 15 digits) within bounds. */
                    if (!relaxed) {
                        char *s2;

                        if (err) {
                            fail_msg("%s %s: %s", types[i], values[j], err);
                        }
                        s2 = datum_to_string(&back, &type);
                        assert_string_equal(s, s2);
                        free(s2);
                        ovsdb_datum_destroy(&back, &type);
                    } else if (!err) {
                        ovsdb_datum_destroy(&back, &type);
                    }
                    free(err);
                    free(s);
                    json_decref(ovsdb_datum_to_json(&datum, &type));
                    ovsdb_datum_destroy(&datum, &type);
                }
            }
            json_decref(json);
        }
        ovsdb_type_destroy(&type);
    }
    ovsdb_symbol_table_destroy(symtab);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_canonical_and_english),
        cmocka_unit_test(test_type_errors),
        cmocka_unit_test(test_datum_json),
        cmocka_unit_test(test_named_uuid),
        cmocka_unit_test(test_display_strings),
        cmocka_unit_test(test_from_string),
        cmocka_unit_test(test_to_bare),
        cmocka_unit_test(test_real_display),
        cmocka_unit_test(test_union_subtract),
        cmocka_unit_test(test_large_union_is_linear),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_apply_diff_checks_type),
        cmocka_unit_test(test_compare_3way),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_error_object),
        cmocka_unit_test(test_hostile_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
