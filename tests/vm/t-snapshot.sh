#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The snapshot plugin: lvcreate -s (sizes, chunk sizes, %ORIGIN, refusals),
# LVM2's devices (-real, -cow, snapshot-origin, snapshot), the data an
# origin and its snapshots show before and after writes to either, across
# deactivation, a snapshot that fills up and goes invalid while the origin
# keeps working, lvs, lvextend, lvrename and lvremove.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target snapshot
prepare_pvs 2 64
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"

# lvs FIELDS LV...: one line per LV, blanks squeezed
lvsq() { "$P/lvs" --noheadings -o "$@" | sed 's/^ *//; s/  */ /g; s/ *$//'; }
md5of() { dev_md5 "/dev/$vg/$1"; }

"$P/lvcreate" -L 8m -n lv $vg "$dev1" >/dev/null
fill_dev /tmp/a 8
dd if=/tmp/a of=/dev/$vg/lv bs=1M oflag=direct 2>/dev/null
A=$(md5sum </tmp/a | cut -d' ' -f1)
assert_eq "$A" "$(md5of lv)" "origin data"

# ---- refusals ----
err_has 3 'Chunk size must be a power of 2 in the range 4K to 512K' \
	"$P/lvcreate" -s -L 4m -c 3k -n bad $vg/lv
err_has 3 'Chunk size must be a power of 2' "$P/lvcreate" -s -L 4m -c 1m -n bad $vg/lv
err_has 5 'Snapshot volume cannot be smaller than 3 chunks \(2 extents, 1.50 MiB\)' \
	"$P/lvcreate" -s -l 1 -c 512k -n bad $vg/lv
err_has 3 'Please specify either size or extents with snapshots' "$P/lvcreate" -s -n bad $vg/lv
err_has 5 "Couldn't find origin volume nosuch" "$P/lvcreate" -s -L 4m -n bad $vg/nosuch
assert_eq "lv" "$("$P/lvs" -a --noheadings -o name $vg | tr -d ' ')" "nothing left by refusals"

# ---- create: LVM2's devices ----
out_has 'Logical volume "snap" created' "$P/lvcreate" -s -L 4m -n snap $vg/lv
real=$(devno /dev/mapper/$vg-lv-real)
cow=$(devno /dev/mapper/$vg-snap-cow)
assert_eq "0 16384 snapshot-origin $real" "$(dm_table $vg-lv)" "origin table"
assert_eq "0 16384 linear $(devno "$dev1") 2048" "$(dm_table $vg-lv-real)" "-real table"
assert_eq "0 16384 snapshot $real $cow P 8" "$(dm_table $vg-snap)" "snapshot table"
assert_eq "0 8192 linear $(devno "$dev1") 18432" "$(dm_table $vg-snap-cow)" "-cow table"
uuid=$(dmsetup info -c --noheadings -o uuid $vg-lv)
assert_eq "$uuid-real" "$(dmsetup info -c --noheadings -o uuid $vg-lv-real)" "-real uuid"
assert_match '^LVM-[A-Za-z0-9]{64}$' "$uuid" "origin uuid"
assert_match 'cow$' "$(dmsetup info -c --noheadings -o uuid $vg-snap-cow)" "-cow uuid"
assert_eq "lv owi-a-s--- 8.00m 0
snap swi-a-s--- 4.00m lv 0.00 0.00 4.00k" \
	"$(lvsq name,attr,size,origin,snap_percent,data_percent,chunk_size $vg)" "lvs"
assert_eq "lv
snap" "$("$P/lvs" -a --noheadings -o name $vg | tr -d ' ')" "lvs -a hides snapshot0"
assert_eq "2 1" "$("$P/vgs" --noheadings -o lv_count,snap_count $vg | xargs)" "vgs #LV #SN"
m=$(meta $vg)
assert_match 'snapshot0 \{' "$m" "internal LV"
assert_match 'type = "snapshot"[[:space:]]+chunk_size = 8[[:space:]]+origin = "lv"[[:space:]]+cow_store = "snap"' \
	"$m" "snapshot segment"
[[ -L /dev/$vg/snap && -L /dev/$vg/lv && ! -e /dev/$vg/snapshot0 ]] || die "links"

