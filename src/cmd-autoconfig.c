/*
 * autoconfig: the file that lets mail clients set themselves up for a
 * domain from the profile's mail client settings, so that a user types an
 * address and a password and nothing else: Mozilla's config-v1.1.xml
 * (the default), Outlook's Autodiscover response, or an Apple
 * .mobileconfig for one mailbox. The domain (or the mailbox) must be on
 * the profile's panel: a file for a domain the panel does not host would
 * send its users to the wrong server. The document is built in memory,
 * so a refused value leaves no file behind; with --out it replaces FILE
 * whole, never through a symbolic link.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoconfig.h"
#include "cmd.h"
#include "mailbox.h"
#include "names.h"
#include "safefile.h"
#include "xmalloc.h"

static const struct args_option cmd_autoconfig_options[] = {
	{ "format", 'f', 1 },
	{ "out", 'o', 1 },
	{ NULL, 0, 0 }
};

/*
 * Checks the argument, a domain or an address, against the name rules
 * and the panel. Fills *domain (lower case) and *address (NULL for a
 * domain), owned by the caller.
 */
static int
cmd_autoconfig_target(struct ispm_ctx *ctx, const char *arg, char **domain,
    char **address)
{
	struct mail_domain *md = NULL;
	struct mailbox *m = NULL;
	struct api *api;
	char *p;
	int r;

	*domain = *address = NULL;
	if (strchr(arg, '@') != NULL) {
		if ((r = names_normalize(arg, NULL, address, &ctx->err)) != 0)
			return r;
		*domain = xstrdup(strchr(*address, '@') + 1);
	} else {
		*domain = xstrdup(arg);
		for (p = *domain; *p != '\0'; p++)
			*p = tolower((unsigned char)*p);
		if ((r = names_check_domain(*domain, &ctx->err)) != 0)
			goto out;
	}
	if ((r = ctx_api(ctx, &api)) != 0 ||
	    (r = mbx_domain_get(api, *domain, &md, &ctx->err)) != 0)
		goto out;
	if (*address != NULL &&
	    (r = mbx_get(api, *address, &m, &ctx->err)) != 0)
		goto out;
	r = 0;
 out:
	mail_domain_free(md);
	mailbox_free(m);
	if (r != 0) {
		free(*domain);
		free(*address);
		*domain = *address = NULL;
	}
	return r;
}

static int
cmd_autoconfig_exec(struct ispm_ctx *ctx, const struct cmd_entry *self,
    const struct args *args)
{
	enum autoconfig_format f = AUTOCONFIG_MOZILLA;
	struct autoconfig_input in;
	const struct profile *p;
	const char *name = args_get(args, "format"), *path = args_get(args,
	    "out"), *why;
	char *domain = NULL, *address = NULL, *doc = NULL;
	size_t len = 0;
	FILE *mem;
	int r;

	if (name != NULL && autoconfig_format(name, &f) != 0)
		return err_set(&ctx->err, ISPM_EUSAGE, "autoconfig: unknown "
		    "format '%s': %s", name, autoconfig_formats);
	if (ctx->json)
		return err_set(&ctx->err, ISPM_EUSAGE, "autoconfig: the "
		    "files are XML; --json does not apply");
	if (path != NULL && *path == '\0')
		return err_set(&ctx->err, ISPM_EUSAGE, "autoconfig: --out "
		    "needs a file name");
	if ((r = ctx_profile(ctx, &p)) != 0)
		return r;
	if (p->client.imap_host == NULL || p->client.smtp_host == NULL)
		return err_set(&ctx->err, ISPM_ECONFIG, "profile '%s' names "
		    "no mail server: set mail_host (or url)", p->name);
	if ((r = cmd_autoconfig_target(ctx, args_string(args, 0), &domain,
	    &address)) != 0)
		return r;
	in.domain = domain;
	in.address = address;
	in.organisation = p->organisation;
	in.client = &p->client;
	mem = open_memstream(&doc, &len);
	if (mem == NULL) {
		r = err_set(&ctx->err, ISPM_EINTERNAL, "out of memory");
		goto out;
	}
	r = autoconfig_write(mem, f, &in, &ctx->err);
	fclose(mem);
	if (r != 0)
		goto out;
	if (path == NULL) {
		fwrite(doc, 1, len, ctx->out);
		goto out;
	}
	/* No secret in it: readable by the web server that publishes it. */
	if (safefile_write(path, doc, len, 0644, &why) != 0) {
		r = err_set(&ctx->err, ISPM_EIO, "autoconfig: cannot write "
		    "'%s': %s", path, why);
		goto out;
	}
	if (!ctx->quiet)
		fprintf(ctx->out, "wrote %s\n", path);
 out:
	free(doc);
	free(domain);
	free(address);
	return r;
}

const struct cmd_entry cmd_autoconfig_entry = {
	.name = "autoconfig",
	.usage = "DOMAIN|ADDRESS [--format mozilla|autodiscover|mobileconfig] "
	    "[--out FILE]",
	.summary = "write a mail client autoconfiguration file for a domain",
	.args = { cmd_autoconfig_options, 1, 1, 0 },
	.flags = CMD_NEEDS_API,
	.argtype = CMD_ARG_DOMAIN,
	.exec = cmd_autoconfig_exec
};
