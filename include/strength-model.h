/*
 * The strength estimator's model of the attacker, for the audit, which
 * guesses in the order the estimator prices: the one door through which
 * the candidate generator reads the estimator's context tokenizer, word
 * prices, l33t table and keyboard graphs, and asks it the price of any
 * string, so that check-password's estimate and the audit's order cannot
 * drift apart.  The ranked dictionaries themselves are read through
 * wordlists.h.  Everything is ISO-8859-1 bytes; words are folded (lower
 * case, no accents) as the estimator folds them.
 */
#ifndef ISPMAIL_STRENGTH_MODEL_H
#define ISPMAIL_STRENGTH_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Longest context word, in bytes. */
#define SMODEL_WORD_MAX 32
/* Most context words one account gives. */
#define SMODEL_CTX_MAX 48

/*
 * What a word costs on top of its rank, log10: capitalised, in capitals,
 * reversed, and each l33t substitution (up to SMODEL_L33T_MAX of them).
 */
#define SMODEL_VARIANT	0.30103
#define SMODEL_L33T_MAX	4
/* The least a word costs inside a longer password ("et" in "marieetpaul"). */
#define SMODEL_INSIDE_MIN 1.0

/*
 * The shortest candidate the audit tries: ISPConfig has asked for five
 * characters or more since 3.1, and the estimator prices shorter words
 * ("the", "you") as cheaply as any, though no mailbox holds them.
 */
#define SMODEL_MIN_LEN 5

/* Where a context word comes from. */
enum smodel_ctxkind {
	SMODEL_CTX_MAILBOX,
	SMODEL_CTX_DOMAIN,
	SMODEL_CTX_NAME,
	SMODEL_CTX_OTHER
};

struct smodel_word {
	char	w[SMODEL_WORD_MAX + 1];	/* folded, NUL-terminated */
	/* the same in lower case with its accents, ISO-8859-1 ("élodie"),
	 * as long as w */
	char	a[SMODEL_WORD_MAX + 1];
	uint8_t	len;
	uint8_t	kind;			/* enum smodel_ctxkind */
};

/*
 * The context words the estimator makes of context[0..n) (UTF-8; NULL
 * entries skipped), in its order: the estimator prices word k as a word
 * of rank k + 1.  Writes at most max into out; returns how many.
 */
size_t	smodel_context(const char *const *context, size_t n,
	    struct smodel_word *out, size_t max);

/*
 * The current year, read once: the estimator prices a year by its
 * distance from it, and the audit tries the years and dates up to it.
 * ISPMAIL_YEAR, when set to a year, stands for the clock (tests).
 */
int	smodel_year_now(void);

/* log10 guesses of a word of rank (1: the most common) in its list. */
double	smodel_rank_cost(double rank);

/*
 * The commonest l33t disguise of the folded letter c ('a' -> '@'), one
 * the estimator reads back; 0 for a letter nobody disguises.
 */
unsigned char smodel_l33t(unsigned char c);

/* The estimator's working memory for smodel_price(); one thread at a
 * time.  NULL when the dictionary index cannot be built (out of memory).
 * Free with smodel_pricer_free(), which wipes it. */
struct smodel_pricer;

struct smodel_pricer *smodel_pricer_new(void);

void	smodel_pricer_free(struct smodel_pricer *w);

/*
 * The estimator's log10 guesses for the ISO-8859-1 string s[0..len) with
 * the context words ctx[0..nctx), as check-password would print it; -1
 * when len is over STRENGTH_MAX_LEN.  Nothing of s stays in w.
 */
double	smodel_price(struct smodel_pricer *w, const char *s, size_t len,
	    const struct smodel_word *ctx, size_t nctx);

/*
 * How much rarer than the commonest kind the training passwords show a
 * kind of password, log10 (0 to 1, the data script's priors_c()): list
 * is a dictionary (wordlists.h order) or, after them, keyboard walks,
 * sequences, repeats and numbers; suffixed says whether digits or
 * symbols follow; xform is as typed, capitalised, in capitals, reversed
 * or l33t.  The estimator prices a password of a kind; these say how
 * often people choose the kind, which the audit needs to interleave them.
 */
#define SMODEL_PRIOR_LISTS	12
#define SMODEL_PRIOR_WALK	8
#define SMODEL_PRIOR_SEQUENCE	9
#define SMODEL_PRIOR_REPEAT	10
#define SMODEL_PRIOR_NUMBER	11
#define SMODEL_PRIOR_XFORMS	5
#define SMODEL_XFORM_ASIS	0
#define SMODEL_XFORM_CAP	1
#define SMODEL_XFORM_UPPER	2
#define SMODEL_XFORM_REVERSED	3
#define SMODEL_XFORM_L33T	4
/* The most a prior is: a kind a tenth as common as the commonest. */
#define SMODEL_PRIOR_MAX	1.0
double	smodel_list_prior(int list, int suffixed);
double	smodel_xform_prior(int xform);

/*
 * The audit's forms of the account's context word w, the estimator's
 * word of rank k + 1: as it is, capitalised, in capitals and in l33t,
 * then with its accents as it is, capitalised and in capitals
 * (SMODEL_FORMS, in that order; the estimator, which folds accents,
 * prices both alike), each priced as the stream prices it with its
 * transformation's prior, log10: alone[x] as the whole candidate,
 * inside[x] before a suffix; both -1 for a form that changes nothing or
 * a word without accents.  One function for the audit's order and
 * check-password's position in it.
 */
#define SMODEL_FORMS 7
#define SMODEL_FORM_ACCENTED 4	/* the first form with accents */
void	smodel_ctx_forms(const struct smodel_word *w, size_t k,
	    double alone[SMODEL_FORMS], double inside[SMODEL_FORMS]);

/*
 * The k-th ending the estimator learned people put after a word ("1",
 * "123", "!"), NUL-terminated, in no particular order; NULL past the last.
 */
const char *smodel_suffix(size_t k);

/*
 * Whether the French users' password of rank (1-based, as
 * WORDLIST_FRPASSWORDS ranks it) is an AZERTY keyboard walk ("azerty",
 * "aqwzsx"), which the feedback and the audit's classes name as such.
 */
int	smodel_frpw_walk(size_t rank);

/*
 * Calls fn for every straight keyboard walk of minlen to maxlen keys on
 * the estimator's keyboards (AZERTY, QWERTY, keypad), unshifted, each
 * key's eight directions in the graphs' order.  Returns -1 when the
 * index cannot be built, else 0.
 */
int	smodel_walks(size_t minlen, size_t maxlen,
	    void (*fn)(void *arg, const char *w, size_t len), void *arg);

#endif
