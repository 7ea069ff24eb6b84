#!/bin/sh
# Recall under budget: the simulator is seeded with 1,000 mailboxes, some
# with weak passwords of known classes, the rest random; `ispmail audit
# --budget BUDGET` on 2 threads and John the Ripper (Debian's john, its
# default mode: single crack on the login and name, then its word list
# with rules, then incremental, on 2 processes) get the same wall time.
# Prints the fraction of weak passwords each finds, per class, and the
# ratio.  Run on demand, not by make check:
#
#   BUDGET=5m sh bench/bench-audit-recall.sh
#
# The weak passwords follow a model of their own, not the audit's rules:
#   name     the password column of bench/data/mailbox-names.tsv (the
#            strength checker's held-out set of mailbox-name variants)
#   common   uniform over the top 1,000 of the ranked password list
#   frword   a French word (top 1,000 of the French list, 4+ letters),
#            capitalised half the time, + a year 1960..2024
#   walk     an AZERTY walk, optionally + 1, 123 or !
# Every hash is $6$rounds=5000$ with a random salt, as ISPConfig makes.
set -eu
LC_ALL=C
export LC_ALL
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
BUDGET=${BUDGET:-30m}
THREADS=${THREADS:-2}
N=${N:-1000}
WEAK=${WEAK:-250}
SEED=${SEED:-5}
export top_srcdir top_builddir

for c in john python3 jq curl timeout; do
	command -v "$c" >/dev/null 2>&1 || {
		echo "bench-audit-recall: $c is needed" >&2
		exit 1
	}
done
"$top_builddir/ispmail" help audit >/dev/null 2>&1 || {
	echo "bench-audit-recall: $top_builddir/ispmail has no audit" >&2
	exit 1
}

case $BUDGET in
*h) secs=$(( ${BUDGET%h} * 3600 )) ;;
*m) secs=$(( ${BUDGET%m} * 60 )) ;;
*s) secs=${BUDGET%s} ;;
*) secs=$BUDGET ;;
esac

W=$(mktemp -d "${TMPDIR:-/tmp}/bench-recall.XXXXXX")
SIM_PID=
cleanup() {
	[ -z "$SIM_PID" ] || kill "$SIM_PID" 2>/dev/null || :
	if [ -n "${KEEP:-}" ]; then
		echo "bench-audit-recall: files kept in $W" >&2
	else
		rm -rf "$W"
	fi
}
trap cleanup EXIT

# The strength checker's word lists, as the audit sees them.
cat >"$W/dump.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strength-int.h"
int
main(int argc, char **argv)
{
	int d = atoi(argv[1]);
	size_t i, off = strength_sections[d].start;
	const char *nl;

	for (i = 0; i < strength_sections[d].count; i++) {
		nl = memchr(strength_dict_blob + off, '\n',
		    strength_dict_bloblen - off);
		printf("%.*s\n", (int)(nl - strength_dict_blob - off),
		    strength_dict_blob + off);
		off = (size_t)(nl - strength_dict_blob) + 1;
	}
	return 0;
}
EOF
${CC:-cc} -O1 -I"$top_srcdir/src" -o "$W/dump" "$W/dump.c" \
    "$top_srcdir/src/strength-data.c"
"$W/dump" 0 >"$W/common.txt"
"$W/dump" 1 >"$W/french.txt"

# The simulator's demo database, grown to N mailboxes.
"$top_builddir/ispconfig-sim" --listen 127.0.0.1:0 --state "$W/demo.json" \
    >"$W/sim.out" 2>"$W/sim.err" &
SIM_PID=$!
sleep 1
kill "$SIM_PID"
wait "$SIM_PID" 2>/dev/null || :
SIM_PID=

python3 - "$W" "$N" "$WEAK" "$SEED" "$top_srcdir" <<'EOF'
import crypt, json, random, sys, os
w, n, nweak, seed, src = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4]), sys.argv[5]
rnd = random.Random(seed)
db = json.load(open(f"{w}/demo.json"))
users = db["mail_user"]
tmpl_u = dict(users[0])
tmpl_d = dict(db["mail_domain"][0])
# ASCII only: Python's crypt hashes UTF-8, ISPConfig hashes Latin-1.
rows = [r for r in (l.rstrip("\n").split("\t") for l in
        open(f"{src}/bench/data/mailbox-names.tsv", encoding="utf-8"))
        if len(r) >= 3 and r[0].isascii() and r[1].isascii()]
rnd.shuffle(rows)
common = [l.strip() for l in open(f"{w}/common.txt")][:1000]
french = [x for x in (l.strip() for l in open(f"{w}/french.txt"))
          if len(x) >= 4 and x.isalpha()][:1000]
walks = ["azerty", "azertyuiop", "azertyu", "qsdfgh", "qsdfghjklm",
         "wxcvbn", "azer", "azert", "aqwzsx", "azqswx", "1a2z3e4r",
         "a1z2e3r4", "azeqsd", "azerty123", "poiuytreza", "mlkjhgfdsq",
         "qsdf", "wxcv", "azertyuiop123", "ytreza"]
alphabet = ("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
            "23456789!#%+-=?@")
