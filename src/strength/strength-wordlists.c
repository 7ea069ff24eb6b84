/*
 * Read-only access to the strength checker's word lists (wordlists.h). It
 * belongs to the strength module because it reads the generated data's
 * layout (strength-int.h, pwgen-int.h); it needs nothing but that data, so
 * bench/bench-audit-recall.sh links it with the two data files alone.
 */
#include "config.h"

#include <string.h>

#include "wordlists.h"
#include "pwgen-int.h"
#include "strength-int.h"

/* The two enumerations name the same sections in the same order. */
typedef char wordlists_order_check[(int)WORDLIST_NRANKED == (int)SD_NDICTS &&
    (int)WORDLIST_FRENCH == (int)SD_FRENCH &&
    (int)WORDLIST_FIRSTNAMES == (int)SD_FIRSTNAMES &&
    WORDLIST_PASSPHRASE_WORDS == PWGEN_NWORDS ? 1 : -1];

/* see wordlists.h */
size_t
wordlist_count(enum wordlist_id id)
{
	if (id == WORDLIST_PASSPHRASE)
		return PWGEN_NWORDS;
	if ((int)id < 0 || id >= WORDLIST_NRANKED)
		return 0;
	return strength_sections[id].count;
}

/* see wordlists.h */
void
wordlist_iter_init(struct wordlist_iter *it, enum wordlist_id id)
{
	it->id = id;
	it->i = 0;
	it->off = id != WORDLIST_PASSPHRASE && wordlist_count(id) > 0 ?
	    strength_sections[id].start : 0;
}

/* see wordlists.h */
int
wordlist_iter_next(struct wordlist_iter *it, const char **word, size_t *len)
{
	const char *nl;

	if (it->i >= wordlist_count(it->id))
		return 0;
	if (it->id == WORDLIST_PASSPHRASE) {
		*word = pwgen_words[it->i++];
		*len = strlen(*word);
		return 1;
	}
	if (it->off >= strength_dict_bloblen)
		return 0;
	nl = memchr(strength_dict_blob + it->off, '\n',
	    strength_dict_bloblen - it->off);
	if (nl == NULL)
		return 0;
	*word = strength_dict_blob + it->off;
	*len = (size_t)(nl - *word);
	it->off += *len + 1;
	it->i++;
	return 1;
}
