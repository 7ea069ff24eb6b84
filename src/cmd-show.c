/*
 * show: one mailbox, addressed by e-mail address, and the aliases whose
 * mail it receives. The password hash that ISPConfig returns is never
 * shown: it is as good as the password to an offline attacker.
 */
#include "config.h"

#include <stdlib.h>

#include "alias.h"
#include "cmd.h"
#include "mailbox.h"
#include "mbxout.h"
#include "output.h"

static int
cmd_show_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *addr = args_string(args, 0);
	struct json_object *o, *arr;
	struct mailbox *m = NULL;
	struct alias *v = NULL;
	struct api *api;
	size_t i, n = 0;
	int r, known;

	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_get(api, addr, &m, &ctx->err)) != 0 ||
	    (r = alias_targeting(api, addr, &v, &n, &known, &ctx->err)) != 0)
		goto out;
	if (ctx->json) {
		o = mbxout_json(m);
		if (known) {
			arr = json_object_new_array();
			for (i = 0; i < n; i++)
				json_object_array_add(arr,
				    json_object_new_string(v[i].source));
			json_object_object_add(o, "aliases", arr);
		}
		out_json(ctx->out, o);
		json_object_put(o);
	} else {
		mbxout_text(ctx->out, m);
		if (known) {
			fprintf(ctx->out, "%-10s ", "aliases:");
			for (i = 0; i < n; i++) {
				if (i > 0)
					fputs(", ", ctx->out);
				out_safe(ctx->out, v[i].source);
			}
			fputs(n == 0 ? "none\n" : "\n", ctx->out);
		}
	}
	r = 0;
out:
	aliases_free(v, n);
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "ADDRESS",
	.summary = "show one mailbox and its aliases (never its password hash)",
	.args = { NULL, 1, 1, 0 },
	.flags = CMD_NEEDS_API,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_show_exec
};
