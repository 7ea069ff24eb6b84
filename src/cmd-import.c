/*
 * import: creates the mailboxes listed in a CSV file (import.h), each
 * with a generated password sealed to the admin's public key in the
 * journal before the panel sees it.  Every row is checked first, offline
 * and against the panel, and nothing is created while a problem remains;
 * --dry-run stops there and prints the plan.  Killed, it is finished by
 * running it again with the same file and journal.  It refuses to run
 * where no one could read the new passwords afterwards (neither
 * --seal-to nor --sheets).  With --sheets DIR each new mailbox's
 * connection sheet, with its password, is written there, synced before
 * the panel sees the password, and removed when the mailbox was surely
 * not created; the sheets alone, without a journal, are enough to
 * resume: a mailbox that exists with the password of its sheet in DIR was
 * created by an earlier run.  DIR is locked for the run.
 * No alias and no confirmation: the dry run is the confirmation, and a
 * second run never creates anything twice.
 */
#include "config.h"

#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "auditlock.h"
#include "auditstate.h"
#include "audit.h"
#include "cmd.h"
#include "compcache.h"
#include "import.h"
#include "journal.h"
#include "output.h"
#include "pwinput.h"
#include "seal.h"
#include "sheetfile.h"
#include "sheetopt.h"
#include "xmalloc.h"

static const struct args_option cmd_import_options[] = {
	{ "dry-run", 0, 0 },
	{ "sheets", 0, 1 },
	{ "format", 0, 1 },
	{ "seal-to", 0, 1 },
	{ "journal", 0, 1 },
	{ NULL, 0, 0 }
};

struct cmd_import_gen {
	struct ispm_ctx		*ctx;
	struct strength_policy	 pol;
	/* --sheets: the directory (-1: none), the sheet's settings, and per
	 * row the file written and which one it is, so that only it is
	 * removed when the row's mailbox was not created */
	int			 dfd;
	enum sheet_format	 format;
	struct sheet		 sheet;
	const struct import	*im;
	char			**files;
	struct sheetfile	*sf;
};

struct cmd_import_show {
	struct ispm_ctx	*ctx;
	int		 bar;		/* a progress bar on the terminal */
};

/*
 * Writes the sheet of a new mailbox, synced, before the panel sees its
 * password. A sheet already there was left by a killed run for a mailbox
 * it never created (a created one is done and gets no new password): its
 * password was never set, and it is replaced.
 */
static int
cmd_import_sheet(struct cmd_import_gen *g, size_t i,
    const struct import_row *row, const struct secret *pw, struct errbuf *eb)
{
	int r;

	free(g->files[i]);
	g->files[i] = sheetopt_filename(row->address, g->format);
	if (unlinkat(g->dfd, g->files[i], 0) == -1 && errno != ENOENT)
		return err_set(eb, ISPM_EIO, "cannot replace the sheet '%s' "
		    "a killed import left: %s", g->files[i], strerror(errno));
	g->sheet.address = row->address;
	g->sheet.name = row->name;
	g->sheet.password = pw;
	if ((r = sheetfile_write(g->dfd, g->files[i], &g->sheet, g->format,
	    &g->sf[i], eb)) != 0) {
		free(g->files[i]);
		g->files[i] = NULL;
	}
	return r;
}

static int
cmd_import_pwgen(void *arg, size_t i, const struct import_row *row,
    struct secret *out, struct errbuf *eb)
{
	struct cmd_import_gen *g = arg;
	int r;

	if ((r = pw_generate(g->ctx, &g->pol, row->address, row->name,
	    out)) != 0)
		return err_set(eb, r, "%s", g->ctx->err.msg);
	if (g->dfd != -1)
		r = cmd_import_sheet(g, i, row, out, eb);
	return r;
}

/*
 * The password on the sheet an earlier run left in DIR for row, in this
 * run's format or the other one that can be read back (the earlier run
 * may have had --json, which makes JSON the default).
 */
