/*
 * Unit tests of the mailbox layer through the fake transport: which calls
 * each operation makes and with which parameters (every field the web UI
 * fills on create, only the changed fields on update, never a password
 * hash sent back, integer ids), how answers are typed, how the owner
 * client is found, and the size parser.
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

#include "api.h"
#include "fake-http.h"
#include "mailbox.h"

#define HASH	"$6$rounds=5000$cf70cec171d7ef61$7ePDMoZ\\/JtW9kynvDGnhvmU"

/* mail_domain rows as ISPConfig 3.2.12 returns them (TRANSCRIPTS D). */
#define DOMAIN_COM "{\"domain_id\":\"1\",\"sys_userid\":\"1\"," \
	"\"sys_groupid\":\"2\",\"server_id\":\"1\",\"domain\":\"example.com\"," \
	"\"active\":\"y\"}"
#define DOMAIN_ORG "{\"domain_id\":\"2\",\"sys_userid\":\"1\"," \
	"\"sys_groupid\":\"3\",\"server_id\":\"1\",\"domain\":\"example.org\"," \
	"\"active\":\"n\"}"
#define DOMAIN_ADM "{\"domain_id\":\"3\",\"sys_userid\":\"1\"," \
	"\"sys_groupid\":\"1\",\"server_id\":\"2\",\"domain\":\"admin.example\"," \
	"\"active\":\"y\"}"

/* A mail_user row: id, email, quota, the four disable flags. */
#define USER(id, email, quota, dis) "{\"mailuser_id\":\"" id "\"," \
	"\"sys_userid\":\"2\",\"sys_groupid\":\"2\",\"server_id\":\"1\"," \
	"\"email\":\"" email "\",\"login\":\"" email "\",\"password\":\"" \
	HASH "\",\"name\":\"Jean Dupont\",\"uid\":\"5000\",\"gid\":\"5000\"," \
	"\"maildir\":\"\\/var\\/vmail\\/x\",\"quota\":\"" quota "\"," \
	"\"postfix\":\"y\",\"disableimap\":\"" dis "\",\"disablepop3\":\"" \
	dis "\",\"disabledeliver\":\"" dis "\",\"disablesmtp\":\"" dis \
	"\",\"last_access\":null}"

#define SERVER_MAIL "{\"module\":\"postfix_mysql\",\"maildir_path\":" \
	"\"\\/var\\/vmail\\/[domain]\\/[localpart]\",\"homedir_path\":" \
	"\"\\/var\\/vmail\",\"maildir_format\":\"maildir\",\"mailuser_uid\":" \
	"\"5000\",\"mailuser_gid\":\"5000\",\"mailbox_virtual_uidgid_maps\":" \
	"\"n\"}"

#define PERM_DENIED "You do not have the permissions to access this function."

static struct secret *
pw(const char *s)
{
	struct secret *p = secret_new(SECRET_MAX);

	assert_int_equal(secret_set(p, s, strlen(s), NULL), 0);
	return p;
}

/* Member key of request i's body (or of its "params" when inner). */
static struct json_object *
req_get(const struct fake_http *f, int i, int inner, const char *key,
    struct json_object **body)
{
	struct json_object *o, *v = NULL;

	*body = fake_body(f, i);
	assert_non_null(*body);
	o = *body;
	if (inner)
		assert_true(json_object_object_get_ex(o, "params", &o));
	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

static void
assert_req_str(const struct fake_http *f, int i, int inner, const char *key,
    const char *want)
{
	struct json_object *body, *v;

	v = req_get(f, i, inner, key, &body);
	if (v == NULL || !json_object_is_type(v, json_type_string) ||
	    strcmp(json_object_get_string(v), want) != 0)
		fail_msg("request %d %s: '%s' is %s, want \"%s\"", i,
		    inner ? "params" : "body", key,
		    v != NULL ? json_object_to_json_string(v) : "missing",
		    want);
	json_object_put(body);
}

static void
assert_req_int(const struct fake_http *f, int i, int inner, const char *key,
    long long want)
{
	struct json_object *body, *v;

	v = req_get(f, i, inner, key, &body);
	if (v == NULL || !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) != want)
		fail_msg("request %d %s: '%s' is %s, want %lld", i,
		    inner ? "params" : "body", key,
		    v != NULL ? json_object_to_json_string(v) : "missing",
		    want);
	json_object_put(body);
}

