/* Unit tests for ovsdb/log: the OVSDB record log every database file is
 * made of.  Records must round-trip in the exact byte layout Open vSwitch
 * reads ("OVSDB JSON <len> <sha1>\n<json>\n"); torn and corrupt tails
 * must leave the good prefix readable and be cut off by the next write;
 * the lock file must keep a second writer out; atomic replacement must
 * leave either the old or the new file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ds.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-error.h"
#include "util.h"

struct fixture {
    char dir[64];
    char *file;
};

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);

    snprintf(f->dir, sizeof f->dir, "/tmp/test-ovsdb-log.XXXXXX");
    if (!mkdtemp(f->dir)) {
        return -1;
    }
    f->file = xasprintf("%s/db", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);

    if (system(cmd)) {
        /* Nothing useful to do. */
    }
    free(cmd);
    free(f->file);
    free(f);
    return 0;
}

/* Fails the test with ERROR's text if ERROR is nonnull. */
static void
check_ok(struct ovsdb_error *error)
{
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        fail_msg("unexpected error: %s", s);
    }
}

/* Returns ERROR's text (caller frees); fails if ERROR is NULL. */
static char *
expect_error(struct ovsdb_error *error)
{
    if (!error) {
        fail_msg("expected an error");
    }
    return ovsdb_error_to_string_free(error);
}

static json_t *
record(int i)
{
    return json_pack("{s:i, s:s}", "n", i, "s", "line\nwith \"quotes\" é");
}

/* Creates F->file holding N records record(0)...record(N - 1). */
static void
write_records(const char *file, int n)
{
    struct ovsdb_log *log;

    check_ok(ovsdb_log_open(file, OVSDB_MAGIC, OVSDB_LOG_CREATE_EXCL, -1,
                            &log));
    for (int i = 0; i < n; i++) {
        check_ok(ovsdb_log_write_and_free(log, record(i)));
    }
    check_ok(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);
}

/* Reads every record of FILE, checking that they are record(0)... and
 * returns how many there were.  If ERRORP is nonnull, stores the text of
 * the error that ended reading (or NULL) there. */
static int
read_records(const char *file, char **errorp)
{
    struct ovsdb_log *log;
    int n = 0;

    check_ok(ovsdb_log_open(file, OVSDB_MAGIC, OVSDB_LOG_READ_ONLY, -1,
                            &log));
    if (errorp) {
        *errorp = NULL;
    }
    for (;;) {
        struct ovsdb_error *error;
        json_t *json;

        error = ovsdb_log_read(log, &json);
        if (error) {
            assert_non_null(errorp);
            *errorp = ovsdb_error_to_string_free(error);
            break;
        }
        if (!json) {
            break;
        }
        json_t *expected = record(n);
        assert_true(json_equal(json, expected));
        json_decref(expected);
        json_decref(json);
        n++;
    }
    ovsdb_log_close(log);
    return n;
}

static off_t
file_size(const char *file)
{
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    return st.st_size;
}

static char *
slurp(const char *file)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    FILE *stream = fopen(file, "r");
    int c;

    assert_non_null(stream);
    while ((c = getc(stream)) != EOF) {
        ds_put_char(&s, c);
    }
    fclose(stream);
    return ds_steal_cstr(&s);
}

static void
append_bytes(const char *file, const char *bytes)
{
    FILE *stream = fopen(file, "a");
    assert_non_null(stream);
    fputs(bytes, stream);
    fclose(stream);
}

/* The exact bytes OVS writes and reads: header, JSON, newline, with the
 * length and SHA-1 covering JSON plus newline. */
static void
test_record_layout(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;

    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_CREATE_EXCL, -1,
                            &log));
    check_ok(ovsdb_log_write_and_free(log, json_pack("{s:i}", "a", 1)));
    check_ok(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    char *contents = slurp(f->file);
    assert_string_equal(contents,
                        "OVSDB JSON 8 "
                        "8a3d961f7fe8ef7b41d461059884a9461be85059\n"
                        "{\"a\":1}\n");
    free(contents);

    /* New files are not world-readable (OVS creates them 0660). */
    struct stat st;
    assert_int_equal(stat(f->file, &st), 0);
    assert_int_equal(st.st_mode & 0007, 0);
}

