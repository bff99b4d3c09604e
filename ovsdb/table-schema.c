/* table-schema: the schema of one OVSDB table (RFC 7047 <table-schema>):
 * parsing with OVS's checks and messages, writing in OVS's form, and the
 * implicit "_uuid" and "_version" columns. */
#include "table-schema.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb-types.h"
#include "schema.h"
#include "util.h"

static void
add_std_column(struct ovsdb_table_schema *table, const char *name)
{
    struct ovsdb_type type;

    ovsdb_type_init(&type, OVSDB_TYPE_UUID);
    ovsdb_table_schema_add_column(table,
                                  ovsdb_column_create(name, false, true,
                                                      &type));
    ovsdb_type_destroy(&type);
}

struct ovsdb_table_schema *
ovsdb_table_schema_create(const char *name, bool is_root,
                          unsigned int max_rows)
{
    struct ovsdb_table_schema *table = xzalloc(sizeof *table);

    table->name = xstrdup(name);
    table->mutable_ = true;
    table->is_root = is_root;
    table->max_rows = max_rows;
    shash_init(&table->columns);
    table->columns_by_index = NULL;
    table->n_columns = 0;
    table->indexes = NULL;
    table->n_indexes = 0;

    add_std_column(table, "_uuid");
    add_std_column(table, "_version");
    return table;
}

void
ovsdb_table_schema_add_column(struct ovsdb_table_schema *table,
                              struct ovsdb_column *column)
{
    column->index = table->n_columns;
    table->columns_by_index = xrealloc(table->columns_by_index,
                                       (table->n_columns + 1)
                                       * sizeof *table->columns_by_index);
    table->columns_by_index[table->n_columns++] = column;
    shash_add(&table->columns, column->name, column);
}

struct ovsdb_table_schema *
ovsdb_table_schema_clone(const struct ovsdb_table_schema *old)
{
    struct ovsdb_table_schema *new;

    new = ovsdb_table_schema_create(old->name, old->is_root, old->max_rows);
    new->mutable_ = old->mutable_;
    for (size_t i = OVSDB_N_STD_COLUMNS; i < old->n_columns; i++) {
        struct ovsdb_column *column;

        column = ovsdb_column_clone(old->columns_by_index[i]);
        ovsdb_table_schema_add_column(new, column);
    }

    new->n_indexes = old->n_indexes;
    new->indexes = (old->n_indexes
                    ? xcalloc(old->n_indexes, sizeof *new->indexes)
                    : NULL);
    for (size_t i = 0; i < old->n_indexes; i++) {
        const struct ovsdb_column_set *old_index = &old->indexes[i];
        struct ovsdb_column_set *new_index = &new->indexes[i];

        ovsdb_column_set_init(new_index);
        for (size_t j = 0; j < old_index->n_columns; j++) {
            unsigned int idx = old_index->columns[j]->index;
            ovsdb_column_set_add(new_index, new->columns_by_index[idx]);
        }
    }
    return new;
}

void
ovsdb_table_schema_destroy(struct ovsdb_table_schema *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->n_indexes; i++) {
        ovsdb_column_set_destroy(&table->indexes[i]);
    }
    free(table->indexes);
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_column_destroy(table->columns_by_index[i]);
    }
    free(table->columns_by_index);
    shash_destroy(&table->columns);
    free(table->name);
    free(table);
}

const struct ovsdb_column *
ovsdb_table_schema_get_column(const struct ovsdb_table_schema *table,
                              const char *name)
{
    return shash_find_data(&table->columns, name);
}

