/*
 * Strength benchmark, built on demand ("make bench-strength"), never in
 * make check: speed per core against zxcvbn-c on the same passwords, peak
 * resident memory, the $6$ hashing rate of one core, and accuracy on the
 * evaluation sets of bench/data (see tools/gen-bench-sets.py for what is
 * held out). zxcvbn-c accepts at score >= 3, that is guesses >= 10^8
 * (its entropy in bits times log10(2) >= 8); ISPConfig accepts at its
 * defaults, 8 bytes and strength 3.
 *
 * Held out: the shipped checker knows every word of the data; this bench
 * alone calls strength_bench_without_heldout() before its first estimate,
 * so that its index lacks the towns, clubs, pets and phrases the French
 * set is drawn from (tools/gen-strength-data.py, HOLDOUT). Peak RSS is
 * measured first, in a child with the full, shipped index.
 *
 * Tuning and reporting halves: a French pattern password belongs to the
 * reporting half when bit 0 of the FNV-1a 32-bit hash of its bytes is 1,
 * to the tuning half otherwise (see half_of()). Work on the estimator
 * looks at the tuning half only (BENCH_VERBOSE lists its misses, never
 * the reporting half's); the reporting half is the headline.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <crypt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <zxcvbn.h>

#include "../src/strength/pwgen-int.h"
#include "secret.h"
#include "strength.h"
#include "xmalloc.h"

struct set {
	const char	*file;
	const char	*what;
	int		 strong;	/* 1: should pass, 0: should not */
	int		 tsv;
	int		 half;		/* 0 all, else HALF_TUNING/REPORTING */
};

#define HALF_TUNING	1
#define HALF_REPORTING	2

static const struct set sets[] = {
	{ "weak-heldout.txt", "real weak, held out (Xato 100k-200k)", 0, 0, 0 },
	{ "weak-tail.txt", "real weak, long tail (Xato > 200k)", 0, 0, 0 },
	{ "french-patterns.txt", "French patterns, REPORTING half", 0, 0,
	    HALF_REPORTING },
	{ "french-patterns.txt", "French patterns, tuning half", 0, 0,
	    HALF_TUNING },
	{ "mailbox-names.tsv", "built from the mailbox's name/domain", 0, 1, 0 },
	{ "random-12-16.txt", "random 12-16 characters", 1, 0, 0 },
	{ "passphrases.txt", "passphrases, 4-5 words", 1, 0, 0 },
};
#define NSETS (sizeof(sets) / sizeof(sets[0]))

struct entry {
	char	*pw;
	char	*ctx[2];
	size_t	 nctx;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Which half of the French set a password is in (see the top). */
static int
half_of(const char *pw)
{
	uint32_t h = 2166136261U;

	for (; *pw != '\0'; pw++)
		h = (h ^ (unsigned char)*pw) * 16777619U;
	return h & 1 ? HALF_REPORTING : HALF_TUNING;
}

static struct entry *
load(const char *dir, const struct set *s, size_t *n)
{
	char path[4096], line[2048], *t;
	struct entry *e = NULL;
	size_t cap = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, s->file);
	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		exit(1);
	}
	*n = 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			e = xreallocarray(e, cap, sizeof(*e));
		}
		memset(&e[*n], 0, sizeof(e[*n]));
		if (s->tsv) {
			for (t = strtok(line, "\t"); t != NULL;
			    t = strtok(NULL, "\t")) {
				if (e[*n].pw == NULL)
					e[*n].pw = xstrdup(t);
				else if (e[*n].nctx < 2)
					e[*n].ctx[e[*n].nctx++] = xstrdup(t);
			}
		} else if (s->half == 0 || half_of(line) == s->half)
			e[*n].pw = xstrdup(line);
		if (e[*n].pw != NULL)
			(*n)++;
	}
	fclose(fp);
	return e;
}

