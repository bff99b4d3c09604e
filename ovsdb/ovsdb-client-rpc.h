/* ovsdb-client-rpc: the blocking JSON-RPC conversation ovsdb-client's
 * commands share: opening the server (active "unix:", "tcp:", "ssl:" or
 * passive "punix:", "ptcp:", "pssl:" names), synchronous requests,
 * list_dbs, get_schema, and the order in which OVS's tools list a
 * schema's tables and columns.
 *
 * These helpers implement a command-line tool: on any failure they print
 * OVS's message ("PROGRAM: failed to connect to "unix:/x" (No such file or
 * directory)", "PROGRAM: transaction failed (End of file)", ...) and exit
 * with status 1, so they only return on success. */
#ifndef OVSDB_CLIENT_RPC_H
#define OVSDB_CLIENT_RPC_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "lib/table.h"

struct jsonrpc;
struct jsonrpc_msg;
struct ovsdb_schema;

/* Options shared by the commands. */
struct ovsdb_client_options {
    struct table_style style;   /* --format, --data, --pretty, ... */
    bool timestamp;             /* --timestamp (monitor commands). */
    bool db_change_aware;       /* Send set_db_change_aware (monitors). */
    bool force;                 /* --force (restore). */
};

/* What a command handler gets besides its arguments. */
struct ovsdb_client_context {
    const struct ovsdb_client_options *options;
    const char *command;        /* Command name, e.g. "monitor". */
    const char *server;         /* SERVER, or the default server. */
    struct jsonrpc *rpc;        /* Connection to SERVER, if needed. */
    char *database;             /* DATABASE, if needed. */
};

/* True if NAME is taken as a SERVER argument: it starts with a letter and
 * contains a colon, as OVS decides. */
bool ovsdb_client_rpc_is_server_name(const char *name);

/* The default server, "unix:<rundir>/db.sock".  Caller frees. */
char *ovsdb_client_rpc_default_server(void);

/* Connects to SERVER, or for a passive name listens and accepts one
 * connection.  Returns the connection (caller closes with
 * jsonrpc_close()); exits on failure. */
struct jsonrpc *ovsdb_client_rpc_open(const char *server);

/* Sends REQUEST (taken) on RPC and waits for its reply, which it returns
 * (caller destroys with jsonrpc_msg_destroy()).  Exits with "transaction
 * failed (ERROR)" if the connection fails and "transaction returned
 * error: JSON" if the server answers with an error.  The reply's result
 * has OVS's number semantics (see ovsdb_client_json_normalize()). */
struct jsonrpc_msg *ovsdb_client_rpc_transact(struct jsonrpc *,
                                              struct jsonrpc_msg *request);

/* Asks RPC's server for its databases.  Returns a new array of *N names
 * in the server's order (caller frees each and the array). */
char **ovsdb_client_rpc_list_dbs(struct jsonrpc *, size_t *n);

/* Fetches DATABASE's schema.  Returns it (caller destroys with
 * ovsdb_schema_destroy()) and, if JSONP is nonnull, the schema JSON as
 * received (caller decrefs). */
struct ovsdb_schema *ovsdb_client_rpc_get_schema(struct jsonrpc *,
                                                 const char *database,
                                                 json_t **jsonp);

/* Returns the names of the tables of SCHEMA_JSON (as received from a
 * server, borrowed) in the order OVS's tools list them.  The array and
 * the N names are borrowed from SCHEMA_JSON except that the array itself
 * is new (caller frees the array only). */
const char **ovsdb_client_rpc_table_order(const json_t *schema_json,
                                          size_t *n);

/* Likewise for the columns of TABLE in SCHEMA_JSON, including "_uuid" and
 * "_version" (static strings).  Returns NULL if there is no such table. */
const char **ovsdb_client_rpc_column_order(const json_t *schema_json,
                                           const char *table, size_t *n);

/* Prints JSON (borrowed) on stdout with sorted members, compact or
 * PRETTY, followed by a new-line. */
void ovsdb_client_rpc_print_json(const json_t *json, bool pretty);

#endif /* ovsdb/ovsdb-client-rpc.h */
