/*
 * Tab completion for the shell, from the command table (sftp's model) and
 * from a per-session cache of the panel's domains and mailboxes, which it
 * also hands to bash completion through the completion cache.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "alias.h"
#include "argv.h"
#include "cmd.h"
#include "compcache.h"
#include "complete.h"
#include "mailbox.h"
#include "xmalloc.h"

/* The mailboxes of one domain, or of the whole panel when domain is NULL. */
struct complete_mbx {
	char	*domain;
	char	**addrs;	/* NULL-terminated */
};

/* A growing NULL-terminated vector of candidates. */
struct complete_vec {
	char	**v;
	size_t	 n;
};

static struct ispm_ctx *complete_ctx;
static char **complete_domains;		/* NULL until fetched */
static struct complete_mbx *complete_mbxs;
static size_t complete_nmbxs;
/* The sources of the panel's aliases and forwards, NULL until fetched. */
static char **complete_aliases, **complete_forwards;

/* What complete_generator() hands to readline, one at a time. */
static char **complete_cands;
static size_t complete_next;

/* see complete.h */
void
complete_invalidate(void)
{
	size_t i;

	argv_free(complete_domains);
	complete_domains = NULL;
	for (i = 0; i < complete_nmbxs; i++) {
		free(complete_mbxs[i].domain);
		argv_free(complete_mbxs[i].addrs);
	}
	free(complete_mbxs);
	complete_mbxs = NULL;
	complete_nmbxs = 0;
	argv_free(complete_aliases);
	complete_aliases = NULL;
	argv_free(complete_forwards);
	complete_forwards = NULL;
}

/* see complete.h */
void
complete_free(void)
{
	complete_invalidate();
	argv_free(complete_cands);
	complete_cands = NULL;
	complete_ctx = NULL;
}

/* Adds a copy of s when it starts with prefix. */
static void
complete_add(struct complete_vec *c, const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		return;
	c->v = xreallocarray(c->v, c->n + 2, sizeof(*c->v));
	c->v[c->n++] = xstrdup(s);
	c->v[c->n] = NULL;
}

/*
 * The panel's domains, fetched once. Errors are dropped on purpose: a
 * message would garble the line being edited, and an empty answer
 * (readline rings the bell) says enough. Returns NULL on failure.
 */
static char **
complete_get_domains(struct ispm_ctx *ctx)
{
	struct mail_domain *v = NULL;
	struct errbuf eb;
	struct api *api;
	size_t i, n = 0;

	if (complete_domains != NULL)
		return complete_domains;
	if (ctx_api(ctx, &api) != 0 ||
	    mbx_domains(api, &v, &n, &eb) != 0)
		return NULL;
	(void)compcache_domains(ctx->profile->name, v, n);
	complete_domains = xcalloc(n + 1, sizeof(*complete_domains));
	for (i = 0; i < n; i++)
		complete_domains[i] = xstrdup(v[i].domain);
	mail_domains_free(v, n);
	return complete_domains;
}

/* The addresses of domain (NULL: all), fetched once. NULL on failure. */
static char **
complete_get_mailboxes(struct ispm_ctx *ctx, const char *domain)
{
	struct complete_mbx *m;
	struct mailbox *v = NULL;
	struct errbuf eb;
	struct api *api;
	size_t i, n = 0;

	for (i = 0; i < complete_nmbxs; i++) {
		m = &complete_mbxs[i];
		if (m->domain == NULL ? domain == NULL :
		    domain != NULL && strcmp(m->domain, domain) == 0)
			return m->addrs;
	}
	if (ctx_api(ctx, &api) != 0 ||
	    mbx_list(api, domain, 0, &v, &n, &eb) != 0)
		return NULL;
	(void)compcache_mailboxes(ctx->profile->name, domain, v, n);
	complete_mbxs = xreallocarray(complete_mbxs, complete_nmbxs + 1,
	    sizeof(*complete_mbxs));
	m = &complete_mbxs[complete_nmbxs++];
	m->domain = domain != NULL ? xstrdup(domain) : NULL;
	m->addrs = xcalloc(n + 1, sizeof(*m->addrs));
	for (i = 0; i < n; i++)
		m->addrs[i] = xstrdup(v[i].email);
	mailboxes_free(v, n);
	return m->addrs;
}

