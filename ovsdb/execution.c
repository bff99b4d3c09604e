/* execution: runs the operations of an RFC 7047 "transact" request in one
 * transaction (see execution.h for the result format).  Each operation is
 * parsed with struct ovsdb_parser as "ovsdb operation I of N", so that
 * malformed requests get OVS's error texts, then executed against the
 * transaction's view of the database. */
#include "execution.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "hash.h"
#include "mutation.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "row.h"
#include "table-schema.h"
#include "table.h"
#include "transaction.h"

struct ovsdb_execution {
    struct ovsdb *db;
    struct ovsdb_txn *txn;
    struct ovsdb_symbol_table *symtab;
    bool durable;                   /* "commit" asked for durability. */
    bool read_only;
    ovsdb_lock_check_func *has_lock;
    void *aux;
    long long int elapsed_msec;
    bool wait_pending;              /* A "wait" is not satisfied yet. */
    long long int timeout_msec;     /* Time left for that "wait". */
};

typedef struct ovsdb_error *ovsdb_operation_func(struct ovsdb_execution *,
                                                 struct ovsdb_parser *,
                                                 json_t *result);

/* Reads the "table" member.  Returns NULL (with the parser's error set) if
 * it is missing, not an identifier or not a table of the database. */
static struct ovsdb_table *
parse_table(struct ovsdb_execution *x, struct ovsdb_parser *parser)
{
    const json_t *json = ovsdb_parser_member(parser, "table", OP_ID);
    if (!json) {
        return NULL;
    }

    const char *name = json_string_value(json);
    struct ovsdb_table *table = ovsdb_get_table(x->db, name);
    if (!table) {
        ovsdb_parser_raise_error(parser, "No table named %s.", name);
    }
    return table;
}

/* Parses the condition WHERE (borrowed) of TABLE into COND (always
 * initialized) and queries it into ROWS (initialized). */
static struct ovsdb_error *
query_where(struct ovsdb_execution *x, struct ovsdb_table *table,
            const json_t *where, struct ovsdb_condition *cond,
            struct ovsdb_row_set *rows)
{
    struct ovsdb_error *error;

    error = ovsdb_condition_from_json(table->schema, where, x->symtab, cond);
    if (!error) {
        ovsdb_table_query(table, cond, rows);
    }
    return error;
}

