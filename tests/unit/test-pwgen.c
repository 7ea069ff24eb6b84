/*
 * Unit tests of the generator: lengths and word counts, the alphabet and
 * the passphrase shape, character frequencies within a chi-square bound,
 * that every password handed out passes the strength policy, and the
 * panel's minimum length (20 on a real panel) is met.
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

#include "pwgen.h"
#include "secret.h"
#include "strength.h"
#include "../../src/strength/pwgen-int.h"

#define NRUNS 400

static struct strength_policy policy;

static int
gen(enum pwgen_style style, size_t n, struct secret *out)
{
	struct pwgen_opts o;
	struct errbuf eb;

	memset(&o, 0, sizeof(o));
	o.style = style;
	o.length = n;
	o.words = n;
	return pwgen_generate(&o, &policy, NULL, 0, out, &eb);
}

static void
assert_passes(const struct secret *s)
{
	struct strength_result res;
	struct errbuf eb;

	assert_int_equal(strength_check(s, NULL, 0, &policy, &res, &eb), 0);
	if (!res.strong)
		fail_msg("generated password refused: %s", res.reason);
	assert_true(strength_ispconfig(s->buf, s->len) >= 3);
}

/*
 * Chi-square of counts against a uniform distribution over k cells, with
 * a bound at its 1 - 3e-7 quantile (df = k - 1, z = 5, Wilson-Hilferty),
 * so that a correct generator fails about never and a biased one fails
 * at once. Six standard deviations above the mean were not enough: the
 * distribution is skewed, and for 3 degrees of freedom that bound (17.7)
 * is passed once in 2,000 runs.
 */
static void
assert_uniform(const unsigned long *count, size_t k, const char *what)
{
	double total = 0, expect, chi = 0, df = k - 1, a = 2 / (9 * df);
	size_t i;

	for (i = 0; i < k; i++)
		total += count[i];
	expect = total / k;
	for (i = 0; i < k; i++)
		chi += (count[i] - expect) * (count[i] - expect) / expect;
	if (chi > df * pow(1 - a + 5 * sqrt(a), 3))
		fail_msg("%s: chi-square %.1f over %zu cells", what, chi, k);
}

static void
test_pwgen_chars(void **state)
{
	static const char *const classes[] = {
		PWGEN_LOWER, PWGEN_UPPER, PWGEN_DIGITS, PWGEN_SYMBOLS
	};
	unsigned long count[4][32];
	struct secret *s = secret_new(SECRET_MAX);
	const char *p;
	size_t i, c, len;
	int run;

	memset(count, 0, sizeof(count));
	for (run = 0; run < NRUNS * 4; run++) {
		len = run < NRUNS ? PWGEN_DEFAULT_LENGTH : 12 + run % 53;
		assert_int_equal(gen(PWGEN_CHARS, len, s), 0);
		assert_int_equal(s->len, len);
		assert_int_equal(strlen(s->buf), len);
		for (i = 0; i < len; i++) {
			assert_null(strchr("0O1lI", s->buf[i]));
			for (c = 0; c < 4; c++)
				if ((p = strchr(classes[c], s->buf[i])) != NULL)
					break;
			assert_true(c < 4);
			count[c][p - classes[c]]++;
		}
		for (c = 0; c < 4; c++)
			assert_true(strpbrk(s->buf, classes[c]) != NULL);
		if (run < NRUNS)
			assert_passes(s);
	}
	/* Within a class every character is equally likely; across classes
	 * the "one of each" rule shifts the shares a little, as intended. */
	for (c = 0; c < 4; c++)
		assert_uniform(count[c], strlen(classes[c]), classes[c]);
	secret_free(s);
}

static int
in_list(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < PWGEN_NWORDS; i++)
		if (strlen(pwgen_words[i]) == len &&
		    memcmp(pwgen_words[i], w, len) == 0)
			return 1;
	return 0;
}

