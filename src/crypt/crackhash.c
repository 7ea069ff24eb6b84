/*
 * Parsing of crypt(3) hashes and verification of candidate batches: picks
 * the engine (AVX-512VL, AVX2, scalar or libcrypt) and routes each
 * candidate to one.
 */
#include "config.h"

#include <sys/types.h>

#include <crypt.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crackhash.h"
#include "crypt-lanes.h"
#include "crypt-prim.h"
#include "crypt-scheme.h"
#include "err.h"
#include "xmalloc.h"

_Static_assert(CRACKHASH_HASH_MAX == CRYPT_OUTPUT_SIZE,
    "CRACKHASH_HASH_MAX must match <crypt.h>");
_Static_assert(CRACKHASH_FAST_PW_MAX == CRYPT_PW_MAX &&
    CRACKHASH_SALT_MAX == CRYPT_SALT_MAX &&
    CRACKHASH_DIGEST_MAX == CRYPT_DIGEST_MAX,
    "crackhash.h limits must match crypt-prim.h");

/* Candidates handled per pass: the fast engines group them by layout. */
#define CRACKHASH_CHUNK	64

static const char b64[] =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/*
 * crypt(3) does not encode the digest in order: each group of four
 * characters takes three bytes in this order, the leftover byte(s) take
 * two characters (a final group of one byte).
 */
static const uint8_t sha512_order[64] = {
	0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26,
	6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30, 51, 31, 52, 10, 53, 11, 32,
	12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38,
	18, 39, 60, 40, 61, 19, 62, 20, 41, 63
};

static const uint8_t md5_order[16] = {
	0, 6, 12, 1, 7, 13, 2, 8, 14, 3, 9, 15, 4, 10, 5, 11
};

/*
 * What this file knows of each scheme the fast engines run, in one place
 * (OpenSSH's keyimpls[] is the model): adding a scheme is one more row
 * and one more struct crypt_scheme below it.
 */
struct crackhash_impl {
	const char	*prefix;	/* "$6$" */
	const char	*name;
	unsigned long	 rounds;	/* without "rounds=N$" */
	int		 rounds_param;	/* takes "rounds=N$" */
	size_t		 saltmax;
	size_t		 digestlen;
	const uint8_t	*order;		/* crypt(3)'s order of the digest */
	const struct crypt_scheme *ops;	/* for the lane scheduler */
	/* crackhash_engine_name(), by engine: scalar, AVX2, AVX-512VL. */
	const char	*engines[3];
};

static const struct crackhash_impl impls[] = {
	[CRACKHASH_SHA512] = {
		.prefix = "$6$",
		.name = "sha512-crypt",
		.rounds = 5000,
		.rounds_param = 1,
		.saltmax = 16,
		.digestlen = 64,
		.order = sha512_order,
		.ops = &sha512crypt_scheme,
		.engines = {
			"sha512-crypt: scalar (fast path)",
			"sha512-crypt: avx2 4-lane (fast path)",
			"sha512-crypt: avx512vl 4-lane (fast path)"
		}
	},
	[CRACKHASH_MD5] = {
		.prefix = "$1$",
		.name = "md5-crypt",
		.rounds = 1000,
		.rounds_param = 0,
		.saltmax = 8,
		.digestlen = 16,
		.order = md5_order,
		.ops = &md5crypt_scheme,
		.engines = {
			"md5-crypt: scalar (fast path)",
			"md5-crypt: avx2 8-lane (fast path)",
			"md5-crypt: avx512vl 8-lane (fast path)"
		}
	}
};

/* The row of scheme, or NULL for CRACKHASH_OTHER. */
static const struct crackhash_impl *
impl_of(enum crackhash_scheme scheme)
{
	if (scheme == CRACKHASH_SHA512 || scheme == CRACKHASH_MD5)
		return &impls[scheme];
	return NULL;
}

static int
b64_value(char ch)
{
	const char *p;

	if (ch == '\0' || (p = strchr(b64, ch)) == NULL)
		return -1;
	return (int)(p - b64);
}

