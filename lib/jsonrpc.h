/* jsonrpc: JSON-RPC 1.0 over a byte stream, as OVSDB (RFC 7047) and the
 * unixctl channel use it.
 *
 * struct jsonrpc frames messages on one stream: each message is one JSON
 * object; objects are concatenated with no separator.  Input is parsed
 * incrementally (a message may arrive in pieces or several per read),
 * bounded by a maximum message size and nesting depth; violating either,
 * or sending invalid JSON/UTF-8, is a protocol error that closes the
 * connection with a logged reason.  Output is queued and flushed by
 * jsonrpc_run(); jsonrpc_get_backlog() tells how much is queued so
 * servers can drop clients that never read.
 *
 * struct jsonrpc_session adds reconnection with backoff (active remotes)
 * or a single accepted connection (passive), and inactivity probing with
 * "echo" requests.
 *
 * JSON values are jansson json_t.  Ownership: functions that take a
 * json_t * "take" it (steal the reference) unless documented as
 * borrowed. */
#ifndef JSONRPC_H
#define JSONRPC_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct stream;
struct pstream;
struct reconnect_stats;

enum jsonrpc_msg_type {
    JSONRPC_REQUEST,      /* method, params, id (non-null). */
    JSONRPC_NOTIFY,       /* method, params, id null. */
    JSONRPC_REPLY,        /* result, error null, id. */
    JSONRPC_ERROR         /* error non-null, result null, id. */
};

struct jsonrpc_msg {
    enum jsonrpc_msg_type type;
    char *method;         /* Request and notification only. */
    json_t *params;       /* Request and notification: a JSON array. */
    json_t *result;       /* Reply only. */
    json_t *error;        /* Error only. */
    json_t *id;           /* Request, reply, error. */
};

/* Constructors take ownership of the json_t arguments. */
struct jsonrpc_msg *jsonrpc_create_request(const char *method,
                                           json_t *params, json_t **idp);
struct jsonrpc_msg *jsonrpc_create_notify(const char *method,
                                          json_t *params);
/* REQUEST_ID is borrowed (copied). */
struct jsonrpc_msg *jsonrpc_create_reply(json_t *result,
                                         const json_t *request_id);
struct jsonrpc_msg *jsonrpc_create_error(json_t *error,
                                         const json_t *request_id);
void jsonrpc_msg_destroy(struct jsonrpc_msg *);
const char *jsonrpc_msg_type_to_string(enum jsonrpc_msg_type);
/* Validates and converts JSON into a message; returns NULL on success
 * with *MSGP set (JSON taken), or an error string (caller frees). */
char *jsonrpc_msg_from_json(json_t *, struct jsonrpc_msg **msgp)
    OVS_WARN_UNUSED_RESULT;
/* Returns a new JSON object for MSG; MSG is borrowed. */
json_t *jsonrpc_msg_to_json(const struct jsonrpc_msg *);
/* Compact text of MSG for logging; caller frees. */
char *jsonrpc_msg_to_string(const struct jsonrpc_msg *);

/* Default and configurable limits on one incoming message. */
#define JSONRPC_DEFAULT_MAX_MSG_SIZE (64 * 1024 * 1024)
#define JSONRPC_MAX_DEPTH 1000

/* A JSON-RPC connection over STREAM (takes ownership). */
struct jsonrpc *jsonrpc_open(struct stream *);
void jsonrpc_close(struct jsonrpc *);
/* Largest accepted incoming message in bytes; 0 restores the default. */
void jsonrpc_set_max_msg_size(struct jsonrpc *, size_t max);
void jsonrpc_run(struct jsonrpc *);
void jsonrpc_wait(struct jsonrpc *);
/* 0 while healthy, else the error that broke the connection (EOF for a
 * clean close, EPROTO for bad input). */
