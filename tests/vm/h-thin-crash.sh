#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# h-thin-crash.sh --prefix DIR [--logs DIR]: a VM crashes between the
# metadata commit of "lvcreate -V" in an active thin pool and the pool
# message that creates the thin device; the next VM, booted on the same
# disk, sends the message when it activates the pool: the new thin LV
# works and the data of the older one is intact.  Runs on the host and
# drives two VMs through tests/vm/vmrun --disk-file (the VM side is
# h-thin-crash-vm.sh).  Prints "PASS: ..." or "FAIL: ...", then
# "N passed, N failed, N skipped"; exits 1 if it failed.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VMRUN=$HERE/vmrun
VM_TESTDIR=/plvm-vmtests
PREFIX= LOGS=

usage() {
	sed -n '4,11s/^# \{0,1\}//p' "$0"
	exit "${1:-0}"
}

while (($#)); do
	case $1 in
	--prefix) PREFIX=$2; shift ;;
	--prefix=*) PREFIX=${1#*=} ;;
	--logs) LOGS=$2; shift ;;
	--logs=*) LOGS=${1#*=} ;;
	-h|--help) usage ;;
	*) echo "h-thin-crash.sh: unknown argument $1" >&2; usage 2 >&2 ;;
	esac
	shift
done
[[ -n $PREFIX ]] || { echo "h-thin-crash.sh: --prefix DIR is required" >&2; exit 2; }
PREFIX=$(cd "$PREFIX" && pwd)
[[ -n $LOGS ]] || LOGS=$(mktemp -d /tmp/plvm-thin-crash.XXXXXX)
mkdir -p "$LOGS"
DISK=$LOGS/disk.img

# vm LOG ARGS...: run the VM side with ARGS on $DISK; its status
vm() {
	local log=$1 rc=0
	shift
	"$VMRUN" --quiet --timeout 300 --disk-file "$DISK" --disk-mb 64 --log "$log" \
		--with "$HERE=$VM_TESTDIR" --env "PLVM_VMTESTS=$VM_TESTDIR" \
		--env PLVM_SYSTEM_DIR=/run/plvm --with "$PREFIX" --path "$PREFIX/sbin" \
		--env "PLVM_PREFIX=$PREFIX" "$HERE/h-thin-crash-vm.sh" "$@" >/dev/null 2>&1 || rc=$?
	echo "$rc"
}

end() {
	echo "$1: thin-crash${2:+: $2}"
	case $1 in
	PASS) echo "1 passed, 0 failed, 0 skipped" ;;
	SKIP) echo "0 passed, 0 failed, 1 skipped" ;;
	*) echo "0 passed, 1 failed, 0 skipped"; exit 1 ;;
	esac
	exit 0
}

rm -f "$DISK"
rc=$(vm "$LOGS/thin-crash-1.log" start)
[[ $rc != 200 ]] || end SKIP "$(grep -m1 '^SKIP:' "$LOGS/thin-crash-1.log" || true)"
[[ $rc = 125 ]] || end FAIL "the first VM exited $rc, not by a crash (125) (logs in $LOGS)"
grep -q '^THIN-CRASH-NOW' "$LOGS/thin-crash-1.log" ||
	end FAIL "the first VM crashed elsewhere than after the commit (logs in $LOGS)"
sum=$(tr -d '\r' <"$LOGS/thin-crash-1.log" | awk '$1 == "THIN-CRASH-MD5" { print $2; exit }')
[[ -n $sum ]] || end FAIL "no md5 from the first VM (logs in $LOGS)"
rc=$(vm "$LOGS/thin-crash-2.log" check "$sum")
[[ $rc = 0 ]] || end FAIL "the second VM exited $rc: $(grep -m1 '^FAIL:' "$LOGS/thin-crash-2.log" || true) (logs in $LOGS)"
rm -f "$DISK"
end PASS
