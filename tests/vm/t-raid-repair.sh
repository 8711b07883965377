#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A raid1 image whose PV fails (dm-error under its extents, the PV's
# metadata area still working): the array goes on degraded, readable and
# writable, lvs shows it (health 'r', "refresh needed"), and lvconvert
# --repair puts a new image from free space in the failed slot, rebuilt
# from the good one, off the PVs of the others.  A failure that passes:
# with the device back, lvchange --refresh takes the image in again and,
# once resynced, the health is clear.
# A PV that vanishes (its device removed): raid1 and raid5 LVs on it
# activate degraded (activation_mode degraded, the default), with error
# devices in place of the lost extents, keep their data and take writes;
# lv_attr and lv_health_status say "partial"; --activationmode complete
# refuses them and degraded mode refuses a linear LV, with LVM2's words;
# lvconvert --repair, the PV still missing, makes the raid1 whole again.
# vgreduce --removemissing names the partial LVs and changes nothing;
# with --force it removes the linear LV and puts error segments in place of
# the raid5's lost image and metadata (the array goes on without them);
# vgck --updatemetadata clears the PV when it comes back, vgextend adds it
# again and lvconvert --repair replaces the error segments.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target raid
need_target error
prepare_pvs 4 24
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"

field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | sed 's/^ *//; s/ *$//'; }
pvs_of() { field "$1" devices | sed 's/(.*//' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
in_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$(field "$1" copy_percent)
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "$vg/$1 not in sync: $pct"
}

# fail_data DEV: everything past the PV's first MiB (its label and metadata) fails
orig=$(dmsetup table LVMTESTpv2)
fail_data() {
	local s len t bdev off
	read -r s len t bdev off <<<"$orig"
	printf '0 2048 linear %s %s\n2048 %s error\n' "$bdev" "$off" $((len - 2048)) >/tmp/fail.table
	dmsetup suspend LVMTESTpv2
	dmsetup load LVMTESTpv2 /tmp/fail.table
	dmsetup resume LVMTESTpv2
}
heal() {
	echo "$orig" >/tmp/orig.table
	dmsetup suspend LVMTESTpv2
	dmsetup load LVMTESTpv2 /tmp/orig.table
	dmsetup resume LVMTESTpv2
}

"$P/lvcreate" -aey --type raid1 -m 1 -l 4 -n r $vg "$dev1" "$dev2"
in_sync r
assert_exit 0 "$P/lvconvert" -y --repair $vg/r	# nothing failed: nothing to do
assert_eq "$dev2" "$(pvs_of r_rimage_1)" "image 1 stays"

fail_data
fill_dev /dev/mapper/$vg-r	# writes go on, image 1 fails
sum=$(dev_md5 /dev/mapper/$vg-r)
assert_match "raid1 2 AD " "$(dmsetup status $vg-r | cut -d' ' -f4-)" "the kernel's view"
assert_match '^rwi-a-r-r-$' "$(field r lv_attr)" "attr of the degraded LV"
assert_eq "refresh needed" "$(field r lv_health_status)" "health"
assert_match '^iwi-aor-r-$' "$(field r_rimage_1 lv_attr)" "attr of the failed image"

"$P/lvconvert" -y --repair $vg/r
new=$(pvs_of r_rimage_2)
[[ $new != "$dev1" && $new != "$dev2" ]] || die "replacement on $new"
assert_eq "$new" "$(pvs_of r_rmeta_2)" "its metadata beside it"
assert_eq "" "$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' []' | grep -x 'r_rimage_1' || true)" \
	"the failed image is gone"
in_sync r
assert_match "raid1 2 AA " "$(dmsetup status $vg-r | cut -d' ' -f4-)" "both images alive"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r)" "data after the repair"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r_rimage_2)" "the new image holds it"
assert_eq "rwi-a-r---" "$(field r lv_attr)" "attr after the repair"
heal

