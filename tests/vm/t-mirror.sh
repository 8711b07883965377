#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# User mirrors (lvcreate --type mirror): the layout, tables, lvs fields and
# messages LVM2 2.03.16 gives for the same commands on the same PVs (its
# outputs were recorded in a VM), data through the mirror and on each
# image, pvmove of images, removal.  With --with-lvm2 also: LVM2 reads a
# mirror VG plvm made, and plvm activates and removes a mirror LVM2 made.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target mirror
prepare_pvs 5 24
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
D1=$(devno "$dev1") D2=$(devno "$dev2") D3=$(devno "$dev3") D5=$(devno "$dev5")
PE0=2048	# sectors: data starts at 1 MiB
MC=(--type mirror -m 1)

# dmdev LV: major:minor of the active LV of $vg
dmdev() { devno "/dev/mapper/$vg-$1"; }

# wait_sync LV: until the mirror reports 100% in sync
wait_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$("$P/lvs" --noheadings -o copy_percent "$vg/$1" | tr -d ' ')
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "$vg/$1 not in sync: $pct"
}

# lv_block VG LV: the LV's section of the metadata
lv_block() {
	# (awk reads to the end: an early exit would SIGPIPE meta under pipefail)
	meta "$1" | awk -v lv="$2" '!done && $1 == lv && $2 == "{" { on = 1; d = 0 }
		on { print; d += gsub(/[{]/, "&"); d -= gsub(/[}]/, "&"); if (!d) { on = 0; done = 1 } }'
}

# ---- refused: usage errors exit 3, failures 5, nothing written
before=$(meta $vg)
err_has 3 'multiple of machine memory page size \(4096 bytes\)' \
	"$P/lvcreate" "${MC[@]}" -l 2 -R 3k $vg
err_has 3 'Region size may not be zero' "$P/lvcreate" "${MC[@]}" -l 2 -R 0 $vg
err_has 3 'Region size must be a power of 2' "$P/lvcreate" "${MC[@]}" -l 2 -R 12k $vg
err_has 3 'only one of --corelog or --mirrorlog' \
	"$P/lvcreate" "${MC[@]}" -l 2 --corelog --mirrorlog disk $vg
assert_exit 3 "$P/lvcreate" "${MC[@]}" -l 2 --mirrorlog bogus $vg
err_has 3 'Only up to 8 images' "$P/lvcreate" --type mirror -m 8 -l 2 $vg
assert_exit 3 "$P/lvcreate" -l 2 --mirrorlog core $vg
assert_exit 3 "$P/lvcreate" --type striped -m 1 -l 2 $vg
err_has 5 '"mirrored" is DEPRECATED' "$P/lvcreate" "${MC[@]}" -l 2 --mirrorlog mirrored $vg
mkdir -p "$PLVM_SYSTEM_DIR/conf.d"
printf 'global = {\n\tmirror_segtype_default = "nosuch";\n};\n' >"$PLVM_SYSTEM_DIR/conf.d/mt.conf"
err_has 5 'nosuch \(global/mirror_segtype_default\).*name one with --type' "$P/lvcreate" -m 1 -l 2 $vg
rm "$PLVM_SYSTEM_DIR/conf.d/mt.conf"
err_has 5 'Insufficient suitable allocatable extents for logical volume m10: 12 more required' \
	"$P/lvcreate" --type mirror -m 5 -l 2 -n m10 $vg
"$P/lvcreate" -t "${MC[@]}" -l 2 -n testmode $vg
assert_eq "$before" "$(meta $vg)" "metadata after refused and test-mode lvcreates"
dm_absent $vg-testmode_mimage_0

# ---- creation: images on PVs of their own, the log on the last free PV
out_has 'Logical volume "m1" created.' "$P/lvcreate" "${MC[@]}" -l 4 -n m1 $vg
"$P/lvcreate" --type mirror -m 2 -l 3 -n m2 --mirrorlog core $vg
out_has "WARNING: New mirror won't be synchronised" \
	"$P/lvcreate" "${MC[@]}" -l 2 -n m3 --nosync $vg
"$P/lvcreate" "${MC[@]}" -l 8 -R 1m -n m4 --corelog $vg
out_has 'Using reduced mirror region size of 8.00 MiB' \
	"$P/lvcreate" "${MC[@]}" -l 8 -R 64m -n m6 $vg
