/*
 * The one UTF-8 decoder, and the one UTF-8 to ISO-8859-1 conversion. Below
 * every module that reads text (names, the estimator, the audit's
 * candidates, the printing code), knowing none of them.
 *
 * The policy on invalid input, the same everywhere: a character is
 * well-formed UTF-8 as RFC 3629 says (no overlong form, no surrogate
 * U+D800-U+DFFF, nothing beyond U+10FFFF, no truncated sequence). Where
 * the bytes at a position are not well-formed, its first byte is one unit
 * of its own and decoding goes on at the next byte; the decoder never
 * guesses a code point for it. What a caller does with such a unit is its
 * own rule, stated where it is applied: refused (utf8_decode(), the
 * estimator), '?' (utf8_to_latin1(), text_sanitize()), or escaped (names).
 */
#ifndef ISPMAIL_UTF8_H
#define ISPMAIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Length in bytes (1 to 4) of the well-formed character at s, with len > 0
 * bytes available, and in *cp its code point; 0 when the bytes at s are not
 * well-formed, *cp then unchanged. A NUL byte is the character U+0000.
 */
size_t	utf8_char(const char *s, size_t len, uint32_t *cp);

/*
 * Decodes the whole of s (len bytes) into cp[] (max code points). Strict:
 * returns the number of code points, or -1 when s holds a unit that is not
 * well-formed, a NUL, or more than max characters.
 */
int	utf8_decode(const char *s, size_t len, uint32_t *cp, size_t max);

/*
 * Converts UTF-8 to ISO-8859-1 as ISPConfig does before hashing: code
 * points above U+00FF and each unit that is not well-formed become '?'.
 * Writes at most size - 1 bytes and a NUL (nothing when size is 0);
 * returns the length the whole conversion needs (like snprintf).
 */
size_t	utf8_to_latin1(const char *s, size_t len, char *out, size_t size);

#endif
