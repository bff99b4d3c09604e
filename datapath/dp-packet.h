/* dp-packet: the datapath's packet buffer, its per-packet metadata, the
 * batch of up to NETDEV_MAX_BURST packets that every datapath stage works
 * on, and preallocated per-thread packet pools.
 *
 * A packet is one contiguous buffer:
 *
 *     base                 data                data+size          end
 *     |<---- headroom ---->|<------ frame ----->|<-- tailroom -->|
 *
 * New packets start with DP_PACKET_HEADROOM bytes of headroom, enough to
 * push VLAN tags and a VXLAN or GRE encapsulation (over IPv4 or IPv6)
 * without moving or copying the frame.  The frame always starts with its
 * Ethernet header at 'data'; flow_extract() records where the L3 and L4
 * headers start (as offsets from 'data', kept right by push/pull of VLAN
 * tags).
 *
 * Ownership rules:
 *  - Every packet has exactly one owner.  Adding a packet to a batch hands
 *    it to whoever owns the batch; a function that takes a batch "consumes"
 *    its packets (it sends or deletes every one) unless it says otherwise.
 *  - dp_packet_delete() releases a packet made by dp_packet_new*(),
 *    dp_packet_clone*() or a pool: a malloc'd packet is freed, a pool
 *    packet goes back to its pool.  A struct dp_packet embedded by the
 *    caller (dp_packet_init(), _use_stub(), _use_const()) is released with
 *    dp_packet_uninit() instead, which frees only a buffer the packet had
 *    to grow into.
 *  - A struct dp_packet_pool belongs to one thread: allocation and deletion
 *    of its packets happen on that thread only, without locks.  To hand a
 *    packet to another thread (e.g. an upcall to the main thread), give it
 *    a dp_packet_clone() (malloc'd, deletable anywhere) and keep or delete
 *    the pool packet on the owning thread.
 *  - The fast path never mallocs: pool packets have room for a full frame
 *    plus headroom.  Growing a packet past its buffer (possible only with
 *    unusual encapsulations or oversized frames) moves it into a malloc'd
 *    buffer transparently; that is counted as a slow-path event by callers
 *    if they care (dp_packet_is_pool_backed() tells). */
#ifndef DP_PACKET_H
#define DP_PACKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "packets.h"
#include "util.h"

/* Headroom of every new packet: 128 bytes for encapsulations (Ethernet
 * + IPv6 + UDP + VXLAN = 70, plus VLAN tags) and 2 more so that the IP
 * header after a 14-byte Ethernet header is 4-byte aligned. */
#define DP_PACKET_HEADROOM (128 + 2)

/* Largest number of packets a batch holds. */
#define NETDEV_MAX_BURST 32

/* Default data capacity of pool buffers: a 1500-byte MTU frame with two
 * VLAN tags, rounded up.  Pools for jumbo ports use a larger size. */
#define DP_PACKET_POOL_DEFAULT_BUF 2048

#define DP_PACKET_OFS_NONE UINT16_MAX

enum dp_packet_source {
    DPBUF_MALLOC,               /* 'base' from malloc(), freed with it. */
    DPBUF_POOL,                 /* From a dp_packet_pool. */
    DPBUF_STUB,                 /* Caller's memory, never freed by us. */
    DPBUF_CONST,                /* Read-only view of caller's bytes. */
};

/* Metadata that travels with a packet through the datapath and becomes
 * the metadata part of its flow key. */
struct pkt_metadata {
    uint32_t in_port;           /* Datapath port number it arrived on. */
    uint32_t skb_priority;      /* Priority/queue id it is sent with. */
    uint32_t pkt_mark;          /* Packet mark ("skb_mark"). */
    uint32_t recirc_id;         /* Always 0: no recirculation yet. */
    bool tunnel_valid;          /* 'tunnel' is meaningful (decapsulated). */
    struct flow_tnl tunnel;     /* Outer headers of a decapsulated packet. */
};

/* Initializes MD for a packet received on IN_PORT: everything else 0. */
static inline void
pkt_metadata_init(struct pkt_metadata *md, uint32_t in_port)
{
    md->in_port = in_port;
    md->skb_priority = 0;
    md->pkt_mark = 0;
    md->recirc_id = 0;
    md->tunnel_valid = false;   /* 'tunnel' itself is left stale. */
}

struct dp_packet_pool;

