#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Differential bad-input test: plvm and LVM2 in one VM, each case from the
# same restored state (a VG LVM2 made, data written to its LVs).  A case is
# a command line, optionally after damaging the PVs or writing a bad backup
# file.  Each tool runs it on a fresh copy of the state; for plvm the test
# fails on
#   - a crash (signal, sanitizer report),
#   - any change to the PVs by a read command or by a command that failed,
#   - a mapping left behind by a command that failed,
#   - an exit code other than LVM2's (0, 2, 3 or 5), unless the case's
#     allow-list entry says why plvm is right.
# PLVM_BADINPUT_CAPTURE=1 prints every case's exit codes and first error
# lines side by side instead of asserting.
#
# The whole list takes about 35 minutes under TCG, so by default (and in
# CI) only every PLVM_BADINPUT_EVERY-th case runs [5]: the cases are grouped
# by kind, so the stride still reaches every kind.  scripts/badinput-full.sh
# runs them all.
#
# vmrun-opts: --with-lvm2 --timeout 3000 --smp 1
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"
CAPTURE=${PLVM_BADINPUT_CAPTURE:-0}
FIRST=${PLVM_BADINPUT_FIRST:-1}		# run only cases FIRST..LAST (while iterating)
LAST=${PLVM_BADINPUT_LAST:-100000}
EVERY=${PLVM_BADINPUT_EVERY:-5}
[[ $EVERY =~ ^[1-9][0-9]*$ ]] || die "PLVM_BADINPUT_EVERY=$EVERY: want a positive number"
NPV=5
PVMB=5

prepare_pvs $NPV $PVMB
lvm2_conf

# ---- the state every case starts from ----
# vg: dev1..dev3 of 4 extents each (lv1 linear on dev1, lv2 striped over
# dev2 and dev3, lv3 two segments); dev4 an unused PV; dev5 not a PV.
"$LVM" pvcreate -q "$dev1" "$dev2" "$dev3" "$dev4" >/dev/null
"$LVM" vgcreate -q -s 1m $vg "$dev1" "$dev2" "$dev3" >/dev/null
"$LVM" lvcreate -q -an -y -Zn -l 2 -n lv1 $vg "$dev1" >/dev/null
"$LVM" lvcreate -q -an -y -Zn -i 2 -I 64k -l 2 -n lv2 $vg "$dev2" "$dev3" >/dev/null
"$LVM" lvcreate -q -an -y -Zn -l 1 -n lv3 $vg "$dev1" >/dev/null
"$LVM" lvextend -q -l +1 $vg/lv3 "$dev3" >/dev/null
"$LVM" vgcfgbackup -q -f /tmp/good.vg $vg >/dev/null
"$LVM" lvchange -ay $vg/lv1 $vg/lv2
fill_dev /dev/mapper/$vg-lv1
fill_dev /dev/mapper/$vg-lv2
"$LVM" vgchange -an $vg >/dev/null
for ((i = 1; i <= NPV; i++)); do
	d=dev$i
	dd if="${!d}" of=/tmp/state$i bs=1M 2>/dev/null
	STATE_MD5[i]=$(md5sum </tmp/state$i | cut -d' ' -f1)
done
mda_start=4096		# the mda header follows the label in LVM2's layout
set +x			# the cases say what fails; tracing them all slows the console

# ---- restoring it ----
# The md5 of each PV, read past the page cache.
md5s() {
	local i d
	for ((i = 1; i <= NPV; i++)); do
		d=dev$i
		dd if="${!d}" bs=1M iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1
	done
}

