/*
 * The cover: the cheapest way to write the password as a sequence of the
 * matchers' parts and brute force, by dynamic programming over its
 * positions, with what each kind of part and each stretch of brute force
 * costs.  Below it the matchers (strength-match.c) and the tables
 * (strength-data.c); above it the estimator (strength.c), which gives the
 * matchers the cover of a repeat's base and turns the cover into a
 * verdict and feedback.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "strength-cover.h"
#include "strength-int.h"
#include "strength-model.h"

/*
 * What each extra part of a cover costs on top of its own guesses, log10.
 * zxcvbn adds a flat 10^4 per extra part and so prices "Jetaime2024!" as a
 * hard password; an attacker's rules append years, dates, digits and a
 * symbol to every word first, so those cost almost nothing more.
 */
#define PEN_DECORATION	0.0	/* year, date, digits, a few symbols */
#define PEN_WORD	0.1	/* another word, walk, sequence */
#define PEN_BRUTE	1.0	/* characters that follow no pattern */
/* Digits and symbols are appended, or put between two words as one
 * separator ("marie&paul"); a run of two or more in the middle is what
 * generators do ("x7#Qa"): priced as brute force, with this on top. */
#define PEN_MIDDLE	0.5
/* '&' or '+' between two letters joins a couple ("marie&paul"): one of a
 * few connectors, log10 guesses. */
#define COST_CONNECTOR	0.5
/* What people put between two words: one is cheap (see brute_cost()). */
#define SEPARATORS	"-_. &+@/'*!#$"
/* The twenty symbols other than SUFFIX_SYMBOLS are what generators put
 * anywhere: appended, each costs this more. */
#define RARE_SYMBOL	0.5
/* A glue word (SM_GLUE), or any word of SHORT_WORD letters or fewer,
 * after brute force that is not all lower case ("fjl" in a town nobody
 * listed is, "2Kefjl" is not) costs this more: in random text such words
 * are chance ("kZItevSu2Sur"). */
#define GLUE_AFTER_BRUTE 0.5
#define SHORT_WORD	4

/*
 * Brute force, log10 per character: zxcvbn's 10 for digits, less for
 * lower-case letters, whose runs outside our dictionaries are mostly words
 * of other languages and transliterations ("dfkthmtdyf") rather than
 * random, more for capitals and symbols in the middle of a password,
 * where people seldom put them and generators always do.
 */
#define BRUTE_PER_CHAR	1.0
#define BRUTE_PER_LOWER	0.9
#define BRUTE_PER_OTHER	1.2
/* A run of brute force that mixes three classes or more, symbols among
 * them ("w'0vovy"), is not a word nobody listed but a generator's output:
 * per character. (Without symbols, too many leaked passwords look so.) */
#define BRUTE_MIXED	1.5

/* Letters nobody listed are priced by the cheaper of two letter models,
 * the words' and the places' (brute_char()); an attacker who runs both
 * spends twice the guesses, log10(2) more. */
#define MARKOV_CHOICE	0.3

static int
is_letter(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	    (c >= 0xc0 && c != 0xd7 && c != 0xf7);
}

static int
is_lower(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c != 0xf7);
}

/* see strength-cover.h */
void
strength_count_classes(const struct strength_pw *pw, size_t i, size_t j,
    size_t *digits, size_t *letters)
{
	*digits = *letters = 0;
	for (; i < j; i++) {
		if (pw->raw[i] >= '0' && pw->raw[i] <= '9')
			(*digits)++;
		else if (is_letter(pw->raw[i]))
			(*letters)++;
	}
}

/* see strength-cover.h */
int
strength_is_decoration(const struct strength_pw *pw, size_t i, size_t j)
{
	size_t digits, letters;

	strength_count_classes(pw, i, j, &digits, &letters);
	return digits == j - i || (j - i <= 4 && letters == 0);
}

/* Prefix sums over the password, so that any stretch is priced in
 * constant time: brute force under each letter model, then the counts of
 * digits, letters, lower-case letters, connectors, separators and
 * symbols seldom appended. */
struct sums {
	double	bf[STRENGTH_MARKOV_MODELS][129];
	uint8_t	dg[129], lt[129], lw[129], cn[129], sp[129], rs[129];
};

/*
 * Brute force over raw[i..j) from the prefix sums of strength_cover(),
 * with its penalty as a part after the first. Digits, or a few digits and
 * symbols without letters, are appended to words like years: they are
 * chosen like digits and add nothing as a part (see strength_is_decoration()).
 */
