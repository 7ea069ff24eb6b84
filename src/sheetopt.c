/*
 * see sheetopt.h
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "sheetopt.h"
#include "xmalloc.h"

/* see sheetopt.h */
int
sheetopt_check(struct ispm_ctx *ctx, const char *cmd,
    const struct args *args, const char *opt)
{
	if (args_get(args, "format") != NULL && args_get(args, opt) == NULL)
		return err_set(&ctx->err, ISPM_EUSAGE, "%s: --format goes "
		    "with --%s", cmd, opt);
	return 0;
}

/* see sheetopt.h */
int
sheetopt_format(struct ispm_ctx *ctx, const struct args *args,
    const char *path, enum sheet_format *out)
{
	const char *f = args_get(args, "format");
	size_t n;

	if (f != NULL)
		return sheet_format_parse(f, out, &ctx->err);
	n = path != NULL ? strlen(path) : 0;
	if (n >= 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		*out = SHEET_PDF;
	else if (path == NULL && ctx->json)
		*out = SHEET_JSON;
	else
		*out = SHEET_TEXT;
	return 0;
}

/* see sheetopt.h */
int
sheetopt_settings(struct ispm_ctx *ctx, struct sheet *s)
{
	const struct profile *p;
	int r;

	if ((r = ctx_profile(ctx, &p)) != 0)
		return r;
	s->client = &p->client;
	s->organisation = p->organisation;
	s->issued = time(NULL);
	return 0;
}

/* see sheetopt.h */
int
sheetopt_write(struct ispm_ctx *ctx, const char *path, enum sheet_format f,
    const char *address, const char *name, const struct secret *pw,
    struct sheetfile *sf)
{
	struct sheet s = { 0 };
	int r;

	if ((r = sheetopt_settings(ctx, &s)) != 0)
		return r;
	s.address = address;
	s.name = name;
	s.password = pw;
	return sheetfile_write(AT_FDCWD, path, &s, f, sf, &ctx->err);
}

/* see sheetopt.h */
int
sheetopt_dir(struct ispm_ctx *ctx, const char *dir, int *out)
{
	struct stat st;
	int fd, saved;

	*out = -1;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return err_set(&ctx->err, ISPM_EIO, "cannot create the "
		    "directory '%s': %s", dir, strerror(errno));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		saved = errno;
		/* O_DIRECTORY may say ENOTDIR before O_NOFOLLOW says ELOOP. */
		if (saved == ELOOP ||
		    (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)))
			return err_set(&ctx->err, ISPM_EIO, "cannot use '%s' "
			    "for the sheets: it is a symbolic link", dir);
		return err_set(&ctx->err, ISPM_EIO, "cannot use '%s' for the "
		    "sheets: %s", dir, strerror(saved));
	}
	if (fstat(fd, &st) == -1 || st.st_uid != geteuid()) {
		close(fd);
		return err_set(&ctx->err, ISPM_EIO, "cannot use '%s' for the "
		    "sheets: it is not owned by the user running ispmail",
		    dir);
	}
	*out = fd;
	return 0;
}

/* see sheetopt.h */
char *
sheetopt_filename(const char *address, enum sheet_format f)
{
	static const char *const ext[] = {
		[SHEET_TEXT] = "txt", [SHEET_JSON] = "json", [SHEET_PDF] = "pdf"
	};

	return xasprintf("%s.%s", address, ext[f]);
}

/* see sheetopt.h */
int
sheetopt_failed(struct ispm_ctx *ctx, struct api *api, const char *path,
    const struct sheetfile *sf, int r)
{
	char why[sizeof(ctx->err.msg)];
	enum api_fault f = api_last_fault(api);

	if ((r != ISPM_EUNREACH && r != ISPM_ETEMP && r != ISPM_EPROTO &&
	    r != ISPM_ECANCEL) || (f != API_FAULT_NONE &&
	    f != API_FAULT_TRANSPORT && f != API_FAULT_PROTOCOL)) {
		sheetfile_remove(AT_FDCWD, path, sf);
		return r;
	}
	snprintf(why, sizeof(why), "%s", ctx->err.msg);
	return err_set(&ctx->err, r, "%s; the panel may have made the "
	    "change: the sheet with its password is kept in '%s'", why,
	    path);
}
