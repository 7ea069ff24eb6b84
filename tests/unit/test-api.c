/*
 * Unit tests of the API client through the fake transport: what is sent
 * (method in the URL, parameters by name, one lazy login, the session
 * reused, one re-login and one retry on an expired session, logout), how
 * every kind of answer is decoded, the URL rules of api_new() and the
 * typed getters.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <sodium.h>

#include "api.h"
#include "text.h"
#include "fake-http.h"
#include "json-util.h"

#define URL	"https://panel.example:8080/remote/json.php"
#define PW	"apipass123"

static int pw_calls;

static int
pw_cb(void *arg, struct secret *out, struct errbuf *eb)
{
	pw_calls++;
	return secret_set(out, PW, strlen(PW), eb);
}

static void
opts_init(struct api_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->url = URL;
	o->user = "apiuser";
	o->password_cb = pw_cb;
}

/* A client over the fake transport f. */
static struct api *
new_api(struct fake_http *f)
{
	struct api_opts o;
	struct api *api = NULL;
	struct errbuf eb;

	opts_init(&o);
	pw_calls = 0;
	assert_int_equal(api_new_transport(&o, &f->base, &api, &eb), 0);
	return api;
}

static struct json_object *
params_id(long id)
{
	struct json_object *p = json_object_new_object();

	json_object_object_add(p, "primary_id", json_object_new_int64(id));
	return p;
}

static int
call(struct api *api, const char *method, struct json_object **resp,
    struct errbuf *eb)
{
	struct json_object *p = params_id(1);
	int r;

	r = api_call(api, method, p, resp, eb);
	json_object_put(p);
	return r;
}

static void
test_api_login_lazy_once_and_session_reused(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;
	char buf[128];
	int i;

	fake_init(&f);
	api = new_api(&f);
	assert_int_equal(f.nreq, 0);	/* nothing before the first call */
	assert_int_equal(pw_calls, 0);

	fake_reply_login(&f);
	for (i = 0; i < 5; i++)
		fake_reply_ok(&f, "{\"domain_id\":\"1\"}");
	fake_reply_ok(&f, "true");	/* logout */
	for (i = 0; i < 5; i++) {
		assert_int_equal(call(api, "mail_domain_get", &resp, &eb), 0);
		assert_non_null(resp);
		json_object_put(resp);
	}
	assert_int_equal(api_login_count(api), 1);
	assert_int_equal(pw_calls, 1);
	assert_int_equal(f.nreq, 6);
	assert_string_equal(f.urls[0], URL "?login");
	assert_string_equal(fake_param(&f, 0, "username", buf, sizeof(buf)),
	    "apiuser");
	assert_string_equal(fake_param(&f, 0, "password", buf, sizeof(buf)),
	    PW);
	for (i = 1; i < 6; i++) {
		assert_string_equal(f.urls[i], URL "?mail_domain_get");
		assert_string_equal(fake_param(&f, i, "session_id", buf,
		    sizeof(buf)), FAKE_SESSION);
		assert_string_equal(fake_param(&f, i, "primary_id", buf,
		    sizeof(buf)), "1");
		/* The password travels in the login only. */
		assert_null(strstr(f.bodies[i], PW));
	}
	api_free(api);
	assert_int_equal(f.nreq, 7);
	assert_string_equal(fake_method(&f, 6), "logout");
	assert_string_equal(fake_param(&f, 6, "session_id", buf, sizeof(buf)),
	    FAKE_SESSION);
	assert_true(f.freed);
	fake_release(&f);
}

