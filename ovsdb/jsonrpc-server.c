/* jsonrpc-server: the OVSDB JSON-RPC server.  See jsonrpc-server.h.
 *
 * Object model:
 *   server  - databases (struct server_db), remotes, locks.
 *   remote  - a listener with its accepted sessions, or one active
 *             session that connects out.
 *   session - one JSON-RPC connection: its monitors, pending
 *             transactions ("triggers") and lock requests.
 *
 * A trigger is a transact request that cannot be answered yet: either a
 * "wait" operation is not satisfied (it is executed again after every
 * commit to its database and when its timeout expires), or it committed
 * and its reply waits until the storage has made the commit durable. */
#include "jsonrpc-server.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include "ds.h"
#include "hash.h"
#include "hmap.h"
#include "jsonrpc.h"
#include "list.h"
#include "lock.h"
#include "monitor.h"
#include "ovsdb-error.h"
#include "execution.h"
#include "file.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "schema.h"
#include <stdarg.h>
#include "shash.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_jsonrpc_server);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* Requests handled per session per main loop iteration. */
#define MAX_REQUESTS_PER_RUN 50

struct server_db {
    char *name;                         /* Schema name (owned copy). */
    struct ovsdb *db;                   /* Borrowed. */
    struct ovsdb_file *file;            /* Borrowed; may be NULL. */
    bool read_only;
    struct ovsdb_monitor_db *mdb;
    struct ovs_list triggers;           /* struct trigger in WAITING. */
    struct ovsdb_observer observer;     /* Notices commits. */
    bool changed;                       /* Committed since last retry. */
    json_t *schema_json;                /* Cached get_schema reply, or NULL
                                         * (every ovs-vsctl run asks). */
};

struct ovsdb_jsonrpc_server {
    struct shash dbs;                   /* name -> struct server_db *. */
    struct shash remotes;               /* name -> struct remote *. */
    struct ovsdb_lock_table *locks;
    struct uuid server_id;
    size_t max_msg_size;                /* 0: jsonrpc default. */
    size_t max_backlog;
    unsigned int n_sessions;
    unsigned int n_triggers;
    ovsdb_jsonrpc_convert_func *convert_cb;
    void *convert_aux;
};

struct remote {
    struct ovsdb_jsonrpc_server *server;
    char *name;
    struct pstream *listener;           /* Passive remotes only. */
    struct ovs_list sessions;           /* struct session. */
    struct ovsdb_jsonrpc_options options;
    int last_error;                     /* Last listen/accept error. */
    long long int listen_retry;         /* Passive remotes that could not
                                         * listen: when to try again. */
    long long int accept_resume;        /* After an accept error (e.g. out
                                         * of file descriptors), when to
                                         * accept again. */
};

/* Pause after a failed accept, so that running out of file descriptors
 * does not turn into a busy loop. */
#define ACCEPT_PAUSE_MSEC 100

/* Interval between attempts to listen on a passive remote that failed. */
#define LISTEN_RETRY_MSEC 2000

struct session {
    struct ovs_list node;               /* In remote->sessions. */
    struct remote *remote;
    struct jsonrpc_session *js;
    unsigned int js_seqno;
    struct hmap monitors;               /* struct session_monitor. */
    struct hmap triggers;               /* struct trigger, by id hash. */
    struct shash lock_waiters;          /* name -> struct ovsdb_lock_waiter*/
    bool db_change_aware;
    size_t notify_bytes;                /* Notifications queued since the
                                         * backlog was last empty. */
    char *drop_reason;                  /* Close at next run if nonnull:
                                         * why, for the log. */
    enum vlog_level drop_level;         /* Log level for DROP_REASON. */
};

struct session_monitor {
    struct hmap_node node;              /* In session->monitors. */
    struct session *session;
    json_t *id;                         /* Monitor id (any JSON). */
    struct server_db *sdb;
    struct ovsdb_monitor *monitor;
};

enum trigger_state {
    TRIGGER_WAITING,                    /* "wait" not satisfied yet. */
    TRIGGER_COMMITTING                  /* Reply ready, awaiting sync. */
};

struct trigger {
    struct hmap_node node;              /* In session->triggers. */
    struct ovs_list db_node;            /* In sdb->triggers (WAITING). */
    struct session *session;
    struct server_db *sdb;
    enum trigger_state state;
    json_t *request_id;
    json_t *params;                     /* Transact params. */
    long long int created;              /* time_msec() at arrival. */
    long long int deadline;             /* LLONG_MAX: no timeout. */
    json_t *result;                     /* COMMITTING: the reply. */
    uint64_t commit_seqno;              /* COMMITTING: to be durable. */
};

static void session_destroy(struct session *);
static void session_reset(struct session *);
static void session_send(struct session *, struct jsonrpc_msg *);
static void session_notify(struct session *, const char *method,
                           json_t *params);
static void monitor_destroy(struct session_monitor *);
static void trigger_destroy(struct trigger *);
static void trigger_try(struct trigger *, long long int now);
static void session_lock_notify(void *session, const char *name,
                                bool stolen);
static void session_drop(struct session *, enum vlog_level,
                         const char *format, ...) OVS_PRINTF_FORMAT(3, 4);

/* ---------------------------------------------------------------------- */
/* Server. */

struct ovsdb_jsonrpc_server *
ovsdb_jsonrpc_server_create(void)
{
    struct ovsdb_jsonrpc_server *server = xzalloc(sizeof *server);

    shash_init(&server->dbs);
    shash_init(&server->remotes);
    server->locks = ovsdb_lock_table_create(session_lock_notify);
    uuid_generate(&server->server_id);
    server->max_backlog = OVSDB_JSONRPC_DEFAULT_MAX_BACKLOG;
    return server;
}

