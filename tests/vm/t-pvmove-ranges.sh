#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove with PE ranges, classic and --atomic: source ranges (whole LVs,
# part of an LV, START+COUNT), destination ranges, and --alloc anywhere
# within one PV (refused without it).  Checked by the LVs' devices and md5s.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
prepare_pvs 3 16

ranges() {
	local mode=$1 devs
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 3 -n a $vg "$dev1"
	"$P/lvcreate" -l 3 -n b $vg "$dev1"
	"$P/lvcreate" -l 2 -n c $vg "$dev1"
	MD5S=()
	md5_save $vg a b c

	# a source range that is one whole LV
	"$P/pvmove" $mode -i0 "$dev1:0-2" "$dev2"
	assert_eq "$dev2(0)" "$(lv_devs $vg a)" "a after $dev1:0-2"
	assert_eq "$dev1(3)" "$(lv_devs $vg b)" "b after $dev1:0-2"
	assert_eq "$dev1(6)" "$(lv_devs $vg c)" "c after $dev1:0-2"
	md5_check "after $mode $dev1:0-2"

	# the middle extent of b, to one destination extent
	"$P/pvmove" $mode -i0 "$dev1:4-4" "$dev2:10-10"
	assert_eq "$dev1(3) $dev2(10) $dev1(5)" "$(lv_devs $vg b)" "b after $dev1:4-4"
	md5_check "after $mode $dev1:4-4"

	# START+COUNT, to a destination range further on
	"$P/pvmove" $mode -i0 "$dev1:6+2" "$dev3:20-29"
	assert_eq "$dev3(20)" "$(lv_devs $vg c)" "c after $dev1:6+2"
	md5_check "after $mode $dev1:6+2"

	# two source ranges; a destination made of two ranges
	"$P/pvmove" $mode -i0 "$dev1:3-3:5-5" "$dev3:0-0" "$dev3:7-7"
	# (which piece gets which destination extent is the allocator's choice)
	devs=$(lv_devs $vg b)
	assert_match "^$dev3\\(([07])\\) $dev2\\(10\\) $dev3\\(([07])\\)$" "$devs" "b after $dev1:3-3:5-5"
	[[ ${BASH_REMATCH[1]} != "${BASH_REMATCH[2]}" ]] || die "both pieces of b on $dev3(${BASH_REMATCH[1]})"
	off_pv $vg "$dev1"
	md5_check "after $mode $dev1:3-3:5-5"

	# within one PV: refused unless --alloc anywhere
	unchanged $vg "$P/pvmove" $mode -i0 "$dev2:0-2" "$dev2:25-29"
	"$P/pvmove" $mode -i0 --alloc anywhere "$dev2:0-2" "$dev2:25-29"
	assert_eq "$dev2(25)" "$(lv_devs $vg a)" "a after --alloc anywhere"
	no_move_left $vg
	md5_check "after $mode --alloc anywhere"
	"$P/vgremove" -f $vg
}

ranges ""
ranges --atomic
