/*
 * The CSV reader: what spreadsheets write (quotes, doubled quotes, line
 * breaks and separators inside quotes, CRLF, a BOM, ';' from French
 * programs) is read back exactly with each record's first line; what they
 * never write is refused with the line it is on; every limit holds.
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

#include "csv.h"
#include "xmalloc.h"

static struct csv *
parse_ok(const char *s)
{
	struct csv *c;
	struct errbuf eb;

	eb.msg[0] = '\0';
	if (csv_parse(s, strlen(s), "t.csv", &c, &eb) != 0)
		fail_msg("refused: %s", eb.msg);
	return c;
}

/* Parses s, which must be refused with a message starting with want. */
static void
parse_bad(const char *s, size_t len, const char *want)
{
	struct csv *c = (struct csv *)1;
	struct errbuf eb;

	assert_int_equal(csv_parse(s, len, "t.csv", &c, &eb), ISPM_EDATA);
	assert_null(c);
	if (strncmp(eb.msg, want, strlen(want)) != 0)
		fail_msg("message '%s', want '%s...'", eb.msg, want);
}

static void
test_csv_plain(void **state)
{
	struct csv *c;

	(void)state;
	c = parse_ok("address,name\na@x.fr,Anne\nb@x.fr,\n");
	assert_int_equal(c->sep, ',');
	assert_int_equal(c->nrecords, 3);
	assert_int_equal(c->records[1].nfields, 2);
	assert_string_equal(c->records[1].fields[1], "Anne");
	assert_string_equal(c->records[2].fields[1], "");
	assert_int_equal(c->records[2].line, 3);
	csv_free(c);
	/* No final line break; a trailing separator is one more field. */
	c = parse_ok("address,name\na@x.fr,");
	assert_int_equal(c->records[1].nfields, 2);
	assert_string_equal(c->records[1].fields[1], "");
	csv_free(c);
}

static void
test_csv_quotes(void **state)
{
	struct csv *c;

	(void)state;
	c = parse_ok("address,name\r\n"
	    "\"a@x.fr\",\"Dupont, \"\"Jo\"\"\"\r\n"
	    "b@x.fr,\"two\r\nlines; and, more\"\r\n"
	    "c@x.fr,\"\"\r\n");
	assert_int_equal(c->nrecords, 4);
	assert_string_equal(c->records[1].fields[1], "Dupont, \"Jo\"");
	/* A quoted line break is kept, as LF; the next record's line counts
	 * it. */
	assert_string_equal(c->records[2].fields[1], "two\nlines; and, more");
	assert_int_equal(c->records[2].line, 3);
	assert_int_equal(c->records[3].line, 5);
	assert_string_equal(c->records[3].fields[1], "");
	csv_free(c);
}

static void
test_csv_semicolon_bom(void **state)
{
	struct csv *c;

	(void)state;
	c = parse_ok("\xef\xbb\xbf" "address;name;quota\r\n"
	    "l\xc3\xa9" "a@x.fr;\"L\xc3\xa9" "a, \xc3\x89" "lodie\";1,5G\r\n");
	assert_int_equal(c->sep, ';');
	assert_string_equal(c->records[0].fields[0], "address");
	assert_string_equal(c->records[1].fields[1],
	    "L\xc3\xa9" "a, \xc3\x89" "lodie");
	assert_string_equal(c->records[1].fields[2], "1,5G");
	csv_free(c);
	/* Separators inside quotes do not count when choosing. */
	c = parse_ok("\"a,b,c\";name\nx;y\n");
	assert_int_equal(c->sep, ';');
	assert_string_equal(c->records[0].fields[0], "a,b,c");
	csv_free(c);
	/* One column: no separator at all. */
	c = parse_ok("address\na@x.fr\n");
	assert_int_equal(c->records[1].nfields, 1);
	csv_free(c);
}

static void
test_csv_blank_lines(void **state)
{
	struct csv *c;

	(void)state;
	/* A record that starts with a separator is a record of its own,
	 * after an unquoted or a quoted field alike. */
	c = parse_ok("a;b;c\r\n;;\r\nx;;\"q\"\n;y;\n");
	assert_int_equal(c->nrecords, 4);
	assert_int_equal(c->records[1].nfields, 3);
	assert_int_equal(c->records[2].nfields, 3);
	assert_string_equal(c->records[2].fields[2], "q");
	assert_int_equal(c->records[3].nfields, 3);
	assert_string_equal(c->records[3].fields[1], "y");
	assert_int_equal(c->records[3].line, 4);
	csv_free(c);
	c = parse_ok("\n\naddress\n\na@x.fr\n\n\n");
	assert_int_equal(c->nrecords, 2);
	assert_int_equal(c->records[0].line, 3);
	assert_int_equal(c->records[1].line, 5);
	csv_free(c);
}

