/*
 * The checks ISPConfig 3.2.12 applies to mail_user fields, reimplemented
 * from its sources (tform_base.inc.php, validate_password.inc.php,
 * auth.inc.php) and PHP's FILTER_VALIDATE_EMAIL.  None of this is shared
 * with ispmail: the simulator is the independent side of every test.
 */
#include "config.h"

#include <arpa/inet.h>

#include <crypt.h>
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

void
str_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/*
 * PCRE's "$" without the D modifier also matches before a final
 * newline (FACTS 5.2: "joe\n" passes the login regex), POSIX's does not.
 * Match the string without that one newline to get the PCRE result.
 */
static int
pcre_like_match(const char *pattern, int icase, const char *s)
{
	regex_t re;
	size_t len = strlen(s);
	char *copy;
	int r;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB |
	    (icase ? REG_ICASE : 0)) != 0)
		sim_fatal("bad built-in regex %s", pattern);
	copy = sim_xstrdup(s);
	if (len > 0 && copy[len - 1] == '\n')
		copy[len - 1] = '\0';
	r = regexec(&re, copy, 0, NULL, 0) == 0;
	free(copy);
	regfree(&re);
	return r;
}

/* login: /^[_a-z0-9][\w\.\-_\+@]{1,63}$/ (no /i, \w is ASCII) */
int
check_login(const char *s)
{
	return pcre_like_match("^[_a-z0-9][A-Za-z0-9_.+@-]{1,63}$", 0, s);
}

/* quota: /^([0-9]{1,})$/ */
int
check_quota_regex(const char *s)
{
	return pcre_like_match("^([0-9]{1,})$", 0, s);
}

/* cc: a comma separated list of simple addresses, or empty. */
int
check_cc(const char *s)
{
	return pcre_like_match(
	    "^([[:alnum:]_]+[[:alnum:]_.+-]*[[:alnum:]_]*@[[:alnum:]_]+"
	    "[[:alnum:]_.-]*\\.[a-z-]{2,63}){0,1}"
	    "(,[[:space:]]*[[:alnum:]_]+[[:alnum:]_.+-]*[[:alnum:]_]*@"
	    "[[:alnum:]_]+[[:alnum:]_.-]*\\.[a-z-]{2,63}){0,}$", 1, s);
}

/* ISDATETIME with format Y-m-d H:i:s; empty is allowed. */
int
check_datetime(const char *s)
{
	int y, mo, d, h, mi, se;
	char extra;

	if (*s == '\0')
		return 1;
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi,
	    &se, &extra) != 6)
		return 0;
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 &&
	    mi <= 59 && se <= 59;
}

/*
 * ISINT: filter_var(FILTER_VALIDATE_INT) on a non-empty value: optional
 * sign, no leading zeros, surrounding whitespace tolerated.
 */
int
check_isint(const char *s)
{
	const char *p = s, *digits;

	if (*s == '\0')
		return 1;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		p++;
	digits = p;
	while (isdigit((unsigned char)*p))
		p++;
	if (p == digits || (*digits == '0' && p - digits > 1))
		return 0;
	if (p - digits > 19)
		return 0;
	while (isspace((unsigned char)*p))
		p++;
	return *p == '\0';
}

static int
is_atext(unsigned char c)
{
	c = (unsigned char)tolower(c);
	return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2a ||
	    c == 0x2b || c == 0x2d || (c >= 0x2f && c <= 0x39) ||
	    c == 0x3d || c == 0x3f || (c >= 0x5e && c <= 0x7e);
}

/* Local part: dot-separated atoms or quoted strings.  Returns the end. */
static const char *
email_local(const char *p)
{
	for (;;) {
		if (*p == '"') {
			p++;
			for (;;) {
				unsigned char c = (unsigned char)*p;

				if (c == '"')
					break;
				if (c == '\\' && (unsigned char)p[1] < 0x80 &&
				    p[1] != '\0') {
					p += 2;
					continue;
				}
				if (c == 0 || c == '\t' || c == '\n' ||
				    c == '\r' || c == ' ' || c >= 0x80)
					return NULL;
				p++;
			}
			p++;
		} else {
			const char *start = p;

			while (*p != '\0' && is_atext((unsigned char)*p))
				p++;
			if (p == start)
				return NULL;
		}
		if (*p != '.')
			return p;
		p++;
	}
}

