#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A move stopped at about half way (its poller killed, then vgchange -an)
# and brought back, in both modes.  The pvmove mirror keeps its progress in
# a disk log on a destination PV (never on the source), so right after
# vgchange -ay the kernel's sync count is what it was at the stop, within
# one region, and the move copies again at most one region more than what
# was left: an atomic move where it was, a classic one inside the segment
# it was copying (see doc/pvmove-resume.md).  Prints the MiB copied again
# beside the move's size, for both.  Then: the log goes with the move, the
# data is intact, and a move with no room for its log still runs (with a
# message).
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 3 72
region_kib 1024
REGION_KIB=1024
TOTAL_KIB=$((64 * 1024))
SLOW_MS=150

half_done() { (($(copied_kib "$1" "$dev2") >= TOTAL_KIB / 2)); }

# a, b: 24 and 40 MiB on dev1 (a classic move copies them one by one, so
# the stop falls inside b, the second segment)
make_vg() {
	"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -L 24m -n a $vg "$dev1"
	"$P/lvcreate" -L 40m -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

resume() {
	local mode=$1 label=${1#--} before after again devs
	label=${label:-classic}
	make_vg
	slow_pes $vg "$dev2" 0 $SLOW_MS 0:64
	"$P/pvmove" $mode -b -i1 "$dev1" "$dev2"
	wait_for 30 has_move $vg
	devs=$(lv_devs $vg pvmove0_mlog)
	[[ -n $devs && $devs != *"$dev1("* ]] || die "$label: the log is on '$devs'"
	dmsetup table $vg-pvmove0 | grep -q ' mirror disk ' ||
		die "$label: no disk log: $(dmsetup table $vg-pvmove0)"
	wait_for 180 half_done $vg
	kill_pollers
	before=$(copied_kib $vg "$dev2")
	"$P/vgchange" -an $vg
	dm_absent $vg-pvmove0
	dm_absent $vg-pvmove0_mlog

	# back with the destination's data extents stalled: the count the
	# kernel reports is what it read from the log, nothing copied yet
	slow_pes $vg "$dev2" 0 $STALL 0:64
	"$P/vgchange" -ay --poll n $vg
	after=$(copied_kib $vg "$dev2")
	fast_dev "$dev2"
	again=$((before > after ? before - after : 0))
	echo "resume $label: copied again after the restart: $again KiB of a" \
		"$((TOTAL_KIB / 1024)) MiB move (counted $before KiB just before the stop, went on from" \
		"$after KiB; region $REGION_KIB KiB)"
	((after + REGION_KIB >= before)) ||
		die "$label: resumed at $after KiB, stopped at $before KiB"
	# classic: the stop fell inside b, the second segment, past a's 24 MiB
	[[ $label = atomic ]] || ((before > 24 * 1024 + REGION_KIB)) ||
		die "$label: stopped at $before KiB, not inside the second segment"
	"$P/pvmove" -i1 >/dev/null
	move_over $vg
	off_pv $vg "$dev1"
	md5_check "after the $label resume"
	"$P/vgremove" -f $vg
}

# the destination range takes the data and nothing more: no log, said so
no_room() {
	local out
	make_vg
	out=$("$P/pvmove" --atomic -i1 "$dev1" "$dev2:0-63" 2>&1)
	[[ $out == *"No free extent off $dev1 for the progress log of pvmove0"* ]] ||
		die "no message about the missing log: $out"
	move_over $vg
	off_pv $vg "$dev1"
	md5_check "after a move without a log"
	"$P/vgremove" -f $vg
}

for mode in "" --atomic; do
	resume "$mode"
done
no_room
