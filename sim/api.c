/*
 * The remote API itself: ISPConfigJSONHandler's dispatcher, the session
 * and failure-limit logic of remoting.inc.php, and the functions of
 * remote.d that ispmail needs.  Each function follows the 3.2.12 code
 * paths recorded in FACTS.md and TRANSCRIPTS.md, quirks included (see
 * the comments), because a client has to survive those quirks on a real
 * panel.  The caller serialises calls, so nothing here locks.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define SESSION_ID_LEN	41
#define FAILURE_LIMIT	10

enum {
	R_OK,
	R_FAULT,
	R_HTML,		/* $app->error(): an HTML page, not JSON */
	R_HTTP500	/* an uncaught PHP TypeError */
};

struct session {
	char		 id[SESSION_ID_LEN + 1];
	char		*functions;	/* remote_functions snapshot */
	int		 client_login;
	char		*userid;	/* sys_user of a client login */
	char		*groups;
	time_t		 expires;
	char		 ip[64];
	struct session	*next;
};

struct failure {
	char		 ip[64];
	int		 times;
	time_t		 last;
	struct failure	*next;
};

struct call {
	struct sim		*sim;
	const char		*ip;
	struct json_object	*params;
	struct session		*sess;
	struct json_object	*out;
	char			*fault;
	const char		*html;
	int			 changed;
};

struct api_fn {
	const char	*name;
	int		(*fn)(struct call *);
};

static struct session	*sessions;
static struct failure	*failures;
static struct json_object *stats_calls;
static long long	 stat_requests, stat_logins, stat_login_failures,
			 stat_session_failures, stat_logouts;

time_t
sim_now(struct sim *sim)
{
	return time(NULL) + sim->clock_offset;
}

static int
fault(struct call *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fault(struct call *c, const char *fmt, ...)
{
	va_list ap;

	free(c->fault);
	va_start(ap, fmt);
	if (vasprintf(&c->fault, fmt, ap) < 0)
		sim_fatal("out of memory");
	va_end(ap);
	return R_FAULT;
}

/* $json[name] as the handler passes it: NULL when missing or null. */
static struct json_object *
param(struct call *c, const char *name)
{
	struct json_object *v;

	if (c->params == NULL ||
	    !json_object_object_get_ex(c->params, name, &v))
		return NULL;
	return v;
}

static int
php_is_array(struct json_object *o)
{
	return json_object_is_type(o, json_type_object) ||
	    json_object_is_type(o, json_type_array);
}

/* PHP's empty(). */
static int
php_empty(struct json_object *o)
{
	const char *s;

	switch (json_object_get_type(o)) {
	case json_type_null:
		return 1;
	case json_type_boolean:
		return !json_object_get_boolean(o);
	case json_type_int:
		return json_object_get_int64(o) == 0;
	case json_type_double:
		return json_object_get_double(o) == 0.0;
	case json_type_string:
		s = json_object_get_string(o);
		return *s == '\0' || strcmp(s, "0") == 0;
	case json_type_array:
		return json_object_array_length(o) == 0;
	case json_type_object:
		return json_object_object_length(o) == 0;
	}
	return 1;
}

/*
 * PHP's string conversion of a parameter; the caller frees the result.
 * Booleans become '' when 'store' is set, as db::escape() does.
 */
static char *
php_strval(struct json_object *o, int store)
{
	struct sbuf b = { 0 };
	char *s;

	switch (json_object_get_type(o)) {
	case json_type_null:
		return sim_xstrdup("");
	case json_type_boolean:
		return sim_xstrdup(!store && json_object_get_boolean(o) ?
		    "1" : "");
	case json_type_int:
		if (asprintf(&s, "%lld",
		    (long long)json_object_get_int64(o)) < 0)
			sim_fatal("out of memory");
		return s;
	case json_type_double:
		phpjson_encode(&b, o);
		/* PHP prints 2.0 as "2" in string context. */
		if (b.len > 2 && strcmp(b.p + b.len - 2, ".0") == 0)
			b.p[b.len - 2] = '\0';
		return b.p;
	case json_type_string:
		return sim_xstrdup(json_object_get_string(o));
	case json_type_array:
	case json_type_object:
		return sim_xstrdup(store ? "" : "Array");
	}
	return sim_xstrdup("");
}

/* PHP 8 is_numeric() on a string: whitespace, sign, decimal, exponent. */
static int
str_is_numeric(const char *s, double *d)
{
	const char *p = s;
	char *end;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\v' || *p == '\f')
		p++;
	if (*p == '\0' || (!isdigit((unsigned char)*p) && *p != '.' &&
	    *p != '+' && *p != '-'))
		return 0;
	if ((p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) ||
	    strpbrk(p, "nNiI") != NULL)
		return 0;	/* strtod accepts hex, inf and nan; PHP not */
	*d = strtod(p, &end);
	if (end == p)
		return 0;
	while (isspace((unsigned char)*end))
		end++;
	return *end == '\0';
}

static int
php_is_numeric(struct json_object *o, double *d)
{
	switch (json_object_get_type(o)) {
	case json_type_int:
		*d = (double)json_object_get_int64(o);
		return 1;
	case json_type_double:
		*d = json_object_get_double(o);
		return 1;
	case json_type_string:
		return str_is_numeric(json_object_get_string(o), d);
	default:
		return 0;
	}
}

/* $app->functions->intval(): leading integer, 0 otherwise. */
static long long
php_intval(struct json_object *o)
{
	char *s;
	long long v;

	if (o == NULL)
		return 0;
	if (json_object_is_type(o, json_type_double))
		return (long long)json_object_get_double(o);
	if (json_object_is_type(o, json_type_boolean))
		return json_object_get_boolean(o);
	s = php_strval(o, 0);
	v = strtoll(s, NULL, 10);
	free(s);
	return v;
}

/*
 * The remote_session and mail tables use MariaDB's utf8_general_ci with
 * PAD SPACE: comparisons ignore case and trailing spaces (transcript
 * cases 63, 114 and 115).
 */
static int
db_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	double da, db;

	if (str_is_numeric(a, &da) && str_is_numeric(b, &db))
		return da == db;
	while (la > 0 && a[la - 1] == ' ')
		la--;
	while (lb > 0 && b[lb - 1] == ' ')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

/* SQL LIKE: '%' any run, '_' one character, '\' escapes; no case. */
static int
db_like(const char *s, const char *p)
{
	for (; *p != '\0'; p++, s++) {
		if (*p == '%') {
			while (p[1] == '%')
				p++;
			if (p[1] == '\0')
				return 1;
			for (; *s != '\0'; s++)
				if (db_like(s, p + 1))
					return 1;
			return 0;
		}
		if (*s == '\0')
			return 0;
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '_')
			continue;
		if (tolower((unsigned char)*s) != tolower((unsigned char)*p))
			return 0;
	}
	return *s == '\0';
}

static int
list_has(const char *list, const char *item, const char *seps)
{
	char *copy, *tok, *save;
	int found = 0;

	if (list == NULL)
		return 0;
	copy = sim_xstrdup(list);
	for (tok = strtok_r(copy, seps, &save); tok != NULL && !found;
	    tok = strtok_r(NULL, seps, &save))
		found = strcmp(tok, item) == 0;
	free(copy);
	return found;
}

/*
 * getAuthSQL('r') for a client-login session: the row's group is one of
 * the user's groups, or the user owns it, or it is world readable.
 * Remote users are forced to admin and see everything.
 */
static int
row_visible(struct call *c, struct json_object *row)
{
	const char *g, *u, *perm;

	if (c->sess == NULL || !c->sess->client_login)
		return 1;
	g = row_str(row, "sys_groupid");
	perm = row_str(row, "sys_perm_group");
	if (g != NULL && perm != NULL && strchr(perm, 'r') != NULL &&
	    list_has(c->sess->groups, g, ","))
		return 1;
	u = row_str(row, "sys_userid");
	perm = row_str(row, "sys_perm_user");
	if (u != NULL && perm != NULL && strchr(perm, 'r') != NULL &&
	    strcmp(u, c->sess->userid) == 0)
		return 1;
	perm = row_str(row, "sys_perm_other");
	return perm != NULL && strchr(perm, 'r') != NULL;
}

static struct failure *
failure_get(struct call *c)
{
	struct failure *f;

	for (f = failures; f != NULL; f = f->next)
		if (strcmp(f->ip, c->ip) == 0)
			break;
	if (f != NULL && sim_now(c->sim) - f->last >= c->sim->failure_window)
		f->times = 0;
	return f;
}

