/* Unit tests for ovsdb/monitor (the update notifications a server sends
 * for "monitor", "monitor_cond" and "monitor_cond_since") and ovsdb/lock
 * (RFC 7047 locks).  Each case builds a small in-memory database, runs
 * transactions through ovsdb_execute() and checks the JSON a client would
 * receive: formats as OVS 3.1 sends them (old/new rows, update2 diffs,
 * per-column selects, conditions, transaction history). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ovsdb/execution.h"
#include "ovsdb/lock.h"
#include "ovsdb/monitor.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/schema.h"
#include "util.h"
#include "uuid.h"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.0.0\", \"tables\": {"
    " \"Item\": {\"columns\": {"
    "   \"name\": {\"type\": \"string\"},"
    "   \"n\": {\"type\": \"integer\"},"
    "   \"tags\": {\"type\": {\"key\": \"string\", \"min\": 0,"
    "                          \"max\": \"unlimited\"}},"
    "   \"opts\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                          \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"mode\": {\"type\": {\"key\": \"string\", \"min\": 0,"
    "                          \"max\": 1}}},"
    "  \"isRoot\": true}}}";

/* What the send callback saw. */
struct capture {
    json_t *updates;            /* Last updates (own reference), or NULL. */
    struct uuid txn_id;
    int n_calls;
};

static void
capture_send(struct ovsdb_monitor *monitor, json_t *updates,
             const struct uuid *txn_id, void *capture_)
{
    struct capture *c = capture_;

    json_decref(c->updates);
    c->updates = json_incref(updates);
    c->txn_id = *txn_id;
    c->n_calls++;
}

static void
capture_reset(struct capture *c)
{
    json_decref(c->updates);
    c->updates = NULL;
    c->n_calls = 0;
}

static struct ovsdb *
make_db(void)
{
    struct ovsdb_schema *schema;
    json_t *json = json_loads(schema_text, 0, NULL);

    assert_non_null(json);
    assert_null(ovsdb_schema_from_json(json, &schema));
    json_decref(json);
    return ovsdb_create(schema);
}

/* Runs transaction TEXT (a JSON array of operations) and returns the uuid
 * of the first result if it is an insert. */
static struct uuid
run_txn(struct ovsdb *db, const char *ops)
{
    char *text = xasprintf("[\"T\", %s]", ops);
    json_t *params = json_loads(text, 0, NULL);
    long long int timeout;
    struct uuid uuid;
    json_t *result;

    assert_non_null(params);
    result = ovsdb_execute(db, params, false, NULL, NULL, 0, &timeout, NULL);
    assert_non_null(result);
    uuid_zero(&uuid);
    if (json_is_object(json_array_get(result, 0))) {
        const json_t *u = json_object_get(json_array_get(result, 0), "uuid");

        if (u) {
            assert_true(uuid_from_string(
                            &uuid, json_string_value(json_array_get(u, 1))));
        }
    }
    json_decref(result);
    json_decref(params);
    free(text);
    return uuid;
}

/* Returns a copy of S (caller frees) with each FROM replaced by TO. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
    const char *p;
    char *result = xstrdup(s);

    while ((p = strstr(result, from))) {
        char *next = xasprintf("%.*s%s%s", (int) (p - result), result, to,
                               p + strlen(from));
        free(result);
        result = next;
    }
    return result;
}

/* Asserts that JSON equals the JSON in FORMAT, where "%A" and "%B" stand
 * for the UUIDs A and B (B may be NULL). */
static void
assert_json2(const json_t *json, const char *format, const struct uuid *a,
             const struct uuid *b)
{
    char ua[UUID_LEN + 1], ub[UUID_LEN + 1];
    char *text, *tmp;
    json_t *expected;

    uuid_to_string(a, ua);
    text = replace_all(format, "%A", ua);
    if (b) {
        uuid_to_string(b, ub);
        tmp = replace_all(text, "%B", ub);
        free(text);
        text = tmp;
    }
    expected = json_loads(text, 0, NULL);
    assert_non_null(expected);
    if (!json || !json_equal((json_t *) json, expected)) {
        char *actual = (json ? json_dumps(json, JSON_SORT_KEYS
                                          | JSON_ENCODE_ANY)
                        : xstrdup("(null)"));
        print_error("expected %s\n  actual %s\n", text, actual);
        free(actual);
        fail();
    }
    json_decref(expected);
    free(text);
}

static void
assert_json(const json_t *json, const char *format, const struct uuid *a)
{
    assert_json2(json, format, a, NULL);
}

static struct ovsdb_monitor *
make_monitor(struct ovsdb_monitor_db *mdb, enum ovsdb_monitor_version v,
             const char *requests, struct capture *c)
{
    json_t *json = json_loads(requests, 0, NULL);
    struct ovsdb_monitor *m;

    assert_non_null(json);
    assert_null(ovsdb_monitor_create(mdb, v, json, capture_send, c, &m));
    json_decref(json);
    return m;
}

