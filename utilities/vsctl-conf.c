/* vsctl-conf: ovs-vsctl's switch-wide commands: show, init, emer-reset,
 * OpenFlow controllers and fail mode, OVSDB managers and SSL settings,
 * with OVS 3.1's output.
 *
 * "show" prints the Open_vSwitch row's managers and bridges, each bridge's
 * controllers, fail mode, datapath type and ports, each port's tag, trunks
 * and interfaces, each interface's type, options, error and BFD status,
 * skipping columns at their default value.  References are followed in
 * the order of the referring set (UUID order), as OVS does. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ovsdb/column.h"
#include "ovsdb/lazy-idl.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/table-schema.h"
#include "utilities/vsctl.h"

/* ------------------------------------------------------------------ */
/* show. */

struct show_table {
    const char *table;
    const char *name_column;    /* Printed after the table name. */
    const char *columns[5];     /* In order; NULL-terminated. */
};

static const struct show_table show_tables[] = {
    {"Open_vSwitch", NULL, {"manager_options", "bridges", "ovs_version"}},
    {"Bridge", "name", {"controller", "fail_mode", "datapath_type",
                        "ports"}},
    {"Port", "name", {"tag", "trunks", "interfaces"}},
    {"Interface", "name", {"type", "options", "error", "bfd_status"}},
    {"Controller", "target", {"is_connected"}},
    {"Manager", "target", {"is_connected"}},
};

static const struct show_table *
find_show_table(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(show_tables); i++) {
        if (!strcmp(show_tables[i].table, name)) {
            return &show_tables[i];
        }
    }
    return NULL;
}

static void
pre_show(struct vsctl_context *ctx)
{
    for (size_t i = 0; i < ARRAY_SIZE(show_tables); i++) {
        const struct show_table *st = &show_tables[i];
        const struct ovsdb_table_schema *ts = vsctl_table(ctx, st->table);
        if (st->name_column) {
            lazy_idl_want_column(ctx->idl, ts,
                                 vsctl_column(ts, st->name_column));
        }
        for (size_t j = 0; st->columns[j]; j++) {
            /* An older schema may lack a column: show the others. */
            const struct ovsdb_column *c = ovsdb_table_schema_get_column(
                ts, st->columns[j]);
            if (c) {
                lazy_idl_want_column(ctx->idl, ts, c);
            }
        }
        lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_ALL, NULL, NULL);
    }
}

static void
show_row(struct vsctl_context *ctx, struct lazy_idl_row *row, int level)
{
    const struct ovsdb_table_schema *ts = lazy_idl_row_get_table(row);
    const struct show_table *st = find_show_table(ts->name);
    struct ds *out = ctx->output;

    ds_put_char_multiple(out, ' ', level * 4);
    if (st->name_column) {
        const struct ovsdb_column *c = vsctl_column(ts, st->name_column);
        ds_put_format(out, "%s ", ts->name);
        vsctl_put_datum(out, lazy_idl_row_get(ctx->idl, row, c), &c->type);
    } else {
        ds_put_format(out, UUID_FMT, UUID_ARGS(lazy_idl_row_get_uuid(row)));
    }
    ds_put_char(out, '\n');

    for (size_t i = 0; st->columns[i]; i++) {
        const struct ovsdb_column *c = ovsdb_table_schema_get_column(
            ts, st->columns[i]);
        if (!c) {
            continue;
        }
        const struct ovsdb_datum *d = lazy_idl_row_get(ctx->idl, row, c);
        const char *ref_table = c->type.key.uuid.ref_table_name;

        if (c->type.key.type == OVSDB_TYPE_UUID && ref_table
            && find_show_table(ref_table)) {
            struct ovsdb_datum copy;
            ovsdb_datum_clone(&copy, d, &c->type);
            for (unsigned int j = 0; j < copy.n; j++) {
                struct lazy_idl_row *ref = vsctl_row_by_uuid(
                    ctx, ref_table, &copy.keys[j].uuid);
                if (ref) {
                    show_row(ctx, ref, level + 1);
                }
            }
            ovsdb_datum_destroy(&copy, &c->type);
        } else if (!ovsdb_datum_is_default(d, &c->type)) {
            ds_put_char_multiple(out, ' ', (level + 1) * 4);
            ds_put_format(out, "%s: ", c->name);
            vsctl_put_datum(out, d, &c->type);
            ds_put_char(out, '\n');
        }
    }
}