struct dp_packet {
    uint8_t *base;              /* Start of the buffer. */
    uint32_t allocated;         /* Bytes at 'base'. */
    uint32_t size;              /* Bytes of frame at 'data'. */
    uint16_t data_ofs;          /* data = base + data_ofs. */
    uint16_t l3_ofs;            /* L3 header offset from data, or NONE. */
    uint16_t l4_ofs;            /* L4 header offset from data, or NONE. */
    uint8_t source;             /* enum dp_packet_source. */
    bool hash_valid;            /* 'hash' holds the flow hash. */
    uint32_t hash;              /* Flow hash, for the EMC and RSS. */
    struct dp_packet_pool *pool; /* Owning pool, if DPBUF_POOL. */
    uint8_t *pool_base;         /* The pool's buffer, if DPBUF_POOL. */
    struct pkt_metadata md;
};

/* ---- Construction and destruction. ------------------------------- */

/* Returns a new malloc'd packet with room for CAPACITY bytes of frame
 * after DP_PACKET_HEADROOM.  Caller frees with dp_packet_delete(). */
struct dp_packet *dp_packet_new(size_t capacity);
/* Same with HEADROOM (at most 65535) bytes of headroom. */
struct dp_packet *dp_packet_new_with_headroom(size_t capacity,
                                              size_t headroom);
/* Returns a new malloc'd packet holding a copy of the N bytes at DATA
 * (after DP_PACKET_HEADROOM).  Caller frees with dp_packet_delete(). */
struct dp_packet *dp_packet_clone_data(const void *data, size_t n);
/* Returns a malloc'd copy of PACKET (frame, offsets, metadata, hash).
 * PACKET is borrowed.  Caller frees with dp_packet_delete(). */
struct dp_packet *dp_packet_clone(const struct dp_packet *packet);
/* Releases PACKET (see the ownership rules above).  NULL is allowed. */
void dp_packet_delete(struct dp_packet *packet);

/* Initializes a caller-embedded PACKET with a malloc'd buffer of
 * CAPACITY bytes after DP_PACKET_HEADROOM; release with
 * dp_packet_uninit(). */
void dp_packet_init(struct dp_packet *packet, size_t capacity);
/* Initializes a caller-embedded PACKET to use the caller's ALLOCATED
 * bytes at BASE, empty, with min(DP_PACKET_HEADROOM, ALLOCATED) headroom.
 * The memory stays the caller's; release with dp_packet_uninit(). */
void dp_packet_use_stub(struct dp_packet *packet, void *base,
                        size_t allocated);
/* Initializes a caller-embedded PACKET to view the N existing bytes at
 * DATA as its frame, with no headroom or tailroom.  Meant for read-only
 * use (parsing, e.g. by a fuzzer); anything that writes or grows the
 * packet first copies the frame into a malloc'd buffer, leaving DATA
 * untouched.  Release with dp_packet_uninit(). */
void dp_packet_use_const(struct dp_packet *packet, const void *data,
                         size_t n);
/* Frees what dp_packet_init()/use_stub()/use_const() may have allocated.
 * Not for pool or dp_packet_new() packets (use dp_packet_delete()). */
void dp_packet_uninit(struct dp_packet *packet);

/* ---- Pools. ------------------------------------------------------ */

/* Creates a pool of N_PACKETS packets, each with DP_PACKET_HEADROOM
 * headroom and BUF_SIZE bytes for the frame, in one cache-aligned slab.
 * The pool belongs to the calling thread (see the ownership rules).
 * Caller frees with dp_packet_pool_destroy(). */
struct dp_packet_pool *dp_packet_pool_create(size_t n_packets,
                                             size_t buf_size);
/* Frees POOL.  Every packet must have been returned (deleted) first;
 * a pool destroyed with packets outstanding is a bug and aborts.
 * NULL is allowed. */
void dp_packet_pool_destroy(struct dp_packet_pool *pool);
/* Takes a packet from POOL: empty, DP_PACKET_HEADROOM of headroom,
 * offsets unset, metadata zeroed.  Returns NULL if the pool is exhausted
 * (the caller drops and counts).  Delete with dp_packet_delete(). */
struct dp_packet *dp_packet_pool_alloc(struct dp_packet_pool *pool);
/* Copies PACKET (borrowed) into a new packet from POOL; NULL if the pool
 * is exhausted or the frame does not fit a pool buffer. */
struct dp_packet *dp_packet_pool_clone(struct dp_packet_pool *pool,
                                       const struct dp_packet *packet);
