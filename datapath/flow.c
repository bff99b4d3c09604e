/* flow: flow-key extraction, wildcard helpers and packet composition (see
 * flow.h for the key's layout and conventions).
 *
 * flow_extract() is the datapath's per-packet parser.  It walks the frame
 * with a (pointer, bytes left) cursor, checking each header's length once
 * before reading it; every loop is bounded by the frame (each step
 * consumes at least 8 bytes) and by a fixed count.  The behaviour on
 * malformed frames reproduces OVS 3.1's keys, as observed by feeding the
 * same frames to its userspace datapath. */
#include "flow.h"
#include <stdlib.h>
#include "packets.h"

const uint64_t flow_hash_keys[64] = {
    UINT64_C(0xbe83ee6905fb307f), UINT64_C(0x85b8207121e6dcd9),
    UINT64_C(0xe4da7be83e3d5e3d), UINT64_C(0x9b9754a07e0ad187),
    UINT64_C(0xdd6cc019f60ae49f), UINT64_C(0x028a1918da493e43),
    UINT64_C(0x1ab73331742d3ecb), UINT64_C(0xcf43fd291bda9f25),
    UINT64_C(0x930a578e3fbbb4e9), UINT64_C(0xe55a9e362e817953),
    UINT64_C(0x8a6a57b2d9b37c65), UINT64_C(0x440feba75c5d14db),
    UINT64_C(0xc8e3111597bf241f), UINT64_C(0x3414db39c6976e79),
    UINT64_C(0x700b47d24d159d3f), UINT64_C(0xff00fed3c7f66553),
    UINT64_C(0xa6b5ea29cad601d3), UINT64_C(0x183da172e1bbef3b),
    UINT64_C(0x8351b468856d7007), UINT64_C(0xb538f797234db6fb),
    UINT64_C(0x257f6ba7d286d23d), UINT64_C(0x5cda5dc528aceb6b),
    UINT64_C(0x1bb807bcd7ffe16f), UINT64_C(0xf856073c66976c85),
    UINT64_C(0x2da3de9e3b28f787), UINT64_C(0xe536dac05ce4f8af),
    UINT64_C(0xc810ad5ae96fd4f1), UINT64_C(0x8f9f781722a71d8d),
    UINT64_C(0x33ff0d6eb8f81ce9), UINT64_C(0x69663ac3e5b626cb),
    UINT64_C(0xb3660d7c471befd5), UINT64_C(0xa81b363645a7387d),
    UINT64_C(0xd8ea832d55878299), UINT64_C(0x7fdaf7011b35a8e1),
    UINT64_C(0x518dc50b038b9183), UINT64_C(0xadfbf17d8813cb09),
    UINT64_C(0x7e515a42fd3c82b3), UINT64_C(0xefc8343915d7cd5f),
    UINT64_C(0x0e587d874023ed3f), UINT64_C(0x787e5cf3d36b5667),
    UINT64_C(0x0593427b2f3a35e7), UINT64_C(0x5ae7112fd73c36b3),
    UINT64_C(0x1dfc7699a52b6a5b), UINT64_C(0xf2335970447d0813),
    UINT64_C(0x23b921ba1a30e05f), UINT64_C(0x2f2374635c8f4db1),
    UINT64_C(0x0d0f0ee51958240d), UINT64_C(0xc358c2feedd4bc19),
    UINT64_C(0xca0827af41731049), UINT64_C(0x659ad19c67d718fd),
    UINT64_C(0x23e6aae04710813d), UINT64_C(0xd8a04b3894299ce1),
    UINT64_C(0x07033a91a45a1943), UINT64_C(0x82ab04793b51834f),
    UINT64_C(0xb1a1972bf9ab9677), UINT64_C(0x6faee465adc83d43),
    UINT64_C(0x3c5c8a856f108c85), UINT64_C(0x3599bfa97e20301d),
    UINT64_C(0xf006cc3231abbab3), UINT64_C(0xd9f5eda74653c5f1),
    UINT64_C(0xe9c5fea60539f8d7), UINT64_C(0x1f806ea83258b801),
    UINT64_C(0xe222d29f5696c057), UINT64_C(0x9c34aa1e3ca78adf),
};

/* ---- Extraction. ------------------------------------------------- */

static inline ovs_be16
get_be16(const uint8_t *p)
{
    ovs_be16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The words flow_extract() may write, per protocol layer. */
#define MAP_MD (FLOW_MAP(skb_priority) | FLOW_MAP(pkt_mark) \
                | FLOW_MAP(recirc_id) | FLOW_MAP(in_port))
