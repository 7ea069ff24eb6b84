/*
 * The rotation journal: one line per record, appended with a single
 * write(2) and fsync'ed, each ending in a digest of itself.
 *
 *   ispmail-journal-v1
 *   I ID TIME ADDRESS OLD-DIGEST BASE64(SEALED) CHECK
 *   O ID TIME STATE DETAIL CHECK
 *
 * DETAIL is percent-encoded ("-" when empty).  Nothing in the file is a
 * password in the clear.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "journal.h"
#include "safefile.h"
#include "xmalloc.h"

#define JOURNAL_MAGIC "ispmail-journal-v1\n"
#define CHECK_BYTES 8
#define B64 sodium_base64_VARIANT_ORIGINAL

struct journal {
	char			*path;
	int			 fd;	/* -1 when read-only */
	struct journal_entry	*v;
	size_t			 n, cap;
	uint64_t		 next_id;
	size_t			 torn;
	char			 torn_what[160];
};

static const char *const state_names[] = {
	"intended", "applied", "verified", "failed", "unapplied"
};

/* see journal.h */
const char *
journal_state_name(enum journal_state st)
{
	if ((size_t)st < sizeof(state_names) / sizeof(*state_names))
		return state_names[st];
	return "unknown";
}

static void
check_hex(const char *s, size_t len, char out[2 * CHECK_BYTES + 1])
{
	unsigned char h[CHECK_BYTES];

	crypto_generichash(h, sizeof(h), (const unsigned char *)s, len,
	    NULL, 0);
	sodium_bin2hex(out, 2 * CHECK_BYTES + 1, h, sizeof(h));
}

/* see journal.h */
void
journal_digest(const char *hash, char out[JOURNAL_DIGEST_HEX])
{
	unsigned char h[(JOURNAL_DIGEST_HEX - 1) / 2];

	crypto_generichash(h, sizeof(h), (const unsigned char *)hash,
	    strlen(hash), NULL, 0);
	sodium_bin2hex(out, JOURNAL_DIGEST_HEX, h, sizeof(h));
}

static struct journal_entry *
find_id(struct journal *j, uint64_t id)
{
	size_t i;

	/* Outcomes follow their intent closely: search from the end. */
	for (i = j->n; i > 0; i--)
		if (j->v[i - 1].id == id)
			return &j->v[i - 1];
	return NULL;
}

static int
parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return *end != '\0' || errno != 0 ? -1 : 0;
}

