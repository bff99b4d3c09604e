/* Unit tests for lib/reconnect: the connection state machine behind every
 * JSON-RPC session and (later) OpenFlow controller connection.  Time is
 * injected, so each test walks the clock by hand and checks what a user
 * would see: how long a client waits before retrying a dead server, when
 * an inactivity probe goes out, when a silent peer is dropped, and what
 * the status counters say. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "reconnect.h"
#include "util.h"

static const char *
state_of(const struct reconnect *fsm, long long int now)
{
    struct reconnect_stats stats;

    reconnect_get_stats(fsm, now, &stats);
    return stats.state;
}

/* Creates an enabled active machine at time 0. */
static struct reconnect *
new_active(void)
{
    struct reconnect *fsm = reconnect_create(0);

    reconnect_set_name(fsm, "tcp:192.0.2.1:6640");
    reconnect_enable(fsm, 0);
    return fsm;
}

/* Fails one attempt at NOW and returns the resulting wait in ms. */
static int
fail_attempt(struct reconnect *fsm, long long int now)
{
    assert_int_equal(reconnect_run(fsm, now), RECONNECT_CONNECT);
    reconnect_connecting(fsm, now);
    reconnect_connect_failed(fsm, now, ECONNREFUSED);
    assert_string_equal(state_of(fsm, now), "BACKOFF");
    return reconnect_timeout(fsm, now);
}

static void
test_first_attempt_is_immediate(void **state OVS_UNUSED)
{
    struct reconnect *fsm = reconnect_create(0);

    /* Disabled: nothing ever happens. */
    assert_int_equal(reconnect_run(fsm, 100000), RECONNECT_NONE);
    assert_int_equal(reconnect_timeout(fsm, 0), -1);
    assert_false(reconnect_is_enabled(fsm));

    reconnect_enable(fsm, 500);
    assert_true(reconnect_is_enabled(fsm));
    assert_int_equal(reconnect_timeout(fsm, 500), 0);
    assert_int_equal(reconnect_run(fsm, 500), RECONNECT_CONNECT);
    reconnect_destroy(fsm);
}

static void
test_backoff_doubles_up_to_max(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();
    static const int expected[] = { 1000, 2000, 4000, 8000, 8000, 8000 };
    long long int now = 0;

    for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
        int wait = fail_attempt(fsm, now);

        assert_int_equal(wait, expected[i]);
        /* Nothing happens one millisecond early... */
        assert_int_equal(reconnect_run(fsm, now + wait - 1),
                         RECONNECT_NONE);
        now += wait;
    }
    /* ...and the next attempt comes exactly on time. */
    assert_int_equal(reconnect_run(fsm, now), RECONNECT_CONNECT);
    assert_int_equal(reconnect_get_last_error(fsm), ECONNREFUSED);
    assert_false(reconnect_is_connected(fsm));
    reconnect_destroy(fsm);
}

static void
test_custom_max_backoff(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();
    static const int expected[] = { 1000, 2000, 3000, 3000 };
    long long int now = 0;

    reconnect_set_backoff(fsm, 10, 3000);
    assert_int_equal(reconnect_get_min_backoff(fsm), 1000);
    assert_int_equal(reconnect_get_max_backoff(fsm), 3000);
    for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
        int wait = fail_attempt(fsm, now);

        assert_int_equal(wait, expected[i]);
        now += wait;
    }
    reconnect_destroy(fsm);
}

static void
test_connect_attempt_times_out(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();

    assert_int_equal(reconnect_run(fsm, 0), RECONNECT_CONNECT);
    reconnect_connecting(fsm, 0);
    assert_string_equal(state_of(fsm, 0), "CONNECTING");
    assert_int_equal(reconnect_run(fsm, 999), RECONNECT_NONE);
    assert_int_equal(reconnect_run(fsm, 1000), RECONNECT_DISCONNECT);
    reconnect_disconnected(fsm, 1000, 0);
    assert_int_equal(reconnect_get_last_error(fsm), ETIMEDOUT);
    assert_int_equal(reconnect_timeout(fsm, 1000), 1000);
    reconnect_destroy(fsm);
}

