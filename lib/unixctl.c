/* unixctl: the server and client ends of the `ovs-appctl` control
 * channel, wire-compatible with Open vSwitch 3.1.
 *
 * A request is a JSON-RPC request whose method is the command name and
 * whose params are the arguments as strings; the reply's "result" is the
 * command's output text, or its "error" the failure text, both ending in a
 * new-line when not empty.  Commands live in one process-wide table; each
 * connection handles one request at a time, so a handler may answer later
 * (deferred reply) and the connection, even if its peer has gone away,
 * stays alive until it does. */
#include "unixctl.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ds.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "list.h"
#include "poll-loop.h"
#include "shash.h"
#include "stream.h"
#include "timeval.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(unixctl);

struct unixctl_command {
    char *usage;
    int min_args, max_args;
    unixctl_cb_func *cb;
    void *aux;
};

struct unixctl_conn {
    struct ovs_list node;       /* In server->conns. */
    struct jsonrpc *rpc;
    json_t *request_id;         /* Request being handled, or NULL. */
};

struct unixctl_server {
    struct pstream *listener;
    struct ovs_list conns;      /* Contains struct unixctl_conn. */
    char *path;                 /* Socket file name. */
};

static struct shash commands = SHASH_INITIALIZER(&commands);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

void
unixctl_command_register(const char *name, const char *usage,
                         int min_args, int max_args,
                         unixctl_cb_func *cb, void *aux)
{
    struct unixctl_command *command = xmalloc(sizeof *command);
    command->usage = xstrdup(usage ? usage : "");
    command->min_args = min_args;
    command->max_args = max_args;
    command->cb = cb;
    command->aux = aux;

    struct unixctl_command *old = shash_replace(&commands, name, command);
    if (old) {
        free(old->usage);
        free(old);
    }
}

