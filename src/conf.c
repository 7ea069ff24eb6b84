/*
 * ispmail.conf(5) parser, in the manner of OpenSSH readconf.c: a keyword
 * table gives each keyword an opcode, a value type and the blocks it may
 * appear in; one switch stores the value. Every error is printed as
 * "file:line: message" and counted, so that an admin fixes a file in one
 * pass rather than one error per run.
 *
 * Grammar decisions (documented in ispmail.conf(5)):
 * - Only full-line comments: a '#' after a value is part of the value,
 *   because password commands and paths may contain '#'.
 * - The value is the rest of the line with surrounding blanks removed, so
 *   "password_command pass show panel/mut1" needs no quotes. Double quotes
 *   around the whole value keep leading or trailing blanks; inside them
 *   \" and \\ are the only escapes.
 * - Keywords are lower case and matched exactly.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "duration.h"
#include "names.h"
#include "safefile.h"
#include "secret.h"
#include "text.h"
#include "xmalloc.h"

#define CONF_LINE_MAX		4096
#define CONF_ERRORS_SHOWN	20
#define CONF_SECONDS_MAX	3600
#define CONF_GUESSES_MIN	4
#define CONF_GUESSES_MAX	30
#define CONF_USER_MAX		64	/* remote_username varchar(64) */
#define CONF_SYSTEM_PATH	"/etc/ispmail/config"

#define CONF_DEFAULT_TIMEOUT		30
#define CONF_DEFAULT_CONNECT_TIMEOUT	10
#define CONF_DEFAULT_GUESSES		10.0
#define CONF_DEFAULT_IMAP_PORT		993	/* IMAP over SSL */
#define CONF_DEFAULT_POP3_PORT		995	/* POP3 over SSL */
#define CONF_DEFAULT_SMTP_PORT		465	/* submission over SSL */
#define CONF_DEFAULT_LANG		"fr"

enum conf_op {
	CFG_DEFAULTS,
	CFG_PROFILE,
	CFG_DEFAULT_PROFILE,
	CFG_URL,
	CFG_USER,
	CFG_PASSWORD_COMMAND,
	CFG_PASSWORD_FILE,
	CFG_CA_FILE,
	CFG_PINNED_PUBKEY,
	CFG_TIMEOUT,
	CFG_CONNECT_TIMEOUT,
	CFG_MIN_GUESSES,
	CFG_ORGANISATION,
	CFG_SEAL_TO,
	CFG_JOURNAL,
	CFG_BUDGET,
	CFG_MAIL_HOST,
	CFG_IMAP_HOST,
	CFG_SMTP_HOST,
	CFG_IMAP_PORT,
	CFG_POP3_PORT,
	CFG_SMTP_PORT,
	CFG_SMTP_SECURITY,
	CFG_WEBMAIL,
	CFG_SUPPORT,
	CFG_SHEET_LANG,
	CFG_NOPS
};

enum conf_type {
	CFG_T_NONE,		/* no value */
	CFG_T_NAME,		/* profile name: [A-Za-z0-9_.-]+ */
	CFG_T_WORD,		/* no blanks */
	CFG_T_STRING,		/* anything printable */
	CFG_T_TEXT,		/* printable UTF-8, no tab: shown to users */
	CFG_T_PATH,		/* absolute, or ~/ */
	CFG_T_URL,
	CFG_T_PUBKEY,
	CFG_T_SECONDS,
	CFG_T_GUESSES,
	CFG_T_DURATION,		/* as the audit's --budget: 30m, 1h30m */
	CFG_T_HOST,		/* DNS name or IP address */
	CFG_T_PORT,		/* 1-65535 */
	CFG_T_SECURITY,		/* one of conf_security_words */
	CFG_T_LANG,		/* one of conf_lang_words */
	CFG_T_WEBMAIL		/* NAME URL; the URL is the last word */
};

/* The words of CFG_T_SECURITY and CFG_T_LANG, the first the default;
 * smtp_starttls and lang are indexes and copies of them. */
static const char *const conf_security_words[] = { "ssl", "starttls", NULL };
static const char *const conf_lang_words[] = { CONF_DEFAULT_LANG, "en",
    NULL };

/* Where a keyword may appear. */
#define CFG_F_TOP	0x01	/* before any block */
#define CFG_F_DEFAULTS	0x02
#define CFG_F_PROFILE	0x04
#define CFG_F_BLOCK	(CFG_F_DEFAULTS | CFG_F_PROFILE)

static const struct {
	const char	*name;
	enum conf_op	 op;
	enum conf_type	 type;
	int		 flags;
} conf_table[] = {
	{ "defaults", CFG_DEFAULTS, CFG_T_NONE, CFG_F_TOP | CFG_F_BLOCK },
	{ "profile", CFG_PROFILE, CFG_T_NAME, CFG_F_TOP | CFG_F_BLOCK },
	{ "default_profile", CFG_DEFAULT_PROFILE, CFG_T_NAME,
	    CFG_F_TOP | CFG_F_DEFAULTS },
	{ "url", CFG_URL, CFG_T_URL, CFG_F_BLOCK },
	{ "user", CFG_USER, CFG_T_WORD, CFG_F_BLOCK },
	{ "password_command", CFG_PASSWORD_COMMAND, CFG_T_STRING, CFG_F_BLOCK },
	{ "password_file", CFG_PASSWORD_FILE, CFG_T_PATH, CFG_F_BLOCK },
	{ "ca_file", CFG_CA_FILE, CFG_T_PATH, CFG_F_BLOCK },
	{ "pinned_pubkey", CFG_PINNED_PUBKEY, CFG_T_PUBKEY, CFG_F_BLOCK },
	{ "timeout", CFG_TIMEOUT, CFG_T_SECONDS, CFG_F_BLOCK },
	{ "connect_timeout", CFG_CONNECT_TIMEOUT, CFG_T_SECONDS, CFG_F_BLOCK },
	{ "min_guesses_log10", CFG_MIN_GUESSES, CFG_T_GUESSES, CFG_F_BLOCK },
	{ "organisation", CFG_ORGANISATION, CFG_T_TEXT, CFG_F_BLOCK },
	{ "seal_to", CFG_SEAL_TO, CFG_T_PATH, CFG_F_BLOCK },
	{ "journal", CFG_JOURNAL, CFG_T_PATH, CFG_F_BLOCK },
	{ "budget", CFG_BUDGET, CFG_T_DURATION, CFG_F_BLOCK },
	{ "mail_host", CFG_MAIL_HOST, CFG_T_HOST, CFG_F_BLOCK },
	{ "imap_host", CFG_IMAP_HOST, CFG_T_HOST, CFG_F_BLOCK },
	{ "smtp_host", CFG_SMTP_HOST, CFG_T_HOST, CFG_F_BLOCK },
	{ "imap_port", CFG_IMAP_PORT, CFG_T_PORT, CFG_F_BLOCK },
	{ "pop3_port", CFG_POP3_PORT, CFG_T_PORT, CFG_F_BLOCK },
	{ "smtp_port", CFG_SMTP_PORT, CFG_T_PORT, CFG_F_BLOCK },
	{ "smtp_security", CFG_SMTP_SECURITY, CFG_T_SECURITY, CFG_F_BLOCK },
	{ "webmail", CFG_WEBMAIL, CFG_T_WEBMAIL, CFG_F_BLOCK },
	{ "support", CFG_SUPPORT, CFG_T_TEXT, CFG_F_BLOCK },
	{ "sheet_lang", CFG_SHEET_LANG, CFG_T_LANG, CFG_F_BLOCK },
};

