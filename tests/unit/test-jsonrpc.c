/* Unit tests for lib/jsonrpc: JSON-RPC 1.0 message validation, the wire
 * format we send, incremental framing of concatenated objects, and the
 * limits that keep a hostile peer from crashing a server or making it
 * buffer without bound.  Connections run over real sockets (a socketpair
 * whose far end the test writes raw bytes to, and unix sockets for
 * sessions). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ds.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "stream-provider.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

static char *tmp_dir;

/* A jsonrpc on one end of a socketpair; the test owns the other end. */
struct pair {
    struct jsonrpc *rpc;
    int peer;
};

static void
open_pair(struct pair *p)
{
    struct stream *stream;
    int fds[2];

    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    set_nonblocking(fds[0]);
    assert_int_equal(new_fd_stream("test-peer", fds[0], 0, NULL, &stream),
                     0);
    p->rpc = jsonrpc_open(stream);
    p->peer = fds[1];
}

static void
close_pair(struct pair *p)
{
    jsonrpc_close(p->rpc);
    if (p->peer >= 0) {
        close(p->peer);
    }
}

static void
peer_write(struct pair *p, const void *data, size_t n)
{
    assert_int_equal(write_fully(p->peer, data, n), 0);
}

static void
peer_write_str(struct pair *p, const char *s)
{
    peer_write(p, s, strlen(s));
}

/* Reads everything the jsonrpc side sent (after flushing it). */
static char *
peer_read_all(struct pair *p)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    char buf[4096];

    jsonrpc_run(p->rpc);
    for (;;) {
        struct pollfd pfd = { .fd = p->peer, .events = POLLIN };
        ssize_t n;

        if (poll(&pfd, 1, 0) <= 0) {
            break;
        }
        n = read(p->peer, buf, sizeof buf);
        if (n <= 0) {
            break;
        }
        ds_put_buffer(&ds, buf, n);
    }
    return ds_steal_cstr(&ds);
}

/* Message validation. */

struct validation_case {
    const char *json;
    int type;                   /* enum jsonrpc_msg_type, or -1 = error. */
    const char *error;          /* Substring of the error, if invalid. */
};

static const struct validation_case validation_cases[] = {
    { "{\"method\":\"echo\",\"params\":[],\"id\":0}", JSONRPC_REQUEST, NULL },
    { "{\"method\":\"echo\",\"params\":[1],\"id\":\"echo\"}",
      JSONRPC_REQUEST, NULL },
    { "{\"method\":\"update\",\"params\":[null,{}],\"id\":null}",
      JSONRPC_NOTIFY, NULL },
    { "{\"method\":\"update\",\"params\":[]}", JSONRPC_NOTIFY, NULL },
    { "{\"id\":3,\"result\":[\"Open_vSwitch\"],\"error\":null}",
      JSONRPC_REPLY, NULL },
    { "{\"id\":3,\"result\":{}}", JSONRPC_REPLY, NULL },
    { "{\"id\":3,\"result\":null,\"error\":null}", JSONRPC_REPLY, NULL },
    { "{\"id\":7,\"error\":\"unknown method\"}", JSONRPC_ERROR, NULL },
    { "{\"id\":null,\"error\":{\"error\":\"x\"},\"result\":null}",
      JSONRPC_ERROR, NULL },
    { "{\"method\":\"echo\",\"params\":{},\"id\":0}", -1,
      "\"params\" must be JSON array" },
    { "{\"method\":\"echo\",\"id\":0}", -1, "\"params\" must be JSON array" },
    { "{\"method\":5,\"params\":[],\"id\":0}", -1,
      "\"method\" must be JSON string" },
    { "{\"method\":\"x\",\"params\":[],\"id\":0,\"result\":1}", -1,
      "must not have" },
    { "{\"id\":1,\"result\":1,\"error\":\"e\"}", -1,
      "both \"result\" and \"error\"" },
    { "{\"result\":1,\"error\":null}", -1, "lacks \"id\"" },
    { "{\"id\":null,\"result\":1,\"error\":null}", -1, "null \"id\"" },
    { "{\"id\":1}", -1, "not a JSON-RPC" },
    { "{\"id\":1,\"error\":null}", -1, "not a JSON-RPC" },
    { "{}", -1, "not a JSON-RPC" },
    { "{\"id\":1,\"result\":1,\"params\":[]}", -1, "\"params\"" },
    { "{\"method\":\"x\",\"params\":[],\"id\":0,\"extra\":1}", -1,
      "unexpected member \"extra\"" },
    { "[1,2]", -1, "not a JSON object" },
    { "\"method\"", -1, "not a JSON object" },
};

