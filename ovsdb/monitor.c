/* monitor: OVSDB monitors on one database.  See monitor.h.
 *
 * A monitor request is parsed into an immutable "shape": per monitored
 * table, the columns (each with its own select flags, as OVS tracks
 * them), the union of the selects and, for monitor_cond, a condition.
 * Shapes are shared between monitors with identical requests and looked
 * up by a canonical key, so that each committed transaction is turned
 * into JSON once per shape.
 *
 * Changes reach us through the database observer interface.  For each
 * transaction we also keep a copy of the changed rows (bounded in number
 * of transactions and rows) keyed by a fresh transaction id, which is
 * what monitor_cond_since needs to bring a reconnecting client up to
 * date without resending everything. */
#include "monitor.h"

#include <limits.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "ds.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "row.h"
#include "schema.h"
#include "shash.h"
#include "table.h"
#include "transaction.h"
#include "util.h"

/* Select flags. */
enum {
    MS_INITIAL = 1 << 0,
    MS_INSERT = 1 << 1,
    MS_DELETE = 1 << 2,
    MS_MODIFY = 1 << 3,
    MS_ALL = MS_INITIAL | MS_INSERT | MS_DELETE | MS_MODIFY
};

struct monitor_column {
    const struct ovsdb_column *column;  /* Borrowed from the schema. */
    unsigned int select;                /* MS_* for this column. */
};

struct monitor_table {
    const struct ovsdb_table_schema *schema;    /* Borrowed. */
    struct monitor_column *columns;     /* Sorted by column index. */
    size_t n_columns;
    unsigned int select;                /* Union of the requests' MS_*. */
    struct ovsdb_condition cond;        /* Empty (true) unless V2/V3. */
    bool cond_true;                     /* Cached ovsdb_condition_is_true.*/
};

struct monitor_shape {
    struct shash_node *node;            /* In mdb->shapes, by key. */
    enum ovsdb_monitor_version version;
    struct monitor_table *tables;       /* Sorted by table name. */
    size_t n_tables;
    struct ovs_list monitors;           /* struct ovsdb_monitor. */
};

struct ovsdb_monitor {
    struct ovs_list node;               /* In shape->monitors. */
    struct ovsdb_monitor_db *mdb;
    struct monitor_shape *shape;
    ovsdb_monitor_send_func *send;
    void *aux;
};

/* One changed row.  OLD and NEW are the row's fields before and after
 * (NULL for insert and delete, respectively).  Live changes borrow them
 * from the rows; history entries own copies. */
struct monitor_change {
    const struct ovsdb_table_schema *table;
    struct uuid uuid;
    struct ovsdb_datum *old;
    struct ovsdb_datum *new;
    const unsigned long *changed;       /* Live changes only: bitmap of the
                                         * columns that differ, else NULL.*/
};

struct monitor_txn {
    struct ovs_list node;               /* In mdb->history, oldest first. */
    struct uuid id;
    struct monitor_change *changes;     /* Owned copies. */
    size_t n_changes;
    size_t n_bytes;                     /* Memory held by the copies. */
};

struct ovsdb_monitor_db {
    struct ovsdb_observer observer;
    struct ovsdb *db;
    struct shash shapes;                /* key -> struct monitor_shape *. */
    size_t n_monitors;
    struct uuid last_txn_id;
    struct ovs_list history;            /* struct monitor_txn. */
    size_t n_history_txns;
    size_t n_history_bytes;
    size_t max_txns;
    size_t max_bytes;
};

#define DEFAULT_MAX_TXNS 100
#define DEFAULT_MAX_BYTES (16 * 1024 * 1024)

static const struct ovsdb_observer_class monitor_observer_class;

/* ---------------------------------------------------------------------- */
/* Shapes. */

static void
monitor_table_destroy(struct monitor_table *mt)
{
    free(mt->columns);
    ovsdb_condition_destroy(&mt->cond);
}

static void
shape_free(struct monitor_shape *shape)
{
    size_t i;

    for (i = 0; i < shape->n_tables; i++) {
        monitor_table_destroy(&shape->tables[i]);
    }
    free(shape->tables);
    free(shape);
}

static struct monitor_column *
monitor_table_find_column(struct monitor_table *mt, unsigned int index)
{
    size_t i;

    for (i = 0; i < mt->n_columns; i++) {
        if (mt->columns[i].column->index == index) {
            return &mt->columns[i];
        }
    }
    return NULL;
}

static void
monitor_table_add_column(struct monitor_table *mt,
                         const struct ovsdb_column *column,
                         unsigned int select)
{
    size_t i;

    mt->columns = xrealloc(mt->columns,
                           (mt->n_columns + 1) * sizeof *mt->columns);
    for (i = mt->n_columns; i > 0; i--) {
        if (mt->columns[i - 1].column->index < column->index) {
            break;
        }
        mt->columns[i] = mt->columns[i - 1];
    }
    mt->columns[i].column = column;
    mt->columns[i].select = select;
    mt->n_columns++;
}

