/*
 * The connection sheet ("fiche de connexion"): the one page an admin hands
 * to the owner of a mailbox with everything needed to log in from a mail
 * client, a phone or a webmail: the address, that the login is the whole
 * address, the password (or a blank to fill in by hand), the servers,
 * ports and security, the webmails, the mailbox name rules and the policy
 * on weak passwords. As text (UTF-8), a JSON object with the same facts,
 * or one A4 page of PDF (cairo and pango).
 *
 * Below the commands: it knows no terminal, no network and no
 * configuration file; the caller hands it the client settings.
 */
#ifndef ISPMAIL_SHEET_H
#define ISPMAIL_SHEET_H

#include <stdio.h>
#include <time.h>

#include "err.h"
#include "secret.h"

struct mailclient;

enum sheet_format {
	SHEET_TEXT,
	SHEET_JSON,
	SHEET_PDF
};

struct sheet {
	const char	*address;
	const char	*name;		/* display name, or NULL */
	const struct secret *password;	/* NULL: a blank to fill in */
	int		 rotated;	/* the password was changed under the
					 * weak-password policy: say why */
	const char	*organisation;	/* or NULL */
	const struct mailclient *client; /* servers, webmails, support, lang */
	time_t		 issued;	/* the date printed on it */
};

/*
 * Reads "text", "json" or "pdf" into *out. Returns 0 or ISPM_EUSAGE with
 * eb naming the value.
 */
int	sheet_format_parse(const char *s, enum sheet_format *out,
	    struct errbuf *eb);

/*
 * Writes s to fp as f, in the language of s->client->lang ("fr", the
 * default when NULL, or "en"). Every string from outside (organisation,
 * name, webmails, support) is written so that it cannot drive a terminal
 * or break the layout. Nothing is written when s is incomplete.
 * A password reaches fp's buffer (the caller gives fp a buffer in guarded
 * memory when it matters) and, for JSON and PDF, copies in json-c's,
 * pango's and cairo's memory that cannot be wiped.
 * Returns 0 or: ISPM_EDATA (no address or incoming/outgoing server, an
 * unknown language), ISPM_EIO (a write failed), ISPM_EINTERNAL (cairo
 * failed).
 */
int	sheet_write(const struct sheet *s, enum sheet_format f, FILE *fp,
	    struct errbuf *eb);

/*
 * Finds the password on a sheet sheet_write() wrote as f (text, in either
 * language, or JSON) in the len bytes at buf, and copies it into out,
 * for a command that must tell whether a sheet holds the password in
 * force. A PDF sheet cannot be read back. The JSON form leaves a copy in
 * json-c's parser that cannot be wiped.
 * Returns 0, or ISPM_EDATA (a PDF, a blank, not a sheet, a password
 * longer than out->cap).
 */
int	sheet_read_password(const char *buf, size_t len, enum sheet_format f,
	    struct secret *out, struct errbuf *eb);

#endif