static void
test_csv_refused(void **state)
{
	(void)state;
	parse_bad("", 0, "t.csv: empty");
	parse_bad("\xef\xbb\xbf\r\n\n", 5, "t.csv: empty");
	parse_bad("a\nb,\"open\nc\n", 12,
	    "t.csv:4: unterminated quoted field (opened on line 2)");
	parse_bad("a\n\"x\"y\n", 7, "t.csv:2: text after the closing quote");
	parse_bad("a\nx\"y\n", 6, "t.csv:2: a quote inside an unquoted");
	parse_bad("a\nx\ry\n", 6, "t.csv:2: a carriage return without");
	parse_bad("a\nx\0y\n", 6, "t.csv: a NUL byte");
	parse_bad("a\n\xc3(\n", 5, "t.csv:2: not UTF-8 (byte 0xC3)");
	parse_bad("a\n\xed\xa0\x80\n", 6, "t.csv:2: not UTF-8");
	parse_bad("a\n\"x\x1b[2J\"\n", 10, "t.csv:2: a control character "
	    "(U+001B)");
	parse_bad("a\n\xe2\x80\xae" "x\n", 7, "t.csv:2: a control character "
	    "(U+202E)");
}

static void
test_csv_limits(void **state)
{
	char *s, *p;
	size_t i;
	struct csv *c;

	(void)state;
	/* A field of exactly CSV_FIELD_MAX bytes passes; one more fails. */
	s = xmalloc(CSV_FIELD_MAX + 16);
	memcpy(s, "a\n", 2);
	memset(s + 2, 'x', CSV_FIELD_MAX);
	s[2 + CSV_FIELD_MAX] = '\0';
	c = parse_ok(s);
	assert_int_equal(strlen(c->records[1].fields[0]), CSV_FIELD_MAX);
	csv_free(c);
	s[2 + CSV_FIELD_MAX] = 'x';
	s[3 + CSV_FIELD_MAX] = '\0';
	parse_bad(s, strlen(s), "t.csv:2: a field longer than 4096 bytes");
	free(s);

	/* Fields a record. */
	s = p = xmalloc(2 * CSV_FIELDS_MAX + 8);
	for (i = 0; i <= CSV_FIELDS_MAX; i++) {
		*p++ = 'f';
		*p++ = ',';
	}
	p[-1] = '\n';
	*p = '\0';
	parse_bad(s, strlen(s), "t.csv:1: more than 64 fields");
	free(s);

	/* Bytes a record: many fields, each under the field limit. */
	s = p = xmalloc(CSV_RECORD_MAX + 4096);
	while ((size_t)(p - s) < CSV_RECORD_MAX + 2000) {
		memset(p, 'y', 999);
		p += 999;
		*p++ = ',';
	}
	*p = '\0';
	parse_bad(s, strlen(s), "t.csv:1: a record longer than 16384 bytes");
	free(s);

	/* Records. */
	s = p = xmalloc(2 * (CSV_RECORDS_MAX + 2) + 1);
	for (i = 0; i <= CSV_RECORDS_MAX; i++) {
		*p++ = 'r';
		*p++ = '\n';
	}
	*p = '\0';
	parse_bad(s, strlen(s), "t.csv:100001: more than 100000 records");
	free(s);

	/* The file. */
	parse_bad("", (size_t)CSV_FILE_MAX + 1, "t.csv: larger than 16 MiB");
}

static void
test_csv_read_file(void **state)
{
	struct csv *c = NULL;
	struct errbuf eb;
	char path[] = "/tmp/test-csv.XXXXXX";
	FILE *fp;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	fp = fdopen(fd, "w");
	fputs("address;name\r\nz@x.fr;Z\r\n", fp);
	fclose(fp);
	assert_int_equal(csv_read_file(path, &c, &eb), 0);
	assert_int_equal(c->nrecords, 2);
	assert_string_equal(c->records[1].fields[1], "Z");
	csv_free(c);
	unlink(path);
	assert_int_equal(csv_read_file(path, &c, &eb), ISPM_ENOINPUT);
	assert_null(c);
	assert_int_equal(csv_read_file("/dev/null", &c, &eb), ISPM_ENOINPUT);
	assert_non_null(strstr(eb.msg, "not a regular file"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_csv_semicolon_bom),
		cmocka_unit_test(test_csv_blank_lines),
		cmocka_unit_test(test_csv_refused),
		cmocka_unit_test(test_csv_limits),
		cmocka_unit_test(test_csv_read_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
