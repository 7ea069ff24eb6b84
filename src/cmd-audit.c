/*
 * audit: the nightly password audit of ispmail-audit(8).  It fetches
 * every mailbox hash of the profile (or of all profiles), flags empty,
 * plain-text, legacy and low-round hashes, guesses the others within
 * --budget the way an attacker would, and with --rotate gives each weak
 * mailbox a generated password, sealed into the journal before it is
 * sent.  No alias and no confirmation: it is meant for cron, and rotation
 * is refused unless the admin's public key is configured, so no password
 * can be set that nobody can read.
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "auditreport.h"
#include "auditlock.h"
#include "auditstate.h"
#include "cmd.h"
#include "duration.h"
#include "journal.h"
#include "mailbox.h"
#include "seal.h"
#include "xmalloc.h"

static const struct args_option cmd_audit_options[] = {
	{ "all-profiles", 0, 0 },
	{ "budget", 0, 1 },
	{ "threads", 0, 1 },
	{ "json", 0, 0 },
	{ "syslog", 0, 0 },
	{ "quiet", 'q', 0 },
	{ "rotate", 0, 0 },
	{ "seal-to", 0, 1 },
	{ "journal", 0, 1 },
	{ "dry-run", 0, 0 },
	{ "shard", 0, 1 },
	{ "state", 0, 1 },
	{ NULL, 0, 0 }
};

/* Without --budget or budget: long enough to matter, short enough for a
 * night. */
#define CMD_AUDIT_DEFAULT_BUDGET (30 * 60.0)

struct cmd_audit_opts {
	int		 all, json, syslog, quiet, rotate, dry_run;
	double		 budget;	/* --budget, 0 when not given */
	int		 threads;
	unsigned	 shard_i, shard_n;
	const char	*seal_to, *journal, *state;
};

static void
cmd_audit_progress(void *arg, const struct audit_progress *p)
{
	FILE *fp = arg;
	double frac = p->budget > 0 ? p->elapsed / p->budget : 0;
	int i, w = 30, fill;

	if (frac > 1)
		frac = 1;
	fill = (int)(frac * w);
	fputs("\r[", fp);
	for (i = 0; i < w; i++)
		fputc(i < fill ? '#' : ' ', fp);
	fprintf(fp, "] %3d%% %lum%02lus/%lum %zu accounts, %llu tried, "
	    "%zu weak ", (int)(frac * 100), (unsigned long)p->elapsed / 60,
	    (unsigned long)p->elapsed % 60, (unsigned long)p->budget / 60,
	    p->accounts, (unsigned long long)p->tested, p->weak);
	fflush(fp);
}

/* Reads the options into o. */
static int
cmd_audit_options_read(struct ispm_ctx *ctx, const struct args *args,
    struct cmd_audit_opts *o)
{
	const char *v;
	char *end;
	long n;

	memset(o, 0, sizeof(*o));
	o->threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	o->shard_n = 1;
	o->all = args_has(args, "all-profiles");
	o->json = ctx->json || args_has(args, "json");
	o->syslog = args_has(args, "syslog");
	o->quiet = ctx->quiet || args_has(args, "quiet");
	o->rotate = args_has(args, "rotate");
	o->dry_run = args_has(args, "dry-run");
	o->seal_to = args_get(args, "seal-to");
	o->journal = args_get(args, "journal");
	o->state = args_get(args, "state");
	if ((v = args_get(args, "budget")) != NULL &&
	    duration_parse(v, &o->budget, &ctx->err) != 0)
		return ISPM_EUSAGE;
	if ((v = args_get(args, "threads")) != NULL) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (*end != '\0' || errno != 0 || n < 1 || n > 1024)
			return err_set(&ctx->err, ISPM_EUSAGE,
			    "audit: bad --threads '%s'", v);
		o->threads = (int)n;
	}
	if ((v = args_get(args, "shard")) != NULL &&
	    audit_parse_shard(v, &o->shard_i, &o->shard_n, &ctx->err) != 0)
		return ISPM_EUSAGE;
	if (o->threads < 1)
		o->threads = 1;
	if (o->dry_run && !o->rotate)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "audit: --dry-run goes with --rotate");
	if (o->all && o->state != NULL)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "audit: --state names one profile's state: not with "
		    "--all-profiles");
	return 0;
}

