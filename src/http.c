/*
 * libcurl transport for the API client: one easy handle per panel so that
 * the TLS connection is kept alive between calls, verification always on,
 * no redirects, and a progress callback that abandons the transfer when
 * the shell's SIGINT handler sets the cancel flag.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "http.h"
#include "xmalloc.h"

/* Enough for every answer but lists, so that small answers (the login's
 * session id) are never reallocated and leave no copy behind. */
#define HTTP_BODY_INITIAL	16384

struct http_curl {
	struct http_transport	 base;	/* first: the transport is cast back */
	CURL			*curl;
	struct curl_slist	*headers;
	char			*host;
	long			 timeout_ms;
	int			 pin_only;	/* pinned_pubkey without ca_file */
	volatile sig_atomic_t	*cancel;
	char			 curlerr[CURL_ERROR_SIZE];
};

struct http_sink {
	struct http_response	*resp;
	size_t			 cap;
	int			 too_big;
};

/* see http.h */
void
http_response_clear(struct http_response *resp)
{
	if (resp->body != NULL) {
		sodium_memzero(resp->body, resp->len);
		free(resp->body);
	}
	memset(resp, 0, sizeof(*resp));
}

/*
 * Appends to the body. Growing copies by hand instead of realloc() so that
 * the old buffer is wiped: answers may carry session ids and hashes.
 */
static size_t
http_curl_write(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_sink *sink = arg;
	struct http_response *resp = sink->resp;
	size_t n = size * nmemb, ncap;
	char *nbody;

	if (n > HTTP_BODY_MAX - resp->len) {
		sink->too_big = 1;
		return 0;
	}
	if (resp->len + n + 1 > sink->cap) {
		ncap = sink->cap;
		while (resp->len + n + 1 > ncap)
			ncap *= 2;
		nbody = xmalloc(ncap);
		memcpy(nbody, resp->body, resp->len);
		sodium_memzero(resp->body, sink->cap);
		free(resp->body);
		resp->body = nbody;
		sink->cap = ncap;
	}
	memcpy(resp->body + resp->len, data, n);
	resp->len += n;
	resp->body[resp->len] = '\0';
	return n;
}

/* Called by libcurl at least once a second: a non-zero return aborts. */
static int
http_curl_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct http_curl *h = arg;

	return h->cancel != NULL && *h->cancel != 0;
}

/* Maps a libcurl failure to an ISPM_E* code and a message naming host. */
static int
http_curl_error(struct http_curl *h, CURLcode cc, struct errbuf *eb)
{
	const char *why;

	why = h->curlerr[0] != '\0' ? h->curlerr : curl_easy_strerror(cc);
	switch (cc) {
	case CURLE_ABORTED_BY_CALLBACK:
		return err_set(eb, ISPM_ECANCEL, "request to '%s' interrupted",
		    h->host);
	case CURLE_OPERATION_TIMEDOUT:
		return err_set(eb, ISPM_ETEMP,
		    "no answer from '%s' within the timeout: %s", h->host,
		    why);
	case CURLE_SSL_CACERT_BADFILE:
		return err_set(eb, ISPM_ECONFIG,
		    "cannot use ca_file for '%s': %s", h->host, why);
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return err_set(eb, ISPM_EUNREACH,
		    "cannot reach '%s': its public key does not match "
		    "pinned_pubkey (%s)", h->host, why);
	case CURLE_PEER_FAILED_VERIFICATION:
		if (h->pin_only)
			return err_set(eb, ISPM_EUNREACH, "cannot reach '%s': "
			    "its certificate is not made out to '%s' (%s)",
			    h->host, h->host, why);
		return err_set(eb, ISPM_EUNREACH,
		    "cannot reach '%s': its certificate was not verified (%s); "
		    "trust the panel's CA with ca_file or pin its key with "
		    "pinned_pubkey", h->host, why);
	case CURLE_PARTIAL_FILE:
		return err_set(eb, ISPM_EPROTO, "truncated body");
	case CURLE_WRITE_ERROR:
		return err_set(eb, ISPM_EPROTO, "the answer of '%s' is larger "
		    "than %lu MiB, the most ispmail accepts", h->host,
		    (unsigned long)(HTTP_BODY_MAX >> 20));
	default:
		return err_set(eb, ISPM_EUNREACH, "cannot reach '%s': %s",
		    h->host, why);
	}
}

static int
http_curl_post(struct http_transport *t, const char *url, const char *body,
    size_t len, struct http_response *resp, struct errbuf *eb)
{
	struct http_curl *h = (struct http_curl *)t;
	struct http_sink sink;
	CURLcode cc;
	int r;

	memset(resp, 0, sizeof(*resp));
	if (h->cancel != NULL && *h->cancel != 0)
		return err_set(eb, ISPM_ECANCEL, "request to '%s' interrupted",
		    h->host);
	memset(&sink, 0, sizeof(sink));
	sink.resp = resp;
	sink.cap = HTTP_BODY_INITIAL;
	resp->body = xmalloc(sink.cap);
	resp->body[0] = '\0';
	h->curlerr[0] = '\0';

	curl_easy_setopt(h->curl, CURLOPT_URL, url);
	/* POSTFIELDS does not copy: the caller wipes body after the call. */
	curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)len);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &sink);

	cc = curl_easy_perform(h->curl);
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &resp->status);
	/* Do not keep a pointer to a body that is about to be wiped. */
	curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, NULL);
	if (cc == CURLE_OK)
		return 0;
	if (cc == CURLE_WRITE_ERROR && !sink.too_big)
		cc = CURLE_RECV_ERROR;
	if (cc == CURLE_PARTIAL_FILE)
		resp->truncated = 1;
	r = http_curl_error(h, cc, eb);
	if (r != ISPM_EPROTO)
		http_response_clear(resp);
	return r;
}

