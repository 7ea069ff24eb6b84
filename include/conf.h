/*
 * Configuration file, ispmail.conf(5): "keyword value" lines, '#' comments,
 * a "defaults" block then one "profile NAME" block per ISPConfig panel.
 * Modelled on OpenSSH readconf.c and msmtp: a keyword table, every error
 * reported as file:line:, all errors collected before failing, permissions
 * checked with fstat on the open file.
 *
 * (Named conf.h because autoconf owns config.h.)
 */
#ifndef ISPMAIL_CONF_H
#define ISPMAIL_CONF_H

#include <stdio.h>

#include "err.h"

/* A webmail offered to the users, as "webmail NAME URL" gives it. */
struct webmail {
	char	*name;
	char	*url;		/* http:// or https:// with a host */
};

/*
 * What a mail client needs to reach the profile's mail server: printed on
 * connection sheets and written into autoconfiguration files. Every field
 * is filled once the file is parsed (the built-in defaults applied), except
 * the hosts when the profile has neither a host keyword nor a url, and
 * support when unset.
 */
struct mailclient {
	char	*imap_host;	/* incoming (IMAP and POP3); from mail_host,
				 * imap_host, else the host of url */
	char	*smtp_host;	/* outgoing; from mail_host, smtp_host, else
				 * the host of url */
	long	 imap_port;	/* default 993 (IMAP over SSL) */
	long	 pop3_port;	/* default 995 (POP3 over SSL) */
	long	 smtp_port;	/* default 465 */
	int	 smtp_starttls;	/* 0: SSL/TLS on connect (default),
				 * 1: STARTTLS */
	struct webmail *webmail;	/* in config order */
	size_t	 nwebmail;
	char	*support;	/* free text, NULL when unset */
	char	*lang;		/* "fr" (default) or "en" */
};

struct profile {
	char	*name;
	char	*url;
	char	*user;
	char	*password_command;
	char	*password_file;
	char	*ca_file;
	char	*pinned_pubkey;
	long	 timeout;		/* seconds, default 30 */
	long	 connect_timeout;	/* seconds, default 10 */
	double	 min_guesses_log10;	/* default 10 */
	char	*organisation;		/* name on sheets; a context word
					 * for the strength checker */
	char	*seal_to;		/* audit: public key file */
	char	*journal;		/* audit: rotation journal */
	double	 budget;		/* audit: seconds of guessing, 0
					 * when unset (the audit's default) */
	struct mailclient client;	/* mail client settings */
};

struct config {
	char	*path;			/* file read, or NULL when none */
	char	*default_profile;
	struct profile **profiles;	/* defaults already merged in */
	size_t	 nprofiles;
};

/*
 * The name of keyword i of the parser's own table, or NULL past the last
 * one: --help and the docs tests list exactly what the parser accepts.
 */
const char *conf_keyword(size_t i);

/*
 * Finds and parses the configuration: path if not NULL, else
 * $ISPMAIL_CONFIG, $XDG_CONFIG_HOME/ispmail/config (default
 * ~/.config/ispmail/config), /etc/ispmail/config. No file at all gives an
 * empty config (only an explicit path must exist).
 * Each error is written to errs as one "file:line: message" line; then
 * ISPM_ECONFIG is returned with a summary ("N errors") in eb.
 * Returns 0 (and *out, freed with conf_free) or ISPM_ECONFIG.
 */
int	conf_load(const char *path, FILE *errs, struct config **out,
	    struct errbuf *eb);

/* Parses one stream as if read from name (for tests and fuzzers). */
int	conf_parse(FILE *fp, const char *name, FILE *errs,
	    struct config **out, struct errbuf *eb);

void	conf_free(struct config *cfg);

/*
 * Chooses the profile: name if not NULL, else $ISPMAIL_PROFILE, else
 * default_profile, else the only profile. The result is borrowed from cfg.
 * Returns 0 or ISPM_ECONFIG (none, ambiguous or unknown: the message lists
 * the profiles).
 */
int	conf_profile(const struct config *cfg, const char *name,
	    const struct profile **out, struct errbuf *eb);

/*
 * Whether conf_profile() would find no profile chosen: several profiles
 * and neither name, $ISPMAIL_PROFILE nor default_profile.
 */
int	conf_profile_unchosen(const struct config *cfg, const char *name);

/*
 * The rules for the settings that decide whom ispmail trusts, in one place
 * for the config parser, "config check" and the API client. Each returns
 * NULL when the value is acceptable, else a static reason that completes
 * "url '...' ", "pinned_pubkey '...' " or "ca_file '...' ".
 *
 * conf_url_check: https://host[:port]/path, or http:// only to a loopback
 * host (127.0.0.0/8 in dotted decimal, [::1], localhost); no user name,
 * password, query, fragment, blank or non-ASCII character. Sets *plain to
 * 1 for http://.
 *
 * conf_pin_check: curl's "sha256//<base64>" list (';'-separated), or the
 * absolute path of a public key file (PEM or DER); with check_file the
 * file must be a readable regular file.
 *
 * conf_ca_check: a regular file (a link is followed: libcurl reads it) with
 * at least one PEM certificate; a directory, a FIFO (never waited on) or a
 * file without "-----BEGIN CERTIFICATE-----" is refused.
 */
const char	*conf_url_check(const char *url, int *plain);

/* conf_url_check()'s reason for a URL with credentials: print it without
 * the URL, which would show the password. */
extern const char conf_url_userinfo[];
const char	*conf_pin_check(const char *pin, int check_file);

/*
 * An address users open in a browser (a webmail, a support page):
 * http:// or https:// with a host and an optional port, no user name or
 * password, no blanks or non-ASCII characters. NULL when acceptable, else
 * a static reason that completes "url '...' ".
 */
const char	*conf_web_url_check(const char *url);
const char	*conf_ca_check(const char *path);

/* Checks what a profile needs before any network call (url, user, one
 * password source, a ca_file of certificates, a pin). 0 or ISPM_ECONFIG. */
int	conf_profile_check(const struct profile *p, struct errbuf *eb);

/* Prints the effective settings of p as "keyword value" lines; secrets
 * (password_command, password_file contents) are masked. */
void	conf_show(const struct config *cfg, const struct profile *p, FILE *out);

#endif
