/* ovsdb-idl-replica: the rows of the IDL's replica.  Applies the
 * server's table updates ("update" and "update2"/"update3" formats) to
 * the rows, touching only the rows an update names; reconciles a complete
 * snapshot with the replica (after a reconnection without history) so
 * that only real differences are reported; records change tracking; and
 * implements the read accessors of ovsdb-idl.h. */
#include "ovsdb-idl-private.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "ovsdb/column.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/table-schema.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl_replica);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* ---------------------------------------------------------------------- */
/* Rows. */

/* Creates a row of TABLE with UUID and inserts it into TABLE's rows.  A
 * REPLICA row gets fields (monitored columns at their defaults); a row
 * inserted by a transaction does not. */
struct ovsdb_idl_row *
idl_row_create(struct ovsdb_idl_table *table, const struct uuid *uuid,
               bool replica)
{
    struct ovsdb_idl_row *row = xzalloc(sizeof *row);

    row->uuid = *uuid;
    row->table = table;
    row->gen = table->idl->gen;
    if (replica) {
        row->fields = xmalloc(table->n_columns * sizeof *row->fields);
        for (size_t i = 0; i < table->n_columns; i++) {
            ovsdb_datum_init_empty(&row->fields[i]);
        }
    }
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(uuid));
    return row;
}

static void
track_destroy(struct ovsdb_idl_row *row)
{
    struct idl_track *track = row->track;
    const struct ovsdb_idl_table *table = row->table;

    if (!track) {
        return;
    }
    ovs_list_remove(&track->node);
    if (track->changed) {
        for (size_t i = 0; i < table->n_columns; i++) {
            if (idl_bitmap_is_set(track->changed, i)) {
                ovsdb_datum_destroy(&track->old[i], &table->columns[i].type);
            }
        }
        free(track->changed);
        free(track->old);
    }
    free(track);
    row->track = NULL;
}

/* Frees ROW, which must not be in its table's rows any more and must not
 * be used by a transaction. */
void
idl_row_destroy(struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = row->table;

    assert(!row->txn);
    track_destroy(row);
    if (row->fields) {
        for (size_t i = 0; i < table->n_columns; i++) {
            ovsdb_datum_destroy(&row->fields[i], &table->columns[i].type);
        }
        free(row->fields);
    }
    free(row);
}

/* Frees ROW if it is deleted from the replica and nothing still refers
 * to it (tracking, the transaction being built). */
void
idl_row_maybe_free(struct ovsdb_idl_row *row)
{
    if (row->deleted && !row->track && !row->txn) {
        idl_row_destroy(row);
    }
}

struct ovsdb_idl_row *
idl_find_row(const struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    struct ovsdb_idl_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Returns ROW's tracking state, creating it (at the end of the table's
 * tracked list) if needed. */
static struct idl_track *
row_track(struct ovsdb_idl_row *row)
{
    if (!row->track) {
        struct idl_track *track = xzalloc(sizeof *track);

        track->row = row;
        ovs_list_push_back(&row->table->track_list, &track->node);
        row->track = track;
    }
    return row->track;
}

static void
row_note_insert(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl *idl = row->table->idl;

    idl->change_seqno++;
    if (idl->tracking) {
        row_track(row)->flags |= OVSDB_IDL_INSERTED;
    }
}

/* Records that COLUMN of ROW changed from OLD (taken). */
static void
row_note_modify(struct ovsdb_idl_row *row,
                const struct ovsdb_idl_column *column,
                struct ovsdb_datum *old)
{
    struct ovsdb_idl_table *table = row->table;
    struct ovsdb_idl *idl = table->idl;
    size_t idx = column->schema->index;
    struct idl_track *track;

