/*
 * Candidate generation: the stream is the strength estimator's model
 * enumerated by price, so the first candidates are passwords
 * check-password refuses, France's favourites come early, nothing comes
 * twice, positions are resumable, ISO-8859-1 out.  The tests use the
 * shipped dictionaries (the model is theirs) with a shorter layout.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "candidates.h"
#include "secret.h"
#include "strength.h"
#include "wordlists.h"

static const char **words[CAND_NLISTS];
static size_t nwords[CAND_NLISTS];

/* The shipped dictionaries, as the audit passes them. */
static struct cand_dict *
dict_limit(uint64_t limit)
{
	struct cand_lists l;
	struct wordlist_iter it;
	const char *w;
	size_t k, len;

	memset(&l, 0, sizeof(l));
	for (k = 0; k < CAND_NLISTS; k++) {
		if (words[k] == NULL) {
			words[k] = calloc(wordlist_count(k) + 1,
			    sizeof(*words[k]));
			assert_non_null(words[k]);
			wordlist_iter_init(&it, k);
			while (wordlist_iter_next(&it, &w, &len)) {
				words[k][nwords[k]] = strndup(w, len);
				assert_non_null(words[k][nwords[k]++]);
			}
		}
		l.lists[k].words = words[k];
		l.lists[k].n = nwords[k];
	}
	l.limit = limit;
	return cand_dict_new(&l);
}

static struct cand_dict *
small_dict(void)
{
	return dict_limit(1 << 17);
}

/* Position of the first candidate equal to s (latin1), or -1. */
static int64_t
find(struct cand_gen *g, const char *s, uint32_t *tag)
{
	struct cand c;

	cand_gen_seek(g, 0);
	while (cand_gen_next(g, &c))
		if (c.len == strlen(s) && memcmp(c.buf, s, c.len) == 0) {
			if (tag != NULL)
				*tag = c.tag;
			return (int64_t)c.pos;
		}
	return -1;
}