static void
cmd_show(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, "Open_vSwitch");
    size_t n;
    struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts, LAZY_IDL_ALL,
                                                NULL, NULL, &n);
    for (size_t i = 0; i < n; i++) {
        show_row(ctx, rows[i], 0);
    }
    free(rows);
}

/* ------------------------------------------------------------------ */
/* init, emer-reset. */

static void
cmd_init(struct vsctl_context *ctx OVS_UNUSED)
{
}

static void
force_clear(struct vsctl_context *ctx, struct lazy_idl_row *row,
            const char *column)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_empty(&d);
    lazy_idl_row_set(ctx->idl, row,
                     vsctl_column(lazy_idl_row_get_table(row), column), &d,
                     true);
}

static void
force_zero(struct vsctl_context *ctx, struct lazy_idl_row *row,
           const char *column)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_integer(&d, 0);
    lazy_idl_row_set(ctx->idl, row,
                     vsctl_column(lazy_idl_row_get_table(row), column), &d,
                     true);
}

static void
pre_emer_reset(struct vsctl_context *ctx)
{
    vsctl_want(ctx, "Bridge", "other_config", NULL);
    lazy_idl_prefetch(ctx->idl, vsctl_table(ctx, "Bridge"), LAZY_IDL_ALL,
                      NULL, NULL);
    lazy_idl_prefetch(ctx->idl, vsctl_table(ctx, "Port"), LAZY_IDL_ALL,
                      NULL, NULL);
    lazy_idl_prefetch(ctx->idl, vsctl_table(ctx, "Interface"),
                      LAZY_IDL_ALL, NULL, NULL);
}

static void
cmd_emer_reset(struct vsctl_context *ctx)
{
    static const char *const bridge_columns[] = {
        "controller", "fail_mode", "mirrors", "netflow", "sflow", "ipfix",
        "flood_vlans",
    };
    struct lazy_idl_row **rows;
    size_t n;

    force_clear(ctx, ctx->ovs, "manager_options");
    force_clear(ctx, ctx->ovs, "ssl");

    rows = lazy_idl_query(ctx->idl, vsctl_table(ctx, "Bridge"),
                          LAZY_IDL_ALL, NULL, NULL, &n);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < ARRAY_SIZE(bridge_columns); j++) {
            force_clear(ctx, rows[i], bridge_columns[j]);
        }

        /* Keep only other_config:hwaddr. */
        const struct ovsdb_column *c = vsctl_column(
            lazy_idl_row_get_table(rows[i]), "other_config");
        const struct ovsdb_datum *oc = lazy_idl_row_get(ctx->idl, rows[i],
                                                        c);
        struct ovsdb_datum keep;
        union ovsdb_atom key;
        key.string = "hwaddr";
        unsigned int idx = ovsdb_datum_find_key(oc, &key, OVSDB_TYPE_STRING);
        if (idx != UINT_MAX) {
            ovsdb_datum_init_single(&keep, &c->type, &oc->keys[idx],
                                    &oc->values[idx]);
        } else {
            ovsdb_datum_init_empty(&keep);
        }
        lazy_idl_row_set(ctx->idl, rows[i], c, &keep, true);
    }
    free(rows);

    rows = lazy_idl_query(ctx->idl, vsctl_table(ctx, "Port"), LAZY_IDL_ALL,
                          NULL, NULL, &n);
    for (size_t i = 0; i < n; i++) {
        force_clear(ctx, rows[i], "other_config");
    }
    free(rows);

    rows = lazy_idl_query(ctx->idl, vsctl_table(ctx, "Interface"),
                          LAZY_IDL_ALL, NULL, NULL, &n);
    for (size_t i = 0; i < n; i++) {
        force_zero(ctx, rows[i], "ingress_policing_rate");
        force_zero(ctx, rows[i], "ingress_policing_burst");
    }
    free(rows);
}

/* ------------------------------------------------------------------ */
/* Controllers and fail mode. */

/* Finds bridge NAME: its Bridge row (the parent's for a fake bridge);
 * fatal if REAL_ONLY and NAME is a fake bridge. */
