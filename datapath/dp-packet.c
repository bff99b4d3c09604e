/* dp-packet: packet buffers, pools and batches (see dp-packet.h for the
 * buffer layout and the ownership rules).  A pool is one cache-aligned
 * slab of fixed-size elements, each a struct dp_packet followed by its
 * buffer, with a LIFO stack of free elements so recently used (cache-warm)
 * buffers are reused first. */
#include "dp-packet.h"
#include <errno.h>
#include <stdlib.h>
#include "util.h"

#define CACHE_LINE 64

struct dp_packet_pool {
    uint8_t *slab;              /* n_packets elements of 'stride' bytes. */
    size_t stride;
    size_t n_packets;
    size_t buf_size;            /* Frame capacity after the headroom. */
    size_t n_free;
    struct dp_packet **free;    /* Stack of free packets. */
};

static void
dp_packet_init__(struct dp_packet *p, uint8_t *base, size_t allocated,
                 size_t headroom, enum dp_packet_source source)
{
    p->base = base;
    p->allocated = allocated;
    p->size = 0;
    p->data_ofs = MIN(headroom, allocated);
    p->source = source;
    p->hash_valid = false;
    p->hash = 0;
    p->pool = NULL;
    p->pool_base = NULL;
    dp_packet_reset_offsets(p);
    memset(&p->md, 0, sizeof p->md);
}

struct dp_packet *
dp_packet_new_with_headroom(size_t capacity, size_t headroom)
{
    struct dp_packet *p = xmalloc(sizeof *p);
    size_t allocated = headroom + capacity;

    if (headroom > UINT16_MAX) {
        ovs_abort_at(__FILE__, "packet headroom %zu too large", headroom);
    }
    dp_packet_init__(p, xmalloc(allocated ? allocated : 1), allocated,
                     headroom, DPBUF_MALLOC);
    return p;
}

struct dp_packet *
dp_packet_new(size_t capacity)
{
    return dp_packet_new_with_headroom(capacity, DP_PACKET_HEADROOM);
}

struct dp_packet *
dp_packet_clone_data(const void *data, size_t n)
{
    struct dp_packet *p = dp_packet_new(n);
    dp_packet_put(p, data, n);
    return p;
}

struct dp_packet *
dp_packet_clone(const struct dp_packet *src)
{
    size_t headroom = MAX(dp_packet_headroom(src), DP_PACKET_HEADROOM);
    struct dp_packet *p = dp_packet_new_with_headroom(src->size, headroom);

    dp_packet_put(p, dp_packet_data(src), src->size);
    p->l3_ofs = src->l3_ofs;
    p->l4_ofs = src->l4_ofs;
    p->hash_valid = src->hash_valid;
    p->hash = src->hash;
    p->md = src->md;
    return p;
}

void
dp_packet_init(struct dp_packet *p, size_t capacity)
{
    size_t allocated = DP_PACKET_HEADROOM + capacity;
    dp_packet_init__(p, xmalloc(allocated), allocated, DP_PACKET_HEADROOM,
                     DPBUF_MALLOC);
}

void
dp_packet_use_stub(struct dp_packet *p, void *base, size_t allocated)
{
    dp_packet_init__(p, base, allocated, DP_PACKET_HEADROOM, DPBUF_STUB);
}

void
dp_packet_use_const(struct dp_packet *p, const void *data, size_t n)
{
    /* The cast is safe: every writer calls dp_packet_make_writable__()
     * first, which copies a DPBUF_CONST frame out. */
    dp_packet_init__(p, (uint8_t *) data, n, 0, DPBUF_CONST);
    p->size = n;
}

void
dp_packet_uninit(struct dp_packet *p)
{
    if (p && p->source == DPBUF_MALLOC) {
        free(p->base);
        p->base = NULL;
    }
}

void
dp_packet_delete(struct dp_packet *p)
{
    if (!p) {
        return;
    }
    switch ((enum dp_packet_source) p->source) {
    case DPBUF_POOL: {
        struct dp_packet_pool *pool = p->pool;
        if (OVS_UNLIKELY(p->base != p->pool_base)) {
            /* The packet outgrew its pool buffer. */
            free(p->base);
            p->base = p->pool_base;
        }
        pool->free[pool->n_free++] = p;
        return;
    }
    case DPBUF_MALLOC:
        free(p->base);
        free(p);
        return;
    case DPBUF_STUB:
    case DPBUF_CONST:
        /* Caller-embedded: dp_packet_uninit() is the right call. */
        break;
    }
    OVS_NOT_REACHED();
}

/* Moves the frame into a new malloc'd buffer with HEADROOM and TAILROOM
 * bytes around it. */
