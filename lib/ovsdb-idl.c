/* ovsdb-idl: the IDL object, what it replicates (tables, columns,
 * conditions), its lock, and its connection to the server: the handshake
 * (set_db_change_aware, the _Server Database row, get_schema, then
 * monitor_cond_since falling back to monitor_cond and monitor) and the
 * dispatch of notifications and replies.  Rows and updates live in
 * ovsdb-idl-replica.c, transactions in ovsdb-idl-txn.c. */
#include "ovsdb-idl.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "jsonrpc.h"
#include "ovsdb-idl-private.h"
#include "ovsdb/column.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "ovsdb/table-schema.h"
#include "poll-loop.h"
#include "timeval.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* Messages handled per ovsdb_idl_run(). */
#define MAX_MSGS_PER_RUN 50

/* Without a _Server database, how long to wait before asking again for a
 * database the server does not have. */
#define NO_DB_RETRY_MSEC 1000

/* Monitor ids. */
#define DATA_MONITOR_ID "idl"
#define SERVER_MONITOR_ID "idl-server"

static void idl_send_monitor(struct ovsdb_idl *, int version);
static void idl_request_schema(struct ovsdb_idl *);

/* ---------------------------------------------------------------------- */
/* Creation and configuration. */

static void
table_init(struct ovsdb_idl *idl, struct ovsdb_idl_table *table,
           const struct ovsdb_table_schema *schema)
{
    table->schema = schema;
    table->idl = idl;
    table->n_columns = schema->n_columns;
    table->columns = xcalloc(table->n_columns, sizeof *table->columns);
    for (size_t i = 0; i < table->n_columns; i++) {
        struct ovsdb_idl_column *column = &table->columns[i];

        column->schema = schema->columns_by_index[i];
        column->table = table;
        column->on_server = true;
        ovsdb_type_clone(&column->type, &column->schema->type);
        ovsdb_base_type_clear_constraints(&column->type.key);
        ovsdb_base_type_clear_constraints(&column->type.value);
        ovsdb_datum_init_default(&column->default_, &column->type);
    }
    table->on_server = true;
    hmap_init(&table->rows);
    ovs_list_init(&table->track_list);
}

struct ovsdb_idl *
ovsdb_idl_create(const char *remote, struct ovsdb_schema *schema, bool retry)
{
    struct ovsdb_idl *idl = xzalloc(sizeof *idl);
    struct shash_node *node;
    size_t i;

    idl->schema = schema;
    shash_init(&idl->tables);
    idl->n_tables = shash_count(&schema->tables);
    idl->table_array = xcalloc(idl->n_tables ? idl->n_tables : 1,
                               sizeof *idl->table_array);
    i = 0;
    SHASH_FOR_EACH (node, &schema->tables) {
        struct ovsdb_idl_table *table = &idl->table_array[i++];

        table_init(idl, table, node->data);
        shash_add(&idl->tables, node->name, table);
    }
    idl->state = IDL_S_DISCONNECTED;
    idl->retry_at = LLONG_MAX;
    ovs_list_init(&idl->committed_txns);
    ovs_list_init(&idl->all_txns);
    if (remote) {
        idl->session = jsonrpc_session_open(remote, retry);
        idl->session_seqno = jsonrpc_session_get_seqno(idl->session);
    }
    return idl;
}

static void
clear_request_ids(struct ovsdb_idl *idl)
{
    json_decref(idl->request_id);
    idl->request_id = NULL;
    json_decref(idl->cond_request_id);
    idl->cond_request_id = NULL;
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
}

void
ovsdb_idl_destroy(struct ovsdb_idl *idl)
{
    if (!idl) {
        return;
    }
    idl_txn_detach_all(idl);
    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];

        idl_table_clear(table);
        hmap_destroy(&table->rows);
        json_decref(table->condition);
        for (size_t j = 0; j < table->n_columns; j++) {
            struct ovsdb_idl_column *column = &table->columns[j];

            ovsdb_datum_destroy(&column->default_, &column->type);
            ovsdb_type_destroy(&column->type);
        }
        free(table->columns);
    }
    free(idl->table_array);
    shash_destroy(&idl->tables);
    jsonrpc_session_close(idl->session);
    clear_request_ids(idl);
    free(idl->lock_name);
    ovsdb_schema_destroy(idl->schema);
    free(idl);
}

