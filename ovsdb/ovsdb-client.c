/* ovsdb-client: the command-line client for OVSDB servers, a drop-in for
 * Open vSwitch 3.1's ovsdb-client: same commands, options, output bytes,
 * error messages and exit statuses (see ovsdb-client(1)).
 *
 * This file holds option parsing, the command dispatcher and the commands
 * that run one request and print its result.  The monitor commands are in
 * ovsdb-client-monitor.c, backup and restore in ovsdb-client-backup.c, the
 * shared RPC helpers in ovsdb-client-rpc.c and OVS's JSON text conventions
 * (parse errors, number semantics, hash-table order) in
 * ovsdb-client-json.c.
 *
 * Dispatching follows OVS.  For commands that talk to one database
 * server, the first argument is taken as SERVER if more arguments than
 * the command's minimum were given and it looks like a connection method
 * (a letter first and a colon somewhere); the connection is opened, and
 * for commands that act on a database the next argument is taken as
 * DATABASE under the same count rule if the server has a database of
 * that name, else the default database is used (Open_vSwitch, or the only
 * database other than _Server).  Only then is the number of remaining
 * arguments checked ("invalid syntax for 'CMD'").  Commands whose
 * arguments name their own database (transact, query, convert, wait, ...)
 * check their argument count first and connect themselves. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "column.h"
#include "daemon.h"
#include "ds.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "lib/table.h"
#include "ovsdb-client-backup.h"
#include "ovsdb-client-json.h"
#include "ovsdb-client-monitor.h"
#include "ovsdb-client-rpc.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "poll-loop.h"
#include "schema.h"
#include "stream.h"
#include "table-schema.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

/* What a command needs before its handler runs. */
enum need {
    NEED_NONE,                  /* Nothing: it handles its own server. */
    NEED_RPC,                   /* A connection to SERVER. */
    NEED_DATABASE               /* A connection and a DATABASE. */
};

struct client_command {
    const char *name;
    enum need need;
    int min_args;               /* Arguments after SERVER and DATABASE; */
    int max_args;               /* for NEED_NONE, all the arguments. */
    void (*handler)(struct ovsdb_client_context *, int argc, char *argv[]);
};

static struct ovsdb_client_options options = {
    .style = TABLE_STYLE_DEFAULT,
    .timestamp = false,
    .db_change_aware = true,
};

static const struct client_command *find_command(const char *name);
static void parse_options(int argc, char *argv[]);
static void usage(void) OVS_NO_RETURN;

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO);
    fatal_signal_init();
    parse_options(argc, argv);

    if (optind >= argc) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    const struct client_command *command = find_command(argv[optind]);
    if (!command) {
        ovs_fatal(0, "unknown command '%s'; use --help for help",
                  argv[optind]);
    }
    optind++;

    struct ovsdb_client_context ctx = {
        .options = &options,
        .command = command->name,
    };
    int n_args = argc - optind;
    char **args = argv + optind;
    char *default_server = ovsdb_client_rpc_default_server();

    if (command->need == NEED_NONE) {
        if (n_args < command->min_args || n_args > command->max_args) {
            ovs_fatal(0, "invalid syntax for '%s' (use --help for help)",
                      command->name);
        }
        ctx.server = default_server;
        command->handler(&ctx, n_args, args);
        free(default_server);
        return 0;
    }

    if (n_args > command->min_args
        && ovsdb_client_rpc_is_server_name(args[0])) {
        ctx.server = args[0];
        args++;
        n_args--;
    } else {
        ctx.server = default_server;
    }
    ctx.rpc = ovsdb_client_rpc_open(ctx.server);

    if (command->need == NEED_DATABASE) {
        size_t n_dbs;
        char **dbs = ovsdb_client_rpc_list_dbs(ctx.rpc, &n_dbs);
        const char *database = NULL;
        if (n_args > command->min_args) {
            for (size_t i = 0; i < n_dbs; i++) {
                if (!strcmp(dbs[i], args[0])) {
                    database = args[0];
                    args++;
                    n_args--;
                    break;
                }
            }
        }
        if (!database) {
            const char *only = NULL;
            size_t n_user = 0;
            for (size_t i = 0; i < n_dbs; i++) {
                if (!strcmp(dbs[i], "Open_vSwitch")) {
                    database = "Open_vSwitch";
                    break;
                } else if (strcmp(dbs[i], "_Server")) {
                    only = dbs[i];
                    n_user++;
                }
            }
            if (!database && n_user == 1) {
                database = only;
            }
            if (!database) {
                ovs_fatal(0, "could not find a default database, please "
                          "specify a database name");
            }
        }
        ctx.database = xstrdup(database);
        for (size_t i = 0; i < n_dbs; i++) {
            free(dbs[i]);
        }
        free(dbs);
    }

    if (n_args < command->min_args || n_args > command->max_args) {
        ovs_fatal(0, "invalid syntax for '%s' (use --help for help)",
                  command->name);
    }
    command->handler(&ctx, n_args, args);

    jsonrpc_close(ctx.rpc);
    free(ctx.database);
    free(default_server);
    return 0;
}

