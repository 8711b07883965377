#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove's failures: each exits 5 and leaves the metadata as it was (and
# the data intact): no data to move, a PV in no VG, PE ranges out of
# bounds, no free space on the destinations, an LV another pvmove is
# moving, an unknown -n LV.  Bad usage exits 3.  Classic and --atomic.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 5 16

# misuse VG CMD...: CMD exits 3 and VG's metadata stays as it was
misuse() {
	local vg=$1 before after
	shift
	before=$(meta "$vg")
	assert_exit 3 "$@"
	after=$(meta "$vg")
	assert_eq "$before" "$after" "metadata of $vg after the misused: $*"
}

pv_free() { "$P/pvs" --noheadings -o pv_pe_count,pv_pe_alloc_count "$1" | awk '{ print $1 - $2 }'; }

# b spans dev3 and dev4; dev2 is empty; dev5 is a PV in no VG
make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3" "$dev4"
	"$P/pvcreate" "$dev5"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 2 -n b $vg "$dev3"
	"$P/lvextend" -l +2 $vg/b "$dev4"
	MD5S=()
	md5_save $vg a b
}

plain_errors() {
	local m=$1
	unchanged $vg "$P/pvmove" $m "$dev2"
	err_has 5 "No data to move" "$P/pvmove" $m "$dev2"
	unchanged $vg "$P/pvmove" $m "$dev5"
	unchanged $vg "$P/pvmove" $m "$dev1" "$dev5"
	# a device that is not there is a bad command line (LVM2: exit 3)
	misuse $vg "$P/pvmove" $m /dev/mapper/${LIB_PREFIX}nosuchpv
	unchanged $vg "$P/pvmove" $m "$dev1:100-200"
	unchanged $vg "$P/pvmove" $m "$dev1:0-30"
	unchanged $vg "$P/pvmove" $m "$dev1" "$dev2:40-50"
	unchanged $vg "$P/pvmove" $m -n nosuch "$dev1"
	unchanged $vg "$P/pvmove" $m -n b "$dev1"
	unchanged $vg "$P/pvmove" $m -n $vg1/a "$dev1"
}

no_space() {
	local m=$1
	"$P/lvcreate" -l "$(pv_free "$dev2")" -n full $vg "$dev2"
	unchanged $vg "$P/pvmove" $m "$dev1" "$dev2"
	unchanged $vg "$P/pvmove" $m -n a "$dev1" "$dev2"
	unchanged $vg "$P/pvmove" $m "$dev1" "$dev2:0-3"
	"$P/lvremove" -f $vg/full
}

# b's piece on dev3 is being moved (held by a stalled destination): the
# move off dev4 has nothing else to move
being_moved() {
	local m=$1
	slow_pes $vg "$dev1" 0 $STALL 4
	"$P/pvmove" $m -b "$dev3" "$dev1"
	has_move $vg || die "the move off $dev3 is over already"
	unchanged $vg "$P/pvmove" $m "$dev4" "$dev2"
	unchanged $vg "$P/pvmove" $m -n b "$dev4" "$dev2"
	"$P/pvmove" --abort
	fast_dev "$dev1"
	no_move_left $vg
	wait_for 30 eval '! has_poller'
}

bad_usage() {
	local m=$1
	misuse $vg "$P/pvmove" $m --bogus "$dev1"
	misuse $vg "$P/pvmove" $m -i -5 "$dev1"
	misuse $vg "$P/pvmove" $m --interval=-1 "$dev1"
	misuse $vg "$P/pvmove" $m -i xyz "$dev1"
	misuse $vg "$P/pvmove" $m --alloc bogus "$dev1"
}

for mode in "" --atomic; do
	make_vg
	plain_errors "$mode"
	no_space "$mode"
	being_moved "$mode"
	bad_usage "$mode"
	md5_check "after the failed $mode moves"
	assert_eq "$dev1(0)" "$(lv_devs $vg a)" "a after the failed $mode moves"
	assert_eq "$dev3(0) $dev4(0)" "$(lv_devs $vg b)" "b after the failed $mode moves"
	"$P/vgremove" -f $vg
	"$P/pvremove" "$dev5"
done
