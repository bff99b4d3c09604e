/* vsctl-db: ovs-vsctl's database commands (list, find, get, set, add,
 * remove, clear, create, destroy, wait-until, comment), the naming rules
 * they share (tables and columns by case-insensitive unique prefix with
 * '-' = '_'; records by UUID, unique UUID prefix, or per-table names such
 * as a Bridge's "name", a Controller through its Bridge, "." for the
 * Open_vSwitch row), the "COLUMN[:KEY]=VALUE" argument syntax, and the
 * small row helpers the other command files use.  Messages and output
 * follow OVS 3.1's ovs-vsctl. */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/table.h"
#include "ovsdb/column.h"
#include "ovsdb/lazy-idl.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/schema.h"
#include "ovsdb/table-schema.h"
#include "utilities/vsctl.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(db_ctl_base);

/* ------------------------------------------------------------------ */
/* Schema and row helpers. */

const struct ovsdb_table_schema *
vsctl_table(const struct vsctl_context *ctx, const char *name)
{
    const struct ovsdb_table_schema *ts = lazy_idl_get_table(ctx->idl, name);
    if (!ts) {
        ovs_fatal(0, "database schema has no table %s", name);
    }
    return ts;
}

const struct ovsdb_column *
vsctl_column(const struct ovsdb_table_schema *ts, const char *name)
{
    const struct ovsdb_column *c = ovsdb_table_schema_get_column(ts, name);
    if (!c) {
        ovs_fatal(0, "table %s in database schema has no column %s",
                  ts->name, name);
    }
    return c;
}

void
vsctl_want(struct vsctl_context *ctx, const char *table, ...)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, table);
    va_list args;
    const char *name;

    va_start(args, table);
    while ((name = va_arg(args, const char *)) != NULL) {
        lazy_idl_want_column(ctx->idl, ts, vsctl_column(ts, name));
    }
    va_end(args);
}

const struct ovsdb_datum *
vsctl_read(struct vsctl_context *ctx, struct lazy_idl_row *row,
           const char *column)
{
    return lazy_idl_row_get(ctx->idl, row,
                            vsctl_column(lazy_idl_row_get_table(row),
                                         column));
}

const char *
vsctl_read_string(struct vsctl_context *ctx, struct lazy_idl_row *row,
                  const char *column)
{
    const struct ovsdb_datum *d = vsctl_read(ctx, row, column);
    return d->n ? d->keys[0].string : NULL;
}

bool
vsctl_read_integer(struct vsctl_context *ctx, struct lazy_idl_row *row,
                   const char *column, long long int *value)
{
    const struct ovsdb_datum *d = vsctl_read(ctx, row, column);
    *value = d->n ? d->keys[0].integer : 0;
    return d->n > 0;
}

bool
vsctl_read_bool(struct vsctl_context *ctx, struct lazy_idl_row *row,
                const char *column)
{
    const struct ovsdb_datum *d = vsctl_read(ctx, row, column);
    return d->n && d->keys[0].boolean;
}

void
vsctl_write(struct vsctl_context *ctx, struct lazy_idl_row *row,
            const char *column, struct ovsdb_datum *datum)
{
    const struct ovsdb_column *c = vsctl_column(lazy_idl_row_get_table(row),
                                                column);
    if (!lazy_idl_row_is_new(row)) {
        /* Make the old value known so that an unchanged value is not
         * written. */
        lazy_idl_row_get(ctx->idl, row, c);
    }
    lazy_idl_row_set(ctx->idl, row, c, datum, false);
}

void
vsctl_write_string(struct vsctl_context *ctx, struct lazy_idl_row *row,
                   const char *column, const char *value)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_string(&d, value);
    vsctl_write(ctx, row, column, &d);
}

void
vsctl_write_integer(struct vsctl_context *ctx, struct lazy_idl_row *row,
                    const char *column, long long int value)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_integer(&d, value);
    vsctl_write(ctx, row, column, &d);
}

void
vsctl_write_bool(struct vsctl_context *ctx, struct lazy_idl_row *row,
                 const char *column, bool value)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_boolean(&d, value);
    vsctl_write(ctx, row, column, &d);
}

void
vsctl_clear(struct vsctl_context *ctx, struct lazy_idl_row *row,
            const char *column)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_empty(&d);
    vsctl_write(ctx, row, column, &d);
}

void
vsctl_add_ref(struct vsctl_context *ctx, struct lazy_idl_row *row,
              const char *column, const struct uuid *uuid)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_uuid(&d, uuid);
    lazy_idl_row_insert_elems(ctx->idl, row,
                              vsctl_column(lazy_idl_row_get_table(row),
                                           column), &d);
}

void
vsctl_remove_ref(struct vsctl_context *ctx, struct lazy_idl_row *row,
                 const char *column, const struct uuid *uuid)
{
    struct ovsdb_datum d;
    ovsdb_datum_init_uuid(&d, uuid);
    lazy_idl_row_delete_elems(ctx->idl, row,
                              vsctl_column(lazy_idl_row_get_table(row),
                                           column), &d, false);
}

/* Sets KEY of map column C of ROW to VALUE (NULL: removes KEY).  Atoms are
 * borrowed.  Does nothing if the column already says so. */
static void
set_map_key(struct vsctl_context *ctx, struct lazy_idl_row *row,
            const struct ovsdb_column *c, const union ovsdb_atom *key,
            const union ovsdb_atom *value)
{
    const struct ovsdb_type *type = &c->type;
    const struct ovsdb_datum *cur = lazy_idl_row_get(ctx->idl, row, c);
    unsigned int idx = ovsdb_datum_find_key(cur, key, type->key.type);

    if (value && idx != UINT_MAX
        && ovsdb_atom_equals(&cur->values[idx], value, type->value.type)) {
        return;
    } else if (!value && idx == UINT_MAX) {
        return;
    }

    struct ovsdb_type key_type = *type;
    key_type.value.type = OVSDB_TYPE_VOID;
    key_type.value.enum_ = NULL;
    if (idx != UINT_MAX) {
        struct ovsdb_datum keys;
        ovsdb_datum_init_single(&keys, &key_type, key, NULL);
        lazy_idl_row_delete_elems(ctx->idl, row, c, &keys, true);
    }
    if (value) {
        struct ovsdb_datum pair;
        ovsdb_datum_init_single(&pair, type, key, value);
        lazy_idl_row_insert_elems(ctx->idl, row, c, &pair);
    }
}

