/*
 * Bulk import (import.h): the rows of a CSV file checked offline, then
 * against the panel in a few calls, then created with their passwords
 * sealed into the journal first.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "candidates.h"
#include "crackhash.h"
#include "csv.h"
#include "import.h"
#include "mailbox.h"
#include "names.h"
#include "xmalloc.h"

/* ISPConfig's mail_user.name column. */
#define IMPORT_NAME_MAX 255

enum import_column {
	COL_ADDRESS,
	COL_NAME,
	COL_QUOTA,
	COL_ALIASES,
	COL_FORWARD_TO,
	COL_NCOLUMNS
};

static const char *const import_columns[COL_NCOLUMNS] = {
	"address", "name", "quota", "aliases", "forward_to"
};

static const char *const import_status_names[] = {
	"to create", "done", "created", "failed"
};

/* see import.h */
const char *
import_status_name(enum import_status st)
{
	return import_status_names[st];
}

static void
import_problem(struct import *im, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds "FILE:LINE: message" to the problems. */
static void
import_problem(struct import *im, size_t line, const char *fmt, ...)
{
	va_list ap;
	char msg[ERRBUF_LEN];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((im->nproblems & (im->nproblems - 1)) == 0)
		im->problems = xreallocarray(im->problems,
		    im->nproblems == 0 ? 1 : 2 * im->nproblems,
		    sizeof(*im->problems));
	im->problems[im->nproblems].line = line;
	im->problems[im->nproblems].seq = im->nproblems;
	im->problems[im->nproblems++].text = xasprintf("%s:%zu: %s",
	    im->file, line, msg);
}

/* see import.h */
void
import_free(struct import *im)
{
	size_t i;

	if (im == NULL)
		return;
	for (i = 0; i < im->nrows; i++) {
		free(im->rows[i].address);
		free(im->rows[i].name);
		free(im->rows[i].detail);
	}
	free(im->rows);
	for (i = 0; i < im->nproblems; i++)
		free(im->problems[i].text);
	free(im->problems);
	for (i = 0; i < im->ndomains; i++) {
		free(im->domains[i]);
		mbx_target_free(im->targets[i]);
	}
	free(im->domains);
	free(im->targets);
	free(im->file);
	free(im);
}

/* see import.h */
size_t
import_count(const struct import *im, enum import_status st)
{
	size_t i, n = 0;

	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].status == st)
			n++;
	return n;
}

