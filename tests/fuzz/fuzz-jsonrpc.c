/* fuzz-jsonrpc: libFuzzer target for JSON-RPC input framing and message
 * validation (lib/jsonrpc.c, lib/jsonrpc-session.c).
 *
 * The input is what a hostile peer would write on a connection.  Its
 * first two bytes choose how the bytes are delivered and what limits
 * apply; the rest is the byte stream itself:
 *
 *   byte 0: bits 0-3 seed the chunk sizes the fake stream hands out per
 *           read (1 byte up to everything at once, so messages arrive
 *           split at every possible point); bit 4 makes the stream
 *           sometimes answer "would block" between chunks; bit 5 drives
 *           the connection through a jsonrpc_session (which answers
 *           "echo" itself) instead of a bare struct jsonrpc; bit 6 makes
 *           sends accept only part of the output, so replies pile up in
 *           the backlog.
 *   byte 1: a maximum message size (0: the default; else 1..255 times
 *           64 bytes), to exercise the "message too big" path.
 *
 * The stream is an in-memory struct stream (stream-provider.h), so the
 * real struct jsonrpc code runs unchanged without any system call.
 * Every received message must survive jsonrpc_msg_to_json() ->
 * jsonrpc_msg_from_json() unchanged, and is echoed back through
 * jsonrpc_send() like a server replying.  The whole input (minus the
 * two control bytes) is also parsed directly with jansson and handed to
 * jsonrpc_msg_from_json(). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "jsonrpc.h"
#include "stream-provider.h"
#include "util.h"
#include "vlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An in-memory stream that reads from the fuzz input. */
struct mem_stream {
    struct stream up;
    const uint8_t *data;
    size_t size;
    size_t ofs;
    uint32_t rng;               /* Chunk-size generator state. */
    uint8_t max_chunk_shift;    /* Chunks are 1..(1 << shift) bytes. */
    bool eagain;                /* Sometimes report "would block". */
    bool again_pending;         /* Next recv returns -EAGAIN. */
    bool short_sends;           /* Accept only part of each send. */
    size_t sent;                /* Bytes accepted by send. */
};

static uint32_t
next_rand(struct mem_stream *s)
{
    /* xorshift32: deterministic for a given input. */
    uint32_t x = s->rng;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s->rng = x;
    return x;
}

static struct mem_stream *
mem_stream_cast(struct stream *stream)
{
    return CONTAINER_OF(stream, struct mem_stream, up);
}

static void
mem_stream_close(struct stream *stream)
{
    free(mem_stream_cast(stream));
}

static ssize_t
mem_stream_recv(struct stream *stream, void *buffer, size_t n)
{
    struct mem_stream *s = mem_stream_cast(stream);
    size_t chunk;

    if (s->again_pending) {
        s->again_pending = false;
        return -EAGAIN;
    }
    if (s->ofs >= s->size) {
        return 0;
    }
    chunk = 1 + next_rand(s) % (1u << s->max_chunk_shift);
    chunk = MIN(chunk, MIN(n, s->size - s->ofs));
    memcpy(buffer, s->data + s->ofs, chunk);
    s->ofs += chunk;
    if (s->eagain && next_rand(s) % 4 == 0) {
        s->again_pending = true;
    }
    return chunk;
}

static ssize_t
mem_stream_send(struct stream *stream, const void *buffer, size_t n)
{
    struct mem_stream *s = mem_stream_cast(stream);

    (void) buffer;
    if (s->short_sends) {
        if (next_rand(s) % 3 == 0) {
            return -EAGAIN;
        }
        n = MIN(n, 1 + next_rand(s) % 64);
    }
    s->sent += n;
    return n;
}

static void
mem_stream_wait(struct stream *stream, enum stream_wait_type type)
{
    (void) stream;
    (void) type;
}

static const struct stream_class mem_stream_class = {
    .name = "fuzz",
    .needs_probes = false,
    .open = NULL,
    .close = mem_stream_close,
    .connect = NULL,
    .recv = mem_stream_recv,
    .send = mem_stream_send,
    .run = NULL,
    .run_wait = NULL,
    .wait = mem_stream_wait,
};