klass = ["name", "common", "frword", "walk"]
share = [0.3, 0.28, 0.24, 0.18]
weak = []
for i in range(nweak):
    r, acc = rnd.random(), 0
    for k, s in zip(klass, share):
        acc += s
        if r < acc:
            break
    weak.append(k)
weak += ["strong"] * (n - nweak)
rnd.shuffle(weak)
users = []
domains = {}
truth = open(f"{w}/truth.tsv", "w")
passwd = open(f"{w}/john.passwd", "w")
for i in range(n):
    pw0, email, name = rows[i % len(rows)][:3]
    local, dom = email.split("@")
    email = f"{local}{'' if i < len(rows) else i}@{dom}"
    k = weak[i]
    if k == "name":
        pw = pw0
    elif k == "common":
        pw = rnd.choice(common)
    elif k == "frword":
        pw = rnd.choice(french)
        if rnd.random() < 0.5:
            pw = pw.capitalize()
        pw += str(rnd.randint(1960, 2024))
    elif k == "walk":
        pw = rnd.choice(walks) + rnd.choice(["", "", "1", "123", "!"])
    else:
        pw = "".join(rnd.choice(alphabet) for _ in range(16))
    salt = "".join(rnd.choice("0123456789abcdef") for _ in range(16))
    h = crypt.crypt(pw, f"$6$rounds=5000${salt}$")
    u = dict(tmpl_u)
    u.update({"mailuser_id": str(i + 1), "email": email, "login": email,
              "name": name, "password": h,
              "maildir": f"/var/vmail/{dom}/{local}"})
    users.append(u)
    if dom not in domains:
        d = dict(tmpl_d)
        d.update({"domain_id": str(len(domains) + 1), "domain": dom})
        domains[dom] = d
    truth.write(f"{email}\t{k}\n")
    # john sees what an attacker with the database would: login and name.
    passwd.write(f"{email}:{h}:{i + 1}:1000:{name}:/home/x:/bin/sh\n")
db["mail_user"] = users
db["mail_domain"] = list(domains.values())
json.dump(db, open(f"{w}/db.json", "w"))
EOF

"$top_builddir/ispconfig-sim" --listen 127.0.0.1:0 --state "$W/db.json" \
    >"$W/sim.out" 2>"$W/sim.err" &
SIM_PID=$!
i=0
while ! grep -q '^listening on ' "$W/sim.out" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
url=$(sed -n '1s/^listening on //p' "$W/sim.out")
printf 'apipass123\n' >"$W/pw"
chmod 600 "$W/pw"
printf 'profile bench\n\turl %s\n\tuser apiuser\n\tpassword_file %s/pw\n' \
    "$url" "$W" >"$W/conf"
chmod 600 "$W/conf"

echo "bench-audit-recall: $N mailboxes, $(grep -vc 'strong$' "$W/truth.tsv") weak; budget $BUDGET on $THREADS threads"
rc=0
XDG_STATE_HOME=$W/state ISPMAIL_CONFIG=$W/conf \
    "$top_builddir/ispmail" audit --budget "$BUDGET" --threads "$THREADS" \
    --json >"$W/audit.json" 2>"$W/audit.err" || rc=$?
[ $rc -le 1 ] || { cat "$W/audit.err" >&2; exit 1; }
jq -r '.mailboxes[] | select(.findings | index("weak")) | .address' \
    "$W/audit.json" | sort >"$W/audit.found"
jq -r '"ispmail: \(.summary.candidates) candidates in \(.summary.seconds) s = \(.summary.candidates / .summary.seconds | floor) per second"' \
    "$W/audit.json"

# john: the same wall time on the same number of processes.
# Debian's john 1.9 has no --max-run-time: timeout(1) stops it.
( cd "$W" && timeout "$secs" john --format=crypt --fork="$THREADS" \
    --pot="$W/john.pot" john.passwd >"$W/john.out" 2>&1 ) || :
( cd "$W" && john --format=crypt --pot="$W/john.pot" --show john.passwd ) \
    2>/dev/null | sed -n 's/^\([^:]*@[^:]*\):.*/\1/p' | sort >"$W/john.found"

awk -F'\t' -v af="$W/audit.found" -v jf="$W/john.found" '
BEGIN {
	while ((getline l < af) > 0) a[l] = 1
	while ((getline l < jf) > 0) j[l] = 1
}
$2 != "strong" {
	n[$2]++; tot++
	if ($1 in a) { na[$2]++; ta++ }
	if ($1 in j) { nj[$2]++; tj++ }
}
$2 == "strong" && ($1 in a) { fa++ }
END {
	printf "%-8s %6s %9s %9s\n", "class", "weak", "ispmail", "john"
	for (k in n)
		printf "%-8s %6d %8.1f%% %8.1f%%\n", k, n[k],
		    100 * na[k] / n[k], 100 * nj[k] / n[k]
	printf "%-8s %6d %8.1f%% %8.1f%%\n", "all", tot, 100 * ta / tot,
	    100 * tj / tot
	if (fa > 0)
		printf "WRONG: ispmail flagged %d strong passwords\n", fa
	if (tj > 0)
		printf "recall ratio ispmail/john: %.2f\n", ta / tj
	else
		printf "recall ratio ispmail/john: john found none\n"
}' "$W/truth.tsv"
