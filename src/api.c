/*
 * ISPConfig remote JSON API client: session lifecycle, request building
 * and the decoding of answers and faults.
 *
 * The JSON endpoint sends every fault as code "remote_fault" with only the
 * SoapFault's message, so faults are recognised by their exact English
 * text (FACTS.md 1.3). Validation failures are untranslated language keys
 * joined by "<br />\r\n"; they are turned into sentences here so that no
 * caller has to know them.
 *
 * Secrets: the API password exists in our memory only during the login
 * (guarded secret, then a json-c string and the serialised body, both
 * overwritten right after the request); the session id lives in a guarded
 * secret. json-c and libcurl make copies we cannot reach: the serialiser
 * may grow its buffer with realloc() and TLS libraries buffer records.
 * Those copies remain in freed heap memory until reused; the man page
 * records this under SECURITY CONSIDERATIONS.
 */
#include "config.h"

#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <sodium.h>

#include "api.h"
#include "conf.h"
#include "http.h"
#include "json-util.h"
#include "text.h"
#include "xmalloc.h"

/* ISPConfig's session ids are 32 to 41 characters; the column holds 64. */
#define API_SESSION_MAX		64
#define API_TIMEOUT_MS		30000L
#define API_CONNECT_TIMEOUT_MS	10000L
/* Server text quoted in a message is cut here to keep one short line. */
#define API_EXCERPT_MAX		120

struct api {
	char			*url;
	char			*user;
	char			*host;
	api_password_cb		 password_cb;
	void			*password_arg;
	struct http_transport	*http;
	struct secret		*session;
	int			 logged_in;
	int			 nlogins;
	int			 verbose;
	volatile sig_atomic_t	*cancel;
	enum api_fault		 last_fault;
};

/*
 * A short excerpt of a non-JSON body for a message: for HTML the visible
 * text only, whitespace collapsed.
 */
static void
api_excerpt(char *dst, size_t dstlen, const char *body, size_t len,
    int html)
{
	char text[API_EXCERPT_MAX + 1];
	size_t i, o = 0;
	int intag = 0, space = 1;

	for (i = 0; i < len && o < sizeof(text) - 1; i++) {
		char c = body[i];

		if (html && c == '<') {
			intag = 1;
			continue;
		}
		if (html && intag) {
			if (c == '>') {
				intag = 0;
				c = ' ';
			} else
				continue;
		}
		if (c == '\0')
			c = '\x7f';	/* shown as '?', not the end */
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (space)
				continue;
			space = 1;
			c = ' ';
		} else
			space = 0;
		text[o++] = c;
	}
	while (o > 0 && text[o - 1] == ' ')
		o--;
	text_sanitize(dst, dstlen, text, o);
}

/*
 * Offset of the first byte that is not JSON white space, len when there
 * is none. A NUL byte is not white space: a body of NULs is not empty.
 */
static size_t
api_skip_space(const char *body, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r' &&
		    body[i] != '\n')
			break;
	return i;
}

/*
 * Times key is a member name of the top-level object of a JSON text (keys
 * compared as written, without unescaping). json-c, like PHP, keeps the
 * last of duplicated members, so an envelope with two "code" members
 * would be judged by whichever came last.
 */
static int
api_count_top_key(const char *body, size_t len, const char *key)
{
	size_t i, start = 0, klen = strlen(key);
	int depth = 0, instr = 0, iskey = 0, n = 0;
	char prev = '\0';

	for (i = 0; i < len; i++) {
		char c = body[i];

		if (instr) {
			if (c == '\\')
				i++;
			else if (c == '"') {
				instr = 0;
				if (iskey && i - start == klen &&
				    memcmp(body + start, key, klen) == 0)
					n++;
				prev = '"';
			}
			continue;
		}
		switch (c) {
		case '"':
			instr = 1;
			iskey = depth == 1 && (prev == '{' || prev == ',');
			start = i + 1;
			break;
		case '{':
		case '[':
			depth++;
			prev = c;
			break;
		case '}':
		case ']':
			depth--;
			prev = c;
			break;
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			break;
		default:
			prev = c;
		}
	}
	return n;
}

