/* transaction: the OVSDB transaction engine.
 *
 * Changes are made in place: an inserted row goes straight into its
 * table's row map, a modified row is replaced there by a writable copy
 * (the committed version is kept aside), a deleted row is taken out.
 * Each touched row has a struct ovsdb_txn_row recording the committed
 * (OLD) and current (NEW) versions, so abort can put things back and
 * commit knows exactly what changed.
 *
 * Commit work is proportional to what the transaction touched:
 *   - strong reference counts change by the difference between the old
 *     and new values of the changed reference columns (a merge of two
 *     sorted arrays, with a lookup per added or removed reference only);
 *     rows whose count changes but which are otherwise untouched get a
 *     "reference only" txn_row (OLD == NEW) holding the delta;
 *   - garbage collection only looks at rows inserted, modified or whose
 *     count dropped in this transaction, and cascades through a work list;
 *   - weak references to deleted rows are found through the deleted rows'
 *     lists of incoming weak references (row->dst_refs);
 *   - index uniqueness looks up only the rows whose index values changed.
 */
#include "transaction.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "ds.h"
#include "hash.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "schema.h"
#include "table-schema.h"
#include "table.h"
#include "uuid.h"

#define BITS_PER_LONG (8 * sizeof(unsigned long))

struct ovsdb_txn {
    struct ovsdb *db;
    struct hmap txn_rows;       /* struct ovsdb_txn_row, by uuid_hash. */
    struct ovs_list rows;       /* struct ovsdb_txn_row (txn_node). */
    struct ovsdb_table **tables;        /* Tables touched, in order. */
    size_t n_tables, allocated_tables;
    struct ds comment;
    bool has_comment;
};

/* ---------------------------------------------------------------------- */
/* Creating and ending transactions. */

struct ovsdb_txn *
ovsdb_txn_create(struct ovsdb *db)
{
    struct ovsdb_txn *txn = xzalloc(sizeof *txn);

    if (db->txn) {
        ovs_abort_at(__FILE__, "a transaction is already in progress");
    }
    txn->db = db;
    hmap_init(&txn->txn_rows);
    ovs_list_init(&txn->rows);
    ds_init(&txn->comment);
    db->txn = txn;
    return txn;
}

static size_t
bitmap_n_longs(size_t n_bits)
{
    return DIV_ROUND_UP(n_bits, BITS_PER_LONG);
}

static void
bitmap_set(unsigned long *bitmap, size_t idx)
{
    bitmap[idx / BITS_PER_LONG] |= 1UL << (idx % BITS_PER_LONG);
}

static void
txn_free(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH_POP (txn_row, txn_node, &txn->rows) {
        free(txn_row->changed);
        free(txn_row);
    }
    for (size_t i = 0; i < txn->n_tables; i++) {
        ovs_list_init(&txn->tables[i]->txn_rows);
    }
    free(txn->tables);
    hmap_destroy(&txn->txn_rows);
    ds_destroy(&txn->comment);
    txn->db->txn = NULL;
    free(txn);
}

void
ovsdb_txn_abort(struct ovsdb_txn *txn)
{
    if (!txn) {
        return;
    }

    struct ovsdb_txn_row *txn_row;
    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        struct hmap *rows = &txn_row->table->rows;
        struct ovsdb_row *old = txn_row->old;
        struct ovsdb_row *new = txn_row->new;

        if (new && new != old) {
            hmap_remove(rows, &new->hmap_node);
            ovsdb_row_destroy(new);
        }
        if (old) {
            if (old != new) {
                hmap_insert(rows, &old->hmap_node,
                            uuid_hash(ovsdb_row_get_uuid(old)));
            }
            old->txn_row = NULL;
        }
    }
    txn_free(txn);
}

struct ovsdb *
ovsdb_txn_get_db(const struct ovsdb_txn *txn)
{
    return txn->db;
}

void
ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment)
{
    if (txn->has_comment) {
        ds_put_char(&txn->comment, '\n');
    }
    ds_put_cstr(&txn->comment, comment);
    txn->has_comment = true;
}

const char *
ovsdb_txn_get_comment(const struct ovsdb_txn *txn)
{
    return txn->has_comment ? ds_cstr_ro(&txn->comment) : NULL;
}

/* ---------------------------------------------------------------------- */
/* Row changes. */

static const struct uuid *
txn_row_uuid(const struct ovsdb_txn_row *txn_row)
{
    return ovsdb_row_get_uuid(txn_row->old ? txn_row->old : txn_row->new);
}

static struct ovsdb_txn_row *
txn_row_create(struct ovsdb_txn *txn, struct ovsdb_table *table,
               struct ovsdb_row *old, struct ovsdb_row *new)
{
    struct ovsdb_txn_row *txn_row = xzalloc(sizeof *txn_row);

