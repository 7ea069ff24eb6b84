/*
 * Durations as an admin writes them, "90s", "30m", "1h30m": the audit's
 * --budget and the profile's budget keyword read them through this one
 * parser, so that the command line and ispmail.conf(5) accept the same.
 */
#ifndef ISPMAIL_DURATION_H
#define ISPMAIL_DURATION_H

#include <stddef.h>

#include "err.h"

/* The longest duration accepted: a week. */
#define DURATION_MAX	(7 * 24 * 3600.0)

/*
 * Parses decimal numbers each followed by h, m, s or nothing (seconds),
 * summed: "90s", "30m", "1h30m", "45", "0.5s". The total must be more than
 * 0 and at most DURATION_MAX. No sign, exponent or hexadecimal. Sets *secs
 * only on success. Returns 0 or ISPM_EUSAGE ("bad duration '...': ...").
 */
int	duration_parse(const char *s, double *secs, struct errbuf *eb);

/*
 * Writes secs, rounded to the millisecond, as duration_parse() reads it
 * back: "1h30m", "1m30s", "0.5s". Without the locale's decimal comma.
 */
void	duration_format(double secs, char *buf, size_t bufsz);

#endif
