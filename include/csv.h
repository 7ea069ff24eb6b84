/*
 * CSV files as RFC 4180 describes them and spreadsheet programs write
 * them: fields separated by ',' or ';' (French spreadsheets write ';'),
 * optionally quoted with '"', a doubled quote standing for one, line
 * breaks and separators allowed inside quotes, records ended by CRLF or
 * LF, UTF-8 with an optional byte order mark.  The separator is taken
 * from the first record (the header row): the one of the two that occurs
 * outside quotes, the more frequent when both do.
 *
 * Strict where spreadsheets never stray: a quote inside an unquoted
 * field, text after a closing quote, a lone carriage return, a NUL byte,
 * invalid UTF-8 and an unterminated quote are errors naming the file
 * line.  Bounded: at most CSV_FILE_MAX bytes, CSV_RECORDS_MAX records,
 * CSV_FIELDS_MAX fields a record, CSV_RECORD_MAX bytes a record and
 * CSV_FIELD_MAX bytes a field.
 */
#ifndef ISPMAIL_CSV_H
#define ISPMAIL_CSV_H

#include <stddef.h>

#include "err.h"

#define CSV_FILE_MAX	(16 * 1024 * 1024)
#define CSV_RECORDS_MAX	100000
#define CSV_FIELDS_MAX	64
#define CSV_RECORD_MAX	16384
#define CSV_FIELD_MAX	4096

/* One record: its fields, and the file line it starts on (1-based). */
struct csv_record {
	size_t		 line;
	size_t		 nfields;
	char		**fields;	/* NUL-terminated UTF-8 */
};

/* A parsed file: every record, the header row first. */
struct csv {
	char		 sep;		/* ',' or ';' */
	size_t		 nrecords;
	struct csv_record *records;
};

/*
 * Parses the len bytes of buf; name (a file name) starts each error
 * message ("people.csv:12: unterminated quoted field (opened on line
 * 10)").  Lines holding nothing at all are skipped.  *out is freed with
 * csv_free() and set only on success.
 * Returns 0 or ISPM_EDATA (a syntax error, an empty file, a limit
 * passed).
 */
int	csv_parse(const char *buf, size_t len, const char *name,
	    struct csv **out, struct errbuf *eb);

/*
 * Reads and parses the file at path (never through a symbolic link,
 * never blocking on a FIFO).  Returns 0, ISPM_ENOINPUT (cannot open),
 * ISPM_EIO or the codes of csv_parse().
 */
int	csv_read_file(const char *path, struct csv **out, struct errbuf *eb);

/* Frees c; accepts NULL. */
void	csv_free(struct csv *c);

#endif
