/*
 * A sheet with a password in a file of its own: created 0600, never over
 * an existing file and never through a symbolic link, written through a
 * buffer in guarded memory and synced before anything else happens, so
 * that a command can write it before it changes the panel and remove it
 * again when the panel refuses.
 */
#ifndef ISPMAIL_SHEETFILE_H
#define ISPMAIL_SHEETFILE_H

#include <sys/types.h>

#include <time.h>

#include "err.h"
#include "sheet.h"

/*
 * Which file was written, so that only that one is ever removed: an inode
 * number alone can come back for a file made after ours was deleted.
 */
struct sheetfile {
	dev_t		dev;
	ino_t		ino;
	off_t		size;
	struct timespec	mtime;
};

/*
 * Creates path (O_EXCL, O_NOFOLLOW, mode 0600) in the directory dirfd
 * (AT_FDCWD for the current one), writes s to it as f and syncs it.
 * On failure nothing is left at path. *out is set on success.
 * Returns 0 or: ISPM_EIO (exists, a link, cannot be written), or a
 * sheet_write() code.
 */
int	sheetfile_write(int dirfd, const char *path, const struct sheet *s,
	    enum sheet_format f, struct sheetfile *out, struct errbuf *eb);

/*
 * Removes path in dirfd if it is still the file sheetfile_write() made
 * (something else put there since is left alone). Best effort.
 */
void	sheetfile_remove(int dirfd, const char *path,
	    const struct sheetfile *sf);

/*
 * Reads the password on the sheet path in dirfd, written as f by
 * sheetfile_write(), into out (see sheet_read_password()): never through
 * a symbolic link, through a buffer in guarded memory.
 * Returns 0, or: ISPM_ENOINPUT (no such file), ISPM_EIO (a link, not a
 * regular file, too big for a sheet, cannot be read), ISPM_EDATA (no
 * password on it, or a PDF).
 */
int	sheetfile_read_password(int dirfd, const char *path,
	    enum sheet_format f, struct secret *out, struct errbuf *eb);

#endif
