/*
 * The audit's state file:
 *
 *   ispmail-audit-state-v1 FINGERPRINT [PER-SECOND PER-NIGHT]
 *   DIGEST POSITION TAG
 *   ...
 *
 * DIGEST is crypto_generichash (16 bytes, hex) of the hash value.  The
 * rate (struct auditstate_rate) came later, at the end of the first line
 * where readers that predate it ignore it.
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

#include "auditstate.h"
#include "safefile.h"
#include "xmalloc.h"

#define STATE_MAGIC "ispmail-audit-state-v1"
#define DIGEST_BYTES 16

struct slot {
	unsigned char	 key[DIGEST_BYTES];
	uint64_t	 pos;
	uint32_t	 tag;
	int		 used;	/* slot taken */
	int		 live;	/* seen in this run */
};

struct auditstate {
	char		*path;
	int		 lockfd;
	uint64_t	 fingerprint;
	struct slot	*slots;
	size_t		 cap, n, live;
	struct auditstate_rate rate;	/* 0: none recorded */
	char		 note[160];
};

static void
digest(const char *hash, unsigned char key[DIGEST_BYTES])
{
	crypto_generichash(key, DIGEST_BYTES, (const unsigned char *)hash,
	    strlen(hash), NULL, 0);
}

static struct slot *slot_find(struct auditstate *, const unsigned char *,
    int);

static void
grow(struct auditstate *st)
{
	struct slot *old = st->slots;
	size_t oldcap = st->cap, i;

	st->cap = st->cap ? st->cap * 2 : 256;
	st->slots = xcalloc(st->cap, sizeof(*st->slots));
	st->n = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].used)
			*slot_find(st, old[i].key, 1) = old[i];
	free(old);
}

/* Finds key's slot; with create, a free one is claimed. */
static struct slot *
slot_find(struct auditstate *st, const unsigned char *key, int create)
{
	uint64_t h;
	size_t i;

	if (create && (st->n + 1) * 2 > st->cap)
		grow(st);
	if (st->cap == 0)
		return NULL;
	memcpy(&h, key, sizeof(h));
	for (i = h & (st->cap - 1); st->slots[i].used;
	    i = (i + 1) & (st->cap - 1))
		if (memcmp(st->slots[i].key, key, DIGEST_BYTES) == 0)
			return &st->slots[i];
	if (!create)
		return NULL;
	st->slots[i].used = 1;
	memcpy(st->slots[i].key, key, DIGEST_BYTES);
	st->n++;
	return &st->slots[i];
}

static int
mkdirs(char *path, struct errbuf *eb)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			err_set(eb, ISPM_EIO, "cannot create '%s': %s", path,
			    strerror(errno));
			*p = '/';
			return ISPM_EIO;
		}
		*p = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return err_set(eb, ISPM_EIO, "cannot create '%s': %s", path,
		    strerror(errno));
	return 0;
}

/*
 * The default state file of profile, as auditstate_default_path() names
 * it, into *out (owned); *dir (owned) is its directory, not created.
 */
static int
default_path(const char *profile, unsigned shard_i, unsigned shard_n,
    char **dir, char **out, struct errbuf *eb)
{
	const char *base = getenv("XDG_STATE_HOME"), *home, *p;
	char *shard;

	*dir = *out = NULL;
	if (*profile == '\0' || *profile == '.')
		return err_set(eb, ISPM_ECONFIG, "profile name '%s' cannot "
		    "name a state file", profile);
	for (p = profile; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < ' ')
			return err_set(eb, ISPM_ECONFIG, "profile name '%s' "
			    "cannot name a state file", profile);
	if (base != NULL && *base == '/')
		*dir = xasprintf("%s/ispmail", base);
	else if ((home = getenv("HOME")) != NULL && *home == '/')
		*dir = xasprintf("%s/.local/state/ispmail", home);
	else
		return err_set(eb, ISPM_ECONFIG, "neither XDG_STATE_HOME nor "
		    "HOME is set: use --state FILE");
	shard = shard_n > 1 ? xasprintf(".shard-%u-of-%u", shard_i, shard_n) :
	    xstrdup("");
	*out = xasprintf("%s/audit-%s%s.state", *dir, profile, shard);
	free(shard);
	return 0;
}

/* see auditstate.h */
int
auditstate_default_path(const char *profile, unsigned shard_i,
    unsigned shard_n, char **out, struct errbuf *eb)
{
	char *dir, *path;
	int r;

	*out = NULL;
	if ((r = default_path(profile, shard_i, shard_n, &dir, &path,
	    eb)) == 0 && (r = mkdirs(dir, eb)) == 0) {
		*out = path;
		path = NULL;
	}
	free(path);
	free(dir);
	return r;
}

