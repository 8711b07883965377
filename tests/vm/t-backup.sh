#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgcfgbackup and vgcfgrestore: files, names, %s, restoring a removed LV
# with its data, refusing wrong files.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

prepare_pvs 3 24
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/vgcreate" $vg1 "$dev3"
"$P/lvcreate" -l 4 -n a $vg
"$P/lvcreate" -i 2 -l 4 -n b $vg
fill_dev /dev/mapper/$vg-a
fill_dev /dev/mapper/$vg-b
sum_a=$(dev_md5 /dev/mapper/$vg-a)
sum_b=$(dev_md5 /dev/mapper/$vg-b)

# the default file, and the description LVM2 writes there
out_has "Volume group \"$vg\" successfully backed up." "$P/vgcfgbackup" $vg
f=$PLVM_SYSTEM_DIR/backup/$vg
[[ -s $f ]] || die "no backup in $f"
grep -q "^description = \"Created \*after\* executing 'vgcfgbackup $vg'\"" "$f" ||
	die "description in $f: $(grep description "$f")"
grep -q "^$vg {" "$f" || die "no VG section in $f"

# -f: the command line is the description; %s for several VGs
"$P/vgcfgbackup" -f /tmp/bk $vg
grep -q '^description = "vgcfgbackup -f /tmp/bk '$vg'"' /tmp/bk || die "description in /tmp/bk"
"$P/vgcfgbackup" -f /tmp/bk.%s
[[ -s /tmp/bk.$vg && -s /tmp/bk.$vg1 ]] || die "no per-VG files"
err_has 5 'VGs must be backed up into different files' "$P/vgcfgbackup" -f /tmp/one
err_has 5 'not found' "$P/vgcfgbackup" -f /tmp/x nosuchvg

# restore brings back removed LVs with their data
seq=$(meta_field $vg seqno)
"$P/lvremove" -f $vg/a $vg/b
"$P/lvcreate" -Zn -l 2 -n other $vg
"$P/lvremove" -f $vg/other
out_has "Restored volume group $vg." "$P/vgcfgrestore" -f /tmp/bk $vg
assert_eq $((seq + 5)) "$(meta_field $vg seqno)" "seqno after restore (current + 1)"
"$P/vgck" $vg
"$P/vgchange" -aey $vg
assert_eq "$sum_a" "$(dev_md5 /dev/mapper/$vg-a)" "data of a"
assert_eq "$sum_b" "$(dev_md5 /dev/mapper/$vg-b)" "data of b"
grep -q ' striped 2 128 ' <<<"$(dmsetup table $vg-b)" || die "b is not striped after restore"

# restore with active LVs asks (-y answers)
err_has 5 'Restore aborted' "$P/vgcfgrestore" -f /tmp/bk $vg </dev/null
"$P/vgcfgrestore" -y -f /tmp/bk $vg

# wrong or missing files change nothing
unchanged $vg "$P/vgcfgrestore" -f /tmp/bk.$vg1 $vg
err_has 5 "does not contain volume group '$vg'" "$P/vgcfgrestore" -f /tmp/bk.$vg1 $vg
err_has 5 'Restore failed' "$P/vgcfgrestore" -f /tmp/nosuchfile $vg
assert_exit 3 "$P/vgcfgrestore" -f /tmp/bk
assert_exit 3 "$P/vgcfgrestore" -f /tmp/bk $vg $vg1
# a file whose PVs are gone
"$P/vgremove" -f $vg1
"$P/pvremove" "$dev3"
err_has 5 "Couldn't find device with uuid" "$P/vgcfgrestore" -f /tmp/bk.$vg1 $vg1
"$P/pvcreate" "$dev3"
err_has 5 'Restore failed' "$P/vgcfgrestore" -f /tmp/bk.$vg1 $vg1

"$P/vgremove" -f $vg
