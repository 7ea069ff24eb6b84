/*
 * keygen: makes the admin's key pair for audit rotation.  The public key
 * (PREFIX.pub) goes into the config as seal_to; the secret key (PREFIX)
 * belongs offline or with the admin, protected by a passphrase asked at
 * the terminal.  Without a terminal it writes an unprotected key and says
 * so.  It never overwrites a key: losing the old one would lose every
 * password sealed to it.  No alias: it is run once.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "seal.h"
#include "secret.h"

static const struct args_option cmd_keygen_options[] = {
	{ "out", 'o', 1 },
	{ NULL, 0, 0 }
};

static int
cmd_keygen_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct secret *pass = NULL, *again = NULL;
	const char *prefix = args_get(args, "out");
	int r, protect = 0;

	if (prefix == NULL || *prefix == '\0')
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "keygen: --out PREFIX is required");
	if ((pass = secret_new(SECRET_MAX)) == NULL ||
	    (again = secret_new(SECRET_MAX)) == NULL) {
		r = err_set(&ctx->err, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
		goto out;
	}
	r = secret_read_tty("passphrase for the secret key (empty: none): ",
	    pass, &ctx->err);
	if (r == 0 && pass->len > 0) {
		if ((r = secret_read_tty("same passphrase again: ", again,
		    &ctx->err)) != 0)
			goto out;
		if (!secret_equal(pass, again)) {
			r = err_set(&ctx->err, ISPM_EDATA,
			    "keygen: the passphrases differ");
			goto out;
		}
		protect = 1;
	} else if (r == ISPM_EIO) {
		fprintf(ctx->errs, "ispmail: keygen: no terminal: the secret "
		    "key is written without a passphrase\n");
	} else if (r == 0) {
		fprintf(ctx->errs, "ispmail: keygen: empty passphrase: the "
		    "secret key is written without one\n");
	} else
		goto out;
	if ((r = seal_keygen(prefix, protect ? pass : NULL, &ctx->err)) != 0)
		goto out;
	fprintf(ctx->out, "secret key: %s (%s; keep it away from the "
	    "audited host)\npublic key: %s.pub (set seal_to to it)\n", prefix,
	    protect ? "protected by a passphrase" : "NOT protected", prefix);
	r = 0;
out:
	secret_free(pass);
	secret_free(again);
	return r;
}

const struct cmd_entry cmd_keygen_entry = {
	.name = "keygen",
	.usage = "--out PREFIX",
	.summary = "make the admin key pair that audit rotations are sealed to",
	.args = { cmd_keygen_options, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_NO_CONFIG | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_keygen_exec
};
