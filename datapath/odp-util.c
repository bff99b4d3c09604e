/* odp-util: printing and parsing of the datapath flow syntax (see
 * odp-util.h).  The printer walks the key attribute by attribute in OVS's
 * order; the parser is a recursive descent over "name(args)" attributes
 * whose args are "field=value[/mask]" lists, nesting through encap(). */
#include "odp-util.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "ds.h"
#include "packets.h"

/* ---- Printing. --------------------------------------------------- */

/* One attribute being printed: "name(field=...,field=...)". */
struct attr_printer {
    struct ds *s;
    bool verbose;
    bool any;                   /* A field has been printed. */
};

static void
field_start(struct attr_printer *ap, const char *name)
{
    if (ap->any) {
        ds_put_char(ap->s, ',');
    }
    ap->any = true;
    ds_put_format(ap->s, "%s=", name);
}

/* Decimal value, hex mask. */
static void
put_dec(struct attr_printer *ap, const char *name, uint32_t value,
        uint32_t mask, uint32_t full)
{
    if (!mask && !ap->verbose) {
        return;
    }
    field_start(ap, name);
    ds_put_format(ap->s, "%"PRIu32, value);
    if (mask != full) {
        ds_put_format(ap->s, "/%#"PRIx32, mask);
    }
}

/* Hex value and mask. */
static void
put_hex(struct attr_printer *ap, const char *name, uint32_t value,
        uint32_t mask, uint32_t full)
{
    if (!mask && !ap->verbose) {
        return;
    }
    field_start(ap, name);
    ds_put_format(ap->s, "%#"PRIx32, value);
    if (mask != full) {
        ds_put_format(ap->s, "/%#"PRIx32, mask);
    }
}

static void
put_ip(struct attr_printer *ap, const char *name, ovs_be32 value,
       ovs_be32 mask)
{
    if (!mask && !ap->verbose) {
        return;
    }
    field_start(ap, name);
    ip_format_masked(value, &mask, ap->s);
}

static void
put_ipv6(struct attr_printer *ap, const char *name,
         const struct in6_addr *value, const struct in6_addr *mask)
{
    if (ipv6_addr_is_zero(mask) && !ap->verbose) {
        return;
    }
    field_start(ap, name);
    ipv6_format_masked(value, mask, ap->s);
}

static void
put_eth(struct attr_printer *ap, const char *name, struct eth_addr value,
        struct eth_addr mask)
{
    if (eth_addr_is_zero(mask) && !ap->verbose) {
        return;
    }
    field_start(ap, name);
    eth_addr_format_masked(value, &mask, ap->s);
}

static const char *
frag_name(uint8_t frag)
{
    switch (frag & FLOW_NW_FRAG_MASK) {
    case 0:
        return "no";
    case FLOW_NW_FRAG_ANY:
        return "first";
    case FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER:
        return "later";
    default:
        return NULL;
    }
}

static void
put_frag(struct attr_printer *ap, uint8_t value, uint8_t mask)
{
    mask &= FLOW_NW_FRAG_MASK;
    if (!mask && !ap->verbose) {
        return;
    }
    field_start(ap, "frag");
    const char *name = frag_name(value);
    if (name && mask == FLOW_NW_FRAG_MASK) {
        ds_put_cstr(ap->s, name);
    } else {
        ds_put_format(ap->s, "%#x/%#x", value, mask);
    }
}

static void
attr_open(struct attr_printer *ap, struct ds *s, bool verbose,
          const char *name)
{
    if (s->length && ds_last(s) != '(') {
        ds_put_char(s, ',');
    }
    ds_put_format(s, "%s(", name);
    ap->s = s;
    ap->verbose = verbose;
    ap->any = false;
}

static void
attr_close(struct attr_printer *ap)
{
    ds_put_char(ap->s, ')');
}

/* Starts a new top-level item (comma-separated) in S. */
static void
item_start(struct ds *s)
{
    if (s->length && ds_last(s) != '(') {
        ds_put_char(s, ',');
    }
}

static void
put_flags_masked(struct ds *s, uint32_t value, uint32_t mask,
                 const char *(*name_of)(uint32_t))
{
    for (uint32_t bit = 1; bit && bit <= mask; bit <<= 1) {
        if (mask & bit) {
            const char *name = name_of(bit);
            ds_put_char(s, value & bit ? '+' : '-');
            if (name) {
                ds_put_cstr(s, name);
            } else {
                ds_put_format(s, "[%#"PRIx32"]", bit);
            }
        }
    }
}

void
odp_format_tcp_flags(ovs_be16 tcp_flags_, ovs_be16 mask_, struct ds *s)
{
    uint32_t flags = ntohs(tcp_flags_) & TCP_FLAGS_MASK;
    uint32_t mask = ntohs(mask_) & TCP_FLAGS_MASK;

    if (!mask) {
        ds_put_cstr(s, "0/0");
    } else if (mask == TCP_FLAGS_MASK) {
        if (!flags) {
            ds_put_char(s, '0');
        }
        for (uint32_t bit = 1; bit <= TCP_FLAGS_MASK; bit <<= 1) {
            if (flags & bit) {
                ds_put_cstr(s, packet_tcp_flag_to_string(bit));
                if (flags & ~((bit << 1) - 1)) {
                    ds_put_char(s, '|');
                }
            }
        }
    } else {
        put_flags_masked(s, flags, mask, packet_tcp_flag_to_string);
    }
}

static const char *
tnl_flag_name(uint32_t flag)
{
    switch (flag) {
    case FLOW_TNL_F_OAM: return "oam";
    case FLOW_TNL_F_DONT_FRAGMENT: return "df";
    case FLOW_TNL_F_CSUM: return "csum";
    case FLOW_TNL_F_KEY: return "key";
    default: return NULL;
    }
}

