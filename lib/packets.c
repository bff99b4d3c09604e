/* packets: address formatting/parsing and Internet checksums for the
 * wire formats declared in packets.h.  Nothing here allocates except the
 * ds it is asked to append to. */
#include "packets.h"
#include <ctype.h>
#include <stdio.h>
#include "ds.h"

const struct eth_addr eth_addr_zero = ETH_ADDR_C(00, 00, 00, 00, 00, 00);
const struct eth_addr eth_addr_broadcast = ETH_ADDR_C(ff, ff, ff, ff, ff, ff);
const struct eth_addr eth_addr_exact = ETH_ADDR_C(ff, ff, ff, ff, ff, ff);

static int
hexit_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

size_t
eth_addr_scan(const char *s, struct eth_addr *ea)
{
    struct eth_addr tmp;
    const char *p = s;

    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        int hi = hexit_value((unsigned char) *p);
        if (hi < 0) {
            return 0;
        }
        p++;
        int lo = hexit_value((unsigned char) *p);
        if (lo >= 0) {
            tmp.ea[i] = hi * 16 + lo;
            p++;
        } else {
            tmp.ea[i] = hi;
        }
        if (i < ETH_ADDR_LEN - 1) {
            if (*p != ':') {
                return 0;
            }
            p++;
        }
    }
    *ea = tmp;
    return p - s;
}

bool
eth_addr_from_string(const char *s, struct eth_addr *ea)
{
    size_t n = eth_addr_scan(s, ea);
    if (!n || s[n] != '\0') {
        *ea = eth_addr_zero;
        return false;
    }
    return true;
}

void
eth_addr_format_masked(struct eth_addr ea, const struct eth_addr *mask,
                       struct ds *s)
{
    ds_put_format(s, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
    if (mask && !eth_addr_equals(*mask, eth_addr_exact)) {
        ds_put_format(s, "/"ETH_ADDR_FMT, ETH_ADDR_ARGS(*mask));
    }
}

void
ip_format_masked(ovs_be32 ip, const ovs_be32 *mask, struct ds *s)
{
    ds_put_format(s, IP_FMT, IP_ARGS(ip));
    if (mask && *mask != htonl(UINT32_MAX)) {
        ds_put_format(s, "/"IP_FMT, IP_ARGS(*mask));
    }
}

size_t
ip_scan(const char *s, ovs_be32 *ip)
{
    const char *p = s;
    uint32_t addr = 0;

    for (int i = 0; i < 4; i++) {
        unsigned int octet = 0;
        int digits = 0;
        while (isdigit((unsigned char) *p) && digits < 4) {
            octet = octet * 10 + (*p - '0');
            p++;
            digits++;
        }
        if (!digits || digits > 3 || octet > 255) {
            return 0;
        }
        addr = (addr << 8) | octet;
        if (i < 3) {
            if (*p != '.') {
                return 0;
            }
            p++;
        }
    }
    *ip = htonl(addr);
    return p - s;
}

void
ipv6_format_masked(const struct in6_addr *addr, const struct in6_addr *mask,
                   struct ds *s)
{
    char buf[INET6_ADDRSTRLEN];
    static const struct in6_addr exact = { { {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } } };

