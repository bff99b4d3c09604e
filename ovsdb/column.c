/* column: OVSDB column schemas (RFC 7047 <column-schema>) and ordered
 * sets of columns. */
#include "column.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "table-schema.h"
#include "util.h"

struct ovsdb_column *
ovsdb_column_create(const char *name, bool mutable_, bool persistent,
                    const struct ovsdb_type *type)
{
    struct ovsdb_column *column = xzalloc(sizeof *column);

    column->index = UINT32_MAX;
    column->name = xstrdup(name);
    column->mutable_ = mutable_;
    column->persistent = persistent;
    ovsdb_type_clone(&column->type, type);
    return column;
}

struct ovsdb_column *
ovsdb_column_clone(const struct ovsdb_column *old)
{
    struct ovsdb_column *column = ovsdb_column_create(old->name,
                                                      old->mutable_,
                                                      old->persistent,
                                                      &old->type);
    column->index = old->index;
    return column;
}

void
ovsdb_column_destroy(struct ovsdb_column *column)
{
    if (column) {
        ovsdb_type_destroy(&column->type);
        free(column->name);
        free(column);
    }
}

struct ovsdb_error *
ovsdb_column_from_json(const json_t *json, const char *name,
                       struct ovsdb_column **columnp)
{
    const json_t *mutable_json, *ephemeral, *type_json;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;
    struct ovsdb_type type;

    *columnp = NULL;
    ovsdb_parser_init(&parser, json, "schema for column %s", name);
    type_json = ovsdb_parser_member(&parser, "type", OP_STRING | OP_OBJECT);
    mutable_json = ovsdb_parser_member(&parser, "mutable",
                                       OP_BOOLEAN | OP_OPTIONAL);
    ephemeral = ovsdb_parser_member(&parser, "ephemeral",
                                    OP_BOOLEAN | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    error = ovsdb_type_from_json(&type, type_json);
    if (error) {
        ovsdb_type_destroy(&type);
        return error;
    }
    *columnp = ovsdb_column_create(name,
                                   !mutable_json || json_is_true(mutable_json),
                                   !ephemeral || !json_is_true(ephemeral),
                                   &type);
    ovsdb_type_destroy(&type);
    return NULL;
}

json_t *
ovsdb_column_to_json(const struct ovsdb_column *column)
{
    json_t *json = json_object();

    json_object_set_new(json, "type", ovsdb_type_to_json(&column->type));
    if (!column->persistent) {
        json_object_set_new(json, "ephemeral", json_true());
    }
    if (!column->mutable_) {
        json_object_set_new(json, "mutable", json_false());
    }
    return json;
}

/* Column sets. */

void
ovsdb_column_set_init(struct ovsdb_column_set *set)
{
    set->columns = NULL;
    set->n_columns = set->allocated_columns = 0;
}

void
ovsdb_column_set_destroy(struct ovsdb_column_set *set)
{
    free(set->columns);
    ovsdb_column_set_init(set);
}

void
ovsdb_column_set_clone(struct ovsdb_column_set *dst,
                       const struct ovsdb_column_set *src)
{
    dst->columns = (src->n_columns
                    ? xmemdup(src->columns,
                              src->n_columns * sizeof *src->columns)
                    : NULL);
    dst->n_columns = dst->allocated_columns = src->n_columns;
}

void
ovsdb_column_set_add(struct ovsdb_column_set *set,
                     const struct ovsdb_column *column)
{
    if (set->n_columns >= set->allocated_columns) {
        set->columns = x2nrealloc(set->columns, &set->allocated_columns,
                                  sizeof *set->columns);
    }
    set->columns[set->n_columns++] = column;
}

void
ovsdb_column_set_add_all(struct ovsdb_column_set *set,
                         const struct ovsdb_table_schema *table)
{
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_column_set_add(set, table->columns_by_index[i]);
    }
}

void
ovsdb_column_set_remove(struct ovsdb_column_set *set, size_t idx)
{
    memmove(&set->columns[idx], &set->columns[idx + 1],
            (set->n_columns - idx - 1) * sizeof *set->columns);
    set->n_columns--;
}

size_t
ovsdb_column_set_find(const struct ovsdb_column_set *set, const char *name)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        if (!strcmp(set->columns[i]->name, name)) {
            return i;
        }
    }
    return SIZE_MAX;
}

bool
ovsdb_column_set_contains(const struct ovsdb_column_set *set,
                          unsigned int column_index)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        if (set->columns[i]->index == column_index) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_column_set_is_empty(const struct ovsdb_column_set *set)
{
    return !set->n_columns;
}

bool
ovsdb_column_set_equals(const struct ovsdb_column_set *a,
                        const struct ovsdb_column_set *b)
{
    if (a->n_columns != b->n_columns) {
        return false;
    }
    for (size_t i = 0; i < a->n_columns; i++) {
        if (a->columns[i]->index != b->columns[i]->index) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_column_set_is_superset(const struct ovsdb_column_set *set,
                             const struct ovsdb_column_set *subset)
{
    for (size_t i = 0; i < subset->n_columns; i++) {
        if (!ovsdb_column_set_contains(set, subset->columns[i]->index)) {
            return false;
        }
    }
    return true;
}

struct ovsdb_error *
ovsdb_column_set_from_json(const json_t *json,
                           const struct ovsdb_table_schema *table,
                           struct ovsdb_column_set *set)
{
    size_t i;

    if (!json_is_array(json)) {
        goto distinct;
    }
    for (i = 0; i < json_array_size(json); i++) {
        const json_t *name = json_array_get(json, i);
        const struct ovsdb_column *column;
        const char *s;

        if (!json_is_string(name)) {
            goto distinct;
        }
        s = json_string_value(name);
        column = ovsdb_table_schema_get_column(table, s);
        if (!column) {
            return ovsdb_syntax_error(json, NULL,
                                      "%s is not a valid column name", s);
        }
        if (ovsdb_column_set_contains(set, column->index)) {
            goto distinct;
        }
        ovsdb_column_set_add(set, column);
    }
    return NULL;

distinct:
    return ovsdb_syntax_error(json, NULL,
                              "array of distinct column names expected");
}

json_t *
ovsdb_column_set_to_json(const struct ovsdb_column_set *set)
{
    json_t *json = json_array();

    for (size_t i = 0; i < set->n_columns; i++) {
        json_array_append_new(json, json_string(set->columns[i]->name));
    }
    return json;
}

void
ovsdb_column_set_to_string(const struct ovsdb_column_set *set,
                           struct ds *out)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        if (i) {
            ds_put_cstr(out, ", ");
        }
        ds_put_cstr(out, set->columns[i]->name);
    }
}