static void
unixctl_list_commands(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    const struct shash_node **nodes = shash_sort(&commands);

    ds_put_cstr(&s, "The available commands are:\n");
    for (size_t i = 0; i < shash_count(&commands); i++) {
        const struct unixctl_command *command = nodes[i]->data;
        ds_put_format(&s, "  %-23s %s\n", nodes[i]->name, command->usage);
    }
    free(nodes);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_version(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *version = xasprintf("%s (Open vSwitch) %s\n", program_name,
                              OVS_VERSION);
    unixctl_command_reply(conn, version);
    free(version);
}

static void
register_builtins(void)
{
    static bool done;
    if (!done) {
        done = true;
        if (!shash_find(&commands, "list-commands")) {
            unixctl_command_register("list-commands", "", 0, 0,
                                     unixctl_list_commands, NULL);
        }
        if (!shash_find(&commands, "version")) {
            unixctl_command_register("version", "", 0, 0, unixctl_version,
                                     NULL);
        }
    }
}

/* Text with a trailing new-line added when BODY is not empty and lacks
 * one (OVS's rule).  Caller frees. */
static char *
terminate_body(const char *body)
{
    size_t len = body ? strlen(body) : 0;
    if (!len) {
        return xstrdup("");
    }
    return (body[len - 1] == '\n'
            ? xstrdup(body) : xasprintf("%s\n", body));
}

static void
unixctl_reply__(struct unixctl_conn *conn, bool success, const char *body)
{
    if (!conn->request_id) {
        VLOG_WARN("reply without a pending request: %s", body ? body : "");
        return;
    }

    char *text = terminate_body(body);
    if (VLOG_IS_DBG_ENABLED()) {
        char *id = json_dumps(conn->request_id, JSON_ENCODE_ANY);
        VLOG_DBG("replying with %s, id=%s: \"%s\"",
                 success ? "success" : "error", id ? id : "?",
                 body ? body : "");
        free(id);
    }

    struct jsonrpc_msg *reply
        = (success
           ? jsonrpc_create_reply(json_string(text), conn->request_id)
           : jsonrpc_create_error(json_string(text), conn->request_id));
    free(text);
    /* A failed send leaves the connection broken; the next
     * unixctl_server_run() then disposes of it. */
    int error = jsonrpc_send(conn->rpc, reply);
    if (error) {
        VLOG_DBG("%s: failed to send reply (%s)",
                 jsonrpc_get_name(conn->rpc), ovs_strerror(error));
    }
    json_decref(conn->request_id);
    conn->request_id = NULL;
    /* Process further requests queued on this connection. */
    poll_immediate_wake();
}

void
unixctl_command_reply(struct unixctl_conn *conn, const char *body)
{
    unixctl_reply__(conn, true, body);
}

void
unixctl_command_reply_error(struct unixctl_conn *conn, const char *error)
{
    unixctl_reply__(conn, false, error);
}

/* Server. */

int
unixctl_server_create(const char *path, struct unixctl_server **serverp)
{
    *serverp = NULL;
    if (path && !strcmp(path, "none")) {
        return 0;
    }

    char *abs_path = (path
                      ? abs_file_name(ovs_rundir(), path)
                      : xasprintf("%s/%s.%ld.ctl", ovs_rundir(),
                                  program_name, (long) getpid()));
    char *name = xasprintf("punix:%s", abs_path);
    struct pstream *listener;
    int error = pstream_open(name, &listener);
    free(name);
    if (error) {
        ovs_error(error, "%s: could not initialize control socket",
                  abs_path);
        free(abs_path);
        return error;
    }

    /* The socket file goes away when a fatal signal kills the daemon. */
    fatal_signal_add_file_to_unlink(abs_path);

    register_builtins();
    struct unixctl_server *server = xmalloc(sizeof *server);
    server->listener = listener;
    server->path = abs_path;
    ovs_list_init(&server->conns);
    *serverp = server;
    return 0;
}

const char *
unixctl_server_get_path(const struct unixctl_server *server)
{
    return server ? server->path : NULL;
}

static void
kill_connection(struct unixctl_conn *conn)
{
    ovs_list_remove(&conn->node);
    jsonrpc_close(conn->rpc);
    json_decref(conn->request_id);
    free(conn);
}

static void
process_command(struct unixctl_conn *conn, struct jsonrpc_msg *request)
{
    const json_t *params = request->params;
    size_t n_params = json_is_array(params) ? json_array_size(params) : 0;

    conn->request_id = json_incref(request->id);

    if (VLOG_IS_DBG_ENABLED()) {
        char *p = params ? json_dumps(params, JSON_ENCODE_ANY | JSON_COMPACT)
                         : NULL;
        char *id = json_dumps(request->id, JSON_ENCODE_ANY);
        VLOG_DBG("received request %s%s, id=%s", request->method,
                 p ? p : "[]", id ? id : "?");
        free(p);
        free(id);
    }

    const struct unixctl_command *command
        = shash_find_data(&commands, request->method);
    char *error = NULL;
    if (!command) {
        error = xasprintf("\"%s\" is not a valid command (use "
                          "\"list-commands\" to see a list of valid "
                          "commands)", request->method);
    } else if (n_params < (size_t) command->min_args) {
        error = xasprintf("\"%s\" command requires at least %d arguments",
                          request->method, command->min_args);
    } else if (n_params > (size_t) command->max_args) {
        error = xasprintf("\"%s\" command takes at most %d arguments",
                          request->method, command->max_args);
    } else {
        for (size_t i = 0; i < n_params; i++) {
            if (!json_is_string(json_array_get(params, i))) {
                error = xasprintf("\"%s\" command has non-string argument",
                                  request->method);
                break;
            }
        }
    }
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }

    const char **argv = xcalloc(n_params + 2, sizeof *argv);
    argv[0] = request->method;
    for (size_t i = 0; i < n_params; i++) {
        argv[i + 1] = json_string_value(json_array_get(params, i));
    }
    command->cb(conn, n_params + 1, argv, command->aux);
    free(argv);
}

/* Returns nonzero if CONN should be destroyed. */
static int
run_connection(struct unixctl_conn *conn)
{
    jsonrpc_run(conn->rpc);
    int error = jsonrpc_get_status(conn->rpc);

    for (int i = 0; i < 10 && !error && !conn->request_id; i++) {
        struct jsonrpc_msg *msg;
        error = jsonrpc_recv(conn->rpc, &msg);
        if (error == EAGAIN) {
            error = 0;
            break;
        } else if (error) {
            break;
        }
        if (msg->type == JSONRPC_REQUEST) {
            process_command(conn, msg);
        } else {
            VLOG_WARN_RL(&rl, "%s: received unexpected %s message",
                         jsonrpc_get_name(conn->rpc),
                         msg->type == JSONRPC_NOTIFY ? "notification"
                         : msg->type == JSONRPC_REPLY ? "reply" : "error");
            error = EINVAL;
        }
        jsonrpc_msg_destroy(msg);
        if (!error) {
            error = jsonrpc_get_status(conn->rpc);
        }
    }
    /* A pending deferred reply keeps the connection until it is sent. */
    return conn->request_id ? 0 : error;
}