static void
http_curl_free(struct http_transport *t)
{
	struct http_curl *h = (struct http_curl *)t;

	if (h == NULL)
		return;
	if (h->curl != NULL)
		curl_easy_cleanup(h->curl);
	curl_slist_free_all(h->headers);
	free(h->host);
	free(h);
}

/* see http.h */
int
http_curl_new(const struct http_opts *opts, struct http_transport **out,
    struct errbuf *eb)
{
	struct http_curl *h;
	struct curl_slist *l;
	const char *proto;
	int r = ISPM_EINTERNAL;
	CURLcode cc = CURLE_OK;

	*out = NULL;
	h = xcalloc(1, sizeof(*h));
	h->base.post = http_curl_post;
	h->base.free = http_curl_free;
	h->host = xstrdup(opts->host != NULL ? opts->host : "panel");
	h->cancel = opts->cancel;
	h->timeout_ms = opts->timeout_ms;
	if ((h->curl = curl_easy_init()) == NULL) {
		err_set(eb, r, "cannot initialise libcurl");
		goto out;
	}
	l = curl_slist_append(NULL, "Content-Type: application/json");
	if (l != NULL)
		h->headers = l;
	if (l != NULL)
		l = curl_slist_append(h->headers, "Accept: application/json");
	/* No "100 Continue" round trip: the bodies are small. */
	if (l != NULL)
		l = curl_slist_append(h->headers, "Expect:");
	if (l == NULL) {
		err_set(eb, r, "cannot allocate HTTP headers");
		goto out;
	}
	proto = opts->plain_http ? "http" : "https";

#define SET(opt, val) do {						\
	if (cc == CURLE_OK)						\
		cc = curl_easy_setopt(h->curl, opt, val);		\
} while (0)
	SET(CURLOPT_ERRORBUFFER, h->curlerr);
	SET(CURLOPT_HTTPHEADER, h->headers);
	SET(CURLOPT_POST, 1L);
	SET(CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	/* ISPConfig gzips its answers when asked (ob_gzhandler). */
	SET(CURLOPT_ACCEPT_ENCODING, "");
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, proto);
	SET(CURLOPT_REDIR_PROTOCOLS_STR, proto);
#else
	SET(CURLOPT_PROTOCOLS, opts->plain_http ? CURLPROTO_HTTP :
	    CURLPROTO_HTTPS);
	SET(CURLOPT_REDIR_PROTOCOLS, opts->plain_http ? CURLPROTO_HTTP :
	    CURLPROTO_HTTPS);
	(void)proto;
#endif
	/* The API never redirects; a redirect means a wrong url. */
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	/*
	 * A pin without ca_file is the trust anchor of a panel with a
	 * self-signed certificate: the chain cannot be verified, so the
	 * chain check alone is replaced by the pin (libcurl compares the key
	 * after the handshake and fails on a mismatch). The host name is
	 * still checked against the certificate (libcurl's OpenSSL and
	 * GnuTLS back ends do so with VERIFYHOST whatever VERIFYPEER says),
	 * so that a certificate made out to another name is refused even
	 * with the right key; TLS 1.2 and every other check stay on.
	 */
	h->pin_only = opts->pinned_pubkey != NULL && opts->ca_file == NULL;
	SET(CURLOPT_SSL_VERIFYPEER, h->pin_only ? 0L : 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (opts->ca_file != NULL)
		SET(CURLOPT_CAINFO, opts->ca_file);
	if (opts->pinned_pubkey != NULL)
		SET(CURLOPT_PINNEDPUBLICKEY, opts->pinned_pubkey);
	SET(CURLOPT_TIMEOUT_MS, opts->timeout_ms);
	SET(CURLOPT_CONNECTTIMEOUT_MS, opts->connect_timeout_ms);
	/* Timeouts must not use SIGALRM: the shell owns the signals. */
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_TCP_KEEPALIVE, 1L);
	SET(CURLOPT_NOPROGRESS, 0L);
	SET(CURLOPT_XFERINFOFUNCTION, http_curl_progress);
	SET(CURLOPT_XFERINFODATA, h);
	SET(CURLOPT_WRITEFUNCTION, http_curl_write);
#undef SET
	if (cc != CURLE_OK) {
		err_set(eb, r, "cannot configure libcurl: %s",
		    curl_easy_strerror(cc));
		goto out;
	}
	*out = &h->base;
	h = NULL;
	r = 0;
 out:
	http_curl_free(h != NULL ? &h->base : NULL);
	return r;
}
