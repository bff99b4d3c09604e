/* ovsdb-client-monitor: the monitor commands of ovsdb-client (see the
 * header).
 *
 * Column selection follows OVS: each COLUMN[,COLUMN]... argument is one
 * monitor request for the table; "!initial", "!insert", "!delete" and
 * "!modify" in it clear the corresponding "select" flag; a group that
 * names no column monitors every column but _uuid, in name order, with
 * _version last.  A column may be named only once.  "ALL" monitors
 * every table, in name order, each with all its columns.
 *
 * Output rows of one table update are printed in the order OVS iterates
 * the update's row object, which is its hash-table order for the order
 * the rows arrived in (ovsdb_client_hash_order()). */
#include "ovsdb-client-monitor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "column.h"
#include "condition.h"
#include "daemon.h"
#include "ds.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "lib/table.h"
#include "ovsdb-client-json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "poll-loop.h"
#include "schema.h"
#include "table-schema.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "uuid.h"

/* Which update format the server sends. */
enum monitor_version {
    MONITOR_V1,                 /* "monitor": "update" with old/new. */
    MONITOR_V2,                 /* "monitor_cond": "update2". */
    MONITOR_V3                  /* "monitor_cond_since": "update3". */
};

struct monitored_table {
    const struct ovsdb_table_schema *ts;
    const struct ovsdb_column **columns;   /* Display order. */
    size_t n_columns;
    json_t *requests;           /* Array of monitor requests (owned). */
};

struct monitor {
    struct ovsdb_client_context *ctx;
    enum monitor_version version;
    struct ovsdb_schema *schema;
    json_t *schema_json;
    struct monitored_table *tables;
    size_t n_tables;
    bool exiting;
    bool blocked;
};

static void
monitored_table_add_column(struct monitored_table *mt,
                           const struct ovsdb_column *column)
{
    mt->columns = xrealloc(mt->columns,
                           (mt->n_columns + 1) * sizeof *mt->columns);
    mt->columns[mt->n_columns++] = column;
}

static bool
monitored_table_has_column(const struct monitored_table *mt,
                           const struct ovsdb_column *column)
{
    for (size_t i = 0; i < mt->n_columns; i++) {
        if (mt->columns[i] == column) {
            return true;
        }
    }
    return false;
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

/* Adds every column of MT's table but _uuid, in name order, _version
 * last, to MT and to the JSON array COLUMNS. */
static void
add_all_columns(struct monitor *m, struct monitored_table *mt,
                json_t *columns)
{
    size_t n;
    const char **names = ovsdb_client_rpc_column_order(m->schema_json,
                                                       mt->ts->name, &n);
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i <= n; i++) {
        const char *name = i < n ? names[i] : "_version";
        if (i < n && (!strcmp(name, "_uuid") || !strcmp(name, "_version"))) {
            continue;
        }
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(mt->ts, name);
        if (column) {
            monitored_table_add_column(mt, column);
            json_array_append_new(columns, json_string(name));
        }
    }
    free(names);
}

/* Parses one COLUMN[,COLUMN]... argument ARG (NULL: all columns, no
 * select) into a monitor request appended to MT->requests. */
static void
add_column_group(struct monitor *m, struct monitored_table *mt,
                 const char *arg, const json_t *where)
{
    bool initial = true, insert = true, delete = true, modify = true;
    json_t *columns = json_array();

    if (arg) {
        char *copy = xstrdup(arg);
        char *save_ptr = NULL;
        for (char *token = strtok_r(copy, ",", &save_ptr); token;
             token = strtok_r(NULL, ",", &save_ptr)) {
            if (!strcmp(token, "!initial")) {
                initial = false;
            } else if (!strcmp(token, "!insert")) {
                insert = false;
            } else if (!strcmp(token, "!delete")) {
                delete = false;
            } else if (!strcmp(token, "!modify")) {
                modify = false;
            } else {
                const struct ovsdb_column *column
                    = ovsdb_table_schema_get_column(mt->ts, token);
                if (!column) {
                    ovs_fatal(0, "%s: table \"%s\" in %s does not have a "
                              "column named \"%s\"", m->ctx->server,
                              mt->ts->name, m->ctx->database, token);
                }
                if (monitored_table_has_column(mt, column)) {
                    ovs_fatal(0, "%s: column \"%s\" mentioned multiple "
                              "times", m->ctx->server, token);
                }
                monitored_table_add_column(mt, column);
                json_array_append_new(columns, json_string(token));
            }
        }
        free(copy);
    }
    if (!json_array_size(columns)) {
        add_all_columns(m, mt, columns);
    }

    json_t *request = json_object();
    json_object_set_new(request, "columns", columns);
    if (where) {
        json_object_set(request, "where", (json_t *) where);
    }
    if (!initial || !insert || !delete || !modify) {
        json_object_set_new(request, "select",
                            json_pack("{s:b, s:b, s:b, s:b}",
                                      "initial", initial, "insert", insert,
                                      "delete", delete, "modify", modify));
    }
    json_array_append_new(mt->requests, request);
}

