/* jsonrpc-server: the server side of the OVSDB protocol (RFC 7047 and the
 * OVS extensions described in ovsdb-server(7)).
 *
 * A server has a set of databases and a set of remotes.  A remote is
 * either passive ("punix:", "ptcp:", "pssl:"), in which case every
 * accepted connection becomes a session, or active ("unix:", "tcp:",
 * "ssl:"), in which case one session connects out and reconnects with
 * backoff.  Each session speaks JSON-RPC and dispatches the OVSDB
 * methods: list_dbs, get_schema, transact (with "wait" retried after
 * every commit and on timeouts), cancel, monitor, monitor_cond,
 * monitor_cond_since, monitor_cond_change, monitor_cancel, lock, steal,
 * unlock, echo, get_server_id, set_db_change_aware, convert.
 *
 * Locks are server-wide (one namespace for all databases, as RFC 7047
 * section 4.1.8 defines them).
 *
 * Replies to transactions that commit to a database with storage are
 * held back until the storage reports that the commit is on disk when
 * the commit (or the storage's policy) asks for durability.
 *
 * Sessions that never read: the server stops reading requests from a
 * session while its output backlog is nonzero, and drops (with a log
 * message) a session whose monitor notifications queued since the
 * backlog was last empty exceed the configured maximum. */
#ifndef OVSDB_JSONRPC_SERVER_H
#define OVSDB_JSONRPC_SERVER_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct ds;
struct ovsdb;
struct ovsdb_file;
struct shash;

/* Per-remote options. */
struct ovsdb_jsonrpc_options {
    int max_backoff;            /* Max ms between connection attempts. */
    int probe_interval;         /* Inactivity probe interval, ms; 0 off;
                                 * negative: the default for the stream
                                 * type (none for unix sockets). */
    bool read_only;             /* Only read-only transactions allowed. */
};

/* Default per-session limit on queued monitor notifications, in bytes. */
#define OVSDB_JSONRPC_DEFAULT_MAX_BACKLOG (64 * 1024 * 1024)

struct ovsdb_jsonrpc_server;

/* Creates a server with no databases and no remotes.  Caller destroys it
 * with ovsdb_jsonrpc_server_destroy(). */
struct ovsdb_jsonrpc_server *ovsdb_jsonrpc_server_create(void);
/* Closes every session and remote.  Databases are the caller's and are
 * not destroyed (remove them first or destroy them afterwards). */
void ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *);

/* Sets the largest JSON-RPC message accepted from a client (bytes); also
 * applies to existing sessions. */
void ovsdb_jsonrpc_server_set_max_msg_size(struct ovsdb_jsonrpc_server *,
                                           size_t max);
/* Sets the per-session backlog limit described above (bytes). */
void ovsdb_jsonrpc_server_set_max_backlog(struct ovsdb_jsonrpc_server *,
                                          size_t max);

/* Makes DB (borrowed: it must stay valid until removed) available under
 * its schema name.  FILE (borrowed, may be NULL for in-memory databases
 * such as _Server) is the storage consulted for durability.  READ_ONLY
 * databases accept only read-only transactions from clients.  Sessions
 * that did not ask for set_db_change_aware are disconnected, as OVS
 * does, so that they notice the change.  Returns false, doing nothing,
 * if a database of that name exists. */
bool ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *,
                                 struct ovsdb *db, struct ovsdb_file *file,
                                 bool read_only);
/* Removes the database named NAME: cancels its monitors (sending
 * "monitor_canceled" to change-aware sessions), fails its pending
 * transactions, and disconnects sessions that are not change-aware.
 * COMMENT explains why in the log ("removing X database by user
 * request").  Returns false if there is no such database. */
bool ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *,
                                    const char *name, const char *comment);
/* Returns the database named NAME or NULL (borrowed). */
struct ovsdb *ovsdb_jsonrpc_server_get_db(
    const struct ovsdb_jsonrpc_server *, const char *name);
/* Online schema conversion (the "convert" method of ovsdb-server(7)).
 * After the server has converted database OLD_DB into NEW_DB and made
 * the storage hold NEW_DB, it serves NEW_DB instead (monitors and pending
 * transactions on OLD_DB are canceled as on removal) and calls this
 * function, which takes ownership of OLD_DB (to update its own
 * bookkeeping and destroy it).  NEW_DB is owned like OLD_DB was.  Without
 * a callback, "convert" is refused. */
typedef void ovsdb_jsonrpc_convert_func(struct ovsdb *old_db,
                                        struct ovsdb *new_db, void *aux);
void ovsdb_jsonrpc_server_set_convert_cb(struct ovsdb_jsonrpc_server *,
                                         ovsdb_jsonrpc_convert_func *,
                                         void *aux);

/* Replaces the set of remotes with the names in NEW_REMOTES (a shash
 * whose keys are remote names and whose data are struct
 * ovsdb_jsonrpc_options * (borrowed; copied)).  Remotes that are kept
 * keep their sessions; their options are updated. */
void ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *,
                                      const struct shash *new_remotes);
/* Appends a line per remote with its status (for debugging). */
void ovsdb_jsonrpc_server_get_remote_status(
    const struct ovsdb_jsonrpc_server *, const char *target,
    struct ds *out);
/* Connection status of remote TARGET for a Manager-style row: returns
 * true if found, storing whether any session is connected, the number
 * of sessions and the last error (0 if none). */
bool ovsdb_jsonrpc_server_get_remote_info(
    const struct ovsdb_jsonrpc_server *, const char *target,
    bool *is_connected, unsigned int *n_connections, int *last_error);

/* Disconnects every session (active remotes reconnect). */
void ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *,
                                    const char *comment);

/* Main loop hooks. */
void ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *);
void ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *);

/* Appends "sessions:N monitors:N triggers:N" style memory counters. */
void ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *, unsigned int *n_sessions,
    unsigned int *n_monitors, unsigned int *n_triggers);

#endif /* ovsdb/jsonrpc-server.h */
