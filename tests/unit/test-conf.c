/*
 * Unit tests for ispmail.conf(5): a good file, every error kind with its
 * file:line, permission and owner refusals, the search order through the
 * environment, profile selection and the masking in conf_show.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmd.h"
#include "conf.h"

extern const struct cmd_entry cmd_config_entry;

static char tmpdir[] = "/tmp/ispmail-test-conf.XXXXXX";

static const char *
data_path(const char *name)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/tests/data/conf/%s",
	    top != NULL ? top : ".", name);
	return path;
}

/* Writes text to tmpdir/name with mode; returns the path (static). */
static const char *
write_file(const char *name, const char *text, mode_t mode)
{
	static char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	unlink(path);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

/* Parses text as if read from "t.conf"; errors collected in *errs. */
static int
parse_str(const char *text, struct config **cfg, char **errs,
    struct errbuf *eb)
{
	FILE *in, *out;
	size_t errsz;
	int r;

	assert_non_null(in = fmemopen((void *)text, strlen(text), "r"));
	assert_non_null(out = open_memstream(errs, &errsz));
	r = conf_parse(in, "t.conf", out, cfg, eb);
	fclose(in);
	fclose(out);
	return r;
}

static void
unset_env(void)
{
	unsetenv("ISPMAIL_CONFIG");
	unsetenv("ISPMAIL_PROFILE");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent-ispmail-home", 1);
}

static int
setup(void **state)
{
	unset_env();
	return 0;
}

static void
test_conf_good_file(void **state)
{
	struct config *cfg = NULL;
	const struct profile *p;
	struct errbuf eb;
	FILE *fp;
	int r;

	setenv("HOME", "/home/admin", 1);
	assert_non_null(fp = fopen(data_path("good.conf"), "r"));
	r = conf_parse(fp, "good.conf", stderr, &cfg, &eb);
	fclose(fp);
	assert_int_equal(r, 0);
	assert_int_equal(cfg->nprofiles, 3);
	assert_string_equal(cfg->default_profile, "mut2");

	p = cfg->profiles[0];
	assert_string_equal(p->name, "mut1");
	assert_string_equal(p->url,
	    "https://mut1.hebergeur.example:8080/remote/json.php");
	assert_string_equal(p->user, "ispmail-remote");
	assert_string_equal(p->password_command, "pass show ispconfig/remote");
	assert_null(p->password_file);
	assert_string_equal(p->ca_file, "/etc/ispmail/panel-ca.pem");
	assert_int_equal(p->timeout, 20);
	assert_int_equal(p->connect_timeout, 10);
	assert_true(p->min_guesses_log10 == 12.5);
	assert_string_equal(p->organisation, "Hebergeur Exemple");
	assert_null(p->pinned_pubkey);
	assert_true(p->budget == 3600);

	/* A profile's password_file replaces the defaults' command. */
	p = cfg->profiles[1];
	assert_string_equal(p->user, "remote-mut2");
	assert_null(p->password_command);
	assert_string_equal(p->password_file,
	    "/home/admin/.config/ispmail/mut2.pass");
	assert_string_equal(p->pinned_pubkey,
	    "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=;"
	    "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
	assert_int_equal(p->connect_timeout, 5);

	p = cfg->profiles[2];
	assert_string_equal(p->url, "http://127.0.0.1:8080/remote/json.php");
	assert_string_equal(p->password_command,
	    "  gpg -qd ~/.ispmail/mut3.gpg # keep '\"quoted\"'  ");
	assert_int_equal(p->timeout, 60);
	assert_true(p->min_guesses_log10 == 8);
	assert_string_equal(p->seal_to, "/etc/ispmail/audit.pub");
	assert_string_equal(p->journal, "/var/lib/ispmail/journal");
	assert_true(p->budget == 5400);
	conf_free(cfg);
}

/* Every error is found in one pass; the first 20 are printed, the rest
 * counted, so that a file that is no config cannot flood the terminal. */
static void
test_conf_every_error_listed(void **state)
{
	static const char want[] =
	    "bad.conf:2: 'url' outside any block: put it after 'defaults' or "
	    "'profile NAME'\n"
	    "bad.conf:4: unknown keyword 'bogus'\n"
	    "bad.conf:5: 'timeout' needs whole seconds from 1 to 3600, not "
	    "'0'\n"
	    "bad.conf:9: url 'ftp://mut1.example/' must start with https://\n"
	    "bad.conf:10: url must not contain a user name or password: use "
	    "'user' and 'password_command'\n"
	    "bad.conf:11: url 'https://mut1.example/remote/json.php?x' must "
	    "not contain '?' or '#': ispmail appends the method name as the "
	    "query\n"
	    "bad.conf:12: url 'http://mut1.example/remote/json.php' must use "
	    "https:// (plain http:// only to 127.0.0.0/8, [::1] or localhost)\n"
	    "bad.conf:13: 'user' needs a value\n"
	    "bad.conf:14: 'user' must be one word\n"
	    "bad.conf:16: 'password_command' and 'password_file' both set "
	    "(line 15): keep one\n"
	    "bad.conf:17: 'pinned_pubkey' must be 'sha256//' followed by the "
	    "base64 SHA-256 of the public key (44 characters), ';'-separated, "
	    "or the path of a public key file\n"
	    "bad.conf:18: 'connect_timeout' needs whole seconds from 1 to "
	    "3600, not '10s'\n"
	    "bad.conf:19: 'min_guesses_log10' needs a number from 4 to 30, "
	    "not '3'\n"
	    "bad.conf:20: 'min_guesses_log10' needs a number from 4 to 30, "
	    "not '31'\n"
	    "bad.conf:21: 'ca_file' needs an absolute path or one starting "
	    "with ~/\n"
	    "bad.conf:22: missing closing '\"'\n"
	    "bad.conf:23: 'default_profile' not allowed in a profile: only at "
	    "the top or in 'defaults'\n"
	    "bad.conf:24: 'defaults' already at line 3\n"
	    "bad.conf:25: profile 'mut1' already defined at line 8\n"
	    "bad.conf:26: 'profile' needs a profile name of letters, digits, "
	    "'_', '.' and '-'\n"
	    "bad.conf: ... and 3 more errors\n";
	struct config *cfg = (struct config *)1;
	struct errbuf eb;
	char *errs = NULL;
	size_t errsz;
	FILE *fp, *out;
	int r;

	assert_non_null(fp = fopen(data_path("bad.conf"), "r"));
	assert_non_null(out = open_memstream(&errs, &errsz));
	r = conf_parse(fp, "bad.conf", out, &cfg, &eb);
	fclose(fp);
	fclose(out);
	assert_int_equal(r, ISPM_ECONFIG);
	assert_null(cfg);
	assert_string_equal(errs, want);
	assert_string_equal(eb.msg, "23 errors in bad.conf");
	/* The password in the refused url is never echoed. */
	assert_null(strstr(errs, "pw@"));
	free(errs);
}

static void
test_conf_more_errors(void **state)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "default_profile mut9\nprofile mut1\n",
		    "t.conf:1: default_profile 'mut9' names no profile in "
		    "this file\n" },
		{ "profile a\nprofile b\ndefaults\n\ttimeout 5\n",
		    "t.conf:3: 'defaults' must come before the first profile "
		    "(line 1)\n" },
		{ "defaults x\n\ttimeout 5\n",
		    "t.conf:1: 'defaults' takes no value\n" },
		{ "profile a\n\turl https://x.example/\x01\n",
		    "t.conf:2: control character at column 24\n" },
		{ "profile a\n\tuser \"x\" y\n",
		    "t.conf:2: text after the closing '\"'\n" },
		{ "profile a\n\tUrl https://x.example/\n",
		    "t.conf:2: unknown keyword 'Url'\n" },
		{ "profile a\n\tuser x\nprofile a\n",
		    "t.conf:3: profile 'a' already defined at line 1\n" },
		{ "profile a\n\turl https://[::1/\n",
		    "t.conf:2: url 'https://[::1/' has an unclosed '[' in the "
		    "host\n" },
		{ "profile a\n\turl https://:443/\n",
		    "t.conf:2: url 'https://:443/' has no host\n" },
		{ "default_profile a\ndefault_profile a\nprofile a\n",
		    "t.conf:2: 'default_profile' already set at line 1\n" },
		{ "profile a\n\tbudget 30 m\n",
		    "t.conf:2: 'budget' needs a duration such as 90s, 30m or "
		    "1h30m, up to a week, not '30 m'\n" },
		{ "profile a\n\tbudget 0m\n",
		    "t.conf:2: 'budget' needs a duration such as 90s, 30m or "
		    "1h30m, up to a week, not '0m'\n" },
		{ "profile a\n\tbudget 8d\n",
		    "t.conf:2: 'budget' needs a duration such as 90s, 30m or "
		    "1h30m, up to a week, not '8d'\n" },
		{ "profile a\n\tbudget 169h\n",
		    "t.conf:2: 'budget' needs a duration such as 90s, 30m or "
		    "1h30m, up to a week, not '169h'\n" },
		{ "profile a\n\tbudget 1e3\n",
		    "t.conf:2: 'budget' needs a duration such as 90s, 30m or "
		    "1h30m, up to a week, not '1e3'\n" },
		{ "profile a\n\tbudget 1h\n\tbudget 2h\n",
		    "t.conf:3: 'budget' already set at line 2\n" },
		{ "budget 1h\nprofile a\n",
		    "t.conf:1: 'budget' outside any block: put it after "
		    "'defaults' or 'profile NAME'\n" },
	};
	struct config *cfg;
	struct errbuf eb;
	char *errs;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		errs = NULL;
		assert_int_equal(parse_str(cases[i].text, &cfg, &errs, &eb),
		    ISPM_ECONFIG);
		assert_string_equal(errs, cases[i].want);
		assert_string_equal(eb.msg, "1 error in t.conf");
		free(errs);
	}
}