static int
ours(struct secret *sec, const struct entry *e,
    const struct strength_policy *pol, double *l10)
{
	struct strength_result res;
	struct errbuf eb;

	secret_set(sec, e->pw, strlen(e->pw), &eb);
	if (strength_check(sec, (const char *const *)e->ctx, e->nctx, pol,
	    &res, &eb) != 0) {
		*l10 = 0;
		return 0;
	}
	*l10 = res.log10_guesses;
	return res.strong;
}

static int
theirs(const struct entry *e)
{
	const char *dict[3] = { e->ctx[0], e->ctx[1], NULL };

	if (e->nctx < 2)
		dict[e->nctx] = NULL;
	return ZxcvbnMatch(e->pw, e->nctx ? dict : NULL, NULL) *
	    log10(2.0) >= 8;
}

static int
ispconfig(const struct entry *e)
{
	size_t len = strlen(e->pw);

	return len >= 8 && strength_ispconfig(e->pw, len) >= 3;
}

/*
 * Peak resident memory of a process that only judges passwords: a child
 * streams every set through strength_check() before the parent loads the
 * sets and zxcvbn-c touches its own data.
 */
static double
peak_rss_mb(const char *dir)
{
	char path[4096], line[2048];
	struct strength_policy pol;
	struct strength_result res;
	struct errbuf eb;
	struct secret *sec;
	struct rusage ru;
	size_t s;
	FILE *fp;
	pid_t pid;
	int st;

	if ((pid = fork()) == 0) {
		strength_policy_default(&pol);
		sec = secret_new(SECRET_MAX);
		for (s = 0; s < NSETS; s++) {
			snprintf(path, sizeof(path), "%s/%s", dir,
			    sets[s].file);
			if ((fp = fopen(path, "r")) == NULL)
				_exit(1);
			while (fgets(line, sizeof(line), fp) != NULL) {
				line[strcspn(line, "\t\n")] = '\0';
				secret_set(sec, line, strlen(line), &eb);
				strength_check(sec, NULL, 0, &pol, &res, &eb);
			}
			fclose(fp);
		}
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
		return -1;
	getrusage(RUSAGE_CHILDREN, &ru);
	return ru.ru_maxrss / 1024.0;
}

#define STRESS_RANDOM	1000000
#define STRESS_PHRASES	200000

static uint64_t stress_state = 20261129;

/* xorshift64*: a fixed sequence, so that every run judges the same. */
static uint32_t
stress_rand(uint32_t n)
{
	stress_state ^= stress_state >> 12;
	stress_state ^= stress_state << 25;
	stress_state ^= stress_state >> 27;
	return (uint32_t)((stress_state * 2685821657736338717ULL) >> 32) % n;
}

/*
 * The strong negatives at scale, with the shipped index (every word, held
 * out or not: more words can only refuse more): a million random 12-16
 * characters from the 94 printable ones, and 200,000 passphrases of 4-5
 * words of the generator's list, half glued, half with a separator, some
 * with a digit after a word as pwgen.c puts it. Run in a child before the
 * bench switches its index; the report comes back through buf.
 */
static void
stress(char *buf, size_t len)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	static const char seps[] = " -._";
	struct strength_policy pol;
	struct strength_result res;
	struct errbuf eb;
	struct secret *sec;
	char pw[128], ex[2][256];
	size_t i, k, l, w, nw, refused[2];
	int fd[2], st;
	pid_t pid;
	ssize_t r;

	buf[0] = '\0';
	if (pipe(fd) != 0)
		return;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		strength_policy_default(&pol);
		sec = secret_new(SECRET_MAX);
		memset(refused, 0, sizeof(refused));
		ex[0][0] = ex[1][0] = '\0';
		for (i = 0; i < STRESS_RANDOM + STRESS_PHRASES; i++) {
			k = i < STRESS_RANDOM ? 0 : 1;
			l = 0;
			if (k == 0) {
				for (w = 12 + stress_rand(5); l < w; l++)
					pw[l] = alpha[stress_rand(94)];
			} else {
				nw = 4 + stress_rand(2);
				for (w = 0; w < nw; w++) {
					if (w > 0 && i % 2)
						pw[l++] = seps[(i / 2) % 4];
					l += strlen(strcpy(pw + l, pwgen_words[
					    stress_rand(PWGEN_NWORDS)]));
					if (i % 4 == 1 && w == i % nw)
						pw[l++] = '2' + stress_rand(8);
				}
			}
			pw[l] = '\0';
			secret_set(sec, pw, l, &eb);
			strength_check(sec, NULL, 0, &pol, &res, &eb);
			if (!res.strong && refused[k]++ < 3 &&
			    strlen(ex[k]) + l + 2 < sizeof(ex[k]))
				strcat(strcat(ex[k], " "), pw);
		}
		dprintf(fd[1], "strong negatives at scale, shipped index "
		    "(bench-strength.c, stress()):\n"
		    "  random 12-16 characters   %8zu refused of %d %s\n"
		    "  passphrases, 4-5 words    %8zu refused of %d %s\n",
		    refused[0], STRESS_RANDOM, ex[0], refused[1],
		    STRESS_PHRASES, ex[1]);
		_exit(0);
	}
	close(fd[1]);
	for (k = 0; k + 1 < len && (r = read(fd[0], buf + k,
	    len - 1 - k)) > 0; k += r)
		;
	buf[k] = '\0';
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, &st, 0);
}

