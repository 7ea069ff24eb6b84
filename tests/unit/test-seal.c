/*
 * Key pair files and sealed boxes: modes, passphrase protection, refusal
 * to overwrite, wrong keys.
 */
#include "config.h"

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "seal.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test-seal.XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
path(const char *name)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static void
roundtrip(const char *prefix, const struct secret *pass)
{
	unsigned char pk[SEAL_PUBLICKEYBYTES], box[5 + SEAL_OVERHEAD];
	struct seal_key *k = NULL;
	struct secret *out = secret_new(64);
	struct errbuf eb;
	char pub[160];

	snprintf(pub, sizeof(pub), "%s.pub", prefix);
	assert_int_equal(seal_load_public(pub, pk, &eb), 0);
	assert_int_equal(seal_box(pk, (const unsigned char *)"hello", 5, box,
	    &eb), 0);
	assert_int_equal(seal_load_key(prefix, pass, &k, &eb), 0);
	assert_int_equal(seal_open(k, box, sizeof(box), out, &eb), 0);
	assert_int_equal(out->len, 5);
	assert_memory_equal(out->buf, "hello", 5);
	/* Any change to the box is detected. */
	box[10] ^= 1;
	assert_int_equal(seal_open(k, box, sizeof(box), out, &eb), ISPM_EDATA);
	seal_key_free(k);
	secret_free(out);
}

static void
test_seal_plain_key(void **state)
{
	struct stat sb;
	struct errbuf eb;
	int prot = -1;

	(void)state;
	assert_int_equal(seal_keygen(path("k1"), NULL, &eb), 0);
	assert_int_equal(stat(path("k1"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(stat(path("k1.pub"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
	assert_int_equal(seal_key_protected(path("k1"), &prot, &eb), 0);
	assert_int_equal(prot, 0);
	roundtrip(path("k1"), NULL);
	/* Never overwrites a key. */
	assert_int_equal(seal_keygen(path("k1"), NULL, &eb), ISPM_EEXIST);
}

static void
test_seal_protected_key(void **state)
{
	struct secret *pass = secret_new(64), *bad = secret_new(64);
	struct seal_key *k = NULL;
	struct errbuf eb;
	int prot = -1;

	(void)state;
	assert_int_equal(secret_set(pass, "correct horse", 13, &eb), 0);
	assert_int_equal(secret_set(bad, "wrong horse", 11, &eb), 0);
	assert_int_equal(seal_keygen_limits(path("k2"), pass,
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, &eb), 0);
	assert_int_equal(seal_key_protected(path("k2"), &prot, &eb), 0);
	assert_int_equal(prot, 1);
	assert_int_equal(seal_load_key(path("k2"), NULL, &k, &eb), ISPM_EPERM);
	assert_null(k);
	assert_int_equal(seal_load_key(path("k2"), bad, &k, &eb), ISPM_EPERM);
	assert_non_null(strstr(eb.msg, "wrong passphrase"));
	roundtrip(path("k2"), pass);
	secret_free(pass);
	secret_free(bad);
}

static void
test_seal_wrong_key_and_files(void **state)
{
	unsigned char pk[SEAL_PUBLICKEYBYTES], box[3 + SEAL_OVERHEAD];
	struct seal_key *k = NULL;
	struct secret *out = secret_new(16);
	struct errbuf eb;
	FILE *fp;

	(void)state;
	assert_int_equal(seal_keygen(path("a"), NULL, &eb), 0);
	assert_int_equal(seal_keygen(path("b"), NULL, &eb), 0);
	assert_int_equal(seal_load_public(path("a.pub"), pk, &eb), 0);
	assert_int_equal(seal_box(pk, (const unsigned char *)"abc", 3, box,
	    &eb), 0);
	assert_int_equal(seal_load_key(path("b"), NULL, &k, &eb), 0);
	assert_int_equal(seal_open(k, box, sizeof(box), out, &eb), ISPM_EDATA);
	seal_key_free(k);
	/* A public key is not a secret key, and the reverse. */
	assert_int_equal(seal_load_public(path("a"), pk, &eb), ISPM_EDATA);
	assert_int_equal(chmod(path("a.pub"), 0600), 0);
	assert_int_equal(seal_load_key(path("a.pub"), NULL, &k, &eb),
	    ISPM_EDATA);
	assert_int_equal(seal_load_public(path("none"), pk, &eb),
	    ISPM_ENOINPUT);
	/* A secret key readable by others is refused. */
	assert_int_equal(chmod(path("a"), 0644), 0);
	assert_int_equal(seal_load_key(path("a"), NULL, &k, &eb),
	    ISPM_ECONFIG);
	assert_non_null(fp = fopen(path("junk"), "w"));
	fputs("ispmail-seal-key-v1 plain AAAA\n", fp);
	fclose(fp);
	assert_int_equal(chmod(path("junk"), 0600), 0);
	assert_int_equal(seal_load_key(path("junk"), NULL, &k, &eb),
	    ISPM_EDATA);
	secret_free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_plain_key),
		cmocka_unit_test(test_seal_protected_key),
		cmocka_unit_test(test_seal_wrong_key_and_files),
	};

	if (sodium_init() < 0)
		return 1;
	umask(077);
	return cmocka_run_group_tests(tests, setup, teardown);
}