/* s without the blanks a spreadsheet cell may keep around it. */
static char *
import_trim(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/*
 * Maps the header's columns: col[k] is the field index of column k, or
 * -1. Every problem of the header is fatal: the rows cannot be read.
 */
static int
import_header(const struct import *im, const struct csv_record *h,
    int col[COL_NCOLUMNS], struct errbuf *eb)
{
	char *name;
	size_t i;
	int k, r = 0;

	for (k = 0; k < COL_NCOLUMNS; k++)
		col[k] = -1;
	for (i = 0; i < h->nfields && r == 0; i++) {
		name = import_trim(h->fields[i]);
		for (k = 0; k < COL_NCOLUMNS; k++)
			if (strcasecmp(name, import_columns[k]) == 0)
				break;
		if (strcasecmp(name, "password") == 0)
			r = err_set(eb, ISPM_EDATA, "%s:%zu: a password column: "
			    "import generates every password; remove it",
			    im->file, h->line);
		else if (k == COL_NCOLUMNS)
			r = err_set(eb, ISPM_EDATA, "%s:%zu: unknown column "
			    "'%.64s' (the columns are address, name, quota, "
			    "aliases, forward_to)", im->file, h->line, name);
		else if (col[k] != -1)
			r = err_set(eb, ISPM_EDATA, "%s:%zu: column '%s' twice",
			    im->file, h->line, import_columns[k]);
		else if (k == COL_ALIASES || k == COL_FORWARD_TO)
			r = err_set(eb, ISPM_EDATA, "%s:%zu: the %s column needs "
			    "alias and forward support, which this version of "
			    "ispmail lacks: remove the column", im->file,
			    h->line, import_columns[k]);
		else
			col[k] = (int)i;
		free(name);
	}
	if (r == 0 && col[COL_ADDRESS] == -1)
		r = err_set(eb, ISPM_EDATA, "%s:%zu: no 'address' column in the "
		    "header row", im->file, h->line);
	return r;
}

/* Field k of rec, "" when the record ends before it. */
static const char *
import_field(const struct csv_record *rec, int k)
{
	return (size_t)k < rec->nfields ? rec->fields[k] : "";
}

/* Checks one record into row; 1 when it is a row, 0 to skip it. */
static int
import_row_read(struct import *im, const struct csv_record *rec,
    const int col[COL_NCOLUMNS], size_t ncols, struct import_row *row)
{
	struct errbuf eb;
	char *addr, *quota;
	size_t k;

	for (k = 0; k < rec->nfields && rec->fields[k][0] == '\0'; k++)
		continue;
	/* A row a spreadsheet left empty (";;;"). */
	if (k == rec->nfields)
		return 0;
	memset(row, 0, sizeof(*row));
	row->line = rec->line;
	/* Fewer fields: the empty ones at the end were left out. */
	if (rec->nfields > ncols) {
		import_problem(im, rec->line, "%zu fields, but the header row "
		    "has %zu", rec->nfields, ncols);
		return 1;
	}
	addr = import_trim(import_field(rec, col[COL_ADDRESS]));
	if (*addr == '\0')
		import_problem(im, rec->line, "no address");
	else if (strchr(addr, '@') == NULL)
		import_problem(im, rec->line, "'%.80s' is not an address",
		    addr);
	else if (names_normalize(addr, NULL, &row->address, &eb) != 0)
		import_problem(im, rec->line, "%s", eb.msg);
	free(addr);
	if (col[COL_NAME] != -1) {
		row->name = import_trim(import_field(rec, col[COL_NAME]));
		if (strlen(row->name) > IMPORT_NAME_MAX)
			import_problem(im, rec->line, "a name longer than %d "
			    "bytes", IMPORT_NAME_MAX);
		else if (strpbrk(row->name, "\n\t") != NULL)
			import_problem(im, rec->line, "a line break or tab in "
			    "the name");
		if (*row->name == '\0') {
			free(row->name);
			row->name = NULL;
		}
	}
	if (col[COL_QUOTA] != -1) {
		quota = import_trim(import_field(rec, col[COL_QUOTA]));
		if (*quota != '\0' && mbx_parse_size(quota, &row->quota,
		    &eb) != 0)
			import_problem(im, rec->line, "quota: %s", eb.msg);
		free(quota);
	}
	return 1;
}

static int
import_row_cmp(const void *a, const void *b)
{
	const struct import_row *const *x = a, *const *y = b;
	int c = strcmp((*x)->address, (*y)->address);

	if (c != 0)
		return c;
	return (*x)->line < (*y)->line ? -1 : (*x)->line > (*y)->line;
}

/* Each address once in the file: the later rows are problems. */
static void
import_duplicates(struct import *im)
{
	struct import_row **v;
	size_t i, n = 0;

	v = xcalloc(im->nrows + 1, sizeof(*v));
	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].address != NULL)
			v[n++] = &im->rows[i];
	qsort(v, n, sizeof(*v), import_row_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(v[i]->address, v[i - 1]->address) == 0)
			import_problem(im, v[i]->line, "'%s' is already on "
			    "line %zu", v[i]->address, v[i - 1]->line);
	free(v);
}