static struct ovsdb_error *
parse_select(const json_t *json, const char *table_name,
             unsigned int *selectp)
{
    static const char *const names[] = {
        "initial", "insert", "delete", "modify"
    };
    struct ovsdb_parser parser;
    size_t i;

    *selectp = MS_ALL;
    if (!json) {
        return NULL;
    }
    ovsdb_parser_init(&parser, json, "table %s select", table_name);
    for (i = 0; i < ARRAY_SIZE(names); i++) {
        const json_t *value = ovsdb_parser_member(&parser, names[i],
                                                  OP_BOOLEAN | OP_OPTIONAL);
        if (value && json_is_false(value)) {
            *selectp &= ~(1u << i);
        }
    }
    return ovsdb_parser_finish(&parser);
}

/* Parses one <monitor-request> for MT. */
static struct ovsdb_error *
parse_monitor_request(struct monitor_table *mt, const json_t *request,
                      enum ovsdb_monitor_version version, bool *have_where)
{
    const struct ovsdb_table_schema *ts = mt->schema;
    const json_t *values[3];
    struct ovsdb_parser parser;
    struct ovsdb_error *error;
    unsigned int select;

    ovsdb_parser_init(&parser, request, "table %s", ts->name);
    values[0] = ovsdb_parser_member(&parser, "columns",
                                    OP_ARRAY | OP_OPTIONAL);
    values[1] = ovsdb_parser_member(&parser, "select",
                                    OP_OBJECT | OP_OPTIONAL);
    values[2] = (version == OVSDB_MONITOR_V1 ? NULL
                 : ovsdb_parser_member(&parser, "where",
                                       OP_ARRAY | OP_OPTIONAL));
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    error = parse_select(values[1], ts->name, &select);
    if (error) {
        return error;
    }
    mt->select |= select;

    if (values[0]) {
        const json_t *columns = values[0];
        size_t i;

        for (i = 0; i < json_array_size(columns); i++) {
            if (!json_is_string(json_array_get(columns, i))) {
                return ovsdb_syntax_error(columns, NULL,
                                          "array of column names expected");
            }
        }
        for (i = 0; i < json_array_size(columns); i++) {
            const char *name = json_string_value(json_array_get(columns, i));
            const struct ovsdb_column *column;

            column = ovsdb_table_schema_get_column(ts, name);
            if (!column) {
                return ovsdb_syntax_error(columns, NULL,
                                          "%s is not a valid column name",
                                          name);
            }
            if (monitor_table_find_column(mt, column->index)) {
                return ovsdb_syntax_error(columns, NULL, "column %s "
                                          "mentioned more than once",
                                          name);
            }
            monitor_table_add_column(mt, column, select);
        }
    } else {
        size_t i;

        for (i = 0; i < ts->n_columns; i++) {
            const struct ovsdb_column *column = ts->columns_by_index[i];

            if (column->index == OVSDB_COL_UUID) {
                continue;
            }
            if (monitor_table_find_column(mt, column->index)) {
                return ovsdb_syntax_error(NULL, NULL, "column %s "
                                          "mentioned more than once",
                                          column->name);
            }
            monitor_table_add_column(mt, column, select);
        }
    }

