/*
 * The admin's key pair for the rotation journal: new passwords are sealed
 * to the public key with libsodium's crypto_box_seal, so the audit can
 * record them without being able to read them back; only the holder of
 * the secret key (ispmail unseal) can.
 *
 * Files: PREFIX.pub holds "ispmail-seal-pub-v1 BASE64(pk)"; PREFIX holds
 * either "ispmail-seal-key-v1 plain BASE64(sk)" or, protected by a
 * passphrase, "ispmail-seal-key-v1 pwhash OPSLIMIT MEMLIMIT BASE64(salt)
 * BASE64(nonce) BASE64(secretbox(sk))" with the key derived by
 * crypto_pwhash (Argon2id).
 */
#ifndef ISPMAIL_SEAL_H
#define ISPMAIL_SEAL_H

#include <stddef.h>

#include "err.h"
#include "secret.h"

#define SEAL_PUBLICKEYBYTES 32
#define SEAL_SECRETKEYBYTES 32
/* crypto_box_SEALBYTES: what sealing adds to a message. */
#define SEAL_OVERHEAD 48

struct seal_key;

/*
 * Makes a key pair: PREFIX (0600, created, never overwritten) and
 * PREFIX.pub (0644).  With passphrase non-NULL and non-empty the secret
 * key is encrypted under it with crypto_pwhash at libsodium's MODERATE
 * limits; with NULL it is stored unprotected.
 * Returns 0, ISPM_EEXIST (a file exists), ISPM_EIO or ISPM_EINTERNAL.
 */
int	seal_keygen(const char *prefix, const struct secret *passphrase,
	    struct errbuf *eb);

/* As seal_keygen() with explicit crypto_pwhash limits, for tests. */
int	seal_keygen_limits(const char *prefix, const struct secret *passphrase,
	    unsigned long long opslimit, size_t memlimit, struct errbuf *eb);

/*
 * Reads a public key file into pk.
 * Returns 0, ISPM_ENOINPUT (cannot open) or ISPM_EDATA (not a key).
 */
int	seal_load_public(const char *path,
	    unsigned char pk[SEAL_PUBLICKEYBYTES], struct errbuf *eb);

/*
 * Tells whether the secret key file at path is protected by a passphrase
 * (*protected set to 0 or 1).  Returns 0, ISPM_ENOINPUT or ISPM_EDATA.
 */
int	seal_key_protected(const char *path, int *protected,
	    struct errbuf *eb);

/*
 * Reads a secret key file, after checking its mode as for secret files,
 * decrypting it with passphrase when protected (NULL otherwise).
 * *out (free with seal_key_free) is set only on success.
 * Returns 0, ISPM_ENOINPUT, ISPM_ECONFIG (mode), ISPM_EDATA (not a key),
 * ISPM_EPERM (passphrase missing or wrong).
 */
int	seal_load_key(const char *path, const struct secret *passphrase,
	    struct seal_key **out, struct errbuf *eb);

/* Wipes and frees; accepts NULL. */
void	seal_key_free(struct seal_key *k);

/*
 * Seals len bytes of msg to pk into out, which must hold len +
 * SEAL_OVERHEAD bytes.  Returns 0 or ISPM_EINTERNAL.
 */
int	seal_box(const unsigned char pk[SEAL_PUBLICKEYBYTES],
	    const unsigned char *msg, size_t len, unsigned char *out,
	    struct errbuf *eb);

/*
 * Opens a sealed box into out (a secret able to hold len - SEAL_OVERHEAD
 * bytes).  Returns 0 or ISPM_EDATA (not sealed to this key, or altered).
 */
int	seal_open(const struct seal_key *k, const unsigned char *box,
	    size_t len, struct secret *out, struct errbuf *eb);

#endif
