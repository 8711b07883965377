#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove of thin pools and thin LVs, as the seed test pvmove-thin-segtypes
# does it (its raid1 half needs the raid plugin; here the pool's data and
# metadata are linear, made by lvcreate -T and by lvconvert --thinpool, and
# mirrored): the whole PV, then -n thinLV, classic and --atomic, the thin
# LV's data checked by md5 after each move, its whole tree on the PVs
# expected; a whole-PV move takes lvol0_pmspare along (-n leaves it), and
# the pool still takes messages and activates after it.  A thin LV stays mounted and in use while its pool moves, in
# both modes: files written through the move read back whole, and the
# filesystem checks clean.
#
# vmrun-opts: --bin /usr/sbin/mke2fs --bin /usr/sbin/e2fsck
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target thin-pool
need_target mirror
need_cmd thin_check
need_cmd mke2fs
need_cmd e2fsck
prepare_pvs 5 20
"$P/vgcreate" -s 128k $vg "${DEVICES[@]}"

first_field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | head -n1 | tr -d ' []'; }

# tree_pvs LV: the PVs under LV, one a line, sorted (as the seed test's
# lv_tree_on: data devices, images and log, a thin LV's pool, a pool's
# data and metadata)
tree_pvs_r() {
	local lv=$1 d
	case $(first_field "$lv" segtype) in
	linear | striped)
		"$P/lvs" -a --noheadings -o devices "$vg/$lv" | tr ',' '\n' | sed 's/(.*//; s/ //g' ;;
	mirror)
		d=$(first_field "$lv" mirror_log)
		[[ -z $d ]] || tree_pvs_r "$d"
		for d in $("$P/lvs" -a --noheadings -o devices "$vg/$lv" | tr ',' ' ' | sed 's/([0-9]*)//g'); do
			tree_pvs_r "$d"
		done ;;
	thin) tree_pvs_r "$(first_field "$lv" pool_lv)" ;;
	thin-pool)
		tree_pvs_r "$(first_field "$lv" data_lv)"
		tree_pvs_r "$(first_field "$lv" metadata_lv)" ;;
	*) die "unknown segtype of $lv" ;;
	esac
}
tree_pvs() { tree_pvs_r "$1" | sort -u | tr '\n' ' '; }
tree_on() {
	local lv=$1 want
	shift
	want=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ')
	assert_eq "$want" "$(tree_pvs "$lv")" "PVs of $lv's tree"
}

md5_of() { dev_md5 "/dev/mapper/$vg-$1"; }

# spare_pvs: the PVs of lvol0_pmspare
spare_pvs() {
	"$P/lvs" -a --noheadings -o devices $vg/lvol0_pmspare | tr ',' '\n' |
		sed 's/(.*//; s/ //g' | sort -u | tr '\n' ' '
}

# pool_works SUM: a thin snapshot of lv1 (a pool message) reads as SUM,
# and the pool comes back (thin_check) after the VG is deactivated
pool_works() {
	"$P/lvcreate" -s $vg/lv1 -n snap1
	"$P/lvchange" -ay -K $vg/snap1
	assert_eq "$1" "$(md5_of snap1)" "md5 of a snapshot of lv1 after the move"
	"$P/lvremove" -f $vg/snap1
	"$P/vgchange" -an $vg
	"$P/vgchange" -ay $vg
	assert_eq "$1" "$(md5_of lv1)" "md5 of lv1 after reactivation"
}

moves() {
	local mode=$1 other=$2 sum spare
	tree_on foo "$dev1"
	fill_dev /dev/mapper/$vg-lv1
	sum=$(md5_of lv1)
	spare=$(spare_pvs)
	"$P/pvmove" "$dev1" "$dev5" $mode
	tree_on foo "$dev5"
	tree_on lv1 "$dev5" $other
	assert_eq "$sum" "$(md5_of lv1)" "md5 of lv1 after pvmove $mode"
	# the spare leaves the PV with the rest, as in LVM2
	[[ $spare != "$dev1 " ]] || spare="$dev5 "
	assert_eq "$spare" "$(spare_pvs)" "PVs of lvol0_pmspare after pvmove $mode"
	pool_works "$sum"
	"$P/pvmove" -n lv1 "$dev5" "$dev4" $mode
	tree_on lv1 "$dev4" $other
	tree_on foo "$dev5"
	assert_eq "$sum" "$(md5_of lv1)" "md5 of lv1 after pvmove -n $mode"
	# -n moves the LV's tree only: the spare is no part of it
	assert_eq "$spare" "$(spare_pvs)" "PVs of lvol0_pmspare after pvmove -n $mode"
	no_move_left $vg
	"$P/lvremove" -ff $vg
}