/* Free packets left / total packets / frame capacity of POOL. */
size_t dp_packet_pool_n_free(const struct dp_packet_pool *pool);
size_t dp_packet_pool_n_packets(const struct dp_packet_pool *pool);
size_t dp_packet_pool_buf_size(const struct dp_packet_pool *pool);

static inline bool
dp_packet_is_pool_backed(const struct dp_packet *p)
{
    return p->source == DPBUF_POOL && p->base == p->pool_base;
}

/* ---- Frame access. ----------------------------------------------- */

static inline void *
dp_packet_data(const struct dp_packet *p)
{
    return p->base + p->data_ofs;
}

static inline uint32_t
dp_packet_size(const struct dp_packet *p)
{
    return p->size;
}

/* Sets the frame length to SIZE, which must fit the buffer. */
static inline void
dp_packet_set_size(struct dp_packet *p, uint32_t size)
{
    p->size = size;
}

static inline void *
dp_packet_tail(const struct dp_packet *p)
{
    return (uint8_t *) dp_packet_data(p) + p->size;
}

static inline size_t
dp_packet_headroom(const struct dp_packet *p)
{
    return p->data_ofs;
}

static inline size_t
dp_packet_tailroom(const struct dp_packet *p)
{
    return p->allocated - p->data_ofs - p->size;
}

/* Empties P and restores the default headroom (when the buffer is big
 * enough); keeps metadata. */
void dp_packet_clear(struct dp_packet *p);

/* Ensure at least N bytes of headroom / tailroom, moving the frame within
 * the buffer or into a larger malloc'd buffer if needed.  Never fail
 * (allocation failure aborts); pointers into the frame become stale. */
void dp_packet_prealloc_headroom(struct dp_packet *p, size_t n);
void dp_packet_prealloc_tailroom(struct dp_packet *p, size_t n);

/* Prepend N bytes (uninitialized / copied from DATA) before the frame;
 * return a pointer to them, the new start of the frame.  Header offsets
 * move with the frame. */
void *dp_packet_push_uninit(struct dp_packet *p, size_t n);
void *dp_packet_push(struct dp_packet *p, const void *data, size_t n);

/* Append N bytes (uninitialized / copied / zeroed) at the end of the
 * frame; return a pointer to them. */
void *dp_packet_put_uninit(struct dp_packet *p, size_t n);
void *dp_packet_put(struct dp_packet *p, const void *data, size_t n);
void *dp_packet_put_zeros(struct dp_packet *p, size_t n);

/* Removes N bytes from the front of the frame and returns a pointer to
 * them, or NULL (and removes nothing) if the frame is shorter than N.
 * Header offsets are adjusted; an offset that falls inside the removed
 * bytes is reset. */
void *dp_packet_try_pull(struct dp_packet *p, size_t n);

/* ---- Header offsets (set by flow_extract()). --------------------- */

static inline void
dp_packet_reset_offsets(struct dp_packet *p)
{
    p->l3_ofs = DP_PACKET_OFS_NONE;
    p->l4_ofs = DP_PACKET_OFS_NONE;
}

/* The Ethernet header, or NULL if the frame is shorter than one. */
static inline struct eth_header *
dp_packet_eth(const struct dp_packet *p)
{
    return p->size >= ETH_HEADER_LEN ? dp_packet_data(p) : NULL;
}

/* The L3 / L4 header, or NULL if flow extraction found none. */
static inline void *
dp_packet_l3(const struct dp_packet *p)
{
    return p->l3_ofs != DP_PACKET_OFS_NONE
           ? (uint8_t *) dp_packet_data(p) + p->l3_ofs : NULL;
}

static inline void *
dp_packet_l4(const struct dp_packet *p)
{
    return p->l4_ofs != DP_PACKET_OFS_NONE
           ? (uint8_t *) dp_packet_data(p) + p->l4_ofs : NULL;
}

/* Bytes from the L3 / L4 header to the end of the frame (including any
 * Ethernet padding), or 0 if there is no such header. */
static inline size_t
dp_packet_l3_size(const struct dp_packet *p)
{
    return p->l3_ofs != DP_PACKET_OFS_NONE && p->l3_ofs <= p->size
           ? p->size - p->l3_ofs : 0;
}

static inline size_t
dp_packet_l4_size(const struct dp_packet *p)
{
    return p->l4_ofs != DP_PACKET_OFS_NONE && p->l4_ofs <= p->size
           ? p->size - p->l4_ofs : 0;
}

