/*
 * gen-password: prints new passwords from libsodium's generator, each
 * already accepted by the strength policy: 16 random characters without
 * look-alikes (about 97 bits) or, with --words, a passphrase of common
 * French words (5 words: about 72 bits). Needs no config and changes
 * nothing; the profile only raises the threshold the result must pass.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "conf.h"
#include "output.h"
#include "pwgen.h"
#include "secret.h"
#include "strength.h"

#define CMD_GEN_PASSWORD_MAX_COUNT 1000

static const struct args_option cmd_gen_password_options[] = {
	{ "words", 'w', 1 },
	{ "length", 'l', 1 },
	{ "count", 'c', 1 },
	{ NULL, 0, 0 }
};

/* The value of option opt, when given, into *out; max INT_MAX leaves
 * the range to the generator, which names it. */
static int
cmd_gen_password_number(struct ispm_ctx *ctx, const struct args *args,
    const char *opt, long max, size_t *out)
{
	const char *s = args_get(args, opt);
	char *end;
	long v;

	if (s == NULL)
		return 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1 || v > max)
		return max == INT_MAX ? err_set(&ctx->err, ISPM_EUSAGE,
		    "gen-password: --%s wants a whole number, not '%s'", opt,
		    s) : err_set(&ctx->err, ISPM_EUSAGE, "gen-password: --%s "
		    "wants a number from 1 to %ld, not '%s'", opt, max, s);
	*out = v;
	return 0;
}

static int
cmd_gen_password_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct json_object *arr = NULL, *str;
	const struct profile *p;
	struct strength_policy pol;
	struct pwgen_opts o;
	struct secret *pw;
	size_t count = 1, i;
	int r;

	memset(&o, 0, sizeof(o));
	o.style = args_has(args, "words") ? PWGEN_WORDS : PWGEN_CHARS;
	o.length = PWGEN_DEFAULT_LENGTH;
	o.words = PWGEN_DEFAULT_WORDS;
	if ((r = cmd_gen_password_number(ctx, args, "words", INT_MAX,
	    &o.words)) != 0 ||
	    (r = cmd_gen_password_number(ctx, args, "length", INT_MAX,
	    &o.length)) != 0 ||
	    (r = cmd_gen_password_number(ctx, args, "count",
	    CMD_GEN_PASSWORD_MAX_COUNT, &count)) != 0)
		return r;
	if (args_has(args, "words") && args_has(args, "length"))
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "gen-password: --words and --length exclude each other");
	strength_policy_default(&pol);
	if ((r = ctx_profile_optional(ctx, &p)) != 0)
		return r;
	if (p != NULL)
		pol.min_log10 = p->min_guesses_log10;

	pw = secret_new(SECRET_MAX);
	if (ctx->json)
		arr = json_object_new_array();
	for (i = 0, r = 0; i < count && r == 0; i++) {
		if ((r = pwgen_generate(&o, &pol, NULL, 0, pw,
		    &ctx->err)) != 0)
			break;
		if (arr != NULL) {
			str = json_object_new_string_len(pw->buf, pw->len);
			json_object_array_add(arr, str);
		} else
			fprintf(ctx->out, "%s\n", pw->buf);
	}
	if (arr != NULL) {
		if (r == 0)
			out_json(ctx->out, arr);
		/* json-c copied each password: wipe them and the output. */
		for (i = 0; i < json_object_array_length(arr); i++)
			out_json_wipe(arr, json_object_array_get_idx(arr, i));
		json_object_put(arr);
	}
	secret_free(pw);
	return r;
}

const struct cmd_entry cmd_gen_password_entry = {
	.name = "gen-password",
	.usage = "[--words N | --length N] [--count K]",
	.summary = "generate passwords that pass the strength policy",
	.args = { cmd_gen_password_options, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_NO_CONFIG,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_gen_password_exec,
};
