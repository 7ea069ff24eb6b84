/*
 * unseal: reads a rotation journal with the admin's secret key and
 * prints, for each rotation or mailbox created by import, the time, the
 * address, the new password and its state (intended, applied, verified,
 * failed, unapplied; "(new mailbox)" for a creation), so the
 * admin can hand new passwords to their owners.  It prints passwords by
 * design, so it is the one command that does; it never contacts the
 * panel.  No alias.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "journal.h"
#include "output.h"
#include "seal.h"
#include "secret.h"

static const struct args_option cmd_unseal_options[] = {
	{ "key", 'k', 1 },
	{ NULL, 0, 0 }
};

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
	.usage = "--key PREFIX FILE",
	.summary = "print the new passwords of a rotation journal",
	.args = { cmd_unseal_options, 1, 1, ARGS_IN_ORDER },
	.flags = CMD_NO_CONFIG | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_FILE,
	.exec = cmd_unseal_exec
};
