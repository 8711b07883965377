#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# copy-engine-vm.sh MB: the part of copy-engine.sh that runs as root in the
# VM, on the scratch disk $VMRUN_DISK.  Prints one line per way of copying.
set -euo pipefail

MB=$1
SECT=$((MB * 2048))
modprobe dm-mirror 2>/dev/null || true
modprobe dm-raid 2>/dev/null || true
dmsetup create CEsrc --table "0 $SECT linear $VMRUN_DISK 2048"
dmsetup create CEdst --table "0 $SECT linear $VMRUN_DISK $((2048 + SECT))"
SRC=/dev/mapper/CEsrc DST=/dev/mapper/CEdst

# data on the source, and the destination written once
dd if=/dev/urandom of=/tmp/chunk bs=1M count=16 2>/dev/null
for ((i = 0; i < MB / 16; i++)); do
	dd if=/tmp/chunk of=$SRC bs=16M seek=$i oflag=direct 2>/dev/null
done
dd if=/dev/zero of=$DST bs=16M count=$((MB / 16)) oflag=direct 2>/dev/null

now_ms() {
	local up _
	read -r up _ </proc/uptime
	echo $((10#${up/./} * 10))
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
# thread CPU ticks, "pid name ticks" per line
threads() {
	local d st
	for d in /proc/[0-9]*; do
		read -r st <"$d/stat" 2>/dev/null || continue
		# shellcheck disable=SC2086
		set -- $st
		echo "$1 $2 $((${14} + ${15}))"
	done
}

# measure WHAT CMD...: run CMD, print the rate, the guest's CPU time
# (seconds of CPU per second of copy, out of $(nproc)) and the busiest thread
measure() {
	local what=$1 t0 t1 c0 c1 top
	shift
	threads >/tmp/th0
	c0=$(busy_ticks)
	t0=$(now_ms)
	"$@"
	t1=$(now_ms)
	c1=$(busy_ticks)
	threads >/tmp/th1
	top=$(awk 'NR == FNR { a[$1] = $3; next } { print $3 - a[$1], $2 }' /tmp/th0 /tmp/th1 |
		sort -n | tail -n1)
	awk -v w="$what" -v ms=$((t1 - t0)) -v mb="$MB" -v c=$((c1 - c0)) -v top="$top" \
		-v n="$(nproc)" 'BEGIN {
		split(top, t, " ")
		printf "%-34s %7.1f MiB/s  %5.2f s  CPU %4.2f of %d  busiest %s (%.2f)\n",
			w, mb * 1000 / ms, ms / 1000, c / ms * 10, n, t[2], t[1] / ms * 10 }'
}

# in_sync NAME: every target of NAME's table has copied all its regions
in_sync() { ! dmsetup status "$1" | awk '{ split($7, r, "/"); if (r[1] != r[2]) bad = 1 } END { exit !bad }'; }
wait_sync() {
	local name ev
	for name in "$@"; do
		while ! in_sync "$name"; do
			ev=$(dmsetup info -c --noheadings -o events "$name")
			in_sync "$name" || dmsetup wait "$name" "$ev" >/dev/null
		done
	done
}

# mirror N: a table of N mirror targets over the two devices, resynced
mirror() {
	local n=$1 per=$((SECT / $1)) i tab=
	for ((i = 0; i < n; i++)); do
		tab+="$((i * per)) $per mirror core 1 16384 2 $SRC $((i * per)) $DST $((i * per))"$'\n'
	done
	printf '%s' "$tab" | dmsetup create CEmir
	wait_sync CEmir
	dmsetup remove CEmir
}

# two devices, each half of the copy, made from CPU 0 and CPU 1: kcopyd
# works on the CPU that queued its work, so this spreads it
two_cpus() {
	local h=$((SECT / 2))
	taskset -c 0 dmsetup create CEa --table "0 $h mirror core 1 16384 2 $SRC 0 $DST 0"
	taskset -c 1 dmsetup create CEb --table "0 $h mirror core 1 16384 2 $SRC $h $DST $h"
	wait_sync CEa CEb
	dmsetup remove CEa
	dmsetup remove CEb
}

raid1() {
	local st
	dmsetup create CEraid --table "0 $SECT raid raid1 5 16384 rebuild 1 max_recovery_rate 4000000 2 - $SRC - $DST"
	while st=$(dmsetup status CEraid); ! [[ $st =~ \ ([0-9]+)/([0-9]+)\  &&
	       ${BASH_REMATCH[1]} = "${BASH_REMATCH[2]}" && $st = *idle* ]]; do
		sleep 0.1
	done
	dmsetup remove CEraid
}

echo "kernel: $(uname -r), $(nproc) vCPUs, kcopyd sub-job $(cat /sys/module/dm_mod/parameters/kcopyd_subjob_size_kb 2>/dev/null || echo '?') KiB"
for bs in 1 4 16; do
	measure "dd bs=${bs}M O_DIRECT" dd if=$SRC of=$DST bs=${bs}M count=$((MB / bs)) \
		iflag=direct oflag=direct 2>/dev/null
done
measure "dm-mirror, 1 target" mirror 1
measure "dm-mirror, 4 targets" mirror 4
if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
	measure "dm-mirror, 2 devices on 2 CPUs" two_cpus
else
	echo "dm-mirror, 2 devices on 2 CPUs: skipped (no taskset or one CPU)"
fi
if dmsetup targets | grep -q '^raid '; then
	measure "dm-raid raid1 rebuild" raid1
else
	echo "dm-raid raid1 rebuild: skipped (no raid target)"
fi
dmsetup remove CEsrc
dmsetup remove CEdst