static char *
pct_decode(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	unsigned int c;

	if (strcmp(s, "-") == 0) {
		*out = '\0';
		return out;
	}
	for (; *s != '\0'; s++) {
		if (*s == '%' && sscanf(s + 1, "%2x", &c) == 1 &&
		    s[1] != '\0' && s[2] != '\0') {
			*o++ = (char)c;
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

static char *
pct_encode(const char *s)
{
	char *out, *o;

	if (s == NULL || *s == '\0')
		return xstrdup("-");
	out = o = xmalloc(strlen(s) * 3 + 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= ' ' || c == '%' || c >= 0x7f) {
			snprintf(o, 4, "%%%02X", c);
			o += 3;
		} else
			*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

static void
push_entry(struct journal *j, struct journal_entry *e)
{
	if (j->n == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 16;
		j->v = xreallocarray(j->v, j->cap, sizeof(*j->v));
	}
	j->v[j->n++] = *e;
	if (e->id >= j->next_id)
		j->next_id = e->id + 1;
}

/*
 * Parses one line (without its newline; modified in place).
 * Returns 0 or -1 when it is not a valid record.
 */
static int
parse_line(struct journal *j, char *line)
{
	char check[2 * CHECK_BYTES + 1], *f[8], *sp, *last;
	struct journal_entry e, *t;
	uint64_t v;
	size_t nf = 0, got, i;

	if ((last = strrchr(line, ' ')) == NULL ||
	    strlen(last + 1) != 2 * CHECK_BYTES)
		return -1;
	check_hex(line, (size_t)(last - line), check);
	if (sodium_memcmp(check, last + 1, 2 * CHECK_BYTES) != 0)
		return -1;
	*last = '\0';
	for (f[nf] = strtok_r(line, " ", &sp); f[nf] != NULL && nf < 7;
	    f[nf] = strtok_r(NULL, " ", &sp))
		nf++;
	memset(&e, 0, sizeof(e));
	if (nf == 6 && strcmp(f[0], "I") == 0) {
		if (parse_u64(f[1], &e.id) != 0 || parse_u64(f[2], &v) != 0 ||
		    strlen(f[4]) != JOURNAL_DIGEST_HEX - 1 ||
		    find_id(j, e.id) != NULL)
			return -1;
		e.time = (time_t)v;
		memcpy(e.old_digest, f[4], JOURNAL_DIGEST_HEX);
		e.create = strcmp(e.old_digest, JOURNAL_DIGEST_NONE) == 0;
		e.sealed = xmalloc(strlen(f[5]));
		if (sodium_base642bin(e.sealed, strlen(f[5]), f[5],
		    strlen(f[5]), NULL, &got, NULL, B64) != 0 ||
		    got <= SEAL_OVERHEAD) {
			free(e.sealed);
			return -1;
		}
		e.sealedlen = got;
		e.address = xstrdup(f[3]);
		e.state = JOURNAL_INTENDED;
		push_entry(j, &e);
		return 0;
	}
	if (nf == 5 && strcmp(f[0], "O") == 0) {
		if (parse_u64(f[1], &e.id) != 0 || parse_u64(f[2], &v) != 0 ||
		    (t = find_id(j, e.id)) == NULL)
			return -1;
		for (i = 1; i < sizeof(state_names) / sizeof(*state_names);
		    i++)
			if (strcmp(f[3], state_names[i]) == 0)
				break;
		if (i == sizeof(state_names) / sizeof(*state_names))
			return -1;
		t->state = (enum journal_state)i;
		t->outcome_time = (time_t)v;
		free(t->detail);
		t->detail = pct_decode(f[4]);
		return 0;
	}
	return -1;
}

/* Reads the whole file on fd and parses it; *good_end: end of the last
 * valid record. */
static int
load(struct journal *j, int fd, off_t *good_end, int *tail_torn,
    struct errbuf *eb)
{
	struct stat st;
	char *buf, *p, *nl, *end;
	size_t len = 0, magic = sizeof(JOURNAL_MAGIC) - 1, lineno = 1;
	ssize_t r;

	*good_end = 0;
	*tail_torn = 0;
	if (fstat(fd, &st) == -1)
		return err_set(eb, ISPM_EIO, "cannot stat '%s': %s", j->path,
		    strerror(errno));
	buf = xmalloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size &&
	    (r = pread(fd, buf + len, (size_t)st.st_size - len,
	    (off_t)len)) > 0)
		len += (size_t)r;
	buf[len] = '\0';
	if (len == 0) {
		free(buf);
		return 0;
	}
	if (len < magic || memcmp(buf, JOURNAL_MAGIC, magic) != 0) {
		free(buf);
		return err_set(eb, ISPM_EDATA,
		    "'%s' is not an ispmail rotation journal", j->path);
	}
	*good_end = (off_t)magic;
	end = buf + len;
	for (p = buf + magic; p < end; p = nl + 1) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl != NULL) {
			*nl = '\0';
			if (memchr(p, '\0', (size_t)(nl - p)) == NULL &&
			    parse_line(j, p) == 0) {
				*good_end = (off_t)(nl + 1 - buf);
				*tail_torn = 0;
				continue;
			}
		}
		if (j->torn++ == 0)
			snprintf(j->torn_what, sizeof(j->torn_what),
			    "'%s': line %zu: %s record ignored", j->path,
			    lineno, nl == NULL ? "torn (incomplete)" :
			    "corrupt");
		*tail_torn = 1;
		if (nl == NULL)
			break;
	}
	free(buf);
	return 0;
}

static struct journal *
journal_alloc(const char *path)
{
	struct journal *j = xcalloc(1, sizeof(*j));

	j->path = xstrdup(path);
	j->fd = -1;
	j->next_id = 1;
	return j;
}

/* Syncs the directory holding path, so a new file's entry is durable. */
static int
sync_dir(const char *path, struct errbuf *eb)
{
	char *copy = xstrdup(path);
	int fd, r = 0;

	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || fsync(fd) == -1)
		r = err_set(eb, ISPM_EIO, "cannot sync the directory of '%s': %s",
		    path, strerror(errno));
	if (fd != -1)
		close(fd);
	free(copy);
	return r;
}

