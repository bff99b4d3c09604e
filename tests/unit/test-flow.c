/* Unit tests for datapath/flow (key extraction, hashing, wildcards,
 * composition) and datapath/odp-util (the dpctl flow syntax).
 *
 * The frame table in flow-cases.h holds keys observed from Open
 * vSwitch 3.1 for the same frames, so these tests pin Railyard's keys to
 * OVS's, well-formed and malformed alike.  Every frame is also replayed
 * truncated at every byte and randomly mutated, each time in a buffer of
 * exactly its length so that AddressSanitizer catches any read past the
 * end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "datapath/dp-packet.h"
#include "datapath/flow.h"
#include "datapath/odp-util.h"
#include "ds.h"
#include "packets.h"
#include "flow-cases.h"
#include "util.h"

#define KEY_PREFIX "skb_priority(0),skb_mark(0),recirc_id(0),in_port(1)," \
                   "packet_type(ns=0,id=0),"

static uint8_t *
hex_to_bytes(const char *hex, size_t *n)
{
    size_t len = strlen(hex) / 2;
    uint8_t *b = xmalloc(len ? len : 1);

    for (size_t i = 0; i < len; i++) {
        unsigned int x;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &x), 1);
        b[i] = x;
    }
    *n = len;
    return b;
}

/* Extracts the first N bytes of DATA from a private buffer of exactly N
 * bytes, on in_port 1.  Returns the map flow_extract() returned. */
static uint64_t
extract_exact(const uint8_t *data, size_t n, struct flow *flow,
              struct dp_packet *copy_offsets)
{
    uint8_t *buf = xmemdup(data, n ? n : 1);
    struct dp_packet p;

    dp_packet_use_const(&p, buf, n);
    p.md.in_port = 1;
    uint64_t map = flow_extract(&p, flow);
    /* Header offsets stay inside the frame. */
    assert_true(p.l3_ofs == DP_PACKET_OFS_NONE || p.l3_ofs <= n);
    assert_true(p.l4_ofs == DP_PACKET_OFS_NONE || p.l4_ofs <= n);
    if (copy_offsets) {
        copy_offsets->l3_ofs = p.l3_ofs;
        copy_offsets->l4_ofs = p.l4_ofs;
    }
    dp_packet_uninit(&p);
    free(buf);
    return map;
}

static char *
key_text(const struct flow *flow)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    odp_flow_format(flow, NULL, false, NULL, &s);
    return ds_steal_cstr(&s);
}

static void
check_key_text(const char *name, const struct flow *flow,
               const char *expected)
{
    char *text = key_text(flow);
    if (strncmp(text, KEY_PREFIX, strlen(KEY_PREFIX))
        || strcmp(text + strlen(KEY_PREFIX), expected)) {
        print_error("%s:\n  got      %s\n  expected %s%s\n", name, text,
                    KEY_PREFIX, expected);
        fail();
    }
    free(text);
}

/* Printing KEY's exact form and parsing it back yields KEY and its exact
 * mask. */
static void
check_format_parse_roundtrip(const char *name, const struct flow *key)
{
    struct flow_wildcards wc, wc2;
    struct flow masked, parsed;
    struct ds s = DS_EMPTY_INITIALIZER;

    flow_wildcards_init_for_packet(&wc, key);
    flow_apply_mask(&masked, key, &wc);
    odp_flow_format(key, &wc, false, NULL, &s);
    char *err = odp_flow_from_string(ds_cstr(&s), NULL, &parsed, &wc2);
    if (err || !flow_equal(&parsed, &masked)
        || !flow_wildcards_equal(&wc, &wc2)) {
        struct ds s2 = DS_EMPTY_INITIALIZER;
        if (!err) {
            odp_flow_format(&parsed, &wc2, true, NULL, &s2);
        }
        print_error("%s: round trip of\n  %s\nfailed: %s\n  %s\n", name,
                    ds_cstr(&s), err ? err : "differs:", ds_cstr(&s2));
        ds_destroy(&s2);
        fail();
    }
    ds_destroy(&s);
}

/* ---- Extraction against OVS's keys. ------------------------------ */

static void
test_extract_matches_ovs(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(flow_cases); i++) {
        const struct flow_case *c = &flow_cases[i];
        struct flow flow;
        size_t n;
        uint8_t *frame = hex_to_bytes(c->hex, &n);

        uint64_t map = extract_exact(frame, n, &flow, NULL);
        assert_int_equal(flow_nonzero_map(&flow) & ~map, 0);
        check_key_text(c->name, &flow, c->key);
        check_format_parse_roundtrip(c->name, &flow);

        flow_limit_vlans(&flow, 1);
        check_key_text(c->name, &flow, c->key_limit1 ? c->key_limit1
                                                     : c->key);
        check_format_parse_roundtrip(c->name, &flow);
        free(frame);
    }
}

