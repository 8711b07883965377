#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A move one tool started and the other finishes (run with --with-lvm2):
# plvm's move, its poller killed, finished by LVM2's pvmove; LVM2's move
# (pvmove -b), its poller killed, finished by plvm's pvmove.  Classic and
# --atomic; data checked by md5s, the result by both tools.  LVM2 is only
# called by its explicit path, plvm only through $PLVM_PREFIX.  LVM2 leaves
# the progress log of plvm's classic move behind: checked, then removed.
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"
need_target mirror
need_target delay

prepare_pvs 3 16
region_kib 64
mkdir -p /etc/lvm
cat >/etc/lvm/lvm.conf <<CONF
devices {
	global_filter = [ "a|^/dev/mapper/${LIB_PREFIX}pv[0-9]+\$|", "r|.*|" ]
	obtain_device_list_from_udev = 0
	use_devicesfile = 0
}
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 polling_interval = 1 raid_region_size = 64 }
backup { backup = 0 archive = 0 }
global { use_lvmetad = 0 use_lvmpolld = 0 }
CONF

# lvm2_pids: running LVM2 processes (its background poller)
lvm2_pids() {
	local want
	want=$(readlink -f "$LVM")
	ls -l /proc/[0-9]*/exe 2>/dev/null |
		awk -v w="$want" '$NF == w { split($(NF - 2), p, "/"); print p[3] }'
}
has_lvm2_poller() { [[ -n $(lvm2_pids) ]]; }

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 2 -n a $vg "$dev1"
	"$P/lvcreate" -l 4 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

# both_done WHAT: the move is over for both tools, the data intact
both_done() {
	move_over $vg
	off_pv $vg "$dev1"
	local out
	out=$("$LVM" lvs -a --noheadings -o lv_name,devices $vg)
	[[ $out != *pvmove* && $out != *"$dev1("* ]] || die "LVM2 sees after $1: $out"
	"$LVM" vgck $vg
	md5_check "after $1"
	"$P/vgremove" -f $vg
}

# a 64 KiB region a second: a (1 MiB) copies in over 16 s, b in over 32 s
plvm_then_lvm2() {
	local mode=$1
	make_vg
	slow_pes $vg "$dev2" 0 1000 0
	"$P/pvmove" $mode -b -i1 "$dev1" "$dev2"
	wait_for 30 has_move $vg
	[[ -n $mode ]] || wait_for 90 has_checkpoint $vg
	kill_pollers
	has_move $vg || die "plvm's $mode move finished before its poller was killed"
	fast_dev "$dev2"
	"$LVM" pvmove -i1 "$dev1"
	[[ -n $mode ]] || leftover_log
	both_done "plvm's $mode move finished by LVM2"
}

# LVM2 does not read the key that names a classic move's progress log, so
# finishing plvm's move it leaves the log LV behind (doc/pvmove-resume.md):
# a new plvm move takes another name for its own log, and lvremove of
# either tool frees it.
leftover_log() {
	local out
	out=$("$LVM" lvs -a --noheadings -o lv_name $vg)
	[[ $out == *"[pvmove0_mlog]"* ]] || die "no leftover log after LVM2's finish: $out"
	"$LVM" vgck $vg
	"$P/pvmove" -i1 "$dev2" "$dev3" >/dev/null
	"$P/lvremove" -f $vg/pvmove0_mlog
	dm_absent $vg-pvmove0_mlog
}

lvm2_then_plvm() {
	local mode=$1 p
	make_vg
	slow_pes $vg "$dev2" 0 1000 0
	"$LVM" pvmove $mode -b -i1 "$dev1" "$dev2"
	wait_for 30 has_lvm2_poller
	[[ -n $mode ]] || wait_for 90 has_checkpoint $vg
	for p in $(lvm2_pids); do
		kill -9 "$p"
	done
	wait_for 10 eval '! has_lvm2_poller'
	has_move $vg || die "LVM2's $mode move finished before its poller was killed"
	fast_dev "$dev2"
	"$P/pvmove" -i1
	both_done "LVM2's $mode move finished by plvm"
}

for mode in "" --atomic; do
	plvm_then_lvm2 "$mode"
	lvm2_then_plvm "$mode"
done
