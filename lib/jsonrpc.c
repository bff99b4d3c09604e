/* jsonrpc: JSON-RPC 1.0 messages and connections (see jsonrpc.h).
 * Sessions with reconnection live in jsonrpc-session.c.
 *
 * Input framing.  Messages are JSON objects written back to back.  Bytes
 * are read in large chunks into one buffer per connection and a small
 * scanner walks them once, tracking string/escape state and nesting
 * depth, to find where each top-level object ends; only then is exactly
 * that byte range handed to jansson.  The scanner resumes where it
 * stopped, so a message arriving in many pieces is scanned once, not
 * once per piece.  The first non-blank byte of a message must be '{'
 * (anything else can never become a valid message), the nesting depth is
 * capped at JSONRPC_MAX_DEPTH and the size at the configured maximum, so
 * a peer can neither make us buffer without bound nor recurse deeply.
 * Any violation, invalid JSON or UTF-8 (jansson checks), or a message
 * that is not valid JSON-RPC puts the connection in error status EPROTO
 * with a rate-limited log line naming the peer.
 *
 * Output.  Messages are serialised compactly, in OVS's member order
 * ("id" first), straight into a queue of buffers; jsonrpc_run() writes
 * as much as the stream accepts and jsonrpc_get_backlog() reports what
 * is left. */
#include "jsonrpc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "list.h"
#include "poll-loop.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);

/* Bytes requested from the stream per read. */
#define JSONRPC_READ_CHUNK (64 * 1024)
/* Output messages are appended to the last queued buffer while it is
 * smaller than this, so small messages share one send(). */
#define JSONRPC_OUTPUT_COALESCE (64 * 1024)
/* Reads attempted by one jsonrpc_recv() before yielding. */
#define JSONRPC_MAX_READS 16

/* Messages. */

const char *
jsonrpc_msg_type_to_string(enum jsonrpc_msg_type type)
{
    switch (type) {
    case JSONRPC_REQUEST: return "request";
    case JSONRPC_NOTIFY: return "notification";
    case JSONRPC_REPLY: return "reply";
    case JSONRPC_ERROR: return "error";
    }
    return "(unknown)";
}

static struct jsonrpc_msg *
jsonrpc_msg_create(enum jsonrpc_msg_type type, const char *method,
                   json_t *params, json_t *result, json_t *error,
                   json_t *id)
{
    struct jsonrpc_msg *msg = xmalloc(sizeof *msg);

    msg->type = type;
    msg->method = nullable_xstrdup(method);
    msg->params = params;
    msg->result = result;
    msg->error = error;
    msg->id = id;
    return msg;
}

static json_t *
jsonrpc_create_id(void)
{
    static unsigned long long int next_id;
    unsigned long long int id = __atomic_fetch_add(&next_id, 1,
                                                   __ATOMIC_RELAXED);

    return json_integer((json_int_t) (id & 0x7fffffffffffffffULL));
}

struct jsonrpc_msg *
jsonrpc_create_request(const char *method, json_t *params, json_t **idp)
{
    json_t *id = jsonrpc_create_id();

    if (idp) {
        *idp = json_incref(id);
    }
    return jsonrpc_msg_create(JSONRPC_REQUEST, method,
                              params ? params : json_array(),
                              NULL, NULL, id);
}

struct jsonrpc_msg *
jsonrpc_create_notify(const char *method, json_t *params)
{
    return jsonrpc_msg_create(JSONRPC_NOTIFY, method,
                              params ? params : json_array(),
                              NULL, NULL, json_null());
}

struct jsonrpc_msg *
jsonrpc_create_reply(json_t *result, const json_t *request_id)
{
    return jsonrpc_msg_create(JSONRPC_REPLY, NULL, NULL,
                              result ? result : json_null(), NULL,
                              json_deep_copy(request_id));
}

struct jsonrpc_msg *
jsonrpc_create_error(json_t *error, const json_t *request_id)
{
    return jsonrpc_msg_create(JSONRPC_ERROR, NULL, NULL, NULL,
                              error ? error : json_string("error"),
                              request_id ? json_deep_copy(request_id)
                                         : json_null());
}

void
jsonrpc_msg_destroy(struct jsonrpc_msg *msg)
{
    if (msg) {
        free(msg->method);
        json_decref(msg->params);
        json_decref(msg->result);
        json_decref(msg->error);
        json_decref(msg->id);
        free(msg);
    }
}