static void
test_msg_validation(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(validation_cases); i++) {
        const struct validation_case *c = &validation_cases[i];
        json_t *json = json_loads(c->json, JSON_DECODE_ANY, NULL);
        struct jsonrpc_msg *msg;
        char *error;

        assert_non_null(json);
        error = jsonrpc_msg_from_json(json, &msg);
        if (c->type < 0) {
            if (!error) {
                fail_msg("accepted invalid message %s", c->json);
            }
            if (!strstr(error, c->error)) {
                fail_msg("%s: error \"%s\" lacks \"%s\"", c->json, error,
                         c->error);
            }
            assert_null(msg);
            free(error);
        } else {
            if (error) {
                fail_msg("rejected %s: %s", c->json, error);
            }
            assert_int_equal(msg->type, c->type);
            jsonrpc_msg_destroy(msg);
        }
    }
}

static void
test_msg_round_trip(void **state OVS_UNUSED)
{
    json_t *id = NULL;
    struct jsonrpc_msg *msg;
    char *s;

    msg = jsonrpc_create_request("transact", json_pack("[s]", "db"), &id);
    assert_true(json_is_integer(id));
    assert_true(json_equal(id, msg->id));
    assert_string_equal(jsonrpc_msg_type_to_string(msg->type), "request");
    jsonrpc_msg_destroy(msg);

    /* Ids are echoed back exactly, whatever their JSON type. */
    json_decref(id);
    id = json_string("abc");
    msg = jsonrpc_create_reply(json_pack("[]"), id);
    s = jsonrpc_msg_to_string(msg);
    assert_string_equal(s, "{\"id\":\"abc\",\"result\":[],\"error\":null}");
    free(s);
    jsonrpc_msg_destroy(msg);
    json_decref(id);
}

static void
test_wire_format(void **state OVS_UNUSED)
{
    struct pair p;
    json_t *id = json_integer(42);
    char *out;

    open_pair(&p);
    jsonrpc_send(p.rpc, jsonrpc_create_reply(json_pack("[s,s]",
                                                       "Open_vSwitch",
                                                       "_Server"), id));
    jsonrpc_send(p.rpc, jsonrpc_create_error(json_string("unknown method"),
                                             id));
    jsonrpc_send(p.rpc, jsonrpc_create_notify("update",
                                              json_pack("[n,{}]")));
    json_decref(id);
    id = json_string("echo");
    jsonrpc_send(p.rpc, jsonrpc_create_reply(json_array(), id));
    json_decref(id);

    /* Exactly the bytes OVS 3.1's ovsdb-server writes for these. */
    out = peer_read_all(&p);
    assert_string_equal(out,
        "{\"id\":42,\"result\":[\"Open_vSwitch\",\"_Server\"],"
        "\"error\":null}"
        "{\"id\":42,\"error\":\"unknown method\"}"
        "{\"id\":null,\"method\":\"update\",\"params\":[null,{}]}"
        "{\"id\":\"echo\",\"result\":[],\"error\":null}");
    assert_int_equal(jsonrpc_get_backlog(p.rpc), 0);
    free(out);
    close_pair(&p);
}

/* Framing. */

/* Three messages with blanks around them, braces and escaped quotes
 * inside strings, and UTF-8 both escaped and raw. */
#define MSG0 "  {\"method\":\"echo\",\"params\":[\"}{\\\"][\",\"\\\\\"]," \
    "\"id\":1}"
#define MSG1 "\n{\"id\":2,\"result\":{\"a\":[{},[]]},\"error\":null}"
#define MSG2 "\r\n\t{\"method\":\"update\",\"params\":[\"\\u00e9\xc3\xa9\"]," \
    "\"id\":null}"