static void remote_destroy(struct remote *);
static void server_db_destroy(struct server_db *);

void
ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;

    if (!server) {
        return;
    }
    SHASH_FOR_EACH_SAFE (node, &server->remotes) {
        remote_destroy(node->data);
        shash_delete(&server->remotes, node);
    }
    shash_destroy(&server->remotes);
    SHASH_FOR_EACH_SAFE (node, &server->dbs) {
        server_db_destroy(node->data);
        shash_delete(&server->dbs, node);
    }
    shash_destroy(&server->dbs);
    ovsdb_lock_table_destroy(server->locks);
    free(server);
}

void
ovsdb_jsonrpc_server_set_max_msg_size(struct ovsdb_jsonrpc_server *server,
                                      size_t max)
{
    struct shash_node *node;

    server->max_msg_size = max;
    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;
        struct session *s;

        LIST_FOR_EACH (s, node, &remote->sessions) {
            jsonrpc_session_set_max_msg_size(s->js, max);
        }
    }
}

void
ovsdb_jsonrpc_server_set_max_backlog(struct ovsdb_jsonrpc_server *server,
                                     size_t max)
{
    server->max_backlog = max;
}

/* Calls FUNC(session, AUX) for every session of SERVER.  FUNC may destroy
 * the session. */
static void
for_each_session(struct ovsdb_jsonrpc_server *server,
                 void (*func)(struct session *, void *aux), void *aux)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;
        struct session *s;

        LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
            func(s, aux);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Databases. */

static struct ovsdb_error *
server_db_commit(struct ovsdb_observer *observer,
                 const struct ovsdb_txn *txn OVS_UNUSED,
                 bool durable OVS_UNUSED)
{
    struct server_db *sdb = CONTAINER_OF(observer, struct server_db,
                                         observer);
    sdb->changed = true;
    return NULL;
}

static void
server_db_observer_destroy(struct ovsdb_observer *observer OVS_UNUSED)
{
}

static const struct ovsdb_observer_class server_db_observer_class = {
    server_db_commit,
    server_db_observer_destroy,
};

/* True if the storage of SDB has synced commit SEQNO to disk. */
static bool
commit_is_durable(const struct server_db *sdb, uint64_t seqno)
{
    return !sdb->file || ovsdb_file_get_seqno_synced(sdb->file) >= seqno;
}

static void
server_db_destroy(struct server_db *sdb)
{
    ovsdb_remove_observer(sdb->db, &sdb->observer);
    ovsdb_monitor_db_destroy(sdb->mdb);
    json_decref(sdb->schema_json);
    free(sdb->name);
    free(sdb);
}

static void
disconnect_unaware(struct session *s, void *comment_)
{
    const char *comment = comment_;

    if (!s->db_change_aware) {
        session_drop(s, VLL_INFO, "disconnecting (%s)", comment);
    }
}

bool
ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *server,
                            struct ovsdb *db, struct ovsdb_file *file,
                            bool read_only)
{
    const char *name = db->schema->name;
    struct server_db *sdb;
    char *comment;

    if (shash_find(&server->dbs, name)) {
        return false;
    }

    /* Sessions that do not track the database list reconnect to see the
     * new one. */
    comment = xasprintf("adding %s database", name);
    for_each_session(server, disconnect_unaware, comment);
    free(comment);

    sdb = xzalloc(sizeof *sdb);
    sdb->name = xstrdup(name);
    sdb->db = db;
    sdb->file = file;
    sdb->read_only = read_only;
    sdb->mdb = ovsdb_monitor_db_create(db);
    ovs_list_init(&sdb->triggers);
    sdb->observer.class = &server_db_observer_class;
    ovsdb_add_observer(db, &sdb->observer);
    shash_add(&server->dbs, name, sdb);
    return true;
}

struct db_removal {
    struct server_db *sdb;
    const char *comment;
};

/* Cancels everything SESSION has on the database being removed. */
static void
session_forget_db(struct session *s, void *removal_)
{
    struct db_removal *removal = removal_;
    bool notify = s->db_change_aware && !s->drop_reason;
    struct session_monitor *m;
    struct trigger *t;

    HMAP_FOR_EACH_SAFE (m, node, &s->monitors) {
        if (m->sdb == removal->sdb) {
            if (notify) {
                session_notify(s, "monitor_canceled",
                               json_pack("[O]", m->id));
            }
            monitor_destroy(m);
        }
    }
    HMAP_FOR_EACH_SAFE (t, node, &s->triggers) {
        if (t->sdb == removal->sdb) {
            if (t->state == TRIGGER_COMMITTING) {
                /* It did commit: answer now rather than never. */
                session_send(s, jsonrpc_create_reply(json_incref(t->result),
                                                     t->request_id));
            } else {
                session_send(s, jsonrpc_create_error(
                                 json_string("canceled"), t->request_id));
            }
            trigger_destroy(t);
        }
    }
    disconnect_unaware(s, (void *) removal->comment);
}

bool
ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *server,
                               const char *name, const char *comment)
{
    struct shash_node *node = shash_find(&server->dbs, name);
    struct db_removal removal;

    if (!node) {
        return false;
    }
    removal.sdb = node->data;
    removal.comment = comment;
    for_each_session(server, session_forget_db, &removal);
    server_db_destroy(removal.sdb);
    shash_delete(&server->dbs, node);
    return true;
}

void
ovsdb_jsonrpc_server_set_convert_cb(struct ovsdb_jsonrpc_server *server,
                                    ovsdb_jsonrpc_convert_func *cb,
                                    void *aux)
{
    server->convert_cb = cb;
    server->convert_aux = aux;
}