#define CONF_NTABLE (sizeof(conf_table) / sizeof(conf_table[0]))

/* see conf.h */
const char *
conf_keyword(size_t i)
{
	return i < CONF_NTABLE ? conf_table[i].name : NULL;
}

/* One block being read: its values and the line each keyword was set on. */
struct conf_block {
	struct profile	*p;
	int		 line;		/* of "defaults" or "profile NAME" */
	int		 set[CFG_NOPS];	/* line number, 0 when unset */
};

struct conf_parser {
	const char	*name;
	FILE		*errs;
	int		 lineno;
	int		 nerr;
	struct conf_block defaults;	/* p is NULL when absent */
	struct conf_block *blocks;
	size_t		 nblocks;
	struct conf_block *cur;		/* NULL at top level */
	struct conf_block sink;		/* absorbs a bad block's lines */
	char		*default_profile;
	int		 default_profile_line;
};

static void
conf_error(struct conf_parser *cp, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Prints the first CONF_ERRORS_SHOWN errors, counts them all: a file that
 * is not a config at all (a 10 MB log given with -c) must not flood the
 * terminal. The message quotes the file, so it is sanitised like any text
 * from outside.
 */
static void
conf_error(struct conf_parser *cp, int line, const char *fmt, ...)
{
	char msg[1024], clean[1024];
	va_list ap;

	if (++cp->nerr > CONF_ERRORS_SHOWN || cp->errs == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	text_sanitize(clean, sizeof(clean), msg, strlen(msg));
	fprintf(cp->errs, "%s:%d: %s\n", cp->name, line, clean);
}

static void
conf_client_free(struct mailclient *c)
{
	size_t i;

	free(c->imap_host);
	free(c->smtp_host);
	for (i = 0; i < c->nwebmail; i++) {
		free(c->webmail[i].name);
		free(c->webmail[i].url);
	}
	free(c->webmail);
	free(c->support);
	free(c->lang);
}

static void
conf_profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	conf_client_free(&p->client);
	free(p->name);
	free(p->url);
	free(p->user);
	free(p->password_command);
	free(p->password_file);
	free(p->ca_file);
	free(p->pinned_pubkey);
	free(p->organisation);
	free(p->seal_to);
	free(p->journal);
	free(p);
}

/* see conf.h */
void
conf_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nprofiles; i++)
		conf_profile_free(cfg->profiles[i]);
	free(cfg->profiles);
	free(cfg->path);
	free(cfg->default_profile);
	free(cfg);
}

static int
conf_profile_name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' ||
		    *s == '-'))
			return 0;
	return 1;
}

/*
 * Strict decimal from 1 to max, so that "30s", "1e3" or "0x3e1" is an
 * error, not 30, 1 or 0.
 */
static int
conf_parse_number(const char *s, long max, long *out)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > max)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Decimal with an optional fraction, parsed by hand: strtod follows the
 * locale's decimal separator and accepts "nan" and hex. */
static int
conf_parse_guesses(const char *s, double *out)
{
	double v = 0, scale = 1;
	int digits = 0, frac = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.' && !frac) {
			frac = 1;
			continue;
		}
		if (*s < '0' || *s > '9' || digits >= 8)
			return -1;
		digits++;
		if (frac) {
			scale /= 10;
			v += (*s - '0') * scale;
		} else
			v = v * 10 + (*s - '0');
	}
	if (digits == 0 || v < CONF_GUESSES_MIN || v > CONF_GUESSES_MAX)
		return -1;
	*out = v;
	return 0;
}

