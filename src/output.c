/*
 * Safe printing of server data and the JSON result form.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api.h"
#include "output.h"
#include "xmalloc.h"

/*
 * see output.h. The rule (C0, DEL and UTF-8 encoded C1 controls become '?')
 * is the API client's, which applies it to every message from the server,
 * so that one rule covers everything that reaches a terminal.
 */
char *
out_sanitize(const char *s)
{
	size_t n = strlen(s);
	char *r;

	/* n + 4: api_sanitize wants room for "..." it will not need here. */
	r = xmalloc(n + 4);
	api_sanitize(r, n + 4, s, n);
	return r;
}

/* see output.h */
void
out_safe(FILE *fp, const char *s)
{
	char *c;

	if (s == NULL)
		return;
	c = out_sanitize(s);
	fputs(c, fp);
	free(c);
}

/* see output.h */
void
out_json(FILE *fp, struct json_object *obj)
{
	fputs(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE), fp);
	fputc('\n', fp);
}

/* see output.h */
void
out_json_wipe(struct json_object *obj, struct json_object *str)
{
	const char *s;

	s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	sodium_memzero((char *)s, strlen(s));
	if (str != NULL) {
		s = json_object_get_string(str);
		sodium_memzero((char *)s, strlen(s));
	}
}

/* see output.h */
void
out_size(char *buf, size_t len, unsigned long long bytes)
{
	static const char units[] = "KMGT";
	unsigned long long v = bytes;
	int u = -1;

	if (bytes == 0) {
		snprintf(buf, len, "unlimited");
		return;
	}
	while (u < 3 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%llu", bytes);
	else
		snprintf(buf, len, "%llu%c", v, units[u]);
}
