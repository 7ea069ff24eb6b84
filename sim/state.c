/*
 * The simulator's database: a JSON document whose keys are ISPConfig
 * table names and whose rows use ISPConfig's column names, so a test can
 * seed exactly the rows a real panel would hold (legacy hashes, empty
 * passwords, odd flags).  It is loaded once and rewritten atomically
 * after every change, so a crash never leaves a half-written file.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

struct json_object *
state_table(struct json_object *db, const char *name)
{
	struct json_object *t;

	if (!json_object_object_get_ex(db, name, &t) ||
	    !json_object_is_type(t, json_type_array))
		return NULL;
	return t;
}

/* A column's value as PHP would see it: a string, or NULL for SQL NULL. */
const char *
row_str(struct json_object *row, const char *col)
{
	struct json_object *v;

	if (!json_object_object_get_ex(row, col, &v) || v == NULL)
		return NULL;
	return json_object_get_string(v);
}

void
row_set(struct json_object *row, const char *col, const char *val)
{
	json_object_object_add(row, col, json_object_new_string(val));
}

void
row_set_null(struct json_object *row, const char *col)
{
	json_object_object_add(row, col, NULL);
}

/* First row of a table whose column equals val exactly. */
struct json_object *
state_find(struct json_object *db, const char *table, const char *col,
    const char *val)
{
	struct json_object *t, *row;
	const char *v;
	size_t i, n;

	if ((t = state_table(db, table)) == NULL)
		return NULL;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		row = json_object_array_get_idx(t, i);
		if ((v = row_str(row, col)) != NULL && strcmp(v, val) == 0)
			return row;
	}
	return NULL;
}

/*
 * AUTO_INCREMENT never hands out an id twice, even after the highest
 * row was deleted; the counter lives under "_sim" so it survives a
 * restart of the simulator.
 */
long long
state_next_id(struct json_object *db, const char *table, const char *col)
{
	struct json_object *meta, *ai, *t, *v;
	long long next = 1, id;
	const char *s;
	size_t i, n;

	if (!json_object_object_get_ex(db, "_sim", &meta) ||
	    !json_object_is_type(meta, json_type_object)) {
		meta = json_object_new_object();
		json_object_object_add(db, "_sim", meta);
	}
	if (!json_object_object_get_ex(meta, "auto_increment", &ai) ||
	    !json_object_is_type(ai, json_type_object)) {
		ai = json_object_new_object();
		json_object_object_add(meta, "auto_increment", ai);
	}
	if (json_object_object_get_ex(ai, table, &v))
		next = json_object_get_int64(v);
	if ((t = state_table(db, table)) != NULL) {
		n = json_object_array_length(t);
		for (i = 0; i < n; i++) {
			s = row_str(json_object_array_get_idx(t, i), col);
			if (s != NULL && (id = strtoll(s, NULL, 10)) >= next)
				next = id + 1;
		}
	}
	json_object_object_add(ai, table, json_object_new_int64(next + 1));
	return next;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * ISPConfig keeps server and system settings as ini text in the
 * server.config and sys_ini.config columns; ini_parser splits each line
 * at its first '=' and trims both sides.  Returns every section, or the
 * one asked for, as an object of strings in file order.
 */
struct json_object *
ini_all(const char *text)
{
	struct json_object *all, *sect = NULL;
	char *copy, *line, *next, *eq, *t;

	all = json_object_new_object();
	copy = sim_xstrdup(text);
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		t = trim(line);
		if (*t == '[' && t[strlen(t) - 1] == ']') {
			t[strlen(t) - 1] = '\0';
			sect = json_object_new_object();
			json_object_object_add(all, trim(t + 1), sect);
			continue;
		}
		if (sect == NULL || (eq = strchr(t, '=')) == NULL)
			continue;
		*eq = '\0';
		json_object_object_add(sect, trim(t),
		    json_object_new_string(trim(eq + 1)));
	}
	free(copy);
	return all;
}

struct json_object *
ini_section(const char *text, const char *section)
{
	struct json_object *all, *sect, *r = NULL;

	all = ini_all(text);
	if (json_object_object_get_ex(all, section, &sect))
		r = json_object_get(sect);
	json_object_put(all);
	return r;
}