# only two PVs allowed: the log shares the last one
"$P/lvcreate" "${MC[@]}" -l 2 -n m8 --mirrorlog disk $vg "$dev1" "$dev2"

assert_eq "0 8192 mirror disk 2 $(dmdev m1_mlog) 4096 2 $(dmdev m1_mimage_0) 0 $(dmdev m1_mimage_1) 0" \
	"$(dm_table $vg-m1)" "table of m1"
assert_eq "0 8192 linear $D1 $PE0" "$(dm_table $vg-m1_mimage_0)" "table of m1_mimage_0"
assert_eq "0 8192 linear $D2 $PE0" "$(dm_table $vg-m1_mimage_1)" "table of m1_mimage_1"
assert_eq "0 2048 linear $D5 $PE0" "$(dm_table $vg-m1_mlog)" "table of m1_mlog"
assert_eq "0 6144 mirror core 1 4096 3 $(dmdev m2_mimage_0) 0 $(dmdev m2_mimage_1) 0 $(dmdev m2_mimage_2) 0" \
	"$(dm_table $vg-m2)" "table of m2"
assert_eq "0 6144 linear $D3 $PE0" "$(dm_table $vg-m2_mimage_2)" "table of m2_mimage_2"
dm_absent $vg-m2_mlog
assert_eq "0 4096 mirror disk 3 $(dmdev m3_mlog) 4096 nosync 2 $(dmdev m3_mimage_0) 0 $(dmdev m3_mimage_1) 0" \
	"$(dm_table $vg-m3)" "table of m3"
assert_eq "0 16384 mirror core 1 2048 2 $(dmdev m4_mimage_0) 0 $(dmdev m4_mimage_1) 0" \
	"$(dm_table $vg-m4)" "table of m4"
assert_match '^0 16384 mirror disk 2 [0-9:]+ 16384 2 ' "$(dm_table $vg-m6)" "table of m6"
[[ -b /dev/$vg/m1 && ! -e /dev/$vg/m1_mimage_0 && ! -e /dev/$vg/m1_mlog ]] ||
	die "/dev/$vg links of m1 and its sub-LVs"

# the dm uuids are LVM-<vgid><lvid>, without a suffix for images and log (LVM2 2.03.16)
vgid=$(dmsetup info -c --noheadings -o uuid $vg-m1)
vgid=${vgid:4:32}
for l in m1_mimage_0 m1_mimage_1 m1_mlog; do
	assert_match "^LVM-$vgid[A-Za-z0-9!#]{32}\$" "$(dmsetup info -c --noheadings -o uuid $vg-$l)" \
		"dm uuid of $l"
done

# ---- metadata: LVM2's keys and flags
lv_block $vg m1 >/tmp/m1.meta
for k in 'status = \[ "READ", "WRITE", "VISIBLE" \]' 'type = "mirror"' 'mirror_count = 2' \
	'mirror_log = "m1_mlog"' 'region_size = 4096' \
	'mirrors = \[ "m1_mimage_0", 0, "m1_mimage_1", 0 \]'; do
	[[ $(cat /tmp/m1.meta) =~ $k ]] || die "m1 metadata lacks /$k/: $(cat /tmp/m1.meta)"
done
for l in m1_mimage_0 m1_mimage_1 m1_mlog; do
	assert_match 'status = \[ "READ", "WRITE" \]' "$(lv_block $vg $l)" "status of $l"
done
assert_match 'status = \[ "READ", "WRITE", "VISIBLE", "NOTSYNCED" \]' "$(lv_block $vg m3)" \
	"status of m3"
[[ ! $(lv_block $vg m2) =~ mirror_log ]] || die "m2 (core log) has a mirror_log"

