/* hash: see hash.h. */
#include "hash.h"

uint32_t
hash_bytes(const void *p_, size_t n, uint32_t basis)
{
    const uint8_t *p = p_;
    uint32_t hash = basis;
    size_t orig_n = n;
    while (n >= 4) {
        uint32_t w;
        memcpy(&w, p, 4);
        hash = hash_add(hash, w);
        p += 4;
        n -= 4;
    }
    if (n) {
        uint32_t w = 0;
        memcpy(&w, p, n);
        hash = hash_add(hash, w);
    }
    return hash_finish(hash, orig_n);
}
