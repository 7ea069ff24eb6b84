/*
 * The pattern matchers of the strength estimator: ranked dictionaries (also
 * reversed and with l33t undone), context words, keyboard walks, sequences,
 * repeats, dates and years. Each match carries its own price in log10
 * guesses, as zxcvbn's scoring does; strength.c chooses the cheapest cover.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "err.h"
#include "strength-int.h"
#include "strength-model.h"

/* The index is built once: 2 MB of slots for ~311,000 words. */
#define SD_SLOTS	(1U << 19)
#define SD_CKSTEP	8
/* The floor for a dictionary match inside a longer password, log10; zxcvbn's
 * 50 made "et" in "marieetpierre" cost as much as a rare word. */
#define SD_MIN_SUBMATCH	SMODEL_INSIDE_MIN
/*
 * The short words French phrases, names of towns and couples are joined
 * with ("cestlavie", "saintgermainenlaye", "marieetpaul"): a few dozen,
 * and where they go is all but given by the words around them, so each
 * costs about three guesses and adds no part of its own (SM_GLUE). Only
 * as written (no l33t, not reversed, in a case people type, see
 * glue_case()) and next to a letter.
 */
#define SD_GLUE_COST	0.5
static const char *const sd_glue[] = {
	"la", "le", "les", "de", "du", "des", "et", "est", "en", "sur",
	"saint", "sainte", "sous", "vie", "ici", "cest", "au", "aux",
	"mon", "ma", "mes", "ton", "ta", "toi", "moi", "je", "tu", "un",
	"une", "pour", "tout",
};
#define SD_NGLUE (sizeof(sd_glue) / sizeof(sd_glue[0]))
static uint64_t sd_glue_packed[SD_NGLUE];	/* sd_pack() of each */
static uint64_t sd_pack(const unsigned char *, size_t);
#define SD_MIDDLE_RUN	0.5	/* see match_repeat() */
#define SD_MIN_YEARS	20

static uint32_t *sd_slot;	/* tag << 24 | (offset + 1) */
static uint32_t *sd_ck;		/* offset of word k * SD_CKSTEP */
static size_t sd_nck;
static size_t sd_first[SD_NDICTS];	/* global index of each first word */
/* Every three-character start of a word, so that a substring whose start
 * no word has stops the lookups at once (most of a random password). */
static uint8_t sd_start3[(64 * 64 * 64) / 8];
static uint8_t sd_word2[(64 * 64) / 8];	/* the two-letter words */
/* A one-hash Bloom filter of every start of 4+ characters of every word:
 * the index's slots are cache misses, and most substrings start no word. */
#define SD_BLOOM_BITS	(1U << 22)
static uint8_t *sd_bloom;
static int sd_ok;
static int sd_started;		/* sd_build() has begun */
static int sd_skip_heldout;	/* bench only, see strength-int.h */
static pthread_once_t sd_once = PTHREAD_ONCE_INIT;

static const struct strength_graph *const sd_graphs[] = {
	&strength_graph_azerty, &strength_graph_qwerty, &strength_graph_keypad
};
#define SD_NGRAPHS (sizeof(sd_graphs) / sizeof(sd_graphs[0]))
/* Per graph: row of each Latin-1 character (+1, 0 for none) and whether
 * the character is typed with shift. */
static uint8_t sd_row[SD_NGRAPHS][256];
static uint8_t sd_shifted[SD_NGRAPHS][256];

static unsigned int
sd_c6(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 1;
	if (c >= '0' && c <= '9')
		return c - '0' + 27;
	return 37 + c % 27;
}

static unsigned int
sd_p3(const unsigned char *s)
{
	return sd_c6(s[0]) << 12 | sd_c6(s[1]) << 6 | sd_c6(s[2]);
}

static void
sd_bloom_set(uint32_t h)
{
	h = (h >> 6) & (SD_BLOOM_BITS - 1);
	sd_bloom[h / 8] |= 1 << (h % 8);
}

static int
sd_bloom_has(uint32_t h)
{
	h = (h >> 6) & (SD_BLOOM_BITS - 1);
	return sd_bloom[h / 8] & (1 << (h % 8));
}

static uint32_t
sd_hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619U;
}

#define SD_HASH_INIT 2166136261U

