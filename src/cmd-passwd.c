/*
 * passwd: a new password for an existing mailbox, under the same rules as
 * create. Only the password field is sent: sending back the fetched record
 * would make ISPConfig hash the old hash and lock the user out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "mailbox.h"
#include "pwinput.h"
#include "strength.h"

static const struct option cmd_passwd_longopts[] = {
	PW_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static int
cmd_passwd_exec(struct ispm_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e = &cmd_passwd_entry;
	enum pw_source src = PW_PROMPT;
	struct secret *pw = NULL;
	struct mailbox *m = NULL;
	struct json_object *o;
	struct api *api;
	char *addr = NULL;
	int r, c, nsrc = 0;

	while ((c = cmd_nextopt(e, argc, argv, &ctx->err)) != -1)
		if (!pw_source_option(c, &src, &nsrc))
			return ISPM_EUSAGE;
	if ((r = cmd_check_nargs(e, argc - optind, &ctx->err)) != 0)
		return r;
	if ((r = pw_source_check(ctx, e->name, src, nsrc)) != 0)
		return r;
	if ((r = ctx_address(ctx, argv[optind], &addr)) != 0)
		return r;
	if ((r = ctx_api(ctx, &api)) != 0)
		goto out;
	/* An unknown mailbox is reported before a password is asked for. */
	if ((r = mbx_get(api, addr, &m, &ctx->err)) != 0)
		goto out;
	pw = secret_new(STRENGTH_MAX_LEN);
	if ((r = pw_obtain(ctx, api, src, addr, m->name, pw)) != 0 ||
	    (r = mbx_set_password(api, addr, pw, &ctx->err)) != 0)
		goto out;
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(addr));
	cmd_report(ctx, o, src == PW_GENERATE ? pw : NULL,
	    "password of %s changed", addr);
	r = 0;
out:
	secret_free(pw);
	mailbox_free(m);
	free(addr);
	return r;
}

const struct cmd_entry cmd_passwd_entry = {
	.name = "passwd",
	.usage = "ADDRESS [--generate | --password-stdin]",
	.summary = "set a new password (prompted, from stdin or generated)",
	.shortopts = "",
	.longopts = cmd_passwd_longopts,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_SECRET_INPUT,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_passwd_exec
};
