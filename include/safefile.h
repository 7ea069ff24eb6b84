/*
 * Opening the files ispmail reads and writes without following a symbolic
 * link and without blocking on a FIFO: a user who can write a directory
 * ispmail works in must not make it truncate, lock or read another file,
 * nor hang it.
 */
#ifndef ISPMAIL_SAFEFILE_H
#define ISPMAIL_SAFEFILE_H

#include <sys/types.h>

/*
 * open(2) of path with flags (an access mode plus any of O_CREAT, O_EXCL,
 * O_APPEND, O_TRUNC) and mode, never through a symbolic link at the last
 * component and never blocking: O_NOFOLLOW, O_NONBLOCK and O_CLOEXEC are
 * added, anything but a regular file is refused (before O_TRUNC can act on
 * it), and O_NONBLOCK is cleared again.
 * Returns the descriptor, or -1 with errno set (ENOENT as open(2) sets it)
 * and *why pointing to a static reason for an error message: "it is a
 * symbolic link", "it is not a regular file" or strerror(errno).
 */
int	safefile_open(const char *path, int flags, mode_t mode,
	    const char **why);

/*
 * Creates every missing directory above the file path, mode 0700 as the
 * XDG base directory specification asks. Returns 0, or -1 with errno set.
 */
int	safefile_mkparents(const char *path);

/*
 * Replaces path whole with the len bytes of data, mode mode (the umask
 * does not narrow it): written to a temporary file beside path, synced,
 * then renamed over it, so that a reader sees the old file or the new,
 * never a part. A symbolic link or anything but a regular file at path is
 * refused (a link is never written through; a link put there afterwards
 * is replaced, not followed). Returns 0, or -1 with errno set and *why a
 * static reason as safefile_open() gives it; nothing is left behind on
 * failure.
 */
int	safefile_write(const char *path, const void *data, size_t len,
	    mode_t mode, const char **why);

/* safefile_open() for a path relative to the directory dirfd (openat(2)). */
int	safefile_openat(int dirfd, const char *path, int flags, mode_t mode,
	    const char **why);

#endif
