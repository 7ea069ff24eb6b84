/*
 * How commands take a connection sheet: the options, the format chosen
 * from them, and the sheet's settings from the current profile (the
 * client settings, the organisation, today's date).
 */
#ifndef ISPMAIL_SHEETOPT_H
#define ISPMAIL_SHEETOPT_H

#include "cmd.h"
#include "sheet.h"
#include "sheetfile.h"

/* The options of create and passwd: a sheet with the new password. */
#define SHEET_OPTIONS \
	{ "sheet", 0, 1 }, \
	{ "format", 0, 1 }

/*
 * Refuses --format without the option that writes sheets (opt: "sheet"
 * for create and passwd, "sheets" for unseal), which it would not change.
 * cmd names the command in the message. Returns 0 or ISPM_EUSAGE.
 */
int	sheetopt_check(struct ispm_ctx *ctx, const char *cmd,
	    const struct args *args, const char *opt);

/*
 * The format of a sheet written to path (NULL: standard output): --format
 * when given, else PDF for a path ending in ".pdf", else JSON with
 * --json and no path, else text. Returns 0 or ISPM_EUSAGE.
 */
int	sheetopt_format(struct ispm_ctx *ctx, const struct args *args,
	    const char *path, enum sheet_format *out);

/*
 * Fills the client settings, the organisation and the date of s from the
 * current profile; the address, name and password are the caller's.
 * Returns 0 or a ctx_profile() code.
 */
int	sheetopt_settings(struct ispm_ctx *ctx, struct sheet *s);

/*
 * Writes the sheet of address (display name, or NULL) with password pw
 * to the new file path as f, for create and passwd --sheet: see
 * sheetfile_write(), which fills *sf. Returns 0, a ctx_profile() code or
 * a sheetfile_write() code.
 */
int	sheetopt_write(struct ispm_ctx *ctx, const char *path,
	    enum sheet_format f, const char *address, const char *name,
	    const struct secret *pw, struct sheetfile *sf);

/* The file name of address's sheet in a directory of sheets ("a@b.fr.pdf"),
 * malloc'd; address must have passed the name rules, so is never a path. */
char	*sheetopt_filename(const char *address, enum sheet_format f);

/*
 * Opens dir for sheets into *out (a directory descriptor), making it 0700
 * when missing: a symbolic link, or a directory someone else owns, could
 * send the passwords elsewhere and is refused. Returns 0 or ISPM_EIO.
 */
int	sheetopt_dir(struct ispm_ctx *ctx, const char *dir, int *out);

/*
 * The change whose password the sheet at path holds failed with r (its
 * message in ctx->err). When the panel refused it, or a check of ours
 * did, the sheet is removed. When an answer was lost or garbled (no
 * answer, a timeout, a protocol error, an interrupt), the panel may have
 * made the change: the sheet is kept, as the only copy of the password
 * then in force, and the message says so. A lost answer to a lookup
 * before the change keeps it too, the message saying "may". Returns r.
 */
int	sheetopt_failed(struct ispm_ctx *ctx, struct api *api,
	    const char *path, const struct sheetfile *sf, int r);

#endif
