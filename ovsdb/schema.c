/* schema: OVSDB database schemas: parsing with every check OVS makes (and
 * its messages), writing the JSON `ovsdb-client get-schema` returns,
 * reading schema files, cloning and comparing. */
#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

bool
ovsdb_is_identifier(const char *name)
{
    if (!isalpha((unsigned char) name[0]) && name[0] != '_') {
        return false;
    }
    for (const char *p = name + 1; *p; p++) {
        if (!isalnum((unsigned char) *p) && *p != '_') {
            return false;
        }
    }
    return true;
}

/* Parses "x.y.z" the way OVS does (sscanf "%u.%u.%u", so leading blanks
 * and signs are tolerated, trailing garbage is not). */
static bool
parse_version(const char *s, unsigned int v[3])
{
    int n = -1;

    return (sscanf(s, "%u.%u.%u%n", &v[0], &v[1], &v[2], &n) == 3
            && n >= 0 && (size_t) n == strlen(s));
}

bool
ovsdb_is_valid_version(const char *s)
{
    unsigned int v[3];
    return parse_version(s, v);
}

int
ovsdb_version_compare(const char *a, const char *b)
{
    unsigned int va[3], vb[3];
    bool ok_a = parse_version(a, va), ok_b = parse_version(b, vb);

    if (!ok_a || !ok_b) {
        return ok_a - ok_b;
    }
    for (int i = 0; i < 3; i++) {
        if (va[i] != vb[i]) {
            return va[i] < vb[i] ? -1 : 1;
        }
    }
    return 0;
}

struct ovsdb_schema *
ovsdb_schema_create(const char *name, const char *version, const char *cksum)
{
    struct ovsdb_schema *schema = xzalloc(sizeof *schema);

    schema->name = xstrdup(name);
    schema->version = xstrdup(version ? version : "");
    schema->cksum = nullable_xstrdup(cksum);
    shash_init(&schema->tables);
    return schema;
}

void
ovsdb_schema_destroy(struct ovsdb_schema *schema)
{
    struct shash_node *node;

    if (!schema) {
        return;
    }
    SHASH_FOR_EACH (node, &schema->tables) {
        ovsdb_table_schema_destroy(node->data);
    }
    shash_destroy(&schema->tables);
    free(schema->name);
    free(schema->version);
    free(schema->cksum);
    free(schema);
}

struct ovsdb_table_schema *
ovsdb_schema_get_table(const struct ovsdb_schema *schema, const char *name)
{
    return shash_find_data(&schema->tables, name);
}

static struct ovsdb_error *
resolve_ref(const struct ovsdb_schema *schema,
            const struct ovsdb_column *column, struct ovsdb_base_type *base,
            const char *which)
{
    if (base->type == OVSDB_TYPE_UUID && base->uuid.ref_table_name) {
        base->uuid.ref_table = ovsdb_schema_get_table(
            schema, base->uuid.ref_table_name);
        if (!base->uuid.ref_table) {
            return ovsdb_syntax_error(NULL, NULL, "column %s %s refers to "
                                      "undefined table %s", column->name,
                                      which, base->uuid.ref_table_name);
        }
    }
    return NULL;
}