void
vsctl_set_map_key(struct vsctl_context *ctx, struct lazy_idl_row *row,
                  const char *column, const char *key, const char *value)
{
    const struct ovsdb_column *c = vsctl_column(lazy_idl_row_get_table(row),
                                                column);
    union ovsdb_atom k, v;
    k.string = (char *) key;
    v.string = (char *) value;
    set_map_key(ctx, row, c, &k, value ? &v : NULL);
}

struct lazy_idl_row *
vsctl_insert(struct vsctl_context *ctx, const char *table)
{
    struct uuid uuid;
    uuid_generate(&uuid);
    return lazy_idl_row_insert(ctx->idl, vsctl_table(ctx, table), &uuid,
                               false);
}

struct lazy_idl_row *
vsctl_row_by_uuid(struct vsctl_context *ctx, const char *table,
                  const struct uuid *uuid)
{
    return lazy_idl_get_row(ctx->idl, vsctl_table(ctx, table), uuid);
}

struct lazy_idl_row *
vsctl_row_by_name(struct vsctl_context *ctx, const char *table,
                  const char *column, const char *name)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, table);
    return lazy_idl_find_by_string(ctx->idl, ts, vsctl_column(ts, column),
                                   name, NULL);
}

void
vsctl_prefetch_name(struct vsctl_context *ctx, const char *table,
                    const char *column, const char *name)
{
    const struct ovsdb_table_schema *ts = vsctl_table(ctx, table);
    union ovsdb_atom atom;
    atom.string = (char *) name;
    lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_EQ, vsctl_column(ts, column),
                      &atom);
}

void
vsctl_put_datum(struct ds *out, const struct ovsdb_datum *d,
                const struct ovsdb_type *type)
{
    ovsdb_datum_to_string(d, type, out);
}

bool
vsctl_has_option(const struct vsctl_context *ctx, const char *name)
{
    return shash_find(ctx->options, name) != NULL;
}

const char *
vsctl_option_value(const struct vsctl_context *ctx, const char *name)
{
    return shash_find_data(ctx->options, name);
}

/* ------------------------------------------------------------------ */
/* Names. */

/* Compares a user-supplied NAME with a schema NAME as OVS does: case
 * insensitively, '-' and '_' alike.  Returns 2 for a full match, 1 if
 * NAME is a prefix, 0 otherwise. */
static int
name_match(const char *schema_name, const char *name)
{
    for (;; schema_name++, name++) {
        if (!*name) {
            return *schema_name ? 1 : 2;
        }
        char a = tolower((unsigned char) *schema_name);
        char b = tolower((unsigned char) *name);
        if (a == '-') {
            a = '_';
        }
        if (b == '-') {
            b = '_';
        }
        if (a != b) {
            return 0;
        }
    }
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

const struct ovsdb_table_schema *
vsctl_find_table(struct vsctl_context *ctx, const char *name)
{
    size_t n_names;
    const char *const *names = lazy_idl_get_table_names(ctx->idl, &n_names);
    const char *best = NULL;
    const char **matches = xmalloc((n_names + 1) * sizeof *matches);
    size_t n = 0;

    for (size_t i = 0; i < n_names; i++) {
        int m = name_match(names[i], name);
        if (m == 2) {
            free(matches);
            return vsctl_table(ctx, names[i]);
        } else if (m == 1) {
            matches[n++] = names[i];
            best = names[i];
        }
    }
    if (n == 1) {
        free(matches);
        return vsctl_table(ctx, best);
    } else if (!n) {
        ovs_fatal(0, "unknown table \"%s\"", name);
    }
    qsort(matches, n, sizeof *matches, compare_strings);
    struct ds s = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&s, "%s%s", i ? ", " : "", matches[i]);
    }
    ovs_fatal(0, "\"%s\" matches multiple table names: %s", name,
              ds_cstr(&s));
}

/* Finds column NAME of TS; "_uuid" (exactly, any case) only if
 * ALLOW_UUID. */
static const struct ovsdb_column *
find_column(const struct ovsdb_table_schema *ts, const char *name,
            bool allow_uuid)
{
    if (allow_uuid && !strcasecmp(name, "_uuid")) {
        return ts->columns_by_index[OVSDB_COL_UUID];
    }

    const struct ovsdb_column *best = NULL;
    const char **matches = xmalloc(ts->n_columns * sizeof *matches);
    size_t n = 0;
    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *c = ts->columns_by_index[i];
        int m = name_match(c->name, name);
        if (m == 2) {
            free(matches);
            return c;
        } else if (m == 1) {
            matches[n++] = c->name;
            best = c;
        }
    }
    if (n == 1) {
        free(matches);
        return best;
    } else if (!n) {
        ovs_fatal(0, "%s does not contain a column whose name matches "
                  "\"%s\"", ts->name, name);
    }
    qsort(matches, n, sizeof *matches, compare_strings);
    struct ds s = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&s, "%s%s", i ? ", " : "", matches[i]);
    }
    ovs_fatal(0, "%s contains more than one column whose name matches "
              "\"%s\": %s", ts->name, name, ds_cstr(&s));
}

/* ------------------------------------------------------------------ */
/* Records. */

struct row_id {
    const char *table;
    const char *name_table;     /* Table whose NAME_COLUMN names it. */
    const char *name_column;    /* NULL: the record "." */
    const char *ref_column;     /* Column of NAME_TABLE's row, or NULL. */
};

