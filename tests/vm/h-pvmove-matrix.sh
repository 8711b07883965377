#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# h-pvmove-matrix.sh --prefix DIR [--logs DIR] [--all|--all-kills]: pvmove stopped at
# every step of its work, and what is left afterwards.  The steps are the
# test points (core/testpoint.h) a move passes: each metadata write and
# commit (the first PV's copy, then all), each table load, suspend and
# resume.  The VM side is h-pvmove-matrix-vm.sh.
#   kill: in one VM per layout and mode, the command is killed (kill -9)
#     at each point in turn, then "pvmove" (or vgchange --refresh when the
#     metadata holds no move) brings it to an end;
#   crash: the VM is crashed (sysrq b) at a point, and a second VM on the
#     same disk activates the VG, which finishes the move.
# After each: no move or device left, every LV's data as before, vgck of
# plvm and of LVM2 clean, no extent leaked or given twice, and the LVs all
# moved or all where they were.  One line per case, then "N passed, N
# failed, N skipped"; exits 1 if a case failed.
# Without --all (as CI runs it): the kill matrix of linear moves in both
# modes and of an atomic abort, and crashes at the first commit, at the
# suspend of a checkpoint and at the last commit of a classic linear move.
# --all: layouts linear, striped and mirror, modes classic, atomic,
# classic-abort and atomic-abort, kills and crashes at every point (hours);
# --all-kills: the kills of --all only (one VM per layout and mode).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VMRUN=$HERE/vmrun
VM_TESTDIR=/plvm-vmtests
PREFIX= LOGS= ALL=0 KILLS=0 POINTS=()
PASSED=0 FAILED=0 SKIPPED=0

usage() {
	sed -n '4,25s/^# \{0,1\}//p' "$0"
	exit "${1:-0}"
}

while (($#)); do
	case $1 in
	--prefix) PREFIX=$2; shift ;;
	--prefix=*) PREFIX=${1#*=} ;;
	--logs) LOGS=$2; shift ;;
	--logs=*) LOGS=${1#*=} ;;
	--all) ALL=1 ;;
	--all-kills) KILLS=1 ;;
	-h|--help) usage ;;
	*) echo "h-pvmove-matrix.sh: unknown argument $1" >&2; usage 2 >&2 ;;
	esac
	shift
done
[[ -n $PREFIX ]] || { echo "h-pvmove-matrix.sh: --prefix DIR is required" >&2; exit 2; }
PREFIX=$(cd "$PREFIX" && pwd)
[[ -n $LOGS ]] || LOGS=$(mktemp -d /tmp/plvm-pvmove-matrix.XXXXXX)
mkdir -p "$LOGS"

# vm LOG [--disk-file FILE] ARGS...: the VM side with ARGS; its status
vm() {
	local log=$1 rc=0 disk=()
	shift
	if [[ $1 = --disk-file ]]; then
		disk=(--disk-file "$2")
		shift 2
	fi
	"$VMRUN" --quiet --timeout 900 --with-lvm2 --smp 1 --disk-mb 64 "${disk[@]}" \
		--log "$log" --with "$HERE=$VM_TESTDIR" --env "PLVM_VMTESTS=$VM_TESTDIR" \
		--env PLVM_SYSTEM_DIR=/run/plvm --with "$PREFIX" --path "$PREFIX/sbin" \
		--env "PLVM_PREFIX=$PREFIX" "$HERE/h-pvmove-matrix-vm.sh" "$@" >/dev/null 2>&1 ||
		rc=$?
	echo "$rc"
}

pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $* (logs in $LOGS)"; }

# lines KEY LOG: the VM's "KEY ..." lines, without KEY
lines() { tr -d '\r' <"$2" | awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }'; }

# kill_matrix LAYOUT MODE [POINT...]: one VM, one line per point
kill_matrix() {
	local layout=$1 mode=$2 log rc line n=0
	shift 2
	log=$LOGS/kill-$layout-$mode.log
	rc=$(vm "$log" kill "$layout" "$mode" "$@")
	if [[ $rc = 200 ]]; then
		SKIPPED=$((SKIPPED + 1))
		echo "SKIP: matrix kill $layout $mode: $(grep -m1 '^SKIP:' "$log" || true)"
		return
	fi
	while IFS= read -r line; do
		n=$((n + 1))
		if [[ $line = *" PASS" ]]; then
			pass "matrix kill $layout $mode ${line% PASS}"
		else
			fail "matrix kill $layout $mode $line"
		fi
	done < <(lines MATRIX-KILL "$log")
	((n > 0 && rc == 0)) || fail "matrix kill $layout $mode: the VM exited $rc after $n cases"
}

# trace LAYOUT MODE: the points of a move into POINTS; false if none
trace() {
	local log=$LOGS/trace-$1-$2.log rc
	POINTS=()
	rc=$(vm "$log" trace "$1" "$2")
	[[ $rc = 0 ]] || { fail "matrix trace $1 $2: the VM exited $rc"; return 1; }
	mapfile -t POINTS < <(lines MATRIX-POINT "$log")
	((${#POINTS[@]} > 0)) || { fail "matrix trace $1 $2: no points"; return 1; }
}

# crash_case LAYOUT MODE POINT: crash at POINT, check in a second VM
crash_case() {
	local layout=$1 mode=$2 point=$3 base rc md5s=() free before lv sum
	base=$LOGS/crash-$layout-$mode-${point/:/-}
	DISK=$base.img
	rm -f "$DISK"
	rc=$(vm "$base-1.log" --disk-file "$DISK" crash "$layout" "$mode" "$point")
	if grep -q '^MATRIX-NOT-REACHED' "$base-1.log"; then
		fail "matrix crash $layout $mode $point: the move never reached it"
		return
	fi
	[[ $rc = 125 ]] || { fail "matrix crash $layout $mode $point: the first VM exited $rc"; return; }
	while read -r lv sum; do
		md5s+=("$lv=$sum")
	done < <(lines MATRIX-MD5 "$base-1.log")
	free=$(lines MATRIX-FREE "$base-1.log")
	before=$(lines MATRIX-BEFORE "$base-1.log")
	[[ ${#md5s[@]} = 2 && -n $free && -n $before ]] ||
		{ fail "matrix crash $layout $mode $point: no state from the first VM"; return; }
	rc=$(vm "$base-2.log" --disk-file "$DISK" check "$layout" "$mode" "$free" "$before" \
		"${md5s[@]}")
	if [[ $rc = 0 ]]; then
		pass "matrix crash $layout $mode $point"
	else
		fail "matrix crash $layout $mode $point: $(grep -a -m1 '^FAIL:' "$base-2.log" || echo "exit $rc")"
	fi
	rm -f "$DISK"
}

subset() {
	kill_matrix linear classic
	kill_matrix linear atomic
	kill_matrix linear atomic-abort
	trace linear classic || return 0
	crash_case linear classic commit_one:1
	crash_case linear classic suspend:2
	crash_case linear classic "${POINTS[-1]}"
}

everything() {
	local layout mode p
	for layout in linear striped mirror; do
		for mode in classic atomic classic-abort atomic-abort; do
			kill_matrix "$layout" "$mode"
			trace "$layout" "$mode" || continue
			for p in "${POINTS[@]}"; do
				crash_case "$layout" "$mode" "$p"
			done
		done
	done
}

all_kills() {
	local layout mode
	for layout in linear striped mirror; do
		for mode in classic atomic classic-abort atomic-abort; do
			kill_matrix "$layout" "$mode"
		done
	done
}

if ((ALL)); then
	everything
elif ((KILLS)); then
	all_kills
else
	subset
fi
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
((FAILED == 0))
