#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The VM side of h-pvmove-crash.sh (not a test of its own):
#   h-pvmove-crash-vm.sh start MODE   make the VG, print the LVs' md5s as
#       "PVMOVE-CRASH-MD5 LV SUM" lines, start a slowed "pvmove -b MODE",
#       wait until part is copied (classic: a checkpoint and part of the
#       next segment; atomic: half), print "PVMOVE-CRASH-COPIED KIB" (the
#       kernel's count), crash the VM
#   h-pvmove-crash-vm.sh check MODE a=SUM b=SUM   on the same disk: the same
#       PVs, vgchange -ay restarts the move in the background with the
#       destination stalled, print "PVMOVE-CRASH-AFTER KIB" (where the copy
#       starts again), let it run until it is over, check the md5s
# MODE is "classic" or "atomic".
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
phase=$1 mode=$2
shift 2
opt=
[[ $mode = classic ]] || opt=--atomic

# the same tables in both VMs: the second finds the first one's PVs
prepare_pvs 3 16
region_kib 64

TOTAL_KIB=4096		# a and b, 2 MiB each

half_copied() { (($(copied_kib "$1" "$dev2") >= TOTAL_KIB / 2)); }
# a checkpoint, and some of b copied after it
past_checkpoint() { (($(copied_kib "$1" "$dev2") >= TOTAL_KIB / 2 + 512)); }

start() {
	local lv
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 4 -n b $vg "$dev1"
	md5_save $vg a b
	for lv in a b; do
		echo "PVMOVE-CRASH-MD5 $lv ${MD5S[$vg/$lv]}"
	done
	# a 64 KiB region each 0.3 s: each LV takes about 10 s to copy
	slow_pes $vg "$dev2" 0 300 0
	"$P/pvmove" $opt -b -i1 "$dev1" "$dev2"
	if [[ $mode = classic ]]; then
		wait_for 60 has_checkpoint $vg
		wait_for 60 past_checkpoint $vg
	else
		wait_for 60 half_copied $vg
	fi
	has_move $vg || die "the move was over before the crash"
	echo "PVMOVE-CRASH-COPIED $(copied_kib $vg "$dev2")"
	echo 1 >/proc/sys/kernel/sysrq
	echo "PVMOVE-CRASH-NOW"
	sleep 1	# the line reaches the console before the reset
	echo b >/proc/sysrq-trigger
	sleep 30
	die "still running after the crash"
}

check() {
	local kv
	for kv in "$@"; do
		MD5S[$vg/${kv%%=*}]=${kv#*=}
	done
	has_move $vg || die "no move in the metadata after the crash"
	[[ $mode = atomic ]] || (($(moved_extents $vg) > 0)) || die "the checkpoint was lost"
	# stalled, so that the count the kernel starts from can be read
	slow_pes $vg "$dev2" 0 $STALL 0
	"$P/vgchange" -ay $vg
	dm_exists $vg-pvmove0
	echo "PVMOVE-CRASH-AFTER $(copied_kib $vg "$dev2")"
	[[ $mode = atomic ]] || table_has_linear_to $vg-pvmove0 "$dev2" ||
		die "the checkpointed piece is not on $dev2: $(dmsetup table $vg-pvmove0)"
	has_poller || die "vgchange -ay started no poller"
	fast_dev "$dev2"
	wait_for 120 no_move $vg
	move_over $vg
	off_pv $vg "$dev1"
	md5_check "after the crash and restart ($mode)"
	"$P/vgchange" -an $vg
}

case $phase in
start) start ;;
check) check "$@" ;;
*) die "unknown phase $phase" ;;
esac