static void
test_extract_fields_and_offsets(void **state OVS_UNUSED)
{
    static const struct {
        const char *name;
        uint16_t l3_ofs, l4_ofs;
    } offsets[] = {
        { "udp4", 14, 34 },
        { "vlan", 18, 38 },
        { "qinq", 22, 42 },
        { "llc_snap", 22, 42 },
        { "ip4_opts", 14, 38 },
        { "ip6_ext", 14, 70 },
        { "frag_later", 14, DP_PACKET_OFS_NONE },
        { "udp_trunc", DP_PACKET_OFS_NONE, DP_PACKET_OFS_NONE },
        { "udp_7", 14, DP_PACKET_OFS_NONE },
        { "arp", 14, DP_PACKET_OFS_NONE },
    };

    for (size_t i = 0; i < ARRAY_SIZE(offsets); i++) {
        const struct flow_case *c = NULL;
        for (size_t j = 0; j < ARRAY_SIZE(flow_cases); j++) {
            if (!strcmp(flow_cases[j].name, offsets[i].name)) {
                c = &flow_cases[j];
            }
        }
        assert_non_null(c);

        struct dp_packet ofs;
        struct flow flow;
        size_t n;
        uint8_t *frame = hex_to_bytes(c->hex, &n);
        extract_exact(frame, n, &flow, &ofs);
        assert_int_equal(ofs.l3_ofs, offsets[i].l3_ofs);
        assert_int_equal(ofs.l4_ofs, offsets[i].l4_ofs);
        free(frame);
    }

    /* Field representation, spot-checked on TCP. */
    size_t n;
    uint8_t *frame = hex_to_bytes(flow_cases[1].hex, &n);
    struct flow flow;
    assert_string_equal(flow_cases[1].name, "tcp4");
    extract_exact(frame, n, &flow, NULL);
    assert_int_equal(flow.in_port, 1);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(flow.vlans[0].tci, 0);
    assert_int_equal(flow.nw_src, htonl(0x0a000001));
    assert_int_equal(flow.nw_proto, IPPROTO_TCP);
    assert_int_equal(flow.nw_tos, 0xb9);
    assert_int_equal(flow.nw_ttl, 64);
    assert_int_equal(flow.nw_frag, 0);
    assert_int_equal(ntohs(flow.tp_src), 80);
    assert_int_equal(ntohs(flow.tp_dst), 443);
    assert_int_equal(ntohs(flow.tcp_flags), TCP_SYN | TCP_ACK);
    free(frame);
}

static void
test_extract_metadata(void **state OVS_UNUSED)
{
    struct dp_packet *p = dp_packet_new(64);
    struct flow flow;

    dp_packet_put_zeros(p, 60);
    pkt_metadata_init(&p->md, 7);
    p->md.skb_priority = 3;
    p->md.pkt_mark = 0xabc;
    uint64_t map = flow_extract(p, &flow);
    assert_int_equal(flow.in_port, 7);
    assert_int_equal(flow.skb_priority, 3);
    assert_int_equal(flow.pkt_mark, 0xabc);
    assert_true(ipv6_addr_is_zero(&flow.tunnel.ipv6_dst));
    assert_int_equal(map & FLOW_MAP(tunnel), 0);

    p->md.tunnel_valid = true;
    memset(&p->md.tunnel, 0, sizeof p->md.tunnel);
    p->md.tunnel.tun_id = htonll(5);
    p->md.tunnel.ip_dst = htonl(0x01020304);
    map = flow_extract(p, &flow);
    assert_int_equal(ntohll(flow.tunnel.tun_id), 5);
    assert_true(flow_tnl_present(&flow.tunnel));
    assert_int_equal(map & FLOW_MAP(tunnel), FLOW_MAP(tunnel));

    /* A runt yields metadata only. */
    p->md.tunnel_valid = false;
    dp_packet_set_size(p, 13);
    map = flow_extract(p, &flow);
    assert_int_equal(flow.dl_type, 0);
    assert_true(eth_addr_is_zero(flow.dl_src));
    assert_int_equal(flow_nonzero_map(&flow) & ~(FLOW_MAP(skb_priority)
                                                 | FLOW_MAP(in_port)), 0);
    dp_packet_delete(p);
}

