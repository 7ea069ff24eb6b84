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
#include "alias.h"
#include "import.h"
#include "mailbox.h"
#include "names.h"
#include "utf8.h"
#include "xmalloc.h"

/* ISPConfig's mail_user.name column. */
#define IMPORT_NAME_MAX 255

/*
 * Passwords sealed with one fsync before their mailboxes are created:
 * one sync a mailbox would cost more than the panel's call. A kill
 * leaves at most this many records for the next run to settle.
 */
#define IMPORT_BATCH 32

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

static void
import_words_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * The addresses of a field, separated by blanks (a quoted field may break
 * lines), each normalised; what names the column in problems. Returns
 * the number kept in *out (owned), the bad ones reported.
 */
static size_t
import_addresses(struct import *im, size_t line, const char *what,
    const char *field, char ***out)
{
	struct errbuf eb;
	char *copy = xstrdup(field), *w, *sp, *a;
	size_t n = 0;

	*out = NULL;
	for (w = strtok_r(copy, " \t\n", &sp); w != NULL;
	    w = strtok_r(NULL, " \t\n", &sp)) {
		if (strchr(w, '@') == NULL) {
			import_problem(im, line, "%s: '%.80s' is not an address",
			    what, w);
			continue;
		}
		if (names_normalize(w, NULL, &a, &eb) != 0) {
			import_problem(im, line, "%s: %s", what, eb.msg);
			continue;
		}
		*out = xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n++] = a;
	}
	free(copy);
	return n;
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
		import_words_free(im->rows[i].aliases, im->rows[i].naliases);
		free(im->rows[i].alias_exists);
		import_words_free(im->rows[i].forward, im->rows[i].nforward);
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

/*
 * A forward row makes no mailbox: a name, quota or aliases would be
 * lost, and a destination may not be the row's own address.
 */
static void
import_row_forward_check(struct import *im, const struct csv_record *rec,
    const int col[COL_NCOLUMNS], const struct import_row *row)
{
	struct errbuf eb;
	size_t i;
	int k;

	if (row->nforward == 0)
		return;
	for (k = COL_NAME; k <= COL_ALIASES; k++)
		if (col[k] != -1 && *import_field(rec, col[k]) != '\0')
			import_problem(im, rec->line, "a row with forward_to "
			    "makes a forward, not a mailbox: leave its %s empty",
			    import_columns[k]);
	if (alias_check_dests((const char *const *)row->forward,
	    row->nforward, &eb) != 0)
		import_problem(im, rec->line, "forward_to: %s", eb.msg);
	for (i = 0; row->address != NULL && i < row->nforward; i++)
		if (strcmp(row->forward[i], row->address) == 0)
			import_problem(im, rec->line, "forward_to: '%s' would "
			    "forward to itself", row->address);
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
	if (col[COL_ALIASES] != -1) {
		row->naliases = import_addresses(im, rec->line, "aliases",
		    import_field(rec, col[COL_ALIASES]), &row->aliases);
		row->alias_exists = xcalloc(row->naliases + 1,
		    sizeof(*row->alias_exists));
	}
	if (col[COL_FORWARD_TO] != -1)
		row->nforward = import_addresses(im, rec->line, "forward_to",
		    import_field(rec, col[COL_FORWARD_TO]), &row->forward);
	import_row_forward_check(im, rec, col, row);
	return 1;
}

/* An address the file gives a row, a mailbox or an alias. */
struct import_addr {
	const char	*address;
	size_t		 line;
};

