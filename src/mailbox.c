/*
 * Mailboxes and mail domains by address on top of the API client.
 *
 * ISPConfig's API is "largely just an interface to the database tables"
 * (its FAQ): mail_user_add stores what it is given, so this layer fills
 * every field the web UI computes (mail_user_edit.php) from the domain and
 * the server's mail configuration, and sends flags as the strings "y" and
 * "n". Updates send only the fields that change, never a fetched password
 * hash (ISPConfig would hash the hash), and client_id 0 so that the owner
 * is kept. Mailboxes are looked up by address with a field filter; the
 * numeric id never reaches the user.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "json-util.h"
#include "mailbox.h"
#include "xmalloc.h"

/* Values of a fresh ISPConfig install (server.ini.master), used when the
 * server's mail configuration leaves a key out. */
#define MBX_MAILDIR_PATH	"/var/vmail/[domain]/[localpart]"
#define MBX_HOMEDIR_PATH	"/var/vmail"
#define MBX_MAILUSER_ID		5000
/* ISPConfig's own defaults for its password rule (system.ini.master). */
#define MBX_MIN_PW_LENGTH	8
#define MBX_MIN_PW_STRENGTH	3

/* How much a domain lookup needs to know about the owner client. */
enum mbx_owner_need {
	MBX_OWNER_NONE,		/* not at all */
	MBX_OWNER_LENIENT,	/* -1 when it cannot be found out */
	MBX_OWNER_STRICT	/* required: failures are errors */
};

/* sys_groupid -> client_id, learnt during one operation. */
struct mbx_owners {
	struct {
		long long	 group;
		long long	 client;
	}		*v;
	size_t		 n;
	int		 enumerated;	/* the fallback listed all clients */
	int		 denied;	/* the user may not read clients */
};

/* see mailbox.h */
void
mail_domain_free(struct mail_domain *d)
{
	if (d == NULL)
		return;
	free(d->domain);
	free(d);
}

/* see mailbox.h */
void
mail_domains_free(struct mail_domain *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].domain);
	free(v);
}

static void
mailbox_clear(struct mailbox *m)
{
	free(m->email);
	free(m->login);
	free(m->name);
	free(m->maildir);
	free(m->password_hash);
	memset(m, 0, sizeof(*m));
}

/* see mailbox.h */
void
mailbox_free(struct mailbox *m)
{
	if (m == NULL)
		return;
	mailbox_clear(m);
	free(m);
}

/* see mailbox.h */
void
mailboxes_free(struct mailbox *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		mailbox_clear(&v[i]);
	free(v);
}

static char *
mbx_lower(const char *s)
{
	char *l, *p;

	l = xstrdup(s);
	for (p = l; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

/*
 * Refuses a value ISPConfig would treat as a LIKE pattern ('%' switches a
 * field filter to LIKE) before it reaches a filter. The name rules never
 * let one through; this keeps the layer safe on its own. See mailbox.h.
 */
int
mbx_check_filter(const char *what, const char *s, struct errbuf *eb)
{
	if (*s == '\0' || strchr(s, '%') != NULL)
		return err_set(eb, ISPM_EDATA, "invalid %s '%s'", what, s);
	return 0;
}

/* see mailbox.h */
struct json_object *
mbx_filter(const char *key, const char *value)
{
	struct json_object *p, *f;

	p = json_object_new_object();
	f = json_object_new_object();
	json_object_object_add(f, key, json_object_new_string(value));
	json_object_object_add(p, "primary_id", f);
	return p;
}

/*
 * The rows of a get by filter or by -1, for which ISPConfig answers a list,
 * empty when nothing matches.  Anything else (a string, a number, true,
 * null, a PHP-serialised string) is not "no rows" but nonsense, and must
 * not read as an all-clear. See mailbox.h.
 */
int
mbx_rows(const char *method, struct json_object *resp, size_t *n,
    struct errbuf *eb)
{
	*n = 0;
	if (resp == NULL || !json_object_is_type(resp, json_type_array))
		return err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "the answer is %s, not a list of rows", method,
		    resp == NULL ? "null" :
		    json_type_to_name(json_object_get_type(resp)));
	*n = json_object_array_length(resp);
	return 0;
}

/* see mailbox.h */
const char *
mbx_row_str(const char *method, struct json_object *row, const char *key,
    struct errbuf *eb)
{
	const char *s;

	if ((s = ju_get_str(row, key)) == NULL)
		err_set(eb, ISPM_EPROTO, "protocol error calling '%s': a row "
		    "without '%s'", method, key);
	return s;
}

static struct json_object *
mbx_row(struct json_object *resp, size_t i)
{
	if (json_object_is_type(resp, json_type_array))
		return json_object_array_get_idx(resp, i);
	return resp;
}

/* see mailbox.h */
int
mbx_call(struct api *api, const char *method, struct json_object *params,
    struct json_object **resp, struct errbuf *eb)
{
	int r;

	r = api_call(api, method, params, resp, eb);
	json_object_put(params);
	return r;
}

static void
mbx_owner_add(struct mbx_owners *o, long long group, long long client)
{
	o->v = xreallocarray(o->v, o->n + 1, sizeof(*o->v));
	o->v[o->n].group = group;
	o->v[o->n].client = client;
	o->n++;
}

static int
mbx_owner_find(const struct mbx_owners *o, long long group, long long *client)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (o->v[i].group == group) {
			*client = o->v[i].client;
			return 1;
		}
	return 0;
}

