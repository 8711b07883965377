#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvchange -x, vgchange -x/-p/-l/--logicalvolume/--uuid, vgcreate and
# vgextend --labelsector and -M, lvscan -a, pvscan -s/-u/-n/-e and
# vgremove -S side by side with LVM2 2.03.16 (run with --with-lvm2): the
# same commands run first with LVM2, then with plvm, on the same PVs, and
# give the same output, stream by stream, and the same exit codes.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target raid

prepare_pvs 4 32
lvm2_conf

# c CMD ARGS...: run, and record stdout, stderr (less the lines only one
# tool prints) and the exit code; uuids are masked
c() { record "$@" | mask_uuids >>"$LOG"; }

run() {
	TOOL=$1 LOG=/tmp/change.$1
	: >"$LOG"
	c pvcreate -M lvm2 "$dev1"
	c pvcreate -M lvm1 "$dev2"
	c vgcreate --labelsector 2 -M2 $vg "$dev1" "$dev2"
	q pvcreate "$dev3"
	c pvscan
	c pvscan -u
	c pvscan -s
	c pvscan -n
	c pvscan -e
	c pvscan -e -n
	c pvchange -x n "$dev1"
	c pvchange -x n "$dev1"
	c pvs -o pv_name,pv_attr
	c lvcreate -an -l 1 -n a $vg
	c pvs -o pv_name,pv_used
	c pvchange --allocatable y "$dev1"
	c pvchange -x n -a
	c pvchange -x y -a
	c pvchange -x y "$dev3"
	c vgchange -x n $vg
	c vgchange -x n $vg
	c vgs -o vg_name,vg_attr $vg
	c vgextend $vg "$dev3"
	c vgreduce $vg "$dev2"
	c vgchange -x y $vg
	c vgextend --labelsector 3 $vg "$dev4"
	c vgchange -p 1 $vg
	c vgchange -p 4 $vg
	c vgs -o vg_name,max_pv,max_lv $vg
	c vgchange --maxphysicalvolumes 0 -l 5 $vg
	c vgs -o vg_name,max_pv,max_lv $vg
	c vgchange --logicalvolume 0 $vg
	c vgs -o vg_name,max_pv,max_lv $vg
	q lvchange -ay $vg/a
	c vgchange --uuid $vg
	q lvchange -an $vg/a
	id=$(tool vgs --noheadings -o vg_uuid $vg)
	c vgchange --uuid $vg
	[[ $id != "$(tool vgs --noheadings -o vg_uuid $vg)" ]] || die "$TOOL: vgchange --uuid kept $id"
	c lvcreate -an --type raid1 -m1 -l1 -n r $vg "$dev1" "$dev3"
	c lvscan
	c lvscan -a
	c vgreduce $vg "$dev4"
	c vgcreate $vg1 "$dev4"
	c pvscan
	c pvscan -u
	c vgremove -S vg_name=nosuch
	c vgremove -S vg_name=$vg1
	c vgs --noheadings -o vg_name
	q vgremove -ff $vg
	wipe_pvs "$dev1" "$dev2" "$dev3" "$dev4"
}

run lvm2
run plvm
diff -u /tmp/change.lvm2 /tmp/change.plvm || die "plvm differs from LVM2"
