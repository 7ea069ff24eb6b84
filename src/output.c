/*
 * Safe printing of server data and the JSON result form.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "output.h"
#include "text.h"
#include "xmalloc.h"

/*
 * see output.h. The rule is text.h's, which the API client applies to
 * every message from the server too, so that one rule covers everything
 * that reaches a terminal.
 */
char *
out_sanitize(const char *s)
{
	size_t n = strlen(s);
	char *r;

	/* n + 4: text_sanitize wants room for "..." it will not need here. */
	r = xmalloc(n + 4);
	text_sanitize(r, n + 4, s, n);
	return r;
}

/* see output.h */
void
out_safe(FILE *fp, const char *s)
{
	if (s != NULL)
		out_safe_n(fp, s, strlen(s));
}

/*
 * see output.h. Written unit by unit, so that a secret is never copied
 * into a buffer of ours that would need wiping.
 */
void
out_safe_n(FILE *fp, const char *s, size_t len)
{
	unsigned long cp;
	size_t i, n;
	int safe;

	for (i = 0; i < len; i += n) {
		n = text_unit(s + i, len - i, &cp, &safe);
		if (safe)
			fwrite(s + i, 1, n, fp);
		else
			fputc('?', fp);
	}
}

/*
 * see output.h. json-c escapes only what JSON requires (C0, '"', '\\')
 * and passes the rest as it came: a C1 control (U+009B is CSI), a
 * bidirectional override or a byte that is not UTF-8 would reach the
 * terminal of whoever reads the document. Those become \u escapes
 * (U+FFFD for a stray byte), which are still valid JSON: outside strings
 * json-c writes ASCII only. Written piece by piece, without a copy that
 * would hold a secret.
 */
void
out_json(FILE *fp, struct json_object *obj)
{
	const char *s;
	unsigned long cp;
	size_t i, n, len, start = 0;
	int safe;

	s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		n = text_unit(s + i, len - i, &cp, &safe);
		if (safe || cp < 0x20)
			continue;
		fwrite(s + start, 1, i - start, fp);
		if (n == 1 && cp >= 0x80)
			fputs("\\ufffd", fp);
		else
			fprintf(fp, "\\u%04lx", cp);
		start = i + n;
	}
	fwrite(s + start, 1, len - start, fp);
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
