/* ovsdb-client-rpc: blocking JSON-RPC helpers for ovsdb-client (see the
 * header).  Every failure is fatal with OVS's wording. */
#include "ovsdb-client-rpc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds.h"
#include "jsonrpc.h"
#include "lib/table.h"
#include "ovsdb-client-json.h"
#include "ovsdb-error.h"
#include "poll-loop.h"
#include "schema.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_client);

bool
ovsdb_client_rpc_is_server_name(const char *name)
{
    return isalpha((unsigned char) name[0]) && strchr(name, ':');
}

char *
ovsdb_client_rpc_default_server(void)
{
    return xasprintf("unix:%s/db.sock", ovs_rundir());
}

/* Listens on passive SERVER and returns the first connection. */
static struct stream *
accept_one(const char *server)
{
    struct pstream *pstream;
    int error = pstream_open(server, &pstream);
    if (error) {
        ovs_fatal(error, "failed to connect or listen to \"%s\"", server);
    }

    VLOG_INFO("%s: waiting for connection...", server);
    struct stream *stream;
    for (;;) {
        error = pstream_accept(pstream, &stream);
        if (error != EAGAIN) {
            break;
        }
        pstream_wait(pstream);
        poll_block();
    }
    if (error) {
        ovs_fatal(error, "failed to accept connection on \"%s\"", server);
    }
    pstream_close(pstream);
    return stream;
}

struct jsonrpc *
ovsdb_client_rpc_open(const char *server)
{
    struct stream *stream;
    int error = stream_open_block(server, -1, &stream);
    if (error == EAFNOSUPPORT) {
        /* Not an active method (or one that cannot be used): try it as a
         * passive one, as OVS does. */
        stream = accept_one(server);
    } else if (error) {
        ovs_fatal(error, "failed to connect to \"%s\"", server);
    }
    return jsonrpc_open(stream);
}

struct jsonrpc_msg *
ovsdb_client_rpc_transact(struct jsonrpc *rpc, struct jsonrpc_msg *request)
{
    struct jsonrpc_msg *reply;
    int error = jsonrpc_transact_block(rpc, request, &reply);
    if (error) {
        ovs_fatal(error, "transaction failed");
    }
    if (reply->error) {
        struct ds s = DS_EMPTY_INITIALIZER;
        table_put_json(&s, reply->error, false);
        ovs_fatal(0, "transaction returned error: %s", ds_cstr(&s));
    }
    ovsdb_client_json_normalize(reply->result);
    return reply;
}

char **
ovsdb_client_rpc_list_dbs(struct jsonrpc *rpc, size_t *n)
{
    struct jsonrpc_msg *request = jsonrpc_create_request("list_dbs",
                                                         json_array(), NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(rpc, request);
    if (!json_is_array(reply->result)) {
        ovs_fatal(0, "list_dbs response is not array");
    }

    size_t n_dbs = json_array_size(reply->result);
    char **dbs = xmalloc((n_dbs ? n_dbs : 1) * sizeof *dbs);
    for (size_t i = 0; i < n_dbs; i++) {
        const json_t *name = json_array_get(reply->result, i);
        if (!json_is_string(name)) {
            ovs_fatal(0, "list_dbs response %zu is not string", i);
        }
        dbs[i] = xstrdup(json_string_value(name));
    }
    jsonrpc_msg_destroy(reply);
    *n = n_dbs;
    return dbs;
}

struct ovsdb_schema *
ovsdb_client_rpc_get_schema(struct jsonrpc *rpc, const char *database,
                            json_t **jsonp)
{
    json_t *params = json_pack("[s]", database);
    struct jsonrpc_msg *request = jsonrpc_create_request("get_schema",
                                                         params, NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(rpc, request);

    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(reply->result,
                                                       &schema);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    if (jsonp) {
        *jsonp = json_incref(reply->result);
    }
    jsonrpc_msg_destroy(reply);
    return schema;
}

/* Returns the members of OBJECT in OVS's order for a client that parsed
 * OBJECT (OVS's JSON objects are hash tables filled in the received
 * order) and then inserted its members, after the N_PREFIX names in
 * PREFIX, into another hash table (a parsed schema's). */
static const char **
ovs_member_order(const json_t *object, const char *const *prefix,
                 size_t n_prefix, size_t *n)
{
    size_t n_members = json_object_size(object);
    const char **names = xmalloc((n_members ? n_members : 1)
                                 * sizeof *names);
    size_t i = 0;
    const char *name;
    json_t *value;
    json_object_foreach ((json_t *) object, name, value) {
        names[i++] = name;
    }

    /* First hash table: the parsed JSON object. */
    size_t *order = ovsdb_client_hash_order(names, n_members);
    size_t n_all = n_prefix + n_members;
    const char **seq = xmalloc((n_all ? n_all : 1) * sizeof *seq);
    for (i = 0; i < n_prefix; i++) {
        seq[i] = prefix[i];
    }
    for (i = 0; i < n_members; i++) {
        seq[n_prefix + i] = names[order[i]];
    }
    free(order);
    free(names);

    /* Second hash table: the schema's. */
    order = ovsdb_client_hash_order(seq, n_all);
    const char **result = xmalloc((n_all ? n_all : 1) * sizeof *result);
    for (i = 0; i < n_all; i++) {
        result[i] = seq[order[i]];
    }
    free(order);
    free(seq);
    *n = n_all;
    return result;
}

const char **
ovsdb_client_rpc_table_order(const json_t *schema_json, size_t *n)
{
    const json_t *tables = json_object_get(schema_json, "tables");
    return ovs_member_order(json_is_object(tables) ? tables : NULL,
                            NULL, 0, n);
}

const char **
ovsdb_client_rpc_column_order(const json_t *schema_json, const char *table,
                              size_t *n)
{
    static const char *const std_columns[] = { "_uuid", "_version" };
    const json_t *tables = json_object_get(schema_json, "tables");
    const json_t *columns = json_object_get(json_object_get(tables, table),
                                            "columns");
    if (!json_is_object(columns)) {
        *n = 0;
        return NULL;
    }
    return ovs_member_order(columns, std_columns, ARRAY_SIZE(std_columns),
                            n);
}

void
ovsdb_client_rpc_print_json(const json_t *json, bool pretty)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    table_put_json(&s, json, pretty);
    puts(ds_cstr(&s));
    ds_destroy(&s);
}