struct ovsdb *
ovsdb_jsonrpc_server_get_db(const struct ovsdb_jsonrpc_server *server,
                            const char *name)
{
    struct server_db *sdb = shash_find_data(&server->dbs, name);

    return sdb ? sdb->db : NULL;
}

/* ---------------------------------------------------------------------- */
/* Remotes. */

static struct session *session_create(struct remote *,
                                      struct jsonrpc_session *);
static void session_apply_options(struct session *);

/* Tries to listen on passive REMOTE. */
static void
remote_listen(struct remote *remote)
{
    struct pstream *listener;
    int error;

    error = pstream_open(remote->name, &listener);
    if (error) {
        VLOG_ERR_RL(&rl, "%s: listen failed: %s", remote->name,
                    ovs_strerror(error));
        remote->last_error = error;
        remote->listen_retry = time_msec() + LISTEN_RETRY_MSEC;
        return;
    }
    if (pstream_get_bound_port(listener)) {
        VLOG_INFO("%s: listening on port %d", remote->name,
                  pstream_get_bound_port(listener));
    }
    remote->listener = listener;
    remote->last_error = 0;
}

static struct remote *
remote_create(struct ovsdb_jsonrpc_server *server, const char *name,
              const struct ovsdb_jsonrpc_options *options)
{
    struct remote *remote = xzalloc(sizeof *remote);

    remote->server = server;
    remote->name = xstrdup(name);
    remote->options = *options;
    ovs_list_init(&remote->sessions);

    if (!pstream_verify_name(name)) {
        remote_listen(remote);
    } else {
        struct jsonrpc_session *js = jsonrpc_session_open(name, true);

        session_create(remote, js);
    }
    return remote;
}

static void
remote_apply_options(struct remote *remote)
{
    struct session *s;

    LIST_FOR_EACH (s, node, &remote->sessions) {
        session_apply_options(s);
    }
}

static void
remote_destroy(struct remote *remote)
{
    struct session *s;

    LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
        session_destroy(s);
    }
    pstream_close(remote->listener);
    free(remote->name);
    free(remote);
}

static bool
is_passive(const char *name)
{
    return !pstream_verify_name(name);
}

void
ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *server,
                                 const struct shash *new_remotes)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &server->remotes) {
        struct remote *remote = node->data;
        struct ovsdb_jsonrpc_options *options
            = shash_find_data(new_remotes, node->name);

        if (!options) {
            VLOG_INFO("%s: remote deconfigured", node->name);
            remote_destroy(remote);
            shash_delete(&server->remotes, node);
        } else if (memcmp(options, &remote->options, sizeof *options)) {
            remote->options = *options;
            remote_apply_options(remote);
        }
    }
    SHASH_FOR_EACH (node, new_remotes) {
        if (!shash_find(&server->remotes, node->name)) {
            struct remote *remote = remote_create(server, node->name,
                                                  node->data);
            shash_add(&server->remotes, node->name, remote);
            remote_apply_options(remote);
        }
    }
}

bool
ovsdb_jsonrpc_server_get_remote_info(
    const struct ovsdb_jsonrpc_server *server, const char *target,
    bool *is_connected, unsigned int *n_connections, int *last_error)
{
    const struct remote *remote = shash_find_data(&server->remotes, target);
    const struct session *s;

    *is_connected = false;
    *n_connections = 0;
    *last_error = 0;
    if (!remote) {
        return false;
    }
    *last_error = remote->last_error;
    LIST_FOR_EACH (s, node, &remote->sessions) {
        if (jsonrpc_session_is_connected(s->js)) {
            *is_connected = true;
            (*n_connections)++;
        } else if (jsonrpc_session_get_last_error(s->js)) {
            *last_error = jsonrpc_session_get_last_error(s->js);
        }
    }
    return true;
}

void
ovsdb_jsonrpc_server_get_remote_status(
    const struct ovsdb_jsonrpc_server *server, const char *target,
    struct ds *out)
{
    bool connected;
    unsigned int n;
    int error;

    if (ovsdb_jsonrpc_server_get_remote_info(server, target, &connected,
                                             &n, &error)) {
        ds_put_format(out, "%s: %s, %u connection(s)%s%s\n", target,
                      connected ? "connected" : "not connected", n,
                      error ? ", last error: " : "",
                      error ? ovs_strerror(error) : "");
    }
}

static void
reconnect_session(struct session *s, void *comment_)
{
    session_drop(s, VLL_INFO, "disconnecting (%s)",
                 (const char *) comment_);
}

void
ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *server,
                               const char *comment)
{
    for_each_session(server, reconnect_session, (void *) comment);
}

void
ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *server, unsigned int *n_sessions,
    unsigned int *n_monitors, unsigned int *n_triggers)
{
    struct shash_node *node;

    *n_sessions = server->n_sessions;
    *n_triggers = server->n_triggers;
    *n_monitors = 0;
    SHASH_FOR_EACH (node, &server->dbs) {
        const struct server_db *sdb = node->data;

        *n_monitors += ovsdb_monitor_db_count(sdb->mdb);
    }
}

/* ---------------------------------------------------------------------- */
/* Sessions. */

static struct session *
session_create(struct remote *remote, struct jsonrpc_session *js)
{
    struct session *s = xzalloc(sizeof *s);

    s->remote = remote;
    s->js = js;
    s->js_seqno = jsonrpc_session_get_seqno(js);
    hmap_init(&s->monitors);
    hmap_init(&s->triggers);
    shash_init(&s->lock_waiters);
    if (remote->server->max_msg_size) {
        jsonrpc_session_set_max_msg_size(js, remote->server->max_msg_size);
    }
    ovs_list_push_back(&remote->sessions, &s->node);
    remote->server->n_sessions++;
    return s;
}

/* Applies the remote's options to S (a negative probe interval keeps the
 * session's default, which depends on the stream type). */
