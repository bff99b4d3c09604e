/* stream: the generic half of the stream layer.  It maps a name such as
 * "tcp:10.0.0.1:6640" to its method's provider (stream-unix.c,
 * stream-tcp.c, stream-ssl.c), tracks connection progress and forwards
 * I/O to the provider's vtable (see stream-provider.h).  It also offers
 * stream_open_block() for command-line tools, which simply spins the poll
 * loop until the connection completes or times out. */
#include "stream.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "poll-loop.h"
#include "stream-provider.h"
#include "timeval.h"
#include "util.h"

static const struct stream_class *const stream_classes[] = {
    &unix_stream_class,
    &tcp_stream_class,
    &ssl_stream_class,
};

static const struct pstream_class *const pstream_classes[] = {
    &punix_pstream_class,
    &ptcp_pstream_class,
    &pssl_pstream_class,
};

/* Returns the suffix of NAME after "PREFIX:" or NULL if NAME does not
 * start with that. */
static const char *
method_suffix(const char *name, const char *prefix)
{
    size_t len = strlen(prefix);

    if (!strncmp(name, prefix, len) && name[len] == ':') {
        return name + len + 1;
    }
    return NULL;
}

static const struct stream_class *
stream_lookup_class(const char *name, const char **suffixp)
{
    for (size_t i = 0; i < ARRAY_SIZE(stream_classes); i++) {
        const char *suffix = method_suffix(name, stream_classes[i]->name);
        if (suffix) {
            *suffixp = suffix;
            return stream_classes[i];
        }
    }
    return NULL;
}

static const struct pstream_class *
pstream_lookup_class(const char *name, const char **suffixp)
{
    for (size_t i = 0; i < ARRAY_SIZE(pstream_classes); i++) {
        const char *suffix = method_suffix(name, pstream_classes[i]->name);
        if (suffix) {
            *suffixp = suffix;
            return pstream_classes[i];
        }
    }
    return NULL;
}

int
stream_verify_name(const char *name)
{
    const char *suffix;

    return stream_lookup_class(name, &suffix) ? 0 : EAFNOSUPPORT;
}

int
pstream_verify_name(const char *name)
{
    const char *suffix;

    return pstream_lookup_class(name, &suffix) ? 0 : EAFNOSUPPORT;
}

bool
stream_or_pstream_needs_probes(const char *name)
{
    const struct stream_class *class;
    const struct pstream_class *pclass;
    const char *suffix;

    class = stream_lookup_class(name, &suffix);
    if (class) {
        return class->needs_probes;
    }
    pclass = pstream_lookup_class(name, &suffix);
    return pclass ? pclass->needs_probes : false;
}

void
stream_init(struct stream *stream, const struct stream_class *class,
            int connect_status, const char *name, const char *peer)
{
    stream->class = class;
    stream->connect_status = connect_status;
    stream->name = xstrdup(name);
    stream->peer = xstrdup(peer ? peer : name);
}

int
stream_open(const char *name, struct stream **streamp)
{
    const struct stream_class *class;
    const char *suffix;
    int error;

    *streamp = NULL;
    class = stream_lookup_class(name, &suffix);
    if (!class) {
        return EAFNOSUPPORT;
    }
    error = class->open(name, suffix, streamp);
    if (error) {
        *streamp = NULL;
    }
    return error;
}

int
stream_open_block(const char *name, long long int timeout_msec,
                  struct stream **streamp)
{
    long long int deadline;
    struct stream *stream;
    int error;

    *streamp = NULL;
    error = stream_open(name, &stream);
    if (error) {
        return error;
    }

    deadline = timeout_msec > 0 ? time_msec() + timeout_msec : LLONG_MAX;
    for (;;) {
        stream_run(stream);
        error = stream_connect(stream);
        if (error != EAGAIN) {
            break;
        }
        if (time_msec() >= deadline) {
            error = ETIMEDOUT;
            break;
        }
        stream_run_wait(stream);
        stream_connect_wait(stream);
        if (deadline != LLONG_MAX) {
            poll_timer_wait_until(deadline);
        }
        poll_block();
    }

    if (error) {
        stream_close(stream);
        return error;
    }
    *streamp = stream;
    return 0;
}

void
stream_close(struct stream *stream)
{
    if (stream) {
        char *name = stream->name;
        char *peer = stream->peer;

        stream->class->close(stream);
        free(name);
        free(peer);
    }
}

const char *
stream_get_name(const struct stream *stream)
{
    return stream->name;
}

const char *
stream_get_peer(const struct stream *stream)
{
    return stream->peer;
}

int
stream_connect(struct stream *stream)
{
    if (stream->connect_status == EAGAIN) {
        int error = stream->class->connect
                    ? stream->class->connect(stream) : 0;
        if (error != EAGAIN) {
            stream->connect_status = error;
        }
    }
    return stream->connect_status;
}

ssize_t
stream_recv(struct stream *stream, void *buffer, size_t n)
{
    int error = stream_connect(stream);

    if (error) {
        return -(error == EOF ? EPIPE : error);
    }
    return n ? stream->class->recv(stream, buffer, n) : 0;
}

ssize_t
stream_send(struct stream *stream, const void *buffer, size_t n)
{
    int error = stream_connect(stream);

    if (error) {
        return -(error == EOF ? EPIPE : error);
    }
    return n ? stream->class->send(stream, buffer, n) : 0;
}

void
stream_run(struct stream *stream)
{
    if (stream->class->run) {
        stream->class->run(stream);
    }
}

void
stream_run_wait(struct stream *stream)
{
    if (stream->class->run_wait) {
        stream->class->run_wait(stream);
    }
}

static void
stream_wait(struct stream *stream, enum stream_wait_type type)
{
    switch (stream->connect_status) {
    case EAGAIN:
        stream->class->wait(stream, STREAM_CONNECT);
        break;
    case 0:
        stream->class->wait(stream, type);
        break;
    default:
        /* Failed: the caller will see the error at once. */
        poll_immediate_wake();
        break;
    }
}

void
stream_connect_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_CONNECT);
}

void
stream_recv_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_RECV);
}

void
stream_send_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_SEND);
}

void
pstream_init(struct pstream *pstream, const struct pstream_class *class,
             const char *name)
{
    pstream->class = class;
    pstream->name = xstrdup(name);
    pstream->bound_port = 0;
}

int
pstream_open(const char *name, struct pstream **pstreamp)
{
    const struct pstream_class *class;
    const char *suffix;
    int error;

    *pstreamp = NULL;
    class = pstream_lookup_class(name, &suffix);
    if (!class) {
        return EAFNOSUPPORT;
    }
    error = class->listen(name, suffix, pstreamp);
    if (error) {
        *pstreamp = NULL;
    }
    return error;
}

const char *
pstream_get_name(const struct pstream *pstream)
{
    return pstream->name;
}

void
pstream_close(struct pstream *pstream)
{
    if (pstream) {
        char *name = pstream->name;

        pstream->class->close(pstream);
        free(name);
    }
}

int
pstream_accept(struct pstream *pstream, struct stream **streamp)
{
    int error = pstream->class->accept(pstream, streamp);

    if (error) {
        *streamp = NULL;
    }
    return error;
}

void
pstream_wait(struct pstream *pstream)
{
    pstream->class->wait(pstream);
}

int
pstream_get_bound_port(const struct pstream *pstream)
{
    return pstream->bound_port;
}
