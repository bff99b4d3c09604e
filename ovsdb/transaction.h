/* transaction: atomic changes to an OVSDB database.
 *
 * A transaction collects inserted, modified and deleted rows.  Changes are
 * visible in the tables immediately (so later operations of the same
 * transaction see them); ovsdb_txn_abort() undoes them and
 * ovsdb_txn_commit() makes them permanent after checking, in this order
 * (the order OVS 3.1 checks them in, with its error texts):
 *
 *   1. every changed value satisfies its column type ("constraint
 *      violation");
 *   2. strong references point to existing rows, and deleted rows are no
 *      longer strongly referenced ("referential integrity violation");
 *   3. rows of non-root tables that are no longer referenced are deleted
 *      (garbage collection, cascading);
 *   4. tables stay within their maxRows ("constraint violation");
 *   5. weak references to rows that do not exist (any more) are removed,
 *      which may leave a column below its minimum size ("constraint
 *      violation");
 *   6. index values stay unique ("constraint violation");
 *   7. the database's observers accept the transaction;
 * then the changes are applied: new rows get a fresh _version, reference
 * counts, weak reference lists and indexes are updated and old versions
 * are freed.  All of this costs time proportional to the rows (and
 * values) the transaction touched, not to the size of the tables.
 *
 * A transaction that changes nothing commits without calling the
 * observers. */
#ifndef OVSDB_TRANSACTION_H
#define OVSDB_TRANSACTION_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hmap.h"
#include "list.h"
#include "util.h"

struct ovsdb;
struct ovsdb_error;
struct ovsdb_row;
struct ovsdb_table;
struct ovsdb_txn;

/* Bookkeeping for one row touched by a transaction.  Read-only outside the
 * engine. */
struct ovsdb_txn_row {
    struct hmap_node hmap_node; /* In the txn's rows, by uuid_hash(uuid). */
    struct ovs_list table_node; /* In table->txn_rows. */
    struct ovs_list txn_node;   /* In the txn's rows, in touch order. */
    struct ovsdb_table *table;
    struct ovsdb_row *old;      /* Committed version, NULL if inserted. */
    struct ovsdb_row *new;      /* Current version, NULL if deleted.  Equal
                                 * to OLD if only its reference count is
                                 * changing. */
    long long int n_refs_delta; /* Change in strong references to it. */
    unsigned long *changed;     /* Bitmap of changed columns (commit). */
};

/* Creates a transaction on DB (borrowed).  DB must have no transaction in
 * progress.  The transaction ends with exactly one of ovsdb_txn_abort(),
 * ovsdb_txn_commit() or ovsdb_txn_replay_commit(), each of which frees
 * it. */
struct ovsdb_txn *ovsdb_txn_create(struct ovsdb *db);
/* Undoes every change of TXN and frees it.  NULL is ok. */
void ovsdb_txn_abort(struct ovsdb_txn *txn);
/* Checks TXN, calls DB's observers (DURABLE is passed on to them) and
 * applies it.  Frees TXN in every case.  Returns NULL on success, else the
 * error (caller owns) after undoing the transaction. */
struct ovsdb_error *ovsdb_txn_commit(struct ovsdb_txn *txn, bool durable)
    OVS_WARN_UNUSED_RESULT;
/* Like ovsdb_txn_commit() but calls no observer: for replaying a stored
 * log into the database at startup. */
struct ovsdb_error *ovsdb_txn_replay_commit(struct ovsdb_txn *txn)
    OVS_WARN_UNUSED_RESULT;

/* Returns TXN's database (borrowed). */
struct ovsdb *ovsdb_txn_get_db(const struct ovsdb_txn *txn);
/* Appends COMMENT (copied) to TXN's comment, separated from earlier
 * comments by a new-line, as several "comment" operations are. */
void ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment);
/* Returns the comment, or NULL if none was added.  Borrowed. */
const char *ovsdb_txn_get_comment(const struct ovsdb_txn *txn);

/* Inserts ROW (takes ownership: created with ovsdb_row_create() for a
 * table of TXN's database and filled in by the caller, its _uuid set and
 * not all-zeros).  ROW stays writable by the caller until the transaction
 * ends.  If a row with that _uuid exists in the table or was deleted by
 * this transaction, frees ROW and returns a "duplicate uuid" error
 * (caller owns). */
struct ovsdb_error *ovsdb_txn_row_insert(struct ovsdb_txn *txn,
                                         struct ovsdb_row *row)
    OVS_WARN_UNUSED_RESULT;
/* Returns a writable version of ROW (a row of the current view of one of
 * TXN's tables), which replaces ROW in the table: the caller may change
 * any field except _uuid.  ROW itself must not be used afterwards unless
 * the returned row is ROW (already writable). */
struct ovsdb_row *ovsdb_txn_row_modify(struct ovsdb_txn *txn,
                                       const struct ovsdb_row *row);
/* Deletes ROW (a row of the current view of one of TXN's tables).  ROW
 * must not be used afterwards. */
void ovsdb_txn_row_delete(struct ovsdb_txn *txn, const struct ovsdb_row *row);
/* True if ROW is a version that TXN lets the caller write (inserted or
 * returned by ovsdb_txn_row_modify()). */
bool ovsdb_txn_row_is_writable(const struct ovsdb_txn *txn,
                               const struct ovsdb_row *row);

/* For observers: visits each changed row.  OLD NULL = insert, NEW NULL =
 * delete.  CHANGED = bitmap (see ovsdb_txn_column_changed()) of the
 * columns whose values differ, indexed by column index (all columns for
 * inserts and deletes; _version whenever the row changed).  The callback
 * returns true to go on, false to stop; the function returns false if it
 * was stopped.  Tables are visited in the order the transaction first
 * touched them, rows likewise. */
typedef bool ovsdb_txn_row_cb_func(const struct ovsdb_row *old,
                                   const struct ovsdb_row *new,
                                   const unsigned long *changed, void *aux);
bool ovsdb_txn_for_each_change(const struct ovsdb_txn *txn,
                               ovsdb_txn_row_cb_func *cb, void *aux);

/* Tests bit COLUMN_INDEX of a CHANGED bitmap. */
static inline bool
ovsdb_txn_column_changed(const unsigned long *changed,
                         unsigned int column_index)
{
    const unsigned int bits = 8 * sizeof *changed;
    return (changed[column_index / bits] >> (column_index % bits)) & 1;
}

#endif /* ovsdb/transaction.h */
