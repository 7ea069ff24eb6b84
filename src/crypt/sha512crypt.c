/*
 * SHA-512-crypt ($6$) as specified by Ulrich Drepper ("Unix crypt using
 * SHA-256 and SHA-512"): the per-candidate setup, a portable one-lane
 * round loop, and the operations the lane scheduler drives, over
 * crypt-prim.h and the 4-lane SIMD loop.
 *
 * On one lane this only matches libcrypt (the compression dominates), so
 * the one-lane loop serves the lanes left over by the SIMD grouping and
 * CPUs without AVX2 when asked for; the gain comes from the lanes.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "crypt-prim.h"
#include "crypt-scheme.h"
#include "crypt-simd.h"

/*
 * Fills l: A, P and S.  The numbered steps are those of the spec, which
 * this follows to the letter because every detail shows in the digest.
 */
static void
sha512crypt_setup(struct crypt_lane *l, const uint8_t *pw, size_t pl,
    const uint8_t *salt, size_t sl)
{
	struct sha512_ctx a, b;
	uint8_t db[64];
	size_t cnt;

	/* Steps 4-8: B = SHA512(P S P). */
	sha512_init(&b);
	sha512_update(&b, pw, pl);
	sha512_update(&b, salt, sl);
	sha512_update(&b, pw, pl);
	sha512_final(&b, db);

	/* Steps 1-3 and 9-11: A. */
	sha512_init(&a);
	sha512_update(&a, pw, pl);
	sha512_update(&a, salt, sl);
	for (cnt = pl; cnt > 64; cnt -= 64)
		sha512_update(&a, db, 64);
	sha512_update(&a, db, cnt);
	for (cnt = pl; cnt > 0; cnt >>= 1) {
		if (cnt & 1)
			sha512_update(&a, db, 64);
		else
			sha512_update(&a, pw, pl);
	}
	sha512_final(&a, l->c);

	/* Steps 12-15: P is pl bytes of DP = SHA512(P repeated pl times). */
	sha512_init(&b);
	for (cnt = 0; cnt < pl; cnt++)
		sha512_update(&b, pw, pl);
	sha512_final(&b, db);
	for (cnt = 0; cnt < pl; cnt++)
		l->p[cnt] = db[cnt % 64];
	l->pl = pl;

	/* Steps 16-19: S is sl bytes of SHA512(salt repeated 16+A[0] times). */
	sha512_init(&b);
	for (cnt = 0; cnt < 16u + l->c[0]; cnt++)
		sha512_update(&b, salt, sl);
	sha512_final(&b, db);
	memcpy(l->s, db, sl);
	sodium_memzero(db, sizeof(db));
}

static void
sha512crypt_rounds(struct crypt_lane *l, size_t sl, unsigned long rounds)
{
	uint8_t m[SHA512CRYPT_MSG_MAX];
	uint64_t h[8];
	unsigned long i;
	size_t b, nb;
	int k;

	for (i = 0; i < rounds; i++) {
		nb = sha512crypt_message(m, l, sl, i);
		memcpy(h, sha512_iv, sizeof(h));
		for (b = 0; b < nb; b++)
			sha512_compress(h, m + 128 * b);
		for (k = 0; k < 8; k++)
			store_be64(l->c + 8 * k, h[k]);
	}
	sodium_memzero(m, sizeof(m));
	sodium_memzero(h, sizeof(h));
}

const struct crypt_scheme sha512crypt_scheme = {
	.digestlen = 64,
	.nlanes = 4,
	/*
	 * A lone leftover runs faster on one scalar lane than in an AVX2
	 * pass with three dummy lanes, but not than in an AVX-512VL pass.
	 */
	.simd_min = {
		[CRYPT_SIMD_NONE] = SIZE_MAX,
		[CRYPT_SIMD_AVX2] = 2,
		[CRYPT_SIMD_AVX512] = 1
	},
	.nblocks = sha512crypt_nblocks,
	.setup = sha512crypt_setup,
	.rounds = sha512crypt_rounds,
	.rounds_simd = sha512crypt_rounds_x4
};
