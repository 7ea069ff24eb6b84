/*
 * Where each known weak password stands in its account's candidate
 * stream, without hashing anything: bench-audit-recall.sh feeds it its
 * seeded mailboxes and turns the positions into recall as a function of
 * the guesses an account gets, which is what a budget buys on any
 * machine (a night at the 2,500 $6$ hashes per second on 2 cores
 * is about 3,600 per account for 1,000 mailboxes). Built on demand only
 * ("make bench/bench-audit-order").
 *
 * Input, one mailbox a line: address TAB display name TAB password TAB
 * anything. Output, the same line with the position first (-1 when the
 * password is not among the first LIMIT positions, the first argument,
 * default 300000), then its weakness class.
 *
 * "bench-audit-order --dump LIMIT ADDRESS NAME" prints instead the first
 * LIMIT positions of that account's stream, position TAB candidate
 * (ISO-8859-1), for the script's model of the best possible order.
 *
 * "bench-audit-order --cost" measures the generator against the hashing
 * it feeds, in the same run: 20 accounts' streams walked as the audit
 * walks them (a generator built, sought and run to a raised target in
 * each of 20 rounds up to 10,000 positions, a night), against the
 * $6$ rounds=5000 hashes of the same candidates by the audit's fastest
 * engine on one core; it prints both per candidate and their ratio (the
 * issue asks under 2%), and the time to lay out the dictionary.
 *
 * "bench-audit-order --curve-c LIMIT" writes src/strength/strength-curve.c
 * (make regen-curve): the stream's price-to-position curve over its first
 * LIMIT account-independent positions, and the suffixes' prices.
 *
 * "bench-audit-order --consistency" reads address TAB display name TAB
 * password TAB set (address and name may be empty: no context) and
 * prints, in the input order, set TAB log10 guesses as check-password
 * --for ADDRESS --name NAME rates it TAB position: the password's position
 * in that account's stream, -1 when not among the first 10^(estimate +
 * 0.5), or "-" when the estimate is over 10^6 (strong enough that the
 * comparison is not asked).  Each account's stream is walked once, up to
 * the largest bound any of its passwords needs, so a set of passwords
 * sharing an account (no context) costs one walk.
 */
#include "config.h"

#include <crypt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "audit.h"
#include "candidates.h"
#include "crackhash.h"
#include "err.h"
#include "secret.h"
#include "strength.h"
#include "utf8.h"

/* A password rated at most 10^CONS_WEAK guesses is compared. */
#define CONS_WEAK 6.0

struct cons_line {
	char	*f[4];		/* address, name, password, set */
	char	 latin1[CAND_MAX + 1];
	double	 est;
	double	 bound;		/* 10^(est + 0.5) */
	long long pos;
};

static int
cons_by_account(const void *a, const void *b)
{
	const struct cons_line *x = *(const struct cons_line *const *)a;
	const struct cons_line *y = *(const struct cons_line *const *)b;
	int c;

	if ((c = strcmp(x->f[0], y->f[0])) != 0)
		return c;
	if ((c = strcmp(x->f[1], y->f[1])) != 0)
		return c;
	return strcmp(x->latin1, y->latin1);
}

static int
cons_by_password(const void *key, const void *elt)
{
	return strcmp(key,
	    (*(const struct cons_line *const *)elt)->latin1);
}

/*
 * Walks one account's stream (lines g[0..n), sorted by password) up to the
 * largest bound among them, noting each one's first position.
 */
static void
cons_walk(struct cons_line **g, size_t n)
{
	struct cand_context ctx;
	struct cand_gen *gen;
	struct cons_line **hit;
	struct cand c;
	double limit = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (g[i]->est <= CONS_WEAK && g[i]->bound > limit)
			limit = g[i]->bound;
	if (limit == 0)
		return;
	memset(&ctx, 0, sizeof(ctx));
	ctx.email = g[0]->f[0][0] != '\0' ? g[0]->f[0] : NULL;
	ctx.name = g[0]->f[1][0] != '\0' ? g[0]->f[1] : NULL;
	gen = cand_gen_new(audit_dict(), &ctx);
	while (cand_gen_next(gen, &c) && (double)c.pos <= limit) {
		hit = bsearch(c.buf, g, n, sizeof(*g), cons_by_password);
		if (hit == NULL)
			continue;
		/* Equal passwords sit together; mark them all. */
		while (hit > g && strcmp(hit[-1]->latin1, c.buf) == 0)
			hit--;
		for (; hit < g + n && strcmp((*hit)->latin1, c.buf) == 0; hit++)
			if ((*hit)->pos < 0 && (double)c.pos <= (*hit)->bound)
				(*hit)->pos = (long long)c.pos;
	}
	cand_gen_free(gen);
}

