/*
 * Candidate generation for the password audit.  All work is done on
 * ISO-8859-1 bytes: the word lists are converted once in cand_dict_new(),
 * which makes case changes, reversal and l33t simple byte operations and
 * gives exactly the bytes ISPConfig hashed.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "candidates.h"
#include "xmalloc.h"

/*
 * Bump when the rules or the phase table change: stored positions are
 * then meaningless and every account starts afresh.
 */
#define CAND_GEN_VERSION "ispmail-candidates-12"

/* At most this many context words per account. */
#define CTX_MAX_BASES 24

/*
 * The word-list phases give every account the same candidates (only
 * their positions move with the account's context), and some repeat an
 * earlier one: a walk that is a common password, Azerty capitalised as a
 * walk and as a common password, a two-digit suffix that is also a short
 * one.  The first SHARED_SCAN of them are looked at once per dictionary,
 * so that none is hashed twice: 2^19 is about 40 nights of 12,000
 * guesses per account, for 12 MB.  Beyond, repeats cost guesses, never a
 * find.
 */
#define SHARED_SCAN ((uint64_t)1 << 19)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum cand_case {
	CASE_ASIS,
	CASE_CAP,
	CASE_UPPER
};

struct rule {
	uint8_t	 xcase;
	uint8_t	 flags;		/* CAND_F_* */
	uint8_t	 sfx;		/* enum cand_suffix */
	uint8_t	 sfxlen;
	char	 suffix[8];
};

struct ruleset {
	struct rule	*v;
	size_t		 n;
};

/*
 * The rule sets, by how likely a human is to apply them.  Years come in
 * tiers around the current year (see year_tier()), so that a word's most
 * likely years are tried for many words before its unlikely ones.
 */
enum {
	RS_ASIS,	/* the word itself */
	RS_CASE,	/* Capitalised, UPPER */
	RS_SHORT,	/* short digit or symbol suffixes */
	RS_TOP,		/* a name's most likely forms */
	RS_REV,		/* reversed */
	RS_Y0,		/* this year, the last two, the next */
	RS_Y1,		/* the eight years before those */
	RS_YA,		/* birth years 1975..1995 */
	RS_YB,		/* the other years 1960..(this year - 11) */
	RS_YR,		/* the rest of 1950..2035 */
	RS_YEAR_HOT,	/* Y0, Y1, YA */
	RS_YEAR_REST,	/* YB, YR */
	RS_YEAR_BANG,	/* Capitalised + hot year + "!" */
	RS_DIG2,	/* two digits, which covers two-digit years */
	RS_LEET,	/* l33t with a few suffixes */
	RS_UPPER_YEAR,	/* UPPER + hot year */
	RS_DIG3,	/* three digits */
	RS_WALKSFX,	/* what follows keyboard walks */
	RS_DEEP,	/* LEET, UPPER_YEAR, DIG3 */
	RS_YY,		/* birth years' two digits (dupont85) */
	RS_DOT_YY,	/* the same after a dot (dupont.85) */
	RS_SYM,		/* a company's symbols (lesjardins#) */
	RS_Y0_SYM,	/* Y0 + those symbols (Lesjardins2026!) */
	RS_UPPER_SHORT,	/* UPPER + short suffixes (DUPONT!) */
	RS_REV_SHORT,	/* reversed + the commonest suffixes (tnopud1) */
	RS_DDMM,	/* a day of the year, day first (jean2512) */
	RS_NSETS
};

/*
 * Lists a phase draws from.  The account's context words are one list in
 * two parts: the person's (local part and display name) and the others
 * (domain labels, organisation); phase ranges are relative to the part.
 */
enum {
	L_CTXP,
	L_CTXO,
	L_COMMON,
	L_WALK,
	L_FR,
	L_EN,
	L_FIRST,
	L_NLISTS
};

#define L_IS_CTX(l) ((l) == L_CTXP || (l) == L_CTXO)

struct list {
	char		**w;	/* ISO-8859-1, NUL-terminated */
	uint8_t		*len;
	size_t		 n;
};

/* Open addressing set of 64-bit fingerprints with a 32-bit value. */
struct fpset {
	uint64_t	*keys;
	uint32_t	*vals;
	size_t		 mask;
};

struct cand_dict {
	struct list	 lists[L_NLISTS];	/* the L_CTX* unused */
	struct ruleset	 rs[RS_NSETS];
	struct fpset	 words;		/* the word lists' words */
	struct fpset	 shared;	/* fingerprint -> first shared pos */
	uint64_t	*sstart;	/* per phase: shared positions before */
	uint64_t	 fingerprint;
	int		 year;		/* the current year */
};

struct phase {
	int		 list;
	size_t		 from, to;	/* word range, clamped */
	int		 rs;
	uint64_t	 start, size;	/* positions */
};

/*
 * The stream, by estimated probability per guess: each phase is a word
 * list slice times a rule set, and the phases are ordered so that the
 * expected finds per guess (share of the class among weak passwords x
 * chance of the slice x chance of the rule, over the phase's size) mostly
 * decrease.  The model behind the order: a weak password is about as often
 * built on the account's own names as it is a top common password or a
 * dictionary word with a suffix; words are Zipf-distributed over their
 * rank; years cluster on the last few years and on birth years 1975..1995,
 * a birth year often cut to its two digits (dupont85); on a business
 * domain the company's name (Leroy1985, Centrale2024) is nearly as likely
 * a base as the person's, and gets a symbol after this year
 * (Centrale2026!) about as often as the person's name gets '!' after a
 * year, but only its first four forms (the label, joined, its first
 * pieces) get those 40 rules.  Backward walks (ytreza, poiuyt) are rarer
 * than forward ones but commoner than the less used lengths; the walks
 * after the first 40 with a suffix (poiuytreza1, azerty123!) are each
 * rarer than the first ones, but per guess about as likely as the person's
 * names with the less likely years, and likelier than the commonest French
 * words with birth years (in the ranked list, walks with a suffix weigh
 * about 30 times more than English words with a year).  The person's
 * names in upper case with a short suffix (DUPONT!) or reversed with one
 * (tnopud1) are rarer than with the rarest years, but take few guesses;
 * a birthday after the first four names (jean2512) is as likely as a
 * company's name with a year, but takes 732 guesses per name.  The whole
 * domain (lesjardins.fr) is the company's web address, a base like its
 * name.
 * A word list's rank ranges come in tiers (30,
 * 100, 300, 1000) and year tiers are crossed with word tiers, instead of
 * looping over all years of one word before the next word.  Ranges beyond
 * a list are clamped.  About 3,600 positions are what a 30-minute budget
 * gives each of 1,000 accounts on 2 cores; the table reaches that around
 * the French word tiers.
 */
