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

#endif
