/*
 * Parsing a command's arguments against its template; see args.h.
 * getopt_long() is not used: its state is global, it reorders argv, and
 * after it has permuted the words it cannot say which word was wrong.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "xmalloc.h"

struct args_entry {
	const struct args_option *opt;
	const char	*value;		/* borrowed from argv, or NULL */
};

struct args {
	struct args_entry *opts;
	int		 nopts;
	const char	**pos;		/* positional arguments */
	char		**owned;	/* per position: what args_set_string gave */
	int		 npos;
	int		 help;		/* "--help" or "-h" seen */
};

/* see args.h */
const struct args_option *
args_find(const struct args_template *t, const char *name)
{
	const struct args_option *o;

	for (o = t->options; o != NULL && o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

/*
 * The option spelt by the len bytes of name: the exact long name or else
 * the only one it is a prefix of. NULL with *ambiguous set when several
 * start with it.
 */
static const struct args_option *
args_find_long(const struct args_template *t, const char *name, size_t len,
    int *ambiguous)
{
	const struct args_option *o, *found = NULL;

	*ambiguous = 0;
	/* "--=x" spells no option, though "" prefixes them all. */
	if (len == 0)
		return NULL;
	for (o = t->options; o != NULL && o->name != NULL; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (o->name[len] == '\0')
			return o;
		if (found != NULL)
			*ambiguous = 1;
		found = o;
	}
	return *ambiguous ? NULL : found;
}

static const struct args_option *
args_find_short(const struct args_template *t, int c)
{
	const struct args_option *o;

	for (o = t->options; o != NULL && o->name != NULL; o++)
		if (o->flag != 0 && o->flag == c)
			return o;
	return NULL;
}

static void
args_add_option(struct args *a, const struct args_option *o,
    const char *value)
{
	a->opts = xreallocarray(a->opts, a->nopts + 1, sizeof(*a->opts));
	a->opts[a->nopts].opt = o;
	a->opts[a->nopts].value = value;
	a->nopts++;
}

static void
args_add_string(struct args *a, const char *s)
{
	a->pos = xreallocarray(a->pos, a->npos + 1, sizeof(*a->pos));
	a->owned = xreallocarray(a->owned, a->npos + 1, sizeof(*a->owned));
	a->pos[a->npos] = s;
	a->owned[a->npos] = NULL;
	a->npos++;
}

/*
 * Parses the long option argv[*i] ("--name" or "--name=value"), taking its
 * value from the next word when needed.
 */
static int
args_parse_long(const struct args_template *t, const char *cmd,
    struct args *a, int argc, char **argv, int *i, struct errbuf *eb)
{
	const struct args_option *o;
	const char *word = argv[*i], *name = word + 2, *eq;
	size_t len;
	int ambiguous;

	eq = strchr(name, '=');
	len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	if ((o = args_find_long(t, name, len, &ambiguous)) == NULL)
		return err_set(eb, ISPM_EUSAGE, "%s: %s option '--%.*s'",
		    cmd, ambiguous ? "ambiguous" : "unknown", (int)len,
		    name);
	if (!o->value) {
		if (eq != NULL)
			return err_set(eb, ISPM_EUSAGE,
			    "%s: option '--%s' takes no value", cmd,
			    o->name);
		args_add_option(a, o, NULL);
		return 0;
	}
	if (eq != NULL)
		args_add_option(a, o, eq + 1);
	else if (*i + 1 < argc)
		args_add_option(a, o, argv[++*i]);
	else
		return err_set(eb, ISPM_EUSAGE,
		    "%s: option '--%s' needs a value", cmd, o->name);
	return 0;
}

/* Parses the cluster of short options argv[*i] ("-ab", "-bVALUE"). */
static int
args_parse_short(const struct args_template *t, const char *cmd,
    struct args *a, int argc, char **argv, int *i, struct errbuf *eb)
{
	const struct args_option *o;
	const char *p;

	for (p = argv[*i] + 1; *p != '\0'; p++) {
		if ((o = args_find_short(t, (unsigned char)*p)) == NULL)
			return err_set(eb, ISPM_EUSAGE,
			    "%s: unknown option '-%c'", cmd, *p);
		if (!o->value) {
			args_add_option(a, o, NULL);
			continue;
		}
		if (p[1] != '\0')
			args_add_option(a, o, p + 1);
		else if (*i + 1 < argc)
			args_add_option(a, o, argv[++*i]);
		else
			return err_set(eb, ISPM_EUSAGE,
			    "%s: option '-%c' needs a value", cmd, *p);
		break;
	}
	return 0;
}

/* see args.h */
int
args_parse(const struct args_template *t, const char *cmd, int argc,
    char **argv, struct args **out, struct errbuf *eb)
{
	struct args *a = xcalloc(1, sizeof(*a));
	const char *w;
	int i = 0, r, optsdone = (t->flags & ARGS_LITERAL) != 0;

	*out = NULL;
	if (optsdone && argc > 0 && strcmp(argv[0], "--") == 0)
		i = 1;
	/* A lone "--help" is no data even to a literal template. */
	if (optsdone && argc == 1 && strcmp(argv[0], "--help") == 0) {
		a->help = 1;
		*out = a;
		return 0;
	}
	for (; i < argc; i++) {
		w = argv[i];
		if (!optsdone && strcmp(w, "--") == 0) {
			optsdone = 1;
			continue;
		}
		if (optsdone || w[0] != '-' || w[1] == '\0') {
			if (t->flags & ARGS_IN_ORDER)
				optsdone = 1;
			args_add_string(a, w);
			continue;
		}
		/* The words after a request for help are not parsed:
		 * "create --help --bogus" shows the help. */
		if (strcmp(w, "--help") == 0 || (strcmp(w, "-h") == 0 &&
		    args_find_short(t, 'h') == NULL)) {
			a->help = 1;
			break;
		}
		if (w[1] == '-')
			r = args_parse_long(t, cmd, a, argc, argv, &i, eb);
		else
			r = args_parse_short(t, cmd, a, argc, argv, &i, eb);
		if (r != 0) {
			args_free(a);
			return r;
		}
	}
	*out = a;
	return 0;
}

/* see args.h */
int
args_help(const struct args *a)
{
	return a->help;
}

/* see args.h */
void
args_free(struct args *a)
{
	int i;

	if (a == NULL)
		return;
	for (i = 0; i < a->npos; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->pos);
	free(a->opts);
	free(a);
}

/* see args.h */
int
args_has(const struct args *a, const char *name)
{
	int i, n = 0;

	for (i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].opt->name, name) == 0)
			n++;
	return n;
}