static void
session_apply_options(struct session *s)
{
    const struct ovsdb_jsonrpc_options *options = &s->remote->options;

    jsonrpc_session_set_max_backoff(s->js, options->max_backoff);
    if (options->probe_interval >= 0) {
        jsonrpc_session_set_probe_interval(s->js, options->probe_interval);
    }
}

/* Forgets everything the client asked for (its connection is gone or
 * was replaced). */
static void
session_reset(struct session *s)
{
    struct session_monitor *m;
    struct trigger *t;
    struct shash_node *node;

    HMAP_FOR_EACH_SAFE (m, node, &s->monitors) {
        monitor_destroy(m);
    }
    HMAP_FOR_EACH_SAFE (t, node, &s->triggers) {
        trigger_destroy(t);
    }
    SHASH_FOR_EACH_SAFE (node, &s->lock_waiters) {
        ovsdb_lock_waiter_remove(node->data);
        shash_delete(&s->lock_waiters, node);
    }
    s->db_change_aware = false;
    s->notify_bytes = 0;
    free(s->drop_reason);
    s->drop_reason = NULL;
}

static void
session_destroy(struct session *s)
{
    session_reset(s);
    hmap_destroy(&s->monitors);
    hmap_destroy(&s->triggers);
    shash_destroy(&s->lock_waiters);
    jsonrpc_session_close(s->js);
    ovs_list_remove(&s->node);
    s->remote->server->n_sessions--;
    free(s);
}

static void
session_send(struct session *s, struct jsonrpc_msg *msg)
{
    jsonrpc_session_send(s->js, msg);
}

/* Sends a notification (PARAMS taken), counting it toward the backlog
 * limit. */
static void
session_notify(struct session *s, const char *method, json_t *params)
{
    size_t before = jsonrpc_session_get_backlog(s->js);
    size_t after;

    if (s->drop_reason) {
        json_decref(params);
        return;
    }
    jsonrpc_session_send(s->js, jsonrpc_create_notify(method, params));
    after = jsonrpc_session_get_backlog(s->js);
    if (!before) {
        s->notify_bytes = 0;
    }
    if (after > before) {
        s->notify_bytes += after - before;
    }
    if (s->notify_bytes > s->remote->server->max_backlog) {
        session_drop(s, VLL_WARN, "dropping client that does not read its "
                     "updates: %zu bytes of notifications backlogged "
                     "(limit %zu)", after, s->remote->server->max_backlog);
    }
}

/* Arranges for S to be disconnected at its next run (for passive
 * remotes: closed; active ones reconnect), logging the formatted reason
 * at LEVEL.  Safe to call while S is handling a message.  Sessions marked
 * this way receive no further notifications and process no requests. */
static void
session_drop(struct session *s, enum vlog_level level,
             const char *format, ...)
{
    va_list args;

    if (s->drop_reason) {
        return;
    }
    va_start(args, format);
    s->drop_reason = xvasprintf(format, args);
    va_end(args);
    s->drop_level = level;
    poll_immediate_wake();
}

static void session_handle_msg(struct session *, struct jsonrpc_msg *);

/* Returns false if S was destroyed. */
static bool
session_run(struct session *s)
{
    int i;

    jsonrpc_session_run(s->js);
    if (s->js_seqno != jsonrpc_session_get_seqno(s->js)) {
        s->js_seqno = jsonrpc_session_get_seqno(s->js);
        session_reset(s);
    }
    if (s->drop_reason) {
        vlog(this_module, s->drop_level, "%s: %s",
             jsonrpc_session_get_name(s->js), s->drop_reason);
        /* Push out what can be sent without blocking (e.g. the reply to
         * the request that caused the drop). */
        jsonrpc_session_run(s->js);
        if (s->remote->listener) {
            session_destroy(s);
            return false;
        }
        jsonrpc_session_force_reconnect(s->js);
        session_reset(s);
        return true;
    }
    if (!jsonrpc_session_get_backlog(s->js)) {
        s->notify_bytes = 0;
    }
    for (i = 0; i < MAX_REQUESTS_PER_RUN; i++) {
        struct jsonrpc_msg *msg;

        if (jsonrpc_session_get_backlog(s->js) || s->drop_reason) {
            break;
        }
        msg = jsonrpc_session_recv(s->js);
        if (!msg) {
            break;
        }
        session_handle_msg(s, msg);
    }
    if (i >= MAX_REQUESTS_PER_RUN) {
        poll_immediate_wake();
    }
    if (!jsonrpc_session_is_alive(s->js)) {
        session_destroy(s);
        return false;
    }
    return true;
}

static void
session_wait(struct session *s)
{
    jsonrpc_session_wait(s->js);
    if (!jsonrpc_session_get_backlog(s->js)) {
        jsonrpc_session_recv_wait(s->js);
    }
}

/* ---------------------------------------------------------------------- */
/* Run and wait. */

static void
remote_run(struct remote *remote)
{
    struct session *s;
    int i;

    if (!remote->listener && is_passive(remote->name)
        && time_msec() >= remote->listen_retry) {
        remote_listen(remote);
    }
    if (remote->listener && time_msec() >= remote->accept_resume) {
        for (i = 0; i < 50; i++) {
            struct stream *stream;
            int error = pstream_accept(remote->listener, &stream);

            if (error == EAGAIN) {
                break;
            } else if (error) {
                VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                             pstream_get_name(remote->listener),
                             ovs_strerror(error));
                remote->last_error = error;
                remote->accept_resume = time_msec() + ACCEPT_PAUSE_MSEC;
                break;
            }
            session_apply_options(session_create(
                                      remote, jsonrpc_session_open_unreliably(
                                          jsonrpc_open(stream))));
        }
    }
    LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
        session_run(s);
    }
}

