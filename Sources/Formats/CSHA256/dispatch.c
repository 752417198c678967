// Constants, the run-time choice between SHA-NI and portable code, and Fr32.
#include "sha256_internal.h"
#include <string.h>

#ifdef LOTUS_SHA256_X86
#include <cpuid.h>
void lotus_sha256_shani_init(void);
#endif

const uint32_t lotus_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const uint32_t lotus_sha256_iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

const uint8_t lotus_sha256_pad64[64] = {
    0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00,
};

/// 1 for SHA-NI, 0 for portable; decided by a constructor before any Swift code runs, so reads need no lock.
static int use_sha_ni = 0;

__attribute__((constructor)) static void lotus_sha256_select(void) {
#ifdef LOTUS_SHA256_X86
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return;
    int sse41 = (c >> 19) & 1, ssse3 = (c >> 9) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return;
    int sha = (b >> 29) & 1;
    if (sse41 && ssse3 && sha) {
        lotus_sha256_shani_init();
        use_sha_ni = 1;
    }
#endif
}

int lotus_sha256_uses_sha_ni(void) { return use_sha_ni; }

void lotus_sha256_trunc254_pairs(const uint8_t *in, uint8_t *out, size_t pairs) {
#ifdef LOTUS_SHA256_X86
    if (use_sha_ni) {
        lotus_sha256_trunc254_pairs_shani(in, out, pairs);
        return;
    }
#endif
    lotus_sha256_trunc254_pairs_portable(in, out, pairs);
}

void lotus_sha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
#ifdef LOTUS_SHA256_X86
    if (use_sha_ni) {
        lotus_sha256_compress_shani(state, data, blocks);
        return;
    }
#endif
    lotus_sha256_compress_portable(state, data, blocks);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
// Fr32 on 64-bit words: a quad is 127 unpadded bytes = 4 nodes of 254 bits, which start at unpadded bits 0, 254,
// 508 and 762 — 64-bit word 0, word 3 bit 62, word 7 bit 60, word 11 bit 58 — and are padded to 32 bytes each with
// their top two bits zero. On a little-endian machine a word's bit order is the stream's, so each padded word is one
// shift-and-or of two unpadded words (and back): about 30 operations a quad where the byte loops take 130.
static inline uint64_t fr32_load(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline void fr32_store(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static const uint64_t fr32_low62 = (UINT64_C(1) << 62) - 1;

void lotus_fr32_pad(const uint8_t *in, uint8_t *out, size_t quads) {
    for (size_t q = 0; q < quads; q++, in += 127, out += 128) {
        uint64_t w[16];
        for (int i = 0; i < 15; i++) w[i] = fr32_load(in + 8 * i);
        w[15] = 0;
        memcpy(&w[15], in + 120, 7);  // the quad's last 7 bytes: never read past its 127
        fr32_store(out, w[0]);
        fr32_store(out + 8, w[1]);
        fr32_store(out + 16, w[2]);
        fr32_store(out + 24, w[3] & fr32_low62);
        for (int i = 0; i < 3; i++) fr32_store(out + 32 + 8 * i, (w[3 + i] >> 62) | (w[4 + i] << 2));
        fr32_store(out + 56, ((w[6] >> 62) | (w[7] << 2)) & fr32_low62);
        for (int i = 0; i < 3; i++) fr32_store(out + 64 + 8 * i, (w[7 + i] >> 60) | (w[8 + i] << 4));
        fr32_store(out + 88, ((w[10] >> 60) | (w[11] << 4)) & fr32_low62);
        for (int i = 0; i < 3; i++) fr32_store(out + 96 + 8 * i, (w[11 + i] >> 58) | (w[12 + i] << 6));
        fr32_store(out + 120, ((w[14] >> 58) | (w[15] << 6)) & fr32_low62);
    }
}

void lotus_fr32_unpad(const uint8_t *in, uint8_t *out, size_t quads) {
    // The inverse: each node's top two bits are dropped and the nodes are packed at bits 0, 254, 508 and 762.
    for (size_t q = 0; q < quads; q++, in += 128, out += 127) {
        uint64_t n[16];
        for (int i = 0; i < 16; i++) n[i] = fr32_load(in + 8 * i);
        n[3] &= fr32_low62;
        n[7] &= fr32_low62;
        n[11] &= fr32_low62;
        n[15] &= fr32_low62;
        fr32_store(out, n[0]);
        fr32_store(out + 8, n[1]);
        fr32_store(out + 16, n[2]);
        fr32_store(out + 24, n[3] | (n[4] << 62));
        for (int i = 0; i < 3; i++) fr32_store(out + 32 + 8 * i, (n[4 + i] >> 2) | (n[5 + i] << 62));
        fr32_store(out + 56, (n[7] >> 2) | (n[8] << 60));
        for (int i = 0; i < 3; i++) fr32_store(out + 64 + 8 * i, (n[8 + i] >> 4) | (n[9 + i] << 60));
        fr32_store(out + 88, (n[11] >> 4) | (n[12] << 58));
        for (int i = 0; i < 3; i++) fr32_store(out + 96 + 8 * i, (n[12 + i] >> 6) | (n[13 + i] << 58));
        uint64_t last = n[15] >> 6;
        memcpy(out + 120, &last, 7);  // the quad's last 7 bytes: never write past its 127
    }
}
#else
void lotus_fr32_pad(const uint8_t *in, uint8_t *out, size_t quads) {
    for (size_t q = 0; q < quads; q++, in += 127, out += 128) {
        memcpy(out, in, 32);
        out[31] &= 0x3F;
        for (int i = 31; i < 63; i++) out[i + 1] = (uint8_t)((in[i + 1] << 2) | (in[i] >> 6));
        out[63] &= 0x3F;
        for (int i = 63; i < 95; i++) out[i + 1] = (uint8_t)((in[i + 1] << 4) | (in[i] >> 4));
        out[95] &= 0x3F;
        for (int i = 95; i < 126; i++) out[i + 1] = (uint8_t)((in[i + 1] << 6) | (in[i] >> 2));
        out[127] = (uint8_t)(in[126] >> 2);
    }
}

void lotus_fr32_unpad(const uint8_t *in, uint8_t *out, size_t quads) {
    // The inverse of lotus_fr32_pad, a byte at a time: node k (padded bytes 32k..32k+31, 254 bits) lands at unpadded
    // bit 254k (bytes 0, 31, 63, 95 at bit offsets 0, 6, 4, 2); each node's top two bits are dropped.
    // In place (out == in) too: each byte is stored at or below the bytes it is made of, after they are read.
    for (size_t q = 0; q < quads; q++, in += 128, out += 127) {
        memmove(out, in, 31);
        out[31] = (uint8_t)((in[31] & 0x3F) | (in[32] << 6));
        for (int m = 32; m < 63; m++) out[m] = (uint8_t)((in[m] >> 2) | (in[m + 1] << 6));
        out[63] = (uint8_t)(((in[63] & 0x3F) >> 2) | (in[64] << 4));
        for (int m = 64; m < 95; m++) out[m] = (uint8_t)((in[m] >> 4) | (in[m + 1] << 4));
        out[95] = (uint8_t)(((in[95] & 0x3F) >> 4) | (in[96] << 2));
        for (int m = 96; m < 126; m++) out[m] = (uint8_t)((in[m] >> 6) | (in[m + 1] << 2));
        out[126] = (uint8_t)((in[126] >> 6) | ((in[127] & 0x3F) << 2));
    }
}
#endif
