/* ovsdb-bench: drives an OVSDB server with transactions and reports their
 * rate.  The same client measures our ovsdb-server and OVS's, so the
 * comparison is of the servers alone.
 *
 *   ovsdb-bench SERVER ports N [DURABLE]
 *       Adds N ports to bridge "br0" (created if missing), each in its own
 *       transaction (insert Interface, insert Port, mutate Bridge ports),
 *       waiting for each reply before sending the next: the pattern of
 *       `ovs-vsctl add-port` run N times.  Prints elapsed seconds and
 *       transactions per second.
 *   ovsdb-bench SERVER updates N [DURABLE]
 *       N transactions that each mutate Open_vSwitch next_cfg += 1.
 *   ovsdb-bench SERVER pipelined N CLIENTS
 *       CLIENTS connections each keeping 16 updates in flight.
 *
 * DURABLE is "durable" to ask for {"op":"commit","durable":true}. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonrpc.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"

static struct jsonrpc *
connect_or_die(const char *server)
{
    struct stream *stream;
    int error = stream_open_block(server, 10000, &stream);
    if (error) {
        ovs_fatal(error, "failed to connect to \"%s\"", server);
    }
    return jsonrpc_open(stream);
}

static json_t *
transact_or_die(struct jsonrpc *rpc, json_t *params)
{
    struct jsonrpc_msg *reply;
    int error = jsonrpc_transact_block(
        rpc, jsonrpc_create_request("transact", params, NULL), &reply);
    if (error) {
        ovs_fatal(error, "transaction failed");
    }
    if (reply->type != JSONRPC_REPLY) {
        char *s = jsonrpc_msg_to_string(reply);
        ovs_fatal(0, "transaction failed: %s", s);
    }
    json_t *result = json_incref(reply->result);
    jsonrpc_msg_destroy(reply);

    size_t i;
    json_t *op;
    json_array_foreach (result, i, op) {
        if (json_is_object(op) && json_object_get(op, "error")) {
            char *s = json_dumps(result, JSON_COMPACT);
            ovs_fatal(0, "transaction error: %s", s);
        }
    }
    return result;
}

static json_t *
commit_op(bool durable)
{
    return json_pack("{s:s, s:b}", "op", "commit", "durable", durable);
}

/* Returns the uuid string of bridge br0, creating it (and the root row)
 * if needed.  Caller frees. */
static char *
ensure_bridge(struct jsonrpc *rpc)
{
    json_t *result = transact_or_die(rpc, json_pack(
        "[s, {s:s, s:s, s:[[s,s,s]], s:[s]}]",
        "Open_vSwitch",
        "op", "select", "table", "Bridge",
        "where", "name", "==", "br0", "columns", "_uuid"));
    json_t *rows = json_object_get(json_array_get(result, 0), "rows");
    if (json_array_size(rows)) {
        json_t *uuid = json_object_get(json_array_get(rows, 0), "_uuid");
        char *s = xstrdup(json_string_value(json_array_get(uuid, 1)));
        json_decref(result);
        return s;
    }
    json_decref(result);

    /* Bridge is not a root table: it must be linked from the root row in
     * the same transaction, creating the root row if there is none. */
    result = transact_or_die(rpc, json_pack("[s, {s:s, s:s, s:[]}]",
                                            "Open_vSwitch", "op", "select",
                                            "table", "Open_vSwitch",
                                            "where"));
    bool have_root = json_array_size(json_object_get(
                                         json_array_get(result, 0), "rows"));
    json_decref(result);

    json_t *txn = json_pack(
        "[s, {s:s, s:s, s:{s:s}, s:s},"
        "    {s:s, s:s, s:{s:s, s:[s,s]}, s:s},"
        "    {s:s, s:s, s:{s:s, s:[s,s]}, s:s}]",
        "Open_vSwitch",
        "op", "insert", "table", "Interface", "row", "name", "br0",
        "uuid-name", "i",
        "op", "insert", "table", "Port", "row", "name", "br0",
        "interfaces", "named-uuid", "i", "uuid-name", "p",
        "op", "insert", "table", "Bridge", "row", "name", "br0",
        "ports", "named-uuid", "p", "uuid-name", "b");
    json_array_append_new(txn, have_root
        ? json_pack("{s:s, s:s, s:[], s:[[s, s, [s, [[s, s]]]]]}",
                    "op", "mutate", "table", "Open_vSwitch", "where",
                    "mutations", "bridges", "insert", "set",
                    "named-uuid", "b")
        : json_pack("{s:s, s:s, s:{s:[s, [[s, s]]]}}",
                    "op", "insert", "table", "Open_vSwitch",
                    "row", "bridges", "set", "named-uuid", "b"));
    result = transact_or_die(rpc, txn);
    json_t *uuid = json_object_get(json_array_get(result, 2), "uuid");
    char *bridge = xstrdup(json_string_value(json_array_get(uuid, 1)));
    json_decref(result);
    return bridge;
}