/* ---- Malformed frames. ------------------------------------------- */

struct field {
    const char *name;
    size_t ofs, len;
};
#define FIELD(F) { #F, offsetof(struct flow, F), \
                   sizeof ((struct flow *) 0)->F }
static const struct field partial_fields[] = {
    FIELD(dl_dst), FIELD(dl_src), FIELD(vlans[0]), FIELD(vlans[1]),
    FIELD(nw_src), FIELD(nw_dst), FIELD(ipv6_src), FIELD(ipv6_dst),
    FIELD(ipv6_label), FIELD(nw_frag), FIELD(nw_tos), FIELD(nw_ttl),
    FIELD(nw_proto), FIELD(nd_target), FIELD(tp_src), FIELD(tp_dst),
    FIELD(tcp_flags), FIELD(arp_sha), FIELD(arp_tha),
};

static bool
field_is_zero(const struct flow *f, const struct field *fd)
{
    const uint8_t *p = (const uint8_t *) f + fd->ofs;
    for (size_t i = 0; i < fd->len; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Every prefix of every frame parses without reading past its end (the
 * buffer is exactly the prefix), and its key is a sane partial key: each
 * field either matches the whole frame's or is 0. */
static void
test_extract_truncated_everywhere(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(flow_cases); i++) {
        const struct flow_case *c = &flow_cases[i];
        struct flow full, part;
        size_t n;
        uint8_t *frame = hex_to_bytes(c->hex, &n);

        extract_exact(frame, n, &full, NULL);
        for (size_t len = 0; len <= n; len++) {
            uint64_t map = extract_exact(frame, len, &part, NULL);

            assert_int_equal(flow_nonzero_map(&part) & ~map, 0);
            assert_int_equal(flow_hash_map(&part, map, 7),
                             flow_hash(&part, 7));
            if (len < ETH_HEADER_LEN) {
                assert_int_equal(part.dl_type, 0);
                assert_true(eth_addr_is_zero(part.dl_dst));
                continue;
            }
            for (size_t f = 0; f < ARRAY_SIZE(partial_fields); f++) {
                const struct field *fd = &partial_fields[f];
                if (!field_is_zero(&part, fd)
                    && memcmp((uint8_t *) &part + fd->ofs,
                              (uint8_t *) &full + fd->ofs, fd->len)) {
                    print_error("%s truncated to %zu bytes: %s differs\n",
                                c->name, len, fd->name);
                    fail();
                }
            }
            assert_true(part.dl_type == full.dl_type
                        || eth_type_vlan(part.dl_type)
                        || part.dl_type == htons(FLOW_DL_TYPE_NONE));
            check_format_parse_roundtrip(c->name, &part);
        }
        free(frame);
    }
}

static uint32_t
prng(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* Random corruption of the table's frames (bytes, lengths, ext header
 * counts) never crashes, never reads out of bounds, and always yields a
 * key that prints and parses back to itself. */
static void
test_extract_mutated_frames(void **state OVS_UNUSED)
{
    uint32_t seed = 0x5eed;

    for (int iter = 0; iter < 30000; iter++) {
        const struct flow_case *c
            = &flow_cases[prng(&seed) % ARRAY_SIZE(flow_cases)];
        struct flow flow;
        size_t n;
        uint8_t *frame = hex_to_bytes(c->hex, &n);

        int n_flips = 1 + prng(&seed) % 4;
        for (int j = 0; j < n_flips && n; j++) {
            size_t pos = prng(&seed) % n;
            uint32_t r = prng(&seed);
            /* Favour small and boundary values: lengths and types. */
            frame[pos] = r % 3 == 0 ? (uint8_t) r
                         : r % 3 == 1 ? (uint8_t) (frame[pos] ^ (1u << (r
                                                                   % 8)))
                         : (uint8_t[]) { 0, 1, 0xff, 0x3c, 0x2c, 5 }[r % 6];
        }
        size_t len = prng(&seed) % 4 ? n : prng(&seed) % (n + 1);
        uint64_t map = extract_exact(frame, len, &flow, NULL);
        assert_int_equal(flow_nonzero_map(&flow) & ~map, 0);
        if (len >= ETH_HEADER_LEN) {
            check_format_parse_roundtrip(c->name, &flow);
        }
        free(frame);
    }
}

/* IPv6 extension header chains: one that runs into the end of the packet,
 * and the chain length bound. */
static void
test_extract_ipv6_chains(void **state OVS_UNUSED)
{
    uint8_t frame[14 + 40 + 8 * 80 + 8];
    struct flow flow;

    for (int n_ext = 0; n_ext <= 80; n_ext++) {
        size_t plen = 8 * n_ext + 8;
        memset(frame, 0, sizeof frame);
        frame[12] = 0x86;
        frame[13] = 0xdd;
        frame[14] = 0x60;
        frame[18] = plen >> 8;
        frame[19] = plen & 0xff;
        frame[20] = n_ext ? IPPROTO_DSTOPTS : IPPROTO_UDP;
        frame[21] = 64;
        for (int i = 0; i < n_ext; i++) {
            frame[54 + 8 * i] = i == n_ext - 1 ? IPPROTO_UDP
                                               : IPPROTO_DSTOPTS;
        }
        uint8_t *udp = frame + 54 + 8 * n_ext;
        udp[1] = 53;
        udp[3] = 99;

        extract_exact(frame, 54 + plen, &flow, NULL);
        if (n_ext <= FLOW_MAX_IPV6_EXT_HEADERS) {
            assert_int_equal(flow.nw_proto, IPPROTO_UDP);
            assert_int_equal(ntohs(flow.tp_src), 53);
            assert_int_equal(ntohs(flow.tp_dst), 99);
        } else {
            /* Too long a chain: L3 details and L4 left 0. */
            assert_int_equal(flow.nw_proto, 0);
            assert_int_equal(flow.nw_ttl, 0);
            assert_int_equal(flow.tp_src, 0);
        }

        /* The same chain with the UDP header cut off: the last header
         * points past the end of the packet. */
        if (n_ext) {
            frame[18] = (plen - 8) >> 8;
            frame[19] = (plen - 8) & 0xff;
            extract_exact(frame, 54 + plen - 8, &flow, NULL);
            assert_int_equal(flow.nw_proto,
                             n_ext <= FLOW_MAX_IPV6_EXT_HEADERS
                             ? IPPROTO_UDP : 0);
            assert_int_equal(flow.tp_src, 0);
        }
    }
}

/* ---- Composition. ------------------------------------------------ */

static void
test_compose_extract_roundtrip(void **state OVS_UNUSED)
{
    static const char *names[] = {
        "udp4", "tcp4", "vlan", "qinq", "3tags", "vlan0", "arp", "icmp",
        "frag_first", "frag_later", "udp6", "tcp6", "ip6_frag_first",
        "ip6_frag_later", "nd_ns", "nd_na", "ns_sll_tll", "icmp6_echo",
        "sctp", "llc_stp", "rarp", "vlan_arp", "igmp", "tcp_flags_all",
        "vlan_88a8", "vlan_trunc", "arp_op300",
    };

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        const struct flow_case *c = NULL;
        for (size_t j = 0; j < ARRAY_SIZE(flow_cases); j++) {
            if (!strcmp(flow_cases[j].name, names[i])) {
                c = &flow_cases[j];
            }
        }
        assert_non_null(c);

        struct flow flow, flow2;
        size_t n;
        uint8_t *frame = hex_to_bytes(c->hex, &n);
        extract_exact(frame, n, &flow, NULL);

        struct dp_packet *p = dp_packet_new(0);
        flow_compose(p, &flow, 13);
        extract_exact(dp_packet_data(p), dp_packet_size(p), &flow2, NULL);
        if (!flow_equal(&flow, &flow2)) {
            char *a = key_text(&flow), *b = key_text(&flow2);
            print_error("%s: composed frame extracts as\n  %s\nnot\n  %s\n",
                        names[i], b, a);
            free(a);
            free(b);
            fail();
        }
        assert_true(dp_packet_size(p) >= ETH_TOTAL_MIN
                    || eth_type_vlan(flow.dl_type));
        dp_packet_delete(p);
        free(frame);
    }
}

