/* schema-text: a database schema fetched as text, parsed a table at a
 * time.
 *
 * A command-line tool touches a few tables of a schema of twenty, and
 * building the JSON tree of a whole get_schema reply (15 kB for
 * Open_vSwitch) costs more than the rest of a typical ovs-vsctl run.  So
 * schema_text_fetch() sends get_schema itself on a fresh stream, keeps
 * the reply as text and only locates each table's part; a table's JSON is
 * parsed when it is asked for.  All I/O blocks, with fatal signals
 * handled (fatal_signal_run()); failures are fatal ("LABEL: database
 * connection failed (REASON)", "LABEL: get_schema failed: ERROR"). */
#ifndef OVSDB_SCHEMA_TEXT_H
#define OVSDB_SCHEMA_TEXT_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct stream;
struct schema_text;

/* Asks for DB_NAME's schema on STREAM (borrowed, a fresh connection).
 * Reads exactly the reply as long as the server sends nothing else before
 * it is asked (JSON-RPC servers do not), so STREAM can then carry on with
 * jsonrpc_open().  LABEL names the server in messages.  Caller frees the
 * result with schema_text_destroy(). */
struct schema_text *schema_text_fetch(struct stream *, const char *label,
                                      const char *db_name);
void schema_text_destroy(struct schema_text *);         /* NULL ok. */

/* The names of the schema's tables, sorted (*N of them).  Borrowed. */
const char *const *schema_text_get_table_names(const struct schema_text *,
                                               size_t *n);
/* True if no table of the schema sets "isRoot" (then every table is a
 * root table, see ovsdb/schema.h). */
bool schema_text_all_root(const struct schema_text *);
/* Parses table NAME's <table-schema> JSON: a new value (caller decrefs),
 * or NULL if the schema has no such table. */
json_t *schema_text_get_table(const struct schema_text *, const char *name);

#endif /* ovsdb/schema-text.h */
