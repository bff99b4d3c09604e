/* file: a database stored in a standalone OVSDB log file.  Loading
 * replays the log into a struct ovsdb; an observer writes each commit as
 * one record; group commit, compaction and replacement keep the file
 * durable and small (see file.h). */
#include "file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "row.h"
#include "schema.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_file);

/* Automatic compaction thresholds (ovsdb-server(1)). */
#define COMPACT_MIN_SIZE (10 * 1024 * 1024)
#define COMPACT_MIN_COMMITS 100
#define COMPACT_MIN_MSEC (10 * 60 * 1000)
#define COMPACT_MAX_MSEC (24 * 60 * 60 * 1000LL)
#define COMPACT_RETRY_MSEC (60 * 1000)

struct ovsdb_file {
    struct ovsdb_observer observer;     /* In DB's observers. */
    struct ovsdb *db;                   /* NULL once the db is destroyed. */
    struct ovsdb_log *log;

    /* Group commit. */
    bool durable_commits;               /* Every commit asks for a sync. */
    uint64_t seqno_written;             /* Last record written. */
    uint64_t seqno_synced;              /* Last record on disk. */
    uint64_t seqno_sync_wanted;         /* Last record that needs a sync. */
    uint64_t commit_sync_seqno;         /* For the last commit (file.h). */
    uint64_t commit_n_commits;          /* db->n_commits after that commit. */
    long long int sync_retry;           /* After a failed sync: not before. */

    /* Automatic compaction. */
    off_t snapshot_size;                /* File size after the last
                                         * compaction (or at open). */
    unsigned int n_records;             /* Written since then. */
    long long int snapshot_msec;        /* When that was (time_msec()). */
    long long int compact_retry;        /* After a failure: not before. */
};

static const struct ovsdb_observer_class file_observer_class;

/* ---------------------------------------------------------------------- */
/* Reading. */

/* Sets the fields of ROW (writable) from the <row-txn> ROW_JSON.  For an
 * existing row of a record that has "_is_diff", the values of columns
 * that may hold more than one element are update2-style diffs to apply;
 * otherwise (including optional values and maps of at most one pair, as
 * OVS writes them) they are the new values. */
static struct ovsdb_error *
file_row_from_json(struct ovsdb_row *row, const json_t *row_json,
                   bool apply_diffs)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    const char *column_name;
    json_t *value;

    json_object_foreach ((json_t *) row_json, column_name, value) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, column_name);
        struct ovsdb_datum datum;
        struct ovsdb_error *error;

        if (!column || column->index < OVSDB_N_STD_COLUMNS) {
            return ovsdb_syntax_error(row_json, "unknown column",
                                      "No column %s in table %s.",
                                      column_name, ts->name);
        }
        if (apply_diffs && column->type.n_max != 1) {
            error = ovsdb_datum_from_json_relaxed(&datum, &column->type,
                                                  value, NULL);
            if (!error) {
                error = ovsdb_datum_apply_diff_in_place(
                    &row->fields[column->index], &datum, &column->type);
                ovsdb_datum_destroy(&datum, &column->type);
            }
        } else {
            error = ovsdb_datum_from_json(&datum, &column->type, value,
                                          NULL);
            if (!error) {
                ovsdb_datum_swap(&row->fields[column->index], &datum);
                ovsdb_datum_destroy(&datum, &column->type);
            }
        }
        if (error) {
            return ovsdb_wrap_error(error, "column %s of table %s",
                                    column_name, ts->name);
        }
    }
    return NULL;
}

