/* lazy-idl: a client-side view of an OVSDB database that is loaded on
 * demand, for command-line tools that must stay fast on big databases
 * (ovs-vsctl).
 *
 * Unlike a full replica, the view starts empty.  Callers ask for rows with
 * queries -- every row of a table, rows whose column equals an atom (an
 * index lookup on the server for _uuid or indexed columns), or rows whose
 * set column includes an atom (reverse references) -- and only the
 * columns they declared an interest in are fetched.  Queries can be queued
 * and sent together in one "transact" of several "select" operations.
 *
 * Changes (inserted rows, whole-column writes, set/map mutations, deleted
 * rows) are recorded against the view: later queries and reads see them.
 * lazy_idl_commit() turns them into ONE transaction:
 *   - "wait" operations (timeout 0) first, guarding what was read: the set
 *     of rows each query returned, and the value of each column read with
 *     lazy_idl_row_get(); if another client changed any of it, the server
 *     fails the wait and the caller starts over (LAZY_IDL_TRY_AGAIN);
 *   - then inserts (rows refer to each other with "named-uuid"), updates
 *     of whole columns, "mutate" operations for insertions into and
 *     deletions from set and map columns (so concurrent adders of ports to
 *     one bridge do not conflict and nobody needs to read the set), and
 *     deletes (only of rows in root tables: others are garbage collected
 *     by the server once unreferenced, as OVS's IDL relies on);
 *   - then operations the caller appends, and a comment.
 * A write that does not change a value already known is dropped; if
 * nothing is left the commit sends nothing and reports LAZY_IDL_UNCHANGED.
 *
 * All I/O blocks.  While blocked, fatal signals (e.g. SIGALRM from
 * alarm()) are handled through fatal_signal_run(), so "terminating with
 * signal N" is logged as OVS's tools do.  A broken connection is fatal:
 * the program prints "DB: database connection failed (REASON)" and exits
 * with status 1. */
#ifndef OVSDB_LAZY_IDL_H
#define OVSDB_LAZY_IDL_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"
#include "uuid.h"

struct jsonrpc;
struct stream;
struct ovsdb_column;
struct ovsdb_datum;
struct ovsdb_schema;
struct ovsdb_table_schema;
union ovsdb_atom;

struct lazy_idl;
struct lazy_idl_row;

/* How a query selects rows. */
enum lazy_idl_match {
    LAZY_IDL_ALL,               /* Every row of the table. */
    LAZY_IDL_EQ,                /* COLUMN == [ATOM] (a 1-element value). */
    LAZY_IDL_INCLUDES           /* COLUMN (a set) includes ATOM. */
};

/* Results of lazy_idl_commit(). */
enum lazy_idl_status {
    LAZY_IDL_UNCHANGED,         /* Nothing to change: nothing was sent. */
    LAZY_IDL_SUCCESS,           /* Committed. */
    LAZY_IDL_TRY_AGAIN,         /* Something read changed meanwhile. */
    LAZY_IDL_ERROR              /* The server refused the transaction. */
};

/* Creates a view of database DB_NAME (copied) over STREAM (taken, a
 * fresh connection): fetches the schema (each table's schema is parsed the
 * first time the table is used).  DB_LABEL (copied) names the server in
 * fatal error messages, e.g. "unix:/var/run/openvswitch/db.sock".  Caller
 * frees with lazy_idl_destroy(). */
struct lazy_idl *lazy_idl_create(struct stream *stream, const char *db_label,
                                 const char *db_name);
void lazy_idl_destroy(struct lazy_idl *);       /* NULL ok. */
/* Forgets every row, query result and pending change (to start a command
 * line over); keeps the connection, the schema, column interests and
 * monitors. */
void lazy_idl_clear(struct lazy_idl *);

/* The names of all the tables of the schema, sorted (*N of them).
 * Borrowed. */