/* The keys of request i's params, sorted and comma-joined. */
static int
keycmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
assert_params_keys(const struct fake_http *f, int i, const char *want)
{
	struct json_object *body, *p;
	const char *keys[64];
	char got[1024] = "";
	size_t n = 0, k;

	body = fake_body(f, i);
	assert_true(json_object_object_get_ex(body, "params", &p));
	json_object_object_foreach(p, key, val) {
		(void)val;
		keys[n++] = key;
	}
	qsort(keys, n, sizeof(keys[0]), keycmp);
	for (k = 0; k < n; k++) {
		strcat(got, k > 0 ? "," : "");
		strcat(got, keys[k]);
	}
	if (strcmp(got, want) != 0)
		fail_msg("request %d params: %s, want %s", i, got, want);
	json_object_put(body);
}

static void
test_mailbox_domains_owner_by_group(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mail_domain *v;
	struct errbuf eb;
	size_t n;

	fake_reply_ok(&f, "[" DOMAIN_ORG "," DOMAIN_COM "," DOMAIN_ADM "]");
	fake_reply_ok(&f, "{\"client_id\":\"2\",\"username\":\"client2\"}");
	fake_reply_ok(&f, "{\"client_id\":\"1\",\"username\":\"client1\"}");
	assert_int_equal(mbx_domains(api, &v, &n, &eb), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].domain, "admin.example");
	assert_int_equal(v[0].client_id, 0);	/* group 1: admin, no call */
	assert_int_equal(v[0].server_id, 2);
	assert_string_equal(v[1].domain, "example.com");
	assert_int_equal(v[1].client_id, 1);
	assert_int_equal(v[1].id, 1);
	assert_true(v[1].active);
	assert_string_equal(v[2].domain, "example.org");
	assert_int_equal(v[2].client_id, 2);
	assert_false(v[2].active);
	assert_string_equal(fake_method(&f, 1), "mail_domain_get");
	assert_req_int(&f, 1, 0, "primary_id", -1);
	assert_string_equal(fake_method(&f, 2), "client_get_by_groupid");
	assert_req_int(&f, 2, 0, "group_id", 3);
	assert_req_int(&f, 3, 0, "group_id", 2);
	assert_int_equal(f.nreq, 4);
	mail_domains_free(v, n);
	fake_api_done(&f, api);
}

static void
test_mailbox_domains_owner_admin_group(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mail_domain *v;
	struct errbuf eb;
	size_t n;

	/* A group of client 0 makes ISPConfig ask client_get for id 0. */
	fake_reply_ok(&f, "[" DOMAIN_COM "]");
	fake_reply_fault(&f, "The ID has to be > 0 or -1.");
	assert_int_equal(mbx_domains(api, &v, &n, &eb), 0);
	assert_int_equal(v[0].client_id, 0);
	mail_domains_free(v, n);
	fake_api_done(&f, api);
}

static void
test_mailbox_domains_owner_denied(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mail_domain *v;
	struct errbuf eb;
	size_t n;

	fake_reply_ok(&f, "[" DOMAIN_ORG "," DOMAIN_COM "]");
	fake_reply_fault(&f, PERM_DENIED);
	assert_int_equal(mbx_domains(api, &v, &n, &eb), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].client_id, -1);
	assert_int_equal(v[1].client_id, -1);
	assert_int_equal(fake_count(&f, "client_get_by_groupid"), 1);
	mail_domains_free(v, n);
	fake_api_done(&f, api);
}

static void
test_mailbox_domains_owner_fallback(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mail_domain *v;
	struct errbuf eb;
	size_t n;

	fake_reply_ok(&f, "[" DOMAIN_COM "," DOMAIN_ORG "]");
	fake_reply(&f, 200, "{\"code\":\"invalid_method\",\"message\":"
	    "\"Method client_get_by_groupid does not exist\","
	    "\"response\":false}");
	fake_reply_ok(&f, "[{\"client_id\":\"1\",\"username\":\"client1\"},"
	    "{\"client_id\":\"2\",\"username\":\"client2\"}]");
	fake_reply_ok(&f, "{\"userid\":\"2\",\"client_id\":\"1\","
	    "\"default_group\":\"2\"}");
	fake_reply_ok(&f, "{\"userid\":\"3\",\"client_id\":\"2\","
	    "\"default_group\":\"3\"}");
	assert_int_equal(mbx_domains(api, &v, &n, &eb), 0);
	assert_int_equal(v[0].client_id, 1);
	assert_int_equal(v[1].client_id, 2);
	assert_string_equal(fake_method(&f, 3), "client_get");
	assert_req_int(&f, 3, 0, "client_id", -1);
	assert_req_str(&f, 4, 0, "username", "client1");
	assert_int_equal(f.nreq, 6);
	mail_domains_free(v, n);
	fake_api_done(&f, api);
}

