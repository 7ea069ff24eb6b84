/*
 * HTTP transport seam for the API client: one POST at a time over a kept
 * connection. The libcurl implementation enforces the TLS rules (https
 * only, verification always on, optional CA file and pinned key, no
 * redirects); unit tests substitute a fake that returns canned answers and
 * records what was sent.
 */
#ifndef ISPMAIL_HTTP_H
#define ISPMAIL_HTTP_H

#include <signal.h>
#include <stddef.h>

#include "err.h"

/*
 * Largest response body accepted, after decompression: a mail_user_get of
 * about 50,000 mailboxes (1.3 KB a row). Parsing takes some nine times
 * the body in memory, so a larger answer is refused, not parsed
 * (ISPM_EPROTO); ispmail(1) documents the limit.
 */
#define HTTP_BODY_MAX	(64UL * 1024 * 1024)

struct http_response {
	long	 status;	/* HTTP status, 0 when none was received */
	char	*body;		/* NUL-terminated, owned; wiped by _clear */
	size_t	 len;
	int	 truncated;	/* the body ended before its announced end */
};

struct http_transport {
	/*
	 * POSTs body (len bytes, Content-Type application/json) to url and
	 * fills resp, which the caller releases with http_response_clear().
	 * Returns 0 whenever an HTTP answer arrived, whatever its status, or:
	 * ISPM_EUNREACH (DNS, connect, TLS verification, pinned key),
	 * ISPM_ETEMP (timeout), ISPM_ECANCEL (*cancel became non-zero),
	 * ISPM_EPROTO (truncated or oversized body; resp->status is set),
	 * ISPM_ECONFIG (unusable ca_file). eb gets a one-line reason naming
	 * the host.
	 */
	int	(*post)(struct http_transport *t, const char *url,
		    const char *body, size_t len, struct http_response *resp,
		    struct errbuf *eb);
	/* Closes the connection and frees t. */
	void	(*free)(struct http_transport *t);
};

struct http_opts {
	const char	*host;		/* names the panel in messages */
	const char	*ca_file;	/* NULL: the system's CAs */
	const char	*pinned_pubkey;	/* NULL or curl's "sha256//..." */
	long		 timeout_ms;	/* whole request, > 0 */
	long		 connect_timeout_ms; /* > 0 */
	int		 plain_http;	/* 1: the URL is http:// to loopback */
	volatile sig_atomic_t *cancel;	/* may be NULL */
};

/*
 * Returns a libcurl transport (one easy handle, reused for keep-alive).
 * Strings in opts are copied. Returns 0 or ISPM_EINTERNAL (libcurl could
 * not be set up); *out is set only on success.
 */
int	http_curl_new(const struct http_opts *opts, struct http_transport **out,
	    struct errbuf *eb);

/* Wipes and frees the body; leaves resp empty. Accepts an empty resp. */
void	http_response_clear(struct http_response *resp);

#endif