static int
cmd_import_recall(void *arg, const struct import_row *row,
    struct secret *out, struct errbuf *eb)
{
	struct cmd_import_gen *g = arg;
	enum sheet_format f[2] = { g->format,
	    g->format == SHEET_JSON ? SHEET_TEXT : SHEET_JSON };
	char *file;
	size_t k;
	int r = ISPM_ENOINPUT;

	for (k = 0; k < 2 && r == ISPM_ENOINPUT && g->dfd != -1; k++) {
		file = sheetopt_filename(row->address, f[k]);
		r = sheetfile_read_password(g->dfd, file, f[k], out, eb);
		free(file);
	}
	if (r == ISPM_ENOINPUT)
		return 0;
	return r == 0 ? 1 : r;
}

/*
 * Removes the sheets of the rows whose mailbox surely does not exist;
 * returns how many are left, and in *flight the one of a mailbox
 * whose creation's answer was lost (owned, or NULL).
 */
static size_t
cmd_import_sheets_settle(struct cmd_import_gen *g, char **flight)
{
	size_t i, kept = 0;

	if (flight != NULL)
		*flight = NULL;
	for (i = 0; g->files != NULL && i < g->im->nrows; i++) {
		if (g->files[i] == NULL)
			continue;
		if (g->im->rows[i].in_flight && flight != NULL &&
		    *flight == NULL) {
			/* The only copy of a password it may have now. */
			*flight = g->files[i];
			continue;
		}
		/* A mailbox made whose aliases failed keeps its sheet. */
		if (g->im->rows[i].exists || g->im->rows[i].in_flight)
			kept++;
		else
			sheetfile_remove(g->dfd, g->files[i], &g->sf[i]);
		free(g->files[i]);
	}
	free(g->files);
	free(g->sf);
	g->files = NULL;
	g->sf = NULL;
	return kept;
}

/* "created a@x.fr (line 3)", sanitised. */
static void
cmd_import_line(FILE *fp, const char *verb, const struct import_row *row)
{
	fprintf(fp, "%s ", verb);
	out_safe(fp, row->address);
	fprintf(fp, " (line %zu)", row->line);
	if (row->detail != NULL && row->status != IMPORT_CREATED) {
		fputs(": ", fp);
		out_safe(fp, row->detail);
	}
	fputc('\n', fp);
}

static const char *
cmd_import_verb(enum import_status st)
{
	switch (st) {
	case IMPORT_CREATED:
		return "created";
	case IMPORT_DONE:
		return "skipped";
	case IMPORT_FAILED:
		return "failed";
	default:
		return "create";
	}
}

static void
cmd_import_progress(void *arg, const struct import_row *row, size_t done,
    size_t total)
{
	struct cmd_import_show *s = arg;
	int i, w = 30, fill = total > 0 ? (int)(done * w / total) : w;

	if (!s->bar) {
		cmd_import_line(s->ctx->out, cmd_import_verb(row->status),
		    row);
		fflush(s->ctx->out);
		return;
	}
	fputs("\r[", s->ctx->errs);
	for (i = 0; i < w; i++)
		fputc(i < fill ? '#' : ' ', s->ctx->errs);
	fprintf(s->ctx->errs, "] %zu/%zu ", done, total);
	fflush(s->ctx->errs);
}

static struct json_object *
cmd_import_row_json(const struct import_row *row)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "line", json_object_new_int64(
	    (int64_t)row->line));
	json_object_object_add(o, "address",
	    json_object_new_string(row->address));
	if (row->detail != NULL)
		json_object_object_add(o, "detail",
		    json_object_new_string(row->detail));
	return o;
}

