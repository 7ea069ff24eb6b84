/*
 * Mail client autoconfiguration files, written from a profile's mail
 * client settings: Mozilla's config-v1.1.xml (Thunderbird, K-9 Mail,
 * Evolution), Microsoft's Autodiscover POX response (Outlook) and an
 * Apple configuration profile (.mobileconfig) for one address. No
 * password ever goes into any of them. Knows no terminal and no panel.
 */
#ifndef ISPMAIL_AUTOCONFIG_H
#define ISPMAIL_AUTOCONFIG_H

#include <stdio.h>

#include "conf.h"
#include "err.h"

enum autoconfig_format {
	AUTOCONFIG_MOZILLA,
	AUTOCONFIG_AUTODISCOVER,
	AUTOCONFIG_MOBILECONFIG
};

/* The format named name ("mozilla", ...) in *out; 0 or -1 when unknown. */
int	autoconfig_format(const char *name, enum autoconfig_format *out);

/* The names of the formats, for messages and help: "mozilla, ...". */
extern const char autoconfig_formats[];

struct autoconfig_input {
	const char		*domain;	/* checked, lower case */
	const char		*address;	/* checked, or NULL */
	const char		*organisation;	/* or NULL */
	const struct mailclient	*client;	/* hosts set */
};

/*
 * Writes the file of format f for in to fp: the domain's settings, with
 * the address as the login (Autodiscover's LoginName, left out without
 * an address). A mobileconfig needs the address; its payload identifiers
 * are derived from it, so that installing a new one replaces the old,
 * and its UUIDs are random. Returns 0, ISPM_EUSAGE (mobileconfig without
 * an address) or ISPM_EDATA (a value XML cannot carry: control
 * characters, invalid UTF-8), with eb set; fp may then hold part of the
 * document, so write to a buffer.
 */
int	autoconfig_write(FILE *fp, enum autoconfig_format f,
	    const struct autoconfig_input *in, struct errbuf *eb);

#endif
