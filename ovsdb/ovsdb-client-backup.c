/* ovsdb-client-backup: the backup and restore commands (see the header).
 *
 * backup selects every persistent column of every table in one
 * transaction and writes the result as a record {TABLE: {UUID: ROW}} with
 * "_date" and "_comment" after the schema record.  restore merges the
 * records of the file (later records update or delete earlier rows),
 * then sends one transaction that deletes every row and inserts the
 * snapshot's, each under the "uuid-name" row<UUID>, with references to
 * other restored rows rewritten to those names. */
#include "ovsdb-client-backup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "column.h"
#include "ds.h"
#include "jsonrpc.h"
#include "lib/table.h"
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "schema.h"
#include "shash.h"
#include "table-schema.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

/* The "ovsdb_client" log module, defined in ovsdb-client-rpc.c. */
extern struct vlog_module VLM_ovsdb_client;

void
ovsdb_client_backup(struct ovsdb_client_context *ctx,
                    int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    if (isatty(STDOUT_FILENO)) {
        ovs_fatal(0, "not writing backup to a terminal; "
                  "please redirect stdout to a file");
    }

    json_t *schema_json;
    struct ovsdb_schema *schema = ovsdb_client_rpc_get_schema(ctx->rpc, ctx->database,
                                    &schema_json);

    size_t n_tables;
    const char **names = ovsdb_client_rpc_table_order(schema_json,
                                                      &n_tables);
    json_t *params = json_pack("[s]", ctx->database);
    const struct ovsdb_table_schema **tables
        = xmalloc((n_tables ? n_tables : 1) * sizeof *tables);
    size_t n = 0;
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts
            = ovsdb_schema_get_table(schema, names[i]);
        if (!ts) {
            continue;
        }
        tables[n++] = ts;

        json_t *columns = json_array();
        size_t n_names;
        const char **cols = ovsdb_client_rpc_column_order(schema_json,
                                                          ts->name,
                                                          &n_names);
        for (size_t j = 0; j < n_names; j++) {
            const struct ovsdb_column *c
                = ovsdb_table_schema_get_column(ts, cols[j]);
            if (c && (c->persistent || c->index == OVSDB_COL_UUID)
                && c->index != OVSDB_COL_VERSION) {
                json_array_append_new(columns, json_string(c->name));
            }
        }
        free(cols);
        json_array_append_new(params, json_pack("{s:s, s:s, s:[], s:o}",
                                                "op", "select",
                                                "table", ts->name,
                                                "where",
                                                "columns", columns));
    }
    free(names);

    struct jsonrpc_msg *request = jsonrpc_create_request("transact", params,
                                                         NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(ctx->rpc,
                                                          request);
    if (!json_is_array(reply->result)
        || json_array_size(reply->result) != n) {
        ovs_fatal(0, "backup: reply is not an array of %zu elements", n);
    }

    json_t *txn = json_object();
    for (size_t i = 0; i < n; i++) {
        const json_t *rows = json_object_get(
            json_array_get(reply->result, i), "rows");
        if (!json_is_array(rows)) {
            ovs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member array", tables[i]->name);
        }
        json_t *table_json = json_object();
        size_t j;
        json_t *row;
        json_array_foreach (rows, j, row) {
            const json_t *uuid_json = json_object_get(row, "_uuid");
            struct uuid uuid;
            if (!ovsdb_uuid_from_json(uuid_json, &uuid)) {
                ovs_fatal(0, "%s table reply row lacks _uuid",
                          tables[i]->name);
            }
            char uuid_s[UUID_LEN + 1];
            uuid_to_string(&uuid, uuid_s);
            json_t *copy = json_deep_copy(row);
            json_object_del(copy, "_uuid");
            json_object_set_new(table_json, uuid_s, copy);
        }
        if (json_object_size(table_json)) {
            json_object_set_new(txn, tables[i]->name, table_json);
        } else {
            json_decref(table_json);
        }
    }
    json_object_set_new(txn, "_date", json_integer(time_wall_msec()));
    json_object_set_new(txn, "_comment",
                        json_string("produced by \"ovsdb-client backup\""));

    struct ds out = DS_EMPTY_INITIALIZER;
    json_t *schema_out = ovsdb_schema_to_json(schema);
    ovsdb_log_compose_record(schema_out, OVSDB_MAGIC, &out);
    ovsdb_log_compose_record(txn, OVSDB_MAGIC, &out);
    int error = write_fully(STDOUT_FILENO, out.string, out.length);
    if (error) {
        ovs_fatal(error, "write failed");
    }
    ds_destroy(&out);

    json_decref(schema_out);
    json_decref(txn);
    jsonrpc_msg_destroy(reply);
    free(tables);
    json_decref(schema_json);
    ovsdb_schema_destroy(schema);
}

/* Reads a standalone database file from stdin: returns its schema and
 * the merged contents {table: {uuid: row}} of its transactions. */
static struct ovsdb_schema *
read_snapshot(json_t **datap)
{
    struct ovsdb_log *log;
    struct ovsdb_error *error = ovsdb_log_open("/dev/stdin", OVSDB_MAGIC,
                                               OVSDB_LOG_READ_ONLY, -1,
                                               &log);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }

    json_t *json;
    error = ovsdb_log_read(log, &json);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    } else if (!json) {
        ovs_fatal(0, "ovsdb error: /dev/stdin: cannot identify file type");
    }
    struct ovsdb_schema *schema;
    error = ovsdb_schema_from_json(json, &schema);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    json_decref(json);

    json_t *data = json_object();
    for (;;) {
        error = ovsdb_log_read(log, &json);
        if (error) {
            ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
        } else if (!json) {
            break;
        }
        const char *table_name;
        json_t *table_json;
        json_object_foreach (json, table_name, table_json) {
            if (table_name[0] == '_' || !json_is_object(table_json)) {
                continue;
            }
            json_t *rows = json_object_get(data, table_name);
            if (!rows) {
                rows = json_object();
                json_object_set_new(data, table_name, rows);
            }
            const char *uuid;
            json_t *row;
            json_object_foreach (table_json, uuid, row) {
                if (json_is_null(row)) {
                    json_object_del(rows, uuid);
                } else if (json_is_object(row)) {
                    json_t *old = json_object_get(rows, uuid);
                    if (old) {
                        json_object_update(old, row);
                    } else {
                        json_object_set(rows, uuid, row);
                    }
                }
            }
        }
        json_decref(json);
    }
    ovsdb_log_close(log);
    *datap = data;
    return schema;
}