static struct lazy_idl_row *
bridge_row(struct vsctl_context *ctx, const char *name, bool real_only)
{
    struct lazy_idl_row *row = vsctl_row_by_name(ctx, "Bridge", "name",
                                                 name);
    if (row) {
        return row;
    }

    struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name", name);
    long long int tag;
    if (port && vsctl_read_bool(ctx, port, "fake_bridge")
        && vsctl_read_integer(ctx, port, "tag", &tag)
        && tag >= 0 && tag <= 4095) {
        const struct ovsdb_table_schema *ts = vsctl_table(ctx, "Bridge");
        union ovsdb_atom atom;
        size_t n;

        atom.uuid = *lazy_idl_row_get_uuid(port);
        struct lazy_idl_row **rows = lazy_idl_query(
            ctx->idl, ts, LAZY_IDL_INCLUDES, vsctl_column(ts, "ports"),
            &atom, &n);
        row = n ? rows[0] : NULL;
        free(rows);
        if (row) {
            if (real_only) {
                ovs_fatal(0, "%s is a fake bridge", name);
            }
            return row;
        }
    }
    ovs_fatal(0, "no bridge named %s", name);
}

static void
pre_bridge(struct vsctl_context *ctx)
{
    vsctl_want(ctx, "Bridge", "name", "controller", "fail_mode", NULL);
    vsctl_want(ctx, "Port", "name", "tag", "fake_bridge", NULL);
    vsctl_want(ctx, "Controller", "target", NULL);
    vsctl_prefetch_name(ctx, "Bridge", "name", ctx->argv[1]);
    vsctl_prefetch_name(ctx, "Port", "name", ctx->argv[1]);
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

/* Prints the "target" of each row of TABLE referenced by REFS, sorted. */
static void
print_targets(struct vsctl_context *ctx, const char *table,
              const struct ovsdb_datum *refs)
{
    struct ovsdb_datum copy;
    struct ovsdb_type type;
    const char **targets = xmalloc((refs->n + 1) * sizeof *targets);
    size_t n = 0;

    ovsdb_type_init(&type, OVSDB_TYPE_UUID);
    ovsdb_datum_clone(&copy, refs, &type);
    for (unsigned int i = 0; i < copy.n; i++) {
        struct lazy_idl_row *row = vsctl_row_by_uuid(ctx, table,
                                                     &copy.keys[i].uuid);
        const char *target = row ? vsctl_read_string(ctx, row, "target")
                                 : NULL;
        if (target) {
            targets[n++] = target;
        }
    }
    qsort(targets, n, sizeof *targets, compare_strings);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(ctx->output, "%s\n", targets[i]);
    }
    free(targets);
    ovsdb_datum_destroy(&copy, &type);
}

static void
cmd_get_controller(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], false);
    print_targets(ctx, "Controller", vsctl_read(ctx, br, "controller"));
}

static void
cmd_del_controller(struct vsctl_context *ctx)
{
    vsctl_clear(ctx, bridge_row(ctx, ctx->argv[1], true), "controller");
}

/* Inserts a row of TABLE per target in ARGV[FIRST...] and returns the set
 * of their UUIDs (caller destroys). */
static void
insert_targets(struct vsctl_context *ctx, const char *table, int first,
               struct ovsdb_datum *uuids)
{
    const char *probe = vsctl_option_value(ctx, "--inactivity-probe");
    long long int msecs = 0;

    if (probe && !str_to_llong(probe, 10, &msecs)) {
        ovs_fatal(0, "%s: invalid inactivity probe", probe);
    }
    ovsdb_datum_init_empty(uuids);
    for (int i = first; i < ctx->argc; i++) {
        struct lazy_idl_row *row = vsctl_insert(ctx, table);
        union ovsdb_atom atom;
        vsctl_write_string(ctx, row, "target", ctx->argv[i]);
        if (probe) {
            vsctl_write_integer(ctx, row, "inactivity_probe", msecs);
        }
        atom.uuid = *lazy_idl_row_get_uuid(row);
        struct ovsdb_type type;
        ovsdb_type_init(&type, OVSDB_TYPE_UUID);
        ovsdb_datum_add_unsafe(uuids, &atom, NULL, &type);
    }
    struct ovsdb_error *error = ovsdb_datum_sort(uuids, OVSDB_TYPE_UUID);
    if (error) {
        ovs_fatal(0, "duplicate targets");
    }
}

static void
cmd_set_controller(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], true);
    struct ovsdb_datum uuids;

    insert_targets(ctx, "Controller", 2, &uuids);
    vsctl_write(ctx, br, "controller", &uuids);
}

static void
cmd_get_fail_mode(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], false);
    const char *mode = vsctl_read_string(ctx, br, "fail_mode");
    if (mode && mode[0]) {
        ds_put_format(ctx->output, "%s\n", mode);
    }
}

static void
cmd_del_fail_mode(struct vsctl_context *ctx)
{
    vsctl_clear(ctx, bridge_row(ctx, ctx->argv[1], true), "fail_mode");
}

