/*
 * delete: removes a mailbox; the server then deletes its maildir. It has no
 * alias and no prefix match, and asks for confirmation on a terminal:
 * scripts must say --yes, so that a stray line in a batch file cannot
 * destroy a customer's mail. While aliases point to the mailbox it
 * refuses, since they would be left taking mail for an address that
 * bounces; --with-aliases deletes them first, and stops at the first one
 * that fails, before the mailbox, saying which are gone.
 */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alias.h"
#include "cmd.h"
#include "compcache.h"
#include "mailbox.h"
#include "xmalloc.h"

static const struct args_option cmd_delete_options[] = {
	{ "with-aliases", 0, 0 },
	{ "yes", 'y', 0 },
	{ NULL, 0, 0 }
};

/* Asks on /dev/tty; only an explicit "y" or "yes" confirms. */
static int
cmd_delete_confirm(struct ispm_ctx *ctx, const char *addr, size_t naliases)
{
	char answer[16] = "";
	FILE *tty;
	int yes;

	if (!isatty(STDIN_FILENO) || (tty = fopen("/dev/tty", "r+")) == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE,
		    "refusing to delete '%s' without confirmation: add --yes",
		    addr);
	if (naliases > 0)
		fprintf(tty, "Delete mailbox %s, its %zu alias%s and all its "
		    "mail? [y/N] ", addr, naliases, naliases == 1 ? "" : "es");
	else
		fprintf(tty, "Delete mailbox %s and all its mail? [y/N] ",
		    addr);
	fflush(tty);
	if (fgets(answer, sizeof(answer), tty) == NULL)
		answer[0] = '\0';
	fclose(tty);
	answer[strcspn(answer, "\r\n")] = '\0';
	yes = strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0;
	if (!yes)
		return err_set(&ctx->err, ISPM_ECANCEL, "'%s' not deleted", addr);
	return 0;
}

/* The sources of v[0..n-1] joined by ", "; owned by the caller. */
static char *
cmd_delete_sources(const struct alias *v, size_t n)
{
	const char **s;
	char *list;
	size_t i;

	s = xcalloc(n + 1, sizeof(*s));
	for (i = 0; i < n; i++)
		s[i] = v[i].source;
	list = alias_join(s, n);
	free(s);
	return list;
}

/*
 * Deletes the n aliases of v, in order, up to the first failure, which
 * is reported with what was deleted before it and the mailbox left alone.
 */
static int
cmd_delete_aliases(struct ispm_ctx *ctx, struct api *api, const char *addr,
    const struct alias *v, size_t n)
{
	struct errbuf eb;
	char *done;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		r = alias_delete(api, ALIAS_ALIAS, v[i].source, &eb);
		/* Gone meanwhile is what was wanted. */
		if (r == 0 || r == ISPM_ENOTFOUND)
			continue;
		if (i == 0)
			return err_set(&ctx->err, r, "deleting alias '%s' "
			    "failed: %s; nothing was deleted", v[i].source,
			    eb.msg);
		done = cmd_delete_sources(v, i);
		r = err_set(&ctx->err, r, "deleting alias '%s' failed: %s; "
		    "deleted before it: %s; mailbox '%s' not deleted",
		    v[i].source, eb.msg, done, addr);
		free(done);
		return r;
	}
	return 0;
}

static int
cmd_delete_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	const char *addr = args_string(args, 0);
	int with = args_has(args, "with-aliases");
	struct json_object *o, *arr;
	struct mailbox *m = NULL;
	struct alias *v = NULL;
	struct errbuf eb;
	struct api *api;
	char *list = NULL;
	size_t i, n = 0;
	int r, known;

	if ((r = ctx_api(ctx, &api)) != 0)
		goto out;
	/* Look it up first so that a typo is "no such mailbox", not a prompt. */
	if ((r = mbx_get(api, addr, &m, &ctx->err)) != 0 ||
	    (r = alias_targeting(api, addr, &v, &n, &known, &ctx->err)) != 0)
		goto out;
	if (with && !known) {
		r = err_set(&ctx->err, ISPM_EPERM, "cannot find the aliases "
		    "of '%s' for --with-aliases: give the remote user the Mail "
		    "alias functions in ISPConfig (System > Remote Users)",
		    addr);
		goto out;
	}
	list = cmd_delete_sources(v, n);
	if (n > 0 && !with) {
		r = err_set(&ctx->err, ISPM_EDATA, "aliases point to mailbox "
		    "'%s' (%s): delete them first, or add --with-aliases",
		    addr, list);
		goto out;
	}
	if (!args_has(args, "yes") &&
	    (r = cmd_delete_confirm(ctx, addr, n)) != 0)
		goto out;
	if ((r = cmd_delete_aliases(ctx, api, addr, v, n)) != 0)
		goto out;
	if ((r = mbx_delete(api, addr, &eb)) != 0) {
		if (n > 0)
			r = err_set(&ctx->err, r, "%s; its aliases were "
			    "deleted: %s", eb.msg, list);
		else
			r = err_set(&ctx->err, r, "%s", eb.msg);
		goto out;
	}
	(void)compcache_note(ctx->profile->name, "mailbox", addr, 0);
	for (i = 0; i < n; i++)
		(void)compcache_note(ctx->profile->name, "alias",
		    v[i].source, 0);
	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(addr));
	json_object_object_add(o, "deleted", json_object_new_boolean(1));
	if (with) {
		arr = json_object_new_array();
		for (i = 0; i < n; i++)
			json_object_array_add(arr,
			    json_object_new_string(v[i].source));
		json_object_object_add(o, "aliases_deleted", arr);
	}
	if (n > 0)
		cmd_report(ctx, o, NULL, "deleted %s and its alias%s %s", addr,
		    n == 1 ? "" : "es", list);
	else
		cmd_report(ctx, o, NULL, "deleted %s", addr);
	r = 0;
out:
	free(list);
	aliases_free(v, n);
	mailbox_free(m);
	return r;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.usage = "ADDRESS [--yes] [--with-aliases]",
	.summary = "delete a mailbox and its mail (asks first)",
	.args = { cmd_delete_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API | CMD_MUTATES | CMD_NO_PREFIX,
	.argtype = CMD_ARG_ADDRESS,
	.exec = cmd_delete_exec
};
