/* Unit tests for lib/poll-loop and lib/timeval: the event loop every
 * daemon sleeps in.  A daemon that oversleeps misses timers and probes; one
 * that never sleeps burns a core.  These tests check that poll_block()
 * wakes for the earliest timer, for an immediate wake, for either of two
 * event kinds registered on the same fd, and that registrations do not
 * leak into the next iteration. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "poll-loop.h"
#include "timeval.h"
#include "util.h"

static long long int
timed_block(void)
{
    long long int start = time_msec();

    poll_block();
    return time_msec() - start;
}

static void
test_clocks(void **state OVS_UNUSED)
{
    long long int a = time_msec();
    uint64_t ns = time_nsec();

    assert_true(a > 0);
    assert_true(time_now() >= a / 1000);
    assert_true(ns / 1000000 >= (uint64_t) a);
    /* The wall clock is in milliseconds since 1970 (after 2020). */
    assert_true(time_wall_msec() > 1577836800000LL);
}

static void
test_earliest_timer_wins(void **state OVS_UNUSED)
{
    long long int elapsed;

    poll_timer_wait(2000);
    poll_timer_wait(30);
    poll_timer_wait_until(time_msec() + 5000);
    poll_timer_wait(-1);            /* Never: ignored. */
    elapsed = timed_block();
    assert_true(elapsed >= 25);
    assert_true(elapsed < 1000);

    /* A deadline in the past wakes at once. */
    poll_timer_wait_until(time_msec() - 100);
    assert_true(timed_block() < 100);
}

static void
test_immediate_wake(void **state OVS_UNUSED)
{
    int fds[2];

    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    poll_fd_wait(fds[0], POLLIN);   /* Never readable here. */
    poll_timer_wait(5000);
    poll_immediate_wake();
    assert_true(timed_block() < 100);

    poll_timer_wait(0);             /* 0 ms means "now" as well. */
    assert_true(timed_block() < 100);
    close(fds[0]);
    close(fds[1]);
}

static void
test_fd_events_merge(void **state OVS_UNUSED)
{
    int fds[2];

    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    /* POLLIN alone would sleep; the second registration of the same fd
     * adds POLLOUT, which is ready, so we wake at once. */
    poll_fd_wait(fds[0], POLLIN);
    poll_fd_wait(fds[1], POLLIN);
    poll_fd_wait(fds[0], POLLOUT);
    poll_timer_wait(3000);
    assert_true(timed_block() < 1000);

    /* Registrations were forgotten: now only POLLIN is asked for. */
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(50);
    assert_true(timed_block() >= 45);

    /* Data arriving wakes a reader. */
    assert_int_equal(write(fds[1], "x", 1), 1);
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(3000);
    assert_true(timed_block() < 1000);
    close(fds[0]);
    close(fds[1]);
}

static void
test_many_fds(void **state OVS_UNUSED)
{
    int fds[200][2];

    for (int i = 0; i < 200; i++) {
        assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds[i]), 0);
    }
    /* Only the last one becomes readable; every fd is registered twice. */
    assert_int_equal(write(fds[199][1], "x", 1), 1);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 200; i++) {
            poll_fd_wait(fds[i][0], POLLIN);
        }
    }
    poll_timer_wait(3000);
    assert_true(timed_block() < 1000);
    for (int i = 0; i < 200; i++) {
        close(fds[i][0]);
        close(fds[i][1]);
    }
}

static void *
thread_main(void *arg OVS_UNUSED)
{
    /* This thread's immediate wake must not leak into the main thread. */
    poll_immediate_wake();
    poll_block();
    poll_immediate_wake();
    return NULL;
}

static void
test_per_thread_state(void **state OVS_UNUSED)
{
    pthread_t thread;

    assert_int_equal(pthread_create(&thread, NULL, thread_main, NULL), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    poll_timer_wait(50);
    assert_true(timed_block() >= 45);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clocks),
        cmocka_unit_test(test_earliest_timer_wins),
        cmocka_unit_test(test_immediate_wake),
        cmocka_unit_test(test_fd_events_merge),
        cmocka_unit_test(test_many_fds),
        cmocka_unit_test(test_per_thread_state),
    };

    set_program_name("test-poll-loop");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
