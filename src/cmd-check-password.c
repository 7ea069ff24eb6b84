/*
 * check-password: judges a password as create and passwd would, without
 * touching the panel: the verdict, log10 of the guesses an informed
 * attacker needs, how long that takes online and offline, the weakest
 * part, and where the nightly audit would find it for that account (its
 * position in the account's candidate stream, and the night at the rate
 * the last audit measured). --batch vets a list, one verdict a line, for
 * migrations; --tsv adds the position. It needs
 * no config (the profile only raises the threshold and adds the
 * organisation as a context word), though one that is there must be
 * right, and changes nothing, so it has no confirmation. Exit 0 when
 * strong, 65 when any is weak.
 *
 * The password never comes from the command line: a no-echo prompt on the
 * terminal, or stdin. Batch input is read with read(2) into sodium memory,
 * never through stdio's buffers.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sodium.h>

#include "audit.h"
#include "auditstate.h"
#include "candidates.h"
#include "cmd.h"
#include "conf.h"
#include "output.h"
#include "secret.h"
#include "strength.h"
#include "utf8.h"
#include "xmalloc.h"

static const struct args_option cmd_check_password_options[] = {
	{ "for", 'f', 1 },
	{ "name", 'n', 1 },
	{ "json", 'j', 0 },
	{ "batch", 'b', 0 },
	{ "tsv", 't', 0 },
	{ NULL, 0, 0 }
};

/* Buffered reading of stdin in secure memory. */
struct cmd_check_password_in {
	struct secret	*buf;
	size_t		 pos;
	int		 eof;
};

#define CMD_CHECK_PASSWORD_CHUNK 65536

/*
 * How far into an account's stream positions are looked for (a walk there
 * takes a few seconds): beyond it the audit is years away.
 */
#define CMD_CHECK_PASSWORD_REACH 10000000ULL

/*
 * Without a measured rate: 5,000 guesses a second (2 cores on $6$) for
 * 1,000 mailboxes in the default 30 minutes, as ispmail-audit(8) says.
 */
#define CMD_CHECK_PASSWORD_NIGHT 9000.0

/* One password whose audit position is wanted. */
struct cmd_check_password_q {
	const char	*pw;	/* ISO-8859-1, in a pool; NULL: no candidate */
	const char	*email;	/* its account; may be NULL */
	const char	*name;
	long long	 pos;	/* -1: not within the reach */
	struct strength_result res;
};

/*
 * Passwords queued for one walk of each account's stream: the passwords
 * in guarded pools, NUL-terminated one after the other.
 */
struct cmd_check_password_queue {
	struct cmd_check_password_q *v;
	size_t		 n, cap;
	struct secret	**pool;
	size_t		 npool;
	char		**strs;		/* account strings, owned */
	size_t		 nstrs;
};

/* Set by SIGINT while --batch reads a terminal with echo off. */
static volatile sig_atomic_t cmd_check_password_intr;

static void
cmd_check_password_sigint(int sig)
{
	(void)sig;
	cmd_check_password_intr = 1;
}

/*
 * Reads the next line into line (truncated at its capacity: anything that
 * long is refused anyway). Returns 1 with a line, 0 at the end, or
 * ISPM_EIO.
 */
static int
cmd_check_password_line(struct cmd_check_password_in *in,
    struct secret *line, struct errbuf *eb)
{
	char *nl;
	size_t n, take;
	ssize_t r;
	int got = 0;

	secret_clear(line);
	for (;;) {
		n = in->buf->len - in->pos;
		nl = memchr(in->buf->buf + in->pos, '\n', n);
		take = nl != NULL ? (size_t)(nl - (in->buf->buf + in->pos)) : n;
		if (take > 0 || nl != NULL)
			got = 1;
		if (line->len < line->cap) {
			n = take < line->cap - line->len ? take :
			    line->cap - line->len;
			memcpy(line->buf + line->len, in->buf->buf + in->pos,
			    n);
			line->len += n;
		}
		in->pos += take;
		if (nl != NULL) {
			in->pos++;
			break;
		}
		if (in->eof)
			break;
		secret_clear(in->buf);
		in->pos = 0;
		do
			r = read(STDIN_FILENO, in->buf->buf, in->buf->cap);
		while (r < 0 && errno == EINTR && !cmd_check_password_intr);
		if (r < 0 && errno == EINTR)
			return err_set(eb, ISPM_ECANCEL, "interrupted");
		if (r < 0)
			return err_set(eb, ISPM_EIO, "cannot read stdin: %s",
			    strerror(errno));
		in->buf->len = r;
		if (r == 0)
			in->eof = 1;
	}
	if (line->len > 0 && line->buf[line->len - 1] == '\r')
		line->buf[--line->len] = '\0';
	line->buf[line->len] = '\0';
	return got;
}

