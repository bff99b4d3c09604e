/* ovsdb-idl: a client-side replica of an OVSDB database (the "IDL").
 *
 * A daemon such as ovs-vswitchd keeps, in memory, the tables and columns
 * of one database that it cares about, kept up to date by the server's
 * monitor notifications, and changes the database through transactions.
 * Unlike Open vSwitch's generated C structs, this IDL is driven by a
 * schema at run time: tables, columns and rows are opaque handles and
 * column values are struct ovsdb_datum (ovsdb/ovsdb-data.h).
 *
 * Life cycle:
 *
 *     idl = ovsdb_idl_create("unix:/var/run/openvswitch/db.sock",
 *                            schema, true);
 *     port_name = ovsdb_idl_add_column(idl, "Port", "name");
 *     ...
 *     ovsdb_idl_enable_tracking(idl);
 *     for (;;) {
 *         ovsdb_idl_run(idl);
 *         if (ovsdb_idl_get_seqno(idl) != last_seqno) {
 *             ... OVSDB_IDL_FOR_EACH_TRACKED(row, port_table, idl) ...
 *             ovsdb_idl_track_clear(idl);
 *         }
 *         ovsdb_idl_wait(idl);
 *         poll_block();
 *     }
 *
 * Connection: one jsonrpc_session to the remote (reconnecting with
 * backoff).  On each connection the IDL sends set_db_change_aware,
 * monitors the _Server database's Database row for its database (to
 * notice the database being removed or converted), fetches the server's
 * schema (columns the server does not have are left out of the monitor,
 * so an older server still works), and then monitors with
 * monitor_cond_since, passing the last transaction id it saw so that a
 * reconnection costs only the changes it missed when the server still has
 * them; it falls back to monitor_cond and then to plain monitor for older
 * servers.  A complete snapshot received after a reconnection is
 * reconciled with the replica: only rows that really changed are reported
 * as changed.  A "monitor_canceled" notification restarts the handshake
 * on the same connection.
 *
 * Change tracking: ovsdb_idl_get_seqno() changes whenever the replica
 * changes (except for columns marked with ovsdb_idl_omit_alert()), when
 * the lock is gained or lost and when a (re)synchronization completes.
 * With tracking enabled, each row changed since the last
 * ovsdb_idl_track_clear() is on its table's tracked list with flags
 * (inserted, modified, deleted), the set of modified columns and their
 * values before the first modification; deleted rows stay readable until
 * ovsdb_idl_track_clear(), so the consumer can undo their effects.
 *
 * Transactions (struct ovsdb_idl_txn, see below) are built against the
 * replica and committed without blocking.  The IDL never applies a
 * committed change to the replica by itself: the change appears when the
 * server's update notification arrives, as for every other client.
 *
 * All functions must be called from one thread.  Nothing blocks except
 * the *_block() helpers meant for command-line tools. */
#ifndef OVSDB_IDL_H
#define OVSDB_IDL_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ovsdb/ovsdb-data.h"
#include "util.h"
#include "uuid.h"

struct ovsdb_column;
struct ovsdb_schema;
struct ovsdb_type;

struct ovsdb_idl;               /* The replica and its connection. */
struct ovsdb_idl_table;         /* A table of the schema. */
struct ovsdb_idl_column;        /* A column of a table. */
struct ovsdb_idl_row;           /* A row of the replica. */
struct ovsdb_idl_txn;           /* A transaction being built or run. */

/* ---------------------------------------------------------------------- */
/* Creation and configuration. */

/* Creates an IDL for SCHEMA's database (SCHEMA is taken: the IDL destroys
 * it) that connects to REMOTE ("unix:PATH", "tcp:IP:PORT", "ssl:...").
 * RETRY false makes the IDL give up after the first failed connection
 * attempt (see ovsdb_idl_is_alive()).  REMOTE NULL creates an IDL with no
 * connection, fed only through ovsdb_idl_apply_update() (tests, tools).
 * Nothing is replicated until tables/columns are added.  Caller frees
 * with ovsdb_idl_destroy(). */