static const char *const three_msgs = MSG0 MSG1 MSG2 " ";

static void
check_three_msgs(struct jsonrpc_msg *msgs[3])
{
    assert_int_equal(msgs[0]->type, JSONRPC_REQUEST);
    assert_string_equal(msgs[0]->method, "echo");
    assert_string_equal(json_string_value(json_array_get(msgs[0]->params,
                                                         0)), "}{\"][");
    assert_string_equal(json_string_value(json_array_get(msgs[0]->params,
                                                         1)), "\\");
    assert_int_equal(msgs[1]->type, JSONRPC_REPLY);
    assert_int_equal(json_integer_value(msgs[1]->id), 2);
    assert_int_equal(msgs[2]->type, JSONRPC_NOTIFY);
    assert_string_equal(json_string_value(json_array_get(msgs[2]->params,
                                                         0)),
                        "\xc3\xa9\xc3\xa9");
}

static void
test_framing_byte_by_byte(void **state OVS_UNUSED)
{
    static const size_t ends[3] = {
        sizeof MSG0 - 2,
        sizeof MSG0 + sizeof MSG1 - 3,
        sizeof MSG0 + sizeof MSG1 + sizeof MSG2 - 4,
    };
    struct jsonrpc_msg *msgs[3];
    size_t len = strlen(three_msgs);
    struct pair p;
    int n = 0;

    open_pair(&p);
    for (size_t i = 0; i < len; i++) {
        struct jsonrpc_msg *msg;
        int error;

        peer_write(&p, &three_msgs[i], 1);
        error = jsonrpc_recv(p.rpc, &msg);
        if (error == EAGAIN) {
            continue;
        }
        assert_int_equal(error, 0);
        assert_true(n < 3);
        /* A message is delivered on exactly its final byte. */
        assert_int_equal(i, ends[n]);
        msgs[n++] = msg;
    }
    assert_int_equal(n, 3);
    check_three_msgs(msgs);
    for (int i = 0; i < 3; i++) {
        jsonrpc_msg_destroy(msgs[i]);
    }
    assert_int_equal(jsonrpc_get_received_bytes(p.rpc), len);
    assert_int_equal(jsonrpc_recv(p.rpc, &msgs[0]), EAGAIN);
    close_pair(&p);
}

static void
test_framing_concatenated(void **state OVS_UNUSED)
{
    struct jsonrpc_msg *msgs[3];
    struct jsonrpc_msg *msg;
    struct pair p;

    open_pair(&p);
    peer_write_str(&p, three_msgs);
    /* Close the peer: all three must still come out, then EOF. */
    close(p.peer);
    p.peer = -1;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(jsonrpc_recv(p.rpc, &msgs[i]), 0);
    }
    check_three_msgs(msgs);
    for (int i = 0; i < 3; i++) {
        jsonrpc_msg_destroy(msgs[i]);
    }
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), EOF);
    assert_null(msg);
    assert_int_equal(jsonrpc_get_status(p.rpc), EOF);
    close_pair(&p);
}

/* A message much larger than one read, arriving in pieces. */
static void
test_large_message(void **state OVS_UNUSED)
{
    size_t n_items = 200000;
    struct ds big = DS_EMPTY_INITIALIZER;
    struct jsonrpc_msg *msg = NULL;
    size_t ofs = 0;
    struct pair p;

    ds_put_cstr(&big, "{\"method\":\"transact\",\"params\":[");
    for (size_t i = 0; i < n_items; i++) {
        ds_put_format(&big, "%s{\"k\":\"v{[%zu\"}", i ? "," : "", i);
    }
    ds_put_cstr(&big, "],\"id\":9}");

    open_pair(&p);
    set_nonblocking(p.peer);
    while (!msg) {
        if (ofs < big.length) {
            ssize_t n = write(p.peer, big.string + ofs,
                              MIN(big.length - ofs, 100000));
            if (n > 0) {
                ofs += n;
            }
        }
        int error = jsonrpc_recv(p.rpc, &msg);
        assert_true(error == 0 || error == EAGAIN);
    }
    assert_int_equal(ofs, big.length);
    assert_int_equal(json_array_size(msg->params), n_items);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(msg->params, n_items - 1), "k")),
                        "v{[199999");
    jsonrpc_msg_destroy(msg);
    ds_destroy(&big);
    close_pair(&p);
}

