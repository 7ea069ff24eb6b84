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

static const struct option cmd_gen_password_longopts[] = {
	{ "words", required_argument, NULL, 'w' },
	{ "length", required_argument, NULL, 'l' },
	{ "count", required_argument, NULL, 'c' },
	{ NULL, 0, NULL, 0 }
};

static int
cmd_gen_password_number(struct ispm_ctx *ctx, const char *opt,
    const char *s, long max, size_t *out)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1 || v > max)
		return err_set(&ctx->err, ISPM_EUSAGE, "gen-password: "
		    "--%s wants a number from 1 to %ld, not '%s'", opt, max, s);
	*out = v;
	return 0;
}

static int
cmd_gen_password_exec(struct ispm_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e = &cmd_gen_password_entry;
	struct json_object *arr = NULL, *str;
	const struct profile *p;
	struct strength_policy pol;
	struct pwgen_opts o;
	struct secret *pw;
	size_t count = 1, i;
	int c, r, words = 0, length = 0;

	memset(&o, 0, sizeof(o));
	o.style = PWGEN_CHARS;
	o.length = PWGEN_DEFAULT_LENGTH;
	o.words = PWGEN_DEFAULT_WORDS;
	cmd_opt_begin();
	while ((c = cmd_nextopt(e, argc, argv, &ctx->err)) != -1) {
		switch (c) {
		case 'w':
			o.style = PWGEN_WORDS;
			words = 1;
			if ((r = cmd_gen_password_number(ctx, "words", optarg,
			    INT_MAX, &o.words)) != 0)
				return r;
			break;
		case 'l':
			length = 1;
			if ((r = cmd_gen_password_number(ctx, "length", optarg,
			    INT_MAX, &o.length)) != 0)
				return r;
			break;
		case 'c':
			if ((r = cmd_gen_password_number(ctx, "count", optarg,
			    CMD_GEN_PASSWORD_MAX_COUNT, &count)) != 0)
				return r;
			break;
		default:
			return ISPM_EUSAGE;
		}
	}
	if ((r = cmd_check_nargs(e, argc - optind, &ctx->err)) != 0)
		return r;
	if (words && length)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "gen-password: --words and --length exclude each other");
	strength_policy_default(&pol);
	if (ctx_profile(ctx, &p) == 0)
		pol.min_log10 = p->min_guesses_log10;
	err_clear(&ctx->err);

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
	.usage = "[--words n | --length n] [--count k]",
	.summary = "generate passwords that pass the strength policy",
	.shortopts = "+w:l:c:",
	.longopts = cmd_gen_password_longopts,
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_NO_CONFIG,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_gen_password_exec,
};
