/*
 * The connection sheet: what the text, JSON and PDF forms say, in French
 * and English, with and without a password, and what a hostile string from
 * the configuration can do to them.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>
#include <sodium.h>

#include "conf.h"
#include "secret.h"
#include "sheet.h"
#include "sheetfile.h"

/* The settings struct holds what the config parser allocated. */
#define S(s) ((char *)(s))

static struct webmail test_webmails[] = {
	{ S("Roundcube"), S("http://mail.mut3.clight.fr/") },
	{ S("SquirrelMail (English only)"), S("http://mut3.clight.fr/webmail") }
};

static void
test_client(struct mailclient *c, const char *lang)
{
	memset(c, 0, sizeof(*c));
	c->imap_host = S("mut3.cergy-internet.fr");
	c->smtp_host = S("smtp.cergy-internet.fr");
	c->imap_port = 993;
	c->pop3_port = 995;
	c->smtp_port = 465;
	c->webmail = test_webmails;
	c->nwebmail = 2;
	c->lang = (char *)lang;
}

static void
test_sheet(struct sheet *s, const struct mailclient *c)
{
	memset(s, 0, sizeof(*s));
	s->address = "jean.dupont@example.com";
	s->name = "Jean Dupont";
	s->organisation = "Cergy Internet";
	s->client = c;
	s->issued = 1796400000;	/* 2026-12-04 */
}

/* Renders s as f into a string, which the caller frees. */
static char *
render(const struct sheet *s, enum sheet_format f, int *rc, size_t *len)
{
	struct errbuf eb;
	char *buf = NULL;
	size_t n = 0;
	FILE *fp;

	fp = open_memstream(&buf, &n);
	assert_non_null(fp);
	*rc = sheet_write(s, f, fp, &eb);
	fclose(fp);
	if (len != NULL)
		*len = n;
	return buf;
}

static void
test_sheet_text_fr(void **state)
{
	struct mailclient c;
	struct sheet s;
	char *t;
	int rc;

	setenv("TZ", "UTC", 1);
	test_client(&c, NULL);
	test_sheet(&s, &c);
	t = render(&s, SHEET_TEXT, &rc, NULL);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(t, "Cergy Internet\n"));
	assert_non_null(strstr(t, "Fiche de connexion à votre messagerie"));
	assert_non_null(strstr(t, "Délivrée le 4 décembre 2026"));
	assert_non_null(strstr(t, "jean.dupont@example.com"));
	assert_non_null(strstr(t, "l’identifiant est l’adresse complète"));
	assert_non_null(strstr(t, "mut3.cergy-internet.fr, port 993, SSL/TLS"));
	assert_non_null(strstr(t, "mut3.cergy-internet.fr, port 995, SSL/TLS"));
	assert_non_null(strstr(t, "smtp.cergy-internet.fr, port 465, SSL/TLS"));
	assert_non_null(strstr(t, "Nom affiché\u00a0:      Jean Dupont"));
	assert_non_null(strstr(t, "«\u00a0configuration manuelle\u00a0»"));
	assert_non_null(strstr(t, "http://mail.mut3.clight.fr/"));
	/* The webmails in config order. */
	assert_true(strstr(t, "Roundcube") < strstr(t, "SquirrelMail"));
	assert_non_null(strstr(t, "de 1 à 64\u00a0caractères"));
	assert_non_null(strstr(t, "sans préavis"));
	assert_non_null(strstr(t, "spammeur"));
	/* No password: a blank to fill in, and no reason line. */
	assert_non_null(strstr(t, "________________________  (à remplir)"));
	assert_null(strstr(t, "a été changé"));
	/* No support text configured: no empty heading. */
	assert_null(strstr(t, "Assistance"));
	free(t);
}

static void
test_sheet_text_en_with_password(void **state)
{
	struct mailclient c;
	struct secret *pw = secret_new(64);
	struct sheet s;
	char *t;
	int rc;

	setenv("TZ", "UTC", 1);
	test_client(&c, "en");
	c.smtp_port = 587;
	c.smtp_starttls = 1;
	c.support = S("Helpdesk: 01 23 45 67 89, Monday to Friday");
	test_sheet(&s, &c);
	s.name = NULL;
	assert_int_equal(secret_set(pw, "Xk4m-l1O0-Tq9z", 14, NULL), 0);
	s.password = pw;
	s.rotated = 1;
	t = render(&s, SHEET_TEXT, &rc, NULL);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(t, "Issued on 4 December 2026"));
	assert_non_null(strstr(t, "Password: Xk4m-l1O0-Tq9z\n"));
	assert_non_null(strstr(t, "the login is the whole address"));
	assert_non_null(strstr(t, "smtp.cergy-internet.fr, port 587, STARTTLS"));
	assert_non_null(strstr(t, "Display name:    your name"));
	assert_non_null(strstr(t, "Your password has been changed"));
	assert_non_null(strstr(t, "taken over by a spammer"));
	assert_non_null(strstr(t, "Support\n-------\nHelpdesk: 01 23 45 67 89"));
	assert_null(strstr(t, "(to fill in)"));
	/* Not one French word. */
	assert_null(strstr(t, "é"));
	free(t);
	secret_free(pw);
}

