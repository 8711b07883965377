#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# test-all.sh: everything CI checks, from a fresh Debian 12 machine (as
# root): install the build and VM dependencies, build out of tree, run the
# unit and golden tests, make distcheck, install, run the VM tests on the install (two
# VMs at a time), the
# required acceptance tests, and a bounded fuzz run.  The last line is
# "N passed, N failed, N skipped"; the exit status is 0 only if nothing
# failed.  .ci/run calls this.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${PLVM_WORK:-${TMPDIR:-/tmp}/plvm-test-all}
BUILD=$WORK/build
PREFIX=${PLVM_PREFIX:-/tmp/plvm-ci}
LOGS=$WORK/logs
SHARED=${PLVM_SHARED:-$ROOT/../shared}
. "$ROOT/scripts/common.sh"

# Acceptance tests (names in $SHARED/acceptance/tests, without .sh) that must
# pass: add a test here when the issue it belongs to is done.
REQUIRED_ACCEPTANCE=(pvmove-single pvmove-basic pvmove-abort pvmove-restart pvmove-thin-segtypes)

# Run every acceptance test once more for information only: the result is
# printed, never counted (PLVM_ACCEPTANCE_INFO=0 leaves it out).
ACCEPTANCE_INFO=${PLVM_ACCEPTANCE_INFO:-1}
ACCEPTANCE_TIMEOUT=${PLVM_ACCEPTANCE_TIMEOUT:-900}
INFO_TIMEOUT=${PLVM_ACCEPTANCE_INFO_TIMEOUT:-150}
FUZZ_SECONDS=${PLVM_FUZZ_SECONDS:-60}

usage() {
	cat <<EOF
Usage: scripts/test-all.sh [OPTIONS]

Install dependencies (apt-get), build plvm out of tree in $BUILD,
run make check, install to $PREFIX, run the VM tests (tests/vm/run),
the required acceptance tests and the fuzz target, and print
"N passed, N failed, N skipped" as the last line.

Options:
  --no-deps       do not apt-get install anything
  --no-autogen    do not run ./autogen.sh (the tree is already bootstrapped)
  --no-fuzz       leave out the fuzz run
  --quick         leave out the informational acceptance run and the fuzz run
  -h, --help      show this help

Environment: PLVM_WORK (build, logs) [${TMPDIR:-/tmp}/plvm-test-all],
PLVM_PREFIX [/tmp/plvm-ci], PLVM_SHARED [../shared],
PLVM_ACCEPTANCE_INFO (0 or 1) [1], PLVM_ACCEPTANCE_TIMEOUT (per required
test) [300], PLVM_ACCEPTANCE_INFO_TIMEOUT (per informational test) [150],
PLVM_FUZZ_SECONDS (per target) [60].
EOF
}

DO_DEPS=1 DO_AUTOGEN=1 DO_FUZZ=1
PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h|--help) usage; exit 0 ;;
		--no-deps) DO_DEPS=0 ;;
		--no-autogen) DO_AUTOGEN=0 ;;
		--no-fuzz) DO_FUZZ=0 ;;
		--quick) DO_FUZZ=0; ACCEPTANCE_INFO=0 ;;
		*) echo "test-all: unknown option '$1' (see --help)" >&2; exit 2 ;;
		esac
		shift
	done
}

step() { printf '\n==== %s (%ss so far)\n' "$*" "$SECONDS"; }
count_fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); }

# add "N passed, N failed, N skipped" (the last such line of file $1) to the totals
add_summary() {
	local p f s
	read -r p f s < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\1 \2 \4/p' "$1" | tail -n1) || true
	if [[ -z ${p:-} ]]; then
		count_fail "$2 (no summary line)"
		return
	fi
	PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + ${s:-0}))
	[[ $f = 0 ]] || FAILURES+=("$2: $f failed")
}

deps() {
	step "installing dependencies"
	if [[ $DO_DEPS = 0 ]]; then
		echo "skipped (--no-deps)"
		return
	fi
	install_deps
}

build() {
	step "building in $BUILD"
	rm -rf "$WORK/fuzz-build"
	configure_build "$ROOT" "$BUILD" "$PREFIX" "$DO_AUTOGEN"
}

# count the TAP results automake recorded in the .trs files
count_trs() {
	local res
	for res in $(find "$BUILD" -name '*.trs' -exec sed -n 's/^:test-result: //p' {} +); do
		case $res in
		PASS|XFAIL) PASSED=$((PASSED + 1)) ;;
		SKIP) SKIPPED=$((SKIPPED + 1)) ;;
		*) FAILED=$((FAILED + 1)) ;;
		esac
	done
}