struct ovsdb_idl *ovsdb_idl_create(const char *remote,
                                   struct ovsdb_schema *schema, bool retry);
/* Destroys IDL, its replica and its connection.  Transactions on IDL
 * that the caller has not destroyed yet are detached (a transaction being
 * built is aborted, one waiting for its reply ends with TRY_AGAIN): the
 * caller still destroys them with ovsdb_idl_txn_destroy().  NULL is ok. */
void ovsdb_idl_destroy(struct ovsdb_idl *idl);

/* The schema given to ovsdb_idl_create(); borrowed. */
const struct ovsdb_schema *ovsdb_idl_get_schema(const struct ovsdb_idl *);
/* The database name (the schema's name); borrowed. */
const char *ovsdb_idl_get_db_name(const struct ovsdb_idl *);

/* Inactivity probe interval in ms for the session (0 disables). */
void ovsdb_idl_set_probe_interval(struct ovsdb_idl *, int ms);

/* Adds table NAME to what is replicated (initially with no columns: only
 * the existence of its rows).  Returns the table handle (owned by IDL,
 * valid until ovsdb_idl_destroy()) or NULL if the schema has no such
 * table.  Calling it again is harmless.  Changes made after the IDL has
 * connected take effect at the next (re)connection. */
const struct ovsdb_idl_table *ovsdb_idl_add_table(struct ovsdb_idl *,
                                                  const char *name);
/* Adds column COLUMN of table TABLE (and the table) to what is
 * replicated, with alerts on (its changes bump the seqno and are
 * tracked).  Returns the column handle (owned by IDL) or NULL if the
 * schema has no such table or column.  "_uuid" cannot be added (use
 * ovsdb_idl_row_get_uuid()). */
const struct ovsdb_idl_column *ovsdb_idl_add_column(struct ovsdb_idl *,
                                                    const char *table,
                                                    const char *column);
/* Adds every table and every column of the schema. */
void ovsdb_idl_add_all(struct ovsdb_idl *);
/* Keeps COLUMN (which must have been added) replicated but makes its
 * changes silent: they neither change the seqno nor get tracked.  For
 * columns the client writes itself, e.g. Interface:statistics. */
void ovsdb_idl_omit_alert(struct ovsdb_idl *,
                          const struct ovsdb_idl_column *column);

/* Look-ups that do not add anything: the handle of table NAME / of
 * column NAME of TABLE, or NULL.  A column that is not replicated can
 * still be written by transactions (a "write-only" column); reading it
 * returns its default value. */
const struct ovsdb_idl_table *ovsdb_idl_get_table(const struct ovsdb_idl *,
                                                  const char *name);
const struct ovsdb_idl_column *ovsdb_idl_get_column(
    const struct ovsdb_idl *, const char *table, const char *column);
const struct ovsdb_idl_column *ovsdb_idl_table_get_column(
    const struct ovsdb_idl_table *, const char *column);

/* Handle accessors (all borrowed). */
const char *ovsdb_idl_table_get_name(const struct ovsdb_idl_table *);
const char *ovsdb_idl_column_get_name(const struct ovsdb_idl_column *);
const struct ovsdb_type *ovsdb_idl_column_get_type(
    const struct ovsdb_idl_column *);
const struct ovsdb_idl_table *ovsdb_idl_column_get_table(
    const struct ovsdb_idl_column *);
/* False if the connected server's schema lacks the table/column (it is
 * then not monitored and reads as empty/default).  True before the
 * first connection. */
bool ovsdb_idl_table_exists_on_server(const struct ovsdb_idl_table *);
bool ovsdb_idl_column_exists_on_server(const struct ovsdb_idl_column *);

