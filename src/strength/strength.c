/*
 * Password strength: decodes and folds the password, lets the matchers of
 * strength-match.c find its parts and the cover of strength-cover.c price
 * them, and turns the cheapest cover into a verdict and one line of
 * feedback. Also ISPConfig's own rule, which
 * the policy must satisfy so that the panel never refuses what we accept.
 *
 * Every copy of the password (decoded, folded, l33t variants, matches) is
 * in one struct strength_pw on strength_check()'s stack, wiped before it
 * returns.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "err.h"
#include "strength.h"
#include "strength-cover.h"
#include "strength-int.h"
#include "strength-model.h"
#include "utf8.h"
#include "wordlists.h"

/* A word of a passphrase costs the top thousand at least, log10 (see
 * passphrase_floor()). */
#define PASSPHRASE_WORD	3.0

/* see strength.h */
enum strength_lang
strength_lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		return strncmp(v, "fr", 2) == 0 ? STRENGTH_LANG_FR :
		    STRENGTH_LANG_EN;
	}
	return STRENGTH_LANG_EN;
}

/* see strength.h */
void
strength_policy_default(struct strength_policy *p)
{
	p->min_log10 = STRENGTH_DEFAULT_MIN_LOG10;
	p->ispc_min_length = 8;
	p->ispc_min_strength = 3;
	p->lang = strength_lang_from_env();
}

/* see strength.h */
int
strength_ispconfig(const char *pw, size_t len)
{
	static const char special[] = "`~!@#$%^&*()_+|=-[]}{';:/?.>,< \"";
	int lower = 0, upper = 0, digit = 0, spec = 0, points, different;
	size_t i;
	unsigned char c;

	if (len < 5)
		return 1;
	for (i = 0; i < len; i++) {
		c = (unsigned char)pw[i];
		if (c >= 'a' && c <= 'z')
			lower = 1;
		else if (c >= 'A' && c <= 'Z')
			upper = 1;
		else if (c >= '0' && c <= '9')
			digit = 1;
		else if (c != 0 && strchr(special, c) != NULL)
			spec = 1;
	}
	points = upper + digit + spec;
	different = lower + points;
	if (points == 0 || different < 3)
		return len <= 6 ? 1 : len <= 8 ? 2 : 3;
	if (points == 1)
		return len <= 6 ? 2 : len <= 10 ? 3 : 4;
	if (points == 2)
		return len <= 8 ? 3 : len <= 10 ? 4 : 5;
	return len <= 6 ? 3 : len <= 8 ? 4 : 5;
}

/* Lower case without accents, one character for one, as the data script. */
static unsigned char
fold(uint32_t c)
{
	static const char latin1[] =
	    "aaaaaaaceeeeiiiidnooooo\xd7ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo\xf7ouuuuyty";

	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if (c < 0xc0)
		return c;
	if (c <= 0xff)
		return (unsigned char)latin1[c - 0xc0];
	if (c == 0x152 || c == 0x153)
		return 'o';
	return 0x7f;
}

static void
prepare(struct strength_pw *pw)
{
	size_t i;
	int v, any = 0, ell = 0;
	unsigned char u;

	pw->upper_only = 0;
	for (i = 0; i < pw->n; i++) {
		pw->raw[i] = pw->cp[i] <= 0xff ? pw->cp[i] : 0x7f;
		pw->f[i] = fold(pw->cp[i]);
		if (pw->f[i] != pw->raw[i] && pw->f[i] >= 'a' &&
		    pw->f[i] <= 'z' && pw->upper_only >= 0)
			pw->upper_only = 1;
		else if (pw->raw[i] >= 'a' && pw->raw[i] <= 'z')
			pw->upper_only = -1;
		if (strength_unl33t(pw->f[i], 0) != 0)
			any = 1;
		if (pw->f[i] == '1' || pw->f[i] == '|')
			ell = 1;
	}
	pw->upper_only = pw->upper_only > 0;
	pw->nvariant = any ? (ell ? 2 : 1) : 0;
	for (v = 0; v < pw->nvariant; v++) {
		pw->nsub[v][0] = 0;
		for (i = 0; i < pw->n; i++) {
			u = strength_unl33t(pw->f[i], v);
			pw->l33t[v][i] = u ? u : pw->f[i];
			pw->nsub[v][i + 1] = pw->nsub[v][i] + (u != 0);
		}
	}
}