/*
 * Fallback for panels without client_get_by_groupid: every client's
 * sys_user row (client_get_by_username) names its default group.
 */
static int
mbx_owner_enumerate(struct api *api, struct mbx_owners *o, struct errbuf *eb)
{
	struct json_object *p, *clients = NULL, *user = NULL, *row;
	const char *name;
	long long group, client;
	size_t i, n;
	int r;

	o->enumerated = 1;
	p = json_object_new_object();
	json_object_object_add(p, "client_id", json_object_new_int(-1));
	if ((r = mbx_call(api, "client_get", p, &clients, eb)) != 0 ||
	    (r = mbx_rows("client_get", clients, &n, eb)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		row = mbx_row(clients, i);
		if ((name = ju_get_str(row, "username")) == NULL ||
		    *name == '\0')
			continue;
		p = json_object_new_object();
		json_object_object_add(p, "username",
		    json_object_new_string(name));
		if ((r = mbx_call(api, "client_get_by_username", p, &user,
		    eb)) != 0) {
			if (r != ISPM_ENOTFOUND)
				goto out;
			continue;
		}
		if (ju_get_int64(user, "default_group", &group) == 0 &&
		    ju_get_int64(user, "client_id", &client) == 0)
			mbx_owner_add(o, group, client);
		json_object_put(user);
		user = NULL;
	}
	r = 0;
 out:
	json_object_put(user);
	json_object_put(clients);
	return r;
}

/*
 * The client owning a record of group: the web UI gives a client's mail
 * domain to the client's group (sys_groupid) while sys_userid stays the
 * admin who created it, so the group decides (client_get_by_groupid).
 * Group 1 is the admin group: client 0.
 */
static int
mbx_owner(struct api *api, struct mbx_owners *o, long long group,
    long long *client, struct errbuf *eb)
{
	struct json_object *p, *resp = NULL;
	long long c;
	int r;

	if (group <= 1) {
		*client = 0;
		return 0;
	}
	if (mbx_owner_find(o, group, client))
		return 0;
	if (!o->enumerated) {
		p = json_object_new_object();
		json_object_object_add(p, "group_id",
		    json_object_new_int64(group));
		r = mbx_call(api, "client_get_by_groupid", p, &resp, eb);
		/* A group without a client is a fault (no_group_found), so
		 * anything but the client's row is nonsense, not "nobody":
		 * an owner shown as unknown would read as an answer. */
		if (r == 0) {
			r = json_object_is_type(resp, json_type_object) ?
			    ju_get_int64(resp, "client_id", &c) : -1;
			json_object_put(resp);
			if (r != 0)
				return err_set(eb, ISPM_EPROTO, "protocol "
				    "error calling 'client_get_by_groupid': "
				    "the answer is not a client's row with a "
				    "client_id");
			mbx_owner_add(o, group, c);
			*client = c;
			return 0;
		}
		/* A group whose client_id is 0 (admin-made) makes ISPConfig
		 * call client_get(0), which it refuses as an invalid id. */
		if (r == ISPM_EDATA &&
		    api_last_fault(api) == API_FAULT_VALIDATION) {
			mbx_owner_add(o, group, 0);
			*client = 0;
			return 0;
		}
		if (api_last_fault(api) != API_FAULT_NOMETHOD)
			return r;
		if ((r = mbx_owner_enumerate(api, o, eb)) != 0)
			return r;
		if (mbx_owner_find(o, group, client))
			return 0;
	}
	return err_set(eb, ISPM_ENOTFOUND, "no client owns group %lld", group);
}

/* Finds the owner leniently: -1 when the remote user may not know. */
static int
mbx_owner_lenient(struct api *api, struct mbx_owners *o, long long group,
    long *client, struct errbuf *eb)
{
	long long c;
	int r;

	*client = -1;
	if (o->denied)
		return 0;
	r = mbx_owner(api, o, group, &c, eb);
	if (r == 0) {
		*client = (long)c;
		return 0;
	}
	if (r == ISPM_EPERM && api_last_fault(api) == API_FAULT_PERMISSION) {
		o->denied = 1;
		return 0;
	}
	return r == ISPM_ENOTFOUND ? 0 : r;
}

static int
mbx_domain_from_row(struct json_object *row, struct mail_domain *d,
    struct errbuf *eb)
{
	const char *name;
	long long id, server = 0;

	memset(d, 0, sizeof(*d));
	if (ju_get_int64(row, "domain_id", &id) != 0 ||
	    (name = ju_get_str(row, "domain")) == NULL)
		return err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'mail_domain_get': a row without domain_id or domain");
	ju_get_int64(row, "server_id", &server);
	d->id = (long)id;
	d->domain = xstrdup(name);
	d->server_id = (long)server;
	d->active = ju_get_flag(row, "active");
	return 0;
}

static long long
mbx_row_group(struct json_object *row)
{
	long long g = 0;

	ju_get_int64(row, "sys_groupid", &g);
	return g;
}

/* One domain by name, with as much owner information as need asks for. */
static int
mbx_domain_lookup(struct api *api, const char *domain,
    enum mbx_owner_need need, struct mail_domain **out, struct errbuf *eb)
{
	struct mbx_owners owners;
	struct json_object *resp = NULL, *row = NULL;
	struct mail_domain *d = NULL;
	long long client;
	char *lower;
	size_t i, n;
	int r;

	*out = NULL;
	memset(&owners, 0, sizeof(owners));
	lower = mbx_lower(domain);
	if ((r = mbx_check_filter("mail domain", lower, eb)) != 0)
		goto out;
	if ((r = mbx_call(api, "mail_domain_get", mbx_filter("domain", lower),
	    &resp, eb)) != 0)
		goto out;
	if ((r = mbx_rows("mail_domain_get", resp, &n, eb)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		const char *name = mbx_row_str("mail_domain_get",
		    mbx_row(resp, i), "domain", eb);

		if (name == NULL) {
			r = ISPM_EPROTO;
			goto out;
		}
		if (strcasecmp(name, lower) == 0) {
			row = mbx_row(resp, i);
			break;
		}
	}
	if (row == NULL) {
		r = err_set(eb, ISPM_ENOTFOUND, "mail domain '%s' does not "
		    "exist on this panel", lower);
		goto out;
	}
	d = xcalloc(1, sizeof(*d));
	if ((r = mbx_domain_from_row(row, d, eb)) != 0)
		goto out;
	d->client_id = -1;
	if (need == MBX_OWNER_LENIENT)
		r = mbx_owner_lenient(api, &owners, mbx_row_group(row),
		    &d->client_id, eb);
	else if (need == MBX_OWNER_STRICT) {
		if ((r = mbx_owner(api, &owners, mbx_row_group(row), &client,
		    eb)) == 0)
			d->client_id = (long)client;
		else if (r == ISPM_ENOTFOUND)
			r = err_set(eb, r, "cannot find the client owning mail "
			    "domain '%s' (group %lld)", lower,
			    mbx_row_group(row));
	}
	if (r != 0)
		goto out;
	*out = d;
	d = NULL;
 out:
	mail_domain_free(d);
	json_object_put(resp);
	free(owners.v);
	free(lower);
	return r;
}

static int
mbx_domain_cmp(const void *a, const void *b)
{
	return strcasecmp(((const struct mail_domain *)a)->domain,
	    ((const struct mail_domain *)b)->domain);
}

/* see mailbox.h */
int
mbx_domains(struct api *api, struct mail_domain **out, size_t *nout,
    struct errbuf *eb)
{
	struct mbx_owners owners;
	struct json_object *p, *resp = NULL, *row;
	struct mail_domain *v = NULL;
	size_t i, n = 0, nrows;
	int r;

	*out = NULL;
	*nout = 0;
	memset(&owners, 0, sizeof(owners));
	p = json_object_new_object();
	json_object_object_add(p, "primary_id", json_object_new_int(-1));
	if ((r = mbx_call(api, "mail_domain_get", p, &resp, eb)) != 0)
		goto out;
	if ((r = mbx_rows("mail_domain_get", resp, &nrows, eb)) != 0)
		goto out;
	v = xcalloc(nrows > 0 ? nrows : 1, sizeof(*v));
	for (i = 0; i < nrows; i++) {
		row = mbx_row(resp, i);
		if ((r = mbx_domain_from_row(row, &v[n], eb)) != 0)
			goto out;
		n++;
		if ((r = mbx_owner_lenient(api, &owners, mbx_row_group(row),
		    &v[n - 1].client_id, eb)) != 0)
			goto out;
	}
	qsort(v, n, sizeof(*v), mbx_domain_cmp);
	*out = v;
	*nout = n;
	v = NULL;
	r = 0;
 out:
	mail_domains_free(v, n);
	json_object_put(resp);
	free(owners.v);
	return r;
}

/* see mailbox.h */
int
mbx_domain_get(struct api *api, const char *domain,
    struct mail_domain **out, struct errbuf *eb)
{
	return mbx_domain_lookup(api, domain, MBX_OWNER_LENIENT, out, eb);
}

static char *
mbx_strdup_or_empty(struct json_object *row, const char *key)
{
	const char *s;

	s = ju_get_str(row, key);
	return xstrdup(s != NULL ? s : "");
}

/*
 * A column the web UI ties to another one: a panel too old to have it
 * (disablesieve-filter came later than disablesieve) agrees with its box.
 */
static int
mbx_companion(struct json_object *row, const char *key, int box)
{
	const char *v = ju_get_str(row, key);

	return v != NULL ? strcmp(v, "y") == 0 : box;
}

static int
mbx_from_row(struct json_object *row, int with_hash, struct mailbox *m,
    struct errbuf *eb)
{
	const char *email;
	long long id, v;

	memset(m, 0, sizeof(*m));
	if (ju_get_int64(row, "mailuser_id", &id) != 0 ||
	    (email = ju_get_str(row, "email")) == NULL)
		return err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'mail_user_get': a row without mailuser_id or email");
	m->id = (long)id;
	m->email = xstrdup(email);
	m->login = mbx_strdup_or_empty(row, "login");
	m->name = mbx_strdup_or_empty(row, "name");
	m->maildir = mbx_strdup_or_empty(row, "maildir");
	/* Quota is a bigint of bytes; ISPConfig refuses negatives. */
	if (ju_get_int64(row, "quota", &v) == 0 && v > 0)
		m->quota = (unsigned long long)v;
	if (ju_get_int64(row, "server_id", &v) == 0)
		m->server_id = (long)v;
	m->disableimap = ju_get_flag(row, "disableimap");
	m->disablepop3 = ju_get_flag(row, "disablepop3");
	m->disablesmtp = ju_get_flag(row, "disablesmtp");
	m->disabledeliver = ju_get_flag(row, "disabledeliver");
	m->disablesieve = mbx_companion(row, "disablesieve", m->disableimap);
	m->disablesievefilter = mbx_companion(row, "disablesieve-filter",
	    m->disableimap);
	m->disablelda = mbx_companion(row, "disablelda", m->disabledeliver);
	m->disablelmtp = mbx_companion(row, "disablelmtp", m->disabledeliver);
	m->disabled = m->disableimap && m->disablepop3 && m->disablesmtp &&
	    m->disabledeliver;
	m->postfix = ju_get_flag(row, "postfix");
	if (with_hash)
		m->password_hash = mbx_strdup_or_empty(row, "password");
	return 0;
}

static int
mbx_cmp(const void *a, const void *b)
{
	const struct mailbox *x = a, *y = b;
	int c;

	if ((c = strcasecmp(x->email, y->email)) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
mbx_cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/*
 * Drops repeated rows of one mailbox (v sorted by mbx_cmp), so that none
 * is listed, audited or rotated twice.  Two rows that share an address
 * but not the id, or the id but not the address, are nonsense: which one
 * an update would reach is unknown.
 */
static int
mbx_dedupe(struct mailbox *v, size_t *n, struct errbuf *eb)
{
	long *ids;
	size_t i, k = 0;
	int r = 0;

	for (i = 0; i < *n; i++) {
		if (k > 0 && strcasecmp(v[k - 1].email, v[i].email) == 0) {
			if (v[k - 1].id != v[i].id) {
				r = err_set(eb, ISPM_EPROTO, "protocol error "
				    "calling 'mail_user_get': two mailboxes "
				    "'%s' (ids %ld and %ld)", v[i].email,
				    v[k - 1].id, v[i].id);
				/* Every row is in one slot: *n frees them. */
				return r;
			}
			mailbox_clear(&v[i]);
			continue;
		}
		if (k != i) {
			v[k] = v[i];
			memset(&v[i], 0, sizeof(v[i]));
		}
		k++;
	}
	*n = k;
	ids = xcalloc(k + 1, sizeof(*ids));
	for (i = 0; i < k; i++)
		ids[i] = v[i].id;
	qsort(ids, k, sizeof(*ids), mbx_cmp_long);
	for (i = 1; i < k; i++)
		if (ids[i] == ids[i - 1]) {
			r = err_set(eb, ISPM_EPROTO, "protocol error calling "
			    "'mail_user_get': two addresses with the id %ld",
			    ids[i]);
			break;
		}
	free(ids);
	return r;
}

/* 1 when email ends in "@domain", ignoring case. */
static int
mbx_in_domain(const char *email, const char *domain)
{
	const char *at;

	return (at = strrchr(email, '@')) != NULL &&
	    strcasecmp(at + 1, domain) == 0;
}

/* see mailbox.h */
int
mbx_list(struct api *api, const char *domain, int with_hash,
    struct mailbox **out, size_t *nout, struct errbuf *eb)
{
	struct mail_domain *d = NULL;
	struct json_object *p, *resp = NULL, *row;
	struct mailbox *v = NULL;
	const char *email;
	char *lower = NULL, *like = NULL;
	size_t i, n = 0, nrows;
	int r;

	*out = NULL;
	*nout = 0;
	if (domain != NULL) {
		lower = mbx_lower(domain);
		if ((r = mbx_domain_lookup(api, lower, MBX_OWNER_NONE, &d,
		    eb)) != 0)
			goto out;
		/* '%' makes ISPConfig use LIKE; the exact domain is checked
		 * below, since '_' is a LIKE wildcard too. */
		like = xasprintf("%%@%s", lower);
		p = mbx_filter("email", like);
	} else {
		p = json_object_new_object();
		json_object_object_add(p, "primary_id",
		    json_object_new_int(-1));
	}
	if ((r = mbx_call(api, "mail_user_get", p, &resp, eb)) != 0)
		goto out;
	if ((r = mbx_rows("mail_user_get", resp, &nrows, eb)) != 0)
		goto out;
	v = xcalloc(nrows > 0 ? nrows : 1, sizeof(*v));
	for (i = 0; i < nrows; i++) {
		row = mbx_row(resp, i);
		if ((email = mbx_row_str("mail_user_get", row, "email",
		    eb)) == NULL) {
			r = ISPM_EPROTO;
			goto out;
		}
		if (lower != NULL && !mbx_in_domain(email, lower))
			continue;
		if ((r = mbx_from_row(row, with_hash, &v[n], eb)) != 0)
			goto out;
		n++;
	}
	qsort(v, n, sizeof(*v), mbx_cmp);
	if ((r = mbx_dedupe(v, &n, eb)) != 0)
		goto out;
	*out = v;
	*nout = n;
	v = NULL;
	r = 0;
 out:
	mailboxes_free(v, n);
	json_object_put(resp);
	mail_domain_free(d);
	free(like);
	free(lower);
	return r;
}

/* see mailbox.h */
int
mbx_get(struct api *api, const char *email, struct mailbox **out,
    struct errbuf *eb)
{
	struct json_object *resp = NULL, *row = NULL;
	struct mailbox *m = NULL;
	const char *e;
	char *lower;
	size_t i, n;
	int r;

	*out = NULL;
	lower = mbx_lower(email);
	if ((r = mbx_check_filter("address", lower, eb)) != 0)
		goto out;
	if ((r = mbx_call(api, "mail_user_get", mbx_filter("email", lower),
	    &resp, eb)) != 0)
		goto out;
	if ((r = mbx_rows("mail_user_get", resp, &n, eb)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if ((e = mbx_row_str("mail_user_get", mbx_row(resp, i),
		    "email", eb)) == NULL) {
			r = ISPM_EPROTO;
			goto out;
		}
		if (strcasecmp(e, lower) == 0) {
			row = mbx_row(resp, i);
			break;
		}
	}
	if (row == NULL) {
		r = err_set(eb, ISPM_ENOTFOUND, "mailbox '%s' does not exist",
		    lower);
		goto out;
	}
	m = xcalloc(1, sizeof(*m));
	if ((r = mbx_from_row(row, 0, m, eb)) != 0)
		goto out;
	*out = m;
	m = NULL;
 out:
	mailbox_free(m);
	json_object_put(resp);
	free(lower);
	return r;
}

/* The numeric id of a mailbox, which only the API ever sees. */
static int
mbx_id(struct api *api, const char *email, long *id, struct errbuf *eb)
{
	struct mailbox *m;
	int r;

	if ((r = mbx_get(api, email, &m, eb)) != 0)
		return r;
	*id = m->id;
	mailbox_free(m);
	return 0;
}

/* Replaces every "[domain]" and "[localpart]" in tpl, as the UI does. */
static char *
mbx_maildir(const char *tpl, const char *local, const char *domain)
{
	char *out, *o;
	const char *p;
	size_t n = 1;

	for (p = tpl; *p != '\0'; p++)
		n += strlen(local) + strlen(domain) + 1;
	out = o = xmalloc(n);
	for (p = tpl; *p != '\0';) {
		if (strncmp(p, "[domain]", 8) == 0) {
			o = stpcpy(o, domain);
			p += 8;
		} else if (strncmp(p, "[localpart]", 11) == 0) {
			o = stpcpy(o, local);
			p += 11;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static const char *
mbx_conf_str(struct json_object *conf, const char *key, const char *def)
{
	const char *s;

	s = ju_get_str(conf, key);
	return s != NULL && *s != '\0' ? s : def;
}

static long long
mbx_conf_int(struct json_object *conf, const char *key, long long def)
{
	long long v;

	return ju_get_int64(conf, key, &v) == 0 ? v : def;
}

/*
 * A server's mail configuration as server_get gives it: an ini section,
 * every value a string. A missing key takes the default; a section that
 * is empty or holds other types is nonsense, from which no mailbox is
 * made with defaults the panel does not use.
 */
static int
mbx_conf_check(struct json_object *conf, long server_id, struct errbuf *eb)
{
	static const char *const keys[] = { "maildir_path", "mailuser_uid",
	    "mailuser_gid", "mailbox_virtual_uidgid_maps", "maildir_format",
	    "homedir_path" };
	struct json_object *v;
	size_t i;

	if (conf == NULL || !json_object_is_type(conf, json_type_object) ||
	    json_object_object_length(conf) == 0)
		return err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'server_get': server %ld has no mail configuration",
		    server_id);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_object_object_get_ex(conf, keys[i], &v) &&
		    !json_object_is_type(v, json_type_string))
			return err_set(eb, ISPM_EPROTO, "protocol error "
			    "calling 'server_get': '%s' of server %ld is not "
			    "text", keys[i], server_id);
	return 0;
}

static void
mbx_add_str(struct json_object *o, const char *key, const char *value)
{
	json_object_object_add(o, key, json_object_new_string(value));
}

static void
mbx_add_int(struct json_object *o, const char *key, long long value)
{
	json_object_object_add(o, key, json_object_new_int64(value));
}

/*
 * The web UI refuses a mailbox whose address is already the source of an
 * alias, a forward or a catch-all; the API does not (transcript case 52),
 * and the two would then compete for the address's mail. mail_forward_get
 * reads every type of them. A remote user without the mail_forward
 * functions cannot look: the check is skipped, as the API itself skips it.
 */
static int
mbx_check_forwards(struct api *api, const char *email, struct errbuf *eb)
{
	struct json_object *resp = NULL, *row;
	const char *src, *type;
	long long id;
	size_t i, n;
	int r;

	r = mbx_call(api, "mail_forward_get", mbx_filter("source", email),
	    &resp, eb);
	if (r == ISPM_EPERM && api_last_fault(api) == API_FAULT_PERMISSION) {
		err_clear(eb);
		return 0;
	}
	if (r != 0 || (r = mbx_rows("mail_forward_get", resp, &n, eb)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		row = mbx_row(resp, i);
		if ((src = mbx_row_str("mail_forward_get", row, "source",
		    eb)) == NULL) {
			r = ISPM_EPROTO;
			break;
		}
		if (strcasecmp(src, email) != 0)
			continue;
		type = ju_get_str(row, "type");
		if (ju_get_int64(row, "forwarding_id", &id) != 0)
			id = 0;
		r = err_set(eb, ISPM_EEXIST, "'%s' is already %s on the panel "
		    "(forwarding_id %lld): delete it first, or the two would "
		    "compete for its mail", email, type == NULL ? "a forward" :
		    strcmp(type, "alias") == 0 ? "an alias" :
		    strcmp(type, "catchall") == 0 ? "a catch-all" :
		    "a forward", id);
		break;
	}
 out:
	json_object_put(resp);
	return r;
}

/*
 * What must hold before a mailbox is created: its domain exists and is
 * ours (*d, owned), and no mailbox, alias or forward has the address.
 */
static int
mbx_create_check(struct api *api, const char *email, const char *domain,
    struct mail_domain **d, struct errbuf *eb)
{
	struct mailbox *m = NULL;
	int r;

	if ((r = mbx_domain_lookup(api, domain, MBX_OWNER_STRICT, d,
	    eb)) != 0)
		return r;
	r = mbx_get(api, email, &m, eb);
	mailbox_free(m);
	if (r == 0)
		return err_set(eb, ISPM_EEXIST, "mailbox '%s' already exists",
		    email);
	if (r != ISPM_ENOTFOUND)
		return r;
	return mbx_check_forwards(api, email, eb);
}

/* The mail configuration of the domain's server (server_get), into *conf
 * (owned). */
static int
mbx_server_conf(struct api *api, const struct mail_domain *d,
    struct json_object **conf, struct errbuf *eb)
{
	struct json_object *p;
	int r;

	p = json_object_new_object();
	mbx_add_int(p, "server_id", d->server_id);
	mbx_add_str(p, "section", "mail");
	if ((r = mbx_call(api, "server_get", p, conf, eb)) != 0)
		return r;
	return mbx_conf_check(*conf, d->server_id, eb);
}

/*
 * The params of mail_user_add: every field of the UI's form, with the
 * UI's defaults and its derivations (mail_user_edit.php) from the
 * server's configuration conf. Omitted checkboxes would be stored as
 * unchecked ('n'), which for postfix means the mailbox never receives
 * mail. The password is in it: wipe it with ju_wipe_member().
 */
static struct json_object *
mbx_create_params(const struct mail_domain *d, const char *email,
    const char *maildir, const struct mbx_spec *spec,
    const struct secret *password, struct json_object *conf)
{
	struct json_object *params;
	long long uid, gid;

	uid = mbx_conf_int(conf, "mailuser_uid", MBX_MAILUSER_ID);
	gid = mbx_conf_int(conf, "mailuser_gid", MBX_MAILUSER_ID);
	if (strcmp(mbx_conf_str(conf, "mailbox_virtual_uidgid_maps", "n"),
	    "y") == 0)
		uid = gid = -1;
	params = json_object_new_object();
	mbx_add_int(params, "server_id", d->server_id);
	mbx_add_str(params, "email", email);
	mbx_add_str(params, "login", email);
	json_object_object_add(params, "password",
	    json_object_new_string_len(password->buf, (int)password->len));
	mbx_add_str(params, "name", spec->name != NULL ? spec->name : "");
	mbx_add_int(params, "quota", (long long)spec->quota);
	mbx_add_str(params, "cc", "");
	mbx_add_str(params, "forward_in_lda", "n");
	mbx_add_str(params, "sender_cc", "");
	mbx_add_str(params, "maildir", maildir);
	mbx_add_str(params, "maildir_format",
	    mbx_conf_str(conf, "maildir_format", "maildir"));
	mbx_add_str(params, "homedir",
	    mbx_conf_str(conf, "homedir_path", MBX_HOMEDIR_PATH));
	mbx_add_int(params, "uid", uid);
	mbx_add_int(params, "gid", gid);
	mbx_add_str(params, "postfix", "y");
	mbx_add_str(params, "greylisting", "n");
	mbx_add_str(params, "disablesmtp", "n");
	mbx_add_str(params, "disabledeliver", "n");
	mbx_add_str(params, "disableimap", "n");
	mbx_add_str(params, "disablepop3", "n");
	mbx_add_str(params, "autoresponder", "n");
	mbx_add_str(params, "autoresponder_subject", "Out of office reply");
	mbx_add_str(params, "autoresponder_text", "");
	mbx_add_str(params, "move_junk", "y");
	mbx_add_int(params, "purge_trash_days", 0);
	mbx_add_int(params, "purge_junk_days", 0);
	mbx_add_str(params, "backup_interval", "none");
	mbx_add_int(params, "backup_copies", 1);
	mbx_add_str(params, "imap_prefix", "");
	return params;
}

/* What creating in one domain needs; see mailbox.h. */
struct mbx_target {
	struct mail_domain	*domain;	/* with its owner client */
	struct json_object	*conf;		/* server_get "mail" section */
};

/* see mailbox.h */
void
mbx_target_free(struct mbx_target *t)
{
	if (t == NULL)
		return;
	mail_domain_free(t->domain);
	json_object_put(t->conf);
	free(t);
}

/* see mailbox.h */
const struct mail_domain *
mbx_target_domain(const struct mbx_target *t)
{
	return t->domain;
}

/* A target of d (taken, freed on failure) and its server's config. */
static int
mbx_target_of(struct api *api, struct mail_domain *d,
    struct mbx_target **out, struct errbuf *eb)
{
	struct json_object *conf = NULL;
	int r;

	*out = NULL;
	if ((r = mbx_server_conf(api, d, &conf, eb)) != 0) {
		json_object_put(conf);
		mail_domain_free(d);
		return r;
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->domain = d;
	(*out)->conf = conf;
	return 0;
}

/* see mailbox.h */
int
mbx_target_get(struct api *api, const char *domain, struct mbx_target **out,
    struct errbuf *eb)
{
	struct mail_domain *d;
	int r;

	*out = NULL;
	if ((r = mbx_domain_lookup(api, domain, MBX_OWNER_STRICT, &d,
	    eb)) != 0)
		return r;
	return mbx_target_of(api, d, out, eb);
}

/* see mailbox.h */
int
mbx_create_in(struct api *api, const struct mbx_target *t,
    const struct mbx_spec *spec, const struct secret *password,
    struct mailbox **out, struct errbuf *eb)
{
	const struct mail_domain *d = t->domain;
	struct mailbox *m;
	struct json_object *p, *params, *resp = NULL;
	char *email, *at, *maildir = NULL;
	long long id;
	int r;

	if (out != NULL)
		*out = NULL;
	email = mbx_lower(spec->email);
	if ((at = strrchr(email, '@')) == NULL || at == email ||
	    strcasecmp(at + 1, d->domain) != 0) {
		r = err_set(eb, ISPM_EDATA, "invalid address '%s' for mail "
		    "domain '%s'", email, d->domain);
		goto out;
	}
	*at = '\0';
	maildir = mbx_maildir(mbx_conf_str(t->conf, "maildir_path",
	    MBX_MAILDIR_PATH), email, at + 1);
	*at = '@';
	params = mbx_create_params(d, email, maildir, spec, password,
	    t->conf);
	p = json_object_new_object();
	mbx_add_int(p, "client_id", d->client_id);
	json_object_object_add(p, "params", params);
	r = api_call(api, "mail_user_add", p, &resp, eb);
	ju_wipe_member(params, "password");
	json_object_put(p);
	if (r != 0)
		goto out;
	if (ju_to_int64(resp, &id) != 0 || id <= 0) {
		r = err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'mail_user_add': the answer is not a mailbox id");
		goto out;
	}
	if (out != NULL) {
		m = xcalloc(1, sizeof(*m));
		m->id = (long)id;
		m->email = xstrdup(email);
		m->login = xstrdup(email);
		m->name = xstrdup(spec->name != NULL ? spec->name : "");
		m->quota = spec->quota;
		m->postfix = 1;
		m->server_id = d->server_id;
		m->maildir = maildir;
		maildir = NULL;
		*out = m;
	}
	r = 0;
 out:
	json_object_put(resp);
	free(maildir);
	free(email);
	return r;
}

/* see mailbox.h */
int
mbx_create(struct api *api, const struct mbx_spec *spec,
    const struct secret *password, struct mailbox **out, struct errbuf *eb)
{
	struct mail_domain *d = NULL;
	struct mbx_target *t = NULL;
	char *email, *at;
	int r;

	if (out != NULL)
		*out = NULL;
	email = mbx_lower(spec->email);
	if ((at = strrchr(email, '@')) == NULL || at == email ||
	    at[1] == '\0') {
		r = err_set(eb, ISPM_EDATA, "invalid address '%s'", email);
		goto out;
	}
	if ((r = mbx_create_check(api, email, at + 1, &d, eb)) != 0)
		goto out;
	r = mbx_target_of(api, d, &t, eb);
	d = NULL;
	if (r == 0)
		r = mbx_create_in(api, t, spec, password, out, eb);
 out:
	mbx_target_free(t);
	mail_domain_free(d);
	free(email);
	return r;
}

/*
 * mail_user_update with only the fields in params (consumed): client_id 0
 * keeps the owner, and no "email" means ISPConfig skips its case-sensitive
 * domain check. Returns the api_call() code; an unchanged row (0 affected
 * rows) is success.
 */
static int
mbx_update(struct api *api, const char *email, struct json_object *params,
    struct errbuf *eb)
{
	struct json_object *p, *resp = NULL;
	long long n;
	long id;
	int r;

	p = json_object_new_object();
	json_object_object_add(p, "params", params);
	if ((r = mbx_id(api, email, &id, eb)) != 0)
		goto out;
	mbx_add_int(p, "client_id", 0);
	mbx_add_int(p, "primary_id", id);
	if ((r = api_call(api, "mail_user_update", p, &resp, eb)) != 0)
		goto out;
	if (ju_to_int64(resp, &n) != 0 || n < 0)
		r = err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'mail_user_update': the answer is not a row count");
 out:
	ju_wipe_member(params, "password");
	json_object_put(resp);
	json_object_put(p);
	return r;
}

/* see mailbox.h */
int
mbx_set_password(struct api *api, const char *email,
    const struct secret *password, struct errbuf *eb)
{
	struct json_object *params;

	if (password->len == 0)
		return err_set(eb, ISPM_EDATA, "empty password for '%s'",
		    email);
	params = json_object_new_object();
	json_object_object_add(params, "password",
	    json_object_new_string_len(password->buf, (int)password->len));
	return mbx_update(api, email, params, eb);
}

/* see mailbox.h */
int
mbx_set_quota(struct api *api, const char *email, unsigned long long bytes,
    struct errbuf *eb)
{
	struct json_object *params;

	if (bytes > (unsigned long long)LLONG_MAX)
		return err_set(eb, ISPM_EDATA, "quota %llu is too large",
		    bytes);
	params = json_object_new_object();
	mbx_add_int(params, "quota", (long long)bytes);
	return mbx_update(api, email, params, eb);
}

/*
 * see mailbox.h
 *
 * ISPConfig has no "active" column on mail_user. The web UI's four boxes
 * (IMAP, POP3, SMTP, delivery) set eight columns: after saving the form,
 * mail_user_edit.php copies disableimap into disablesieve and
 * disablesieve-filter, and disabledeliver into disablelda and disablelmtp,
 * so that a disabled mailbox cannot log in to managesieve either. We send
 * the same eight; a panel whose remote API drops the companions (3.2.12
 * does) leaves a state that mbx_state() reports as "mixed". postfix is left
 * alone, so that enabling restores the mailbox as it was; disabledeliver
 * alone already takes the address out of Postfix's virtual_mailbox_maps.
 * Forwards to the "cc" address keep working, as in the web UI.
 */
int
mbx_set_disabled(struct api *api, const char *email, int disabled,
    struct errbuf *eb)
{
	static const char *const fields[] = {
		"disableimap", "disablesieve", "disablesieve-filter",
		"disablepop3", "disablesmtp",
		"disabledeliver", "disablelda", "disablelmtp"
	};
	struct json_object *params;
	const char *v = disabled ? "y" : "n";
	size_t i;

	params = json_object_new_object();
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		mbx_add_str(params, fields[i], v);
	return mbx_update(api, email, params, eb);
}

/* see mailbox.h */
const char *
mbx_state(const struct mailbox *m)
{
	if (m->disablesieve != m->disableimap ||
	    m->disablesievefilter != m->disableimap ||
	    m->disablelda != m->disabledeliver ||
	    m->disablelmtp != m->disabledeliver)
		return "mixed";
	return m->disabled ? "disabled" : "enabled";
}

/* see mailbox.h */
int
mbx_delete(struct api *api, const char *email, struct errbuf *eb)
{
	struct json_object *p, *resp = NULL;
	long long n;
	long id;
	int r;

	if ((r = mbx_id(api, email, &id, eb)) != 0)
		return r;
	/* An integer: ISPConfig pastes this id into its SQL unescaped. */
	p = json_object_new_object();
	mbx_add_int(p, "primary_id", id);
	if ((r = mbx_call(api, "mail_user_delete", p, &resp, eb)) != 0)
		goto out;
	if (ju_to_int64(resp, &n) != 0 || n < 0)
		r = err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'mail_user_delete': the answer is not a row count");
	else if (n == 0)
		r = err_set(eb, ISPM_ENOTFOUND, "mailbox '%s' does not exist "
		    "(deleted meanwhile)", email);
 out:
	json_object_put(resp);
	return r;
}

/*
 * One key of system_config_get's "misc" section: *value is set when the
 * panel has a number for it, left alone when unset (false) and set to 0
 * when empty (the admin chose "None").
 */
static int
mbx_misc_value(struct api *api, const char *key, int *value,
    struct errbuf *eb)
{
	struct json_object *p, *resp = NULL;
	long long v;
	int r;

	p = json_object_new_object();
	mbx_add_str(p, "section", "misc");
	mbx_add_str(p, "key", key);
	if ((r = mbx_call(api, "system_config_get", p, &resp, eb)) != 0)
		return r;
	/* The panel keeps its settings as text: a number in a string, ""
	 * or false (unset). Anything else is nonsense, and a policy read
	 * from nonsense would let a password the panel refuses through. */
	if (json_object_is_type(resp, json_type_boolean) &&
	    !json_object_get_boolean(resp))
		r = 0;
	else if (!json_object_is_type(resp, json_type_string))
		r = -1;
	else if (json_object_get_string_len(resp) == 0)
		*value = 0;
	else if (ju_to_int64(resp, &v) == 0 && v >= 0 && v <= SECRET_MAX)
		*value = (int)v;
	else
		r = -1;
	json_object_put(resp);
	if (r != 0)
		return err_set(eb, ISPM_EPROTO, "protocol error calling "
		    "'system_config_get': %s is not a number", key);
	return 0;
}

/* see mailbox.h */
int
mbx_password_policy(struct api *api, int *min_length, int *min_strength,
    struct errbuf *eb)
{
	int len = MBX_MIN_PW_LENGTH, strength = MBX_MIN_PW_STRENGTH, r;

	r = mbx_misc_value(api, "min_password_length", &len, eb);
	if (r == 0)
		r = mbx_misc_value(api, "min_password_strength", &strength,
		    eb);
	if (r == ISPM_EPERM && api_last_fault(api) == API_FAULT_PERMISSION) {
		len = MBX_MIN_PW_LENGTH;
		strength = MBX_MIN_PW_STRENGTH;
		r = 0;
	}
	if (r != 0)
		return r;
	*min_length = len;
	*min_strength = strength;
	return 0;
}

/* see mailbox.h */
int
mbx_parse_size(const char *s, unsigned long long *bytes, struct errbuf *eb)
{
	unsigned long long v = 0, mult = 1;
	const char *p = s;

	if (strcasecmp(s, "unlimited") == 0) {
		*bytes = 0;
		return 0;
	}
	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (ULLONG_MAX - (unsigned)(*p - '0')) / 10)
			goto big;
		v = v * 10 + (unsigned)(*p - '0');
	}
	switch (*p) {
	case '\0':
		break;
	case 'k': case 'K':
		mult = 1ULL << 10;
		break;
	case 'm': case 'M':
		mult = 1ULL << 20;
		break;
	case 'g': case 'G':
		mult = 1ULL << 30;
		break;
	case 't': case 'T':
		mult = 1ULL << 40;
		break;
	default:
		goto bad;
	}
	if (*p != '\0') {
		p++;
		/* "500M", "500MB" and "500MiB" all mean 500 * 1024^2. */
		if (strcmp(p, "iB") == 0 || strcmp(p, "ib") == 0)
			p += 2;
		else if (*p == 'B' || *p == 'b')
			p++;
		if (*p != '\0')
			goto bad;
	}
	/* ISPConfig stores the quota in a signed 64-bit column. */
	if (v > (unsigned long long)LLONG_MAX / mult)
		goto big;
	*bytes = v * mult;
	return 0;
 big:
	return err_set(eb, ISPM_EDATA, "size '%.40s' is too large", s);
 bad:
	return err_set(eb, ISPM_EDATA, "invalid size '%.40s': give bytes, a "
	    "number with K, M, G or T (powers of 1024), or 'unlimited'", s);
}
