/* packets: wire formats of the protocol headers the switch parses and
 * rewrites (Ethernet, 802.1Q/802.1ad, LLC/SNAP, ARP, IPv4, IPv6 and its
 * extension headers, TCP, UDP, SCTP, ICMP, ICMPv6 and Neighbor Discovery,
 * VXLAN, GRE), their constants, and small helpers over them: MAC address
 * formatting and parsing, IPv4/IPv6 address formatting, Internet checksums
 * (full and RFC 1624 incremental), VLAN TCI fields.
 *
 * Every wire struct is packed (alignment 1) and carries a size assertion,
 * so a header may be read at any address inside a packet buffer without
 * undefined behaviour.  Multi-byte fields are in network byte order and
 * typed ovs_be16/ovs_be32/ovs_be64 so that the type says which order a
 * value is in; convert with ntohs()/htons() and friends.
 *
 * struct flow_tnl (tunnel metadata) lives here too because both the packet
 * buffer (datapath/dp-packet.h) and the flow key (datapath/flow.h) embed
 * it. */
#ifndef PACKETS_H
#define PACKETS_H 1

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "util.h"

struct ds;

/* Network byte order integers.  The typedefs only document byte order;
 * they are plain integers to the compiler. */
typedef uint16_t ovs_be16;
typedef uint32_t ovs_be32;
typedef uint64_t ovs_be64;

#define OVS_PACKED __attribute__((__packed__))

static inline ovs_be64
htonll(uint64_t x)
{
    return ((uint64_t) htonl((uint32_t) x) << 32) | htonl(x >> 32);
}

static inline uint64_t
ntohll(ovs_be64 x)
{
    return htonll(x);
}

/* ------------------------------------------------------------------ */
/* Ethernet. */

#define ETH_ADDR_LEN 6
#define ETH_HEADER_LEN 14
#define ETH_TOTAL_MIN (ETH_HEADER_LEN + 46)
#define ETH_PAYLOAD_MAX 1500

/* An Ethernet address as a value type. */
struct eth_addr {
    uint8_t ea[ETH_ADDR_LEN];
};
_Static_assert(sizeof(struct eth_addr) == 6, "eth_addr size");

