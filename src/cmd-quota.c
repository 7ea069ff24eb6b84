/*
 * quota: sets a mailbox's quota; ISPConfig stores bytes with 0 meaning
 * unlimited, so sizes are converted here and "unlimited" is spelt out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "mailbox.h"
#include "output.h"

static int
cmd_quota_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *addr = args_string(args, 0);
	unsigned long long bytes;
	struct json_object *o;
	struct api *api;
	char size[32];
	int r;

	if ((r = mbx_parse_size(args_string(args, 1), &bytes,
	    &ctx->err)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_set_quota(api, addr, bytes, &ctx->err)) != 0)
		return r;
	out_size(size, sizeof(size), bytes);
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(addr));
	json_object_object_add(o, "quota_bytes", json_object_new_uint64(bytes));
	cmd_report(ctx, o, NULL, "quota of %s set to %s", addr, size);
	return 0;
}

const struct cmd_entry cmd_quota_entry = {
	.name = "quota",
	.usage = "ADDRESS SIZE",
	.summary = "set the quota: bytes, 500M, 2G or unlimited",
	.args = { NULL, 2, 2, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_quota_exec
};
