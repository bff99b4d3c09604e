/* vsctl-br: ovs-vsctl's model of bridges, ports and interfaces, and the
 * commands built on it (add-br, del-br, list-br, br-exists, br-to-vlan,
 * br-to-parent, br-set/get-external-id, list-ports, add-port, add-bond,
 * add-bond-iface, del-bond-iface, del-port, port-to-br, list-ifaces,
 * iface-to-br).
 *
 * The model is OVS's: a real bridge is a Bridge row; a "fake bridge" (a
 * VLAN bridge for Linux-bridge compatibility) is a Port row with
 * fake_bridge=true and a tag, on its parent's Bridge; a port belongs to
 * the fake bridge whose VLAN equals its tag, if its parent has one, else
 * to the parent.  A bridge's own ("local") port and interface share its
 * name.
 *
 * Unlike OVS, nothing here loads whole tables unless the command inherently
 * lists them: names are looked up through the indexes (Bridge.name,
 * Port.name, Interface.name), the bridge holding a port through a
 * "ports includes" query, and ports are added to and removed from a
 * bridge with mutations, so add-port costs the same on a bridge with ten
 * or ten thousand ports. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ovsdb/column.h"
#include "ovsdb/lazy-idl.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/table-schema.h"
#include "utilities/vsctl.h"

struct vsctl_bridge {
    const char *name;
    struct lazy_idl_row *br_row;    /* Real bridge, or a fake's parent. */
    struct lazy_idl_row *fake_port; /* A fake bridge's Port, else NULL. */
    int vlan;                       /* A fake bridge's VLAN, else 0. */
};

/* More ports than this are read by fetching the Port table whole. */
#define MANY_ROWS 64

/* ------------------------------------------------------------------ */
/* Lookups. */

static void
want_model_columns(struct vsctl_context *ctx)
{
    vsctl_want(ctx, "Bridge", "name", NULL);
    vsctl_want(ctx, "Port", "name", "tag", "fake_bridge", "interfaces",
               NULL);
}

static void
want_iface_columns(struct vsctl_context *ctx)
{
    want_model_columns(ctx);
    vsctl_want(ctx, "Interface", "name", NULL);
}

static const char *
row_name(struct vsctl_context *ctx, struct lazy_idl_row *row)
{
    const char *name = vsctl_read_string(ctx, row, "name");
    return name ? name : "";
}

/* True if PORT is a fake bridge's port; *VLAN gets its VLAN. */
static bool
port_is_fake_bridge(struct vsctl_context *ctx, struct lazy_idl_row *port,
                    int *vlan)
{
    long long int tag;
    if (vsctl_read_bool(ctx, port, "fake_bridge")
        && vsctl_read_integer(ctx, port, "tag", &tag)
        && tag >= 0 && tag <= 4095) {
        *vlan = tag;
        return true;
    }
    return false;
}

/* The Bridge row whose "ports" holds PORT, or NULL. */
static struct lazy_idl_row *
port_parent(struct vsctl_context *ctx, struct lazy_idl_row *port)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, "Bridge");
    union ovsdb_atom atom;
    size_t n;

    atom.uuid = *lazy_idl_row_get_uuid(port);
    struct lazy_idl_row **rows = lazy_idl_query(
        ctx->idl, ts, LAZY_IDL_INCLUDES, vsctl_column(ts, "ports"), &atom,
        &n);
    struct lazy_idl_row *parent = n ? rows[0] : NULL;
    free(rows);
    return parent;
}

/* The Port row whose "interfaces" holds IFACE, or NULL. */
static struct lazy_idl_row *
iface_port(struct vsctl_context *ctx, struct lazy_idl_row *iface)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, "Port");
    const struct ovsdb_column *c = vsctl_column(ts, "interfaces");
    union ovsdb_atom atom;
    size_t n;

    /* Usually the port has the interface's name. */
    struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name",
                                                  row_name(ctx, iface));
    atom.uuid = *lazy_idl_row_get_uuid(iface);
    if (port) {
        const struct ovsdb_datum *ifaces = vsctl_read(ctx, port,
                                                      "interfaces");
        if (ovsdb_datum_find_key(ifaces, &atom, OVSDB_TYPE_UUID)
            != UINT_MAX) {
            return port;
        }
    }
    struct lazy_idl_row **rows = lazy_idl_query(
        ctx->idl, ts, LAZY_IDL_INCLUDES, c, &atom, &n);
    port = n ? rows[0] : NULL;
    free(rows);
    return port;
}

/* The fake bridges on real bridge PARENT: fills *FAKES (caller frees) and
 * returns how many. */
static size_t
fake_bridges_of(struct vsctl_context *ctx, struct lazy_idl_row *parent,
                struct vsctl_bridge **fakesp)
{
    const struct ovsdb_table_schema *ports = vsctl_table(ctx, "Port");
    const struct ovsdb_table_schema *bridges = vsctl_table(ctx, "Bridge");
    union ovsdb_atom atom;
    size_t n, n_fakes = 0;