static void
test_mailbox_domain_get_unknown(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mail_domain *d;
	struct errbuf eb;

	fake_reply_ok(&f, "[]");
	assert_int_equal(mbx_domain_get(api, "Unknown.ORG", &d, &eb),
	    ISPM_ENOTFOUND);
	assert_null(d);
	assert_string_equal(eb.msg,
	    "mail domain 'unknown.org' does not exist on this panel");
	assert_string_equal(f.bodies[1], "{\"session_id\":\"" FAKE_SESSION
	    "\",\"primary_id\":{\"domain\":\"unknown.org\"}}");
	fake_api_done(&f, api);
}

/* The domain, its owner, and no mailbox of that address yet. */
static void
reply_new_address(struct fake_http *f)
{
	fake_reply_ok(f, "[" DOMAIN_COM "]");
	fake_reply_ok(f, "{\"client_id\":\"1\"}");
	fake_reply_ok(f, "[]");
}

/* The answers of a successful create up to mail_user_add: no alias or
 * forward of the address either, then the server's mail settings. */
static void
reply_create_lookups(struct fake_http *f, const char *server_mail)
{
	reply_new_address(f);
	fake_reply_ok(f, "[]");
	fake_reply_ok(f, server_mail);
}

static void
test_mailbox_create_fills_ui_fields(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mbx_spec spec = { "Jean.Dupont@Example.com", "Jean Dupont",
	    1073741824ULL };
	struct secret *p = pw("Str0ng!Passw0rd");
	struct mailbox *m;
	struct errbuf eb;

	reply_create_lookups(&f, SERVER_MAIL);
	fake_reply_ok(&f, "\"12\"");
	assert_int_equal(mbx_create(api, &spec, p, &m, &eb), 0);
	assert_int_equal(f.nreq, 7);
	assert_string_equal(fake_method(&f, 1), "mail_domain_get");
	assert_string_equal(fake_method(&f, 2), "client_get_by_groupid");
	assert_string_equal(fake_method(&f, 3), "mail_user_get");
	assert_string_equal(f.bodies[3], "{\"session_id\":\"" FAKE_SESSION
	    "\",\"primary_id\":{\"email\":\"jean.dupont@example.com\"}}");
	assert_string_equal(fake_method(&f, 4), "mail_forward_get");
	assert_string_equal(f.bodies[4], "{\"session_id\":\"" FAKE_SESSION
	    "\",\"primary_id\":{\"source\":\"jean.dupont@example.com\"}}");
	assert_string_equal(fake_method(&f, 5), "server_get");
	assert_req_int(&f, 5, 0, "server_id", 1);
	assert_req_str(&f, 5, 0, "section", "mail");
	assert_string_equal(fake_method(&f, 6), "mail_user_add");
	assert_req_int(&f, 6, 0, "client_id", 1);
	assert_params_keys(&f, 6, "autoresponder,autoresponder_subject,"
	    "autoresponder_text,backup_copies,backup_interval,cc,"
	    "disabledeliver,disableimap,disablepop3,disablesmtp,email,"
	    "forward_in_lda,gid,greylisting,homedir,imap_prefix,login,"
	    "maildir,maildir_format,move_junk,name,password,postfix,"
	    "purge_junk_days,purge_trash_days,quota,sender_cc,server_id,uid");
	assert_req_int(&f, 6, 1, "server_id", 1);
	assert_req_str(&f, 6, 1, "email", "jean.dupont@example.com");
	assert_req_str(&f, 6, 1, "login", "jean.dupont@example.com");
	assert_req_str(&f, 6, 1, "password", "Str0ng!Passw0rd");
	assert_req_str(&f, 6, 1, "name", "Jean Dupont");
	assert_req_int(&f, 6, 1, "quota", 1073741824);
	assert_req_str(&f, 6, 1, "maildir",
	    "/var/vmail/example.com/jean.dupont");
	assert_req_str(&f, 6, 1, "homedir", "/var/vmail");
	assert_req_int(&f, 6, 1, "uid", 5000);
	assert_req_int(&f, 6, 1, "gid", 5000);
	assert_req_str(&f, 6, 1, "maildir_format", "maildir");
	assert_req_str(&f, 6, 1, "postfix", "y");
	assert_req_str(&f, 6, 1, "disableimap", "n");
	assert_req_str(&f, 6, 1, "disablepop3", "n");
	assert_req_str(&f, 6, 1, "disabledeliver", "n");
	assert_req_str(&f, 6, 1, "disablesmtp", "n");
	assert_req_str(&f, 6, 1, "greylisting", "n");
	assert_req_str(&f, 6, 1, "forward_in_lda", "n");
	assert_req_str(&f, 6, 1, "autoresponder", "n");
	assert_req_str(&f, 6, 1, "move_junk", "y");
	assert_req_str(&f, 6, 1, "cc", "");
	assert_req_str(&f, 6, 1, "backup_interval", "none");
	assert_req_int(&f, 6, 1, "backup_copies", 1);
	assert_non_null(m);
	assert_int_equal(m->id, 12);
	assert_string_equal(m->email, "jean.dupont@example.com");
	assert_int_equal(m->quota, 1073741824ULL);
	assert_true(m->postfix);
	assert_false(m->disabled);
	assert_null(m->password_hash);
	mailbox_free(m);
	secret_free(p);
	fake_api_done(&f, api);
}

