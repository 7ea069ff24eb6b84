/*
 * alias add ALIAS TARGET | alias list [DOMAIN] | alias delete ALIAS: the
 * addresses whose mail a mailbox also receives. Every address passes the
 * mailbox name rules before any network call; add then makes the web
 * interface's checks (the domain is the panel's, nothing holds the address
 * yet, the target is a mailbox), which the API does not. No confirmation:
 * deleting an alias loses no mail already delivered, and no prefix match,
 * since the command deletes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "aliasout.h"
#include "cmd.h"
#include "names.h"

static int
cmd_alias_add(struct ispm_ctx *ctx, const struct args *args)
{
	struct json_object *o, *d;
	struct api *api;
	char *src = NULL, *dst = NULL;
	int r;

	if (args_count(args) != 3)
		return err_set(&ctx->err, ISPM_EUSAGE, "alias add: usage: "
		    "ispmail alias add ALIAS TARGET");
	if ((r = ctx_address(ctx, args_string(args, 1), &src)) != 0 ||
	    (r = ctx_address(ctx, args_string(args, 2), &dst)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0)
		goto out;
	if ((r = alias_add(api, ALIAS_ALIAS, src, (const char *const *)&dst,
	    1, 0, NULL, &ctx->err)) != 0)
		goto out;
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(src));
	json_object_object_add(o, "type", json_object_new_string("alias"));
	d = json_object_new_array();
	json_object_array_add(d, json_object_new_string(dst));
	json_object_object_add(o, "destinations", d);
	json_object_object_add(o, "active", json_object_new_boolean(1));
	cmd_report(ctx, o, NULL, "added alias %s -> %s", src, dst);
 out:
	free(src);
	free(dst);
	return r;
}

static int
cmd_alias_list(struct ispm_ctx *ctx, const struct args *args)
{
	struct alias *v = NULL;
	const char *domain;
	struct api *api;
	size_t n = 0;
	int r;

	if (args_count(args) > 2)
		return err_set(&ctx->err, ISPM_EUSAGE, "alias list: usage: "
		    "ispmail alias list [DOMAIN]");
	if ((domain = args_string(args, 1)) == NULL)
		domain = ctx->domain;
	if (domain != NULL &&
	    (r = names_check_domain(domain, &ctx->err)) != 0)
		return r;
	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = alias_list(api, ALIAS_ALIAS, domain, NULL, &v, &n,
	    &ctx->err)) != 0)
		return r;
	aliasout_list(ctx->out, v, n, ctx->json, !ctx->quiet, "TARGET");
	aliases_free(v, n);
	return 0;
}

static int
cmd_alias_delete(struct ispm_ctx *ctx, const struct args *args)
{
	struct json_object *o;
	struct api *api;
	char *src = NULL;
	int r;

	if (args_count(args) != 2)
		return err_set(&ctx->err, ISPM_EUSAGE, "alias delete: usage: "
		    "ispmail alias delete ALIAS");
	if ((r = ctx_address(ctx, args_string(args, 1), &src)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0 ||
	    (r = alias_delete(api, ALIAS_ALIAS, src, &ctx->err)) != 0)
		goto out;
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(src));
	json_object_object_add(o, "deleted", json_object_new_boolean(1));
	cmd_report(ctx, o, NULL, "deleted alias %s", src);
 out:
	free(src);
	return r;
}

static int
cmd_alias_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *sub = args_string(args, 0);

	if (strcmp(sub, "add") == 0)
		return cmd_alias_add(ctx, args);
	if (strcmp(sub, "list") == 0)
		return cmd_alias_list(ctx, args);
	if (strcmp(sub, "delete") == 0)
		return cmd_alias_delete(ctx, args);
	return err_set(&ctx->err, ISPM_EUSAGE, "alias: unknown subcommand "
	    "'%.64s': use 'add', 'list' or 'delete'", sub);
}

const struct cmd_entry cmd_alias_entry = {
	.name = "alias",
	.usage = "add ALIAS TARGET | list [DOMAIN] | delete ALIAS",
	.summary = "add, list or delete the aliases of mailboxes",
	.args = { NULL, 1, 3, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_NO_PREFIX,
	.argtype = CMD_ARG_WORD,
	.exec = cmd_alias_exec
};
