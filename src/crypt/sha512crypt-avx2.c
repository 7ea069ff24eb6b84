/*
 * The SHA-512-crypt round loop on 4 candidates at once: each 64-bit lane of
 * an AVX2 register carries one candidate's SHA-512 state.  The lanes must
 * share a block layout (see crypt-lanes.c), so that every round
 * compresses the same number of blocks in all of them.
 *
 * Only the functions here are compiled for AVX2 or AVX-512VL (target
 * attributes), so the rest of the program runs on any x86-64; callers
 * check the CPU first.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypt-prim.h"
#include "crypt-simd.h"
#include "xmalloc.h"

#ifdef CRACKHASH_X86_SIMD
#include <immintrin.h>

#define AVX2	__attribute__((target("avx2")))
#define AVX512VL	__attribute__((target("avx2,avx512f,avx512vl")))

/*
 * The compression is written once over the primitives VROR, VXOR3, VCH
 * and VMAJ (with VMAJ_STATE), and instantiated twice: with AVX2 only, where a 64-bit rotate
 * takes two shifts and an or, and with AVX-512VL, which rotates in one
 * instruction and merges three-input logic (vpternlogq), on the same
 * 256-bit registers.
 */
#define VADD(x, y)	_mm256_add_epi64(x, y)
#define VBS0(x)		VXOR3(VROR(x, 28), VROR(x, 34), VROR(x, 39))
#define VBS1(x)		VXOR3(VROR(x, 14), VROR(x, 18), VROR(x, 41))
/* A rotation by 8 is a byte shuffle, one instruction instead of three. */
#define VSS0(x)		VXOR3(VROR(x, 1), _mm256_shuffle_epi8(x, ror8),	\
			    _mm256_srli_epi64(x, 7))
#define VSS1(x)		VXOR3(VROR(x, 19), VROR(x, 61),			\
			    _mm256_srli_epi64(x, 6))
#define VR0(a, b, c, d, e, f, g, h, j) do {				\
	t1 = VADD(VADD(h, VBS1(e)), VADD(VCH(e, f, g),			\
	    VADD(_mm256_set1_epi64x((long long)sha512_k[j]),		\
	    w[(j) & 15])));						\
	d = VADD(d, t1);						\
	h = VADD(t1, VADD(VBS0(a), VMAJ(a, b, c)));			\
} while (0)

#define VR1(a, b, c, d, e, f, g, h, j) do {				\
	w[(j) & 15] = VADD(VADD(w[(j) & 15], VSS1(w[((j) - 2) & 15])),	\
	    VADD(w[((j) - 7) & 15], VSS0(w[((j) - 15) & 15])));		\
	VR0(a, b, c, d, e, f, g, h, j);					\
} while (0)

#define BSWAP_MASK	_mm256_set_epi8( \
	    8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7,	\
	    8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)

/* Compresses the message words w (clobbered) into s. */
#define SHA512_X4_BODY do {						\
	const __m256i ror8 = _mm256_set_epi8(				\
	    8, 15, 14, 13, 12, 11, 10, 9, 0, 7, 6, 5, 4, 3, 2, 1,	\
	    8, 15, 14, 13, 12, 11, 10, 9, 0, 7, 6, 5, 4, 3, 2, 1);	\
	__m256i a, b, c, d, e, f, g, h, t1;				\
	VMAJ_STATE;							\
	int i;								\
									\
	a = s[0]; b = s[1]; c = s[2]; d = s[3];				\
	e = s[4]; f = s[5]; g = s[6]; h = s[7];				\
	/* Fully unrolled so that w[] is indexed by constants. */	\
	_Pragma("GCC unroll 2")						\
	for (i = 0; i < 16; i += 8) {					\
		VR0(a, b, c, d, e, f, g, h, i + 0);			\
		VR0(h, a, b, c, d, e, f, g, i + 1);			\
		VR0(g, h, a, b, c, d, e, f, i + 2);			\
		VR0(f, g, h, a, b, c, d, e, i + 3);			\
		VR0(e, f, g, h, a, b, c, d, i + 4);			\
		VR0(d, e, f, g, h, a, b, c, i + 5);			\
		VR0(c, d, e, f, g, h, a, b, i + 6);			\
		VR0(b, c, d, e, f, g, h, a, i + 7);			\
	}								\
	_Pragma("GCC unroll 8")						\
	for (i = 16; i < 80; i += 8) {					\
		VR1(a, b, c, d, e, f, g, h, i + 0);			\
		VR1(h, a, b, c, d, e, f, g, i + 1);			\
		VR1(g, h, a, b, c, d, e, f, i + 2);			\
		VR1(f, g, h, a, b, c, d, e, i + 3);			\
		VR1(e, f, g, h, a, b, c, d, i + 4);			\
		VR1(d, e, f, g, h, a, b, c, i + 5);			\
		VR1(c, d, e, f, g, h, a, b, i + 6);			\
		VR1(b, c, d, e, f, g, h, a, i + 7);			\
	}								\
	s[0] = VADD(s[0], a); s[1] = VADD(s[1], b);			\
	s[2] = VADD(s[2], c); s[3] = VADD(s[3], d);			\
	s[4] = VADD(s[4], e); s[5] = VADD(s[5], f);			\
	s[6] = VADD(s[6], g); s[7] = VADD(s[7], h);			\
} while (0)