static void
dp_packet_resize(struct dp_packet *p, size_t headroom, size_t tailroom)
{
    size_t allocated = headroom + p->size + tailroom;

    if (headroom > UINT16_MAX) {
        /* 'data_ofs' is 16 bits: no caller needs a 64 kB encapsulation. */
        ovs_abort_at(__FILE__, "packet headroom %zu too large", headroom);
    }
    uint8_t *base = xmalloc(allocated ? allocated : 1);

    memcpy(base + headroom, dp_packet_data(p), p->size);
    switch ((enum dp_packet_source) p->source) {
    case DPBUF_MALLOC:
        free(p->base);
        break;
    case DPBUF_POOL:
        if (p->base != p->pool_base) {
            free(p->base);
        }
        break;
    case DPBUF_STUB:
    case DPBUF_CONST:
        p->source = DPBUF_MALLOC;
        break;
    }
    p->base = base;
    p->allocated = allocated;
    p->data_ofs = headroom;
}

void
dp_packet_prealloc_headroom(struct dp_packet *p, size_t n)
{
    if (OVS_LIKELY(dp_packet_headroom(p) >= n)) {
        return;
    }
    if (p->source != DPBUF_CONST && p->allocated - p->size >= n) {
        /* Enough room overall: slide the frame toward the tail, sharing
         * the slack between headroom and tailroom. */
        size_t new_ofs = n + (p->allocated - p->size - n) / 2;
        if (new_ofs <= UINT16_MAX) {
            memmove(p->base + new_ofs, dp_packet_data(p), p->size);
            p->data_ofs = new_ofs;
            return;
        }
    }
    dp_packet_resize(p, MAX(n, (size_t) DP_PACKET_HEADROOM),
                     dp_packet_tailroom(p));
}

void
dp_packet_prealloc_tailroom(struct dp_packet *p, size_t n)
{
    if (OVS_LIKELY(dp_packet_tailroom(p) >= n)) {
        return;
    }
    dp_packet_resize(p, MAX(dp_packet_headroom(p),
                            (size_t) DP_PACKET_HEADROOM),
                     MAX(n, (size_t) 64));
}

/* Packets made by dp_packet_use_const() may view read-only memory: a
 * writer copies the frame out first. */
static void
dp_packet_make_writable__(struct dp_packet *p)
{
    if (OVS_UNLIKELY(p->source == DPBUF_CONST)) {
        dp_packet_resize(p, DP_PACKET_HEADROOM, 64);
    }
}

void
dp_packet_clear(struct dp_packet *p)
{
    p->size = 0;
    p->data_ofs = MIN((size_t) DP_PACKET_HEADROOM, (size_t) p->allocated);
    p->hash_valid = false;
    dp_packet_reset_offsets(p);
}

static void
dp_packet_shift_offsets(struct dp_packet *p, int delta)
{
    if (p->l3_ofs != DP_PACKET_OFS_NONE) {
        p->l3_ofs += delta;
    }
    if (p->l4_ofs != DP_PACKET_OFS_NONE) {
        p->l4_ofs += delta;
    }
}

void *
dp_packet_push_uninit(struct dp_packet *p, size_t n)
{
    dp_packet_make_writable__(p);
    dp_packet_prealloc_headroom(p, n);
    p->data_ofs -= n;
    p->size += n;
    dp_packet_shift_offsets(p, n);
    return dp_packet_data(p);
}

void *
dp_packet_push(struct dp_packet *p, const void *data, size_t n)
{
    void *dst = dp_packet_push_uninit(p, n);
    memcpy(dst, data, n);
    return dst;
}

void *
dp_packet_put_uninit(struct dp_packet *p, size_t n)
{
    dp_packet_make_writable__(p);
    dp_packet_prealloc_tailroom(p, n);
    void *dst = dp_packet_tail(p);
    p->size += n;
    return dst;
}

void *
dp_packet_put(struct dp_packet *p, const void *data, size_t n)
{
    void *dst = dp_packet_put_uninit(p, n);
    if (n) {
        memcpy(dst, data, n);
    }
    return dst;
}

void *
dp_packet_put_zeros(struct dp_packet *p, size_t n)
{
    void *dst = dp_packet_put_uninit(p, n);
    memset(dst, 0, n);
    return dst;
}

void *
dp_packet_try_pull(struct dp_packet *p, size_t n)
{
    if (n > p->size) {
        return NULL;
    }
    void *old = dp_packet_data(p);
    p->data_ofs += n;
    p->size -= n;
    if (p->l3_ofs != DP_PACKET_OFS_NONE) {
        p->l3_ofs = p->l3_ofs >= n ? p->l3_ofs - n : DP_PACKET_OFS_NONE;
    }
    if (p->l4_ofs != DP_PACKET_OFS_NONE) {
        p->l4_ofs = p->l4_ofs >= n ? p->l4_ofs - n : DP_PACKET_OFS_NONE;
    }
    return old;
}

bool
dp_packet_push_vlan(struct dp_packet *p, ovs_be16 tpid, ovs_be16 tci)
{
    if (p->size < ETH_HEADER_LEN) {
        return false;
    }
    uint8_t *data = dp_packet_push_uninit(p, VLAN_HEADER_LEN);
    /* Slide the two MAC addresses down into the new room. */
    memmove(data, data + VLAN_HEADER_LEN, 2 * ETH_ADDR_LEN);
    memcpy(data + 2 * ETH_ADDR_LEN, &tpid, sizeof tpid);
    memcpy(data + 2 * ETH_ADDR_LEN + 2, &tci, sizeof tci);
    p->hash_valid = false;
    return true;
}