static void
test_v1_old_new(void **state OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_monitor_db *mdb = ovsdb_monitor_db_create(db);
    struct capture c = { NULL, { { 0 } }, 0 };
    struct ovsdb_monitor *m;
    struct uuid u;

    m = make_monitor(mdb, OVSDB_MONITOR_V1,
                     "{\"Item\": {\"columns\": [\"name\", \"n\"]}}", &c);
    u = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\","
                "  \"row\": {\"name\": \"a\"}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": "
                "{\"new\": {\"name\": \"a\", \"n\": 0}}}}", &u);

    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\", \"where\": [],"
            "  \"row\": {\"n\": 2}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"new\": {\"name\": \"a\","
                "\"n\": 2}, \"old\": {\"n\": 0}}}}", &u);

    /* A change to an unmonitored column is not reported. */
    capture_reset(&c);
    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\", \"where\": [],"
            "  \"row\": {\"tags\": [\"set\", [\"t\"]]}}");
    assert_int_equal(0, c.n_calls);

    run_txn(db, "{\"op\": \"delete\", \"table\": \"Item\", \"where\": []}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"old\": {\"name\": \"a\","
                "\"n\": 2}}}}", &u);

    capture_reset(&c);
    ovsdb_monitor_destroy(m);
    ovsdb_monitor_db_destroy(mdb);
    ovsdb_destroy(db);
}

static void
test_v2_diffs_and_defaults(void **state OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_monitor_db *mdb = ovsdb_monitor_db_create(db);
    struct capture c = { NULL, { { 0 } }, 0 };
    struct ovsdb_monitor *m;
    struct uuid u;
    json_t *initial;

    u = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\", \"row\": {"
                "\"name\": \"a\", \"tags\": [\"set\", [\"x\", \"y\"]],"
                "\"opts\": [\"map\", [[\"k\", \"v\"]]], \"mode\": \"m\"}}");
    m = make_monitor(mdb, OVSDB_MONITOR_V2,
                     "{\"Item\": [{\"columns\": [\"name\", \"n\", \"tags\","
                     "\"opts\", \"mode\"]}]}", &c);
    initial = ovsdb_monitor_get_initial(m);
    /* Default values (n = 0) are left out. */
    assert_json(initial, "{\"Item\": {\"%A\": {\"initial\": {"
                "\"name\": \"a\", \"tags\": [\"set\", [\"x\", \"y\"]],"
                "\"opts\": [\"map\", [[\"k\", \"v\"]]], \"mode\": \"m\"}}}}",
                &u);
    json_decref(initial);

    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\", \"where\": [],"
            " \"row\": {\"tags\": [\"set\", [\"y\", \"z\"]],"
            "  \"opts\": [\"map\", [[\"k\", \"w\"], [\"k2\", \"v2\"]]],"
            "  \"mode\": [\"set\", []], \"n\": 5}}");
    /* Sets: symmetric difference; maps: changed and added pairs with the
     * new value; scalars and optional scalars: the new value. */
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"modify\": {"
                "\"tags\": [\"set\", [\"x\", \"z\"]],"
                "\"opts\": [\"map\", [[\"k\", \"w\"], [\"k2\", \"v2\"]]],"
                "\"mode\": [\"set\", []], \"n\": 5}}}}", &u);

    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\", \"where\": [],"
            " \"row\": {\"opts\": [\"map\", [[\"k\", \"w\"]]]}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"modify\": {"
                "\"opts\": [\"map\", [[\"k2\", \"v2\"]]]}}}}", &u);

    run_txn(db, "{\"op\": \"delete\", \"table\": \"Item\", \"where\": []}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"delete\": null}}}", &u);

    capture_reset(&c);
    ovsdb_monitor_destroy(m);
    ovsdb_monitor_db_destroy(mdb);
    ovsdb_destroy(db);
}

