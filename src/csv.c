/*
 * RFC 4180 CSV, read whole into memory (the file is bounded) and parsed
 * by one pass of a small state machine over the bytes.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "safefile.h"
#include "text.h"
#include "xmalloc.h"

/* The parser's position and the record being built. */
struct csv_parser {
	const char	*name;
	const char	*p, *end;
	size_t		 line;		/* of p */
	char		 sep;
	struct csv	*c;
	/* the record being built */
	size_t		 rec_line, rec_bytes;
	char		**fields;
	size_t		 nfields;
	char		 field[CSV_FIELD_MAX + 1];
	size_t		 flen;
	struct errbuf	*eb;
};

/* see csv.h */
void
csv_free(struct csv *c)
{
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->nrecords; i++) {
		for (k = 0; k < c->records[i].nfields; k++)
			free(c->records[i].fields[k]);
		free(c->records[i].fields);
	}
	free(c->records);
	free(c);
}

/*
 * The separator of the header row: the one of ',' and ';' found outside
 * quotes on its first record, the more frequent when both are; ',' when
 * neither is (a single column).
 */
static char
csv_detect_sep(const char *p, const char *end)
{
	size_t comma = 0, semi = 0;
	int quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\n')
			break;
		else if (*p == ',')
			comma++;
		else if (*p == ';')
			semi++;
	}
	return semi > comma ? ';' : ',';
}

static int
csv_add_char(struct csv_parser *ps, char ch)
{
	if (ps->flen == CSV_FIELD_MAX)
		return err_set(ps->eb, ISPM_EDATA, "%s:%zu: a field longer "
		    "than %d bytes", ps->name, ps->line, CSV_FIELD_MAX);
	if (++ps->rec_bytes > CSV_RECORD_MAX)
		return err_set(ps->eb, ISPM_EDATA, "%s:%zu: a record longer "
		    "than %d bytes", ps->name, ps->rec_line, CSV_RECORD_MAX);
	ps->field[ps->flen++] = ch;
	return 0;
}

static int
csv_end_field(struct csv_parser *ps)
{
	if (ps->nfields == CSV_FIELDS_MAX)
		return err_set(ps->eb, ISPM_EDATA, "%s:%zu: more than %d "
		    "fields in a record", ps->name, ps->rec_line,
		    CSV_FIELDS_MAX);
	if (ps->fields == NULL)
		ps->fields = xcalloc(CSV_FIELDS_MAX, sizeof(*ps->fields));
	ps->fields[ps->nfields++] = xstrndup(ps->field, ps->flen);
	ps->flen = 0;
	return 0;
}

static void
csv_drop_record(struct csv_parser *ps)
{
	size_t k;

	for (k = 0; k < ps->nfields; k++)
		free(ps->fields[k]);
	free(ps->fields);
	ps->fields = NULL;
	ps->nfields = 0;
}

/* Keeps the record built, unless it is an empty line. */
static int
csv_end_record(struct csv_parser *ps)
{
	struct csv *c = ps->c;
	struct csv_record *r;

	if (ps->nfields == 1 && ps->fields[0][0] == '\0') {
		csv_drop_record(ps);
		return 0;
	}
	if (c->nrecords == CSV_RECORDS_MAX) {
		csv_drop_record(ps);
		return err_set(ps->eb, ISPM_EDATA, "%s:%zu: more than %d "
		    "records", ps->name, ps->rec_line, CSV_RECORDS_MAX);
	}
	if ((c->nrecords & (c->nrecords - 1)) == 0)
		c->records = xreallocarray(c->records,
		    c->nrecords == 0 ? 1 : c->nrecords * 2,
		    sizeof(*c->records));
	r = &c->records[c->nrecords++];
	r->line = ps->rec_line;
	r->nfields = ps->nfields;
	r->fields = xreallocarray(ps->fields, ps->nfields,
	    sizeof(*ps->fields));
	ps->fields = NULL;
	ps->nfields = 0;
	return 0;
}

/*
 * Checks the character at ps->p (UTF-8, no control but tab and line
 * breaks, which the state machine handles) and returns its length.
 */
static int
csv_check_char(struct csv_parser *ps, size_t *len)
{
	unsigned long cp;
	int safe;

	*len = text_unit(ps->p, (size_t)(ps->end - ps->p), &cp, &safe);
	if (*len == 1 && (unsigned char)*ps->p >= 0x80)
		return err_set(ps->eb, ISPM_EDATA, "%s:%zu: not UTF-8 (byte "
		    "0x%02X): save the file as CSV UTF-8", ps->name, ps->line,
		    (unsigned char)*ps->p);
	if (!safe && cp != '\t' && cp != '\n' && cp != '\r')
		return err_set(ps->eb, ISPM_EDATA, "%s:%zu: a control "
		    "character (U+%04lX)", ps->name, ps->line, cp);
	return 0;
}

/* A line break at ps->p: 1 (CRLF or LF, consumed), 0 (none) or -1. */
static int
csv_newline(struct csv_parser *ps)
{
	if (*ps->p == '\n') {
		ps->p++;
		return 1;
	}
	if (*ps->p != '\r')
		return 0;
	if (ps->p + 1 < ps->end && ps->p[1] == '\n') {
		ps->p += 2;
		return 1;
	}
	err_set(ps->eb, ISPM_EDATA, "%s:%zu: a carriage return without a "
	    "line feed", ps->name, ps->line);
	return -1;
}

/* Adds the len bytes at ps->p to the field. */
static int
csv_take(struct csv_parser *ps, size_t len)
{
	int r;

	while (len-- > 0)
		if ((r = csv_add_char(ps, *ps->p++)) != 0)
			return r;
	return 0;
}

