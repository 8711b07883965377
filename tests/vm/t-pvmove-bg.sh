#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove -b, classic and --atomic: the command returns while the copy is
# still running and a background poller finishes it; a move whose poller
# was killed (kill -9) is resumed by "pvmove" with no arguments, and by
# "pvmove PV" for the move off PV.  Data checked by md5s.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 3 16

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 4 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

# done_ok VG: the move finished (no pvmove LV, no poller) with data intact
done_ok() {
	wait_for 60 no_move $1
	wait_for 30 eval '! has_poller'
	no_move_left $1
	off_pv $1 "$dev1"
	md5_check "$2"
}

# start_killed MODE: a slowed "pvmove -b" off dev1 whose poller is killed
start_killed() {
	slow_pes $vg "$dev2" 0 $STALL 0:8
	"$P/pvmove" $1 -b -i1 "$dev1" "$dev2"
	has_move $vg || die "pvmove -b $1 returned after the move was over"
	wait_for 10 has_poller
	kill_pollers
	has_move $vg || die "the move finished before its poller was killed"
	dm_exists $vg-pvmove0
	fast_dev "$dev2"
}

background() {
	local mode=$1
	make_vg
	slow_pes $vg "$dev2" 0 $STALL 0:8
	"$P/pvmove" $mode -b "$dev1" "$dev2"
	# it returned: the copy is still running, slowed
	has_move $vg || die "pvmove -b $mode returned after the move was over"
	has_poller || die "no background poller after pvmove -b $mode"
	fast_dev "$dev2"
	done_ok $vg "after pvmove -b $mode"
	"$P/vgremove" -f $vg
}

resume_all() {
	local mode=$1 out
	make_vg
	start_killed "$mode"
	out=$("$P/pvmove" -i1)
	moved_lines "$dev1" "$out"
	done_ok $vg "after $mode move resumed by pvmove"
	"$P/vgremove" -f $vg
}

resume_pv() {
	local mode=$1 out
	make_vg
	start_killed "$mode"
	out=$("$P/pvmove" -i1 "$dev1" 2>&1)
	assert_match "Detected pvmove in progress for $dev1" "$out" "output of pvmove $dev1"
	moved_lines "$dev1" "$out"
	done_ok $vg "after $mode move resumed by pvmove $dev1"
	"$P/vgremove" -f $vg
}

for mode in "" --atomic; do
	background "$mode"
	resume_all "$mode"
	resume_pv "$mode"
done