static void
test_probe_then_disconnect(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();

    assert_int_equal(reconnect_get_probe_interval(fsm), 5000);
    reconnect_run(fsm, 0);
    reconnect_connecting(fsm, 0);
    reconnect_connected(fsm, 100);
    assert_true(reconnect_is_connected(fsm));
    assert_string_equal(state_of(fsm, 100), "ACTIVE");

    /* Input at 3000 postpones the probe to 8000. */
    reconnect_activity(fsm, 3000);
    assert_int_equal(reconnect_run(fsm, 7999), RECONNECT_NONE);
    assert_int_equal(reconnect_timeout(fsm, 7000), 1000);
    assert_int_equal(reconnect_run(fsm, 8000), RECONNECT_PROBE);
    assert_string_equal(state_of(fsm, 8000), "IDLE");

    /* Still connected while waiting for an answer... */
    assert_true(reconnect_is_connected(fsm));
    assert_int_equal(reconnect_run(fsm, 12999), RECONNECT_NONE);
    /* ...then another interval of silence drops the connection. */
    assert_int_equal(reconnect_run(fsm, 13000), RECONNECT_DISCONNECT);
    reconnect_disconnected(fsm, 13000, 0);
    assert_false(reconnect_is_connected(fsm));
    reconnect_destroy(fsm);
}

static void
test_answer_to_probe_keeps_connection(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();

    reconnect_run(fsm, 0);
    reconnect_connecting(fsm, 0);
    reconnect_connected(fsm, 0);
    assert_int_equal(reconnect_run(fsm, 5000), RECONNECT_PROBE);
    reconnect_activity(fsm, 6000);
    assert_string_equal(state_of(fsm, 6000), "ACTIVE");
    assert_int_equal(reconnect_run(fsm, 10999), RECONNECT_NONE);
    assert_int_equal(reconnect_run(fsm, 11000), RECONNECT_PROBE);
    reconnect_destroy(fsm);
}

static void
test_probes_disabled(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();

    reconnect_set_probe_interval(fsm, 0);
    reconnect_run(fsm, 0);
    reconnect_connecting(fsm, 0);
    reconnect_connected(fsm, 0);
    assert_int_equal(reconnect_run(fsm, 1000000000), RECONNECT_NONE);
    assert_int_equal(reconnect_timeout(fsm, 0), -1);

    /* Tiny intervals are raised to one second. */
    reconnect_set_probe_interval(fsm, 10);
    assert_int_equal(reconnect_get_probe_interval(fsm), 1000);
    reconnect_destroy(fsm);
}

static void
test_healthy_connection_resets_backoff(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();
    long long int now = 0;

    now += fail_attempt(fsm, now);      /* 1 s */
    now += fail_attempt(fsm, now);      /* 2 s */
    assert_int_equal(fail_attempt(fsm, now), 4000);
    now += 4000;

    /* Up for a minute: a restart of the peer is retried at once. */
    reconnect_run(fsm, now);
    reconnect_connecting(fsm, now);
    reconnect_connected(fsm, now);
    now += 60000;
    reconnect_disconnected(fsm, now, EOF);
    assert_int_equal(reconnect_get_last_error(fsm), EOF);
    assert_int_equal(reconnect_timeout(fsm, now), 0);
    assert_int_equal(reconnect_run(fsm, now), RECONNECT_CONNECT);

    /* A peer that accepts and drops at once keeps the backoff growing. */
    assert_int_equal(fail_attempt(fsm, now), 1000);
    now += 1000;
    reconnect_run(fsm, now);
    reconnect_connecting(fsm, now);
    reconnect_connected(fsm, now);
    reconnect_disconnected(fsm, now + 10, EOF);
    assert_int_equal(reconnect_timeout(fsm, now + 10), 2000);
    reconnect_destroy(fsm);
}

static void
test_force_reconnect(void **state OVS_UNUSED)
{
    struct reconnect *fsm = new_active();

    reconnect_run(fsm, 0);
    reconnect_connecting(fsm, 0);
    reconnect_connected(fsm, 0);
    reconnect_force_reconnect(fsm, 5);
    assert_string_equal(state_of(fsm, 5), "RECONNECT");
    assert_int_equal(reconnect_run(fsm, 5), RECONNECT_DISCONNECT);
    reconnect_disconnected(fsm, 5, 0);
    assert_string_equal(state_of(fsm, 5), "BACKOFF");
    reconnect_destroy(fsm);
}

