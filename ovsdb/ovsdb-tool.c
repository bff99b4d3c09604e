/* ovsdb-tool: manages OVSDB database files without a server, with the
 * commands, output and messages of Open vSwitch's ovsdb-tool(1): create,
 * compact, convert, needs-conversion, db-name, db-version, db-cksum,
 * schema-name, schema-version, schema-cksum, compare-versions, query,
 * transact, show-log, db-is-standalone, db-is-clustered.  Clustered
 * database files are recognized and refused.
 *
 * show-log prints tables, rows and columns in the order OVS's own
 * ovsdb-tool prints them, which is the iteration order of the hash table
 * OVS parses each JSON object into; ovs_object_order() reproduces that
 * order so that both tools print identical text for the same file. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "command-line.h"
#include "ds.h"
#include "hash.h"
#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/schema.h"
#include "shash.h"
#include "util.h"
#include "vlog.h"

/* -m, --more: show-log verbosity. */
static int show_log_verbosity;

static const struct ovs_cmdl_command *get_all_commands(void);

OVS_NO_RETURN static void usage(void);

static void
check_ovsdb_error(struct ovsdb_error *error)
{
    if (error) {
        fflush(stdout);
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_RBAC_ROLE = UCHAR_MAX + 1,
    };
    static const struct option long_options[] = {
        {"more", no_argument, NULL, 'm'},
        {"rbac-role", required_argument, NULL, OPT_RBAC_ROLE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(
        long_options);

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case 'm':
            show_log_verbosity++;
            break;
        case OPT_RBAC_ROLE:
            /* Every role is the superuser here: RBAC applies to clients of
             * ovsdb-server, not to direct file access. */
            break;
        case 'h':
            usage();
        case 'V':
            printf("%s (Open vSwitch) %s\n", program_name, OVS_VERSION);
            exit(EXIT_SUCCESS);
        VLOG_OPTION_HANDLERS
        case '?':
            exit(EXIT_FAILURE);
        default:
            abort();
        }
    }
    free(short_options);
}

