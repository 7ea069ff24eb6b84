#!/bin/sh
# pinned_pubkey without ca_file: a panel with a self-signed certificate is
# trusted through the pin of its key alone (the chain is not checked, the
# host name still is), a wrong pin is refused, and so is a correct pin on
# a certificate made out to another name.
. "${top_srcdir:-.}/tests/lib.sh"
require_cmd openssl curl

# selfsigned NAME SAN: a self-signed EC certificate and key where
# sim_start takes them, and its pin in $PIN.
selfsigned() {
	mkdir -p "$TEST_DIR/ca"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -keyout "$TEST_DIR/ca/server.key" \
	    -out "$TEST_DIR/ca/server.crt" -days 2 \
	    -subj "/O=ispmail test/CN=$1" -addext "subjectAltName=$2" \
	    >"$TEST_DIR/openssl.log" 2>&1 ||
	    fail "openssl: $(cat "$TEST_DIR/openssl.log")"
	chmod 600 "$TEST_DIR/ca/server.key"
	PIN=sha256//$(openssl x509 -in "$TEST_DIR/ca/server.crt" -pubkey \
	    -noout | openssl pkey -pubin -outform der |
	    openssl dgst -sha256 -binary | openssl enc -base64)
}

# pinconf PIN: a profile for the running simulator with only a pin.
pinconf() {
	write_config
	grep -v 'ca_file' "$ISPMAIL_CONF" >"$TEST_DIR/pin.conf"
	printf '\tpinned_pubkey %s\n' "$1" >>"$TEST_DIR/pin.conf"
	chmod 600 "$TEST_DIR/pin.conf"
}

out=$TEST_DIR/out
err=$TEST_DIR/err
st() {
	rc=0
	run_ispmail -c "$TEST_DIR/pin.conf" "$@" >"$out" 2>"$err" || rc=$?
}

selfsigned 127.0.0.1 IP:127.0.0.1
sim_start
pinconf "$PIN"
st domains
is "a correct pin alone trusts a self-signed panel" "$rc" 0
like "and the command works" "$(cat "$out")" 'example\.com'
st config check
is "config check accepts a pin without ca_file" "$rc" 0

pinconf 'sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
st domains
is "a wrong pin exits 69" "$rc" 69
like "and says the key does not match" "$(cat "$err")" \
    'public key does not match pinned_pubkey'

# Without a pin, the self-signed certificate is not trusted.
write_config
grep -v 'ca_file' "$ISPMAIL_CONF" >"$TEST_DIR/pin.conf"
chmod 600 "$TEST_DIR/pin.conf"
st domains
is "no pin and no ca_file: the self-signed certificate exits 69" "$rc" 69

# The pin replaces the chain, not the host name.
sim_stop
selfsigned other.example DNS:other.example
sim_start
pinconf "$PIN"
st domains
is "a correct pin on a certificate for another name exits 69" "$rc" 69
like "saying the name does not match" "$(cat "$err")" \
    "not made out to '127\.0\.0\.1'"

# A public key file is accepted as curl accepts it.
sim_stop
selfsigned 127.0.0.1 IP:127.0.0.1
sim_start
openssl x509 -in "$TEST_DIR/ca/server.crt" -pubkey -noout \
    >"$TEST_DIR/server.pub"
pinconf "$TEST_DIR/server.pub"
st domains
is "a pin given as a public key file works" "$rc" 0
st config check
is "and config check accepts it" "$rc" 0

done_testing
