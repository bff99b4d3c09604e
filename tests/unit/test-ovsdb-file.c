/* Unit tests for ovsdb/file: a database stored in a log file.  Commits
 * must reach the file before they return, durable commits must be synced
 * before the server may acknowledge them (group commit sequence numbers),
 * compaction and replacement must keep every row, and a torn tail must
 * not lose the records before it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/schema.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.0.0\", \"tables\": {"
    " \"A\": {\"columns\": {"
    "   \"name\": {\"type\": \"string\"},"
    "   \"o\": {\"type\": {\"key\": \"string\", \"min\": 0, \"max\": 1}},"
    "   \"s\": {\"type\": {\"key\": \"integer\", \"min\": 0,"
    "                      \"max\": \"unlimited\"}},"
    "   \"m\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                      \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"e\": {\"type\": \"integer\", \"ephemeral\": true}}}}}";

struct fixture {
    char dir[64];
    char *file_name;
};

static void
check_ok(struct ovsdb_error *error)
{
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        fail_msg("unexpected error: %s", s);
    }
}

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);
    struct ovsdb_schema *schema;
    json_t *json;

    snprintf(f->dir, sizeof f->dir, "/tmp/test-ovsdb-file.XXXXXX");
    if (!mkdtemp(f->dir)) {
        return -1;
    }
    f->file_name = xasprintf("%s/db", f->dir);
    json = json_loads(schema_text, 0, NULL);
    check_ok(ovsdb_schema_from_json(json, &schema));
    json_decref(json);
    check_ok(ovsdb_file_create(f->file_name, schema));
    ovsdb_schema_destroy(schema);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);

    if (system(cmd)) {
        /* Nothing to do. */
    }
    free(cmd);
    free(f->file_name);
    free(f);
    return 0;
}

/* Executes the operations OPS (a JSON array text without the database
 * name) on DB and returns the result text (caller frees).  Fails the test
 * if any operation failed. */
static char *
run(struct ovsdb *db, const char *ops)
{
    char *text = xasprintf("[\"T\", %s", ops + 1);
    json_t *params = json_loads(text, 0, NULL);
    long long int timeout;
    json_t *result;
    char *s;

    assert_non_null(params);
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, NULL);
    assert_non_null(result);
    s = json_dumps(result, JSON_COMPACT | JSON_SORT_KEYS);
    if (strstr(s, "\"error\"")) {
        fail_msg("transaction failed: %s", s);
    }
    json_decref(result);
    json_decref(params);
    free(text);
    return s;
}

static void
run_ok(struct ovsdb *db, const char *ops)
{
    free(run(db, ops));
}

/* Inserts a row named NAME into table A of DB. */
static void
insert_name(struct ovsdb *db, const char *name)
{
    char *ops = xasprintf("[{\"op\":\"insert\",\"table\":\"A\","
                          "\"row\":{\"name\":\"%s\"}}]", name);
    run_ok(db, ops);
    free(ops);
}

/* Asserts that select results A and B (JSON texts) hold the same rows,
 * in any order. */
static void
assert_same_rows(const char *a, const char *b)
{
    json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
    json_t *ra = json_object_get(json_array_get(ja, 0), "rows");
    json_t *rb = json_object_get(json_array_get(jb, 0), "rows");
    size_t i, j;
    json_t *row, *other;

    assert_true(json_is_array(ra) && json_is_array(rb));
    assert_int_equal(json_array_size(ra), json_array_size(rb));
    json_array_foreach (ra, i, row) {
        bool found = false;
        json_array_foreach (rb, j, other) {
            found = found || json_equal(row, other);
        }
        if (!found) {
            fail_msg("row %zu of %s missing from %s", i, a, b);
        }
    }
    json_decref(ja);
    json_decref(jb);
}

/* Returns the number of records in FILE_NAME. */
static int
count_records(const char *file_name)
{
    struct ovsdb_log *log;
    int n = 0;

    check_ok(ovsdb_log_open(file_name, OVSDB_MAGIC, OVSDB_LOG_READ_ONLY, -1,
                            &log));
    for (;;) {
        json_t *json;
        check_ok(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }
        json_decref(json);
        n++;
    }
    ovsdb_log_close(log);
    return n;
}

/* Opens F's file read-only and returns the "select" result of all rows'
 * names, sorted by the engine's order (caller frees). */