    atom.boolean = true;
    struct lazy_idl_row **rows = lazy_idl_query(
        ctx->idl, ports, LAZY_IDL_EQ, vsctl_column(ports, "fake_bridge"),
        &atom, &n);
    for (size_t i = 0; i < n; i++) {
        union ovsdb_atom u;
        u.uuid = *lazy_idl_row_get_uuid(rows[i]);
        lazy_idl_prefetch(ctx->idl, bridges, LAZY_IDL_INCLUDES,
                          vsctl_column(bridges, "ports"), &u);
    }
    lazy_idl_flush(ctx->idl);

    struct vsctl_bridge *fakes = xmalloc((n + 1) * sizeof *fakes);
    for (size_t i = 0; i < n; i++) {
        int vlan;
        if (port_is_fake_bridge(ctx, rows[i], &vlan)
            && port_parent(ctx, rows[i]) == parent) {
            struct vsctl_bridge *f = &fakes[n_fakes++];
            f->name = row_name(ctx, rows[i]);
            f->br_row = parent;
            f->fake_port = rows[i];
            f->vlan = vlan;
        }
    }
    free(rows);
    *fakesp = fakes;
    return n_fakes;
}

static void
real_bridge(struct vsctl_context *ctx, struct lazy_idl_row *row,
            struct vsctl_bridge *br)
{
    br->name = row_name(ctx, row);
    br->br_row = row;
    br->fake_port = NULL;
    br->vlan = 0;
}

/* Finds bridge NAME (real or fake) into *BR. */
static bool
find_bridge(struct vsctl_context *ctx, const char *name, bool must_exist,
            struct vsctl_bridge *br)
{
    struct lazy_idl_row *row = vsctl_row_by_name(ctx, "Bridge", "name",
                                                 name);
    if (row) {
        real_bridge(ctx, row, br);
        return true;
    }

    struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name", name);
    int vlan;
    if (port && port_is_fake_bridge(ctx, port, &vlan)) {
        struct lazy_idl_row *parent = port_parent(ctx, port);
        if (parent) {
            br->name = row_name(ctx, port);
            br->br_row = parent;
            br->fake_port = port;
            br->vlan = vlan;
            return true;
        }
    }
    if (must_exist) {
        ovs_fatal(0, "no bridge named %s", name);
    }
    return false;
}

/* Queues the lookups find_bridge(NAME) makes first. */
static void
prefetch_bridge(struct vsctl_context *ctx, const char *name)
{
    want_model_columns(ctx);
    vsctl_prefetch_name(ctx, "Bridge", "name", name);
    vsctl_prefetch_name(ctx, "Port", "name", name);
}

/* The bridge PORT (on real bridge PARENT) belongs to. */
static void
port_bridge_in(struct vsctl_context *ctx, struct lazy_idl_row *port,
               struct lazy_idl_row *parent, struct vsctl_bridge *br)
{
    int vlan;
    if (port_is_fake_bridge(ctx, port, &vlan)) {
        br->name = row_name(ctx, port);
        br->br_row = parent;
        br->fake_port = port;
        br->vlan = vlan;
        return;
    }

    long long int tag;
    real_bridge(ctx, parent, br);
    if (vsctl_read_integer(ctx, port, "tag", &tag)) {
        struct vsctl_bridge *fakes;
        size_t n = fake_bridges_of(ctx, parent, &fakes);
        for (size_t i = 0; i < n; i++) {
            if (fakes[i].vlan == tag) {
                *br = fakes[i];
                break;
            }
        }
        free(fakes);
    }
}

/* True if PORT is the local port of its bridge (real or fake). */
static bool
port_is_local(struct vsctl_context *ctx, struct lazy_idl_row *port,
              struct lazy_idl_row *parent)
{
    int vlan;
    return (port_is_fake_bridge(ctx, port, &vlan)
            || !strcmp(row_name(ctx, port), row_name(ctx, parent)));
}

/* Finds port NAME that is not a bridge's local port; fills *BR with its
 * bridge. */
static struct lazy_idl_row *
find_port(struct vsctl_context *ctx, const char *name, bool must_exist,
          struct vsctl_bridge *br)
{
    struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name", name);
    struct lazy_idl_row *parent = port ? port_parent(ctx, port) : NULL;

    if (!parent || port_is_local(ctx, port, parent)) {
        if (must_exist) {
            ovs_fatal(0, "no port named %s", name);
        }
        return NULL;
    }
    if (br) {
        port_bridge_in(ctx, port, parent, br);
    }
    return port;
}

/* Finds interface NAME that is not a bridge's local interface. */
static struct lazy_idl_row *
find_iface(struct vsctl_context *ctx, const char *name, bool must_exist,
           struct lazy_idl_row **portp, struct vsctl_bridge *br)
{
    struct lazy_idl_row *iface = vsctl_row_by_name(ctx, "Interface", "name",
                                                   name);
    struct lazy_idl_row *port = iface ? iface_port(ctx, iface) : NULL;
    struct lazy_idl_row *parent = port ? port_parent(ctx, port) : NULL;
    int vlan;

    if (!parent
        || !strcmp(name, row_name(ctx, parent))
        || (port_is_fake_bridge(ctx, port, &vlan)
            && !strcmp(name, row_name(ctx, port)))) {
        if (must_exist) {
            ovs_fatal(0, "no interface named %s", name);
        }
        return NULL;
    }
    if (portp) {
        *portp = port;
    }
    if (br) {
        port_bridge_in(ctx, port, parent, br);
    }
    return iface;
}

