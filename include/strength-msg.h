/*
 * The estimator's feedback in the user's language. The English text is
 * the key, as gettext's msgid, and every other language has one table of
 * translations in src/strength/strength-msg.c; a text its table lacks reads in
 * English. Below the estimator, knowing nothing of it.
 */
#ifndef ISPMAIL_STRENGTH_MSG_H
#define ISPMAIL_STRENGTH_MSG_H

#include <stddef.h>

enum strength_lang {
	STRENGTH_LANG_EN,
	STRENGTH_LANG_FR
};

/* One translation: the English key and its text in the table's language. */
struct strength_msg {
	const char	*en;
	const char	*text;
};

/*
 * The text of en in lang (borrowed, static): en itself in English or when
 * lang's table lacks it. A translation has the same printf conversions as
 * its key (test-strength checks every table), so the compiler checks a
 * format on the English key.
 */
const char *strength_msg(enum strength_lang lang, const char *en)
	    __attribute__((format_arg(2)));

/*
 * The table of lang, sorted by key, with its length in *n; NULL and 0 for
 * English, which needs none.
 */
const struct strength_msg *strength_msg_table(enum strength_lang lang,
	    size_t *n);

#endif
