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
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
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

/* Milliseconds left until deadline (CLOCK_MONOTONIC), 0 when past. */
static int
secret_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms <= 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms;
}

/*
 * Reads the command's first line from fd until deadline: one byte at a
 * time, so that no buffer beyond s holds it, and no further than s->cap
 * bytes, so that endless output is refused at once. Returns 0 (*got_nl
 * tells whether a newline ended it), ISPM_ETEMP at the deadline,
 * ISPM_EDATA for a line too long, ISPM_ECANCEL or ISPM_EIO.
 */
static int
secret_read_cmd_line(int fd, struct secret *s, const struct timespec *dl,
    int *got_nl, struct errbuf *eb)
{
	struct pollfd pfd;
	ssize_t n;
	char c;
	int pr;

	secret_clear(s);
	*got_nl = 0;
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		if ((pr = poll(&pfd, 1, secret_ms_left(dl))) == -1) {
			if (errno == EINTR)
				return err_set(eb, ISPM_ECANCEL, "interrupted");
			return err_set(eb, ISPM_EIO, "poll: %s",
			    strerror(errno));
		}
		if (pr == 0)
			return ISPM_ETEMP;
		if ((n = read(fd, &c, 1)) == -1) {
			if (errno == EINTR)
				return err_set(eb, ISPM_ECANCEL, "interrupted");
			return err_set(eb, ISPM_EIO, "cannot read the output "
			    "of password_command: %s", strerror(errno));
		}
		if (n == 0)
			break;
		if (c == '\n') {
			*got_nl = 1;
			break;
		}
		if (s->len >= s->cap) {
			sodium_memzero(&c, sizeof(c));
			return ISPM_EDATA;
		}
		s->buf[s->len++] = c;
	}
	sodium_memzero(&c, sizeof(c));
	if (s->len > 0 && s->buf[s->len - 1] == '\r')
		s->buf[--s->len] = '\0';
	return 0;
}

/*
 * Waits for pid until deadline. Returns 1 with *status when it ended, 0
 * when the deadline passed first.
 */
static int
secret_wait_until(pid_t pid, int *status, const struct timespec *dl)
{
	pid_t w;

	for (;;) {
		if ((w = waitpid(pid, status, WNOHANG)) == pid)
			return 1;
		if (w == -1 && errno != EINTR)
			return 1;	/* not our child any more: nothing to wait */
		if (secret_ms_left(dl) == 0)
			return 0;
		poll(NULL, 0, 10);
	}
}

/*
 * see secret.h
 *
 * The command runs in a process group of its own, which is killed when we
 * are done with it: on time-out, on output that is not one short line,
 * and after it exits, for what it left running in the background (which
 * may hold the pipe open for ever). Reading stops at the first newline, so
 * a command that keeps writing (yes) is cut by SIGPIPE, which is not a
 * failure: only a line was asked for, and it is complete.
 */
int
secret_from_command(const char *cmd, long timeout_s, struct secret *s,
    struct errbuf *eb)
{
	struct timespec dl;
	sigset_t ttou, omask;
	int pfd[2], status = 0, r, got_nl, ended, devnull, tty, fg;
	pid_t pid;

	if (timeout_s <= 0)
		timeout_s = 30;
	if (pipe2(pfd, O_CLOEXEC) == -1)
		return err_set(eb, ISPM_EIO, "pipe: %s", strerror(errno));
	/*
	 * A command may ask on the terminal (sudo, a passphrase): when we
	 * hold the terminal, its group gets it while it runs, or its read
	 * would stop it (SIGTTIN) until the time-out.
	 */
	tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	fg = tty != -1 && tcgetpgrp(tty) == getpgrp();
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	if ((pid = fork()) == -1) {
		close(pfd[0]);
		close(pfd[1]);
		if (tty != -1)
			close(tty);
		return err_set(eb, ISPM_EIO, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		setpgid(0, 0);
		if (fg) {
			/* From a background group this would stop us. */
			sigprocmask(SIG_BLOCK, &ttou, &omask);
			tcsetpgrp(tty, getpid());
			sigprocmask(SIG_SETMASK, &omask, NULL);
		}
		devnull = open("/dev/null", O_RDONLY);
		if (devnull != -1)
			dup2(devnull, STDIN_FILENO);
		dup2(pfd[1], STDOUT_FILENO);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	/* Also here, so that the group exists before we may kill it. */
	setpgid(pid, pid);
	close(pfd[1]);
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += timeout_s;
	r = secret_read_cmd_line(pfd[0], s, &dl, &got_nl, eb);
	close(pfd[0]);
	ended = r == 0 ? secret_wait_until(pid, &status, &dl) : 0;
	kill(-pid, SIGKILL);
	if (!ended)
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	if (fg) {
		/* Take the terminal back, from what is now the background. */
		sigprocmask(SIG_BLOCK, &ttou, &omask);
		tcsetpgrp(tty, getpgrp());
		sigprocmask(SIG_SETMASK, &omask, NULL);
	}
	if (tty != -1)
		close(tty);
	if (r == 0 && !ended)
		r = ISPM_ETEMP;
	if (r != 0)
		secret_clear(s);
	switch (r) {
	case 0:
		break;
	case ISPM_ETEMP:
		return err_set(eb, ISPM_ECONFIG, "password_command did not "
		    "finish within %lds (the profile's timeout): killed",
		    timeout_s);
	case ISPM_EDATA:
		return err_set(eb, ISPM_ECONFIG, "password_command printed a "
		    "line longer than %zu bytes", s->cap);
	default:
		return r;
	}
	/* Cut by SIGPIPE after the line: itself, or the shell says 141. */
	if (got_nl && s->len > 0 &&
	    ((WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) ||
	    (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGPIPE)))
		return 0;
	if (WIFSIGNALED(status)) {
		secret_clear(s);
		return err_set(eb, ISPM_ECONFIG, "password_command was killed "
		    "by signal %d", WTERMSIG(status));
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		secret_clear(s);
		return err_set(eb, ISPM_ECONFIG,
		    "password_command failed (exit status %d)",
		    WEXITSTATUS(status));
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
