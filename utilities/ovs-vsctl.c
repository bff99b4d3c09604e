/* ovs-vsctl: configures the switch through its OVSDB database, with the
 * command-line syntax, output and exit statuses of OVS 3.1's ovs-vsctl.
 *
 * This file holds the program: option parsing (global options, and
 * command options that may precede the first command), splitting the
 * command line into commands at "--", and the run loop.  The run loop
 * works on a lazily loaded view of the database (ovsdb/lazy-idl.h) so
 * that a command costs the same with ten ports or ten thousand: every
 * command first queues the lookups it needs, they go to the server in one
 * transaction, the commands run against the view, and their changes are
 * committed in one transaction guarded by "wait" operations.  If the
 * guards fail (someone else changed what we read) the whole command line
 * starts over.  Unless --no-wait, a transaction that changes something
 * also increments Open_vSwitch:next_cfg and the program waits until
 * ovs-vswitchd reports it in cur_cfg.  Output is printed at the end. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command-line.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "lib/table.h"
#include "ovsdb/lazy-idl.h"
#include "ovsdb/ovsdb-client-json.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "utilities/vsctl.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vsctl);
/* OVS's tools report transaction errors through their IDL module. */
VLOG_DEFINE_MODULE(ovsdb_idl);

#define VSCTL_SCHEMA_VERSION "8.3.1"

/* Global options. */
static char *db;
static bool wait_for_reload = true;
static bool dry_run;
static bool oneline;
static int timeout;
static bool retry;
static struct table_style table_style = {
    TABLE_FORMAT_LIST, TABLE_CELL_STRING, true, false, 0
};

/* Options for the first command given before it. */
static struct shash first_options = SHASH_INITIALIZER(&first_options);

static const struct vsctl_command_syntax *const command_tables[] = {
    vsctl_conf_commands, vsctl_br_commands, vsctl_db_commands,
};

/* The database view, kept until exit (reachable, so leak checkers know
 * it is not lost). */
static struct lazy_idl *volatile the_idl;

static void usage(void) OVS_NO_RETURN;

const struct table_style *
vsctl_table_style(void)
{
    return &table_style;
}

/* ------------------------------------------------------------------ */
/* Command table. */

static const struct vsctl_command_syntax *
find_command(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(command_tables); i++) {
        for (const struct vsctl_command_syntax *s = command_tables[i];
             s->name; s++) {
            if (!strcmp(s->name, name)) {
                return s;
            }
        }
    }
    return NULL;
}

/* True if OPTION ("--name" or "--name=") is in SYNTAX's options; sets
 * *HAS_ARG. */
