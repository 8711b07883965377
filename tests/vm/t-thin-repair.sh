#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A thin pool's metadata LV replaced, as LVM2 2.03.16 does it: lvconvert
# --thinpool VG/pool --poolmetadata LV on an inactive pool (refusals with
# LVM2's messages and exit codes, the old metadata LV left visible under
# the other name, data kept when the metadata is swapped back), and
# lvconvert --repair (thin_repair into the spare, the old metadata kept as
# pool_meta0, a new spare lvol1_pmspare, the thin LV's data intact).
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target thin-pool
need_cmd thin_check
need_cmd thin_repair
prepare_pvs 2 40
"$P/vgcreate" -s 512k $vg "${DEVICES[@]}"

field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | tr -d ' '; }
names() { "$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' []' | sort | tr '\n' ' '; }

"$P/lvcreate" -T $vg/pool -L 8M -V 16M -n t1
fill_dev /dev/$vg/t1 3
sum=$(head -c 3145728 /dev/$vg/t1 | md5sum)
"$P/lvcreate" -L 4M -n m2 $vg

# ---- --poolmetadata: refusals
err_has 5 "Cannot convert pool $vg/pool with active volumes\." "$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/m2 --yes
"$P/vgchange" -an $vg
err_has 5 "Can't convert internal LV $vg/pool_tdata\." "$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/pool_tdata --yes
err_has 5 "LV $vg/t1 with type thin cannot be used as a metadata LV\." "$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/t1 --yes
err_has 5 "Chunk size can be only changed with --force\. Conversion aborted\." "$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/m2 -c 128k --yes
echo n | err_has 5 "Conversion aborted\." "$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/m2
assert_eq "[pool_tmeta]" "$(field pool metadata_lv)" "metadata_lv after refusals"
assert_eq "4.00m" "$(field m2 lv_size)" "m2 untouched"

# ---- the swap: m2 becomes pool_tmeta, the old metadata is visible as m2
"$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/m2 --yes
assert_eq "4.00m" "$(field pool_tmeta lv_size)" "new tmeta"
assert_eq "-wi-------" "$(field m2 lv_attr)" "old metadata visible"
assert_eq "2.00m" "$(field m2 lv_size)" "old metadata size"
# m2 held no thin metadata: the pool refuses to activate, then is swapped back
assert_fails "$P/lvchange" -ay $vg/t1
"$P/lvconvert" --thinpool $vg/pool --poolmetadata $vg/m2 --yes
assert_eq "2.00m" "$(field pool_tmeta lv_size)" "tmeta swapped back"
"$P/lvchange" -ay $vg/t1
assert_eq "$sum" "$(head -c 3145728 /dev/$vg/t1 | md5sum)" "data after swaps"

# ---- --repair
err_has 5 "Active pools cannot be repaired\.  Use lvchange -an first\." "$P/lvconvert" --repair $vg/pool
"$P/vgchange" -an $vg
err_has 5 "Thin repair commnand is not configured\. Repair is disabled\." "$P/lvconvert" --repair $vg/pool --config 'global/thin_repair_executable=""'
out_has "WARNING: LV $vg/pool_meta0 holds a backup of the unrepaired metadata\. .*WARNING: New metadata LV $vg/pool_tmeta might use different PVs\." \
	"$P/lvconvert" --repair $vg/pool
assert_eq "lvol1_pmspare m2 pool pool_meta0 pool_tdata pool_tmeta t1 " "$(names)" "LVs after repair"
assert_eq "-wi-------" "$(field pool_meta0 lv_attr)" "backup attr"
assert_eq "ewi-------" "$(field lvol1_pmspare lv_attr)" "new spare attr"
assert_eq "[pool_tmeta]" "$(field pool metadata_lv)" "metadata_lv after repair"
# the repaired metadata works: thin_check passes, the data is there
"$P/lvchange" -ay $vg/t1
assert_eq "$sum" "$(head -c 3145728 /dev/$vg/t1 | md5sum)" "data after repair"
assert_eq "1" "$(dmsetup status $vg-pool-tpool | awk '{ print $4 }')" "kernel tid"

# a failing repair program changes nothing
"$P/vgchange" -an $vg
err_has 5 "Repair of thin metadata volume of thin pool $vg/pool failed \(status:1\)\. Manual repair required!" "$P/lvconvert" --repair $vg/pool --config 'global/thin_repair_executable="/bin/false"'
assert_eq "lvol1_pmspare m2 pool pool_meta0 pool_tdata pool_tmeta t1 " "$(names)" "LVs after a failed repair"

"$P/lvremove" -f $vg
"$P/vgremove" -f $vg
