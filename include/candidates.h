/*
 * Candidate passwords for the audit, in the order the strength estimator
 * prices them: one model of the attacker for check-password and the
 * audit (strength-model.h).  A candidate is a base transformed and maybe
 * followed by a suffix, as in a probabilistic grammar (Weir et al. 2009):
 * the bases are the estimator's ranked dictionaries (passwords, French
 * and English words, first names, surnames, places, clubs) priced by
 * rank, keyboard walks of its keyboards, sequences, repeats, dates and
 * numbers priced by the estimator itself, and the account's context
 * words as the estimator tokenizes them; the transformations are its
 * capitalisation, capitals, reversal and l33t, each at the estimator's
 * price; the suffixes (digits, years, dates, department numbers,
 * symbols) are priced by the estimator after a word.  A candidate's
 * price is the sum, and the stream enumerates all candidates in
 * increasing price, best first over the templates with a priority queue,
 * so that a password check-password rates at 10^k guesses stands near
 * position 10^k.
 *
 * The part that is the same for every account is laid out once per
 * dictionary; an account's stream merges it with its context candidates
 * by price, both cut in price buckets of 1/100 log10, so a position is a
 * plain number: the audit stores it between nightly runs and seeks back
 * to it in logarithmic time.  Candidates come out in ISO-8859-1, the
 * encoding ISPConfig hashes mailbox passwords in, and each carries a tag
 * naming its weakness class ("mailbox name + year") for the report,
 * since a found password itself is never shown.
 */
#ifndef ISPMAIL_CANDIDATES_H
#define ISPMAIL_CANDIDATES_H

#include <stddef.h>
#include <stdint.h>

/* Longest candidate, in ISO-8859-1 bytes; longer words are skipped. */
#define CAND_MAX 64

/* A word list, UTF-8, most likely first; borrowed. */
struct wordlist {
	const char *const *words;
	size_t	 n;
};

/* The estimator's ranked dictionaries, in the order of wordlists.h. */
enum cand_list {
	CAND_L_PASSWORDS,
	CAND_L_FRENCH,
	CAND_L_ENGLISH,
	CAND_L_FIRSTNAMES,
	CAND_L_SURNAMES,
	CAND_L_PLACES,
	CAND_L_CLUBS,
	CAND_L_FRPASSWORDS,
	CAND_NLISTS
};

/* Positions of the account-independent part of a stream by default. */
#define CAND_LIMIT_DEFAULT ((uint64_t)1 << 21)

/*
 * The dictionaries the stream draws on, any empty, each ranked as the
 * estimator ranks it (a word's rank is its index + 1), and how many
 * account-independent positions to lay out (0: CAND_LIMIT_DEFAULT).
 */
struct cand_lists {
	struct wordlist	lists[CAND_NLISTS];
	uint64_t	limit;
};

/* What an account's password may be built from; any may be NULL. */
struct cand_context {
	const char	*email;		/* local@domain */
	const char	*name;		/* display name */
	const char	*org;		/* the provider's organisation */
};

/* Where a candidate comes from (first part of its weakness class). */
enum cand_source {
	CAND_SRC_LOCAL = 1,	/* "mailbox name" */
	CAND_SRC_DOMAIN,	/* "domain name" */
	CAND_SRC_NAME,		/* "display name" */
	CAND_SRC_ORG,		/* "organisation name" */
	CAND_SRC_COMMON,	/* "top-N common password" */
	CAND_SRC_WALK,		/* "keyboard walk" */
	CAND_SRC_WORD_FR,	/* "French word" */
	CAND_SRC_WORD_EN,	/* "English word" */
	CAND_SRC_FIRSTNAME,	/* "first name" */
	CAND_SRC_SURNAME,	/* "surname" */
	CAND_SRC_PLACE,		/* "place name" */
	CAND_SRC_CLUB,		/* "club name" */
	CAND_SRC_REPEAT,	/* "repetition" */
	CAND_SRC_SEQUENCE,	/* "sequence" */
	CAND_SRC_NUMBER,	/* "date or number" */
	CAND_SRC_FRPASSWORD	/* "common French password" */
};