#define MAP_TUNNEL FLOW_MAP(tunnel)
#define MAP_L2 (FLOW_MAP(dl_dst) | FLOW_MAP(dl_src) | FLOW_MAP(dl_type))
#define MAP_VLAN FLOW_MAP(vlans)
#define MAP_NW_ADDR (FLOW_MAP(nw_src) | FLOW_MAP(nw_dst))
#define MAP_IPV6_ADDR (FLOW_MAP(ipv6_src) | FLOW_MAP(ipv6_dst))
#define MAP_NW_MISC (FLOW_MAP(ipv6_label) | FLOW_MAP(nw_frag) \
                     | FLOW_MAP(nw_tos) | FLOW_MAP(nw_ttl) \
                     | FLOW_MAP(nw_proto))
#define MAP_TP (FLOW_MAP(tp_src) | FLOW_MAP(tp_dst) | FLOW_MAP(tcp_flags))
#define MAP_ARP_HA (FLOW_MAP(arp_sha) | FLOW_MAP(arp_tha))
#define MAP_ND (FLOW_MAP(nd_target) | MAP_ARP_HA)

/* Parses the ND body (after the 4-byte ICMPv6 header) at P, N bytes. */
static uint64_t
parse_nd(const uint8_t *p, size_t n, struct flow *flow)
{
    bool have_sll = false, have_tll = false;

    if (n < ND_MSG_LEN - ICMP6_HEADER_LEN) {
        return 0;
    }
    memcpy(&flow->nd_target, p + 4, sizeof flow->nd_target);
    p += ND_MSG_LEN - ICMP6_HEADER_LEN;
    n -= ND_MSG_LEN - ICMP6_HEADER_LEN;

    while (n >= ND_LLA_OPT_LEN) {
        size_t opt_len = p[1] * 8;
        if (!opt_len || opt_len > n) {
            break;                  /* Keep what was parsed so far. */
        }
        if (opt_len == ND_LLA_OPT_LEN) {
            if (p[0] == ND_OPT_SOURCE_LINKADDR) {
                if (have_sll) {
                    goto invalid;
                }
                memcpy(&flow->arp_sha, p + 2, ETH_ADDR_LEN);
                have_sll = true;
            } else if (p[0] == ND_OPT_TARGET_LINKADDR) {
                if (have_tll) {
                    goto invalid;
                }
                memcpy(&flow->arp_tha, p + 2, ETH_ADDR_LEN);
                have_tll = true;
            }
        }
        p += opt_len;
        n -= opt_len;
    }
    return MAP_ND;

invalid:
    /* Duplicate options make the whole ND part unusable. */
    memset(&flow->nd_target, 0, sizeof flow->nd_target);
    flow->arp_sha = eth_addr_zero;
    flow->arp_tha = eth_addr_zero;
    return 0;
}

/* Parses the L4 header of protocol PROTO at P (N bytes, the IP payload).
 * Returns the map of words written. */
static uint64_t
parse_l4(struct dp_packet *packet, const uint8_t *p, size_t n,
         uint8_t proto, bool is_ipv6, struct flow *flow)
{
    switch (proto) {
    case IPPROTO_TCP:
        if (n >= TCP_HEADER_LEN) {
            const struct tcp_header *tcp = (const void *) p;
            size_t doff = TCP_OFFSET(tcp->tcp_ctl) * 4;
            if (doff >= TCP_HEADER_LEN && doff <= n) {
                flow->tp_src = tcp->tcp_src;
                flow->tp_dst = tcp->tcp_dst;
                flow->tcp_flags = TCP_FLAGS_BE16(tcp->tcp_ctl);
                dp_packet_set_l4(packet, p);
                return MAP_TP;
            }
        }
        return 0;

    case IPPROTO_UDP:
        if (n >= UDP_HEADER_LEN) {
            const struct udp_header *udp = (const void *) p;
            flow->tp_src = udp->udp_src;
            flow->tp_dst = udp->udp_dst;
            dp_packet_set_l4(packet, p);
            return MAP_TP;
        }
        return 0;

    case IPPROTO_SCTP:
        if (n >= SCTP_HEADER_LEN) {
            const struct sctp_header *sctp = (const void *) p;
            flow->tp_src = sctp->sctp_src;
            flow->tp_dst = sctp->sctp_dst;
            dp_packet_set_l4(packet, p);
            return MAP_TP;
        }
        return 0;

    case IPPROTO_ICMP:
        if (n >= ICMP_HEADER_LEN) {
            flow->tp_src = htons(p[0]);
            flow->tp_dst = htons(p[1]);
            dp_packet_set_l4(packet, p);
            return MAP_TP;
        }
        return 0;

    case IPPROTO_ICMPV6:
        if (n >= ICMP6_HEADER_LEN) {
            uint64_t map = MAP_TP;
            flow->tp_src = htons(p[0]);
            flow->tp_dst = htons(p[1]);
            dp_packet_set_l4(packet, p);
            if (is_ipv6 && p[1] == 0
                && (p[0] == ND_NEIGHBOR_SOLICIT
                    || p[0] == ND_NEIGHBOR_ADVERT)) {
                map |= parse_nd(p + ICMP6_HEADER_LEN,
                                n - ICMP6_HEADER_LEN, flow);
            }
            return map;
        }
        return 0;

    default:
        /* Unknown protocol: L4 offset marks the start of its payload. */
        dp_packet_set_l4(packet, p);
        return 0;
    }
}

