/*
 * see safefile.h
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "safefile.h"
#include "xmalloc.h"

/* see safefile.h */
int
safefile_open(const char *path, int flags, mode_t mode, const char **why)
{
	struct stat st;
	int fd, fl, trunc = flags & O_TRUNC, saved;

	/*
	 * O_TRUNC waits for the type check: truncating is harmless on a
	 * regular file only.
	 */
	fd = open(path, (flags & ~O_TRUNC) | O_NOFOLLOW | O_NONBLOCK |
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
