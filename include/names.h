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

/* The rule an address breaks; names_rule_name() gives its short name. */
enum names_rule {
	NAMES_OK = 0,
	NAMES_EMPTY,		/* nothing at all */
	NAMES_AT_MISSING,	/* no '@' */
	NAMES_AT_MANY,		/* a second '@' */
	NAMES_LOCAL_EMPTY,	/* nothing before '@' */
	NAMES_DOMAIN_EMPTY,	/* nothing after '@' */
	NAMES_LOCAL_CHAR,	/* outside A-Z a-z 0-9 . _ - */
	NAMES_LOCAL_LENGTH,	/* more than 64 characters */
	NAMES_DOT_FIRST,
	NAMES_DOT_LAST,
	NAMES_DOT_DOUBLE,
	NAMES_HYPHEN_FIRST,	/* ISPConfig's login must not start with '-' */
	NAMES_DOMAIN_CHAR,	/* outside letters, digits, '-', '.' */
	NAMES_DOMAIN_LENGTH,	/* more than 253 characters */
	NAMES_LABEL_EMPTY,	/* leading, trailing or doubled dot */
	NAMES_LABEL_LENGTH,	/* a label of more than 63 characters */
	NAMES_LABEL_HYPHEN,	/* a label starting or ending with '-' */
	NAMES_DOMAIN_LABELS,	/* a single label */
	NAMES_TLD_NUMERIC,	/* the last label is all digits */
	NAMES_ADDRESS_LENGTH	/* more than 64 characters (login = address) */
};

/*
 * What a check found: the rule, and the 1-based position, in characters,
 * of the first offending character within the subject the message quotes
 * (the local part, the domain or the whole address); 0 when no single
 * character is at fault (a missing '@', a one-label domain).
 */
struct names_verdict {
	enum names_rule	rule;
	size_t		pos;
};

/* Short stable name of a rule ("dot-double"), a borrowed static string. */
const char *names_rule_name(enum names_rule rule);

/*
 * Each check returns 0 or ISPM_EDATA with a message naming the rule and the
 * 1-based position of the first offending character. Input is echoed in
 * the message with control characters and invalid UTF-8 escaped as \xHH.
 */
int	names_check_local(const char *local, struct errbuf *eb);
int	names_check_domain(const char *domain, struct errbuf *eb);
int	names_check_address(const char *address, struct errbuf *eb);

/* names_check_address() that also fills v (which may be NULL). */
int	names_check(const char *address, struct names_verdict *v,
	    struct errbuf *eb);

/*
 * Checks address and returns it normalised in *out, owned by the caller:
 * all lower-case, since ISPConfig lower-cases the whole e-mail on
 * mail_user_add and compares the domain case-sensitively on update. When
 * address has no '@' and default_domain is not NULL, address is taken as a
 * local part of default_domain.
 * Returns 0 or ISPM_EDATA.
 */
int	names_normalize(const char *address, const char *default_domain,
	    char **out, struct errbuf *eb);

#endif