static bool
is_null_or_absent(const json_t *json)
{
    return !json || json_is_null(json);
}

/* Checks JSON (borrowed) as a JSON-RPC message; returns its type or an
 * error message (caller frees) through *ERRORP. */
static enum jsonrpc_msg_type
classify_msg(const json_t *json, char **errorp)
{
    const json_t *method = json_object_get(json, "method");
    const json_t *params = json_object_get(json, "params");
    const json_t *result = json_object_get(json, "result");
    const json_t *error = json_object_get(json, "error");
    const json_t *id = json_object_get(json, "id");
    const char *key;
    json_t *value;

    *errorp = NULL;
    json_object_foreach ((json_t *) json, key, value) {
        if (strcmp(key, "method") && strcmp(key, "params")
            && strcmp(key, "result") && strcmp(key, "error")
            && strcmp(key, "id")) {
            *errorp = xasprintf("message has unexpected member \"%s\"",
                                key);
            return JSONRPC_REQUEST;
        }
    }

    if (method) {
        if (!json_is_string(method)) {
            *errorp = xstrdup("\"method\" must be JSON string");
        } else if (!params || !json_is_array(params)) {
            *errorp = xstrdup("\"params\" must be JSON array");
        } else if (!is_null_or_absent(result)
                   || !is_null_or_absent(error)) {
            *errorp = xstrdup("request or notification must not have "
                              "\"result\" or \"error\"");
        }
        return is_null_or_absent(id) ? JSONRPC_NOTIFY : JSONRPC_REQUEST;
    }

    if (params) {
        *errorp = xstrdup("reply must not have \"params\"");
    } else if (!result && is_null_or_absent(error)) {
        *errorp = xstrdup("message is not a JSON-RPC request, "
                          "notification, reply or error");
    } else if (!id) {
        *errorp = xstrdup("reply or error lacks \"id\"");
    } else if (!is_null_or_absent(error)) {
        if (!is_null_or_absent(result)) {
            *errorp = xstrdup("message has both \"result\" and "
                              "\"error\"");
        }
        return JSONRPC_ERROR;
    } else if (json_is_null(id)) {
        *errorp = xstrdup("reply has null \"id\"");
    }
    return JSONRPC_REPLY;
}

static json_t *
take_member(json_t *json, const char *key)
{
    json_t *value = json_object_get(json, key);

    return value ? json_incref(value) : NULL;
}

char *
jsonrpc_msg_from_json(json_t *json, struct jsonrpc_msg **msgp)
{
    enum jsonrpc_msg_type type;
    struct jsonrpc_msg *msg;
    json_t *method;
    char *error;

    *msgp = NULL;
    if (!json_is_object(json)) {
        json_decref(json);
        return xstrdup("message is not a JSON object");
    }
    type = classify_msg(json, &error);
    if (error) {
        json_decref(json);
        return error;
    }

    method = json_object_get(json, "method");
    msg = jsonrpc_msg_create(type, method ? json_string_value(method) : NULL,
                             NULL, NULL, NULL, NULL);
    switch (type) {
    case JSONRPC_REQUEST:
        msg->params = take_member(json, "params");
        msg->id = take_member(json, "id");
        break;
    case JSONRPC_NOTIFY:
        msg->params = take_member(json, "params");
        msg->id = json_null();
        break;
    case JSONRPC_REPLY:
        msg->result = take_member(json, "result");
        msg->id = take_member(json, "id");
        break;
    case JSONRPC_ERROR:
        msg->error = take_member(json, "error");
        msg->id = take_member(json, "id");
        break;
    }
    json_decref(json);
    *msgp = msg;
    return NULL;
}

static void
set_member(json_t *object, const char *key, const json_t *value)
{
    json_object_set_new(object, key,
                        value ? json_incref((json_t *) value)
                              : json_null());
}

json_t *
jsonrpc_msg_to_json(const struct jsonrpc_msg *msg)
{
    json_t *json = json_object();

    /* Member order as OVS writes it: "id" first. */
    set_member(json, "id", msg->type == JSONRPC_NOTIFY ? NULL : msg->id);
    switch (msg->type) {
    case JSONRPC_REQUEST:
    case JSONRPC_NOTIFY:
        json_object_set_new(json, "method",
                            json_string(msg->method ? msg->method : ""));
        set_member(json, "params", msg->params);
        break;
    case JSONRPC_REPLY:
        set_member(json, "result", msg->result);
        json_object_set_new(json, "error", json_null());
        break;
    case JSONRPC_ERROR:
        set_member(json, "error", msg->error);
        break;
    }
    return json;
}