static void
test_conf_lines(void **state)
{
	struct config *cfg = NULL;
	struct errbuf eb;
	char *errs = NULL;

	assert_int_equal(parse_str(
	    "# comment\r\n"
	    "   \r\n"
	    "  # indented comment\n"
	    "profile p.1_-x\r\n"
	    "url https://[::1]:8443/remote/json.php\r\n"
	    "user \"a\\\"b\\\\c\"\n"
	    "password_command printf '%s\\n' x#y  \t\n"
	    "timeout 3600\n"
	    "min_guesses_log10 4\n"
	    "profile local\n"
	    "url http://LOCALHOST/remote/json.php\n", &cfg, &errs, &eb), 0);
	assert_string_equal(errs, "");
	free(errs);
	assert_string_equal(cfg->profiles[0]->name, "p.1_-x");
	assert_string_equal(cfg->profiles[0]->url,
	    "https://[::1]:8443/remote/json.php");
	assert_string_equal(cfg->profiles[0]->user, "a\"b\\c");
	assert_string_equal(cfg->profiles[0]->password_command,
	    "printf '%s\\n' x#y");
	assert_int_equal(cfg->profiles[0]->timeout, 3600);
	assert_true(cfg->profiles[0]->min_guesses_log10 == 4);
	assert_string_equal(cfg->profiles[1]->url,
	    "http://LOCALHOST/remote/json.php");
	conf_free(cfg);

	errs = NULL;
	assert_int_equal(parse_str("profile a\norganisation \"\"x\"\"\n",
	    &cfg, &errs, &eb), ISPM_ECONFIG);
	assert_string_equal(errs, "t.conf:2: text after the closing '\"'\n");
	free(errs);
}

/*
 * The mail client settings: the defaults, the host taken from the url, a
 * block's settings over those of defaults, webmails in order (a profile's
 * list replacing the defaults' one), and config show reading back.
 */
