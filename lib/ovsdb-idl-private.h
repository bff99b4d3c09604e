/* ovsdb-idl-private: the data structures shared by the IDL's source
 * files (ovsdb-idl.c: configuration and the connection; ovsdb-idl-
 * replica.c: rows, updates, tracking and reads; ovsdb-idl-txn.c:
 * transactions).  Not for use outside them: see ovsdb-idl.h. */
#ifndef OVSDB_IDL_PRIVATE_H
#define OVSDB_IDL_PRIVATE_H 1

#include <limits.h>
#include <stdbool.h>
#include "hmap.h"
#include "list.h"
#include "ovsdb-idl.h"
#include "ovsdb/ovsdb-data.h"
#include "shash.h"
#include "uuid.h"

struct jsonrpc_msg;
struct jsonrpc_session;
struct ovsdb_table_schema;

/* Bitmaps of columns. */
#define IDL_BITS_PER_LONG (sizeof(unsigned long) * CHAR_BIT)
static inline size_t
idl_bitmap_n_longs(size_t n_bits)
{
    return (n_bits + IDL_BITS_PER_LONG - 1) / IDL_BITS_PER_LONG;
}
static inline unsigned long *
idl_bitmap_allocate(size_t n_bits)
{
    return xcalloc(idl_bitmap_n_longs(n_bits), sizeof(unsigned long));
}
static inline bool
idl_bitmap_is_set(const unsigned long *map, size_t idx)
{
    return (map[idx / IDL_BITS_PER_LONG]
            & (1UL << (idx % IDL_BITS_PER_LONG))) != 0;
}
static inline void
idl_bitmap_set1(unsigned long *map, size_t idx)
{
    map[idx / IDL_BITS_PER_LONG] |= 1UL << (idx % IDL_BITS_PER_LONG);
}
static inline void
idl_bitmap_set0(unsigned long *map, size_t idx)
{
    map[idx / IDL_BITS_PER_LONG] &= ~(1UL << (idx % IDL_BITS_PER_LONG));
}

struct ovsdb_idl_column {
    const struct ovsdb_column *schema;  /* In the IDL's schema. */
    struct ovsdb_idl_table *table;
    bool monitored;             /* Added with ovsdb_idl_add_column(). */
    bool alert;                 /* Changes bump the seqno and are tracked. */
    bool on_server;             /* The server's schema has it. */
    struct ovsdb_type type;     /* Schema type without base constraints
                                 * (values from a newer server parse). */
    struct ovsdb_datum default_; /* The type's default value. */
};

struct ovsdb_idl_table {
    const struct ovsdb_table_schema *schema;  /* In the IDL's schema. */
    struct ovsdb_idl *idl;
    struct ovsdb_idl_column *columns;   /* By schema column index. */
    size_t n_columns;
    bool monitored;             /* Added (or one of its columns). */
    bool on_server;             /* The server's schema has it. */
    struct hmap rows;           /* struct ovsdb_idl_row, by uuid_hash(). */
    struct ovs_list track_list; /* struct idl_track, by first change. */
    json_t *condition;          /* NULL = every row. */
    bool cond_pending;          /* Changed since last sent. */
};

/* Tracking state of a row changed since the last track_clear(). */
struct idl_track {
    struct ovs_list node;       /* In table->track_list. */
    struct ovsdb_idl_row *row;
    unsigned int flags;         /* OVSDB_IDL_INSERTED/MODIFIED/DELETED. */
    unsigned long *changed;     /* Modified columns; NULL if none. */
    struct ovsdb_datum *old;    /* Values before the first change, for
                                 * columns in CHANGED; NULL if none. */
};

/* A partial update (mutation) of one column of a replicated row. */
struct idl_partial {
    struct ovs_list node;       /* In idl_txn_row->partials. */
    const struct ovsdb_idl_column *column;
    struct ovsdb_datum inserts; /* Of the column's type (map or set). */
    struct ovsdb_datum deletes; /* Set of the column's key type. */
};

/* Transaction state of a row touched by the transaction being built. */
struct idl_txn_row {
    struct ovs_list node;       /* In txn->rows, in order of first use. */
    struct ovsdb_idl_row *row;
    bool inserted;              /* Created by the transaction. */
    bool deleted;               /* Deleted by the transaction. */
    unsigned long *written;     /* Columns written whole. */
    struct ovsdb_datum *new_;   /* By column index; valid where WRITTEN. */
    unsigned long *verified;    /* Columns to verify. */
    struct ovs_list partials;   /* struct idl_partial. */
};

