#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove of raid1 LVs, classic and --atomic: a whole PV (an image and its
# metadata LV move together, the images stay on distinct PVs), -n LV (its
# sub-LVs only), -n LV_rimage_N and -n LV_rmeta_N (that sub-LV alone), a
# move refused because the only free PV holds the other image (exit 5,
# the reason said, nothing changed).  Every move is checked by md5sum, with
# the raid LV in sync and active throughout.  Under I/O: a writer runs
# through a whole-PV move (the destination slowed down so the move lasts),
# the kernel shows both images alive at every look while the move runs,
# and at the end the LV and each image hold what was written.  (Thin pools
# on raid1 are moved by the seed acceptance test, pvmove-thin-segtypes.)
# raid5, raid6 and raid10: a whole PV and -n of an image, both modes, the
# images kept apart, a move onto another image's PV refused.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target raid
need_target mirror
prepare_pvs 5 20
need_target delay
declare -A MD5S

# sub_pvs LV: "sub-LV:PVs" for each sub-LV of $vg/LV, sorted
sub_pvs() {
	"$P/lvs" -a --noheadings --separator : -o lv_name,devices $vg |
		tr -d ' []' | grep "^$1_r" | sed 's/([0-9]*)//g' | sort | tr '\n' ' '
}

# apart LV: no two images of LV share a PV, and each rmeta_N is on its rimage_N's PV
apart() {
	local lv=$1 i pvs=() img meta
	for i in 0 1; do
		img=$("$P/lvs" -a --noheadings -o devices "$vg/${lv}_rimage_$i" | tr -d ' ' |
			sed 's/([0-9]*)//g')
		meta=$("$P/lvs" -a --noheadings -o devices "$vg/${lv}_rmeta_$i" | tr -d ' ' |
			sed 's/([0-9]*)//g')
		assert_eq "$img" "$meta" "PV of ${lv}_rmeta_$i beside ${lv}_rimage_$i"
		pvs+=("$img")
	done
	[[ ${pvs[0]} != "${pvs[1]}" ]] || die "images of $lv share ${pvs[0]}"
}

in_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$("$P/lvs" --noheadings -o copy_percent "$vg/$1" | tr -d ' ')
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "$vg/$1 not in sync: $pct"
}

make_vg() {
	"$P/vgcreate" -s 128k $vg "${DEVICES[@]}"
	"$P/lvcreate" -aey -l 2 -n foo $vg "$dev1"
	"$P/lvcreate" -aey --type raid1 -m 1 -l 8 -n r $vg "$dev1" "$dev2"
	in_sync r
	MD5S=()
	md5_save $vg r foo
}

for mode in "" --atomic; do
	make_vg
	apart r
	assert_eq "r_rimage_0:$dev1 r_rimage_1:$dev2 r_rmeta_0:$dev1 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout before"
	# a whole PV: image 0 and its metadata go to dev5 together
	"$P/pvmove" $mode -i0 "$dev1" "$dev5"
	assert_eq "r_rimage_0:$dev5 r_rimage_1:$dev2 r_rmeta_0:$dev5 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout after pvmove $mode dev1"
	assert_eq "$dev5" "$(lv_devs $vg foo | sed 's/([0-9]*)//g')" "foo after pvmove $mode"
	assert_match '^rwi-a-r---' "$("$P/lvs" --noheadings -o lv_attr $vg/r | tr -d ' ')" "attr"
	no_move_left $vg
	md5_check "after pvmove $mode dev1"
	# -n LV: only r's sub-LVs leave dev5
	"$P/pvmove" $mode -i0 -n r "$dev5" "$dev4"
	assert_eq "r_rimage_0:$dev4 r_rimage_1:$dev2 r_rmeta_0:$dev4 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout after pvmove $mode -n r"
	assert_eq "$dev5" "$(lv_devs $vg foo | sed 's/([0-9]*)//g')" "foo stays"
	md5_check "after pvmove $mode -n r"
	# one sub-LV by name: the image alone, then its metadata to join it
	"$P/pvmove" $mode -i0 -n r_rimage_1 "$dev2" "$dev3"
	assert_eq "r_rimage_0:$dev4 r_rimage_1:$dev3 r_rmeta_0:$dev4 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout after pvmove $mode -n r_rimage_1"
	"$P/pvmove" $mode -i0 -n r_rmeta_1 "$dev2" "$dev3"
	apart r
	md5_check "after moving r_rimage_1 and r_rmeta_1"
	# the other image's PV is no place for an image: refused, nothing changed
	before=$(meta $vg)
	err_has 5 "r_rimage_0 must not share with the other areas of its LV" \
		"$P/pvmove" $mode -i0 -n r_rimage_0 "$dev4" "$dev3"
	err_has 5 "r_rmeta_0 must not share with the other areas of its LV" \
		"$P/pvmove" $mode -i0 -n r_rmeta_0 "$dev4" "$dev3"
	assert_eq "$before" "$(meta $vg)" "metadata after refused moves"
	no_move_left $vg
	# the raid LV stays usable through a move of its images
	"$P/lvs" -a $vg
	md5_check "at the end ($mode)"
	"$P/vgremove" -f $vg
