#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How tests/golden/snapshot-user.vg and snapshot-user.golden were made: run
# as root in a VM with LVM2 2.03.16 and a scratch disk in $D (vmrun
# --with-lvm2 --disk-mb 256).  The .golden file is the `dmsetup table |
# sort` output of the VG as created, unchanged.  Not run by make check.
D=${D:-$VMRUN_DISK}
pvcreate -q "$D"
vgcreate -q -s 1m vg "$D"
lvcreate -q -y -L 8m -n lv vg
lvcreate -s -L 2m -n snap vg/lv
lvcreate -s -l 3 vg/lv
lvcreate -s -l 50%ORIGIN -n s50 vg/lv
lvcreate -s -L 1m -c 16k -n small vg/lv
echo "=== snapshot-user.golden"
dmsetup table | sort
vgcfgbackup -f /tmp/v.vg vg >/dev/null
echo "=== snapshot-user.vg"
cat /tmp/v.vg