static const struct {
	int	 list;
	size_t	 from, to;
	int	 rs;
} phase_table[] = {
	{ L_CTXP, 0, CTX_MAX_BASES, RS_TOP },
	{ L_COMMON, 0, 100, RS_ASIS },
	{ L_WALK, 0, 102, RS_ASIS },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_Y0 },
	{ L_FR, 0, 30, RS_Y0 },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_YA },
	{ L_COMMON, 100, 1000, RS_ASIS },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_TOP },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_Y0 },
	{ L_WALK, 0, 40, RS_WALKSFX },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_SHORT },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_Y1 },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_YY },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_YA },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_SYM },
	{ L_FR, 30, 100, RS_Y0 },
	{ L_FR, 0, 30, RS_Y1 },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_REV },
	{ L_WALK, 40, 117, RS_WALKSFX },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_YB },
	{ L_COMMON, 0, 100, RS_CASE },
	{ L_FR, 0, 30, RS_YA },
	{ L_FR, 0, 300, RS_ASIS },
	{ L_FIRST, 0, 300, RS_ASIS },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_DIG2 },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_YEAR_BANG },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_DOT_YY },
	{ L_CTXO, 0, 4, RS_Y0_SYM },
	{ L_FR, 100, 300, RS_Y0 },
	{ L_FR, 30, 100, RS_Y1 },
	{ L_FR, 0, 300, RS_CASE },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_YR },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_UPPER_SHORT },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_REV_SHORT },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_SHORT },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_YEAR_HOT },
	{ L_CTXP, 0, 4, RS_DDMM },
	{ L_FR, 30, 100, RS_YA },
	{ L_WALK, 102, 400, RS_ASIS },
	{ L_FR, 300, 1000, RS_Y0 },
	{ L_FR, 100, 300, RS_Y1 },
	{ L_FR, 0, 100, RS_YB },
	{ L_CTXP, 0, CTX_MAX_BASES, RS_DEEP },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_YEAR_REST },
	{ L_CTXO, 0, CTX_MAX_BASES, RS_DEEP },
	{ L_COMMON, 1000, 10000, RS_ASIS },
	{ L_FR, 100, 300, RS_YA },
	{ L_FR, 0, 300, RS_SHORT },
	{ L_FIRST, 0, 300, RS_YEAR_HOT },
	{ L_FR, 300, 1000, RS_Y1 },
	{ L_FR, 0, 1000, RS_DIG2 },
	{ L_FR, 300, 1000, RS_YA },
	{ L_FIRST, 0, 300, RS_SHORT },
	{ L_COMMON, 0, 1000, RS_SHORT },
	{ L_FR, 300, 20000, RS_ASIS },
	{ L_FR, 300, 20000, RS_CASE },
	{ L_EN, 0, 3000, RS_ASIS },
	{ L_EN, 0, 3000, RS_CASE },
	{ L_FR, 100, 1000, RS_YB },
	{ L_FR, 0, 1000, RS_YR },
	{ L_FR, 0, 1000, RS_YEAR_BANG },
	{ L_FIRST, 0, 3000, RS_DIG2 },
	{ L_FR, 0, 3000, RS_LEET },
	{ L_EN, 0, 1000, RS_YEAR_HOT },
	{ L_EN, 0, 1000, RS_SHORT },
	{ L_COMMON, 10000, 1000000, RS_ASIS },
	{ L_FR, 1000, 20000, RS_SHORT },
	{ L_FR, 1000, 20000, RS_YEAR_HOT },
	{ L_FIRST, 300, 20000, RS_YEAR_HOT },
	{ L_FR, 0, 5000, RS_DIG3 },
	{ L_EN, 0, 20000, RS_DIG2 },
};
#define NPHASES (sizeof(phase_table) / sizeof(phase_table[0]))

struct cand_gen {
	const struct cand_dict	*d;
	struct list		 ctx;		/* context words */
	size_t			 npers;	/* the person's words, first */
	uint8_t			 ctxsrc[CTX_MAX_BASES];
	struct fpset		 ctxset;	/* context candidate -> index */
	struct phase		 ph[NPHASES];
	uint64_t		 total;
	uint64_t		 pos;
	size_t			 cur;		/* phase of pos */
};

/* Short suffixes, by frequency in leaked French password lists. */
static const char *const short_sfx[] = {
	"1", "123", "!", "12", "2", "01", "1234", "0", "3", "13", "7", "69",
	"*", "11", "22", "00", "?", ".", "12345", "!!", "@", "59", "33", "31",
	"06", "75", "4", "5", "6", "8", "9", "10", "23", "007", "1!", "123!"
};

/*
 * The symbols a company's name gets alone or after a year, by frequency
 * (the same order as in short_sfx).
 */
static const char *const org_sym[] = { "!", "*", ".", "@", "#" };

/* Keyboard rows; walks are their substrings, forwards and backwards. */
static const char *const walk_rows[] = {
	"azertyuiop", "qwertyuiop", "1234567890", "qsdfghjklm", "asdfghjkl",
	"wxcvbn", "zxcvbnm", "&\xe9\"'(-\xe8_\xe7\xe0"
};

/* Column and zigzag walks that rows do not give. */
static const char *const walk_extra[] = {
	"azqswx", "aqwzsx", "qazwsx", "1qaz2wsx", "1q2w3e4r", "1a2z3e4r",
	"a1z2e3r4", "1q2w3e", "1a2z3e", "azeqsd", "azeqsdwxc", "qweasd",
	"qweasdzxc", "zaq12wsx", "azerty123", "qwerty123", "azertyuiop123",
	"aqzsedrf", "poiuytreza", "mlkjhgfdsq", "147258369", "159753",
	"147852", "741852963", "789456123", "123456789a", "0987654321"
};

