/*
 * Aliases and forwards (ISPConfig's mail_forwarding rows) by source
 * address, with the web interface's checks made before every add
 * (mail_alias_edit.php, mail_forward_edit.php), since the API makes
 * almost none of them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alias.h"
#include "json-util.h"
#include "mailbox.h"
#include "names.h"
#include "xmalloc.h"

/* How the web interface splits a forward's destinations. */
#define ALIAS_DEST_SEPS	", ;\t\r\n"

static void
alias_clear(struct alias *a)
{
	size_t i;

	free(a->source);
	for (i = 0; i < a->ndest; i++)
		free(a->dest[i]);
	free(a->dest);
	memset(a, 0, sizeof(*a));
}

/* see alias.h */
void
alias_free(struct alias *a)
{
	if (a == NULL)
		return;
	alias_clear(a);
	free(a);
}

/* see alias.h */
void
aliases_free(struct alias *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		alias_clear(&v[i]);
	free(v);
}

/* see alias.h */
const char *
alias_kind_name(enum alias_kind kind)
{
	switch (kind) {
	case ALIAS_ALIAS:
		return "alias";
	case ALIAS_FORWARD:
		return "forward";
	case ALIAS_CATCHALL:
		return "catch-all";
	default:
		return "other";
	}
}

static enum alias_kind
alias_kind_of(const char *type)
{
	if (strcmp(type, "alias") == 0)
		return ALIAS_ALIAS;
	if (strcmp(type, "forward") == 0)
		return ALIAS_FORWARD;
	if (strcmp(type, "catchall") == 0)
		return ALIAS_CATCHALL;
	return ALIAS_OTHER;
}

/* "a@x, b@y" (or separated as the web interface accepts) into a->dest. */
static void
alias_split(struct alias *a, const char *dest)
{
	const char *p = dest;
	size_t n;

	a->dest = xcalloc(1, sizeof(*a->dest));
	for (;;) {
		p += strspn(p, ALIAS_DEST_SEPS);
		if ((n = strcspn(p, ALIAS_DEST_SEPS)) == 0)
			break;
		a->dest = xreallocarray(a->dest, a->ndest + 2,
		    sizeof(*a->dest));
		a->dest[a->ndest++] = xstrndup(p, n);
		a->dest[a->ndest] = NULL;
		p += n;
	}
}

static int
alias_from_row(const char *method, struct json_object *row, struct alias *a,
    struct errbuf *eb)
{
	const char *src, *dest, *type;
	long long id, server = 0;

	memset(a, 0, sizeof(*a));
	if (ju_get_int64(row, "forwarding_id", &id) != 0 || id <= 0)
		return err_set(eb, ISPM_EPROTO, "protocol error calling '%s': "
		    "a row without a forwarding_id", method);
	if ((src = mbx_row_str(method, row, "source", eb)) == NULL ||
	    (dest = mbx_row_str(method, row, "destination", eb)) == NULL ||
	    (type = mbx_row_str(method, row, "type", eb)) == NULL)
		return ISPM_EPROTO;
	ju_get_int64(row, "server_id", &server);
	a->id = (long)id;
	a->kind = alias_kind_of(type);
	a->source = xstrdup(src);
	alias_split(a, dest);
	a->active = ju_get_flag(row, "active");
	a->server_id = (long)server;
	return 0;
}

static int
alias_has_dest(const struct alias *a, const char *dest)
{
	size_t i;

	for (i = 0; i < a->ndest; i++)
		if (strcasecmp(a->dest[i], dest) == 0)
			return 1;
	return 0;
}

/* 1 when source ends in "@domain", ignoring case. */
static int
alias_in_domain(const char *source, const char *domain)
{
	const char *at;

	return (at = strrchr(source, '@')) != NULL &&
	    strcasecmp(at + 1, domain) == 0;
}

static int
alias_cmp(const void *a, const void *b)
{
	const struct alias *x = a, *y = b;
	int c;

	if ((c = strcasecmp(x->source, y->source)) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Drops repeated rows (a proxy or a join can repeat them), so that none
 * is listed or deleted twice; v is sorted by alias_cmp. */
static void
alias_dedupe(struct alias *v, size_t *n)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		if (k > 0 && v[k - 1].id == v[i].id &&
		    strcasecmp(v[k - 1].source, v[i].source) == 0) {
			alias_clear(&v[i]);
			continue;
		}
		if (k != i) {
			v[k] = v[i];
			memset(&v[i], 0, sizeof(v[i]));
		}
		k++;
	}
	*n = k;
}