static const char *
cmd_check_password_keep(struct cmd_check_password_queue *qu, const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	qu->strs = xreallocarray(qu->strs, qu->nstrs + 1, sizeof(*qu->strs));
	return qu->strs[qu->nstrs++] = xstrdup(s);
}

/*
 * Queues pw (UTF-8) with its account; returns the entry, whose result the
 * caller fills.
 */
static struct cmd_check_password_q *
cmd_check_password_push(struct cmd_check_password_queue *qu,
    const struct secret *pw, const char *email, const char *name)
{
	struct cmd_check_password_q *q;
	struct secret *pool;
	size_t need;

	if (qu->n == qu->cap) {
		qu->cap = qu->cap ? 2 * qu->cap : 64;
		qu->v = xreallocarray(qu->v, qu->cap, sizeof(*qu->v));
	}
	q = &qu->v[qu->n++];
	memset(q, 0, sizeof(*q));
	q->pos = -1;
	q->email = cmd_check_password_keep(qu, email);
	q->name = cmd_check_password_keep(qu, name);
	need = utf8_to_latin1(pw->buf, pw->len, NULL, 0) + 1;
	/* Longer than any candidate: never in a stream. */
	if (need > CAND_MAX + 1)
		return q;
	pool = qu->npool > 0 ? qu->pool[qu->npool - 1] : NULL;
	if (pool == NULL || pool->cap - pool->len < need) {
		qu->pool = xreallocarray(qu->pool, qu->npool + 1,
		    sizeof(*qu->pool));
		pool = qu->pool[qu->npool++] =
		    secret_new(CMD_CHECK_PASSWORD_CHUNK);
	}
	utf8_to_latin1(pw->buf, pw->len, pool->buf + pool->len, need);
	q->pw = pool->buf + pool->len;
	pool->len += need;
	return q;
}

static void
cmd_check_password_queue_free(struct cmd_check_password_queue *qu)
{
	size_t i;

	for (i = 0; i < qu->npool; i++)
		secret_free(qu->pool[i]);
	for (i = 0; i < qu->nstrs; i++)
		free(qu->strs[i]);
	free(qu->pool);
	free(qu->strs);
	free(qu->v);
	memset(qu, 0, sizeof(*qu));
}

static int
cmd_check_password_same_account(const struct cmd_check_password_q *a,
    const struct cmd_check_password_q *b)
{
	return strcmp(a->email ? a->email : "", b->email ? b->email : "") ==
	    0 && strcmp(a->name ? a->name : "", b->name ? b->name : "") == 0;
}

static int
cmd_check_password_by_account(const void *x, const void *y)
{
	const struct cmd_check_password_q *a =
	    *(const struct cmd_check_password_q *const *)x;
	const struct cmd_check_password_q *b =
	    *(const struct cmd_check_password_q *const *)y;
	int c;

	if ((c = strcmp(a->email ? a->email : "", b->email ? b->email :
	    "")) != 0)
		return c;
	if ((c = strcmp(a->name ? a->name : "", b->name ? b->name : "")) != 0)
		return c;
	return a < b ? -1 : a > b;
}

/*
 * Walks the stream of the account of g[0..n) once, as the audit would
 * (the same generator, the same ISO-8859-1 bytes it hashes), up to the
 * reach or until every one is found. The passwords are looked up in a
 * table keyed by a random SipHash key, all in guarded memory.
 */