static char *
select_names(const char *file_name)
{
    struct ovsdb *db;
    char *s;

    check_ok(ovsdb_file_open(file_name, true, &db, NULL));
    s = run(db, "[{\"op\":\"select\",\"table\":\"A\",\"where\":[],"
            "\"columns\":[\"name\",\"o\",\"s\",\"m\"]}]");
    ovsdb_destroy(db);
    return s;
}

static void
test_commit_writes_record(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    assert_int_equal(ovsdb_file_get_seqno_written(file), 0);
    run_ok(db, "[{\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"a\","
           "\"o\":\"x\",\"s\":[\"set\",[1,2]],"
           "\"m\":[\"map\",[[\"k\",\"v\"]]]}}]");
    /* Written before the commit returned, though not synced. */
    assert_int_equal(ovsdb_file_get_seqno_written(file), 1);
    assert_int_equal(count_records(f->file_name), 2);
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 0);

    /* Changes to ephemeral columns only, and no-op transactions, write
     * nothing. */
    run_ok(db, "[{\"op\":\"update\",\"table\":\"A\",\"where\":[],"
           "\"row\":{\"e\":5}}]");
    run_ok(db, "[{\"op\":\"update\",\"table\":\"A\",\"where\":[],"
           "\"row\":{\"name\":\"a\"}}]");
    assert_int_equal(ovsdb_file_get_seqno_written(file), 1);
    assert_int_equal(count_records(f->file_name), 2);

    /* Modifications of every kind of column read back the same. */
    run_ok(db, "[{\"op\":\"update\",\"table\":\"A\",\"where\":[],"
           "\"row\":{\"o\":\"y\",\"s\":[\"set\",[2,3]],"
           "\"m\":[\"map\",[[\"k\",\"w\"],[\"k2\",\"v2\"]]]}}]");
    run_ok(db, "[{\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"b\"}},"
           "{\"op\":\"update\",\"table\":\"A\",\"where\":[[\"name\",\"==\","
           "\"a\"]],\"row\":{\"o\":[\"set\",[]]}}]");
    char *live = run(db, "[{\"op\":\"select\",\"table\":\"A\",\"where\":[],"
                     "\"columns\":[\"name\",\"o\",\"s\",\"m\"]}]");
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    char *reread = select_names(f->file_name);
    assert_same_rows(live, reread);
    assert_non_null(strstr(reread, "\"s\":[\"set\",[2,3]]"));
    assert_non_null(strstr(reread, "\"m\":[\"map\",[[\"k\",\"w\"],"
                           "[\"k2\",\"v2\"]]]"));
    free(live);
    free(reread);
}

/* Group commit: durable commits wait for one sync that covers them all. */
static void
test_group_commit(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    insert_name(db, "a");
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 0);

    run_ok(db, "[{\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"b\"}},"
           "{\"op\":\"commit\",\"durable\":true}]");
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 2);
    run_ok(db, "[{\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"c\"}},"
           "{\"op\":\"commit\",\"durable\":true}]");
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 3);
    assert_true(ovsdb_file_get_seqno_synced(file) < 2);

    /* One run syncs everything written. */
    ovsdb_file_run(file);
    assert_int_equal(ovsdb_file_get_seqno_synced(file), 3);
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 0);

    /* A transaction that changes nothing needs no sync. */
    run_ok(db, "[{\"op\":\"select\",\"table\":\"A\",\"where\":[]},"
           "{\"op\":\"commit\",\"durable\":true}]");
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 0);

    /* With the policy on, every commit waits for a sync. */
    ovsdb_file_set_durable_commits(file, true);
    assert_true(ovsdb_file_get_durable_commits(file));
    insert_name(db, "d");
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 4);
    check_ok(ovsdb_file_sync(file));
    assert_int_equal(ovsdb_file_get_seqno_synced(file), 4);
    assert_int_equal(ovsdb_file_get_commit_sync_seqno(file), 0);

    ovsdb_file_destroy(file);
    ovsdb_destroy(db);
}

