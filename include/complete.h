/*
 * Tab completion for the shell, driven by the command table as sftp's
 * cmds[] drives its completion: command names, a command's long options,
 * and its argument by cmd_entry.argtype, or its sub-command and their
 * arguments by cmd_entry.subs (profile names from the config, domain
 * names, mailbox addresses, aliases and forwards from the panel).
 *
 * Server data is fetched on first use, cached for the session and dropped
 * by complete_invalidate() after a command that changes the panel. A fetch
 * is an ordinary API call, so the profile's timeouts bound how long a slow
 * server can hold up a <TAB>, and Ctrl-C (ctx->cancel) abandons it.
 * Failures are silent: completion then offers nothing.
 *
 * readline keeps no per-call argument, so the module keeps the context it
 * was given in a static: there is one shell per process.
 */
#ifndef ISPMAIL_COMPLETE_H
#define ISPMAIL_COMPLETE_H

#include "cmd.h"

/* Installs the readline completion hooks for ctx (borrowed until
 * complete_free). */
void	complete_init(struct ispm_ctx *ctx);

/* Forgets every cached domain and mailbox. */
void	complete_invalidate(void);

/* Forgets the cache and the context. */
void	complete_free(void);

/*
 * The candidates for the word text that starts at offset start of line
 * (the words before it decide what is completed), filtered by prefix.
 * Returns a NULL-terminated vector the caller frees with
 * argv_free(), or NULL when there is nothing to offer; *filenames is
 * set when the argument is a file name (readline's own completion then
 * applies) and *nospace when the candidates are unfinished words (an
 * address still missing its local part's mailbox).
 */
char	**complete_candidates(struct ispm_ctx *ctx, const char *line,
	    int start, const char *text, int *filenames, int *nospace);

#endif