/* Conditional monitoring.  Replicates only the rows of TABLE that match
 * CONDITION (borrowed): a JSON array of clauses [column, function, value]
 * or the literals true/false, of which a row must match at least one (the
 * monitor_cond rule); NULL, [] or [true] replicates every row (the
 * default), [false] none.  The change is sent to the server at once with
 * monitor_cond_change when connected (rows entering or leaving the
 * condition arrive as inserts and deletes), else with the next monitor
 * request.  Returns the condition seqno (see
 * ovsdb_idl_get_condition_seqno()) at which the replica will reflect the
 * new condition.  Against a server that only supports plain "monitor",
 * conditions are ignored and every row is replicated. */
unsigned int ovsdb_idl_set_condition(struct ovsdb_idl *,
                                     const struct ovsdb_idl_table *,
                                     const json_t *condition);
/* The number of condition changes the server has acknowledged (the
 * replica reflects all conditions set up to that seqno). */
unsigned int ovsdb_idl_get_condition_seqno(const struct ovsdb_idl *);

/* Locking.  Makes the IDL request lock NAME (copied) on every connection
 * and keeps asking after the lock is stolen; NULL releases and stops
 * asking.  While a lock name is set, transactions fail with
 * OVSDB_IDL_TXN_NOT_LOCKED unless the lock is held, and carry an "assert"
 * of the lock otherwise. */
void ovsdb_idl_set_lock(struct ovsdb_idl *, const char *name);
bool ovsdb_idl_has_lock(const struct ovsdb_idl *);
/* True if the lock was requested and another client holds it. */
bool ovsdb_idl_is_lock_contended(const struct ovsdb_idl *);

/* ---------------------------------------------------------------------- */
/* Main loop. */

/* Processes what arrived from the server (a bounded number of messages;
 * if more remain, ovsdb_idl_wait() wakes the loop at once), handles
 * (re)connection and transaction replies.  Never blocks. */
void ovsdb_idl_run(struct ovsdb_idl *);
/* Registers what should wake the loop for ovsdb_idl_run(). */
void ovsdb_idl_wait(struct ovsdb_idl *);

/* The change seqno (see the top of this file). */
unsigned int ovsdb_idl_get_seqno(const struct ovsdb_idl *);
/* True once the replica has received a complete copy of the monitored
 * data at least once. */
bool ovsdb_idl_has_ever_connected(const struct ovsdb_idl *);
/* True while connected and monitoring (the replica is live). */
bool ovsdb_idl_is_connected(const struct ovsdb_idl *);
/* False if the connection failed and RETRY was false. */
bool ovsdb_idl_is_alive(const struct ovsdb_idl *);
/* The last connection error (0 if none, EOF for a clean close). */
int ovsdb_idl_get_last_error(const struct ovsdb_idl *);
void ovsdb_idl_force_reconnect(struct ovsdb_idl *);
/* A short name of the connection state, e.g. "MONITORING"; static. */
const char *ovsdb_idl_get_state_name(const struct ovsdb_idl *);

/* Runs the loop until the replica is complete (true), or the connection
 * failed for good or TIMEOUT_MS passed (false; negative waits forever).
 * For command-line tools only: blocks. */
bool ovsdb_idl_sync_block(struct ovsdb_idl *, long long int timeout_ms);

/* Counters, for tests and ovs-appctl-style status. */
struct ovsdb_idl_stats {
    unsigned int n_connects;    /* Connections established. */
    unsigned int n_full_loads;  /* Complete snapshots received. */
    unsigned int n_delta_loads; /* monitor_cond_since replies with
                                 * found=true (only missed changes). */
    unsigned int n_updates;     /* Update notifications applied. */
    int monitor_version;        /* 0 (none yet), 1 monitor, 2 monitor_cond,
                                 * 3 monitor_cond_since. */
};
void ovsdb_idl_get_stats(const struct ovsdb_idl *, struct ovsdb_idl_stats *);
/* The last transaction id received by monitor_cond_since (all-zero if
 * none or if the server keeps no history).  Borrowed. */
const struct uuid *ovsdb_idl_get_last_txn_id(const struct ovsdb_idl *);

