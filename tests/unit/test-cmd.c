/*
 * The command table: order, lookup rules, argument parsing against each
 * entry's template, and agreement with the manual pages (every command in ispmail(1), every config keyword in
 * ispmail.conf(5)), in the manner of curl's test1139.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmd.h"
#include "conf.h"
#include "xmalloc.h"

static char *
slurp(const char *rel)
{
	const char *top = getenv("top_srcdir");
	char *path, *buf;
	FILE *fp;
	long n;

	path = xasprintf("%s/%s", top != NULL ? top : ".", rel);
	fp = fopen(path, "r");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	free(path);
	return buf;
}

static void
test_cmd_table_sorted_and_unique(void **state)
{
	const struct cmd_entry *const *e;

	for (e = cmd_table; *e != NULL && e[1] != NULL; e++)
		assert_true(strcmp((*e)->name, e[1]->name) < 0);
}

static void
test_cmd_find_exact_prefix_ambiguous(void **state)
{
	struct errbuf eb;

	assert_ptr_equal(cmd_find("list", &eb), &cmd_list_entry);
	assert_ptr_equal(cmd_find("sho", &eb), &cmd_show_entry);
	assert_null(cmd_find("sh", &eb));
	assert_null(cmd_find("d", &eb));
	assert_non_null(strstr(eb.msg, "ambiguous"));
	assert_non_null(strstr(eb.msg, "disable"));
	assert_null(cmd_find("frobnicate", &eb));
	assert_non_null(strstr(eb.msg, "unknown command 'frobnicate'"));
}

static void
test_cmd_find_no_prefix_for_delete(void **state)
{
	struct errbuf eb;

	assert_ptr_equal(cmd_find("delete", &eb), &cmd_delete_entry);
	assert_null(cmd_find("dele", &eb));
	assert_null(cmd_find("delet", &eb));
}

static void
test_cmd_every_command_in_man_page(void **state)
{
	const struct cmd_entry *const *e;
	char *man = slurp("man/ispmail.1"), *want;

	for (e = cmd_table; *e != NULL; e++) {
		if ((*e)->flags & CMD_SHELL_ONLY)
			want = xasprintf("Ic %s", (*e)->name);
		else
			want = xasprintf(".It Xo Ic %s\n", (*e)->name);
		if (strstr(man, want) == NULL) {
			free(want);
			want = xasprintf(".It Ic %s", (*e)->name);
		}
		if (strstr(man, want) == NULL)
			fail_msg("command '%s' is missing from ispmail(1)",
			    (*e)->name);
		free(want);
	}
	free(man);
}

static void
test_cmd_every_keyword_in_conf_page(void **state)
{
	const char *k;
	char *man = slurp("man/ispmail.conf.5"), *want;
	size_t i;

	for (i = 0; (k = conf_keyword(i)) != NULL; i++) {
		want = xasprintf(".It Cm %s", k);
		if (strstr(man, want) == NULL)
			fail_msg("keyword '%s' is missing from ispmail.conf(5)",
			    k);
		free(want);
	}
	free(man);
}

/* Whether man has "Fl -name" (or "Fl \\-name"), or "Fl c" when flag is c. */
static int
in_man(const char *man, const struct args_option *o)
{
	char *w[3];
	int i, found = 0;

	w[0] = xasprintf("Fl -%s", o->name);
	w[1] = xasprintf("Fl \\-%s", o->name);
	w[2] = xasprintf("Fl %c", o->flag);
	for (i = 0; i < (o->flag != 0 ? 3 : 2); i++)
		found |= strstr(man, w[i]) != NULL;
	for (i = 0; i < 3; i++)
		free(w[i]);
	return found;
}

/*
 * Every option a template accepts is in the command's usage (help prints
 * it) and in a manual page, by its long name or its letter.
 */