bool
dp_packet_pop_vlan(struct dp_packet *p)
{
    if (p->size < VLAN_ETH_HEADER_LEN) {
        return false;
    }
    const struct eth_header *eth = dp_packet_data(p);
    if (!eth_type_vlan(eth->eth_type)) {
        return false;
    }
    dp_packet_make_writable__(p);
    uint8_t *data = dp_packet_data(p);
    memmove(data + VLAN_HEADER_LEN, data, 2 * ETH_ADDR_LEN);
    dp_packet_try_pull(p, VLAN_HEADER_LEN);
    p->hash_valid = false;
    return true;
}

/* ---- Pools. ------------------------------------------------------ */

struct dp_packet_pool *
dp_packet_pool_create(size_t n_packets, size_t buf_size)
{
    struct dp_packet_pool *pool = xzalloc(sizeof *pool);
    size_t hdr = ROUND_UP(sizeof(struct dp_packet), CACHE_LINE);
    size_t buf = ROUND_UP(DP_PACKET_HEADROOM + buf_size, CACHE_LINE);
    void *slab;

    pool->stride = hdr + buf;
    pool->n_packets = n_packets;
    pool->buf_size = buf - DP_PACKET_HEADROOM;
    if (posix_memalign(&slab, CACHE_LINE,
                       n_packets ? n_packets * pool->stride : CACHE_LINE)) {
        ovs_fatal(ENOMEM, "cannot allocate packet pool of %zu packets",
                  n_packets);
    }
    pool->slab = slab;
    pool->free = xcalloc(n_packets ? n_packets : 1, sizeof *pool->free);
    /* Push in reverse so the first allocations come from the slab's
     * start. */
    for (size_t i = n_packets; i-- > 0;) {
        struct dp_packet *p = (struct dp_packet *)
                              (pool->slab + i * pool->stride);
        uint8_t *base = (uint8_t *) p + hdr;
        dp_packet_init__(p, base, buf, DP_PACKET_HEADROOM, DPBUF_POOL);
        p->pool = pool;
        p->pool_base = base;
        pool->free[pool->n_free++] = p;
    }
    return pool;
}

void
dp_packet_pool_destroy(struct dp_packet_pool *pool)
{
    if (!pool) {
        return;
    }
    if (pool->n_free != pool->n_packets) {
        ovs_abort_at(__FILE__, "packet pool destroyed with %zu of %zu "
                     "packets outstanding",
                     pool->n_packets - pool->n_free, pool->n_packets);
    }
    free(pool->free);
    free(pool->slab);
    free(pool);
}

struct dp_packet *
dp_packet_pool_alloc(struct dp_packet_pool *pool)
{
    if (OVS_UNLIKELY(!pool->n_free)) {
        return NULL;
    }
    struct dp_packet *p = pool->free[--pool->n_free];
    p->size = 0;
    p->data_ofs = DP_PACKET_HEADROOM;
    p->hash_valid = false;
    dp_packet_reset_offsets(p);
    pkt_metadata_init(&p->md, 0);
    return p;
}

size_t
dp_packet_pool_alloc_batch(struct dp_packet_pool *pool,
                           struct dp_packet_batch *b, size_t n)
{
    size_t room = NETDEV_MAX_BURST - b->count;
    size_t added = 0;

    n = MIN(n, room);
    while (added < n) {
        struct dp_packet *p = dp_packet_pool_alloc(pool);
        if (!p) {
            break;
        }
        b->packets[b->count++] = p;
        added++;
    }
    return added;
}

struct dp_packet *
dp_packet_pool_clone(struct dp_packet_pool *pool,
                     const struct dp_packet *src)
{
    if (src->size > pool->buf_size) {
        return NULL;
    }
    struct dp_packet *p = dp_packet_pool_alloc(pool);
    if (!p) {
        return NULL;
    }
    memcpy(dp_packet_data(p), dp_packet_data(src), src->size);
    p->size = src->size;
    p->l3_ofs = src->l3_ofs;
    p->l4_ofs = src->l4_ofs;
    p->hash_valid = src->hash_valid;
    p->hash = src->hash;
    p->md = src->md;
    return p;
}

size_t
dp_packet_pool_n_free(const struct dp_packet_pool *pool)
{
    return pool->n_free;
}

size_t
dp_packet_pool_n_packets(const struct dp_packet_pool *pool)
{
    return pool->n_packets;
}

size_t
dp_packet_pool_buf_size(const struct dp_packet_pool *pool)
{
    return pool->buf_size;
}

void
dp_packet_batch_delete_all(struct dp_packet_batch *b)
{
    for (size_t i = 0; i < b->count; i++) {
        dp_packet_delete(b->packets[i]);
    }
    b->count = 0;
}
