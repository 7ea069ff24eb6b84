/*
 * Mailbox passwords for create and passwd.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mailbox.h"
#include "pwgen.h"
#include "pwinput.h"
#include "strength.h"
#include "xmalloc.h"

/* see pwinput.h */
int
pw_policy(struct ispm_ctx *ctx, struct api *api, struct strength_policy *pol)
{
	const struct profile *p;
	int r;

	strength_policy_default(pol);
	if ((r = ctx_profile(ctx, &p)) != 0)
		return r;
	pol->min_log10 = p->min_guesses_log10;
	return mbx_password_policy(api, &pol->ispc_min_length,
	    &pol->ispc_min_strength, &ctx->err);
}

/*
 * A password for a mailbox holds no control character: one would not be
 * typed at a mail client's prompt, and a NUL cuts the password short in
 * the panel's PHP and the crypt() it hashes with. Said before the
 * strength check, which would call a NUL "not valid UTF-8". Only the
 * position is named, never the password.
 */
static int
pw_check_chars(struct ispm_ctx *ctx, const struct secret *pw)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < pw->len; i++) {
		c = (unsigned char)pw->buf[i];
		if (c == '\0')
			return err_set(&ctx->err, ISPM_EDATA, "the password "
			    "contains a NUL byte (at position %zu)", i + 1);
		if (c < 0x20 || c == 0x7f)
			return err_set(&ctx->err, ISPM_EDATA, "the password "
			    "contains a control character (at position %zu)",
			    i + 1);
	}
	return 0;
}

static int
pw_read(struct ispm_ctx *ctx, enum pw_source src, struct secret *out)
{
	struct secret *again;
	int r;

	if (src == PW_STDIN)
		return (r = secret_read_fd(STDIN_FILENO, out, &ctx->err)) != 0 ?
		    r : pw_check_chars(ctx, out);
	if ((r = secret_read_tty("New password: ", out, &ctx->err)) != 0)
		return r;
	again = secret_new(out->cap);
	if ((r = secret_read_tty("Retype new password: ", again,
	    &ctx->err)) == 0 && !secret_equal(out, again))
		r = err_set(&ctx->err, ISPM_EDATA, "the passwords do not match");
	secret_free(again);
	return r != 0 ? r : pw_check_chars(ctx, out);
}

/* see pwinput.h */
int
pw_source(struct ispm_ctx *ctx, const char *cmd, const struct args *args,
    enum pw_source *src)
{
	const char *name, *value;
	int i = 0, count = 0;

	*src = PW_PROMPT;
	while (args_next(args, &i, &name, &value)) {
		if (strcmp(name, "generate") == 0)
			*src = PW_GENERATE;
		else if (strcmp(name, "password-stdin") == 0)
			*src = PW_STDIN;
		else
			continue;
		count++;
	}
	if (count > 1)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "%s: --generate and --password-stdin exclude each other",
		    cmd);
	/* With --sheet the password goes to the sheet, and only there. */
	if (*src == PW_GENERATE && !ctx->json && !isatty(STDOUT_FILENO) &&
	    args_get(args, "sheet") == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "%s: will not print a generated password to a "
		    "non-terminal: add --json to receive it in the result, or "
		    "--sheet FILE", cmd);
	return 0;
}

/*
 * The words an attacker would try first for this mailbox: its address,
 * its owner's name and the profile's organisation.
 */
static size_t
pw_context(struct ispm_ctx *ctx, const char *address, const char *name,
    const char *context[3])
{
	const struct profile *p;
	size_t n = 0;

	context[n++] = address;
	if (name != NULL && name[0] != '\0')
		context[n++] = name;
	if (ctx_profile(ctx, &p) == 0 && p->organisation != NULL)
		context[n++] = p->organisation;
	return n;
}

/* see pwinput.h */
int
pw_generate(struct ispm_ctx *ctx, const struct strength_policy *pol,
    const char *address, const char *name, struct secret *out)
{
	struct pwgen_opts gopts;
	const char *context[3];
	size_t n;

	n = pw_context(ctx, address, name, context);
	memset(&gopts, 0, sizeof(gopts));
	gopts.style = PWGEN_CHARS;
	gopts.length = PWGEN_DEFAULT_LENGTH;
	gopts.words = PWGEN_DEFAULT_WORDS;
	return pwgen_generate(&gopts, pol, context, n, out, &ctx->err);
}

/* see pwinput.h */
int
pw_obtain(struct ispm_ctx *ctx, struct api *api, enum pw_source src,
    const char *address, const char *name, struct secret *out)
{
	struct strength_policy pol;
	struct strength_result res;
	const char *context[3];
	size_t n;
	int r;

	if ((r = pw_policy(ctx, api, &pol)) != 0)
		return r;
	if (src == PW_GENERATE)
		return pw_generate(ctx, &pol, address, name, out);
	if ((r = pw_read(ctx, src, out)) != 0)
		return r;
	n = pw_context(ctx, address, name, context);
	if ((r = strength_check(out, context, n, &pol, &res, &ctx->err)) != 0)
		return r;
	if (!res.strong)
		return err_set(&ctx->err, ISPM_EWEAK,
		    "password refused: %s (10^%.1f guesses, %.0f required)",
		    res.reason, res.log10_guesses, pol.min_log10);
	return 0;
}
