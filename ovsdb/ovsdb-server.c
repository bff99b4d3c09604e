/* ovsdb-server: the Open vSwitch database server.
 *
 *     ovsdb-server [OPTION]... [DATABASE]...
 *
 * Serves each DATABASE file (default <dbdir>/conf.db) plus the built-in
 * _Server database over JSON-RPC on the remotes given with --remote,
 * including "db:DB,TABLE,COLUMN" remotes read from the databases
 * themselves (re-read whenever they change).  Commits are written to the
 * database files before they are acknowledged; with --durable-commits
 * every commit is also fdatasync()ed before its reply,
 * with one sync per main loop iteration shared by all commits of that
 * iteration (group commit).  Runtime control goes through ovs-appctl
 * (exit, ovsdb-server/compact, add-remote, remove-remote, list-remotes,
 * add-db, remove-db, list-dbs, reconnect, memory/show, vlog/...). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "column.h"
#include "daemon.h"
#include "ds.h"
#include "fatal-signal.h"
#include "file.h"
#include "jsonrpc-server.h"
#include "jsonrpc.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "row.h"
#include "schema.h"
#include "server-db.h"
#include "shash.h"
#include "stream.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_server);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);

/* A database file being served. */
struct db {
    char *filename;             /* As given (NULL for _Server). */
    char *real_name;            /* realpath() of FILENAME, to detect
                                 * opening the same file twice. */
    struct ovsdb *db;
    struct ovsdb_file *file;    /* NULL for _Server. */
};

/* Process-wide state. */
static struct shash all_dbs = SHASH_INITIALIZER(&all_dbs);
static struct shash remotes = SHASH_INITIALIZER(&remotes); /* name->NULL */
static struct ovsdb_jsonrpc_server *jsonrpc;
static struct db *server_db;
static bool exiting;
/* Off by default, as in OVS: `make bench` showed syncing every commit
 * makes a client that commits one transaction at a time about 3x
 * slower (group commit only helps concurrent clients). */
static bool durable_commits = false;
static size_t max_msg_size;     /* 0: default. */
static size_t max_backlog;      /* 0: default. */

/* SSL configuration, each a file name or a "db:" reference. */
static char *ssl_private_key;
static char *ssl_certificate;
static char *ssl_ca_cert;
static bool ssl_bootstrap_ca_cert;

/* The remotes last given to the JSON-RPC server. */
static struct shash applied_remotes = SHASH_INITIALIZER(&applied_remotes);

/* --run. */
static char *run_command;
static pid_t run_pid;
static int run_pidfd = -1;

/* Manager status updates. */
#define STATUS_INTERVAL 5000
static long long int status_timer;

static void parse_options(int argc, char *argv[], struct shash *db_files,
                          char **unixctl_pathp);
OVS_NO_RETURN static void usage(void);

/* ---------------------------------------------------------------------- */
/* Databases. */

static struct ovsdb *const *
collect_dbs(size_t *n)
{
    struct ovsdb **dbs = xcalloc(shash_count(&all_dbs) + 1, sizeof *dbs);
    struct shash_node *node;

    *n = 0;
    SHASH_FOR_EACH (node, &all_dbs) {
        struct db *db = node->data;

        dbs[(*n)++] = db->db;
    }
    return dbs;
}

static void
update_server_db(void)
{
    size_t n;
    struct ovsdb *const *dbs = collect_dbs(&n);

    ovsdb_server_db_update(server_db->db, dbs, n);
    free((void *) dbs);
}

/* Opens FILENAME and starts serving it.  Returns NULL or an error message
 * (caller frees). */
static char *
open_db(const char *filename)
{
    struct ovsdb_error *error;
    struct shash_node *node;
    struct ovsdb_file *file;
    struct ovsdb *ovsdb;
    char *real_name;
    struct db *db;

    real_name = realpath(filename, NULL);
    if (real_name) {
        SHASH_FOR_EACH (node, &all_dbs) {
            struct db *other = node->data;

            if (other->real_name && !strcmp(other->real_name, real_name)) {
                free(real_name);
                return xasprintf("ovsdb error: %s: already open", filename);
            }
        }
    }

    error = ovsdb_file_open(filename, false, &ovsdb, &file);
    if (error) {
        free(real_name);
        return ovsdb_error_to_string_free(error);
    }
    if (shash_find(&all_dbs, ovsdb_get_name(ovsdb))) {
        char *msg = xasprintf("ovsdb error: %s: duplicate database name",
                              ovsdb_get_name(ovsdb));
        ovsdb_file_destroy(file);
        ovsdb_destroy(ovsdb);
        free(real_name);
        return msg;
    }
    ovsdb_file_set_durable_commits(file, durable_commits);

    db = xzalloc(sizeof *db);
    db->filename = xstrdup(filename);
    db->real_name = real_name;
    db->db = ovsdb;
    db->file = file;
    shash_add(&all_dbs, ovsdb_get_name(ovsdb), db);
    ovsdb_jsonrpc_server_add_db(jsonrpc, ovsdb, file, false);
    update_server_db();
    return NULL;
}