/* The base of a repeat alone, without its l33t or context, for
 * strength_match_all(): its cheapest cover. */
static double
repeat_base_price(struct strength_pw *base)
{
	strength_match_all(base, NULL);
	return strength_cover(base, NULL, NULL, SCOVER_RAW);
}

static int
all_letters(const struct strength_pw *pw, size_t i, size_t j)
{
	size_t digits, letters;

	strength_count_classes(pw, i, j, &digits, &letters);
	return letters == j - i;
}

/*
 * A chain of 4+ words of 4+ letters (separators allowed) is a passphrase:
 * whoever guesses it combines whole lists, so each word costs at least
 * the top thousand (10^3), however common it is alone. Famous phrases
 * ("allezlesverts", "jetaimemonamour") are full of short words and keep
 * their low price. Returns what to add to the cover's log10 guesses.
 */
static double
passphrase_floor(const struct strength_pw *pw,
    const struct strength_match *cover, size_t ncover)
{
	double add = 0, chain_add = 0;
	size_t k, words = 0;

	for (k = 0; k <= ncover; k++) {
		/* a word of the lists, or letters none has (a rarer word) */
		if (k < ncover && (cover[k].kind == SK_DICT ||
		    (cover[k].kind == SK_BRUTE && all_letters(pw, cover[k].i,
		    cover[k].j))) && cover[k].j - cover[k].i >= 4) {
			words++;
			if (cover[k].cost < PASSPHRASE_WORD)
				chain_add += PASSPHRASE_WORD - cover[k].cost;
			continue;
		}
		if (k < ncover && cover[k].kind == SK_BRUTE &&
		    cover[k].j - cover[k].i == 1 &&
		    strength_is_decoration(pw, cover[k].i, cover[k].j))
			continue;	/* a separator */
		if (words >= 4)
			add += chain_add;
		words = 0;
		chain_add = 0;
	}
	return add;
}

/*
 * The generator's own passphrases (pwgen.c): 4+ words of its list, glued or
 * with a separator and a digit between them, are never weak, however the
 * cover splits the glued letters ("joyauxjoyauxdevenuedessous" is not a
 * repeat and a place). An attacker who knows the list still has to try
 * whole combinations: each word counts as the top thousand (10^3), as
 * passphrase_floor() does, and the words must be 3 different ones at
 * least (a word repeated is cheap). Two or three glued words are left to
 * the cover: they are common phrases as often as not.
 */
#define GP_SLOTS	16384
static uint16_t gp_slot[GP_SLOTS];	/* word index + 1, 0 for empty */
static const char *gp_word[WORDLIST_PASSPHRASE_WORDS];
static uint8_t gp_len[WORDLIST_PASSPHRASE_WORDS];
static pthread_once_t gp_once = PTHREAD_ONCE_INIT;

static uint32_t
gp_hash(const unsigned char *w, size_t len)
{
	uint32_t h = 2166136261U;

	while (len-- > 0)
		h = (h ^ *w++) * 16777619U;
	return h;
}

static void
gp_build(void)
{
	struct wordlist_iter it;
	const char *w;
	uint32_t pos;
	size_t k = 0, len;

	wordlist_iter_init(&it, WORDLIST_PASSPHRASE);
	while (k < WORDLIST_PASSPHRASE_WORDS &&
	    wordlist_iter_next(&it, &w, &len)) {
		gp_word[k] = w;
		gp_len[k] = len;
		pos = gp_hash((const unsigned char *)w, len) & (GP_SLOTS - 1);
		while (gp_slot[pos] != 0)
			pos = (pos + 1) & (GP_SLOTS - 1);
		gp_slot[pos] = ++k;
	}
}

/* Index + 1 in the passphrase words of f[i..j), or 0. */
static int
gp_find(const unsigned char *f, size_t i, size_t j)
{
	uint32_t pos = gp_hash(f + i, j - i) & (GP_SLOTS - 1);
	size_t k;

	for (; gp_slot[pos] != 0; pos = (pos + 1) & (GP_SLOTS - 1)) {
		k = gp_slot[pos] - 1;
		if (gp_len[k] == j - i && memcmp(gp_word[k], f + i, j - i) == 0)
			return gp_slot[pos];
	}
	return 0;
}

