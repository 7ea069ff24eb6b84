/*
 * Candidate generation for the password audit: the estimator's model
 * (strength-model.h) enumerated best first.  All work is done on
 * ISO-8859-1 bytes, which makes case changes, reversal and l33t simple
 * byte operations and gives exactly the bytes ISPConfig hashed.
 *
 * Prices are kept in buckets of 1/Q_UNIT log10 guesses, as integers, so
 * that the account-independent stream (laid out once, sorted by bucket)
 * and an account's context candidates (counted per bucket by binary
 * search, never laid out) merge at any position without floating-point
 * disagreements.  In a bucket, the context candidates come first.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "candidates.h"
#include "strength-model.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * Bump when the rules change: stored positions are then meaningless and
 * every account starts afresh.  The fingerprint also hashes the laid-out
 * stream, so a change of the estimator's prices does the same.
 */
#define CAND_GEN_VERSION "ispmail-candidates-17"

#define Q_UNIT		100	/* buckets per log10 */
#define Q_INSIDE	((int)(SMODEL_INSIDE_MIN * Q_UNIT))
#define Q_VARIANT	((int)(SMODEL_VARIANT * Q_UNIT + 0.5))
#define Q_MAX		0xffff

/* A laid-out entry: bucket, template, base index, suffix index (0: no
 * suffix), so that sorting the numbers sorts by bucket first. */
#define E_PACK(q, t, i, j) ((uint64_t)(q) << 48 | (uint64_t)(t) << 40 | \
	(uint64_t)(i) << 17 | (uint64_t)(j))
#define E_Q(e)		((unsigned)((e) >> 48))
#define E_T(e)		((unsigned)((e) >> 40) & 0xff)
#define E_I(e)		((size_t)((e) >> 17) & 0x7fffff)
#define E_J(e)		((size_t)(e) & 0x1ffff)
#define E_MAXI		0x7fffff
#define E_MAXJ		0x1ffff

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))


/* The base lists: the dictionaries, in enum cand_list order, then the
 * estimator's other patterns. */
enum {
	B_WALK = CAND_NLISTS,
	B_SEQ,
	B_REPEAT,
	B_NUMBER,	/* dates and numbers alone */
	B_N
};

/* How a base is transformed, each at the estimator's price. */
enum xform {
	X_ASIS,
	X_CAP,
	X_UPPER,
	X_REV,
	X_LEET
};

/* One base list, sorted by price. */
struct blist {
	char		**w;	/* ISO-8859-1, NUL-terminated */
	uint8_t		*len;
	uint16_t	*q;	/* price, in buckets */
	uint32_t	*rank;	/* in its dictionary (1: first) */
	size_t		 n;
	size_t		 cap;
};

/* A template: a base list, a transformation and whether a suffix follows;
 * idx, when set, picks the list's bases it applies to (reversible ones,
 * or those with a given number of l33t substitutions). */
struct tmpl {
	uint8_t		 list;
	uint8_t		 xform;
	uint8_t		 suffixed;	/* always a suffix, else none */
	uint16_t	 qt;	/* the transformation's price */
	uint16_t	 qp;	/* how rarely people choose the kind */
	uint32_t	*idx;
	size_t		 n;
};

/* A suffix, priced after a word; 0 is the empty one. */
struct sfx {
	char		 s[12];
	uint8_t		 len;
	uint8_t		 kind;	/* enum cand_suffix */
	uint16_t	 q;
	uint8_t		 dated;	/* a date: qalone is its price alone */
	uint16_t	 qalone;
	uint32_t	 ord;	/* the order it was made in, for ties */
};

/* Open addressing map of 64-bit fingerprints to 32-bit values. */
struct fpset {
	uint64_t	*keys;
	uint32_t	*vals;
	size_t		 mask;
	size_t		 n;
};

/* Every template templates_build() makes: per dictionary, as typed,
 * capitalised, in capitals, reversed and each l33t level, each alone and
 * suffixed; one or two per other pattern. E_T() holds 8 bits. */
#define MAX_TMPL (CAND_NLISTS * 2 * (4 + SMODEL_L33T_MAX) + 2 * (B_N - B_WALK))
typedef char max_tmpl_check[MAX_TMPL <= 256 ? 1 : -1];

struct cand_dict {
	struct blist	 b[B_N];
	struct tmpl	 t[MAX_TMPL];
	size_t		 nt;
	struct sfx	*sfx;	/* sorted by price, [0] empty */
	size_t		 nsfx;
	struct fpset	 sfxset;	/* suffix -> index */
	uint64_t	*sh;	/* the shared stream, E_PACK() */
	size_t		 nsh;
	unsigned	 qend;	/* the last bucket of the stream */
	struct fpset	 shset;	/* candidate -> index in sh */
	uint64_t	 fingerprint;
	struct smodel_pricer *pr;	/* while it is built */
};

/* A context word transformed: one base of the account's own. */
struct combo {
	char		 s[SMODEL_WORD_MAX + 1];
	uint8_t		 len;
	uint8_t		 src;
	uint8_t		 flags;
	uint16_t	 q;	/* price alone */
	uint16_t	 qin;	/* price before a suffix */
};

#define NCOMBO (SMODEL_CTX_MAX * SMODEL_FORMS)

struct cand_gen {
	const struct cand_dict	*d;
	struct combo		 cb[NCOMBO];
	size_t			 ncb;
	uint64_t		 total;
	uint64_t		 pos;
	/* the cursor: bucket, then combo k and its j-th entry in the
	 * bucket, or (k == ncb) the shared entry shi */
	unsigned		 q;
	size_t			 k, j, nk;
	size_t			 shi, shend;
};

/* The symbols people append, as the estimator's SUFFIX_SYMBOLS. */
static const char suffix_symbols[] = "!?.*@#$&+-_/";

static uint8_t
upper1(uint8_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7))
		return c - 0x20;
	return c;
}

static int
isdigit1(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static uint64_t
fnv1a(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (uint8_t)s[i];
		h *= 0x100000001b3ULL;
	}
	return h == 0 ? 1 : h;
}