static void
format_tunnel(const struct flow_tnl *key, const struct flow_tnl *mask,
              bool verbose, struct ds *s)
{
    struct attr_printer ap;

    attr_open(&ap, s, false, "tunnel");
    if (mask->tun_id) {
        field_start(&ap, "tun_id");
        ds_put_format(s, "%#"PRIx64, ntohll(key->tun_id));
        if (mask->tun_id != UINT64_MAX) {
            ds_put_format(s, "/%#"PRIx64, ntohll(mask->tun_id));
        }
    }
    put_ip(&ap, "src", key->ip_src, mask->ip_src);
    put_ip(&ap, "dst", key->ip_dst, mask->ip_dst);
    put_ipv6(&ap, "ipv6_src", &key->ipv6_src, &mask->ipv6_src);
    put_ipv6(&ap, "ipv6_dst", &key->ipv6_dst, &mask->ipv6_dst);
    put_hex(&ap, "tos", key->ip_tos, mask->ip_tos, 0xff);
    put_dec(&ap, "ttl", key->ip_ttl, mask->ip_ttl, 0xff);
    put_dec(&ap, "tp_src", ntohs(key->tp_src), ntohs(mask->tp_src), 0xffff);
    put_dec(&ap, "tp_dst", ntohs(key->tp_dst), ntohs(mask->tp_dst), 0xffff);
    if (mask->flags & FLOW_TNL_F_MASK) {
        if (ap.any) {
            ds_put_char(s, ',');
        }
        ds_put_cstr(s, "flags(");
        put_flags_masked(s, key->flags, mask->flags & FLOW_TNL_F_MASK,
                         tnl_flag_name);
        ds_put_char(s, ')');
    }
    (void) verbose;
    attr_close(&ap);
}

static bool
tnl_mask_is_zero(const struct flow_tnl *mask)
{
    static const struct flow_tnl zero;
    return !memcmp(mask, &zero, sizeof zero);
}

static void
format_l4(const struct flow *key, const struct flow *mask, bool verbose,
          struct ds *s)
{
    bool v6 = key->dl_type == htons(ETH_TYPE_IPV6);
    bool ports = mask->tp_src || mask->tp_dst;
    struct attr_printer ap;
    const char *name;

    switch (key->nw_proto) {
    case IPPROTO_TCP:
        name = "tcp";
        break;
    case IPPROTO_UDP:
        name = "udp";
        break;
    case IPPROTO_SCTP:
        name = "sctp";
        break;
    case IPPROTO_ICMP:
        name = v6 ? NULL : "icmp";
        break;
    case IPPROTO_ICMPV6:
        name = v6 ? "icmpv6" : NULL;
        break;
    default:
        name = NULL;
        break;
    }
    if (!name) {
        return;
    }

    bool icmp = key->nw_proto == IPPROTO_ICMP
                || key->nw_proto == IPPROTO_ICMPV6;
    if (ports || verbose) {
        attr_open(&ap, s, verbose, name);
        if (icmp) {
            put_dec(&ap, "type", ntohs(key->tp_src) & 0xff,
                    ntohs(mask->tp_src) & 0xff, 0xff);
            put_dec(&ap, "code", ntohs(key->tp_dst) & 0xff,
                    ntohs(mask->tp_dst) & 0xff, 0xff);
        } else {
            put_dec(&ap, "src", ntohs(key->tp_src), ntohs(mask->tp_src),
                    0xffff);
            put_dec(&ap, "dst", ntohs(key->tp_dst), ntohs(mask->tp_dst),
                    0xffff);
        }
        attr_close(&ap);
    }

    if (key->nw_proto == IPPROTO_TCP && (mask->tcp_flags || verbose)) {
        item_start(s);
        ds_put_cstr(s, "tcp_flags(");
        odp_format_tcp_flags(key->tcp_flags, mask->tcp_flags, s);
        ds_put_char(s, ')');
    }

    if (key->nw_proto == IPPROTO_ICMPV6 && v6
        && key->tp_dst == htons(0)
        && (key->tp_src == htons(ND_NEIGHBOR_SOLICIT)
            || key->tp_src == htons(ND_NEIGHBOR_ADVERT))
        && (verbose || !ipv6_addr_is_zero(&mask->nd_target)
            || !eth_addr_is_zero(mask->arp_sha)
            || !eth_addr_is_zero(mask->arp_tha))) {
        attr_open(&ap, s, verbose, "nd");
        put_ipv6(&ap, "target", &key->nd_target, &mask->nd_target);
        put_eth(&ap, "sll", key->arp_sha, mask->arp_sha);
        put_eth(&ap, "tll", key->arp_tha, mask->arp_tha);
        attr_close(&ap);
    }
}

static void
format_l3(const struct flow *key, const struct flow *mask, bool verbose,
          struct ds *s)
{
    struct attr_printer ap;
    ovs_be16 dl_type = key->dl_type;

    if (dl_type == htons(ETH_TYPE_IP)) {
        if (verbose || mask->nw_src || mask->nw_dst || mask->nw_proto
            || mask->nw_tos || mask->nw_ttl || mask->nw_frag) {
            attr_open(&ap, s, verbose, "ipv4");
            put_ip(&ap, "src", key->nw_src, mask->nw_src);
            put_ip(&ap, "dst", key->nw_dst, mask->nw_dst);
            put_dec(&ap, "proto", key->nw_proto, mask->nw_proto, 0xff);
            put_hex(&ap, "tos", key->nw_tos, mask->nw_tos, 0xff);
            put_dec(&ap, "ttl", key->nw_ttl, mask->nw_ttl, 0xff);
            put_frag(&ap, key->nw_frag, mask->nw_frag);
            attr_close(&ap);
        }
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        if (verbose || !ipv6_addr_is_zero(&mask->ipv6_src)
            || !ipv6_addr_is_zero(&mask->ipv6_dst)
            || mask->ipv6_label & htonl(IPV6_LABEL_MASK)
            || mask->nw_proto || mask->nw_tos || mask->nw_ttl
            || mask->nw_frag) {
            attr_open(&ap, s, verbose, "ipv6");
            put_ipv6(&ap, "src", &key->ipv6_src, &mask->ipv6_src);
            put_ipv6(&ap, "dst", &key->ipv6_dst, &mask->ipv6_dst);
            put_hex(&ap, "label", ntohl(key->ipv6_label),
                    ntohl(mask->ipv6_label) & IPV6_LABEL_MASK,
                    IPV6_LABEL_MASK);
            put_dec(&ap, "proto", key->nw_proto, mask->nw_proto, 0xff);
            put_hex(&ap, "tclass", key->nw_tos, mask->nw_tos, 0xff);
            put_dec(&ap, "hlimit", key->nw_ttl, mask->nw_ttl, 0xff);
            put_frag(&ap, key->nw_frag, mask->nw_frag);
            attr_close(&ap);
        }
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        if (verbose || mask->nw_src || mask->nw_dst || mask->nw_proto
            || !eth_addr_is_zero(mask->arp_sha)
            || !eth_addr_is_zero(mask->arp_tha)) {
            attr_open(&ap, s, verbose, "arp");
            put_ip(&ap, "sip", key->nw_src, mask->nw_src);
            put_ip(&ap, "tip", key->nw_dst, mask->nw_dst);
            put_dec(&ap, "op", key->nw_proto, mask->nw_proto, 0xff);
            put_eth(&ap, "sha", key->arp_sha, mask->arp_sha);
            put_eth(&ap, "tha", key->arp_tha, mask->arp_tha);
            attr_close(&ap);
        }
        return;
    } else {
        return;
    }