const struct ovsdb_schema *
ovsdb_idl_get_schema(const struct ovsdb_idl *idl)
{
    return idl->schema;
}

const char *
ovsdb_idl_get_db_name(const struct ovsdb_idl *idl)
{
    return idl->schema->name;
}

void
ovsdb_idl_set_probe_interval(struct ovsdb_idl *idl, int ms)
{
    if (idl->session) {
        jsonrpc_session_set_probe_interval(idl->session, ms);
    }
}

const struct ovsdb_idl_table *
ovsdb_idl_add_table(struct ovsdb_idl *idl, const char *name)
{
    struct ovsdb_idl_table *table = shash_find_data(&idl->tables, name);

    if (table) {
        table->monitored = true;
    }
    return table;
}

const struct ovsdb_idl_column *
ovsdb_idl_add_column(struct ovsdb_idl *idl, const char *table_name,
                     const char *column_name)
{
    struct ovsdb_idl_table *table = shash_find_data(&idl->tables,
                                                    table_name);
    const struct ovsdb_column *scol;
    struct ovsdb_idl_column *column;

    if (!table) {
        return NULL;
    }
    scol = ovsdb_table_schema_get_column(table->schema, column_name);
    if (!scol || scol->index == OVSDB_COL_UUID) {
        return NULL;
    }
    table->monitored = true;
    column = &table->columns[scol->index];
    if (!column->monitored) {
        struct ovsdb_idl_row *row;

        column->monitored = true;
        column->alert = true;
        /* Rows already replicated get the default until the next
         * snapshot brings the value. */
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            if (row->fields) {
                ovsdb_datum_destroy(&row->fields[scol->index],
                                    &column->type);
                ovsdb_datum_clone(&row->fields[scol->index],
                                  &column->default_, &column->type);
            }
        }
    }
    return column;
}

void
ovsdb_idl_add_all(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];

        for (size_t j = OVSDB_N_STD_COLUMNS; j < table->n_columns; j++) {
            ovsdb_idl_add_column(idl, table->schema->name,
                                 table->columns[j].schema->name);
        }
        table->monitored = true;
    }
}

void
ovsdb_idl_omit_alert(struct ovsdb_idl *idl OVS_UNUSED,
                     const struct ovsdb_idl_column *column)
{
    struct ovsdb_idl_column *c = (struct ovsdb_idl_column *) column;

    c->alert = false;
}

const struct ovsdb_idl_table *
ovsdb_idl_get_table(const struct ovsdb_idl *idl, const char *name)
{
    return shash_find_data(&idl->tables, name);
}

const struct ovsdb_idl_column *
ovsdb_idl_table_get_column(const struct ovsdb_idl_table *table,
                           const char *name)
{
    const struct ovsdb_column *scol;

    scol = ovsdb_table_schema_get_column(table->schema, name);
    return scol ? &table->columns[scol->index] : NULL;
}

const struct ovsdb_idl_column *
ovsdb_idl_get_column(const struct ovsdb_idl *idl, const char *table_name,
                     const char *column_name)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_get_table(idl,
                                                              table_name);

    return table ? ovsdb_idl_table_get_column(table, column_name) : NULL;
}

const char *
ovsdb_idl_table_get_name(const struct ovsdb_idl_table *table)
{
    return table->schema->name;
}

const char *
ovsdb_idl_column_get_name(const struct ovsdb_idl_column *column)
{
    return column->schema->name;
}

const struct ovsdb_type *
ovsdb_idl_column_get_type(const struct ovsdb_idl_column *column)
{
    return &column->schema->type;
}

const struct ovsdb_idl_table *
ovsdb_idl_column_get_table(const struct ovsdb_idl_column *column)
{
    return column->table;
}

bool
ovsdb_idl_table_exists_on_server(const struct ovsdb_idl_table *table)
{
    return table->on_server;
}

bool
ovsdb_idl_column_exists_on_server(const struct ovsdb_idl_column *column)
{
    return column->on_server;
}

/* ---------------------------------------------------------------------- */
/* Conditions. */

