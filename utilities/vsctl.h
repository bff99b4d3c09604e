/* vsctl: internal interface shared by the parts of ovs-vsctl.
 *
 *   ovs-vsctl.c      main(), options, command-line splitting, the run loop
 *                    (prefetch, run, commit, retry, wait for cur_cfg);
 *   vsctl-db.c       table/column/record naming and the database commands
 *                    (list, find, get, set, add, remove, clear, create,
 *                    destroy, wait-until, comment);
 *   vsctl-br.c       the bridge/port/interface model (real and fake
 *                    bridges, bonds) and its commands;
 *   vsctl-conf.c     show, init, emer-reset, controllers, fail mode,
 *                    managers, SSL.
 *
 * Every command runs in two steps against a lazily loaded view of the
 * database (ovsdb/lazy-idl.h): an optional "prefetch" that declares the
 * columns the command will read and queues the lookups it will make (all
 * commands' lookups go to the server in one transaction), and "run",
 * which does the work, fetching anything the prefetch did not anticipate.
 * Errors are fatal (ovs_fatal()): nothing has been committed then. */
#ifndef UTILITIES_VSCTL_H
#define UTILITIES_VSCTL_H 1

#include <stdbool.h>
#include <stddef.h>
#include "ds.h"
#include "shash.h"
#include "util.h"

struct lazy_idl;
struct lazy_idl_row;
struct ovsdb_column;
struct ovsdb_datum;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;
struct ovsdb_type;
struct table;
struct table_style;
union ovsdb_atom;

struct vsctl_context;

/* A command's syntax and handlers. */
struct vsctl_command_syntax {
    const char *name;
    int min_args;
    int max_args;               /* INT_MAX: no limit. */
    const char *arguments;      /* For --commands, e.g. "!BRIDGE ?KEY". */
    /* Optional: declares columns and queues lookups; must not modify. */
    void (*prefetch)(struct vsctl_context *);
    void (*run)(struct vsctl_context *);
    /* Optional: runs after a successful commit (e.g. prints real UUIDs). */
    void (*postprocess)(struct vsctl_context *);
    const char *options;        /* Comma-separated: "--if-exists,--id=". */
    bool read_only;             /* Never modifies the database (whether a
                                 * run waits for ovs-vswitchd depends only
                                 * on whether it changed something). */
};

/* One command of the command line. */
struct vsctl_command {
    const struct vsctl_command_syntax *syntax;
    int argc;
    char **argv;                /* argv[0] is the command name. */
    struct shash options;       /* "--name" -> value (char *) or NULL. */
    struct ds output;
    struct table *table;        /* Output table (list, find), or NULL. */
    void *aux;                  /* For postprocess. */
};

struct vsctl_context {
    /* The command running now. */
    struct vsctl_command *cmd;
    int argc;
    char **argv;
    struct shash *options;
    struct ds *output;

    /* The whole run. */
    struct lazy_idl *idl;
    struct ovsdb_symbol_table *symtab;
    struct lazy_idl_row *ovs;   /* The Open_vSwitch row. */
    bool try_again;             /* Run again after the database changes. */
    const struct ovsdb_table_schema *wait_table;  /* ...in this table. */
    bool dry_run;
};

/* Command tables (terminated by a NULL name). */
extern const struct vsctl_command_syntax vsctl_db_commands[];
extern const struct vsctl_command_syntax vsctl_br_commands[];
extern const struct vsctl_command_syntax vsctl_conf_commands[];

/* The --format/--data/... style of list and find output. */
const struct table_style *vsctl_table_style(void);

/* Options. */
bool vsctl_has_option(const struct vsctl_context *, const char *name);
const char *vsctl_option_value(const struct vsctl_context *,
                               const char *name);

/* Schema access: the table or column must exist (else fatal). */
const struct ovsdb_table_schema *vsctl_table(const struct vsctl_context *,
                                             const char *name);
const struct ovsdb_column *vsctl_column(const struct ovsdb_table_schema *,
                                        const char *name);
/* Declares interest in the named columns (a NULL-terminated list) of
 * table TABLE. */
