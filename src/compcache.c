/*
 * see compcache.h
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "compcache.h"
#include "err.h"
#include "safefile.h"
#include "xmalloc.h"

/* One write: the lines kept from the old file, then the new entries. */
struct compcache_out {
	FILE		*fp;
	long long	 now;
	char		**domains;	/* new domains, to add once */
	size_t		 ndomains;
};

/* Whether s may be offered to bash, which expands completion words. */
static int
compcache_word_ok(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._+-@", *p) != NULL))
			return 0;
	return 1;
}

/* The cache directory, as the XDG base directory specification places
 * it (a relative $XDG_CACHE_HOME is ignored). */
static char *
compcache_dir(void)
{
	const char *s;

	if ((s = getenv("XDG_CACHE_HOME")) != NULL && s[0] == '/')
		return xasprintf("%s/ispmail", s);
	if ((s = getenv("HOME")) != NULL && s[0] == '/')
		return xasprintf("%s/.cache/ispmail", s);
	return NULL;
}

/* see compcache.h */
char *
compcache_path(const char *profile)
{
	char *dir, *path;

	if (profile[0] == '.' || !compcache_word_ok(profile) ||
	    (dir = compcache_dir()) == NULL)
		return NULL;
	path = xasprintf("%s/completion-%s", dir, profile);
	free(dir);
	return path;
}

/* Seconds an entry stays fresh. */
static long long
compcache_ttl(void)
{
	const char *s = getenv("ISPMAIL_COMPLETION_TTL");
	char *end;
	long long t;

	if (s == NULL || *s == '\0')
		return COMPCACHE_TTL;
	t = strtoll(s, &end, 10);
	return *end == '\0' && t >= 0 ? t : COMPCACHE_TTL;
}

/* Whether this write replaces the old line "kind name" (arg: the
 * writer's). */
typedef int (*compcache_replaced)(const char *kind, const char *name,
    const void *arg);

/* Copies the fresh lines of the old file that the write does not
 * replace. */
static void
compcache_keep(struct compcache_out *o, const char *path,
    compcache_replaced replaced, const void *arg)
{
	char line[512], kind[16], name[256];
	long long t, ttl = compcache_ttl();
	const char *why;
	size_t i;
	FILE *fp;
	int fd;

	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1)
		return;
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "%lld %15s %255s", &t, kind, name) != 3 ||
		    o->now - t >= ttl || t > o->now ||
		    !compcache_word_ok(name) || replaced(kind, name, arg))
			continue;
		if (strcmp(kind, "domain") == 0) {
			for (i = 0; i < o->ndomains; i++)
				if (strcmp(o->domains[i], name) == 0)
					break;
			if (i < o->ndomains)
				continue;	/* written anew below */
		} else if (strcmp(kind, "mailbox") != 0 &&
		    strcmp(kind, "alias") != 0 && strcmp(kind, "forward") != 0)
			continue;
		fprintf(o->fp, "%lld %s %s\n", t, kind, name);
	}
	fclose(fp);
}

/* Notes domain (the part after '@' when it is an address) as new. */
static void
compcache_add_domain(struct compcache_out *o, const char *s)
{
	const char *at = strrchr(s, '@');
	size_t i;

	if (at != NULL)
		s = at + 1;
	if (!compcache_word_ok(s) || strchr(s, '@') != NULL)
		return;
	for (i = 0; i < o->ndomains; i++)
		if (strcmp(o->domains[i], s) == 0)
			return;
	o->domains = xreallocarray(o->domains, o->ndomains + 1,
	    sizeof(*o->domains));
	o->domains[o->ndomains++] = xstrdup(s);
}

/*
 * Writes profile's file anew: the fresh old lines that replaced() lets
 * through, then o's domains, then the n names of kind.
 */
