#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# plvm and LVM2 on the same PVs (run with --with-lvm2): a VG plvm made
# passes LVM2's vgck and LVM2 lists the same devices for its LVs; a VG LVM2
# made is read, extended, activated and removed by plvm.  LVM2 is only
# called by its explicit path, plvm only through $PLVM_PREFIX.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"

prepare_pvs 4 24
lvm2_conf

# lvs -a -o name,devices of VG, in name order, as "name devices" lines
lvm2_devs() { "$LVM" lvs -a --noheadings -o lv_name,devices --separator ' ' "$1" | sed 's/^ *//' | sort; }

# plvm writes, LVM2 reads
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/lvcreate" -an -l 3 -n lin $vg "$dev1"
"$P/lvcreate" -an -i 2 -l 4 -n str $vg
"$P/lvextend" -l +2 $vg/lin "$dev2"
"$LVM" vgck $vg
"$LVM" vgs $vg
expect="lin $dev1(0)
lin $dev2(2)
str $dev1(3),$dev2(0)"
assert_eq "$expect" "$(lvm2_devs $vg)" "LVM2's view of plvm's VG"
"$LVM" lvchange -ay $vg/str
"$LVM" lvchange -an $vg/str
# LVM2 writes, plvm reads
"$LVM" lvcreate -an -l 2 -n bylvm2 $vg "$dev2"
"$P/vgck" $vg
"$P/vgchange" -ay $vg
dm_exists $vg-bylvm2
"$P/vgchange" -an $vg
"$P/vgremove" -f $vg

# a VG LVM2 made, extended, activated and removed by plvm
"$LVM" pvcreate -y "$dev3"
"$LVM" vgcreate -s 2m $vg1 "$dev3"
"$LVM" lvcreate -an -l 3 -n l1 $vg1
"$P/vgck" $vg1
"$P/vgextend" $vg1 "$dev4"
"$P/lvextend" -l +4 $vg1/l1 "$dev4"
"$P/lvcreate" -l 2 -n l2 $vg1
"$P/vgchange" -ay $vg1
dm_exists $vg1-l1
assert_eq $((7 * 4096)) "$(blockdev --getsz /dev/mapper/$vg1-l1)" "size of l1"
"$LVM" vgck $vg1
"$P/vgchange" -an $vg1
assert_eq "l1 $dev3(0)
l1 $dev4(0)
l2 $dev3(3)" "$(lvm2_devs $vg1)" "LVM2's view after plvm's changes"
"$P/vgremove" -f $vg1
"$LVM" pvs
assert_exit 5 "$LVM" vgs $vg1
