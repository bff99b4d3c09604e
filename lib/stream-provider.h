/* stream-provider: the interface between the generic stream layer
 * (stream.c) and the implementations of each connection method.
 *
 * A method ("unix", "tcp", "ssl") is a struct stream_class whose open()
 * parses the part of the name after "METHOD:" and creates a stream.  The
 * created object's own class supplies the I/O operations; it may be a
 * shared one (unix and tcp both produce fd streams).  Listeners work the
 * same way with struct pstream_class.
 *
 * Providers embed struct stream / struct pstream at the start of their
 * own objects and initialise it with stream_init() / pstream_init(). */
#ifndef STREAM_PROVIDER_H
#define STREAM_PROVIDER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include "stream.h"

enum stream_wait_type {
    STREAM_CONNECT,
    STREAM_RECV,
    STREAM_SEND
};

struct stream {
    const struct stream_class *class;
    int connect_status;         /* EAGAIN while connecting, then final. */
    char *name;                 /* As given to stream_open(), or a label
                                 * for accepted connections. */
    char *peer;                 /* Peer description for logs. */
};

struct stream_class {
    const char *name;           /* Method prefix without ':' ("tcp"). */
    bool needs_probes;          /* Inactivity probes useful by default. */

    /* Method entry point: SUFFIX is NAME after "METHOD:".  Returns 0 with
     * *STREAMP set, or a positive errno.  NULL for object-only classes. */
    int (*open)(const char *name, const char *suffix,
                struct stream **streamp);

    /* Object operations. */
    void (*close)(struct stream *);
    /* Advances connection setup: 0, EAGAIN or an error.  May be NULL if
     * the stream is always connected once created. */
    int (*connect)(struct stream *);
    ssize_t (*recv)(struct stream *, void *buffer, size_t n);
    ssize_t (*send)(struct stream *, const void *buffer, size_t n);
    void (*run)(struct stream *);                   /* May be NULL. */
    void (*run_wait)(struct stream *);              /* May be NULL. */
    void (*wait)(struct stream *, enum stream_wait_type);
};

/* Initialises STREAM.  CONNECT_STATUS is 0 if already connected, EAGAIN
 * if a connection is in progress.  NAME and PEER are copied; PEER may be
 * NULL to use NAME. */
void stream_init(struct stream *, const struct stream_class *,
                 int connect_status, const char *name, const char *peer);

struct pstream {
    const struct pstream_class *class;
    char *name;
    int bound_port;             /* TCP port actually bound, else 0. */
};

struct pstream_class {
    const char *name;           /* Method prefix without ':' ("ptcp"). */
    bool needs_probes;

    int (*listen)(const char *name, const char *suffix,
                  struct pstream **pstreamp);
    void (*close)(struct pstream *);
    /* Returns 0 with *STREAMP set, EAGAIN, or an error. */
    int (*accept)(struct pstream *, struct stream **streamp);
    void (*wait)(struct pstream *);
};

void pstream_init(struct pstream *, const struct pstream_class *,
                  const char *name);

/* Method classes. */
extern const struct stream_class unix_stream_class;
extern const struct stream_class tcp_stream_class;
extern const struct stream_class ssl_stream_class;
extern const struct pstream_class punix_pstream_class;
extern const struct pstream_class ptcp_pstream_class;
extern const struct pstream_class pssl_pstream_class;

/* stream-fd: streams over a connected (or connecting) socket FD, used by
 * the unix and tcp methods.  Takes ownership of FD (closed on error). */
int new_fd_stream(const char *name, int fd, int connect_status,
                  const char *peer, struct stream **streamp);

/* A listener on socket FD (taken).  ACCEPT_CB turns each accepted fd
 * (taken) and its address into a stream.  UNLINK_PATH, if nonnull, is
 * removed when the listener is closed. */
typedef int fd_pstream_accept_func(int fd, const struct sockaddr_storage *,
                                   socklen_t, struct stream **streamp);
int new_fd_pstream(const char *name, const struct pstream_class *,
                   int fd, fd_pstream_accept_func *,
                   const char *unlink_path, struct pstream **pstreamp);
/* Returns the listening fd of a pstream created by new_fd_pstream(). */
int fd_pstream_get_fd(const struct pstream *);
/* pstream_class operations shared by listeners from new_fd_pstream(). */
void fd_pstream_close(struct pstream *);
int fd_pstream_accept(struct pstream *, struct stream **);
void fd_pstream_wait(struct pstream *);
/* Makes an fd stream whose connect() to a unix socket failed with EAGAIN
 * (listener backlog full) retry connecting to ADDR. */
void fd_stream_set_retry_addr(struct stream *, const struct sockaddr *,
                              socklen_t);

/* Non-blocking connect completion check on FD: 0, EAGAIN or an error. */
int check_connection_completion(int fd);

/* stream-tcp helpers shared with stream-ssl. */

/* Parses "HOST[:PORT]" (HOST may be "[IPv6]" or a name resolved with
 * getaddrinfo) and starts a non-blocking TCP connection.  Returns 0 with
 * *FDP set and *CONNECT_STATUS 0 or EAGAIN, or a positive errno. */
int tcp_open_active(const char *target, int default_port, int *fdp,
                    int *connect_status);
/* Parses "[PORT][:IP]" and opens a listening TCP socket.  Returns 0 with
 * *FDP and *BOUND_PORT set, or a positive errno. */
int tcp_open_passive(const char *target, int default_port, int *fdp,
                     int *bound_port);
/* Formats a TCP peer address as "tcp:IP:PORT" ("tcp:[IP6]:PORT");
 * METHOD replaces "tcp".  Caller frees. */
char *tcp_format_peer(const char *method, const struct sockaddr_storage *,
                      socklen_t);
/* Sets TCP_NODELAY and the other per-connection options. */
void tcp_tune_socket(int fd);

/* Default port for tcp:/ssl: (OVSDB's IANA port). */
#define STREAM_DEFAULT_PORT 6640

#endif /* stream-provider.h */