static int
cmd_check_password_walk(struct cmd_check_password_q **g, size_t n,
    const char *org, struct errbuf *eb)
{
	struct cand_context cc;
	struct cand_gen *gen;
	struct cand *c;
	struct cmd_check_password_q *q;
	unsigned char *key, h[crypto_shorthash_BYTES];
	uint32_t *t;
	uint64_t hv;
	size_t size = 2, mask, i, j, left = 0;

	while (size < 2 * n)
		size *= 2;
	mask = size - 1;
	t = sodium_allocarray(size, sizeof(*t));
	key = sodium_malloc(crypto_shorthash_KEYBYTES);
	c = sodium_malloc(sizeof(*c));
	if (t == NULL || key == NULL || c == NULL) {
		sodium_free(t);
		sodium_free(key);
		sodium_free(c);
		return err_set(eb, ISPM_EINTERNAL, "cannot allocate guarded "
		    "memory for the audit's candidates");
	}
	memset(t, 0, size * sizeof(*t));
	crypto_shorthash_keygen(key);
	for (j = 0; j < n; j++) {
		if (g[j]->pw == NULL)
			continue;
		crypto_shorthash(h, (const unsigned char *)g[j]->pw,
		    strlen(g[j]->pw), key);
		memcpy(&hv, h, sizeof(hv));
		for (i = hv & mask; t[i] != 0; i = (i + 1) & mask)
			;
		t[i] = (uint32_t)j + 1;
		left++;
	}
	memset(&cc, 0, sizeof(cc));
	cc.email = g[0]->email;
	cc.name = g[0]->name;
	cc.org = org;
	gen = cand_gen_new(audit_dict(), &cc);
	while (left > 0 && cand_gen_next(gen, c) &&
	    c->pos < CMD_CHECK_PASSWORD_REACH) {
		crypto_shorthash(h, (const unsigned char *)c->buf, c->len,
		    key);
		memcpy(&hv, h, sizeof(hv));
		for (i = hv & mask; t[i] != 0; i = (i + 1) & mask) {
			q = g[t[i] - 1];
			if (q->pos < 0 && strcmp(q->pw, c->buf) == 0) {
				q->pos = (long long)c->pos;
				left--;
			}
		}
	}
	cand_gen_free(gen);
	sodium_free(c);
	sodium_free(key);
	sodium_free(t);
	return 0;
}

/* Fills the position of every queued password: one walk per account. */
static int
cmd_check_password_positions(struct cmd_check_password_queue *qu,
    const char *org, struct errbuf *eb)
{
	struct cmd_check_password_q **g;
	size_t i, j;
	int r = 0;

	g = xcalloc(qu->n + 1, sizeof(*g));
	for (i = 0; i < qu->n; i++)
		g[i] = &qu->v[i];
	qsort(g, qu->n, sizeof(*g), cmd_check_password_by_account);
	for (i = 0; i < qu->n && r == 0; i = j) {
		for (j = i + 1; j < qu->n &&
		    cmd_check_password_same_account(g[i], g[j]); j++)
			;
		r = cmd_check_password_walk(g + i, j - i, org, eb);
	}
	free(g);
	return r;
}

/* The audit's guesses per account a night, and whether measured here. */
static double
cmd_check_password_night(const struct profile *p, int *measured)
{
	struct auditstate_rate rate;

	*measured = 0;
	if (p != NULL && auditstate_last_rate(p->name, &rate) == 0) {
		*measured = 1;
		return rate.per_night;
	}
	return CMD_CHECK_PASSWORD_NIGHT;
}

/* The night the audit reaches position pos (0: the first). */
static unsigned long long
cmd_check_password_nightof(unsigned long long pos, double per_night)
{
	return (unsigned long long)((double)pos / per_night) + 1;
}

/* pos < -1: no position was looked for. */
static struct json_object *
cmd_check_password_json(const struct strength_result *res,
    const struct strength_policy *pol, long long pos, double per_night,
    int measured)
{
	struct json_object *o = json_object_new_object();
	char t[64];

	json_object_object_add(o, "strong",
	    json_object_new_boolean(res->strong));
	snprintf(t, sizeof(t), "%.1f", res->log10_guesses);
	json_object_object_add(o, "log10_guesses",
	    json_object_new_double_s(res->log10_guesses, t));
	json_object_object_add(o, "min_log10",
	    json_object_new_double(pol->min_log10));
	json_object_object_add(o, "ispconfig_strength",
	    json_object_new_int(res->ispconfig));
	strength_crack_time(res->log10_guesses, STRENGTH_RATE_ONLINE,
	    pol->lang, t, sizeof(t));
	json_object_object_add(o, "online", json_object_new_string(t));
	strength_crack_time(res->log10_guesses, STRENGTH_RATE_OFFLINE,
	    pol->lang, t, sizeof(t));
	json_object_object_add(o, "offline", json_object_new_string(t));
	json_object_object_add(o, "reason",
	    json_object_new_string(res->reason));
	if (pos < -1)
		return o;
	json_object_object_add(o, "audit_position",
	    json_object_new_int64(pos));
	json_object_object_add(o, "audit_night", pos < 0 ? NULL :
	    json_object_new_int64((int64_t)cmd_check_password_nightof(
	    (unsigned long long)pos, per_night)));
	json_object_object_add(o, "audit_guesses_per_night",
	    json_object_new_int64((int64_t)per_night));
	json_object_object_add(o, "audit_rate_measured",
	    json_object_new_boolean(measured));
	return o;
}