static void
prefetch_port(struct vsctl_context *ctx, const char *name)
{
    want_model_columns(ctx);
    vsctl_prefetch_name(ctx, "Port", "name", name);
}

static void
prefetch_iface(struct vsctl_context *ctx, const char *name)
{
    want_iface_columns(ctx);
    vsctl_prefetch_name(ctx, "Interface", "name", name);
    vsctl_prefetch_name(ctx, "Port", "name", name);
}

/* The rows of TABLE whose UUIDs are in set UUIDS (borrowed), in UUID
 * order: fills *ROWSP (caller frees) and returns how many. */
static size_t
rows_of_set(struct vsctl_context *ctx, const char *table,
            const struct ovsdb_datum *uuids, struct lazy_idl_row ***rowsp)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, table);
    struct lazy_idl_row **rows = xmalloc((uuids->n + 1) * sizeof *rows);
    size_t n = 0;

    if (uuids->n > MANY_ROWS) {
        lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_ALL, NULL, NULL);
    } else {
        for (unsigned int i = 0; i < uuids->n; i++) {
            lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_EQ,
                              ts->columns_by_index[0], &uuids->keys[i]);
        }
    }
    lazy_idl_flush(ctx->idl);
    for (unsigned int i = 0; i < uuids->n; i++) {
        struct lazy_idl_row *row = lazy_idl_get_row(ctx->idl, ts,
                                                    &uuids->keys[i].uuid);
        if (row) {
            rows[n++] = row;
        }
    }
    *rowsp = rows;
    return n;
}

/* Raises the error OVS gives when NAME is taken by a bridge, port or
 * interface: "PREFIX because a ... named NAME already exists...". */
static void
check_conflicts(struct vsctl_context *ctx, const char *name,
                const char *prefix)
{
    struct vsctl_bridge br;

    if (vsctl_row_by_name(ctx, "Bridge", "name", name)
        || find_bridge(ctx, name, false, &br)) {
        ovs_fatal(0, "%s because a bridge named %s already exists", prefix,
                  name);
    }

    struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name", name);
    struct lazy_idl_row *parent = port ? port_parent(ctx, port) : NULL;
    if (parent) {
        port_bridge_in(ctx, port, parent, &br);
        ovs_fatal(0, "%s because a port named %s already exists on bridge "
                  "%s", prefix, name, br.name);
    }

    struct lazy_idl_row *iface = vsctl_row_by_name(ctx, "Interface", "name",
                                                   name);
    port = iface ? iface_port(ctx, iface) : NULL;
    parent = port ? port_parent(ctx, port) : NULL;
    if (parent) {
        port_bridge_in(ctx, port, parent, &br);
        ovs_fatal(0, "%s because an interface named %s already exists on "
                  "bridge %s", prefix, name, br.name);
    }
}

static void
prefetch_conflicts(struct vsctl_context *ctx, const char *name)
{
    prefetch_bridge(ctx, name);
    want_iface_columns(ctx);
    vsctl_prefetch_name(ctx, "Interface", "name", name);
}

static char *
command_string(const struct vsctl_context *ctx, const char *option)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&s, option);
    for (int i = 0; i < ctx->argc; i++) {
        ds_put_format(&s, " %s", ctx->argv[i]);
    }
    return ds_steal_cstr(&s);
}

/* ------------------------------------------------------------------ */
/* Bridge commands. */

static void
pre_add_br(struct vsctl_context *ctx)
{
    prefetch_conflicts(ctx, ctx->argv[1]);
    if (ctx->argc == 4) {
        prefetch_bridge(ctx, ctx->argv[2]);
    }
    vsctl_want(ctx, "Open_vSwitch", "bridges", NULL);
}

static struct lazy_idl_row *
insert_port(struct vsctl_context *ctx, const char *name,
            char *const *ifaces, size_t n_ifaces, bool internal)
{
    struct lazy_idl_row *port = vsctl_insert(ctx, "Port");
    vsctl_write_string(ctx, port, "name", name);
    for (size_t i = 0; i < n_ifaces; i++) {
        struct lazy_idl_row *iface = vsctl_insert(ctx, "Interface");
        vsctl_write_string(ctx, iface, "name", ifaces[i]);
        if (internal) {
            vsctl_write_string(ctx, iface, "type", "internal");
        }
        vsctl_add_ref(ctx, port, "interfaces", lazy_idl_row_get_uuid(iface));
    }
    return port;
}