    if ((mask->nw_proto || verbose)
        && !(key->nw_frag & FLOW_NW_FRAG_LATER)) {
        format_l4(key, mask, verbose, s);
    }
}

static void
format_eth_type(ovs_be16 type, ovs_be16 mask, bool verbose, struct ds *s)
{
    if (!mask && !verbose) {
        return;
    }
    item_start(s);
    if (type == htons(FLOW_DL_TYPE_NONE) && mask == htons(0xffff)) {
        /* An 802.2 frame: OVS prints the absent Ethertype like this. */
        ds_put_cstr(s, "eth_type(0/0xffff)");
        return;
    }
    if (type) {
        ds_put_format(s, "eth_type(0x%04"PRIx16, ntohs(type));
    } else {
        ds_put_cstr(s, "eth_type(0");
    }
    if (mask != htons(0xffff)) {
        ds_put_format(s, "/%#"PRIx16, ntohs(mask));
    }
    ds_put_char(s, ')');
}

static void
format_vlan(ovs_be16 tci_, ovs_be16 mask_, bool verbose, struct ds *s)
{
    uint16_t tci = ntohs(tci_), mask = ntohs(mask_);
    struct attr_printer ap;

    attr_open(&ap, s, verbose, "vlan");
    put_dec(&ap, "vid", tci & VLAN_VID_MASK, mask & VLAN_VID_MASK,
            VLAN_VID_MASK);
    put_dec(&ap, "pcp", tci >> VLAN_PCP_SHIFT, mask >> VLAN_PCP_SHIFT, 7);
    int cfi = (tci & VLAN_CFI) != 0, cfi_mask = (mask & VLAN_CFI) != 0;
    if (cfi_mask && !cfi) {
        field_start(&ap, "cfi");
        ds_put_char(s, '0');
    } else if (!cfi_mask && (verbose || mask)) {
        field_start(&ap, "cfi");
        ds_put_format(s, "%d/0", cfi);
    }
    attr_close(&ap);
}

/* Prints the VLAN tags from LEVEL inward, then the Ethertype and L3/L4. */
static void
format_encap(const struct flow *key, const struct flow *mask, int level,
             bool verbose, struct ds *s)
{
    if (level < FLOW_MAX_VLAN_HEADERS && mask->vlans[level].tci
        && key->vlans[level].tci & htons(VLAN_CFI)) {
        format_eth_type(key->vlans[level].tpid, htons(0xffff), verbose, s);
        format_vlan(key->vlans[level].tci, mask->vlans[level].tci,
                    verbose, s);
        item_start(s);
        ds_put_cstr(s, "encap(");
        format_encap(key, mask, level + 1, verbose, s);
        ds_put_char(s, ')');
        return;
    }

    if (level == 0 && eth_type_vlan(key->dl_type) && mask->dl_type
        && mask->vlans[0].tci) {
        /* A tag too short to hold a TCI. */
        format_eth_type(key->dl_type, mask->dl_type, verbose, s);
        format_vlan(key->vlans[0].tci, mask->vlans[0].tci, verbose, s);
        item_start(s);
        ds_put_cstr(s, "encap()");
        return;
    }
    format_eth_type(key->dl_type, mask->dl_type, verbose, s);
    if (mask->dl_type == htons(0xffff)) {
        format_l3(key, mask, verbose, s);
    }
}

/* Formats into S, which must start out empty (the separator logic looks
 * at what S holds so far). */
static void
odp_flow_format__(const struct flow *key, const struct flow *mask,
                  bool verbose, const struct odp_port_names *names,
                  struct ds *s)
{
    struct attr_printer ap;