static int
conf_is_b64(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* curl's pin list: "sha256//" + base64 of 32 bytes, ';'-separated. */
static int
conf_check_pubkey(const char *s)
{
	size_t i;

	for (;;) {
		if (strncmp(s, "sha256//", 8) != 0)
			return -1;
		s += 8;
		for (i = 0; i < 43; i++)
			if (!conf_is_b64(s[i]))
				return -1;
		if (s[43] != '=')
			return -1;
		s += 44;
		if (*s == '\0')
			return 0;
		if (*s++ != ';')
			return -1;
	}
}

/* see conf.h */
const char conf_url_userinfo[] = "must not contain a user name or "
    "password: use 'user' and 'password_command'";

/*
 * 1 for a host where plain http is tolerable: 127.0.0.0/8 in dotted
 * decimal, localhost, or [::1] (bracketed).
 */
static int
conf_host_is_loopback(const char *host, size_t hlen, int bracketed)
{
	char buf[16];
	struct in_addr a4;

	if (bracketed)
		return hlen == 3 && strncmp(host, "::1", 3) == 0;
	if (hlen == 9 && strncasecmp(host, "localhost", 9) == 0)
		return 1;
	if (hlen >= sizeof(buf))
		return 0;
	memcpy(buf, host, hlen);
	buf[hlen] = '\0';
	return inet_pton(AF_INET, buf, &a4) == 1 &&
	    (ntohl(a4.s_addr) >> 24) == 127;
}

/*
 * Checks the host[:port] of a URL, a[0..end): a host name or a bracketed
 * IPv6 address, and a port in 1-65535. Sets *host and *hlen to the host
 * (brackets excluded). Returns NULL or the reason.
 */
static const char *
conf_authority(const char *a, const char *end, const char **host,
    size_t *hlen)
{
	const char *hend, *port, *p;
	long pv;

	if (*a == '[') {
		*host = a + 1;
		if ((hend = memchr(*host, ']', end - *host)) == NULL)
			return "has an unclosed '[' in the host";
		for (p = *host; p < hend; p++)
			if (!((*p >= '0' && *p <= '9') ||
			    (*p >= 'a' && *p <= 'f') ||
			    (*p >= 'A' && *p <= 'F') || *p == ':' || *p == '.'))
				return "has an invalid IPv6 address";
		port = hend + 1;
	} else {
		*host = a;
		hend = a + strcspn(a, ":/");
		if (hend > end)
			hend = end;
		for (p = *host; p < hend; p++)
			if (!((*p >= '0' && *p <= '9') ||
			    (*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '.'))
				return "has an invalid host name";
		port = hend;
	}
	if ((*hlen = hend - *host) == 0)
		return "has no host";
	if (port < end) {
		if (*port != ':' || port + 1 == end || end - port > 6)
			return "has an invalid port";
		for (pv = 0, p = port + 1; p < end; p++) {
			if (*p < '0' || *p > '9')
				return "has an invalid port";
			pv = pv * 10 + (*p - '0');
		}
		if (pv < 1 || pv > 65535)
			return "has a port outside 1-65535";
	}
	return NULL;
}

/*
 * see conf.h. Plain http is allowed only to a loopback address, for a
 * panel on the same host, where the password cannot be sniffed on the way.
 */
const char *
conf_url_check(const char *u, int *plain)
{
	const char *a, *end, *host, *p, *why;
	size_t hlen;
	int https;

	if (strncasecmp(u, "https://", 8) == 0) {
		https = 1;
		a = u + 8;
	} else if (strncasecmp(u, "http://", 7) == 0) {
		https = 0;
		a = u + 7;
	} else
		return "must start with https://";
	for (p = u; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t' || (unsigned char)*p >= 0x7f)
			return "must not contain blanks or non-ASCII "
			    "characters";
	if (strpbrk(u, "?#") != NULL)
		return "must not contain '?' or '#': ispmail appends the "
		    "method name as the query";
	end = a + strcspn(a, "/");
	if (memchr(a, '@', end - a) != NULL)
		return conf_url_userinfo;
	if ((why = conf_authority(a, end, &host, &hlen)) != NULL)
		return why;
	if (!https && !conf_host_is_loopback(host, hlen, *a == '['))
		return "must use https:// (plain http:// only to 127.0.0.0/8, "
		    "[::1] or localhost)";
	*plain = !https;
	return NULL;
}

/*
 * see conf.h. Plain http is the provider's choice to publish, not
 * ispmail's to refuse.
 */
const char *
conf_web_url_check(const char *u)
{
	const char *a, *end, *host, *p;
	size_t hlen;

	if (strncasecmp(u, "https://", 8) == 0)
		a = u + 8;
	else if (strncasecmp(u, "http://", 7) == 0)
		a = u + 7;
	else
		return "must start with http:// or https://";
	for (p = u; *p != '\0'; p++)
		if (*p <= ' ' || (unsigned char)*p >= 0x7f)
			return "must not contain blanks or non-ASCII "
			    "characters";
	end = a + strcspn(a, "/?#");
	if (memchr(a, '@', end - a) != NULL)
		return "must not contain a user name or password";
	return conf_authority(a, end, &host, &hlen);
}

/*
 * A mail server's name as clients are told it: an IPv4 or IPv6 address,
 * or a DNS name by the same rules as mail domains. Returns 0 or
 * ISPM_EDATA with the rule broken in eb.
 */
static int
conf_host_check(const char *h, struct errbuf *eb)
{
	unsigned char addr[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, h, addr) == 1 ||
	    inet_pton(AF_INET6, h, addr) == 1)
		return 0;
	return names_check_domain(h, eb);
}

/*
 * The host of a checked url (brackets of an IPv6 address removed), which
 * stands in for the mail server when none is configured: an ISPConfig
 * panel usually runs on the mail server.
 */
static char *
conf_url_host(const char *url)
{
	const char *a = strstr(url, "://") + 3, *end, *host;
	size_t hlen;

	end = a + strcspn(a, "/");
	if (conf_authority(a, end, &host, &hlen) != NULL)
		return NULL;
	return xstrndup(host, hlen);
}

/* see conf.h */
const char *
conf_pin_check(const char *pin, int check_file)
{
	struct stat st;

	if (strncmp(pin, "sha256//", 8) == 0)
		return conf_check_pubkey(pin) == 0 ? NULL : "must be "
		    "'sha256//' followed by the base64 SHA-256 of the public "
		    "key (44 characters), ';'-separated, or the path of a "
		    "public key file";
	if (pin[0] != '/')
		return "must be 'sha256//<base64>' or the absolute path of a "
		    "public key file";
	if (!check_file)
		return NULL;
	if (stat(pin, &st) == -1)
		return strerror(errno);
	if (!S_ISREG(st.st_mode))
		return "is not a regular file";
	if (access(pin, R_OK) == -1)
		return strerror(errno);
	return NULL;
}

/* see conf.h */
const char *
conf_ca_check(const char *path)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	char buf[65536];
	struct stat st;
	ssize_t n;
	size_t len = 0;
	const char *why = NULL;
	int fd;

	/*
	 * Links are followed (libcurl reads the file, and a ca_file in the
	 * system's store usually is a link), but a FIFO must not block.
	 */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return strerror(errno);
	if (fstat(fd, &st) == -1)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = "is a directory, not a file of PEM certificates";
	else if (!S_ISREG(st.st_mode))
		why = "is not a regular file";
	else {
		while (len < sizeof(buf) - 1 &&
		    (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
			len += (size_t)n;
		buf[len] = '\0';
		if (memmem(buf, len, begin, sizeof(begin) - 1) == NULL)
			why = "holds no PEM certificate ('-----BEGIN "
			    "CERTIFICATE-----')";
	}
	close(fd);
	return why;
}


/*
 * Splits a line into keyword and value in place, the value's surrounding
 * blanks removed; *kw is NULL for a blank or comment line.
 */
static void
conf_split(char *line, char **kw, char **val)
{
	char *s = line, *e;

	*kw = *val = NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return;
	*kw = s;
	s += strcspn(s, " \t");
	if (*s != '\0')
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	*val = s;
}

/*
 * Removes the double quotes around a whole value, in place, with its \"
 * and \\ escapes. Returns 0 or -1 with *why set.
 */
static int
conf_unquote(char *s, const char **why)
{
	char *d;

	if (*s != '"')
		return 0;
	for (d = s, s++; *s != '"'; s++, d++) {
		if (*s == '\0') {
			*why = "missing closing '\"'";
			return -1;
		}
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*d = *s;
	}
	if (s[1] != '\0') {
		*why = "text after the closing '\"'";
		return -1;
	}
	*d = '\0';
	return 0;
}

/* Expands a leading "~/"; returns NULL when the path is not absolute. */
static char *
conf_path(const char *v)
{
	const char *home;

	if (v[0] == '/')
		return xstrdup(v);
	if (v[0] == '~' && v[1] == '/' && (home = getenv("HOME")) != NULL &&
	    home[0] == '/')
		return xasprintf("%s%s", home, v + 1);
	return NULL;
}

/* Starts a new "profile NAME" block. */
static void
conf_new_profile(struct conf_parser *cp, const char *name)
{
	struct conf_block *b;
	size_t i;

	for (i = 0; i < cp->nblocks; i++)
		if (strcmp(cp->blocks[i].p->name, name) == 0) {
			conf_error(cp, cp->lineno, "profile '%s' already "
			    "defined at line %d", name, cp->blocks[i].line);
			break;
		}
	cp->blocks = xreallocarray(cp->blocks, cp->nblocks + 1,
	    sizeof(*cp->blocks));
	b = &cp->blocks[cp->nblocks++];
	memset(b, 0, sizeof(*b));
	b->p = xcalloc(1, sizeof(*b->p));
	b->p->name = xstrdup(name);
	b->line = cp->lineno;
	cp->cur = b;
}

/*
 * After a bad "defaults" or "profile" line, the lines that follow still
 * get checked, but into a block that is thrown away, so that they are not
 * reported again as duplicates in the block before.
 */
static void
conf_sink(struct conf_parser *cp)
{
	conf_profile_free(cp->sink.p);
	memset(&cp->sink, 0, sizeof(cp->sink));
	cp->sink.p = xcalloc(1, sizeof(*cp->sink.p));
	cp->sink.line = cp->lineno;
	cp->cur = &cp->sink;
}

/* A value parsed by conf_check_type(); path, name and url are owned
 * until stored. */
struct conf_value {
	char		*path;
	long		 secs;
	double		 guesses;
	double		 duration;
	long		 port;
	int		 choice;	/* index in the type's words */
	char		*name;		/* webmail */
	char		*url;		/* webmail */
};

/* Returns kw's index in conf_table, or -1. */
static int
conf_lookup(const char *kw)
{
	size_t i;

	for (i = 0; i < CONF_NTABLE; i++)
		if (strcmp(conf_table[i].name, kw) == 0)
			return (int)i;
	return -1;
}

/*
 * Whether the value is present or absent as keyword i wants; reported
 * first, so that one line gives one error.  A bad "defaults" or "profile"
 * line still opens a (discarded) block.
 */
static int
conf_check_shape(struct conf_parser *cp, size_t i, const char *kw,
    const char *val)
{
	switch (conf_table[i].type) {
	case CFG_T_NONE:
		if (*val != '\0') {
			conf_error(cp, cp->lineno, "'%s' takes no value", kw);
			conf_sink(cp);
			return -1;
		}
		break;
	case CFG_T_NAME:
		if (!conf_profile_name_ok(val)) {
			conf_error(cp, cp->lineno, "'%s' needs a profile name "
			    "of letters, digits, '_', '.' and '-'", kw);
			if (conf_table[i].op == CFG_PROFILE)
				conf_sink(cp);
			return -1;
		}
		break;
	default:
		if (*val == '\0') {
			conf_error(cp, cp->lineno, "'%s' needs a value", kw);
			return -1;
		}
		break;
	}
	return 0;
}

/* The index of val in words (NULL-terminated), or -1. */
static int
conf_choice(const char *const *words, const char *val)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], val) == 0)
			return i;
	return -1;
}