static struct ovsdb_error *
check_writable(struct ovsdb_execution *x, const char *op_name)
{
    if (x->read_only) {
        return ovsdb_error("not allowed", "%s operation not allowed when "
                           "database server is in read only mode", op_name);
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* insert */

/* Chooses the UUID for an insert: the "uuid" member, else the one an
 * earlier "named-uuid" reference gave the "uuid-name", else a new one. */
static struct ovsdb_error *
insert_choose_uuid(struct ovsdb_execution *x, const json_t *uuid_json,
                   const json_t *uuid_name, struct uuid *uuid)
{
    bool have_uuid = false;

    if (uuid_json) {
        if (!uuid_from_string(uuid, json_string_value(uuid_json))) {
            return ovsdb_syntax_error(uuid_json, NULL, "bad uuid");
        }
        have_uuid = true;
    }

    if (uuid_name) {
        const char *name = json_string_value(uuid_name);
        struct ovsdb_symbol *symbol = ovsdb_symbol_table_find(x->symtab,
                                                              name);
        if (symbol) {
            if (symbol->created) {
                return ovsdb_syntax_error(uuid_name, "duplicate uuid-name",
                                          "This \"uuid-name\" appeared on "
                                          "an earlier \"insert\" "
                                          "operation.");
            }
            if (have_uuid) {
                symbol->uuid = *uuid;
            } else {
                *uuid = symbol->uuid;
            }
            symbol->created = true;
            return NULL;
        }
        if (!have_uuid) {
            uuid_generate(uuid);
        }
        ovsdb_symbol_table_put(x->symtab, name, uuid, true);
        return NULL;
    }

    if (!have_uuid) {
        uuid_generate(uuid);
    }
    return NULL;
}

static struct ovsdb_error *
execute_insert(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result)
{
    struct ovsdb_table *table = parse_table(x, parser);
    const json_t *uuid_name = ovsdb_parser_member(parser, "uuid-name",
                                                  OP_ID | OP_OPTIONAL);
    const json_t *uuid_json = ovsdb_parser_member(parser, "uuid",
                                                  OP_STRING | OP_OPTIONAL);
    const json_t *row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    struct ovsdb_error *error;
    struct uuid uuid;

    if (ovsdb_parser_has_error(parser)) {
        return NULL;
    }

    error = insert_choose_uuid(x, uuid_json, uuid_name, &uuid);
    if (error) {
        return error;
    }

    struct ovsdb_row *row = ovsdb_row_create(table);
    error = ovsdb_row_from_json(row, row_json, x->symtab, NULL);
    if (error) {
        ovsdb_row_destroy(row);
        return error;
    }
    *ovsdb_row_get_uuid_rw(row) = uuid;
    error = ovsdb_txn_row_insert(x->txn, row);
    if (error) {
        if (uuid_json) {
            struct ovsdb_error *dup = ovsdb_syntax_error(
                uuid_json, ovsdb_error_get_tag(error), "%s",
                ovsdb_error_get_details(error));
            ovsdb_error_destroy(error);
            error = dup;
        }
        return error;
    }

    json_object_set_new(result, "uuid", ovsdb_uuid_to_json(&uuid));
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* select */

static struct ovsdb_error *
parse_columns(const json_t *json, const struct ovsdb_table *table,
              struct ovsdb_column_set *columns)
{
    if (json) {
        return ovsdb_column_set_from_json(json, table->schema, columns);
    }
    ovsdb_column_set_add_all(columns, table->schema);
    return NULL;
}

static struct ovsdb_error *
execute_select(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result)
{
    struct ovsdb_table *table = parse_table(x, parser);
    const json_t *where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    const json_t *columns_json = ovsdb_parser_member(parser, "columns",
                                                     OP_ARRAY | OP_OPTIONAL);
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    struct ovsdb_error *error;

    if (ovsdb_parser_has_error(parser)) {
        return NULL;
    }

    error = query_where(x, table, where, &cond, &rows);
    if (!error) {
        error = parse_columns(columns_json, table, &columns);
    }
    if (!error) {
        json_t *array = json_array();
        for (size_t i = 0; i < rows.n_rows; i++) {
            json_array_append_new(array,
                                  ovsdb_row_to_json(rows.rows[i], &columns));
        }
        json_object_set_new(result, "rows", array);
    }

    ovsdb_row_set_destroy(&rows);
    ovsdb_condition_destroy(&cond);
    ovsdb_column_set_destroy(&columns);
    return error;
}

/* ---------------------------------------------------------------------- */
/* update, mutate, delete */

static struct ovsdb_error *
execute_update(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result)
{
    struct ovsdb_table *table = parse_table(x, parser);
    const json_t *where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    const json_t *row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    struct ovsdb_row *values = NULL;
    struct ovsdb_error *error;

    if (ovsdb_parser_has_error(parser)) {
        return NULL;
    }

    values = ovsdb_row_create(table);
    error = ovsdb_row_from_json(values, row_json, x->symtab, &columns);
    for (size_t i = 0; !error && i < columns.n_columns; i++) {
        const struct ovsdb_column *column = columns.columns[i];
        if (!column->mutable_ || column->index < OVSDB_N_STD_COLUMNS) {
            error = ovsdb_syntax_error(parser->json, "constraint violation",
                                       "Cannot update immutable column %s "
                                       "in table %s.", column->name,
                                       table->schema->name);
        }
    }
    if (!error) {
        error = query_where(x, table, where, &cond, &rows);
    }
    if (!error) {
        for (size_t i = 0; i < rows.n_rows; i++) {
            struct ovsdb_row *row = ovsdb_txn_row_modify(x->txn,
                                                         rows.rows[i]);
            ovsdb_row_update_columns(row, values, &columns);
        }
        json_object_set_new(result, "count", json_integer(rows.n_rows));
    }

    ovsdb_row_destroy(values);
    ovsdb_row_set_destroy(&rows);
    ovsdb_condition_destroy(&cond);
    ovsdb_column_set_destroy(&columns);
    return error;
}

static struct ovsdb_error *
execute_mutate(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result)
{
    struct ovsdb_table *table = parse_table(x, parser);
    const json_t *where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    const json_t *mutations_json = ovsdb_parser_member(parser, "mutations",
                                                       OP_ARRAY);
    struct ovsdb_mutation_set mutations = OVSDB_MUTATION_SET_INITIALIZER;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    struct ovsdb_error *error;

    if (ovsdb_parser_has_error(parser)) {
        return NULL;
    }

    error = ovsdb_mutation_set_from_json(table->schema, mutations_json,
                                         x->symtab, &mutations);
    if (!error) {
        error = query_where(x, table, where, &cond, &rows);
    }
    for (size_t i = 0; !error && i < rows.n_rows; i++) {
        struct ovsdb_row *row = ovsdb_txn_row_modify(x->txn, rows.rows[i]);
        error = ovsdb_mutation_set_execute(row->fields, &mutations);
    }
    if (!error) {
        json_object_set_new(result, "count", json_integer(rows.n_rows));
    }

    ovsdb_row_set_destroy(&rows);
    ovsdb_condition_destroy(&cond);
    ovsdb_mutation_set_destroy(&mutations);
    return error;
}

static struct ovsdb_error *
execute_delete(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result)
{
    struct ovsdb_table *table = parse_table(x, parser);
    const json_t *where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    struct ovsdb_error *error;

    if (ovsdb_parser_has_error(parser)) {
        return NULL;
    }

    error = query_where(x, table, where, &cond, &rows);
    if (!error) {
        for (size_t i = 0; i < rows.n_rows; i++) {
            ovsdb_txn_row_delete(x->txn, rows.rows[i]);
        }
        json_object_set_new(result, "count", json_integer(rows.n_rows));
    }

    ovsdb_row_set_destroy(&rows);
    ovsdb_condition_destroy(&cond);
    return error;
}

/* ---------------------------------------------------------------------- */
/* wait */

/* A set of distinct rows, compared on some columns. */
struct row_hash {
    struct hmap rows;
    const struct ovsdb_column_set *columns;
};

struct row_hash_node {
    struct hmap_node node;
    const struct ovsdb_row *row;
};

static void
row_hash_init(struct row_hash *rh, const struct ovsdb_column_set *columns)
{
    hmap_init(&rh->rows);
    rh->columns = columns;
}

static void
row_hash_destroy(struct row_hash *rh)
{
    struct row_hash_node *node;

    HMAP_FOR_EACH_POP (node, node, &rh->rows) {
        free(node);
    }
    hmap_destroy(&rh->rows);
}

static bool
row_hash_contains(const struct row_hash *rh, const struct ovsdb_row *row,
                  uint32_t hash)
{
    const struct row_hash_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &rh->rows) {
        if (ovsdb_row_equal_columns(node->row, row, rh->columns)) {
            return true;
        }
    }
    return false;
}

static void
row_hash_add(struct row_hash *rh, const struct ovsdb_row *row)
{
    uint32_t hash = ovsdb_row_hash_columns(row, rh->columns, 0);

    if (!row_hash_contains(rh, row, hash)) {
        struct row_hash_node *node = xmalloc(sizeof *node);
        node->row = row;
        hmap_insert(&rh->rows, &node->node, hash);
    }
}

/* True if the distinct rows in A and B (projected on their columns) are
 * the same. */
static bool
row_hash_equal(const struct row_hash *a, const struct row_hash *b)
{
    const struct row_hash_node *node;

    if (hmap_count(&a->rows) != hmap_count(&b->rows)) {
        return false;
    }
    HMAP_FOR_EACH (node, node, &b->rows) {
        if (!row_hash_contains(a, node->row, node->node.hash)) {
            return false;
        }
    }
    return true;
}

/* Parses the "rows" array of a wait into EXPECTED, creating rows that it
 * appends to OWNED (the caller destroys them). */
static struct ovsdb_error *
parse_wait_rows(struct ovsdb_execution *x, const struct ovsdb_table *table,
                const json_t *rows_json, struct row_hash *expected,
                struct ovsdb_row_set *owned)
{
    size_t i;
    json_t *row_json;

    json_array_foreach (rows_json, i, row_json) {
        struct ovsdb_row *row = ovsdb_row_create(table);
        ovsdb_row_set_add_row(owned, row);

        struct ovsdb_error *error = ovsdb_row_from_json(row, row_json,
                                                        x->symtab, NULL);
        if (error) {
            return error;
        }
        row_hash_add(expected, row);
    }
    return NULL;
}

static struct ovsdb_error *
execute_wait(struct ovsdb_execution *x, struct ovsdb_parser *parser,
             json_t *result OVS_UNUSED)
{
    struct ovsdb_table *table = parse_table(x, parser);
    const json_t *where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    const json_t *columns_json = ovsdb_parser_member(parser, "columns",
                                                     OP_ARRAY | OP_OPTIONAL);
    const json_t *until_json = ovsdb_parser_member(parser, "until",
                                                   OP_STRING);
    const json_t *rows_json = ovsdb_parser_member(parser, "rows", OP_ARRAY);
    const json_t *timeout_json = ovsdb_parser_member(
        parser, "timeout", OP_INTEGER | OP_OPTIONAL);
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    struct ovsdb_row_set owned = OVSDB_ROW_SET_INITIALIZER;
    struct row_hash actual, expected;
    struct ovsdb_error *error = NULL;
    int64_t timeout = LLONG_MAX;
    bool until_eq = false;

    if (ovsdb_parser_has_error(parser)) {
        return NULL;
    }

    row_hash_init(&actual, &columns);
    row_hash_init(&expected, &columns);
    if (timeout_json) {
        ovsdb_json_get_integer(timeout_json, &timeout);
        if (timeout < 0) {
            error = ovsdb_syntax_error(timeout_json, NULL,
                                       "timeout must be nonnegative");
            goto out;
        }
    }
    const char *until = json_string_value(until_json);
    if (!strcmp(until, "==")) {
        until_eq = true;
    } else if (strcmp(until, "!=")) {
        error = ovsdb_syntax_error(until_json, NULL,
                                   "\"until\" must be \"==\" or \"!=\"");
        goto out;
    }

    error = parse_columns(columns_json, table, &columns);
    if (!error) {
        error = parse_wait_rows(x, table, rows_json, &expected, &owned);
    }
    if (!error) {
        error = query_where(x, table, where, &cond, &rows);
    }
    if (error) {
        goto out;
    }

    for (size_t i = 0; i < rows.n_rows; i++) {
        row_hash_add(&actual, rows.rows[i]);
    }
    if (row_hash_equal(&actual, &expected) == until_eq) {
        goto out;               /* Satisfied. */
    }

    if (timeout == 0) {
        error = ovsdb_error("timed out", "\"where\" clause test failed");
    } else if (timeout != LLONG_MAX && x->elapsed_msec >= timeout) {
        error = ovsdb_error("timed out", "\"wait\" timed out after %lld ms",
                            x->elapsed_msec);
    } else {
        x->wait_pending = true;
        x->timeout_msec = (timeout == LLONG_MAX ? LLONG_MAX
                           : timeout - x->elapsed_msec);
    }

out:
    row_hash_destroy(&actual);
    row_hash_destroy(&expected);
    for (size_t i = 0; i < owned.n_rows; i++) {
        ovsdb_row_destroy((struct ovsdb_row *) owned.rows[i]);
    }
    ovsdb_row_set_destroy(&owned);
    ovsdb_row_set_destroy(&rows);
    ovsdb_condition_destroy(&cond);
    ovsdb_column_set_destroy(&columns);
    return error;
}

/* ---------------------------------------------------------------------- */
/* commit, abort, comment, assert */

static struct ovsdb_error *
execute_commit(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result OVS_UNUSED)
{
    const json_t *durable = ovsdb_parser_member(parser, "durable",
                                                OP_BOOLEAN);
    if (durable && json_is_true(durable)) {
        x->durable = true;
    }
    return NULL;
}

static struct ovsdb_error *
execute_abort(struct ovsdb_execution *x OVS_UNUSED,
              struct ovsdb_parser *parser OVS_UNUSED,
              json_t *result OVS_UNUSED)
{
    return ovsdb_error("aborted", "aborted by request");
}

static struct ovsdb_error *
execute_comment(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                json_t *result OVS_UNUSED)
{
    const json_t *comment = ovsdb_parser_member(parser, "comment",
                                                OP_STRING);
    if (comment) {
        ovsdb_txn_add_comment(x->txn, json_string_value(comment));
    }
    return NULL;
}

static struct ovsdb_error *
execute_assert(struct ovsdb_execution *x, struct ovsdb_parser *parser,
               json_t *result OVS_UNUSED)
{
    const json_t *lock = ovsdb_parser_member(parser, "lock", OP_STRING);
    if (!lock) {
        return NULL;
    }

    const char *name = json_string_value(lock);
    if (x->has_lock && x->has_lock(name, x->aux)) {
        return NULL;
    }
    return ovsdb_error("not owner", "Asserted lock %s not held.", name);
}

/* ---------------------------------------------------------------------- */
/* The request. */

struct ovsdb_operation {
    const char *name;
    bool writes;                /* Not allowed on read-only databases. */
    ovsdb_operation_func *execute;
};

static const struct ovsdb_operation operations[] = {
    { "insert", true, execute_insert },
    { "select", false, execute_select },
    { "update", true, execute_update },
    { "mutate", true, execute_mutate },
    { "delete", true, execute_delete },
    { "wait", false, execute_wait },
    { "commit", false, execute_commit },
    { "abort", false, execute_abort },
    { "comment", false, execute_comment },
    { "assert", false, execute_assert },
};

static const struct ovsdb_operation *
lookup_operation(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(operations); i++) {
        if (!strcmp(operations[i].name, name)) {
            return &operations[i];
        }
    }
    return NULL;
}

/* Parses and executes operation OP_JSON (number IDX of N_OPS, from 0),
 * filling in RESULT. */
static struct ovsdb_error *
execute_operation(struct ovsdb_execution *x, const json_t *op_json,
                  size_t idx, size_t n_ops, json_t *result)
{
    struct ovsdb_parser parser;
    struct ovsdb_error *error = NULL;

    ovsdb_parser_init(&parser, op_json, "ovsdb operation %zu of %zu",
                      idx + 1, n_ops);
    const json_t *op_name = ovsdb_parser_member(&parser, "op", OP_ID);
    if (op_name) {
        const char *name = json_string_value(op_name);
        const struct ovsdb_operation *op = lookup_operation(name);
        if (!op) {
            ovsdb_parser_raise_error(&parser, "No operation \"%s\"", name);
        } else if (op->writes && x->read_only) {
            ovsdb_parser_destroy(&parser);
            return check_writable(x, name);
        } else {
            error = op->execute(x, &parser, result);
        }
    }

    struct ovsdb_error *parse_error = ovsdb_parser_finish(&parser);
    if (parse_error) {
        ovsdb_error_destroy(error);
        x->wait_pending = false;
        return parse_error;
    }
    return error;
}

json_t *
ovsdb_execute(struct ovsdb *db, const json_t *params, bool read_only,
              ovsdb_lock_check_func *has_lock, void *aux,
              long long int elapsed_msec, long long int *timeout_msec,
              bool *durable)
{
    struct ovsdb_execution x;
    size_t n_params = json_is_array(params) ? json_array_size(params) : 0;

    if (durable) {
        *durable = false;
    }
    if (n_params == 0) {
        json_t *results = json_array();
        json_array_append_new(results, ovsdb_error_to_json_free(
            ovsdb_syntax_error(params, NULL, "transact request params "
                               "must begin with <db-name>")));
        return results;
    }

    memset(&x, 0, sizeof x);
    x.db = db;
    x.txn = ovsdb_txn_create(db);
    x.symtab = ovsdb_symbol_table_create();
    x.read_only = read_only;
    x.has_lock = has_lock;
    x.aux = aux;
    x.elapsed_msec = elapsed_msec;
    x.timeout_msec = LLONG_MAX;

    size_t n_ops = n_params - 1;
    json_t *results = json_array();
    struct ovsdb_error *error = NULL;
    size_t i;
    for (i = 0; i < n_ops; i++) {
        json_t *result = json_object();

        error = execute_operation(&x, json_array_get(params, i + 1), i,
                                  n_ops, result);
        if (x.wait_pending) {
            json_decref(result);
            json_decref(results);
            ovsdb_txn_abort(x.txn);
            ovsdb_symbol_table_destroy(x.symtab);
            if (timeout_msec) {
                *timeout_msec = x.timeout_msec;
            }
            return NULL;
        }
        if (error) {
            json_decref(result);
            json_array_append_new(results, ovsdb_error_to_json_free(error));
            break;
        }
        json_array_append_new(results, result);
    }

    if (i < n_ops) {
        /* An operation failed: the rest are not executed. */
        for (i++; i < n_ops; i++) {
            json_array_append_new(results, json_null());
        }
        ovsdb_txn_abort(x.txn);
    } else {
        uint64_t n_commits = db->n_commits;
        error = ovsdb_txn_commit(x.txn, x.durable);
        if (error) {
            json_array_append_new(results, ovsdb_error_to_json_free(error));
        } else if (durable) {
            *durable = x.durable && db->n_commits != n_commits;
        }
    }
    ovsdb_symbol_table_destroy(x.symtab);
    return results;
}
