/*
 * The MD5-crypt round loop on 8 candidates at once, one per 32-bit lane of
 * an AVX2 register.  MD5 is so cheap that laying out the round messages
 * would cost as much as hashing them, so they are laid out once per group.
 * Compiled for AVX2 or AVX-512VL function by function; callers check the
 * CPU first.
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
 * One MD5 compression of the words w into s, written over the primitives
 * VROL, VF, VG, VH and VI and instantiated for AVX2 and for AVX-512VL
 * (one-instruction rotates and three-input logic).  Fully unrolled, the
 * step tables fold into constants.
 */
#define MD5_X8_BODY do {						\
	__m256i a, b, c, d, f, t;					\
	int i;								\
									\
	a = s[0]; b = s[1]; c = s[2]; d = s[3];				\
	_Pragma("GCC unroll 64")					\
	for (i = 0; i < 64; i++) {					\
		if (i < 16)						\
			f = VF(b, c, d);				\
		else if (i < 32)					\
			f = VG(b, c, d);				\
		else if (i < 48)					\
			f = VH(b, c, d);				\
		else							\
			f = VI(b, c, d);				\
		t = _mm256_add_epi32(_mm256_add_epi32(a, f),		\
		    _mm256_add_epi32(_mm256_set1_epi32((int)md5_k[i]),	\
		    w[md5_word[i]]));					\
		a = d;							\
		d = c;							\
		c = b;							\
		b = _mm256_add_epi32(b, VROL(t, md5_rot[i]));		\
	}								\
	s[0] = _mm256_add_epi32(s[0], a);				\
	s[1] = _mm256_add_epi32(s[1], b);				\
	s[2] = _mm256_add_epi32(s[2], c);				\
	s[3] = _mm256_add_epi32(s[3], d);				\
} while (0)

#define VROL(x, n)	_mm256_or_si256(_mm256_slli_epi32(x, n),	\
			    _mm256_srli_epi32(x, 32 - (n)))
#define VF(x, y, z)	_mm256_xor_si256(z, _mm256_and_si256(x,		\
			    _mm256_xor_si256(y, z)))
#define VG(x, y, z)	_mm256_xor_si256(y, _mm256_and_si256(z,		\
			    _mm256_xor_si256(x, y)))
#define VH(x, y, z)	_mm256_xor_si256(_mm256_xor_si256(x, y), z)
#define VI(x, y, z)	_mm256_xor_si256(y, _mm256_or_si256(x,		\
			    _mm256_xor_si256(z, _mm256_set1_epi32(-1))))

AVX2 static void
md5_compress_avx2(__m256i s[4], const __m256i w[16])
{
	MD5_X8_BODY;
}

#undef VROL
#undef VF
#undef VG
#undef VH
#undef VI
#define VROL(x, n)	_mm256_rolv_epi32(x, _mm256_set1_epi32(n))
#define VF(x, y, z)	_mm256_ternarylogic_epi32(x, y, z, 0xca)
#define VG(x, y, z)	_mm256_ternarylogic_epi32(z, x, y, 0xca)
#define VH(x, y, z)	_mm256_ternarylogic_epi32(x, y, z, 0x96)
#define VI(x, y, z)	_mm256_ternarylogic_epi32(x, y, z, 0x39)

AVX512VL static void
md5_compress_avx512(__m256i s[4], const __m256i w[16])
{
	MD5_X8_BODY;
}

/* Writes lane j of the words v[0..3] to out[j] (16 bytes, unaligned). */
AVX2 static inline void
store_lanes_x8(const __m256i v[4], uint8_t *out[8])
{
	__m256i t0, t1, t2, t3, u[4];
	int k;

	t0 = _mm256_unpacklo_epi32(v[0], v[1]);
	t1 = _mm256_unpackhi_epi32(v[0], v[1]);
	t2 = _mm256_unpacklo_epi32(v[2], v[3]);
	t3 = _mm256_unpackhi_epi32(v[2], v[3]);
	u[0] = _mm256_unpacklo_epi64(t0, t2);
	u[1] = _mm256_unpackhi_epi64(t0, t2);
	u[2] = _mm256_unpacklo_epi64(t1, t3);
	u[3] = _mm256_unpackhi_epi64(t1, t3);
	for (k = 0; k < 4; k++) {
		_mm_storeu_si128((__m128i *)out[k],
		    _mm256_castsi256_si128(u[k]));
		_mm_storeu_si128((__m128i *)out[k + 4],
		    _mm256_extracti128_si256(u[k], 1));
	}
}

