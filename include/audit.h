/*
 * The password audit: inventory of every mailbox hash, guessing within a
 * CPU budget across threads, rotation of what was found through the
 * sealed journal.  The reports (text, JSON, syslog) are auditreport.h's.
 *
 * Guessing is scheduled in rounds: each round raises every account's
 * target position in its candidate stream (scaled by how cheap its hash
 * is), so the budget goes to the most likely guesses of all accounts
 * before the less likely guesses of any.  A found password is recorded
 * only as its weakness class.
 */
#ifndef ISPMAIL_AUDIT_H
#define ISPMAIL_AUDIT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "api.h"
#include "auditstate.h"
#include "candidates.h"
#include "crackhash.h"
#include "err.h"
#include "journal.h"

/* ISPConfig's current SHA-512-crypt rounds. */
#define AUDIT_MIN_ROUNDS 5000

/* Findings about an account (flags). */
#define AUDIT_F_WEAK	0x01	/* a candidate matched */
#define AUDIT_F_EMPTY	0x02	/* no password hash at all */
#define AUDIT_F_PLAIN	0x04	/* password stored in the clear */
#define AUDIT_F_MD5	0x08	/* legacy $1$ MD5-crypt */
#define AUDIT_F_DES	0x10	/* legacy DES crypt */
#define AUDIT_F_ROUNDS	0x20	/* $5$/$6$ with fewer than 5000 rounds */
#define AUDIT_F_UNKNOWN	0x40	/* a format we cannot test */

/* Findings that mean the password must change (and count for exit 1). */
#define AUDIT_F_ROTATE	(AUDIT_F_WEAK | AUDIT_F_EMPTY | AUDIT_F_PLAIN)

enum audit_rotation {
	AUDIT_ROT_NONE,		/* not attempted */
	AUDIT_ROT_DRYRUN,	/* --dry-run: would be rotated */
	AUDIT_ROT_VERIFIED,	/* new password set and checked */
	AUDIT_ROT_APPLIED,	/* set, but the new hash was not checked */
	AUDIT_ROT_FAILED,	/* not applied: the old password is in place */
	AUDIT_ROT_UNKNOWN	/* the answer was lost and the hash unreadable:
				 * the journal record awaits the next audit */
};

struct audit_account {
	const char	*profile;	/* borrowed from the caller */
	char		*email;
	char		*name;		/* display name, may be NULL */
	char		*org;		/* organisation, may be NULL */
	char		*hash;		/* as fetched */
	unsigned	 flags;		/* AUDIT_F_* */
	uint32_t	 tag;		/* weakness class when AUDIT_F_WEAK */
	int		 guessable;	/* a scheme crackhash can test */
	struct crackhash ch;
	double		 cost;		/* per candidate, $6$ 5000 = 1 */
	uint64_t	 tried;		/* position reached in the stream */
	uint64_t	 total;		/* stream length */
	uint64_t	 tried_now;	/* candidates tested in this run */
	enum audit_rotation rot;
	char		*rot_detail;
};

struct audit_progress {
	size_t		 accounts;	/* guessable accounts */
	size_t		 weak;		/* found so far */
	uint64_t	 tested;	/* candidates in this run */
	double		 elapsed, budget;	/* seconds */
};

struct audit_opts {
	double		 budget;	/* seconds of wall time for guessing */
	int		 threads;	/* >= 1 */
	volatile sig_atomic_t *cancel;
	/* Called about every 200 ms from the main thread; may be NULL. */
	void		(*progress)(void *arg, const struct audit_progress *p);
	void		*progress_arg;
};

struct audit_summary {
	size_t		 mailboxes, weak, empty, plain, legacy, rounds;
	size_t		 unknown, rotated, rotate_failed, rotate_unknown;
	size_t		 exhausted;
	uint64_t	 tested;
	double		 elapsed;
	int		 threads;
};

/*
 * Classifies hash: sets the AUDIT_F_* format flags of a, and whether and
 * at what cost it can be guessed (a->ch, a->guessable, a->cost).
 */
void	audit_classify(struct audit_account *a);

/*
 * The dictionaries of the strength checker as candidate lists; built once,
 * shared, never freed (the process ends).
 */
const struct cand_dict *audit_dict(void);

/* The same dictionaries with limit account-independent positions laid
 * out (0: the default); free with cand_dict_free(). */
struct cand_dict *audit_dict_new(uint64_t limit);

/*
 * Guesses the passwords of v[0..n-1] within opts->budget, resuming from
 * and updating st (which may be NULL).  Accounts already known weak by the
 * state are not guessed again.  Fills *sum's tested, elapsed, threads.
 * Returns 0, ISPM_ECANCEL or ISPM_EINTERNAL.
 */
int	audit_guess(struct audit_account *v, size_t n, struct auditstate *st,
	    const struct audit_opts *opts, struct audit_summary *sum,
	    struct errbuf *eb);

/*
 * Settles the journal's rotations that have no outcome (a crash or kill
 * between intent and outcome), comparing each mailbox's current hash with
 * the recorded digest of the old one (a creation by import: whether the
 * mailbox exists).  *settled counts them.
 * Returns 0 or an API error.
 */
int	audit_recover(struct api *api, struct journal *j, size_t *settled,
	    FILE *log, struct errbuf *eb);

/*
 * Rotates the account's password: generates one, seals it into the
 * journal, sends it, records the outcome, fetches the new hash and
 * verifies the password against it.  When the update fails, refused or
 * its answer lost, the outcome is settled from the stored hash; if that
 * cannot be read the record keeps no outcome (AUDIT_ROT_UNKNOWN) for the
 * next audit's audit_recover().  Sets a->rot and a->rot_detail.
 * Returns 0 (whatever the outcome: see a->rot) or ISPM_EIO (the journal
 * cannot be written: nothing was sent) or ISPM_ECANCEL.
 */
int	audit_rotate(struct api *api, struct journal *j,
	    const unsigned char *pk, struct audit_account *a,
	    struct errbuf *eb);

/*
 * The shard (0..n-1) of an address: crypto_generichash of the lower-cased
 * address, as a little-endian 64-bit number, modulo n.  Stable across
 * machines and versions.
 */
unsigned audit_shard_of(const char *address, unsigned n);

/* Parses "I/N" (0 <= I < N <= 65536). 0 or ISPM_EUSAGE. */
int	audit_parse_shard(const char *s, unsigned *i, unsigned *n,
	    struct errbuf *eb);

/* Frees the strings of v[0..n-1] and v. */
void	audit_accounts_free(struct audit_account *v, size_t n);

#endif