/* Points every reference base type in SCHEMA at its target table. */
static struct ovsdb_error *
resolve_refs(struct ovsdb_schema *schema)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_table_schema *table = node->data;

        for (size_t i = 0; i < table->n_columns; i++) {
            struct ovsdb_column *column = table->columns_by_index[i];
            struct ovsdb_error *error;

            error = resolve_ref(schema, column, &column->type.key, "key");
            if (!error) {
                error = resolve_ref(schema, column, &column->type.value,
                                    "value");
            }
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

static struct ovsdb_error *
parse_tables(struct ovsdb_schema *schema, const json_t *json,
             const json_t *tables)
{
    const char *name;
    json_t *value;
    bool any_root = false;
    struct shash_node *node;

    json_object_foreach ((json_t *) tables, name, value) {
        struct ovsdb_table_schema *table;
        struct ovsdb_error *error;

        if (name[0] == '_') {
            return ovsdb_syntax_error(json, NULL, "names beginning with "
                                      "\"_\" are reserved");
        } else if (!ovsdb_is_identifier(name)) {
            return ovsdb_syntax_error(json, NULL,
                                      "name must be a valid id");
        }
        error = ovsdb_table_schema_from_json(value, name, &table);
        if (error) {
            return error;
        }
        shash_add(&schema->tables, name, table);
        any_root |= table->is_root;
    }

    /* Schemas from before "isRoot" existed have no root table: then every
     * table is a root, i.e. nothing is garbage collected. */
    if (!any_root) {
        SHASH_FOR_EACH (node, &schema->tables) {
            struct ovsdb_table_schema *table = node->data;
            table->is_root = true;
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_schema_from_json(const json_t *json, struct ovsdb_schema **schemap)
{
    const json_t *name, *version, *cksum, *tables;
    struct ovsdb_schema *schema;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    *schemap = NULL;
    ovsdb_parser_init(&parser, json, "database schema");
    name = ovsdb_parser_member(&parser, "name", OP_ID);
    version = ovsdb_parser_member(&parser, "version",
                                  OP_STRING | OP_OPTIONAL);
    cksum = ovsdb_parser_member(&parser, "cksum", OP_STRING | OP_OPTIONAL);
    tables = ovsdb_parser_member(&parser, "tables", OP_OBJECT);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (version && !ovsdb_is_valid_version(json_string_value(version))) {
        return ovsdb_syntax_error(json, NULL, "schema version \"%s\" not in "
                                  "format x.y.z",
                                  json_string_value(version));
    }

    schema = ovsdb_schema_create(json_string_value(name),
                                 version ? json_string_value(version) : NULL,
                                 cksum ? json_string_value(cksum) : NULL);
    error = parse_tables(schema, json, tables);
    if (!error) {
        error = resolve_refs(schema);
    }
    if (error) {
        ovsdb_schema_destroy(schema);
        return error;
    }
    *schemap = schema;
    return NULL;
}

struct ovsdb_error *
ovsdb_schema_from_file(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    json_error_t jerror;
    json_t *json;
    char *text;
    size_t len;
    int retval;

    *schemap = NULL;
    retval = read_whole_file(file_name, &text, &len);
    if (retval) {
        return ovsdb_error("failed to read schema", "\"%s\" could not be "
                           "read as JSON (error opening \"%s\": %s)",
                           file_name, file_name, ovs_strerror(retval));
    }
    json = json_loadb(text, len, JSON_DECODE_ANY, &jerror);
    free(text);
    if (!json) {
        return ovsdb_error("failed to read schema", "\"%s\" could not be "
                           "read as JSON (line %d, column %d, byte %d: %s)",
                           file_name, jerror.line, jerror.column,
                           jerror.position, jerror.text);
    }
    error = ovsdb_schema_from_json(json, schemap);
    json_decref(json);
    return ovsdb_wrap_error(error, "failed to parse \"%s\" as ovsdb schema",
                            file_name);
}

json_t *
ovsdb_schema_to_json(const struct ovsdb_schema *schema)
{
    json_t *json = json_object();
    json_t *tables = json_object();
    bool default_is_root = true;
    struct shash_node *node;

    /* "isRoot" is written only where it differs from the default, which is
     * true when every table is a root (see parse_tables()). */
    SHASH_FOR_EACH (node, &schema->tables) {
        const struct ovsdb_table_schema *table = node->data;
        default_is_root &= table->is_root;
    }

    json_object_set_new(json, "name", json_string(schema->name));
    if (schema->version[0]) {
        json_object_set_new(json, "version", json_string(schema->version));
    }
    if (schema->cksum) {
        json_object_set_new(json, "cksum", json_string(schema->cksum));
    }
    SHASH_FOR_EACH (node, &schema->tables) {
        json_object_set_new(tables, node->name,
                            ovsdb_table_schema_to_json(node->data,
                                                       default_is_root));
    }
    json_object_set_new(json, "tables", tables);
    return json;
}

struct ovsdb_schema *
ovsdb_schema_clone(const struct ovsdb_schema *old)
{
    struct ovsdb_schema *new;
    struct shash_node *node;
    struct ovsdb_error *error;

    new = ovsdb_schema_create(old->name, old->version, old->cksum);
    SHASH_FOR_EACH (node, &old->tables) {
        shash_add(&new->tables, node->name,
                  ovsdb_table_schema_clone(node->data));
    }
    error = resolve_refs(new);
    if (error) {
        /* Cannot happen: OLD's references were resolved. */
        ovsdb_error_destroy(error);
    }
    return new;
}

bool
ovsdb_schema_equal(const struct ovsdb_schema *a,
                   const struct ovsdb_schema *b)
{
    json_t *ja = ovsdb_schema_to_json(a);
    json_t *jb = ovsdb_schema_to_json(b);
    bool equal = json_equal(ja, jb);

    json_decref(ja);
    json_decref(jb);
    return equal;
}