/* The report: the plan of a dry run, or what the run did. */
static void
cmd_import_report(struct ispm_ctx *ctx, const struct import *im,
    int dry_run, const char *journal)
{
	static const char *const keys[] = {
		"create", "skipped", "created", "failed"
	};
	struct json_object *o, *lists[4];
	const struct import_row *row;
	size_t i, k;

	if (!ctx->json) {
		for (i = 0; dry_run && !ctx->quiet && i < im->nrows; i++)
			cmd_import_line(ctx->out,
			    cmd_import_verb(im->rows[i].status), &im->rows[i]);
		if (dry_run)
			fprintf(ctx->out, "import: dry run: %zu to create, %zu "
			    "already done; nothing created\n",
			    import_count(im, IMPORT_TODO),
			    import_count(im, IMPORT_DONE));
		else
			fprintf(ctx->out, "import: %zu created, %zu skipped "
			    "(already done), %zu failed\n",
			    import_count(im, IMPORT_CREATED),
			    import_count(im, IMPORT_DONE),
			    import_count(im, IMPORT_FAILED));
		fflush(ctx->out);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "file", json_object_new_string(im->file));
	json_object_object_add(o, "dry_run", json_object_new_boolean(dry_run));
	if (journal != NULL)
		json_object_object_add(o, "journal",
		    json_object_new_string(journal));
	for (k = 0; k < 4; k++)
		lists[k] = json_object_new_array();
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		json_object_array_add(lists[row->status],
		    cmd_import_row_json(row));
	}
	for (k = 0; k < 4; k++) {
		if (k == IMPORT_TODO && !dry_run) {
			json_object_put(lists[k]);
			continue;
		}
		json_object_object_add(o, keys[k], lists[k]);
	}
	out_json(ctx->out, o);
	fflush(ctx->out);
	json_object_put(o);
}

/* Every problem on its own line, then one error for the whole file. */
static int
cmd_import_problems(struct ispm_ctx *ctx, const struct import *im)
{
	struct json_object *o, *a;
	size_t i;

	if (ctx->json) {
		o = json_object_new_object();
		a = json_object_new_array();
		for (i = 0; i < im->nproblems; i++)
			json_object_array_add(a, json_object_new_string(
			    im->problems[i].text));
		json_object_object_add(o, "file",
		    json_object_new_string(im->file));
		json_object_object_add(o, "problems", a);
		out_json(ctx->out, o);
		fflush(ctx->out);
		json_object_put(o);
	}
	for (i = 0; i < im->nproblems; i++) {
		fputs("ispmail: import: ", ctx->errs);
		out_safe(ctx->errs, im->problems[i].text);
		fputc('\n', ctx->errs);
	}
	return err_set(&ctx->err, ISPM_EDATA, "import: %zu problem%s in '%s': "
	    "nothing created", im->nproblems, im->nproblems == 1 ? "" : "s",
	    im->file);
}

/*
 * The audit's lock of the panel account (auditlock.h), so that neither
 * two imports nor an import and an audit change its passwords at once:
 * in the default state directory, or without one beside the journal, or
 * in the directory of sheets.
 */
static int
cmd_import_lock(const struct profile *p, const char *journal,
    const char *sheets, int *fd, struct errbuf *eb)
{
	char *state = NULL, *dir, *lockpath = NULL;
	int r;

	if (auditstate_default_path(p->name, 0, 1, &state, eb) == 0)
		dir = dirname(state);
	else if (journal != NULL)
		dir = dirname(state = xstrdup(journal));
	else
		dir = state = xstrdup(sheets);
	r = auditlock_take(dir, p->url != NULL ? p->url : "",
	    p->user != NULL ? p->user : "", 0, 1, fd, &lockpath, eb);
	free(state);
	free(lockpath);
	return r;
}

/*
 * Opens the directory of sheets (made 0700 when missing) and locks it
 * for the run: two imports writing into one directory would replace each
 * other's sheets as left by a killed run.
 */
static int
cmd_import_sheets_dir(struct ispm_ctx *ctx, const char *dir,
    struct cmd_import_gen *g)
{
	int r;