/* Options. */

static void
set_timeout(const char *arg)
{
    int secs;
    if (!str_to_int(arg, 10, &secs) || secs <= 0) {
        ovs_fatal(0, "value %s on -t or --timeout is invalid", arg);
    }
    /* fatal-signal handles SIGALRM: the process dies of it, after logging
     * "terminating with signal 14" if it was in its main loop. */
    alarm(secs);
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_BOOTSTRAP_CA_CERT = UCHAR_MAX + 1,
        OPT_TIMESTAMP,
        OPT_FORCE,
        OPT_DB_CHANGE_AWARE,
        OPT_NO_DB_CHANGE_AWARE,
        OPT_NO_LEADER_ONLY,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_RECORD,
        OPT_REPLAY,
        TABLE_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 't'},
        {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
        {"force", no_argument, NULL, OPT_FORCE},
        {"db-change-aware", no_argument, NULL, OPT_DB_CHANGE_AWARE},
        {"no-db-change-aware", no_argument, NULL, OPT_NO_DB_CHANGE_AWARE},
        {"no-leader-only", no_argument, NULL, OPT_NO_LEADER_ONLY},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"record", optional_argument, NULL, OPT_RECORD},
        {"replay", optional_argument, NULL, OPT_REPLAY},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const char short_options[] = "hVt:v::p:c:C:" TABLE_SHORT_OPTIONS;

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'h':
            usage();

        case 'V':
            printf("%s (Open vSwitch) %s\n", program_name, OVS_VERSION);
            exit(EXIT_SUCCESS);

        case 't':
            set_timeout(optarg);
            break;

        case OPT_TIMESTAMP:
            options.timestamp = true;
            break;

        case OPT_FORCE:
            options.force = true;
            break;

        case OPT_DB_CHANGE_AWARE:
            options.db_change_aware = true;
            break;

        case OPT_NO_DB_CHANGE_AWARE:
            options.db_change_aware = false;
            break;

        case OPT_NO_LEADER_ONLY:
        case OPT_SSL_PROTOCOLS:
        case OPT_SSL_CIPHERS:
        case OPT_RECORD:
        case OPT_REPLAY:
            /* Accepted for compatibility; nothing to do. */
            break;

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

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&options.style)

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
}

