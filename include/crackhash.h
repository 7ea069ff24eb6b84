/*
 * Verification of candidate passwords against one crypt(3) hash, for the
 * password audit.
 *
 * A hash string is parsed once into a struct crackhash; batches of
 * candidates are then tested against it.  Batches let the multi-buffer
 * engines hash several candidates at once: 4 SHA-512-crypt ($6$) or
 * 8 MD5-crypt ($1$) lanes per AVX2 (or AVX-512VL) instruction stream.
 * The engine is chosen at run time from the CPU; libcrypt's crypt_rn() is
 * the fallback for other CPUs, for candidates longer than
 * CRACKHASH_FAST_PW_MAX and for every other scheme.  Our engines are
 * byte-identical to crypt_rn() (see tests/unit/test-crackhash.c).
 *
 * Thread-safe: the only global state is the CPU detection done by the
 * compiler runtime.  A struct crackhash is read-only after parsing and can
 * be shared by threads.
 */
#ifndef ISPMAIL_CRACKHASH_H
#define ISPMAIL_CRACKHASH_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct errbuf;

enum crackhash_scheme {
	CRACKHASH_SHA512 = 1,	/* $6$, SHA-512-crypt */
	CRACKHASH_MD5,		/* $1$, MD5-crypt */
	CRACKHASH_OTHER		/* anything else: libcrypt only */
};

enum crackhash_engine {
	CRACKHASH_ENGINE_AUTO = 0,	/* the fastest this CPU supports */
	CRACKHASH_ENGINE_LIBCRYPT,	/* crypt_rn() */
	/* Our portable code, one lane: no faster than libcrypt, never AUTO. */
	CRACKHASH_ENGINE_SCALAR,
	CRACKHASH_ENGINE_AVX2,		/* our multi-buffer AVX2 code */
	/* The same lanes with AVX-512VL rotates and three-input logic. */
	CRACKHASH_ENGINE_AVX512
};

#define CRACKHASH_SALT_MAX	16
#define CRACKHASH_DIGEST_MAX	64
/* Same as CRYPT_OUTPUT_SIZE in <crypt.h>. */
#define CRACKHASH_HASH_MAX	384
/* Longer candidates are hashed by crypt_rn(), which stops at 512. */
#define CRACKHASH_FAST_PW_MAX	256

struct crackhash {
	enum crackhash_scheme	 scheme;
	/*
	 * AUTO after crackhash_parse(); tests and benchmarks set another
	 * engine to compare them.
	 */
	enum crackhash_engine	 engine;
	unsigned long		 rounds;	/* $6$: 1000-999999999 */
	int			 rounds_custom;	/* "rounds=" present */
	size_t			 saltlen;
	char			 salt[CRACKHASH_SALT_MAX + 1];
	size_t			 digestlen;	/* 64, 16 or 0 */
	uint8_t			 digest[CRACKHASH_DIGEST_MAX];
	char			 hash[CRACKHASH_HASH_MAX]; /* as given */
};

/*
 * Parses a crypt(3) string.  $6$ and $1$ strings must be canonical (as
 * crypt_rn() writes them: rounds within 1000..999999999 without leading
 * zeros, salt of at most 16 or 8 characters of [./0-9A-Za-z], a digest
 * whose unused bits are zero); any other non-empty string without ':' or control characters
 * becomes CRACKHASH_OTHER and is left to crypt_rn().
 * Returns 0 or ISPM_EDATA (out is then cleared).
 */
int	crackhash_parse(const char *hash, struct crackhash *out,
	    struct errbuf *eb);

/*
 * Writes h back as a crypt(3) string into buf (CRACKHASH_HASH_MAX bytes
 * are always enough).  Returns 0 or ISPM_EDATA when buf is too small.
 */
int	crackhash_format(const struct crackhash *h, char *buf, size_t size,
	    struct errbuf *eb);

/*
 * Hashes cands[0..n-1] (lens[i] bytes each, ISO-8859-1, NUL bytes not
 * allowed since crypt(3) cannot hash them) and sets *match to the index of
 * the first one that matches h, or to -1.  Candidates containing a NUL byte
 * or longer than 511 bytes (libcrypt's limit) never match.  Any n is accepted; the fast engines group candidates whose
 * round messages take as many blocks (for $6$ with a 16-byte salt: all
 * lengths up to 15, then 16-23, 24-31, ...) into lanes, so batches of 64
 * or more keep every lane busy.
 * Returns 0, ISPM_EDATA (crypt_rn() refused h) or ISPM_EINTERNAL.
 */
int	crackhash_verify_batch(const struct crackhash *h,
	    const char *const *cands, const size_t *lens, size_t n,
	    ssize_t *match, struct errbuf *eb);

/*
 * Computes the raw digests (h->digestlen bytes each, into
 * digests[i * CRACKHASH_DIGEST_MAX]) of n candidates under h's salt and
 * rounds, with h->engine.  For tests and benchmarks: this is what
 * crackhash_verify_batch() compares.
 * Returns 0, ISPM_EDATA (CRACKHASH_OTHER, a candidate with a NUL byte or
 * over 511 bytes, an engine this CPU lacks) or ISPM_EINTERNAL.
 */
int	crackhash_digest_batch(const struct crackhash *h,
	    const char *const *cands, const size_t *lens, size_t n,
	    uint8_t *digests, struct errbuf *eb);

/* "sha512-crypt", "md5-crypt", "other"; a static string. */
const char *crackhash_scheme_name(enum crackhash_scheme scheme);

/* The engine AUTO resolves to for scheme on this CPU. */
enum crackhash_engine crackhash_engine_best(enum crackhash_scheme scheme);

/* Whether this CPU and build can run engine for scheme. */
int	crackhash_engine_supported(enum crackhash_scheme scheme,
	    enum crackhash_engine engine);

/*
 * A description of the engine h uses, for "-v" output, e.g.
 * "sha512-crypt: avx2 4-lane (fast path)"; a static string.
 */
const char *crackhash_engine_name(const struct crackhash *h);

#endif
