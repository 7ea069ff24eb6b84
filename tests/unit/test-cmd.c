/*
 * The command table: order, lookup rules, and agreement with the manual
 * pages (every command in ispmail(1), every config keyword in
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
	const char *const *k;
	char *man = slurp("man/ispmail.conf.5"), *want;

	for (k = conf_keywords; *k != NULL; k++) {
		want = xasprintf(".It Cm %s", *k);
		if (strstr(man, want) == NULL)
			fail_msg("keyword '%s' is missing from ispmail.conf(5)",
			    *k);
		free(want);
	}
	free(man);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