# ---- lvs, as LVM2 2.03.16 prints it for the same VG
for l in m1 m2 m4 m6 m8; do wait_sync $l; done
assert_eq "  LV            Attr       LSize Cpy%Sync Log       Devices                                      Region Type  
  m1            mwi-a-m--- 4.00m 100.00   [m1_mlog] m1_mimage_0(0),m1_mimage_1(0)                 2.00m mirror
  [m1_mimage_0] iwi-aom--- 4.00m                    /dev/mapper/LVMTESTpv1(0)                        0  linear
  [m1_mimage_1] iwi-aom--- 4.00m                    /dev/mapper/LVMTESTpv2(0)                        0  linear
  [m1_mlog]     lwi-aom--- 1.00m                    /dev/mapper/LVMTESTpv5(0)                        0  linear
  m2            mwi-a-m--- 3.00m 100.00             m2_mimage_0(0),m2_mimage_1(0),m2_mimage_2(0)  2.00m mirror
  [m2_mimage_0] iwi-aom--- 3.00m                    /dev/mapper/LVMTESTpv1(4)                        0  linear
  [m2_mimage_1] iwi-aom--- 3.00m                    /dev/mapper/LVMTESTpv2(4)                        0  linear
  [m2_mimage_2] iwi-aom--- 3.00m                    /dev/mapper/LVMTESTpv3(0)                        0  linear
  m3            Mwi-a-m--- 2.00m 100.00   [m3_mlog] m3_mimage_0(0),m3_mimage_1(0)                 2.00m mirror
  [m3_mimage_0] iwi-aom--- 2.00m                    /dev/mapper/LVMTESTpv1(7)                        0  linear
  [m3_mimage_1] iwi-aom--- 2.00m                    /dev/mapper/LVMTESTpv2(7)                        0  linear
  [m3_mlog]     lwi-aom--- 1.00m                    /dev/mapper/LVMTESTpv5(1)                        0  linear
  m4            mwi-a-m--- 8.00m 100.00             m4_mimage_0(0),m4_mimage_1(0)                 1.00m mirror
  [m4_mimage_0] iwi-aom--- 8.00m                    /dev/mapper/LVMTESTpv1(9)                        0  linear
  [m4_mimage_1] iwi-aom--- 8.00m                    /dev/mapper/LVMTESTpv2(9)                        0  linear
  m6            mwi-a-m--- 8.00m 100.00   [m6_mlog] m6_mimage_0(0),m6_mimage_1(0)                 8.00m mirror
  [m6_mimage_0] iwi-aom--- 8.00m                    /dev/mapper/LVMTESTpv3(3)                        0  linear
  [m6_mimage_1] iwi-aom--- 8.00m                    /dev/mapper/LVMTESTpv4(0)                        0  linear
  [m6_mlog]     lwi-aom--- 1.00m                    /dev/mapper/LVMTESTpv5(2)                        0  linear
  m8            mwi-a-m--- 2.00m 100.00   [m8_mlog] m8_mimage_0(0),m8_mimage_1(0)                 2.00m mirror
  [m8_mimage_0] iwi-aom--- 2.00m                    /dev/mapper/LVMTESTpv1(17)                       0  linear
  [m8_mimage_1] iwi-aom--- 2.00m                    /dev/mapper/LVMTESTpv2(17)                       0  linear
  [m8_mlog]     lwi-aom--- 1.00m                    /dev/mapper/LVMTESTpv2(19)                       0  linear" \
	"$("$P/lvs" -a -o name,attr,size,copy_percent,mirror_log,devices,region_size,segtype $vg)" \
	"lvs -a of the mirrors"
assert_eq "m1_mimage_0:0-3 m1_mimage_1:0-3" \
	"$("$P/lvs" --noheadings -o seg_pe_ranges $vg/m1 | sed 's/^ *//; s/ *$//')" "seg_pe_ranges of m1"

# ---- what plvm does not do with mirrors yet, or never: exit 5, nothing changed
unchanged $vg "$P/lvextend" -l +2 $vg/m1
unchanged $vg "$P/lvreduce" -f -l -1 $vg/m1
unchanged $vg "$P/lvremove" -f $vg/m1_mlog
unchanged $vg "$P/lvremove" -f $vg/m1_mimage_0

# ---- lvrename takes the images, the log and their devices along
out_has 'Renamed "m1" to "m1new"' "$P/lvrename" $vg/m1 $vg/m1new
assert_eq "[m1new_mimage_0] [m1new_mimage_1] [m1new_mlog] m1new" \
	"$("$P/lvs" -a --noheadings -o name $vg | sed 's/^ *//; s/ *$//' | grep m1new | sort | tr '\n' ' ' | sed 's/ $//')" \
	"names after lvrename"
