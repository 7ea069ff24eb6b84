/*
 * Unit tests for the XML writer and the autoconfiguration files: the
 * escaping of every markup character, the refusal of what XML cannot
 * carry, and each format's exact text for known settings.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "autoconfig.h"
#include "xml.h"

/* Runs xml_text(s) into a string; *r gets its result. */
static char *
text_of(const char *s, int *r)
{
	char *buf = NULL;
	size_t sz;
	FILE *fp;

	assert_non_null(fp = open_memstream(&buf, &sz));
	*r = xml_text(fp, s);
	fclose(fp);
	return buf;
}

static void
test_xml_escapes(void **state)
{
	char *s;
	int r;

	(void)state;
	s = text_of("a&b<c>d\"e'f \xc3\xa9t\xc3\xa9", &r);
	assert_int_equal(r, 0);
	assert_string_equal(s, "a&amp;b&lt;c&gt;d&quot;e&apos;f \xc3\xa9t"
	    "\xc3\xa9");
	free(s);
	s = text_of("", &r);
	assert_int_equal(r, 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_xml_refuses(void **state)
{
	static const char *const bad[] = {
		"a\tb", "a\nb", "a\rb", "\x01", "a\x7f", "\xc2\x85",
		"caf\xe9", "\xe2\x80\xae" "rtl", "\xff",
	};
	char *s;
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = text_of(bad[i], &r);
		assert_int_equal(r, -1);
		assert_string_equal(s, "");
		free(s);
	}
}

static char imap_host[] = "mail.example.net";
static char smtp_host[] = "smtp.example.net";
static char lang[] = "fr";
static struct mailclient client = {
	imap_host, smtp_host, 993, 995, 465, 0, NULL, 0, NULL, lang
};

/*
 * Writes format f for in into *doc (freed by the caller); returns
 * autoconfig_write()'s result.
 */
static int
doc_of(enum autoconfig_format f, const struct autoconfig_input *in,
    char **doc, struct errbuf *eb)
{
	size_t sz;
	FILE *fp;
	int r;

	*doc = NULL;
	assert_non_null(fp = open_memstream(doc, &sz));
	r = autoconfig_write(fp, f, in, eb);
	fclose(fp);
	return r;
}

static void
test_mozilla(void **state)
{
	struct autoconfig_input in = { "example.com", NULL, "Cergy & Co",
	    &client };
	struct errbuf eb;
	char *s;
	int r;

	(void)state;
	client.support = (char *)"https://help.example.net/mail?a=1&b=2";
	r = doc_of(AUTOCONFIG_MOZILLA, &in, &s, &eb);
	client.support = NULL;
	assert_int_equal(r, 0);
	assert_string_equal(s,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<clientConfig version=\"1.1\">\n"
	    "\t<emailProvider id=\"example.com\">\n"
	    "\t\t<domain>example.com</domain>\n"
	    "\t\t<displayName>Cergy &amp; Co</displayName>\n"
	    "\t\t<displayShortName>Cergy &amp; Co</displayShortName>\n"
	    "\t\t<incomingServer type=\"imap\">\n"
	    "\t\t\t<hostname>mail.example.net</hostname>\n"
	    "\t\t\t<port>993</port>\n"
	    "\t\t\t<socketType>SSL</socketType>\n"
	    "\t\t\t<username>%EMAILADDRESS%</username>\n"
	    "\t\t\t<authentication>password-cleartext</authentication>\n"
	    "\t\t</incomingServer>\n"
	    "\t\t<incomingServer type=\"pop3\">\n"
	    "\t\t\t<hostname>mail.example.net</hostname>\n"
	    "\t\t\t<port>995</port>\n"
	    "\t\t\t<socketType>SSL</socketType>\n"
	    "\t\t\t<username>%EMAILADDRESS%</username>\n"
	    "\t\t\t<authentication>password-cleartext</authentication>\n"
	    "\t\t</incomingServer>\n"
	    "\t\t<outgoingServer type=\"smtp\">\n"
	    "\t\t\t<hostname>smtp.example.net</hostname>\n"
	    "\t\t\t<port>465</port>\n"
	    "\t\t\t<socketType>SSL</socketType>\n"
	    "\t\t\t<username>%EMAILADDRESS%</username>\n"
	    "\t\t\t<authentication>password-cleartext</authentication>\n"
	    "\t\t</outgoingServer>\n"
	    "\t\t<documentation url=\"https://help.example.net/mail?a=1&amp;"
	    "b=2\">\n"
	    "\t\t\t<descr lang=\"fr\">Param\xc3\xa8tres de messagerie</descr>\n"
	    "\t\t</documentation>\n"
	    "\t</emailProvider>\n"
	    "</clientConfig>\n");
	free(s);

	/* Free text is no link. */
	client.support = (char *)"01 23 45 67 89";
	r = doc_of(AUTOCONFIG_MOZILLA, &in, &s, &eb);
	client.support = NULL;
	assert_int_equal(r, 0);
	assert_null(strstr(s, "documentation"));
	free(s);
}

static void
test_autodiscover(void **state)
{
	struct autoconfig_input in = { "example.com", "jean@example.com", NULL,
	    &client };
	struct errbuf eb;
	char *s;
	int r;

	(void)state;
	client.smtp_starttls = 1;
	client.smtp_port = 587;
	r = doc_of(AUTOCONFIG_AUTODISCOVER, &in, &s, &eb);
	client.smtp_starttls = 0;
	client.smtp_port = 465;
	assert_int_equal(r, 0);
	assert_non_null(strstr(s, "<Autodiscover xmlns=\"http://schemas."
	    "microsoft.com/exchange/autodiscover/responseschema/2006\">\n"
	    "\t<Response xmlns=\"http://schemas.microsoft.com/exchange/"
	    "autodiscover/outlook/responseschema/2006a\">\n"
	    "\t\t<Account>\n"
	    "\t\t\t<AccountType>email</AccountType>\n"
	    "\t\t\t<Action>settings</Action>\n"
	    "\t\t\t<Protocol>\n"
	    "\t\t\t\t<Type>IMAP</Type>\n"
	    "\t\t\t\t<Server>mail.example.net</Server>\n"
	    "\t\t\t\t<Port>993</Port>\n"
	    "\t\t\t\t<DomainRequired>off</DomainRequired>\n"
	    "\t\t\t\t<LoginName>jean@example.com</LoginName>\n"
	    "\t\t\t\t<SPA>off</SPA>\n"
	    "\t\t\t\t<SSL>on</SSL>\n"
	    "\t\t\t\t<Encryption>SSL</Encryption>\n"
	    "\t\t\t\t<AuthRequired>on</AuthRequired>\n"
	    "\t\t\t</Protocol>\n"));
	assert_non_null(strstr(s, "<Type>SMTP</Type>\n"
	    "\t\t\t\t<Server>smtp.example.net</Server>\n"
	    "\t\t\t\t<Port>587</Port>\n"));
	assert_non_null(strstr(s, "<Encryption>TLS</Encryption>"));
	free(s);

	in.address = NULL;
	r = doc_of(AUTOCONFIG_AUTODISCOVER, &in, &s, &eb);
	assert_int_equal(r, 0);
	assert_null(strstr(s, "LoginName"));
	free(s);
}

static void
test_mobileconfig(void **state)
{
	struct autoconfig_input in = { "mail.example.co.uk",
	    "j.dupont@mail.example.co.uk", "Cergy", &client };
	struct errbuf eb;
	char *s, *u1, *u2;
	int r;

	(void)state;
	r = doc_of(AUTOCONFIG_MOBILECONFIG, &in, &s, &eb);
	assert_int_equal(r, 0);
	assert_non_null(strstr(s, "<key>PayloadIdentifier</key>\n"
	    "\t<string>uk.co.example.mail.mail.j.dupont</string>\n"));
	assert_non_null(strstr(s, "<key>PayloadIdentifier</key>\n"
	    "\t\t\t<string>uk.co.example.mail.mail.j.dupont.account</string>"));
	assert_non_null(strstr(s, "<key>EmailAddress</key>\n"
	    "\t\t\t<string>j.dupont@mail.example.co.uk</string>\n"));
	assert_non_null(strstr(s, "<key>OutgoingPasswordSameAsIncomingPassword"
	    "</key>\n\t\t\t<true/>\n"));
	assert_non_null(strstr(s, "<key>PayloadOrganization</key>\n"
	    "\t<string>Cergy</string>\n"));
	/* Two different random UUIDs. */
	assert_non_null(u1 = strstr(s, "<key>PayloadUUID</key>"));
	assert_non_null(u2 = strstr(u1 + 1, "<key>PayloadUUID</key>"));
	u1 = strstr(u1, "<string>") + 8;
	u2 = strstr(u2, "<string>") + 8;
	assert_int_equal(u1[14], '4');
	assert_true(memcmp(u1, u2, 36) != 0);
	free(s);

	in.address = NULL;
	r = doc_of(AUTOCONFIG_MOBILECONFIG, &in, &s, &eb);
	assert_int_equal(r, ISPM_EUSAGE);
	assert_string_equal(eb.msg, "a mobileconfig is for one mailbox: give "
	    "its ADDRESS, not the domain 'mail.example.co.uk'");
	free(s);
}

static void
test_refused_value(void **state)
{
	struct autoconfig_input in = { "example.com", NULL, "bad\x01org",
	    &client };
	struct errbuf eb;
	char *s;
	int r;

	(void)state;
	r = doc_of(AUTOCONFIG_MOZILLA, &in, &s, &eb);
	assert_int_equal(r, ISPM_EDATA);
	assert_string_equal(eb.msg, "cannot write <displayName>: its value "
	    "has a character XML cannot carry");
	free(s);
}

static void
test_format_names(void **state)
{
	enum autoconfig_format f;

	(void)state;
	assert_int_equal(autoconfig_format("mozilla", &f), 0);
	assert_int_equal(f, AUTOCONFIG_MOZILLA);
	assert_int_equal(autoconfig_format("autodiscover", &f), 0);
	assert_int_equal(f, AUTOCONFIG_AUTODISCOVER);
	assert_int_equal(autoconfig_format("mobileconfig", &f), 0);
	assert_int_equal(f, AUTOCONFIG_MOBILECONFIG);
	assert_int_equal(autoconfig_format("Mozilla", &f), -1);
	assert_int_equal(autoconfig_format("", &f), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_escapes),
		cmocka_unit_test(test_xml_refuses),
		cmocka_unit_test(test_mozilla),
		cmocka_unit_test(test_autodiscover),
		cmocka_unit_test(test_mobileconfig),
		cmocka_unit_test(test_refused_value),
		cmocka_unit_test(test_format_names),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