/* ISO-8859-1 letters 0xC0..0xFF without their accent. */
static const char strip_map[64] =
    "AAAAAAACEEEEIIII" "DNOOOOO\xd7OUUUUYTs"
    "aaaaaaaceeeeiiii" "dnooooo\xf7ouuuuyty";

static uint8_t
lower1(uint8_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 0x20;
	return c;
}

static uint8_t
upper1(uint8_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7))
		return c - 0x20;
	return c;
}

static int
isalpha1(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xc0 && c != 0xd7 && c != 0xf7);
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

	while (cap < want * 2)
		cap <<= 1;
	s->keys = xcalloc(cap, sizeof(*s->keys));
	s->vals = xcalloc(cap, sizeof(*s->vals));
	s->mask = cap - 1;
}

static void
fpset_release(struct fpset *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

/* Inserts key unless present; the first value stays. */
static void
fpset_add(struct fpset *s, uint64_t key, uint32_t val)
{
	size_t i = key & s->mask;

	while (s->keys[i] != 0) {
		if (s->keys[i] == key)
			return;
		i = (i + 1) & s->mask;
	}
	s->keys[i] = key;
	s->vals[i] = val;
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

/* see candidates.h */
size_t
cand_to_latin1(const char *utf8, size_t len, char *out, size_t size)
{
	const uint8_t *s = (const uint8_t *)utf8;
	size_t i = 0, n = 0, need, k;
	uint32_t cp;
	uint8_t c;

	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			cp = c;
			need = 1;
		} else if ((c & 0xe0) == 0xc0 && c >= 0xc2) {
			cp = c & 0x1f;
			need = 2;
		} else if ((c & 0xf0) == 0xe0) {
			cp = c & 0x0f;
			need = 3;
		} else if ((c & 0xf8) == 0xf0 && c <= 0xf4) {
			cp = c & 0x07;
			need = 4;
		} else {
			cp = '?';
			need = 0;
		}
		for (k = 1; k < need; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				break;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (need == 0 || k < need) {
			/* An invalid byte stands for itself as '?'. */
			cp = '?';
			need = 1;
		} else if ((need == 3 && cp < 0x800) ||
		    (need == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			cp = '?';
		if (cp > 0xff)
			cp = '?';
		if (n + 1 < size)
			out[n] = (char)cp;
		n++;
		i += need;
	}
	if (size > 0)
		out[n < size ? n : size - 1] = '\0';
	return n;
}

static void
list_add(struct list *l, size_t *cap, const char *w, size_t len)
{
	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		l->w = xreallocarray(l->w, *cap, sizeof(*l->w));
		l->len = xreallocarray(l->len, *cap, sizeof(*l->len));
	}
	l->w[l->n] = xstrndup(w, len);
	l->len[l->n] = (uint8_t)len;
	l->n++;
}

static void
list_release(struct list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->w[i]);
	free(l->w);
	free(l->len);
	memset(l, 0, sizeof(*l));
}

/* Converts a word list, dropping empty and over-long words. */
static void
list_from_words(struct list *l, const struct wordlist *wl)
{
	char buf[CAND_MAX + 1];
	size_t i, n, cap = 0;

	for (i = 0; i < wl->n; i++) {
		if (wl->words[i] == NULL)
			continue;
		n = cand_to_latin1(wl->words[i], strlen(wl->words[i]), buf,
		    sizeof(buf));
		if (n == 0 || n > CAND_MAX)
			continue;
		list_add(l, &cap, buf, n);
	}
}

static void
rs_add(struct ruleset *rs, size_t *cap, int xcase, int flags, int sfx,
    const char *suffix)
{
	struct rule *r;

	if (rs->n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		rs->v = xreallocarray(rs->v, *cap, sizeof(*rs->v));
	}
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof(*r));
	r->xcase = xcase;
	r->flags = flags;
	r->sfx = sfx;
	r->sfxlen = strlen(suffix);
	memcpy(r->suffix, suffix, r->sfxlen);
}

static int
suffix_kind(const char *s)
{
	int digits = 0, other = 0;

	for (; *s != '\0'; s++) {
		if (isdigit1((uint8_t)*s))
			digits = 1;
		else
			other = 1;
	}
	if (!digits)
		return other ? CAND_SFX_SYMBOL : CAND_SFX_NONE;
	return other ? CAND_SFX_SYMBOL : CAND_SFX_DIGITS;
}

/*
 * The tier of year y when it is now year now: the RS_Y* set it belongs
 * to, or -1 outside 1950..2035 (and now + 1).
 */
static int
year_tier(int y, int now)
{
	if (y < 1950 || (y > 2035 && y > now + 1))
		return -1;
	if (y <= now + 1 && y >= now - 2)
		return RS_Y0;
	if (y < now - 2 && y >= now - 10)
		return RS_Y1;
	if (y >= 1975 && y <= 1995)
		return RS_YA;
	if (y >= 1960 && y < now - 10)
		return RS_YB;
	return RS_YR;
}

/*
 * The years of tier, most likely first: from now backwards, then the
 * future; birth years from the middle of their band outwards.
 */
static size_t
tier_years(int tier, int now, int *out, size_t max)
{
	size_t n = 0;
	int y, k;

	if (tier == RS_YA) {
		for (k = 0; k <= 10 && n + 1 < max; k++) {
			out[n++] = 1985 - k;
			if (k > 0)
				out[n++] = 1985 + k;
		}
		return n;
	}
	for (y = now + 1 > 2035 ? now + 1 : 2035; y >= 1950 && n < max; y--)
		if (year_tier(y, now) == tier && y <= now)
			out[n++] = y;
	for (y = now + 1; y <= 2035 || y == now + 1; y++)
		if (n < max && year_tier(y, now) == tier)
			out[n++] = y;
	return n;
}

