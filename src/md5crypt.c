/*
 * MD5-crypt ($1$, Poul-Henning Kamp's FreeBSD scheme): MD5, the
 * per-candidate setup, the round messages, a one-lane round loop and the
 * batch driver that fills the 8 lanes of the SIMD engines.  As for
 * SHA-512-crypt, each round message is laid out padded and compressed
 * directly; the one-lane loop serves leftover lanes.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "crackhash-int.h"

const uint32_t md5_iv[4] = {
	0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476
};

const uint32_t md5_k[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
	0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
	0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
	0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
	0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
};

/* Message word and rotation of each step (RFC 1321). */
const uint8_t md5_word[64] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12,
	5, 8, 11, 14, 1, 4, 7, 10, 13, 0, 3, 6, 9, 12, 15, 2,
	0, 7, 14, 5, 12, 3, 10, 1, 8, 15, 6, 13, 4, 11, 2, 9
};

const uint8_t md5_rot[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
};

static inline uint32_t
load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline void
store_le32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

#define ROL32(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))

/* see crackhash-int.h */
void
md5_compress(uint32_t s[4], const uint8_t *blk)
{
	uint32_t w[16], a, b, c, d, f, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = load_le32(blk + 4 * i);
	a = s[0]; b = s[1]; c = s[2]; d = s[3];
	/* Unrolled, the tables and the branches fold into constants. */
#pragma GCC unroll 64
	for (i = 0; i < 64; i++) {
		if (i < 16)
			f = d ^ (b & (c ^ d));
		else if (i < 32)
			f = c ^ (d & (b ^ c));
		else if (i < 48)
			f = b ^ c ^ d;
		else
			f = c ^ (b | ~d);
		t = a + f + md5_k[i] + w[md5_word[i]];
		a = d;
		d = c;
		c = b;
		b += ROL32(t, md5_rot[i]);
	}
	s[0] += a; s[1] += b; s[2] += c; s[3] += d;
}

/* see crackhash-int.h */
void
md5_init(struct md5_ctx *c)
{
	memcpy(c->h, md5_iv, sizeof(c->h));
	c->total = 0;
	c->n = 0;
}

/* see crackhash-int.h */
void
md5_update(struct md5_ctx *c, const void *data, size_t len)
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
			md5_compress(c->h, c->buf);
			c->n = 0;
		}
	}
}

/* see crackhash-int.h */
void
md5_final(struct md5_ctx *c, uint8_t out[16])
{
	uint64_t bits = c->total << 3;
	int i;

	c->buf[c->n++] = 0x80;
	if (c->n > 56) {
		memset(c->buf + c->n, 0, 64 - c->n);
		md5_compress(c->h, c->buf);
		c->n = 0;
	}
	memset(c->buf + c->n, 0, 56 - c->n);
	store_le32(c->buf + 56, (uint32_t)bits);
	store_le32(c->buf + 60, (uint32_t)(bits >> 32));
	md5_compress(c->h, c->buf);
	for (i = 0; i < 4; i++)
		store_le32(out + 4 * i, c->h[i]);
	sodium_memzero(c, sizeof(*c));
}

/* see crackhash-int.h */
void
md5crypt_setup(struct md5crypt_lane *l, const uint8_t *pw, size_t pl,
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

/* see crackhash-int.h */
size_t
md5crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p)
{
	size_t n = 16 + pl + (with_s ? sl : 0) + (with_p ? pl : 0);

	/* 0x80, then a 64-bit length. */
	return (n + 9 + 63) / 64;
}

/* see crackhash-int.h: the layout of sha512crypt_message() with MD5. */
size_t
md5crypt_message(uint8_t *m, const struct md5crypt_lane *l, size_t sl,
    unsigned long i)
{
	size_t n, nb;

	n = crypt_round_concat(m, l->p, l->pl, l->s, sl, l->c, 16, i);
	nb = (n + 9 + 63) / 64;
	m[n] = 0x80;
	memset(m + n + 1, 0, nb * 64 - 8 - (n + 1));
	store_le32(m + nb * 64 - 8, (uint32_t)(n << 3));
	store_le32(m + nb * 64 - 4, 0);
	return nb;
}

static void
md5crypt_rounds_scalar(struct md5crypt_lane *l, size_t sl)
{
	uint8_t m[MD5CRYPT_MSG_MAX];
	uint32_t h[4];
	unsigned long i;
	size_t b, nb;
	int k;

	for (i = 0; i < 1000; i++) {
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

/* As for SHA-512-crypt: four block counts describe a candidate's rounds. */
static uint32_t
md5crypt_layout(size_t pl, size_t sl)
{
	return (uint32_t)(md5crypt_nblocks(pl, sl, 0, 0) |
	    md5crypt_nblocks(pl, sl, 1, 0) << 8 |
	    md5crypt_nblocks(pl, sl, 0, 1) << 16 |
	    md5crypt_nblocks(pl, sl, 1, 1) << 24);
}

/* Below this many lanes of one layout, the scalar loop is cheaper. */
#define MD5CRYPT_SIMD_MIN	2

/* see crackhash-int.h */
int
md5crypt_batch(const uint8_t *salt, size_t sl, enum crackhash_engine engine,
    const char *const *cands, const size_t *lens, size_t n, uint8_t *digests)
{
	int simd = engine == CRACKHASH_ENGINE_AVX2 ||
	    engine == CRACKHASH_ENGINE_AVX512;

	struct md5crypt_lane lane[8], *lp[8];
	uint32_t layout[64];
	size_t idx[64], i, j, k, g, m, c;

	for (i = 0; i < n; i += 64) {
		m = n - i < 64 ? n - i : 64;
		for (j = 0; j < m; j++) {
			layout[j] = md5crypt_layout(lens[i + j], sl);
			for (k = j; k > 0 && layout[idx[k - 1]] > layout[j];
			    k--)
				idx[k] = idx[k - 1];
			idx[k] = j;
		}
		for (j = 0; j < m; j += g) {
			for (g = 1; g < 8 && j + g < m &&
			    layout[idx[j + g]] == layout[idx[j]]; g++)
				;
			for (k = 0; k < g; k++) {
				c = i + idx[j + k];
				md5crypt_setup(&lane[k],
				    (const uint8_t *)cands[c], lens[c], salt,
				    sl);
			}
			if (simd && g >= MD5CRYPT_SIMD_MIN) {
				/* Short groups repeat their first lane. */
				for (k = 0; k < 8; k++)
					lp[k] = &lane[k < g ? k : 0];
				md5crypt_rounds_x8(lp, sl, engine);
			} else {
				for (k = 0; k < g; k++)
					md5crypt_rounds_scalar(&lane[k], sl);
			}
			for (k = 0; k < g; k++)
				memcpy(digests + (i + idx[j + k]) *
				    CRACKHASH_DIGEST_MAX, lane[k].c, 16);
		}
	}
	sodium_memzero(lane, sizeof(lane));
	return 0;
}
