#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The snapshot plugin built out of tree against the installed SDK
# (plugins/snapshot/Makefile.sdk; scripts/test-all.sh builds it into
# $PLVM_PREFIX) stands in for the tree's own module: with the tree's
# snapshot module left out of plugins/load, snapshots work through the
# vendor build named by its conf.d drop-in, and not at all without it.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

dropin=$PLVM_PREFIX/etc/plvm/conf.d/80-snapshot.conf
[[ -f $dropin ]] || skip "the SDK build of the snapshot plugin is not installed in $PLVM_PREFIX (scripts/test-all.sh builds it)"
need_target snapshot
prepare_pvs 1 32
write_conf 'plugins = { load = [ "linear", "mirror" ]; };'
"$P/vgcreate" -s 1m $vg "$dev1" >/dev/null
"$P/lvcreate" -L 8m -n lv $vg >/dev/null

# without the drop-in there is no snapshot type: -s is no option
assert_exit 3 "$P/lvcreate" -s -L 4m -n snap $vg/lv
mkdir -p "$PLVM_SYSTEM_DIR/conf.d"
cp "$dropin" "$PLVM_SYSTEM_DIR/conf.d/"
assert_match 'snapshot = "/.*/snapshot.so"' "$(cat "$dropin")" "the drop-in names the module"

fill_dev /tmp/a 8
dd if=/tmp/a of=/dev/$vg/lv bs=1M oflag=direct 2>/dev/null
A=$(dev_md5 /dev/$vg/lv)
out_has 'Logical volume "snap" created' "$P/lvcreate" -s -L 4m -n snap $vg/lv
dd if=/dev/zero of=/dev/$vg/lv bs=1M count=1 oflag=direct 2>/dev/null
assert_eq "$A" "$(dev_md5 /dev/$vg/snap)" "the vendor build's snapshot keeps the data"
assert_eq "snap swi-a-s--- lv" "$("$P/lvs" --noheadings -o name,attr,origin $vg/snap | sed 's/^ *//; s/  */ /g; s/ *$//')" "lvs"
out_has 'Logical volume "snap" successfully removed' "$P/lvremove" -f $vg/snap
"$P/vgremove" -ff $vg >/dev/null