static uint64_t
parse_ipv4(struct dp_packet *packet, const uint8_t *p, size_t n,
           struct flow *flow)
{
    const struct ip_header *ip = (const void *) p;

    if (n < IP_HEADER_LEN) {
        return 0;
    }
    size_t ihl = IP_IHL(ip->ip_ihl_ver) * 4;
    size_t tot_len = ntohs(ip->ip_tot_len);
    if (ihl < IP_HEADER_LEN || ihl > n || tot_len < ihl || tot_len > n) {
        return 0;
    }

    dp_packet_set_l3(packet, p);
    flow->nw_src = ip->ip_src;
    flow->nw_dst = ip->ip_dst;
    flow->nw_tos = ip->ip_tos;
    flow->nw_ttl = ip->ip_ttl;
    flow->nw_proto = ip->ip_proto;
    if (IP_IS_FRAGMENT(ip->ip_frag_off)) {
        flow->nw_frag = FLOW_NW_FRAG_ANY;
        if (ip->ip_frag_off & htons(IP_FRAG_OFF_MASK)) {
            flow->nw_frag |= FLOW_NW_FRAG_LATER;
            return MAP_NW_ADDR | MAP_NW_MISC;
        }
    }
    return MAP_NW_ADDR | MAP_NW_MISC
           | parse_l4(packet, p + ihl, tot_len - ihl, ip->ip_proto, false,
                      flow);
}

static uint64_t
parse_ipv6(struct dp_packet *packet, const uint8_t *p, size_t n,
           struct flow *flow)
{
    const struct ip6_header *ip6 = (const void *) p;

    if (n < IPV6_HEADER_LEN) {
        return 0;
    }
    size_t plen = ntohs(ip6->ip6_plen);
    if (plen > n - IPV6_HEADER_LEN) {
        return 0;
    }
    dp_packet_set_l3(packet, p);
    memcpy(&flow->ipv6_src, &ip6->ip6_src, sizeof flow->ipv6_src);
    memcpy(&flow->ipv6_dst, &ip6->ip6_dst, sizeof flow->ipv6_dst);

    /* Walk the extension headers. */
    const uint8_t *q = p + IPV6_HEADER_LEN;
    size_t left = plen;
    uint8_t nxt = ip6->ip6_nxt;
    uint8_t frag = 0;
    for (int i = 0; ; i++) {
        size_t len;

        if (nxt == IPPROTO_HOPOPTS || nxt == IPPROTO_ROUTING
            || nxt == IPPROTO_DSTOPTS) {
            if (left < 8) {
                return MAP_IPV6_ADDR;
            }
            len = (q[1] + 1) * 8;
        } else if (nxt == IPPROTO_AH) {
            if (left < 8) {
                return MAP_IPV6_ADDR;
            }
            len = (q[1] + 2) * 4;
        } else if (nxt == IPPROTO_FRAGMENT) {
            if (left < sizeof(struct ip6_frag_header)) {
                return MAP_IPV6_ADDR;
            }
            ovs_be16 offlg = get_be16(q + 2);
            len = sizeof(struct ip6_frag_header);
            if (offlg & htons(IP6F_OFF_MASK)) {
                /* Later fragment: no upper-layer header here. */
                frag = FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER;
                nxt = IPPROTO_FRAGMENT;
                break;
            } else if (offlg & htons(IP6F_MORE_FRAG)) {
                frag = FLOW_NW_FRAG_ANY;
            }
        } else {
            break;
        }
        if (len > left || i >= FLOW_MAX_IPV6_EXT_HEADERS) {
            return MAP_IPV6_ADDR;
        }
        nxt = q[0];
        q += len;
        left -= len;
    }

