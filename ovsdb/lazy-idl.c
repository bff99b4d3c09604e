/* lazy-idl: a client-side OVSDB view loaded on demand (see lazy-idl.h).
 *
 * Every row the view knows is a struct lazy_idl_row in its table's hash
 * map.  Per column a row keeps the value the server had when it was
 * fetched ("old", if LOADED), the value as the view sees it ("cur", if
 * KNOWN), and what the caller did: READ (guard it), WRITTEN (whole value
 * replaced) or MUTATED (a list of insert/delete mutations, replayed onto
 * the server value when it arrives later).  Queries remember which server
 * rows they returned so that they can be answered again locally and
 * guarded at commit. */
#include "lazy-idl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "ds.h"
#include "fatal-signal.h"
#include "hash.h"
#include "hmap.h"
#include "jsonrpc.h"
#include "lib/table.h"
#include "list.h"
#include "ovsdb-client-json.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "poll-loop.h"
#include "schema.h"
#include "schema-text.h"
#include "shash.h"
#include "table-schema.h"

/* Column flags of a row. */
enum {
    COL_LOADED = 1 << 0,        /* 'old' holds the server's value. */
    COL_KNOWN = 1 << 1,         /* 'cur' holds the view's value. */
    COL_READ = 1 << 2,          /* Read by the caller: guard at commit. */
    COL_WRITTEN = 1 << 3,       /* Whole value replaced: "update". */
    COL_MUTATED = 1 << 4,       /* Has mutations: "mutate". */
    COL_FORCED = 1 << 5,        /* Write even if equal to 'old'. */
    COL_INITIAL = 1 << 6        /* New row's column never written. */
};

struct lazy_idl_mutation {
    struct ovs_list node;       /* In row->mutations, in order. */
    unsigned int column;        /* Column index. */
    bool insert;                /* "insert" (else "delete"). */
    bool keys_only;             /* Delete from a map by keys. */
    struct ovsdb_datum datum;
};

struct lazy_idl_table {
    const struct ovsdb_table_schema *schema;
    struct hmap rows;           /* struct lazy_idl_row, by uuid_hash. */
    bool *wanted;               /* Column interest, by column index. */
    bool complete;              /* An "all rows" query was answered. */
    struct shash queries;       /* Key -> struct lazy_idl_query. */
    json_t *json;               /* The table's schema, kept: freeing it
                                 * costs more than keeping it. */
};

struct lazy_idl_row {
    struct hmap_node node;      /* In table->rows. */
    struct lazy_idl_table *table;
    struct uuid uuid;
    bool is_new;                /* Inserted through the view. */
    bool explicit_uuid;         /* New row whose UUID the server must use. */
    bool deleted;
    bool on_change_list;        /* In idl->changed. */
    struct ovs_list change_node;
    struct ovsdb_datum *old;    /* By column index. */
    struct ovsdb_datum *cur;
    unsigned char *flags;
    struct ovs_list mutations;  /* struct lazy_idl_mutation. */
    char *uuid_name;            /* "named-uuid" of a new row. */
    struct uuid real_uuid;      /* After commit, for a new row. */
};

struct lazy_idl_query {
    enum lazy_idl_match match;
    const struct ovsdb_column *column;
    union ovsdb_atom atom;      /* Owned. */
    bool done;                  /* Answered by the server. */
    bool queued;                /* In idl->pending. */
    struct uuid *result;        /* Server rows, sorted. */
    size_t n_result;
    json_t *where;              /* Its condition. */
};

struct lazy_idl {
    struct jsonrpc *rpc;
    char *db_label;
    char *db_name;
    struct ovsdb_schema *schema; /* Holds the tables parsed so far. */
    struct schema_text *schema_text;    /* The schema, as text. */
    struct shash tables;        /* Name -> struct lazy_idl_table. */
    struct ovs_list changed;    /* Rows with changes, in order. */
    struct lazy_idl_query **pending;    /* Queued queries. */
    struct lazy_idl_table **pending_tables;
    size_t n_pending, allocated_pending;
    json_t *extra_ops;          /* Caller's operations. */
    char *comment;
    struct ovs_list updates;    /* Buffered "update" notifications. */
    unsigned int n_monitors;
    struct hmap real_uuids;     /* struct uuid_pair, after commit. */
};

struct buffered_update {
    struct ovs_list node;
    json_t *table_updates;
};

struct uuid_pair {
    struct hmap_node node;
    struct uuid local, real;
};

static void fetch_queries(struct lazy_idl *, struct lazy_idl_query **,
                          struct lazy_idl_table **, size_t n);
static void load_column(struct lazy_idl *, struct lazy_idl_row *,
                        unsigned int column);

static struct lazy_idl_table *
get_table(const struct lazy_idl *idl, const struct ovsdb_table_schema *ts)
{
    struct lazy_idl_table *t = shash_find_data(&idl->tables, ts->name);
    if (!t) {
        ovs_abort_at(__func__, "unknown table %s", ts->name);
    }
    return t;
}

static const struct ovsdb_type *
col_type(const struct lazy_idl_row *row, unsigned int idx)
{
    return &row->table->schema->columns_by_index[idx]->type;
}

/* ------------------------------------------------------------------ */
/* Creation and destruction. */

struct lazy_idl *
lazy_idl_create(struct stream *stream, const char *db_label,
                const char *db_name)
{
    struct lazy_idl *idl = xzalloc(sizeof *idl);

    idl->db_label = xstrdup(db_label);
    idl->db_name = xstrdup(db_name);
    idl->schema_text = schema_text_fetch(stream, db_label, db_name);
    idl->rpc = jsonrpc_open(stream);
    idl->schema = ovsdb_schema_create(db_name, NULL, NULL);
    shash_init(&idl->tables);
    ovs_list_init(&idl->changed);
    ovs_list_init(&idl->updates);
    hmap_init(&idl->real_uuids);
    idl->extra_ops = json_array();
    return idl;
}

const char *const *
lazy_idl_get_table_names(const struct lazy_idl *idl, size_t *n)
{
    return schema_text_get_table_names(idl->schema_text, n);
}

static void
row_destroy(struct lazy_idl_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    struct lazy_idl_mutation *m;

    for (size_t i = 0; i < ts->n_columns; i++) {
        const struct ovsdb_type *type = &ts->columns_by_index[i]->type;
        if (row->flags[i] & COL_LOADED) {
            ovsdb_datum_destroy(&row->old[i], type);
        }
        if (row->flags[i] & COL_KNOWN) {
            ovsdb_datum_destroy(&row->cur[i], type);
        }
    }
    LIST_FOR_EACH_POP (m, node, &row->mutations) {
        ovsdb_datum_destroy(&m->datum, col_type(row, m->column));
        free(m);
    }
    free(row->old);
    free(row->cur);
    free(row->flags);
    free(row->uuid_name);
    free(row);
}

