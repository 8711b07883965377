#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove of a snapshot origin and of a snapshot's COW store, classic and
# --atomic, whole PVs and -n: the extents land on the destination (the
# origin's under its -real layer, the COW's under its -cow layer), the data
# of origin and snapshots is what it was, and the snapshots keep working
# (a write to the origin after the move leaves them as they were).
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target snapshot
prepare_pvs 4 24
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}" >/dev/null

md5of() { dev_md5 "/dev/$vg/$1"; }

"$P/lvcreate" -L 8m -n lv $vg "$dev1" >/dev/null
fill_dev /tmp/a 8
dd if=/tmp/a of=/dev/$vg/lv bs=1M oflag=direct 2>/dev/null
"$P/lvcreate" -s -L 4m -n s1 $vg/lv "$dev1" >/dev/null
"$P/lvcreate" -s -L 4m -n s2 $vg/lv "$dev2" >/dev/null
fill_dev /tmp/b 1
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=3 oflag=direct 2>/dev/null
A=$(md5sum </tmp/a | cut -d' ' -f1)
O=$(md5of lv)

# check WHEN: data of all three, origin and COW tables name the PVs' devices
check() {
	assert_eq "$O" "$(md5of lv)" "origin $1"
	assert_eq "$A" "$(md5of s1)" "s1 $1"
	assert_eq "$A" "$(md5of s2)" "s2 $1"
	assert_eq "0 16384 snapshot-origin $(devno /dev/mapper/$vg-lv-real)" \
		"$(dm_table $vg-lv)" "origin table $1"
	no_move_left $vg
}

# a write to the origin after the moves: the snapshots stay as they were
write_again() {
	dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=$1 oflag=direct 2>/dev/null
	O=$(md5of lv)
	assert_eq "$A" "$(md5of s1)" "s1 after a write $2"
	assert_eq "$A" "$(md5of s2)" "s2 after a write $2"
}

# classic, whole PV: the origin and s1's COW go from dev1 to dev3
"$P/pvmove" -i0 "$dev1" "$dev3" >/dev/null
assert_eq "$dev3(0)" "$(lv_devs $vg lv)" "origin on dev3"
assert_eq "$dev3(8)" "$(lv_devs $vg s1)" "s1's COW on dev3"
table_has_linear_to $vg-lv-real "$dev3" || die "-real not on dev3: $(dm_table $vg-lv-real)"
table_has_linear_to $vg-s1-cow "$dev3" || die "-cow not on dev3: $(dm_table $vg-s1-cow)"
check "after a classic pvmove"
write_again 5 "after a classic pvmove"

# --atomic, one LV: s2's COW store alone
"$P/pvmove" --atomic -i0 -n $vg/s2 "$dev2" "$dev4" >/dev/null
assert_eq "$dev4(0)" "$(lv_devs $vg s2)" "s2's COW on dev4"
table_has_linear_to $vg-s2-cow "$dev4" || die "-cow not on dev4: $(dm_table $vg-s2-cow)"
check "after an atomic pvmove of a COW store"

# --atomic, the origin alone, back to dev1
"$P/pvmove" --atomic -i0 -n $vg/lv "$dev3" "$dev1" >/dev/null
assert_eq "$dev1(0)" "$(lv_devs $vg lv)" "origin back on dev1"
assert_eq "$dev3(8)" "$(lv_devs $vg s1)" "s1's COW stays"
check "after an atomic pvmove of the origin"
write_again 6 "after an atomic pvmove"

# and it all comes back after deactivation
"$P/vgchange" -an $vg >/dev/null
"$P/vgchange" -ay $vg >/dev/null
check "after reactivation"
"$P/vgremove" -ff $vg >/dev/null
assert_eq "" "$(dmsetup ls | grep "^$vg-" || true)" "devices left"