# ---- a failure that passes: once the device is back, lvchange --refresh
# takes the image in again, it resyncs, and the health clears
"$P/lvcreate" -aey --type raid1 -m 1 -l 4 -n t $vg "$dev1" "$dev2"
in_sync t
fail_data
fill_dev /dev/mapper/$vg-t
sum=$(dev_md5 /dev/mapper/$vg-t)
assert_match "raid1 2 AD " "$(dmsetup status $vg-t | cut -d' ' -f4-)" "image 1 failed"
assert_eq "refresh needed" "$(field t lv_health_status)" "health before the refresh"
heal
assert_eq "refresh needed" "$(field t lv_health_status)" "health until the refresh"
"$P/lvchange" --refresh $vg/t
in_sync t
assert_match "raid1 2 AA " "$(dmsetup status $vg-t | cut -d' ' -f4-)" "image 1 back"
assert_eq "" "$(field t lv_health_status)" "health after the refresh"
assert_eq "rwi-a-r---" "$(field t lv_attr)" "attr after the refresh"
assert_eq "iwi-aor---" "$(field t_rimage_1 lv_attr)" "attr of image 1 after the refresh"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t)" "data after the refresh"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t_rimage_1)" "image 1 resynced"
"$P/vgremove" -f $vg

# ---- a lost PV: degraded activation
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
"$P/lvcreate" -aey --type raid1 -m 1 -l 4 -n m $vg "$dev1" "$dev2"
"$P/lvcreate" -aey --type raid5 -i 2 -l 4 -n f $vg "$dev1" "$dev2" "$dev3"
"$P/lvcreate" -an -l 2 -n lin $vg "$dev2"
in_sync m
in_sync f
fill_dev /dev/mapper/$vg-m
fill_dev /dev/mapper/$vg-f
sum_m=$(dev_md5 /dev/mapper/$vg-m)
sum_f=$(dev_md5 /dev/mapper/$vg-f)
"$P/vgchange" -an $vg
dmsetup remove LVMTESTpv2	# the PV is gone
out=$("$P/lvchange" -ay --activationmode complete $vg/m 2>&1) && die "complete mode activated m"
assert_match "Refusing activation of partial LV $vg/m.  Try '--activationmode degraded'." "$out"
assert_exit 5 "$P/lvchange" -ay --activationmode complete $vg/m
out=$("$P/lvchange" -ay --config 'activation/activation_mode="complete"' $vg/m 2>&1) &&
	die "activation/activation_mode = complete in the configuration activated m"
assert_match "Refusing activation of partial LV $vg/m." "$out"
out=$("$P/lvchange" -ay $vg/lin 2>&1) && die "degraded mode activated a partial linear LV"
assert_match "Refusing activation of partial LV $vg/lin.  Use '--activationmode partial' to override." "$out"
assert_exit 5 "$P/lvchange" -ay $vg/lin
"$P/lvchange" -ay $vg/m
"$P/lvchange" -ay $vg/f
assert_match "^0 [0-9]+ error" "$(dmsetup table $vg-m_rimage_1-missing_0_0)" "error under the lost image"
assert_match "raid1 2 AD " "$(dmsetup status $vg-m | cut -d' ' -f4-)" "m runs degraded"
assert_match "raid5_ls 3 ADA " "$(dmsetup status $vg-f | cut -d' ' -f4-)" "f runs degraded"
assert_eq "$sum_m" "$(dev_md5 /dev/mapper/$vg-m)" "raid1 data, degraded"
assert_eq "$sum_f" "$(dev_md5 /dev/mapper/$vg-f)" "raid5 data, degraded"
assert_match '^rwi-a-r-p-$' "$(field m lv_attr)" "attr of the partial raid1"
assert_eq "partial" "$(field m lv_health_status)" "its health"
assert_match '^Iwi-aor-p-$' "$(field m_rimage_1 lv_attr)" "attr of the lost image"
assert_match '^iwi-aor---$' "$(field m_rimage_0 lv_attr)" "attr of the good image"
assert_match '^ewi-aor-p-$' "$(field m_rmeta_1 lv_attr)" "attr of the lost metadata"
assert_eq "partial" "$(field f lv_health_status)" "raid5 health"
fill_dev /dev/mapper/$vg-m 2	# still writable
sum_m=$(dev_md5 /dev/mapper/$vg-m)
assert_eq "$sum_m" "$(dev_md5 /dev/mapper/$vg-m_rimage_0)" "writes reach the good image"
"$P/lvconvert" -y --repair $vg/m	# the VG may change with the PV missing
in_sync m
assert_match "raid1 2 AA " "$(dmsetup status $vg-m | cut -d' ' -f4-)" "m whole again"
assert_eq "$sum_m" "$(dev_md5 /dev/mapper/$vg-m)" "raid1 data after the repair"
assert_match '^rwi-a-r---$' "$(field m lv_attr)" "attr after the repair"
assert_eq "" "$("$P/lvs" -a --noheadings -o devices $vg/m_rimage_0 $vg/m_rimage_2 $vg/m_rmeta_2 |
	grep "$dev2" || true)" "nothing left on the lost PV"