/* Feeds TEXT (LEN bytes) and expects a protocol error. */
static void
expect_protocol_error(const char *text, size_t len)
{
    struct jsonrpc_msg *msg;
    struct pair p;
    int error;

    open_pair(&p);
    peer_write(&p, text, len);
    while ((error = jsonrpc_recv(p.rpc, &msg)) == 0) {
        /* A good message before the bad part. */
        jsonrpc_msg_destroy(msg);
    }
    if (error != EPROTO) {
        fail_msg("input \"%.*s\": expected EPROTO, got %d", (int) len,
                 text, error);
    }
    assert_null(msg);
    assert_int_equal(jsonrpc_get_status(p.rpc), EPROTO);
    /* The error sticks: sending fails too. */
    assert_int_equal(jsonrpc_send(p.rpc, jsonrpc_create_notify("x", NULL)),
                     EPROTO);
    close_pair(&p);
}

#define EXPECT_PROTOCOL_ERROR(S) expect_protocol_error(S, sizeof (S) - 1)

static void
test_non_object_top_level(void **state OVS_UNUSED)
{
    EXPECT_PROTOCOL_ERROR("[1,2,3]");
    EXPECT_PROTOCOL_ERROR("42 ");
    EXPECT_PROTOCOL_ERROR("\"echo\"");
    EXPECT_PROTOCOL_ERROR("null");
    /* Garbage after a good message is caught too. */
    EXPECT_PROTOCOL_ERROR("{\"id\":1,\"result\":1}x");
}

static void
test_invalid_json(void **state OVS_UNUSED)
{
    EXPECT_PROTOCOL_ERROR("{\"method\":}");
    EXPECT_PROTOCOL_ERROR("{\"method\":\"x\",\"params\":[1,],\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"method\":\"x\",\"params\":[},\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"a\":\"\\u0000\"}");
    EXPECT_PROTOCOL_ERROR("{'method':'x'}");
    /* Mismatched brackets fail at once, with no further input (they used
     * to wait for more bytes up to the size limit). */
    EXPECT_PROTOCOL_ERROR("{\"x\":[}");
    EXPECT_PROTOCOL_ERROR("{\"a\":{\"b\":[1]]");
    EXPECT_PROTOCOL_ERROR("{\"a\":\"[}\",\"b\":[{]");
}

static void
test_invalid_utf8(void **state OVS_UNUSED)
{
    /* Stray continuation byte, truncated sequence, overlong '/', a
     * surrogate encoded in UTF-8, and a bad byte in a member name. */
    EXPECT_PROTOCOL_ERROR("{\"method\":\"echo\",\"params\":[\"\x80\"],"
                          "\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"method\":\"echo\",\"params\":[\"\xc3\"],"
                          "\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"method\":\"echo\",\"params\":[\"\xc0\xaf\"],"
                          "\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"method\":\"echo\",\"params\":"
                          "[\"\xed\xa0\x80\"],\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"meth\xffod\":\"echo\",\"params\":[],"
                          "\"id\":1}");
}

static void
test_invalid_jsonrpc(void **state OVS_UNUSED)
{
    EXPECT_PROTOCOL_ERROR("{\"method\":\"echo\",\"params\":{},\"id\":1}");
    EXPECT_PROTOCOL_ERROR("{\"id\":1}");
}

