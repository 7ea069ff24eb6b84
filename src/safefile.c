/*
 * see safefile.h
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "safefile.h"
#include "xmalloc.h"

/* see safefile.h */
int
safefile_open(const char *path, int flags, mode_t mode, const char **why)
{
	return safefile_openat(AT_FDCWD, path, flags, mode, why);
}

/* see safefile.h */
int
safefile_openat(int dirfd, const char *path, int flags, mode_t mode,
    const char **why)
{
	struct stat st;
	int fd, fl, trunc = flags & O_TRUNC, saved;

	/*
	 * O_TRUNC waits for the type check: truncating is harmless on a
	 * regular file only.
	 */
	fd = openat(dirfd, path, (flags & ~O_TRUNC) | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC, mode);
	if (fd == -1) {
		saved = errno;
		if (saved == ELOOP)
			*why = "it is a symbolic link";
		else if (saved == ENXIO)	/* a FIFO without a reader */
			*why = "it is not a regular file";
		else
			*why = strerror(saved);
		errno = saved;
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		saved = errno;
		*why = strerror(saved);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		saved = EINVAL;
		*why = "it is not a regular file";
		goto fail;
	}
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ||
	    (trunc && ftruncate(fd, 0) == -1)) {
		saved = errno;
		*why = strerror(saved);
		goto fail;
	}
	return fd;
fail:
	close(fd);
	errno = saved;
	return -1;
}

/* see safefile.h */
int
safefile_mkparents(const char *path)
{
	char *dir = xstrdup(path), *p;
	int r = 0, saved;

	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			r = -1;
			break;
		}
		*p = '/';
	}
	saved = errno;
	free(dir);
	errno = saved;
	return r;
}

/* see safefile.h */
int
safefile_write(const char *path, const void *data, size_t len, mode_t mode,
    const char **why)
{
	const char *base = strrchr(path, '/');
	const unsigned char *p = data;
	struct stat st;
	char tmp[PATH_MAX];
	ssize_t w;
	int fd, n, saved;

	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			*why = "it is a symbolic link";
			errno = ELOOP;
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			*why = "it is not a regular file";
			errno = EINVAL;
			return -1;
		}
	} else if (errno != ENOENT) {
		*why = strerror(errno);
		return -1;
	}
	/* Beside path, so that rename() stays within one file system. */
	n = base == NULL ? snprintf(tmp, sizeof(tmp), ".%s.XXXXXX", path) :
	    snprintf(tmp, sizeof(tmp), "%.*s/.%s.XXXXXX", (int)(base - path),
	    path, base + 1);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		*why = strerror(ENAMETOOLONG);
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		*why = strerror(errno);
		return -1;
	}
	if (fchmod(fd, mode) == -1)
		goto fail;
	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	return 0;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	*why = strerror(saved);
	errno = saved;
	return -1;
}