/* True if CONDITION replicates every row: [] or [true]. */
static bool
condition_is_all(const json_t *condition)
{
    size_t n = json_array_size(condition);

    return n == 0 || (n == 1 && json_is_true(json_array_get(condition, 0)));
}

unsigned int
ovsdb_idl_set_condition(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_table *table_,
                        const json_t *condition)
{
    struct ovsdb_idl_table *table = (struct ovsdb_idl_table *) table_;
    json_t *new = NULL;

    if (condition && (!json_is_array(condition)
                      || !condition_is_all(condition))) {
        new = json_deep_copy(condition);
    }
    if ((!new && !table->condition)
        || (new && table->condition && json_equal(new, table->condition))) {
        json_decref(new);
        return idl->cond_requested;
    }
    json_decref(table->condition);
    table->condition = new;
    table->cond_pending = true;
    return ++idl->cond_requested;
}

unsigned int
ovsdb_idl_get_condition_seqno(const struct ovsdb_idl *idl)
{
    return idl->cond_seqno;
}

static bool
any_cond_pending(const struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->n_tables; i++) {
        if (idl->table_array[i].cond_pending) {
            return true;
        }
    }
    return false;
}

static json_t *
condition_json(const struct ovsdb_idl_table *table)
{
    return (table->condition ? json_incref(table->condition)
            : json_pack("[b]", 1));
}

/* Sends the pending condition changes with monitor_cond_change (or, for
 * a plain "monitor", acknowledges them at once: it has no conditions). */
static void
send_cond_change(struct ovsdb_idl *idl)
{
    json_t *updates, *params;
    struct jsonrpc_msg *msg;

    if (idl->monitor_version < 2) {
        for (size_t i = 0; i < idl->n_tables; i++) {
            idl->table_array[i].cond_pending = false;
        }
        idl->cond_seqno = idl->cond_requested;
        return;
    }
    updates = json_object();
    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];

        if (table->cond_pending) {
            table->cond_pending = false;
            if (table->monitored && table->on_server) {
                json_object_set_new(updates, table->schema->name,
                                    json_pack("[{s:o}]", "where",
                                              condition_json(table)));
            }
        }
    }
    if (!json_object_size(updates)) {
        json_decref(updates);
        idl->cond_seqno = idl->cond_requested;
        return;
    }
    params = json_pack("[s, s, o]", DATA_MONITOR_ID, DATA_MONITOR_ID,
                       updates);
    msg = jsonrpc_create_request("monitor_cond_change", params,
                                 &idl->cond_request_id);
    idl->cond_request_seqno = idl->cond_requested;
    jsonrpc_session_send(idl->session, msg);
}

/* ---------------------------------------------------------------------- */
/* Locks. */

static void
send_simple(struct ovsdb_idl *idl, const char *method, json_t *params,
            json_t **idp)
{
    jsonrpc_session_send(idl->session,
                         jsonrpc_create_request(method, params, idp));
}

static void
send_lock_request(struct ovsdb_idl *idl)
{
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    send_simple(idl, "lock", json_pack("[s]", idl->lock_name),
                &idl->lock_request_id);
}

static void
set_has_lock(struct ovsdb_idl *idl, bool has_lock, bool contended)
{
    if (idl->has_lock != has_lock) {
        idl->change_seqno++;
    }
    idl->has_lock = has_lock;
    idl->lock_contended = contended;
}

static bool
session_is_up(const struct ovsdb_idl *idl)
{
    return idl->session && idl->state != IDL_S_DISCONNECTED;
}

void
ovsdb_idl_set_lock(struct ovsdb_idl *idl, const char *name)
{
    if ((!name && !idl->lock_name)
        || (name && idl->lock_name && !strcmp(name, idl->lock_name))) {
        return;
    }
    if (idl->lock_name && session_is_up(idl)) {
        send_simple(idl, "unlock", json_pack("[s]", idl->lock_name), NULL);
    }
    free(idl->lock_name);
    idl->lock_name = nullable_xstrdup(name);
    set_has_lock(idl, false, false);
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    if (name && session_is_up(idl)) {
        send_lock_request(idl);
    }
}

bool
ovsdb_idl_has_lock(const struct ovsdb_idl *idl)
{
    return idl->has_lock;
}

bool
ovsdb_idl_is_lock_contended(const struct ovsdb_idl *idl)
{
    return idl->lock_contended;
}

