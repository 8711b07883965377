#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvcreate, lvextend, lvreduce, lvresize, lvremove, lvchange, lvrename,
# lvscan against real device-mapper tables.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

prepare_pvs 3 34
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev3"
D1=$(devno "$dev1") D2=$(devno "$dev2") D3=$(devno "$dev3")
PE0=2048	# sectors: data starts at 1 MiB

# usage errors: exit 3, nothing written
before=$(meta $vg)
assert_exit 3 "$P/lvcreate" $vg
assert_exit 3 "$P/lvcreate" -l 1 -L 1m $vg
assert_exit 3 "$P/lvcreate" -l 0 $vg
assert_exit 3 "$P/lvcreate" -l 1 -n 'a b' $vg
assert_exit 3 "$P/lvcreate" -l 1 -n lv_mimage_0 $vg
err_has 3 "Volume group name expected \\(no slash\\)" "$P/lvcreate" -l 1 -n x $vg/y
assert_exit 3 "$P/lvcreate" -i 2 -I 3k -l 2 $vg
assert_exit 3 "$P/lvcreate" -i 200 -l 2 $vg
assert_exit 3 "$P/lvcreate" -l 1 -a maybe $vg
assert_exit 3 "$P/lvcreate" -l 1%BOGUS $vg
assert_exit 3 "$P/lvcreate" -l 1 --alloc bogus $vg
assert_exit 3 "$P/lvcreate" -l 1 --nosuchoption $vg
assert_exit 3 "$P/lvcreate" -l 1 --type nosuchtype $vg
assert_exit 5 "$P/lvcreate" -an -Zy -l 1 $vg
assert_exit 5 "$P/lvcreate" -l 1 nosuchvg
assert_exit 5 "$P/lvcreate" -l 1 $vg /dev/mapper/LVMTESTnosuch
assert_exit 5 "$P/lvcreate" -i 4 -l 4 $vg
err_has 5 'insufficient free space' "$P/lvcreate" -l 1000 $vg
err_has 5 'PE range error' "$P/lvcreate" -l 2 $vg "$dev1:5-3"
"$P/lvcreate" -t -l 4 -n testmode $vg
assert_eq "$before" "$(meta $vg)" "metadata after failed and test-mode lvcreates"
dm_absent $vg-testmode

# persistent device numbers: --minor implies -My, the dm device gets it,
# lvchange -My takes an active LV down and up again with its new number
field() { "$P/lvs" --noheadings --separator , -o "$1" "$2" | tr -d ' '; }
"$P/lvcreate" -l 1 -n fixed --minor 200 $vg
assert_eq "$(dmsetup info -c --noheadings -o minor $vg-fixed | tr -d ' ')" 200 "dm minor of fixed"
assert_eq "$(field lv_minor,lv_kernel_minor $vg/fixed)" 200,200 "lv_minor, lv_kernel_minor"
[[ $(field lv_attr $vg/fixed) = -wim?????? ]] || die "lv_attr of fixed: $(field lv_attr $vg/fixed)"
err_has 5 "The requested major:minor pair .[0-9]*:200. is already used" \
	"$P/lvcreate" -l 1 -n clash --minor 200 $vg
err_has 5 "device number not changed" "$P/lvchange" -My --minor 201 $vg/fixed </dev/null
"$P/lvchange" -y -My --minor 201 $vg/fixed
assert_eq "$(dmsetup info -c --noheadings -o minor $vg-fixed | tr -d ' ')" 201 "dm minor after lvchange"
err_has 3 "No command with matching syntax" "$P/lvchange" --minor 5 $vg/fixed
err_has 3 "does not accept option: --minor" "$P/lvchange" -Mn --minor 5 $vg/fixed
err_has 5 "Please specify minor number with --minor when using -My" "$P/lvcreate" -l1 -My $vg
err_has 5 "outside range 0-1048575" "$P/lvcreate" -l1 --minor 1048576 $vg
"$P/lvchange" -Mn $vg/fixed
assert_eq "$(field lv_major,lv_minor $vg/fixed)" -1,-1 "lv_major, lv_minor after -Mn"
err_has 5 "Minor number is already not persistent" "$P/lvchange" -Mn $vg/fixed
"$P/lvremove" -f $vg/fixed
"$P/lvremove" -f $vg/clash 2>/dev/null || true

