/*
 * Unit tests of the strength module: the vectors of
 * tests/data/strength-vectors.txt (verdict and reason), ISPConfig's own
 * rule against the panel's vectors, the policy's edges (empty, too long,
 * not UTF-8, outside Latin-1), the French feedback and the batch format.
 */
#include "config.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "secret.h"
#include "strength.h"
#include "wordlists.h"

/* Undoes the C escapes of a vector field in place; returns its length. */
static size_t
unescape(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			switch (*r) {
			case 't':
				*w++ = '\t';
				break;
			case 'n':
				*w++ = '\n';
				break;
			case 'x':
				if (isxdigit((unsigned char)r[1]) &&
				    isxdigit((unsigned char)r[2])) {
					char hex[3] = { r[1], r[2], '\0' };

					*w++ = (char)strtol(hex, NULL, 16);
					r += 3;
					continue;
				}
				*w++ = 'x';
				break;
			default:
				*w++ = *r;
			}
			r++;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return w - s;
}

static FILE *
open_data(const char *name)
{
	char path[4096];
	const char *top = getenv("top_srcdir");
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/%s", top ? top : ".",
	    name);
	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	return fp;
}

static void
check(const char *pw, size_t len, const char *const *ctx, size_t nctx,
    enum strength_lang lang, struct strength_result *res)
{
	struct strength_policy p;
	struct errbuf eb;
	struct secret *s;

	strength_policy_default(&p);
	p.lang = lang;
	s = secret_new(SECRET_MAX);
	assert_int_equal(secret_set(s, pw, len, &eb), 0);
	assert_int_equal(strength_check(s, ctx, nctx, &p, res, &eb), 0);
	secret_free(s);
}

static void
test_strength_vectors(void **state)
{
	char line[1024], *f[4], *ctx[8], *save, *c;
	struct strength_result res;
	size_t nctx, k, n = 0, len;
	FILE *fp = open_data("strength-vectors.txt");
	int bad = 0;

	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		f[0] = line;
		for (k = 1; k < 4; k++) {
			if ((f[k] = strchr(f[k - 1], '\t')) == NULL)
				fail_msg("bad vector: %s", line);
			*f[k]++ = '\0';
		}
		len = unescape(f[1]);
		nctx = 0;
		if (strcmp(f[2], "-") != 0)
			for (c = strtok_r(f[2], ";", &save); c != NULL &&
			    nctx < 8; c = strtok_r(NULL, ";", &save))
				ctx[nctx++] = c;
		check(f[1], len, (const char *const *)ctx, nctx,
		    STRENGTH_LANG_EN, &res);
		if (res.strong != (strcmp(f[0], "strong") == 0) ||
		    (strcmp(f[3], "-") != 0 && strstr(res.reason, f[3]) ==
		    NULL)) {
			print_message("# %s: got %s %.1f \"%s\", want %s "
			    "\"%s\"\n", f[1], res.strong ? "strong" : "weak",
			    res.log10_guesses, res.reason, f[0], f[3]);
			bad++;
		}
		if (res.strong)
			assert_string_equal(res.reason, "");
		else
			assert_true(res.reason[0] != '\0');
		n++;
	}
	fclose(fp);
	assert_true(n >= 40);
	assert_int_equal(bad, 0);
}

static void
test_strength_ispconfig_vectors(void **state)
{
	char line[512], *pw, *bytes, *score;
	size_t len, n = 0;
	FILE *fp = open_data("strength-ispconfig.txt");

	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\n")] = '\0';
		pw = line;
		bytes = strchr(pw, '\t');
		assert_non_null(bytes);
		*bytes++ = '\0';
		score = strchr(bytes, '\t');
		assert_non_null(score);
		*score++ = '\0';
		len = unescape(pw);
		assert_int_equal(len, strtoul(bytes, NULL, 10));
		if (strength_ispconfig(pw, len) != atoi(score))
			fail_msg("ISPConfig strength of \"%s\": got %d, want "
			    "%s", pw, strength_ispconfig(pw, len), score);
		n++;
	}
	fclose(fp);
	assert_true(n >= 30);
}

