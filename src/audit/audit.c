/*
 * The password audit engine: classification of hashes, the guessing
 * scheduler and its threads, rotation with crash recovery.  The reports
 * are auditreport.c's.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "audit.h"
#include "mailbox.h"
#include "output.h"
#include "pwgen.h"
#include "strength.h"
#include "utf8.h"
#include "wordlists.h"
#include "xmalloc.h"

/*
 * Candidates hashed per call: the engine groups a chunk of 64 by length
 * to fill its SIMD lanes, so smaller batches leave lanes empty.
 */
#define BATCH 64

/*
 * Target positions per round for a hash of cost 1 ($6$ rounds=5000).
 * Every account still unfound is taken to the target before any goes
 * further, so the budget goes to the likeliest candidates of all accounts
 * (the stream is ordered by probability per guess) and a found account
 * stops costing anything.  The first rounds are small slices, so that
 * with 10,000 mailboxes a short budget still gives each its first
 * guesses: 4 fills the SIMD lanes of one hash call, and the generator an
 * account rebuilds each round costs about as much as one hash.  The steps are fine up to the few thousand
 * positions a nightly budget gives each account (a 30-minute budget on 2
 * cores is about 3,600 each for 1,000 accounts), so that when the budget
 * runs out mid-round the accounts left out of the round have lost little;
 * rebuilding an account's generator each round costs a few milliseconds.
 */
static const uint64_t round_targets[] = {
	4, 16, 64, 250, 500, 1000, 1500, 2000, 2500, 3000, 3600, 4500, 6000, 8000,
	12000, 20000, 35000, 60000, 120000, 300000, 800000, 2000000,
	5000000, 15000000, 50000000, 150000000
};
#define NROUNDS (sizeof(round_targets) / sizeof(round_targets[0]))

/* see audit.h */
void
audit_classify(struct audit_account *a)
{
	const char *h = a->hash != NULL ? a->hash : "";
	const char *p;
	unsigned long rounds;
	size_t i;

	a->flags &= ~(AUDIT_F_EMPTY | AUDIT_F_PLAIN | AUDIT_F_MD5 |
	    AUDIT_F_DES | AUDIT_F_ROUNDS | AUDIT_F_UNKNOWN);
	a->guessable = 0;
	a->cost = 1.0;
	if (*h == '\0') {
		a->flags |= AUDIT_F_EMPTY;
		return;
	}
	if (strncasecmp(h, "{PLAIN}", 7) == 0 ||
	    strncasecmp(h, "{CLEARTEXT}", 11) == 0 ||
	    strncasecmp(h, "{CLEAR}", 7) == 0) {
		a->flags |= AUDIT_F_PLAIN;
		return;
	}
	if (strncmp(h, "$6$", 3) == 0 || strncmp(h, "$5$", 3) == 0) {
		rounds = 5000;
		if (strncmp(h + 3, "rounds=", 7) == 0)
			rounds = strtoul(h + 10, NULL, 10);
		if (rounds < AUDIT_MIN_ROUNDS)
			a->flags |= AUDIT_F_ROUNDS;
		if (crackhash_parse(h, &a->ch, NULL) != 0) {
			a->flags |= AUDIT_F_UNKNOWN;
			return;
		}
		/* $5$ has no engine of our own: crypt_rn() at its pace. */
		a->cost = (double)(rounds < 1000 ? 1000 : rounds) / 5000.0 *
		    (h[1] == '5' ? 2.0 : 1.0);
		a->guessable = 1;
		return;
	}
	if (strncmp(h, "$1$", 3) == 0) {
		a->flags |= AUDIT_F_MD5;
		if (crackhash_parse(h, &a->ch, NULL) != 0) {
			a->flags |= AUDIT_F_UNKNOWN;
			return;
		}
		a->cost = 0.1;
		a->guessable = 1;
		return;
	}
	if (strlen(h) == 13) {
		for (i = 0, p = h; *p != '\0'; p++, i++)
			if (!isalnum((unsigned char)*p) && *p != '.' &&
			    *p != '/')
				break;
		if (*p == '\0' && crackhash_parse(h, &a->ch, NULL) == 0) {
			a->flags |= AUDIT_F_DES;
			a->cost = 0.02;
			a->guessable = 1;
			return;
		}
	}
	a->flags |= AUDIT_F_UNKNOWN;
}