static int
import_problem_cmp(const void *a, const void *b)
{
	const struct import_problem *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The problems in the order of the file. */
static void
import_sort_problems(struct import *im)
{
	if (im->nproblems > 1)
		qsort(im->problems, im->nproblems, sizeof(*im->problems),
		    import_problem_cmp);
}

/* see import.h */
int
import_load(const char *path, struct import **out, struct errbuf *eb)
{
	struct import *im;
	struct csv *c = NULL;
	int col[COL_NCOLUMNS], r;
	size_t i;

	*out = NULL;
	if ((r = csv_read_file(path, &c, eb)) != 0)
		return r;
	im = xcalloc(1, sizeof(*im));
	im->file = xstrdup(path);
	if ((r = import_header(im, &c->records[0], col, eb)) != 0)
		goto out;
	im->rows = xcalloc(c->nrecords, sizeof(*im->rows));
	for (i = 1; i < c->nrecords; i++)
		if (import_row_read(im, &c->records[i], col,
		    c->records[0].nfields, &im->rows[im->nrows]))
			im->nrows++;
	import_duplicates(im);
	import_sort_problems(im);
	*out = im;
	im = NULL;
out:
	import_free(im);
	csv_free(c);
	return r;
}

/* The index of domain in im->domains, adding it when new. */
static size_t
import_domain(struct import *im, const char *domain)
{
	size_t i;

	for (i = 0; i < im->ndomains; i++)
		if (strcmp(im->domains[i], domain) == 0)
			return i;
	im->domains = xreallocarray(im->domains, im->ndomains + 1,
	    sizeof(*im->domains));
	im->targets = xreallocarray(im->targets, im->ndomains + 1,
	    sizeof(*im->targets));
	im->domains[im->ndomains] = xstrdup(domain);
	im->targets[im->ndomains] = NULL;
	return im->ndomains++;
}

static int
import_mailbox_cmp(const void *key, const void *elem)
{
	const struct mailbox *m = elem;

	return strcmp(key, m->email != NULL ? m->email : "");
}

/* The last creation record of address in j, or NULL. */
static const struct journal_entry *
import_journaled(const struct journal *j, const char *address)
{
	const struct journal_entry *e, *found = NULL;
	size_t i;

	for (i = 0; j != NULL && i < journal_count(j); i++) {
		e = journal_entry(j, i);
		if (e->create && strcmp(e->address, address) == 0)
			found = e;
	}
	return found;
}

/* see import.h */
int
import_check_panel(struct import *im, struct api *api,
    const struct journal *j, struct errbuf *eb)
{
	const struct journal_entry *e;
	struct import_row *row;
	struct mailbox *mb = NULL, *m;
	struct errbuf e2;
	size_t i, d, nmb = 0;
	char **why;
	int r;

	/* One lookup a domain of the file, not one a row. */
	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].address != NULL)
			(void)import_domain(im,
			    strchr(im->rows[i].address, '@') + 1);
	why = xcalloc(im->ndomains + 1, sizeof(*why));
	for (d = 0; d < im->ndomains; d++) {
		if (im->targets[d] != NULL)
			continue;
		r = mbx_target_get(api, im->domains[d], &im->targets[d], &e2);
		if (r == ISPM_ENOTFOUND)
			why[d] = xstrdup(e2.msg);
		else if (r != 0) {
			err_set(eb, r, "%s", e2.msg);
			goto out;
		}
	}
	/* Every mailbox at once. */
	if ((r = mbx_list(api, NULL, 0, &mb, &nmb, eb)) != 0)
		goto out;
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if (row->address == NULL)
			continue;
		d = import_domain(im, strchr(row->address, '@') + 1);
		if (why[d] != NULL) {
			import_problem(im, row->line, "%s", why[d]);
			continue;
		}
		m = bsearch(row->address, mb, nmb, sizeof(*mb),
		    import_mailbox_cmp);
		e = import_journaled(j, row->address);
		if (m == NULL) {
			row->status = IMPORT_TODO;
			continue;
		}
		if (e != NULL && (e->state == JOURNAL_APPLIED ||
		    e->state == JOURNAL_VERIFIED)) {
			row->status = IMPORT_DONE;
			row->journal_id = e->id;
			free(row->detail);
			row->detail = xasprintf("created by an earlier run "
			    "(journal record %llu, %s)",
			    (unsigned long long)e->id,
			    journal_state_name(e->state));
			continue;
		}
		import_problem(im, row->line, "mailbox '%s' already exists on "
		    "the panel", row->address);
	}
	import_sort_problems(im);
	r = 0;
out:
	for (d = 0; d < im->ndomains; d++)
		free(why[d]);
	free(why);
	mailboxes_free(mb, nmb);
	return r;
}

/* The target of row's domain, known after import_check_panel(). */
static const struct mbx_target *
import_target(const struct import *im, const struct import_row *row)
{
	const char *dom = strchr(row->address, '@') + 1;
	size_t d;

	for (d = 0; d < im->ndomains; d++)
		if (strcmp(im->domains[d], dom) == 0)
			return im->targets[d];
	return NULL;
}

static void
import_settle_row(struct import_row *row, enum import_status st,
    const char *detail)
{
	row->status = st;
	free(row->detail);
	row->detail = detail != NULL ? xstrdup(detail) : NULL;
}

/*
 * mail_user_add failed with why: refused, or its answer lost after the
 * panel may have created the mailbox. Whether it exists now says which.
 * Returns 0, or the code that stops the run when even that cannot be
 * read (the record keeps no outcome; the next run settles it).
 */
static int
import_settle_failed(struct api *api, struct journal *j,
    struct import_row *row, const char *why, struct errbuf *eb)
{
	struct mailbox *m = NULL;
	struct errbuf e2;
	char *detail;
	int r;

	r = mbx_get(api, row->address, &m, &e2);
	mailbox_free(m);
	if (r == ISPM_ENOTFOUND) {
		import_settle_row(row, IMPORT_FAILED, why);
		return journal_outcome(j, row->journal_id, JOURNAL_FAILED, why,
		    eb);
	}
	if (r != 0)
		return err_set(eb, r, "%s: %s; and cannot tell whether it was "
		    "created (%s): run the import again to settle it",
		    row->address, why, e2.msg);
	detail = xasprintf("%s; but the mailbox exists", why);
	import_settle_row(row, IMPORT_CREATED, detail);
	r = journal_outcome(j, row->journal_id, JOURNAL_APPLIED, detail, eb);
	free(detail);
	return r;
}

