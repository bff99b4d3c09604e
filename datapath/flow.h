/* flow: the flow key (struct flow), its extraction from a packet, hashing,
 * wildcard masks, and packet composition from a key.
 *
 * struct flow is one fixed layout shared by the datapath caches (EMC and
 * megaflows) and, later, OpenFlow matching: metadata (tunnel, OpenFlow
 * metadata and registers, priority, mark, in_port), then L2, L3 and L4
 * fields, in FLOW_U64S 64-bit words.  Fields are in network byte order
 * where they come from the wire.  Padding is always zero, so two keys are
 * equal exactly when their bytes are equal, and a masked match is a word
 * loop: (key & mask) == (rule & mask).
 *
 * OVS conventions carried over (see ovs-fields(7)):
 *  - vlans[i].tci has VLAN_CFI set when tag i is present (the wire CFI/DEI
 *    bit itself is not kept); tci == 0 means no tag.  Up to
 *    FLOW_MAX_VLAN_HEADERS (2) tags are parsed (802.1ad outer + 802.1Q
 *    inner); with a third tag, dl_type holds that tag's TPID and parsing
 *    stops.  TPIDs 0x8100 and 0x88a8 are tags, anything else is not.
 *    OpenFlow's single-VLAN view (vlan-limit=1, the OVS default) is
 *    flow_limit_vlans(flow, 1); see there.
 *  - dl_type of an 802.2 frame that is not LLC/SNAP with organization 0 is
 *    FLOW_DL_TYPE_NONE (0x05ff); LLC/SNAP frames take the SNAP type.
 *  - ARP and RARP: nw_src/nw_dst = SPA/TPA, nw_proto = opcode (0 if the
 *    opcode exceeds 255), arp_sha/arp_tha = SHA/THA; an ARP header that is
 *    truncated or not Ethernet/IPv4 leaves all of them 0.
 *  - nw_tos is the whole TOS/traffic-class byte (DSCP and ECN).
 *  - nw_frag is FLOW_NW_FRAG_ANY for any fragment, plus FLOW_NW_FRAG_LATER
 *    for a non-zero offset.  Later fragments have no L4 fields; an IPv6
 *    later fragment has nw_proto 44 (IPPROTO_FRAGMENT), an IPv4 one keeps
 *    the header's protocol.
 *  - tp_src/tp_dst: TCP/UDP/SCTP ports, or htons(ICMP type/code).
 *  - ND (ICMPv6 type 135/136, code 0): nd_target, and the SLL/TLL options
 *    in arp_sha/arp_tha (nd_sll/nd_tll).
 *  - A header that is truncated or whose length fields are inconsistent
 *    leaves its fields (and everything after it) 0, exactly as OVS 3.1
 *    does; the frame is still forwarded by the key it produced.
 *
 * Not parsed (the key stops there, dl_type says what follows): MPLS,
 * NSH, conntrack state.  There is no MPLS or conntrack space yet; adding a
 * field means appending words and updating FLOW_U64S users' tests. */
#ifndef FLOW_H
#define FLOW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "dp-packet.h"
#include "packets.h"
#include "util.h"

#define FLOW_MAX_VLAN_HEADERS 2
#define FLOW_N_REGS 16

/* nw_frag bits. */
#define FLOW_NW_FRAG_ANY   (1 << 0)  /* Any kind of fragment. */
#define FLOW_NW_FRAG_LATER (1 << 1)  /* Fragment with non-zero offset. */
#define FLOW_NW_FRAG_MASK  (FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER)

/* packet_type: (namespace << 16) | type.  Only Ethernet exists today. */
#define PT_ETH 0

/* Longest IPv6 extension header chain flow_extract() follows; a longer
 * one is treated like a truncated one (L3 details and L4 left 0). */
#define FLOW_MAX_IPV6_EXT_HEADERS 64

struct flow_vlan {
    ovs_be16 tpid;              /* 0x8100 or 0x88a8; 0 if no tag. */
    ovs_be16 tci;               /* Wire TCI with VLAN_CFI set; 0 if none. */
};