/* The line saying where the nightly audit finds the password. */
static void
cmd_check_password_print_reach(struct ispm_ctx *ctx, long long pos,
    double per_night, int measured, int fr)
{
	const char *at;

	if (measured)
		at = fr ? "au dernier débit mesuré sur cette machine" :
		    "at this machine's last measured rate";
	else
		at = fr ? "au débit par défaut, aucun audit n'ayant été "
		    "mesuré ici" : "at the default rate, no audit having "
		    "been measured here";
	if (pos >= 0)
		fprintf(ctx->out, fr ? "l'audit nocturne le trouve après "
		    "environ %llu essais (nuit %llu %s)\n" :
		    "the nightly audit finds it after about %llu guesses "
		    "(night %llu %s)\n", (unsigned long long)pos + 1,
		    cmd_check_password_nightof((unsigned long long)pos,
		    per_night), at);
	else
		fprintf(ctx->out, fr ? "l'audit nocturne ne l'essaie pas "
		    "dans ses 10^7 premiers essais (%llu nuits %s)\n" :
		    "the nightly audit does not try it in its first 10^7 "
		    "guesses (%llu nights %s)\n",
		    cmd_check_password_nightof(CMD_CHECK_PASSWORD_REACH - 1,
		    per_night), at);
}

static void
cmd_check_password_print(struct ispm_ctx *ctx,
    const struct strength_result *res, const struct strength_policy *pol)
{
	int fr = pol->lang == STRENGTH_LANG_FR;
	char t[64];

	fprintf(ctx->out, "verdict: %s\n",
	    res->strong ? (fr ? "solide" : "strong") : (fr ? "faible" :
	    "weak"));
	fprintf(ctx->out, "%s: 10^%.1f (%s 10^%.1f)\n", fr ? "essais" :
	    "guesses", res->log10_guesses, fr ? "seuil" : "threshold",
	    pol->min_log10);
	strength_crack_time(res->log10_guesses, STRENGTH_RATE_ONLINE,
	    pol->lang, t, sizeof(t));
	fprintf(ctx->out, "%s (%.0f/s): %s\n", fr ? "en ligne, freiné" :
	    "online, throttled", STRENGTH_RATE_ONLINE, t);
	strength_crack_time(res->log10_guesses, STRENGTH_RATE_OFFLINE,
	    pol->lang, t, sizeof(t));
	fprintf(ctx->out, "%s (10^%.0f/s): %s\n", fr ?
	    "hors ligne, empreinte $6$, un GPU" :
	    "offline, $6$ hash, one GPU", log10(STRENGTH_RATE_OFFLINE), t);
	fprintf(ctx->out, "ISPConfig: %d/5\n", res->ispconfig);
	if (!res->strong) {
		fprintf(ctx->out, "%s: ", fr ? "raison" : "reason");
		out_safe(ctx->out, res->reason);
		fputc('\n', ctx->out);
	}
}

/* Judges one password; a password that is not UTF-8 is a weak result. */
static int
cmd_check_password_one(struct ispm_ctx *ctx, const struct secret *pw,
    const char *const *context, size_t n, const struct strength_policy *pol,
    struct strength_result *res)
{
	struct errbuf eb;
	int r;

	err_clear(&eb);
	r = strength_check(pw, context, n, pol, res, &eb);
	if (r == ISPM_EDATA) {
		memset(res, 0, sizeof(*res));
		/* A NUL is valid UTF-8 to anyone but a C string. */
		snprintf(res->reason, sizeof(res->reason), "%s",
		    memchr(pw->buf, '\0', pw->len) != NULL ?
		    (pol->lang == STRENGTH_LANG_FR ? "contient un octet NUL" :
		    "contains a NUL byte") :
		    (pol->lang == STRENGTH_LANG_FR ? "pas de l'UTF-8 valide" :
		    "not valid UTF-8"));
		return 0;
	}
	if (r != 0)
		return err_set(&ctx->err, r, "%s", eb.msg);
	return 0;
}