static void
test_sheet_json(void **state)
{
	struct json_object *o, *v;
	struct mailclient c;
	struct secret *pw = secret_new(64);
	struct sheet s;
	char *t;
	int rc;

	setenv("TZ", "UTC", 1);
	test_client(&c, NULL);
	test_sheet(&s, &c);
	t = render(&s, SHEET_JSON, &rc, NULL);
	assert_int_equal(rc, 0);
	o = json_tokener_parse(t);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "password", &v));
	assert_null(v);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "login")), "jean.dupont@example.com");
	assert_string_equal(json_object_get_string(json_object_object_get(
	    json_object_object_get(o, "incoming"), "host")),
	    "mut3.cergy-internet.fr");
	assert_int_equal(json_object_get_int(json_object_object_get(
	    json_object_object_get(o, "outgoing"), "port")), 465);
	assert_string_equal(json_object_get_string(json_object_object_get(
	    json_object_object_get(o, "outgoing"), "security")), "ssl");
	v = json_object_object_get(o, "webmails");
	assert_int_equal(json_object_array_length(v), 2);
	assert_string_equal(json_object_get_string(json_object_object_get(
	    json_object_array_get_idx(v, 1), "url")),
	    "http://mut3.clight.fr/webmail");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "issued")), "2026-12-04");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "lang")), "fr");
	json_object_put(o);
	free(t);

	assert_int_equal(secret_set(pw, "p\"w\\d", 5, NULL), 0);
	s.password = pw;
	t = render(&s, SHEET_JSON, &rc, NULL);
	assert_int_equal(rc, 0);
	o = json_tokener_parse(t);
	assert_non_null(o);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "password")), "p\"w\\d");
	json_object_put(o);
	free(t);
	secret_free(pw);
}

/* Control characters from a config or a panel never reach a terminal. */
static void
test_sheet_escapes_odd_characters(void **state)
{
	struct webmail wm = { S("<b>Web</b> & \"mail\""),
	    S("https://x.example/?a=1&b=2") };
	struct json_object *o;
	struct mailclient c;
	struct sheet s;
	char *t;
	size_t len;
	int rc;

	test_client(&c, NULL);
	c.webmail = &wm;
	c.nwebmail = 1;
	c.support = S("call \x1b[31mnow\x1b[0m");
	test_sheet(&s, &c);
	s.organisation = "Evil\x9b" "2J <Org> & Co";
	s.name = "Jean\r\nDupont";
	t = render(&s, SHEET_TEXT, &rc, NULL);
	assert_int_equal(rc, 0);
	assert_null(strchr(t, '\x1b'));
	assert_null(strchr(t, '\r'));
	assert_null(strstr(t, "\xc2\x9b"));
	assert_non_null(strstr(t, "call ?[31mnow?[0m"));
	assert_non_null(strstr(t, "Jean??Dupont"));
	assert_non_null(strstr(t, "<b>Web</b> & \"mail\""));
	free(t);

	t = render(&s, SHEET_JSON, &rc, NULL);
	assert_int_equal(rc, 0);
	assert_null(strchr(t, '\x1b'));
	o = json_tokener_parse(t);
	assert_non_null(o);
	assert_string_equal(json_object_get_string(
	    json_object_object_get(o, "name")), "Jean\r\nDupont");
	json_object_put(o);
	free(t);

	/* Pango markup in a name is shown, not interpreted or refused. */
	t = render(&s, SHEET_PDF, &rc, &len);
	assert_int_equal(rc, 0);
	assert_true(len > 1000);
	assert_memory_equal(t, "%PDF-", 5);
	free(t);
}