static int
failure_locked(struct call *c)
{
	struct failure *f = failure_get(c);

	return f != NULL && f->times >= FAILURE_LIMIT;
}

/* attempts_login: times+1 inside the window, else a fresh count of 1. */
static void
failure_count(struct call *c)
{
	struct failure *f = failure_get(c);

	if (f == NULL) {
		f = sim_xcalloc(1, sizeof(*f));
		snprintf(f->ip, sizeof(f->ip), "%s", c->ip);
		f->next = failures;
		failures = f;
	}
	f->times++;
	f->last = sim_now(c->sim);
}

static void
failure_clear(const char *ip)
{
	struct failure *f, **fp;

	for (fp = &failures; (f = *fp) != NULL;) {
		if (ip == NULL || strcmp(f->ip, ip) == 0) {
			*fp = f->next;
			free(f);
		} else
			fp = &f->next;
	}
}

void
api_clear_failures(void)
{
	failure_clear(NULL);
}

static void
session_free(struct session *s)
{
	free(s->functions);
	free(s->userid);
	free(s->groups);
	explicit_bzero(s->id, sizeof(s->id));
	free(s);
}

/* DELETE FROM remote_session WHERE tstamp < UNIX_TIMESTAMP() */
static void
session_purge(struct sim *sim)
{
	struct session *s, **sp;

	for (sp = &sessions; (s = *sp) != NULL;) {
		if (s->expires < sim_now(sim)) {
			*sp = s->next;
			session_free(s);
		} else
			sp = &s->next;
	}
}

void
api_expire_sessions(const char *id)
{
	struct session *s;

	for (s = sessions; s != NULL; s = s->next)
		if (id == NULL || db_equal(s->id, id))
			s->expires = 0;
}

/*
 * remoting::getSession() followed by checkPerm(): the order of the
 * checks decides which message a client sees, and which failures count
 * towards the lockout (only a missing or expired session does).
 */
static int
require(struct call *c, const char *function)
{
	struct json_object *sid = param(c, "session_id");
	struct session *s;
	const char *id;

	if (php_empty(sid))
		return fault(c, "The SessionID is empty.");
	if (!json_object_is_type(sid, json_type_string))
		return fault(c, "Wrong SessionID datatype.");
	if (failure_locked(c))
		return fault(c, "The Session failure limit has been reached.");
	id = json_object_get_string(sid);
	for (s = sessions; s != NULL; s = s->next)
		if (db_equal(s->id, id) && s->expires >= sim_now(c->sim))
			break;
	if (s == NULL) {
		failure_count(c);
		stat_session_failures++;
		return fault(c, "The Session is expired or does not exist.");
	}
	if (strcmp(s->ip, c->ip) != 0)
		return fault(c, "Session IP mismatch.");
	c->sess = s;
	if (s->client_login)
		return R_OK;
	/* remote_functions: groups joined by ';', names by ','. */
	if (!list_has(s->functions, function, ";,"))
		return fault(c, "You do not have the permissions to access "
		    "this function.");
	return R_OK;
}

static void
session_new_id(char *id)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[21];
	int i;

	/* A letter first: 3.2.8+ avoids ids MySQL could read as numbers. */
	sim_random(rnd, sizeof(rnd));
	id[0] = (char)('a' + rnd[20] % 26);
	for (i = 0; i < 20; i++) {
		id[1 + 2 * i] = hex[rnd[i] >> 4];
		id[2 + 2 * i] = hex[rnd[i] & 0xf];
	}
	id[SESSION_ID_LEN] = '\0';
}

static int
session_start(struct call *c, const char *functions, int client_login,
    const char *userid, const char *groups)
{
	struct session *s;

	s = sim_xcalloc(1, sizeof(*s));
	session_new_id(s->id);
	s->functions = sim_xstrdup(functions != NULL ? functions : "");
	s->client_login = client_login;
	s->userid = sim_xstrdup(userid != NULL ? userid : "");
	s->groups = sim_xstrdup(groups != NULL ? groups : "");
	s->expires = sim_now(c->sim) + c->sim->session_ttl;
	snprintf(s->ip, sizeof(s->ip), "%s", c->ip);
	s->next = sessions;
	sessions = s;
	failure_clear(c->ip);
	stat_logins++;
	c->out = json_object_new_string(s->id);
	return R_OK;
}

static int
is_loopback(const char *ip)
{
	return strcmp(ip, "127.0.0.1") == 0 || strcmp(ip, "::1") == 0;
}

static int
fn_login(struct call *c)
{
	struct json_object *jpw = param(c, "password");
	struct json_object *u, *cl;
	const char *hash, *ips, *cid;
	char *user, *pw;
	int r;

	if (php_empty(param(c, "username")))
		return fault(c, "The login username is empty.");
	if (php_empty(jpw))
		return fault(c, "The login password is empty.");
	session_purge(c->sim);
	if (failure_locked(c))
		return fault(c, "The login failure limit has been reached.");
	user = php_strval(param(c, "username"), 0);
	pw = php_strval(jpw, 0);
	if (!php_empty(param(c, "client_login"))) {
		/* A wrong password of an existing user is not counted. */
		u = state_find(c->sim->db, "sys_user", "username", user);
		if (u == NULL) {
			failure_count(c);
			stat_login_failures++;
			r = fault(c, "The login failed. Username or password "
			    "wrong.");
		} else if (!crypt_verify(pw, row_str(u, "passwort"))) {
			stat_login_failures++;
			r = fault(c, "The login failed. Username or password "
			    "wrong.");
		} else if ((hash = row_str(u, "active")) == NULL ||
		    strcmp(hash, "1") != 0)
			r = fault(c, "The login failed. User is blocked.");
		else if ((cid = row_str(u, "client_id")) == NULL ||
		    (cl = state_find(c->sim->db, "client", "client_id",
		    cid)) == NULL || row_str(cl, "can_use_api") == NULL ||
		    strcmp(row_str(cl, "can_use_api"), "y") != 0)
			r = fault(c, "The login failed. Client may not use "
			    "api.");
		else
			r = session_start(c, NULL, 1, row_str(u, "userid"),
			    row_str(u, "groups"));
		goto out;
	}
	u = state_find(c->sim->db, "remote_user", "remote_username", user);
	if (u == NULL || !crypt_verify(pw, row_str(u, "remote_password")) ||
	    php_intval(json_object_object_get(u, "remote_userid")) <= 0) {
		failure_count(c);
		stat_login_failures++;
		r = fault(c, "The login failed. Username or password wrong.");
		goto out;
	}
	if (!is_loopback(c->ip)) {
		ips = row_str(u, "remote_ips");
		if (row_str(u, "remote_access") == NULL ||
		    strcmp(row_str(u, "remote_access"), "y") != 0 ||
		    (ips != NULL && *ips != '\0' &&
		    !list_has(ips, c->ip, ", "))) {
			r = fault(c, "The login is not allowed from %s", c->ip);
			goto out;
		}
	}
	r = session_start(c, row_str(u, "remote_functions"), 0, NULL, NULL);
 out:
	explicit_bzero(pw, strlen(pw));
	free(pw);
	free(user);
	return r;
}

/* logout deletes whatever matches and always answers true. */
static int
fn_logout(struct call *c)
{
	struct json_object *sid = param(c, "session_id");
	struct session *s, **sp;
	char *id;

	if (php_empty(sid))
		return fault(c, "The SessionID is empty.");
	id = php_strval(sid, 0);
	for (sp = &sessions; (s = *sp) != NULL;) {
		if (db_equal(s->id, id)) {
			*sp = s->next;
			session_free(s);
		} else
			sp = &s->next;
	}
	free(id);
	stat_logouts++;
	c->out = json_object_new_boolean(1);
	return R_OK;
}

/*
 * remoting_lib::getDataRecord(): a number > 0 is one row or null, -1 is
 * every row, a field filter is a list, anything else an empty list.
 */
static int
get_record(struct call *c, const char *table, const char *pk,
    struct json_object *id)
{
	struct json_object *t, *row, *list, *v;
	struct json_object *keys[64], *vals[64];
	const char *col, *cell;
	char *want;
	long long offset = 0, limit = 0, skipped = 0;
	size_t i, n, nconds = 0, npairs = 0, k;
	double d;
	int ok;

