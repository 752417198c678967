// Shared by the SHA-256 implementations of this target; not part of its module interface.
#ifndef LOTUS_SHA256_INTERNAL_H
#define LOTUS_SHA256_INTERNAL_H

#include "CSHA256.h"

/// The 64 round constants.
extern const uint32_t lotus_sha256_k[64];
/// The initial hash value.
extern const uint32_t lotus_sha256_iv[8];
/// The second block of a 64-byte message: 0x80, zeros, and the bit length 512 big-endian.
extern const uint8_t lotus_sha256_pad64[64];

void lotus_sha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

#if defined(__x86_64__) || defined(__i386__)
#define LOTUS_SHA256_X86 1
void lotus_sha256_compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks);
void lotus_sha256_trunc254_pairs_shani(const uint8_t *in, uint8_t *out, size_t pairs);
#endif

#endif
