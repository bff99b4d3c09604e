/* fuzz-log: libFuzzer target for database files: the record log
 * (ovsdb/log.c) and the standalone database file on top of it
 * (ovsdb/file.c: schema record, transaction replay, writing, compaction),
 * fed torn, corrupt and hostile files.
 *
 * Input layout:
 *   byte 0: bit 0 clear: the rest is the file, byte for byte (checksums
 *           will rarely match, so this mostly exercises header parsing
 *           and torn tails);
 *           bit 0 set: the rest is a list of record bodies separated by
 *           NUL bytes, written with correct "OVSDB JSON <length> <sha1>"
 *           headers, so that arbitrary JSON reaches the schema parser
 *           and transaction replay; bit 1 then gives the first record
 *           the "CLUSTER" magic instead.
 *
 * The file is written to a private temporary directory (on /dev/shm when
 * possible: the code under test fsyncs).  Then:
 *   1. the log is read record by record: after a bad record, reads
 *      report the end of the log; the good prefix plus the discarded
 *      bytes make up the whole file;
 *   2. the log is opened for writing, read, and one record appended: read
 *      again, it shows exactly the good records plus the new one (torn
 *      tails are truncated, never kept in the middle);
 *   3. the database is opened read-only, and if that works, writable: a
 *      transaction inserting a row into each table is committed through
 *      the file; reopened, the file holds the same data as the database
 *      had in memory; compacted and reopened, still the same. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/schema.h"
#include "ds.h"
#include "shash.h"
#include "util.h"
#include "vlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *tmp_dir;
static char *file_name;

static void OVS_PRINTF_FORMAT(1, 2)
fail(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    fputs("fuzz-log: ", stderr);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

static char *
error_string(struct ovsdb_error *error)
{
    return error ? ovsdb_error_to_string_free(error) : xstrdup("(none)");
}

static void
remove_dir(void)
{
    char *lock = xasprintf("%s/.db.~lock~", tmp_dir);
    char *tmp = xasprintf("%s/db.tmp", tmp_dir);

    unlink(file_name);
    unlink(lock);
    unlink(tmp);
    rmdir(tmp_dir);
    free(lock);
    free(tmp);
}

static void
initialize(void)
{
    const char *base = getenv("TMPDIR");
    char *template;

    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
    if (!access("/dev/shm", W_OK)) {
        base = "/dev/shm";
    } else if (!base) {
        base = "/tmp";
    }
    template = xasprintf("%s/fuzz-log.XXXXXX", base);
    if (!mkdtemp(template)) {
        fail("mkdtemp: %s", strerror(errno));
    }
    tmp_dir = template;
    file_name = xasprintf("%s/db", tmp_dir);
    atexit(remove_dir);
}

static void
sha1_hex(const void *data, size_t n, char hex[41])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    EVP_Digest(data, n, md, &md_len, EVP_sha1(), NULL);
    for (unsigned int i = 0; i < 20; i++) {
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    }
}

/* Builds the file contents from the input (see the layout above). */
static void
compose_file(const uint8_t *data, size_t size, uint8_t ctl, struct ds *out)
{
    const char *p = (const char *) data;
    const char *end = p + size;
    bool first = true;

    if (!(ctl & 1)) {
        ds_put_buffer(out, p, size);
        return;
    }
    while (p < end) {
        const char *nul = memchr(p, '\0', end - p);
        size_t len = (nul ? nul : end) - p;
        char sha1[41];

        sha1_hex(p, len, sha1);
        ds_put_format(out, "OVSDB %s %zu %s\n",
                      first && (ctl & 2) ? "CLUSTER" : "JSON", len, sha1);
        ds_put_buffer(out, p, len);
        first = false;
        p += len + (nul != NULL);
    }
}

static void
write_file(const struct ds *contents)
{
    int fd = open(file_name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd < 0 || write_fully(fd, contents->string, contents->length)) {
        fail("writing %s: %s", file_name, strerror(errno));
    }
    close(fd);
}

/* Reads every record of the log; returns the number of good ones. */
static size_t
read_log(struct ovsdb_log *log, json_t **lastp)
{
    struct ovsdb_error *error;
    size_t n = 0;
    json_t *json;

    for (;;) {
        error = ovsdb_log_read(log, &json);
        if (error) {
            ovsdb_error_destroy(error);
            if (json) {
                fail("ovsdb_log_read() returned an error and a record");
            }
            /* After a bad record, the log ends. */
            error = ovsdb_log_read(log, &json);
            if (error || json) {
                fail("the log did not end after a bad record: %s",
                     error_string(error));
            }
            break;
        } else if (!json) {
            break;
        }
        n++;
        if (lastp) {
            json_decref(*lastp);
            *lastp = json;
        } else {
            json_decref(json);
        }
    }
    return n;
}