void
unixctl_server_run(struct unixctl_server *server)
{
    /* Every daemon's loop runs this, so it also handles fatal signals. */
    fatal_signal_run();
    if (!server) {
        return;
    }

    for (int i = 0; i < 10; i++) {
        struct stream *stream;
        int error = pstream_accept(server->listener, &stream);
        if (!error) {
            struct unixctl_conn *conn = xzalloc(sizeof *conn);
            conn->rpc = jsonrpc_open(stream);
            ovs_list_push_back(&server->conns, &conn->node);
        } else if (error == EAGAIN) {
            break;
        } else {
            VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                         pstream_get_name(server->listener),
                         ovs_strerror(error));
            break;
        }
    }

    struct unixctl_conn *conn;
    LIST_FOR_EACH_SAFE (conn, node, &server->conns) {
        if (run_connection(conn)) {
            kill_connection(conn);
        }
    }
}

void
unixctl_server_wait(struct unixctl_server *server)
{
    fatal_signal_wait();
    if (!server) {
        return;
    }
    pstream_wait(server->listener);

    struct unixctl_conn *conn;
    LIST_FOR_EACH (conn, node, &server->conns) {
        jsonrpc_wait(conn->rpc);
        if (!conn->request_id) {
            jsonrpc_recv_wait(conn->rpc);
        }
    }
}

void
unixctl_server_destroy(struct unixctl_server *server)
{
    if (!server) {
        return;
    }
    struct unixctl_conn *conn;
    LIST_FOR_EACH_SAFE (conn, node, &server->conns) {
        kill_connection(conn);
    }
    pstream_close(server->listener);
    fatal_signal_remove_file_to_unlink(server->path);
    free(server->path);
    free(server);
}

/* Client. */

int
unixctl_client_create(const char *path, struct jsonrpc **clientp)
{
    char *abs_path = abs_file_name(ovs_rundir(), path);
    char *name = xasprintf("unix:%s", abs_path);
    struct stream *stream;
    int error = stream_open_block(name, -1, &stream);
    free(name);
    free(abs_path);

    if (error) {
        VLOG_WARN("failed to connect to %s", path);
        *clientp = NULL;
        return error;
    }
    *clientp = jsonrpc_open(stream);
    return 0;
}

/* Waits for the reply to REQUEST_ID until DEADLINE (msec; LLONG_MAX:
 * forever). */
static int
recv_reply(struct jsonrpc *client, const json_t *request_id,
           long long int deadline, struct jsonrpc_msg **replyp)
{
    for (;;) {
        struct jsonrpc_msg *msg;
        jsonrpc_run(client);
        int error = jsonrpc_recv(client, &msg);
        if (!error) {
            if ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
                && json_equal(msg->id, (json_t *) request_id)) {
                *replyp = msg;
                return 0;
            }
            if (msg->type == JSONRPC_REQUEST
                && !strcmp(msg->method, "echo")) {
                jsonrpc_send(client, jsonrpc_create_reply(
                                 json_incref(msg->params), msg->id));
            }
            jsonrpc_msg_destroy(msg);
            continue;
        } else if (error != EAGAIN) {
            return error;
        }
        if (time_msec() >= deadline) {
            return ETIMEDOUT;
        }
        jsonrpc_run(client);
        jsonrpc_wait(client);
        jsonrpc_recv_wait(client);
        if (deadline != LLONG_MAX) {
            poll_timer_wait_until(deadline);
        }
        poll_block();
    }
}

int
unixctl_client_transact(struct jsonrpc *client, const char *command,
                        int argc, char *argv[], int timeout_ms,
                        char **result, char **err)
{
    *result = NULL;
    *err = NULL;

    json_t *params = json_array();
    for (int i = 0; i < argc; i++) {
        json_array_append_new(params, json_string(argv[i]));
    }
    json_t *id;
    struct jsonrpc_msg *request = jsonrpc_create_request(command, params,
                                                         &id);
    long long int deadline = (timeout_ms > 0
                              ? time_msec() + timeout_ms : LLONG_MAX);

    int error = jsonrpc_send_block(client, request);
    struct jsonrpc_msg *reply = NULL;
    if (!error) {
        error = recv_reply(client, id, deadline, &reply);
    }
    json_decref(id);
    if (error) {
        VLOG_WARN("error communicating with %s: %s",
                  jsonrpc_get_name(client), ovs_strerror(error));
        return error;
    }

    if (reply->type == JSONRPC_ERROR) {
        *err = (json_is_string(reply->error)
                ? xstrdup(json_string_value(reply->error))
                : json_dumps(reply->error, JSON_ENCODE_ANY));
    } else if (json_is_string(reply->result)) {
        *result = xstrdup(json_string_value(reply->result));
    } else {
        char *s = json_dumps(reply->result, JSON_ENCODE_ANY);
        VLOG_WARN("%s: unexpected result type in JSON rpc reply: %s",
                  jsonrpc_get_name(client), s ? s : "?");
        free(s);
        error = EINVAL;
    }
    jsonrpc_msg_destroy(reply);
    return error;
}
