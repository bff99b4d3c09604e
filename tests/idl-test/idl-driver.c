/* idl-driver: drives an IDL (lib/ovsdb-idl.h) against a live ovsdb-server
 * for tests/func/ovsdb-idl.sh.  It runs the commands given as arguments in
 * order and prints deterministic text (sorted rows, tracked changes,
 * transaction statuses) that the shell test compares.  A command fails
 * the program (exit 1) when something does not happen within the
 * timeout.
 *
 *   idl-driver [--timeout=SECS] REMOTE SCHEMA-FILE COMMAND...
 *
 * Configuration:
 *   add:TABLE[:COL,COL...]    replicate TABLE (and those columns)
 *   omit-alert:TABLE:COL      silent column
 *   track                     enable change tracking
 *   cond:TABLE:JSON           set TABLE's condition (monitor_cond_change)
 *   lock:NAME | unlock        request / release a lock
 * Running:
 *   sync                      until the replica is live
 *   wait-change               until the seqno differs from the last one
 *                             seen by sync/dump/changes/wait-change
 *   wait-reconnect            until a new connection is live
 *   wait-cond                 until the last condition is acknowledged
 *   wait-state:NAME           until ovsdb_idl_get_state_name() is NAME
 *   wait-lock | wait-contended | wait-unlocked
 *   run:MSEC                  keep running the loop for MSEC ms
 *   !SHELL-COMMAND            run it (must succeed), without running the
 *                             IDL meanwhile
 * Output:
 *   dump:TABLE:COL,COL...     "TABLE col=value ..." per row, sorted
 *   changes:TABLE             tracked changes of TABLE, sorted:
 *                             "inserted NAME", "modified NAME [cols]",
 *                             "deleted NAME"
 *   clear                     track_clear
 *   stats                     connection counters
 *   echo:TEXT                 prints TEXT
 * Transactions (rows are named by their "name" column, or "." for the
 * only row of a table without one; values use the ovs-vsctl syntax and
 * may name rows inserted earlier in the transaction as @NAME; the
 * elements of setadd/setdel/mapset/mapdel may name referenced rows by
 * their "name"):
 *   txn STEP... commit        STEPs are:
 *     set:TABLE:ROW:COL=VALUE     mapset:TABLE:ROW:COL:KEY=VALUE
 *     mapdel:TABLE:ROW:COL:KEY    setadd:TABLE:ROW:COL:ELEM
 *     setdel:TABLE:ROW:COL:ELEM   verify:TABLE:ROW:COL
 *     inc:TABLE:ROW:COL           insert:TABLE:@NAME
 *     delete:TABLE:ROW            comment:TEXT
 *     !SHELL-COMMAND
 *   "commit" blocks until the status is final and prints "txn: STATUS"
 *   (and "increment: N" after a successful increment). */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "ovsdb-idl.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"

static struct ovsdb_idl *idl;
static unsigned int last_seqno;
static unsigned int last_cond_seqno;
static long long int timeout_ms = 10000;

