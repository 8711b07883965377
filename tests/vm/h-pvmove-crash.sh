#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# h-pvmove-crash.sh --prefix DIR [--logs DIR]: a VM crashes in the middle
# of a pvmove and the next VM, booted on the same disk, finishes the move
# with the data intact; classic and --atomic.  Runs on the host and drives
# two VMs per mode through tests/vm/vmrun --disk-file (the VM side is
# h-pvmove-crash-vm.sh).  Prints how much was copied again after the crash
# beside the move's size, "PASS: ..." or "FAIL: ..." per mode, then
# "N passed, N failed, N skipped"; exits 1 if a mode failed.  Both modes
# must start again where the crash left it, within one region (the move's
# disk log); a classic move inside the segment it was copying.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VMRUN=$HERE/vmrun
VM_TESTDIR=/plvm-vmtests
PREFIX= LOGS=
PASSED=0 FAILED=0 SKIPPED=0

usage() {
	sed -n '4,9s/^# \{0,1\}//p' "$0"
	exit "${1:-0}"
}

while (($#)); do
	case $1 in
	--prefix) PREFIX=$2; shift ;;
	--prefix=*) PREFIX=${1#*=} ;;
	--logs) LOGS=$2; shift ;;
	--logs=*) LOGS=${1#*=} ;;
	-h|--help) usage ;;
	*) echo "h-pvmove-crash.sh: unknown argument $1" >&2; usage 2 >&2 ;;
	esac
	shift
done
[[ -n $PREFIX ]] || { echo "h-pvmove-crash.sh: --prefix DIR is required" >&2; exit 2; }
PREFIX=$(cd "$PREFIX" && pwd)
[[ -n $LOGS ]] || LOGS=$(mktemp -d /tmp/plvm-pvmove-crash.XXXXXX)
mkdir -p "$LOGS"

# vm LOG ARGS...: run the VM side with ARGS on $DISK; its status
vm() {
	local log=$1 rc=0
	shift
	"$VMRUN" --quiet --timeout 300 --disk-file "$DISK" --disk-mb 64 --log "$log" \
		--with "$HERE=$VM_TESTDIR" --env "PLVM_VMTESTS=$VM_TESTDIR" \
		--env PLVM_SYSTEM_DIR=/run/plvm --with "$PREFIX" --path "$PREFIX/sbin" \
		--env "PLVM_PREFIX=$PREFIX" "$HERE/h-pvmove-crash-vm.sh" "$@" >/dev/null 2>&1 || rc=$?
	echo "$rc"
}

result() {
	if [[ $1 = PASS ]]; then
		PASSED=$((PASSED + 1))
		echo "PASS: pvmove-crash $2"
	else
		FAILED=$((FAILED + 1))
		echo "FAIL: pvmove-crash $2: $3 (logs in $LOGS)"
	fi
}

# field NAME LOG: the number of the VM's "NAME N" line
field() { tr -d '\r' <"$2" | awk -v k="$1" '$1 == k { print $2; exit }'; }

# copied_again MODE: the figure for MODE's logs; false (with the reason)
# when the restart lost more than it may
copied_again() {
	local before after total=4096 region=64
	before=$(field PVMOVE-CRASH-COPIED "$LOGS/$1-1.log")
	after=$(field PVMOVE-CRASH-AFTER "$LOGS/$1-2.log")
	[[ -n $before && -n $after ]] || { echo "no copy counts in the logs"; return 1; }
	# the count is read a moment before the crash: the copy went on after it
	echo "copied again after the crash: $(( before > after ? before - after : 0 )) KiB" \
		"of a $total KiB move (the kernel had copied $before KiB just before the" \
		"crash and went on from $after KiB; region $region KiB)"
	((after + region >= before)) ||
		{ echo "restarted at $after KiB, the crash was at $before KiB"; return 1; }
}

# one_mode MODE: crash in the middle of a MODE move, restart, check
one_mode() {
	local mode=$1 rc sums=() lv sum
	DISK=$LOGS/disk-$mode.img
	rm -f "$DISK"
	rc=$(vm "$LOGS/$mode-1.log" start "$mode")
	if [[ $rc = 200 ]]; then
		SKIPPED=$((SKIPPED + 1))
		echo "SKIP: pvmove-crash $mode: $(grep -m1 '^SKIP:' "$LOGS/$mode-1.log" || true)"
		return
	fi
	[[ $rc = 125 ]] || { result FAIL "$mode" "the first VM exited $rc, not by a crash (125)"; return; }
	grep -q '^PVMOVE-CRASH-NOW' "$LOGS/$mode-1.log" ||
		{ result FAIL "$mode" "the first VM crashed before the move was under way"; return; }
	while read -r lv sum; do
		sums+=("$lv=$sum")
	done < <(tr -d '\r' <"$LOGS/$mode-1.log" | awk '$1 == "PVMOVE-CRASH-MD5" { print $2, $3 }')
	[[ ${#sums[@]} = 2 ]] || { result FAIL "$mode" "no md5s from the first VM"; return; }
	rc=$(vm "$LOGS/$mode-2.log" check "$mode" "${sums[@]}")
	if [[ $rc = 0 ]] && ! again=$(copied_again "$mode"); then
		result FAIL "$mode" "$again"
	elif [[ $rc = 0 ]]; then
		echo "pvmove-crash $mode: $again"
		result PASS "$mode"
	else
		result FAIL "$mode" "the second VM exited $rc: $(grep -m1 '^FAIL:' "$LOGS/$mode-2.log" || true)"
	fi
	rm -f "$DISK"
}

one_mode classic
one_mode atomic
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
((FAILED == 0))
