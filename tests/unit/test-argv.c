/*
 * Splitting a line into words as the shell and completion do.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "argv.h"
#include "xmalloc.h"

/* Splits line and checks the words against the NULL-terminated list. */
static void
check_split(const char *line, const char *const *want)
{
	struct errbuf eb;
	char **argv;
	int argc, i;

	assert_int_equal(argv_split(line, &argc, &argv, &eb), 0);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < argc);
		assert_string_equal(argv[i], want[i]);
	}
	assert_int_equal(argc, i);
	assert_null(argv[argc]);
	argv_free(argv);
}

static void
test_argv_split_words_and_quotes(void **state)
{
	static const char *const empty[] = { NULL };
	static const char *const plain[] = { "show", "jean@example.com",
	    NULL };
	static const char *const quoted[] = { "create", "a", "--name",
	    "Jean Dupont", NULL };
	static const char *const dq[] = { "x", "say \"hi\" \\ $HOME", NULL };
	static const char *const bs[] = { "a b", "c'd", NULL };
	static const char *const glued[] = { "ab c", NULL };

	check_split("", empty);
	check_split(" \t ", empty);
	check_split("  show\tjean@example.com \n", plain);
	check_split("create a --name 'Jean Dupont'", quoted);
	check_split("x \"say \\\"hi\\\" \\\\ $HOME\"", dq);
	check_split("a\\ b c\\'d", bs);
	check_split("a'b 'c", glued);
}

static void
test_argv_split_refuses_unterminated(void **state)
{
	struct errbuf eb;
	char **argv = (char **)&eb;
	int argc = 7;

	assert_int_equal(argv_split("create 'jean", &argc, &argv, &eb),
	    ISPM_EUSAGE);
	assert_non_null(strstr(eb.msg, "unterminated"));
	assert_null(argv);
	assert_int_equal(argc, 0);
	assert_int_equal(argv_split("show \"x", &argc, &argv, &eb),
	    ISPM_EUSAGE);
	assert_int_equal(argv_split("show x\\", &argc, &argv, &eb),
	    ISPM_EUSAGE);
}

static void
test_argv_split_refuses_too_many_words(void **state)
{
	struct errbuf eb;
	char **argv, *line;
	size_t i;
	int argc;

	line = xmalloc(2 * (ARGV_MAX + 1) + 1);
	for (i = 0; i < ARGV_MAX + 1; i++)
		memcpy(line + 2 * i, "x ", 2);
	line[2 * i] = '\0';
	assert_int_equal(argv_split(line, &argc, &argv, &eb), ISPM_EUSAGE);
	assert_string_equal(eb.msg, "too many words");
	assert_null(argv);
	line[2 * ARGV_MAX] = '\0';
	assert_int_equal(argv_split(line, &argc, &argv, &eb), 0);
	assert_int_equal(argc, ARGV_MAX);
	argv_free(argv);
	free(line);
	argv_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argv_split_words_and_quotes),
		cmocka_unit_test(test_argv_split_refuses_unterminated),
		cmocka_unit_test(test_argv_split_refuses_too_many_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
