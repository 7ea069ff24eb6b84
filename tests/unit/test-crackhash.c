/*
 * Unit tests for crackhash: parsing and formatting of crypt(3) strings,
 * and byte-identity of every engine with libcrypt's crypt_rn() on
 * deterministic pseudo-random vectors: every password length 0-128 with
 * every salt length (0-16 for $6$, 0-8 for $1$), default, explicit and odd
 * rounds, bytes 1-255 in passwords.
 */
#include "config.h"

#include <sys/types.h>

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <crypt.h>
#include <sodium.h>

#include "crackhash.h"
#include "err.h"

#define PW_MAX	128

/* The digest of the spec's "Hello world!" example, and all but its end. */
#define SPEC_D85	"OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/" \
			"UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v"
#define SPEC_D		SPEC_D85 "."

static const char b64[] =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* A deterministic stream, so that a failure can be replayed. */
static uint8_t pool[65536];
static size_t pool_pos = sizeof(pool);
static unsigned char seed[randombytes_SEEDBYTES] =
    "ispmail crackhash test vectors";

static uint32_t
rnd(uint32_t n)
{
	uint32_t x;

	if (pool_pos + 4 > sizeof(pool)) {
		randombytes_buf_deterministic(pool, sizeof(pool), seed);
		seed[randombytes_SEEDBYTES - 1]++;
		pool_pos = 0;
	}
	memcpy(&x, pool + pool_pos, 4);
	pool_pos += 4;
	/* Multiply-shift: a negligible bias is fine for test vectors. */
	return (uint32_t)(((uint64_t)x * n) >> 32);
}

static void
rnd_password(char *pw, size_t len)
{
	size_t i;

	/* Any byte but NUL: candidates are ISO-8859-1. */
	for (i = 0; i < len; i++)
		pw[i] = (char)(1 + rnd(255));
	pw[len] = '\0';
}

static void
rnd_salt(char *salt, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		salt[i] = b64[rnd(64)];
	salt[len] = '\0';
}

static void
reference(const char *pw, const char *setting, char *out)
{
	struct crypt_data *cd;
	char *r;

	cd = calloc(1, sizeof(*cd));
	assert_non_null(cd);
	r = crypt_rn(pw, setting, cd, (int)sizeof(*cd));
	assert_non_null(r);
	assert_true(r[0] != '*');
	strcpy(out, r);
	free(cd);
}

static const enum crackhash_engine engines[] = {
	CRACKHASH_ENGINE_SCALAR, CRACKHASH_ENGINE_AVX2, CRACKHASH_ENGINE_AVX512
};

/*
 * Hashes every password length 0..PW_MAX under one setting with crypt_rn()
 * and with each of our engines and compares the digests.  The lengths come
 * in random order in one batch per engine, so that lanes of very different
 * lengths share passes, as in an audit.
 */
static void
check_setting(const char *setting)
{
	char pw[PW_MAX + 1][PW_MAX + 1], ref[PW_MAX + 1][CRYPT_OUTPUT_SIZE];
	char back[CRACKHASH_HASH_MAX];
	const char *cands[PW_MAX + 1];
	size_t lens[PW_MAX + 1], i, j, e, t;
	struct crackhash h[PW_MAX + 1], run;
	uint8_t *d;
	struct errbuf eb;

	d = calloc(PW_MAX + 1, CRACKHASH_DIGEST_MAX);
	assert_non_null(d);
	for (i = 0; i <= PW_MAX; i++)
		lens[i] = i;
	for (i = PW_MAX; i > 0; i--) {
		j = rnd((uint32_t)i + 1);
		t = lens[i];
		lens[i] = lens[j];
		lens[j] = t;
	}
	for (i = 0; i <= PW_MAX; i++) {
		rnd_password(pw[i], lens[i]);
		cands[i] = pw[i];
		reference(pw[i], setting, ref[i]);
		assert_int_equal(crackhash_parse(ref[i], &h[i], &eb), 0);
		assert_int_equal(crackhash_format(&h[i], back, sizeof(back),
		    &eb), 0);
		assert_string_equal(back, ref[i]);
	}
	for (e = 0; e < sizeof(engines) / sizeof(engines[0]); e++) {
		if (!crackhash_engine_supported(h[0].scheme, engines[e]))
			continue;
		run = h[0];
		run.engine = engines[e];
		memset(d, 0, (PW_MAX + 1) * CRACKHASH_DIGEST_MAX);
		assert_int_equal(crackhash_digest_batch(&run, cands, lens,
		    PW_MAX + 1, d, &eb), 0);
		for (i = 0; i <= PW_MAX; i++) {
			if (memcmp(d + i * CRACKHASH_DIGEST_MAX, h[i].digest,
			    h[i].digestlen) != 0)
				fail_msg("engine %d differs from crypt_rn: "
				    "setting '%s', length %zu", (int)engines[e],
				    setting, lens[i]);
		}
	}
	free(d);
}