static void
test_compose_checksums(void **state OVS_UNUSED)
{
    struct flow flow;
    struct flow_wildcards wc;

    static const char *keys[] = {
        "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
        "eth_type(0x0800),ipv4(src=1.2.3.4,dst=5.6.7.8,proto=6,tos=0,"
        "ttl=64,frag=no),tcp(src=1,dst=2),tcp_flags(syn)",
        "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
        "eth_type(0x0800),ipv4(src=1.2.3.4,dst=5.6.7.8,proto=17,tos=0,"
        "ttl=64,frag=no),udp(src=1,dst=2)",
        "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
        "eth_type(0x86dd),ipv6(src=::1,dst=::2,label=0,proto=58,tclass=0,"
        "hlimit=255,frag=no),icmpv6(type=128,code=0)",
    };
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
        char *err = odp_flow_from_string(keys[i], NULL, &flow, &wc);
        assert_null(err);
        struct dp_packet *p = dp_packet_new(0);
        flow_compose(p, &flow, 20);
        flow_extract(p, &flow);

        uint8_t *l3 = dp_packet_l3(p), *l4 = dp_packet_l4(p);
        assert_non_null(l4);
        if (flow.dl_type == htons(ETH_TYPE_IP)) {
            const struct ip_header *ip = (const void *) l3;
            size_t l4_len = ntohs(ip->ip_tot_len) - 20;
            assert_int_equal(csum(l3, 20), 0);
            assert_int_equal(csum_finish(csum_continue(
                packet_csum_pseudoheader(ip), l4, l4_len)), 0);
        } else {
            const struct ip6_header *ip6 = (const void *) l3;
            size_t l4_len = ntohs(ip6->ip6_plen);
            assert_int_equal(csum_finish(csum_continue(
                packet_csum_pseudoheader6(ip6, flow.nw_proto, l4_len),
                l4, l4_len)), 0);
        }
        dp_packet_delete(p);
    }
}