static void
query_destroy(struct lazy_idl_query *q)
{
    if (q->column && q->match != LAZY_IDL_ALL) {
        ovsdb_atom_destroy(&q->atom, q->column->type.key.type);
    }
    free(q->result);
    json_decref(q->where);
    free(q);
}

void
lazy_idl_clear(struct lazy_idl *idl)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &idl->tables) {
        struct lazy_idl_table *t = node->data;
        struct lazy_idl_row *row;
        struct shash_node *qn;

        HMAP_FOR_EACH_POP (row, node, &t->rows) {
            row_destroy(row);
        }
        SHASH_FOR_EACH (qn, &t->queries) {
            query_destroy(qn->data);
        }
        shash_clear(&t->queries);
        t->complete = false;
    }
    ovs_list_init(&idl->changed);
    idl->n_pending = 0;
    json_array_clear(idl->extra_ops);
    free(idl->comment);
    idl->comment = NULL;

    struct uuid_pair *p;
    HMAP_FOR_EACH_POP (p, node, &idl->real_uuids) {
        free(p);
    }
}

void
lazy_idl_destroy(struct lazy_idl *idl)
{
    if (!idl) {
        return;
    }
    lazy_idl_clear(idl);

    struct shash_node *node;
    SHASH_FOR_EACH (node, &idl->tables) {
        struct lazy_idl_table *t = node->data;
        hmap_destroy(&t->rows);
        shash_destroy(&t->queries);
        free(t->wanted);
        json_decref(t->json);
        free(t);
    }
    shash_destroy(&idl->tables);

    struct buffered_update *u;
    LIST_FOR_EACH_POP (u, node, &idl->updates) {
        json_decref(u->table_updates);
        free(u);
    }
    hmap_destroy(&idl->real_uuids);
    free(idl->pending);
    free(idl->pending_tables);
    json_decref(idl->extra_ops);
    jsonrpc_close(idl->rpc);
    ovsdb_schema_destroy(idl->schema);
    schema_text_destroy(idl->schema_text);
    free(idl->db_label);
    free(idl->db_name);
    free(idl);
}

const struct ovsdb_table_schema *
lazy_idl_get_table(const struct lazy_idl *idl_, const char *name)
{
    struct lazy_idl *idl = (struct lazy_idl *) idl_;
    struct lazy_idl_table *t = shash_find_data(&idl->tables, name);

    if (t) {
        return t->schema;
    }

    /* Parse the table's schema the first time it is needed: a command
     * line touches a few of the tables. */
    json_t *json = schema_text_get_table(idl->schema_text, name);
    if (!json) {
        return NULL;
    }
    struct ovsdb_table_schema *ts;
    struct ovsdb_error *error = ovsdb_table_schema_from_json(json, name,
                                                             &ts);
    if (error) {
        ovs_fatal(0, "%s: bad schema for table %s: %s", idl->db_label, name,
                  ovsdb_error_to_string_free(error));
    }
    if (schema_text_all_root(idl->schema_text)) {
        ts->is_root = true;
    }
    shash_add(&idl->schema->tables, name, ts);

    t = xzalloc(sizeof *t);
    t->schema = ts;
    hmap_init(&t->rows);
    t->wanted = xcalloc(ts->n_columns, sizeof *t->wanted);
    shash_init(&t->queries);
    t->json = json;
    shash_add(&idl->tables, name, t);
    return ts;
}

const struct ovsdb_column *
lazy_idl_get_column(const struct ovsdb_table_schema *ts, const char *name)
{
    return ovsdb_table_schema_get_column(ts, name);
}

void
lazy_idl_want_column(struct lazy_idl *idl,
                     const struct ovsdb_table_schema *ts,
                     const struct ovsdb_column *column)
{
    get_table(idl, ts)->wanted[column->index] = true;
}

void
lazy_idl_want_all_columns(struct lazy_idl *idl,
                          const struct ovsdb_table_schema *ts)
{
    struct lazy_idl_table *t = get_table(idl, ts);
    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        t->wanted[i] = true;
    }
}

/* ------------------------------------------------------------------ */
/* Blocking RPC. */

static void OVS_NO_RETURN
connection_failed(const struct lazy_idl *idl, int error)
{
    ovs_fatal(0, "%s: database connection failed (%s)", idl->db_label,
              error == EOF ? "End of file" : ovs_strerror(error));
}

static void
buffer_update(struct lazy_idl *idl, struct jsonrpc_msg *msg)
{
    json_t *params = msg->params;
    if (json_is_array(params) && json_array_size(params) == 2) {
        struct buffered_update *u = xmalloc(sizeof *u);
        u->table_updates = json_incref(json_array_get(params, 1));
        ovsdb_client_json_normalize(u->table_updates);
        ovs_list_push_back(&idl->updates, &u->node);
    }
}

/* Receives one message, blocking, with fatal signals handled. */
static struct jsonrpc_msg *
recv_block(struct lazy_idl *idl)
{
    for (;;) {
        struct jsonrpc_msg *msg;
        int error;

        fatal_signal_run();
        jsonrpc_run(idl->rpc);
        error = jsonrpc_recv(idl->rpc, &msg);
        if (!error) {
            if (msg->type == JSONRPC_REQUEST
                && !strcmp(msg->method, "echo")) {
                jsonrpc_send(idl->rpc, jsonrpc_create_reply(
                                 json_incref(msg->params), msg->id));
                jsonrpc_msg_destroy(msg);
                continue;
            }
            return msg;
        } else if (error != EAGAIN) {
            connection_failed(idl, error);
        }
        jsonrpc_run(idl->rpc);
        jsonrpc_wait(idl->rpc);
        jsonrpc_recv_wait(idl->rpc);
        fatal_signal_wait();
        poll_block();
    }
}

struct jsonrpc_msg *
lazy_idl_transact_block(struct lazy_idl *idl, struct jsonrpc_msg *request)
{
    json_t *id = json_incref(request->id);
    int error = jsonrpc_send(idl->rpc, request);

    if (error) {
        connection_failed(idl, error);
    }
    for (;;) {
        struct jsonrpc_msg *msg = recv_block(idl);
        if ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
            && json_equal(msg->id, id)) {
            json_decref(id);
            if (msg->result) {
                ovsdb_client_json_normalize(msg->result);
            }
            return msg;
        }
        if (msg->type == JSONRPC_NOTIFY && !strcmp(msg->method, "update")) {
            buffer_update(idl, msg);
        }
        jsonrpc_msg_destroy(msg);
    }
}