    if (!column->alert) {
        ovsdb_datum_destroy(old, &column->type);
        return;
    }
    idl->change_seqno++;
    if (!idl->tracking) {
        ovsdb_datum_destroy(old, &column->type);
        return;
    }
    track = row_track(row);
    if (track->flags & OVSDB_IDL_INSERTED) {
        ovsdb_datum_destroy(old, &column->type);
        return;
    }
    track->flags |= OVSDB_IDL_MODIFIED;
    if (!track->changed) {
        track->changed = idl_bitmap_allocate(table->n_columns);
        track->old = xmalloc(table->n_columns * sizeof *track->old);
    }
    if (!idl_bitmap_is_set(track->changed, idx)) {
        idl_bitmap_set1(track->changed, idx);
        track->old[idx] = *old;
    } else {
        ovsdb_datum_destroy(old, &column->type);
    }
}

/* Removes ROW from the replica: it is freed at once, or kept as a
 * tracked deleted row, or kept for the transaction that uses it. */
static void
row_delete(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl *idl = row->table->idl;

    hmap_remove(&row->table->rows, &row->hmap_node);
    row->deleted = true;
    idl->change_seqno++;
    if (idl->tracking) {
        struct idl_track *track = row_track(row);

        if (track->flags & OVSDB_IDL_INSERTED) {
            /* Never reported: forget it. */
            track_destroy(row);
        } else {
            track->flags |= OVSDB_IDL_DELETED;
        }
    }
    idl_row_maybe_free(row);
}

/* Frees every row of TABLE (IDL destruction). */
void
idl_table_clear(struct ovsdb_idl_table *table)
{
    struct ovsdb_idl_row *row;

    while (!ovs_list_is_empty(&table->track_list)) {
        struct idl_track *track = CONTAINER_OF(
            ovs_list_front(&table->track_list), struct idl_track, node);
        struct ovsdb_idl_row *trow = track->row;

        track_destroy(trow);
        if (trow->deleted) {
            trow->txn = NULL;
            idl_row_destroy(trow);
        }
    }
    HMAP_FOR_EACH_POP (row, hmap_node, &table->rows) {
        row->txn = NULL;
        idl_row_destroy(row);
    }
}

/* ---------------------------------------------------------------------- */
/* Applying updates. */

struct update_ctx {
    struct ovsdb_idl *idl;
    struct ds errors;           /* First error only. */
    bool full;
};

static void OVS_PRINTF_FORMAT(2, 3)
update_error(struct update_ctx *ctx, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    if (!ctx->errors.length) {
        ds_put_format_valist(&ctx->errors, format, args);
    }
    va_end(args);
}

/* Parses JSON as a value of COLUMN into DATUM (uninitialized on entry,
 * initialized only on success). */
static bool
parse_value(struct update_ctx *ctx, const struct ovsdb_idl_table *table,
            const struct ovsdb_idl_column *column, const json_t *json,
            struct ovsdb_datum *datum)
{
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json_relaxed(datum, &column->type, json, NULL);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);

        update_error(ctx, "%s column %s: %s", table->schema->name,
                     column->schema->name, s);
        VLOG_WARN_RL(&rl, "bad value in update of %s column %s: %s",
                     table->schema->name, column->schema->name, s);
        free(s);
        return false;
    }
    return true;
}

/* Fills a new row's monitored columns from the complete row JSON. */
static void
row_fill(struct update_ctx *ctx, struct ovsdb_idl_row *row,
         const json_t *json)
{
    struct ovsdb_idl_table *table = row->table;

    for (size_t i = OVSDB_COL_VERSION; i < table->n_columns; i++) {
        const struct ovsdb_idl_column *column = &table->columns[i];
        const json_t *value;

        if (!column->monitored) {
            continue;
        }
        value = json_object_get(json, column->schema->name);
        if (!value || !parse_value(ctx, table, column, value,
                                   &row->fields[i])) {
            ovsdb_datum_clone(&row->fields[i], &column->default_,
                              &column->type);
        }
    }
}

/* Replaces the monitored columns of an existing row by the complete row
 * JSON (columns absent from it take their defaults), noting changes. */