/*
 * Reads the optional rate at the end of the first line (after the magic
 * and the fingerprint); leaves *rate alone when there is none.
 */
static void
parse_rate(const char *line, struct auditstate_rate *rate)
{
	double s, n;

	if (sscanf(line, "%*s %*s %lf %lf", &s, &n) == 2 && s > 0 && n > 0) {
		rate->per_second = s;
		rate->per_night = n;
	}
}

/* see auditstate.h */
int
auditstate_last_rate(const char *profile, struct auditstate_rate *out)
{
	struct auditstate_rate rate;
	struct errbuf eb;
	char line[256], magic[32], *dir, *path;
	const char *why;
	FILE *fp;
	int fd;

	memset(out, 0, sizeof(*out));
	memset(&rate, 0, sizeof(rate));
	if (default_path(profile, 0, 1, &dir, &path, &eb) != 0)
		return ISPM_ENOINPUT;
	/* No lock: a save replaces the file whole, by rename. */
	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) != -1 &&
	    (fp = fdopen(fd, "r")) == NULL)
		close(fd);
	else if (fd != -1) {
		if (fgets(line, sizeof(line), fp) != NULL &&
		    sscanf(line, "%31s", magic) == 1 &&
		    strcmp(magic, STATE_MAGIC) == 0)
			parse_rate(line, &rate);
		fclose(fp);
	}
	free(path);
	free(dir);
	if (rate.per_second == 0)
		return ISPM_ENOINPUT;
	*out = rate;
	return 0;
}

/* see auditstate.h */
void
auditstate_set_rate(struct auditstate *st, const struct auditstate_rate *rate)
{
	st->rate = *rate;
}

/* Parses the file; -1 when it is neither empty nor a state of ours. */
static int
load(struct auditstate *st, FILE *fp)
{
	char line[256], magic[32], hex[2 * DIGEST_BYTES + 2];
	unsigned char key[DIGEST_BYTES];
	uint64_t fp64, pos;
	uint32_t tag;
	struct slot *s;
	size_t len;

	if (fgets(line, sizeof(line), fp) == NULL)
		return ferror(fp) ? -1 : 0;	/* empty: a fresh state */
	if (sscanf(line, "%31s %" SCNx64, magic, &fp64) != 2 ||
	    strcmp(magic, STATE_MAGIC) != 0)
		return -1;
	/* The machine's speed outlives a change of candidate lists. */
	parse_rate(line, &st->rate);
	if (fp64 != st->fingerprint) {
		snprintf(st->note, sizeof(st->note), "the candidate lists "
		    "changed: every account starts afresh");
		return 0;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "%33s %" SCNu64 " %" SCNu32, hex, &pos,
		    &tag) != 3 || strlen(hex) != 2 * DIGEST_BYTES ||
		    sodium_hex2bin(key, sizeof(key), hex, strlen(hex), NULL,
		    &len, NULL) != 0 || len != DIGEST_BYTES)
			return -1;
		s = slot_find(st, key, 1);
		s->pos = pos;
		s->tag = tag;
	}
	return ferror(fp) ? -1 : 0;
}

/* see auditstate.h */
int
auditstate_open(const char *path, uint64_t fingerprint,
    struct auditstate **out, const char **note, struct errbuf *eb)
{
	struct auditstate *st;
	const char *why;
	char *lockpath;
	FILE *fp;
	int fd, r;

	*out = NULL;
	if (note != NULL)
		*note = "";
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->fingerprint = fingerprint;
	lockpath = xasprintf("%s.lock", path);
	st->lockfd = safefile_open(lockpath, O_RDWR | O_CREAT, 0600, &why);
	if (st->lockfd == -1) {
		r = err_set(eb, ISPM_EIO, "cannot open '%s': %s", lockpath,
		    why);
		goto fail;
	}
	if (flock(st->lockfd, LOCK_EX | LOCK_NB) == -1) {
		r = err_set(eb, ISPM_ETEMP, "another audit holds '%s'",
		    lockpath);
		goto fail;
	}
	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1) {
		if (errno != ENOENT) {
			r = err_set(eb, ISPM_EIO, "cannot open '%s': %s", path,
			    why);
			goto fail;
		}
	} else {
		if ((fp = fdopen(fd, "r")) == NULL) {
			close(fd);
			r = err_set(eb, ISPM_EIO, "cannot read '%s': %s", path,
			    strerror(errno));
			goto fail;
		}
		r = load(st, fp);
		fclose(fp);
		/*
		 * Refused, as the journal refuses a file that is not one:
		 * the state is rewritten in full, and replacing a file that
		 * --state named by mistake would lose it.
		 */
		if (r != 0) {
			r = err_set(eb, ISPM_EDATA, "'%s' is not an ispmail "
			    "audit state (remove it to start afresh)", path);
			goto fail;
		}
	}
	free(lockpath);
	if (note != NULL)
		*note = st->note;
	*out = st;
	return 0;