/* Encodes len bytes of d (a multiple of 3, plus one) in crypt order. */
static void
digest_encode(const uint8_t *d, const uint8_t *order, size_t len, char *out)
{
	uint32_t w;
	size_t i;
	int k;

	for (i = 0; i + 3 <= len; i += 3) {
		w = (uint32_t)d[order[i]] << 16 |
		    (uint32_t)d[order[i + 1]] << 8 | d[order[i + 2]];
		for (k = 0; k < 4; k++, w >>= 6)
			*out++ = b64[w & 0x3f];
	}
	w = d[order[i]];
	for (k = 0; k < 2; k++, w >>= 6)
		*out++ = b64[w & 0x3f];
	*out = '\0';
}

/*
 * Decodes the text written by digest_encode(); returns -1 unless it is
 * exactly what digest_encode() would write.
 */
static int
digest_decode(const char *s, const uint8_t *order, size_t len, uint8_t *d)
{
	uint32_t w;
	size_t i, nchar;
	int k, v;

	nchar = len / 3 * 4 + 2;
	if (strlen(s) != nchar)
		return -1;
	for (i = 0; i + 3 <= len; i += 3) {
		for (w = 0, k = 0; k < 4; k++) {
			if ((v = b64_value(*s++)) < 0)
				return -1;
			w |= (uint32_t)v << (6 * k);
		}
		d[order[i]] = w >> 16;
		d[order[i + 1]] = (w >> 8) & 0xff;
		d[order[i + 2]] = w & 0xff;
	}
	for (w = 0, k = 0; k < 2; k++) {
		if ((v = b64_value(*s++)) < 0)
			return -1;
		w |= (uint32_t)v << (6 * k);
	}
	if (w > 0xff)
		return -1;
	d[order[i]] = w;
	return 0;
}

/* Parses "rounds=N$": canonical decimal within crypt(3)'s range. */
static int
parse_rounds(const char **sp, unsigned long *rounds)
{
	const char *s = *sp;
	unsigned long v = 0;
	size_t n;

	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n == 9)
			return -1;
		v = v * 10 + (unsigned long)(s[n] - '0');
	}
	if (n == 0 || s[n] != '$' || s[0] == '0' || v < 1000)
		return -1;
	*rounds = v;
	*sp = s + n + 1;
	return 0;
}

/* see crackhash.h */
int
crackhash_parse(const char *hash, struct crackhash *out, struct errbuf *eb)
{
	const struct crackhash_impl *impl = NULL;
	struct crackhash h;
	const char *s, *end, *pre;
	size_t len, i;
	int k;

	memset(out, 0, sizeof(*out));
	memset(&h, 0, sizeof(h));
	len = strlen(hash);
	if (len == 0)
		return err_set(eb, ISPM_EDATA, "empty password hash");
	if (len >= sizeof(h.hash))
		return err_set(eb, ISPM_EDATA, "password hash too long");
	for (i = 0; i < len; i++) {
		if ((unsigned char)hash[i] < 0x20 || hash[i] == 0x7f ||
		    hash[i] == ':')
			return err_set(eb, ISPM_EDATA,
			    "invalid character in password hash");
	}
	memcpy(h.hash, hash, len + 1);

	for (k = CRACKHASH_SHA512; k < CRACKHASH_OTHER; k++) {
		pre = impls[k].prefix;
		if (strncmp(hash, pre, strlen(pre)) == 0) {
			impl = &impls[k];
			break;
		}
	}
	if (impl == NULL) {
		h.scheme = CRACKHASH_OTHER;
		*out = h;
		return 0;
	}
	h.scheme = (enum crackhash_scheme)(impl - impls);
	h.rounds = impl->rounds;
	h.digestlen = impl->digestlen;
	s = hash + strlen(impl->prefix);
	if (impl->rounds_param && strncmp(s, "rounds=", 7) == 0) {
		s += 7;
		if (parse_rounds(&s, &h.rounds) != 0)
			return err_set(eb, ISPM_EDATA,
			    "invalid rounds in %s hash", impl->name);
		h.rounds_custom = 1;
	}
	if ((end = strchr(s, '$')) == NULL ||
	    (size_t)(end - s) > impl->saltmax)
		return err_set(eb, ISPM_EDATA, "invalid salt in %s hash",
		    impl->name);
	h.saltlen = (size_t)(end - s);
	memcpy(h.salt, s, h.saltlen);
	/* libcrypt refuses other salt characters, so no real hash has them. */
	for (i = 0; i < h.saltlen; i++) {
		if (b64_value(h.salt[i]) < 0)
			return err_set(eb, ISPM_EDATA, "invalid salt in %s "
			    "hash", impl->name);
	}
	if (digest_decode(end + 1, impl->order, h.digestlen, h.digest) != 0)
		return err_set(eb, ISPM_EDATA, "invalid digest in %s hash",
		    impl->name);
	*out = h;
	return 0;
}

