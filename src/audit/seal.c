/*
 * Key pair files and sealed boxes for the rotation journal.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "seal.h"
#include "safefile.h"
#include "xmalloc.h"

#define SEAL_PUB_MAGIC "ispmail-seal-pub-v1"
#define SEAL_KEY_MAGIC "ispmail-seal-key-v1"
/* Longer than any key file we write. */
#define SEAL_FILE_MAX 1024
#define B64 sodium_base64_VARIANT_ORIGINAL

struct seal_key {
	unsigned char	*sk;	/* sodium_malloc'd */
	unsigned char	 pk[SEAL_PUBLICKEYBYTES];
};

/* Writes line to a new file of the given mode, synced. */
static int
write_new(const char *path, const char *line, mode_t mode, struct errbuf *eb)
{
	size_t len = strlen(line);
	ssize_t w;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode)) == -1) {
		if (errno == EEXIST)
			return err_set(eb, ISPM_EEXIST,
			    "'%s' exists: not overwriting a key", path);
		return err_set(eb, ISPM_EIO, "cannot create '%s': %s", path,
		    strerror(errno));
	}
	/* The umask must not narrow the public key's mode. */
	if (fchmod(fd, mode) == -1 ||
	    (w = write(fd, line, len)) != (ssize_t)len || fsync(fd) == -1) {
		err_set(eb, ISPM_EIO, "cannot write '%s': %s", path,
		    strerror(errno));
		close(fd);
		unlink(path);
		return ISPM_EIO;
	}
	if (close(fd) == -1)
		return err_set(eb, ISPM_EIO, "cannot write '%s': %s", path,
		    strerror(errno));
	return 0;
}

static char *
b64(const unsigned char *bin, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, B64);
	char *s = xmalloc(n);

	return sodium_bin2base64(s, n, bin, len, B64);
}

/* Decodes exactly want bytes of base64 s into out; 0 or -1. */
static int
unb64(const char *s, unsigned char *out, size_t want)
{
	size_t got;

	if (s == NULL || sodium_base642bin(out, want, s, strlen(s), NULL,
	    &got, NULL, B64) != 0 || got != want)
		return -1;
	return 0;
}

/* see seal.h */
int
seal_keygen_limits(const char *prefix, const struct secret *passphrase,
    unsigned long long opslimit, size_t memlimit, struct errbuf *eb)
{
	unsigned char pk[SEAL_PUBLICKEYBYTES];
	unsigned char salt[crypto_pwhash_SALTBYTES];
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	unsigned char box[crypto_secretbox_MACBYTES + SEAL_SECRETKEYBYTES];
	unsigned char *sk = NULL, *kek = NULL;
	char *pubpath = NULL, *publine = NULL, *e1 = NULL, *e2 = NULL;
	char *e3 = NULL, *line = NULL;
	size_t n = sodium_base64_ENCODED_LEN(SEAL_SECRETKEYBYTES, B64);
	int r = ISPM_EINTERNAL;

	pubpath = xasprintf("%s.pub", prefix);
	/* The key line, even encrypted, stays in guarded memory. */
	if ((sk = sodium_malloc(SEAL_SECRETKEYBYTES)) == NULL ||
	    (kek = sodium_malloc(crypto_secretbox_KEYBYTES)) == NULL ||
	    (line = sodium_malloc(SEAL_FILE_MAX)) == NULL ||
	    (e3 = sodium_malloc(n)) == NULL) {
		err_set(eb, r, "cannot allocate guarded memory");
		goto out;
	}
	crypto_box_keypair(pk, sk);
	if (passphrase != NULL && passphrase->len > 0) {
		randombytes_buf(salt, sizeof(salt));
		randombytes_buf(nonce, sizeof(nonce));
		if (crypto_pwhash(kek, crypto_secretbox_KEYBYTES,
		    passphrase->buf, passphrase->len, salt, opslimit, memlimit,
		    crypto_pwhash_ALG_ARGON2ID13) != 0) {
			err_set(eb, r, "crypto_pwhash: out of memory");
			goto out;
		}
		crypto_secretbox_easy(box, sk, SEAL_SECRETKEYBYTES, nonce,
		    kek);
		e1 = b64(salt, sizeof(salt));
		e2 = b64(nonce, sizeof(nonce));
		publine = b64(box, sizeof(box));
		snprintf(line, SEAL_FILE_MAX, "%s pwhash %llu %zu %s %s %s\n",
		    SEAL_KEY_MAGIC, opslimit, memlimit, e1, e2, publine);
		free(publine);
		publine = NULL;
		free(e1);
		e1 = NULL;
	} else {
		sodium_bin2base64(e3, n, sk, SEAL_SECRETKEYBYTES, B64);
		snprintf(line, SEAL_FILE_MAX, "%s plain %s\n", SEAL_KEY_MAGIC,
		    e3);
	}
	if ((r = write_new(prefix, line, 0600, eb)) != 0)
		goto out;
	e1 = b64(pk, sizeof(pk));
	publine = xasprintf("%s %s\n", SEAL_PUB_MAGIC, e1);
	if ((r = write_new(pubpath, publine, 0644, eb)) != 0) {
		unlink(prefix);
		goto out;
	}
	r = 0;
out:
	sodium_free(sk);
	sodium_free(kek);
	sodium_free(line);
	sodium_free(e3);
	sodium_memzero(box, sizeof(box));
	free(pubpath);
	free(publine);
	free(e1);
	free(e2);
	return r;
}

