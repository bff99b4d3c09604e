/* hmap: see hmap.h. */
#include "hmap.h"

#include <stdlib.h>
#include <string.h>

void
hmap_init(struct hmap *hmap)
{
    hmap->buckets = &hmap->one;
    hmap->one = NULL;
    hmap->mask = 0;
    hmap->n = 0;
    hmap->pop_hint = 0;
}

void
hmap_destroy(struct hmap *hmap)
{
    if (hmap && hmap->buckets != &hmap->one) {
        free(hmap->buckets);
    }
}

void
hmap_clear(struct hmap *hmap)
{
    if (hmap->n > 0) {
        hmap->n = 0;
        memset(hmap->buckets, 0, (hmap->mask + 1) * sizeof *hmap->buckets);
    }
}

void
hmap_swap(struct hmap *a, struct hmap *b)
{
    struct hmap tmp = *a;
    *a = *b;
    *b = tmp;
    hmap_moved(a);
    hmap_moved(b);
}

/* Fixes up HMAP after its struct was moved in memory. */
void
hmap_moved(struct hmap *hmap)
{
    if (!hmap->mask) {
        hmap->buckets = &hmap->one;
    }
}

static void
resize(struct hmap *hmap, size_t new_mask)
{
    struct hmap tmp;
    tmp.mask = new_mask;
    tmp.n = hmap->n;
    tmp.pop_hint = 0;
    if (new_mask) {
        tmp.buckets = xcalloc(new_mask + 1, sizeof *tmp.buckets);
    } else {
        tmp.buckets = &tmp.one;
        tmp.one = NULL;
    }
    for (size_t i = 0; i <= hmap->mask; i++) {
        struct hmap_node *node, *next;
        for (node = hmap->buckets[i]; node; node = next) {
            next = node->next;
            struct hmap_node **b = &tmp.buckets[node->hash & new_mask];
            node->next = *b;
            *b = node;
        }
    }
    hmap_destroy(hmap);
    *hmap = tmp;
    hmap_moved(hmap);
}

static size_t
calc_mask(size_t capacity)
{
    size_t mask = capacity / 2;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 31 >> 1;
    if (mask > 1 && mask < 3) {
        mask = 3;
    }
    return mask;
}

void
hmap_expand(struct hmap *hmap)
{
    size_t new_mask = calc_mask(hmap->n);
    if (new_mask > hmap->mask) {
        resize(hmap, new_mask);
    }
}

void
hmap_shrink(struct hmap *hmap)
{
    size_t new_mask = calc_mask(hmap->n);
    if (new_mask < hmap->mask) {
        resize(hmap, new_mask);
    }
}

void
hmap_reserve(struct hmap *hmap, size_t n)
{
    size_t new_mask = calc_mask(n);
    if (new_mask > hmap->mask) {
        resize(hmap, new_mask);
    }
}

void
hmap_insert_fast(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    size_t idx = hash & hmap->mask;
    struct hmap_node **bucket = &hmap->buckets[idx];
    if (idx < hmap->pop_hint) {
        hmap->pop_hint = idx;
    }
    node->hash = hash;
    node->next = *bucket;
    *bucket = node;
    hmap->n++;
}

static struct hmap_node *
first_from(const struct hmap *hmap, size_t start)
{
    for (size_t i = start; i <= hmap->mask; i++) {
        if (hmap->buckets[i]) {
            return hmap->buckets[i];
        }
    }
    return NULL;
}

struct hmap_node *
hmap_first(const struct hmap *hmap)
{
    return first_from(hmap, 0);
}

struct hmap_node *
hmap_next(const struct hmap *hmap, const struct hmap_node *node)
{
    return node->next ? node->next
                      : first_from(hmap, (node->hash & hmap->mask) + 1);
}

struct hmap_node *
hmap_pop_any(struct hmap *hmap)
{
    for (size_t i = hmap->pop_hint; i <= hmap->mask; i++) {
        struct hmap_node *node = hmap->buckets[i];
        if (node) {
            hmap->buckets[i] = node->next;
            hmap->n--;
            hmap->pop_hint = i;
            return node;
        }
    }
    hmap->pop_hint = 0;
    return NULL;
}