static void
test_mailbox_create_server_config(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mbx_spec spec = { "a.b@example.com", NULL, 0 };
	struct secret *p = pw("Str0ng!Passw0rd");
	struct errbuf eb;

	reply_create_lookups(&f, "{\"maildir_path\":\"\\/srv\\/mail\\/"
	    "[domain]\\/[localpart]\\/[localpart]\",\"homedir_path\":"
	    "\"\\/srv\\/mail\",\"maildir_format\":\"mdbox\",\"mailuser_uid\":"
	    "\"5000\",\"mailuser_gid\":\"5000\","
	    "\"mailbox_virtual_uidgid_maps\":\"y\"}");
	fake_reply_ok(&f, "13");	/* an integer id is accepted too */
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), 0);
	assert_req_str(&f, 6, 1, "maildir", "/srv/mail/example.com/a.b/a.b");
	assert_req_str(&f, 6, 1, "homedir", "/srv/mail");
	assert_req_str(&f, 6, 1, "maildir_format", "mdbox");
	assert_req_int(&f, 6, 1, "uid", -1);
	assert_req_int(&f, 6, 1, "gid", -1);
	assert_req_str(&f, 6, 1, "name", "");
	assert_req_int(&f, 6, 1, "quota", 0);
	secret_free(p);
	fake_api_done(&f, api);
}

static void
test_mailbox_create_refusals(void **state)
{
	struct fake_http f;
	struct api *api;
	struct mbx_spec spec = { "jean@example.com", NULL, 0 };
	struct secret *p = pw("Str0ng!Passw0rd");
	struct errbuf eb;

	/* Unknown domain: nothing after the domain lookup. */
	api = fake_api(&f);
	fake_reply_ok(&f, "[]");
	spec.email = "x@unknown.org";
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb),
	    ISPM_ENOTFOUND);
	assert_string_equal(eb.msg,
	    "mail domain 'unknown.org' does not exist on this panel");
	assert_int_equal(f.nreq, 2);
	fake_api_done(&f, api);

	/* Existing address: no add. */
	api = fake_api(&f);
	fake_reply_ok(&f, "[" DOMAIN_COM "]");
	fake_reply_ok(&f, "{\"client_id\":\"1\"}");
	fake_reply_ok(&f, "[" USER("1", "jean@example.com", "0", "n") "]");
	spec.email = "JEAN@example.com";
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), ISPM_EEXIST);
	assert_string_equal(eb.msg,
	    "mailbox 'jean@example.com' already exists");
	assert_int_equal(fake_count(&f, "mail_user_add"), 0);
	fake_api_done(&f, api);

	/* Created by someone else meanwhile: the server's unique check. */
	api = fake_api(&f);
	reply_create_lookups(&f, SERVER_MAIL);
	fake_reply_fault(&f, "email_error_unique<br />\r\n"
	    "login_error_unique<br />\r\n");
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), ISPM_EEXIST);
	fake_api_done(&f, api);

	/* ISPConfig's own password rule. */
	api = fake_api(&f);
	reply_create_lookups(&f, SERVER_MAIL);
	fake_reply_fault(&f, "The chosen password does not match the "
	    "security guidelines. It has to be at least 8 chars in length "
	    "and have a strength of \"Good\".");
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), ISPM_EWEAK);
	fake_api_done(&f, api);

	/* The owner must be known to create. */
	api = fake_api(&f);
	fake_reply_ok(&f, "[" DOMAIN_COM "]");
	fake_reply_fault(&f, PERM_DENIED);
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), ISPM_EPERM);
	assert_non_null(strstr(eb.msg, "Client functions"));
	assert_int_equal(fake_count(&f, "mail_user_add"), 0);
	fake_api_done(&f, api);

	/* The address is an alias already: the UI refuses, so do we. */
	api = fake_api(&f);
	reply_new_address(&f);
	fake_reply_ok(&f, "[{\"forwarding_id\":\"4\",\"source\":"
	    "\"Jean@example.com\",\"destination\":\"paul@example.com\","
	    "\"type\":\"alias\",\"active\":\"y\"}]");
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), ISPM_EEXIST);
	assert_string_equal(eb.msg, "'jean@example.com' is already an alias "
	    "on the panel (forwarding_id 4): delete it first, or the two "
	    "would compete for its mail");
	assert_int_equal(fake_count(&f, "mail_user_add"), 0);
	fake_api_done(&f, api);

	/* A remote user who may not read forwards creates as the API does. */
	api = fake_api(&f);
	reply_new_address(&f);
	fake_reply_fault(&f, PERM_DENIED);
	fake_reply_ok(&f, SERVER_MAIL);
	fake_reply_ok(&f, "\"14\"");
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), 0);
	assert_int_equal(fake_count(&f, "mail_user_add"), 1);
	fake_api_done(&f, api);

	/* Without the server's mail configuration, nothing is guessed. */
	api = fake_api(&f);
	reply_new_address(&f);
	fake_reply_ok(&f, "[]");
	fake_reply_fault(&f, PERM_DENIED);
	assert_int_equal(mbx_create(api, &spec, p, NULL, &eb), ISPM_EPERM);
	assert_non_null(strstr(eb.msg, "'server_get'"));
	assert_int_equal(fake_count(&f, "mail_user_add"), 0);
	fake_api_done(&f, api);
	secret_free(p);
}