	t = state_table(c->sim->db, table);
	n = t != NULL ? json_object_array_length(t) : 0;
	if (id != NULL && php_is_numeric(id, &d)) {
		if (d == -1) {
			/* No getAuthSQL() here, even for client logins. */
			list = json_object_new_array();
			for (i = 0; i < n; i++)
				json_object_array_add(list, json_object_get(
				    json_object_array_get_idx(t, i)));
			c->out = list;
			return R_OK;
		}
		if (d <= 0)
			return fault(c, "The ID has to be > 0 or -1.");
		for (i = 0; i < n; i++) {
			row = json_object_array_get_idx(t, i);
			if ((cell = row_str(row, pk)) != NULL &&
			    strtod(cell, NULL) == d && row_visible(c, row)) {
				c->out = json_object_get(row);
				return R_OK;
			}
		}
		c->out = NULL;
		return R_OK;
	}
	list = json_object_new_array();
	c->out = list;
	if (id == NULL || !php_is_array(id))
		return R_OK;
	/*
	 * The SQL parameters are pushed for #OFFSET# and #LIMIT# too, but
	 * only real keys get placeholders: when the specials come first
	 * the placeholders are filled with them and the query fails,
	 * which the API reports as an empty list (transcript case 69).
	 */
	if (json_object_is_type(id, json_type_object)) {
		json_object_object_foreach(id, key, val) {
			if (npairs == sizeof(keys) / sizeof(keys[0]))
				return R_OK;
			keys[npairs] = json_object_new_string(key);
			vals[npairs++] = val;
			if (strcmp(key, "#OFFSET#") == 0)
				offset = php_intval(val);
			else if (strcmp(key, "#LIMIT#") == 0)
				limit = php_intval(val);
			else
				nconds++;
		}
	}
	ok = 1;
	for (k = 0; k < nconds && ok; k++) {
		col = json_object_get_string(keys[k]);
		if (php_is_array(vals[k]) || n == 0 ||
		    !json_object_object_get_ex(json_object_array_get_idx(t, 0),
		    col, NULL))
			ok = 0;
	}
	for (i = 0; i < n && ok; i++) {
		row = json_object_array_get_idx(t, i);
		for (k = 0; k < nconds; k++) {
			/* The operator is chosen by the k-th real key. */
			const char *opkey;
			int like = 0;
			size_t m, seen = 0;

			for (m = 0; m < npairs; m++) {
				opkey = json_object_get_string(keys[m]);
				if (strcmp(opkey, "#OFFSET#") == 0 ||
				    strcmp(opkey, "#LIMIT#") == 0)
					continue;
				if (seen++ == k) {
					want = php_strval(vals[m], 0);
					like = strchr(want, '%') != NULL;
					free(want);
					break;
				}
			}
			col = json_object_get_string(keys[k]);
			if (!json_object_object_get_ex(row, col, &v) ||
			    v == NULL)
				break;
			cell = json_object_get_string(v);
			want = php_strval(vals[k], 0);
			if (json_object_is_type(vals[k], json_type_null) ||
			    !(like ? db_like(cell, want) :
			    db_equal(cell, want))) {
				free(want);
				break;
			}
			free(want);
		}
		if (k < nconds || !row_visible(c, row))
			continue;
		if (limit > 0 && offset >= 0) {
			if (skipped++ < offset)
				continue;
			if ((long long)json_object_array_length(list) >= limit)
				break;
		}
		json_object_array_add(list, json_object_get(row));
	}
	for (k = 0; k < npairs; k++)
		json_object_put(keys[k]);
	return R_OK;
}

static int
fn_mail_user_get(struct call *c)
{
	int r;

	if ((r = require(c, "mail_user_get")) != R_OK)
		return r;
	return get_record(c, "mail_user", "mailuser_id",
	    param(c, "primary_id"));
}

static int
fn_mail_domain_get(struct call *c)
{
	int r;

	if ((r = require(c, "mail_domain_get")) != R_OK)
		return r;
	return get_record(c, "mail_domain", "domain_id",
	    param(c, "primary_id"));
}

static int
fn_client_get(struct call *c)
{
	int r;

	if ((r = require(c, "client_get")) != R_OK)
		return r;
	return get_record(c, "client", "client_id", param(c, "client_id"));
}

/* SELECT * FROM <table> WHERE <col> = ?, as a list. */
static struct json_object *
select_eq(struct call *c, const char *table, const char *col,
    const char *val)
{
	struct json_object *t, *list, *row;
	const char *cell;
	size_t i, n;

	list = json_object_new_array();
	if ((t = state_table(c->sim->db, table)) == NULL)
		return list;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(t, i);
		if ((cell = row_str(row, col)) != NULL && db_equal(cell, val))
			json_object_array_add(list, json_object_get(row));
	}
	return list;
}

static int
fn_mail_domain_get_by_domain(struct call *c)
{
	char *domain;
	int r;

	if ((r = require(c, "mail_domain_get_by_domain")) != R_OK)
		return r;
	if (php_empty(param(c, "domain"))) {
		c->out = json_object_new_boolean(0);
		return R_OK;
	}
	domain = php_strval(param(c, "domain"), 0);
	c->out = select_eq(c, "mail_domain", "domain", domain);
	free(domain);
	return R_OK;
}

/*
 * SELECT u.* FROM mail_user u LEFT JOIN sys_group g ON
 * u.sys_groupid = g.groupid WHERE g.client_id = ?, with no ownership
 * check even for client logins (transcript case 141).
 */
static int
fn_mail_user_get_all_by_client(struct call *c)
{
	struct json_object *groups, *t, *row, *list, *g;
	const char *gid;
	char *cid;
	size_t i, j, n, ng;
	int r;

	if ((r = require(c, "mail_user_get_all_by_client")) != R_OK)
		return r;
	list = json_object_new_array();
	c->out = list;
	if (param(c, "client_id") == NULL ||
	    php_is_array(param(c, "client_id")))
		return R_OK;
	if (asprintf(&cid, "%lld", php_intval(param(c, "client_id"))) < 0)
		sim_fatal("out of memory");
	groups = select_eq(c, "sys_group", "client_id", cid);
	free(cid);
	ng = json_object_array_length(groups);
	if ((t = state_table(c->sim->db, "mail_user")) != NULL) {
		n = json_object_array_length(t);
		for (i = 0; i < n; i++) {
			row = json_object_array_get_idx(t, i);
			if ((gid = row_str(row, "sys_groupid")) == NULL)
				continue;
			for (j = 0; j < ng; j++) {
				g = json_object_array_get_idx(groups, j);
				if (row_str(g, "groupid") != NULL &&
				    strcmp(row_str(g, "groupid"), gid) == 0) {
					json_object_array_add(list,
					    json_object_get(row));
					break;
				}
			}
		}
	}
	json_object_put(groups);
	return R_OK;
}

static int
fn_client_get_id(struct call *c)
{
	struct json_object *u;
	char *uid;
	int r;

	if ((r = require(c, "client_get_id")) != R_OK)
		return r;
	if (asprintf(&uid, "%lld", php_intval(param(c, "sys_userid"))) < 0)
		sim_fatal("out of memory");
	u = state_find(c->sim->db, "sys_user", "userid", uid);
	free(uid);
	if (u == NULL || row_str(u, "client_id") == NULL)
		return fault(c, "There is no sys_user account with this "
		    "userid.");
	c->out = json_object_new_int64(strtoll(row_str(u, "client_id"),
	    NULL, 10));
	return R_OK;
}

static int
fn_client_get_by_username(struct call *c)
{
	struct json_object *list;
	char *name;
	int r;

	if ((r = require(c, "client_get_by_username")) != R_OK)
		return r;
	name = php_strval(param(c, "username"), 0);
	list = select_eq(c, "sys_user", "username", name);
	free(name);
	if (json_object_array_length(list) == 0) {
		json_object_put(list);
		return fault(c, "There is no user account for this user "
		    "name.");
	}
	c->out = json_object_get(json_object_array_get_idx(list, 0));
	json_object_put(list);
	return R_OK;
}

/*
 * client_get_by_groupid: the permission checked is client_get_id's, then
 * the function calls client_get for the group's client, which checks its
 * own permission and refuses client 0 (the admin group) as an invalid id.
 */
static int
fn_client_get_by_groupid(struct call *c)
{
	struct json_object *g, *id;
	char *gid;
	int r;

	if ((r = require(c, "client_get_id")) != R_OK)
		return r;
	if (asprintf(&gid, "%lld", php_intval(param(c, "group_id"))) < 0)
		sim_fatal("out of memory");
	g = state_find(c->sim->db, "sys_group", "groupid", gid);
	free(gid);
	if (g == NULL || row_str(g, "client_id") == NULL)
		return fault(c, "There is no client for this group ID.");
	if ((r = require(c, "client_get")) != R_OK)
		return r;
	id = json_object_new_int64(strtoll(row_str(g, "client_id"), NULL, 10));
	r = get_record(c, "client", "client_id", id);
	json_object_put(id);
	return r;
}

