/*
 * The audit's per-profile lock (auditlock.h).
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "auditlock.h"
#include "xmalloc.h"

/* see auditlock.h */
int
auditlock_take(const char *dir, const char *url, const char *user,
    unsigned shard_i, unsigned shard_n, int *fd, char **path,
    struct errbuf *eb)
{
	crypto_generichash_state h;
	unsigned char key[8];
	char hex[2 * sizeof(key) + 1], *shard;
	struct stat st;
	int r;

	*fd = -1;
	*path = NULL;
	/* The account, not the profile's name: two names for one panel
	 * account share the lock. */
	crypto_generichash_init(&h, NULL, 0, sizeof(key));
	crypto_generichash_update(&h, (const unsigned char *)url,
	    strlen(url) + 1);
	crypto_generichash_update(&h, (const unsigned char *)user,
	    strlen(user) + 1);
	crypto_generichash_final(&h, key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	shard = shard_n > 1 ? xasprintf(".shard-%u-of-%u", shard_i, shard_n) :
	    xstrdup("");
	*path = xasprintf("%s/audit-%s%s.lock", dir, hex, shard);
	free(shard);
	if ((*fd = open(*path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC, 0600)) == -1) {
		r = err_set(eb, ISPM_EIO, "cannot open the audit lock '%s': %s",
		    *path, errno == ELOOP ? "a symbolic link" :
		    strerror(errno));
		goto fail;
	}
	if (fstat(*fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid()) {
		r = err_set(eb, ISPM_EIO, "the audit lock '%s' is not a "
		    "regular file of ours", *path);
		goto fail;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) == -1) {
		r = err_set(eb, ISPM_ETEMP, "another audit of this panel "
		    "account%s is running (it holds '%s')", shard_n > 1 ?
		    " and shard" : "", *path);
		goto fail;
	}
	return 0;
fail:
	if (*fd != -1)
		close(*fd);
	*fd = -1;
	free(*path);
	*path = NULL;
	return r;
}