struct flow {
    /* Metadata (words 0-18). */
    struct flow_tnl tunnel;     /* Tunnel outer headers; all 0 if none. */
    ovs_be64 metadata;          /* OpenFlow metadata (not in dp keys). */
    uint32_t regs[FLOW_N_REGS]; /* OpenFlow registers (not in dp keys). */
    uint32_t skb_priority;      /* Packet priority / queue id. */
    uint32_t pkt_mark;          /* Packet mark ("skb_mark"). */
    uint32_t recirc_id;         /* Recirculation id: 0 for now. */
    uint32_t in_port;           /* Datapath input port. */
    ovs_be32 packet_type;       /* PT_ETH. */
    uint32_t dp_hash;           /* Datapath-computed hash: 0 for now. */

    /* L2 (words 19-21). */
    struct eth_addr dl_dst;
    struct eth_addr dl_src;
    ovs_be16 dl_type;           /* Innermost Ethertype (see above). */
    uint8_t pad1[2];
    struct flow_vlan vlans[FLOW_MAX_VLAN_HEADERS]; /* Outermost first. */

    /* L3 (words 22-29). */
    ovs_be32 nw_src;            /* IPv4 source, or ARP SPA. */
    ovs_be32 nw_dst;            /* IPv4 destination, or ARP TPA. */
    struct in6_addr ipv6_src;
    struct in6_addr ipv6_dst;
    ovs_be32 ipv6_label;        /* Low 20 bits. */
    uint8_t nw_frag;            /* FLOW_NW_FRAG_*. */
    uint8_t nw_tos;             /* DSCP and ECN. */
    uint8_t nw_ttl;             /* TTL or hop limit. */
    uint8_t nw_proto;           /* IP protocol, or low 8 bits of ARP op. */
    struct in6_addr nd_target;  /* ND target address. */

    /* L4 (words 30-32). */
    ovs_be16 tp_src;            /* Port, or htons(ICMP type). */
    ovs_be16 tp_dst;            /* Port, or htons(ICMP code). */
    ovs_be16 tcp_flags;         /* Low 12 bits of TCP ctl (network order). */
    uint8_t pad2[2];
    struct eth_addr arp_sha;    /* ARP SHA or ND source link-layer addr. */
    uint8_t pad3[2];
    struct eth_addr arp_tha;    /* ARP THA or ND target link-layer addr. */
    uint8_t pad4[2];
};

#define FLOW_U64S (sizeof(struct flow) / sizeof(uint64_t))
_Static_assert(sizeof(struct flow) % sizeof(uint64_t) == 0,
               "struct flow is whole 64-bit words");
_Static_assert(sizeof(struct flow) == 33 * 8, "struct flow layout changed");
_Static_assert(FLOW_U64S <= 64, "a word map must fit a uint64_t");
_Static_assert(offsetof(struct flow, skb_priority) == 16 * 8, "layout");
_Static_assert(offsetof(struct flow, dl_dst) == 19 * 8, "layout");
_Static_assert(offsetof(struct flow, nw_src) == 22 * 8, "layout");
_Static_assert(offsetof(struct flow, ipv6_label) == 27 * 8, "layout");
_Static_assert(offsetof(struct flow, tp_src) == 30 * 8, "layout");

/* ---- Word maps. ---------------------------------------------------
 * A uint64_t "map" has bit i set for word i of a struct flow.  Maps let
 * hashing and comparison touch only the words a packet can have set:
 * flow_extract() returns such a map (every word outside it is zero). */

#define FLOW_WORD(FIELD) (offsetof(struct flow, FIELD) / 8)
#define FLOW_WORD_LAST(FIELD) \
    ((offsetof(struct flow, FIELD) + sizeof ((struct flow *) 0)->FIELD - 1) \
     / 8)
/* The map of the words FIELD occupies. */
#define FLOW_MAP(FIELD) \
    (((UINT64_C(2) << FLOW_WORD_LAST(FIELD)) - 1) \
     & ~((UINT64_C(1) << FLOW_WORD(FIELD)) - 1))
#define FLOW_MAP_ALL ((UINT64_C(1) << (FLOW_U64S - 1) << 1) - 1)

/* Word I of FLOW (aliasing-safe). */
static inline uint64_t
flow_u64(const struct flow *flow, size_t i)
{
    uint64_t w;
    memcpy(&w, (const uint8_t *) flow + i * 8, sizeof w);
    return w;
}

static inline void
flow_u64_set(struct flow *flow, size_t i, uint64_t w)
{
    memcpy((uint8_t *) flow + i * 8, &w, sizeof w);
}

