/* stream-fd: streams and listeners over plain socket file descriptors.
 * The unix and tcp methods parse their names and create the sockets; this
 * module does the I/O (recv/send with MSG_NOSIGNAL, never blocking),
 * completes non-blocking connects and accepts connections for their
 * listeners. */
#include "stream-provider.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "fatal-signal.h"
#include "poll-loop.h"
#include "util.h"

struct fd_stream {
    struct stream up;
    int fd;
    struct sockaddr_storage retry_addr; /* Unix connect retried on EAGAIN. */
    socklen_t retry_len;                /* 0: nothing to retry. */
};

static const struct stream_class fd_stream_class;

static struct fd_stream *
fd_stream_cast(struct stream *stream)
{
    return CONTAINER_OF(stream, struct fd_stream, up);
}

int
new_fd_stream(const char *name, int fd, int connect_status,
              const char *peer, struct stream **streamp)
{
    struct fd_stream *s = xzalloc(sizeof *s);

    stream_init(&s->up, &fd_stream_class, connect_status, name, peer);
    s->fd = fd;
    *streamp = &s->up;
    return 0;
}

void
fd_stream_set_retry_addr(struct stream *stream, const struct sockaddr *addr,
                         socklen_t len)
{
    struct fd_stream *s = fd_stream_cast(stream);

    if (len <= sizeof s->retry_addr) {
        memcpy(&s->retry_addr, addr, len);
        s->retry_len = len;
    }
}

static void
fd_stream_close(struct stream *stream)
{
    struct fd_stream *s = fd_stream_cast(stream);

    close(s->fd);
    free(s);
}

int
check_connection_completion(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int retval;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval < 0) {
        return errno;
    } else if (retval == 0) {
        return EAGAIN;
    } else {
        int error = 0;
        socklen_t len = sizeof error;

        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0) {
            return errno;
        }
        if (!error && (pfd.revents & (POLLERR | POLLHUP))
            && !(pfd.revents & POLLOUT)) {
            error = ECONNREFUSED;
        }
        return error;
    }
}

static int
fd_stream_connect(struct stream *stream)
{
    struct fd_stream *s = fd_stream_cast(stream);

    if (s->retry_len) {
        if (connect(s->fd, (struct sockaddr *) &s->retry_addr,
                    s->retry_len) == 0) {
            s->retry_len = 0;
            return 0;
        }
        if (errno == EAGAIN || errno == EINTR) {
            return EAGAIN;
        }
        s->retry_len = 0;
        return errno == EINPROGRESS ? EAGAIN : errno;
    }
    return check_connection_completion(s->fd);
}

static ssize_t
fd_stream_recv(struct stream *stream, void *buffer, size_t n)
{
    struct fd_stream *s = fd_stream_cast(stream);
    ssize_t retval;

    do {
        retval = recv(s->fd, buffer, n, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval < 0) {
        return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
    return retval;
}

static ssize_t
fd_stream_send(struct stream *stream, const void *buffer, size_t n)
{
    struct fd_stream *s = fd_stream_cast(stream);
    ssize_t retval;

    do {
        retval = send(s->fd, buffer, n, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);

    if (retval < 0) {
        return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
    return retval;
}

static void
fd_stream_wait(struct stream *stream, enum stream_wait_type type)
{
    struct fd_stream *s = fd_stream_cast(stream);

    switch (type) {
    case STREAM_CONNECT:
        if (s->retry_len) {
            /* Nothing signals that the backlog drained: poll soon. */
            poll_timer_wait(10);
        } else {
            poll_fd_wait(s->fd, POLLOUT);
        }
        break;
    case STREAM_SEND:
        poll_fd_wait(s->fd, POLLOUT);
        break;
    case STREAM_RECV:
        poll_fd_wait(s->fd, POLLIN);
        break;
    }
}

static const struct stream_class fd_stream_class = {
    .name = "fd",
    .close = fd_stream_close,
    .connect = fd_stream_connect,
    .recv = fd_stream_recv,
    .send = fd_stream_send,
    .wait = fd_stream_wait,
};

/* Listeners. */

struct fd_pstream {
    struct pstream up;
    int fd;
    fd_pstream_accept_func *accept_cb;
    char *unlink_path;
};

static struct fd_pstream *
fd_pstream_cast(const struct pstream *pstream)
{
    return CONTAINER_OF(pstream, struct fd_pstream, up);
}

int
new_fd_pstream(const char *name, const struct pstream_class *class,
               int fd, fd_pstream_accept_func *accept_cb,
               const char *unlink_path, struct pstream **pstreamp)
{
    struct fd_pstream *ps = xzalloc(sizeof *ps);

    pstream_init(&ps->up, class, name);
    ps->fd = fd;
    ps->accept_cb = accept_cb;
    ps->unlink_path = nullable_xstrdup(unlink_path);
    if (unlink_path) {
        /* Remove the socket file if a signal ends the process. */
        fatal_signal_add_file_to_unlink(unlink_path);
    }
    *pstreamp = &ps->up;
    return 0;
}

int
fd_pstream_get_fd(const struct pstream *pstream)
{
    return fd_pstream_cast(pstream)->fd;
}

void
fd_pstream_close(struct pstream *pstream)
{
    struct fd_pstream *ps = fd_pstream_cast(pstream);

    close(ps->fd);
    if (ps->unlink_path) {
        fatal_signal_unlink_file_now(ps->unlink_path);
        free(ps->unlink_path);
    }
    free(ps);
}

int
fd_pstream_accept(struct pstream *pstream, struct stream **streamp)
{
    struct fd_pstream *ps = fd_pstream_cast(pstream);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd;

    /* Daemons call this every loop iteration.  An accept4() that finds no
     * connection still allocates and frees a socket in the kernel, which
     * showed up as a sixth of ovsdb-server's CPU under load; a zero-timeout
     * poll() is far cheaper. */
    struct pollfd pfd = { .fd = ps->fd, .events = POLLIN };
    if (poll(&pfd, 1, 0) == 0) {
        return EAGAIN;
    }

    do {
        fd = accept4(ps->fd, (struct sockaddr *) &ss, &len,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);

    if (fd < 0) {
        int error = errno;
        return error == EWOULDBLOCK || error == ECONNABORTED ? EAGAIN
                                                              : error;
    }
    return ps->accept_cb(fd, &ss, len, streamp);
}

void
fd_pstream_wait(struct pstream *pstream)
{
    poll_fd_wait(fd_pstream_cast(pstream)->fd, POLLIN);
}
