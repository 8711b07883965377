#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A move seen while it runs (the destination slowed by dm-delay), classic
# and --atomic: lvs -a lists [pvmove0] with lv_attr p..., the moved LVs are
# locked (upper-case allocation letter), move_pv and copy_percent give the
# source and a percentage (lvs -a also names an atomic move's progress log
# in the Log column), the layer maps through a mirror; then the copy
# speeds up, the command prints its Moved lines and the data is intact.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 3 16

# lv_field VG/LV FIELD: one report field of one LV, spaces trimmed
lv_field() { "$P/lvs" -a --noheadings -o "$2" "$1" | sed -n '1{s/^ *//; s/ *$//; p;}'; }

observe() {
	local mode=$1 pid rc=0 attr pct images row
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 8 -n a $vg "$dev1"
	"$P/lvcreate" -l 8 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
	slow_pes $vg "$dev2" 0 $STALL 0:16
	"$P/pvmove" $mode -i1 "$dev1" "$dev2" >/tmp/move.out 2>&1 &
	pid=$!
	wait_for 30 has_move $vg

	attr=$(lv_field $vg/pvmove0 lv_attr)
	assert_match '^p' "$attr" "lv_attr of pvmove0"
	assert_match '^\[pvmove0\]$' "$(lv_field $vg/pvmove0 lv_name)" "lvs -a name of pvmove0"
	assert_match '^-w[A-Z]' "$(lv_field $vg/a lv_attr)" "lv_attr of the locked LV a"
	assert_eq "$dev1" "$(lv_field $vg/pvmove0 move_pv)" "move_pv of pvmove0"
	pct=$(lv_field $vg/pvmove0 copy_percent)
	assert_match '^[0-9]{1,2}\.[0-9]{2}$' "$pct" "copy_percent of pvmove0 during the move"
	assert_match ' mirror ' "$(dmsetup table $vg-pvmove0)" "table of $vg-pvmove0"
	assert_match "pvmove0" "$(lv_devs $vg a)" "devices of a during the move"
	images=$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' ' | grep -c mimage || true)
	if [[ $mode = --atomic ]]; then
		assert_eq 2 "$images" "mimage LVs of an atomic move"
	else
		assert_eq 0 "$images" "mimage LVs of a classic move"
	fi
	# the lvs default columns show the same two fields
	row=$("$P/lvs" -a $vg)
	row=$(grep -m1 pvmove0 <<<"$row")
	# and its progress log in the Log column (both modes)
	assert_match "$dev1 +\\[pvmove0_mlog\\] +[0-9]+\\.[0-9]{2}( |$)" "$row" \
		"lvs -a row of pvmove0"

	fast_dev "$dev2"
	wait "$pid" || rc=$?
	assert_eq 0 "$rc" "exit status of pvmove $mode (output: $(cat /tmp/move.out))"
	moved_lines "$dev1" "$(cat /tmp/move.out)"
	off_pv $vg "$dev1"
	no_move_left $vg
	md5_check "after pvmove $mode"
	"$P/vgremove" -f $vg
}

observe ""
observe --atomic
