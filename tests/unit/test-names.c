/*
 * Unit tests for the mailbox name rules: the table in tests/data/names.txt
 * (every accepted and refused form with its rule and position), then the
 * exact wording of the messages an admin sees.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmd.h"
#include "names.h"

extern const struct cmd_entry cmd_validate_entry;

/* Decodes \xHH, \t and \\ in place. */
static void
unescape(char *s)
{
	char *d = s;
	unsigned int x;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] == 'x' &&
		    sscanf(s + 2, "%2x", &x) == 1) {
			*d++ = (char)x;
			s += 4;
		} else if (s[0] == '\\' && s[1] == 't') {
			*d++ = '\t';
			s += 2;
		} else if (s[0] == '\\' && s[1] == '\\') {
			*d++ = '\\';
			s += 2;
		} else
			*d++ = *s++;
	}
	*d = '\0';
}

static FILE *
open_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/%s",
	    top != NULL ? top : ".", name);
	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	return fp;
}

static void
test_names_table(void **state)
{
	FILE *fp = open_data("names.txt");
	struct names_verdict v;
	struct errbuf eb;
	char line[2048], *addr, *rule, *pos, *end;
	int lineno = 0, r, checked = 0;

	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		addr = line;
		if ((rule = strchr(addr, '\t')) == NULL)
			fail_msg("names.txt:%d: no tab", lineno);
		*rule++ = '\0';
		if ((pos = strchr(rule, '\t')) != NULL)
			*pos++ = '\0';
		unescape(addr);
		err_clear(&eb);
		r = names_check(addr, &v, &eb);
		if (strcmp(rule, "ok") == 0) {
			if (r != 0)
				fail_msg("names.txt:%d: refused: %s", lineno,
				    eb.msg);
		} else {
			if (r != ISPM_EDATA)
				fail_msg("names.txt:%d: accepted, expected %s",
				    lineno, rule);
			if (strcmp(names_rule_name(v.rule), rule) != 0)
				fail_msg("names.txt:%d: rule %s, expected %s "
				    "(%s)", lineno, names_rule_name(v.rule),
				    rule, eb.msg);
			if (pos == NULL ||
			    strtoul(pos, &end, 10) != v.pos || *end != '\0')
				fail_msg("names.txt:%d: position %zu, expected "
				    "%s (%s)", lineno, v.pos, pos, eb.msg);
			if (v.pos != 0) {
				char want[64];

				snprintf(want, sizeof(want), "position %zu",
				    v.pos);
				if (strstr(eb.msg, want) == NULL)
					fail_msg("names.txt:%d: message lacks "
					    "'%s': %s", lineno, want, eb.msg);
			}
			/* Messages never echo raw control bytes. */
			for (end = eb.msg; *end != '\0'; end++)
				if ((unsigned char)*end < 0x20 || *end == 0x7f)
					fail_msg("names.txt:%d: control byte in "
					    "message", lineno);
		}
		checked++;
	}
	fclose(fp);
	assert_true(checked > 50);
}

static void
expect_msg(int r, const struct errbuf *eb, const char *want)
{
	assert_int_equal(r, ISPM_EDATA);
	assert_string_equal(eb->msg, want);
}

static void
test_names_messages(void **state)
{
	struct errbuf eb;

	expect_msg(names_check_address("jean..dupont@example.com", &eb), &eb,
	    "invalid local part 'jean..dupont': two dots in a row at "
	    "position 6");
	expect_msg(names_check_address("jé@example.com", &eb), &eb,
	    "invalid character 'é' at position 2 in local part 'jé': only "
	    "A-Z a-z 0-9 . _ - are allowed");
	expect_msg(names_check_address("a\x01" "b@example.com", &eb), &eb,
	    "invalid character '\\x01' at position 2 in local part "
	    "'a\\x01b': only A-Z a-z 0-9 . _ - are allowed");
	expect_msg(names_check_address("a\xe2\x80\xae" "b@example.com", &eb),
	    &eb, "invalid character '\\xe2\\x80\\xae' at position 2 in local "
	    "part 'a\\xe2\\x80\\xaeb': only A-Z a-z 0-9 . _ - are allowed");
	expect_msg(names_check_address("jean@bücher.ch", &eb), &eb,
	    "invalid character 'ü' at position 2 in domain 'bücher.ch': only "
	    "letters, digits, '-' and '.' are allowed (write an "
	    "international domain in its xn-- form)");
	expect_msg(names_check_address(
	    "jean.dupont.de.la.fontaine.des.bois@mut1.hebergeur-exemple.france",
	    &eb), &eb, "address too long: 'jean.dupont.de.la.fontaine.des."
	    "bois@mut1.hebergeur-exemple.france' has 65 characters, ISPConfig "
	    "allows 64 (login = address); the excess starts at position 65");
	expect_msg(names_check_address("jean", &eb), &eb,
	    "invalid address 'jean': no '@', expected local@domain");
	expect_msg(names_check_address("jean@example", &eb), &eb,
	    "invalid domain 'example': a single label, at least two are "
	    "needed (as in example.com)");
}

