/*
 * Sharding: every address in exactly one shard, the same one on every
 * machine and whatever its case, slices of even size; and the parser of
 * --shard.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "audit.h"

static void
test_shard_stable(void **state)
{
	(void)state;
	/* Fixed values: a change would move mailboxes between machines. */
	assert_int_equal(audit_shard_of("jean.dupont@example.com", 1000),
	    audit_shard_of("Jean.Dupont@EXAMPLE.com", 1000));
	assert_int_equal(audit_shard_of("a@b.c", 1), 0);
	assert_int_equal(audit_shard_of("a@b.c", 0), 0);
	assert_int_equal(audit_shard_of("jean.dupont@example.com", 7),
	    audit_shard_of("jean.dupont@example.com", 7));
}

static void
test_shard_vectors(void **state)
{
	unsigned char h[8];
	uint64_t x = 0;
	int i;

	(void)state;
	/* The documented definition, computed independently. */
	crypto_generichash(h, sizeof(h), (const unsigned char *)"x@y.fr", 6,
	    NULL, 0);
	for (i = 7; i >= 0; i--)
		x = x << 8 | h[i];
	assert_int_equal(audit_shard_of("X@Y.FR", 13), (unsigned)(x % 13));
	assert_int_equal(audit_shard_of("x@y.fr", 65536),
	    (unsigned)(x % 65536));
}

static void
test_shard_partition(void **state)
{
	unsigned counts[8] = { 0 }, n = 8, k, s;
	char addr[64];
	int i;

	(void)state;
	for (i = 0; i < 8000; i++) {
		snprintf(addr, sizeof(addr), "user%d@domain%d.fr", i, i % 37);
		s = audit_shard_of(addr, n);
		assert_true(s < n);
		counts[s]++;
		/* One shard only: the others do not claim it. */
		for (k = 0; k < n; k++)
			assert_int_equal(audit_shard_of(addr, n) == k, k == s);
	}
	for (k = 0; k < n; k++)
		assert_true(counts[k] > 850 && counts[k] < 1150);
}

static void
test_shard_parse(void **state)
{
	struct errbuf eb;
	unsigned i, n;

	(void)state;
	assert_int_equal(audit_parse_shard("0/4", &i, &n, &eb), 0);
	assert_int_equal(i, 0);
	assert_int_equal(n, 4);
	assert_int_equal(audit_parse_shard("3/4", &i, &n, &eb), 0);
	assert_int_equal(audit_parse_shard("4/4", &i, &n, &eb), ISPM_EUSAGE);
	assert_int_equal(audit_parse_shard("1/0", &i, &n, &eb), ISPM_EUSAGE);
	assert_int_equal(audit_parse_shard("-1/4", &i, &n, &eb), ISPM_EUSAGE);
	assert_int_equal(audit_parse_shard("1/", &i, &n, &eb), ISPM_EUSAGE);
	assert_int_equal(audit_parse_shard("1/4x", &i, &n, &eb), ISPM_EUSAGE);
}

static void
test_shard_classify(void **state)
{
	struct audit_account a;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.hash = (char *)"";
	audit_classify(&a);
	assert_int_equal(a.flags, AUDIT_F_EMPTY);
	a.hash = (char *)"{PLAIN}secret";
	audit_classify(&a);
	assert_int_equal(a.flags, AUDIT_F_PLAIN);
	a.hash = (char *)"$1$abcdefgh$TbQXaBhj2RKOWDb0rFZPH/";
	audit_classify(&a);
	assert_int_equal(a.flags, AUDIT_F_MD5);
	assert_true(a.guessable);
	a.hash = (char *)"$6$rounds=5000$0123456789abcdef$d9A69KaCOtqd4gD7oYA2"
	    "zGmB8mGoE9KUWmr29sgUdTW7FiszodUmWkPokxrBjWgtH6WdhhEUdhnJpokttbhud.";
	audit_classify(&a);
	assert_int_equal(a.flags, 0);
	assert_true(a.guessable);
	assert_true(a.cost == 1.0);
	a.hash = (char *)"$2y$10$abcdefghijklmnopqrstuu5e2Q0VLhF5IlE1bdE1hyXKdXNmgvJm";
	audit_classify(&a);
	assert_int_equal(a.flags, AUDIT_F_UNKNOWN);
	assert_false(a.guessable);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shard_stable),
		cmocka_unit_test(test_shard_vectors),
		cmocka_unit_test(test_shard_partition),
		cmocka_unit_test(test_shard_parse),
		cmocka_unit_test(test_shard_classify),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
