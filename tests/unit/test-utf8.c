/*
 * The one UTF-8 policy (utf8.h): what is well-formed, and that an
 * ill-formed sequence is one byte at a time, never a guessed character.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

/* Length utf8_char() gives the first character of s (strlen bytes). */
static size_t
len_of(const char *s, uint32_t *cp)
{
	*cp = 0xdeadbeef;
	return utf8_char(s, strlen(s), cp);
}

static void
test_utf8_well_formed(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(len_of("a", &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(len_of("\xc3\xa9", &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(len_of("\xe2\x82\xac", &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(len_of("\xf0\x9f\x94\x91", &cp), 4);
	assert_int_equal(cp, 0x1f511);
	assert_int_equal(len_of("\xf4\x8f\xbf\xbf", &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(utf8_char("\0", 1, &cp), 1);
	assert_int_equal(cp, 0);
}

static void
test_utf8_ill_formed(void **state)
{
	static const char *const bad[] = {
		"\x80",			/* stray continuation byte */
		"\xc0\xaf",		/* overlong '/' */
		"\xe0\x80\xaf",		/* overlong '/' in three bytes */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xf4\x90\x80\x80",	/* beyond U+10FFFF */
		"\xf8\x88\x80\x80\x80",	/* five-byte form */
		"\xc3",			/* truncated */
		"\xe2\x82",		/* truncated */
		"\xc3(",		/* continuation missing */
	};
	uint32_t cp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(len_of(bad[i], &cp), 0);
		/* No code point is guessed for it. */
		assert_int_equal(cp, 0xdeadbeef);
	}
	/* The length given is a bound: a character past it is truncated. */
	assert_int_equal(utf8_char("\xc3\xa9", 1, &cp), 0);
}

static void
test_utf8_decode_strict(void **state)
{
	uint32_t cp[4];

	(void)state;
	assert_int_equal(utf8_decode("\xc3\xa9t\xc3\xa9", 5, cp, 4), 3);
	assert_int_equal(cp[0], 0xe9);
	assert_int_equal(cp[1], 't');
	assert_int_equal(cp[2], 0xe9);
	assert_int_equal(utf8_decode("", 0, cp, 4), 0);
	/* One ill-formed unit, a NUL, or too many: the whole string fails. */
	assert_int_equal(utf8_decode("ab\xff", 3, cp, 4), -1);
	assert_int_equal(utf8_decode("a\0b", 3, cp, 4), -1);
	assert_int_equal(utf8_decode("abcde", 5, cp, 4), -1);
	assert_int_equal(utf8_decode("abcd", 4, cp, 4), 4);
}

static void
test_utf8_to_latin1(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(utf8_to_latin1("\xc3\xa9t\xc3\xa9", 5, out,
	    sizeof(out)), 3);
	assert_memory_equal(out, "\xe9t\xe9", 4);
	/* The euro sign is not in Latin-1: ISPConfig hashes a '?'. */
	assert_int_equal(utf8_to_latin1("a\xe2\x82\xac", 4, out, sizeof(out)),
	    2);
	assert_string_equal(out, "a?");
	/* A stray continuation byte and a truncated sequence. */
	assert_int_equal(utf8_to_latin1("\x80x\xc3", 3, out, sizeof(out)), 3);
	assert_string_equal(out, "?x?");
	/* Overlong encoding of '/' is refused, one '?' for each byte. */
	assert_int_equal(utf8_to_latin1("\xc0\xaf", 2, out, sizeof(out)), 2);
	assert_string_equal(out, "??");
	assert_int_equal(utf8_to_latin1("\xed\xa0\x80", 3, out, sizeof(out)),
	    3);
	assert_string_equal(out, "???");
	/* Truncation behaves like snprintf. */
	assert_int_equal(utf8_to_latin1("abcdef", 6, out, 4), 6);
	assert_string_equal(out, "abc");
	assert_int_equal(utf8_to_latin1("abcdef", 6, NULL, 0), 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_well_formed),
		cmocka_unit_test(test_utf8_ill_formed),
		cmocka_unit_test(test_utf8_decode_strict),
		cmocka_unit_test(test_utf8_to_latin1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
