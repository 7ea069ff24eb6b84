/*
 * see auditreport.h
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <json-c/json.h>

#include "auditreport.h"
#include "candidates.h"
#include "output.h"
#include "xmalloc.h"

/* see auditreport.h */
void
auditreport_summarise(const struct audit_account *v, size_t n,
    struct audit_summary *sum)
{
	size_t i;

	for (i = 0; i < n; i++) {
		sum->mailboxes++;
		if (v[i].flags & AUDIT_F_WEAK)
			sum->weak++;
		if (v[i].flags & AUDIT_F_EMPTY)
			sum->empty++;
		if (v[i].flags & AUDIT_F_PLAIN)
			sum->plain++;
		if (v[i].flags & (AUDIT_F_MD5 | AUDIT_F_DES))
			sum->legacy++;
		if (v[i].flags & AUDIT_F_ROUNDS)
			sum->rounds++;
		if (v[i].flags & AUDIT_F_UNKNOWN)
			sum->unknown++;
		if (v[i].rot == AUDIT_ROT_VERIFIED ||
		    v[i].rot == AUDIT_ROT_APPLIED)
			sum->rotated++;
		if (v[i].rot == AUDIT_ROT_FAILED)
			sum->rotate_failed++;
		if (v[i].rot == AUDIT_ROT_UNKNOWN)
			sum->rotate_unknown++;
		if (v[i].guessable && v[i].total > 0 &&
		    v[i].tried >= v[i].total)
			sum->exhausted++;
	}
}

/* see auditreport.h */
const char *
auditreport_finding_text(unsigned flags, uint32_t tag, char *buf, size_t size)
{
	char cls[CAND_CLASS_MAX];
	size_t len = 0;

	buf[0] = '\0';
#define ADD(s) do {							\
		snprintf(buf + len, size - len, "%s%s", len ? "; " : "", (s)); \
		len = strlen(buf);					\
	} while (0)
	if (flags & AUDIT_F_WEAK) {
		cand_class_name(tag, cls, sizeof(cls));
		ADD("weak password: ");
		snprintf(buf + len, size - len, "%s", cls);
		len = strlen(buf);
	}
	if (flags & AUDIT_F_EMPTY)
		ADD("empty password");
	if (flags & AUDIT_F_PLAIN)
		ADD("password stored in plain text");
	if (flags & AUDIT_F_MD5)
		ADD("legacy MD5-crypt hash");
	if (flags & AUDIT_F_DES)
		ADD("legacy DES crypt hash");
	if (flags & AUDIT_F_ROUNDS)
		ADD("fewer than 5000 rounds");
	if (flags & AUDIT_F_UNKNOWN)
		ADD("hash format not tested");
#undef ADD
	return buf;
}

static const char *
rot_name(enum audit_rotation rot)
{
	switch (rot) {
	case AUDIT_ROT_DRYRUN:
		return "would rotate";
	case AUDIT_ROT_VERIFIED:
		return "verified";
	case AUDIT_ROT_APPLIED:
		return "applied";
	case AUDIT_ROT_FAILED:
		return "failed";
	case AUDIT_ROT_UNKNOWN:
		return "unknown";
	default:
		return NULL;
	}
}

static void
fmt_duration(double s, char *buf, size_t size)
{
	long t = lround(s);

	if (t >= 3600)
		snprintf(buf, size, "%ldh%02ldm%02lds", t / 3600,
		    t / 60 % 60, t % 60);
	else if (t >= 60)
		snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, size, "%.1fs", s);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* see auditreport.h */
