/* ovsdb-idl-txn: IDL transactions.  While a transaction is being built,
 * each row it touches carries an idl_txn_row: the columns written whole,
 * the columns to verify, partial (mutate) updates of maps and sets, and
 * whether the transaction inserted or deleted it.  Committing turns that
 * into one "transact" request:
 *
 *     [db, {"op":"assert","lock":...}?, wait ops for verified columns,
 *      insert/update/delete/mutate ops by row, increment mutate+select,
 *      comment?, {"op":"commit","durable":true}?, {"op":"abort"}?]
 *
 * then forgets the local view (rows inserted by the transaction go away;
 * the replica changes only when the server's update notification
 * arrives) and waits for the reply, which ovsdb_idl_run() hands to
 * idl_txn_process_reply(). */
#include "ovsdb-idl-private.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "jsonrpc.h"
#include "ovsdb/column.h"
#include "ovsdb/schema.h"
#include "ovsdb/table-schema.h"
#include "poll-loop.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl_txn);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* A row inserted by a committed transaction: its op's result gives the
 * real UUID. */
struct txn_insert {
    struct uuid temp;
    struct uuid real;
    size_t op_index;            /* In the reply's result array. */
};

struct ovsdb_idl_txn {
    struct ovsdb_idl *idl;      /* NULL once the IDL is destroyed. */
    struct ovs_list node;       /* In idl->committed_txns (INCOMPLETE). */
    struct ovs_list all_node;   /* In idl->all_txns. */
    enum ovsdb_idl_txn_status status;
    char *error;                /* Owned; NULL if none. */
    struct ds comment;
    bool dry_run;
    bool durable;
    struct ovs_list rows;       /* struct idl_txn_row, while building. */

    /* Increment. */
    const struct ovsdb_idl_column *inc_column;  /* NULL if none. */
    struct uuid inc_uuid;
    int64_t inc_new_value;

    /* Once committed. */
    json_t *request_id;
    struct txn_insert *inserts;
    size_t n_inserts;
    size_t inc_index;           /* The select's result index. */
    size_t abort_index;         /* The dry run's abort, or SIZE_MAX. */
};

/* What building the operations learned. */
struct build_info {
    size_t n_changes;           /* Ops that change something. */
    struct txn_insert *inserts;
    size_t n_inserts, allocated_inserts;
    size_t inc_index;
    size_t abort_index;
};

const char *
ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status status)
{
    switch (status) {
    case OVSDB_IDL_TXN_UNCOMMITTED: return "uncommitted";
    case OVSDB_IDL_TXN_UNCHANGED: return "unchanged";
    case OVSDB_IDL_TXN_INCOMPLETE: return "incomplete";
    case OVSDB_IDL_TXN_ABORTED: return "aborted";
    case OVSDB_IDL_TXN_SUCCESS: return "success";
    case OVSDB_IDL_TXN_TRY_AGAIN: return "try again";
    case OVSDB_IDL_TXN_ERROR: return "error";
    case OVSDB_IDL_TXN_NOT_LOCKED: return "not locked";
    }
    return "<unknown>";
}

/* ---------------------------------------------------------------------- */
/* Life cycle. */

struct ovsdb_idl_txn *
ovsdb_idl_txn_create(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn = xzalloc(sizeof *txn);

    assert(!idl->txn);
    txn->idl = idl;
    txn->status = OVSDB_IDL_TXN_UNCOMMITTED;
    ds_init(&txn->comment);
    ovs_list_init(&txn->rows);
    ovs_list_init(&txn->node);
    txn->inc_index = SIZE_MAX;
    txn->abort_index = SIZE_MAX;
    ovs_list_push_back(&idl->all_txns, &txn->all_node);
    idl->txn = txn;
    return txn;
}

static void
partial_destroy(struct idl_partial *p)
{
    const struct ovsdb_type *type = &p->column->type;

    ovsdb_datum_destroy(&p->inserts, type);
    ovsdb_datum_destroy(&p->deletes, type);
    ovs_list_remove(&p->node);
    free(p);
}

/* Forgets TXN's local view: rows it inserted disappear, the others lose
 * their transaction state.  TXN stops being the IDL's current one. */