for mode in --atomic ""; do
	# a pool made by lvcreate -T, everything on dev1
	"$P/lvcreate" -aey -l 2 -n foo $vg "$dev1"
	"$P/lvcreate" -aey -T $vg/pool -l8 -V 8 -n lv1 "$dev1"
	tree_on lv1 "$dev1"
	assert_eq "$dev1 " "$(spare_pvs)" "lvol0_pmspare on the PV given"
	moves "$mode" ""
done

for mode in --atomic; do
	# a pool made by lvconvert of linear LVs on dev1 and dev2
	"$P/lvcreate" -aey -l 2 -n foo $vg "$dev1"
	"$P/lvcreate" -aey -l 8 -n pool $vg "$dev1"
	"$P/lvcreate" -aey -L 2 -n meta $vg "$dev2"
	"$P/lvconvert" --yes --thinpool $vg/pool --poolmetadata meta
	assert_eq "twi-a-tz--" "$(first_field pool lv_attr)" "converted pool"
	"$P/lvcreate" -aey -T $vg/pool -V 8 -n lv1
	tree_on lv1 "$dev1" "$dev2"
	moves "$mode" "$dev2"
done

# a pool over a mirror: the data LV keeps its own type and its images move
"$P/lvcreate" -aey -l 2 -n foo $vg "$dev1"
"$P/lvcreate" -aey --type mirror -m 1 --mirrorlog core -l 8 -n pool $vg "$dev1" "$dev2"
"$P/lvcreate" -aey -L 2 -n meta $vg "$dev3"
"$P/lvconvert" --yes --thinpool $vg/pool --poolmetadata meta
assert_eq "m" "$(first_field pool_tdata lv_attr | cut -c1)" "a mirror data LV keeps its m"
assert_eq "pool_tdata_mimage_0" "$("$P/lvs" -a --noheadings -o name $vg | tr -d ' []' | grep -x pool_tdata_mimage_0)" "images renamed"
"$P/lvcreate" -aey -T $vg/pool -V 8 -n lv1
tree_on lv1 "$dev1" "$dev2" "$dev3"
fill_dev /dev/mapper/$vg-lv1
sum=$(md5_of lv1)
"$P/pvmove" "$dev1" "$dev5"
tree_on lv1 "$dev5" "$dev2" "$dev3"
assert_eq "$sum" "$(md5_of lv1)" "md5 of lv1 on a mirrored pool after pvmove"
"$P/lvremove" -ff $vg

# ---- a mounted thin LV in use while its pool moves
dd if=/dev/urandom of=/tmp/pattern bs=64k count=16 2>/dev/null
want=$(md5sum </tmp/pattern | cut -d' ' -f1)
# write_file: the next of eight files, whole and fsynced
write_file() {
	dd if=/tmp/pattern of=/mnt/thin/f$((files % 8)) bs=64k conv=fsync 2>/dev/null &&
		files=$((files + 1))
}
mkdir -p /mnt/thin
for mode in "" --atomic; do
	"$P/lvcreate" -aey -T $vg/pool -l 120 -V 16m -n fs "$dev1"
	mke2fs -q -t ext4 -F /dev/mapper/$vg-fs
	mount -t ext4 /dev/mapper/$vg-fs /mnt/thin
	slow_dev "$dev4" 0 100
	files=0
	# shellcheck disable=SC2086
	move_under_io $vg write_file true $mode -i1 "$dev1" "$dev4"
	fast_dev "$dev4"
	((LOOKS >= 2)) || die "only $LOOKS looks while the move ran"
	tree_on fs "$dev4"
	for f in /mnt/thin/f*; do
		assert_eq "$want" "$(md5sum <"$f" | cut -d' ' -f1)" "$f after pvmove $mode"
	done
	umount /mnt/thin
	e2fsck -fn /dev/mapper/$vg-fs >/tmp/fsck.out 2>&1 || die "fsck after pvmove $mode: $(cat /tmp/fsck.out)"
	no_move_left $vg
	"$P/lvremove" -ff $vg
done
"$P/vgremove" -ff $vg