struct ovsdb_idl_row {
    struct hmap_node hmap_node; /* In table->rows (unless DELETED). */
    struct uuid uuid;
    struct ovsdb_idl_table *table;
    struct ovsdb_datum *fields; /* By column index: replica values of
                                 * monitored columns (others empty); NULL
                                 * for rows inserted by a transaction. */
    unsigned int gen;           /* Resync generation that last saw it. */
    bool deleted;               /* Gone from the replica; kept while
                                 * tracked or used by the transaction. */
    struct idl_track *track;    /* NULL if not changed since clear. */
    struct idl_txn_row *txn;    /* NULL if the transaction is not using
                                 * it. */
};

/* Connection states. */
enum idl_state {
    IDL_S_DISCONNECTED,
    IDL_S_SERVER_MONITOR_REQUESTED,     /* monitor_cond on _Server. */
    IDL_S_DATA_SCHEMA_REQUESTED,        /* get_schema. */
    IDL_S_MONITOR_COND_SINCE_REQUESTED,
    IDL_S_MONITOR_COND_REQUESTED,
    IDL_S_MONITOR_REQUESTED,
    IDL_S_MONITORING,
    IDL_S_NO_DB                 /* The server does not have the database
                                 * (yet): wait and retry. */
};

struct ovsdb_idl {
    struct ovsdb_schema *schema;        /* Owned. */
    struct shash tables;                /* Name -> struct ovsdb_idl_table. */
    struct ovsdb_idl_table *table_array; /* The same tables. */
    size_t n_tables;

    /* Connection. */
    struct jsonrpc_session *session;    /* NULL if none. */
    unsigned int session_seqno;
    enum idl_state state;
    json_t *request_id;                 /* Handshake request in flight. */
    json_t *cond_request_id;            /* monitor_cond_change in flight. */
    unsigned int cond_request_seqno;    /* Conditions it covers. */
    json_t *lock_request_id;            /* "lock" in flight. */
    unsigned int monitor_cond_seqno;    /* Conditions the monitor request
                                         * in flight covers. */
    bool server_db_monitored;           /* _Server monitor is up. */
    bool server_db_present;             /* _Server lists our database. */
    struct uuid server_db_row;          /* Its Database row. */
    long long int retry_at;             /* NO_DB without _Server: when to
                                         * ask again (LLONG_MAX = never). */
    int monitor_version;                /* 1, 2, 3 once monitoring. */
    struct uuid last_id;                /* Last update3 transaction id. */
    bool ever_synced;
    bool has_more;                      /* run() left messages unread. */

    /* Lock. */
    char *lock_name;
    bool has_lock;
    bool lock_contended;

    /* Replica. */
    unsigned int change_seqno;
    unsigned int gen;                   /* Resync generation. */
    bool tracking;
    unsigned int cond_seqno;            /* Acknowledged conditions. */
    unsigned int cond_requested;        /* Requested conditions. */

    /* Transactions. */
    struct ovsdb_idl_txn *txn;          /* Being built, or NULL. */
    struct ovs_list committed_txns;     /* struct ovsdb_idl_txn waiting for
                                         * their reply. */
    struct ovs_list all_txns;           /* Every struct ovsdb_idl_txn not
                                         * yet destroyed. */
    struct ovsdb_idl_stats stats;
};

/* ovsdb-idl-replica.c */
struct ovsdb_idl_row *idl_row_create(struct ovsdb_idl_table *,
                                     const struct uuid *, bool replica);
void idl_row_destroy(struct ovsdb_idl_row *);
void idl_row_maybe_free(struct ovsdb_idl_row *);
struct ovsdb_idl_row *idl_find_row(const struct ovsdb_idl_table *,
                                   const struct uuid *);
void idl_table_clear(struct ovsdb_idl_table *);
char *idl_apply_table_updates(struct ovsdb_idl *, int version,
                              const json_t *updates, bool full);

/* ovsdb-idl-txn.c */
void idl_txn_disassemble(struct ovsdb_idl_txn *);
bool idl_txn_process_reply(struct ovsdb_idl *, const struct jsonrpc_msg *);
void idl_txn_abort_all_committed(struct ovsdb_idl *);
void idl_txn_detach_all(struct ovsdb_idl *);

#endif /* ovsdb-idl-private.h */