/* Sends the transaction OPS (taken, without the database name) and
 * returns the result array (caller decrefs).  A JSON-RPC error is fatal. */
static json_t *
transact(struct lazy_idl *idl, json_t *ops)
{
    json_array_insert_new(ops, 0, json_string(idl->db_name));
    struct jsonrpc_msg *reply = lazy_idl_transact_block(
        idl, jsonrpc_create_request("transact", ops, NULL));
    if (reply->type == JSONRPC_ERROR || !json_is_array(reply->result)) {
        struct ds s = DS_EMPTY_INITIALIZER;
        table_put_json(&s, reply->error ? reply->error : reply->result,
                       false);
        ovs_fatal(0, "transaction returned error: %s", ds_cstr(&s));
    }
    json_t *result = json_incref(reply->result);
    jsonrpc_msg_destroy(reply);
    return result;
}

/* Like transact() for a transaction of "select"s: any error is fatal. */
static json_t *
transact_selects(struct lazy_idl *idl, json_t *ops)
{
    json_t *result = transact(idl, ops);
    size_t i;
    json_t *r;

    json_array_foreach (result, i, r) {
        if (json_object_get(r, "error")) {
            struct ds s = DS_EMPTY_INITIALIZER;
            table_put_json(&s, r, false);
            ovs_fatal(0, "%s: query failed: %s", idl->db_label,
                      ds_cstr(&s));
        }
    }
    return result;
}

/* ------------------------------------------------------------------ */
/* Rows. */