static int
import_addr_cmp(const void *a, const void *b)
{
	const struct import_addr *x = a, *y = b;
	int c = strcmp(x->address, y->address);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Each address once in the file, as a row's or an alias: the later ones
 * are problems.
 */
static void
import_duplicates(struct import *im)
{
	struct import_addr *v;
	size_t i, k, n = 0, cap = 1;

	for (i = 0; i < im->nrows; i++)
		cap += 1 + im->rows[i].naliases;
	v = xcalloc(cap, sizeof(*v));
	for (i = 0; i < im->nrows; i++) {
		if (im->rows[i].address != NULL) {
			v[n].address = im->rows[i].address;
			v[n++].line = im->rows[i].line;
		}
		for (k = 0; k < im->rows[i].naliases; k++) {
			v[n].address = im->rows[i].aliases[k];
			v[n++].line = im->rows[i].line;
		}
	}
	qsort(v, n, sizeof(*v), import_addr_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i].address, v[i - 1].address) != 0)
			continue;
		if (v[i].line == v[i - 1].line)
			import_problem(im, v[i].line, "'%s' twice in the row",
			    v[i].address);
		else
			import_problem(im, v[i].line, "'%s' is already on "
			    "line %zu", v[i].address, v[i - 1].line);
	}
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

static int
import_alias_cmp(const void *key, const void *elem)
{
	const struct alias *a = elem;

	return strcmp(key, a->source != NULL ? a->source : "");
}

/* Whether a's destinations are exactly the n of dest, in any order. */
static int
import_same_dests(const struct alias *a, char *const *dest, size_t n)
{
	size_t i, k;

	if (a->ndest != n)
		return 0;
	for (i = 0; i < n; i++) {
		for (k = 0; k < a->ndest; k++)
			if (strcasecmp(a->dest[k], dest[i]) == 0)
				break;
		if (k == a->ndest)
			return 0;
	}
	return 1;
}

/*
 * Checks address, which the row wants as a kind (ALIAS_ANY: a mailbox)
 * with destinations dest, against the panel's mailboxes and
 * mail_forwarding rows: 1 when exactly that exists already, 0 when it is
 * free, -1 after reporting what holds it.
 */
static int
import_check_address(struct import *im, const struct import_row *row,
    const char *address, enum alias_kind kind, char *const *dest,
    size_t ndest, const struct mailbox *mb, size_t nmb,
    const struct alias *fw, size_t nfw)
{
	const struct alias *a;

	if (kind != ALIAS_ANY && bsearch(address, mb, nmb, sizeof(*mb),
	    import_mailbox_cmp) != NULL) {
		import_problem(im, row->line, "'%s' is a mailbox on the panel: "
		    "it cannot be %s too", address, alias_kind_name(kind));
		return -1;
	}
	a = bsearch(address, fw, nfw, sizeof(*fw), import_alias_cmp);
	if (a == NULL)
		return 0;
	if (a->kind == kind && import_same_dests(a, dest, ndest))
		return 1;
	import_problem(im, row->line, "'%s' is already %s %s on the panel "
	    "(to %s%s)", address, a->kind == ALIAS_ALIAS ? "an" : "a",
	    alias_kind_name(a->kind), a->ndest > 0 ? a->dest[0] : "nothing",
	    a->ndest > 1 ? ", ..." : "");
	return -1;
}

/* Whether pw verifies against the crypt(3) hash the panel stored. */
static int
import_hash_matches(const char *hash, const struct secret *pw)
{
	struct crackhash ch;
	struct errbuf eb;
	char lat[SECRET_MAX + 1];
	const char *cands[1];
	size_t lens[1];
	ssize_t match;
	int ok;

	lens[0] = utf8_to_latin1(pw->buf, pw->len, lat, sizeof(lat));
	cands[0] = lat;
	ok = hash != NULL && lens[0] < sizeof(lat) &&
	    crackhash_parse(hash, &ch, &eb) == 0 &&
	    crackhash_verify_batch(&ch, cands, lens, 1, &match, &eb) == 0 &&
	    match == 0;
	sodium_memzero(lat, sizeof(lat));
	return ok;
}

/*
 * Whether the mailbox m, on the panel already, was created by an earlier
 * run that left no journal: recall finds the sheet it wrote for row, and
 * that sheet's password is the one the panel stores. Otherwise reports it
 * as taken, saying why the sheet does not count. Returns 1 or 0.
 */
