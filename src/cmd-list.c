/*
 * list: the mailboxes of one domain (or of the whole panel) with their
 * name, quota and state; never their password hashes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "compcache.h"
#include "mailbox.h"
#include "mbxout.h"
#include "names.h"
#include "output.h"
#include "xmalloc.h"

static int
cmd_list_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct mailbox *v = NULL;
	struct json_object *arr;
	const char *domain;
	struct api *api;
	char size[32], *name, *addr;
	size_t i, n = 0;
	int r;

	if ((domain = args_string(args, 0)) == NULL)
		domain = ctx->domain;
	if (domain != NULL &&
	    (r = names_check_domain(domain, &ctx->err)) != 0)
		return r;
	if ((r = ctx_api(ctx, &api)) != 0)
		return r;
	if ((r = mbx_list(api, domain, 0, &v, &n, &ctx->err)) != 0)
		return r;
	/* What bash completion offers; a failure to write it is no error. */
	(void)compcache_mailboxes(ctx->profile->name, domain, v, n);
	if (ctx->json) {
		arr = json_object_new_array();
		for (i = 0; i < n; i++)
			json_object_array_add(arr, mbxout_json(&v[i]));
		out_json(ctx->out, arr);
		json_object_put(arr);
	} else {
		if (!ctx->quiet)
			fprintf(ctx->out, "%-40s %-24s %10s  %s\n", "ADDRESS",
			    "NAME", "QUOTA", "STATE");
		for (i = 0; i < n; i++) {
			out_size(size, sizeof(size), v[i].quota);
			addr = out_sanitize(v[i].email);
			name = out_sanitize(v[i].name != NULL ? v[i].name : "");
			fprintf(ctx->out, "%-40s %-24s %10s  %s\n", addr, name,
			    size, mbx_state(&v[i]));
			free(addr);
			free(name);
		}
	}
	mailboxes_free(v, n);
	return 0;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "[DOMAIN]",
	.summary = "list mailboxes: address, name, quota, state",
	.args = { NULL, 0, 1, 0 },
	.flags = CMD_NEEDS_API,
	.argtype = CMD_ARG_DOMAIN,
	.exec = cmd_list_exec
};