static void
check_log(size_t file_size)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    json_t *record, *last = NULL;
    size_t n, n2;
    off_t good;

    error = ovsdb_log_open(file_name, NULL, OVSDB_LOG_READ_ONLY, false,
                           &log);
    if (error) {
        ovsdb_error_destroy(error);
        return;
    }
    n = read_log(log, NULL);
    good = ovsdb_log_get_offset(log);
    if (good < 0 || (size_t) good > file_size
        || (size_t) (good + ovsdb_log_get_discarded(log)) != file_size) {
        fail("log offsets: %lld good + %lld discarded bytes for a file of "
             "%zu", (long long int) good,
             (long long int) ovsdb_log_get_discarded(log), file_size);
    }
    ovsdb_log_close(log);

    /* Append a record after the good prefix. */
    error = ovsdb_log_open(file_name, NULL, OVSDB_LOG_READ_WRITE, -1, &log);
    if (error) {
        fail("log opens read-only but not read-write: %s",
             error_string(error));
    }
    if (read_log(log, NULL) != n) {
        fail("read-write open sees a different number of records");
    }
    record = json_pack("{s:i, s:s}", "fuzz", 1, "x", "\xc3\xa9");
    error = ovsdb_log_write(log, record);
    if (error) {
        fail("appending a record failed: %s", error_string(error));
    }
    error = ovsdb_log_commit_block(log);
    if (error) {
        fail("syncing the log failed: %s", error_string(error));
    }
    ovsdb_log_close(log);

    error = ovsdb_log_open(file_name, NULL, OVSDB_LOG_READ_ONLY, false,
                           &log);
    if (error) {
        fail("log does not open after appending: %s", error_string(error));
    }
    n2 = read_log(log, &last);
    if (ovsdb_log_get_discarded(log)) {
        fail("bytes discarded after appending a record");
    }
    if (n2 != n + 1 || !json_equal(last, record)) {
        fail("after appending to %zu good records, %zu records read", n,
             n2);
    }
    ovsdb_log_close(log);
    json_decref(last);
    json_decref(record);
}

static json_t *
snapshot(const struct ovsdb *db)
{
    json_t *json = ovsdb_file_snapshot_to_json(db, NULL);

    json_object_del(json, "_date");
    return json;
}

/* Reopens the file read-only and checks it holds EXPECTED. */
static void
check_reopen(const json_t *expected, const char *what)
{
    struct ovsdb_error *error;
    struct ovsdb *db;
    json_t *actual;

    error = ovsdb_file_open(file_name, true, &db, NULL);
    if (error) {
        fail("database does not open after %s: %s", what,
             error_string(error));
    }
    actual = snapshot(db);
    if (!json_equal(actual, expected)) {
        char *a = json_dumps(actual, JSON_COMPACT | JSON_SORT_KEYS);
        char *e = json_dumps(expected, JSON_COMPACT | JSON_SORT_KEYS);

        fail("after %s the file holds\n%s\ninstead of\n%s", what, a, e);
    }
    json_decref(actual);
    ovsdb_destroy(db);
}

static void
check_file(void)
{
    struct ovsdb_error *error;
    struct ovsdb_file *file;
    struct ovsdb *db;
    json_t *params, *result, *expected;
    struct shash_node *node;

    error = ovsdb_file_open(file_name, true, &db, NULL);
    if (error) {
        ovsdb_error_destroy(error);
        return;
    }
    json_decref(snapshot(db));
    ovsdb_destroy(db);

    error = ovsdb_file_open(file_name, false, &db, &file);
    if (error) {
        fail("database opens read-only but not writable: %s",
             error_string(error));
    }

    /* One transaction that inserts a row of defaults into every table;
     * it may well fail (constraints), which must not matter. */
    params = json_array();
    json_array_append_new(params, json_string(ovsdb_get_name(db)));
    SHASH_FOR_EACH (node, &db->tables) {
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:{}}", "op", "insert",
                                        "table", node->name, "row"));
    }
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, NULL, NULL);
    json_decref(result);
    json_decref(params);

    expected = snapshot(db);
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);
    check_reopen(expected, "a commit");

    error = ovsdb_file_open(file_name, false, &db, &file);
    if (error) {
        fail("database does not reopen writable: %s", error_string(error));
    }
    error = ovsdb_file_compact(file, "fuzz");
    if (error) {
        fail("compaction failed: %s", error_string(error));
    }
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);
    check_reopen(expected, "compaction");
    json_decref(expected);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool initialized;
    struct ds contents = DS_EMPTY_INITIALIZER;

    if (!initialized) {
        initialize();
        initialized = true;
    }
    if (size < 1) {
        return 0;
    }
    compose_file(data + 1, size - 1, data[0], &contents);
    write_file(&contents);

    check_log(contents.length);
    write_file(&contents);
    check_file();

    ds_destroy(&contents);
    return 0;
}
