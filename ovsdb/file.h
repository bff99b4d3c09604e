/* file: a database stored in a standalone OVSDB log file (ovsdb(5)).
 *
 * Opening a file reads its first record as the schema and replays every
 * later record, a committed transaction, into a new struct ovsdb.  A torn
 * or corrupt tail (a crash during a write) is logged and ignored; the
 * next write cuts it off.
 *
 * A writable file is attached to its database as an observer: every
 * committed transaction that changes persistent data is written as one
 * record, in the layout Open vSwitch writes ("_date", "_comment",
 * "_is_diff": true, new rows without default columns, modified rows with
 * only the changed columns as update2-style diffs, deleted rows as null),
 * before the commit returns.  So an acknowledged commit survives the
 * server being killed.  Durability against power loss needs fdatasync():
 *
 * Group commit.  Each record written gets the next sequence number.  A
 * commit marked durable (or every commit, with
 * ovsdb_file_set_durable_commits()) asks for a sync; ovsdb_file_run()
 * does at most one fdatasync() covering everything written so far.  A
 * server therefore, right after each commit, asks
 * ovsdb_file_get_commit_sync_seqno(): if it is nonzero, it holds the reply
 * until ovsdb_file_get_seqno_synced() reaches it, and calls
 * ovsdb_file_run()/ovsdb_file_wait() once per main loop iteration, so all
 * commits of one iteration share one sync.
 *
 * Compaction rewrites the file as the schema plus one record holding
 * every row, atomically (temporary file, sync, rename, directory sync).
 * ovsdb_file_run() compacts automatically as ovsdb-server(1) describes:
 * once the file is over twice its size after the last compaction and at
 * least 10 MB, 100 commits and 10 minutes after the last compaction, or
 * after 24 hours if 100 commits were logged. */
#ifndef OVSDB_FILE_H
#define OVSDB_FILE_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "util.h"

struct ovsdb;
struct ovsdb_error;
struct ovsdb_file;
struct ovsdb_schema;

/* Reads only the schema (first record) of database file FILE_NAME into
 * *SCHEMAP (caller frees with ovsdb_schema_destroy()).  Returns NULL or
 * an error (caller owns). */
struct ovsdb_error *ovsdb_file_read_schema(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Creates database file FILE_NAME, which must not exist, holding only
 * SCHEMA (borrowed), synced to disk.  Returns NULL or an error. */
struct ovsdb_error *ovsdb_file_create(const char *file_name,
                                      const struct ovsdb_schema *schema)
    OVS_WARN_UNUSED_RESULT;

/* Opens database file FILE_NAME and reads it into a new database stored
 * in *DBP (caller destroys it with ovsdb_destroy()).
 *
 * If READ_ONLY, the file is only read (no lock, FILEP may be NULL and
 * *FILEP is set to NULL if it is not).  Otherwise the file is locked
 * against other writers and *FILEP receives the storage attached to *DBP
 * (caller destroys it with ovsdb_file_destroy(), before or after the
 * database).
 *
 * On error stores NULL in *DBP (and *FILEP) and returns the error
 * (caller owns). */
struct ovsdb_error *ovsdb_file_open(const char *file_name, bool read_only,
                                    struct ovsdb **dbp,
                                    struct ovsdb_file **filep)
    OVS_WARN_UNUSED_RESULT;

/* Detaches FILE from its database (if that still exists) and closes it,
 * releasing the lock.  Does not sync: call ovsdb_file_sync() first if
 * that matters.  NULL is ok. */
void ovsdb_file_destroy(struct ovsdb_file *file);

/* Returns FILE's file name (borrowed). */
const char *ovsdb_file_get_name(const struct ovsdb_file *file);
/* Returns the database FILE stores (borrowed), NULL once destroyed. */
struct ovsdb *ovsdb_file_get_db(const struct ovsdb_file *file);

/* Durability. */

/* If DURABLE, every commit asks for a sync as if marked durable. */
void ovsdb_file_set_durable_commits(struct ovsdb_file *file, bool durable);
bool ovsdb_file_get_durable_commits(const struct ovsdb_file *file);

/* Sequence number of the last record written (0 before the first). */
uint64_t ovsdb_file_get_seqno_written(const struct ovsdb_file *file);
/* Every record up to this sequence number is on disk. */
uint64_t ovsdb_file_get_seqno_synced(const struct ovsdb_file *file);
/* Call right after a commit on FILE's database: returns the sequence
 * number that must be synced before the commit may be acknowledged, or 0
 * if the reply may be sent at once (nothing was written, or neither the
 * commit nor the durable-commits policy asks for durability).  The
 * answer stays valid until the next commit. */
uint64_t ovsdb_file_get_commit_sync_seqno(const struct ovsdb_file *file);

/* Syncs everything written so far, now (blocks).  Returns NULL or an
 * I/O error (caller owns). */
struct ovsdb_error *ovsdb_file_sync(struct ovsdb_file *file)
    OVS_WARN_UNUSED_RESULT;

/* Main loop: syncs once if any commit waits for durability (logging
 * errors, which are retried on the next call), then compacts if due. */
void ovsdb_file_run(struct ovsdb_file *file);
/* Wakes the poll loop when ovsdb_file_run() has work. */
void ovsdb_file_wait(struct ovsdb_file *file);

/* Compaction and replacement. */

/* Compacts FILE in place (blocks).  COMMENT (borrowed; NULL for the
 * server's "compacting database online") becomes the snapshot record's
 * "_comment".  Returns NULL or an error (caller owns); on error the
 * file is unchanged. */
struct ovsdb_error *ovsdb_file_compact(struct ovsdb_file *file,
                                       const char *comment)
    OVS_WARN_UNUSED_RESULT;

/* Writes a compacted copy of DB (borrowed) as new file FILE_NAME, which
 * must not exist, with COMMENT in its snapshot record. */
struct ovsdb_error *ovsdb_file_save_copy(const char *file_name,
                                         const char *comment,
                                         const struct ovsdb *db)
    OVS_WARN_UNUSED_RESULT;

/* Replaces FILE's contents, atomically, by a snapshot of NEW_DB
 * (borrowed) with COMMENT, and attaches FILE to NEW_DB instead of its
 * current database (used after converting the database online).
 * (Conversion itself is ovsdb_convert() in ovsdb.h.)  Returns NULL or an
 * error (caller owns); on error nothing changed. */
struct ovsdb_error *ovsdb_file_replace(struct ovsdb_file *file,
                                       const char *comment,
                                       struct ovsdb *new_db)
    OVS_WARN_UNUSED_RESULT;

/* Returns the JSON of a snapshot record of DB (borrowed): every row with
 * its persistent non-default columns, "_date", and "_comment" if COMMENT
 * is nonnull.  Caller owns the reference. */
json_t *ovsdb_file_snapshot_to_json(const struct ovsdb *db,
                                    const char *comment);

#endif /* ovsdb/file.h */