static bool
command_has_option(const struct vsctl_command_syntax *s, const char *name,
                   bool *has_arg)
{
    size_t len = strlen(name);
    const char *p = s->options;

    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t) (end - p) : strlen(p);
        bool arg = n && p[n - 1] == '=';
        size_t base = arg ? n - 1 : n;
        if (base == len && !strncmp(p, name, len)) {
            *has_arg = arg;
            return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Options. */

enum {
    OPT_DB = 2000,
    OPT_NO_SYSLOG,
    OPT_NO_WAIT,
    OPT_DRY_RUN,
    OPT_ONELINE,
    OPT_RETRY,
    OPT_COMMANDS,
    OPT_OPTIONS,
    OPT_LEADER_ONLY,
    OPT_NO_LEADER_ONLY,
    OPT_SHUFFLE_REMOTES,
    OPT_NO_SHUFFLE_REMOTES,
    OPT_SSL_PROTOCOLS,
    OPT_SSL_CIPHERS,
    OPT_PEER_CA_CERT,
    OPT_BOOTSTRAP_CA_CERT,
    OPT_LOCAL,
    TABLE_OPTION_ENUMS
};

static const struct option global_options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"no-syslog", no_argument, NULL, OPT_NO_SYSLOG},
    {"no-wait", no_argument, NULL, OPT_NO_WAIT},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"oneline", no_argument, NULL, OPT_ONELINE},
    {"timeout", required_argument, NULL, 't'},
    {"retry", no_argument, NULL, OPT_RETRY},
    {"help", no_argument, NULL, 'h'},
    {"commands", no_argument, NULL, OPT_COMMANDS},
    {"options", no_argument, NULL, OPT_OPTIONS},
    {"leader-only", no_argument, NULL, OPT_LEADER_ONLY},
    {"no-leader-only", no_argument, NULL, OPT_NO_LEADER_ONLY},
    {"shuffle-remotes", no_argument, NULL, OPT_SHUFFLE_REMOTES},
    {"no-shuffle-remotes", no_argument, NULL, OPT_NO_SHUFFLE_REMOTES},
    {"version", no_argument, NULL, 'V'},
    {"verbose", optional_argument, NULL, 'v'},
    {"log-file", optional_argument, NULL, OPT_VLOG_LOG_FILE},
    {"syslog-method", required_argument, NULL, OPT_VLOG_SYSLOG_METHOD},
    {"syslog-target", required_argument, NULL, OPT_VLOG_SYSLOG_TARGET},
    TABLE_LONG_OPTIONS,
    {"private-key", required_argument, NULL, 'p'},
    {"certificate", required_argument, NULL, 'c'},
    {"ca-cert", required_argument, NULL, 'C'},
    {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
    {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
    {"bootstrap-ca-cert", required_argument, NULL, OPT_BOOTSTRAP_CA_CERT},
    {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
};

/* Builds the getopt table: the global options, then every command option
 * (so that they may appear before the first command). */
static struct option *
build_long_options(size_t *n_globalp)
{
    size_t n_global = ARRAY_SIZE(global_options);
    size_t n = n_global, allocated = n_global + 32;
    struct option *options = xmalloc(allocated * sizeof *options);

    memcpy(options, global_options, sizeof global_options);
    for (size_t i = 0; i < ARRAY_SIZE(command_tables); i++) {
        for (const struct vsctl_command_syntax *s = command_tables[i];
             s->name; s++) {
            const char *p = s->options;
            while (p && *p) {
                const char *end = strchr(p, ',');
                size_t len = end ? (size_t) (end - p) : strlen(p);
                bool has_arg = len && p[len - 1] == '=';
                char *name = xmemdup0(p + 2, len - 2 - has_arg);
                bool dup = false;
                for (size_t j = n_global; j < n; j++) {
                    if (!strcmp(options[j].name, name)) {
                        dup = true;
                    }
                }
                if (dup) {
                    free(name);
                } else {
                    if (n + 2 >= allocated) {
                        options = x2nrealloc(options, &allocated,
                                             sizeof *options);
                    }
                    options[n++] = (struct option) {
                        name, has_arg ? required_argument : no_argument,
                        NULL, OPT_LOCAL };
                }
                p = end ? end + 1 : NULL;
            }
        }
    }
    options[n] = (struct option) { NULL, 0, NULL, 0 };
    *n_globalp = n_global;
    return options;
}

static void
add_option(struct shash *options, const char *name, const char *value)
{
    if (shash_find(options, name)) {
        ovs_fatal(0, "'%s' option specified multiple times", name);
    }
    shash_add_nocopy(options, xstrdup(name), nullable_xstrdup(value));
}

/* The getopt table (global so that exiting while parsing leaks
 * nothing). */
static struct option *long_options;

static void
parse_options(int argc, char *argv[])
{
    size_t n_global;

    long_options = build_long_options(&n_global);
    const char *short_options = "+t:hVv::f:d:p:c:C:";

    for (;;) {
        int idx = -1;
        int c = getopt_long(argc, argv, short_options, long_options, &idx);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_DB:
            free(db);
            db = xstrdup(optarg);
            break;
        case OPT_NO_SYSLOG: {
            char *error = vlog_set_verbosity("vsctl:syslog:warn");
            free(error);
            break;
        }
        case OPT_NO_WAIT:
            wait_for_reload = false;
            break;
        case OPT_DRY_RUN:
            dry_run = true;
            break;
        case OPT_ONELINE:
            oneline = true;
            break;
        case 't':
            if (!str_to_int(optarg, 10, &timeout) || timeout <= 0) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            break;
        case OPT_RETRY:
            retry = true;
            break;
        case 'h':
            usage();
        case OPT_COMMANDS:
            for (size_t i = 0; i < ARRAY_SIZE(command_tables); i++) {
                for (const struct vsctl_command_syntax *s
                         = command_tables[i]; s->name; s++) {
                    struct ds opts = DS_EMPTY_INITIALIZER;
                    const char *p = s->options;
                    while (p && *p) {
                        const char *end = strchr(p, ',');
                        size_t len = end ? (size_t) (end - p) : strlen(p);
                        ds_put_format(&opts, "[%.*s] ", (int) len, p);
                        p = end ? end + 1 : NULL;
                    }
                    printf("%s,%s,%s\n", ds_cstr(&opts), s->name,
                           s->arguments ? s->arguments : "");
                    ds_destroy(&opts);
                }
            }
            exit(EXIT_SUCCESS);
        case OPT_OPTIONS: {
            struct option *globals = xmemdup(long_options,
                                             (n_global + 1)
                                             * sizeof *globals);
            globals[n_global] = (struct option) { NULL, 0, NULL, 0 };
            ovs_cmdl_print_options(globals);
            free(globals);
            exit(EXIT_SUCCESS);
        }
        case OPT_LEADER_ONLY:
        case OPT_NO_LEADER_ONLY:
        case OPT_SHUFFLE_REMOTES:
        case OPT_NO_SHUFFLE_REMOTES:
            break;
        case 'V':
            printf("%s (Open vSwitch) %s\n", program_name, OVS_VERSION);
            printf("DB Schema %s\n", VSCTL_SCHEMA_VERSION);
            exit(EXIT_SUCCESS);
        case 'v':
            vlog_handle_verbose_option(optarg);
            break;
        case OPT_VLOG_LOG_FILE:
            vlog_handle_log_file_option(optarg);
            break;
        case OPT_VLOG_SYSLOG_METHOD:
            vlog_handle_syslog_method_option(optarg);
            break;
        case OPT_VLOG_SYSLOG_TARGET:
            vlog_handle_syslog_target_option(optarg);
            break;
        TABLE_OPTION_HANDLERS(&table_style)
        case 'p':
            stream_ssl_set_private_key_file(optarg);
            break;
        case 'c':
            stream_ssl_set_certificate_file(optarg);
            break;
        case 'C':
            stream_ssl_set_ca_cert_file(optarg, false);
            break;
        case OPT_BOOTSTRAP_CA_CERT:
            stream_ssl_set_ca_cert_file(optarg, true);
            break;
        case OPT_SSL_PROTOCOLS:
            stream_ssl_set_protocols(optarg);
            break;
        case OPT_SSL_CIPHERS:
            stream_ssl_set_ciphers(optarg);
            break;
        case OPT_PEER_CA_CERT:
            break;
        case OPT_LOCAL: {
            char *name = xasprintf("--%s", long_options[idx].name);
            add_option(&first_options, name, optarg);
            free(name);
            break;
        }
        case '?':
            exit(EXIT_FAILURE);
        default:
            abort();
        }
    }

    for (size_t i = n_global; long_options[i].name; i++) {
        free((char *) long_options[i].name);
    }
    free(long_options);
    long_options = NULL;
    if (!db) {
        db = xasprintf("unix:%s/db.sock", ovs_rundir());
    }
}

/* ------------------------------------------------------------------ */
/* Command-line splitting. */

static void
parse_command(int argc, char *argv[], struct shash *local_options,
              struct vsctl_command *command)
{
    int i;

    shash_init(&command->options);
    shash_swap(local_options, &command->options);
    for (i = 0; i < argc; i++) {
        const char *option = argv[i];
        if (option[0] != '-') {
            break;
        }
        const char *equals = strchr(option, '=');
        char *key = equals ? xmemdup0(option, equals - option)
                           : xstrdup(option);
        if (shash_find(&command->options, key)) {
            free(key);
            ovs_fatal(0, "'%s' option specified multiple times", argv[i]);
        }
        shash_add_nocopy(&command->options, key,
                         equals ? xstrdup(equals + 1) : NULL);
    }
    if (i == argc) {
        ovs_fatal(0, "missing command name (use --help for help)");
    }

    const struct vsctl_command_syntax *s = find_command(argv[i]);
    if (!s) {
        ovs_fatal(0, "unknown command '%s'; use --help for help", argv[i]);
    }

    struct shash_node *node;
    SHASH_FOR_EACH (node, &command->options) {
        bool has_arg;
        if (!command_has_option(s, node->name, &has_arg)) {
            ovs_fatal(0, "'%s' command has no '%s' option", s->name,
                      node->name);
        }
        if (has_arg && !node->data) {
            ovs_fatal(0, "missing argument to '%s' option on '%s' command",
                      node->name, s->name);
        } else if (!has_arg && node->data) {
            ovs_fatal(0, "'%s' option on '%s' does not accept an "
                      "argument", node->name, s->name);
        }
    }

    int n_arg = argc - i - 1;
    if (n_arg < s->min_args) {
        ovs_fatal(0, "'%s' command requires at least %d arguments",
                  s->name, s->min_args);
    } else if (n_arg > s->max_args) {
        for (int j = i + 1; j < argc; j++) {
            if (argv[j][0] == '-') {
                ovs_fatal(0, "'%s' command takes at most %d arguments "
                          "(note that options must precede command names "
                          "and follow a \"--\" argument)", s->name,
                          s->max_args);
            }
        }
        ovs_fatal(0, "'%s' command takes at most %d arguments", s->name,
                  s->max_args);
    }

    command->syntax = s;
    command->argc = n_arg + 1;
    command->argv = &argv[i];
    ds_init(&command->output);
    command->table = NULL;
    command->aux = NULL;
}

static struct vsctl_command *
parse_commands(int argc, char *argv[], size_t *n_commandsp)
{
    struct vsctl_command *commands;
    size_t n = 0;
    int start = 0;

    /* Commands embed hash maps, which must not move: size the array
     * first. */
    commands = xcalloc(argc / 2 + 1, sizeof *commands);
    for (int i = 0; i <= argc; i++) {
        if (i == argc || !strcmp(argv[i], "--")) {
            if (i > start) {
                parse_command(i - start, &argv[start], &first_options,
                              &commands[n++]);
            } else if (!shash_is_empty(&first_options)) {
                ovs_fatal(0, "missing command name (use --help for help)");
            }
            start = i + 1;
        }
    }
    if (!n) {
        ovs_fatal(0, "missing command name (use --help for help)");
    }
    *n_commandsp = n;
    return commands;
}

/* ------------------------------------------------------------------ */
/* Connection. */

static struct stream *
connect_db(void)
{
    for (;;) {
        struct stream *stream = NULL;
        int error;

        if (pstream_verify_name(db) == 0) {
            struct pstream *listener;
            error = pstream_open(db, &listener);
            if (!error) {
                for (;;) {
                    error = pstream_accept(listener, &stream);
                    if (error != EAGAIN) {
                        break;
                    }
                    pstream_wait(listener);
                    fatal_signal_wait();
                    poll_block();
                    fatal_signal_run();
                }
                pstream_close(listener);
            }
        } else {
            error = stream_open_block(db, 0, &stream);
        }
        if (!error) {
            return stream;
        }
        if (!retry) {
            ovs_fatal(0, "%s: database connection failed (%s)", db,
                      ovs_strerror(error));
        }
        poll_timer_wait(1000);
        fatal_signal_wait();
        poll_block();
        fatal_signal_run();
    }
}

/* ------------------------------------------------------------------ */
/* Running. */

static char *
invoked_by(void)
{
    char *path = xasprintf("/proc/%ld/comm", (long) getppid());
    char *contents = NULL;
    size_t len;

    if (!read_whole_file(path, &contents, &len) && len) {
        while (len && (contents[len - 1] == '\n')) {
            contents[--len] = '\0';
        }
    } else {
        free(contents);
        contents = NULL;
    }
    free(path);
    return contents;
}

static char *
make_comment(int argc, char *argv[])
{
    struct ds s = DS_EMPTY_INITIALIZER;
    char *parent = invoked_by();

    if (parent) {
        ds_put_format(&s, "%s (invoked by %s):", program_name, parent);
    } else {
        ds_put_format(&s, "%s:", program_name);
    }
    for (int i = 0; i < argc; i++) {
        ds_put_format(&s, " %s", argv[i]);
    }
    free(parent);
    return ds_steal_cstr(&s);
}

static void
reset_commands(struct vsctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ds_clear(&commands[i].output);
        if (commands[i].table) {
            table_destroy(commands[i].table);
            free(commands[i].table);
            commands[i].table = NULL;
        }
        free(commands[i].aux);
        commands[i].aux = NULL;
    }
}