static void
test_mailbox_set_password_sends_only_password(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct secret *p = pw("N3w!Secret99");
	struct errbuf eb;

	fake_reply_ok(&f, "[" USER("7", "jean@example.com", "0", "n") "]");
	fake_reply_ok(&f, "1");
	assert_int_equal(mbx_set_password(api, "jean@example.com", p, &eb), 0);
	assert_string_equal(fake_method(&f, 2), "mail_user_update");
	assert_req_int(&f, 2, 0, "client_id", 0);
	assert_req_int(&f, 2, 0, "primary_id", 7);
	assert_params_keys(&f, 2, "password");
	assert_req_str(&f, 2, 1, "password", "N3w!Secret99");
	assert_null(strstr(f.bodies[2], "$6$"));
	secret_free(p);

	/* ISPConfig would treat "" as "keep": refuse it here. */
	p = pw("");
	assert_int_equal(mbx_set_password(api, "jean@example.com", p, &eb),
	    ISPM_EDATA);
	assert_int_equal(f.nreq, 3);
	secret_free(p);
	fake_api_done(&f, api);
}

static void
test_mailbox_updates_never_send_password(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct errbuf eb;
	int i;

	fake_reply_ok(&f, "[" USER("7", "jean@example.com", "0", "n") "]");
	fake_reply_ok(&f, "1");
	fake_reply_ok(&f, "[" USER("7", "jean@example.com", "0", "n") "]");
	fake_reply_ok(&f, "0");	/* unchanged row: still success */
	fake_reply_ok(&f, "[" USER("7", "jean@example.com", "0", "n") "]");
	fake_reply_ok(&f, "1");
	fake_reply_ok(&f, "[" USER("7", "jean@example.com", "0", "y") "]");
	fake_reply_ok(&f, "1");
	assert_int_equal(mbx_set_quota(api, "jean@example.com",
	    2147483648ULL, &eb), 0);
	assert_int_equal(mbx_set_quota(api, "jean@example.com",
	    2147483648ULL, &eb), 0);
	assert_int_equal(mbx_set_disabled(api, "jean@example.com", 1, &eb), 0);
	assert_int_equal(mbx_set_disabled(api, "jean@example.com", 0, &eb), 0);
	assert_params_keys(&f, 2, "quota");
	assert_req_int(&f, 2, 1, "quota", 2147483648LL);
	/* The eight columns the web UI's four boxes set. */
	assert_params_keys(&f, 6,
	    "disabledeliver,disableimap,disablelda,disablelmtp,disablepop3,"
	    "disablesieve,disablesieve-filter,disablesmtp");
	assert_req_str(&f, 6, 1, "disableimap", "y");
	assert_req_str(&f, 6, 1, "disablesieve", "y");
	assert_req_str(&f, 6, 1, "disablesieve-filter", "y");
	assert_req_str(&f, 6, 1, "disablepop3", "y");
	assert_req_str(&f, 6, 1, "disablesmtp", "y");
	assert_req_str(&f, 6, 1, "disabledeliver", "y");
	assert_req_str(&f, 6, 1, "disablelda", "y");
	assert_req_str(&f, 6, 1, "disablelmtp", "y");
	assert_req_str(&f, 8, 1, "disabledeliver", "n");
	assert_req_str(&f, 8, 1, "disablesieve", "n");
	assert_req_str(&f, 8, 1, "disablelmtp", "n");
	for (i = 2; i <= 8; i += 2) {
		assert_string_equal(fake_method(&f, i), "mail_user_update");
		assert_req_int(&f, i, 0, "client_id", 0);
		assert_req_int(&f, i, 0, "primary_id", 7);
		assert_null(strstr(f.bodies[i], "password"));
		assert_null(strstr(f.bodies[i], "\"email\""));
	}
	fake_api_done(&f, api);
}

