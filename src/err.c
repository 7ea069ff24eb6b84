/*
 * Error codes: text and exit status for every ISPM_E* value.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>

#include "err.h"

static const struct {
	int		 code;
	int		 status;
	const char	*text;
} err_table[] = {
	{ ISPM_OK, EX_OK, "success" },
	{ ISPM_EUSAGE, EX_USAGE, "usage error" },
	{ ISPM_EDATA, EX_DATAERR, "invalid data" },
	{ ISPM_EWEAK, EX_DATAERR, "password too weak" },
	{ ISPM_EEXIST, EX_DATAERR, "already exists" },
	{ ISPM_ENOTFOUND, EX_NOUSER, "not found" },
	{ ISPM_EUNREACH, EX_UNAVAILABLE, "server unreachable" },
	{ ISPM_ETEMP, EX_TEMPFAIL, "temporary failure" },
	{ ISPM_EPROTO, EX_PROTOCOL, "protocol error" },
	{ ISPM_EPERM, EX_NOPERM, "permission denied" },
	{ ISPM_ECONFIG, EX_CONFIG, "configuration error" },
	{ ISPM_EIO, EX_IOERR, "input/output error" },
	{ ISPM_EINTERNAL, EX_SOFTWARE, "internal error" },
	{ ISPM_ECANCEL, 130, "interrupted" },
	{ ISPM_EFINDINGS, 1, "weak passwords found" },
	{ ISPM_ENOINPUT, EX_NOINPUT, "cannot open input" },
};

/* see err.h */
int
err_set(struct errbuf *eb, int code, const char *fmt, ...)
{
	va_list ap;

	if (eb != NULL) {
		va_start(ap, fmt);
		vsnprintf(eb->msg, sizeof(eb->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

/* see err.h */
void
err_clear(struct errbuf *eb)
{
	if (eb != NULL)
		eb->msg[0] = '\0';
}

/* see err.h */
const char *
ispm_strerror(int code)
{
	size_t i;

	for (i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
		if (err_table[i].code == code)
			return err_table[i].text;
	return "unknown error";
}

/* see err.h */
int
ispm_exit_status(int code)
{
	size_t i;

	for (i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
		if (err_table[i].code == code)
			return err_table[i].status;
	return EX_SOFTWARE;
}
