/*
 * The primitives of the crypt stack (see crypt-prim.h): SHA-512 and MD5
 * with their tables, and the round messages of SHA-512-crypt and
 * MD5-crypt.  Each round message is laid out padded, so that the engines
 * compress it directly, without the update/final buffering of a generic
 * hash.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "crypt-prim.h"

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

/* see crypt-prim.h */
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

/*
 * The streaming both hashes share: appends len bytes of p to buf, which
 * holds *n of its size bytes, and hands each full block to compress(h).
 * Static, so that the compiler inlines it with compress known.
 */
static inline void
block_update(uint8_t *buf, size_t size, size_t *n, const uint8_t *p,
    size_t len, void (*compress)(void *h, const uint8_t *blk), void *h)
{
	size_t k;

	while (len > 0) {
		k = size - *n;
		if (k > len)
			k = len;
		memcpy(buf + *n, p, k);
		*n += k;
		p += k;
		len -= k;
		if (*n == size) {
			compress(h, buf);
			*n = 0;
		}
	}
}

static void
sha512_block(void *h, const uint8_t *blk)
{
	sha512_compress(h, blk);
}

static void
md5_block(void *h, const uint8_t *blk)
{
	md5_compress(h, blk);
}

/* see crypt-prim.h */
void
sha512_init(struct sha512_ctx *c)
{
	memcpy(c->h, sha512_iv, sizeof(c->h));
	c->total = 0;
	c->n = 0;
}

/* see crypt-prim.h */
void
sha512_update(struct sha512_ctx *c, const void *data, size_t len)
{
	c->total += len;
	block_update(c->buf, sizeof(c->buf), &c->n, data, len,
	    sha512_block, c->h);
}

/* see crypt-prim.h */
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
#define ROL32(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))

/* see crypt-prim.h */
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

/* see crypt-prim.h */
void
md5_init(struct md5_ctx *c)
{
	memcpy(c->h, md5_iv, sizeof(c->h));
	c->total = 0;
	c->n = 0;
}

/* see crypt-prim.h */
void
md5_update(struct md5_ctx *c, const void *data, size_t len)
{
	c->total += len;
	block_update(c->buf, sizeof(c->buf), &c->n, data, len, md5_block,
	    c->h);
}

/* see crypt-prim.h */
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

/* see crypt-prim.h */
size_t
crypt_round_concat(uint8_t *m, const uint8_t *p, size_t pl, const uint8_t *s,
    size_t sl, const uint8_t *c, size_t cl, unsigned long i)
{
	size_t n;

	if (i & 1) {
		memcpy(m, p, pl);
		n = pl;
	} else {
		memcpy(m, c, cl);
		n = cl;
	}
	if (i % 3 != 0) {
		memcpy(m + n, s, sl);
		n += sl;
	}
	if (i % 7 != 0) {
		memcpy(m + n, p, pl);
		n += pl;
	}
	if (i & 1) {
		memcpy(m + n, c, cl);
		n += cl;
	} else {
		memcpy(m + n, p, pl);
		n += pl;
	}
	return n;
}

/* see crypt-prim.h */
size_t
sha512crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p)
{
	size_t n = 64 + pl + (with_s ? sl : 0) + (with_p ? pl : 0);

	/* 0x80, then a 128-bit length. */
	return (n + 17 + 127) / 128;
}

/* see crypt-prim.h */
size_t
sha512crypt_message(uint8_t *m, const struct crypt_lane *l, size_t sl,
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

/* see crypt-prim.h */
size_t
md5crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p)
{
	size_t n = 16 + pl + (with_s ? sl : 0) + (with_p ? pl : 0);

	/* 0x80, then a 64-bit length. */
	return (n + 9 + 63) / 64;
}

/* see crypt-prim.h: the layout of sha512crypt_message() with MD5. */
size_t
md5crypt_message(uint8_t *m, const struct crypt_lane *l, size_t sl,
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
