/*
 * Candidate passwords for the audit, in the order an informed attacker
 * would try them: the person's own names first (local part and its
 * pieces, display name, with the likeliest suffixes and years), the most
 * common passwords (French first) and keyboard walks, then French words
 * with the likeliest years, the domain and organisation, and mangling
 * rules over dictionary words, with caps.
 *
 * The stream of one account is a fixed sequence of phases, each the
 * product of a slice of a word list and a list of rules, ordered by
 * estimated probability per guess (phase_table in candidates.c), so a
 * position in it is a plain number: the audit stores it between nightly
 * runs and seeks back to it in constant time.  Candidates come out in
 * ISO-8859-1, the encoding ISPConfig hashes mailbox passwords in, and each
 * carries a tag naming its weakness class ("mailbox name + year") for the
 * report, since a found password itself is never shown.
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

/*
 * The dictionaries the stream draws on; any may be empty.  The common
 * lists are whole passwords ranked by frequency.
 */
struct cand_lists {
	struct wordlist	common_fr;	/* passwords common in France */
	struct wordlist	common_en;	/* passwords common worldwide */
	struct wordlist	words_fr;	/* French words */
	struct wordlist	words_en;	/* English words */
	struct wordlist	firstnames;	/* first names */
	int		year;		/* this year; 0: the clock's */
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
	CAND_SRC_FIRSTNAME	/* "first name" */
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

/* Dictionaries prepared once (ISO-8859-1, merged), shared by threads. */
struct cand_dict;

/* One account's stream; one thread at a time. */
struct cand_gen;

/*
 * Converts lists (borrowed only during the call) into a dictionary: the
 * two common lists merged, French first, duplicates dropped.  Free with
 * cand_dict_free().  Cannot fail (allocation failure aborts).
 */
struct cand_dict *cand_dict_new(const struct cand_lists *lists);

void	cand_dict_free(struct cand_dict *d);

/*
 * A fingerprint of the dictionaries, the generator's rules and the year
 * its year tiers are centred on: positions stored by an audit are only
 * valid for the same fingerprint, so every account starts afresh when
 * the rules, the lists or the year change.
 */
uint64_t cand_dict_fingerprint(const struct cand_dict *d);

/* Whether utf8 is one of the dictionary words (not common passwords). */
int	cand_dict_has_word(const struct cand_dict *d, const char *utf8);

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

/* Goes to position pos (clamped to the total), in constant time. */
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
 * Converts UTF-8 to ISO-8859-1 as ISPConfig does before hashing: code
 * points above U+00FF and invalid bytes become '?'.  Writes at most
 * size - 1 bytes and a NUL; returns the length the whole conversion
 * needs (like snprintf).
 */
size_t	cand_to_latin1(const char *utf8, size_t len, char *out, size_t size);

/*
 * Writes the weakness class of tag ("mailbox name + year", "top-100
 * common password", "French word + digits") into buf and returns buf.
 */
const char *cand_class_name(uint32_t tag, char *buf, size_t size);

#endif
