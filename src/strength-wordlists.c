/*
 * Read-only access to the strength checker's ranked dictionaries, for the
 * audit (wordlists.h). It belongs to the strength module because it reads
 * the data's internal layout (strength-int.h); it needs nothing but that
 * data, so bench/bench-audit-recall.sh links it alone.
 */
#include "config.h"

#include <string.h>

#include "wordlists.h"
#include "strength-int.h"

/* The two enumerations name the same sections in the same order. */
typedef char wordlists_order_check[(int)WORDLIST_COUNT == (int)SD_NDICTS &&
    (int)WORDLIST_FRENCH == (int)SD_FRENCH &&
    (int)WORDLIST_FIRSTNAMES == (int)SD_FIRSTNAMES ? 1 : -1];

/* see wordlists.h */
size_t
wordlist_count(enum wordlist_id id)
{
	if ((int)id < 0 || id >= WORDLIST_COUNT)
		return 0;
	return strength_sections[id].count;
}

/* see wordlists.h */
void
wordlist_iter_init(struct wordlist_iter *it, enum wordlist_id id)
{
	it->id = id;
	it->i = 0;
	it->off = wordlist_count(id) > 0 ? strength_sections[id].start : 0;
}

/* see wordlists.h */
int
wordlist_iter_next(struct wordlist_iter *it, const char **word, size_t *len)
{
	const char *nl;

	if (it->i >= wordlist_count(it->id) ||
	    it->off >= strength_dict_bloblen)
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
