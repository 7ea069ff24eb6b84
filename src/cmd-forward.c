/*
 * forward add SOURCE DEST... | forward list [DOMAIN] | forward delete
 * SOURCE: addresses whose mail goes on to one or more addresses, on this
 * panel or anywhere (a departed employee's address to a colleague). Every
 * address passes the mailbox name rules before any network call; add then
 * makes the web interface's checks (the domain is the panel's, nothing
 * holds the source yet), which the API does not. No confirmation and no
 * prefix match, as for alias.
 */
#include "config.h"

#include "aliascmd.h"
#include "cmd.h"

static int
cmd_forward_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	return aliascmd_run(ctx, self->name, ALIAS_FORWARD, args);
}

/* Destinations complete as the panel's mailboxes (a colleague's, most
 * often); an address elsewhere is typed. */
static const struct cmd_sub cmd_forward_subs[] = {
	{ "add", CMD_ARG_NEW_ADDRESS, CMD_ARG_ADDRESS },
	{ "delete", CMD_ARG_FORWARD, CMD_ARG_NONE },
	{ "list", CMD_ARG_DOMAIN, CMD_ARG_NONE },
	{ NULL, CMD_ARG_NONE, CMD_ARG_NONE }
};

const struct cmd_entry cmd_forward_entry = {
	.name = "forward",
	.usage = "add SOURCE DEST ... | list [DOMAIN] | delete SOURCE",
	.summary = "add, list or delete forwards to other addresses",
	.args = { NULL, 1, -1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_NO_PREFIX,
	.argtype = CMD_ARG_WORD,
	.subs = cmd_forward_subs,
	.exec = cmd_forward_exec
};