/* Writes all of s at the end of the file, and fsyncs unless nosync. */
static int
append_sync(struct journal *j, const char *s, int nosync, struct errbuf *eb)
{
	size_t len = strlen(s);
	ssize_t w;

	if ((w = write(j->fd, s, len)) != (ssize_t)len ||
	    (!nosync && fsync(j->fd) == -1))
		return err_set(eb, ISPM_EIO, "cannot write journal '%s': %s",
		    j->path, w >= 0 && (size_t)w != len ? "short write" :
		    strerror(errno));
	return 0;
}

static int
append(struct journal *j, const char *s, struct errbuf *eb)
{
	return append_sync(j, s, 0, eb);
}

/* see journal.h */
int
journal_open(const char *path, struct journal **out, struct errbuf *eb)
{
	struct journal *j;
	struct stat st;
	const char *why;
	off_t good_end;
	int tail_torn, r, created = 0;

	*out = NULL;
	j = journal_alloc(path);
	if ((j->fd = safefile_open(path, O_RDWR | O_APPEND, 0, &why)) == -1 &&
	    errno == ENOENT) {
		j->fd = safefile_open(path, O_RDWR | O_APPEND | O_CREAT |
		    O_EXCL, 0600, &why);
		created = 1;
	}
	if (j->fd == -1) {
		r = err_set(eb, ISPM_EIO, "cannot open journal '%s': %s", path,
		    why);
		goto fail;
	}
	if (flock(j->fd, LOCK_EX | LOCK_NB) == -1) {
		r = err_set(eb, ISPM_ETEMP,
		    "journal '%s' is in use by another audit", path);
		goto fail;
	}
	if ((r = load(j, j->fd, &good_end, &tail_torn, eb)) != 0)
		goto fail;
	if (fstat(j->fd, &st) == -1) {
		r = err_set(eb, ISPM_EIO, "cannot stat '%s': %s", path,
		    strerror(errno));
		goto fail;
	}
	if (st.st_size == 0) {
		if ((r = append(j, JOURNAL_MAGIC, eb)) != 0 ||
		    (created && (r = sync_dir(path, eb)) != 0))
			goto fail;
	} else if (tail_torn && good_end < st.st_size) {
		/*
		 * An incomplete record at the end was never fsync'ed, so
		 * for an intent no update was sent; an outcome is settled
		 * again from the panel.  Cut it off so that the next record
		 * starts on a line of its own.
		 */
		if (ftruncate(j->fd, good_end) == -1 || fsync(j->fd) == -1) {
			r = err_set(eb, ISPM_EIO, "cannot truncate '%s': %s",
			    path, strerror(errno));
			goto fail;
		}
	}
	*out = j;
	return 0;
fail:
	journal_free(j);
	return r;
}

/* see journal.h */
int
journal_read(const char *path, struct journal **out, struct errbuf *eb)
{
	struct journal *j;
	const char *why;
	off_t good_end;
	int fd, tail_torn, r;

	*out = NULL;
	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1)
		return err_set(eb, ISPM_ENOINPUT, "cannot open journal '%s': %s",
		    path, why);
	j = journal_alloc(path);
	r = load(j, fd, &good_end, &tail_torn, eb);
	close(fd);
	if (r != 0) {
		journal_free(j);
		return r;
	}
	*out = j;
	return 0;
}

