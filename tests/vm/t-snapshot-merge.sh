#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvconvert --merge: a snapshot of a closed active origin merges at once
# (the origin then holds the snapshot's data and is a plain LV again); with
# the origin open the merge waits for the next activation, as in LVM2,
# with LVM2's metadata (merging_store) and lv_attr (O, S); an invalid
# snapshot is refused.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target snapshot
need_target snapshot-merge
prepare_pvs 2 32
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}" >/dev/null

lvsq() { "$P/lvs" --noheadings -o "$@" | sed 's/^ *//; s/  */ /g; s/ *$//'; }
md5of() { dev_md5 "/dev/$vg/$1"; }

"$P/lvcreate" -L 8m -n lv $vg "$dev1" >/dev/null
fill_dev /tmp/a 8
fill_dev /tmp/b 2
dd if=/tmp/a of=/dev/$vg/lv bs=1M oflag=direct 2>/dev/null
A=$(md5of lv)

# ---- merge at once ----
"$P/lvcreate" -s -L 4m -n snap $vg/lv >/dev/null
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=1 oflag=direct 2>/dev/null
B=$(md5of lv)
[[ $A != "$B" ]] || die "the write changed nothing"
out=$("$P/lvconvert" --merge $vg/snap 2>&1) || die "lvconvert --merge: $out"
assert_match 'Merging of volume LVMTESTvg/snap started' "$out" "merge started"
assert_match 'Merge of snapshot into logical volume lv has finished' "$out" "merge finished"
assert_eq "$A" "$(md5of lv)" "origin after the merge holds the snapshot's data"
assert_eq "lv -wi-a-----" "$(lvsq name,attr $vg)" "a plain LV after the merge"
assert_eq "0 16384 linear $(devno "$dev1") 2048" "$(dm_table $vg-lv)" "plain table"
assert_eq "" "$(dmsetup ls | grep -E "^$vg-(lv-real|snap)" || true)" "snapshot devices gone"
assert_eq "lv" "$("$P/lvs" -a --noheadings -o name $vg | tr -d ' ')" "LVs after the merge"

# ---- deferred while the origin is open ----
"$P/lvcreate" -s -L 8m -n snap2 $vg/lv >/dev/null
"$P/lvcreate" -s -L 8m -n other $vg/lv >/dev/null
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=4 oflag=direct 2>/dev/null
C=$(md5of lv)
dd if=/tmp/b of=/dev/$vg/snap2 bs=1M seek=6 oflag=direct 2>/dev/null
S=$(md5of snap2)
exec 3</dev/$vg/lv
out=$("$P/lvconvert" --merge $vg/snap2 2>&1) || die "deferred lvconvert --merge: $out"
assert_match "Can't merge until origin volume is closed" "$out" "deferred: why"
assert_match 'Merging of snapshot LVMTESTvg/snap2 will occur on next activation of LVMTESTvg/lv' \
	"$out" "deferred: when"
exec 3<&-
assert_eq "lv Owi-a-s---
other swi-a-s---
[snap2] Swi-a-s---" "$(lvsq name,attr -a $vg)" "lvs of a pending merge"
m=$(meta $vg)
assert_match 'merging_store = "snap2"' "$m" "merging_store"
assert_match 'snapshot0 \{[^}]*status = \[ "READ", "WRITE" \]' "$m" "internal LV not VISIBLE"
err_has 5 'Cannot merge snapshot LVMTESTvg/other into the origin lv with merging snapshot snap2' \
	"$P/lvconvert" --merge $vg/other
assert_eq "$C" "$(md5of lv)" "origin unchanged until the merge runs"
"$P/vgchange" -an $vg >/dev/null
"$P/vgchange" -ay $vg >/dev/null
# with another snapshot of the origin the merge waits for all of them: the
# next lvconvert --merge starts it (LVM2 starts it at activation)
assert_match '^0 16384 snapshot-origin ' "$(dm_table $vg-lv)" "no merge with other snapshots down"
out=$("$P/lvconvert" --merge $vg/snap2 2>&1) || die "lvconvert --merge again: $out"
assert_match 'Merging of volume LVMTESTvg/snap2 started' "$out" "deferred merge started"
assert_match 'Merge of snapshot into logical volume lv has finished' "$out" "deferred merge finished"
assert_eq "$S" "$(md5of lv)" "origin holds the merged snapshot's data"
assert_eq "$A" "$(md5of other)" "the other snapshot kept its data"
assert_eq "lv owi-a-s---
other swi-a-s---" "$(lvsq name,attr -a $vg)" "after the deferred merge"
assert_match '^0 16384 snapshot-origin ' "$(dm_table $vg-lv)" "origin of the other snapshot"

# a lone snapshot's deferred merge runs at the next activation
"$P/lvremove" -f $vg/other >/dev/null
"$P/lvcreate" -s -L 8m -n snap3 $vg/lv >/dev/null
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=2 oflag=direct 2>/dev/null
"$P/vgchange" -an $vg >/dev/null
out=$("$P/lvconvert" --merge $vg/snap3 2>&1) || die "lvconvert --merge of an inactive origin: $out"
assert_match 'Merging of snapshot LVMTESTvg/snap3 will occur on next activation of LVMTESTvg/lv' \
	"$out" "inactive: when"
assert_eq "lv Owi---s---
[snap3] Swi---s---" "$(lvsq name,attr -a $vg)" "lvs of a pending merge, inactive"
"$P/vgchange" -ay $vg >/dev/null
assert_match '^0 16384 snapshot-merge ' "$(dm_table $vg-lv)" "merge table at activation"
out=$("$P/lvconvert" --merge $vg/snap3 2>&1) || die "lvconvert --merge of a running merge: $out"
assert_match 'Merge of snapshot into logical volume lv has finished' "$out" "merge at activation finished"
assert_eq "$S" "$(md5of lv)" "origin as it was when snap3 was taken"
assert_eq "lv -wi-a-----" "$(lvsq name,attr -a $vg)" "after the merge at activation"

# ---- an invalid snapshot is not merged ----
"$P/lvcreate" -s -l 1 -n tiny $vg/lv >/dev/null
dd if=/tmp/b of=/dev/$vg/lv bs=1M oflag=direct 2>/dev/null
err_has 5 'Unable to merge invalid snapshot LVMTESTvg/tiny' "$P/lvconvert" --merge $vg/tiny
err_has 3 'is not a snapshot to merge' "$P/lvconvert" --merge $vg/lv
"$P/vgremove" -ff $vg >/dev/null
assert_eq "" "$(dmsetup ls | grep "^$vg-" || true)" "devices left"