/* see seal.h */
int
seal_keygen(const char *prefix, const struct secret *passphrase,
    struct errbuf *eb)
{
	return seal_keygen_limits(prefix, passphrase,
	    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
	    eb);
}

/*
 * Reads a whole small file into buf (size bytes, NUL-terminated, the
 * trailing newline dropped); with check, verifies the mode as for
 * secrets.
 */
static int
read_small(const char *path, char *buf, size_t size, int check,
    struct errbuf *eb)
{
	ssize_t n;
	const char *why;
	size_t len = 0;
	int fd, r;

	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1)
		return err_set(eb, ISPM_ENOINPUT, "cannot open '%s': %s", path,
		    why);
	if (check && (r = secret_check_file_mode(fd, path, "secret key",
	    eb)) != 0) {
		close(fd);
		return r;
	}
	while (len + 1 < size && (n = read(fd, buf + len,
	    size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	if (len + 1 >= size)
		return err_set(eb, ISPM_EDATA, "'%s' is not a key file", path);
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* see seal.h */
int
seal_load_public(const char *path, unsigned char pk[SEAL_PUBLICKEYBYTES],
    struct errbuf *eb)
{
	char buf[SEAL_FILE_MAX], *f1, *f2, *f3, *sp;
	int r;

	if ((r = read_small(path, buf, sizeof(buf), 0, eb)) != 0)
		return r;
	f1 = strtok_r(buf, " ", &sp);
	f2 = strtok_r(NULL, " ", &sp);
	f3 = strtok_r(NULL, " ", &sp);
	if (f1 == NULL || strcmp(f1, SEAL_PUB_MAGIC) != 0 || f3 != NULL ||
	    unb64(f2, pk, SEAL_PUBLICKEYBYTES) != 0)
		return err_set(eb, ISPM_EDATA,
		    "'%s' is not an ispmail public key (made by keygen)", path);
	return 0;
}

/* see seal.h */
int
seal_key_protected(const char *path, int *protected, struct errbuf *eb)
{
	char *buf, *f1, *f2, *sp;
	int r;

	*protected = 0;
	if ((buf = sodium_malloc(SEAL_FILE_MAX)) == NULL)
		return err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
	if ((r = read_small(path, buf, SEAL_FILE_MAX, 0, eb)) == 0) {
		f1 = strtok_r(buf, " ", &sp);
		f2 = strtok_r(NULL, " ", &sp);
		if (f1 == NULL || f2 == NULL ||
		    strcmp(f1, SEAL_KEY_MAGIC) != 0)
			r = err_set(eb, ISPM_EDATA,
			    "'%s' is not an ispmail secret key", path);
		else
			*protected = strcmp(f2, "pwhash") == 0;
	}
	sodium_free(buf);
	return r;
}

/* see seal.h */
int
seal_load_key(const char *path, const struct secret *passphrase,
    struct seal_key **out, struct errbuf *eb)
{
	unsigned char salt[crypto_pwhash_SALTBYTES];
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	unsigned char box[crypto_secretbox_MACBYTES + SEAL_SECRETKEYBYTES];
	struct seal_key *k = NULL;
	unsigned char *kek = NULL;
	char *buf, *f[8], *sp, *end;
	unsigned long long ops;
	unsigned long mem;
	size_t nf = 0;
	int r;

	*out = NULL;
	if ((buf = sodium_malloc(SEAL_FILE_MAX)) == NULL)
		return err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
	if ((r = read_small(path, buf, SEAL_FILE_MAX, 1, eb)) != 0)
		goto out;
	r = err_set(eb, ISPM_EDATA, "'%s' is not an ispmail secret key",
	    path);
	for (f[nf] = strtok_r(buf, " ", &sp); f[nf] != NULL && nf < 7;
	    f[nf] = strtok_r(NULL, " ", &sp))
		nf++;
	if (nf < 3 || strcmp(f[0], SEAL_KEY_MAGIC) != 0)
		goto out;
	k = xcalloc(1, sizeof(*k));
	if ((k->sk = sodium_malloc(SEAL_SECRETKEYBYTES)) == NULL) {
		r = err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
		goto out;
	}
	if (strcmp(f[1], "plain") == 0 && nf == 3) {
		if (unb64(f[2], k->sk, SEAL_SECRETKEYBYTES) != 0)
			goto out;
	} else if (strcmp(f[1], "pwhash") == 0 && nf == 7) {
		errno = 0;
		ops = strtoull(f[2], &end, 10);
		if (*end != '\0' || errno != 0)
			goto out;
		mem = strtoul(f[3], &end, 10);
		if (*end != '\0' || errno != 0 ||
		    ops > crypto_pwhash_OPSLIMIT_MAX ||
		    mem > crypto_pwhash_MEMLIMIT_MAX ||
		    unb64(f[4], salt, sizeof(salt)) != 0 ||
		    unb64(f[5], nonce, sizeof(nonce)) != 0 ||
		    unb64(f[6], box, sizeof(box)) != 0)
			goto out;
		if (passphrase == NULL || passphrase->len == 0) {
			r = err_set(eb, ISPM_EPERM,
			    "'%s' is protected by a passphrase", path);
			goto out;
		}
		if ((kek = sodium_malloc(crypto_secretbox_KEYBYTES)) == NULL ||
		    crypto_pwhash(kek, crypto_secretbox_KEYBYTES,
		    passphrase->buf, passphrase->len, salt, ops, mem,
		    crypto_pwhash_ALG_ARGON2ID13) != 0) {
			r = err_set(eb, ISPM_EINTERNAL,
			    "crypto_pwhash: out of memory");
			goto out;
		}
		if (crypto_secretbox_open_easy(k->sk, box, sizeof(box), nonce,
		    kek) != 0) {
			r = err_set(eb, ISPM_EPERM,
			    "wrong passphrase for '%s'", path);
			goto out;
		}
	} else
		goto out;
	crypto_scalarmult_base(k->pk, k->sk);
	*out = k;
	k = NULL;
	err_clear(eb);
	r = 0;
out:
	seal_key_free(k);
	sodium_free(kek);
	sodium_free(buf);
	sodium_memzero(box, sizeof(box));
	return r;
}

/* see seal.h */
void
seal_key_free(struct seal_key *k)
{
	if (k == NULL)
		return;
	sodium_free(k->sk);
	free(k);
}

/* see seal.h */
int
seal_box(const unsigned char pk[SEAL_PUBLICKEYBYTES],
    const unsigned char *msg, size_t len, unsigned char *out,
    struct errbuf *eb)
{
	if (crypto_box_seal(out, msg, len, pk) != 0)
		return err_set(eb, ISPM_EINTERNAL, "crypto_box_seal failed");
	return 0;
}

/* see seal.h */
int
seal_open(const struct seal_key *k, const unsigned char *box, size_t len,
    struct secret *out, struct errbuf *eb)
{
	if (len < SEAL_OVERHEAD || len - SEAL_OVERHEAD > out->cap)
		return err_set(eb, ISPM_EDATA, "sealed box of a wrong size");
	secret_clear(out);
	if (crypto_box_seal_open((unsigned char *)out->buf, box, len, k->pk,
	    k->sk) != 0)
		return err_set(eb, ISPM_EDATA,
		    "cannot open a sealed box: another key, or altered");
	out->len = len - SEAL_OVERHEAD;
	out->buf[out->len] = '\0';
	return 0;
}