/* ---- The flow syntax. -------------------------------------------- */

static const char *
port_name_of(uint32_t port, void *aux OVS_UNUSED)
{
    return port == 1 ? "p1" : port == 2 ? "p2" : NULL;
}

static bool
port_number_of(const char *name, uint32_t *port, void *aux OVS_UNUSED)
{
    if (!strcmp(name, "p1") || !strcmp(name, "p2")) {
        *port = name[1] - '0';
        return true;
    }
    return false;
}

static const struct odp_port_names names = {
    port_name_of, port_number_of, NULL
};

/* Strings as OVS 3.1 printed them (dpctl/dump-flows, with and without
 * -m) parse and print back unchanged. */
static void
test_syntax_roundtrip(void **state OVS_UNUSED)
{
    static const struct {
        bool verbose;
        const char *s;
    } cases[] = {
        { false, "recirc_id(0),in_port(1),packet_type(ns=0,id=0),"
          "eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02),"
          "eth_type(0x0800),ipv4(frag=no)" },
        { false, "recirc_id(0),in_port(2),eth(src=00:00:00:00:00:01/"
          "ff:ff:ff:00:00:00),eth_type(0x0800),ipv4(src=10.0.0.0/"
          "255.0.0.0,proto=6,frag=no),tcp(dst=80),tcp_flags(+syn-ack)" },
        { true, "skb_priority(0/0),skb_mark(0/0),ct_state(0/0),"
          "ct_zone(0/0),ct_mark(0/0),ct_label(0/0),recirc_id(0),"
          "dp_hash(0/0),in_port(p2),packet_type(ns=0/0,id=0/0),"
          "eth(src=00:00:00:00:00:01/ff:ff:ff:00:00:00,"
          "dst=00:00:00:00:00:00/00:00:00:00:00:00),eth_type(0x0800),"
          "ipv4(src=10.0.0.0/255.0.0.0,dst=0.0.0.0/0.0.0.0,proto=6,"
          "tos=0/0,ttl=0/0,frag=no),tcp(src=0/0,dst=80),"
          "tcp_flags(+syn-ack)" },
        { true, "skb_priority(0/0),skb_mark(0/0),ct_state(0/0),"
          "ct_zone(0/0),ct_mark(0/0),ct_label(0/0),recirc_id(0),"
          "dp_hash(0/0),in_port(p1),packet_type(ns=0,id=0),"
          "eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02),"
          "eth_type(0x0800),ipv4(src=10.0.0.1/0.0.0.0,dst=10.0.0.2/0.0.0.0,"
          "proto=17/0,tos=0/0,ttl=64/0,frag=no),udp(src=1234/0,dst=5678/0)" },
        { false, "skb_priority(0x5),skb_mark(0x7),recirc_id(0),in_port(1),"
          "eth(src=00:00:00:00:00:01),eth_type(0x8100),vlan(vid=10,pcp=3),"
          "encap(eth_type(0x0800),ipv4(src=1.2.3.4,frag=no))" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x86dd),"
          "ipv6(src=fe80::1/ffff::,label=0x12345,proto=58,tclass=0x10,"
          "hlimit=255,frag=no),icmpv6(type=135,code=0),nd(target=fe80::2,"
          "sll=00:00:00:00:00:01,tll=00:00:00:00:00:02)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0806),"
          "arp(sip=1.1.1.1,tip=2.2.2.0/255.255.255.0,op=1,"
          "sha=00:00:00:00:00:01,tha=00:00:00:00:00:00/ff:00:00:00:00:00)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0800),"
          "ipv4(proto=6,frag=first),tcp(src=1/0xff00,dst=2),"
          "tcp_flags(syn|ack)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0800),"
          "ipv4(proto=6,frag=no),tcp_flags(-ns-[200]-[400]-[800])" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0800),"
          "ipv4(proto=6,frag=no),tcp_flags(0)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0800),"
          "ipv4(proto=1,tos=0x10/0xfc,ttl=3,frag=later)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0800),"
          "ipv4(proto=1,frag=no),icmp(type=3,code=1)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x0800),"
          "ipv4(proto=132,frag=no),sctp(src=7,dst=9)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x86dd),"
          "ipv6(src=::1,dst=::2,label=0x5/0xf,proto=17,tclass=0/0x3,"
          "frag=first),udp(dst=1)" },
        { false, "tunnel(tun_id=0x5,src=1.1.1.1,dst=2.2.2.2,ttl=64,"
          "flags(-df+csum+key)),recirc_id(0),in_port(1),eth(),"
          "eth_type(0x0800),ipv4(frag=no)" },
        { false, "tunnel(tun_id=0x7b/0xff,src=1.1.1.1,dst=2.2.2.2,tos=0x3,"
          "ttl=10,tp_src=1,tp_dst=4789,flags(+key)),recirc_id(0),"
          "in_port(1),eth(),eth_type(0x0800),ipv4(frag=no)" },
        { false, "recirc_id(0),in_port(1),eth(src=01:02:03:04:05:06,"
          "dst=ff:ff:ff:ff:ff:ff),eth_type(0x0800),ipv4(src=1.1.1.1,"
          "frag=no)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x88a8),"
          "vlan(vid=100,pcp=0),encap(eth_type(0x8100),vlan(vid=10,pcp=0),"
          "encap(eth_type(0x0800),ipv4(frag=no)))" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x8100),"
          "vlan(vid=10/0xff0,pcp=0/0x1),encap(eth_type(0x0800))" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0/0xffff)" },
        { false, "recirc_id(0),in_port(1),eth(),eth_type(0x8100),"
          "vlan(vid=0,pcp=0,cfi=0),encap()" },
        { false, "recirc_id(0),dp_hash(0x5/0xff),in_port(1),"
          "packet_type(ns=0,id=0),eth_type(0x0800),ipv4(proto=6,frag=no),"
          "tcp_flags(fin)" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct flow key;
        struct flow_wildcards wc;
        struct ds s = DS_EMPTY_INITIALIZER;

        char *err = odp_flow_from_string(cases[i].s, &names, &key, &wc);
        if (err) {
            print_error("%s\nfails to parse: %s\n", cases[i].s, err);
            fail();
        }
        /* OVS's -m output above shows port names, the other numbers. */
        odp_flow_format(&key, &wc, cases[i].verbose,
                        cases[i].verbose ? &names : NULL, &s);
        assert_string_equal(ds_cstr(&s), cases[i].s);
        ds_destroy(&s);
    }

    /* A missing recirc_id() means recirc_id(0); spaces are allowed. */
    struct flow key;
    struct flow_wildcards wc;
    struct ds s = DS_EMPTY_INITIALIZER;
    assert_null(odp_flow_from_string(" in_port(1), eth(), "
                                     "eth_type(0x0806) ", NULL, &key, &wc));
    odp_flow_format(&key, &wc, false, NULL, &s);
    assert_string_equal(ds_cstr(&s),
                        "recirc_id(0),in_port(1),eth(),eth_type(0x0806)");
    ds_destroy(&s);
}