static void
test_deep_nesting(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct jsonrpc_msg *msg;
    struct pair p;

    /* Depth exactly JSONRPC_MAX_DEPTH (the outer object counts) is
     * fine... */
    ds_put_cstr(&ds, "{\"method\":\"echo\",\"params\":");
    ds_put_char_multiple(&ds, '[', JSONRPC_MAX_DEPTH - 1);
    ds_put_char_multiple(&ds, ']', JSONRPC_MAX_DEPTH - 1);
    ds_put_cstr(&ds, ",\"id\":1}");
    open_pair(&p);
    peer_write(&p, ds.string, ds.length);
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), 0);
    jsonrpc_msg_destroy(msg);
    close_pair(&p);

    /* ...one more level is refused as soon as it is seen, without
     * waiting for the rest of the message. */
    ds_clear(&ds);
    ds_put_cstr(&ds, "{\"method\":\"echo\",\"params\":");
    ds_put_char_multiple(&ds, '[', JSONRPC_MAX_DEPTH);
    expect_protocol_error(ds.string, ds.length);

    /* Braces inside strings do not count. */
    ds_clear(&ds);
    ds_put_cstr(&ds, "{\"method\":\"echo\",\"params\":[\"");
    ds_put_char_multiple(&ds, '{', 3 * JSONRPC_MAX_DEPTH);
    ds_put_cstr(&ds, "\"],\"id\":1}");
    open_pair(&p);
    peer_write(&p, ds.string, ds.length);
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), 0);
    jsonrpc_msg_destroy(msg);
    close_pair(&p);
    ds_destroy(&ds);
}

static void
test_oversized_message(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct jsonrpc_msg *msg;
    struct pair p;

    /* A message of exactly the limit passes. */
    open_pair(&p);
    jsonrpc_set_max_msg_size(p.rpc, 1000);
    ds_put_cstr(&ds, "{\"method\":\"echo\",\"params\":[\"");
    ds_put_char_multiple(&ds, 'x', 1000 - ds.length - 10);
    ds_put_cstr(&ds, "\"],\"id\":1}");
    assert_int_equal(ds.length, 1000);
    peer_write(&p, ds.string, ds.length);
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), 0);
    jsonrpc_msg_destroy(msg);

    /* An endless string is cut off once it passes the limit, before the
     * peer finishes it: memory stays bounded. */
    ds_clear(&ds);
    ds_put_cstr(&ds, "  {\"method\":\"echo\",\"params\":[\"");
    ds_put_char_multiple(&ds, 'y', 1500);
    peer_write(&p, ds.string, ds.length);
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), EPROTO);
    close_pair(&p);

    /* Whitespace between messages is not part of any message and never
     * accumulates. */
    open_pair(&p);
    jsonrpc_set_max_msg_size(p.rpc, 100);
    ds_clear(&ds);
    ds_put_char_multiple(&ds, ' ', 5000);
    ds_put_cstr(&ds, "{\"id\":1,\"result\":0}");
    peer_write(&p, ds.string, ds.length);
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), 0);
    jsonrpc_msg_destroy(msg);
    close_pair(&p);
    ds_destroy(&ds);
}

static void
test_truncated_then_eof(void **state OVS_UNUSED)
{
    struct jsonrpc_msg *msg;
    struct pair p;

    open_pair(&p);
    peer_write_str(&p, "{\"id\":1,\"result\":0}{\"method\":\"ec");
    close(p.peer);
    p.peer = -1;
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), 0);
    jsonrpc_msg_destroy(msg);
    assert_int_equal(jsonrpc_recv(p.rpc, &msg), EPROTO);
    assert_null(msg);
    close_pair(&p);
}

static void
test_backlog(void **state OVS_UNUSED)
{
    size_t total = 0;
    struct pair p;
    char *out;

    open_pair(&p);
    /* The peer does not read: output piles up in the queue. */
    for (int i = 0; i < 2000; i++) {
        json_t *params = json_pack("[s]", "0123456789012345678901234567890"
                                   "12345678901234567890123456789");
        assert_int_equal(jsonrpc_send(p.rpc, jsonrpc_create_notify(
                                          "update", params)), 0);
        total += strlen("{\"id\":null,\"method\":\"update\",\"params\":"
                        "[\"\"]}") + 60;
    }
    assert_true(jsonrpc_get_backlog(p.rpc) > 0);

    /* Once the peer reads, jsonrpc_run() drains it completely. */
    out = peer_read_all(&p);
    while (jsonrpc_get_backlog(p.rpc)) {
        char *more = peer_read_all(&p);
        char *joined = xasprintf("%s%s", out, more);

        free(out);
        free(more);
        out = joined;
    }
    assert_int_equal(strlen(out), total);
    free(out);
    close_pair(&p);
}