static void
server_db_retry_triggers(struct server_db *sdb, long long int now,
                         bool all)
{
    struct trigger *t;

    LIST_FOR_EACH_SAFE (t, db_node, &sdb->triggers) {
        if (all || now >= t->deadline) {
            trigger_try(t, now);
        }
    }
}

static void
run_triggers(struct ovsdb_jsonrpc_server *server)
{
    long long int now = time_msec();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->dbs) {
        struct server_db *sdb = node->data;
        bool changed = sdb->changed;

        /* Retrying can commit and thereby set "changed" again, which is
         * handled on the next iteration. */
        sdb->changed = false;
        server_db_retry_triggers(sdb, now, changed);
    }
}

static void session_complete_durable(struct session *, void *);

void
ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;

    run_triggers(server);
    for_each_session(server, session_complete_durable, NULL);
    SHASH_FOR_EACH (node, &server->remotes) {
        remote_run(node->data);
    }
}

static void
session_wait_cb(struct session *s, void *aux OVS_UNUSED)
{
    struct trigger *t;

    session_wait(s);
    HMAP_FOR_EACH (t, node, &s->triggers) {
        if (t->state == TRIGGER_COMMITTING) {
            if (commit_is_durable(t->sdb, t->commit_seqno)) {
                poll_immediate_wake();
            }
        } else if (t->deadline != LLONG_MAX) {
            poll_timer_wait_until(t->deadline);
        }
    }
}

void
ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->dbs) {
        struct server_db *sdb = node->data;

        if (sdb->changed && !ovs_list_is_empty(&sdb->triggers)) {
            poll_immediate_wake();
        }
    }
    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;

        if (remote->listener && time_msec() < remote->accept_resume) {
            poll_timer_wait_until(remote->accept_resume);
        } else if (remote->listener) {
            pstream_wait(remote->listener);
        } else if (is_passive(remote->name)) {
            poll_timer_wait_until(remote->listen_retry);
        }
    }
    for_each_session(server, session_wait_cb, NULL);
}

/* ---------------------------------------------------------------------- */
/* Replies. */

static void
reply_error(struct session *s, const struct jsonrpc_msg *request,
            struct ovsdb_error *error)
{
    session_send(s, jsonrpc_create_error(ovsdb_error_to_json_free(error),
                                         request->id));
}

static void
reply_error_string(struct session *s, const struct jsonrpc_msg *request,
                   const char *error)
{
    session_send(s, jsonrpc_create_error(json_string(error), request->id));
}

static void
reply(struct session *s, const struct jsonrpc_msg *request, json_t *result)
{
    session_send(s, jsonrpc_create_reply(result, request->id));
}

/* Finds the database named by the first element of REQUEST's params.
 * On failure replies with OVS's error and returns NULL. */
static struct server_db *
request_get_db(struct session *s, const struct jsonrpc_msg *request)
{
    const json_t *params = request->params;
    const json_t *name = json_array_get(params, 0);
    struct server_db *sdb;

    if (!json_is_string(name)) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, NULL, "%s request params must begin with "
                        "<db-name>", request->method));
        return NULL;
    }
    sdb = shash_find_data(&s->remote->server->dbs, json_string_value(name));
    if (!sdb) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, "unknown database", "%s request specifies "
                        "unknown database %s", request->method,
                        json_string_value(name)));
        return NULL;
    }
    return sdb;
}

/* ---------------------------------------------------------------------- */
/* Simple methods. */

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

static void
handle_list_dbs(struct session *s, const struct jsonrpc_msg *request)
{
    const struct shash *dbs = &s->remote->server->dbs;
    const char **names = xcalloc(shash_count(dbs) + 1, sizeof *names);
    struct shash_node *node;
    json_t *result = json_array();
    size_t n = 0, i;

    SHASH_FOR_EACH (node, dbs) {
        names[n++] = node->name;
    }
    qsort(names, n, sizeof *names, compare_strings);
    for (i = 0; i < n; i++) {
        json_array_append_new(result, json_string(names[i]));
    }
    free(names);
    reply(s, request, result);
}

static void
handle_get_schema(struct session *s, const struct jsonrpc_msg *request)
{
    struct server_db *sdb = request_get_db(s, request);

    if (sdb) {
        if (!sdb->schema_json) {
            sdb->schema_json = ovsdb_schema_to_json(sdb->db->schema);
        }
        reply(s, request, json_incref(sdb->schema_json));
    }
}

static void
handle_get_server_id(struct session *s, const struct jsonrpc_msg *request)
{
    char id[UUID_LEN + 1];

    uuid_to_string(&s->remote->server->server_id, id);
    reply(s, request, json_string(id));
}

static void
handle_set_db_change_aware(struct session *s,
                           const struct jsonrpc_msg *request)
{
    const json_t *params = request->params;

    if (json_array_size(params) != 1
        || !json_is_boolean(json_array_get(params, 0))) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, NULL, "set_db_change_aware: true or false "
                        "parameter expected"));
        return;
    }
    s->db_change_aware = json_is_true(json_array_get(params, 0));
    reply(s, request, json_object());
}

/* ---------------------------------------------------------------------- */
/* Locks. */

/* ovsdb_lock_notify_func. */
static void
session_lock_notify(void *s_, const char *name, bool stolen)
{
    struct session *s = s_;

    session_notify(s, stolen ? "stolen" : "locked", json_pack("[s]", name));
}

/* ovsdb_lock_check_func for "assert" operations: S_ is the session. */
static bool
session_has_lock(const char *name, void *s_)
{
    const struct session *s = s_;
    const struct ovsdb_lock_waiter *waiter
        = shash_find_data(&s->lock_waiters, name);

    return waiter && ovsdb_lock_waiter_is_owner(waiter);
}

