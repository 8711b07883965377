#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The SDK's example plugin (examples/delay), built out of tree against the
# install with pkg-config and enabled by its conf.d drop-in (scripts/
# test-all.sh builds it into $PLVM_PREFIX): a type with a sub-LV, an
# option, a report field and an lv_attr letter of its own, on dm-delay,
# through every command a type takes part in.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

dropin=$PLVM_PREFIX/etc/plvm/conf.d/90-delay.conf
[[ -f $dropin ]] || skip "the example plugin is not installed in $PLVM_PREFIX (scripts/test-all.sh builds it)"
need_target delay
prepare_pvs 3 16
mkdir -p "$PLVM_SYSTEM_DIR/conf.d"
cp "$dropin" "$PLVM_SYSTEM_DIR/conf.d/"
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"

# its option and field are known; the option is refused where it means nothing
out_has 'delay-ms' "$P/lvcreate" --help
err_has 3 'not allowed with segment type striped' "$P/lvcreate" --delay-ms 5 -l 2 $vg
assert_exit 3 "$P/lvcreate" --type delay --delay-ms abc -l 2 $vg

# create: the image is a hidden sub-LV, the table is dm-delay over it
out_has 'Logical volume "slow" created' "$P/lvcreate" --type delay --delay-ms 20 -l 4 -n slow $vg "$dev1"
img=$(devno /dev/mapper/$vg-slow_dimage)
assert_eq "0 8192 delay $img 0 20" "$(dm_table $vg-slow)" "table of slow"
assert_eq "0 8192 linear $(devno "$dev1") 2048" "$(dm_table $vg-slow_dimage)" "table of the image"
assert_eq "slow ywi-a----- delay 20
[slow_dimage] -wi-ao---- linear " \
	"$("$P/lvs" -a --noheadings -o name,attr,segtype,delay_ms $vg | sed 's/^ *//; s/  */ /g')" \
	"lvs of the delay LV"
assert_match 'type = "delay"' "$(meta $vg)" "metadata type"
help=$("$P/lvs" -o help 2>&1) || die "lvs -o help failed"
assert_match 'delay_ms +- the delay of a delay LV' "$help" "lvs -o help lists the type's field"
assert_match 'lv_name +- ' "$help" "lvs -o help lists built-in fields"
assert_match 'image = "slow_dimage"' "$(meta $vg)" "metadata image"

# data goes through, and lvchange changes the live delay
fill_dev /tmp/data 4
dd if=/tmp/data of=/dev/$vg/slow bs=1M oflag=direct 2>/dev/null
want=$(md5sum </tmp/data | cut -d' ' -f1)
assert_eq "$want" "$(dev_md5 /dev/$vg/slow)" "data through the delay"
"$P/lvchange" --delay-ms 0 $vg/slow
assert_eq "0 8192 delay $img 0 0" "$(dm_table $vg-slow)" "table after lvchange"
assert_eq 0 "$("$P/lvs" --noheadings -o delay_ms $vg/slow | tr -d ' ')" "delay_ms after lvchange"

# pvmove moves the image under the live delay LV
out_has 'Moved: 100.00%' "$P/pvmove" -i 1 "$dev1" "$dev2"
assert_eq "0 8192 linear $(devno "$dev2") 2048" "$(dm_table $vg-slow_dimage)" "image after pvmove"
assert_eq "$want" "$(dev_md5 /dev/$vg/slow)" "data after pvmove"

# rename takes the image along; the name suffix is the type's
"$P/lvrename" $vg/slow $vg/slower
dm_exists $vg-slower_dimage
assert_exit 3 "$P/lvcreate" -l 1 -n foo_dimage $vg
"$P/lvchange" -an $vg/slower
"$P/lvchange" -ay $vg/slower
assert_eq "$want" "$(dev_md5 /dev/$vg/slower)" "data after reactivation"

# without the plugin the VG still reads and keeps the LV
rm "$PLVM_SYSTEM_DIR/conf.d/90-delay.conf"
"$P/lvchange" -an $vg/slower
assert_eq delay "$("$P/lvs" --noheadings -o segtype $vg/slower | tr -d ' ')" "type without the plugin"
assert_exit 5 "$P/lvchange" -ay $vg/slower
cp "$dropin" "$PLVM_SYSTEM_DIR/conf.d/"
out_has 'successfully removed' "$P/lvremove" -f $vg/slower
assert_eq "" "$("$P/lvs" -a --noheadings -o name $vg)" "LVs left"
"$P/vgremove" -ff $vg