static void
test_sheet_pdf(void **state)
{
	struct mailclient c;
	struct secret *pw = secret_new(64);
	struct sheet s;
	char *t;
	size_t len;
	int rc;

	test_client(&c, "en");
	test_sheet(&s, &c);
	t = render(&s, SHEET_PDF, &rc, &len);
	assert_int_equal(rc, 0);
	assert_memory_equal(t, "%PDF-", 5);
	assert_non_null(memmem(t, len, "%%EOF", 5));
	free(t);

	/* A password that is not UTF-8 (a forged journal record): refused,
	 * nothing written. */
	assert_int_equal(secret_set(pw, "ab\xff", 3, NULL), 0);
	s.password = pw;
	t = render(&s, SHEET_PDF, &rc, &len);
	assert_int_equal(rc, ISPM_EDATA);
	assert_int_equal(len, 0);
	free(t);
	secret_free(pw);
}

static void
test_sheet_refuses_incomplete(void **state)
{
	struct mailclient c;
	struct sheet s;
	char *t;
	size_t len;
	int rc;

	test_client(&c, "de");
	test_sheet(&s, &c);
	t = render(&s, SHEET_TEXT, &rc, &len);
	assert_int_equal(rc, ISPM_EDATA);
	assert_int_equal(len, 0);
	free(t);
	test_client(&c, NULL);
	c.smtp_host = NULL;
	t = render(&s, SHEET_TEXT, &rc, &len);
	assert_int_equal(rc, ISPM_EDATA);
	free(t);
}

static void
test_sheet_format_parse(void **state)
{
	enum sheet_format f;
	struct errbuf eb;

	assert_int_equal(sheet_format_parse("pdf", &f, &eb), 0);
	assert_int_equal(f, SHEET_PDF);
	assert_int_equal(sheet_format_parse("text", &f, &eb), 0);
	assert_int_equal(f, SHEET_TEXT);
	assert_int_equal(sheet_format_parse("json", &f, &eb), 0);
	assert_int_equal(f, SHEET_JSON);
	assert_int_equal(sheet_format_parse("docx", &f, &eb), ISPM_EUSAGE);
	assert_non_null(strstr(eb.msg, "'docx'"));
}

static char *
slurp_file(const char *path)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = fopen(path, "r"), *mem = open_memstream(&buf, &n);
	int c;

	assert_non_null(fp);
	while ((c = getc(fp)) != EOF)
		putc(c, mem);
	fclose(fp);
	fclose(mem);
	return buf;
}

/*
 * The password read back from a text sheet in either language, or a JSON
 * one, is the one written, whatever it holds; none from a PDF or a blank.
 */
static void
test_sheet_read_password(void **state)
{
	static const char *const pws[] = {
		"Xk4m-l1O0-Tq9z", " lead and trail ", "élan-été 42 : «x»",
		"p\"w\\d"
	};
	static const char *const langs[] = { "fr", "en" };
	static const enum sheet_format fs[] = { SHEET_TEXT, SHEET_JSON };
	struct secret *pw = secret_new(64), *got = secret_new(64);
	struct mailclient c;
	struct errbuf eb;
	struct sheet s;
	size_t i, l, f, len;
	char *t;
	int rc;

	(void)state;
	for (l = 0; l < 2; l++) {
		test_client(&c, langs[l]);
		test_sheet(&s, &c);
		s.password = pw;
		for (i = 0; i < sizeof(pws) / sizeof(pws[0]); i++) {
			for (f = 0; f < 2; f++) {
				assert_int_equal(secret_set(pw, pws[i],
				    strlen(pws[i]), NULL), 0);
				t = render(&s, fs[f], &rc, &len);
				assert_int_equal(rc, 0);
				assert_int_equal(sheet_read_password(t, len,
				    fs[f], got, &eb), 0);
				assert_true(secret_equal(pw, got));
				free(t);
			}
		}
		s.password = NULL;
		for (f = 0; f < 2; f++) {
			t = render(&s, fs[f], &rc, &len);
			assert_int_equal(sheet_read_password(t, len, fs[f],
			    got, &eb), ISPM_EDATA);
			assert_string_equal(eb.msg, "no password on it");
			free(t);
		}
	}
	assert_int_equal(sheet_read_password("%PDF-1.5", 8, SHEET_PDF, got,
	    &eb), ISPM_EDATA);
	assert_string_equal(eb.msg, "a password cannot be read back from a "
	    "PDF sheet");
	assert_int_equal(sheet_read_password("{\"password\":", 12,
	    SHEET_JSON, got, &eb), ISPM_EDATA);
	assert_int_equal(got->len, 0);
	secret_free(pw);
	secret_free(got);
}