/*
 * The French pattern set by the pattern that made each password
 * (french-patterns.kinds, line for line), to show where acceptances are.
 */
static void
by_kind(const char *dir, struct secret *sec, const struct strength_policy *pol)
{
	static const struct set fr = { "french-patterns.txt", "", 0, 0, 0 };
	char path[4096], kind[128], names[32][128];
	size_t n, i, k, h, nk = 0, total[32][3], acc[32][3], zacc[32];
	struct entry *e;
	double l10;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/french-patterns.kinds", dir);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	e = load(dir, &fr, &n);
	memset(total, 0, sizeof(total));
	memset(acc, 0, sizeof(acc));
	memset(zacc, 0, sizeof(zacc));
	for (i = 0; i < n && fgets(kind, sizeof(kind), fp) != NULL; i++) {
		kind[strcspn(kind, "\n")] = '\0';
		for (k = 0; k < nk && strcmp(names[k], kind) != 0; k++)
			;
		if (k == nk) {
			if (nk == 32)
				break;
			snprintf(names[nk++], sizeof(names[0]), "%s", kind);
		}
		h = half_of(e[i].pw);
		total[k][h]++;
		acc[k][h] += ours(sec, &e[i], pol, &l10);
		if (h == HALF_REPORTING)
			zacc[k] += theirs(&e[i]);
	}
	fclose(fp);
	printf("\nFrench patterns accepted, by pattern (reporting half; "
	    "ispmail's tuning half for comparison):\n");
	printf("  %-30s %6s %9s %9s %9s\n", "pattern", "n", "ispmail",
	    "zxcvbn-c", "(tuning)");
	for (k = 0; k < nk; k++)
		printf("  %-30s %6zu %8.2f%% %8.2f%% %8.2f%%\n", names[k],
		    total[k][HALF_REPORTING],
		    100.0 * acc[k][HALF_REPORTING] / total[k][HALF_REPORTING],
		    100.0 * zacc[k] / total[k][HALF_REPORTING],
		    100.0 * acc[k][HALF_TUNING] / total[k][HALF_TUNING]);
}

/* What the French set's towns, clubs, pets and phrases are held out from
 * (written by tools/gen-strength-data.py). */