    flow->ipv6_label = ip6_flow_label(ip6->ip6_flow);
    flow->nw_tos = ip6_flow_tclass(ip6->ip6_flow);
    flow->nw_ttl = ip6->ip6_hlim;
    flow->nw_proto = nxt;
    flow->nw_frag = frag;
    if (frag & FLOW_NW_FRAG_LATER) {
        return MAP_IPV6_ADDR | MAP_NW_MISC;
    }
    return MAP_IPV6_ADDR | MAP_NW_MISC
           | parse_l4(packet, q, left, nxt, true, flow);
}

static uint64_t
parse_arp(const uint8_t *p, size_t n, struct flow *flow)
{
    const struct arp_eth_header *arp = (const void *) p;

    if (n < ARP_ETH_HEADER_LEN
        || arp->ar_hrd != htons(ARP_HRD_ETHERNET)
        || arp->ar_pro != htons(ARP_PRO_IP)
        || arp->ar_hln != ETH_ADDR_LEN || arp->ar_pln != 4) {
        return 0;
    }
    uint16_t op = ntohs(arp->ar_op);
    flow->nw_proto = op <= 0xff ? op : 0;
    flow->nw_src = arp->ar_spa;
    flow->nw_dst = arp->ar_tpa;
    flow->arp_sha = arp->ar_sha;
    flow->arp_tha = arp->ar_tha;
    return MAP_NW_ADDR | MAP_NW_MISC | MAP_ARP_HA;
}

uint64_t
flow_extract(struct dp_packet *packet, struct flow *flow)
{
    const struct pkt_metadata *md = &packet->md;
    const uint8_t *start = dp_packet_data(packet);
    const uint8_t *p = start;
    size_t n = dp_packet_size(packet);
    uint64_t map = MAP_MD;

    flow_zero(flow);
    dp_packet_reset_offsets(packet);
    flow->skb_priority = md->skb_priority;
    flow->pkt_mark = md->pkt_mark;
    flow->recirc_id = md->recirc_id;
    flow->in_port = md->in_port;
    if (OVS_UNLIKELY(md->tunnel_valid)) {
        flow->tunnel = md->tunnel;
        map |= MAP_TUNNEL;
    }

    /* Ethernet. */
    if (OVS_UNLIKELY(n < ETH_HEADER_LEN)) {
        return map;
    }
    memcpy(&flow->dl_dst, p, 2 * ETH_ADDR_LEN);
    ovs_be16 type = get_be16(p + 2 * ETH_ADDR_LEN);
    p += ETH_HEADER_LEN;
    n -= ETH_HEADER_LEN;
    map |= MAP_L2;

    /* VLAN tags. */
    if (eth_type_vlan(type)) {
        map |= MAP_VLAN;
        for (int i = 0; i < FLOW_MAX_VLAN_HEADERS && eth_type_vlan(type);
             i++) {
            if (n < VLAN_HEADER_LEN) {
                flow->dl_type = type;   /* Truncated tag: stop at TPID. */
                return map;
            }
            flow->vlans[i].tpid = type;
            flow->vlans[i].tci = get_be16(p) | htons(VLAN_CFI);
            type = get_be16(p + 2);
            p += VLAN_HEADER_LEN;
            n -= VLAN_HEADER_LEN;
        }
    }

    /* 802.3 length field: only LLC+SNAP with organization 0 reveals an
     * Ethertype. */
    if (OVS_UNLIKELY(ntohs(type) < ETH_TYPE_MIN)) {
        const struct llc_snap_header *llc = (const void *) p;
        if (n >= LLC_SNAP_HEADER_LEN
            && llc->llc.llc_dsap == LLC_DSAP_SNAP
            && llc->llc.llc_ssap == LLC_SSAP_SNAP
            && llc->llc.llc_cntl == LLC_CNTL_SNAP
            && !llc->snap.snap_org[0] && !llc->snap.snap_org[1]
            && !llc->snap.snap_org[2]
            && ntohs(llc->snap.snap_type) >= ETH_TYPE_MIN) {
            type = llc->snap.snap_type;
            p += LLC_SNAP_HEADER_LEN;
            n -= LLC_SNAP_HEADER_LEN;
        } else {
            flow->dl_type = htons(FLOW_DL_TYPE_NONE);
            return map;
        }
    }
    flow->dl_type = type;

    /* L3 and up. */
    if (OVS_LIKELY(type == htons(ETH_TYPE_IP))) {
        map |= parse_ipv4(packet, p, n, flow);
    } else if (type == htons(ETH_TYPE_IPV6)) {
        map |= parse_ipv6(packet, p, n, flow);
    } else {
        dp_packet_set_l3(packet, p);
        if (type == htons(ETH_TYPE_ARP) || type == htons(ETH_TYPE_RARP)) {
            map |= parse_arp(p, n, flow);
        }
    }
    return map;
}

