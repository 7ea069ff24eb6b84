/*
 * The command table and what every command shares: lookup, argument parsing,
 * and the lazily created configuration and API client of the context.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "args.h"
#include "cmd.h"
#include "conf.h"
#include "names.h"
#include "output.h"
#include "secret.h"
#include "xmalloc.h"


/* Kept alphabetical: help lists it in this order and a test checks it. */
const struct cmd_entry *const cmd_table[] = {
	&cmd_alias_entry,
	&cmd_audit_entry,
	&cmd_autoconfig_entry,
	&cmd_check_password_entry,
	&cmd_config_entry,
	&cmd_create_entry,
	&cmd_delete_entry,
	&cmd_disable_entry,
	&cmd_domains_entry,
	&cmd_enable_entry,
	&cmd_forward_entry,
	&cmd_gen_password_entry,
	&cmd_help_entry,
	&cmd_import_entry,
	&cmd_keygen_entry,
	&cmd_list_entry,
	&cmd_passwd_entry,
	&cmd_profile_entry,
	&cmd_quit_entry,
	&cmd_quota_entry,
	&cmd_sheet_entry,
	&cmd_shell_entry,
	&cmd_show_entry,
	&cmd_unseal_entry,
	&cmd_use_entry,
	&cmd_validate_entry,
	NULL
};

/* see cmd.h */
const struct cmd_entry *
cmd_find(const char *name, struct errbuf *eb)
{
	const struct cmd_entry *const *e, *found = NULL;
	size_t len = strlen(name);
	int ambiguous = 0;
	char list[256] = "";

	for (e = cmd_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	for (e = cmd_table; *e != NULL && len > 0; e++) {
		if ((*e)->flags & CMD_NO_PREFIX)
			continue;
		if (strncmp((*e)->name, name, len) != 0)
			continue;
		if (found != NULL)
			ambiguous = 1;
		found = *e;
		if (list[0] != '\0')
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, (*e)->name, sizeof(list) - strlen(list) - 1);
	}
	if (ambiguous) {
		err_set(eb, ISPM_EUSAGE, "ambiguous command '%s': could be %s",
		    name, list);
		return NULL;
	}
	if (found == NULL)
		err_set(eb, ISPM_EUSAGE,
		    "unknown command '%s': see 'ispmail help'", name);
	return found;
}

/* see cmd.h */
const struct cmd_entry *
ctx_find(struct ispm_ctx *ctx, const char *name)
{
	const struct cmd_entry *e;

	e = cmd_find(name, &ctx->err);
	/* Inside the shell the command is "help", not "ispmail help". */
	if (e == NULL && ctx->in_shell &&
	    strncmp(ctx->err.msg, "unknown", 7) == 0)
		err_set(&ctx->err, ISPM_EUSAGE,
		    "unknown command '%s': type 'help'", name);
	return e;
}

/* see cmd.h */
int
cmd_parse(const struct cmd_entry *e, int argc, char **argv,
    struct args **out, struct errbuf *eb)
{
	struct args *a;
	int r, n;

	*out = NULL;
	if ((r = args_parse(&e->args, e->name, argc - 1, argv + 1, &a,
	    eb)) != 0)
		return r;
	if (args_help(a)) {
		*out = a;
		return 0;
	}
	n = args_count(a);
	if (n < e->args.min)
		r = err_set(eb, ISPM_EUSAGE,
		    "%s: missing argument: usage: ispmail %s %s", e->name,
		    e->name, e->usage);
	else if (e->args.max >= 0 && n > e->args.max)
		r = err_set(eb, ISPM_EUSAGE,
		    "%s: too many arguments: usage: ispmail %s %s", e->name,
		    e->name, e->usage);
	if (r != 0) {
		args_free(a);
		return r;
	}
	*out = a;
	return 0;
}

