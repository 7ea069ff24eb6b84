/*
 * Unit tests of the alias layer through the fake transport: what each
 * operation sends (the web interface's fields, the owner client, the
 * destinations joined as the web interface joins them, integer ids), how
 * it reads rows, and that every answer of the wrong shape is a one-line
 * protocol error, never an empty list or a success.
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

#include "alias.h"
#include "api.h"
#include "fake-http.h"

/* example.org as mbx_domain_get() reads it: server 4, owner client 2. */
static char org_name[] = "example.org";
static const struct mail_domain org = { 2, org_name, 4, 2, 1 };

/* A mail_forwarding row as SELECT * returns it: every value a string. */
#define ROW(id, src, dest, type) "{\"forwarding_id\":\"" id "\"," \
	"\"sys_userid\":\"1\",\"sys_groupid\":\"3\",\"sys_perm_user\":" \
	"\"riud\",\"sys_perm_group\":\"riud\",\"sys_perm_other\":\"\"," \
	"\"server_id\":\"4\",\"source\":\"" src "\",\"destination\":\"" \
	dest "\",\"type\":\"" type "\",\"active\":\"y\",\"allow_send_as\":" \
	"\"n\",\"greylisting\":\"n\"}"

/* The message is one line: no newline, something in it. */
static void
assert_one_line(const struct errbuf *eb)
{
	assert_true(eb->msg[0] != '\0');
	assert_null(strchr(eb->msg, '\n'));
}

static void
test_alias_list_reads_rows(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct alias *v;
	struct errbuf eb;
	size_t n;

	(void)state;
	fake_reply_ok(&f, "[" ROW("7", "zz@example.org", "a@x.org", "alias")
	    "," ROW("3", "old@example.org", "a@x.org, b@y.org;c@z.org\\n d@w.org",
	    "forward") "," ROW("5", "@example.org", "a@x.org", "catchall")
	    "]");
	assert_int_equal(alias_list(api, ALIAS_ANY, NULL, NULL, &v, &n, &eb),
	    0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].source, "@example.org");
	assert_int_equal(v[0].kind, ALIAS_CATCHALL);
	assert_string_equal(v[1].source, "old@example.org");
	assert_int_equal(v[1].kind, ALIAS_FORWARD);
	assert_int_equal(v[1].id, 3);
	assert_int_equal(v[1].server_id, 4);
	assert_true(v[1].active);
	/* Split as the web interface splits: commas, semicolons, blanks. */
	assert_int_equal(v[1].ndest, 4);
	assert_string_equal(v[1].dest[0], "a@x.org");
	assert_string_equal(v[1].dest[2], "c@z.org");
	assert_string_equal(v[1].dest[3], "d@w.org");
	assert_null(v[1].dest[4]);
	assert_int_equal(v[2].kind, ALIAS_ALIAS);
	assert_string_equal(fake_method(&f, 1), "mail_forward_get");
	aliases_free(v, n);

	/* Pointing at a mailbox: a LIKE on destination, checked exactly. */
	fake_reply_ok(&f, "[" ROW("7", "a@example.org", "bob@example.org",
	    "alias") "," ROW("8", "b@example.org", "xbob@example.org",
	    "alias") "," ROW("9", "c@example.org", "bob@example.org",
	    "forward") "]");
	assert_int_equal(alias_list(api, ALIAS_ALIAS, NULL, "bob@example.org",
	    &v, &n, &eb), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].source, "a@example.org");
	assert_string_equal(fake_method(&f, 2), "mail_alias_get");
	aliases_free(v, n);
	fake_api_done(&f, api);
}

/* Answers that are not a list of complete rows: ISPM_EPROTO, one line. */
static void
test_alias_list_bad_answers(void **state)
{
	static const char *bad[] = {
		"true", "null", "\"[]\"", "{}", "42",
		"[\"row\"]",
		"[{\"forwarding_id\":\"1\",\"source\":\"a@b.org\","
		    "\"type\":\"alias\"}]",
		"[{\"forwarding_id\":\"x\",\"source\":\"a@b.org\","
		    "\"destination\":\"c@d.org\",\"type\":\"alias\"}]",
		"[{\"forwarding_id\":\"1\",\"source\":5,"
		    "\"destination\":\"c@d.org\",\"type\":\"alias\"}]",
		"[{\"forwarding_id\":\"1\",\"source\":\"a@b.org\","
		    "\"destination\":\"c@d.org\",\"type\":null}]",
	};
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct alias *v;
	struct errbuf eb;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fake_reply_ok(&f, bad[i]);
		v = (struct alias *)&f;
		n = 99;
		if (alias_list(api, ALIAS_ANY, NULL, NULL, &v, &n, &eb) !=
		    ISPM_EPROTO)
			fail_msg("answer %s was not a protocol error", bad[i]);
		assert_null(v);
		assert_int_equal(n, 0);
		assert_one_line(&eb);
	}
	fake_api_done(&f, api);
}

static void
test_alias_add_sends_the_forms_fields(void **state)
{
	static const char *const dest[] = { "a@x.org", "b@y.org" };
	struct json_object *body, *p, *v;
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct errbuf eb;
	long id;

	(void)state;
	fake_reply_ok(&f, "\"12\"");
	assert_int_equal(alias_add_in(api, &org, ALIAS_FORWARD,
	    "old@example.org", dest, 2, &id, &eb), 0);
	assert_int_equal(id, 12);
	assert_int_equal(fake_count(&f, "mail_domain_get"), 0);
	assert_string_equal(fake_method(&f, 1), "mail_forward_add");
	body = fake_body(&f, 1);
	assert_true(json_object_object_get_ex(body, "client_id", &v));
	assert_int_equal(json_object_get_int64(v), 2);
	assert_true(json_object_is_type(v, json_type_int));
	assert_true(json_object_object_get_ex(body, "params", &p));
	assert_string_equal(json_object_to_json_string_ext(p,
	    JSON_C_TO_STRING_PLAIN),
	    "{\"server_id\":4,\"source\":\"old@example.org\","
	    "\"destination\":\"a@x.org, b@y.org\",\"type\":\"forward\","
	    "\"active\":\"y\",\"allow_send_as\":\"n\",\"greylisting\":\"n\"}");
	json_object_put(body);
	fake_api_done(&f, api);
}