static void
set_command(struct vsctl_context *ctx, struct vsctl_command *c)
{
    ctx->cmd = c;
    ctx->argc = c->argc;
    ctx->argv = c->argv;
    ctx->options = &c->options;
    ctx->output = &c->output;
}

/* Waits until ovs-vswitchd's cur_cfg reaches NEXT_CFG. */
static void
wait_for_cur_cfg(struct lazy_idl *idl, long long int next_cfg)
{
    const struct ovsdb_table_schema *ts = lazy_idl_get_table(
        idl, "Open_vSwitch");
    static const char *const columns[] = { "cur_cfg" };
    json_t *updates = lazy_idl_monitor(idl, ts, columns, 1);

    for (;;) {
        json_t *rows = json_object_get(updates, "Open_vSwitch");
        const char *uuid;
        json_t *row;
        json_object_foreach (rows, uuid, row) {
            json_t *cur = json_object_get(json_object_get(row, "new"),
                                          "cur_cfg");
            if (json_is_integer(cur) && json_integer_value(cur) >= next_cfg) {
                json_decref(updates);
                return;
            }
        }
        json_decref(updates);
        updates = lazy_idl_wait_update(idl);
    }
}

/* After ovs-vswitchd applied the configuration, reports each interface
 * this run created that did not get an OpenFlow port, as OVS does. */