static void
usage(void)
{
    printf("%s: Open vSwitch database JSON-RPC client\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\n"
           "Valid commands are:\n"
           "\n"
           "  list-dbs [SERVER]\n"
           "    list databases available on SERVER\n"
           "\n"
           "  get-schema [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER\n"
           "\n"
           "  get-schema-version [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only its\n"
           "    version number on stdout\n"
           "\n"
           "  get-schema-cksum [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only its\n"
           "    checksum on stdout\n"
           "\n"
           "  list-tables [SERVER] [DATABASE]\n"
           "    list tables for DATABASE on SERVER\n"
           "\n"
           "  list-columns [SERVER] [DATABASE] [TABLE]\n"
           "    list columns in TABLE (or all tables) in DATABASE on SERVER\n"
           "\n"
           "  transact [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on SERVER\n"
           "    and print the results as JSON on stdout\n"
           "\n"
           "  query [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on SERVER,\n"
           "    as read-only, and print the results as JSON on stdout\n"
           "\n"
           "  monitor [SERVER] [DATABASE] TABLE [COLUMN,...]...\n"
           "    monitor contents of COLUMNs in TABLE in DATABASE on SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n"
           "  monitor-cond [SERVER] [DATABASE] CONDITION TABLE "
           "[COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in TABLE in\n"
           "    DATABASE on SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n"
           "  monitor-cond-since [SERVER] [DATABASE] [LASTID] CONDITION "
           "TABLE [COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in TABLE in\n"
           "    DATABASE on SERVER, since change after LASTID.\n"
           "    LASTID specifies transaction ID after which the monitoring\n"
           "    starts, which works only for cluster mode. If ignored, it\n"
           "    defaults to an all-zero uuid.\n"
           "    Other arguments are the same as in monitor-cond.\n"
           "\n"
           "  convert [SERVER] SCHEMA\n"
           "    convert database on SERVER named in SCHEMA to SCHEMA.\n"
           "\n"
           "  needs-conversion [SERVER] SCHEMA\n"
           "    tests whether SCHEMA's db on SERVER needs conversion.\n"
           "\n"
           "  monitor [SERVER] [DATABASE] ALL\n"
           "    monitor all changes to all columns in all tables\n"
           "\n"
           "  wait [SERVER] DATABASE STATE\n"
           "    wait until DATABASE reaches STATE "
           "(\"added\" or \"connected\" or \"removed\")\n"
           "    in DATBASE on SERVER.\n"
           "\n"
           "  dump [SERVER] [DATABASE]\n"
           "    dump contents of DATABASE on SERVER to stdout\n"
           "\n"
           "  backup [SERVER] [DATABASE] > SNAPSHOT\n"
           "    dump database contents in the form of a database file\n"
           "\n"
           "  [--force] restore [SERVER] [DATABASE] < SNAPSHOT\n"
           "    restore database contents from a database file\n"
           "\n"
           "  lock [SERVER] LOCK\n"
           "    create or wait for LOCK in SERVER\n"
           "\n"
           "  steal [SERVER] LOCK\n"
           "    steal LOCK from SERVER\n"
           "\n"
           "  unlock [SERVER] LOCK\n"
           "    unlock LOCK from SERVER\n"
           "\n"
           "The default SERVER is unix:%s/db.sock.\n"
           "The default DATABASE is Open_vSwitch.\n",
           program_name, program_name, ovs_rundir());
    printf("\n"
           "Active SERVER connection methods:\n"
           "  tcp:HOST:PORT           PORT at remote HOST\n"
           "  ssl:HOST:PORT           SSL PORT at remote HOST\n"
           "  unix:FILE               Unix domain socket named FILE\n"
           "Passive SERVER connection methods:\n"
           "  ptcp:PORT[:IP]          listen to TCP PORT on IP\n"
           "  pssl:PORT[:IP]          listen for SSL on PORT on IP\n"
           "  punix:FILE              listen on Unix domain socket FILE\n"
           "PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n"
           "  --bootstrap-ca-cert=FILE  file with peer CA certificate "
           "to read or create\n"
           "SSL options:\n"
           "  --ssl-protocols=PROTOS  list of SSL protocols to enable\n"
           "  --ssl-ciphers=CIPHERS   list of SSL ciphers to enable\n");
    printf("\n"
           "Output formatting options:\n"
           "  -f, --format=FORMAT         set output formatting to FORMAT\n"
           "                              (\"table\", \"html\", \"csv\", "
           "or \"json\")\n"
           "  -d, --data=FORMAT           set table cell output formatting "
           "to\n"
           "                              FORMAT (\"string\", \"bare\", "
           "or \"json\")\n"
           "  --no-headings               omit table heading row\n"
           "  --pretty                    pretty-print JSON in output\n"
           "  --bare                      equivalent to "
           "\"--format=list --data=bare --no-headings\"\n"
           "  --timestamp                 timestamp \"monitor\" output\n");
    printf("Daemon options:\n"
           "  --detach                run in background as daemon\n"
           "  --monitor               creates a process to monitor this "
           "daemon\n"
           "  --user=username[:group] changes the effective daemon "
           "user:group\n"
           "  --no-chdir              do not chdir to '/'\n"
           "  --pidfile[=FILE]        create pidfile (default: "
           "%s/%s.pid)\n"
           "  --overwrite-pidfile     with --pidfile, start even if "
           "already running\n",
           ovs_rundir(), program_name);
    printf("\n"
           "Logging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels\n"
           "  -v, --verbose            set maximum verbosity level\n"
           "  --log-file[=FILE]        enable logging to specified FILE\n"
           "                           (default: %s/%s.log)\n"
           "  --syslog-method=(libc|unix:file|udp:ip:port)\n"
           "                           specify how to send messages to "
           "syslog daemon\n"
           "  --syslog-target=HOST:PORT  also send syslog msgs to "
           "HOST:PORT via UDP\n",
           ovs_logdir(), program_name);
    printf("\n"
           "Replay options:\n"
           "  --record[=DIR]            turn on writing replay files\n"
           "  --replay[=DIR]            run from replay files\n"
           "\n"
           "Other options:\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}

/* Helpers. */

static void
print_table(struct table *table)
{
    table_print(table, &options.style);
    table_destroy(table);
}

static struct ovsdb_schema *
fetch_schema(struct ovsdb_client_context *ctx, json_t **jsonp)
{
    return ovsdb_client_rpc_get_schema(ctx->rpc, ctx->database, jsonp);
}

/* Parses ARG, a JSON text from the command line, or exits with OVS's
 * message quoting it. */
static json_t *
parse_json_arg(const char *arg)
{
    char *error;
    json_t *json = ovsdb_client_json_parse(arg, strlen(arg), &error);
    if (!json) {
        ovs_fatal(0, "\"%s\": %s", arg, error);
    }
    return json;
}

/* Reads a schema from FILE_NAME or exits with "failed to read schema". */
static struct ovsdb_schema *
read_schema_file(const char *file_name)
{
    char *error_string;
    json_t *json = ovsdb_client_json_from_file(file_name, &error_string);
    if (!json) {
        ovs_fatal(0, "failed to read schema: \"%s\" could not be read as "
                  "JSON (%s)", file_name, error_string);
    }

    struct ovsdb_schema *schema;
    struct ovsdb_error *error = ovsdb_schema_from_json(json, &schema);
    json_decref(json);
    if (error) {
        error = ovsdb_wrap_error(error, "failed to parse \"%s\" as ovsdb "
                                 "schema", file_name);
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    return schema;
}

/* Server-level and schema commands. */

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static void
do_list_dbs(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
            char *argv[] OVS_UNUSED)
{
    size_t n;
    char **dbs = ovsdb_client_rpc_list_dbs(ctx->rpc, &n);
    qsort(dbs, n, sizeof *dbs, compare_strings);
    for (size_t i = 0; i < n; i++) {
        puts(dbs[i]);
        free(dbs[i]);
    }
    free(dbs);
}

static void
do_get_schema(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
              char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = fetch_schema(ctx, NULL);
    json_t *json = ovsdb_schema_to_json(schema);
    ovsdb_client_rpc_print_json(json, options.style.pretty);
    json_decref(json);
    ovsdb_schema_destroy(schema);
}

static void
do_get_schema_version(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
                      char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = fetch_schema(ctx, NULL);
    puts(schema->version ? schema->version : "");
    ovsdb_schema_destroy(schema);
}

static void
do_get_schema_cksum(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
                    char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = fetch_schema(ctx, NULL);
    puts(schema->cksum ? schema->cksum : "");
    ovsdb_schema_destroy(schema);
}

static void
do_list_tables(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
               char *argv[] OVS_UNUSED)
{
    json_t *schema_json;
    struct ovsdb_schema *schema = fetch_schema(ctx, &schema_json);

    struct table table;
    table_init(&table);
    table_add_column(&table, "Table");
    size_t n;
    const char **names = ovsdb_client_rpc_table_order(schema_json, &n);
    for (size_t i = 0; i < n; i++) {
        table_add_row(&table);
        table_add_cell_string(&table, names[i]);
    }
    free(names);
    print_table(&table);

    json_decref(schema_json);
    ovsdb_schema_destroy(schema);
}

static void
add_column_rows(struct table *table, const json_t *schema_json,
                const struct ovsdb_table_schema *ts, bool with_table)
{
    size_t n;
    const char **names = ovsdb_client_rpc_column_order(schema_json,
                                                       ts->name, &n);
    for (size_t i = 0; i < n; i++) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, names[i]);
        if (!column) {
            continue;
        }
        table_add_row(table);
        if (with_table) {
            table_add_cell_string(table, ts->name);
        }
        table_add_cell_string(table, column->name);
        struct table_cell *cell = table_add_cell(table);
        cell->json = ovsdb_type_to_json(&column->type);
    }
    free(names);
}

static void
do_list_columns(struct ovsdb_client_context *ctx, int argc, char *argv[])
{
    json_t *schema_json;
    struct ovsdb_schema *schema = fetch_schema(ctx, &schema_json);
    const char *table_name = argc > 0 ? argv[0] : NULL;

    struct table table;
    table_init(&table);
    if (!table_name) {
        table_add_column(&table, "Table");
    }
    table_add_column(&table, "Column");
    table_add_column(&table, "Type");

    size_t n;
    const char **names = ovsdb_client_rpc_table_order(schema_json, &n);
    for (size_t i = 0; i < n; i++) {
        const struct ovsdb_table_schema *ts
            = ovsdb_schema_get_table(schema, names[i]);
        if (ts && (!table_name || !strcmp(table_name, ts->name))) {
            add_column_rows(&table, schema_json, ts, !table_name);
        }
    }
    free(names);
    print_table(&table);

    json_decref(schema_json);
    ovsdb_schema_destroy(schema);
}

/* transact, query. */

static void
run_transaction(struct ovsdb_client_context *ctx, int argc, char *argv[],
                bool read_only)
{
    json_t *transaction = parse_json_arg(argv[argc - 1]);
    if (!json_is_array(transaction) || !json_array_size(transaction)
        || !json_is_string(json_array_get(transaction, 0))) {
        ovs_fatal(0, "not a valid OVSDB query");
    }
    size_t n_ops = json_array_size(transaction) - 1;
    if (read_only) {
        json_array_append_new(transaction, json_pack("{s:s}", "op",
                                                     "abort"));
    }

    const char *server = ctx->server;
    if (argc > 1 && ovsdb_client_rpc_is_server_name(argv[0])) {
        server = argv[0];
    }
    struct jsonrpc *rpc = ovsdb_client_rpc_open(server);
    struct jsonrpc_msg *request = jsonrpc_create_request("transact",
                                                         transaction, NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(rpc, request);

    json_t *result = reply->result;
    if (read_only && json_is_array(result)
        && json_array_size(result) == n_ops + 1) {
        const json_t *last = json_array_get(result, n_ops);
        const json_t *error = json_object_get(last, "error");
        if (json_is_string(error)
            && !strcmp(json_string_value(error), "aborted")) {
            json_array_remove(result, n_ops);
        }
    }
    ovsdb_client_rpc_print_json(result, options.style.pretty);

    jsonrpc_msg_destroy(reply);
    jsonrpc_close(rpc);
}

static void
do_transact(struct ovsdb_client_context *ctx, int argc, char *argv[])
{
    run_transaction(ctx, argc, argv, false);
}

static void
do_query(struct ovsdb_client_context *ctx, int argc, char *argv[])
{
    run_transaction(ctx, argc, argv, true);
}

/* dump. */

struct dump_row {
    struct ovsdb_datum *fields;    /* One per dumped column. */
};

struct dump_sort_aux {
    const struct ovsdb_column **columns;
    size_t n_columns;
};

static struct dump_sort_aux *dump_sort_aux;

static bool
is_uuid_keyed(const struct ovsdb_column *column)
{
    return column->type.key.type == OVSDB_TYPE_UUID;
}

/* Rows are ordered by their columns in display order, skipping columns
 * keyed by UUIDs (random, so meaningless to sort on), and only then by
 * the UUID-keyed columns, as OVS orders them. */
static int
compare_dump_rows(const void *a_, const void *b_)
{
    const struct dump_row *a = a_;
    const struct dump_row *b = b_;
    const struct dump_sort_aux *aux = dump_sort_aux;

    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < aux->n_columns; i++) {
            const struct ovsdb_column *column = aux->columns[i];
            if (is_uuid_keyed(column) != (pass == 1)) {
                continue;
            }
            int cmp = ovsdb_datum_compare_3way(&a->fields[i], &b->fields[i],
                                               &column->type);
            if (cmp) {
                return cmp;
            }
        }
    }
    return 0;
}