static void
test_syntax_errors(void **state OVS_UNUSED)
{
    static const char *bad[] = {
        "ipv4(src=1.2.3.4)",
        "eth_type(0x86dd),ipv4(src=1.2.3.4)",
        "eth_type(0x0800),ipv4(frag=maybe)",
        "eth_type(0x0800),ipv4(frag=first/0x1)x",
        "eth_type(0x0800),ipv4(src=1.2.3)",
        "eth_type(0x0800),ipv4(ttl=256)",
        "eth_type(0x0800),ipv4(color=red)",
        "in_port(nosuch)",
        "in_port(1",
        "in_port(1))",
        "in_port(1) junk",
        "eth_type(0x0800),ipv4(frag=no),tcp(src=1)",
        "eth_type(0x0800),ipv4(proto=17,frag=no),tcp_flags(syn)",
        "eth_type(0x0800),ipv4(proto=6,frag=no),tcp_flags(+syn-bogus)",
        "eth_type(0x86dd),ipv6(proto=1),icmp(type=1)",
        "ct_state(0x21)",
        "ct_zone(5)",
        "eth_type(0x8847),mpls(label=1)",
        "eth(src=00:00)",
        "eth(src=00:00:00:00:00:01/zz)",
        "vlan(vid=5)",
        "eth_type(0x8100),vlan(vid=4096),encap()",
        "eth_type(0x8100),vlan(vid=1),encap(eth_type(0x0800)",
        "eth_type(0x0800),encap()",
        "packet_type(ns=1,id=0x800)",
        "tunnel(tun_id=0x1,geneve())",
        "tunnel(flags(+bogus))",
        "frobnicate(1)",
        "recirc_id(0x100000000)",
        ("eth_type(0x88a8),vlan(vid=1),encap(eth_type(0x8100),vlan(vid=2),"
         "encap(eth_type(0x8100),vlan(vid=3),encap()))"),
        "",
    };

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct flow key;
        struct flow_wildcards wc;
        char *err = odp_flow_from_string(bad[i], &names, &key, &wc);
        if (!err && *bad[i]) {
            print_error("\"%s\" parsed without error\n", bad[i]);
            fail();
        }
        free(err);
    }
}