/* see alias.h */
int
alias_list(struct api *api, enum alias_kind kind, const char *domain,
    const char *dest, struct alias **out, size_t *nout, struct errbuf *eb)
{
	struct mail_domain *d = NULL;
	struct json_object *p, *resp = NULL;
	struct alias *v = NULL;
	const char *method;
	char *like = NULL;
	size_t i, n = 0, nrows;
	int r;

	*out = NULL;
	*nout = 0;
	/* mail_alias_get and mail_forward_get read the same table, whatever
	 * the type: the permission they need is what differs. */
	method = kind == ALIAS_ALIAS ? "mail_alias_get" : "mail_forward_get";
	if (domain != NULL) {
		if ((r = mbx_domain_get(api, domain, &d, eb)) != 0)
			goto out;
		/* '_' is a LIKE wildcard too: the rows are checked below. */
		like = xasprintf("%%@%s", domain);
		p = mbx_filter("source", like);
	} else if (dest != NULL) {
		if ((r = mbx_check_filter("address", dest, eb)) != 0)
			goto out;
		like = xasprintf("%%%s%%", dest);
		p = mbx_filter("destination", like);
	} else {
		p = json_object_new_object();
		json_object_object_add(p, "primary_id",
		    json_object_new_int(-1));
	}
	if ((r = mbx_call(api, method, p, &resp, eb)) != 0)
		goto out;
	if ((r = mbx_rows(method, resp, &nrows, eb)) != 0)
		goto out;
	v = xcalloc(nrows > 0 ? nrows : 1, sizeof(*v));
	for (i = 0; i < nrows; i++) {
		if ((r = alias_from_row(method, json_object_array_get_idx(resp,
		    i), &v[n], eb)) != 0)
			goto out;
		if ((kind != ALIAS_ANY && v[n].kind != kind) ||
		    (domain != NULL && !alias_in_domain(v[n].source,
		    domain)) ||
		    (dest != NULL && !alias_has_dest(&v[n], dest))) {
			alias_clear(&v[n]);
			continue;
		}
		n++;
	}
	qsort(v, n, sizeof(*v), alias_cmp);
	alias_dedupe(v, &n);
	*out = v;
	*nout = n;
	v = NULL;
	r = 0;
 out:
	aliases_free(v, n);
	json_object_put(resp);
	mail_domain_free(d);
	free(like);
	return r;
}

/* see alias.h */
int
alias_targeting(struct api *api, const char *mailbox, struct alias **v,
    size_t *n, int *known, struct errbuf *eb)
{
	int r;

	*known = 0;
	r = alias_list(api, ALIAS_ALIAS, NULL, mailbox, v, n, eb);
	if (r == ISPM_EPERM && api_last_fault(api) == API_FAULT_PERMISSION) {
		err_clear(eb);
		return 0;
	}
	if (r == 0)
		*known = 1;
	return r;
}

/* see alias.h */
int
alias_get(struct api *api, const char *source, struct alias **out,
    struct errbuf *eb)
{
	struct json_object *resp = NULL;
	struct alias *a = NULL;
	size_t i, n;
	int r;

	*out = NULL;
	if ((r = mbx_check_filter("address", source, eb)) != 0)
		return r;
	if ((r = mbx_call(api, "mail_forward_get", mbx_filter("source",
	    source), &resp, eb)) != 0)
		goto out;
	if ((r = mbx_rows("mail_forward_get", resp, &n, eb)) != 0)
		goto out;
	a = xcalloc(1, sizeof(*a));
	for (i = 0; i < n; i++) {
		if ((r = alias_from_row("mail_forward_get",
		    json_object_array_get_idx(resp, i), a, eb)) != 0)
			goto out;
		if (strcasecmp(a->source, source) == 0)
			break;
		alias_clear(a);
	}
	if (i == n) {
		r = err_set(eb, ISPM_ENOTFOUND, "no alias or forward '%s'",
		    source);
		goto out;
	}
	*out = a;
	a = NULL;
 out:
	alias_free(a);
	json_object_put(resp);
	return r;
}

