/*
 * Secrets: size limits, line reading that leaves the rest of a pipe alone,
 * password_command and password_file with their refusals.
 */
#include "config.h"

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "output.h"
#include "secret.h"

static void
test_secret_set_and_limit(void **state)
{
	struct secret *s = secret_new(8);
	struct errbuf eb;

	assert_int_equal(secret_set(s, "abcdefgh", 8, &eb), 0);
	assert_string_equal(s->buf, "abcdefgh");
	assert_int_equal(secret_set(s, "abcdefghi", 9, &eb), ISPM_EDATA);
	assert_non_null(strstr(eb.msg, "too long"));
	secret_free(s);
	secret_free(NULL);
}

static void
test_secret_read_fd_takes_one_line(void **state)
{
	struct secret *s = secret_new(64);
	struct errbuf eb;
	int p[2];

	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "first\r\nsecond\n", 14), 14);
	close(p[1]);
	assert_int_equal(secret_read_fd(p[0], s, &eb), 0);
	assert_string_equal(s->buf, "first");
	assert_int_equal(secret_read_fd(p[0], s, &eb), 0);
	assert_string_equal(s->buf, "second");
	assert_int_equal(secret_read_fd(p[0], s, &eb), ISPM_EDATA);
	close(p[0]);
	secret_free(s);
}

static void
test_secret_from_command(void **state)
{
	struct secret *s = secret_new(64);
	struct errbuf eb;

	assert_int_equal(secret_from_command("printf 'pw one\\nignored\\n'", 30,
	    s, &eb), 0);
	assert_string_equal(s->buf, "pw one");
	assert_int_equal(secret_from_command("exit 3", 30, s, &eb),
	    ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "exit status 3"));
	assert_int_equal(s->len, 0);
	assert_int_equal(secret_from_command("true", 30, s, &eb),
	    ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "no password"));
	secret_free(s);
}

/* Seconds since *t0 (CLOCK_MONOTONIC). */
static double
elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * A command that hangs, keeps writing, leaves a child holding its output
 * or dies of a signal: bounded by the timeout, one line read, the process
 * group killed, and a message that says which.
 */
static void
test_secret_from_command_bounded(void **state)
{
	struct secret *s = secret_new(64);
	struct timespec t0;
	struct errbuf eb;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(secret_from_command("sleep 20", 1, s, &eb),
	    ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "did not finish within 1s"));
	assert_true(elapsed(&t0) < 5);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(secret_from_command("echo pw; sleep 20", 1, s, &eb),
	    ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "did not finish"));
	assert_int_equal(s->len, 0);
	assert_true(elapsed(&t0) < 5);

	/* A background child holds the pipe open: the line is enough. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(secret_from_command("sleep 20 & echo pw", 10, s,
	    &eb), 0);
	assert_string_equal(s->buf, "pw");
	assert_true(elapsed(&t0) < 5);

	/* Endless output: one line, then SIGPIPE, which is no failure. */
	assert_int_equal(secret_from_command("yes pw", 10, s, &eb), 0);
	assert_string_equal(s->buf, "pw");

	/* Endless output without a newline: refused at the 65th byte. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(secret_from_command("yes | tr -d '\\n'", 10, s,
	    &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "longer than 64 bytes"));
	assert_true(elapsed(&t0) < 5);

	assert_int_equal(secret_from_command("kill -TERM $$", 10, s, &eb),
	    ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "killed by signal 15"));
	secret_free(s);
}

static void
test_secret_from_file_modes(void **state)
{
	struct secret *s = secret_new(64);
	char path[] = "/tmp/ispmail-test-secret.XXXXXX";
	struct errbuf eb;
	int fd;

	assert_true((fd = mkstemp(path)) != -1);
	assert_int_equal(write(fd, "filepw\n", 7), 7);
	close(fd);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(secret_from_file(path, s, &eb), 0);
	assert_string_equal(s->buf, "filepw");
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(secret_from_file(path, s, &eb), ISPM_ECONFIG);
	assert_non_null(strstr(eb.msg, "chmod 600"));
	assert_int_equal(s->len, 0);
	unlink(path);
	assert_int_equal(secret_from_file(path, s, &eb), ISPM_ECONFIG);
	secret_free(s);
}

static void
test_output_sanitize_controls(void **state)
{
	char *c = out_sanitize("a\033[31mb\tc\xc2\x9b" "d\xc3\xa9");

	assert_string_equal(c, "a?[31mb?c?d\xc3\xa9");
	free(c);
	/* A raw CSI byte, bidirectional overrides, bad UTF-8; not CJK. */
	c = out_sanitize("x\x9b" "1m\xe2\x80\xae" "gpj\xe2\x81\xa6" "y"
	    "\xd8\x9c\xc3\x28\xed\xa0\x80\xe6\x97\xa5");
	assert_string_equal(c, "x?1m?gpj?y?" "?(?" "??\xe6\x97\xa5");
	free(c);
}

/*
 * --json: json-c leaves C1 controls, bidirectional overrides and stray
 * bytes as they came; out_json escapes them, so that the document stays
 * valid JSON and drives no terminal.
 */
static void
test_output_json_escapes(void **state)
{
	struct json_object *o = json_object_new_object();
	char buf[256];
	size_t n;
	FILE *fp;

	json_object_object_add(o, "n", json_object_new_string(
	    "a\xc2\x9b" "1m\xe2\x80\xae" "b\x9b" "c\xc3\xa9\x1b"));
	assert_non_null(fp = tmpfile());
	out_json(fp, o);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	json_object_put(o);
	assert_string_equal(buf, "{\"n\":\"a\\u009b1m\\u202eb\\ufffdc"
	    "\xc3\xa9\\u001b\"}\n");
}

static void
test_output_size(void **state)
{
	char b[32];

	out_size(b, sizeof(b), 0);
	assert_string_equal(b, "unlimited");
	out_size(b, sizeof(b), 2147483648ULL);
	assert_string_equal(b, "2G");
	out_size(b, sizeof(b), 524288000ULL);
	assert_string_equal(b, "500M");
	out_size(b, sizeof(b), 1000);
	assert_string_equal(b, "1000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret_set_and_limit),
		cmocka_unit_test(test_secret_read_fd_takes_one_line),
		cmocka_unit_test(test_secret_from_command),
		cmocka_unit_test(test_secret_from_command_bounded),
		cmocka_unit_test(test_secret_from_file_modes),
		cmocka_unit_test(test_output_sanitize_controls),
		cmocka_unit_test(test_output_json_escapes),
		cmocka_unit_test(test_output_size),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