/* Syncs DB's file (logging any error) and frees DB.  The caller has
 * already stopped serving it. */
static void
db_destroy(struct db *db)
{
    if (db->file) {
        struct ovsdb_error *error = ovsdb_file_sync(db->file);

        if (error) {
            char *s = ovsdb_error_to_string_free(error);

            VLOG_ERR("%s", s);
            free(s);
        }
    }
    ovsdb_file_destroy(db->file);
    ovsdb_destroy(db->db);
    free(db->filename);
    free(db->real_name);
    free(db);
}

/* Stops serving DB and frees it.  COMMENT is logged for the clients that
 * get disconnected. */
static void
close_db(struct db *db, const char *comment)
{
    ovsdb_jsonrpc_server_remove_db(jsonrpc, ovsdb_get_name(db->db),
                                   comment);
    shash_find_and_delete(&all_dbs, ovsdb_get_name(db->db));
    db_destroy(db);
}

/* ovsdb_jsonrpc_convert_func: a client converted OLD_DB online into
 * NEW_DB, which the storage and the JSON-RPC server now use. */
static void
db_converted(struct ovsdb *old_db, struct ovsdb *new_db,
             void *aux OVS_UNUSED)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &all_dbs) {
        struct db *db = node->data;

        if (db->db == old_db) {
            VLOG_INFO("%s: converted database to schema version %s",
                      db->filename, new_db->schema->version);
            db->db = new_db;
            break;
        }
    }
    ovsdb_destroy(old_db);
    update_server_db();
}

/* ---------------------------------------------------------------------- */
/* "db:DB,TABLE,COLUMN" references (remotes and SSL options). */

/* Parses "db:DB,TABLE,COLUMN" NAME into the database, table and column it
 * names.  Returns NULL or an error message (caller frees), worded as
 * OVS's. */
static char *
parse_db_column(const char *name, const struct db **dbp,
                const struct ovsdb_table **tablep,
                const struct ovsdb_column **columnp)
{
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    char *copy, *db_name, *table_name, *column_name, *save = NULL;
    const struct db *db;
    char *error = NULL;

    copy = xstrdup(name + 3);
    db_name = strtok_r(copy, ",", &save);
    table_name = strtok_r(NULL, ",", &save);
    column_name = strtok_r(NULL, ",", &save);
    if (!db_name || !table_name || !column_name
        || strtok_r(NULL, ",", &save)) {
        error = xasprintf("\"%s\": invalid syntax", name);
        goto out;
    }
    db = shash_find_data(&all_dbs, db_name);
    if (!db) {
        error = xasprintf("\"%s\": no database named %s", name, db_name);
        goto out;
    }
    table = ovsdb_get_table(db->db, table_name);
    if (!table) {
        error = xasprintf("\"%s\": no table named %s", name, table_name);
        goto out;
    }
    column = ovsdb_table_schema_get_column(table->schema, column_name);
    if (!column) {
        error = xasprintf("\"%s\": table \"%s\" has no column \"%s\"",
                          name, table_name, column_name);
        goto out;
    }
    *dbp = db;
    *tablep = table;
    *columnp = column;
out:
    free(copy);
    return error;
}

static bool
is_string_set(const struct ovsdb_type *type)
{
    return (type->key.type == OVSDB_TYPE_STRING
            && type->value.type == OVSDB_TYPE_VOID);
}

/* Like parse_db_column() but also requires a string or set of strings
 * column (for SSL options). */
static char *
parse_db_string_column(const char *name, const struct db **dbp,
                       const struct ovsdb_table **tablep,
                       const struct ovsdb_column **columnp)
{
    char *error = parse_db_column(name, dbp, tablep, columnp);

    if (!error && !is_string_set(&(*columnp)->type)) {
        error = xasprintf("\"%s\": table \"%s\" column \"%s\" is not string "
                          "or set of strings", name,
                          (*tablep)->schema->name, (*columnp)->name);
    }
    return error;
}

/* Returns the first nonempty string in the column NAME refers to, or
 * NULL (borrowed from the database; valid until it changes). */
static const char *
query_db_string(const char *name)
{
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    const struct ovsdb_row *row;
    const struct db *db;
    char *error;

    error = parse_db_string_column(name, &db, &table, &column);
    if (error) {
        VLOG_INFO_RL(&rl, "%s", error);
        free(error);
        return NULL;
    }
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct ovsdb_datum *d = &row->fields[column->index];
        unsigned int i;

        for (i = 0; i < d->n; i++) {
            if (d->keys[i].string[0]) {
                return d->keys[i].string;
            }
        }
    }
    return NULL;
}

/* Returns the value of column NAME in ROW if it exists and has type
 * ATOMIC with 0 or 1 elements, else NULL. */
