/*
 * Mailboxes and mail domains addressed by e-mail address, on top of the API
 * client. Fills what the web UI fills on create (server_id, login = email,
 * maildir, homedir, uid/gid, postfix=y, quota in bytes) and never sends a
 * fetched password hash back.
 */
#ifndef ISPMAIL_MAILBOX_H
#define ISPMAIL_MAILBOX_H

#include <stddef.h>

#include "api.h"
#include "err.h"
#include "secret.h"

struct mail_domain {
	long	 id;
	char	*domain;
	long	 server_id;
	long	 client_id;	/* owner client, 0 for admin, -1 when the
				 * remote user may not read clients */
	int	 active;
};

struct mailbox {
	long		 id;
	char		*email;
	char		*login;
	char		*name;
	unsigned long long quota;	/* bytes, 0 = unlimited */
	int		 disabled;	/* imap, pop3, smtp and delivery all off */
	int		 disableimap, disablepop3, disablesmtp, disabledeliver;
	/*
	 * The columns the web UI ties to the two above (mail_user_edit.php):
	 * managesieve and sieve filters follow disableimap, Dovecot's LDA
	 * and LMTP follow disabledeliver.
	 */
	int		 disablesieve, disablesievefilter;
	int		 disablelda, disablelmtp;
	int		 postfix;
	long		 server_id;
	char		*maildir;
	char		*password_hash;	/* only filled by mbx_list(..., with_hash) */
};

struct mbx_spec {
	const char	*email;		/* already checked by names.h */
	const char	*name;		/* display name, may be NULL */
	unsigned long long quota;	/* bytes, 0 = unlimited */
};

void	mail_domain_free(struct mail_domain *d);
void	mail_domains_free(struct mail_domain *v, size_t n);
void	mailbox_free(struct mailbox *m);
void	mailboxes_free(struct mailbox *v, size_t n);

/* All mail domains, sorted by name. Returns 0 or an api_call() code. */
int	mbx_domains(struct api *api, struct mail_domain **out, size_t *n,
	    struct errbuf *eb);

/*
 * One domain by name (lower-cased). The owner is the client of the
 * domain's group (sys_groupid, client_get_by_groupid); it is -1 when the
 * remote user lacks the Client functions. Returns 0, ISPM_ENOTFOUND, ...
 */
int	mbx_domain_get(struct api *api, const char *domain,
	    struct mail_domain **out, struct errbuf *eb);

/*
 * Mailboxes of domain (NULL: all), sorted by address; with_hash keeps the
 * password hash (for the audit). Returns 0, ISPM_ENOTFOUND (domain), ...
 */
int	mbx_list(struct api *api, const char *domain, int with_hash,
	    struct mailbox **out, size_t *n, struct errbuf *eb);

/* One mailbox by address, without its hash. 0 or ISPM_ENOTFOUND, ... */
int	mbx_get(struct api *api, const char *email, struct mailbox **out,
	    struct errbuf *eb);

/*
 * Creates a mailbox. The domain must exist (ISPM_ENOTFOUND); an existing
 * address gives ISPM_EEXIST. The owner client of the domain must be
 * known (the remote user needs the Client functions) and the server's
 * mail configuration readable (server_get: Server functions), since they
 * give the owner, maildir, homedir, uid and gid. *out (may be NULL)
 * receives the new record.
 */
int	mbx_create(struct api *api, const struct mbx_spec *spec,
	    const struct secret *password, struct mailbox **out,
	    struct errbuf *eb);

/*
 * What creating mailboxes in one mail domain needs from the panel, read
 * once for any number of them: the domain, its owner client (the remote
 * user needs the Client functions) and its server's mail configuration
 * (Server functions). Freed with mbx_target_free(), which accepts NULL.
 * Returns 0, ISPM_ENOTFOUND (no such domain, or its owner unknown), or
 * an api_call() code.
 */