void vsctl_want(struct vsctl_context *, const char *table, ...)
    __attribute__((__sentinel__));

/* Reading and writing rows through the view.  The datum getters return
 * the view's value (borrowed). */
const struct ovsdb_datum *vsctl_read(struct vsctl_context *,
                                     struct lazy_idl_row *,
                                     const char *column);
/* String, integer and boolean scalar/optional columns: NULL/false/0 (and
 * *PRESENT false) when empty. */
const char *vsctl_read_string(struct vsctl_context *, struct lazy_idl_row *,
                              const char *column);
bool vsctl_read_integer(struct vsctl_context *, struct lazy_idl_row *,
                        const char *column, long long int *value);
bool vsctl_read_bool(struct vsctl_context *, struct lazy_idl_row *,
                     const char *column);
/* Writes column COLUMN of ROW: whole value (DATUM taken). */
void vsctl_write(struct vsctl_context *, struct lazy_idl_row *,
                 const char *column, struct ovsdb_datum *datum);
void vsctl_write_string(struct vsctl_context *, struct lazy_idl_row *,
                        const char *column, const char *value);
void vsctl_write_integer(struct vsctl_context *, struct lazy_idl_row *,
                         const char *column, long long int value);
void vsctl_write_bool(struct vsctl_context *, struct lazy_idl_row *,
                      const char *column, bool value);
/* Clears an optional or set/map column. */
void vsctl_clear(struct vsctl_context *, struct lazy_idl_row *,
                 const char *column);
/* Adds UUID to / removes UUID from set column COLUMN of ROW (mutate). */
void vsctl_add_ref(struct vsctl_context *, struct lazy_idl_row *,
                   const char *column, const struct uuid *);
void vsctl_remove_ref(struct vsctl_context *, struct lazy_idl_row *,
                      const char *column, const struct uuid *);
/* Sets map COLUMN's KEY to VALUE, or removes KEY if VALUE is NULL
 * (string maps only).  No-op if already so (reads the column). */
void vsctl_set_map_key(struct vsctl_context *, struct lazy_idl_row *,
                       const char *column, const char *key,
                       const char *value);
/* Inserts a row with default values and a fresh UUID. */
struct lazy_idl_row *vsctl_insert(struct vsctl_context *, const char *table);
/* Row by UUID in TABLE, or NULL. */
struct lazy_idl_row *vsctl_row_by_uuid(struct vsctl_context *,
                                       const char *table,
                                       const struct uuid *);
/* Row of TABLE whose string COLUMN is NAME (first by UUID), or NULL. */
struct lazy_idl_row *vsctl_row_by_name(struct vsctl_context *,
                                       const char *table,
                                       const char *column, const char *name);
/* Queues the lookup vsctl_row_by_name() will make. */
void vsctl_prefetch_name(struct vsctl_context *, const char *table,
                         const char *column, const char *name);

/* Database-command helpers (vsctl-db.c), also used by add-port,
 * add-bond and set-controller-like commands. */

/* Finds table NAME by case-insensitive unique prefix ('-' = '_'). */
const struct ovsdb_table_schema *vsctl_find_table(struct vsctl_context *,
                                                  const char *name);
/* Parses "COLUMN[:KEY]=VALUE" and applies it to ROW as `set` does. */
void vsctl_set_column(struct vsctl_context *,
                      const struct ovsdb_table_schema *,
                      struct lazy_idl_row *, const char *arg);
/* Declares the column that vsctl_set_column() would write for ARG
 * (errors are reported later, when it runs). */
void vsctl_prefetch_set_column(struct vsctl_context *,
                               const struct ovsdb_table_schema *,
                               const char *arg);
/* Record lookup as the database commands do it; NULL if not found and
 * !MUST_EXIST. */
struct lazy_idl_row *vsctl_get_row(struct vsctl_context *,
                                   const struct ovsdb_table_schema *,
                                   const char *record, bool must_exist);

/* Appends DATUM in the display syntax. */
void vsctl_put_datum(struct ds *, const struct ovsdb_datum *,
                     const struct ovsdb_type *);

#endif /* utilities/vsctl.h */
