/*
 * SHA-512-crypt ($6$) as specified by Ulrich Drepper ("Unix crypt using
 * SHA-256 and SHA-512"): the per-candidate setup, the round messages, a
 * portable one-lane round loop, and the batch driver that groups
 * candidates into the 4 lanes of the SIMD engines.
 *
 * Each round message is laid out padded and compressed directly, without
 * the update/final buffering of a generic SHA-512.  On one lane this only
 * matches libcrypt (the compression dominates), so the one-lane loop serves
 * the lanes left over by the SIMD grouping and CPUs without AVX2 when asked
 * for; the gain comes from the lanes.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "crackhash-int.h"

const uint64_t sha512_iv[8] = {
	0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
	0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
	0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL
};

const uint64_t sha512_k[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL
};

static inline uint64_t
load_be64(const uint8_t *p)
{
	return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 |
	    (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
	    (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
	    (uint64_t)p[6] << 8 | (uint64_t)p[7];
}

static inline void
store_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = v & 0xff;
		v >>= 8;
	}
}

#define ROR64(x, n)	(((x) >> (n)) | ((x) << (64 - (n))))
#define BS0(x)		(ROR64(x, 28) ^ ROR64(x, 34) ^ ROR64(x, 39))
#define BS1(x)		(ROR64(x, 14) ^ ROR64(x, 18) ^ ROR64(x, 41))
#define SS0(x)		(ROR64(x, 1) ^ ROR64(x, 8) ^ ((x) >> 7))
#define SS1(x)		(ROR64(x, 19) ^ ROR64(x, 61) ^ ((x) >> 6))
#define CH(x, y, z)	((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z)	(((x) & (y)) | ((z) & ((x) | (y))))

/* Rounds 0-15 use the message words as they are. */
#define R0(a, b, c, d, e, f, g, h, j) do {				\
	t1 = h + BS1(e) + CH(e, f, g) + sha512_k[j] + w[(j) & 15];	\
	d += t1;							\
	h = t1 + BS0(a) + MAJ(a, b, c);					\
} while (0)

/* Rounds 16-79 extend the schedule in place, 16 words at a time. */
#define R1(a, b, c, d, e, f, g, h, j) do {				\
	w[(j) & 15] += SS1(w[((j) - 2) & 15]) + w[((j) - 7) & 15] +	\
	    SS0(w[((j) - 15) & 15]);					\
	R0(a, b, c, d, e, f, g, h, j);					\
} while (0)