static void
test_mailbox_update_unknown(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct errbuf eb;

	fake_reply_ok(&f, "[]");
	assert_int_equal(mbx_set_quota(api, "nobody@example.com", 5, &eb),
	    ISPM_ENOTFOUND);
	assert_string_equal(eb.msg,
	    "mailbox 'nobody@example.com' does not exist");
	assert_int_equal(fake_count(&f, "mail_user_update"), 0);
	fake_api_done(&f, api);
}

static void
test_mailbox_delete(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct errbuf eb;

	fake_reply_ok(&f, "[" USER("2", "minimal@example.com", "0", "n") "]");
	fake_reply_ok(&f, "1");
	assert_int_equal(mbx_delete(api, "minimal@example.com", &eb), 0);
	assert_string_equal(fake_method(&f, 2), "mail_user_delete");
	assert_req_int(&f, 2, 0, "primary_id", 2);

	/* Gone between the lookup and the delete. */
	fake_reply_ok(&f, "[" USER("2", "minimal@example.com", "0", "n") "]");
	fake_reply_ok(&f, "0");
	assert_int_equal(mbx_delete(api, "minimal@example.com", &eb),
	    ISPM_ENOTFOUND);

	fake_reply_ok(&f, "[]");
	assert_int_equal(mbx_delete(api, "nobody@example.com", &eb),
	    ISPM_ENOTFOUND);
	assert_int_equal(fake_count(&f, "mail_user_delete"), 2);
	fake_api_done(&f, api);
}

static void
test_mailbox_get_typed(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mailbox *m;
	struct errbuf eb;

	fake_reply_ok(&f, "[" USER("1", "jean.dupont@example.com",
	    "1073741824", "y") "]");
	assert_int_equal(mbx_get(api, "Jean.Dupont@EXAMPLE.com", &m, &eb), 0);
	assert_int_equal(m->id, 1);
	assert_string_equal(m->email, "jean.dupont@example.com");
	assert_string_equal(m->login, "jean.dupont@example.com");
	assert_string_equal(m->name, "Jean Dupont");
	assert_string_equal(m->maildir, "/var/vmail/x");
	assert_int_equal(m->quota, 1073741824ULL);
	assert_int_equal(m->server_id, 1);
	assert_true(m->disabled);
	assert_true(m->postfix);
	assert_null(m->password_hash);	/* never without with_hash */
	mailbox_free(m);

	/* A filter that matches nothing gets [] (FACTS.md 1.3). */
	fake_reply_ok(&f, "[]");
	assert_int_equal(mbx_get(api, "x@example.com", &m, &eb),
	    ISPM_ENOTFOUND);
	assert_null(m);
	/* null is an answer to an id, never to a filter: nonsense here. */
	fake_reply_ok(&f, "null");
	assert_int_equal(mbx_get(api, "x@example.com", &m, &eb),
	    ISPM_EPROTO);
	assert_null(m);
	/* A row for another address (LIKE-ish match) is not taken. */
	fake_reply_ok(&f, "[" USER("4", "y@example.com", "0", "n") "]");
	assert_int_equal(mbx_get(api, "x@example.com", &m, &eb),
	    ISPM_ENOTFOUND);
	assert_int_equal(mbx_get(api, "%@example.com", &m, &eb), ISPM_EDATA);
	fake_reply_ok(&f, "[{\"email\":\"x@example.com\"}]");
	assert_int_equal(mbx_get(api, "x@example.com", &m, &eb), ISPM_EPROTO);
	fake_api_done(&f, api);
}

/*
 * The state follows the eight columns: disabled through 3.2.12's API (the
 * companions dropped) is "mixed", as is a box enabled through it after the
 * web UI disabled it; a panel without the companion columns is not.
 */
