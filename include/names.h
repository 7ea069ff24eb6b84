/*
 * The provider's mailbox name rules, checked before any network call.
 *
 * Local part: 1-64 characters of A-Z a-z 0-9 . _ -, a dot never first,
 * never last, never next to another dot. Domain: DNS syntax, labels of 1-63
 * letters, digits and inner hyphens, at least two labels, 253 characters at
 * most, compared lower-case. The whole address is at most 64 characters
 * because ISPConfig stores login = address in a 64-character field.
 */
#ifndef ISPMAIL_NAMES_H
#define ISPMAIL_NAMES_H

#include <stddef.h>

#include "err.h"

#define NAMES_LOCAL_MAX 64
#define NAMES_DOMAIN_MAX 253
#define NAMES_ADDRESS_MAX 64

/*
 * Each check returns 0 or ISPM_EDATA with a message naming the rule and the
 * 1-based position of the first offending character.
 */
int	names_check_local(const char *local, struct errbuf *eb);
int	names_check_domain(const char *domain, struct errbuf *eb);
int	names_check_address(const char *address, struct errbuf *eb);

/*
 * Checks address and returns it normalised (domain lower-cased) in *out,
 * owned by the caller. When address has no '@' and default_domain is not
 * NULL, address is taken as a local part of default_domain.
 * Returns 0 or ISPM_EDATA.
 */
int	names_normalize(const char *address, const char *default_domain,
	    char **out, struct errbuf *eb);

#endif
