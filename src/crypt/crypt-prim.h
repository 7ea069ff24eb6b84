/*
 * The bottom of the crypt stack, shared by SHA-512-crypt and MD5-crypt and
 * by their scalar and SIMD engines: the two hash functions with their
 * tables, the state of one candidate in the round loop, and the round
 * messages.  Calls nothing above it; internal to the audit's hash engines
 * (the interface is crackhash.h).
 */
#ifndef ISPMAIL_CRYPT_PRIM_H
#define ISPMAIL_CRYPT_PRIM_H

#include <stddef.h>
#include <stdint.h>

/*
 * The SIMD engines need x86-64 and GCC's per-function target attributes;
 * CRACKHASH_NO_SIMD builds without them, as on other CPUs.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(CRACKHASH_NO_SIMD)
#define CRACKHASH_X86_SIMD	1
#endif

/*
 * Limits of the lanes; crackhash.c checks that they are those of
 * crackhash.h (CRACKHASH_FAST_PW_MAX, _SALT_MAX, _DIGEST_MAX).
 */
#define CRYPT_PW_MAX		256
#define CRYPT_SALT_MAX		16
#define CRYPT_DIGEST_MAX	64

/* The instruction set a SIMD round loop is compiled for. */
enum crypt_simd {
	CRYPT_SIMD_NONE = 0,
	CRYPT_SIMD_AVX2,
	CRYPT_SIMD_AVX512	/* AVX-512VL on 256-bit registers */
};

struct sha512_ctx {
	uint64_t	h[8];
	uint64_t	total;
	size_t		n;
	uint8_t		buf[128];
};

void	sha512_init(struct sha512_ctx *c);
void	sha512_update(struct sha512_ctx *c, const void *data, size_t len);
void	sha512_final(struct sha512_ctx *c, uint8_t out[64]);
void	sha512_compress(uint64_t h[8], const uint8_t *blk);

extern const uint64_t sha512_k[80];
extern const uint64_t sha512_iv[8];

struct md5_ctx {
	uint32_t	h[4];
	uint64_t	total;
	size_t		n;
	uint8_t		buf[64];
};

void	md5_init(struct md5_ctx *c);
void	md5_update(struct md5_ctx *c, const void *data, size_t len);
void	md5_final(struct md5_ctx *c, uint8_t out[16]);
void	md5_compress(uint32_t h[4], const uint8_t *blk);

extern const uint32_t md5_k[64];
extern const uint32_t md5_iv[4];
extern const uint8_t md5_word[64];
extern const uint8_t md5_rot[64];

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

/*
 * One candidate in the round loop of either scheme: c holds A before the
 * first round and C after each (64 bytes for SHA-512, 16 for MD5), p and s
 * the P and S sequences of the spec (MD5-crypt uses the password and the
 * salt themselves).
 */
struct crypt_lane {
	uint8_t		c[CRYPT_DIGEST_MAX];
	uint8_t		s[CRYPT_SALT_MAX];
	uint8_t		p[CRYPT_PW_MAX];
	size_t		pl;
};

/*
 * The round message both MD5-crypt and SHA-512-crypt hash in round i:
 * (i odd ? P : C), S unless 3 | i, P unless 7 | i, then (i odd ? C : P).
 * Writes it to m, unpadded, and returns its length; c is the previous
 * digest of cl bytes.
 */
size_t	crypt_round_concat(uint8_t *m, const uint8_t *p, size_t pl,
	    const uint8_t *s, size_t sl, const uint8_t *c, size_t cl,
	    unsigned long i);

/*
 * The longest round messages: C, P, S, P plus padding, rounded up to whole
 * blocks.
 */
#define SHA512CRYPT_MSG_MAX	640
#define MD5CRYPT_MSG_MAX	576

/*
 * Lays out round i of lane l (salt of sl bytes) in m, padded in place so
 * that the engines only run the compression function; returns the number
 * of blocks.
 */
size_t	sha512crypt_message(uint8_t *m, const struct crypt_lane *l,
	    size_t sl, unsigned long i);
size_t	md5crypt_message(uint8_t *m, const struct crypt_lane *l,
	    size_t sl, unsigned long i);
/* The blocks of a round message, with or without S and the second P. */
size_t	sha512crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p);
size_t	md5crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p);

#endif