/* see alias.h */
int
alias_check_source(struct api *api, const char *source, struct errbuf *eb)
{
	struct mail_domain *d = NULL;
	struct mailbox *m = NULL;
	struct alias *a = NULL;
	const char *at;
	int r;

	if ((at = strrchr(source, '@')) == NULL)
		return err_set(eb, ISPM_EDATA, "invalid address '%s'", source);
	if ((r = mbx_domain_get(api, at + 1, &d, eb)) != 0)
		goto out;
	if ((r = mbx_get(api, source, &m, eb)) == 0) {
		r = err_set(eb, ISPM_EEXIST, "'%s' is a mailbox: an alias or "
		    "forward would take its mail", source);
		goto out;
	}
	if (r != ISPM_ENOTFOUND)
		goto out;
	if ((r = alias_get(api, source, &a, eb)) == 0) {
		r = err_set(eb, ISPM_EEXIST, "'%s' is already %s %s on the "
		    "panel", source, a->kind == ALIAS_ALIAS ? "an" : "a",
		    alias_kind_name(a->kind));
		goto out;
	}
	if (r == ISPM_ENOTFOUND) {
		err_clear(eb);
		r = 0;
	}
 out:
	alias_free(a);
	mailbox_free(m);
	mail_domain_free(d);
	return r;
}

/* see alias.h */
int
alias_check_dests(const char *const *dest, size_t n, struct errbuf *eb)
{
	struct errbuf why;
	size_t i, j;

	if (n == 0)
		return err_set(eb, ISPM_EDATA, "no destination address");
	for (i = 0; i < n; i++) {
		if (names_check_address(dest[i], &why) != 0)
			return err_set(eb, ISPM_EDATA, "destination: %s",
			    why.msg);
		for (j = 0; j < i; j++)
			if (strcasecmp(dest[i], dest[j]) == 0)
				return err_set(eb, ISPM_EDATA, "destination "
				    "'%s' is given twice", dest[i]);
	}
	return 0;
}

/* see alias.h */
char *
alias_join(const char *const *dest, size_t n)
{
	char *s, *tmp;
	size_t i;

	s = xstrdup(n > 0 ? dest[0] : "");
	for (i = 1; i < n; i++) {
		tmp = xasprintf("%s, %s", s, dest[i]);
		free(s);
		s = tmp;
	}
	return s;
}

/* see alias.h */
int
alias_add(struct api *api, enum alias_kind kind, const char *source,
    const char *const *dest, size_t ndest, long *id, struct errbuf *eb)
{
	struct mail_domain *d = NULL;
	struct mailbox *m = NULL;
	size_t i;
	int r;

	if (id != NULL)
		*id = 0;
	if (kind == ALIAS_ALIAS && ndest != 1)
		return err_set(eb, ISPM_EDATA, "an alias has exactly one "
		    "target mailbox; use a forward for several addresses");
	if (strrchr(source, '@') == NULL)
		return err_set(eb, ISPM_EDATA, "invalid address '%s'", source);
	if ((r = alias_check_dests(dest, ndest, eb)) != 0)
		return r;
	for (i = 0; i < ndest; i++)
		if (strcasecmp(dest[i], source) == 0)
			return err_set(eb, ISPM_EDATA, "'%s' would point to "
			    "itself", source);
	if ((r = alias_check_source(api, source, eb)) != 0)
		return r;
	/* The web interface offers only the client's mailboxes as an
	 * alias's target (no_destination_perm). */
	if (kind == ALIAS_ALIAS && (r = mbx_get(api, dest[0], &m, eb)) != 0) {
		if (r == ISPM_ENOTFOUND)
			r = err_set(eb, r, "the target of an alias must be a "
			    "mailbox, and '%s' is none on this panel (a "
			    "forward can go anywhere)", dest[0]);
		return r;
	}
	mailbox_free(m);
	if ((r = mbx_domain_get(api, strrchr(source, '@') + 1, &d, eb)) != 0)
		return r;
	r = alias_add_in(api, d, kind, source, dest, ndest, id, eb);
	mail_domain_free(d);
	return r;
}

