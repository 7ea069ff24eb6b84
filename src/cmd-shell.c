/*
 * shell: the interactive admin shell, or with -b FILE (or commands on
 * stdin) a batch run that stops at the first failure unless --keep-going.
 * Not available inside the shell itself: one level is enough.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "shell.h"

static const struct args_option cmd_shell_options[] = {
	{ "batch", 'b', 1 },
	{ "keep-going", 'k', 0 },
	{ NULL, 0, 0 }
};

static int
cmd_shell_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *file = args_get(args, "batch");
	FILE *fp = NULL;
	int r;

	if (args_has(args, "keep-going"))
		ctx->keep_going = 1;
	if (file != NULL && strcmp(file, "-") == 0)
		fp = stdin;
	else if (file != NULL && (fp = fopen(file, "re")) == NULL)
		return err_set(&ctx->err, ISPM_ENOINPUT, "cannot open '%s': %s",
		    file, strerror(errno));
	r = shell_run(ctx, fp);
	if (fp != NULL && fp != stdin)
		fclose(fp);
	return r;
}

const struct cmd_entry cmd_shell_entry = {
	.name = "shell",
	.usage = "[-b FILE] [--keep-going]",
	.summary = "interactive shell; with -b or piped input, run commands",
	.args = { cmd_shell_options, 0, 0, ARGS_IN_ORDER },
	.flags = CMD_ONESHOT_ONLY | CMD_NO_CONFIG,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_shell_exec
};