/* Describes a body that is not a JSON envelope (EPROTO). */
static int
api_bad_body(const char *method, long status, const char *body, size_t len,
    struct errbuf *eb)
{
	char excerpt[API_EXCERPT_MAX + 4];
	size_t at;
	char first;
	int html;

	if ((at = api_skip_space(body, len)) == len)
		return err_set(eb, ISPM_EPROTO,
		    "protocol error calling '%s': HTTP %ld with an empty body",
		    method, status);
	if ((first = body[at]) == '\0')
		return err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "HTTP %ld with a binary body (a NUL byte at offset %zu of "
		    "%zu)", method, status, at, len);
	html = first == '<';
	api_excerpt(excerpt, sizeof(excerpt), body, len, html);
	if (html)
		return err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "HTTP %ld with an HTML page%s%s%s", method, status,
		    excerpt[0] != '\0' ? " ('" : "", excerpt,
		    excerpt[0] != '\0' ? "')" : "");
	if (status >= 200 && status < 300 && (first == '{' || first == '['))
		return err_set(eb, ISPM_EPROTO,
		    "protocol error calling '%s': HTTP %ld with malformed JSON",
		    method, status);
	return err_set(eb, ISPM_EPROTO,
	    "protocol error calling '%s': HTTP %ld with a non-JSON body ('%s')",
	    method, status, excerpt);
}

/* The ISPConfig permission group that holds a function, for advice. */
static const char *
api_function_group(const char *method)
{
	static const struct {
		const char *prefix;
		const char *group;
	} groups[] = {
		{ "mail_user_filter_", "Mail user filter functions" },
		{ "mail_user_", "Mail user functions" },
		{ "mail_domain_", "Mail domain functions" },
		{ "mail_alias_", "Mail alias functions" },
		{ "mail_forward_", "Mail forward functions" },
		{ "mailquota_", "Quota functions" },
		{ "client_", "Client functions" },
		{ "server_", "Server functions" },
		{ "system_config_", "Server functions" },
		{ "get_function_list", "Server functions" },
	};
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (strncmp(method, groups[i].prefix,
		    strlen(groups[i].prefix)) == 0)
			return groups[i].group;
	return NULL;
}

/* Sentences for ISPConfig's validation keys (mail_user.tform.php). */
static const struct {
	const char	*key;
	const char	*text;
} api_keys[] = {
	{ "email_error_isemail", "ISPConfig refused the address" },
	{ "email_error_unique", "the address already exists on the panel" },
	{ "email_error_isascii",
	    "ISPConfig refused the password: the panel allows only ASCII" },
	{ "login_error_unique",
	    "the login name is already used by another mailbox" },
	{ "login_error_regex", "ISPConfig refused the login name: it must be "
	    "2 to 64 characters and start with a letter, digit or '_'" },
	{ "quota_error_isint",
	    "ISPConfig refused the quota: it is not a whole number" },
	{ "quota_error_value", "ISPConfig refused the quota: it must be a "
	    "number of bytes, 0 for unlimited" },
	{ "cc_error_isemail", "ISPConfig refused the copy-to address" },
	/* mail_alias.tform.php */
	{ "destination_error_isemail",
	    "ISPConfig refused the destination address" },
	{ "sender_cc_error_isemail",
	    "ISPConfig refused the sender copy address" },
	{ "autoresponder_start_date_is_no_date",
	    "ISPConfig refused the autoresponder start date" },
	{ "autoresponder_end_date_is_no_date",
	    "ISPConfig refused the autoresponder end date" },
	{ "autoresponder_end_date_isgreater",
	    "ISPConfig refused the autoresponder end date: it is before the "
	    "start" },
};

#define API_MAINTENANCE \
	"This ISPConfig installation is currently under maintenance."