/* see cmd.h */
void
cmd_report(struct ispm_ctx *ctx, struct json_object *o,
    const struct secret *generated, const char *fmt, ...)
{
	struct json_object *pwj = NULL;
	va_list ap;

	if (ctx->json) {
		if (generated != NULL) {
			pwj = json_object_new_string_len(generated->buf,
			    (int)generated->len);
			json_object_object_add(o, "password", pwj);
		}
		out_json(ctx->out, o);
		fflush(ctx->out);
		out_json_wipe(o, pwj);
	} else {
		if (!ctx->quiet) {
			va_start(ap, fmt);
			vfprintf(ctx->out, fmt, ap);
			va_end(ap);
			fputc('\n', ctx->out);
		}
		if (generated != NULL)
			fprintf(ctx->out, "password: %s\n", generated->buf);
		fflush(ctx->out);
	}
	json_object_put(o);
}

/* see cmd.h */
void
cmd_print_usage(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "usage: ispmail %s%s%s\n", e->name,
	    e->usage[0] != '\0' ? " " : "", e->usage);
}

/*
 * Admins type "ispmail list --json" as often as "ispmail --json list": the
 * output options are accepted after the command too, up to a "--".
 */
static void
cmd_strip_global(struct ispm_ctx *ctx, int *argc, char **argv)
{
	int i, j;

	for (i = j = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--json") == 0)
			ctx->json = 1;
		else if (strcmp(argv[i], "--quiet") == 0)
			ctx->quiet = 1;
		else
			argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argc = j;
}

/*
 * Hands the command its address argument as ctx_address() makes it: the
 * shell's domain added to a bare local part, checked, lower-cased.
 */
static int
cmd_resolve(struct ispm_ctx *ctx, const struct cmd_entry *e, struct args *a)
{
	char *addr;
	int r;

	if (e->argtype != CMD_ARG_ADDRESS && e->argtype != CMD_ARG_NEW_ADDRESS)
		return 0;
	if (args_count(a) == 0)
		return 0;
	if ((r = ctx_address(ctx, args_string(a, 0), &addr)) != 0)
		return r;
	args_set_string(a, 0, addr);
	return 0;
}

/*
 * The value name an option takes, as the usage string spells it
 * ("--quota SIZE" gives SIZE, "--format text|pdf" its choices), else
 * VALUE.
 */
static void
cmd_help_argname(const struct cmd_entry *e, const char *opt, char *buf,
    size_t len)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "--%s ", opt);
	if ((p = strstr(e->usage, pat)) != NULL) {
		p += strlen(pat);
		n = strcspn(p, " ]");
		if (n > 0 && n < len) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			return;
		}
	}
	snprintf(buf, len, "VALUE");
}

/* see cmd.h */
void
cmd_help_show(struct ispm_ctx *ctx, const struct cmd_entry *e)
{
	const struct args_option *o;
	char arg[32];

	fprintf(ctx->out, "usage: %s%s%s%s\n", ctx->in_shell ? "" : "ispmail ",
	    e->name, e->usage[0] != '\0' ? " " : "", e->usage);
	fprintf(ctx->out, "%s\n", e->summary);
	if (e->args.options != NULL && e->args.options[0].name != NULL) {
		fputs("options:\n", ctx->out);
		for (o = e->args.options; o->name != NULL; o++) {
			fputs("  ", ctx->out);
			if (o->flag != 0)
				fprintf(ctx->out, "-%c, ", o->flag);
			fprintf(ctx->out, "--%s", o->name);
			if (o->value) {
				cmd_help_argname(e, o->name, arg, sizeof(arg));
				fprintf(ctx->out, " %s", arg);
			}
			fputc('\n', ctx->out);
		}
	}
	if (e->flags & CMD_SECRET_INPUT)
		fputs("The password is asked at a prompt without echo, never "
		    "taken as an argument.\n", ctx->out);
	if (e->flags & CMD_SHELL_ONLY)
		fputs("Only in the interactive shell.\n", ctx->out);
	if (e->flags & CMD_ONESHOT_ONLY)
		fputs("Not available inside the shell.\n", ctx->out);
}

