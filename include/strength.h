/*
 * Password strength: the number of guesses an informed attacker needs
 * (log10), found zxcvbn-style as the cheapest cover of the password by
 * pattern matches, with French-aware dictionaries; ISPConfig's own rule;
 * the policy that combines both. Knows no terminal.
 */
#ifndef ISPMAIL_STRENGTH_H
#define ISPMAIL_STRENGTH_H

#include <stddef.h>

#include "err.h"
#include "secret.h"

/* Longest password judged, in bytes, so the cost stays bounded. */
#define STRENGTH_MAX_LEN 128
#define STRENGTH_DEFAULT_MIN_LOG10 10.0

/* enum strength_lang, the feedback's languages */
#include "strength-msg.h"

struct strength_policy {
	double	min_log10;	/* min_guesses_log10, default 10 */
	int	ispc_min_length;	/* ISPConfig min_password_length, 8 */
	int	ispc_min_strength;	/* ISPConfig min_password_strength, 3 */
	enum strength_lang lang;
};

struct strength_result {
	double	log10_guesses;
	int	strong;		/* the policy's verdict */
	char	reason[256];	/* one line naming the weakest part; "" when strong */
	int	ispconfig;	/* ISPConfig's own score, 1..5 (0: not judged) */
};

/*
 * Guessing rates for the crack-time estimates, in guesses per second: an
 * online attack on IMAP/SMTP slowed by fail2ban-style throttling, and an
 * offline attack on ISPConfig's $6$ rounds=5000 hash with one current GPU
 * (hashcat mode 1800 on an RTX 4090 does about 1.1 million; bench/ measures
 * one CPU core for comparison).
 */
#define STRENGTH_RATE_ONLINE	10.0
#define STRENGTH_RATE_OFFLINE	1.0e6

/* Fills the defaults: 10, 8, 3, lang from $LANG/$LC_ALL/$LC_MESSAGES. */
void	strength_policy_default(struct strength_policy *p);

/* Chooses French when the locale variables say fr. */
enum strength_lang strength_lang_from_env(void);

/*
 * Judges pw (UTF-8) against policy. context holds words the password must
 * not be built from (the mailbox's address, local part and its pieces, the
 * domain labels, the display name, the organisation); the caller may pass
 * whole strings, the estimator splits them: "a@b.fr" is a mailbox and a
 * domain, a string with a space a person's name, with a dot a domain.
 * Empty passwords, passwords over STRENGTH_MAX_LEN bytes and characters
 * outside ISO-8859-1 are weak results, not errors. No copy of pw outlives
 * the call. Returns 0 and fills *res (strong or weak); ISPM_EDATA when pw
 * is not valid UTF-8 (NUL included); ISPM_EINTERNAL when the dictionary
 * index cannot be built (out of memory).
 */
int	strength_check(const struct secret *pw, const char *const *context,
	    size_t ncontext, const struct strength_policy *policy,
	    struct strength_result *res, struct errbuf *eb);

/* ISPConfig 3.2's _get_password_strength(), exactly (1..5). */
int	strength_ispconfig(const char *pw, size_t len);

/*
 * For bench/bench-strength only, never the tool: makes the dictionary
 * index leave out the words the data script flagged as held out
 * (tools/gen-strength-data.py, HOLDOUT), so that the bench's French set,
 * drawn from those words, measures names the index has never seen. The
 * shipped checker knows them. Call before the first strength_check();
 * returns 0, or ISPM_EINTERNAL when the index is already built.
 */
int	strength_bench_without_heldout(void);

/*
 * Writes the time needed to make 10^log10_guesses guesses at rate per
 * second, rounded for people ("3 hours", "centuries"), into buf.
 */
void	strength_crack_time(double log10_guesses, double rate,
	    enum strength_lang lang, char *buf, size_t len);

/*
 * Writes res as one line of check-password --batch, without the newline:
 * "strong" or "weak", TAB, log10 guesses with one decimal, TAB, the reason
 * (empty when strong). Tabs and control characters in the reason become
 * spaces. Returns 0, or ISPM_EINTERNAL when len is too small.
 */
int	strength_format_batch(const struct strength_result *res, char *buf,
	    size_t len);

#endif