static void
usage(void)
{
    printf("%s: Open vSwitch database management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  create [DB [SCHEMA]]    create DB with the given SCHEMA\n"
           "  compact [DB [DST]]      compact DB in-place (or to DST)\n"
           "  convert [DB [SCHEMA [DST]]]   convert DB to SCHEMA (to DST)\n"
           "  db-name [DB]            report name of schema used by DB\n"
           "  db-version [DB]         report version of schema used by DB\n"
           "  db-cksum [DB]           report checksum of schema used by DB\n"
           "  db-is-clustered DB      test whether DB is clustered\n"
           "  db-is-standalone DB     test whether DB is standalone\n"
           "  schema-name [SCHEMA]    report SCHEMA's name\n"
           "  schema-version [SCHEMA] report SCHEMA's schema version\n"
           "  schema-cksum [SCHEMA]   report SCHEMA's checksum\n"
           "  compare-versions A OP B  compare OVSDB schema version numbers\n"
           "  query [DB] TRNS         execute read-only transaction on DB\n"
           "  transact [DB] TRNS      execute read/write transaction on DB\n"
           "  [-m]... show-log [DB]   print DB's log entries\n"
           "The default DB is %s/conf.db.\n"
           "The default SCHEMA is %s/vswitch.ovsschema.\n",
           program_name, program_name, ovs_dbdir(), ovs_pkgdatadir());
    vlog_usage();
    printf("\nOther options:\n"
           "  -m, --more                  increase show-log verbosity\n"
           "  --rbac-role=ROLE            RBAC role for transact and query "
           "commands\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}

static char *
default_db(void)
{
    return xasprintf("%s/conf.db", ovs_dbdir());
}

static char *
default_schema(void)
{
    return xasprintf("%s/vswitch.ovsschema", ovs_pkgdatadir());
}

/* Returns argument IDX of CTX, or a default from DEFAULT_FUNC, as a new
 * string (caller frees). */
static char *
arg_or_default(const struct ovs_cmdl_context *ctx, int idx,
               char *(*default_func)(void))
{
    return ctx->argc > idx ? xstrdup(ctx->argv[idx]) : default_func();
}

static json_t *
parse_json_arg(const char *s)
{
    json_error_t jerror;
    json_t *json = json_loads(s, JSON_DECODE_ANY, &jerror);

    if (!json) {
        ovs_fatal(0, "\"%s\": line %d, column %d, byte %d: %s", s,
                  jerror.line, jerror.column, jerror.position, jerror.text);
    }
    return json;
}

/* Prints JSON as OVS's tools print results: compact, sorted keys. */
static void
print_json(const json_t *json)
{
    char *s = json_dumps(json, JSON_COMPACT | JSON_SORT_KEYS
                         | JSON_ENCODE_ANY);
    puts(s ? s : "null");
    free(s);
}

static struct ovsdb_schema *
read_schema_file(const char *file_name)
{
    struct ovsdb_schema *schema;
    check_ovsdb_error(ovsdb_schema_from_file(file_name, &schema));
    return schema;
}

static struct ovsdb_schema *
read_db_schema(const char *file_name)
{
    struct ovsdb_schema *schema;
    check_ovsdb_error(ovsdb_file_read_schema(file_name, &schema));
    return schema;
}

static void
do_create(struct ovs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    char *schema_file = arg_or_default(ctx, 2, default_schema);
    struct ovsdb_schema *schema = read_schema_file(schema_file);

    check_ovsdb_error(ovsdb_file_create(db_file, schema));
    ovsdb_schema_destroy(schema);
    free(schema_file);
    free(db_file);
}

static const char *
compact_comment(void)
{
    static char *comment;
    if (!comment) {
        comment = xasprintf("compacted by %s %s", program_name, OVS_VERSION);
    }
    return comment;
}

static void
do_compact(struct ovs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    const char *target = ctx->argc > 2 ? ctx->argv[2] : NULL;
    struct ovsdb_file *file;
    struct ovsdb *db;

    if (target) {
        check_ovsdb_error(ovsdb_file_open(db_file, true, &db, NULL));
        check_ovsdb_error(ovsdb_file_save_copy(target, compact_comment(),
                                               db));
    } else {
        check_ovsdb_error(ovsdb_file_open(db_file, false, &db, &file));
        check_ovsdb_error(ovsdb_file_compact(file, compact_comment()));
        ovsdb_file_destroy(file);
    }
    ovsdb_destroy(db);
    free(db_file);
}

static void
do_convert(struct ovs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    char *schema_file = arg_or_default(ctx, 2, default_schema);
    const char *target = ctx->argc > 3 ? ctx->argv[3] : NULL;
    struct ovsdb_schema *new_schema = read_schema_file(schema_file);
    char *comment = xasprintf("converted by %s %s", program_name,
                              OVS_VERSION);
    struct ovsdb_file *file = NULL;
    struct ovsdb *db, *new_db;

    free(schema_file);
    check_ovsdb_error(ovsdb_file_open(db_file, target != NULL, &db,
                                      target ? NULL : &file));
    check_ovsdb_error(ovsdb_convert(db, new_schema, &new_db));
    if (target) {
        check_ovsdb_error(ovsdb_file_save_copy(target, comment, new_db));
    } else {
        check_ovsdb_error(ovsdb_file_replace(file, comment, new_db));
        ovsdb_file_destroy(file);
    }
    ovsdb_destroy(new_db);
    ovsdb_destroy(db);
    free(comment);
    free(db_file);
}

static void
do_needs_conversion(struct ovs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    char *schema_file = arg_or_default(ctx, 2, default_schema);
    struct ovsdb_schema *schema1 = read_db_schema(db_file);
    struct ovsdb_schema *schema2 = read_schema_file(schema_file);

    puts(ovsdb_schema_equal(schema1, schema2) ? "no" : "yes");
    ovsdb_schema_destroy(schema1);
    ovsdb_schema_destroy(schema2);
    free(schema_file);
    free(db_file);
}

enum schema_field { FIELD_NAME, FIELD_VERSION, FIELD_CKSUM };

static void
print_schema_field(const struct ovsdb_schema *schema, enum schema_field f)
{
    const char *s = (f == FIELD_NAME ? schema->name
                     : f == FIELD_VERSION ? schema->version
                     : schema->cksum);
    puts(s ? s : "");
}

static void
print_db_field(struct ovs_cmdl_context *ctx, enum schema_field f)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    struct ovsdb_schema *schema = read_db_schema(db_file);

    print_schema_field(schema, f);
    ovsdb_schema_destroy(schema);
    free(db_file);
}

static void
print_schema_file_field(struct ovs_cmdl_context *ctx, enum schema_field f)
{
    char *schema_file = arg_or_default(ctx, 1, default_schema);
    struct ovsdb_schema *schema = read_schema_file(schema_file);

    print_schema_field(schema, f);
    ovsdb_schema_destroy(schema);
    free(schema_file);
}

static void
do_db_name(struct ovs_cmdl_context *ctx)
{
    print_db_field(ctx, FIELD_NAME);
}

static void
do_db_version(struct ovs_cmdl_context *ctx)
{
    print_db_field(ctx, FIELD_VERSION);
}

static void
do_db_cksum(struct ovs_cmdl_context *ctx)
{
    print_db_field(ctx, FIELD_CKSUM);
}

static void
do_schema_name(struct ovs_cmdl_context *ctx)
{
    print_schema_file_field(ctx, FIELD_NAME);
}

static void
do_schema_version(struct ovs_cmdl_context *ctx)
{
    print_schema_file_field(ctx, FIELD_VERSION);
}

static void
do_schema_cksum(struct ovs_cmdl_context *ctx)
{
    print_schema_file_field(ctx, FIELD_CKSUM);
}

/* Exits with status 0 if DB's magic is MAGIC, 2 if it is another. */
static void
check_db_magic(struct ovs_cmdl_context *ctx, const char *magic)
{
    struct ovsdb_log *log;

    check_ovsdb_error(ovsdb_log_open(ctx->argv[1], NULL, OVSDB_LOG_READ_ONLY,
                                     false, &log));
    bool match = !strcmp(ovsdb_log_get_magic(log), magic);
    ovsdb_log_close(log);
    exit(match ? 0 : 2);
}

static void
do_db_is_clustered(struct ovs_cmdl_context *ctx)
{
    check_db_magic(ctx, OVSDB_CLUSTER_MAGIC);
}

static void
do_db_is_standalone(struct ovs_cmdl_context *ctx)
{
    check_db_magic(ctx, OVSDB_MAGIC);
}

static void
do_compare_versions(struct ovs_cmdl_context *ctx)
{
    const char *a = ctx->argv[1], *op = ctx->argv[2], *b = ctx->argv[3];
    int cmp;
    bool result;

    if (!ovsdb_is_valid_version(a)) {
        ovs_fatal(0, "%s: not an OVSDB version number in format x.y.z", a);
    }
    if (!ovsdb_is_valid_version(b)) {
        ovs_fatal(0, "%s: not an OVSDB version number in format x.y.z", b);
    }
    cmp = ovsdb_version_compare(a, b);
    if (!strcmp(op, "<")) {
        result = cmp < 0;
    } else if (!strcmp(op, "<=")) {
        result = cmp <= 0;
    } else if (!strcmp(op, "==")) {
        result = cmp == 0;
    } else if (!strcmp(op, ">=")) {
        result = cmp >= 0;
    } else if (!strcmp(op, ">")) {
        result = cmp > 0;
    } else if (!strcmp(op, "!=")) {
        result = cmp != 0;
    } else {
        ovs_fatal(0, "%s: not a relational operator", op);
    }
    exit(result ? 0 : 2);
}

/* Runs the "transact" request PARAMS on DB once.  There is no main loop
 * to wait in, so a "wait" operation that would block fails, as in OVS's
 * ovsdb-tool, with "not supported". */
static json_t *
execute(struct ovsdb *db, const json_t *params)
{
    long long int timeout;
    json_t *result;

    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, NULL);
    if (!result) {
        /* Run it again as if every wait had timed out, then report the
         * wait that timed out as OVS reports it. */
        size_t i;
        json_t *op;

        result = ovsdb_execute(db, params, false, NULL, NULL, LLONG_MAX / 4,
                               &timeout, NULL);
        if (!result) {
            result = json_array();
        }
        json_array_foreach (result, i, op) {
            const json_t *tag = json_object_get(op, "error");
            if (json_is_string(tag)
                && !strcmp(json_string_value(tag), "timed out")) {
                json_array_set_new(result, i,
                                   json_pack("{s:s, s:s}",
                                             "error", "not supported",
                                             "details",
                                             "triggers not supported"));
                break;
            }
        }
    }
    return result;
}

