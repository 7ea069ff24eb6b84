/*
 * see utf8.h
 */
#include "config.h"

#include "utf8.h"

/* see utf8.h */
size_t
utf8_char(const char *src, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)src;
	uint32_t c, min;
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
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
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

/* see utf8.h */
int
utf8_decode(const char *s, size_t len, uint32_t *cp, size_t max)
{
	size_t i, n = 0, k;
	uint32_t c;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_char(s + i, len - i, &c)) == 0 || c == 0 ||
		    n == max)
			return -1;
		cp[n++] = c;
	}
	return (int)n;
}

/* see utf8.h */
size_t
utf8_to_latin1(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0, k;
	uint32_t c;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_char(s + i, len - i, &c)) == 0) {
			c = '?';
			k = 1;
		} else if (c > 0xff)
			c = '?';
		if (n + 1 < size)
			out[n] = (char)c;
		n++;
	}
	if (size > 0)
		out[n < size ? n : size - 1] = '\0';
	return n;
}