static void
test_error_is_logged_with_peer_name(void **state OVS_UNUSED)
{
    char *log_name = xasprintf("%s/test.log", tmp_dir);
    char *contents = NULL;
    size_t len;

    assert_int_equal(vlog_set_log_file(log_name), 0);
    EXPECT_PROTOCOL_ERROR("{\"method\":\"echo\",\"params\":{},\"id\":1}");
    assert_int_equal(read_whole_file(log_name, &contents, &len), 0);
    assert_non_null(strstr(contents, "test-peer: received bad JSON-RPC "
                           "message: \"params\" must be JSON array"));
    free(contents);
    free(log_name);
}

/* Sessions over real unix sockets. */

static void
run_sessions(struct jsonrpc_session *a, struct jsonrpc_session *b)
{
    jsonrpc_session_run(a);
    jsonrpc_session_run(b);
}

/* Runs both sessions until COND holds or 5 s pass. */
#define RUN_UNTIL(A, B, COND)                                           \
    do {                                                                \
        long long int deadline_ = time_msec() + 5000;                  \
        while (!(COND)) {                                               \
            assert_true(time_msec() < deadline_);                       \
            run_sessions(A, B);                                         \
            if (COND) {                                                 \
                break;                                                  \
            }                                                           \
            jsonrpc_session_wait(A);                                    \
            jsonrpc_session_wait(B);                                    \
            jsonrpc_session_recv_wait(A);                               \
            jsonrpc_session_recv_wait(B);                               \
            poll_timer_wait(10);                                        \
            poll_block();                                               \
        }                                                               \
    } while (0)

/* Receives and discards whatever S has (a session notices that its peer
 * went away while receiving). */
static void
drain(struct jsonrpc_session *s)
{
    struct jsonrpc_msg *msg;

    while ((msg = jsonrpc_session_recv(s))) {
        jsonrpc_msg_destroy(msg);
    }
}

static void
test_session_echo_and_reconnect(void **state OVS_UNUSED)
{
    char *pname = xasprintf("punix:%s/session.sock", tmp_dir);
    char *aname = xasprintf("unix:%s/session.sock", tmp_dir);
    struct jsonrpc_session *server = jsonrpc_session_open(pname, true);
    struct jsonrpc_session *client = jsonrpc_session_open(aname, true);
    struct jsonrpc_msg *msg = NULL;
    unsigned int seqno = jsonrpc_session_get_seqno(client);
    json_t *id;

    RUN_UNTIL(server, client, jsonrpc_session_is_connected(client)
              && jsonrpc_session_is_connected(server));
    assert_int_not_equal(jsonrpc_session_get_seqno(client), seqno);
    assert_int_equal(jsonrpc_session_get_probe_interval(client), 0);

    /* The peer's echo requests are answered by the session itself. */
    id = json_string("ping-1");
    msg = jsonrpc_create_request("echo", json_pack("[s]", "hi"), NULL);
    json_decref(msg->id);
    msg->id = json_incref(id);
    assert_int_equal(jsonrpc_session_send(client, msg), 0);
    msg = NULL;
    RUN_UNTIL(server, client, (msg = jsonrpc_session_recv(client))
              || jsonrpc_session_recv(server));
    assert_non_null(msg);
    assert_int_equal(msg->type, JSONRPC_REPLY);
    assert_true(json_equal(msg->id, id));
    assert_string_equal(json_string_value(json_array_get(msg->result, 0)),
                        "hi");
    jsonrpc_msg_destroy(msg);
    json_decref(id);

    /* Other requests reach the user. */
    assert_int_equal(jsonrpc_session_send(client, jsonrpc_create_request(
                                              "list_dbs", NULL, NULL)), 0);
    msg = NULL;
    RUN_UNTIL(server, client, (msg = jsonrpc_session_recv(server)));
    assert_string_equal(msg->method, "list_dbs");
    jsonrpc_msg_destroy(msg);

    /* The server side drops the peer: the client notices and comes
     * back (after 1 s: the connection was too short-lived to count as
     * healthy). */
    seqno = jsonrpc_session_get_seqno(client);
    jsonrpc_session_force_reconnect(server);
    RUN_UNTIL(server, client, (drain(client), drain(server),
                               jsonrpc_session_get_seqno(client) != seqno
                               && jsonrpc_session_is_connected(client)
                               && jsonrpc_session_is_connected(server)));
    assert_true(jsonrpc_session_is_alive(client));

    jsonrpc_session_close(client);
    jsonrpc_session_close(server);
    free(pname);
    free(aname);
}

