/*
 * The rotation journal: records survive reopening, passwords are only
 * recoverable with the secret key, torn and corrupt records are
 * recognised at every cut, a torn tail is cut off, the lock holds.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
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

#include "cmd.h"
#include "journal.h"
#include "seal.h"

static char dir[64], jpath[128], kpath[128];
static unsigned char pk[SEAL_PUBLICKEYBYTES];
static struct seal_key *key;

static int
setup(void **state)
{
	struct errbuf eb;
	char pub[160];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test-journal.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(kpath, sizeof(kpath), "%s/admin", dir);
	snprintf(pub, sizeof(pub), "%s.pub", kpath);
	if (seal_keygen(kpath, NULL, &eb) != 0 ||
	    seal_load_public(pub, pk, &eb) != 0 ||
	    seal_load_key(kpath, NULL, &key, &eb) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	seal_key_free(key);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
fresh(void **state)
{
	(void)state;
	snprintf(jpath, sizeof(jpath), "%s/journal.%u", dir,
	    randombytes_random());
	return 0;
}

static struct secret *
pw(const char *s)
{
	struct secret *p = secret_new(SECRET_MAX);
	struct errbuf eb;

	assert_int_equal(secret_set(p, s, strlen(s), &eb), 0);
	return p;
}

/* Writes three rotations: verified, failed, intended only. */
static void
write_three(void)
{
	struct journal *j;
	struct secret *p1 = pw("Kq7-pX2m-Rt9w"), *p2 = pw("Zz8-aB3c-Dd4e");
	struct secret *p3 = pw("Mm1-nN2o-Pp3q");
	struct errbuf eb;
	uint64_t id;

	assert_int_equal(journal_open(jpath, &j, &eb), 0);
	assert_int_equal(journal_intend(j, pk, "a@example.fr",
	    "$6$rounds=5000$aaaa$old", p1, &id, &eb), 0);
	assert_int_equal(id, 1);
	assert_int_equal(journal_outcome(j, id, JOURNAL_APPLIED, NULL, &eb),
	    0);
	assert_int_equal(journal_outcome(j, id, JOURNAL_VERIFIED,
	    "new hash checked", &eb), 0);
	assert_int_equal(journal_intend(j, pk, "b@example.fr", "$1$x$y", p2,
	    &id, &eb), 0);
	assert_int_equal(journal_outcome(j, id, JOURNAL_FAILED,
	    "mail_user_update: 100% refused", &eb), 0);
	assert_int_equal(journal_intend(j, pk, "c@example.fr", "", p3, &id,
	    &eb), 0);
	assert_int_equal(id, 3);
	assert_int_equal(journal_outcome(j, 99, JOURNAL_APPLIED, NULL, &eb),
	    ISPM_ENOTFOUND);
	journal_free(j);
	secret_free(p1);
	secret_free(p2);
	secret_free(p3);
}

