#ifndef CSHA256_H
#define CSHA256_H
#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` 64-byte blocks at `data` into the SHA-256 `state` with the x86 SHA
/// extensions; returns 1 when it did, 0 (state untouched) when this CPU lacks them, so that the
/// caller compresses in Swift instead.
int csha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