static void
rs_years(struct ruleset *rs, size_t *cap, int tier, int now, int xcase_max,
    const char *after)
{
	char buf[16];
	int years[128];
	size_t i, n;
	int c;

	n = tier_years(tier, now, years, sizeof(years) / sizeof(*years));
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%d%s", years[i], after);
		for (c = CASE_ASIS; c <= xcase_max; c++)
			rs_add(rs, cap, c, 0, *after ? CAND_SFX_YEAR_SYMBOL :
			    CAND_SFX_YEAR, buf);
	}
}

/*
 * The two digits of the birth years, most likely first, after before:
 * people who add a birth year often keep only its last two digits.
 */
static void
rs_years2(struct ruleset *rs, size_t *cap, int now, const char *before)
{
	char buf[16];
	int years[128];
	size_t i, n;
	int c;

	n = tier_years(RS_YA, now, years, sizeof(years) / sizeof(*years));
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%s%02d", before, years[i] % 100);
		for (c = CASE_ASIS; c <= CASE_CAP; c++)
			rs_add(rs, cap, c, 0, *before ? CAND_SFX_YEAR_SYMBOL :
			    CAND_SFX_YEAR, buf);
	}
}

/*
 * Appends, for each of the n suffixes in turn, one rule per case from
 * xcase to xcase_max, with flags.
 */
static void
rs_suffixes(struct ruleset *rs, size_t *cap, int xcase, int xcase_max,
    int flags, const char *const *sfx, size_t n)
{
	size_t j;
	int c;

	for (j = 0; j < n; j++)
		for (c = xcase; c <= xcase_max; c++)
			rs_add(rs, cap, c, flags, suffix_kind(sfx[j]), sfx[j]);
}

/* Appends the rules of set src to set dst. */
static void
rs_cat(struct ruleset *dst, size_t *cap, const struct ruleset *src)
{
	size_t k;

	for (k = 0; k < src->n; k++)
		rs_add(dst, cap, src->v[k].xcase, src->v[k].flags,
		    src->v[k].sfx, src->v[k].suffix);
}

static void
rules_build(struct cand_dict *d)
{
	struct ruleset *rs;
	size_t cap, i, j;
	char buf[8];
	int c, now = d->year;
	static const char *const leet_sfx[] = { "", "1", "!", "123" };
	static const char *const walk_sfx[] = { "", "1", "!", "123", "12" };
	static const size_t mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	/* A name's likeliest forms: as typed, with 1, 123, !, 12, 01. */
	static const struct {
		int	 xcase;
		const char *sfx;
	} top[] = {
		{ CASE_ASIS, "" }, { CASE_CAP, "" }, { CASE_ASIS, "123" },
		{ CASE_ASIS, "1" }, { CASE_CAP, "123" }, { CASE_CAP, "1" },
		{ CASE_ASIS, "!" }, { CASE_CAP, "!" }, { CASE_UPPER, "" },
		{ CASE_ASIS, "12" }, { CASE_ASIS, "01" }, { CASE_CAP, "12" },
		{ CASE_CAP, "01" }, { CASE_ASIS, "1234" }, { CASE_CAP, "1234" },
		{ CASE_ASIS, "123!" }, { CASE_CAP, "123!" },
		{ CASE_UPPER, "1" }, { CASE_UPPER, "123" }
	};

	for (i = 0; i < RS_NSETS; i++) {
		rs = &d->rs[i];
		cap = 0;
		switch (i) {
		case RS_ASIS:
			rs_add(rs, &cap, CASE_ASIS, 0, CAND_SFX_NONE, "");
			break;
		case RS_CASE:
			rs_add(rs, &cap, CASE_CAP, 0, CAND_SFX_NONE, "");
			rs_add(rs, &cap, CASE_UPPER, 0, CAND_SFX_NONE, "");
			break;
		case RS_SHORT:
			rs_suffixes(rs, &cap, CASE_ASIS, CASE_CAP, 0, short_sfx,
			    NELEM(short_sfx));
			break;
		case RS_TOP:
			for (j = 0; j < NELEM(top); j++)
				rs_add(rs, &cap, top[j].xcase, 0,
				    suffix_kind(top[j].sfx), top[j].sfx);
			break;
		case RS_REV:
			rs_add(rs, &cap, CASE_ASIS, CAND_F_REVERSED,
			    CAND_SFX_NONE, "");
			rs_add(rs, &cap, CASE_CAP, CAND_F_REVERSED,
			    CAND_SFX_NONE, "");
			break;
		case RS_Y0:
		case RS_Y1:
		case RS_YA:
		case RS_YB:
		case RS_YR:
			rs_years(rs, &cap, (int)i, now, CASE_CAP, "");
			break;
		case RS_YEAR_HOT:
			rs_cat(rs, &cap, &d->rs[RS_Y0]);
			rs_cat(rs, &cap, &d->rs[RS_Y1]);
			rs_cat(rs, &cap, &d->rs[RS_YA]);
			break;
		case RS_YEAR_REST:
			rs_cat(rs, &cap, &d->rs[RS_YB]);
			rs_cat(rs, &cap, &d->rs[RS_YR]);
			break;
		case RS_YEAR_BANG:
			rs_years(rs, &cap, RS_Y0, now, CASE_CAP, "!");
			rs_years(rs, &cap, RS_Y1, now, CASE_CAP, "!");
			rs_years(rs, &cap, RS_YA, now, CASE_CAP, "!");
			break;
		case RS_DIG2:
			for (j = 0; j < 100; j++) {
				snprintf(buf, sizeof(buf), "%02zu", j);
				for (c = CASE_ASIS; c <= CASE_CAP; c++)
					rs_add(rs, &cap, c, 0,
					    CAND_SFX_DIGITS, buf);
			}
			break;
		case RS_LEET:
			rs_suffixes(rs, &cap, CASE_ASIS, CASE_CAP, CAND_F_LEET,
			    leet_sfx, NELEM(leet_sfx));
			break;
		case RS_UPPER_YEAR:
			rs_years(rs, &cap, RS_Y0, now, CASE_ASIS, "");
			rs_years(rs, &cap, RS_Y1, now, CASE_ASIS, "");
			rs_years(rs, &cap, RS_YA, now, CASE_ASIS, "");
			for (j = 0; j < rs->n; j++)
				rs->v[j].xcase = CASE_UPPER;
			break;
		case RS_DIG3:
			for (j = 0; j < 1000; j++) {
				snprintf(buf, sizeof(buf), "%03zu", j);
				rs_add(rs, &cap, CASE_ASIS, 0,
				    CAND_SFX_DIGITS, buf);
			}
			break;
		case RS_WALKSFX:
			for (j = 0; j < 5; j++)
				for (c = CASE_ASIS; c <= CASE_CAP; c++)
					if (j != 0 || c != CASE_ASIS)
						rs_add(rs, &cap, c, 0,
						    suffix_kind(walk_sfx[j]),
						    walk_sfx[j]);
			break;
		case RS_DEEP:
			rs_cat(rs, &cap, &d->rs[RS_LEET]);
			rs_cat(rs, &cap, &d->rs[RS_UPPER_YEAR]);
			rs_cat(rs, &cap, &d->rs[RS_DIG3]);
			break;
		case RS_YY:
			rs_years2(rs, &cap, now, "");
			break;
		case RS_DOT_YY:
			rs_years2(rs, &cap, now, ".");
			break;
		case RS_SYM:
			rs_suffixes(rs, &cap, CASE_ASIS, CASE_CAP, 0, org_sym,
			    NELEM(org_sym));
			break;
		case RS_Y0_SYM:
			for (j = 0; j < NELEM(org_sym); j++)
				rs_years(rs, &cap, RS_Y0, now, CASE_CAP,
				    org_sym[j]);
			break;
		case RS_UPPER_SHORT:
			rs_suffixes(rs, &cap, CASE_UPPER, CASE_UPPER, 0,
			    short_sfx, NELEM(short_sfx));
			break;
		case RS_REV_SHORT:
			rs_suffixes(rs, &cap, CASE_ASIS, CASE_CAP,
			    CAND_F_REVERSED, short_sfx, 5);
			break;
		case RS_DDMM:
			for (j = 0; j < 12 * 31; j++) {
				if (j % 31 >= mdays[j / 31])
					continue;
				snprintf(buf, sizeof(buf), "%02zu%02zu",
				    j % 31 + 1, j / 31 + 1);
				for (c = CASE_ASIS; c <= CASE_CAP; c++)
					rs_add(rs, &cap, c, 0,
					    CAND_SFX_DIGITS, buf);
			}
			break;
		}
	}
}