static void
row_replace(struct update_ctx *ctx, struct ovsdb_idl_row *row,
            const json_t *json)
{
    struct ovsdb_idl_table *table = row->table;

    for (size_t i = OVSDB_COL_VERSION; i < table->n_columns; i++) {
        const struct ovsdb_idl_column *column = &table->columns[i];
        struct ovsdb_datum new;
        const json_t *value;

        if (!column->monitored) {
            continue;
        }
        value = json_object_get(json, column->schema->name);
        if (!value || !parse_value(ctx, table, column, value, &new)) {
            if (ovsdb_datum_equals(&row->fields[i], &column->default_,
                                   &column->type)) {
                continue;
            }
            ovsdb_datum_clone(&new, &column->default_, &column->type);
        } else if (ovsdb_datum_equals(&row->fields[i], &new,
                                      &column->type)) {
            ovsdb_datum_destroy(&new, &column->type);
            continue;
        }
        ovsdb_datum_swap(&row->fields[i], &new);
        row_note_modify(row, column, &new);
    }
}

/* Applies an update2 "modify" (column diffs) to ROW. */
static void
row_apply_diff(struct update_ctx *ctx, struct ovsdb_idl_row *row,
               const json_t *json)
{
    struct ovsdb_idl_table *table = row->table;
    const char *name;
    json_t *value;

    json_object_foreach ((json_t *) json, name, value) {
        const struct ovsdb_column *scol;
        const struct ovsdb_idl_column *column;
        struct ovsdb_datum diff, new;
        struct ovsdb_error *error;

        scol = ovsdb_table_schema_get_column(table->schema, name);
        if (!scol || scol->index == OVSDB_COL_UUID) {
            continue;
        }
        column = &table->columns[scol->index];
        if (!column->monitored) {
            continue;
        }
        if (!parse_value(ctx, table, column, value, &diff)) {
            continue;
        }
        if (column->type.n_max == 1) {
            /* For scalars and optional scalars the "diff" is the new
             * value (OVS 3.1 clears an optional column with
             * ["set", []]). */
            new = diff;
            error = NULL;
            if (new.n > 1 || new.n < column->type.n_min) {
                error = ovsdb_error("constraint violation", "%u values for "
                                    "a column with at most one", new.n);
                ovsdb_datum_destroy(&new, &column->type);
            }
        } else {
            error = ovsdb_datum_apply_diff(&new, &row->fields[scol->index],
                                           &diff, &column->type);
            ovsdb_datum_destroy(&diff, &column->type);
        }
        if (error) {
            char *s = ovsdb_error_to_string_free(error);

            update_error(ctx, "%s column %s: bad diff: %s",
                         table->schema->name, name, s);
            free(s);
            continue;
        }
        if (ovsdb_datum_equals(&new, &row->fields[scol->index],
                               &column->type)) {
            ovsdb_datum_destroy(&new, &column->type);
            continue;
        }
        ovsdb_datum_swap(&row->fields[scol->index], &new);
        row_note_modify(row, column, &new);
    }
}

/* A complete row for UUID: inserts it, or replaces an existing one. */
static void
row_upsert(struct update_ctx *ctx, struct ovsdb_idl_table *table,
           const struct uuid *uuid, const json_t *json)
{
    struct ovsdb_idl_row *row = idl_find_row(table, uuid);

    if (!json_is_object(json)) {
        update_error(ctx, "%s row "UUID_FMT": row is not an object",
                     table->schema->name, UUID_ARGS(uuid));
        return;
    }
    if (row && !row->fields) {
        /* A transaction's row with the same UUID: cannot happen with
         * random UUIDs; keep the replica's. */
        VLOG_WARN_RL(&rl, "%s row "UUID_FMT" collides with a "
                     "transaction's row", table->schema->name,
                     UUID_ARGS(uuid));
        return;
    }
    if (row) {
        row->gen = ctx->idl->gen;
        row_replace(ctx, row, json);
    } else {
        row = idl_row_create(table, uuid, true);
        row_fill(ctx, row, json);
        row_note_insert(row);
    }
}