static void
test_crackhash_sha512_all_lengths(void **state)
{
	char salt[17], setting[64];
	size_t sl;

	/*
	 * Minimum rounds keep this quick; every one of the 42 round layouts
	 * still occurs many times.
	 */
	for (sl = 0; sl <= 16; sl++) {
		rnd_salt(salt, sl);
		snprintf(setting, sizeof(setting), "$6$rounds=1000$%s$", salt);
		check_setting(setting);
	}
}

static void
test_crackhash_sha512_rounds(void **state)
{
	char salt[17], setting[64];
	int i;

	/* ISPConfig's form (default 5000), explicit 5000, odd counts. */
	for (i = 0; i < 4; i++) {
		rnd_salt(salt, 16);
		switch (i) {
		case 0:
			snprintf(setting, sizeof(setting), "$6$%s$", salt);
			break;
		case 1:
			snprintf(setting, sizeof(setting),
			    "$6$rounds=5000$%s$", salt);
			break;
		default:
			snprintf(setting, sizeof(setting),
			    "$6$rounds=%u$%s$", 1001 + rnd(100), salt);
			break;
		}
		check_setting(setting);
	}
}

static void
test_crackhash_md5_all_lengths(void **state)
{
	char salt[9], setting[32];
	size_t sl;
	int k;

	for (k = 0; k < 3; k++) {
		for (sl = 0; sl <= 8; sl++) {
			rnd_salt(salt, sl);
			snprintf(setting, sizeof(setting), "$1$%s$", salt);
			check_setting(setting);
		}
	}
}

static void
test_crackhash_known_vectors(void **state)
{
	/* From Drepper's SHA-crypt specification. */
	static const char *sha = "$6$rounds=10000$saltstringsaltst$" SPEC_D;
	static const char *md5 = "$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1";
	const char *pw = "Hello world!";
	size_t len = strlen(pw);
	struct crackhash h;
	struct errbuf eb;
	ssize_t match;
	char ref[CRYPT_OUTPUT_SIZE];

	assert_int_equal(crackhash_parse(sha, &h, &eb), 0);
	assert_int_equal(h.scheme, CRACKHASH_SHA512);
	assert_int_equal(h.rounds, 10000);
	assert_true(h.rounds_custom);
	assert_string_equal(h.salt, "saltstringsaltst");
	assert_int_equal(crackhash_verify_batch(&h, &pw, &len, 1, &match,
	    &eb), 0);
	assert_int_equal(match, 0);

	reference(pw, "$1$saltstring", ref);
	assert_string_equal(ref, md5);
	assert_int_equal(crackhash_parse(md5, &h, &eb), 0);
	assert_int_equal(h.scheme, CRACKHASH_MD5);
	assert_string_equal(h.salt, "saltstri");
	assert_int_equal(crackhash_verify_batch(&h, &pw, &len, 1, &match,
	    &eb), 0);
	assert_int_equal(match, 0);
}

/* A batch where only position `at` holds the password. */
static void
check_verify(const char *hash, const char *pw, size_t at, size_t n,
    enum crackhash_engine engine)
{
	char (*wrong)[32];
	const char **cands;
	size_t *lens, i;
	struct crackhash h;
	struct errbuf eb;
	ssize_t match;

	wrong = calloc(n, sizeof(*wrong));
	cands = calloc(n, sizeof(*cands));
	lens = calloc(n, sizeof(*lens));
	assert_true(wrong != NULL && cands != NULL && lens != NULL);
	for (i = 0; i < n; i++) {
		rnd_password(wrong[i], 1 + rnd(30));
		cands[i] = wrong[i];
		lens[i] = strlen(wrong[i]);
	}
	assert_int_equal(crackhash_parse(hash, &h, &eb), 0);
	h.engine = engine;
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, n, &match,
	    &eb), 0);
	assert_int_equal(match, -1);
	cands[at] = pw;
	lens[at] = strlen(pw);
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, n, &match,
	    &eb), 0);
	assert_int_equal(match, (ssize_t)at);
	free(wrong);
	free(cands);
	free(lens);
}