    if (mask->skb_priority || verbose) {
        ds_put_format(s, "skb_priority(%#"PRIx32, key->skb_priority);
        if (mask->skb_priority != UINT32_MAX) {
            ds_put_format(s, "/%#"PRIx32, mask->skb_priority);
        }
        ds_put_char(s, ')');
    }
    if (!tnl_mask_is_zero(&mask->tunnel)) {
        format_tunnel(&key->tunnel, &mask->tunnel, verbose, s);
    }
    if (mask->pkt_mark || verbose) {
        item_start(s);
        ds_put_format(s, "skb_mark(%#"PRIx32, key->pkt_mark);
        if (mask->pkt_mark != UINT32_MAX) {
            ds_put_format(s, "/%#"PRIx32, mask->pkt_mark);
        }
        ds_put_char(s, ')');
    }
    if (verbose) {
        item_start(s);
        ds_put_cstr(s, "ct_state(0/0),ct_zone(0/0),ct_mark(0/0),"
                    "ct_label(0/0)");
    }
    item_start(s);
    ds_put_format(s, "recirc_id(%#"PRIx32, key->recirc_id);
    if (mask->recirc_id != UINT32_MAX) {
        ds_put_format(s, "/%#"PRIx32, mask->recirc_id);
    }
    ds_put_char(s, ')');
    if (mask->dp_hash || verbose) {
        item_start(s);
        ds_put_format(s, "dp_hash(%#"PRIx32"/%#"PRIx32")",
                      key->dp_hash, mask->dp_hash);
    }
    if (mask->in_port) {
        const char *name = names && names->name_of
                           ? names->name_of(key->in_port, names->aux)
                           : NULL;
        item_start(s);
        if (name) {
            ds_put_format(s, "in_port(%s)", name);
        } else {
            ds_put_format(s, "in_port(%"PRIu32")", key->in_port);
        }
    }
    if (mask->packet_type || verbose) {
        uint32_t pt = ntohl(key->packet_type), ptm = ntohl(mask->packet_type);
        attr_open(&ap, s, verbose, "packet_type");
        put_dec(&ap, "ns", pt >> 16, ptm >> 16, 0xffff);
        put_hex(&ap, "id", pt & 0xffff, ptm & 0xffff, 0xffff);
        attr_close(&ap);
    }
    if (verbose || !mask->packet_type || !eth_addr_is_zero(mask->dl_src)
        || !eth_addr_is_zero(mask->dl_dst)) {
        attr_open(&ap, s, verbose, "eth");
        put_eth(&ap, "src", key->dl_src, mask->dl_src);
        put_eth(&ap, "dst", key->dl_dst, mask->dl_dst);
        attr_close(&ap);
    }
    format_encap(key, mask, 0, verbose, s);
}

void
odp_flow_format(const struct flow *key, const struct flow_wildcards *wc,
                bool verbose, const struct odp_port_names *names,
                struct ds *s)
{
    struct flow_wildcards exact;
    struct ds out = DS_EMPTY_INITIALIZER;

    if (!wc) {
        flow_wildcards_init_for_packet(&exact, key);
        wc = &exact;
    }
    odp_flow_format__(key, &wc->masks, verbose, names, &out);
    ds_put_buffer(s, out.string ? out.string : "", out.length);
    ds_destroy(&out);
}

/* ---- Parsing. ---------------------------------------------------- */

struct odp_parser {
    const struct odp_port_names *names;
    struct flow *key;
    struct flow *mask;
};

static void
skip_spaces(const char **pp)
{
    while (isspace((unsigned char) **pp)) {
        (*pp)++;
    }
}

static char * OVS_WARN_UNUSED_RESULT
syntax_error(const char *at)
{
    return xasprintf("syntax error at %s", at);
}

/* Parses an unsigned integer (decimal, or hex with 0x) no larger than
 * MAX at *PP. */
static bool
scan_uint(const char **pp, uint64_t max, uint64_t *value)
{
    const char *p = *pp;
    char *end;

    if (!isdigit((unsigned char) *p)) {
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(p, &end, 0);
    if (errno || end == p || v > max) {
        return false;
    }
    *value = v;
    *pp = end;
    return true;
}

/* "VALUE[/MASK]" for an integer field of at most MAX; MASK defaults to
 * MAX. */
static bool
scan_uint_masked(const char **pp, uint64_t max, uint64_t *value,
                 uint64_t *mask)
{
    if (!scan_uint(pp, max, value)) {
        return false;
    }
    *mask = max;
    if (**pp == '/') {
        (*pp)++;
        if (!scan_uint(pp, max, mask)) {
            return false;
        }
    }
    return true;
}

static bool
scan_ip_masked(const char **pp, ovs_be32 *value, ovs_be32 *mask)
{
    size_t n = ip_scan(*pp, value);
    if (!n) {
        return false;
    }
    *pp += n;
    *mask = htonl(UINT32_MAX);
    if (**pp == '/') {
        (*pp)++;
        n = ip_scan(*pp, mask);
        if (!n) {
            return false;
        }
        *pp += n;
    }
    return true;
}

static bool
scan_ipv6_masked(const char **pp, struct in6_addr *value,
                 struct in6_addr *mask)
{
    size_t n = ipv6_scan(*pp, value);
    if (!n) {
        return false;
    }
    *pp += n;
    memset(mask, 0xff, sizeof *mask);
    if (**pp == '/') {
        (*pp)++;
        n = ipv6_scan(*pp, mask);
        if (!n) {
            return false;
        }
        *pp += n;
    }
    return true;
}

static bool
scan_eth_masked(const char **pp, struct eth_addr *value,
                struct eth_addr *mask)
{
    size_t n = eth_addr_scan(*pp, value);
    if (!n) {
        return false;
    }
    *pp += n;
    *mask = eth_addr_exact;
    if (**pp == '/') {
        (*pp)++;
        n = eth_addr_scan(*pp, mask);
        if (!n) {
            return false;
        }
        *pp += n;
    }
    return true;
}

/* Reads a field name ([a-z0-9_]+) at *PP into NAME (size N). */
static bool
scan_name(const char **pp, char *name, size_t n)
{
    size_t len = 0;
    const char *p = *pp;

    while (islower((unsigned char) p[len]) || isdigit((unsigned char) p[len])
           || p[len] == '_') {
        len++;
    }
    if (!len || len >= n) {
        return false;
    }
    memcpy(name, p, len);
    name[len] = '\0';
    *pp = p + len;
    return true;
}

/* Moves past one "," separator inside an attribute; true if more fields
 * follow, false at the closing ')'. */
static bool
next_field(const char **pp, bool *error)
{
    skip_spaces(pp);
    if (**pp == ',') {
        (*pp)++;
        skip_spaces(pp);
        return true;
    } else if (**pp == ')') {
        return false;
    }
    *error = true;
    return false;
}

/* Flag list "+a-b" (value, mask) or "a|b" (value; mask = FULL) or a
 * number[/mask]. */
static bool
scan_flags(const char **pp, uint32_t full,
           const char *(*name_of)(uint32_t), uint32_t *value,
           uint32_t *mask)
{
    const char *p = *pp;

    *value = *mask = 0;
    if (isdigit((unsigned char) *p)) {
        uint64_t v, m;
        if (!scan_uint_masked(&p, full, &v, &m)) {
            return false;
        }
        *value = v;
        *mask = m;
        *pp = p;
        return true;
    }
    bool signed_form = *p == '+' || *p == '-';
    if (!signed_form) {
        *mask = full;
    }
    while (*p && *p != ')' && *p != ',') {
        bool set = true;
        if (signed_form) {
            if (*p != '+' && *p != '-') {
                return false;
            }
            set = *p++ == '+';
        } else if (p != *pp) {
            if (*p != '|') {
                return false;
            }
            p++;
        }
        uint32_t bit = 0;
        for (uint32_t b = 1; b && b <= full; b <<= 1) {
            const char *name = name_of(b);
            size_t len = name ? strlen(name) : 0;
            if (len && !strncmp(p, name, len)
                && !islower((unsigned char) p[len])) {
                bit = b;
                p += len;
                break;
            }
        }
        if (!bit) {
            return false;
        }
        if (signed_form) {
            *mask |= bit;
        }
        if (set) {
            *value |= bit;
        }
    }
    *pp = p;
    return true;
}

static bool
scan_frag(const char **pp, uint8_t *value, uint8_t *mask)
{
    static const struct {
        const char *name;
        uint8_t value;
    } names[] = {
        { "no", 0 },
        { "first", FLOW_NW_FRAG_ANY },
        { "later", FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER },
    };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        size_t len = strlen(names[i].name);
        if (!strncmp(*pp, names[i].name, len)
            && !islower((unsigned char) (*pp)[len])) {
            *pp += len;
            *value = names[i].value;
            *mask = FLOW_NW_FRAG_MASK;
            return true;
        }
    }
    uint64_t v, m;
    if (!scan_uint_masked(pp, FLOW_NW_FRAG_MASK, &v, &m)) {
        return false;
    }
    *value = v;
    *mask = m;
    return true;
}

