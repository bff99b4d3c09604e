/* flow-bench: per-core cost of the datapath's per-packet key work, the
 * first figure toward DESIGN.md's ">= 15 Mpps/core EMC-hit forwarding".
 *
 *   flow-bench [SECONDS] [FLOWS]
 *
 * Builds batches of NETDEV_MAX_BURST (32) 64-byte UDP frames in a packet
 * pool (FLOWS distinct 5-tuples, default 32, so the keys differ as real
 * traffic's do), then for SECONDS (default 2) per variant loops over the
 * batches doing, per packet:
 *   extract        flow_extract()
 *   extract+hash   flow_extract() + flow_hash_map() (the EMC's hash)
 *   extract+full   flow_extract() + flow_hash() over all words
 *   +vlan          extract+hash of 802.1Q-tagged frames
 *   +ipv6          extract+hash of IPv6/UDP frames
 * and prints million packets per second on one core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "datapath/dp-packet.h"
#include "datapath/flow.h"
#include "util.h"

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

enum variant { EXTRACT, EXTRACT_HASH, EXTRACT_FULL_HASH };

static volatile uint32_t sink;

static double
run(struct dp_packet_batch *batches, size_t n_batches, enum variant v,
    double seconds)
{
    uint64_t packets = 0;
    uint32_t acc = 0;
    double start = now(), elapsed;

    do {
        for (int rep = 0; rep < 256; rep++) {
            struct dp_packet_batch *b = &batches[rep % n_batches];
            struct dp_packet *p;
            DP_PACKET_BATCH_FOR_EACH (i, p, b) {
                struct flow flow;
                uint64_t map = flow_extract(p, &flow);
                switch (v) {
                case EXTRACT:
                    acc += flow.tp_src;
                    break;
                case EXTRACT_HASH:
                    acc += flow_hash_map(&flow, map, 0);
                    break;
                case EXTRACT_FULL_HASH:
                    acc += flow_hash(&flow, 0);
                    break;
                }
            }
            packets += b->count;
        }
        elapsed = now() - start;
    } while (elapsed < seconds);
    sink = acc;
    return packets / elapsed / 1e6;
}

/* Fills N_BATCHES batches from POOL with frames of N_FLOWS 5-tuples. */
static void
make_batches(struct dp_packet_pool *pool, struct dp_packet_batch *batches,
             size_t n_batches, int n_flows, int kind)
{
    int k = 0;
    for (size_t b = 0; b < n_batches; b++) {
        dp_packet_batch_init(&batches[b]);
        for (int i = 0; i < NETDEV_MAX_BURST; i++, k++) {
            struct flow flow;
            memset(&flow, 0, sizeof flow);
            flow.dl_src = eth_addr_from_uint64(0x020000000001ULL);
            flow.dl_dst = eth_addr_from_uint64(0x020000000002ULL);
            if (kind == 1) {
                flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
                flow.vlans[0].tci = htons(VLAN_CFI | 10);
            }
            if (kind == 2) {
                flow.dl_type = htons(ETH_TYPE_IPV6);
                flow.ipv6_src.s6_addr[0] = 0xfd;
                flow.ipv6_src.s6_addr[15] = 1;
                flow.ipv6_dst.s6_addr[0] = 0xfd;
                flow.ipv6_dst.s6_addr[15] = 2;
            } else {
                flow.dl_type = htons(ETH_TYPE_IP);
                flow.nw_src = htonl(0x0a000001);
                flow.nw_dst = htonl(0x0a000002);
            }
            flow.nw_proto = IPPROTO_UDP;
            flow.nw_ttl = 64;
            flow.tp_src = htons(1024 + k % n_flows);
            flow.tp_dst = htons(5001);

            struct dp_packet *p = dp_packet_pool_alloc(pool);
            if (!p) {
                ovs_fatal(0, "packet pool too small");
            }
            /* 64-byte frames on the wire (60 without the FCS). */
            size_t payload = kind == 2 ? 0 : 18 - (kind == 1 ? 4 : 0);
            flow_compose(p, &flow, payload);
            pkt_metadata_init(&p->md, 1);
            dp_packet_batch_add(&batches[b], p);
        }
    }
}

int
main(int argc, char *argv[])
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    int n_flows = argc > 2 ? atoi(argv[2]) : 32;
    enum { N_BATCHES = 8 };
    struct dp_packet_batch batches[N_BATCHES];
    struct dp_packet_pool *pool;

    set_program_name(argv[0]);
    if (seconds <= 0 || n_flows <= 0) {
        ovs_fatal(0, "usage: %s [SECONDS] [FLOWS]", argv[0]);
    }
    pool = dp_packet_pool_create(N_BATCHES * NETDEV_MAX_BURST, 2048);

    make_batches(pool, batches, N_BATCHES, n_flows, 0);
    printf("flow key extraction, %d-packet batches of %u-byte frames "
           "(with FCS), %d flows, one core (Mpps):\n", NETDEV_MAX_BURST,
           (unsigned) dp_packet_size(batches[0].packets[0]) + 4, n_flows);
    printf("  %-24s %8.1f\n", "extract", run(batches, N_BATCHES, EXTRACT,
                                              seconds));
    printf("  %-24s %8.1f\n", "extract+hash (EMC)",
           run(batches, N_BATCHES, EXTRACT_HASH, seconds));
    printf("  %-24s %8.1f\n", "extract+full hash",
           run(batches, N_BATCHES, EXTRACT_FULL_HASH, seconds));
    for (int b = 0; b < N_BATCHES; b++) {
        dp_packet_batch_delete_all(&batches[b]);
    }

    make_batches(pool, batches, N_BATCHES, n_flows, 1);
    printf("  %-24s %8.1f\n", "802.1Q extract+hash",
           run(batches, N_BATCHES, EXTRACT_HASH, seconds));
    for (int b = 0; b < N_BATCHES; b++) {
        dp_packet_batch_delete_all(&batches[b]);
    }

    make_batches(pool, batches, N_BATCHES, n_flows, 2);
    printf("  %-24s %8.1f\n", "IPv6 extract+hash",
           run(batches, N_BATCHES, EXTRACT_HASH, seconds));
    for (int b = 0; b < N_BATCHES; b++) {
        dp_packet_batch_delete_all(&batches[b]);
    }
    dp_packet_pool_destroy(pool);
    return 0;
}