static bool
params_name_is(const json_t *params, const char *name)
{
    const json_t *p0 = json_array_get(params, 0);

    return (json_is_array(params) && json_array_size(params) == 1
            && json_is_string(p0) && name
            && !strcmp(json_string_value(p0), name));
}

/* ---------------------------------------------------------------------- */
/* The handshake. */

static const char *
state_name(enum idl_state state)
{
    switch (state) {
    case IDL_S_DISCONNECTED: return "DISCONNECTED";
    case IDL_S_SERVER_MONITOR_REQUESTED: return "SERVER_MONITOR_REQUESTED";
    case IDL_S_DATA_SCHEMA_REQUESTED: return "DATA_SCHEMA_REQUESTED";
    case IDL_S_MONITOR_COND_SINCE_REQUESTED:
        return "MONITOR_COND_SINCE_REQUESTED";
    case IDL_S_MONITOR_COND_REQUESTED: return "MONITOR_COND_REQUESTED";
    case IDL_S_MONITOR_REQUESTED: return "MONITOR_REQUESTED";
    case IDL_S_MONITORING: return "MONITORING";
    case IDL_S_NO_DB: return "NO_DB";
    }
    return "UNKNOWN";
}

const char *
ovsdb_idl_get_state_name(const struct ovsdb_idl *idl)
{
    return state_name(idl->state);
}

static void
set_state(struct ovsdb_idl *idl, enum idl_state state)
{
    if (idl->state != state) {
        VLOG_DBG("%s: %s -> %s", idl->schema->name, state_name(idl->state),
                 state_name(state));
        idl->state = state;
    }
}

/* Sends a handshake request; its reply is handled by the current
 * state. */
static void
send_handshake(struct ovsdb_idl *idl, enum idl_state state,
               const char *method, json_t *params)
{
    json_decref(idl->request_id);
    idl->request_id = NULL;
    send_simple(idl, method, params, &idl->request_id);
    set_state(idl, state);
}

static void
request_server_monitor(struct ovsdb_idl *idl)
{
    json_t *params;

    params = json_pack("[s, s, {s: [{s: [s, s, s, s], s: [[s, s, s]]}]}]",
                       "_Server", SERVER_MONITOR_ID, "Database",
                       "columns", "name", "model", "connected", "schema",
                       "where", "name", "==", idl->schema->name);
    send_handshake(idl, IDL_S_SERVER_MONITOR_REQUESTED, "monitor_cond",
                   params);
}

static void
idl_request_schema(struct ovsdb_idl *idl)
{
    idl->retry_at = LLONG_MAX;
    send_handshake(idl, IDL_S_DATA_SCHEMA_REQUESTED, "get_schema",
                   json_pack("[s]", idl->schema->name));
}

static void
start_handshake(struct ovsdb_idl *idl)
{
    idl->stats.n_connects++;
    send_simple(idl, "set_db_change_aware", json_pack("[b]", 1), NULL);
    if (idl->lock_name) {
        send_lock_request(idl);
    }
    request_server_monitor(idl);
}

/* Forgets everything about the connection that just went away. */
static void
connection_reset(struct ovsdb_idl *idl)
{
    idl_txn_abort_all_committed(idl);
    clear_request_ids(idl);
    set_has_lock(idl, false, false);
    idl->server_db_monitored = false;
    idl->server_db_present = false;
    idl->retry_at = LLONG_MAX;
    idl->monitor_version = 0;
    if (idl->cond_seqno != idl->cond_requested) {
        /* The server's history would not include the rows that the new
         * conditions bring in: ask for a complete snapshot. */
        uuid_zero(&idl->last_id);
    }
    set_state(idl, IDL_S_DISCONNECTED);
}

/* The server's schema arrived: notes which of our tables and columns it
 * has, then asks for the monitor. */
