#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The VM side of h-pvmove-matrix.sh (not a test of its own).  LAYOUT is
# linear, striped or mirror; MODE classic, atomic, classic-abort or
# atomic-abort (a move under way, stopped by pvmove --abort).
#   trace LAYOUT MODE          run the move (or the abort) with
#       $PLVM_TEST_TRACE: one "MATRIX-POINT NAME:N" line per test point
#       reached (core/testpoint.h)
#   crash LAYOUT MODE POINT    the same, the VM crashed (sysrq b) at POINT;
#       prints "MATRIX-MD5 LV SUM" and "MATRIX-FREE N" first
#   check LAYOUT MODE FREE LV=SUM...   on the same disk after the crash:
#       vgchange -ay, the move finishes (or stays aborted, or never began),
#       then the invariants (below)
#   kill LAYOUT MODE [POINT...]   in this VM, for each POINT (default:
#       every point of a trace): the command killed (kill -9) at POINT,
#       "pvmove" run again, the invariants; one "MATRIX-KILL POINT PASS" or
#       "MATRIX-KILL POINT FAIL: why" line each
#   debug LAYOUT MODE POINT    killed at POINT, then the state printed and
#       each recovery step run in turn (for a person reading the log)
# The invariants: no move left (metadata or devices), every LV's md5 as
# before, vgck of plvm and of LVM2 clean, the VG's free extents as before
# the move (none leaked, none given twice), and the moved LVs either all
# off the source PV or all still where they were (a move stopped before
# its first commit, or aborted atomically).
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
need_lvm2
phase=$1 layout=$2 mode=$3
shift 3
opt=
[[ $mode != atomic* ]] || opt=--atomic
LVS=(a b)		# the LVs whose data is checked
PLACED=(a b)		# the LVs whose extents move (a mirror's: its images)
[[ $layout != mirror ]] || PLACED=(a_mimage_0 a_mimage_1 b)

prepare_pvs 3 16
lvm2_conf
region_kib 64	# an abort's move, slowed, copies region by region for seconds

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3" >/dev/null
	case $layout in
	linear)
		"$P/lvcreate" -l 4 -n a $vg "$dev1" >/dev/null
		"$P/lvcreate" -l 4 -n b $vg "$dev1" >/dev/null ;;
	striped)
		"$P/lvcreate" -i 2 -l 8 -n a $vg "$dev1" "$dev2" >/dev/null
		"$P/lvcreate" -l 4 -n b $vg "$dev1" >/dev/null ;;
	mirror)
		"$P/lvcreate" --type mirror -m 1 --mirrorlog core -l 4 -n a $vg \
			"$dev1" "$dev2" >/dev/null
		wait_for 60 in_sync $vg/a
		"$P/lvcreate" -l 4 -n b $vg "$dev1" >/dev/null ;;
	*) die "unknown layout $layout" ;;
	esac
	md5_save $vg "${LVS[@]}"
	FREE=$(free_count)
	BEFORE=$(where)
}

in_sync() { [[ $("$P/lvs" --noheadings -o copy_percent "$1" | tr -d ' ') == 100.00 ]]; }
free_count() { "$P/vgs" --noheadings -o vg_free_count $vg | tr -d ' '; }
# where: the devices of each LV that moves, one word
where() {
	local lv d
	for lv in "${PLACED[@]}"; do
		d=$(lv_devs $vg "$lv")
		echo -n "$lv:${d// /+};"
	done
}

# was LV: LV's devices in BEFORE
was() { tr ';' '\n' <<<"$BEFORE" | sed -n "s/^$1://p"; }