static void
test_api_params_by_name(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *p, *inner, *resp, *body, *v;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_login(&f);
	fake_reply_ok(&f, "1");
	p = json_object_new_object();
	inner = json_object_new_object();
	json_object_object_add(inner, "quota", json_object_new_int64(5));
	json_object_object_add(p, "client_id", json_object_new_int(0));
	json_object_object_add(p, "primary_id", json_object_new_int(7));
	json_object_object_add(p, "params", inner);
	/* A caller's session_id never replaces the real one. */
	json_object_object_add(p, "session_id", json_object_new_string("x"));
	assert_int_equal(api_call(api, "mail_user_update", p, &resp, &eb), 0);
	json_object_put(resp);
	body = fake_body(&f, 1);
	assert_non_null(body);
	assert_int_equal(json_object_object_length(body), 4);
	assert_true(json_object_object_get_ex(body, "session_id", &v));
	assert_string_equal(json_object_get_string(v), FAKE_SESSION);
	assert_true(json_object_object_get_ex(body, "client_id", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_true(json_object_object_get_ex(body, "primary_id", &v));
	assert_int_equal(json_object_get_int(v), 7);
	assert_true(json_object_object_get_ex(body, "params", &v));
	assert_true(json_object_is_type(v, json_type_object));
	json_object_put(body);
	/* The caller's object is unchanged and still owned by the caller. */
	assert_int_equal(json_object_object_length(p), 4);
	json_object_put(p);
	fake_reply_ok(&f, "true");
	api_free(api);
	fake_release(&f);
}

static void
test_api_session_expired_relogin_once(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_login(&f);
	fake_reply_ok(&f, "[]");
	fake_reply_fault(&f, "The Session is expired or does not exist.");
	fake_reply_login(&f);
	fake_reply_ok(&f, "{\"mailuser_id\":\"3\"}");
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), 0);
	json_object_put(resp);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), 0);
	assert_non_null(resp);
	json_object_put(resp);
	assert_int_equal(api_login_count(api), 2);
	assert_int_equal(pw_calls, 2);
	assert_int_equal(f.nreq, 5);
	assert_string_equal(fake_method(&f, 3), "login");
	assert_string_equal(fake_method(&f, 4), "mail_user_get");
	fake_reply_ok(&f, "true");
	api_free(api);
	assert_int_equal(fake_count(&f, "logout"), 1);
	fake_release(&f);
}

static void
test_api_session_expired_no_loop(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_login(&f);
	fake_reply_ok(&f, "[]");
	fake_reply_fault(&f, "The Session is expired or does not exist.");
	fake_reply_login(&f);
	fake_reply_fault(&f, "The Session is expired or does not exist.");
	/* Replies the client must not consume. */
	fake_reply_login(&f);
	fake_reply_ok(&f, "[]");
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), 0);
	json_object_put(resp);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_EPERM);
	assert_null(resp);
	assert_int_equal(api_last_fault(api), API_FAULT_SESSION);
	assert_non_null(strstr(eb.msg, "not retrying"));
	assert_int_equal(f.nreq, 5);
	assert_int_equal(api_login_count(api), 2);
	/* The refused session is forgotten: no logout with it. */
	api_free(api);
	assert_int_equal(f.nreq, 5);
	fake_release(&f);
}

static void
test_api_session_refused_after_fresh_login(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_login(&f);
	fake_reply_fault(&f, "The Session is expired or does not exist.");
	fake_reply_login(&f);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_EPERM);
	assert_int_equal(f.nreq, 2);
	assert_int_equal(api_login_count(api), 1);
	api_free(api);
	assert_int_equal(f.nreq, 2);
	fake_release(&f);
}

static void
test_api_bad_login(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_fault(&f, "The login failed. Username or password wrong.");
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_EPERM);
	assert_int_equal(ispm_exit_status(ISPM_EPERM), EX_NOPERM);
	assert_int_equal(api_last_fault(api), API_FAULT_LOGIN);
	assert_non_null(strstr(eb.msg, "login as 'apiuser' refused"));
	assert_null(strstr(eb.msg, PW));
	assert_int_equal(f.nreq, 1);
	api_free(api);	/* never logged in: no logout */
	assert_int_equal(f.nreq, 1);
	fake_release(&f);
}

static void
test_api_login_limit(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_fault(&f, "The login failure limit has been reached.");
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_ETEMP);
	assert_int_equal(ispm_exit_status(ISPM_ETEMP), EX_TEMPFAIL);
	assert_non_null(strstr(eb.msg, "wait 5 minutes"));
	assert_int_equal(f.nreq, 1);
	api_free(api);
	fake_release(&f);
}