static int
consistency(void)
{
	struct strength_policy pol;
	struct strength_result res;
	struct cons_line *v = NULL, **byacc = NULL;
	struct secret *pw = secret_new(SECRET_MAX);
	struct errbuf eb;
	const char *context[2];
	char line[2048], *p;
	size_t n = 0, cap = 0, i, j, nc;
	int k;

	strength_policy_default(&pol);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			if ((v = realloc(v, cap * sizeof(*v))) == NULL)
				return 1;
		}
		memset(&v[n], 0, sizeof(v[n]));
		if ((p = strdup(line)) == NULL)
			return 1;
		for (k = 0; k < 4 && p != NULL; k++) {
			v[n].f[k] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (k < 4) {
			fprintf(stderr, "bench-audit-order: a line with fewer "
			    "than 4 fields\n");
			return 1;
		}
		nc = 0;
		if (v[n].f[0][0] != '\0')
			context[nc++] = v[n].f[0];
		if (v[n].f[1][0] != '\0')
			context[nc++] = v[n].f[1];
		err_clear(&eb);
		if (secret_set(pw, v[n].f[2], strlen(v[n].f[2]), &eb) != 0 ||
		    strength_check(pw, context, nc, &pol, &res, &eb) != 0) {
			fprintf(stderr, "bench-audit-order: %s\n", eb.msg);
			return 1;
		}
		v[n].est = res.log10_guesses;
		v[n].bound = pow(10, v[n].est + 0.5);
		v[n].pos = -1;
		utf8_to_latin1(v[n].f[2], strlen(v[n].f[2]), v[n].latin1,
		    sizeof(v[n].latin1));
		n++;
	}
	secret_free(pw);
	if (n > 0 && (byacc = calloc(n, sizeof(*byacc))) == NULL)
		return 1;
	for (i = 0; i < n; i++)
		byacc[i] = &v[i];
	qsort(byacc, n, sizeof(*byacc), cons_by_account);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(byacc[j]->f[0],
		    byacc[i]->f[0]) == 0 && strcmp(byacc[j]->f[1],
		    byacc[i]->f[1]) == 0; j++)
			;
		cons_walk(byacc + i, j - i);
	}
	for (i = 0; i < n; i++) {
		if (v[i].est <= CONS_WEAK)
			printf("%s\t%.2f\t%lld\n", v[i].f[3], v[i].est,
			    v[i].pos);
		else
			printf("%s\t%.2f\t-\n", v[i].f[3], v[i].est);
		free(v[i].f[0]);
	}
	free(byacc);
	free(v);
	return fflush(stdout) == 0 ? 0 : 1;
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define COST_ACCOUNTS	20
#define COST_ROUNDS	20
#define COST_NIGHT	10000
#define COST_HASHES	2048

static int
cost(void)
{
	static char keep[COST_HASHES][CAND_MAX + 1];
	const char *cands[64];
	size_t lens[64], nkeep = 0, k;
	struct cand_context ctx;
	struct crackhash ch;
	struct errbuf eb;
	struct cand_gen *g;
	struct cand c;
	char email[64], name[64];
	const struct cand_dict *d;
	uint64_t tried[COST_ACCOUNTS] = { 0 }, target, made = 0;
	double t0, tdict, tgen, thash;
	ssize_t match;
	const char *h;
	int a, r;

	t0 = cpu_now();
	d = audit_dict();
	tdict = cpu_now() - t0;
	t0 = cpu_now();
	for (r = 1; r <= COST_ROUNDS; r++) {
		target = (uint64_t)COST_NIGHT * r / COST_ROUNDS;
		for (a = 0; a < COST_ACCOUNTS; a++) {
			snprintf(email, sizeof(email),
			    "prenom%d.nom%d@societe%d.fr", a, a, a % 3);
			snprintf(name, sizeof(name), "Prenom%d Nom%d", a, a);
			memset(&ctx, 0, sizeof(ctx));
			ctx.email = email;
			ctx.name = name;
			g = cand_gen_new(d, &ctx);
			cand_gen_seek(g, tried[a]);
			while (cand_gen_pos(g) < target && cand_gen_next(g, &c)) {
				made++;
				if (nkeep < COST_HASHES)
					memcpy(keep[nkeep++], c.buf, c.len + 1);
			}
			tried[a] = cand_gen_pos(g);
			cand_gen_free(g);
		}
	}
	tgen = cpu_now() - t0;
	if ((h = crypt("bench", "$6$rounds=5000$ordercost$")) == NULL ||
	    crackhash_parse(h, &ch, &eb) != 0)
		return 1;
	t0 = cpu_now();
	for (k = 0; k < nkeep; k += 64) {
		size_t n = nkeep - k < 64 ? nkeep - k : 64, i;

		for (i = 0; i < n; i++) {
			cands[i] = keep[k + i];
			lens[i] = strlen(keep[k + i]);
		}
		if (crackhash_verify_batch(&ch, cands, lens, n, &match,
		    &eb) != 0)
			return 1;
	}
	thash = cpu_now() - t0;
	printf("dictionary laid out in %.2f s of CPU\n", tdict);
	printf("generator: %llu candidates, %.2f us each (built, sought, "
	    "run as the audit does)\n", (unsigned long long)made,
	    1e6 * tgen / (double)made);
	printf("hashing: %zu candidates, %.1f us each ($6$ rounds=5000, %s, "
	    "one core)\n", nkeep, 1e6 * thash / (double)nkeep,
	    crackhash_engine_name(&ch));
	printf("generator / hashing: %.3f%%\n", 100 * (tgen / (double)made) /
	    (thash / (double)nkeep));
	return 0;
}

