/* fuzz-server: libFuzzer target for the OVSDB JSON-RPC server as a
 * hostile client sees it (ovsdb/jsonrpc-server.c, monitor.c,
 * server-db.c, over lib/jsonrpc and a real unix socket): every method
 * (transact, monitor, monitor_cond, monitor_cond_since,
 * monitor_cond_change, lock/steal/unlock, cancel, echo, get_schema,
 * list_dbs, get_server_id, set_db_change_aware, unknown ones...) with
 * whatever parameters the input holds.
 *
 * Input layout:
 *   byte 0: bit 0: the remote is read-only; bit 1: the client never
 *           reads until it has sent everything (replies pile up in the
 *           server's backlog); bits 2-4: the client writes chunks of up
 *           to 64 << (0..7) bytes (fuzz-jsonrpc covers finer splits);
 *   then:   the bytes the client sends; the client then half-closes the
 *           connection.
 *
 * Each input gets a fresh server with a fresh Open_vSwitch database
 * (vswitchd/vswitch.ovsschema, found as fuzz-transact finds it) plus
 * _Server, listening on punix: in a private directory.  The server runs
 * until it has processed everything and closed the connection (it must:
 * the client sent EOF), or a bound on iterations is reached -- a wedged
 * server is reported as a bug only when it keeps the session open
 * without ever reading the input.  $FUZZ_VERBOSE prints what the server
 * sends back. */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <jansson.h>

#include "ovsdb/jsonrpc-server.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/schema.h"
#include "ovsdb/server-db.h"
#include "fatal-signal.h"
#include "shash.h"
#include "util.h"
#include "vlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ovsdb_schema *vswitch_schema;
static char *tmp_dir;
static char *sock_path;

static void OVS_PRINTF_FORMAT(1, 2)
fail(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    fputs("fuzz-server: ", stderr);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

static void
remove_dir(void)
{
    unlink(sock_path);
    rmdir(tmp_dir);
}

static struct ovsdb_schema *
load_schema_file(void)
{
    const char *path = getenv("FUZZ_VSWITCH_SCHEMA");
    struct ovsdb_error *error;
    struct ovsdb_schema *schema;
    char exe[4096];
    char *to_free = NULL;

    if (!path && access("vswitchd/vswitch.ovsschema", R_OK)) {
        /* tests/fuzz/bin/<target> -> <top>/vswitchd/... */
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

        if (n > 0) {
            char *slash;

            exe[n] = '\0';
            for (int i = 0; i < 4 && (slash = strrchr(exe, '/')); i++) {
                *slash = '\0';
            }
            path = to_free = xasprintf("%s/vswitchd/vswitch.ovsschema",
                                       exe);
        }
    }
    if (!path) {
        path = "vswitchd/vswitch.ovsschema";
    }
    error = ovsdb_schema_from_file(path, &schema);
    if (error) {
        fail("%s", ovsdb_error_to_string(error));
    }
    free(to_free);
    return schema;
}

static void
initialize(void)
{
    const char *base = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";
    char *template;

    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);

    /* punix: listeners register their socket with fatal-signal, whose
     * handlers would replace libFuzzer's (its -timeout relies on
     * SIGALRM): initialize fatal-signal now, then give libFuzzer its
     * handlers back. */
    static const int signals[] = { SIGALRM, SIGINT, SIGTERM, SIGHUP };
    struct sigaction saved[ARRAY_SIZE(signals)];
    for (size_t i = 0; i < ARRAY_SIZE(signals); i++) {
        sigaction(signals[i], NULL, &saved[i]);
    }
    fatal_signal_init();
    for (size_t i = 0; i < ARRAY_SIZE(signals); i++) {
        sigaction(signals[i], &saved[i], NULL);
    }

    vswitch_schema = load_schema_file();
    template = xasprintf("%s/fuzz-server.XXXXXX", base);
    if (!mkdtemp(template)) {
        fail("mkdtemp: %s", strerror(errno));
    }
    tmp_dir = template;
    sock_path = xasprintf("%s/db.sock", tmp_dir);
    atexit(remove_dir);
}

static int
connect_client(void)
{
    struct sockaddr_un sun;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    if (fd < 0) {
        fail("socket: %s", strerror(errno));
    }
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    if (strlen(sock_path) >= sizeof sun.sun_path) {
        fail("socket path too long");
    }
    memcpy(sun.sun_path, sock_path, strlen(sock_path));
    if (connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
        fail("connect %s: %s", sock_path, strerror(errno));
    }
    set_nonblocking(fd);
    return fd;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool initialized;
    struct ovsdb_jsonrpc_options options;
    struct ovsdb_jsonrpc_server *server;
    struct ovsdb *db, *server_db;
    struct shash remotes;
    bool never_read, eof = false, shut = false;
    uint32_t rng;
    size_t ofs = 0;
    char *remote;
    int fd, i;

    if (!initialized) {
        initialize();
        initialized = true;
    }
    if (size < 1) {
        return 0;
    }
    never_read = data[0] & 2;
    rng = 0x2545f491u ^ data[0];

    server = ovsdb_jsonrpc_server_create();
    db = ovsdb_create(ovsdb_schema_clone(vswitch_schema));
    server_db = ovsdb_server_db_create();
    ovsdb_jsonrpc_server_add_db(server, server_db, NULL, false);
    ovsdb_jsonrpc_server_add_db(server, db, NULL, false);
    ovsdb_server_db_update(server_db, &db, 1);

    memset(&options, 0, sizeof options);
    options.read_only = data[0] & 1;
    remote = xasprintf("punix:%s", sock_path);
    shash_init(&remotes);
    shash_add(&remotes, remote, &options);
    ovsdb_jsonrpc_server_set_remotes(server, &remotes);
    ovsdb_jsonrpc_server_run(server);
    fd = connect_client();

    data++;
    size--;
    for (i = 0; i < 200 + (int) size / 16 && !eof; i++) {
        char buf[65536];
        ssize_t n;

        if (ofs < size) {
            size_t chunk;

            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            chunk = 1 + rng % (64u << (data[-1] >> 2 & 7));
            chunk = MIN(chunk, size - ofs);
            n = send(fd, data + ofs, chunk, MSG_NOSIGNAL);
            if (n > 0) {
                ofs += n;
            } else if (n < 0 && errno != EAGAIN) {
                break;          /* The server hung up on us. */
            }
        } else if (!shut) {
            shutdown(fd, SHUT_WR);
            shut = true;
        }

        ovsdb_jsonrpc_server_run(server);

        if (!never_read || shut) {
            n = recv(fd, buf, sizeof buf, 0);
            if (n > 0 && getenv("FUZZ_VERBOSE")) {
                fwrite(buf, 1, n, stderr);
            }
            if (n == 0) {
                eof = true;
            } else if (n < 0 && errno != EAGAIN) {
                eof = true;
            }
        }
    }
    if (getenv("FUZZ_VERBOSE")) {
        fprintf(stderr, "\n%d iterations, %zu of %zu bytes sent, %s\n", i,
                ofs, size, eof ? "server closed" : "server still open");
    }
    close(fd);
    ovsdb_jsonrpc_server_run(server);

    ovsdb_jsonrpc_server_destroy(server);
    ovsdb_destroy(db);
    ovsdb_destroy(server_db);
    shash_destroy(&remotes);
    free(remote);
    return 0;
}