/* see crackhash-int.h */
void
sha512_compress(uint64_t s[8], const uint8_t *blk)
{
	uint64_t w[16], a, b, c, d, e, f, g, h, t1;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = load_be64(blk + 8 * i);
	a = s[0]; b = s[1]; c = s[2]; d = s[3];
	e = s[4]; f = s[5]; g = s[6]; h = s[7];
#pragma GCC unroll 2
	for (i = 0; i < 16; i += 8) {
		R0(a, b, c, d, e, f, g, h, i + 0);
		R0(h, a, b, c, d, e, f, g, i + 1);
		R0(g, h, a, b, c, d, e, f, i + 2);
		R0(f, g, h, a, b, c, d, e, i + 3);
		R0(e, f, g, h, a, b, c, d, i + 4);
		R0(d, e, f, g, h, a, b, c, i + 5);
		R0(c, d, e, f, g, h, a, b, i + 6);
		R0(b, c, d, e, f, g, h, a, i + 7);
	}
#pragma GCC unroll 8
	for (i = 16; i < 80; i += 8) {
		R1(a, b, c, d, e, f, g, h, i + 0);
		R1(h, a, b, c, d, e, f, g, i + 1);
		R1(g, h, a, b, c, d, e, f, i + 2);
		R1(f, g, h, a, b, c, d, e, i + 3);
		R1(e, f, g, h, a, b, c, d, i + 4);
		R1(d, e, f, g, h, a, b, c, i + 5);
		R1(c, d, e, f, g, h, a, b, i + 6);
		R1(b, c, d, e, f, g, h, a, i + 7);
	}
	s[0] += a; s[1] += b; s[2] += c; s[3] += d;
	s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

/* see crackhash-int.h */
void
sha512_init(struct sha512_ctx *c)
{
	memcpy(c->h, sha512_iv, sizeof(c->h));
	c->total = 0;
	c->n = 0;
}

/* see crackhash-int.h */
void
sha512_update(struct sha512_ctx *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t k;

	c->total += len;
	while (len > 0) {
		k = sizeof(c->buf) - c->n;
		if (k > len)
			k = len;
		memcpy(c->buf + c->n, p, k);
		c->n += k;
		p += k;
		len -= k;
		if (c->n == sizeof(c->buf)) {
			sha512_compress(c->h, c->buf);
			c->n = 0;
		}
	}
}

/* see crackhash-int.h */
void
sha512_final(struct sha512_ctx *c, uint8_t out[64])
{
	int i;

	/* Our inputs are far below 2^61 bytes: the top length word is 0. */
	c->buf[c->n++] = 0x80;
	if (c->n > 112) {
		memset(c->buf + c->n, 0, 128 - c->n);
		sha512_compress(c->h, c->buf);
		c->n = 0;
	}
	memset(c->buf + c->n, 0, 120 - c->n);
	store_be64(c->buf + 120, c->total << 3);
	sha512_compress(c->h, c->buf);
	for (i = 0; i < 8; i++)
		store_be64(out + 8 * i, c->h[i]);
	sodium_memzero(c, sizeof(*c));
}

/*
 * see crackhash-int.h; the numbered steps are those of the spec, which
 * this follows to the letter because every detail shows in the digest.
 */
void
sha512crypt_setup(struct sha512crypt_lane *l, const uint8_t *pw, size_t pl,
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

/* see crackhash-int.h */
size_t
sha512crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p)
{
	size_t n = 64 + pl + (with_s ? sl : 0) + (with_p ? pl : 0);

	/* 0x80, then a 128-bit length. */
	return (n + 17 + 127) / 128;
}

/*
 * see crackhash-int.h: the message of crypt_round_concat(), padded in place
 * so that the engines only run the compression function.
 */
size_t
sha512crypt_message(uint8_t *m, const struct sha512crypt_lane *l, size_t sl,
    unsigned long i)
{
	size_t n, nb;

	n = crypt_round_concat(m, l->p, l->pl, l->s, sl, l->c, 64, i);
	nb = (n + 17 + 127) / 128;
	m[n] = 0x80;
	memset(m + n + 1, 0, nb * 128 - 8 - (n + 1));
	store_be64(m + nb * 128 - 8, (uint64_t)n << 3);
	return nb;
}

static void
sha512crypt_rounds_scalar(struct sha512crypt_lane *l, size_t sl,
    unsigned long rounds)
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

/*
 * Lanes can share a SIMD pass when every round needs the same number of
 * blocks for all of them; that depends only on whether S and the second P
 * are present, so four block counts describe a candidate.
 */
static uint32_t
sha512crypt_layout(size_t pl, size_t sl)
{
	return (uint32_t)(sha512crypt_nblocks(pl, sl, 0, 0) |
	    sha512crypt_nblocks(pl, sl, 1, 0) << 8 |
	    sha512crypt_nblocks(pl, sl, 0, 1) << 16 |
	    sha512crypt_nblocks(pl, sl, 1, 1) << 24);
}


/* see crackhash-int.h */
int
sha512crypt_batch(const uint8_t *salt, size_t sl, unsigned long rounds,
    enum crackhash_engine engine, const char *const *cands,
    const size_t *lens, size_t n, uint8_t *digests)
{
	size_t simd_min;

	/*
	 * A lone leftover runs faster on one scalar lane than in an AVX2
	 * pass with three dummy lanes, but not than in an AVX-512VL pass.
	 */
	if (engine == CRACKHASH_ENGINE_AVX512)
		simd_min = 1;
	else if (engine == CRACKHASH_ENGINE_AVX2)
		simd_min = 2;
	else
		simd_min = SIZE_MAX;

	struct sha512crypt_lane lane[4], *lp[4];
	uint32_t layout[64];
	size_t idx[64], i, j, k, g, m;

	for (i = 0; i < n; i += 64) {
		m = n - i < 64 ? n - i : 64;
		/* Insertion sort by layout: batches are small. */
		for (j = 0; j < m; j++) {
			layout[j] = sha512crypt_layout(lens[i + j], sl);
			for (k = j; k > 0 && layout[idx[k - 1]] > layout[j];
			    k--)
				idx[k] = idx[k - 1];
			idx[k] = j;
		}
		for (j = 0; j < m; j += g) {
			for (g = 1; g < 4 && j + g < m &&
			    layout[idx[j + g]] == layout[idx[j]]; g++)
				;
			if (g < simd_min) {
				for (k = 0; k < g; k++) {
					sha512crypt_setup(&lane[0],
					    (const uint8_t *)cands[i +
					    idx[j + k]], lens[i + idx[j + k]],
					    salt, sl);
					sha512crypt_rounds_scalar(&lane[0], sl,
					    rounds);
					memcpy(digests + (i + idx[j + k]) * 64,
					    lane[0].c, 64);
				}
				continue;
			}
			for (k = 0; k < 4; k++) {
				/* Short groups repeat their first lane. */
				lp[k] = &lane[k < g ? k : 0];
				if (k < g)
					sha512crypt_setup(&lane[k],
					    (const uint8_t *)cands[i +
					    idx[j + k]], lens[i + idx[j + k]],
					    salt, sl);
			}
			sha512crypt_rounds_x4(lp, sl, rounds, engine);
			for (k = 0; k < g; k++)
				memcpy(digests + (i + idx[j + k]) * 64,
				    lane[k].c, 64);
		}
	}
	sodium_memzero(lane, sizeof(lane));
	return 0;
}