static struct monitored_table *
add_monitored_table(struct monitor *m, const struct ovsdb_table_schema *ts)
{
    m->tables = xrealloc(m->tables, (m->n_tables + 1) * sizeof *m->tables);
    struct monitored_table *mt = &m->tables[m->n_tables++];
    mt->ts = ts;
    mt->columns = NULL;
    mt->n_columns = 0;
    mt->requests = json_array();
    return mt;
}

/* Adds TS with the column groups ARGV[0..ARGC-1] and condition WHERE
 * (NULL for "monitor"). */
static void
monitor_table(struct monitor *m, const struct ovsdb_table_schema *ts,
              int argc, char *argv[], const json_t *where)
{
    struct monitored_table *mt = add_monitored_table(m, ts);
    if (!argc) {
        add_column_group(m, mt, NULL, where);
    }
    for (int i = 0; i < argc; i++) {
        add_column_group(m, mt, argv[i], where);
    }
}

/* Output. */

static void
add_value_cell(struct table *table, const struct ovsdb_column *column,
               const json_t *value, enum table_cell_format format)
{
    struct table_cell *cell = table_add_cell(table);
    if (!value) {
        return;
    }

    struct ovsdb_datum datum;
    struct ovsdb_error *error = ovsdb_datum_from_json_relaxed(
        &datum, &column->type, value, NULL);
    if (error) {
        ovsdb_error_destroy(error);
        cell->json = json_deep_copy(value);
        return;
    }

    /* The text is rendered from the datum, but --data=json and
     * --format=json show the JSON as received, as OVS does (so a real
     * 1e16 received as such prints as 10000000000000000). */
    struct ds s = DS_EMPTY_INITIALIZER;
    if (format == TABLE_CELL_BARE) {
        ovsdb_datum_to_bare(&datum, &column->type, &s);
    } else {
        ovsdb_datum_to_string(&datum, &column->type, &s);
    }
    cell->text = ds_steal_cstr(&s);
    cell->json = json_deep_copy(value);
    ovsdb_datum_destroy(&datum, &column->type);
}

/* Adds a row: ROW_NAME, ACTION, then the values of MT's columns found in
 * the object VALUES (which may be NULL). */
static void
add_update_row(struct monitor *m, struct table *table,
               const struct monitored_table *mt, const char *row_name,
               const char *action, const json_t *values)
{
    table_add_row(table);
    table_add_cell_string(table, row_name);
    table_add_cell_string(table, action);
    for (size_t i = 0; i < mt->n_columns; i++) {
        const json_t *value = (json_is_object(values)
                               ? json_object_get(values,
                                                 mt->columns[i]->name)
                               : NULL);
        add_value_cell(table, mt->columns[i], value,
                       m->ctx->options->style.cell_format);
    }
}

static void
add_v1_row(struct monitor *m, struct table *table,
           const struct monitored_table *mt, const char *uuid,
           const json_t *row, bool initial)
{
    const json_t *old = json_object_get(row, "old");
    const json_t *new = json_object_get(row, "new");
    if (initial) {
        add_update_row(m, table, mt, uuid, "initial", new);
    } else if (!old) {
        add_update_row(m, table, mt, uuid, "insert", new);
    } else if (!new) {
        add_update_row(m, table, mt, uuid, "delete", old);
    } else {
        add_update_row(m, table, mt, uuid, "old", old);
        add_update_row(m, table, mt, "", "new", new);
    }
}

