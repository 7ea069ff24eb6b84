/*
 * Lines to word vectors and back (OpenSSH misc.c argv_split): the shell
 * runs a line split here, and completion splits the words before the
 * cursor the same way. Below both, knowing neither.
 */
#ifndef ISPMAIL_ARGV_H
#define ISPMAIL_ARGV_H

#include "err.h"

/*
 * Splits line into words: blanks separate words, '...' keeps everything
 * literally, "..." keeps everything but \" and \\, and a backslash
 * outside quotes takes the next character literally. On success *argvp
 * is a NULL-terminated vector (free with argv_free) and *argcp its
 * length, possibly 0. Returns 0 or ISPM_EUSAGE (unterminated quote,
 * trailing backslash, more than ARGV_MAX words) with eb set.
 */
int	argv_split(const char *line, int *argcp, char ***argvp,
	    struct errbuf *eb);

/* Frees a NULL-terminated vector of strings and the strings; accepts NULL. */
void	argv_free(char **argv);

/* More words than any command takes: a pasted file, not a command. */
#define ARGV_MAX	1024

#endif
