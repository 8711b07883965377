#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sparse LVs without a thin pool: lvcreate --type snapshot -V SIZE -L COW
# makes a snapshot of a hidden "<name>_vorigin" that reads zeros (LVM2's
# layout with sparse_segtype_default = "snapshot"); it holds what is
# written up to its COW size, survives reactivation and goes with its
# origin on lvremove.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target snapshot
need_target zero
prepare_pvs 1 32
"$P/vgcreate" -s 1m $vg "$dev1" >/dev/null

out_has 'Logical volume "sparse" created' "$P/lvcreate" --type snapshot -V 64m -L 8m -n sparse $vg
assert_eq "0 131072 zero " "$(dm_table $vg-sparse_vorigin-real)" "zero origin"
assert_eq "0 131072 snapshot-origin $(devno /dev/mapper/$vg-sparse_vorigin-real)" \
	"$(dm_table $vg-sparse_vorigin)" "virtual origin"
assert_match '^0 131072 snapshot ' "$(dm_table $vg-sparse)" "sparse LV: a snapshot as large as -V"
assert_eq "64.00m" "$("$P/lvs" --noheadings -o size $vg/sparse_vorigin | tr -d ' ')" "virtual size"
assert_eq "8.00m" "$("$P/lvs" --noheadings -o size $vg/sparse | tr -d ' ')" "COW size"
assert_eq "sparse" "$("$P/lvs" --noheadings -o name $vg | tr -d ' ')" "only the sparse LV is listed"
assert_eq "$(dd if=/dev/zero bs=1M count=64 2>/dev/null | md5sum | cut -d' ' -f1)" "$(dev_md5 /dev/$vg/sparse)" \
	"a new sparse LV reads zeros"
fill_dev /tmp/a 2
dd if=/tmp/a of=/dev/$vg/sparse bs=1M seek=40 oflag=direct 2>/dev/null
want=$(md5sum </tmp/a | cut -d' ' -f1)
got=$(dd if=/dev/$vg/sparse bs=1M skip=40 count=2 iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
assert_eq "$want" "$got" "data written to a sparse LV"
"$P/vgchange" -an $vg >/dev/null
"$P/vgchange" -ay $vg >/dev/null
got=$(dd if=/dev/$vg/sparse bs=1M skip=40 count=2 iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
assert_eq "$want" "$got" "data after reactivation"
assert_match 'type = "zero"' "$(meta $vg)" "the virtual origin's segment"
out_has 'Logical volume "sparse" successfully removed' "$P/lvremove" -f $vg/sparse
assert_eq "" "$("$P/lvs" -a --noheadings -o name $vg)" "the virtual origin went with it"
assert_eq "" "$(dmsetup ls | grep "^$vg-" || true)" "devices left"
"$P/vgremove" -ff $vg >/dev/null