static void
add_v2_row(struct monitor *m, struct table *table,
           const struct monitored_table *mt, const char *uuid,
           const json_t *row)
{
    static const char *const actions[] = {
        "initial", "insert", "modify", "delete"
    };
    for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
        const json_t *values = json_object_get(row, actions[i]);
        if (values) {
            add_update_row(m, table, mt, uuid, actions[i], values);
            return;
        }
    }
}

static void
print_table_update(struct monitor *m, const struct monitored_table *mt,
                   const json_t *table_update, bool initial)
{
    const struct ovsdb_client_options *options = m->ctx->options;
    struct table table;
    table_init(&table);
    if (m->n_tables > 1) {
        table_set_caption(&table, xstrdup(mt->ts->name));
    }
    if (options->timestamp) {
        table_set_timestamp(&table, time_wall_msec());
    }
    table_add_column(&table, "row");
    table_add_column(&table, "action");
    for (size_t i = 0; i < mt->n_columns; i++) {
        table_add_column(&table, "%s", mt->columns[i]->name);
    }

    size_t n = json_object_size(table_update);
    const char **uuids = xmalloc((n ? n : 1) * sizeof *uuids);
    size_t i = 0;
    const char *uuid;
    json_t *row;
    json_object_foreach ((json_t *) table_update, uuid, row) {
        uuids[i++] = uuid;
    }
    size_t *order = ovsdb_client_hash_order(uuids, n);
    for (i = 0; i < n; i++) {
        const char *name = uuids[order[i]];
        row = json_object_get(table_update, name);
        if (!json_is_object(row)) {
            continue;
        }
        if (m->version == MONITOR_V1) {
            add_v1_row(m, &table, mt, name, row, initial);
        } else {
            add_v2_row(m, &table, mt, name, row);
        }
    }
    free(order);
    free(uuids);

    if (table.n_rows) {
        table_print(&table, &options->style);
    }
    table_destroy(&table);
}

static void
print_updates(struct monitor *m, const json_t *updates, bool initial)
{
    if (!json_is_object(updates)) {
        struct ds s = DS_EMPTY_INITIALIZER;
        ovsdb_client_json_put_unsorted(&s, updates);
        ovs_fatal(0, "%s: table updates are not an object: %s",
                  m->ctx->server, ds_cstr(&s));
    }
    for (size_t i = 0; i < m->n_tables; i++) {
        const struct monitored_table *mt = &m->tables[i];
        const json_t *table_update = json_object_get(updates, mt->ts->name);
        if (json_is_object(table_update)) {
            print_table_update(m, mt, table_update, initial);
        }
    }
    fflush(stdout);
}

/* unixctl commands. */

