/*
 * What the nightly audit remembers between runs: for each password hash,
 * how far into its candidate stream the audit has gone and, when a
 * candidate matched, the weakness class (never the password).  Entries are
 * keyed by a digest of the hash value, so a changed password starts
 * afresh and no hash is written to disk; the candidate stream's
 * fingerprint is stored too, since positions mean nothing for another
 * stream.
 *
 * Saving writes a temporary file, fsyncs it, renames it over the old one
 * and fsyncs the directory, so a crash leaves either the old or the new
 * state.  An exclusive flock on PATH.lock, held while the state is open,
 * stops two audits of one profile at once.
 */
#ifndef ISPMAIL_AUDITSTATE_H
#define ISPMAIL_AUDITSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct auditstate;

/*
 * The default state file of profile: $XDG_STATE_HOME/ispmail/
 * audit-PROFILE.state ($XDG_STATE_HOME defaults to ~/.local/state), with
 * ".shard-I-of-N" before ".state" when shard_n > 1.  Creates the
 * directory (0700).  *out is owned by the caller.
 * Returns 0, ISPM_ECONFIG (no home, bad profile name) or ISPM_EIO.
 */
int	auditstate_default_path(const char *profile, unsigned shard_i,
	    unsigned shard_n, char **out, struct errbuf *eb);

/*
 * How fast the last audit went, kept in the state so that check-password
 * can say in which night the audit reaches a password: candidates hashed
 * a second (all threads together), and candidates each account gets in
 * one run (that rate times the run's budget, shared by its accounts).
 */
struct auditstate_rate {
	double	per_second;
	double	per_night;
};

/*
 * Reads the rate the last audit of profile recorded in its default state
 * file (the unsharded one), without locking the state (a save replaces
 * it whole) and without creating anything.  Returns 0 and fills *out, or
 * ISPM_ENOINPUT when there is no such state or it records no rate.
 */
int	auditstate_last_rate(const char *profile, struct auditstate_rate *out);

/*
 * Locks and reads the state at path (a missing file is an empty state).
 * A state written for another fingerprint, or one that cannot be parsed,
 * is discarded: *note (may be NULL) then says why, else is "".
 * Returns 0, ISPM_ETEMP (another audit holds the lock) or ISPM_EIO.
 */
int	auditstate_open(const char *path, uint64_t fingerprint,
	    struct auditstate **out, const char **note, struct errbuf *eb);

/* Unlocks and frees; accepts NULL.  Unsaved changes are lost. */
void	auditstate_free(struct auditstate *st);

/*
 * Looks up hash: returns 1 and fills *pos and *tag (0: nothing found yet)
 * when known, else 0.  Marks the entry as still in use.
 */
int	auditstate_get(struct auditstate *st, const char *hash, uint64_t *pos,
	    uint32_t *tag);

/* Records progress for hash (and marks it in use). */
void	auditstate_put(struct auditstate *st, const char *hash, uint64_t pos,
	    uint32_t tag);

/*
 * Records this run's rate, written by the next auditstate_save() (until
 * then the state keeps the rate it was read with).
 */
void	auditstate_set_rate(struct auditstate *st,
	    const struct auditstate_rate *rate);

/* Number of entries in use. */
size_t	auditstate_count(const struct auditstate *st);

/*
 * Writes the entries in use (looked up or recorded since opening; the
 * others belong to passwords that changed or mailboxes that are gone).
 * Returns 0 or ISPM_EIO.
 */
int	auditstate_save(struct auditstate *st, struct errbuf *eb);

#endif
