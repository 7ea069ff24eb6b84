/*
 * see text.h
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

/* 1 for the bidirectional formatting characters, which reorder a line. */
static int
text_is_bidi(unsigned long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* see text.h */
size_t
text_unit(const char *s, size_t len, unsigned long *cp, int *safe)
{
	uint32_t c;
	size_t n;

	if ((n = utf8_char(s, len, &c)) == 0) {
		/* Not UTF-8: the byte alone, never safe (utf8.h). */
		*cp = (unsigned char)s[0];
		*safe = 0;
		return 1;
	}
	*cp = c;
	if (c < 0x80)
		*safe = c >= 0x20 && c != 0x7f;
	else
		*safe = c > 0x9f && !text_is_bidi(c);
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