unit_tests() {
	step "make check (unit and golden tests)"
	local rc=0 before=$FAILED
	(cd "$BUILD" && make -j2 check) || rc=$?
	count_trs
	if [[ $rc != 0 ]]; then
		[[ ! -f $BUILD/test-suite.log ]] || cat "$BUILD/test-suite.log"
		# a failure no .trs recorded (a test that did not build) still counts
		[[ $FAILED != "$before" ]] || count_fail "make check (exit $rc)"
	fi
	[[ $FAILED = "$before" ]] || FAILURES+=("make check")
}

# The release tarball: make distcheck builds it, unpacks it, builds that out
# of tree read-only, runs make check and checks install, uninstall and
# distclean leave nothing behind.  Counted as one check.
distcheck() {
	step "make distcheck (the release tarball builds and passes make check)"
	if (cd "$BUILD" && make -j2 distcheck) >"$LOGS/distcheck.log" 2>&1; then
		PASSED=$((PASSED + 1))
		echo "distcheck: ok ($(cd "$BUILD" && ls plvm-*.tar.gz))"
	else
		tail -n 40 "$LOGS/distcheck.log"
		count_fail "make distcheck"
	fi
}

# The SDK's example plugin, built out of tree against the install with
# nothing but pkg-config, installed with its conf.d drop-in into $PREFIX
# (tests/vm/t-example-delay.sh runs it).
example_plugin() {
	local src=$WORK/example-delay pc=$PREFIX/lib/pkgconfig

	rm -rf "$src"
	cp -r "$ROOT/examples/delay" "$src"
	if (cd "$src" && make PKG_CONFIG_PATH="$pc" && make install PKG_CONFIG_PATH="$pc") \
		>"$LOGS/example.log" 2>&1; then
		PASSED=$((PASSED + 1))
		echo "example plugin: built and installed out of tree"
	else
		cat "$LOGS/example.log"
		count_fail "example plugin build"
	fi
}

# The snapshot plugin built the same way, from plugins/snapshot with its
# Makefile.sdk (tests/vm/t-snapshot-sdk.sh runs it instead of the tree's).
sdk_snapshot_plugin() {
	local out=$WORK/sdk-snapshot pc=$PREFIX/lib/pkgconfig
	local mk=$ROOT/plugins/snapshot/Makefile.sdk

	rm -rf "$out" && mkdir -p "$out"
	if make -f "$mk" O="$out" PKG_CONFIG_PATH="$pc" install >"$LOGS/sdk-snapshot.log" 2>&1
	then
		PASSED=$((PASSED + 1))
		echo "snapshot plugin: built and installed out of tree against the SDK"
	else
		cat "$LOGS/sdk-snapshot.log"
		count_fail "snapshot plugin SDK build"
	fi
}

vm_tests() {
	step "VM tests (tests/vm/run)"
	if ! make_install "$BUILD" "$LOGS/install.log"; then
		count_fail "make install"
		return
	fi
	example_plugin
	sdk_snapshot_plugin
	"$ROOT/tests/vm/run" --jobs 2 --prefix "$PREFIX" --builddir "$BUILD" --logs "$LOGS/vm" | tee "$LOGS/vm.txt" || true
	add_summary "$LOGS/vm.txt" "VM tests"
}

# Host-side VM tests (tests/vm/h-*.sh, not the -vm.sh halves they run
# inside): each drives several VMs itself, e.g. a crash and a reboot.
host_vm_tests() {
	local t name
	step "host-side VM tests (tests/vm/h-*.sh)"
	[[ -x $PREFIX/sbin/plvm ]] || { echo "no install to test"; return; }
	for t in "$ROOT"/tests/vm/h-*.sh; do
		[[ $t != *-vm.sh ]] || continue
		name=$(basename "$t" .sh)
		bash "$t" --prefix "$PREFIX" --logs "$LOGS/$name" | tee "$LOGS/$name.txt" || true
		add_summary "$LOGS/$name.txt" "$name"
	done
}

# Debian packages: built from the tree, lintian, the SDK package alone, and
# installed, used and removed with dpkg in a VM (one check each)
debian_packages() {
	step "Debian packages (tests/deb/test-packages.sh)"
	bash "$ROOT/tests/deb/test-packages.sh" --work "$WORK/deb" --logs "$LOGS/deb" |
		tee "$LOGS/deb.txt" || true
	add_summary "$LOGS/deb.txt" "Debian packages"
}

