/* ovsdb: an in-memory OVSDB database: a schema, one struct ovsdb_table
 * per table, and the observers that see every committed transaction.
 *
 * The database is changed only through transactions (transaction.h,
 * execution.h).  Observers (the storage that writes the log, the monitors
 * that turn commits into update notifications) are called in the order
 * they were added, after a transaction passed every check and before it
 * is applied; an observer's error aborts the transaction.
 *
 * A database has at most one transaction in progress at a time: the
 * engine is single-threaded and a transaction runs from ovsdb_txn_create()
 * to its commit or abort without returning to the main loop. */
#ifndef OVSDB_OVSDB_H
#define OVSDB_OVSDB_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "shash.h"
#include "util.h"

struct ovsdb_error;
struct ovsdb_observer;
struct ovsdb_schema;
struct ovsdb_table;
struct ovsdb_txn;

struct ovsdb {
    struct ovsdb_schema *schema;    /* Owned. */
    struct shash tables;            /* name -> struct ovsdb_table * (owned).*/
    struct ovs_list observers;      /* struct ovsdb_observer (node). */
    struct ovsdb_txn *txn;          /* Transaction in progress, or NULL. */
    uint64_t n_commits;             /* Transactions committed with at least
                                     * one change (including replays). */
};

struct ovsdb_observer_class {
    /* Called after all checks passed, before the change is applied to the
     * database (the tables' row maps already show the new rows; indexes
     * and reference counts are not updated yet).  DURABLE is true if the
     * transaction asked for durability ("commit" with "durable": true).
     * Returning an error (which the engine takes ownership of) aborts the
     * transaction.  Called only for transactions that change at least
     * one row. */
    struct ovsdb_error *(*commit)(struct ovsdb_observer *,
                                  const struct ovsdb_txn *, bool durable);
    /* Called by ovsdb_destroy() for each observer still attached (after
     * it was removed from the list).  May be NULL. */
    void (*destroy)(struct ovsdb_observer *);
};

struct ovsdb_observer {
    const struct ovsdb_observer_class *class;
    struct ovs_list node;           /* In ovsdb->observers. */
};

/* Creates a database for SCHEMA (takes ownership), with empty tables.
 * Caller frees with ovsdb_destroy(). */
struct ovsdb *ovsdb_create(struct ovsdb_schema *schema);
/* Destroys the observers still attached (their class's destroy), then
 * frees DB, its tables and its schema.  No transaction may be in
 * progress.  NULL is ok. */
void ovsdb_destroy(struct ovsdb *db);

/* Returns the schema's name (borrowed). */
const char *ovsdb_get_name(const struct ovsdb *db);
/* Returns table NAME or NULL (borrowed). */
struct ovsdb_table *ovsdb_get_table(const struct ovsdb *db,
                                    const char *name);

/* Appends OBSERVER (borrowed: it must stay valid until removed) to DB's
 * observers; it is called after the ones added before it. */
void ovsdb_add_observer(struct ovsdb *db, struct ovsdb_observer *observer);
/* Removes OBSERVER from DB's observers (does not destroy it). */
void ovsdb_remove_observer(struct ovsdb *db,
                           struct ovsdb_observer *observer);

/* Counts for ovsdb-server/memory/show: the number of rows in all tables
 * and the number of atoms (keys plus values) in all their columns. */
void ovsdb_get_memory_usage(const struct ovsdb *db, size_t *n_rows,
                            size_t *n_atoms);

/* Builds a new database with schema NEW_SCHEMA (takes ownership) holding
 * SRC's data (borrowed), as "ovsdb-tool convert" and online conversion
 * do: tables and columns missing from NEW_SCHEMA are dropped, new columns
 * get default values, values are converted to the new column types
 * (through their JSON form).  The result has no observers.  On success
 * stores it in *DSTP (caller frees) and returns NULL; on failure stores
 * NULL and returns the error (caller owns). */
struct ovsdb_error *ovsdb_convert(const struct ovsdb *src,
                                  struct ovsdb_schema *new_schema,
                                  struct ovsdb **dstp)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/ovsdb.h */