/* Handles "lock" (STEAL false) and "steal". */
static void
handle_lock(struct session *s, const struct jsonrpc_msg *request, bool steal)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    const json_t *params = request->params;
    const json_t *name_json = json_array_get(params, 0);
    struct ovsdb_lock_waiter *waiter;
    const char *name;

    if (json_array_size(params) != 1 || !json_is_string(name_json)
        || !ovsdb_is_identifier(json_string_value(name_json))) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, NULL, "%s request params must be <id>",
                        request->method));
        return;
    }
    name = json_string_value(name_json);
    if (shash_find(&s->lock_waiters, name)) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, NULL, "must issue \"unlock\" before new "
                        "\"%s\"", request->method));
        return;
    }

    waiter = ovsdb_lock_table_lock(server->locks, name, s, steal);
    shash_add(&s->lock_waiters, name, waiter);
    reply(s, request, json_pack("{s:b}", "locked",
                                ovsdb_lock_waiter_is_owner(waiter)));
}

static void
handle_unlock(struct session *s, const struct jsonrpc_msg *request)
{
    const json_t *params = request->params;
    const json_t *name_json = json_array_get(params, 0);
    struct shash_node *node;

    if (json_array_size(params) != 1 || !json_is_string(name_json)
        || !ovsdb_is_identifier(json_string_value(name_json))) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, NULL, "unlock request params must be <id>"));
        return;
    }
    node = shash_find(&s->lock_waiters, json_string_value(name_json));
    if (!node) {
        reply_error(s, request, ovsdb_syntax_error(
                        params, NULL, "unlock: \"unlock\" without \"lock\" "
                        "or \"steal\""));
        return;
    }
    ovsdb_lock_waiter_remove(node->data);
    shash_delete(&s->lock_waiters, node);
    reply(s, request, json_object());
}

/* ---------------------------------------------------------------------- */
/* Monitors. */

/* Hashes JSON (a monitor or request id) consistently with json_equal(). */
static uint32_t
json_hash(const json_t *json)
{
    json_int_t i;
    uint32_t hash;
    char *s;

    switch (json_typeof(json)) {
    case JSON_STRING:
        return hash_string(json_string_value(json), 0);
    case JSON_INTEGER:
        i = json_integer_value(json);
        return hash_bytes(&i, sizeof i, 1);
    case JSON_NULL:
    case JSON_TRUE:
    case JSON_FALSE:
        return json_typeof(json);
    case JSON_OBJECT:
    case JSON_ARRAY:
    case JSON_REAL:
    default:
        s = json_dumps(json, JSON_COMPACT | JSON_SORT_KEYS
                       | JSON_ENCODE_ANY);
        hash = s ? hash_string(s, 2) : 2;
        free(s);
        return hash;
    }
}

static struct session_monitor *
monitor_find(const struct session *s, const json_t *id)
{
    struct session_monitor *m;

    HMAP_FOR_EACH_WITH_HASH (m, node, json_hash(id), &s->monitors) {
        if (json_equal(m->id, (json_t *) id)) {
            return m;
        }
    }
    return NULL;
}

static void
monitor_send(struct ovsdb_monitor *monitor OVS_UNUSED, json_t *updates,
             const struct uuid *txn_id, void *m_)
{
    struct session_monitor *m = m_;
    char id[UUID_LEN + 1];

    switch (ovsdb_monitor_get_version(m->monitor)) {
    case OVSDB_MONITOR_V1:
        session_notify(m->session, "update", json_pack("[OO]", m->id,
                                                       updates));
        break;
    case OVSDB_MONITOR_V2:
        session_notify(m->session, "update2", json_pack("[OO]", m->id,
                                                        updates));
        break;
    case OVSDB_MONITOR_V3:
        uuid_to_string(txn_id, id);
        session_notify(m->session, "update3",
                       json_pack("[OsO]", m->id, id, updates));
        break;
    }
}

static void
monitor_destroy(struct session_monitor *m)
{
    hmap_remove(&m->session->monitors, &m->node);
    ovsdb_monitor_destroy(m->monitor);
    json_decref(m->id);
    free(m);
}

static void
handle_monitor(struct session *s, const struct jsonrpc_msg *request,
               enum ovsdb_monitor_version version)
{
    const json_t *params = request->params;
    struct session_monitor *m;
    struct ovsdb_error *error;
    struct uuid last_id;
    struct server_db *sdb;
    json_t *id, *result;
    size_t n_params = version == OVSDB_MONITOR_V3 ? 4 : 3;

    sdb = request_get_db(s, request);
    if (!sdb) {
        return;
    }
    if (json_array_size(params) != n_params
        && !(version == OVSDB_MONITOR_V1 && json_array_size(params) > 3)) {
        reply_error(s, request, ovsdb_syntax_error(params, NULL,
                                                   "invalid parameters"));
        return;
    }
    if (version == OVSDB_MONITOR_V3) {
        const json_t *last = json_array_get(params, 3);

        if (!json_is_string(last)) {
            reply_error(s, request, ovsdb_syntax_error(
                            last, NULL, "last-txn-id must be string"));
            return;
        }
        if (!uuid_from_string(&last_id, json_string_value(last))) {
            reply_error(s, request, ovsdb_syntax_error(
                            last, NULL, "last-txn-id must be UUID format."));
            return;
        }
    }

    id = json_array_get(params, 1);
    if (monitor_find(s, id)) {
        reply_error(s, request, ovsdb_syntax_error(id, NULL,
                                                   "duplicate monitor ID"));
        return;
    }