done

# ---- a move under I/O: the LV stays redundant and in use
dd if=/dev/urandom of=/tmp/pattern bs=1M count=12 2>/dev/null
want=$(md5sum </tmp/pattern | cut -d' ' -f1)
write_w() { dd if=/tmp/pattern of=/dev/mapper/$vg-w bs=1M oflag=direct 2>/dev/null; }
both_alive() {
	local st
	st=$(dmsetup status $vg-w)
	[[ $st =~ " raid raid1 2 AA " ]] || die "an image left the array during the move: $st"
}
for mode in "" --atomic; do
	"$P/vgcreate" -s 128k $vg "${DEVICES[@]}"
	"$P/lvcreate" -aey --type raid1 -m 1 -l 96 -n w $vg "$dev1" "$dev2"
	in_sync w
	slow_dev "$dev5" 0 150
	# shellcheck disable=SC2086
	move_under_io $vg write_w both_alive $mode -i1 "$dev1" "$dev5"
	fast_dev "$dev5"
	((LOOKS >= 3)) || die "only $LOOKS looks while the move ran"
	assert_eq "w_rimage_0:$dev5 w_rimage_1:$dev2 w_rmeta_0:$dev5 w_rmeta_1:$dev2 " \
		"$(sub_pvs w)" "layout after pvmove $mode under I/O"
	assert_match "Moved: 100.0+%" "$(cat /tmp/move.out)" "progress of pvmove $mode"
	no_move_left $vg
	assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-w)" "data after pvmove $mode under I/O"
	assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-w_rimage_0)" "the moved image"
	assert_eq "$want" "$(dev_md5 /dev/mapper/$vg-w_rimage_1)" "the other image"
	"$P/vgremove" -f $vg
done

# ---- the striped levels: whole PV, one image by name, a refused move
# images_on LV: the PVs of LV's images, in image order
images_on() {
	local i out=""
	for ((i = 0; i < $2; i++)); do
		out+="$(lv_devs $vg "$1_rimage_$i" | sed 's/([0-9]*)//g') "
	done
	echo "$out"
}
for mode in "" --atomic; do
	for t in "raid5 -i 2:3" "raid10 -i 2:4" "raid6 -i 3:5"; do
		n=${t#*:}
		"$P/vgcreate" -s 128k $vg "${DEVICES[@]}"
		# shellcheck disable=SC2086
		"$P/lvcreate" -aey --type ${t%:*} -l 24 -n s $vg "${DEVICES[@]:0:$n}"
		in_sync s
		MD5S=()
		fill_dev /dev/mapper/$vg-s
		md5_save $vg s
		spare=${DEVICES[$n]:-}
		[[ -n $spare ]] || spare=${DEVICES[0]}	# raid6 takes all five: make room
		if ((n == 5)); then
			"$P/pvmove" $mode -i0 -n s_rimage_4 "$dev5" "$dev1" 2>/tmp/err &&
				die "${t%:*}: image 4 moved onto image 0's PV"
			assert_match "s_rimage_4 must not share with the other areas of its LV" \
				"$(cat /tmp/err)" "refusal for ${t%:*}"
			"$P/vgremove" -f $vg
			continue
		fi
		before=$(images_on s $n)
		"$P/pvmove" $mode -i0 "$dev1" "$spare"
		assert_eq "${before/$dev1/$spare}" "$(images_on s $n)" "${t%:*} after pvmove $mode dev1"
		assert_eq "$spare" "$(lv_devs $vg s_rmeta_0 | sed 's/([0-9]*)//g')" "rmeta_0 went along"
		"$P/pvmove" $mode -i0 -n s_rimage_1 "$dev2" "$dev1"
		assert_eq "$spare $dev1" "$(images_on s 2 | sed 's/ $//')" "${t%:*} after -n s_rimage_1"
		before=$(meta $vg)
		err_has 5 "s_rimage_1 must not share with the other areas of its LV" \
			"$P/pvmove" $mode -i0 -n s_rimage_1 "$dev1" "$spare"
		assert_eq "$before" "$(meta $vg)" "metadata after the refused move"
		no_move_left $vg
		assert_match '^rwi-a-r---' "$("$P/lvs" --noheadings -o lv_attr $vg/s | tr -d ' ')" "attr"
		md5_check "of ${t%:*} after the moves ($mode)"
		"$P/vgremove" -f $vg
	done
done