static void
check_new_interfaces(struct lazy_idl *idl)
{
    const struct ovsdb_table_schema *ts = lazy_idl_get_table(idl,
                                                             "Interface");
    struct lazy_idl_row **rows;
    size_t n = ts ? lazy_idl_get_new_rows(idl, ts, &rows) : 0;

    if (!n) {
        if (ts) {
            free(rows);
        }
        return;
    }

    json_t *params = json_pack("[s]", "Open_vSwitch");
    for (size_t i = 0; i < n; i++) {
        struct uuid uuid = lazy_idl_get_real_uuid(
            idl, lazy_idl_row_get_uuid(rows[i]));
        json_array_append_new(params, json_pack(
            "{s:s, s:s, s:[[s, s, o]], s:[s, s, s]}", "op", "select",
            "table", "Interface", "where", "_uuid", "==",
            ovsdb_uuid_to_json(&uuid), "columns", "name", "ofport",
            "error"));
    }
    free(rows);

    struct jsonrpc_msg *reply = lazy_idl_transact_block(
        idl, jsonrpc_create_request("transact", params, NULL));
    bool any = false;
    for (size_t i = 0; i < n && json_is_array(reply->result); i++) {
        json_t *row = json_array_get(json_object_get(
                                         json_array_get(reply->result, i),
                                         "rows"), 0);
        json_t *ofport = json_object_get(row, "ofport");
        json_t *error = json_object_get(row, "error");
        const char *name = json_string_value(json_object_get(row, "name"));

        if (!name || (json_is_integer(ofport)
                      && json_integer_value(ofport) != -1)) {
            continue;
        }
        if (json_is_string(error)) {
            ovs_error(0, "Error detected while setting up '%s': %s.  See "
                      "ovs-vswitchd log for details.", name,
                      json_string_value(error));
        } else {
            ovs_error(0, "Error detected while setting up '%s'.  See "
                      "ovs-vswitchd log for details.", name);
        }
        any = true;
    }
    if (any) {
        ovs_error(0, "The default log directory is \"%s\".", ovs_logdir());
    }
    jsonrpc_msg_destroy(reply);
}