/* Applies TABLE_UPDATES (borrowed) to the replica as if the server had
 * sent it: VERSION 1 is the "update"/"monitor" format ({"old", "new"}),
 * VERSION 2 the update2/update3 format ("initial", "insert", "modify"
 * with diffs, "delete").  FULL true means TABLE_UPDATES is a complete
 * snapshot of the monitored data: rows of monitored tables that it lacks
 * are deleted (the reconciliation done after a reconnection).  Returns
 * NULL, or an error message (caller frees) for a malformed update, of
 * which the well-formed parts were applied.  For tests and tools. */
char *ovsdb_idl_apply_update(struct ovsdb_idl *, int version,
                             const json_t *table_updates, bool full)
    OVS_WARN_UNUSED_RESULT;

/* ---------------------------------------------------------------------- */
/* Reading the replica.
 *
 * Row pointers are owned by the IDL.  They stay valid until the row is
 * deleted and then, with tracking on, until ovsdb_idl_track_clear();
 * rows inserted by the current transaction live until it is committed
 * or destroyed.  Datum pointers are valid until the next
 * ovsdb_idl_run() or transaction write to that column. */

/* Iteration over the rows of TABLE, in no particular order.  Rows deleted
 * by the current transaction are skipped; rows it inserted are included.
 * Do not call ovsdb_idl_run() in the middle of an iteration. */
const struct ovsdb_idl_row *ovsdb_idl_first_row(
    const struct ovsdb_idl *, const struct ovsdb_idl_table *);
const struct ovsdb_idl_row *ovsdb_idl_next_row(const struct ovsdb_idl_row *);
#define OVSDB_IDL_FOR_EACH_ROW(ROW, TABLE, IDL)                         \
    for ((ROW) = ovsdb_idl_first_row(IDL, TABLE); (ROW);                \
         (ROW) = ovsdb_idl_next_row(ROW))
/* Number of rows of TABLE in the replica, ignoring the current
 * transaction (its inserts are not counted, its deletes still are). */
size_t ovsdb_idl_table_count(const struct ovsdb_idl *,
                             const struct ovsdb_idl_table *);

/* The row of TABLE with UUID, or NULL (also for rows deleted from the
 * replica or by the current transaction).  Rows inserted by the current
 * transaction are found by their temporary UUID. */
const struct ovsdb_idl_row *ovsdb_idl_get_row_for_uuid(
    const struct ovsdb_idl *, const struct ovsdb_idl_table *,
    const struct uuid *);

const struct uuid *ovsdb_idl_row_get_uuid(const struct ovsdb_idl_row *);
const struct ovsdb_idl_table *ovsdb_idl_row_get_table(
    const struct ovsdb_idl_row *);

/* The value of COLUMN (a column of ROW's table) in ROW: the current
 * transaction's value if it wrote the column, else the replica's, or the
 * column's default when the column is not replicated.  Never NULL. */
const struct ovsdb_datum *ovsdb_idl_row_get_datum(
    const struct ovsdb_idl_row *, const struct ovsdb_idl_column *);

/* Typed conveniences over ovsdb_idl_row_get_datum().  get_string: the
 * first key of a string column, NULL if empty.  get_integer/get_boolean/
 * get_real: the first key, or DFLT if empty.  get_map_value: the value of
 * string KEY in a map with string keys and values, or NULL.  get_uuid:
 * the first key of a uuid column or NULL.  All returned pointers are
 * borrowed like the datum. */
const char *ovsdb_idl_row_get_string(const struct ovsdb_idl_row *,
                                     const struct ovsdb_idl_column *);
int64_t ovsdb_idl_row_get_integer(const struct ovsdb_idl_row *,
                                  const struct ovsdb_idl_column *,
                                  int64_t dflt);
bool ovsdb_idl_row_get_boolean(const struct ovsdb_idl_row *,
                               const struct ovsdb_idl_column *, bool dflt);
