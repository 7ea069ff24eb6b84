/*
 * Benchmark of the audit's hash engines: candidate tests per second per
 * core for $6$ (rounds=5000, as ISPConfig writes them) and $1$, ours
 * against libcrypt's crypt_rn() and John the Ripper on the same hash and
 * word list, measured in the same run and alternated so that load from
 * other processes hits all of them alike.  Rates are per CPU-second of the
 * process (or of john, run with one thread), i.e. per core.
 *
 * usage: bench-crackhash [-J] [-r reps] [-t seconds] [-e vectors]
 *   -J	skip john
 *   -e	instead, check N random vectors against crypt_rn() (a bigger run
 *	of the unit test's equivalence check)
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <crypt.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "crackhash.h"

#define BATCH	64
#define NWORDS	4096

static char words[NWORDS][16];
static const char *cands[NWORDS];
static size_t lens[NWORDS];
/* The same words cut or padded to 4-24 bytes, as mangling rules make. */
static char mixed[NWORDS][32];
static const char *mcands[NWORDS];
static size_t mlens[NWORDS];

/* <err.h> is shadowed by our include/err.h. */
static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bench-crackhash: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
child_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Word i of a list like an audit tries: stems with digits, 7-14 bytes. */
static void
word(size_t i, char *buf, size_t size)
{
	static const char *stems[] = {
		"soleil", "marseille", "chocolat", "bonjour", "azerty",
		"doudou", "loulou", "nicolas", "camille", "printemps",
		"password", "jetaime", "football", "vacances", "papillon"
	};
	size_t ns = sizeof(stems) / sizeof(stems[0]);

	snprintf(buf, size, "%s%zu", stems[i % ns], i / ns);
}

static void
make_words(void)
{
	size_t i;

	for (i = 0; i < NWORDS; i++) {
		word(i, words[i], sizeof(words[i]));
		cands[i] = words[i];
		lens[i] = strlen(words[i]);
		snprintf(mixed[i], sizeof(mixed[i]), "%s%s", words[i],
		    "!2024Marseille");
		mlens[i] = 4 + (i * 7919) % 21;
		mixed[i][mlens[i]] = '\0';
		mcands[i] = mixed[i];
	}
}

/*
 * Tries candidates (the mixed-length list if mix) in batches for about
 * secs CPU-seconds; returns c/s.
 */
static double
rate_ours(const struct crackhash *h, int mix, double secs)
{
	const char *const *c = mix ? mcands : cands;
	const size_t *l = mix ? mlens : lens;
	double t0, t;
	size_t done = 0, at = 0;
	ssize_t match;

	t0 = cpu_now();
	do {
		if (crackhash_verify_batch(h, c + at, l + at, BATCH,
		    &match, NULL) != 0 || match != -1)
			die("verify failed");
		done += BATCH;
		at = (at + BATCH) % NWORDS;
		t = cpu_now() - t0;
	} while (t < secs);
	return (double)done / t;
}

/*
 * John on the same hash and the first nwords of the same word list, with
 * its own threads (OpenMP): candidates per CPU-second, i.e. per core.
 */
static double
rate_john(const char *hash, const char *format, size_t nwords)
{
	char dir[] = "/tmp/bench-crackhash.XXXXXX", path[128], cmd[512], w[32];
	double t0, t;
	FILE *f;
	size_t i;
	int st;

	if (mkdtemp(dir) == NULL)
		die("mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof(path), "%s/hash", dir);
	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(f, "bench:%s\n", hash);
	fclose(f);
	snprintf(path, sizeof(path), "%s/words", dir);
	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	for (i = 0; i < nwords; i++) {
		word(i, w, sizeof(w));
		fprintf(f, "%s\n", w);
	}
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cd %s && HOME=%s "
	    "john --format=%s --wordlist=words --session=s hash "
	    "</dev/null >out 2>&1", dir, dir, format);
	t0 = child_cpu();
	st = system(cmd);
	t = child_cpu() - t0;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0 || st == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		return -1;
	return (double)nwords / t;
}

/*
 * John's own benchmark (--test) of a format: its c/s per CPU-second
 * ("virtual"), or -1.  Only meaningful for md5crypt: for "crypt" it times
 * DES.
 */