static void
test_round_trip(void **state)
{
    struct fixture *f = *state;
    char *error;

    write_records(f->file, 5);
    assert_int_equal(read_records(f->file, &error), 5);
    assert_null(error);

    /* Reopen for writing and append: the old records stay. */
    struct ovsdb_log *log;
    json_t *json;
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log));
    for (int i = 0; i < 5; i++) {
        check_ok(ovsdb_log_read(log, &json));
        assert_non_null(json);
        json_decref(json);
    }
    check_ok(ovsdb_log_read(log, &json));
    assert_null(json);
    assert_int_equal(ovsdb_log_get_offset(log), file_size(f->file));
    check_ok(ovsdb_log_write_and_free(log, record(5)));
    assert_int_equal(ovsdb_log_get_n_uncommitted(log), 1);
    check_ok(ovsdb_log_commit_block(log));
    assert_int_equal(ovsdb_log_get_n_uncommitted(log), 0);
    ovsdb_log_close(log);
    assert_int_equal(read_records(f->file, NULL), 6);
}

/* A crash in the middle of writing a record: the records before it are
 * readable, and the next write replaces the torn bytes. */
static void
test_torn_tail(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;
    json_t *json;
    char *error;

    write_records(f->file, 3);
    off_t full = file_size(f->file);
    assert_int_equal(truncate(f->file, full - 10), 0);

    assert_int_equal(read_records(f->file, &error), 2);
    assert_non_null(error);
    assert_non_null(strstr(error, "I/O error"));
    assert_non_null(strstr(error, "starting at offset"));
    free(error);

    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log));
    for (int i = 0; i < 2; i++) {
        check_ok(ovsdb_log_read(log, &json));
        assert_non_null(json);
        json_decref(json);
    }
    error = expect_error(ovsdb_log_read(log, &json));
    free(error);
    assert_null(json);
    off_t good = ovsdb_log_get_offset(log);
    assert_true(ovsdb_log_get_discarded(log) > 0);
    assert_int_equal(good + ovsdb_log_get_discarded(log), full - 10);

    /* Once the bad record is reported, the log ends there. */
    check_ok(ovsdb_log_read(log, &json));
    assert_null(json);

    check_ok(ovsdb_log_write_and_free(log, record(2)));
    check_ok(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);

    assert_int_equal(file_size(f->file), full);
    assert_int_equal(read_records(f->file, &error), 3);
    assert_null(error);
}

/* A header cut in the middle of its line. */
static void
test_torn_header(void **state)
{
    struct fixture *f = *state;
    char *error;

    write_records(f->file, 2);
    append_bytes(f->file, "OVSDB JSON 12");
    assert_int_equal(read_records(f->file, &error), 2);
    assert_non_null(strstr(error, "parse error at offset"));
    free(error);
}

static void
test_bad_sha1(void **state)
{
    struct fixture *f = *state;
    char *error;

    write_records(f->file, 3);
    char *contents = slurp(f->file);
    /* Corrupt one byte inside the second record's JSON: "n":1 -> "n":7. */
    char *second = strstr(contents, "\"n\":1");
    assert_non_null(second);
    second[4] = '7';
    FILE *stream = fopen(f->file, "w");
    fputs(contents, stream);
    fclose(stream);
    free(contents);

    assert_int_equal(read_records(f->file, &error), 1);
    assert_non_null(strstr(error, "syntax error"));
    assert_non_null(strstr(error, "have SHA-1 hash"));
    assert_non_null(strstr(error, "but should have hash"));
    free(error);
}

/* A length beyond the end of the file, and one that cuts the JSON. */
static void
test_bad_length(void **state)
{
    struct fixture *f = *state;
    char *error;

    write_records(f->file, 1);
    append_bytes(f->file, "OVSDB JSON 999999999999 "
                 "0000000000000000000000000000000000000000\n{}\n");
    assert_int_equal(read_records(f->file, &error), 1);
    assert_non_null(strstr(error, "error reading 999999999999 bytes"));
    free(error);

    /* '{"a' with a correct length and SHA-1: not valid JSON. */
    assert_int_equal(unlink(f->file), 0);
    write_records(f->file, 1);
    append_bytes(f->file, "OVSDB JSON 4 "
                 "549d33b8e89b143039e81bddbf9360bd335cc0fe\n{\"a\n");
    assert_int_equal(read_records(f->file, &error), 1);
    assert_non_null(strstr(error, "are not valid JSON"));
    free(error);
}