#define VROR(x, n)	_mm256_or_si256(_mm256_srli_epi64(x, n),	\
			    _mm256_slli_epi64(x, 64 - (n)))
#define VXOR3(x, y, z)	_mm256_xor_si256(_mm256_xor_si256(x, y), z)
#define VCH(x, y, z)	_mm256_xor_si256(z, _mm256_and_si256(x,		\
			    _mm256_xor_si256(y, z)))
/*
 * Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), where b ^ c is the a ^ b of the
 * round before: three instructions instead of four.
 */
#define VMAJ_STATE	__m256i ab, mj, bc = _mm256_xor_si256(s[1], s[2])
#define VMAJ(x, y, z)	(ab = _mm256_xor_si256(x, y),			\
			    mj = _mm256_xor_si256(y, _mm256_and_si256(ab, bc)), \
			    bc = ab, mj)

AVX2 static void
sha512_compress_avx2(__m256i s[8], __m256i w[16])
{
	SHA512_X4_BODY;
}

#undef VROR
#undef VXOR3
#undef VCH
#undef VMAJ
#undef VMAJ_STATE
#define VROR(x, n)	_mm256_ror_epi64(x, n)
#define VXOR3(x, y, z)	_mm256_ternarylogic_epi64(x, y, z, 0x96)
#define VCH(x, y, z)	_mm256_ternarylogic_epi64(x, y, z, 0xca)
#define VMAJ_STATE	do { } while (0)
#define VMAJ(x, y, z)	_mm256_ternarylogic_epi64(x, y, z, 0xe8)

AVX512VL static void
sha512_compress_avx512(__m256i s[8], __m256i w[16])
{
	SHA512_X4_BODY;
}

/*
 * Writes the four lanes of the words v[0..7] as big-endian bytes: lane j
 * to out[j] (64 bytes, unaligned).
 */
AVX2 static inline void
store_lanes_x4(const __m256i v[8], uint8_t *out[4])
{
	const __m256i bswap = BSWAP_MASK;
	__m256i t0, t1, t2, t3;
	int k;

	for (k = 0; k < 8; k += 4) {
		t0 = _mm256_unpacklo_epi64(v[k], v[k + 1]);
		t1 = _mm256_unpackhi_epi64(v[k], v[k + 1]);
		t2 = _mm256_unpacklo_epi64(v[k + 2], v[k + 3]);
		t3 = _mm256_unpackhi_epi64(v[k + 2], v[k + 3]);
		_mm256_storeu_si256((__m256i *)(out[0] + 8 * k),
		    _mm256_shuffle_epi8(_mm256_permute2x128_si256(t0, t2,
		    0x20), bswap));
		_mm256_storeu_si256((__m256i *)(out[1] + 8 * k),
		    _mm256_shuffle_epi8(_mm256_permute2x128_si256(t1, t3,
		    0x20), bswap));
		_mm256_storeu_si256((__m256i *)(out[2] + 8 * k),
		    _mm256_shuffle_epi8(_mm256_permute2x128_si256(t0, t2,
		    0x31), bswap));
		_mm256_storeu_si256((__m256i *)(out[3] + 8 * k),
		    _mm256_shuffle_epi8(_mm256_permute2x128_si256(t1, t3,
		    0x31), bswap));
	}
}

/* Loads word g of the four lane messages at m, stride bytes apart. */
#define GATHER(m, g, idx)	_mm256_shuffle_epi8(_mm256_i64gather_epi64(\
	(const long long *)((m) + 8 * (g)), idx, 1), BSWAP_MASK)