static const struct row_id row_ids[] = {
    {"AutoAttach", "Bridge", "name", "auto_attach"},
    {"Bridge", "Bridge", "name", NULL},
    {"Controller", "Bridge", "name", "controller"},
    {"Flow_Sample_Collector_Set", "Flow_Sample_Collector_Set", "id", NULL},
    {"Flow_Table", "Flow_Table", "name", NULL},
    {"IPFIX", "Bridge", "name", "ipfix"},
    {"Interface", "Interface", "name", NULL},
    {"Manager", "Manager", "target", NULL},
    {"Mirror", "Mirror", "name", NULL},
    {"NetFlow", "Bridge", "name", "netflow"},
    {"Open_vSwitch", NULL, NULL, NULL},
    {"Port", "Port", "name", NULL},
    {"QoS", "Port", "name", "qos"},
    {"SSL", NULL, NULL, NULL},
    {"sFlow", "Bridge", "name", "sflow"},
};

static const struct row_id *
find_row_id(const struct ovsdb_table_schema *ts)
{
    for (size_t i = 0; i < ARRAY_SIZE(row_ids); i++) {
        if (!strcmp(row_ids[i].table, ts->name)) {
            return &row_ids[i];
        }
    }
    return NULL;
}

/* Parses RECORD as the key type of column C; false if it does not
 * parse. */
static bool
record_atom(const struct ovsdb_column *c, const char *record,
            union ovsdb_atom *atom)
{
    char *error = ovsdb_atom_from_string(atom, &c->type.key, record, NULL);
    if (error) {
        free(error);
        return false;
    }
    return true;
}

static void
prefetch_row(struct vsctl_context *ctx, const struct ovsdb_table_schema *ts,
             const char *record)
{
    struct uuid uuid;
    if (uuid_from_string(&uuid, record)) {
        union ovsdb_atom atom;
        atom.uuid = uuid;
        lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_EQ,
                          ts->columns_by_index[OVSDB_COL_UUID], &atom);
    }

    const struct row_id *id = find_row_id(ts);
    if (!id) {
        return;
    }
    if (!id->name_column) {
        if (!strcmp(record, ".")) {
            lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_ALL, NULL, NULL);
        }
        return;
    }
    const struct ovsdb_table_schema *nt = vsctl_table(ctx, id->name_table);
    const struct ovsdb_column *nc = vsctl_column(nt, id->name_column);
    union ovsdb_atom atom;
    if (id->ref_column) {
        lazy_idl_want_column(ctx->idl, nt, vsctl_column(nt, id->ref_column));
    }
    if (record_atom(nc, record, &atom)) {
        lazy_idl_prefetch(ctx->idl, nt, LAZY_IDL_EQ, nc, &atom);
        ovsdb_atom_destroy(&atom, nc->type.key.type);
    }
}

/* Finds RECORD through ID's naming rule; NULL if none. */
static struct lazy_idl_row *
get_row_by_id(struct vsctl_context *ctx, const struct ovsdb_table_schema *ts,
              const struct row_id *id, const char *record)
{
    if (!id->name_column) {
        if (strcmp(record, ".")) {
            return NULL;
        }
        size_t n;
        struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts,
                                                    LAZY_IDL_ALL, NULL,
                                                    NULL, &n);
        struct lazy_idl_row *row = n ? rows[0] : NULL;
        free(rows);
        return row;
    }

    const struct ovsdb_table_schema *nt = vsctl_table(ctx, id->name_table);
    const struct ovsdb_column *nc = vsctl_column(nt, id->name_column);
    union ovsdb_atom atom;
    if (!record_atom(nc, record, &atom)) {
        return NULL;
    }
    size_t n;
    struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, nt, LAZY_IDL_EQ,
                                                nc, &atom, &n);
    ovsdb_atom_destroy(&atom, nc->type.key.type);
    if (n > 1) {
        ovs_fatal(0, "multiple rows in %s match \"%s\"", nt->name, record);
    }
    struct lazy_idl_row *row = n ? rows[0] : NULL;
    free(rows);
    if (row && id->ref_column) {
        const struct ovsdb_datum *ref = vsctl_read(ctx, row, id->ref_column);
        row = ref->n == 1 ? lazy_idl_get_row(ctx->idl, ts,
                                             &ref->keys[0].uuid)
                          : NULL;
    }
    return row;
}

/* Finds the unique row of TS whose UUID begins with PREFIX. */
static struct lazy_idl_row *
get_row_by_prefix(struct vsctl_context *ctx,
                  const struct ovsdb_table_schema *ts, const char *prefix)
{
    size_t len = strlen(prefix), n;
    struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts, LAZY_IDL_ALL,
                                                NULL, NULL, &n);
    struct lazy_idl_row *found = NULL;

    for (size_t i = 0; i < n; i++) {
        char buf[UUID_LEN + 1];
        uuid_to_string(lazy_idl_row_get_uuid(rows[i]), buf);
        if (!strncmp(buf, prefix, len)) {
            if (found) {
                char other[UUID_LEN + 1];
                uuid_to_string(lazy_idl_row_get_uuid(found), other);
                ovs_fatal(0, "%s contains 2 or more rows whose UUIDs begin "
                          "with %s: at least %s and %s", ts->name, prefix,
                          other, buf);
            }
            found = rows[i];
        }
    }
    free(rows);
    return found;
}

struct lazy_idl_row *
vsctl_get_row(struct vsctl_context *ctx, const struct ovsdb_table_schema *ts,
              const char *record, bool must_exist)
{
    struct lazy_idl_row *row = NULL;
    struct uuid uuid;

    if (uuid_from_string(&uuid, record)) {
        row = lazy_idl_get_row(ctx->idl, ts, &uuid);
    }
    if (!row) {
        const struct row_id *id = find_row_id(ts);
        if (id) {
            row = get_row_by_id(ctx, ts, id, record);
        }
    }
    if (!row && uuid_is_partial_string(record) >= 4) {
        row = get_row_by_prefix(ctx, ts, record);
    }
    if (!row && must_exist) {
        ovs_fatal(0, "no row \"%s\" in table %s", record, ts->name);
    }
    return row;
}