char *
ini_get(const char *text, const char *section, const char *key)
{
	struct json_object *sect, *v;
	char *r = NULL;

	if ((sect = ini_section(text, section)) == NULL)
		return NULL;
	if (json_object_object_get_ex(sect, key, &v))
		r = sim_xstrdup(json_object_get_string(v));
	json_object_put(sect);
	return r;
}

/*
 * A mail_user row as the API inserts it when a key is omitted
 * (FACTS 4): form fields get '' or the unchecked value, columns outside
 * the form keep their SQL defaults.  Column order is the table's.
 */
struct json_object *
mail_user_blank_row(void)
{
	static const struct {
		const char	*col;
		const char	*val;	/* NULL: SQL NULL */
	} cols[] = {
		{ "mailuser_id", "0" }, { "sys_userid", "1" },
		{ "sys_groupid", "1" }, { "sys_perm_user", "riud" },
		{ "sys_perm_group", "riud" }, { "sys_perm_other", "" },
		{ "server_id", "0" }, { "email", "" }, { "login", "" },
		{ "password", "" }, { "name", "" }, { "uid", "-1" },
		{ "gid", "-1" }, { "maildir", "" },
		{ "maildir_format", "maildir" }, { "quota", "0" },
		{ "cc", "" }, { "forward_in_lda", "n" }, { "sender_cc", "" },
		{ "homedir", "" }, { "autoresponder", "n" },
		{ "autoresponder_start_date", NULL },
		{ "autoresponder_end_date", NULL },
		{ "autoresponder_subject", "" }, { "autoresponder_text", "" },
		{ "move_junk", "" }, { "purge_trash_days", "0" },
		{ "purge_junk_days", "0" }, { "custom_mailfilter", NULL },
		{ "postfix", "n" }, { "greylisting", "n" }, { "access", "y" },
		{ "disableimap", "n" }, { "disablepop3", "n" },
		{ "disabledeliver", "n" }, { "disablesmtp", "n" },
		{ "disablesieve", "n" }, { "disablesieve-filter", "n" },
		{ "disablelda", "n" }, { "disablelmtp", "n" },
		{ "disabledoveadm", "n" }, { "last_access", NULL },
		{ "disablequota-status", "n" },
		{ "disableindexer-worker", "n" },
		{ "last_quota_notification", NULL },
		{ "backup_interval", "" }, { "backup_copies", "0" },
		{ "imap_prefix", "" },
	};
	struct json_object *row;
	size_t i;

	row = json_object_new_object();
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		if (cols[i].val == NULL)
			row_set_null(row, cols[i].col);
		else
			row_set(row, cols[i].col, cols[i].val);
	}
	return row;
}

int
state_load(const char *path, struct json_object **out, char *err,
    size_t errlen)
{
	struct json_object *db;

	*out = NULL;
	if ((db = json_object_from_file(path)) == NULL) {
		snprintf(err, errlen, "cannot load state '%s': %s", path,
		    json_util_get_last_err());
		return -1;
	}
	if (!json_object_is_type(db, json_type_object)) {
		json_object_put(db);
		snprintf(err, errlen, "state '%s' is not a JSON object", path);
		return -1;
	}
	*out = db;
	return 0;
}

/* Write a temporary file, fsync it, rename it over the old one. */
int
state_save(const char *path, struct json_object *db, char *err,
    size_t errlen)
{
	const char *text;
	char *tmp = NULL, *dircopy = NULL;
	size_t len, off = 0;
	ssize_t w;
	int fd = -1, dfd, r = -1;

	if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
		sim_fatal("out of memory");
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(err, errlen, "mkstemp '%s': %s", tmp,
		    strerror(errno));
		goto out;
	}
	text = json_object_to_json_string_ext(db, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	len = strlen(text);
	while (off < len) {
		if ((w = write(fd, text + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "write '%s': %s", tmp,
			    strerror(errno));
			goto out;
		}
		off += (size_t)w;
	}
	if (write(fd, "\n", 1) != 1 || fsync(fd) != 0) {
		snprintf(err, errlen, "write '%s': %s", tmp, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		snprintf(err, errlen, "close '%s': %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "rename '%s': %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* Make the rename itself durable. */
	dircopy = sim_xstrdup(path);
	if ((dfd = open(dirname(dircopy), O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	r = 0;
 out:
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	free(dircopy);
	free(tmp);
	return r;
}
