#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgcreate, vgextend, vgreduce, vgremove, vgchange, vgck, vgrename, vgscan.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

prepare_pvs 4 24

# extent size rules
assert_exit 3 "$P/vgcreate" $vg
assert_exit 3 "$P/vgcreate" -s 0 $vg "$dev1"
assert_exit 3 "$P/vgcreate" 'bad/name' "$dev1"
assert_exit 3 "$P/vgcreate" --alloc bogus $vg "$dev1"
err_has 5 'must be a multiple of 128.00 KiB when not a power of 2' "$P/vgcreate" -s 3k $vg "$dev1"
err_has 5 'must be a multiple of 128.00 KiB' "$P/vgcreate" -s 129k $vg "$dev1"
err_has 5 'Volume group "'$vg'" not found' "$P/vgck" $vg

# default: 4 MiB extents; plain devices are pvcreated on the way
out_has 'Physical volume "'$dev1'" successfully created.*Volume group "'$vg'" successfully created' \
	"$P/vgcreate" $vg "$dev1" "$dev2"
assert_eq 8192 "$(meta_field $vg extent_size)" "default extent size"
err_has 5 "A volume group called $vg already exists." "$P/vgcreate" $vg "$dev3"
err_has 5 "Physical volume '$dev1' is already in volume group '$vg'" "$P/vgcreate" $vg1 "$dev1"
err_has 5 'Volume group "'$vg1'" not found' "$P/vgck" $vg1
"$P/vgck" $vg

# -s 384k (not a power of 2, a multiple of 128 KiB), --alloc, --addtag
"$P/vgcreate" -s 384k --alloc contiguous --addtag t1 $vg1 "$dev3"
assert_eq 768 "$(meta_field $vg1 extent_size)" "extent size of $vg1"
grep -q 'allocation_policy = "contiguous"' <<<"$(meta $vg1)" || die "alloc policy not written"
grep -q 'tags = \[ *"t1" *\]' <<<"$(meta $vg1)" || die "VG tag not written"
"$P/vgchange" --alloc normal $vg1
grep -q 'allocation_policy = "contiguous"' <<<"$(meta $vg1)" && die "alloc policy not changed"
out_has 'Volume group "'$vg1'" successfully removed' "$P/vgremove" $vg1

# vgextend / vgreduce
out_has 'Volume group "'$vg'" successfully extended' "$P/vgextend" $vg "$dev3"
err_has 5 "is already in volume group '$vg'" "$P/vgextend" $vg "$dev3"
"$P/lvcreate" -an -l 2 -n used $vg "$dev3"
unchanged $vg "$P/vgreduce" $vg "$dev3"
err_has 5 'still in use' "$P/vgreduce" $vg "$dev3"
assert_exit 3 "$P/vgreduce" $vg
out_has "Removed \"$dev2\" from volume group \"$vg\"" "$P/vgreduce" $vg "$dev2"
# the removed PV is an orphan again: another VG may take it
"$P/vgcreate" $vg1 "$dev2"
"$P/vgremove" $vg1
"$P/vgextend" $vg "$dev2" "$dev4"
# -a removes every empty PV
assert_exit 5 "$P/vgreduce" -a $vg
assert_eq 1 "$(meta $vg | grep -c 'device = ')" "PVs left after vgreduce -a"
out_has 'already consistent' "$P/vgreduce" --removemissing $vg

# vgchange -a
"$P/lvcreate" -l 1 -n a $vg
"$P/lvcreate" -l 1 -n b $vg
dm_exists $vg-a
out_has '0 logical volume\(s\) in volume group "'$vg'" now active' "$P/vgchange" -an $vg
dm_absent $vg-a
dm_absent $vg-used
out_has '3 logical volume\(s\) in volume group "'$vg'" now active' "$P/vgchange" -aey $vg
dm_exists $vg-used
[[ -b /dev/$vg/a ]] || die "/dev/$vg/a missing"
"$P/vgchange" -an --poll n $vg
"$P/vgchange" -ay --poll y $vg
assert_exit 3 "$P/vgchange" $vg
assert_exit 3 "$P/vgchange" -a maybe $vg
err_has 5 'not found' "$P/vgchange" -ay $vg nosuchvg
# an open LV keeps its VG active
exec 3<"/dev/mapper/$vg-a"
err_has 5 "Can't deactivate volume group \"$vg\" with 1 open logical volume" "$P/vgchange" -an $vg
exec 3<&-
"$P/vgchange" --refresh $vg

# vgrename renames the active devices
out_has 'Volume group "'$vg'" successfully renamed to "'$vg1'"' "$P/vgrename" $vg $vg1
dm_exists $vg1-a
dm_absent $vg-a
[[ -b /dev/$vg1/a && ! -e /dev/$vg/a ]] || die "/dev links not renamed"
assert_exit 5 "$P/vgrename" $vg1 $vg1	# LVM2 2.03.16 exits 5 (t-badinput)
"$P/vgcreate" $vg2 "$dev4"
err_has 5 "New VG name \"$vg2\" already exists" "$P/vgrename" $vg1 $vg2
assert_exit 5 "$P/vgrename" nosuchvg $vg
out_has "Found volume group \"$vg1\"" "$P/vgscan"

# vgremove asks, -f does not
err_has 5 'Volume group "'$vg1'" not removed' "$P/vgremove" $vg1 </dev/null
"$P/vgck" $vg1
dm_exists $vg1-a
out_has 'Logical volume "a" successfully removed.*Volume group "'$vg1'" successfully removed' \
	"$P/vgremove" -f $vg1
dm_absent $vg1-a
assert_exit 5 "$P/vgck" $vg1
"$P/vgremove" -ff $vg2