static int
import_recalled(struct import *im, const struct import_row *row,
    const struct mailbox *m, import_recall_fn recall, void *recall_arg)
{
	struct secret *pw;
	struct errbuf eb;
	int r, ok = 0;

	if ((pw = secret_new(SECRET_MAX)) == NULL) {
		import_problem(im, row->line, "mailbox '%s' already exists on "
		    "the panel, and its sheet cannot be read: no guarded "
		    "memory", row->address);
		return 0;
	}
	if ((r = recall(recall_arg, row, pw, &eb)) < 0)
		import_problem(im, row->line, "mailbox '%s' already exists on "
		    "the panel, and %s", row->address, eb.msg);
	else if (r == 0)
		import_problem(im, row->line, "mailbox '%s' already exists on "
		    "the panel", row->address);
	else if (!(ok = import_hash_matches(m->password_hash, pw)))
		import_problem(im, row->line, "mailbox '%s' already exists on "
		    "the panel, with another password than its sheet's",
		    row->address);
	secret_free(pw);
	return ok;
}

/* The mailbox part of row: done by an earlier run, to create, or taken. */
static void
import_check_mailbox(struct import *im, struct import_row *row,
    const struct journal *j, import_recall_fn recall, void *recall_arg,
    const struct mailbox *mb, size_t nmb)
{
	const struct journal_entry *e;
	const struct mailbox *m;

	if ((m = bsearch(row->address, mb, nmb, sizeof(*mb),
	    import_mailbox_cmp)) == NULL)
		return;
	if (j == NULL && recall != NULL) {
		if (!import_recalled(im, row, m, recall, recall_arg))
			return;
		row->exists = 1;
		free(row->detail);
		row->detail = xstrdup("created by an earlier run (its sheet "
		    "holds the password in force)");
		return;
	}
	e = import_journaled(j, row->address);
	if (e == NULL || (e->state != JOURNAL_APPLIED &&
	    e->state != JOURNAL_VERIFIED)) {
		import_problem(im, row->line, "mailbox '%s' already exists on "
		    "the panel", row->address);
		return;
	}
	row->exists = 1;
	row->journal_id = e->id;
	free(row->detail);
	row->detail = xasprintf("created by an earlier run (journal record "
	    "%llu, %s)", (unsigned long long)e->id,
	    journal_state_name(e->state));
}

/* The panel's mail_forwarding rows, sorted by source; none when the file
 * needs none and the remote user may not read them. */
static int
import_forwardings(const struct import *im, struct api *api,
    struct alias **fw, size_t *nfw, struct errbuf *eb)
{
	size_t i;
	int r, needed = 0;

	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].naliases > 0 || im->rows[i].nforward > 0)
			needed = 1;
	r = alias_list(api, ALIAS_ANY, NULL, NULL, fw, nfw, eb);
	/* create skips this check without the right, as the panel does. */
	if (r == ISPM_EPERM && !needed &&
	    api_last_fault(api) == API_FAULT_PERMISSION) {
		err_clear(eb);
		return 0;
	}
	return r;
}

/* see import.h */
int
import_check_panel(struct import *im, struct api *api,
    const struct journal *j, import_recall_fn recall, void *recall_arg,
    struct errbuf *eb)
{
	struct import_row *row;
	struct mailbox *mb = NULL;
	struct alias *fw = NULL;
	struct errbuf e2;
	size_t i, k, d, nmb = 0, nfw = 0, missing;
	char **why;
	int r, bad;

