// SHA-256 with the x86 SHA extensions (SHA-NI). Nodes are hashed two at a time so that the two dependency
// chains of sha256rnds2 overlap; the second block of every node (the fixed padding of a 64-byte message) has
// its message schedule precomputed.
#include "sha256_internal.h"

#ifdef LOTUS_SHA256_X86
#include <immintrin.h>

#define SHANI __attribute__((target("sha,sse4.1,ssse3")))

/// W[t] + K[t] of the padding block, computed once (by lotus_sha256_shani_init).
static uint32_t pad_wk[64];
/// The initial hash value in the register layout of sha256rnds2 (ABEF, CDGH).
static uint32_t iv_abef[4], iv_cdgh[4];

SHANI static inline __m128i byteswap_mask(void) {
    return _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
}

/// state[0..8) in host order to (ABEF, CDGH).
SHANI static inline void to_lanes(const uint32_t state[8], __m128i *abef, __m128i *cdgh) {
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // CDAB
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // EFGH
    *abef = _mm_alignr_epi8(tmp, efgh, 8);
    *cdgh = _mm_blend_epi16(efgh, tmp, 0xF0);
}

/// (ABEF, CDGH) back to state words 0-3 and 4-7, word 0 in lane 0.
SHANI static inline void from_lanes(__m128i abef, __m128i cdgh, __m128i *low, __m128i *high) {
    __m128i tmp = _mm_shuffle_epi32(abef, 0x1B);  // FEBA
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);         // DCHG
    *low = _mm_blend_epi16(tmp, cdgh, 0xF0);      // DCBA
    *high = _mm_alignr_epi8(cdgh, tmp, 8);        // HGFE
}

#define ROUNDS4(S0, S1, WK)                           \
    do {                                              \
        __m128i m_ = (WK);                            \
        S1 = _mm_sha256rnds2_epu32(S1, S0, m_);       \
        m_ = _mm_shuffle_epi32(m_, 0x0E);             \
        S0 = _mm_sha256rnds2_epu32(S0, S1, m_);       \
    } while (0)

#define SCHEDULE(W, g)                                                                              \
    do {                                                                                            \
        __m128i n_ = _mm_sha256msg1_epu32(W[(g) & 3], W[((g) - 3) & 3]);                            \
        n_ = _mm_add_epi32(n_, _mm_alignr_epi8(W[((g) - 1) & 3], W[((g) - 2) & 3], 4));             \
        W[(g) & 3] = _mm_sha256msg2_epu32(n_, W[((g) - 1) & 3]);                                    \
    } while (0)

#define K4(g) _mm_loadu_si128((const __m128i *)&lotus_sha256_k[4 * (g)])

SHANI void lotus_sha256_compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i mask = byteswap_mask();
    __m128i s0, s1;
    to_lanes(state, &s0, &s1);
    while (blocks--) {
        __m128i save0 = s0, save1 = s1, w[4];
        for (int g = 0; g < 4; g++) {
            w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), mask);
            ROUNDS4(s0, s1, _mm_add_epi32(w[g], K4(g)));
        }
        for (int g = 4; g < 16; g++) {
            SCHEDULE(w, g);
            ROUNDS4(s0, s1, _mm_add_epi32(w[g & 3], K4(g)));
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
        data += 64;
    }
    __m128i low, high;
    from_lanes(s0, s1, &low, &high);
    _mm_storeu_si128((__m128i *)&state[0], low);
    _mm_storeu_si128((__m128i *)&state[4], high);
}

/// Writes the trunc254 digest of (abef, cdgh) to out[0..32).
SHANI static inline void store_node(__m128i abef, __m128i cdgh, uint8_t *out) {
    const __m128i mask = byteswap_mask();
    __m128i low, high;
    from_lanes(abef, cdgh, &low, &high);
    _mm_storeu_si128((__m128i *)out, _mm_shuffle_epi8(low, mask));
    _mm_storeu_si128((__m128i *)(out + 16), _mm_shuffle_epi8(high, mask));
    out[31] &= 0x3F;
}

