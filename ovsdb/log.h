/* log: the OVSDB record log, the on-disk layer of a standalone database.
 *
 * A log file is a sequence of records (ovsdb(5)).  Each record is a
 * header line "OVSDB <magic> <length> <sha1>\n" followed by exactly
 * <length> bytes holding one JSON object and a final "\n"; <sha1> is the
 * SHA-1 of those bytes in 40 lowercase hex digits.  Standalone databases
 * use the magic "JSON" (OVSDB_MAGIC); clustered ones "CLUSTER", which
 * this module recognizes but the rest of Railyard does not serve.
 *
 * A log is opened, read record by record to its end, then appended to.
 * Reading stops at the first record that is torn or corrupt (short read,
 * bad header, length, checksum or JSON): ovsdb_log_read() reports it once
 * and from then on acts as if the file ended at the last good record; the
 * first write truncates the file there.  Writes are appended with one
 * write() each; ovsdb_log_commit_block() makes them durable (fdatasync).
 * Writable logs hold an fcntl() lock on "<dir>/.<name>.~lock~", the lock
 * file Open vSwitch uses, so our programs and OVS's exclude each other.
 *
 * A log can be replaced atomically (compaction, conversion): write the new
 * contents to "<name>.tmp" with ovsdb_log_replace_start(), then
 * ovsdb_log_replace_commit() syncs it, renames it over the original and
 * syncs the directory; a crash at any point leaves either the old or the
 * new file complete.
 *
 * Errors are struct ovsdb_error: "I/O error" (with errno) for system
 * calls, "syntax error" for bad records, "ovsdb error" for wrong file
 * types, with messages worded as OVS words them. */
#ifndef OVSDB_LOG_H
#define OVSDB_LOG_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "util.h"

struct ds;
struct ovsdb_error;
struct ovsdb_log;

/* Magic of standalone database files. */
#define OVSDB_MAGIC "JSON"
/* Magic of clustered database files (recognized, not supported). */
#define OVSDB_CLUSTER_MAGIC "CLUSTER"

enum ovsdb_log_open_mode {
    OVSDB_LOG_READ_ONLY,        /* Existing file, reads only, no lock. */
    OVSDB_LOG_READ_WRITE,       /* Existing file, read then append. */
    OVSDB_LOG_CREATE_EXCL,      /* New file; fails if it exists. */
    OVSDB_LOG_CREATE            /* Existing file (as READ_WRITE) or new. */
};

/* Opens log file NAME in MODE.  MAGIC is the magic the caller expects
 * (OVSDB_MAGIC), or NULL to accept either magic (see
 * ovsdb_log_get_magic()).  A file of the wrong magic fails with
 * "NAME: cannot apply this operation to clustered database file" (or
 * "...: <magic> is not a standalone database file"); an empty existing
 * file with MAGIC NULL with "NAME: cannot identify file type".
 *
 * LOCKING: true to take the lock file, false not to, -1 for the default
 * (lock unless MODE is READ_ONLY).  New files are created with mode 0660
 * (minus umask).
 *
 * On success stores a new log in *LOGP (caller closes it with
 * ovsdb_log_close()) and returns NULL; on failure stores NULL and returns
 * the error (caller owns). */
struct ovsdb_error *ovsdb_log_open(const char *name, const char *magic,
                                   enum ovsdb_log_open_mode mode,
                                   int locking, struct ovsdb_log **logp)
    OVS_WARN_UNUSED_RESULT;
/* Closes LOG (NULL ok), releasing its lock.  Data written but not
 * committed is not synced. */
void ovsdb_log_close(struct ovsdb_log *log);

/* Returns the file name given to ovsdb_log_open() (borrowed). */
const char *ovsdb_log_get_name(const struct ovsdb_log *log);
/* Returns the magic of LOG's records (OVSDB_MAGIC or OVSDB_CLUSTER_MAGIC;
 * for a new file, the magic it was opened with).  Borrowed. */
const char *ovsdb_log_get_magic(const struct ovsdb_log *log);