static const union ovsdb_atom *
read_optional(const struct ovsdb_row *row, const char *name,
              enum ovsdb_atomic_type atomic)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, name);
    const struct ovsdb_datum *d;

    if (!column || column->type.key.type != atomic
        || column->type.value.type != OVSDB_TYPE_VOID
        || column->type.n_max != 1) {
        return NULL;
    }
    d = &row->fields[column->index];
    return d->n == 1 ? &d->keys[0] : NULL;
}

static void
default_options(struct ovsdb_jsonrpc_options *options)
{
    options->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    options->probe_interval = -1;
    options->read_only = false;
}

static void
add_remote(struct shash *result, const char *target,
           const struct ovsdb_jsonrpc_options *options)
{
    struct ovsdb_jsonrpc_options *copy;

    if (shash_find(result, target)) {
        return;
    }
    copy = xmemdup(options, sizeof *options);
    shash_add(result, target, copy);
}

/* Adds the remote configured by Manager-style ROW to RESULT. */
static void
add_manager_row(struct shash *result, const struct ovsdb_row *row)
{
    const union ovsdb_atom *target, *atom;
    struct ovsdb_jsonrpc_options options;

    target = read_optional(row, "target", OVSDB_TYPE_STRING);
    if (!target || !target->string[0]) {
        VLOG_INFO_RL(&rl, "Table `%s' has missing or invalid `target' "
                     "column", row->table->schema->name);
        return;
    }
    default_options(&options);
    atom = read_optional(row, "max_backoff", OVSDB_TYPE_INTEGER);
    if (atom) {
        options.max_backoff = MIN(MAX(atom->integer, 1000), INT_MAX);
    }
    atom = read_optional(row, "inactivity_probe", OVSDB_TYPE_INTEGER);
    if (atom) {
        options.probe_interval = MIN(MAX(atom->integer, 0), INT_MAX);
    }
    atom = read_optional(row, "read_only", OVSDB_TYPE_BOOLEAN);
    if (atom) {
        options.read_only = atom->boolean;
    }
    add_remote(result, target->string, &options);
}

/* Adds the remotes a "db:" remote NAME currently names to RESULT. */
static void
query_db_remotes(const char *name, struct shash *result)
{
    struct ovsdb_jsonrpc_options options;
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    const struct ovsdb_row *row;
    const struct db *db;
    char *error;

    error = parse_db_column(name, &db, &table, &column);
    if (error) {
        /* E.g. the database was removed: the remote is disabled until it
         * comes back. */
        VLOG_DBG_RL(&rl, "%s", error);
        free(error);
        return;
    }
    default_options(&options);
    if (is_string_set(&column->type)) {
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct ovsdb_datum *d = &row->fields[column->index];
            unsigned int i;

            for (i = 0; i < d->n; i++) {
                add_remote(result, d->keys[i].string, &options);
            }
        }
    } else if (column->type.key.type == OVSDB_TYPE_UUID
               && column->type.key.uuid.ref_table_name
               && column->type.value.type == OVSDB_TYPE_VOID) {
        const struct ovsdb_table *ref_table
            = ovsdb_get_table(db->db, column->type.key.uuid.ref_table_name);

        if (!ref_table) {
            return;
        }
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct ovsdb_datum *d = &row->fields[column->index];
            unsigned int i;

            for (i = 0; i < d->n; i++) {
                const struct ovsdb_row *ref
                    = ovsdb_table_get_row(ref_table, &d->keys[i].uuid);
                if (ref) {
                    add_manager_row(result, ref);
                }
            }
        }
    } else {
        VLOG_INFO_RL(&rl, "%s: column type is neither string nor reference "
                     "to a table", name);
    }
}

static bool
remote_sets_equal(const struct shash *a, const struct shash *b)
{
    struct shash_node *node;

    if (shash_count(a) != shash_count(b)) {
        return false;
    }
    SHASH_FOR_EACH (node, a) {
        const struct ovsdb_jsonrpc_options *other
            = shash_find_data(b, node->name);

        if (!other || memcmp(other, node->data, sizeof *other)) {
            return false;
        }
    }
    return true;
}

/* Recomputes the full set of remotes and hands it to the server if it
 * changed. */
static void
reconfigure_remotes(void)
{
    struct shash result = SHASH_INITIALIZER(&result);
    struct ovsdb_jsonrpc_options options;
    struct shash_node *node;

    default_options(&options);
    SHASH_FOR_EACH (node, &remotes) {
        if (str_startswith(node->name, "db:")) {
            query_db_remotes(node->name, &result);
        } else {
            add_remote(&result, node->name, &options);
        }
    }
    if (remote_sets_equal(&result, &applied_remotes)) {
        shash_destroy_free_data(&result);
        return;
    }
    ovsdb_jsonrpc_server_set_remotes(jsonrpc, &result);
    shash_clear_free_data(&applied_remotes);
    shash_swap(&applied_remotes, &result);
    shash_destroy(&result);
}