#define ETH_ADDR_C(A, B, C, D, E, F) \
    { { 0x##A, 0x##B, 0x##C, 0x##D, 0x##E, 0x##F } }

extern const struct eth_addr eth_addr_zero;
extern const struct eth_addr eth_addr_broadcast;
extern const struct eth_addr eth_addr_exact;   /* ff:ff:ff:ff:ff:ff */

/* printf() support: printf("mac " ETH_ADDR_FMT, ETH_ADDR_ARGS(ea)). */
#define ETH_ADDR_FMT "%02x:%02x:%02x:%02x:%02x:%02x"
#define ETH_ADDR_ARGS(EA) \
    (EA).ea[0], (EA).ea[1], (EA).ea[2], (EA).ea[3], (EA).ea[4], (EA).ea[5]
#define ETH_ADDR_STRLEN 17

static inline bool
eth_addr_equals(struct eth_addr a, struct eth_addr b)
{
    return !memcmp(&a, &b, sizeof a);
}

static inline bool
eth_addr_is_zero(struct eth_addr a)
{
    return eth_addr_equals(a, eth_addr_zero);
}

static inline bool
eth_addr_is_multicast(struct eth_addr a)
{
    return a.ea[0] & 1;
}

static inline bool
eth_addr_is_broadcast(struct eth_addr a)
{
    return eth_addr_equals(a, eth_addr_broadcast);
}

/* Locally administered bit. */
static inline bool
eth_addr_is_local(struct eth_addr a)
{
    return (a.ea[0] & 2) != 0;
}

static inline uint64_t
eth_addr_to_uint64(struct eth_addr a)
{
    return ((uint64_t) a.ea[0] << 40) | ((uint64_t) a.ea[1] << 32)
           | ((uint64_t) a.ea[2] << 24) | ((uint64_t) a.ea[3] << 16)
           | ((uint64_t) a.ea[4] << 8) | a.ea[5];
}

static inline struct eth_addr
eth_addr_from_uint64(uint64_t x)
{
    struct eth_addr a;
    for (int i = ETH_ADDR_LEN - 1; i >= 0; i--) {
        a.ea[i] = x & 0xff;
        x >>= 8;
    }
    return a;
}

static inline struct eth_addr
eth_addr_and(struct eth_addr a, struct eth_addr mask)
{
    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        a.ea[i] &= mask.ea[i];
    }
    return a;
}

/* Parses "xx:xx:xx:xx:xx:xx" (hex digits, one or two per byte) at the
 * start of S into *EA.  Returns the number of characters consumed, or 0 if
 * S does not start with an Ethernet address (then *EA is unchanged). */
size_t eth_addr_scan(const char *s, struct eth_addr *ea);

/* Parses S, which must be exactly an Ethernet address, into *EA.
 * Returns true on success; on failure *EA is zeroed. */
bool eth_addr_from_string(const char *s, struct eth_addr *ea);

/* Appends EA, and "/MASK" unless MASK is NULL or all-ones, to S. */
void eth_addr_format_masked(struct eth_addr ea, const struct eth_addr *mask,
                            struct ds *s);

/* Ethernet types (host byte order; compare with ntohs() of the field). */
#define ETH_TYPE_MIN           0x0600   /* Smaller values are 802.3 lengths. */
#define ETH_TYPE_IP            0x0800
#define ETH_TYPE_ARP           0x0806
#define ETH_TYPE_TEB           0x6558   /* Transparent Ethernet bridging. */
#define ETH_TYPE_RARP          0x8035
#define ETH_TYPE_VLAN_8021Q    0x8100
#define ETH_TYPE_IPV6          0x86dd
#define ETH_TYPE_LACP          0x8809
#define ETH_TYPE_MPLS          0x8847
#define ETH_TYPE_MPLS_MCAST    0x8848
#define ETH_TYPE_VLAN_8021AD   0x88a8
#define ETH_TYPE_VLAN          ETH_TYPE_VLAN_8021Q

/* The dl_type OVS and OpenFlow give an 802.2 frame that is not LLC+SNAP
 * with a zero organization code (OFP_DL_TYPE_NOT_ETH_TYPE). */
#define FLOW_DL_TYPE_NONE      0x05ff

/* True if ETH_TYPE (network order) is a VLAN TPID the switch parses. */
static inline bool
eth_type_vlan(ovs_be16 eth_type)
{
    return eth_type == htons(ETH_TYPE_VLAN_8021Q)
           || eth_type == htons(ETH_TYPE_VLAN_8021AD);
}

static inline bool
eth_type_mpls(ovs_be16 eth_type)
{
    return eth_type == htons(ETH_TYPE_MPLS)
           || eth_type == htons(ETH_TYPE_MPLS_MCAST);
}

struct eth_header {
    struct eth_addr eth_dst;
    struct eth_addr eth_src;
    ovs_be16 eth_type;          /* Ethertype, TPID, or 802.3 length. */
} OVS_PACKED;
_Static_assert(sizeof(struct eth_header) == ETH_HEADER_LEN, "eth_header");

/* ------------------------------------------------------------------ */
/* 802.1Q / 802.1ad VLAN tags. */

#define VLAN_HEADER_LEN 4
#define VLAN_ETH_HEADER_LEN (ETH_HEADER_LEN + VLAN_HEADER_LEN)

#define VLAN_VID_MASK   0x0fff
#define VLAN_VID_SHIFT  0
#define VLAN_CFI        0x1000  /* CFI/DEI on the wire; "tag present" in a
                                 * flow key's TCI, as OVS's vlan_tci does. */
#define VLAN_CFI_SHIFT  12
#define VLAN_PCP_MASK   0xe000
#define VLAN_PCP_SHIFT  13

/* The 4 bytes that follow a TPID: the TCI and the next Ethertype. */
struct vlan_header {
    ovs_be16 vlan_tci;          /* PCP, CFI/DEI, VID. */
    ovs_be16 vlan_next_type;    /* Ethertype, TPID, or 802.3 length. */
} OVS_PACKED;
_Static_assert(sizeof(struct vlan_header) == VLAN_HEADER_LEN, "vlan_header");

/* An Ethernet header with one tag. */
struct vlan_eth_header {
    struct eth_addr veth_dst;
    struct eth_addr veth_src;
    ovs_be16 veth_type;         /* TPID: 0x8100 or 0x88a8. */
    ovs_be16 veth_tci;
    ovs_be16 veth_next_type;
} OVS_PACKED;
_Static_assert(sizeof(struct vlan_eth_header) == VLAN_ETH_HEADER_LEN,
               "vlan_eth_header");

/* TCI (network order) accessors. */
static inline uint16_t
vlan_tci_to_vid(ovs_be16 tci)
{
    return ntohs(tci) & VLAN_VID_MASK;
}

static inline int
vlan_tci_to_pcp(ovs_be16 tci)
{
    return ntohs(tci) >> VLAN_PCP_SHIFT;
}

/* The CFI/DEI bit (0 or 1); in a flow key this is the "present" bit. */
static inline int
vlan_tci_to_cfi(ovs_be16 tci)
{
    return (ntohs(tci) & VLAN_CFI) != 0;
}

/* Builds a TCI from its fields (VID masked to 12 bits, PCP to 3). */
static inline ovs_be16
vlan_tci_make(uint16_t vid, int pcp, bool cfi)
{
    return htons((vid & VLAN_VID_MASK)
                 | ((pcp & 7) << VLAN_PCP_SHIFT)
                 | (cfi ? VLAN_CFI : 0));
}

/* ------------------------------------------------------------------ */
/* 802.2 LLC and SNAP. */

#define LLC_DSAP_SNAP 0xaa
#define LLC_SSAP_SNAP 0xaa
#define LLC_CNTL_SNAP 3
#define LLC_HEADER_LEN 3
#define SNAP_HEADER_LEN 5
#define LLC_SNAP_HEADER_LEN (LLC_HEADER_LEN + SNAP_HEADER_LEN)

struct llc_header {
    uint8_t llc_dsap;
    uint8_t llc_ssap;
    uint8_t llc_cntl;
} OVS_PACKED;
_Static_assert(sizeof(struct llc_header) == LLC_HEADER_LEN, "llc_header");

struct snap_header {
    uint8_t snap_org[3];
    ovs_be16 snap_type;
} OVS_PACKED;
_Static_assert(sizeof(struct snap_header) == SNAP_HEADER_LEN, "snap_header");

struct llc_snap_header {
    struct llc_header llc;
    struct snap_header snap;
} OVS_PACKED;
_Static_assert(sizeof(struct llc_snap_header) == LLC_SNAP_HEADER_LEN,
               "llc_snap_header");

/* ------------------------------------------------------------------ */
/* ARP (Ethernet/IPv4 only, as OVS supports). */

#define ARP_HRD_ETHERNET 1
#define ARP_PRO_IP 0x0800
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_OP_RARP 3
#define ARP_ETH_HEADER_LEN 28

struct arp_eth_header {
    ovs_be16 ar_hrd;            /* ARP_HRD_ETHERNET. */
    ovs_be16 ar_pro;            /* ARP_PRO_IP. */
    uint8_t ar_hln;             /* 6. */
    uint8_t ar_pln;             /* 4. */
    ovs_be16 ar_op;
    struct eth_addr ar_sha;
    ovs_be32 ar_spa;
    struct eth_addr ar_tha;
    ovs_be32 ar_tpa;
} OVS_PACKED;
_Static_assert(sizeof(struct arp_eth_header) == ARP_ETH_HEADER_LEN,
               "arp_eth_header");

/* ------------------------------------------------------------------ */
/* IPv4. */

#define IP_HEADER_LEN 20
#define IP_VER(IHL_VER) ((IHL_VER) >> 4)
#define IP_IHL(IHL_VER) ((IHL_VER) & 15)
#define IP_IHL_VER(IHL, VER) (((VER) << 4) | (IHL))

#define IP_DONT_FRAGMENT  0x4000  /* Host order flags in ip_frag_off. */
#define IP_MORE_FRAGMENTS 0x2000
#define IP_FRAG_OFF_MASK  0x1fff  /* In 8-byte units. */
#define IP_IS_FRAGMENT(FRAG_OFF) \
    ((FRAG_OFF) & htons(IP_MORE_FRAGMENTS | IP_FRAG_OFF_MASK))

#define IP_DSCP_MASK 0xfc
#define IP_ECN_MASK 0x03

struct ip_header {
    uint8_t ip_ihl_ver;
    uint8_t ip_tos;
    ovs_be16 ip_tot_len;
    ovs_be16 ip_id;
    ovs_be16 ip_frag_off;
    uint8_t ip_ttl;
    uint8_t ip_proto;
    ovs_be16 ip_csum;
    ovs_be32 ip_src;
    ovs_be32 ip_dst;
} OVS_PACKED;
_Static_assert(sizeof(struct ip_header) == IP_HEADER_LEN, "ip_header");

/* printf() support for an IPv4 address in network order. */
#define IP_FMT "%"PRIu32".%"PRIu32".%"PRIu32".%"PRIu32
#define IP_ARGS(IP) \
    (ntohl(IP) >> 24), ((ntohl(IP) >> 16) & 0xff), \
    ((ntohl(IP) >> 8) & 0xff), (ntohl(IP) & 0xff)

/* Appends IP, and "/MASK" (dotted quad) unless MASK is NULL or all-ones. */
void ip_format_masked(ovs_be32 ip, const ovs_be32 *mask, struct ds *);

/* Parses a dotted-quad IPv4 address at the start of S into *IP (network
 * order).  Returns characters consumed, 0 if S does not start with one. */
size_t ip_scan(const char *s, ovs_be32 *ip);

/* ------------------------------------------------------------------ */
/* IPv6 and its extension headers. */

#define IPV6_HEADER_LEN 40
#define IPV6_LABEL_MASK 0x000fffff

struct ip6_header {
    ovs_be32 ip6_flow;          /* 4 bits version, 8 traffic class,
                                 * 20 flow label. */
    ovs_be16 ip6_plen;          /* Payload length (after this header). */
    uint8_t ip6_nxt;            /* Next header. */
    uint8_t ip6_hlim;           /* Hop limit. */
    struct in6_addr ip6_src;
    struct in6_addr ip6_dst;
} OVS_PACKED;
_Static_assert(sizeof(struct ip6_header) == IPV6_HEADER_LEN, "ip6_header");

/* Traffic class and flow label from ip6_flow. */
static inline uint8_t
ip6_flow_tclass(ovs_be32 ip6_flow)
{
    return (ntohl(ip6_flow) >> 20) & 0xff;
}

static inline ovs_be32
ip6_flow_label(ovs_be32 ip6_flow)
{
    return ip6_flow & htonl(IPV6_LABEL_MASK);
}

/* The common start of hop-by-hop, routing and destination options
 * headers: total length is (ip6e_len + 1) * 8 bytes. */
struct ip6_ext_header {
    uint8_t ip6e_nxt;
    uint8_t ip6e_len;
} OVS_PACKED;
_Static_assert(sizeof(struct ip6_ext_header) == 2, "ip6_ext_header");

/* Hop-by-hop options (IPPROTO_HOPOPTS) and destination options
 * (IPPROTO_DSTOPTS): the minimum 8-byte form. */
struct ip6_opts_header {
    uint8_t ip6o_nxt;
    uint8_t ip6o_len;           /* In 8-byte units, not counting the
                                 * first 8 bytes. */
    uint8_t ip6o_opts[6];
} OVS_PACKED;
_Static_assert(sizeof(struct ip6_opts_header) == 8, "ip6_opts_header");

/* Routing header (IPPROTO_ROUTING). */
struct ip6_rt_header {
    uint8_t ip6r_nxt;
    uint8_t ip6r_len;           /* As ip6o_len. */
    uint8_t ip6r_type;
    uint8_t ip6r_segleft;
    uint8_t ip6r_data[4];
} OVS_PACKED;
_Static_assert(sizeof(struct ip6_rt_header) == 8, "ip6_rt_header");

/* Fragment header (IPPROTO_FRAGMENT). */
#define IP6F_OFF_MASK   0xfff8  /* Host order, in ip6f_offlg. */
#define IP6F_MORE_FRAG  0x0001
struct ip6_frag_header {
    uint8_t ip6f_nxt;
    uint8_t ip6f_reserved;
    ovs_be16 ip6f_offlg;        /* Offset (8-byte units << 3), M flag. */
    ovs_be32 ip6f_ident;
} OVS_PACKED;
_Static_assert(sizeof(struct ip6_frag_header) == 8, "ip6_frag_header");

/* Authentication header (IPPROTO_AH): total length (ah_len + 2) * 4. */
struct ah_header {
    uint8_t ah_nxt;
    uint8_t ah_len;
    ovs_be16 ah_reserved;
    ovs_be32 ah_spi;
    ovs_be32 ah_seq;
} OVS_PACKED;
_Static_assert(sizeof(struct ah_header) == 12, "ah_header");

/* Appends ADDR in RFC 5952 form, and "/MASK" unless MASK is NULL or
 * all-ones. */
void ipv6_format_masked(const struct in6_addr *addr,
                        const struct in6_addr *mask, struct ds *);

/* Parses an IPv6 address at the start of S (up to the first character
 * that cannot be part of one) into *ADDR.  Returns characters consumed,
 * 0 on failure. */
size_t ipv6_scan(const char *s, struct in6_addr *addr);

static inline bool
ipv6_addr_is_zero(const struct in6_addr *a)
{
    static const struct in6_addr zero;
    return !memcmp(a, &zero, sizeof zero);
}

/* ------------------------------------------------------------------ */
/* Transport headers. */

#define TCP_FIN 0x001
#define TCP_SYN 0x002
#define TCP_RST 0x004
#define TCP_PSH 0x008
#define TCP_ACK 0x010
#define TCP_URG 0x020
#define TCP_ECE 0x040
#define TCP_CWR 0x080
#define TCP_NS  0x100
#define TCP_FLAGS_MASK 0x0fff   /* 9 defined flags + 3 reserved bits. */
#define TCP_HEADER_LEN 20

/* tcp_ctl holds the data offset (in 32-bit words) in its top 4 bits and
 * the flags in its low 12. */
#define TCP_OFFSET(CTL) (ntohs(CTL) >> 12)
#define TCP_FLAGS(CTL) (ntohs(CTL) & TCP_FLAGS_MASK)
#define TCP_FLAGS_BE16(CTL) ((CTL) & htons(TCP_FLAGS_MASK))
#define TCP_CTL(FLAGS, OFFSET) htons(((OFFSET) << 12) | (FLAGS))

struct tcp_header {
    ovs_be16 tcp_src;
    ovs_be16 tcp_dst;
    ovs_be32 tcp_seq;
    ovs_be32 tcp_ack;
    ovs_be16 tcp_ctl;
    ovs_be16 tcp_winsz;
    ovs_be16 tcp_csum;
    ovs_be16 tcp_urg;
} OVS_PACKED;
_Static_assert(sizeof(struct tcp_header) == TCP_HEADER_LEN, "tcp_header");

/* Name of TCP flag bit FLAG ("fin", ..., "ns", "[200]", ...) or NULL if
 * FLAG is not a single bit of TCP_FLAGS_MASK. */
const char *packet_tcp_flag_to_string(uint32_t flag);

#define UDP_HEADER_LEN 8
struct udp_header {
    ovs_be16 udp_src;
    ovs_be16 udp_dst;
    ovs_be16 udp_len;
    ovs_be16 udp_csum;
} OVS_PACKED;
_Static_assert(sizeof(struct udp_header) == UDP_HEADER_LEN, "udp_header");

#define SCTP_HEADER_LEN 12
struct sctp_header {
    ovs_be16 sctp_src;
    ovs_be16 sctp_dst;
    ovs_be32 sctp_vtag;
    ovs_be32 sctp_csum;         /* CRC32c, not the Internet checksum. */
} OVS_PACKED;
_Static_assert(sizeof(struct sctp_header) == SCTP_HEADER_LEN, "sctp_header");

#define ICMP_HEADER_LEN 8
#define ICMP_ECHO_REPLY 0
#define ICMP_DST_UNREACH 3
#define ICMP_ECHO_REQUEST 8
#define ICMP_TIME_EXCEEDED 11
struct icmp_header {
    uint8_t icmp_type;
    uint8_t icmp_code;
    ovs_be16 icmp_csum;
    ovs_be32 icmp_rest;         /* Echo id/seq, gateway, MTU, ... */
} OVS_PACKED;
_Static_assert(sizeof(struct icmp_header) == ICMP_HEADER_LEN, "icmp_header");

#define ICMP6_HEADER_LEN 4
#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129
#define ND_ROUTER_SOLICIT 133
#define ND_ROUTER_ADVERT 134
#define ND_NEIGHBOR_SOLICIT 135
#define ND_NEIGHBOR_ADVERT 136
struct icmp6_header {
    uint8_t icmp6_type;
    uint8_t icmp6_code;
    ovs_be16 icmp6_csum;
} OVS_PACKED;
_Static_assert(sizeof(struct icmp6_header) == ICMP6_HEADER_LEN,
               "icmp6_header");

/* Neighbor solicitation/advertisement body (RFC 4861), options follow. */
#define ND_MSG_LEN 24
#define ND_RSO_ROUTER    0x80000000 /* Host order flags in rso_flags. */
#define ND_RSO_SOLICITED 0x40000000
#define ND_RSO_OVERRIDE  0x20000000
struct nd_msg {
    struct icmp6_header icmph;
    ovs_be32 rso_flags;         /* Reserved in NS; R,S,O flags in NA. */
    struct in6_addr target;
} OVS_PACKED;
_Static_assert(sizeof(struct nd_msg) == ND_MSG_LEN, "nd_msg");

/* ND option: total length nd_opt_len * 8 bytes (0 is invalid). */
#define ND_OPT_SOURCE_LINKADDR 1
#define ND_OPT_TARGET_LINKADDR 2
#define ND_LLA_OPT_LEN 8
struct nd_opt_header {
    uint8_t nd_opt_type;
    uint8_t nd_opt_len;
} OVS_PACKED;
_Static_assert(sizeof(struct nd_opt_header) == 2, "nd_opt_header");

struct nd_lla_opt {
    uint8_t nd_opt_type;        /* ND_OPT_{SOURCE,TARGET}_LINKADDR. */
    uint8_t nd_opt_len;         /* 1. */
    struct eth_addr mac;
} OVS_PACKED;
_Static_assert(sizeof(struct nd_lla_opt) == ND_LLA_OPT_LEN, "nd_lla_opt");

/* ------------------------------------------------------------------ */
/* Tunnel headers (used by the tunnel issue). */

#define VXLAN_HEADER_LEN 8
#define VXLAN_FLAGS_VNI 0x08000000  /* Host order "I" flag in vx_flags. */
#define VXLAN_DST_PORT 4789
struct vxlan_header {
    ovs_be32 vx_flags;
    ovs_be32 vx_vni;            /* VNI in the upper 24 bits. */
} OVS_PACKED;
_Static_assert(sizeof(struct vxlan_header) == VXLAN_HEADER_LEN,
               "vxlan_header");

#define GRE_CSUM 0x8000             /* Host order bits of gre_flags. */
#define GRE_ROUTING 0x4000
#define GRE_KEY 0x2000
#define GRE_SEQ 0x1000
#define GRE_VERSION_MASK 0x0007
#define GRE_BASE_HEADER_LEN 4
/* GRE base header; optional 4-byte checksum(+reserved), key and sequence
 * words follow in that order when their flags are set. */
struct gre_base_header {
    ovs_be16 gre_flags;
    ovs_be16 gre_protocol;      /* Ethertype: ETH_TYPE_TEB for Ethernet. */
} OVS_PACKED;
_Static_assert(sizeof(struct gre_base_header) == GRE_BASE_HEADER_LEN,
               "gre_base_header");

/* Tunnel metadata: the outer headers of a decapsulated packet, or what
 * to encapsulate with.  Fixed layout of 7 64-bit words (the flow key
 * embeds it).  All-zero means "no tunnel". */
#define FLOW_TNL_F_OAM   (1 << 0)
#define FLOW_TNL_F_DONT_FRAGMENT (1 << 1)
#define FLOW_TNL_F_CSUM  (1 << 2)
#define FLOW_TNL_F_KEY   (1 << 3)
#define FLOW_TNL_F_MASK  ((1 << 4) - 1)
struct flow_tnl {
    ovs_be64 tun_id;            /* VXLAN VNI / GRE key. */
    ovs_be32 ip_src;            /* Outer IPv4 source; 0 if IPv6 or none. */
    ovs_be32 ip_dst;
    struct in6_addr ipv6_src;   /* Outer IPv6 addresses, if IPv6. */
    struct in6_addr ipv6_dst;
    uint16_t flags;             /* FLOW_TNL_F_*. */
    uint8_t ip_tos;
    uint8_t ip_ttl;
    ovs_be16 tp_src;            /* Outer UDP ports (VXLAN). */
    ovs_be16 tp_dst;
};
_Static_assert(sizeof(struct flow_tnl) == 56, "flow_tnl is 7 words");

/* True if TNL describes a tunnel (has an outer destination). */
static inline bool
flow_tnl_present(const struct flow_tnl *tnl)
{
    return tnl->ip_dst || !ipv6_addr_is_zero(&tnl->ipv6_dst);
}

/* ------------------------------------------------------------------ */
/* Internet checksum (RFC 1071) and incremental update (RFC 1624). */

/* Adds N bytes at DATA to the running 32-bit one's complement sum
 * PARTIAL (start with 0).  N may be odd only for the last piece. */
uint32_t csum_continue(uint32_t partial, const void *data, size_t n);

/* Folds PARTIAL into the final checksum value, network order. */
ovs_be16 csum_finish(uint32_t partial);

/* Checksum of N bytes at DATA. */
ovs_be16 csum(const void *data, size_t n);

/* Returns the updated checksum OLD_CSUM after a 16-bit word of the
 * checksummed data changes from OLD_U16 to NEW_U16 (all network order). */
ovs_be16 recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16,
                       ovs_be16 new_u16);
/* Same for an aligned-in-the-sum 32-bit field (e.g. an IPv4 address). */
ovs_be16 recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32,
                       ovs_be32 new_u32);
/* Same for a 128-bit field (an IPv6 address). */
ovs_be16 recalc_csum128(ovs_be16 old_csum, const struct in6_addr *old_a,
                        const struct in6_addr *new_a);

/* Partial sums of the TCP/UDP pseudo-headers: for IPv4 from IP's
 * addresses, protocol and its tot_len minus header length; for IPv6 from
 * IP6's addresses, PROTO and L4_LEN. */
uint32_t packet_csum_pseudoheader(const struct ip_header *ip);
uint32_t packet_csum_pseudoheader6(const struct ip6_header *ip6,
                                   uint8_t proto, uint32_t l4_len);

/* Recomputes IP's header checksum in place (IHL * 4 bytes, which the
 * caller guarantees are readable). */
void ip_header_set_csum(struct ip_header *ip);

#endif /* packets.h */
