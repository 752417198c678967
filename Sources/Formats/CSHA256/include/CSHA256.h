// The hot loops of piece commitments: SHA-256 of 64-byte nodes (SHA-NI when the CPU has it, portable C
// otherwise, chosen once at run time) and Fr32 expansion. Everything here works on caller-owned buffers and
// never allocates.
#ifndef LOTUS_CSHA256_H
#define LOTUS_CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// For each i < pairs: out[32i..32i+32) = SHA-256(in[64i..64i+64)) with the two top bits of byte 31 cleared
/// (sha2-256-trunc254-padded). `out` may equal `in` (a tree level is reduced in place).
void lotus_sha256_trunc254_pairs(const uint8_t *in, uint8_t *out, size_t pairs);

/// The same with the portable C compression, whatever the CPU has (to test one path against the other).
void lotus_sha256_trunc254_pairs_portable(const uint8_t *in, uint8_t *out, size_t pairs);

/// Plain SHA-256 compression of `blocks` 64-byte blocks into `state` (eight words, host order), on the
/// selected path; for benchmarking against the hardware limit.
void lotus_sha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when the SHA extensions are used, 0 for the portable code.
int lotus_sha256_uses_sha_ni(void);

/// Fr32-expands `quads` 127-byte blocks of `in` into 128-byte blocks of `out` (every 254 bits followed by two
/// zero bits, little-endian). `in` and `out` must not overlap.
void lotus_fr32_pad(const uint8_t *in, uint8_t *out, size_t quads);

/// The inverse: `quads` 128-byte blocks of `in` to 127-byte blocks of `out` (the two zero bits dropped). `out` may
/// be `in` (unpadding in place): each block is read whole before its 127 bytes are stored, at or below it.
void lotus_fr32_unpad(const uint8_t *in, uint8_t *out, size_t quads);

#ifdef __cplusplus
}
#endif

#endif
