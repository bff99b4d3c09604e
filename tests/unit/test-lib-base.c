/* Unit tests for the base containers and helpers: hmap, list, shash, ds,
 * uuid, util string and path helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "ds.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "shash.h"
#include "util.h"
#include "uuid.h"

struct elem {
    struct hmap_node node;
    struct ovs_list list_node;
    int value;
};

static void
test_hmap_insert_find_remove(void **state OVS_UNUSED)
{
    enum { N = 5000 };
    struct hmap map = HMAP_INITIALIZER(&map);
    struct elem *elems = xcalloc(N, sizeof *elems);

    for (int i = 0; i < N; i++) {
        elems[i].value = i;
        hmap_insert(&map, &elems[i].node, hash_int(i, 0));
    }
    assert_int_equal(hmap_count(&map), N);

    /* Every element is found by its hash, and only once by iteration. */
    for (int i = 0; i < N; i++) {
        struct elem *e;
        int found = 0;
        HMAP_FOR_EACH_WITH_HASH (e, node, hash_int(i, 0), &map) {
            found += e->value == i;
        }
        assert_int_equal(found, 1);
    }
    int *seen = xcalloc(N, sizeof *seen);
    struct elem *e;
    HMAP_FOR_EACH (e, node, &map) {
        seen[e->value]++;
    }
    for (int i = 0; i < N; i++) {
        assert_int_equal(seen[i], 1);
    }

    /* Remove the odd ones while iterating. */
    HMAP_FOR_EACH_SAFE (e, node, &map) {
        if (e->value % 2) {
            hmap_remove(&map, &e->node);
        }
    }
    assert_int_equal(hmap_count(&map), N / 2);
    HMAP_FOR_EACH (e, node, &map) {
        assert_int_equal(e->value % 2, 0);
    }

    /* Drain with pop, interleaving inserts that land in low buckets. */
    size_t popped = 0;
    while (!hmap_is_empty(&map)) {
        struct hmap_node *n = hmap_pop_any(&map);
        assert_non_null(n);
        popped++;
        if (popped == 10) {
            hmap_insert(&map, &elems[1].node, 0);
        }
    }
    assert_int_equal(popped, N / 2 + 1);
    assert_null(hmap_pop_any(&map));
    hmap_destroy(&map);
    free(seen);
    free(elems);
}

static void
test_hmap_swap_and_shrink(void **state OVS_UNUSED)
{
    struct hmap a, b;
    struct elem e1 = { .value = 1 }, e2 = { .value = 2 };
    hmap_init(&a);
    hmap_init(&b);
    hmap_insert(&a, &e1.node, 1);
    hmap_swap(&a, &b);
    assert_true(hmap_is_empty(&a));
    assert_int_equal(hmap_count(&b), 1);
    /* A map with one bucket keeps working after being moved. */
    hmap_insert(&a, &e2.node, 2);
    assert_ptr_equal(hmap_first_with_hash(&a, 2), &e2.node);
    hmap_remove(&a, &e2.node);
    hmap_shrink(&a);
    assert_null(hmap_first(&a));
    hmap_destroy(&a);
    hmap_destroy(&b);
}

static void
test_list(void **state OVS_UNUSED)
{
    struct ovs_list list = OVS_LIST_INITIALIZER(&list);
    struct elem elems[5];
    for (int i = 0; i < 5; i++) {
        elems[i].value = i;
        ovs_list_push_back(&list, &elems[i].list_node);
    }
    assert_int_equal(ovs_list_size(&list), 5);

    int expect = 0;
    struct elem *e;
    LIST_FOR_EACH (e, list_node, &list) {
        assert_int_equal(e->value, expect++);
    }
    expect = 4;
    LIST_FOR_EACH_REVERSE (e, list_node, &list) {
        assert_int_equal(e->value, expect--);
    }
    LIST_FOR_EACH_SAFE (e, list_node, &list) {
        if (e->value == 2) {
            ovs_list_remove(&e->list_node);
        }
    }
    assert_int_equal(ovs_list_size(&list), 4);

    struct ovs_list other = OVS_LIST_INITIALIZER(&other);
    ovs_list_splice_back(&other, &list);
    assert_true(ovs_list_is_empty(&list));
    int sum = 0;
    LIST_FOR_EACH_POP (e, list_node, &other) {
        sum += e->value;
    }
    assert_int_equal(sum, 0 + 1 + 3 + 4);
    assert_true(ovs_list_is_empty(&other));
}