/* ------------------------------------------------------------------ */
/* "COLUMN[:KEY]OPERATOR[VALUE]" arguments. */

/* Parses a column or key token at *SP: a JSON string, or characters up to
 * a delimiter.  Returns it (caller frees) and advances *SP, or NULL with
 * *ERRORP set on a bad string. */
static char *
parse_token(const char **sp, char **errorp)
{
    const char *s = *sp;

    if (*s == '"') {
        struct ds out = DS_EMPTY_INITIALIZER;
        const char *p = s + 1;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1]) {
                p++;
                switch (*p) {
                case 'n': ds_put_char(&out, '\n'); break;
                case 't': ds_put_char(&out, '\t'); break;
                case 'r': ds_put_char(&out, '\r'); break;
                case 'b': ds_put_char(&out, '\b'); break;
                case 'f': ds_put_char(&out, '\f'); break;
                default: ds_put_char(&out, *p); break;
                }
            } else {
                ds_put_char(&out, *p);
            }
            p++;
        }
        if (*p != '"') {
            ds_destroy(&out);
            *errorp = xasprintf("%s: missing quote at end of quoted string",
                                s);
            return NULL;
        }
        *sp = p + 1;
        return ds_steal_cstr(&out);
    }

    const char *p = s;
    while (*p && !strchr(":=!<>{}[], \t\r\n", *p)) {
        p++;
    }
    *sp = p;
    return xmemdup0(s, p - s);
}

struct column_arg {
    char *column;               /* Column name as given. */
    char *key;                  /* Key string, or NULL. */
    int op;                     /* Index in OPERATORS, or -1. */
    const char *value;          /* Points into the argument, or NULL. */
};

static const char *const operators[] = {
    "=", "!=", "<", ">", "<=", ">=", "{=}", "{!=}", "{<}", "{>}", "{<=}",
    "{>=}", "{in}", "{not-in}",
};

enum {
    OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE, OP_SET_EQ, OP_SET_NE,
    OP_SET_LT, OP_SET_GT, OP_SET_LE, OP_SET_GE, OP_IN, OP_NOT_IN
};

/* Parses ARG.  N_OPS is how many of OPERATORS are allowed (0: none, the
 * argument is "COLUMN[:KEY]").  Errors are fatal. */
static void
parse_column_arg(const char *arg, size_t n_ops, struct column_arg *ca)
{
    const char *s = arg;
    char *error = NULL;

    memset(ca, 0, sizeof *ca);
    ca->op = -1;
    ca->column = parse_token(&s, &error);
    if (!ca->column) {
        ovs_fatal(0, "%s", error);
    }
    if (!ca->column[0]) {
        ovs_fatal(0, "%s: missing column name", arg);
    }
    if (*s == ':') {
        s++;
        ca->key = parse_token(&s, &error);
        if (!ca->key) {
            ovs_fatal(0, "%s", error);
        }
    }

    if (!n_ops) {
        if (*s) {
            ovs_fatal(0, "%s: trailing garbage \"%s\" in argument", arg, s);
        }
        return;
    }

    /* Longest matching operator. */
    size_t best_len = 0;
    for (size_t i = 0; i < n_ops; i++) {
        size_t len = strlen(operators[i]);
        if (len > best_len && !strncmp(s, operators[i], len)) {
            ca->op = i;
            best_len = len;
        }
    }
    if (ca->op < 0 || !s[best_len]) {
        if (n_ops == 1) {
            ovs_fatal(0, "%s: argument does not end in \"=\" followed by "
                      "a value.", arg);
        }
        struct ds list = DS_EMPTY_INITIALIZER;
        for (size_t i = 0; i < n_ops; i++) {
            if (i == n_ops - 1) {
                ds_put_cstr(&list, "or ");
            }
            ds_put_format(&list, "\"%s\"%s", operators[i],
                          i < n_ops - 1 ? ", " : "");
        }
        ovs_fatal(0, "%s: argument does not end in %s followed by a value.",
                  arg, ds_cstr(&list));
    }
    ca->value = s + best_len;
}

static void
column_arg_destroy(struct column_arg *ca)
{
    free(ca->column);
    free(ca->key);
}

static void OVS_NO_RETURN
fatal_free(char *error)
{
    ovs_fatal(0, "%s", error);
}

static void
check_mutable(const struct ovsdb_table_schema *ts,
              const struct ovsdb_column *c, struct lazy_idl_row *row)
{
    if (!c->mutable_ && (!row || !lazy_idl_row_is_new(row))) {
        ovs_fatal(0, "cannot modify read-only column %s in table %s",
                  c->name, ts->name);
    }
}

void
vsctl_prefetch_set_column(struct vsctl_context *ctx,
                          const struct ovsdb_table_schema *ts,
                          const char *arg)
{
    const char *s = arg;
    char *error = NULL;
    char *name = parse_token(&s, &error);
    if (name && name[0]) {
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            const struct ovsdb_column *c = ts->columns_by_index[i];
            if (name_match(c->name, name)) {
                lazy_idl_want_column(ctx->idl, ts, c);
            }
        }
    }
    free(name);
    free(error);
}

void
vsctl_set_column(struct vsctl_context *ctx,
                 const struct ovsdb_table_schema *ts,
                 struct lazy_idl_row *row, const char *arg)
{
    struct column_arg ca;
    parse_column_arg(arg, 1, &ca);

    const struct ovsdb_column *c = find_column(ts, ca.column, false);
    check_mutable(ts, c, row);
    if (ca.key) {
        union ovsdb_atom key, value;
        char *error;

        if (!ovsdb_type_is_map(&c->type)) {
            ovs_fatal(0, "cannot specify key to set for non-map column %s",
                      c->name);
        }
        error = ovsdb_atom_from_string(&key, &c->type.key, ca.key,
                                       ctx->symtab);
        if (error) {
            fatal_free(error);
        }
        error = ovsdb_atom_from_string(&value, &c->type.value, ca.value,
                                       ctx->symtab);
        if (error) {
            fatal_free(error);
        }
        set_map_key(ctx, row, c, &key, &value);
        ovsdb_atom_destroy(&key, c->type.key.type);
        ovsdb_atom_destroy(&value, c->type.value.type);
    } else {
        struct ovsdb_datum datum;
        char *error = ovsdb_datum_from_string(&datum, &c->type, ca.value,
                                              ctx->symtab);
        if (error) {
            fatal_free(error);
        }
        if (!lazy_idl_row_is_new(row)) {
            lazy_idl_row_get(ctx->idl, row, c);
        }
        lazy_idl_row_set(ctx->idl, row, c, &datum, false);
    }
    column_arg_destroy(&ca);
}