static double
brute_cost(const struct sums *p, size_t i, size_t j, size_t n)
{
	int dec = (size_t)(p->dg[j] - p->dg[i]) == j - i ||
	    (j - i <= 4 && p->lt[j] == p->lt[i]);
	int classes;
	double c;

	if (dec && i > 0 && j < n && j - i >= 2)
		return p->bf[0][j] - p->bf[0][i] + PEN_MIDDLE;
	if (j - i == 1 && p->cn[j] > p->cn[i] && i > 0 && j < n &&
	    p->lt[i] > p->lt[i - 1] && p->lt[j + 1] > p->lt[j])
		return COST_CONNECTOR;
	/* one symbol in the middle: a separator people use, or one of the
	 * thirty others that only generators put there */
	if (dec && j - i == 1 && i > 0 && j < n && p->sp[j] == p->sp[i] &&
	    p->dg[j] == p->dg[i])
		return p->bf[0][j] - p->bf[0][i] + PEN_MIDDLE;
	if (dec)
		return (j - i) * BRUTE_PER_CHAR + (p->rs[j] - p->rs[i]) *
		    RARE_SYMBOL + (i == 0 ? 0 : PEN_DECORATION);
	classes = (p->lw[j] > p->lw[i]) + (p->lt[j] - p->lt[i] > p->lw[j] -
	    p->lw[i]) + (p->dg[j] > p->dg[i]) + ((j - i) > (size_t)(p->lt[j] -
	    p->lt[i]) + (p->dg[j] - p->dg[i]));
	c = p->bf[0][j] - p->bf[0][i];
	if (p->bf[1][j] - p->bf[1][i] + MARKOV_CHOICE < c)
		c = p->bf[1][j] - p->bf[1][i] + MARKOV_CHOICE;
	/* a symbol before the run's last character, which may be appended */
	if (classes >= 3 && (j - 1 - i) > (size_t)(p->lt[j - 1] - p->lt[i]) +
	    (p->dg[j - 1] - p->dg[i]) && c < (j - i) * BRUTE_MIXED)
		c = (j - i) * BRUTE_MIXED;
	return c + (i == 0 ? 0 : PEN_BRUTE);
}

static double
penalty(const struct strength_match *m)
{
	if (m->i == 0)
		return 0;
	switch (m->kind) {
	case SK_DATE:
	case SK_DAYMONTH:
	case SK_YEAR:
	case SK_DEPT:
	case SK_SUFFIX:
		return PEN_DECORATION;
	case SK_DICT:
		/* la, et, est: the glue of phrases is not a choice of its own. */
		return m->j - m->i <= 3 || (m->flags & SM_GLUE) ? 0 : PEN_WORD;
	default:
		return PEN_WORD;
	}
}

static int
az(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
}

/* Brute force for one character at the flat prices. */
static double
flat_char(unsigned char r)
{
	return r >= '0' && r <= '9' ? BRUTE_PER_CHAR :
	    r >= 'a' && r <= 'z' ? BRUTE_PER_LOWER : BRUTE_PER_OTHER;
}

/* see strength-cover.h */
double
strength_flat_cost(const struct strength_pw *pw, size_t i, size_t j)
{
	double c = 0;

	for (; i < j; i++)
		c += flat_char(pw->raw[i]);
	return c;
}

/*
 * Brute force for character k under each letter model (see
 * strength-int.h), into c[model]: a letter costs what the model says when
 * that is less than the flat price, so that a town or a word the lists
 * lack ("foulayronnes") costs what French-looking letters cost, and random
 * letters no less than the flat price.
 */
static void
brute_char(const struct strength_pw *pw, size_t k,
    double c[STRENGTH_MARKOV_MODELS])
{
	unsigned char r = pw->raw[k];
	double mc;
	size_t row, scale, t;
	int l, m;

	for (m = 0; m < STRENGTH_MARKOV_MODELS; m++)
		c[m] = flat_char(r);
	/* lower case only: capitals inside random text stay dear; digits
	 * and symbols follow no letter model */
	if (!(r >= 'a' && r <= 'z') && !(pw->upper_only && az(pw->f[k])))
		return;
	/* the letters before k, up to the start of their run */
	row = 0;
	scale = 1;
	for (t = 1; t <= STRENGTH_MARKOV_CONTEXT && t <= k &&
	    (l = az(pw->f[k - t])) != 0; t++) {
		row += l * scale;
		scale *= 27;
	}
	for (m = 0; m < STRENGTH_MARKOV_MODELS; m++) {
		mc = strength_markov[m][row][pw->f[k] - 'a'] /
		    STRENGTH_MARKOV_UNIT;
		if (mc < c[m])
			c[m] = mc;
	}
}

