#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# plvm-autoactivate, which plvm-pvscan@.service runs when udev sees a PV:
# it activates the PV's VG once every PV of it is there, leaves it alone
# while one is missing, and does nothing with global/event_activation = 0.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_plvm
auto=$PLVM_PREFIX/libexec/plvm/plvm-autoactivate
[[ -x $auto ]] || die "$auto is not installed"
prepare_pvs 3 16
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/lvcreate" -an -l 4 -n lv1 $vg "$dev1"
"$P/lvcreate" -an -l 4 -n lv2 $vg "$dev2"

# not a PV of any VG: nothing to do
"$auto" "$dev3"
dm_absent $vg-lv1

# turned off
write_conf 'global = { event_activation = 0; };'
"$auto" "$dev1"
dm_absent $vg-lv1
dm_absent $vg-lv2
write_conf

# every PV there: the VG's LVs come up
"$auto" "$dev1"
dm_exists $vg-lv1
dm_exists $vg-lv2
"$P/vgchange" -an $vg

# a PV missing: nothing yet, as the unit of the last PV will do it
dmsetup remove ${LIB_PREFIX}pv2
"$auto" "$dev1"
dm_absent $vg-lv1
sectors=$((16 * 2048))
dmsetup create ${LIB_PREFIX}pv2 --table "0 $sectors linear $LIB_BACKING $((2048 + sectors))"
"$auto" "$dev2"
dm_exists $vg-lv1
"$P/vgchange" -an $vg