double ovsdb_idl_row_get_real(const struct ovsdb_idl_row *,
                              const struct ovsdb_idl_column *, double dflt);
const char *ovsdb_idl_row_get_map_value(const struct ovsdb_idl_row *,
                                        const struct ovsdb_idl_column *,
                                        const char *key);
const struct uuid *ovsdb_idl_row_get_uuid_value(
    const struct ovsdb_idl_row *, const struct ovsdb_idl_column *);

/* References.  For a column whose keys (or else values) are references
 * to a table, resolves them to rows: get_ref returns the first one found
 * or NULL; get_refs stores a new array of the rows found (references to
 * rows not in the replica are skipped) in *ROWSP (caller frees it with
 * free(); the rows are borrowed) and returns its length. */
const struct ovsdb_idl_row *ovsdb_idl_row_get_ref(
    const struct ovsdb_idl_row *, const struct ovsdb_idl_column *);
size_t ovsdb_idl_row_get_refs(const struct ovsdb_idl_row *,
                              const struct ovsdb_idl_column *,
                              const struct ovsdb_idl_row ***rowsp);

/* ---------------------------------------------------------------------- */
/* Change tracking. */

/* Turns change tracking on (it is off by default: deleted rows are freed
 * at once and nothing is recorded). */
void ovsdb_idl_enable_tracking(struct ovsdb_idl *);

enum {
    OVSDB_IDL_INSERTED = 1 << 0,    /* Row appeared since track_clear(). */
    OVSDB_IDL_MODIFIED = 1 << 1,    /* Some alerting column changed. */
    OVSDB_IDL_DELETED = 1 << 2      /* Row disappeared; still readable. */
};

/* Iteration over the rows of TABLE changed since the last
 * ovsdb_idl_track_clear(), in the order of their first change.  A row
 * inserted and deleted within the same window is not reported; a row
 * inserted and then modified reports only OVSDB_IDL_INSERTED. */
const struct ovsdb_idl_row *ovsdb_idl_track_first(
    const struct ovsdb_idl *, const struct ovsdb_idl_table *);
const struct ovsdb_idl_row *ovsdb_idl_track_next(
    const struct ovsdb_idl_row *);
#define OVSDB_IDL_FOR_EACH_TRACKED(ROW, TABLE, IDL)                     \
    for ((ROW) = ovsdb_idl_track_first(IDL, TABLE); (ROW);              \
         (ROW) = ovsdb_idl_track_next(ROW))
/* OVSDB_IDL_* flags of ROW (0 if not changed since track_clear()). */
unsigned int ovsdb_idl_track_get_flags(const struct ovsdb_idl_row *);
bool ovsdb_idl_track_is_new(const struct ovsdb_idl_row *);
bool ovsdb_idl_track_is_deleted(const struct ovsdb_idl_row *);
/* True if COLUMN of ROW was modified since track_clear() (false for a
 * row reported only as inserted). */
bool ovsdb_idl_track_is_updated(const struct ovsdb_idl_row *,
                                const struct ovsdb_idl_column *);
/* The value COLUMN had before its first modification since
 * track_clear(), or the current value if it was not modified.
 * Borrowed. */
const struct ovsdb_datum *ovsdb_idl_track_get_old_datum(
    const struct ovsdb_idl_row *, const struct ovsdb_idl_column *);
/* Forgets all tracked changes and frees the deleted rows. */
void ovsdb_idl_track_clear(struct ovsdb_idl *);

/* ---------------------------------------------------------------------- */
/* Transactions.
 *
 * One transaction at a time is being built on an IDL (between
 * ovsdb_idl_txn_create() and the first ovsdb_idl_txn_commit(), abort or
 * destroy); while it is, reads see its writes, inserts and deletes.  Once
 * committed, a transaction no longer affects what the replica shows and
 * another one may be created while the first waits for its reply.
 *
 * Row writes name the row (the transaction is the IDL's current one);
 * datums and atoms given to them are copied unless stated otherwise. */