static int
compare_columns_by_name(const void *a_, const void *b_)
{
    const struct ovsdb_column *const *a = a_;
    const struct ovsdb_column *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

static void
add_datum_cell(struct table *table, const struct ovsdb_datum *datum,
               const struct ovsdb_type *type)
{
    struct table_cell *cell = table_add_cell(table);
    struct ds s = DS_EMPTY_INITIALIZER;
    if (options.style.cell_format == TABLE_CELL_BARE) {
        ovsdb_datum_to_bare(datum, type, &s);
    } else {
        ovsdb_datum_to_string(datum, type, &s);
    }
    cell->text = ds_steal_cstr(&s);
    cell->json = ovsdb_datum_to_json(datum, type);
}

static void
dump_table(const char *table_name, const struct ovsdb_column **columns,
           size_t n_columns, const json_t *rows)
{
    size_t n_rows = json_array_size(rows);
    struct dump_row *data = xmalloc((n_rows ? n_rows : 1) * sizeof *data);

    for (size_t y = 0; y < n_rows; y++) {
        const json_t *row = json_array_get(rows, y);
        if (!json_is_object(row)) {
            struct ds s = DS_EMPTY_INITIALIZER;
            ovsdb_client_json_put_unsorted(&s, row);
            ovs_fatal(0, "%s table reply row %zu is not an object: %s",
                      table_name, y, ds_cstr(&s));
        }
        data[y].fields = xmalloc((n_columns ? n_columns : 1)
                                 * sizeof *data[y].fields);
        for (size_t x = 0; x < n_columns; x++) {
            const struct ovsdb_column *column = columns[x];
            const json_t *value = json_object_get(row, column->name);
            if (!value) {
                ovs_fatal(0, "%s table reply row lacks %s column",
                          table_name, column->name);
            }
            struct ovsdb_error *error = ovsdb_datum_from_json(
                &data[y].fields[x], &column->type, value, NULL);
            if (error) {
                ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
            }
        }
    }

    struct dump_sort_aux aux = { columns, n_columns };
    dump_sort_aux = &aux;
    qsort(data, n_rows, sizeof *data, compare_dump_rows);
    dump_sort_aux = NULL;

    struct table table;
    table_init(&table);
    table_set_caption(&table, xasprintf("%s table", table_name));
    for (size_t x = 0; x < n_columns; x++) {
        table_add_column(&table, "%s", columns[x]->name);
    }
    for (size_t y = 0; y < n_rows; y++) {
        table_add_row(&table);
        for (size_t x = 0; x < n_columns; x++) {
            add_datum_cell(&table, &data[y].fields[x], &columns[x]->type);
            ovsdb_datum_destroy(&data[y].fields[x], &columns[x]->type);
        }
        free(data[y].fields);
    }
    free(data);
    print_table(&table);
}

/* The columns of TS that "dump" shows when none are named: all but
 * _version.  The order is the one OVS sends them in (hash order); the
 * result is sorted later for display.  Returns a new array. */
static const struct ovsdb_column **
dump_default_columns(const json_t *schema_json,
                     const struct ovsdb_table_schema *ts, size_t *n)
{
    size_t n_names;
    const char **names = ovsdb_client_rpc_column_order(schema_json,
                                                       ts->name, &n_names);
    const struct ovsdb_column **columns
        = xmalloc((n_names ? n_names : 1) * sizeof *columns);
    size_t k = 0;
    for (size_t i = 0; i < n_names; i++) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, names[i]);
        if (column && strcmp(column->name, "_version")) {
            columns[k++] = column;
        }
    }
    free(names);
    *n = k;
    return columns;
}