/* Adds w unless seen. */
static void
walk_add(struct list *l, size_t *cap, struct fpset *seen, const char *w,
    size_t len)
{
	uint64_t h = fnv1a(w, len);
	uint32_t v;

	if (fpset_get(seen, h, &v))
		return;
	fpset_add(seen, h, 0);
	list_add(l, cap, w, len);
}

/*
 * Adds, for each row, the walk of len keys that begins start keys from
 * its first key (azerty), or backwards: the same keys typed in reverse
 * (ytreza) and the walk that begins start keys from its last key
 * (poiuyt).
 */
static void
walks_add_len(struct list *l, size_t *cap, struct fpset *seen, size_t start,
    size_t len, int backwards)
{
	char buf[CAND_MAX + 1];
	const char *row;
	size_t r, n, k;

	for (r = 0; r < sizeof(walk_rows) / sizeof(*walk_rows); r++) {
		row = walk_rows[r];
		n = strlen(row);
		if (start + len > n)
			continue;
		if (!backwards) {
			walk_add(l, cap, seen, row + start, len);
			continue;
		}
		for (k = 0; k < len; k++)
			buf[k] = row[start + len - 1 - k];
		walk_add(l, cap, seen, buf, len);
		for (k = 0; k < len; k++)
			buf[k] = row[n - 1 - start - k];
		walk_add(l, cap, seen, buf, len);
	}
}

static void
walks_build(struct list *l)
{
	static const size_t lens[] = { 6, 10, 4, 8, 5, 7, 9, 11, 12 };
	/* lens[0 .. ntop): the lengths people use most. */
	const size_t nlens = sizeof(lens) / sizeof(*lens), ntop = 4;
	size_t cap = 0, li, lo, hi, start, k;
	struct fpset seen;
	int back;

	fpset_init(&seen, 4096);
	/*
	 * Walks that start at a row's first key come first, the whole row
	 * (azertyuiop) among the first, then the famous zigzags after the
	 * lengths people use most (6, 10, 4, 8), then the same lengths
	 * backwards, which leaked lists show less often than forwards but
	 * more often than the other lengths; then the other lengths,
	 * forwards and backwards, and the walks from the other keys.
	 */
	for (start = 0; start < 10; start++)
		for (lo = 0; lo < nlens; lo = hi) {
			hi = lo == 0 ? ntop : nlens;
			for (back = 0; back < 2; back++)
				for (li = lo; li < hi; li++) {
					walks_add_len(l, &cap, &seen, start,
					    lens[li], back);
					if (start != 0 || back || lens[li] != 8)
						continue;
					for (k = 0; k < sizeof(walk_extra) /
					    sizeof(*walk_extra); k++)
						walk_add(l, &cap, &seen,
						    walk_extra[k],
						    strlen(walk_extra[k]));
				}
		}
	fpset_release(&seen);
}

static void
fp_update(crypto_generichash_state *st, const struct list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		crypto_generichash_update(st, (const unsigned char *)l->w[i],
		    l->len[i] + 1);
	crypto_generichash_update(st, (const unsigned char *)"\n", 1);
}

/*
 * The word range of phase i over list items [lo, hi): the table's range,
 * relative to lo, clamped.
 */
static void
phase_bounds(size_t i, size_t lo, size_t hi, size_t *from, size_t *to)
{
	*from = lo + phase_table[i].from < hi ? lo + phase_table[i].from : hi;
	*to = lo + phase_table[i].to < hi ? lo + phase_table[i].to : hi;
}

