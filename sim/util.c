/*
 * Small helpers for the simulator: buffers, allocation that aborts
 * (a test server has nothing sensible to do without memory) and the
 * random source for salts and session ids.
 */
#include "config.h"

#include <sys/random.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

void
sim_fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("ispconfig-sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
sim_xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		sim_fatal("out of memory");
	return p;
}

void *
sim_xcalloc(size_t n, size_t sz)
{
	void *p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		sim_fatal("out of memory");
	return p;
}

char *
sim_xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		sim_fatal("out of memory");
	return p;
}

/* Salts and session ids must not be predictable, as on the real panel. */
void
sim_random(void *buf, size_t len)
{
	unsigned char *p = buf;
	ssize_t r;

	while (len > 0) {
		r = getrandom(p, len, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			sim_fatal("getrandom: %s", strerror(errno));
		}
		p += r;
		len -= (size_t)r;
	}
}

void
sbuf_add(struct sbuf *b, const void *data, size_t len)
{
	size_t ncap;

	if (b->len + len + 1 > b->cap) {
		ncap = b->cap ? b->cap : 256;
		while (ncap < b->len + len + 1)
			ncap *= 2;
		if ((b->p = realloc(b->p, ncap)) == NULL)
			sim_fatal("out of memory");
		b->cap = ncap;
	}
	if (len > 0)
		memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void
sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		sim_fatal("out of memory");
	sbuf_add(b, s, (size_t)n);
	free(s);
}

void
sbuf_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
