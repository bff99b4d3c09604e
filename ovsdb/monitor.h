/* monitor: OVSDB monitors on one database ("monitor" of RFC 7047 and
 * the OVS extensions "monitor_cond" and "monitor_cond_since" of
 * ovsdb-server(7)).
 *
 * A struct ovsdb_monitor_db is attached to one struct ovsdb as an
 * observer.  It owns every client monitor on that database and a
 * bounded history of recent transactions (with a transaction id each)
 * that lets monitor_cond_since send only what a reconnecting client
 * missed.
 *
 * Monitors whose requests are identical (same version, tables, columns,
 * selects and conditions) share one "shape": the update for a committed
 * transaction is built once per shape and handed to every monitor of the
 * shape through the send callback.
 *
 * Update formats:
 *   V1 "update":  <table-updates> with "old"/"new" rows (RFC 7047 4.1.6)
 *   V2 "update2": <table-updates2> "initial"/"insert"/"delete"/"modify"
 *                 (ovsdb-server(7) 4.1.14), modify carrying diffs
 *   V3 "update3": same rows as V2 plus the transaction id. */
#ifndef OVSDB_MONITOR_H
#define OVSDB_MONITOR_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"
#include "uuid.h"

struct ovsdb;
struct ovsdb_error;
struct ovsdb_monitor;
struct ovsdb_monitor_db;

enum ovsdb_monitor_version {
    OVSDB_MONITOR_V1,           /* "monitor": "update" notifications. */
    OVSDB_MONITOR_V2,           /* "monitor_cond": "update2". */
    OVSDB_MONITOR_V3            /* "monitor_cond_since": "update3". */
};

/* Called once per committed transaction that changes what MONITOR
 * watches.  UPDATES is the <table-updates> (V1) or <table-updates2>
 * object, borrowed (take a reference to keep it).  TXN_ID is the id of
 * the transaction (used by V3). */
typedef void ovsdb_monitor_send_func(struct ovsdb_monitor *monitor,
                                     json_t *updates,
                                     const struct uuid *txn_id, void *aux);

/* Attaches monitoring to DB (borrowed; must outlive the result).
 * Caller destroys it with ovsdb_monitor_db_destroy(). */
struct ovsdb_monitor_db *ovsdb_monitor_db_create(struct ovsdb *db);
/* Detaches from the database and destroys every monitor still attached
 * (their owners must have forgotten them).  NULL is ok. */
void ovsdb_monitor_db_destroy(struct ovsdb_monitor_db *);
/* Returns the id of the last transaction seen (all-zeros before the
 * first).  Borrowed. */
const struct uuid *ovsdb_monitor_db_get_last_txn_id(
    const struct ovsdb_monitor_db *);
/* Forgets the transaction history (e.g. after the database was
 * converted to a new schema). */
void ovsdb_monitor_db_clear_history(struct ovsdb_monitor_db *);
/* Number of monitors attached. */
size_t ovsdb_monitor_db_count(const struct ovsdb_monitor_db *);
/* Bounds the history to MAX_TXNS transactions whose copies of changed
 * rows take about MAX_BYTES of memory in total (defaults 100 and 16 MB).
 * A transaction bigger than that empties the history. */
void ovsdb_monitor_db_set_history_limits(struct ovsdb_monitor_db *,
                                         size_t max_txns, size_t max_bytes);

/* Creates a monitor from REQUESTS (borrowed: the <monitor-requests> or
 * <monitor-cond-requests> object of the request).  SEND and AUX are
 * called for each later update.  On success returns NULL and stores the
 * monitor in *MONITORP (owned by the caller, who destroys it with
 * ovsdb_monitor_destroy()); otherwise returns the error, worded as OVS
 * words it (caller owns). */
struct ovsdb_error *ovsdb_monitor_create(struct ovsdb_monitor_db *,
                                         enum ovsdb_monitor_version,
                                         const json_t *requests,
                                         ovsdb_monitor_send_func *send,
                                         void *aux,
                                         struct ovsdb_monitor **monitorp)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_monitor_destroy(struct ovsdb_monitor *);      /* NULL ok. */

enum ovsdb_monitor_version ovsdb_monitor_get_version(
    const struct ovsdb_monitor *);
struct ovsdb_monitor_db *ovsdb_monitor_get_db(const struct ovsdb_monitor *);

/* Returns the initial contents selected by the monitor as a new
 * <table-updates> (V1) or <table-updates2> (V2, V3) object (caller owns;
 * an empty object if nothing is selected). */
json_t *ovsdb_monitor_get_initial(const struct ovsdb_monitor *);

/* For monitor_cond_since: if LAST_ID is in the history, stores true in
 * *FOUND and returns the changes since then as <table-updates2>;
 * otherwise stores false and returns the initial contents.  Either way
 * *TXN_ID is the id of the last transaction reflected.  Caller owns the
 * result. */
json_t *ovsdb_monitor_get_since(const struct ovsdb_monitor *,
                                const struct uuid *last_id, bool *found,
                                struct uuid *txn_id);

/* Applies monitor_cond_change REQUESTS (borrowed <monitor-cond-update-
 * requests>).  On success returns NULL and stores in *UPDATESP the
 * <table-updates2> with rows that now match and did not ("insert") or
 * no longer match ("delete"), or NULL if there are none (caller owns).
 * On error the monitor is unchanged. */
struct ovsdb_error *ovsdb_monitor_cond_change(struct ovsdb_monitor *,
                                              const json_t *requests,
                                              json_t **updatesp)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/monitor.h */
