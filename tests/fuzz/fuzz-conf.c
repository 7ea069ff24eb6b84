/*
 * libFuzzer harness for the ispmail.conf(5) parser: any byte string is
 * parsed as a config file; a file that parses must then survive profile
 * selection and conf_show(), and conf_show() must never print a
 * password_command. Build and run with "make fuzz-conf" (clang required).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Paths starting with ~/ expand against HOME; the rest must not
	 * depend on the fuzzing machine's environment. */
	setenv("HOME", "/home/fuzz", 1);
	unsetenv("ISPMAIL_PROFILE");
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg = NULL;
	const struct profile *p;
	struct errbuf eb;
	char *shown = NULL, *line;
	size_t shownsz = 0, i;
	FILE *in, *out;

	if (size == 0 || (in = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	if (conf_parse(in, "fuzz.conf", devnull, &cfg, &eb) != 0) {
		fclose(in);
		if (cfg != NULL || strstr(eb.msg, " in fuzz.conf") == NULL)
			abort();
		return 0;
	}
	fclose(in);
	(void)conf_profile(cfg, NULL, &p, &eb);
	for (i = 0; i < cfg->nprofiles; i++) {
		if (conf_profile(cfg, cfg->profiles[i]->name, &p, &eb) != 0 ||
		    p != cfg->profiles[i])
			abort();
		if (p->timeout < 1 || p->connect_timeout < 1 ||
		    p->min_guesses_log10 < 4 || p->min_guesses_log10 > 30)
			abort();
		if (p->password_command != NULL && p->password_file != NULL)
			abort();
	}
	if ((out = open_memstream(&shown, &shownsz)) == NULL)
		abort();
	conf_show(cfg, NULL, out);
	fclose(out);
	/* Only the keyword at the start of a line: a path may contain it. */
	for (line = shown;
	    (line = strstr(line, "\n\tpassword_command ")) != NULL; line++)
		if (strncmp(line, "\n\tpassword_command ********\n", 28) != 0)
			abort();
	free(shown);
	conf_free(cfg);
	return 0;
}