	/* One lookup a domain of the file, not one a row. */
	for (i = 0; i < im->nrows; i++) {
		if (im->rows[i].address != NULL)
			(void)import_domain(im,
			    strchr(im->rows[i].address, '@') + 1);
		for (k = 0; k < im->rows[i].naliases; k++)
			(void)import_domain(im,
			    strchr(im->rows[i].aliases[k], '@') + 1);
	}
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
	/* Every mailbox and every alias and forward at once. */
	if ((r = mbx_list(api, NULL, j == NULL && recall != NULL, &mb, &nmb,
	    eb)) != 0 ||
	    (r = import_forwardings(im, api, &fw, &nfw, eb)) != 0)
		goto out;
	for (i = 0; i < im->nrows; i++) {
		row = &im->rows[i];
		if (row->address == NULL)
			continue;
		bad = 0;
		d = import_domain(im, strchr(row->address, '@') + 1);
		if (why[d] != NULL) {
			import_problem(im, row->line, "%s", why[d]);
			continue;
		}
		for (k = 0; k < row->naliases; k++) {
			d = import_domain(im, strchr(row->aliases[k], '@') + 1);
			if (why[d] != NULL) {
				import_problem(im, row->line, "alias: %s",
				    why[d]);
				bad = 1;
				continue;
			}
			if ((r = import_check_address(im, row, row->aliases[k],
			    ALIAS_ALIAS, &row->address, 1, mb, nmb, fw,
			    nfw)) < 0)
				bad = 1;
			row->alias_exists[k] = r == 1;
		}
		if (row->nforward > 0) {
			if ((r = import_check_address(im, row, row->address,
			    ALIAS_FORWARD, row->forward, row->nforward, mb, nmb,
			    fw, nfw)) == 1)
				row->exists = 1;
			bad |= r < 0;
		} else {
			bad |= import_check_address(im, row, row->address,
			    ALIAS_ANY, NULL, 0, mb, nmb, fw, nfw) < 0;
			import_check_mailbox(im, row, j, recall, recall_arg,
			    mb, nmb);
		}
		for (k = 0, missing = 0; k < row->naliases; k++)
			missing += !row->alias_exists[k];
		if (!bad && row->exists && missing == 0)
			row->status = IMPORT_DONE;
		if (row->exists && row->nforward > 0)
			row->detail = xstrdup("the forward exists already");
	}
	import_sort_problems(im);
	r = 0;
out:
	for (d = 0; d < im->ndomains; d++)
		free(why[d]);
	free(why);
	mailboxes_free(mb, nmb);
	aliases_free(fw, nfw);
	return r;
}

/* The target of address's domain, known after import_check_panel(). */
static const struct mbx_target *
import_target(const struct import *im, const char *address)
{
	const char *dom = strchr(address, '@') + 1;
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
 * journal_outcome_sync() of row's record, when there is a journal: an
 * import that writes sheets only keeps no record of outcomes.
 */
static int
import_outcome(struct journal *j, const struct import_row *row,
    enum journal_state st, const char *detail, int nosync,
    struct errbuf *eb)
{
	if (j == NULL)
		return 0;
	return journal_outcome_sync(j, row->journal_id, st, detail, nosync,
	    eb);
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
		return import_outcome(j, row, JOURNAL_FAILED, why, 0, eb);
	}
	if (r != 0) {
		row->in_flight = 1;
		return err_set(eb, r, "%s: %s; and cannot tell whether it was "
		    "created (%s): run the import again to settle it",
		    row->address, why, e2.msg);
	}
	detail = xasprintf("%s; but the mailbox exists", why);
	import_settle_row(row, IMPORT_CREATED, detail);
	r = import_outcome(j, row, JOURNAL_APPLIED, detail, 0, eb);
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
	size_t i, nmb = 0;
	int r;

	for (i = 0; i < im->nrows && pw[i] == NULL; i++)
		continue;
	if (i == im->nrows)
		return 0;
	if ((r = mbx_list(api, NULL, 1, &mb, &nmb, eb)) != 0)
		return r;
	for (i = 0; i < im->nrows && r == 0; i++) {
		if (pw[i] == NULL)
			continue;
		m = bsearch(im->rows[i].address, mb, nmb, sizeof(*mb),
		    import_mailbox_cmp);
		/* Synced once, after the last. */
		if (m != NULL && import_hash_matches(m->password_hash, pw[i]))
			r = journal_outcome_sync(j, im->rows[i].journal_id,
			    JOURNAL_VERIFIED, NULL, 1, eb);
		else
			r = journal_outcome_sync(j, im->rows[i].journal_id,
			    JOURNAL_APPLIED, "the stored hash does not match "
			    "the new password", 1, eb);
	}
	mailboxes_free(mb, nmb);
	return r != 0 ? r : journal_sync(j, eb);
}