/*
 * "webmail NAME URL": the URL is the last word, the name all that comes
 * before it, blanks included, optionally in double quotes. Fills v->name
 * and v->url.
 */
static int
conf_check_webmail(struct conf_parser *cp, char *val, struct conf_value *v)
{
	const char *why;
	char *url, *e;

	if ((url = strrchr(val, ' ')) == NULL || strrchr(val, '\t') > url)
		url = strrchr(val, '\t');
	if (url == NULL) {
		conf_error(cp, cp->lineno, "'webmail' needs a name and a URL, "
		    "as in 'webmail Roundcube https://mail.example.com/'");
		return -1;
	}
	for (e = url++; e > val && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	*e = '\0';
	if (conf_unquote(val, &why) != 0) {
		conf_error(cp, cp->lineno, "webmail name: %s", why);
		return -1;
	}
	if (*val == '\0' || text_plain(val, NULL) != 0) {
		conf_error(cp, cp->lineno, "webmail name '%s' must be "
		    "printable text without tabs", val);
		return -1;
	}
	if ((why = conf_web_url_check(url)) != NULL) {
		conf_error(cp, cp->lineno, "webmail url '%s' %s", url, why);
		return -1;
	}
	v->name = xstrdup(val);
	v->url = xstrdup(url);
	return 0;
}

/* Checks val against the type of keyword i and parses it into v. */
static int
conf_check_type(struct conf_parser *cp, size_t i, const char *kw,
    char *val, struct conf_value *v)
{
	const char *const *words;
	const char *why;
	struct errbuf eb;
	size_t col;
	int plain;

	switch (conf_table[i].type) {
	case CFG_T_TEXT:
		if (text_plain(val, &col) != 0) {
			conf_error(cp, cp->lineno, "'%s' has a control "
			    "character or invalid UTF-8 at byte %zu of its "
			    "value", kw, col);
			return -1;
		}
		break;
	case CFG_T_HOST:
		if (conf_host_check(val, &eb) != 0) {
			conf_error(cp, cp->lineno, "'%s' needs a DNS name or "
			    "an IP address: %s", kw, eb.msg);
			return -1;
		}
		break;
	case CFG_T_PORT:
		if (conf_parse_number(val, 65535, &v->port) != 0) {
			conf_error(cp, cp->lineno, "'%s' needs a port from 1 "
			    "to 65535, not '%s'", kw, val);
			return -1;
		}
		break;
	case CFG_T_SECURITY:
	case CFG_T_LANG:
		words = conf_table[i].type == CFG_T_SECURITY ?
		    conf_security_words : conf_lang_words;
		if ((v->choice = conf_choice(words, val)) < 0) {
			conf_error(cp, cp->lineno, "'%s' needs '%s' or '%s', "
			    "not '%s'", kw, words[0], words[1], val);
			return -1;
		}
		break;
	case CFG_T_WEBMAIL:
		return conf_check_webmail(cp, val, v);
	case CFG_T_WORD:
		if (strpbrk(val, " \t") != NULL) {
			conf_error(cp, cp->lineno, "'%s' must be one word", kw);
			return -1;
		}
		if (strlen(val) > CONF_USER_MAX) {
			conf_error(cp, cp->lineno, "'%s' longer than %d "
			    "characters", kw, CONF_USER_MAX);
			return -1;
		}
		break;
	case CFG_T_PATH:
		if ((v->path = conf_path(val)) == NULL) {
			conf_error(cp, cp->lineno, "'%s' needs an absolute path "
			    "or one starting with ~/", kw);
			return -1;
		}
		break;
	case CFG_T_URL:
		if ((why = conf_url_check(val, &plain)) == conf_url_userinfo) {
			conf_error(cp, cp->lineno, "url %s", why);
			return -1;
		}
		if (why != NULL) {
			conf_error(cp, cp->lineno, "url '%s' %s", val, why);
			return -1;
		}
		break;
	case CFG_T_PUBKEY:
		if ((why = conf_pin_check(val, 0)) != NULL) {
			conf_error(cp, cp->lineno, "'%s' %s", kw, why);
			return -1;
		}
		break;
	case CFG_T_SECONDS:
		if (conf_parse_number(val, CONF_SECONDS_MAX, &v->secs) != 0) {
			conf_error(cp, cp->lineno, "'%s' needs whole seconds "
			    "from 1 to %d, not '%s'", kw, CONF_SECONDS_MAX,
			    val);
			return -1;
		}
		break;
	case CFG_T_GUESSES:
		if (conf_parse_guesses(val, &v->guesses) != 0) {
			conf_error(cp, cp->lineno, "'%s' needs a number from "
			    "%d to %d, not '%s'", kw, CONF_GUESSES_MIN,
			    CONF_GUESSES_MAX, val);
			return -1;
		}
		break;
	case CFG_T_DURATION:
		if (duration_parse(val, &v->duration, &eb) != 0) {
			conf_error(cp, cp->lineno, "'%s' needs a duration such "
			    "as 90s, 30m or 1h30m, up to a week, not '%s'", kw,
			    val);
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* Whether keyword i may appear where the parser is. */
static int
conf_check_place(struct conf_parser *cp, size_t i, const char *kw)
{
	const struct conf_block *b = cp->cur;
	const char *where;
	int place;

	if (b == NULL) {
		place = CFG_F_TOP;
		where = "outside any block";
	} else if (b == &cp->sink) {
		place = CFG_F_BLOCK;
		where = "";
	} else if (b == &cp->defaults) {
		place = CFG_F_DEFAULTS;
		where = "in 'defaults'";
	} else {
		place = CFG_F_PROFILE;
		where = "in a profile";
	}
	if ((conf_table[i].flags & place) != 0)
		return 0;
	if (place == CFG_F_TOP)
		conf_error(cp, cp->lineno, "'%s' outside any block: "
		    "put it after 'defaults' or 'profile NAME'", kw);
	else
		conf_error(cp, cp->lineno, "'%s' not allowed %s: "
		    "only at the top or in 'defaults'", kw, where);
	return -1;
}

/* Opens the "defaults" block, or a discarded one when it is misplaced. */
static void
conf_open_defaults(struct conf_parser *cp)
{
	if (cp->defaults.p != NULL) {
		conf_error(cp, cp->lineno, "'defaults' already at "
		    "line %d", cp->defaults.line);
		conf_sink(cp);
	} else if (cp->nblocks > 0) {
		conf_error(cp, cp->lineno, "'defaults' must come "
		    "before the first profile (line %d)",
		    cp->blocks[0].line);
		conf_sink(cp);
	} else {
		cp->defaults.p = xcalloc(1, sizeof(*cp->defaults.p));
		cp->defaults.line = cp->lineno;
		cp->cur = &cp->defaults;
	}
}

static void
conf_set_default_profile(struct conf_parser *cp, const char *val)
{
	if (cp->default_profile != NULL) {
		conf_error(cp, cp->lineno, "'default_profile' already "
		    "set at line %d", cp->default_profile_line);
		return;
	}
	cp->default_profile = xstrdup(val);
	cp->default_profile_line = cp->lineno;
}

/*
 * Whether opcode op may still be set in block b: once each (webmail
 * repeats), one password source, and mail_host or the separate hosts.
 */
static int
conf_check_unset(struct conf_parser *cp, const struct conf_block *b,
    enum conf_op op, const char *kw)
{
	int other;

	if (op == CFG_WEBMAIL)
		return 0;
	if (b->set[op] != 0) {
		conf_error(cp, cp->lineno, "'%s' already set at line %d", kw,
		    b->set[op]);
		return -1;
	}
	if ((op == CFG_PASSWORD_COMMAND && b->set[CFG_PASSWORD_FILE] != 0) ||
	    (op == CFG_PASSWORD_FILE && b->set[CFG_PASSWORD_COMMAND] != 0)) {
		conf_error(cp, cp->lineno, "'password_command' and "
		    "'password_file' both set (line %d): keep one",
		    b->set[op == CFG_PASSWORD_FILE ?
		    CFG_PASSWORD_COMMAND : CFG_PASSWORD_FILE]);
		return -1;
	}
	if (op == CFG_MAIL_HOST)
		other = b->set[CFG_IMAP_HOST] != 0 ? b->set[CFG_IMAP_HOST] :
		    b->set[CFG_SMTP_HOST];
	else if (op == CFG_IMAP_HOST || op == CFG_SMTP_HOST)
		other = b->set[CFG_MAIL_HOST];
	else
		other = 0;
	if (other != 0) {
		conf_error(cp, cp->lineno, "'%s' and the host set at line %d "
		    "both set: 'mail_host' names both servers, 'imap_host' "
		    "and 'smtp_host' each one", kw, other);
		return -1;
	}
	return 0;
}

/* Appends a webmail to c; takes ownership of name and url. */
static void
conf_add_webmail(struct mailclient *c, char *name, char *url)
{
	c->webmail = xreallocarray(c->webmail, c->nwebmail + 1,
	    sizeof(*c->webmail));
	c->webmail[c->nwebmail].name = name;
	c->webmail[c->nwebmail].url = url;
	c->nwebmail++;
}

/* Stores a checked value in p; takes ownership of v's strings. */
static void
conf_store(struct profile *p, enum conf_op op, const char *val,
    struct conf_value *v)
{
	struct mailclient *c = &p->client;

	switch (op) {
	case CFG_URL:
		p->url = xstrdup(val);
		break;
	case CFG_USER:
		p->user = xstrdup(val);
		break;
	case CFG_PASSWORD_COMMAND:
		p->password_command = xstrdup(val);
		break;
	case CFG_PASSWORD_FILE:
		p->password_file = v->path;
		break;
	case CFG_CA_FILE:
		p->ca_file = v->path;
		break;
	case CFG_PINNED_PUBKEY:
		p->pinned_pubkey = xstrdup(val);
		break;
	case CFG_TIMEOUT:
		p->timeout = v->secs;
		break;
	case CFG_CONNECT_TIMEOUT:
		p->connect_timeout = v->secs;
		break;
	case CFG_MIN_GUESSES:
		p->min_guesses_log10 = v->guesses;
		break;
	case CFG_ORGANISATION:
		p->organisation = xstrdup(val);
		break;
	case CFG_SEAL_TO:
		p->seal_to = v->path;
		break;
	case CFG_JOURNAL:
		p->journal = v->path;
		break;
	case CFG_BUDGET:
		p->budget = v->duration;
		break;
	case CFG_MAIL_HOST:
		c->imap_host = xstrdup(val);
		c->smtp_host = xstrdup(val);
		break;
	case CFG_IMAP_HOST:
		c->imap_host = xstrdup(val);
		break;
	case CFG_SMTP_HOST:
		c->smtp_host = xstrdup(val);
		break;
	case CFG_IMAP_PORT:
		c->imap_port = v->port;
		break;
	case CFG_POP3_PORT:
		c->pop3_port = v->port;
		break;
	case CFG_SMTP_PORT:
		c->smtp_port = v->port;
		break;
	case CFG_SMTP_SECURITY:
		c->smtp_starttls = v->choice;
		break;
	case CFG_WEBMAIL:
		conf_add_webmail(c, v->name, v->url);
		v->name = v->url = NULL;
		break;
	case CFG_SUPPORT:
		c->support = xstrdup(val);
		break;
	case CFG_SHEET_LANG:
		c->lang = xstrdup(val);
		break;
	default:
		/* Every opcode is handled by conf_line(); the table is the bug. */
		abort();
	}
	v->path = NULL;
}

/*
 * Handles one "keyword value" line: the value's shape, its type, the
 * place, then the block structure or the setting itself.
 */
static void
conf_line(struct conf_parser *cp, const char *kw, char *val)
{
	struct conf_value v;
	enum conf_op op;
	const char *why;
	int i;

	memset(&v, 0, sizeof(v));
	if ((i = conf_lookup(kw)) < 0) {
		conf_error(cp, cp->lineno, "unknown keyword '%s'", kw);
		return;
	}
	/* A webmail's name may be quoted, not the whole value. */
	if (conf_table[i].type != CFG_T_WEBMAIL &&
	    conf_unquote(val, &why) != 0) {
		conf_error(cp, cp->lineno, "%s", why);
		return;
	}
	if (conf_check_shape(cp, (size_t)i, kw, val) != 0 ||
	    conf_check_type(cp, (size_t)i, kw, val, &v) != 0 ||
	    conf_check_place(cp, (size_t)i, kw) != 0)
		goto out;
	switch ((op = conf_table[i].op)) {
	case CFG_DEFAULTS:
		conf_open_defaults(cp);
		break;
	case CFG_PROFILE:
		conf_new_profile(cp, val);
		break;
	case CFG_DEFAULT_PROFILE:
		conf_set_default_profile(cp, val);
		break;
	default:
		if (conf_check_unset(cp, cp->cur, op, kw) != 0)
			goto out;
		cp->cur->set[op] = cp->lineno;
		conf_store(cp->cur->p, op, val, &v);
		break;
	}
 out:
	free(v.path);
	free(v.name);
	free(v.url);
}

static void
conf_inherit_str(char **field, const char *dflt)
{
	if (*field == NULL && dflt != NULL)
		*field = xstrdup(dflt);
}

/*
 * The mail client settings of conf_merge(). The webmails are one list: a
 * profile that names any replaces those of the defaults.
 */
static void
conf_merge_client(struct conf_block *b, const struct conf_block *d)
{
	struct mailclient *c = &b->p->client;
	const struct mailclient *dc = d->p != NULL ? &d->p->client : NULL;
	size_t i;

	if (dc != NULL) {
		conf_inherit_str(&c->imap_host, dc->imap_host);
		conf_inherit_str(&c->smtp_host, dc->smtp_host);
		if (!b->set[CFG_IMAP_PORT] && d->set[CFG_IMAP_PORT])
			c->imap_port = dc->imap_port;
		if (!b->set[CFG_POP3_PORT] && d->set[CFG_POP3_PORT])
			c->pop3_port = dc->pop3_port;
		if (!b->set[CFG_SMTP_PORT] && d->set[CFG_SMTP_PORT])
			c->smtp_port = dc->smtp_port;
		if (!b->set[CFG_SMTP_SECURITY] && d->set[CFG_SMTP_SECURITY])
			c->smtp_starttls = dc->smtp_starttls;
		if (c->nwebmail == 0)
			for (i = 0; i < dc->nwebmail; i++)
				conf_add_webmail(c,
				    xstrdup(dc->webmail[i].name),
				    xstrdup(dc->webmail[i].url));
		conf_inherit_str(&c->support, dc->support);
		conf_inherit_str(&c->lang, dc->lang);
	}
	if (c->imap_host == NULL && b->p->url != NULL)
		c->imap_host = conf_url_host(b->p->url);
	if (c->smtp_host == NULL && b->p->url != NULL)
		c->smtp_host = conf_url_host(b->p->url);
	if (c->imap_port == 0)
		c->imap_port = CONF_DEFAULT_IMAP_PORT;
	if (c->pop3_port == 0)
		c->pop3_port = CONF_DEFAULT_POP3_PORT;
	if (c->smtp_port == 0)
		c->smtp_port = CONF_DEFAULT_SMTP_PORT;
	if (c->lang == NULL)
		c->lang = xstrdup(CONF_DEFAULT_LANG);
}

/*
 * Fills what b leaves unset from defaults, then the built-in values. The
 * password source is one setting: a profile's password_command replaces
 * the defaults' password_file and the other way round.
 */
static void
conf_merge(struct conf_block *b, const struct conf_block *d)
{
	struct profile *p = b->p;
	const struct profile *dp = d->p;

	if (dp != NULL) {
		conf_inherit_str(&p->url, dp->url);
		conf_inherit_str(&p->user, dp->user);
		if (p->password_command == NULL && p->password_file == NULL) {
			conf_inherit_str(&p->password_command,
			    dp->password_command);
			conf_inherit_str(&p->password_file, dp->password_file);
		}
		conf_inherit_str(&p->ca_file, dp->ca_file);
		conf_inherit_str(&p->pinned_pubkey, dp->pinned_pubkey);
		conf_inherit_str(&p->organisation, dp->organisation);
		conf_inherit_str(&p->seal_to, dp->seal_to);
		conf_inherit_str(&p->journal, dp->journal);
		if (!b->set[CFG_TIMEOUT] && d->set[CFG_TIMEOUT])
			p->timeout = dp->timeout;
		if (!b->set[CFG_CONNECT_TIMEOUT] && d->set[CFG_CONNECT_TIMEOUT])
			p->connect_timeout = dp->connect_timeout;
		if (!b->set[CFG_MIN_GUESSES] && d->set[CFG_MIN_GUESSES])
			p->min_guesses_log10 = dp->min_guesses_log10;
		if (!b->set[CFG_BUDGET])
			p->budget = dp->budget;
	}
	if (p->timeout == 0)
		p->timeout = CONF_DEFAULT_TIMEOUT;
	if (p->connect_timeout == 0)
		p->connect_timeout = CONF_DEFAULT_CONNECT_TIMEOUT;
	if (p->min_guesses_log10 == 0)
		p->min_guesses_log10 = CONF_DEFAULT_GUESSES;
	conf_merge_client(b, d);
}

/* Reads one line; returns its length, -1 at end, -2 when too long. */
static ssize_t
conf_getline(FILE *fp, char **buf, size_t *bufsz)
{
	ssize_t n;

	if ((n = getline(buf, bufsz, fp)) == -1)
		return -1;
	if (n > 0 && (*buf)[n - 1] == '\n')
		(*buf)[--n] = '\0';
	if (n > 0 && (*buf)[n - 1] == '\r')
		(*buf)[--n] = '\0';
	return n > CONF_LINE_MAX ? -2 : n;
}

/* see conf.h */
int
conf_parse(FILE *fp, const char *name, FILE *errs, struct config **out,
    struct errbuf *eb)
{
	struct conf_parser cp;
	struct config *cfg;
	char *buf = NULL, *kw, *val, *s;
	size_t bufsz = 0, i;
	ssize_t n;
	int r;

	*out = NULL;
	memset(&cp, 0, sizeof(cp));
	cp.name = name;
	cp.errs = errs;
	while ((n = conf_getline(fp, &buf, &bufsz)) != -1) {
		cp.lineno++;
		if (n == -2) {
			conf_error(&cp, cp.lineno, "line longer than %d bytes",
			    CONF_LINE_MAX);
			continue;
		}
		if (strlen(buf) != (size_t)n) {
			conf_error(&cp, cp.lineno, "NUL byte in line");
			continue;
		}
		for (s = buf; *s != '\0'; s++)
			if (((unsigned char)*s < 0x20 && *s != '\t') ||
			    *s == 0x7f)
				break;
		if (*s != '\0') {
			conf_error(&cp, cp.lineno, "control character at "
			    "column %zu", (size_t)(s - buf) + 1);
			continue;
		}
		conf_split(buf, &kw, &val);
		if (kw != NULL)
			conf_line(&cp, kw, val);
	}
	if (ferror(fp))
		conf_error(&cp, cp.lineno, "read error: %s", strerror(errno));
	free(buf);

	if (cp.default_profile != NULL) {
		for (i = 0; i < cp.nblocks; i++)
			if (strcmp(cp.blocks[i].p->name,
			    cp.default_profile) == 0)
				break;
		if (i == cp.nblocks)
			conf_error(&cp, cp.default_profile_line,
			    "default_profile '%s' names no profile in this "
			    "file", cp.default_profile);
	}

	cfg = xcalloc(1, sizeof(*cfg));
	cfg->path = xstrdup(name);
	cfg->default_profile = cp.default_profile;
	cfg->profiles = xcalloc(cp.nblocks, sizeof(*cfg->profiles));
	for (i = 0; i < cp.nblocks; i++) {
		conf_merge(&cp.blocks[i], &cp.defaults);
		cfg->profiles[cfg->nprofiles++] = cp.blocks[i].p;
	}
	free(cp.blocks);
	conf_profile_free(cp.defaults.p);
	conf_profile_free(cp.sink.p);

	if (cp.nerr > CONF_ERRORS_SHOWN && cp.errs != NULL)
		fprintf(cp.errs, "%s: ... and %d more errors\n", name,
		    cp.nerr - CONF_ERRORS_SHOWN);
	if (cp.nerr > 0) {
		conf_free(cfg);
		r = err_set(eb, ISPM_ECONFIG, "%d error%s in %s", cp.nerr,
		    cp.nerr == 1 ? "" : "s", name);
		return r;
	}
	*out = cfg;
	return 0;
}

/* The per-user path: $XDG_CONFIG_HOME/ispmail/config or ~/.config/... */
static char *
conf_user_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* The XDG spec says to ignore a relative $XDG_CONFIG_HOME. */
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/ispmail/config", x);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/ispmail/config", home);
	return NULL;
}

/*
 * Opens, checks and parses path. With must_exist 0 a missing file sets
 * *found to 0 and returns 0.
 */
static int
conf_load_file(const char *path, int must_exist, const char *origin,
    FILE *errs, struct config **out, int *found, struct errbuf *eb)
{
	const char *why;
	FILE *fp;
	int fd, r;

	*found = 0;
	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1) {
		if (errno == ENOENT && !must_exist)
			return 0;
		return err_set(eb, ISPM_ECONFIG, "cannot open config file "
		    "'%s'%s: %s", path, origin, why);
	}
	*found = 1;
	/* Checked on the open file, so that it cannot be swapped between
	 * the check and the read. */
	if ((r = secret_check_file_mode(fd, path, "config file", eb)) != 0) {
		close(fd);
		return r;
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return err_set(eb, ISPM_ECONFIG, "cannot read config file "
		    "'%s': %s", path, strerror(errno));
	}
	r = conf_parse(fp, path, errs, out, eb);
	fclose(fp);
	return r;
}

/* see conf.h */
int
conf_load(const char *path, FILE *errs, struct config **out,
    struct errbuf *eb)
{
	const char *env;
	char *user;
	int found, r;

	*out = NULL;
	if (path != NULL)
		return conf_load_file(path, 1, " (given with -c)", errs, out,
		    &found, eb);
	if ((env = getenv("ISPMAIL_CONFIG")) != NULL && env[0] != '\0')
		return conf_load_file(env, 1, " (from $ISPMAIL_CONFIG)", errs,
		    out, &found, eb);
	if ((user = conf_user_path()) != NULL) {
		r = conf_load_file(user, 0, "", errs, out, &found, eb);
		free(user);
		if (r != 0 || found)
			return r;
	}
	if ((r = conf_load_file(CONF_SYSTEM_PATH, 0, "", errs, out, &found,
	    eb)) != 0 || found)
		return r;
	*out = xcalloc(1, sizeof(**out));
	return 0;
}

/* Writes "a, b, c" (the profile names) into buf. */
static void
conf_list_profiles(const struct config *cfg, char *buf, size_t bufsz)
{
	size_t i, used = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < cfg->nprofiles && used < bufsz; i++) {
		n = snprintf(buf + used, bufsz - used, "%s%s", i ? ", " : "",
		    cfg->profiles[i]->name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/* The profile name $ISPMAIL_PROFILE gives, or NULL. */
static const char *
conf_profile_env(void)
{
	const char *env = getenv("ISPMAIL_PROFILE");

	return env != NULL && env[0] != '\0' ? env : NULL;
}

/* see conf.h */
int
conf_profile_unchosen(const struct config *cfg, const char *name)
{
	return name == NULL && conf_profile_env() == NULL &&
	    cfg->default_profile == NULL && cfg->nprofiles > 1;
}

/* see conf.h */
int
conf_profile(const struct config *cfg, const char *name,
    const struct profile **out, struct errbuf *eb)
{
	const char *origin = "", *env;
	char list[256], *user;
	size_t i;

	*out = NULL;
	if (cfg->nprofiles == 0) {
		if (cfg->path != NULL)
			return err_set(eb, ISPM_ECONFIG, "no profile in '%s': "
			    "add a 'profile NAME' block, see ispmail.conf(5)",
			    cfg->path);
		user = conf_user_path();
		err_set(eb, ISPM_ECONFIG, "no config file found: searched -c "
		    "FILE, $ISPMAIL_CONFIG, %s and %s; see ispmail.conf(5)",
		    user != NULL ? user : "$XDG_CONFIG_HOME/ispmail/config",
		    CONF_SYSTEM_PATH);
		free(user);
		return ISPM_ECONFIG;
	}
	conf_list_profiles(cfg, list, sizeof(list));
	env = conf_profile_env();
	if (name == NULL && env != NULL) {
		name = env;
		origin = " (from $ISPMAIL_PROFILE)";
	} else if (name == NULL && cfg->default_profile != NULL) {
		name = cfg->default_profile;
		origin = " (default_profile)";
	} else if (name == NULL && cfg->nprofiles == 1) {
		*out = cfg->profiles[0];
		return 0;
	} else if (conf_profile_unchosen(cfg, name))
		return err_set(eb, ISPM_ECONFIG, "%zu profiles in '%s' and none "
		    "chosen: use -p NAME, $ISPMAIL_PROFILE or default_profile; "
		    "profiles: %s", cfg->nprofiles, cfg->path, list);
	for (i = 0; i < cfg->nprofiles; i++)
		if (strcmp(cfg->profiles[i]->name, name) == 0) {
			*out = cfg->profiles[i];
			return 0;
		}
	return err_set(eb, ISPM_ECONFIG, "no profile '%.64s'%s in '%s'; "
	    "profiles: %s", name, origin, cfg->path, list);
}

/* see conf.h */
int
conf_profile_check(const struct profile *p, struct errbuf *eb)
{
	const char *why;
	int fd, r;

	if (p->url == NULL)
		return err_set(eb, ISPM_ECONFIG, "profile '%s': no 'url'",
		    p->name);
	if (p->user == NULL)
		return err_set(eb, ISPM_ECONFIG, "profile '%s': no 'user'",
		    p->name);
	if (p->password_command != NULL && p->password_file != NULL)
		return err_set(eb, ISPM_ECONFIG, "profile '%s': "
		    "'password_command' and 'password_file' both set",
		    p->name);
	if (p->password_command == NULL && p->password_file == NULL)
		return err_set(eb, ISPM_ECONFIG, "profile '%s': no "
		    "'password_command' or 'password_file' for the API "
		    "password", p->name);
	if (p->password_file != NULL) {
		if ((fd = safefile_open(p->password_file, O_RDONLY, 0,
		    &why)) == -1)
			return err_set(eb, ISPM_ECONFIG, "profile '%s': cannot "
			    "open password_file '%s': %s", p->name,
			    p->password_file, why);
		r = secret_check_file_mode(fd, p->password_file,
		    "password_file", eb);
		close(fd);
		if (r != 0)
			return r;
	}
	if (p->ca_file != NULL && (why = conf_ca_check(p->ca_file)) != NULL)
		return err_set(eb, ISPM_ECONFIG, "profile '%s': ca_file '%s' "
		    "%s", p->name, p->ca_file, why);
	if (p->pinned_pubkey != NULL &&
	    (why = conf_pin_check(p->pinned_pubkey, 1)) != NULL)
		return err_set(eb, ISPM_ECONFIG, "profile '%s': pinned_pubkey "
		    "'%s' %s", p->name, p->pinned_pubkey, why);
	return 0;
}

/* Prints v, quoted when it would not read back unquoted. */
static void
conf_show_value(FILE *out, const char *v)
{
	const char *s;
	size_t n = strlen(v);

	if (n > 0 && v[0] != '"' && v[0] != ' ' && v[0] != '\t' &&
	    v[n - 1] != ' ' && v[n - 1] != '\t') {
		fputs(v, out);
		return;
	}
	fputc('"', out);
	for (s = v; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* Prints one "keyword value" line. */
static void
conf_show_str(FILE *out, const char *kw, const char *v)
{
	fprintf(out, "%s ", kw);
	conf_show_value(out, v);
	fputc('\n', out);
}

/*
 * The mail client settings in effect, hosts taken from the url included,
 * as lines that read back the same.
 */
static void
conf_show_client(const struct mailclient *c, FILE *out)
{
	size_t i;

	if (c->imap_host != NULL && c->smtp_host != NULL &&
	    strcmp(c->imap_host, c->smtp_host) == 0)
		fprintf(out, "\tmail_host %s\n", c->imap_host);
	else {
		if (c->imap_host != NULL)
			fprintf(out, "\timap_host %s\n", c->imap_host);
		if (c->smtp_host != NULL)
			fprintf(out, "\tsmtp_host %s\n", c->smtp_host);
	}
	fprintf(out, "\timap_port %ld\n", c->imap_port);
	fprintf(out, "\tpop3_port %ld\n", c->pop3_port);
	fprintf(out, "\tsmtp_port %ld\n", c->smtp_port);
	fprintf(out, "\tsmtp_security %s\n",
	    conf_security_words[c->smtp_starttls]);
	for (i = 0; i < c->nwebmail; i++) {
		fputs("\twebmail ", out);
		conf_show_value(out, c->webmail[i].name);
		fprintf(out, " %s\n", c->webmail[i].url);
	}
	if (c->support != NULL)
		conf_show_str(out, "\tsupport", c->support);
	fprintf(out, "\tsheet_lang %s\n", c->lang);
}

static void
conf_show_profile(const struct profile *p, FILE *out)
{
	char budget[64];
	long frac;
	int n;

	fprintf(out, "profile %s\n", p->name);
	if (p->url != NULL)
		conf_show_str(out, "\turl", p->url);
	if (p->user != NULL)
		conf_show_str(out, "\tuser", p->user);
	/* The command line may embed the password itself. */
	if (p->password_command != NULL)
		fprintf(out, "\tpassword_command ********\n");
	/* The path is not secret; the file's contents are never read here. */
	if (p->password_file != NULL)
		conf_show_str(out, "\tpassword_file", p->password_file);
	if (p->ca_file != NULL)
		conf_show_str(out, "\tca_file", p->ca_file);
	if (p->pinned_pubkey != NULL)
		conf_show_str(out, "\tpinned_pubkey", p->pinned_pubkey);
	fprintf(out, "\ttimeout %ld\n", p->timeout);
	fprintf(out, "\tconnect_timeout %ld\n", p->connect_timeout);
	/* By hand: %g would follow a locale's decimal comma. */
	fprintf(out, "\tmin_guesses_log10 %ld", (long)p->min_guesses_log10);
	frac = (long)((p->min_guesses_log10 -
	    (long)p->min_guesses_log10) * 1000000 + 0.5);
	if (frac > 0) {
		for (n = 6; frac % 10 == 0; n--)
			frac /= 10;
		fprintf(out, ".%0*ld", n, frac);
	}
	fputc('\n', out);
	if (p->organisation != NULL)
		conf_show_str(out, "\torganisation", p->organisation);
	if (p->seal_to != NULL)
		conf_show_str(out, "\tseal_to", p->seal_to);
	if (p->journal != NULL)
		conf_show_str(out, "\tjournal", p->journal);
	if (p->budget > 0) {
		duration_format(p->budget, budget, sizeof(budget));
		fprintf(out, "\tbudget %s\n", budget);
	}
	conf_show_client(&p->client, out);
}

/* see conf.h */
void
conf_show(const struct config *cfg, const struct profile *p, FILE *out)
{
	size_t i;

	fprintf(out, "# %s\n", cfg->path != NULL ? cfg->path :
	    "no config file found");
	if (p != NULL) {
		conf_show_profile(p, out);
		return;
	}
	if (cfg->default_profile != NULL)
		fprintf(out, "default_profile %s\n", cfg->default_profile);
	for (i = 0; i < cfg->nprofiles; i++)
		conf_show_profile(cfg->profiles[i], out);
}