/* What the audit-position lines need besides the passwords. */
struct cmd_check_password_acct {
	const char	*email;	/* --for */
	const char	*name;	/* --name */
	const char	*org;	/* the profile's organisation */
	double		 per_night;
	int		 measured;
};

/* Prints one --tsv result: verdict, log10 guesses, position, reason. */
static int
cmd_check_password_print_tsv(struct ispm_ctx *ctx,
    const struct cmd_check_password_q *q)
{
	char out[512], *tab;
	int r;

	if ((r = strength_format_batch(&q->res, out, sizeof(out))) != 0)
		return err_set(&ctx->err, r, "result line too long");
	tab = strchr(out, '\t');
	tab = tab != NULL ? strchr(tab + 1, '\t') : NULL;
	if (tab == NULL)
		return err_set(&ctx->err, ISPM_EINTERNAL, "result line "
		    "without its fields");
	*tab++ = '\0';
	fprintf(ctx->out, "%s\t%lld\t%s\n", out, q->pos, tab);
	return 0;
}

static int
cmd_check_password_batch_run(struct ispm_ctx *ctx, int tsv, int json,
    const char **context, size_t nbase, const struct strength_policy *pol,
    const struct cmd_check_password_acct *acct)
{
	struct cmd_check_password_in in;
	struct cmd_check_password_queue qu;
	struct cmd_check_password_q *q;
	struct json_object *arr = NULL;
	struct strength_result res;
	struct secret *line;
	char out[512], *tab, *tab2;
	size_t n, i;
	int r, nweak = 0;

	memset(&in, 0, sizeof(in));
	memset(&qu, 0, sizeof(qu));
	in.buf = secret_new(CMD_CHECK_PASSWORD_CHUNK);
	line = secret_new(SECRET_MAX);
	if (json)
		arr = json_object_new_array();
	while ((r = cmd_check_password_line(&in, line, &ctx->err)) == 1) {
		n = nbase;
		tab = tab2 = NULL;
		if (tsv && (tab = memchr(line->buf, '\t', line->len)) != NULL) {
			/* The context fields follow the password: cut the
			 * line there so that the secret holds the password. */
			*tab++ = '\0';
			if ((tab2 = strchr(tab, '\t')) != NULL)
				*tab2++ = '\0';
			context[n++] = tab;
			if (tab2 != NULL)
				context[n++] = tab2;
			line->len = strlen(line->buf);
		}
		r = cmd_check_password_one(ctx, line, context, n, pol, &res);
		if (r != 0)
			break;
		if (!res.strong)
			nweak++;
		if (tsv) {
			/* A line's own address names its account. */
			q = tab != NULL && *tab != '\0' ?
			    cmd_check_password_push(&qu, line, tab, tab2) :
			    cmd_check_password_push(&qu, line, acct->email,
			    acct->name);
			q->res = res;
		} else if (arr != NULL)
			json_object_array_add(arr,
			    cmd_check_password_json(&res, pol, -2, 0, 0));
		else {
			if ((r = strength_format_batch(&res, out,
			    sizeof(out))) != 0) {
				err_set(&ctx->err, r, "result line too long");
				break;
			}
			fprintf(ctx->out, "%s\n", out);
		}
	}
	secret_free(line);
	secret_free(in.buf);
	if (r == 0 && tsv)
		r = cmd_check_password_positions(&qu, acct->org, &ctx->err);
	for (i = 0; r == 0 && i < qu.n; i++) {
		if (arr != NULL)
			json_object_array_add(arr,
			    cmd_check_password_json(&qu.v[i].res, pol,
			    qu.v[i].pos, acct->per_night, acct->measured));
		else
			r = cmd_check_password_print_tsv(ctx, &qu.v[i]);
	}
	cmd_check_password_queue_free(&qu);
	if (arr != NULL) {
		if (r == 0)
			out_json(ctx->out, arr);
		json_object_put(arr);
	}
	if (r < 0)
		return r;
	return nweak > 0 ? ISPM_EWEAK : 0;
}

/*
 * --batch on a terminal: the passwords typed are not echoed, as at the
 * one-password prompt; the terminal is restored on every way out,
 * Ctrl-C included (which ends the list).
 */