void
idl_txn_disassemble(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;

    while (!ovs_list_is_empty(&txn->rows)) {
        struct idl_txn_row *tr = CONTAINER_OF(ovs_list_pop_front(&txn->rows),
                                              struct idl_txn_row, node);
        struct ovsdb_idl_row *row = tr->row;
        struct ovsdb_idl_table *table = row->table;

        for (size_t i = 0; i < table->n_columns; i++) {
            if (idl_bitmap_is_set(tr->written, i)) {
                ovsdb_datum_destroy(&tr->new_[i], &table->columns[i].type);
            }
        }
        while (!ovs_list_is_empty(&tr->partials)) {
            partial_destroy(CONTAINER_OF(ovs_list_front(&tr->partials),
                                         struct idl_partial, node));
        }
        free(tr->written);
        free(tr->new_);
        free(tr->verified);
        free(tr);
        row->txn = NULL;
        if (!row->fields) {
            hmap_remove(&table->rows, &row->hmap_node);
            idl_row_destroy(row);
        } else {
            idl_row_maybe_free(row);
        }
    }
    if (idl && idl->txn == txn) {
        idl->txn = NULL;
    }
}

void
ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *txn)
{
    if (!txn) {
        return;
    }
    idl_txn_disassemble(txn);
    ovs_list_remove(&txn->node);
    ovs_list_remove(&txn->all_node);
    json_decref(txn->request_id);
    free(txn->inserts);
    free(txn->error);
    ds_destroy(&txn->comment);
    free(txn);
}

struct ovsdb_idl *
ovsdb_idl_txn_get_idl(const struct ovsdb_idl_txn *txn)
{
    return txn->idl;
}

struct ovsdb_idl_txn *
ovsdb_idl_get_txn(const struct ovsdb_idl *idl)
{
    return idl->txn;
}

void
ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *txn, const char *fmt, ...)
{
    va_list args;

    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    va_start(args, fmt);
    ds_put_format_valist(&txn->comment, fmt, args);
    va_end(args);
}

void
ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *txn)
{
    txn->dry_run = true;
}

void
ovsdb_idl_txn_set_durable(struct ovsdb_idl_txn *txn)
{
    txn->durable = true;
}

static void
set_status(struct ovsdb_idl_txn *txn, enum ovsdb_idl_txn_status status,
           char *error)
{
    txn->status = status;
    free(txn->error);
    txn->error = error;
}

void
ovsdb_idl_txn_abort(struct ovsdb_idl_txn *txn)
{
    if (txn->status == OVSDB_IDL_TXN_UNCOMMITTED) {
        idl_txn_disassemble(txn);
        set_status(txn, OVSDB_IDL_TXN_ABORTED, NULL);
    }
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_get_status(const struct ovsdb_idl_txn *txn)
{
    return txn->status;
}

const char *
ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *txn)
{
    return txn->error;
}

void
ovsdb_idl_txn_wait(const struct ovsdb_idl_txn *txn)
{
    if (txn->status != OVSDB_IDL_TXN_INCOMPLETE
        && txn->status != OVSDB_IDL_TXN_UNCOMMITTED) {
        poll_immediate_wake();
    }
}

const struct uuid *
ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *txn,
                              const struct uuid *temp)
{
    if (txn->status != OVSDB_IDL_TXN_SUCCESS) {
        return NULL;
    }
    for (size_t i = 0; i < txn->n_inserts; i++) {
        if (uuid_equals(&txn->inserts[i].temp, temp)) {
            return &txn->inserts[i].real;
        }
    }
    return NULL;
}

int64_t
ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *txn)
{
    return txn->inc_new_value;
}

/* ---------------------------------------------------------------------- */
/* Row changes. */

static struct idl_txn_row *
txn_row_get(const struct ovsdb_idl_row *row_)
{
    struct ovsdb_idl_row *row = (struct ovsdb_idl_row *) row_;
    struct ovsdb_idl_txn *txn = row->table->idl->txn;

    assert(txn);
    if (!row->txn) {
        struct idl_txn_row *tr = xzalloc(sizeof *tr);
        size_t n = row->table->n_columns;

        tr->row = row;
        tr->written = idl_bitmap_allocate(n);
        tr->verified = idl_bitmap_allocate(n);
        tr->new_ = xmalloc(n * sizeof *tr->new_);
        ovs_list_init(&tr->partials);
        ovs_list_push_back(&txn->rows, &tr->node);
        row->txn = tr;
    }
    return row->txn;
}

static void
check_column(const struct ovsdb_idl_row *row,
             const struct ovsdb_idl_column *column)
{
    assert(column->table == row->table);
    assert(column->schema->index >= OVSDB_N_STD_COLUMNS);
}

static struct idl_partial *
find_partial(struct idl_txn_row *tr, const struct ovsdb_idl_column *column)
{
    struct idl_partial *p;

    LIST_FOR_EACH (p, node, &tr->partials) {
        if (p->column == column) {
            return p;
        }
    }
    return NULL;
}

void
ovsdb_idl_txn_write(const struct ovsdb_idl_row *row,
                    const struct ovsdb_idl_column *column,
                    struct ovsdb_datum *datum)
{
    struct idl_txn_row *tr;
    struct idl_partial *p;
    size_t idx = column->schema->index;