static void
sd_build(void)
{
	const char *b = strength_dict_blob;
	size_t off, k, d, start;
	uint32_t h, pos, *slot_rank;
	int g, r, a;

	sd_started = 1;
	for (k = 0; k < SD_NGLUE; k++)
		sd_glue_packed[k] = sd_pack((const unsigned char *)sd_glue[k],
		    strlen(sd_glue[k]));
	sd_slot = calloc(SD_SLOTS, sizeof(*sd_slot));
	sd_bloom = calloc(SD_BLOOM_BITS / 8, 1);
	sd_nck = strength_dict_bloblen / 2 / SD_CKSTEP + 2;
	sd_ck = calloc(sd_nck, sizeof(*sd_ck));
	slot_rank = calloc(SD_SLOTS, sizeof(*slot_rank));
	if (sd_slot == NULL || sd_ck == NULL || sd_bloom == NULL ||
	    slot_rank == NULL)
		goto out;
	k = 0;
	for (d = 0; d < SD_NDICTS; d++) {
		sd_first[d] = k;
		off = strength_sections[d].start;
		for (r = 0; (size_t)r < strength_sections[d].count; r++, k++) {
			if (k % SD_CKSTEP == 0) {
				if (k / SD_CKSTEP >= sd_nck)
					goto out;
				sd_ck[k / SD_CKSTEP] = off;
			}
			start = off;
			if (sd_skip_heldout &&
			    strength_dict_heldout[k / 8] & (1 << (k % 8))) {
				/* Still counted: the ranks stay the shipped
				 * ones, which only makes the bench harder. */
				off = (const char *)memchr(b + off, '\n',
				    strength_dict_bloblen - off) - b + 1;
				continue;
			}
			if (b[off] != '\n' && b[off + 1] != '\n' &&
			    b[off + 2] == '\n') {
				h = sd_c6(b[off]) << 6 | sd_c6(b[off + 1]);
				sd_word2[h / 8] |= 1 << (h % 8);
			}
			if (b[off] != '\n' && b[off + 1] != '\n' &&
			    b[off + 2] != '\n') {
				h = sd_p3((const unsigned char *)b + off);
				sd_start3[h / 8] |= 1 << (h % 8);
			}
			h = SD_HASH_INIT;
			while (b[off] != '\n') {
				h = sd_hash_step(h, (unsigned char)b[off++]);
				if (off - start >= 4)
					sd_bloom_set(h);
			}
			off++;
			/* A password that another list also holds ("loulou",
			 * a pet) is priced at its better rank, the other
			 * list's on a tie. */
			pos = h & (SD_SLOTS - 1);
			while (sd_slot[pos] != 0 && !((sd_slot[pos] &
			    0xff000000U) == (h & 0xff000000U) &&
			    memcmp(b + (sd_slot[pos] & 0x00ffffffU) - 1,
			    b + start, off - start) == 0))
				pos = (pos + 1) & (SD_SLOTS - 1);
			if (sd_slot[pos] != 0 && slot_rank[pos] < (uint32_t)r + 1)
				continue;
			sd_slot[pos] = (h & 0xff000000U) | (uint32_t)(start + 1);
			slot_rank[pos] = r + 1;
		}
	}
	for (g = 0; g < (int)SD_NGRAPHS; g++) {
		for (r = 0; r < sd_graphs[g]->nkeys; r++) {
			sd_row[g][sd_graphs[g]->keys[r].key] = r + 1;
			for (a = 1; a < 16; a += 2)
				if (sd_graphs[g]->keys[r].adj[a] != 0)
					sd_shifted[g][sd_graphs[g]->keys[r].adj[a]] = 1;
		}
	}
	sd_ok = 1;
 out:
	free(slot_rank);
}

/* see strength-int.h */
int
strength_dict_init(void)
{
	if (pthread_once(&sd_once, sd_build) != 0 || !sd_ok)
		return ISPM_EINTERNAL;
	return 0;
}

/* see strength-int.h */
int
strength_dict_without_heldout(void)
{
	if (sd_started)
		return ISPM_EINTERNAL;
	sd_skip_heldout = 1;
	return 0;
}

/* Returns the offset + 1 of word w[0..len) in the blob, or 0. */
static uint32_t
sd_find(uint32_t h, const unsigned char *w, size_t len)
{
	uint32_t pos, s, off;

	pos = h & (SD_SLOTS - 1);
	while ((s = sd_slot[pos]) != 0) {
		if ((s & 0xff000000U) == (h & 0xff000000U)) {
			off = (s & 0x00ffffffU) - 1;
			if (off + len < strength_dict_bloblen &&
			    strength_dict_blob[off + len] == '\n' &&
			    memcmp(strength_dict_blob + off, w, len) == 0)
				return off + 1;
		}
		pos = (pos + 1) & (SD_SLOTS - 1);
	}
	return 0;
}

/* Dictionary and rank (1 = most common) of the word at off. */
static void
sd_rank(uint32_t off, uint8_t *dict, uint32_t *rank)
{
	size_t lo, hi, mid, k, o;
	int d;

	lo = 0;
	hi = sd_nck;
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (mid * SD_CKSTEP >= sd_first[SD_NDICTS - 1] +
		    strength_sections[SD_NDICTS - 1].count || sd_ck[mid] > off)
			hi = mid;
		else
			lo = mid;
	}
	k = lo * SD_CKSTEP;
	for (o = sd_ck[lo]; o < off; o++)
		if (strength_dict_blob[o] == '\n')
			k++;
	for (d = SD_NDICTS - 1; d > 0 && sd_first[d] > k; d--)
		;
	*dict = d;
	*rank = k - sd_first[d] + 1;
}