/*
 * The prior of a template whose first part is m, followed by more when
 * suffixed, log10: how much rarer than the commonest kind the training
 * passwords show its kind (the base list or pattern, alone or followed
 * by more, as typed, capitalised, in capitals, reversed or in l33t),
 * which the audit adds to order its templates (candidates.c).
 */
static double
template_prior(const struct strength_pw *pw, const struct strength_match *m,
    int suffixed)
{
	size_t k, up = 0, low = 0;
	int list, x;

	switch (m->kind) {
	case SK_CONTEXT:
		list = -1;
		break;
	case SK_DICT:
		list = m->sub;
		break;
	case SK_SPATIAL:
		list = SMODEL_PRIOR_WALK;
		break;
	case SK_SEQUENCE:
		list = SMODEL_PRIOR_SEQUENCE;
		break;
	case SK_REPEAT:
		list = SMODEL_PRIOR_REPEAT;
		break;
	default:
		list = SMODEL_PRIOR_NUMBER;
		break;
	}
	for (k = m->i; k < m->j; k++) {
		up += (pw->raw[k] >= 'A' && pw->raw[k] <= 'Z') ||
		    (pw->raw[k] >= 0xc0 && pw->raw[k] <= 0xde &&
		    pw->raw[k] != 0xd7);
		low += is_lower(pw->raw[k]);
	}
	if (m->flags & SM_REVERSED)
		x = SMODEL_XFORM_REVERSED;
	else if (m->flags & SM_L33T)
		x = SMODEL_XFORM_L33T;
	else if (up > 0 && low == 0)
		x = SMODEL_XFORM_UPPER;
	else if (up == 1 && !is_lower(pw->raw[m->i]))
		x = SMODEL_XFORM_CAP;
	else
		x = SMODEL_XFORM_ASIS;
	return (list < 0 ? 0 : smodel_list_prior(list, suffixed)) +
	    smodel_xform_prior(x);
}

/*
 * Whether the l33t of m is the stream's, which disguises every letter
 * that has a common disguise with it and nothing else, in lower case
 * ("p@55w0rd", not "pa55w0rd", "P@55w0rd" or "p4ssw0rd"); a '1' is
 * taken for an 'i', the letter whose common disguise it is.
 */
static int
stream_l33t(const struct strength_pw *pw, const struct strength_match *m)
{
	size_t k;
	unsigned char c, letter;

	for (k = m->i; k < m->j; k++) {
		c = pw->raw[k];
		if (c >= 'A' && c <= 'Z')
			return 0;
		if (c >= 'a' && c <= 'z') {
			if (smodel_l33t(c) != 0)
				return 0;
		} else if ((letter = strength_unl33t(c, 0)) != 0 &&
		    smodel_l33t(letter) != c)
			return 0;
	}
	return 1;
}

/*
 * Whether m can be a part of a candidate of the audit's stream of a
 * password of n characters: first, a context word, a word of the lists,
 * a walk, a sequence or a repeat, or a number alone; after it, digits
 * and symbols only (its suffixes).
 */
static int
streamable(const struct strength_pw *pw, const struct sums *p,
    const struct strength_match *m, size_t n)
{
	if (m->i > 0)
		return p->lt[m->j] == p->lt[m->i];
	if ((m->flags & SM_L33T) && !stream_l33t(pw, m))
		return 0;
	switch (m->kind) {
	case SK_CONTEXT:
	case SK_DICT:
	case SK_SPATIAL:
	case SK_SEQUENCE:
	case SK_REPEAT:
		return 1;
	case SK_DATE:
	case SK_DAYMONTH:
	case SK_YEAR:
		return m->j == n && p->dg[n] == n;
	default:
		return 0;
	}
}

