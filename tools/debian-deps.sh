#!/bin/sh
# Installs the Debian 12 packages ispmail needs, as root.
#   tools/debian-deps.sh          build and run (and the demo)
#   tools/debian-deps.sh --test   also every tool the test suite needs: on
#                                 a system set up so, no test skips
#   tools/debian-deps.sh --bench  also the benchmarks' anchors and tools
set -eu
pkgs="build-essential autoconf automake pkg-config ca-certificates openssl
libcurl4-openssl-dev libjson-c-dev libsodium-dev libmicrohttpd-dev
libreadline-dev libcrypt-dev zlib1g-dev libcairo2-dev libpango1.0-dev
libfontconfig-dev fonts-dejavu-core"
case "${1:-}" in
--test)
	pkgs="$pkgs libcmocka-dev mandoc curl jq tmux valgrind systemd
	    libxml2-utils poppler-utils" ;;
--bench)
	pkgs="$pkgs libzxcvbn-dev john python3 jq curl" ;;
"") ;;
*)
	echo "usage: tools/debian-deps.sh [--test | --bench]" >&2
	exit 64 ;;
esac
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $pkgs