static void
test_crackhash_verify_finds_match(void **state)
{
	static const enum crackhash_engine all[] = {
		CRACKHASH_ENGINE_AUTO, CRACKHASH_ENGINE_LIBCRYPT,
		CRACKHASH_ENGINE_SCALAR, CRACKHASH_ENGINE_AVX2,
		CRACKHASH_ENGINE_AVX512
	};
	char sha[CRYPT_OUTPUT_SIZE], md5[CRYPT_OUTPUT_SIZE];
	size_t e;

	reference("soleil2024", "$6$rounds=1000$0123456789abcdef$", sha);
	reference("soleil2024", "$1$01234567$", md5);
	for (e = 0; e < sizeof(all) / sizeof(all[0]); e++) {
		if (!crackhash_engine_supported(CRACKHASH_SHA512, all[e]))
			continue;
		check_verify(sha, "soleil2024", 0, 1, all[e]);
		check_verify(sha, "soleil2024", 5, 9, all[e]);
		check_verify(md5, "soleil2024", 70, 100, all[e]);
		check_verify(md5, "soleil2024", 3, 17, all[e]);
	}
}

static void
test_crackhash_verify_edge_candidates(void **state)
{
	char longpw[301], huge[601], ref[CRYPT_OUTPUT_SIZE];
	uint8_t digest[CRACKHASH_DIGEST_MAX];
	const char *cands[3];
	size_t lens[3];
	struct crackhash h;
	struct errbuf eb;
	ssize_t match;

	/* Beyond CRACKHASH_FAST_PW_MAX: libcrypt hashes it. */
	rnd_password(longpw, 300);
	reference(longpw, "$6$rounds=1000$abc$", ref);
	assert_int_equal(crackhash_parse(ref, &h, &eb), 0);
	cands[0] = "x";
	lens[0] = 1;
	cands[1] = longpw;
	lens[1] = 300;
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, 2, &match,
	    &eb), 0);
	assert_int_equal(match, 1);

	/* A NUL byte never matches, even if the prefix would. */
	reference("ab", "$1$xy$", ref);
	assert_int_equal(crackhash_parse(ref, &h, &eb), 0);
	cands[0] = "ab\0c";
	lens[0] = 4;
	cands[1] = "ab";
	lens[1] = 2;
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, 2, &match,
	    &eb), 0);
	assert_int_equal(match, 1);
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, 1, &match,
	    &eb), 0);
	assert_int_equal(match, -1);
	assert_int_equal(crackhash_digest_batch(&h, cands, lens, 1,
	    digest, &eb), ISPM_EDATA);

	/* Past libcrypt's limit: no digest, no match. */
	memset(huge, 'b', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	cands[2] = huge;
	lens[2] = sizeof(huge) - 1;
	assert_int_equal(crackhash_verify_batch(&h, cands + 2, lens + 2, 1,
	    &match, &eb), 0);
	assert_int_equal(match, -1);
	assert_int_equal(crackhash_digest_batch(&h, cands + 2, lens + 2, 1,
	    digest, &eb), ISPM_EDATA);

	/* Empty batch. */
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, 0, &match,
	    &eb), 0);
	assert_int_equal(match, -1);
}

static void
test_crackhash_other_schemes(void **state)
{
	static const char *settings[] = {
		"$5$rounds=1000$abcdefgh$", "ab",
		"$2b$04$abcdefghijklmnopqrstuu",
		"$y$j9T$abcdefghijklmnop$"
	};
	char ref[CRYPT_OUTPUT_SIZE];
	const char *cands[2] = { "nope", "secret" };
	size_t lens[2] = { 4, 6 }, i;
	struct crackhash h;
	struct errbuf eb;
	ssize_t match;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		reference("secret", settings[i], ref);
		assert_int_equal(crackhash_parse(ref, &h, &eb), 0);
		assert_int_equal(h.scheme, CRACKHASH_OTHER);
		assert_int_equal(crackhash_verify_batch(&h, cands, lens, 2,
		    &match, &eb), 0);
		assert_int_equal(match, 1);
		assert_string_equal(crackhash_engine_name(&h),
		    "libcrypt crypt_rn");
	}
	assert_int_equal(crackhash_parse("$6$x$y", &h, &eb), ISPM_EDATA);
	assert_int_equal(crackhash_parse("*LK*", &h, &eb), 0);
	assert_int_equal(crackhash_verify_batch(&h, cands, lens, 2, &match,
	    &eb), ISPM_EDATA);
}