/* see strength-cover.h */
double
strength_cover(const struct strength_pw *pw, struct strength_match *cover,
    size_t *ncover, enum strength_cover_mode mode)
{
	int prior = mode != SCOVER_RAW;
	double best[129], bc[STRENGTH_MARKOV_MODELS], c;
	struct sums p;
	int16_t from[129];	/* match index, or -1 - start for brute force */
	uint16_t first[130], order[SM_MAX];
	size_t i, j, k, n = pw->n, parts;
	struct strength_match tmp[128];

	memset(first, 0, sizeof(first));
	for (k = 0; k < pw->nm; k++)
		first[pw->m[k].j + 1]++;
	for (j = 1; j <= n + 1; j++)
		first[j] += first[j - 1];
	{
		uint16_t fill[129];

		memcpy(fill, first, sizeof(fill));
		for (k = 0; k < pw->nm; k++)
			order[fill[pw->m[k].j]++] = k;
	}
	p.bf[0][0] = p.bf[1][0] = 0;
	p.dg[0] = p.lt[0] = p.lw[0] = p.cn[0] = p.sp[0] = p.rs[0] = 0;
	for (k = 0; k < n; k++) {
		unsigned char r = pw->raw[k];

		brute_char(pw, k, bc);
		p.bf[0][k + 1] = p.bf[0][k] + bc[0];
		p.bf[1][k + 1] = p.bf[1][k] + bc[1];
		p.dg[k + 1] = p.dg[k] + (r >= '0' && r <= '9');
		p.lt[k + 1] = p.lt[k] + is_letter(r);
		p.lw[k + 1] = p.lw[k] + is_lower(r);
		p.cn[k + 1] = p.cn[k] + (r == '&' || r == '+');
		p.sp[k + 1] = p.sp[k] + (r != 0 && strchr(SEPARATORS, r) !=
		    NULL);
		p.rs[k + 1] = p.rs[k] + (r != 0 && !is_letter(r) &&
		    !(r >= '0' && r <= '9') && strchr(SUFFIX_SYMBOLS, r) ==
		    NULL);
	}
	best[0] = 0;
	for (j = 1; j <= n; j++) {
		best[j] = HUGE_VAL;
		from[j] = -1;
		for (k = first[j]; k < first[j + 1]; k++) {
			const struct strength_match *m = &pw->m[order[k]];

			/* the word a glue word introduces is no new part;
			 * glue after random brute force joins nothing */
			c = best[m->i] + m->cost + (m->i > 0 &&
			    from[m->i] >= 0 &&
			    (pw->m[from[m->i]].flags & SM_GLUE) ? 0 :
			    penalty(m));
			if (prior && m->i == 0)
				c += template_prior(pw, m, j < n);
			if (mode == SCOVER_STREAM && !streamable(pw, &p, m, n))
				continue;
			if ((m->flags & SM_GLUE || (m->kind == SK_DICT &&
			    m->j - m->i <= SHORT_WORD)) && m->i > 0 &&
			    from[m->i] < 0) {
				i = -1 - from[m->i];
				if (p.lw[m->i] - p.lw[i] != m->i - (int)i)
					c += GLUE_AFTER_BRUTE;
			}
			if (c < best[j]) {
				best[j] = c;
				from[j] = order[k];
			}
		}
		for (i = 0; i < j; i++) {
			if (i > 0 && from[i] < 0)
				continue;	/* brute force after brute force */
			/* the audit appends digits and symbols only */
			if (mode == SCOVER_STREAM && (i == 0 ||
			    p.lt[j] > p.lt[i]))
				continue;
			c = best[i] + brute_cost(&p, i, j, n);
			/* no list or pattern explains it: the rarest kind */
			if (prior && i == 0)
				c += SMODEL_PRIOR_MAX;
			if (c < best[j]) {
				best[j] = c;
				from[j] = -1 - (int)i;
			}
		}
	}
	if (cover != NULL && best[n] == HUGE_VAL)
		*ncover = 0;
	else if (cover != NULL) {
		parts = 0;
		for (j = n; j > 0; ) {
			if (from[j] >= 0) {
				tmp[parts] = pw->m[from[j]];
				j = tmp[parts].i;
			} else {
				memset(&tmp[parts], 0, sizeof(tmp[parts]));
				tmp[parts].kind = SK_BRUTE;
				tmp[parts].i = -1 - from[j];
				tmp[parts].j = j;
				tmp[parts].cost = brute_cost(&p,
				    tmp[parts].i, j, n);
				j = tmp[parts].i;
			}
			parts++;
		}
		for (k = 0; k < parts; k++)
			cover[k] = tmp[parts - 1 - k];
		*ncover = parts;
		sodium_memzero(tmp, sizeof(tmp));
	}
	/* the sums say which characters are letters, digits or symbols */
	sodium_memzero(&p, sizeof(p));
	return n == 0 ? 0 : best[n];
}
