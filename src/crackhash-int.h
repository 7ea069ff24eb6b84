/*
 * Internals shared by the crackhash engines: scalar SHA-512 and MD5, the
 * per-candidate state of the crypt round loops, and the entry points of the
 * scalar and SIMD engines.  Not part of the public interface (crackhash.h).
 */
#ifndef ISPMAIL_CRACKHASH_INT_H
#define ISPMAIL_CRACKHASH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "crackhash.h"

/*
 * The SIMD engines need x86-64 and GCC's per-function target attributes;
 * CRACKHASH_NO_SIMD builds without them, as on other CPUs.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(CRACKHASH_NO_SIMD)
#define CRACKHASH_X86_SIMD	1
#endif

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

/*
 * One candidate in the round loop of SHA-512-crypt: c holds A before the
 * first round and C after each, p and s the P and S sequences of the spec.
 */
struct sha512crypt_lane {
	uint8_t		c[64];
	uint8_t		s[CRACKHASH_SALT_MAX];
	uint8_t		p[CRACKHASH_FAST_PW_MAX];
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
 * The longest round message: C, P, S, P plus padding, rounded up to whole
 * 128-byte blocks.
 */
#define SHA512CRYPT_MSG_MAX	640

void	sha512crypt_setup(struct sha512crypt_lane *l, const uint8_t *pw,
	    size_t pl, const uint8_t *salt, size_t sl);
size_t	sha512crypt_message(uint8_t *m, const struct sha512crypt_lane *l,
	    size_t sl, unsigned long i);
size_t	sha512crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p);
/*
 * Runs the round loop on 4 lanes of equal block layout with engine
 * CRACKHASH_ENGINE_AVX2 or CRACKHASH_ENGINE_AVX512.
 */
void	sha512crypt_rounds_x4(struct sha512crypt_lane *l[4], size_t sl,
	    unsigned long rounds, enum crackhash_engine engine);
/* Digests of n candidates no longer than CRACKHASH_FAST_PW_MAX. */
int	sha512crypt_batch(const uint8_t *salt, size_t sl,
	    unsigned long rounds, enum crackhash_engine engine,
	    const char *const *cands, const size_t *lens, size_t n,
	    uint8_t *digests);

/* MD5-crypt's counterpart of struct sha512crypt_lane; salt <= 8 bytes. */
struct md5crypt_lane {
	uint8_t		c[16];
	uint8_t		s[8];
	uint8_t		p[CRACKHASH_FAST_PW_MAX];
	size_t		pl;
};

#define MD5CRYPT_MSG_MAX	576

void	md5crypt_setup(struct md5crypt_lane *l, const uint8_t *pw,
	    size_t pl, const uint8_t *salt, size_t sl);
size_t	md5crypt_message(uint8_t *m, const struct md5crypt_lane *l,
	    size_t sl, unsigned long i);
size_t	md5crypt_nblocks(size_t pl, size_t sl, int with_s, int with_p);
/* Runs the 1000 rounds on 8 lanes of equal block layout, as above. */
void	md5crypt_rounds_x8(struct md5crypt_lane *l[8], size_t sl,
	    enum crackhash_engine engine);
int	md5crypt_batch(const uint8_t *salt, size_t sl,
	    enum crackhash_engine engine, const char *const *cands,
	    const size_t *lens, size_t n, uint8_t *digests);

/* Whether the CPU runs CRACKHASH_ENGINE_AVX2 or CRACKHASH_ENGINE_AVX512. */
int	crackhash_cpu_simd(enum crackhash_engine engine);

#endif