static struct lazy_idl_row *
find_row(const struct lazy_idl_table *t, const struct uuid *uuid)
{
    struct lazy_idl_row *row;
    HMAP_FOR_EACH_WITH_HASH (row, node, uuid_hash(uuid), &t->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

static struct lazy_idl_row *
row_create(struct lazy_idl_table *t, const struct uuid *uuid)
{
    struct lazy_idl_row *row = xzalloc(sizeof *row);
    size_t n = t->schema->n_columns;

    row->table = t;
    row->uuid = *uuid;
    row->old = xcalloc(n, sizeof *row->old);
    row->cur = xcalloc(n, sizeof *row->cur);
    row->flags = xcalloc(n, 1);
    ovs_list_init(&row->mutations);
    hmap_insert(&t->rows, &row->node, uuid_hash(uuid));

    /* _uuid is always known. */
    ovsdb_datum_init_uuid(&row->old[OVSDB_COL_UUID], uuid);
    ovsdb_datum_init_uuid(&row->cur[OVSDB_COL_UUID], uuid);
    row->flags[OVSDB_COL_UUID] = COL_LOADED | COL_KNOWN;
    return row;
}

static void
note_change(struct lazy_idl *idl, struct lazy_idl_row *row)
{
    if (!row->on_change_list) {
        row->on_change_list = true;
        ovs_list_push_back(&idl->changed, &row->change_node);
    }
}

/* Applies mutation M to DATUM of ROW's column type. */
static void
apply_mutation(const struct lazy_idl_row *row,
               const struct lazy_idl_mutation *m, struct ovsdb_datum *datum)
{
    const struct ovsdb_type *type = col_type(row, m->column);
    if (m->insert) {
        ovsdb_datum_union(datum, &m->datum, type);
    } else {
        struct ovsdb_type key_type = *type;
        if (m->keys_only) {
            key_type.value.type = OVSDB_TYPE_VOID;
            key_type.value.enum_ = NULL;
        }
        ovsdb_datum_subtract(datum, type, &m->datum, &key_type);
    }
}

/* Stores SERVER (taken) as the server value of column IDX of ROW unless
 * one is stored already. */
static void
merge_column(struct lazy_idl_row *row, unsigned int idx,
             struct ovsdb_datum *server)
{
    const struct ovsdb_type *type = col_type(row, idx);
    unsigned char *f = &row->flags[idx];

    if (*f & COL_LOADED) {
        ovsdb_datum_destroy(server, type);
        return;
    }
    row->old[idx] = *server;
    *f |= COL_LOADED;
    if (!(*f & COL_KNOWN)) {
        ovsdb_datum_clone(&row->cur[idx], server, type);
        *f |= COL_KNOWN;
        if (*f & COL_MUTATED) {
            struct lazy_idl_mutation *m;
            LIST_FOR_EACH (m, node, &row->mutations) {
                if (m->column == idx) {
                    apply_mutation(row, m, &row->cur[idx]);
                }
            }
        }
    }
}

/* Parses ROW_JSON (a selected row) into the view, returning the row. */
static struct lazy_idl_row *
merge_row(struct lazy_idl_table *t, const json_t *row_json)
{
    const json_t *uuid_json = json_object_get(row_json, "_uuid");
    struct uuid uuid;

    if (!ovsdb_uuid_from_json(uuid_json, &uuid)) {
        return NULL;
    }
    struct lazy_idl_row *row = find_row(t, &uuid);
    if (!row) {
        row = row_create(t, &uuid);
    }

    const char *name;
    json_t *value;
    json_object_foreach ((json_t *) row_json, name, value) {
        const struct ovsdb_column *c
            = ovsdb_table_schema_get_column(t->schema, name);
        struct ovsdb_datum datum;
        struct ovsdb_error *error;

        if (!c || c->index < OVSDB_N_STD_COLUMNS) {
            continue;
        }
        error = ovsdb_datum_from_json_relaxed(&datum, &c->type, value,
                                              NULL);
        if (error) {
            ovsdb_error_destroy(error);
            continue;
        }
        merge_column(row, c->index, &datum);
    }
    return row;
}

const struct uuid *
lazy_idl_row_get_uuid(const struct lazy_idl_row *row)
{
    return &row->uuid;
}

const struct ovsdb_table_schema *
lazy_idl_row_get_table(const struct lazy_idl_row *row)
{
    return row->table->schema;
}

bool
lazy_idl_row_is_new(const struct lazy_idl_row *row)
{
    return row->is_new;
}

bool
lazy_idl_row_is_deleted(const struct lazy_idl_row *row)
{
    return row->deleted;
}

const struct ovsdb_datum *
lazy_idl_row_get(struct lazy_idl *idl, struct lazy_idl_row *row,
                 const struct ovsdb_column *column)
{
    unsigned int idx = column->index;

    if (!(row->flags[idx] & COL_KNOWN)) {
        load_column(idl, row, idx);
    }
    if (!row->is_new && (row->flags[idx] & COL_LOADED)) {
        row->flags[idx] |= COL_READ;
    }
    return &row->cur[idx];
}

/* Makes column IDX of ROW known: fetches the server value (for every row
 * of the table at once if the table was fetched whole). */
static void
load_column(struct lazy_idl *idl, struct lazy_idl_row *row,
            unsigned int idx)
{
    struct lazy_idl_table *t = row->table;
    const struct ovsdb_column *c = t->schema->columns_by_index[idx];
    json_t *columns = json_array();
    json_t *select = json_object();
    json_t *where;

    json_array_append_new(columns, json_string("_uuid"));
    json_array_append_new(columns, json_string(c->name));
    if (t->complete) {
        where = json_array();
    } else {
        where = json_pack("[[s, s, o]]", "_uuid", "==",
                          ovsdb_uuid_to_json(&row->uuid));
    }
    json_object_set_new(select, "op", json_string("select"));
    json_object_set_new(select, "table", json_string(t->schema->name));
    json_object_set_new(select, "where", where);
    json_object_set_new(select, "columns", columns);

    json_t *ops = json_array();
    json_array_append_new(ops, select);
    json_t *result = transact_selects(idl, ops);
    json_t *rows = json_object_get(json_array_get(result, 0), "rows");
    size_t i;
    json_t *r;
    json_array_foreach (rows, i, r) {
        merge_row(t, r);
    }
    json_decref(result);

    if (!(row->flags[idx] & COL_KNOWN)) {
        /* The row vanished meanwhile.  Use the default value and guard it:
         * the guard cannot hold for a row that does not exist, so the
         * commit will start over. */
        struct ovsdb_datum d;
        ovsdb_datum_init_default(&d, &c->type);
        merge_column(row, idx, &d);
        row->flags[idx] |= COL_READ;
    }
}

static void
ensure_writable(struct lazy_idl *idl, struct lazy_idl_row *row)
{
    if (row->deleted) {
        return;
    }
    note_change(idl, row);
}

void
lazy_idl_row_set(struct lazy_idl *idl, struct lazy_idl_row *row,
                 const struct ovsdb_column *column, struct ovsdb_datum *datum,
                 bool force)
{
    unsigned int idx = column->index;
    const struct ovsdb_type *type = &column->type;
    unsigned char *f = &row->flags[idx];

    if ((*f & COL_KNOWN) && !force
        && ovsdb_datum_equals(&row->cur[idx], datum, type)) {
        ovsdb_datum_destroy(datum, type);
        return;
    }
    if (*f & COL_KNOWN) {
        ovsdb_datum_destroy(&row->cur[idx], type);
    }
    row->cur[idx] = *datum;
    *f |= COL_KNOWN | COL_WRITTEN;
    *f &= ~COL_INITIAL;
    if (force) {
        *f |= COL_FORCED;
    }
    if (*f & COL_MUTATED) {
        struct lazy_idl_mutation *m;
        LIST_FOR_EACH_SAFE (m, node, &row->mutations) {
            if (m->column == idx) {
                ovs_list_remove(&m->node);
                ovsdb_datum_destroy(&m->datum, type);
                free(m);
            }
        }
        *f &= ~COL_MUTATED;
    }
    ensure_writable(idl, row);
}

static void
add_mutation(struct lazy_idl *idl, struct lazy_idl_row *row,
             const struct ovsdb_column *column, struct ovsdb_datum *datum,
             bool insert, bool keys_only)
{
    unsigned int idx = column->index;
    unsigned char *f = &row->flags[idx];
    struct lazy_idl_mutation *m = xmalloc(sizeof *m);

    m->column = idx;
    m->insert = insert;
    m->keys_only = keys_only;
    m->datum = *datum;
    if ((*f & COL_INITIAL) && insert) {
        /* Elements added to a new row's column replace its default (a
         * required reference column's default is a zero UUID). */
        ovsdb_datum_destroy(&row->cur[idx], &column->type);
        ovsdb_datum_init_empty(&row->cur[idx]);
    }
    *f &= ~COL_INITIAL;
    if (*f & COL_KNOWN) {
        apply_mutation(row, m, &row->cur[idx]);
    }
    if (row->is_new || (*f & COL_WRITTEN)) {
        /* The whole value is written anyway. */
        *f |= COL_WRITTEN;
        ovsdb_datum_destroy(&m->datum, &column->type);
        free(m);
    } else {
        ovs_list_push_back(&row->mutations, &m->node);
        *f |= COL_MUTATED;
    }
    ensure_writable(idl, row);
}

void
lazy_idl_row_insert_elems(struct lazy_idl *idl, struct lazy_idl_row *row,
                          const struct ovsdb_column *column,
                          struct ovsdb_datum *datum)
{
    add_mutation(idl, row, column, datum, true, false);
}

void
lazy_idl_row_delete_elems(struct lazy_idl *idl, struct lazy_idl_row *row,
                          const struct ovsdb_column *column,
                          struct ovsdb_datum *datum, bool keys_only)
{
    if (keys_only && ovsdb_type_is_map(&column->type)) {
        add_mutation(idl, row, column, datum, false, true);
    } else {
        add_mutation(idl, row, column, datum, false, false);
    }
}

struct lazy_idl_row *
lazy_idl_row_insert(struct lazy_idl *idl, const struct ovsdb_table_schema *ts,
                    const struct uuid *uuid, bool explicit)
{
    struct lazy_idl_table *t = get_table(idl, ts);
    struct lazy_idl_row *row = row_create(t, uuid);
    char buf[UUID_LEN + 1];

    row->is_new = true;
    row->explicit_uuid = explicit;
    uuid_to_string(uuid, buf);
    for (char *p = buf; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    row->uuid_name = xasprintf("row%s", buf);
    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        ovsdb_datum_init_default(&row->cur[i],
                                 &ts->columns_by_index[i]->type);
        row->flags[i] = COL_KNOWN | COL_INITIAL;
    }
    ovsdb_datum_init_empty(&row->cur[OVSDB_COL_VERSION]);
    row->flags[OVSDB_COL_VERSION] = COL_KNOWN;
    note_change(idl, row);
    return row;
}

size_t
lazy_idl_get_new_rows(struct lazy_idl *idl,
                      const struct ovsdb_table_schema *ts,
                      struct lazy_idl_row ***rowsp)
{
    struct lazy_idl_row **rows = xmalloc((ovs_list_size(&idl->changed) + 1)
                                         * sizeof *rows);
    struct lazy_idl_row *row;
    size_t n = 0;

    LIST_FOR_EACH (row, change_node, &idl->changed) {
        if (row->is_new && !row->deleted && row->table->schema == ts) {
            rows[n++] = row;
        }
    }
    *rowsp = rows;
    return n;
}

void
lazy_idl_row_delete(struct lazy_idl *idl, struct lazy_idl_row *row)
{
    row->deleted = true;
    note_change(idl, row);
}

/* ------------------------------------------------------------------ */
/* Queries. */

static char *
query_key(enum lazy_idl_match match, const struct ovsdb_column *column,
          const union ovsdb_atom *atom)
{
    if (match == LAZY_IDL_ALL) {
        return xstrdup("*");
    }
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_format(&s, "%s %s ", match == LAZY_IDL_EQ ? "==" : "includes",
                  column->name);
    json_t *j = ovsdb_atom_to_json(atom, column->type.key.type);
    table_put_json(&s, j, false);
    json_decref(j);
    return ds_steal_cstr(&s);
}

static struct lazy_idl_query *
get_query(struct lazy_idl_table *t, enum lazy_idl_match match,
          const struct ovsdb_column *column, const union ovsdb_atom *atom)
{
    char *key = query_key(match, column, atom);
    struct lazy_idl_query *q = shash_find_data(&t->queries, key);

    if (!q) {
        q = xzalloc(sizeof *q);
        q->match = match;
        if (match != LAZY_IDL_ALL) {
            q->column = column;
            ovsdb_atom_clone(&q->atom, atom, column->type.key.type);
            q->where = json_pack(
                "[[s, s, o]]", column->name,
                match == LAZY_IDL_EQ ? "==" : "includes",
                ovsdb_atom_to_json(atom, column->type.key.type));
        } else {
            q->where = json_array();
        }
        shash_add_nocopy(&t->queries, key, q);
    } else {
        free(key);
    }
    return q;
}

/* True if query Q can be answered without the server: the table was
 * fetched whole with Q's column. */
static bool
answerable_locally(const struct lazy_idl_table *t,
                   const struct lazy_idl_query *q)
{
    if (!t->complete || q->match == LAZY_IDL_ALL) {
        return t->complete;
    }
    struct lazy_idl_row *row;
    HMAP_FOR_EACH (row, node, &t->rows) {
        if (!row->is_new && !(row->flags[q->column->index]
                              & (COL_LOADED | COL_KNOWN))) {
            return false;
        }
    }
    return true;
}

void
lazy_idl_prefetch(struct lazy_idl *idl, const struct ovsdb_table_schema *ts,
                  enum lazy_idl_match match,
                  const struct ovsdb_column *column,
                  const union ovsdb_atom *atom)
{
    struct lazy_idl_table *t = get_table(idl, ts);
    struct lazy_idl_query *q = get_query(t, match, column, atom);

    if (q->done || q->queued || answerable_locally(t, q)) {
        return;
    }
    if (idl->n_pending >= idl->allocated_pending) {
        size_t n = idl->allocated_pending;
        idl->pending = x2nrealloc(idl->pending, &n, sizeof *idl->pending);
        idl->pending_tables = xrealloc(idl->pending_tables,
                                       n * sizeof *idl->pending_tables);
        idl->allocated_pending = n;
    }
    q->queued = true;
    idl->pending[idl->n_pending] = q;
    idl->pending_tables[idl->n_pending] = t;
    idl->n_pending++;
}

void
lazy_idl_flush(struct lazy_idl *idl)
{
    if (idl->n_pending) {
        size_t n = idl->n_pending;
        struct lazy_idl_query **qs = xmemdup(idl->pending, n * sizeof *qs);
        struct lazy_idl_table **ts = xmemdup(idl->pending_tables,
                                             n * sizeof *ts);
        idl->n_pending = 0;
        fetch_queries(idl, qs, ts, n);
        free(qs);
        free(ts);
    }
}

static int
compare_uuids(const void *a_, const void *b_)
{
    return uuid_compare_3way(a_, b_);
}

static void
fetch_queries(struct lazy_idl *idl, struct lazy_idl_query **qs,
              struct lazy_idl_table **ts, size_t n)
{
    json_t *ops = json_array();

    for (size_t i = 0; i < n; i++) {
        const struct lazy_idl_table *t = ts[i];
        json_t *columns = json_array();
        json_t *select = json_object();

        json_array_append_new(columns, json_string("_uuid"));
        for (size_t j = OVSDB_N_STD_COLUMNS; j < t->schema->n_columns;
             j++) {
            const struct ovsdb_column *c = t->schema->columns_by_index[j];
            if (t->wanted[j]
                || (qs[i]->match == LAZY_IDL_EQ && c == qs[i]->column)) {
                json_array_append_new(columns, json_string(c->name));
            }
        }
        json_object_set_new(select, "op", json_string("select"));
        json_object_set_new(select, "table",
                            json_string(t->schema->name));
        json_object_set_new(select, "where", json_incref(qs[i]->where));
        json_object_set_new(select, "columns", columns);
        json_array_append_new(ops, select);
    }

    json_t *result = transact_selects(idl, ops);
    for (size_t i = 0; i < n; i++) {
        struct lazy_idl_query *q = qs[i];
        json_t *rows = json_object_get(json_array_get(result, i), "rows");
        size_t n_rows = json_array_size(rows);
        size_t k;
        json_t *r;

        q->queued = false;
        q->done = true;
        q->result = xcalloc(n_rows ? n_rows : 1, sizeof *q->result);
        q->n_result = 0;
        json_array_foreach (rows, k, r) {
            struct lazy_idl_row *row = merge_row(ts[i], r);
            if (row) {
                q->result[q->n_result++] = row->uuid;
            }
        }
        qsort(q->result, q->n_result, sizeof *q->result, compare_uuids);
        if (q->match == LAZY_IDL_ALL) {
            ts[i]->complete = true;
        }
    }
    json_decref(result);
}

static bool
in_result(const struct lazy_idl_query *q, const struct uuid *uuid)
{
    return q->done && bsearch(uuid, q->result, q->n_result,
                              sizeof *q->result, compare_uuids);
}

static bool
datum_matches(const struct lazy_idl_query *q, const struct ovsdb_datum *d)
{
    enum ovsdb_atomic_type type = q->column->type.key.type;
    if (q->match == LAZY_IDL_EQ) {
        return d->n == 1 && ovsdb_atom_equals(&d->keys[0], &q->atom, type);
    } else {
        return ovsdb_datum_find_key(d, &q->atom, type) != UINT_MAX;
    }
}

/* Does ROW match Q in the view? */
static bool
row_matches(struct lazy_idl *idl, const struct lazy_idl_query *q,
            struct lazy_idl_row *row)
{
    if (row->deleted) {
        return false;
    } else if (q->match == LAZY_IDL_ALL) {
        return true;
    }

    unsigned int idx = q->column->index;
    unsigned char f = row->flags[idx];
    if (f & COL_KNOWN) {
        return datum_matches(q, &row->cur[idx]);
    } else if (!(f & COL_MUTATED)) {
        return in_result(q, &row->uuid);
    } else if (q->match == LAZY_IDL_INCLUDES) {
        /* Replay the mutations on the server's answer for this atom. */
        bool match = in_result(q, &row->uuid);
        struct lazy_idl_mutation *m;
        LIST_FOR_EACH (m, node, &row->mutations) {
            if (m->column == idx
                && ovsdb_datum_find_key(&m->datum, &q->atom,
                                        q->column->type.key.type)
                   != UINT_MAX) {
                match = m->insert;
            }
        }
        return match;
    } else {
        load_column(idl, row, idx);
        return datum_matches(q, &row->cur[idx]);
    }
}

static int
compare_rows(const void *a_, const void *b_)
{
    const struct lazy_idl_row *const *a = a_;
    const struct lazy_idl_row *const *b = b_;
    return uuid_compare_3way(&(*a)->uuid, &(*b)->uuid);
}

struct lazy_idl_row **
lazy_idl_query(struct lazy_idl *idl, const struct ovsdb_table_schema *ts,
               enum lazy_idl_match match, const struct ovsdb_column *column,
               const union ovsdb_atom *atom, size_t *np)
{
    struct lazy_idl_table *t = get_table(idl, ts);
    struct lazy_idl_row **rows;
    size_t n = 0;

    if (match == LAZY_IDL_EQ && column->index == OVSDB_COL_UUID) {
        /* A cached row is known to exist (the query that found it guards
         * that); an unknown one is asked for. */
        struct lazy_idl_row *row = find_row(t, &atom->uuid);
        if (!row && !t->complete) {
            struct lazy_idl_query *q = get_query(t, match, column, atom);
            if (!q->done) {
                lazy_idl_prefetch(idl, ts, match, column, atom);
                lazy_idl_flush(idl);
            }
            row = find_row(t, &atom->uuid);
        }
        rows = xmalloc(sizeof *rows);
        if (row && !row->deleted) {
            rows[n++] = row;
        }
        *np = n;
        return rows;
    }

    struct lazy_idl_query *q = get_query(t, match, column, atom);
    if (!q->done && !answerable_locally(t, q)) {
        lazy_idl_prefetch(idl, ts, match, column, atom);
        lazy_idl_flush(idl);
    }

    rows = xmalloc((hmap_count(&t->rows) + 1) * sizeof *rows);
    struct lazy_idl_row *row;
    HMAP_FOR_EACH (row, node, &t->rows) {
        if (row_matches(idl, q, row)) {
            rows[n++] = row;
        }
    }
    qsort(rows, n, sizeof *rows, compare_rows);
    *np = n;
    return rows;
}

struct lazy_idl_row *
lazy_idl_get_row(struct lazy_idl *idl, const struct ovsdb_table_schema *ts,
                 const struct uuid *uuid)
{
    union ovsdb_atom atom;
    size_t n;

    atom.uuid = *uuid;
    struct lazy_idl_row **rows = lazy_idl_query(
        idl, ts, LAZY_IDL_EQ, ts->columns_by_index[OVSDB_COL_UUID], &atom,
        &n);
    struct lazy_idl_row *row = n ? rows[0] : NULL;
    free(rows);
    return row;
}

struct lazy_idl_row *
lazy_idl_find_by_string(struct lazy_idl *idl,
                        const struct ovsdb_table_schema *ts,
                        const struct ovsdb_column *column, const char *name,
                        size_t *n_matches)
{
    union ovsdb_atom atom;
    size_t n;

    atom.string = (char *) name;
    struct lazy_idl_row **rows = lazy_idl_query(idl, ts, LAZY_IDL_EQ,
                                                column, &atom, &n);
    struct lazy_idl_row *row = n ? rows[0] : NULL;
    free(rows);
    if (n_matches) {
        *n_matches = n;
    }
    return row;
}

/* ------------------------------------------------------------------ */
/* Commit. */

void
lazy_idl_set_comment(struct lazy_idl *idl, const char *comment)
{
    free(idl->comment);
    idl->comment = nullable_xstrdup(comment);
}

size_t
lazy_idl_add_op(struct lazy_idl *idl, json_t *op)
{
    json_array_append_new(idl->extra_ops, op);
    return json_array_size(idl->extra_ops) - 1;
}

/* Replaces, in JSON, each ["uuid", U] where U is a row inserted through
 * the view (not with an explicit UUID) by ["named-uuid", NAME].  Returns
 * JSON or its replacement (the reference is transferred). */
static json_t *
name_new_uuids(struct lazy_idl *idl, json_t *json)
{
    if (!json_is_array(json)) {
        return json;
    }
    if (json_array_size(json) == 2
        && json_is_string(json_array_get(json, 0))
        && !strcmp(json_string_value(json_array_get(json, 0)), "uuid")) {
        struct uuid uuid;
        if (ovsdb_uuid_from_json(json, &uuid)) {
            struct shash_node *node;
            SHASH_FOR_EACH (node, &idl->tables) {
                struct lazy_idl_row *row = find_row(node->data, &uuid);
                if (row && row->is_new && !row->explicit_uuid) {
                    json_decref(json);
                    return json_pack("[s, s]", "named-uuid",
                                     row->uuid_name);
                }
            }
        }
        return json;
    }
    size_t i;
    json_t *elem;
    json_array_foreach (json, i, elem) {
        json_t *new = name_new_uuids(idl, json_incref(elem));
        json_array_set_new(json, i, new);
    }
    return json;
}

/* True if UUID is a row inserted and then deleted through the view: it
 * never reaches the server, so references to it are dropped. */
static bool
is_dead_row(const struct lazy_idl *idl, const struct uuid *uuid)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &idl->tables) {
        const struct lazy_idl_row *row = find_row(node->data, uuid);
        if (row) {
            return row->is_new && row->deleted;
        }
    }
    return false;
}

