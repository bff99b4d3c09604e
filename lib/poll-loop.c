/* poll-loop: the per-thread event loop behind poll_block().
 *
 * Modules register file descriptors and deadlines during their *_wait()
 * calls; poll_block() turns them into one poll() call and then forgets
 * them.  Registering the same fd twice merges the event masks into one
 * pollfd entry (found in O(1) through a per-fd slot table stamped with the
 * iteration number, so a server with thousands of clients does not pay a
 * quadratic search); of several deadlines the earliest wins; an immediate
 * wake turns the poll timeout into 0.
 *
 * All state is thread-local and freed when the thread exits. */
#include "poll-loop.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "timeval.h"
#include "util.h"

struct poll_slot {
    unsigned int generation;    /* Valid if equal to loop->generation. */
    unsigned int index;         /* Index into loop->fds. */
};

struct poll_loop {
    struct pollfd *fds;         /* Registered descriptors. */
    size_t n_fds, allocated_fds;

    struct poll_slot *slots;    /* Indexed by fd. */
    size_t n_slots;
    unsigned int generation;    /* Bumped by every poll_block(). */

    long long int deadline;     /* Earliest timer, LLONG_MAX if none. */
    bool immediate;             /* poll_immediate_wake() called. */
};

static __thread struct poll_loop *thread_loop;
static pthread_key_t loop_key;
static pthread_once_t loop_key_once = PTHREAD_ONCE_INIT;

static void
free_loop(void *loop_)
{
    struct poll_loop *loop = loop_;

    if (loop) {
        free(loop->fds);
        free(loop->slots);
        free(loop);
    }
}

static void
create_loop_key(void)
{
    if (pthread_key_create(&loop_key, free_loop)) {
        ovs_abort_at("poll-loop", "pthread_key_create failed");
    }
}

static struct poll_loop *
get_loop(void)
{
    struct poll_loop *loop = thread_loop;

    if (OVS_UNLIKELY(!loop)) {
        pthread_once(&loop_key_once, create_loop_key);
        loop = xzalloc(sizeof *loop);
        loop->deadline = LLONG_MAX;
        loop->generation = 1;
        pthread_setspecific(loop_key, loop);
        thread_loop = loop;
    }
    return loop;
}

void
poll_fd_wait(int fd, short int events)
{
    struct poll_loop *loop = get_loop();
    struct poll_slot *slot;

    if (fd < 0) {
        return;
    }
    if ((size_t) fd >= loop->n_slots) {
        size_t n = MAX((size_t) fd + 1, loop->n_slots * 2);

        loop->slots = xrealloc(loop->slots, n * sizeof *loop->slots);
        memset(&loop->slots[loop->n_slots], 0,
               (n - loop->n_slots) * sizeof *loop->slots);
        loop->n_slots = n;
    }

    slot = &loop->slots[fd];
    if (slot->generation == loop->generation) {
        loop->fds[slot->index].events |= events;
        return;
    }

    if (loop->n_fds >= loop->allocated_fds) {
        loop->fds = x2nrealloc(loop->fds, &loop->allocated_fds,
                               sizeof *loop->fds);
    }
    slot->generation = loop->generation;
    slot->index = loop->n_fds;
    loop->fds[loop->n_fds].fd = fd;
    loop->fds[loop->n_fds].events = events;
    loop->fds[loop->n_fds].revents = 0;
    loop->n_fds++;
}

void
poll_timer_wait_until(long long int msec)
{
    struct poll_loop *loop = get_loop();

    if (msec < loop->deadline) {
        loop->deadline = msec;
    }
}

void
poll_timer_wait(long long int msec)
{
    long long int now;

    if (msec < 0) {
        return;
    }
    if (msec == 0) {
        poll_immediate_wake();
        return;
    }
    now = time_msec();
    poll_timer_wait_until(msec >= LLONG_MAX - now ? LLONG_MAX - 1
                                                  : now + msec);
}

void
poll_immediate_wake(void)
{
    get_loop()->immediate = true;
}

static int
compute_timeout(const struct poll_loop *loop)
{
    long long int delta;

    if (loop->immediate) {
        return 0;
    }
    if (loop->deadline == LLONG_MAX) {
        return -1;
    }
    delta = loop->deadline - time_msec();
    return delta <= 0 ? 0 : delta >= INT_MAX ? INT_MAX : (int) delta;
}

void
poll_block(void)
{
    struct poll_loop *loop = get_loop();
    int timeout = compute_timeout(loop);

    if (loop->n_fds || timeout != 0) {
        /* EINTR just ends this iteration early; callers re-run anyway. */
        if (poll(loop->fds, loop->n_fds, timeout) < 0 && errno != EINTR) {
            ovs_error(errno, "poll");
        }
    }

    loop->n_fds = 0;
    loop->deadline = LLONG_MAX;
    loop->immediate = false;
    if (++loop->generation == 0) {
        /* Wrapped: old stamps could collide, so wipe them. */
        memset(loop->slots, 0, loop->n_slots * sizeof *loop->slots);
        loop->generation = 1;
    }
}