static struct ovsdb_error *
parse_columns(struct ovsdb_table_schema *table, const json_t *json,
              const json_t *columns)
{
    const struct shash_node **sorted;
    struct shash names = SHASH_INITIALIZER(&names);
    struct ovsdb_error *error = NULL;
    const char *name;
    json_t *value;

    if (!json_object_size(columns)) {
        return ovsdb_syntax_error(json, NULL,
                                  "table must have at least one column");
    }

    /* Add the columns in name order so that column indexes do not depend
     * on the order of the schema file. */
    json_object_foreach ((json_t *) columns, name, value) {
        shash_add(&names, name, value);
    }
    sorted = shash_sort(&names);
    for (size_t i = 0; i < shash_count(&names); i++) {
        struct ovsdb_column *column;

        name = sorted[i]->name;
        if (name[0] == '_') {
            error = ovsdb_syntax_error(json, NULL, "names beginning with "
                                       "\"_\" are reserved");
        } else if (!ovsdb_is_identifier(name)) {
            error = ovsdb_syntax_error(json, NULL,
                                       "name must be a valid id");
        } else {
            error = ovsdb_column_from_json(sorted[i]->data, name, &column);
        }
        if (error) {
            break;
        }
        ovsdb_table_schema_add_column(table, column);
        if (!column->mutable_) {
            table->mutable_ = false;
        }
    }
    free(sorted);
    shash_destroy(&names);
    return error;
}

static struct ovsdb_error *
parse_indexes(struct ovsdb_table_schema *table, const json_t *json,
              const json_t *indexes)
{
    size_t n = json_array_size(indexes);

    table->indexes = n ? xcalloc(n, sizeof *table->indexes) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_column_set *index = &table->indexes[i];
        struct ovsdb_error *error;

        ovsdb_column_set_init(index);
        table->n_indexes++;
        error = ovsdb_column_set_from_json(json_array_get(indexes, i),
                                           table, index);
        if (error) {
            return error;
        }
        if (!index->n_columns) {
            return ovsdb_syntax_error(json, NULL,
                                      "index must have at least one column");
        }
        for (size_t j = 0; j < index->n_columns; j++) {
            const struct ovsdb_column *column = index->columns[j];
            if (!column->persistent) {
                return ovsdb_syntax_error(json, NULL, "ephemeral columns "
                                          "(such as %s) may not be indexed",
                                          column->name);
            }
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_table_schema_from_json(const json_t *json, const char *name,
                             struct ovsdb_table_schema **tablep)
{
    const json_t *columns, *max_rows, *is_root, *indexes;
    struct ovsdb_table_schema *table;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;
    unsigned int n_max_rows = UINT_MAX;
    int64_t n;

    *tablep = NULL;
    ovsdb_parser_init(&parser, json, "table schema for table %s", name);
    columns = ovsdb_parser_member(&parser, "columns", OP_OBJECT);
    max_rows = ovsdb_parser_member(&parser, "maxRows",
                                   OP_INTEGER | OP_OPTIONAL);
    is_root = ovsdb_parser_member(&parser, "isRoot", OP_BOOLEAN | OP_OPTIONAL);
    indexes = ovsdb_parser_member(&parser, "indexes", OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (max_rows && ovsdb_json_get_integer(max_rows, &n)) {
        if (n < 1) {
            return ovsdb_syntax_error(json, NULL,
                                      "maxRows must be at least 1");
        }
        n_max_rows = n > UINT_MAX ? UINT_MAX : n;
    }

    table = ovsdb_table_schema_create(name, is_root && json_is_true(is_root),
                                      n_max_rows);
    error = parse_columns(table, json, columns);
    if (!error && indexes) {
        error = parse_indexes(table, json, indexes);
    }
    if (error) {
        ovsdb_table_schema_destroy(table);
        return error;
    }
    *tablep = table;
    return NULL;
}

json_t *
ovsdb_table_schema_to_json(const struct ovsdb_table_schema *table,
                           bool default_is_root)
{
    json_t *json = json_object();
    json_t *columns = json_object();

    for (size_t i = OVSDB_N_STD_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_column *column = table->columns_by_index[i];
        json_object_set_new(columns, column->name,
                            ovsdb_column_to_json(column));
    }
    json_object_set_new(json, "columns", columns);
    if (table->is_root != default_is_root) {
        json_object_set_new(json, "isRoot", json_boolean(table->is_root));
    }
    if (table->max_rows != UINT_MAX) {
        json_object_set_new(json, "maxRows", json_integer(table->max_rows));
    }
    if (table->n_indexes) {
        json_t *indexes = json_array();
        for (size_t i = 0; i < table->n_indexes; i++) {
            json_array_append_new(indexes,
                                  ovsdb_column_set_to_json(
                                      &table->indexes[i]));
        }
        json_object_set_new(json, "indexes", indexes);
    }
    return json;
}