static void
test_api_empty_password_not_sent(void **state)
{
	struct fake_http f;
	struct api_opts o;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	opts_init(&o);
	o.password_cb = NULL;
	assert_int_equal(api_new_transport(&o, &f.base, &api, &eb), 0);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_ECONFIG);
	assert_int_equal(f.nreq, 0);
	api_free(api);
	fake_release(&f);
}

static void
test_api_transport_failures(void **state)
{
	struct fake_http f;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;

	fake_init(&f);
	api = new_api(&f);
	fake_reply_error(&f, ISPM_EUNREACH);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb),
	    ISPM_EUNREACH);
	assert_int_equal(api_last_fault(api), API_FAULT_TRANSPORT);
	fake_reply_login(&f);
	fake_reply_error(&f, ISPM_ETEMP);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_ETEMP);
	fake_reply_error(&f, ISPM_EPROTO);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_EPROTO);
	assert_string_equal(eb.msg, "protocol error calling 'mail_user_get': "
	    "HTTP 200 with a truncated body");
	fake_reply_error(&f, ISPM_ECANCEL);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), ISPM_ECANCEL);
	assert_int_equal(api_login_count(api), 1);
	fake_reply_ok(&f, "true");
	api_free(api);
	fake_release(&f);
}

static void
test_api_cancelled_no_logout(void **state)
{
	struct fake_http f;
	struct api_opts o;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;
	volatile sig_atomic_t cancel = 0;

	fake_init(&f);
	opts_init(&o);
	o.cancel = &cancel;
	assert_int_equal(api_new_transport(&o, &f.base, &api, &eb), 0);
	fake_reply_login(&f);
	fake_reply_ok(&f, "[]");
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), 0);
	json_object_put(resp);
	cancel = 1;
	api_free(api);
	assert_int_equal(f.nreq, 2);
	fake_release(&f);
}

/* One decoded answer: what api_decode() makes of a body. */
struct decode_case {
	long		 status;
	const char	*body;
	int		 code;
	enum api_fault	 fault;
	const char	*want;		/* substring of the message */
};

#define FAULT(m) "{\"code\":\"remote_fault\",\"message\":\"" m \
	"\",\"response\":false}"

