/* reconnect: a connection's life cycle as a pure state machine (see
 * reconnect.h).  It owns no sockets and reads no clocks: callers report
 * events and the current time, and reconnect_run() tells them what to do.
 * State changes are logged under the machine's name (at INFO, or DBG for
 * quiet machines); failures at WARN. */
#include "reconnect.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(reconnect);

enum state {
    S_VOID,
    S_BACKOFF,
    S_CONNECTING,
    S_LISTENING,
    S_ACTIVE,
    S_IDLE,
    S_RECONNECT
};

struct reconnect {
    char *name;
    int min_backoff;            /* ms. */
    int max_backoff;            /* ms. */
    int probe_interval;         /* ms, 0 = no probes. */
    bool passive;
    enum vlog_level info;       /* VLL_INFO, or VLL_DBG when quiet. */

    enum state state;
    long long int state_entered;
    int backoff;                /* Current wait in BACKOFF, ms. */
    long long int last_activity;
    long long int last_connected;       /* LLONG_MAX if never. */
    long long int last_disconnected;    /* LLONG_MAX if never. */
    unsigned int max_tries;             /* UINT_MAX = unlimited. */

    unsigned int seqno;
    int last_error;
    unsigned int n_attempted_connections;
    unsigned int n_successful_connections;
    long long int total_connected_duration; /* Of past connections. */
    long long int creation_time;
};

static const char *
state_name(enum state state)
{
    switch (state) {
    case S_VOID: return "VOID";
    case S_BACKOFF: return "BACKOFF";
    case S_CONNECTING: return "CONNECTING";
    case S_LISTENING: return "LISTENING";
    case S_ACTIVE: return "ACTIVE";
    case S_IDLE: return "IDLE";
    case S_RECONNECT: return "RECONNECT";
    }
    return "UNKNOWN";
}

static bool
state_is_connected(enum state state)
{
    return state == S_ACTIVE || state == S_IDLE || state == S_RECONNECT;
}

static void
transition(struct reconnect *fsm, long long int now, enum state state)
{
    if (state_is_connected(fsm->state) != state_is_connected(state)) {
        fsm->seqno++;
    }
    VLOG_DBG("%s: entering %s", fsm->name, state_name(state));
    fsm->state = state;
    fsm->state_entered = now;
}

struct reconnect *
reconnect_create(long long int now)
{
    struct reconnect *fsm = xzalloc(sizeof *fsm);

    fsm->name = xstrdup("void");
    fsm->min_backoff = RECONNECT_DEFAULT_MIN_BACKOFF;
    fsm->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    fsm->probe_interval = RECONNECT_DEFAULT_PROBE_INTERVAL;
    fsm->info = VLL_INFO;
    fsm->state = S_VOID;
    fsm->state_entered = now;
    fsm->last_activity = now;
    fsm->last_connected = LLONG_MAX;
    fsm->last_disconnected = LLONG_MAX;
    fsm->max_tries = UINT_MAX;
    fsm->creation_time = now;
    return fsm;
}

void
reconnect_destroy(struct reconnect *fsm)
{
    if (fsm) {
        free(fsm->name);
        free(fsm);
    }
}

void
reconnect_set_name(struct reconnect *fsm, const char *name)
{
    free(fsm->name);
    fsm->name = xstrdup(name ? name : "void");
}

const char *
reconnect_get_name(const struct reconnect *fsm)
{
    return fsm->name;
}

void
reconnect_set_quiet(struct reconnect *fsm, bool quiet)
{
    fsm->info = quiet ? VLL_DBG : VLL_INFO;
}

void
reconnect_set_backoff(struct reconnect *fsm, int min_backoff,
                      int max_backoff)
{
    fsm->min_backoff = MAX(min_backoff, 1000);
    fsm->max_backoff = MAX(max_backoff, fsm->min_backoff);
    if (fsm->state == S_BACKOFF && fsm->backoff > fsm->max_backoff) {
        fsm->backoff = fsm->max_backoff;
    }
}

int
reconnect_get_min_backoff(const struct reconnect *fsm)
{
    return fsm->min_backoff;
}

int
reconnect_get_max_backoff(const struct reconnect *fsm)
{
    return fsm->max_backoff;
}

void
reconnect_set_probe_interval(struct reconnect *fsm, int probe_interval)
{
    fsm->probe_interval = probe_interval > 0 ? MAX(probe_interval, 1000)
                                             : 0;
}

int
reconnect_get_probe_interval(const struct reconnect *fsm)
{
    return fsm->probe_interval;
}

void
reconnect_set_max_tries(struct reconnect *fsm, unsigned int max_tries)
{
    fsm->max_tries = max_tries;
}

unsigned int
reconnect_get_max_tries(const struct reconnect *fsm)
{
    return fsm->max_tries;
}