/* 0600, never over a file or through a link, removed only while ours. */
static void
test_sheetfile_rules(void **state)
{
	char dir[] = "/tmp/test-sheet.XXXXXX", *t;
	struct mailclient c;
	struct secret *pw = secret_new(64), *got;
	struct sheetfile sf;
	struct errbuf eb;
	struct sheet s;
	struct stat st;
	int dfd;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	test_client(&c, NULL);
	test_sheet(&s, &c);
	assert_int_equal(secret_set(pw, "Xk4m-l1O0-Tq9z", 14, NULL), 0);
	s.password = pw;

	assert_int_equal(sheetfile_write(dfd, "a.txt", &s, SHEET_TEXT, &sf,
	    &eb), 0);
	assert_int_equal(fstatat(dfd, "a.txt", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(chdir(dir), 0);
	t = slurp_file("a.txt");
	assert_non_null(strstr(t, "Xk4m-l1O0-Tq9z"));
	free(t);

	/* Over an existing file: refused, the file untouched. */
	assert_int_equal(sheetfile_write(dfd, "a.txt", &s, SHEET_PDF, &sf,
	    &eb), ISPM_EIO);
	assert_non_null(strstr(eb.msg, "'a.txt': it exists"));
	t = slurp_file("a.txt");
	assert_non_null(strstr(t, "Fiche de connexion"));
	free(t);

	/* Through a link: refused, its target untouched. */
	fp = fopen("target", "w");
	fputs("keep", fp);
	fclose(fp);
	assert_int_equal(symlink("target", "link.txt"), 0);
	assert_int_equal(sheetfile_write(dfd, "link.txt", &s, SHEET_TEXT,
	    &sf, &eb), ISPM_EIO);
	t = slurp_file("target");
	assert_string_equal(t, "keep");
	free(t);

	/* A sheet that cannot be made leaves nothing behind. */
	c.lang = S("de");
	assert_int_equal(sheetfile_write(dfd, "b.txt", &s, SHEET_TEXT, &sf,
	    &eb), ISPM_EDATA);
	assert_int_equal(access("b.txt", F_OK), -1);
	c.lang = NULL;

	/* Read back, never through a link; a missing sheet said apart. */
	got = secret_new(64);
	assert_int_equal(sheetfile_read_password(dfd, "a.txt", SHEET_TEXT, got,
	    &eb), 0);
	assert_true(secret_equal(pw, got));
	assert_int_equal(sheetfile_read_password(dfd, "link.txt", SHEET_TEXT,
	    got, &eb), ISPM_EIO);
	assert_string_equal(eb.msg, "cannot read the sheet 'link.txt': it is "
	    "a symbolic link");
	assert_int_equal(sheetfile_read_password(dfd, "none.txt", SHEET_TEXT,
	    got, &eb), ISPM_ENOINPUT);
	assert_int_equal(sheetfile_read_password(dfd, "target", SHEET_TEXT,
	    got, &eb), ISPM_EDATA);
	assert_string_equal(eb.msg, "cannot read the sheet 'target': no "
	    "password on it");
	secret_free(got);

	/* Removed while it is ours; another file put there is kept. */
	assert_int_equal(sheetfile_write(dfd, "c.txt", &s, SHEET_TEXT, &sf,
	    &eb), 0);
	sheetfile_remove(dfd, "c.txt", &sf);
	assert_int_equal(access("c.txt", F_OK), -1);
	assert_int_equal(sheetfile_write(dfd, "d.txt", &s, SHEET_TEXT, &sf,
	    &eb), 0);
	assert_int_equal(unlink("d.txt"), 0);
	fp = fopen("d.txt", "w");
	fclose(fp);
	sheetfile_remove(dfd, "d.txt", &sf);
	assert_int_equal(access("d.txt", F_OK), 0);

	unlink("a.txt");
	unlink("d.txt");
	unlink("link.txt");
	unlink("target");
	close(dfd);
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(rmdir(dir), 0);
	secret_free(pw);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheet_text_fr),
		cmocka_unit_test(test_sheet_text_en_with_password),
		cmocka_unit_test(test_sheet_json),
		cmocka_unit_test(test_sheet_escapes_odd_characters),
		cmocka_unit_test(test_sheet_pdf),
		cmocka_unit_test(test_sheet_refuses_incomplete),
		cmocka_unit_test(test_sheet_format_parse),
		cmocka_unit_test(test_sheet_read_password),
		cmocka_unit_test(test_sheetfile_rules),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
