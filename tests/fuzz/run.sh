#!/bin/sh
# Build the fuzz targets (clang, libFuzzer + ASan, the core instrumented too)
# in a scratch build directory and fuzz the metadata reader for a bounded time.
#   tests/fuzz/run.sh [SECONDS (60)] [BUILD_DIR ($TMPDIR/plvm-fuzz-build)]
# Extra libFuzzer options can be given in $FUZZ_OPTS.  Exits non-zero if the
# fuzzer found a crash (the reproducer is left in the build directory).
set -eu
secs=${1:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-${TMPDIR:-/tmp}/plvm-fuzz-build}
san="-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -g -O1"

mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ]; then
	"$src/configure" -q --enable-fuzz \
		CC=clang CFLAGS="$san" LDFLAGS="-fsanitize=address"
fi
make -j2 tests/fuzz/fuzz-metadata linear.la >/dev/null

corpus=$build/corpus-metadata
mkdir -p "$corpus"
cp "$src"/tests/fuzz/corpus-metadata/* "$corpus"/
PLVM_PLUGIN_DIR=${PLVM_PLUGIN_DIR:-$build/.libs} \
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	./tests/fuzz/fuzz-metadata -max_total_time="$secs" -max_len=16384 \
	-timeout=10 ${FUZZ_OPTS:-} "$corpus"