/* Fetches the mailboxes of the current profile (its shard) into *v. */
static int
cmd_audit_inventory(struct ispm_ctx *ctx, const struct profile *p,
    const struct cmd_audit_opts *o, struct audit_account **vp, size_t *np)
{
	struct mailbox *mb = NULL;
	struct audit_account *v, *a;
	struct api *api;
	size_t n = 0, i, k = 0;
	int r;

	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_list(api, NULL, 1, &mb, &n, &ctx->err)) != 0)
		return r;
	v = xreallocarray(*vp, *np + n + 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		if (mb[i].email == NULL || (o->shard_n > 1 &&
		    audit_shard_of(mb[i].email, o->shard_n) != o->shard_i))
			continue;
		a = &v[*np + k++];
		memset(a, 0, sizeof(*a));
		a->profile = p->name;
		a->email = xstrdup(mb[i].email);
		a->name = mb[i].name != NULL && *mb[i].name != '\0' ?
		    xstrdup(mb[i].name) : NULL;
		a->org = p->organisation != NULL ?
		    xstrdup(p->organisation) : NULL;
		a->hash = xstrdup(mb[i].password_hash != NULL ?
		    mb[i].password_hash : "");
		audit_classify(a);
	}
	mailboxes_free(mb, n);
	*vp = v;
	*np += k;
	return 0;
}

/* The default journal: beside the default state. */
static int
cmd_audit_journal_path(const struct profile *p, const struct cmd_audit_opts *o,
    char **out, struct errbuf *eb)
{
	char *state, *dot;
	int r;

	*out = NULL;
	if (o->journal != NULL) {
		*out = xstrdup(o->journal);
		return 0;
	}
	if (p->journal != NULL) {
		*out = xstrdup(p->journal);
		return 0;
	}
	/* Per shard, so that shards on one machine do not block each
	 * other on the journal's lock. */
	if ((r = auditstate_default_path(p->name, o->shard_i, o->shard_n,
	    &state, eb)) != 0)
		return r;
	if ((dot = strrchr(state, '.')) != NULL)
		*dot = '\0';
	*out = xasprintf("%s.journal", state);
	free(state);
	return 0;
}

/*
 * Keeps this run's speed in the state, for check-password's "night K": a
 * run too short to time, or that hashed nothing, leaves the last one.
 */
static void
cmd_audit_rate(struct auditstate *st, const struct audit_account *v,
    size_t n, uint64_t tested, double elapsed, double budget)
{
	struct auditstate_rate rate;
	size_t i, nacc = 0;

	for (i = 0; i < n; i++)
		if (v[i].guessable)
			nacc++;
	if (nacc == 0 || tested == 0 || elapsed < 0.1)
		return;
	rate.per_second = (double)tested / elapsed;
	rate.per_night = rate.per_second * budget / (double)nacc;
	auditstate_set_rate(st, &rate);
}

/*
 * Takes the profile's lock (auditlock.h) in the default state directory,
 * or beside --state when there is none, so that runs with different
 * state files or journals still exclude each other.
 */
static int
cmd_audit_lock(const struct profile *p, const struct cmd_audit_opts *o,
    int *fd, struct errbuf *eb)
{
	char *state = NULL, *lockpath = NULL;
	int r;

	*fd = -1;
	if ((r = auditstate_default_path(p->name, o->shard_i, o->shard_n,
	    &state, eb)) != 0) {
		if (o->state == NULL)
			return r;
		state = xstrdup(o->state);
	}
	r = auditlock_take(dirname(state), p->url != NULL ? p->url : "",
	    p->user != NULL ? p->user : "", o->shard_i, o->shard_n, fd,
	    &lockpath, eb);
	free(state);
	free(lockpath);
	return r;
}

/* Audits one profile: its accounts are appended to *vp. */
static int
cmd_audit_profile(struct ispm_ctx *ctx, const struct profile *p,
    const struct cmd_audit_opts *o, struct audit_account **vp, size_t *np,
    struct audit_summary *sum)
{
	unsigned char pk[SEAL_PUBLICKEYBYTES];
	struct auditstate *st = NULL;
	struct journal *j = NULL;
	struct audit_opts ao;
	struct api *api;
	char *statepath = NULL, *jpath = NULL;
	const char *note, *torn, *seal_to;
	size_t first = *np, i, settled;
	uint64_t tested;
	double elapsed, budget;
	int r, lockfd = -1, rotating = o->rotate && !o->dry_run;