/* Loads word g of the eight lane messages at m, stride bytes apart. */
#define GATHER(m, g, idx)	_mm256_i32gather_epi32(			\
	(const int *)(const void *)((m) + 4 * (g)), idx, 1)

/* The round layout repeats every lcm(2, 3, 7) rounds. */
#define NPAT	42

/*
 * As in sha512crypt-avx2.c: the 42 round messages are laid out once, an
 * even round takes its first 4 words from the last state (MD5 words are
 * little-endian, as the state is kept), an odd round writes C into the
 * byte layout and gathers only the words C touches.
 */
AVX2 static void
rounds_x8(struct crypt_lane *l[8], size_t sl, unsigned long rounds,
    void (*compress)(__m256i *, const __m256i *))
{
	uint8_t *bytes, *raw, *out[8];
	__m256i *tv, *tvk, c[4], s[4], w[16], idx;
	size_t nb[NPAT], lo[NPAT], hi[NPAT], off[NPAT][8];
	size_t stride, nbmax, n, b, g, j, k, size;
	unsigned long i;

	nbmax = md5crypt_nblocks(l[0]->pl, sl, 1, 1);
	stride = nbmax * 64;
	bytes = xmalloc(NPAT * 8 * stride);
	size = NPAT * nbmax * 16 * sizeof(__m256i);
	raw = xmalloc(size + 32);
	tv = (__m256i *)(void *)(raw + (32 - (uintptr_t)raw % 32) % 32);
	idx = _mm256_setr_epi32(0, (int)stride, 2 * (int)stride,
	    3 * (int)stride, 4 * (int)stride, 5 * (int)stride,
	    6 * (int)stride, 7 * (int)stride);

	for (k = 0; k < NPAT; k++) {
		lo[k] = SIZE_MAX;
		hi[k] = 0;
		for (j = 0; j < 8; j++) {
			nb[k] = md5crypt_message(bytes + (k * 8 + j) * stride,
			    l[j], sl, k);
			n = l[j]->pl + (k % 3 ? sl : 0) +
			    (k % 7 ? l[j]->pl : 0);
			off[k][j] = k & 1 ? n : 0;
			if (off[k][j] / 4 < lo[k])
				lo[k] = off[k][j] / 4;
			if ((off[k][j] + 15) / 4 > hi[k])
				hi[k] = (off[k][j] + 15) / 4;
		}
		for (g = 0; g < nb[k] * 16; g++)
			tv[k * nbmax * 16 + g] = GATHER(bytes + k * 8 * stride,
			    g, idx);
	}
	/* Round 0 is even: its template holds A where C goes. */
	for (g = 0; g < 4; g++)
		c[g] = tv[g];

	for (i = 0, k = 0; i < rounds; i++, k = k + 1 == NPAT ? 0 : k + 1) {
		tvk = tv + k * nbmax * 16;
		if (k & 1) {
			for (j = 0; j < 8; j++)
				out[j] = bytes + (k * 8 + j) * stride +
				    off[k][j];
			store_lanes_x8(c, out);
		}
		for (g = 0; g < 4; g++)
			s[g] = _mm256_set1_epi32((int)md5_iv[g]);
		for (b = 0; b < nb[k]; b++) {
			for (j = 0; j < 16; j++) {
				g = b * 16 + j;
				if (!(k & 1) && g < 4)
					w[j] = c[g];
				else if ((k & 1) && g >= lo[k] && g <= hi[k])
					w[j] = GATHER(bytes + k * 8 * stride,
					    g, idx);
				else
					w[j] = tvk[g];
			}
			compress(s, w);
		}
		memcpy(c, s, sizeof(c));
	}
	for (j = 0; j < 8; j++)
		out[j] = l[j]->c;
	store_lanes_x8(c, out);

	sodium_memzero(bytes, NPAT * 8 * stride);
	sodium_memzero(raw, size + 32);
	free(bytes);
	free(raw);
}

/* see crypt-simd.h */
void
md5crypt_rounds_x8(struct crypt_lane *l[8], size_t sl,
    unsigned long rounds, enum crypt_simd simd)
{
	rounds_x8(l, sl, rounds, simd == CRYPT_SIMD_AVX512 ?
	    md5_compress_avx512 : md5_compress_avx2);
}

#else

/* see crypt-simd.h; never called: crackhash.c checks the CPU first. */
void
md5crypt_rounds_x8(struct crypt_lane *l[8], size_t sl,
    unsigned long rounds, enum crypt_simd simd)
{
	abort();
}

#endif