/* JSON that is valid but not an object, with a correct checksum. */
static void
test_not_object(void **state)
{
    struct fixture *f = *state;
    char *error;

    write_records(f->file, 1);
    /* SHA-1 of "[1]\n". */
    append_bytes(f->file, "OVSDB JSON 4 "
                 "6d7e0100a388d5914d5a530b405235ce85fea122\n[1]\n");
    assert_int_equal(read_records(f->file, &error), 1);
    assert_non_null(strstr(error, "are not a JSON object"));
    free(error);
}

static void
test_garbage_header(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;
    json_t *json;
    char *error;

    write_records(f->file, 2);
    off_t good = file_size(f->file);
    append_bytes(f->file, "garbage\nmore garbage\n");
    assert_int_equal(read_records(f->file, &error), 2);
    assert_non_null(strstr(error, "header line \"garbage\""));
    free(error);

    /* A write cuts the garbage off. */
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log));
    for (;;) {
        struct ovsdb_error *e = ovsdb_log_read(log, &json);
        ovsdb_error_destroy(e);
        if (!json) {
            break;
        }
        json_decref(json);
    }
    assert_int_equal(ovsdb_log_get_offset(log), good);
    check_ok(ovsdb_log_write_and_free(log, record(2)));
    ovsdb_log_close(log);
    assert_int_equal(read_records(f->file, &error), 3);
    assert_null(error);
}

static void
test_empty_file(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;
    json_t *json;

    close(open(f->file, O_CREAT | O_WRONLY, 0600));

    /* Without an expected magic, an empty file has no type. */
    char *error = expect_error(ovsdb_log_open(f->file, NULL,
                                              OVSDB_LOG_READ_ONLY, -1,
                                              &log));
    assert_null(log);
    assert_non_null(strstr(error, "cannot identify file type"));
    free(error);

    /* With one, it is an empty log that can be written. */
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log));
    check_ok(ovsdb_log_read(log, &json));
    assert_null(json);
    check_ok(ovsdb_log_write_and_free(log, record(0)));
    ovsdb_log_close(log);
    assert_int_equal(read_records(f->file, NULL), 1);
}

static void
test_missing_file(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;

    char *error = expect_error(ovsdb_log_open(f->file, OVSDB_MAGIC,
                                              OVSDB_LOG_READ_ONLY, -1,
                                              &log));
    assert_non_null(strstr(error, "open failed"));
    free(error);

    write_records(f->file, 1);
    error = expect_error(ovsdb_log_open(f->file, OVSDB_MAGIC,
                                        OVSDB_LOG_CREATE_EXCL, -1, &log));
    assert_non_null(strstr(error, "File exists"));
    free(error);
}

static void
test_clustered(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;

    check_ok(ovsdb_log_open(f->file, OVSDB_CLUSTER_MAGIC,
                            OVSDB_LOG_CREATE_EXCL, -1, &log));
    check_ok(ovsdb_log_write_and_free(log, json_pack("{s:s}", "name", "x")));
    ovsdb_log_close(log);

    char *error = expect_error(ovsdb_log_open(f->file, OVSDB_MAGIC,
                                              OVSDB_LOG_READ_ONLY, -1,
                                              &log));
    assert_non_null(strstr(error, "clustered database file"));
    free(error);

    check_ok(ovsdb_log_open(f->file, NULL, OVSDB_LOG_READ_ONLY, -1, &log));
    assert_string_equal(ovsdb_log_get_magic(log), OVSDB_CLUSTER_MAGIC);
    ovsdb_log_close(log);
}

/* Writes FILE as one record {"x": 1} under a header with MAGIC. */
static void
write_with_magic(const char *file, const char *magic)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    json_t *json = json_pack("{s:i}", "x", 1);
    FILE *stream = fopen(file, "w");

    ovsdb_log_compose_record(json, magic, &s);
    assert_non_null(stream);
    fwrite(s.string, 1, s.length, stream);
    fclose(stream);
    ds_destroy(&s);
    json_decref(json);
}