static void
holdout(const char *dir)
{
	char path[4096], line[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/holdout.txt", dir);
	if ((fp = fopen(path, "r")) == NULL) {
		printf("\nno %s: the French set may not be held out\n", path);
		return;
	}
	printf("\n");
	while (fgets(line, sizeof(line), fp) != NULL)
		fputs(line, stdout);
	fclose(fp);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "bench/data";
	struct entry *e[NSETS];
	size_t n[NSETS], s, i, total = 0, reps, r;
	struct strength_policy pol;
	struct secret *sec;
	struct crypt_data cd;
	double t0, tours, ttheirs, l10, sum;
	double rss;
	char stressbuf[2048];
	int ok, acc[3], nhash;
	int verbose = getenv("BENCH_VERBOSE") != NULL;

	if (sodium_init() < 0)
		return 1;
	strength_policy_default(&pol);
	pol.lang = STRENGTH_LANG_EN;
	sec = secret_new(SECRET_MAX);
	rss = peak_rss_mb(dir);
	stress(stressbuf, sizeof(stressbuf));
	/* From here on, the index lacks the held-out words (see the top). */
	if (strength_bench_without_heldout() != 0)
		return 1;
	for (s = 0; s < NSETS; s++) {
		e[s] = load(dir, &sets[s], &n[s]);
		total += n[s];
	}

	/*
	 * Speed: every password of every set, in rounds that alternate the
	 * two estimators; the fastest round of each counts, so that other
	 * processes on a shared machine disturb the ratio less.
	 */
	reps = 5;
	sum = 0;
	tours = ttheirs = HUGE_VAL;
	for (r = 0; r < reps; r++) {
		t0 = now();
		for (s = 0; s < NSETS; s++)
			for (i = 0; i < n[s]; i++) {
				ours(sec, &e[s][i], &pol, &l10);
				sum += l10;
			}
		if (now() - t0 < tours)
			tours = now() - t0;
		t0 = now();
		for (s = 0; s < NSETS; s++)
			for (i = 0; i < n[s]; i++)
				sum += theirs(&e[s][i]);
		if (now() - t0 < ttheirs)
			ttheirs = now() - t0;
	}
	printf("speed, one core, %zu passwords, best of %zu rounds:\n",
	    total, reps);
	printf("  ispmail   %10.0f estimates/s\n", total / tours);
	printf("  zxcvbn-c  %10.0f estimates/s\n", total / ttheirs);
	printf("  ratio     %10.2f x zxcvbn-c\n", ttheirs / tours);
	printf("peak RSS of a process judging all the sets with the shipped "
	    "index: %.1f MB\n", rss);

	/* The offline rate behind STRENGTH_RATE_OFFLINE, on one CPU core. */
	memset(&cd, 0, sizeof(cd));
	t0 = now();
	for (nhash = 0; now() - t0 < 1.0; nhash++)
		crypt_r("Jetaime2024!", "$6$rounds=5000$0123456789abcdef$",
		    &cd);
	printf("sha512crypt rounds=5000 on one core: %.0f hashes/s "
	    "(STRENGTH_RATE_OFFLINE assumes 1e6/s for one GPU)\n",
	    nhash / (now() - t0));

	printf("\naccuracy at the default policy (log10 >= %.0f and "
	    "ISPConfig 8/3):\n", pol.min_log10);
	printf("  %-42s %6s %9s %9s %9s\n", "set", "n", "ispmail", "zxcvbn-c",
	    "ISPConfig");
	for (s = 0; s < NSETS; s++) {
		memset(acc, 0, sizeof(acc));
		for (i = 0; i < n[s]; i++) {
			ok = ours(sec, &e[s][i], &pol, &l10);
			acc[0] += ok;
			acc[1] += theirs(&e[s][i]);
			acc[2] += ispconfig(&e[s][i]);
			if (verbose && ok != sets[s].strong &&
			    sets[s].half != HALF_REPORTING)
				printf("    %s %s %.1f\n", ok ? "ACCEPTED" :
				    "REFUSED", e[s][i].pw, l10);
		}
		printf("  %-42s %6zu", sets[s].what, n[s]);
		for (r = 0; r < 3; r++)
			printf(" %8.2f%%", 100.0 * (sets[s].strong ?
			    (double)n[s] - acc[r] : acc[r]) / n[s]);
		printf("  %s\n", sets[s].strong ? "refused" : "accepted");
	}
	printf("  (the shipped checker also knows the held-out words: its "
	    "accuracy on them\n   is at least as good as reported here)\n");
	printf("\n%s", stressbuf);
	by_kind(dir, sec, &pol);
	holdout(dir);
	secret_free(sec);
	return sum < 0;
}