static void
test_conf_client(void **state)
{
	static const char text[] =
	    "defaults\n"
	    "\tsmtp_port 587\n"
	    "\tsmtp_security starttls\n"
	    "\twebmail Roundcube http://mail.example.net/\n"
	    "\tsupport Hotline 01 23 45 67 89\n"
	    "profile plain\n"
	    "\turl https://[2001:db8::1]:8080/remote/json.php\n"
	    "profile mut3\n"
	    "\turl https://panel.example:8080/remote/json.php\n"
	    "\tmail_host mut3.cergy-internet.fr\n"
	    "\tsmtp_port 465\n"
	    "\tsmtp_security ssl\n"
	    "\twebmail Roundcube http://mail.mut3.clight.fr/\n"
	    "\twebmail \"Squirrel \\\"Mail\\\"\" \t "
	    "http://mut3.clight.fr/webmail\n"
	    "\twebmail Outlook Web App https://owa.example:8443/owa?x=1#y\n"
	    "\torganisation \"H\xc3\xa9" "bergeur \"\n"
	    "\tsheet_lang en\n"
	    "profile split\n"
	    "\timap_host 192.0.2.7\n"
	    "\tsmtp_host smtp.example.org\n"
	    "\timap_port 143\n"
	    "\tpop3_port 110\n";
	const struct mailclient *c;
	struct config *cfg = NULL, *again = NULL;
	struct errbuf eb;
	char *errs = NULL, *shown = NULL, *shown2 = NULL;
	size_t sz;
	FILE *out, *in;

	assert_int_equal(parse_str(text, &cfg, &errs, &eb), 0);
	assert_string_equal(errs, "");
	free(errs);

	c = &cfg->profiles[0]->client;
	assert_string_equal(c->imap_host, "2001:db8::1");
	assert_string_equal(c->smtp_host, "2001:db8::1");
	assert_int_equal(c->imap_port, 993);
	assert_int_equal(c->pop3_port, 995);
	assert_int_equal(c->smtp_port, 587);
	assert_int_equal(c->smtp_starttls, 1);
	assert_int_equal(c->nwebmail, 1);
	assert_string_equal(c->webmail[0].name, "Roundcube");
	assert_string_equal(c->support, "Hotline 01 23 45 67 89");
	assert_string_equal(c->lang, "fr");

	c = &cfg->profiles[1]->client;
	assert_string_equal(c->imap_host, "mut3.cergy-internet.fr");
	assert_string_equal(c->smtp_host, "mut3.cergy-internet.fr");
	assert_int_equal(c->smtp_port, 465);
	assert_int_equal(c->smtp_starttls, 0);
	assert_int_equal(c->nwebmail, 3);
	assert_string_equal(c->webmail[0].url, "http://mail.mut3.clight.fr/");
	assert_string_equal(c->webmail[1].name, "Squirrel \"Mail\"");
	assert_string_equal(c->webmail[1].url, "http://mut3.clight.fr/webmail");
	assert_string_equal(c->webmail[2].name, "Outlook Web App");
	assert_string_equal(c->webmail[2].url,
	    "https://owa.example:8443/owa?x=1#y");
	assert_string_equal(cfg->profiles[1]->organisation,
	    "H\xc3\xa9" "bergeur ");
	assert_string_equal(c->lang, "en");

	c = &cfg->profiles[2]->client;
	assert_string_equal(c->imap_host, "192.0.2.7");
	assert_string_equal(c->smtp_host, "smtp.example.org");
	assert_int_equal(c->imap_port, 143);
	assert_int_equal(c->pop3_port, 110);
	assert_int_equal(c->smtp_port, 587);

	/* What config show prints parses back to the same settings. */
	assert_non_null(out = open_memstream(&shown, &sz));
	conf_show(cfg, NULL, out);
	fclose(out);
	assert_non_null(strstr(shown, "profile mut3\n"));
	assert_non_null(strstr(shown, "\tmail_host mut3.cergy-internet.fr\n"
	    "\timap_port 993\n\tpop3_port 995\n\tsmtp_port 465\n"
	    "\tsmtp_security ssl\n"
	    "\twebmail Roundcube http://mail.mut3.clight.fr/\n"
	    "\twebmail Squirrel \"Mail\" http://mut3.clight.fr/webmail\n"
	    "\twebmail Outlook Web App https://owa.example:8443/owa?x=1#y\n"
	    "\tsupport Hotline 01 23 45 67 89\n"
	    "\tsheet_lang en\n"));
	assert_non_null(strstr(shown, "\timap_host 192.0.2.7\n"
	    "\tsmtp_host smtp.example.org\n\timap_port 143\n"));
	assert_non_null(in = fmemopen(shown, strlen(shown), "r"));
	assert_int_equal(conf_parse(in, "t.conf", stderr, &again, &eb), 0);
	fclose(in);
	assert_non_null(out = open_memstream(&shown2, &sz));
	conf_show(again, NULL, out);
	fclose(out);
	assert_string_equal(shown2, shown);
	free(shown);
	free(shown2);
	conf_free(again);
	conf_free(cfg);
}

