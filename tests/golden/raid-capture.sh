#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How tests/golden/raid-types.vg, raid-types.devs and raid-types.golden were
# made: run in a VM with LVM2 (2.03.16 for the committed files), e.g.
#   tests/vm/vmrun --with-lvm2 --disk-mb 700 --with tests/vm=/vmtests \
#       --env PLVM_VMTESTS=/vmtests tests/golden/raid-capture.sh
# It prints LVM2's messages, then between "=== NAME" markers the tables
# of the VG re-activated with --monitor n (`dmsetup table | sort`), the
# devices' numbers and the vgcfgbackup file.  Not run by make check.
. "${PLVM_VMTESTS:?}/lib.sh"
set +e
trap - ERR
set +o errtrace
LVM=/sbin/lvm
prepare_pvs 6 100
lvm2_conf
$LVM vgcreate -s 1m $vg "${DEVICES[@]}"
c() { echo "--- lvcreate $*"; $LVM lvcreate -an -y "$@" $vg 2>&1; echo "rc=$?"; }
c --type raid1 -m 1 -l 4 -n r1
c --type raid1 -m 2 -l 3 -R 512k --minrecoveryrate 64 --maxrecoveryrate 4096 -n r1b
c --type raid0 -l 6 -n r0
c --type raid0 -i 3 -I 128k -l 6 -n r0b
c --type raid0_meta -i 2 -l 4 -n r0m
c --type raid4 -l 4 -n r4
c --type raid5 -l 4 -n r5
c --type raid5 -i 3 -I 32k -l 6 -n r5b
c --type raid5_la -i 2 -l 4 -n r5la
c --type raid5_n -i 2 -l 4 -n r5n
c --type raid6 -l 6 -n r6
c --type raid6_nc -i 3 -l 6 -n r6nc
c --type raid6_ls_6 -i 3 -l 3 -n r6ls
c --type raid10 -l 4 -n r10
c --type raid10 -i 3 -m 1 -l 6 -n r10b
# refusals and roundings, for the record
c --type raid5 -i 1 -l 4 -n bad1
c --type raid6 -i 2 -l 4 -n bad2
c --type raid0 -i 1 -l 4 -n bad3
c --type raid5 -m 1 -l 4 -n bad4
c --type raid5 -l 5 -n round5
c --type raid0 -l 5 -n round0
c --type raid10 -l 5 -n round10
c --type raid5 -l 4 --nosync -n ns5
c --type raid0 -l 4 -R 1m -n bad5
c --type raid0 -l 4 --nosync -n bad6
c --type raid10 -m 2 -l 4 -n r10m2
c --type raid5 -i 7 -l 7 -n bad7
# the remaining layouts, last so that the LVs above keep their numbers
c --type raid5_ra -i 2 -l 2 -n r5ra
c --type raid5_rs -i 2 -l 2 -n r5rs
c --type raid5_ls -i 2 -l 2 -n r5ls
c --type raid6_zr -i 3 -l 3 -n r6zr
c --type raid6_nr -i 3 -l 3 -n r6nr
c --type raid6_la_6 -i 3 -l 3 -n r6la
c --type raid6_ra_6 -i 3 -l 3 -n r6ra
c --type raid6_rs_6 -i 3 -l 3 -n r6rs
c --type raid6_n_6 -i 3 -l 3 -n r6n6
$LVM lvremove -y $vg/round5 $vg/round0 $vg/round10 $vg/ns5 $vg/r10m2 2>&1
$LVM vgchange -ay --monitor n $vg
sleep 2
$LVM lvs -a -o lv_name,lv_attr,segtype,stripes,stripe_size,region_size,data_copies,lv_layout,copy_percent,devices $vg
echo "=== raid-types.golden"
dmsetup table | grep "^$vg-" | sort
echo "=== raid-types.devs"
dmsetup info -c --noheadings -o name,major,minor --separator ' ' | grep "^$vg-" |
	sed "s/^$vg-//" | awk '{ print $1, $2 ":" $3 }' | sort
echo "=== status"
dmsetup status | grep "^$vg-" | sort
$LVM vgcfgbackup -f /tmp/types.vg $vg >/dev/null
echo "=== raid-types.vg"
cat /tmp/types.vg
echo "=== end"
$LVM vgchange -an $vg