    m = xzalloc(sizeof *m);
    m->session = s;
    m->id = json_incref(id);
    m->sdb = sdb;
    error = ovsdb_monitor_create(sdb->mdb, version, json_array_get(params, 2),
                                 monitor_send, m, &m->monitor);
    if (error) {
        json_decref(m->id);
        free(m);
        reply_error(s, request, error);
        return;
    }
    hmap_insert(&s->monitors, &m->node, json_hash(id));

    if (version == OVSDB_MONITOR_V3) {
        char txn_id[UUID_LEN + 1];
        struct uuid last;
        bool found;
        json_t *updates;

        updates = ovsdb_monitor_get_since(m->monitor, &last_id, &found,
                                          &last);
        uuid_to_string(&last, txn_id);
        result = json_pack("[bso]", found, txn_id, updates);
    } else {
        result = ovsdb_monitor_get_initial(m->monitor);
    }
    reply(s, request, result);
}

static void
handle_monitor_cancel(struct session *s, const struct jsonrpc_msg *request)
{
    const json_t *params = request->params;
    struct session_monitor *m;

    if (json_array_size(params) != 1) {
        reply_error_string(s, request, "invalid parameters");
        return;
    }
    m = monitor_find(s, json_array_get(params, 0));
    if (!m) {
        reply_error_string(s, request, "unknown monitor");
        return;
    }
    monitor_destroy(m);
    reply(s, request, json_object());
}

static void
handle_monitor_cond_change(struct session *s,
                           const struct jsonrpc_msg *request)
{
    const json_t *params = request->params;
    struct session_monitor *m, *other;
    struct ovsdb_error *error;
    const json_t *new_id;
    json_t *updates;

    if (json_array_size(params) != 3) {
        reply_error(s, request, ovsdb_syntax_error(params, NULL,
                                                   "invalid parameters"));
        return;
    }
    m = monitor_find(s, json_array_get(params, 0));
    if (!m) {
        reply_error(s, request, ovsdb_syntax_error(
                        json_array_get(params, 0), NULL,
                        "unknown monitor session"));
        return;
    }
    new_id = json_array_get(params, 1);
    other = monitor_find(s, new_id);
    if (other && other != m) {
        reply_error(s, request, ovsdb_syntax_error(new_id, NULL,
                                                   "duplicate monitor ID"));
        return;
    }

    error = ovsdb_monitor_cond_change(m->monitor, json_array_get(params, 2),
                                      &updates);
    if (error) {
        reply_error(s, request, error);
        return;
    }
    if (!json_equal(m->id, (json_t *) new_id)) {
        hmap_remove(&s->monitors, &m->node);
        json_decref(m->id);
        m->id = json_incref((json_t *) new_id);
        hmap_insert(&s->monitors, &m->node, json_hash(new_id));
    }
    if (updates) {
        monitor_send(m->monitor, updates, ovsdb_monitor_db_get_last_txn_id(
                         m->sdb->mdb), m);
        json_decref(updates);
    }
    reply(s, request, json_object());
}

/* ---------------------------------------------------------------------- */
/* Transactions. */

static uint32_t
trigger_hash(const json_t *id)
{
    return json_hash(id);
}

static void
trigger_destroy(struct trigger *t)
{
    if (t->state == TRIGGER_WAITING) {
        ovs_list_remove(&t->db_node);
    }
    hmap_remove(&t->session->triggers, &t->node);
    t->session->remote->server->n_triggers--;
    json_decref(t->request_id);
    json_decref(t->params);
    json_decref(t->result);
    free(t);
}

/* Answers T with RESULT (taken) now, or once the storage has synced
 * commit SEQNO (0: no need to wait). */
static void
trigger_complete(struct trigger *t, json_t *result, uint64_t seqno)
{
    if (seqno && !commit_is_durable(t->sdb, seqno)) {
        if (t->state == TRIGGER_WAITING) {
            ovs_list_remove(&t->db_node);
        }
        t->state = TRIGGER_COMMITTING;
        t->result = result;
        t->commit_seqno = seqno;
        return;
    }
    session_send(t->session, jsonrpc_create_reply(result, t->request_id));
    trigger_destroy(t);
}

/* Executes T's transaction.  Completes and frees T unless it has to keep
 * waiting. */
static void
trigger_try(struct trigger *t, long long int now)
{
    struct server_db *sdb = t->sdb;
    uint64_t n_commits = sdb->db->n_commits;
    long long int timeout = LLONG_MAX;
    uint64_t seqno = 0;
    json_t *result;

    result = ovsdb_execute(sdb->db, t->params,
                           (sdb->read_only
                            || t->session->remote->options.read_only),
                           session_has_lock, t->session, now - t->created,
                           &timeout, NULL);
    if (!result) {
        /* Blocked on "wait": try again after a commit or the timeout. */
        t->deadline = (timeout >= LLONG_MAX - now ? LLONG_MAX
                       : now + MAX(timeout, 0));
        return;
    }
    if (sdb->file && sdb->db->n_commits != n_commits) {
        seqno = ovsdb_file_get_commit_sync_seqno(sdb->file);
    }
    trigger_complete(t, result, seqno);
}

static void
handle_transact(struct session *s, struct jsonrpc_msg *request)
{
    struct server_db *sdb = request_get_db(s, request);
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    struct trigger *t;

    if (!sdb) {
        return;
    }

    t = xzalloc(sizeof *t);
    t->session = s;
    t->sdb = sdb;
    t->state = TRIGGER_WAITING;
    t->request_id = json_incref(request->id);
    t->params = json_incref(request->params);
    t->created = time_msec();
    t->deadline = LLONG_MAX;
    ovs_list_push_back(&sdb->triggers, &t->db_node);
    hmap_insert(&s->triggers, &t->node, trigger_hash(request->id));
    server->n_triggers++;

    trigger_try(t, t->created);
}