static void
do_dump(struct ovsdb_client_context *ctx, int argc, char *argv[])
{
    json_t *schema_json;
    struct ovsdb_schema *schema = fetch_schema(ctx, &schema_json);

    /* Tables to dump, sorted by name. */
    const struct ovsdb_table_schema **tables;
    size_t n_tables;
    if (argc) {
        const struct ovsdb_table_schema *ts
            = ovsdb_schema_get_table(schema, argv[0]);
        if (!ts) {
            ovs_fatal(0, "No table \"%s\" found.", argv[0]);
        }
        tables = xmalloc(sizeof *tables);
        tables[0] = ts;
        n_tables = 1;
    } else {
        size_t n;
        const char **names = ovsdb_client_rpc_table_order(schema_json, &n);
        qsort(names, n, sizeof *names, compare_strings);
        tables = xmalloc((n ? n : 1) * sizeof *tables);
        n_tables = 0;
        for (size_t i = 0; i < n; i++) {
            const struct ovsdb_table_schema *ts
                = ovsdb_schema_get_table(schema, names[i]);
            if (ts) {
                tables[n_tables++] = ts;
            }
        }
        free(names);
    }

    /* Columns of each table, and one "select" per table. */
    const struct ovsdb_column ***columns = xmalloc(
        (n_tables ? n_tables : 1) * sizeof *columns);
    size_t *n_columns = xmalloc((n_tables ? n_tables : 1)
                                * sizeof *n_columns);
    json_t *params = json_pack("[s]", ctx->database);
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts = tables[i];
        if (argc > 1) {
            n_columns[i] = argc - 1;
            columns[i] = xmalloc((argc - 1) * sizeof *columns[i]);
            for (int j = 1; j < argc; j++) {
                const struct ovsdb_column *column
                    = ovsdb_table_schema_get_column(ts, argv[j]);
                if (!column) {
                    ovs_fatal(0, "Table \"%s\" has no column %s.",
                              ts->name, argv[j]);
                }
                columns[i][j - 1] = column;
            }
            qsort(columns[i], n_columns[i], sizeof *columns[i],
                  compare_columns_by_name);
        } else {
            columns[i] = dump_default_columns(schema_json, ts,
                                              &n_columns[i]);
        }

        json_t *names = json_array();
        for (size_t j = 0; j < n_columns[i]; j++) {
            json_array_append_new(names, json_string(columns[i][j]->name));
        }
        json_array_append_new(params, json_pack("{s:s, s:s, s:[], s:o}",
                                                "op", "select",
                                                "table", ts->name,
                                                "where",
                                                "columns", names));
        if (argc <= 1) {
            qsort(columns[i], n_columns[i], sizeof *columns[i],
                  compare_columns_by_name);
        }
    }

    struct jsonrpc_msg *request = jsonrpc_create_request("transact", params,
                                                         NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(ctx->rpc,
                                                          request);
    if (!json_is_array(reply->result)
        || json_array_size(reply->result) != n_tables) {
        struct ds s = DS_EMPTY_INITIALIZER;
        ovsdb_client_json_put_unsorted(&s, reply->result);
        ovs_fatal(0, "reply is not array of %zu elements: %s",
                  n_tables, ds_cstr(&s));
    }

    for (size_t i = 0; i < n_tables; i++) {
        const json_t *op_result = json_array_get(reply->result, i);
        const json_t *rows = json_object_get(op_result, "rows");
        if (!json_is_object(op_result) || !json_is_array(rows)) {
            struct ds s = DS_EMPTY_INITIALIZER;
            ovsdb_client_json_put_unsorted(&s, op_result);
            ovs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member array: %s", tables[i]->name, ds_cstr(&s));
        }
        dump_table(tables[i]->name, columns[i], n_columns[i], rows);
        free(columns[i]);
    }

    jsonrpc_msg_destroy(reply);
    free(columns);
    free(n_columns);
    free(tables);
    json_decref(schema_json);
    ovsdb_schema_destroy(schema);
}