static void
test_alias_add_bad_id(void **state)
{
	static const char *const dest[] = { "bob@example.org" };
	static const char *bad[] = { "true", "\"0\"", "\"abc\"", "null",
	    "[]", "{\"id\":1}" };
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct errbuf eb;
	size_t i;
	long id;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fake_reply_ok(&f, bad[i]);
		id = 5;
		if (alias_add_in(api, &org, ALIAS_ALIAS, "contact@example.org",
		    dest, 1, &id, &eb) != ISPM_EPROTO)
			fail_msg("id %s was not a protocol error", bad[i]);
		assert_int_equal(id, 0);
		assert_one_line(&eb);
		assert_non_null(strstr(eb.msg, "'mail_alias_add'"));
	}
	fake_api_done(&f, api);
}

/* A domain that is not the source's, or whose owner is unknown: nothing
 * is sent. */
static void
test_alias_add_in_refuses(void **state)
{
	static const char *const dest[] = { "bob@example.org" };
	struct mail_domain orphan = org;
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct errbuf eb;

	(void)state;
	assert_int_equal(alias_add_in(api, &org, ALIAS_ALIAS,
	    "contact@example.com", dest, 1, NULL, &eb), ISPM_EDATA);
	assert_one_line(&eb);
	assert_non_null(strstr(eb.msg, "contact@example.com"));
	orphan.client_id = -1;
	assert_int_equal(alias_add_in(api, &orphan, ALIAS_ALIAS,
	    "contact@example.org", dest, 1, NULL, &eb), ISPM_EPERM);
	assert_one_line(&eb);
	assert_int_equal(fake_count(&f, "mail_alias_add"), 0);
	fake_api_done(&f, api);
}

static void
test_alias_delete(void **state)
{
	static const char *bad[] = { "true", "\"yes\"", "null", "-1" };
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct json_object *body, *v;
	struct errbuf eb;
	size_t i;

	(void)state;
	fake_reply_ok(&f, "[" ROW("9", "contact@example.org",
	    "bob@example.org", "alias") "]");
	fake_reply_ok(&f, "1");
	assert_int_equal(alias_delete(api, ALIAS_ALIAS, "contact@example.org",
	    &eb), 0);
	assert_string_equal(fake_method(&f, 2), "mail_alias_delete");
	/* An integer: ISPConfig pastes the id into its SQL. */
	body = fake_body(&f, 2);
	assert_true(json_object_object_get_ex(body, "primary_id", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_int_equal(json_object_get_int64(v), 9);
	json_object_put(body);

	fake_reply_ok(&f, "[" ROW("9", "contact@example.org",
	    "bob@example.org", "alias") "]");
	fake_reply_ok(&f, "0");
	assert_int_equal(alias_delete(api, ALIAS_ALIAS, "contact@example.org",
	    &eb), ISPM_ENOTFOUND);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fake_reply_ok(&f, "[" ROW("9", "contact@example.org",
		    "bob@example.org", "alias") "]");
		fake_reply_ok(&f, bad[i]);
		if (alias_delete(api, ALIAS_ALIAS, "contact@example.org",
		    &eb) != ISPM_EPROTO)
			fail_msg("count %s was not a protocol error", bad[i]);
		assert_one_line(&eb);
	}
	/* The wrong kind: refused before any delete. */
	fake_reply_ok(&f, "[" ROW("9", "contact@example.org",
	    "bob@example.org", "forward") "]");
	assert_int_equal(alias_delete(api, ALIAS_ALIAS, "contact@example.org",
	    &eb), ISPM_EDATA);
	assert_string_equal(eb.msg, "'contact@example.org' is a forward, "
	    "not an alias");
	assert_int_equal(fake_count(&f, "mail_alias_delete"), 6);
	fake_api_done(&f, api);
}

static void
test_alias_check_dests(void **state)
{
	static const char *const good[] = { "a@x.org", "b@y.org" };
	static const char *const twice[] = { "a@x.org", "A@x.org" };
	static const char *const bad[] = { "a@x.org", "a..b@y.org" };
	struct errbuf eb;

	(void)state;
	assert_int_equal(alias_check_dests(good, 2, &eb), 0);
	assert_int_equal(alias_check_dests(twice, 2, &eb), ISPM_EDATA);
	assert_string_equal(eb.msg, "destination 'A@x.org' is given twice");
	assert_int_equal(alias_check_dests(bad, 2, &eb), ISPM_EDATA);
	assert_non_null(strstr(eb.msg, "destination: "));
	assert_int_equal(alias_check_dests(good, 0, &eb), ISPM_EDATA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alias_list_reads_rows),
		cmocka_unit_test(test_alias_list_bad_answers),
		cmocka_unit_test(test_alias_add_sends_the_forms_fields),
		cmocka_unit_test(test_alias_add_bad_id),
		cmocka_unit_test(test_alias_add_in_refuses),
		cmocka_unit_test(test_alias_delete),
		cmocka_unit_test(test_alias_check_dests),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