    if (values[2] && !*have_where) {
        *have_where = true;
        ovsdb_condition_destroy(&mt->cond);
        error = ovsdb_condition_from_json(ts, values[2], NULL, &mt->cond);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static int
compare_table_names(const void *a_, const void *b_)
{
    const struct monitor_table *a = a_;
    const struct monitor_table *b = b_;

    return strcmp(a->schema->name, b->schema->name);
}

/* Appends SHAPE's canonical description to KEY. */
static void
shape_format_key(const struct monitor_shape *shape, struct ds *key)
{
    size_t i, j;

    ds_put_format(key, "v%d", (int) shape->version);
    for (i = 0; i < shape->n_tables; i++) {
        const struct monitor_table *mt = &shape->tables[i];
        json_t *cond;
        char *s;

        ds_put_format(key, "|%s/%x:", mt->schema->name, mt->select);
        for (j = 0; j < mt->n_columns; j++) {
            ds_put_format(key, "%u.%x,", mt->columns[j].column->index,
                          mt->columns[j].select);
        }
        cond = ovsdb_condition_to_json(&mt->cond);
        s = json_dumps(cond, JSON_COMPACT | JSON_SORT_KEYS);
        ds_put_cstr(key, s ? s : "?");
        free(s);
        json_decref(cond);
    }
}

static void
shape_finish(struct monitor_shape *shape)
{
    size_t i;

    qsort(shape->tables, shape->n_tables, sizeof *shape->tables,
          compare_table_names);
    for (i = 0; i < shape->n_tables; i++) {
        shape->tables[i].cond_true
            = ovsdb_condition_is_true(&shape->tables[i].cond);
    }
}

/* Makes SHAPE (taken) part of MDB, or returns an identical existing shape
 * (freeing SHAPE). */
static struct monitor_shape *
shape_intern(struct ovsdb_monitor_db *mdb, struct monitor_shape *shape)
{
    struct monitor_shape *old;
    struct ds key = DS_EMPTY_INITIALIZER;

    shape_format_key(shape, &key);
    old = shash_find_data(&mdb->shapes, ds_cstr(&key));
    if (old) {
        shape_free(shape);
        ds_destroy(&key);
        return old;
    }
    ovs_list_init(&shape->monitors);
    shape->node = shash_add_nocopy(&mdb->shapes, ds_steal_cstr(&key), shape);
    return shape;
}

static void
shape_unref(struct ovsdb_monitor_db *mdb, struct monitor_shape *shape)
{
    if (ovs_list_is_empty(&shape->monitors)) {
        shash_delete(&mdb->shapes, shape->node);
        shape_free(shape);
    }
}

static struct ovsdb_error *
parse_shape(struct ovsdb_monitor_db *mdb, enum ovsdb_monitor_version version,
            const json_t *requests, struct monitor_shape **shapep)
{
    const struct ovsdb_schema *schema = mdb->db->schema;
    struct monitor_shape *shape;
    struct ovsdb_error *error;
    const char *table_name;
    json_t *value;

    *shapep = NULL;
    if (!json_is_object(requests)) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-requests must be object");
    }

    shape = xzalloc(sizeof *shape);
    shape->version = version;
    shape->tables = xcalloc(json_object_size(requests) + 1,
                            sizeof *shape->tables);
    json_object_foreach ((json_t *) requests, table_name, value) {
        const struct ovsdb_table_schema *ts;
        struct monitor_table *mt;
        bool have_where = false;

        ts = ovsdb_schema_get_table(schema, table_name);
        if (!ts) {
            error = ovsdb_syntax_error(NULL, NULL, "no table named %s",
                                       table_name);
            goto error;
        }
        mt = &shape->tables[shape->n_tables++];
        memset(mt, 0, sizeof *mt);
        mt->schema = ts;
        ovsdb_condition_init(&mt->cond);

        if (json_is_array(value)) {
            size_t i;

            for (i = 0; i < json_array_size(value); i++) {
                error = parse_monitor_request(mt, json_array_get(value, i),
                                              version, &have_where);
                if (error) {
                    goto error;
                }
            }
            if (!json_array_size(value)) {
                /* No requests: nothing to monitor in this table. */
                monitor_table_destroy(mt);
                shape->n_tables--;
            }
        } else {
            error = parse_monitor_request(mt, value, version, &have_where);
            if (error) {
                goto error;
            }
        }
    }
    shape_finish(shape);
    *shapep = shape;
    return NULL;

error:
    shape_free(shape);
    return error;
}

static struct monitor_shape *
shape_clone(const struct monitor_shape *src)
{
    struct monitor_shape *dst = xzalloc(sizeof *dst);
    size_t i;

    dst->version = src->version;
    dst->n_tables = src->n_tables;
    dst->tables = xcalloc(src->n_tables + 1, sizeof *dst->tables);
    for (i = 0; i < src->n_tables; i++) {
        const struct monitor_table *s = &src->tables[i];
        struct monitor_table *d = &dst->tables[i];

        d->schema = s->schema;
        d->n_columns = s->n_columns;
        d->columns = xcalloc(s->n_columns + 1, sizeof *d->columns);
        memcpy(d->columns, s->columns, s->n_columns * sizeof *s->columns);
        d->select = s->select;
        ovsdb_condition_clone(&d->cond, &s->cond);
        d->cond_true = s->cond_true;
    }
    return dst;
}

static const struct monitor_table *
shape_find_table(const struct monitor_shape *shape,
                 const struct ovsdb_table_schema *ts)
{
    size_t i;

    for (i = 0; i < shape->n_tables; i++) {
        if (shape->tables[i].schema == ts) {
            return &shape->tables[i];
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Building updates. */

static bool
row_matches(const struct monitor_table *mt, const struct ovsdb_datum *fields)
{
    return (fields
            && (mt->cond_true
                || ovsdb_condition_match_any_clause(fields, &mt->cond)));
}

/* Returns a JSON object with the columns of MT whose select includes FLAG,
 * skipping default values if SKIP_DEFAULTS. */
static json_t *
row_to_json(const struct monitor_table *mt, const struct ovsdb_datum *fields,
            unsigned int flag, bool skip_defaults)
{
    json_t *obj = json_object();
    size_t i;

    for (i = 0; i < mt->n_columns; i++) {
        const struct ovsdb_column *c = mt->columns[i].column;
        const struct ovsdb_datum *d = &fields[c->index];

        if (!(mt->columns[i].select & flag)
            || (skip_defaults && ovsdb_datum_is_default(d, &c->type))) {
            continue;
        }
        json_object_set_new(obj, c->name, ovsdb_datum_to_json(d, &c->type));
    }
    return obj;
}

/* True if column C differs between OLD and NEW.  CHANGED, if nonnull, is
 * the transaction's bitmap of changed columns. */
static bool
column_changed(const struct ovsdb_column *c, const struct ovsdb_datum *old,
               const struct ovsdb_datum *new, const unsigned long *changed)
{
    return (changed
            ? ovsdb_txn_column_changed(changed, c->index)
            : !ovsdb_datum_equals(&old[c->index], &new[c->index], &c->type));
}

static bool
any_column_changed(const struct monitor_table *mt,
                   const struct ovsdb_datum *old,
                   const struct ovsdb_datum *new,
                   const unsigned long *changed)
{
    size_t i;

    for (i = 0; i < mt->n_columns; i++) {
        if (column_changed(mt->columns[i].column, old, new, changed)) {
            return true;
        }
    }
    return false;
}

/* Returns the <row-update> (V1) or <row-update2> (V2, V3) that describes
 * the change from OLD to NEW (either may be NULL) for MT, or NULL if the
 * monitor is not interested. */
static json_t *
row_update_json(const struct monitor_table *mt,
                enum ovsdb_monitor_version version,
                const struct ovsdb_datum *old, const struct ovsdb_datum *new,
                const unsigned long *changed)
{
    bool old_match = row_matches(mt, old);
    bool new_match = row_matches(mt, new);
    json_t *update;

    if (old_match && new_match) {
        if (!(mt->select & MS_MODIFY)
            || !any_column_changed(mt, old, new, changed)) {
            return NULL;
        }
        update = json_object();
        if (version == OVSDB_MONITOR_V1) {
            json_t *old_json = json_object();
            size_t i;

            for (i = 0; i < mt->n_columns; i++) {
                const struct ovsdb_column *c = mt->columns[i].column;

                if (mt->columns[i].select & MS_MODIFY
                    && column_changed(c, old, new, changed)) {
                    json_object_set_new(old_json, c->name,
                                        ovsdb_datum_to_json(&old[c->index],
                                                            &c->type));
                }
            }
            json_object_set_new(update, "new",
                                row_to_json(mt, new, MS_MODIFY, false));
            json_object_set_new(update, "old", old_json);
        } else {
            json_t *diff_json = json_object();
            size_t i;

            for (i = 0; i < mt->n_columns; i++) {
                const struct ovsdb_column *c = mt->columns[i].column;
                struct ovsdb_datum diff;

                if (!(mt->columns[i].select & MS_MODIFY)
                    || !column_changed(c, old, new, changed)) {
                    continue;
                }
                if (c->type.n_max == 1) {
                    /* Scalars and optional scalars: the new value, as
                     * OVS sends it (also for 0..1 sets becoming empty). */
                    json_object_set_new(diff_json, c->name,
                                        ovsdb_datum_to_json(&new[c->index],
                                                            &c->type));
                    continue;
                }
                ovsdb_datum_diff(&diff, &old[c->index], &new[c->index],
                                 &c->type);
                json_object_set_new(diff_json, c->name,
                                    ovsdb_datum_to_json(&diff, &c->type));
                ovsdb_datum_destroy(&diff, &c->type);
            }
            if (!json_object_size(diff_json)) {
                json_decref(diff_json);
                json_decref(update);
                return NULL;
            }
            json_object_set_new(update, "modify", diff_json);
        }
        return update;
    } else if (new_match) {
        if (!(mt->select & MS_INSERT)) {
            return NULL;
        }
        update = json_object();
        if (version == OVSDB_MONITOR_V1) {
            json_object_set_new(update, "new",
                                row_to_json(mt, new, MS_INSERT, false));
        } else {
            json_object_set_new(update, "insert",
                                row_to_json(mt, new, MS_INSERT, true));
        }
        return update;
    } else if (old_match) {
        if (!(mt->select & MS_DELETE)) {
            return NULL;
        }
        update = json_object();
        if (version == OVSDB_MONITOR_V1) {
            json_object_set_new(update, "old",
                                row_to_json(mt, old, MS_DELETE, false));
        } else {
            json_object_set_new(update, "delete", json_null());
        }
        return update;
    }
    return NULL;
}

/* Adds ROW_UPDATE (taken) for row UUID of TABLE_NAME to UPDATES. */
static void
updates_add(json_t *updates, const char *table_name, const struct uuid *uuid,
            json_t *row_update)
{
    char uuid_s[UUID_LEN + 1];
    json_t *table_updates;

    table_updates = json_object_get(updates, table_name);
    if (!table_updates) {
        table_updates = json_object();
        json_object_set_new(updates, table_name, table_updates);
    }
    uuid_to_string(uuid, uuid_s);
    json_object_set_new(table_updates, uuid_s, row_update);
}

static const struct uuid *
fields_uuid(const struct ovsdb_datum *fields)
{
    return &fields[OVSDB_COL_UUID].keys[0].uuid;
}

static json_t *
initial_json(const struct monitor_shape *shape, const struct ovsdb *db)
{
    json_t *updates = json_object();
    size_t i;

    for (i = 0; i < shape->n_tables; i++) {
        const struct monitor_table *mt = &shape->tables[i];
        const struct ovsdb_table *table;
        const struct ovsdb_row *row;

        if (!(mt->select & MS_INITIAL)) {
            continue;
        }
        table = ovsdb_get_table(db, mt->schema->name);
        if (!table) {
            continue;
        }
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            json_t *row_json, *update;

            if (!row_matches(mt, row->fields)) {
                continue;
            }
            update = json_object();
            if (shape->version == OVSDB_MONITOR_V1) {
                row_json = row_to_json(mt, row->fields, MS_INITIAL, false);
                json_object_set_new(update, "new", row_json);
            } else {
                row_json = row_to_json(mt, row->fields, MS_INITIAL, true);
                json_object_set_new(update, "initial", row_json);
            }
            updates_add(updates, mt->schema->name, fields_uuid(row->fields),
                        update);
        }
    }
    return updates;
}

/* Returns the updates of SHAPE for CHANGES (N), or NULL if none. */
static json_t *
changes_json(const struct monitor_shape *shape,
             const struct monitor_change *changes, size_t n)
{
    json_t *updates = NULL;
    size_t i;

    for (i = 0; i < n; i++) {
        const struct monitor_change *c = &changes[i];
        const struct monitor_table *mt = shape_find_table(shape, c->table);
        json_t *update;

        if (!mt) {
            continue;
        }
        update = row_update_json(mt, shape->version, c->old, c->new,
                                 c->changed);
        if (update) {
            if (!updates) {
                updates = json_object();
            }
            updates_add(updates, c->table->name, &c->uuid, update);
        }
    }
    return updates;
}

/* ---------------------------------------------------------------------- */
/* History. */

static struct ovsdb_datum *
clone_fields(const struct ovsdb_table_schema *ts,
             const struct ovsdb_datum *fields)
{
    struct ovsdb_datum *copy;
    size_t i;

    if (!fields) {
        return NULL;
    }
    copy = xmalloc(ts->n_columns * sizeof *copy);
    for (i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_clone(&copy[i], &fields[i],
                          &ts->columns_by_index[i]->type);
    }
    return copy;
}

static void
free_fields(const struct ovsdb_table_schema *ts, struct ovsdb_datum *fields)
{
    size_t i;

    if (!fields) {
        return;
    }
    for (i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_destroy(&fields[i], &ts->columns_by_index[i]->type);
    }
    free(fields);
}

static void
monitor_txn_free(struct monitor_txn *txn)
{
    size_t i;

    for (i = 0; i < txn->n_changes; i++) {
        free_fields(txn->changes[i].table, txn->changes[i].old);
        free_fields(txn->changes[i].table, txn->changes[i].new);
    }
    free(txn->changes);
    free(txn);
}

static void
history_pop_oldest(struct ovsdb_monitor_db *mdb)
{
    struct monitor_txn *txn;

    txn = CONTAINER_OF(ovs_list_pop_front(&mdb->history),
                       struct monitor_txn, node);
    mdb->n_history_txns--;
    mdb->n_history_bytes -= txn->n_bytes;
    monitor_txn_free(txn);
}

void
ovsdb_monitor_db_clear_history(struct ovsdb_monitor_db *mdb)
{
    while (!ovs_list_is_empty(&mdb->history)) {
        history_pop_oldest(mdb);
    }
}

/* Returns about how many bytes a copy of FIELDS (NULL ok), a row of TS,
 * takes. */
static size_t
fields_size(const struct ovsdb_table_schema *ts,
            const struct ovsdb_datum *fields)
{
    size_t n = 0, i, j;

    if (!fields) {
        return 0;
    }
    n = ts->n_columns * sizeof *fields;
    for (i = 0; i < ts->n_columns; i++) {
        const struct ovsdb_type *type = &ts->columns_by_index[i]->type;
        const struct ovsdb_datum *d = &fields[i];

        n += d->n * sizeof *d->keys;
        if (type->value.type != OVSDB_TYPE_VOID) {
            n += d->n * sizeof *d->values;
        }
        for (j = 0; j < d->n; j++) {
            if (type->key.type == OVSDB_TYPE_STRING) {
                n += strlen(d->keys[j].string) + 1;
            }
            if (type->value.type == OVSDB_TYPE_STRING) {
                n += strlen(d->values[j].string) + 1;
            }
        }
    }
    return n;
}

static void
history_add(struct ovsdb_monitor_db *mdb, const struct uuid *id,
            const struct monitor_change *changes, size_t n)
{
    struct monitor_txn *txn;
    size_t n_bytes = 0, i;

    for (i = 0; i < n; i++) {
        n_bytes += (fields_size(changes[i].table, changes[i].old)
                    + fields_size(changes[i].table, changes[i].new));
    }
    if (n_bytes > mdb->max_bytes || !mdb->max_txns) {
        /* Too big to remember: clients that missed it start over. */
        ovsdb_monitor_db_clear_history(mdb);
        return;
    }
    while (mdb->n_history_txns >= mdb->max_txns
           || mdb->n_history_bytes + n_bytes > mdb->max_bytes) {
        history_pop_oldest(mdb);
    }

    txn = xzalloc(sizeof *txn);
    txn->id = *id;
    txn->changes = xcalloc(n + 1, sizeof *txn->changes);
    txn->n_changes = n;
    txn->n_bytes = n_bytes;
    for (i = 0; i < n; i++) {
        txn->changes[i].table = changes[i].table;
        txn->changes[i].uuid = changes[i].uuid;
        txn->changes[i].old = clone_fields(changes[i].table, changes[i].old);
        txn->changes[i].new = clone_fields(changes[i].table, changes[i].new);
        txn->changes[i].changed = NULL;
    }
    ovs_list_push_back(&mdb->history, &txn->node);
    mdb->n_history_txns++;
    mdb->n_history_bytes += n_bytes;
}

/* A row's net change over several transactions. */
struct merged_change {
    struct hmap_node node;              /* By uuid_hash(). */
    struct monitor_change change;       /* Borrowed fields. */
};

static json_t *
history_json_since(const struct ovsdb_monitor_db *mdb,
                   const struct monitor_shape *shape,
                   const struct monitor_txn *since)
{
    struct monitor_change *changes = NULL;
    struct merged_change *mc;
    const struct monitor_txn *txn;
    struct hmap merged;
    json_t *updates;
    size_t n = 0, i;

    hmap_init(&merged);
    for (txn = CONTAINER_OF(since->node.next, struct monitor_txn, node);
         &txn->node != &mdb->history;
         txn = CONTAINER_OF(txn->node.next, struct monitor_txn, node)) {
        for (i = 0; i < txn->n_changes; i++) {
            const struct monitor_change *c = &txn->changes[i];
            uint32_t hash = uuid_hash(&c->uuid);
            bool found = false;

            HMAP_FOR_EACH_WITH_HASH (mc, node, hash, &merged) {
                if (uuid_equals(&mc->change.uuid, &c->uuid)
                    && mc->change.table == c->table) {
                    mc->change.new = c->new;
                    found = true;
                    break;
                }
            }
            if (!found) {
                mc = xmalloc(sizeof *mc);
                mc->change = *c;
                hmap_insert(&merged, &mc->node, hash);
            }
        }
    }

    changes = xcalloc(hmap_count(&merged) + 1, sizeof *changes);
    HMAP_FOR_EACH (mc, node, &merged) {
        if (mc->change.old || mc->change.new) {
            changes[n++] = mc->change;
        }
    }
    updates = changes_json(shape, changes, n);
    free(changes);
    HMAP_FOR_EACH_POP (mc, node, &merged) {
        free(mc);
    }
    hmap_destroy(&merged);
    return updates ? updates : json_object();
}

/* ---------------------------------------------------------------------- */
/* Observer. */

struct change_collector {
    struct monitor_change *changes;
    size_t n, allocated;
};

static bool
collect_change(const struct ovsdb_row *old, const struct ovsdb_row *new,
               const unsigned long *changed, void *aux)
{
    struct change_collector *cc = aux;
    const struct ovsdb_row *any = old ? old : new;
    struct monitor_change *c;

    if (cc->n >= cc->allocated) {
        cc->changes = x2nrealloc(cc->changes, &cc->allocated,
                                 sizeof *cc->changes);
    }
    c = &cc->changes[cc->n++];
    c->table = any->table->schema;
    c->uuid = *ovsdb_row_get_uuid(any);
    c->old = old ? (struct ovsdb_datum *) old->fields : NULL;
    c->new = new ? (struct ovsdb_datum *) new->fields : NULL;
    c->changed = changed;
    return true;
}

static struct ovsdb_error *
monitor_db_commit(struct ovsdb_observer *observer,
                  const struct ovsdb_txn *txn, bool durable OVS_UNUSED)
{
    struct ovsdb_monitor_db *mdb
        = CONTAINER_OF(observer, struct ovsdb_monitor_db, observer);
    struct change_collector cc = { NULL, 0, 0 };
    struct shash_node *node;

    ovsdb_txn_for_each_change(txn, collect_change, &cc);
    if (!cc.n) {
        free(cc.changes);
        return NULL;
    }

    mdb->last_txn_id = uuid_random();
    history_add(mdb, &mdb->last_txn_id, cc.changes, cc.n);

    SHASH_FOR_EACH (node, &mdb->shapes) {
        struct monitor_shape *shape = node->data;
        struct ovsdb_monitor *m;
        json_t *updates;

        updates = changes_json(shape, cc.changes, cc.n);
        if (!updates) {
            continue;
        }
        LIST_FOR_EACH (m, node, &shape->monitors) {
            m->send(m, updates, &mdb->last_txn_id, m->aux);
        }
        json_decref(updates);
    }
    free(cc.changes);
    return NULL;
}

static void
monitor_db_observer_destroy(struct ovsdb_observer *observer OVS_UNUSED)
{
    /* The monitor db is destroyed by its owner. */
}

static const struct ovsdb_observer_class monitor_observer_class = {
    monitor_db_commit,
    monitor_db_observer_destroy,
};

/* ---------------------------------------------------------------------- */
/* Public interface. */

struct ovsdb_monitor_db *
ovsdb_monitor_db_create(struct ovsdb *db)
{
    struct ovsdb_monitor_db *mdb = xzalloc(sizeof *mdb);

    mdb->observer.class = &monitor_observer_class;
    mdb->db = db;
    shash_init(&mdb->shapes);
    uuid_zero(&mdb->last_txn_id);
    ovs_list_init(&mdb->history);
    mdb->max_txns = DEFAULT_MAX_TXNS;
    mdb->max_bytes = DEFAULT_MAX_BYTES;
    ovsdb_add_observer(db, &mdb->observer);
    return mdb;
}

void
ovsdb_monitor_db_destroy(struct ovsdb_monitor_db *mdb)
{
    struct shash_node *node;

    if (!mdb) {
        return;
    }
    ovsdb_remove_observer(mdb->db, &mdb->observer);
    SHASH_FOR_EACH_SAFE (node, &mdb->shapes) {
        struct monitor_shape *shape = node->data;
        struct ovsdb_monitor *m;

        LIST_FOR_EACH_POP (m, node, &shape->monitors) {
            free(m);
        }
        shape_free(shape);
    }
    shash_destroy(&mdb->shapes);
    ovsdb_monitor_db_clear_history(mdb);
    free(mdb);
}

const struct uuid *
ovsdb_monitor_db_get_last_txn_id(const struct ovsdb_monitor_db *mdb)
{
    return &mdb->last_txn_id;
}

size_t
ovsdb_monitor_db_count(const struct ovsdb_monitor_db *mdb)
{
    return mdb->n_monitors;
}

void
ovsdb_monitor_db_set_history_limits(struct ovsdb_monitor_db *mdb,
                                    size_t max_txns, size_t max_bytes)
{
    mdb->max_txns = max_txns;
    mdb->max_bytes = max_bytes;
    while (mdb->n_history_txns > max_txns
           || mdb->n_history_bytes > max_bytes) {
        history_pop_oldest(mdb);
    }
}

struct ovsdb_error *
ovsdb_monitor_create(struct ovsdb_monitor_db *mdb,
                     enum ovsdb_monitor_version version,
                     const json_t *requests, ovsdb_monitor_send_func *send,
                     void *aux, struct ovsdb_monitor **monitorp)
{
    struct monitor_shape *shape;
    struct ovsdb_error *error;
    struct ovsdb_monitor *m;

    *monitorp = NULL;
    error = parse_shape(mdb, version, requests, &shape);
    if (error) {
        return error;
    }
    shape = shape_intern(mdb, shape);

    m = xzalloc(sizeof *m);
    m->mdb = mdb;
    m->shape = shape;
    m->send = send;
    m->aux = aux;
    ovs_list_push_back(&shape->monitors, &m->node);
    mdb->n_monitors++;
    *monitorp = m;
    return NULL;
}

void
ovsdb_monitor_destroy(struct ovsdb_monitor *m)
{
    if (!m) {
        return;
    }
    ovs_list_remove(&m->node);
    m->mdb->n_monitors--;
    shape_unref(m->mdb, m->shape);
    free(m);
}

enum ovsdb_monitor_version
ovsdb_monitor_get_version(const struct ovsdb_monitor *m)
{
    return m->shape->version;
}

struct ovsdb_monitor_db *
ovsdb_monitor_get_db(const struct ovsdb_monitor *m)
{
    return m->mdb;
}

json_t *
ovsdb_monitor_get_initial(const struct ovsdb_monitor *m)
{
    return initial_json(m->shape, m->mdb->db);
}

json_t *
ovsdb_monitor_get_since(const struct ovsdb_monitor *m,
                        const struct uuid *last_id, bool *found,
                        struct uuid *txn_id)
{
    const struct ovsdb_monitor_db *mdb = m->mdb;
    const struct monitor_txn *txn;

    *txn_id = mdb->last_txn_id;
    if (!uuid_is_zero(last_id)) {
        if (uuid_equals(last_id, &mdb->last_txn_id)) {
            *found = true;
            return json_object();
        }
        LIST_FOR_EACH (txn, node, &mdb->history) {
            if (uuid_equals(&txn->id, last_id)) {
                *found = true;
                return history_json_since(mdb, m->shape, txn);
            }
        }
    }
    *found = false;
    return initial_json(m->shape, mdb->db);
}

/* Parses the <monitor-cond-update-request>s in VALUE for table MT. */
static struct ovsdb_error *
parse_cond_change(struct monitor_table *mt, const json_t *value)
{
    const char *name = mt->schema->name;
    size_t i;

    if (!json_is_array(value)) {
        return ovsdb_syntax_error(NULL, NULL, "table %s no "
                                  "monitor-cond-change JSON array", name);
    }
    for (i = 0; i < json_array_size(value); i++) {
        const json_t *request = json_array_get(value, i);
        const json_t *columns, *where;
        struct ovsdb_parser parser;
        struct ovsdb_error *error;

        ovsdb_parser_init(&parser, request, "table %s", name);
        columns = ovsdb_parser_member(&parser, "columns",
                                      OP_ARRAY | OP_OPTIONAL);
        where = ovsdb_parser_member(&parser, "where",
                                    OP_ARRAY | OP_OPTIONAL);
        error = ovsdb_parser_finish(&parser);
        if (error) {
            return error;
        }
        if (columns) {
            return ovsdb_syntax_error(request, NULL,
                                      "changing columns is unsupported");
        }
        ovsdb_condition_destroy(&mt->cond);
        if (where) {
            error = ovsdb_condition_from_json(mt->schema, where, NULL,
                                              &mt->cond);
            if (error) {
                return error;
            }
        } else {
            ovsdb_condition_init(&mt->cond);
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_monitor_cond_change(struct ovsdb_monitor *m, const json_t *requests,
                          json_t **updatesp)
{
    struct ovsdb_monitor_db *mdb = m->mdb;
    struct monitor_shape *old_shape = m->shape;
    struct monitor_shape *new_shape;
    struct ovsdb_error *error;
    const char *table_name;
    json_t *updates = NULL;
    json_t *value;
    size_t i;

    *updatesp = NULL;
    if (!json_is_object(requests)) {
        return ovsdb_syntax_error(NULL, NULL, "monitor-cond-change-requests "
                                  "must be object");
    }

    new_shape = shape_clone(old_shape);
    json_object_foreach ((json_t *) requests, table_name, value) {
        const struct ovsdb_table_schema *ts;
        struct monitor_table *mt = NULL;

        ts = ovsdb_schema_get_table(mdb->db->schema, table_name);
        if (!ts) {
            error = ovsdb_syntax_error(NULL, NULL, "no table named %s",
                                       table_name);
            goto error;
        }
        for (i = 0; i < new_shape->n_tables; i++) {
            if (new_shape->tables[i].schema == ts) {
                mt = &new_shape->tables[i];
            }
        }
        if (!mt) {
            error = ovsdb_syntax_error(NULL, NULL, "no table named %s in "
                                       "monitor session", table_name);
            goto error;
        }
        error = parse_cond_change(mt, value);
        if (error) {
            goto error;
        }
    }
    shape_finish(new_shape);

    /* Rows that start or stop matching. */
    for (i = 0; i < new_shape->n_tables; i++) {
        const struct monitor_table *nmt = &new_shape->tables[i];
        const struct monitor_table *omt = &old_shape->tables[i];
        const struct ovsdb_table *table;
        const struct ovsdb_row *row;

        if (!ovsdb_condition_cmp_3way(&nmt->cond, &omt->cond)) {
            continue;
        }
        table = ovsdb_get_table(mdb->db, nmt->schema->name);
        if (!table) {
            continue;
        }
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            bool was = row_matches(omt, row->fields);
            bool is = row_matches(nmt, row->fields);
            json_t *update;

            if (was == is) {
                continue;
            }
            if (is && !(nmt->select & MS_INSERT)) {
                continue;
            }
            if (!is && !(nmt->select & MS_DELETE)) {
                continue;
            }
            update = json_object();
            if (new_shape->version == OVSDB_MONITOR_V1) {
                json_object_set_new(update, is ? "new" : "old",
                                    row_to_json(nmt, row->fields,
                                                is ? MS_INSERT : MS_DELETE,
                                                false));
            } else if (is) {
                json_object_set_new(update, "insert",
                                    row_to_json(nmt, row->fields, MS_INSERT,
                                                true));
            } else {
                json_object_set_new(update, "delete", json_null());
            }
            if (!updates) {
                updates = json_object();
            }
            updates_add(updates, nmt->schema->name, fields_uuid(row->fields),
                        update);
        }
    }

    new_shape = shape_intern(mdb, new_shape);
    if (new_shape != old_shape) {
        ovs_list_remove(&m->node);
        ovs_list_push_back(&new_shape->monitors, &m->node);
        m->shape = new_shape;
        shape_unref(mdb, old_shape);
    }
    *updatesp = updates;
    return NULL;

error:
    shape_free(new_shape);
    return error;
}