static const char *
server_config(struct call *c, const char *server_id)
{
	struct json_object *row;

	row = state_find(c->sim->db, "server", "server_id", server_id);
	return row != NULL ? row_str(row, "config") : NULL;
}

/* getconf->get_server_config(): a section, or all of them when ''. */
static struct json_object *
server_section(struct call *c, const char *server_id, const char *section)
{
	const char *cfg = server_config(c, server_id);

	if (*section == '\0')
		return ini_all(cfg != NULL ? cfg : "");
	return cfg != NULL ? ini_section(cfg, section) : NULL;
}

static int
fn_server_get(struct call *c)
{
	struct json_object *t, *map;
	const char *id;
	char *section, *sid;
	size_t i, n;
	int r;

	if ((r = require(c, "server_get")) != R_OK)
		return r;
	section = php_strval(param(c, "section"), 0);
	if (!php_empty(param(c, "server_id"))) {
		if (asprintf(&sid, "%lld",
		    php_intval(param(c, "server_id"))) < 0)
			sim_fatal("out of memory");
		c->out = server_section(c, sid, section);
		free(sid);
		free(section);
		return R_OK;
	}
	map = json_object_new_object();
	if ((t = state_table(c->sim->db, "server")) != NULL) {
		n = json_object_array_length(t);
		for (i = 0; i < n; i++) {
			id = row_str(json_object_array_get_idx(t, i),
			    "server_id");
			if (id != NULL)
				json_object_object_add(map, id,
				    server_section(c, id, section));
		}
	}
	free(section);
	c->out = map;
	return R_OK;
}

static int
cmp_server_name(const void *a, const void *b)
{
	const char *x = row_str(*(struct json_object *const *)a,
	    "server_name");
	const char *y = row_str(*(struct json_object *const *)b,
	    "server_name");

	return strcasecmp(x != NULL ? x : "", y != NULL ? y : "");
}

/* SELECT server_id, server_name FROM server ORDER BY server_name */
static int
fn_server_get_all(struct call *c)
{
	struct json_object *t, *list, *row, *o;
	size_t i, n;
	int r;

	if ((r = require(c, "server_get")) != R_OK)
		return r;
	list = json_object_new_array();
	if ((t = state_table(c->sim->db, "server")) != NULL) {
		n = json_object_array_length(t);
		for (i = 0; i < n; i++) {
			row = json_object_array_get_idx(t, i);
			o = json_object_new_object();
			json_object_object_add(o, "server_id",
			    json_object_get(json_object_object_get(row,
			    "server_id")));
			json_object_object_add(o, "server_name",
			    json_object_get(json_object_object_get(row,
			    "server_name")));
			json_object_array_add(list, o);
		}
		json_object_array_sort(list, cmp_server_name);
	}
	c->out = list;
	return R_OK;
}

static int
fn_system_config_get(struct call *c)
{
	struct json_object *t, *sect, *v;
	const char *cfg = NULL;
	char *section, *key;
	int r;

	if ((r = require(c, "system_config_get")) != R_OK)
		return r;
	if (php_empty(param(c, "section"))) {
		c->out = json_object_new_boolean(0);
		return R_OK;
	}
	t = state_table(c->sim->db, "sys_ini");
	if (t != NULL && json_object_array_length(t) > 0)
		cfg = row_str(json_object_array_get_idx(t, 0), "config");
	section = php_strval(param(c, "section"), 0);
	sect = ini_section(cfg != NULL ? cfg : "", section);
	free(section);
	if (php_empty(param(c, "key"))) {
		c->out = sect;
		return R_OK;
	}
	key = php_strval(param(c, "key"), 0);
	if (sect != NULL && json_object_object_get_ex(sect, key, &v))
		c->out = json_object_get(v);
	else
		c->out = json_object_new_boolean(0);
	free(key);
	json_object_put(sect);
	return R_OK;
}

enum ftype { F_TEXT, F_INT, F_CHECKBOX, F_DATE, F_NULLTEXT };

/*
 * The mail_user form (mail_user.tform.php) in field order, which is
 * also the order of the validation messages: the only columns
 * mail_user_add and mail_user_update write. The web UI's companions of the disable boxes
 * (disablesieve, disablesieve-filter, disablelda, disablelmtp) are set by
 * mail_user_edit.php with its own SQL after the form, not through the form,
 * so the remote API drops them like any other unknown key.
 */
static const struct form_field {
	const char	*name;
	enum ftype	 type;
	int		 lower;		/* IDNTOASCII + TOLOWER */
	int		 strip;		/* STRIPTAGS + STRIPNL */
} mail_user_form[] = {
	{ "server_id", F_INT, 0, 0 },
	{ "email", F_TEXT, 1, 0 },
	{ "login", F_TEXT, 1, 0 },
	{ "password", F_TEXT, 0, 0 },
	{ "name", F_TEXT, 0, 1 },
	{ "quota", F_TEXT, 0, 0 },
	{ "cc", F_TEXT, 1, 0 },
	{ "forward_in_lda", F_CHECKBOX, 0, 0 },
	{ "sender_cc", F_TEXT, 1, 0 },
	{ "imap_prefix", F_TEXT, 0, 1 },
	{ "maildir", F_TEXT, 0, 1 },
	{ "homedir", F_TEXT, 0, 1 },
	{ "maildir_format", F_TEXT, 0, 1 },
	{ "uid", F_INT, 0, 0 },
	{ "gid", F_INT, 0, 0 },
	{ "postfix", F_CHECKBOX, 0, 0 },
	{ "greylisting", F_CHECKBOX, 0, 0 },
	{ "disablesmtp", F_CHECKBOX, 0, 0 },
	{ "disabledeliver", F_CHECKBOX, 0, 0 },
	{ "disableimap", F_CHECKBOX, 0, 0 },
	{ "disablepop3", F_CHECKBOX, 0, 0 },
	{ "autoresponder_subject", F_TEXT, 0, 0 },
	{ "autoresponder_text", F_TEXT, 0, 0 },
	{ "autoresponder", F_CHECKBOX, 0, 0 },
	{ "autoresponder_start_date", F_DATE, 0, 0 },
	{ "autoresponder_end_date", F_DATE, 0, 0 },
	{ "move_junk", F_TEXT, 0, 0 },
	{ "purge_trash_days", F_INT, 0, 0 },
	{ "purge_junk_days", F_INT, 0, 0 },
	{ "custom_mailfilter", F_NULLTEXT, 0, 0 },
	{ "backup_interval", F_TEXT, 0, 0 },
	{ "backup_copies", F_INT, 0, 0 },
};

static void
strip_tags_nl(char *s)
{
	char *r, *w;
	int intag = 0;

	for (r = w = s; *r != '\0'; r++) {
		if (*r == '<')
			intag = 1;
		else if (*r == '>' && intag)
			intag = 0;
		else if (!intag && *r != '\n' && *r != '\r')
			*w++ = *r;
	}
	*w = '\0';
}

/* Is there another mail_user row with this value (UNIQUE)? */
static int
mail_user_taken(struct call *c, const char *col, const char *val,
    const char *self)
{
	struct json_object *t, *row;
	const char *cell, *id;
	size_t i, n;

	if ((t = state_table(c->sim->db, "mail_user")) == NULL)
		return 0;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(t, i);
		id = row_str(row, "mailuser_id");
		if (self != NULL && id != NULL && strcmp(id, self) == 0)
			continue;
		if ((cell = row_str(row, col)) != NULL && db_equal(cell, val))
			return 1;
	}
	return 0;
}

static int
pw_crypted_flag(struct json_object *rec)
{
	struct json_object *v;
	double d;

	if (!json_object_object_get_ex(rec, "_ispconfig_pw_crypted", &v))
		return 0;
	if (json_object_is_type(v, json_type_boolean))
		return json_object_get_boolean(v);
	return php_is_numeric(v, &d) && d == 1;
}

/*
 * tform _encode + validateField + getSQL for mail_user: filter and
 * validate every form field of 'rec' and write it into 'row'.  Returns
 * R_FAULT with the concatenated messages when a validator fails.
 */
static int
mail_user_encode(struct call *c, struct json_object *rec,
    struct json_object *row, const char *self, int insert)
{
	const struct form_field *f;
	struct json_object *v;
	struct sbuf errs = { 0 };
	char *val, *msg, *hash;
	size_t i;
	int present;