/* Zeroes FLOW.  (Spelled as 64-byte pieces because compilers turn one
 * big memset() into "rep stos", whose start-up cost alone is a third of
 * a key extraction.) */
static inline void
flow_zero(struct flow *flow)
{
    uint8_t *p = (uint8_t *) flow;
    size_t i;

    for (i = 0; i + 64 <= sizeof *flow; i += 64) {
        memset(p + i, 0, 64);
    }
    memset(p + i, 0, sizeof *flow - i);
}

/* ---- Extraction and composition. --------------------------------- */

/* Fills FLOW (entirely overwritten) from PACKET's frame and metadata, and
 * records the L3/L4 header offsets in PACKET.  Never reads outside the
 * frame, never allocates, never fails: see the conventions above for what
 * malformed frames produce.  A frame shorter than an Ethernet header
 * yields only metadata (dl_type 0); the datapath drops such runts.
 * Returns the map of words that may be nonzero. */
uint64_t flow_extract(struct dp_packet *packet, struct flow *flow);

/* Appends to PACKET (normally empty) a frame whose extraction gives FLOW's
 * L2-L4 fields back, followed by PAYLOAD_LEN bytes of payload and padded
 * to the Ethernet minimum; checksums are valid (SCTP's CRC is left 0).
 * For tests and the dummy port type. */
void flow_compose(struct dp_packet *packet, const struct flow *flow,
                  size_t payload_len);

/* Applies OpenFlow's view of at most LIMIT VLAN tags (OVS
 * other_config:vlan-limit; 0 means no limit): if FLOW has a tag beyond
 * LIMIT, dl_type becomes that tag's TPID and it, deeper tags and all L3
 * and L4 fields are cleared.  The translation layer uses this; its
 * megaflow masks must then cover vlans[LIMIT].tci's VLAN_CFI bit so that
 * frames with and without the extra tag do not share a cache entry. */
void flow_limit_vlans(struct flow *flow, int limit);

static inline bool
flow_is_ip(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_IP)
           || flow->dl_type == htons(ETH_TYPE_IPV6);
}

/* ---- Comparison and hashing. ------------------------------------- */

static inline bool
flow_equal(const struct flow *a, const struct flow *b)
{
    return !memcmp(a, b, sizeof *a);
}

/* True if A and B agree on every word in MAP.  When every word outside
 * MAP is zero in both (e.g. MAP is the union of their extraction maps),
 * that is full equality. */
static inline bool
flow_equal_map(const struct flow *a, const struct flow *b, uint64_t map)
{
    for (; map; map &= map - 1) {
        size_t i = __builtin_ctzll(map);
        if (flow_u64(a, i) != flow_u64(b, i)) {
            return false;
        }
    }
    return true;
}

/* Per-word hash keys (odd 64-bit constants), one per word position. */
extern const uint64_t flow_hash_keys[64];

/* Mixes word W at position I.  A zero word mixes to 0, so words that are
 * zero contribute nothing and a hash over a map that covers every nonzero
 * word equals the hash over all words. */
static inline uint64_t
flow_hash_word(uint64_t w, size_t i)
{
    __uint128_t p = (__uint128_t) w * flow_hash_keys[i];
    return (uint64_t) p ^ (uint64_t) (p >> 64);
}

static inline uint32_t
flow_hash_finish(uint64_t acc, uint32_t basis)
{
    acc ^= (uint64_t) basis * UINT64_C(0x9e3779b97f4a7c15);
    acc ^= acc >> 33;
    acc *= UINT64_C(0xff51afd7ed558ccd);
    acc ^= acc >> 33;
    acc *= UINT64_C(0xc4ceb9fe1a85ec53);
    acc ^= acc >> 33;
    return acc;
}

/* Hash of the words of FLOW in MAP.  Equal to flow_hash(FLOW, BASIS) when
 * every nonzero word of FLOW is in MAP (e.g. MAP from flow_extract()):
 * the EMC's fast hash. */
static inline uint32_t
flow_hash_map(const struct flow *flow, uint64_t map, uint32_t basis)
{
    uint64_t acc = 0;
    for (; map; map &= map - 1) {
        size_t i = __builtin_ctzll(map);
        acc += flow_hash_word(flow_u64(flow, i), i);
    }
    return flow_hash_finish(acc, basis);
}