#define API_WEAK_PREFIX \
	"The chosen password does not match the security guidelines."

/*
 * Finds ISPConfig's password-guidelines sentence in msg, which a CUSTOM
 * validator appends without a "<br />" separator. Sets *start and *end
 * (one past its final period); returns 0 when absent.
 */
static int
api_find_weak(const char *msg, const char **start, const char **end)
{
	const char *s, *p, *q;

	if ((s = strstr(msg, API_WEAK_PREFIX)) == NULL)
		return 0;
	p = s + strlen(API_WEAK_PREFIX);
	if ((q = strstr(p, "chars in length")) != NULL) {
		q += strlen("chars in length");
		if (*q == '.')
			p = q + 1;
		else if ((q = strstr(q, "\".")) != NULL)
			p = q + 2;
	}
	*start = s;
	*end = p;
	return 1;
}

/* 1 when s (n bytes) is a language key: [a-z][a-z0-9_]*. */
static int
api_is_key(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/*
 * Turns a data_processing_error message (keys separated by "<br />" and
 * white space, possibly with the password sentence in between) into
 * sentences. Returns 0 with *code set, or -1 when msg is something else.
 */
static int
api_validation(const char *msg, int *code, struct errbuf *eb)
{
	char out[ERRBUF_LEN], weak[ERRBUF_LEN], rest[ERRBUF_LEN];
	const char *ws = NULL, *we = NULL, *p, *e;
	size_t n, i, o = 0;
	int nkeys = 0, exists = 0;

	if (strlen(msg) >= sizeof(rest))
		return -1;
	weak[0] = '\0';
	if (api_find_weak(msg, &ws, &we)) {
		text_sanitize(weak, sizeof(weak), ws, (size_t)(we - ws));
		n = (size_t)(ws - msg);
		memcpy(rest, msg, n);
		snprintf(rest + n, sizeof(rest) - n, "<br />%s", we);
	} else
		snprintf(rest, sizeof(rest), "%s", msg);

	out[0] = '\0';
	for (p = rest; *p != '\0'; p = e) {
		p += strspn(p, " \t\r\n");
		if (strncmp(p, "<br />", 6) == 0) {
			e = p + 6;
			continue;
		}
		if (*p == '\0')
			break;
		if ((e = strstr(p, "<br />")) == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		while (n > 0 && strchr(" \t\r\n", p[n - 1]) != NULL)
			n--;
		if (!api_is_key(p, n))
			return -1;
		for (i = 0; i < sizeof(api_keys) / sizeof(api_keys[0]); i++)
			if (strlen(api_keys[i].key) == n &&
			    strncmp(api_keys[i].key, p, n) == 0)
				break;
		if (n > 13 && strncmp(p + n - 13, "_error_unique", 13) == 0)
			exists = 1;
		o += snprintf(out + o, o < sizeof(out) ? sizeof(out) - o : 0,
		    "%s%s (%.*s)", nkeys > 0 ? "; " : "",
		    i < sizeof(api_keys) / sizeof(api_keys[0]) ?
		    api_keys[i].text : "ISPConfig refused a value", (int)n, p);
		if (o >= sizeof(out))
			o = sizeof(out) - 1;
		nkeys++;
	}
	if (nkeys == 0 && weak[0] == '\0')
		return -1;
	if (exists)
		*code = ISPM_EEXIST;
	else if (weak[0] != '\0')
		*code = ISPM_EWEAK;
	else
		*code = ISPM_EDATA;
	if (weak[0] != '\0')
		err_set(eb, *code, "%s%sISPConfig refused the password: %s",
		    out, nkeys > 0 ? "; " : "", weak);
	else
		err_set(eb, *code, "%s", out);
	return 0;
}

/* Decodes the message of a remote_fault (FACTS.md 1.3). */
static int
api_remote_fault(const char *method, const char *user, const char *msg,
    enum api_fault *fault, struct errbuf *eb)
{
	char clean[API_EXCERPT_MAX + 4], dom[API_EXCERPT_MAX + 4];
	const char *group, *p, *q;
	int code;

	text_sanitize(clean, sizeof(clean), msg, strlen(msg));
	if (user == NULL)
		user = "?";

	if (strcmp(msg, "The login failed. Username or password wrong.") == 0) {
		*fault = API_FAULT_LOGIN;
		return err_set(eb, ISPM_EPERM, "login as '%s' refused: user "
		    "name or password wrong (ISPConfig locks this address out "
		    "for 5 minutes after 10 failures)", user);
	}
	if (strncmp(msg, "The login failed.", 17) == 0 ||
	    strncmp(msg, "The login is not allowed from", 29) == 0 ||
	    strcmp(msg, "The login username is empty.") == 0 ||
	    strcmp(msg, "The login password is empty.") == 0) {
		*fault = API_FAULT_LOGIN;
		return err_set(eb, ISPM_EPERM, "login as '%s' refused: %s",
		    user, clean);
	}
	if (strcmp(msg,
	    "You do not have the permissions to access this function.") == 0) {
		*fault = API_FAULT_PERMISSION;
		if ((group = api_function_group(method)) != NULL)
			return err_set(eb, ISPM_EPERM, "permission denied for "
			    "'%s': give the remote user '%s' the %s in "
			    "ISPConfig (System > Remote Users)", method, user,
			    group);
		return err_set(eb, ISPM_EPERM, "permission denied for '%s': "
		    "allow it for the remote user '%s' in ISPConfig (System > "
		    "Remote Users)", method, user);
	}
	if (strcmp(msg, "The Session is expired or does not exist.") == 0) {
		*fault = API_FAULT_SESSION;
		return err_set(eb, ISPM_EPERM,
		    "session refused calling '%s': %s", method, clean);
	}
	if (strcmp(msg, "Session IP mismatch.") == 0) {
		*fault = API_FAULT_PERMISSION;
		return err_set(eb, ISPM_EPERM, "session refused calling '%s': "
		    "it was opened from another address (a proxy or NAT "
		    "changes the source address between requests)", method);
	}
	if (strcmp(msg, "The login failure limit has been reached.") == 0 ||
	    strcmp(msg, "The Session failure limit has been reached.") == 0) {
		*fault = API_FAULT_LIMIT;
		return err_set(eb, ISPM_ETEMP, "ISPConfig refused '%s': %s "
		    "(too many failed logins or session checks from this "
		    "address); wait 5 minutes and check the API password "
		    "before trying again", method, clean);
	}
	if (strncmp(msg, API_MAINTENANCE, strlen(API_MAINTENANCE)) == 0) {
		*fault = API_FAULT_LIMIT;
		return err_set(eb, ISPM_ETEMP, "ISPConfig is under "
		    "maintenance: try '%s' again later", method);
	}
	if (strncmp(msg, "Mail domain - ", 14) == 0 &&
	    (q = strstr(msg + 14, " - does not exist as primary.")) != NULL) {
		*fault = API_FAULT_NOTFOUND;
		p = msg + 14;
		text_sanitize(dom, sizeof(dom), p, (size_t)(q - p));
		return err_set(eb, ISPM_ENOTFOUND, "mail domain '%s' does not "
		    "exist on this panel (or is an alias domain)", dom);
	}
	if (strncmp(msg, "Invalid client_id ", 18) == 0 ||
	    strncmp(msg, "There is no ", 12) == 0) {
		*fault = API_FAULT_NOTFOUND;
		return err_set(eb, ISPM_ENOTFOUND,
		    "ISPConfig answered '%s': %s", method, clean);
	}
	/* mail_alias_add and _update on the address of a mailbox. */
	if (strcmp(msg, "There is already a mailbox with this email "
	    "address.") == 0) {
		*fault = API_FAULT_VALIDATION;
		return err_set(eb, ISPM_EEXIST, "ISPConfig refused '%s': the "
		    "address is a mailbox's", method);
	}
	if (strcmp(msg, "The ID has to be > 0 or -1.") == 0) {
		*fault = API_FAULT_VALIDATION;
		return err_set(eb, ISPM_EDATA, "ISPConfig refused the id given "
		    "to '%s': %s", method, clean);
	}
	if (api_validation(msg, &code, eb) == 0) {
		*fault = API_FAULT_VALIDATION;
		return code;
	}
	*fault = API_FAULT_OTHER;
	return err_set(eb, ISPM_EPROTO, "ISPConfig failed on '%s': %s", method,
	    clean);
}

/* see api.h */
int
api_decode(const char *method, const char *user, long status,
    const char *body, size_t len, struct json_object **response,
    enum api_fault *fault, struct errbuf *eb)
{
	struct json_tokener *tok = NULL;
	struct json_object *root = NULL, *v;
	char clean[API_EXCERPT_MAX + 4], ccode[36], first;
	const char *code, *msg;
	size_t end;
	int r = ISPM_EPROTO;

	*response = NULL;
	*fault = API_FAULT_PROTOCOL;
	if (status < 200 || status > 299) {
		r = api_bad_body(method, status, body, len, eb);
		goto out;
	}
	first = (end = api_skip_space(body, len)) < len ? body[end] : '\0';
	if (first != '{') {
		r = api_bad_body(method, status, body, len, eb);
		goto out;
	}
	if ((tok = json_tokener_new()) == NULL) {
		r = err_set(eb, ISPM_EINTERNAL, "out of memory");
		goto out;
	}
	root = json_tokener_parse_ex(tok, body, (int)(len > 0x7fffffff ?
	    0x7fffffff : len));
	if (root == NULL) {
		if (json_tokener_get_error(tok) == json_tokener_continue)
			r = err_set(eb, ISPM_EPROTO, "protocol error calling "
			    "'%s': HTTP %ld with a truncated JSON body", method,
			    status);
		else
			r = api_bad_body(method, status, body, len, eb);
		goto out;
	}
	end = json_tokener_get_parse_end(tok);
	if (api_skip_space(body + end, len - end) != len - end ||
	    !json_object_is_type(root, json_type_object)) {
		r = api_bad_body(method, status, body, len, eb);
		goto out;
	}
	if (api_count_top_key(body, end, "code") > 1 ||
	    api_count_top_key(body, end, "response") > 1 ||
	    api_count_top_key(body, end, "message") > 1) {
		r = err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "HTTP %ld with an envelope that gives 'code', 'message' "
		    "or 'response' twice", method, status);
		goto out;
	}
	if ((code = ju_get_str(root, "code")) == NULL ||
	    !json_object_object_get_ex(root, "response", &v)) {
		r = err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "HTTP %ld with an unexpected JSON envelope", method,
		    status);
		goto out;
	}
	if ((msg = ju_get_str(root, "message")) == NULL)
		msg = "";
	if (strcmp(code, "ok") == 0) {
		*response = json_object_get(v);
		*fault = API_FAULT_NONE;
		r = 0;
	} else if (strcmp(code, "remote_fault") == 0)
		r = api_remote_fault(method, user, msg, fault, eb);
	else if (strcmp(code, "invalid_method") == 0) {
		*fault = API_FAULT_NOMETHOD;
		text_sanitize(clean, sizeof(clean), msg, strlen(msg));
		r = err_set(eb, ISPM_EPROTO, "protocol error calling '%s': the "
		    "panel does not offer this function (%s)", method, clean);
	} else {
		text_sanitize(ccode, sizeof(ccode), code, strlen(code));
		text_sanitize(clean, sizeof(clean), msg, strlen(msg));
		r = err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "ISPConfig answered %s: %s", method, ccode, clean);
	}
 out:
	json_object_put(root);
	if (tok != NULL)
		json_tokener_free(tok);
	return r;
}

