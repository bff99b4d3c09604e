/* Unit tests for lib/packets (addresses, checksums, VLAN TCI helpers) and
 * datapath/dp-packet (buffers, headroom, VLAN push/pop, pools, batches). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "datapath/dp-packet.h"
#include "datapath/flow.h"
#include "ds.h"
#include "packets.h"
#include "util.h"

/* ---- Addresses. -------------------------------------------------- */

static void
test_eth_addr_parse(void **state OVS_UNUSED)
{
    static const struct {
        const char *s;
        bool ok;
        struct eth_addr ea;
    } cases[] = {
        { "00:11:22:33:44:55", true, ETH_ADDR_C(00, 11, 22, 33, 44, 55) },
        { "ff:FF:fF:ff:ff:ff", true, ETH_ADDR_C(ff, ff, ff, ff, ff, ff) },
        { "0:1:2:a:b:c", true, ETH_ADDR_C(00, 01, 02, 0a, 0b, 0c) },
        { "00:11:22:33:44", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
        { "00:11:22:33:44:55:66", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
        { "00-11-22-33-44-55", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
        { "001:11:22:33:44:55", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
        { "gg:11:22:33:44:55", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
        { "", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
        { "00:11:22:33:44:55 ", false, ETH_ADDR_C(00, 00, 00, 00, 00, 00) },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct eth_addr ea = ETH_ADDR_C(12, 34, 56, 78, 9a, bc);
        bool ok = eth_addr_from_string(cases[i].s, &ea);
        assert_int_equal(ok, cases[i].ok);
        assert_true(eth_addr_equals(ea, cases[i].ea));
    }

    /* Scanning stops after the address. */
    struct eth_addr ea;
    assert_int_equal(eth_addr_scan("aa:bb:cc:dd:ee:ff/ff:00:00:00:00:00",
                                   &ea), 17);
    assert_int_equal(eth_addr_to_uint64(ea), 0xaabbccddeeffULL);
    assert_true(eth_addr_equals(eth_addr_from_uint64(0xaabbccddeeffULL),
                                ea));
}

static void
test_eth_addr_format_and_predicates(void **state OVS_UNUSED)
{
    struct eth_addr ea = ETH_ADDR_C(01, 80, c2, 00, 00, 0e);
    struct eth_addr mask = ETH_ADDR_C(ff, ff, ff, 00, 00, 00);
    struct ds s = DS_EMPTY_INITIALIZER;
    char buf[ETH_ADDR_STRLEN + 1];

    snprintf(buf, sizeof buf, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
    assert_string_equal(buf, "01:80:c2:00:00:0e");
    eth_addr_format_masked(ea, &mask, &s);
    assert_string_equal(ds_cstr(&s), "01:80:c2:00:00:0e/ff:ff:ff:00:00:00");
    ds_clear(&s);
    eth_addr_format_masked(ea, &eth_addr_exact, &s);
    assert_string_equal(ds_cstr(&s), "01:80:c2:00:00:0e");
    ds_destroy(&s);

    assert_true(eth_addr_is_multicast(ea));
    assert_false(eth_addr_is_broadcast(ea));
    assert_true(eth_addr_is_broadcast(eth_addr_broadcast));
    assert_true(eth_addr_is_zero(eth_addr_zero));
    assert_true(eth_addr_is_local(eth_addr_from_uint64(0x020000000001)));
    assert_true(eth_addr_equals(eth_addr_and(ea, mask),
                                eth_addr_from_uint64(0x0180c2000000)));
}

static void
test_ip_addresses(void **state OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ovs_be32 ip, mask;
    struct in6_addr a6, m6;

    assert_int_equal(ip_scan("10.1.2.3/8", &ip), 8);
    assert_int_equal(ip, htonl(0x0a010203));
    assert_int_equal(ip_scan("255.255.255.255", &ip), 15);
    assert_int_equal(ip_scan("256.1.1.1", &ip), 0);
    assert_int_equal(ip_scan("1.2.3", &ip), 0);
    assert_int_equal(ip_scan("1.2.3.", &ip), 0);
    assert_int_equal(ip_scan("x", &ip), 0);

    ip = htonl(0x0a000000);
    mask = htonl(0xff000000);
    ip_format_masked(ip, &mask, &s);
    assert_string_equal(ds_cstr(&s), "10.0.0.0/255.0.0.0");
    ds_clear(&s);
    mask = htonl(UINT32_MAX);
    ip_format_masked(ip, &mask, &s);
    assert_string_equal(ds_cstr(&s), "10.0.0.0");
    ds_clear(&s);

    assert_int_equal(ipv6_scan("fe80::1/ffff::", &a6), 7);
    assert_int_equal(ipv6_scan("ffff::", &m6), 6);
    ipv6_format_masked(&a6, &m6, &s);
    assert_string_equal(ds_cstr(&s), "fe80::1/ffff::");
    ds_clear(&s);
    ipv6_format_masked(&a6, NULL, &s);
    assert_string_equal(ds_cstr(&s), "fe80::1");
    assert_int_equal(ipv6_scan("fe80:::1", &a6), 0);
    assert_int_equal(ipv6_scan("zz", &a6), 0);
    assert_int_equal(ipv6_scan("::", &a6), 2);
    assert_true(ipv6_addr_is_zero(&a6));
    ds_destroy(&s);
}

/* ---- Checksums. -------------------------------------------------- */

static void
test_csum_known_vectors(void **state OVS_UNUSED)
{
    /* RFC 1071 section 3's example words. */
    static const uint8_t rfc1071[] = {
        0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7
    };
    assert_int_equal(ntohs(csum(rfc1071, sizeof rfc1071)), 0x220d);

    /* A textbook IPv4 header (192.168.0.1 -> 192.168.0.199, UDP). */
    uint8_t iph[20] = {
        0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
        0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7
    };
    ip_header_set_csum((struct ip_header *) iph);
    assert_int_equal(iph[10], 0xb8);
    assert_int_equal(iph[11], 0x61);
    /* A header with a correct checksum sums to zero. */
    assert_int_equal(csum(iph, sizeof iph), 0);

    /* Odd length: the last byte is the high half of a word. */
    static const uint8_t odd[3] = { 0x12, 0x34, 0x56 };
    assert_int_equal(ntohs(csum(odd, sizeof odd)),
                     (uint16_t) ~(0x1234 + 0x5600));
}

static void
test_csum_pseudoheaders(void **state OVS_UNUSED)
{
    /* UDP 10.0.0.1:1234 -> 10.0.0.2:5678 "abcd" (computed
     * independently). */
    uint8_t pkt[32] = {
        0x45, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x40, 0x11,
        0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
        0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0c, 0x00, 0x00,
        'a', 'b', 'c', 'd'
    };
    const struct ip_header *ip = (const struct ip_header *) pkt;
    uint32_t partial = packet_csum_pseudoheader(ip);
    assert_int_equal(ntohs(csum_finish(csum_continue(partial, pkt + 20,
                                                     12))), 0x0c0d);

    /* Same datagram over IPv6 fe80::1 -> ff02::1. */
    uint8_t ip6buf[40] = { 0x60 };
    struct ip6_header *ip6 = (struct ip6_header *) ip6buf;
    ip6->ip6_src.s6_addr[0] = 0xfe;
    ip6->ip6_src.s6_addr[1] = 0x80;
    ip6->ip6_src.s6_addr[15] = 1;
    ip6->ip6_dst.s6_addr[0] = 0xff;
    ip6->ip6_dst.s6_addr[1] = 0x02;
    ip6->ip6_dst.s6_addr[15] = 1;
    partial = packet_csum_pseudoheader6(ip6, IPPROTO_UDP, 12);
    assert_int_equal(ntohs(csum_finish(csum_continue(partial, pkt + 20,
                                                     12))), 0x228a);
}

static uint32_t
prng(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* The incremental updates agree with recomputing the checksum from
 * scratch after rewriting a 16-, 32- or 128-bit field. */
static void
test_csum_incremental(void **state OVS_UNUSED)
{
    uint32_t seed = 12345;
    uint8_t buf[64];

    for (int iter = 0; iter < 2000; iter++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            buf[i] = prng(&seed);
        }
        ovs_be16 sum = csum(buf, sizeof buf);
        size_t ofs = (prng(&seed) % 12) * 2;   /* Even: word-aligned. */

        switch (iter % 3) {
        case 0: {
            ovs_be16 old, new = prng(&seed);
            memcpy(&old, buf + ofs, 2);
            memcpy(buf + ofs, &new, 2);
            sum = recalc_csum16(sum, old, new);
            break;
        }
        case 1: {
            ovs_be32 old, new = prng(&seed);
            memcpy(&old, buf + ofs, 4);
            memcpy(buf + ofs, &new, 4);
            sum = recalc_csum32(sum, old, new);
            break;
        }
        default: {
            struct in6_addr old, new;
            for (int i = 0; i < 16; i++) {
                new.s6_addr[i] = prng(&seed);
            }
            memcpy(&old, buf + ofs, 16);
            memcpy(buf + ofs, &new, 16);
            sum = recalc_csum128(sum, &old, &new);
            break;
        }
        }
        /* One's complement has two zeros; compare the verifying sums. */
        uint16_t want = ntohs(csum(buf, sizeof buf));
        uint16_t got = ntohs(sum);
        if (want != got) {
            assert_true((want == 0 && got == 0xffff)
                        || (want == 0xffff && got == 0));
        }
    }
}

/* ---- Header helpers. --------------------------------------------- */

static void
test_vlan_tci_helpers(void **state OVS_UNUSED)
{
    ovs_be16 tci = vlan_tci_make(4095, 7, true);
    assert_int_equal(ntohs(tci), 0xffff);
    assert_int_equal(vlan_tci_to_vid(tci), 4095);
    assert_int_equal(vlan_tci_to_pcp(tci), 7);
    assert_int_equal(vlan_tci_to_cfi(tci), 1);

    tci = vlan_tci_make(0x123 | 0xf000, 2, false);   /* VID masked. */
    assert_int_equal(ntohs(tci), 0x4123);
    assert_int_equal(vlan_tci_to_vid(tci), 0x123);
    assert_int_equal(vlan_tci_to_pcp(tci), 2);
    assert_int_equal(vlan_tci_to_cfi(tci), 0);

    assert_true(eth_type_vlan(htons(0x8100)));
    assert_true(eth_type_vlan(htons(0x88a8)));
    assert_false(eth_type_vlan(htons(0x9100)));
    assert_false(eth_type_vlan(htons(0x0800)));
}

static void
test_tcp_flag_names(void **state OVS_UNUSED)
{
    static const char *names[] = {
        "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
        "[200]", "[400]", "[800]"
    };
    for (int i = 0; i < 12; i++) {
        assert_string_equal(packet_tcp_flag_to_string(1u << i), names[i]);
    }
    assert_null(packet_tcp_flag_to_string(0x1000));
    assert_null(packet_tcp_flag_to_string(3));
    assert_int_equal(TCP_OFFSET(htons(0x5012)), 5);
    assert_int_equal(TCP_FLAGS(htons(0x5012)), TCP_SYN | TCP_ACK);
}

/* ---- dp_packet. -------------------------------------------------- */

static const uint8_t frame64[64] = {
    0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00,
    0x45, 0, 0, 50, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
    0x04, 0xd2, 0x16, 0x2e, 0, 30, 0, 0,
};

static void
test_dp_packet_headroom_and_growth(void **state OVS_UNUSED)
{
    struct dp_packet *p = dp_packet_clone_data(frame64, sizeof frame64);

    assert_true(dp_packet_headroom(p) >= 128);
    assert_int_equal(dp_packet_size(p), 64);
    assert_memory_equal(dp_packet_data(p), frame64, 64);

    /* Pushing an encapsulation's worth of headers stays in place. */
    uint8_t *old_data = dp_packet_data(p);
    uint8_t *outer = dp_packet_push_uninit(p, 70);
    assert_ptr_equal(outer, old_data - 70);
    assert_int_equal(dp_packet_size(p), 134);
    assert_non_null(dp_packet_try_pull(p, 70));
    assert_ptr_equal(dp_packet_data(p), old_data);

    /* Growing past the buffer keeps the contents. */
    dp_packet_put_zeros(p, 5000);
    assert_int_equal(dp_packet_size(p), 5064);
    assert_memory_equal(dp_packet_data(p), frame64, 64);
    dp_packet_push(p, "xy", 2);
    assert_memory_equal(dp_packet_data(p), "xy", 2);
    dp_packet_prealloc_headroom(p, 1000);
    assert_true(dp_packet_headroom(p) >= 1000);
    assert_memory_equal((uint8_t *) dp_packet_data(p) + 2, frame64, 64);

    assert_null(dp_packet_try_pull(p, 100000));
    dp_packet_clear(p);
    assert_int_equal(dp_packet_size(p), 0);
    dp_packet_delete(p);
    dp_packet_delete(NULL);
}

static void
test_dp_packet_vlan_push_pop(void **state OVS_UNUSED)
{
    struct dp_packet *p = dp_packet_clone_data(frame64, sizeof frame64);
    struct flow flow;

    flow_extract(p, &flow);
    assert_int_equal(p->l3_ofs, 14);
    assert_int_equal(p->l4_ofs, 34);
    uint8_t *ip = dp_packet_l3(p);
    size_t headroom = dp_packet_headroom(p);

    /* 802.1ad outer over 802.1Q inner, pushed inner first. */
    assert_true(dp_packet_push_vlan(p, htons(ETH_TYPE_VLAN_8021Q),
                                    vlan_tci_make(10, 3, false)));
    assert_true(dp_packet_push_vlan(p, htons(ETH_TYPE_VLAN_8021AD),
                                    vlan_tci_make(100, 0, false)));
    assert_int_equal(dp_packet_headroom(p), headroom - 8);
    assert_int_equal(dp_packet_size(p), 72);
    assert_ptr_equal(dp_packet_l3(p), ip);       /* Never moved. */
    assert_int_equal(p->l3_ofs, 22);

    static const uint8_t tags[] = {
        0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1,
        0x88, 0xa8, 0x00, 100, 0x81, 0x00, 0x60, 10, 0x08, 0x00
    };
    assert_memory_equal(dp_packet_data(p), tags, sizeof tags);

    flow_extract(p, &flow);
    assert_int_equal(ntohs(flow.vlans[0].tpid), ETH_TYPE_VLAN_8021AD);
    assert_int_equal(vlan_tci_to_vid(flow.vlans[0].tci), 100);
    assert_int_equal(vlan_tci_to_vid(flow.vlans[1].tci), 10);
    assert_int_equal(vlan_tci_to_pcp(flow.vlans[1].tci), 3);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(ntohs(flow.tp_dst), 5678);

    assert_true(dp_packet_pop_vlan(p));
    assert_true(dp_packet_pop_vlan(p));
    assert_false(dp_packet_pop_vlan(p));
    assert_int_equal(dp_packet_size(p), 64);
    assert_memory_equal(dp_packet_data(p), frame64, 64);
    assert_int_equal(p->l3_ofs, 14);
    assert_int_equal(p->l4_ofs, 34);

    /* Runts are left alone. */
    dp_packet_set_size(p, 10);
    assert_false(dp_packet_push_vlan(p, htons(0x8100), htons(1)));
    assert_false(dp_packet_pop_vlan(p));
    dp_packet_delete(p);
}

static void
test_dp_packet_const_view_copies_on_write(void **state OVS_UNUSED)
{
    uint8_t *bytes = xmemdup(frame64, sizeof frame64);
    struct dp_packet p;

    dp_packet_use_const(&p, bytes, sizeof frame64);
    assert_ptr_equal(dp_packet_data(&p), bytes);
    assert_int_equal(dp_packet_headroom(&p), 0);
    assert_true(dp_packet_push_vlan(&p, htons(0x8100), htons(5)));
    assert_ptr_not_equal(dp_packet_data(&p), bytes);
    assert_int_equal(dp_packet_size(&p), 68);
    /* The viewed bytes were not touched. */
    assert_memory_equal(bytes, frame64, sizeof frame64);
    dp_packet_uninit(&p);
    free(bytes);

    /* A stub uses caller memory until it outgrows it. */
    uint8_t stub[256];
    dp_packet_use_stub(&p, stub, sizeof stub);
    dp_packet_put(&p, frame64, sizeof frame64);
    assert_ptr_equal(dp_packet_data(&p), stub + DP_PACKET_HEADROOM);
    dp_packet_put_zeros(&p, 1000);
    assert_true(dp_packet_data(&p) < (void *) stub
                || dp_packet_data(&p) >= (void *) (stub + sizeof stub));
    assert_memory_equal(dp_packet_data(&p), frame64, sizeof frame64);
    dp_packet_uninit(&p);
}

static void
test_dp_packet_pool(void **state OVS_UNUSED)
{
    struct dp_packet_pool *pool = dp_packet_pool_create(40, 2048);
    struct dp_packet_batch batch;

    assert_int_equal(dp_packet_pool_n_packets(pool), 40);
    assert_int_equal(dp_packet_pool_n_free(pool), 40);
    assert_true(dp_packet_pool_buf_size(pool) >= 2048);

    dp_packet_batch_init(&batch);
    assert_int_equal(dp_packet_pool_alloc_batch(pool, &batch, 100),
                     NETDEV_MAX_BURST);
    assert_true(dp_packet_batch_is_full(&batch));
    assert_int_equal(dp_packet_pool_n_free(pool), 40 - NETDEV_MAX_BURST);

    struct dp_packet *p = NULL;
    DP_PACKET_BATCH_FOR_EACH (i, p, &batch) {
        assert_true(dp_packet_headroom(p) >= 128);
        assert_true(dp_packet_tailroom(p) >= 2048);
        assert_true(dp_packet_is_pool_backed(p));
        dp_packet_put(p, frame64, sizeof frame64);
        p->md.in_port = i;
    }
    assert_false(dp_packet_batch_add(&batch, p));   /* Full. */

    /* Keep the even ones, return the odd ones to the pool. */
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n, p, &batch) {
        if (p->md.in_port % 2) {
            dp_packet_delete(p);
        } else {
            dp_packet_batch_refill(&batch, p);
        }
    }
    assert_int_equal(dp_packet_batch_size(&batch), NETDEV_MAX_BURST / 2);
    assert_int_equal(dp_packet_pool_n_free(pool),
                     40 - NETDEV_MAX_BURST / 2);

    /* Exhaustion returns NULL instead of allocating. */
    struct dp_packet *extra[40];
    size_t n_extra = 0;
    while ((extra[n_extra] = dp_packet_pool_alloc(pool))) {
        n_extra++;
    }
    assert_int_equal(n_extra, 40 - NETDEV_MAX_BURST / 2);
    assert_null(dp_packet_pool_clone(pool, batch.packets[0]));

    /* A pool packet that outgrows its buffer still goes home. */
    dp_packet_put_zeros(extra[0], 10000);
    assert_false(dp_packet_is_pool_backed(extra[0]));
    dp_packet_delete(extra[0]);
    p = dp_packet_pool_alloc(pool);
    assert_true(dp_packet_is_pool_backed(p));
    assert_int_equal(dp_packet_size(p), 0);
    assert_int_equal(p->md.in_port, 0);

    /* Clones: into the pool and onto the heap. */
    dp_packet_delete(p);
    struct dp_packet *c = dp_packet_pool_clone(pool, batch.packets[1]);
    assert_non_null(c);
    assert_memory_equal(dp_packet_data(c), frame64, sizeof frame64);
    assert_int_equal(c->md.in_port, 2);
    struct dp_packet *h = dp_packet_clone(c);
    assert_int_equal(h->source, DPBUF_MALLOC);
    assert_memory_equal(dp_packet_data(h), frame64, sizeof frame64);
    dp_packet_delete(h);
    dp_packet_delete(c);

    for (size_t i = 1; i < n_extra; i++) {
        dp_packet_delete(extra[i]);
    }
    dp_packet_batch_delete_all(&batch);
    assert_true(dp_packet_batch_is_empty(&batch));
    assert_int_equal(dp_packet_pool_n_free(pool), 40);
    dp_packet_pool_destroy(pool);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eth_addr_parse),
        cmocka_unit_test(test_eth_addr_format_and_predicates),
        cmocka_unit_test(test_ip_addresses),
        cmocka_unit_test(test_csum_known_vectors),
        cmocka_unit_test(test_csum_pseudoheaders),
        cmocka_unit_test(test_csum_incremental),
        cmocka_unit_test(test_vlan_tci_helpers),
        cmocka_unit_test(test_tcp_flag_names),
        cmocka_unit_test(test_dp_packet_headroom_and_growth),
        cmocka_unit_test(test_dp_packet_vlan_push_pop),
        cmocka_unit_test(test_dp_packet_const_view_copies_on_write),
        cmocka_unit_test(test_dp_packet_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