/* convert, needs-conversion. */

static const char *
schema_arg_server(const struct ovsdb_client_context *ctx, int argc,
                  char *argv[])
{
    return (argc > 1 && ovsdb_client_rpc_is_server_name(argv[0])
            ? argv[0] : ctx->server);
}

static void
do_convert(struct ovsdb_client_context *ctx, int argc, char *argv[])
{
    struct ovsdb_schema *schema = read_schema_file(argv[argc - 1]);
    struct jsonrpc *rpc = ovsdb_client_rpc_open(schema_arg_server(ctx, argc,
                                                                  argv));
    json_t *params = json_pack("[s, o]", schema->name,
                               ovsdb_schema_to_json(schema));
    struct jsonrpc_msg *request = jsonrpc_create_request("convert", params,
                                                         NULL);
    jsonrpc_msg_destroy(ovsdb_client_rpc_transact(rpc, request));
    jsonrpc_close(rpc);
    ovsdb_schema_destroy(schema);
}

static void
do_needs_conversion(struct ovsdb_client_context *ctx, int argc,
                    char *argv[])
{
    struct ovsdb_schema *schema1 = read_schema_file(argv[argc - 1]);
    struct jsonrpc *rpc = ovsdb_client_rpc_open(schema_arg_server(ctx, argc,
                                                                  argv));
    struct ovsdb_schema *schema2 = ovsdb_client_rpc_get_schema(
        rpc, schema1->name, NULL);
    puts(ovsdb_schema_equal(schema1, schema2) ? "no" : "yes");
    ovsdb_schema_destroy(schema1);
    ovsdb_schema_destroy(schema2);
    jsonrpc_close(rpc);
}