/* A quoted field, from its opening quote to just after its closing one. */
static int
csv_quoted(struct csv_parser *ps)
{
	size_t open = ps->line, len;
	int r, nl;

	ps->p++;
	for (;;) {
		if (ps->p == ps->end)
			return err_set(ps->eb, ISPM_EDATA, "%s:%zu: "
			    "unterminated quoted field (opened on line %zu)",
			    ps->name, ps->line, open);
		if (*ps->p == '"') {
			if (ps->p + 1 < ps->end && ps->p[1] == '"') {
				ps->p += 2;
				if ((r = csv_add_char(ps, '"')) != 0)
					return r;
				continue;
			}
			ps->p++;
			return 0;
		}
		if ((nl = csv_newline(ps)) < 0)
			return ISPM_EDATA;
		if (nl) {
			/* A line break inside quotes is kept as LF. */
			ps->line++;
			if ((r = csv_add_char(ps, '\n')) != 0)
				return r;
			continue;
		}
		if ((r = csv_check_char(ps, &len)) != 0 ||
		    (r = csv_take(ps, len)) != 0)
			return r;
	}
}

static int
csv_run(struct csv_parser *ps)
{
	size_t len;
	int r, nl, quoted;

	ps->rec_line = ps->line;
	ps->rec_bytes = 0;
	while (ps->p < ps->end) {
		/* At the start of a field. */
		quoted = *ps->p == '"';
		if (quoted && (r = csv_quoted(ps)) != 0)
			return r;
		nl = 0;
		while (ps->p < ps->end && *ps->p != ps->sep) {
			if ((nl = csv_newline(ps)) < 0)
				return ISPM_EDATA;
			if (nl)
				break;
			if (quoted)
				return err_set(ps->eb, ISPM_EDATA, "%s:%zu: "
				    "text after the closing quote of a field",
				    ps->name, ps->line);
			if (*ps->p == '"')
				return err_set(ps->eb, ISPM_EDATA, "%s:%zu: a "
				    "quote inside an unquoted field (quote the "
				    "field and double the quote)", ps->name,
				    ps->line);
			if ((r = csv_check_char(ps, &len)) != 0 ||
			    (r = csv_take(ps, len)) != 0)
				return r;
		}
		if ((r = csv_end_field(ps)) != 0)
			return r;
		/* After a line break, a separator starts the next record. */
		if (!nl && ps->p < ps->end && *ps->p == ps->sep) {
			ps->p++;
			/* A separator last on the file: one more field. */
			if (ps->p == ps->end && (r = csv_end_field(ps)) != 0)
				return r;
			continue;
		}
		/* A line break was consumed, or the end of the file. */
		if ((r = csv_end_record(ps)) != 0)
			return r;
		ps->line++;
		ps->rec_line = ps->line;
		ps->rec_bytes = 0;
	}
	if (ps->nfields > 0)
		return csv_end_record(ps);
	return 0;
}

/* see csv.h */
int
csv_parse(const char *buf, size_t len, const char *name, struct csv **out,
    struct errbuf *eb)
{
	struct csv_parser *ps;
	int r;

	*out = NULL;
	if (len > CSV_FILE_MAX)
		return err_set(eb, ISPM_EDATA, "%s: larger than %d MiB",
		    name, CSV_FILE_MAX / (1024 * 1024));
	ps = xcalloc(1, sizeof(*ps));
	ps->name = name;
	ps->p = buf;
	ps->end = buf + len;
	ps->line = 1;
	ps->eb = eb;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		ps->p += 3;
	if (memchr(ps->p, '\0', (size_t)(ps->end - ps->p)) != NULL) {
		r = err_set(eb, ISPM_EDATA, "%s: a NUL byte: not a text file",
		    name);
		goto out;
	}
	ps->sep = csv_detect_sep(ps->p, ps->end);
	ps->c = xcalloc(1, sizeof(*ps->c));
	ps->c->sep = ps->sep;
	if ((r = csv_run(ps)) != 0)
		goto out;
	if (ps->c->nrecords == 0) {
		r = err_set(eb, ISPM_EDATA, "%s: empty: no header row", name);
		goto out;
	}
	*out = ps->c;
	ps->c = NULL;
out:
	csv_drop_record(ps);
	csv_free(ps->c);
	free(ps);
	return r;
}

/* see csv.h */
int
csv_read_file(const char *path, struct csv **out, struct errbuf *eb)
{
	struct stat st;
	const char *why;
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, r;

	*out = NULL;
	if ((fd = safefile_open(path, O_RDONLY, 0, &why)) == -1)
		return err_set(eb, ISPM_ENOINPUT, "cannot open '%s': %s", path,
		    why);
	if (fstat(fd, &st) == -1) {
		r = err_set(eb, ISPM_EIO, "cannot stat '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	if (st.st_size > CSV_FILE_MAX) {
		r = err_set(eb, ISPM_EDATA, "%s: larger than %d MiB", path,
		    CSV_FILE_MAX / (1024 * 1024));
		goto out;
	}
	/* One byte more than the size, to see a file that grew. */
	buf = xmalloc((size_t)st.st_size + 1);
	while (len <= (size_t)st.st_size &&
	    (n = read(fd, buf + len, (size_t)st.st_size + 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = err_set(eb, ISPM_EIO, "cannot read '%s': %s", path,
			    strerror(errno));
			goto out;
		}
		len += (size_t)n;
	}
	if (len > (size_t)st.st_size) {
		r = err_set(eb, ISPM_EIO, "'%s' changed while read", path);
		goto out;
	}
	r = csv_parse(buf, len, path, out, eb);
out:
	free(buf);
	close(fd);
	return r;
}
