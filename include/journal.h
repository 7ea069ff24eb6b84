/*
 * The rotation journal: an append-only file that makes password rotation
 * safe against a crash or a kill at any moment.
 *
 * Before a new password is sent to the panel, an "intended" record is
 * appended and fsync'ed: the address, a digest of the mailbox's old hash,
 * and the address and new password sealed to the admin's public key
 * (seal.h), so the audit itself cannot read them back.  The outcome
 * (applied, verified, failed, unapplied) is appended after.  On the next
 * run an intended record without an outcome is settled by comparing the
 * mailbox's current hash with the recorded digest: unchanged means the
 * update never took effect (unapplied: the old password is still in place
 * and the audit rotates it again under a new record); changed means it
 * did (applied: the new password is the sealed one).  So every new
 * password can be recovered, and none is applied twice.
 *
 * Each record is one line ending in a digest of itself, so a record torn
 * by a crash (no newline, or a bad check) is recognised; a torn tail is
 * cut off when the journal is opened for writing and reported.
 */
#ifndef ISPMAIL_JOURNAL_H
#define ISPMAIL_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "err.h"
#include "secret.h"
#include "seal.h"

/* Hex digest of a hash value, as stored (crypto_generichash, 16 bytes). */
#define JOURNAL_DIGEST_HEX 33

/*
 * The old digest of a new mailbox's record (import.h): it had no hash.
 * An intent like any other, so that a reader that does not know creations
 * still settles it right: the mailbox exists (applied) or not (unapplied).
 */
#define JOURNAL_DIGEST_NONE "00000000000000000000000000000000"

enum journal_state {
	JOURNAL_INTENDED,	/* sealed and recorded; no outcome yet */
	JOURNAL_APPLIED,	/* the panel took it; not verified */
	JOURNAL_VERIFIED,	/* the new hash matches the new password */
	JOURNAL_FAILED,		/* the panel refused: old password in place */
	JOURNAL_UNAPPLIED	/* settled after a crash: never took effect */
};

struct journal_entry {
	uint64_t	 id;
	time_t		 time;		/* when intended */
	char		*address;
	char		 old_digest[JOURNAL_DIGEST_HEX];
	int		 create;	/* a new mailbox: JOURNAL_DIGEST_NONE */
	unsigned char	*sealed;	/* address "\n" password, sealed */
	size_t		 sealedlen;
	enum journal_state state;	/* from the last outcome */
	time_t		 outcome_time;	/* 0 when none */
	char		*detail;	/* outcome detail, may be NULL */
};

struct journal;

/*
 * Opens (creating it, 0600) the journal at path for appending, takes an
 * exclusive lock on it, reads every record and cuts off a torn tail.
 * *out (free with journal_free) is set only on success.
 * Returns 0, ISPM_ETEMP (another process holds the lock), ISPM_EDATA (not
 * a journal) or ISPM_EIO.
 */
int	journal_open(const char *path, struct journal **out, struct errbuf *eb);

/*
 * Reads the journal at path without changing it (for unseal).
 * Returns 0, ISPM_ENOINPUT, ISPM_EDATA or ISPM_EIO.
 */
int	journal_read(const char *path, struct journal **out, struct errbuf *eb);

void	journal_free(struct journal *j);

/* Entries, oldest first; borrowed. */
size_t	journal_count(const struct journal *j);
const struct journal_entry *journal_entry(const struct journal *j, size_t i);

/*
 * Records that were torn or corrupt (skipped when reading, cut off when
 * opened for writing), and a message naming the first; 0 and "" if none.
 */
size_t	journal_torn(const struct journal *j, const char **what);

/*
 * Appends an intended record for address and fsyncs it: new_password
 * sealed to pk, and the digest of old_hash, or JOURNAL_DIGEST_NONE when
 * old_hash is NULL (a mailbox about to be created).  *id receives the
 * record's id.  Returns 0, ISPM_EDATA (address not printable) or ISPM_EIO.
 */
int	journal_intend(struct journal *j, const unsigned char *pk,
	    const char *address, const char *old_hash,
	    const struct secret *new_password, uint64_t *id,
	    struct errbuf *eb);

/*
 * Appends the outcome of record id and fsyncs it; detail (may be NULL) is
 * a one-line explanation.  Returns 0, ISPM_ENOTFOUND or ISPM_EIO.
 */
int	journal_outcome(struct journal *j, uint64_t id, enum journal_state st,
	    const char *detail, struct errbuf *eb);

/*
 * journal_intend() for n new passwords at once (old_hash for all of
 * them), with one write and one fsync, so that creating many mailboxes
 * pays one sync for a batch: none of them may be sent before this
 * returns.  ids[i] receives the id of address[i].  Nothing is recorded
 * on failure.  Returns 0, ISPM_EDATA, ISPM_EINTERNAL or ISPM_EIO.
 */
int	journal_intend_many(struct journal *j, const unsigned char *pk,
	    size_t n, const char *const *address, const char *old_hash,
	    const struct secret *const *new_password, uint64_t *ids,
	    struct errbuf *eb);

/*
 * journal_outcome(), without the fsync when nosync is set: for an
 * outcome the next run can settle from the panel as well, made durable
 * by the next synced record or journal_sync().
 */
int	journal_outcome_sync(struct journal *j, uint64_t id,
	    enum journal_state st, const char *detail, int nosync,
	    struct errbuf *eb);

/* fsyncs what was appended.  Returns 0 or ISPM_EIO. */
int	journal_sync(struct journal *j, struct errbuf *eb);

/* Writes the digest journal entries use for hash into out. */
void	journal_digest(const char *hash, char out[JOURNAL_DIGEST_HEX]);

/*
 * Opens entry e with key k: password receives the new password (a secret
 * of at least SECRET_MAX bytes).  Returns 0 or ISPM_EDATA (another key,
 * altered, or the sealed address differs from the recorded one).
 */
int	journal_unseal(const struct journal_entry *e, const struct seal_key *k,
	    struct secret *password, struct errbuf *eb);

/* "intended", "applied", "verified", "failed", "unapplied". */
const char *journal_state_name(enum journal_state st);

#endif