static void
cmd_add_br(struct vsctl_context *ctx)
{
    const char *name = ctx->argv[1];
    bool may_exist = vsctl_has_option(ctx, "--may-exist");
    const char *parent_name = NULL;
    int vlan = 0;

    if (ctx->argc == 3) {
        ovs_fatal(0, "'add-br' command takes exactly 1 or 3 arguments");
    } else if (ctx->argc == 4) {
        parent_name = ctx->argv[2];
        vlan = atoi(ctx->argv[3]);
        if (vlan < 0 || vlan > 4095) {
            ovs_fatal(0, "%s: vlan must be between 0 and 4095",
                      ctx->argv[0]);
        }
    }

    struct vsctl_bridge br;
    if (may_exist && find_bridge(ctx, name, false, &br)) {
        char *cmd = command_string(ctx, "--may-exist");
        if (!parent_name) {
            if (br.fake_port) {
                ovs_fatal(0, "\"%s\" but %s is a VLAN bridge for VLAN %d",
                          cmd, name, br.vlan);
            }
        } else if (!br.fake_port) {
            ovs_fatal(0, "\"%s\" but %s is not a VLAN bridge", cmd, name);
        } else if (strcmp(row_name(ctx, br.br_row), parent_name)) {
            ovs_fatal(0, "\"%s\" but %s has the wrong parent %s", cmd, name,
                      row_name(ctx, br.br_row));
        } else if (br.vlan != vlan) {
            ovs_fatal(0, "\"%s\" but %s is a VLAN bridge for the wrong "
                      "VLAN %d", cmd, name, br.vlan);
        }
        free(cmd);
        return;
    }

    char *prefix = xasprintf("cannot create a bridge named %s", name);
    check_conflicts(ctx, name, prefix);
    free(prefix);

    char *ifaces[] = { (char *) name };
    if (!parent_name) {
        struct lazy_idl_row *port = insert_port(ctx, name, ifaces, 1, true);
        struct lazy_idl_row *bridge = vsctl_insert(ctx, "Bridge");
        vsctl_write_string(ctx, bridge, "name", name);
        vsctl_add_ref(ctx, bridge, "ports", lazy_idl_row_get_uuid(port));
        vsctl_add_ref(ctx, ctx->ovs, "bridges",
                      lazy_idl_row_get_uuid(bridge));
    } else {
        struct vsctl_bridge parent;
        if (!find_bridge(ctx, parent_name, false, &parent)) {
            ovs_fatal(0, "parent bridge %s does not exist", parent_name);
        } else if (parent.fake_port) {
            ovs_fatal(0, "cannot create bridge with fake bridge as parent");
        }

        struct vsctl_bridge *fakes;
        size_t n = fake_bridges_of(ctx, parent.br_row, &fakes);
        for (size_t i = 0; i < n; i++) {
            if (fakes[i].vlan == vlan) {
                ovs_fatal(0, "bridge %s already has a child VLAN bridge %s "
                          "on VLAN %d", parent_name, fakes[i].name, vlan);
            }
        }
        free(fakes);

        struct lazy_idl_row *port = insert_port(ctx, name, ifaces, 1, true);
        vsctl_write_bool(ctx, port, "fake_bridge", true);
        vsctl_write_integer(ctx, port, "tag", vlan);
        vsctl_add_ref(ctx, parent.br_row, "ports",
                      lazy_idl_row_get_uuid(port));
    }
}

static void
pre_bridge_arg(struct vsctl_context *ctx)
{
    prefetch_bridge(ctx, ctx->argv[1]);
}

/* Removes the ports of fake bridge BR (and its own port) from its
 * parent. */
static void
del_fake_bridge(struct vsctl_context *ctx, const struct vsctl_bridge *br)
{
    const struct ovsdb_datum *ports = vsctl_read(ctx, br->br_row, "ports");
    struct ovsdb_datum copy;
    struct lazy_idl_row **rows;

    ovsdb_datum_clone(&copy, ports, &vsctl_column(
                          lazy_idl_row_get_table(br->br_row),
                          "ports")->type);
    size_t n = rows_of_set(ctx, "Port", &copy, &rows);
    for (size_t i = 0; i < n; i++) {
        long long int tag;
        int vlan;
        if (rows[i] == br->fake_port
            || (!port_is_fake_bridge(ctx, rows[i], &vlan)
                && vsctl_read_integer(ctx, rows[i], "tag", &tag)
                && tag == br->vlan)) {
            vsctl_remove_ref(ctx, br->br_row, "ports",
                             lazy_idl_row_get_uuid(rows[i]));
            lazy_idl_row_delete(ctx->idl, rows[i]);
        }
    }
    free(rows);
    ovsdb_datum_destroy(&copy, &vsctl_column(
                            lazy_idl_row_get_table(br->br_row),
                            "ports")->type);
}

static void
cmd_del_br(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;

    if (!find_bridge(ctx, ctx->argv[1],
                     !vsctl_has_option(ctx, "--if-exists"), &br)) {
        return;
    }
    if (br.fake_port) {
        del_fake_bridge(ctx, &br);
    } else {
        vsctl_remove_ref(ctx, ctx->ovs, "bridges",
                         lazy_idl_row_get_uuid(br.br_row));
        lazy_idl_row_delete(ctx->idl, br.br_row);
    }
}

/* Every bridge, real then fake, into *BRS (caller frees). */
static size_t
all_bridges(struct vsctl_context *ctx, struct vsctl_bridge **brsp)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, "Bridge");
    size_t n_real, n = 0;
    struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts, LAZY_IDL_ALL,
                                                NULL, NULL, &n_real);
    struct vsctl_bridge *brs = xmalloc((n_real + 1) * sizeof *brs);

    for (size_t i = 0; i < n_real; i++) {
        real_bridge(ctx, rows[i], &brs[n++]);
    }
    for (size_t i = 0; i < n_real; i++) {
        struct vsctl_bridge *fakes;
        size_t n_fakes = fake_bridges_of(ctx, rows[i], &fakes);
        brs = xrealloc(brs, (n + n_fakes + 1) * sizeof *brs);
        memcpy(&brs[n], fakes, n_fakes * sizeof *fakes);
        n += n_fakes;
        free(fakes);
    }
    free(rows);
    *brsp = brs;
    return n;
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static void
output_sorted(struct vsctl_context *ctx, const char **names, size_t n)
{
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(ctx->output, "%s\n", names[i]);
    }
}

