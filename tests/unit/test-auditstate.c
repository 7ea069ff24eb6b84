/*
 * The audit state: positions survive a save, a changed hash or
 * fingerprint starts afresh, entries not seen are dropped, the lock
 * holds, a stale temporary file or a corrupt state does no harm; the
 * last run's rate is kept, also across a change of fingerprint, and
 * read without the lock.
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

#include "auditstate.h"

#define FP 0x1234abcd5678ef00ULL
#define H1 "$6$rounds=5000$0123456789abcdef$d9A69KaCOtqd4gD7oYA2zGmB8"
#define H2 "$1$abcdefgh$0123456789abcdefghijkl"

static char dir[64], spath[128];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test-auditstate.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(spath, sizeof(spath), "%s/audit-test.state", dir);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
fresh(void **state)
{
	(void)state;
	unlink(spath);
	return 0;
}

static void
test_auditstate_roundtrip(void **state)
{
	struct auditstate *st;
	struct errbuf eb;
	const char *note;
	uint64_t pos;
	uint32_t tag;
	struct stat sb;
	char buf[4096];
	FILE *fp;
	size_t n;

	(void)state;
	assert_int_equal(auditstate_open(spath, FP, &st, &note, &eb), 0);
	assert_string_equal(note, "");
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 0);
	auditstate_put(st, H1, 12345, 0);
	auditstate_put(st, H2, 77, 0x0205);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(stat(spath, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* No hash is written, only digests. */
	assert_non_null(fp = fopen(spath, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_null(strstr(buf, "$6$"));
	assert_null(strstr(buf, "abcdefgh"));

	assert_int_equal(auditstate_open(spath, FP, &st, &note, &eb), 0);
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 1);
	assert_int_equal(pos, 12345);
	assert_int_equal(tag, 0);
	assert_int_equal(auditstate_get(st, H2, &pos, &tag), 1);
	assert_int_equal(pos, 77);
	assert_int_equal(tag, 0x0205);
	/* A changed hash is another key: afresh. */
	assert_int_equal(auditstate_get(st, H1 "x", &pos, &tag), 0);
	auditstate_free(st);
}

static void
test_auditstate_drops_unseen(void **state)
{
	struct auditstate *st;
	struct errbuf eb;
	uint64_t pos;
	uint32_t tag;

	(void)state;
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	auditstate_put(st, H1, 10, 0);
	auditstate_put(st, H2, 20, 0);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	/* The next run only sees H1: H2's mailbox changed its password. */
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 1);
	assert_int_equal(auditstate_count(st), 1);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	assert_int_equal(auditstate_get(st, H2, &pos, &tag), 0);
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 1);
	auditstate_free(st);
}

static void
test_auditstate_many(void **state)
{
	struct auditstate *st;
	struct errbuf eb;
	char h[64];
	uint64_t pos;
	uint32_t tag;
	int i;

	(void)state;
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(h, sizeof(h), "$6$rounds=5000$%016x$x", i);
		auditstate_put(st, h, (uint64_t)i * 3, (uint32_t)i);
	}
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(h, sizeof(h), "$6$rounds=5000$%016x$x", i);
		assert_int_equal(auditstate_get(st, h, &pos, &tag), 1);
		assert_int_equal(pos, (uint64_t)i * 3);
		assert_int_equal(tag, (uint32_t)i);
	}
	auditstate_free(st);
}

static void
test_auditstate_fingerprint(void **state)
{
	struct auditstate *st;
	struct errbuf eb;
	const char *note;
	uint64_t pos;
	uint32_t tag;

	(void)state;
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	auditstate_put(st, H1, 10, 0);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(auditstate_open(spath, FP + 1, &st, &note, &eb), 0);
	assert_non_null(strstr(note, "afresh"));
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 0);
	auditstate_free(st);
}

