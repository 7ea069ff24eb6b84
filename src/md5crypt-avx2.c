/*
 * The MD5-crypt round loop on 8 candidates at once, one per 32-bit lane of
 * an AVX2 register.  MD5 is small enough that laying out the messages costs
 * as much as hashing them; 8 lanes spread that cost too.  Compiled for
 * AVX2 function by function; callers check the CPU first.
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

/*
 * Compresses block blk of the eight lane buffers, MD5CRYPT_MSG_MAX bytes
 * apart, into s; a gather loads one little-endian word of every lane.
 */
AVX2 static void
md5_compress_x8(__m256i s[4], const uint8_t *blk)
{
	const __m256i idx = _mm256_setr_epi32(0, MD5CRYPT_MSG_MAX,
	    2 * MD5CRYPT_MSG_MAX, 3 * MD5CRYPT_MSG_MAX, 4 * MD5CRYPT_MSG_MAX,
	    5 * MD5CRYPT_MSG_MAX, 6 * MD5CRYPT_MSG_MAX, 7 * MD5CRYPT_MSG_MAX);
	const __m256i ones = _mm256_set1_epi32(-1);
	__m256i w[16], a, b, c, d, f, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = _mm256_i32gather_epi32((const int *)(blk + 4 * i), idx,
		    1);
	a = s[0]; b = s[1]; c = s[2]; d = s[3];
#pragma GCC unroll 64
	for (i = 0; i < 64; i++) {
		if (i < 16)
			f = _mm256_xor_si256(d, _mm256_and_si256(b,
			    _mm256_xor_si256(c, d)));
		else if (i < 32)
			f = _mm256_xor_si256(c, _mm256_and_si256(d,
			    _mm256_xor_si256(b, c)));
		else if (i < 48)
			f = _mm256_xor_si256(_mm256_xor_si256(b, c), d);
		else
			f = _mm256_xor_si256(c, _mm256_or_si256(b,
			    _mm256_xor_si256(d, ones)));
		t = _mm256_add_epi32(_mm256_add_epi32(a, f), _mm256_add_epi32(
		    _mm256_set1_epi32((int)md5_k[i]), w[md5_word[i]]));
		a = d;
		d = c;
		c = b;
		b = _mm256_add_epi32(b, _mm256_or_si256(
		    _mm256_slli_epi32(t, md5_rot[i]),
		    _mm256_srli_epi32(t, 32 - md5_rot[i])));
	}
	s[0] = _mm256_add_epi32(s[0], a);
	s[1] = _mm256_add_epi32(s[1], b);
	s[2] = _mm256_add_epi32(s[2], c);
	s[3] = _mm256_add_epi32(s[3], d);
}

/* see crackhash-int.h */
AVX2 void
md5crypt_rounds_avx2(struct md5crypt_lane *l[8], size_t sl)
{
	_Alignas(32) uint8_t m[8][MD5CRYPT_MSG_MAX];
	_Alignas(32) uint32_t out[4][8];
	__m256i s[4];
	unsigned long i;
	size_t b, nb;
	int k, j;

	for (i = 0; i < 1000; i++) {
		nb = md5crypt_message(m[0], l[0], sl, i);
		for (j = 1; j < 8; j++)
			md5crypt_message(m[j], l[j], sl, i);
		for (k = 0; k < 4; k++)
			s[k] = _mm256_set1_epi32((int)md5_iv[k]);
		for (b = 0; b < nb; b++)
			md5_compress_x8(s, m[0] + 64 * b);
		for (k = 0; k < 4; k++)
			_mm256_store_si256((__m256i *)out[k], s[k]);
		for (j = 0; j < 8; j++)
			for (k = 0; k < 4; k++)
				memcpy(l[j]->c + 4 * k, &out[k][j], 4);
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(out, sizeof(out));
}

#else

/* see crackhash-int.h; never called: crackhash_cpu_avx2() says no. */
void
md5crypt_rounds_avx2(struct md5crypt_lane *l[8], size_t sl)
{
	abort();
}

#endif