static const char *
cls(uint32_t tag)
{
	static char buf[CAND_CLASS_MAX];

	return cand_class_name(tag, buf, sizeof(buf));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * What the user checks: the audit tries first what check-password
 * refuses, and France's favourites, the person's name with a year and a
 * town with its department come within a night's first guesses.
 */
static void
test_candidates_favourites_early(void **state)
{
	struct cand_dict *d = small_dict();
	struct cand_context ctx = { "jean.dupont@example.com", NULL, NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	uint32_t tag;

	(void)state;
	assert_true(find(g, "123456", NULL) < 10);
	assert_true(find(g, "marseille", &tag) < 300);
	assert_string_equal(cls(tag), "place name");
	assert_true(find(g, "marseille13", &tag) < 8000);
	assert_string_equal(cls(tag), "place name + digits");
	assert_true(find(g, "dupont1985", &tag) < 6000);
	assert_string_equal(cls(tag), "mailbox name + year");
	/* the French keyboard's walks stand where QWERTY's do for
	 * everyone, not at Xato's diluted French share */
	assert_true(find(g, "azerty", &tag) < 20);
	assert_string_equal(cls(tag), "keyboard walk");
	assert_true(find(g, "azertyuiop", NULL) < 100);
	assert_true(find(g, "aqwzsx", NULL) < 300);
	assert_true(find(g, "azer1234", NULL) < 1000);
	/* in every French top list's first hundred, though Xato, worldwide,
	 * ranks them 1,900-4,900 */
	assert_true(find(g, "loulou", &tag) < 1000);
	assert_string_equal(cls(tag), "common French password");
	assert_true(find(g, "doudou", NULL) < 2000);
	assert_true(find(g, "soleil", NULL) < 1000);
	assert_true(find(g, "chocolat", NULL) < 1000);
	assert_true(find(g, "camille", NULL) < 30000);
	assert_true(find(g, "Dupont1985", NULL) >= 0);
	cand_gen_free(g);
	cand_dict_free(d);
}

/*
 * The endings are learned from the training passwords, where "1" and
 * "123" end far more words than "7" and "321"; and the stream holds the
 * shapes the estimator reads, so that its estimate is the position.
 */
static void
test_candidates_learned_endings(void **state)
{
	struct cand_dict *d = dict_limit(1 << 21);
	struct cand_context ctx = { "jean.dupont@example.com", NULL, NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	int64_t p1, p7, p123, p321;

	(void)state;
	p1 = find(g, "password1", NULL);
	p7 = find(g, "password7", NULL);
	p123 = find(g, "password123", NULL);
	p321 = find(g, "password321", NULL);
	assert_true(p1 >= 0 && p7 >= 0 && p1 < p7);
	assert_true(p123 >= 0 && p321 >= 0 && p123 < p321);
	assert_true(find(g, "04300430", NULL) >= 0);
	assert_true(find(g, "19921127", NULL) >= 0);
	assert_true(find(g, "zadzadzad", NULL) >= 0);
	assert_true(find(g, "dupont2017!!", NULL) >= 0);
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_refused_first(void **state)
{
	struct cand_dict *d = small_dict();
	struct cand_context ctx = { "jean.dupont@example.com", "Jean Dupont",
	    NULL };
	const char *context[] = { "jean.dupont@example.com", "Jean Dupont" };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	struct strength_policy pol;
	struct strength_result res;
	struct secret *pw = secret_new(SECRET_MAX);
	struct errbuf eb;
	struct cand c;
	char utf8[2 * CAND_MAX + 1];
	size_t k, n;
	int i, consistent = 0;

	(void)state;
	strength_policy_default(&pol);
	/* the first 3,000: a night at this machine's rate is about 10,000 */
	for (i = 0; i < 3000 && cand_gen_next(g, &c); i++) {
		for (k = n = 0; k < c.len; k++) {
			unsigned char b = (unsigned char)c.buf[k];

			if (b < 0x80)
				utf8[n++] = (char)b;
			else {
				utf8[n++] = (char)(0xc0 | b >> 6);
				utf8[n++] = (char)(0x80 | (b & 0x3f));
			}
		}
		assert_int_equal(secret_set(pw, utf8, n, &eb), 0);
		assert_int_equal(strength_check(pw, context, 2, &pol, &res,
		    &eb), 0);
		if (res.strong)
			fail_msg("candidate %d '%s' is a password "
			    "check-password accepts", i, c.buf);
		/* and the estimate is the position: the issue's
		 * consistency, at most 10^(estimate + 0.5) */
		if ((double)c.pos + 1 <= pow(10, res.log10_guesses + 0.5))
			consistent++;
		else
			printf("# candidate %d '%s' rated 10^%.1f\n", i,
			    c.buf, res.log10_guesses);
	}
	assert_true(consistent >= 95 * i / 100);
	secret_free(pw);
	cand_gen_free(g);
	cand_dict_free(d);
}

/* A name with accents is tried as people type it, with its accents, in
 * ISO-8859-1, right after the folded form. */
static void
test_candidates_accents(void **state)
{
	struct cand_dict *d = small_dict();
	struct cand_context ctx = { "elodie.martin@example.com",
	    "\xc3\x89lodie Martin", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	int64_t folded, accented;

	(void)state;
	folded = find(g, "elodie2000", NULL);
	accented = find(g, "\xe9lodie2000", NULL);
	assert_true(folded >= 0 && folded < 10000);
	assert_true(accented > folded && accented < 10000);
	assert_true(find(g, "\xc9lodie", NULL) >= 0);
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_context_classes(void **state)
{
	struct cand_dict *d = small_dict();
	struct cand_context ctx = { "jean.dupont@lesjardins.fr",
	    "Marie Martin", "SARL Dubois" };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	uint32_t tag;

	(void)state;
	assert_int_equal(find(g, "jean.dupont", &tag), 0);
	assert_string_equal(cls(tag), "mailbox name");
	assert_true(find(g, "dupont2024", &tag) > 0);
	assert_string_equal(cls(tag), "mailbox name + year");
	assert_true(find(g, "Dupont!", &tag) > 0);
	assert_string_equal(cls(tag), "mailbox name + symbol");
	assert_true(find(g, "lesjardins2025", &tag) > 0);
	assert_string_equal(cls(tag), "domain name + year");
	assert_true(find(g, "martin1985", &tag) > 0);
	assert_string_equal(cls(tag), "display name + year");
	assert_true(find(g, "dubois123", &tag) > 0);
	assert_string_equal(cls(tag), "organisation name + digits");
	assert_true(find(g, "d3p0nt", NULL) < 0);
	assert_true(find(g, "dup0nt", &tag) > 0);
	assert_string_equal(cls(tag), "mailbox name in l33t");
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_fingerprint(void **state)
{
	struct cand_dict *a = small_dict(), *b = small_dict(), *c;

	(void)state;
	c = dict_limit(1 << 16);
	assert_true(cand_dict_fingerprint(a) == cand_dict_fingerprint(b));
	assert_true(cand_dict_fingerprint(a) != cand_dict_fingerprint(c));
	cand_dict_free(a);
	cand_dict_free(b);
	cand_dict_free(c);
}

static void
test_candidates_seek(void **state)
{
	struct cand_dict *d = small_dict();
	struct cand_context ctx = { "marie.curie@example.fr", "Marie Curie",
	    NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	struct cand a, b;
	uint64_t total = cand_gen_total(g), p;
	int i;

	(void)state;
	assert_true(total > 1000);
	for (i = 0; i < 200; i++) {
		p = randombytes_uniform((uint32_t)total);
		cand_gen_seek(g, p);
		if (!cand_gen_next(g, &a))
			continue;
		assert_true(a.pos >= p);
		/* Walking from the start reaches the same candidate. */
		cand_gen_seek(g, a.pos > 3 ? a.pos - 3 : 0);
		do
			assert_true(cand_gen_next(g, &b));
		while (b.pos < a.pos);
		assert_int_equal(b.pos, a.pos);
		assert_int_equal(b.len, a.len);
		assert_memory_equal(b.buf, a.buf, a.len);
		assert_int_equal(b.tag, a.tag);
	}
	cand_gen_seek(g, total + 10);
	assert_int_equal(cand_gen_pos(g), total);
	assert_false(cand_gen_next(g, &a));
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_each_once(void **state)
{
	struct cand_dict *d = small_dict();
	/* Names that are also common passwords and French words. */
	struct cand_context ctx = { "nicolas.soleil@lesjardins.fr",
	    "Nicolas Soleil", "Amour" };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	struct cand c;
	char **v = NULL;
	size_t n = 0, cap = 0, i, repeats = 0;

	(void)state;
	/*
	 * Across templates and lists (azerty as a walk and a common
	 * password, soleil12 as a word with a suffix and a common password,
	 * nicolas123 as the person's name and a first name), no candidate
	 * comes twice.
	 */
	while (cand_gen_next(g, &c)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			v = realloc(v, cap * sizeof(*v));
			assert_non_null(v);
		}
		v[n] = strdup(c.buf);
		assert_non_null(v[n++]);
	}
	assert_true(n > 50000);
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1], v[i]) == 0) {
			if (repeats++ < 5)
				print_message("repeated: %s\n", v[i]);
		}
	assert_int_equal(repeats, 0);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_class_names(void **state)
{
	char buf[CAND_CLASS_MAX];

	(void)state;
	assert_string_equal(cand_class_name(CAND_TAG(CAND_SRC_COMMON, 0, 0, 1),
	    buf, sizeof(buf)), "top-1000 common password");
	assert_string_equal(cand_class_name(CAND_TAG(CAND_SRC_LOCAL,
	    CAND_SFX_YEAR_SYMBOL, CAND_F_LEET, 0), buf, sizeof(buf)),
	    "mailbox name in l33t + year and symbol");
	assert_string_equal(cand_class_name(0, buf, sizeof(buf)),
	    "guessable password");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_candidates_favourites_early),
		cmocka_unit_test(test_candidates_learned_endings),
		cmocka_unit_test(test_candidates_refused_first),
		cmocka_unit_test(test_candidates_accents),
		cmocka_unit_test(test_candidates_context_classes),
		cmocka_unit_test(test_candidates_seek),
		cmocka_unit_test(test_candidates_each_once),
		cmocka_unit_test(test_candidates_fingerprint),
		cmocka_unit_test(test_candidates_class_names),
	};
	int r;
	size_t k, i;

	if (sodium_init() < 0)
		return 1;
	r = cmocka_run_group_tests(tests, NULL, NULL);
	for (k = 0; k < CAND_NLISTS; k++) {
		for (i = 0; i < nwords[k]; i++)
			free((char *)words[k][i]);
		free(words[k]);
	}
	return r;
}
