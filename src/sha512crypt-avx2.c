/*
 * The SHA-512-crypt round loop on 4 candidates at once: each 64-bit lane of
 * an AVX2 register carries one candidate's SHA-512 state.  The lanes must
 * share a block layout (see sha512crypt_batch()), so that every round
 * compresses the same number of blocks in all of them.
 *
 * Only the functions here are compiled for AVX2 (target attribute), so the
 * rest of the program runs on any x86-64; callers check the CPU first.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crackhash-int.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define AVX2	__attribute__((target("avx2")))

/* AVX2 has no 64-bit rotate: two shifts and an or. */
#define VROR(x, n)	_mm256_or_si256(_mm256_srli_epi64(x, n),	\
			    _mm256_slli_epi64(x, 64 - (n)))
#define VXOR3(x, y, z)	_mm256_xor_si256(_mm256_xor_si256(x, y), z)
#define VADD(x, y)	_mm256_add_epi64(x, y)
#define VBS0(x)		VXOR3(VROR(x, 28), VROR(x, 34), VROR(x, 39))
#define VBS1(x)		VXOR3(VROR(x, 14), VROR(x, 18), VROR(x, 41))
/* A rotation by 8 is a byte shuffle, one instruction instead of three. */
#define VSS0(x)		VXOR3(VROR(x, 1), _mm256_shuffle_epi8(x, ror8),	\
			    _mm256_srli_epi64(x, 7))
#define VSS1(x)		VXOR3(VROR(x, 19), VROR(x, 61),			\
			    _mm256_srli_epi64(x, 6))
#define VCH(x, y, z)	_mm256_xor_si256(z, _mm256_and_si256(x,		\
			    _mm256_xor_si256(y, z)))
#define VMAJ(x, y, z)	_mm256_or_si256(_mm256_and_si256(x, y),		\
			    _mm256_and_si256(z, _mm256_or_si256(x, y)))

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

/*
 * Compresses block blk of the four lane buffers, which lie
 * SHA512CRYPT_MSG_MAX bytes apart, into s.  A gather loads one word of all
 * four lanes; a byte shuffle makes it big-endian.
 */
AVX2 static void
sha512_compress_x4(__m256i s[8], const uint8_t *blk)
{
	const __m256i idx = _mm256_set_epi64x(3 * SHA512CRYPT_MSG_MAX,
	    2 * SHA512CRYPT_MSG_MAX, SHA512CRYPT_MSG_MAX, 0);
	const __m256i bswap = _mm256_set_epi8(
	    8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7,
	    8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
	const __m256i ror8 = _mm256_set_epi8(
	    8, 15, 14, 13, 12, 11, 10, 9, 0, 7, 6, 5, 4, 3, 2, 1,
	    8, 15, 14, 13, 12, 11, 10, 9, 0, 7, 6, 5, 4, 3, 2, 1);
	__m256i w[16], a, b, c, d, e, f, g, h, t1;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = _mm256_shuffle_epi8(_mm256_i64gather_epi64(
		    (const long long *)(blk + 8 * i), idx, 1), bswap);
	a = s[0]; b = s[1]; c = s[2]; d = s[3];
	e = s[4]; f = s[5]; g = s[6]; h = s[7];
	for (i = 0; i < 16; i += 8) {
		VR0(a, b, c, d, e, f, g, h, i + 0);
		VR0(h, a, b, c, d, e, f, g, i + 1);
		VR0(g, h, a, b, c, d, e, f, i + 2);
		VR0(f, g, h, a, b, c, d, e, i + 3);
		VR0(e, f, g, h, a, b, c, d, i + 4);
		VR0(d, e, f, g, h, a, b, c, i + 5);
		VR0(c, d, e, f, g, h, a, b, i + 6);
		VR0(b, c, d, e, f, g, h, a, i + 7);
	}
	for (; i < 80; i += 8) {
		VR1(a, b, c, d, e, f, g, h, i + 0);
		VR1(h, a, b, c, d, e, f, g, i + 1);
		VR1(g, h, a, b, c, d, e, f, i + 2);
		VR1(f, g, h, a, b, c, d, e, i + 3);
		VR1(e, f, g, h, a, b, c, d, i + 4);
		VR1(d, e, f, g, h, a, b, c, i + 5);
		VR1(c, d, e, f, g, h, a, b, i + 6);
		VR1(b, c, d, e, f, g, h, a, i + 7);
	}
	s[0] = VADD(s[0], a); s[1] = VADD(s[1], b);
	s[2] = VADD(s[2], c); s[3] = VADD(s[3], d);
	s[4] = VADD(s[4], e); s[5] = VADD(s[5], f);
	s[6] = VADD(s[6], g); s[7] = VADD(s[7], h);
}

/* see crackhash-int.h */
AVX2 void
sha512crypt_rounds_avx2(struct sha512crypt_lane *l[4], size_t sl,
    unsigned long rounds)
{
	_Alignas(32) uint8_t m[4][SHA512CRYPT_MSG_MAX];
	_Alignas(32) uint64_t out[8][4];
	const __m256i bswap = _mm256_set_epi8(
	    8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7,
	    8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
	__m256i s[8];
	unsigned long i;
	size_t b, nb;
	int k, j;

	for (i = 0; i < rounds; i++) {
		nb = sha512crypt_message(m[0], l[0], sl, i);
		for (j = 1; j < 4; j++)
			sha512crypt_message(m[j], l[j], sl, i);
		for (k = 0; k < 8; k++)
			s[k] = _mm256_set1_epi64x((long long)sha512_iv[k]);
		for (b = 0; b < nb; b++)
			sha512_compress_x4(s, m[0] + 128 * b);
		for (k = 0; k < 8; k++)
			_mm256_store_si256((__m256i *)out[k],
			    _mm256_shuffle_epi8(s[k], bswap));
		for (j = 0; j < 4; j++)
			for (k = 0; k < 8; k++)
				memcpy(l[j]->c + 8 * k, &out[k][j], 8);
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(out, sizeof(out));
}

#else

/* see crackhash-int.h; never called: crackhash_cpu_avx2() says no. */
void
sha512crypt_rounds_avx2(struct sha512crypt_lane *l[4], size_t sl,
    unsigned long rounds)
{
	abort();
}

#endif