    check_column(row, column);
    tr = txn_row_get(row);
    if (idl_bitmap_is_set(tr->written, idx)) {
        ovsdb_datum_destroy(&tr->new_[idx], &column->type);
    }
    tr->new_[idx] = *datum;
    ovsdb_datum_init_empty(datum);
    idl_bitmap_set1(tr->written, idx);
    p = find_partial(tr, column);
    if (p) {
        partial_destroy(p);
    }
}

void
ovsdb_idl_txn_write_clone(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column,
                          const struct ovsdb_datum *datum)
{
    struct ovsdb_datum clone;

    ovsdb_datum_clone(&clone, datum, &column->type);
    ovsdb_idl_txn_write(row, column, &clone);
}

void
ovsdb_idl_txn_set_string(const struct ovsdb_idl_row *row,
                         const struct ovsdb_idl_column *column,
                         const char *s)
{
    struct ovsdb_datum datum;

    if (s) {
        ovsdb_datum_init_string(&datum, s);
    } else {
        ovsdb_datum_init_empty(&datum);
    }
    ovsdb_idl_txn_write(row, column, &datum);
}

void
ovsdb_idl_txn_set_integer(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column,
                          int64_t value)
{
    struct ovsdb_datum datum;

    ovsdb_datum_init_integer(&datum, value);
    ovsdb_idl_txn_write(row, column, &datum);
}

void
ovsdb_idl_txn_set_boolean(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column, bool value)
{
    struct ovsdb_datum datum;

    ovsdb_datum_init_boolean(&datum, value);
    ovsdb_idl_txn_write(row, column, &datum);
}

enum partial_op {
    MAP_WRITE,                  /* Set KEY to VALUE. */
    MAP_DELETE,                 /* Remove KEY. */
    SET_ADD,                    /* Add KEY. */
    SET_REMOVE                  /* Remove KEY. */
};

/* Removes KEY from DATUM (of TYPE) if present. */
static void
datum_remove_key(struct ovsdb_datum *datum, const union ovsdb_atom *key,
                 const struct ovsdb_type *type)
{
    unsigned int idx = ovsdb_datum_find_key(datum, key, type->key.type);

    if (idx != UINT_MAX) {
        ovsdb_datum_remove_at(datum, idx, type);
    }
}

/* Adds KEY (and VALUE, for a map) to DATUM, replacing an existing
 * value. */
static void
datum_put_key(struct ovsdb_datum *datum, const union ovsdb_atom *key,
              const union ovsdb_atom *value, const struct ovsdb_type *type)
{
    unsigned int idx = ovsdb_datum_find_key(datum, key, type->key.type);

    if (idx != UINT_MAX) {
        if (value) {
            ovsdb_atom_destroy(&datum->values[idx], type->value.type);
            ovsdb_atom_clone(&datum->values[idx], value, type->value.type);
        }
        return;
    }
    ovsdb_datum_add_unsafe(datum, key, value, type);
    ovsdb_datum_sort_unique(datum, type->key.type, type->value.type);
}

/* A key-only (set) type with KEY's base type, for the keys of a map. */
static struct ovsdb_type
key_set_type(const struct ovsdb_type *type)
{
    struct ovsdb_type kt = *type;

    ovsdb_base_type_init(&kt.value, OVSDB_TYPE_VOID);
    kt.n_min = 0;
    kt.n_max = UINT_MAX;
    return kt;
}

static void
txn_partial(const struct ovsdb_idl_row *row,
            const struct ovsdb_idl_column *column, enum partial_op op,
            const union ovsdb_atom *key, const union ovsdb_atom *value)
{
    const struct ovsdb_type *type = &column->type;
    struct ovsdb_type kt = key_set_type(type);
    size_t idx = column->schema->index;
    struct idl_txn_row *tr;
    struct idl_partial *p;

    check_column(row, column);
    assert((op == MAP_WRITE || op == MAP_DELETE) == ovsdb_type_is_map(type));
    tr = txn_row_get(row);
    if (tr->inserted && !idl_bitmap_is_set(tr->written, idx)) {
        ovsdb_datum_clone(&tr->new_[idx], &column->default_, type);
        idl_bitmap_set1(tr->written, idx);
    }
    if (idl_bitmap_is_set(tr->written, idx)) {
        /* Edit the value written whole. */
        struct ovsdb_datum *datum = &tr->new_[idx];

        if (op == MAP_WRITE || op == SET_ADD) {
            datum_put_key(datum, key, value, type);
        } else {
            datum_remove_key(datum, key, type);
        }
        return;
    }

    p = find_partial(tr, column);
    if (!p) {
        p = xzalloc(sizeof *p);
        p->column = column;
        ovsdb_datum_init_empty(&p->inserts);
        ovsdb_datum_init_empty(&p->deletes);
        ovs_list_push_back(&tr->partials, &p->node);
    }
    switch (op) {
    case MAP_WRITE:
        datum_put_key(&p->deletes, key, NULL, &kt);
        datum_put_key(&p->inserts, key, value, type);
        break;
    case MAP_DELETE:
    case SET_REMOVE:
        datum_remove_key(&p->inserts, key, type);
        datum_put_key(&p->deletes, key, NULL, &kt);
        break;
    case SET_ADD:
        datum_remove_key(&p->deletes, key, &kt);
        datum_put_key(&p->inserts, key, NULL, type);
        break;
    }
}

