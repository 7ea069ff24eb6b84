/*
 * unseal: reads a rotation journal with the admin's secret key and
 * prints, for each rotation or mailbox created by import, the time, the
 * address, the new password and its state (intended, applied, verified,
 * failed, unapplied; "(new mailbox)" for a creation), so the
 * admin can hand new passwords to their owners.  It prints passwords by
 * design, so it is the one command that does; it never contacts the
 * panel.  No alias.
 *
 * With --sheets DIR it prints no password: it writes, for each mailbox
 * whose rotation took effect, its connection sheet with the password now
 * in force and why it was changed, one 0600 file per mailbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "journal.h"
#include "names.h"
#include "output.h"
#include "seal.h"
#include "secret.h"
#include "sheet.h"
#include "sheetfile.h"
#include "sheetopt.h"
#include "xmalloc.h"

static const struct args_option cmd_unseal_options[] = {
	{ "key", 'k', 1 },
	{ "sheets", 0, 1 },
	{ "format", 0, 1 },
	{ NULL, 0, 0 }
};

/*
 * The records in force: for each address, its last rotation that took
 * effect (applied or verified); a failed or unapplied one left the
 * password before it in place. A later rotation without an outcome
 * makes the password unknown until the audit settles it: *unsettled
 * counts those addresses, which get no sheet. Returns the indices, in
 * the order the addresses first appear, as a malloc'd array of *n.
 */
static size_t *
cmd_unseal_in_force(const struct journal *j, size_t *n, size_t *unsettled)
{
	struct slot {
		const char	*address;
		size_t		 idx;
		int		 applied;
		int		 open;
	} *slots;
	const struct journal_entry *e;
	size_t i, k, nslots = 0, cnt = journal_count(j), *idx;

	slots = xcalloc(cnt + 1, sizeof(*slots));
	for (i = 0; i < cnt; i++) {
		e = journal_entry(j, i);
		for (k = 0; k < nslots; k++)
			if (strcmp(slots[k].address, e->address) == 0)
				break;
		if (k == nslots)
			slots[nslots++].address = e->address;
		if (e->state == JOURNAL_APPLIED ||
		    e->state == JOURNAL_VERIFIED) {
			slots[k].idx = i;
			slots[k].applied = 1;
			slots[k].open = 0;
		} else if (e->state == JOURNAL_INTENDED)
			slots[k].open = 1;
	}
	idx = xcalloc(nslots + 1, sizeof(*idx));
	*n = *unsettled = 0;
	for (k = 0; k < nslots; k++) {
		if (slots[k].open)
			(*unsettled)++;
		else if (slots[k].applied)
			idx[(*n)++] = slots[k].idx;
	}
	free(slots);
	return idx;
}

/* Writes the sheets of the records in force into dir. */
static int
cmd_unseal_sheets(struct ispm_ctx *ctx, const struct args *args,
    const struct journal *j, const struct seal_key *key, struct secret *pw,
    size_t *bad)
{
	const char *dir = args_get(args, "sheets");
	const struct journal_entry *je;
	struct sheet s = { 0 };
	struct sheetfile sf;
	enum sheet_format f;
	struct errbuf eb;
	size_t i, n, unsettled, *idx = NULL, failed = 0;
	char *name;
	int r, dfd = -1;

	if ((r = sheetopt_format(ctx, args, NULL, &f)) != 0 ||
	    (r = sheetopt_settings(ctx, &s)) != 0 ||
	    (r = sheetopt_dir(ctx, dir, &dfd)) != 0)
		return r;
	s.password = pw;
	idx = cmd_unseal_in_force(j, &n, &unsettled);
	for (i = 0; i < n; i++) {
		je = journal_entry(j, idx[i]);
		/* The address names the file: only one the name rules
		 * allow, so never a path. */
		if (names_check_address(je->address, &eb) != 0 ||
		    journal_unseal(je, key, pw, &eb) != 0) {
			fputs("ispmail: unseal: ", ctx->errs);
			out_safe(ctx->errs, eb.msg);
			fputc('\n', ctx->errs);
			(*bad)++;
			continue;
		}
		s.address = je->address;
		/* A mailbox created by import has no old password: its
		 * sheet gives the first one, not a reason for a change. */
		s.rotated = strcmp(je->old_digest, JOURNAL_DIGEST_NONE) != 0;
		name = sheetopt_filename(je->address, f);
		if (sheetfile_write(dfd, name, &s, f, &sf, &eb) != 0) {
			fputs("ispmail: unseal: ", ctx->errs);
			out_safe(ctx->errs, eb.msg);
			fputc('\n', ctx->errs);
			failed++;
		} else if (!ctx->quiet)
			fprintf(ctx->out, "%s\t%s/%s\n", je->address, dir,
			    name);
		free(name);
		secret_clear(pw);
	}
	free(idx);
	close(dfd);
	if (failed > 0)
		return err_set(&ctx->err, ISPM_EIO, "unseal: %zu sheet%s could "
		    "not be written into '%s'", failed, failed == 1 ? "" : "s",
		    dir);
	if (unsettled > 0)
		return err_set(&ctx->err, ISPM_ETEMP, "unseal: %zu mailbox%s "
		    "with a rotation not settled yet got no sheet: run the "
		    "audit with --rotate first", unsettled,
		    unsettled == 1 ? "" : "es");
	return 0;
}