/* wait. */

static void
do_wait(struct ovsdb_client_context *ctx, int argc, char *argv[])
{
    const char *server = argc > 2 ? argv[0] : ctx->server;
    const char *database = argv[argc - 2];
    const char *state = argv[argc - 1];

    json_t *rows, *columns;
    if (!strcmp(state, "added")) {
        rows = json_pack("[{}]");
        columns = json_array();
    } else if (!strcmp(state, "connected")) {
        rows = json_pack("[{s:b}]", "connected", 1);
        columns = json_pack("[s]", "connected");
    } else if (!strcmp(state, "removed")) {
        rows = json_array();
        columns = json_array();
    } else {
        ovs_fatal(0, "%s: unknown state", state);
    }
    json_t *op = json_pack("{s:s, s:s, s:[[s, s, s]], s:o, s:s, s:o}",
                           "op", "wait", "table", "Database",
                           "where", "name", "==", database,
                           "columns", columns, "until", "==",
                           "rows", rows);

    struct jsonrpc_session *session = jsonrpc_session_open(server, true);
    unsigned int seqno = 0;
    json_t *request_id = NULL;
    for (;;) {
        jsonrpc_session_run(session);
        if (jsonrpc_session_get_seqno(session) != seqno
            && jsonrpc_session_is_connected(session)) {
            seqno = jsonrpc_session_get_seqno(session);
            json_decref(request_id);
            jsonrpc_session_send(session, jsonrpc_create_request(
                                     "set_db_change_aware",
                                     json_pack("[b]", 1), NULL));
            /* REQUEST_ID gets a reference of its own. */
            struct jsonrpc_msg *request = jsonrpc_create_request(
                "transact", json_pack("[s, O]", "_Server", op),
                &request_id);
            jsonrpc_session_send(session, request);
        }

        struct jsonrpc_msg *msg = jsonrpc_session_recv(session);
        if (msg) {
            if (msg->type == JSONRPC_REPLY && request_id
                && json_equal(msg->id, request_id)) {
                const json_t *error = json_object_get(
                    json_array_get(msg->result, 0), "error");
                if (error) {
                    struct ds s = DS_EMPTY_INITIALIZER;
                    table_put_json(&s, msg->result, false);
                    ovs_fatal(0, "%s: %s", server, ds_cstr(&s));
                }
                jsonrpc_msg_destroy(msg);
                break;
            } else if (msg->type == JSONRPC_ERROR && request_id
                       && json_equal(msg->id, request_id)) {
                struct ds s = DS_EMPTY_INITIALIZER;
                table_put_json(&s, msg->error, false);
                ovs_fatal(0, "%s: %s", server, ds_cstr(&s));
            }
            jsonrpc_msg_destroy(msg);
            continue;
        }

        jsonrpc_session_wait(session);
        jsonrpc_session_recv_wait(session);
        fatal_signal_run();
        fatal_signal_wait();
        poll_block();
    }
    json_decref(request_id);
    json_decref(op);
    jsonrpc_session_close(session);
}

/* lock, steal, unlock. */

struct lock_state {
    struct jsonrpc *rpc;
    bool exiting;
};

static void
send_lock_request(struct jsonrpc *rpc, const char *method, const char *lock)
{
    int error = jsonrpc_send(rpc, jsonrpc_create_request(
                                 method, json_pack("[s]", lock), NULL));
    if (error) {
        ovs_fatal(error, "%s: send failed", jsonrpc_get_name(rpc));
    }
}

static void
lock_unixctl_request(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[], void *state_)
{
    struct lock_state *state = state_;
    send_lock_request(state->rpc, argv[0], argv[1]);
    unixctl_command_reply(conn, NULL);
}

