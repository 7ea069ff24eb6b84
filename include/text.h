/*
 * The one rule for text that reaches a terminal or a JSON document from
 * outside (the panel, a journal, a config file): which characters are safe
 * to pass. Below the API client and the printing code, which both use it,
 * and knowing neither.
 */
#ifndef ISPMAIL_TEXT_H
#define ISPMAIL_TEXT_H

#include <stddef.h>

/*
 * Length in bytes of the character at s (len > 0 bytes available), and in
 * *cp its code point. *safe is 0 for what must not reach a terminal as it
 * is: C0 controls, DEL, C1 controls (U+0080-U+009F, CSI included), the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069), and bytes that are not well-formed UTF-8 (then the
 * length is 1 and *cp the byte, so that a raw 0x9B is one unsafe unit).
 */
size_t	text_unit(const char *s, size_t len, unsigned long *cp, int *safe);

/*
 * Copies src (srclen bytes, stopping at a NUL) into dst (dstlen > 3) with
 * each unsafe unit as '?'; text that does not fit ends in "...".
 */
void	text_sanitize(char *dst, size_t dstlen, const char *src,
	    size_t srclen);

/*
 * Whether the string s is text fit to show a user anywhere (a terminal,
 * a sheet, an XML file): every unit safe as text_unit() says, so no
 * control character (tabs and newlines included) and no invalid UTF-8.
 * Returns 0, or -1 with *col (when not NULL) the 1-based byte offset of
 * the first unsafe unit.
 */
int	text_plain(const char *s, size_t *col);

#endif