/* The "uuid-name" under which restore inserts the row whose UUID in the
 * backup is UUID.  Caller frees. */
static char *
restore_row_name(const char *uuid)
{
    char *name = xasprintf("row%s", uuid);
    for (char *p = name; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    return name;
}

/* Replaces, in JSON (modified in place), each ["uuid", U] where U is a
 * row of DATA by ["named-uuid", restore_row_name(U)], so that references
 * survive the rows getting new UUIDs. */
static void
restore_rewrite_refs(json_t *json, const struct shash *uuids)
{
    if (json_is_array(json)) {
        const json_t *tag = json_array_get(json, 0);
        const json_t *value = json_array_get(json, 1);
        if (json_array_size(json) == 2 && json_is_string(tag)
            && !strcmp(json_string_value(tag), "uuid")
            && json_is_string(value)
            && shash_find(uuids, json_string_value(value))) {
            char *name = restore_row_name(json_string_value(value));
            json_array_set_new(json, 0, json_string("named-uuid"));
            json_array_set_new(json, 1, json_string(name));
            free(name);
            return;
        }
        size_t i;
        json_t *elem;
        json_array_foreach (json, i, elem) {
            restore_rewrite_refs(elem, uuids);
        }
    } else if (json_is_object(json)) {
        const char *key;
        json_t *value;
        json_object_foreach (json, key, value) {
            restore_rewrite_refs(value, uuids);
        }
    }
}

void
ovsdb_client_restore(struct ovsdb_client_context *ctx,
                     int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    if (isatty(STDIN_FILENO)) {
        ovs_fatal(0, "not reading backup from a terminal; "
                  "please redirect stdin from a file");
    }

    json_t *data;
    struct ovsdb_schema *backup_schema = read_snapshot(&data);
    struct ovsdb_schema *online_schema = ovsdb_client_rpc_get_schema(
        ctx->rpc, ctx->database, NULL);

    if (!ovsdb_schema_equal(backup_schema, online_schema)) {
        struct ds s = DS_EMPTY_INITIALIZER;
        if (strcmp(backup_schema->version, online_schema->version)) {
            ds_put_format(&s, "backup schema has version \"%s\" but "
                          "database schema has version \"%s\"",
                          backup_schema->version, online_schema->version);
        } else {
            ds_put_format(&s, "backup schema and database schema are "
                          "both version %s but still differ",
                          backup_schema->version);
        }
        if (!ctx->options->force) {
            ovs_fatal(0, "%s (use --force to override differences, or "
                      "\"ovsdb-client convert\" to change the schema)",
                      ds_cstr(&s));
        }
        vlog(&VLM_ovsdb_client, VLL_INFO, "%s", ds_cstr(&s));
        ds_destroy(&s);
    }
    if (strcmp(backup_schema->name, ctx->database)) {
        ovs_fatal(0, "backup database name is \"%s\" but database to "
                  "restore is named \"%s\"", backup_schema->name,
                  ctx->database);
    }

    json_t *txn = json_pack("[s]", ctx->database);
    struct shash_node *node;
    SHASH_FOR_EACH (node, &backup_schema->tables) {
        json_array_append_new(txn, json_pack("{s:s, s:s, s:[]}",
                                             "op", "delete",
                                             "table", node->name,
                                             "where"));
    }
    struct shash uuids = SHASH_INITIALIZER(&uuids);
    const char *table_name;
    json_t *rows;
    json_object_foreach (data, table_name, rows) {
        const char *uuid;
        json_t *row;
        json_object_foreach (rows, uuid, row) {
            shash_add_once(&uuids, uuid, NULL);
        }
    }
    json_object_foreach (data, table_name, rows) {
        const char *uuid;
        json_t *row;
        json_object_foreach (rows, uuid, row) {
            char *uuid_name = restore_row_name(uuid);
            restore_rewrite_refs(row, &uuids);
            json_array_append_new(txn, json_pack("{s:s, s:s, s:s, s:O}",
                                                 "op", "insert",
                                                 "table", table_name,
                                                 "uuid-name", uuid_name,
                                                 "row", row));
            free(uuid_name);
        }
    }
    shash_destroy(&uuids);
    json_array_append_new(txn, json_pack("{s:s, s:s}", "op", "comment",
                                         "comment", "restored from backup"));

    struct jsonrpc_msg *request = jsonrpc_create_request("transact", txn,
                                                         NULL);
    struct jsonrpc_msg *reply = ovsdb_client_rpc_transact(ctx->rpc,
                                                          request);
    size_t i;
    json_t *result;
    json_array_foreach (reply->result, i, result) {
        const json_t *error = json_object_get(result, "error");
        if (error) {
            struct ds s = DS_EMPTY_INITIALIZER;
            table_put_json(&s, result, false);
            ovs_fatal(0, "%s", ds_cstr(&s));
        }
    }
    jsonrpc_msg_destroy(reply);
    json_decref(data);
    ovsdb_schema_destroy(backup_schema);
    ovsdb_schema_destroy(online_schema);
}