static void
fpset_init(struct fpset *s, size_t want)
{
	size_t cap = 16;

	while (cap < want + want / 2)
		cap <<= 1;
	s->keys = xcalloc(cap, sizeof(*s->keys));
	s->vals = xcalloc(cap, sizeof(*s->vals));
	s->mask = cap - 1;
	s->n = 0;
}

static void
fpset_release(struct fpset *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

/* Inserts key with val and returns 1, or returns 0 when present; grows
 * at two thirds full, so that a probe always ends on an empty slot
 * however many keys a caller's estimate left out. */
static int
fpset_add(struct fpset *s, uint64_t key, uint32_t val)
{
	size_t i = key & s->mask;

	while (s->keys[i] != 0) {
		if (s->keys[i] == key)
			return 0;
		i = (i + 1) & s->mask;
	}
	if (3 * (s->n + 1) > 2 * (s->mask + 1)) {
		struct fpset big;
		size_t k;

		fpset_init(&big, 2 * (s->mask + 1));
		for (k = 0; k <= s->mask; k++)
			if (s->keys[k] != 0)
				fpset_add(&big, s->keys[k], s->vals[k]);
		fpset_release(s);
		*s = big;
		return fpset_add(s, key, val);
	}
	s->keys[i] = key;
	s->vals[i] = val;
	s->n++;
	return 1;
}

static int
fpset_get(const struct fpset *s, uint64_t key, uint32_t *val)
{
	size_t i;

	if (s->keys == NULL)
		return 0;
	for (i = key & s->mask; s->keys[i] != 0; i = (i + 1) & s->mask)
		if (s->keys[i] == key) {
			*val = s->vals[i];
			return 1;
		}
	return 0;
}

/* log10 guesses to buckets, clamped. */
static uint16_t
qof(double log10)
{
	double q = log10 * Q_UNIT + 0.5;

	return q <= 0 ? 0 : q >= Q_MAX ? Q_MAX : (uint16_t)q;
}

static void
blist_add(struct blist *b, const char *w, size_t len, uint16_t q,
    uint32_t rank)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->w = xreallocarray(b->w, b->cap, sizeof(*b->w));
		b->len = xreallocarray(b->len, b->cap, sizeof(*b->len));
		b->q = xreallocarray(b->q, b->cap, sizeof(*b->q));
		b->rank = xreallocarray(b->rank, b->cap, sizeof(*b->rank));
	}
	b->w[b->n] = xstrndup(w, len);
	b->len[b->n] = (uint8_t)len;
	b->q[b->n] = q;
	b->rank[b->n] = rank;
	b->n++;
}

static void
blist_release(struct blist *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->w[i]);
	free(b->w);
	free(b->len);
	free(b->q);
	free(b->rank);
	memset(b, 0, sizeof(*b));
}

static const struct blist *sort_list;