void
reconnect_set_passive(struct reconnect *fsm, bool passive,
                      long long int now)
{
    if (fsm->passive != passive) {
        fsm->passive = passive;
        if (fsm->state == S_CONNECTING || fsm->state == S_LISTENING) {
            /* The attempt in progress is of the wrong kind: start over. */
            fsm->backoff = 0;
            transition(fsm, now, S_BACKOFF);
        }
    }
}

bool
reconnect_is_passive(const struct reconnect *fsm)
{
    return fsm->passive;
}

void
reconnect_enable(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_VOID && fsm->max_tries > 0) {
        fsm->backoff = 0;
        transition(fsm, now, S_BACKOFF);
    }
}

void
reconnect_disable(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_VOID) {
        if (state_is_connected(fsm->state)) {
            fsm->total_connected_duration += now - fsm->last_connected;
            fsm->last_disconnected = now;
        }
        transition(fsm, now, S_VOID);
    }
}

bool
reconnect_is_enabled(const struct reconnect *fsm)
{
    return fsm->state != S_VOID;
}

void
reconnect_force_reconnect(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_ACTIVE || fsm->state == S_IDLE) {
        transition(fsm, now, S_RECONNECT);
    }
}

static void
use_a_try(struct reconnect *fsm)
{
    if (fsm->max_tries != UINT_MAX && fsm->max_tries > 0) {
        fsm->max_tries--;
    }
}

void
reconnect_connecting(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_CONNECTING) {
        vlog(this_module, fsm->info, "%s: connecting...", fsm->name);
        fsm->n_attempted_connections++;
        use_a_try(fsm);
        transition(fsm, now, S_CONNECTING);
    }
}

void
reconnect_listening(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_LISTENING) {
        vlog(this_module, fsm->info, "%s: listening...", fsm->name);
        use_a_try(fsm);
        transition(fsm, now, S_LISTENING);
    }
}

void
reconnect_connected(struct reconnect *fsm, long long int now)
{
    if (!state_is_connected(fsm->state)) {
        if (fsm->state != S_CONNECTING) {
            /* Accepted (passive) or adopted connection. */
            fsm->n_attempted_connections++;
        }
        vlog(this_module, fsm->info, "%s: connected", fsm->name);
        fsm->n_successful_connections++;
        fsm->last_connected = now;
        fsm->last_activity = now;
        transition(fsm, now, S_ACTIVE);
    }
}

void
reconnect_connect_failed(struct reconnect *fsm, long long int now,
                         int error)
{
    if (fsm->state == S_BACKOFF) {
        /* The attempt failed before it could be reported as started. */
        reconnect_connecting(fsm, now);
    }
    if (fsm->state == S_CONNECTING) {
        reconnect_disconnected(fsm, now, error ? error : ECONNREFUSED);
    }
}

void
reconnect_listen_error(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->state == S_BACKOFF) {
        reconnect_listening(fsm, now);
    }
    if (fsm->state == S_LISTENING) {
        VLOG_WARN("%s: listen attempt failed (%s)", fsm->name,
                  ovs_strerror(error));
        reconnect_disconnected(fsm, now, error ? error : EADDRINUSE);
    }
}

static int
next_backoff(const struct reconnect *fsm)
{
    if (fsm->backoff <= 0) {
        return fsm->min_backoff;
    } else if (fsm->backoff >= fsm->max_backoff / 2) {
        return fsm->max_backoff;
    } else {
        return fsm->backoff * 2;
    }
}

void
reconnect_disconnected(struct reconnect *fsm, long long int now, int error)
{
    bool was_connected = state_is_connected(fsm->state);

    if (fsm->state == S_VOID || fsm->state == S_BACKOFF) {
        return;
    }

    if (fsm->state == S_CONNECTING && !error) {
        error = ETIMEDOUT;
    }
    if (was_connected) {
        if (error == EOF) {
            vlog(this_module, fsm->info, "%s: connection closed by peer",
                 fsm->name);
        } else if (error > 0) {
            VLOG_WARN("%s: connection dropped (%s)", fsm->name,
                      ovs_strerror(error));
        } else {
            vlog(this_module, fsm->info, "%s: connection closed",
                 fsm->name);
        }
        fsm->total_connected_duration += now - fsm->last_connected;
        fsm->last_disconnected = now;

        if (fsm->passive
            || now - fsm->last_connected >= MAX(fsm->backoff,
                                                fsm->min_backoff)) {
            fsm->backoff = 0;
        } else {
            fsm->backoff = next_backoff(fsm);
        }
    } else {
        if (fsm->state == S_CONNECTING) {
            VLOG_WARN("%s: connection attempt failed (%s)", fsm->name,
                      ovs_strerror(error));
        }
        fsm->backoff = next_backoff(fsm);
    }
    if (error) {
        fsm->last_error = error;
    }

    if (fsm->max_tries == 0) {
        vlog(this_module, fsm->info, "%s: giving up (no more tries)",
             fsm->name);
        transition(fsm, now, S_VOID);
        return;
    }
    if (fsm->backoff > 0) {
        vlog(this_module, fsm->info, "%s: waiting %d seconds before %s",
             fsm->name, DIV_ROUND_UP(fsm->backoff, 1000),
             fsm->passive ? "trying to listen again" : "reconnect");
    }
    transition(fsm, now, S_BACKOFF);
}