static void
handle_cancel(struct session *s, const struct jsonrpc_msg *msg)
{
    const json_t *params = msg->params;
    struct trigger *t;

    if (json_array_size(params) != 1) {
        return;
    }
    HMAP_FOR_EACH_WITH_HASH (t, node, trigger_hash(json_array_get(params, 0)),
                             &s->triggers) {
        if (json_equal(t->request_id, json_array_get(params, 0))
            && t->state == TRIGGER_WAITING) {
            session_send(s, jsonrpc_create_error(json_string("canceled"),
                                                 t->request_id));
            trigger_destroy(t);
            return;
        }
    }
}

static void
session_complete_durable(struct session *s, void *aux OVS_UNUSED)
{
    struct trigger *t;

    HMAP_FOR_EACH_SAFE (t, node, &s->triggers) {
        if (t->state == TRIGGER_COMMITTING
            && commit_is_durable(t->sdb, t->commit_seqno)) {
            session_send(s, jsonrpc_create_reply(t->result, t->request_id));
            t->result = NULL;
            trigger_destroy(t);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Online conversion. */

static void
handle_convert(struct session *s, const struct jsonrpc_msg *request)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    struct server_db *sdb = request_get_db(s, request);
    const json_t *params = request->params;
    struct ovsdb_schema *new_schema;
    struct ovsdb_error *error;
    struct db_removal removal;
    struct ovsdb *old_db, *new_db;
    char *comment;

    if (!sdb) {
        return;
    }
    if (json_array_size(params) != 2) {
        reply_error(s, request, ovsdb_syntax_error(params, NULL,
                                                   "array expected"));
        return;
    }
    error = ovsdb_schema_from_json(json_array_get(params, 1), &new_schema);
    if (error) {
        reply_error(s, request, error);
        return;
    }
    if (strcmp(new_schema->name, sdb->name)) {
        reply_error(s, request, ovsdb_error(
                        "invalid parameters", "new schema name (%s) does "
                        "not match database name (%s)", new_schema->name,
                        sdb->name));
        ovsdb_schema_destroy(new_schema);
        return;
    }
    if (!sdb->file || sdb->read_only || !server->convert_cb) {
        reply_error(s, request, ovsdb_error(
                        "not allowed", "database %s cannot be converted",
                        sdb->name));
        ovsdb_schema_destroy(new_schema);
        return;
    }

    error = ovsdb_convert(sdb->db, new_schema, &new_db);
    if (!error) {
        error = ovsdb_file_replace(sdb->file, NULL, new_db);
        if (error) {
            ovsdb_destroy(new_db);
        }
    }
    if (error) {
        reply_error(s, request, error);
        return;
    }

    /* The reply goes first, as OVS sends it, then clients learn. */
    reply(s, request, json_object());
    comment = xasprintf("committed %s database schema conversion",
                        sdb->name);
    removal.sdb = sdb;
    removal.comment = comment;
    for_each_session(server, session_forget_db, &removal);
    free(comment);

    old_db = sdb->db;
    ovsdb_remove_observer(old_db, &sdb->observer);
    ovsdb_monitor_db_destroy(sdb->mdb);
    sdb->db = new_db;
    json_decref(sdb->schema_json);      /* The schema changed. */
    sdb->schema_json = NULL;
    sdb->mdb = ovsdb_monitor_db_create(new_db);
    ovsdb_add_observer(new_db, &sdb->observer);
    server->convert_cb(old_db, new_db, server->convert_aux);
}

/* ---------------------------------------------------------------------- */
/* Dispatch. */

static void
session_handle_request(struct session *s, struct jsonrpc_msg *request)
{
    const char *method = request->method;

    if (!strcmp(method, "transact")) {
        handle_transact(s, request);
    } else if (!strcmp(method, "monitor")) {
        handle_monitor(s, request, OVSDB_MONITOR_V1);
    } else if (!strcmp(method, "monitor_cond")) {
        handle_monitor(s, request, OVSDB_MONITOR_V2);
    } else if (!strcmp(method, "monitor_cond_since")) {
        handle_monitor(s, request, OVSDB_MONITOR_V3);
    } else if (!strcmp(method, "monitor_cond_change")) {
        handle_monitor_cond_change(s, request);
    } else if (!strcmp(method, "monitor_cancel")) {
        handle_monitor_cancel(s, request);
    } else if (!strcmp(method, "get_schema")) {
        handle_get_schema(s, request);
    } else if (!strcmp(method, "list_dbs")) {
        handle_list_dbs(s, request);
    } else if (!strcmp(method, "get_server_id")) {
        handle_get_server_id(s, request);
    } else if (!strcmp(method, "set_db_change_aware")) {
        handle_set_db_change_aware(s, request);
    } else if (!strcmp(method, "lock")) {
        handle_lock(s, request, false);
    } else if (!strcmp(method, "steal")) {
        handle_lock(s, request, true);
    } else if (!strcmp(method, "unlock")) {
        handle_unlock(s, request);
    } else if (!strcmp(method, "convert")) {
        handle_convert(s, request);
    } else if (!strcmp(method, "echo")) {
        reply(s, request, json_incref(request->params));
    } else {
        reply_error_string(s, request, "unknown method");
    }
}

static void
session_handle_msg(struct session *s, struct jsonrpc_msg *msg)
{
    switch (msg->type) {
    case JSONRPC_REQUEST:
        session_handle_request(s, msg);
        break;
    case JSONRPC_NOTIFY:
        if (!strcmp(msg->method, "cancel")) {
            handle_cancel(s, msg);
        }
        break;
    case JSONRPC_REPLY:
    case JSONRPC_ERROR:
        break;
    }
    jsonrpc_msg_destroy(msg);
}