void
auditreport_text(FILE *out, const struct audit_report *rep, int quiet)
{
	const struct audit_account *v = rep->v;
	const struct audit_summary *sum = rep->sum;
	size_t n = rep->n;
	char what[256], dur[32];
	uint64_t *tried;
	size_t i, ng = 0;
	const char *rot;

	if (!quiet) {
		fprintf(out, "mailboxes: %zu; weak passwords: %zu; empty: %zu; "
		    "plain text: %zu; legacy hashes: %zu; low rounds: %zu; "
		    "untested formats: %zu\n", sum->mailboxes, sum->weak,
		    sum->empty, sum->plain, sum->legacy, sum->rounds,
		    sum->unknown);
		tried = xcalloc(n + 1, sizeof(*tried));
		for (i = 0; i < n; i++)
			if (v[i].guessable || (v[i].flags & AUDIT_F_WEAK))
				tried[ng++] = v[i].tried;
		qsort(tried, ng, sizeof(*tried), cmp_u64);
		fmt_duration(sum->elapsed, dur, sizeof(dur));
		fprintf(out, "coverage: %" PRIu64 " candidates in %s on %d "
		    "thread%s; per account: min %" PRIu64 ", median %" PRIu64
		    ", max %" PRIu64 "; %zu of %zu exhausted\n", sum->tested,
		    dur, sum->threads, sum->threads == 1 ? "" : "s",
		    ng ? tried[0] : 0, ng ? tried[ng / 2] : 0,
		    ng ? tried[ng - 1] : 0, sum->exhausted, ng);
		free(tried);
		if (sum->rotated || sum->rotate_failed)
			fprintf(out, "rotated: %zu; rotation failed: %zu",
			    sum->rotated, sum->rotate_failed);
		if (sum->rotate_unknown)
			fprintf(out, "%soutcome unknown until the next "
			    "audit: %zu", sum->rotated || sum->rotate_failed ?
			    "; " : "", sum->rotate_unknown);
		if (sum->rotated || sum->rotate_failed || sum->rotate_unknown)
			fputc('\n', out);
	}
	for (i = 0; i < n; i++) {
		if (v[i].flags == 0)
			continue;
		if (v[i].profile != NULL) {
			out_safe(out, v[i].profile);
			fputs(": ", out);
		}
		out_safe(out, v[i].email);
		fprintf(out, ": %s", auditreport_finding_text(v[i].flags, v[i].tag,
		    what, sizeof(what)));
		if ((rot = rot_name(v[i].rot)) != NULL) {
			fprintf(out, " [rotation: %s", rot);
			if (v[i].rot_detail != NULL &&
			    v[i].rot != AUDIT_ROT_VERIFIED) {
				fputs(": ", out);
				out_safe(out, v[i].rot_detail);
			}
			fputs("]", out);
		}
		fputc('\n', out);
	}
}

static const struct {
	unsigned	 flag;
	const char	*code;
} finding_codes[] = {
	{ AUDIT_F_WEAK, "weak" },
	{ AUDIT_F_EMPTY, "empty" },
	{ AUDIT_F_PLAIN, "plain" },
	{ AUDIT_F_MD5, "legacy_md5" },
	{ AUDIT_F_DES, "legacy_des" },
	{ AUDIT_F_ROUNDS, "low_rounds" },
	{ AUDIT_F_UNKNOWN, "unknown_format" },
};

static const char *
scheme_name(const struct audit_account *a)
{
	const char *h = a->hash != NULL ? a->hash : "";

	if (a->flags & AUDIT_F_EMPTY)
		return "none";
	if (a->flags & AUDIT_F_PLAIN)
		return "plain";
	if (strncmp(h, "$6$", 3) == 0)
		return "sha512-crypt";
	if (strncmp(h, "$5$", 3) == 0)
		return "sha256-crypt";
	if (strncmp(h, "$1$", 3) == 0)
		return "md5-crypt";
	if (a->flags & AUDIT_F_DES)
		return "des-crypt";
	return "unknown";
}