static void
test_conditions_and_cond_change(void **state OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_monitor_db *mdb = ovsdb_monitor_db_create(db);
    struct capture c = { NULL, { { 0 } }, 0 };
    struct ovsdb_monitor *m;
    struct ovsdb_error *error;
    struct uuid a, b;
    json_t *json, *updates;

    a = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\","
                " \"row\": {\"name\": \"a\"}}");
    b = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\","
                " \"row\": {\"name\": \"b\", \"n\": 1}}");
    m = make_monitor(mdb, OVSDB_MONITOR_V2,
                     "{\"Item\": [{\"columns\": [\"n\"], \"where\": "
                     "[[\"name\", \"==\", \"a\"]]}]}", &c);

    /* Only rows matching the condition are reported. */
    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\","
            " \"where\": [[\"name\", \"==\", \"b\"]], \"row\": {\"n\": 7}}");
    assert_int_equal(0, c.n_calls);
    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\","
            " \"where\": [[\"name\", \"==\", \"a\"]], \"row\": {\"n\": 3}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"modify\": {\"n\": 3}}}}",
                &a);

    /* Switching the condition deletes a and inserts b. */
    json = json_loads("{\"Item\": [{\"where\": [[\"name\", \"==\", "
                      "\"b\"]]}]}", 0, NULL);
    assert_null(ovsdb_monitor_cond_change(m, json, &updates));
    json_decref(json);
    assert_json2(updates, "{\"Item\": {\"%A\": {\"delete\": null},"
                 " \"%B\": {\"insert\": {\"n\": 7}}}}", &a, &b);
    json_decref(updates);

    /* Errors leave the monitor as it was. */
    json = json_loads("{\"Item\": [{\"columns\": [\"n\"]}]}", 0, NULL);
    error = ovsdb_monitor_cond_change(m, json, &updates);
    json_decref(json);
    assert_non_null(error);
    assert_string_equal("syntax error", ovsdb_error_get_tag(error));
    ovsdb_error_destroy(error);
    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\","
            " \"where\": [[\"name\", \"==\", \"b\"]], \"row\": {\"n\": 8}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"modify\": {\"n\": 8}}}}",
                &b);

    capture_reset(&c);
    ovsdb_monitor_destroy(m);
    ovsdb_monitor_db_destroy(mdb);
    ovsdb_destroy(db);
}

/* OVS tracks "select" per column: each kind of update carries only the
 * columns whose request selected that kind. */
static void
test_per_column_select(void **state OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_monitor_db *mdb = ovsdb_monitor_db_create(db);
    struct capture c = { NULL, { { 0 } }, 0 };
    struct ovsdb_monitor *m;
    struct uuid u;

    m = make_monitor(mdb, OVSDB_MONITOR_V1,
                     "{\"Item\": [{\"columns\": [\"name\"],"
                     "  \"select\": {\"insert\": false}},"
                     " {\"columns\": [\"n\"],"
                     "  \"select\": {\"modify\": false}}]}", &c);
    u = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\","
                " \"row\": {\"name\": \"a\", \"n\": 1}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"new\": {\"n\": 1}}}}",
                &u);
    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\", \"where\": [],"
            " \"row\": {\"n\": 2}}");
    assert_json(c.updates, "{\"Item\": {\"%A\": {\"new\": {\"name\": "
                "\"a\"}, \"old\": {}}}}", &u);

    capture_reset(&c);
    ovsdb_monitor_destroy(m);
    ovsdb_monitor_db_destroy(mdb);
    ovsdb_destroy(db);
}

/* monitor_cond_since: transaction ids, and the changes since one. */
static void
test_history(void **state OVS_UNUSED)
{
    struct ovsdb *db = make_db();
    struct ovsdb_monitor_db *mdb = ovsdb_monitor_db_create(db);
    struct capture c = { NULL, { { 0 } }, 0 };
    struct ovsdb_monitor *m, *m2;
    struct uuid a, b, id1, id3, last, zero, other;
    json_t *updates;
    bool found;

    uuid_zero(&zero);
    m = make_monitor(mdb, OVSDB_MONITOR_V3,
                     "{\"Item\": [{\"columns\": [\"n\"]}]}", &c);
    a = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\","
                " \"row\": {\"name\": \"a\", \"n\": 1}}");
    id1 = c.txn_id;
    assert_false(uuid_is_zero(&id1));
    run_txn(db, "{\"op\": \"update\", \"table\": \"Item\", \"where\": [],"
            " \"row\": {\"n\": 2}}");
    b = run_txn(db, "{\"op\": \"insert\", \"table\": \"Item\","
                " \"row\": {\"name\": \"b\", \"n\": 5}}");
    id3 = c.txn_id;
    assert_true(uuid_equals(&id3, ovsdb_monitor_db_get_last_txn_id(mdb)));

    m2 = make_monitor(mdb, OVSDB_MONITOR_V3,
                      "{\"Item\": [{\"columns\": [\"n\"]}]}", &c);
    updates = ovsdb_monitor_get_since(m2, &id1, &found, &last);
    assert_true(found);
    assert_true(uuid_equals(&last, &id3));
    assert_json2(updates, "{\"Item\": {\"%A\": {\"modify\": {\"n\": 2}},"
                 " \"%B\": {\"insert\": {\"n\": 5}}}}", &a, &b);
    json_decref(updates);

    updates = ovsdb_monitor_get_since(m2, &id3, &found, &last);
    assert_true(found);
    assert_json(updates, "{}", &a);
    json_decref(updates);

    /* Unknown and all-zeros ids: everything, not found. */
    uuid_generate(&other);
    updates = ovsdb_monitor_get_since(m2, &other, &found, &last);
    assert_false(found);
    assert_true(uuid_equals(&last, &id3));
    assert_json2(updates, "{\"Item\": {\"%A\": {\"initial\": {\"n\": 2}},"
                 " \"%B\": {\"initial\": {\"n\": 5}}}}", &a, &b);
    json_decref(updates);
    updates = ovsdb_monitor_get_since(m2, &zero, &found, &last);
    assert_false(found);
    json_decref(updates);

    /* A history limited to one transaction forgets id1. */
    ovsdb_monitor_db_set_history_limits(mdb, 1, 1000);
    updates = ovsdb_monitor_get_since(m2, &id1, &found, &last);
    assert_false(found);
    json_decref(updates);

    capture_reset(&c);
    ovsdb_monitor_destroy(m);
    ovsdb_monitor_destroy(m2);
    ovsdb_monitor_db_destroy(mdb);
    ovsdb_destroy(db);
}

