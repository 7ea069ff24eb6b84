/*
 * How create and passwd obtain a mailbox password: generated, read from
 * standard input, or asked twice at a no-echo prompt; in every case judged
 * by the strength policy with the mailbox's own context words before it
 * goes anywhere near the server.
 */
#ifndef ISPMAIL_PWINPUT_H
#define ISPMAIL_PWINPUT_H

#include "cmd.h"
#include "secret.h"
#include "strength.h"

enum pw_source {
	PW_PROMPT,
	PW_STDIN,
	PW_GENERATE
};

/* The options of every command that sets a password, for its template. */
#define PW_OPTIONS \
	{ "generate", 0, 0 }, \
	{ "password-stdin", 0, 0 }

/*
 * Reads PW_OPTIONS from args into *src (the last one given wins; neither:
 * PW_PROMPT), refusing two password sources at once and a generated
 * password that could only be printed to a pipe or file (it is shown on
 * a terminal or in the --json result, never where a log may keep it),
 * unless a --sheet option sends it to a sheet instead. cmd
 * names the command in the message. Returns 0 or ISPM_EUSAGE.
 */
int	pw_source(struct ispm_ctx *ctx, const char *cmd,
	    const struct args *args, enum pw_source *src);

/*
 * Fills out (a secret of at least STRENGTH_MAX_LEN bytes) with a password
 * for address that passes the policy of the current profile and of the
 * panel (ISPConfig's own rule, read live). name is the display name or
 * NULL. Returns 0 or: ISPM_EWEAK (with the checker's reason), ISPM_EDATA
 * (the two entries differ, not UTF-8), ISPM_ECANCEL, ISPM_EIO, or an
 * api_call() code.
 */
int	pw_obtain(struct ispm_ctx *ctx, struct api *api, enum pw_source src,
	    const char *address, const char *name, struct secret *out);

/*
 * The password policy of the current profile (min_guesses_log10) and of
 * the panel (ISPConfig's own rule, read live with one call), for
 * pw_generate(). Returns 0 or an api_call() code.
 */
int	pw_policy(struct ispm_ctx *ctx, struct api *api,
	    struct strength_policy *pol);

/*
 * Generates into out (a secret of at least STRENGTH_MAX_LEN bytes) a
 * password for address (name: the display name or NULL) that passes pol
 * with the mailbox's own words as context: what create --generate and
 * import give a new mailbox. Returns 0 or the codes of pwgen_generate().
 */
int	pw_generate(struct ispm_ctx *ctx, const struct strength_policy *pol,
	    const char *address, const char *name, struct secret *out);

#endif