static const struct decode_case decode_cases[] = {
	{ 200, FAULT("The login failed. Username or password wrong."),
	    ISPM_EPERM, API_FAULT_LOGIN, "login as 'apiuser' refused" },
	{ 200, FAULT("The login is not allowed from 10.0.0.9"),
	    ISPM_EPERM, API_FAULT_LOGIN, "not allowed from 10.0.0.9" },
	{ 200, FAULT("You do not have the permissions to access this "
	    "function."), ISPM_EPERM, API_FAULT_PERMISSION,
	    "permission denied for 'mail_user_add': give the remote user "
	    "'apiuser' the Mail user functions in ISPConfig" },
	{ 200, FAULT("The Session is expired or does not exist."),
	    ISPM_EPERM, API_FAULT_SESSION, "session" },
	{ 200, FAULT("Session IP mismatch."), ISPM_EPERM,
	    API_FAULT_PERMISSION, "another address" },
	{ 200, FAULT("The Session failure limit has been reached."),
	    ISPM_ETEMP, API_FAULT_LIMIT, "wait 5 minutes" },
	{ 200, FAULT("The login failure limit has been reached."),
	    ISPM_ETEMP, API_FAULT_LIMIT, "check the API password" },
	{ 200, FAULT("This ISPConfig installation is currently under "
	    "maintenance. We should be back shortly. Thank you for your "
	    "patience."), ISPM_ETEMP, API_FAULT_LIMIT, "maintenance" },
	{ 200, FAULT("email_error_isemail<br \\/>\\r\\n"), ISPM_EDATA,
	    API_FAULT_VALIDATION,
	    "ISPConfig refused the address (email_error_isemail)" },
	{ 200, FAULT("email_error_isemail<br \\/>\\r\\nlogin_error_regex"
	    "<br \\/>\\r\\n"), ISPM_EDATA, API_FAULT_VALIDATION,
	    "(email_error_isemail); ISPConfig refused the login name" },
	{ 200, FAULT("email_error_unique<br \\/>\\r\\nlogin_error_unique"
	    "<br \\/>\\r\\n"), ISPM_EEXIST, API_FAULT_VALIDATION,
	    "already exists" },
	{ 200, FAULT("login_error_unique<br \\/>\\r\\n"), ISPM_EEXIST,
	    API_FAULT_VALIDATION, "(login_error_unique)" },
	{ 200, FAULT("quota_error_isint<br \\/>\\r\\nquota_error_value"
	    "<br \\/>\\r\\n"), ISPM_EDATA, API_FAULT_VALIDATION,
	    "(quota_error_value)" },
	{ 200, FAULT("some_new_key<br \\/>\\r\\n"), ISPM_EDATA,
	    API_FAULT_VALIDATION, "(some_new_key)" },
	{ 200, FAULT("The chosen password does not match the security "
	    "guidelines. It has to be at least 8 chars in length and have a "
	    "strength of \\\"Good\\\"."), ISPM_EWEAK, API_FAULT_VALIDATION,
	    "refused the password: The chosen password does not match the "
	    "security guidelines. It has to be at least 8 chars in length "
	    "and have a strength of \"Good\"." },
	{ 200, FAULT("email_error_isemail<br \\/>\\r\\nThe chosen password "
	    "does not match the security guidelines. It has to be at least "
	    "10 chars in length.quota_error_value<br \\/>\\r\\n"), ISPM_EWEAK,
	    API_FAULT_VALIDATION, "(quota_error_value); ISPConfig refused the "
	    "password: The chosen password does not match the security "
	    "guidelines. It has to be at least 10 chars in length." },
	{ 200, FAULT("Mail domain - unknown.org - does not exist as "
	    "primary."), ISPM_ENOTFOUND, API_FAULT_NOTFOUND,
	    "mail domain 'unknown.org' does not exist" },
	{ 200, FAULT("Invalid client_id 99"), ISPM_ENOTFOUND,
	    API_FAULT_NOTFOUND, "Invalid client_id 99" },
	{ 200, FAULT("The ID has to be > 0 or -1."), ISPM_EDATA,
	    API_FAULT_VALIDATION, "id" },
	{ 200, FAULT("Unknown column 'Array' in 'WHERE' DELETE FROM "
	    "`mail_user` WHERE mailuser_id = Array AND 1"), ISPM_EPROTO,
	    API_FAULT_OTHER, "Unknown column" },
	{ 200, FAULT("bad\\u001b[31m red\\n"), ISPM_EPROTO, API_FAULT_OTHER,
	    "bad?[31m red?" },
	{ 200, "{\"code\":\"invalid_method\",\"message\":\"Method "
	    "mail_user_add does not exist\",\"response\":false}",
	    ISPM_EPROTO, API_FAULT_NOMETHOD, "does not offer this function" },
	{ 200, "{\"code\":\"invalid_data\",\"message\":\"The JSON data sent "
	    "to the api is invalid\",\"response\":false}", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "invalid_data" },
	{ 200, "{\"code\":\"odd\\r\\ncode\",\"message\":\"m\","
	    "\"response\":false}", ISPM_EPROTO, API_FAULT_PROTOCOL,
	    "answered odd??code: m" },
	{ 500, "<html><head><title>500 Internal Server Error</title></head>"
	    "</html>", ISPM_EPROTO, API_FAULT_PROTOCOL,
	    "protocol error calling 'mail_user_add': HTTP 500 with an HTML "
	    "page ('500 Internal Server Error')" },
	{ 500, "", ISPM_EPROTO, API_FAULT_PROTOCOL,
	    "protocol error calling 'mail_user_add': HTTP 500 with an empty "
	    "body" },
	{ 404, "{\"code\":\"ok\",\"message\":\"\",\"response\":1}", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "HTTP 404" },
	{ 302, "", ISPM_EPROTO, API_FAULT_PROTOCOL, "HTTP 302" },
	{ 200, "<!DOCTYPE html><html><body><p>Primary ID fehlt!</p></body>"
	    "</html>", ISPM_EPROTO, API_FAULT_PROTOCOL,
	    "HTTP 200 with an HTML page ('Primary ID fehlt!')" },
	{ 200, "Remote API is disabled in security settings.", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "non-JSON body ('Remote API is disabled" },
	{ 200, "{\"code\":\"ok\",\"message\":\"\",\"response\":[{\"a\":",
	    ISPM_EPROTO, API_FAULT_PROTOCOL, "truncated JSON body" },
	{ 200, "{\"code\":\"ok\" \"response\":1}", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "malformed JSON" },
	{ 200, "{\"code\":\"ok\",\"response\":1} trailing", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "HTTP 200" },
	{ 200, "[1,2]", ISPM_EPROTO, API_FAULT_PROTOCOL, "malformed JSON" },
	{ 200, "{\"message\":\"\",\"response\":1}", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "unexpected JSON envelope" },
	{ 200, "{\"code\":\"ok\",\"message\":\"\"}", ISPM_EPROTO,
	    API_FAULT_PROTOCOL, "unexpected JSON envelope" },
	{ 200, "   ", ISPM_EPROTO, API_FAULT_PROTOCOL, "empty body" },
	{ 200, "{\"code\":\"ok\",\"message\":\"\",\"response\":\"42\"}\n", 0,
	    API_FAULT_NONE, NULL },
	{ 200, "{\"code\":\"ok\",\"message\":\"\",\"response\":null}", 0,
	    API_FAULT_NONE, NULL },
};