static long
api_now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/*
 * POSTs req to method and decodes the answer. The serialised body is
 * overwritten once sent, whatever it contained.
 */
static int
api_post(struct api *api, const char *method, struct json_object *req,
    struct json_object **response, struct errbuf *eb)
{
	struct http_response resp;
	struct errbuf teb;
	const char *body;
	char *url;
	size_t len;
	long t0;
	int r;

	*response = NULL;
	memset(&resp, 0, sizeof(resp));
	url = xasprintf("%s?%s", api->url, method);
	body = json_object_to_json_string_length(req, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	t0 = api_now_ms();
	err_clear(&teb);
	r = api->http->post(api->http, url, body, len, &resp, &teb);
	/* json-c owns this buffer until the object is freed: wipe it now. */
	sodium_memzero((char *)body, len);
	if (api->verbose && resp.status != 0)
		fprintf(stderr, "ispmail: api: %s: HTTP %ld in %ld ms\n",
		    method, resp.status, api_now_ms() - t0);
	else if (api->verbose)
		fprintf(stderr, "ispmail: api: %s: no HTTP answer after %ld "
		    "ms\n", method, api_now_ms() - t0);
	if (r == ISPM_EPROTO) {
		api->last_fault = API_FAULT_PROTOCOL;
		r = err_set(eb, r, "protocol error calling '%s': HTTP %ld with "
		    "a %s", method, resp.status, teb.msg);
	} else if (r != 0) {
		api->last_fault = API_FAULT_TRANSPORT;
		err_set(eb, r, "%s", teb.msg);
	} else
		r = api_decode(method, api->user, resp.status, resp.body,
		    resp.len, response, &api->last_fault, eb);
	http_response_clear(&resp);
	free(url);
	return r;
}

/* Forgets the session without telling the server (it no longer knows it). */
static void
api_drop_session(struct api *api)
{
	secret_clear(api->session);
	api->logged_in = 0;
}

/* Logs in: asks for the password, keeps the session id in a secret. */
static int
api_login(struct api *api, struct errbuf *eb)
{
	struct json_object *req = NULL, *resp = NULL;
	struct secret *pw;
	const char *sid;
	size_t i, n;
	int r;

	pw = secret_new(SECRET_MAX);
	if (api->password_cb == NULL)
		r = err_set(eb, ISPM_ECONFIG, "no API password source for '%s'",
		    api->user);
	else
		r = api->password_cb(api->password_arg, pw, eb);
	if (r == 0 && pw->len == 0)
		r = err_set(eb, ISPM_ECONFIG, "the API password of '%s' is "
		    "empty", api->user);
	if (r != 0) {
		api->last_fault = API_FAULT_LOGIN;
		goto out;
	}
	req = json_object_new_object();
	json_object_object_add(req, "username",
	    json_object_new_string(api->user));
	json_object_object_add(req, "password",
	    json_object_new_string_len(pw->buf, (int)pw->len));
	/* json-c holds its own copy now: drop ours as early as possible. */
	secret_free(pw);
	pw = NULL;
	r = api_post(api, "login", req, &resp, eb);
	ju_wipe_member(req, "password");
	if (r != 0)
		goto out;
	if (resp == NULL || !json_object_is_type(resp, json_type_string) ||
	    (n = (size_t)json_object_get_string_len(resp)) == 0 ||
	    n > API_SESSION_MAX) {
		api->last_fault = API_FAULT_PROTOCOL;
		r = err_set(eb, ISPM_EPROTO, "protocol error calling 'login': "
		    "the answer is not a session id");
		goto out;
	}
	sid = json_object_get_string(resp);
	for (i = 0; i < n; i++)
		if (sid[i] <= 0x20 || sid[i] >= 0x7f)
			break;
	if (i < n) {
		api->last_fault = API_FAULT_PROTOCOL;
		r = err_set(eb, ISPM_EPROTO, "protocol error calling 'login': "
		    "the session id contains unexpected characters");
		goto out;
	}
	if ((r = secret_set(api->session, sid, n, eb)) != 0)
		goto out;
	api->logged_in = 1;
	api->nlogins++;
 out:
	ju_wipe_string(resp);
	json_object_put(resp);
	json_object_put(req);
	secret_free(pw);
	return r;
}

/* One call with the current session: params plus session_id. */
static int
api_call_once(struct api *api, const char *method,
    struct json_object *params, struct json_object **response,
    struct errbuf *eb)
{
	struct json_object *req;
	int r;

