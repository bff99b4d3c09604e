/* poll-loop: the single-threaded event loop every daemon is built on.
 *
 * Each iteration a module's foo_run() does bounded non-blocking work and
 * its foo_wait() registers what should wake the loop: file descriptors
 * (poll_fd_wait), deadlines (poll_timer_wait*), or an immediate wake.
 * Then poll_block() sleeps in poll() until one of them fires, and forgets
 * all registrations: they must be renewed every iteration.
 *
 * State is per thread (thread-local), so a datapath thread could run its
 * own loop. */
#ifndef POLL_LOOP_H
#define POLL_LOOP_H 1

#include <poll.h>

/* Wakes poll_block() when FD is ready for EVENTS (POLLIN, POLLOUT). */
void poll_fd_wait(int fd, short int events);
/* Wakes poll_block() after MSEC milliseconds (negative: never; 0: now). */
void poll_timer_wait(long long int msec);
/* Wakes poll_block() at monotonic time MSEC (see time_msec()). */
void poll_timer_wait_until(long long int msec);
/* Makes the next poll_block() return at once. */
void poll_immediate_wake(void);
/* Sleeps until a registered event fires; clears all registrations. */
void poll_block(void);

#endif /* poll-loop.h */