static void
transact(struct ovs_cmdl_context *ctx, bool read_only)
{
    char *db_file = (ctx->argc > 2 ? xstrdup(ctx->argv[1]) : default_db());
    json_t *request = parse_json_arg(ctx->argv[ctx->argc - 1]);
    struct ovsdb_file *file = NULL;
    struct ovsdb_error *error;
    struct ovsdb *db;
    json_t *result;

    error = ovsdb_file_open(db_file, read_only, &db,
                            read_only ? NULL : &file);
    if (error) {
        json_decref(request);
        free(db_file);
        check_ovsdb_error(error);
    }
    result = execute(db, request);
    if (file) {
        check_ovsdb_error(ovsdb_file_sync(file));
    }
    print_json(result);
    json_decref(result);
    json_decref(request);
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);
    free(db_file);
}

static void
do_query(struct ovs_cmdl_context *ctx)
{
    transact(ctx, true);
}

static void
do_transact(struct ovs_cmdl_context *ctx)
{
    transact(ctx, false);
}

/* ---------------------------------------------------------------------- */
/* show-log. */

/* OVS parses each JSON object of a record into a hash table keyed by
 * hash_string(name, 0) and prints members in that table's iteration
 * order: buckets in ascending order, within a bucket the most recently
 * inserted member first.  The table starts with one bucket; when an
 * insertion makes the count N exceed twice the bucket mask, the mask
 * grows to cover N / 2 (at least 3) and the members are moved over,
 * bucket by bucket, each again to the head of its new bucket.
 *
 * Returns OBJECT's member names in that order (the array is the
 * caller's to free; the names are borrowed from OBJECT). */
