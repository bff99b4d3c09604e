/* reconnect: the state machine that decides when a long-lived connection
 * should be (re)established, probed for liveness, or dropped.
 *
 * The caller owns the actual connection; it reports what happened
 * (reconnect_connecting(), _connected(), _connect_failed(), _activity(),
 * _disconnected()) and asks reconnect_run() what to do next: connect,
 * disconnect or send an inactivity probe.  Time is always passed in as
 * NOW (milliseconds on the time_msec() clock) so the machine can be
 * tested deterministically.
 *
 * States:
 *   VOID        disabled; nothing happens until reconnect_enable().
 *   BACKOFF     waiting `backoff` ms before the next attempt.
 *   CONNECTING  active mode: an attempt is in progress (times out).
 *   LISTENING   passive mode: listening for a peer.
 *   ACTIVE      connected and hearing from the peer.
 *   IDLE        connected, silent for probe_interval: a probe was sent;
 *               another probe_interval of silence disconnects.
 *   RECONNECT   connected, but reconnect_force_reconnect() was called.
 *
 * Backoff: the first attempt is immediate; after each failure the wait
 * doubles from min_backoff (default 1 s) up to max_backoff (default
 * 8 s).  A connection that stayed up at least as long as the current
 * backoff resets it, so a healthy peer that restarts is reconnected to
 * at once.  In passive mode a lost peer means listening again at once. */
#ifndef RECONNECT_H
#define RECONNECT_H 1

#include <stdbool.h>
#include "util.h"

struct reconnect;

#define RECONNECT_DEFAULT_MIN_BACKOFF 1000
#define RECONNECT_DEFAULT_MAX_BACKOFF 8000
#define RECONNECT_DEFAULT_PROBE_INTERVAL 5000

enum reconnect_action {
    RECONNECT_NONE,         /* Nothing to do. */
    RECONNECT_CONNECT,      /* Start connecting (or listening). */
    RECONNECT_DISCONNECT,   /* Drop the connection (or attempt), then call
                             * reconnect_disconnected(). */
    RECONNECT_PROBE         /* Send an inactivity probe (e.g. "echo"). */
};

/* Creates a machine in state VOID (caller frees with
 * reconnect_destroy()). */
struct reconnect *reconnect_create(long long int now);
void reconnect_destroy(struct reconnect *);       /* NULL ok. */

/* NAME is copied; it prefixes every log message. */
void reconnect_set_name(struct reconnect *, const char *name);
const char *reconnect_get_name(const struct reconnect *);  /* Borrowed. */
/* Quiet machines log state changes at DBG instead of INFO (used for
 * connections a server accepted). */
void reconnect_set_quiet(struct reconnect *, bool quiet);

/* Backoff bounds in ms: MIN_BACKOFF is raised to at least 1000 and
 * MAX_BACKOFF to at least MIN_BACKOFF. */
void reconnect_set_backoff(struct reconnect *, int min_backoff,
                           int max_backoff);
int reconnect_get_min_backoff(const struct reconnect *);
int reconnect_get_max_backoff(const struct reconnect *);
/* Inactivity probe interval in ms; 0 disables probing, other values are
 * raised to at least 1000. */
void reconnect_set_probe_interval(struct reconnect *, int probe_interval);
int reconnect_get_probe_interval(const struct reconnect *);
/* Limits the number of connection (or listen) attempts; UINT_MAX (the
 * default) is unlimited.  Once exhausted, the next disconnection leaves
 * the machine in VOID. */
void reconnect_set_max_tries(struct reconnect *, unsigned int max_tries);
unsigned int reconnect_get_max_tries(const struct reconnect *);
/* Passive machines listen instead of connecting: RECONNECT_CONNECT then
 * means "start listening" and the caller reports with
 * reconnect_listening() / reconnect_listen_error(). */
void reconnect_set_passive(struct reconnect *, bool passive,
                           long long int now);
bool reconnect_is_passive(const struct reconnect *);

/* Leaves VOID for BACKOFF with no delay (if tries remain). */
void reconnect_enable(struct reconnect *, long long int now);
/* Enters VOID.  The caller should drop any connection itself. */
void reconnect_disable(struct reconnect *, long long int now);
bool reconnect_is_enabled(const struct reconnect *);
/* If connected, asks for a disconnection and an immediate reconnect. */
void reconnect_force_reconnect(struct reconnect *, long long int now);

/* Event reports. */
void reconnect_connecting(struct reconnect *, long long int now);
void reconnect_listening(struct reconnect *, long long int now);
void reconnect_connected(struct reconnect *, long long int now);
/* ERROR: positive errno. */
void reconnect_connect_failed(struct reconnect *, long long int now,
                              int error);
void reconnect_listen_error(struct reconnect *, long long int now,
                            int error);
/* ERROR: 0 for a local decision, EOF for a clean close by the peer, or a
 * positive errno. */
void reconnect_disconnected(struct reconnect *, long long int now,
                            int error);
/* Input arrived from the peer: the connection is alive. */
void reconnect_activity(struct reconnect *, long long int now);

/* What to do now. */
enum reconnect_action reconnect_run(struct reconnect *, long long int now);
/* Registers the next deadline with the poll loop. */
void reconnect_wait(struct reconnect *, long long int now);
/* Milliseconds until reconnect_run() may return something, or -1. */
int reconnect_timeout(struct reconnect *, long long int now);

bool reconnect_is_connected(const struct reconnect *);
/* Changes every time a connection is established or lost. */
unsigned int reconnect_get_seqno(const struct reconnect *);
/* The error of the last failed attempt or disconnection (0 if none). */
int reconnect_get_last_error(const struct reconnect *);
/* Milliseconds since the last connect / disconnect, UINT_MAX if never. */
unsigned int reconnect_get_last_connect_elapsed(const struct reconnect *,
                                                long long int now);
unsigned int reconnect_get_last_disconnect_elapsed(
    const struct reconnect *, long long int now);

struct reconnect_stats {
    long long int creation_time;    /* When reconnect_create() ran. */
    long long int last_activity;    /* Last input (or connection). */
    long long int last_connected;   /* LLONG_MAX if never. */
    long long int last_disconnected; /* LLONG_MAX if never. */
    int backoff;                    /* Current backoff, ms. */
    unsigned int seqno;
    bool is_connected;
    unsigned int msec_since_connect;    /* UINT_MAX if never. */
    unsigned int msec_since_disconnect; /* UINT_MAX if never. */
    long long int total_connected_duration; /* ms, including now. */
    unsigned int n_attempted_connections;
    unsigned int n_successful_connections;
    const char *state;              /* "VOID", "BACKOFF", "CONNECTING",
                                     * "LISTENING", "ACTIVE", "IDLE",
                                     * "RECONNECT" (static string). */
    unsigned int state_elapsed;     /* ms in the current state. */
    int last_error;                 /* As reconnect_get_last_error(). */
};
void reconnect_get_stats(const struct reconnect *, long long int now,
                         struct reconnect_stats *);

#endif /* reconnect.h */