/* Applies the SSL options, resolving "db:" references. */
static void
reconfigure_ssl(void)
{
    static char *applied_key, *applied_cert, *applied_ca;
    const char *key = ssl_private_key;
    const char *cert = ssl_certificate;
    const char *ca = ssl_ca_cert;

    if (key && str_startswith(key, "db:")) {
        key = query_db_string(key);
    }
    if (cert && str_startswith(cert, "db:")) {
        cert = query_db_string(cert);
    }
    if (ca && str_startswith(ca, "db:")) {
        ca = query_db_string(ca);
    }
    if (key && (!applied_key || strcmp(key, applied_key))) {
        free(applied_key);
        applied_key = xstrdup(key);
        stream_ssl_set_private_key_file(key);
    }
    if (cert && (!applied_cert || strcmp(cert, applied_cert))) {
        free(applied_cert);
        applied_cert = xstrdup(cert);
        stream_ssl_set_certificate_file(cert);
    }
    if (ca && (!applied_ca || strcmp(ca, applied_ca))) {
        free(applied_ca);
        applied_ca = xstrdup(ca);
        stream_ssl_set_ca_cert_file(ca, ssl_bootstrap_ca_cert);
    }
}

/* Checks a "db:" option value NAME at startup or add-remote time.
 * Returns NULL or an error message (caller frees). */
static char *
check_db_reference(const char *name, bool strings_only)
{
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    const struct db *db;

    return (strings_only
            ? parse_db_string_column(name, &db, &table, &column)
            : parse_db_column(name, &db, &table, &column));
}

/* ---------------------------------------------------------------------- */
/* Manager status (the ephemeral is_connected and status columns of the
 * rows that db: remotes point to). */

static void
set_datum(struct ovsdb_row *row, const struct ovsdb_column *column,
          struct ovsdb_datum *datum)
{
    ovsdb_datum_destroy(&row->fields[column->index], &column->type);
    row->fields[column->index] = *datum;
}

static void
update_manager_row(struct ovsdb_txn *txn, const struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    const struct ovsdb_column *connected_col
        = ovsdb_table_schema_get_column(ts, "is_connected");
    const struct ovsdb_column *status_col
        = ovsdb_table_schema_get_column(ts, "status");
    const union ovsdb_atom *target;
    struct ovsdb_datum connected, status;
    bool is_connected;
    unsigned int n;
    int error;

    target = read_optional(row, "target", OVSDB_TYPE_STRING);
    if (!target || !connected_col || !status_col
        || connected_col->type.key.type != OVSDB_TYPE_BOOLEAN
        || !ovsdb_type_is_scalar(&connected_col->type)
        || status_col->type.key.type != OVSDB_TYPE_STRING
        || status_col->type.value.type != OVSDB_TYPE_STRING
        || !ovsdb_jsonrpc_server_get_remote_info(jsonrpc, target->string,
                                                 &is_connected, &n,
                                                 &error)) {
        return;
    }

    ovsdb_datum_init_boolean(&connected, is_connected);
    ovsdb_datum_init_empty(&status);
    if (!pstream_verify_name(target->string)) {
        char *s = xasprintf("%u", n);
        union ovsdb_atom k, v;

        k.string = "n_connections";
        v.string = s;
        if (n > 1) {
            ovsdb_datum_add_unsafe(&status, &k, &v, &status_col->type);
        }
        free(s);
    } else {
        union ovsdb_atom k, v;

        k.string = "state";
        v.string = is_connected ? "ACTIVE" : "BACKOFF";
        ovsdb_datum_add_unsafe(&status, &k, &v, &status_col->type);
    }
    if (error && !is_connected) {
        union ovsdb_atom k, v;

        k.string = "last_error";
        v.string = (char *) ovs_strerror(error);
        ovsdb_datum_add_unsafe(&status, &k, &v, &status_col->type);
    }
    ovsdb_datum_sort_unique(&status, OVSDB_TYPE_STRING, OVSDB_TYPE_STRING);

    if (ovsdb_datum_equals(&connected, &row->fields[connected_col->index],
                           &connected_col->type)
        && ovsdb_datum_equals(&status, &row->fields[status_col->index],
                              &status_col->type)) {
        ovsdb_datum_destroy(&connected, &connected_col->type);
        ovsdb_datum_destroy(&status, &status_col->type);
    } else {
        struct ovsdb_row *rw = ovsdb_txn_row_modify(txn, row);

        set_datum(rw, connected_col, &connected);
        set_datum(rw, status_col, &status);
    }
}

/* Writes the connection status of every remote configured through a
 * reference column of a "db:" remote into the referenced rows. */