/* Field kinds for the generic field-list parser. */
enum field_kind {
    F_U8, F_U16BE, F_U32, F_U32BE, F_IP, F_IPV6, F_ETH, F_FRAG,
    F_TYPE8,                    /* 8-bit value stored as htons() in u16. */
    F_LABEL,                    /* 20-bit ovs_be32. */
};

struct field_desc {
    const char *name;
    enum field_kind kind;
    size_t offset;              /* In struct flow. */
};

#define FD(NAME, KIND, FIELD) { NAME, KIND, offsetof(struct flow, FIELD) }

static bool
scan_field(const char **pp, const struct field_desc *fd, struct flow *key,
           struct flow *mask)
{
    uint8_t *k = (uint8_t *) key + fd->offset;
    uint8_t *m = (uint8_t *) mask + fd->offset;
    uint64_t v, vm;

    switch (fd->kind) {
    case F_U8:
        if (!scan_uint_masked(pp, UINT8_MAX, &v, &vm)) {
            return false;
        }
        *k = v;
        *m = vm;
        return true;
    case F_TYPE8:
    case F_U16BE: {
        uint64_t max = fd->kind == F_TYPE8 ? UINT8_MAX : UINT16_MAX;
        if (!scan_uint_masked(pp, max, &v, &vm)) {
            return false;
        }
        ovs_be16 bv = htons(v), bm = htons(vm);
        if (fd->kind == F_TYPE8 && vm == UINT8_MAX) {
            bm = htons(UINT16_MAX);
        }
        memcpy(k, &bv, 2);
        memcpy(m, &bm, 2);
        return true;
    }
    case F_U32:
    case F_U32BE:
    case F_LABEL: {
        uint64_t max = fd->kind == F_LABEL ? IPV6_LABEL_MASK : UINT32_MAX;
        if (!scan_uint_masked(pp, max, &v, &vm)) {
            return false;
        }
        uint32_t v32 = v, m32 = vm;
        if (fd->kind != F_U32) {
            v32 = htonl(v32);
            m32 = htonl(m32);
        }
        memcpy(k, &v32, 4);
        memcpy(m, &m32, 4);
        return true;
    }
    case F_IP: {
        ovs_be32 ip, ipm;
        if (!scan_ip_masked(pp, &ip, &ipm)) {
            return false;
        }
        memcpy(k, &ip, 4);
        memcpy(m, &ipm, 4);
        return true;
    }
    case F_IPV6: {
        struct in6_addr a, am;
        if (!scan_ipv6_masked(pp, &a, &am)) {
            return false;
        }
        memcpy(k, &a, sizeof a);
        memcpy(m, &am, sizeof am);
        return true;
    }
    case F_ETH: {
        struct eth_addr e, em;
        if (!scan_eth_masked(pp, &e, &em)) {
            return false;
        }
        memcpy(k, &e, sizeof e);
        memcpy(m, &em, sizeof em);
        return true;
    }
    case F_FRAG:
        return scan_frag(pp, k, m);
    }
    return false;
}

/* Parses "field=value,..." up to (not past) the closing ')' of an
 * attribute, using the N_FIELDS descriptors FIELDS. */
static char *
parse_fields(struct odp_parser *parser, const char **pp,
             const struct field_desc *fields, size_t n_fields)
{
    bool error = false;

    skip_spaces(pp);
    if (**pp == ')') {
        return NULL;
    }
    do {
        const char *field_start = *pp;
        char name[32];
        const struct field_desc *fd = NULL;

        if (!scan_name(pp, name, sizeof name) || **pp != '=') {
            return syntax_error(field_start);
        }
        (*pp)++;
        for (size_t i = 0; i < n_fields; i++) {
            if (!strcmp(fields[i].name, name)) {
                fd = &fields[i];
                break;
            }
        }
        if (!fd || !scan_field(pp, fd, parser->key, parser->mask)) {
            return syntax_error(field_start);
        }
    } while (next_field(pp, &error));
    return error ? syntax_error(*pp) : NULL;
}

static const struct field_desc eth_fields[] = {
    FD("src", F_ETH, dl_src),
    FD("dst", F_ETH, dl_dst),
};