# ---- data ----
assert_eq "$A" "$(md5of snap)" "snapshot shows the origin as it was"
fill_dev /tmp/b 1
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=2 oflag=direct 2>/dev/null
cp /tmp/a /tmp/ab
dd if=/tmp/b of=/tmp/ab bs=1M seek=2 conv=notrunc 2>/dev/null
B=$(md5sum </tmp/ab | cut -d' ' -f1)
assert_eq "$B" "$(md5of lv)" "origin after a write"
assert_eq "$A" "$(md5of snap)" "snapshot after a write to the origin"
pct=$("$P/lvs" --noheadings -o snap_percent $vg/snap | tr -d ' ')
[[ $pct != 0.00 && $pct != 100.00 ]] || die "snap_percent after a write: $pct"
# a snapshot is writable; its writes stay its own
cp /tmp/a /tmp/as
dd if=/tmp/b of=/dev/$vg/snap bs=1M seek=5 oflag=direct 2>/dev/null
dd if=/tmp/b of=/tmp/as bs=1M seek=5 conv=notrunc 2>/dev/null
S=$(md5sum </tmp/as | cut -d' ' -f1)
assert_eq "$S" "$(md5of snap)" "snapshot after its own write"
assert_eq "$B" "$(md5of lv)" "origin after a write to the snapshot"

# ---- activation: origin and snapshots together, data kept ----
"$P/lvchange" -an $vg/lv
assert_eq "" "$(dmsetup ls | grep "^$vg-" || true)" "lvchange -an of the origin takes its snapshots"
assert_eq "lv owi---s---
snap swi---s---" "$(lvsq name,attr $vg)" "lvs inactive"
"$P/lvchange" -ay $vg/snap
dm_exists $vg-lv
dm_exists $vg-lv-real
assert_eq "$S" "$(md5of snap)" "snapshot after reactivation"
assert_eq "$B" "$(md5of lv)" "origin after reactivation"
"$P/vgchange" -an $vg >/dev/null
assert_eq "" "$(dmsetup ls | grep "^$vg-" || true)" "vgchange -an"
out_has '2 logical volume\(s\) in volume group "LVMTESTvg" now active' "$P/vgchange" -ay $vg
assert_eq "$S" "$(md5of snap)" "snapshot after vgchange -ay"
real=$(devno /dev/mapper/$vg-lv-real)
cow=$(devno /dev/mapper/$vg-snap-cow)

# ---- sizes: %ORIGIN of the most a COW can use, reduced to that most ----
"$P/lvcreate" -s -l 50%ORIGIN -n half $vg/lv >/dev/null
assert_eq "5.00m" "$(lvsq size $vg/half)" "50%ORIGIN (of the 9 extents a COW can use)"
out_has 'Reducing COW size 20.00 MiB down to maximum usable size 9.00 MiB' \
	"$P/lvcreate" -s -L 20m -c 16k -n full $vg/lv
assert_eq "9.00m 16.00k" "$(lvsq size,chunk_size $vg/full)" "reduced COW"
assert_eq "0 16384 snapshot $real $(devno /dev/mapper/$vg-full-cow) P 32" \
	"$(dm_table $vg-full)" "chunk size in the table"
err_has 5 'Snapshots of snapshots are not supported' "$P/lvcreate" -s -L 4m -n bad $vg/snap
assert_eq "$B" "$(md5of half)" "a later snapshot shows the origin as it is then"
"$P/lvremove" -f $vg/half $vg/full >/dev/null

# ---- a snapshot that fills up goes invalid; the origin keeps working ----
"$P/lvcreate" -s -l 1 -n tiny $vg/lv >/dev/null
fill_dev /tmp/c 2
dd if=/tmp/c of=/dev/$vg/lv bs=1M seek=4 oflag=direct 2>/dev/null
cp /tmp/ab /tmp/abc
dd if=/tmp/c of=/tmp/abc bs=1M seek=4 conv=notrunc 2>/dev/null
C=$(md5sum </tmp/abc | cut -d' ' -f1)
assert_eq "Invalid" "$(dmsetup status $vg-tiny | awk '{ print $4 }')" "kernel: invalid"
assert_eq "tiny swi-I-s--- lv 100.00 snapshot invalid" \
	"$(lvsq name,attr,origin,snap_percent,lv_snapshot_invalid $vg/tiny)" "lvs of the full snapshot"