	req = json_object_new_object();
	json_object_object_add(req, "session_id",
	    json_object_new_string_len(api->session->buf,
	    (int)api->session->len));
	/* Share the caller's values (reference counts) instead of copying
	 * them, so that a password in params is not duplicated. */
	if (params != NULL) {
		json_object_object_foreach(params, key, val) {
			if (strcmp(key, "session_id") != 0)
				json_object_object_add(req, key,
				    json_object_get(val));
		}
	}
	r = api_post(api, method, req, response, eb);
	ju_wipe_member(req, "session_id");
	json_object_put(req);
	return r;
}

/* see api.h */
int
api_call(struct api *api, const char *method, struct json_object *params,
    struct json_object **response, struct errbuf *eb)
{
	int fresh = 0, r;

	*response = NULL;
	api->last_fault = API_FAULT_NONE;
	if (params != NULL && !json_object_is_type(params, json_type_object))
		return err_set(eb, ISPM_EINTERNAL, "parameters of '%s' are not "
		    "a JSON object", method);
	if (!api->logged_in) {
		if ((r = api_login(api, eb)) != 0)
			return r;
		fresh = 1;
	}
	r = api_call_once(api, method, params, response, eb);
	if (r == 0 || api->last_fault != API_FAULT_SESSION)
		return r;