static struct ovsdb_idl_row *
find_replica_row(struct update_ctx *ctx, struct ovsdb_idl_table *table,
                 const struct uuid *uuid, const char *what)
{
    struct ovsdb_idl_row *row = idl_find_row(table, uuid);

    if (!row || !row->fields) {
        update_error(ctx, "%s of nonexistent %s row "UUID_FMT, what,
                     table->schema->name, UUID_ARGS(uuid));
        VLOG_WARN_RL(&rl, "%s of nonexistent %s row "UUID_FMT, what,
                     table->schema->name, UUID_ARGS(uuid));
        return NULL;
    }
    row->gen = ctx->idl->gen;
    return row;
}

/* One <row-update2>: {"initial"|"insert": row} | {"modify": diff} |
 * {"delete": null}. */
static void
apply_row_update2(struct update_ctx *ctx, struct ovsdb_idl_table *table,
                  const struct uuid *uuid, const json_t *json)
{
    const json_t *value;
    struct ovsdb_idl_row *row;

    if (!json_is_object(json) || json_object_size(json) != 1) {
        update_error(ctx, "%s row "UUID_FMT": <row-update2> must be an "
                     "object with one member", table->schema->name,
                     UUID_ARGS(uuid));
        return;
    }
    if ((value = json_object_get(json, "initial"))
        || (value = json_object_get(json, "insert"))) {
        row_upsert(ctx, table, uuid, value);
    } else if ((value = json_object_get(json, "modify"))) {
        if (!json_is_object(value)) {
            update_error(ctx, "%s row "UUID_FMT": \"modify\" is not an "
                         "object", table->schema->name, UUID_ARGS(uuid));
        } else if ((row = find_replica_row(ctx, table, uuid, "modify"))) {
            row_apply_diff(ctx, row, value);
        }
    } else if (json_object_get(json, "delete")) {
        if ((row = find_replica_row(ctx, table, uuid, "delete"))) {
            row_delete(row);
        }
    } else {
        update_error(ctx, "%s row "UUID_FMT": unknown <row-update2>",
                     table->schema->name, UUID_ARGS(uuid));
    }
}

/* One <row-update> of RFC 7047: {"old": ..., "new": ...}; "new" holds
 * every monitored column. */
static void
apply_row_update1(struct update_ctx *ctx, struct ovsdb_idl_table *table,
                  const struct uuid *uuid, const json_t *json)
{
    const json_t *old, *new;
    struct ovsdb_idl_row *row;

    if (!json_is_object(json)) {
        update_error(ctx, "%s row "UUID_FMT": <row-update> is not an "
                     "object", table->schema->name, UUID_ARGS(uuid));
        return;
    }
    old = json_object_get(json, "old");
    new = json_object_get(json, "new");
    if (new) {
        row_upsert(ctx, table, uuid, new);
    } else if (old) {
        if ((row = find_replica_row(ctx, table, uuid, "delete"))) {
            row_delete(row);
        }
    } else {
        update_error(ctx, "%s row "UUID_FMT": <row-update> has neither "
                     "\"old\" nor \"new\"", table->schema->name,
                     UUID_ARGS(uuid));
    }
}

/* Deletes the rows of monitored tables that the last complete snapshot
 * did not mention. */
static void
sweep_stale_rows(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];
        struct ovsdb_idl_row *row;

        if (!table->monitored) {
            continue;
        }
        HMAP_FOR_EACH_SAFE (row, hmap_node, &table->rows) {
            if (row->fields && row->gen != idl->gen) {
                row_delete(row);
            }
        }
    }
}