/* Reads the next record.  On success stores the record's JSON object in
 * *JSONP (caller owns the reference), or NULL at the end of the log, and
 * returns NULL.  On a torn or corrupt record stores NULL and returns an
 * error (caller owns) naming the file, the offset and the reason; the
 * log then behaves as if it ended before that record (later reads return
 * end of log, the first write truncates the bad bytes).  Reading is not
 * allowed after writing. */
struct ovsdb_error *ovsdb_log_read(struct ovsdb_log *log, json_t **jsonp)
    OVS_WARN_UNUSED_RESULT;
/* Returns the file offset just past the last good record read (or
 * written): the size the file will have once bad bytes are truncated. */
off_t ovsdb_log_get_offset(const struct ovsdb_log *log);
/* Returns the number of bytes of torn or corrupt data found after the
 * last good record (0 if none). */
off_t ovsdb_log_get_discarded(const struct ovsdb_log *log);

/* Serializes JSON (borrowed, must be an object) as one record with MAGIC
 * and appends it to OUT (header line, JSON, "\n").  Used by the writer
 * and by tests that craft files. */
void ovsdb_log_compose_record(const json_t *json, const char *magic,
                              struct ds *out);

/* Appends the record JSON (borrowed; must be an object) to LOG, which
 * must have been opened writable and read to its end (or be new).  The
 * record is written with one write() but not synced: see
 * ovsdb_log_commit_block().  If writing fails, the file is truncated back
 * to its previous length (if that fails too, the log refuses further
 * writes).  Returns NULL or an error (caller owns). */
struct ovsdb_error *ovsdb_log_write(struct ovsdb_log *log, const json_t *json)
    OVS_WARN_UNUSED_RESULT;
/* Same as ovsdb_log_write() but takes ownership of JSON. */
struct ovsdb_error *ovsdb_log_write_and_free(struct ovsdb_log *log,
                                             json_t *json)
    OVS_WARN_UNUSED_RESULT;
/* Makes everything written to LOG so far durable: fdatasync() of the file
 * (and, the first time for a new file, fsync() of its directory).
 * Blocks.  Returns NULL or an I/O error (caller owns). */
struct ovsdb_error *ovsdb_log_commit_block(struct ovsdb_log *log)
    OVS_WARN_UNUSED_RESULT;
/* Returns the number of records written and not yet committed. */
unsigned int ovsdb_log_get_n_uncommitted(const struct ovsdb_log *log);

/* Atomic replacement.  ovsdb_log_replace_start() creates and locks
 * "<name>.tmp" (replacing a stale one) as a new empty log stored in
 * *NEWP (caller writes records to it).  Then either
 * ovsdb_log_replace_commit() makes it the contents of OLD (sync, rename
 * over OLD's name, sync the directory; OLD then refers to the new file,
 * positioned for appending, and NEW is closed), or
 * ovsdb_log_replace_abort() deletes it.  Both consume NEW.  Errors are
 * returned (caller owns); after a failed commit OLD is unchanged. */
struct ovsdb_error *ovsdb_log_replace_start(struct ovsdb_log *old,
                                            struct ovsdb_log **newp)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_log_replace_commit(struct ovsdb_log *old,
                                             struct ovsdb_log *new)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_log_replace_abort(struct ovsdb_log *new);

/* Convenience: replaces OLD's contents by the N records in ENTRIES
 * (borrowed) through the three calls above. */
struct ovsdb_error *ovsdb_log_replace(struct ovsdb_log *old,
                                      json_t **entries, size_t n)
    OVS_WARN_UNUSED_RESULT;

/* Writes the N records in ENTRIES (borrowed) with MAGIC as file NAME,
 * replacing an existing file of that name atomically: takes NAME's lock,
 * writes "<NAME>.tmp", syncs it, renames it to NAME and syncs the
 * directory.  Returns NULL or an error (caller owns); on error NAME is
 * unchanged. */
struct ovsdb_error *ovsdb_log_write_file(const char *name, const char *magic,
                                         json_t **entries, size_t n)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/log.h */