/* Records HDR (a pointer into the frame, or NULL) as the L3 / L4 header. */
static inline void
dp_packet_set_l3(struct dp_packet *p, const void *hdr)
{
    p->l3_ofs = hdr ? (const uint8_t *) hdr - (uint8_t *) dp_packet_data(p)
                    : DP_PACKET_OFS_NONE;
}

static inline void
dp_packet_set_l4(struct dp_packet *p, const void *hdr)
{
    p->l4_ofs = hdr ? (const uint8_t *) hdr - (uint8_t *) dp_packet_data(p)
                    : DP_PACKET_OFS_NONE;
}

/* ---- Flow hash cache. -------------------------------------------- */

static inline void
dp_packet_set_hash(struct dp_packet *p, uint32_t hash)
{
    p->hash = hash;
    p->hash_valid = true;
}

/* Returns true and stores the cached hash in *HASH if there is one. */
static inline bool
dp_packet_get_hash(const struct dp_packet *p, uint32_t *hash)
{
    *hash = p->hash;
    return p->hash_valid;
}

/* ---- VLAN tags, in place. ---------------------------------------- */

/* Inserts a tag (TPID, e.g. htons(ETH_TYPE_VLAN_8021Q), and wire TCI;
 * callers holding a flow-key TCI clear VLAN_CFI first unless they mean
 * to send DEI) as the outermost tag, using the headroom.  Returns false
 * (and changes nothing) if the frame is shorter than an Ethernet header.
 * Invalidates the flow hash. */
bool dp_packet_push_vlan(struct dp_packet *p, ovs_be16 tpid, ovs_be16 tci);

/* Removes the outermost 802.1Q/802.1ad tag if there is one; returns true
 * if it did.  Invalidates the flow hash. */
bool dp_packet_pop_vlan(struct dp_packet *p);

/* ---- Batches. ---------------------------------------------------- */

struct dp_packet_batch {
    size_t count;
    struct dp_packet *packets[NETDEV_MAX_BURST];
};

static inline void
dp_packet_batch_init(struct dp_packet_batch *b)
{
    b->count = 0;
}

static inline size_t
dp_packet_batch_size(const struct dp_packet_batch *b)
{
    return b->count;
}

static inline bool
dp_packet_batch_is_empty(const struct dp_packet_batch *b)
{
    return !b->count;
}

static inline bool
dp_packet_batch_is_full(const struct dp_packet_batch *b)
{
    return b->count >= NETDEV_MAX_BURST;
}

/* Appends P (ownership passes to the batch's owner) and returns true, or
 * returns false if B is full (the caller keeps P). */
static inline bool
dp_packet_batch_add(struct dp_packet_batch *b, struct dp_packet *p)
{
    if (OVS_UNLIKELY(b->count >= NETDEV_MAX_BURST)) {
        return false;
    }
    b->packets[b->count++] = p;
    return true;
}

/* Iterates PACKET over B's packets; IDX is the index. */
#define DP_PACKET_BATCH_FOR_EACH(IDX, PACKET, BATCH)                \
    for (size_t IDX = 0;                                            \
         IDX < (BATCH)->count && ((PACKET) = (BATCH)->packets[IDX], 1); \
         IDX++)

/* Iterates over B's packets while emptying it, so the body can keep a
 * packet with dp_packet_batch_refill() or hand it elsewhere (e.g. drop
 * it); each packet must be kept or disposed of exactly once. */
#define DP_PACKET_BATCH_REFILL_FOR_EACH(IDX, SIZE, PACKET, BATCH)   \
    for (size_t SIZE = ((BATCH)->count), IDX = ((BATCH)->count = 0, 0); \
         IDX < SIZE && ((PACKET) = (BATCH)->packets[IDX], 1);       \
         IDX++)

static inline void
dp_packet_batch_refill(struct dp_packet_batch *b, struct dp_packet *p)
{
    b->packets[b->count++] = p;
}

/* Deletes every packet in B and empties it. */
void dp_packet_batch_delete_all(struct dp_packet_batch *b);

/* Moves up to N (at most the room left in B) packets from POOL into B;
 * returns how many it added (fewer if the pool runs out). */
size_t dp_packet_pool_alloc_batch(struct dp_packet_pool *pool,
                                  struct dp_packet_batch *b, size_t n);

#endif /* dp-packet.h */