static void
cmd_set_fail_mode(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], true);
    const char *mode = ctx->argv[2];

    if (strcmp(mode, "standalone") && strcmp(mode, "secure")) {
        ovs_fatal(0, "fail-mode must be \"standalone\" or \"secure\"");
    }
    vsctl_write_string(ctx, br, "fail_mode", mode);
}

/* ------------------------------------------------------------------ */
/* Managers and SSL. */

static void
pre_manager(struct vsctl_context *ctx)
{
    vsctl_want(ctx, "Open_vSwitch", "manager_options", NULL);
    vsctl_want(ctx, "Manager", "target", NULL);
}

static void
cmd_get_manager(struct vsctl_context *ctx)
{
    print_targets(ctx, "Manager",
                  vsctl_read(ctx, ctx->ovs, "manager_options"));
}

static void
cmd_del_manager(struct vsctl_context *ctx)
{
    vsctl_clear(ctx, ctx->ovs, "manager_options");
}

static void
cmd_set_manager(struct vsctl_context *ctx)
{
    struct ovsdb_datum uuids;
    insert_targets(ctx, "Manager", 1, &uuids);
    vsctl_write(ctx, ctx->ovs, "manager_options", &uuids);
}

static void
pre_ssl(struct vsctl_context *ctx)
{
    vsctl_want(ctx, "Open_vSwitch", "ssl", NULL);
    vsctl_want(ctx, "SSL", "private_key", "certificate", "ca_cert",
               "bootstrap_ca_cert", NULL);
}

static void
cmd_get_ssl(struct vsctl_context *ctx)
{
    const struct ovsdb_datum *ssl = vsctl_read(ctx, ctx->ovs, "ssl");
    struct lazy_idl_row *row = ssl->n ? vsctl_row_by_uuid(
        ctx, "SSL", &ssl->keys[0].uuid) : NULL;

    if (row) {
        const char *key = vsctl_read_string(ctx, row, "private_key");
        const char *cert = vsctl_read_string(ctx, row, "certificate");
        const char *ca = vsctl_read_string(ctx, row, "ca_cert");
        ds_put_format(ctx->output, "Private key: %s\n", key ? key : "");
        ds_put_format(ctx->output, "Certificate: %s\n", cert ? cert : "");
        ds_put_format(ctx->output, "CA Certificate: %s\n", ca ? ca : "");
        ds_put_format(ctx->output, "Bootstrap: %s\n",
                      vsctl_read_bool(ctx, row, "bootstrap_ca_cert")
                      ? "true" : "false");
    }
}

static void
cmd_del_ssl(struct vsctl_context *ctx)
{
    vsctl_clear(ctx, ctx->ovs, "ssl");
}

static void
cmd_set_ssl(struct vsctl_context *ctx)
{
    struct lazy_idl_row *ssl = vsctl_insert(ctx, "SSL");
    struct ovsdb_datum ref;

    vsctl_write_string(ctx, ssl, "private_key", ctx->argv[1]);
    vsctl_write_string(ctx, ssl, "certificate", ctx->argv[2]);
    vsctl_write_string(ctx, ssl, "ca_cert", ctx->argv[3]);
    vsctl_write_bool(ctx, ssl, "bootstrap_ca_cert",
                     vsctl_has_option(ctx, "--bootstrap"));
    ovsdb_datum_init_uuid(&ref, lazy_idl_row_get_uuid(ssl));
    vsctl_write(ctx, ctx->ovs, "ssl", &ref);
}

/* ------------------------------------------------------------------ */
/* Auto-Attach. */

static void
pre_aa(struct vsctl_context *ctx)
{
    pre_bridge(ctx);
    vsctl_want(ctx, "Bridge", "auto_attach", NULL);
    vsctl_want(ctx, "AutoAttach", "mappings", NULL);
}

static long long int
aa_number(const char *s)
{
    char *end;
    long long int value = strtoll(s, &end, 10);
    if (end == s) {
        ovs_fatal(0, "Invalid argument %s", s);
    }
    return value;
}

/* The AutoAttach row of bridge ROW, or NULL. */
static struct lazy_idl_row *
aa_row(struct vsctl_context *ctx, struct lazy_idl_row *br)
{
    const struct ovsdb_datum *aa = vsctl_read(ctx, br, "auto_attach");
    return aa->n ? vsctl_row_by_uuid(ctx, "AutoAttach", &aa->keys[0].uuid)
                 : NULL;
}