	for (i = 0; i < sizeof(mail_user_form) / sizeof(mail_user_form[0]);
	    i++) {
		f = &mail_user_form[i];
		present = json_object_object_get_ex(rec, f->name, &v) &&
		    v != NULL;
		val = present ? php_strval(v, 0) : sim_xstrdup("");
		if (f->lower)
			str_lower(val);
		if (f->strip)
			strip_tags_nl(val);
		if (strcmp(f->name, "email") == 0) {
			if (!check_isemail(val))
				sbuf_adds(&errs, "email_error_isemail<br />\r\n");
			if (mail_user_taken(c, "email", val, self))
				sbuf_adds(&errs, "email_error_unique<br />\r\n");
		} else if (strcmp(f->name, "login") == 0) {
			if (mail_user_taken(c, "login", val, self))
				sbuf_adds(&errs, "login_error_unique<br />\r\n");
			if (!check_login(val))
				sbuf_adds(&errs, "login_error_regex<br />\r\n");
		} else if (strcmp(f->name, "password") == 0) {
			/* A CUSTOM validator: its text, no <br />. */
			if ((msg = pw_policy_error(val, c->sim->db)) != NULL) {
				sbuf_adds(&errs, msg);
				free(msg);
			}
		} else if (strcmp(f->name, "quota") == 0) {
			if (!check_isint(val))
				sbuf_adds(&errs, "quota_error_isint<br />\r\n");
			if (!check_quota_regex(val))
				sbuf_adds(&errs, "quota_error_value<br />\r\n");
		} else if (strcmp(f->name, "cc") == 0) {
			if (!check_cc(val))
				sbuf_adds(&errs, "cc_error_isemail<br />\r\n");
		} else if (strcmp(f->name, "sender_cc") == 0) {
			if (*val != '\0' && !check_isemail(val))
				sbuf_adds(&errs,
				    "sender_cc_error_isemail<br />\r\n");
		} else if (f->type == F_DATE && !check_datetime(val)) {
			sbuf_addf(&errs, "%s_is_no_date<br />\r\n", f->name);
		}
		if (errs.len > 0) {
			free(val);
			continue;
		}
		if (strcmp(f->name, "password") == 0) {
			/* An empty password is not written on update. */
			if (*val != '\0') {
				hash = pw_crypted_flag(rec) ? sim_xstrdup(val) :
				    crypt_mail(val);
				row_set(row, "password", hash);
				free(hash);
			} else if (insert)
				row_set(row, "password", "");
			explicit_bzero(val, strlen(val));
		} else if (f->type == F_INT) {
			free(val);
			if (asprintf(&val, "%lld", present ?
			    php_intval(v) : 0LL) < 0)
				sim_fatal("out of memory");
			row_set(row, f->name, val);
		} else if (f->type == F_CHECKBOX) {
			/* db::escape() turns booleans into '': unchecked. */
			if (present && json_object_is_type(v,
			    json_type_boolean))
				*val = '\0';
			row_set(row, f->name, *val == '\0' ? "n" : val);
		} else if (f->type == F_DATE) {
			if (*val == '\0')
				row_set_null(row, f->name);
			else
				row_set(row, f->name, val);
		} else if (f->type == F_NULLTEXT) {
			if (present)
				row_set(row, f->name, val);
		} else
			row_set(row, f->name, val);
		free(val);
	}
	if (errs.len > 0) {
		free(c->fault);
		c->fault = errs.p;
		return R_FAULT;
	}
	return R_OK;
}

/*
 * The domain of an address must be a primary mail domain (not an alias
 * domain).  explode('@') with no '@' yields no domain and passes, and
 * the PHP comparison after the case-insensitive query is exact.
 */
static int
check_mail_domain(struct call *c, const char *email)
{
	struct json_object *t, *row, *fw;
	const char *at, *cell, *src, *type;
	size_t i, n, j, m;
	char *domain, *end;
	int found = 0;

	if ((at = strchr(email, '@')) == NULL)
		return R_OK;
	domain = sim_xstrdup(at + 1);
	if ((end = strchr(domain, '@')) != NULL)
		*end = '\0';
	if (*domain == '\0') {
		free(domain);
		return R_OK;
	}
	t = state_table(c->sim->db, "mail_domain");
	fw = state_table(c->sim->db, "mail_forwarding");
	n = t != NULL ? json_object_array_length(t) : 0;
	for (i = 0; i < n && !found; i++) {
		row = json_object_array_get_idx(t, i);
		if ((cell = row_str(row, "domain")) == NULL ||
		    !db_equal(cell, domain))
			continue;
		found = strcmp(cell, domain) == 0;
		m = fw != NULL ? json_object_array_length(fw) : 0;
		for (j = 0; j < m && found; j++) {
			src = row_str(json_object_array_get_idx(fw, j),
			    "source");
			type = row_str(json_object_array_get_idx(fw, j),
			    "type");
			if (src != NULL && type != NULL &&
			    strcmp(type, "aliasdomain") == 0 &&
			    *src != '\0' && db_equal(src + 1, domain))
				found = 0;
		}
		break;
	}
	if (!found)
		fault(c, "Mail domain - %s - does not exist as primary.",
		    domain);
	free(domain);
	return found ? R_OK : R_FAULT;
}

/* loadUserProfile(): 0 is the admin, others need a sys_user row. */
static int
client_profile(struct call *c, long long client_id, const char **userid,
    const char **groupid)
{
	struct json_object *u;
	char buf[32];

	if (client_id == 0) {
		*userid = "1";
		*groupid = "1";
		return R_OK;
	}
	snprintf(buf, sizeof(buf), "%lld", client_id);
	u = state_find(c->sim->db, "sys_user", "client_id", buf);
	if (u == NULL || row_str(u, "userid") == NULL ||
	    row_str(u, "default_group") == NULL)
		return fault(c, "Invalid client_id %lld", client_id);
	*userid = row_str(u, "userid");
	*groupid = row_str(u, "default_group");
	return R_OK;
}

/* A non-array 'params' makes PHP 8 throw a TypeError: HTTP 500. */
static struct json_object *
params_object(struct call *c, int *bad)
{
	struct json_object *p = param(c, "params");

	*bad = 0;
	if (p == NULL || json_object_is_type(p, json_type_array))
		return json_object_new_object();
	if (!json_object_is_type(p, json_type_object)) {
		*bad = 1;
		return NULL;
	}
	return json_object_get(p);
}

static int
fn_mail_user_add(struct call *c)
{
	struct json_object *p, *v, *row;
	const char *uid, *gid;
	char *email = NULL, idbuf[32];
	long long id;
	int r, bad;

	if ((r = require(c, "mail_user_add")) != R_OK)
		return r;
	if ((p = params_object(c, &bad)) == NULL)
		return R_HTTP500;
	if (json_object_object_get_ex(p, "email", &v) && v != NULL) {
		email = php_strval(v, 0);
		str_lower(email);
		json_object_object_add(p, "email",
		    json_object_new_string(email));
		if ((r = check_mail_domain(c, email)) != R_OK)
			goto out;
	}
	/* The mail plugin replaces these on the server later. */
	if (!json_object_object_get_ex(p, "uid", &v) || v == NULL)
		json_object_object_add(p, "uid", json_object_new_int(-1));
	if (!json_object_object_get_ex(p, "gid", &v) || v == NULL)
		json_object_object_add(p, "gid", json_object_new_int(-1));
	if (!json_object_object_get_ex(p, "maildir_format", &v) || v == NULL)
		json_object_object_add(p, "maildir_format",
		    json_object_new_string("maildir"));
	if ((r = client_profile(c, php_intval(param(c, "client_id")), &uid,
	    &gid)) != R_OK)
		goto out;
	row = mail_user_blank_row();
	if ((r = mail_user_encode(c, p, row, NULL, 1)) != R_OK) {
		json_object_put(row);
		goto out;
	}
	id = state_next_id(c->sim->db, "mail_user", "mailuser_id");
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	row_set(row, "mailuser_id", idbuf);
	row_set(row, "sys_userid", uid);
	row_set(row, "sys_groupid", gid);
	if (state_table(c->sim->db, "mail_user") == NULL)
		json_object_object_add(c->sim->db, "mail_user",
		    json_object_new_array());
	json_object_array_add(state_table(c->sim->db, "mail_user"), row);
	c->changed = 1;
	/* LAST_INSERT_ID() comes back from mysqli as a string. */
	c->out = json_object_new_string(idbuf);
	r = R_OK;
 out:
	free(email);
	json_object_put(p);
	return r;
}

