/*
 * use: sets the shell's current domain, so that bare local parts name its
 * mailboxes ("create jean.dupont") and list defaults to it; "use" alone
 * clears it. The domain must exist on the panel: a typo is caught here,
 * not at the next create.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>

#include "cmd.h"
#include "mailbox.h"
#include "names.h"
#include "xmalloc.h"

static int
cmd_use_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct mail_domain *md = NULL;
	struct api *api;
	char *domain = NULL, *p;
	int r;

	if (args_count(args) == 0) {
		free(ctx->domain);
		ctx->domain = NULL;
		return 0;
	}
	domain = xstrdup(args_string(args, 0));
	for (p = domain; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	if ((r = names_check_domain(domain, &ctx->err)) != 0 ||
	    (r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_domain_get(api, domain, &md, &ctx->err)) != 0)
		goto out;
	free(ctx->domain);
	ctx->domain = domain;
	domain = NULL;
	r = 0;
 out:
	mail_domain_free(md);
	free(domain);
	return r;
}

const struct cmd_entry cmd_use_entry = {
	.name = "use",
	.usage = "[DOMAIN]",
	.summary = "set the current domain for bare local parts (none: clear)",
	.args = { NULL, 0, 1, ARGS_IN_ORDER },
	.flags = CMD_SHELL_ONLY | CMD_NEEDS_API,
	.argtype = CMD_ARG_DOMAIN,
	.exec = cmd_use_exec
};