char *
jsonrpc_msg_to_string(const struct jsonrpc_msg *msg)
{
    json_t *json = jsonrpc_msg_to_json(msg);
    char *s = json_dumps(json, JSON_COMPACT | JSON_PRESERVE_ORDER);

    json_decref(json);
    return s ? s : xstrdup("(unprintable)");
}

/* Connections. */

struct output_buf {
    struct ovs_list node;       /* In jsonrpc->output. */
    char *data;
    size_t ofs;                 /* Bytes already sent. */
    size_t len;                 /* Bytes queued. */
    size_t alloc;
};

struct jsonrpc {
    struct stream *stream;
    char *name;
    int status;                 /* 0, or the error that ended it all. */

    /* Input: bytes [istart, iend) of ibuf are unconsumed; the scanner
     * has looked at [istart, iscan). */
    char *ibuf;
    size_t ialloc;
    size_t istart, iscan, iend;
    bool in_msg;                /* Scanner is inside a message... */
    size_t msg_start;           /* ...that starts here. */
    int depth;                  /* Open braces and brackets. */
    uint64_t brackets[(JSONRPC_MAX_DEPTH + 64) / 64]; /* Bit N set: the
                                 * bracket open at depth N is '['. */
    bool in_string;             /* Inside a string literal. */
    bool escape;                /* Previous byte was a backslash in one. */
    size_t max_msg_size;
    unsigned int received_bytes;

    /* Output. */
    struct ovs_list output;     /* struct output_buf, oldest first. */
    size_t backlog;             /* Bytes queued and not yet sent. */
    struct output_buf *spare;   /* Recycled buffer, or NULL. */
};

struct jsonrpc *
jsonrpc_open(struct stream *stream)
{
    struct jsonrpc *rpc = xzalloc(sizeof *rpc);

    rpc->stream = stream;
    rpc->name = xstrdup(stream_get_name(stream));
    rpc->max_msg_size = JSONRPC_DEFAULT_MAX_MSG_SIZE;
    ovs_list_init(&rpc->output);
    return rpc;
}

static void
free_output_buf(struct output_buf *buf)
{
    if (buf) {
        free(buf->data);
        free(buf);
    }
}

static void
jsonrpc_clear_output(struct jsonrpc *rpc)
{
    while (!ovs_list_is_empty(&rpc->output)) {
        struct output_buf *buf;

        ASSIGN_CONTAINER(buf, ovs_list_pop_front(&rpc->output), node);
        free_output_buf(buf);
    }
    rpc->backlog = 0;
}

void
jsonrpc_close(struct jsonrpc *rpc)
{
    if (rpc) {
        stream_close(rpc->stream);
        jsonrpc_clear_output(rpc);
        free_output_buf(rpc->spare);
        free(rpc->ibuf);
        free(rpc->name);
        free(rpc);
    }
}

void
jsonrpc_set_max_msg_size(struct jsonrpc *rpc, size_t max)
{
    rpc->max_msg_size = max ? max : JSONRPC_DEFAULT_MAX_MSG_SIZE;
}

static void
jsonrpc_error(struct jsonrpc *rpc, int error)
{
    if (!rpc->status) {
        rpc->status = error;
        jsonrpc_clear_output(rpc);
    }
}

void
jsonrpc_run(struct jsonrpc *rpc)
{
    if (rpc->status) {
        return;
    }

    stream_run(rpc->stream);
    while (!ovs_list_is_empty(&rpc->output)) {
        struct output_buf *buf;
        ssize_t n;

        ASSIGN_CONTAINER(buf, ovs_list_front(&rpc->output), node);
        n = stream_send(rpc->stream, buf->data + buf->ofs,
                        buf->len - buf->ofs);
        if (n > 0) {
            buf->ofs += n;
            rpc->backlog -= n;
            if (buf->ofs >= buf->len) {
                ovs_list_remove(&buf->node);
                if (!rpc->spare && buf->alloc <= 4 * JSONRPC_OUTPUT_COALESCE) {
                    rpc->spare = buf;
                } else {
                    free_output_buf(buf);
                }
            }
        } else if (n == -EAGAIN) {
            break;
        } else {
            int error = n ? (int) -n : EPROTO;

            VLOG_WARN_RL(&rl, "%s: send error: %s", rpc->name,
                         ovs_strerror(error));
            jsonrpc_error(rpc, error);
            break;
        }
    }
}