static void
test_cmd_every_option_documented(void **state)
{
	const struct cmd_entry *const *e;
	const struct args_option *o;
	char *man1 = slurp("man/ispmail.1"), *man8 =
	    slurp("man/ispmail-audit.8"), *lng, *shrt;

	for (e = cmd_table; *e != NULL; e++) {
		for (o = (*e)->args.options; o != NULL && o->name != NULL;
		    o++) {
			lng = xasprintf("--%s", o->name);
			shrt = xasprintf("-%c", o->flag);
			if (strstr((*e)->usage, lng) == NULL &&
			    (o->flag == 0 || strstr((*e)->usage, shrt) == NULL))
				fail_msg("%s: '%s' is missing from its usage",
				    (*e)->name, lng);
			if (!in_man(man1, o) && !in_man(man8, o))
				fail_msg("%s: '%s' is in no manual page",
				    (*e)->name, lng);
			free(lng);
			free(shrt);
		}
	}
	free(man1);
	free(man8);
}

/* Parses a line of words with e's template: the code, eb and *out. */
static int
parse(const struct cmd_entry *e, const char *const *words, struct args **out,
    struct errbuf *eb)
{
	char *argv[16];
	int argc;

	for (argc = 0; words[argc] != NULL; argc++)
		argv[argc] = (char *)words[argc];
	argv[argc] = NULL;
	err_clear(eb);
	return cmd_parse(e, argc, argv, out, eb);
}