/* Each bad client setting: one line naming the keyword and the rule. */
static void
test_conf_client_errors(void **state)
{
	static const struct {
		const char *line;
		const char *want;
	} cases[] = {
		{ "mail_host mail_1.example",
		    "'mail_host' needs a DNS name or an IP address: invalid "
		    "character '_' at position 5 in domain 'mail_1.example': "
		    "only letters, digits, '-' and '.' are allowed" },
		{ "imap_host localhost",
		    "'imap_host' needs a DNS name or an IP address: invalid "
		    "domain 'localhost': a single label, at least two are "
		    "needed (as in example.com)" },
		{ "smtp_host [::1]",
		    "'smtp_host' needs a DNS name or an IP address: invalid "
		    "character '[' at position 1 in domain '[::1]': only "
		    "letters, digits, '-' and '.' are allowed" },
		{ "imap_port 0",
		    "'imap_port' needs a port from 1 to 65535, not '0'" },
		{ "pop3_port 65536",
		    "'pop3_port' needs a port from 1 to 65535, not '65536'" },
		{ "smtp_port 465s",
		    "'smtp_port' needs a port from 1 to 65535, not '465s'" },
		{ "smtp_port 99999999999999999999",
		    "'smtp_port' needs a port from 1 to 65535, not "
		    "'99999999999999999999'" },
		{ "smtp_security tls",
		    "'smtp_security' needs 'ssl' or 'starttls', not 'tls'" },
		{ "sheet_lang de",
		    "'sheet_lang' needs 'fr' or 'en', not 'de'" },
		{ "webmail Roundcube",
		    "'webmail' needs a name and a URL, as in 'webmail "
		    "Roundcube https://mail.example.com/'" },
		{ "webmail Roundcube ftp://mail.example/",
		    "webmail url 'ftp://mail.example/' must start with "
		    "http:// or https://" },
		{ "webmail Roundcube https:///webmail",
		    "webmail url 'https:///webmail' has no host" },
		{ "webmail Roundcube https://u:p@mail.example/",
		    "webmail url 'https://u:p@mail.example/' must not contain "
		    "a user name or password" },
		{ "webmail Roundcube https://mail.example:0/",
		    "webmail url 'https://mail.example:0/' has a port outside "
		    "1-65535" },
		{ "webmail R\xc3\xa9 https://mail.\xc3\xa9xample/",
		    "webmail url 'https://mail.\xc3\xa9" "xample/' must not "
		    "contain blanks or non-ASCII characters" },
		{ "webmail \"Round cube https://mail.example/",
		    "webmail name: missing closing '\"'" },
		{ "webmail \"a\tb\" https://mail.example/",
		    "webmail name 'a?b' must be printable text without tabs" },
		{ "support call\tus",
		    "'support' has a control character or invalid UTF-8 at "
		    "byte 5 of its value" },
		{ "organisation Caf\xe9",
		    "'organisation' has a control character or invalid UTF-8 "
		    "at byte 4 of its value" },
		{ "support \xe2\x80\xae" "evil",
		    "'support' has a control character or invalid UTF-8 at "
		    "byte 1 of its value" },
		{ "mail_host a.example\n\timap_host b.example",
		    "'imap_host' and the host set at line 2 both set: "
		    "'mail_host' names both servers, 'imap_host' and "
		    "'smtp_host' each one" },
		{ "smtp_host a.example\n\tmail_host b.example",
		    "'mail_host' and the host set at line 2 both set: "
		    "'mail_host' names both servers, 'imap_host' and "
		    "'smtp_host' each one" },
		{ "smtp_port 25\n\tsmtp_port 587",
		    "'smtp_port' already set at line 2" },
	};
	struct config *cfg;
	struct errbuf eb;
	char text[256], want[512], *errs;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "profile a\n\t%s\n",
		    cases[i].line);
		snprintf(want, sizeof(want), "t.conf:%d: %s\n",
		    strchr(cases[i].line, '\n') != NULL ? 3 : 2,
		    cases[i].want);
		errs = NULL;
		assert_int_equal(parse_str(text, &cfg, &errs, &eb),
		    ISPM_ECONFIG);
		assert_string_equal(errs, want);
		free(errs);
	}
}

static void
test_conf_nul_and_long_lines(void **state)
{
	static const char nul[] = "profile a\n\tuser x\0y\n";
	struct config *cfg;
	struct errbuf eb;
	char *errs = NULL, *big;
	size_t errsz;
	FILE *in, *out;

	assert_non_null(in = fmemopen((void *)nul, sizeof(nul) - 1, "r"));
	assert_non_null(out = open_memstream(&errs, &errsz));
	assert_int_equal(conf_parse(in, "t.conf", out, &cfg, &eb),
	    ISPM_ECONFIG);
	fclose(in);
	fclose(out);
	assert_string_equal(errs, "t.conf:2: NUL byte in line\n");
	free(errs);

	big = malloc(10000);
	memset(big, 'x', 9999);
	big[9999] = '\0';
	memcpy(big, "profile a\nuser ", 15);
	errs = NULL;
	assert_int_equal(parse_str(big, &cfg, &errs, &eb), ISPM_ECONFIG);
	assert_string_equal(errs, "t.conf:2: line longer than 4096 bytes\n");
	free(errs);
	free(big);
}

static void
test_conf_keywords_known(void **state)
{
	const char *k;
	struct config *cfg;
	struct errbuf eb;
	char text[256], *errs;
	size_t i;

	for (i = 0; (k = conf_keyword(i)) != NULL; i++) {
		snprintf(text, sizeof(text), "profile a\n%s\n", k);
		errs = NULL;
		(void)parse_str(text, &cfg, &errs, &eb);
		assert_null(strstr(errs, "unknown keyword"));
		free(errs);
	}
	assert_int_equal(i, 26);
}

static void
test_conf_mode_refused(void **state)
{
	struct config *cfg = NULL;
	struct errbuf eb;
	const char *path;

	path = write_file("config", "profile a\nurl https://x.example/\n",
	    0644);
	assert_int_equal(conf_load(path, stderr, &cfg, &eb), ISPM_ECONFIG);
	assert_null(cfg);
	assert_non_null(strstr(eb.msg, "chmod 600"));
	assert_non_null(strstr(eb.msg, path));
	/* Group-writable is refused as well. */
	assert_int_equal(chmod(path, 0620), 0);
	assert_int_equal(conf_load(path, stderr, &cfg, &eb), ISPM_ECONFIG);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(conf_load(path, stderr, &cfg, &eb), 0);
	assert_int_equal(cfg->nprofiles, 1);
	assert_string_equal(cfg->path, path);
	conf_free(cfg);
}