static void
test_api_decode_faults(void **state)
{
	struct json_object *resp;
	struct errbuf eb;
	enum api_fault fault;
	size_t i;
	int r;

	for (i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		const struct decode_case *c = &decode_cases[i];

		err_clear(&eb);
		r = api_decode("mail_user_add", "apiuser", c->status, c->body,
		    strlen(c->body), &resp, &fault, &eb);
		if (r != c->code || fault != c->fault || (c->want != NULL &&
		    strstr(eb.msg, c->want) == NULL))
			fail_msg("case %zu: got %d/%d '%s', want %d/%d '%s'",
			    i, r, fault, eb.msg, c->code, c->fault,
			    c->want != NULL ? c->want : "");
		/* One line, nothing unprintable. */
		assert_null(strpbrk(eb.msg, "\r\n\t\033"));
		if (r == 0)
			json_object_put(resp);
		else
			assert_null(resp);
	}
}

static void
test_api_decode_types(void **state)
{
	struct json_object *resp;
	struct errbuf eb;
	enum api_fault fault;
	long long n;
	const char *b;

	b = "{\"code\":\"ok\",\"message\":\"\",\"response\":\"42\"}";
	assert_int_equal(api_decode("mail_user_add", NULL, 200, b, strlen(b),
	    &resp, &fault, &eb), 0);
	assert_int_equal(ju_to_int64(resp, &n), 0);
	assert_int_equal(n, 42);
	json_object_put(resp);

	b = "{\"code\":\"ok\",\"message\":\"\",\"response\":1}";
	assert_int_equal(api_decode("mail_user_delete", NULL, 200, b,
	    strlen(b), &resp, &fault, &eb), 0);
	assert_int_equal(ju_to_int64(resp, &n), 0);
	assert_int_equal(n, 1);
	json_object_put(resp);

	b = "{\"code\":\"ok\",\"message\":\"\",\"response\":null}";
	assert_int_equal(api_decode("mail_user_get", NULL, 200, b, strlen(b),
	    &resp, &fault, &eb), 0);
	assert_null(resp);

	b = "{\"code\":\"ok\",\"message\":\"\",\"response\":[]}";
	assert_int_equal(api_decode("mail_user_get", NULL, 200, b, strlen(b),
	    &resp, &fault, &eb), 0);
	assert_true(json_object_is_type(resp, json_type_array));
	assert_int_equal(json_object_array_length(resp), 0);
	json_object_put(resp);

	/* A body that is not NUL-terminated where len says it ends. */
	b = "{\"code\":\"ok\",\"message\":\"\",\"response\":7}GARBAGE";
	assert_int_equal(api_decode("x", NULL, 200, b, strlen(b) - 7,
	    &resp, &fault, &eb), 0);
	json_object_put(resp);
}