char *
idl_apply_table_updates(struct ovsdb_idl *idl, int version,
                        const json_t *updates, bool full)
{
    struct update_ctx ctx;
    const char *table_name;
    json_t *table_update;

    ctx.idl = idl;
    ctx.full = full;
    ds_init(&ctx.errors);
    if (full) {
        idl->gen++;
    }
    if (!json_is_object(updates)) {
        update_error(&ctx, "<table-updates> is not an object");
        goto out;
    }
    json_object_foreach ((json_t *) updates, table_name, table_update) {
        struct ovsdb_idl_table *table;
        const char *uuid_s;
        json_t *row_update;

        table = shash_find_data(&idl->tables, table_name);
        if (!table || !table->monitored) {
            update_error(&ctx, "update for unmonitored table %s",
                         table_name);
            continue;
        }
        if (!json_is_object(table_update)) {
            update_error(&ctx, "<table-update> for %s is not an object",
                         table_name);
            continue;
        }
        json_object_foreach (table_update, uuid_s, row_update) {
            struct uuid uuid;

            if (!uuid_from_string(&uuid, uuid_s)) {
                update_error(&ctx, "%s: bad row UUID \"%s\"", table_name,
                             uuid_s);
                continue;
            }
            if (version == 1) {
                apply_row_update1(&ctx, table, &uuid, row_update);
            } else {
                apply_row_update2(&ctx, table, &uuid, row_update);
            }
        }
    }
out:
    if (full) {
        sweep_stale_rows(idl);
    }
    if (ctx.errors.length) {
        return ds_steal_cstr(&ctx.errors);
    }
    ds_destroy(&ctx.errors);
    return NULL;
}

char *
ovsdb_idl_apply_update(struct ovsdb_idl *idl, int version,
                       const json_t *table_updates, bool full)
{
    return idl_apply_table_updates(idl, version, table_updates, full);
}

/* ---------------------------------------------------------------------- */
/* Reading. */

static bool
row_is_visible(const struct ovsdb_idl_row *row)
{
    return !row->deleted && !(row->txn && row->txn->deleted);
}

static const struct ovsdb_idl_row *
first_visible(const struct ovsdb_idl_table *table, struct hmap_node *node)
{
    for (; node; node = hmap_next(&table->rows, node)) {
        const struct ovsdb_idl_row *row;

        row = CONTAINER_OF(node, struct ovsdb_idl_row, hmap_node);
        if (row_is_visible(row)) {
            return row;
        }
    }
    return NULL;
}

const struct ovsdb_idl_row *
ovsdb_idl_first_row(const struct ovsdb_idl *idl OVS_UNUSED,
                    const struct ovsdb_idl_table *table)
{
    return first_visible(table, hmap_first(&table->rows));
}

const struct ovsdb_idl_row *
ovsdb_idl_next_row(const struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = row->table;

    return first_visible(table, hmap_next(&table->rows, &row->hmap_node));
}

size_t
ovsdb_idl_table_count(const struct ovsdb_idl *idl OVS_UNUSED,
                      const struct ovsdb_idl_table *table)
{
    size_t n = 0;
    const struct ovsdb_idl_row *row;

    /* Rows inserted by the transaction being built are in ROWS too; the
     * common case (no transaction) is O(1). */
    if (!table->idl->txn) {
        return hmap_count(&table->rows);
    }
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        n += row->fields != NULL;
    }
    return n;
}

const struct ovsdb_idl_row *
ovsdb_idl_get_row_for_uuid(const struct ovsdb_idl *idl OVS_UNUSED,
                           const struct ovsdb_idl_table *table,
                           const struct uuid *uuid)
{
    const struct ovsdb_idl_row *row = idl_find_row(table, uuid);

    return row && row_is_visible(row) ? row : NULL;
}

const struct uuid *
ovsdb_idl_row_get_uuid(const struct ovsdb_idl_row *row)
{
    return &row->uuid;
}

const struct ovsdb_idl_table *
ovsdb_idl_row_get_table(const struct ovsdb_idl_row *row)
{
    return row->table;
}