SHANI static void two_nodes(const uint8_t *inA, const uint8_t *inB, uint8_t *outA, uint8_t *outB) {
    const __m128i mask = byteswap_mask();
    const __m128i iv0 = _mm_loadu_si128((const __m128i *)iv_abef);
    const __m128i iv1 = _mm_loadu_si128((const __m128i *)iv_cdgh);
    __m128i a0 = iv0, a1 = iv1, b0 = iv0, b1 = iv1, wa[4], wb[4];
    for (int g = 0; g < 4; g++) {
        wa[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(inA + 16 * g)), mask);
        wb[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(inB + 16 * g)), mask);
        __m128i k = K4(g);
        ROUNDS4(a0, a1, _mm_add_epi32(wa[g], k));
        ROUNDS4(b0, b1, _mm_add_epi32(wb[g], k));
    }
    for (int g = 4; g < 16; g++) {
        SCHEDULE(wa, g);
        SCHEDULE(wb, g);
        __m128i k = K4(g);
        ROUNDS4(a0, a1, _mm_add_epi32(wa[g & 3], k));
        ROUNDS4(b0, b1, _mm_add_epi32(wb[g & 3], k));
    }
    a0 = _mm_add_epi32(a0, iv0);
    a1 = _mm_add_epi32(a1, iv1);
    b0 = _mm_add_epi32(b0, iv0);
    b1 = _mm_add_epi32(b1, iv1);
    __m128i sa0 = a0, sa1 = a1, sb0 = b0, sb1 = b1;
    for (int g = 0; g < 16; g++) {
        __m128i wk = _mm_loadu_si128((const __m128i *)&pad_wk[4 * g]);
        ROUNDS4(a0, a1, wk);
        ROUNDS4(b0, b1, wk);
    }
    a0 = _mm_add_epi32(a0, sa0);
    a1 = _mm_add_epi32(a1, sa1);
    b0 = _mm_add_epi32(b0, sb0);
    b1 = _mm_add_epi32(b1, sb1);
    store_node(a0, a1, outA);
    store_node(b0, b1, outB);
}

SHANI void lotus_sha256_trunc254_pairs_shani(const uint8_t *in, uint8_t *out, size_t pairs) {
    size_t i = 0;
    // Pairs i and i+1 read in[64i, 64i+128) and write out[32i, 32i+64): never ahead of what is still unread.
    for (; i + 1 < pairs; i += 2) {
        two_nodes(in + 64 * i, in + 64 * (i + 1), out + 32 * i, out + 32 * (i + 1));
    }
    if (i < pairs) {
        uint8_t node[32];
        two_nodes(in + 64 * i, in + 64 * i, node, node);
        for (int j = 0; j < 32; j++) out[32 * i + j] = node[j];
    }
}

/// Fills the precomputed tables; called once before the SHA-NI path is chosen.
void lotus_sha256_shani_init(void) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = ((uint32_t)lotus_sha256_pad64[4 * t] << 24) | ((uint32_t)lotus_sha256_pad64[4 * t + 1] << 16)
             | ((uint32_t)lotus_sha256_pad64[4 * t + 2] << 8) | (uint32_t)lotus_sha256_pad64[4 * t + 3];
    }
    for (int t = 16; t < 64; t++) {
        uint32_t x = w[t - 15], y = w[t - 2];
        uint32_t s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
        uint32_t s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    for (int t = 0; t < 64; t++) pad_wk[t] = w[t] + lotus_sha256_k[t];
    // ABEF = (F, E, B, A) from lane 0 up; CDGH = (H, G, D, C).
    const uint32_t *v = lotus_sha256_iv;
    iv_abef[0] = v[5]; iv_abef[1] = v[4]; iv_abef[2] = v[1]; iv_abef[3] = v[0];
    iv_cdgh[0] = v[7]; iv_cdgh[1] = v[6]; iv_cdgh[2] = v[3]; iv_cdgh[3] = v[2];
}

#endif