struct order_node {
    struct order_node *next;
    const char *name;
    uint32_t hash;
};

static size_t
order_mask_for(size_t n)
{
    size_t mask = n / 2;

    for (unsigned int shift = 1; shift < 8 * sizeof mask; shift *= 2) {
        mask |= mask >> shift;
    }
    return mask == 1 ? 3 : mask;
}

static const char **
ovs_object_order(const json_t *object, size_t *np)
{
    size_t n = json_object_size(object);
    struct order_node *nodes = xcalloc(MAX(n, 1), sizeof *nodes);
    struct order_node **buckets = xcalloc(1, sizeof *buckets);
    const char **names = xcalloc(MAX(n, 1), sizeof *names);
    size_t mask = 0, count = 0;
    const char *name;
    json_t *value;

    json_object_foreach ((json_t *) object, name, value) {
        struct order_node *node = &nodes[count++];

        node->name = name;
        node->hash = hash_string(name, 0);
        node->next = buckets[node->hash & mask];
        buckets[node->hash & mask] = node;

        if (count / 2 > mask) {
            size_t new_mask = order_mask_for(count);
            if (new_mask > mask) {
                struct order_node **new_buckets
                    = xcalloc(new_mask + 1, sizeof *new_buckets);
                for (size_t i = 0; i <= mask; i++) {
                    struct order_node *p, *next;
                    for (p = buckets[i]; p; p = next) {
                        next = p->next;
                        p->next = new_buckets[p->hash & new_mask];
                        new_buckets[p->hash & new_mask] = p;
                    }
                }
                free(buckets);
                buckets = new_buckets;
                mask = new_mask;
            }
        }
    }

    size_t k = 0;
    for (size_t i = 0; i <= mask; i++) {
        for (struct order_node *p = buckets[i]; p; p = p->next) {
            names[k++] = p->name;
        }
    }
    free(buckets);
    free(nodes);
    *np = k;
    return names;
}

/* Appends JSON in OVS's compact form. */
static void
put_json(struct ds *s, const json_t *json)
{
    char *text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
    ds_put_cstr(s, text ? text : "null");
    free(text);
}

/* Prints " YYYY-MM-DD HH:MM:SS.mmm" for a record's "_date" member, which
 * is in milliseconds, or in seconds when it is less than INT32_MAX (files
 * written by very old versions). */
static void
put_date(struct ds *s, const json_t *date_json)
{
    long long int date;
    struct tm tm;
    char buf[64];

    if (json_is_integer(date_json)) {
        date = json_integer_value(date_json);
    } else if (json_is_real(date_json)) {
        double d = json_real_value(date_json);
        if (!(d >= -9.2e18 && d <= 9.2e18)) {
            return;
        }
        date = d;
    } else {
        return;
    }
    if (date < INT32_MAX) {
        if (date < LLONG_MIN / 1000) {
            return;
        }
        date *= 1000;
    }

    long long int secs = date / 1000, msecs = date % 1000;
    if (msecs < 0) {
        msecs += 1000;
        secs--;
    }
    time_t t = secs;
    if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S",
                                        &tm)) {
        return;
    }
    ds_put_format(s, " %s.%03lld", buf, msecs);
}