"$P/lvchange" -ay --activationmode partial $vg/lin
assert_match "^0 [0-9]+ linear " "$(dmsetup table $vg-lin)" "partial mode: lin is up"
assert_match "^0 [0-9]+ error" "$(dmsetup table $vg-lin-missing_0_0)" "over an error device"

# ---- the lost PV dropped: vgreduce --removemissing [--force] as LVM2 2.03.16
out=$("$P/vgreduce" --removemissing $vg 2>&1) && die "vgreduce without --force passed partial LVs"
assert_match "WARNING: Partial LV f needs to be repaired or removed." "$out"
assert_match "WARNING: Partial LV f_rimage_1 needs to be repaired or removed." "$out"
assert_match "WARNING: Partial LV lin needs to be repaired or removed." "$out"
assert_match "There are still partial LVs in VG $vg." "$out"
unchanged $vg "$P/vgreduce" --removemissing $vg
out=$("$P/vgreduce" --removemissing --force $vg 2>&1)
assert_match "WARNING: Removing partial LV $vg/lin." "$out"
assert_match "Wrote out consistent volume group $vg." "$out"
assert_eq "3 0" "$("$P/vgs" --noheadings -o pv_count,vg_missing_pv_count $vg | tr -s ' ' | sed 's/^ //')" \
	"the missing PV is out of the VG"
assert_eq "" "$("$P/lvs" --noheadings -o lv_name $vg/lin 2>/dev/null || true)" "lin removed"
# the raid5's lost image and metadata are error segments now, the LV reloaded
assert_eq "error error" "$(field f_rimage_1 segtype) $(field f_rmeta_1 segtype)" "error segments"
assert_match "^0 [0-9]+ error" "$(dmsetup table $vg-f_rimage_1)" "f_rimage_1's table"
assert_match "raid5_ls 3 ADA " "$(dmsetup status $vg-f | cut -d' ' -f4-)" "f runs on without it"
assert_match '^rwi-a-r-r-$' "$(field f lv_attr)" "attr of f"
assert_eq "refresh needed" "$(field f lv_health_status)" "health of f"
assert_match '^vwi-aor-r-$' "$(field f_rimage_1 lv_attr)" "attr of the error image"
assert_match '^ewi-aor-r-$' "$(field f_rmeta_1 lv_attr)" "attr of the error metadata"
assert_eq "$sum_f" "$(dev_md5 /dev/mapper/$vg-f)" "raid5 data"
assert_eq "" "$(dmsetup ls | grep missing_ || true)" "no error device of the missing PV left"
out=$("$P/vgreduce" --removemissing $vg 2>&1)
assert_match "Volume group \"$vg\" is already consistent." "$out"
# the PV comes back: its old metadata is cleared, and it serves as a new PV
echo "$orig" | dmsetup create LVMTESTpv2
assert_exit 0 "$P/vgck" --updatemetadata $vg
assert_eq "" "$("$P/pvs" --noheadings -o vg_name "$dev2" | tr -d ' ')" "outdated PV cleared"
assert_exit 0 "$P/vgck" $vg
"$P/vgextend" $vg "$dev2"
out=$("$P/lvconvert" -y --repair $vg/f 2>&1)
assert_match "Faulty devices in $vg/f successfully replaced." "$out"
[[ $out != *"successfully converted"* ]] || die "LVM2 prints no 'successfully converted' here: $out"
in_sync f
assert_match "raid5_ls 3 AAA " "$(dmsetup status $vg-f | cut -d' ' -f4-)" "f whole again"
assert_eq "$sum_f" "$(dev_md5 /dev/mapper/$vg-f)" "raid5 data after the repair"
assert_match '^rwi-a-r---$' "$(field f lv_attr)" "attr of f after the repair"
assert_eq "" "$(meta $vg | grep '"error"' || true)" "no error segment left"
"$P/vgchange" -an $vg
assert_eq "" "$(dmsetup ls | grep missing_ || true)" "no error device left"
"$P/vgremove" -f $vg