	/*
	 * The session expired (30 minutes after login) or the panel forgot
	 * it. Log in again once and retry once: every refused session counts
	 * towards ISPConfig's lockout (10 in 5 minutes), so never loop, and
	 * never retry a session that was refused right after its login.
	 */
	api_drop_session(api);
	if (fresh)
		return err_set(eb, ISPM_EPERM, "ISPConfig refused the session "
		    "it had just opened when calling '%s'; not retrying, since "
		    "refused sessions lock this address out", method);
	if (api->verbose)
		fprintf(stderr, "ispmail: api: session expired, logging in "
		    "again\n");
	if ((r = api_login(api, eb)) != 0)
		return r;
	r = api_call_once(api, method, params, response, eb);
	if (r != 0 && api->last_fault == API_FAULT_SESSION) {
		api_drop_session(api);
		r = err_set(eb, ISPM_EPERM, "ISPConfig refused the new session "
		    "too when calling '%s'; not retrying, since refused "
		    "sessions lock this address out", method);
	}
	return r;
}

/* see api.h */
int
api_login_count(const struct api *api)
{
	return api->nlogins;
}

/* see api.h */
enum api_fault
api_last_fault(const struct api *api)
{
	return api->last_fault;
}

/*
 * Checks the url by the config's own rule (conf_url_check), so that a URL
 * is accepted or refused the same way in a file and in a program. Sets
 * *host (owned), which names the panel in messages, and *plain.
 */
static int
api_check_url(const char *url, char **host, int *plain, struct errbuf *eb)
{
	CURLU *u;
	const char *why;
	char *h = NULL;
	int r = ISPM_ECONFIG;

	*host = NULL;
	if (url == NULL || *url == '\0')
		return err_set(eb, r, "no url given for the panel");
	if ((why = conf_url_check(url, plain)) == conf_url_userinfo)
		return err_set(eb, r, "url %s", why);
	if (why != NULL)
		return err_set(eb, r, "url '%.200s' %s", url, why);
	if ((u = curl_url()) == NULL)
		return err_set(eb, ISPM_EINTERNAL, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    *h == '\0') {
		err_set(eb, r, "url '%.200s' is not a valid URL", url);
		goto out;
	}
	*host = xstrdup(h);
	r = 0;
 out:
	curl_free(h);
	curl_url_cleanup(u);
	return r;
}

/* Checks the options that do not depend on the transport. */
static int
api_check_opts(const struct api_opts *opts, char **host, int *plain,
    struct errbuf *eb)
{
	const char *why;
	int r;

