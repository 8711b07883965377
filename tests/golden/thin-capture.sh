#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How tests/golden/thin.vg and the LVM2 lines of thin.golden were made: run
# as root in a VM with LVM2 (2.03.16 for the committed files) and
# device-mapper, with LIBSH pointing at the acceptance lib.sh.  It prints
# the tables, uuids and the vgcfgbackup file between "=== NAME" markers.
# Not run by make check.
. "${LIBSH:?set LIBSH to the acceptance lib.sh}"
aux prepare_vg 3 40
lvcreate -T $vg/pool -L 8M
lvcreate -V 16M --thinpool pool $vg -n thin1
lvcreate -T $vg/pool2 -L 4M -V 12M -n thin2
echo "=== TABLE"
dmsetup table | grep vg- | sort
echo "=== UUIDS"
dmsetup info -c -o name,uuid | grep vg- | sort
vgcfgbackup -f /tmp/b.vg $vg >/dev/null
echo "=== thin.vg"
cat /tmp/b.vg
lvremove -ff $vg