	/* The command line over the profile over the built-in default. */
	seal_to = o->seal_to != NULL ? o->seal_to : p->seal_to;
	budget = o->budget > 0 ? o->budget : p->budget > 0 ? p->budget :
	    CMD_AUDIT_DEFAULT_BUDGET;
	if (o->rotate && seal_to == NULL)
		return err_set(&ctx->err, ISPM_ECONFIG, "audit: profile '%s': "
		    "--rotate needs the admin's public key (--seal-to or "
		    "seal_to; make one with 'ispmail keygen')", p->name);
	if (o->rotate && (r = seal_load_public(seal_to, pk, &ctx->err)) != 0)
		return r == ISPM_ENOINPUT || r == ISPM_EDATA ?
		    ISPM_ECONFIG : r;
	if ((r = cmd_audit_lock(p, o, &lockfd, &ctx->err)) != 0)
		return r;
	if (o->state != NULL)
		statepath = xstrdup(o->state);
	else if ((r = auditstate_default_path(p->name, o->shard_i,
	    o->shard_n, &statepath, &ctx->err)) != 0)
		goto out;
	if ((r = auditstate_open(statepath, cand_dict_fingerprint(audit_dict()),
	    &st, &note, &ctx->err)) != 0)
		goto out;
	if (*note != '\0' && !o->quiet)
		fprintf(ctx->errs, "ispmail: audit: %s\n", note);

	if (rotating) {
		if ((r = cmd_audit_journal_path(p, o, &jpath, &ctx->err)) != 0 ||
		    (r = journal_open(jpath, &j, &ctx->err)) != 0)
			goto out;
		if (journal_torn(j, &torn) > 0)
			fprintf(ctx->errs, "ispmail: audit: %s (%zu in all)\n",
			    torn, journal_torn(j, NULL));
		/* Settle what a crash left half done before anything new. */
		if ((r = ctx_api(ctx, &api)) != 0 ||
		    (r = audit_recover(api, j, &settled,
		    o->quiet ? NULL : ctx->errs, &ctx->err)) != 0)
			goto out;
	}
	if ((r = cmd_audit_inventory(ctx, p, o, vp, np)) != 0)
		goto out;

	memset(&ao, 0, sizeof(ao));
	ao.budget = budget;
	ao.threads = o->threads;
	ao.cancel = ctx->cancel;
	if (!o->quiet && !o->json && isatty(fileno(ctx->errs))) {
		ao.progress = cmd_audit_progress;
		ao.progress_arg = ctx->errs;
	}
	tested = sum->tested;
	elapsed = sum->elapsed;
	r = audit_guess(*vp + first, *np - first, st, &ao, sum, &ctx->err);
	if (ao.progress != NULL)
		fputs("\r\033[K", ctx->errs);
	if (r != 0)
		goto out;
	cmd_audit_rate(st, *vp + first, *np - first, sum->tested - tested,
	    sum->elapsed - elapsed, budget);
	if ((r = auditstate_save(st, &ctx->err)) != 0)
		goto out;

	for (i = first; o->rotate && i < *np; i++) {
		struct audit_account *a = &(*vp)[i];

		if (!(a->flags & AUDIT_F_ROTATE))
			continue;
		if (o->dry_run) {
			a->rot = AUDIT_ROT_DRYRUN;
			continue;
		}
		if (ctx->cancel != NULL && *ctx->cancel) {
			r = err_set(&ctx->err, ISPM_ECANCEL, "audit interrupted");
			goto out;
		}
		if ((r = ctx_api(ctx, &api)) != 0 ||
		    (r = audit_rotate(api, j, pk, a, &ctx->err)) != 0)
			goto out;
	}
	r = 0;
out:
	journal_free(j);
	auditstate_free(st);
	/* Closing the descriptor releases the lock. */
	if (lockfd != -1)
		close(lockfd);
	free(statepath);
	free(jpath);
	return r;
}