/*
 * Marks the sealed records of rows b[k..nb-1], never sent to the panel,
 * as such. Returns 0 or ISPM_EIO.
 */
static int
import_unsent(struct import *im, struct journal *j, const size_t *b,
    size_t k, size_t nb, struct errbuf *eb)
{
	int r = 0;

	for (; k < nb && r == 0; k++)
		r = import_outcome(j, &im->rows[b[k]], JOURNAL_UNAPPLIED,
		    "not sent: the import stopped before", 1, eb);
	return r;
}

/*
 * Adds what row lacks besides its mailbox: its aliases, or its forward.
 * A refusal makes the row IMPORT_FAILED and the run goes on.
 * Returns 0 or ISPM_ECANCEL.
 */
static int
import_finish_row(struct import *im, struct api *api, struct import_row *row,
    struct errbuf *eb)
{
	struct errbuf e2;
	char *why;
	size_t k;
	int r;

	if (row->nforward > 0 && !row->exists) {
		r = alias_add_in(api, mbx_target_domain(import_target(im,
		    row->address)), ALIAS_FORWARD, row->address,
		    (const char *const *)row->forward, row->nforward, NULL,
		    &e2);
		if (r == ISPM_ECANCEL)
			return err_set(eb, r, "%s", e2.msg);
		if (r != 0) {
			import_settle_row(row, IMPORT_FAILED, e2.msg);
			return 0;
		}
		row->exists = 1;
		import_settle_row(row, IMPORT_CREATED, "forward");
	}
	for (k = 0; k < row->naliases; k++) {
		if (row->alias_exists[k])
			continue;
		r = alias_add_in(api, mbx_target_domain(import_target(im,
		    row->aliases[k])), ALIAS_ALIAS, row->aliases[k],
		    (const char *const *)&row->address, 1, NULL, &e2);
		if (r == ISPM_ECANCEL)
			return err_set(eb, r, "%s", e2.msg);
		if (r != 0) {
			why = xasprintf("alias '%s': %s", row->aliases[k],
			    e2.msg);
			import_settle_row(row, IMPORT_FAILED, why);
			free(why);
			continue;
		}
		row->alias_exists[k] = 1;
	}
	/* Its mailbox made by an earlier run, its aliases by this one. */
	if (row->status == IMPORT_TODO)
		row->status = IMPORT_CREATED;
	return 0;
}

/*
 * Creates the row b (its password sealed already). Returns 0 whether the
 * panel created it or refused it, or the code that stops the run.
 */
static int
import_create_row(struct import *im, struct api *api, struct journal *j,
    size_t b, const struct secret *pw, struct errbuf *eb)
{
	struct import_row *row = &im->rows[b];
	struct mbx_spec spec;
	struct errbuf e2;
	int r;

	spec.email = row->address;
	spec.name = row->name;
	spec.quota = row->quota;
	r = mbx_create_in(api, import_target(im, row->address), &spec, pw, NULL, &e2);
	if (r == ISPM_ECANCEL) {
		/* Unknown whether it was created: the next run settles it
		 * from the panel. */
		row->in_flight = 1;
		return err_set(eb, r, "%s", e2.msg);
	}
	if (r != 0) {
		if ((r = import_settle_failed(api, j, row, e2.msg, eb)) != 0 ||
		    row->status == IMPORT_FAILED)
			return r;
	} else {
		import_settle_row(row, IMPORT_CREATED, NULL);
		/* Not synced: lost, the next run settles it from the panel
		 * alike; the next batch's intents sync it. */
		if ((r = import_outcome(j, row, JOURNAL_APPLIED, "created", 1,
		    eb)) != 0)
			return r;
	}
	row->exists = 1;
	return import_finish_row(im, api, row, eb);
}

