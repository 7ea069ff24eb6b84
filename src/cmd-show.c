/*
 * show: one mailbox, addressed by e-mail address. The password hash that
 * ISPConfig returns is never shown: it is as good as the password to an
 * offline attacker.
 */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "mailbox.h"
#include "mbxout.h"
#include "output.h"

static int
cmd_show_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct mailbox *m = NULL;
	struct json_object *o;
	struct api *api;
	int r;

	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_get(api, args_string(args, 0), &m, &ctx->err)) != 0)
		goto out;
	if (ctx->json) {
		o = mbxout_json(m);
		out_json(ctx->out, o);
		json_object_put(o);
	} else
		mbxout_text(ctx->out, m);
	r = 0;
out:
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "ADDRESS",
	.summary = "show one mailbox (never its password hash)",
	.args = { NULL, 1, 1, 0 },
	.flags = CMD_NEEDS_API,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_show_exec
};