static void
test_crackhash_parse_rejects(void **state)
{
	static const char *bad[] = {
		"",
		/* rounds below the minimum, leading zero, too many digits */
		"$6$rounds=999$salt$" SPEC_D,
		"$6$rounds=05000$salt$" SPEC_D,
		"$6$rounds=1000000000$salt$" SPEC_D,
		/* salt of 17 */
		"$6$saltstringsaltstr$" SPEC_D,
		/* digest one short, unused bits set, bad character */
		"$6$salt$" SPEC_D85,
		"$6$salt$" SPEC_D85 "z",
		"$1$salt$YMyguxXMBpd2TEZ.vS/3q!",
		"$1$saltstrin$YMyguxXMBpd2TEZ.vS/3q1",
		"$1$sa!t$YMyguxXMBpd2TEZ.vS/3q1",
		"$1$salt",
		"user:$1$salt$YMyguxXMBpd2TEZ.vS/3q1",
		"$1$salt$YMyguxXMBpd2TEZ.vS/3q1\n",
	};
	struct crackhash h;
	struct errbuf eb;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (crackhash_parse(bad[i], &h, &eb) != ISPM_EDATA)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(h.scheme, 0);
	}
}

struct thread_job {
	const struct crackhash	*h;
	const char		*cands[40];
	size_t			 lens[40];
	ssize_t			 match[20];
	int			 r;
};

static void *
thread_run(void *arg)
{
	struct thread_job *job = arg;
	int i;

	/* Shifting windows: the match moves through the lanes. */
	for (i = 0; i < 20 && job->r == 0; i++)
		job->r = crackhash_verify_batch(job->h, job->cands + i,
		    job->lens + i, 20, &job->match[i], NULL);
	return NULL;
}

static void
test_crackhash_threads(void **state)
{
	struct thread_job job[4];
	pthread_t tid[4];
	struct crackhash h;
	struct errbuf eb;
	char ref[CRYPT_OUTPUT_SIZE], words[40][12];
	int t, i;

	/* One shared, read-only struct crackhash, as the audit's workers use. */
	reference("motdepasse", "$1$abcdefgh$", ref);
	assert_int_equal(crackhash_parse(ref, &h, &eb), 0);
	for (i = 0; i < 40; i++)
		snprintf(words[i], sizeof(words[i]), "mot%d", i);
	snprintf(words[19], sizeof(words[19]), "motdepasse");
	for (t = 0; t < 4; t++) {
		job[t].h = &h;
		job[t].r = 0;
		for (i = 0; i < 40; i++) {
			job[t].cands[i] = words[i];
			job[t].lens[i] = strlen(words[i]);
		}
		assert_int_equal(pthread_create(&tid[t], NULL, thread_run,
		    &job[t]), 0);
	}
	for (t = 0; t < 4; t++) {
		assert_int_equal(pthread_join(tid[t], NULL), 0);
		assert_int_equal(job[t].r, 0);
		for (i = 0; i < 20; i++)
			assert_int_equal(job[t].match[i], 19 - i);
	}
}

static void
test_crackhash_names(void **state)
{
	struct crackhash h;
	struct errbuf eb;

	assert_string_equal(crackhash_scheme_name(CRACKHASH_SHA512),
	    "sha512-crypt");
	assert_string_equal(crackhash_scheme_name(CRACKHASH_MD5), "md5-crypt");
	assert_int_equal(crackhash_parse("$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1",
	    &h, &eb), 0);
	assert_true(crackhash_engine_supported(CRACKHASH_MD5,
	    crackhash_engine_best(CRACKHASH_MD5)));
	if (crackhash_engine_best(CRACKHASH_MD5) != CRACKHASH_ENGINE_LIBCRYPT)
		assert_non_null(strstr(crackhash_engine_name(&h),
		    "(fast path)"));
	h.engine = CRACKHASH_ENGINE_LIBCRYPT;
	assert_string_equal(crackhash_engine_name(&h), "libcrypt crypt_rn");
	assert_false(crackhash_engine_supported(CRACKHASH_OTHER,
	    CRACKHASH_ENGINE_SCALAR));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crackhash_known_vectors),
		cmocka_unit_test(test_crackhash_parse_rejects),
		cmocka_unit_test(test_crackhash_names),
		cmocka_unit_test(test_crackhash_verify_finds_match),
		cmocka_unit_test(test_crackhash_verify_edge_candidates),
		cmocka_unit_test(test_crackhash_other_schemes),
		cmocka_unit_test(test_crackhash_threads),
		cmocka_unit_test(test_crackhash_md5_all_lengths),
		cmocka_unit_test(test_crackhash_sha512_all_lengths),
		cmocka_unit_test(test_crackhash_sha512_rounds),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