/* ---- Hashing and wildcards. -------------------------------------- */

static int
compare_u32(const void *a_, const void *b_)
{
    uint32_t a = *(const uint32_t *) a_, b = *(const uint32_t *) b_;
    return a < b ? -1 : a > b;
}

static void
test_hash(void **state OVS_UNUSED)
{
    struct flow base, f;
    struct flow_wildcards wc;
    size_t n;
    uint8_t *frame = hex_to_bytes(flow_cases[0].hex, &n);
    uint64_t map = extract_exact(frame, n, &base, NULL);

    /* The EMC's map hash equals the full hash; equal keys hash equal. */
    assert_int_equal(flow_hash_map(&base, map, 0), flow_hash(&base, 0));
    f = base;
    assert_int_equal(flow_hash(&f, 42), flow_hash(&base, 42));
    assert_true(flow_equal_map(&f, &base, map));
    assert_int_not_equal(flow_hash(&base, 1), flow_hash(&base, 2));

    /* 64k source ports: the 32-bit hashes barely collide. */
    enum { N = 65536 };
    uint32_t *hashes = xmalloc(N * sizeof *hashes);
    for (uint32_t i = 0; i < N; i++) {
        f.tp_src = htons(i);
        hashes[i] = flow_hash(&f, 0);
        assert_int_equal(flow_hash_map(&f, map, 0), hashes[i]);
    }
    size_t dups = 0, buckets[1024] = { 0 };
    for (uint32_t i = 0; i < N; i++) {
        buckets[hashes[i] & 1023]++;
    }
    for (size_t i = 0; i < 1024; i++) {
        /* Mean 64 per bucket; a good hash stays well inside 2x. */
        assert_true(buckets[i] > 20 && buckets[i] < 128);
    }
    qsort(hashes, N, sizeof *hashes, compare_u32);
    for (uint32_t i = 1; i < N; i++) {
        dups += hashes[i] == hashes[i - 1];
    }
    assert_true(dups < 10);
    free(hashes);

    /* Masked hashing equals hashing the masked key, whatever the bits
     * outside the mask. */
    flow_wildcards_init_catchall(&wc);
    FLOW_WC_SET(&wc, in_port);
    FLOW_WC_SET(&wc, dl_dst);
    wc.masks.nw_dst = htonl(0xffffff00);
    struct flow masked;
    flow_apply_mask(&masked, &base, &wc);
    assert_int_equal(flow_hash_in_mask(&base, &wc, 9),
                     flow_hash(&masked, 9));
    assert_int_equal(flow_hash_in_mask_map(&base, &wc,
                                           flow_wildcards_map(&wc), 9),
                     flow_hash(&masked, 9));
    f = base;
    f.nw_dst ^= htonl(0xff);        /* Outside the mask. */
    f.tp_src = htons(1);
    assert_int_equal(flow_hash_in_mask(&f, &wc, 9),
                     flow_hash_in_mask(&base, &wc, 9));
    assert_true(flow_equal_in_mask_map(&f, &base, &wc,
                                       flow_wildcards_map(&wc)));
    f.nw_dst ^= htonl(0x100);       /* Inside the mask. */
    assert_false(flow_equal_in_mask_map(&f, &base, &wc,
                                        flow_wildcards_map(&wc)));
    assert_false(flow_equal_except_masked(&f, &base, &wc));
    free(frame);
}

