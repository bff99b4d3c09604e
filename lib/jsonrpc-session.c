/* jsonrpc-session: a JSON-RPC connection that looks after itself (the
 * jsonrpc_session_* part of jsonrpc.h).
 *
 * An active session ("unix:", "tcp:", "ssl:") connects, and reconnects
 * with exponential backoff whenever the connection fails or drops.  A
 * passive session ("punix:", "ptcp:", "pssl:") listens and serves one
 * peer at a time: a newly accepted connection replaces the current one.
 * A session made from an accepted connection (open_unreliably) never
 * reconnects.  The reconnect state machine (reconnect.c) decides when to
 * connect, probe or give up; inactivity probes are {"method":"echo",
 * "params":[],"id":"echo"} requests.  The session answers the peer's
 * echo requests itself and swallows replies to its own probes, so users
 * of the session never see either. */
#include "jsonrpc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "poll-loop.h"
#include "reconnect.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc_session);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* Messages jsonrpc_session_recv() handles internally before giving up
 * for this call (the caller is woken again if more are waiting). */
#define SESSION_MAX_INTERNAL_MSGS 50

struct jsonrpc_session {
    struct reconnect *reconnect;
    char *name;                 /* Remote name as given. */
    struct jsonrpc *rpc;        /* Established connection, or NULL. */
    struct stream *stream;      /* Connection in progress, or NULL. */
    struct pstream *pstream;    /* Passive sessions: the listener. */
    size_t max_msg_size;        /* 0 = jsonrpc default. */
    size_t last_backlog;        /* To notice the peer draining output. */
};

struct jsonrpc_session *
jsonrpc_session_open(const char *name, bool retry)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);
    long long int now = time_msec();

    s->name = xstrdup(name);
    s->reconnect = reconnect_create(now);
    reconnect_set_name(s->reconnect, name);
    if (!pstream_verify_name(name)) {
        reconnect_set_passive(s->reconnect, true, now);
    }
    if (!retry) {
        reconnect_set_max_tries(s->reconnect, 1);
    }
    if (!stream_or_pstream_needs_probes(name)) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }
    reconnect_enable(s->reconnect, now);
    return s;
}

struct jsonrpc_session *
jsonrpc_session_open_unreliably(struct jsonrpc *rpc)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);
    long long int now = time_msec();
    const char *name = jsonrpc_get_name(rpc);

    s->name = xstrdup(name);
    s->reconnect = reconnect_create(now);
    reconnect_set_name(s->reconnect, name);
    reconnect_set_quiet(s->reconnect, true);
    reconnect_set_max_tries(s->reconnect, 0);
    if (!stream_or_pstream_needs_probes(name)) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }
    reconnect_connected(s->reconnect, now);
    s->rpc = rpc;
    return s;
}

/* Drops the connection or connection attempt (not the listener). */
static void
jsonrpc_session_disconnect(struct jsonrpc_session *s)
{
    jsonrpc_close(s->rpc);
    s->rpc = NULL;
    stream_close(s->stream);
    s->stream = NULL;
    s->last_backlog = 0;
}

void
jsonrpc_session_close(struct jsonrpc_session *s)
{
    if (s) {
        jsonrpc_session_disconnect(s);
        pstream_close(s->pstream);
        reconnect_destroy(s->reconnect);
        free(s->name);
        free(s);
    }
}

static void
jsonrpc_session_adopt(struct jsonrpc_session *s, struct stream *stream,
                      long long int now)
{
    s->rpc = jsonrpc_open(stream);
    if (s->max_msg_size) {
        jsonrpc_set_max_msg_size(s->rpc, s->max_msg_size);
    }
    s->last_backlog = 0;
    reconnect_connected(s->reconnect, now);
}

static void
jsonrpc_session_connect(struct jsonrpc_session *s, long long int now)
{
    int error;

    jsonrpc_session_disconnect(s);
    if (!reconnect_is_passive(s->reconnect)) {
        error = stream_open(s->name, &s->stream);
        if (error) {
            reconnect_connect_failed(s->reconnect, now, error);
        } else {
            reconnect_connecting(s->reconnect, now);
        }
    } else if (!s->pstream) {
        error = pstream_open(s->name, &s->pstream);
        if (error) {
            reconnect_listen_error(s->reconnect, now, error);
        } else {
            reconnect_listening(s->reconnect, now);
        }
    } else {
        reconnect_listening(s->reconnect, now);
    }
}