static int
cmd_check_password_batch(struct ispm_ctx *ctx, int tsv, int json,
    const char **context, size_t nbase, const struct strength_policy *pol,
    const struct cmd_check_password_acct *acct)
{
	struct termios old, noecho;
	struct sigaction sa, oldsa;
	int r, tty;

	tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		noecho = old;
		noecho.c_lflag &= ~(ECHO | ECHONL);
		noecho.c_lflag |= ICANON;
		tty = tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho) == 0;
	}
	if (tty) {
		cmd_check_password_intr = 0;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = cmd_check_password_sigint;
		sigemptyset(&sa.sa_mask);
		/* No SA_RESTART: the read must return to restore echo. */
		sigaction(SIGINT, &sa, &oldsa);
		fputs(pol->lang == STRENGTH_LANG_FR ? "Mots de passe, un par "
		    "ligne, sans écho ; Ctrl-D pour finir.\n" : "Passwords, "
		    "one a line, not echoed; Ctrl-D to end.\n", ctx->errs);
	}
	r = cmd_check_password_batch_run(ctx, tsv, json, context, nbase,
	    pol, acct);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		sigaction(SIGINT, &oldsa, NULL);
	}
	return r;
}

static int
cmd_check_password_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const struct profile *p;
	struct strength_policy pol;
	struct strength_result res;
	struct cmd_check_password_acct acct;
	struct cmd_check_password_queue qu;
	struct cmd_check_password_q *q = NULL;
	struct secret *pw = NULL;
	const char *context[8], *name, *value;
	size_t n = 0;
	int i = 0, r, json, batch, tsv;

	strength_policy_default(&pol);
	memset(&acct, 0, sizeof(acct));
	json = ctx->json || args_has(args, "json");
	batch = args_has(args, "batch");
	tsv = args_has(args, "tsv");
	acct.email = args_get(args, "for");
	acct.name = args_get(args, "name");
	/* The context words in the order given; the first four count. */
	while (args_next(args, &i, &name, &value))
		if (value != NULL && n < 4)
			context[n++] = value;
	if (tsv && !batch)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "check-password: --tsv needs --batch");
	if ((r = ctx_profile_optional(ctx, &p)) != 0)
		return r;
	if (p != NULL) {
		pol.min_log10 = p->min_guesses_log10;
		if (p->organisation != NULL)
			context[n++] = p->organisation;
		acct.org = p->organisation;
	}
	acct.per_night = cmd_check_password_night(p, &acct.measured);

	if (batch)
		return cmd_check_password_batch(ctx, tsv, json, context, n,
		    &pol, &acct);
	pw = secret_new(SECRET_MAX);
	memset(&qu, 0, sizeof(qu));
	if (isatty(STDIN_FILENO))
		r = secret_read_tty(pol.lang == STRENGTH_LANG_FR ?
		    "Mot de passe : " : "Password: ", pw, &ctx->err);
	else
		r = secret_read_fd(STDIN_FILENO, pw, &ctx->err);
	if (r == 0)
		r = cmd_check_password_one(ctx, pw, context, n, &pol, &res);
	if (r == 0) {
		q = cmd_check_password_push(&qu, pw, acct.email, acct.name);
		r = cmd_check_password_positions(&qu, acct.org, &ctx->err);
	}
	secret_free(pw);
	if (r != 0) {
		cmd_check_password_queue_free(&qu);
		return r;
	}
	if (json) {
		struct json_object *o = cmd_check_password_json(&res, &pol,
		    q->pos, acct.per_night, acct.measured);

		out_json(ctx->out, o);
		json_object_put(o);
	} else {
		cmd_check_password_print(ctx, &res, &pol);
		cmd_check_password_print_reach(ctx, q->pos, acct.per_night,
		    acct.measured, pol.lang == STRENGTH_LANG_FR);
	}
	cmd_check_password_queue_free(&qu);
	return res.strong ? 0 : ISPM_EWEAK;
}

const struct cmd_entry cmd_check_password_entry = {
	.name = "check-password",
	.usage = "[--for ADDRESS] [--name TEXT] [--json] [--batch [--tsv]]",
	.summary = "judge a password and where the audit finds it, offline",
	.args = { cmd_check_password_options, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_NO_CONFIG | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_check_password_exec,
};