void
flow_limit_vlans(struct flow *flow, int limit)
{
    if (limit <= 0 || limit >= FLOW_MAX_VLAN_HEADERS
        || !flow->vlans[limit].tci) {
        return;
    }
    flow->dl_type = flow->vlans[limit].tpid;
    for (int i = limit; i < FLOW_MAX_VLAN_HEADERS; i++) {
        flow->vlans[i].tpid = 0;
        flow->vlans[i].tci = 0;
    }
    /* Everything from L3 on: words nw_src .. end. */
    memset(&flow->nw_src, 0,
           sizeof *flow - offsetof(struct flow, nw_src));
}

uint64_t
flow_nonzero_map(const struct flow *flow)
{
    uint64_t map = 0;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (flow_u64(flow, i)) {
            map |= UINT64_C(1) << i;
        }
    }
    return map;
}

/* ---- Wildcards. -------------------------------------------------- */

void
flow_wildcards_init_catchall(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0, sizeof wc->masks);
}

void
flow_wildcards_init_exact(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0xff, sizeof wc->masks);
    memset(wc->masks.pad1, 0, sizeof wc->masks.pad1);
    memset(wc->masks.pad2, 0, sizeof wc->masks.pad2);
    memset(wc->masks.pad3, 0, sizeof wc->masks.pad3);
    memset(wc->masks.pad4, 0, sizeof wc->masks.pad4);
}

static void
wc_set_l4(struct flow_wildcards *wc, const struct flow *flow)
{
    bool v6 = flow->dl_type == htons(ETH_TYPE_IPV6);

    switch (flow->nw_proto) {
    case IPPROTO_TCP:
        wc->masks.tcp_flags = htons(TCP_FLAGS_MASK);
        /* Fall through. */
    case IPPROTO_UDP:
    case IPPROTO_SCTP:
        FLOW_WC_SET(wc, tp_src);
        FLOW_WC_SET(wc, tp_dst);
        break;
    case IPPROTO_ICMP:
        /* ICMP inside IPv6 (and ICMPv6 inside IPv4) has its type and code
         * extracted, as OVS does, but no datapath attribute to match. */
        if (!v6) {
            FLOW_WC_SET(wc, tp_src);
            FLOW_WC_SET(wc, tp_dst);
        }
        break;
    case IPPROTO_ICMPV6:
        if (!v6) {
            break;
        }
        FLOW_WC_SET(wc, tp_src);
        FLOW_WC_SET(wc, tp_dst);
        if (flow->tp_dst == htons(0)
            && (flow->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                || flow->tp_src == htons(ND_NEIGHBOR_ADVERT))) {
            FLOW_WC_SET(wc, nd_target);
            FLOW_WC_SET(wc, arp_sha);
            FLOW_WC_SET(wc, arp_tha);
        }
        break;
    default:
        break;
    }
}

void
flow_wildcards_init_for_packet(struct flow_wildcards *wc,
                               const struct flow *flow)
{
    flow_wildcards_init_catchall(wc);
    FLOW_WC_SET(wc, skb_priority);
    FLOW_WC_SET(wc, pkt_mark);
    FLOW_WC_SET(wc, recirc_id);
    FLOW_WC_SET(wc, in_port);
    FLOW_WC_SET(wc, packet_type);
    if (flow_tnl_present(&flow->tunnel)) {
        FLOW_WC_SET(wc, tunnel);
    }
    FLOW_WC_SET(wc, dl_dst);
    FLOW_WC_SET(wc, dl_src);
    FLOW_WC_SET(wc, dl_type);
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        FLOW_WC_SET(wc, vlans[i].tci);
        FLOW_WC_SET(wc, vlans[i].tpid);
        if (!flow->vlans[i].tci) {
            break;
        }
    }

    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        FLOW_WC_SET(wc, nw_src);
        FLOW_WC_SET(wc, nw_dst);
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        FLOW_WC_SET(wc, ipv6_src);
        FLOW_WC_SET(wc, ipv6_dst);
        wc->masks.ipv6_label = htonl(IPV6_LABEL_MASK);
    } else if (flow->dl_type == htons(ETH_TYPE_ARP)
               || flow->dl_type == htons(ETH_TYPE_RARP)) {
        FLOW_WC_SET(wc, nw_src);
        FLOW_WC_SET(wc, nw_dst);
        FLOW_WC_SET(wc, nw_proto);
        FLOW_WC_SET(wc, arp_sha);
        FLOW_WC_SET(wc, arp_tha);
        return;
    } else {
        return;
    }
    FLOW_WC_SET(wc, nw_proto);
    FLOW_WC_SET(wc, nw_tos);
    FLOW_WC_SET(wc, nw_ttl);
    wc->masks.nw_frag = FLOW_NW_FRAG_MASK;
    if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
        wc_set_l4(wc, flow);
    }
}

