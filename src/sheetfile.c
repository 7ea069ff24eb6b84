/*
 * see sheetfile.h
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "safefile.h"
#include "sheetfile.h"

/* stdio's buffer, in guarded memory: the text form holds the password. */
#define SHEETFILE_BUF 16384

static void
sheetfile_id(const struct stat *st, struct sheetfile *id)
{
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->mtime = st->st_mtim;
}

/* see sheetfile.h */
int
sheetfile_write(int dirfd, const char *path, const struct sheet *s,
    enum sheet_format f, struct sheetfile *out, struct errbuf *eb)
{
	struct stat st, now;
	const char *why;
	char *buf = NULL;
	FILE *fp = NULL;
	int fd, r, saved;

	memset(out, 0, sizeof(*out));
	if ((fd = safefile_openat(dirfd, path, O_WRONLY | O_CREAT | O_EXCL,
	    0600, &why)) == -1) {
		if (errno == EEXIST)
			why = "it exists (a sheet is never written over a "
			    "file or through a link)";
		return err_set(eb, ISPM_EIO, "cannot create the sheet '%s': "
		    "%s", path, why);
	}
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		/* Cannot tell it is ours: left for the caller to see. */
		return err_set(eb, ISPM_EIO, "cannot write the sheet '%s': "
		    "%s", path, strerror(saved));
	}
	if ((buf = sodium_malloc(SHEETFILE_BUF)) == NULL ||
	    (fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		r = err_set(eb, ISPM_EIO, "cannot write the sheet '%s': %s",
		    path, strerror(saved));
		goto fail;
	}
	setvbuf(fp, buf, _IOFBF, SHEETFILE_BUF);
	if ((r = sheet_write(s, f, fp, eb)) != 0)
		goto fail;
	saved = fsync(fd) == -1 || fstat(fd, &st) == -1 ? errno : 0;
	if (fclose(fp) != 0 && saved == 0)
		saved = errno;
	fp = NULL;
	fd = -1;
	if (saved != 0) {
		r = err_set(eb, ISPM_EIO, "cannot write the sheet '%s': %s",
		    path, strerror(saved));
		goto fail;
	}
	sodium_free(buf);
	sheetfile_id(&st, out);
	return 0;
fail:
	if (fp != NULL)
		fclose(fp);
	else if (fd != -1)
		close(fd);
	sodium_free(buf);
	/*
	 * Created here a moment ago (O_EXCL) and half written: removed if
	 * the name still leads to that file.
	 */
	if (fstatat(dirfd, path, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    now.st_dev == st.st_dev && now.st_ino == st.st_ino)
		(void)unlinkat(dirfd, path, 0);
	return r;
}

/* see sheetfile.h */
void
sheetfile_remove(int dirfd, const char *path, const struct sheetfile *sf)
{
	struct stat st;

	if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode) && st.st_dev == sf->dev &&
	    st.st_ino == sf->ino && st.st_size == sf->size &&
	    st.st_mtim.tv_sec == sf->mtime.tv_sec &&
	    st.st_mtim.tv_nsec == sf->mtime.tv_nsec)
		(void)unlinkat(dirfd, path, 0);
}

/* see sheetfile.h */
int
sheetfile_read_password(int dirfd, const char *path, enum sheet_format f,
    struct secret *out, struct errbuf *eb)
{
	struct errbuf e2;
	struct stat st;
	const char *why;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, r;

	if ((fd = safefile_openat(dirfd, path, O_RDONLY, 0, &why)) == -1)
		return err_set(eb, errno == ENOENT ? ISPM_ENOINPUT : ISPM_EIO,
		    "cannot read the sheet '%s': %s", path, why);
	if (fstat(fd, &st) == -1) {
		r = err_set(eb, ISPM_EIO, "cannot read the sheet '%s': %s",
		    path, strerror(errno));
		goto out;
	}
	if (st.st_size > SHEETFILE_BUF) {
		r = err_set(eb, ISPM_EIO, "cannot read the sheet '%s': more "
		    "than %d bytes, not a sheet", path, SHEETFILE_BUF);
		goto out;
	}
	if ((buf = sodium_malloc(SHEETFILE_BUF)) == NULL) {
		r = err_set(eb, ISPM_EIO, "cannot read the sheet '%s': %s",
		    path, strerror(errno));
		goto out;
	}
	while (got < SHEETFILE_BUF && (n = read(fd, buf + got,
	    SHEETFILE_BUF - got)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r = err_set(eb, ISPM_EIO, "cannot read the sheet '%s': "
			    "%s", path, strerror(errno));
			goto out;
		}
		got += (size_t)n;
	}
	if ((r = sheet_read_password(buf, got, f, out, &e2)) != 0)
		r = err_set(eb, r, "cannot read the sheet '%s': %s", path,
		    e2.msg);
out:
	sodium_free(buf);
	close(fd);
	return r;
}