static void
test_api_json_getters(void **state)
{
	struct json_object *o;
	long long n = -5;

	o = json_tokener_parse("{\"s\":\"5000\",\"i\":7,\"neg\":\"-1\","
	    "\"bad\":\"12a\",\"empty\":\"\",\"null\":null,\"t\":true,"
	    "\"big\":\"99999999999999999999\",\"u\":18446744073709551615,"
	    "\"y\":\"y\",\"n\":\"n\",\"plus\":\"+1\",\"f\":1.5}");
	assert_non_null(o);
	assert_int_equal(ju_get_int64(o, "s", &n), 0);
	assert_int_equal(n, 5000);
	assert_int_equal(ju_get_int64(o, "i", &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(ju_get_int64(o, "neg", &n), 0);
	assert_int_equal(n, -1);
	n = 3;
	assert_int_equal(ju_get_int64(o, "bad", &n), -1);
	assert_int_equal(ju_get_int64(o, "empty", &n), -1);
	assert_int_equal(ju_get_int64(o, "null", &n), -1);
	assert_int_equal(ju_get_int64(o, "t", &n), -1);
	assert_int_equal(ju_get_int64(o, "big", &n), -1);
	assert_int_equal(ju_get_int64(o, "u", &n), -1);
	assert_int_equal(ju_get_int64(o, "plus", &n), -1);
	assert_int_equal(ju_get_int64(o, "f", &n), -1);
	assert_int_equal(ju_get_int64(o, "missing", &n), -1);
	assert_int_equal(n, 3);	/* untouched on failure */
	assert_string_equal(ju_get_str(o, "s"), "5000");
	assert_null(ju_get_str(o, "null"));
	assert_null(ju_get_str(o, "i"));
	assert_int_equal(ju_get_flag(o, "y"), 1);
	assert_int_equal(ju_get_flag(o, "n"), 0);
	assert_int_equal(ju_get_flag(o, "missing"), 0);
	ju_wipe_member(o, "s");
	assert_int_equal(ju_get_str(o, "s")[0], '\0');
	json_object_put(o);
}

static void
test_text_sanitize(void **state)
{
	char out[16];

	text_sanitize(out, sizeof(out), "a\tb\x7f" "c", 5);
	assert_string_equal(out, "a?b?c");
	text_sanitize(out, sizeof(out), "\xc2\x9b" "31m", 5);
	assert_string_equal(out, "?31m");
	text_sanitize(out, sizeof(out), "0123456789abcdefghij", 20);
	assert_string_equal(out, "0123456789ab...");
	text_sanitize(out, sizeof(out), "0123456789abcde", 15);
	assert_string_equal(out, "0123456789abcde");
	text_sanitize(out, sizeof(out), "0123456789a\xc3\xa9\xc3\xa9x", 16);
	assert_string_equal(out, "0123456789a...");
	text_sanitize(out, sizeof(out), "h\xc3\xa9", 3);
	assert_string_equal(out, "h\xc3\xa9");
}

static void
test_api_new_refuses_urls(void **state)
{
	static const char *bad[] = {
		"http://panel.example:8080/remote/json.php",
		"http://10.0.0.1/remote/json.php",
		"ftp://panel.example/remote/json.php",
		"file:///etc/passwd",
		"panel.example/remote/json.php",
		"https://user:secret@panel.example/remote/json.php",
		"https://panel.example/remote/json.php?login",
		"https://panel.example/remote/json.php#x",
		"",
	};
	struct api_opts o;
	struct api *api;
	struct errbuf eb;
	size_t i;

	opts_init(&o);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.url = bad[i];
		api = (struct api *)&o;
		if (api_new(&o, &api, &eb) != ISPM_ECONFIG)
			fail_msg("url '%s' accepted", bad[i]);
		assert_null(api);
		assert_null(strstr(eb.msg, "secret@"));
	}
	o.url = URL;
	o.user = NULL;
	assert_int_equal(api_new(&o, &api, &eb), ISPM_ECONFIG);
	o.user = "apiuser";
	o.ca_file = "/nonexistent/ca.pem";
	assert_int_equal(api_new(&o, &api, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "ca_file"));
	o.ca_file = NULL;
	o.pinned_pubkey = "/nonexistent/key.pem";
	assert_int_equal(api_new(&o, &api, &eb), ISPM_ECONFIG);
}

static void
test_api_new_accepts_urls(void **state)
{
	static const char *good[] = {
		URL,
		"HTTPS://Panel.Example/remote/json.php",
		"http://127.0.0.1:8080/remote/json.php",
		"http://127.0.0.2/remote/json.php",
		"http://localhost/remote/json.php",
		"http://[::1]:8080/remote/json.php",
	};
	struct api_opts o;
	struct api *api;
	struct errbuf eb;
	size_t i;

	opts_init(&o);
	o.pinned_pubkey =
	    "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=";
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		o.url = good[i];
		if (api_new(&o, &api, &eb) != 0)
			fail_msg("url '%s' refused: %s", good[i], eb.msg);
		assert_int_equal(api_login_count(api), 0);
		api_free(api);	/* never logged in: no network */
	}
}

