/*
 * validate ADDRESS...: checks addresses against the provider's name rules
 * offline, one verdict a line, so that a list of addresses to migrate can
 * be vetted before any of them costs an API call. It needs no config and
 * changes nothing, hence no confirmation; it exits 65 when any address
 * fails so that scripts can test it.
 *
 * In the shell, a bare local part is checked in the current domain, as
 * the mailbox commands would take it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "names.h"
#include "output.h"
#include "xmalloc.h"

static int
cmd_validate_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	struct json_object *arr = NULL, *o;
	struct names_verdict v;
	struct errbuf eb;
	const char *arg;
	char *addr;
	int i, n = args_count(args), nbad = 0;

	if (ctx->json)
		arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		arg = args_string(args, i);
		if (strchr(arg, '@') == NULL && ctx->domain != NULL)
			addr = xasprintf("%s@%s", arg, ctx->domain);
		else
			addr = xstrdup(arg);
		err_clear(&eb);
		if (names_check(addr, &v, &eb) != 0)
			nbad++;
		if (arr != NULL) {
			o = json_object_new_object();
			json_object_object_add(o, "address",
			    json_object_new_string(addr));
			json_object_object_add(o, "valid",
			    json_object_new_boolean(v.rule == NAMES_OK));
			if (v.rule != NAMES_OK) {
				json_object_object_add(o, "rule",
				    json_object_new_string(
				    names_rule_name(v.rule)));
				json_object_object_add(o, "position",
				    json_object_new_int64((int64_t)v.pos));
				json_object_object_add(o, "reason",
				    json_object_new_string(eb.msg));
			}
			json_object_array_add(arr, o);
		} else {
			/* The address as typed, made safe for a terminal; the
			 * reason escapes control characters itself. */
			out_safe(ctx->out, arg);
			if (v.rule == NAMES_OK)
				fputs("\tok\n", ctx->out);
			else
				fprintf(ctx->out, "\tinvalid: %s\n", eb.msg);
		}
		free(addr);
	}
	if (arr != NULL) {
		out_json(ctx->out, arr);
		json_object_put(arr);
	}
	if (nbad > 0)
		return err_set(&ctx->err, ISPM_EDATA, "%d of %d address%s "
		    "invalid", nbad, n, n == 1 ? "" : "es");
	return 0;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "address ...",
	.summary = "check addresses against the name rules, offline",
	/* No options, so that "-x@example.com" is checked, not parsed;
	 * a leading "--" is still skipped for scripts that always pass it. */
	.args = { NULL, 1, -1, ARGS_LITERAL },
	.flags = CMD_NO_CONFIG,
	.argtype = CMD_ARG_ADDRESS_TEXT,
	.exec = cmd_validate_exec
};