/* The sources of the panel's rows of kind, fetched once. NULL on failure. */
static char **
complete_get_sources(struct ispm_ctx *ctx, enum alias_kind kind)
{
	char ***cache = kind == ALIAS_ALIAS ? &complete_aliases :
	    &complete_forwards;
	struct alias *v = NULL;
	struct errbuf eb;
	struct api *api;
	size_t i, n = 0;

	if (*cache != NULL)
		return *cache;
	if (ctx_api(ctx, &api) != 0 ||
	    alias_list(api, kind, NULL, NULL, &v, &n, &eb) != 0)
		return NULL;
	*cache = xcalloc(n + 1, sizeof(**cache));
	for (i = 0; i < n; i++)
		(*cache)[i] = xstrdup(v[i].source);
	aliases_free(v, n);
	(void)compcache_addresses(ctx->profile->name, alias_kind_name(kind),
	    NULL, (const char *const *)*cache, n);
	return *cache;
}

/* The sub-command of e named name, or NULL. */
static const struct cmd_sub *
complete_sub(const struct cmd_entry *e, const char *name)
{
	const struct cmd_sub *s;

	for (s = e->subs; s != NULL && s->name != NULL; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

/*
 * What the word after argv[0..argc-1] is: the command's argument type for
 * its first positional argument (or every one when it takes any number),
 * nothing for an option's value or a later argument.
 */
static enum cmd_argtype
complete_argtype(const struct cmd_entry *e, int argc, char **argv)
{
	const struct cmd_sub *sub = NULL;
	int i, pos = 0, optsdone = (e->args.flags & ARGS_LITERAL) != 0;

	for (i = 1; i < argc; i++) {
		if (!optsdone && strcmp(argv[i], "--") == 0) {
			optsdone = 1;
			continue;
		}
		if (!optsdone && argv[i][0] == '-' && argv[i][1] != '\0') {
			if (args_takes_value(&e->args, argv[i]) && ++i == argc)
				return CMD_ARG_NONE;
			continue;
		}
		if (e->args.flags & ARGS_IN_ORDER)
			optsdone = 1;
		if (pos++ == 0 && e->subs != NULL &&
		    (sub = complete_sub(e, argv[i])) == NULL)
			return CMD_ARG_NONE;
	}
	/* After a sub-command's name, its own arguments. */
	if (sub != NULL)
		return pos == 1 ? sub->first : sub->rest;
	if (pos == 0 || e->args.max == -1)
		return e->argtype;
	return CMD_ARG_NONE;
}

static void
complete_commands(struct complete_vec *c, const char *text)
{
	const struct cmd_entry *const *e;

	for (e = cmd_table; *e != NULL; e++)
		if (!((*e)->flags & CMD_ONESHOT_ONLY))
			complete_add(c, (*e)->name, text);
}

static void
complete_options(struct complete_vec *c, const struct cmd_entry *e,
    const char *text)
{
	const struct args_option *o;
	char *s;

	if (e->args.flags & ARGS_LITERAL)
		return;
	for (o = e->args.options; o != NULL && o->name != NULL; o++) {
		s = xasprintf("--%s", o->name);
		complete_add(c, s, text);
		free(s);
	}
	complete_add(c, "--help", text);
}

/*
 * An address: after "local@", the domains and then that domain's
 * mailboxes; after "use DOMAIN", the local parts of its mailboxes (the
 * commands accept them bare); otherwise every address of the panel.
 */
static void
complete_addresses(struct ispm_ctx *ctx, struct complete_vec *c,
    const char *text, int existing, int *nospace)
{
	const char *at, *dom;
	char **v, *s;
	size_t i;

	if ((at = strchr(text, '@')) != NULL) {
		dom = at + 1;
		if ((v = complete_get_domains(ctx)) == NULL)
			return;
		for (i = 0; v[i] != NULL; i++)
			if (existing && strcmp(v[i], dom) == 0)
				break;
		if (v[i] != NULL) {
			if ((v = complete_get_mailboxes(ctx, dom)) == NULL)
				return;
			for (i = 0; v[i] != NULL; i++)
				complete_add(c, v[i], text);
			return;
		}
		for (i = 0; v[i] != NULL; i++) {
			s = xasprintf("%.*s@%s", (int)(at - text), text, v[i]);
			complete_add(c, s, text);
			free(s);
		}
		/* An existing mailbox is still to be picked in the domain. */
		*nospace = existing;
		return;
	}
	if (!existing)
		return;
	if (ctx->domain != NULL) {
		if ((v = complete_get_mailboxes(ctx, ctx->domain)) == NULL)
			return;
		for (i = 0; v[i] != NULL; i++) {
			s = xstrndup(v[i], strcspn(v[i], "@"));
			complete_add(c, s, text);
			free(s);
		}
		return;
	}
	if ((v = complete_get_mailboxes(ctx, NULL)) == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		complete_add(c, v[i], text);
}

/* see complete.h */
char **
complete_candidates(struct ispm_ctx *ctx, const char *line, int start,
    const char *text, int *filenames, int *nospace)
{
	const struct cmd_entry *e;
	struct complete_vec c = { NULL, 0 };
	char *head, **argv = NULL, **v;
	enum cmd_argtype t;
	int argc;
	size_t i;

	*filenames = *nospace = 0;
	head = xstrndup(line, start);
	if (argv_split(head, &argc, &argv, NULL) != 0)
		goto out;
	if (argc == 0) {
		complete_commands(&c, text);
		goto out;
	}
	if ((e = cmd_find(argv[0], NULL)) == NULL)
		goto out;
	if (text[0] == '-') {
		complete_options(&c, e, text);
		goto out;
	}
	switch ((t = complete_argtype(e, argc, argv))) {
	case CMD_ARG_ADDRESS:
		complete_addresses(ctx, &c, text, 1, nospace);
		break;
	case CMD_ARG_NEW_ADDRESS:
	case CMD_ARG_ADDRESS_TEXT:
		complete_addresses(ctx, &c, text, 0, nospace);
		break;
	case CMD_ARG_DOMAIN:
		if ((v = complete_get_domains(ctx)) != NULL)
			for (i = 0; v[i] != NULL; i++)
				complete_add(&c, v[i], text);
		break;
	case CMD_ARG_PROFILE:
		for (i = 0; ctx->conf != NULL && i < ctx->conf->nprofiles; i++)
			complete_add(&c, ctx->conf->profiles[i]->name, text);
		break;
	case CMD_ARG_COMMAND:
		complete_commands(&c, text);
		break;
	case CMD_ARG_FILE:
		*filenames = 1;
		break;
	case CMD_ARG_WORD:
		for (i = 0; e->subs != NULL && e->subs[i].name != NULL; i++)
			complete_add(&c, e->subs[i].name, text);
		break;
	case CMD_ARG_ALIAS:
	case CMD_ARG_FORWARD:
		if ((v = complete_get_sources(ctx, t == CMD_ARG_ALIAS ?
		    ALIAS_ALIAS : ALIAS_FORWARD)) != NULL)
			for (i = 0; v[i] != NULL; i++)
				complete_add(&c, v[i], text);
		break;
	default:
		break;
	}
 out:
	free(head);
	argv_free(argv);
	return c.v;
}

static char *
complete_generator(const char *text, int state)
{
	(void)text;
	(void)state;
	if (complete_cands == NULL || complete_cands[complete_next] == NULL)
		return NULL;
	return xstrdup(complete_cands[complete_next++]);
}

static char **
complete_attempt(const char *text, int start, int end)
{
	char **m;
	int filenames, nospace;

	(void)end;
	/* Never fall back to file names where they make no sense. */
	rl_attempted_completion_over = 1;
	argv_free(complete_cands);
	complete_next = 0;
	complete_cands = complete_candidates(complete_ctx, rl_line_buffer,
	    start, text, &filenames, &nospace);
	if (filenames) {
		rl_attempted_completion_over = 0;
		return NULL;
	}
	if (complete_cands == NULL)
		return NULL;
	if (nospace)
		rl_completion_append_character = '\0';
	m = rl_completion_matches(text, complete_generator);
	argv_free(complete_cands);
	complete_cands = NULL;
	return m;
}

/* see complete.h */
void
complete_init(struct ispm_ctx *ctx)
{
	complete_ctx = ctx;
	/* Only blanks split words: '@', '.' and '-' are part of addresses
	 * and options. */
	rl_completer_word_break_characters = " \t\n";
	rl_attempted_completion_function = complete_attempt;
}