static void
test_conf_owner_refused(void **state)
{
	struct config *cfg = NULL;
	struct errbuf eb;
	const char *path;

	/* Only root can give a file away to test this. */
	if (geteuid() != 0)
		skip();
	path = write_file("config", "profile a\n", 0600);
	assert_int_equal(chown(path, 4321, 4321), 0);
	assert_int_equal(conf_load(path, stderr, &cfg, &eb), ISPM_ECONFIG);
	assert_null(cfg);
	assert_non_null(strstr(eb.msg, "owned by uid 4321"));
	unlink(path);
}

static void
test_conf_search_order(void **state)
{
	struct config *cfg = NULL;
	struct errbuf eb;
	char dir[4096], xdg[4096], home[4096], env[4096];

	snprintf(dir, sizeof(dir), "%s/xdg/ispmail", tmpdir);
	snprintf(xdg, sizeof(xdg), "%s/xdg", tmpdir);
	snprintf(home, sizeof(home), "%s/home/.config/ispmail", tmpdir);
	mkdir(xdg, 0700);
	mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/home", tmpdir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/home/.config", tmpdir);
	mkdir(dir, 0700);
	mkdir(home, 0700);
	write_file("xdg/ispmail/config", "profile from-xdg\n", 0600);
	write_file("home/.config/ispmail/config", "profile from-home\n", 0600);
	snprintf(env, sizeof(env), "%s",
	    write_file("env.conf", "profile from-env\n", 0600));
	write_file("explicit.conf", "profile explicit\n", 0600);

	snprintf(dir, sizeof(dir), "%s/home", tmpdir);
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("ISPMAIL_CONFIG", env, 1);

	snprintf(dir, sizeof(dir), "%s/explicit.conf", tmpdir);
	assert_int_equal(conf_load(dir, stderr, &cfg, &eb), 0);
	assert_string_equal(cfg->profiles[0]->name, "explicit");
	conf_free(cfg);

	assert_int_equal(conf_load(NULL, stderr, &cfg, &eb), 0);
	assert_string_equal(cfg->profiles[0]->name, "from-env");
	conf_free(cfg);

	unsetenv("ISPMAIL_CONFIG");
	assert_int_equal(conf_load(NULL, stderr, &cfg, &eb), 0);
	assert_string_equal(cfg->profiles[0]->name, "from-xdg");
	conf_free(cfg);

	/* A relative $XDG_CONFIG_HOME is ignored, as the XDG spec says. */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	assert_int_equal(conf_load(NULL, stderr, &cfg, &eb), 0);
	assert_string_equal(cfg->profiles[0]->name, "from-home");
	conf_free(cfg);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(conf_load(NULL, stderr, &cfg, &eb), 0);
	assert_string_equal(cfg->profiles[0]->name, "from-home");
	conf_free(cfg);

	/* Missing explicit or $ISPMAIL_CONFIG files are errors. */
	snprintf(dir, sizeof(dir), "%s/missing.conf", tmpdir);
	assert_int_equal(conf_load(dir, stderr, &cfg, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, dir));
	assert_non_null(strstr(eb.msg, "-c"));
	setenv("ISPMAIL_CONFIG", dir, 1);
	assert_int_equal(conf_load(NULL, stderr, &cfg, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "$ISPMAIL_CONFIG"));
	unset_env();
}

static void
test_conf_none_found(void **state)
{
	struct config *cfg = NULL;
	const struct profile *p;
	struct errbuf eb;

	if (access("/etc/ispmail/config", F_OK) == 0)
		skip();
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	assert_int_equal(conf_load(NULL, stderr, &cfg, &eb), 0);
	assert_null(cfg->path);
	assert_int_equal(cfg->nprofiles, 0);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), ISPM_ECONFIG);
	assert_null(p);
	assert_non_null(strstr(eb.msg, "no config file found"));
	assert_non_null(strstr(eb.msg, "$ISPMAIL_CONFIG"));
	assert_non_null(strstr(eb.msg, "/etc/ispmail/config"));
	assert_non_null(strstr(eb.msg, tmpdir));
	conf_free(cfg);
	unset_env();
}

static void
test_conf_profile_choice(void **state)
{
	struct config *cfg;
	const struct profile *p;
	struct errbuf eb;
	char *errs = NULL;

	assert_int_equal(parse_str("profile only\n", &cfg, &errs, &eb), 0);
	free(errs);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), 0);
	assert_string_equal(p->name, "only");
	conf_free(cfg);

	errs = NULL;
	assert_int_equal(parse_str("profile mut1\nprofile mut2\nprofile mut3\n",
	    &cfg, &errs, &eb), 0);
	free(errs);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), ISPM_ECONFIG);
	assert_string_equal(eb.msg, "3 profiles in 't.conf' and none chosen: "
	    "use -p NAME, $ISPMAIL_PROFILE or default_profile; profiles: "
	    "mut1, mut2, mut3");
	assert_int_equal(conf_profile(cfg, "mut2", &p, &eb), 0);
	assert_string_equal(p->name, "mut2");
	assert_int_equal(conf_profile(cfg, "mut9", &p, &eb), ISPM_ECONFIG);
	assert_string_equal(eb.msg, "no profile 'mut9' in 't.conf'; profiles: "
	    "mut1, mut2, mut3");
	setenv("ISPMAIL_PROFILE", "mut3", 1);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), 0);
	assert_string_equal(p->name, "mut3");
	/* -p beats the environment. */
	assert_int_equal(conf_profile(cfg, "mut1", &p, &eb), 0);
	assert_string_equal(p->name, "mut1");
	setenv("ISPMAIL_PROFILE", "nope", 1);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "(from $ISPMAIL_PROFILE)"));
	unsetenv("ISPMAIL_PROFILE");
	conf_free(cfg);

	errs = NULL;
	assert_int_equal(parse_str("default_profile mut2\nprofile mut1\n"
	    "profile mut2\n", &cfg, &errs, &eb), 0);
	free(errs);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), 0);
	assert_string_equal(p->name, "mut2");
	setenv("ISPMAIL_PROFILE", "mut1", 1);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), 0);
	assert_string_equal(p->name, "mut1");
	unsetenv("ISPMAIL_PROFILE");
	conf_free(cfg);

	errs = NULL;
	assert_int_equal(parse_str("defaults\n\ttimeout 5\n", &cfg, &errs,
	    &eb), 0);
	free(errs);
	assert_int_equal(conf_profile(cfg, NULL, &p, &eb), ISPM_ECONFIG);
	assert_string_equal(eb.msg, "no profile in 't.conf': add a 'profile "
	    "NAME' block, see ispmail.conf(5)");
	conf_free(cfg);
}