static int
cmd_unseal_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const struct journal_entry *je;
	struct seal_key *key = NULL;
	struct secret *pass = NULL, *pw = NULL;
	struct journal *j = NULL;
	struct errbuf eb;
	const char *keypath = args_get(args, "key"), *torn;
	char when[32];
	size_t i, bad = 0;
	struct tm tm;
	int r, prot;

	if (keypath == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "unseal: --key PREFIX is required");
	if ((r = sheetopt_check(ctx, self->name, args, "sheets")) != 0)
		return r;
	if ((pass = secret_new(SECRET_MAX)) == NULL ||
	    (pw = secret_new(SECRET_MAX)) == NULL) {
		r = err_set(&ctx->err, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
		goto out;
	}
	if ((r = seal_key_protected(keypath, &prot, &ctx->err)) != 0)
		goto out;
	if (prot) {
		char buf[512];

		snprintf(buf, sizeof(buf), "passphrase for '%s': ", keypath);
		if ((r = secret_read_tty(buf, pass, &ctx->err)) != 0)
			goto out;
	}
	if ((r = seal_load_key(keypath, prot ? pass : NULL, &key,
	    &ctx->err)) != 0 ||
	    (r = journal_read(args_string(args, 0), &j, &ctx->err)) != 0)
		goto out;
	if (journal_torn(j, &torn) > 0) {
		fputs("ispmail: unseal: ", ctx->errs);
		out_safe(ctx->errs, torn);
		fputc('\n', ctx->errs);
	}
	if (args_get(args, "sheets") != NULL) {
		if ((r = cmd_unseal_sheets(ctx, args, j, key, pw, &bad)) != 0)
			goto out;
		goto opened;
	}
	/*
	 * Every column is sanitised, the password too: anyone with the
	 * public key can seal a record, so a forged one may carry terminal
	 * escapes. The passwords ispmail makes never contain what is
	 * replaced.
	 */
	for (i = 0; i < journal_count(j); i++) {
		je = journal_entry(j, i);
		if (journal_unseal(je, key, pw, &eb) != 0) {
			fputs("ispmail: unseal: ", ctx->errs);
			out_safe(ctx->errs, eb.msg);
			fputc('\n', ctx->errs);
			bad++;
			continue;
		}
		localtime_r(&je->time, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S%z", &tm);
		fprintf(ctx->out, "%s\t", when);
		out_safe(ctx->out, je->address);
		fputc('\t', ctx->out);
		out_safe_n(ctx->out, pw->buf, pw->len);
		fprintf(ctx->out, "\t%s%s", journal_state_name(je->state),
		    je->create ? " (new mailbox)" : "");
		if (je->detail != NULL && *je->detail != '\0') {
			fputs(": ", ctx->out);
			out_safe(ctx->out, je->detail);
		}
		fputc('\n', ctx->out);
		secret_clear(pw);
	}
opened:
	if (bad > 0)
		r = err_set(&ctx->err, ISPM_EDATA, "unseal: %zu record%s could "
		    "not be opened with '%s'", bad, bad == 1 ? "" : "s",
		    keypath);
out:
	journal_free(j);
	seal_key_free(key);
	secret_free(pass);
	secret_free(pw);
	return r;
}

const struct cmd_entry cmd_unseal_entry = {
	.name = "unseal",
	.usage = "--key PREFIX [--sheets DIR [--format text|pdf|json]] FILE",
	.summary = "print the new passwords of a rotation journal, or their sheets",
	.args = { cmd_unseal_options, 1, 1, 0 },
	.flags = CMD_NO_CONFIG | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_FILE,
	.exec = cmd_unseal_exec
};