/* see args.h */
const char *
args_get(const struct args *a, const char *name)
{
	int i;

	for (i = a->nopts - 1; i >= 0; i--)
		if (strcmp(a->opts[i].opt->name, name) == 0)
			return a->opts[i].value;
	return NULL;
}

/* see args.h */
int
args_next(const struct args *a, int *i, const char **name,
    const char **value)
{
	if (*i < 0 || *i >= a->nopts)
		return 0;
	*name = a->opts[*i].opt->name;
	*value = a->opts[*i].value;
	(*i)++;
	return 1;
}

/* see args.h */
int
args_count(const struct args *a)
{
	return a->npos;
}

/* see args.h */
const char *
args_string(const struct args *a, int idx)
{
	if (idx < 0 || idx >= a->npos)
		return NULL;
	return a->pos[idx];
}

/* see args.h */
void
args_set_string(struct args *a, int idx, char *s)
{
	free(a->owned[idx]);
	a->owned[idx] = s;
	a->pos[idx] = s;
}

/* see args.h */
int
args_takes_value(const struct args_template *t, const char *word)
{
	const struct args_option *o;
	const char *p;
	int ambiguous;

	if (word[0] != '-' || word[1] == '\0')
		return 0;
	if (word[1] == '-') {
		if (strchr(word, '=') != NULL)
			return 0;
		o = args_find_long(t, word + 2, strlen(word + 2), &ambiguous);
		return o != NULL && o->value;
	}
	/* "-bFILE" carries its value; "-b" takes the next word. */
	for (p = word + 1; *p != '\0'; p++)
		if ((o = args_find_short(t, (unsigned char)*p)) != NULL &&
		    o->value)
			return p[1] == '\0';
	return 0;
}