int jsonrpc_get_status(const struct jsonrpc *);
size_t jsonrpc_get_backlog(const struct jsonrpc *);
unsigned int jsonrpc_get_received_bytes(const struct jsonrpc *);
const char *jsonrpc_get_name(const struct jsonrpc *);
/* The peer as the stream describes it (e.g. "tcp:10.0.0.1:54321");
 * borrowed. */
const char *jsonrpc_get_peer(const struct jsonrpc *);
/* Queues MSG (taken); returns 0 or the connection's error. */
int jsonrpc_send(struct jsonrpc *, struct jsonrpc_msg *);
/* Receives one message: 0 with *MSGP (caller destroys), EAGAIN, or the
 * connection's error. */
int jsonrpc_recv(struct jsonrpc *, struct jsonrpc_msg **msgp);
void jsonrpc_recv_wait(struct jsonrpc *);
/* Blocking helpers for command-line tools. */
int jsonrpc_send_block(struct jsonrpc *, struct jsonrpc_msg *);
int jsonrpc_recv_block(struct jsonrpc *, struct jsonrpc_msg **);
/* Sends REQUEST (taken) and waits for the reply with the same id,
 * answering "echo" requests meanwhile.  *REPLYP is the reply or error
 * message (caller destroys) when 0 is returned. */
int jsonrpc_transact_block(struct jsonrpc *, struct jsonrpc_msg *request,
                           struct jsonrpc_msg **replyp);

/* Sessions: a jsonrpc that reconnects (active NAME) or waits for a peer
 * (passive NAME).  RETRY false makes an active session give up after the
 * first failure. */
struct jsonrpc_session *jsonrpc_session_open(const char *name, bool retry);
/* Wraps an accepted connection (JSONRPC taken); never reconnects. */
struct jsonrpc_session *jsonrpc_session_open_unreliably(struct jsonrpc *);
void jsonrpc_session_close(struct jsonrpc_session *);
void jsonrpc_session_run(struct jsonrpc_session *);
void jsonrpc_session_wait(struct jsonrpc_session *);
size_t jsonrpc_session_get_backlog(const struct jsonrpc_session *);
const char *jsonrpc_session_get_name(const struct jsonrpc_session *);
/* Queues MSG (taken) if connected, else drops it; 0 or ENOTCONN. */
int jsonrpc_session_send(struct jsonrpc_session *, struct jsonrpc_msg *);
/* Returns a received message (caller destroys) or NULL.  "echo"
 * requests and replies are handled internally. */
struct jsonrpc_msg *jsonrpc_session_recv(struct jsonrpc_session *);
void jsonrpc_session_recv_wait(struct jsonrpc_session *);
bool jsonrpc_session_is_alive(const struct jsonrpc_session *);
bool jsonrpc_session_is_connected(const struct jsonrpc_session *);
/* Changes every time a new connection is established (and also when one
 * is lost): compare with a saved value to notice reconnections. */
unsigned int jsonrpc_session_get_seqno(const struct jsonrpc_session *);
int jsonrpc_session_get_status(const struct jsonrpc_session *);
int jsonrpc_session_get_last_error(const struct jsonrpc_session *);
void jsonrpc_session_force_reconnect(struct jsonrpc_session *);
/* Inactivity probe interval in ms (0 disables); default 5000 for tcp:
 * and ssl: remotes, 0 for unix: ones. */
void jsonrpc_session_set_probe_interval(struct jsonrpc_session *, int ms);
int jsonrpc_session_get_probe_interval(const struct jsonrpc_session *);
void jsonrpc_session_set_max_backoff(struct jsonrpc_session *, int ms);
void jsonrpc_session_set_max_msg_size(struct jsonrpc_session *, size_t);
/* Connection statistics (state, seconds since connect/disconnect, last
 * error...) for status columns; see reconnect.h. */
void jsonrpc_session_get_reconnect_stats(const struct jsonrpc_session *,
                                         struct reconnect_stats *);
/* The connected peer's description, or NULL when not connected;
 * borrowed. */
const char *jsonrpc_session_get_peer(const struct jsonrpc_session *);

#endif /* jsonrpc.h */