/* see crackhash.h */
int
crackhash_format(const struct crackhash *h, char *buf, size_t size,
    struct errbuf *eb)
{
	const struct crackhash_impl *impl = impl_of(h->scheme);
	char digest[CRACKHASH_DIGEST_MAX / 3 * 4 + 3];
	int r;

	if (impl == NULL) {
		r = snprintf(buf, size, "%s", h->hash);
	} else {
		digest_encode(h->digest, impl->order, h->digestlen, digest);
		if (h->rounds_custom)
			r = snprintf(buf, size, "%srounds=%lu$%s$%s",
			    impl->prefix, h->rounds, h->salt, digest);
		else
			r = snprintf(buf, size, "%s%s$%s", impl->prefix,
			    h->salt, digest);
	}
	if (r < 0 || (size_t)r >= size)
		return err_set(eb, ISPM_EDATA, "buffer too small for hash");
	return 0;
}

/* Whether the CPU runs CRACKHASH_ENGINE_AVX2 or CRACKHASH_ENGINE_AVX512. */
static int
crackhash_cpu_simd(enum crackhash_engine engine)
{
#ifdef CRACKHASH_X86_SIMD
	if (engine == CRACKHASH_ENGINE_AVX2)
		return __builtin_cpu_supports("avx2");
	if (engine == CRACKHASH_ENGINE_AVX512)
		return __builtin_cpu_supports("avx2") &&
		    __builtin_cpu_supports("avx512f") &&
		    __builtin_cpu_supports("avx512vl");
#endif
	return 0;
}

/* see crackhash.h */
const char *
crackhash_scheme_name(enum crackhash_scheme scheme)
{
	const struct crackhash_impl *impl = impl_of(scheme);

	return impl != NULL ? impl->name : "other";
}

/* see crackhash.h */
enum crackhash_engine
crackhash_engine_best(enum crackhash_scheme scheme)
{
	if (impl_of(scheme) == NULL)
		return CRACKHASH_ENGINE_LIBCRYPT;
	if (crackhash_cpu_simd(CRACKHASH_ENGINE_AVX512))
		return CRACKHASH_ENGINE_AVX512;
	if (crackhash_cpu_simd(CRACKHASH_ENGINE_AVX2))
		return CRACKHASH_ENGINE_AVX2;
	/*
	 * Measured on x86-64: our one-lane code is no faster than libcrypt
	 * (0.9-1.05x), so without SIMD libcrypt stays.
	 */
	return CRACKHASH_ENGINE_LIBCRYPT;
}

/* see crackhash.h */
int
crackhash_engine_supported(enum crackhash_scheme scheme,
    enum crackhash_engine engine)
{
	switch (engine) {
	case CRACKHASH_ENGINE_AUTO:
	case CRACKHASH_ENGINE_LIBCRYPT:
		return 1;
	case CRACKHASH_ENGINE_SCALAR:
		return impl_of(scheme) != NULL;
	case CRACKHASH_ENGINE_AVX2:
	case CRACKHASH_ENGINE_AVX512:
		return impl_of(scheme) != NULL && crackhash_cpu_simd(engine);
	}
	return 0;
}

static enum crackhash_engine
engine_of(const struct crackhash *h)
{
	if (h->engine == CRACKHASH_ENGINE_AUTO)
		return crackhash_engine_best(h->scheme);
	return h->engine;
}

