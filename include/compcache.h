/*
 * The completion cache: the domains, mailbox addresses, aliases and
 * forwards that list, domains, alias list, forward list and the shell's
 * completion last read from a panel, kept in one small file per profile
 * so that bash completion can offer them without ever contacting the
 * panel (completion/ispmail.bash reads the file; it has no other source).
 *
 * The file is $XDG_CACHE_HOME/ispmail/completion-PROFILE (or
 * ~/.cache/ispmail/...), mode 0600 in a 0700 directory, one entry a line:
 * "SECONDS domain NAME" or "SECONDS KIND ADDRESS" (KIND: mailbox, alias
 * or forward), SECONDS being the time it was read from the panel. An entry is fresh for
 * $ISPMAIL_COMPLETION_TTL seconds (COMPCACHE_TTL by default); a write
 * drops the stale ones and those the new answer replaces, and replaces
 * the file whole by rename. Names with any character but letters, digits
 * and "._+-@" are left out: bash expands the words it completes from.
 *
 * create, delete, alias and forward add/delete note the one address they
 * change, and import drops the cached addresses, so that TAB never offers
 * what this tool has just deleted.
 *
 * Writing is best effort: a command never fails because its cache could
 * not be written, so callers may ignore the result.
 */
#ifndef ISPMAIL_COMPCACHE_H
#define ISPMAIL_COMPCACHE_H

#include <stddef.h>

#include "mailbox.h"

#define COMPCACHE_TTL	600	/* seconds */

/* Replaces the cached domains of profile with v[0..n-1]. Returns 0 or
 * ISPM_EIO / ISPM_ECONFIG (no usable cache directory). */
int	compcache_domains(const char *profile, const struct mail_domain *v,
	    size_t n);

/* Replaces the cached mailboxes of domain (NULL: of every domain) with
 * v[0..n-1], and adds their domains. Returns as compcache_domains(). */
int	compcache_mailboxes(const char *profile, const char *domain,
	    const struct mailbox *v, size_t n);

/* Replaces the cached addresses of kind ("mailbox", "alias" or "forward")
 * in domain (NULL: in every domain) with v[0..n-1], and adds their
 * domains. Returns as compcache_domains(). */
int	compcache_addresses(const char *profile, const char *kind,
	    const char *domain, const char *const *v, size_t n);

/* Records that address of kind (as above) now exists on the panel, or
 * no longer does (exists 0), so that TAB offers what create, delete,
 * alias add and the like have just made or removed, without a list.
 * Returns as compcache_domains(). */
int	compcache_note(const char *profile, const char *kind,
	    const char *address, int exists);

/* Drops every cached address of profile, keeping its domains: for a
 * change too large to note one address at a time (import). Returns as
 * compcache_domains(); 0 when there is no cache file. */
int	compcache_forget(const char *profile);

/* The cache file of profile (owned by the caller), or NULL when neither
 * $XDG_CACHE_HOME nor $HOME is usable or the profile name cannot name a
 * file. */
char	*compcache_path(const char *profile);

#endif
