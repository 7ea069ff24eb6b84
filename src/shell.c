/*
 * The interactive admin shell and its batch mode.
 *
 * Interactive input uses readline's callback interface rather than
 * readline(): the loop waits in pselect() itself, so that its own SIGINT
 * handler (installed without SA_RESTART) sees Ctrl-C both while a line is
 * edited (the line is dropped) and while a command or a completion fetch
 * runs (ctx->cancel makes the API call return ISPM_ECANCEL), and the
 * terminal is back in cooked mode while a command prompts for a password.
 *
 * History only records lines that name a known command without
 * CMD_SECRET_INPUT. Lines that do not parse or name no command are left
 * out too: the likeliest such line is a password typed at the wrong
 * prompt.
 */
#include "config.h"

#include <sys/select.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "argv.h"
#include "cmd.h"
#include "complete.h"
#include "output.h"
#include "safefile.h"
#include "shell.h"
#include "xmalloc.h"

/* Set by the SIGINT handler; the loop clears it once acted upon. */
static volatile sig_atomic_t shell_intr;
static volatile sig_atomic_t shell_winch;
static volatile sig_atomic_t shell_tstp;
static volatile sig_atomic_t shell_cancel_flag;
static volatile sig_atomic_t *shell_cancelp = &shell_cancel_flag;

/* The line handed over by readline's callback, and whether one came. */
static char *shell_line;
static int shell_got_line;

static void
shell_sigint(int sig)
{
	(void)sig;
	shell_intr = 1;
	*shell_cancelp = 1;
}

/*
 * readline only watches the window size inside rl_callback_read_char(),
 * while the loop waits outside it: note the change and tell readline.
 */
static void
shell_sigwinch(int sig)
{
	(void)sig;
	shell_winch = 1;
}

/* Ctrl-Z while a line is edited: the loop stops the process itself. */
static void
shell_sigtstp(int sig)
{
	(void)sig;
	shell_tstp = 1;
}

/*
 * Stops the process as Ctrl-Z asks, with the terminal as the login shell
 * expects it, and takes the line back up after fg: readline's own SIGTSTP
 * handling is off (rl_catch_signals), and a shell does not give a resumed
 * job back the raw mode it left in. Called with SIGTSTP blocked.
 */
static void
shell_suspend(void)
{
	struct sigaction dfl, old;
	sigset_t tstp;

	rl_deprep_terminal();
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	raise(SIGTSTP);
	/* pending until unblocked: the process stops here until SIGCONT */
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	sigaction(SIGTSTP, &old, NULL);
	rl_prep_terminal(1);
	rl_forced_update_display();
}

/* see shell.h */
char *
shell_history_path(void)
{
	const char *s;

	if ((s = getenv("XDG_STATE_HOME")) != NULL && s[0] == '/')
		return xasprintf("%s/ispmail/history", s);
	if ((s = getenv("HOME")) != NULL && s[0] != '\0')
		return xasprintf("%s/.local/state/ispmail/history", s);
	return NULL;
}

/*
 * Makes sure the history file exists as our own regular file with mode
 * 0600 before readline reads or appends to it: created under our umask,
 * then fchmod()ed, which also repairs a file a user made readable.
 * Returns the path (caller frees) or NULL when there is no usable file,
 * in which case history stays in memory only.
 */
