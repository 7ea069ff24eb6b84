/*
 * help: the list of commands, or one command's usage, options and
 * summary, generated from cmd_table so that it cannot drift from what the
 * commands accept. Works in the shell and one-shot; each lists only the
 * commands it can run.
 */
#include "config.h"

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
	cmd_help_show(ctx, found);
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