static int
is_upper(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
}

static int
is_lower(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c != 0xf7);
}

static double
nck(int n, int k)
{
	double r = 1;
	int i;

	if (k > n)
		return 0;
	for (i = 1; i <= k; i++)
		r = r * (n - k + i) / i;
	return r;
}

/* zxcvbn's capitalisation variations of raw[i..j). */
static double
caps_variations(const struct strength_pw *pw, size_t i, size_t j)
{
	size_t k, u = 0, l = 0;
	double v = 0;
	int t;

	for (k = i; k < j; k++) {
		if (is_upper(pw->raw[k]))
			u++;
		else if (is_lower(pw->raw[k]))
			l++;
	}
	if (u == 0)
		return 1;
	/* One rule for a password in capitals, counted once, on its start. */
	if (l == 0 && pw->upper_only)
		return i == 0 ? 2 : 1;
	if (l == 0 || (u == 1 && (is_upper(pw->raw[i]) ||
	    is_upper(pw->raw[j - 1]))))
		return 2;
	for (t = 1; t <= (int)(u < l ? u : l); t++)
		v += nck(u + l, t);
	return v;
}

static int
sd_letter(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static struct strength_match *
add(struct strength_pw *pw, size_t i, size_t j, int kind, double guesses)
{
	struct strength_match *m;

	if (pw->nm >= SM_MAX)
		return NULL;
	m = &pw->m[pw->nm++];
	memset(m, 0, sizeof(*m));
	m->i = i;
	m->j = j;
	m->kind = kind;
	m->cost = log10(guesses < 1 ? 1 : guesses);
	return m;
}

/*
 * log10 guesses for the word of a rank. Past the first thousand, our lists
 * are ordered worse than an attacker's (names alphabetically, wfrench not
 * at all), so a rank there overstates the work: it counts as rank^0.65.
 */
static double
rank_cost(double rank)
{
	double l = log10(rank);

	return l <= 3 ? l : 3 + 0.65 * (l - 3);
}

static int sd_year;
static pthread_once_t sd_year_once = PTHREAD_ONCE_INIT;

static void
sd_year_read(void)
{
	const char *v = getenv("ISPMAIL_YEAR");
	struct tm tm;
	time_t t = time(NULL);
	char *end;
	long y;

	if (v != NULL && *v != '\0' && (y = strtol(v, &end, 10)) >= 1970 &&
	    y <= 9999 && *end == '\0') {
		sd_year = (int)y;
		return;
	}
	sd_year = localtime_r(&t, &tm) != NULL ? tm.tm_year + 1900 : 1970;
}

/* see strength-model.h */
int
smodel_year_now(void)
{
	pthread_once(&sd_year_once, sd_year_read);
	return sd_year;
}

/* see strength-model.h */
const char *
smodel_suffix(size_t k)
{
	return k < strength_nsuffixes ? strength_suffixes[k].s : NULL;
}

/* see strength-model.h */
int
smodel_frpw_walk(size_t rank)
{
	return rank >= 1 && rank <= strength_sections[SD_FRPASSWORDS].count &&
	    strength_frpw_kind[rank - 1] == SD_FRPASSWORDS;
}

/* see strength-model.h */
double
smodel_rank_cost(double rank)
{
	return rank_cost(rank);
}

/* see strength-model.h */
double
smodel_list_prior(int list, int suffixed)
{
	if (list < 0 || list >= SMODEL_PRIOR_LISTS)
		return 0;
	return strength_audit_prior[list][suffixed != 0] / 100.0;
}

/* see strength-model.h */
double
smodel_xform_prior(int xform)
{
	if (xform < 0 || xform >= SMODEL_PRIOR_XFORMS)
		return 0;
	return strength_audit_xform[xform] / 100.0;
}

/* A letter the audit's case changes change. */
static int
lower1(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe &&
	    c != 0xf7);
}

/*
 * The l33t disguises the estimator reads back, commonest first for each
 * letter; variant 1 reads 1 and | as l.  The audit disguises words with
 * the first of each letter marked common (smodel_l33t()).
 */
static const struct {
	unsigned char	disguise, letter, ell, common;
} l33t_table[] = {
	{ '@', 'a', 0, 1 }, { '4', 'a', 0, 0 }, { '3', 'e', 0, 1 },
	{ '1', 'i', 'l', 1 }, { '!', 'i', 0, 0 }, { '|', 'i', 'l', 0 },
	{ '0', 'o', 0, 1 }, { '5', 's', 0, 1 }, { '$', 's', 0, 0 },
	{ '7', 't', 0, 0 }, { '+', 't', 0, 0 }, { '(', 'c', 0, 0 },
};

/* see strength-int.h */
unsigned char
strength_unl33t(unsigned char c, int variant)
{
	size_t k;

	for (k = 0; k < sizeof(l33t_table) / sizeof(l33t_table[0]); k++)
		if (l33t_table[k].disguise == c)
			return variant && l33t_table[k].ell ?
			    l33t_table[k].ell : l33t_table[k].letter;
	return 0;
}