static void
print_output(struct vsctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct vsctl_command *c = &commands[i];
        if (c->table) {
            table_print(c->table, &table_style);
        } else if (oneline) {
            const char *s = ds_cstr(&c->output);
            size_t len = strlen(s);
            struct ds line = DS_EMPTY_INITIALIZER;
            for (size_t j = 0; j < len; j++) {
                if (s[j] == '\n') {
                    if (j != len - 1) {
                        ds_put_cstr(&line, "\\n");
                    }
                } else if (s[j] == '\\') {
                    ds_put_cstr(&line, "\\\\");
                } else {
                    ds_put_char(&line, s[j]);
                }
            }
            puts(ds_cstr(&line));
            ds_destroy(&line);
        } else {
            fputs(ds_cstr(&c->output), stdout);
        }
    }
    fflush(stdout);
}

static void
run_commands(int argc, char *argv[], struct vsctl_command *commands,
             size_t n_commands)
{
    struct lazy_idl *idl = lazy_idl_create(connect_db(), db, "Open_vSwitch");
    the_idl = idl;
    char *comment = make_comment(argc, argv);
    struct shash monitored = SHASH_INITIALIZER(&monitored);
    struct vsctl_context ctx;

    memset(&ctx, 0, sizeof ctx);
    ctx.idl = idl;
    ctx.dry_run = dry_run;

    for (;;) {
        const struct ovsdb_table_schema *ovs_table
            = vsctl_table(&ctx, "Open_vSwitch");

        lazy_idl_clear(idl);
        ovsdb_symbol_table_destroy(ctx.symtab);
        ctx.symtab = ovsdb_symbol_table_create();
        ctx.try_again = false;
        ctx.wait_table = NULL;
        ctx.ovs = NULL;
        reset_commands(commands, n_commands);

        /* Prefetch. */
        lazy_idl_prefetch(idl, ovs_table, LAZY_IDL_ALL, NULL, NULL);
        for (size_t i = 0; i < n_commands; i++) {
            if (commands[i].syntax->prefetch) {
                set_command(&ctx, &commands[i]);
                commands[i].syntax->prefetch(&ctx);
            }
        }
        lazy_idl_flush(idl);

        /* Any command line initializes an empty database. */
        size_t n_ovs;
        struct lazy_idl_row **ovs_rows = lazy_idl_query(
            idl, ovs_table, LAZY_IDL_ALL, NULL, NULL, &n_ovs);
        ctx.ovs = n_ovs ? ovs_rows[0] : vsctl_insert(&ctx, "Open_vSwitch");
        free(ovs_rows);

        /* Run. */
        for (size_t i = 0; i < n_commands && !ctx.try_again; i++) {
            set_command(&ctx, &commands[i]);
            commands[i].syntax->run(&ctx);
        }
        if (ctx.try_again) {
            /* wait-until: watch the table, then run again. */
            const char *name = ctx.wait_table->name;
            if (!shash_find(&monitored, name)) {
                shash_add(&monitored, name, NULL);
                json_decref(lazy_idl_monitor(idl, ctx.wait_table, NULL, 0));
            } else {
                json_decref(lazy_idl_wait_update(idl));
            }
            continue;
        }

        const char *uncreated = ovsdb_symbol_table_find_uncreated(
            ctx.symtab);
        if (uncreated) {
            ovs_fatal(0, "row id \"%s\" is referenced but never created "
                      "(e.g. with \"-- --id=%s create ...\")", uncreated,
                      uncreated);
        }

        /* Commit. */
        bool new_ovs = lazy_idl_row_is_new(ctx.ovs);
        size_t select_idx = SIZE_MAX;
        if (wait_for_reload && !dry_run) {
            if (new_ovs) {
                vsctl_write_integer(&ctx, ctx.ovs, "next_cfg", 1);
            } else {
                json_t *where = json_pack(
                    "[[s, s, o]]", "_uuid", "==",
                    ovsdb_uuid_to_json(lazy_idl_row_get_uuid(ctx.ovs)));
                lazy_idl_add_op(idl, json_pack(
                    "{s:s, s:s, s:o, s:[[s, s, i]]}", "op", "mutate",
                    "table", "Open_vSwitch", "where", json_incref(where),
                    "mutations", "next_cfg", "+=", 1));
                select_idx = lazy_idl_add_op(idl, json_pack(
                    "{s:s, s:s, s:o, s:[s]}", "op", "select",
                    "table", "Open_vSwitch", "where", where,
                    "columns", "next_cfg"));
            }
        }
        lazy_idl_set_comment(idl, comment);

        json_t *result;
        char *error;
        enum lazy_idl_status status = lazy_idl_commit(idl, dry_run,
                                                      &result, &error);
        if (status == LAZY_IDL_TRY_AGAIN) {
            VLOG_INFO("database changed meanwhile, trying again");
            continue;
        } else if (status == LAZY_IDL_ERROR) {
            vlog(&VLM_ovsdb_idl, VLL_WARN, "transaction error: %s", error);
            ovs_fatal(0, "transaction error: %s", error);
        }

        for (size_t i = 0; i < n_commands; i++) {
            if (commands[i].syntax->postprocess) {
                set_command(&ctx, &commands[i]);
                commands[i].syntax->postprocess(&ctx);
            }
        }

        if (status == LAZY_IDL_SUCCESS && wait_for_reload && !dry_run) {
            long long int next_cfg = 1;
            if (select_idx != SIZE_MAX) {
                /* The select is the second-to-last operation (the
                 * comment is last). */
                size_t n = json_array_size(result);
                json_t *rows = json_object_get(json_array_get(result, n - 2),
                                               "rows");
                json_t *v = json_object_get(json_array_get(rows, 0),
                                            "next_cfg");
                next_cfg = json_integer_value(v);
            }
            wait_for_cur_cfg(idl, next_cfg);
            check_new_interfaces(idl);
        }
        json_decref(result);
        free(error);
        break;
    }

    print_output(commands, n_commands);
    ovsdb_symbol_table_destroy(ctx.symtab);
    shash_destroy(&monitored);
    free(comment);
    /* Freeing the view (the_idl) would take longer than the rest of a
     * typical run; the process is about to exit. */
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    fatal_signal_init();
    parse_options(argc, argv);

    size_t n_commands;
    struct vsctl_command *commands = parse_commands(argc - optind,
                                                    argv + optind,
                                                    &n_commands);
    if (timeout) {
        alarm(timeout);
    }

    struct ds args = DS_EMPTY_INITIALIZER;
    for (int i = 0; i < argc; i++) {
        ds_put_format(&args, "%s%s", i ? " " : "", argv[i]);
    }
    VLOG_INFO("Called as %s", ds_cstr(&args));
    ds_destroy(&args);

    run_commands(argc, argv, commands, n_commands);

    for (size_t i = 0; i < n_commands; i++) {
        shash_destroy_free_data(&commands[i].options);
        ds_destroy(&commands[i].output);
        if (commands[i].table) {
            table_destroy(commands[i].table);
            free(commands[i].table);
        }
        free(commands[i].aux);
    }
    free(commands);
    shash_destroy_free_data(&first_options);
    free(db);
    return 0;
}