acceptance_required() {
	step "required acceptance tests: ${REQUIRED_ACCEPTANCE[*]:-none}"
	[[ ${#REQUIRED_ACCEPTANCE[@]} -gt 0 ]] || return 0
	if [[ ! -x $SHARED/acceptance/run-all ]]; then
		count_fail "acceptance tests: $SHARED/acceptance/run-all not found"
		return
	fi
	"$SHARED/acceptance/run-all" --prefix "$PREFIX" --logs "$LOGS/acceptance" \
		--timeout "$ACCEPTANCE_TIMEOUT" "${REQUIRED_ACCEPTANCE[@]}" |
		tee "$LOGS/acceptance.txt" || true
	add_summary "$LOGS/acceptance.txt" "acceptance tests"
	required_skips "$LOGS/acceptance.txt"
}

# a required acceptance test that skipped did not pass: count it as failed
required_skips() {
	local t
	while read -r t; do
		SKIPPED=$((SKIPPED - 1))
		count_fail "required acceptance test $t skipped"
	done < <(awk '$2 == "SKIP" { print $1 }' "$1")
}

acceptance_info() {
	step "the other acceptance tests, for information (not counted)"
	if [[ $ACCEPTANCE_INFO = 0 || ! -x $SHARED/acceptance/run-all ]]; then
		echo "left out"
		return
	fi
	local t name others=()
	for t in "$SHARED"/acceptance/tests/*.sh; do
		name=$(basename "$t" .sh)
		[[ " ${REQUIRED_ACCEPTANCE[*]} " = *" $name "* ]] || others+=("$name")
	done
	if [[ ${#others[@]} = 0 ]]; then
		echo "every acceptance test is required already"
		return
	fi
	"$SHARED/acceptance/run-all" --prefix "$PREFIX" --logs "$LOGS/acceptance-info" \
		--timeout "$INFO_TIMEOUT" "${others[@]}" 2>&1 | sed 's/^/info: /' || true
}

# Every fuzz target must build and get through its seed corpus (counted,
# one result per target); a timed random run of each follows for
# information: what it finds is printed, not counted, since a random run is
# not repeatable.
FUZZ_TARGETS=(metadata label pvhead backup cmdline)
fuzz() {
	local t
	step "fuzz targets: seed corpus, then ${FUZZ_SECONDS}s of fuzzing each for information"
	if [[ $DO_FUZZ = 0 || ! -f $ROOT/tests/fuzz/run.sh ]]; then
		echo "left out"
		return
	fi
	for t in "${FUZZ_TARGETS[@]}"; do
		if FUZZ_OPTS=-runs=0 sh "$ROOT/tests/fuzz/run.sh" 1 "$WORK/fuzz-build" "$t" \
			>"$LOGS/fuzz-corpus-$t.log" 2>&1; then
			PASSED=$((PASSED + 1))
			echo "fuzz-$t seed corpus: ok"
		else
			tail -n 40 "$LOGS/fuzz-corpus-$t.log"
			count_fail "fuzz-$t on its seed corpus"
		fi
	done
	for t in "${FUZZ_TARGETS[@]}"; do
		if sh "$ROOT/tests/fuzz/run.sh" "$FUZZ_SECONDS" "$WORK/fuzz-build" "$t" \
			>"$LOGS/fuzz-$t.log" 2>&1; then
			echo "info: fuzz-$t found nothing in ${FUZZ_SECONDS}s"
		else
			tail -n 30 "$LOGS/fuzz-$t.log" | sed 's/^/info: /'
			echo "info: fuzz-$t found a crash (not counted; log: $LOGS/fuzz-$t.log)"
		fi
	done
}

summary() {
	step "summary"
	local f
	for f in "${FAILURES[@]}"; do
		echo "failed: $f"
	done
	echo "total time ${SECONDS}s"
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
}

main() {
	parse_args "$@"
	deps
	mkdir -p "$LOGS"
	if ! build; then
		count_fail "build"
		summary
		exit 1
	fi
	unit_tests
	distcheck
	vm_tests
	host_vm_tests
	debian_packages
	acceptance_required
	acceptance_info
	fuzz
	summary
	[[ $FAILED = 0 ]]
}

main "$@"