	if ((r = sheetopt_dir(ctx, dir, &g->dfd)) != 0)
		return r;
	if (flock(g->dfd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		return err_set(&ctx->err, ISPM_ETEMP, "import: another import "
		    "is writing sheets into '%s'", dir);
	return err_set(&ctx->err, ISPM_EIO, "import: cannot lock '%s': %s",
	    dir, strerror(errno));
}

/*
 * Where the new passwords go: sealed into a journal, or, with --sheets
 * and no key, on the sheets alone (*sheets_only set). Sets *seal_to and
 * *jpath (NULL when there are none), and pk from *seal_to.
 * Returns 0, ISPM_EUSAGE or ISPM_ECONFIG.
 */
static int
cmd_import_records(struct ispm_ctx *ctx, const struct profile *p,
    const struct args *args, const struct cmd_import_gen *g,
    unsigned char pk[SEAL_PUBLICKEYBYTES], const char **seal_to,
    const char **jpath, int *sheets_only)
{
	int r, dry_run = args_has(args, "dry-run");

	*seal_to = args_get(args, "seal-to");
	if (*seal_to == NULL)
		*seal_to = p->seal_to;
	*jpath = args_get(args, "journal");
	/* A dry run reads the journal it is given, key or not. */
	*sheets_only = *seal_to == NULL && args_get(args, "sheets") != NULL &&
	    (*jpath == NULL || !dry_run);
	if (*sheets_only) {
		/* The sheets alone: a journal could not be sealed. */
		if (*jpath != NULL)
			return err_set(&ctx->err, ISPM_EUSAGE, "import: "
			    "--journal needs --seal-to KEY.pub to seal into it "
			    "(or leave both out: the sheets are enough)");
		if (!dry_run && g->format == SHEET_PDF)
			return err_set(&ctx->err, ISPM_EUSAGE, "import: a PDF "
			    "sheet cannot be read back to resume a killed "
			    "run: --format text or json, or --seal-to and "
			    "--journal too");
		return 0;
	}
	if (*jpath == NULL)
		*jpath = p->journal;
	if (dry_run)
		return 0;
	if (*seal_to == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE, "import: no one could "
		    "read the new passwords: give --sheets DIR, or --seal-to "
		    "KEY.pub and --journal FILE (or seal_to and journal in the "
		    "profile)");
	if (*jpath == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE, "import: --seal-to "
		    "needs a journal to seal into: --journal FILE (or journal "
		    "in the profile)");
	if ((r = seal_load_public(*seal_to, pk, &ctx->err)) != 0)
		return r == ISPM_ENOINPUT || r == ISPM_EDATA ?
		    ISPM_ECONFIG : r;
	return 0;
}

static int
cmd_import_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	unsigned char pk[SEAL_PUBLICKEYBYTES];
	const struct profile *p;
	struct cmd_import_gen gen;
	struct cmd_import_show show;
	struct import *im = NULL;
	struct journal *j = NULL;
	struct api *api;
	char why[sizeof(ctx->err.msg)], *flight = NULL;
	const char *seal_to, *jpath, *torn, *sheets = args_get(args, "sheets");
	size_t settled, failed, kept;
	int r, lockfd = -1, sheets_only, dry_run = args_has(args, "dry-run");

	memset(&gen, 0, sizeof(gen));
	gen.ctx = ctx;
	gen.dfd = -1;
	if ((r = sheetopt_check(ctx, self->name, args, "sheets")) != 0 ||
	    (sheets != NULL && (r = sheetopt_format(ctx, args, NULL,
	    &gen.format)) != 0))
		return r;
	if ((r = ctx_profile(ctx, &p)) != 0 ||
	    (r = cmd_import_records(ctx, p, args, &gen, pk, &seal_to,
	    &jpath, &sheets_only)) != 0)
		return r;
	if ((r = import_load(args_string(args, 0), &im, &ctx->err)) != 0)
		return r;
	if ((r = ctx_api(ctx, &api)) != 0)
		goto out;
	if (!dry_run && (r = cmd_import_lock(p, jpath, sheets, &lockfd,
	    &ctx->err)) != 0)
		goto out;
	/* The sheets of an earlier run, read to tell its mailboxes: a
	 * missing DIR is made only once there is something to write. */
	if (sheets_only) {
		if (access(sheets, F_OK) == 0 && (r = dry_run ?
		    sheetopt_dir(ctx, sheets, &gen.dfd) :
		    cmd_import_sheets_dir(ctx, sheets, &gen)) != 0)
			goto out;
	} else if (!dry_run) {
		if ((r = journal_open(jpath, &j, &ctx->err)) != 0)
			goto out;
		if (journal_torn(j, &torn) > 0)
			fprintf(ctx->errs, "ispmail: import: %s (%zu in all)\n",
			    torn, journal_torn(j, NULL));
		/* Settle what a killed run left in flight, before checking
		 * what exists. */
		if ((r = audit_recover(api, j, &settled,
		    ctx->quiet ? NULL : ctx->errs, &ctx->err)) != 0)
			goto out;
	} else if (jpath != NULL && access(jpath, F_OK) == 0 &&
	    (r = journal_read(jpath, &j, &ctx->err)) != 0)
		goto out;
	if ((r = import_check_panel(im, api, j, sheets_only ?
	    cmd_import_recall : NULL, &gen, &ctx->err)) != 0)
		goto out;
	if (im->nproblems > 0) {
		r = cmd_import_problems(ctx, im);
		goto out;
	}
	if (dry_run) {
		cmd_import_report(ctx, im, 1, jpath);
		r = 0;
		goto out;
	}

	if ((r = pw_policy(ctx, api, &gen.pol)) != 0)
		goto out;
	if (sheets != NULL) {
		if ((r = sheetopt_settings(ctx, &gen.sheet)) != 0 ||
		    (gen.dfd == -1 && (r = cmd_import_sheets_dir(ctx, sheets,
		    &gen)) != 0))
			goto out;
		gen.im = im;
		gen.files = xcalloc(im->nrows + 1, sizeof(*gen.files));
		gen.sf = xcalloc(im->nrows + 1, sizeof(*gen.sf));
	}
	show.ctx = ctx;
	show.bar = !ctx->json && !ctx->quiet && isatty(fileno(ctx->errs));
	r = import_create(im, api, j, pk, cmd_import_pwgen, &gen,
	    ctx->json || (ctx->quiet && !show.bar) ? NULL :
	    cmd_import_progress, &show, ctx->cancel, &ctx->err);
	/* Even a run that stopped half-way may have created some. */
	(void)compcache_forget(ctx->profile->name);
	if (show.bar)
		fputs("\r\033[K", ctx->errs);
	kept = cmd_import_sheets_settle(&gen, &flight);
	if (r != 0) {
		if (flight != NULL) {
			snprintf(why, sizeof(why), "%s", ctx->err.msg);
			r = err_set(&ctx->err, r, "%s; its sheet is kept in "
			    "'%s/%s'", why, sheets, flight);
		}
		goto out;
	}
	cmd_import_report(ctx, im, 0, jpath);
	if (sheets != NULL && !ctx->json && !ctx->quiet)
		fprintf(ctx->out, "import: %zu sheet%s written into '%s'\n",
		    kept, kept == 1 ? "" : "s", sheets);
	if ((failed = import_count(im, IMPORT_FAILED)) > 0)
		r = err_set(&ctx->err, ISPM_EFINDINGS, "import: %zu of %zu "
		    "rows failed: see above, then run it again", failed,
		    im->nrows);
out:
	free(flight);
	(void)cmd_import_sheets_settle(&gen, NULL);
	if (gen.dfd != -1)
		close(gen.dfd);
	journal_free(j);
	if (lockfd != -1)
		close(lockfd);
	import_free(im);
	return r;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "FILE [--dry-run] [--seal-to FILE --journal FILE] "
	    "[--sheets DIR [--format text|pdf|json]]",
	.summary = "create the mailboxes listed in a CSV file",
	.args = { cmd_import_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES,
	.argtype = CMD_ARG_FILE,
	.exec = cmd_import_exec
};