static double
rate_john_test(const char *format)
{
	char cmd[256], line[256], *p;
	double r = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "john --test=2 --format=%s </dev/null 2>&1",
	    format);
	if ((f = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "Raw:") != NULL &&
		    (p = strstr(line, "real,")) != NULL)
			r = strtod(p + 5, NULL);
	}
	if (pclose(f) != 0)
		return -1;
	return r > 0 ? r : -1;
}

struct row {
	const char	*name;
	double		 best;
};

static void
bench_scheme(const char *title, const char *setting, const char *jformat,
    int john, int reps, double secs)
{
	enum {
		OURS, AVX2, SCALAR, LIBCRYPT, JOHN, JOHN_TEST, MIXED,
		LIBCRYPT_MIXED, NROWS
	};
	struct row rows[NROWS] = {
		{ "ispmail (auto)", 0 }, { "ispmail avx2", 0 },
		{ "ispmail scalar", 0 }, { "crypt_rn", 0 },
		{ "john wordlist", 0 }, { "john --test", 0 },
		{ "ispmail 4-24 B", 0 }, { "crypt_rn 4-24 B", 0 }
	};
	struct crypt_data *cd;
	struct crackhash h;
	double r, jwords;
	int rep, i;

	/* A password outside the word list: every candidate is tried. */
	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		die("out of memory");
	if (crypt_rn("not in the list", setting, cd, sizeof(*cd)) == NULL ||
	    crackhash_parse(cd->output, &h, NULL) != 0)
		die("cannot hash with '%s'", setting);
	printf("%s  %s\n  engine: %s\n", title, cd->output,
	    crackhash_engine_name(&h));
	for (rep = 0; rep < reps; rep++) {
		for (i = 0; i < NROWS; i++) {
			switch (i) {
			case OURS:
			case MIXED:
				h.engine = CRACKHASH_ENGINE_AUTO;
				r = rate_ours(&h, i == MIXED, secs);
				break;
			case AVX2:
				if (!crackhash_engine_supported(h.scheme,
				    CRACKHASH_ENGINE_AVX2))
					continue;
				h.engine = CRACKHASH_ENGINE_AVX2;
				r = rate_ours(&h, 0, secs);
				break;
			case SCALAR:
				h.engine = CRACKHASH_ENGINE_SCALAR;
				r = rate_ours(&h, 0, secs);
				break;
			case JOHN_TEST:
				if (!john || strcmp(jformat, "md5crypt") != 0)
					continue;
				r = rate_john_test(jformat);
				break;
			case LIBCRYPT:
			case LIBCRYPT_MIXED:
				h.engine = CRACKHASH_ENGINE_LIBCRYPT;
				r = rate_ours(&h, i == LIBCRYPT_MIXED, secs);
				break;
			default:
				if (!john)
					continue;
				/* About secs seconds of john on two cores. */
				jwords = 2 * rows[LIBCRYPT].best * secs;
				r = rate_john(cd->output, jformat,
				    (size_t)jwords);
				if (r < 0) {
					fprintf(stderr, "john failed; "
					    "skipping it\n");
					john = 0;
					continue;
				}
				break;
			}
			/* The best run is the one least disturbed by load. */
			if (r > rows[i].best)
				rows[i].best = r;
		}
	}
	for (i = 0; i < NROWS; i++) {
		if (rows[i].best == 0)
			continue;
		printf("  %-15s %8.0f c/s/core %5.2fx crypt_rn", rows[i].name,
		    rows[i].best, rows[i].best / rows[LIBCRYPT].best);
		/* The mixed list is only compared with itself. */
		if (i >= MIXED) {
			printf(" (%.2fx on these lengths)\n", rows[i].best /
			    rows[LIBCRYPT_MIXED].best);
			continue;
		}
		if (rows[JOHN].best > 0)
			printf(" %5.2fx john", rows[i].best / rows[JOHN].best);
		if (rows[JOHN_TEST].best > 0)
			printf(" %5.2fx john --test",
			    rows[i].best / rows[JOHN_TEST].best);
		printf("\n");
	}
	free(cd);
}

