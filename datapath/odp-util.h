/* odp-util: the datapath flow syntax that `ovs-appctl dpctl/dump-flows`
 * prints and `dpctl/add-flow` accepts, e.g.
 *
 *   recirc_id(0),in_port(1),packet_type(ns=0,id=0),
 *   eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02),eth_type(0x0800),
 *   ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),
 *   udp(src=1234,dst=5678)
 *
 * (one line), with masks as "value/mask".  Printing follows OVS 3.1's
 * rules: attributes and fields a mask ignores entirely are left out, a
 * fully masked field prints its value alone; the verbose form (dump-flows
 * -m) prints every field with its mask.  Values print as they are in the
 * key, unmasked (OVS shows a megaflow's key as the packet that created
 * it: "src=10.0.0.1/0.0.0.0").  Tagged frames nest as
 * eth_type(0x8100),vlan(vid=10,pcp=0),encap(eth_type(...),...).
 *
 * The parser accepts what the printer produces (and OVS's spelling of
 * the same), so printing and parsing round-trip.  Conntrack fields are
 * accepted only with zero values (Railyard has no conntrack); MPLS, NSH
 * and tunnel options other than the basic ones are rejected. */
#ifndef ODP_UTIL_H
#define ODP_UTIL_H 1

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"
#include "util.h"

struct ds;

/* Optional port naming for in_port(): with NULL callbacks (or a NULL
 * struct) ports are numbers. */
struct odp_port_names {
    /* Returns PORT's name (borrowed) or NULL to print the number. */
    const char *(*name_of)(uint32_t port, void *aux);
    /* Stores NAME's port number in *PORT and returns true, or false if
     * there is no such port. */
    bool (*number_of)(const char *name, uint32_t *port, void *aux);
    void *aux;
};

/* Appends KEY under mask WC to S in datapath flow syntax.  WC NULL means
 * the exact mask of KEY's packet (flow_wildcards_init_for_packet()).
 * VERBOSE selects the dump-flows -m form.  Everything is borrowed. */
void odp_flow_format(const struct flow *key, const struct flow_wildcards *wc,
                     bool verbose, const struct odp_port_names *names,
                     struct ds *s);

/* Parses datapath flow syntax S into *KEY and *WC (both overwritten).  KEY
 * holds the values as written, including bits WC ignores (as a printed
 * "10.0.0.1/0.0.0.0" says); apply WC with flow_apply_mask() to compare
 * keys.  A missing recirc_id() means recirc_id(0).  Returns NULL on
 * success, otherwise an error message (caller frees) and *KEY, *WC are
 * unspecified. */
char *odp_flow_from_string(const char *s, const struct odp_port_names *names,
                           struct flow *key, struct flow_wildcards *wc)
    OVS_WARN_UNUSED_RESULT;

/* Appends TCP_FLAGS (network order) under MASK in the syntax of
 * tcp_flags(...): "syn|ack" for a full mask, "+syn-ack" for a partial one,
 * "0/0" for none. */
void odp_format_tcp_flags(ovs_be16 tcp_flags, ovs_be16 mask, struct ds *s);

#endif /* odp-util.h */