static int
by_price(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_list->q[x] != sort_list->q[y])
		return sort_list->q[x] < sort_list->q[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Sorts b by price, ties in the order the bases were added. */
static void
blist_sort(struct blist *b)
{
	struct blist o = *b;
	size_t *ix, k;

	ix = xcalloc(b->n ? b->n : 1, sizeof(*ix));
	for (k = 0; k < b->n; k++)
		ix[k] = k;
	sort_list = &o;
	qsort(ix, b->n, sizeof(*ix), by_price);
	b->w = xcalloc(o.cap ? o.cap : 1, sizeof(*b->w));
	b->len = xcalloc(o.cap ? o.cap : 1, sizeof(*b->len));
	b->q = xcalloc(o.cap ? o.cap : 1, sizeof(*b->q));
	b->rank = xcalloc(o.cap ? o.cap : 1, sizeof(*b->rank));
	for (k = 0; k < o.n; k++) {
		b->w[k] = o.w[ix[k]];
		b->len[k] = o.len[ix[k]];
		b->q[k] = o.q[ix[k]];
		b->rank[k] = o.rank[ix[k]];
	}
	free(o.w);
	free(o.len);
	free(o.q);
	free(o.rank);
	free(ix);
}

/* The placeholder word suffixes are priced after, as a context word. */
static const struct smodel_word placeholder = { "xqxq", "xqxq", 4,
    SMODEL_CTX_OTHER };

/* What the estimator adds for s after a word, in buckets. */
static uint16_t
price_after(struct cand_dict *d, const char *s, size_t len)
{
	char buf[32];

	memcpy(buf, placeholder.w, placeholder.len);
	memcpy(buf + placeholder.len, s, len);
	return qof(smodel_price(d->pr, buf, placeholder.len + len,
	    &placeholder, 1) -
	    SMODEL_INSIDE_MIN);
}

static int
suffix_kind(const char *s, size_t len)
{
	size_t k, digits = 0;
	int y = 0;

	for (k = 0; k < len; k++)
		if (isdigit1((uint8_t)s[k])) {
			digits++;
			y = y * 10 + (s[k] - '0');
		}
	if (len == 0)
		return CAND_SFX_NONE;
	if (digits == 4 && y >= 1900 && y <= 2039 && (isdigit1(s[0]) ||
	    isdigit1(s[len - 1])))
		return digits == len ? CAND_SFX_YEAR : CAND_SFX_YEAR_SYMBOL;
	if (digits == len)
		return CAND_SFX_DIGITS;
	return CAND_SFX_SYMBOL;
}

/* Adds suffix s at price q unless present; capacity in *cap. */
static void
sfx_add(struct cand_dict *d, size_t *cap, const char *s, size_t len,
    uint16_t q)
{
	struct sfx *x;

	if (d->nsfx > E_MAXJ || !fpset_add(&d->sfxset, fnv1a(s, len),
	    (uint32_t)d->nsfx))
		return;
	if (d->nsfx == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		d->sfx = xreallocarray(d->sfx, *cap, sizeof(*d->sfx));
	}
	x = &d->sfx[d->nsfx++];
	memset(x, 0, sizeof(*x));
	memcpy(x->s, s, len);
	x->len = (uint8_t)len;
	x->kind = (uint8_t)suffix_kind(s, len);
	x->q = q;
	x->ord = (uint32_t)(d->nsfx - 1);
}

static void
sfx_priced(struct cand_dict *d, size_t *cap, const char *s)
{
	uint32_t v;

	if (fpset_get(&d->sfxset, fnv1a(s, strlen(s)), &v))
		return;
	sfx_add(d, cap, s, strlen(s), price_after(d, s, strlen(s)));
}

static int
by_sfx_price(const void *a, const void *b)
{
	const struct sfx *x = a, *y = b;

	if (x->q != y->q)
		return x->q < y->q ? -1 : 1;
	return (x->ord > y->ord) - (x->ord < y->ord);
}

static const uint8_t mdays[12] = {
	31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

/*
 * The suffixes: the endings the estimator learned from the training
 * passwords, every number of one to four digits, the symbols, a symbol
 * (once or twice) after a short number, a year or 123 to 123456 and one
 * before them, runs of a digit or a pair, sequences, and the dates of
 * birth (day first, as the French write them); each priced by the
 * estimator after a word.  A date is
 * priced by the estimator's price of one date of its year.  Sorted by
 * price, the empty suffix first.
 */
static void
suffixes_build(struct cand_dict *d)
{
	char b[24];	/* 17 bytes for the widest date gcc can imagine */
	size_t cap = 0, k, n;
	/* a symbol around the years 1950 to four years from now, and the
	 * dates of 1940 to this year */
	int nyears = smodel_year_now() + 4 - 1950 + 1;
	int ndates = smodel_year_now() - 1940 + 1;
	int v, y, m, day, len, s, step;
	uint16_t q, qa;
	struct sfx *sorted;
	const char *e;

	fpset_init(&d->sfxset, 1 << 17);
	sfx_add(d, &cap, "", 0, 0);
	/* the endings people are seen to use, whatever their shape */
	for (k = 0; (e = smodel_suffix(k)) != NULL; k++)
		sfx_priced(d, &cap, e);
	for (len = 1, n = 10; len <= 4; len++, n *= 10)
		for (v = 0; (size_t)v < n; v++) {
			snprintf(b, sizeof(b), "%0*d", len, v);
			sfx_priced(d, &cap, b);
		}
	for (v = 0x21; v < 0x7f; v++)
		if (!isdigit1(v) && !((v | 0x20) >= 'a' && (v | 0x20) <= 'z')) {
			b[0] = (char)v;
			b[1] = '\0';
			sfx_priced(d, &cap, b);
			b[1] = (char)v;
			b[2] = '\0';
			sfx_priced(d, &cap, b);
		}
	for (k = 0; suffix_symbols[k] != '\0'; k++) {
		for (v = 0; v < 110 + nyears + 4; v++) {
			if (v < 10)
				snprintf(b, sizeof(b), "%d", v);
			else if (v < 110)
				snprintf(b, sizeof(b), "%02d", v - 10);
			else if (v < 110 + nyears)
				snprintf(b, sizeof(b), "%d", 1950 + v - 110);
			else
				snprintf(b, sizeof(b), "%.*s",
				    v - 110 - nyears + 3, "123456");
			n = strlen(b);
			b[n] = suffix_symbols[k];
			b[n + 1] = '\0';
			sfx_priced(d, &cap, b);
			/* and twice ("2017!!") */
			b[n + 1] = suffix_symbols[k];
			b[n + 2] = '\0';
			sfx_priced(d, &cap, b);
			b[n + 1] = '\0';
			if (v >= 10 && v < 110 + nyears) {
				memmove(b + 1, b, n);
				b[0] = suffix_symbols[k];
				b[n + 1] = '\0';
				sfx_priced(d, &cap, b);
			}
		}
	}
	/* runs and sequences of five to eight digits */
	for (len = 5; len <= 8; len++)
		for (s = 0; s < 10; s++) {
			for (k = 0; k < (size_t)len; k++)
				b[k] = (char)('0' + s);
			b[len] = '\0';
			sfx_priced(d, &cap, b);
			for (step = -1; step <= 1; step += 2) {
				for (k = 0; k < (size_t)len; k++)
					b[k] = (char)('0' + ((s + step *
					    (int)k) % 10 + 10) % 10);
				sfx_priced(d, &cap, b);
			}
			for (v = 0; v < 10; v++) {
				for (k = 0; k < (size_t)len; k++)
					b[k] = (char)('0' + (k % 2 ? v : s));
				sfx_priced(d, &cap, b);
			}
		}
	/* dates: ddmmyy for every yy, ddmmyyyy for the years of birth */
	for (y = 0; y < 100 + ndates; y++) {
		if (y < 100)
			snprintf(b, sizeof(b), "1503%02d", y);
		else
			snprintf(b, sizeof(b), "1503%d", 1940 + y - 100);
		q = price_after(d, b, strlen(b));
		qa = qof(smodel_price(d->pr, b, strlen(b), NULL, 0));
		for (m = 1; m <= 12; m++)
			for (day = 1; day <= mdays[m - 1]; day++) {
				if (y < 100)
					snprintf(b, sizeof(b), "%02d%02d%02d",
					    day, m, y);
				else
					snprintf(b, sizeof(b), "%02d%02d%d",
					    day, m, 1940 + y - 100);
				n = d->nsfx;
				sfx_add(d, &cap, b, strlen(b), q);
				if (d->nsfx > n) {
					d->sfx[n].dated = 1;
					d->sfx[n].qalone = qa;
				}
			}
	}
	/* sorted, ties in the order above; the map follows */
	sorted = d->sfx;
	qsort(sorted + 1, d->nsfx - 1, sizeof(*sorted), by_sfx_price);
	fpset_release(&d->sfxset);
	fpset_init(&d->sfxset, d->nsfx);
	for (k = 0; k < d->nsfx; k++)
		fpset_add(&d->sfxset, fnv1a(d->sfx[k].s, d->sfx[k].len),
		    (uint32_t)k);
}

/* The number of letters the estimator's l33t would disguise in w. */
static int
l33t_count(const char *w, size_t len)
{
	size_t k;
	int n = 0;

	for (k = 0; k < len; k++)
		n += smodel_l33t((uint8_t)w[k]) != 0;
	return n;
}

/*
 * Writes w transformed by x into out (room for CAND_MAX + 1); returns
 * its length, or 0 when x changes nothing (a case change of digits) or
 * does not apply.
 */
static size_t
xform(const char *w, size_t len, int x, char *out)
{
	size_t k;
	int changed = 0;
	uint8_t c;

	if (len == 0 || len > CAND_MAX)
		return 0;
	for (k = 0; k < len; k++) {
		c = (uint8_t)w[x == X_REV ? len - 1 - k : k];
		if (x == X_UPPER || (x == X_CAP && k == 0))
			c = upper1(c);
		else if (x == X_LEET && smodel_l33t(c) != 0)
			c = smodel_l33t(c);
		changed |= c != (uint8_t)w[k];
		out[k] = (char)c;
	}
	out[len] = '\0';
	return x == X_ASIS || changed ? len : 0;
}

/* Converts the dictionaries, each word at the estimator's rank. */
static void
dicts_build(struct cand_dict *d, const struct cand_lists *lists)
{
	char buf[CAND_MAX + 1];
	size_t l, i, n;

	for (l = 0; l < CAND_NLISTS; l++)
		for (i = 0; i < lists->lists[l].n; i++) {
			const char *w = lists->lists[l].words[i];

			if (w == NULL)
				continue;
			n = utf8_to_latin1(w, strlen(w), buf, sizeof(buf));
			/* "l'" and short words of the lists are not what
			 * people choose; every password is */
			if (n == 0 || n > SMODEL_WORD_MAX ||
			    memchr(buf, '\'', n) != NULL ||
			    (l != CAND_L_PASSWORDS && n < 3))
				continue;
			blist_add(&d->b[l], buf, n,
			    qof(smodel_rank_cost((double)i + 1)),
			    (uint32_t)(i + 1));
		}
}

struct collect {
	struct smodel_pricer *pr;
	struct blist	*b;
	struct fpset	 seen;
};

static void
collect_one(void *arg, const char *w, size_t len)
{
	struct collect *c = arg;

	if (len > CAND_MAX || !fpset_add(&c->seen, fnv1a(w, len), 0))
		return;
	blist_add(c->b, w, len, qof(smodel_price(c->pr, w, len, NULL, 0)), 0);
}

/* Repeats of a short number, word or key, as the estimator reads them. */
static void
repeats_build(struct cand_dict *d)
{
	static const int repeat_lists[] = {
		CAND_L_PASSWORDS, CAND_L_FRENCH, CAND_L_ENGLISH,
		CAND_L_FIRSTNAMES, CAND_L_SURNAMES, CAND_L_PLACES,
		CAND_L_FRPASSWORDS
	};
	static const char alnum36[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct collect c;
	char b[CAND_MAX + 1];
	size_t k, i, n, r;
	int s;

	c.pr = d->pr;
	c.b = &d->b[B_REPEAT];
	fpset_init(&c.seen, 1 << 15);
	for (k = 0; k < 1110; k++) {
		n = k < 10 ? 1 : k < 110 ? 2 : 3;
		snprintf(b, sizeof(b), "%0*zu", (int)n, k < 10 ? k : k < 110 ?
		    k - 10 : k - 110);
		for (r = 2; r <= 4 && n * r <= 12; r++) {
			for (i = 1; i < r; i++)
				memcpy(b + i * n, b, n);
			collect_one(&c, b, n * r);
		}
	}
	/* four digits twice ("04300430"), a pair of letters or digits four
	 * times ("b1b1b1b1"), three letters three times ("zadzadzad"), and
	 * one key held down ("sssssssssss"), as the estimator reads them */
	for (k = 0; k < 10000; k++) {
		snprintf(b, sizeof(b), "%04zu%04zu", k, k);
		collect_one(&c, b, 8);
	}
	for (k = 0; k < 36 * 36; k++) {
		b[0] = alnum36[k / 36];
		b[1] = alnum36[k % 36];
		for (i = 2; i < 8; i++)
			b[i] = b[i % 2];
		collect_one(&c, b, 6);
		collect_one(&c, b, 8);
	}
	for (k = 0; k < 26 * 26 * 26; k++) {
		b[0] = (char)('a' + k / 676);
		b[1] = (char)('a' + k / 26 % 26);
		b[2] = (char)('a' + k % 26);
		for (i = 3; i < 9; i++)
			b[i] = b[i % 3];
		collect_one(&c, b, 9);
	}
	for (k = 0; k < 36; k++)
		for (n = 5; n <= 16; n++) {
			memset(b, alnum36[k], n);
			collect_one(&c, b, n);
		}
	for (k = 0; k < NELEM(repeat_lists); k++)
		for (i = 0; i < d->b[repeat_lists[k]].n && i < 10000; i++) {
			const char *w = d->b[repeat_lists[k]].w[i];

			n = d->b[repeat_lists[k]].len[i];
			if (n < 2 || n > 6 || (i >= 1000 && n < 3))
				continue;
			for (r = 2; r <= 3; r++) {
				memcpy(b, w, n);
				for (s = 1; s < (int)r; s++)
					memcpy(b + s * n, w, n);
				collect_one(&c, b, n * r);
			}
		}
	fpset_release(&c.seen);

}

/* Numbers and dates alone. */
static void
numbers_build(struct cand_dict *d)
{
	struct collect c;
	char b[CAND_MAX + 1];
	size_t k;
	int y, m, day;

	c.pr = d->pr;
	/* numbers and dates alone: the suffixes of four digits or more,
	 * a date at the price of one date of its year alone; and the dates
	 * year first or month first, as other countries and forms write
	 * them ("19921127", "12241999"), each at the estimator's price */
	c.b = &d->b[B_NUMBER];
	fpset_init(&c.seen, 1 << 18);
	for (k = 1; k < d->nsfx; k++) {
		const struct sfx *x = &d->sfx[k];

		if (x->len < 4 || (x->kind != CAND_SFX_DIGITS &&
		    x->kind != CAND_SFX_YEAR) ||
		    !fpset_add(&c.seen, fnv1a(x->s, x->len), 0))
			continue;
		blist_add(c.b, x->s, x->len, x->dated ? x->qalone :
		    qof(smodel_price(d->pr, x->s, x->len, NULL, 0)), 0);
	}
	for (y = 1940; y <= smodel_year_now(); y++)
		for (m = 1; m <= 12; m++)
			for (day = 1; day <= mdays[m - 1]; day++) {
				snprintf(b, sizeof(b), "%04d%02d%02d",
				    y % 10000, m, day);
				collect_one(&c, b, 8);
				snprintf(b, sizeof(b), "%02d%02d%04d",
				    m, day, y % 10000);
				collect_one(&c, b, 8);
			}
	fpset_release(&c.seen);
}

/*
 * The estimator's other patterns as bases, each priced by the estimator
 * alone: keyboard walks of its keyboards, sequences, repeats of a short
 * word or number, and dates and numbers of four digits or more.
 */
static void
patterns_build(struct cand_dict *d)
{
	struct collect c;
	char b[CAND_MAX + 1];
	size_t k;
	int s, step, len, a;

	c.pr = d->pr;
	c.b = &d->b[B_WALK];
	fpset_init(&c.seen, 1 << 14);
	smodel_walks(3, 12, collect_one, &c);
	fpset_release(&c.seen);

	c.b = &d->b[B_SEQ];
	fpset_init(&c.seen, 1 << 12);
	for (a = 0; a < 2; a++)
		for (s = 0; s < (a ? 26 : 10); s++)
			for (step = -2; step <= 2; step++) {
				if (step == 0)
					continue;
				for (len = 0; len < 10; len++) {
					int v = s + step * len;

					if (v < 0 || v >= (a ? 26 : 10))
						break;
					b[len] = (char)((a ? 'a' : '0') + v);
					if (len >= 2)
						collect_one(&c, b, len + 1);
				}
			}
	fpset_release(&c.seen);

	repeats_build(d);
	numbers_build(d);
	for (k = B_WALK; k < B_N; k++)
		blist_sort(&d->b[k]);
}

/*
 * Adds the templates of base list list under transformation x at price
 * qt, alone and, when suffixed, with a suffix, each at the training
 * lists' price of its kind (smodel_list_prior()); they share idx, which
 * the first of them owns.
 */
static void
tmpl_add(struct cand_dict *d, int list, int x, int suffixed, int qt,
    uint32_t *idx, size_t n)
{
	struct tmpl *t;
	int s;

	if (n == 0) {
		free(idx);
		return;
	}
	for (s = 0; s <= suffixed; s++) {
		t = &d->t[d->nt++];
		t->list = (uint8_t)list;
		t->xform = (uint8_t)x;
		t->suffixed = (uint8_t)s;
		t->qt = (uint16_t)qt;
		t->qp = qof(smodel_list_prior(list, s) + smodel_xform_prior(x));
		t->idx = s == 0 ? idx : NULL;
		t->n = n > E_MAXI ? E_MAXI : n;
	}
	if (suffixed)
		d->t[d->nt - 1].idx = idx;
}

/*
 * The templates: each dictionary as it is, capitalised, in capitals,
 * reversed (words of four letters or more, as the estimator reads them)
 * and in l33t (one template per number of substitutions, which the
 * estimator prices), each with or without a suffix; the walks,
 * sequences and repeats with or without one; numbers and dates alone.
 */
static void
templates_build(struct cand_dict *d)
{
	uint32_t *idx;
	size_t l, i, n;
	int lv, c;

	for (l = 0; l < CAND_NLISTS; l++) {
		const struct blist *b = &d->b[l];

		tmpl_add(d, l, X_ASIS, 1, 0, NULL, b->n);
		tmpl_add(d, l, X_CAP, 1, Q_VARIANT, NULL, b->n);
		tmpl_add(d, l, X_UPPER, 1, Q_VARIANT, NULL, b->n);
		idx = xcalloc(b->n + 1, sizeof(*idx));
		for (i = n = 0; i < b->n; i++)
			if (b->len[i] >= 4)
				idx[n++] = (uint32_t)i;
		tmpl_add(d, l, X_REV, 1, Q_VARIANT, idx, n);
		for (lv = 1; lv <= SMODEL_L33T_MAX; lv++) {
			idx = xcalloc(b->n + 1, sizeof(*idx));
			for (i = n = 0; i < b->n; i++) {
				c = l33t_count(b->w[i], b->len[i]);
				if (b->len[i] >= 4 && (c == lv ||
				    (lv == SMODEL_L33T_MAX && c > lv)))
					idx[n++] = (uint32_t)i;
			}
			tmpl_add(d, l, X_LEET, 1, lv * Q_VARIANT, idx, n);
		}
	}
	tmpl_add(d, B_WALK, X_ASIS, 1, 0, NULL, d->b[B_WALK].n);
	tmpl_add(d, B_SEQ, X_ASIS, 1, 0, NULL, d->b[B_SEQ].n);
	tmpl_add(d, B_REPEAT, X_ASIS, 1, 0, NULL, d->b[B_REPEAT].n);
	tmpl_add(d, B_NUMBER, X_ASIS, 0, 0, NULL, d->b[B_NUMBER].n);
}

/* The price of base i of template t before suffix j, in buckets. */
static unsigned
tprice(const struct cand_dict *d, const struct tmpl *t, size_t i, size_t j)
{
	unsigned q = d->b[t->list].q[t->idx != NULL ? t->idx[i] : i] + t->qt;

	if (j > 0)
		q = (q < Q_INSIDE ? Q_INSIDE : q) + d->sfx[j].q;
	q += t->qp;
	return q > Q_MAX ? Q_MAX : q;
}

/* Builds the candidate of template t, base i, suffix j into buf; returns
 * its length or 0. */
static size_t
tbuild(const struct cand_dict *d, const struct tmpl *t, size_t i, size_t j,
    char *buf)
{
	const struct blist *b = &d->b[t->list];
	size_t w = t->idx != NULL ? t->idx[i] : i, n;

	if ((n = xform(b->w[w], b->len[w], t->xform, buf)) == 0 ||
	    n + d->sfx[j].len > CAND_MAX)
		return 0;
	memcpy(buf + n, d->sfx[j].s, d->sfx[j].len);
	buf[n + d->sfx[j].len] = '\0';
	return n + d->sfx[j].len;
}

/* A binary min-heap of packed entries. */
struct heap {
	uint64_t	*v;
	size_t		 n, cap;
};

static void
heap_push(struct heap *h, uint64_t e)
{
	size_t k, p;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 1024;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	for (k = h->n++; k > 0 && h->v[p = (k - 1) / 2] > e; k = p)
		h->v[k] = h->v[p];
	h->v[k] = e;
}

static uint64_t
heap_pop(struct heap *h)
{
	uint64_t top = h->v[0], e = h->v[--h->n];
	size_t k = 0, c;

	while ((c = 2 * k + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1] < h->v[c])
			c++;
		if (h->v[c] >= e)
			break;
		h->v[k] = h->v[c];
		k = c;
	}
	h->v[k] = e;
	return top;
}

/*
 * Lays out the account-independent stream: every template's candidates
 * in increasing price, best first.  In a template with a suffix the price
 * grows with the base's rank and with the suffix's, so from (i, 1) the
 * next candidates are (i + 1, 1) and (i, 2), and from (i, j) only
 * (i, j + 1): each pair is reached once and the heap holds one entry per
 * base started.  A candidate another template made earlier is left out,
 * and so is one shorter than SMODEL_MIN_LEN.
 */
static void
shared_build(struct cand_dict *d, uint64_t limit)
{
	struct heap h;
	char buf[CAND_MAX + 1];
	const struct tmpl *t;
	uint64_t e;
	size_t k, i, j, n;

	memset(&h, 0, sizeof(h));
	d->sh = xcalloc(limit ? limit : 1, sizeof(*d->sh));
	fpset_init(&d->shset, limit);
	for (k = 0; k < d->nt; k++)
		heap_push(&h, E_PACK(tprice(d, &d->t[k], 0, d->t[k].suffixed),
		    k, 0, d->t[k].suffixed));
	while (d->nsh < limit && h.n > 0) {
		e = heap_pop(&h);
		t = &d->t[E_T(e)];
		i = E_I(e);
		j = E_J(e);
		if (t->suffixed && j + 1 < d->nsfx)
			heap_push(&h, E_PACK(tprice(d, t, i, j + 1), E_T(e), i,
			    j + 1));
		if (j == t->suffixed && i + 1 < t->n)
			heap_push(&h, E_PACK(tprice(d, t, i + 1, j), E_T(e),
			    i + 1, j));
		if ((n = tbuild(d, t, i, j, buf)) < SMODEL_MIN_LEN ||
		    !fpset_add(&d->shset, fnv1a(buf, n), (uint32_t)d->nsh))
			continue;
		d->sh[d->nsh++] = e;
	}
	d->qend = d->nsh > 0 ? E_Q(d->sh[d->nsh - 1]) : 0;
	sodium_memzero(buf, sizeof(buf));
	free(h.v);
}

/* see candidates.h */
struct cand_dict *
cand_dict_new(const struct cand_lists *lists)
{
	struct cand_dict *d;
	crypto_generichash_state st;
	unsigned char fp[8];
	char num[32];
	size_t l, i;

	d = xcalloc(1, sizeof(*d));
	/* only when the index cannot be allocated */
	if ((d->pr = smodel_pricer_new()) == NULL)
		abort();
	suffixes_build(d);
	dicts_build(d, lists);
	patterns_build(d);
	smodel_pricer_free(d->pr);
	d->pr = NULL;
	templates_build(d);
	shared_build(d, lists->limit ? lists->limit : CAND_LIMIT_DEFAULT);

	crypto_generichash_init(&st, NULL, 0, sizeof(fp));
	crypto_generichash_update(&st, (const unsigned char *)CAND_GEN_VERSION,
	    sizeof(CAND_GEN_VERSION));
	snprintf(num, sizeof(num), "%zu", d->nsh);
	crypto_generichash_update(&st, (const unsigned char *)num,
	    strlen(num) + 1);
	crypto_generichash_update(&st, (const unsigned char *)d->sh,
	    d->nsh * sizeof(*d->sh));
	for (i = 0; i < d->nsfx; i++)
		crypto_generichash_update(&st, (const unsigned char *)&d->sfx[i],
		    offsetof(struct sfx, ord));
	for (l = 0; l < B_N; l++)
		for (i = 0; i < d->b[l].n; i++)
			crypto_generichash_update(&st,
			    (const unsigned char *)d->b[l].w[i],
			    d->b[l].len[i] + 1);
	crypto_generichash_final(&st, fp, sizeof(fp));
	for (d->fingerprint = 0, i = 0; i < sizeof(fp); i++)
		d->fingerprint = d->fingerprint << 8 | fp[i];
	return d;
}

/* see candidates.h */
void
cand_dict_free(struct cand_dict *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < B_N; i++)
		blist_release(&d->b[i]);
	for (i = 0; i < d->nt; i++)
		if (!d->t[i].suffixed)
			free(d->t[i].idx);
	free(d->sfx);
	fpset_release(&d->sfxset);
	free(d->sh);
	fpset_release(&d->shset);
	free(d);
}

/* see candidates.h */
uint64_t
cand_dict_fingerprint(const struct cand_dict *d)
{
	return d->fingerprint;
}

/* The number of suffixes (index 1 on) priced below q, in buckets. */
static size_t
sfx_below(const struct cand_dict *d, long q)
{
	size_t lo = 1, hi = d->nsfx, mid;

	if (q <= 0)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((long)d->sfx[mid].q < q)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* The number of shared entries in buckets below q. */
static size_t
shared_below(const struct cand_dict *d, unsigned q)
{
	size_t lo = 0, hi = d->nsh, mid;
	uint64_t key = E_PACK(q, 0, 0, 0);

	if (q > Q_MAX)
		return d->nsh;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (d->sh[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The number of entries of combo k in buckets below q. */
static uint64_t
combo_below(const struct cand_gen *g, size_t k, unsigned q)
{
	const struct combo *c = &g->cb[k];

	return (c->q < q) + sfx_below(g->d, (long)q - c->qin);
}

/* The number of entries of combo k in bucket q. */
static size_t
combo_n(const struct cand_gen *g, size_t k, unsigned q)
{
	return (size_t)(combo_below(g, k, q + 1) - combo_below(g, k, q));
}

/* The number of positions in buckets below q. */
static uint64_t
pos_below(const struct cand_gen *g, unsigned q)
{
	uint64_t n = shared_below(g->d, q);
	size_t k;

	for (k = 0; k < g->ncb; k++)
		n += combo_below(g, k, q);
	return n;
}

/* The source of a context word of kind. */
static int
ctx_src(int kind)
{
	switch (kind) {
	case SMODEL_CTX_MAILBOX:
		return CAND_SRC_LOCAL;
	case SMODEL_CTX_DOMAIN:
		return CAND_SRC_DOMAIN;
	case SMODEL_CTX_NAME:
		return CAND_SRC_NAME;
	default:
		return CAND_SRC_ORG;
	}
}

/* see candidates.h */
struct cand_gen *
cand_gen_new(const struct cand_dict *d, const struct cand_context *ctx)
{
	/* smodel_ctx_forms()'s order */
	static const int xf[SMODEL_FORMS] = { X_ASIS, X_CAP, X_UPPER,
	    X_LEET, X_ASIS, X_CAP, X_UPPER };
	double alone[SMODEL_FORMS], inside[SMODEL_FORMS];
	const char *context[3];
	struct smodel_word w[SMODEL_CTX_MAX];
	struct cand_gen *g;
	struct combo *c;
	size_t n, norg, k, x, len;

	g = xcalloc(1, sizeof(*g));
	g->d = d;
	/* the order check-password --for ADDRESS --name NAME reads them */
	context[0] = ctx->email;
	context[1] = ctx->name;
	context[2] = ctx->org;
	/* the words the first two give come first: the rest are the
	 * organisation's, which the estimator reads as a name */
	norg = smodel_context(context, 2, w, SMODEL_CTX_MAX);
	n = smodel_context(context, 3, w, SMODEL_CTX_MAX);
	for (k = 0; k < n; k++) {
		smodel_ctx_forms(&w[k], k, alone, inside);
		for (x = 0; x < NELEM(xf); x++) {
			c = &g->cb[g->ncb];
			if (alone[x] < 0 || (len = xform(x <
			    SMODEL_FORM_ACCENTED ? w[k].w : w[k].a, w[k].len,
			    xf[x], c->s)) == 0)
				continue;
			c->len = (uint8_t)len;
			c->src = (uint8_t)(k >= norg ? CAND_SRC_ORG :
			    ctx_src(w[k].kind));
			c->flags = xf[x] == X_LEET ? CAND_F_LEET : 0;
			c->q = qof(alone[x]);
			c->qin = qof(inside[x]);
			g->ncb++;
		}
	}
	sodium_memzero(w, sizeof(w));
	g->total = d->nsh > 0 ? pos_below(g, d->qend + 1) : 0;
	cand_gen_seek(g, 0);
	return g;
}

/* see candidates.h */
void
cand_gen_free(struct cand_gen *g)
{
	if (g == NULL)
		return;
	sodium_memzero(g->cb, sizeof(g->cb));
	free(g);
}

/* see candidates.h */
uint64_t
cand_gen_total(const struct cand_gen *g)
{
	return g->total;
}

/* Moves the cursor past empty combos and buckets. */
static void
cursor_fix(struct cand_gen *g)
{
	for (;;) {
		while (g->k < g->ncb && g->j >= g->nk) {
			g->k++;
			g->j = 0;
			g->nk = g->k < g->ncb ? combo_n(g, g->k, g->q) : 0;
		}
		if (g->k < g->ncb || g->shi < g->shend || g->q >= g->d->qend)
			return;
		g->q++;
		g->k = 0;
		g->j = 0;
		g->nk = g->ncb > 0 ? combo_n(g, 0, g->q) : 0;
		g->shi = g->shend;
		g->shend = shared_below(g->d, g->q + 1);
	}
}

/* see candidates.h */
size_t
cand_dict_suffixes_below(const struct cand_dict *d, unsigned q)
{
	return sfx_below(d, (long)q);
}

/* see candidates.h */
uint64_t
cand_gen_below(const struct cand_gen *g, unsigned q)
{
	return pos_below(g, q);
}

/* see candidates.h */
void
cand_gen_seek(struct cand_gen *g, uint64_t pos)
{
	unsigned lo = 0, hi, mid;
	uint64_t off;
	size_t n;

	if (pos > g->total)
		pos = g->total;
	g->pos = pos;
	if (pos == g->total)
		return;
	/* the last bucket that starts at or before pos */
	hi = g->d->qend;
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (pos_below(g, mid) <= pos)
			lo = mid;
		else
			hi = mid - 1;
	}
	g->q = lo;
	off = pos - pos_below(g, lo);
	for (g->k = 0; g->k < g->ncb; g->k++) {
		n = combo_n(g, g->k, lo);
		if (off < n)
			break;
		off -= n;
	}
	g->j = g->k < g->ncb ? (size_t)off : 0;
	g->nk = g->k < g->ncb ? combo_n(g, g->k, lo) : 0;
	g->shi = shared_below(g->d, lo) + (g->k < g->ncb ? 0 : (size_t)off);
	g->shend = shared_below(g->d, lo + 1);
	cursor_fix(g);
}

/* see candidates.h */
uint64_t
cand_gen_pos(const struct cand_gen *g)
{
	return g->pos;
}

/*
 * The first place in the account's context candidates where s[0..len)
 * comes, as (bucket, combo, suffix), the suffix 0 for none; returns 0
 * when it is none of them.
 */
static int
ctx_first(const struct cand_gen *g, const char *s, size_t len,
    unsigned *bq, size_t *bk, size_t *bj)
{
	const struct cand_dict *d = g->d;
	const struct combo *c;
	unsigned q;
	uint32_t j;
	size_t k;
	int found = 0;

	for (k = 0; k < g->ncb; k++) {
		c = &g->cb[k];
		if (c->len > len || memcmp(c->s, s, c->len) != 0)
			continue;
		if (c->len == len) {
			j = 0;
			q = c->q;
		} else if (fpset_get(&d->sfxset, fnv1a(s + c->len,
		    len - c->len), &j) && j > 0 && d->sfx[j].len ==
		    len - c->len && memcmp(d->sfx[j].s, s + c->len,
		    d->sfx[j].len) == 0)
			q = c->qin + d->sfx[j].q;
		else
			continue;
		if (q > d->qend || (found && (q > *bq || (q == *bq &&
		    (k > *bk || (k == *bk && j >= *bj))))))
			continue;
		*bq = q;
		*bk = k;
		*bj = j;
		found = 1;
	}
	return found;
}

static uint32_t
common_tier(uint32_t rank)
{
	if (rank <= 100)
		return 0;
	if (rank <= 1000)
		return 1;
	if (rank <= 10000)
		return 2;
	return 3;
}

/* The tag of template t's base i with suffix j. */
static uint32_t
shared_tag(const struct cand_dict *d, const struct tmpl *t, size_t i,
    size_t j)
{
	static const uint8_t src[B_N] = {
		CAND_SRC_COMMON, CAND_SRC_WORD_FR, CAND_SRC_WORD_EN,
		CAND_SRC_FIRSTNAME, CAND_SRC_SURNAME, CAND_SRC_PLACE,
		CAND_SRC_CLUB, CAND_SRC_FRPASSWORD, CAND_SRC_WALK,
		CAND_SRC_SEQUENCE, CAND_SRC_REPEAT, CAND_SRC_NUMBER
	};
	size_t w = t->idx != NULL ? t->idx[i] : i;
	int list = t->list == CAND_L_FRPASSWORDS &&
	    smodel_frpw_walk(d->b[t->list].rank[w]) ? B_WALK : t->list;

	return CAND_TAG(src[list], d->sfx[j].kind,
	    (t->xform == X_REV ? CAND_F_REVERSED : 0) |
	    (t->xform == X_LEET ? CAND_F_LEET : 0),
	    t->list == CAND_L_PASSWORDS ? common_tier(d->b[t->list].rank[w]) :
	    0);
}

/* see candidates.h */
int
cand_gen_next(struct cand_gen *g, struct cand *c)
{
	const struct cand_dict *d = g->d;
	const struct combo *cb;
	const struct tmpl *t;
	unsigned fq, q;
	size_t fk, fj, j, n;
	uint32_t v;
	uint64_t e;

	while (g->pos < g->total) {
		c->pos = g->pos++;
		if (g->k < g->ncb) {
			/* the j-th entry of combo k in bucket q */
			cb = &g->cb[g->k];
			q = g->q;
			j = g->j++;
			if (cb->q == q)
				j = j == 0 ? 0 : 1 + sfx_below(d,
				    (long)q - cb->qin) + j - 1;
			else
				j = 1 + sfx_below(d, (long)q - cb->qin) + j;
			cursor_fix(g);
			n = cb->len + d->sfx[j].len;
			if (n > CAND_MAX || n < SMODEL_MIN_LEN)
				continue;
			memcpy(c->buf, cb->s, cb->len);
			memcpy(c->buf + cb->len, d->sfx[j].s, d->sfx[j].len);
			c->buf[n] = '\0';
			c->len = n;
			/* made earlier: by the shared stream in an earlier
			 * bucket, or by another of the account's words */
			if (fpset_get(&d->shset, fnv1a(c->buf, n), &v) &&
			    E_Q(d->sh[v]) < q)
				continue;
			if (ctx_first(g, c->buf, n, &fq, &fk, &fj) &&
			    (fq != q || fk != (size_t)(cb - g->cb) ||
			    fj != j))
				continue;
			c->tag = CAND_TAG(cb->src, d->sfx[j].kind, cb->flags,
			    0);
			return 1;
		}
		e = d->sh[g->shi++];
		cursor_fix(g);
		t = &d->t[E_T(e)];
		if ((n = tbuild(d, t, E_I(e), E_J(e), c->buf)) == 0)
			continue;
		c->len = n;
		/* the account's own words came first in this bucket */
		if (ctx_first(g, c->buf, n, &fq, &fk, &fj) && fq <= E_Q(e))
			continue;
		c->tag = shared_tag(d, t, E_I(e), E_J(e));
		return 1;
	}
	return 0;
}

/* see candidates.h */
const char *
cand_class_name(uint32_t tag, char *buf, size_t size)
{
	static const char *const tiers[] = {
		"top-100 common password", "top-1000 common password",
		"top-10000 common password", "common password"
	};
	static const char *const sfx[] = {
		"", " + digits", " + year", " + symbol", " + year and symbol"
	};
	const char *base;
	uint32_t t;

	switch (CAND_TAG_SRC(tag)) {
	case CAND_SRC_LOCAL:
		base = "mailbox name";
		break;
	case CAND_SRC_DOMAIN:
		base = "domain name";
		break;
	case CAND_SRC_NAME:
		base = "display name";
		break;
	case CAND_SRC_ORG:
		base = "organisation name";
		break;
	case CAND_SRC_COMMON:
		t = CAND_TAG_TIER(tag);
		base = tiers[t < 4 ? t : 3];
		break;
	case CAND_SRC_WALK:
		base = "keyboard walk";
		break;
	case CAND_SRC_WORD_FR:
		base = "French word";
		break;
	case CAND_SRC_WORD_EN:
		base = "English word";
		break;
	case CAND_SRC_FIRSTNAME:
		base = "first name";
		break;
	case CAND_SRC_SURNAME:
		base = "surname";
		break;
	case CAND_SRC_PLACE:
		base = "place name";
		break;
	case CAND_SRC_CLUB:
		base = "club name";
		break;
	case CAND_SRC_FRPASSWORD:
		base = "common French password";
		break;
	case CAND_SRC_REPEAT:
		base = "repetition";
		break;
	case CAND_SRC_SEQUENCE:
		base = "sequence";
		break;
	case CAND_SRC_NUMBER:
		base = "date or number";
		break;
	default:
		base = "guessable password";
		break;
	}
	t = CAND_TAG_SFX(tag);
	snprintf(buf, size, "%s%s%s%s", base,
	    (CAND_TAG_FLAGS(tag) & CAND_F_REVERSED) ? " reversed" : "",
	    (CAND_TAG_FLAGS(tag) & CAND_F_LEET) ? " in l33t" : "",
	    sfx[t < 5 ? t : 0]);
	return buf;
}