static int
gp_letter(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

/* log10 guesses of pw as a passphrase of the generator's words, or 0. */
static double
genphrase_floor(const struct strength_pw *pw)
{
	int16_t nw[129];	/* most words covering f[0..p), -1: none */
	uint16_t from[129], word[129], seen[32];
	size_t n = pw->n, p, q, k, gap, nseen = 0;
	int w, distinct;

	if (n < 16 || pthread_once(&gp_once, gp_build) != 0)
		return 0;
	for (p = 0; p <= n; p++)
		nw[p] = -1;
	/* up to two characters of digits or symbols before the first word */
	for (p = 0; p <= 2 && p < n && (p == 0 || !gp_letter(pw->f[p - 1]));
	    p++)
		nw[p] = 0;
	for (p = 0; p < n; p++) {
		if (nw[p] < 0 || !gp_letter(pw->f[p]))
			continue;
		for (q = p + 4; q <= p + 8 && q <= n; q++) {
			if (!gp_letter(pw->f[q - 1]))
				break;
			if ((w = gp_find(pw->f, p, q)) == 0)
				continue;
			/* then up to two separators or digits */
			for (gap = 0; gap <= 2 && q + gap <= n; gap++) {
				if (gap > 0 && gp_letter(pw->f[q + gap - 1]))
					break;
				if (nw[p] + 1 > nw[q + gap]) {
					nw[q + gap] = nw[p] + 1;
					from[q + gap] = p;
					word[q + gap] = w;
				}
			}
		}
	}
	distinct = 0;
	if (nw[n] < 4)
		goto out;
	for (q = n; q > 0 && nw[q] > 0; q = from[q]) {
		for (k = 0; k < nseen && seen[k] != word[q]; k++)
			;
		if (k == nseen && nseen < 32) {
			seen[nseen++] = word[q];
			distinct++;
		}
	}
 out:
	/* which words the password is made of */
	sodium_memzero(word, sizeof(word));
	sodium_memzero(seen, sizeof(seen));
	return distinct >= 3 ? nw[n] * PASSPHRASE_WORD : 0;
}

/* Adds the folded word s[0..len), a[0..len) with its accents, to the
 * context words, once. */
static void
ctx_add(struct strength_ctxword *cw, size_t *ncw, const unsigned char *s,
    const unsigned char *a, size_t len, int kind)
{
	size_t k;

	if (len < 3 || len > SD_MAXWORD || *ncw >= SCTX_MAX)
		return;
	for (k = 0; k < *ncw; k++)
		if (cw[k].len == len && memcmp(cw[k].w, s, len) == 0) {
			/* "elodie" of the address, "Élodie" of the name */
			if (memcmp(cw[k].a, cw[k].w, len) == 0)
				memcpy(cw[k].a, a, len);
			return;
		}
	memcpy(cw[*ncw].w, s, len);
	cw[*ncw].w[len] = '\0';
	memcpy(cw[*ncw].a, a, len);
	cw[*ncw].a[len] = '\0';
	cw[*ncw].len = len;
	cw[*ncw].kind = kind;
	(*ncw)++;
}

static int
is_piece_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/*
 * Adds a context string's words: the whole (folded, f[0..n), and with
 * its accents, a[0..n)), its pieces split on everything but letters, the
 * pieces run together, and the forms people make of names (jdupont,
 * dupontj, dupontjean).
 */
static void
ctx_split(struct strength_ctxword *cw, size_t *ncw, const unsigned char *f,
    const unsigned char *a, size_t n, int kind)
{
	unsigned char joined[2][128];
	const unsigned char *src[2] = { f, a };
	size_t ps[16], pl[16], np = 0, i, nj = 0, x, y, v;

	ctx_add(cw, ncw, f, a, n, kind);
	for (i = 0; i < n; ) {
		if (!is_piece_char(f[i])) {
			i++;
			continue;
		}
		if (np == 16)
			break;
		ps[np] = i;
		while (i < n && is_piece_char(f[i]))
			i++;
		pl[np] = i - ps[np];
		for (v = 0; v < 2; v++)
			memcpy(joined[v] + nj, src[v] + ps[np], pl[np]);
		nj += pl[np];
		np++;
	}
	for (x = 0; x < np; x++)
		ctx_add(cw, ncw, f + ps[x], a + ps[x], pl[x], kind);
	if (np > 1)
		ctx_add(cw, ncw, joined[0], joined[1], nj, kind);
	for (x = 0; x < np; x++) {
		for (y = 0; y < np; y++) {
			if (x == y || pl[x] + pl[y] > SD_MAXWORD)
				continue;
			/* the first letter of one piece with another whole */
			for (v = 0; v < 2; v++) {
				joined[v][0] = src[v][ps[x]];
				memcpy(joined[v] + 1, src[v] + ps[y], pl[y]);
			}
			ctx_add(cw, ncw, joined[0], joined[1], pl[y] + 1, kind);
			for (v = 0; v < 2; v++) {
				memcpy(joined[v], src[v] + ps[y], pl[y]);
				joined[v][pl[y]] = src[v][ps[x]];
			}
			ctx_add(cw, ncw, joined[0], joined[1], pl[y] + 1, kind);
			for (v = 0; v < 2; v++)
				memcpy(joined[v] + pl[y], src[v] + ps[x], pl[x]);
			ctx_add(cw, ncw, joined[0], joined[1], pl[y] + pl[x],
			    kind);
		}
	}
	sodium_memzero(joined, sizeof(joined));
}

/* Lower case with its accents, ISO-8859-1, one character for one; what
 * ISO-8859-1 lacks, folded. */
static unsigned char
lower_latin1(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 0x20;
	return c <= 0xff ? c : fold(c);
}

/* Folds one context string (whole address, name, domain...) into words. */
static void
ctx_build(struct strength_ctxword *cw, size_t *ncw, const char *s)
{
	uint32_t cp[128];
	unsigned char f[128], a[128];
	const unsigned char *at, *dot;
	int n, kind;
	size_t i, len = strlen(s);

	if (len > sizeof(cp) / sizeof(cp[0]))
		len = sizeof(cp) / sizeof(cp[0]);
	if ((n = utf8_decode(s, len, cp, 128)) <= 0)
		return;
	for (i = 0; i < (size_t)n; i++) {
		f[i] = fold(cp[i]);
		a[i] = lower_latin1(cp[i]);
	}
	at = memchr(f, '@', n);
	if (at != NULL) {
		ctx_split(cw, ncw, f, a, at - f, SC_MAILBOX);
		n -= at - f + 1;
		memmove(a, a + (at - f) + 1, n);
		memmove(f, at + 1, n);
		kind = SC_DOMAIN;
	} else if (memchr(f, ' ', n) != NULL)
		kind = SC_NAME;
	else if (memchr(f, '.', n) != NULL)
		kind = SC_DOMAIN;
	else
		kind = SC_OTHER;
	if (kind == SC_DOMAIN) {
		/* The top-level domain says nothing about the mailbox. */
		ctx_add(cw, ncw, f, a, n, kind);
		dot = NULL;
		for (i = 0; i < (size_t)n; i++)
			if (f[i] == '.')
				dot = f + i;
		if (dot != NULL)
			n = dot - f;
	}
	ctx_split(cw, ncw, f, a, n, kind);
}

/* see strength-model.h */
size_t
smodel_context(const char *const *context, size_t n, struct smodel_word *out,
    size_t max)
{
	struct strength_ctxword cw[SCTX_MAX];
	size_t k, ncw = 0;

	for (k = 0; k < n; k++)
		if (context[k] != NULL)
			ctx_build(cw, &ncw, context[k]);
	for (k = 0; k < ncw && k < max; k++) {
		memcpy(out[k].w, cw[k].w, cw[k].len + 1);
		memcpy(out[k].a, cw[k].a, cw[k].len + 1);
		out[k].len = cw[k].len;
		out[k].kind = cw[k].kind;
	}
	sodium_memzero(cw, sizeof(cw));
	return k;
}

/* Suffixes priced under bucket q after a word. */
static double
curve_sfx(long q)
{
	if (q <= 0)
		return 0;
	return strength_curve_sfx[(size_t)q < strength_curve_nsfx ? (size_t)q :
	    strength_curve_nsfx - 1];
}

/* A price, log10, in the curve's buckets, as the audit rounds it. */
static long
bucket(double price)
{
	return (long)(price * STRENGTH_CURVE_UNIT + 0.5);
}

/*
 * The positions of the audit's stream for the account of ctx[0..nctx)
 * priced under bucket q: the account-independent stream's, from the
 * curve (which ends at its last bucket), and the account's own words' in
 * every form, alone and before each suffix, as cand_gen_new() prices
 * them.
 */
static double
curve_below(long q, const struct strength_ctxword *ctx, size_t nctx)
{
	double n, alone[SMODEL_FORMS], inside[SMODEL_FORMS];
	struct smodel_word w;
	size_t k, last = strength_curve_nshared - 1;
	int x;

	if (q <= 0)
		return 0;
	n = strength_curve_shared[(size_t)q < last ? (size_t)q : last];
	for (k = 0; k < nctx; k++) {
		memcpy(w.w, ctx[k].w, ctx[k].len + 1);
		memcpy(w.a, ctx[k].a, ctx[k].len + 1);
		w.len = ctx[k].len;
		w.kind = ctx[k].kind;
		smodel_ctx_forms(&w, k, alone, inside);
		for (x = 0; x < SMODEL_FORMS; x++)
			if (alone[x] >= 0)
				n += (bucket(alone[x]) < q) +
				    curve_sfx(q - bucket(inside[x]));
	}
	sodium_memzero(&w, sizeof(w));
	return n;
}

/* The price of pw, matched, as mode says: the cover, the passphrase
 * floors. */
static double
cover_price(struct strength_pw *pw, struct strength_match *cover,
    size_t *ncover, enum strength_cover_mode mode)
{
	double g, e;

	e = strength_cover(pw, cover, ncover, mode);
	e += passphrase_floor(pw, cover, *ncover);
	if ((g = genphrase_floor(pw)) > e)
		e = g;
	return e;
}

/* The price of pw, prepared and with its context set. */
static double
estimate(struct strength_pw *pw, struct strength_match *cover,
    size_t *ncover, enum strength_cover_mode mode)
{
	strength_match_all(pw, repeat_base_price);
	return cover_price(pw, cover, ncover, mode);
}

/*
 * The guesses, log10, of pw, matched, with its context set: where the
 * audit's best-first enumeration of the same model finds it, that is
 * the positions of the candidates priced under it (an attacker
 * interleaves every template, so a first name of rank 50 comes after
 * everything cheaper in all others).  When the stream does not make it
 * (no template of the model does, or it is too short) or past the
 * measured curve, the model's enumeration is past its measured end, and
 * no attacker guesses a password in fewer tries than its own pattern's
 * price.  The cover that explains it is left in cover[0..*ncover).
 */
static double
guesses_of(struct strength_pw *pw, struct strength_match *cover,
    size_t *ncover)
{
	double n, e, raw;
	size_t last = strength_curve_nshared - 1;

	e = pw->n < SMODEL_MIN_LEN ? cover_price(pw, cover, ncover,
	    SCOVER_PRIOR) : cover_price(pw, cover, ncover, SCOVER_STREAM);
	if (e != HUGE_VAL && (size_t)(bucket(e) + 1) <= last) {
		n = curve_below(bucket(e) + 1, pw->ctx, pw->nctx);
		return n <= 1 ? 0 : log10(n);
	}
	raw = cover_price(pw, cover, ncover, SCOVER_RAW);
	n = log10(curve_below((long)last, pw->ctx, pw->nctx));
	return raw > n ? raw : n;
}

struct smodel_pricer {
	struct strength_pw pw;
	struct strength_ctxword ctx[SCTX_MAX];
	struct strength_match cover[128];
};

/* see strength-model.h */
struct smodel_pricer *
smodel_pricer_new(void)
{
	if (strength_dict_init() != 0)
		return NULL;
	/* 160 kB: too much for the stacks of the audit's threads. */
	return sodium_malloc(sizeof(struct smodel_pricer));
}

/* see strength-model.h */
void
smodel_pricer_free(struct smodel_pricer *w)
{
	if (w != NULL)
		sodium_free(w);
}

/* see strength-model.h */
double
smodel_price(struct smodel_pricer *w, const char *s, size_t len,
    const struct smodel_word *ctx, size_t nctx)
{
	size_t k, ncover = 0;
	double e;

	if (len > STRENGTH_MAX_LEN)
		return -1;
	if (len == 0)
		return 0;
	w->pw.n = len;
	for (k = 0; k < len; k++)
		w->pw.cp[k] = (unsigned char)s[k];
	prepare(&w->pw);
	for (k = 0; k < nctx && k < SCTX_MAX; k++) {
		memcpy(w->ctx[k].w, ctx[k].w, ctx[k].len + 1);
		memcpy(w->ctx[k].a, ctx[k].a, ctx[k].len + 1);
		w->ctx[k].len = ctx[k].len;
		w->ctx[k].kind = ctx[k].kind;
	}
	w->pw.ctx = w->ctx;
	w->pw.nctx = k;
	e = estimate(&w->pw, w->cover, &ncover, SCOVER_RAW);
	sodium_memzero(&w->pw, offsetof(struct strength_pw, m));
	sodium_memzero(w->pw.m, w->pw.nm * sizeof(w->pw.m[0]));
	sodium_memzero(w->cover, ncover * sizeof(w->cover[0]));
	return e;
}

/* The feedback's names, English keys of strength-msg.h. */
static const char *const dict_labels[SD_FRPASSWORDS] = {
	"common password", "French word", "English word", "first name",
	"surname", "place name", "club name",
};

static const char *const ctx_labels[] = {
	"contains the mailbox name", "contains the domain name",
	"contains the person's name", "contains a name linked to the account",
};

static void
cat(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cat(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used >= len - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* Appends the password's characters [i, j) as UTF-8 (for walks). */
static void
cat_chars(char *buf, size_t len, const struct strength_pw *pw, size_t i,
    size_t j)
{
	unsigned char u[4];
	size_t used;

	for (; i < j; i++) {
		used = strlen(buf);
		if (used + 5 >= len)
			return;
		if (pw->cp[i] < 0x80) {
			u[0] = pw->cp[i];
			buf[used++] = u[0];
		} else if (pw->cp[i] < 0x800) {
			buf[used++] = 0xc0 | (pw->cp[i] >> 6);
			buf[used++] = 0x80 | (pw->cp[i] & 0x3f);
		} else
			buf[used++] = '?';
		buf[used] = '\0';
	}
}

/* One part of the cover, named for the feedback. */
static void
describe(char *buf, size_t len, const struct strength_pw *pw,
    const struct strength_match *m, int alone, enum strength_lang lang)
{
	size_t k, digits, letters;

	/* A common password that is also a walk or a date ("azertyuiop",
	 * "15031987") is better explained as what it is made of, unless it
	 * is among the thousand everybody tries first. */
	if (m->kind == SK_DICT && m->sub == SD_PASSWORDS &&
	    (!alone || m->rank > 1000)) {
		for (k = 0; k < pw->nm; k++) {
			if (pw->m[k].i == m->i && pw->m[k].j == m->j &&
			    pw->m[k].kind >= SK_SPATIAL &&
			    pw->m[k].kind <= SK_YEAR) {
				m = &pw->m[k];
				break;
			}
		}
	}
	switch (m->kind) {
	case SK_DICT:
		if (m->sub == SD_FRPASSWORDS && smodel_frpw_walk(m->rank)) {
			cat(buf, len, "%s", strength_msg(lang,
			    "keyboard walk '"));
			cat_chars(buf, len, pw, m->i, m->j);
			cat(buf, len, "'");
		} else if (alone && m->sub == SD_PASSWORDS)
			cat(buf, len, strength_msg(lang,
			    "common password (rank %u)"),
			    (unsigned)m->rank);
		else
			cat(buf, len, "%s", strength_msg(lang,
			    dict_labels[m->sub == SD_FRPASSWORDS ?
			    strength_frpw_kind[m->rank - 1] : m->sub]));
		if (m->flags & SM_L33T)
			cat(buf, len, "%s", strength_msg(lang, " with l33t"));
		if (m->flags & SM_REVERSED)
			cat(buf, len, "%s", strength_msg(lang, " reversed"));
		break;
	case SK_SPATIAL:
		cat(buf, len, "%s", strength_msg(lang, "keyboard walk '"));
		cat_chars(buf, len, pw, m->i, m->j);
		cat(buf, len, "'");
		break;
	case SK_REPEAT:
		cat(buf, len, "%s", strength_msg(lang, "repetition '"));
		cat_chars(buf, len, pw, m->i, m->j);
		cat(buf, len, "'");
		break;
	case SK_SEQUENCE:
		cat(buf, len, "%s", strength_msg(lang, "sequence '"));
		cat_chars(buf, len, pw, m->i, m->j);
		cat(buf, len, "'");
		break;
	case SK_DATE:
	case SK_DAYMONTH:
		cat(buf, len, "date");
		break;
	case SK_YEAR:
		cat(buf, len, "%s", strength_msg(lang, "year"));
		break;
	case SK_DEPT:
		cat(buf, len, "%s", strength_msg(lang, "department number"));
		break;
	default:
		strength_count_classes(pw, m->i, m->j, &digits, &letters);
		if (alone && letters == (size_t)(m->j - m->i) &&
		    m->cost + 1 < strength_flat_cost(pw, m->i, m->j))
			cat(buf, len, "%s", strength_msg(lang,
			    "letters that read like a French word or name"));
		else if (alone)
			cat(buf, len, strength_msg(lang,
			    "too short (%zu character%s)"), pw->n,
			    pw->n > 1 ? "s" : "");
		else if (digits == (size_t)(m->j - m->i))
			cat(buf, len, "%s", strength_msg(lang, "digits"));
		else if (digits == 0 && letters == 0)
			cat(buf, len, "%s", strength_msg(lang, "symbol"));
		else if (strength_is_decoration(pw, m->i, m->j))
			cat(buf, len, "%s", strength_msg(lang,
			    "digits and symbol"));
		else
			cat(buf, len, "%s", strength_msg(lang, "characters"));
		break;
	}
}

/* The feedback for a weak estimate: the context word if any, else the
 * parts of the cover ("French word + year + symbol"). */
static void
explain(char *buf, size_t len, const struct strength_pw *pw,
    const struct strength_match *cover, size_t ncover,
    enum strength_lang lang)
{
	size_t k, shown = 0;

	buf[0] = '\0';
	for (k = 0; k < ncover; k++) {
		if (cover[k].kind == SK_CONTEXT) {
			cat(buf, len, "%s '%s'", strength_msg(lang,
			    ctx_labels[cover[k].sub]),
			    pw->ctx[cover[k].ctx].w);
			return;
		}
	}
	for (k = 0; k < ncover; k++) {
		/* "la" in "rendezlamonnaie" joins two words; no part */
		if ((cover[k].flags & SM_GLUE) && k > 0 && k + 1 < ncover &&
		    cover[k - 1].kind == SK_DICT &&
		    cover[k + 1].kind == SK_DICT)
			continue;
		if (shown == 4) {
			cat(buf, len, " + …");
			break;
		}
		if (shown > 0)
			cat(buf, len, " + ");
		describe(buf, len, pw, &cover[k], ncover == 1, lang);
		shown++;
	}
}

/* see strength.h */
int
strength_check(const struct secret *pw, const char *const *context,
    size_t ncontext, const struct strength_policy *policy,
    struct strength_result *res, struct errbuf *eb)
{
	static const char *const ispc_names[] = {
		"", "Weak", "Fair", "Good", "Strong", "Very Strong"
	};
	/*
	 * On the stack rather than in sodium_malloc'd memory: guarded pages
	 * cost two system calls a password, which made batch checks slower
	 * than zxcvbn. Every part that held the password is wiped below.
	 */
	struct {
		struct strength_pw pw;
		struct strength_ctxword ctx[SCTX_MAX];
		struct strength_match cover[128];
	} work, *w;
	enum strength_lang lang = policy->lang;
	size_t k, ncw = 0, ncover = 0;
	int n, r;

	memset(res, 0, sizeof(*res));
	if (pw->len == 0) {
		snprintf(res->reason, sizeof(res->reason), "%s",
		    strength_msg(lang, "empty password"));
		return 0;
	}
	if (pw->len > STRENGTH_MAX_LEN) {
		snprintf(res->reason, sizeof(res->reason), strength_msg(lang,
		    "longer than %d bytes"),
		    STRENGTH_MAX_LEN);
		return 0;
	}
	if ((r = strength_dict_init()) != 0)
		return err_set(eb, r, "cannot build the dictionary index");
	w = &work;
	w->pw.n = 0;
	w->pw.nm = 0;
	if ((n = utf8_decode(pw->buf, pw->len, w->pw.cp, 128)) < 0) {
		r = err_set(eb, ISPM_EDATA, "password is not valid UTF-8");
		goto out;
	}
	w->pw.n = n;
	prepare(&w->pw);
	for (k = 0; k < ncontext; k++)
		if (context[k] != NULL)
			ctx_build(w->ctx, &ncw, context[k]);
	w->pw.ctx = w->ctx;
	w->pw.nctx = ncw;
	strength_match_all(&w->pw, repeat_base_price);
	res->log10_guesses = guesses_of(&w->pw, w->cover, &ncover);
	res->ispconfig = strength_ispconfig(pw->buf, pw->len);

	for (k = 0; k < w->pw.n; k++) {
		if (w->pw.cp[k] > 0xff) {
			snprintf(res->reason, sizeof(res->reason),
			    strength_msg(lang, "contains U+%04X, outside "
			    "ISO-8859-1, which ISPConfig cannot store"),
			    (unsigned)w->pw.cp[k]);
			goto done;
		}
	}
	if (res->log10_guesses < policy->min_log10) {
		explain(res->reason, sizeof(res->reason), &w->pw, w->cover,
		    ncover, lang);
		goto done;
	}
	if ((int)pw->len < policy->ispc_min_length) {
		snprintf(res->reason, sizeof(res->reason), strength_msg(lang,
		    "ISPConfig needs at least %d characters"),
		    policy->ispc_min_length);
		goto done;
	}
	if (res->ispconfig < policy->ispc_min_strength) {
		snprintf(res->reason, sizeof(res->reason), strength_msg(lang,
		    "ISPConfig rates it \"%s\", below \"%s\": add capitals, "
		    "digits or symbols"),
		    strength_msg(lang, ispc_names[res->ispconfig]),
		    strength_msg(lang, ispc_names[policy->ispc_min_strength >
		    5 ? 5 : policy->ispc_min_strength]));
		goto done;
	}
	res->strong = 1;
 done:
	r = 0;
 out:
	sodium_memzero(&w->pw, offsetof(struct strength_pw, m));
	sodium_memzero(w->pw.m, w->pw.nm * sizeof(w->pw.m[0]));
	sodium_memzero(w->ctx, sizeof(w->ctx));
	sodium_memzero(w->cover, ncover * sizeof(w->cover[0]));
	return r;
}

/* see strength.h */
int
strength_bench_without_heldout(void)
{
	return strength_dict_without_heldout();
}

/* see strength.h */
void
strength_crack_time(double log10_guesses, double rate,
    enum strength_lang lang, char *buf, size_t len)
{
	/* After a number, with its blank: "centuries" alone is another
	 * text ("des siècles"). One of a unit takes the singular. */
	static const struct {
		double		 secs;
		const char	*one;
		const char	*many;
	} units[] = {
		{ 3153600000.0, " century", " centuries" },
		{ 31536000.0, " year", " years" },
		{ 2592000.0, " month", " months" },
		{ 86400.0, " day", " days" },
		{ 3600.0, " hour", " hours" },
		{ 60.0, " minute", " minutes" },
		{ 1.0, " second", " seconds" },
	};
	double s = pow(10.0, log10_guesses) / rate, n;
	size_t k;

	if (s < 1) {
		snprintf(buf, len, "%s", strength_msg(lang,
		    "less than a second"));
		return;
	}
	if (s >= 100 * units[0].secs) {
		snprintf(buf, len, "%s", strength_msg(lang, "centuries"));
		return;
	}
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (s >= units[k].secs)
			break;
	n = floor(s / units[k].secs + 0.5);
	snprintf(buf, len, "%.0f%s", n,
	    strength_msg(lang, n == 1 ? units[k].one : units[k].many));
}

/* see strength.h */
int
strength_format_batch(const struct strength_result *res, char *buf,
    size_t len)
{
	size_t k, start;
	int r;

	r = snprintf(buf, len, "%s\t%.1f\t", res->strong ? "strong" : "weak",
	    res->log10_guesses);
	if (r < 0 || (size_t)r >= len)
		return ISPM_EINTERNAL;
	start = r;
	if (!res->strong) {
		r = snprintf(buf + start, len - start, "%s", res->reason);
		if (r < 0 || (size_t)r >= len - start)
			return ISPM_EINTERNAL;
		for (k = start; buf[k] != '\0'; k++)
			if ((unsigned char)buf[k] < 0x20 || buf[k] == 0x7f)
				buf[k] = ' ';
	}
	return 0;
}