static void
test_conf_show_masks(void **state)
{
	struct config *cfg;
	struct errbuf eb;
	char *errs = NULL, *shown = NULL;
	size_t shownsz;
	FILE *out;

	assert_int_equal(parse_str(
	    "default_profile a\n"
	    "defaults\n"
	    "\tuser api\n"
	    "profile a\n"
	    "\turl https://a.example/remote/json.php\n"
	    "\tpassword_command echo hunter2-secret\n"
	    "\tmin_guesses_log10 12.25\n"
	    "profile b\n"
	    "\turl https://b.example/remote/json.php\n"
	    "\tpassword_file /etc/ispmail/b.pass\n"
	    "\torganisation \" padded \"\n", &cfg, &errs, &eb), 0);
	free(errs);
	assert_non_null(out = open_memstream(&shown, &shownsz));
	conf_show(cfg, NULL, out);
	fclose(out);
	assert_string_equal(shown,
	    "# t.conf\n"
	    "default_profile a\n"
	    "profile a\n"
	    "\turl https://a.example/remote/json.php\n"
	    "\tuser api\n"
	    "\tpassword_command ********\n"
	    "\ttimeout 30\n"
	    "\tconnect_timeout 10\n"
	    "\tmin_guesses_log10 12.25\n"
	    "\tmail_host a.example\n"
	    "\timap_port 993\n"
	    "\tpop3_port 995\n"
	    "\tsmtp_port 465\n"
	    "\tsmtp_security ssl\n"
	    "\tsheet_lang fr\n"
	    "profile b\n"
	    "\turl https://b.example/remote/json.php\n"
	    "\tuser api\n"
	    "\tpassword_file /etc/ispmail/b.pass\n"
	    "\ttimeout 30\n"
	    "\tconnect_timeout 10\n"
	    "\tmin_guesses_log10 10\n"
	    "\torganisation \" padded \"\n"
	    "\tmail_host b.example\n"
	    "\timap_port 993\n"
	    "\tpop3_port 995\n"
	    "\tsmtp_port 465\n"
	    "\tsmtp_security ssl\n"
	    "\tsheet_lang fr\n");
	assert_null(strstr(shown, "hunter2"));
	free(shown);

	shown = NULL;
	assert_non_null(out = open_memstream(&shown, &shownsz));
	conf_show(cfg, cfg->profiles[1], out);
	fclose(out);
	assert_string_equal(shown,
	    "# t.conf\n"
	    "profile b\n"
	    "\turl https://b.example/remote/json.php\n"
	    "\tuser api\n"
	    "\tpassword_file /etc/ispmail/b.pass\n"
	    "\ttimeout 30\n"
	    "\tconnect_timeout 10\n"
	    "\tmin_guesses_log10 10\n"
	    "\torganisation \" padded \"\n"
	    "\tmail_host b.example\n"
	    "\timap_port 993\n"
	    "\tpop3_port 995\n"
	    "\tsmtp_port 465\n"
	    "\tsmtp_security ssl\n"
	    "\tsheet_lang fr\n");
	free(shown);
	conf_free(cfg);
}

/*
 * The audit's budget: inherited from the defaults, replaced by a profile's,
 * unset (the audit's own default) when neither names one, and shown as
 * it reads back.
 */
static void
test_conf_budget(void **state)
{
	struct config *cfg, *again;
	struct errbuf eb;
	char *errs = NULL, *shown = NULL;
	size_t shownsz;
	FILE *out, *in;

	(void)state;
	assert_int_equal(parse_str(
	    "profile none\n", &cfg, &errs, &eb), 0);
	free(errs);
	assert_true(cfg->profiles[0]->budget == 0);
	assert_non_null(out = open_memstream(&shown, &shownsz));
	conf_show(cfg, NULL, out);
	fclose(out);
	assert_null(strstr(shown, "budget"));
	free(shown);
	conf_free(cfg);

	errs = NULL;
	assert_int_equal(parse_str(
	    "defaults\n"
	    "\tbudget 90\n"
	    "profile a\n"
	    "profile b\n"
	    "\tbudget 1h30m\n"
	    "profile c\n"
	    "\tbudget 0.5s\n", &cfg, &errs, &eb), 0);
	free(errs);
	assert_true(cfg->profiles[0]->budget == 90);
	assert_true(cfg->profiles[1]->budget == 5400);
	assert_true(cfg->profiles[2]->budget == 0.5);
	shown = NULL;
	assert_non_null(out = open_memstream(&shown, &shownsz));
	conf_show(cfg, NULL, out);
	fclose(out);
	assert_non_null(strstr(shown, "profile a\n"));
	assert_non_null(strstr(shown, "\tbudget 1m30s\n"));
	assert_non_null(strstr(shown, "\tbudget 1h30m\n"));
	assert_non_null(strstr(shown, "\tbudget 0.5s\n"));
	assert_non_null(in = fmemopen(shown, strlen(shown), "r"));
	assert_int_equal(conf_parse(in, "shown", stderr, &again, &eb), 0);
	fclose(in);
	assert_true(again->profiles[0]->budget == 90);
	assert_true(again->profiles[1]->budget == 5400);
	assert_true(again->profiles[2]->budget == 0.5);
	conf_free(again);
	free(shown);
	conf_free(cfg);
}