const char *const *lazy_idl_get_table_names(const struct lazy_idl *,
                                            size_t *n);
/* Table NAME of the schema (exact name) or NULL.  Borrowed. */
const struct ovsdb_table_schema *lazy_idl_get_table(const struct lazy_idl *,
                                                    const char *name);
/* Column NAME of TABLE or NULL.  Borrowed. */
const struct ovsdb_column *lazy_idl_get_column(
    const struct ovsdb_table_schema *, const char *name);

/* Column interest: rows later fetched from TABLE carry COLUMN (or every
 * column).  Columns read that were not fetched are fetched on demand. */
void lazy_idl_want_column(struct lazy_idl *,
                          const struct ovsdb_table_schema *,
                          const struct ovsdb_column *);
void lazy_idl_want_all_columns(struct lazy_idl *,
                               const struct ovsdb_table_schema *);

/* Queries.  ATOM (borrowed, copied when needed) is of COLUMN's key type;
 * COLUMN and ATOM are ignored for LAZY_IDL_ALL.
 *
 * lazy_idl_prefetch() queues the query if its answer is not known yet;
 * lazy_idl_flush() sends every queued query in one transaction.
 * lazy_idl_query() answers a query (fetching it first if needed) from the
 * view, local changes included: it returns a new array (caller frees the
 * array, not the rows) of *N rows sorted by UUID. */
void lazy_idl_prefetch(struct lazy_idl *, const struct ovsdb_table_schema *,
                       enum lazy_idl_match,
                       const struct ovsdb_column *column,
                       const union ovsdb_atom *atom);
void lazy_idl_flush(struct lazy_idl *);
struct lazy_idl_row **lazy_idl_query(struct lazy_idl *,
                                     const struct ovsdb_table_schema *,
                                     enum lazy_idl_match,
                                     const struct ovsdb_column *column,
                                     const union ovsdb_atom *atom,
                                     size_t *n);
/* Convenience: the row of TABLE with _uuid UUID, or NULL.  Borrowed. */
struct lazy_idl_row *lazy_idl_get_row(struct lazy_idl *,
                                      const struct ovsdb_table_schema *,
                                      const struct uuid *);
/* Convenience: the first row (by UUID) whose string COLUMN equals NAME,
 * or NULL; *N_MATCHES (if nonnull) tells how many matched. */
struct lazy_idl_row *lazy_idl_find_by_string(
    struct lazy_idl *, const struct ovsdb_table_schema *,
    const struct ovsdb_column *, const char *name, size_t *n_matches);

/* Rows.  Pointers stay valid until lazy_idl_clear()/lazy_idl_destroy(). */
const struct uuid *lazy_idl_row_get_uuid(const struct lazy_idl_row *);
const struct ovsdb_table_schema *lazy_idl_row_get_table(
    const struct lazy_idl_row *);
/* True for a row inserted through this view (not yet committed). */
bool lazy_idl_row_is_new(const struct lazy_idl_row *);
bool lazy_idl_row_is_deleted(const struct lazy_idl_row *);

/* Returns COLUMN of ROW as the view sees it (fetching the server value
 * first if needed).  Reading a server row's column guards its value at
 * commit.  Borrowed; valid until the column is next changed. */
const struct ovsdb_datum *lazy_idl_row_get(struct lazy_idl *,
                                           struct lazy_idl_row *,
                                           const struct ovsdb_column *);
/* Replaces COLUMN of ROW by DATUM (taken; checked by the caller).
 * FORCE writes even if the value is known to be the same. */
void lazy_idl_row_set(struct lazy_idl *, struct lazy_idl_row *,
                      const struct ovsdb_column *, struct ovsdb_datum *,
                      bool force);
/* Adds the elements of DATUM (taken, of COLUMN's type without count
 * limits) to set or map COLUMN of ROW, as RFC 7047's "insert" mutator
 * does (a map key already present keeps its value).  Needs no read. */
