/*
 * delete: removes a mailbox; the server then deletes its maildir. It has no
 * alias and no prefix match, and asks for confirmation on a terminal:
 * scripts must say --yes, so that a stray line in a batch file cannot
 * destroy a customer's mail.
 */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "mailbox.h"

static const struct args_option cmd_delete_options[] = {
	{ "yes", 'y', 0 },
	{ NULL, 0, 0 }
};

/* Asks on /dev/tty; only an explicit "y" or "yes" confirms. */
static int
cmd_delete_confirm(struct ispm_ctx *ctx, const char *addr)
{
	char answer[16] = "";
	FILE *tty;
	int yes;

	if (!isatty(STDIN_FILENO) || (tty = fopen("/dev/tty", "r+")) == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "refusing to delete '%s' without confirmation: add --yes",
		    addr);
	fprintf(tty, "Delete mailbox %s and all its mail? [y/N] ", addr);
	fflush(tty);
	if (fgets(answer, sizeof(answer), tty) == NULL)
		answer[0] = '\0';
	fclose(tty);
	answer[strcspn(answer, "\r\n")] = '\0';
	yes = strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0;
	if (!yes)
		return err_set(&ctx->err, ISPM_ECANCEL, "'%s' not deleted", addr);
	return 0;
}

static int
cmd_delete_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *addr = args_string(args, 0);
	struct mailbox *m = NULL;
	struct json_object *o;
	struct api *api;
	int r;

	if ((r = ctx_api(ctx, &api)) != 0)
		goto out;
	/* Look it up first so that a typo is "no such mailbox", not a prompt. */
	if ((r = mbx_get(api, addr, &m, &ctx->err)) != 0)
		goto out;
	if (!args_has(args, "yes") && (r = cmd_delete_confirm(ctx, addr)) != 0)
		goto out;
	if ((r = mbx_delete(api, addr, &ctx->err)) != 0)
		goto out;
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(addr));
	json_object_object_add(o, "deleted", json_object_new_boolean(1));
	cmd_report(ctx, o, NULL, "deleted %s", addr);
	r = 0;
out:
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.usage = "ADDRESS [--yes]",
	.summary = "delete a mailbox and its mail (asks first)",
	.args = { cmd_delete_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_NO_PREFIX,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_delete_exec
};
