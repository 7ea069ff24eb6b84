/*
 * sheet: the connection sheet of an existing mailbox, to hand to its
 * owner: the address, the servers, the webmails, the rules, and a blank
 * where the password goes (ispmail never knows an existing password; the
 * sheets of create and passwd --sheet carry the new one). The display
 * name is the mailbox's name on the panel. Read-only, so no confirmation.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "mailbox.h"
#include "sheet.h"
#include "sheetfile.h"
#include "sheetopt.h"

static const struct args_option cmd_sheet_options[] = {
	{ "format", 0, 1 },
	{ "out", 'o', 1 },
	{ NULL, 0, 0 }
};

static int
cmd_sheet_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *path = args_get(args, "out");
	struct mailbox *m = NULL;
	struct sheet s = { 0 };
	struct sheetfile sf;
	enum sheet_format f;
	struct api *api;
	int r;

	if ((r = sheetopt_format(ctx, args, path, &f)) != 0)
		return r;
	if (f == SHEET_PDF && path == NULL && isatty(fileno(ctx->out)))
		return err_set(&ctx->err, ISPM_EUSAGE, "sheet: will not "
		    "write a PDF to a terminal: add --out FILE");
	if ((r = sheetopt_settings(ctx, &s)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_get(api, args_string(args, 0), &m, &ctx->err)) != 0)
		goto out;
	s.address = m->email;
	s.name = m->name;
	if (path != NULL) {
		if ((r = sheetfile_write(AT_FDCWD, path, &s, f, &sf,
		    &ctx->err)) == 0 && !ctx->quiet)
			fprintf(ctx->errs, "ispmail: sheet of %s written to "
			    "'%s'\n", m->email, path);
	} else
		r = sheet_write(&s, f, ctx->out, &ctx->err);
out:
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_sheet_entry = {
	.name = "sheet",
	.usage = "ADDRESS [--format text|pdf|json] [--out FILE]",
	.summary = "print the connection sheet to hand to a mailbox's owner",
	.args = { cmd_sheet_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_sheet_exec
};