/* What was appended (second part of the class). */
enum cand_suffix {
	CAND_SFX_NONE = 0,
	CAND_SFX_DIGITS,	/* " + digits" */
	CAND_SFX_YEAR,		/* " + year" */
	CAND_SFX_SYMBOL,	/* " + symbol" */
	CAND_SFX_YEAR_SYMBOL	/* " + year and symbol" */
};

/* Transformations (flags). */
#define CAND_F_REVERSED	0x01	/* " reversed" */
#define CAND_F_LEET	0x02	/* " in l33t" */

/*
 * A tag packs source, suffix, flags and, for common passwords, the rank
 * tier (0: top-100, 1: top-1000, 2: top-10000, 3: beyond), so that it
 * can be stored as a number in the audit state and the report.
 */
#define CAND_TAG(src, sfx, fl, tier) \
	((uint32_t)(src) | (uint32_t)(sfx) << 8 | (uint32_t)(fl) << 16 | \
	(uint32_t)(tier) << 24)
#define CAND_TAG_SRC(t)		((t) & 0xff)
#define CAND_TAG_SFX(t)		(((t) >> 8) & 0xff)
#define CAND_TAG_FLAGS(t)	(((t) >> 16) & 0xff)
#define CAND_TAG_TIER(t)	(((t) >> 24) & 0xff)

/* Room for any class name. */
#define CAND_CLASS_MAX 96

struct cand {
	char		buf[CAND_MAX + 1];	/* ISO-8859-1, NUL-terminated */
	size_t		len;
	uint32_t	tag;
	uint64_t	pos;	/* position in the account's stream */
};

/* Dictionaries and the shared part of the stream, laid out once, shared
 * by threads. */
struct cand_dict;

/* One account's stream; one thread at a time. */
struct cand_gen;

/*
 * Converts lists (borrowed only during the call) into a dictionary and
 * lays out the first lists->limit positions of the account-independent
 * stream (about two seconds and 120 MB for the default).  Free with
 * cand_dict_free().  Cannot fail (allocation failure aborts).
 */
struct cand_dict *cand_dict_new(const struct cand_lists *lists);

void	cand_dict_free(struct cand_dict *d);

/*
 * A fingerprint of the dictionaries, the generator's rules and the
 * estimator's prices: positions stored by an audit are only valid for the
 * same fingerprint, so every account starts afresh when any changes.
 */
uint64_t cand_dict_fingerprint(const struct cand_dict *d);

/*
 * The stream of one account.  d is borrowed and must outlive the
 * generator; ctx is copied.  Free with cand_gen_free(), which wipes the
 * buffers.
 */
struct cand_gen *cand_gen_new(const struct cand_dict *d,
	    const struct cand_context *ctx);

void	cand_gen_free(struct cand_gen *g);

/* Number of positions in the stream (an upper bound on candidates). */
uint64_t cand_gen_total(const struct cand_gen *g);

/*
 * The number of positions of g's stream priced under q hundredths of
 * log10 guesses (the estimator's price with the template's prior): the
 * stream's own price-to-position curve, which the estimator's guess
 * numbers are read from (strength-curve.c, made by "make regen").
 */
uint64_t cand_gen_below(const struct cand_gen *g, unsigned q);

/* The number of suffixes priced under q hundredths of log10 after a
 * word (the empty one not counted). */
size_t	cand_dict_suffixes_below(const struct cand_dict *d, unsigned q);

/* Goes to position pos (clamped to the total), in logarithmic time. */
void	cand_gen_seek(struct cand_gen *g, uint64_t pos);

/* The position of the next candidate. */
uint64_t cand_gen_pos(const struct cand_gen *g);

/*
 * Fills c with the next candidate and returns 1, or returns 0 at the end
 * of the stream.  Positions skipped as duplicates or over-long still
 * advance the position.
 */
int	cand_gen_next(struct cand_gen *g, struct cand *c);

/*
 * Writes the weakness class of tag ("mailbox name + year", "top-100
 * common password", "French word + digits") into buf and returns buf.
 */
const char *cand_class_name(uint32_t tag, char *buf, size_t size);

#endif