/* see auditreport.h */
void
auditreport_json(FILE *out, const struct audit_report *rep)
{
	const struct audit_account *v = rep->v;
	const struct audit_summary *sum = rep->sum;
	size_t n = rep->n;
	struct json_object *root, *arr, *o, *f, *s;
	char cls[CAND_CLASS_MAX];
	const char *rot;
	size_t i, k;

	root = json_object_new_object();
	json_object_object_add(root, "schema",
	    json_object_new_string("ispmail-audit/1"));
	arr = json_object_new_array();
	for (i = 0; i < rep->nprofiles; i++)
		json_object_array_add(arr,
		    json_object_new_string(rep->profiles[i]));
	json_object_object_add(root, "profiles", arr);
	arr = json_object_new_array();
	for (i = 0; i < rep->nfailed; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "profile",
		    json_object_new_string(rep->failed[i]));
		json_object_object_add(o, "error",
		    json_object_new_string(rep->why[i]));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "failed_profiles", arr);
	s = json_object_new_object();
	json_object_object_add(s, "index", json_object_new_int((int)rep->shard_i));
	json_object_object_add(s, "count", json_object_new_int((int)rep->shard_n));
	json_object_object_add(root, "shard", s);

	s = json_object_new_object();
	json_object_object_add(s, "mailboxes",
	    json_object_new_int64((int64_t)sum->mailboxes));
	json_object_object_add(s, "weak",
	    json_object_new_int64((int64_t)sum->weak));
	json_object_object_add(s, "empty",
	    json_object_new_int64((int64_t)sum->empty));
	json_object_object_add(s, "plain",
	    json_object_new_int64((int64_t)sum->plain));
	json_object_object_add(s, "legacy",
	    json_object_new_int64((int64_t)sum->legacy));
	json_object_object_add(s, "low_rounds",
	    json_object_new_int64((int64_t)sum->rounds));
	json_object_object_add(s, "unknown_format",
	    json_object_new_int64((int64_t)sum->unknown));
	json_object_object_add(s, "rotated",
	    json_object_new_int64((int64_t)sum->rotated));
	json_object_object_add(s, "rotation_failed",
	    json_object_new_int64((int64_t)sum->rotate_failed));
	json_object_object_add(s, "rotation_unknown",
	    json_object_new_int64((int64_t)sum->rotate_unknown));
	json_object_object_add(s, "exhausted",
	    json_object_new_int64((int64_t)sum->exhausted));
	json_object_object_add(s, "candidates",
	    json_object_new_int64((int64_t)sum->tested));
	json_object_object_add(s, "seconds",
	    json_object_new_double(round(sum->elapsed * 10) / 10));
	json_object_object_add(s, "threads",
	    json_object_new_int(sum->threads));
	json_object_object_add(root, "summary", s);

	arr = json_object_new_array();
	for (i = 0; i < n; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "profile", v[i].profile != NULL ?
		    json_object_new_string(v[i].profile) : NULL);
		json_object_object_add(o, "address",
		    json_object_new_string(v[i].email));
		json_object_object_add(o, "scheme",
		    json_object_new_string(scheme_name(&v[i])));
		f = json_object_new_array();
		for (k = 0; k < sizeof(finding_codes) /
		    sizeof(*finding_codes); k++)
			if (v[i].flags & finding_codes[k].flag)
				json_object_array_add(f,
				    json_object_new_string(
				    finding_codes[k].code));
		json_object_object_add(o, "findings", f);
		json_object_object_add(o, "class", (v[i].flags & AUDIT_F_WEAK) ?
		    json_object_new_string(cand_class_name(v[i].tag, cls,
		    sizeof(cls))) : NULL);
		json_object_object_add(o, "tried",
		    json_object_new_int64((int64_t)v[i].tried));
		json_object_object_add(o, "total",
		    json_object_new_int64((int64_t)v[i].total));
		rot = rot_name(v[i].rot);
		json_object_object_add(o, "rotation", rot != NULL ?
		    json_object_new_string(v[i].rot == AUDIT_ROT_DRYRUN ?
		    "dry-run" : rot) : NULL);
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "mailboxes", arr);
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE), out);
	fputc('\n', out);
	json_object_put(root);
}

/* see auditreport.h */
void
auditreport_syslog(const struct audit_report *rep)
{
	const struct audit_account *v = rep->v;
	size_t n = rep->n;
	char what[256], *addr;
	size_t i;

	openlog("ispmail-audit", LOG_PID, LOG_AUTH);
	for (i = 0; i < n; i++) {
		if (v[i].flags == 0)
			continue;
		addr = out_sanitize(v[i].email);
		syslog(LOG_WARNING, "%s%s%s: %s%s%s",
		    v[i].profile != NULL ? v[i].profile : "",
		    v[i].profile != NULL ? ": " : "", addr,
		    auditreport_finding_text(v[i].flags, v[i].tag, what,
		    sizeof(what)), rot_name(v[i].rot) != NULL ?
		    "; rotation: " : "", rot_name(v[i].rot) != NULL ?
		    rot_name(v[i].rot) : "");
		free(addr);
	}
	closelog();
}