static void
aa_pair(struct vsctl_context *ctx, struct lazy_idl_row *aa,
        struct ovsdb_datum *pair)
{
    const struct ovsdb_column *c = vsctl_column(lazy_idl_row_get_table(aa),
                                                "mappings");
    union ovsdb_atom key, value;
    key.integer = aa_number(ctx->argv[2]);
    value.integer = aa_number(ctx->argv[3]);
    ovsdb_datum_init_single(pair, &c->type, &key, &value);
}

static void
cmd_add_aa_mapping(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], false);
    struct lazy_idl_row *aa = aa_row(ctx, br);
    struct ovsdb_datum pair;

    if (!aa) {
        struct ovsdb_datum ref;
        aa = vsctl_insert(ctx, "AutoAttach");
        ovsdb_datum_init_uuid(&ref, lazy_idl_row_get_uuid(aa));
        vsctl_write(ctx, br, "auto_attach", &ref);
    }
    aa_pair(ctx, aa, &pair);
    lazy_idl_row_insert_elems(ctx->idl, aa,
                              vsctl_column(lazy_idl_row_get_table(aa),
                                           "mappings"), &pair);
}

static void
cmd_del_aa_mapping(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], false);
    struct lazy_idl_row *aa = aa_row(ctx, br);
    struct ovsdb_datum pair;

    if (aa) {
        aa_pair(ctx, aa, &pair);
        lazy_idl_row_delete_elems(ctx->idl, aa,
                                  vsctl_column(lazy_idl_row_get_table(aa),
                                               "mappings"), &pair, false);
    } else {
        aa_number(ctx->argv[2]);
        aa_number(ctx->argv[3]);
    }
}

static void
cmd_get_aa_mapping(struct vsctl_context *ctx)
{
    struct lazy_idl_row *br = bridge_row(ctx, ctx->argv[1], false);
    struct lazy_idl_row *aa = aa_row(ctx, br);

    if (aa) {
        const struct ovsdb_datum *m = vsctl_read(ctx, aa, "mappings");
        for (unsigned int i = 0; i < m->n; i++) {
            ds_put_format(ctx->output, "%lld %lld\n",
                          (long long int) m->keys[i].integer,
                          (long long int) m->values[i].integer);
        }
    }
}

const struct vsctl_command_syntax vsctl_conf_commands[] = {
    {"init", 0, 0, "", NULL, cmd_init, NULL, "", false},
    {"show", 0, 0, "", pre_show, cmd_show, NULL, "", true},
    {"emer-reset", 0, 0, "", pre_emer_reset, cmd_emer_reset, NULL, "",
     false},
    {"get-controller", 1, 1, "!BRIDGE", pre_bridge, cmd_get_controller,
     NULL, "", true},
    {"del-controller", 1, 1, "!BRIDGE", pre_bridge, cmd_del_controller,
     NULL, "", false},
    {"set-controller", 1, INT_MAX, "!BRIDGE +TARGET", pre_bridge,
     cmd_set_controller, NULL, "--inactivity-probe=", false},
    {"get-fail-mode", 1, 1, "!BRIDGE", pre_bridge, cmd_get_fail_mode, NULL,
     "", true},
    {"del-fail-mode", 1, 1, "!BRIDGE", pre_bridge, cmd_del_fail_mode, NULL,
     "", false},
    {"set-fail-mode", 2, 2, "!BRIDGE !MODE", pre_bridge, cmd_set_fail_mode,
     NULL, "", false},
    {"get-manager", 0, 0, "", pre_manager, cmd_get_manager, NULL, "", true},
    {"del-manager", 0, 0, "", pre_manager, cmd_del_manager, NULL, "", false},
    {"set-manager", 1, INT_MAX, "+TARGET", pre_manager, cmd_set_manager,
     NULL, "--inactivity-probe=", false},
    {"get-ssl", 0, 0, "", pre_ssl, cmd_get_ssl, NULL, "", true},
    {"del-ssl", 0, 0, "", pre_ssl, cmd_del_ssl, NULL, "", false},
    {"set-ssl", 3, 3, "!PRIVATE-KEY !CERTIFICATE !CA-CERT", pre_ssl,
     cmd_set_ssl, NULL, "--bootstrap", false},
    {"add-aa-mapping", 3, 3, "!BRIDGE !ARG !ARG", pre_aa,
     cmd_add_aa_mapping, NULL, "", false},
    {"del-aa-mapping", 3, 3, "!BRIDGE !ARG !ARG", pre_aa,
     cmd_del_aa_mapping, NULL, "", false},
    {"get-aa-mapping", 1, 1, "!BRIDGE", pre_aa, cmd_get_aa_mapping, NULL,
     "", true},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, false},
};