static void
test_compact(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;
    char *tmp = xasprintf("%s.tmp", f->file_name);

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    for (int i = 0; i < 20; i++) {
        char *ops = xasprintf("[{\"op\":\"insert\",\"table\":\"A\","
                              "\"row\":{\"name\":\"n%d\","
                              "\"s\":[\"set\",[%d]]}}]", i, i);
        run_ok(db, ops);
        free(ops);
    }
    run_ok(db, "[{\"op\":\"delete\",\"table\":\"A\","
           "\"where\":[[\"name\",\"==\",\"n3\"]]}]");
    char *before = run(db, "[{\"op\":\"select\",\"table\":\"A\","
                       "\"where\":[],\"columns\":[\"name\",\"s\"]}]");
    assert_int_equal(count_records(f->file_name), 22);

    /* A temporary file left by a crash during compaction is replaced. */
    FILE *stream = fopen(tmp, "w");
    fputs("garbage", stream);
    fclose(stream);

    check_ok(ovsdb_file_compact(file, NULL));
    assert_int_equal(count_records(f->file_name), 2);
    assert_int_not_equal(access(tmp, F_OK), 0);

    /* The compacted file keeps being appended to. */
    insert_name(db, "z");
    assert_int_equal(count_records(f->file_name), 3);
    char *live = run(db, "[{\"op\":\"select\",\"table\":\"A\","
                     "\"where\":[],\"columns\":[\"name\",\"s\"]}]");
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    check_ok(ovsdb_file_open(f->file_name, true, &db, NULL));
    char *reread = run(db, "[{\"op\":\"select\",\"table\":\"A\","
                       "\"where\":[],\"columns\":[\"name\",\"s\"]}]");
    assert_same_rows(live, reread);
    assert_null(strstr(reread, "\"n3\""));
    assert_non_null(strstr(before, "\"n19\""));
    ovsdb_destroy(db);
    free(before);
    free(live);
    free(reread);
    free(tmp);
}

static void
test_torn_tail(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;
    struct stat st;

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    insert_name(db, "a");
    insert_name(db, "b");
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    assert_int_equal(stat(f->file_name, &st), 0);
    assert_int_equal(truncate(f->file_name, st.st_size - 5), 0);

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    char *s = run(db, "[{\"op\":\"select\",\"table\":\"A\",\"where\":[],"
                  "\"columns\":[\"name\"]}]");
    assert_string_equal(s, "[{\"rows\":[{\"name\":\"a\"}]}]");
    free(s);
    insert_name(db, "c");
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    assert_int_equal(count_records(f->file_name), 3);
    s = select_names(f->file_name);
    assert_non_null(strstr(s, "\"c\""));
    assert_null(strstr(s, "\"b\""));
    free(s);
}

/* Online conversion: the file follows the new database. */
static void
test_replace(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_schema *new_schema;
    struct ovsdb_file *file;
    struct ovsdb *db, *new_db;

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    run_ok(db, "[{\"op\":\"insert\",\"table\":\"A\",\"row\":{\"name\":\"a\","
           "\"s\":[\"set\",[7]]}}]");

    char *text = xstrdup(schema_text);
    char *v = strstr(text, "1.0.0");
    v[0] = '2';
    json_t *json = json_loads(text, 0, NULL);
    check_ok(ovsdb_schema_from_json(json, &new_schema));
    json_decref(json);
    free(text);

    check_ok(ovsdb_convert(db, new_schema, &new_db));
    check_ok(ovsdb_file_replace(file, "converted", new_db));
    ovsdb_destroy(db);
    assert_ptr_equal(ovsdb_file_get_db(file), new_db);
    run_ok(new_db, "[{\"op\":\"insert\",\"table\":\"A\","
           "\"row\":{\"name\":\"b\"}}]");
    ovsdb_file_destroy(file);
    ovsdb_destroy(new_db);

    struct ovsdb_schema *schema;
    check_ok(ovsdb_file_read_schema(f->file_name, &schema));
    assert_string_equal(schema->version, "2.0.0");
    ovsdb_schema_destroy(schema);
    char *s = select_names(f->file_name);
    assert_non_null(strstr(s, "\"name\":\"a\""));
    assert_non_null(strstr(s, "\"name\":\"b\""));
    free(s);
}

/* The storage may outlive its database and the other way around. */
static void
test_destroy_order(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    ovsdb_destroy(db);
    assert_null(ovsdb_file_get_db(file));
    ovsdb_file_destroy(file);

    check_ok(ovsdb_file_open(f->file_name, false, &db, &file));
    ovsdb_file_destroy(file);
    insert_name(db, "a");
    ovsdb_destroy(db);
    assert_int_equal(count_records(f->file_name), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commit_writes_record, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_group_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_destroy_order, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