const struct ovsdb_datum *
ovsdb_idl_row_get_datum(const struct ovsdb_idl_row *row,
                        const struct ovsdb_idl_column *column)
{
    size_t idx = column->schema->index;

    assert(column->table == row->table);
    if (row->txn && row->txn->written
        && idl_bitmap_is_set(row->txn->written, idx)) {
        return &row->txn->new_[idx];
    }
    if (row->fields && column->monitored) {
        return &row->fields[idx];
    }
    return &column->default_;
}

static const union ovsdb_atom *
first_key(const struct ovsdb_idl_row *row,
          const struct ovsdb_idl_column *column,
          enum ovsdb_atomic_type type)
{
    const struct ovsdb_datum *datum = ovsdb_idl_row_get_datum(row, column);

    if (column->type.key.type != type || !datum->n) {
        return NULL;
    }
    return &datum->keys[0];
}

const char *
ovsdb_idl_row_get_string(const struct ovsdb_idl_row *row,
                         const struct ovsdb_idl_column *column)
{
    const union ovsdb_atom *atom = first_key(row, column, OVSDB_TYPE_STRING);

    return atom ? atom->string : NULL;
}

int64_t
ovsdb_idl_row_get_integer(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column,
                          int64_t dflt)
{
    const union ovsdb_atom *atom = first_key(row, column,
                                             OVSDB_TYPE_INTEGER);

    return atom ? atom->integer : dflt;
}

bool
ovsdb_idl_row_get_boolean(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column, bool dflt)
{
    const union ovsdb_atom *atom = first_key(row, column,
                                             OVSDB_TYPE_BOOLEAN);

    return atom ? atom->boolean : dflt;
}

double
ovsdb_idl_row_get_real(const struct ovsdb_idl_row *row,
                       const struct ovsdb_idl_column *column, double dflt)
{
    const union ovsdb_atom *atom = first_key(row, column, OVSDB_TYPE_REAL);

    return atom ? atom->real : dflt;
}

const struct uuid *
ovsdb_idl_row_get_uuid_value(const struct ovsdb_idl_row *row,
                             const struct ovsdb_idl_column *column)
{
    const union ovsdb_atom *atom = first_key(row, column, OVSDB_TYPE_UUID);

    return atom ? &atom->uuid : NULL;
}

const char *
ovsdb_idl_row_get_map_value(const struct ovsdb_idl_row *row,
                            const struct ovsdb_idl_column *column,
                            const char *key)
{
    const struct ovsdb_datum *datum = ovsdb_idl_row_get_datum(row, column);
    union ovsdb_atom atom;
    unsigned int idx;

    if (column->type.key.type != OVSDB_TYPE_STRING
        || column->type.value.type != OVSDB_TYPE_STRING) {
        return NULL;
    }
    atom.string = (char *) (uintptr_t) key;
    idx = ovsdb_datum_find_key(datum, &atom, OVSDB_TYPE_STRING);
    return idx == UINT_MAX ? NULL : datum->values[idx].string;
}

/* The table COLUMN refers to, and whether the references are its keys
 * (else its values); NULL if it holds no references to a known table. */
static const struct ovsdb_idl_table *
ref_table(const struct ovsdb_idl_column *column, bool *keys)
{
    const struct ovsdb_type *type = &column->schema->type;
    const struct ovsdb_base_type *base;

    if (ovsdb_base_type_is_ref(&type->key)) {
        base = &type->key;
        *keys = true;
    } else if (ovsdb_base_type_is_ref(&type->value)) {
        base = &type->value;
        *keys = false;
    } else {
        return NULL;
    }
    return shash_find_data(&column->table->idl->tables,
                           base->uuid.ref_table_name);
}

