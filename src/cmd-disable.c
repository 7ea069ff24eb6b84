/*
 * disable and enable: ISPConfig has no "active" flag on a mailbox, so
 * disabling sets the eight fields the web UI sets for its IMAP, POP3, SMTP
 * and delivery boxes to 'y' together (no login, managesieve included, no
 * sending, no delivery to the inbox) and enabling clears them. postfix
 * stays as it is so that mail addressed to a disabled mailbox is refused by
 * the delivery flag rather than bounced as an unknown user. The mailbox is
 * read back afterwards: a panel whose remote API drops the sieve, LDA and
 * LMTP columns (ISPConfig 3.2.12) leaves it "mixed", and the user is told,
 * because a "disabled" mailbox that still logs in to managesieve is not
 * what was asked for. Both commands live in one file because they are one
 * operation with two directions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "mailbox.h"

static int
cmd_disable_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	int disable = self == &cmd_disable_entry;
	const char *addr = args_string(args, 0);
	struct json_object *o;
	struct mailbox *m = NULL;
	struct api *api;
	const char *state;
	int r;

	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_set_disabled(api, addr, disable, &ctx->err)) != 0 ||
	    (r = mbx_get(api, addr, &m, &ctx->err)) != 0)
		goto out;
	state = mbx_state(m);
	if (strcmp(state, "mixed") == 0)
		fprintf(ctx->errs, "ispmail: %s: '%s' is %s, but the panel "
		    "left sieve, LDA or LMTP %s (its remote API does not "
		    "write them): save the mailbox once in the web interface\n",
		    self->name, addr, disable ? "disabled" : "enabled",
		    disable ? "on" : "off");
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(addr));
	json_object_object_add(o, "state", json_object_new_string(state));
	cmd_report(ctx, o, NULL, "%s %s", disable ? "disabled" : "enabled",
	    addr);
	r = 0;
out:
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_disable_entry = {
	.name = "disable",
	.usage = "ADDRESS",
	.summary = "turn off IMAP, sieve, POP3, SMTP and delivery of a mailbox",
	.args = { NULL, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_disable_exec
};

const struct cmd_entry cmd_enable_entry = {
	.name = "enable",
	.usage = "ADDRESS",
	.summary = "turn IMAP, sieve, POP3, SMTP and delivery back on",
	.args = { NULL, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_disable_exec
};
