/*
 * passwd: a new password for an existing mailbox, under the same rules as
 * create. Only the password field is sent: sending back the fetched record
 * would make ISPConfig hash the old hash and lock the user out. With
 * --sheet FILE the new password goes to a connection sheet, written before
 * the panel is asked, removed if it refuses and kept if its answer is
 * lost (as in create).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "mailbox.h"
#include "pwinput.h"
#include "sheetopt.h"
#include "strength.h"

static const struct args_option cmd_passwd_options[] = {
	PW_OPTIONS,
	SHEET_OPTIONS,
	{ NULL, 0, 0 }
};

static int
cmd_passwd_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *addr = args_string(args, 0);
	const char *sheet = args_get(args, "sheet");
	struct sheetfile sf;
	enum sheet_format fmt;
	enum pw_source src;
	struct secret *pw = NULL;
	struct mailbox *m = NULL;
	struct json_object *o;
	struct api *api;
	int r;

	if ((r = pw_source(ctx, self->name, args, &src)) != 0 ||
	    (r = sheetopt_check(ctx, self->name, args, "sheet")) != 0 ||
	    (r = sheetopt_format(ctx, args, sheet, &fmt)) != 0)
		return r;
	if ((r = ctx_api(ctx, &api)) != 0)
		goto out;
	/* An unknown mailbox is reported before a password is asked for. */
	if ((r = mbx_get(api, addr, &m, &ctx->err)) != 0)
		goto out;
	pw = secret_new(STRENGTH_MAX_LEN);
	if ((r = pw_obtain(ctx, api, src, addr, m->name, pw)) != 0)
		goto out;
	if (sheet != NULL && (r = sheetopt_write(ctx, sheet, fmt, addr,
	    m->name, pw, &sf)) != 0)
		goto out;
	if ((r = mbx_set_password(api, addr, pw, &ctx->err)) != 0) {
		if (sheet != NULL)
			r = sheetopt_failed(ctx, api, sheet, &sf, r);
		goto out;
	}
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(addr));
	if (sheet != NULL) {
		json_object_object_add(o, "sheet", json_object_new_string(sheet));
		cmd_report(ctx, o, NULL, "password of %s changed; the sheet, "
		    "with the password, is in '%s'", addr, sheet);
	} else
		cmd_report(ctx, o, src == PW_GENERATE ? pw : NULL,
		    "password of %s changed", addr);
	r = 0;
out:
	secret_free(pw);
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_passwd_entry = {
	.name = "passwd",
	.usage = "ADDRESS [--generate | --password-stdin] [--sheet FILE [--format text|pdf|json]]",
	.summary = "set a new password (prompted, from stdin or generated)",
	.args = { cmd_passwd_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_passwd_exec
};
