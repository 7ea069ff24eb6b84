/*
 * ISPConfig remote JSON API client (remote/json.php) over libcurl.
 *
 * One struct api per panel: it logs in lazily on the first call, reuses the
 * session and the connection for every call, logs in again once (never in a
 * loop) when the session has expired, and logs out in api_free().
 * It knows no terminal: every failure is an ISPM_E* code plus a message.
 */
#ifndef ISPMAIL_API_H
#define ISPMAIL_API_H

#include <signal.h>

#include <json-c/json.h>

#include "err.h"
#include "http.h"
#include "secret.h"

struct api;

/*
 * Fetches the API password when the first login needs it; fills out (a
 * secret of SECRET_MAX bytes). Returns 0 or an ISPM_E* code with eb set.
 */
typedef int (*api_password_cb)(void *arg, struct secret *out,
    struct errbuf *eb);

struct api_opts {
	const char	*url;		/* https://host:8080/remote/json.php */
	const char	*user;		/* remote user */
	api_password_cb	 password_cb;
	void		*password_arg;
	const char	*ca_file;	/* NULL: system CAs */
	const char	*pinned_pubkey;	/* NULL or curl's "sha256//..." form */
	long		 timeout_ms;	/* whole request; 0: 30 s */
	long		 connect_timeout_ms; /* 0: 10 s */
	int		 verbose;	/* log method names and timing to stderr */
	/* When non-NULL and set non-zero (from a SIGINT handler), the request
	 * in flight is abandoned and the call returns ISPM_ECANCEL. */
	volatile sig_atomic_t *cancel;
};

/*
 * Checks the options (https only, http only to a loopback address) and
 * returns a client that has not contacted the server yet. Strings are
 * copied. Returns 0 or ISPM_ECONFIG; *out is set only on success.
 */
int	api_new(const struct api_opts *opts, struct api **out,
	    struct errbuf *eb);

/* Logs out when logged in, wipes the session id, frees; accepts NULL. */
void	api_free(struct api *api);

/*
 * Calls method with params (a JSON object, borrowed; "session_id" is added
 * to a copy). On success *response owns the "response" member (which may be
 * NULL for JSON null; release with json_object_put).
 * Returns 0 or: ISPM_EPERM (bad login, permission denied, naming the
 * function), ISPM_ETEMP (failure limit, timeout), ISPM_EUNREACH (connect or
 * TLS failure), ISPM_EPROTO (HTTP >= 400, not JSON, truncated, unexpected
 * envelope), ISPM_EDATA (validation refused, as readable sentences),
 * ISPM_EEXIST (email or login not unique), ISPM_ENOTFOUND (mail domain does
 * not exist), ISPM_ECANCEL.
 */
int	api_call(struct api *api, const char *method, struct json_object *params,
	    struct json_object **response, struct errbuf *eb);

/* Number of logins performed so far (for tests and -v). */
int	api_login_count(const struct api *api);

/* What the last failed api_call() ran into, for callers that treat some
 * refusals differently (a missing permission, a method the panel lacks). */
enum api_fault {
	API_FAULT_NONE = 0,
	API_FAULT_TRANSPORT,	/* no HTTP answer: connect, TLS, timeout */
	API_FAULT_PROTOCOL,	/* HTTP status, body or envelope unusable */
	API_FAULT_NOMETHOD,	/* invalid_method: the panel lacks it */
	API_FAULT_LOGIN,	/* the login was refused */
	API_FAULT_PERMISSION,	/* the remote user lacks the function */
	API_FAULT_SESSION,	/* session expired or unknown */
	API_FAULT_LIMIT,	/* failure limit reached, maintenance */
	API_FAULT_VALIDATION,	/* validation keys, password guidelines */
	API_FAULT_NOTFOUND,	/* mail domain, client or user missing */
	API_FAULT_OTHER		/* any other remote_fault */
};

enum api_fault api_last_fault(const struct api *api);

/*
 * As api_new(), over transport t instead of libcurl (the seam used by the
 * unit tests). t is owned by the client from the call on, also on failure,
 * and released with t->free() in api_free().
 */
int	api_new_transport(const struct api_opts *opts, struct http_transport *t,
	    struct api **out, struct errbuf *eb);

/*
 * Decodes one answer of method: the HTTP status and body (len bytes, not
 * necessarily NUL-terminated). user names the remote user in messages (may
 * be NULL). On success *response owns the "response" member (NULL for
 * JSON null). *fault tells the kind of failure (API_FAULT_NONE on
 * success). Returns 0 or the codes of api_call() but ISPM_EUNREACH and
 * ISPM_ECANCEL; an expired session gives ISPM_EPERM with
 * API_FAULT_SESSION.
 */
int	api_decode(const char *method, const char *user, long status,
	    const char *body, size_t len, struct json_object **response,
	    enum api_fault *fault, struct errbuf *eb);

#endif