void
jsonrpc_wait(struct jsonrpc *rpc)
{
    if (!rpc->status) {
        stream_run_wait(rpc->stream);
        if (!ovs_list_is_empty(&rpc->output)) {
            stream_send_wait(rpc->stream);
        }
    }
}

int
jsonrpc_get_status(const struct jsonrpc *rpc)
{
    return rpc->status;
}

size_t
jsonrpc_get_backlog(const struct jsonrpc *rpc)
{
    return rpc->status ? 0 : rpc->backlog;
}

unsigned int
jsonrpc_get_received_bytes(const struct jsonrpc *rpc)
{
    return rpc->received_bytes;
}

const char *
jsonrpc_get_name(const struct jsonrpc *rpc)
{
    return rpc->name;
}

const char *
jsonrpc_get_peer(const struct jsonrpc *rpc)
{
    return stream_get_peer(rpc->stream);
}

static void
jsonrpc_log_msg(const struct jsonrpc *rpc, const char *title,
                const struct jsonrpc_msg *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        char *s = jsonrpc_msg_to_string(msg);

        VLOG_DBG("%s: %s %s: %s", rpc->name, title,
                 jsonrpc_msg_type_to_string(msg->type), s);
        free(s);
    }
}

/* json_dump_callback() sink appending to a struct output_buf. */
static int
append_output(const char *data, size_t size, void *buf_)
{
    struct output_buf *buf = buf_;

    if (buf->alloc - buf->len < size) {
        size_t need = buf->len + size;
        size_t alloc = MAX(buf->alloc * 2, 4096);

        while (alloc < need) {
            alloc *= 2;
        }
        buf->data = xrealloc(buf->data, alloc);
        buf->alloc = alloc;
    }
    memcpy(buf->data + buf->len, data, size);
    buf->len += size;
    return 0;
}

