/* fuzz-flow-extract: libFuzzer target for the datapath's per-packet
 * parser (datapath/flow.c: flow_extract()) and the datapath flow syntax
 * (datapath/odp-util.c).
 *
 * Input layout:
 *   byte 0: bit 0 clear: the rest is an Ethernet frame, received on port
 *           (byte 0 >> 1); it is viewed in place (dp_packet_use_const()),
 *           in a buffer of exactly its length, so any read past the end
 *           is an ASan report.
 *           bit 0 set: the rest is datapath flow syntax text for
 *           odp_flow_from_string().
 *
 * Oracles for a frame: the extraction map covers every nonzero word of
 * the key; the map hash equals the full hash; the key's exact form prints
 * and parses back to the same key and mask (plain and -m forms); pushing
 * and popping a VLAN tag gives the frame back; flow_compose() of the key
 * builds a frame that extracts without trouble.
 *
 * Oracle for text: when it parses, printing the result and parsing that
 * again gives the same key (under the mask) and mask. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp-packet.h"
#include "datapath/flow.h"
#include "datapath/odp-util.h"
#include "ds.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
inconsistent(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz-flow-extract: inconsistent: %s\n%s\n", what,
            detail ? detail : "");
    abort();
}

/* Parses S; returns true and fills KEY (masked) and WC on success. */
static bool
parse(const char *s, struct flow *key, struct flow_wildcards *wc)
{
    char *err = odp_flow_from_string(s, NULL, key, wc);
    if (err) {
        free(err);
        return false;
    }
    flow_apply_mask(key, key, wc);
    return true;
}

/* KEY/WC print (plain and verbose) and parse back to themselves. */
static void
check_syntax_roundtrip(const struct flow *key_, const struct flow_wildcards
                       *wc)
{
    struct flow key, key2;
    struct flow_wildcards wc2;

    flow_apply_mask(&key, key_, wc);
    for (int verbose = 0; verbose < 2; verbose++) {
        struct ds s = DS_EMPTY_INITIALIZER;
        odp_flow_format(&key, wc, verbose, NULL, &s);
        if (!parse(ds_cstr(&s), &key2, &wc2)) {
            inconsistent("printed key does not parse", ds_cstr(&s));
        }
        if (!flow_wildcards_equal(wc, &wc2) || !flow_equal(&key, &key2)) {
            inconsistent("printed key parses differently", ds_cstr(&s));
        }
        ds_destroy(&s);
    }
}

static void
fuzz_frame(const uint8_t *data, size_t size, uint32_t in_port)
{
    struct dp_packet p;
    struct flow flow, flow2;
    struct flow_wildcards wc;

    dp_packet_use_const(&p, data, size);
    p.md.in_port = in_port;
    uint64_t map = flow_extract(&p, &flow);

    if (flow_nonzero_map(&flow) & ~map) {
        inconsistent("extraction map misses a nonzero word", NULL);
    }
    if (flow_hash_map(&flow, map, 1) != flow_hash(&flow, 1)) {
        inconsistent("map hash differs from full hash", NULL);
    }
    if (size >= ETH_HEADER_LEN) {
        flow_wildcards_init_for_packet(&wc, &flow);
        check_syntax_roundtrip(&flow, &wc);

        flow2 = flow;
        flow_limit_vlans(&flow2, 1);
        flow_wildcards_init_for_packet(&wc, &flow2);
        check_syntax_roundtrip(&flow2, &wc);
    }

    /* VLAN push then pop is the identity (on a private copy). */
    struct dp_packet *copy = dp_packet_clone_data(data, size);
    if (dp_packet_push_vlan(copy, htons(ETH_TYPE_VLAN_8021Q),
                            htons(0x0123))) {
        flow_extract(copy, &flow2);
        if (flow2.vlans[0].tci != htons(0x1123)
            || (flow.vlans[0].tci && flow2.vlans[1].tci
                != flow.vlans[0].tci)) {
            inconsistent("pushed tag not parsed", NULL);
        }
        if (!dp_packet_pop_vlan(copy) || dp_packet_size(copy) != size
            || memcmp(dp_packet_data(copy), data, size)) {
            inconsistent("push+pop VLAN changed the frame", NULL);
        }
    }
    dp_packet_delete(copy);

    /* Composing a frame from any key works. */
    struct dp_packet *composed = dp_packet_new(0);
    flow_compose(composed, &flow, size % 64);
    flow_extract(composed, &flow2);
    dp_packet_delete(composed);

    dp_packet_uninit(&p);
}

static void
fuzz_text(const uint8_t *data, size_t size)
{
    char *s = xmemdup0((const char *) data, size);
    struct flow key;
    struct flow_wildcards wc;

    if (parse(s, &key, &wc)) {
        check_syntax_roundtrip(&key, &wc);
    }
    free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) {
        return 0;
    }
    if (data[0] & 1) {
        fuzz_text(data + 1, size - 1);
    } else {
        fuzz_frame(data + 1, size - 1, data[0] >> 1);
    }
    return 0;
}
