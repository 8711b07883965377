#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The systemd units pass systemd-analyze verify (with their programs
# pointed at the build directory, since nothing is installed yet) and the
# udev rule is made of KEY op "value" terms only.  Runs in the build
# directory after make.  TAP output.
top=${1:-$(dirname "$0")/../..}
n=0
failed=0
tap() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
if ! command -v systemd-analyze >/dev/null; then
	echo "1..0 # SKIP systemd-analyze is not installed"
	exit 0
fi
dir=${TMPDIR:-/tmp}/plvm-units.$$
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
for unit in systemd/plvm-pvscan@.service systemd/plvm-pvmove-resume.service; do
	sed -e "s|^ExecStart=[^ ]*/plvm-autoactivate|ExecStart=$PWD/systemd/plvm-autoactivate|" \
	    -e "s|^ExecStart=[^ ]*/plvm |ExecStart=$PWD/plvm |" "$unit" >"$dir/${unit#systemd/}"
	out=$(systemd-analyze verify --man=no "$dir/${unit#systemd/}" 2>&1)
	tap "$([ -z "$out" ]; echo $?)" "$unit verifies${out:+: $out}"
done
bad=$(grep -vE '^(#|$)' "$top/systemd/69-plvm.rules" | tr ',' '\n' | sed 's/^ *//' |
	grep -vE '^(LABEL|GOTO)="[a-z_]+"$' |
	grep -vE '^(SUBSYSTEM|ACTION|ENV\{[A-Z_]+\}|TAG)(==|!=|=|\+=)"[^"]*"$')
tap "$([ -z "$bad" ]; echo $?)" "69-plvm.rules has only KEY op \"value\" terms${bad:+: $bad}"
sh -n systemd/plvm-autoactivate
tap $? "plvm-autoactivate parses"
echo "1..$n"
exit $failed