/* see journal.h */
void
journal_free(struct journal *j)
{
	size_t i;

	if (j == NULL)
		return;
	if (j->fd != -1)
		close(j->fd);
	for (i = 0; i < j->n; i++) {
		free(j->v[i].address);
		free(j->v[i].sealed);
		free(j->v[i].detail);
	}
	free(j->v);
	free(j->path);
	free(j);
}

/* see journal.h */
size_t
journal_count(const struct journal *j)
{
	return j->n;
}

/* see journal.h */
const struct journal_entry *
journal_entry(const struct journal *j, size_t i)
{
	return i < j->n ? &j->v[i] : NULL;
}

/* see journal.h */
size_t
journal_torn(const struct journal *j, const char **what)
{
	if (what != NULL)
		*what = j->torn_what;
	return j->torn;
}

/* "text CHECK\n", owned by the caller. */
static char *
record_line(const char *text)
{
	char check[2 * CHECK_BYTES + 1];

	check_hex(text, strlen(text), check);
	return xasprintf("%s %s\n", text, check);
}

/* Appends "text CHECK\n", synced unless nosync. */
static int
append_record(struct journal *j, const char *text, int nosync,
    struct errbuf *eb)
{
	char *line = record_line(text);
	int r;

	r = append_sync(j, line, nosync, eb);
	free(line);
	return r;
}

/*
 * Seals new_password for address into e (id, time, digest, box) and its
 * line into *line (owned). Returns 0, ISPM_EDATA or ISPM_EINTERNAL.
 */
static int
intent_record(uint64_t id, const unsigned char *pk, const char *address,
    const char *old_hash, const struct secret *new_password,
    struct journal_entry *e, char **line, struct errbuf *eb)
{
	unsigned char *msg = NULL, *box = NULL;
	char *b64 = NULL, *text = NULL;
	size_t alen = strlen(address), mlen, n;
	const char *p;
	int r;

	*line = NULL;
	for (p = address; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return err_set(eb, ISPM_EDATA,
			    "address '%s' cannot be journaled", address);
	if (alen == 0 || alen > 320 || new_password->len > SECRET_MAX)
		return err_set(eb, ISPM_EDATA, "address or password too long");
	mlen = alen + 1 + new_password->len;
	if ((msg = sodium_malloc(mlen)) == NULL)
		return err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
	memcpy(msg, address, alen);
	msg[alen] = '\n';
	memcpy(msg + alen + 1, new_password->buf, new_password->len);
	box = xmalloc(mlen + SEAL_OVERHEAD);
	r = seal_box(pk, msg, mlen, box, eb);
	sodium_free(msg);
	if (r != 0) {
		free(box);
		return r;
	}

	memset(e, 0, sizeof(*e));
	e->id = id;
	e->time = time(NULL);
	if (old_hash != NULL)
		journal_digest(old_hash, e->old_digest);
	else
		memcpy(e->old_digest, JOURNAL_DIGEST_NONE, JOURNAL_DIGEST_HEX);
	e->create = old_hash == NULL;
	n = sodium_base64_ENCODED_LEN(mlen + SEAL_OVERHEAD, B64);
	b64 = xmalloc(n);
	sodium_bin2base64(b64, n, box, mlen + SEAL_OVERHEAD, B64);
	text = xasprintf("I %" PRIu64 " %lld %s %s %s", e->id,
	    (long long)e->time, address, e->old_digest, b64);
	*line = record_line(text);
	e->address = xstrdup(address);
	e->sealed = box;
	e->sealedlen = mlen + SEAL_OVERHEAD;
	e->state = JOURNAL_INTENDED;
	free(b64);
	free(text);
	return 0;
}

/* see journal.h */
int
journal_intend(struct journal *j, const unsigned char *pk,
    const char *address, const char *old_hash,
    const struct secret *new_password, uint64_t *id, struct errbuf *eb)
{
	return journal_intend_many(j, pk, 1, &address, old_hash,
	    &new_password, id, eb);
}

/* see journal.h */
int
journal_intend_many(struct journal *j, const unsigned char *pk, size_t n,
    const char *const *address, const char *old_hash,
    const struct secret *const *new_password, uint64_t *ids,
    struct errbuf *eb)
{
	struct journal_entry *e;
	char *line, *all = NULL;
	size_t i, k, len = 0;
	int r = 0;