# -L rounds up to whole extents; default names lvol0, lvol1
out_has 'Rounding up size to full physical extent 2.00 MiB.*Logical volume "lvol0" created.' \
	"$P/lvcreate" -L 1.5m $vg
assert_eq "0 4096 linear $D1 $PE0" "$(dm_table $vg-lvol0)" "table of lvol0"
[[ -b /dev/$vg/lvol0 ]] || die "/dev/$vg/lvol0 missing"
out_has 'Logical volume "lvol1" created.' "$P/lvcreate" -l 1 $vg "$dev2"
assert_eq "0 2048 linear $D2 $PE0" "$(dm_table $vg-lvol1)" "table of lvol1"

# PE ranges
"$P/lvcreate" -l 3 -n ranged $vg "$dev3:10-11" "$dev3:20-20"
assert_eq "0 4096 linear $D3 $((PE0 + 10 * 2048))
4096 2048 linear $D3 $((PE0 + 20 * 2048))" "$(dm_table $vg-ranged)" "table of ranged"

# stripes: default 64 KiB, -I, --type striped and linear
out_has 'Using default stripesize 64.00 KiB' "$P/lvcreate" -i 2 -l 4 -n st $vg "$dev1" "$dev2"
assert_match '^0 8192 striped 2 128 ' "$(dm_table $vg-st)" "table of st"
"$P/lvcreate" --type striped -i 3 -I 128k -l 3 -n st3 $vg
assert_match '^0 6144 striped 3 256 ' "$(dm_table $vg-st3)" "table of st3"
out_has 'up to stripe boundary' "$P/lvcreate" -i 2 -l 3 -n st4 $vg "$dev1" "$dev2"
assert_match '^0 8192 striped 2 128 ' "$(dm_table $vg-st4)" "table of st4"
out_has 'Reducing requested stripe size' "$P/lvcreate" -i 2 -I 2m -l 2 -n st5 $vg
assert_match '^0 4096 striped 2 2048 ' "$(dm_table $vg-st5)" "table of st5"
"$P/lvcreate" --type linear -l 1 -n lin $vg
assert_match '^0 2048 linear ' "$(dm_table $vg-lin)" "table of lin"

# percentages
"$P/lvcreate" -l 10%VG -n pvg $vg
assert_eq 9 $(( $(blockdev --getsz /dev/mapper/$vg-pvg) / 2048 )) "extents of 10%VG"
"$P/lvcreate" -l 50%PVS -n ppvs $vg "$dev2"
dmsetup table $vg-ppvs | grep -vq " $D2 " && die "50%PVS left $dev2"

# -an: no device, not zeroed; -Zn
out_has 'not zeroed' "$P/lvcreate" -an -l 1 -n inact $vg
dm_absent $vg-inact
"$P/lvchange" -ay $vg/inact
dm_exists $vg-inact
"$P/lvchange" -an $vg/inact
dm_absent $vg-inact
# zeroing: the first 4 KiB of a new LV are wiped, unless -Zn
"$P/lvcreate" -l 1 -n z $vg "$dev3:0"
dd if=/dev/urandom of=/dev/mapper/$vg-z bs=64k count=1 conv=fsync 2>/dev/null
"$P/lvremove" -f $vg/z
"$P/lvcreate" -Zn -l 1 -n z $vg "$dev3:0"
[[ $(od -An -N 4096 -v /dev/mapper/$vg-z | tr -d ' 0\n') ]] || die "-Zn zeroed the LV"
"$P/lvremove" -f $vg/z
"$P/lvcreate" -l 1 -n z $vg "$dev3:0"
[[ -z $(od -An -N 4096 -v /dev/mapper/$vg-z | tr -d ' 0\n') ]] || die "start of z not zeroed"
[[ $(od -An -j 4096 -N 4096 -v /dev/mapper/$vg-z | tr -d ' 0\n') ]] || die "more than 4 KiB zeroed"
err_has 5 "Logical Volume \"z\" already exists in volume group \"$vg\"" \
	"$P/lvcreate" -l 1 -n z $vg

# resizing
out_has 'changed from 2.00 MiB \(2 extents\) to 4.00 MiB \(4 extents\).*successfully resized' \
	"$P/lvextend" -l +2 $vg/lvol0 "$dev3"
