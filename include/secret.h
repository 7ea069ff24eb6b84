/*
 * Secrets (API password, mailbox passwords, session ids): kept in libsodium
 * guarded memory (sodium_malloc: guard pages, mlock, wiped on free), never
 * reallocated, always NUL-terminated for the libraries that want C strings.
 */
#ifndef ISPMAIL_SECRET_H
#define ISPMAIL_SECRET_H

#include <stddef.h>

#include "err.h"

/* The longest secret any source may supply. */
#define SECRET_MAX 1024

struct secret {
	char	*buf;	/* sodium_malloc'd, cap + 1 bytes, NUL-terminated */
	size_t	 len;
	size_t	 cap;
};

/* Returns an empty secret able to hold cap bytes; free with secret_free(). */
struct secret *secret_new(size_t cap);

/* Wipes and frees s; accepts NULL. */
void	secret_free(struct secret *s);

/* Empties s and wipes its bytes. */
void	secret_clear(struct secret *s);

/* Replaces the contents. Returns 0 or ISPM_EDATA when len exceeds cap. */
int	secret_set(struct secret *s, const char *data, size_t len,
	    struct errbuf *eb);

/* Constant-time equality. */
int	secret_equal(const struct secret *a, const struct secret *b);

/*
 * Prompts on /dev/tty with echo off and reads one line into s.
 * Returns 0, ISPM_ECANCEL on end of input or interrupt, ISPM_EIO when no
 * terminal is available.
 */
int	secret_read_tty(const char *prompt, struct secret *s,
	    struct errbuf *eb);

/*
 * Reads one line from fd (a trailing "\n" or "\r\n" is dropped) without
 * buffering beyond it, so that several secrets can follow on one pipe.
 * Returns 0, ISPM_EDATA (empty input or line too long) or ISPM_EIO.
 */
int	secret_read_fd(int fd, struct secret *s, struct errbuf *eb);

/*
 * Runs cmd with /bin/sh -c in a process group of its own, stdin from
 * /dev/null, and keeps the first line of its output. The command must
 * print that line and exit within timeout_s seconds (30 when <= 0); its
 * group is killed afterwards, and at once when the line is longer than
 * s->cap. Returns 0, ISPM_ECONFIG (timed out, killed by a signal, failed,
 * line too long, or printed nothing), ISPM_ECANCEL or ISPM_EIO.
 */
int	secret_from_command(const char *cmd, long timeout_s,
	    struct secret *s, struct errbuf *eb);

/*
 * Reads the first line of path after checking with fstat that the file is
 * a regular file owned by the effective user (or root) and not readable by
 * group or others. Returns 0, ISPM_ECONFIG or ISPM_ENOINPUT.
 */
int	secret_from_file(const char *path, struct secret *s,
	    struct errbuf *eb);

/*
 * Checks an open file the way secret_from_file() does; used for config
 * files too. what names the file in the message ("config file").
 * Returns 0 or ISPM_ECONFIG.
 */
int	secret_check_file_mode(int fd, const char *path, const char *what,
	    struct errbuf *eb);

#endif