static int
email_ipv4(const char *s, size_t len)
{
	char buf[16];
	int part, n, i;
	const char *p;

	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	p = buf;
	for (part = 0; part < 4; part++) {
		if (!isdigit((unsigned char)*p))
			return 0;
		n = 0;
		for (i = 0; isdigit((unsigned char)p[i]); i++)
			n = n * 10 + (p[i] - '0');
		/* 25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]: no 0 prefix */
		if (i > 3 || n > 255 || (i > 1 && p[0] == '0'))
			return 0;
		p += i;
		if (part < 3) {
			if (*p != '.')
				return 0;
			p++;
		}
	}
	return *p == '\0';
}

static int
email_domain(const char *d)
{
	const char *p;
	size_t run = 0, len = strlen(d);
	int labels = 0, first_alpha = 0, xn = 0;
	char buf[128];

	if (*d == '[') {
		if (len < 3 || d[len - 1] != ']')
			return 0;
		if (strncasecmp(d + 1, "IPv6:", 5) == 0) {
			struct in6_addr a;

			if (len - 7 >= sizeof(buf))
				return 0;
			memcpy(buf, d + 6, len - 7);
			buf[len - 7] = '\0';
			return inet_pton(AF_INET6, buf, &a) == 1;
		}
		return email_ipv4(d + 1, len - 2);
	}
	/* No run of 64 or more non-dot characters (label length). */
	for (p = d; *p != '\0'; p++) {
		run = *p == '.' ? 0 : run + 1;
		if (run >= 64)
			return 0;
	}
	p = d;
	for (;;) {
		if (!isalnum((unsigned char)*p))
			return 0;
		first_alpha = isalpha((unsigned char)*p);
		xn = strncasecmp(p, "xn--", 4) == 0;
		while (isalnum((unsigned char)*p) || *p == '-') {
			if (*p == '-' && !isalnum((unsigned char)p[1]) &&
			    p[1] != '-')
				return 0;
			p++;
		}
		labels++;
		if (*p == '\0')
			break;
		if (*p != '.')
			return 0;
		p++;
	}
	/* At least two labels; the last starts with a letter or xn--. */
	return labels >= 2 && (first_alpha || xn);
}

/*
 * tform ISEMAIL: filter_var(FILTER_VALIDATE_EMAIL) === false is an
 * error, and so is any '+' in the address.
 */
int
check_isemail(const char *s)
{
	const char *p, *end;
	size_t units = 0, len = strlen(s);

	if (len == 0 || len > 320 || strchr(s, '+') != NULL)
		return 0;
	/* The regex's lookaheads: < 255 units overall, < 65 before '@'. */
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			continue;
		if (*p == '\\' && p[1] != '\0')
			p++;
		if (*p == '@' && units >= 65)
			return 0;
		units++;
	}
	if (units >= 255)
		return 0;
	if ((end = email_local(s)) == NULL || *end != '@')
		return 0;
	return email_domain(end + 1);
}

/* _get_password_strength(), FACTS 5.3; strlen() counts bytes. */
int
pw_strength(const char *pw)
{
	static const char specials[] = "`~!@#$%^&*()_+|=-[]}{';:/?.>,<\" ";
	size_t len = strlen(pw);
	int lower = 0, upper = 0, digit = 0, special = 0;
	int points, different;
	const char *p;

	if (len < 5)
		return 1;
	for (p = pw; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else if (strchr(specials, *p) != NULL)
			special = 1;
	}
	points = upper + digit + special;
	different = lower + points;
	if (points == 0 || different < 3)
		return len <= 6 ? 1 : len <= 8 ? 2 : 3;
	if (points == 1)
		return len <= 6 ? 2 : len <= 10 ? 3 : 4;
	if (points == 2)
		return len <= 8 ? 3 : len <= 10 ? 4 : 5;
	return len <= 6 ? 3 : len <= 8 ? 4 : 5;
}

/*
 * validate_password::password_check with the English wording.  The
 * limits come from system config [misc]; unset, ISPConfig falls back to
 * length 8 and strength 0.  Returns NULL when the password is fine.
 */
