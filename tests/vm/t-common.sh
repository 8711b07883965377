#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The options every command takes that steer the core: --devices, -A|--autobackup,
# --nolocking and --readonly (with tests/vm/lockhold from PLVM_BUILDDIR),
# --noudevsync, --partial, --unquoted; and pvcreate -Z, lvcreate -W.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

prepare_pvs 3 16

# pvcreate zeroes the first 4 sectors (the label in sector 1 aside); -Z n keeps them
for d in "$dev1" "$dev2"; do
	printf 'junkjunk%.0s' $(seq 256) | dd of="$d" bs=2048 count=1 conv=notrunc,fsync 2>/dev/null
done
"$P/pvcreate" "$dev1"
"$P/pvcreate" -Z n "$dev2"
[[ -z $(od -An -N 512 -v "$dev1" | tr -d ' 0\n') ]] || die "pvcreate left sector 0"
[[ -z $(od -An -j 1024 -N 1024 -v "$dev1" | tr -d ' 0\n') ]] || die "pvcreate left sectors 2-3"
[[ $(dd if="$dev2" bs=8 count=1 2>/dev/null) == junkjunk ]] || die "pvcreate -Z n zeroed sector 0"
[[ $(dd if="$dev2" bs=8 skip=64 count=1 2>/dev/null) == LABELONE ]] || die "no label on $dev2"
assert_exit 3 "$P/pvcreate" -Z maybe "$dev3"

# --devices: the other devices are not seen, as if missing
"$P/vgcreate" $vg "$dev1" "$dev2" "$dev3"
# the PVs a pvs sees (a PV it cannot see is listed as missing, 'm')
seen() { "$P/pvs" --noheadings -o pv_name,pv_attr "$@" 2>/dev/null | awk '$2 !~ /m/ { print $1 }'; }
assert_eq "$dev1" "$(seen --devices "$dev1")" "pvs --devices"
assert_eq "$dev1 $dev3" "$(seen --devices "$dev1,$dev3" | xargs)" "comma list"
assert_eq "$dev2 $dev3" "$(seen --devices "$dev2" --devices "$dev3" | xargs)" "repeated --devices"
assert_eq 3 "$(seen | wc -l)" "pvs"
"$P/lvcreate" -an -l 2 -n a $vg "$dev1"
assert_eq "a" "$("$P/lvs" --noheadings -o lv_name --devices "$dev1" $vg 2>/dev/null | tr -d ' ')" \
	"lvs --devices"
err_has 5 "Cannot change VG $vg while PVs are missing" "$P/lvcreate" --devices "$dev1" -an -l 1 -n b $vg
"$P/lvs" $vg/a >/dev/null
assert_exit 5 "$P/lvs" $vg/b

# -A n: no automatic backup of the change; -A y (the default, with backup/backup = 1)
sed -i 's/backup = 0;/backup = 1;/' "$PLVM_SYSTEM_DIR/plvm.conf"
bk=$PLVM_SYSTEM_DIR/backup/$vg
rm -f "$bk"
"$P/lvcreate" -A n -an -l 1 -n c $vg
[[ ! -e $bk ]] || die "lvcreate -A n wrote $bk"
"$P/lvcreate" -an -l 1 -n d $vg
grep -Eq '^[[:space:]]*d \{' "$bk" || die "lvcreate did not back up $vg"
"$P/lvremove" --autobackup n $vg/d
grep -Eq '^[[:space:]]*d \{' "$bk" || die "lvremove --autobackup n backed up $vg"
"$P/lvremove" -A y $vg/c
grep -Eq '^[[:space:]]*c \{' "$bk" && die "lvremove -A y did not back up $vg"
assert_exit 3 "$P/lvcreate" -A maybe -an -l 1 -n e $vg

# lvcreate -W: n is what plvm does, y (wipe signatures) is refused
"$P/lvcreate" -W n -an -l 1 -n w $vg
err_has 5 "Wiping signatures \\(-W y\\) is not supported by plvm" "$P/lvcreate" -W y -an -l 1 -n w2 $vg
assert_exit 5 "$P/lvs" $vg/w2