/* see strength-model.h */
unsigned char
smodel_l33t(unsigned char c)
{
	size_t k;

	for (k = 0; k < sizeof(l33t_table) / sizeof(l33t_table[0]); k++)
		if (l33t_table[k].letter == c && l33t_table[k].common)
			return l33t_table[k].disguise;
	return 0;
}

/* see strength-model.h */
void
smodel_ctx_forms(const struct smodel_word *w, size_t k,
    double alone[SMODEL_FORMS], double inside[SMODEL_FORMS])
{
	/* the priors' transformations: as typed, capitalised, capitals,
	 * l33t (smodel_xform_prior()), then the first three accented */
	static const int prior[SMODEL_FORMS] = { 0, 1, 2, 4, 0, 1, 2 };
	double c, base = rank_cost((double)k + 1);
	int x, lower = 0, l33t = 0, accents;
	size_t i;

	for (i = 0; i < w->len; i++) {
		lower |= lower1((unsigned char)w->w[i]);
		l33t += smodel_l33t((unsigned char)w->w[i]) != 0;
	}
	accents = memcmp(w->w, w->a, w->len) != 0;
	for (x = 0; x < SMODEL_FORMS; x++) {
		alone[x] = inside[x] = -1;
		if ((x % 4 == 1 && !lower1((unsigned char)w->w[0])) ||
		    (x % 4 == 2 && !lower) || (x == 3 && l33t == 0) ||
		    (x >= SMODEL_FORM_ACCENTED && !accents))
			continue;
		c = base + (x == 3 ? SMODEL_VARIANT * (l33t > SMODEL_L33T_MAX ?
		    SMODEL_L33T_MAX : l33t) : x % 4 > 0 ? SMODEL_VARIANT : 0);
		alone[x] = c + smodel_xform_prior(prior[x]);
		inside[x] = (c < SMODEL_INSIDE_MIN ? SMODEL_INSIDE_MIN : c) +
		    smodel_xform_prior(prior[x]);
	}
}

/* see strength-model.h */
int
smodel_walks(size_t minlen, size_t maxlen,
    void (*fn)(void *arg, const char *w, size_t len), void *arg)
{
	const struct strength_graph *gr;
	char w[64];
	size_t len;
	int g, k, dir;
	unsigned char next;

	if (strength_dict_init() != 0)
		return -1;
	if (maxlen >= sizeof(w))
		maxlen = sizeof(w) - 1;
	for (g = 0; g < (int)SD_NGRAPHS; g++) {
		gr = sd_graphs[g];
		for (k = 0; k < gr->nkeys; k++) {
			for (dir = 0; dir < 8; dir++) {
				w[0] = (char)gr->keys[k].key;
				for (len = 1; len < maxlen; len++) {
					next = sd_row[g][(unsigned char)
					    w[len - 1]] == 0 ? 0 :
					    gr->keys[sd_row[g][(unsigned char)
					    w[len - 1]] - 1].adj[2 * dir];
					if (next == 0)
						break;
					w[len] = (char)next;
					if (len + 1 >= minlen)
						fn(arg, w, len + 1);
				}
			}
		}
	}
	return 0;
}

/* log10 guesses of a word match, with its variations and the floor for
 * a match inside a longer password. */
static double
word_cost(const struct strength_pw *pw, size_t i, size_t j, double rank,
    int nsub, int reversed, double floor)
{
	double c = rank_cost(rank) + log10(caps_variations(pw, i, j));

	if (nsub > 0)
		c += SMODEL_VARIANT * (nsub > SMODEL_L33T_MAX ?
		    SMODEL_L33T_MAX : nsub);
	if (reversed)
		c += SMODEL_VARIANT;
	if (j - i < pw->n && c < floor)
		c = floor;
	return c;
}

/* Up to 7 characters and the length in one word, for is_glue(). */
static uint64_t
sd_pack(const unsigned char *s, size_t len)
{
	uint64_t v = len;
	size_t k;

	for (k = 0; k < len; k++)
		v = v << 8 | s[k];
	return v;
}

static int
is_glue(const unsigned char *s, size_t len)
{
	uint64_t v;
	size_t k;

	if (len > 5)
		return 0;
	v = sd_pack(s, len);
	for (k = 0; k < SD_NGLUE; k++)
		if (sd_glue_packed[k] == v)
			return 1;
	return 0;
}

/*
 * A word of two to four letters inside a password in mixed case, typed
 * otherwise than in lower case or with a capital first ("tHe", "AIn",
 * "DE" in "vrrg7PvADelA"), is chance in random text, not a word; four
 * letters in capitals are a word.
 */
static int
odd_case(const struct strength_pw *pw, size_t i, size_t j)
{
	size_t k, up = 0;

	if (i == 0 || pw->upper_only)
		return 0;
	for (k = i + 1; k < j; k++)
		if (is_upper(pw->raw[k]))
			up++;
	/* four capitals are a name in capitals ("marie&NORA") */
	return up > 0 && !(j - i >= 4 && up == j - i - 1 &&
	    is_upper(pw->raw[i]));
}

