/*
 * Inside the strength module: the generated data (strength-data.c), the
 * pattern matchers (strength-match.c), the cover (strength-cover.c) and
 * the estimator (strength.c) share these declarations. Nothing outside
 * src/strength/ includes this file.
 */
#ifndef ISPMAIL_STRENGTH_INT_H
#define ISPMAIL_STRENGTH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "strength-model.h"

/* The ranked dictionaries, in the order of strength_sections[]. */
enum strength_dict {
	SD_PASSWORDS,
	SD_FRENCH,
	SD_ENGLISH,
	SD_FIRSTNAMES,
	SD_SURNAMES,
	SD_PLACES,
	SD_CLUBS,
	SD_FRPASSWORDS,
	SD_NDICTS
};

/* Words of one dictionary: '\n'-terminated, most common first. */
struct strength_section {
	size_t	start;
	size_t	count;
};

/* Longest dictionary word, in characters. */
#define SD_MAXWORD 32

/*
 * A keyboard as zxcvbn describes it: for each key, up to 8 neighbours, each
 * a (plain, shifted) pair of Latin-1 characters, 0 where there is none; the
 * index of a neighbour is its direction.
 */
struct strength_graph_key {
	unsigned char	key;
	unsigned char	adj[16];
};

struct strength_graph {
	const char	*name;
	int		 nkeys;
	double		 degree;	/* average number of neighbours */
	struct strength_graph_key keys[100];
};

extern const char strength_dict_blob[];
extern const size_t strength_dict_bloblen;
extern const struct strength_section strength_sections[SD_NDICTS];
/* One bit per word, in blob order (bit k % 8 of byte k / 8): set for the
 * words only the benchmark's held-out lists bring. Shipped and used like
 * every other word; only strength_bench_without_heldout() skips them. */
extern const unsigned char strength_dict_heldout[];
/* The list each entry of SD_FRPASSWORDS belongs to besides, by rank - 1:
 * what the feedback names it; SD_FRPASSWORDS for an AZERTY keyboard walk,
 * the image of a common QWERTY one ("azerty", "wxcvbn"). */
extern const unsigned char strength_frpw_kind[];
extern const size_t strength_dict_nheldout;
/* -log10 P(d | ctx) x STRENGTH_MARKOV_UNIT for a letter d after the
 * STRENGTH_MARKOV_CONTEXT letters before it (row: the one just before
 * counts 1, the one before that 27; 0 for none, else 1 + letter), under two
 * models: the French words, names and places the bench knows, and those
 * places alone (tools/gen-strength-data.py, markov_c()). */
#define STRENGTH_MARKOV_UNIT 20.0
#define STRENGTH_MARKOV_MODELS 2
#define STRENGTH_MARKOV_CONTEXT 2	/* letters; MARKOV_CONTEXT in the script */
#define STRENGTH_MARKOV_ROWS (27 * 27)	/* 27 ^ STRENGTH_MARKOV_CONTEXT */
extern const unsigned char
    strength_markov[STRENGTH_MARKOV_MODELS][STRENGTH_MARKOV_ROWS][26];
/* The departments' numbers (1 to 95, 971 to 976), most populous first. */
extern const unsigned short strength_depts[];
extern const size_t strength_ndepts;
/* The audit's template priors (priors_c() in the data script), -log10
 * share x 100: per base list alone and with a suffix, per transform. */
extern const short strength_audit_prior[SMODEL_PRIOR_LISTS][2];
extern const short strength_audit_xform[SMODEL_PRIOR_XFORMS];
/* The symbols people append ("soleil2024!"), with digits: the endings. */
#define SUFFIX_SYMBOLS	"!?.*@#$&+-_/"
/* The endings people put after a word, learned from the training
 * passwords (suffixes_c() in the data script), sorted by s: -log10 of
 * each one's share among endings, x 100. */