static bool
atom_is_dead(const struct lazy_idl *idl, const union ovsdb_atom *atom,
             enum ovsdb_atomic_type type)
{
    return type == OVSDB_TYPE_UUID && is_dead_row(idl, &atom->uuid);
}

static json_t *
datum_json(struct lazy_idl *idl, const struct ovsdb_datum *d,
           const struct ovsdb_type *type)
{
    bool dead = false;
    for (unsigned int i = 0; i < d->n && !dead; i++) {
        dead = (atom_is_dead(idl, &d->keys[i], type->key.type)
                || (d->values && atom_is_dead(idl, &d->values[i],
                                              type->value.type)));
    }
    if (!dead) {
        return name_new_uuids(idl, ovsdb_datum_to_json(d, type));
    }

    /* Leave out the elements that refer to rows that never were. */
    struct ovsdb_datum live;
    ovsdb_datum_init_empty(&live);
    for (unsigned int i = 0; i < d->n; i++) {
        if (!atom_is_dead(idl, &d->keys[i], type->key.type)
            && !(d->values && atom_is_dead(idl, &d->values[i],
                                           type->value.type))) {
            ovsdb_datum_add_unsafe(&live, &d->keys[i],
                                   d->values ? &d->values[i] : NULL, type);
        }
    }
    json_t *json = name_new_uuids(idl, ovsdb_datum_to_json(&live, type));
    ovsdb_datum_destroy(&live, type);
    return json;
}

