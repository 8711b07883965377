#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# test-packages.sh: build plvm's Debian packages from the tree as a packager
# would (dpkg-buildpackage -us -uc -b on a copy of the tree), check them with
# lintian, build the SDK's example plugin against the -dev package alone, and
# install, use and remove the packages with dpkg in a VM (tests/deb/pkg-vm.sh).
# Each of these is one check; the last line is "N passed, N failed, N skipped".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${TMPDIR:-/tmp}/plvm-deb
LOGS=
PASSED=0 FAILED=0 SKIPPED=0

usage() {
	cat <<EOF
Usage: tests/deb/test-packages.sh [--work DIR] [--logs DIR]

Build the Debian packages in DIR/src (a copy of the tree), run lintian on
them, build examples/delay against libplvm-segtype-dev, and run
tests/deb/pkg-vm.sh in a VM that installs them with dpkg.  Needs root,
debhelper, dpkg-dev, lintian and what tests/vm/vmrun needs.

  --work DIR   where to build [$WORK]
  --logs DIR   where the logs go [WORK/logs]
EOF
}

while [[ $# -gt 0 ]]; do
	case $1 in
	--work) WORK=$2; shift ;;
	--logs) LOGS=$2; shift ;;
	-h|--help) usage; exit 0 ;;
	*) echo "test-packages: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done
LOGS=${LOGS:-$WORK/logs}

pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP: $*"; }

# the tree as git knows it (tracked and new files, not what .gitignore hides),
# or all of it when it is no git checkout (a release tarball)
copy_tree() {
	rm -rf "$WORK/src" && mkdir -p "$WORK/src/plvm" || return 1
	if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$ROOT" && git ls-files -co --exclude-standard -z |
			tar --null -cf - -T -) | tar -xf - -C "$WORK/src/plvm"
	else
		cp -a "$ROOT/." "$WORK/src/plvm"
	fi
}

build_packages() {
	if copy_tree && (cd "$WORK/src/plvm" && dpkg-buildpackage -us -uc -b) \
		>"$LOGS/build.log" 2>&1; then
		pass "dpkg-buildpackage: $(cd "$WORK/src" && ls ./*.deb | grep -vc dbgsym) packages"
		return 0
	fi
	tail -n 40 "$LOGS/build.log"
	fail "dpkg-buildpackage (log: $LOGS/build.log)"
	return 1
}

run_lintian() {
	local changes
	changes=$(ls "$WORK"/src/plvm_*.changes 2>/dev/null | head -n1)
	lintian --tag-display-limit 0 "$changes" >"$LOGS/lintian.log" 2>&1
	sed 's/^/lintian: /' "$LOGS/lintian.log"
	if grep -q '^E: ' "$LOGS/lintian.log"; then
		fail "lintian reports errors"
	else
		pass "lintian: no error ($(grep -c '^W: ' "$LOGS/lintian.log") warnings)"
	fi
}

# The -dev package is all a vendor needs: unpack it alone and build the
# example it ships, with pkg-config pointed into the unpacked tree.
sdk_build() {
	local root=$WORK/sdk-root ex=$WORK/sdk-example pcdir
	rm -rf "$root" "$ex" && mkdir -p "$root"
	dpkg-deb -x "$(ls "$WORK"/src/libplvm-segtype-dev_*.deb)" "$root" || { fail "unpack -dev"; return; }
	cp -r "$root"/usr/share/doc/libplvm-segtype-dev/examples/delay "$ex"
	pcdir=$(dirname "$(find "$root" -name plvm-segtype.pc)")
	# (pkg-config leaves out -I/usr/include, even under a sysroot, unless told)
	if (cd "$ex" && PKG_CONFIG_SYSROOT_DIR="$root" PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 \
		make PKG_CONFIG_PATH="$pcdir") >"$LOGS/sdk.log" 2>&1 &&
		[[ $(nm -D --defined-only "$ex/delay.so" | awk '$2 == "T"' | wc -l) = 1 ]]; then
		pass "examples/delay builds against libplvm-segtype-dev alone"
	else
		cat "$LOGS/sdk.log"
		fail "examples/delay against libplvm-segtype-dev"
	fi
}

# the dpkg status entries of the libraries the packages need, so that dpkg in
# the VM checks their dependencies for real
lib_status() {
	local pkgs
	pkgs=$(for d in "$WORK"/src/*.deb; do dpkg-deb -f "$d" Depends; done | tr ',' '\n' |
		sed -e 's/([^)]*)//g' -e 's/|.*//' -e 's/ //g' | grep -v '^plvm' | grep . | sort -u)
	# shellcheck disable=SC2086
	dpkg-query -s $pkgs 2>/dev/null | sed '/^Conffiles:/,/^[^ ]/{/^Conffiles:/d;/^ /d}'
}

vm_test() {
	local debs=$WORK/vm-debs
	rm -rf "$debs" && mkdir -p "$debs"
	cp "$WORK"/src/*.deb "$debs"/ && rm -f "$debs"/*dbgsym*
	lib_status >"$debs/status"
	# the libraries come in with an unpacked copy of the plvm binary
	dpkg-deb -x "$debs"/plvm_*.deb "$WORK/vm-libs"
	if "$ROOT/tests/vm/vmrun" --timeout 600 --disk-mb 256 --log "$LOGS/vm.log" --quiet \
		--with "$debs=/debs" --with "$WORK/vm-libs=/tmp/vm-libs" \
		--with "$ROOT/tests/vm=/plvm-vmtests" --env PLVM_VMTESTS=/plvm-vmtests \
		--bin /usr/bin/dpkg --bin /usr/bin/dpkg-deb --bin /usr/bin/dpkg-split \
		--bin /usr/bin/dpkg-query --bin /usr/bin/tar --bin /sbin/ldconfig \
		--bin /sbin/start-stop-daemon \
		"$ROOT/tests/deb/pkg-vm.sh"; then
		grep -E '^(ok|PASS)' "$LOGS/vm.log"
		pass "packages installed, used and removed with dpkg in a VM"
	else
		tail -n 60 "$LOGS/vm.log"
		fail "packages in a VM (log: $LOGS/vm.log)"
	fi
}

main() {
	mkdir -p "$WORK" "$LOGS"
	if [[ $(id -u) != 0 ]]; then
		skip "not root: the VM test needs root"
	fi
	for t in dpkg-buildpackage lintian dh; do
		if ! command -v "$t" >/dev/null; then
			fail "$t is not installed"
			echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
			exit 1
		fi
	done
	if build_packages; then
		run_lintian
		sdk_build
		[[ $(id -u) != 0 ]] || vm_test
	fi
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	[[ $FAILED = 0 ]]
}

main