static void
test_request_errors(void **state OVS_UNUSED)
{
    static const char *const bad[] = {
        "[]",
        "{\"Nope\": {}}",
        "{\"Item\": {\"columns\": [\"nope\"]}}",
        "{\"Item\": [{\"columns\": [\"n\"]}, {\"columns\": [\"n\"]}]}",
        "{\"Item\": {\"select\": {\"initial\": 1}}}",
        "{\"Item\": {\"where\": []}}",
        "{\"Item\": 5}",
    };
    struct ovsdb *db = make_db();
    struct ovsdb_monitor_db *mdb = ovsdb_monitor_db_create(db);
    size_t i;

    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        json_t *json = json_loads(bad[i], 0, NULL);
        struct ovsdb_monitor *m;
        struct ovsdb_error *error;

        error = ovsdb_monitor_create(mdb, OVSDB_MONITOR_V1, json,
                                     capture_send, NULL, &m);
        assert_non_null(error);
        assert_null(m);
        assert_string_equal("syntax error", ovsdb_error_get_tag(error));
        ovsdb_error_destroy(error);
        json_decref(json);
    }
    assert_int_equal(0, ovsdb_monitor_db_count(mdb));
    ovsdb_monitor_db_destroy(mdb);
    ovsdb_destroy(db);
}

/* Locks. */

/* Each waiter's owner is one of these; notifications count into it. */
struct lock_owner {
    int n_locked;
    int n_stolen;
};

static void
lock_notify(void *owner_, const char *name, bool stolen)
{
    struct lock_owner *owner = owner_;

    assert_string_equal("L", name);
    if (stolen) {
        owner->n_stolen++;
    } else {
        owner->n_locked++;
    }
}

static void
test_locks(void **state OVS_UNUSED)
{
    struct ovsdb_lock_table *t = ovsdb_lock_table_create(lock_notify);
    struct lock_owner A = { 0, 0 }, B = { 0, 0 }, C = { 0, 0 };
    struct ovsdb_lock_waiter *a, *b, *c;

    a = ovsdb_lock_table_lock(t, "L", &A, false);
    b = ovsdb_lock_table_lock(t, "L", &B, false);
    assert_true(ovsdb_lock_waiter_is_owner(a));
    assert_false(ovsdb_lock_waiter_is_owner(b));
    assert_string_equal("L", ovsdb_lock_waiter_get_name(b));

    /* C steals from A, which is told and queued right behind C. */
    c = ovsdb_lock_table_lock(t, "L", &C, true);
    assert_true(ovsdb_lock_waiter_is_owner(c));
    assert_int_equal(1, A.n_stolen);

    ovsdb_lock_waiter_remove(c);
    assert_int_equal(1, A.n_locked);
    assert_true(ovsdb_lock_waiter_is_owner(a));

    /* A waiter that leaves does not disturb the owner; the owner leaving
     * hands the lock on. */
    ovsdb_lock_waiter_remove(b);
    assert_int_equal(1, A.n_locked);
    b = ovsdb_lock_table_lock(t, "L", &B, false);
    ovsdb_lock_waiter_remove(a);
    assert_int_equal(1, B.n_locked);
    assert_true(ovsdb_lock_waiter_is_owner(b));
    ovsdb_lock_waiter_remove(b);
    assert_int_equal(0, B.n_stolen + C.n_locked + C.n_stolen);
    ovsdb_lock_table_destroy(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_old_new),
        cmocka_unit_test(test_v2_diffs_and_defaults),
        cmocka_unit_test(test_conditions_and_cond_change),
        cmocka_unit_test(test_per_column_select),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_request_errors),
        cmocka_unit_test(test_locks),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
