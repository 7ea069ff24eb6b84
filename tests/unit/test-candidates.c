/*
 * Candidate generation: context first, classes, ISO-8859-1, seeking,
 * duplicates, fingerprints.  The tests feed their own small word lists so
 * they do not depend on the size or order of the shipped dictionaries.
 */
#include "config.h"

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

static const char *const common_fr[] = {
	"123456", "azerty", "doudou", "marseille", "soleil", "loulou",
	"chouchou", "nicolas", "motdepasse", "123456789"
};
static const char *const common_en[] = {
	"123456", "password", "qwerty", "iloveyou", "111111"
};
static const char *const words_fr[] = {
	"soleil", "chocolat", "été", "maison", "amour", "jean", "bonjour"
};
static const char *const words_en[] = { "dragon", "monkey", "sunshine" };
static const char *const firstnames[] = { "jean", "marie", "élodie" };

#define WL(a) { (a), sizeof(a) / sizeof((a)[0]) }

static struct cand_dict *
dict(void)
{
	struct cand_lists l = {
		WL(common_fr), WL(common_en), WL(words_fr), WL(words_en),
		WL(firstnames), 2026
	};

	return cand_dict_new(&l);
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

static void
test_candidates_latin1(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(cand_to_latin1("\xc3\xa9t\xc3\xa9", 5, out,
	    sizeof(out)), 3);
	assert_memory_equal(out, "\xe9t\xe9", 4);
	/* The euro sign is not in Latin-1: ISPConfig hashes a '?'. */
	assert_int_equal(cand_to_latin1("a\xe2\x82\xac", 4, out, sizeof(out)),
	    2);
	assert_string_equal(out, "a?");
	/* A stray continuation byte and a truncated sequence. */
	assert_int_equal(cand_to_latin1("\x80x\xc3", 3, out, sizeof(out)), 3);
	assert_string_equal(out, "?x?");
	/* Overlong encoding of '/' is refused. */
	assert_int_equal(cand_to_latin1("\xc0\xaf", 2, out, sizeof(out)), 2);
	assert_string_equal(out, "??");
	/* Truncation behaves like snprintf. */
	assert_int_equal(cand_to_latin1("abcdef", 6, out, 4), 6);
	assert_string_equal(out, "abc");
}

static void
test_candidates_context_first(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "jean.dupont@lesjardins.fr",
	    "Jean Dupont", "Les Jardins SARL" };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	int64_t p_local, p_year, p_common, p_dom, p_cap;
	uint32_t tag;

	(void)state;
	p_local = find(g, "jean.dupont", &tag);
	assert_int_equal(p_local, 0);
	assert_string_equal(cls(tag), "mailbox name");
	p_year = find(g, "dupont1985", &tag);
	assert_true(p_year > 0);
	assert_string_equal(cls(tag), "mailbox name + year");
	p_cap = find(g, "Jeandupont!", &tag);
	assert_true(p_cap > 0);
	assert_string_equal(cls(tag), "mailbox name + symbol");
	p_dom = find(g, "lesjardins2024", &tag);
	assert_true(p_dom > 0);
	assert_string_equal(cls(tag), "domain name + year");
	assert_true(find(g, "tnopud", &tag) > 0);
	assert_string_equal(cls(tag), "mailbox name reversed");
	assert_true(find(g, "jdupont", NULL) > 0);
	assert_true(find(g, "sarl", &tag) > 0);
	assert_string_equal(cls(tag), "organisation name");
	assert_true(find(g, "JEAN2024", NULL) > 0);
	assert_true(find(g, "dupont2035", NULL) > 0);
	assert_true(find(g, "dupont1950", NULL) > 0);
	/*
	 * The first context pass comes before the most common passwords,
	 * which come before the context with years.
	 */
	p_common = find(g, "doudou", &tag);
	assert_true(p_common > p_cap && p_common < p_year &&
	    p_common < p_dom);
	assert_string_equal(cls(tag), "top-100 common password");
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_classes(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "contact@example.org", NULL, NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	uint32_t tag;

	(void)state;
	assert_true(find(g, "soleil12", &tag) > 0);
	assert_string_equal(cls(tag), "French word + digits");
	assert_true(find(g, "Chocolat2024", &tag) > 0);
	assert_string_equal(cls(tag), "French word + year");
	assert_true(find(g, "ch0c0l@t", &tag) > 0);
	assert_string_equal(cls(tag), "French word in l33t");
	assert_true(find(g, "Marie1990", &tag) > 0);
	assert_string_equal(cls(tag), "first name + year");
	assert_true(find(g, "azertyuiop", &tag) > 0);
	assert_string_equal(cls(tag), "keyboard walk");
	assert_true(find(g, "qsdfgh", &tag) > 0);
	assert_string_equal(cls(tag), "keyboard walk");
	assert_true(find(g, "sunshine", &tag) > 0);
	assert_string_equal(cls(tag), "English word");
	/* Words with accents come out in Latin-1. */
	assert_true(find(g, "\xe9t\xe9" "2020", &tag) > 0);
	assert_string_equal(cls(tag), "French word + year");
	assert_true(find(g, "password", &tag) > 0);
	assert_string_equal(cls(tag), "top-100 common password");
	assert_int_equal(find(g, "soleil", &tag), find(g, "soleil", NULL));
	assert_string_equal(cls(tag), "top-100 common password");
	assert_true(find(g, "Doudou1", &tag) > 0);
	assert_string_equal(cls(tag), "top-100 common password + digits");
	cand_gen_free(g);
	cand_dict_free(d);
}

static struct cand_dict *
dict_year(int year)
{
	struct cand_lists l = {
		WL(common_fr), WL(common_en), WL(words_fr), WL(words_en),
		WL(firstnames), year
	};

	return cand_dict_new(&l);
}

static void
test_candidates_probability_order(void **state)
{
	struct cand_dict *d = dict_year(2026), *d27 = dict_year(2027);
	struct cand_context ctx = { "jean.dupont@lesjardins.fr",
	    "Jean Dupont", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	uint32_t tag;

	(void)state;
	/* Years by tier: this year and the last ones, birth years, rest. */
	assert_true(find(g, "dupont2026", NULL) < find(g, "dupont2025", NULL));
	assert_true(find(g, "dupont2024", NULL) < find(g, "dupont1985", NULL));
	assert_true(find(g, "dupont1985", NULL) < find(g, "dupont2019", NULL));
	assert_true(find(g, "dupont2019", NULL) < find(g, "dupont1962", NULL));
	assert_true(find(g, "dupont1962", NULL) < find(g, "dupont1952", NULL));
	/* The person before the domain; the name surname first too. */
	assert_true(find(g, "dupont123", NULL) < find(g, "lesjardins123",
	    NULL));
	assert_true(find(g, "dupontjean", &tag) >= 0);
	assert_string_equal(cls(tag), "mailbox name");
	/*
	 * Words and years are crossed, not looped word by word: a less
	 * common word with this year before the commonest with 1985.
	 */
	assert_true(find(g, "amour2026", NULL) < find(g, "soleil1985", NULL));
	assert_true(find(g, "soleil2026", NULL) < find(g, "doudou1", NULL));
	/* The tiers follow the year, and so does the fingerprint. */
	assert_true(cand_dict_fingerprint(d) != cand_dict_fingerprint(d27));
	cand_gen_free(g);
	g = cand_gen_new(d27, &ctx);
	assert_true(find(g, "dupont2027", NULL) < find(g, "dupont1985", NULL));
	cand_gen_free(g);
	cand_dict_free(d);
	cand_dict_free(d27);
}

static void
test_candidates_no_idle_case_changes(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { NULL, NULL, NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	struct cand c;
	int n123456 = 0, nupper = 0;

	(void)state;
	/*
	 * Capitalising or upper-casing "123456" gives "123456" again: it is
	 * tried once, as a common password, not again as a walk.
	 */
	while (cand_gen_next(g, &c)) {
		if (c.len == 6 && memcmp(c.buf, "123456", 6) == 0)
			n123456++;
		if (c.len == 6 && memcmp(c.buf, "AZERTY", 6) == 0)
			nupper++;
	}
	assert_int_equal(n123456, 1);
	assert_int_equal(nupper, 1);
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_french_first(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { NULL, NULL, NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);

	(void)state;
	/* Two French favourites for one worldwide one. */
	assert_true(find(g, "azerty", NULL) < find(g, "password", NULL));
	assert_true(find(g, "doudou", NULL) < find(g, "qwerty", NULL));
	/* A common password is tried once, not again as a French word. */
	assert_int_equal(find(g, "soleil", NULL), find(g, "soleil", NULL));
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_names_with_accents(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "e.martin@example.fr",
	    "\xc3\x89lodie Martin", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	uint32_t tag;

	(void)state;
	assert_true(find(g, "\xe9lodie", &tag) >= 0);
	assert_string_equal(cls(tag), "display name");
	assert_true(find(g, "Elodie2001", &tag) >= 0);
	assert_string_equal(cls(tag), "display name + year");
	assert_true(find(g, "\xc9lodie!", NULL) >= 0);
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_seek(void **state)
{
	struct cand_dict *d = dict();
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
test_candidates_no_repeats_of_context(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "jean@example.fr", "Jean", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	struct cand c;
	int njean = 0, njean1 = 0;

	(void)state;
	/* "jean" is the local part, the name, a French word and a first
	 * name: it is tried once, as the mailbox name. */
	while (cand_gen_next(g, &c)) {
		if (c.len == 4 && memcmp(c.buf, "jean", 4) == 0) {
			njean++;
			assert_int_equal(CAND_TAG_SRC(c.tag), CAND_SRC_LOCAL);
		}
		if (c.len == 6 && memcmp(c.buf, "Jean12", 6) == 0)
			njean1++;
		assert_true(c.len <= CAND_MAX);
		assert_int_equal(strlen(c.buf), c.len);
	}
	assert_int_equal(njean, 1);
	assert_int_equal(njean1, 1);
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_backward_walks(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "jean.dupont@lesjardins.fr",
	    "Jean Dupont", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	static const char *const back[] = {
		"ytreza", "poiuyt", "0987654321", "nbvcxw", "ytrewq"
	};
	int64_t p, p_fwd, p_next;
	uint32_t tag;
	size_t i;

	(void)state;
	/*
	 * The first walk phase, which the person's names with this year
	 * follow, has the backward walks after the forward ones.
	 */
	p_fwd = find(g, "qsdfgh", NULL);
	p_next = find(g, "dupont2026", NULL);
	assert_true(p_fwd >= 0 && p_fwd < p_next);
	for (i = 0; i < sizeof(back) / sizeof(*back); i++) {
		p = find(g, back[i], &tag);
		assert_true(p > p_fwd && p < p_next);
		assert_string_equal(cls(tag), "keyboard walk");
	}
	/*
	 * They get the forward walks' suffixes in the second walk-suffix
	 * phase, which the person's names with the less likely years
	 * follow, and so do the forward walks of the other lengths.
	 */
	p_next = find(g, "dupont1970", NULL);
	assert_true(p_next > 0);
	p = find(g, "azertyu1", NULL);
	assert_true(p > 0 && p < p_next);
	p = find(g, "ytreza123", &tag);
	assert_true(p > 0 && p < p_next);
	assert_string_equal(cls(tag), "keyboard walk + digits");
	p = find(g, "Poiuyt1", &tag);
	assert_true(p > 0 && p < p_next);
	p = find(g, "nbvcxw!", &tag);
	assert_true(p > 0 && p < p_next);
	assert_string_equal(cls(tag), "keyboard walk + symbol");
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_walks_once(void **state)
{
	char pad[150][8];
	const char *ranked[sizeof(pad) / sizeof(*pad) + 2];
	struct cand_lists l;
	struct cand_dict *d;
	struct cand_context ctx = { NULL, NULL, NULL };
	struct cand_gen *g;
	struct cand c;
	size_t i;
	int n = 0;
	uint32_t tag = 0;

	(void)state;
	/* ytreza and 0987654321 ranked beyond the top 100. */
	for (i = 0; i < sizeof(pad) / sizeof(*pad); i++) {
		snprintf(pad[i], sizeof(pad[i]), "pw%zu", i);
		ranked[i] = pad[i];
	}
	ranked[i++] = "ytreza";
	ranked[i++] = "0987654321";
	memset(&l, 0, sizeof(l));
	l.common_en.words = ranked;
	l.common_en.n = i;
	l.year = 2026;
	d = cand_dict_new(&l);
	g = cand_gen_new(d, &ctx);
	/*
	 * A walk the common passwords rank lower is tried once, as the
	 * walk it is, and not again among the top 1,000.
	 */
	while (cand_gen_next(g, &c))
		if (c.len == 6 && memcmp(c.buf, "ytreza", 6) == 0) {
			n++;
			tag = c.tag;
		}
	assert_int_equal(n, 1);
	assert_string_equal(cls(tag), "keyboard walk");
	assert_true(find(g, "0987654321", &tag) >= 0);
	assert_string_equal(cls(tag), "keyboard walk");
	assert_true(find(g, "pw120", &tag) >= 0);
	assert_string_equal(cls(tag), "top-1000 common password");
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_rare_name_forms(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "jean.dupont@lesjardins.fr",
	    "Jean Dupont", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	int64_t rare_year = find(g, "dupont1952", NULL), p;
	uint32_t tag;

	(void)state;
	/*
	 * Upper case and reversed with a suffix: rarer than the rarest
	 * years, but tried in the same night.
	 */
	assert_true(rare_year > 0);
	p = find(g, "DUPONT!", &tag);
	assert_true(p > rare_year && p < 20000);
	assert_string_equal(cls(tag), "mailbox name + symbol");
	p = find(g, "tnopud123", &tag);
	assert_true(p > rare_year && p < 20000);
	assert_string_equal(cls(tag), "mailbox name reversed + digits");
	assert_true(find(g, "Naej1", NULL) > rare_year);
	/* A birthday, day first, after the first four names. */
	p = find(g, "jean2512", &tag);
	assert_true(p > rare_year);
	assert_string_equal(cls(tag), "mailbox name + digits");
	assert_true(find(g, "Dupont2902", NULL) > rare_year);
	assert_true(find(g, "jeandupont0101", NULL) > rare_year);
	assert_int_equal(find(g, "jean3002", NULL), -1);
	assert_int_equal(find(g, "jean3104", NULL), -1);
	/* The company's web address, as it is and with its forms. */
	assert_true(find(g, "lesjardins.fr", &tag) >= 0);
	assert_string_equal(cls(tag), "domain name");
	assert_true(find(g, "Lesjardins.fr", NULL) >= 0);
	assert_true(find(g, "lesjardins.fr2026", NULL) >= 0);
	cand_gen_free(g);
	cand_dict_free(d);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_candidates_each_once(void **state)
{
	struct cand_dict *d = dict();
	/* Names that are also common passwords and French words. */
	struct cand_context ctx = { "nicolas.soleil@lesjardins.fr",
	    "Nicolas Soleil", "Amour" };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	struct cand c;
	char **v = NULL;
	size_t n = 0, cap = 0, i, repeats = 0;

	(void)state;
	/*
	 * Across phases and lists (Azerty as a capitalised walk and as a
	 * capitalised common password, soleil12 with a short suffix and
	 * with two digits, nicolas123 as a name and as a common password's
	 * suffix form), no candidate comes twice.
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
	assert_true(n > 10000);
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
test_candidates_birth_years_and_company(void **state)
{
	struct cand_dict *d = dict();
	struct cand_context ctx = { "jean.dupont@lesjardins.fr",
	    "Jean Dupont", NULL };
	struct cand_gen *g = cand_gen_new(d, &ctx);
	static const char *const sym[] = {
		"lesjardins#", "lesjardins@", "Lesjardins*", "lesjardins."
	};
	static const char *const year_sym[] = {
		"Lesjardins2026!", "lesjardins2025#", "Lesjardins2024@",
		"lesjardins2027*", "lesjardins2026."
	};
	int64_t p, p_next;
	uint32_t tag;
	size_t i;

	(void)state;
	/*
	 * A birth year's two digits come with the person's recent years,
	 * before the names reversed.
	 */
	p_next = find(g, "tnopud", NULL);
	p = find(g, "dupont85", &tag);
	assert_true(p > 0 && p < p_next);
	assert_string_equal(cls(tag), "mailbox name + year");
	p = find(g, "Jean79", NULL);
	assert_true(p > 0 && p < p_next);
	assert_true(find(g, "dupont2024", NULL) < find(g, "dupont85", NULL));
	assert_true(find(g, "dupont85", NULL) < find(g, "dupont1970", NULL));
	/*
	 * The company's symbols come with its birth years, before the
	 * commonest French words with the eight years before the recent
	 * ones.
	 */
	p_next = find(g, "chocolat2020", NULL);
	for (i = 0; i < sizeof(sym) / sizeof(*sym); i++) {
		p = find(g, sym[i], &tag);
		assert_true(p > 0 && p < p_next);
		assert_string_equal(cls(tag), "domain name + symbol");
	}
	/*
	 * After a dot, and the company's name with this year and a symbol,
	 * come with the person's years and '!', before the commonest French
	 * words capitalised.
	 */
	p_next = find(g, "Chocolat", NULL);
	p = find(g, "dupont.85", &tag);
	assert_true(p > find(g, "dupont1985!", NULL) && p < p_next);
	assert_string_equal(cls(tag), "mailbox name + year and symbol");
	assert_true(find(g, "Jean.90", NULL) < p_next);
	for (i = 0; i < sizeof(year_sym) / sizeof(*year_sym); i++) {
		p = find(g, year_sym[i], &tag);
		assert_true(p > 0 && p < p_next);
		assert_string_equal(cls(tag), "domain name + year and symbol");
	}
	/* '!' is the likeliest symbol after a year. */
	assert_true(find(g, "lesjardins2026!", NULL) <
	    find(g, "lesjardins2026#", NULL));
	cand_gen_free(g);
	cand_dict_free(d);
}

static void
test_candidates_fingerprint(void **state)
{
	struct cand_dict *a = dict(), *b = dict(), *c;
	const char *const other[] = { "soleil", "chocolat" };
	struct cand_lists l = {
		WL(common_fr), WL(common_en), WL(other), WL(words_en),
		WL(firstnames), 2026
	};

	(void)state;
	c = cand_dict_new(&l);
	assert_true(cand_dict_fingerprint(a) == cand_dict_fingerprint(b));
	assert_true(cand_dict_fingerprint(a) != cand_dict_fingerprint(c));
	cand_dict_free(a);
	cand_dict_free(b);
	cand_dict_free(c);
}

static void
test_candidates_empty_lists(void **state)
{
	struct cand_lists l;
	struct cand_dict *d;
	struct cand_context ctx = { "x@y.z", NULL, NULL };
	struct cand_gen *g;
	uint32_t tag;

	(void)state;
	memset(&l, 0, sizeof(l));
	d = cand_dict_new(&l);
	g = cand_gen_new(d, &ctx);
	/* Walks need no dictionary; "x" is too short for a context word. */
	assert_true(find(g, "azerty", &tag) >= 0);
	assert_string_equal(cls(tag), "keyboard walk");
	assert_int_equal(find(g, "x", NULL), -1);
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
		cmocka_unit_test(test_candidates_latin1),
		cmocka_unit_test(test_candidates_context_first),
		cmocka_unit_test(test_candidates_classes),
		cmocka_unit_test(test_candidates_probability_order),
		cmocka_unit_test(test_candidates_no_idle_case_changes),
		cmocka_unit_test(test_candidates_french_first),
		cmocka_unit_test(test_candidates_names_with_accents),
		cmocka_unit_test(test_candidates_seek),
		cmocka_unit_test(test_candidates_no_repeats_of_context),
		cmocka_unit_test(test_candidates_backward_walks),
		cmocka_unit_test(test_candidates_walks_once),
		cmocka_unit_test(test_candidates_each_once),
		cmocka_unit_test(test_candidates_rare_name_forms),
		cmocka_unit_test(test_candidates_birth_years_and_company),
		cmocka_unit_test(test_candidates_fingerprint),
		cmocka_unit_test(test_candidates_empty_lists),
		cmocka_unit_test(test_candidates_class_names),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
