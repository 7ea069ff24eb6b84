/*
 * quit: leaves the shell, as Ctrl-D does. It exists because admins type it
 * by reflex; it has no alias ("exit" is left free for a future command).
 */
#include "config.h"

#include "cmd.h"

static int
cmd_quit_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	return CMD_QUIT;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.usage = "",
	.summary = "leave the shell",
	.args = { NULL, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_SHELL_ONLY | CMD_NO_CONFIG,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_quit_exec
};