const struct ovsdb_idl_row *
ovsdb_idl_row_get_ref(const struct ovsdb_idl_row *row,
                      const struct ovsdb_idl_column *column)
{
    const struct ovsdb_datum *datum = ovsdb_idl_row_get_datum(row, column);
    const struct ovsdb_idl_table *dst;
    bool keys;

    dst = ref_table(column, &keys);
    if (!dst) {
        return NULL;
    }
    for (unsigned int i = 0; i < datum->n; i++) {
        const union ovsdb_atom *atom = keys ? &datum->keys[i]
                                            : &datum->values[i];
        const struct ovsdb_idl_row *target;

        target = ovsdb_idl_get_row_for_uuid(dst->idl, dst, &atom->uuid);
        if (target) {
            return target;
        }
    }
    return NULL;
}

size_t
ovsdb_idl_row_get_refs(const struct ovsdb_idl_row *row,
                       const struct ovsdb_idl_column *column,
                       const struct ovsdb_idl_row ***rowsp)
{
    const struct ovsdb_datum *datum = ovsdb_idl_row_get_datum(row, column);
    const struct ovsdb_idl_table *dst;
    const struct ovsdb_idl_row **rows;
    size_t n = 0;
    bool keys;

    dst = ref_table(column, &keys);
    rows = xmalloc((datum->n ? datum->n : 1) * sizeof *rows);
    for (unsigned int i = 0; dst && i < datum->n; i++) {
        const union ovsdb_atom *atom = keys ? &datum->keys[i]
                                            : &datum->values[i];
        const struct ovsdb_idl_row *target;

        target = ovsdb_idl_get_row_for_uuid(dst->idl, dst, &atom->uuid);
        if (target) {
            rows[n++] = target;
        }
    }
    *rowsp = rows;
    return n;
}

/* ---------------------------------------------------------------------- */
/* Change tracking. */

void
ovsdb_idl_enable_tracking(struct ovsdb_idl *idl)
{
    idl->tracking = true;
}

static const struct ovsdb_idl_row *
track_row(const struct ovs_list *list, const struct ovs_list *node)
{
    return (node == list ? NULL
            : CONTAINER_OF(node, struct idl_track, node)->row);
}

const struct ovsdb_idl_row *
ovsdb_idl_track_first(const struct ovsdb_idl *idl OVS_UNUSED,
                      const struct ovsdb_idl_table *table)
{
    return track_row(&table->track_list, table->track_list.next);
}

const struct ovsdb_idl_row *
ovsdb_idl_track_next(const struct ovsdb_idl_row *row)
{
    return (row->track
            ? track_row(&row->table->track_list, row->track->node.next)
            : NULL);
}

unsigned int
ovsdb_idl_track_get_flags(const struct ovsdb_idl_row *row)
{
    return row->track ? row->track->flags : 0;
}

bool
ovsdb_idl_track_is_new(const struct ovsdb_idl_row *row)
{
    return (ovsdb_idl_track_get_flags(row) & OVSDB_IDL_INSERTED) != 0;
}

bool
ovsdb_idl_track_is_deleted(const struct ovsdb_idl_row *row)
{
    return (ovsdb_idl_track_get_flags(row) & OVSDB_IDL_DELETED) != 0;
}

bool
ovsdb_idl_track_is_updated(const struct ovsdb_idl_row *row,
                           const struct ovsdb_idl_column *column)
{
    assert(column->table == row->table);
    return (row->track && row->track->changed
            && idl_bitmap_is_set(row->track->changed,
                                 column->schema->index));
}

const struct ovsdb_datum *
ovsdb_idl_track_get_old_datum(const struct ovsdb_idl_row *row,
                              const struct ovsdb_idl_column *column)
{
    if (ovsdb_idl_track_is_updated(row, column)) {
        return &row->track->old[column->schema->index];
    }
    return ovsdb_idl_row_get_datum(row, column);
}

void
ovsdb_idl_track_clear(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->table_array[i];

        while (!ovs_list_is_empty(&table->track_list)) {
            struct idl_track *track = CONTAINER_OF(
                ovs_list_front(&table->track_list), struct idl_track, node);
            struct ovsdb_idl_row *row = track->row;

            track_destroy(row);
            idl_row_maybe_free(row);
        }
    }
}