static void
test_cmd_parse_names_the_bad_option(void **state)
{
	static const char *const quota[] = { "quota", "a@example.com",
	    "--bogus", "5G", NULL };
	static const char *const create[] = { "create", "t2@example.com",
	    "--genrate", NULL };
	static const char *const list[] = { "list", "example.com", "--jsn",
	    NULL };
	static const char *const cluster[] = { "delete", "a@example.com",
	    "-yx", NULL };
	struct args *a = (struct args *)&a;
	struct errbuf eb;

	/* After a positional argument, as getopt_long would have permuted. */
	assert_int_equal(parse(&cmd_quota_entry, quota, &a, &eb), ISPM_EUSAGE);
	assert_string_equal(eb.msg, "quota: unknown option '--bogus'");
	assert_null(a);
	assert_int_equal(parse(&cmd_create_entry, create, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "create: unknown option '--genrate'");
	assert_int_equal(parse(&cmd_list_entry, list, &a, &eb), ISPM_EUSAGE);
	assert_string_equal(eb.msg, "list: unknown option '--jsn'");
	assert_int_equal(parse(&cmd_delete_entry, cluster, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "delete: unknown option '-x'");
}

static void
test_cmd_parse_values(void **state)
{
	static const char *const create[] = { "create", "--name=Jean Dupont",
	    "j@example.com", "--quota", "2G", "--gen", NULL };
	static const char *const missing[] = { "create", "j@example.com",
	    "--name", NULL };
	static const char *const shortmissing[] = { "unseal", "-k", NULL };
	static const char *const novalue[] = { "delete", "--yes=no",
	    "j@example.com", NULL };
	static const char *const glued[] = { "unseal", "-kadmin", "j.log",
	    NULL };
	struct args *a;
	struct errbuf eb;

	assert_int_equal(parse(&cmd_create_entry, create, &a, &eb), 0);
	assert_string_equal(args_get(a, "name"), "Jean Dupont");
	assert_string_equal(args_get(a, "quota"), "2G");
	/* A unique prefix names the option, as with getopt_long. */
	assert_int_equal(args_has(a, "generate"), 1);
	assert_int_equal(args_has(a, "password-stdin"), 0);
	assert_int_equal(args_count(a), 1);
	assert_string_equal(args_string(a, 0), "j@example.com");
	assert_null(args_string(a, 1));
	args_free(a);

	assert_int_equal(parse(&cmd_create_entry, missing, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "create: option '--name' needs a value");
	assert_int_equal(parse(&cmd_unseal_entry, shortmissing, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "unseal: option '-k' needs a value");
	assert_int_equal(parse(&cmd_delete_entry, novalue, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "delete: option '--yes' takes no value");
	assert_int_equal(parse(&cmd_unseal_entry, glued, &a, &eb), 0);
	assert_string_equal(args_get(a, "key"), "admin");
	assert_string_equal(args_string(a, 0), "j.log");
	args_free(a);
}

static void
test_cmd_parse_counts(void **state)
{
	static const char *const none[] = { "show", NULL };
	static const char *const two[] = { "show", "a@example.com",
	    "b@example.com", NULL };
	static const char *const quota[] = { "quota", "a@example.com", NULL };
	struct args *a;
	struct errbuf eb;

	assert_int_equal(parse(&cmd_show_entry, none, &a, &eb), ISPM_EUSAGE);
	assert_string_equal(eb.msg,
	    "show: missing argument: usage: ispmail show ADDRESS");
	assert_null(a);
	assert_int_equal(parse(&cmd_show_entry, two, &a, &eb), ISPM_EUSAGE);
	assert_string_equal(eb.msg,
	    "show: too many arguments: usage: ispmail show ADDRESS");
	assert_int_equal(parse(&cmd_quota_entry, quota, &a, &eb),
	    ISPM_EUSAGE);
	assert_non_null(strstr(eb.msg, "quota: missing argument"));
}

static void
test_cmd_parse_double_dash_and_order(void **state)
{
	static const char *const dashes[] = { "create", "--", "--name",
	    NULL };
	static const char *const after[] = { "unseal", "j.log", "--key",
	    "k", NULL };
	static const char *const inorder[] = { "help", "create", "--json",
	    NULL };
	static const char *const literal[] = { "validate", "--",
	    "-x@example.com", "--", "--json", NULL };
	struct args *a;
	struct errbuf eb;

	/* After "--" a word that looks like an option is an argument. */
	assert_int_equal(parse(&cmd_create_entry, dashes, &a, &eb), 0);
	assert_int_equal(args_count(a), 1);
	assert_string_equal(args_string(a, 0), "--name");
	assert_int_equal(args_has(a, "name"), 0);
	args_free(a);
	/* unseal takes its options after JOURNAL too ("unseal --key K J
	 * --sheets D", as an admin adds an option to the last command). */
	assert_int_equal(parse(&cmd_unseal_entry, after, &a, &eb), 0);
	assert_int_equal(args_count(a), 1);
	assert_string_equal(args_string(a, 0), "j.log");
	assert_int_equal(args_has(a, "key"), 1);
	args_free(a);
	/* help's words are all topics: after the first, no options. */
	assert_int_equal(parse(&cmd_help_entry, inorder, &a, &eb),
	    ISPM_EUSAGE);
	assert_non_null(strstr(eb.msg, "help: too many arguments"));
	/* validate takes no options: only a leading "--" is dropped. */
	assert_int_equal(parse(&cmd_validate_entry, literal, &a, &eb), 0);
	assert_int_equal(args_count(a), 3);
	assert_string_equal(args_string(a, 0), "-x@example.com");
	assert_string_equal(args_string(a, 1), "--");
	assert_string_equal(args_string(a, 2), "--json");
	args_free(a);
}

static void
test_cmd_parse_ambiguous_prefix_and_order(void **state)
{
	static const char *const amb[] = { "audit", "--s", "1/2", NULL };
	static const char *const empty[] = { "delete", "--=yes", "a@b.fr",
	    NULL };
	static const char *const ctxw[] = { "check-password", "--name", "Jean",
	    "-f", "j@example.com", "--batch", NULL };
	const char *name, *value;
	struct args *a;
	struct errbuf eb;
	int i = 0;

	assert_int_equal(parse(&cmd_audit_entry, amb, &a, &eb), ISPM_EUSAGE);
	assert_string_equal(eb.msg, "audit: ambiguous option '--s'");
	assert_int_equal(parse(&cmd_delete_entry, empty, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "delete: unknown option '--'");
	assert_int_equal(parse(&cmd_check_password_entry, ctxw, &a, &eb), 0);
	assert_true(args_next(a, &i, &name, &value));
	assert_string_equal(name, "name");
	assert_string_equal(value, "Jean");
	assert_true(args_next(a, &i, &name, &value));
	assert_string_equal(name, "for");
	assert_string_equal(value, "j@example.com");
	assert_true(args_next(a, &i, &name, &value));
	assert_string_equal(name, "batch");
	assert_null(value);
	assert_false(args_next(a, &i, &name, &value));
	args_free(a);
}

/* --help asks for the command's help whatever else is given or missing;
 * it is data only after "--", as the value of an option, or to a literal
 * template among other words. */
static void
test_cmd_parse_help(void **state)
{
	static const char *const bare[] = { "create", "--help", NULL };
	static const char *const h[] = { "delete", "-h", "--bogus", NULL };
	static const char *const late[] = { "create", "a@example.com",
	    "--name", "Jean", "--help", NULL };
	static const char *const data[] = { "create", "--", "--help", NULL };
	static const char *const value[] = { "create", "a@example.com",
	    "--name", "--help", NULL };
	static const char *const lone[] = { "validate", "--help", NULL };
	static const char *const among[] = { "validate", "a@example.com",
	    "--help", NULL };
	static const char *const before[] = { "create", "--bogus", "--help",
	    NULL };
	struct args *a;
	struct errbuf eb;

	assert_int_equal(parse(&cmd_create_entry, bare, &a, &eb), 0);
	assert_true(args_help(a));
	assert_int_equal(args_count(a), 0);
	args_free(a);
	assert_int_equal(parse(&cmd_delete_entry, h, &a, &eb), 0);
	assert_true(args_help(a));
	args_free(a);
	assert_int_equal(parse(&cmd_create_entry, late, &a, &eb), 0);
	assert_true(args_help(a));
	args_free(a);
	assert_int_equal(parse(&cmd_create_entry, data, &a, &eb), 0);
	assert_false(args_help(a));
	assert_string_equal(args_string(a, 0), "--help");
	args_free(a);
	assert_int_equal(parse(&cmd_create_entry, value, &a, &eb), 0);
	assert_false(args_help(a));
	assert_string_equal(args_get(a, "name"), "--help");
	args_free(a);
	assert_int_equal(parse(&cmd_validate_entry, lone, &a, &eb), 0);
	assert_true(args_help(a));
	args_free(a);
	assert_int_equal(parse(&cmd_validate_entry, among, &a, &eb), 0);
	assert_false(args_help(a));
	assert_int_equal(args_count(a), 2);
	args_free(a);
	/* the words are read in order, as getopt does */
	assert_int_equal(parse(&cmd_create_entry, before, &a, &eb),
	    ISPM_EUSAGE);
	assert_string_equal(eb.msg, "create: unknown option '--bogus'");
}

/* Completion asks the same templates which words take a value. */
static void
test_cmd_templates_drive_completion(void **state)
{
	assert_true(args_takes_value(&cmd_create_entry.args, "--name"));
	assert_true(args_takes_value(&cmd_create_entry.args, "--quo"));
	assert_false(args_takes_value(&cmd_create_entry.args, "--gen"));
	assert_false(args_takes_value(&cmd_create_entry.args, "--name=x"));
	assert_true(args_takes_value(&cmd_shell_entry.args, "-b"));
	assert_false(args_takes_value(&cmd_shell_entry.args, "-bFILE"));
	assert_true(args_takes_value(&cmd_shell_entry.args, "-kb"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_table_sorted_and_unique),
		cmocka_unit_test(test_cmd_find_exact_prefix_ambiguous),
		cmocka_unit_test(test_cmd_find_no_prefix_for_delete),
		cmocka_unit_test(test_cmd_every_command_in_man_page),
		cmocka_unit_test(test_cmd_every_keyword_in_conf_page),
		cmocka_unit_test(test_cmd_every_option_documented),
		cmocka_unit_test(test_cmd_parse_names_the_bad_option),
		cmocka_unit_test(test_cmd_parse_values),
		cmocka_unit_test(test_cmd_parse_counts),
		cmocka_unit_test(test_cmd_parse_double_dash_and_order),
		cmocka_unit_test(test_cmd_parse_ambiguous_prefix_and_order),
		cmocka_unit_test(test_cmd_parse_help),
		cmocka_unit_test(test_cmd_templates_drive_completion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
