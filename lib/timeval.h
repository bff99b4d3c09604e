/* timeval: monotonic and wall-clock time in milliseconds. */
#ifndef TIMEVAL_H
#define TIMEVAL_H 1

#include <stdint.h>

/* Milliseconds on a monotonic clock (CLOCK_MONOTONIC). */
long long int time_msec(void);
/* Milliseconds since the epoch (CLOCK_REALTIME). */
long long int time_wall_msec(void);
/* Seconds on the monotonic clock. */
long long int time_now(void);
/* Nanoseconds on the monotonic clock. */
uint64_t time_nsec(void);

#endif /* timeval.h */