enum ovsdb_idl_txn_status {
    OVSDB_IDL_TXN_UNCOMMITTED,  /* Not committed yet. */
    OVSDB_IDL_TXN_UNCHANGED,    /* Nothing to do: nothing was sent. */
    OVSDB_IDL_TXN_INCOMPLETE,   /* Sent; waiting for the reply. */
    OVSDB_IDL_TXN_ABORTED,      /* ovsdb_idl_txn_abort() was called. */
    OVSDB_IDL_TXN_SUCCESS,      /* Committed. */
    OVSDB_IDL_TXN_TRY_AGAIN,    /* A verified column changed, or the
                                 * connection was not ready or dropped:
                                 * recompute from the replica and retry
                                 * (after the seqno changes). */
    OVSDB_IDL_TXN_ERROR,        /* The server refused it (see
                                 * ovsdb_idl_txn_get_error()). */
    OVSDB_IDL_TXN_NOT_LOCKED    /* A lock is set and not held. */
};
/* "unchanged", "success", "try again", ...; static string. */
const char *ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status);

/* Starts a transaction on IDL, which must not have another one being
 * built.  Caller frees with ovsdb_idl_txn_destroy(). */
struct ovsdb_idl_txn *ovsdb_idl_txn_create(struct ovsdb_idl *);
/* Destroys TXN (a reply that arrives later is ignored).  NULL ok. */
void ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *);
struct ovsdb_idl *ovsdb_idl_txn_get_idl(const struct ovsdb_idl_txn *);
/* The transaction being built on IDL, or NULL. */
struct ovsdb_idl_txn *ovsdb_idl_get_txn(const struct ovsdb_idl *);

/* Appends a line to the transaction's comment (a "comment" operation,
 * logged by the server). */
void ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *, const char *fmt, ...)
    OVS_PRINTF_FORMAT(2, 3);
/* Makes the server run the transaction and then abort it (an "abort"
 * operation); the status is SUCCESS if everything else succeeded. */
void ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *);
/* Asks for a durable commit (a "commit" operation with "durable":
 * true). */
void ovsdb_idl_txn_set_durable(struct ovsdb_idl_txn *);

/* Sets COLUMN of ROW to DATUM, taking what DATUM holds (the IDL will
 * destroy it; *DATUM is left empty and stays the caller's).  For a
 * replicated row, columns whose new value equals the replica's are left
 * out of the update.  Cancels earlier partial updates of COLUMN. */
void ovsdb_idl_txn_write(const struct ovsdb_idl_row *,
                         const struct ovsdb_idl_column *,
                         struct ovsdb_datum *);
/* Same, DATUM borrowed (copied). */
void ovsdb_idl_txn_write_clone(const struct ovsdb_idl_row *,
                               const struct ovsdb_idl_column *,
                               const struct ovsdb_datum *);
/* Conveniences: a one-element value of a string/integer/boolean column;
 * set_string with NULL writes the empty set (for optional strings). */
void ovsdb_idl_txn_set_string(const struct ovsdb_idl_row *,
                              const struct ovsdb_idl_column *,
                              const char *);
void ovsdb_idl_txn_set_integer(const struct ovsdb_idl_row *,
                               const struct ovsdb_idl_column *, int64_t);
void ovsdb_idl_txn_set_boolean(const struct ovsdb_idl_row *,
                               const struct ovsdb_idl_column *, bool);

/* Partial updates of a map or set column, sent as a "mutate" (delete,
 * then insert) so that writers of different keys do not conflict and no
 * verify is needed: write_map_key sets KEY to VALUE, delete_map_key
 * removes KEY, add/remove_set_elem add/remove one element.  Atoms are
 * borrowed.  On a row inserted by this transaction, or a column also
 * written whole, they edit the written value instead.  They are not
 * visible in reads of a replicated row until the server's update
 * arrives. */
void ovsdb_idl_txn_write_map_key(const struct ovsdb_idl_row *,
                                 const struct ovsdb_idl_column *,
                                 const union ovsdb_atom *key,
                                 const union ovsdb_atom *value);