static void OVS_PRINTF_FORMAT(1, 2) OVS_NO_RETURN
fail(const char *format, ...)
{
    va_list args;

    fflush(stdout);
    va_start(args, format);
    fprintf(stderr, "idl-driver: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, " (state %s)\n", ovsdb_idl_get_state_name(idl));
    va_end(args);
    exit(1);
}

/* Runs the loop until COND(AUX) is true or the timeout expires. */
static void
run_until(bool (*cond)(const void *), const void *aux, const char *what)
{
    long long int deadline = time_msec() + timeout_ms;

    for (;;) {
        ovsdb_idl_run(idl);
        if (cond(aux)) {
            return;
        }
        if (time_msec() >= deadline) {
            fail("timed out waiting for %s", what);
        }
        ovsdb_idl_wait(idl);
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

static bool
is_live(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_is_connected(idl);
}

static bool
seqno_changed(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_get_seqno(idl) != last_seqno;
}

static bool
reconnected(const void *aux)
{
    const unsigned int *n_connects = aux;
    struct ovsdb_idl_stats stats;

    ovsdb_idl_get_stats(idl, &stats);
    return stats.n_connects > *n_connects && ovsdb_idl_is_connected(idl);
}

static bool
cond_acked(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_get_condition_seqno(idl) >= last_cond_seqno;
}

static bool
has_lock(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_has_lock(idl);
}

static bool
lock_contended(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_is_lock_contended(idl) && !ovsdb_idl_has_lock(idl);
}

static bool
no_lock(const void *aux OVS_UNUSED)
{
    return !ovsdb_idl_has_lock(idl);
}

static bool
in_state(const void *aux)
{
    return !strcmp(ovsdb_idl_get_state_name(idl), aux);
}

static bool
run_for(const void *aux)
{
    const long long int *until = aux;

    poll_timer_wait_until(*until);
    return time_msec() >= *until;
}

/* Splits S (modified) at the first DELIM; returns the rest or NULL. */
static char *
split(char *s, char delim)
{
    char *p = strchr(s, delim);

    if (!p) {
        return NULL;
    }
    *p = '\0';
    return p + 1;
}

static const struct ovsdb_idl_table *
get_table(const char *name)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_get_table(idl, name);

    if (!table) {
        fail("no table %s", name);
    }
    return table;
}

static const struct ovsdb_idl_column *
get_column(const struct ovsdb_idl_table *table, const char *name)
{
    const struct ovsdb_idl_column *column;

    column = ovsdb_idl_table_get_column(table, name);
    if (!column) {
        fail("no column %s in %s", name, ovsdb_idl_table_get_name(table));
    }
    return column;
}

/* The display name of ROW: its "name" column, or "." */
static const char *
row_name(const struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_column *column;
    const char *name;

    column = ovsdb_idl_table_get_column(ovsdb_idl_row_get_table(row),
                                        "name");
    name = column ? ovsdb_idl_row_get_string(row, column) : NULL;
    return name ? name : ".";
}

static const struct ovsdb_idl_row *
find_row(const struct ovsdb_idl_table *table, const char *name)
{
    const struct ovsdb_idl_row *row;

    OVSDB_IDL_FOR_EACH_ROW (row, table, idl) {
        if (!strcmp(row_name(row), name)) {
            return row;
        }
    }
    fail("no row %s in %s", name, ovsdb_idl_table_get_name(table));
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

/* Prints LINES sorted and frees them. */
static void
print_sorted(char **lines, size_t n)
{
    if (n) {
        qsort(lines, n, sizeof *lines, compare_strings);
    }
    for (size_t i = 0; i < n; i++) {
        puts(lines[i]);
        free(lines[i]);
    }
    free(lines);
}

static void
cmd_dump(char *arg)
{
    char *cols = split(arg, ':');
    const struct ovsdb_idl_table *table = get_table(arg);
    const struct ovsdb_idl_row *row;
    char **lines = NULL;
    size_t n = 0, allocated = 0;

    OVSDB_IDL_FOR_EACH_ROW (row, table, idl) {
        struct ds s = DS_EMPTY_INITIALIZER;
        char *copy = xstrdup(cols ? cols : "");

        ds_put_cstr(&s, arg);
        for (char *c = strtok(copy, ","); c; c = strtok(NULL, ",")) {
            const struct ovsdb_idl_column *column = get_column(table, c);

            ds_put_format(&s, " %s=", c);
            ovsdb_datum_to_string(ovsdb_idl_row_get_datum(row, column),
                                  ovsdb_idl_column_get_type(column), &s);
        }
        free(copy);
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = ds_steal_cstr(&s);
    }
    print_sorted(lines, n);
    last_seqno = ovsdb_idl_get_seqno(idl);
}

static void
cmd_changes(const char *arg)
{
    const struct ovsdb_idl_table *table = get_table(arg);
    const struct ovsdb_idl_row *row;
    const struct ovsdb_schema *schema = ovsdb_idl_get_schema(idl);
    const struct ovsdb_table_schema *ts = ovsdb_schema_get_table(schema,
                                                                 arg);
    char **lines = NULL;
    size_t n = 0, allocated = 0;

    OVSDB_IDL_FOR_EACH_TRACKED (row, table, idl) {
        unsigned int flags = ovsdb_idl_track_get_flags(row);
        struct ds s = DS_EMPTY_INITIALIZER;

        if (flags & OVSDB_IDL_DELETED) {
            ds_put_format(&s, "deleted %s", row_name(row));
        } else if (flags & OVSDB_IDL_INSERTED) {
            ds_put_format(&s, "inserted %s", row_name(row));
        } else {
            bool first = true;

            ds_put_format(&s, "modified %s [", row_name(row));
            for (size_t i = 0; i < ts->n_columns; i++) {
                const struct ovsdb_idl_column *column;

                column = get_column(table, ts->columns_by_index[i]->name);
                if (ovsdb_idl_track_is_updated(row, column)) {
                    ds_put_format(&s, "%s%s", first ? "" : ",",
                                  ovsdb_idl_column_get_name(column));
                    first = false;
                }
            }
            ds_put_char(&s, ']');
        }
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = ds_steal_cstr(&s);
    }
    print_sorted(lines, n);
    last_seqno = ovsdb_idl_get_seqno(idl);
}

static void
run_shell(const char *cmd)
{
    int status;

    fflush(stdout);
    status = system(cmd);
    if (status != 0) {
        fail("command failed (status %d): %s", status, cmd);
    }
}

/* Transactions. */

struct txn_ctx {
    struct ovsdb_idl_txn *txn;
    struct ovsdb_symbol_table *symtab;
    bool increment;
};

static const struct ovsdb_idl_row *
txn_find_row(struct txn_ctx *ctx, const struct ovsdb_idl_table *table,
             const char *name)
{
    if (name[0] == '@') {
        struct ovsdb_symbol *symbol = ovsdb_symbol_table_find(ctx->symtab,
                                                              name);
        const struct ovsdb_idl_row *row;

        row = symbol ? ovsdb_idl_get_row_for_uuid(idl, table, &symbol->uuid)
                     : NULL;
        if (!row) {
            fail("no inserted row %s", name);
        }
        return row;
    }
    return find_row(table, name);
}

static void
parse_atom(struct txn_ctx *ctx, union ovsdb_atom *atom,
           const struct ovsdb_base_type *base, const char *s)
{
    char *error;

    if (ovsdb_base_type_is_ref(base) && s[0] != '@'
        && !uuid_from_string(&atom->uuid, s)) {
        /* A reference given as the referenced row's name. */
        atom->uuid = *ovsdb_idl_row_get_uuid(
            find_row(get_table(base->uuid.ref_table_name), s));
        return;
    }
    error = ovsdb_atom_from_string(atom, base, s, ctx->symtab);

    if (error) {
        fail("%s", error);
    }
}

/* STEP is "KIND:TABLE:ROW:REST" (see the top of the file). */
static void
txn_step(struct txn_ctx *ctx, char *step)
{
    char *table_name, *row_name_, *rest;
    const struct ovsdb_idl_table *table;
    const struct ovsdb_idl_column *column;
    const struct ovsdb_idl_row *row;
    const struct ovsdb_type *type;
    union ovsdb_atom key, value;
    char *value_s;

    if (step[0] == '!') {
        run_shell(step + 1);
        return;
    }
    table_name = split(step, ':');
    row_name_ = table_name ? split(table_name, ':') : NULL;
    rest = row_name_ ? split(row_name_, ':') : NULL;
    if (!strcmp(step, "comment")) {
        ovsdb_idl_txn_add_comment(ctx->txn, "%s", table_name);
        return;
    }
    if (!row_name_) {
        fail("bad transaction step %s", step);
    }
    table = get_table(table_name);
    if (!strcmp(step, "insert")) {
        row = ovsdb_idl_txn_insert(ctx->txn, table);
        ovsdb_symbol_table_put(ctx->symtab, row_name_,
                               ovsdb_idl_row_get_uuid(row), true);
        return;
    }
    row = txn_find_row(ctx, table, row_name_);
    if (!strcmp(step, "delete")) {
        ovsdb_idl_txn_delete(row);
        return;
    }
    if (!rest) {
        fail("bad transaction step %s", step);
    }
    value_s = !strcmp(step, "set") ? split(rest, '=') : split(rest, ':');
    column = get_column(table, rest);
    type = ovsdb_idl_column_get_type(column);
    if (!strcmp(step, "set")) {
        struct ovsdb_datum datum;
        char *error = ovsdb_datum_from_string(&datum, type,
                                              value_s ? value_s : "",
                                              ctx->symtab);

        if (error) {
            fail("%s", error);
        }
        ovsdb_idl_txn_write(row, column, &datum);
    } else if (!strcmp(step, "verify")) {
        ovsdb_idl_txn_verify(row, column);
    } else if (!strcmp(step, "inc")) {
        ovsdb_idl_txn_increment(ctx->txn, row, column);
        ctx->increment = true;
    } else if (!value_s) {
        fail("bad transaction step %s", step);
    } else if (!strcmp(step, "mapset")) {
        char *v = split(value_s, '=');

        if (!v) {
            fail("mapset needs KEY=VALUE");
        }
        parse_atom(ctx, &key, &type->key, value_s);
        parse_atom(ctx, &value, &type->value, v);
        ovsdb_idl_txn_write_map_key(row, column, &key, &value);
        ovsdb_atom_destroy(&key, type->key.type);
        ovsdb_atom_destroy(&value, type->value.type);
    } else if (!strcmp(step, "mapdel") || !strcmp(step, "setadd")
               || !strcmp(step, "setdel")) {
        parse_atom(ctx, &key, &type->key, value_s);
        if (step[0] == 'm') {
            ovsdb_idl_txn_delete_map_key(row, column, &key);
        } else if (!strcmp(step, "setadd")) {
            ovsdb_idl_txn_add_set_elem(row, column, &key);
        } else {
            ovsdb_idl_txn_remove_set_elem(row, column, &key);
        }
        ovsdb_atom_destroy(&key, type->key.type);
    } else {
        fail("unknown transaction step %s", step);
    }
}

/* Runs "txn STEP... commit" starting at ARGV[*I]. */
static void
cmd_txn(int argc, char *argv[], int *i)
{
    struct txn_ctx ctx;
    enum ovsdb_idl_txn_status status;

    ctx.txn = ovsdb_idl_txn_create(idl);
    ctx.symtab = ovsdb_symbol_table_create();
    ctx.increment = false;
    for ((*i)++; *i < argc && strcmp(argv[*i], "commit"); (*i)++) {
        char *step = xstrdup(argv[*i]);

        txn_step(&ctx, step);
        free(step);
    }
    if (*i >= argc) {
        fail("txn without commit");
    }
    status = ovsdb_idl_txn_commit_block(ctx.txn);
    printf("txn: %s\n", ovsdb_idl_txn_status_to_string(status));
    if (status == OVSDB_IDL_TXN_SUCCESS && ctx.increment) {
        printf("increment: %lld\n", (long long int)
               ovsdb_idl_txn_get_increment_new_value(ctx.txn));
    }
    if (status == OVSDB_IDL_TXN_ERROR) {
        printf("error: %s\n", ovsdb_idl_txn_get_error(ctx.txn));
    }
    struct shash_node *node;

    SHASH_FOR_EACH (node, &ctx.symtab->sh) {
        const struct ovsdb_symbol *symbol = node->data;
        const struct uuid *real;

        real = ovsdb_idl_txn_get_insert_uuid(ctx.txn, &symbol->uuid);
        if (symbol->created) {
            printf("inserted %s: %s\n", node->name,
                   real ? "has uuid" : "no uuid");
        }
    }
    ovsdb_idl_txn_destroy(ctx.txn);
    ovsdb_symbol_table_destroy(ctx.symtab);
}

static void
cmd_add(char *arg)
{
    char *cols = split(arg, ':');

    if (!ovsdb_idl_add_table(idl, arg)) {
        fail("no table %s", arg);
    }
    if (cols) {
        for (char *c = strtok(cols, ","); c; c = strtok(NULL, ",")) {
            if (!ovsdb_idl_add_column(idl, arg, c)) {
                fail("no column %s in %s", c, arg);
            }
        }
    }
}

static void
run_command(int argc, char *argv[], int *i)
{
    char *cmd = xstrdup(argv[*i]);
    char *arg = split(cmd, ':');

    if (cmd[0] == '!') {
        run_shell(argv[*i] + 1);
    } else if (!strcmp(cmd, "add") && arg) {
        cmd_add(arg);
    } else if (!strcmp(cmd, "omit-alert") && arg) {
        char *col = split(arg, ':');

        ovsdb_idl_omit_alert(idl, get_column(get_table(arg),
                                             col ? col : ""));
    } else if (!strcmp(cmd, "track")) {
        ovsdb_idl_enable_tracking(idl);
    } else if (!strcmp(cmd, "cond") && arg) {
        char *cond_s = split(arg, ':');
        json_t *cond = cond_s ? json_loads(cond_s, 0, NULL) : NULL;

        if (!cond) {
            fail("bad condition");
        }
        last_cond_seqno = ovsdb_idl_set_condition(idl, get_table(arg), cond);
        json_decref(cond);
    } else if (!strcmp(cmd, "lock") && arg) {
        ovsdb_idl_set_lock(idl, arg);
    } else if (!strcmp(cmd, "unlock")) {
        ovsdb_idl_set_lock(idl, NULL);
    } else if (!strcmp(cmd, "sync")) {
        run_until(is_live, NULL, "the replica");
        last_seqno = ovsdb_idl_get_seqno(idl);
        puts("synced");
    } else if (!strcmp(cmd, "wait-change")) {
        run_until(seqno_changed, NULL, "a change");
        last_seqno = ovsdb_idl_get_seqno(idl);
    } else if (!strcmp(cmd, "wait-reconnect")) {
        struct ovsdb_idl_stats stats;

        ovsdb_idl_get_stats(idl, &stats);
        run_until(reconnected, &stats.n_connects, "a reconnection");
        last_seqno = ovsdb_idl_get_seqno(idl);
    } else if (!strcmp(cmd, "wait-state") && arg) {
        run_until(in_state, arg, arg);
    } else if (!strcmp(cmd, "wait-cond")) {
        run_until(cond_acked, NULL, "the condition");
    } else if (!strcmp(cmd, "wait-lock")) {
        run_until(has_lock, NULL, "the lock");
        puts("locked");
    } else if (!strcmp(cmd, "wait-contended")) {
        run_until(lock_contended, NULL, "lock contention");
        puts("lock contended");
    } else if (!strcmp(cmd, "wait-unlocked")) {
        run_until(no_lock, NULL, "losing the lock");
        puts("lock lost");
    } else if (!strcmp(cmd, "run") && arg) {
        long long int until = time_msec() + atoll(arg);

        run_until(run_for, &until, "nothing");
    } else if (!strcmp(cmd, "dump") && arg) {
        cmd_dump(arg);
    } else if (!strcmp(cmd, "changes") && arg) {
        cmd_changes(arg);
    } else if (!strcmp(cmd, "clear")) {
        ovsdb_idl_track_clear(idl);
    } else if (!strcmp(cmd, "stats")) {
        struct ovsdb_idl_stats stats;

        ovsdb_idl_get_stats(idl, &stats);
        printf("connects=%u full=%u delta=%u monitor=v%d\n",
               stats.n_connects, stats.n_full_loads, stats.n_delta_loads,
               stats.monitor_version);
    } else if (!strcmp(cmd, "echo")) {
        puts(arg ? arg : "");
    } else if (!strcmp(cmd, "txn")) {
        cmd_txn(argc, argv, i);
    } else {
        fail("unknown command %s", argv[*i]);
    }
    fflush(stdout);
    free(cmd);
}

int
main(int argc, char *argv[])
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    int i = 1;

    set_program_name(argv[0]);
    if (i < argc && str_startswith(argv[i], "--timeout=")) {
        timeout_ms = atoll(argv[i] + 10) * 1000;
        i++;
    }
    if (argc - i < 2) {
        ovs_fatal(0, "usage: %s [--timeout=SECS] REMOTE SCHEMA COMMAND...",
                  program_name);
    }
    error = ovsdb_schema_from_file(argv[i + 1], &schema);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    idl = ovsdb_idl_create(argv[i], schema, true);
    ovsdb_idl_set_probe_interval(idl, 0);
    for (i += 2; i < argc; i++) {
        run_command(argc, argv, &i);
    }
    ovsdb_idl_destroy(idl);
    return 0;
}