void
reconnect_activity(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_IDLE) {
        transition(fsm, now, S_ACTIVE);
    }
    fsm->last_activity = now;
}

/* Returns the time at which reconnect_run() next has something to say,
 * LLONG_MAX if never. */
static long long int
deadline(const struct reconnect *fsm)
{
    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return LLONG_MAX;

    case S_BACKOFF:
        return fsm->state_entered + fsm->backoff;

    case S_CONNECTING:
        return fsm->state_entered + MAX(fsm->backoff, fsm->min_backoff);

    case S_ACTIVE:
        if (fsm->probe_interval) {
            return (MAX(fsm->last_activity, fsm->state_entered)
                    + fsm->probe_interval);
        }
        return LLONG_MAX;

    case S_IDLE:
        if (fsm->probe_interval) {
            return fsm->state_entered + fsm->probe_interval;
        }
        return LLONG_MAX;

    case S_RECONNECT:
        return fsm->state_entered;
    }
    return LLONG_MAX;
}

enum reconnect_action
reconnect_run(struct reconnect *fsm, long long int now)
{
    if (now < deadline(fsm)) {
        return RECONNECT_NONE;
    }

    switch (fsm->state) {
    case S_BACKOFF:
        return RECONNECT_CONNECT;

    case S_CONNECTING:
    case S_RECONNECT:
        return RECONNECT_DISCONNECT;

    case S_ACTIVE:
        VLOG_DBG("%s: idle %lld ms, sending inactivity probe", fsm->name,
                 now - MAX(fsm->last_activity, fsm->state_entered));
        transition(fsm, now, S_IDLE);
        return RECONNECT_PROBE;

    case S_IDLE:
        VLOG_ERR("%s: no response to inactivity probe after %.3g "
                 "seconds, disconnecting", fsm->name,
                 (now - fsm->state_entered) / 1000.0);
        return RECONNECT_DISCONNECT;

    case S_VOID:
    case S_LISTENING:
    default:
        return RECONNECT_NONE;
    }
}

void
reconnect_wait(struct reconnect *fsm, long long int now OVS_UNUSED)
{
    long long int when = deadline(fsm);

    if (when != LLONG_MAX) {
        poll_timer_wait_until(when);
    }
}

int
reconnect_timeout(struct reconnect *fsm, long long int now)
{
    long long int when = deadline(fsm);

    if (when == LLONG_MAX) {
        return -1;
    }
    return when <= now ? 0 : when - now > INT_MAX ? INT_MAX
                                                  : (int) (when - now);
}

bool
reconnect_is_connected(const struct reconnect *fsm)
{
    return state_is_connected(fsm->state);
}

unsigned int
reconnect_get_seqno(const struct reconnect *fsm)
{
    return fsm->seqno;
}

int
reconnect_get_last_error(const struct reconnect *fsm)
{
    return fsm->last_error;
}

static unsigned int
elapsed(long long int then, long long int now)
{
    if (then == LLONG_MAX) {
        return UINT_MAX;
    }
    return now - then >= UINT_MAX ? UINT_MAX - 1
           : now < then ? 0 : (unsigned int) (now - then);
}

unsigned int
reconnect_get_last_connect_elapsed(const struct reconnect *fsm,
                                   long long int now)
{
    return elapsed(fsm->last_connected, now);
}

unsigned int
reconnect_get_last_disconnect_elapsed(const struct reconnect *fsm,
                                      long long int now)
{
    return elapsed(fsm->last_disconnected, now);
}

void
reconnect_get_stats(const struct reconnect *fsm, long long int now,
                    struct reconnect_stats *stats)
{
    stats->creation_time = fsm->creation_time;
    stats->last_activity = fsm->last_activity;
    stats->last_connected = fsm->last_connected;
    stats->last_disconnected = fsm->last_disconnected;
    stats->backoff = fsm->backoff;
    stats->seqno = fsm->seqno;
    stats->is_connected = state_is_connected(fsm->state);
    stats->msec_since_connect = elapsed(fsm->last_connected, now);
    stats->msec_since_disconnect = elapsed(fsm->last_disconnected, now);
    stats->total_connected_duration = fsm->total_connected_duration
        + (stats->is_connected ? now - fsm->last_connected : 0);
    stats->n_attempted_connections = fsm->n_attempted_connections;
    stats->n_successful_connections = fsm->n_successful_connections;
    stats->state = state_name(fsm->state);
    stats->state_elapsed = elapsed(fsm->state_entered, now);
    stats->last_error = fsm->last_error;
}
