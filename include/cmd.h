/*
 * The command table: one entry per command drives the one-shot CLI, the
 * interactive shell, help, completion and the docs test (tmux cmd_entry,
 * sftp cmds[]). A command is added once, in src/cmd-<name>.c and in the
 * table in cmd.c.
 */
#ifndef ISPMAIL_CMD_H
#define ISPMAIL_CMD_H

#include <signal.h>
#include <stdio.h>

#include "api.h"
#include "args.h"
#include "conf.h"
#include "err.h"
#include "secret.h"

/* Command flags. */
#define CMD_NEEDS_API		0x01	/* talks to the panel */
#define CMD_MUTATES		0x02	/* changes the panel: refresh caches */
#define CMD_SECRET_INPUT	0x04	/* reads a password: keep out of history */
#define CMD_SHELL_ONLY		0x08
#define CMD_ONESHOT_ONLY	0x10
#define CMD_NO_CONFIG		0x20	/* works without any config file */
#define CMD_NO_PREFIX		0x40	/* destructive: exact name only */

/* What a command's argument is, for completion. */
enum cmd_argtype {
	CMD_ARG_NONE,
	CMD_ARG_ADDRESS,	/* a mailbox address (or local part after use) */
	CMD_ARG_NEW_ADDRESS,	/* an address to create */
	CMD_ARG_ADDRESS_TEXT,	/* an address to check: completed as a new
				 * one, but handed over as typed */
	CMD_ARG_DOMAIN,
	CMD_ARG_PROFILE,
	CMD_ARG_COMMAND,
	CMD_ARG_FILE,
	CMD_ARG_WORD,		/* a sub-command of cmd_entry.subs */
	CMD_ARG_ALIAS,		/* an existing alias */
	CMD_ARG_FORWARD		/* the source of an existing forward */
};

/*
 * A sub-command, named by a command's first argument ("alias add"): its
 * name and what its own arguments are, for completion.
 */
struct cmd_sub {
	const char	*name;
	enum cmd_argtype first;		/* the argument after the name */
	enum cmd_argtype rest;		/* every later one */
};

/* State shared by every command of one process or shell session. */
struct ispm_ctx {
	const char	*conf_path;	/* -c */
	const char	*profile_name;	/* -p or the shell's "profile" */
	struct config	*conf;		/* loaded lazily */
	const struct profile *profile;
	struct api	*api;		/* created lazily */
	char		*domain;	/* the shell's current domain */
	int		 json;		/* --json */
	int		 quiet;		/* -q */
	int		 verbose;	/* -v */
	int		 in_shell;
	int		 keep_going;
	FILE		*out;		/* results */
	FILE		*errs;		/* diagnostics */
	volatile sig_atomic_t *cancel;
	struct errbuf	 err;
};

/*
 * What an exec returns besides 0 and the negative ISPM_E* codes (tmux's
 * enum cmd_retval): CMD_QUIT leaves the shell. Only quit returns it, and
 * quit is CMD_SHELL_ONLY, so one-shot dispatch never sees it.
 */
enum cmd_retval {
	CMD_OK = 0,
	CMD_QUIT = 1
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* arguments, as in the man page */
	const char	*summary;	/* one line for help */
	struct args_template args;	/* options and argument counts */
	int		 flags;
	/* The first positional argument (every one when max is -1), for
	 * completion. CMD_ARG_ADDRESS and CMD_ARG_NEW_ADDRESS reach exec
	 * already resolved by ctx_address(). */
	enum cmd_argtype argtype;
	/* With argtype CMD_ARG_WORD: the sub-commands, ending with a NULL
	 * name. */
	const struct cmd_sub *subs;
	/* Runs with args parsed and counted by cmd_run(); self is this
	 * entry. Returns 0, CMD_QUIT or an ISPM_E* code with ctx->err set. */
	int		(*exec)(struct ispm_ctx *ctx,
			    const struct cmd_entry *self,
			    const struct args *args);
};

extern const struct cmd_entry *const cmd_table[];