static struct json_object *
mail_user_by_id(struct call *c, double id)
{
	struct json_object *t, *row;
	const char *cell;
	size_t i, n;

	if ((t = state_table(c->sim->db, "mail_user")) == NULL)
		return NULL;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(t, i);
		if ((cell = row_str(row, "mailuser_id")) != NULL &&
		    strtod(cell, NULL) == id && row_visible(c, row))
			return row;
	}
	return NULL;
}

/*
 * An encoder of updateQuery(): rec, the old record merged with the
 * params, validated and written into row; self is the record's own id
 * for the unique checks.
 */
typedef int (*update_encoder)(struct call *c, const void *form,
    struct json_object *rec, struct json_object *row, const char *self);

/* updateQuery()'s primary_id: a number (*numeric) > 0 or -1, or not a
 * number at all, which MariaDB then answers. */
static int
update_primary_id(struct call *c, double *d, int *numeric)
{
	struct json_object *pid = param(c, "primary_id");

	if (pid == NULL) {
		c->html = "Primary ID fehlt!";
		return R_HTML;
	}
	*numeric = php_is_numeric(pid, d);
	if (*numeric && *d != -1 && *d <= 0)
		return fault(c, "The ID has to be > 0 or -1.");
	return R_OK;
}

/*
 * updateQuery() once the record is looked up: array_merge(old record, p)
 * (old NULL: p alone), without old's keep_unless_given column unless p
 * gives a non-empty one, so that it is neither revalidated nor rewritten;
 * encoded into a copy of old, or into blank (taken; NULL: an empty row),
 * owned by client_id's profile when client_id > 0; old is changed in
 * place only when a column differs, the answer counting the rows changed
 * as mysqli_affected_rows() does.
 */
static int
update_record(struct call *c, struct json_object *old, struct json_object *p,
    const char *keep_unless_given, struct json_object *blank,
    update_encoder encode, const void *form, double d, int numeric,
    long long client_id, const char *uid, const char *gid)
{
	struct json_object *rec, *row, *v;
	char self[32];
	int r;

	rec = old != NULL ? json_tokener_parse(json_object_to_json_string(
	    old)) : json_object_new_object();
	if (keep_unless_given != NULL &&
	    (!json_object_object_get_ex(p, keep_unless_given, &v) ||
	    php_empty(v) || (json_object_is_type(v, json_type_string) &&
	    *json_object_get_string(v) == '\0')))
		json_object_object_del(rec, keep_unless_given);
	json_object_object_foreach(p, key, val)
		json_object_object_add(rec, key, json_object_get(val));
	if (old != NULL) {
		json_object_put(blank);
		row = json_tokener_parse(json_object_to_json_string(old));
	} else
		row = blank != NULL ? blank : json_object_new_object();
	snprintf(self, sizeof(self), "%.0f", d);
	r = encode(c, form, rec, row, numeric ? self : NULL);
	json_object_put(rec);
	if (r != R_OK) {
		json_object_put(row);
		return r;
	}
	if (client_id > 0) {
		row_set(row, "sys_userid", uid);
		row_set(row, "sys_groupid", gid);
	}
	if (old != NULL && strcmp(json_object_to_json_string(old),
	    json_object_to_json_string(row)) != 0) {
		json_object_object_foreach(row, k2, v2)
			json_object_object_add(old, k2, json_object_get(v2));
		c->changed = 1;
		c->out = json_object_new_int(1);
	} else
		c->out = json_object_new_int(0);
	json_object_put(row);
	return R_OK;
}

static int
mail_user_encode_update(struct call *c, const void *form,
    struct json_object *rec, struct json_object *row, const char *self)
{
	(void)form;
	return mail_user_encode(c, rec, row, self, 0);
}

static int
fn_mail_user_update(struct call *c)
{
	struct json_object *p, *v, *old = NULL;
	const char *uid = NULL, *gid = NULL;
	char *email;
	long long client_id;
	double d = 0;
	int r, bad, numeric;

	if ((r = require(c, "mail_user_update")) != R_OK)
		return r;
	if ((p = params_object(c, &bad)) == NULL)
		return R_HTTP500;
	/* Unlike add, update checks the raw, not lowercased, address. */
	if (json_object_object_get_ex(p, "email", &v) && v != NULL) {
		email = php_strval(v, 0);
		r = check_mail_domain(c, email);
		free(email);
		if (r != R_OK)
			goto out;
	}
	client_id = php_intval(param(c, "client_id"));
	if ((r = client_profile(c, client_id, &uid, &gid)) != R_OK ||
	    (r = update_primary_id(c, &d, &numeric)) != R_OK)
		goto out;
	if (numeric && d > 0)
		old = mail_user_by_id(c, d);
	/* The stored password is kept unless a new one is given. */
	r = update_record(c, old, p, "password", mail_user_blank_row(),
	    mail_user_encode_update, NULL, d, numeric, client_id, uid, gid);
 out:
	json_object_put(p);
	return r;
}

/*
 * deleteQuery() concatenates primary_id into the SQL unescaped; the
 * MariaDB errors for what does not make a number come back as faults
 * (transcript cases 105 and 106).  Every delete function of remote.d
 * goes through it, whatever the table.
 */
static int
delete_record(struct call *c, const char *function, const char *table,
    const char *pk)
{
	struct json_object *pid = param(c, "primary_id"), *t, *row;
	const char *cell;
	char *s;
	double d;
	size_t i, n;
	int r;

	if ((r = require(c, function)) != R_OK)
		return r;
	if (pid != NULL && php_is_numeric(pid, &d) && d != -1 && d <= 0)
		return fault(c, "The ID has to be > 0 or -1.");
	s = pid == NULL ? sim_xstrdup("") : php_strval(pid, 0);
	if (*s == '\0') {
		free(s);
		return fault(c, "You have an error in your SQL syntax; check "
		    "the manual that corresponds to your MariaDB server "
		    "version for the right syntax to use near 'AND 1' at "
		    "line 1 DELETE FROM `%s` WHERE %s =  AND 1", table, pk);
	}
	if (!str_is_numeric(s, &d)) {
		r = fault(c, "Unknown column '%s' in 'WHERE' DELETE FROM "
		    "`%s` WHERE %s = %s AND 1", s, table, pk, s);
		free(s);
		return r;
	}
	free(s);
	c->out = json_object_new_int(0);
	if ((t = state_table(c->sim->db, table)) == NULL)
		return R_OK;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(t, i);
		if ((cell = row_str(row, pk)) == NULL ||
		    strtod(cell, NULL) != d || !row_visible(c, row))
			continue;
		json_object_array_del_idx(t, i, 1);
		json_object_put(c->out);
		c->out = json_object_new_int(1);
		c->changed = 1;
		break;
	}
	return R_OK;
}

static int
fn_mail_user_delete(struct call *c)
{
	return delete_record(c, "mail_user_delete", "mail_user",
	    "mailuser_id");
}

/*
 * Aliases and forwards: both live in mail_forwarding, told apart by the
 * 'type' column ('alias', 'forward', 'catchall', 'aliasdomain').  What
 * follows is read from ISPConfig's own PHP, since neither FACTS.md nor
 * the transcripts say more than case 51 (mail_forward_add answers the new
 * id as a string, like every insertQuery):
 *
 *  - remote.d/mail.inc.php (3.2.12): mail_alias_get/_add/_update/_delete
 *    load mail_alias.tform.php, the mail_forward_* functions
 *    mail_forward.tform.php; both forms name mail_forwarding.  get and
 *    delete add no condition on 'type', so mail_alias_get by id or filter
 *    returns forwards too and mail_alias_delete deletes any row.
 *  - mail_alias_add and mail_alias_update first refuse a source that is
 *    the address of a mailbox with postfix = 'y' ("SELECT count(mailuser_id)
 *    ... WHERE postfix = 'y' AND email = ?" on the raw params.source):
 *    fault 'duplicate', "There is already a mailbox with this email
 *    address.".  The mail_forward functions make no such check: the web
 *    UI does it (mail_forward_edit.php), not the API.
 *  - mail_alias.tform.php (read in the 3.2 development branch; the 3.2.12
 *    copy was not at hand, the assumption being that it is unchanged):
 *    source IDNTOASCII + TOLOWER, ISEMAIL (email_error_isemail) and UNIQUE
 *    over every row of mail_forwarding whatever its type
 *    (email_error_unique); destination IDNTOASCII + TOLOWER and ISEMAIL
 *    (destination_error_isemail); type a SELECT without validator; active
 *    a CHECKBOX whose unchecked value is 'n'; allow_send_as and
 *    greylisting CHECKBOXes unchecked 'n'; server_id an INTEGER.
 *  - mail_forward.tform.php: the same fields, but source has ISEMAIL only
 *    (no UNIQUE) and destination no validator at all (filters IDNTOASCII,
 *    TOLOWER, STRIPTAGS): the API stores any text as a forward's
 *    destination.  The web UI splits it on /[,;\s]+/, checks each part
 *    with FILTER_VALIDATE_EMAIL and stores them joined by ", ", so that is
 *    what the rows of a panel hold.
 *  - The web UI gives a new alias or forward to the domain's group after
 *    the insert (onAfterInsert); the API keeps the group of client_id.
 * As for mail_user, the API checks no client limit (limit_mailalias,
 * limit_mailforward): the web UI does.
 */