/* ------------------------------------------------------------------ */
/* --help. */

static void
usage(void)
{
    printf("\
%s: ovs-vswitchd management utility\n\
usage: %s [OPTIONS] COMMAND [ARG...]\n\
\n\
Open vSwitch commands:\n\
  init                        initialize database, if not yet initialized\n\
  show                        print overview of database contents\n\
  emer-reset                  reset configuration to clean state\n\
\n\
Bridge commands:\n\
  add-br BRIDGE               create a new bridge named BRIDGE\n\
  add-br BRIDGE PARENT VLAN   create new fake BRIDGE in PARENT on VLAN\n\
  del-br BRIDGE               delete BRIDGE and all of its ports\n\
  list-br                     print the names of all the bridges\n\
  br-exists BRIDGE            exit 2 if BRIDGE does not exist\n\
  br-to-vlan BRIDGE           print the VLAN which BRIDGE is on\n\
  br-to-parent BRIDGE         print the parent of BRIDGE\n\
  br-set-external-id BRIDGE KEY VALUE  set KEY on BRIDGE to VALUE\n\
  br-set-external-id BRIDGE KEY  unset KEY on BRIDGE\n\
  br-get-external-id BRIDGE KEY  print value of KEY on BRIDGE\n\
  br-get-external-id BRIDGE  list key-value pairs on BRIDGE\n\
\n\
Port commands (a bond is considered to be a single port):\n\
  list-ports BRIDGE           print the names of all the ports on BRIDGE\n\
  add-port BRIDGE PORT        add network device PORT to BRIDGE\n\
  add-bond BRIDGE PORT IFACE...  add bonded port PORT in BRIDGE from IFACES\n\
  del-port [BRIDGE] PORT      delete PORT (which may be bonded) from BRIDGE\n\
  port-to-br PORT             print name of bridge that contains PORT\n\
\n\
Interface commands (a bond consists of multiple interfaces):\n\
  list-ifaces BRIDGE          print the names of all interfaces on BRIDGE\n\
  iface-to-br IFACE           print name of bridge that contains IFACE\n\
\n\
Controller commands:\n\
  get-controller BRIDGE      print the controllers for BRIDGE\n\
  del-controller BRIDGE      delete the controllers for BRIDGE\n\
  [--inactivity-probe=MSECS]\n\
  set-controller BRIDGE TARGET...  set the controllers for BRIDGE\n\
  get-fail-mode BRIDGE       print the fail-mode for BRIDGE\n\
  del-fail-mode BRIDGE       delete the fail-mode for BRIDGE\n\
  set-fail-mode BRIDGE MODE  set the fail-mode for BRIDGE to MODE\n\
\n\
Manager commands:\n\
  get-manager                print the managers\n\
  del-manager                delete the managers\n\
  [--inactivity-probe=MSECS]\n\
  set-manager TARGET...      set the list of managers to TARGET...\n\
\n\
SSL commands:\n\
  get-ssl                     print the SSL configuration\n\
  del-ssl                     delete the SSL configuration\n\
  set-ssl PRIV-KEY CERT CA-CERT  set the SSL configuration\n\
\n\
Auto Attach commands:\n\
  add-aa-mapping BRIDGE I-SID VLAN   add Auto Attach mapping to BRIDGE\n\
  del-aa-mapping BRIDGE I-SID VLAN   delete Auto Attach mapping VLAN from \
BRIDGE\n\
  get-aa-mapping BRIDGE              get Auto Attach mappings from BRIDGE\n\
\n\
Switch commands:\n\
  emer-reset                  reset switch to known good state\n\
\n\
Database commands:\n\
  list TBL [REC]              list RECord (or all records) in TBL\n\
  find TBL CONDITION...       list records satisfying CONDITION in TBL\n\
  get TBL REC COL[:KEY]       print values of COLumns in RECord in TBL\n\
  set TBL REC COL[:KEY]=VALUE set COLumn values in RECord in TBL\n\
  add TBL REC COL [KEY=]VALUE add (KEY=)VALUE to COLumn in RECord in TBL\n\
  remove TBL REC COL [KEY=]VALUE  remove (KEY=)VALUE from COLumn\n\
  clear TBL REC COL           clear values from COLumn in RECord in TBL\n\
  create TBL COL[:KEY]=VALUE  create and initialize new record\n\
  destroy TBL REC             delete RECord from TBL\n\
  wait-until TBL REC [COL[:KEY]=VALUE]  wait until condition is true\n\
Potentially unsafe database commands require --force option.\n\
Database commands may reference a row in each table in the following ways:\n\
  AutoAttach:\n\
    by UUID\n\
    via \"auto_attach\" of Bridge with matching \"name\"\n\
  Bridge:\n\
    by UUID\n\
    by \"name\"\n\
  CT_Timeout_Policy:\n\
    by UUID\n\
  CT_Zone:\n\
    by UUID\n\
  Controller:\n\
    by UUID\n\
    via \"controller\" of Bridge with matching \"name\"\n\
  Datapath:\n\
    by UUID\n\
  Flow_Sample_Collector_Set:\n\
    by UUID\n\
    by \"id\"\n\
  Flow_Table:\n\
    by UUID\n\
    by \"name\"\n\
  IPFIX:\n\
    by UUID\n\
    via \"ipfix\" of Bridge with matching \"name\"\n\
  Interface:\n\
    by UUID\n\
    by \"name\"\n\
  Manager:\n\
    by UUID\n\
    by \"target\"\n\
  Mirror:\n\
    by UUID\n\
    by \"name\"\n\
  NetFlow:\n\
    by UUID\n\
    via \"netflow\" of Bridge with matching \"name\"\n\
  Open_vSwitch:\n\
    by UUID\n\
    as \".\"\n\
  Port:\n\
    by UUID\n\
    by \"name\"\n\
  QoS:\n\
    by UUID\n\
    via \"qos\" of Port with matching \"name\"\n\
  Queue:\n\
    by UUID\n\
  SSL:\n\
    by UUID\n\
    as \".\"\n\
  sFlow:\n\
    by UUID\n\
    via \"sflow\" of Bridge with matching \"name\"\n\
\n\
Options:\n\
  --db=DATABASE               connect to DATABASE\n\
                              (default: unix:%s/db.sock)\n\
  --no-wait                   do not wait for ovs-vswitchd to reconfigure\n\
  --retry                     keep trying to connect to server forever\n\
  -t, --timeout=SECS          wait at most SECS seconds for ovs-vswitchd\n\
  --dry-run                   do not commit changes to database\n\
  --oneline                   print exactly one line of output per command\n",
           program_name, program_name, ovs_rundir());
    printf("\n\
Output formatting options:\n\
  -f, --format=FORMAT         set output formatting to FORMAT\n\
                              (\"table\", \"html\", \"csv\", or \"json\")\n\
  -d, --data=FORMAT           set table cell output formatting to\n\
                              FORMAT (\"string\", \"bare\", or \"json\")\n\
  --no-headings               omit table heading row\n\
  --pretty                    pretty-print JSON in output\n\
  --bare                      equivalent to \"--format=list --data=bare \
--no-headings\"\n");
    vlog_usage();
    printf("  --no-syslog             equivalent to "
           "--verbose=vsctl:syslog:warn\n");
    printf("\n\
Active database connection methods:\n\
  tcp:HOST:PORT           PORT at remote HOST\n\
  ssl:HOST:PORT           SSL PORT at remote HOST\n\
  unix:FILE               Unix domain socket named FILE\n\
Passive database connection methods:\n\
  ptcp:PORT[:IP]          listen to TCP PORT on IP\n\
  pssl:PORT[:IP]          listen for SSL on PORT on IP\n\
  punix:FILE              listen on Unix domain socket FILE\n\
PKI configuration (required to use SSL):\n\
  -p, --private-key=FILE  file with private key\n\
  -c, --certificate=FILE  file with certificate for private key\n\
  -C, --ca-cert=FILE      file with peer CA certificate\n\
  --bootstrap-ca-cert=FILE  file with peer CA certificate to read or create\n\
SSL options:\n\
  --ssl-protocols=PROTOS  list of SSL protocols to enable\n\
  --ssl-ciphers=CIPHERS   list of SSL ciphers to enable\n\
\n\
Other options:\n\
  -h, --help                  display this help message\n\
  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}
