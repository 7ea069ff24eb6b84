#!/bin/sh
# Installs the Debian 12 packages ispmail needs, as root.
#   tools/debian-deps.sh          build and run (and the demo)
#   tools/debian-deps.sh --test   also what the test suite needs
set -eu
pkgs="build-essential autoconf automake pkg-config ca-certificates openssl
libcurl4-openssl-dev libjson-c-dev libsodium-dev libmicrohttpd-dev
libreadline-dev libcrypt-dev zlib1g-dev"
if [ "${1:-}" = "--test" ]; then
	pkgs="$pkgs libcmocka-dev mandoc curl tmux valgrind"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $pkgs