/* ------------------------------------------------------------------ */
/* Output tables. */

static struct table *
new_table(struct vsctl_context *ctx, const struct ovsdb_column **columns,
          size_t n_columns)
{
    struct table *t = xmalloc(sizeof *t);
    table_init(t);
    for (size_t i = 0; i < n_columns; i++) {
        table_add_column(t, "%s", columns[i]->name);
    }
    ctx->cmd->table = t;
    return t;
}

static void
add_row_to_table(struct vsctl_context *ctx, struct table *t,
                 struct lazy_idl_row *row,
                 const struct ovsdb_column **columns, size_t n_columns)
{
    const struct table_style *style = vsctl_table_style();

    table_add_row(t);
    for (size_t i = 0; i < n_columns; i++) {
        const struct ovsdb_column *c = columns[i];
        const struct ovsdb_datum *d = lazy_idl_row_get(ctx->idl, row, c);
        struct table_cell *cell = table_add_cell(t);
        struct ds s = DS_EMPTY_INITIALIZER;

        if (style->cell_format == TABLE_CELL_BARE) {
            ovsdb_datum_to_bare(d, &c->type, &s);
        } else {
            ovsdb_datum_to_string(d, &c->type, &s);
        }
        cell->text = ds_steal_cstr(&s);
        cell->json = ovsdb_datum_to_json(d, &c->type);
    }
}

/* Parses --columns (or all columns, _uuid first) into a new array. */
static const struct ovsdb_column **
parse_columns(struct vsctl_context *ctx, const struct ovsdb_table_schema *ts,
              size_t *n)
{
    const char *spec = vsctl_option_value(ctx, "--columns");
    const struct ovsdb_column **columns;

    *n = 0;
    if (!spec) {
        columns = xmalloc(ts->n_columns * sizeof *columns);
        const char **names = xmalloc(ts->n_columns * sizeof *names);
        size_t n_names = 0;
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            names[n_names++] = ts->columns_by_index[i]->name;
        }
        qsort(names, n_names, sizeof *names, compare_strings);
        columns[(*n)++] = ts->columns_by_index[OVSDB_COL_UUID];
        for (size_t i = 0; i < n_names; i++) {
            columns[(*n)++] = vsctl_column(ts, names[i]);
        }
        free(names);
        return columns;
    }

    char *copy = xstrdup(spec);
    char *save = NULL;
    size_t allocated = 8;
    columns = xmalloc(allocated * sizeof *columns);
    for (char *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (*n >= allocated) {
            columns = x2nrealloc(columns, &allocated, sizeof *columns);
        }
        columns[(*n)++] = find_column(ts, tok, true);
    }
    free(copy);
    if (!*n) {
        ovs_fatal(0, "must specify at least one column name");
    }
    return columns;
}

static void
want_output_columns(struct vsctl_context *ctx,
                    const struct ovsdb_table_schema *ts)
{
    size_t n;
    const struct ovsdb_column **columns = parse_columns(ctx, ts, &n);
    for (size_t i = 0; i < n; i++) {
        lazy_idl_want_column(ctx->idl, ts, columns[i]);
    }
    free(columns);
}

/* ------------------------------------------------------------------ */
/* list, find, get. */

static void
pre_list(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    want_output_columns(ctx, ts);
    if (ctx->argc > 2) {
        for (int i = 2; i < ctx->argc; i++) {
            prefetch_row(ctx, ts, ctx->argv[i]);
        }
    } else {
        lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_ALL, NULL, NULL);
    }
}

static void
cmd_list(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    bool must_exist = !vsctl_has_option(ctx, "--if-exists");
    size_t n_columns;
    const struct ovsdb_column **columns = parse_columns(ctx, ts, &n_columns);
    struct table *t = new_table(ctx, columns, n_columns);

    if (ctx->argc > 2) {
        for (int i = 2; i < ctx->argc; i++) {
            struct lazy_idl_row *row = vsctl_get_row(ctx, ts, ctx->argv[i],
                                                     must_exist);
            if (row) {
                add_row_to_table(ctx, t, row, columns, n_columns);
            }
        }
    } else {
        size_t n;
        struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts,
                                                    LAZY_IDL_ALL, NULL,
                                                    NULL, &n);
        for (size_t i = 0; i < n; i++) {
            add_row_to_table(ctx, t, rows[i], columns, n_columns);
        }
        free(rows);
    }
    free(columns);
}

/* Evaluates condition ARG ("COLUMN[:KEY]OP VALUE") on ROW. */
static bool
evaluate_condition(struct vsctl_context *ctx,
                   const struct ovsdb_table_schema *ts,
                   struct lazy_idl_row *row, const char *arg)
{
    struct column_arg ca;
    parse_column_arg(arg, ARRAY_SIZE(operators), &ca);

    const struct ovsdb_column *c = find_column(ts, ca.column, false);
    const struct ovsdb_datum *have = lazy_idl_row_get(ctx->idl, row, c);
    struct ovsdb_type type;
    struct ovsdb_datum actual, want;
    char *error;

