/*
 * see text.h
 */
#include "config.h"

#include <string.h>

#include "text.h"

/* 1 for the bidirectional formatting characters, which reorder a line. */
static int
text_is_bidi(unsigned long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* see text.h */
size_t
text_unit(const char *src, size_t len, unsigned long *cp, int *safe)
{
	const unsigned char *s = (const unsigned char *)src;
	unsigned long c, min;
	size_t n, i;

	*cp = s[0];
	*safe = 0;
	if (s[0] < 0x80) {
		*safe = s[0] >= 0x20 && s[0] != 0x7f;
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 1;
	if (n > len)
		return 1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are not UTF-8. */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 1;
	*cp = c;
	*safe = !(c >= 0x80 && c <= 0x9f) && !text_is_bidi(c);
	return n;
}

/* see text.h */
void
text_sanitize(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	unsigned long cp;
	size_t i, n, o = 0, end;
	int safe;

	end = strnlen(src, srclen);
	for (i = 0; i < end; i += n) {
		n = text_unit(src + i, end - i, &cp, &safe);
		if (o + (safe ? n : 1) >= dstlen) {
			/* No room left: end in "...", on a character boundary. */
			o = dstlen - 4;
			while (o > 0 && ((unsigned char)dst[o] & 0xc0) == 0x80)
				o--;
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (safe) {
			memcpy(dst + o, src + i, n);
			o += n;
		} else
			dst[o++] = '?';
	}
	dst[o] = '\0';
}

/* see text.h */
int
text_plain(const char *s, size_t *col)
{
	unsigned long c;
	size_t n = strlen(s), i, len;
	int safe;

	for (i = 0; i < n; i += len) {
		len = text_unit(s + i, n - i, &c, &safe);
		if (!safe) {
			if (col != NULL)
				*col = i + 1;
			return -1;
		}
	}
	return 0;
}