/* Like datum_json() but always in ["set", ...] or ["map", ...] form, as
 * mutation arguments need. */
static json_t *
mutation_json(struct lazy_idl *idl, const struct ovsdb_datum *d,
              const struct ovsdb_type *type)
{
    json_t *j = datum_json(idl, d, type);
    if (json_is_array(j) && json_array_size(j) == 2
        && json_is_string(json_array_get(j, 0))
        && (!strcmp(json_string_value(json_array_get(j, 0)), "set")
            || !strcmp(json_string_value(json_array_get(j, 0)), "map"))) {
        return j;
    }
    return json_pack("[s, [o]]", "set", j);
}

static json_t *
where_uuid(const struct uuid *uuid)
{
    return json_pack("[[s, s, o]]", "_uuid", "==", ovsdb_uuid_to_json(uuid));
}

static json_t *
make_wait(const char *table, json_t *where, json_t *columns, json_t *rows)
{
    return json_pack("{s:s, s:s, s:o, s:o, s:s, s:o, s:i}",
                     "op", "wait", "table", table, "where", where,
                     "columns", columns, "until", "==", "rows", rows,
                     "timeout", 0);
}

/* Appends the guards: one "wait" per answered query (the set of rows it
 * returned) and one per server row with columns read. */
static void
add_guards(struct lazy_idl *idl, json_t *ops)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &idl->tables) {
        struct lazy_idl_table *t = node->data;
        const char *name = t->schema->name;
        struct shash_node *qn;

        SHASH_FOR_EACH (qn, &t->queries) {
            struct lazy_idl_query *q = qn->data;
            if (!q->done) {
                continue;
            }
            json_t *rows = json_array();
            for (size_t i = 0; i < q->n_result; i++) {
                json_array_append_new(rows, json_pack(
                    "{s:o}", "_uuid", ovsdb_uuid_to_json(&q->result[i])));
            }
            json_array_append_new(ops, make_wait(
                name, json_incref(q->where), json_pack("[s]", "_uuid"),
                rows));
        }

        struct lazy_idl_row *row;
        HMAP_FOR_EACH (row, node, &t->rows) {
            json_t *columns = NULL, *values = NULL;
            if (row->is_new) {
                continue;
            }
            for (size_t i = OVSDB_N_STD_COLUMNS; i < t->schema->n_columns;
                 i++) {
                const struct ovsdb_column *c = t->schema->columns_by_index[i];
                if ((row->flags[i] & (COL_READ | COL_LOADED))
                    != (COL_READ | COL_LOADED)) {
                    continue;
                }
                if (!columns) {
                    columns = json_array();
                    values = json_object();
                }
                json_array_append_new(columns, json_string(c->name));
                json_object_set_new(values, c->name,
                                    ovsdb_datum_to_json(&row->old[i],
                                                        &c->type));
            }
            if (columns) {
                json_array_append_new(ops, make_wait(
                    name, where_uuid(&row->uuid), columns,
                    json_pack("[o]", values)));
            }
        }
    }
}

