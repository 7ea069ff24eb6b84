/*
 * The interactive admin shell and its batch mode (sftp's model): one line
 * is one command of cmd_table, split into words with simple shell quoting
 * and run through cmd_run(), so the shell, the one-shot CLI, help and
 * completion share one grammar.
 */
#ifndef ISPMAIL_SHELL_H
#define ISPMAIL_SHELL_H

#include <stdio.h>

#include "cmd.h"

/* Entries of history kept in memory and in the history file. */
#define SHELL_HISTORY_MAX 1000

/*
 * Runs the shell until quit or end of input. batch NULL on a terminal
 * means interactive (GNU readline, completion, history); batch NULL when
 * stdin is not a terminal means batch from stdin. In batch mode lines are
 * read from batch, '#' comments and blank lines are skipped, nothing but
 * results is printed, and the first failing command stops the run unless
 * ctx->keep_going is set. Each failure prints "ispmail: CMD: message" on
 * ctx->errs at once; on return ctx->err holds a summary ("commands stopped
 * at line N", "N of the commands failed") for the caller to print.
 * batch is borrowed, not closed. Sets ctx->in_shell, and ctx->cancel when
 * it was NULL (to the flag of its SIGINT handler).
 * Returns 0, or in batch mode the failing command's code (with keep_going:
 * the last failure's code; ISPM_ECANCEL after Ctrl-C).
 */
int	shell_run(struct ispm_ctx *ctx, FILE *batch);

/*
 * The history file: $XDG_STATE_HOME/ispmail/history, default
 * ~/.local/state/ispmail/history. Returns a string the caller frees, or
 * NULL when neither $XDG_STATE_HOME nor $HOME is usable.
 */
char	*shell_history_path(void);

#endif