char *
pw_policy_error(const char *pw, struct json_object *db)
{
	static const char *names[] = { "", "Weak", "Fair", "Good", "Strong",
	    "Very Strong" };
	struct json_object *ini;
	const char *cfg = NULL;
	char *v, *msg;
	long minlen = 8, minstr = 0;

	if (*pw == '\0')
		return NULL;
	ini = state_table(db, "sys_ini");
	if (ini != NULL && json_object_array_length(ini) > 0)
		cfg = row_str(json_object_array_get_idx(ini, 0), "config");
	if (cfg != NULL) {
		if ((v = ini_get(cfg, "misc", "min_password_length")) != NULL) {
			if (*v != '\0')
				minlen = strtol(v, NULL, 10);
			free(v);
		}
		if ((v = ini_get(cfg, "misc", "min_password_strength")) !=
		    NULL) {
			if (*v != '\0')
				minstr = strtol(v, NULL, 10);
			free(v);
		}
	}
	if ((long)strlen(pw) >= minlen &&
	    (minstr <= 0 || pw_strength(pw) >= minstr))
		return NULL;
	if (minstr <= 0 || minstr > 5) {
		if (asprintf(&msg, "The chosen password does not match the "
		    "security guidelines. It has to be at least %ld chars in "
		    "length.", minlen) < 0)
			sim_fatal("out of memory");
	} else if (asprintf(&msg, "The chosen password does not match the "
	    "security guidelines. It has to be at least %ld chars in length "
	    "and have a strength of \"%s\".", minlen, names[minstr]) < 0)
		sim_fatal("out of memory");
	return msg;
}

static char *
crypt_with_setting(const char *pw, const char *setting)
{
	struct crypt_data *cd;
	char *out = NULL;

	cd = sim_xcalloc(1, sizeof(*cd));
	if (crypt_rn(pw, setting, cd, sizeof(*cd)) != NULL &&
	    cd->output[0] != '*')
		out = sim_xstrdup(cd->output);
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return out;
}

/* auth::crypt_password: $6$rounds=5000$ and 16 lowercase hex of salt. */
char *
crypt_sha512(const char *pw)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[8];
	char setting[40];
	char *out;
	int i, n;

	sim_random(rnd, sizeof(rnd));
	n = snprintf(setting, sizeof(setting), "$6$rounds=5000$");
	for (i = 0; i < 8; i++) {
		setting[n++] = hex[rnd[i] >> 4];
		setting[n++] = hex[rnd[i] & 0xf];
	}
	setting[n++] = '$';
	setting[n] = '\0';
	if ((out = crypt_with_setting(pw, setting)) == NULL)
		sim_fatal("crypt_rn failed for SHA-512");
	return out;
}

/*
 * CRYPTMAIL: the UTF-8 password is converted to ISO-8859-1 first
 * (characters beyond Latin-1 become '?'), then hashed.
 */
char *
crypt_mail(const char *pw)
{
	const unsigned char *s = (const unsigned char *)pw;
	size_t len = strlen(pw), i = 0, o = 0;
	unsigned int cp;
	char *latin1, *out;

	latin1 = sim_xmalloc(len + 1);
	while (i < len) {
		if (s[i] < 0x80) {
			latin1[o++] = (char)s[i++];
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0 && i + 1 < len &&
		    (s[i + 1] & 0xc0) == 0x80) {
			cp = ((s[i] & 0x1fU) << 6) | (s[i + 1] & 0x3fU);
			latin1[o++] = cp <= 0xff ? (char)cp : '?';
			i += 2;
			continue;
		}
		/* Longer sequences are beyond Latin-1; skip continuations. */
		latin1[o++] = '?';
		i++;
		while (i < len && (s[i] & 0xc0) == 0x80)
			i++;
	}
	latin1[o] = '\0';
	out = crypt_sha512(latin1);
	explicit_bzero(latin1, len + 1);
	free(latin1);
	return out;
}

/* crypt($password, $hash) == $hash, as login() checks it. */
int
crypt_verify(const char *pw, const char *hash)
{
	char *out;
	int ok;

	if (hash == NULL || hash[0] != '$')
		return 0;
	if ((out = crypt_with_setting(pw, hash)) == NULL)
		return 0;
	ok = strcmp(out, hash) == 0;
	free(out);
	return ok;
}
