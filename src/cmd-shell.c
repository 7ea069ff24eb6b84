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

static const struct option cmd_shell_longopts[] = {
	{ "batch", required_argument, NULL, 'b' },
	{ "keep-going", no_argument, NULL, 'k' },
	{ NULL, 0, NULL, 0 }
};

static int
cmd_shell_exec(struct ispm_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e = &cmd_shell_entry;
	const char *file = NULL;
	FILE *fp = NULL;
	int r, c;

	while ((c = cmd_nextopt(e, argc, argv, &ctx->err)) != -1) {
		switch (c) {
		case 'b':
			file = optarg;
			break;
		case 'k':
			ctx->keep_going = 1;
			break;
		default:
			return ISPM_EUSAGE;
		}
	}
	if ((r = cmd_check_nargs(e, argc - optind, &ctx->err)) != 0)
		return r;
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
	.shortopts = "+b:k",
	.longopts = cmd_shell_longopts,
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_ONESHOT_ONLY | CMD_NO_CONFIG,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_shell_exec
};
