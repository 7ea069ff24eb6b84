/*
 * Error codes and error detail shared by every module.
 *
 * Functions below main() never exit: they return 0 or a negative ISPM_E*
 * code and, on failure, write a one-line human message into a struct errbuf
 * owned by the caller.  main() (or the shell loop) prints the message and
 * maps the code to a sysexits.h status with ispm_exit_status().
 */
#ifndef ISPMAIL_ERR_H
#define ISPMAIL_ERR_H

#include <stddef.h>

enum ispm_err {
	ISPM_OK = 0,
	ISPM_EUSAGE = -1,	/* bad command line (64) */
	ISPM_EDATA = -2,	/* invalid name, bad value (65) */
	ISPM_EWEAK = -3,	/* password refused by the strength policy (65) */
	ISPM_EEXIST = -4,	/* mailbox already exists (65) */
	ISPM_ENOTFOUND = -5,	/* no such mailbox or domain (67) */
	ISPM_EUNREACH = -6,	/* server unreachable, TLS failure (69) */
	ISPM_ETEMP = -7,	/* timeout, lockout, temporary failure (75) */
	ISPM_EPROTO = -8,	/* protocol error: bad HTTP status or body (76) */
	ISPM_EPERM = -9,	/* authentication or permission refused (77) */
	ISPM_ECONFIG = -10,	/* configuration error (78) */
	ISPM_EIO = -11,		/* local I/O error (74) */
	ISPM_EINTERNAL = -12,	/* bug or resource failure (70) */
	ISPM_ECANCEL = -13,	/* interrupted by the user (130) */
	ISPM_EFINDINGS = -14,	/* audit: weak passwords remain (1) */
	ISPM_ENOINPUT = -15	/* cannot open an input file (66) */
};

/* Room for one message: "file:line: ..." plus a quoted value. */
#define ERRBUF_LEN 512

struct errbuf {
	char msg[ERRBUF_LEN];
};

/*
 * Formats a message into eb (may be NULL) and returns code, so that callers
 * can write "return err_set(eb, ISPM_EDATA, ...)".
 */
int	err_set(struct errbuf *eb, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Clears the message. */
void	err_clear(struct errbuf *eb);

/* Short generic text for a code; a borrowed static string. */
const char *ispm_strerror(int code);

/* sysexits.h status (or 0, 1, 130) for a code. */
int	ispm_exit_status(int code);

#endif
