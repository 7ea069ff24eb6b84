/*
 * The sub-commands that alias and forward share (add, list, delete), for
 * one kind of mail_forwarding row each: the same argument checks, the
 * same name rules before any network call, the same printed results.
 * cmd-alias.c and cmd-forward.c only choose the kind.
 */
#ifndef ISPMAIL_ALIASCMD_H
#define ISPMAIL_ALIASCMD_H

#include "alias.h"
#include "cmd.h"

/*
 * Runs the sub-command named by args' first word ("add", "list" or
 * "delete") of command name for rows of kind (ALIAS_ALIAS or
 * ALIAS_FORWARD); the words after it are its arguments: "add SOURCE
 * DEST..." (one DEST for an alias), "list [DOMAIN]", "delete SOURCE".
 * Returns 0 or an ISPM_E* code with ctx->err set: ISPM_EUSAGE for a bad
 * sub-command or count, the codes of names.h and alias.h otherwise.
 */
int	aliascmd_run(struct ispm_ctx *ctx, const char *name,
	    enum alias_kind kind, const struct args *args);

#endif