static void
lock_unixctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *state_)
{
    struct lock_state *state = state_;
    state->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
run_lock(struct ovsdb_client_context *ctx, const char *method,
         const char *lock)
{
    struct lock_state state = { .rpc = ctx->rpc, .exiting = false };
    struct unixctl_server *unixctl = NULL;
    daemonize_start();
    if (get_detach()) {
        int error = unixctl_server_create(NULL, &unixctl);
        if (error) {
            ovs_fatal(error, "failed to create unixctl server");
        }
        unixctl_command_register("lock", "LOCK", 1, 1,
                                 lock_unixctl_request, &state);
        unixctl_command_register("steal", "LOCK", 1, 1,
                                 lock_unixctl_request, &state);
        unixctl_command_register("unlock", "LOCK", 1, 1,
                                 lock_unixctl_request, &state);
        unixctl_command_register("exit", "", 0, 0, lock_unixctl_exit,
                                 &state);
    }

    send_lock_request(ctx->rpc, method, lock);
    while (!state.exiting) {
        jsonrpc_run(ctx->rpc);
        unixctl_server_run(unixctl);

        struct jsonrpc_msg *msg;
        int error = jsonrpc_recv(ctx->rpc, &msg);
        if (error && error != EAGAIN) {
            ovs_fatal(error, "%s: receive failed", ctx->server);
        } else if (!error) {
            if (msg->type == JSONRPC_REQUEST
                && !strcmp(msg->method, "echo")) {
                jsonrpc_send(ctx->rpc, jsonrpc_create_reply(
                                 json_incref(msg->params), msg->id));
            } else if (msg->type == JSONRPC_REPLY) {
                ovsdb_client_json_normalize(msg->result);
                ovsdb_client_rpc_print_json(msg->result,
                                            options.style.pretty);
                fflush(stdout);
                if (get_detach()) {
                    int saved = dup(STDOUT_FILENO);
                    daemonize_complete();
                    if (saved >= 0) {
                        dup2(saved, STDOUT_FILENO);
                        close(saved);
                    }
                }
            } else if (msg->type == JSONRPC_NOTIFY) {
                puts(msg->method);
                ovsdb_client_json_normalize(msg->params);
                ovsdb_client_rpc_print_json(msg->params,
                                            options.style.pretty);
                fflush(stdout);
            }
            jsonrpc_msg_destroy(msg);
            continue;
        }

        jsonrpc_wait(ctx->rpc);
        jsonrpc_recv_wait(ctx->rpc);
        unixctl_server_wait(unixctl);
        fatal_signal_run();
        fatal_signal_wait();
        poll_block();
    }
    unixctl_server_destroy(unixctl);
}

static void
do_lock(struct ovsdb_client_context *ctx, int argc OVS_UNUSED, char *argv[])
{
    run_lock(ctx, "lock", argv[0]);
}

static void
do_steal(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
         char *argv[])
{
    run_lock(ctx, "steal", argv[0]);
}

static void
do_unlock(struct ovsdb_client_context *ctx, int argc OVS_UNUSED,
          char *argv[])
{
    run_lock(ctx, "unlock", argv[0]);
}

static void
do_help(struct ovsdb_client_context *ctx OVS_UNUSED, int argc OVS_UNUSED,
        char *argv[] OVS_UNUSED)
{
    usage();
}

static const struct client_command commands[] = {
    {"list-dbs", NEED_RPC, 0, 0, do_list_dbs},
    {"get-schema", NEED_DATABASE, 0, 0, do_get_schema},
    {"get-schema-version", NEED_DATABASE, 0, 0, do_get_schema_version},
    {"get-schema-cksum", NEED_DATABASE, 0, 0, do_get_schema_cksum},
    {"list-tables", NEED_DATABASE, 0, 0, do_list_tables},
    {"list-columns", NEED_DATABASE, 0, 1, do_list_columns},
    {"transact", NEED_NONE, 1, 2, do_transact},
    {"query", NEED_NONE, 1, 2, do_query},
    {"monitor", NEED_DATABASE, 1, INT_MAX, ovsdb_client_monitor},
    {"monitor-cond", NEED_DATABASE, 2, 3, ovsdb_client_monitor_cond},
    {"monitor-cond-since", NEED_DATABASE, 2, 4,
     ovsdb_client_monitor_cond_since},
    {"wait", NEED_NONE, 2, 3, do_wait},
    {"convert", NEED_NONE, 1, 2, do_convert},
    {"needs-conversion", NEED_NONE, 1, 2, do_needs_conversion},
    {"dump", NEED_DATABASE, 0, INT_MAX, do_dump},
    {"backup", NEED_DATABASE, 0, 0, ovsdb_client_backup},
    {"restore", NEED_DATABASE, 0, 0, ovsdb_client_restore},
    {"lock", NEED_RPC, 1, 1, do_lock},
    {"steal", NEED_RPC, 1, 1, do_steal},
    {"unlock", NEED_RPC, 1, 1, do_unlock},
    {"help", NEED_NONE, 0, INT_MAX, do_help},
    {NULL, NEED_NONE, 0, 0, NULL},
};

static const struct client_command *
find_command(const char *name)
{
    for (const struct client_command *c = commands; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}