	*host = NULL;
	if ((r = api_check_url(opts->url, host, plain, eb)) != 0)
		return r;
	if (opts->user == NULL || *opts->user == '\0')
		r = err_set(eb, ISPM_ECONFIG, "no remote user given for '%s'",
		    *host);
	else if (opts->ca_file != NULL &&
	    (why = conf_ca_check(opts->ca_file)) != NULL)
		r = err_set(eb, ISPM_ECONFIG, "ca_file '%s' %s", opts->ca_file,
		    why);
	else if (opts->pinned_pubkey != NULL &&
	    (why = conf_pin_check(opts->pinned_pubkey, 1)) != NULL)
		r = err_set(eb, ISPM_ECONFIG, "pinned_pubkey '%s' %s",
		    opts->pinned_pubkey, why);
	if (r != 0) {
		free(*host);
		*host = NULL;
	}
	return r;
}

/* Builds the client once the options are checked; owns t and host. */
static struct api *
api_alloc(const struct api_opts *opts, struct http_transport *t, char *host)
{
	struct api *api;

	api = xcalloc(1, sizeof(*api));
	api->url = xstrdup(opts->url);
	api->user = xstrdup(opts->user);
	api->host = host;
	api->password_cb = opts->password_cb;
	api->password_arg = opts->password_arg;
	api->http = t;
	api->session = secret_new(API_SESSION_MAX);
	api->verbose = opts->verbose;
	api->cancel = opts->cancel;
	return api;
}

/* see api.h */
int
api_new_transport(const struct api_opts *opts, struct http_transport *t,
    struct api **out, struct errbuf *eb)
{
	char *host;
	int plain, r;