/* The round layout repeats every lcm(2, 3, 7) rounds. */
#define NPAT	42

/*
 * The 42 round messages are laid out once per group, with C left as a
 * hole, and kept both as bytes and as ready words (tv).  An even round
 * starts with C, so its first 8 words are last round's state as it is; an
 * odd round ends with C at a byte offset, so C is written into the byte
 * layout and only the words it touches are gathered again.
 */
AVX2 static void
rounds_x4(struct crypt_lane *l[4], size_t sl, unsigned long rounds,
    void (*compress)(__m256i *, __m256i *))
{
	uint8_t *bytes, *raw, *out[4];
	__m256i *tv, *tvk, c[8], s[8], w[16], idx;
	size_t nb[NPAT], lo[NPAT], hi[NPAT], off[NPAT][4];
	size_t stride, nbmax, n, b, g, j, k, size;
	unsigned long i;

	nbmax = sha512crypt_nblocks(l[0]->pl, sl, 1, 1);
	stride = nbmax * 128;
	bytes = xmalloc(NPAT * 4 * stride);
	size = NPAT * nbmax * 16 * sizeof(__m256i);
	raw = xmalloc(size + 32);
	tv = (__m256i *)(void *)(raw + (32 - (uintptr_t)raw % 32) % 32);
	idx = _mm256_set_epi64x(3 * (long long)stride, 2 * (long long)stride,
	    (long long)stride, 0);

	for (k = 0; k < NPAT; k++) {
		lo[k] = SIZE_MAX;
		hi[k] = 0;
		for (j = 0; j < 4; j++) {
			nb[k] = sha512crypt_message(bytes + (k * 4 + j) *
			    stride, l[j], sl, k);
			n = l[j]->pl + (k % 3 ? sl : 0) +
			    (k % 7 ? l[j]->pl : 0);
			off[k][j] = k & 1 ? n : 0;
			if (off[k][j] / 8 < lo[k])
				lo[k] = off[k][j] / 8;
			if ((off[k][j] + 63) / 8 > hi[k])
				hi[k] = (off[k][j] + 63) / 8;
		}
		for (g = 0; g < nb[k] * 16; g++)
			tv[k * nbmax * 16 + g] = GATHER(bytes + k * 4 * stride,
			    g, idx);
	}
	/* Round 0 is even: its template holds A where C goes. */
	for (g = 0; g < 8; g++)
		c[g] = tv[g];

	for (i = 0, k = 0; i < rounds; i++, k = k + 1 == NPAT ? 0 : k + 1) {
		tvk = tv + k * nbmax * 16;
		if (k & 1) {
			for (j = 0; j < 4; j++)
				out[j] = bytes + (k * 4 + j) * stride +
				    off[k][j];
			store_lanes_x4(c, out);
		}
		for (g = 0; g < 8; g++)
			s[g] = _mm256_set1_epi64x((long long)sha512_iv[g]);
		for (b = 0; b < nb[k]; b++) {
			for (j = 0; j < 16; j++) {
				g = b * 16 + j;
				if (!(k & 1) && g < 8)
					w[j] = c[g];
				else if ((k & 1) && g >= lo[k] && g <= hi[k])
					w[j] = GATHER(bytes + k * 4 * stride,
					    g, idx);
				else
					w[j] = tvk[g];
			}
			compress(s, w);
		}
		memcpy(c, s, sizeof(c));
	}
	for (j = 0; j < 4; j++)
		out[j] = l[j]->c;
	store_lanes_x4(c, out);

	sodium_memzero(bytes, NPAT * 4 * stride);
	sodium_memzero(raw, size + 32);
	free(bytes);
	free(raw);
}

/* see crypt-simd.h */
void
sha512crypt_rounds_x4(struct crypt_lane *l[4], size_t sl,
    unsigned long rounds, enum crypt_simd simd)
{
	rounds_x4(l, sl, rounds, simd == CRYPT_SIMD_AVX512 ?
	    sha512_compress_avx512 : sha512_compress_avx2);
}

#else

/* see crypt-simd.h; never called: crackhash.c checks the CPU first. */
void
sha512crypt_rounds_x4(struct crypt_lane *l[4], size_t sl,
    unsigned long rounds, enum crypt_simd simd)
{
	abort();
}

#endif