	for (i = 0; i < n; i++)
		ids[i] = 0;
	e = xcalloc(n + 1, sizeof(*e));
	for (i = 0; i < n && r == 0; i++) {
		if ((r = intent_record(j->next_id + i, pk, address[i],
		    old_hash, new_password[i], &e[i], &line, eb)) != 0)
			break;
		k = strlen(line);
		all = xreallocarray(all, len + k + 1, 1);
		memcpy(all + len, line, k + 1);
		len += k;
		free(line);
	}
	/* One write and one fsync for all: none is sent before. */
	if (r == 0 && (r = append(j, all, eb)) == 0)
		for (i = 0; i < n; i++) {
			ids[i] = e[i].id;
			push_entry(j, &e[i]);
		}
	if (r != 0)
		for (k = 0; k < i; k++) {
			free(e[k].address);
			free(e[k].sealed);
		}
	free(e);
	free(all);
	return r;
}

/* see journal.h */
int
journal_outcome(struct journal *j, uint64_t id, enum journal_state st,
    const char *detail, struct errbuf *eb)
{
	return journal_outcome_sync(j, id, st, detail, 0, eb);
}

/* see journal.h */
int
journal_sync(struct journal *j, struct errbuf *eb)
{
	if (fsync(j->fd) == -1)
		return err_set(eb, ISPM_EIO, "cannot write journal '%s': %s",
		    j->path, strerror(errno));
	return 0;
}

/* see journal.h */
int
journal_outcome_sync(struct journal *j, uint64_t id, enum journal_state st,
    const char *detail, int nosync, struct errbuf *eb)
{
	struct journal_entry *e;
	char *enc, *text;
	time_t now = time(NULL);
	int r;

	if ((e = find_id(j, id)) == NULL)
		return err_set(eb, ISPM_ENOTFOUND, "no journal record %" PRIu64,
		    id);
	if (st == JOURNAL_INTENDED)
		return err_set(eb, ISPM_EINTERNAL, "an outcome cannot be "
		    "'intended'");
	enc = pct_encode(detail);
	text = xasprintf("O %" PRIu64 " %lld %s %s", id, (long long)now,
	    journal_state_name(st), enc);
	r = append_record(j, text, nosync, eb);
	free(enc);
	free(text);
	if (r != 0)
		return r;
	e->state = st;
	e->outcome_time = now;
	free(e->detail);
	e->detail = xstrdup(detail != NULL ? detail : "");
	return 0;
}

/* see journal.h */
int
journal_unseal(const struct journal_entry *e, const struct seal_key *k,
    struct secret *password, struct errbuf *eb)
{
	struct secret *msg;
	size_t alen = strlen(e->address);
	int r;

	if ((msg = secret_new(e->sealedlen)) == NULL)
		return err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
	if ((r = seal_open(k, e->sealed, e->sealedlen, msg, eb)) != 0)
		goto out;
	if (msg->len <= alen || memcmp(msg->buf, e->address, alen) != 0 ||
	    msg->buf[alen] != '\n') {
		r = err_set(eb, ISPM_EDATA, "journal record %" PRIu64
		    ": the sealed address is not '%s'", e->id, e->address);
		goto out;
	}
	r = secret_set(password, msg->buf + alen + 1, msg->len - alen - 1, eb);
out:
	secret_free(msg);
	return r;
}