static void
test_journal_records(void **state)
{
	struct journal *j;
	const struct journal_entry *e;
	struct secret *out = secret_new(SECRET_MAX);
	struct errbuf eb;
	char d[JOURNAL_DIGEST_HEX];
	struct stat sb;

	(void)state;
	write_three();
	assert_int_equal(stat(jpath, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(journal_read(jpath, &j, &eb), 0);
	assert_int_equal(journal_count(j), 3);
	assert_int_equal(journal_torn(j, NULL), 0);
	e = journal_entry(j, 0);
	assert_string_equal(e->address, "a@example.fr");
	assert_int_equal(e->state, JOURNAL_VERIFIED);
	assert_string_equal(e->detail, "new hash checked");
	journal_digest("$6$rounds=5000$aaaa$old", d);
	assert_string_equal(e->old_digest, d);
	assert_int_equal(journal_unseal(e, key, out, &eb), 0);
	assert_string_equal(out->buf, "Kq7-pX2m-Rt9w");
	e = journal_entry(j, 1);
	assert_int_equal(e->state, JOURNAL_FAILED);
	assert_string_equal(e->detail, "mail_user_update: 100% refused");
	e = journal_entry(j, 2);
	assert_int_equal(e->state, JOURNAL_INTENDED);
	assert_int_equal(e->outcome_time, 0);
	assert_int_equal(journal_unseal(e, key, out, &eb), 0);
	assert_string_equal(out->buf, "Mm1-nN2o-Pp3q");
	assert_string_equal(journal_state_name(JOURNAL_UNAPPLIED),
	    "unapplied");
	journal_free(j);
	secret_free(out);
}

static void
test_journal_no_plaintext(void **state)
{
	char buf[8192];
	ssize_t n;
	int fd;

	(void)state;
	write_three();
	assert_true((fd = open(jpath, O_RDONLY)) >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_null(strstr(buf, "Kq7-pX2m"));
	assert_null(strstr(buf, "Mm1-nN2o"));
	/* Nor the old hashes: only their digests. */
	assert_null(strstr(buf, "$6$"));
}

/* A new mailbox's record: no old hash, told apart when read back. */
static void
test_journal_create_record(void **state)
{
	struct journal *j;
	const struct journal_entry *e;
	struct secret *p1 = pw("Nn5-oO6p-Qq7r"), *out = secret_new(SECRET_MAX);
	struct errbuf eb;
	uint64_t id;

	(void)state;
	write_three();
	assert_int_equal(journal_open(jpath, &j, &eb), 0);
	assert_int_equal(journal_intend(j, pk, "new@example.fr", NULL, p1,
	    &id, &eb), 0);
	assert_int_equal(id, 4);
	assert_true(journal_entry(j, 3)->create);
	journal_free(j);
	assert_int_equal(journal_read(jpath, &j, &eb), 0);
	assert_int_equal(journal_count(j), 4);
	assert_false(journal_entry(j, 2)->create);
	e = journal_entry(j, 3);
	assert_true(e->create);
	assert_string_equal(e->old_digest, JOURNAL_DIGEST_NONE);
	assert_int_equal(e->state, JOURNAL_INTENDED);
	assert_int_equal(journal_unseal(e, key, out, &eb), 0);
	assert_string_equal(out->buf, "Nn5-oO6p-Qq7r");
	journal_free(j);
	secret_free(p1);
	secret_free(out);
}

/* A batch: one write for all, each record its own; an outcome without
 * its own sync is there once synced. */
static void
test_journal_batch(void **state)
{
	struct journal *j;
	struct secret *p[3] = { pw("Aa1-bB2c-Cc3d"), pw("Dd4-eE5f-Ff6g"),
	    pw("Gg7-hH8i-Ii9j") }, *out = secret_new(SECRET_MAX);
	const char *addr[3] = { "a@example.fr", "b@example.fr",
	    "c@example.fr" };
	const char *bad[2] = { "d@example.fr", "e f@example.fr" };
	uint64_t ids[3];
	struct errbuf eb;
	size_t i;

	(void)state;
	assert_int_equal(journal_open(jpath, &j, &eb), 0);
	assert_int_equal(journal_intend_many(j, pk, 3, addr, NULL,
	    (const struct secret *const *)p, ids, &eb), 0);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[2], 3);
	/* One bad address: nothing of the batch is recorded. */
	assert_int_equal(journal_intend_many(j, pk, 2, bad, NULL,
	    (const struct secret *const *)p, ids, &eb), ISPM_EDATA);
	assert_int_equal(ids[0], 0);
	assert_int_equal(journal_count(j), 3);
	assert_int_equal(journal_outcome_sync(j, 2, JOURNAL_APPLIED, "created",
	    1, &eb), 0);
	assert_int_equal(journal_sync(j, &eb), 0);
	journal_free(j);
	assert_int_equal(journal_read(jpath, &j, &eb), 0);
	assert_int_equal(journal_count(j), 3);
	for (i = 0; i < 3; i++) {
		assert_true(journal_entry(j, i)->create);
		assert_string_equal(journal_entry(j, i)->address, addr[i]);
		assert_int_equal(journal_unseal(journal_entry(j, i), key, out,
		    &eb), 0);
		assert_string_equal(out->buf, p[i]->buf);
		secret_free(p[i]);
	}
	assert_int_equal(journal_entry(j, 1)->state, JOURNAL_APPLIED);
	assert_int_equal(journal_entry(j, 2)->state, JOURNAL_INTENDED);
	journal_free(j);
	secret_free(out);
}

static void
test_journal_wrong_key(void **state)
{
	struct journal *j;
	struct seal_key *other;
	struct secret *out = secret_new(SECRET_MAX);
	struct errbuf eb;
	char kp[160];

	(void)state;
	write_three();
	snprintf(kp, sizeof(kp), "%s/other.%u", dir, randombytes_random());
	assert_int_equal(seal_keygen(kp, NULL, &eb), 0);
	assert_int_equal(seal_load_key(kp, NULL, &other, &eb), 0);
	assert_int_equal(journal_read(jpath, &j, &eb), 0);
	assert_int_equal(journal_unseal(journal_entry(j, 0), other, out, &eb),
	    ISPM_EDATA);
	journal_free(j);
	seal_key_free(other);
	secret_free(out);
}

/* Every cut inside the last record: read gives the others, open cuts it
 * off, and the next record lands on a line of its own. */
static void
test_journal_torn_tail(void **state)
{
	struct journal *j;
	struct secret *p = pw("Tt5-uU6v-Ww7x"), *out = secret_new(SECRET_MAX);
	struct errbuf eb;
	struct stat sb;
	char copy[160], cmd[400];
	off_t full, last_start, cut;
	uint64_t id;
	const char *what;
	FILE *fp;
	int c;

	(void)state;
	write_three();
	assert_int_equal(stat(jpath, &sb), 0);
	full = sb.st_size;
	/* Find where the last record starts. */
	assert_non_null(fp = fopen(jpath, "r"));
	for (last_start = 0, cut = 0; (c = fgetc(fp)) != EOF; cut++)
		if (c == '\n' && cut + 1 < full)
			last_start = cut + 1;
	fclose(fp);
	snprintf(copy, sizeof(copy), "%s.orig", jpath);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", jpath, copy);
	assert_int_equal(system(cmd), 0);
	for (cut = last_start + 1; cut < full; cut++) {
		snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", copy, jpath);
		assert_int_equal(system(cmd), 0);
		assert_int_equal(truncate(jpath, cut), 0);
		assert_int_equal(journal_read(jpath, &j, &eb), 0);
		/* The last record is the intent for c@: never sent. */
		assert_int_equal(journal_count(j), 2);
		assert_int_equal(journal_torn(j, &what), 1);
		assert_non_null(strstr(what, "torn"));
		journal_free(j);
	}
	/* Cut in the middle of the third intent (c@example.fr). */
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", copy, jpath);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(truncate(jpath, last_start + 10), 0);
	assert_int_equal(journal_open(jpath, &j, &eb), 0);
	assert_int_equal(journal_torn(j, NULL), 1);
	assert_int_equal(journal_intend(j, pk, "d@example.fr", "h", p, &id,
	    &eb), 0);
	journal_free(j);
	assert_int_equal(journal_read(jpath, &j, &eb), 0);
	assert_int_equal(journal_torn(j, NULL), 0);
	assert_int_equal(journal_count(j), 3);
	assert_string_equal(journal_entry(j, 2)->address, "d@example.fr");
	assert_int_equal(journal_unseal(journal_entry(j, 2), key, out, &eb),
	    0);
	assert_string_equal(out->buf, "Tt5-uU6v-Ww7x");
	journal_free(j);
	secret_free(p);
	secret_free(out);
}

static void
test_journal_corrupt_middle(void **state)
{
	struct journal *j;
	struct errbuf eb;
	const char *what;
	char buf[8192];
	ssize_t n;
	int fd;
	char *p;

	(void)state;
	write_three();
	assert_true((fd = open(jpath, O_RDWR)) >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	/* Flip a byte of the failed outcome of b@. */
	assert_non_null(p = strstr(buf, " failed "));
	p[2] ^= 0x20;
	assert_int_equal(pwrite(fd, buf, (size_t)n, 0), n);
	close(fd);
	assert_int_equal(journal_open(jpath, &j, &eb), 0);
	assert_int_equal(journal_torn(j, &what), 1);
	assert_non_null(strstr(what, "corrupt"));
	/* The records after it are still read. */
	assert_int_equal(journal_count(j), 3);
	assert_int_equal(journal_entry(j, 1)->state, JOURNAL_INTENDED);
	journal_free(j);
}

static void
test_journal_lock_and_format(void **state)
{
	struct journal *a, *b;
	struct errbuf eb;
	FILE *fp;

	(void)state;
	assert_int_equal(journal_open(jpath, &a, &eb), 0);
	assert_int_equal(journal_open(jpath, &b, &eb), ISPM_ETEMP);
	assert_null(b);
	/* Reading needs no lock. */
	assert_int_equal(journal_read(jpath, &b, &eb), 0);
	journal_free(b);
	journal_free(a);
	assert_int_equal(journal_open(jpath, &a, &eb), 0);
	journal_free(a);
	assert_non_null(fp = fopen(jpath, "w"));
	fputs("something else\n", fp);
	fclose(fp);
	assert_int_equal(journal_open(jpath, &a, &eb), ISPM_EDATA);
	assert_int_equal(journal_read("/nonexistent/j", &a, &eb),
	    ISPM_ENOINPUT);
}

/*
 * Anyone with the public key can seal a record: unseal prints a forged
 * password and detail with their terminal controls (ESC, CSI as UTF-8 and
 * as a raw byte, a right-to-left override) replaced, not obeyed.
 */
static void
test_journal_unseal_forged_controls(void **state)
{
	struct ispm_ctx ctx;
	struct journal *j;
	struct secret *p = pw("ab\033[2Jc\xc2\x9b" "1md\x9b" "e\xe2\x80\xae" "f");
	struct errbuf eb;
	char a0[] = "unseal", a1[] = "--key";
	char *argv[] = { a0, a1, kpath, jpath, NULL };
	char out[1024];
	uint64_t id;
	size_t n;
	FILE *fp;

	(void)state;
	assert_int_equal(journal_open(jpath, &j, &eb), 0);
	assert_int_equal(journal_intend(j, pk, "a@example.fr", "$1$x$y", p,
	    &id, &eb), 0);
	assert_int_equal(journal_outcome(j, id, JOURNAL_FAILED,
	    "refused\033]0;pwned\007 \xe2\x80\xae" "gnp.exe", &eb), 0);
	journal_free(j);
	secret_free(p);

	memset(&ctx, 0, sizeof(ctx));
	assert_non_null(ctx.out = tmpfile());
	ctx.errs = stderr;
	assert_int_equal(cmd_run(&ctx, 4, argv), 0);
	rewind(ctx.out);
	n = fread(out, 1, sizeof(out) - 1, ctx.out);
	out[n] = '\0';
	fclose(fp = ctx.out);
	assert_non_null(strstr(out, "\ta@example.fr\tab?[2Jc?1md?e?f\t"));
	assert_non_null(strstr(out, "refused?]0;pwned? ?gnp.exe\n"));
	assert_null(strchr(out, '\033'));
	assert_null(strstr(out, "\xe2\x80\xae"));
	assert_null(strchr(out, '\x9b'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_journal_records, fresh),
		cmocka_unit_test_setup(test_journal_no_plaintext, fresh),
		cmocka_unit_test_setup(test_journal_create_record, fresh),
		cmocka_unit_test_setup(test_journal_batch, fresh),
		cmocka_unit_test_setup(test_journal_wrong_key, fresh),
		cmocka_unit_test_setup(test_journal_torn_tail, fresh),
		cmocka_unit_test_setup(test_journal_corrupt_middle, fresh),
		cmocka_unit_test_setup(test_journal_lock_and_format, fresh),
		cmocka_unit_test_setup(test_journal_unseal_forged_controls,
		    fresh),
	};

	if (sodium_init() < 0)
		return 1;
	umask(077);
	return cmocka_run_group_tests(tests, setup, teardown);
}