static void
test_conf_profile_check(void **state)
{
	struct profile p;
	struct errbuf eb;
	char pw[4096];

	memset(&p, 0, sizeof(p));
	p.name = (char *)"a";
	assert_int_equal(conf_profile_check(&p, &eb), ISPM_ECONFIG);
	assert_string_equal(eb.msg, "profile 'a': no 'url'");
	p.url = (char *)"https://a.example/";
	assert_int_equal(conf_profile_check(&p, &eb), ISPM_ECONFIG);
	assert_string_equal(eb.msg, "profile 'a': no 'user'");
	p.user = (char *)"api";
	assert_int_equal(conf_profile_check(&p, &eb), ISPM_ECONFIG);
	assert_string_equal(eb.msg, "profile 'a': no 'password_command' or "
	    "'password_file' for the API password");

	snprintf(pw, sizeof(pw), "%s",
	    write_file("pass", "secret\n", 0644));
	p.password_file = pw;
	assert_int_equal(conf_profile_check(&p, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "chmod 600"));
	assert_int_equal(chmod(pw, 0600), 0);
	assert_int_equal(conf_profile_check(&p, &eb), 0);

	p.ca_file = (char *)"/nonexistent/ca.pem";
	assert_int_equal(conf_profile_check(&p, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "ca_file '/nonexistent/ca.pem'"));
}

/* Runs "config ARGS..." with -c path; output and diagnostics come back. */
static int
run_config(const char *path, char **out, char **errs, int json,
    const char *a1, const char *a2)
{
	struct ispm_ctx ctx;
	char *argv[4];
	size_t outsz, errsz;
	int argc = 0, r;

	memset(&ctx, 0, sizeof(ctx));
	ctx.conf_path = path;
	ctx.json = json;
	argv[argc++] = (char *)"config";
	if (a1 != NULL)
		argv[argc++] = (char *)a1;
	if (a2 != NULL)
		argv[argc++] = (char *)a2;
	argv[argc] = NULL;
	*out = *errs = NULL;
	assert_non_null(ctx.out = open_memstream(out, &outsz));
	assert_non_null(ctx.errs = open_memstream(errs, &errsz));
	r = cmd_run(&ctx, argc, argv);
	fclose(ctx.out);
	fclose(ctx.errs);
	if (r != 0) {
		/* The message main would print goes after the details. */
		char *all = NULL;

		assert_true(asprintf(&all, "%s%s\n", *errs, ctx.err.msg) > 0);
		free(*errs);
		*errs = all;
	}
	return r;
}

static void
test_conf_config_command(void **state)
{
	char path[512], want[4096], *out, *errs;

	snprintf(path, sizeof(path), "%s", write_file("cmd.conf",
	    "default_profile mut1\n"
	    "defaults\n"
	    "\tuser api\n"
	    "\tpassword_command echo s3cr3t-in-command\n"
	    "profile mut1\n"
	    "\turl https://mut1.example:8080/remote/json.php\n"
	    "profile mut2\n"
	    "\turl https://mut2.example:8080/remote/json.php\n", 0600));

	assert_int_equal(run_config(path, &out, &errs, 0, "check", NULL), 0);
	assert_string_equal(out, "ok\n");
	assert_string_equal(errs, "");
	free(out);
	free(errs);

	assert_int_equal(run_config(path, &out, &errs, 0, "show", NULL), 0);
	snprintf(want, sizeof(want), "# %s\n"
	    "profile mut1\n"
	    "\turl https://mut1.example:8080/remote/json.php\n"
	    "\tuser api\n"
	    "\tpassword_command ********\n"
	    "\ttimeout 30\n"
	    "\tconnect_timeout 10\n"
	    "\tmin_guesses_log10 10\n"
	    "\tmail_host mut1.example\n"
	    "\timap_port 993\n"
	    "\tpop3_port 995\n"
	    "\tsmtp_port 465\n"
	    "\tsmtp_security ssl\n"
	    "\tsheet_lang fr\n", path);
	assert_string_equal(out, want);
	free(out);
	free(errs);

	assert_int_equal(run_config(path, &out, &errs, 0, "show", "-a"), 0);
	assert_non_null(strstr(out, "default_profile mut1\nprofile mut1\n"));
	assert_non_null(strstr(out, "profile mut2\n"));
	assert_null(strstr(out, "s3cr3t"));
	free(out);
	free(errs);

	assert_int_equal(run_config(path, &out, &errs, 1, "show", "--all"), 0);
	assert_non_null(strstr(out, "\"password_command\":\"********\""));
	assert_null(strstr(out, "s3cr3t"));
	free(out);
	free(errs);

	/* What a profile lacks is reported after the parse succeeds. */
	write_file("cmd.conf",
	    "profile mut1\n"
	    "\turl https://mut1.example/\n"
	    "\tuser api\n"
	    "\tpassword_file /nonexistent/pass\n"
	    "profile mut2\n"
	    "\tuser api\n"
	    "\tpassword_command true\n", 0600);
	assert_int_equal(run_config(path, &out, &errs, 0, "check", NULL),
	    ISPM_ECONFIG);
	assert_string_equal(out, "");
	snprintf(want, sizeof(want),
	    "%s: profile 'mut1': cannot open password_file "
	    "'/nonexistent/pass': No such file or directory\n"
	    "%s: profile 'mut2': no 'url'\n"
	    "2 errors in %s\n", path, path, path);
	assert_string_equal(errs, want);
	free(out);
	free(errs);

	write_file("cmd.conf", "profile a\n\turl ftp://x/\n\tbogus\n", 0600);
	assert_int_equal(run_config(path, &out, &errs, 0, "check", NULL),
	    ISPM_ECONFIG);
	snprintf(want, sizeof(want),
	    "%s:2: url 'ftp://x/' must start with https://\n"
	    "%s:3: unknown keyword 'bogus'\n"
	    "2 errors in %s\n", path, path, path);
	assert_string_equal(errs, want);
	free(out);
	free(errs);

	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(run_config(path, &out, &errs, 0, "check", NULL),
	    ISPM_ECONFIG);
	assert_non_null(strstr(errs, "chmod 600"));
	free(out);
	free(errs);

	assert_int_equal(run_config(path, &out, &errs, 0, "frob", NULL),
	    ISPM_EUSAGE);
	assert_non_null(strstr(errs, "unknown subcommand 'frob'"));
	free(out);
	free(errs);
	assert_int_equal(run_config(path, &out, &errs, 0, NULL, NULL),
	    ISPM_EUSAGE);
	free(out);
	free(errs);
	assert_int_equal(run_config(path, &out, &errs, 0, "check", "-x"),
	    ISPM_EUSAGE);
	assert_non_null(strstr(errs, "unknown option '-x'"));
	free(out);
	free(errs);
}

