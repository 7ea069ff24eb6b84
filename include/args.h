/*
 * A command's arguments, parsed once against the command's template
 * (tmux's args_parse): options by long name with their values, then the
 * positional arguments. The command layer parses before a command runs,
 * so every command reports option errors the same way and completion
 * reads the same templates.
 *
 * The grammar is getopt_long's, without its global state: "--name VALUE",
 * "--name=VALUE", a unique prefix of a long name, "-x", "-xVALUE",
 * "-x VALUE", clusters of short flags ("-ab"), "--" ending the options,
 * and options after positional arguments unless the template asks for
 * ARGS_IN_ORDER. Every template also takes "--help" and "-h" (unless it
 * has a short 'h' of its own; ARGS_LITERAL's only a lone "--help"), see
 * args_help().
 */
#ifndef ISPMAIL_ARGS_H
#define ISPMAIL_ARGS_H

#include "err.h"

/* One option a command accepts. */
struct args_option {
	const char	*name;		/* long name without "--" */
	int		 flag;		/* short letter, or 0 for none */
	int		 value;		/* takes a value */
};

/* Options stop at the first positional argument (getopt's '+'). */
#define ARGS_IN_ORDER	0x01
/* No options at all: every word is positional, except a leading "--",
 * so that a word like "-x@example.com" is data, not an option. */
#define ARGS_LITERAL	0x02

/* What a command accepts. */
struct args_template {
	const struct args_option *options; /* ends with a NULL name; or NULL */
	int		 min;		/* positional arguments */
	int		 max;		/* -1: any number */
	int		 flags;		/* ARGS_* */
};

struct args;

/*
 * Parses the argc words of argv (the command's name left out) against t;
 * cmd names the command in messages ("quota: unknown option '--bogus'").
 * Does not check the number
 * of positional arguments (see args_count()), since the message for that
 * needs the command's usage. The values point into argv, which must
 * outlive *out; *out is freed with args_free().
 * Returns 0 or ISPM_EUSAGE (an unknown or ambiguous option, a missing
 * value, a value given to an option that takes none) with eb set.
 */
int	args_parse(const struct args_template *t, const char *cmd,
	    int argc, char **argv, struct args **out, struct errbuf *eb);

/* Whether "--help" or "-h" was given: the command layer then shows the
 * command's usage and runs nothing, whatever else the words say. */
int	args_help(const struct args *a);

/* Frees a from args_parse(); accepts NULL. */
void	args_free(struct args *a);

/* The number of times the option with this long name was given. */
int	args_has(const struct args *a, const char *name);

/* The last value given to the option, or NULL; borrowed from a. */
const char *args_get(const struct args *a, const char *name);

/*
 * Walks the options in the order they were given: start with *i = 0;
 * returns 1 with *name (the long name) and *value (NULL for an option
 * without value) set, or 0 after the last one. Both are borrowed.
 */
int	args_next(const struct args *a, int *i, const char **name,
	    const char **value);

/* The number of positional arguments. */
int	args_count(const struct args *a);

/* Positional argument idx, or NULL past the last one; borrowed from a. */
const char *args_string(const struct args *a, int idx);

/*
 * Replaces positional argument idx (which must exist) with s, which a
 * takes ownership of: the command layer hands commands their ADDRESS
 * arguments already resolved against the shell's domain.
 */
void	args_set_string(struct args *a, int idx, char *s);

/* Finds the option of t with this long name, or NULL. */
const struct args_option *args_find(const struct args_template *t,
	    const char *name);

/*
 * Whether word (an option as typed, "--name" or "-b", not "--name=x")
 * consumes the next word as its value, for completion. Accepts long
 * prefixes as args_parse() does.
 */
int	args_takes_value(const struct args_template *t, const char *word);

#endif
