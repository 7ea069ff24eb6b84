/*
 * Allocation that cannot fail: out of memory prints a message and aborts,
 * as OpenSSH's xmalloc.c does, so that no layer has to propagate ENOMEM.
 * Secrets never go through these: see secret.h.
 */
#ifndef ISPMAIL_XMALLOC_H
#define ISPMAIL_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t size);
void	*xcalloc(size_t nmemb, size_t size);
void	*xreallocarray(void *ptr, size_t nmemb, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
