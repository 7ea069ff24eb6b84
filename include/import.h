/*
 * Bulk import of mailboxes from a CSV file (csv.h), in three steps that
 * never interleave:
 *
 *   1. import_load(): every row checked offline (columns, name rules,
 *      duplicates within the file, quotas), every problem kept with its
 *      FILE:LINE;
 *   2. import_check_panel(): the panel asked in a few calls, never one a
 *      row (the file's domains, then every mailbox at once): unknown
 *      domains and addresses that exist are problems too, unless the
 *      journal shows an earlier import created them, or, without a
 *      journal, the sheet it wrote holds the password the panel stores,
 *      which makes the row done;
 *   3. import_create(): only when no problem remains, each missing
 *      mailbox created with a generated password that is sealed into the
 *      journal (journal.h) and synced before the panel sees it, its
 *      outcome appended after, as the audit's rotation does.
 *
 * A run killed at any point is finished by running it again with the same
 * journal: audit_recover() settles the creation in flight from the panel
 * (the mailbox exists: created; absent: never created), and a mailbox the
 * journal shows created is never created again nor given a second
 * password.  An import that writes sheets and keeps no journal resumes
 * alike: a sheet is written and synced before the panel sees its
 * password, so a mailbox that exists with the password of its sheet was
 * created by an earlier run, and a sheet whose mailbox does not exist is
 * replaced.  No terminal here: progress goes through a callback.
 */
#ifndef ISPMAIL_IMPORT_H
#define ISPMAIL_IMPORT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "err.h"
#include "journal.h"
#include "secret.h"

enum import_status {
	IMPORT_TODO,		/* to be created */
	IMPORT_DONE,		/* created by an earlier run (the journal) */
	IMPORT_CREATED,		/* created by this run */
	IMPORT_FAILED		/* the panel refused it */
};

/*
 * A row makes a mailbox with its aliases, or, when it has forward_to, a
 * forward of its address and no mailbox (a departed employee's address
 * forwarded to a colleague).
 */
struct import_row {
	size_t		 line;		/* where its record starts */
	char		*address;	/* normalised (lower case) */
	char		*name;		/* NULL when empty */
	unsigned long long quota;	/* bytes, 0: unlimited */
	char		**aliases;	/* sources of aliases to the mailbox */
	size_t		 naliases;
	int		*alias_exists;	/* one a alias: on the panel already */
	char		**forward;	/* forward_to's destinations */
	size_t		 nforward;
	int		 exists;	/* the mailbox or forward is there */
	enum import_status status;
	char		*detail;	/* why it failed, or which record */
	uint64_t	 journal_id;	/* its creation record, 0 if none */
	int		 in_flight;	/* sent, the answer lost: the mailbox
					 * may exist with its new password */
};

struct mbx_target;

/* A row that cannot be imported as it is. */
struct import_problem {
	size_t		 line;
	size_t		 seq;		/* keeps a line's problems in order */
	char		*text;		/* "FILE:LINE: what is wrong" */
};

struct import {
	char		*file;
	struct import_row *rows;
	size_t		 nrows;
	struct import_problem *problems; /* by line */
	size_t		 nproblems;
	/* The file's domains and what creating in each needs, from
	 * import_check_panel(); a NULL target for a domain refused. */
	char		**domains;
	struct mbx_target **targets;
	size_t		 ndomains;
};

/*
 * Makes a password for the new mailbox of row, im->rows[i] (the panel's
 * policy honoured), into out, a secret of at least SECRET_MAX bytes.
 * Returns 0 or an ISPM_E* code with eb set.
 */
typedef int (*import_pwgen_fn)(void *arg, size_t i,
    const struct import_row *row, struct secret *out, struct errbuf *eb);

/*
 * Reads the password of the sheet an earlier run wrote for the mailbox of
 * row into out (SECRET_MAX bytes): 1 when there is one, 0 when there is
 * none, or an ISPM_E* code with eb naming the sheet that cannot be read.
 */
typedef int (*import_recall_fn)(void *arg, const struct import_row *row,
    struct secret *out, struct errbuf *eb);

/* Told after each row is settled: done of total rows so far. */
typedef void (*import_progress_fn)(void *arg, const struct import_row *row,
    size_t done, size_t total);

/*
 * Reads path and checks every row offline. A file that cannot be read or
 * is not CSV is an error; a bad row is a problem in (*out)->problems,
 * all of them collected, in the order of the file. *out is freed with import_free().
 * Returns 0, or the codes of csv_read_file() (ISPM_ENOINPUT, ISPM_EIO,
 * ISPM_EDATA) and ISPM_EDATA for a bad header row.
 */
int	import_load(const char *path, struct import **out, struct errbuf *eb);

/*
 * Checks the rows against the panel: the domain of each address exists
 * and its owner is known; no mailbox has a row's address unless j (may be
 * NULL) records its creation or, without j, recall (may be NULL) finds
 * its sheet and the sheet's password verifies against the hash the panel
 * stores (read with the mailboxes then); no alias, forward or catch-all has an
 * address of the file (a row's, an alias's) unless it is the very alias
 * or forward the row asks for. What exists already is not created again:
 * a row whose every part exists is IMPORT_DONE. Adds problems, in the
 * order of the file. Returns 0 or the codes of api_call() and
 * alias_list() (the remote user needs the Mail forward functions when
 * the file has aliases or forwards).
 */
int	import_check_panel(struct import *im, struct api *api,
	    const struct journal *j, import_recall_fn recall,
	    void *recall_arg, struct errbuf *eb);

/*
 * Creates what is missing of every IMPORT_TODO row: the mailbox, each
 * password from pwgen sealed to pk in j (a batch of them with one fsync)
 * before mail_user_add is called, then its aliases; or the forward. A
 * row the panel refuses is IMPORT_FAILED and the others go on; a lost
 * answer is settled by asking whether the mailbox exists, and when even
 * that answer is lost the row is left in_flight and the run stops. At
 * the end the new passwords are checked against the stored hashes and
 * the outcome recorded in j. j may be NULL when pwgen keeps each password
 * (a sheet, written before it returns): nothing is sealed nor checked
 * then, and pk is not used. cancel (may be NULL) stops between rows.
 * Must not be called while problems remain.
 * Returns 0, ISPM_ECANCEL, ISPM_EIO (the journal) or an api_call() code
 * that stopped the run (the panel unreachable).
 */
int	import_create(struct import *im, struct api *api, struct journal *j,
	    const unsigned char *pk, import_pwgen_fn pwgen, void *pwgen_arg,
	    import_progress_fn progress, void *progress_arg,
	    volatile sig_atomic_t *cancel, struct errbuf *eb);

/* Counts the rows in state st. */
size_t	import_count(const struct import *im, enum import_status st);

/* "to create", "done", "created", "failed": a static string. */
const char *import_status_name(enum import_status st);

void	import_free(struct import *im);

#endif
