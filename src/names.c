/*
 * The provider's mailbox name rules (see names.h), checked before any
 * network call so that a bad name never costs a login attempt and the
 * admin learns which rule failed and where, instead of ISPConfig's bare
 * "email_error_isemail" or "login_error_regex".
 *
 * Input is scanned character by character, UTF-8 aware, and the first
 * offending character wins: positions are counted in characters because
 * that is what the admin sees in the terminal.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "utf8.h"
#include "xmalloc.h"

/* Room for an echoed subject; longer ones are cut and marked "...". */
#define NAMES_ECHO_MAX 160

static const char *const names_rule_names[] = {
	[NAMES_OK] = "ok",
	[NAMES_EMPTY] = "empty",
	[NAMES_AT_MISSING] = "at-missing",
	[NAMES_AT_MANY] = "at-many",
	[NAMES_LOCAL_EMPTY] = "local-empty",
	[NAMES_DOMAIN_EMPTY] = "domain-empty",
	[NAMES_LOCAL_CHAR] = "local-char",
	[NAMES_LOCAL_LENGTH] = "local-length",
	[NAMES_DOT_FIRST] = "dot-first",
	[NAMES_DOT_LAST] = "dot-last",
	[NAMES_DOT_DOUBLE] = "dot-double",
	[NAMES_HYPHEN_FIRST] = "hyphen-first",
	[NAMES_DOMAIN_CHAR] = "domain-char",
	[NAMES_DOMAIN_LENGTH] = "domain-length",
	[NAMES_LABEL_EMPTY] = "label-empty",
	[NAMES_LABEL_LENGTH] = "label-length",
	[NAMES_LABEL_HYPHEN] = "label-hyphen",
	[NAMES_DOMAIN_LABELS] = "domain-labels",
	[NAMES_TLD_NUMERIC] = "tld-numeric",
	[NAMES_ADDRESS_LENGTH] = "address-length",
};

/* Bytes of the character at s: 1 for an invalid byte (see utf8.h). */
static size_t
names_char_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_char(s, n, &cp);

	return len == 0 ? 1 : len;
}

/*
 * Whether the n-byte character at s can go to a terminal as it is: not a
 * C0/C1 control, DEL, invalid UTF-8, or a bidirectional override that
 * could make the echoed name read differently from what was typed.
 */
static int
names_char_printable(const char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_char(s, n, &cp);

	if (len == 0)
		return 0;
	if (cp < 0xa0)
		return cp >= 0x20 && cp < 0x7f;
	return !(cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069));
}

/* Appends the character at s, escaped as \xHH bytes when not printable. */
static void
names_echo_char(char *dst, size_t dstsz, const char *s, size_t n)
{
	size_t len = names_char_len(s, n), i, used = strlen(dst);

	if (names_char_printable(s, n)) {
		if (used + len < dstsz) {
			memcpy(dst + used, s, len);
			dst[used + len] = '\0';
		}
		return;
	}
	for (i = 0; i < len; i++, used += 4)
		if (used + 4 < dstsz)
			snprintf(dst + used, dstsz - used, "\\x%02x",
			    (unsigned char)s[i]);
}

/* Writes a terminal-safe copy of s[0..n) to dst, cut with "..." if long. */
static void
names_echo(char *dst, size_t dstsz, const char *s, size_t n)
{
	size_t i, len;

	dst[0] = '\0';
	for (i = 0; i < n; i += len) {
		len = names_char_len(s + i, n - i);
		if (strlen(dst) + 16 >= dstsz) {
			strcat(dst, "...");
			return;
		}
		names_echo_char(dst, dstsz, s + i, n - i);
	}
}