static struct ovsdb_error *
file_table_from_json(struct ovsdb_txn *txn, struct ovsdb_table *table,
                     const json_t *table_json, bool is_diff)
{
    const char *uuid_string;
    json_t *row_json;

    if (!json_is_object(table_json)) {
        return ovsdb_syntax_error(table_json, NULL, "object expected");
    }
    json_object_foreach ((json_t *) table_json, uuid_string, row_json) {
        const struct ovsdb_row *row;
        struct ovsdb_error *error;
        struct uuid uuid;

        if (!uuid_from_string(&uuid, uuid_string)) {
            return ovsdb_syntax_error(table_json, NULL,
                                      "\"%s\" is not a valid UUID",
                                      uuid_string);
        }
        row = ovsdb_table_get_row(table, &uuid);
        if (json_is_null(row_json)) {
            if (!row) {
                return ovsdb_syntax_error(table_json, NULL, "transaction "
                                          "deletes nonexistent row %s",
                                          uuid_string);
            }
            ovsdb_txn_row_delete(txn, row);
        } else if (!json_is_object(row_json)) {
            return ovsdb_syntax_error(row_json, NULL,
                                      "null or object expected");
        } else if (row) {
            struct ovsdb_row *rw = ovsdb_txn_row_modify(txn, row);
            error = file_row_from_json(rw, row_json, is_diff);
            if (error) {
                return error;
            }
        } else {
            struct ovsdb_row *new = ovsdb_row_create(table);
            *ovsdb_row_get_uuid_rw(new) = uuid;
            error = file_row_from_json(new, row_json, false);
            if (error) {
                ovsdb_row_destroy(new);
                return error;
            }
            error = ovsdb_txn_row_insert(txn, new);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* Applies transaction record JSON to DB. */
static struct ovsdb_error *
file_replay_record(struct ovsdb *db, const json_t *json)
{
    bool is_diff = json_is_true(json_object_get(json, "_is_diff"));
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    const char *table_name;
    json_t *table_json;

    json_object_foreach ((json_t *) json, table_name, table_json) {
        struct ovsdb_table *table;
        struct ovsdb_error *error;

        if (table_name[0] == '_') {
            continue;           /* "_date", "_comment", "_is_diff". */
        }
        table = ovsdb_get_table(db, table_name);
        if (!table) {
            ovsdb_txn_abort(txn);
            return ovsdb_syntax_error(json, "unknown table",
                                      "No table named %s.", table_name);
        }
        error = file_table_from_json(txn, table, table_json, is_diff);
        if (error) {
            ovsdb_txn_abort(txn);
            return error;
        }
    }
    return ovsdb_txn_replay_commit(txn);
}

/* Reads the schema record of LOG into *SCHEMAP. */
static struct ovsdb_error *
file_read_schema_record(struct ovsdb_log *log, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    json_t *json;

    *schemap = NULL;
    error = ovsdb_log_read(log, &json);
    if (error) {
        return error;
    }
    if (!json) {
        return ovsdb_error("ovsdb error", "%s: database file contains no "
                           "schema", ovsdb_log_get_name(log));
    }
    error = ovsdb_schema_from_json(json, schemap);
    json_decref(json);
    if (error) {
        return ovsdb_wrap_error(error, "failed to parse \"%s\" as ovsdb "
                                "schema", ovsdb_log_get_name(log));
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_file_read_schema(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    *schemap = NULL;
    error = ovsdb_log_open(file_name, OVSDB_MAGIC, OVSDB_LOG_READ_ONLY, -1,
                           &log);
    if (!error) {
        error = file_read_schema_record(log, schemap);
        ovsdb_log_close(log);
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_create(const char *file_name, const struct ovsdb_schema *schema)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    error = ovsdb_log_open(file_name, OVSDB_MAGIC, OVSDB_LOG_CREATE_EXCL, -1,
                           &log);
    if (error) {
        return error;
    }
    error = ovsdb_log_write_and_free(log, ovsdb_schema_to_json(schema));
    if (!error) {
        error = ovsdb_log_commit_block(log);
    }
    ovsdb_log_close(log);
    if (error) {
        unlink(file_name);
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_open(const char *file_name, bool read_only, struct ovsdb **dbp,
                struct ovsdb_file **filep)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    struct ovsdb *db;
    unsigned int n_records = 0;

    *dbp = NULL;
    if (filep) {
        *filep = NULL;
    }
    error = ovsdb_log_open(file_name, OVSDB_MAGIC,
                           read_only ? OVSDB_LOG_READ_ONLY
                           : OVSDB_LOG_READ_WRITE, -1, &log);
    if (error) {
        return error;
    }
    error = file_read_schema_record(log, &schema);
    if (error) {
        ovsdb_log_close(log);
        return error;
    }

    db = ovsdb_create(schema);
    for (;;) {
        json_t *json;

        error = ovsdb_log_read(log, &json);
        if (error) {
            /* A torn or corrupt tail: keep what was read. */
            char *s = ovsdb_error_to_string_free(error);
            VLOG_WARN("%s; ignoring %lld bytes after the last good record "
                      "(offset %lld)%s", s,
                      (long long) ovsdb_log_get_discarded(log),
                      (long long) ovsdb_log_get_offset(log),
                      read_only ? "" : ", which the next write truncates");
            free(s);
            break;
        }
        if (!json) {
            break;
        }
        error = file_replay_record(db, json);
        json_decref(json);
        if (error) {
            error = ovsdb_wrap_error(error, "%s: transaction record at "
                                     "offset %lld cannot be applied",
                                     file_name,
                                     (long long) ovsdb_log_get_offset(log));
            ovsdb_destroy(db);
            ovsdb_log_close(log);
            return error;
        }
        n_records++;
    }

    if (read_only) {
        ovsdb_log_close(log);
    } else {
        struct ovsdb_file *file = xzalloc(sizeof *file);

        file->observer.class = &file_observer_class;
        file->db = db;
        file->log = log;
        file->snapshot_size = ovsdb_log_get_offset(log);
        file->snapshot_msec = time_msec();
        ovsdb_add_observer(db, &file->observer);
        if (filep) {
            *filep = file;
        }
    }
    VLOG_DBG("%s: read %u transaction records", file_name, n_records);
    *dbp = db;
    return NULL;
}

void
ovsdb_file_destroy(struct ovsdb_file *file)
{
    if (file) {
        if (file->db) {
            ovsdb_remove_observer(file->db, &file->observer);
        }
        ovsdb_log_close(file->log);
        free(file);
    }
}

const char *
ovsdb_file_get_name(const struct ovsdb_file *file)
{
    return ovsdb_log_get_name(file->log);
}

struct ovsdb *
ovsdb_file_get_db(const struct ovsdb_file *file)
{
    return file->db;
}

/* ---------------------------------------------------------------------- */
/* Writing transactions. */

struct file_txn {
    json_t *json;               /* The record, NULL while empty. */
};

/* Adds ROW_JSON (taken) for row UUID of TABLE to FT's record. */
static void
file_txn_add_row(struct file_txn *ft, const struct ovsdb_table *table,
                 const struct uuid *uuid, json_t *row_json)
{
    char uuid_string[UUID_LEN + 1];
    json_t *table_json;

    if (!ft->json) {
        ft->json = json_object();
    }
    table_json = json_object_get(ft->json, table->schema->name);
    if (!table_json) {
        table_json = json_object();
        json_object_set_new(ft->json, table->schema->name, table_json);
    }
    uuid_to_string(uuid, uuid_string);
    json_object_set_new(table_json, uuid_string, row_json);
}

/* Returns ROW's persistent columns that differ from their defaults, as a
 * <row> object (how OVS writes new rows and snapshots). */
static json_t *
file_row_to_json(const struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    json_t *json = json_object();

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->columns_by_index[i];
        const struct ovsdb_datum *datum = &row->fields[i];

        if (column->persistent
            && !ovsdb_datum_is_default(datum, &column->type)) {
            json_object_set_new(json, column->name,
                                ovsdb_datum_to_json(datum, &column->type));
        }
    }
    return json;
}

static bool
file_txn_row_cb(const struct ovsdb_row *old, const struct ovsdb_row *new,
                const unsigned long *changed, void *ft_)
{
    struct file_txn *ft = ft_;
    const struct ovsdb_row *any = new ? new : old;
    const struct ovsdb_table_schema *ts = any->table->schema;
    json_t *row_json;

    if (!new) {
        row_json = json_null();
    } else if (!old) {
        row_json = file_row_to_json(new);
    } else {
        row_json = NULL;
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            const struct ovsdb_column *column = ts->columns_by_index[i];
            struct ovsdb_datum diff;

            if (!column->persistent
                || !ovsdb_txn_column_changed(changed, i)) {
                continue;
            }
            if (!row_json) {
                row_json = json_object();
            }
            if (column->type.n_max == 1) {
                /* OVS writes the new value of any column of at most one
                 * element, optional ones included. */
                json_object_set_new(row_json, column->name,
                                    ovsdb_datum_to_json(&new->fields[i],
                                                        &column->type));
                continue;
            }
            ovsdb_datum_diff(&diff, &old->fields[i], &new->fields[i],
                             &column->type);
            json_object_set_new(row_json, column->name,
                                ovsdb_datum_to_json(&diff, &column->type));
            ovsdb_datum_destroy(&diff, &column->type);
        }
        if (!row_json) {
            return true;        /* Only ephemeral columns changed. */
        }
    }
    file_txn_add_row(ft, any->table, ovsdb_row_get_uuid(any), row_json);
    return true;
}

static struct ovsdb_error *
file_observer_commit(struct ovsdb_observer *observer,
                     const struct ovsdb_txn *txn, bool durable)
{
    struct ovsdb_file *file = CONTAINER_OF(observer, struct ovsdb_file,
                                           observer);
    struct file_txn ft = { .json = NULL };
    struct ovsdb_error *error;
    const char *comment;

    file->commit_sync_seqno = 0;
    file->commit_n_commits = file->db->n_commits + 1;

    ovsdb_txn_for_each_change(txn, file_txn_row_cb, &ft);
    if (!ft.json) {
        return NULL;            /* No persistent change. */
    }
    json_object_set_new(ft.json, "_date", json_integer(time_wall_msec()));
    comment = ovsdb_txn_get_comment(txn);
    if (comment && comment[0]) {
        json_object_set_new(ft.json, "_comment", json_string(comment));
    }
    json_object_set_new(ft.json, "_is_diff", json_true());

    error = ovsdb_log_write_and_free(file->log, ft.json);
    if (error) {
        return ovsdb_wrap_error(error, "writing transaction failed");
    }
    file->seqno_written++;
    file->n_records++;
    if (durable || file->durable_commits) {
        file->seqno_sync_wanted = file->seqno_written;
        file->commit_sync_seqno = file->seqno_written;
    }
    return NULL;
}

static void
file_observer_destroy(struct ovsdb_observer *observer)
{
    struct ovsdb_file *file = CONTAINER_OF(observer, struct ovsdb_file,
                                           observer);
    file->db = NULL;
}

static const struct ovsdb_observer_class file_observer_class = {
    .commit = file_observer_commit,
    .destroy = file_observer_destroy,
};

/* ---------------------------------------------------------------------- */
/* Durability. */

void
ovsdb_file_set_durable_commits(struct ovsdb_file *file, bool durable)
{
    file->durable_commits = durable;
}

bool
ovsdb_file_get_durable_commits(const struct ovsdb_file *file)
{
    return file->durable_commits;
}

uint64_t
ovsdb_file_get_seqno_written(const struct ovsdb_file *file)
{
    return file->seqno_written;
}

uint64_t
ovsdb_file_get_seqno_synced(const struct ovsdb_file *file)
{
    return file->seqno_synced;
}

uint64_t
ovsdb_file_get_commit_sync_seqno(const struct ovsdb_file *file)
{
    if (!file->db || file->db->n_commits != file->commit_n_commits
        || file->commit_sync_seqno <= file->seqno_synced) {
        return 0;
    }
    return file->commit_sync_seqno;
}

struct ovsdb_error *
ovsdb_file_sync(struct ovsdb_file *file)
{
    uint64_t written = file->seqno_written;
    struct ovsdb_error *error = ovsdb_log_commit_block(file->log);

    if (!error) {
        file->seqno_synced = written;
    }
    return error;
}

static bool
file_sync_pending(const struct ovsdb_file *file)
{
    return file->seqno_synced < file->seqno_sync_wanted;
}

static bool
file_compaction_due(const struct ovsdb_file *file, long long int now)
{
    off_t size = ovsdb_log_get_offset(file->log);
    long long int age = now - file->snapshot_msec;

    if (!file->db || now < file->compact_retry
        || file->n_records < COMPACT_MIN_COMMITS) {
        return false;
    }
    if (age >= COMPACT_MAX_MSEC) {
        return true;
    }
    return (age >= COMPACT_MIN_MSEC && size >= COMPACT_MIN_SIZE
            && size / 2 > file->snapshot_size);
}

void
ovsdb_file_run(struct ovsdb_file *file)
{
    long long int now = time_msec();

    if (file_sync_pending(file) && now >= file->sync_retry) {
        struct ovsdb_error *error = ovsdb_file_sync(file);
        if (error) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
            char *s = ovsdb_error_to_string_free(error);
            VLOG_ERR_RL(&rl, "%s (retrying)", s);
            free(s);
            file->sync_retry = now + 1000;
        }
    }

    if (file_compaction_due(file, now)) {
        struct ovsdb_error *error;

        VLOG_INFO("%s: compacting database online (%.3f seconds old, %u "
                  "transactions, %lld bytes)", ovsdb_file_get_name(file),
                  (now - file->snapshot_msec) / 1000.0, file->n_records,
                  (long long) ovsdb_log_get_offset(file->log));
        error = ovsdb_file_compact(file, NULL);
        if (error) {
            char *s = ovsdb_error_to_string_free(error);
            VLOG_WARN("%s: compacting failed (%s)",
                      ovsdb_file_get_name(file), s);
            free(s);
            file->compact_retry = now + COMPACT_RETRY_MSEC;
        }
    }
}

void
ovsdb_file_wait(struct ovsdb_file *file)
{
    long long int now = time_msec();

    if (file_sync_pending(file)) {
        poll_timer_wait_until(MAX(now, file->sync_retry));
    }
    if (file->db && file->n_records >= COMPACT_MIN_COMMITS) {
        /* The size condition is rechecked after each commit (which wakes
         * the loop anyway); the age conditions need timers. */
        long long int when = file->snapshot_msec + COMPACT_MIN_MSEC;
        if (when <= now) {
            when = file->snapshot_msec + COMPACT_MAX_MSEC;
        }
        poll_timer_wait_until(MAX(when, file->compact_retry));
    }
}

/* ---------------------------------------------------------------------- */
/* Snapshots, compaction, replacement. */

json_t *
ovsdb_file_snapshot_to_json(const struct ovsdb *db, const char *comment)
{
    json_t *json = json_object();
    struct shash_node *node;

    json_object_set_new(json, "_date", json_integer(time_wall_msec()));
    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_row *row;
        json_t *table_json;

        if (!hmap_count(&table->rows)) {
            continue;
        }
        table_json = json_object();
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            char uuid_string[UUID_LEN + 1];

            uuid_to_string(ovsdb_row_get_uuid(row), uuid_string);
            json_object_set_new(table_json, uuid_string,
                                file_row_to_json(row));
        }
        json_object_set_new(json, node->name, table_json);
    }
    if (comment) {
        json_object_set_new(json, "_comment", json_string(comment));
    }
    return json;
}

/* Returns the two records of a compacted file of DB (caller decrefs). */
static void
file_snapshot_records(const struct ovsdb *db, const char *comment,
                      json_t *records[2])
{
    records[0] = ovsdb_schema_to_json(db->schema);
    records[1] = ovsdb_file_snapshot_to_json(db, comment);
}

struct ovsdb_error *
ovsdb_file_save_copy(const char *file_name, const char *comment,
                     const struct ovsdb *db)
{
    struct ovsdb_error *error;
    json_t *records[2];

    file_snapshot_records(db, comment, records);
    error = ovsdb_log_write_file(file_name, OVSDB_MAGIC, records, 2);
    json_decref(records[0]);
    json_decref(records[1]);
    return error;
}

/* Replaces FILE's log by a snapshot of DB. */
static struct ovsdb_error *
file_rewrite(struct ovsdb_file *file, const char *comment,
             const struct ovsdb *db)
{
    struct ovsdb_error *error;
    json_t *records[2];

    file_snapshot_records(db, comment, records);
    error = ovsdb_log_replace(file->log, records, 2);
    json_decref(records[0]);
    json_decref(records[1]);
    if (!error) {
        /* The new file was synced before it took the old one's name. */
        file->seqno_synced = file->seqno_written;
        file->snapshot_size = ovsdb_log_get_offset(file->log);
        file->snapshot_msec = time_msec();
        file->n_records = 0;
        file->compact_retry = 0;
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_compact(struct ovsdb_file *file, const char *comment)
{
    if (!file->db) {
        return ovsdb_internal_error("%s: database is gone",
                                    ovsdb_file_get_name(file));
    }
    return file_rewrite(file, comment ? comment
                        : "compacting database online", file->db);
}

struct ovsdb_error *
ovsdb_file_replace(struct ovsdb_file *file, const char *comment,
                   struct ovsdb *new_db)
{
    struct ovsdb_error *error = file_rewrite(file, comment, new_db);

    if (!error && file->db != new_db) {
        if (file->db) {
            ovsdb_remove_observer(file->db, &file->observer);
        }
        file->db = new_db;
        ovsdb_add_observer(new_db, &file->observer);
        file->commit_n_commits = 0;
        file->commit_sync_seqno = 0;
    }
    return error;
}