static void
test_api_verbose_logs_no_secret(void **state)
{
	struct fake_http f;
	struct api_opts o;
	struct api *api;
	struct json_object *resp;
	struct errbuf eb;
	char log[4096];
	FILE *tmp;
	size_t n;
	int saved;

	fake_init(&f);
	opts_init(&o);
	o.verbose = 1;
	assert_int_equal(api_new_transport(&o, &f.base, &api, &eb), 0);
	fake_reply_login(&f);
	fake_reply_ok(&f, "[]");
	fake_reply_ok(&f, "true");
	assert_non_null(tmp = tmpfile());
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	assert_int_equal(call(api, "mail_user_get", &resp, &eb), 0);
	json_object_put(resp);
	api_free(api);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(log, 1, sizeof(log) - 1, tmp);
	log[n] = '\0';
	fclose(tmp);
	assert_non_null(strstr(log, "mail_user_get: HTTP 200"));
	assert_non_null(strstr(log, "login"));
	assert_null(strstr(log, PW));
	assert_null(strstr(log, FAKE_SESSION));
	assert_null(strstr(log, "apiuser"));
	fake_release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_login_lazy_once_and_session_reused),
		cmocka_unit_test(test_api_params_by_name),
		cmocka_unit_test(test_api_session_expired_relogin_once),
		cmocka_unit_test(test_api_session_expired_no_loop),
		cmocka_unit_test(test_api_session_refused_after_fresh_login),
		cmocka_unit_test(test_api_bad_login),
		cmocka_unit_test(test_api_login_limit),
		cmocka_unit_test(test_api_empty_password_not_sent),
		cmocka_unit_test(test_api_transport_failures),
		cmocka_unit_test(test_api_cancelled_no_logout),
		cmocka_unit_test(test_api_decode_faults),
		cmocka_unit_test(test_api_decode_types),
		cmocka_unit_test(test_api_json_getters),
		cmocka_unit_test(test_text_sanitize),
		cmocka_unit_test(test_api_new_refuses_urls),
		cmocka_unit_test(test_api_new_accepts_urls),
		cmocka_unit_test(test_api_verbose_logs_no_secret),
	};

	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