/* Glue as people type it: lower case, capitalised at the start of the
 * password, or a password in capitals; "EtEn" in "^h}|id[EtEn;" is not. */
static int
glue_case(const struct strength_pw *pw, size_t i, size_t j)
{
	size_t k;

	if (pw->upper_only)
		return 1;
	for (k = i; k < j; k++)
		if (is_upper(pw->raw[k]) && !(k == 0 && i == 0))
			return 0;
	return 1;
}

/*
 * Looks every substring of s up in the dictionaries. s is f, a l33t
 * variant (nsub given: only substrings with a substitution count) or f
 * reversed.
 */
static void
match_dict(struct strength_pw *pw, const unsigned char *s,
    const uint8_t *nsub, int reversed)
{
	struct strength_match *m;
	size_t i, j, n = pw->n, mi, mj;
	uint32_t h, off, rank;
	unsigned int k3;
	uint8_t dict;
	int ns;

	for (i = 0; i + 1 < n; i++) {
		h = SD_HASH_INIT;
		for (j = i; j < n && j - i < SD_MAXWORD; j++) {
			h = sd_hash_step(h, s[j]);
			/* Before its first substitution a l33t variant is f,
			 * whose pass already looked these up. */
			if (j - i < 1 || (nsub != NULL && nsub[j + 1] ==
			    nsub[i]))
				continue;
			if (j - i == 1) {
				k3 = sd_c6(s[i]) << 6 | sd_c6(s[j]);
				if (!(sd_word2[k3 / 8] & (1 << (k3 % 8))))
					continue;
			} else if (j - i == 2) {
				k3 = sd_p3(s + i);
				if (!(sd_start3[k3 / 8] & (1 << (k3 % 8))))
					break;
			} else if (j - i >= 3 && !sd_bloom_has(h))
				break;
			if (reversed && j - i < 3)
				continue;
			/* A two-letter word is glue between words ("la",
			 * "et"); between symbols or digits it is chance, as
			 * "Ol" in "._Ol}>W15DoM". */
			if (j - i == 1 && !(i > 0 && sd_letter(s[i - 1])) &&
			    !(j + 1 < n && sd_letter(s[j + 1])))
				continue;
			ns = nsub != NULL ? nsub[j + 1] - nsub[i] : 0;
			/* l33t in two or three letters is mostly chance:
			 * "0l" in random text is not a disguised "ol"; nor
			 * is "1Osc" in five or fewer in odd case. */
			if (ns > 0 && (j - i < 3 || (j - i < 5 && odd_case(pw,
			    reversed ? n - 1 - j : i, reversed ? n - i :
			    j + 1))))
				continue;
			mi = reversed ? n - 1 - j : i;
			mj = reversed ? n - i : j + 1;
			if (mj - mi <= 4 && odd_case(pw, mi, mj))
				continue;
			if ((off = sd_find(h, s + i, j - i + 1)) == 0)
				continue;
			sd_rank(off - 1, &dict, &rank);
			if ((m = add(pw, mi, mj, SK_DICT, 1)) == NULL)
				return;
			m->cost = word_cost(pw, mi, mj, rank, ns, reversed,
			    SD_MIN_SUBMATCH);
			m->sub = dict;
			m->rank = rank;
			m->flags = (reversed ? SM_REVERSED : 0) |
			    (ns > 0 ? SM_L33T : 0);
			if (!reversed && ns == 0 && mj - mi < pw->n &&
			    ((mi > 0 && sd_letter(s[mi - 1])) ||
			    (mj < n && sd_letter(s[mj]))) &&
			    is_glue(s + mi, mj - mi) &&
			    glue_case(pw, mi, mj)) {
				m->cost = SD_GLUE_COST + log10(caps_variations(
				    pw, mi, mj));
				m->flags |= SM_GLUE;
			}
		}
	}
}

/* Context words: the attacker who targets this mailbox tries them first. */
static void
match_context(struct strength_pw *pw)
{
	const struct strength_ctxword *w;
	struct strength_match *m;
	const unsigned char *s;
	size_t c, i, n = pw->n;
	int v, ns;

	for (c = 0; c < pw->nctx; c++) {
		w = &pw->ctx[c];
		if (w->len > n)
			continue;
		for (v = -1; v < pw->nvariant; v++) {
			s = v < 0 ? pw->f : pw->l33t[v];
			for (i = 0; i + w->len <= n; i++) {
				if (memcmp(s + i, w->w, w->len) != 0)
					continue;
				ns = v < 0 ? 0 : pw->nsub[v][i + w->len] -
				    pw->nsub[v][i];
				if (v >= 0 && ns == 0)
					continue;
				if ((m = add(pw, i, i + w->len, SK_CONTEXT, 1)) ==
				    NULL)
					return;
				m->cost = word_cost(pw, i, i + w->len, c + 1,
				    ns, 0, 1);
				m->sub = w->kind;
				m->ctx = c;
				m->flags = ns > 0 ? SM_L33T : 0;
			}
		}
	}
}

