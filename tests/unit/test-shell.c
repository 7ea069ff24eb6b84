/*
 * The shell's pure parts: the history path, completion
 * from the command table (no server involved), and help generated from
 * the table.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "argv.h"
#include "cmd.h"
#include "complete.h"
#include "conf.h"
#include "shell.h"
#include "xmalloc.h"

static void
test_shell_history_path_follows_xdg(void **state)
{
	char *p;

	setenv("XDG_STATE_HOME", "/tmp/state", 1);
	setenv("HOME", "/home/admin", 1);
	p = shell_history_path();
	assert_string_equal(p, "/tmp/state/ispmail/history");
	free(p);
	/* The XDG spec says a relative path is invalid and is ignored. */
	setenv("XDG_STATE_HOME", "relative", 1);
	p = shell_history_path();
	assert_string_equal(p, "/home/admin/.local/state/ispmail/history");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = shell_history_path();
	assert_string_equal(p, "/home/admin/.local/state/ispmail/history");
	free(p);
}

/* Skips a test that needs the shell's commands in cmd_table. */
static void
need_shell_commands(void)
{
	if (cmd_find("use", NULL) != &cmd_use_entry ||
	    cmd_find("help", NULL) != &cmd_help_entry ||
	    cmd_find("profile", NULL) != &cmd_profile_entry)
		skip();
}

/* Completes the last word of line; returns the candidates joined by ' '. */
static char *
complete(struct ispm_ctx *ctx, const char *line)
{
	const char *text = strrchr(line, ' ');
	char **v, *s, *t;
	int filenames, nospace;
	size_t i;

	text = text != NULL ? text + 1 : line;
	v = complete_candidates(ctx, line, (int)(text - line), text,
	    &filenames, &nospace);
	s = xstrdup("");
	for (i = 0; v != NULL && v[i] != NULL; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? " " : "", v[i]);
		free(s);
		s = t;
	}
	argv_free(v);
	return s;
}

static void
test_complete_commands_and_options(void **state)
{
	struct ispm_ctx ctx;
	char *s;

	need_shell_commands();
	memset(&ctx, 0, sizeof(ctx));
	ctx.in_shell = 1;
	s = complete(&ctx, "cre");
	assert_string_equal(s, "create");
	free(s);
	/* The shell cannot run "shell": it is not offered. */
	s = complete(&ctx, "sh");
	assert_string_equal(s, "sheet show");
	free(s);
	s = complete(&ctx, "create jean --");
	assert_string_equal(s, "--name --quota --generate --password-stdin "
	    "--sheet --format --help");
	free(s);
	s = complete(&ctx, "passwd --g");
	assert_string_equal(s, "--generate");
	free(s);
	s = complete(&ctx, "help cr");
	assert_string_equal(s, "create");
	free(s);
	/* An option's value and a second argument have nothing to offer. */
	s = complete(&ctx, "create --name ");
	assert_string_equal(s, "");
	free(s);
	s = complete(&ctx, "quota jean 5");
	assert_string_equal(s, "");
	free(s);
	s = complete(&ctx, "nosuchcommand x");
	assert_string_equal(s, "");
	free(s);
	/* Sub-commands, then nothing past a sub-command's arguments. */
	s = complete(&ctx, "alias ");
	assert_string_equal(s, "add delete list");
	free(s);
	s = complete(&ctx, "forward d");
	assert_string_equal(s, "delete");
	free(s);
	s = complete(&ctx, "config s");
	assert_string_equal(s, "show");
	free(s);
	s = complete(&ctx, "config show ");
	assert_string_equal(s, "");
	free(s);
	s = complete(&ctx, "alias list example.org ");
	assert_string_equal(s, "");
	free(s);
	s = complete(&ctx, "alias frob ");
	assert_string_equal(s, "");
	free(s);
}

static void
test_complete_profiles_from_config(void **state)
{
	struct profile p1, p2, *pv[2] = { &p1, &p2 };
	struct config cfg;
	struct ispm_ctx ctx;
	char *s;

	need_shell_commands();
	memset(&ctx, 0, sizeof(ctx));
	memset(&cfg, 0, sizeof(cfg));
	memset(&p1, 0, sizeof(p1));
	memset(&p2, 0, sizeof(p2));
	p1.name = (char *)"mut1";
	p2.name = (char *)"mut3";
	cfg.profiles = pv;
	cfg.nprofiles = 2;
	ctx.conf = &cfg;
	ctx.in_shell = 1;
	s = complete(&ctx, "profile ");
	assert_string_equal(s, "mut1 mut3");
	free(s);
	s = complete(&ctx, "profile mut3");
	assert_string_equal(s, "mut3");
	free(s);
}

/* Runs "help [cmd]" into a buffer. */
static char *
run_help(int in_shell, const char *cmd)
{
	struct ispm_ctx ctx;
	char *argv[3] = { (char *)"help", (char *)cmd, NULL };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	memset(&ctx, 0, sizeof(ctx));
	ctx.in_shell = in_shell;
	assert_non_null(fp = open_memstream(&buf, &len));
	ctx.out = fp;
	ctx.errs = stderr;
	assert_int_equal(cmd_run(&ctx, cmd != NULL ? 2 : 1, argv), 0);
	fclose(fp);
	return buf;
}

static void
test_help_lists_the_table(void **state)
{
	const struct cmd_entry *const *e;
	char *shell, *oneshot, *line;

	shell = run_help(1, NULL);
	oneshot = run_help(0, NULL);
	for (e = cmd_table; *e != NULL; e++) {
		line = xasprintf("  %s%s%s", (*e)->name,
		    (*e)->usage[0] != '\0' ? " " : "", (*e)->usage);
		assert_true(strstr(shell, (*e)->summary) != NULL ||
		    ((*e)->flags & CMD_ONESHOT_ONLY));
		assert_true((strstr(shell, line) != NULL) ==
		    !((*e)->flags & CMD_ONESHOT_ONLY));
		assert_true((strstr(oneshot, line) != NULL) ==
		    !((*e)->flags & CMD_SHELL_ONLY));
		free(line);
	}
	free(shell);
	free(oneshot);
}

static void
test_help_one_command(void **state)
{
	char *s;

	need_shell_commands();
	s = run_help(1, "create");
	assert_non_null(strstr(s, "usage: create ADDRESS"));
	assert_non_null(strstr(s, cmd_create_entry.summary));
	assert_non_null(strstr(s, "--name TEXT"));
	assert_non_null(strstr(s, "--generate"));
	assert_non_null(strstr(s, "prompt without echo"));
	free(s);
	s = run_help(0, "use");
	assert_non_null(strstr(s, "usage: ispmail use [DOMAIN]"));
	assert_non_null(strstr(s, "Only in the interactive shell"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shell_history_path_follows_xdg),
		cmocka_unit_test(test_complete_commands_and_options),
		cmocka_unit_test(test_complete_profiles_from_config),
		cmocka_unit_test(test_help_lists_the_table),
		cmocka_unit_test(test_help_one_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
