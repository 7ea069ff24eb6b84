/*
 * Splitting a command line into words; see argv.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "xmalloc.h"

/* see argv.h */
void
argv_free(char **argv)
{
	char **p;

	if (argv == NULL)
		return;
	for (p = argv; *p != NULL; p++)
		free(*p);
	free(argv);
}

static int
argv_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copies the word at *pp, unquoted, into word (*lenp bytes) and moves *pp
 * past it. Returns 0 or ISPM_EUSAGE with eb set.
 */
static int
argv_word(const char **pp, char *word, size_t *lenp, struct errbuf *eb)
{
	const char *p = *pp;
	size_t len = 0;
	char q;

	*lenp = 0;
	while (*p != '\0' && !argv_blank(*p)) {
		if (*p == '\'' || *p == '"') {
			for (q = *p++; *p != q && *p != '\0'; p++) {
				if (q == '"' && *p == '\\' &&
				    (p[1] == '"' || p[1] == '\\'))
					p++;
				word[len++] = *p;
			}
			if (*p == '\0')
				return err_set(eb, ISPM_EUSAGE,
				    "unterminated quote");
			p++;
		} else if (*p == '\\') {
			if (p[1] == '\0')
				return err_set(eb, ISPM_EUSAGE,
				    "backslash at end of line");
			word[len++] = p[1];
			p += 2;
		} else
			word[len++] = *p++;
	}
	*pp = p;
	*lenp = len;
	return 0;
}

/* see argv.h */
int
argv_split(const char *line, int *argcp, char ***argvp, struct errbuf *eb)
{
	char **argv, *word;
	const char *p = line;
	size_t argc = 0, len;
	int r;

	*argcp = 0;
	*argvp = NULL;
	/* No word is longer than the line it comes from. */
	word = xmalloc(strlen(line) + 1);
	argv = xcalloc(1, sizeof(*argv));
	for (;;) {
		while (argv_blank(*p))
			p++;
		if (*p == '\0')
			break;
		if ((r = argv_word(&p, word, &len, eb)) != 0)
			goto out;
		argv = xreallocarray(argv, argc + 2, sizeof(*argv));
		argv[argc++] = xstrndup(word, len);
		argv[argc] = NULL;
	}
	if (argc > ARGV_MAX) {
		r = err_set(eb, ISPM_EUSAGE, "too many words");
		goto out;
	}
	*argcp = (int)argc;
	*argvp = argv;
	argv = NULL;
	r = 0;
 out:
	free(word);
	argv_free(argv);
	return r;
}