int
jsonrpc_send(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    struct output_buf *buf;
    bool was_empty;
    size_t before;
    json_t *json;

    if (rpc->status) {
        jsonrpc_msg_destroy(msg);
        return rpc->status;
    }

    jsonrpc_log_msg(rpc, "send", msg);
    json = jsonrpc_msg_to_json(msg);
    jsonrpc_msg_destroy(msg);

    was_empty = ovs_list_is_empty(&rpc->output);
    if (!was_empty) {
        ASSIGN_CONTAINER(buf, ovs_list_back(&rpc->output), node);
    }
    if (was_empty || buf->len >= JSONRPC_OUTPUT_COALESCE) {
        buf = rpc->spare;
        rpc->spare = NULL;
        if (!buf) {
            buf = xzalloc(sizeof *buf);
        }
        buf->ofs = buf->len = 0;
        ovs_list_push_back(&rpc->output, &buf->node);
    }

    before = buf->len;
    json_dump_callback(json, append_output, buf,
                       JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(json);
    rpc->backlog += buf->len - before;

    if (was_empty) {
        jsonrpc_run(rpc);
    }
    return rpc->status;
}

/* Reports a protocol violation by the peer. */
static void OVS_PRINTF_FORMAT(2, 3)
jsonrpc_protocol_error(struct jsonrpc *rpc, const char *format, ...)
{
    va_list args;
    char *msg;

    va_start(args, format);
    msg = xvasprintf(format, args);
    va_end(args);
    VLOG_WARN_RL(&rl, "%s: %s", rpc->name, msg);
    free(msg);
    jsonrpc_error(rpc, EPROTO);
}

enum scan_result {
    SCAN_NEED_MORE,             /* Everything scanned, no complete msg. */
    SCAN_COMPLETE,              /* [msg_start, iscan) is one message. */
    SCAN_ERROR                  /* Protocol error (status set). */
};

/* Records whether the bracket opened at DEPTH is '[' (else '{'). */
static void
bracket_set(uint64_t *bits, int depth, bool is_array)
{
    uint64_t bit = UINT64_C(1) << (depth % 64);
    if (is_array) {
        bits[depth / 64] |= bit;
    } else {
        bits[depth / 64] &= ~bit;
    }
}

static bool
bracket_is_array(const uint64_t *bits, int depth)
{
    return (bits[depth / 64] >> (depth % 64)) & 1;
}

/* Advances the scanner over the buffered input. */
static enum scan_result
jsonrpc_scan(struct jsonrpc *rpc)
{
    const unsigned char *buf = (const unsigned char *) rpc->ibuf;
    size_t p = rpc->iscan;
    size_t end = rpc->iend;

    while (p < end) {
        unsigned char c;

        if (!rpc->in_msg) {
            /* Between messages: skip blanks, then expect '{'. */
            c = buf[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                rpc->istart = ++p;
                continue;
            }
            if (c != '{') {
                rpc->iscan = p;
                jsonrpc_protocol_error(rpc, "received bad JSON-RPC "
                                       "message: %s",
                                       c == '[' ? "message is a JSON array,"
                                       " not an object"
                                       : "message is not a JSON object");
                return SCAN_ERROR;
            }
            rpc->in_msg = true;
            rpc->msg_start = p++;
            rpc->depth = 1;
            bracket_set(rpc->brackets, 1, false);
            rpc->in_string = rpc->escape = false;
            continue;
        }

        if (rpc->in_string) {
            /* Skip ordinary string bytes quickly. */
            while (p < end && buf[p] != '"' && buf[p] != '\\'
                   && !rpc->escape) {
                p++;
            }
            if (p >= end) {
                break;
            }
            c = buf[p++];
            if (rpc->escape) {
                rpc->escape = false;
            } else if (c == '\\') {
                rpc->escape = true;
            } else {
                rpc->in_string = false;
            }
            continue;
        }

        c = buf[p++];
        switch (c) {
        case '"':
            rpc->in_string = true;
            break;
        case '{':
        case '[':
            if (++rpc->depth > JSONRPC_MAX_DEPTH) {
                rpc->iscan = p;
                jsonrpc_protocol_error(rpc, "received bad JSON-RPC "
                                       "message: nesting deeper than %d",
                                       JSONRPC_MAX_DEPTH);
                return SCAN_ERROR;
            }
            bracket_set(rpc->brackets, rpc->depth, c == '[');
            break;
        case '}':
        case ']':
            if (bracket_is_array(rpc->brackets, rpc->depth) != (c == ']')) {
                /* e.g. {"x":[} can never become valid: fail now rather
                 * than waiting for input up to the size limit. */
                rpc->iscan = p;
                jsonrpc_protocol_error(rpc, "received bad JSON-RPC "
                                       "message: mismatched '%c'", c);
                return SCAN_ERROR;
            }
            if (--rpc->depth == 0) {
                rpc->iscan = p;
                if (p - rpc->msg_start > rpc->max_msg_size) {
                    goto too_big;
                }
                return SCAN_COMPLETE;
            }
            break;
        default:
            break;
        }
    }

    rpc->iscan = p;
    if (rpc->in_msg && p - rpc->msg_start > rpc->max_msg_size) {
        goto too_big;
    }
    return SCAN_NEED_MORE;

too_big:
    jsonrpc_protocol_error(rpc, "received bad JSON-RPC message: message "
                           "exceeds maximum size of %zu bytes",
                           rpc->max_msg_size);
    return SCAN_ERROR;
}

/* Parses the complete message the scanner found.  Returns 0 with *MSGP
 * set or EPROTO. */
static int
jsonrpc_parse_msg(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    size_t len = rpc->iscan - rpc->msg_start;
    json_error_t jerror;
    json_t *json;
    char *error;

    json = json_loadb(rpc->ibuf + rpc->msg_start, len, 0, &jerror);
    rpc->istart = rpc->iscan;
    rpc->in_msg = false;
    if (!json) {
        jsonrpc_protocol_error(rpc, "error parsing stream: %s (at byte %d "
                               "of the message)", jerror.text,
                               jerror.position);
        return EPROTO;
    }

    error = jsonrpc_msg_from_json(json, msgp);
    if (error) {
        jsonrpc_protocol_error(rpc, "received bad JSON-RPC message: %s",
                               error);
        free(error);
        return EPROTO;
    }
    jsonrpc_log_msg(rpc, "received", *msgp);
    return 0;
}

/* Makes room for at least JSONRPC_READ_CHUNK bytes after iend. */
static void
jsonrpc_make_room(struct jsonrpc *rpc)
{
    if (rpc->istart == rpc->iend && rpc->ialloc > 4 * JSONRPC_READ_CHUNK) {
        /* A big message went through: give its memory back. */
        free(rpc->ibuf);
        rpc->ibuf = NULL;
        rpc->ialloc = 0;
        rpc->istart = rpc->iscan = rpc->iend = 0;
    }
    if (rpc->ialloc - rpc->iend >= JSONRPC_READ_CHUNK) {
        return;
    }
    if (rpc->istart > 0) {
        size_t shift = rpc->istart;

        memmove(rpc->ibuf, rpc->ibuf + shift, rpc->iend - shift);
        rpc->iend -= shift;
        rpc->iscan -= shift;
        rpc->msg_start -= rpc->in_msg ? shift : 0;
        rpc->istart = 0;
    }
    if (rpc->ialloc - rpc->iend < JSONRPC_READ_CHUNK) {
        size_t alloc = MAX(rpc->ialloc * 2, 2 * JSONRPC_READ_CHUNK);

        while (alloc - rpc->iend < JSONRPC_READ_CHUNK) {
            alloc *= 2;
        }
        rpc->ibuf = xrealloc(rpc->ibuf, alloc);
        rpc->ialloc = alloc;
    }
}

int
jsonrpc_recv(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    *msgp = NULL;
    if (rpc->status) {
        return rpc->status;
    }

    for (int i = 0; i < JSONRPC_MAX_READS; i++) {
        ssize_t n;

        switch (jsonrpc_scan(rpc)) {
        case SCAN_COMPLETE:
            return jsonrpc_parse_msg(rpc, msgp);
        case SCAN_ERROR:
            return rpc->status;
        case SCAN_NEED_MORE:
            break;
        }

        jsonrpc_make_room(rpc);
        n = stream_recv(rpc->stream, rpc->ibuf + rpc->iend,
                        rpc->ialloc - rpc->iend);
        if (n > 0) {
            rpc->iend += n;
            rpc->received_bytes += n;
        } else if (n == -EAGAIN) {
            return EAGAIN;
        } else if (n == 0) {
            if (rpc->in_msg) {
                jsonrpc_protocol_error(rpc, "connection closed in the "
                                       "middle of a message (%zu bytes "
                                       "received)",
                                       rpc->iend - rpc->msg_start);
            } else {
                jsonrpc_error(rpc, EOF);
            }
            return rpc->status;
        } else {
            VLOG_WARN_RL(&rl, "%s: receive error: %s", rpc->name,
                         ovs_strerror(-n));
            jsonrpc_error(rpc, -n);
            return rpc->status;
        }
    }
    return EAGAIN;
}

void
jsonrpc_recv_wait(struct jsonrpc *rpc)
{
    if (rpc->status || rpc->iscan < rpc->iend) {
        /* An error to report, or input not yet looked at. */
        poll_immediate_wake();
    } else {
        stream_recv_wait(rpc->stream);
    }
}

int
jsonrpc_send_block(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    int error = jsonrpc_send(rpc, msg);

    if (error) {
        return error;
    }
    for (;;) {
        jsonrpc_run(rpc);
        if (rpc->status || ovs_list_is_empty(&rpc->output)) {
            return rpc->status;
        }
        jsonrpc_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_recv_block(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    for (;;) {
        int error = jsonrpc_recv(rpc, msgp);

        if (error != EAGAIN) {
            return error;
        }
        jsonrpc_run(rpc);
        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_transact_block(struct jsonrpc *rpc, struct jsonrpc_msg *request,
                       struct jsonrpc_msg **replyp)
{
    json_t *id = json_incref(request->id);
    int error;

    *replyp = NULL;
    error = jsonrpc_send_block(rpc, request);
    while (!error) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv_block(rpc, &msg);
        if (error) {
            break;
        }
        if ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
            && json_equal(msg->id, id)) {
            *replyp = msg;
            break;
        }
        if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
            error = jsonrpc_send(rpc, jsonrpc_create_reply(
                                     json_incref(msg->params), msg->id));
        }
        jsonrpc_msg_destroy(msg);
    }
    json_decref(id);
    return error;
}