/* Marker for rows that are known but have no "name" member. */
static json_t *const no_name = (json_t *) &no_name;

static void
forget_name(struct shash *names, const char *uuid)
{
    json_t *name = shash_find_and_delete(names, uuid);
    if (name && name != no_name) {
        json_decref(name);
    }
}

static void
put_column_value(struct ds *s, const struct ovsdb_table_schema *table,
                 const char *column_name, const json_t *value, bool is_diff)
{
    const struct ovsdb_column *column = (table
                                         ? shash_find_data(&table->columns,
                                                           column_name)
                                         : NULL);
    if (column) {
        struct ovsdb_datum datum;
        struct ovsdb_error *error = (is_diff
                                     ? ovsdb_datum_from_json_relaxed(
                                         &datum, &column->type, value, NULL)
                                     : ovsdb_datum_from_json(
                                         &datum, &column->type, value,
                                         NULL));
        if (!error) {
            ovsdb_datum_to_string(&datum, &column->type, s);
            ovsdb_datum_destroy(&datum, &column->type);
            return;
        }
        ovsdb_error_destroy(error);
    }
    put_json(s, value);
}

static void
print_row_change(struct ds *s, const char *table_name,
                 const struct ovsdb_table_schema *table, const char *uuid,
                 const json_t *row, bool is_diff, struct shash *names)
{
    struct shash_node *known = shash_find(names, uuid);

    ds_put_format(s, "  table %s", table_name);
    if (!known) {
        const json_t *name = json_is_object(row)
                             ? json_object_get(row, "name") : NULL;
        ds_put_cstr(s, " insert row ");
        if (name) {
            put_json(s, name);
            ds_put_format(s, " (%.8s):\n", uuid);
        } else {
            ds_put_format(s, "%.8s:\n", uuid);
        }
    } else {
        ds_put_cstr(s, " row ");
        if (known->data != no_name) {
            put_json(s, known->data);
        } else {
            ds_put_format(s, "%.8s", uuid);
        }
        ds_put_format(s, " (%.8s)%s:\n", uuid, is_diff ? " diff" : "");
    }

    if (json_is_null(row)) {
        ds_put_cstr(s, "    delete row\n");
        forget_name(names, uuid);
    } else if (json_is_object(row)) {
        json_t *name = json_object_get(row, "name");

        if (show_log_verbosity > 1) {
            size_t n;
            const char **columns = ovs_object_order(row, &n);
            for (size_t i = 0; i < n; i++) {
                ds_put_format(s, "    %s=", columns[i]);
                put_column_value(s, table, columns[i],
                                 json_object_get(row, columns[i]), is_diff);
                ds_put_char(s, '\n');
            }
            free(columns);
        }
        if (name) {
            forget_name(names, uuid);
            shash_add(names, uuid, json_incref(name));
        } else if (!known) {
            shash_add(names, uuid, no_name);
        }
    }
}

/* Prints the changes of transaction RECORD followed by a blank line, or
 * nothing if RECORD names no table. */
static void
print_db_changes(struct ds *s, const json_t *record,
                 const struct ovsdb_schema *schema, struct shash *names)
{
    bool any_table = false;
    bool is_diff = json_is_true(json_object_get(record, "_is_diff"));
    const char **tables;
    size_t n_tables;

    tables = ovs_object_order(record, &n_tables);
    for (size_t i = 0; i < n_tables; i++) {
        const json_t *rows = json_object_get(record, tables[i]);
        const char **uuids;
        size_t n_rows;

        if (tables[i][0] == '_' || !json_is_object(rows)) {
            continue;
        }
        any_table = true;
        uuids = ovs_object_order(rows, &n_rows);
        for (size_t j = 0; j < n_rows; j++) {
            print_row_change(s, tables[i],
                             ovsdb_schema_get_table(schema, tables[i]),
                             uuids[j], json_object_get(rows, uuids[j]),
                             is_diff, names);
        }
        free(uuids);
    }
    free(tables);
    if (any_table) {
        ds_put_char(s, '\n');
    }
}