    txn_row->table = table;
    txn_row->old = old;
    txn_row->new = new;
    hmap_insert(&txn->txn_rows, &txn_row->hmap_node,
                uuid_hash(txn_row_uuid(txn_row)));
    if (ovs_list_is_empty(&table->txn_rows)) {
        if (txn->n_tables >= txn->allocated_tables) {
            txn->tables = x2nrealloc(txn->tables, &txn->allocated_tables,
                                     sizeof *txn->tables);
        }
        txn->tables[txn->n_tables++] = table;
    }
    ovs_list_push_back(&table->txn_rows, &txn_row->table_node);
    ovs_list_push_back(&txn->rows, &txn_row->txn_node);
    if (old) {
        old->txn_row = txn_row;
    }
    if (new) {
        new->txn_row = txn_row;
    }
    return txn_row;
}

/* Returns the txn_row for the row of TABLE with UUID, whatever its state
 * (including deleted), or NULL if the transaction did not touch it. */
static struct ovsdb_txn_row *
txn_find_row(const struct ovsdb_txn *txn, const struct ovsdb_table *table,
             const struct uuid *uuid)
{
    struct ovsdb_txn_row *txn_row;

    HMAP_FOR_EACH_WITH_HASH (txn_row, hmap_node, uuid_hash(uuid),
                             &txn->txn_rows) {
        if (txn_row->table == table
            && uuid_equals(txn_row_uuid(txn_row), uuid)) {
            return txn_row;
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_txn_row_insert(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    struct ovsdb_table *table = row->table;
    const struct uuid *uuid = ovsdb_row_get_uuid(row);

    if (ovsdb_table_get_row(table, uuid) || txn_find_row(txn, table, uuid)) {
        ovsdb_row_destroy(row);
        return ovsdb_error("duplicate uuid", "This UUID would duplicate a "
                           "UUID already present within the table or "
                           "deleted within the same transaction.");
    }
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(uuid));
    txn_row_create(txn, table, NULL, row);
    return NULL;
}

struct ovsdb_row *
ovsdb_txn_row_modify(struct ovsdb_txn *txn, const struct ovsdb_row *ro_row)
{
    struct ovsdb_row *row = (struct ovsdb_row *) ro_row;
    struct ovsdb_txn_row *txn_row = row->txn_row;

    if (txn_row && txn_row->new == row && txn_row->old != row) {
        return row;
    }

    struct ovsdb_row *copy = ovsdb_row_clone(row);
    hmap_replace(&row->table->rows, &row->hmap_node, &copy->hmap_node);
    if (txn_row) {
        /* Reference-only row: it gets a real new version now. */
        txn_row->new = copy;
        copy->txn_row = txn_row;
    } else {
        txn_row_create(txn, row->table, row, copy);
    }
    return copy;
}

void
ovsdb_txn_row_delete(struct ovsdb_txn *txn, const struct ovsdb_row *ro_row)
{
    struct ovsdb_row *row = (struct ovsdb_row *) ro_row;
    struct ovsdb_txn_row *txn_row = row->txn_row;

    hmap_remove(&row->table->rows, &row->hmap_node);
    if (!txn_row) {
        txn_row_create(txn, row->table, row, NULL);
    } else if (txn_row->old == row) {
        txn_row->new = NULL;
    } else {
        ovsdb_row_destroy(row);
        txn_row->new = NULL;
    }
}

bool
ovsdb_txn_row_is_writable(const struct ovsdb_txn *txn OVS_UNUSED,
                          const struct ovsdb_row *row)
{
    return (row->txn_row && row->txn_row->new == row
            && row->txn_row->old != row);
}

/* ---------------------------------------------------------------------- */
/* Commit, step 1: what changed, and is each changed value valid? */

static bool
is_ref_column(const struct ovsdb_column *column, enum ovsdb_ref_type type)
{
    const struct ovsdb_base_type *key = &column->type.key;
    const struct ovsdb_base_type *value = &column->type.value;

    return ((key->type == OVSDB_TYPE_UUID && key->uuid.ref_table_name
             && key->uuid.ref_type == type)
            || (value->type == OVSDB_TYPE_UUID && value->uuid.ref_table_name
                && value->uuid.ref_type == type));
}

static bool
is_ref_base(const struct ovsdb_base_type *base, enum ovsdb_ref_type type)
{
    return (base->type == OVSDB_TYPE_UUID && base->uuid.ref_table_name
            && base->uuid.ref_type == type);
}

/* Recomputes TXN_ROW's bitmap of changed columns.  Returns the number of
 * changed columns. */
static size_t
compute_changed(struct ovsdb_txn_row *txn_row)
{
    const struct ovsdb_table_schema *ts = txn_row->table->schema;
    size_t n_longs = bitmap_n_longs(ts->n_columns);
    size_t n_changed = 0;

    if (!txn_row->changed) {
        txn_row->changed = xcalloc(n_longs, sizeof(unsigned long));
    } else {
        memset(txn_row->changed, 0, n_longs * sizeof(unsigned long));
    }
    if (txn_row->old == txn_row->new) {
        return 0;
    }
    for (size_t i = 0; i < ts->n_columns; i++) {
        if (i == OVSDB_COL_VERSION) {
            continue;
        }
        if (!txn_row->old || !txn_row->new
            || !ovsdb_datum_equals(&txn_row->old->fields[i],
                                   &txn_row->new->fields[i],
                                   &ts->columns_by_index[i]->type)) {
            bitmap_set(txn_row->changed, i);
            n_changed++;
        }
    }
    return n_changed;
}

static bool
column_changed(const struct ovsdb_txn_row *txn_row, size_t idx)
{
    return (txn_row->changed
            && ovsdb_txn_column_changed(txn_row->changed, idx));
}

/* Turns a modified row whose new version equals the old one back into an
 * untouched (reference-only) row. */
static void
revert_noop(struct ovsdb_txn_row *txn_row)
{
    struct ovsdb_row *old = txn_row->old;
    struct ovsdb_row *new = txn_row->new;

    hmap_replace(&txn_row->table->rows, &new->hmap_node, &old->hmap_node);
    ovsdb_row_destroy(new);
    txn_row->new = old;
}

static struct ovsdb_error *
determine_changes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        const struct ovsdb_table_schema *ts = txn_row->table->schema;

        if (!txn_row->old && !txn_row->new) {
            continue;
        }
        if (!compute_changed(txn_row) && txn_row->new && txn_row->old
            && txn_row->new != txn_row->old) {
            revert_noop(txn_row);
            continue;
        }
        if (!txn_row->new) {
            continue;
        }
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            if (!column_changed(txn_row, i)) {
                continue;
            }
            const struct ovsdb_column *column = ts->columns_by_index[i];
            struct ovsdb_error *error = ovsdb_datum_check_constraints(
                &txn_row->new->fields[i], &column->type);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Reference walking. */

/* Called for each reference atom added (DELTA 1) or removed (DELTA -1)
 * between an old and a new value of COLUMN. */
typedef struct ovsdb_error *ref_cb_func(const struct ovsdb_column *column,
                                        const struct ovsdb_base_type *base,
                                        const struct uuid *target,
                                        int delta, void *aux);

static struct ovsdb_error *
ref_atom(const struct ovsdb_column *column, const struct ovsdb_base_type *base,
         enum ovsdb_ref_type type, const union ovsdb_atom *atom, int delta,
         ref_cb_func *cb, void *aux)
{
    return (is_ref_base(base, type)
            ? cb(column, base, &atom->uuid, delta, aux)
            : NULL);
}

/* Calls CB for each reference of TYPE in COLUMN that OLD has and NEW lacks
 * (-1) or NEW has and OLD lacks (+1).  OLD or NEW may be NULL (empty).
 * Both are sorted, so this is a merge. */
static struct ovsdb_error *
walk_ref_diff(const struct ovsdb_column *column, enum ovsdb_ref_type type,
              const struct ovsdb_datum *old, const struct ovsdb_datum *new,
              ref_cb_func *cb, void *aux)
{
    const struct ovsdb_type *t = &column->type;
    const struct ovsdb_base_type *kb = &t->key, *vb = &t->value;
    bool is_map = vb->type != OVSDB_TYPE_VOID;
    unsigned int n_old = old ? old->n : 0, n_new = new ? new->n : 0;
    unsigned int i = 0, j = 0;
    struct ovsdb_error *error = NULL;

    while (!error && (i < n_old || j < n_new)) {
        int cmp = (i >= n_old ? 1
                   : j >= n_new ? -1
                   : ovsdb_atom_compare_3way(&old->keys[i], &new->keys[j],
                                             kb->type));
        if (cmp < 0) {
            error = ref_atom(column, kb, type, &old->keys[i], -1, cb, aux);
            if (!error && is_map) {
                error = ref_atom(column, vb, type, &old->values[i], -1,
                                 cb, aux);
            }
            i++;
        } else if (cmp > 0) {
            error = ref_atom(column, kb, type, &new->keys[j], 1, cb, aux);
            if (!error && is_map) {
                error = ref_atom(column, vb, type, &new->values[j], 1,
                                 cb, aux);
            }
            j++;
        } else {
            if (is_map && !ovsdb_atom_equals(&old->values[i],
                                             &new->values[j], vb->type)) {
                error = ref_atom(column, vb, type, &old->values[i], -1,
                                 cb, aux);
                if (!error) {
                    error = ref_atom(column, vb, type, &new->values[j], 1,
                                     cb, aux);
                }
            }
            i++;
            j++;
        }
    }
    return error;
}

static struct ovsdb_table *
ref_table(const struct ovsdb_txn *txn, const struct ovsdb_base_type *base)
{
    return ovsdb_get_table(txn->db, base->uuid.ref_table_name);
}

/* ---------------------------------------------------------------------- */
/* Commit, step 2: strong references. */

struct strong_ref_aux {
    struct ovsdb_txn *txn;
    const struct ovsdb_txn_row *src;    /* Referencing row. */
    bool gc;                            /* Collecting garbage? */
    struct ovsdb_txn_row **gc_stack;    /* Rows whose count dropped. */
    size_t n_gc, allocated_gc;
};

static void
gc_push(struct strong_ref_aux *aux, struct ovsdb_txn_row *txn_row)
{
    if (aux->n_gc >= aux->allocated_gc) {
        aux->gc_stack = x2nrealloc(aux->gc_stack, &aux->allocated_gc,
                                   sizeof *aux->gc_stack);
    }
    aux->gc_stack[aux->n_gc++] = txn_row;
}

static struct ovsdb_error *
strong_ref_cb(const struct ovsdb_column *column,
              const struct ovsdb_base_type *base, const struct uuid *target,
              int delta, void *aux_)
{
    struct strong_ref_aux *aux = aux_;
    struct ovsdb_txn *txn = aux->txn;
    struct ovsdb_table *table = ref_table(txn, base);
    struct ovsdb_txn_row *txn_row;

    if (!table) {
        return NULL;
    }

    const struct ovsdb_row *row = ovsdb_table_get_row(table, target);
    if (row) {
        txn_row = row->txn_row;
        if (!txn_row) {
            txn_row = txn_row_create(txn, table, (struct ovsdb_row *) row,
                                     (struct ovsdb_row *) row);
        }
    } else if (delta < 0) {
        /* Reference to a row deleted by this transaction (or, in a
         * database loaded from a damaged file, to nothing at all). */
        txn_row = txn_find_row(txn, table, target);
        if (!txn_row || !txn_row->old) {
            return NULL;
        }
    } else {
        const struct ovsdb_row *src = aux->src->new;
        return ovsdb_error("referential integrity violation",
                           "Table %s column %s row "UUID_FMT" references "
                           "nonexistent row "UUID_FMT" in table %s.",
                           src->table->schema->name, column->name,
                           UUID_ARGS(ovsdb_row_get_uuid(src)),
                           UUID_ARGS(target), table->schema->name);
    }

    txn_row->n_refs_delta += delta;
    if (delta < 0 && aux->gc) {
        gc_push(aux, txn_row);
    }
    return NULL;
}

/* Applies to the reference counts the strong references that TXN_ROW's
 * value changes add and remove; OLD and NEW stand for its versions (NULL
 * for none). */
static struct ovsdb_error *
walk_strong_refs(struct strong_ref_aux *aux, struct ovsdb_txn_row *txn_row,
                 const struct ovsdb_row *old, const struct ovsdb_row *new,
                 bool all_columns)
{
    const struct ovsdb_table_schema *ts = txn_row->table->schema;

    aux->src = txn_row;
    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->columns_by_index[i];
        if (!is_ref_column(column, OVSDB_REF_STRONG)
            || (!all_columns && !column_changed(txn_row, i))) {
            continue;
        }
        struct ovsdb_error *error = walk_ref_diff(
            column, OVSDB_REF_STRONG, old ? &old->fields[i] : NULL,
            new ? &new->fields[i] : NULL, strong_ref_cb, aux);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static struct ovsdb_error *
update_strong_refs(struct ovsdb_txn *txn)
{
    struct strong_ref_aux aux = { .txn = txn };
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        if (txn_row->old == txn_row->new) {
            continue;       /* Reference-only, or inserted and deleted. */
        }
        struct ovsdb_error *error = walk_strong_refs(
            &aux, txn_row, txn_row->old, txn_row->new, false);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static long long int
txn_row_n_refs(const struct ovsdb_txn_row *txn_row)
{
    long long int base = txn_row->old ? (long long int) txn_row->old->n_refs
                                      : 0;
    long long int n = base + txn_row->n_refs_delta;
    return n > 0 ? n : 0;       /* Negative only in a damaged database. */
}

static struct ovsdb_error *
check_deleted_refs(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        if (txn_row->old && !txn_row->new) {
            long long int n = txn_row_n_refs(txn_row);
            if (n > 0) {
                return ovsdb_error(
                    "referential integrity violation",
                    "cannot delete %s row "UUID_FMT" because of %lld "
                    "remaining reference(s)", txn_row->table->schema->name,
                    UUID_ARGS(ovsdb_row_get_uuid(txn_row->old)), n);
            }
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Commit, step 3: garbage collection. */

/* Deletes the unreferenced non-root rows among those on AUX's work list,
 * cascading to the rows whose count drops as a result, until the list is
 * empty. */
static void
collect_garbage__(struct strong_ref_aux *aux)
{
    while (aux->n_gc > 0) {
        struct ovsdb_txn_row *txn_row = aux->gc_stack[--aux->n_gc];
        if (!txn_row->new || txn_row->table->schema->is_root
            || txn_row_n_refs(txn_row) > 0) {
            continue;
        }

        /* Drop the references the row holds, then the row. */
        struct ovsdb_row *row = txn_row->new;
        struct ovsdb_error *error = walk_strong_refs(aux, txn_row, row,
                                                     NULL, true);
        ovsdb_error_destroy(error);     /* Removals cannot fail. */
        ovsdb_txn_row_delete(aux->txn, row);
    }
}

static void
collect_garbage(struct ovsdb_txn *txn)
{
    struct strong_ref_aux aux = { .txn = txn, .gc = true };
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        if (txn_row->new && !txn_row->table->schema->is_root) {
            gc_push(&aux, txn_row);
        }
    }
    collect_garbage__(&aux);
    free(aux.gc_stack);
}

/* ---------------------------------------------------------------------- */
/* Commit, step 4: maxRows. */

static struct ovsdb_error *
check_max_rows(const struct ovsdb_txn *txn)
{
    for (size_t i = 0; i < txn->n_tables; i++) {
        const struct ovsdb_table *table = txn->tables[i];
        size_t n = hmap_count(&table->rows);

        if (n > table->schema->max_rows) {
            return ovsdb_error("constraint violation",
                               "transaction causes \"%s\" table to contain "
                               "%zu rows, greater than the schema-defined "
                               "limit of %u row(s)", table->schema->name,
                               n, table->schema->max_rows);
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Commit, step 5: weak references. */

static bool
weak_target_exists(const struct ovsdb_txn *txn,
                   const struct ovsdb_base_type *base,
                   const union ovsdb_atom *atom)
{
    const struct ovsdb_table *table = ref_table(txn, base);
    return !table || ovsdb_table_get_row(table, &atom->uuid);
}

/* Removes from column COLUMN of writable ROW every element with a weak
 * reference to a row that does not exist now.
 *
 * In a map, the element removed may also hold a strong reference (on its
 * other side, e.g. a map from a strong reference to a weak one).  The
 * strong reference counts were already updated for ROW's value, so such
 * a reference is dropped here: its target's count goes down and the
 * target goes on GC's work list, because it may now be garbage. */
static struct ovsdb_error *
remove_dangling_weak_refs(const struct ovsdb_txn *txn, struct ovsdb_row *row,
                          const struct ovsdb_column *column,
                          struct strong_ref_aux *gc)
{
    const struct ovsdb_type *type = &column->type;
    struct ovsdb_datum *datum = &row->fields[column->index];
    bool is_map = type->value.type != OVSDB_TYPE_VOID;
    unsigned int n_removed = 0;
    bool removed_zero = false;

    for (unsigned int i = datum->n; i-- > 0;) {
        bool dangling = false;
        const union ovsdb_atom *atom = NULL;

        if (is_ref_base(&type->key, OVSDB_REF_WEAK)
            && !weak_target_exists(txn, &type->key, &datum->keys[i])) {
            dangling = true;
            atom = &datum->keys[i];
        }
        if (!dangling && is_map && is_ref_base(&type->value, OVSDB_REF_WEAK)
            && !weak_target_exists(txn, &type->value, &datum->values[i])) {
            dangling = true;
            atom = &datum->values[i];
        }
        if (dangling) {
            if (uuid_is_zero(&atom->uuid)) {
                removed_zero = true;
            }
            if (is_map) {
                struct ovsdb_error *error;

                /* Removals cannot fail. */
                error = ref_atom(column, &type->key, OVSDB_REF_STRONG,
                                 &datum->keys[i], -1, strong_ref_cb, gc);
                ovsdb_error_destroy(error);
                error = ref_atom(column, &type->value, OVSDB_REF_STRONG,
                                 &datum->values[i], -1, strong_ref_cb, gc);
                ovsdb_error_destroy(error);
            }
            ovsdb_datum_remove_at(datum, i, type);
            n_removed++;
        }
    }

    if (n_removed && datum->n < type->n_min) {
        const struct ovsdb_txn_row *txn_row = row->txn_row;
        const char *table_name = row->table->schema->name;
        const struct uuid *uuid = ovsdb_row_get_uuid(row);

        if (txn_row && !txn_row->old && removed_zero) {
            return ovsdb_error(
                "constraint violation",
                "Weak reference column \"%s\" in \"%s\" row "UUID_FMT
                " (inserted within this transaction) contained all-zeros "
                "UUID (probably as the default value for this column) but "
                "deleting this value caused a constraint volation because "
                "this column is not allowed to be empty.", column->name,
                table_name, UUID_ARGS(uuid));
        }
        return ovsdb_error(
            "constraint violation",
            "Deletion of %u weak reference(s) to deleted (or never-existing) "
            "rows from column \"%s\" in \"%s\" row "UUID_FMT" caused this "
            "column to become empty, but constraints on this column "
            "disallow an empty column.", n_removed, column->name, table_name,
            UUID_ARGS(uuid));
    }
    return NULL;
}

struct weak_added_aux {
    const struct ovsdb_txn *txn;
    bool dangling;
};

static struct ovsdb_error *
weak_added_cb(const struct ovsdb_column *column OVS_UNUSED,
              const struct ovsdb_base_type *base, const struct uuid *target,
              int delta, void *aux_)
{
    struct weak_added_aux *aux = aux_;

    if (delta > 0 && !aux->dangling) {
        const struct ovsdb_table *table = ref_table(aux->txn, base);
        if (table && !ovsdb_table_get_row(table, target)) {
            aux->dangling = true;
        }
    }
    return NULL;
}

/* Removes dangling weak references: those to rows this transaction
 * deleted, and those it added to rows that do not exist.  Strong
 * references dropped along the way (see remove_dangling_weak_refs())
 * leave their targets on GC's work list. */
static struct ovsdb_error *
update_weak_refs(struct ovsdb_txn *txn, struct strong_ref_aux *gc)
{
    struct ovsdb_txn_row *txn_row;
    struct ovsdb_error *error;

    /* Rows that refer to rows deleted by this transaction. */
    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        if (!txn_row->old || txn_row->new) {
            continue;
        }

        struct ovsdb_weak_ref *wr;
        LIST_FOR_EACH (wr, dst_node, &txn_row->old->dst_refs) {
            const struct ovsdb_row *src
                = ovsdb_table_get_row(wr->src_table, &wr->src_uuid);
            if (src) {
                struct ovsdb_row *w = ovsdb_txn_row_modify(txn, src);
                error = remove_dangling_weak_refs(txn, w, wr->column, gc);
                if (error) {
                    return error;
                }
            }
        }
    }

    /* Weak references added by this transaction to rows that do not
     * exist. */
    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        struct ovsdb_row *new = txn_row->new;
        if (!new || new == txn_row->old || !txn_row->changed) {
            continue;
        }

        const struct ovsdb_table_schema *ts = txn_row->table->schema;
        for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            const struct ovsdb_column *column = ts->columns_by_index[i];
            if (!is_ref_column(column, OVSDB_REF_WEAK)
                || !column_changed(txn_row, i)) {
                continue;
            }

            struct weak_added_aux aux = { .txn = txn, .dangling = false };
            error = walk_ref_diff(column, OVSDB_REF_WEAK,
                                  txn_row->old ? &txn_row->old->fields[i]
                                               : NULL,
                                  &new->fields[i], weak_added_cb, &aux);
            ovsdb_error_destroy(error);
            if (aux.dangling) {
                error = remove_dangling_weak_refs(txn, new, column, gc);
                if (error) {
                    return error;
                }
            }
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Commit, step 6: index uniqueness. */

struct index_entry {
    struct hmap_node node;
    const struct ovsdb_txn_row *txn_row;
};

static void
format_index_values(const struct ovsdb_column_set *cols,
                    const struct ovsdb_row *row, struct ds *out)
{
    for (size_t i = 0; i < cols->n_columns; i++) {
        const struct ovsdb_column *column = cols->columns[i];
        if (i > 0) {
            ds_put_cstr(out, (cols->n_columns == 2 ? " and "
                              : i == cols->n_columns - 1 ? ", and "
                              : ", "));
        }
        ovsdb_datum_to_string(&row->fields[column->index], &column->type,
                              out);
    }
}

static void
format_index_columns(const struct ovsdb_column_set *cols, struct ds *out)
{
    ds_put_cstr(out, cols->n_columns == 1 ? "column " : "columns ");
    for (size_t i = 0; i < cols->n_columns; i++) {
        if (i > 0) {
            ds_put_cstr(out, (cols->n_columns == 2 ? " and "
                              : i == cols->n_columns - 1 ? ", and "
                              : ", "));
        }
        ds_put_format(out, "\"%s\"", cols->columns[i]->name);
    }
}

static void
describe_index_row(const struct ovsdb_table *table, size_t index,
                   const struct ovsdb_row *row, const char *title,
                   struct ds *out)
{
    const struct ovsdb_txn_row *txn_row = row->txn_row;

    ds_put_format(out, "  %s row, with UUID "UUID_FMT", ", title,
                  UUID_ARGS(ovsdb_row_get_uuid(row)));
    if (txn_row && !txn_row->old) {
        ds_put_cstr(out, "was inserted by this transaction.");
    } else if (!txn_row || txn_row->old == txn_row->new
               || ovsdb_table_index_equal(table, index,
                                          txn_row->old->fields,
                                          row->fields)) {
        ds_put_cstr(out, "existed in the database before this transaction "
                    "and was not modified by the transaction.");
    } else {
        ds_put_cstr(out, "had the following index values before the "
                    "transaction: ");
        format_index_values(&table->schema->indexes[index], txn_row->old,
                            out);
        ds_put_char(out, '.');
    }
}

static struct ovsdb_error *
duplicate_index_error(const struct ovsdb_table *table, size_t index,
                      const struct ovsdb_row *first,
                      const struct ovsdb_row *second)
{
    const struct ovsdb_column_set *cols = &table->schema->indexes[index];
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "Transaction causes multiple rows in \"%s\" table to "
                  "have identical values (", table->schema->name);
    format_index_values(cols, second, &s);
    ds_put_cstr(&s, ") for index on ");
    format_index_columns(cols, &s);
    ds_put_char(&s, '.');
    describe_index_row(table, index, first, "First", &s);
    describe_index_row(table, index, second, "Second", &s);

    struct ovsdb_error *error = ovsdb_error("constraint violation", "%s",
                                            ds_cstr(&s));
    ds_destroy(&s);
    return error;
}

static struct ovsdb_error *
check_index(const struct ovsdb_table *table, size_t index)
{
    struct hmap entries = HMAP_INITIALIZER(&entries);
    const struct ovsdb_txn_row *txn_row;
    struct ovsdb_error *error = NULL;
    struct index_entry *e;

    LIST_FOR_EACH (txn_row, table_node, &table->txn_rows) {
        if (txn_row->new) {
            e = xmalloc(sizeof *e);
            e->txn_row = txn_row;
            hmap_insert(&entries, &e->node, ovsdb_table_index_hash(
                            table, index, txn_row->new->fields));
        }
    }

    LIST_FOR_EACH (txn_row, table_node, &table->txn_rows) {
        const struct ovsdb_row *new = txn_row->new;
        if (!new || new == txn_row->old
            || (txn_row->old
                && ovsdb_table_index_equal(table, index,
                                           txn_row->old->fields,
                                           new->fields))) {
            continue;       /* Its index values did not change. */
        }

        uint32_t hash = ovsdb_table_index_hash(table, index, new->fields);
        const struct ovsdb_row_index_node *node;
        HMAP_FOR_EACH_WITH_HASH (node, node, hash, &table->indexes[index]) {
            if (!node->row->txn_row
                && ovsdb_table_index_equal(table, index, node->row->fields,
                                           new->fields)) {
                error = duplicate_index_error(table, index, node->row, new);
                goto out;
            }
        }
        HMAP_FOR_EACH_WITH_HASH (e, node, hash, &entries) {
            if (e->txn_row != txn_row
                && ovsdb_table_index_equal(table, index,
                                           e->txn_row->new->fields,
                                           new->fields)) {
                error = duplicate_index_error(table, index, e->txn_row->new,
                                              new);
                goto out;
            }
        }
    }

out:
    HMAP_FOR_EACH_POP (e, node, &entries) {
        free(e);
    }
    hmap_destroy(&entries);
    return error;
}

static struct ovsdb_error *
check_indexes(const struct ovsdb_txn *txn)
{
    for (size_t i = 0; i < txn->n_tables; i++) {
        const struct ovsdb_table *table = txn->tables[i];
        for (size_t j = 0; j < table->schema->n_indexes; j++) {
            struct ovsdb_error *error = check_index(table, j);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Commit, final steps: new versions, observers, apply. */

/* Computes the final change bitmaps and gives each changed row a new
 * _version.  Returns the number of rows inserted, deleted or modified. */
static size_t
finalize_changes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;
    size_t n_changes = 0;

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        const struct ovsdb_table_schema *ts = txn_row->table->schema;

        if (!txn_row->old && !txn_row->new) {
            continue;
        }
        if (!compute_changed(txn_row)) {
            if (txn_row->old && txn_row->new
                && txn_row->new != txn_row->old) {
                revert_noop(txn_row);
            }
            continue;
        }
        n_changes++;
        bitmap_set(txn_row->changed, OVSDB_COL_VERSION);
        if (!txn_row->old || !txn_row->new) {
            for (size_t i = 0; i < ts->n_columns; i++) {
                bitmap_set(txn_row->changed, i);
            }
        }
        if (txn_row->new) {
            struct ovsdb_datum *version
                = &txn_row->new->fields[OVSDB_COL_VERSION];
            uuid_generate(&version->keys[0].uuid);
        }
    }
    return n_changes;
}

static bool
weak_columns_changed(const struct ovsdb_txn_row *txn_row)
{
    const struct ovsdb_table_schema *ts = txn_row->table->schema;

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        if (column_changed(txn_row, i)
            && is_ref_column(ts->columns_by_index[i], OVSDB_REF_WEAK)) {
            return true;
        }
    }
    return false;
}

static void
add_weak_ref(const struct ovsdb_txn *txn, struct ovsdb_row *src,
             const struct ovsdb_column *column,
             const struct ovsdb_base_type *base, const union ovsdb_atom *atom)
{
    const struct ovsdb_table *table = ref_table(txn, base);
    struct ovsdb_row *dst = (table
                             ? (struct ovsdb_row *) ovsdb_table_get_row(
                                 table, &atom->uuid)
                             : NULL);
    if (!dst) {
        return;
    }

    struct ovsdb_weak_ref *wr = xmalloc(sizeof *wr);
    wr->src_table = src->table;
    wr->src_uuid = *ovsdb_row_get_uuid(src);
    wr->column = column;
    ovs_list_push_back(&src->src_refs, &wr->src_node);
    ovs_list_push_back(&dst->dst_refs, &wr->dst_node);
}

static void
add_weak_refs(const struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;

    for (size_t i = OVSDB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->columns_by_index[i];
        const struct ovsdb_type *type = &column->type;
        const struct ovsdb_datum *datum = &row->fields[i];

        if (!is_ref_column(column, OVSDB_REF_WEAK)) {
            continue;
        }
        for (unsigned int j = 0; j < datum->n; j++) {
            if (is_ref_base(&type->key, OVSDB_REF_WEAK)) {
                add_weak_ref(txn, row, column, &type->key, &datum->keys[j]);
            }
            if (type->value.type != OVSDB_TYPE_VOID
                && is_ref_base(&type->value, OVSDB_REF_WEAK)) {
                add_weak_ref(txn, row, column, &type->value,
                             &datum->values[j]);
            }
        }
    }
}

static void
free_src_weak_refs(struct ovsdb_row *row)
{
    struct ovsdb_weak_ref *wr;

    LIST_FOR_EACH_POP (wr, src_node, &row->src_refs) {
        ovs_list_remove(&wr->dst_node);
        free(wr);
    }
}

static void
apply_changes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;

    /* Weak references held by versions that go away or change them. */
    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        if (txn_row->old && txn_row->old != txn_row->new
            && (!txn_row->new || weak_columns_changed(txn_row))) {
            free_src_weak_refs(txn_row->old);
        }
    }

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        struct ovsdb_table *table = txn_row->table;
        struct ovsdb_row *old = txn_row->old;
        struct ovsdb_row *new = txn_row->new;

        if (old == new) {
            if (old) {
                old->n_refs = txn_row_n_refs(txn_row);
            }
            continue;
        }
        if (old) {
            ovsdb_table_index_remove(table, old);
        }
        if (new) {
            new->n_refs = txn_row_n_refs(txn_row);
            if (old) {
                ovs_list_splice_back(&new->src_refs, &old->src_refs);
                ovs_list_splice_back(&new->dst_refs, &old->dst_refs);
            }
            if (!old || weak_columns_changed(txn_row)) {
                add_weak_refs(txn, new);
            }
            ovsdb_table_index_insert(table, new);
        }
    }

    LIST_FOR_EACH (txn_row, txn_node, &txn->rows) {
        if (txn_row->new) {
            txn_row->new->txn_row = NULL;
        }
        if (txn_row->old) {
            txn_row->old->txn_row = NULL;
            if (txn_row->old != txn_row->new) {
                ovsdb_row_destroy(txn_row->old);
            }
        }
    }
}

static struct ovsdb_error *
txn_commit(struct ovsdb_txn *txn, bool durable, bool replay)
{
    struct ovsdb_error *error;

    error = determine_changes(txn);
    if (!error) {
        error = update_strong_refs(txn);
    }
    if (!error) {
        error = check_deleted_refs(txn);
    }
    if (!error) {
        collect_garbage(txn);
        error = check_max_rows(txn);
    }
    if (!error) {
        /* Removing weak references can drop strong ones, which can make
         * more garbage, whose deletion can leave more dangling weak
         * references: repeat until nothing changes.  Each round removes
         * elements or rows, so this ends. */
        struct strong_ref_aux gc = { .txn = txn, .gc = true };

        for (;;) {
            error = update_weak_refs(txn, &gc);
            if (error || !gc.n_gc) {
                break;
            }
            collect_garbage__(&gc);
        }
        free(gc.gc_stack);
    }
    if (!error) {
        error = check_indexes(txn);
    }
    if (error) {
        ovsdb_txn_abort(txn);
        return error;
    }

    size_t n_changes = finalize_changes(txn);
    if (n_changes && !replay) {
        struct ovsdb_observer *observer;
        LIST_FOR_EACH (observer, node, &txn->db->observers) {
            error = observer->class->commit(observer, txn, durable);
            if (error) {
                ovsdb_txn_abort(txn);
                return error;
            }
        }
    }

    apply_changes(txn);
    if (n_changes) {
        txn->db->n_commits++;
    }
    txn_free(txn);
    return NULL;
}

struct ovsdb_error *
ovsdb_txn_commit(struct ovsdb_txn *txn, bool durable)
{
    return txn_commit(txn, durable, false);
}

struct ovsdb_error *
ovsdb_txn_replay_commit(struct ovsdb_txn *txn)
{
    return txn_commit(txn, false, true);
}

/* ---------------------------------------------------------------------- */
/* Observers' view. */

bool
ovsdb_txn_for_each_change(const struct ovsdb_txn *txn,
                          ovsdb_txn_row_cb_func *cb, void *aux)
{
    for (size_t i = 0; i < txn->n_tables; i++) {
        const struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, table_node, &txn->tables[i]->txn_rows) {
            if (txn_row->old == txn_row->new || !txn_row->changed
                || !ovsdb_txn_column_changed(txn_row->changed,
                                             OVSDB_COL_VERSION)) {
                continue;
            }
            if (!cb(txn_row->old, txn_row->new, txn_row->changed, aux)) {
                return false;
            }
        }
    }
    return true;
}
