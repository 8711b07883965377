#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# "pvmove --abort PV" stops only the move off PV (another in the same VG
# and one in another VG go on); "pvmove --abort" stops every move in every
# VG.  Nothing had been copied: every LV is back on its source, data intact.
# Classic and --atomic.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 6 16
region_kib 64

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3" "$dev4"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 4 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

# move_pvs VG: the source PVs of the moves in VG, sorted, one a line
move_pvs() {
	"$P/lvs" -a --noheadings -o lv_name,move_pv "$1" | awk '$1 ~ /^\[pvmove[0-9]+\]$/ { print $2 }' | sort
}

# by_pv MODE: two moves in one VG and one in another; abort them by PV,
# then all at once
by_pv() {
	local mode=$1
	make_vg
	"$P/lvcreate" -l 16 -n c $vg "$dev3"
	"$P/vgcreate" -s 512k $vg1 "$dev5" "$dev6"
	"$P/lvcreate" -l 16 -n d $vg1 "$dev5"
	md5_save $vg c
	md5_save $vg1 d
	# no copy may finish before its abort: each takes one round of the
	# delay per 64 KiB region (32 for a, 128 for c and d), an abort waits
	# for a round or two
	slow_pes $vg "$dev2" 0 1000 0
	slow_pes $vg "$dev4" 0 1000 0
	slow_pes $vg1 "$dev6" 0 1000 0
	"$P/pvmove" $mode -b "$dev1" "$dev2"
	"$P/pvmove" $mode -b "$dev3" "$dev4"
	"$P/pvmove" $mode -b "$dev5" "$dev6"
	assert_eq "$dev1"$'\n'"$dev3" "$(move_pvs $vg)" "moves in $vg"
	# with its progress log, started afresh
	assert_match "mirror disk 3 [0-9]+:[0-9]+ 128 sync " "$(dmsetup table $vg-pvmove0)" \
		"region size of pvmove0"
	"$P/pvmove" --abort "$dev1"
	assert_eq "$dev3" "$(move_pvs $vg)" "moves in $vg after pvmove --abort $dev1"
	has_move $vg1 || die "pvmove --abort $dev1 stopped the move in $vg1"
	assert_eq "$dev1(0)" "$(lv_devs $vg a)" "a after pvmove --abort $dev1"
	"$P/pvmove" --abort
	move_over $vg
	move_over $vg1
	fast_dev "$dev2"
	fast_dev "$dev4"
	fast_dev "$dev6"
	assert_eq "$dev3(0)" "$(lv_devs $vg c)" "c after pvmove --abort"
	assert_eq "$dev5(0)" "$(lv_devs $vg1 d)" "d after pvmove --abort"
	md5_check "after pvmove $mode --abort"
	"$P/vgremove" -f $vg $vg1
}

by_pv ""
by_pv --atomic