static void
pre_list_br(struct vsctl_context *ctx)
{
    want_model_columns(ctx);
    lazy_idl_prefetch(ctx->idl, vsctl_table(ctx, "Bridge"), LAZY_IDL_ALL,
                      NULL, NULL);
}

static void
cmd_list_br(struct vsctl_context *ctx)
{
    bool real = vsctl_has_option(ctx, "--real");
    bool fake = vsctl_has_option(ctx, "--fake");
    struct vsctl_bridge *brs;
    size_t n = all_bridges(ctx, &brs);
    const char **names = xmalloc((n + 1) * sizeof *names);
    size_t n_names = 0;

    if (!real && !fake) {
        real = fake = true;
    }
    for (size_t i = 0; i < n; i++) {
        if (brs[i].fake_port ? fake : real) {
            names[n_names++] = brs[i].name;
        }
    }
    output_sorted(ctx, names, n_names);
    free(names);
    free(brs);
}

static void
cmd_br_exists(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    if (!find_bridge(ctx, ctx->argv[1], false, &br)) {
        exit(2);
    }
}

static void
cmd_br_to_vlan(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    find_bridge(ctx, ctx->argv[1], true, &br);
    ds_put_format(ctx->output, "%d\n", br.vlan);
}

static void
cmd_br_to_parent(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    find_bridge(ctx, ctx->argv[1], true, &br);
    ds_put_format(ctx->output, "%s\n", row_name(ctx, br.br_row));
}

static void
pre_br_external_id(struct vsctl_context *ctx)
{
    prefetch_bridge(ctx, ctx->argv[1]);
    vsctl_want(ctx, "Bridge", "external_ids", NULL);
    vsctl_want(ctx, "Port", "external_ids", NULL);
}

static void
cmd_br_set_external_id(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    const char *value = ctx->argc > 3 ? ctx->argv[3] : NULL;

    find_bridge(ctx, ctx->argv[1], true, &br);
    if (br.fake_port) {
        char *key = xasprintf("fake-bridge-%s", ctx->argv[2]);
        vsctl_set_map_key(ctx, br.fake_port, "external_ids", key, value);
        free(key);
    } else {
        vsctl_set_map_key(ctx, br.br_row, "external_ids", ctx->argv[2],
                          value);
    }
}