static void
update_remote_status(void)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &remotes) {
        const struct ovsdb_column *column;
        const struct ovsdb_table *table, *ref_table;
        const struct ovsdb_row **rows;
        const struct ovsdb_row *row;
        struct ovsdb_error *error;
        struct ovsdb_txn *txn;
        const struct db *db;
        size_t n_rows = 0, i;
        char *msg;

        if (!str_startswith(node->name, "db:")) {
            continue;
        }
        msg = parse_db_column(node->name, &db, &table, &column);
        if (msg) {
            free(msg);
            continue;
        }
        if (column->type.key.type != OVSDB_TYPE_UUID
            || !column->type.key.uuid.ref_table_name) {
            continue;
        }
        ref_table = ovsdb_get_table(db->db,
                                    column->type.key.uuid.ref_table_name);
        if (!ref_table || db->db->txn) {
            continue;
        }

        /* Collect first: the transaction changes the row maps. */
        rows = xcalloc(hmap_count(&ref_table->rows) + 1, sizeof *rows);
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct ovsdb_datum *d = &row->fields[column->index];
            unsigned int j;

            for (j = 0; j < d->n; j++) {
                const struct ovsdb_row *ref
                    = ovsdb_table_get_row(ref_table, &d->keys[j].uuid);
                size_t k;

                for (k = 0; k < n_rows; k++) {
                    if (rows[k] == ref) {
                        break;
                    }
                }
                if (ref && k >= n_rows
                    && n_rows < hmap_count(&ref_table->rows)) {
                    rows[n_rows++] = ref;
                }
            }
        }
        txn = ovsdb_txn_create(db->db);
        for (i = 0; i < n_rows; i++) {
            update_manager_row(txn, rows[i]);
        }
        free(rows);
        error = ovsdb_txn_commit(txn, false);
        if (error) {
            msg = ovsdb_error_to_string_free(error);
            VLOG_WARN_RL(&rl, "updating remote status failed: %s", msg);
            free(msg);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* unixctl commands. */

static void
ovsdb_server_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_compact(struct unixctl_conn *conn, int argc,
                     const char *argv[], void *aux OVS_UNUSED)
{
    struct ds errors = DS_EMPTY_INITIALIZER;
    struct shash_node *node;
    int n = 0;

    if (argc > 1 && !strcmp(argv[1], OVSDB_SERVER_DB_NAME)) {
        unixctl_command_reply_error(conn, "cannot compact built-in "
                                    "databases");
        return;
    }
    SHASH_FOR_EACH (node, &all_dbs) {
        struct db *db = node->data;
        struct ovsdb_error *error;

        if (!db->file || (argc > 1 && strcmp(argv[1], node->name))) {
            continue;
        }
        n++;
        VLOG_INFO("compacting %s database by user request", node->name);
        error = ovsdb_file_compact(db->file, NULL);
        if (error) {
            char *s = ovsdb_error_to_string_free(error);

            ds_put_format(&errors, "%s\n", s);
            free(s);
        }
    }
    if (!n) {
        unixctl_command_reply_error(conn, "no database by that name");
    } else if (errors.length) {
        unixctl_command_reply_error(conn, ds_cstr(&errors));
    } else {
        unixctl_command_reply(conn, NULL);
    }
    ds_destroy(&errors);
}

static void
ovsdb_server_reconnect(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    ovsdb_jsonrpc_server_reconnect(jsonrpc, "command from user");
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_add_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[], void *aux OVS_UNUSED)
{
    const char *remote = argv[1];

    if (str_startswith(remote, "db:")) {
        char *error = check_db_reference(remote, false);

        if (error) {
            unixctl_command_reply_error(conn, error);
            free(error);
            return;
        }
    }
    shash_add_once(&remotes, remote, NULL);
    reconfigure_remotes();
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_remove_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
                           const char *argv[], void *aux OVS_UNUSED)
{
    struct shash_node *node = shash_find(&remotes, argv[1]);

    if (!node) {
        unixctl_command_reply_error(conn, "no such remote");
        return;
    }
    shash_delete(&remotes, node);
    reconfigure_remotes();
    unixctl_command_reply(conn, NULL);
}

static void
put_sorted_names(const struct shash *sh, struct ds *out)
{
    const struct shash_node **nodes = shash_sort(sh);
    size_t i;

    for (i = 0; i < shash_count(sh); i++) {
        ds_put_format(out, "%s\n", nodes[i]->name);
    }
    free(nodes);
}

static void
ovsdb_server_list_remotes(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[] OVS_UNUSED,
                          void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    put_sorted_names(&remotes, &s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
ovsdb_server_add_db(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[], void *aux OVS_UNUSED)
{
    char *error = open_db(argv[1]);

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    reconfigure_remotes();
    reconfigure_ssl();
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_remove_db(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[], void *aux OVS_UNUSED)
{
    struct db *db = shash_find_data(&all_dbs, argv[1]);
    char *comment;

    if (!db) {
        unixctl_command_reply_error(conn, "Failed to find the database.");
        return;
    }
    if (db == server_db) {
        unixctl_command_reply_error(conn, "Cannot remove reserved "
                                    "database.");
        return;
    }
    comment = xasprintf("removing %s database by user request", argv[1]);
    close_db(db, comment);
    free(comment);
    update_server_db();
    reconfigure_remotes();
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_list_dbs(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    put_sorted_names(&all_dbs, &s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
memory_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
            const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unsigned int n_sessions, n_monitors, n_triggers;
    size_t n_atoms = 0, n_cells = 0;
    struct shash_node *node;
    struct ds s = DS_EMPTY_INITIALIZER;

    SHASH_FOR_EACH (node, &all_dbs) {
        struct db *db = node->data;
        struct shash_node *tnode;
        size_t rows, atoms;

        ovsdb_get_memory_usage(db->db, &rows, &atoms);
        n_atoms += atoms;
        SHASH_FOR_EACH (tnode, &db->db->tables) {
            const struct ovsdb_table *table = tnode->data;

            n_cells += hmap_count(&table->rows) * table->schema->n_columns;
        }
    }
    ovsdb_jsonrpc_server_get_memory_usage(jsonrpc, &n_sessions, &n_monitors,
                                          &n_triggers);
    ds_put_format(&s, "atoms:%zu cells:%zu monitors:%u sessions:%u",
                  n_atoms, n_cells, n_monitors, n_sessions);
    if (n_triggers) {
        ds_put_format(&s, " triggers:%u", n_triggers);
    }
    ds_put_char(&s, '\n');
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
register_unixctl_commands(void)
{
    unixctl_command_register("exit", "", 0, 0, ovsdb_server_exit, NULL);
    unixctl_command_register("ovsdb-server/compact", "", 0, 1,
                             ovsdb_server_compact, NULL);
    unixctl_command_register("ovsdb-server/reconnect", "", 0, 0,
                             ovsdb_server_reconnect, NULL);
    unixctl_command_register("ovsdb-server/add-remote", "REMOTE", 1, 1,
                             ovsdb_server_add_remote, NULL);
    unixctl_command_register("ovsdb-server/remove-remote", "REMOTE", 1, 1,
                             ovsdb_server_remove_remote, NULL);
    unixctl_command_register("ovsdb-server/list-remotes", "", 0, 0,
                             ovsdb_server_list_remotes, NULL);
    unixctl_command_register("ovsdb-server/add-db", "DB", 1, 1,
                             ovsdb_server_add_db, NULL);
    unixctl_command_register("ovsdb-server/remove-db", "DB", 1, 1,
                             ovsdb_server_remove_db, NULL);
    unixctl_command_register("ovsdb-server/list-dbs", "", 0, 0,
                             ovsdb_server_list_dbs, NULL);
    unixctl_command_register("memory/show", "", 0, 0, memory_show, NULL);
    vlog_init_unixctl();
}

/* ---------------------------------------------------------------------- */
/* --run. */

static void
start_run_command(void)
{
    run_pid = fork();
    if (run_pid < 0) {
        ovs_fatal(errno, "fork failed");
    } else if (!run_pid) {
        fatal_signal_forget_all();
        execl("/bin/sh", "/bin/sh", "-c", run_command, (char *) NULL);
        fprintf(stderr, "%s: exec of /bin/sh failed: %s\n", program_name,
                strerror(errno));
        _exit(127);
    }
    /* A pidfd becomes readable when the child exits, so the poll loop
     * needs no timer. */
    run_pidfd = syscall(SYS_pidfd_open, run_pid, 0);
}

/* Returns true (and the exit code to use in *CODEP) if the --run child
 * exited. */
static bool
run_command_finished(int *codep)
{
    int status;
    pid_t pid;

    if (!run_pid) {
        return false;
    }
    pid = waitpid(run_pid, &status, WNOHANG);
    if (pid != run_pid) {
        return false;
    }
    *codep = WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : 1;
    if (run_pidfd >= 0) {
        close(run_pidfd);
        run_pidfd = -1;
    }
    run_pid = 0;
    return true;
}

static void
run_command_wait(void)
{
    if (run_pid) {
        if (run_pidfd >= 0) {
            poll_fd_wait(run_pidfd, POLLIN);
        } else {
            poll_timer_wait(100);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Main. */

static void
main_loop(struct unixctl_server *unixctl, int *exit_codep)
{
    while (!exiting) {
        struct shash_node *node;
        long long int now;

        reconfigure_remotes();
        reconfigure_ssl();

        SHASH_FOR_EACH (node, &all_dbs) {
            struct db *db = node->data;

            if (db->file) {
                ovsdb_file_run(db->file);
            }
        }
        ovsdb_jsonrpc_server_run(jsonrpc);
        unixctl_server_run(unixctl);

        now = time_msec();
        if (now >= status_timer) {
            update_remote_status();
            status_timer = now + STATUS_INTERVAL;
        }
        if (run_command_finished(exit_codep)) {
            break;
        }
        if (exiting) {
            break;
        }

        SHASH_FOR_EACH (node, &all_dbs) {
            struct db *db = node->data;

            if (db->file) {
                ovsdb_file_wait(db->file);
            }
        }
        ovsdb_jsonrpc_server_wait(jsonrpc);
        unixctl_server_wait(unixctl);
        run_command_wait();
        poll_timer_wait_until(status_timer);
        poll_block();
    }
}

int
main(int argc, char *argv[])
{
    struct shash db_files = SHASH_INITIALIZER(&db_files);
    struct unixctl_server *unixctl;
    char *unixctl_path = NULL;
    struct shash_node *node;
    int exit_code = 0;
    int retval;

    set_program_name(argv[0]);
    signal(SIGPIPE, SIG_IGN);
    fatal_signal_init();
    parse_options(argc, argv, &db_files, &unixctl_path);

    daemonize_start();

    jsonrpc = ovsdb_jsonrpc_server_create();
    ovsdb_jsonrpc_server_set_convert_cb(jsonrpc, db_converted, NULL);
    if (max_msg_size) {
        ovsdb_jsonrpc_server_set_max_msg_size(jsonrpc, max_msg_size);
    }
    if (max_backlog) {
        ovsdb_jsonrpc_server_set_max_backlog(jsonrpc, max_backlog);
    }

    server_db = xzalloc(sizeof *server_db);
    server_db->db = ovsdb_server_db_create();
    shash_add(&all_dbs, OVSDB_SERVER_DB_NAME, server_db);
    ovsdb_jsonrpc_server_add_db(jsonrpc, server_db->db, NULL, true);

    SHASH_FOR_EACH (node, &db_files) {
        char *error = open_db(node->name);

        if (error) {
            ovs_fatal(0, "%s", error);
        }
    }
    update_server_db();

    /* Check "db:" references now that the databases are open. */
    SHASH_FOR_EACH (node, &remotes) {
        if (str_startswith(node->name, "db:")) {
            char *error = check_db_reference(node->name, false);

            if (error) {
                ovs_fatal(0, "%s", error);
            }
        }
    }
    {
        const char *ssl_options[] = {
            ssl_private_key, ssl_certificate, ssl_ca_cert
        };
        size_t i;

        for (i = 0; i < ARRAY_SIZE(ssl_options); i++) {
            if (ssl_options[i] && str_startswith(ssl_options[i], "db:")) {
                char *error = check_db_reference(ssl_options[i], true);

                if (error) {
                    ovs_fatal(0, "%s", error);
                }
            }
        }
    }
    reconfigure_ssl();
    reconfigure_remotes();

    retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        exit(EXIT_FAILURE);
    }
    register_unixctl_commands();

    if (run_command) {
        start_run_command();
    }

    daemonize_complete();
    VLOG_INFO("%s (Open vSwitch) %s", program_name, OVS_VERSION);

    main_loop(unixctl, &exit_code);

    /* Shut down: close sessions, sync and close databases. */
    ovsdb_jsonrpc_server_destroy(jsonrpc);
    jsonrpc = NULL;
    SHASH_FOR_EACH_SAFE (node, &all_dbs) {
        db_destroy(node->data);
    }
    shash_destroy(&all_dbs);
    shash_destroy(&remotes);
    shash_destroy_free_data(&applied_remotes);
    shash_destroy(&db_files);
    unixctl_server_destroy(unixctl);
    free(unixctl_path);
    if (run_pid) {
        kill(run_pid, SIGTERM);
    }
    return exit_code;
}

/* ---------------------------------------------------------------------- */
/* Options. */

static bool
parse_size(const char *s, size_t *sizep)
{
    long long int value;

    if (!str_to_llong(s, 10, &value) || value <= 0) {
        return false;
    }
    *sizep = value;
    return true;
}

static void
parse_options(int argc, char *argv[], struct shash *db_files,
              char **unixctl_pathp)
{
    enum {
        OPT_REMOTE = UCHAR_MAX + 1,
        OPT_UNIXCTL,
        OPT_RUN,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_PEER_CA_CERT,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_MAX_MESSAGE_SIZE,
        OPT_MAX_BACKLOG,
        OPT_DURABLE_COMMITS,
        OPT_NO_DURABLE_COMMITS,
        OPT_SYNC_FROM,
        OPT_SYNC_EXCLUDE,
        OPT_ACTIVE,
        OPT_DISABLE_FILE_COLUMN_DIFF,
    };
    static const struct option long_options[] = {
        {"remote", required_argument, NULL, OPT_REMOTE},
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"run", required_argument, NULL, OPT_RUN},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"max-message-size", required_argument, NULL, OPT_MAX_MESSAGE_SIZE},
        {"max-backlog", required_argument, NULL, OPT_MAX_BACKLOG},
        {"durable-commits", no_argument, NULL, OPT_DURABLE_COMMITS},
        {"no-durable-commits", no_argument, NULL, OPT_NO_DURABLE_COMMITS},
        {"sync-from", required_argument, NULL, OPT_SYNC_FROM},
        {"sync-exclude-tables", required_argument, NULL, OPT_SYNC_EXCLUDE},
        {"active", no_argument, NULL, OPT_ACTIVE},
        {"disable-file-column-diff", no_argument, NULL,
         OPT_DISABLE_FILE_COLUMN_DIFF},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    int i;

    for (;;) {
        int c = getopt_long(argc, argv, "hVv::p:c:C:", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_REMOTE:
            shash_add_once(&remotes, optarg, NULL);
            break;

        case OPT_UNIXCTL:
            free(*unixctl_pathp);
            *unixctl_pathp = xstrdup(optarg);
            break;

        case OPT_RUN:
            run_command = optarg;
            break;

        case 'h':
            usage();

        case 'V':
            printf("%s (Open vSwitch) %s\n", program_name, OVS_VERSION);
            exit(EXIT_SUCCESS);

        case 'p':
            ssl_private_key = optarg;
            break;

        case 'c':
            ssl_certificate = optarg;
            break;

        case 'C':
            ssl_ca_cert = optarg;
            ssl_bootstrap_ca_cert = false;
            break;

        case OPT_BOOTSTRAP_CA_CERT:
            ssl_ca_cert = optarg;
            ssl_bootstrap_ca_cert = true;
            break;

        case OPT_PEER_CA_CERT:
        case OPT_SSL_PROTOCOLS:
        case OPT_SSL_CIPHERS:
            VLOG_WARN("--%s is not supported; ignoring it",
                      c == OPT_PEER_CA_CERT ? "peer-ca-cert"
                      : c == OPT_SSL_PROTOCOLS ? "ssl-protocols"
                      : "ssl-ciphers");
            break;

        case OPT_MAX_MESSAGE_SIZE:
            if (!parse_size(optarg, &max_msg_size)) {
                ovs_fatal(0, "--max-message-size: \"%s\" is not a positive "
                          "number of bytes", optarg);
            }
            break;

        case OPT_MAX_BACKLOG:
            if (!parse_size(optarg, &max_backlog)) {
                ovs_fatal(0, "--max-backlog: \"%s\" is not a positive "
                          "number of bytes", optarg);
            }
            break;

        case OPT_DURABLE_COMMITS:
            durable_commits = true;
            break;

        case OPT_NO_DURABLE_COMMITS:
            durable_commits = false;
            break;

        case OPT_DISABLE_FILE_COLUMN_DIFF:
            break;

        case OPT_SYNC_FROM:
        case OPT_SYNC_EXCLUDE:
        case OPT_ACTIVE:
            ovs_fatal(0, "active-backup replication is not supported");

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }

    for (i = optind; i < argc; i++) {
        if (str_startswith(argv[i], "relay:")) {
            ovs_fatal(0, "%s: relay databases are not supported", argv[i]);
        }
        shash_add_once(db_files, argv[i], NULL);
    }
    if (shash_is_empty(db_files)) {
        char *name = xasprintf("%s/conf.db", ovs_dbdir());

        shash_add_once(db_files, name, NULL);
        free(name);
    }

}

static void
usage(void)
{
    printf("%s: Open vSwitch database server\n"
           "usage: %s [OPTIONS] [DATABASE...]\n"
           "where each DATABASE is a database file in ovsdb format.\n"
           "The default DATABASE, if none is given, is\n%s/conf.db.\n",
           program_name, program_name, ovs_dbdir());
    printf("\nJSON-RPC options (may be specified any number of times):\n"
           "  --remote=REMOTE         connect or listen to REMOTE\n"
           "\nActive JSON-RPC connection methods:\n"
           "  tcp:HOST:PORT           PORT at remote HOST\n"
           "  ssl:HOST:PORT           SSL PORT at remote HOST\n"
           "  unix:FILE               Unix domain socket named FILE\n"
           "Passive JSON-RPC connection methods:\n"
           "  ptcp:PORT[:IP]          listen to TCP PORT on IP\n"
           "  pssl:PORT[:IP]          listen for SSL on PORT on IP\n"
           "  punix:FILE              listen on Unix domain socket FILE\n"
           "  db:DB,TABLE,COLUMN      read remotes from COLUMN of TABLE "
           "in DB\n"
           "PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private "
           "key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n"
           "  --bootstrap-ca-cert=FILE  file with peer CA certificate to "
           "read or create\n");
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --run COMMAND           run COMMAND as subprocess then exit\n"
           "  --unixctl=SOCKET        override default control socket "
           "name\n"
           "  --max-message-size=BYTES  largest JSON-RPC message accepted "
           "(default %d)\n"
           "  --max-backlog=BYTES     drop clients with more update "
           "notifications\n"
           "                          than this queued (default %d)\n"
           "  --durable-commits       fdatasync every commit before "
           "replying\n"
           "  --no-durable-commits    sync only commits marked durable "
           "(default)\n"
           "  -h, --help              display this help message\n"
           "  -V, --version           display version information\n",
           JSONRPC_DEFAULT_MAX_MSG_SIZE, OVSDB_JSONRPC_DEFAULT_MAX_BACKLOG);
    exit(EXIT_SUCCESS);
}
