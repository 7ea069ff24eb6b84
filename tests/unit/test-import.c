/*
 * The import's offline checks: every bad row reported with its line and
 * what is wrong, in the order of the file, all in one pass; the header's
 * problems fatal; rows read as a spreadsheet writes them.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "import.h"

static char path[] = "/tmp/test-import.XXXXXX";

/* Loads text as a CSV file named f.csv in messages. */
static int
load(const char *text, struct import **im, struct errbuf *eb)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test-import.XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		fail_msg("cannot make a temporary file");
	fputs(text, fp);
	fclose(fp);
	return import_load(path, im, eb);
}

/* The problems without the file's name, one a line. */
static char *
problems(const struct import *im)
{
	static char buf[4096];
	size_t i, n = strlen(path);

	buf[0] = '\0';
	for (i = 0; i < im->nproblems; i++) {
		assert_memory_equal(im->problems[i].text, path, n);
		strncat(buf, im->problems[i].text + n,
		    sizeof(buf) - strlen(buf) - 2);
		strcat(buf, "\n");
	}
	return buf;
}

static void
test_import_rows(void **state)
{
	struct import *im;
	struct errbuf eb;

	(void)state;
	assert_int_equal(load("Name;ADDRESS;quota;aliases\r\n"
	    "L\xc3\xa9" "a;  Lea@Example.COM ;2G;Contact@example.com "
	    "info@example.com\r\n"
	    ";;;\r\n"
	    "Bob;bob@example.org\r\n", &im, &eb), 0);
	unlink(path);
	assert_int_equal(im->nproblems, 0);
	assert_int_equal(im->nrows, 2);
	assert_string_equal(im->rows[0].address, "lea@example.com");
	assert_string_equal(im->rows[0].name, "L\xc3\xa9" "a");
	assert_true(im->rows[0].quota == 2ULL << 30);
	assert_int_equal(im->rows[0].naliases, 2);
	assert_string_equal(im->rows[0].aliases[0], "contact@example.com");
	/* The empty ";;;" row is skipped; a row may stop before its empty
	 * fields. */
	assert_int_equal(im->rows[1].line, 4);
	assert_string_equal(im->rows[1].name, "Bob");
	assert_int_equal(im->rows[1].quota, 0);
	import_free(im);
}

static void
test_import_problems(void **state)
{
	struct import *im;
	struct errbuf eb;

	(void)state;
	assert_int_equal(load("address,name,quota,aliases,forward_to\n"
	    "a@example.com,,1G,,\n"
	    "no-at,,,,\n"
	    "b@example.com,,3 parsecs,a@example.com,\n"
	    "c@example.com,,,,,\n"
	    ",Someone,,,\n"
	    "d@example.com,D,,,x@example.org d@example.com\n"
	    "e..e@example.com,\"two\nlines\",,,\n", &im, &eb), 0);
	unlink(path);
	assert_string_equal(problems(im),
	    ":3: 'no-at' is not an address\n"
	    ":4: quota: invalid size '3 parsecs': give bytes, a number with "
	    "K, M, G or T (powers of 1024), or 'unlimited'\n"
	    ":4: 'a@example.com' is already on line 2\n"
	    ":5: 6 fields, but the header row has 5\n"
	    ":6: no address\n"
	    ":7: a row with forward_to makes a forward, not a mailbox: leave "
	    "its name empty\n"
	    ":7: forward_to: 'd@example.com' would forward to itself\n"
	    ":8: invalid local part 'e..e': two dots in a row at position 3\n"
	    ":8: a line break or tab in the name\n");
	import_free(im);
}

static void
test_import_header(void **state)
{
	struct import *im = (struct import *)1;
	struct errbuf eb;

	(void)state;
	assert_int_equal(load("address,password\nx@example.com,s3cret\n", &im,
	    &eb), ISPM_EDATA);
	unlink(path);
	assert_null(im);
	assert_non_null(strstr(eb.msg, ":1: a password column: import "
	    "generates every password"));
	assert_int_equal(load("address,Name,email\n", &im, &eb), ISPM_EDATA);
	unlink(path);
	assert_non_null(strstr(eb.msg, ":1: unknown column 'email'"));
	assert_int_equal(load("name,quota\nA,1G\n", &im, &eb), ISPM_EDATA);
	unlink(path);
	assert_non_null(strstr(eb.msg, ":1: no 'address' column"));
	assert_int_equal(load("address,name,Address\n", &im, &eb), ISPM_EDATA);
	unlink(path);
	assert_non_null(strstr(eb.msg, ":1: column 'address' twice"));
	assert_int_equal(load("address\n\"open\n", &im, &eb), ISPM_EDATA);
	unlink(path);
	assert_non_null(strstr(eb.msg, "unterminated quoted field"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_rows),
		cmocka_unit_test(test_import_problems),
		cmocka_unit_test(test_import_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