    if (ca.key) {
        union ovsdb_atom key;
        if (!ovsdb_type_is_map(&c->type)) {
            ovs_fatal(0, "cannot specify key to check for non-map column "
                      "%s", c->name);
        }
        error = ovsdb_atom_from_string(&key, &c->type.key, ca.key,
                                       ctx->symtab);
        if (error) {
            fatal_free(error);
        }
        memset(&type, 0, sizeof type);
        type.key = c->type.value;
        type.value.type = OVSDB_TYPE_VOID;
        type.n_min = 0;
        type.n_max = UINT_MAX;

        unsigned int idx = ovsdb_datum_find_key(have, &key,
                                                c->type.key.type);
        ovsdb_atom_destroy(&key, c->type.key.type);
        if (idx == UINT_MAX) {
            if (ca.op < OP_SET_EQ) {
                column_arg_destroy(&ca);
                return false;
            }
            ovsdb_datum_init_empty(&actual);
        } else {
            ovsdb_datum_init_single(&actual, &type, &have->values[idx],
                                    NULL);
        }
    } else {
        type = c->type;
        ovsdb_datum_clone(&actual, have, &type);
    }

    error = ovsdb_datum_from_string(&want, &type, ca.value, ctx->symtab);
    if (error) {
        fatal_free(error);
    }

    bool result;
    int cmp;
    switch (ca.op) {
    case OP_EQ:
    case OP_SET_EQ:
        result = ovsdb_datum_equals(&actual, &want, &type);
        break;
    case OP_NE:
    case OP_SET_NE:
        result = !ovsdb_datum_equals(&actual, &want, &type);
        break;
    case OP_LT:
    case OP_GT:
    case OP_LE:
    case OP_GE:
        cmp = ovsdb_datum_compare_3way(&actual, &want, &type);
        result = (ca.op == OP_LT ? cmp < 0
                  : ca.op == OP_GT ? cmp > 0
                  : ca.op == OP_LE ? cmp <= 0
                  : cmp >= 0);
        break;
    case OP_SET_LT:
        result = (ovsdb_datum_includes_all(&want, &actual, &type)
                  && !ovsdb_datum_equals(&actual, &want, &type));
        break;
    case OP_SET_LE:
    case OP_IN:
        result = ovsdb_datum_includes_all(&want, &actual, &type);
        break;
    case OP_SET_GT:
        result = (ovsdb_datum_includes_all(&actual, &want, &type)
                  && !ovsdb_datum_equals(&actual, &want, &type));
        break;
    case OP_SET_GE:
        result = ovsdb_datum_includes_all(&actual, &want, &type);
        break;
    case OP_NOT_IN:
        result = ovsdb_datum_excludes_all(&want, &actual, &type);
        break;
    default:
        OVS_NOT_REACHED();
    }
    ovsdb_datum_destroy(&actual, &type);
    ovsdb_datum_destroy(&want, &type);
    column_arg_destroy(&ca);
    return result;
}

/* Declares the columns conditions ARGV[FIRST...] read. */
static void
want_condition_columns(struct vsctl_context *ctx,
                       const struct ovsdb_table_schema *ts, int first)
{
    for (int i = first; i < ctx->argc; i++) {
        vsctl_prefetch_set_column(ctx, ts, ctx->argv[i]);
    }
}

static void
pre_find(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    want_output_columns(ctx, ts);
    want_condition_columns(ctx, ts, 2);
    lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_ALL, NULL, NULL);
}

static void
cmd_find(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    size_t n_columns;
    const struct ovsdb_column **columns = parse_columns(ctx, ts, &n_columns);
    struct table *t = new_table(ctx, columns, n_columns);
    size_t n;
    struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts, LAZY_IDL_ALL,
                                                NULL, NULL, &n);

    for (size_t i = 0; i < n; i++) {
        bool match = true;
        for (int j = 2; j < ctx->argc && match; j++) {
            match = evaluate_condition(ctx, ts, rows[i], ctx->argv[j]);
        }
        if (match) {
            add_row_to_table(ctx, t, rows[i], columns, n_columns);
        }
    }
    free(rows);
    free(columns);
}

static void
pre_get(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    for (int i = 3; i < ctx->argc; i++) {
        vsctl_prefetch_set_column(ctx, ts, ctx->argv[i]);
    }
    prefetch_row(ctx, ts, ctx->argv[2]);
}

static void
cmd_get(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const char *id = vsctl_option_value(ctx, "--id");

    if (id && if_exists) {
        ovs_fatal(0, "--if-exists and --id may not be specified together");
    }
    struct lazy_idl_row *row = vsctl_get_row(ctx, ts, ctx->argv[2],
                                             !if_exists);
    if (!row) {
        return;
    }
    if (id) {
        if (id[0] != '@') {
            ovs_fatal(0, "row id \"%s\" does not begin with \"@\"", id);
        }
        const struct ovsdb_symbol *symbol = ovsdb_symbol_table_find(
            ctx->symtab, id);
        if (symbol && symbol->created) {
            ovs_fatal(0, "row id \"%s\" may only be specified on one --id "
                      "option", id);
        } else if (symbol) {
            ovs_fatal(0, "row id \"%s\" specified on \"get\" command was "
                      "used before it was defined", id);
        }
        ovsdb_symbol_table_put(ctx->symtab, id, lazy_idl_row_get_uuid(row),
                               true);
    }

    for (int i = 3; i < ctx->argc; i++) {
        struct column_arg ca;
        parse_column_arg(ctx->argv[i], 0, &ca);
        const struct ovsdb_column *c = find_column(ts, ca.column, true);
        const struct ovsdb_datum *d = lazy_idl_row_get(ctx->idl, row, c);

        if (ca.key) {
            union ovsdb_atom key;
            char *error;

            if (!ovsdb_type_is_map(&c->type)) {
                ovs_fatal(0, "cannot specify key to get for non-map column "
                          "%s", c->name);
            }
            error = ovsdb_atom_from_string(&key, &c->type.key, ca.key,
                                           ctx->symtab);
            if (error) {
                fatal_free(error);
            }
            unsigned int idx = ovsdb_datum_find_key(d, &key,
                                                    c->type.key.type);
            ovsdb_atom_destroy(&key, c->type.key.type);
            if (idx == UINT_MAX) {
                if (!if_exists) {
                    ovs_fatal(0, "no key \"%s\" in %s record \"%s\" column "
                              "%s", ca.key, ts->name, ctx->argv[2],
                              c->name);
                }
            } else {
                ovsdb_atom_to_string(&d->values[idx], c->type.value.type,
                                     ctx->output);
            }
        } else {
            ovsdb_datum_to_string(d, &c->type, ctx->output);
        }
        ds_put_char(ctx->output, '\n');
        column_arg_destroy(&ca);
    }
}

