/*
 * create: a new mailbox, addressed by its e-mail address. The name rules
 * are checked before any network call, the domain must exist on the panel,
 * the password must pass the strength policy with the mailbox's own words
 * as context, and every field the web UI would fill is filled (mailbox.c).
 * A generated password is shown exactly once: on the terminal, in the
 * --json result, or with --sheet FILE in the connection sheet only, never
 * anywhere it could end up in a log. The sheet is written before the
 * panel is asked, so that a sheet that cannot be written leaves no
 * mailbox whose password nobody has; it is removed if the panel refuses,
 * and kept if the answer is lost, for the mailbox may then exist.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compcache.h"
#include "mailbox.h"
#include "mbxout.h"
#include "names.h"
#include "output.h"
#include "pwinput.h"
#include "sheetopt.h"
#include "strength.h"

static const struct args_option cmd_create_options[] = {
	{ "name", 0, 1 },
	{ "quota", 0, 1 },
	PW_OPTIONS,
	SHEET_OPTIONS,
	{ NULL, 0, 0 }
};

static int
cmd_create_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *addr = args_string(args, 0);
	const char *sheet = args_get(args, "sheet");
	struct sheetfile sf;
	enum sheet_format fmt;
	struct json_object *o;
	enum pw_source src;
	struct mail_domain *dom = NULL;
	struct secret *pw = NULL;
	struct mailbox *m = NULL;
	struct mbx_spec spec = { NULL, NULL, 0 };
	struct api *api;
	const char *quota = args_get(args, "quota");
	int r;

	if ((r = pw_source(ctx, self->name, args, &src)) != 0 ||
	    (r = sheetopt_check(ctx, self->name, args, "sheet")) != 0 ||
	    (r = sheetopt_format(ctx, args, sheet, &fmt)) != 0)
		return r;
	spec.name = args_get(args, "name");
	spec.email = addr;
	if (quota != NULL &&
	    (r = mbx_parse_size(quota, &spec.quota, &ctx->err)) != 0)
		goto out;
	if ((r = ctx_api(ctx, &api)) != 0)
		goto out;
	/* Refuse an unknown domain before asking for a password. */
	if ((r = mbx_domain_get(api, strchr(addr, '@') + 1, &dom,
	    &ctx->err)) != 0)
		goto out;
	pw = secret_new(STRENGTH_MAX_LEN);
	if ((r = pw_obtain(ctx, api, src, addr, spec.name, pw)) != 0)
		goto out;
	if (sheet != NULL && (r = sheetopt_write(ctx, sheet, fmt, addr,
	    spec.name, pw, &sf)) != 0)
		goto out;
	if ((r = mbx_create(api, &spec, pw, &m, &ctx->err)) != 0) {
		if (sheet != NULL)
			r = sheetopt_failed(ctx, api, sheet, &sf, r);
		goto out;
	}
	(void)compcache_note(ctx->profile->name, "mailbox", m->email, 1);
	o = mbxout_json(m);
	if (sheet != NULL) {
		json_object_object_add(o, "sheet", json_object_new_string(sheet));
		cmd_report(ctx, o, NULL, "created %s; its sheet, with the "
		    "password, is in '%s'", addr, sheet);
	} else
		cmd_report(ctx, o, src == PW_GENERATE ? pw : NULL,
		    "created %s", addr);
	r = 0;
out:
	secret_free(pw);
	mailbox_free(m);
	mail_domain_free(dom);
	return r;
}

const struct cmd_entry cmd_create_entry = {
	.name = "create",
	.usage = "ADDRESS [--name TEXT] [--quota SIZE] [--generate | --password-stdin] [--sheet FILE [--format text|pdf|json]]",
	.summary = "create a mailbox with a strong password",
	.args = { cmd_create_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_NEW_ADDRESS,
	.exec = cmd_create_exec
};
