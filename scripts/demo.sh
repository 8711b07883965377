#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh: plvm at work, in a qemu VM: from a fresh Debian 12 machine (as
# root) install the dependencies, build and install plvm, then boot a VM
# that makes a VG and LVs with plvm, writes data, moves it live to another
# PV with pvmove while showing progress, and checks the data.  Steps that
# plvm cannot do yet are listed as such; only a real failure exits non-zero.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${PLVM_WORK:-${TMPDIR:-/tmp}/plvm-demo}
PREFIX=${PLVM_PREFIX:-$WORK/prefix}
. "$ROOT/scripts/common.sh"

usage() {
	cat <<EOF
Usage: scripts/demo.sh [OPTIONS]

Install the dependencies (apt-get), build plvm in $WORK/build,
install it in $PREFIX, and run scripts/demo-vm.sh in a VM.

Options:
  --no-deps      do not apt-get install anything
  --no-autogen   do not run ./autogen.sh (the tree is already bootstrapped)
  --no-build     use the install already in the prefix
  --prefix DIR   the install to use (or make) [$PREFIX]
  -h, --help     show this help
EOF
}

DO_DEPS=1 DO_AUTOGEN=1 DO_BUILD=1

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h|--help) usage; exit 0 ;;
		--no-deps) DO_DEPS=0 ;;
		--no-autogen) DO_AUTOGEN=0 ;;
		--no-build) DO_BUILD=0 ;;
		--prefix) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; PREFIX=$2; shift ;;
		*) echo "demo: unknown option '$1' (see --help)" >&2; exit 2 ;;
		esac
		shift
	done
}

build() {
	echo "== building plvm into $PREFIX"
	mkdir -p "$WORK"
	configure_build "$ROOT" "$WORK/build" "$PREFIX" "$DO_AUTOGEN" >"$WORK/build.log" 2>&1 || {
		tail -n 40 "$WORK/build.log"
		echo "demo: the build failed (log: $WORK/build.log)" >&2
		exit 1
	}
	make_install "$WORK/build" "$WORK/install.log" || exit 1
}

run_vm() {
	echo "== booting a VM (qemu, TCG) with plvm from $PREFIX"
	"$ROOT/tests/vm/vmrun" --disk-mb 1024 --timeout 900 \
		--with "$PREFIX" --path "$PREFIX/sbin" --path "$PREFIX/bin" \
		--env "PLVM_PREFIX=$PREFIX" --env PLVM_SYSTEM_DIR=/run/plvm \
		"$ROOT/scripts/demo-vm.sh"
}

main() {
	parse_args "$@"
	if [[ $DO_DEPS = 1 ]]; then
		echo "== installing dependencies"
		install_deps >"${TMPDIR:-/tmp}/plvm-demo-apt.log" 2>&1 || {
			tail -n 20 "${TMPDIR:-/tmp}/plvm-demo-apt.log"
			exit 1
		}
	fi
	[[ $DO_BUILD = 0 ]] || build
	[[ -x $PREFIX/sbin/plvm ]] || { echo "demo: no plvm in $PREFIX/sbin" >&2; exit 1; }
	PREFIX=$(cd "$PREFIX" && pwd)
	run_vm
}

main "$@"