assert_eq "$C" "$(md5of lv)" "origin after its snapshot filled up"
assert_eq "$S" "$(md5of snap)" "the other snapshot is still good"
dd if=/dev/$vg/tiny of=/dev/null bs=4k count=1 2>/dev/null && die "an invalid snapshot reads"
out_has 'Logical volume "tiny" successfully removed' "$P/lvremove" -f $vg/tiny
dm_absent $vg-tiny
dm_absent $vg-tiny-cow

# ---- lvextend of a snapshot, of an active origin ----
out_has 'successfully resized' "$P/lvextend" -l +2 $vg/snap "$dev2"
assert_eq "0 8192 linear $(devno "$dev1") 18432
8192 4096 linear $(devno "$dev2") 2048" "$(dm_table $vg-snap-cow)" "-cow after lvextend"
assert_eq "0 16384 snapshot $real $cow P 8" "$(dm_table $vg-snap)" "snapshot after lvextend"
assert_eq "6.00m" "$(lvsq size $vg/snap)" "size after lvextend"
assert_eq "$S" "$(md5of snap)" "snapshot data after lvextend"
err_has 5 'Snapshot origin volumes can be resized only while inactive' \
	"$P/lvextend" -l +1 $vg/lv

# ---- lvrename of snapshot and origin ----
"$P/lvrename" $vg/snap $vg/snap2 >/dev/null
"$P/lvrename" $vg/lv $vg/lv2 >/dev/null
dm_exists $vg-snap2-cow
dm_exists $vg-lv2-real
assert_eq "snap2 lv2" "$(lvsq name,origin $vg/snap2)" "origin after renames"
assert_match 'origin = "lv2"[[:space:]]+cow_store = "snap2"' "$(meta $vg)" "metadata after renames"
assert_eq "$S" "$(md5of snap2)" "snapshot after renames"
assert_eq "$C" "$(md5of lv2)" "origin after renames"

# ---- lvremove: the last snapshot gives the origin its plain device back ----
"$P/lvcreate" -s -L 2m -n other $vg/lv2 >/dev/null
exec 3</dev/$vg/other
err_has 5 "Logical volume $vg/other in use" "$P/lvremove" -f $vg/other
exec 3<&-
out_has 'Logical volume "other" successfully removed' "$P/lvremove" -y $vg/other
dm_exists $vg-lv2-real
err_has 5 'Logical volume LVMTESTvg/lv2 not removed' "$P/lvremove" $vg/lv2 </dev/null
assert_eq "snap2 lv2" "$(lvsq name,origin $vg/snap2)" "refused lvremove kept all"
"$P/lvcreate" -s -L 2m -n third $vg/lv2 >/dev/null
out_has 'Logical volume "snap2" successfully removed' "$P/lvremove" -f $vg/snap2
out_has 'Logical volume "third" successfully removed' "$P/lvremove" -f $vg/third
assert_eq "0 16384 linear $(devno "$dev1") 2048" "$(dm_table $vg-lv2)" "plain origin again"
dm_absent $vg-lv2-real
assert_eq "lv2 -wi-a-----" "$(lvsq name,attr $vg)" "origin without snapshots"
assert_eq "$C" "$(md5of lv2)" "origin data after its snapshots went"
"$P/lvcreate" -s -L 2m -n s1 $vg/lv2 >/dev/null
"$P/lvcreate" -s -L 2m -n s2 $vg/lv2 >/dev/null
out=$("$P/lvremove" -f $vg/lv2 2>&1)
for l in s1 s2 lv2; do
	assert_match "Logical volume \"$l\" successfully removed" "$out" "lvremove -f of an origin"
done
assert_eq "" "$("$P/lvs" -a --noheadings -o name $vg)" "LVs left"
assert_eq "" "$(dmsetup ls | grep "^$vg-" || true)" "devices left"
"$P/vgremove" -ff $vg >/dev/null
