#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How tests/golden/thin-snap.vg and thin-snap.golden were made: run as root
# in a VM with LVM2 2.03.16 (tests/vm/vmrun --with-lvm2 --disk-mb 130
# --with tests/vm=/vmtests --env PLVM_VMTESTS=/vmtests
# tests/golden/thin-snap-capture.sh).  Three 40 MiB PVs named as the VM
# tests name them, a pool with a thin LV, a thin snapshot of it and one of
# the snapshot, all active (-K).  It prints the PVs' device numbers (the
# golden file gives PV N the fake 253:N-1), the tables, the uuids and the
# vgcfgbackup file between "=== NAME" markers.  Not run by make check.
. "${PLVM_VMTESTS:?}/lib.sh"
set +x
prepare_pvs 3 40
lvm2_conf
vg=LVMTESTvg
pvcreate -q /dev/mapper/LVMTESTpv[123]
vgcreate -q -s 512k $vg /dev/mapper/LVMTESTpv[123]
lvcreate -q -T $vg/pool -L 8M
lvcreate -q -V 16M --thinpool pool -n thin1 $vg
lvcreate -q -s $vg/thin1 -n snap1
lvcreate -q -s $vg/snap1 -n snap2
lvchange -ay -K $vg/snap1 $vg/snap2
echo "=== PVS"
dmsetup info -c --noheadings -o name,major,minor | grep LVMTESTpv | sort
echo "=== TABLE"
dmsetup table | grep "^$vg-" | sort
echo "=== UUIDS"
dmsetup info -c -o name,uuid | grep "^$vg-" | sort
vgcfgbackup -f /tmp/b.vg $vg >/dev/null
echo "=== thin-snap.vg"
cat /tmp/b.vg
vgchange -an $vg >/dev/null