static const struct field_desc ipv4_fields[] = {
    FD("src", F_IP, nw_src),
    FD("dst", F_IP, nw_dst),
    FD("proto", F_U8, nw_proto),
    FD("tos", F_U8, nw_tos),
    FD("ttl", F_U8, nw_ttl),
    FD("frag", F_FRAG, nw_frag),
};

static const struct field_desc ipv6_fields[] = {
    FD("src", F_IPV6, ipv6_src),
    FD("dst", F_IPV6, ipv6_dst),
    FD("label", F_LABEL, ipv6_label),
    FD("proto", F_U8, nw_proto),
    FD("tclass", F_U8, nw_tos),
    FD("hlimit", F_U8, nw_ttl),
    FD("frag", F_FRAG, nw_frag),
};

static const struct field_desc arp_fields[] = {
    FD("sip", F_IP, nw_src),
    FD("tip", F_IP, nw_dst),
    FD("op", F_U8, nw_proto),
    FD("sha", F_ETH, arp_sha),
    FD("tha", F_ETH, arp_tha),
};

static const struct field_desc ports_fields[] = {
    FD("src", F_U16BE, tp_src),
    FD("dst", F_U16BE, tp_dst),
};

static const struct field_desc icmp_fields[] = {
    FD("type", F_TYPE8, tp_src),
    FD("code", F_TYPE8, tp_dst),
};

static const struct field_desc nd_fields[] = {
    FD("target", F_IPV6, nd_target),
    FD("sll", F_ETH, arp_sha),
    FD("tll", F_ETH, arp_tha),
};

static const struct field_desc tunnel_fields[] = {
    FD("src", F_IP, tunnel.ip_src),
    FD("dst", F_IP, tunnel.ip_dst),
    FD("ipv6_src", F_IPV6, tunnel.ipv6_src),
    FD("ipv6_dst", F_IPV6, tunnel.ipv6_dst),
    FD("tos", F_U8, tunnel.ip_tos),
    FD("ttl", F_U8, tunnel.ip_ttl),
    FD("tp_src", F_U16BE, tunnel.tp_src),
    FD("tp_dst", F_U16BE, tunnel.tp_dst),
};

static char *
parse_tunnel(struct odp_parser *parser, const char **pp)
{
    struct flow_tnl *key = &parser->key->tunnel;
    struct flow_tnl *mask = &parser->mask->tunnel;
    bool error = false;

    skip_spaces(pp);
    if (**pp == ')') {
        return NULL;
    }
    do {
        const char *start = *pp;
        if (!strncmp(*pp, "tun_id=", 7)) {
            uint64_t v, m;
            *pp += 7;
            if (!scan_uint_masked(pp, UINT64_MAX, &v, &m)) {
                return syntax_error(start);
            }
            key->tun_id = htonll(v);
            mask->tun_id = htonll(m);
        } else if (!strncmp(*pp, "flags(", 6)) {
            uint32_t v, m;
            *pp += 6;
            if (!scan_flags(pp, FLOW_TNL_F_MASK, tnl_flag_name, &v, &m)
                || **pp != ')') {
                return syntax_error(start);
            }
            (*pp)++;
            key->flags = v;
            mask->flags = m;
        } else {
            char *err = NULL;
            const char *end = *pp;
            /* One "name=value" field through the generic parser. */
            char name[32];
            const struct field_desc *fd = NULL;
            if (!scan_name(&end, name, sizeof name) || *end != '=') {
                return syntax_error(start);
            }
            for (size_t i = 0; i < ARRAY_SIZE(tunnel_fields); i++) {
                if (!strcmp(tunnel_fields[i].name, name)) {
                    fd = &tunnel_fields[i];
                }
            }
            end++;
            if (!fd || !scan_field(&end, fd, parser->key, parser->mask)) {
                err = syntax_error(start);
            }
            if (err) {
                return err;
            }
            *pp = end;
        }
    } while (next_field(pp, &error));
    return error ? syntax_error(*pp) : NULL;
}

/* Conntrack attributes: only "nothing tracked" values are accepted. */
static char *
parse_ct(const char **pp, const char *attr)
{
    const char *p = *pp;
    if (!strcmp(attr, "ct_state") && *p == '-') {
        /* "-new-est-..." spells the all-clear state. */
        p += strcspn(p, ")");
    } else {
        uint64_t v;
        if (!scan_uint(&p, UINT64_MAX, &v)) {
            return syntax_error(*pp);
        }
        if (*p == '/') {
            uint64_t m;
            p++;
            if (!scan_uint(&p, UINT64_MAX, &m)) {
                return syntax_error(*pp);
            }
        }
        if (v) {
            return xasprintf("%s: conntrack is not supported", attr);
        }
    }
    *pp = p;
    return NULL;
}

static char *parse_attrs(struct odp_parser *, const char **pp, int level);

/* Checks that the key has the protocol transport attribute ATTR needs. */
static char *
check_l4_prereq(const struct odp_parser *parser, const char *attr,
                uint8_t proto, ovs_be16 dl_type)
{
    if (parser->key->nw_proto != proto
        || (dl_type && parser->key->dl_type != dl_type)) {
        return xasprintf("%s() requires proto=%d in the %s "
                         "attribute", attr, proto,
                         dl_type == htons(ETH_TYPE_IPV6) ? "ipv6"
                         : dl_type ? "ipv4" : "ipv4 or ipv6");
    }
    return NULL;
}