bool
flow_wildcards_is_catchall(const struct flow_wildcards *wc)
{
    return !flow_wildcards_map(wc);
}

bool
flow_wildcards_equal(const struct flow_wildcards *a,
                     const struct flow_wildcards *b)
{
    return flow_equal(&a->masks, &b->masks);
}

void
flow_wildcards_union(struct flow_wildcards *dst,
                     const struct flow_wildcards *a,
                     const struct flow_wildcards *b)
{
    for (size_t i = 0; i < FLOW_U64S; i++) {
        flow_u64_set(&dst->masks, i,
                     flow_u64(&a->masks, i) | flow_u64(&b->masks, i));
    }
}

uint64_t
flow_wildcards_map(const struct flow_wildcards *wc)
{
    return flow_nonzero_map(&wc->masks);
}

void
flow_apply_mask(struct flow *dst, const struct flow *flow,
                const struct flow_wildcards *wc)
{
    for (size_t i = 0; i < FLOW_U64S; i++) {
        flow_u64_set(dst, i, flow_u64(flow, i) & flow_u64(&wc->masks, i));
    }
}

bool
flow_equal_except_masked(const struct flow *a, const struct flow *b,
                         const struct flow_wildcards *wc)
{
    uint64_t diff = 0;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        diff |= (flow_u64(a, i) ^ flow_u64(b, i)) & flow_u64(&wc->masks, i);
    }
    return !diff;
}

/* ---- Composition. ------------------------------------------------ */

static void
put_payload(struct dp_packet *packet, size_t n)
{
    uint8_t *p = dp_packet_put_uninit(packet, n);
    for (size_t i = 0; i < n; i++) {
        p[i] = i & 0xff;
    }
}

/* Appends the L4 header (and payload) for FLOW at the packet's tail and
 * returns its offset from the frame start, or -1 if FLOW's protocol has
 * no L4 header we compose. */
static long
compose_l4(struct dp_packet *packet, const struct flow *flow,
           size_t payload_len)
{
    long ofs = dp_packet_size(packet);
    bool v6 = flow->dl_type == htons(ETH_TYPE_IPV6);

    switch (flow->nw_proto) {
    case IPPROTO_TCP: {
        struct tcp_header *tcp = dp_packet_put_zeros(packet, sizeof *tcp);
        tcp->tcp_src = flow->tp_src;
        tcp->tcp_dst = flow->tp_dst;
        tcp->tcp_ctl = TCP_CTL(ntohs(flow->tcp_flags) & TCP_FLAGS_MASK, 5);
        tcp->tcp_winsz = htons(65535);
        break;
    }
    case IPPROTO_UDP: {
        struct udp_header *udp = dp_packet_put_zeros(packet, sizeof *udp);
        udp->udp_src = flow->tp_src;
        udp->udp_dst = flow->tp_dst;
        udp->udp_len = htons(UDP_HEADER_LEN + payload_len);
        break;
    }
    case IPPROTO_SCTP: {
        struct sctp_header *sctp = dp_packet_put_zeros(packet, sizeof *sctp);
        sctp->sctp_src = flow->tp_src;
        sctp->sctp_dst = flow->tp_dst;
        break;
    }
    case IPPROTO_ICMP: {
        struct icmp_header *icmp = dp_packet_put_zeros(packet, sizeof *icmp);
        icmp->icmp_type = ntohs(flow->tp_src);
        icmp->icmp_code = ntohs(flow->tp_dst);
        break;
    }
    case IPPROTO_ICMPV6: {
        struct icmp6_header *icmp6 = dp_packet_put_zeros(packet,
                                                         sizeof *icmp6);
        icmp6->icmp6_type = ntohs(flow->tp_src);
        icmp6->icmp6_code = ntohs(flow->tp_dst);
        if (v6 && !icmp6->icmp6_code
            && (icmp6->icmp6_type == ND_NEIGHBOR_SOLICIT
                || icmp6->icmp6_type == ND_NEIGHBOR_ADVERT)) {
            uint8_t *nd = dp_packet_put_zeros(packet, ND_MSG_LEN
                                              - ICMP6_HEADER_LEN);
            memcpy(nd + 4, &flow->nd_target, sizeof flow->nd_target);
            if (!eth_addr_is_zero(flow->arp_sha)) {
                struct nd_lla_opt *opt = dp_packet_put_uninit(packet,
                                                              sizeof *opt);
                opt->nd_opt_type = ND_OPT_SOURCE_LINKADDR;
                opt->nd_opt_len = 1;
                opt->mac = flow->arp_sha;
            }
            if (!eth_addr_is_zero(flow->arp_tha)) {
                struct nd_lla_opt *opt = dp_packet_put_uninit(packet,
                                                              sizeof *opt);
                opt->nd_opt_type = ND_OPT_TARGET_LINKADDR;
                opt->nd_opt_len = 1;
                opt->mac = flow->arp_tha;
            }
            return ofs;         /* ND messages carry no payload. */
        }
        break;
    }
    default:
        put_payload(packet, payload_len);
        return -1;
    }
    put_payload(packet, payload_len);
    return ofs;
}