/*
 * Checks each new password against the hash the panel stored, all with
 * one listing: the panel hashes with its own salt. A match makes the
 * record verified; a mismatch is said in an applied record's detail.
 */
static int
import_verify(struct import *im, struct api *api, struct journal *j,
    struct secret **pw, struct errbuf *eb)
{
	struct mailbox *mb = NULL, *m;
	struct crackhash ch;
	struct errbuf e2;
	char lat[SECRET_MAX + 1];
	const char *cands[1];
	size_t i, nmb = 0, lens[1];
	ssize_t match;
	int r;

	for (i = 0; i < im->nrows && pw[i] == NULL; i++)
		continue;
	if (i == im->nrows)
		return 0;
	if ((r = mbx_list(api, NULL, 1, &mb, &nmb, eb)) != 0)
		return r;
	for (i = 0; i < im->nrows; i++) {
		if (pw[i] == NULL)
			continue;
		m = bsearch(im->rows[i].address, mb, nmb, sizeof(*mb),
		    import_mailbox_cmp);
		lens[0] = cand_to_latin1(pw[i]->buf, pw[i]->len, lat,
		    sizeof(lat));
		cands[0] = lat;
		if (m != NULL && m->password_hash != NULL &&
		    crackhash_parse(m->password_hash, &ch, &e2) == 0 &&
		    lens[0] < sizeof(lat) &&
		    crackhash_verify_batch(&ch, cands, lens, 1, &match,
		    &e2) == 0 && match == 0)
			r = journal_outcome(j, im->rows[i].journal_id,
			    JOURNAL_VERIFIED, NULL, eb);
		else
			r = journal_outcome(j, im->rows[i].journal_id,
			    JOURNAL_APPLIED, "the stored hash does not match "
			    "the new password", eb);
		sodium_memzero(lat, sizeof(lat));
		if (r != 0)
			break;
	}
	mailboxes_free(mb, nmb);
	return r;
}

/* see import.h */
int
import_create(struct import *im, struct api *api, struct journal *j,
    const unsigned char *pk, import_pwgen_fn pwgen, void *pwgen_arg,
    import_progress_fn progress, void *progress_arg,
    volatile sig_atomic_t *cancel, struct errbuf *eb)
{
	struct import_row *row;
	struct secret **pw;
	struct mbx_spec spec;
	struct errbuf e2;
	size_t i, done = 0, total;
	int r = 0;

	if (im->nproblems > 0)
		return err_set(eb, ISPM_EINTERNAL, "import_create: %zu "
		    "problems remain", im->nproblems);
	/* Kept until the stored hashes are read back, in guarded memory. */
	pw = xcalloc(im->nrows + 1, sizeof(*pw));
	total = im->nrows;
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if (row->status != IMPORT_TODO) {
			if (progress != NULL)
				progress(progress_arg, row, ++done, total);
			continue;
		}
		if (cancel != NULL && *cancel) {
			r = err_set(eb, ISPM_ECANCEL, "import interrupted");
			break;
		}
		if ((pw[i] = secret_new(SECRET_MAX)) == NULL) {
			r = err_set(eb, ISPM_EINTERNAL,
			    "cannot allocate guarded memory");
			break;
		}
		if ((r = pwgen(pwgen_arg, row->address, row->name, pw[i],
		    eb)) != 0)
			break;
		/* Recorded and synced before the panel sees it, or not
		 * sent. */
		if ((r = journal_intend(j, pk, row->address, NULL, pw[i],
		    &row->journal_id, eb)) != 0)
			break;
		spec.email = row->address;
		spec.name = row->name;
		spec.quota = row->quota;
		r = mbx_create_in(api, import_target(im, row), &spec, pw[i],
		    NULL, &e2);
		if (r == ISPM_ECANCEL) {
			/* Unknown whether it was created: the next run
			 * settles it from the panel. */
			err_set(eb, r, "%s", e2.msg);
			break;
		}
		if (r != 0) {
			if ((r = import_settle_failed(api, j, row, e2.msg,
			    eb)) != 0)
				break;
			if (row->status == IMPORT_FAILED) {
				secret_free(pw[i]);
				pw[i] = NULL;
			}
		} else {
			if ((r = journal_outcome(j, row->journal_id,
			    JOURNAL_APPLIED, "created", eb)) != 0)
				break;
			import_settle_row(row, IMPORT_CREATED, NULL);
		}
		if (progress != NULL)
			progress(progress_arg, row, ++done, total);
	}
	if (r == 0)
		r = import_verify(im, api, j, pw, eb);
	for (i = 0; i < im->nrows; i++)
		secret_free(pw[i]);
	free(pw);
	return r;
}