/* zxcvbn's spatial matching: walks of 3+ adjacent keys. */
static void
match_spatial(struct strength_pw *pw)
{
	const struct strength_graph *gr;
	const struct strength_graph_key *key;
	struct strength_match *m;
	size_t i, j, n = pw->n, len;
	int g, a, dir, lastdir, turns, shifted, found, t, p;
	double guesses, s, d, sv;
	unsigned char prev, cur;

	for (g = 0; g < (int)SD_NGRAPHS; g++) {
		gr = sd_graphs[g];
		s = gr->nkeys;
		d = gr->degree;
		i = 0;
		while (i + 2 < n) {
			j = i + 1;
			lastdir = -1;
			turns = 0;
			shifted = sd_shifted[g][pw->raw[i]] &&
			    !(pw->raw[i] >= '0' && pw->raw[i] <= '9');
			for (;;) {
				found = 0;
				prev = pw->raw[j - 1];
				if (j < n && sd_row[g][prev] != 0) {
					cur = pw->raw[j];
					key = &gr->keys[sd_row[g][prev] - 1];
					for (a = 0; a < 16 && !found; a++) {
						if (key->adj[a] != cur || cur == 0)
							continue;
						found = 1;
						dir = a / 2;
						if (a & 1)
							shifted++;
						if (dir != lastdir) {
							turns++;
							lastdir = dir;
						}
					}
				}
				if (found) {
					j++;
					continue;
				}
				if (j - i > 2) {
					len = j - i;
					guesses = 0;
					for (p = 2; p <= (int)len; p++)
						for (t = 1; t <= turns &&
						    t <= p - 1; t++)
							guesses += nck(p - 1,
							    t - 1) * s *
							    pow(d, t);
					if (shifted > 0) {
						if ((size_t)shifted >= len)
							guesses *= 2;
						else {
							sv = 0;
							for (t = 1; t <= shifted &&
							    (size_t)t <= len -
							    shifted; t++)
								sv += nck(len,
								    t);
							guesses *= sv;
						}
					}
					if ((m = add(pw, i, j, SK_SPATIAL,
					    guesses)) == NULL)
						return;
					m->sub = g;
				}
				i = j;
				break;
			}
		}
	}
}

static int
char_class(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return 1;
	if (c >= 'A' && c <= 'Z')
		return 2;
	if (c >= '0' && c <= '9')
		return 3;
	return 0;
}

static void
add_sequence(struct strength_pw *pw, size_t i, size_t j, int delta)
{
	unsigned char c = pw->raw[i];
	double base;

	/* Steps other than 1 need four characters to be more than chance. */
	if (j - i < 3 || delta == 0 || abs(delta) > 5 ||
	    (abs(delta) > 1 && j - i < 4))
		return;
	if (strchr("aAzZ019", c) != NULL)
		base = 4;
	else if (c >= '0' && c <= '9')
		base = 10;
	else
		base = 26;
	if (delta < 0)
		base *= 2;
	add(pw, i, j, SK_SEQUENCE, base * (j - i) * abs(delta));
}

/* Runs of a constant step in one class: abcd, 9876, aceg. */
static void
match_sequence(struct strength_pw *pw)
{
	size_t i, k, n = pw->n;
	int delta, d;

	i = 0;
	while (i + 2 < n) {
		delta = (int)pw->raw[i + 1] - (int)pw->raw[i];
		if (char_class(pw->raw[i]) == 0 ||
		    char_class(pw->raw[i]) != char_class(pw->raw[i + 1])) {
			i++;
			continue;
		}
		for (k = i + 2; k < n; k++) {
			d = (int)pw->raw[k] - (int)pw->raw[k - 1];
			if (d != delta ||
			    char_class(pw->raw[k]) != char_class(pw->raw[i]))
				break;
		}
		add_sequence(pw, i, k, delta);
		i = k - 1 > i + 1 ? k - 1 : i + 1;
	}
}

