#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A move deactivated part way (vgchange -an) comes back with vgchange -ay,
# which starts a background poller that finishes it; with --poll n nothing
# polls it (it stays unfinished) until "pvmove" is run.  Classic moves keep
# their checkpoint: the finished segment is mapped to the destination when
# the move comes back.  Classic and --atomic, data checked by md5s.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 3 16
HOLD=8000

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 4 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

# stopped MODE: a move off dev1 to dev2:0-7, deactivated part way (classic:
# after the checkpoint of a's piece; b's destination is slowed throughout)
stopped() {
	local mode=$1
	slow_pes $vg "$dev2" 0 $HOLD 4:4
	"$P/pvmove" $mode -b -i1 "$dev1" "$dev2:0-7"
	if [[ -z $mode ]]; then
		wait_for 60 has_checkpoint $vg
	else
		wait_for 30 has_move $vg
	fi
	"$P/vgchange" -an $vg
	wait_for 30 eval '! has_poller'
	has_move $vg || die "the move finished before the deactivation"
	dm_absent $vg-pvmove0
	dm_absent $vg-a
}

# checkpoint_kept MODE: a classic move came back with a's piece on dev2
checkpoint_kept() {
	[[ -z $1 ]] || return 0
	table_has_linear_to $vg-pvmove0 "$dev2" ||
		die "the checkpointed piece is not on $dev2: $(dmsetup table $vg-pvmove0)"
}

finished() {
	wait_for 60 no_move $vg
	wait_for 30 eval '! has_poller'
	no_move_left $vg
	off_pv $vg "$dev1"
	md5_check "$1"
	"$P/vgremove" -f $vg
}

poll_yes() {
	local mode=$1
	make_vg
	stopped "$mode"
	"$P/vgchange" -ay $vg
	dm_exists $vg-pvmove0
	checkpoint_kept "$mode"
	has_poller || die "vgchange -ay started no poller for the $mode move"
	fast_dev "$dev2"
	finished "after $mode vgchange -an/-ay"
}

poll_no() {
	local mode=$1 out
	make_vg
	stopped "$mode"
	"$P/vgchange" -ay --poll n $vg
	dm_exists $vg-pvmove0
	checkpoint_kept "$mode"
	fast_dev "$dev2"
	sleep 3
	! has_poller || die "vgchange -ay --poll n started a poller"
	has_move $vg || die "the move finished with --poll n"
	out=$("$P/pvmove" -i1)
	moved_lines "$dev1" "$out"
	finished "after $mode vgchange -ay --poll n, pvmove"
}

for mode in "" --atomic; do
	poll_yes "$mode"
	poll_no "$mode"
done