static int
names_fail(struct names_verdict *v, struct errbuf *eb, enum names_rule rule,
    size_t pos, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Records the verdict and formats the message; returns ISPM_EDATA. */
static int
names_fail(struct names_verdict *v, struct errbuf *eb, enum names_rule rule,
    size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (v != NULL) {
		v->rule = rule;
		v->pos = pos;
	}
	if (eb != NULL) {
		va_start(ap, fmt);
		vsnprintf(eb->msg, sizeof(eb->msg), fmt, ap);
		va_end(ap);
	}
	return ISPM_EDATA;
}

static int
names_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Local part s[0..n): the provider's charset and dot rules. */
static int
names_local(const char *s, size_t n, struct names_verdict *v,
    struct errbuf *eb)
{
	char subj[NAMES_ECHO_MAX + 16], bad[24];
	size_t i, len, pos;

	names_echo(subj, sizeof(subj), s, n);
	if (n == 0)
		return names_fail(v, eb, NAMES_EMPTY, 0,
		    "invalid local part '': empty, 1 to %d characters needed",
		    NAMES_LOCAL_MAX);
	for (i = 0, pos = 1; i < n; i += len, pos++) {
		len = names_char_len(s + i, n - i);
		if (pos > NAMES_LOCAL_MAX)
			return names_fail(v, eb, NAMES_LOCAL_LENGTH, pos,
			    "invalid local part '%s': too long at position %zu, "
			    "%d characters at most", subj, pos,
			    NAMES_LOCAL_MAX);
		if (len != 1 || !(names_is_alnum(s[i]) || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-')) {
			bad[0] = '\0';
			names_echo_char(bad, sizeof(bad), s + i, n - i);
			return names_fail(v, eb, NAMES_LOCAL_CHAR, pos,
			    "invalid character '%s' at position %zu in local "
			    "part '%s': only A-Z a-z 0-9 . _ - are allowed",
			    bad, pos, subj);
		}
		if (s[i] == '.' && pos == 1)
			return names_fail(v, eb, NAMES_DOT_FIRST, pos,
			    "invalid local part '%s': starts with a dot at "
			    "position 1", subj);
		if (s[i] == '.' && s[i - 1] == '.')
			return names_fail(v, eb, NAMES_DOT_DOUBLE, pos,
			    "invalid local part '%s': two dots in a row at "
			    "position %zu", subj, pos);
		if (s[i] == '-' && pos == 1)
			return names_fail(v, eb, NAMES_HYPHEN_FIRST, pos,
			    "invalid local part '%s': starts with '-' at "
			    "position 1, which ISPConfig refuses in a login",
			    subj);
	}
	/* Every character was ASCII, so n is also the character count. */
	if (s[n - 1] == '.')
		return names_fail(v, eb, NAMES_DOT_LAST, n,
		    "invalid local part '%s': ends with a dot at position %zu",
		    subj, n);
	return 0;
}

/* Domain s[0..n): DNS host name syntax, case-insensitive. */
static int
names_domain(const char *s, size_t n, struct names_verdict *v,
    struct errbuf *eb)
{
	char subj[NAMES_ECHO_MAX + 16], bad[24];
	size_t i, len, pos, label = 0, labels = 1, last = 1;
	int numeric = 1;

	names_echo(subj, sizeof(subj), s, n);
	if (n == 0)
		return names_fail(v, eb, NAMES_EMPTY, 0,
		    "invalid domain '': empty");
	for (i = 0, pos = 1; i < n; i += len, pos++) {
		len = names_char_len(s + i, n - i);
		if (pos > NAMES_DOMAIN_MAX)
			return names_fail(v, eb, NAMES_DOMAIN_LENGTH, pos,
			    "invalid domain '%s': too long at position %zu, "
			    "%d characters at most", subj, pos,
			    NAMES_DOMAIN_MAX);
		if (len != 1 || !(names_is_alnum(s[i]) || s[i] == '-' ||
		    s[i] == '.')) {
			bad[0] = '\0';
			names_echo_char(bad, sizeof(bad), s + i, n - i);
			return names_fail(v, eb, NAMES_DOMAIN_CHAR, pos,
			    "invalid character '%s' at position %zu in domain "
			    "'%s': only letters, digits, '-' and '.' are "
			    "allowed%s", bad, pos, subj, len > 1 ?
			    " (write an international domain in its xn-- form)" :
			    "");
		}
		if (s[i] == '.') {
			if (label == 0)
				return names_fail(v, eb, NAMES_LABEL_EMPTY, pos,
				    "invalid domain '%s': empty label at "
				    "position %zu", subj, pos);
			if (s[i - 1] == '-')
				return names_fail(v, eb, NAMES_LABEL_HYPHEN,
				    pos - 1, "invalid domain '%s': label ends "
				    "with '-' at position %zu", subj, pos - 1);
			label = 0;
			labels++;
			last = pos + 1;
			numeric = 1;
			continue;
		}
		if (s[i] == '-' && label == 0)
			return names_fail(v, eb, NAMES_LABEL_HYPHEN, pos,
			    "invalid domain '%s': label starts with '-' at "
			    "position %zu", subj, pos);
		if (++label > 63)
			return names_fail(v, eb, NAMES_LABEL_LENGTH, pos,
			    "invalid domain '%s': label too long at position "
			    "%zu, 63 characters at most", subj, pos);
		if (s[i] < '0' || s[i] > '9')
			numeric = 0;
	}
	/* All ASCII from here on: n counts characters. */
	if (label == 0)
		return names_fail(v, eb, NAMES_LABEL_EMPTY, n,
		    "invalid domain '%s': ends with a dot at position %zu",
		    subj, n);
	if (s[n - 1] == '-')
		return names_fail(v, eb, NAMES_LABEL_HYPHEN, n,
		    "invalid domain '%s': label ends with '-' at position %zu",
		    subj, n);
	if (labels < 2)
		return names_fail(v, eb, NAMES_DOMAIN_LABELS, 0,
		    "invalid domain '%s': a single label, at least two are "
		    "needed (as in example.com)", subj);
	if (numeric)
		return names_fail(v, eb, NAMES_TLD_NUMERIC, last,
		    "invalid domain '%s': last label is all digits at "
		    "position %zu", subj, last);
	return 0;
}

/* see names.h */
const char *
names_rule_name(enum names_rule rule)
{
	if ((size_t)rule >= sizeof(names_rule_names) /
	    sizeof(names_rule_names[0]))
		return "unknown";
	return names_rule_names[rule];
}

/* see names.h */
int
names_check_local(const char *local, struct errbuf *eb)
{
	return names_local(local, strlen(local), NULL, eb);
}

/* see names.h */
int
names_check_domain(const char *domain, struct errbuf *eb)
{
	return names_domain(domain, strlen(domain), NULL, eb);
}

/* see names.h */
int
names_check(const char *address, struct names_verdict *v, struct errbuf *eb)
{
	char subj[NAMES_ECHO_MAX + 16];
	size_t n = strlen(address), i, len, pos, at = 0, atpos = 0;
	int r;

	if (v != NULL) {
		v->rule = NAMES_OK;
		v->pos = 0;
	}
	names_echo(subj, sizeof(subj), address, n);
	if (n == 0)
		return names_fail(v, eb, NAMES_EMPTY, 0,
		    "invalid address '': empty");
	for (i = 0, pos = 1; i < n; i += len, pos++) {
		len = names_char_len(address + i, n - i);
		if (address[i] != '@')
			continue;
		if (atpos != 0)
			return names_fail(v, eb, NAMES_AT_MANY, pos,
			    "invalid address '%s': second '@' at position %zu, "
			    "exactly one is allowed", subj, pos);
		at = i;
		atpos = pos;
	}
	if (atpos == 0)
		return names_fail(v, eb, NAMES_AT_MISSING, 0,
		    "invalid address '%s': no '@', expected local@domain",
		    subj);
	if (at == 0)
		return names_fail(v, eb, NAMES_LOCAL_EMPTY, 1,
		    "invalid address '%s': nothing before '@' at position 1",
		    subj);
	if (at == n - 1)
		return names_fail(v, eb, NAMES_DOMAIN_EMPTY, atpos,
		    "invalid address '%s': nothing after '@' at position %zu",
		    subj, atpos);
	if ((r = names_local(address, at, v, eb)) != 0 ||
	    (r = names_domain(address + at + 1, n - at - 1, v, eb)) != 0)
		return r;
	/* Both parts are ASCII now, so bytes are characters. */
	if (n > NAMES_ADDRESS_MAX)
		return names_fail(v, eb, NAMES_ADDRESS_LENGTH,
		    NAMES_ADDRESS_MAX + 1, "address too long: '%s' has %zu "
		    "characters, ISPConfig allows %d (login = address); the "
		    "excess starts at position %d", subj, n, NAMES_ADDRESS_MAX,
		    NAMES_ADDRESS_MAX + 1);
	return 0;
}

/* see names.h */
int
names_check_address(const char *address, struct errbuf *eb)
{
	return names_check(address, NULL, eb);
}

/* see names.h */
int
names_normalize(const char *address, const char *default_domain,
    char **out, struct errbuf *eb)
{
	char *s, *p;
	int r;

	*out = NULL;
	if (strchr(address, '@') == NULL && default_domain != NULL)
		s = xasprintf("%s@%s", address, default_domain);
	else
		s = xstrdup(address);
	if ((r = names_check(s, NULL, eb)) != 0) {
		free(s);
		return r;
	}
	/* The check let only ASCII through, so this is safe per byte. */
	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = *p - 'A' + 'a';
	*out = s;
	return 0;
}