fail:
	free(lockpath);
	auditstate_free(st);
	return r;
}

/* see auditstate.h */
void
auditstate_free(struct auditstate *st)
{
	if (st == NULL)
		return;
	/* Closing the descriptor releases the lock. */
	if (st->lockfd != -1)
		close(st->lockfd);
	free(st->slots);
	free(st->path);
	free(st);
}

/* see auditstate.h */
int
auditstate_get(struct auditstate *st, const char *hash, uint64_t *pos,
    uint32_t *tag)
{
	unsigned char key[DIGEST_BYTES];
	struct slot *s;

	digest(hash, key);
	if ((s = slot_find(st, key, 0)) == NULL)
		return 0;
	if (!s->live) {
		s->live = 1;
		st->live++;
	}
	*pos = s->pos;
	*tag = s->tag;
	return 1;
}

/* see auditstate.h */
void
auditstate_put(struct auditstate *st, const char *hash, uint64_t pos,
    uint32_t tag)
{
	unsigned char key[DIGEST_BYTES];
	struct slot *s;

	digest(hash, key);
	s = slot_find(st, key, 1);
	if (!s->live) {
		s->live = 1;
		st->live++;
	}
	s->pos = pos;
	s->tag = tag;
}

/* see auditstate.h */
size_t
auditstate_count(const struct auditstate *st)
{
	return st->live;
}

/* see auditstate.h */
int
auditstate_save(struct auditstate *st, struct errbuf *eb)
{
	char *tmp, *copy, hex[2 * DIGEST_BYTES + 1];
	const char *why;
	FILE *fp = NULL;
	size_t i;
	int fd = -1, dfd = -1, r = ISPM_EIO;

	/*
	 * A fixed name, so that a crash leaves nothing behind for long, but
	 * created afresh (O_EXCL, no link followed): whatever is there, a
	 * crash's leftover or a link planted by someone who can write the
	 * directory, goes first, and a file planted again meanwhile makes
	 * the save fail rather than write through it. The lock keeps other
	 * audits of this state away.
	 */
	tmp = xasprintf("%s.tmp", st->path);
	if (unlink(tmp) == -1 && errno != ENOENT) {
		err_set(eb, r, "cannot remove '%s': %s", tmp, strerror(errno));
		goto out;
	}
	if ((fd = safefile_open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600,
	    &why)) == -1) {
		err_set(eb, r, "cannot create '%s': %s", tmp, why);
		goto out;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		err_set(eb, r, "cannot create '%s': %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	fprintf(fp, "%s %016" PRIx64, STATE_MAGIC, st->fingerprint);
	if (st->rate.per_second > 0)
		fprintf(fp, " %.1f %.1f", st->rate.per_second,
		    st->rate.per_night);
	fputc('\n', fp);
	for (i = 0; i < st->cap; i++) {
		if (!st->slots[i].used || !st->slots[i].live)
			continue;
		sodium_bin2hex(hex, sizeof(hex), st->slots[i].key,
		    DIGEST_BYTES);
		fprintf(fp, "%s %" PRIu64 " %" PRIu32 "\n", hex,
		    st->slots[i].pos, st->slots[i].tag);
	}
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) == -1) {
		err_set(eb, r, "cannot write '%s': %s", tmp, strerror(errno));
		goto out;
	}
	if (fclose(fp) != 0) {
		fp = NULL;
		err_set(eb, r, "cannot write '%s': %s", tmp, strerror(errno));
		goto out;
	}
	fp = NULL;
	if (rename(tmp, st->path) == -1) {
		err_set(eb, r, "cannot rename '%s': %s", tmp, strerror(errno));
		goto out;
	}
	/* The rename itself is durable only once the directory is. */
	copy = xstrdup(st->path);
	dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (dfd == -1 || fsync(dfd) == -1) {
		err_set(eb, r, "cannot sync the directory of '%s': %s",
		    st->path, strerror(errno));
		goto out;
	}
	r = 0;
out:
	if (fp != NULL) {
		fclose(fp);
		unlink(tmp);
	}
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	if (dfd != -1)
		close(dfd);
	free(tmp);
	return r;
}