static void
do_show_log(struct ovs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    struct shash names = SHASH_INITIALIZER(&names);
    struct ovsdb_schema *schema = NULL;
    struct ovsdb_log *log;
    struct shash_node *node;

    check_ovsdb_error(ovsdb_log_open(db_file, NULL, OVSDB_LOG_READ_ONLY,
                                     false, &log));
    if (strcmp(ovsdb_log_get_magic(log), OVSDB_MAGIC)) {
        ovs_fatal(0, "ovsdb error: %s: cannot apply this operation to "
                  "clustered database file", db_file);
    }
    for (unsigned int i = 0; ; i++) {
        struct ds s = DS_EMPTY_INITIALIZER;
        json_t *json;

        check_ovsdb_error(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }

        ds_put_format(&s, "record %u:", i);
        if (i == 0) {
            check_ovsdb_error(ovsdb_schema_from_json(json, &schema));
            ds_put_format(&s, " \"%s\" schema, version=\"%s\", "
                          "cksum=\"%s\"\n\n", schema->name,
                          schema->version ? schema->version : "",
                          schema->cksum ? schema->cksum : "");
        } else {
            const json_t *comment = json_object_get(json, "_comment");

            put_date(&s, json_object_get(json, "_date"));
            if (json_is_string(comment)) {
                ds_put_format(&s, " \"%s\"", json_string_value(comment));
            }
            ds_put_char(&s, '\n');
            if (show_log_verbosity > 0) {
                print_db_changes(&s, json, schema, &names);
            }
        }
        fputs(ds_cstr(&s), stdout);
        ds_destroy(&s);
        json_decref(json);
    }

    SHASH_FOR_EACH_SAFE (node, &names) {
        if (node->data != no_name) {
            json_decref(node->data);
        }
        shash_delete(&names, node);
    }
    shash_destroy(&names);
    ovsdb_schema_destroy(schema);
    ovsdb_log_close(log);
    free(db_file);
}

/* ---------------------------------------------------------------------- */

static void
do_unsupported_cluster(struct ovs_cmdl_context *ctx)
{
    ovs_fatal(0, "%s: clustered databases are not supported", ctx->argv[0]);
}

static void
do_help(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    usage();
}

static void
do_list_commands(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    ovs_cmdl_print_commands(get_all_commands());
}

static const struct ovs_cmdl_command all_commands[] = {
    {"create", "[db [schema]]", 0, 2, do_create},
    {"create-cluster", "db contents local", 3, 3, do_unsupported_cluster},
    {"join-cluster", "db name local remote...", 4, INT_MAX,
     do_unsupported_cluster},
    {"compact", "[db [dst]]", 0, 2, do_compact},
    {"convert", "[db [schema [dst]]]", 0, 3, do_convert},
    {"needs-conversion", NULL, 0, 2, do_needs_conversion},
    {"db-name", "[db]", 0, 1, do_db_name},
    {"db-version", "[db]", 0, 1, do_db_version},
    {"db-cksum", "[db]", 0, 1, do_db_cksum},
    {"db-cid", "db", 1, 1, do_unsupported_cluster},
    {"db-sid", "db", 1, 1, do_unsupported_cluster},
    {"db-local-address", "db", 1, 1, do_unsupported_cluster},
    {"db-is-clustered", "db", 1, 1, do_db_is_clustered},
    {"db-is-standalone", "db", 1, 1, do_db_is_standalone},
    {"schema-name", "[schema]", 0, 1, do_schema_name},
    {"schema-version", "[schema]", 0, 1, do_schema_version},
    {"schema-cksum", "[schema]", 0, 1, do_schema_cksum},
    {"query", "[db] trns", 1, 2, do_query},
    {"transact", "[db] trns", 1, 2, do_transact},
    {"show-log", "[db]", 0, 1, do_show_log},
    {"check-cluster", "db...", 1, INT_MAX, do_unsupported_cluster},
    {"compare-versions", "a op b", 3, 3, do_compare_versions},
    {"help", NULL, 0, INT_MAX, do_help},
    {"list-commands", NULL, 0, INT_MAX, do_list_commands},
    {"cluster-to-standalone", "db clusterdb", 2, 2, do_unsupported_cluster},
    {NULL, NULL, 0, 0, NULL},
};

static const struct ovs_cmdl_command *
get_all_commands(void)
{
    return all_commands;
}

int
main(int argc, char *argv[])
{
    struct ovs_cmdl_context ctx = { .argc = 0, };

    set_program_name(argv[0]);
    parse_options(argc, argv);
    ctx.argc = argc - optind;
    ctx.argv = argv + optind;
    ovs_cmdl_run_command(&ctx, get_all_commands());
    return 0;
}