static void
handle_schema_reply(struct ovsdb_idl *idl, const json_t *result)
{
    struct ovsdb_schema *server;
    struct ovsdb_error *error;

    error = ovsdb_schema_from_json(result, &server);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        VLOG_WARN_RL(&rl, "%s: server sent a bad schema (%s); using ours",
                     idl->schema->name, s);
        free(s);
        server = NULL;
    }
    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];
        const struct ovsdb_table_schema *st;

        st = server ? ovsdb_schema_get_table(server, table->schema->name)
                    : table->schema;
        table->on_server = st != NULL;
        if (!st && table->monitored) {
            VLOG_WARN("%s: server has no table %s: not replicated",
                      idl->schema->name, table->schema->name);
        }
        for (size_t j = 0; j < table->n_columns; j++) {
            struct ovsdb_idl_column *column = &table->columns[j];

            column->on_server = (st && ovsdb_table_schema_get_column(
                                     st, column->schema->name));
            if (st && !column->on_server && column->monitored) {
                VLOG_WARN("%s: server has no column %s in table %s: not "
                          "replicated", idl->schema->name,
                          column->schema->name, table->schema->name);
            }
        }
    }
    ovsdb_schema_destroy(server);
    idl_send_monitor(idl, 3);
}

static json_t *
monitor_requests(struct ovsdb_idl *idl, int version)
{
    json_t *requests = json_object();

    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];
        json_t *columns, *request;

        table->cond_pending = false;
        if (!table->monitored || !table->on_server) {
            continue;
        }
        columns = json_array();
        for (size_t j = OVSDB_N_STD_COLUMNS; j < table->n_columns; j++) {
            const struct ovsdb_idl_column *column = &table->columns[j];

            if (column->monitored && column->on_server) {
                json_array_append_new(columns,
                                      json_string(column->schema->name));
            }
        }
        if (table->columns[OVSDB_COL_VERSION].monitored) {
            json_array_append_new(columns, json_string("_version"));
        }
        request = json_pack("{s:o}", "columns", columns);
        if (version >= 2) {
            if (table->condition) {
                json_object_set(request, "where", table->condition);
            }
            request = json_pack("[o]", request);
        }
        json_object_set_new(requests, table->schema->name, request);
    }
    return requests;
}

static void
idl_send_monitor(struct ovsdb_idl *idl, int version)
{
    json_t *requests = monitor_requests(idl, version);
    const char *db = idl->schema->name;
    char last_id[UUID_LEN + 1];

    idl->monitor_cond_seqno = idl->cond_requested;
    switch (version) {
    case 3:
        uuid_to_string(&idl->last_id, last_id);
        send_handshake(idl, IDL_S_MONITOR_COND_SINCE_REQUESTED,
                       "monitor_cond_since",
                       json_pack("[s, s, o, s]", db, DATA_MONITOR_ID,
                                 requests, last_id));
        break;
    case 2:
        send_handshake(idl, IDL_S_MONITOR_COND_REQUESTED, "monitor_cond",
                       json_pack("[s, s, o]", db, DATA_MONITOR_ID,
                                 requests));
        break;
    default:
        send_handshake(idl, IDL_S_MONITOR_REQUESTED, "monitor",
                       json_pack("[s, s, o]", db, DATA_MONITOR_ID,
                                 requests));
        break;
    }
}

static void
apply_updates(struct ovsdb_idl *idl, int version, const json_t *updates,
              bool full)
{
    char *error = idl_apply_table_updates(idl, version, updates, full);

    if (error) {
        VLOG_WARN_RL(&rl, "%s: bad update from server: %s",
                     idl->schema->name, error);
        free(error);
    }
}

/* The monitor reply arrived: the replica is live. */
static void
monitor_started(struct ovsdb_idl *idl, int version, const json_t *updates,
                bool full)
{
    idl->monitor_version = version;
    idl->stats.monitor_version = version;
    apply_updates(idl, version == 1 ? 1 : 2, updates, full);
    if (full) {
        idl->stats.n_full_loads++;
    } else {
        idl->stats.n_delta_loads++;
    }
    idl->cond_seqno = idl->monitor_cond_seqno;
    idl->ever_synced = true;
    idl->change_seqno++;
    set_state(idl, IDL_S_MONITORING);
}

static bool
is_unknown_method(const struct jsonrpc_msg *msg)
{
    const json_t *error = msg->error;
    const char *s = (json_is_string(error) ? json_string_value(error)
                     : json_string_value(json_object_get(error, "error")));

    return s && !strcmp(s, "unknown method");
}