# --noudevsync: the LV is activated and deactivated all the same
"$P/lvchange" -ay --noudevsync $vg/a
dm_exists $vg-a
"$P/lvchange" -an --noudevsync $vg/a
dm_absent $vg-a

# --partial (-P) activates an LV with missing extents, as --activationmode partial
"$P/lvcreate" -an -l 2 -n p $vg "$dev2"
err_has 5 "Refusing activation of partial LV $vg/p" "$P/lvchange" -ay --devices "$dev1" $vg/p
dm_absent $vg-p
"$P/lvchange" -ay --partial --devices "$dev1" $vg/p
[[ $(dm_table $vg-p-missing_0_0) == *error* ]] || die "no error device for the missing extents"
"$P/lvchange" -an $vg/p
"$P/vgchange" -ay -P --devices "$dev1" $vg
dm_exists $vg-p
"$P/vgchange" -an $vg

# --unquoted values with --nameprefixes
assert_eq "LVM2_LV_NAME=a" "$("$P/lvs" --noheadings --nameprefixes --unquoted -o lv_name $vg/a | xargs)" \
	"--unquoted"
assert_eq "LVM2_LV_NAME='a'" "$("$P/lvs" --noheadings --nameprefixes -o lv_name $vg/a | sed 's/^ *//')" \
	"--nameprefixes"

# --readonly: the metadata is read, the kernel not asked (an active LV shows inactive)
"$P/lvchange" -ay $vg/a
assert_eq "-wi-a-----" "$("$P/lvs" --noheadings -o lv_attr $vg/a | tr -d ' ')" "lvs attr"
assert_eq "-wi-------" "$("$P/lvs" --noheadings --readonly -o lv_attr $vg/a | tr -d ' ')" \
	"lvs --readonly attr"
"$P/vgcfgbackup" --readonly -f /tmp/ro.vg $vg >/dev/null
grep -q 'a {' /tmp/ro.vg || die "vgcfgbackup --readonly wrote no LV a"
"$P/lvchange" -an $vg/a

# options LVM2 has and plvm cannot honour are unknown to it (exit 3);
# t-cmdopts-lvm2 has --driverloaded and --devicesfile.  --lockopt, which
# LVM2 without lvmlockd takes and ignores, is refused (plvm has no lvmlockd)
err_has 5 "Option --lockopt is for lvmlockd, which plvm does not use." \
	"$P/lvs" --lockopt skipvg $vg
err_has 5 "lvmlockd" "$P/vgchange" --lockopt nodelay -ay $vg
for o in "--monitor y" "--ignoremonitoring"; do
	assert_exit 3 "$P/vgchange" $o -ay $vg
done
# a command profile that is not there fails the command (t-profile-lvm2 has the rest)
assert_exit 5 "$P/vgchange" --commandprofile p -ay $vg

# --nolocking: a VG lock held elsewhere does not hold the command up
hold=${PLVM_BUILDDIR:-}/tests/vm/lockhold
[[ -n ${PLVM_BUILDDIR:-} && -x $hold ]] ||
	skip "no PLVM_BUILDDIR with tests/vm/lockhold: --nolocking not checked"
mkdir -p /run/lock/plvm
rc=0
"$hold" /run/lock/plvm/V_$vg timeout 3 "$P/lvs" $vg >/dev/null 2>&1 || rc=$?
[[ $rc = 124 || $rc = 143 ]] || die "lvs did not wait for the held lock (exit $rc)"  # timed out
"$hold" /run/lock/plvm/V_$vg timeout 20 "$P/lvs" --nolocking $vg >/dev/null ||
	die "lvs --nolocking waited for the lock"
"$hold" /run/lock/plvm/V_$vg timeout 20 "$P/lvs" --readonly $vg >/dev/null ||
	die "lvs --readonly waited for the lock"
"$hold" /run/lock/plvm/V_$vg timeout 20 "$P/lvcreate" --nolocking -an -l 1 -n f $vg ||
	die "lvcreate --nolocking waited for the lock"
"$P/lvs" $vg/f >/dev/null