/* Repeats of a base, priced as the base (by price) times the count. */
static void
match_repeat(struct strength_pw *pw, double (*price)(struct strength_pw *))
{
	struct strength_pw sub;
	struct strength_match *m;
	size_t i, b, k, n = pw->n, count;
	double base;
	int used = 0;

	for (i = 0; i + 1 < n; i++) {
		for (b = 1; i + 2 * b <= n; b++) {
			if (memcmp(pw->raw + i, pw->raw + i + b, b) != 0)
				continue;
			if (i >= b && memcmp(pw->raw + i - b, pw->raw + i,
			    b) == 0)
				continue;
			count = 2;
			for (k = i + 2 * b; k + b <= n &&
			    memcmp(pw->raw + i, pw->raw + k, b) == 0; k += b)
				count++;
			/* "ss" or "ll" is a pair of letters, "!!" a habit at
			 * the end; "]]" in the middle is random text. */
			if (b * count < 3 && (is_lower(pw->f[i]) ||
			    (i + 2 < n && !(pw->f[i] >= 'a' &&
			    pw->f[i] <= 'z') && !(pw->f[i] >= '0' &&
			    pw->f[i] <= '9'))))
				continue;
			/* The base alone, without its l33t or context. */
			used = 1;
			sub.n = b;
			memcpy(sub.cp, pw->cp + i, b * sizeof(sub.cp[0]));
			memcpy(sub.raw, pw->raw + i, b);
			memcpy(sub.f, pw->f + i, b);
			sub.nvariant = 0;
			sub.nctx = 0;
			sub.upper_only = pw->upper_only;
			base = price(&sub);
			if ((m = add(pw, i, i + b * count, SK_REPEAT, 1)) ==
			    NULL)
				break;
			m->cost = base + log10((double)count);
			/* one character repeated between others ("x#HHH~")
			 * is rarer than at the end ("toto!!!") */
			if (b == 1 && i > 0 && i + count < n &&
			    !(pw->raw[i] >= '0' && pw->raw[i] <= '9'))
				m->cost += SD_MIDDLE_RUN;
		}
	}
	if (used) {
		sodium_memzero(&sub, offsetof(struct strength_pw, m));
		sodium_memzero(sub.m, sub.nm * sizeof(sub.m[0]));
	}
}

static int
digits_at(const struct strength_pw *pw, size_t i, size_t len, int *v)
{
	size_t k;

	*v = 0;
	if (i + len > pw->n)
		return 0;
	for (k = i; k < i + len; k++) {
		if (pw->raw[k] < '0' || pw->raw[k] > '9')
			return 0;
		*v = *v * 10 + (pw->raw[k] - '0');
	}
	return 1;
}

static int
full_year(int y, int len)
{
	if (len == 4)
		return y >= 1900 && y <= 2039 ? y : 0;
	return y > 39 ? 1900 + y : 2000 + y;
}

static double
year_space(int y)
{
	int d = abs(y - smodel_year_now());

	return d < SD_MIN_YEARS ? SD_MIN_YEARS : d;
}

static void
add_date(struct strength_pw *pw, size_t i, size_t j, int d, int mo, int y,
    int sep)
{
	double g;

	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return;
	/* zxcvbn's 4 for the separator: "/", "-" or "." as French write them,
	 * once for both places. */
	g = 365 * (y ? year_space(y) : 1) * (sep ? 3 : 1);
	add(pw, i, j, y ? SK_DATE : SK_DAYMONTH, g);
}

/*
 * Whether the letters before i look like a word as people type it: three
 * or more, in lower case, capitalised or in capitals ("jauB75" in random
 * text is chance).
 */
static int
word_before(const struct strength_pw *pw, size_t i)
{
	size_t k = i, up = 0;

	while (k > 0 && sd_letter(pw->f[k - 1])) {
		k--;
		up += is_upper(pw->raw[k]);
	}
	if (i - k < 3)
		return 0;
	return up == 0 || up == i - k || (up == 1 && is_upper(pw->raw[k]));
}

/*
 * A department's number after a word (see word_before()), before nothing
 * but symbols ("lambersart59", "Cavalairesurmer83!"): people append the
 * one they live in, so an attacker tries them by population, the first
 * for a handful of guesses where any two digits cost a hundred; twice
 * that, as he does not know it is a department. In the middle of a
 * password, or after digits, two digits are no department.
 */
static void
match_dept(struct strength_pw *pw, size_t i)
{
	size_t k, len, n = pw->n;
	int v;

	if (!word_before(pw, i))
		return;
	for (len = 2; len <= 3; len++) {
		/* "059" is no department 59 */
		if (!digits_at(pw, i, len, &v) || (len == 3 && v < 100))
			continue;
		for (k = i + len; k < n; k++)
			if (sd_letter(pw->f[k]) ||
			    (pw->raw[k] >= '0' && pw->raw[k] <= '9'))
				break;
		if (k < n)
			continue;
		for (k = 0; k < strength_ndepts; k++)
			if (strength_depts[k] == v) {
				add(pw, i, i + len, SK_DEPT, 2.0 * (k + 1));
				break;
			}
	}
}

static int
by_suffix(const void *key, const void *elem)
{
	return strcmp(key, ((const struct strength_suffix *)elem)->s);
}

/*
 * The ending of the password, the longest run of digits and symbols
 * after a letter, when people are seen to put it after a word
 * (strength_suffixes[]): "1" after half the words that have an ending,
 * "55555" hardly ever, whatever the other matchers make of it.
 */
