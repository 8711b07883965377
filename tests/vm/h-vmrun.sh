#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# h-vmrun.sh [--prefix DIR] [--logs DIR]: the VM runner itself.  The
# script's exit status comes back; --timeout stops a VM that runs too
# long (124); a VM that has not started the script within --boot-timeout
# is stopped and booted once more, says so, and the script runs once;
# --kernel-arg words reach the kernel's command line.
# Prints "PASS: ..." or "FAIL: ...", then "N passed, N failed, N skipped";
# exits 1 if a check failed.  (--prefix is taken, as by the other h-*
# tests, and not needed.)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VMRUN=$HERE/vmrun
LOGS=

while (($#)); do
	case $1 in
	--prefix) shift ;;
	--prefix=*) ;;
	--logs) LOGS=$2; shift ;;
	--logs=*) LOGS=${1#*=} ;;
	-h|--help) sed -n '4,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "h-vmrun.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
[[ -n $LOGS ]] || LOGS=$(mktemp -d /tmp/plvm-h-vmrun.XXXXXX)
mkdir -p "$LOGS"

passed=0 failed=0
check() {
	if eval "$2"; then
		echo "PASS: $1"
		passed=$((passed + 1))
	else
		echo "FAIL: $1 (log: $LOGS)"
		failed=$((failed + 1))
	fi
}

# vm NAME VMRUN-ARGS...: run vmrun, its stdout, stderr and status in LOGS
vm() {
	local name=$1 rc=0
	shift
	"$VMRUN" --disk-mb 0 "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err" || rc=$?
	echo "$rc" >"$LOGS/$name.rc"
}

vm status -c 'echo ran; exit 3'
check "the script's exit status comes back" \
	'[[ $(cat "$LOGS/status.rc") = 3 ]] && grep -qx ran "$LOGS/status.out"'

vm timeout --timeout 20 -c 'echo started; sleep 120'
check "--timeout stops the VM (exit 124)" \
	'[[ $(cat "$LOGS/timeout.rc") = 124 ]] && grep -q "timed out" "$LOGS/timeout.err"'

# a first VM stopped before it could start the script, as a hung boot is
vm boot --boot-timeout 0 -c 'echo "script ran"; exit 7'
check "a VM that does not start the script is booted again" \
	'[[ $(cat "$LOGS/boot.rc") = 7 ]] && grep -q "booting it again" "$LOGS/boot.err" &&
	 [[ $(grep -c "script ran" "$LOGS/boot.out") = 1 ]]'

vm karg --kernel-arg init_on_alloc=0 -c 'cat /proc/cmdline'
check "--kernel-arg reaches the VM's kernel command line" \
	'[[ $(cat "$LOGS/karg.rc") = 0 ]] && grep -q " init_on_alloc=0\$" "$LOGS/karg.out"'

vm badkarg --kernel-arg 'a b' -c 'echo ran'
check "--kernel-arg refuses more than one word" \
	'[[ $(cat "$LOGS/badkarg.rc") = 125 ]] && ! grep -q ran "$LOGS/badkarg.out" &&
	 grep -q "one word" "$LOGS/badkarg.err"'

echo "$passed passed, $failed failed, 0 skipped"
((failed == 0))