static void
unixctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[] OVS_UNUSED, void *m_)
{
    struct monitor *m = m_;
    m->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_block(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *m_)
{
    struct monitor *m = m_;
    m->blocked = true;
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_unblock(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *m_)
{
    struct monitor *m = m_;
    m->blocked = false;
    unixctl_command_reply(conn, NULL);
}

/* Sends monitor_cond_change for table ARGV[1] with condition ARGV[2],
 * unchecked, as OVS does (the server reports any problem, which is then
 * ignored).  A condition that does not parse is sent as the parser's
 * error message. */
static void
unixctl_cond_change(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[], void *m_)
{
    struct monitor *m = m_;
    char *error;
    json_t *where = ovsdb_client_json_parse(argv[2], strlen(argv[2]),
                                            &error);
    if (!where) {
        where = json_string(error);
        free(error);
    }
    json_t *params = json_pack("[n, n, {s:[{s:o}]}]", argv[1],
                               "where", where);
    jsonrpc_send(m->ctx->rpc,
                 jsonrpc_create_request("monitor_cond_change", params,
                                        NULL));
    unixctl_command_reply(conn, "condition changed\n");
}

/* Main loop. */

/* Sends set_db_change_aware, ignoring an error reply from a server that
 * does not know it. */
static void
set_db_change_aware(struct jsonrpc *rpc)
{
    struct jsonrpc_msg *request = jsonrpc_create_request(
        "set_db_change_aware", json_pack("[b]", 1), NULL);
    struct jsonrpc_msg *reply;
    int error = jsonrpc_transact_block(rpc, request, &reply);
    if (error) {
        ovs_fatal(error, "transaction failed");
    }
    jsonrpc_msg_destroy(reply);
}

static void
handle_message(struct monitor *m, struct jsonrpc_msg *msg)
{
    struct ovsdb_client_context *ctx = m->ctx;

    if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
        jsonrpc_send(ctx->rpc, jsonrpc_create_reply(
                         json_incref(msg->params), msg->id));
    } else if (msg->type != JSONRPC_NOTIFY) {
        /* Replies to monitor_cond_change and the like. */
    } else if (!strcmp(msg->method, "update")
               && m->version == MONITOR_V1
               && json_array_size(msg->params) == 2) {
        ovsdb_client_json_normalize(msg->params);
        print_updates(m, json_array_get(msg->params, 1), false);
    } else if (!strcmp(msg->method, "update2")
               && m->version == MONITOR_V2
               && json_array_size(msg->params) == 2) {
        ovsdb_client_json_normalize(msg->params);
        print_updates(m, json_array_get(msg->params, 1), false);
    } else if (!strcmp(msg->method, "update3")
               && m->version == MONITOR_V3
               && json_array_size(msg->params) == 3) {
        ovsdb_client_json_normalize(msg->params);
        const json_t *last_id = json_array_get(msg->params, 1);
        if (json_is_string(last_id)) {
            printf("\nlast_id: %s", json_string_value(last_id));
        }
        print_updates(m, json_array_get(msg->params, 2), false);
    } else if (!strcmp(msg->method, "monitor_canceled")) {
        ovs_fatal(0, "%s: %s database was removed", ctx->server,
                  ctx->database);
    }
}

/* Sends the monitor request, prints the initial contents, daemonizes if
 * asked, then prints updates until the connection ends or "exit". */
static void OVS_NO_RETURN
run_monitor(struct monitor *m, const char *last_id)
{
    struct ovsdb_client_context *ctx = m->ctx;

    daemonize_start();

    struct unixctl_server *unixctl = NULL;
    int error;
    if (get_detach()) {
        error = unixctl_server_create(NULL, &unixctl);
        if (error) {
            ovs_fatal(error, "failed to create unixctl server");
        }
        unixctl_command_register("exit", "", 0, 0, unixctl_exit, m);
        unixctl_command_register("ovsdb-client/block", "", 0, 0,
                                 unixctl_block, m);
        unixctl_command_register("ovsdb-client/unblock", "", 0, 0,
                                 unixctl_unblock, m);
        unixctl_command_register("ovsdb-client/cond_change", "TABLE COND",
                                 2, 2, unixctl_cond_change, m);
    }

    if (ctx->options->db_change_aware) {
        set_db_change_aware(ctx->rpc);
    }

    json_t *requests = json_object();
    for (size_t i = 0; i < m->n_tables; i++) {
        json_object_set(requests, m->tables[i].ts->name,
                        m->tables[i].requests);
    }
    static const char *const methods[] = {
        "monitor", "monitor_cond", "monitor_cond_since"
    };
    json_t *params = json_pack("[s, n, o]", ctx->database, requests);
    if (m->version == MONITOR_V3) {
        json_array_append_new(params, json_string(last_id));
    }
    struct jsonrpc_msg *request = jsonrpc_create_request(
        methods[m->version], params, NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(ctx->rpc, request);

    const json_t *updates = reply->result;
    if (m->version == MONITOR_V3) {
        const json_t *found = json_array_get(reply->result, 0);
        const json_t *id = json_array_get(reply->result, 1);
        if (!json_is_array(reply->result)
            || json_array_size(reply->result) != 3
            || !json_is_boolean(found) || !json_is_string(id)) {
            ovs_fatal(0, "%s: invalid monitor_cond_since reply",
                      ctx->server);
        }
        printf("found: %s, last_id: %s\n",
               json_is_true(found) ? "true" : "false",
               json_string_value(id));
        updates = json_array_get(reply->result, 2);
    }
    print_updates(m, updates, true);
    jsonrpc_msg_destroy(reply);

    if (get_detach()) {
        /* Keep printing to the caller's stdout and stderr. */
        fflush(stdout);
        int saved_stdout = dup(STDOUT_FILENO);
        int saved_stderr = dup(STDERR_FILENO);
        daemonize_complete();
        if (saved_stdout >= 0) {
            dup2(saved_stdout, STDOUT_FILENO);
            close(saved_stdout);
        }
        if (saved_stderr >= 0) {
            dup2(saved_stderr, STDERR_FILENO);
            close(saved_stderr);
        }
    }

    for (;;) {
        unixctl_server_run(unixctl);
        if (m->exiting) {
            break;
        }

        jsonrpc_run(ctx->rpc);
        while (!m->blocked) {
            struct jsonrpc_msg *msg;
            error = jsonrpc_recv(ctx->rpc, &msg);
            if (error == EAGAIN) {
                break;
            } else if (error) {
                ovs_fatal(error, "%s: receive failed", ctx->server);
            }
            handle_message(m, msg);
            jsonrpc_msg_destroy(msg);
        }

        jsonrpc_run(ctx->rpc);
        jsonrpc_wait(ctx->rpc);
        if (!m->blocked) {
            jsonrpc_recv_wait(ctx->rpc);
        }
        unixctl_server_wait(unixctl);
        fatal_signal_run();
        fatal_signal_wait();
        poll_block();
    }

    unixctl_server_destroy(unixctl);
    jsonrpc_close(ctx->rpc);
    exit(EXIT_SUCCESS);
}

static void
monitor_init(struct monitor *m, struct ovsdb_client_context *ctx,
             enum monitor_version version)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
    m->version = version;
    m->schema = ovsdb_client_rpc_get_schema(ctx->rpc, ctx->database,
                                            &m->schema_json);
}

void
ovsdb_client_monitor(struct ovsdb_client_context *ctx, int argc,
                     char *argv[])
{
    struct monitor m;
    monitor_init(&m, ctx, MONITOR_V1);

    if (!strcmp(argv[0], "ALL")) {
        size_t n;
        const char **names = ovsdb_client_rpc_table_order(m.schema_json, &n);
        qsort(names, n, sizeof *names, compare_strings);
        for (size_t i = 0; i < n; i++) {
            const struct ovsdb_table_schema *ts
                = ovsdb_schema_get_table(m.schema, names[i]);
            if (ts) {
                monitor_table(&m, ts, argc - 1, argv + 1, NULL);
            }
        }
        free(names);
    } else {
        const struct ovsdb_table_schema *ts
            = ovsdb_schema_get_table(m.schema, argv[0]);
        if (!ts) {
            ovs_fatal(0, "%s: %s does not have a table named \"%s\"",
                      ctx->server, ctx->database, argv[0]);
        }
        monitor_table(&m, ts, argc - 1, argv + 1, NULL);
    }
    run_monitor(&m, NULL);
}

/* Shared by monitor-cond and monitor-cond-since: ARGV is CONDITION TABLE
 * [COLUMNS...]. */
static void
monitor_cond_common(struct monitor *m, int argc, char *argv[],
                    const char *last_id)
{
    struct ovsdb_client_context *ctx = m->ctx;
    const struct ovsdb_table_schema *ts
        = ovsdb_schema_get_table(m->schema, argv[1]);
    if (!ts) {
        ovs_fatal(0, "%s does not have a table named \"%s\"",
                  ctx->database, argv[1]);
    }

    char *error_string;
    json_t *where = ovsdb_client_json_parse(argv[0], strlen(argv[0]),
                                            &error_string);
    if (!where) {
        ovs_fatal(0, "\"%s\": %s", argv[0], error_string);
    }
    if (!json_is_array(where)) {
        ovs_fatal(0, "\"%s\": condition is not an array", argv[0]);
    }
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    struct ovsdb_error *error = ovsdb_condition_from_json(ts, where, NULL,
                                                          &cond);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    ovsdb_condition_destroy(&cond);

    monitor_table(m, ts, argc - 2, argv + 2, where);
    json_decref(where);
    run_monitor(m, last_id);
}

void
ovsdb_client_monitor_cond(struct ovsdb_client_context *ctx, int argc,
                          char *argv[])
{
    struct monitor m;
    monitor_init(&m, ctx, MONITOR_V2);
    monitor_cond_common(&m, argc, argv, NULL);
}

void
ovsdb_client_monitor_cond_since(struct ovsdb_client_context *ctx, int argc,
                                char *argv[])
{
    static const char zero_uuid[] = "00000000-0000-0000-0000-000000000000";
    struct monitor m;
    monitor_init(&m, ctx, MONITOR_V3);

    struct uuid uuid;
    const char *last_id = zero_uuid;
    if (argc > 2 && uuid_from_string(&uuid, argv[0])) {
        last_id = argv[0];
        argc--;
        argv++;
    }
    monitor_cond_common(&m, argc, argv, last_id);
}