static void
test_auditstate_lock(void **state)
{
	struct auditstate *a, *b;
	struct errbuf eb;

	(void)state;
	assert_int_equal(auditstate_open(spath, FP, &a, NULL, &eb), 0);
	assert_int_equal(auditstate_open(spath, FP, &b, NULL, &eb),
	    ISPM_ETEMP);
	assert_null(b);
	assert_non_null(strstr(eb.msg, "another audit"));
	auditstate_free(a);
	assert_int_equal(auditstate_open(spath, FP, &b, NULL, &eb), 0);
	auditstate_free(b);
}

static void
test_auditstate_crash_leftovers(void **state)
{
	struct auditstate *st;
	struct errbuf eb;
	const char *note;
	char tmp[160];
	uint64_t pos;
	uint32_t tag;
	FILE *fp;

	(void)state;
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	auditstate_put(st, H1, 10, 0);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	/* A crash during the next save left half a temporary file. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", spath);
	assert_non_null(fp = fopen(tmp, "w"));
	fputs("ispmail-audit-state-v1 12", fp);
	fclose(fp);
	assert_int_equal(auditstate_open(spath, FP, &st, &note, &eb), 0);
	assert_string_equal(note, "");
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 1);
	assert_int_equal(pos, 10);
	auditstate_put(st, H1, 20, 0);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(access(tmp, F_OK), -1);
	/*
	 * A file that is not a state is refused and left alone, as the
	 * journal refuses a file that is not one; an empty one is a fresh
	 * state.
	 */
	assert_non_null(fp = fopen(spath, "w"));
	fputs("garbage\n", fp);
	fclose(fp);
	assert_int_equal(auditstate_open(spath, FP, &st, &note, &eb),
	    ISPM_EDATA);
	assert_null(st);
	assert_non_null(strstr(eb.msg, "is not an ispmail audit state"));
	assert_non_null(fp = fopen(spath, "r"));
	assert_non_null(fgets(tmp, sizeof(tmp), fp));
	fclose(fp);
	assert_string_equal(tmp, "garbage\n");
	assert_non_null(fp = fopen(spath, "w"));
	fclose(fp);
	assert_int_equal(auditstate_open(spath, FP, &st, &note, &eb), 0);
	assert_string_equal(note, "");
	assert_int_equal(auditstate_get(st, H1, &pos, &tag), 0);
	auditstate_free(st);
}

/*
 * Someone who can write the state's directory plants links and a FIFO at
 * the state, its lock and its temporary file: the first two are refused
 * without touching the target or blocking, the third is replaced.
 */