static char *
parse_attr(struct odp_parser *parser, const char *name, const char **pp,
           int level, bool *vlan_pending, bool *got_vlan)
{
    struct flow *key = parser->key;
    struct flow *mask = parser->mask;
    const char *args = *pp;
    char *err;

    if (!strcmp(name, "skb_priority") || !strcmp(name, "skb_mark")
        || !strcmp(name, "recirc_id") || !strcmp(name, "dp_hash")) {
        uint32_t *k = !strcmp(name, "skb_priority") ? &key->skb_priority
                      : !strcmp(name, "skb_mark") ? &key->pkt_mark
                      : !strcmp(name, "recirc_id") ? &key->recirc_id
                      : &key->dp_hash;
        uint32_t *m = (uint32_t *) ((uint8_t *) mask
                                    + ((uint8_t *) k - (uint8_t *) key));
        uint64_t v, vm;
        if (!scan_uint_masked(pp, UINT32_MAX, &v, &vm)) {
            return syntax_error(args);
        }
        *k = v;
        *m = vm;
        return NULL;
    } else if (!strncmp(name, "ct_", 3)) {
        return parse_ct(pp, name);
    } else if (!strcmp(name, "in_port")) {
        uint64_t v;
        if (scan_uint(pp, UINT32_MAX, &v)) {
            key->in_port = v;
        } else {
            size_t len = strcspn(*pp, ")");
            char *port_name = xmemdup0(*pp, len);
            uint32_t port;
            bool ok = parser->names && parser->names->number_of
                      && parser->names->number_of(port_name, &port,
                                                  parser->names->aux);
            if (!ok) {
                err = xasprintf("in_port(%s): unknown port", port_name);
                free(port_name);
                return err;
            }
            free(port_name);
            key->in_port = port;
            *pp += len;
        }
        mask->in_port = UINT32_MAX;
        return NULL;
    } else if (!strcmp(name, "packet_type")) {
        uint32_t ns = 0, ns_mask = 0, id = 0, id_mask = 0;
        bool error = false;
        skip_spaces(pp);
        while (**pp != ')') {
            const char *start = *pp;
            uint64_t v, vm;
            bool is_ns = !strncmp(*pp, "ns=", 3);
            if (!is_ns && strncmp(*pp, "id=", 3)) {
                return syntax_error(start);
            }
            *pp += 3;
            if (!scan_uint_masked(pp, UINT16_MAX, &v, &vm)) {
                return syntax_error(start);
            }
            if (is_ns) {
                ns = v;
                ns_mask = vm;
            } else {
                id = v;
                id_mask = vm;
            }
            if (!next_field(pp, &error)) {
                break;
            }
        }
        if (error) {
            return syntax_error(*pp);
        }
        if ((ns & ns_mask) || (id & id_mask)) {
            return xasprintf("packet_type(ns=%"PRIu32",id=%#"PRIx32"): only "
                             "Ethernet (ns=0,id=0) is supported", ns, id);
        }
        key->packet_type = htonl(PT_ETH);
        mask->packet_type = htonl((ns_mask << 16) | id_mask);
        return NULL;
    } else if (!strcmp(name, "tunnel")) {
        return parse_tunnel(parser, pp);
    } else if (!strcmp(name, "eth")) {
        return parse_fields(parser, pp, eth_fields, ARRAY_SIZE(eth_fields));
    } else if (!strcmp(name, "eth_type")) {
        uint64_t v, vm;
        if (!scan_uint_masked(pp, UINT16_MAX, &v, &vm)) {
            return syntax_error(args);
        }
        if (!v && vm == UINT16_MAX) {
            v = FLOW_DL_TYPE_NONE;      /* "eth_type(0/0xffff)": 802.2. */
        }
        if (level < FLOW_MAX_VLAN_HEADERS && eth_type_vlan(htons(v))
            && vm == UINT16_MAX) {
            /* A tag follows (vlan() then encap()), or it is truncated. */
            key->vlans[level].tpid = htons(v);
            mask->vlans[level].tpid = htons(UINT16_MAX);
            mask->vlans[level].tci = htons(UINT16_MAX);
            key->dl_type = htons(v);
            mask->dl_type = htons(vm);
            *vlan_pending = true;
        } else {
            key->dl_type = htons(v);
            mask->dl_type = htons(vm);
            if (level < FLOW_MAX_VLAN_HEADERS && vm == UINT16_MAX) {
                /* Exactly LEVEL tags: no tag in this slot. */
                mask->vlans[level].tci = htons(UINT16_MAX);
                mask->vlans[level].tpid = htons(UINT16_MAX);
            }
        }
        return NULL;
    } else if (!strcmp(name, "vlan")) {
        uint64_t vid = 0, vid_mask = 0, pcp = 0, pcp_mask = 0;
        uint64_t cfi = 1, cfi_mask = 1;
        bool error = false;
        if (!*vlan_pending) {
            return xasprintf("vlan() must follow eth_type(0x8100) or "
                             "eth_type(0x88a8)");
        }
        skip_spaces(pp);
        while (**pp != ')') {
            const char *start = *pp;
            char fname[8];
            if (!scan_name(pp, fname, sizeof fname) || **pp != '=') {
                return syntax_error(start);
            }
            (*pp)++;
            bool ok = (!strcmp(fname, "vid")
                       && scan_uint_masked(pp, VLAN_VID_MASK, &vid,
                                           &vid_mask))
                      || (!strcmp(fname, "pcp")
                          && scan_uint_masked(pp, 7, &pcp, &pcp_mask))
                      || (!strcmp(fname, "cfi")
                          && scan_uint_masked(pp, 1, &cfi, &cfi_mask));
            if (!ok) {
                return syntax_error(start);
            }
            if (!next_field(pp, &error)) {
                break;
            }
        }
        if (error) {
            return syntax_error(*pp);
        }
        key->vlans[level].tci = htons(vid | (pcp << VLAN_PCP_SHIFT)
                                      | (cfi << VLAN_CFI_SHIFT));
        mask->vlans[level].tci = htons(vid_mask
                                       | (pcp_mask << VLAN_PCP_SHIFT)
                                       | (cfi_mask << VLAN_CFI_SHIFT));
        if (cfi) {
            /* A real tag: the Ethertype is inside encap(). */
            key->dl_type = 0;
            mask->dl_type = 0;
        } else {
            key->vlans[level].tpid = 0;
            key->vlans[level].tci = 0;
        }
        *vlan_pending = false;
        *got_vlan = true;
        return NULL;
    } else if (!strcmp(name, "encap")) {
        if (!*got_vlan) {
            return xasprintf("encap() must follow vlan()");
        }
        if (!(key->vlans[level].tci & htons(VLAN_CFI))) {
            return NULL;                /* "encap()" of a truncated tag. */
        }
        return parse_attrs(parser, pp, level + 1);
    } else if (!strcmp(name, "ipv4") || !strcmp(name, "ipv6")
               || !strcmp(name, "arp")) {
        bool v4 = !strcmp(name, "ipv4"), v6 = !strcmp(name, "ipv6");
        ovs_be16 need = htons(v4 ? ETH_TYPE_IP : v6 ? ETH_TYPE_IPV6
                              : ETH_TYPE_ARP);
        if (mask->dl_type != htons(UINT16_MAX)
            || (key->dl_type != need
                && !(!v4 && !v6 && key->dl_type == htons(ETH_TYPE_RARP)))) {
            return xasprintf("%s() requires eth_type(%#06"PRIx16")", name,
                             ntohs(need));
        }
        return v4 ? parse_fields(parser, pp, ipv4_fields,
                                 ARRAY_SIZE(ipv4_fields))
               : v6 ? parse_fields(parser, pp, ipv6_fields,
                                   ARRAY_SIZE(ipv6_fields))
               : parse_fields(parser, pp, arp_fields,
                              ARRAY_SIZE(arp_fields));
    } else if (!strcmp(name, "tcp") || !strcmp(name, "udp")
               || !strcmp(name, "sctp")) {
        uint8_t proto = name[0] == 't' ? IPPROTO_TCP
                        : name[0] == 'u' ? IPPROTO_UDP : IPPROTO_SCTP;
        err = check_l4_prereq(parser, name, proto, 0);
        return err ? err : parse_fields(parser, pp, ports_fields,
                                        ARRAY_SIZE(ports_fields));
    } else if (!strcmp(name, "icmp") || !strcmp(name, "icmpv6")) {
        bool v6 = name[4] == 'v';
        err = check_l4_prereq(parser, name,
                              v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP,
                              htons(v6 ? ETH_TYPE_IPV6 : ETH_TYPE_IP));
        return err ? err : parse_fields(parser, pp, icmp_fields,
                                        ARRAY_SIZE(icmp_fields));
    } else if (!strcmp(name, "tcp_flags")) {
        uint32_t v, m;
        err = check_l4_prereq(parser, name, IPPROTO_TCP, 0);
        if (err) {
            return err;
        }
        if (!scan_flags(pp, TCP_FLAGS_MASK, packet_tcp_flag_to_string,
                        &v, &m)) {
            return syntax_error(args);
        }
        key->tcp_flags = htons(v);
        mask->tcp_flags = htons(m);
        return NULL;
    } else if (!strcmp(name, "nd")) {
        err = check_l4_prereq(parser, name, IPPROTO_ICMPV6,
                              htons(ETH_TYPE_IPV6));
        if (!err && (key->tp_dst != htons(0)
                     || (key->tp_src != htons(ND_NEIGHBOR_SOLICIT)
                         && key->tp_src != htons(ND_NEIGHBOR_ADVERT)))) {
            err = xasprintf("nd() requires icmpv6(type=135 or 136,"
                            "code=0)");
        }
        return err ? err : parse_fields(parser, pp, nd_fields,
                                        ARRAY_SIZE(nd_fields));
    } else if (!strcmp(name, "mpls") || !strcmp(name, "nsh")) {
        return xasprintf("%s() is not supported", name);
    }
    return xasprintf("unknown attribute %s()", name);
}