static int
cmd_audit_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct cmd_audit_opts o;
	struct audit_account *v = NULL;
	struct audit_summary sum;
	struct audit_report rep;
	const struct profile *p, *saved;
	const char **names = NULL, **failed = NULL;
	char **why = NULL;
	size_t n = 0, np = 0, nfailed = 0, i, remain = 0;
	int r, worst = 0;

	if ((r = cmd_audit_options_read(ctx, args, &o)) != 0)
		return r;
	if ((r = ctx_profile(ctx, &p)) != 0 && !(o.all && ctx->conf != NULL))
		return r;
	memset(&sum, 0, sizeof(sum));
	if (o.all) {
		saved = ctx->profile;
		names = xcalloc(ctx->conf->nprofiles + 1, sizeof(*names));
		failed = xcalloc(ctx->conf->nprofiles + 1, sizeof(*failed));
		why = xcalloc(ctx->conf->nprofiles + 1, sizeof(*why));
		/* One unreachable panel must not hide the others' report. */
		for (i = 0, r = 0; i < ctx->conf->nprofiles && r !=
		    ISPM_ECANCEL; i++) {
			ctx_reset(ctx);
			ctx->profile = ctx->conf->profiles[i];
			if ((r = cmd_audit_profile(ctx, ctx->profile, &o, &v,
			    &n, &sum)) == 0) {
				names[np++] = ctx->profile->name;
				continue;
			}
			fprintf(ctx->errs, "ispmail: audit: profile '%s' "
			    "failed: %s\n", ctx->profile->name,
			    ctx->err.msg[0] != '\0' ? ctx->err.msg :
			    ispm_strerror(r));
			failed[nfailed] = ctx->profile->name;
			why[nfailed++] = xstrdup(ctx->err.msg[0] != '\0' ?
			    ctx->err.msg : ispm_strerror(r));
			if (worst == 0 || ispm_exit_status(r) >
			    ispm_exit_status(worst))
				worst = r;
			err_clear(&ctx->err);
		}
		ctx_reset(ctx);
		ctx->profile = saved;
		if (r == ISPM_ECANCEL) {
			err_set(&ctx->err, r, "audit interrupted");
			goto out;
		}
		r = 0;
	} else {
		names = xcalloc(2, sizeof(*names));
		names[np++] = p->name;
		r = cmd_audit_profile(ctx, p, &o, &v, &n, &sum);
	}
	if (r != 0)
		goto out;

	auditreport_summarise(v, n, &sum);
	rep = (struct audit_report){ .v = v, .n = n, .sum = &sum,
	    .profiles = names, .nprofiles = np, .failed = failed,
	    .why = (const char *const *)why, .nfailed = nfailed,
	    .shard_i = o.shard_i, .shard_n = o.shard_n };
	if (o.json)
		auditreport_json(ctx->out, &rep);
	else
		auditreport_text(ctx->out, &rep, o.quiet);
	if (o.syslog)
		auditreport_syslog(&rep);
	for (i = 0; i < n; i++)
		if ((v[i].flags & AUDIT_F_ROTATE) &&
		    v[i].rot != AUDIT_ROT_VERIFIED &&
		    v[i].rot != AUDIT_ROT_APPLIED)
			remain++;
	if (worst != 0)
		r = err_set(&ctx->err, worst, "audit: %zu of %zu profiles "
		    "failed", nfailed, nfailed + np);
	else if (remain > 0)
		r = err_set(&ctx->err, ISPM_EFINDINGS, "audit: %zu weak "
		    "password%s remain%s", remain, remain == 1 ? "" : "s",
		    remain == 1 ? "s" : "");
out:
	audit_accounts_free(v, n);
	for (i = 0; i < nfailed; i++)
		free(why[i]);
	free(why);
	free(failed);
	free(names);
	return r;
}

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "[--all-profiles] [--budget DURATION] [--threads N] "
	    "[--json] [--syslog] [-q] [--rotate [--dry-run] [--seal-to FILE] "
	    "[--journal FILE]] [--shard I/N] [--state FILE]",
	.summary = "find weak mailbox passwords from their hashes; rotate them",
	.args = { cmd_audit_options, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_NEEDS_API | CMD_MUTATES,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_audit_exec
};