/* Hash of all of FLOW. */
static inline uint32_t
flow_hash(const struct flow *flow, uint32_t basis)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        acc += flow_hash_word(flow_u64(flow, i), i);
    }
    return flow_hash_finish(acc, basis);
}

/* The map of FLOW's nonzero words. */
uint64_t flow_nonzero_map(const struct flow *flow);

/* ---- Wildcards (megaflow masks). ---------------------------------
 * A mask is a struct flow whose 1-bits are the bits a match cares about.
 * Field prerequisites (e.g. ports only under an exact nw_proto) are the
 * mask builder's job; these helpers are plain bitwise operations. */

struct flow_wildcards {
    struct flow masks;
};

/* Set / clear every bit of FIELD in WC's mask. */
#define FLOW_WC_SET(WC, FIELD) \
    memset(&(WC)->masks.FIELD, 0xff, sizeof (WC)->masks.FIELD)
#define FLOW_WC_UNSET(WC, FIELD) \
    memset(&(WC)->masks.FIELD, 0, sizeof (WC)->masks.FIELD)

/* Matches everything. */
void flow_wildcards_init_catchall(struct flow_wildcards *wc);
/* Matches every field exactly (padding stays 0). */
void flow_wildcards_init_exact(struct flow_wildcards *wc);
/* Exact match on the fields FLOW's packet has, given its protocols: the
 * mask of an "exact" datapath flow (megaflows disabled) and of a key
 * printed without a mask.  Metadata: skb_priority, pkt_mark, recirc_id,
 * in_port, packet_type, and the tunnel if present (not OpenFlow metadata
 * or registers).  VLANs: each present tag and the first absent slot's
 * TCI (so "no more tags" is matched). */
void flow_wildcards_init_for_packet(struct flow_wildcards *wc,
                                    const struct flow *flow);
bool flow_wildcards_is_catchall(const struct flow_wildcards *wc);
bool flow_wildcards_equal(const struct flow_wildcards *a,
                          const struct flow_wildcards *b);
/* DST = A | B: a mask that cares about what either cares about. */
void flow_wildcards_union(struct flow_wildcards *dst,
                          const struct flow_wildcards *a,
                          const struct flow_wildcards *b);
/* The map of WC's nonzero mask words. */
uint64_t flow_wildcards_map(const struct flow_wildcards *wc);

/* DST = FLOW & WC (DST may be FLOW). */
void flow_apply_mask(struct flow *dst, const struct flow *flow,
                     const struct flow_wildcards *wc);
/* True if A and B are equal in every bit WC cares about. */
bool flow_equal_except_masked(const struct flow *a, const struct flow *b,
                              const struct flow_wildcards *wc);

/* Hash of FLOW & WC; equals flow_hash() of the masked flow. */
static inline uint32_t
flow_hash_in_mask(const struct flow *flow, const struct flow_wildcards *wc,
                  uint32_t basis)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        acc += flow_hash_word(flow_u64(flow, i) & flow_u64(&wc->masks, i),
                              i);
    }
    return flow_hash_finish(acc, basis);
}

/* True if A and B are equal in every bit WC cares about, looking only at
 * the words in MAP, which must include every nonzero word of WC
 * (flow_wildcards_map()): the megaflow subtable comparison. */
static inline bool
flow_equal_in_mask_map(const struct flow *a, const struct flow *b,
                       const struct flow_wildcards *wc, uint64_t map)
{
    for (; map; map &= map - 1) {
        size_t i = __builtin_ctzll(map);
        if ((flow_u64(a, i) ^ flow_u64(b, i)) & flow_u64(&wc->masks, i)) {
            return false;
        }
    }
    return true;
}

/* Same as flow_hash_in_mask(), over only the words in MAP, which must
 * include every nonzero word of WC (flow_wildcards_map()): the megaflow
 * subtable hash. */
static inline uint32_t
flow_hash_in_mask_map(const struct flow *flow,
                      const struct flow_wildcards *wc, uint64_t map,
                      uint32_t basis)
{
    uint64_t acc = 0;
    for (; map; map &= map - 1) {
        size_t i = __builtin_ctzll(map);
        acc += flow_hash_word(flow_u64(flow, i) & flow_u64(&wc->masks, i),
                              i);
    }
    return flow_hash_finish(acc, basis);
}

#endif /* flow.h */
