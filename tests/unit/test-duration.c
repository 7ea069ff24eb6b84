/*
 * Durations (duration.h): what the audit's --budget and the profile's
 * budget keyword accept, and that a shown duration reads back the same.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "duration.h"

/* The seconds s stands for, or -1 when it is refused. */
static double
secs_of(const char *s)
{
	struct errbuf eb;
	double d = -1;

	if (duration_parse(s, &d, &eb) != 0) {
		assert_int_equal(duration_parse(s, &d, &eb), ISPM_EUSAGE);
		assert_non_null(strstr(eb.msg, "bad duration '"));
		return -1;
	}
	return d;
}

static void
test_duration_accepted(void **state)
{
	(void)state;
	assert_true(secs_of("30m") == 1800);
	assert_true(secs_of("90s") == 90);
	assert_true(secs_of("1h") == 3600);
	assert_true(secs_of("1h30m") == 5400);
	assert_true(secs_of("1h30") == 3630);
	assert_true(secs_of("45") == 45);
	assert_true(secs_of("0.5s") == 0.5);
	assert_true(secs_of(".5m") == 30);
	assert_true(secs_of("168h") == 7 * 24 * 3600);
}

static void
test_duration_refused(void **state)
{
	(void)state;
	assert_true(secs_of("") == -1);
	assert_true(secs_of("10x") == -1);
	assert_true(secs_of("0m") == -1);
	assert_true(secs_of("-5m") == -1);
	assert_true(secs_of("+5m") == -1);
	assert_true(secs_of("9999h") == -1);
	assert_true(secs_of("168h1s") == -1);
	/* What strtod would have taken for a number. */
	assert_true(secs_of("1e3") == -1);
	assert_true(secs_of("0x10") == -1);
	assert_true(secs_of("inf") == -1);
	assert_true(secs_of("nan") == -1);
	assert_true(secs_of(".") == -1);
	assert_true(secs_of("1.2.3") == -1);
	assert_true(secs_of("30 m") == -1);
	assert_true(secs_of("m") == -1);
	assert_true(secs_of("1mm") == -1);
	assert_true(secs_of("99999999999999999999") == -1);
}

/* Whether duration_format(secs) is want and parses back to secs. */
static void
shows_as(double secs, const char *want)
{
	char buf[64];

	duration_format(secs, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_true(secs_of(buf) == secs);
}

static void
test_duration_format(void **state)
{
	(void)state;
	shows_as(1800, "30m");
	shows_as(5400, "1h30m");
	shows_as(3630, "1h30s");
	shows_as(90, "1m30s");
	shows_as(2, "2s");
	shows_as(0.5, "0.5s");
	shows_as(90.25, "1m30.25s");
	shows_as(7 * 24 * 3600, "168h");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration_accepted),
		cmocka_unit_test(test_duration_refused),
		cmocka_unit_test(test_duration_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
