/*
 * check-password: judges a password as create and passwd would, without
 * touching the panel: the verdict, log10 of the guesses an informed
 * attacker needs, how long that takes online and offline, and the weakest
 * part. --batch vets a list, one verdict a line, for migrations. It needs
 * no config (the profile only raises the threshold and adds the
 * organisation as a context word) and changes nothing, so it has no
 * confirmation. Exit 0 when strong, 65 when any is weak.
 *
 * The password never comes from the command line: a no-echo prompt on the
 * terminal, or stdin. Batch input is read with read(2) into sodium memory,
 * never through stdio's buffers.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sodium.h>

#include "cmd.h"
#include "conf.h"
#include "output.h"
#include "secret.h"
#include "strength.h"

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
		while (r < 0 && errno == EINTR);
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

static struct json_object *
cmd_check_password_json(const struct strength_result *res,
    const struct strength_policy *pol)
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
	return o;
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
		snprintf(res->reason, sizeof(res->reason), "%s",
		    pol->lang == STRENGTH_LANG_FR ? "pas de l'UTF-8 valide" :
		    "not valid UTF-8");
		return 0;
	}
	if (r != 0)
		return err_set(&ctx->err, r, "%s", eb.msg);
	return 0;
}

static int
cmd_check_password_batch(struct ispm_ctx *ctx, int tsv, int json,
    const char **context, size_t nbase, const struct strength_policy *pol)
{
	struct cmd_check_password_in in;
	struct json_object *arr = NULL;
	struct strength_result res;
	struct secret *line;
	char out[512], *tab, *tab2;
	size_t n;
	int r, nweak = 0;

	memset(&in, 0, sizeof(in));
	in.buf = secret_new(CMD_CHECK_PASSWORD_CHUNK);
	line = secret_new(SECRET_MAX);
	if (json)
		arr = json_object_new_array();
	while ((r = cmd_check_password_line(&in, line, &ctx->err)) == 1) {
		n = nbase;
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
		if (arr != NULL)
			json_object_array_add(arr,
			    cmd_check_password_json(&res, pol));
		else {
			if ((r = strength_format_batch(&res, out,
			    sizeof(out))) != 0) {
				err_set(&ctx->err, r, "result line too long");
				break;
			}
			fprintf(ctx->out, "%s\n", out);
		}
	}
	if (arr != NULL) {
		if (r == 0)
			out_json(ctx->out, arr);
		json_object_put(arr);
	}
	secret_free(line);
	secret_free(in.buf);
	if (r < 0)
		return r;
	return nweak > 0 ? ISPM_EWEAK : 0;
}

static int
cmd_check_password_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const struct profile *p;
	struct strength_policy pol;
	struct strength_result res;
	struct secret *pw = NULL;
	const char *context[8], *name, *value;
	size_t n = 0;
	int i = 0, r, json, batch, tsv;

	strength_policy_default(&pol);
	json = ctx->json || args_has(args, "json");
	batch = args_has(args, "batch");
	tsv = args_has(args, "tsv");
	/* The context words in the order given; the first four count. */
	while (args_next(args, &i, &name, &value))
		if (value != NULL && n < 4)
			context[n++] = value;
	if (tsv && !batch)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "check-password: --tsv needs --batch");
	/* Works without a config file: the profile only refines. */
	if (ctx_profile(ctx, &p) == 0) {
		pol.min_log10 = p->min_guesses_log10;
		if (p->organisation != NULL)
			context[n++] = p->organisation;
	}
	err_clear(&ctx->err);

	if (batch)
		return cmd_check_password_batch(ctx, tsv, json, context, n,
		    &pol);
	pw = secret_new(SECRET_MAX);
	if (isatty(STDIN_FILENO))
		r = secret_read_tty(pol.lang == STRENGTH_LANG_FR ?
		    "Mot de passe : " : "Password: ", pw, &ctx->err);
	else
		r = secret_read_fd(STDIN_FILENO, pw, &ctx->err);
	if (r == 0)
		r = cmd_check_password_one(ctx, pw, context, n, &pol, &res);
	secret_free(pw);
	if (r != 0)
		return r;
	if (json) {
		struct json_object *o = cmd_check_password_json(&res, &pol);

		out_json(ctx->out, o);
		json_object_put(o);
	} else
		cmd_check_password_print(ctx, &res, &pol);
	return res.strong ? 0 : ISPM_EWEAK;
}

const struct cmd_entry cmd_check_password_entry = {
	.name = "check-password",
	.usage = "[--for address] [--name text] [--json] [--batch [--tsv]]",
	.summary = "judge a password's strength, offline",
	.args = { cmd_check_password_options, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_NO_CONFIG | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_check_password_exec,
};