assert_match "^4096 4096 linear $D3 " "$(dm_table $vg-lvol0 | sed -n 2p)" "extension on $dev3"
"$P/lvextend" -L +1m $vg/lvol0
"$P/lvextend" -L 6m $vg/lvol0
assert_eq 12288 "$(blockdev --getsz /dev/mapper/$vg-lvol0)" "size of lvol0"
err_has 5 'not larger than existing size' "$P/lvextend" -l 2 $vg/lvol0
assert_exit 3 "$P/lvextend" -l -1 $vg/lvol0
assert_exit 3 "$P/lvreduce" -l +1 $vg/lvol0
err_has 5 'Insufficient free space' "$P/lvextend" -l +1000 $vg/lvol0
err_has 5 'Logical volume nosuch not found' "$P/lvextend" -l +1 $vg/nosuch
err_has 5 'NOT reduced' "$P/lvreduce" -l -1 $vg/lvol0 </dev/null
assert_eq 12288 "$(blockdev --getsz /dev/mapper/$vg-lvol0)" "size after the refused lvreduce"
"$P/lvreduce" -f -l -2 $vg/lvol0
assert_eq 8192 "$(blockdev --getsz /dev/mapper/$vg-lvol0)" "size after lvreduce"
"$P/lvresize" -y -L 2m $vg/lvol0
assert_eq 4096 "$(blockdev --getsz /dev/mapper/$vg-lvol0)" "size after lvresize"
err_has 5 'matches existing size' "$P/lvresize" -l 2 $vg/lvol0
"$P/lvextend" -l +2 $vg/st
assert_eq 2 "$(dm_table $vg-st | grep -c ' striped 2 128 ')" "striped extension"
"$P/lvextend" -l +100%FREE $vg/lin
err_has 5 'insufficient free space \(0 extents\)' "$P/lvcreate" -l 1 $vg

# lvchange
"$P/lvchange" --addtag tagged $vg/lvol1
grep -q '"tagged"' <<<"$(meta $vg)" || die "LV tag not written"
"$P/lvchange" --refresh $vg/lvol1
"$P/lvchange" -an $vg
dm_absent $vg-lvol1
"$P/lvchange" -aey $vg
dm_exists $vg-lvol1
assert_exit 3 "$P/lvchange" $vg/lvol1
err_has 5 'Failed to find logical volume' "$P/lvchange" -ay $vg/nosuch

# lvrename, both forms, renames the device
out_has "Renamed \"lvol1\" to \"renamed\" in volume group \"$vg\"" "$P/lvrename" $vg lvol1 renamed
dm_exists $vg-renamed
dm_absent $vg-lvol1
[[ -b /dev/$vg/renamed && ! -e /dev/$vg/lvol1 ]] || die "/dev link not renamed"
"$P/lvrename" $vg/renamed $vg/lvol1
dm_exists $vg-lvol1
err_has 5 'already exists' "$P/lvrename" $vg/lvol1 st
err_has 5 'not found' "$P/lvrename" $vg/nosuch other
assert_exit 3 "$P/lvrename" $vg/lvol1 othervg/x
assert_exit 3 "$P/lvrename" $vg/lvol1 'bad name'

out_has "ACTIVE            '/dev/$vg/lvol1' \[1.00 MiB\] inherit" "$P/lvscan"

# lvremove asks for active LVs and refuses open ones
err_has 5 "Logical volume $vg/lvol1 not removed" "$P/lvremove" $vg/lvol1 </dev/null
dm_exists $vg-lvol1
exec 3<"/dev/mapper/$vg-lvol1"
err_has 5 "Logical volume $vg/lvol1 in use" "$P/lvremove" -f $vg/lvol1
err_has 5 "in use" "$P/lvchange" -an $vg/lvol1
exec 3<&-
out_has 'Logical volume "lvol1" successfully removed.' "$P/lvremove" -f $vg/lvol1
dm_absent $vg-lvol1
err_has 5 "Failed to find logical volume \"$vg/lvol1\"" "$P/lvremove" -f $vg/lvol1
"$P/lvremove" -f $vg
[[ -z $(dmsetup ls | grep "^$vg-") ]] || die "lvremove -f $vg left devices"
"$P/vgck" $vg
"$P/vgremove" $vg
