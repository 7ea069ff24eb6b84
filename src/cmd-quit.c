/*
 * quit: leaves the shell, as Ctrl-D does. It exists because admins type it
 * by reflex; it has no alias ("exit" is left free for a future command).
 */
#include "config.h"

#include "cmd.h"
#include "shell.h"

static int
cmd_quit_exec(struct ispm_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e = &cmd_quit_entry;
	int r, c;

	while ((c = cmd_nextopt(e, argc, argv, &ctx->err)) != -1)
		if (c == '?')
			return ISPM_EUSAGE;
	if ((r = cmd_check_nargs(e, argc - optind, &ctx->err)) != 0)
		return r;
	return SHELL_QUIT;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.usage = "",
	.summary = "leave the shell",
	.shortopts = "+",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_SHELL_ONLY | CMD_NO_CONFIG,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_quit_exec
};