/* Parses a comma-separated attribute list until the end of the string
 * (LEVEL 0) or the ')' closing an encap() (LEVEL > 0, left unconsumed). */
static char *
parse_attrs(struct odp_parser *parser, const char **pp, int level)
{
    bool vlan_pending = false, got_vlan = false;

    if (level > FLOW_MAX_VLAN_HEADERS) {
        return xasprintf("more than %d VLAN headers",
                         FLOW_MAX_VLAN_HEADERS);
    }
    char seen[32][32];              /* Attributes parsed at this level. */
    size_t n_seen = 0;
    bool got_encap = false;

    skip_spaces(pp);
    while (**pp && **pp != ')') {
        const char *start = *pp;
        char name[32];
        char *err;

        if (!scan_name(pp, name, sizeof name) || **pp != '(') {
            return syntax_error(start);
        }
        for (size_t i = 0; i < n_seen; i++) {
            if (!strcmp(seen[i], name)) {
                return xasprintf("duplicate %s()", name);
            }
        }
        if (n_seen >= ARRAY_SIZE(seen)) {
            return syntax_error(start);
        }
        memcpy(seen[n_seen++], name, sizeof name);
        if (got_encap || (got_vlan && strcmp(name, "encap"))) {
            return xasprintf("%s() may not follow %s()", name,
                             got_encap ? "encap" : "vlan");
        }
        got_encap = !strcmp(name, "encap");
        (*pp)++;
        skip_spaces(pp);
        err = parse_attr(parser, name, pp, level, &vlan_pending, &got_vlan);
        if (err) {
            return err;
        }
        skip_spaces(pp);
        if (**pp != ')') {
            return syntax_error(start);
        }
        (*pp)++;
        skip_spaces(pp);
        if (**pp == ',') {
            (*pp)++;
            skip_spaces(pp);
        } else if (**pp && **pp != ')') {
            return syntax_error(*pp);
        }
    }
    if (level > 0 && **pp != ')') {
        return xasprintf("encap() is not closed");
    }
    if (vlan_pending) {
        /* eth_type(TPID) with no vlan(): the Ethertype is the TPID of a
         * tag that was not parsed; no tag in this slot. */
        parser->key->vlans[level].tpid = 0;
    }
    return NULL;
}

char *
odp_flow_from_string(const char *s, const struct odp_port_names *names,
                     struct flow *key, struct flow_wildcards *wc)
{
    struct odp_parser parser = { names, key, &wc->masks };
    const char *p = s;

    memset(key, 0, sizeof *key);
    flow_wildcards_init_catchall(wc);
    /* recirc_id(0) unless said otherwise, as OVS does. */
    wc->masks.recirc_id = UINT32_MAX;

    char *err = parse_attrs(&parser, &p, 0);
    if (!err && *p) {
        err = syntax_error(p);
    }
    return err;
}
