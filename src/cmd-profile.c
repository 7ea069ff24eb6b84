/*
 * profile: switches the shell to another panel. The old session is logged
 * out and the current domain dropped (it belongs to the old panel); the
 * next command logs in to the new one. A profile that cannot work (unknown,
 * or missing its url or password source) is refused before anything is
 * dropped, so a typo does not lose the session.
 */
#include "config.h"

#include "cmd.h"
#include "conf.h"

static int
cmd_profile_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const struct profile *p;
	int r;

	if (ctx->conf == NULL &&
	    (r = conf_load(ctx->conf_path, ctx->errs, &ctx->conf,
	    &ctx->err)) != 0)
		return r;
	if ((r = conf_profile(ctx->conf, args_string(args, 0), &p, &ctx->err)) != 0 ||
	    (r = conf_profile_check(p, &ctx->err)) != 0)
		return r;
	ctx_reset(ctx);
	/* Borrowed from ctx->conf, which lives as long as the context. */
	ctx->profile_name = p->name;
	ctx->profile = p;
	return 0;
}

const struct cmd_entry cmd_profile_entry = {
	.name = "profile",
	.usage = "NAME",
	.summary = "switch to another panel (log out, forget the domain)",
	.args = { NULL, 1, 1, ARGS_IN_ORDER },
	.flags = CMD_SHELL_ONLY,
	.argtype = CMD_ARG_PROFILE,
	.exec = cmd_profile_exec
};
