#!/bin/sh
# Installs what the build, the proofs and the tests need on Debian 12, as
# root, with apt-get (apt-get update first), then lets Why3 find the provers.
# Safe to run again: it installs only what is missing.
set -eu
PKGS="make gcc libc6-dev frama-c-base why3 z3 cvc4 libcmocka-dev pkg-config \
 gcc-powerpc64le-linux-gnu gcc-powerpc64-linux-gnu \
 libc6-dev-ppc64el-cross libc6-dev-ppc64-cross qemu-user \
 cppcheck clang-tidy clang libclang-rt-14-dev \
 device-tree-compiler libfdt-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: missing packages:$missing (run as root to install)" >&2
		exit 1
	fi
	echo "setup: installing$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
# Why3 must know z3 and cvc4 (Alt-Ergo is not packaged; cvc5 1.0.3 is not
# known to Why3 1.5.1).
if ! why3 config list-provers 2>/dev/null | grep -q 'Z3' ||
   ! why3 config list-provers 2>/dev/null | grep -q 'CVC4'; then
	why3 config detect >/dev/null
fi
why3 config list-provers | grep -q 'Z3' || { echo "setup: why3 does not see z3" >&2; exit 1; }
why3 config list-provers | grep -q 'CVC4' || { echo "setup: why3 does not see cvc4" >&2; exit 1; }
echo "setup: ok"