/* Fills in the L4 checksum of the header at L4_OFS (to the frame's end)
 * given the pseudo-header partial sum PSEUDO. */
static void
compose_l4_csum(struct dp_packet *packet, const struct flow *flow,
                long l4_ofs, uint32_t pseudo)
{
    uint8_t *l4 = (uint8_t *) dp_packet_data(packet) + l4_ofs;
    size_t len = dp_packet_size(packet) - l4_ofs;
    ovs_be16 sum;

    switch (flow->nw_proto) {
    case IPPROTO_TCP:
        sum = csum_finish(csum_continue(pseudo, l4, len));
        memcpy(l4 + offsetof(struct tcp_header, tcp_csum), &sum, 2);
        break;
    case IPPROTO_UDP:
        sum = csum_finish(csum_continue(pseudo, l4, len));
        if (!sum) {
            sum = htons(0xffff);
        }
        memcpy(l4 + offsetof(struct udp_header, udp_csum), &sum, 2);
        break;
    case IPPROTO_ICMP:
        sum = csum(l4, len);
        memcpy(l4 + offsetof(struct icmp_header, icmp_csum), &sum, 2);
        break;
    case IPPROTO_ICMPV6:
        sum = csum_finish(csum_continue(pseudo, l4, len));
        memcpy(l4 + offsetof(struct icmp6_header, icmp6_csum), &sum, 2);
        break;
    default:
        break;
    }
}

static void
compose_ipv4(struct dp_packet *packet, const struct flow *flow,
             size_t payload_len)
{
    long l3_ofs = dp_packet_size(packet);
    struct ip_header *ip = dp_packet_put_zeros(packet, sizeof *ip);
    long l4_ofs = -1;

    ip->ip_ihl_ver = IP_IHL_VER(5, 4);
    ip->ip_tos = flow->nw_tos;
    ip->ip_ttl = flow->nw_ttl;
    ip->ip_proto = flow->nw_proto;
    ip->ip_src = flow->nw_src;
    ip->ip_dst = flow->nw_dst;
    if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
        ip->ip_frag_off = htons(1);     /* Offset 8 bytes. */
    } else if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
        ip->ip_frag_off = htons(IP_MORE_FRAGMENTS);
    }
    if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
        put_payload(packet, payload_len);
    } else {
        l4_ofs = compose_l4(packet, flow, payload_len);
    }

    ip = (struct ip_header *) ((uint8_t *) dp_packet_data(packet) + l3_ofs);
    ip->ip_tot_len = htons(dp_packet_size(packet) - l3_ofs);
    ip_header_set_csum(ip);
    if (l4_ofs >= 0) {
        compose_l4_csum(packet, flow, l4_ofs, packet_csum_pseudoheader(ip));
    }
}