/* see alias.h */
int
alias_add_in(struct api *api, const struct mail_domain *d,
    enum alias_kind kind, const char *source, const char *const *dest,
    size_t ndest, long *id, struct errbuf *eb)
{
	struct json_object *p, *params, *resp = NULL;
	const char *method, *at;
	char *joined;
	long long newid;
	int r;

	if (id != NULL)
		*id = 0;
	if (kind != ALIAS_ALIAS && kind != ALIAS_FORWARD)
		return err_set(eb, ISPM_EINTERNAL, "alias_add: only aliases "
		    "and forwards can be added");
	if ((at = strrchr(source, '@')) == NULL ||
	    strcasecmp(at + 1, d->domain) != 0)
		return err_set(eb, ISPM_EDATA, "invalid address '%s' for mail "
		    "domain '%s'", source, d->domain);
	if (d->client_id < 0)
		return err_set(eb, ISPM_EPERM, "cannot find the client owning "
		    "mail domain '%s': give the remote user the Client "
		    "functions in ISPConfig (System > Remote Users)",
		    d->domain);
	joined = alias_join(dest, ndest);
	/* The fields and defaults of the web interface's forms. */
	params = json_object_new_object();
	json_object_object_add(params, "server_id",
	    json_object_new_int64(d->server_id));
	json_object_object_add(params, "source",
	    json_object_new_string(source));
	json_object_object_add(params, "destination",
	    json_object_new_string(joined));
	json_object_object_add(params, "type",
	    json_object_new_string(kind == ALIAS_ALIAS ? "alias" : "forward"));
	json_object_object_add(params, "active", json_object_new_string("y"));
	json_object_object_add(params, "allow_send_as",
	    json_object_new_string(kind == ALIAS_ALIAS ? "y" : "n"));
	json_object_object_add(params, "greylisting",
	    json_object_new_string("n"));
	free(joined);
	p = json_object_new_object();
	json_object_object_add(p, "client_id",
	    json_object_new_int64(d->client_id));
	json_object_object_add(p, "params", params);
	method = kind == ALIAS_ALIAS ? "mail_alias_add" : "mail_forward_add";
	if ((r = mbx_call(api, method, p, &resp, eb)) != 0)
		goto out;
	if (ju_to_int64(resp, &newid) != 0 || newid <= 0) {
		r = err_set(eb, ISPM_EPROTO, "protocol error calling '%s': the "
		    "answer is not an id", method);
		goto out;
	}
	if (id != NULL)
		*id = (long)newid;
	r = 0;
 out:
	json_object_put(resp);
	return r;
}

/* see alias.h */
int
alias_delete(struct api *api, enum alias_kind kind, const char *source,
    struct errbuf *eb)
{
	struct json_object *p, *resp = NULL;
	struct alias *a = NULL;
	const char *method;
	long long n;
	int r;

	if ((r = alias_get(api, source, &a, eb)) != 0) {
		if (r == ISPM_ENOTFOUND)
			r = err_set(eb, r, "no %s '%s'", alias_kind_name(kind),
			    source);
		return r;
	}
	if (a->kind != kind) {
		r = err_set(eb, ISPM_EDATA, "'%s' is %s %s, not %s %s", source,
		    a->kind == ALIAS_ALIAS ? "an" : "a",
		    alias_kind_name(a->kind), kind == ALIAS_ALIAS ? "an" : "a",
		    alias_kind_name(kind));
		goto out;
	}
	method = kind == ALIAS_ALIAS ? "mail_alias_delete" :
	    "mail_forward_delete";
	/* An integer: ISPConfig pastes this id into its SQL unescaped. */
	p = json_object_new_object();
	json_object_object_add(p, "primary_id", json_object_new_int64(a->id));
	if ((r = mbx_call(api, method, p, &resp, eb)) != 0)
		goto out;
	if (ju_to_int64(resp, &n) != 0 || n < 0)
		r = err_set(eb, ISPM_EPROTO, "protocol error calling '%s': the "
		    "answer is not a row count", method);
	else if (n == 0)
		r = err_set(eb, ISPM_ENOTFOUND, "no %s '%s' (deleted "
		    "meanwhile)", alias_kind_name(kind), source);
 out:
	json_object_put(resp);
	alias_free(a);
	return r;
}
