#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Snapshots shared with LVM2 (run with --with-lvm2): a snapshot LVM2 made
# is activated by plvm with LVM2's devices and shows the data LVM2 left,
# keeps working under plvm and goes back to LVM2 intact; a snapshot plvm
# made is read, activated and removed by LVM2.  LVM2 is only called by its
# explicit path, plvm only through $PLVM_PREFIX.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"
need_target snapshot

prepare_pvs 2 48
lvm2_conf

# tables: the VG's tables, device numbers replaced by device names
tables() {
	local map
	map=$(dmsetup ls | sed -E 's/^([^ \t]+)[ \t]+\(([0-9]+):([0-9]+)\)$/s#\\b\2:\3\\b#\1#g/')
	dmsetup table | grep "^$vg-" | sed -E "$map" | sort
}
lvsq() { "$1" lvs --noheadings -o "${@:2}" | sed 's/^ *//; s/  */ /g; s/ *$//'; }
md5of() { dev_md5 "/dev/$vg/$1"; }

fill_dev /tmp/a 8
fill_dev /tmp/b 1
A=$(md5sum </tmp/a | cut -d' ' -f1)

# ---- LVM2 makes, plvm uses ----
"$LVM" vgcreate -s 1m $vg "$dev1" "$dev2"
"$LVM" lvcreate -y -L 8m -n lv $vg
dd if=/tmp/a of=/dev/$vg/lv bs=1M oflag=direct 2>/dev/null
"$LVM" lvcreate -s -L 4m -c 8k -n snap $vg/lv
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=1 oflag=direct 2>/dev/null
B=$(md5of lv)
lvm2_tables=$(tables)
"$LVM" vgchange -an $vg
"$P/vgck" $vg
assert_eq "lv owi---s--- 8.00m 0
snap swi---s--- 4.00m lv 8.00k" "$(lvsq "$P/lvm" name,attr,size,origin,chunk_size $vg)" \
	"plvm's lvs of LVM2's snapshot"
"$P/vgchange" -ay $vg >/dev/null
assert_eq "$lvm2_tables" "$(tables)" "plvm loads LVM2's tables"
assert_eq "$A" "$(md5of snap)" "LVM2's snapshot under plvm"
assert_eq "$B" "$(md5of lv)" "LVM2's origin under plvm"
pct=$(lvsq "$P/lvm" snap_percent $vg/snap)
assert_eq "$pct" "$(lvsq "$LVM" snap_percent $vg/snap)" "Snap% of plvm and LVM2"
# plvm writes more and adds a snapshot
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=5 oflag=direct 2>/dev/null
C=$(md5of lv)
"$P/lvcreate" -s -L 4m -n byplvm $vg/lv >/dev/null
"$P/vgchange" -an $vg >/dev/null

# ---- plvm's snapshots back under LVM2 ----
"$LVM" vgck $vg
assert_eq "byplvm lv 4.00k
snap lv 8.00k" "$(lvsq "$LVM" name,origin,chunk_size -S origin=lv $vg | sort)" \
	"LVM2's lvs of plvm's snapshot"
"$LVM" vgchange -ay $vg
assert_eq "$A" "$(md5of snap)" "the old snapshot back under LVM2"
assert_eq "$C" "$(md5of byplvm)" "plvm's snapshot under LVM2"
assert_eq "$C" "$(md5of lv)" "origin under LVM2"
dd if=/tmp/b of=/dev/$vg/lv bs=1M seek=6 oflag=direct 2>/dev/null
assert_eq "$C" "$(md5of byplvm)" "plvm's snapshot keeps its data under LVM2"
"$LVM" lvremove -y $vg/snap
"$LVM" vgchange -an $vg
"$P/vgchange" -ay $vg >/dev/null
assert_eq "$C" "$(md5of byplvm)" "plvm's snapshot back under plvm"
out_has 'Logical volume "byplvm" successfully removed' "$P/lvremove" -f $vg/byplvm
assert_eq "lv -wi-a-----" "$(lvsq "$P/lvm" name,attr $vg)" "plain origin"
"$P/vgremove" -ff $vg >/dev/null
