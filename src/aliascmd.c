/*
 * add, list and delete for aliases and forwards.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aliascmd.h"
#include "aliasout.h"
#include "compcache.h"
#include "names.h"
#include "output.h"
#include "xmalloc.h"

static int
aliascmd_usage(struct ispm_ctx *ctx, const char *name, const char *sub,
    const char *usage)
{
	return err_set(&ctx->err, ISPM_EUSAGE, "%s %s: usage: ispmail %s %s "
	    "%s", name, sub, name, sub, usage);
}

static int
aliascmd_add(struct ispm_ctx *ctx, const char *name, enum alias_kind kind,
    const struct args *args)
{
	struct alias a;
	struct api *api;
	char *src = NULL, **dst = NULL, *list = NULL;
	size_t i, n = 0;
	int r;

	if (kind == ALIAS_ALIAS && args_count(args) != 3)
		return aliascmd_usage(ctx, name, "add", "ALIAS TARGET");
	if (args_count(args) < 3)
		return aliascmd_usage(ctx, name, "add", "SOURCE DEST...");
	dst = xcalloc((size_t)args_count(args), sizeof(*dst));
	if ((r = ctx_address(ctx, args_string(args, 1), &src)) != 0)
		goto out;
	for (n = 0; n < (size_t)args_count(args) - 2; n++)
		if ((r = ctx_address(ctx, args_string(args, (int)n + 2),
		    &dst[n])) != 0)
			goto out;
	if ((r = alias_check_dests((const char *const *)dst, n,
	    &ctx->err)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0 ||
	    (r = alias_add(api, kind, src, (const char *const *)dst, n,
	    NULL, &ctx->err)) != 0)
		goto out;
	(void)compcache_note(ctx->profile->name, alias_kind_name(kind), src,
	    1);
	list = alias_join((const char *const *)dst, n);
	memset(&a, 0, sizeof(a));
	a.kind = kind;
	a.source = src;
	a.dest = dst;
	a.ndest = n;
	a.active = 1;
	cmd_report(ctx, aliasout_json(&a), NULL, "added %s %s -> %s", name,
	    src, list);
 out:
	free(list);
	free(src);
	for (i = 0; i < n; i++)
		free(dst[i]);
	free(dst);
	return r;
}

/* What was listed, for bash completion (see compcache.h). */
static void
aliascmd_cache(struct ispm_ctx *ctx, enum alias_kind kind, const char *domain,
    const struct alias *v, size_t n)
{
	const char **names;
	size_t i;

	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = v[i].source;
	(void)compcache_addresses(ctx->profile->name, alias_kind_name(kind),
	    domain, names, n);
	free(names);
}

static int
aliascmd_list(struct ispm_ctx *ctx, const char *name, enum alias_kind kind,
    const struct args *args)
{
	struct alias *v = NULL;
	const char *domain;
	struct api *api;
	size_t n = 0;
	int r;

	if (args_count(args) > 2)
		return aliascmd_usage(ctx, name, "list", "[DOMAIN]");
	if ((domain = args_string(args, 1)) == NULL)
		domain = ctx->domain;
	if (domain != NULL &&
	    (r = names_check_domain(domain, &ctx->err)) != 0)
		return r;
	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = alias_list(api, kind, domain, NULL, &v, &n, &ctx->err)) != 0)
		return r;
	aliascmd_cache(ctx, kind, domain, v, n);
	aliasout_list(ctx->out, v, n, ctx->json, !ctx->quiet,
	    kind == ALIAS_ALIAS ? "TARGET" : "DESTINATIONS");
	aliases_free(v, n);
	return 0;
}

static int
aliascmd_delete(struct ispm_ctx *ctx, const char *name, enum alias_kind kind,
    const struct args *args)
{
	struct json_object *o;
	struct api *api;
	char *src = NULL;
	int r;

	if (args_count(args) != 2)
		return aliascmd_usage(ctx, name, "delete",
		    kind == ALIAS_ALIAS ? "ALIAS" : "SOURCE");
	if ((r = ctx_address(ctx, args_string(args, 1), &src)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0 ||
	    (r = alias_delete(api, kind, src, &ctx->err)) != 0)
		goto out;
	(void)compcache_note(ctx->profile->name, alias_kind_name(kind), src,
	    0);
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(src));
	json_object_object_add(o, "deleted", json_object_new_boolean(1));
	cmd_report(ctx, o, NULL, "deleted %s %s", name, src);
 out:
	free(src);
	return r;
}

/* see aliascmd.h */
int
aliascmd_run(struct ispm_ctx *ctx, const char *name, enum alias_kind kind,
    const struct args *args)
{
	const char *sub = args_string(args, 0);

	if (strcmp(sub, "add") == 0)
		return aliascmd_add(ctx, name, kind, args);
	if (strcmp(sub, "list") == 0)
		return aliascmd_list(ctx, name, kind, args);
	if (strcmp(sub, "delete") == 0)
		return aliascmd_delete(ctx, name, kind, args);
	return err_set(&ctx->err, ISPM_EUSAGE, "%s: unknown subcommand "
	    "'%.64s': use 'add', 'list' or 'delete'", name, sub);
}