static int
compcache_write(const char *profile, struct compcache_out *o,
    compcache_replaced replaced, const void *arg, const char *kind,
    const char *const *names, size_t n)
{
	char *path, *tmp = NULL;
	const char *why;
	size_t i;
	int fd, r = ISPM_EIO;

	o->fp = NULL;
	if ((path = compcache_path(profile)) == NULL) {
		r = ISPM_ECONFIG;
		goto out;
	}
	if (safefile_mkparents(path) == -1)
		goto out;
	/* One writer per process; a leftover of a killed one goes. */
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	if (unlink(tmp) == -1 && errno != ENOENT)
		goto out;
	if ((fd = safefile_open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600,
	    &why)) == -1)
		goto out;
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	compcache_keep(o, path, replaced, arg);
	for (i = 0; i < o->ndomains; i++)
		fprintf(o->fp, "%lld domain %s\n", o->now, o->domains[i]);
	for (i = 0; i < n; i++)
		if (compcache_word_ok(names[i]))
			fprintf(o->fp, "%lld %s %s\n", o->now, kind,
			    names[i]);
	if (fclose(o->fp) != 0 || rename(tmp, path) == -1)
		unlink(tmp);
	else
		r = 0;
out:
	for (i = 0; i < o->ndomains; i++)
		free(o->domains[i]);
	free(o->domains);
	free(tmp);
	free(path);
	return r;
}

static int
compcache_domains_replaced(const char *kind, const char *name,
    const void *arg)
{
	(void)name;
	(void)arg;
	return strcmp(kind, "domain") == 0;
}

/* see compcache.h */
int
compcache_domains(const char *profile, const struct mail_domain *v,
    size_t n)
{
	struct compcache_out o = { NULL, (long long)time(NULL), NULL, 0 };
	size_t i;

	for (i = 0; i < n; i++)
		compcache_add_domain(&o, v[i].domain);
	return compcache_write(profile, &o, compcache_domains_replaced, NULL,
	    "domain", NULL, 0);
}

/* What a list of one kind of address replaces. */
struct compcache_scope {
	const char	*kind;
	const char	*domain;	/* NULL: every domain */
};

/* A line of the kind and domain listed anew (arg, a compcache_scope). */
static int
compcache_scope_replaced(const char *kind, const char *name, const void *arg)
{
	const struct compcache_scope *sc = arg;
	const char *at;

	if (strcmp(kind, sc->kind) != 0)
		return 0;
	if (sc->domain == NULL)
		return 1;
	return (at = strrchr(name, '@')) != NULL &&
	    strcasecmp(at + 1, sc->domain) == 0;
}

/* see compcache.h */
int
compcache_addresses(const char *profile, const char *kind,
    const char *domain, const char *const *v, size_t n)
{
	struct compcache_out o = { NULL, (long long)time(NULL), NULL, 0 };
	struct compcache_scope sc = { kind, domain };
	size_t i;

	for (i = 0; i < n; i++)
		if (compcache_word_ok(v[i]))
			compcache_add_domain(&o, v[i]);
	return compcache_write(profile, &o, compcache_scope_replaced, &sc,
	    kind, v, n);
}

/* see compcache.h */
int
compcache_mailboxes(const char *profile, const char *domain,
    const struct mailbox *v, size_t n)
{
	const char **names;
	size_t i;
	int r;

	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = v[i].email;
	r = compcache_addresses(profile, "mailbox", domain, names, n);
	free(names);
	return r;
}

/* The one line a change replaces (arg, a compcache_scope whose domain
 * is the address). */
static int
compcache_one_replaced(const char *kind, const char *name, const void *arg)
{
	const struct compcache_scope *sc = arg;

	return strcmp(kind, sc->kind) == 0 &&
	    strcasecmp(name, sc->domain) == 0;
}

/* see compcache.h */
int
compcache_note(const char *profile, const char *kind, const char *address,
    int exists)
{
	struct compcache_out o = { NULL, (long long)time(NULL), NULL, 0 };
	struct compcache_scope sc = { kind, address };

	if (exists && compcache_word_ok(address))
		compcache_add_domain(&o, address);
	return compcache_write(profile, &o, compcache_one_replaced, &sc,
	    kind, &address, exists ? 1 : 0);
}

static int
compcache_address_replaced(const char *kind, const char *name,
    const void *arg)
{
	(void)name;
	(void)arg;
	return strcmp(kind, "domain") != 0;
}

/* see compcache.h */
int
compcache_forget(const char *profile)
{
	struct compcache_out o = { NULL, (long long)time(NULL), NULL, 0 };
	char *path;
	int gone;

	if ((path = compcache_path(profile)) == NULL)
		return ISPM_ECONFIG;
	gone = access(path, F_OK) == -1 && errno == ENOENT;
	free(path);
	if (gone)
		return 0;
	return compcache_write(profile, &o, compcache_address_replaced, NULL,
	    "mailbox", NULL, 0);
}