/* Copies the words of list id, all of them, so that a word's index + 1
 * is its rank for the estimator. */
static void
dict_section(enum wordlist_id id, const char ***words, size_t *n)
{
	struct wordlist_iter it;
	const char *w;
	size_t len;

	*words = xcalloc(wordlist_count(id) + 1, sizeof(**words));
	*n = 0;
	wordlist_iter_init(&it, id);
	while (wordlist_iter_next(&it, &w, &len))
		(*words)[(*n)++] = xstrndup(w, len);
}

/* The candidates' lists are the estimator's, in the same order. */
typedef char audit_lists_check[(int)CAND_NLISTS == (int)WORDLIST_NRANKED &&
    (int)CAND_L_PLACES == (int)WORDLIST_PLACES ? 1 : -1];

static pthread_once_t dict_once = PTHREAD_ONCE_INIT;
static struct cand_dict *dict;

/* see audit.h */
struct cand_dict *
audit_dict_new(uint64_t limit)
{
	struct cand_lists l;
	struct cand_dict *d;
	const char **w[CAND_NLISTS];
	size_t n[CAND_NLISTS], i, k;

	memset(&l, 0, sizeof(l));
	for (k = 0; k < CAND_NLISTS; k++) {
		dict_section((enum wordlist_id)k, &w[k], &n[k]);
		l.lists[k].words = w[k];
		l.lists[k].n = n[k];
	}
	l.limit = limit;
	d = cand_dict_new(&l);
	/* cand_dict_new copied what it needs. */
	for (k = 0; k < CAND_NLISTS; k++) {
		for (i = 0; i < n[k]; i++)
			free((char *)w[k][i]);
		free(w[k]);
	}
	return d;
}

/* The audit guesses from the estimator's own ranked dictionaries. */
static void
dict_build(void)
{
	dict = audit_dict_new(0);
}

/* see audit.h */
const struct cand_dict *
audit_dict(void)
{
	pthread_once(&dict_once, dict_build);
	return dict;
}

struct guess_shared {
	struct audit_account	*v;
	size_t			*work;	/* account indices this round */
	size_t			 nwork;
	size_t			 next;	/* atomic */
	size_t			 running;	/* atomic: workers left */
	double			 target;	/* cost-1 position of the round */
	double			 deadline;	/* monotonic seconds */
	const struct cand_dict	*d;
	volatile sig_atomic_t	*cancel;
	uint64_t		 tested;	/* atomic */
	size_t			 weak;		/* atomic */
	int			 error;
	char			 errmsg[ERRBUF_LEN];
};

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
stop_now(const struct guess_shared *s)
{
	return (s->cancel != NULL && *s->cancel) || now_mono() >= s->deadline;
}

