#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove --abort.  Classic: two segments, the second one's destination
# slowed, aborted after the first checkpoint: the first LV stays on the
# destination, the second goes back to the source.  Atomic: aborted part
# way, everything goes back to the source.  (t-pvmove-abort-pv: by PV, all)
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 4 16
# 64 KiB regions a second on the slowed range: b's 2 MiB take over 30 s to
# copy, while an abort waits about a second for the writes in flight
region_kib 64
HOLD=1000

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3" "$dev4"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 4 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

# copy_pct VG: the kernel's progress of pvmove0, in hundredths of a percent
copy_pct() {
	local p
	p=$("$P/lvs" -a --noheadings -o copy_percent "$1/pvmove0" | tr -d ' .')
	echo $((10#${p:-0}))
}
copied_some() { (($(copy_pct "$1") > 0)); }

classic() {
	make_vg
	# a's extents (0-3 on dev2) copy at once, b's (4-7) crawl
	slow_pes $vg "$dev2" 0 $HOLD 4:4
	"$P/pvmove" -b "$dev1" "$dev2:0-7"
	wait_for 60 has_checkpoint $vg
	assert_eq 4 "$(moved_extents $vg)" "extents_moved after the first checkpoint"
	table_has_linear_to $vg-pvmove0 "$dev2" || die "first piece not mapped to $dev2: $(dmsetup table $vg-pvmove0)"
	"$P/pvmove" --abort
	move_over $vg
	fast_dev "$dev2"
	assert_eq "$dev2(0)" "$(lv_devs $vg a)" "a (copied) after the classic abort"
	assert_eq "$dev1(4)" "$(lv_devs $vg b)" "b (not copied) after the classic abort"
	md5_check "after the classic abort"
	"$P/vgremove" -f $vg
}

atomic() {
	make_vg
	slow_pes $vg "$dev2" 0 $HOLD 4:4
	"$P/pvmove" --atomic -b "$dev1" "$dev2:0-7"
	wait_for 60 copied_some $vg
	assert_eq 0 "$(moved_extents $vg)" "checkpoints of an atomic move"
	"$P/pvmove" --abort "$dev1"
	move_over $vg
	fast_dev "$dev2"
	assert_eq "$dev1(0)" "$(lv_devs $vg a)" "a after the atomic abort"
	assert_eq "$dev1(4)" "$(lv_devs $vg b)" "b after the atomic abort"
	assert_eq 0 "$(pv_alloc "$dev2")" "extents left on $dev2"
	md5_check "after the atomic abort"
	"$P/vgremove" -f $vg
}

classic
atomic
