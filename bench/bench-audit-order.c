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
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "audit.h"
#include "candidates.h"

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