static void
match_suffix(struct strength_pw *pw)
{
	const struct strength_suffix *x;
	char s[sizeof(x->s)];
	size_t i = pw->n;

	while (i > 0 && pw->raw[i - 1] != 0 && ((pw->raw[i - 1] >= '0' &&
	    pw->raw[i - 1] <= '9') || strchr(SUFFIX_SYMBOLS,
	    pw->raw[i - 1]) != NULL))
		i--;
	if (i == 0 || i == pw->n || pw->n - i >= sizeof(s) ||
	    !sd_letter(pw->f[i - 1]))
		return;
	memcpy(s, pw->raw + i, pw->n - i);
	s[pw->n - i] = '\0';
	x = bsearch(s, strength_suffixes, strength_nsuffixes,
	    sizeof(*strength_suffixes), by_suffix);
	sodium_memzero(s, sizeof(s));
	if (x != NULL)
		add(pw, i, pw->n, SK_SUFFIX, pow(10, x->cost / 100.0));
}

/*
 * Dates without separators, day first (jjmmaaaa) as the French write them
 * and month or year first too, and with one repeated separator.
 */
static void
match_date(struct strength_pw *pw)
{
	static const struct {
		uint8_t len, dpos, dlen, mpos, mlen, ypos, ylen;
	} lay[] = {
		{ 8, 0, 2, 2, 2, 4, 4 }, { 8, 2, 2, 0, 2, 4, 4 },
		{ 8, 6, 2, 4, 2, 0, 4 }, { 7, 0, 1, 1, 2, 3, 4 },
		{ 7, 0, 2, 2, 1, 3, 4 }, { 6, 0, 2, 2, 2, 4, 2 },
		{ 6, 2, 2, 0, 2, 4, 2 }, { 6, 4, 2, 2, 2, 0, 2 },
		{ 6, 0, 1, 1, 1, 2, 4 }, { 5, 0, 1, 1, 2, 3, 2 },
		{ 5, 0, 2, 2, 1, 3, 2 }, { 4, 0, 2, 2, 2, 0, 0 },
		{ 4, 2, 2, 0, 2, 0, 0 }, { 4, 0, 1, 1, 1, 2, 2 },
	};
	size_t i, k, n = pw->n, p;
	int d, mo, y, v, dl, ml, yl, sep;

	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(lay) / sizeof(lay[0]); k++) {
			if (!digits_at(pw, i, lay[k].len, &v))
				continue;
			digits_at(pw, i + lay[k].dpos, lay[k].dlen, &d);
			digits_at(pw, i + lay[k].mpos, lay[k].mlen, &mo);
			y = 0;
			if (lay[k].ylen > 0) {
				digits_at(pw, i + lay[k].ypos, lay[k].ylen, &y);
				if ((y = full_year(y, lay[k].ylen)) == 0)
					continue;
			}
			add_date(pw, i, i + lay[k].len, d, mo, y, 0);
		}
		if (digits_at(pw, i, 4, &v) && full_year(v, 4) != 0)
			add(pw, i, i + 4, SK_YEAR, year_space(v));
		match_dept(pw, i);
		/* d{1,2} sep m{1,2} (sep y{2,4})?, or y{4} sep m sep d */
		for (dl = 1; dl <= 4; dl++) {
			if (dl == 3 || !digits_at(pw, i, dl, &d) ||
			    i + dl >= n || pw->raw[i + dl] == 0 ||
			    strchr("/-._ ", pw->raw[i + dl]) == NULL)
				continue;
			sep = pw->raw[i + dl];
			for (ml = 1; ml <= 2; ml++) {
				p = i + dl + 1;
				if (!digits_at(pw, p, ml, &mo))
					continue;
				p += ml;
				if (dl <= 2)
					add_date(pw, i, p, d, mo, 0, 1);
				if (p >= n || pw->raw[p] != sep)
					continue;
				for (yl = 2; yl <= 4; yl += 2) {
					if (!digits_at(pw, p + 1, yl, &v))
						continue;
					if (dl == 4) {
						if (yl == 2 &&
						    full_year(d, 4) != 0)
							add_date(pw, i,
							    p + 3, v, mo, d, 1);
					} else if ((y = full_year(v, yl)) != 0)
						add_date(pw, i, p + 1 + yl, d,
						    mo, y, 1);
				}
			}
		}
	}
}

/* see strength-int.h */
void
strength_match_all(struct strength_pw *pw,
    double (*price)(struct strength_pw *))
{
	unsigned char rev[128];
	size_t i;
	int v;

	pw->nm = 0;
	match_context(pw);
	match_dict(pw, pw->f, NULL, 0);
	for (v = 0; v < pw->nvariant; v++)
		match_dict(pw, pw->l33t[v], pw->nsub[v], 0);
	for (i = 0; i < pw->n; i++)
		rev[i] = pw->f[pw->n - 1 - i];
	match_dict(pw, rev, NULL, 1);
	sodium_memzero(rev, sizeof(rev));
	match_spatial(pw);
	match_sequence(pw);
	match_date(pw);
	match_suffix(pw);
	if (price != NULL)
		match_repeat(pw, price);
}