static char *
msg_error_string(const struct jsonrpc_msg *msg)
{
    return json_dumps(msg->error, JSON_COMPACT | JSON_ENCODE_ANY);
}

static void
monitor_failed(struct ovsdb_idl *idl, const char *method,
               const struct jsonrpc_msg *msg)
{
    char *s = msg_error_string(msg);

    VLOG_WARN_RL(&rl, "%s: %s failed: %s; reconnecting", idl->schema->name,
                 method, s ? s : "");
    free(s);
    jsonrpc_session_force_reconnect(idl->session);
}

/* Handles a change of the _Server Database rows for our database. */
static void
apply_server_updates(struct ovsdb_idl *idl, const json_t *updates)
{
    const json_t *table = json_object_get(updates, "Database");
    const char *uuid_s;
    json_t *row_update;
    bool was_present = idl->server_db_present;

    if (!json_is_object(table)) {
        return;
    }
    json_object_foreach ((json_t *) table, uuid_s, row_update) {
        struct uuid uuid;
        const json_t *row;

        if (!uuid_from_string(&uuid, uuid_s) || !json_is_object(row_update)) {
            continue;
        }
        if ((row = json_object_get(row_update, "initial"))
            || (row = json_object_get(row_update, "insert"))) {
            const char *name = json_string_value(json_object_get(row,
                                                                 "name"));

            if (name && !strcmp(name, idl->schema->name)) {
                idl->server_db_present = true;
                idl->server_db_row = uuid;
            }
        } else if (json_object_get(row_update, "delete")
                   && idl->server_db_present
                   && uuid_equals(&uuid, &idl->server_db_row)) {
            idl->server_db_present = false;
        }
    }
    if (idl->server_db_present && !was_present
        && idl->state == IDL_S_NO_DB) {
        VLOG_INFO("%s: database appeared on the server", idl->schema->name);
        idl_request_schema(idl);
    } else if (!idl->server_db_present && was_present) {
        VLOG_INFO("%s: database removed from the server",
                  idl->schema->name);
        set_state(idl, IDL_S_NO_DB);
    }
}

static void
enter_no_db(struct ovsdb_idl *idl)
{
    set_state(idl, IDL_S_NO_DB);
    if (!idl->server_db_monitored) {
        idl->retry_at = time_msec() + NO_DB_RETRY_MSEC;
    }
}

/* Handles the reply to the handshake request of the current state. */
static void
handle_handshake_reply(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    bool ok = msg->type == JSONRPC_REPLY;
    const json_t *result = msg->result;

    json_decref(idl->request_id);
    idl->request_id = NULL;
    switch (idl->state) {
    case IDL_S_SERVER_MONITOR_REQUESTED:
        if (ok) {
            idl->server_db_monitored = true;
            apply_server_updates(idl, result);
            if (!idl->server_db_present) {
                VLOG_INFO_RL(&rl, "%s: server does not have this database "
                             "(yet)", idl->schema->name);
                enter_no_db(idl);
                break;
            }
        }
        idl_request_schema(idl);
        break;

    case IDL_S_DATA_SCHEMA_REQUESTED:
        if (ok) {
            handle_schema_reply(idl, result);
        } else {
            char *s = msg_error_string(msg);

            VLOG_INFO_RL(&rl, "%s: get_schema failed: %s",
                         idl->schema->name, s ? s : "");
            free(s);
            enter_no_db(idl);
        }
        break;

    case IDL_S_MONITOR_COND_SINCE_REQUESTED:
        if (!ok) {
            if (is_unknown_method(msg)) {
                idl_send_monitor(idl, 2);
            } else {
                monitor_failed(idl, "monitor_cond_since", msg);
            }
        } else if (!json_is_array(result) || json_array_size(result) != 3
                   || !json_is_boolean(json_array_get(result, 0))
                   || !json_is_string(json_array_get(result, 1))) {
            VLOG_WARN_RL(&rl, "%s: bad monitor_cond_since reply",
                         idl->schema->name);
            jsonrpc_session_force_reconnect(idl->session);
        } else {
            bool found = json_is_true(json_array_get(result, 0));
            const char *id = json_string_value(json_array_get(result, 1));

            if (!uuid_from_string(&idl->last_id, id)) {
                uuid_zero(&idl->last_id);
            }
            monitor_started(idl, 3, json_array_get(result, 2), !found);
        }
        break;

    case IDL_S_MONITOR_COND_REQUESTED:
        if (!ok) {
            if (is_unknown_method(msg)) {
                idl_send_monitor(idl, 1);
            } else {
                monitor_failed(idl, "monitor_cond", msg);
            }
        } else {
            uuid_zero(&idl->last_id);
            monitor_started(idl, 2, result, true);
        }
        break;

    case IDL_S_MONITOR_REQUESTED:
        if (!ok) {
            monitor_failed(idl, "monitor", msg);
        } else {
            uuid_zero(&idl->last_id);
            monitor_started(idl, 1, result, true);
        }
        break;

    case IDL_S_DISCONNECTED:
    case IDL_S_MONITORING:
    case IDL_S_NO_DB:
        break;
    }
}

