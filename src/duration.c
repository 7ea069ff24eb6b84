/*
 * Durations: parsed by hand rather than with strtod, which would take
 * "1e3", "0x10" or "inf" for seconds and follow the locale's decimal
 * separator.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "duration.h"

/*
 * Reads one decimal number (digits, an optional fraction) at *sp into *v
 * and moves *sp past it. Returns 0, or -1 when there is no digit. The
 * digits are read as a whole number and divided once, so that a value
 * duration_format() wrote reads back exactly.
 */
static int
duration_number(const char **sp, double *v)
{
	const char *s = *sp;
	double mant = 0, scale = 1;
	int digits = 0, frac = 0;

	for (;; s++) {
		if (*s == '.' && !frac) {
			frac = 1;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		/* More digits than any duration up to a week needs. */
		if (++digits > 12)
			return -1;
		mant = mant * 10 + (*s - '0');
		if (frac)
			scale *= 10;
	}
	*sp = s;
	*v = mant / scale;
	return digits > 0 ? 0 : -1;
}

/* see duration.h */
int
duration_parse(const char *s, double *secs, struct errbuf *eb)
{
	const char *p = s;
	double total = 0, v;

	if (*p == '\0')
		goto bad;
	while (*p != '\0') {
		if (duration_number(&p, &v) != 0)
			goto bad;
		switch (*p) {
		case 'h':
			v *= 3600;
			p++;
			break;
		case 'm':
			v *= 60;
			p++;
			break;
		case 's':
			p++;
			break;
		case '\0':
			break;
		default:
			goto bad;
		}
		total += v;
	}
	if (total <= 0 || total > DURATION_MAX)
		goto bad;
	*secs = total;
	return 0;
bad:
	return err_set(eb, ISPM_EUSAGE, "bad duration '%s': e.g. 90s, 30m, "
	    "1h30m (up to a week)", s);
}

/* see duration.h */
void
duration_format(double secs, char *buf, size_t bufsz)
{
	long long ms = llround(secs * 1000);
	long long whole = ms / 1000, h = whole / 3600, m = whole / 60 % 60;
	long long s = whole % 60, frac = ms % 1000;
	size_t used = 0;
	int n, digits = 3;

	buf[0] = '\0';
	if (h > 0 && (n = snprintf(buf, bufsz, "%lldh", h)) > 0)
		used = (size_t)n;
	if (m > 0 && used < bufsz &&
	    (n = snprintf(buf + used, bufsz - used, "%lldm", m)) > 0)
		used += (size_t)n;
	if ((s > 0 || frac > 0 || used == 0) && used < bufsz) {
		while (frac > 0 && frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		if (frac > 0)
			snprintf(buf + used, bufsz - used, "%lld.%0*llds", s,
			    digits, frac);
		else
			snprintf(buf + used, bufsz - used, "%llds", s);
	}
}