static void
cmd_br_get_external_id(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    find_bridge(ctx, ctx->argv[1], true, &br);

    const char *prefix = br.fake_port ? "fake-bridge-" : "";
    const struct ovsdb_datum *ids = vsctl_read(
        ctx, br.fake_port ? br.fake_port : br.br_row, "external_ids");
    size_t prefix_len = strlen(prefix);

    for (unsigned int i = 0; i < ids->n; i++) {
        const char *key = ids->keys[i].string;
        if (strncmp(key, prefix, prefix_len)) {
            continue;
        }
        if (ctx->argc > 2) {
            if (!strcmp(key + prefix_len, ctx->argv[2])) {
                ds_put_format(ctx->output, "%s\n", ids->values[i].string);
            }
        } else {
            ds_put_format(ctx->output, "%s=%s\n", key + prefix_len,
                          ids->values[i].string);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Port and interface listing. */

/* The ports of bridge BR (local ports excluded) into *PORTS (caller
 * frees). */
static size_t
bridge_ports(struct vsctl_context *ctx, const struct vsctl_bridge *br,
             struct lazy_idl_row ***portsp)
{
    const struct ovsdb_datum *ports = vsctl_read(ctx, br->br_row, "ports");
    struct ovsdb_datum copy;
    const struct ovsdb_type *type = &vsctl_column(
        lazy_idl_row_get_table(br->br_row), "ports")->type;
    struct lazy_idl_row **rows;
    struct vsctl_bridge *fakes = NULL;
    size_t n_fakes = 0, n_out = 0;

    ovsdb_datum_clone(&copy, ports, type);
    size_t n = rows_of_set(ctx, "Port", &copy, &rows);
    ovsdb_datum_destroy(&copy, type);
    if (!br->fake_port) {
        n_fakes = fake_bridges_of(ctx, br->br_row, &fakes);
    }
    for (size_t i = 0; i < n; i++) {
        struct lazy_idl_row *port = rows[i];
        long long int tag;
        bool has_tag = vsctl_read_integer(ctx, port, "tag", &tag);
        bool keep;

        if (port_is_local(ctx, port, br->br_row)) {
            keep = false;
        } else if (br->fake_port) {
            keep = has_tag && tag == br->vlan;
        } else {
            keep = true;
            for (size_t j = 0; has_tag && j < n_fakes; j++) {
                if (fakes[j].vlan == tag) {
                    keep = false;
                }
            }
        }
        if (keep) {
            rows[n_out++] = port;
        }
    }
    free(fakes);
    *portsp = rows;
    return n_out;
}

static void
pre_list_ports(struct vsctl_context *ctx)
{
    prefetch_bridge(ctx, ctx->argv[1]);
    want_iface_columns(ctx);
    vsctl_want(ctx, "Bridge", "ports", NULL);
}

static void
cmd_list_ports(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    struct lazy_idl_row **ports;

    find_bridge(ctx, ctx->argv[1], true, &br);
    size_t n = bridge_ports(ctx, &br, &ports);
    const char **names = xmalloc((n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[i] = row_name(ctx, ports[i]);
    }
    output_sorted(ctx, names, n);
    free(names);
    free(ports);
}

static void
cmd_list_ifaces(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    struct lazy_idl_row **ports;
    const char **names = NULL;
    size_t n_names = 0, allocated = 0;

    find_bridge(ctx, ctx->argv[1], true, &br);
    size_t n = bridge_ports(ctx, &br, &ports);
    for (size_t i = 0; i < n; i++) {
        const struct ovsdb_datum *ifaces = vsctl_read(ctx, ports[i],
                                                      "interfaces");
        struct ovsdb_datum copy;
        const struct ovsdb_type *type = &vsctl_column(
            lazy_idl_row_get_table(ports[i]), "interfaces")->type;
        struct lazy_idl_row **rows;

        ovsdb_datum_clone(&copy, ifaces, type);
        size_t n_rows = rows_of_set(ctx, "Interface", &copy, &rows);
        ovsdb_datum_destroy(&copy, type);
        for (size_t j = 0; j < n_rows; j++) {
            const char *name = row_name(ctx, rows[j]);
            if (strcmp(name, br.name)) {
                if (n_names >= allocated) {
                    names = x2nrealloc(names, &allocated, sizeof *names);
                }
                names[n_names++] = name;
            }
        }
        free(rows);
    }
    output_sorted(ctx, names, n_names);
    free(names);
    free(ports);
}

/* ------------------------------------------------------------------ */
/* Adding and deleting ports. */

/* The names of the interfaces of PORT, sorted, comma-separated. */
static char *
iface_names(struct vsctl_context *ctx, struct lazy_idl_row *port)
{
    const struct ovsdb_datum *ifaces = vsctl_read(ctx, port, "interfaces");
    struct ovsdb_datum copy;
    const struct ovsdb_type *type = &vsctl_column(
        lazy_idl_row_get_table(port), "interfaces")->type;
    struct lazy_idl_row **rows;

    ovsdb_datum_clone(&copy, ifaces, type);
    size_t n = rows_of_set(ctx, "Interface", &copy, &rows);
    ovsdb_datum_destroy(&copy, type);
    const char **names = xmalloc((n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[i] = row_name(ctx, rows[i]);
    }
    qsort(names, n, sizeof *names, compare_strings);

    struct ds s = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&s, "%s%s", i ? ", " : "", names[i]);
    }
    free(names);
    free(rows);
    return ds_steal_cstr(&s);
}

static void
add_port(struct vsctl_context *ctx, const char *br_name,
         const char *port_name, char **ifaces, size_t n_ifaces,
         bool fake_iface, char **settings, size_t n_settings)
{
    const struct ovsdb_table_schema *port_table = vsctl_table(ctx, "Port");

    if (vsctl_has_option(ctx, "--may-exist")) {
        struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name",
                                                      port_name);
        struct lazy_idl_row *parent = port ? port_parent(ctx, port) : NULL;
        if (parent) {
            char *cmd = command_string(ctx, "--may-exist");
            struct vsctl_bridge pbr, br;
            port_bridge_in(ctx, port, parent, &pbr);
            find_bridge(ctx, br_name, true, &br);
            if (strcmp(pbr.name, br.name)) {
                ovs_fatal(0, "\"%s\" but %s is actually attached to bridge "
                          "%s", cmd, port_name, pbr.name);
            }

            char *have = iface_names(ctx, port);
            const char **want = xmemdup(ifaces, n_ifaces * sizeof *want);
            qsort(want, n_ifaces, sizeof *want, compare_strings);
            struct ds w = DS_EMPTY_INITIALIZER;
            for (size_t i = 0; i < n_ifaces; i++) {
                ds_put_format(&w, "%s%s", i ? ", " : "", want[i]);
            }
            if (strcmp(have, ds_cstr(&w))) {
                ovs_fatal(0, "\"%s\" but %s actually has interface(s) %s",
                          cmd, port_name, have);
            }
            ds_destroy(&w);
            free(want);
            free(have);
            free(cmd);
            return;
        }
    }

    char *prefix = xasprintf("cannot create a port named %s", port_name);
    check_conflicts(ctx, port_name, prefix);
    free(prefix);
    for (size_t i = 0; i < n_ifaces; i++) {
        prefix = xasprintf("cannot create an interface named %s",
                           ifaces[i]);
        check_conflicts(ctx, ifaces[i], prefix);
        free(prefix);
    }

    struct vsctl_bridge br;
    find_bridge(ctx, br_name, true, &br);

    struct lazy_idl_row *port = insert_port(ctx, port_name, ifaces,
                                            n_ifaces, false);
    if (fake_iface) {
        vsctl_write_bool(ctx, port, "bond_fake_iface", true);
    }
    if (br.fake_port) {
        vsctl_write_integer(ctx, port, "tag", br.vlan);
    }
    for (size_t i = 0; i < n_settings; i++) {
        vsctl_set_column(ctx, port_table, port, settings[i]);
    }
    vsctl_add_ref(ctx, br.br_row, "ports", lazy_idl_row_get_uuid(port));
}

static void
pre_add_port(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *port_table = vsctl_table(ctx, "Port");
    prefetch_conflicts(ctx, ctx->argv[2]);
    prefetch_bridge(ctx, ctx->argv[1]);
    for (int i = 3; i < ctx->argc; i++) {
        if (strchr(ctx->argv[i], '=')) {
            vsctl_prefetch_set_column(ctx, port_table, ctx->argv[i]);
        } else {
            prefetch_conflicts(ctx, ctx->argv[i]);
        }
    }
}

static void
cmd_add_port(struct vsctl_context *ctx)
{
    add_port(ctx, ctx->argv[1], ctx->argv[2], &ctx->argv[2], 1, false,
             &ctx->argv[3], ctx->argc - 3);
}

static void
cmd_add_bond(struct vsctl_context *ctx)
{
    int n_ifaces = 0;
    while (3 + n_ifaces < ctx->argc && !strchr(ctx->argv[3 + n_ifaces], '=')) {
        n_ifaces++;
    }
    if (n_ifaces < 2) {
        ovs_fatal(0, "add-bond requires at least 2 interfaces, but only "
                  "%d were specified", n_ifaces);
    }
    add_port(ctx, ctx->argv[1], ctx->argv[2], &ctx->argv[3], n_ifaces,
             vsctl_has_option(ctx, "--fake-iface"),
             &ctx->argv[3 + n_ifaces], ctx->argc - 3 - n_ifaces);
}

static void
pre_del_port(struct vsctl_context *ctx)
{
    const char *name = ctx->argv[ctx->argc - 1];
    if (ctx->argc > 2) {
        prefetch_bridge(ctx, ctx->argv[1]);
    }
    prefetch_port(ctx, name);
    if (vsctl_has_option(ctx, "--with-iface")) {
        prefetch_iface(ctx, name);
    }
}

static void
cmd_del_port(struct vsctl_context *ctx)
{
    bool with_iface = vsctl_has_option(ctx, "--with-iface");
    const char *name = ctx->argv[ctx->argc - 1];
    struct vsctl_bridge br;

    if (ctx->argc > 2) {
        find_bridge(ctx, ctx->argv[1], true, &br);
    }

    struct lazy_idl_row *port = vsctl_row_by_name(ctx, "Port", "name", name);
    struct lazy_idl_row *parent = port ? port_parent(ctx, port) : NULL;
    if (!parent && with_iface) {
        struct lazy_idl_row *iface = vsctl_row_by_name(ctx, "Interface",
                                                       "name", name);
        port = iface ? iface_port(ctx, iface) : NULL;
        parent = port ? port_parent(ctx, port) : NULL;
    }
    if (!parent) {
        if (!vsctl_has_option(ctx, "--if-exists")) {
            ovs_fatal(0, with_iface ? "no port or interface named %s"
                      : "no port named %s", name);
        }
        return;
    }

    struct vsctl_bridge pbr;
    port_bridge_in(ctx, port, parent, &pbr);
    if (port_is_local(ctx, port, parent)) {
        ovs_fatal(0, "cannot delete port %s because it is the local port "
                  "for bridge %s (deleting this port requires deleting the "
                  "entire bridge)", row_name(ctx, port), pbr.name);
    }
    if (ctx->argc > 2 && strcmp(pbr.name, br.name)) {
        if (pbr.fake_port && !br.fake_port && pbr.br_row == br.br_row) {
            ovs_fatal(0, "bridge %s does not have a port %s (although its "
                      "child bridge %s does)", ctx->argv[1], name,
                      pbr.name);
        }
        ovs_fatal(0, "bridge %s does not have a port %s", ctx->argv[1],
                  name);
    }
    vsctl_remove_ref(ctx, parent, "ports", lazy_idl_row_get_uuid(port));
    lazy_idl_row_delete(ctx->idl, port);
}

static void
pre_port_arg(struct vsctl_context *ctx)
{
    prefetch_port(ctx, ctx->argv[1]);
}

static void
cmd_port_to_br(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    find_port(ctx, ctx->argv[1], true, &br);
    ds_put_format(ctx->output, "%s\n", br.name);
}

static void
pre_iface_arg(struct vsctl_context *ctx)
{
    prefetch_iface(ctx, ctx->argv[ctx->argc - 1]);
}

static void
cmd_iface_to_br(struct vsctl_context *ctx)
{
    struct vsctl_bridge br;
    find_iface(ctx, ctx->argv[1], true, NULL, &br);
    ds_put_format(ctx->output, "%s\n", br.name);
}

static void
pre_add_bond_iface(struct vsctl_context *ctx)
{
    prefetch_port(ctx, ctx->argv[1]);
    prefetch_conflicts(ctx, ctx->argv[2]);
}

static void
cmd_add_bond_iface(struct vsctl_context *ctx)
{
    const char *iface_name = ctx->argv[2];
    struct lazy_idl_row *port = find_port(ctx, ctx->argv[1], true, NULL);

    if (vsctl_has_option(ctx, "--may-exist")) {
        struct lazy_idl_row *iface_port_row;
        if (find_iface(ctx, iface_name, false, &iface_port_row, NULL)) {
            if (iface_port_row == port) {
                return;
            }
            char *cmd = command_string(ctx, "--may-exist");
            ovs_fatal(0, "\"%s\" but %s is actually attached to port %s",
                      cmd, iface_name, row_name(ctx, iface_port_row));
        }
    }

    char *prefix = xasprintf("cannot create an interface named %s",
                             iface_name);
    check_conflicts(ctx, iface_name, prefix);
    free(prefix);

    struct lazy_idl_row *iface = vsctl_insert(ctx, "Interface");
    vsctl_write_string(ctx, iface, "name", iface_name);
    vsctl_add_ref(ctx, port, "interfaces", lazy_idl_row_get_uuid(iface));
}

static void
pre_del_bond_iface(struct vsctl_context *ctx)
{
    prefetch_iface(ctx, ctx->argv[ctx->argc - 1]);
    if (ctx->argc > 2) {
        prefetch_port(ctx, ctx->argv[1]);
    }
}

static void
cmd_del_bond_iface(struct vsctl_context *ctx)
{
    const char *iface_name = ctx->argv[ctx->argc - 1];
    struct lazy_idl_row *port;
    struct lazy_idl_row *iface = find_iface(
        ctx, iface_name, !vsctl_has_option(ctx, "--if-exists"), &port,
        NULL);

    if (!iface) {
        return;
    }
    if (ctx->argc > 2) {
        struct lazy_idl_row *bond = find_port(ctx, ctx->argv[1], true, NULL);
        if (bond != port) {
            ovs_fatal(0, "port %s does not have an interface %s",
                      ctx->argv[1], iface_name);
        }
    }
    if (vsctl_read(ctx, port, "interfaces")->n == 1) {
        ovs_fatal(0, "cannot delete last interface from port %s",
                  row_name(ctx, port));
    }
    vsctl_remove_ref(ctx, port, "interfaces", lazy_idl_row_get_uuid(iface));
    lazy_idl_row_delete(ctx->idl, iface);
}

const struct vsctl_command_syntax vsctl_br_commands[] = {
    {"add-br", 1, 3, "!NEW-BRIDGE ?PARENT ?NEW-VLAN", pre_add_br,
     cmd_add_br, NULL, "--may-exist", false},
    {"del-br", 1, 1, "!BRIDGE", pre_bridge_arg, cmd_del_br, NULL,
     "--if-exists", false},
    {"list-br", 0, 0, "", pre_list_br, cmd_list_br, NULL,
     "--real,--fake", true},
    {"br-exists", 1, 1, "!BRIDGE", pre_bridge_arg, cmd_br_exists, NULL, "",
     true},
    {"br-to-vlan", 1, 1, "!BRIDGE", pre_bridge_arg, cmd_br_to_vlan, NULL,
     "", true},
    {"br-to-parent", 1, 1, "!BRIDGE", pre_bridge_arg, cmd_br_to_parent,
     NULL, "", true},
    {"br-set-external-id", 2, 3, "!BRIDGE !KEY ?VALUE", pre_br_external_id,
     cmd_br_set_external_id, NULL, "", false},
    {"br-get-external-id", 1, 2, "!BRIDGE ?KEY", pre_br_external_id,
     cmd_br_get_external_id, NULL, "", true},
    {"list-ports", 1, 1, "!BRIDGE", pre_list_ports, cmd_list_ports, NULL,
     "", true},
    {"add-port", 2, INT_MAX, "!BRIDGE !NEW-PORT *COLUMN?:KEY=VALUE",
     pre_add_port, cmd_add_port, NULL, "--may-exist", false},
    {"add-bond", 4, INT_MAX,
     "!BRIDGE !BOND +IFACE *COLUMN?:KEY=VALUE", pre_add_port, cmd_add_bond,
     NULL, "--may-exist,--fake-iface", false},
    {"add-bond-iface", 2, 2, "!BOND !IFACE", pre_add_bond_iface,
     cmd_add_bond_iface, NULL, "--may-exist", false},
    {"del-bond-iface", 1, 2, "?BOND !IFACE", pre_del_bond_iface,
     cmd_del_bond_iface, NULL, "--if-exists", false},
    {"del-port", 1, 2, "?BRIDGE !PORT|IFACE", pre_del_port, cmd_del_port,
     NULL, "--if-exists,--with-iface", false},
    {"port-to-br", 1, 1, "!PORT", pre_port_arg, cmd_port_to_br, NULL, "",
     true},
    {"list-ifaces", 1, 1, "!BRIDGE", pre_list_ports, cmd_list_ifaces, NULL,
     "", true},
    {"iface-to-br", 1, 1, "!IFACE", pre_iface_arg, cmd_iface_to_br, NULL,
     "", true},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, false},
};