for l in m1new m1new_mimage_0 m1new_mimage_1 m1new_mlog; do dm_exists $vg-$l; done
for l in m1 m1_mimage_0 m1_mlog; do dm_absent $vg-$l; done
[[ -b /dev/$vg/m1new && ! -e /dev/$vg/m1 ]] || die "/dev/$vg link after lvrename"
"$P/lvrename" $vg m1new m1 >/dev/null

# ---- data through the mirror, and on every image once in sync
for l in m2 m3 m4 m6 m8; do "$P/lvremove" -f $vg/$l >/dev/null; done
for l in m2 m3 m4 m6 m8; do dm_absent $vg-$l; dm_absent $vg-${l}_mimage_0; done
dm_absent $vg-m3_mlog
fill_dev /tmp/data 4
dd if=/tmp/data of=/dev/$vg/m1 bs=1M oflag=direct 2>/dev/null
want=$(md5sum </tmp/data | cut -d' ' -f1)
wait_sync m1
for l in m1 m1_mimage_0 m1_mimage_1; do
	assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-$l)" "data on $l"
done

# ---- inactive: LVM2's attributes (images "I": no sync state known)
"$P/lvchange" -an $vg/m1
for l in m1 m1_mimage_0 m1_mimage_1 m1_mlog; do dm_absent $vg-$l; done
assert_eq "m1 mwi---m---
[m1_mimage_0] Iwi---m---
[m1_mimage_1] Iwi---m---
[m1_mlog] lwi---m---" "$("$P/lvs" -a --noheadings -o name,attr $vg | sed 's/^ *//; s/ *$//; s/  */ /g')" \
	"lvs of the inactive mirror"
"$P/vgchange" -ay $vg >/dev/null
wait_sync m1
assert_eq "$want" "$(dev_md5 /dev/$vg/m1)" "data on m1 after reactivation"

# ---- pvmove of one image, then of a whole PV: images stay on PVs of their own
out_has 'Moved: 100.00%' "$P/pvmove" -i 1 -n m1_mimage_0 "$dev1"
assert_eq "0 8192 linear $D3 $PE0" "$(dm_table $vg-m1_mimage_0)" "m1_mimage_0 after pvmove -n"
out_has 'Moved: 100.00%' "$P/pvmove" -i 1 "$dev2"
assert_eq "0 8192 linear $D1 $PE0" "$(dm_table $vg-m1_mimage_1)" "m1_mimage_1 after pvmove"
assert_eq "0 8192 mirror disk 2 $(dmdev m1_mlog) 4096 2 $(dmdev m1_mimage_0) 0 $(dmdev m1_mimage_1) 0" \
	"$(dm_table $vg-m1)" "table of m1 after the moves"
assert_eq "[m1_mimage_0] /dev/mapper/LVMTESTpv3(0)
[m1_mimage_1] /dev/mapper/LVMTESTpv1(0)
[m1_mlog] /dev/mapper/LVMTESTpv5(0)
m1 m1_mimage_0(0),m1_mimage_1(0)" \
	"$("$P/lvs" -a --noheadings -o name,devices $vg | sed 's/^ *//; s/ *$//; s/  */ /g' | sort)" \
	"devices after the moves"
wait_sync m1
for l in m1 m1_mimage_0 m1_mimage_1; do
	assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-$l)" "data on $l after the moves"
done

# ---- removal takes the images and the log along
out_has 'Logical volume "m1" successfully removed.' "$P/lvremove" -f $vg/m1
for l in m1 m1_mimage_0 m1_mimage_1 m1_mlog; do dm_absent $vg-$l; done
assert_eq "" "$("$P/lvs" -a --noheadings -o name $vg)" "LVs left after lvremove"
"$P/lvcreate" "${MC[@]}" -l 2 -n m9 $vg

