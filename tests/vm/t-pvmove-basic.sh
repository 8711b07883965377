#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove, classic and --atomic: a whole PV with linear, 3-stripe and
# multi-segment LVs on it; -n LV and -n VG/LV; -i0 and -i1 with their
# "PV: Moved: NN.NN%" lines.  Every move is checked by the md5s of the LVs.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
prepare_pvs 5 16

# lin: 4 extents on dev1; str: 3 stripes over dev1..dev3; multi: dev1,
# dev2, dev1 again (a gap LV between its two pieces on dev1)
make_vg() {
	"$P/vgcreate" -s 512k $vg "${DEVICES[@]}"
	"$P/lvcreate" -l 4 -n lin $vg "$dev1"
	"$P/lvcreate" -i 3 -I 64k -l 6 -n str $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 2 -n multi $vg "$dev1"
	"$P/lvcreate" -l 1 -n gap $vg "$dev1"
	"$P/lvextend" -l +2 $vg/multi "$dev2"
	"$P/lvextend" -l +3 $vg/multi "$dev1"
	assert_eq 3 "$("$P/lvs" --noheadings -o seg_count $vg/multi | tr -d ' ')" "segments of multi"
	MD5S=()
	md5_save $vg lin str multi gap
}

whole_pv() {
	local mode=$1 out
	make_vg
	out=$("$P/pvmove" $mode -i1 "$dev1")
	moved_lines "$dev1" "$out"
	off_pv $vg "$dev1"
	stripes_apart $vg str
	assert_eq 3 "$("$P/lvs" --noheadings -o seg_count $vg/multi | tr -d ' ')" "segments of multi after"
	no_move_left $vg
	md5_check "after pvmove $mode $dev1"
	# and back with -i0, naming the destination
	out=$("$P/pvmove" $mode -i0 "$dev4" "$dev1")
	moved_lines "$dev4" "$out"
	off_pv $vg "$dev4"
	md5_check "after pvmove $mode $dev4 $dev1"
	"$P/vgremove" -f $vg
}

by_name() {
	local mode=$1
	make_vg
	"$P/pvmove" $mode -i0 -n lin "$dev1" "$dev5"
	assert_eq "$dev5(0)" "$(lv_devs $vg lin)" "devices of lin"
	assert_match "$dev1" "$(lv_devs $vg multi)" "multi stays on $dev1"
	"$P/pvmove" $mode -i0 -n $vg/multi "$dev1" "$dev5"
	assert_eq "$dev5(4) $dev2(2) $dev5(6)" "$(lv_devs $vg multi)" "devices of multi"
	assert_match "$dev1" "$(lv_devs $vg str)" "str stays on $dev1"
	assert_match "$dev1" "$(lv_devs $vg gap)" "gap stays on $dev1"
	"$P/pvmove" $mode -i0 -n str "$dev2" "$dev5"
	assert_match "^$dev1\\(4\\),$dev5\\([0-9]+\\),$dev3\\(0\\)$" "$(lv_devs $vg str)" "devices of str"
	no_move_left $vg
	md5_check "after pvmove $mode -n"
	"$P/vgremove" -f $vg
}

for mode in "" --atomic; do
	whole_pv "$mode"
	by_name "$mode"
done