void
ovsdb_idl_txn_write_map_key(const struct ovsdb_idl_row *row,
                            const struct ovsdb_idl_column *column,
                            const union ovsdb_atom *key,
                            const union ovsdb_atom *value)
{
    txn_partial(row, column, MAP_WRITE, key, value);
}

void
ovsdb_idl_txn_delete_map_key(const struct ovsdb_idl_row *row,
                             const struct ovsdb_idl_column *column,
                             const union ovsdb_atom *key)
{
    txn_partial(row, column, MAP_DELETE, key, NULL);
}

void
ovsdb_idl_txn_add_set_elem(const struct ovsdb_idl_row *row,
                           const struct ovsdb_idl_column *column,
                           const union ovsdb_atom *elem)
{
    txn_partial(row, column, SET_ADD, elem, NULL);
}

void
ovsdb_idl_txn_remove_set_elem(const struct ovsdb_idl_row *row,
                              const struct ovsdb_idl_column *column,
                              const union ovsdb_atom *elem)
{
    txn_partial(row, column, SET_REMOVE, elem, NULL);
}

void
ovsdb_idl_txn_write_map_string(const struct ovsdb_idl_row *row,
                               const struct ovsdb_idl_column *column,
                               const char *key, const char *value)
{
    union ovsdb_atom k, v;

    k.string = (char *) (uintptr_t) key;
    v.string = (char *) (uintptr_t) value;
    ovsdb_idl_txn_write_map_key(row, column, &k, &v);
}

void
ovsdb_idl_txn_delete_map_string(const struct ovsdb_idl_row *row,
                                const struct ovsdb_idl_column *column,
                                const char *key)
{
    union ovsdb_atom k;

    k.string = (char *) (uintptr_t) key;
    ovsdb_idl_txn_delete_map_key(row, column, &k);
}

void
ovsdb_idl_txn_verify(const struct ovsdb_idl_row *row,
                     const struct ovsdb_idl_column *column)
{
    check_column(row, column);
    if (!row->fields) {
        return;                 /* Inserted by this transaction. */
    }
    if (!column->monitored) {
        VLOG_WARN_RL(&rl, "cannot verify column %s of table %s: it is not "
                     "replicated", column->schema->name,
                     row->table->schema->name);
        return;
    }
    idl_bitmap_set1(txn_row_get(row)->verified, column->schema->index);
}

void
ovsdb_idl_txn_delete(const struct ovsdb_idl_row *row)
{
    txn_row_get(row)->deleted = true;
}

const struct ovsdb_idl_row *
ovsdb_idl_txn_insert(struct ovsdb_idl_txn *txn,
                     const struct ovsdb_idl_table *table_)
{
    struct ovsdb_idl_table *table = (struct ovsdb_idl_table *) table_;
    struct ovsdb_idl_row *row;
    struct uuid uuid;

    assert(txn->idl && txn->idl->txn == txn);
    do {
        uuid_generate(&uuid);
    } while (idl_find_row(table, &uuid));
    row = idl_row_create(table, &uuid, false);
    txn_row_get(row)->inserted = true;
    return row;
}

void
ovsdb_idl_txn_increment(struct ovsdb_idl_txn *txn,
                        const struct ovsdb_idl_row *row,
                        const struct ovsdb_idl_column *column)
{
    check_column(row, column);
    assert(column->type.key.type == OVSDB_TYPE_INTEGER
           && ovsdb_type_is_scalar(&column->type));
    txn->inc_column = column;
    txn->inc_uuid = row->uuid;
}

/* ---------------------------------------------------------------------- */
/* Building the operations. */