/* The man page documents every keyword and its examples parse. */
static void
test_conf_man_page_agrees(void **state)
{
	const char *top = getenv("top_srcdir");
	const char *k;
	char path[4096], line[1024], want[128], *man = NULL, *block = NULL;
	size_t mansz = 0, blocksz = 0, i;
	struct config *cfg;
	struct errbuf eb;
	FILE *fp, *mp, *bp = NULL;
	int nblocks = 0;

	snprintf(path, sizeof(path), "%s/man/ispmail.conf.5",
	    top != NULL ? top : ".");
	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(mp = open_memstream(&man, &mansz));
	while (fgets(line, sizeof(line), fp) != NULL) {
		fputs(line, mp);
		if (strcmp(line, ".Bd -literal -offset indent\n") == 0) {
			assert_non_null(bp = open_memstream(&block, &blocksz));
			continue;
		}
		if (bp != NULL && strcmp(line, ".Ed\n") == 0) {
			fclose(bp);
			bp = NULL;
			if (strstr(block, "profile ") != NULL) {
				FILE *in = fmemopen(block, strlen(block), "r");

				assert_int_equal(conf_parse(in, "example",
				    stderr, &cfg, &eb), 0);
				fclose(in);
				conf_free(cfg);
				nblocks++;
			}
			free(block);
			block = NULL;
			continue;
		}
		if (bp != NULL)
			fputs(line, bp);
	}
	fclose(fp);
	fclose(mp);
	assert_int_equal(nblocks, 3);
	for (i = 0; (k = conf_keyword(i)) != NULL; i++) {
		snprintf(want, sizeof(want), "\n.It Cm %s", k);
		if (strstr(man, want) == NULL)
			fail_msg("ispmail.conf.5 lacks '.It Cm %s'", k);
	}
	free(man);
}

static int
group_setup(void **state)
{
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return 0;
}

static int
group_teardown(void **state)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * The rules shared by the parser and the API client: the loopback set for
 * plain http, pins as hashes or key files, and a ca_file that is a file
 * of certificates (not a directory, a FIFO or something else).
 */
static void
test_conf_trust_rules(void **state)
{
	char dir[] = "/tmp/ispmail-test-ca.XXXXXX", path[64];
	FILE *fp;
	int plain;

	(void)state;
	assert_null(conf_url_check("http://127.0.0.2/remote/json.php", &plain));
	assert_int_equal(plain, 1);
	assert_null(conf_url_check("http://[::1]:8080/", &plain));
	assert_null(conf_url_check("HTTPS://panel.example/", &plain));
	assert_int_equal(plain, 0);
	assert_non_null(conf_url_check("http://128.0.0.1/", &plain));
	assert_non_null(conf_url_check("http://127.0.0.1.evil.example/",
	    &plain));
	assert_non_null(conf_url_check("http://[::2]/", &plain));

	assert_null(conf_pin_check(
	    "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=", 1));
	assert_non_null(conf_pin_check("sha256//short=", 1));
	assert_non_null(conf_pin_check("relative/key.pem", 0));
	assert_null(conf_pin_check("/nonexistent/key.pem", 0));
	assert_non_null(conf_pin_check("/nonexistent/key.pem", 1));

	assert_non_null(mkdtemp(dir));
	assert_non_null(strstr(conf_ca_check(dir), "directory"));
	snprintf(path, sizeof(path), "%s/notpem", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("hello\n", fp);
	fclose(fp);
	assert_non_null(strstr(conf_ca_check(path), "no PEM certificate"));
	assert_non_null(fp = fopen(path, "w"));
	fputs("# bundle\n-----BEGIN CERTIFICATE-----\nMIIB\n"
	    "-----END CERTIFICATE-----\n", fp);
	fclose(fp);
	assert_null(conf_ca_check(path));
	unlink(path);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_non_null(strstr(conf_ca_check(path), "not a regular file"));
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_conf_good_file, setup),
		cmocka_unit_test_setup(test_conf_every_error_listed, setup),
		cmocka_unit_test_setup(test_conf_more_errors, setup),
		cmocka_unit_test_setup(test_conf_lines, setup),
		cmocka_unit_test_setup(test_conf_client, setup),
		cmocka_unit_test_setup(test_conf_client_errors, setup),
		cmocka_unit_test_setup(test_conf_nul_and_long_lines, setup),
		cmocka_unit_test_setup(test_conf_keywords_known, setup),
		cmocka_unit_test_setup(test_conf_budget, setup),
		cmocka_unit_test_setup(test_conf_mode_refused, setup),
		cmocka_unit_test_setup(test_conf_owner_refused, setup),
		cmocka_unit_test_setup(test_conf_search_order, setup),
		cmocka_unit_test_setup(test_conf_none_found, setup),
		cmocka_unit_test_setup(test_conf_profile_choice, setup),
		cmocka_unit_test_setup(test_conf_show_masks, setup),
		cmocka_unit_test_setup(test_conf_profile_check, setup),
		cmocka_unit_test(test_conf_trust_rules),
		cmocka_unit_test_setup(test_conf_config_command, setup),
		cmocka_unit_test_setup(test_conf_man_page_agrees, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