struct strength_suffix {
	char	s[9];
	short	cost;
};
extern const struct strength_suffix strength_suffixes[];
extern const size_t strength_nsuffixes;
/*
 * The audit stream's own price-to-position curve (strength-curve.c,
 * written by bench-audit-order --curve-c through "make regen"): for each
 * price bucket q (1/100 log10, the estimator's price with its template's
 * prior), the positions of the account-independent stream priced under
 * q, up to the first bucket past STRENGTH_CURVE_REACH positions, and the
 * suffixes priced under q after a word.
 */
#define STRENGTH_CURVE_UNIT 100.0
extern const uint32_t strength_curve_shared[];
extern const size_t strength_curve_nshared;
extern const uint32_t strength_curve_sfx[];
extern const size_t strength_curve_nsfx;
extern const struct strength_graph strength_graph_azerty;
extern const struct strength_graph strength_graph_qwerty;
extern const struct strength_graph strength_graph_keypad;

/* What a match is; the order is the feedback's order of preference. */
enum strength_kind {
	SK_CONTEXT,	/* a context word: the mailbox, domain, name */
	SK_DICT,
	SK_SPATIAL,
	SK_REPEAT,
	SK_SEQUENCE,
	SK_DATE,
	SK_DAYMONTH,
	SK_YEAR,
	SK_DEPT,	/* a department's number after a word */
	SK_SUFFIX,	/* a learned ending after a word */
	SK_BRUTE
};

/* Which context a context word came from (sub of SK_CONTEXT). */
enum strength_ctxkind {
	SC_MAILBOX,
	SC_DOMAIN,
	SC_NAME,
	SC_OTHER
};

#define SM_REVERSED	0x01
#define SM_L33T		0x02
#define SM_GLUE		0x04	/* a short word phrases are joined with */

struct strength_match {
	uint8_t		i, j;	/* code points [i, j) */
	uint8_t		kind;	/* enum strength_kind */
	uint8_t		sub;	/* dictionary, context kind or graph */
	uint8_t		flags;	/* SM_* */
	uint8_t		ctx;	/* index of the context word */
	uint32_t	rank;
	double		cost;	/* log10 guesses */
};

/* Enough for any password of STRENGTH_MAX_LEN bytes in practice; the
 * matchers stop adding when full, which can only overestimate. */
#define SM_MAX 2048
#define SCTX_MAX 48

struct strength_ctxword {
	char	w[SD_MAXWORD + 1];
	char	a[SD_MAXWORD + 1];	/* see struct smodel_word */
	uint8_t	len;
	uint8_t	kind;	/* enum strength_ctxkind */
};

/* The password as the matchers see it. All arrays are wiped after use. */
struct strength_pw {
	size_t		 n;			/* code points */
	uint32_t	 cp[128];		/* decoded */
	unsigned char	 raw[128];		/* Latin-1, 0x7f outside */
	unsigned char	 f[128];		/* lower case, accents folded */
	unsigned char	 l33t[2][128];		/* f with l33t undone */
	uint8_t		 nsub[2][129];		/* prefix counts of undone */
	int		 nvariant;		/* l33t variants in use */
	int		 upper_only;		/* letters, none lower case */
	const struct strength_ctxword *ctx;
	size_t		 nctx;
	struct strength_match m[SM_MAX];
	size_t		 nm;
};

/* What l33t character c stands for in variant 0, or 1 (1 and | read as l),
 * or 0; strength_pw.l33t holds the password with them undone. */
unsigned char strength_unl33t(unsigned char c, int variant);

/* Builds the dictionary index once per process; 0 or ISPM_EINTERNAL. */
int	strength_dict_init(void);

/* strength_bench_without_heldout() (strength.h), in the index it acts on. */
int	strength_dict_without_heldout(void);

/*
 * Finds every match in pw (not the brute-force ones). A repeat's base
 * ("abc" of "abcabcabc") is priced alone by price, which the caller gives
 * (strength.c: the cheapest cover of the base, strength-cover.c), so that the matchers stay
 * below the cover and know nothing of it; NULL finds no repeats.
 */
void	strength_match_all(struct strength_pw *pw,
	    double (*price)(struct strength_pw *));

#endif