/* Appends the operations for ROW's changes; returns how many. */
static size_t
add_row_ops(struct lazy_idl *idl, struct lazy_idl_row *row, json_t *ops)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    size_t n_ops = 0;

    if (row->is_new) {
        if (row->deleted) {
            return 0;
        }
        json_t *values = json_object();
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            const struct ovsdb_type *type = &ts->columns_by_index[i]->type;
            if (!ovsdb_datum_is_default(&row->cur[i], type)) {
                json_object_set_new(values, ts->columns_by_index[i]->name,
                                    datum_json(idl, &row->cur[i], type));
            }
        }
        json_t *op = json_pack("{s:s, s:s, s:o}", "op", "insert",
                               "table", ts->name, "row", values);
        if (row->explicit_uuid) {
            char buf[UUID_LEN + 1];
            uuid_to_string(&row->uuid, buf);
            json_object_set_new(op, "uuid", json_string(buf));
        } else {
            json_object_set_new(op, "uuid-name",
                                json_string(row->uuid_name));
        }
        json_array_append_new(ops, op);
        return 1;
    }

    if (row->deleted) {
        if (ts->is_root) {
            json_array_append_new(ops, json_pack(
                "{s:s, s:s, s:o}", "op", "delete", "table", ts->name,
                "where", where_uuid(&row->uuid)));
            return 1;
        }
        return 0;
    }

    json_t *values = NULL;
    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_type *type = &ts->columns_by_index[i]->type;
        unsigned char f = row->flags[i];
        if (!(f & COL_WRITTEN)) {
            continue;
        }
        if ((f & COL_LOADED) && !(f & COL_FORCED)
            && ovsdb_datum_equals(&row->old[i], &row->cur[i], type)) {
            continue;
        }
        if (!values) {
            values = json_object();
        }
        json_object_set_new(values, ts->columns_by_index[i]->name,
                            datum_json(idl, &row->cur[i], type));
    }
    if (values) {
        json_array_append_new(ops, json_pack(
            "{s:s, s:s, s:o, s:o}", "op", "update", "table", ts->name,
            "where", where_uuid(&row->uuid), "row", values));
        n_ops++;
    }

    if (!ovs_list_is_empty(&row->mutations)) {
        json_t *mutations = json_array();
        struct lazy_idl_mutation *m;
        LIST_FOR_EACH (m, node, &row->mutations) {
            const struct ovsdb_column *c = ts->columns_by_index[m->column];
            struct ovsdb_type type = c->type;
            if (m->keys_only) {
                type.value.type = OVSDB_TYPE_VOID;
                type.value.enum_ = NULL;
            }
            type.n_min = 0;
            type.n_max = UINT_MAX;
            json_t *arg = mutation_json(idl, &m->datum, &type);
            json_t *elems = json_array_get(arg, 1);
            if (json_is_array(elems) && !json_array_size(elems)) {
                json_decref(arg);
                continue;
            }
            json_array_append_new(mutations, json_pack(
                "[s, s, o]", c->name, m->insert ? "insert" : "delete",
                arg));
        }
        if (json_array_size(mutations)) {
            json_array_append_new(ops, json_pack(
                "{s:s, s:s, s:o, s:o}", "op", "mutate", "table", ts->name,
                "where", where_uuid(&row->uuid), "mutations", mutations));
            n_ops++;
        } else {
            json_decref(mutations);
        }
    }
    return n_ops;
}

