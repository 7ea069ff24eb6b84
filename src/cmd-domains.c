/*
 * domains: the panel's mail domains with their owner client and server, so
 * that an admin sees where a mailbox can be created.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "compcache.h"
#include "mailbox.h"
#include "output.h"

static int
cmd_domains_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct mail_domain *v = NULL;
	struct json_object *arr, *o;
	struct api *api;
	size_t i, n = 0;
	int r;

	if ((r = ctx_api(ctx, &api)) != 0)
		return r;
	if ((r = mbx_domains(api, &v, &n, &ctx->err)) != 0)
		return r;
	/* What bash completion offers; a failure to write it is no error. */
	(void)compcache_domains(ctx->profile->name, v, n);
	if (ctx->json) {
		arr = json_object_new_array();
		for (i = 0; i < n; i++) {
			o = json_object_new_object();
			json_object_object_add(o, "domain",
			    json_object_new_string(v[i].domain));
			json_object_object_add(o, "client_id",
			    json_object_new_int64(v[i].client_id));
			json_object_object_add(o, "server_id",
			    json_object_new_int64(v[i].server_id));
			json_object_object_add(o, "active",
			    json_object_new_boolean(v[i].active));
			json_object_array_add(arr, o);
		}
		out_json(ctx->out, arr);
		json_object_put(arr);
	} else {
		if (!ctx->quiet)
			fprintf(ctx->out, "%-40s %6s %6s  %s\n", "DOMAIN",
			    "CLIENT", "SERVER", "STATE");
		for (i = 0; i < n; i++) {
			char *d = out_sanitize(v[i].domain);

			fprintf(ctx->out, "%-40s %6ld %6ld  %s\n", d,
			    v[i].client_id, v[i].server_id,
			    v[i].active ? "active" : "inactive");
			free(d);
		}
	}
	mail_domains_free(v, n);
	return 0;
}

const struct cmd_entry cmd_domains_entry = {
	.name = "domains",
	.usage = "",
	.summary = "list the mail domains with owner client and server",
	.args = { NULL, 0, 0, 0 },
	.flags = CMD_NEEDS_API,
	.argtype = CMD_ARG_NONE,
	.exec = cmd_domains_exec
};
