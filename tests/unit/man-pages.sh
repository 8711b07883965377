#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The man pages agree with --help: every option "plvm help COMMAND" shows
# (the segment types' options included) is in plvm-COMMAND(8), each command
# plvm help lists has its page, and man renders every page with no warning.
# Runs in the build directory after make.  TAP output.
n=0
failed=0
tap() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
if ! command -v man >/dev/null; then
	echo "1..0 # SKIP man is not installed"
	exit 0
fi
export PLVM_SYSTEM_DIR=${TMPDIR:-/tmp}/plvm-man-test.$$
mkdir -p "$PLVM_SYSTEM_DIR"
render() { LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$1" 2>/dev/null | col -b; }
for cmd in $(./plvm help | awk 'NR > 1 { print $1 }'); do
	case $cmd in version|help) continue ;; esac
	page=man/plvm-$cmd.8
	if [ ! -f "$page" ]; then
		tap 1 "plvm-$cmd(8) exists"
		continue
	fi
	missing=
	text=$(render "$page")
	for opt in $(./plvm help "$cmd" | sed -n 's/^\t\(-[^ ]*\).*/\1/p'); do
		printf '%s\n' "$text" | grep -qF -- "$opt" || missing="$missing $opt"
	done
	tap "$([ -z "$missing" ]; echo $?)" "plvm-$cmd(8) has every option of --help${missing:+ (missing:$missing)}"
done
for page in man/*.[0-9]; do
	warn=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
	tap "$([ -z "$warn" ]; echo $?)" "$page renders with no warning${warn:+: $warn}"
done
rm -rf "$PLVM_SYSTEM_DIR"
echo "1..$n"
exit $failed