static void
test_passive_mode(void **state OVS_UNUSED)
{
    struct reconnect *fsm = reconnect_create(0);

    reconnect_set_name(fsm, "ptcp:6640");
    reconnect_set_passive(fsm, true, 0);
    assert_true(reconnect_is_passive(fsm));
    reconnect_enable(fsm, 0);
    assert_int_equal(reconnect_run(fsm, 0), RECONNECT_CONNECT);
    reconnect_listening(fsm, 0);
    assert_string_equal(state_of(fsm, 0), "LISTENING");

    /* Listening never times out. */
    assert_int_equal(reconnect_timeout(fsm, 0), -1);
    assert_int_equal(reconnect_run(fsm, 1000000), RECONNECT_NONE);

    /* A peer comes and goes after a moment: listen again at once. */
    reconnect_connected(fsm, 1000000);
    assert_true(reconnect_is_connected(fsm));
    reconnect_disconnected(fsm, 1000010, EOF);
    assert_int_equal(reconnect_run(fsm, 1000010), RECONNECT_CONNECT);
    reconnect_listening(fsm, 1000010);

    /* Listening fails (port in use): back off like a failed connect. */
    reconnect_listen_error(fsm, 1000020, EADDRINUSE);
    assert_string_equal(state_of(fsm, 1000020), "BACKOFF");
    assert_int_equal(reconnect_timeout(fsm, 1000020), 1000);
    assert_int_equal(reconnect_get_last_error(fsm), EADDRINUSE);
    reconnect_destroy(fsm);
}

static void
test_max_tries(void **state OVS_UNUSED)
{
    struct reconnect *fsm = reconnect_create(0);

    reconnect_set_max_tries(fsm, 1);
    reconnect_enable(fsm, 0);
    assert_int_equal(reconnect_run(fsm, 0), RECONNECT_CONNECT);
    reconnect_connecting(fsm, 0);
    reconnect_connect_failed(fsm, 0, ENOENT);
    assert_false(reconnect_is_enabled(fsm));
    assert_string_equal(state_of(fsm, 0), "VOID");
    assert_int_equal(reconnect_run(fsm, 100000), RECONNECT_NONE);

    /* A failure reported straight from BACKOFF (the open call itself
     * failed) also counts as a try. */
    fsm = (reconnect_destroy(fsm), reconnect_create(0));
    reconnect_set_max_tries(fsm, 1);
    reconnect_enable(fsm, 0);
    reconnect_connect_failed(fsm, 0, EAFNOSUPPORT);
    assert_false(reconnect_is_enabled(fsm));
    assert_int_equal(reconnect_get_last_error(fsm), EAFNOSUPPORT);
    reconnect_destroy(fsm);
}

static void
test_stats(void **state OVS_UNUSED)
{
    struct reconnect *fsm = reconnect_create(1000);
    struct reconnect_stats stats;
    unsigned int seqno;

    reconnect_set_name(fsm, "unix:db.sock");
    assert_string_equal(reconnect_get_name(fsm), "unix:db.sock");
    reconnect_enable(fsm, 1000);
    seqno = reconnect_get_seqno(fsm);
    assert_int_equal(reconnect_get_last_connect_elapsed(fsm, 1000),
                     UINT_MAX);

    reconnect_run(fsm, 1000);
    reconnect_connecting(fsm, 1000);
    reconnect_connected(fsm, 1500);
    assert_int_not_equal(reconnect_get_seqno(fsm), seqno);
    seqno = reconnect_get_seqno(fsm);

    reconnect_get_stats(fsm, 4500, &stats);
    assert_true(stats.is_connected);
    assert_int_equal(stats.msec_since_connect, 3000);
    assert_int_equal(stats.msec_since_disconnect, UINT_MAX);
    assert_int_equal(stats.n_attempted_connections, 1);
    assert_int_equal(stats.n_successful_connections, 1);
    assert_int_equal(stats.total_connected_duration, 3000);
    assert_string_equal(stats.state, "ACTIVE");

    reconnect_disconnected(fsm, 5500, ECONNRESET);
    assert_int_not_equal(reconnect_get_seqno(fsm), seqno);
    reconnect_get_stats(fsm, 6500, &stats);
    assert_false(stats.is_connected);
    assert_int_equal(stats.msec_since_disconnect, 1000);
    assert_int_equal(stats.total_connected_duration, 4000);
    assert_int_equal(stats.last_error, ECONNRESET);
    reconnect_destroy(fsm);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_attempt_is_immediate),
        cmocka_unit_test(test_backoff_doubles_up_to_max),
        cmocka_unit_test(test_custom_max_backoff),
        cmocka_unit_test(test_connect_attempt_times_out),
        cmocka_unit_test(test_probe_then_disconnect),
        cmocka_unit_test(test_answer_to_probe_keeps_connection),
        cmocka_unit_test(test_probes_disabled),
        cmocka_unit_test(test_healthy_connection_resets_backoff),
        cmocka_unit_test(test_force_reconnect),
        cmocka_unit_test(test_passive_mode),
        cmocka_unit_test(test_max_tries),
        cmocka_unit_test(test_stats),
    };

    set_program_name("test-reconnect");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