/* see cmd.h */
int
cmd_run(struct ispm_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e;
	struct args *a = NULL;
	char **v;
	int r;

	err_clear(&ctx->err);
	if ((e = ctx_find(ctx, argv[0])) == NULL)
		return ISPM_EUSAGE;
	/* A copy, so that the caller's vector stays whole to be freed. */
	v = xcalloc(argc + 1, sizeof(*v));
	memcpy(v, argv, argc * sizeof(*v));
	cmd_strip_global(ctx, &argc, v);
	/* The help of a command says where it runs, so it is shown
	 * anywhere. */
	if ((r = cmd_parse(e, argc, v, &a, &ctx->err)) == 0 &&
	    args_help(a))
		cmd_help_show(ctx, e);
	else if (r == 0 && (e->flags & CMD_SHELL_ONLY) && !ctx->in_shell)
		r = err_set(&ctx->err, ISPM_EUSAGE,
		    "'%s' only works in the interactive shell", e->name);
	else if (r == 0 && (e->flags & CMD_ONESHOT_ONLY) && ctx->in_shell)
		r = err_set(&ctx->err, ISPM_EUSAGE,
		    "'%s' does not work inside the shell", e->name);
	else if (r == 0 && (r = cmd_resolve(ctx, e, a)) == 0)
		r = e->exec(ctx, e, a);
	args_free(a);
	free(v);
	return r;
}

/* see cmd.h */
int
ctx_profile(struct ispm_ctx *ctx, const struct profile **out)
{
	int r;

	*out = NULL;
	if (ctx->conf == NULL &&
	    (r = conf_load(ctx->conf_path, ctx->errs, &ctx->conf,
	    &ctx->err)) != 0)
		return r;
	if (ctx->profile == NULL) {
		if ((r = conf_profile(ctx->conf, ctx->profile_name,
		    &ctx->profile, &ctx->err)) != 0)
			return r;
	}
	*out = ctx->profile;
	return 0;
}

/* see cmd.h */
int
ctx_profile_optional(struct ispm_ctx *ctx, const struct profile **out)
{
	int r;

	*out = NULL;
	if (ctx->conf == NULL &&
	    (r = conf_load(ctx->conf_path, ctx->errs, &ctx->conf,
	    &ctx->err)) != 0)
		return r;
	if (ctx->conf->path == NULL || (ctx->profile == NULL &&
	    conf_profile_unchosen(ctx->conf, ctx->profile_name)))
		return 0;
	return ctx_profile(ctx, out);
}

static int
ctx_password_cb(void *arg, struct secret *out, struct errbuf *eb)
{
	const struct profile *p = arg;

	if (p->password_command != NULL)
		return secret_from_command(p->password_command, p->timeout,
		    out, eb);
	if (p->password_file != NULL)
		return secret_from_file(p->password_file, out, eb);
	return err_set(eb, ISPM_ECONFIG,
	    "profile '%s' has no password_command or password_file", p->name);
}

/* see cmd.h */
int
ctx_api(struct ispm_ctx *ctx, struct api **out)
{
	const struct profile *p;
	struct api_opts o;
	int r;

	*out = NULL;
	if (ctx->api == NULL) {
		if ((r = ctx_profile(ctx, &p)) != 0)
			return r;
		if ((r = conf_profile_check(p, &ctx->err)) != 0)
			return r;
		memset(&o, 0, sizeof(o));
		o.url = p->url;
		o.user = p->user;
		o.password_cb = ctx_password_cb;
		o.password_arg = (void *)p;
		o.ca_file = p->ca_file;
		o.pinned_pubkey = p->pinned_pubkey;
		o.timeout_ms = p->timeout * 1000;
		o.connect_timeout_ms = p->connect_timeout * 1000;
		o.verbose = ctx->verbose;
		o.cancel = ctx->cancel;
		if ((r = api_new(&o, &ctx->api, &ctx->err)) != 0)
			return r;
	}
	*out = ctx->api;
	return 0;
}

/* see cmd.h */
void
ctx_reset(struct ispm_ctx *ctx)
{
	api_free(ctx->api);
	ctx->api = NULL;
	ctx->profile = NULL;
	free(ctx->domain);
	ctx->domain = NULL;
}

/* see cmd.h */
int
ctx_address(struct ispm_ctx *ctx, const char *arg, char **out)
{
	return names_normalize(arg, ctx->domain, out, &ctx->err);
}

/* see cmd.h */
void
ctx_release(struct ispm_ctx *ctx)
{
	ctx_reset(ctx);
	conf_free(ctx->conf);
	ctx->conf = NULL;
}