static void
test_shash(void **state OVS_UNUSED)
{
    struct shash sh = SHASH_INITIALIZER(&sh);
    static int a = 1, b = 2, c = 3;
    shash_add(&sh, "b", &b);
    shash_add(&sh, "a", &a);
    assert_true(shash_add_once(&sh, "c", &c));
    assert_false(shash_add_once(&sh, "c", &a));
    assert_ptr_equal(shash_find_data(&sh, "a"), &a);
    assert_null(shash_find_data(&sh, "z"));
    assert_ptr_equal(shash_replace(&sh, "a", &c), &a);
    assert_non_null(shash_find_len(&sh, "abc", 1));

    const struct shash_node **sorted = shash_sort(&sh);
    assert_string_equal(sorted[0]->name, "a");
    assert_string_equal(sorted[1]->name, "b");
    assert_string_equal(sorted[2]->name, "c");
    free(sorted);

    assert_ptr_equal(shash_find_and_delete(&sh, "b"), &b);
    assert_int_equal(shash_count(&sh), 2);
    shash_destroy(&sh);
}

static void
test_ds(void **state OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    assert_string_equal(ds_cstr(&s), "");
    ds_put_format(&s, "%d-%s", 42, "x");
    ds_put_char(&s, '!');
    ds_put_cstr(&s, "abc");
    assert_string_equal(ds_cstr(&s), "42-x!abc");
    /* Formatting past the current allocation. */
    char big[3000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ds_put_format(&s, "%s", big);
    assert_int_equal(s.length, 8 + 2999);
    ds_truncate(&s, 3);
    assert_string_equal(ds_cstr(&s), "42-");

    ds_clear(&s);
    ds_put_json_string(&s, "a\"b\\c\n\x01");
    assert_string_equal(ds_cstr(&s), "\"a\\\"b\\\\c\\n\\u0001\"");

    ds_clear(&s);
    ds_put_cstr(&s, "line\n\n");
    assert_int_equal(ds_chomp(&s, '\n'), 2);
    char *stolen = ds_steal_cstr(&s);
    assert_string_equal(stolen, "line");
    free(stolen);
    assert_int_equal(s.length, 0);
    ds_destroy(&s);
}

static void
test_uuid(void **state OVS_UNUSED)
{
    struct uuid u, v;
    char buf[UUID_LEN + 1];

    assert_true(uuid_from_string(&u,
                                 "550e8400-e29b-41d4-a716-446655440000"));
    uuid_to_string(&u, buf);
    assert_string_equal(buf, "550e8400-e29b-41d4-a716-446655440000");
    assert_true(uuid_from_string(&v,
                                 "550E8400-E29B-41D4-A716-446655440000"));
    assert_true(uuid_equals(&u, &v));

    static const char *const bad[] = {
        "", "550e8400", "550e8400-e29b-41d4-a716-44665544000",
        "550e8400-e29b-41d4-a716-4466554400000",
        "550e8400xe29b-41d4-a716-446655440000",
        "g50e8400-e29b-41d4-a716-446655440000",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        assert_false(uuid_from_string(&u, bad[i]));
        assert_true(uuid_is_zero(&u));
    }

    assert_int_equal(uuid_is_partial_string("550e"), 4);
    assert_int_equal(uuid_is_partial_string("550e8400-e2"), 11);
    assert_int_equal(uuid_is_partial_string("550x"), 0);

    /* Random UUIDs are version 4, variant 1, and distinct. */
    uuid_generate(&u);
    uuid_generate(&v);
    assert_false(uuid_equals(&u, &v));
    uuid_to_string(&u, buf);
    assert_int_equal(buf[14], '4');
    assert_true(strchr("89ab", buf[19]) != NULL);
    assert_true(uuid_compare_3way(&u, &v) == -uuid_compare_3way(&v, &u));
}

static void
test_util_strings(void **state OVS_UNUSED)
{
    int i;
    long long ll;
    unsigned int u;
    double d;
    assert_true(str_to_int("-12", 10, &i) && i == -12);
    assert_false(str_to_int("12x", 10, &i));
    assert_false(str_to_int("99999999999", 10, &i));
    assert_true(str_to_llong("0x10", 16, &ll) && ll == 16);
    assert_false(str_to_uint("-1", 10, &u));
    assert_true(str_to_double("1.5", &d) && d == 1.5);
    assert_false(str_to_double("", &d));

    char *s = dir_name("/a/b/c");
    assert_string_equal(s, "/a/b");
    free(s);
    s = dir_name("c");
    assert_string_equal(s, ".");
    free(s);
    s = base_name("/a/b/c/");
    assert_string_equal(s, "c");
    free(s);
    s = abs_file_name("/x", "y");
    assert_string_equal(s, "/x/y");
    free(s);
    s = abs_file_name("/x", "/z");
    assert_string_equal(s, "/z");
    free(s);
    assert_true(str_startswith("punix:/x", "punix:"));
    assert_true(str_endswith("conf.db", ".db"));
    assert_false(str_endswith("db", "conf.db"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hmap_insert_find_remove),
        cmocka_unit_test(test_hmap_swap_and_shrink),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_shash),
        cmocka_unit_test(test_ds),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_util_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