static void
test_pwgen_words(void **state)
{
	struct secret *s = secret_new(SECRET_MAX);
	unsigned long digits[10], seps[4];
	size_t n, words, i, start, ndigit;
	char sep, *q;
	int run;

	memset(digits, 0, sizeof(digits));
	memset(seps, 0, sizeof(seps));
	for (run = 0; run < NRUNS; run++) {
		n = run < NRUNS / 2 ? PWGEN_DEFAULT_WORDS : 4 + run % 7;
		assert_int_equal(gen(PWGEN_WORDS, n, s), 0);
		assert_passes(s);
		sep = s->buf[strcspn(s->buf, PWGEN_SEPARATORS)];
		assert_non_null(q = strchr(PWGEN_SEPARATORS, sep));
		seps[q - PWGEN_SEPARATORS]++;
		words = 0;
		ndigit = 0;
		for (start = 0, i = 0; i <= s->len; i++) {
			if (i < s->len && s->buf[i] != sep)
				continue;
			/* a word, with its digit at the end if it has it */
			if (s->buf[i - 1] >= '0' && s->buf[i - 1] <= '9') {
				digits[s->buf[i - 1] - '0']++;
				ndigit++;
				assert_true(in_list(s->buf + start,
				    i - 1 - start));
			} else
				assert_true(in_list(s->buf + start,
				    i - start));
			words++;
			start = i + 1;
		}
		assert_int_equal(words, n);
		assert_int_equal(ndigit, 1);
	}
	assert_uniform(digits, 10, "digits");
	assert_uniform(seps, 4, "separators");
	secret_free(s);
}

static void
test_pwgen_word_list(void **state)
{
	size_t i, k;

	for (i = 0; i < PWGEN_NWORDS; i++) {
		assert_true(strlen(pwgen_words[i]) >= 4 &&
		    strlen(pwgen_words[i]) <= 8);
		for (k = 0; pwgen_words[i][k] != '\0'; k++)
			assert_true(pwgen_words[i][k] >= 'a' &&
			    pwgen_words[i][k] <= 'z');
		if (i > 0)
			assert_string_not_equal(pwgen_words[i],
			    pwgen_words[i - 1]);
	}
}

static void
test_pwgen_ranges(void **state)
{
	struct secret *s = secret_new(SECRET_MAX);

	assert_int_equal(gen(PWGEN_CHARS, 11, s), ISPM_EUSAGE);
	assert_int_equal(gen(PWGEN_CHARS, 65, s), ISPM_EUSAGE);
	assert_int_equal(gen(PWGEN_WORDS, 3, s), ISPM_EUSAGE);
	assert_int_equal(gen(PWGEN_WORDS, 11, s), ISPM_EUSAGE);
	assert_int_equal(gen(PWGEN_CHARS, 12, s), 0);
	assert_int_equal(gen(PWGEN_WORDS, 10, s), 0);
	secret_free(s);
}

static void
test_pwgen_min_length(void **state)
{
	struct strength_policy saved = policy;
	struct secret *s = secret_new(SECRET_MAX);
	int run;

	for (run = 0; run < 50; run++) {
		policy.ispc_min_length = 20 + run % 3 * 10;
		assert_int_equal(gen(PWGEN_CHARS, PWGEN_DEFAULT_LENGTH, s), 0);
		assert_int_equal(s->len, policy.ispc_min_length);
		assert_passes(s);
		/* Asked for more than the minimum: as asked. */
		assert_int_equal(gen(PWGEN_CHARS, 48, s), 0);
		assert_int_equal(s->len, 48);
		assert_int_equal(gen(PWGEN_WORDS, 4, s), 0);
		assert_true(s->len >= (size_t)policy.ispc_min_length);
		assert_passes(s);
	}
	policy.ispc_min_length = 64;
	assert_int_equal(gen(PWGEN_WORDS, 4, s), 0);
	assert_true(s->len >= 64);
	assert_int_equal(gen(PWGEN_CHARS, 12, s), 0);
	assert_int_equal(s->len, 64);
	policy.ispc_min_length = 65;
	assert_int_equal(gen(PWGEN_CHARS, 12, s), ISPM_ECONFIG);
	assert_int_equal(gen(PWGEN_WORDS, 4, s), ISPM_ECONFIG);
	policy = saved;
	secret_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pwgen_chars),
		cmocka_unit_test(test_pwgen_words),
		cmocka_unit_test(test_pwgen_word_list),
		cmocka_unit_test(test_pwgen_ranges),
		cmocka_unit_test(test_pwgen_min_length),
	};

	if (sodium_init() < 0)
		return 1;
	strength_policy_default(&policy);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
