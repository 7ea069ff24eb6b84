/*
 * MD5-crypt ($1$, Poul-Henning Kamp's FreeBSD scheme): the per-candidate
 * setup, a one-lane round loop for leftover lanes, and the operations the
 * lane scheduler drives, over crypt-prim.h and the 8-lane SIMD loop.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "crypt-prim.h"
#include "crypt-scheme.h"
#include "crypt-simd.h"

/* Fills l: A, then the password and the salt as P and S. */
static void
md5crypt_setup(struct crypt_lane *l, const uint8_t *pw, size_t pl,
    const uint8_t *salt, size_t sl)
{
	static const uint8_t zero;
	struct md5_ctx a, b;
	uint8_t fin[16];
	size_t cnt;

	md5_init(&b);
	md5_update(&b, pw, pl);
	md5_update(&b, salt, sl);
	md5_update(&b, pw, pl);
	md5_final(&b, fin);

	md5_init(&a);
	md5_update(&a, pw, pl);
	md5_update(&a, "$1$", 3);
	md5_update(&a, salt, sl);
	for (cnt = pl; cnt > 16; cnt -= 16)
		md5_update(&a, fin, 16);
	md5_update(&a, fin, cnt);
	/*
	 * The original code cleared its digest buffer first, so an odd bit
	 * adds a NUL byte; an even one adds the password's first byte.
	 */
	for (cnt = pl; cnt > 0; cnt >>= 1) {
		if (cnt & 1)
			md5_update(&a, &zero, 1);
		else
			md5_update(&a, pw, 1);
	}
	md5_final(&a, l->c);
	memcpy(l->p, pw, pl);
	memcpy(l->s, salt, sl);
	l->pl = pl;
	sodium_memzero(fin, sizeof(fin));
}

static void
md5crypt_rounds(struct crypt_lane *l, size_t sl, unsigned long rounds)
{
	uint8_t m[MD5CRYPT_MSG_MAX];
	uint32_t h[4];
	unsigned long i;
	size_t b, nb;
	int k;

	for (i = 0; i < rounds; i++) {
		nb = md5crypt_message(m, l, sl, i);
		memcpy(h, md5_iv, sizeof(h));
		for (b = 0; b < nb; b++)
			md5_compress(h, m + 64 * b);
		for (k = 0; k < 4; k++)
			store_le32(l->c + 4 * k, h[k]);
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(h, sizeof(h));
}

const struct crypt_scheme md5crypt_scheme = {
	.digestlen = 16,
	.nlanes = 8,
	/* A lone leftover runs faster on one scalar lane than with 7 dummies. */
	.simd_min = {
		[CRYPT_SIMD_NONE] = SIZE_MAX,
		[CRYPT_SIMD_AVX2] = 2,
		[CRYPT_SIMD_AVX512] = 2
	},
	.nblocks = md5crypt_nblocks,
	.setup = md5crypt_setup,
	.rounds = md5crypt_rounds,
	.rounds_simd = md5crypt_rounds_x8
};