void ovsdb_idl_txn_delete_map_key(const struct ovsdb_idl_row *,
                                  const struct ovsdb_idl_column *,
                                  const union ovsdb_atom *key);
void ovsdb_idl_txn_add_set_elem(const struct ovsdb_idl_row *,
                                const struct ovsdb_idl_column *,
                                const union ovsdb_atom *elem);
void ovsdb_idl_txn_remove_set_elem(const struct ovsdb_idl_row *,
                                   const struct ovsdb_idl_column *,
                                   const union ovsdb_atom *elem);
/* String-map conveniences (other_config, external_ids, status...). */
void ovsdb_idl_txn_write_map_string(const struct ovsdb_idl_row *,
                                    const struct ovsdb_idl_column *,
                                    const char *key, const char *value);
void ovsdb_idl_txn_delete_map_string(const struct ovsdb_idl_row *,
                                     const struct ovsdb_idl_column *,
                                     const char *key);

/* Asserts, at commit, that COLUMN (a replicated column) of ROW still has
 * the value the replica has then (a "wait" operation placed before every
 * write); if another client changed it, the commit ends with
 * OVSDB_IDL_TXN_TRY_AGAIN.  No effect on rows inserted by TXN. */
void ovsdb_idl_txn_verify(const struct ovsdb_idl_row *,
                          const struct ovsdb_idl_column *);

/* Deletes ROW (a row inserted by this transaction simply disappears). */
void ovsdb_idl_txn_delete(const struct ovsdb_idl_row *);
/* Inserts a new row into TABLE with every column at its default; returns
 * it (owned by the IDL, valid until the transaction is committed or
 * destroyed).  Its UUID is temporary: references to it written in the
 * same transaction are sent as "named-uuid"s; after a successful commit
 * ovsdb_idl_txn_get_insert_uuid() maps it to the real UUID. */
const struct ovsdb_idl_row *ovsdb_idl_txn_insert(
    struct ovsdb_idl_txn *, const struct ovsdb_idl_table *);

/* Increments integer COLUMN of ROW on the server ("mutate" +=1 then a
 * "select" of the result), for next_cfg-style counters; after SUCCESS,
 * ovsdb_idl_txn_get_increment_new_value() is the value the server
 * computed.  One increment per transaction (a later call replaces an
 * earlier one). */
void ovsdb_idl_txn_increment(struct ovsdb_idl_txn *,
                             const struct ovsdb_idl_row *,
                             const struct ovsdb_idl_column *);
int64_t ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *);

/* Returns the params of the "transact" request TXN would send now
 * ([db-name, op...]); caller owns the reference.  For tests and logs. */
json_t *ovsdb_idl_txn_to_json(const struct ovsdb_idl_txn *);

/* Commits TXN without blocking.  The first call sends it (or decides
 * UNCHANGED, NOT_LOCKED, TRY_AGAIN when not connected and monitoring);
 * later calls return INCOMPLETE until ovsdb_idl_run() has processed the
 * reply, then the final status, for ever. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit(struct ovsdb_idl_txn *);
/* Same, running the loop until the status is final.  Tools only. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *);
/* Abandons TXN before it is committed: status ABORTED, nothing sent. */
void ovsdb_idl_txn_abort(struct ovsdb_idl_txn *);
enum ovsdb_idl_txn_status ovsdb_idl_txn_get_status(
    const struct ovsdb_idl_txn *);
/* Wakes the loop when TXN's status is final. */
void ovsdb_idl_txn_wait(const struct ovsdb_idl_txn *);
/* After ERROR (or TRY_AGAIN), a description of what failed, else NULL.
 * Borrowed. */
const char *ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *);
/* After SUCCESS, the real UUID of the row inserted with temporary UUID
 * TEMP, or NULL.  Borrowed. */
const struct uuid *ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *,
                                                 const struct uuid *temp);

#endif /* ovsdb-idl.h */
