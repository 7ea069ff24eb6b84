/*
 * help: the list of commands, or one command's usage, options and
 * summary, generated from cmd_table so that it cannot drift from what the
 * commands accept. Works in the shell and one-shot; each lists only the
 * commands it can run.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Width of the "name usage" column before the summary. */
#define CMD_HELP_COLUMN 36

/* Whether e can run where help was asked. */
static int
cmd_help_visible(const struct ispm_ctx *ctx, const struct cmd_entry *e)
{
	if (ctx->in_shell)
		return !(e->flags & CMD_ONESHOT_ONLY);
	return !(e->flags & CMD_SHELL_ONLY);
}

static void
cmd_help_list(struct ispm_ctx *ctx)
{
	const struct cmd_entry *const *e;
	char head[256];

	for (e = cmd_table; *e != NULL; e++) {
		if (!cmd_help_visible(ctx, *e))
			continue;
		snprintf(head, sizeof(head), "%s%s%s", (*e)->name,
		    (*e)->usage[0] != '\0' ? " " : "", (*e)->usage);
		/* A long usage keeps the summary on its own line rather than
		 * pushing it past the column. */
		if (strlen(head) < CMD_HELP_COLUMN)
			fprintf(ctx->out, "  %-*s%s\n", CMD_HELP_COLUMN, head,
			    (*e)->summary);
		else
			fprintf(ctx->out, "  %s\n  %-*s%s\n", head,
			    CMD_HELP_COLUMN, "", (*e)->summary);
	}
	if (!ctx->in_shell)
		fputs("\nGlobal options and the shell: see ispmail --help and "
		    "ispmail(1).\n", ctx->out);
}

/*
 * The value name an option takes, as the usage string spells it
 * ("--quota SIZE" gives SIZE), else VALUE.
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
		for (n = 0; isupper((unsigned char)p[n]) || p[n] == '_'; n++)
			;
		if (n > 0 && n < len) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			return;
		}
	}
	snprintf(buf, len, "VALUE");
}

static void
cmd_help_one(struct ispm_ctx *ctx, const struct cmd_entry *e)
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

static int
cmd_help_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const struct cmd_entry *found;

	if (args_count(args) == 0) {
		cmd_help_list(ctx);
		return 0;
	}
	if ((found = cmd_find(args_string(args, 0), &ctx->err)) == NULL)
		return ISPM_EUSAGE;
	cmd_help_one(ctx, found);
	return 0;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "list the commands, or show one command's usage and options",
	.args = { NULL, 0, 1, ARGS_IN_ORDER },
	.flags = CMD_NO_CONFIG,
	.argtype = CMD_ARG_COMMAND,
	.exec = cmd_help_exec
};
