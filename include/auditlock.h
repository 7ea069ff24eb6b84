/*
 * The audit's lock: one audit at a time per panel account, whatever state
 * file or journal each run names, so that two runs never rotate the same
 * mailboxes.  Shards of one audit lock separately.
 */
#ifndef ISPMAIL_AUDITLOCK_H
#define ISPMAIL_AUDITLOCK_H

#include "err.h"

/*
 * Takes the lock of the panel account (url, user) and shard i of n (n 1:
 * unsharded): a file in dir named after a digest of them, created 0600
 * without following a symbolic link, refused unless it is a regular file
 * of ours, and held with flock(2) until *fd is closed.  *path (owned)
 * names it.  Returns 0, ISPM_ETEMP (another audit holds it) or ISPM_EIO.
 */
int	auditlock_take(const char *dir, const char *url, const char *user,
	    unsigned shard_i, unsigned shard_n, int *fd, char **path,
	    struct errbuf *eb);

#endif
