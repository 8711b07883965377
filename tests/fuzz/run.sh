#!/bin/sh
# Build the fuzz targets (clang, libFuzzer + ASan, the core instrumented too)
# in a scratch build directory and fuzz each for a bounded time.
#   tests/fuzz/run.sh [SECONDS (60)] [BUILD_DIR ($TMPDIR/plvm-fuzz-build)] [TARGET...]
# TARGETs are metadata, label, pvhead, backup, cmdline (default: all), each
# run SECONDS on a copy of its corpus tests/fuzz/corpus-TARGET.  Extra
# libFuzzer options can be given in $FUZZ_OPTS.  Exits non-zero if a fuzzer
# found a crash (the reproducer is left in the build directory).
set -eu
secs=${1:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-${TMPDIR:-/tmp}/plvm-fuzz-build}
[ $# -lt 2 ] || shift 2
[ $# -gt 0 ] || set -- metadata label pvhead backup cmdline
san="-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -g -O1"

mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ]; then
	"$src/configure" -q --enable-fuzz \
		CC=clang CFLAGS="$san" LDFLAGS="-fsanitize=address"
fi
make -j2 >/dev/null	# the targets and every plugin

for t in "$@"; do
	corpus=$build/corpus-$t
	mkdir -p "$corpus"
	cp "$src"/tests/fuzz/corpus-"$t"/* "$corpus"/
	case $t in
	label) len=2048 ;;
	pvhead) len=65536 ;;
	cmdline) len=512; extra=-close_fd_mask=2 ;;
	*) len=16384 ;;
	esac
	echo "==== fuzz-$t: ${secs}s"
	PLVM_PLUGIN_DIR=${PLVM_PLUGIN_DIR:-$build/.libs} \
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		./tests/fuzz/fuzz-"$t" -max_total_time="$secs" -max_len=$len \
		-timeout=10 ${extra:-} ${FUZZ_OPTS:-} "$corpus"
	extra=
done
