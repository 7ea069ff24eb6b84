/*
 * Password generator: libsodium randombytes_uniform only.
 */
#ifndef ISPMAIL_PWGEN_H
#define ISPMAIL_PWGEN_H

#include <stddef.h>

#include "err.h"
#include "secret.h"
#include "strength.h"

#define PWGEN_DEFAULT_LENGTH 16
#define PWGEN_DEFAULT_WORDS 5

enum pwgen_style {
	PWGEN_CHARS,	/* random characters without look-alikes */
	PWGEN_WORDS	/* passphrase of common French words */
};

struct pwgen_opts {
	enum pwgen_style style;
	size_t	length;	/* PWGEN_CHARS */
	size_t	words;	/* PWGEN_WORDS */
};

/*
 * Generates a password into out that passes strength_check() with policy
 * and context (see strength.h), at least policy->ispc_min_length long (the
 * panel's min_password_length): chars are made that long when opts asks
 * for fewer, a passphrase gets more words. out->cap must be at least 74.
 * Returns 0, ISPM_EUSAGE (length or word count out of range),
 * ISPM_ECONFIG (a minimum length over 64) or ISPM_EINTERNAL.
 */
int	pwgen_generate(const struct pwgen_opts *opts,
	    const struct strength_policy *policy, const char *const *context,
	    size_t ncontext, struct secret *out, struct errbuf *eb);

#endif