static int build(const char *w, size_t len, const struct rule *r,
    struct cand *c);

/*
 * Lays the word-list phases end to end ("shared positions") and records
 * where each of the first SHARED_SCAN candidates first appears.
 */
static void
shared_scan(struct cand_dict *d)
{
	const struct list *l;
	const struct ruleset *rs;
	struct cand c;
	uint64_t sp = 0, j, size;
	size_t i, from, to, nw;

	d->sstart = xcalloc(NPHASES, sizeof(*d->sstart));
	for (i = 0; i < NPHASES; i++) {
		d->sstart[i] = sp;
		if (L_IS_CTX(phase_table[i].list))
			continue;
		phase_bounds(i, 0, d->lists[phase_table[i].list].n, &from, &to);
		sp += (uint64_t)(to - from) * d->rs[phase_table[i].rs].n;
	}
	fpset_init(&d->shared, sp < SHARED_SCAN ? sp : SHARED_SCAN);
	for (i = 0; i < NPHASES && d->sstart[i] < SHARED_SCAN; i++) {
		if (L_IS_CTX(phase_table[i].list))
			continue;
		l = &d->lists[phase_table[i].list];
		rs = &d->rs[phase_table[i].rs];
		phase_bounds(i, 0, l->n, &from, &to);
		if ((nw = to - from) == 0)
			continue;
		size = (uint64_t)nw * rs->n;
		for (j = 0; j < size && d->sstart[i] + j < SHARED_SCAN; j++)
			if (build(l->w[from + j % nw], l->len[from + j % nw],
			    &rs->v[j / nw], &c))
				fpset_add(&d->shared, fnv1a(c.buf, c.len),
				    (uint32_t)(d->sstart[i] + j));
	}
	sodium_memzero(&c, sizeof(c));
}

/* see candidates.h */
struct cand_dict *
cand_dict_new(const struct cand_lists *lists)
{
	struct cand_dict *d;
	struct list fr, en;
	struct fpset common;
	size_t cap = 0, i, j, k;
	crypto_generichash_state st;
	unsigned char fp[8];
	char ybuf[16];
	uint32_t dummy;
	uint64_t h;

	d = xcalloc(1, sizeof(*d));
	d->year = lists->year;
	if (d->year == 0) {
		time_t t = time(NULL);
		struct tm tm;

		d->year = gmtime_r(&t, &tm) != NULL ? tm.tm_year + 1900 : 2025;
	}
	rules_build(d);
	walks_build(&d->lists[L_WALK]);
	list_from_words(&d->lists[L_FR], &lists->words_fr);
	list_from_words(&d->lists[L_EN], &lists->words_en);
	list_from_words(&d->lists[L_FIRST], &lists->firstnames);

	/*
	 * French first, but the worldwide favourites (123456, password)
	 * are common in France too: take two French for one English.
	 */
	memset(&fr, 0, sizeof(fr));
	memset(&en, 0, sizeof(en));
	list_from_words(&fr, &lists->common_fr);
	list_from_words(&en, &lists->common_en);
	fpset_init(&common, fr.n + en.n);
	for (i = j = 0; i < fr.n || j < en.n;) {
		const char *w;
		size_t len;

		if (i < fr.n && (j >= en.n || i < 2 * j + 2)) {
			w = fr.w[i];
			len = fr.len[i++];
		} else {
			w = en.w[j];
			len = en.len[j++];
		}
		h = fnv1a(w, len);
		if (fpset_get(&common, h, &dummy))
			continue;
		fpset_add(&common, h, 0);
		list_add(&d->lists[L_COMMON], &cap, w, len);
	}
	list_release(&fr);
	list_release(&en);
	fpset_release(&common);
	fpset_init(&d->words, d->lists[L_FR].n + d->lists[L_EN].n +
	    d->lists[L_FIRST].n);
	for (k = L_FR; k <= L_FIRST; k++)
		for (i = 0; i < d->lists[k].n; i++)
			fpset_add(&d->words, fnv1a(d->lists[k].w[i],
			    d->lists[k].len[i]), 0);

	shared_scan(d);

	crypto_generichash_init(&st, NULL, 0, sizeof(fp));
	crypto_generichash_update(&st, (const unsigned char *)CAND_GEN_VERSION,
	    sizeof(CAND_GEN_VERSION));
	/* The year tiers move on 1 January: every account starts afresh. */
	snprintf(ybuf, sizeof(ybuf), "%d", d->year);
	crypto_generichash_update(&st, (const unsigned char *)ybuf,
	    strlen(ybuf) + 1);
	for (k = L_COMMON; k < L_NLISTS; k++)
		fp_update(&st, &d->lists[k]);
	crypto_generichash_final(&st, fp, sizeof(fp));
	for (d->fingerprint = 0, k = 0; k < sizeof(fp); k++)
		d->fingerprint = d->fingerprint << 8 | fp[k];
	return d;
}

/* see candidates.h */
void
cand_dict_free(struct cand_dict *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < L_NLISTS; i++)
		list_release(&d->lists[i]);
	for (i = 0; i < RS_NSETS; i++)
		free(d->rs[i].v);
	fpset_release(&d->shared);
	free(d->sstart);
	fpset_release(&d->words);
	free(d);
}

/* see candidates.h */
int
cand_dict_has_word(const struct cand_dict *d, const char *utf8)
{
	char buf[CAND_MAX + 1];
	size_t n;
	uint32_t v;

	n = cand_to_latin1(utf8, strlen(utf8), buf, sizeof(buf));
	return n <= CAND_MAX && fpset_get(&d->words, fnv1a(buf, n), &v);
}

/* see candidates.h */
uint64_t
cand_dict_fingerprint(const struct cand_dict *d)
{
	return d->fingerprint;
}

/* Adds a context word, lower-cased, unless present or too short. */
static void
ctx_add1(struct cand_gen *g, size_t *cap, const char *buf, size_t len,
    int src)
{
	size_t i;

	if (len < 2 || len > CAND_MAX || g->ctx.n >= CTX_MAX_BASES)
		return;
	for (i = 0; i < g->ctx.n; i++)
		if (g->ctx.len[i] == len && memcmp(g->ctx.w[i], buf, len) == 0)
			return;
	g->ctxsrc[g->ctx.n] = (uint8_t)src;
	list_add(&g->ctx, cap, buf, len);
}

