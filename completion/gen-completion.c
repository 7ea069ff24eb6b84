/*
 * Writes the data half of ispmail's bash completion from the command
 * table, so that a command or option added to the table is completed
 * without anyone editing a shell script. The global options come from
 * "ispmail --help" on standard input, the other half of the script from
 * completion/ispmail.bash. Run by make; see completion/local.mk.
 *
 * Everything this program knows of the table's shape is in
 * gen_options(), gen_many() and gen_subs(): the rest goes through names,
 * flags and argument types.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* The metavariable after "--name " (or "-x ") in a usage text, as one
 * shell word, or "-" when there is none. */
static void
gen_metavar(const char *usage, const char *opt, char *buf, size_t len)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "%s ", opt);
	if ((p = strstr(usage, pat)) != NULL) {
		p += strlen(pat);
		for (n = 0; isalnum((unsigned char)p[n]) || p[n] == '_' ||
		    p[n] == '.' || p[n] == '/'; n++)
			;
		if (n > 0 && n < len) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			return;
		}
	}
	snprintf(buf, len, "-");
}

/*
 * Prints the command's options as "name:metavar" words, a valued option's
 * metavar taken from the usage ("-" when it has none), a flag's as "";
 * then --help, which every command but a literal one takes.
 */
static void
gen_options(const struct cmd_entry *e)
{
	const struct args_option *o;
	char opt[64], mv[32];

	for (o = e->args.options; o != NULL && o->name != NULL; o++) {
		snprintf(opt, sizeof(opt), "--%s", o->name);
		mv[0] = '\0';
		if (o->value) {
			gen_metavar(e->usage, opt, mv, sizeof(mv));
			if (strcmp(mv, "-") == 0 && o->flag != 0) {
				snprintf(opt, sizeof(opt), "-%c", o->flag);
				gen_metavar(e->usage, opt, mv, sizeof(mv));
				snprintf(opt, sizeof(opt), "--%s", o->name);
			}
		}
		printf(" %s:%s", opt, mv);
		if (o->flag != 0)
			printf(" -%c:%s", o->flag, mv);
	}
	if (!(e->args.flags & ARGS_LITERAL))
		printf(" --help:");
}

/* Whether every positional argument is of the command's argtype. */
static int
gen_many(const struct cmd_entry *e)
{
	return e->args.max == -1;
}

static const char *
gen_argtype(enum cmd_argtype t)
{
	switch (t) {
	case CMD_ARG_ADDRESS:
		return "address";
	case CMD_ARG_NEW_ADDRESS:
	case CMD_ARG_ADDRESS_TEXT:
		return "new-address";
	case CMD_ARG_DOMAIN:
		return "domain";
	case CMD_ARG_PROFILE:
		return "profile";
	case CMD_ARG_COMMAND:
		return "command";
	case CMD_ARG_FILE:
		return "file";
	case CMD_ARG_WORD:
		return "word";
	case CMD_ARG_ALIAS:
		return "alias";
	case CMD_ARG_FORWARD:
		return "forward";
	default:
		return "none";
	}
}

/* The sub-commands as "name:first:rest" words, their arguments' types
 * named as gen_argtype() names them. */
static void
gen_subs(const struct cmd_entry *e)
{
	const struct cmd_sub *sub;

	for (sub = e->subs; sub != NULL && sub->name != NULL; sub++)
		printf(" %s:%s:%s", sub->name, gen_argtype(sub->first),
		    gen_argtype(sub->rest));
}

/* The global options, from the "Global options:" part of --help: lines
 * "  -c, --config FILE   text" or "  --json   text". */
static void
gen_globals(FILE *fp)
{
	char line[256], *w[8], *save;
	const char *mv;
	int in = 0, n, i;

	printf("_ispmail_global_opts='");
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, "Global options:", 15) == 0) {
			in = 1;
			continue;
		}
		if (!in)
			continue;
		if (line[0] != ' ')
			break;
		n = 0;
		for (w[n] = strtok_r(line, " ,\n", &save);
		    w[n] != NULL && w[n][0] == '-' && n < 7;
		    w[n] = strtok_r(NULL, " ,\n", &save))
			n++;
		/* The metavariable, if any, follows the option words. */
		mv = w[n] != NULL && isupper((unsigned char)w[n][0]) ? w[n] : "";
		for (i = 0; i < n; i++)
			printf(" %s:%s", w[i], mv);
	}
	printf("'\n");
}

int
main(void)
{
	const struct cmd_entry *const *e;

	printf("# Generated from the command table by gen-completion.\n");
	gen_globals(stdin);
	printf("_ispmail_commands='");
	for (e = cmd_table; *e != NULL; e++)
		if (!((*e)->flags & CMD_SHELL_ONLY))
			printf(" %s", (*e)->name);
	printf("'\n");
	printf("# _ispmail_command NAME: sets _ispmail_opts (option:metavar "
	    "words),\n# _ispmail_arg (what the first argument is), "
	    "_ispmail_subs (sub-commands\n# as name:first:rest words, the "
	    "types of their arguments),\n# _ispmail_many (1: every argument "
	    "is one).\n");
	printf("_ispmail_command()\n{\n\t_ispmail_opts= _ispmail_arg=none "
	    "_ispmail_subs= _ispmail_many=\n\tcase $1 in\n");
	for (e = cmd_table; *e != NULL; e++) {
		if ((*e)->flags & CMD_SHELL_ONLY)
			continue;
		printf("\t%s)\n\t\t_ispmail_opts='", (*e)->name);
		gen_options(*e);
		printf("'\n\t\t_ispmail_arg=%s\n", gen_argtype((*e)->argtype));
		if (gen_many(*e))
			printf("\t\t_ispmail_many=1\n");
		if ((*e)->subs != NULL) {
			printf("\t\t_ispmail_subs='");
			gen_subs(*e);
			printf("'\n");
		}
		printf("\t\t;;\n");
	}
	printf("\tesac\n}\n");
	return ferror(stdout) || fflush(stdout) != 0 ? 1 : 0;
}
