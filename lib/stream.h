/* stream: non-blocking byte streams and listeners named the OVS way.
 *
 * Active:  "unix:PATH", "tcp:HOST:PORT" (IPv4 or [IPv6]), "ssl:HOST:PORT".
 * Passive: "punix:PATH", "ptcp:PORT[:IP]", "pssl:PORT[:IP]".
 * A relative unix PATH is taken relative to ovs_rundir().  SSL uses the
 * process-wide key, certificate and CA set with stream_ssl_set_*(); peer
 * certificates are verified against the CA.
 *
 * Every call is non-blocking: EAGAIN means "try again after the matching
 * *_wait() fires".  Status functions return 0 or a positive errno, EOF for
 * an orderly close by the peer. */
#ifndef STREAM_H
#define STREAM_H 1

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "util.h"

struct stream;
struct pstream;

/* Returns 0 if NAME names a supported active (stream_verify_name) or
 * passive (pstream_verify_name) method, else EAFNOSUPPORT. */
int stream_verify_name(const char *name);
int pstream_verify_name(const char *name);
/* True if connections made or accepted through NAME (active or passive)
 * benefit from inactivity probes by default: tcp and ssl, not unix. */
bool stream_or_pstream_needs_probes(const char *name);

/* Starts connecting to NAME; on success *STREAMP is a new stream (caller
 * destroys with stream_close()); connection may still be in progress. */
int stream_open(const char *name, struct stream **streamp);
/* Opens NAME and blocks until connected or failed (for command-line
 * tools).  TIMEOUT_MSEC <= 0 means no limit; ETIMEDOUT when it expires.
 * Returns 0 or errno; *STREAMP NULL on failure. */
int stream_open_block(const char *name, long long int timeout_msec,
                      struct stream **streamp);
void stream_close(struct stream *);
const char *stream_get_name(const struct stream *);
/* Returns 0 when connected, EAGAIN while in progress, else an error. */
int stream_connect(struct stream *);
/* Receives up to N bytes: returns bytes read (>0), 0 at EOF, or a
 * negative errno (-EAGAIN when nothing is available). */
ssize_t stream_recv(struct stream *, void *buffer, size_t n);
/* Sends up to N bytes: returns bytes sent (>0) or a negative errno. */
ssize_t stream_send(struct stream *, const void *buffer, size_t n);
/* Housekeeping (e.g. SSL renegotiation); call every loop. */
void stream_run(struct stream *);
void stream_run_wait(struct stream *);
void stream_connect_wait(struct stream *);
void stream_recv_wait(struct stream *);
void stream_send_wait(struct stream *);
/* Peer description for logs, e.g. "unix" or "tcp:10.0.0.1:54321". */
const char *stream_get_peer(const struct stream *);

/* Starts listening on NAME; *PSTREAMP owned by caller (pstream_close). */
int pstream_open(const char *name, struct pstream **pstreamp);
const char *pstream_get_name(const struct pstream *);
void pstream_close(struct pstream *);
/* Accepts one connection: 0 with *STREAMP set, EAGAIN, or an error. */
int pstream_accept(struct pstream *, struct stream **streamp);
void pstream_wait(struct pstream *);
/* For "ptcp:0", the port actually bound; 0 for non-TCP. */
int pstream_get_bound_port(const struct pstream *);

/* SSL configuration shared by every ssl:/pssl: stream in the process.
 * File names are read when the next SSL stream is opened.  Returns 0 or
 * errno-style errors are reported when opening. */
void stream_ssl_set_private_key_file(const char *file_name);
void stream_ssl_set_certificate_file(const char *file_name);
void stream_ssl_set_ca_cert_file(const char *file_name, bool bootstrap);
bool stream_ssl_is_configured(void);
/* Restricts the TLS versions ("TLSv1.2,TLSv1.3"; older ones are refused
 * anyway) and the OpenSSL cipher list; NULL or "" restores the default.
 * Strings are copied. */
void stream_ssl_set_protocols(const char *protocols);
void stream_ssl_set_ciphers(const char *ciphers);

/* Command-line options: --private-key, --certificate, --ca-cert,
 * --bootstrap-ca-cert.  Use STREAM_SSL_LONG_OPTIONS in a getopt_long
 * table and STREAM_SSL_OPTION_HANDLERS in the switch. */
enum {
    OPT_SSL_PRIVATE_KEY = 1000,
    OPT_SSL_CERTIFICATE,
    OPT_SSL_CA_CERT,
    OPT_SSL_BOOTSTRAP_CA_CERT,
};
#define STREAM_SSL_LONG_OPTIONS                                          \
    {"private-key", required_argument, NULL, OPT_SSL_PRIVATE_KEY},      \
    {"certificate", required_argument, NULL, OPT_SSL_CERTIFICATE},      \
    {"ca-cert", required_argument, NULL, OPT_SSL_CA_CERT},              \
    {"bootstrap-ca-cert", required_argument, NULL,                      \
     OPT_SSL_BOOTSTRAP_CA_CERT}
#define STREAM_SSL_OPTION_HANDLERS                                       \
    case OPT_SSL_PRIVATE_KEY:                                           \
        stream_ssl_set_private_key_file(optarg);                        \
        break;                                                          \
    case OPT_SSL_CERTIFICATE:                                           \
        stream_ssl_set_certificate_file(optarg);                        \
        break;                                                          \
    case OPT_SSL_CA_CERT:                                               \
        stream_ssl_set_ca_cert_file(optarg, false);                     \
        break;                                                          \
    case OPT_SSL_BOOTSTRAP_CA_CERT:                                     \
        stream_ssl_set_ca_cert_file(optarg, true);                      \
        break;

#endif /* stream.h */