struct fwd_form {
	const char	*perm_get, *perm_add, *perm_update, *perm_delete;
	int		 unique_source;		/* UNIQUE on source */
	int		 dest_isemail;		/* ISEMAIL on destination */
	int		 mailbox_check;		/* the 'duplicate' fault */
};

static const struct fwd_form alias_form = {
	"mail_alias_get", "mail_alias_add", "mail_alias_update",
	"mail_alias_delete", 1, 1, 1
};

static const struct fwd_form forward_form = {
	"mail_forward_get", "mail_forward_add", "mail_forward_update",
	"mail_forward_delete", 0, 0, 0
};

/* Is there another mail_forwarding row with this source (UNIQUE)? */
static int
fwd_source_taken(struct call *c, const char *val, const char *self)
{
	struct json_object *t, *row;
	const char *cell, *id;
	size_t i, n;

	if ((t = state_table(c->sim->db, "mail_forwarding")) == NULL)
		return 0;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(t, i);
		id = row_str(row, "forwarding_id");
		if (self != NULL && id != NULL && strcmp(id, self) == 0)
			continue;
		if ((cell = row_str(row, "source")) != NULL &&
		    db_equal(cell, val))
			return 1;
	}
	return 0;
}

/* The check mail_alias_add/_update make before the form. */
static int
fwd_mailbox_check(struct call *c, struct json_object *p)
{
	struct json_object *t, *row, *v;
	const char *email, *postfix;
	char *src;
	size_t i, n;
	int found = 0;

	src = json_object_object_get_ex(p, "source", &v) && v != NULL ?
	    php_strval(v, 0) : sim_xstrdup("");
	t = state_table(c->sim->db, "mail_user");
	n = t != NULL ? json_object_array_length(t) : 0;
	for (i = 0; i < n && !found; i++) {
		row = json_object_array_get_idx(t, i);
		email = row_str(row, "email");
		postfix = row_str(row, "postfix");
		found = email != NULL && postfix != NULL &&
		    db_equal(postfix, "y") && db_equal(email, src);
	}
	free(src);
	if (found)
		return fault(c, "There is already a mailbox with this email "
		    "address.");
	return R_OK;
}

/*
 * tform _encode + validateField + getSQL for the alias and forward forms:
 * every form field of rec filtered, validated and written into row, the
 * messages in field order.
 */
static int
fwd_encode(struct call *c, const struct fwd_form *form,
    struct json_object *rec, struct json_object *row, const char *self)
{
	static const struct {
		const char	*name;
		enum ftype	 type;
	} fields[] = {
		{ "server_id", F_INT }, { "source", F_TEXT },
		{ "destination", F_TEXT }, { "type", F_TEXT },
		{ "active", F_CHECKBOX }, { "allow_send_as", F_CHECKBOX },
		{ "greylisting", F_CHECKBOX },
	};
	struct json_object *v;
	struct sbuf errs = { 0 };
	char *val;
	size_t i;
	int present;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		present = json_object_object_get_ex(rec, fields[i].name, &v) &&
		    v != NULL;
		val = present ? php_strval(v, 0) : sim_xstrdup("");
		if (strcmp(fields[i].name, "source") == 0) {
			str_lower(val);
			if (!check_isemail(val))
				sbuf_adds(&errs, "email_error_isemail<br />\r\n");
			if (form->unique_source &&
			    fwd_source_taken(c, val, self))
				sbuf_adds(&errs, "email_error_unique<br />\r\n");
		} else if (strcmp(fields[i].name, "destination") == 0) {
			str_lower(val);
			if (form->dest_isemail && !check_isemail(val))
				sbuf_adds(&errs,
				    "destination_error_isemail<br />\r\n");
			if (!form->dest_isemail)
				strip_tags_nl(val);
		}
		if (fields[i].type == F_INT) {
			free(val);
			if (asprintf(&val, "%lld", present ?
			    php_intval(v) : 0LL) < 0)
				sim_fatal("out of memory");
		} else if (fields[i].type == F_CHECKBOX) {
			/* db::escape() turns booleans into '': unchecked. */
			if (present && json_object_is_type(v,
			    json_type_boolean))
				*val = '\0';
			if (*val == '\0') {
				free(val);
				val = sim_xstrdup("n");
			}
		}
		row_set(row, fields[i].name, val);
		free(val);
	}
	if (errs.len > 0) {
		free(c->fault);
		c->fault = errs.p;
		return R_FAULT;
	}
	return R_OK;
}

static int
fwd_get(struct call *c, const struct fwd_form *form)
{
	int r;

	if ((r = require(c, form->perm_get)) != R_OK)
		return r;
	return get_record(c, "mail_forwarding", "forwarding_id",
	    param(c, "primary_id"));
}

static int
fwd_add(struct call *c, const struct fwd_form *form)
{
	struct json_object *p, *row, *t;
	const char *uid, *gid;
	char idbuf[32];
	int r, bad;

	if ((r = require(c, form->perm_add)) != R_OK)
		return r;
	if ((p = params_object(c, &bad)) == NULL)
		return R_HTTP500;
	if (form->mailbox_check && (r = fwd_mailbox_check(c, p)) != R_OK)
		goto out;
	if ((r = client_profile(c, php_intval(param(c, "client_id")), &uid,
	    &gid)) != R_OK)
		goto out;
	/* The columns in the table's order (ispconfig3.sql), as SELECT *
	 * returns them; the id is only drawn once the row is valid. */
	row = json_object_new_object();
	row_set(row, "forwarding_id", "");
	row_set(row, "sys_userid", uid);
	row_set(row, "sys_groupid", gid);
	row_set(row, "sys_perm_user", "riud");
	row_set(row, "sys_perm_group", "riud");
	row_set(row, "sys_perm_other", "");
	if ((r = fwd_encode(c, form, p, row, NULL)) != R_OK) {
		json_object_put(row);
		goto out;
	}
	snprintf(idbuf, sizeof(idbuf), "%lld", state_next_id(c->sim->db,
	    "mail_forwarding", "forwarding_id"));
	row_set(row, "forwarding_id", idbuf);
	if ((t = state_table(c->sim->db, "mail_forwarding")) == NULL) {
		t = json_object_new_array();
		json_object_object_add(c->sim->db, "mail_forwarding", t);
	}
	json_object_array_add(t, row);
	c->changed = 1;
	/* LAST_INSERT_ID() comes back from mysqli as a string. */
	c->out = json_object_new_string(idbuf);
	r = R_OK;
 out:
	json_object_put(p);
	return r;
}

static int
fwd_encode_update(struct call *c, const void *form, struct json_object *rec,
    struct json_object *row, const char *self)
{
	return fwd_encode(c, form, rec, row, self);
}

/* updateQuery(): as mail_user_update, over the alias or forward form. */
static int
fwd_update(struct call *c, const struct fwd_form *form)
{
	struct json_object *p, *t, *row, *old = NULL;
	const char *uid = NULL, *gid = NULL, *cell;
	long long client_id;
	double d = 0;
	size_t i, n;
	int r, bad, numeric;

	if ((r = require(c, form->perm_update)) != R_OK)
		return r;
	if ((p = params_object(c, &bad)) == NULL)
		return R_HTTP500;
	if (form->mailbox_check && (r = fwd_mailbox_check(c, p)) != R_OK)
		goto out;
	client_id = php_intval(param(c, "client_id"));
	if ((r = client_profile(c, client_id, &uid, &gid)) != R_OK ||
	    (r = update_primary_id(c, &d, &numeric)) != R_OK)
		goto out;
	t = state_table(c->sim->db, "mail_forwarding");
	n = t != NULL && numeric && d > 0 ? json_object_array_length(t) : 0;
	for (i = 0; i < n && old == NULL; i++) {
		row = json_object_array_get_idx(t, i);
		if ((cell = row_str(row, "forwarding_id")) != NULL &&
		    strtod(cell, NULL) == d && row_visible(c, row))
			old = row;
	}
	r = update_record(c, old, p, NULL, NULL, fwd_encode_update, form, d,
	    numeric, client_id, uid, gid);
 out:
	json_object_put(p);
	return r;
}