/* Files whose first header has a magic other than JSON and CLUSTER are not
 * database files, as OVS says ("cannot identify file type"), nor are
 * files whose first header line is too long to be one ("unexpected file
 * format").  Found by tests/fuzz/fuzz-log: with no expected magic, a file
 * with a long made-up magic used to open, and records appended to it got
 * that magic in headers too long to be read back. */
static void
test_unknown_magic(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;
    char *error;

    write_with_magic(f->file, "FOO");
    error = expect_error(ovsdb_log_open(f->file, NULL, OVSDB_LOG_READ_WRITE,
                                        -1, &log));
    assert_null(log);
    assert_non_null(strstr(error, "cannot identify file type"));
    free(error);
    error = expect_error(ovsdb_log_open(f->file, OVSDB_MAGIC,
                                        OVSDB_LOG_READ_ONLY, -1, &log));
    assert_non_null(strstr(error, "cannot identify file type"));
    free(error);

    /* A 100-character magic: its header line is over 128 bytes. */
    char magic[101];
    memset(magic, 'J', 100);
    magic[100] = '\0';
    write_with_magic(f->file, magic);
    error = expect_error(ovsdb_log_open(f->file, NULL, OVSDB_LOG_READ_WRITE,
                                        -1, &log));
    assert_null(log);
    assert_non_null(strstr(error, "unexpected file format"));
    free(error);
}

/* The lock file keeps a second writer out, in this process and in
 * another one, and goes away with the log. */
static void
test_locking(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log, *log2;
    char *lockname = xasprintf("%s/.db.~lock~", f->dir);

    write_records(f->file, 1);
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log));
    assert_int_equal(access(lockname, F_OK), 0);

    char *error = expect_error(ovsdb_log_open(f->file, OVSDB_MAGIC,
                                              OVSDB_LOG_READ_WRITE, -1,
                                              &log2));
    assert_non_null(strstr(error, "failed to lock lockfile"));
    free(error);

    /* Readers do not need the lock. */
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_ONLY, -1,
                            &log2));
    ovsdb_log_close(log2);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        struct ovsdb_error *e = ovsdb_log_open(f->file, OVSDB_MAGIC,
                                               OVSDB_LOG_READ_WRITE, -1,
                                               &log2);
        _exit(e && strstr(ovsdb_error_to_string(e),
                          "Resource temporarily unavailable") ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    ovsdb_log_close(log);
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log2));
    ovsdb_log_close(log2);
    free(lockname);
}

static void
test_replace(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log, *new;
    json_t *json;

    write_records(f->file, 4);
    check_ok(ovsdb_log_open(f->file, OVSDB_MAGIC, OVSDB_LOG_READ_WRITE, -1,
                            &log));
    do {
        check_ok(ovsdb_log_read(log, &json));
        json_decref(json);
    } while (json);

    /* An aborted replacement changes nothing and leaves no file. */
    char *tmp = xasprintf("%s.tmp", f->file);
    check_ok(ovsdb_log_replace_start(log, &new));
    assert_int_equal(access(tmp, F_OK), 0);
    check_ok(ovsdb_log_write_and_free(new, record(0)));
    ovsdb_log_replace_abort(new);
    assert_int_not_equal(access(tmp, F_OK), 0);
    assert_int_equal(read_records(f->file, NULL), 4);

    json_t *entries[2] = { record(0), record(1) };
    check_ok(ovsdb_log_replace(log, entries, 2));
    json_decref(entries[0]);
    json_decref(entries[1]);
    assert_int_not_equal(access(tmp, F_OK), 0);
    assert_int_equal(read_records(f->file, NULL), 2);

    /* The log now appends to the new file. */
    check_ok(ovsdb_log_write_and_free(log, record(2)));
    check_ok(ovsdb_log_commit_block(log));
    assert_int_equal(read_records(f->file, NULL), 3);
    ovsdb_log_close(log);
    free(tmp);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_record_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_sha1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_length, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_header, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clustered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_magic, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_locking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
