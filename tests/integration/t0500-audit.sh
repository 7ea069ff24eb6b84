#!/bin/sh
# The password audit against the simulator seeded with weak, strong, empty
# and legacy hashes: it finds exactly the weak ones and says how, never
# prints or stores a password, --rotate is refused without a public key,
# --dry-run changes nothing, --rotate fixes every weak mailbox, a second
# audit finds none, and unseal returns passwords that verify against the
# new hashes.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd curl jq perl setsid

"$top_builddir/ispmail" help audit >/dev/null 2>&1 ||
    skip_all "this build has no audit command yet"

# The first audit must find every weak password of the seed within its
# budget; it is sized for a sanitizer build on 2 cores, and valgrind hashes
# several times slower still (dupont2024 is near position 1,000, and
# every strong account must be past its first 1,000 candidates).
if [ -n "$VALGRIND" ]; then
	BUDGET=${AUDIT_TEST_BUDGET:-240s}
else
	BUDGET=${AUDIT_TEST_BUDGET:-40s}
fi

sim_start --plain --state "$TEST_DIR/db.json"
write_config
ISPMAIL_CONFIG=$ISPMAIL_CONF
XDG_STATE_HOME=$TEST_DIR/state
export ISPMAIL_CONFIG XDG_STATE_HOME
sim_login
out=$TEST_DIR/out
err=$TEST_DIR/err

# The weak ones, each of a different class.
sim_set_password jean.dupont@example.com dupont2024
sim_set_password marie.curie@example.com marseille
sim_set_password alice@example.org alice123
sim_set_password admin@example.org 123456
sim_set_password old@example.org password1 '$1$oldsalt1$'
# Strong ones, one of them behind a legacy hash.
sim_set_password paul@example.com 'Vq8#tLw2-Hz6Kp!9'
sim_set_password contact@example.com 'Rb3$yNc7-Jd5Mx!2'
sim_set_password info@example.com 'k9Q-wT4z-Lm2xPv7'
sim_set_password bob@example.org 'Hs6!pW3e-Zr8Yq#1'
sim_set_password support@example.org 'Nd2@fK8u-Qw5Tb%3'
sim_set_password sales@example.com 'Jx7*mR2v-Wq9Ls!4' '$1$saltsalt$'
# noreply@example.com keeps the demo's empty password.
WEAK='admin@example.org alice@example.org jean.dupont@example.com marie.curie@example.com old@example.org'

rc=0
run_ispmail audit --budget "$BUDGET" --threads 2 >"$out" 2>"$err" || rc=$?
is "weak passwords found: exit 1" "$rc" 1
like "the summary comes first" "$(sed -n 1p "$out")" \
    '^mailboxes: 12; weak passwords: 5; empty: 1; plain text: 0; legacy hashes: 2'
like "jean.dupont: mailbox name + year" "$(cat "$out")" \
    'sim: jean\.dupont@example\.com: weak password: mailbox name \+ year'
like "alice: mailbox name + digits" "$(cat "$out")" \
    'alice@example\.org: weak password: mailbox name \+ digits'
like "marie.curie: a town, France's favourite" "$(cat "$out")" \
    'marie\.curie@example\.com: weak password: place name'
like "old: weak and legacy" "$(cat "$out")" \
    'old@example\.org: weak password: top-100 common password \+ digits; legacy MD5-crypt hash'
like "noreply: empty" "$(cat "$out")" 'noreply@example\.com: empty password'
like "sales: legacy only" "$(cat "$out")" \
    'sales@example\.com: legacy MD5-crypt hash$'
like "the error says how many remain" "$(cat "$err")" \
    'ispmail: audit: 6 weak passwords remain'
if grep -Eq 'dupont2024|marseille|alice123|123456$|password1' "$out" "$err" ||
    grep -rEq 'dupont2024|marseille|alice123|password1|\$6\$' \
    "$XDG_STATE_HOME"; then
	not_ok "no password or hash in the output or the state"
else
	ok "no password or hash in the output or the state"
fi

rc=0
run_ispmail audit --budget 2s --json >"$out" 2>"$err" || rc=$?
is "JSON: exit 1" "$rc" 1
is "JSON: exactly the weak ones, known from the state at once" \
    "$(jq -r '[.mailboxes[] | select(.findings | index("weak")) | .address] | sort | join(" ")' "$out")" \
    "$WEAK"
is "JSON: schema and summary" \
    "$(jq -r '[.schema, .summary.mailboxes, .summary.weak, .summary.empty, .summary.legacy] | join(" ")' "$out")" \
    "ispmail-audit/1 12 5 1 2"