static bool
monitor_id_is(const json_t *id, const char *name)
{
    return json_is_string(id) && !strcmp(json_string_value(id), name);
}

static void
handle_notification(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    const json_t *params = msg->params;
    const json_t *id = json_array_get(params, 0);
    size_t n = json_array_size(params);

    if (!strcmp(msg->method, "update") || !strcmp(msg->method, "update2")) {
        if (n != 2) {
            return;
        }
        if (monitor_id_is(id, DATA_MONITOR_ID)
            && idl->state == IDL_S_MONITORING) {
            idl->stats.n_updates++;
            apply_updates(idl, strcmp(msg->method, "update") ? 2 : 1,
                          json_array_get(params, 1), false);
        } else if (monitor_id_is(id, SERVER_MONITOR_ID)) {
            apply_server_updates(idl, json_array_get(params, 1));
        }
    } else if (!strcmp(msg->method, "update3")) {
        const char *last_id = json_string_value(json_array_get(params, 1));

        if (n == 3 && last_id && monitor_id_is(id, DATA_MONITOR_ID)
            && idl->state == IDL_S_MONITORING) {
            idl->stats.n_updates++;
            apply_updates(idl, 2, json_array_get(params, 2), false);
            if (!uuid_from_string(&idl->last_id, last_id)) {
                uuid_zero(&idl->last_id);
            }
        }
    } else if (!strcmp(msg->method, "locked")) {
        if (params_name_is(params, idl->lock_name)) {
            set_has_lock(idl, true, false);
        }
    } else if (!strcmp(msg->method, "stolen")) {
        if (params_name_is(params, idl->lock_name)) {
            VLOG_INFO("%s: lock %s stolen by another client",
                      idl->schema->name, idl->lock_name);
            set_has_lock(idl, false, true);
            /* Get back in line for the lock. */
            send_simple(idl, "unlock", json_pack("[s]", idl->lock_name),
                        NULL);
            send_lock_request(idl);
        }
    } else if (!strcmp(msg->method, "monitor_canceled")) {
        if (n != 1) {
            return;
        }
        if (monitor_id_is(id, DATA_MONITOR_ID)) {
            VLOG_INFO("%s: server canceled the monitor (database changed "
                      "or removed); starting over", idl->schema->name);
            uuid_zero(&idl->last_id);
            if (!idl->server_db_monitored || idl->server_db_present) {
                idl_request_schema(idl);
            } else {
                enter_no_db(idl);
            }
        } else if (monitor_id_is(id, SERVER_MONITOR_ID)) {
            idl->server_db_monitored = false;
        }
    }
}

static void
handle_reply(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    if (idl->request_id && json_equal(msg->id, idl->request_id)) {
        handle_handshake_reply(idl, msg);
    } else if (idl->cond_request_id
               && json_equal(msg->id, idl->cond_request_id)) {
        json_decref(idl->cond_request_id);
        idl->cond_request_id = NULL;
        if (msg->type == JSONRPC_ERROR) {
            char *s = msg_error_string(msg);

            VLOG_WARN_RL(&rl, "%s: monitor_cond_change failed: %s",
                         idl->schema->name, s ? s : "");
            free(s);
        }
        idl->cond_seqno = idl->cond_request_seqno;
    } else if (idl->lock_request_id
               && json_equal(msg->id, idl->lock_request_id)) {
        json_decref(idl->lock_request_id);
        idl->lock_request_id = NULL;
        if (msg->type == JSONRPC_REPLY) {
            bool locked = json_is_true(json_object_get(msg->result,
                                                       "locked"));

            set_has_lock(idl, locked, !locked);
        }
    } else {
        idl_txn_process_reply(idl, msg);
    }
}