static void
test_wildcards(void **state OVS_UNUSED)
{
    struct flow_wildcards wc, wc2, u;
    struct flow a, b;
    size_t n;
    uint8_t *frame = hex_to_bytes(flow_cases[1].hex, &n);

    extract_exact(frame, n, &a, NULL);
    b = a;
    b.tp_src = htons(9999);
    b.nw_ttl = 1;

    flow_wildcards_init_catchall(&wc);
    assert_true(flow_wildcards_is_catchall(&wc));
    assert_true(flow_equal_except_masked(&a, &b, &wc));

    FLOW_WC_SET(&wc, nw_src);
    FLOW_WC_SET(&wc, tp_dst);
    assert_false(flow_wildcards_is_catchall(&wc));
    assert_int_equal(flow_wildcards_map(&wc),
                     FLOW_MAP(nw_src) | FLOW_MAP(tp_dst));
    assert_true(flow_equal_except_masked(&a, &b, &wc));

    flow_wildcards_init_catchall(&wc2);
    FLOW_WC_SET(&wc2, tp_src);
    assert_false(flow_equal_except_masked(&a, &b, &wc2));
    /* Only the masked bits count. */
    wc2.masks.tp_src = htons(0x00ff);
    b.tp_src = a.tp_src ^ htons(0xff00);
    assert_true(flow_equal_except_masked(&a, &b, &wc2));

    flow_wildcards_union(&u, &wc, &wc2);
    assert_int_equal(u.masks.tp_src, htons(0x00ff));
    assert_int_equal(u.masks.nw_src, htonl(UINT32_MAX));
    FLOW_WC_UNSET(&u, nw_src);
    assert_int_equal(u.masks.nw_src, 0);
    assert_false(flow_wildcards_equal(&u, &wc));

    /* An exact mask compares everything; padding stays unmasked. */
    flow_wildcards_init_exact(&wc);
    assert_false(flow_equal_except_masked(&a, &b, &wc));
    assert_int_equal(wc.masks.pad1[0], 0);
    flow_apply_mask(&b, &a, &wc);
    assert_true(flow_equal(&a, &b));

    /* The exact mask of a packet covers exactly its protocol's fields. */
    flow_wildcards_init_for_packet(&wc, &a);
    assert_int_equal(wc.masks.tp_src, htons(0xffff));
    assert_int_equal(wc.masks.tcp_flags, htons(TCP_FLAGS_MASK));
    assert_true(ipv6_addr_is_zero(&wc.masks.ipv6_src));
    assert_int_equal(wc.masks.regs[0], 0);
    assert_int_equal(wc.masks.vlans[0].tci, htons(0xffff));
    assert_int_equal(wc.masks.vlans[1].tci, 0);
    free(frame);
}

static void
test_limit_vlans(void **state OVS_UNUSED)
{
    struct flow f;
    struct flow_wildcards wc;

    assert_null(odp_flow_from_string(
        "in_port(1),eth(),eth_type(0x88a8),vlan(vid=100,pcp=0),"
        "encap(eth_type(0x8100),vlan(vid=10,pcp=0),"
        "encap(eth_type(0x0800),ipv4(src=1.1.1.1,proto=17,frag=no),"
        "udp(src=1)))", NULL, &f, &wc));
    struct flow g = f;
    flow_limit_vlans(&g, 0);            /* No limit. */
    assert_true(flow_equal(&f, &g));
    flow_limit_vlans(&g, 2);
    assert_true(flow_equal(&f, &g));
    flow_limit_vlans(&g, 1);
    assert_int_equal(ntohs(g.dl_type), ETH_TYPE_VLAN_8021Q);
    assert_int_equal(vlan_tci_to_vid(g.vlans[0].tci), 100);
    assert_int_equal(g.vlans[1].tci, 0);
    assert_int_equal(g.nw_src, 0);
    assert_int_equal(g.tp_src, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extract_matches_ovs),
        cmocka_unit_test(test_extract_fields_and_offsets),
        cmocka_unit_test(test_extract_metadata),
        cmocka_unit_test(test_extract_truncated_everywhere),
        cmocka_unit_test(test_extract_mutated_frames),
        cmocka_unit_test(test_extract_ipv6_chains),
        cmocka_unit_test(test_compose_extract_roundtrip),
        cmocka_unit_test(test_compose_checksums),
        cmocka_unit_test(test_syntax_roundtrip),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_wildcards),
        cmocka_unit_test(test_limit_vlans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