static void
test_auditstate_links(void **state)
{
	struct auditstate *st;
	struct errbuf eb;
	char victim[160], lock[160], tmp[160], buf[32];
	struct stat sb;
	FILE *fp;

	(void)state;
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	snprintf(lock, sizeof(lock), "%s.lock", spath);
	snprintf(tmp, sizeof(tmp), "%s.tmp", spath);
	assert_non_null(fp = fopen(victim, "w"));
	fputs("precious\n", fp);
	fclose(fp);

	unlink(spath);
	assert_int_equal(symlink(victim, spath), 0);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb),
	    ISPM_EIO);
	assert_non_null(strstr(eb.msg, "symbolic link"));
	unlink(spath);
	assert_int_equal(mkfifo(spath, 0600), 0);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb),
	    ISPM_EIO);
	assert_non_null(strstr(eb.msg, "not a regular file"));
	unlink(spath);

	unlink(lock);
	assert_int_equal(symlink(victim, lock), 0);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb),
	    ISPM_EIO);
	assert_non_null(strstr(eb.msg, "symbolic link"));
	unlink(lock);
	assert_int_equal(mkfifo(lock, 0600), 0);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb),
	    ISPM_EIO);
	assert_non_null(strstr(eb.msg, "not a regular file"));
	unlink(lock);

	assert_int_equal(symlink(victim, tmp), 0);
	assert_int_equal(auditstate_open(spath, FP, &st, NULL, &eb), 0);
	auditstate_put(st, H1, 10, 0);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(lstat(spath, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(lstat(tmp, &sb), -1);

	assert_non_null(fp = fopen(victim, "r"));
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	assert_string_equal(buf, "precious\n");
	unlink(victim);
}

static void
test_auditstate_default_path(void **state)
{
	struct errbuf eb;
	char *p;
	struct stat sb;

	(void)state;
	setenv("XDG_STATE_HOME", dir, 1);
	assert_int_equal(auditstate_default_path("prod", 0, 1, &p, &eb), 0);
	assert_true(strncmp(p, dir, strlen(dir)) == 0);
	assert_non_null(strstr(p, "/ispmail/audit-prod.state"));
	free(p);
	assert_int_equal(auditstate_default_path("prod", 2, 4, &p, &eb), 0);
	assert_non_null(strstr(p, "/ispmail/audit-prod.shard-2-of-4.state"));
	free(p);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(auditstate_default_path("../x", 0, 1, &p, &eb),
	    ISPM_ECONFIG);
	assert_null(p);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", dir, 1);
	assert_int_equal(auditstate_default_path("p", 0, 1, &p, &eb), 0);
	assert_non_null(strstr(p, "/.local/state/ispmail/audit-p.state"));
	free(p);
}

static void
test_auditstate_rate(void **state)
{
	struct auditstate_rate rate = { 2500.0, 4500.0 }, got;
	struct auditstate *st;
	struct errbuf eb;
	char path[160], sub[96];
	FILE *fp;

	(void)state;
	setenv("XDG_STATE_HOME", dir, 1);
	snprintf(path, sizeof(path), "%s/ispmail/audit-rated.state", dir);
	assert_int_equal(auditstate_last_rate("rated", &got), ISPM_ENOINPUT);
	assert_true(got.per_second == 0);
	snprintf(sub, sizeof(sub), "%s/ispmail", dir);
	mkdir(sub, 0700);
	/* A state from before the rate: no rate, and it still loads. */
	assert_non_null(fp = fopen(path, "w"));
	fprintf(fp, "ispmail-audit-state-v1 %016llx\n", FP);
	fclose(fp);
	assert_int_equal(auditstate_last_rate("rated", &got), ISPM_ENOINPUT);
	assert_int_equal(auditstate_open(path, FP, &st, NULL, &eb), 0);
	auditstate_put(st, H1, 10, 0);
	auditstate_set_rate(st, &rate);
	assert_int_equal(auditstate_save(st, &eb), 0);
	/* Read while the audit holds its lock. */
	assert_int_equal(auditstate_last_rate("rated", &got), 0);
	assert_true(got.per_second == 2500.0 && got.per_night == 4500.0);
	auditstate_free(st);
	/* New candidate lists: the positions go, the machine's rate stays. */
	assert_int_equal(auditstate_open(path, FP + 1, &st, NULL, &eb), 0);
	assert_int_equal(auditstate_save(st, &eb), 0);
	auditstate_free(st);
	assert_int_equal(auditstate_last_rate("rated", &got), 0);
	assert_true(got.per_night == 4500.0);
	unsetenv("XDG_STATE_HOME");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_auditstate_roundtrip, fresh),
		cmocka_unit_test_setup(test_auditstate_drops_unseen, fresh),
		cmocka_unit_test_setup(test_auditstate_many, fresh),
		cmocka_unit_test_setup(test_auditstate_fingerprint, fresh),
		cmocka_unit_test_setup(test_auditstate_lock, fresh),
		cmocka_unit_test_setup(test_auditstate_crash_leftovers, fresh),
		cmocka_unit_test_setup(test_auditstate_links, fresh),
		cmocka_unit_test_setup(test_auditstate_default_path, fresh),
		cmocka_unit_test_setup(test_auditstate_rate, fresh),
	};

	if (sodium_init() < 0)
		return 1;
	umask(077);
	return cmocka_run_group_tests(tests, setup, teardown);
}