/* The uuid-name of a row inserted by the transaction. */
static json_t *
row_name(const struct uuid *uuid)
{
    char s[UUID_LEN + 1];

    uuid_to_string(uuid, s);
    for (char *p = s; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    return json_sprintf("row%s", s);
}

static json_t *
atom_to_json(const struct ovsdb_idl *idl, const union ovsdb_atom *atom,
             const struct ovsdb_base_type *base)
{
    if (ovsdb_base_type_is_ref(base)) {
        const struct ovsdb_idl_table *table;
        const struct ovsdb_idl_row *row;

        table = shash_find_data(&idl->tables, base->uuid.ref_table_name);
        row = table ? idl_find_row(table, &atom->uuid) : NULL;
        if (row && !row->fields) {
            return json_pack("[s, o]", "named-uuid", row_name(&row->uuid));
        }
    }
    return ovsdb_atom_to_json(atom, base->type);
}

/* DATUM of TYPE (with reference information) as JSON, references to rows
 * inserted by the transaction being named-uuids. */
static json_t *
datum_to_json(const struct ovsdb_idl *idl, const struct ovsdb_datum *datum,
              const struct ovsdb_type *type)
{
    bool is_map = type->value.type != OVSDB_TYPE_VOID;
    json_t *elems;

    if (!is_map && datum->n == 1) {
        return atom_to_json(idl, &datum->keys[0], &type->key);
    }
    elems = json_array();
    for (unsigned int i = 0; i < datum->n; i++) {
        json_t *key = atom_to_json(idl, &datum->keys[i], &type->key);

        if (is_map) {
            json_array_append_new(
                elems, json_pack("[o, o]", key,
                                 atom_to_json(idl, &datum->values[i],
                                              &type->value)));
        } else {
            json_array_append_new(elems, key);
        }
    }
    return json_pack("[s, o]", is_map ? "map" : "set", elems);
}

static json_t *
where_uuid(const struct uuid *uuid)
{
    return json_pack("[[s, s, o]]", "_uuid", "==", ovsdb_uuid_to_json(uuid));
}

/* Appends OP (taken) to OPS and returns its index in the reply. */
static size_t
add_op(json_t *ops, json_t *op)
{
    size_t idx = json_array_size(ops) - 1;

    json_array_append_new(ops, op);
    return idx;
}

static void
add_wait_op(json_t *ops, const struct ovsdb_idl *idl,
            const struct idl_txn_row *tr)
{
    const struct ovsdb_idl_row *row = tr->row;
    const struct ovsdb_idl_table *table = row->table;
    json_t *columns = json_array();
    json_t *values = json_object();

    for (size_t i = 0; i < table->n_columns; i++) {
        const struct ovsdb_idl_column *column = &table->columns[i];

        if (idl_bitmap_is_set(tr->verified, i)) {
            json_array_append_new(columns, json_string(column->schema->name));
            json_object_set_new(values, column->schema->name,
                                datum_to_json(idl, &row->fields[i],
                                              &column->schema->type));
        }
    }
    if (!json_array_size(columns)) {
        json_decref(columns);
        json_decref(values);
        return;
    }
    add_op(ops, json_pack("{s:s, s:i, s:s, s:o, s:o, s:s, s:[o]}",
                          "op", "wait", "timeout", 0,
                          "table", table->schema->name,
                          "where", where_uuid(&row->uuid),
                          "columns", columns, "until", "==",
                          "rows", values));
}

/* Drops the parts of partial update P that would not change ROW's
 * replicated value, into INSERTS and DELETES (initialized here). */
static void
normalize_partial(const struct ovsdb_idl_row *row,
                  const struct idl_partial *p, struct ovsdb_datum *inserts,
                  struct ovsdb_datum *deletes)
{
    const struct ovsdb_idl_column *column = p->column;
    const struct ovsdb_type *type = &column->type;
    struct ovsdb_type kt = key_set_type(type);
    const struct ovsdb_datum *cur;
    bool is_map = ovsdb_type_is_map(type);

    ovsdb_datum_clone(inserts, &p->inserts, type);
    ovsdb_datum_clone(deletes, &p->deletes, &kt);
    if (!column->monitored) {
        return;
    }
    cur = &row->fields[column->schema->index];
    for (unsigned int i = inserts->n; i-- > 0; ) {
        unsigned int j = ovsdb_datum_find_key(cur, &inserts->keys[i],
                                              type->key.type);

        if (j != UINT_MAX
            && (!is_map || ovsdb_atom_equals(&cur->values[j],
                                             &inserts->values[i],
                                             type->value.type))) {
            datum_remove_key(deletes, &inserts->keys[i], &kt);
            ovsdb_datum_remove_at(inserts, i, type);
        }
    }
    for (unsigned int i = deletes->n; i-- > 0; ) {
        if (ovsdb_datum_find_key(cur, &deletes->keys[i], type->key.type)
            == UINT_MAX
            && ovsdb_datum_find_key(inserts, &deletes->keys[i],
                                    type->key.type) == UINT_MAX) {
            ovsdb_datum_remove_at(deletes, i, &kt);
        }
    }
}

static void
add_row_ops(json_t *ops, const struct ovsdb_idl *idl,
            const struct idl_txn_row *tr, struct build_info *info)
{
    const struct ovsdb_idl_row *row = tr->row;
    const struct ovsdb_idl_table *table = row->table;
    const char *table_name = table->schema->name;
    const struct idl_partial *p;
    json_t *values, *mutations;

    if (tr->deleted) {
        if (!tr->inserted) {
            add_op(ops, json_pack("{s:s, s:s, s:o}", "op", "delete",
                                  "table", table_name,
                                  "where", where_uuid(&row->uuid)));
            info->n_changes++;
        }
        return;
    }

    values = json_object();
    for (size_t i = OVSDB_N_STD_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_idl_column *column = &table->columns[i];

        if (!idl_bitmap_is_set(tr->written, i)
            || (!tr->inserted && column->monitored
                && ovsdb_datum_equals(&tr->new_[i], &row->fields[i],
                                      &column->type))) {
            continue;
        }
        json_object_set_new(values, column->schema->name,
                            datum_to_json(idl, &tr->new_[i],
                                          &column->schema->type));
    }
    if (tr->inserted) {
        size_t idx = add_op(ops, json_pack("{s:s, s:s, s:o, s:o}",
                                           "op", "insert",
                                           "table", table_name,
                                           "uuid-name", row_name(&row->uuid),
                                           "row", values));
        struct txn_insert *ins;

        if (info->n_inserts >= info->allocated_inserts) {
            info->inserts = x2nrealloc(info->inserts,
                                       &info->allocated_inserts,
                                       sizeof *info->inserts);
        }
        ins = &info->inserts[info->n_inserts++];
        ins->temp = row->uuid;
        uuid_zero(&ins->real);
        ins->op_index = idx;
        info->n_changes++;
        return;
    }
    if (json_object_size(values)) {
        add_op(ops, json_pack("{s:s, s:s, s:o, s:o}", "op", "update",
                              "table", table_name,
                              "where", where_uuid(&row->uuid),
                              "row", values));
        info->n_changes++;
    } else {
        json_decref(values);
    }

    mutations = json_array();
    LIST_FOR_EACH (p, node, &tr->partials) {
        const struct ovsdb_type *type = &p->column->schema->type;
        struct ovsdb_type kt = key_set_type(type);
        const char *name = p->column->schema->name;
        struct ovsdb_datum inserts, deletes;

        normalize_partial(row, p, &inserts, &deletes);
        if (deletes.n) {
            json_array_append_new(mutations,
                                  json_pack("[s, s, o]", name, "delete",
                                            datum_to_json(idl, &deletes,
                                                          &kt)));
        }
        if (inserts.n) {
            json_t *value = datum_to_json(idl, &inserts, type);

            if (!ovsdb_type_is_map(type) && inserts.n == 1) {
                value = json_pack("[s, [o]]", "set", value);
            }
            json_array_append_new(mutations,
                                  json_pack("[s, s, o]", name, "insert",
                                            value));
        }
        ovsdb_datum_destroy(&inserts, &p->column->type);
        ovsdb_datum_destroy(&deletes, &kt);
    }
    if (json_array_size(mutations)) {
        add_op(ops, json_pack("{s:s, s:s, s:o, s:o}", "op", "mutate",
                              "table", table_name,
                              "where", where_uuid(&row->uuid),
                              "mutations", mutations));
        info->n_changes++;
    } else {
        json_decref(mutations);
    }
}

/* Builds the "transact" params for TXN, filling INFO. */
static json_t *
build_ops(const struct ovsdb_idl_txn *txn, struct build_info *info)
{
    const struct ovsdb_idl *idl = txn->idl;
    const struct idl_txn_row *tr;
    json_t *ops = json_pack("[s]", idl->schema->name);

    memset(info, 0, sizeof *info);
    info->inc_index = SIZE_MAX;
    info->abort_index = SIZE_MAX;

    if (idl->lock_name) {
        add_op(ops, json_pack("{s:s, s:s}", "op", "assert",
                              "lock", idl->lock_name));
    }
    LIST_FOR_EACH (tr, node, &txn->rows) {
        if (!tr->inserted) {
            add_wait_op(ops, idl, tr);
        }
    }
    LIST_FOR_EACH (tr, node, &txn->rows) {
        add_row_ops(ops, idl, tr, info);
    }
    if (txn->inc_column) {
        const char *table = txn->inc_column->table->schema->name;
        const char *column = txn->inc_column->schema->name;

        add_op(ops, json_pack("{s:s, s:s, s:o, s:[[s, s, i]]}",
                              "op", "mutate", "table", table,
                              "where", where_uuid(&txn->inc_uuid),
                              "mutations", column, "+=", 1));
        info->inc_index = add_op(ops, json_pack(
                                     "{s:s, s:s, s:o, s:[s]}",
                                     "op", "select", "table", table,
                                     "where", where_uuid(&txn->inc_uuid),
                                     "columns", column));
        info->n_changes++;
    }
    if (txn->comment.length) {
        add_op(ops, json_pack("{s:s, s:s}", "op", "comment",
                              "comment", ds_cstr_ro(&txn->comment)));
    }
    if (txn->durable) {
        add_op(ops, json_pack("{s:s, s:b}", "op", "commit", "durable", 1));
    }
    if (txn->dry_run) {
        info->abort_index = add_op(ops, json_pack("{s:s}", "op", "abort"));
    }
    return ops;
}

json_t *
ovsdb_idl_txn_to_json(const struct ovsdb_idl_txn *txn)
{
    struct build_info info;
    json_t *ops;

    if (!txn->idl) {
        return json_array();
    }
    ops = build_ops(txn, &info);
    free(info.inserts);
    return ops;
}

/* ---------------------------------------------------------------------- */
/* Committing. */

static enum ovsdb_idl_txn_status
finish_early(struct ovsdb_idl_txn *txn, enum ovsdb_idl_txn_status status,
             char *error)
{
    set_status(txn, status, error);
    idl_txn_disassemble(txn);
    return status;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;
    struct build_info info;
    struct jsonrpc_msg *request;
    json_t *params;

    if (txn->status != OVSDB_IDL_TXN_UNCOMMITTED) {
        return txn->status;
    }
    if (!idl) {
        return finish_early(txn, OVSDB_IDL_TXN_ABORTED, NULL);
    }
    if (idl->lock_name && !idl->has_lock) {
        return finish_early(txn, OVSDB_IDL_TXN_NOT_LOCKED,
                            xasprintf("lock %s not held", idl->lock_name));
    }
    params = build_ops(txn, &info);
    if (!info.n_changes) {
        json_decref(params);
        free(info.inserts);
        return finish_early(txn, OVSDB_IDL_TXN_UNCHANGED, NULL);
    }
    if (idl->state != IDL_S_MONITORING) {
        json_decref(params);
        free(info.inserts);
        return finish_early(txn, OVSDB_IDL_TXN_TRY_AGAIN,
                            xstrdup("not connected to the database"));
    }
    request = jsonrpc_create_request("transact", params, &txn->request_id);
    if (jsonrpc_session_send(idl->session, request)) {
        free(info.inserts);
        return finish_early(txn, OVSDB_IDL_TXN_TRY_AGAIN,
                            xstrdup("connection lost"));
    }
    txn->inserts = info.inserts;
    txn->n_inserts = info.n_inserts;
    txn->inc_index = info.inc_index;
    txn->abort_index = info.abort_index;
    ovs_list_push_back(&idl->committed_txns, &txn->node);
    set_status(txn, OVSDB_IDL_TXN_INCOMPLETE, NULL);
    idl_txn_disassemble(txn);
    return txn->status;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *txn)
{
    enum ovsdb_idl_txn_status status;

    while ((status = ovsdb_idl_txn_commit(txn))
           == OVSDB_IDL_TXN_INCOMPLETE) {
        struct ovsdb_idl *idl = txn->idl;

        if (!idl) {
            break;
        }
        ovsdb_idl_run(idl);
        if (txn->status != OVSDB_IDL_TXN_INCOMPLETE) {
            continue;
        }
        ovsdb_idl_wait(idl);
        ovsdb_idl_txn_wait(txn);
        poll_block();
    }
    return status;
}

/* "tag: details" of an RFC 7047 error object; caller frees. */
static char *
error_string(const json_t *error)
{
    const char *tag = json_string_value(json_object_get(error, "error"));
    const char *details = json_string_value(json_object_get(error,
                                                            "details"));

    if (!tag) {
        char *s = json_dumps(error, JSON_COMPACT | JSON_ENCODE_ANY);
        char *e = xasprintf("%s", s ? s : "unknown error");

        free(s);
        return e;
    }
    return details ? xasprintf("%s: %s", tag, details) : xstrdup(tag);
}

/* Interprets the result array of a transact reply. */
static void
process_results(struct ovsdb_idl_txn *txn, const json_t *results)
{
    char *try_again = NULL, *not_owner = NULL, *error = NULL;

    if (!json_is_array(results)) {
        set_status(txn, OVSDB_IDL_TXN_ERROR,
                   xstrdup("transact reply is not an array"));
        return;
    }
    for (size_t i = 0; i < json_array_size(results); i++) {
        const json_t *r = json_array_get(results, i);
        const json_t *e = json_object_get(r, "error");
        const char *tag = json_string_value(e);
        char **slot;

        if (!e) {
            continue;
        }
        if (tag && !strcmp(tag, "aborted") && i == txn->abort_index) {
            continue;
        }
        slot = (tag && !strcmp(tag, "timed out") ? &try_again
                : tag && !strcmp(tag, "not owner") ? &not_owner
                : &error);
        if (!*slot) {
            *slot = error_string(r);
        }
    }
    if (try_again) {
        set_status(txn, OVSDB_IDL_TXN_TRY_AGAIN, try_again);
        try_again = NULL;
    } else if (not_owner) {
        set_status(txn, OVSDB_IDL_TXN_NOT_LOCKED, not_owner);
        not_owner = NULL;
    } else if (error) {
        set_status(txn, OVSDB_IDL_TXN_ERROR, error);
        error = NULL;
    } else {
        set_status(txn, OVSDB_IDL_TXN_SUCCESS, NULL);
    }
    free(try_again);
    free(not_owner);
    free(error);
    if (txn->status != OVSDB_IDL_TXN_SUCCESS) {
        return;
    }

    for (size_t i = 0; i < txn->n_inserts; i++) {
        struct txn_insert *ins = &txn->inserts[i];
        const json_t *r = json_array_get(results, ins->op_index);

        if (!ovsdb_uuid_from_json(json_object_get(r, "uuid"), &ins->real)) {
            set_status(txn, OVSDB_IDL_TXN_ERROR,
                       xstrdup("insert reply lacks the new row's uuid"));
            return;
        }
    }
    if (txn->inc_index != SIZE_MAX) {
        const json_t *r = json_array_get(results, txn->inc_index);
        const json_t *rows = json_object_get(r, "rows");
        const json_t *value = json_object_get(json_array_get(rows, 0),
                                              txn->inc_column->schema->name);

        if (json_array_size(rows) != 1 || !json_is_integer(value)) {
            set_status(txn, OVSDB_IDL_TXN_TRY_AGAIN,
                       xstrdup("incremented row no longer exists"));
            return;
        }
        txn->inc_new_value = json_integer_value(value);
    }
}

bool
idl_txn_process_reply(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    struct ovsdb_idl_txn *txn;

    LIST_FOR_EACH (txn, node, &idl->committed_txns) {
        if (json_equal(txn->request_id, msg->id)) {
            ovs_list_remove(&txn->node);
            ovs_list_init(&txn->node);
            if (msg->type == JSONRPC_ERROR) {
                set_status(txn, OVSDB_IDL_TXN_ERROR,
                           error_string(msg->error));
            } else {
                process_results(txn, msg->result);
            }
            if (txn->status != OVSDB_IDL_TXN_SUCCESS) {
                VLOG_DBG("%s: transaction failed (%s): %s",
                         idl->schema->name,
                         ovsdb_idl_txn_status_to_string(txn->status),
                         txn->error ? txn->error : "");
            }
            return true;
        }
    }
    return false;
}

/* The connection was lost: every transaction waiting for its reply must
 * be tried again. */
void
idl_txn_abort_all_committed(struct ovsdb_idl *idl)
{
    while (!ovs_list_is_empty(&idl->committed_txns)) {
        struct ovsdb_idl_txn *txn = CONTAINER_OF(
            ovs_list_pop_front(&idl->committed_txns),
            struct ovsdb_idl_txn, node);

        ovs_list_init(&txn->node);
        set_status(txn, OVSDB_IDL_TXN_TRY_AGAIN,
                   xstrdup("connection lost before the reply"));
    }
}

/* The IDL is going away: its transactions are left to their owners,
 * with no IDL. */
void
idl_txn_detach_all(struct ovsdb_idl *idl)
{
    if (idl->txn) {
        ovsdb_idl_txn_abort(idl->txn);
    }
    idl_txn_abort_all_committed(idl);
    while (!ovs_list_is_empty(&idl->all_txns)) {
        struct ovsdb_idl_txn *txn = CONTAINER_OF(
            ovs_list_pop_front(&idl->all_txns), struct ovsdb_idl_txn,
            all_node);

        ovs_list_init(&txn->all_node);
        txn->idl = NULL;
    }
}