void lazy_idl_row_insert_elems(struct lazy_idl *, struct lazy_idl_row *,
                               const struct ovsdb_column *,
                               struct ovsdb_datum *);
/* Removes from COLUMN of ROW the elements of DATUM (taken): for a map,
 * KEYS_ONLY says DATUM is a set of keys (any value goes), else a map
 * (only matching pairs go).  Needs no read. */
void lazy_idl_row_delete_elems(struct lazy_idl *, struct lazy_idl_row *,
                               const struct ovsdb_column *,
                               struct ovsdb_datum *, bool keys_only);
/* Inserts a new row into TABLE whose _uuid is UUID: a fresh random UUID
 * named by "named-uuid" in the transaction, or, if EXPLICIT, the UUID the
 * server must give the row.  Every column starts at its default.
 * Returns the row (owned by the view). */
struct lazy_idl_row *lazy_idl_row_insert(struct lazy_idl *,
                                         const struct ovsdb_table_schema *,
                                         const struct uuid *uuid,
                                         bool explicit);
/* Fills *ROWSP (a new array: caller frees it, not the rows) with the rows
 * of TABLE inserted through the view and not deleted, in the order they
 * were inserted; returns how many. */
size_t lazy_idl_get_new_rows(struct lazy_idl *,
                             const struct ovsdb_table_schema *,
                             struct lazy_idl_row ***rowsp);
/* Deletes ROW from the view (and from the server at commit if its table
 * is a root table; other rows are left to garbage collection). */
void lazy_idl_row_delete(struct lazy_idl *, struct lazy_idl_row *);

/* Transactions. */

/* Sets the transaction's comment (copied; NULL for none). */
void lazy_idl_set_comment(struct lazy_idl *, const char *comment);
/* Appends OP (taken) after the view's own operations if the transaction
 * is sent; returns OP's index in the result array. */
size_t lazy_idl_add_op(struct lazy_idl *, json_t *op);
/* True if the view holds changes that lazy_idl_commit() would send. */
bool lazy_idl_has_changes(struct lazy_idl *);
/* Commits (DRY_RUN: computes the transaction but sends nothing and
 * returns LAZY_IDL_UNCHANGED or LAZY_IDL_SUCCESS).  On LAZY_IDL_SUCCESS,
 * *RESULTP (if nonnull) is the reply's result array (caller decrefs; NULL
 * for a dry run).  On LAZY_IDL_ERROR, *ERRORP is the server's error
 * object as compact JSON text with sorted members (caller frees). */
enum lazy_idl_status lazy_idl_commit(struct lazy_idl *, bool dry_run,
                                     json_t **resultp, char **errorp);
/* After a successful commit, the UUID the server gave the row inserted
 * with local UUID LOCAL; otherwise LOCAL itself. */
struct uuid lazy_idl_get_real_uuid(const struct lazy_idl *,
                                   const struct uuid *local);

/* Monitors (RFC 7047 "monitor") for tools that wait for a change.
 *
 * lazy_idl_monitor() starts monitoring COLUMNS (NULL: all) of TABLE and
 * returns the initial contents as a "table-updates" object (caller
 * decrefs).  lazy_idl_wait_update() blocks until the server sends an
 * "update" for any monitor and returns its table-updates (caller
 * decrefs). */
json_t *lazy_idl_monitor(struct lazy_idl *, const struct ovsdb_table_schema *,
                         const char *const *columns, size_t n_columns);
json_t *lazy_idl_wait_update(struct lazy_idl *);

/* Sends REQUEST (taken) and blocks for its reply, handling "echo" and
 * buffering monitor updates.  Returns the reply (caller destroys).  Exits
 * on a connection error. */
struct jsonrpc_msg;
struct jsonrpc_msg *lazy_idl_transact_block(struct lazy_idl *,
                                            struct jsonrpc_msg *request);

#endif /* ovsdb/lazy-idl.h */
