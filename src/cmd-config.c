/*
 * config check | config show: the configuration as ispmail reads it,
 * without contacting any panel (as doas -C and sshd -t do), so that an
 * admin can test an edited file before the next cron run uses it.
 *
 * "check" always reads the file again, even inside the shell, because the
 * point is to test the file as it is now on disk; it lists every parse
 * error and then what each profile still lacks (url, user, a password
 * source, a readable ca_file, a 0600 password_file). "show" prints the
 * settings in use with the password command masked. Neither changes
 * anything, so neither needs a confirmation.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "conf.h"
#include "output.h"

static const struct args_option cmd_config_options[] = {
	{ "all", 'a', 0 },
	{ NULL, 0, 0 }
};

/* Adds key: string to o when v is set. */
static void
cmd_config_json_str(struct json_object *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, key, json_object_new_string(v));
}

/* The mail client settings in effect, under their keywords' names. */
static void
cmd_config_json_client(struct json_object *o, const struct mailclient *c)
{
	struct json_object *arr, *w;
	size_t i;

	cmd_config_json_str(o, "imap_host", c->imap_host);
	cmd_config_json_str(o, "smtp_host", c->smtp_host);
	json_object_object_add(o, "imap_port",
	    json_object_new_int64(c->imap_port));
	json_object_object_add(o, "pop3_port",
	    json_object_new_int64(c->pop3_port));
	json_object_object_add(o, "smtp_port",
	    json_object_new_int64(c->smtp_port));
	cmd_config_json_str(o, "smtp_security",
	    c->smtp_starttls ? "starttls" : "ssl");
	arr = json_object_new_array();
	for (i = 0; i < c->nwebmail; i++) {
		w = json_object_new_object();
		cmd_config_json_str(w, "name", c->webmail[i].name);
		cmd_config_json_str(w, "url", c->webmail[i].url);
		json_object_array_add(arr, w);
	}
	json_object_object_add(o, "webmail", arr);
	cmd_config_json_str(o, "support", c->support);
	cmd_config_json_str(o, "sheet_lang", c->lang);
}

/* One profile as a JSON object; the password command is masked. */
static struct json_object *
cmd_config_json(const struct profile *p)
{
	struct json_object *o = json_object_new_object();

	cmd_config_json_str(o, "profile", p->name);
	cmd_config_json_str(o, "url", p->url);
	cmd_config_json_str(o, "user", p->user);
	if (p->password_command != NULL)
		cmd_config_json_str(o, "password_command", "********");
	cmd_config_json_str(o, "password_file", p->password_file);
	cmd_config_json_str(o, "ca_file", p->ca_file);
	cmd_config_json_str(o, "pinned_pubkey", p->pinned_pubkey);
	json_object_object_add(o, "timeout", json_object_new_int64(p->timeout));
	json_object_object_add(o, "connect_timeout",
	    json_object_new_int64(p->connect_timeout));
	json_object_object_add(o, "min_guesses_log10",
	    json_object_new_double(p->min_guesses_log10));
	cmd_config_json_str(o, "organisation", p->organisation);
	cmd_config_json_str(o, "seal_to", p->seal_to);
	cmd_config_json_str(o, "journal", p->journal);
	if (p->budget > 0)
		json_object_object_add(o, "budget",
		    json_object_new_double(p->budget));
	cmd_config_json_client(o, &p->client);
	return o;
}

static int
cmd_config_check(struct ispm_ctx *ctx)
{
	struct config *cfg = NULL;
	const struct profile *p;
	struct errbuf eb;
	const char *env;
	size_t i;
	int r, nerr = 0;

	if ((r = conf_load(ctx->conf_path, ctx->errs, &cfg, &ctx->err)) != 0)
		return r;
	if (cfg->path == NULL) {
		r = conf_profile(cfg, NULL, &p, &ctx->err);
		conf_free(cfg);
		return r;
	}
	for (i = 0; i < cfg->nprofiles; i++) {
		if (conf_profile_check(cfg->profiles[i], &eb) == 0)
			continue;
		fprintf(ctx->errs, "%s: ", cfg->path);
		out_safe(ctx->errs, eb.msg);
		fputc('\n', ctx->errs);
		nerr++;
	}
	/* A profile named by -p or $ISPMAIL_PROFILE must exist; several
	 * profiles with none chosen is fine until a command needs one. */
	env = getenv("ISPMAIL_PROFILE");
	if (cfg->nprofiles == 0 || ((ctx->profile_name != NULL ||
	    (env != NULL && env[0] != '\0')) &&
	    conf_profile(cfg, ctx->profile_name, &p, &eb) != 0)) {
		if (cfg->nprofiles == 0)
			conf_profile(cfg, NULL, &p, &eb);
		/* These messages name the file already. */
		out_safe(ctx->errs, eb.msg);
		fputc('\n', ctx->errs);
		nerr++;
	}
	if (nerr > 0)
		r = err_set(&ctx->err, ISPM_ECONFIG, "%d error%s in %s", nerr,
		    nerr == 1 ? "" : "s", cfg->path);
	else {
		fprintf(ctx->out, "ok\n");
		r = 0;
	}
	conf_free(cfg);
	return r;
}

static int
cmd_config_show(struct ispm_ctx *ctx, int all)
{
	struct config *own = NULL;
	const struct config *cfg = ctx->conf;
	const struct profile *p = ctx->profile;
	struct json_object *arr;
	size_t i;
	int r;

	/* Inside the shell, show what the session uses. */
	if (cfg == NULL) {
		if ((r = conf_load(ctx->conf_path, ctx->errs, &own,
		    &ctx->err)) != 0)
			return r;
		cfg = own;
	}
	if (!all && p == NULL &&
	    (r = conf_profile(cfg, ctx->profile_name, &p, &ctx->err)) != 0)
		goto out;
	if (all && cfg->path == NULL) {
		r = conf_profile(cfg, NULL, &p, &ctx->err);
		goto out;
	}
	if (ctx->json) {
		arr = json_object_new_array();
		if (all)
			for (i = 0; i < cfg->nprofiles; i++)
				json_object_array_add(arr,
				    cmd_config_json(cfg->profiles[i]));
		else
			json_object_array_add(arr, cmd_config_json(p));
		out_json(ctx->out, arr);
		json_object_put(arr);
	} else
		conf_show(cfg, all ? NULL : p, ctx->out);
	r = 0;
 out:
	conf_free(own);
	return r;
}

static int
cmd_config_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *sub = args_string(args, 0);
	int all = args_has(args, "all");

	if (strcmp(sub, "check") == 0) {
		if (all)
			return err_set(&ctx->err, ISPM_EUSAGE, "config check: "
			    "-a is for 'config show'; check always checks "
			    "every profile");
		return cmd_config_check(ctx);
	}
	if (strcmp(sub, "show") == 0)
		return cmd_config_show(ctx, all);
	return err_set(&ctx->err, ISPM_EUSAGE, "config: unknown subcommand "
	    "'%.64s': use 'check' or 'show'", sub);
}

static const struct cmd_sub cmd_config_subs[] = {
	{ "check", CMD_ARG_NONE, CMD_ARG_NONE },
	{ "show", CMD_ARG_NONE, CMD_ARG_NONE },
	{ NULL, CMD_ARG_NONE, CMD_ARG_NONE }
};

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "check | show [-a]",
	.summary = "check or show the configuration, without any network call",
	.args = { cmd_config_options, 1, 1, 0 },
	.flags = 0,
	.argtype = CMD_ARG_WORD,
	.subs = cmd_config_subs,
	.exec = cmd_config_exec
};