# Back to the state: the metadata part of every PV (all a command that
# fails or only reads may touch, and all of what LVM2 writes but the
# zeroing of new LVs), the whole PV when plvm's last run changed it.
restore_state() {
	local i d bs=1M count=1
	lib_leftovers | while read -r m; do dmsetup remove -f "$m" >/dev/null 2>&1; done
	[[ ${DIRTY:-1} = 0 ]] || count=$PVMB
	for ((i = 1; i <= NPV; i++)); do
		d=dev$i
		dd if=/tmp/state$i of="${!d}" bs=$bs count=$count oflag=direct 2>/dev/null
	done
	DIRTY=1
	rm -rf /etc/lvm/backup /etc/lvm/archive "$PLVM_SYSTEM_DIR/backup" \
		"$PLVM_SYSTEM_DIR/archive" /run/lvm/* 2>/dev/null || true
	rm -f /tmp/case.*
}

# ---- damage helpers (run after restore_state, before the command) ----
# poke DEV OFFSET HEX: write bytes at a byte offset
poke() { printf "$(echo "$3" | sed 's/../\\x&/g')" | dd of="$1" bs=1 seek="$2" conv=notrunc,fsync 2>/dev/null; }
# zero DEV OFFSET COUNT
zero() { dd if=/dev/zero of="$1" bs=1 seek="$2" count="$3" conv=notrunc,fsync 2>/dev/null; }
# the metadata text of the state, as on dev1's mda (first text slot)
mda_text_off() { echo $((mda_start + 512)); }
# bad backup file from the good one: sed expression
bad_backup() { sed "$1" /tmp/good.vg >/tmp/case.vg; }

# ---- running a case ----
PASS=0 FAILS=0 N=0
READ_CMDS=" lvs vgs pvs pvscan vgscan lvscan vgck vgcfgbackup vgdisplay lvdisplay pvdisplay help version "
declare -A ALLOW

# run TOOL SETUP ARGS [md5]: rc in $rc, stderr in /tmp/out.err; with md5,
# the PVs' md5s before and after in $before and $after
run_one() {
	local tool=$1 setup=$2 args=$3
	restore_state
	[[ -z $setup ]] || eval "$setup" || true
	before= after=
	[[ -z ${4:-} ]] || before=$(md5s)
	maps_before=$(lib_leftovers)
	rc=0
	eval "timeout 60 $tool $args" </dev/null >/tmp/out.std 2>/tmp/out.err || rc=$?
	[[ -z ${4:-} ]] || after=$(md5s)
	maps_after=$(lib_leftovers)
	DIRTY=0
	[[ $before = "$after" ]] || DIRTY=1
}

first_err() { { grep -v '^ *WARNING\|^  TEST MODE' /tmp/out.err || true; } | head -n2 | tr '\n' '|' | cut -c1-150; }

fail_case() {
	FAILS=$((FAILS + 1))
	echo "FAIL case $N [$1]: $2" >&2
	echo "   stderr: $(first_err)" >&2
}

# case SETUP ARGS: one case (SETUP a damage, or empty)
case_() {
	local setup=$1 args=$2 cmd lrc lerr read=0
	N=$((N + 1))
	[[ $PASS_ = run ]] || return 0
	((N >= FIRST && N <= LAST)) || return 0
	(((N - FIRST) % EVERY == 0)) || return 0
	RAN=$((RAN + 1))
	cmd=${args%% *}
	[[ $READ_CMDS != *" $cmd "* ]] || read=1
	[[ $cmd != vgck || $args != *updatemetadata* ]] || read=0
	run_one "$LVM" "$setup" "$args"
	lrc=$rc
	lmaps=$maps_after
	lerr=$(first_err)
	run_one "$P/plvm" "$setup" "$args" md5
	if [[ $CAPTURE = 1 ]]; then
		printf 'CASE %d lvm2=%d plvm=%d%s %s%s\n   lvm2: %s\n   plvm: %s\n' "$N" "$lrc" "$rc" \
			"$([[ $before = "$after" ]] || echo ' WROTE')" "${setup:+[$setup] }" "$args" \
			"$lerr" "$(first_err)"
		return
	fi
	if ((rc >= 124)) || grep -q 'Sanitizer\|Segmentation\|Aborted' /tmp/out.err; then
		fail_case "$args" "crashed (exit $rc)"
		return
	fi
	if [[ $read = 1 || $rc != 0 ]] && [[ $before != "$after" ]]; then
		fail_case "$args" "changed the PVs (exit $rc, a read or a failure)"
		return
	fi
	# what LVM2 activates too is right (vgchange -ay of a VG with a PV
	# missing activates the LVs that are whole, and exits 5)
	if [[ $rc != 0 && $maps_before != "$maps_after" && $maps_after != "$lmaps" ]]; then
		fail_case "$args" "left mappings behind: $maps_after"
		return
	fi
	if [[ $rc != "$lrc" && -z ${ALLOW[${setup:+$setup|}$args]:-} ]]; then
		fail_case "$args" "exit $rc, LVM2 exits $lrc (LVM2: $lerr)"
		return
	fi
	PASS=$((PASS + 1))
}
cl() { case_ "" "$1"; }
dmg() { case_ "$1" "$2"; }
# allow ARGS WHY: plvm may exit otherwise than LVM2 for ARGS;
# allow_dmg SETUP ARGS WHY: the same for a case with a damage
allow() { ALLOW[$1]=$2; }
allow_dmg() { ALLOW[$1|$2]=$3; }

# the allow-list first (an entry may follow its case in the file), then the cases
PASS_=allow
. "${PLVM_VMTESTS:-$(dirname "$0")}/badinput-cases.sh"
N=0 RAN=0 PASS_=run
. "${PLVM_VMTESTS:-$(dirname "$0")}/badinput-cases.sh"

echo "$N cases, $RAN run (every $EVERY): $PASS passed, $FAILS failed"
[[ $CAPTURE = 0 ]] || exit 0
((FAILS == 0)) || die "$FAILS of $N cases failed"
[[ $FIRST != 1 || $LAST != 100000 ]] || ((N >= 250)) || die "only $N cases"
