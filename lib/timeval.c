/* timeval: the process's clocks.  Every timer, backoff and timeout in
 * Railyard is computed from time_msec() (CLOCK_MONOTONIC, so stepping the
 * wall clock never fires or stalls timers); time_wall_msec() is only for
 * timestamps shown to humans or stored in the database. */
#include "timeval.h"

#include <time.h>

static void
get_clock(clockid_t id, struct timespec *ts)
{
    if (clock_gettime(id, ts)) {
        /* Cannot fail for the clocks we use on Linux. */
        ts->tv_sec = 0;
        ts->tv_nsec = 0;
    }
}

long long int
time_msec(void)
{
    struct timespec ts;

    get_clock(CLOCK_MONOTONIC, &ts);
    return (long long int) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long int
time_wall_msec(void)
{
    struct timespec ts;

    get_clock(CLOCK_REALTIME, &ts);
    return (long long int) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long int
time_now(void)
{
    struct timespec ts;

    get_clock(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

uint64_t
time_nsec(void)
{
    struct timespec ts;

    get_clock(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}