/* see import.h */
int
import_create(struct import *im, struct api *api, struct journal *j,
    const unsigned char *pk, import_pwgen_fn pwgen, void *pwgen_arg,
    import_progress_fn progress, void *progress_arg,
    volatile sig_atomic_t *cancel, struct errbuf *eb)
{
	const char *addr[IMPORT_BATCH];
	const struct secret *bpw[IMPORT_BATCH];
	uint64_t ids[IMPORT_BATCH];
	struct secret **pw;
	size_t i = 0, k, nb, b[IMPORT_BATCH], done = 0;
	int r = 0;

	if (im->nproblems > 0)
		return err_set(eb, ISPM_EINTERNAL, "import_create: %zu "
		    "problems remain", im->nproblems);
	/* Kept until the stored hashes are read back, in guarded memory. */
	pw = xcalloc(im->nrows + 1, sizeof(*pw));
	while (i < im->nrows && r == 0) {
		/* The next batch: its passwords made and sealed with one
		 * fsync, before any of them is sent. */
		for (nb = 0; i < im->nrows && nb < IMPORT_BATCH; i++) {
			/* A row with no mailbox to make: done, or a forward
			 * or aliases to add. */
			if (im->rows[i].status != IMPORT_TODO ||
			    im->rows[i].exists || im->rows[i].nforward > 0) {
				if (im->rows[i].status == IMPORT_TODO &&
				    (r = import_finish_row(im, api, &im->rows[i],
				    eb)) != 0)
					break;
				if (progress != NULL)
					progress(progress_arg, &im->rows[i],
					    ++done, im->nrows);
				continue;
			}
			if ((pw[i] = secret_new(SECRET_MAX)) == NULL) {
				r = err_set(eb, ISPM_EINTERNAL,
				    "cannot allocate guarded memory");
				break;
			}
			if ((r = pwgen(pwgen_arg, i, &im->rows[i], pw[i],
			    eb)) != 0)
				break;
			addr[nb] = im->rows[i].address;
			bpw[nb] = pw[i];
			b[nb++] = i;
		}
		if (r != 0 || nb == 0)
			break;
		if (j != NULL && (r = journal_intend_many(j, pk, nb, addr,
		    NULL, bpw, ids, eb)) != 0)
			break;
		for (k = 0; j != NULL && k < nb; k++)
			im->rows[b[k]].journal_id = ids[k];
		for (k = 0; k < nb && r == 0; k++) {
			/* The rows after the one that stops the run are never
			 * sent: say so rather than leave them to the next. */
			if (cancel != NULL && *cancel) {
				(void)import_unsent(im, j, b, k, nb, NULL);
				r = err_set(eb, ISPM_ECANCEL,
				    "import interrupted");
				break;
			}
			if ((r = import_create_row(im, api, j, b[k], pw[b[k]],
			    eb)) != 0) {
				(void)import_unsent(im, j, b, k + 1, nb, NULL);
				break;
			}
			if (!im->rows[b[k]].exists) {
				secret_free(pw[b[k]]);
				pw[b[k]] = NULL;
			}
			if (progress != NULL)
				progress(progress_arg, &im->rows[b[k]], ++done,
				    im->nrows);
		}
	}
	/* Without a journal there is nothing to record the check in: the
	 * next run checks each sheet against the panel. */
	if (j != NULL) {
		if (r == 0)
			r = journal_sync(j, eb);
		if (r == 0)
			r = import_verify(im, api, j, pw, eb);
		else
			(void)journal_sync(j, NULL);
	}
	for (i = 0; i < im->nrows; i++)
		secret_free(pw[i]);
	free(pw);
	return r;
}