/* ------------------------------------------------------------------ */
/* set, add, remove, clear. */

static void
pre_modify(struct vsctl_context *ctx, int first_column_arg, bool column_only)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    int last = column_only ? first_column_arg + 1 : ctx->argc;
    for (int i = first_column_arg; i < last && i < ctx->argc; i++) {
        vsctl_prefetch_set_column(ctx, ts, ctx->argv[i]);
    }
    prefetch_row(ctx, ts, ctx->argv[2]);
}

/* For "COMMAND TABLE RECORD ...": finds TABLE (stored in *TSP) and
 * RECORD, which must exist unless --if-exists was given (then NULL). */
static struct lazy_idl_row *
get_target_row(struct vsctl_context *ctx,
               const struct ovsdb_table_schema **tsp)
{
    *tsp = vsctl_find_table(ctx, ctx->argv[1]);
    return vsctl_get_row(ctx, *tsp, ctx->argv[2],
                         !vsctl_has_option(ctx, "--if-exists"));
}

static void
pre_set(struct vsctl_context *ctx)
{
    pre_modify(ctx, 3, false);
}

static void
cmd_set(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts;
    struct lazy_idl_row *row = get_target_row(ctx, &ts);
    if (!row) {
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        vsctl_set_column(ctx, ts, row, ctx->argv[i]);
    }
}

static void
pre_add_remove(struct vsctl_context *ctx)
{
    pre_modify(ctx, 3, true);
}

static const struct ovsdb_column *
modify_column(struct vsctl_context *ctx, const struct ovsdb_table_schema *ts,
              struct lazy_idl_row *row)
{
    const struct ovsdb_column *c = find_column(ts, ctx->argv[3], false);
    check_mutable(ts, c, row);
    return c;
}

static void
cmd_add(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts;
    struct lazy_idl_row *row = get_target_row(ctx, &ts);
    if (!row) {
        return;
    }
    const struct ovsdb_column *c = modify_column(ctx, ts, row);
    struct ovsdb_type type = c->type;
    type.n_min = 0;
    type.n_max = UINT_MAX;

    for (int i = 4; i < ctx->argc; i++) {
        struct ovsdb_datum add;
        char *error = ovsdb_datum_from_string(&add, &type, ctx->argv[i],
                                              ctx->symtab);
        if (error) {
            fatal_free(error);
        }
        if (ovsdb_type_is_map(&c->type)) {
            /* Like "set COLUMN:KEY=VALUE" for each pair. */
            for (unsigned int j = 0; j < add.n; j++) {
                set_map_key(ctx, row, c, &add.keys[j], &add.values[j]);
            }
            ovsdb_datum_destroy(&add, &type);
        } else {
            lazy_idl_row_insert_elems(ctx->idl, row, c, &add);
        }
    }
}

static void
cmd_remove(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts;
    struct lazy_idl_row *row = get_target_row(ctx, &ts);
    if (!row) {
        return;
    }
    const struct ovsdb_column *c = modify_column(ctx, ts, row);
    struct ovsdb_type type = c->type;
    type.n_min = 0;
    type.n_max = UINT_MAX;
    struct ovsdb_type key_type = type;
    key_type.value.type = OVSDB_TYPE_VOID;
    key_type.value.enum_ = NULL;

    const struct ovsdb_datum *cur = lazy_idl_row_get(ctx->idl, row, c);
    struct ovsdb_datum result;
    ovsdb_datum_clone(&result, cur, &c->type);

    for (int i = 4; i < ctx->argc; i++) {
        struct ovsdb_datum rm;
        const struct ovsdb_type *rm_type = &type;
        char *error = ovsdb_datum_from_string(&rm, &type, ctx->argv[i],
                                              ctx->symtab);
        if (error && ovsdb_type_is_map(&c->type)) {
            free(error);
            rm_type = &key_type;
            error = ovsdb_datum_from_string(&rm, &key_type, ctx->argv[i],
                                            ctx->symtab);
        }
        if (error) {
            fatal_free(error);
        }
        ovsdb_datum_subtract(&result, &c->type, &rm, rm_type);
        ovsdb_datum_destroy(&rm, rm_type);
    }

    if (result.n < c->type.n_min) {
        ovs_fatal(0, "\"remove\" operation would put %u %s in column %s of "
                  "table %s but the minimum number is %u", result.n,
                  ovsdb_type_is_map(&c->type) ? "pairs" : "values",
                  c->name, ts->name, c->type.n_min);
    }

    /* Delete what went away, by key for maps. */
    struct ovsdb_datum gone;
    ovsdb_datum_clone(&gone, cur, &c->type);
    ovsdb_datum_subtract(&gone, &c->type, &result, &c->type);
    if (gone.n) {
        lazy_idl_row_delete_elems(ctx->idl, row, c, &gone, false);
    } else {
        ovsdb_datum_destroy(&gone, &c->type);
    }
    ovsdb_datum_destroy(&result, &c->type);
}

static void
pre_clear(struct vsctl_context *ctx)
{
    pre_modify(ctx, 3, false);
}

static void
cmd_clear(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts;
    struct lazy_idl_row *row = get_target_row(ctx, &ts);
    if (!row) {
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        const struct ovsdb_column *c = find_column(ts, ctx->argv[i], false);
        check_mutable(ts, c, row);
        if (c->type.n_min > 0) {
            ovs_fatal(0, "\"clear\" operation cannot be applied to column "
                      "%s of table %s, which is not allowed to be empty",
                      c->name, ts->name);
        }
        struct ovsdb_datum empty;
        ovsdb_datum_init_empty(&empty);
        if (!lazy_idl_row_is_new(row)) {
            lazy_idl_row_get(ctx->idl, row, c);
        }
        lazy_idl_row_set(ctx->idl, row, c, &empty, false);
    }
}