# placed: each LV where it was or wholly off the source PV; an atomic move
# moved all or none (an abort stopped before its commit lets the move go on
# to its end; after it, nothing is moved)
placed() {
	local lv now moved=0 movable=0
	for lv in "${PLACED[@]}"; do
		[[ $(was "$lv") != *"$dev1("* ]] || movable=$((movable + 1))
		now=$(lv_devs $vg "$lv")
		now=${now// /+}
		[[ $now = "$(was "$lv")" ]] && continue
		[[ $now != *"$dev1("* ]] || die "$lv is partly on $dev1: $now (before: $(was "$lv"))"
		moved=$((moved + 1))
	done
	[[ $mode != atomic* || $moved = 0 || $moved = "$movable" ]] ||
		die "an atomic move moved $moved of the $movable LVs on $dev1"
}

# dest: where the move goes (the PV no LV of the layout uses)
dest() { [[ $layout = linear ]] && echo "$dev2" || echo "$dev3"; }

# move [ENV...]: the move of MODE under ENV (an abort: the move runs
# slowed in the background and the abort gets ENV)
move() {
	if [[ $mode = *-abort ]]; then
		slow_pes $vg "$(dest)" 0 300 0
		"$P/pvmove" $opt -b -i1 "$dev1" "$(dest)"
		wait_for 30 has_move $vg
		[[ $mode = atomic* ]] || wait_for 60 has_checkpoint $vg
		env "$@" "$P/pvmove" --abort
	else
		env "$@" "$P/pvmove" $opt -i1 "$dev1" "$(dest)" >/dev/null
	fi
}

# invariants: what every case must end with; dies with the reason
invariants() {
	no_move_left $vg
	md5_check
	"$P/vgck" $vg || die "plvm vgck $vg failed"
	"$LVM" vgck $vg || die "LVM2 vgck $vg failed"
	assert_eq "$FREE" "$(free_count)" "free extents of $vg"
	placed
}

# finish: the move restarted and finished if the metadata has one, else
# the kernel's tables brought back in line with the metadata (what an admin
# runs after a killed command)
finish() {
	fast_dev "$(dest)"
	if ! has_move $vg; then
		"$P/vgchange" --refresh $vg >/dev/null
		return
	fi
	has_poller || "$P/pvmove" -i1 >/dev/null 2>&1 || true
	wait_for 120 no_move $vg
}

trace() {
	make_vg
	rm -f /tmp/trace
	move PLVM_TEST_TRACE=/tmp/trace
	finish
	invariants
	awk '{ print "MATRIX-POINT " $1 }' /tmp/trace
	"$P/vgchange" -an $vg >/dev/null
}

crash() {
	local lv
	make_vg
	for lv in "${LVS[@]}"; do
		echo "MATRIX-MD5 $lv ${MD5S[$vg/$lv]}"
	done
	echo "MATRIX-FREE $FREE"
	echo "MATRIX-BEFORE $BEFORE"
	printf '#!/bin/sh\necho "MATRIX-CRASH-NOW $1" >/dev/console\nsleep 1\necho 1 >/proc/sys/kernel/sysrq\necho b >/proc/sysrq-trigger\nsleep 30\n' \
		>/tmp/crash
	chmod +x /tmp/crash
	move PLVM_TEST_AT="$1" PLVM_TEST_RUN=/tmp/crash
	echo "MATRIX-NOT-REACHED $1"
	exit 3
}

check() {
	local kv
	FREE=$1
	BEFORE=$2
	shift 2
	for kv in "$@"; do
		MD5S[$vg/${kv%%=*}]=${kv#*=}
	done
	"$P/vgchange" -ay $vg >/dev/null
	finish
	invariants
	"$P/vgchange" -an $vg >/dev/null
}

# kill_one POINT: one case of the kill matrix in this VM; its verdict line
kill_one() {
	local why d
	make_vg
	move PLVM_TEST_AT="$1" PLVM_TEST_RUN=/tmp/killer >/dev/null 2>&1 || true
	if ! why=$( (finish && invariants) 2>&1 >/dev/null | sed -n 's/^FAIL: //p'); then
		echo "MATRIX-KILL $1 FAIL: $why"
	else
		echo "MATRIX-KILL $1 PASS"
	fi
	kill_pollers
	"$P/vgchange" -an $vg >/dev/null 2>&1 || true
	fast_dev "$(dest)"
	"$P/vgremove" -ff $vg >/dev/null 2>&1 || true
	for d in $(dmsetup ls | awk -v p="$vg-" 'index($1, p) == 1 { print $1 }'); do
		dmsetup remove -f "$d" >/dev/null 2>&1 || true
	done
	wipe_pvs "$dev1" "$dev2" "$dev3"
	"$P/pvcreate" -ff -y "$dev1" "$dev2" "$dev3" >/dev/null 2>&1
}

kill_all() {
	local points=("$@") p
	printf '#!/bin/sh\nkill -9 "$2"\n' >/tmp/killer
	chmod +x /tmp/killer
	if [[ ${#points[@]} = 0 ]]; then
		make_vg
		rm -f /tmp/trace
		move PLVM_TEST_TRACE=/tmp/trace
		finish
		mapfile -t points </tmp/trace
		kill_pollers	# an aborted move's poller may still be on its way out
		"$P/vgremove" -ff $vg >/dev/null 2>&1
		wipe_pvs "$dev1" "$dev2" "$dev3"
		"$P/pvcreate" -ff -y "$dev1" "$dev2" "$dev3" >/dev/null 2>&1
	fi
	for p in "${points[@]}"; do
		kill_one "$p"
	done
}

debug() {
	printf '#!/bin/sh\nkill -9 "$2"\n' >/tmp/killer
	chmod +x /tmp/killer
	make_vg
	move PLVM_TEST_AT="$1" PLVM_TEST_RUN=/tmp/killer PLVM_TEST_TRACE=/tmp/dbg || true
	set +x
	echo "== trace"; cat /tmp/dbg
	echo "== lvs"; "$P/lvs" -a -o lv_name,devices,seg_type $vg
	echo "== dm"; dmsetup table | sort
	echo "== seqno"; "$P/vgs" -o vg_seqno $vg
	echo "== vgck"; "$P/vgck" $vg || echo "plvm rc=$?"; "$LVM" vgck $vg || echo "lvm2 rc=$?"
	echo "== lvm2 vgs"; "$LVM" vgs $vg || echo "lvm2 rc=$?"
	echo "== refresh"; "$P/vgchange" --refresh $vg || echo "rc=$?"
	echo "== vgck"; "$P/vgck" $vg || echo "plvm rc=$?"; "$LVM" vgck $vg || echo "lvm2 rc=$?"
	echo "== restart"; "$P/pvmove" -i1 || echo "rc=$?"
	echo "== lvs"; "$P/lvs" -a -o lv_name,devices,seg_type $vg
	echo "== dm"; dmsetup table | sort; dmsetup info -c
}

case $phase in
debug) debug "$@" ;;
trace) trace ;;
crash) crash "$@" ;;
check) check "$@" ;;
kill) kill_all "$@" ;;
*) die "unknown phase $phase" ;;
esac