static int
dump(unsigned long long limit, const char *email, const char *name)
{
	struct cand_context ctx;
	struct cand_gen *g;
	struct cand c;

	memset(&ctx, 0, sizeof(ctx));
	ctx.email = email;
	ctx.name = name;
	g = cand_gen_new(audit_dict(), &ctx);
	while (cand_gen_next(g, &c) && c.pos < limit)
		printf("%llu\t%s\n", (unsigned long long)c.pos, c.buf);
	cand_gen_free(g);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Prints a table of n numbers as C. */
static void
curve_table(const char *name, const uint64_t *v, size_t n)
{
	size_t k;

	printf("const uint32_t %s[] = {", name);
	for (k = 0; k < n; k++)
		printf("%s%llu,", k % 6 == 0 ? "\n\t" : " ",
		    (unsigned long long)v[k]);
	printf("\n};\nconst size_t %s = %zu;\n", strcmp(name,
	    "strength_curve_shared") == 0 ? "strength_curve_nshared" :
	    "strength_curve_nsfx", n);
}

/* The estimator's guesses are read from this curve (strength-int.h). */
static int
curve_c(uint64_t limit)
{
	struct cand_context ctx;
	struct cand_dict *d = audit_dict_new(limit);
	struct cand_gen *g;
	uint64_t *v = NULL, total;
	size_t n, cap = 0, nsfx;

	memset(&ctx, 0, sizeof(ctx));
	g = cand_gen_new(d, &ctx);
	total = cand_gen_total(g);
	printf("/*\n * Generated by bench-audit-order --curve-c %llu "
	    "(make regen) from the\n * audit's stream; do not edit.  See "
	    "strength-int.h.\n */\n#include \"config.h\"\n\n"
	    "#include <stddef.h>\n#include <stdint.h>\n\n"
	    "#include \"strength-int.h\"\n\n", (unsigned long long)limit);
	for (n = 0; n == 0 || v[n - 1] < total; n++) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			if ((v = realloc(v, cap * sizeof(*v))) == NULL)
				return 1;
		}
		v[n] = cand_gen_below(g, (unsigned)n);
	}
	curve_table("strength_curve_shared", v, n);
	nsfx = cand_dict_suffixes_below(d, 0xffff);
	for (n = 0; n == 0 || v[n - 1] < nsfx; n++) {
		if (n == cap) {
			cap = 2 * cap;
			if ((v = realloc(v, cap * sizeof(*v))) == NULL)
				return 1;
		}
		v[n] = cand_dict_suffixes_below(d, (unsigned)n);
	}
	curve_table("strength_curve_sfx", v, n);
	free(v);
	cand_gen_free(g);
	cand_dict_free(d);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	char line[2048], cls[CAND_CLASS_MAX], *f[4], *p;
	unsigned long long limit = argc == 2 ? strtoull(argv[1], NULL, 10) :
	    300000;
	struct cand_context ctx;
	struct cand_gen *g;
	struct cand c;
	long long pos;
	int k;

	if (sodium_init() < 0)
		return 1;
	if (argc == 5 && strcmp(argv[1], "--dump") == 0)
		return dump(strtoull(argv[2], NULL, 10), argv[3], argv[4]);
	if (argc == 3 && strcmp(argv[1], "--curve-c") == 0)
		return curve_c(strtoull(argv[2], NULL, 10));
	if (argc == 2 && strcmp(argv[1], "--consistency") == 0)
		return consistency();
	if (argc == 2 && strcmp(argv[1], "--cost") == 0)
		return cost();
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		for (p = line, k = 0; k < 4 && p != NULL; k++) {
			f[k] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (k < 4) {
			fprintf(stderr, "bench-audit-order: a line with fewer "
			    "than 4 fields\n");
			return 1;
		}
		memset(&ctx, 0, sizeof(ctx));
		ctx.email = f[0];
		ctx.name = f[1];
		g = cand_gen_new(audit_dict(), &ctx);
		pos = -1;
		cls[0] = '\0';
		while (cand_gen_next(g, &c) && c.pos < limit)
			if (strcmp(c.buf, f[2]) == 0) {
				pos = (long long)c.pos;
				cand_class_name(c.tag, cls, sizeof(cls));
				break;
			}
		cand_gen_free(g);
		printf("%lld\t%s\t%s\t%s\t%s\t%s\n", pos, f[0], f[1], f[2],
		    f[3], cls);
	}
	return 0;
}
