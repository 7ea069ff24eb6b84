/*
 * Password generator. Randomness comes from libsodium's
 * randombytes_uniform() only, which has no modulo bias. Two styles:
 *
 *   chars: length characters from 69 without look-alikes, each of the four
 *          classes present so that ISPConfig rates it "Very Strong";
 *          16 characters carry about 97.4 bits.
 *   words: words from 8,192 common accent-free French words (13 bits each),
 *          one separator out of 4 and one digit (10) after one of the words;
 *          5 words carry 65 + 2 + 3.3 + 2.3 = 72.6 bits.
 *
 * A candidate that the strength policy would refuse is drawn again, so
 * what we hand out always passes strength_check(); that costs a small
 * fraction of a bit. The policy's ISPConfig minimum length (a panel may
 * ask for 20) is met by construction rather than by drawing again: chars
 * are made that long, and a passphrase gets words until it is, since a
 * length no draw can reach would otherwise exhaust the tries.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pwgen.h"
#include "pwgen-int.h"
#include "strength.h"

#define PWGEN_MIN_LENGTH	12	/* 10^12 guesses at the estimator's 10/char */
#define PWGEN_MAX_LENGTH	64
#define PWGEN_MIN_WORDS		4
#define PWGEN_MAX_WORDS		10
#define PWGEN_TRIES		100

static const char pwgen_alphabet[] =
    PWGEN_LOWER PWGEN_UPPER PWGEN_DIGITS PWGEN_SYMBOLS;

static int
has_any(const char *s, size_t len, const char *set)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr(set, s[i]) != NULL)
			return 1;
	return 0;
}

static void
gen_chars(size_t length, struct secret *out)
{
	size_t i, n = sizeof(pwgen_alphabet) - 1;

	do {
		for (i = 0; i < length; i++)
			out->buf[i] = pwgen_alphabet[randombytes_uniform(n)];
	} while (!has_any(out->buf, length, PWGEN_LOWER) ||
	    !has_any(out->buf, length, PWGEN_UPPER) ||
	    !has_any(out->buf, length, PWGEN_DIGITS) ||
	    !has_any(out->buf, length, PWGEN_SYMBOLS));
	out->buf[length] = '\0';
	out->len = length;
}

/*
 * At least words words, more while shorter than min_len; out->cap was
 * checked for words (at most 8 letters, a separator and a digit a word)
 * and for min_len (up to PWGEN_MAX_LENGTH, a word adding at least 5).
 */
static void
gen_words(size_t words, size_t min_len, struct secret *out)
{
	const char *w;
	size_t i, len = 0, wl, digit_after;
	char sep;

	sep = PWGEN_SEPARATORS[randombytes_uniform(
	    sizeof(PWGEN_SEPARATORS) - 1)];
	digit_after = randombytes_uniform(words);
	for (i = 0; i < words || len < min_len; i++) {
		w = pwgen_words[randombytes_uniform(PWGEN_NWORDS)];
		wl = strlen(w);
		if (i > 0)
			out->buf[len++] = sep;
		memcpy(out->buf + len, w, wl);
		len += wl;
		if (i == digit_after)
			out->buf[len++] = '0' + randombytes_uniform(10);
	}
	out->buf[len] = '\0';
	out->len = len;
}

/* see pwgen.h */
int
pwgen_generate(const struct pwgen_opts *opts,
    const struct strength_policy *policy, const char *const *context,
    size_t ncontext, struct secret *out, struct errbuf *eb)
{
	struct strength_result res;
	size_t min_len = policy->ispc_min_length > 0 ?
	    (size_t)policy->ispc_min_length : 0, length;
	int r, tries;

	if (opts->style == PWGEN_CHARS && (opts->length < PWGEN_MIN_LENGTH ||
	    opts->length > PWGEN_MAX_LENGTH))
		return err_set(eb, ISPM_EUSAGE, "length must be between %d "
		    "and %d characters", PWGEN_MIN_LENGTH, PWGEN_MAX_LENGTH);
	if (opts->style == PWGEN_WORDS && (opts->words < PWGEN_MIN_WORDS ||
	    opts->words > PWGEN_MAX_WORDS))
		return err_set(eb, ISPM_EUSAGE, "the number of words must be "
		    "between %d and %d", PWGEN_MIN_WORDS, PWGEN_MAX_WORDS);
	if (min_len > PWGEN_MAX_LENGTH)
		return err_set(eb, ISPM_ECONFIG, "the panel's minimum password "
		    "length (%zu) is over the generator's %d characters",
		    min_len, PWGEN_MAX_LENGTH);
	length = opts->length > min_len ? opts->length : min_len;
	if (out->cap < PWGEN_MAX_LENGTH + 10 ||
	    (opts->style == PWGEN_WORDS && out->cap < opts->words * 10 + 1))
		return err_set(eb, ISPM_EINTERNAL, "secret buffer too small");
	for (tries = 0; tries < PWGEN_TRIES; tries++) {
		secret_clear(out);
		if (opts->style == PWGEN_CHARS)
			gen_chars(length, out);
		else
			gen_words(opts->words, min_len, out);
		if ((r = strength_check(out, context, ncontext, policy, &res,
		    eb)) != 0) {
			secret_clear(out);
			return r;
		}
		if (res.strong)
			return 0;
	}
	secret_clear(out);
	return err_set(eb, ISPM_EINTERNAL, "no generated password passed "
	    "the strength policy in %d tries (threshold 10^%.1f)",
	    PWGEN_TRIES, policy->min_log10);
}
