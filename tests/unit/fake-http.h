/*
 * A fake HTTP transport for the unit tests: it answers each POST with the
 * next canned reply and records the URL and body it was sent, so that the
 * tests can check both what the client sent and what it made of the
 * answer.
 */
#ifndef ISPMAIL_FAKE_HTTP_H
#define ISPMAIL_FAKE_HTTP_H

#include <json-c/json.h>

#include "api.h"
#include "http.h"

#define FAKE_MAX	64

struct fake_reply {
	int	 rc;		/* 0 or the transport's ISPM_E* code */
	long	 status;
	char	*body;
	int	 truncated;
};

struct fake_http {
	struct http_transport	 base;	/* first: cast back in post() */
	struct fake_reply	 replies[FAKE_MAX];
	int			 nreplies;
	int			 next;
	char			*urls[FAKE_MAX];
	char			*bodies[FAKE_MAX];
	int			 nreq;
	int			 freed;	/* set by base.free, memory kept */
};

#define FAKE_SESSION	"gb6550a38692241a6f16718e687a0830528b07026"

void	fake_init(struct fake_http *f);
void	fake_release(struct fake_http *f);

/* Queues a raw reply. */
void	fake_reply(struct fake_http *f, long status, const char *body);
/* {"code":"ok","message":"","response":<json>} */
void	fake_reply_ok(struct fake_http *f, const char *json);
/* The login answer with FAKE_SESSION. */
void	fake_reply_login(struct fake_http *f);
/* {"code":"remote_fault","message":<msg, JSON-escaped>,"response":false} */
void	fake_reply_fault(struct fake_http *f, const char *msg);
/* A transport failure. */
void	fake_reply_error(struct fake_http *f, int rc);

/* The method (query) of request i, or NULL. */
const char *fake_method(const struct fake_http *f, int i);
/* Request i's body parsed; the caller puts it. */
struct json_object *fake_body(const struct fake_http *f, int i);
/* Member key of request i's body as a string ("" when missing). */
const char *fake_param(const struct fake_http *f, int i, const char *key,
	    char *buf, size_t len);
/* Number of requests to method. */
int	fake_count(const struct fake_http *f, const char *method);

/*
 * fake_init(f), then an API client of apiuser (password apipass123) on
 * f's transport with the login answer queued: how the tests of the layers
 * above the API begin. NULL when the client cannot be made.
 */
struct api *fake_api(struct fake_http *f);
/* The logout answer queued, api freed, then fake_release(f). */
void	fake_api_done(struct fake_http *f, struct api *api);

#endif