	*out = NULL;
	if ((r = api_check_opts(opts, &host, &plain, eb)) != 0) {
		t->free(t);
		return r;
	}
	*out = api_alloc(opts, t, host);
	return 0;
}

/* see api.h */
int
api_new(const struct api_opts *opts, struct api **out, struct errbuf *eb)
{
	struct http_transport *t;
	struct http_opts ho;
	char *host;
	int plain, r;

	*out = NULL;
	if ((r = api_check_opts(opts, &host, &plain, eb)) != 0)
		return r;
	memset(&ho, 0, sizeof(ho));
	ho.host = host;
	ho.ca_file = opts->ca_file;
	ho.pinned_pubkey = opts->pinned_pubkey;
	ho.timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms :
	    API_TIMEOUT_MS;
	ho.connect_timeout_ms = opts->connect_timeout_ms > 0 ?
	    opts->connect_timeout_ms : API_CONNECT_TIMEOUT_MS;
	ho.plain_http = plain;
	ho.cancel = opts->cancel;
	if ((r = http_curl_new(&ho, &t, eb)) != 0) {
		free(host);
		return r;
	}
	*out = api_alloc(opts, t, host);
	return 0;
}

/* see api.h */
void
api_free(struct api *api)
{
	struct json_object *resp = NULL;
	struct errbuf eb;

	if (api == NULL)
		return;
	/*
	 * Log out so that the session cannot be reused, but not after an
	 * interrupt: the user wants out, and the session dies by itself 30
	 * minutes after login. A failed logout changes nothing for the user.
	 */
	if (api->logged_in && (api->cancel == NULL || *api->cancel == 0)) {
		api_call_once(api, "logout", NULL, &resp, &eb);
		json_object_put(resp);
	}
	api_drop_session(api);
	secret_free(api->session);
	if (api->http != NULL)
		api->http->free(api->http);
	free(api->url);
	free(api->user);
	free(api->host);
	free(api);
}
