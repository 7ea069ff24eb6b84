/*
 * The password audit's reports: the people's text, the JSON of
 * ispmail-audit(8) and the syslog lines, all written from one
 * struct audit_report that the audit command fills once it is done.
 */
#ifndef ISPMAIL_AUDITREPORT_H
#define ISPMAIL_AUDITREPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "audit.h"

/* What a report shows; every pointer is borrowed. */
struct audit_report {
	const struct audit_account *v;	/* the mailboxes audited */
	size_t		 n;
	const struct audit_summary *sum;
	const char *const *profiles;	/* the profiles audited */
	size_t		 nprofiles;
	const char *const *failed;	/* the profiles that failed, */
	const char *const *why;		/* and why each did */
	size_t		 nfailed;
	unsigned	 shard_i, shard_n;
};

/* Counts the findings of v[0..n-1] into *sum. */
void	auditreport_summarise(const struct audit_account *v, size_t n,
	    struct audit_summary *sum);

/* Writes the people's report: summary first, then one line per finding;
 * with quiet, only the findings. */
void	auditreport_text(FILE *out, const struct audit_report *rep,
	    int quiet);

/* Writes the JSON report (schema in ispmail-audit(8)). */
void	auditreport_json(FILE *out, const struct audit_report *rep);

/* Logs one syslog line per finding (LOG_AUTH, warning). */
void	auditreport_syslog(const struct audit_report *rep);

/* The findings of flags and tag as a human phrase, into buf. */
const char *auditreport_finding_text(unsigned flags, uint32_t tag,
	    char *buf, size_t size);

#endif