static void
test_names_parts(void **state)
{
	struct errbuf eb;
	char label[64], dom[300];

	assert_int_equal(names_check_local("jean.dupont", &eb), 0);
	assert_int_equal(names_check_local("", &eb), ISPM_EDATA);
	assert_int_equal(names_check_local("a@b", &eb), ISPM_EDATA);
	assert_int_equal(names_check_domain("EXAMPLE.com", &eb), 0);
	assert_int_equal(names_check_domain("", &eb), ISPM_EDATA);
	memset(label, 'b', 63);
	label[63] = '\0';
	snprintf(dom, sizeof(dom), "%s.fr", label);
	assert_int_equal(names_check_domain(dom, &eb), 0);
	/* 253 characters exactly: 3 labels of 63, one of 61, 3 dots. */
	snprintf(dom, sizeof(dom), "%s.%s.%s.%.61s", label, label, label,
	    label);
	assert_int_equal(strlen(dom), 253);
	assert_int_equal(names_check_domain(dom, &eb), 0);
	strcat(dom, "b");
	assert_int_equal(names_check_domain(dom, &eb), ISPM_EDATA);
	assert_non_null(strstr(eb.msg, "position 254"));
}

static void
test_names_long_input_is_cut(void **state)
{
	struct errbuf eb;
	char big[2000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[1000] = '@';
	assert_int_equal(names_check_address(big, &eb), ISPM_EDATA);
	assert_non_null(strstr(eb.msg, "...'"));
	assert_non_null(strstr(eb.msg, "position 65"));
}

static void
test_names_normalize(void **state)
{
	struct errbuf eb;
	char *s = NULL;

	assert_int_equal(names_normalize("Jean.Dupont@Example.COM", NULL, &s,
	    &eb), 0);
	assert_string_equal(s, "jean.dupont@example.com");
	free(s);
	assert_int_equal(names_normalize("Paul", "Example.org", &s, &eb), 0);
	assert_string_equal(s, "paul@example.org");
	free(s);
	assert_int_equal(names_normalize("paul", NULL, &s, &eb), ISPM_EDATA);
	assert_null(s);
	assert_int_equal(names_normalize("pa..ul", "example.org", &s, &eb),
	    ISPM_EDATA);
	assert_null(s);
	assert_int_equal(names_normalize("a@b@example.org", "example.org", &s,
	    &eb), ISPM_EDATA);
	assert_null(s);
}

static void
test_names_rule_names(void **state)
{
	assert_string_equal(names_rule_name(NAMES_DOT_DOUBLE), "dot-double");
	assert_string_equal(names_rule_name(NAMES_ADDRESS_LENGTH),
	    "address-length");
	assert_string_equal(names_rule_name((enum names_rule)999), "unknown");
}

/* Runs validate with argv; output and the code come back. */
static int
run_validate(struct ispm_ctx *ctx, char **out, int argc, char **argv)
{
	size_t outsz;
	int r;

	*out = NULL;
	assert_non_null(ctx->out = open_memstream(out, &outsz));
	ctx->errs = stderr;
	r = cmd_run(ctx, argc, argv);
	fclose(ctx->out);
	return r;
}

static void
test_names_validate_command(void **state)
{
	struct ispm_ctx ctx;
	char *out;
	char *argv1[] = { (char *)"validate", (char *)"jean@example.com",
	    (char *)"jean..dupont@example.com",
	    (char *)"a\x1b[2Jb@example.com", NULL };
	char *argv2[] = { (char *)"validate", (char *)"--",
	    (char *)"-x@example.com", NULL };
	char *argv3[] = { (char *)"validate", (char *)"paul", NULL };
	char *argv4[] = { (char *)"validate", NULL };

	memset(&ctx, 0, sizeof(ctx));
	assert_int_equal(run_validate(&ctx, &out, 4, argv1), ISPM_EDATA);
	assert_string_equal(out,
	    "jean@example.com\tok\n"
	    "jean..dupont@example.com\tinvalid: invalid local part "
	    "'jean..dupont': two dots in a row at position 6\n"
	    "a?[2Jb@example.com\tinvalid: invalid character '\\x1b' at "
	    "position 2 in local part 'a\\x1b[2Jb': only A-Z a-z 0-9 . _ - "
	    "are allowed\n");
	assert_string_equal(ctx.err.msg, "2 of 3 addresses invalid");
	free(out);

	assert_int_equal(run_validate(&ctx, &out, 3, argv2), ISPM_EDATA);
	assert_non_null(strstr(out, "-x@example.com\tinvalid: "));
	assert_string_equal(ctx.err.msg, "1 of 1 address invalid");
	free(out);

	/* A bare local part takes the shell's current domain. */
	ctx.domain = (char *)"example.org";
	assert_int_equal(run_validate(&ctx, &out, 2, argv3), 0);
	assert_string_equal(out, "paul\tok\n");
	free(out);
	ctx.domain = NULL;
	assert_int_equal(run_validate(&ctx, &out, 2, argv3), ISPM_EDATA);
	free(out);

	assert_int_equal(run_validate(&ctx, &out, 1, argv4), ISPM_EUSAGE);
	free(out);

	ctx.json = 1;
	assert_int_equal(run_validate(&ctx, &out, 4, argv1), ISPM_EDATA);
	assert_non_null(strstr(out, "\"rule\":\"dot-double\""));
	assert_non_null(strstr(out, "\"position\":6"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_table),
		cmocka_unit_test(test_names_messages),
		cmocka_unit_test(test_names_parts),
		cmocka_unit_test(test_names_long_input_is_cut),
		cmocka_unit_test(test_names_normalize),
		cmocka_unit_test(test_names_rule_names),
		cmocka_unit_test(test_names_validate_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
