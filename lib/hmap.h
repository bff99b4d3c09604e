/* hmap: intrusive hash map.  Each element embeds a struct hmap_node whose
 * hash the caller computes; the map never hashes or compares keys itself,
 * so lookups are "for each node with this hash, compare".  The bucket
 * array doubles/halves as the element count grows/shrinks. */
#ifndef HMAP_H
#define HMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

struct hmap_node {
    size_t hash;                /* Hash value supplied by the caller. */
    struct hmap_node *next;     /* Next in the same bucket. */
};

struct hmap {
    struct hmap_node **buckets; /* Bucket array (one_bucket when empty). */
    struct hmap_node *one;      /* Storage for the single initial bucket. */
    size_t mask;                /* Bucket count minus one. */
    size_t n;                   /* Number of elements. */
    size_t pop_hint;            /* No bucket below this one is nonempty
                                 * (lets hmap_pop_any() drain in O(n)). */
};

#define HMAP_INITIALIZER(HMAP) \
    { (struct hmap_node **) &(HMAP)->one, NULL, 0, 0, 0 }

void hmap_init(struct hmap *);
/* Frees the bucket array only; elements are the caller's. */
void hmap_destroy(struct hmap *);
void hmap_clear(struct hmap *);
void hmap_swap(struct hmap *, struct hmap *);
void hmap_moved(struct hmap *);
void hmap_reserve(struct hmap *, size_t capacity);
void hmap_shrink(struct hmap *);

static inline size_t hmap_count(const struct hmap *h) { return h->n; }
static inline bool hmap_is_empty(const struct hmap *h) { return !h->n; }

void hmap_insert_fast(struct hmap *, struct hmap_node *, size_t hash);
void hmap_expand(struct hmap *);

/* Inserts NODE with HASH, growing the map if needed. */
static inline void
hmap_insert(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    hmap_insert_fast(hmap, node, hash);
    if (hmap->n / 2 > hmap->mask) {
        hmap_expand(hmap);
    }
}

/* Removes NODE (which must be in HMAP); never shrinks. */
static inline void
hmap_remove(struct hmap *hmap, struct hmap_node *node)
{
    struct hmap_node **bucket = &hmap->buckets[node->hash & hmap->mask];
    while (*bucket != node) {
        bucket = &(*bucket)->next;
    }
    *bucket = node->next;
    hmap->n--;
}

/* Replaces OLD with NEW (same hash) in place. */
static inline void
hmap_replace(struct hmap *hmap, const struct hmap_node *old,
             struct hmap_node *new_node)
{
    struct hmap_node **bucket = &hmap->buckets[old->hash & hmap->mask];
    while (*bucket != old) {
        bucket = &(*bucket)->next;
    }
    *bucket = new_node;
    new_node->hash = old->hash;
    new_node->next = old->next;
}

static inline struct hmap_node *
hmap_first_with_hash(const struct hmap *hmap, size_t hash)
{
    struct hmap_node *node = hmap->buckets[hash & hmap->mask];
    while (node && node->hash != hash) {
        node = node->next;
    }
    return node;
}

static inline struct hmap_node *
hmap_next_with_hash(const struct hmap_node *node)
{
    size_t hash = node->hash;
    for (node = node->next; node && node->hash != hash; node = node->next) {
        continue;
    }
    return (struct hmap_node *) node;
}

/* Iteration in bucket order.  Returns NULL at the end. */
struct hmap_node *hmap_first(const struct hmap *);
struct hmap_node *hmap_next(const struct hmap *, const struct hmap_node *);

/* Iteration macros.  NODE is a pointer variable of the element type; a
 * hidden cursor named after it does the walking, so after a loop that ran
 * to completion NODE's value is unspecified.  The _SAFE form allows
 * removing NODE inside the body. */
#define HMAP_FOR_EACH_WITH_HASH(NODE, MEMBER, HASH, HMAP)               \
    for (struct hmap_node *NODE##__c = hmap_first_with_hash(HMAP, HASH); \
         NODE##__c && (ASSIGN_CONTAINER(NODE, NODE##__c, MEMBER), 1);   \
         NODE##__c = hmap_next_with_hash(NODE##__c))

#define HMAP_FOR_EACH(NODE, MEMBER, HMAP)                               \
    for (struct hmap_node *NODE##__c = hmap_first(HMAP);                \
         NODE##__c && (ASSIGN_CONTAINER(NODE, NODE##__c, MEMBER), 1);   \
         NODE##__c = hmap_next(HMAP, NODE##__c))

#define HMAP_FOR_EACH_SAFE(NODE, MEMBER, HMAP)                          \
    for (struct hmap_node *NODE##__c = hmap_first(HMAP), *NODE##__n;    \
         NODE##__c                                                      \
         && (NODE##__n = hmap_next(HMAP, NODE##__c),                    \
             ASSIGN_CONTAINER(NODE, NODE##__c, MEMBER), 1);             \
         NODE##__c = NODE##__n)

/* Removes each node in turn; the body owns NODE. */
#define HMAP_FOR_EACH_POP(NODE, MEMBER, HMAP)                           \
    while (!hmap_is_empty(HMAP)                                         \
           && (ASSIGN_CONTAINER(NODE, hmap_pop_any(HMAP), MEMBER), 1))

struct hmap_node *hmap_pop_any(struct hmap *);

#endif /* hmap.h */