static void
test_mailbox_state_companions(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mailbox *m;
	struct errbuf eb;

	fake_reply_ok(&f, "[" USER("1", "a@example.com", "0", "y") "]");
	assert_int_equal(mbx_get(api, "a@example.com", &m, &eb), 0);
	assert_string_equal(mbx_state(m), "disabled");
	mailbox_free(m);
	fake_reply_ok(&f, "[{\"mailuser_id\":\"1\",\"email\":\"a@example.com\","
	    "\"disableimap\":\"y\",\"disablepop3\":\"y\",\"disablesmtp\":\"y\","
	    "\"disabledeliver\":\"y\",\"disablesieve\":\"n\","
	    "\"disablesieve-filter\":\"n\",\"disablelda\":\"n\","
	    "\"disablelmtp\":\"n\"}]");
	assert_int_equal(mbx_get(api, "a@example.com", &m, &eb), 0);
	assert_true(m->disabled);
	assert_false(m->disablesieve);
	assert_string_equal(mbx_state(m), "mixed");
	mailbox_free(m);
	fake_reply_ok(&f, "[{\"mailuser_id\":\"1\",\"email\":\"a@example.com\","
	    "\"disableimap\":\"n\",\"disablepop3\":\"n\",\"disablesmtp\":\"n\","
	    "\"disabledeliver\":\"n\",\"disablesieve\":\"n\","
	    "\"disablesieve-filter\":\"n\",\"disablelda\":\"y\","
	    "\"disablelmtp\":\"y\"}]");
	assert_int_equal(mbx_get(api, "a@example.com", &m, &eb), 0);
	assert_string_equal(mbx_state(m), "mixed");
	mailbox_free(m);
	fake_reply_ok(&f, "[{\"mailuser_id\":\"1\",\"email\":\"a@example.com\","
	    "\"disableimap\":\"n\",\"disablepop3\":\"y\",\"disablesmtp\":\"n\","
	    "\"disabledeliver\":\"n\",\"disablesieve\":\"n\","
	    "\"disablesieve-filter\":\"n\",\"disablelda\":\"n\","
	    "\"disablelmtp\":\"n\"}]");
	assert_int_equal(mbx_get(api, "a@example.com", &m, &eb), 0);
	assert_string_equal(mbx_state(m), "enabled");
	mailbox_free(m);
	fake_api_done(&f, api);
}

static void
test_mailbox_list(void **state)
{
	struct fake_http f;
	struct api *api = fake_api(&f);
	struct mailbox *v;
	struct errbuf eb;
	size_t n;

	fake_reply_ok(&f, "[" DOMAIN_COM "]");
	fake_reply_ok(&f, "[" USER("3", "zoe@example.com", "0", "n") ","
	    USER("1", "anne@example.com", "5", "n") ","
	    USER("9", "bob@sub.example.com", "0", "n") "]");
	assert_int_equal(mbx_list(api, "Example.com", 1, &v, &n, &eb), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].email, "anne@example.com");
	assert_string_equal(v[1].email, "zoe@example.com");
	assert_non_null(v[0].password_hash);
	assert_int_equal(strncmp(v[0].password_hash, "$6$rounds=5000$", 15),
	    0);
	assert_string_equal(f.bodies[2], "{\"session_id\":\"" FAKE_SESSION
	    "\",\"primary_id\":{\"email\":\"%@example.com\"}}");
	assert_int_equal(fake_count(&f, "client_get_by_groupid"), 0);
	mailboxes_free(v, n);

	fake_reply_ok(&f, "[" USER("1", "anne@example.com", "5", "n") "]");
	assert_int_equal(mbx_list(api, NULL, 0, &v, &n, &eb), 0);
	assert_int_equal(n, 1);
	assert_null(v[0].password_hash);
	assert_req_int(&f, 3, 0, "primary_id", -1);
	mailboxes_free(v, n);

	fake_reply_ok(&f, "[]");
	assert_int_equal(mbx_list(api, "unknown.org", 0, &v, &n, &eb),
	    ISPM_ENOTFOUND);
	assert_null(v);
	fake_api_done(&f, api);
}