# ---- lvconvert: linear to mirror, more images, core log, back to linear
"$P/lvcreate" -l 4 -n cv $vg "$dev1"
fill_dev /tmp/cvdata 4
dd if=/tmp/cvdata of=/dev/$vg/cv bs=1M oflag=direct 2>/dev/null
want=$(md5sum </tmp/cvdata | cut -d' ' -f1)
cv_table=$(dm_table $vg-cv)
out_has 'successfully converted' "$P/lvconvert" --type mirror -m 1 $vg/cv
assert_match "^0 8192 mirror disk 2 $(dmdev cv_mlog) [0-9]+ 2 $(dmdev cv_mimage_0) 0 $(dmdev cv_mimage_1) 0\$" \
	"$(dm_table $vg-cv)" "table of cv as a mirror"
assert_eq "$cv_table" "$(dm_table $vg-cv_mimage_0)" "the old LV is image 0"
wait_sync cv
assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-cv_mimage_1)" "data copied to image 1"
"$P/lvconvert" -m 2 $vg/cv
assert_eq 3 "$("$P/lvs" --noheadings -o stripes $vg/cv | tr -d ' ')" "images after -m 2"
"$P/lvconvert" --mirrorlog core $vg/cv
dm_absent $vg-cv_mlog
assert_match "^0 8192 mirror core 1 " "$(dm_table $vg-cv)" "core log"
wait_sync cv
assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-cv_mimage_2)" "data on image 2"
"$P/lvconvert" -m 0 $vg/cv
assert_match "^0 8192 linear " "$(dm_table $vg-cv)" "cv linear again"
for l in cv_mimage_0 cv_mimage_1 cv_mimage_2; do dm_absent $vg-$l; done
assert_eq "$want" "$(dev_md5 /dev/$vg/cv)" "data after lvconvert -m 0"
assert_eq "cv" "$("$P/lvs" -a --noheadings -o name $vg | sed 's/^ *//; s/ *$//' | grep cv)" "no sub-LVs left"
err_has 5 'Operation not permitted' "$P/lvconvert" --mirrorlog core $vg/cv
"$P/vgremove" -ff $vg
assert_eq "" "$(lib_leftovers)" "mappings left after vgremove -ff"

# ---- interop with LVM2 (only with --with-lvm2)
LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || exit 0
lvm2_conf
# LVM2's dmsetup refuses to print uuids holding '#' or '!' in its default
# mangling mode, and plvm's ids may hold them (core/id.c)
dmt() { dmsetup --manglename none table "$1"; }
devs_of() { "$@" -a --noheadings -o lv_name,devices --separator ' ' $vg | sed 's/^ *//' | sort; }

# plvm writes, LVM2 reads and activates the same tables (LVM2 adds handle_errors)
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
"$P/lvcreate" "${MC[@]}" -l 3 -n pm1 $vg
"$P/lvcreate" --type mirror -m 2 --corelog -l 2 -n pm2 $vg
"$P/vgchange" -an $vg >/dev/null
"$LVM" vgck $vg
assert_eq "$(devs_of "$P/lvs")" "$(devs_of "$LVM" lvs)" "devices as LVM2 sees them"
"$LVM" vgchange -ay $vg
assert_match "^0 6144 mirror disk 2 $(dmdev pm1_mlog) 4096 2 $(dmdev pm1_mimage_0) 0 $(dmdev pm1_mimage_1) 0( 1 handle_errors)?\$" \
	"$(dmt $vg-pm1)" "pm1 activated by LVM2"
"$LVM" vgchange -an $vg

# LVM2 writes, plvm activates, reports and removes
"$LVM" lvcreate -an --type mirror -m 1 -l 2 -n lm1 $vg
"$P/lvchange" -ay $vg/lm1
assert_eq "0 4096 mirror disk 2 $(dmdev lm1_mlog) 4096 2 $(dmdev lm1_mimage_0) 0 $(dmdev lm1_mimage_1) 0" \
	"$(dmt $vg-lm1)" "lm1 activated by plvm"
assert_eq "$(devs_of "$LVM" lvs)" "$(devs_of "$P/lvs")" "devices of LVM2's mirror as plvm sees them"
wait_sync lm1
assert_eq "mwi-a-m---" "$("$P/lvs" --noheadings -o attr $vg/lm1 | tr -d ' ')" "attr of lm1"
"$P/lvremove" -f $vg/lm1
for l in lm1 lm1_mimage_0 lm1_mimage_1 lm1_mlog; do dm_absent $vg-$l; done
"$LVM" vgck $vg
"$P/vgremove" -ff $vg