/* ---------------------------------------------------------------------- */
/* Main loop. */

void
ovsdb_idl_run(struct ovsdb_idl *idl)
{
    unsigned int seqno;
    int i;

    if (!idl->session) {
        return;
    }
    jsonrpc_session_run(idl->session);
    seqno = jsonrpc_session_get_seqno(idl->session);
    if (seqno != idl->session_seqno) {
        idl->session_seqno = seqno;
        connection_reset(idl);
        if (jsonrpc_session_is_connected(idl->session)) {
            start_handshake(idl);
        }
    }
    if (idl->state == IDL_S_NO_DB && time_msec() >= idl->retry_at) {
        idl_request_schema(idl);
    }

    for (i = 0; i < MAX_MSGS_PER_RUN; i++) {
        struct jsonrpc_msg *msg = jsonrpc_session_recv(idl->session);

        if (!msg) {
            break;
        }
        if (msg->type == JSONRPC_NOTIFY) {
            handle_notification(idl, msg);
        } else if (msg->type == JSONRPC_REPLY
                   || msg->type == JSONRPC_ERROR) {
            handle_reply(idl, msg);
        }
        jsonrpc_msg_destroy(msg);
        if (seqno != jsonrpc_session_get_seqno(idl->session)) {
            break;              /* Handled at the next run. */
        }
    }
    idl->has_more = i >= MAX_MSGS_PER_RUN;

    if (idl->state == IDL_S_MONITORING && !idl->cond_request_id
        && any_cond_pending(idl)) {
        send_cond_change(idl);
    }
}

void
ovsdb_idl_wait(struct ovsdb_idl *idl)
{
    if (!idl->session) {
        return;
    }
    jsonrpc_session_wait(idl->session);
    jsonrpc_session_recv_wait(idl->session);
    if (idl->has_more
        || idl->session_seqno != jsonrpc_session_get_seqno(idl->session)
        || (idl->state == IDL_S_MONITORING && !idl->cond_request_id
            && any_cond_pending(idl))) {
        poll_immediate_wake();
    }
    if (idl->state == IDL_S_NO_DB && idl->retry_at != LLONG_MAX) {
        poll_timer_wait_until(idl->retry_at);
    }
}

unsigned int
ovsdb_idl_get_seqno(const struct ovsdb_idl *idl)
{
    return idl->change_seqno;
}

bool
ovsdb_idl_has_ever_connected(const struct ovsdb_idl *idl)
{
    return idl->ever_synced;
}

bool
ovsdb_idl_is_connected(const struct ovsdb_idl *idl)
{
    return idl->state == IDL_S_MONITORING;
}

bool
ovsdb_idl_is_alive(const struct ovsdb_idl *idl)
{
    return idl->session && jsonrpc_session_is_alive(idl->session);
}

int
ovsdb_idl_get_last_error(const struct ovsdb_idl *idl)
{
    return idl->session ? jsonrpc_session_get_last_error(idl->session) : 0;
}

void
ovsdb_idl_force_reconnect(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

bool
ovsdb_idl_sync_block(struct ovsdb_idl *idl, long long int timeout_ms)
{
    long long int deadline = (timeout_ms < 0 ? LLONG_MAX
                              : time_msec() + timeout_ms);

    for (;;) {
        ovsdb_idl_run(idl);
        if (idl->state == IDL_S_MONITORING) {
            return true;
        }
        if (!ovsdb_idl_is_alive(idl) || time_msec() >= deadline) {
            return false;
        }
        ovsdb_idl_wait(idl);
        if (deadline != LLONG_MAX) {
            poll_timer_wait_until(deadline);
        }
        poll_block();
    }
}

void
ovsdb_idl_get_stats(const struct ovsdb_idl *idl,
                    struct ovsdb_idl_stats *stats)
{
    *stats = idl->stats;
}

const struct uuid *
ovsdb_idl_get_last_txn_id(const struct ovsdb_idl *idl)
{
    return &idl->last_id;
}