/* ISPConfig's rule decides alone when the estimate is high enough. */
static void
test_strength_ispconfig_policy(void **state)
{
	struct strength_result res;
	struct strength_policy p;
	struct errbuf eb;
	struct secret *s = secret_new(64);

	strength_policy_default(&p);
	p.lang = STRENGTH_LANG_EN;
	p.min_log10 = 0;
	secret_set(s, "password", 8, &eb);
	assert_int_equal(strength_check(s, NULL, 0, &p, &res, &eb), 0);
	assert_false(res.strong);
	assert_non_null(strstr(res.reason, "ISPConfig rates it \"Fair\""));
	secret_set(s, "Pa1!xyz", 7, &eb);
	assert_int_equal(strength_check(s, NULL, 0, &p, &res, &eb), 0);
	assert_false(res.strong);
	assert_non_null(strstr(res.reason, "at least 8"));
	secret_set(s, "Pa1!xyzw", 8, &eb);
	assert_int_equal(strength_check(s, NULL, 0, &p, &res, &eb), 0);
	assert_true(res.strong);
	assert_int_equal(res.ispconfig, 4);
	secret_free(s);
}

static void
test_strength_latin1(void **state)
{
	struct strength_result res;

	/* é and ß are Latin-1; € (U+20AC) and œ (U+0153) are not. */
	check("ç@7Gé!mPzß9Lq", strlen("ç@7Gé!mPzß9Lq"), NULL, 0,
	    STRENGTH_LANG_EN, &res);
	assert_true(res.strong);
	check("x7#Kq9!mœPz2Lw", strlen("x7#Kq9!mœPz2Lw"), NULL, 0,
	    STRENGTH_LANG_EN, &res);
	assert_false(res.strong);
	assert_non_null(strstr(res.reason, "U+0153"));
}

static void
test_strength_not_utf8(void **state)
{
	struct strength_policy p;
	struct strength_result res;
	struct errbuf eb;
	struct secret *s = secret_new(64);
	static const char *const bad[] = {
		"abc\xe9" "defgh", "\xc0\xaf" "abcdefgh", "ab\xed\xa0\x80xyzw",
		"abcdefg\xf0\x9f"
	};
	size_t k;

	strength_policy_default(&p);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		secret_set(s, bad[k], strlen(bad[k]), &eb);
		assert_int_equal(strength_check(s, NULL, 0, &p, &res, &eb),
		    ISPM_EDATA);
	}
	secret_free(s);
}

