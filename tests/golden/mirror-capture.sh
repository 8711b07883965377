#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How tests/golden/mirror-*.vg and the LVM2 lines of mirror-*.golden were
# made: run as root in a VM with LVM2 (2.03.16 for the committed files) and
# device-mapper, with LIBSH pointing at the pvmove acceptance lib.sh (it
# provides `aux prepare_vg`, `aux delay_dev`, `get first_extent_sector`).
# It prints the tables (`dmsetup table | sort`) and vgcfgbackup files
# between "=== NAME" markers.  Not run by make check.
. "${LIBSH:?set LIBSH to the acceptance lib.sh}"
aux prepare_vg 5 40

# user mirrors: core and disk logs, --nosync, -R, the default region
lvcreate -y --type mirror -m1 --mirrorlog core -l4 -n mcore $vg
lvcreate -y --type mirror -m2 --mirrorlog disk -l6 -n mdisk $vg
lvcreate -y --type mirror -m1 --mirrorlog core --nosync -l4 -n mcorens $vg
lvcreate -y --type mirror -m1 --mirrorlog disk --nosync -l4 -n mdiskns $vg
echo "=== TABLE NOSYNC (as created)"
dmsetup table | grep vg- | sort
lvcreate -y --type mirror -m1 -R 256k -l20 -n mreg $vg
lvcreate -y --type mirror -m1 -l20 -n mbig $vg
vgchange -an $vg
vgchange -ay --monitor n $vg
echo "=== TABLE USER (re-activated)"
dmsetup table | grep vg- | sort
echo "=== STATUS USER"
dmsetup status | grep vg- | sort
vgcfgbackup -f /tmp/user.vg $vg >/dev/null
echo "=== mirror-user.vg"
cat /tmp/user.vg
lvremove -ff $vg

# a pvmove caught with one segment done, one running, one waiting
move() {
	lvcreate -an -Zn -y -l3 -n $lv1 $vg "$dev1"
	lvextend -l+4 $vg/$lv1 "$dev2"
	lvextend -l+30 $vg/$lv1 "$dev1"
	[[ $1 = --atomic ]] || { lvextend -l+4 $vg/$lv1 "$dev2"; lvextend -l+6 $vg/$lv1 "$dev1"; }
	lvchange -ay $vg/$lv1
	aux delay_dev "$dev3" 0 300 "$(get first_extent_sector "$dev3"):"
	LVM_TEST_TAG="kill_me_$PREFIX" pvmove -b -i1 "$@" -n $vg/$lv1 "$dev1" "$dev3"
}
finish() {
	aux kill_tagged_processes
	pvmove --abort "$dev1"
	aux delay_dev "$dev3"
	lvremove -ff $vg
}

move --config 'activation/raid_region_size=4096'
for i in $(seq 1 100); do
	t=$(dmsetup table $vg-pvmove0 2>/dev/null) || true
	echo "$t" | head -1 | grep -q linear && echo "$t" | grep -q mirror && break
	sleep 0.2
done
echo "=== TABLE CLASSIC"
dmsetup table | grep vg- | sort
dmsetup ls | grep vg- | sort
vgcfgbackup -f /tmp/classic.vg $vg >/dev/null
echo "=== mirror-pvmove.vg"
cat /tmp/classic.vg
finish

move --atomic
aux wait_pvmove_lv_ready "$vg-pvmove0"
echo "=== TABLE ATOMIC"
dmsetup table | grep vg- | sort
dmsetup ls | grep vg- | sort
vgcfgbackup -f /tmp/atomic.vg $vg >/dev/null
echo "=== mirror-atomic.vg"
cat /tmp/atomic.vg
finish
