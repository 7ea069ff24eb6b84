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

enum pw_source {
	PW_PROMPT,
	PW_STDIN,
	PW_GENERATE
};

/* The options of every command that sets a password, for its option table. */
#define PW_LONGOPTS \
	{ "generate", no_argument, NULL, 'g' }, \
	{ "password-stdin", no_argument, NULL, 'S' }

/*
 * Records option c in *src and counts it in *count when c is one of
 * PW_LONGOPTS' ('g' or 'S'). Returns 1 if it was, else 0.
 */
int	pw_source_option(int c, enum pw_source *src, int *count);

/*
 * Refuses, after option parsing, two password sources at once and a
 * generated password that could only be printed to a pipe or file (it is
 * shown on a terminal or in the --json result, never where a log may keep
 * it). cmd names the command in the message. Returns 0 or ISPM_EUSAGE.
 */
int	pw_source_check(struct ispm_ctx *ctx, const char *cmd,
	    enum pw_source src, int count);

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

#endif
