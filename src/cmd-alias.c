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

#include "aliascmd.h"
#include "cmd.h"

static int
cmd_alias_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	return aliascmd_run(ctx, self->name, ALIAS_ALIAS, args);
}

static const struct cmd_sub cmd_alias_subs[] = {
	{ "add", CMD_ARG_NEW_ADDRESS, CMD_ARG_ADDRESS },
	{ "delete", CMD_ARG_ALIAS, CMD_ARG_NONE },
	{ "list", CMD_ARG_DOMAIN, CMD_ARG_NONE },
	{ NULL, CMD_ARG_NONE, CMD_ARG_NONE }
};

const struct cmd_entry cmd_alias_entry = {
	.name = "alias",
	.usage = "add ALIAS TARGET | list [DOMAIN] | delete ALIAS",
	.summary = "add, list or delete the aliases of mailboxes",
	.args = { NULL, 1, 3, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_NO_PREFIX,
	.argtype = CMD_ARG_WORD,
	.subs = cmd_alias_subs,
	.exec = cmd_alias_exec
};
