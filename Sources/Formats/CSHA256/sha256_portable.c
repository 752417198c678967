// Portable SHA-256 compression (FIPS 180-4), used when the CPU has no SHA extensions.
#include "sha256_internal.h"

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

void lotus_sha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    while (blocks--) {
        uint32_t w[64];
        for (int t = 0; t < 16; t++) {
            w[t] = ((uint32_t)data[4 * t] << 24) | ((uint32_t)data[4 * t + 1] << 16)
                 | ((uint32_t)data[4 * t + 2] << 8) | (uint32_t)data[4 * t + 3];
        }
        for (int t = 16; t < 64; t++) {
            uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + lotus_sha256_k[t] + w[t];
            uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
        data += 64;
    }
}

void lotus_sha256_trunc254_pairs_portable(const uint8_t *in, uint8_t *out, size_t pairs) {
    for (size_t i = 0; i < pairs; i++) {
        uint32_t state[8];
        for (int j = 0; j < 8; j++) state[j] = lotus_sha256_iv[j];
        lotus_sha256_compress_portable(state, in + 64 * i, 1);
        lotus_sha256_compress_portable(state, lotus_sha256_pad64, 1);
        uint8_t *node = out + 32 * i;
        for (int j = 0; j < 8; j++) {
            node[4 * j] = (uint8_t)(state[j] >> 24);
            node[4 * j + 1] = (uint8_t)(state[j] >> 16);
            node[4 * j + 2] = (uint8_t)(state[j] >> 8);
            node[4 * j + 3] = (uint8_t)state[j];
        }
        node[31] &= 0x3F;
    }
}