/* Guesses account a up to its target for this round. */
static void
guess_account(struct guess_shared *s, struct audit_account *a)
{
	struct cand_context ctx = { a->email, a->name, a->org };
	struct cand_gen *g;
	struct cand *c;
	const char *cands[BATCH];
	size_t lens[BATCH], k, i;
	uint64_t limit;
	ssize_t match;
	struct errbuf eb;

	limit = (uint64_t)(s->target / a->cost);
	if (limit <= a->tried)
		return;
	g = cand_gen_new(s->d, &ctx);
	/* Candidates are guesses, but one may be the password: guarded. */
	if ((c = sodium_allocarray(BATCH, sizeof(*c))) == NULL) {
		cand_gen_free(g);
		s->error = 1;
		return;
	}
	a->total = cand_gen_total(g);
	cand_gen_seek(g, a->tried);
	while (a->tried < limit && !(a->flags & AUDIT_F_WEAK)) {
		if (stop_now(s))
			break;
		for (k = 0; k < BATCH && cand_gen_pos(g) < limit &&
		    cand_gen_next(g, &c[k]); k++) {
			cands[k] = c[k].buf;
			lens[k] = c[k].len;
		}
		if (k == 0) {
			a->tried = cand_gen_pos(g);
			break;
		}
		if (crackhash_verify_batch(&a->ch, cands, lens, k, &match,
		    &eb) != 0) {
			/* libcrypt cannot test this hash: give up on it. */
			a->guessable = 0;
			a->flags |= AUDIT_F_UNKNOWN;
			break;
		}
		__atomic_add_fetch(&s->tested, k, __ATOMIC_RELAXED);
		a->tried_now += k;
		if (match >= 0) {
			a->flags |= AUDIT_F_WEAK;
			a->tag = c[match].tag;
			a->tried = c[match].pos + 1;
			__atomic_add_fetch(&s->weak, 1, __ATOMIC_RELAXED);
		} else
			a->tried = c[k - 1].pos + 1;
		for (i = 0; i < k; i++)
			sodium_memzero(c[i].buf, sizeof(c[i].buf));
	}
	if (cand_gen_pos(g) >= a->total && a->tried >= a->total)
		a->tried = a->total;
	sodium_free(c);
	cand_gen_free(g);
}