/* ------------------------------------------------------------------ */
/* create, destroy. */

static void
pre_create(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    if (!vsctl_option_value(ctx, "--id") && !ts->is_root) {
        VLOG_WARN("applying \"create\" command to table %s without --id "
                  "option will have no effect", ts->name);
    }
}

static void
cmd_create(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    const char *id = vsctl_option_value(ctx, "--id");
    struct uuid uuid;
    bool explicit = false;

    if (id) {
        if (uuid_from_string(&uuid, id)) {
            explicit = true;
        } else if (id[0] != '@') {
            ovs_fatal(0, "row id \"%s\" does not begin with \"@\"", id);
        } else {
            struct ovsdb_symbol *symbol = ovsdb_symbol_table_insert(
                ctx->symtab, id);
            if (symbol->created) {
                ovs_fatal(0, "row id \"%s\" may only be specified on one "
                          "--id option", id);
            }
            symbol->created = true;
            uuid = symbol->uuid;
        }
    } else {
        uuid_generate(&uuid);
    }

    struct lazy_idl_row *row = lazy_idl_row_insert(ctx->idl, ts, &uuid,
                                                   explicit);
    for (int i = 2; i < ctx->argc; i++) {
        vsctl_set_column(ctx, ts, row, ctx->argv[i]);
    }
    ctx->cmd->aux = xmemdup(&uuid, sizeof uuid);
}

static void
post_create(struct vsctl_context *ctx)
{
    const struct uuid *local = ctx->cmd->aux;
    struct uuid real = lazy_idl_get_real_uuid(ctx->idl, local);
    ds_put_format(ctx->output, UUID_FMT "\n", UUID_ARGS(&real));
}

static void
pre_destroy(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    bool all = vsctl_has_option(ctx, "--all");

    if (all && ctx->argc > 2) {
        ovs_fatal(0, "--all and records argument should not be specified "
                  "together");
    } else if (!all && ctx->argc == 2) {
        VLOG_WARN("either --all or records argument should be specified");
    }
    if (all) {
        lazy_idl_prefetch(ctx->idl, ts, LAZY_IDL_ALL, NULL, NULL);
    }
    for (int i = 2; i < ctx->argc; i++) {
        prefetch_row(ctx, ts, ctx->argv[i]);
    }
}

static void
cmd_destroy(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    bool must_exist = !vsctl_has_option(ctx, "--if-exists");

    if (vsctl_has_option(ctx, "--all")) {
        size_t n;
        struct lazy_idl_row **rows = lazy_idl_query(ctx->idl, ts,
                                                    LAZY_IDL_ALL, NULL,
                                                    NULL, &n);
        for (size_t i = 0; i < n; i++) {
            lazy_idl_row_delete(ctx->idl, rows[i]);
        }
        free(rows);
    } else {
        for (int i = 2; i < ctx->argc; i++) {
            struct lazy_idl_row *row = vsctl_get_row(ctx, ts, ctx->argv[i],
                                                     must_exist);
            if (row) {
                lazy_idl_row_delete(ctx->idl, row);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* wait-until, comment. */

static void
pre_wait_until(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    want_condition_columns(ctx, ts, 3);
    prefetch_row(ctx, ts, ctx->argv[2]);
}

static void
cmd_wait_until(struct vsctl_context *ctx)
{
    const struct ovsdb_table_schema *ts = vsctl_find_table(ctx,
                                                           ctx->argv[1]);
    struct lazy_idl_row *row = vsctl_get_row(ctx, ts, ctx->argv[2], false);
    bool ok = row != NULL;

    for (int i = 3; ok && i < ctx->argc; i++) {
        ok = evaluate_condition(ctx, ts, row, ctx->argv[i]);
    }
    if (!ok) {
        ctx->try_again = true;
        ctx->wait_table = ts;
    }
}

static void
cmd_comment(struct vsctl_context *ctx OVS_UNUSED)
{
}

const struct vsctl_command_syntax vsctl_db_commands[] = {
    {"comment", 0, INT_MAX, "*ARG", NULL, cmd_comment, NULL, "", true},
    {"get", 2, INT_MAX, "!TABLE !RECORD *COLUMN?:KEY", pre_get, cmd_get,
     NULL, "--if-exists,--id=", true},
    {"list", 1, INT_MAX, "!TABLE *RECORD", pre_list, cmd_list, NULL,
     "--if-exists,--columns=", true},
    {"find", 1, INT_MAX, "!TABLE *COLUMN?:KEY=VALUE", pre_find, cmd_find,
     NULL, "--columns=", true},
    {"set", 3, INT_MAX, "!TABLE !RECORD +COLUMN?:KEY=VALUE", pre_set,
     cmd_set, NULL, "--if-exists", false},
    {"add", 4, INT_MAX, "!TABLE !RECORD !COLUMN +?KEY=VALUE",
     pre_add_remove, cmd_add, NULL, "--if-exists", false},
    {"remove", 4, INT_MAX, "!TABLE !RECORD !COLUMN +KEY|VALUE|KEY=VALUE",
     pre_add_remove, cmd_remove, NULL, "--if-exists", false},
    {"clear", 3, INT_MAX, "!TABLE !RECORD +COLUMN", pre_clear, cmd_clear,
     NULL, "--if-exists", false},
    {"create", 2, INT_MAX, "!TABLE +COLUMN?:KEY=VALUE", pre_create,
     cmd_create, post_create, "--id=", false},
    {"destroy", 1, INT_MAX, "!TABLE *RECORD", pre_destroy, cmd_destroy,
     NULL, "--if-exists,--all", false},
    {"wait-until", 2, INT_MAX, "!TABLE !RECORD *COLUMN?:KEY=VALUE",
     pre_wait_until, cmd_wait_until, NULL, "", true},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, false},
};