void
jsonrpc_session_run(struct jsonrpc_session *s)
{
    long long int now = time_msec();

    if (s->pstream) {
        struct stream *stream;
        int error = pstream_accept(s->pstream, &stream);

        if (!error) {
            if (s->rpc || s->stream) {
                VLOG_INFO_RL(&rl, "%s: new connection replacing active "
                             "connection", s->name);
                jsonrpc_session_disconnect(s);
                reconnect_disconnected(s->reconnect, now, 0);
            }
            jsonrpc_session_adopt(s, stream, now);
        } else if (error != EAGAIN) {
            VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                         pstream_get_name(s->pstream), ovs_strerror(error));
        }
    }

    if (s->rpc) {
        size_t backlog;
        int error;

        jsonrpc_run(s->rpc);
        backlog = jsonrpc_get_backlog(s->rpc);
        if (backlog < s->last_backlog) {
            /* The peer is reading what we send: it is alive. */
            reconnect_activity(s->reconnect, now);
        }
        s->last_backlog = backlog;

        error = jsonrpc_get_status(s->rpc);
        if (error) {
            reconnect_disconnected(s->reconnect, now, error);
            jsonrpc_session_disconnect(s);
        }
    } else if (s->stream) {
        int error;

        stream_run(s->stream);
        error = stream_connect(s->stream);
        if (!error) {
            struct stream *stream = s->stream;

            s->stream = NULL;
            jsonrpc_session_adopt(s, stream, now);
        } else if (error != EAGAIN) {
            reconnect_connect_failed(s->reconnect, now, error);
            stream_close(s->stream);
            s->stream = NULL;
        }
    }

    switch (reconnect_run(s->reconnect, now)) {
    case RECONNECT_CONNECT:
        jsonrpc_session_connect(s, now);
        break;

    case RECONNECT_DISCONNECT:
        reconnect_disconnected(s->reconnect, now, 0);
        jsonrpc_session_disconnect(s);
        break;

    case RECONNECT_PROBE:
        if (s->rpc) {
            json_t *id = json_string("echo");
            struct jsonrpc_msg *request;

            request = jsonrpc_create_request("echo", json_array(), NULL);
            json_decref(request->id);
            request->id = id;
            jsonrpc_send(s->rpc, request);
        }
        break;

    case RECONNECT_NONE:
    default:
        break;
    }
}

void
jsonrpc_session_wait(struct jsonrpc_session *s)
{
    if (s->pstream) {
        pstream_wait(s->pstream);
    }
    if (s->rpc) {
        jsonrpc_wait(s->rpc);
    } else if (s->stream) {
        stream_run_wait(s->stream);
        stream_connect_wait(s->stream);
    }
    reconnect_wait(s->reconnect, time_msec());
}

size_t
jsonrpc_session_get_backlog(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_backlog(s->rpc) : 0;
}

const char *
jsonrpc_session_get_name(const struct jsonrpc_session *s)
{
    return s->name;
}

int
jsonrpc_session_send(struct jsonrpc_session *s, struct jsonrpc_msg *msg)
{
    if (s->rpc) {
        return jsonrpc_send(s->rpc, msg);
    }
    jsonrpc_msg_destroy(msg);
    return ENOTCONN;
}

static bool
is_echo_reply(const struct jsonrpc_msg *msg)
{
    return (msg->type == JSONRPC_REPLY
            && json_is_string(msg->id)
            && !strcmp(json_string_value(msg->id), "echo"));
}

struct jsonrpc_msg *
jsonrpc_session_recv(struct jsonrpc_session *s)
{
    for (int i = 0; s->rpc && i < SESSION_MAX_INTERNAL_MSGS; i++) {
        unsigned int received = jsonrpc_get_received_bytes(s->rpc);
        struct jsonrpc_msg *msg;
        int error;

        error = jsonrpc_recv(s->rpc, &msg);
        if (received != jsonrpc_get_received_bytes(s->rpc)) {
            reconnect_activity(s->reconnect, time_msec());
        }
        if (error) {
            /* jsonrpc_session_run() handles a broken connection. */
            return NULL;
        }

        if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
            jsonrpc_send(s->rpc, jsonrpc_create_reply(
                             json_incref(msg->params), msg->id));
        } else if (!is_echo_reply(msg)) {
            return msg;
        }
        jsonrpc_msg_destroy(msg);
    }
    return NULL;
}

void
jsonrpc_session_recv_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_recv_wait(s->rpc);
    }
}

bool
jsonrpc_session_is_alive(const struct jsonrpc_session *s)
{
    return (s->rpc || s->stream || s->pstream
            || reconnect_is_enabled(s->reconnect));
}

bool
jsonrpc_session_is_connected(const struct jsonrpc_session *s)
{
    return s->rpc != NULL;
}

unsigned int
jsonrpc_session_get_seqno(const struct jsonrpc_session *s)
{
    return reconnect_get_seqno(s->reconnect);
}

int
jsonrpc_session_get_status(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_status(s->rpc) : 0;
}

int
jsonrpc_session_get_last_error(const struct jsonrpc_session *s)
{
    return reconnect_get_last_error(s->reconnect);
}

void
jsonrpc_session_force_reconnect(struct jsonrpc_session *s)
{
    reconnect_force_reconnect(s->reconnect, time_msec());
}

void
jsonrpc_session_set_probe_interval(struct jsonrpc_session *s, int ms)
{
    reconnect_set_probe_interval(s->reconnect, ms);
}

int
jsonrpc_session_get_probe_interval(const struct jsonrpc_session *s)
{
    return reconnect_get_probe_interval(s->reconnect);
}

void
jsonrpc_session_set_max_backoff(struct jsonrpc_session *s, int ms)
{
    reconnect_set_backoff(s->reconnect,
                          reconnect_get_min_backoff(s->reconnect), ms);
}

void
jsonrpc_session_set_max_msg_size(struct jsonrpc_session *s, size_t max)
{
    s->max_msg_size = max;
    if (s->rpc) {
        jsonrpc_set_max_msg_size(s->rpc, max);
    }
}

void
jsonrpc_session_get_reconnect_stats(const struct jsonrpc_session *s,
                                    struct reconnect_stats *stats)
{
    reconnect_get_stats(s->reconnect, time_msec(), stats);
}

const char *
jsonrpc_session_get_peer(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_peer(s->rpc) : NULL;
}