static void *
guess_worker(void *arg)
{
	struct guess_shared *s = arg;
	size_t i;

	while (!stop_now(s)) {
		i = __atomic_fetch_add(&s->next, 1, __ATOMIC_RELAXED);
		if (i >= s->nwork)
			break;
		guess_account(s, &s->v[s->work[i]]);
	}
	__atomic_sub_fetch(&s->running, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * Sets the stream size of the accounts of this round that no round
 * reached in this run (resumed past their target, or found before), for
 * the report: it ignores the deadline, which has passed.
 */
static void *
total_worker(void *arg)
{
	struct guess_shared *s = arg;
	struct audit_account *a;
	struct cand_context ctx;
	struct cand_gen *g;
	size_t i;

	while (s->cancel == NULL || !*s->cancel) {
		i = __atomic_fetch_add(&s->next, 1, __ATOMIC_RELAXED);
		if (i >= s->nwork)
			break;
		a = &s->v[s->work[i]];
		ctx.email = a->email;
		ctx.name = a->name;
		ctx.org = a->org;
		g = cand_gen_new(s->d, &ctx);
		a->total = cand_gen_total(g);
		if (a->tried > a->total)
			a->tried = a->total;
		cand_gen_free(g);
	}
	return NULL;
}

/* see audit.h */
int
audit_guess(struct audit_account *v, size_t n, struct auditstate *st,
    const struct audit_opts *opts, struct audit_summary *sum,
    struct errbuf *eb)
{
	struct guess_shared s;
	struct audit_progress pr;
	pthread_t *tids;
	struct timespec nap = { 0, 200 * 1000 * 1000 };
	double start = now_mono();
	size_t i, r, t, nacc = 0;
	uint64_t pos;
	uint32_t tag;
	int nthreads = opts->threads > 0 ? opts->threads : 1, rc = 0;

	memset(&s, 0, sizeof(s));
	s.v = v;
	s.d = audit_dict();
	s.cancel = opts->cancel;
	s.deadline = start + opts->budget;
	s.work = xcalloc(n + 1, sizeof(*s.work));
	tids = xcalloc((size_t)nthreads, sizeof(*tids));

	for (i = 0; i < n; i++) {
		if (!v[i].guessable)
			continue;
		nacc++;
		if (st != NULL && auditstate_get(st, v[i].hash, &pos, &tag)) {
			v[i].tried = pos;
			if (tag != 0) {
				v[i].flags |= AUDIT_F_WEAK;
				v[i].tag = tag;
				s.weak++;
			}
		}
	}
	memset(&pr, 0, sizeof(pr));
	pr.accounts = nacc;
	pr.budget = opts->budget;

	for (r = 0; r < NROUNDS && !stop_now(&s); r++) {
		s.nwork = 0;
		for (i = 0; i < n; i++)
			if (v[i].guessable && !(v[i].flags & AUDIT_F_WEAK) &&
			    (v[i].total == 0 || v[i].tried < v[i].total) &&
			    (double)v[i].tried < round_targets[r] / v[i].cost)
				s.work[s.nwork++] = i;
		if (s.nwork == 0)
			continue;
		s.target = (double)round_targets[r];
		s.next = 0;
		s.running = (size_t)nthreads;
		for (t = 0; t < (size_t)nthreads; t++)
			if (pthread_create(&tids[t], NULL, guess_worker, &s) !=
			    0) {
				/* Fewer threads: the others share the work. */
				__atomic_sub_fetch(&s.running, 1,
				    __ATOMIC_RELEASE);
				tids[t] = 0;
			}
		while (__atomic_load_n(&s.running, __ATOMIC_ACQUIRE) > 0) {
			if (opts->progress != NULL) {
				pr.tested = __atomic_load_n(&s.tested,
				    __ATOMIC_RELAXED);
				pr.weak = __atomic_load_n(&s.weak,
				    __ATOMIC_RELAXED);
				pr.elapsed = now_mono() - start;
				opts->progress(opts->progress_arg, &pr);
			}
			nanosleep(&nap, NULL);
		}
		for (t = 0; t < (size_t)nthreads; t++)
			if (tids[t] != 0)
				pthread_join(tids[t], NULL);
		/* Progress survives a crash in the next round. */
		if (st != NULL) {
			for (i = 0; i < n; i++)
				if (v[i].guessable)
					auditstate_put(st, v[i].hash,
					    v[i].tried, v[i].tag);
			auditstate_save(st, NULL);
		}
	}
	s.nwork = 0;
	for (i = 0; i < n; i++)
		if (v[i].guessable && v[i].total == 0)
			s.work[s.nwork++] = i;
	s.next = 0;
	for (t = 0; s.nwork > 0 && t < (size_t)nthreads; t++)
		if (pthread_create(&tids[t], NULL, total_worker, &s) != 0)
			tids[t] = 0;
	total_worker(&s);
	for (t = 0; s.nwork > 0 && t < (size_t)nthreads; t++)
		if (tids[t] != 0)
			pthread_join(tids[t], NULL);
	if (st != NULL)
		for (i = 0; i < n; i++)
			if (v[i].guessable)
				auditstate_put(st, v[i].hash, v[i].tried,
				    v[i].tag);
	if (opts->progress != NULL) {
		pr.tested = s.tested;
		pr.weak = s.weak;
		pr.elapsed = now_mono() - start;
		opts->progress(opts->progress_arg, &pr);
	}
	sum->tested += s.tested;
	sum->elapsed += now_mono() - start;
	sum->threads = nthreads;
	if (s.error)
		rc = err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory for candidates");
	else if (opts->cancel != NULL && *opts->cancel)
		rc = err_set(eb, ISPM_ECANCEL, "audit interrupted");
	free(s.work);
	free(tids);
	return rc;
}

/* Fetches the current hash of address into *hash (owned). */
static int
fetch_hash(struct api *api, const char *address, char **hash,
    struct errbuf *eb)
{
	struct mailbox *v = NULL;
	const char *dom = strrchr(address, '@');
	size_t n = 0, i;
	int r;

	*hash = NULL;
	if (dom == NULL)
		return err_set(eb, ISPM_EDATA, "'%s' is not an address",
		    address);
	if ((r = mbx_list(api, dom + 1, 1, &v, &n, eb)) != 0)
		return r;
	for (i = 0; i < n; i++)
		if (v[i].email != NULL && strcasecmp(v[i].email, address) == 0) {
			*hash = xstrdup(v[i].password_hash != NULL ?
			    v[i].password_hash : "");
			break;
		}
	mailboxes_free(v, n);
	if (*hash == NULL)
		return err_set(eb, ISPM_ENOTFOUND, "no mailbox '%s'", address);
	return 0;
}

#define AUDIT_GONE	"mailbox no longer exists"

/*
 * A record settled unapplied (its answer lost, or a crash) may have been
 * applied after all by a panel that finished the request later.  While it
 * is the latest record of its mailbox, a hash that no longer matches the
 * recorded old one means the update landed late (or the password was
 * changed by hand since, which only unseal can tell): it becomes applied.
 * Returns 0 when settled again, -1 when there is nothing to do, or an API
 * error.
 */
static int
recheck_unapplied(struct api *api, struct journal *j, size_t i,
    struct errbuf *eb)
{
	const struct journal_entry *e = journal_entry(j, i), *later;
	char digest[JOURNAL_DIGEST_HEX], *hash = NULL;
	size_t k;
	int r;

	if (e->create ||
	    (e->detail != NULL && strcmp(e->detail, AUDIT_GONE) == 0))
		return -1;
	for (k = i + 1; k < journal_count(j); k++) {
		later = journal_entry(j, k);
		if (strcasecmp(later->address, e->address) == 0)
			return -1;
	}
	if ((r = fetch_hash(api, e->address, &hash, eb)) == ISPM_ENOTFOUND) {
		/* Recorded, so that a deleted mailbox is looked up once. */
		return journal_outcome(j, e->id, JOURNAL_UNAPPLIED, AUDIT_GONE,
		    eb);
	}
	if (r != 0)
		return r;
	journal_digest(hash, digest);
	free(hash);
	if (sodium_memcmp(digest, e->old_digest, sizeof(digest)) == 0)
		return -1;
	return journal_outcome(j, e->id, JOURNAL_APPLIED, "settled again: "
	    "the hash changed after the record was settled unapplied (a "
	    "late update, or a change by hand); check with unseal", eb);
}

/* see audit.h */
int
audit_recover(struct api *api, struct journal *j, size_t *settled,
    FILE *log, struct errbuf *eb)
{
	const struct journal_entry *e;
	char digest[JOURNAL_DIGEST_HEX], *hash = NULL;
	size_t i;
	int r;

	*settled = 0;
	for (i = 0; i < journal_count(j); i++) {
		e = journal_entry(j, i);
		if (e->state == JOURNAL_UNAPPLIED) {
			if ((r = recheck_unapplied(api, j, i, eb)) < 0)
				continue;
			if (r != 0)
				return r;
			goto settled;
		}
		if (e->state != JOURNAL_INTENDED)
			continue;
		r = fetch_hash(api, e->address, &hash, eb);
		if (r == ISPM_ENOTFOUND) {
			/* Deleted since, or never created: nothing to apply,
			 * nothing lost. */
			r = journal_outcome(j, e->id, JOURNAL_UNAPPLIED,
			    e->create ? "recovered: the mailbox was never "
			    "created" : AUDIT_GONE, eb);
		} else if (r == 0 && e->create) {
			/* Only the sealed password can say whether the one
			 * that exists is ours: unseal checks it. */
			r = journal_outcome(j, e->id, JOURNAL_APPLIED,
			    "recovered: the mailbox exists; check with unseal",
			    eb);
			free(hash);
			hash = NULL;
		} else if (r == 0) {
			journal_digest(hash, digest);
			if (sodium_memcmp(digest, e->old_digest,
			    sizeof(digest)) == 0)
				r = journal_outcome(j, e->id,
				    JOURNAL_UNAPPLIED, "recovered: the old "
				    "hash is still in place", eb);
			else
				r = journal_outcome(j, e->id, JOURNAL_APPLIED,
				    "recovered: the hash changed; check with "
				    "unseal", eb);
			free(hash);
			hash = NULL;
		}
		if (r != 0)
			return r;
 settled:
		(*settled)++;
		if (log != NULL) {
			fprintf(log, "ispmail: journal record %" PRIu64
			    " for '", e->id);
			out_safe(log, e->address);
			fprintf(log, "' settled as %s\n",
			    journal_state_name(journal_entry(j, i)->state));
		}
	}
	return 0;
}

static void
set_rot(struct audit_account *a, enum audit_rotation rot, const char *detail)
{
	a->rot = rot;
	free(a->rot_detail);
	a->rot_detail = detail != NULL ? xstrdup(detail) : NULL;
}

/*
 * 1 when the last call failed because the panel answered with a fault, so
 * the update was refused rather than its answer lost.
 */
static int
panel_refused(const struct api *api)
{
	switch (api_last_fault(api)) {
	case API_FAULT_NONE:
	case API_FAULT_TRANSPORT:
	case API_FAULT_PROTOCOL:
		return 0;
	default:
		return 1;
	}
}

/*
 * The update of record id failed with why: refused, or its answer lost or
 * garbled after the panel may have applied it.  Only the stored hash
 * tells which, as after a crash: unchanged, the old password is in place
 * (failed when the panel refused, unapplied when the answer was lost);
 * changed, the update took effect and *hash receives the new hash.
 * When the hash cannot be read, the record keeps no outcome and the next
 * audit settles it.  Returns 0, ISPM_ECANCEL or ISPM_EIO.
 */
static int
settle_failed_update(struct api *api, struct journal *j, uint64_t id,
    struct audit_account *a, int refused, const char *why, char **hash,
    struct errbuf *eb)
{
	struct errbuf e2;
	char *detail;
	int r;

	*hash = NULL;
	if ((r = fetch_hash(api, a->email, hash, &e2)) == ISPM_ENOTFOUND) {
		detail = xasprintf("%s; the mailbox no longer exists", why);
		r = journal_outcome(j, id, JOURNAL_UNAPPLIED, detail, eb);
		set_rot(a, AUDIT_ROT_FAILED, detail);
		free(detail);
		return r;
	}
	if (r != 0) {
		detail = xasprintf("%s; cannot read the hash back (%s): the "
		    "next audit settles it", why, e2.msg);
		set_rot(a, AUDIT_ROT_UNKNOWN, detail);
		free(detail);
		return r == ISPM_ECANCEL ? err_set(eb, r, "%s", e2.msg) : 0;
	}
	if (strcmp(*hash, a->hash) == 0) {
		free(*hash);
		*hash = NULL;
		detail = xasprintf("%s; the old hash is still in place", why);
		r = journal_outcome(j, id, refused ? JOURNAL_FAILED :
		    JOURNAL_UNAPPLIED, detail, eb);
		set_rot(a, AUDIT_ROT_FAILED, why);
		free(detail);
		return r;
	}
	detail = xasprintf("%s; but the hash changed", why);
	r = journal_outcome(j, id, JOURNAL_APPLIED, detail, eb);
	set_rot(a, AUDIT_ROT_APPLIED, detail);
	free(detail);
	if (r != 0) {
		free(*hash);
		*hash = NULL;
	}
	return r;
}

/* see audit.h */
int
audit_rotate(struct api *api, struct journal *j, const unsigned char *pk,
    struct audit_account *a, struct errbuf *eb)
{
	struct pwgen_opts po = { PWGEN_CHARS, PWGEN_DEFAULT_LENGTH,
	    PWGEN_DEFAULT_WORDS };
	struct strength_policy policy;
	struct secret *pw = NULL;
	struct crackhash ch;
	struct errbuf e2;
	char lat[SECRET_MAX + 1], *hash = NULL;
	const char *ctx[3], *cands[1];
	size_t nctx = 0, lens[1];
	ssize_t match;
	uint64_t id;
	int r;

	strength_policy_default(&policy);
	ctx[nctx++] = a->email;
	if (a->name != NULL)
		ctx[nctx++] = a->name;
	if (a->org != NULL)
		ctx[nctx++] = a->org;
	if ((pw = secret_new(SECRET_MAX)) == NULL)
		return err_set(eb, ISPM_EINTERNAL,
		    "cannot allocate guarded memory");
	/* The panel refuses what its own rule does: a length of 20, say. */
	if ((r = mbx_password_policy(api, &policy.ispc_min_length,
	    &policy.ispc_min_strength, &e2)) != 0 ||
	    (r = pwgen_generate(&po, &policy, ctx, nctx, pw, &e2)) != 0) {
		set_rot(a, AUDIT_ROT_FAILED, e2.msg);
		r = 0;
		goto out;
	}
	/* Recorded and synced before the panel sees it, or not sent. */
	if ((r = journal_intend(j, pk, a->email, a->hash, pw, &id, eb)) != 0)
		goto out;
	if ((r = mbx_set_password(api, a->email, pw, &e2)) != 0) {
		if (r == ISPM_ECANCEL) {
			/* Unknown whether it applied: the next run settles
			 * it from the hash. */
			err_set(eb, r, "%s", e2.msg);
			goto out;
		}
		if ((r = settle_failed_update(api, j, id, a,
		    panel_refused(api), e2.msg, &hash, eb)) != 0 ||
		    hash == NULL)
			goto out;
	} else {
		if ((r = journal_outcome(j, id, JOURNAL_APPLIED, NULL,
		    eb)) != 0)
			goto out;
		set_rot(a, AUDIT_ROT_APPLIED, "new hash not checked");
		/* The panel hashes with its own salt: test our password
		 * on it. */
		if (fetch_hash(api, a->email, &hash, &e2) != 0) {
			set_rot(a, AUDIT_ROT_APPLIED, e2.msg);
			goto out;
		}
	}
	if (crackhash_parse(hash, &ch, &e2) != 0) {
		set_rot(a, AUDIT_ROT_APPLIED, e2.msg);
		goto out;
	}
	lens[0] = utf8_to_latin1(pw->buf, pw->len, lat, sizeof(lat));
	cands[0] = lat;
	if (lens[0] >= sizeof(lat) ||
	    crackhash_verify_batch(&ch, cands, lens, 1, &match, &e2) != 0 ||
	    match != 0) {
		set_rot(a, AUDIT_ROT_APPLIED, "the new hash does not match "
		    "the new password");
		(void)journal_outcome(j, id, JOURNAL_APPLIED,
		    "the new hash does not match the new password", NULL);
		goto out;
	}
	if ((r = journal_outcome(j, id, JOURNAL_VERIFIED, NULL, eb)) != 0)
		goto out;
	set_rot(a, AUDIT_ROT_VERIFIED, NULL);
	free(a->hash);
	a->hash = hash;
	hash = NULL;
	r = 0;
out:
	sodium_memzero(lat, sizeof(lat));
	secret_free(pw);
	free(hash);
	return r;
}

/* see audit.h */
unsigned
audit_shard_of(const char *address, unsigned n)
{
	unsigned char h[8];
	char *low = xstrdup(address), *p;
	uint64_t x = 0;
	int i;

	for (p = low; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	crypto_generichash(h, sizeof(h), (const unsigned char *)low,
	    strlen(low), NULL, 0);
	free(low);
	for (i = 7; i >= 0; i--)
		x = x << 8 | h[i];
	return n == 0 ? 0 : (unsigned)(x % n);
}

/* see audit.h */
int
audit_parse_shard(const char *s, unsigned *i, unsigned *n, struct errbuf *eb)
{
	unsigned long a, b;
	char *end;

	errno = 0;
	a = strtoul(s, &end, 10);
	if (end == s || *end != '/' || !isdigit((unsigned char)*s))
		goto bad;
	s = end + 1;
	if (!isdigit((unsigned char)*s))
		goto bad;
	b = strtoul(s, &end, 10);
	if (*end != '\0' || errno != 0 || b == 0 || b > 65536 || a >= b)
		goto bad;
	*i = (unsigned)a;
	*n = (unsigned)b;
	return 0;
bad:
	return err_set(eb, ISPM_EUSAGE, "bad shard: want I/N with "
	    "0 <= I < N <= 65536");
}

/* see audit.h */
void
audit_accounts_free(struct audit_account *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].email);
		free(v[i].name);
		free(v[i].org);
		free(v[i].hash);
		free(v[i].rot_detail);
	}
	free(v);
}