static json_t *
add_port_txn(const char *bridge, int i, bool durable)
{
    char name[32];
    snprintf(name, sizeof name, "p%d", i);
    json_t *txn = json_pack(
        "[s, {s:s, s:s, s:{s:s}, s:s},"
        "    {s:s, s:s, s:{s:s, s:[s,s]}, s:s},"
        "    {s:s, s:s, s:[[s,s,[s,s]]],"
        "     s:[[s, s, [s, [[s, s]]]]]}]",
        "Open_vSwitch",
        "op", "insert", "table", "Interface", "row", "name", name,
        "uuid-name", "i",
        "op", "insert", "table", "Port", "row", "name", name,
        "interfaces", "named-uuid", "i", "uuid-name", "p",
        "op", "mutate", "table", "Bridge",
        "where", "_uuid", "==", "uuid", bridge,
        "mutations", "ports", "insert", "set", "named-uuid", "p");
    if (durable) {
        json_array_append_new(txn, commit_op(true));
    }
    return txn;
}

static json_t *
update_txn(bool durable)
{
    json_t *txn = json_pack(
        "[s, {s:s, s:s, s:[], s:[[s, s, i]]}]",
        "Open_vSwitch", "op", "mutate", "table", "Open_vSwitch",
        "where", "mutations", "next_cfg", "+=", 1);
    if (durable) {
        json_array_append_new(txn, commit_op(true));
    }
    return txn;
}

static void
report(const char *what, int n, long long int start)
{
    double secs = (time_msec() - start) / 1000.0;
    printf("%s: %d transactions in %.3f s, %.0f txn/s\n",
           what, n, secs, secs > 0 ? n / secs : 0.0);
}

static void
run_pipelined(const char *server, int n, int n_clients)
{
    struct jsonrpc **rpcs = xcalloc(n_clients, sizeof *rpcs);
    int *in_flight = xcalloc(n_clients, sizeof *in_flight);
    int sent = 0, done = 0;

    for (int c = 0; c < n_clients; c++) {
        rpcs[c] = connect_or_die(server);
    }
    long long int start = time_msec();
    while (done < n) {
        for (int c = 0; c < n_clients; c++) {
            /* Receive first, then refill the window, so that a client
             * whose replies all arrived is never left idle while we
             * block. */
            struct jsonrpc_msg *msg;
            while (!jsonrpc_recv(rpcs[c], &msg)) {
                if (msg->type == JSONRPC_REPLY) {
                    in_flight[c]--;
                    done++;
                } else if (msg->type == JSONRPC_ERROR) {
                    ovs_fatal(0, "transaction failed");
                }
                jsonrpc_msg_destroy(msg);
            }
            int status = jsonrpc_get_status(rpcs[c]);
            if (status) {
                ovs_fatal(status, "connection failed");
            }
            while (in_flight[c] < 16 && sent < n) {
                jsonrpc_send(rpcs[c], jsonrpc_create_request(
                                 "transact", update_txn(false), NULL));
                in_flight[c]++;
                sent++;
            }
            jsonrpc_run(rpcs[c]);
            jsonrpc_wait(rpcs[c]);
            jsonrpc_recv_wait(rpcs[c]);
        }
        if (done < n) {
            long long int before = time_msec();
            poll_timer_wait(10000);
            poll_block();
            if (time_msec() - before >= 10000) {
                for (int c = 0; c < n_clients; c++) {
                    fprintf(stderr, "client %d: %d in flight, backlog "
                            "%zu\n", c, in_flight[c],
                            jsonrpc_get_backlog(rpcs[c]));
                }
                ovs_fatal(0, "no reply for 10 s (%d of %d done)", done, n);
            }
        }
    }
    char what[64];
    snprintf(what, sizeof what, "pipelined updates, %d clients", n_clients);
    report(what, n, start);
    for (int c = 0; c < n_clients; c++) {
        jsonrpc_close(rpcs[c]);
    }
    free(rpcs);
    free(in_flight);
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    if (argc < 4) {
        ovs_fatal(0, "usage: %s SERVER ports|updates|pipelined N [ARG]",
                  program_name);
    }
    const char *server = argv[1];
    const char *mode = argv[2];
    int n = atoi(argv[3]);
    bool durable = argc > 4 && !strcmp(argv[4], "durable");

    if (!strcmp(mode, "pipelined")) {
        run_pipelined(server, n, argc > 4 ? atoi(argv[4]) : 1);
        return 0;
    }

    struct jsonrpc *rpc = connect_or_die(server);
    char *bridge = ensure_bridge(rpc);
    long long int start = time_msec();
    if (!strcmp(mode, "ports")) {
        for (int i = 0; i < n; i++) {
            json_decref(transact_or_die(rpc, add_port_txn(bridge, i,
                                                          durable)));
        }
        report(durable ? "add-port transactions (durable)"
                       : "add-port transactions", n, start);
    } else if (!strcmp(mode, "updates")) {
        for (int i = 0; i < n; i++) {
            json_decref(transact_or_die(rpc, update_txn(durable)));
        }
        report(durable ? "serial updates (durable)" : "serial updates",
               n, start);
    } else {
        ovs_fatal(0, "unknown mode %s", mode);
    }
    free(bridge);
    jsonrpc_close(rpc);
    return 0;
}
