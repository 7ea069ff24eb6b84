/*
 * The fake transport of fake-http.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-http.h"
#include "secret.h"
#include "xmalloc.h"

static int
fake_post(struct http_transport *t, const char *url, const char *body,
    size_t len, struct http_response *resp, struct errbuf *eb)
{
	struct fake_http *f = (struct fake_http *)t;
	struct fake_reply *r;

	memset(resp, 0, sizeof(*resp));
	if (f->nreq >= FAKE_MAX || f->next >= f->nreplies)
		return err_set(eb, ISPM_EINTERNAL, "fake: no reply left");
	f->urls[f->nreq] = xstrdup(url);
	f->bodies[f->nreq] = xstrndup(body, len);
	f->nreq++;
	r = &f->replies[f->next++];
	if (r->rc != 0 && !r->truncated)
		return err_set(eb, r->rc, "fake transport failure");
	resp->status = r->status;
	resp->body = xstrdup(r->body != NULL ? r->body : "");
	resp->len = strlen(resp->body);
	resp->truncated = r->truncated;
	if (r->truncated)
		return err_set(eb, ISPM_EPROTO, "truncated body");
	return 0;
}

static void
fake_free(struct http_transport *t)
{
	((struct fake_http *)t)->freed = 1;
}

void
fake_init(struct fake_http *f)
{
	memset(f, 0, sizeof(*f));
	f->base.post = fake_post;
	f->base.free = fake_free;
}

void
fake_release(struct fake_http *f)
{
	int i;

	for (i = 0; i < f->nreplies; i++)
		free(f->replies[i].body);
	for (i = 0; i < f->nreq; i++) {
		free(f->urls[i]);
		free(f->bodies[i]);
	}
	fake_init(f);
}

static struct fake_reply *
fake_add(struct fake_http *f)
{
	if (f->nreplies >= FAKE_MAX)
		abort();
	return &f->replies[f->nreplies++];
}

void
fake_reply(struct fake_http *f, long status, const char *body)
{
	struct fake_reply *r = fake_add(f);

	r->status = status;
	r->body = xstrdup(body);
}

void
fake_reply_ok(struct fake_http *f, const char *json)
{
	struct fake_reply *r = fake_add(f);

	r->status = 200;
	r->body = xasprintf("{\"code\":\"ok\",\"message\":\"\","
	    "\"response\":%s}", json);
}

void
fake_reply_login(struct fake_http *f)
{
	fake_reply_ok(f, "\"" FAKE_SESSION "\"");
}

void
fake_reply_fault(struct fake_http *f, const char *msg)
{
	struct fake_reply *r = fake_add(f);
	struct json_object *o;

	o = json_object_new_string(msg);
	r->status = 200;
	r->body = xasprintf("{\"code\":\"remote_fault\",\"message\":%s,"
	    "\"response\":false}", json_object_to_json_string(o));
	json_object_put(o);
}

void
fake_reply_error(struct fake_http *f, int rc)
{
	struct fake_reply *r = fake_add(f);

	r->rc = rc;
	if (rc == ISPM_EPROTO) {
		r->truncated = 1;
		r->status = 200;
		r->body = xstrdup("{\"code\":\"ok\",\"mess");
	}
}

const char *
fake_method(const struct fake_http *f, int i)
{
	const char *q;

	if (i < 0 || i >= f->nreq || (q = strchr(f->urls[i], '?')) == NULL)
		return NULL;
	return q + 1;
}

struct json_object *
fake_body(const struct fake_http *f, int i)
{
	if (i < 0 || i >= f->nreq)
		return NULL;
	return json_tokener_parse(f->bodies[i]);
}

const char *
fake_param(const struct fake_http *f, int i, const char *key, char *buf,
    size_t len)
{
	struct json_object *o, *v;

	buf[0] = '\0';
	if ((o = fake_body(f, i)) == NULL)
		return buf;
	if (json_object_object_get_ex(o, key, &v))
		snprintf(buf, len, "%s", json_object_get_string(v));
	json_object_put(o);
	return buf;
}

int
fake_count(const struct fake_http *f, const char *method)
{
	int i, n = 0;

	for (i = 0; i < f->nreq; i++)
		if (strcmp(fake_method(f, i), method) == 0)
			n++;
	return n;
}

static int
fake_password(void *arg, struct secret *out, struct errbuf *eb)
{
	(void)arg;
	return secret_set(out, "apipass123", 10, eb);
}

/* see fake-http.h */
struct api *
fake_api(struct fake_http *f)
{
	struct api_opts o;
	struct api *api = NULL;
	struct errbuf eb;

	fake_init(f);
	memset(&o, 0, sizeof(o));
	o.url = "https://panel.example:8080/remote/json.php";
	o.user = "apiuser";
	o.password_cb = fake_password;
	if (api_new_transport(&o, &f->base, &api, &eb) != 0)
		return NULL;
	fake_reply_login(f);
	return api;
}

/* see fake-http.h */
void
fake_api_done(struct fake_http *f, struct api *api)
{
	fake_reply_ok(f, "true");
	api_free(api);
	fake_release(f);
}