static void
test_mailbox_password_policy(void **state)
{
	struct fake_http f;
	struct api *api;
	struct errbuf eb;
	int len = -1, strength = -1;

	api = fake_api(&f);
	fake_reply_ok(&f, "\"10\"");
	fake_reply_ok(&f, "\"4\"");
	assert_int_equal(mbx_password_policy(api, &len, &strength, &eb), 0);
	assert_int_equal(len, 10);
	assert_int_equal(strength, 4);
	assert_req_str(&f, 1, 0, "section", "misc");
	assert_req_str(&f, 1, 0, "key", "min_password_length");
	assert_req_str(&f, 2, 0, "key", "min_password_strength");

	/* Unset keys answer false; "" is the admin's "None". */
	fake_reply_ok(&f, "false");
	fake_reply_ok(&f, "\"\"");
	assert_int_equal(mbx_password_policy(api, &len, &strength, &eb), 0);
	assert_int_equal(len, 8);
	assert_int_equal(strength, 0);

	fake_reply_fault(&f, PERM_DENIED);
	assert_int_equal(mbx_password_policy(api, &len, &strength, &eb), 0);
	assert_int_equal(len, 8);
	assert_int_equal(strength, 3);
	assert_int_equal(f.nreq, 6);
	fake_api_done(&f, api);

	/* A refused login is not a missing permission. */
	fake_init(&f);
	api = fake_api(&f);
	fake_release(&f);
	fake_reply_fault(&f, "The login failed. Username or password wrong.");
	len = strength = -1;
	assert_int_equal(mbx_password_policy(api, &len, &strength, &eb),
	    ISPM_EPERM);
	assert_int_equal(len, -1);
	api_free(api);
	fake_release(&f);
}

static void
test_mailbox_parse_size(void **state)
{
	static const struct {
		const char		*in;
		int			 r;
		unsigned long long	 bytes;
	} cases[] = {
		{ "0", 0, 0 },
		{ "1024", 0, 1024 },
		{ "unlimited", 0, 0 },
		{ "UNLIMITED", 0, 0 },
		{ "1K", 0, 1024 },
		{ "500M", 0, 500ULL << 20 },
		{ "500m", 0, 500ULL << 20 },
		{ "500MB", 0, 500ULL << 20 },
		{ "500MiB", 0, 500ULL << 20 },
		{ "2G", 0, 2ULL << 30 },
		{ "3T", 0, 3ULL << 40 },
		{ "007", 0, 7 },
		{ "9223372036854775807", 0, 9223372036854775807ULL },
		{ "8388607T", 0, 8388607ULL << 40 },
		{ "9223372036854775808", ISPM_EDATA, 0 },
		{ "8388608T", ISPM_EDATA, 0 },
		{ "99999999999999999999999", ISPM_EDATA, 0 },
		{ "-1", ISPM_EDATA, 0 },
		{ "+1", ISPM_EDATA, 0 },
		{ "", ISPM_EDATA, 0 },
		{ "M", ISPM_EDATA, 0 },
		{ "1.5G", ISPM_EDATA, 0 },
		{ " 5", ISPM_EDATA, 0 },
		{ "5 M", ISPM_EDATA, 0 },
		{ "5P", ISPM_EDATA, 0 },
		{ "5MBB", ISPM_EDATA, 0 },
		{ "lots", ISPM_EDATA, 0 },
		{ "0x10", ISPM_EDATA, 0 },
	};
	unsigned long long b;
	struct errbuf eb;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = 12345;
		if (mbx_parse_size(cases[i].in, &b, &eb) != cases[i].r)
			fail_msg("'%s': got %s", cases[i].in, eb.msg);
		if (cases[i].r == 0 && b != cases[i].bytes)
			fail_msg("'%s': %llu", cases[i].in, b);
		if (cases[i].r != 0) {
			assert_int_equal(b, 12345);
			if (strstr(eb.msg, "'") == NULL)
				fail_msg("'%s': message does not quote the "
				    "value: %s", cases[i].in, eb.msg);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mailbox_domains_owner_by_group),
		cmocka_unit_test(test_mailbox_domains_owner_admin_group),
		cmocka_unit_test(test_mailbox_domains_owner_denied),
		cmocka_unit_test(test_mailbox_domains_owner_fallback),
		cmocka_unit_test(test_mailbox_domain_get_unknown),
		cmocka_unit_test(test_mailbox_create_fills_ui_fields),
		cmocka_unit_test(test_mailbox_create_server_config),
		cmocka_unit_test(test_mailbox_create_refusals),
		cmocka_unit_test(test_mailbox_set_password_sends_only_password),
		cmocka_unit_test(test_mailbox_updates_never_send_password),
		cmocka_unit_test(test_mailbox_update_unknown),
		cmocka_unit_test(test_mailbox_delete),
		cmocka_unit_test(test_mailbox_get_typed),
		cmocka_unit_test(test_mailbox_state_companions),
		cmocka_unit_test(test_mailbox_list),
		cmocka_unit_test(test_mailbox_password_policy),
		cmocka_unit_test(test_mailbox_parse_size),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