static void
test_strength_length_cap(void **state)
{
	char pw[STRENGTH_MAX_LEN + 2];
	struct strength_result res;
	size_t k;

	for (k = 0; k < sizeof(pw); k++)
		pw[k] = "aZ3!kq9#Lm"[k % 10];
	check(pw, STRENGTH_MAX_LEN, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_true(res.strong);
	check(pw, STRENGTH_MAX_LEN + 1, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_false(res.strong);
	assert_non_null(strstr(res.reason, "longer than 128"));
}

/* Characters, not bytes: sécurité is eight. */
static void
test_strength_counts_characters(void **state)
{
	struct strength_result res;

	check("kzqwvbh", 7, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_true(res.log10_guesses > 6 && res.log10_guesses < 7.5);
	check("kzqwvbé", strlen("kzqwvbé"), NULL, 0, STRENGTH_LANG_EN, &res);
	assert_true(res.log10_guesses > 6 && res.log10_guesses < 7.5);
}

static void
test_strength_french(void **state)
{
	struct strength_result res;

	check("azertyuiop", 10, NULL, 0, STRENGTH_LANG_FR, &res);
	assert_string_equal(res.reason, "suite de touches 'azertyuiop'");
	assert_true(res.log10_guesses < 2);
	/* the same keys as "qazwsx" and "qwer1234" on QWERTY */
	check("aqwzsx", 6, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_string_equal(res.reason, "keyboard walk 'aqwzsx'");
	assert_true(res.log10_guesses < 2.5);
	check("azer1234", 8, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_string_equal(res.reason, "keyboard walk 'azer1234'");
	assert_true(res.log10_guesses < 3);
	check("Bienvenue2025!", 14, NULL, 0, STRENGTH_LANG_FR, &res);
	assert_string_equal(res.reason, "mot français + année + symbole");
	check("password", 8, NULL, 0, STRENGTH_LANG_FR, &res);
	assert_string_equal(res.reason, "mot de passe courant (rang 2)");
	/* the joining word of a phrase is no part of its own */
	check("rendezlamonnaie", 15, NULL, 0, STRENGTH_LANG_FR, &res);
	assert_string_equal(res.reason, "mot français + mot français");
	/* French-looking letters no list has are not "too short" */
	check("morcheville", 11, NULL, 0, STRENGTH_LANG_FR, &res);
	assert_string_equal(res.reason,
	    "lettres qui se lisent comme un mot ou un nom français");
	check("xkqzpfmw", 8, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_string_equal(res.reason, "too short (8 characters)");
}

/* The rank of word in the password list, 0 when absent. */
static size_t
password_rank(const char *word)
{
	struct wordlist_iter it;
	const char *w;
	size_t len, r = 0;

	wordlist_iter_init(&it, WORDLIST_PASSWORDS);
	while (wordlist_iter_next(&it, &w, &len)) {
		r++;
		if (len == strlen(word) && memcmp(w, word, len) == 0)
			return r;
	}
	return 0;
}

/*
 * France's favourite passwords stay in the password list, the list the
 * audit tries by frequency, though a pet, a town or a first name is the
 * same word; the estimator still names them by their best list.
 */
static void
test_strength_no_ranked_password_lost(void **state)
{
	static const char *const fav[] = {
		"loulou", "doudou", "chouchou", "marseille", "camille",
		"soleil", "nicolas", "princesse"
	};
	struct strength_result res;
	size_t k, r;

	for (k = 0; k < sizeof(fav) / sizeof(fav[0]); k++) {
		r = password_rank(fav[k]);
		if (r == 0 || r > 50000)
			fail_msg("'%s' at rank %zu of the password list", fav[k],
			    r);
	}
	check("marseille", 9, NULL, 0, STRENGTH_LANG_EN, &res);
	assert_string_equal(res.reason, "place name");
	/* where the audit tries it: after about a hundred guesses */
	assert_true(res.log10_guesses < 2.5);
}

static void
test_strength_lang_from_env(void **state)
{
	setenv("LC_ALL", "", 1);
	setenv("LC_MESSAGES", "fr_FR.UTF-8", 1);
	setenv("LANG", "en_GB.UTF-8", 1);
	assert_int_equal(strength_lang_from_env(), STRENGTH_LANG_FR);
	setenv("LC_ALL", "C", 1);
	assert_int_equal(strength_lang_from_env(), STRENGTH_LANG_EN);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_int_equal(strength_lang_from_env(), STRENGTH_LANG_EN);
}

static void
test_strength_batch_format(void **state)
{
	struct strength_result res;
	char buf[300];

	memset(&res, 0, sizeof(res));
	res.strong = 1;
	res.log10_guesses = 12.345;
	assert_int_equal(strength_format_batch(&res, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "strong\t12.3\t");
	res.strong = 0;
	res.log10_guesses = 3.96;
	snprintf(res.reason, sizeof(res.reason), "keyboard walk 'a\tz'");
	assert_int_equal(strength_format_batch(&res, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "weak\t4.0\tkeyboard walk 'a z'");
	assert_int_equal(strength_format_batch(&res, buf, 8), ISPM_EINTERNAL);
}

static void
test_strength_crack_time(void **state)
{
	char buf[64];

	strength_crack_time(0, 10, STRENGTH_LANG_EN, buf, sizeof(buf));
	assert_string_equal(buf, "less than a second");
	strength_crack_time(log10(3 * 3600 * 10.0), 10, STRENGTH_LANG_EN, buf,
	    sizeof(buf));
	assert_string_equal(buf, "3 hours");
	/* One of a unit is singular, also when it is rounded to one. */
	strength_crack_time(log10(1.2 * 86400 * 10.0), 10, STRENGTH_LANG_EN, buf,
	    sizeof(buf));
	assert_string_equal(buf, "1 day");
	strength_crack_time(log10(1.4 * 31536000 * 10.0), 10, STRENGTH_LANG_FR,
	    buf, sizeof(buf));
	assert_string_equal(buf, "1 an");
	strength_crack_time(log10(1.6 * 31536000 * 10.0), 10, STRENGTH_LANG_FR,
	    buf, sizeof(buf));
	assert_string_equal(buf, "2 ans");
	strength_crack_time(30, 1e6, STRENGTH_LANG_FR, buf, sizeof(buf));
	assert_string_equal(buf, "des siècles");
	/* After a number, the unit alone: "centuries" is two texts. */
	strength_crack_time(log10(5 * 3153600000.0 * 10.0), 10,
	    STRENGTH_LANG_FR, buf, sizeof(buf));
	assert_string_equal(buf, "5 siècles");
	strength_crack_time(log10(5 * 3153600000.0 * 10.0), 10,
	    STRENGTH_LANG_EN, buf, sizeof(buf));
	assert_string_equal(buf, "5 centuries");
}

/* The printf conversions of s, in order, into out ("%u%s"...). */
static void
conversions(const char *s, char *out, size_t size)
{
	size_t o = 0;

	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		do {
			assert_true(o + 1 < size);
			out[o++] = *s++;
		} while (*s != '\0' && strchr("diouxXeEfgGcspn%", *s) == NULL);
		assert_true(*s != '\0' && o + 1 < size);
		out[o++] = *s;
	}
	out[o] = '\0';
}

/* Every language's table: sorted keys, each translated once, with the
 * key's conversions; a text the table lacks reads in English. */
static void
test_strength_msg_tables(void **state)
{
	static const enum strength_lang langs[] = { STRENGTH_LANG_FR };
	const struct strength_msg *tab;
	char want[32], got[32];
	size_t n, k, l;

	(void)state;
	assert_null(strength_msg_table(STRENGTH_LANG_EN, &n));
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		tab = strength_msg_table(langs[l], &n);
		assert_non_null(tab);
		assert_true(n > 0);
		for (k = 0; k < n; k++) {
			if (k > 0)
				assert_true(strcmp(tab[k - 1].en, tab[k].en) <
				    0);
			conversions(tab[k].en, want, sizeof(want));
			conversions(tab[k].text, got, sizeof(got));
			assert_string_equal(got, want);
			assert_ptr_equal(strength_msg(langs[l], tab[k].en),
			    tab[k].text);
		}
	}
	assert_string_equal(strength_msg(STRENGTH_LANG_FR, "year"), "année");
	assert_string_equal(strength_msg(STRENGTH_LANG_EN, "year"), "year");
	assert_string_equal(strength_msg(STRENGTH_LANG_FR, "no such text"),
	    "no such text");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strength_vectors),
		cmocka_unit_test(test_strength_ispconfig_vectors),
		cmocka_unit_test(test_strength_ispconfig_policy),
		cmocka_unit_test(test_strength_latin1),
		cmocka_unit_test(test_strength_not_utf8),
		cmocka_unit_test(test_strength_msg_tables),
		cmocka_unit_test(test_strength_length_cap),
		cmocka_unit_test(test_strength_counts_characters),
		cmocka_unit_test(test_strength_french),
		cmocka_unit_test(test_strength_no_ranked_password_lost),
		cmocka_unit_test(test_strength_lang_from_env),
		cmocka_unit_test(test_strength_batch_format),
		cmocka_unit_test(test_strength_crack_time),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
