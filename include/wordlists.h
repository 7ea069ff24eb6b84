/*
 * The word lists the strength checker ships, read only: the ranked lists
 * (common passwords, French and English words, first names, surnames,
 * places, clubs, the common passwords of French users) and the generator's passphrase words. The estimator and
 * the audit read the data through this one door, so that its layout can
 * change without touching its readers.
 */
#ifndef ISPMAIL_WORDLISTS_H
#define ISPMAIL_WORDLISTS_H

#include <stddef.h>

/* The lists: the ranked ones in the strength data's order, then the rest. */
enum wordlist_id {
	WORDLIST_PASSWORDS,	/* whole passwords, by frequency */
	WORDLIST_FRENCH,	/* French words, by frequency */
	WORDLIST_ENGLISH,	/* English words, by frequency */
	WORDLIST_FIRSTNAMES,
	WORDLIST_SURNAMES,
	WORDLIST_PLACES,
	WORDLIST_CLUBS,
	/* the common passwords the French lexicons rank far above the
	 * English ones, by frequency */
	WORDLIST_FRPASSWORDS,
	WORDLIST_NRANKED,	/* the number of ranked lists above */
	/* the passphrase words of gen-password (pwgen.c), in no order */
	WORDLIST_PASSPHRASE = WORDLIST_NRANKED,
	WORDLIST_COUNT
};

/* Words in WORDLIST_PASSPHRASE: 8,192 make each word exactly 13 bits. */
#define WORDLIST_PASSPHRASE_WORDS 8192

/* A position in one list; fill with wordlist_iter_init(). */
struct wordlist_iter {
	enum wordlist_id id;
	size_t		 i;	/* words returned so far */
	size_t		 off;	/* offset of the next word in the data */
};

/* Number of words in list id (0 for an unknown id). */
size_t	wordlist_count(enum wordlist_id id);

/* Starts it at the first (most common) word of list id. */
void	wordlist_iter_init(struct wordlist_iter *it, enum wordlist_id id);

/*
 * Sets *word to the next word (UTF-8, not NUL-terminated, borrowed from
 * static data) and *len to its length in bytes, and returns 1; returns 0
 * at the end of the list.
 */
int	wordlist_iter_next(struct wordlist_iter *it, const char **word,
	    size_t *len);

#endif