struct mbx_target;
int	mbx_target_get(struct api *api, const char *domain,
	    struct mbx_target **out, struct errbuf *eb);
void	mbx_target_free(struct mbx_target *t);

/* t's domain, with its owner client; owned by t. */
const struct mail_domain *mbx_target_domain(const struct mbx_target *t);

/*
 * mbx_create() in t's domain with one call (mail_user_add) and none of
 * its checks: the caller has made sure that no mailbox, alias or forward
 * has the address (in bulk, say). Returns 0, ISPM_EDATA (an address of
 * another domain), or an api_call() code.
 */
int	mbx_create_in(struct api *api, const struct mbx_target *t,
	    const struct mbx_spec *spec, const struct secret *password,
	    struct mailbox **out, struct errbuf *eb);

/* Sets a new password, sending only the password field. */
int	mbx_set_password(struct api *api, const char *email,
	    const struct secret *password, struct errbuf *eb);

int	mbx_set_quota(struct api *api, const char *email,
	    unsigned long long bytes, struct errbuf *eb);

/*
 * Sets (disabled=1) or clears the eight fields the web UI sets for the IMAP,
 * POP3, SMTP and delivery boxes: disableimap with disablesieve and
 * disablesieve-filter, disabledeliver with disablelda and disablelmtp,
 * disablepop3 and disablesmtp; no other field (postfix stays as it is).
 * ISPConfig 3.2.12's remote API writes only the four form fields and drops
 * the other four: mbx_state() then says "mixed".
 */
int	mbx_set_disabled(struct api *api, const char *email, int disabled,
	    struct errbuf *eb);

int	mbx_delete(struct api *api, const char *email, struct errbuf *eb);

/*
 * "enabled", "disabled" (imap, pop3, smtp and delivery off, with their
 * companions), or "mixed" when a companion column disagrees with its box
 * (disableimap vs disablesieve/disablesieve-filter, disabledeliver vs
 * disablelda/disablelmtp): a state the web UI never leaves, which the
 * remote API does when it changes the box but not its companions.
 * Static string.
 */
const char	*mbx_state(const struct mailbox *m);

/*
 * ISPConfig's own password rule: min_password_length and
 * min_password_strength read with system_config_get; the defaults 8 and 3
 * when the remote user may not read them or the panel has no value.
 * Returns 0 or an api_call() code; ISPM_EPERM only for a refused login,
 * never for the missing permission.
 */
int	mbx_password_policy(struct api *api, int *min_length,
	    int *min_strength, struct errbuf *eb);

/*
 * Request helpers for the modules built on this one (alias.c), so that
 * every module reads ISPConfig's answers the same way.
 */

/* api_call() that releases params (owned by the call) in every case. */
int	mbx_call(struct api *api, const char *method,
	    struct json_object *params, struct json_object **resp,
	    struct errbuf *eb);

/* {"primary_id": {key: value}}: ISPConfig's lookup by field (a value
 * with '%' is a LIKE pattern). A new object. */
struct json_object *mbx_filter(const char *key, const char *value);

/*
 * The number of rows of the answer to a get by filter or by -1, which
 * must be a list: anything else is ISPM_EPROTO naming method.
 */
int	mbx_rows(const char *method, struct json_object *resp, size_t *n,
	    struct errbuf *eb);

/* A row's string member key, or NULL with ISPM_EPROTO set in eb. */
const char *mbx_row_str(const char *method, struct json_object *row,
	    const char *key, struct errbuf *eb);

/* Refuses (ISPM_EDATA) an empty value or one with '%', which ISPConfig
 * would take for a LIKE pattern in a filter; what names the value. */
int	mbx_check_filter(const char *what, const char *s, struct errbuf *eb);

/* Parses "1024", "500M", "2G", "unlimited" (binary units). 0 or ISPM_EDATA. */
int	mbx_parse_size(const char *s, unsigned long long *bytes,
	    struct errbuf *eb);

#endif