/* Every entry, defined in src/cmd-<name>.c and listed in cmd_table. */
extern const struct cmd_entry cmd_alias_entry;
extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_autoconfig_entry;
extern const struct cmd_entry cmd_check_password_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_create_entry;
extern const struct cmd_entry cmd_delete_entry;
extern const struct cmd_entry cmd_disable_entry;
extern const struct cmd_entry cmd_domains_entry;
extern const struct cmd_entry cmd_enable_entry;
extern const struct cmd_entry cmd_forward_entry;
extern const struct cmd_entry cmd_gen_password_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_keygen_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_passwd_entry;
extern const struct cmd_entry cmd_profile_entry;
extern const struct cmd_entry cmd_quit_entry;
extern const struct cmd_entry cmd_quota_entry;
extern const struct cmd_entry cmd_sheet_entry;
extern const struct cmd_entry cmd_shell_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_unseal_entry;
extern const struct cmd_entry cmd_use_entry;
extern const struct cmd_entry cmd_validate_entry;

/*
 * Finds a command by exact name or unique prefix (never a prefix for
 * commands that delete). Returns NULL with eb set ("unknown command",
 * "ambiguous command: could be ...").
 */
const struct cmd_entry *cmd_find(const char *name, struct errbuf *eb);

/* cmd_find() with the context's error buffer and the shell's wording. */
const struct cmd_entry *ctx_find(struct ispm_ctx *ctx, const char *name);

/*
 * Finds argv[0], parses the rest with cmd_parse() (after taking out the
 * output options --json and --quiet, which every command accepts), resolves
 * an ADDRESS argument against the shell's domain and runs the command;
 * with --help or -h it shows the command's help instead and runs nothing.
 * Returns the command's code (CMD_QUIT included); ISPM_EUSAGE on bad
 * usage.
 */
int	cmd_run(struct ispm_ctx *ctx, int argc, char **argv);

/*
 * Parses argv (argv[0] is the command's name) with e's template and
 * checks the number of positional arguments (not when args_help(), whose
 * answer needs none). *out is freed with
 * args_free() and points into argv. Returns 0 or ISPM_EUSAGE with eb set
 * ("quota: unknown option '--bogus'", "show: missing argument: usage:
 * ...").
 */
int	cmd_parse(const struct cmd_entry *e, int argc, char **argv,
	    struct args **out, struct errbuf *eb);

/*
 * Prints the result of a command that changed something: with --json the
 * object o, else the formatted line (unless -q). generated, when not NULL,
 * is a password made for the user: it is added to o as "password", or
 * printed after the line, exactly once, and json-c's copies are wiped.
 * Takes ownership of o.
 */
void	cmd_report(struct ispm_ctx *ctx, struct json_object *o,
	    const struct secret *generated, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* Prints the usage, summary and options of e, as "help NAME" and
 * "NAME --help" do. */
void	cmd_help_show(struct ispm_ctx *ctx, const struct cmd_entry *e);

/* Prints "usage: ispmail NAME USAGE". */
void	cmd_print_usage(const struct cmd_entry *e, FILE *fp);

/* Loads the config and chooses the profile when not done yet. */
int	ctx_profile(struct ispm_ctx *ctx, const struct profile **out);

/*
 * For the commands that work offline, which a profile only refines: as
 * ctx_profile(), but with no config file anywhere, or several profiles
 * and none chosen (an admin of several panels generating a password),
 * *out is NULL and 0 is returned. A config file that is named and
 * missing, that does not parse, or that has no profile of the name asked
 * is an error all the same: the user who wrote one expects it to be used.
 */
int	ctx_profile_optional(struct ispm_ctx *ctx,
	    const struct profile **out);

/* Returns the API client of the current profile, creating it lazily. */
int	ctx_api(struct ispm_ctx *ctx, struct api **out);

/* Drops the API client (logout) and the profile, e.g. on "profile NAME". */
void	ctx_reset(struct ispm_ctx *ctx);

/* Normalises an address argument, using the shell's current domain for a
 * bare local part. Returns 0 or ISPM_EDATA; *out is owned by the caller. */
int	ctx_address(struct ispm_ctx *ctx, const char *arg, char **out);

void	ctx_release(struct ispm_ctx *ctx);

#endif