static void
compose_ipv6(struct dp_packet *packet, const struct flow *flow,
             size_t payload_len)
{
    long l3_ofs = dp_packet_size(packet);
    struct ip6_header *ip6 = dp_packet_put_zeros(packet, sizeof *ip6);
    uint8_t l4_proto = flow->nw_proto;
    long l4_ofs = -1;

    ip6->ip6_flow = htonl((6u << 28) | ((uint32_t) flow->nw_tos << 20))
                    | (flow->ipv6_label & htonl(IPV6_LABEL_MASK));
    ip6->ip6_hlim = flow->nw_ttl;
    memcpy(&ip6->ip6_src, &flow->ipv6_src, sizeof flow->ipv6_src);
    memcpy(&ip6->ip6_dst, &flow->ipv6_dst, sizeof flow->ipv6_dst);
    if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
        struct ip6_frag_header *fh;
        ip6->ip6_nxt = IPPROTO_FRAGMENT;
        fh = dp_packet_put_zeros(packet, sizeof *fh);
        fh->ip6f_ident = htonl(1);
        if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
            fh->ip6f_nxt = IPPROTO_NONE;    /* The key does not say. */
            fh->ip6f_offlg = htons(1 << 3);
            put_payload(packet, payload_len);
        } else {
            fh->ip6f_nxt = l4_proto;
            fh->ip6f_offlg = htons(IP6F_MORE_FRAG);
            l4_ofs = compose_l4(packet, flow, payload_len);
        }
    } else {
        ip6->ip6_nxt = l4_proto;
        l4_ofs = compose_l4(packet, flow, payload_len);
    }

    ip6 = (struct ip6_header *) ((uint8_t *) dp_packet_data(packet)
                                 + l3_ofs);
    ip6->ip6_plen = htons(dp_packet_size(packet) - l3_ofs - IPV6_HEADER_LEN);
    if (l4_ofs >= 0) {
        uint32_t l4_len = dp_packet_size(packet) - l4_ofs;
        compose_l4_csum(packet, flow, l4_ofs,
                        packet_csum_pseudoheader6(ip6, l4_proto, l4_len));
    }
}

static void
compose_arp(struct dp_packet *packet, const struct flow *flow)
{
    struct arp_eth_header *arp = dp_packet_put_zeros(packet, sizeof *arp);

    arp->ar_hrd = htons(ARP_HRD_ETHERNET);
    arp->ar_pro = htons(ARP_PRO_IP);
    arp->ar_hln = ETH_ADDR_LEN;
    arp->ar_pln = 4;
    arp->ar_op = htons(flow->nw_proto);
    arp->ar_sha = flow->arp_sha;
    arp->ar_spa = flow->nw_src;
    arp->ar_tha = flow->arp_tha;
    arp->ar_tpa = flow->nw_dst;
}

void
flow_compose(struct dp_packet *packet, const struct flow *flow,
             size_t payload_len)
{
    long start = dp_packet_size(packet);
    uint8_t *macs = dp_packet_put_uninit(packet, 2 * ETH_ADDR_LEN);

    memcpy(macs, &flow->dl_dst, ETH_ADDR_LEN);
    memcpy(macs + ETH_ADDR_LEN, &flow->dl_src, ETH_ADDR_LEN);
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS && flow->vlans[i].tci; i++) {
        ovs_be16 *tag = dp_packet_put_uninit(packet, 4);
        ovs_be16 tpid = flow->vlans[i].tpid ? flow->vlans[i].tpid
                                            : htons(ETH_TYPE_VLAN_8021Q);
        memcpy(&tag[0], &tpid, 2);
        ovs_be16 tci = flow->vlans[i].tci & ~htons(VLAN_CFI);
        memcpy(&tag[1], &tci, 2);
    }

    if (flow->dl_type == htons(FLOW_DL_TYPE_NONE)) {
        /* An 802.2 frame with a non-SNAP LLC header (STP's). */
        static const uint8_t llc[3] = { 0x42, 0x42, 0x03 };
        long len_ofs = dp_packet_size(packet);
        dp_packet_put_zeros(packet, 2);
        dp_packet_put(packet, llc, sizeof llc);
        put_payload(packet, payload_len);
        ovs_be16 len = htons(dp_packet_size(packet) - len_ofs - 2);
        memcpy((uint8_t *) dp_packet_data(packet) + len_ofs, &len, 2);
    } else {
        dp_packet_put(packet, &flow->dl_type, 2);
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            compose_ipv4(packet, flow, payload_len);
        } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
            compose_ipv6(packet, flow, payload_len);
        } else if (flow->dl_type == htons(ETH_TYPE_ARP)
                   || flow->dl_type == htons(ETH_TYPE_RARP)) {
            compose_arp(packet, flow);
        } else if (!eth_type_vlan(flow->dl_type)) {
            put_payload(packet, payload_len);
        }
    }

    size_t len = dp_packet_size(packet) - start;
    if (len < ETH_TOTAL_MIN && !eth_type_vlan(flow->dl_type)) {
        dp_packet_put_zeros(packet, ETH_TOTAL_MIN - len);
    }
}