/* see crackhash.h */
const char *
crackhash_engine_name(const struct crackhash *h)
{
	const struct crackhash_impl *impl = impl_of(h->scheme);

	if (impl == NULL)
		return "libcrypt crypt_rn";
	switch (engine_of(h)) {
	case CRACKHASH_ENGINE_SCALAR:
		return impl->engines[0];
	case CRACKHASH_ENGINE_AVX2:
		return impl->engines[1];
	case CRACKHASH_ENGINE_AVX512:
		return impl->engines[2];
	default:
		return "libcrypt crypt_rn";
	}
}

static enum crypt_simd
simd_of(enum crackhash_engine engine)
{
	switch (engine) {
	case CRACKHASH_ENGINE_AVX2:
		return CRYPT_SIMD_AVX2;
	case CRACKHASH_ENGINE_AVX512:
		return CRYPT_SIMD_AVX512;
	default:
		return CRYPT_SIMD_NONE;
	}
}

/*
 * Hashes one candidate with crypt_rn() into out.  Returns 0, 1 when
 * libcrypt cannot hash it (too long), or ISPM_EDATA when it refuses h.
 */
static int
libcrypt_one(const struct crackhash *h, const char *cand, size_t len,
    struct crypt_data *cd, char *out, struct errbuf *eb)
{
	char pw[CRYPT_MAX_PASSPHRASE_SIZE];
	char *r;

	if (len >= sizeof(pw))
		return 1;
	memcpy(pw, cand, len);
	pw[len] = '\0';
	r = crypt_rn(pw, h->hash, cd, (int)sizeof(*cd));
	sodium_memzero(pw, len);
	if (r == NULL || r[0] == '*')
		return err_set(eb, ISPM_EDATA, "libcrypt cannot verify "
		    "this %s hash", crackhash_scheme_name(h->scheme));
	memcpy(out, r, strlen(r) + 1);
	return 0;
}

/*
 * Digests of cands[0..n-1], n <= CRACKHASH_CHUNK, none with a NUL byte,
 * into digests[i * CRACKHASH_DIGEST_MAX].  ok[i] is cleared for the
 * candidates no engine can hash.
 */
static int
digest_chunk(const struct crackhash *h, enum crackhash_engine engine,
    const char *const *cands, const size_t *lens, size_t n,
    uint8_t *digests, int *ok, struct crypt_data **cd, struct errbuf *eb)
{
	const char *fc[CRACKHASH_CHUNK];
	size_t fl[CRACKHASH_CHUNK], fi[CRACKHASH_CHUNK], nf, i;
	uint8_t fd[CRACKHASH_CHUNK * CRACKHASH_DIGEST_MAX];
	char out[CRYPT_OUTPUT_SIZE];
	struct crackhash got;
	int r;

	for (nf = 0, i = 0; i < n; i++) {
		ok[i] = 1;
		if (engine != CRACKHASH_ENGINE_LIBCRYPT &&
		    lens[i] <= CRACKHASH_FAST_PW_MAX) {
			fc[nf] = cands[i];
			fl[nf] = lens[i];
			fi[nf++] = i;
			continue;
		}
		if (*cd == NULL)
			*cd = xcalloc(1, sizeof(**cd));
		if ((r = libcrypt_one(h, cands[i], lens[i], *cd, out, eb)) < 0)
			return r;
		if (r > 0 || crackhash_parse(out, &got, NULL) != 0) {
			ok[i] = 0;
			continue;
		}
		memcpy(digests + i * CRACKHASH_DIGEST_MAX, got.digest,
		    h->digestlen);
	}
	if (nf == 0)
		return 0;
	crypt_lanes_batch(impls[h->scheme].ops, simd_of(engine),
	    (const uint8_t *)h->salt, h->saltlen, h->rounds, fc, fl, nf, fd);
	for (i = 0; i < nf; i++)
		memcpy(digests + fi[i] * CRACKHASH_DIGEST_MAX,
		    fd + i * CRACKHASH_DIGEST_MAX, h->digestlen);
	sodium_memzero(fd, sizeof(fd));
	return 0;
}