static int
fn_mail_alias_get(struct call *c)
{
	return fwd_get(c, &alias_form);
}

static int
fn_mail_alias_add(struct call *c)
{
	return fwd_add(c, &alias_form);
}

static int
fn_mail_alias_update(struct call *c)
{
	return fwd_update(c, &alias_form);
}

static int
fn_mail_alias_delete(struct call *c)
{
	return delete_record(c, "mail_alias_delete", "mail_forwarding",
	    "forwarding_id");
}

static int
fn_mail_forward_get(struct call *c)
{
	return fwd_get(c, &forward_form);
}

static int
fn_mail_forward_add(struct call *c)
{
	return fwd_add(c, &forward_form);
}

static int
fn_mail_forward_update(struct call *c)
{
	return fwd_update(c, &forward_form);
}

static int
fn_mail_forward_delete(struct call *c)
{
	return delete_record(c, "mail_forward_delete", "mail_forwarding",
	    "forwarding_id");
}

static int fn_get_function_list(struct call *);

static const struct api_fn api_fns[] = {
	{ "client_get", fn_client_get },
	{ "client_get_by_groupid", fn_client_get_by_groupid },
	{ "client_get_by_username", fn_client_get_by_username },
	{ "client_get_id", fn_client_get_id },
	{ "get_function_list", fn_get_function_list },
	{ "login", fn_login },
	{ "logout", fn_logout },
	{ "mail_alias_add", fn_mail_alias_add },
	{ "mail_alias_delete", fn_mail_alias_delete },
	{ "mail_alias_get", fn_mail_alias_get },
	{ "mail_alias_update", fn_mail_alias_update },
	{ "mail_domain_get", fn_mail_domain_get },
	{ "mail_domain_get_by_domain", fn_mail_domain_get_by_domain },
	{ "mail_forward_add", fn_mail_forward_add },
	{ "mail_forward_delete", fn_mail_forward_delete },
	{ "mail_forward_get", fn_mail_forward_get },
	{ "mail_forward_update", fn_mail_forward_update },
	{ "mail_user_add", fn_mail_user_add },
	{ "mail_user_delete", fn_mail_user_delete },
	{ "mail_user_get", fn_mail_user_get },
	{ "mail_user_get_all_by_client", fn_mail_user_get_all_by_client },
	{ "mail_user_update", fn_mail_user_update },
	{ "server_get", fn_server_get },
	{ "server_get_all", fn_server_get_all },
	{ "system_config_get", fn_system_config_get },
};

#define NFNS (sizeof(api_fns) / sizeof(api_fns[0]))

/* The real list names every remote.d method; ours names what we serve. */
static int
fn_get_function_list(struct call *c)
{
	struct json_object *list;
	size_t i;
	int r;

	if ((r = require(c, "get_function_list")) != R_OK)
		return r;
	list = json_object_new_array();
	for (i = 0; i < NFNS; i++)
		json_object_array_add(list,
		    json_object_new_string(api_fns[i].name));
	c->out = list;
	return R_OK;
}

void
api_init(struct sim *sim)
{
	(void)sim;
	stats_calls = json_object_new_object();
}

void
api_stats(struct json_object *o)
{
	struct session *s;
	struct failure *f;
	long long active = 0, fails = 0;

	for (s = sessions; s != NULL; s = s->next)
		active++;
	for (f = failures; f != NULL; f = f->next)
		fails += f->times;
	json_object_object_add(o, "requests",
	    json_object_new_int64(stat_requests));
	json_object_object_add(o, "logins", json_object_new_int64(stat_logins));
	json_object_object_add(o, "login_failures",
	    json_object_new_int64(stat_login_failures));
	json_object_object_add(o, "session_failures",
	    json_object_new_int64(stat_session_failures));
	json_object_object_add(o, "logouts",
	    json_object_new_int64(stat_logouts));
	json_object_object_add(o, "sessions", json_object_new_int64(active));
	json_object_object_add(o, "failure_counter",
	    json_object_new_int64(fails));
	json_object_object_add(o, "calls", json_object_get(stats_calls));
}

void
api_stats_reset(void)
{
	json_object_put(stats_calls);
	stats_calls = json_object_new_object();
	stat_requests = stat_logins = stat_login_failures = 0;
	stat_session_failures = stat_logouts = 0;
}

void
api_free(void)
{
	struct session *s;

	while ((s = sessions) != NULL) {
		sessions = s->next;
		session_free(s);
	}
	failure_clear(NULL);
	json_object_put(stats_calls);
	stats_calls = NULL;
}

static void
envelope(struct api_result *res, const char *code, const char *message,
    struct json_object *response, int ok)
{
	sbuf_adds(&res->body, "{\"code\":");
	phpjson_string(&res->body, code, strlen(code));
	sbuf_adds(&res->body, ",\"message\":");
	phpjson_string(&res->body, message, strlen(message));
	sbuf_adds(&res->body, ",\"response\":");
	if (ok)
		phpjson_encode(&res->body, response);
	else
		sbuf_adds(&res->body, "false");
	sbuf_adds(&res->body, "}");
}

/*
 * json_decode($raw, true) must give an array: anything but a JSON
 * object or list (strictly parsed, nothing after it) is invalid_data.
 */
static struct json_object *
parse_body(const char *body, size_t len)
{
	struct json_tokener *tok;
	struct json_object *o;
	size_t used;

	if (body == NULL || len == 0)
		return NULL;
	tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, body, (int)len);
	if (o == NULL && json_tokener_get_error(tok) == json_tokener_continue)
		o = json_tokener_parse_ex(tok, "", -1);
	used = tok->char_offset;
	json_tokener_free(tok);
	if (o == NULL)
		return NULL;
	while (used < len && isspace((unsigned char)body[used]))
		used++;
	if (used != len || !php_is_array(o)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

void
api_handle(struct sim *sim, const char *ip, const char *method,
    const char *body, size_t len, struct api_result *res)
{
	struct call c = { 0 };
	struct json_object *json, *n;
	const struct api_fn *fn = NULL;
	size_t i;
	int r;

	res->status = 200;
	res->ctype = "application/json; charset=\"utf-8\"";
	res->changed = 0;
	stat_requests++;
	if (method == NULL || *method == '\0') {
		envelope(res, "invalid_method",
		    "Method not provided in json call", NULL, 0);
		return;
	}
	if ((json = parse_body(body, len)) == NULL) {
		envelope(res, "invalid_data",
		    "The JSON data sent to the api is invalid", NULL, 0);
		return;
	}
	for (i = 0; i < NFNS; i++)
		if (strcmp(api_fns[i].name, method) == 0)
			fn = &api_fns[i];
	if (fn == NULL) {
		char *msg;

		if (asprintf(&msg, "Method %s does not exist", method) < 0)
			sim_fatal("out of memory");
		envelope(res, "invalid_method", msg, NULL, 0);
		free(msg);
		json_object_put(json);
		return;
	}
	n = json_object_object_get(stats_calls, method);
	json_object_object_add(stats_calls, method, json_object_new_int64(
	    (n != NULL ? json_object_get_int64(n) : 0) + 1));
	c.sim = sim;
	c.ip = ip;
	c.params = json_object_is_type(json, json_type_object) ? json : NULL;
	r = fn->fn(&c);
	switch (r) {
	case R_OK:
		envelope(res, "ok", "", c.out, 1);
		break;
	case R_FAULT:
		envelope(res, "remote_fault", c.fault, NULL, 0);
		break;
	case R_HTML:
		res->ctype = "text/html; charset=utf-8";
		sbuf_addf(&res->body, "<html><head><title>Error</title></head>"
		    "<body><p>%s</p></body></html>\n", c.html);
		break;
	case R_HTTP500:
		res->status = 500;
		res->ctype = "text/html; charset=UTF-8";
		break;
	}
	res->changed = c.changed;
	json_object_put(c.out);
	free(c.fault);
	json_object_put(json);
}