    inet_ntop(AF_INET6, addr, buf, sizeof buf);
    ds_put_cstr(s, buf);
    if (mask && memcmp(mask, &exact, sizeof exact)) {
        inet_ntop(AF_INET6, mask, buf, sizeof buf);
        ds_put_char(s, '/');
        ds_put_cstr(s, buf);
    }
}

size_t
ipv6_scan(const char *s, struct in6_addr *addr)
{
    char buf[INET6_ADDRSTRLEN];
    size_t n = strspn(s, "0123456789abcdefABCDEF:.");

    if (!n || n >= sizeof buf) {
        return 0;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return inet_pton(AF_INET6, buf, addr) == 1 ? n : 0;
}

const char *
packet_tcp_flag_to_string(uint32_t flag)
{
    switch (flag) {
    case TCP_FIN: return "fin";
    case TCP_SYN: return "syn";
    case TCP_RST: return "rst";
    case TCP_PSH: return "psh";
    case TCP_ACK: return "ack";
    case TCP_URG: return "urg";
    case TCP_ECE: return "ece";
    case TCP_CWR: return "cwr";
    case TCP_NS: return "ns";
    case 0x200: return "[200]";
    case 0x400: return "[400]";
    case 0x800: return "[800]";
    default: return NULL;
    }
}

/* The checksum arithmetic below adds 16-bit words as they lie in memory
 * (native loads), which makes the one's complement result come out in
 * memory order, i.e. directly storable network-order bytes, on any host
 * byte order (RFC 1071 section 2(B)). */
uint32_t
csum_continue(uint32_t partial, const void *data_, size_t n)
{
    const uint8_t *data = data_;
    uint64_t sum = partial;

    while (n >= 8) {
        uint32_t a, b;
        memcpy(&a, data, 4);
        memcpy(&b, data + 4, 4);
        sum += (uint64_t) a + b;
        data += 8;
        n -= 8;
    }
    while (n >= 2) {
        uint16_t w;
        memcpy(&w, data, 2);
        sum += w;
        data += 2;
        n -= 2;
    }
    if (n) {
        uint16_t w = 0;
        memcpy(&w, data, 1);
        sum += w;
    }
    while (sum >> 32) {
        sum = (sum & 0xffffffff) + (sum >> 32);
    }
    /* Keep the running sum below 2**31 so callers can keep adding. */
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return sum;
}

ovs_be16
csum_finish(uint32_t partial)
{
    while (partial >> 16) {
        partial = (partial & 0xffff) + (partial >> 16);
    }
    return ~partial & 0xffff;
}

ovs_be16
csum(const void *data, size_t n)
{
    return csum_finish(csum_continue(0, data, n));
}

ovs_be16
recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16)
{
    /* RFC 1624 equation 3: HC' = ~(~HC + ~m + m'). */
    uint32_t sum = (uint16_t) ~old_csum;
    sum += (uint16_t) ~old_u16;
    sum += new_u16;
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return ~sum & 0xffff;
}

ovs_be16
recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32)
{
    old_csum = recalc_csum16(old_csum, old_u32 & 0xffff, new_u32 & 0xffff);
    return recalc_csum16(old_csum, old_u32 >> 16, new_u32 >> 16);
}

ovs_be16
recalc_csum128(ovs_be16 old_csum, const struct in6_addr *old_a,
               const struct in6_addr *new_a)
{
    for (int i = 0; i < 16; i += 4) {
        ovs_be32 o, n;
        memcpy(&o, &old_a->s6_addr[i], 4);
        memcpy(&n, &new_a->s6_addr[i], 4);
        old_csum = recalc_csum32(old_csum, o, n);
    }
    return old_csum;
}

uint32_t
packet_csum_pseudoheader(const struct ip_header *ip)
{
    ovs_be32 src = ip->ip_src, dst = ip->ip_dst;
    uint16_t l4_len = ntohs(ip->ip_tot_len) - IP_IHL(ip->ip_ihl_ver) * 4;
    uint32_t partial = 0;

    partial += (src & 0xffff) + (src >> 16);
    partial += (dst & 0xffff) + (dst >> 16);
    partial += htons(ip->ip_proto);
    partial += htons(l4_len);
    return partial;
}

uint32_t
packet_csum_pseudoheader6(const struct ip6_header *ip6, uint8_t proto,
                          uint32_t l4_len)
{
    uint32_t partial = 0;

    partial = csum_continue(partial, &ip6->ip6_src, sizeof ip6->ip6_src);
    partial = csum_continue(partial, &ip6->ip6_dst, sizeof ip6->ip6_dst);
    partial += htons(l4_len >> 16) + htons(l4_len & 0xffff);
    partial += htons(proto);
    return partial;
}

void
ip_header_set_csum(struct ip_header *ip)
{
    ip->ip_csum = 0;
    ip->ip_csum = csum(ip, IP_IHL(ip->ip_ihl_ver) * 4);
}
