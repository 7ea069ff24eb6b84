/*
 * Safe printing of server data and the JSON result form.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "output.h"
#include "xmalloc.h"

/*
 * C1 controls arrive UTF-8 encoded as 0xC2 0x80..0x9F; they are as
 * dangerous on a terminal as C0 ones (CSI is 0x9B).
 */
static size_t
out_bad_at(const unsigned char *p)
{
	if (*p < 0x20 || *p == 0x7f)
		return 1;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	return 0;
}

/* see output.h */
char *
out_sanitize(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *r, *q;
	size_t n;

	r = q = xmalloc(strlen(s) + 1);
	while (*p != '\0') {
		if ((n = out_bad_at(p)) != 0) {
			*q++ = '?';
			p += n;
		} else
			*q++ = (char)*p++;
	}
	*q = '\0';
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
