/*
 * Secrets in libsodium guarded memory and the ways they come in: terminal
 * prompt without echo, a pipe, a command, a protected file.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "secret.h"
#include "safefile.h"
#include "xmalloc.h"

/* see secret.h */
struct secret *
secret_new(size_t cap)
{
	struct secret *s;

	s = xcalloc(1, sizeof(*s));
	if ((s->buf = sodium_malloc(cap + 1)) == NULL) {
		fprintf(stderr, "ispmail: cannot allocate secure memory\n");
		abort();
	}
	s->cap = cap;
	sodium_memzero(s->buf, cap + 1);
	return s;
}

/* see secret.h */
void
secret_free(struct secret *s)
{
	if (s == NULL)
		return;
	sodium_free(s->buf);
	free(s);
}

/* see secret.h */
void
secret_clear(struct secret *s)
{
	sodium_memzero(s->buf, s->cap + 1);
	s->len = 0;
}

/* see secret.h */
int
secret_set(struct secret *s, const char *data, size_t len, struct errbuf *eb)
{
	if (len > s->cap)
		return err_set(eb, ISPM_EDATA,
		    "secret too long: %zu bytes, at most %zu", len, s->cap);
	secret_clear(s);
	memcpy(s->buf, data, len);
	s->len = len;
	return 0;
}

/* see secret.h */
int
secret_equal(const struct secret *a, const struct secret *b)
{
	if (a->len != b->len)
		return 0;
	return sodium_memcmp(a->buf, b->buf, a->len) == 0;
}

/*
 * Reads bytes one at a time up to a newline so that nothing past the line
 * is consumed from a shared pipe and no stdio buffer ever holds the secret.
 */
static int
secret_read_line(int fd, struct secret *s, int *eof, struct errbuf *eb)
{
	char c;
	ssize_t n;
	int toolong = 0;

	secret_clear(s);
	*eof = 0;
	for (;;) {
		n = read(fd, &c, 1);
		if (n < 0) {
			if (errno == EINTR)
				return err_set(eb, ISPM_ECANCEL, "interrupted");
			return err_set(eb, ISPM_EIO, "cannot read secret: %s",
			    strerror(errno));
		}
		if (n == 0) {
			*eof = 1;
			break;
		}
		if (c == '\n')
			break;
		if (s->len >= s->cap) {
			toolong = 1;
			continue;
		}
		s->buf[s->len++] = c;
	}
	sodium_memzero(&c, sizeof(c));
	if (toolong) {
		secret_clear(s);
		return err_set(eb, ISPM_EDATA,
		    "secret too long: at most %zu bytes", s->cap);
	}
	if (s->len > 0 && s->buf[s->len - 1] == '\r')
		s->buf[--s->len] = '\0';
	return 0;
}

/* see secret.h */
int
secret_read_tty(const char *prompt, struct secret *s, struct errbuf *eb)
{
	struct termios old, noecho;
	int fd, r, eof, restore = 0;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1)
		return err_set(eb, ISPM_EIO,
		    "no terminal to ask for the password: use --password-stdin "
		    "or --generate");
	if (tcgetattr(fd, &old) == 0) {
		noecho = old;
		noecho.c_lflag &= ~(ECHO | ECHONL);
		noecho.c_lflag |= ICANON;
		if (tcsetattr(fd, TCSAFLUSH, &noecho) == 0)
			restore = 1;
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* The prompt is a courtesy; reading still works without it. */
	}
	r = secret_read_line(fd, s, &eof, eb);
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	if (r == 0 && eof && s->len == 0)
		r = err_set(eb, ISPM_ECANCEL, "no password entered");
	return r;
}

/* see secret.h */
int
secret_read_fd(int fd, struct secret *s, struct errbuf *eb)
{
	int r, eof;

	if ((r = secret_read_line(fd, s, &eof, eb)) != 0)
		return r;
	if (s->len == 0)
		return err_set(eb, ISPM_EDATA, "empty password on standard input");
	return 0;
}

/* see secret.h */
int
secret_from_command(const char *cmd, struct secret *s, struct errbuf *eb)
{
	int pfd[2], status, r, eof, devnull;
	pid_t pid;
	char drain[256];

	if (pipe2(pfd, O_CLOEXEC) == -1)
		return err_set(eb, ISPM_EIO, "pipe: %s", strerror(errno));
	if ((pid = fork()) == -1) {
		close(pfd[0]);
		close(pfd[1]);
		return err_set(eb, ISPM_EIO, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		if (devnull != -1)
			dup2(devnull, STDIN_FILENO);
		dup2(pfd[1], STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	r = secret_read_line(pfd[0], s, &eof, eb);
	/* Let the command finish writing so that it does not die of SIGPIPE. */
	while (!eof && read(pfd[0], drain, sizeof(drain)) > 0)
		;
	sodium_memzero(drain, sizeof(drain));
	close(pfd[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (r != 0) {
		secret_clear(s);
		return r == ISPM_EDATA ? err_set(eb, ISPM_ECONFIG,
		    "password_command printed a line longer than %zu bytes",
		    s->cap) : r;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		secret_clear(s);
		return err_set(eb, ISPM_ECONFIG,
		    "password_command failed (exit status %d)",
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	if (s->len == 0)
		return err_set(eb, ISPM_ECONFIG, "password_command printed no password");
	return 0;
}

/* see secret.h */
int
secret_check_file_mode(int fd, const char *path, const char *what,
    struct errbuf *eb)
{
	struct stat st;

	if (fstat(fd, &st) == -1)
		return err_set(eb, ISPM_ECONFIG, "%s: cannot stat %s: %s", path,
		    what, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(eb, ISPM_ECONFIG, "%s: %s is not a regular file",
		    path, what);
	if (st.st_uid != geteuid() && st.st_uid != 0)
		return err_set(eb, ISPM_ECONFIG,
		    "%s: %s is owned by uid %lu, not by you: chown it", path,
		    what, (unsigned long)st.st_uid);
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		return err_set(eb, ISPM_ECONFIG,
		    "%s: %s is accessible by group or others (mode %04o): run "
		    "'chmod 600 %s'", path, what,
		    (unsigned)(st.st_mode & 07777), path);
	return 0;
}

/* see secret.h */
int
secret_from_file(const char *path, struct secret *s, struct errbuf *eb)
{
	const char *why;
	int fd, r, eof;

	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1)
		return err_set(eb, ISPM_ECONFIG, "%s: cannot open password_file: %s",
		    path, why);
	if ((r = secret_check_file_mode(fd, path, "password_file", eb)) == 0) {
		r = secret_read_line(fd, s, &eof, eb);
		if (r == 0 && s->len == 0)
			r = err_set(eb, ISPM_ECONFIG, "%s: password_file is empty",
			    path);
		else if (r == ISPM_EDATA)
			r = err_set(eb, ISPM_ECONFIG,
			    "%s: password_file line longer than %zu bytes", path,
			    s->cap);
	}
	close(fd);
	if (r != 0)
		secret_clear(s);
	return r;
}