/* Adds w lower-cased and, when it has accents, without them. */
static void
ctx_add(struct cand_gen *g, size_t *cap, const uint8_t *w, size_t len,
    int src)
{
	char buf[CAND_MAX + 1];
	size_t i;
	int accents = 0;

	if (len > CAND_MAX)
		return;
	for (i = 0; i < len; i++)
		buf[i] = (char)lower1(w[i]);
	buf[len] = '\0';
	ctx_add1(g, cap, buf, len, src);
	for (i = 0; i < len; i++)
		if ((uint8_t)buf[i] >= 0xc0) {
			buf[i] = strip_map[(uint8_t)buf[i] - 0xc0];
			accents = 1;
		}
	if (accents)
		ctx_add1(g, cap, buf, len, src);
}

/*
 * Adds s (whole: as it is), its letters and digits without separators,
 * its letters alone, each run of letters, and initial + last run
 * (jean.dupont: jdupont).
 */
static void
ctx_add_words(struct cand_gen *g, size_t *cap, const char *utf8, size_t ulen,
    int src, int whole)
{
	char s[CAND_MAX * 4 + 1];
	uint8_t buf[CAND_MAX * 4] = { 0 };
	size_t n, i, j, nb, start, last = 0, npieces = 0;

	n = cand_to_latin1(utf8, ulen, s, sizeof(s));
	if (n >= sizeof(s))
		n = sizeof(s) - 1;
	if (whole)
		ctx_add(g, cap, (const uint8_t *)s, n, src);
	for (i = nb = 0; i < n; i++)
		if (isalpha1((uint8_t)s[i]) || isdigit1((uint8_t)s[i]))
			buf[nb++] = (uint8_t)s[i];
	ctx_add(g, cap, buf, nb, src);
	for (i = nb = 0; i < n; i++)
		if (isalpha1((uint8_t)s[i]))
			buf[nb++] = (uint8_t)s[i];
	ctx_add(g, cap, buf, nb, src);
	for (i = 0; i < n; i = j) {
		for (; i < n && !isalpha1((uint8_t)s[i]); i++)
			;
		for (start = i, j = i; j < n && isalpha1((uint8_t)s[j]); j++)
			;
		if (j > start) {
			ctx_add(g, cap, (const uint8_t *)s + start, j - start,
			    src);
			npieces++;
			last = start;
		}
	}
	if (npieces >= 2) {
		for (i = 0; !isalpha1((uint8_t)s[i]); i++)
			;
		buf[0] = (uint8_t)s[i];
		for (nb = 1, j = last; j < n && isalpha1((uint8_t)s[j]); j++)
			buf[nb++] = (uint8_t)s[j];
		ctx_add(g, cap, buf, nb, src);
		/* A name also comes surname first (dupontjean). */
		for (nb = 0, j = last; j < n && isalpha1((uint8_t)s[j]); j++)
			buf[nb++] = (uint8_t)s[j];
		for (j = i; j < n && isalpha1((uint8_t)s[j]); j++)
			buf[nb++] = (uint8_t)s[j];
		ctx_add(g, cap, buf, nb, src);
	}
}

/*
 * Builds one candidate from word w and rule r into c; 0 if too long or a
 * repeat.
 */
static int
build(const char *w, size_t len, const struct rule *r, struct cand *c)
{
	static const char leet[256] = {
		['a'] = '@', ['e'] = '3', ['i'] = '1', ['o'] = '0',
		['s'] = '5', ['A'] = '@', ['E'] = '3', ['I'] = '1',
		['O'] = '0', ['S'] = '5'
	};
	uint8_t *b = (uint8_t *)c->buf;
	size_t i;
	int changed;

	if (len + r->sfxlen > CAND_MAX)
		return 0;
	for (i = 0; i < len; i++)
		b[i] = (uint8_t)w[(r->flags & CAND_F_REVERSED) ?
		    len - 1 - i : i];
	/*
	 * A case change that changes nothing (123456, a capitalised name)
	 * repeats the as-is rule with the same suffix, which every rule set
	 * or an earlier phase of the same list tries first: skipped.
	 */
	switch (r->xcase) {
	case CASE_CAP:
		if (len == 0 || upper1(b[0]) == b[0])
			return 0;
		b[0] = upper1(b[0]);
		break;
	case CASE_UPPER:
		for (i = 0, changed = 0; i < len; i++) {
			changed |= upper1(b[i]) != b[i];
			b[i] = upper1(b[i]);
		}
		if (!changed)
			return 0;
		break;
	}
	if (r->flags & CAND_F_LEET)
		for (i = 0; i < len; i++)
			if (leet[b[i]] != 0)
				b[i] = (uint8_t)leet[b[i]];
	memcpy(b + len, r->suffix, r->sfxlen);
	c->len = len + r->sfxlen;
	b[c->len] = '\0';
	return 1;
}