static char *
shell_history_open(FILE *errs)
{
	struct stat st;
	char *path;
	int fd;

	if ((path = shell_history_path()) == NULL)
		return NULL;
	if (safefile_mkparents(path) == -1 ||
	    (fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) == -1) {
		fprintf(errs, "ispmail: history not saved: %s: %s\n", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || fchmod(fd, 0600) == -1) {
		fprintf(errs, "ispmail: history not saved: %s: not a regular "
		    "file of ours with mode 0600\n", path);
		close(fd);
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

/* Prints "ispmail: CMD: message" on one line, control characters masked. */
static void
shell_report(struct ispm_ctx *ctx, const char *name, int code)
{
	const char *msg = ctx->err.msg[0] != '\0' ? ctx->err.msg :
	    ispm_strerror(code);
	size_t len = name != NULL ? strlen(name) : 0;

	fputs("ispmail: ", ctx->errs);
	/* Some messages already start with the command's name. */
	if (name != NULL &&
	    !(strncmp(msg, name, len) == 0 && msg[len] == ':'))
		fprintf(ctx->errs, "%s: ", name);
	out_safe(ctx->errs, msg);
	fputc('\n', ctx->errs);
	fflush(ctx->errs);
}

/*
 * Runs one line. Returns the command's code (0 for a blank line or a
 * comment) and sets *quit when the command asked to leave. When histpath
 * is not NULL the line may be added to history.
 */
static int
shell_exec_line(struct ispm_ctx *ctx, const char *line, const char *histpath,
    int interactive, int *quit)
{
	const struct cmd_entry *e;
	const struct profile *oldprof = ctx->profile;
	char **argv = NULL;
	int argc, r;

	*quit = 0;
	err_clear(&ctx->err);
	line += strspn(line, " \t");
	if (line[0] == '\0' || line[0] == '#')
		return 0;
	if ((r = argv_split(line, &argc, &argv, &ctx->err)) != 0) {
		shell_report(ctx, NULL, r);
		return r;
	}
	if (argc == 0) {
		argv_free(argv);
		return 0;
	}
	if ((e = ctx_find(ctx, argv[0])) == NULL) {
		r = ISPM_EUSAGE;
		shell_report(ctx, NULL, r);
		goto out;
	}
	if (interactive && !(e->flags & CMD_SECRET_INPUT) &&
	    (history_length == 0 ||
	    strcmp(history_get(history_base + history_length - 1)->line,
	    line) != 0)) {
		add_history(line);
		if (histpath != NULL && append_history(1, histpath) != 0)
			fprintf(ctx->errs, "ispmail: history not saved: %s\n",
			    histpath);
	}
	shell_intr = 0;
	*ctx->cancel = 0;
	r = cmd_run(ctx, argc, argv);
	fflush(ctx->out);
	/* The terminal echoed "^C" where the output stood: start afresh. */
	if (interactive && shell_intr)
		fputc('\n', ctx->errs);
	/* A Ctrl-C during the command was for the command alone. */
	shell_intr = 0;
	*ctx->cancel = 0;
	if (r == CMD_QUIT) {
		*quit = 1;
		r = 0;
	} else if (r < 0)
		shell_report(ctx, e->name, r);
	if ((e->flags & CMD_MUTATES) || ctx->profile != oldprof)
		complete_invalidate();
 out:
	argv_free(argv);
	return r;
}

/* "ispmail PROFILE:DOMAIN> ", with what is not known left out. */
static char *
shell_prompt(struct ispm_ctx *ctx)
{
	const char *prof = ctx->profile != NULL ? ctx->profile->name :
	    ctx->profile_name;
	char *s, *p;

	if (prof == NULL)
		s = xstrdup("ispmail> ");
	else if (ctx->domain == NULL)
		s = xasprintf("ispmail %s> ", prof);
	else
		s = xasprintf("ispmail %s:%s> ", prof, ctx->domain);
	/* A profile name is the user's own text, but a control character
	 * in a prompt would still confuse readline's redisplay. */
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return s;
}

/* Readline's line handler: hand the line to the loop, leave raw mode. */
static void
shell_line_cb(char *line)
{
	rl_callback_handler_remove();
	shell_line = line;
	shell_got_line = 1;
}

/*
 * Reads one line with readline. Returns 1 with *line (caller frees, NULL
 * at end of input) or 0 when Ctrl-C dropped the line being edited.
 */
static int
shell_readline(struct ispm_ctx *ctx, char **line)
{
	struct sigaction sa, oldtstp;
	sigset_t block, orig;
	fd_set fds;
	char *prompt;
	int fd = fileno(rl_instream), n;

	*line = NULL;
	shell_got_line = 0;
	shell_line = NULL;
	prompt = shell_prompt(ctx);
	rl_callback_handler_install(prompt, shell_line_cb);
	free(prompt);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	/* Only while a line is edited: Ctrl-Z during a command stops it at
	 * once, in the cooked mode commands run in. */
	shell_tstp = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = shell_sigtstp;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &oldtstp);
	while (!shell_got_line) {
		/* Block the signals between the test and the wait, so that
		 * a Ctrl-C cannot slip in and be noticed one key late. */
		sigprocmask(SIG_BLOCK, &block, &orig);
		if (shell_intr) {
			sigprocmask(SIG_SETMASK, &orig, NULL);
			shell_intr = 0;
			*ctx->cancel = 0;
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_callback_handler_remove();
			fputs("\n", rl_outstream);
			fflush(rl_outstream);
			sigaction(SIGTSTP, &oldtstp, NULL);
			return 0;
		}
		if (shell_winch) {
			shell_winch = 0;
			rl_resize_terminal();
		}
		if (shell_tstp) {
			shell_tstp = 0;
			shell_suspend();
		}
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		n = pselect(fd + 1, &fds, NULL, NULL, NULL, &orig);
		sigprocmask(SIG_SETMASK, &orig, NULL);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			rl_callback_handler_remove();
			sigaction(SIGTSTP, &oldtstp, NULL);
			return 1;
		}
		rl_callback_read_char();
	}
	sigaction(SIGTSTP, &oldtstp, NULL);
	*line = shell_line;
	shell_line = NULL;
	return 1;
}

static int
shell_interactive(struct ispm_ctx *ctx)
{
	const struct profile *p;
	char *histpath, *line;
	int r, quit = 0;

	rl_readline_name = "ispmail";
	/* readline only sets its streams on first use; the loop needs the
	 * input's descriptor before that. */
	rl_instream = stdin;
	rl_outstream = stdout;
	/* Our own SIGINT handler stays in charge; readline would otherwise
	 * swap it in and out around every key. */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	complete_init(ctx);
	using_history();
	stifle_history(SHELL_HISTORY_MAX);
	if ((histpath = shell_history_open(ctx->errs)) != NULL) {
		read_history(histpath);
		history_truncate_file(histpath, SHELL_HISTORY_MAX);
	}
	/* Load the profile now so the prompt can name it; a broken config
	 * is reported but still leaves help and profile usable. */
	if ((r = ctx_profile(ctx, &p)) != 0)
		shell_report(ctx, NULL, r);
	while (!quit) {
		if (!shell_readline(ctx, &line))
			continue;
		if (line == NULL) {
			/* Ctrl-D: end the prompt's line like a command would. */
			fputs("\n", rl_outstream);
			break;
		}
		shell_exec_line(ctx, line, histpath, 1, &quit);
		free(line);
	}
	if (histpath != NULL)
		history_truncate_file(histpath, SHELL_HISTORY_MAX);
	free(histpath);
	clear_history();
	complete_free();
	return 0;
}

/*
 * Runs the lines of fp. A failure leaves a summary in ctx->err (where the
 * run stopped, or how many commands failed) for main to print after the
 * commands' own messages, which helps in a cron mail.
 */
static int
shell_batch(struct ispm_ctx *ctx, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0, nfailed = 0;
	int r, last = 0, quit = 0;

	while (!quit && (len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		/*
		 * A NUL would end the line early and run what is before it
		 * as if it were all: refused, as a failed command.
		 */
		if (memchr(line, '\0', (size_t)len) != NULL) {
			r = err_set(&ctx->err, ISPM_EDATA, "line %lu contains "
			    "a NUL byte", lineno);
			shell_report(ctx, NULL, r);
		} else
			r = shell_exec_line(ctx, line, NULL, 0, &quit);
		if (r == 0)
			continue;
		last = r;
		nfailed++;
		/* Ctrl-C stops a script even with --keep-going. */
		if (!ctx->keep_going || r == ISPM_ECANCEL) {
			err_set(&ctx->err, r, "commands stopped at line %lu",
			    lineno);
			goto out;
		}
	}
	if (ferror(fp) && !quit) {
		last = shell_intr ? ISPM_ECANCEL : ISPM_EIO;
		err_set(&ctx->err, last, "cannot read commands: %s",
		    shell_intr ? "interrupted" : strerror(errno));
	} else if (nfailed > 0)
		err_set(&ctx->err, last, "%lu of the commands failed",
		    nfailed);
 out:
	free(line);
	return last;
}

/* see shell.h */
int
shell_run(struct ispm_ctx *ctx, FILE *batch)
{
	struct sigaction sa, oldsa, oldwinch;
	int r;

	if (ctx->cancel == NULL)
		ctx->cancel = &shell_cancel_flag;
	shell_cancelp = ctx->cancel;
	ctx->in_shell = 1;
	shell_intr = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = shell_sigint;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking read must return EINTR to be cancelled. */
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, &oldsa);
	if (batch == NULL && !isatty(STDIN_FILENO))
		batch = stdin;
	if (batch != NULL)
		r = shell_batch(ctx, batch);
	else {
		sa.sa_handler = shell_sigwinch;
		sigaction(SIGWINCH, &sa, &oldwinch);
		r = shell_interactive(ctx);
		sigaction(SIGWINCH, &oldwinch, NULL);
	}
	sigaction(SIGINT, &oldsa, NULL);
	fflush(ctx->out);
	return r;
}