static void
crypt_data_free(struct crypt_data *cd)
{
	if (cd == NULL)
		return;
	sodium_memzero(cd, sizeof(*cd));
	free(cd);
}

/* see crackhash.h */
int
crackhash_digest_batch(const struct crackhash *h, const char *const *cands,
    const size_t *lens, size_t n, uint8_t *digests, struct errbuf *eb)
{
	enum crackhash_engine engine = engine_of(h);
	struct crypt_data *cd = NULL;
	int ok[CRACKHASH_CHUNK];
	size_t i, m;
	int r = ISPM_EINTERNAL;

	if (h->scheme == CRACKHASH_OTHER)
		return err_set(eb, ISPM_EDATA, "no raw digest for this hash");
	if (!crackhash_engine_supported(h->scheme, engine))
		return err_set(eb, ISPM_EDATA, "engine not supported here");
	for (i = 0; i < n; i++) {
		if (memchr(cands[i], '\0', lens[i]) != NULL)
			return err_set(eb, ISPM_EDATA,
			    "NUL byte in candidate %zu", i);
		if (lens[i] >= CRYPT_MAX_PASSPHRASE_SIZE)
			return err_set(eb, ISPM_EDATA,
			    "candidate %zu too long for libcrypt", i);
	}
	for (i = 0; i < n; i += m) {
		m = n - i < CRACKHASH_CHUNK ? n - i : CRACKHASH_CHUNK;
		if ((r = digest_chunk(h, engine, cands + i, lens + i, m,
		    digests + i * CRACKHASH_DIGEST_MAX, ok, &cd, eb)) != 0)
			goto out;
	}
	r = 0;
 out:
	crypt_data_free(cd);
	return r;
}

/* see crackhash.h */
int
crackhash_verify_batch(const struct crackhash *h, const char *const *cands,
    const size_t *lens, size_t n, ssize_t *match, struct errbuf *eb)
{
	enum crackhash_engine engine = engine_of(h);
	struct crypt_data *cd = NULL;
	const char *c[CRACKHASH_CHUNK];
	size_t l[CRACKHASH_CHUNK], ci[CRACKHASH_CHUNK], i, j, m, nc;
	uint8_t d[CRACKHASH_CHUNK * CRACKHASH_DIGEST_MAX];
	char out[CRYPT_OUTPUT_SIZE];
	int ok[CRACKHASH_CHUNK];
	int r = ISPM_EINTERNAL;

	*match = -1;
	if (!crackhash_engine_supported(h->scheme, engine))
		return err_set(eb, ISPM_EDATA, "engine not supported here");
	for (i = 0; i < n; i = j) {
		/* Candidates with NUL bytes cannot be crypt(3) passwords. */
		for (nc = 0, j = i; j < n && nc < CRACKHASH_CHUNK; j++) {
			if (memchr(cands[j], '\0', lens[j]) != NULL)
				continue;
			c[nc] = cands[j];
			l[nc] = lens[j];
			ci[nc++] = j;
		}
		if (h->scheme == CRACKHASH_OTHER) {
			for (m = 0; m < nc; m++) {
				if (cd == NULL)
					cd = xcalloc(1, sizeof(*cd));
				if ((r = libcrypt_one(h, c[m], l[m], cd, out,
				    eb)) < 0)
					goto out;
				if (r == 0 && strcmp(out, h->hash) == 0) {
					*match = (ssize_t)ci[m];
					break;
				}
			}
		} else {
			if ((r = digest_chunk(h, engine, c, l, nc, d, ok, &cd,
			    eb)) != 0)
				goto out;
			for (m = 0; m < nc; m++) {
				if (ok[m] && memcmp(d + m *
				    CRACKHASH_DIGEST_MAX, h->digest,
				    h->digestlen) == 0) {
					*match = (ssize_t)ci[m];
					break;
				}
			}
		}
		if (*match >= 0)
			break;
	}
	r = 0;
 out:
	sodium_memzero(d, sizeof(d));
	crypt_data_free(cd);
	return r;
}