/* see candidates.h */
struct cand_gen *
cand_gen_new(const struct cand_dict *d, const struct cand_context *ctx)
{
	struct cand_gen *g;
	struct cand c;
	size_t cap = 0, i, k, nw, ctxn = 0;
	uint64_t start = 0;
	const char *at, *dom, *dot;

	g = xcalloc(1, sizeof(*g));
	g->d = d;
	/* The person's words first: the local part, then the name. */
	at = ctx->email != NULL ? strrchr(ctx->email, '@') : NULL;
	if (ctx->email != NULL)
		ctx_add_words(g, &cap, ctx->email, at != NULL ?
		    (size_t)(at - ctx->email) : strlen(ctx->email),
		    CAND_SRC_LOCAL, 1);
	if (ctx->name != NULL)
		ctx_add_words(g, &cap, ctx->name, strlen(ctx->name),
		    CAND_SRC_NAME, 0);
	g->npers = g->ctx.n;
	if (at != NULL) {
		/* Every label but the top-level one. */
		dom = at + 1;
		while ((dot = strchr(dom, '.')) != NULL) {
			ctx_add_words(g, &cap, dom, (size_t)(dot - dom),
			    CAND_SRC_DOMAIN, 1);
			dom = dot + 1;
		}
		/* Then the whole domain, the company's web address. */
		k = cand_to_latin1(at + 1, strlen(at + 1), c.buf,
		    sizeof(c.buf));
		if (k < sizeof(c.buf) && strchr(at + 1, '.') != NULL)
			ctx_add(g, &cap, (const uint8_t *)c.buf, k,
			    CAND_SRC_DOMAIN);
	}
	if (ctx->org != NULL)
		ctx_add_words(g, &cap, ctx->org, strlen(ctx->org),
		    CAND_SRC_ORG, 0);

	for (i = 0; i < NPHASES; i++) {
		struct phase *p = &g->ph[i];
		const struct list *l = L_IS_CTX(phase_table[i].list) ?
		    &g->ctx : &d->lists[phase_table[i].list];
		size_t lo = 0, hi = l->n;

		/* The context's parts: [0, npers) and [npers, n). */
		if (phase_table[i].list == L_CTXP)
			hi = g->npers;
		else if (phase_table[i].list == L_CTXO)
			lo = g->npers;
		p->list = phase_table[i].list;
		p->rs = phase_table[i].rs;
		phase_bounds(i, lo, hi, &p->from, &p->to);
		p->start = start;
		p->size = (uint64_t)(p->to - p->from) * d->rs[p->rs].n;
		start += p->size;
		if (L_IS_CTX(p->list))
			ctxn += p->size;
	}
	g->total = start;

	/*
	 * Remember where each context candidate first appears, so that
	 * later phases skip what the context already tried and the context
	 * itself skips repeats ("Jean" from both the address and the name).
	 */
	fpset_init(&g->ctxset, ctxn);
	for (i = 0; i < NPHASES; i++) {
		const struct phase *p = &g->ph[i];
		const struct ruleset *rs = &d->rs[p->rs];
		uint64_t j;

		if (!L_IS_CTX(p->list) || p->size == 0)
			continue;
		nw = p->to - p->from;
		for (j = 0; j < p->size; j++) {
			k = p->from + j % nw;
			if (!build(g->ctx.w[k], g->ctx.len[k],
			    &rs->v[j / nw], &c))
				continue;
			/* Context phases all lie in the first 2^32. */
			if (p->start + j >= UINT32_MAX)
				break;
			fpset_add(&g->ctxset, fnv1a(c.buf, c.len),
			    (uint32_t)(p->start + j));
		}
	}
	sodium_memzero(&c, sizeof(c));
	return g;
}

/* see candidates.h */
void
cand_gen_free(struct cand_gen *g)
{
	if (g == NULL)
		return;
	list_release(&g->ctx);
	fpset_release(&g->ctxset);
	free(g);
}

/* see candidates.h */
uint64_t
cand_gen_total(const struct cand_gen *g)
{
	return g->total;
}

/* see candidates.h */
void
cand_gen_seek(struct cand_gen *g, uint64_t pos)
{
	size_t i;

	if (pos > g->total)
		pos = g->total;
	g->pos = pos;
	for (i = 0; i < NPHASES && g->ph[i].start + g->ph[i].size <= pos; i++)
		;
	g->cur = i;
}

/* see candidates.h */
uint64_t
cand_gen_pos(const struct cand_gen *g)
{
	return g->pos;
}

static uint32_t
common_tier(uint32_t rank)
{
	if (rank < 100)
		return 0;
	if (rank < 1000)
		return 1;
	if (rank < 10000)
		return 2;
	return 3;
}

/* The position in g's stream of shared position sp. */
static uint64_t
shared_pos(const struct cand_gen *g, uint32_t sp)
{
	const uint64_t *s = g->d->sstart;
	size_t k;

	for (k = 0; k + 1 < NPHASES && s[k + 1] <= sp; k++)
		;
	return g->ph[k].start + (sp - s[k]);
}

/* see candidates.h */
int
cand_gen_next(struct cand_gen *g, struct cand *c)
{
	const struct cand_dict *d = g->d;
	const struct phase *p;
	const struct list *l;
	const struct rule *r;
	uint64_t idx, h;
	size_t nw, k;
	uint32_t val, tier;
	int src;

	for (;;) {
		while (g->cur < NPHASES &&
		    g->pos >= g->ph[g->cur].start + g->ph[g->cur].size)
			g->cur++;
		if (g->cur >= NPHASES)
			return 0;
		p = &g->ph[g->cur];
		l = L_IS_CTX(p->list) ? &g->ctx : &d->lists[p->list];
		idx = g->pos - p->start;
		nw = p->to - p->from;
		k = p->from + idx % nw;
		r = &d->rs[p->rs].v[idx / nw];
		c->pos = g->pos++;
		if (!build(l->w[k], l->len[k], r, c))
			continue;
		h = fnv1a(c->buf, c->len);
		if (fpset_get(&g->ctxset, h, &val) && val < c->pos)
			continue;
		tier = 0;
		switch (p->list) {
		case L_CTXP:
		case L_CTXO:
			src = g->ctxsrc[k];
			break;
		case L_COMMON:
			src = CAND_SRC_COMMON;
			tier = common_tier((uint32_t)k);
			break;
		case L_WALK:
			src = CAND_SRC_WALK;
			break;
		case L_FR:
			src = CAND_SRC_WORD_FR;
			break;
		case L_EN:
			src = CAND_SRC_WORD_EN;
			break;
		default:
			src = CAND_SRC_FIRSTNAME;
			break;
		}
		/*
		 * A word-list candidate that came earlier, and a context one
		 * a word-list phase made earlier (marie123 as a common
		 * password).  Looked up here rather than when the generator
		 * is built: the audit builds it again every round.
		 */
		if (fpset_get(&d->shared, h, &val) && shared_pos(g, val) <
		    c->pos)
			continue;
		c->tag = CAND_TAG(src, r->sfx, r->flags, tier);
		return 1;
	}
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