/* Checks that MSG survives conversion to JSON and back. */
static void
check_round_trip(const struct jsonrpc_msg *msg)
{
    json_t *json = jsonrpc_msg_to_json(msg);
    json_t *copy = json_deep_copy(json);
    struct jsonrpc_msg *msg2;
    char *error;
    char *s;

    error = jsonrpc_msg_from_json(copy, &msg2);
    if (error) {
        fprintf(stderr, "received message does not round trip: %s\n",
                error);
        abort();
    }
    if (msg2->type != msg->type) {
        fprintf(stderr, "round trip changed type %s to %s\n",
                jsonrpc_msg_type_to_string(msg->type),
                jsonrpc_msg_type_to_string(msg2->type));
        abort();
    }
    json_t *json2 = jsonrpc_msg_to_json(msg2);
    if (!json_equal(json, json2)) {
        fprintf(stderr, "round trip changed the message\n");
        abort();
    }
    json_decref(json2);
    jsonrpc_msg_destroy(msg2);
    json_decref(json);

    s = jsonrpc_msg_to_string(msg);
    free(s);
}

/* Answers MSG (borrowed) the way a server would, to exercise output. */
static struct jsonrpc_msg *
make_answer(const struct jsonrpc_msg *msg)
{
    switch (msg->type) {
    case JSONRPC_REQUEST:
        return jsonrpc_create_reply(json_incref(msg->params), msg->id);
    case JSONRPC_NOTIFY:
        return jsonrpc_create_notify(msg->method, json_incref(msg->params));
    case JSONRPC_REPLY:
    case JSONRPC_ERROR:
    default:
        return jsonrpc_create_error(json_string("unexpected"), msg->id);
    }
}

static void
fuzz_connection(const uint8_t *data, size_t size, uint8_t ctl,
                size_t max_msg_size)
{
    struct mem_stream *s = xzalloc(sizeof *s);
    struct jsonrpc_session *session = NULL;
    struct jsonrpc *rpc;
    int iterations;

    stream_init(&s->up, &mem_stream_class, 0, "fuzz:input", NULL);
    s->data = data;
    s->size = size;
    s->rng = 0x9e3779b9u ^ (ctl * 0x01000193u);
    s->max_chunk_shift = ctl & 0x0f;
    s->eagain = ctl & 0x10;
    s->short_sends = ctl & 0x40;

    rpc = jsonrpc_open(&s->up);
    jsonrpc_set_max_msg_size(rpc, max_msg_size);
    if (ctl & 0x20) {
        session = jsonrpc_session_open_unreliably(rpc);
    }

    /* Every byte is consumed in at most SIZE reads, each followed by at
     * most one EAGAIN; the bound only guards against a wedged reader. */
    for (iterations = 0; iterations < 4 * (int) size + 64; iterations++) {
        struct jsonrpc_msg *msg;
        int error;

        if (session) {
            jsonrpc_session_run(session);
            if (!jsonrpc_session_is_alive(session)
                || !jsonrpc_session_is_connected(session)) {
                break;
            }
            msg = jsonrpc_session_recv(session);
            if (!msg) {
                if (jsonrpc_session_get_status(session)) {
                    break;
                }
                continue;
            }
            error = 0;
        } else {
            jsonrpc_run(rpc);
            error = jsonrpc_recv(rpc, &msg);
            if (error == EAGAIN) {
                continue;
            } else if (error) {
                if (msg) {
                    fprintf(stderr, "jsonrpc_recv() returned %d with a "
                            "message\n", error);
                    abort();
                }
                break;
            }
        }

        check_round_trip(msg);
        if (session) {
            jsonrpc_session_send(session, make_answer(msg));
            (void) jsonrpc_session_get_backlog(session);
        } else {
            jsonrpc_send(rpc, make_answer(msg));
            (void) jsonrpc_get_backlog(rpc);
        }
        jsonrpc_msg_destroy(msg);
    }
    if (!session && !jsonrpc_get_status(rpc)) {
        /* The input ends with EOF, so the connection must have ended. */
        fprintf(stderr, "reader wedged at byte %zu of %zu\n", s->ofs,
                s->size);
        abort();
    }

    if (session) {
        jsonrpc_session_close(session);
    } else {
        jsonrpc_close(rpc);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool initialized;
    size_t max_msg_size;
    json_error_t jerror;
    uint8_t ctl;
    json_t *json;

    if (!initialized) {
        /* Protocol errors are logged; keep the fuzzer's output quiet. */
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
        initialized = true;
    }
    if (size < 2) {
        return 0;
    }
    ctl = data[0];
    max_msg_size = data[1] * 64;
    data += 2;
    size -= 2;

    fuzz_connection(data, size, ctl, max_msg_size);

    /* The same bytes as one JSON text, straight to the message
     * validator. */
    json = json_loadb((const char *) data, size, 0, &jerror);
    if (json) {
        struct jsonrpc_msg *msg;
        char *error = jsonrpc_msg_from_json(json, &msg);

        if (error) {
            free(error);
        } else {
            check_round_trip(msg);
            jsonrpc_msg_destroy(msg);
        }
    }
    return 0;
}
