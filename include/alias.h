/*
 * Aliases and forwards addressed by their source address, on top of the
 * API client. ISPConfig keeps both in one table, mail_forwarding, told
 * apart by its type column ("alias": one mailbox receives the source's
 * mail; "forward": the mail goes on to one or more addresses, anywhere;
 * "catchall" and "aliasdomain" rows are only ever read here).
 *
 * The API checks almost nothing (mail_alias_add refuses the address of a
 * mailbox, and a source already used; mail_forward_add checks only that
 * the source looks like an address), so this layer makes the checks of
 * ISPConfig's web interface before it adds anything: the source's domain
 * is a mail domain of the panel, no mailbox, alias, forward or catch-all
 * has that source already, an alias's target is an existing mailbox.
 * Every address is expected to have passed names.h already, lower-cased.
 */
#ifndef ISPMAIL_ALIAS_H
#define ISPMAIL_ALIAS_H

#include <stddef.h>

#include "api.h"
#include "err.h"
#include "mailbox.h"

enum alias_kind {
	ALIAS_ANY = 0,		/* every row of mail_forwarding */
	ALIAS_ALIAS,		/* type "alias" */
	ALIAS_FORWARD,		/* type "forward" */
	ALIAS_CATCHALL,		/* type "catchall": read only */
	ALIAS_OTHER		/* "aliasdomain" or anything else: read only */
};

/* One mail_forwarding row. */
struct alias {
	long		 id;		/* forwarding_id, for the API only */
	enum alias_kind	 kind;
	char		*source;	/* "contact@example.com", "@example.com"
					 * for a catch-all */
	char		**dest;		/* the destinations, split: one for an
					 * alias; NULL-terminated */
	size_t		 ndest;
	int		 active;	/* active = 'y' */
	long		 server_id;
};

void	alias_free(struct alias *a);
void	aliases_free(struct alias *v, size_t n);

/* "alias", "forward", "catch-all", "other": a static string. */
const char	*alias_kind_name(enum alias_kind kind);

/*
 * The rows of kind (ALIAS_ANY: all of them) whose source is in domain
 * (NULL: the whole panel) and, when dest is not NULL, that have dest among
 * their destinations; sorted by source. ALIAS_ALIAS reads with
 * mail_alias_get, every other kind with mail_forward_get (the remote user
 * needs the matching function group). Returns 0 or: ISPM_ENOTFOUND (no
 * such mail domain), ISPM_EPROTO (an answer that is not a list of rows
 * with forwarding_id, source, destination and type, as one-line errors),
 * the codes of api_call(). *v is freed with aliases_free().
 */
int	alias_list(struct api *api, enum alias_kind kind, const char *domain,
	    const char *dest, struct alias **v, size_t *n, struct errbuf *eb);

/*
 * The aliases whose target is mailbox (alias_list() of ALIAS_ALIAS with
 * dest), with *known set. A remote user without the Mail alias functions
 * cannot see them: then *known is 0, *v NULL and *n 0, and 0 is returned,
 * as the web interface's checks are skipped where the API cannot make
 * them. Returns 0 or alias_list()'s other codes.
 */
int	alias_targeting(struct api *api, const char *mailbox,
	    struct alias **v, size_t *n, int *known, struct errbuf *eb);

/*
 * The row whose source is source, of any kind. Returns 0, ISPM_ENOTFOUND
 * ("no alias or forward 'x'"), or the codes of alias_list(); *out is
 * freed with alias_free().
 */
int	alias_get(struct api *api, const char *source, struct alias **out,
	    struct errbuf *eb);

/*
 * The checks of the web interface for a new source, made on the panel:
 * its domain is a mail domain of the panel (ISPM_ENOTFOUND), it is not
 * the address of a mailbox and not the source of another row, whatever
 * its kind (ISPM_EEXIST, naming what holds it). Returns 0 or one of those.
 */
int	alias_check_source(struct api *api, const char *source,
	    struct errbuf *eb);

/*
 * Checks offline that each of the n destinations follows the name rules
 * of names.h and that none is given twice. Returns 0 or ISPM_EDATA.
 */
int	alias_check_dests(const char *const *dest, size_t n,
	    struct errbuf *eb);

/* The n destinations joined by ", ", as the web interface stores a
 * forward's; owned by the caller. */
char	*alias_join(const char *const *dest, size_t n);

/*
 * Adds an alias (kind ALIAS_ALIAS, exactly one destination, which must be
 * an existing mailbox: ISPM_ENOTFOUND otherwise) or a forward (kind
 * ALIAS_FORWARD, one or more destinations, any valid addresses, stored
 * joined by ", " as the web interface stores them), after
 * alias_check_source() and alias_check_dests(). The row goes to the
 * domain's server and to the client owning the domain, as the web
 * interface gives it. *id (may be NULL) receives the new forwarding_id.
 * Returns 0 or: ISPM_EDATA (bad destinations, or the panel's validation
 * refused), ISPM_EEXIST, ISPM_ENOTFOUND, ISPM_EPERM (the domain's owner
 * is unknown: the remote user needs the Client functions), ISPM_EPROTO
 * (the answer is not an id), api_call()'s codes.
 */
int	alias_add(struct api *api, enum alias_kind kind, const char *source,
	    const char *const *dest, size_t ndest, long *id,
	    struct errbuf *eb);

/*
 * alias_add() in domain d, the source's mail domain with its owner, read
 * by the caller once for any number of rows: one call (mail_alias_add or
 * mail_forward_add) and none of the checks, which the caller has made
 * (in bulk, say). Returns 0, ISPM_EDATA (a source outside d), ISPM_EPERM,
 * ISPM_EPROTO or api_call()'s codes.
 */
int	alias_add_in(struct api *api, const struct mail_domain *d,
	    enum alias_kind kind, const char *source, const char *const *dest,
	    size_t ndest, long *id, struct errbuf *eb);

/*
 * Deletes the row of kind (ALIAS_ALIAS or ALIAS_FORWARD) whose source is
 * source. Returns 0 or: ISPM_ENOTFOUND (no such row; also when it was
 * deleted meanwhile), ISPM_EDATA (the source is a row of another kind:
 * the message names it, nothing is deleted), ISPM_EPROTO, api_call()'s
 * codes.
 */
int	alias_delete(struct api *api, enum alias_kind kind, const char *source,
	    struct errbuf *eb);

#endif