static json_t *
build_changes(struct lazy_idl *idl, size_t *n_changes)
{
    json_t *ops = json_array();
    struct lazy_idl_row *row;

    *n_changes = 0;
    LIST_FOR_EACH (row, change_node, &idl->changed) {
        *n_changes += add_row_ops(idl, row, ops);
    }
    return ops;
}

bool
lazy_idl_has_changes(struct lazy_idl *idl)
{
    size_t n;
    json_decref(build_changes(idl, &n));
    return n > 0;
}

struct uuid
lazy_idl_get_real_uuid(const struct lazy_idl *idl, const struct uuid *local)
{
    struct uuid_pair *p;
    HMAP_FOR_EACH_WITH_HASH (p, node, uuid_hash(local), &idl->real_uuids) {
        if (uuid_equals(&p->local, local)) {
            return p->real;
        }
    }
    return *local;
}

static bool
is_wait_failure(const json_t *op_result)
{
    const json_t *error = json_object_get(op_result, "error");
    return json_is_string(error)
           && !strcmp(json_string_value(error), "timed out");
}

enum lazy_idl_status
lazy_idl_commit(struct lazy_idl *idl, bool dry_run, json_t **resultp,
                char **errorp)
{
    size_t n_changes;
    json_t *changes = build_changes(idl, &n_changes);

    if (resultp) {
        *resultp = NULL;
    }
    if (errorp) {
        *errorp = NULL;
    }
    if (!n_changes) {
        json_decref(changes);
        return LAZY_IDL_UNCHANGED;
    }
    if (dry_run) {
        json_decref(changes);
        return LAZY_IDL_SUCCESS;
    }

    json_t *ops = json_array();
    add_guards(idl, ops);
    size_t n_guards = json_array_size(ops);
    size_t first_change = n_guards;
    json_array_extend(ops, changes);
    json_decref(changes);
    json_array_extend(ops, idl->extra_ops);
    if (idl->comment) {
        json_array_append_new(ops, json_pack("{s:s, s:s}", "op", "comment",
                                             "comment", idl->comment));
    }
    size_t n_ops = json_array_size(ops);

    json_t *result = transact(idl, ops);
    for (size_t i = 0; i < json_array_size(result); i++) {
        json_t *r = json_array_get(result, i);
        if (!json_object_get(r, "error")) {
            continue;
        }
        if (i < n_guards && is_wait_failure(r)) {
            json_decref(result);
            return LAZY_IDL_TRY_AGAIN;
        }
        if (errorp) {
            struct ds s = DS_EMPTY_INITIALIZER;
            table_put_json(&s, r, false);
            *errorp = ds_steal_cstr(&s);
        }
        json_decref(result);
        return LAZY_IDL_ERROR;
    }
    if (json_array_size(result) < n_ops) {
        if (errorp) {
            *errorp = xstrdup("transaction was not completed");
        }
        json_decref(result);
        return LAZY_IDL_ERROR;
    }

    /* Learn the UUIDs of inserted rows. */
    size_t i = first_change;
    struct lazy_idl_row *row;
    LIST_FOR_EACH (row, change_node, &idl->changed) {
        json_t *tmp = json_array();
        size_t n = add_row_ops(idl, row, tmp);
        json_decref(tmp);
        if (row->is_new && n) {
            struct uuid real;
            json_t *r = json_array_get(result, i);
            if (ovsdb_uuid_from_json(json_object_get(r, "uuid"), &real)) {
                struct uuid_pair *p = xmalloc(sizeof *p);
                p->local = row->uuid;
                p->real = real;
                hmap_insert(&idl->real_uuids, &p->node,
                            uuid_hash(&row->uuid));
            }
        }
        i += n;
    }

    if (resultp) {
        *resultp = result;
    } else {
        json_decref(result);
    }
    return LAZY_IDL_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Monitors. */

json_t *
lazy_idl_monitor(struct lazy_idl *idl, const struct ovsdb_table_schema *ts,
                 const char *const *columns, size_t n_columns)
{
    json_t *req = json_object();
    if (columns) {
        json_t *cols = json_array();
        for (size_t i = 0; i < n_columns; i++) {
            json_array_append_new(cols, json_string(columns[i]));
        }
        json_object_set_new(req, "columns", cols);
    }
    json_t *requests = json_object();
    json_object_set_new(requests, ts->name, req);

    json_t *params = json_pack("[s, i, o]", idl->db_name,
                               (int) idl->n_monitors++, requests);
    struct jsonrpc_msg *reply = lazy_idl_transact_block(
        idl, jsonrpc_create_request("monitor", params, NULL));
    if (reply->type == JSONRPC_ERROR) {
        struct ds s = DS_EMPTY_INITIALIZER;
        table_put_json(&s, reply->error, false);
        ovs_fatal(0, "%s: monitor failed: %s", idl->db_label, ds_cstr(&s));
    }
    json_t *initial = json_incref(reply->result);
    jsonrpc_msg_destroy(reply);
    return initial;
}

json_t *
lazy_idl_wait_update(struct lazy_idl *idl)
{
    for (;;) {
        if (!ovs_list_is_empty(&idl->updates)) {
            struct buffered_update *u = CONTAINER_OF(
                ovs_list_pop_front(&idl->updates), struct buffered_update,
                node);
            json_t *tu = u->table_updates;
            free(u);
            return tu;
        }
        struct jsonrpc_msg *msg = recv_block(idl);
        if (msg->type == JSONRPC_NOTIFY && !strcmp(msg->method, "update")) {
            buffer_update(idl, msg);
        }
        jsonrpc_msg_destroy(msg);
    }
}