is "JSON: the class of jean.dupont" \
    "$(jq -r '.mailboxes[] | select(.address == "jean.dupont@example.com") | .class' "$out")" \
    "mailbox name + year"
is "JSON: strong ones have no class and some coverage" \
    "$(jq -r '[.mailboxes[] | select(.address == "bob@example.org") | (.class == null), (.tried > 1000)] | join(" ")' "$out")" \
    "true true"

rc=0
run_ispmail audit -q --budget 2s >"$out" 2>"$err" || rc=$?
is "-q: only the 7 findings" "$(wc -l <"$out" | tr -d ' ')" 7

rc=0
run_ispmail audit --shard 0/2 --budget 1s --json >"$TEST_DIR/s0.json" 2>"$err" || rc=$?
run_ispmail audit --shard 1/2 --budget 1s --json >"$TEST_DIR/s1.json" 2>"$err" || rc=$?
is "shards: merged reports cover every mailbox once" \
    "$(jq -s '[.[].mailboxes[].address] | length, (unique | length)' "$TEST_DIR/s0.json" "$TEST_DIR/s1.json" | tr '\n' ' ')" \
    "12 12 "

# Rotation.
rc=0
run_ispmail audit --rotate --budget 1s >"$out" 2>"$err" || rc=$?
is "rotation without a public key is refused with EX_CONFIG" "$rc" 78
like "and says why" "$(cat "$err")" "needs the admin's public key"

setsid -w "$top_builddir/ispmail" keygen --out "$TEST_DIR/admin" \
    </dev/null >"$out" 2>"$err"
like "keygen without a terminal warns" "$(cat "$err")" \
    'no terminal: the secret key is written without a passphrase'
is "keygen makes a 0600 secret key" \
    "$(stat -c %a "$TEST_DIR/admin"):$(stat -c %a "$TEST_DIR/admin.pub")" \
    "600:644"

updates=$(sim_stat calls.mail_user_update)
rc=0
run_ispmail audit --rotate --dry-run --seal-to "$TEST_DIR/admin.pub" \
    --journal "$TEST_DIR/journal" --budget 1s >"$out" 2>"$err" || rc=$?
is "dry run: exit 1" "$rc" 1
is "dry run: six would be rotated" \
    "$(grep -c '\[rotation: would rotate\]' "$out")" 6
is "dry run: nothing sent" "$(sim_stat calls.mail_user_update)" "$updates"

rc=0
run_ispmail audit --rotate --seal-to "$TEST_DIR/admin.pub" \
    --journal "$TEST_DIR/journal" --budget 2s >"$out" 2>"$err" || rc=$?
is "rotation: exit 0" "$rc" 0
is "rotation: six verified" "$(grep -c '\[rotation: verified\]' "$out")" 6
is "rotation: one update each" \
    "$(sim_stat calls.mail_user_update)" "$((updates + 6))"
is "the journal is 0600" "$(stat -c %a "$TEST_DIR/journal")" 600

rc=0
run_ispmail audit --budget 3s --json >"$out" 2>"$err" || rc=$?
is "a second audit: exit 0" "$rc" 0
is "and no weak or empty password" \
    "$(jq -r '[.summary.weak, .summary.empty] | join(" ")' "$out")" "0 0"

rc=0
run_ispmail unseal --key "$TEST_DIR/admin" "$TEST_DIR/journal" \
    >"$out" 2>"$err" || rc=$?
is "unseal: exit 0" "$rc" 0
is "unseal: six entries" "$(wc -l <"$out" | tr -d ' ')" 6
nok=0
while IFS="$(printf '\t')" read -r when addr pw state; do
	h=$(sim_hash_of "$addr")
	if [ "$state" = verified ] &&
	    [ "$(PW=$pw H=$h perl -e 'print crypt($ENV{PW}, $ENV{H})')" = "$h" ]
	then
		nok=$((nok + 1))
	else
		diag "$when $addr $state does not verify"
	fi
done <"$out"
is "every unsealed password verifies against the new hash" "$nok" 6
if grep -Fq -f "$(cut -f3 "$out" >"$TEST_DIR/pws" && echo "$TEST_DIR/pws")" \
    "$TEST_DIR/journal" "$XDG_STATE_HOME"/ispmail/* 2>/dev/null; then
	not_ok "no new password in the clear on disk"
else
	ok "no new password in the clear on disk"
fi

rc=0
run_ispmail unseal --key "$TEST_DIR/admin.pub" "$TEST_DIR/journal" \
    >"$out" 2>"$err" || rc=$?
is "unseal with the public key is refused" "$rc" 65

done_testing