static void
test_session_no_retry(void **state OVS_UNUSED)
{
    char *name = xasprintf("unix:%s/nobody.sock", tmp_dir);
    struct jsonrpc_session *s = jsonrpc_session_open(name, false);

    jsonrpc_session_run(s);
    jsonrpc_session_run(s);
    assert_false(jsonrpc_session_is_connected(s));
    assert_false(jsonrpc_session_is_alive(s));
    assert_int_equal(jsonrpc_session_get_last_error(s), ENOENT);
    assert_int_equal(jsonrpc_session_send(s, jsonrpc_create_notify("x",
                                                                   NULL)),
                     ENOTCONN);
    jsonrpc_session_close(s);
    free(name);
}

/* The client probes a peer that never answers and gives up after two
 * probe intervals (the shortest allowed is 1 s). */
static void
test_session_probe_timeout(void **state OVS_UNUSED)
{
    char *path = xasprintf("%s/silent.sock", tmp_dir);
    char *pname = xasprintf("punix:%s", path);
    char *aname = xasprintf("unix:%s", path);
    struct pstream *listener;
    struct stream *accepted = NULL;
    struct jsonrpc_session *client;
    long long int start, deadline;
    char buf[256];
    ssize_t n;

    assert_int_equal(pstream_open(pname, &listener), 0);
    client = jsonrpc_session_open(aname, true);
    jsonrpc_session_set_probe_interval(client, 1000);

    start = time_msec();
    deadline = start + 5000;
    while (!accepted || jsonrpc_session_is_connected(client)
           || time_msec() - start < 100) {
        assert_true(time_msec() < deadline);
        if (!accepted) {
            pstream_accept(listener, &accepted);
            if (accepted) {
                start = time_msec();
            }
        }
        jsonrpc_session_run(client);
        jsonrpc_session_wait(client);
        pstream_wait(listener);
        poll_timer_wait(20);
        poll_block();
    }
    /* Dropped after ~2 s of silence, not before. */
    assert_true(time_msec() - start >= 1900);

    /* What it sent was the standard probe. */
    n = stream_recv(accepted, buf, sizeof buf - 1);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_string_equal(buf,
                        "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}");
    stream_close(accepted);
    jsonrpc_session_close(client);
    pstream_close(listener);
    free(path);
    free(pname);
    free(aname);
}

static int
setup_tmp(void **state OVS_UNUSED)
{
    char template[] = "/tmp/test-jsonrpc.XXXXXX";

    assert_non_null(mkdtemp(template));
    tmp_dir = xstrdup(template);
    return 0;
}

static int
teardown_tmp(void **state OVS_UNUSED)
{
    char *cmd = xasprintf("rm -rf '%s'", tmp_dir);

    if (system(cmd)) {
        /* Best effort. */
    }
    free(cmd);
    free(tmp_dir);
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_is_logged_with_peer_name),
        cmocka_unit_test(test_msg_validation),
        cmocka_unit_test(test_msg_round_trip),
        cmocka_unit_test(test_wire_format),
        cmocka_unit_test(test_framing_byte_by_byte),
        cmocka_unit_test(test_framing_concatenated),
        cmocka_unit_test(test_large_message),
        cmocka_unit_test(test_non_object_top_level),
        cmocka_unit_test(test_invalid_json),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_invalid_jsonrpc),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_oversized_message),
        cmocka_unit_test(test_truncated_then_eof),
        cmocka_unit_test(test_backlog),
        cmocka_unit_test(test_session_echo_and_reconnect),
        cmocka_unit_test(test_session_no_retry),
        cmocka_unit_test(test_session_probe_timeout),
    };

    set_program_name("test-jsonrpc");
    /* Protocol errors are expected here; keep the console quiet unless
     * TEST_VERBOSE is set. */
    free(vlog_set_verbosity(getenv("TEST_VERBOSE") ? "console:dbg"
                                                   : "console:off"));
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