/*
 * The unit test's equivalence check on n random vectors, in batches of
 * EQ_BATCH candidates of random lengths under one random setting, so that
 * the lane grouping is exercised as in an audit.
 */
#define EQ_BATCH	12

static void
equivalence(unsigned long n)
{
	static const char alpha[] =
	    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const enum crackhash_engine eng[] = {
		CRACKHASH_ENGINE_SCALAR, CRACKHASH_ENGINE_AVX2,
		CRACKHASH_ENGINE_AVX512
	};
	struct crypt_data *cd;
	struct crackhash h[EQ_BATCH], run;
	char pw[EQ_BATCH][301], salt[17], setting[64];
	const char *c[EQ_BATCH];
	size_t len[EQ_BATCH], sl, k, e, j;
	uint8_t d[EQ_BATCH * CRACKHASH_DIGEST_MAX];
	uint32_t x[4];
	unsigned long i, bad = 0;

	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		die("out of memory");
	for (i = 0; i < n; i += EQ_BATCH) {
		randombytes_buf(x, sizeof(x));
		sl = x[1] % (x[2] % 2 ? 17 : 9);
		for (k = 0; k < sl; k++)
			salt[k] = alpha[randombytes_uniform(64)];
		salt[sl] = '\0';
		if (x[2] % 2 == 0)
			snprintf(setting, sizeof(setting), "$1$%s$", salt);
		else if (x[3] % 3 == 0)
			snprintf(setting, sizeof(setting), "$6$%s$", salt);
		else
			snprintf(setting, sizeof(setting), "$6$rounds=%u$%s$",
			    x[3] % 3 == 1 ? 5000 : 1000 + x[3] % 500, salt);
		for (j = 0; j < EQ_BATCH; j++) {
			/* Mostly 0-128, sometimes past the fast path. */
			len[j] = randombytes_uniform(8) == 0 ?
			    randombytes_uniform(301) : randombytes_uniform(129);
			for (k = 0; k < len[j]; k++)
				pw[j][k] = (char)(1 + randombytes_uniform(255));
			pw[j][len[j]] = '\0';
			c[j] = pw[j];
			if (crypt_rn(pw[j], setting, cd, sizeof(*cd)) == NULL ||
			    crackhash_parse(cd->output, &h[j], NULL) != 0)
				die("crypt_rn failed on '%s'", setting);
		}
		for (e = 0; e < sizeof(eng) / sizeof(eng[0]); e++) {
			run = h[0];
			run.engine = eng[e];
			if (!crackhash_engine_supported(run.scheme, eng[e]))
				continue;
			if (crackhash_digest_batch(&run, c, len, EQ_BATCH, d,
			    NULL) != 0)
				die("digest_batch failed");
			for (j = 0; j < EQ_BATCH; j++) {
				if (memcmp(d + j * CRACKHASH_DIGEST_MAX,
				    h[j].digest, h[j].digestlen) == 0)
					continue;
				printf("MISMATCH engine %d setting %s length "
				    "%zu\n", (int)eng[e], setting, len[j]);
				bad++;
			}
		}
	}
	printf("%lu vectors, %lu mismatches\n", i, bad);
	free(cd);
	if (bad > 0)
		exit(1);
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: bench-crackhash [-J] [-r reps] [-t seconds] "
	    "[-e vectors]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	double secs = 3;
	int ch, john = 1, reps = 3;
	unsigned long nvec = 0;

	while ((ch = getopt(argc, argv, "Je:r:t:")) != -1) {
		switch (ch) {
		case 'J':
			john = 0;
			break;
		case 'e':
			nvec = strtoul(optarg, NULL, 10);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		default:
			usage();
		}
	}
	if (sodium_init() < 0)
		die("sodium_init failed");
	if (nvec > 0) {
		equivalence(nvec);
		return 0;
	}
	make_words();
	bench_scheme("$6$ rounds=5000", "$6$rounds=5000$0123456789abcdef$",
	    "crypt", john, reps, secs);
	bench_scheme("$1$", "$1$01234567$", "md5crypt", john, reps, secs);
	return 0;
}
