#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Thin LVs on an external origin (LVM2 makes them, run with --with-lvm2):
# plvm reads the origin's data through them (md5sum), loads the tables
# LVM2 loads (the origin read-only as vg-eo-real, no device of its own
# name), shows the same lvs lines, deactivates the VG, keeps
# external_origin in the metadata it writes (LVM2 reads its data back),
# and asks before it removes an origin with the thin LVs that read it.
# Both tools make them (lvconvert --thin, lvcreate -s --thinpool) and
# remove them with the same output.
# Read-only LVs (-pr) as LVM2 loads them: the LV's device read-only, a
# snapshot's COW and a thin LV's pool writable, lvchange -pr/-prw reloaded.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool
need_cmd thin_check

prepare_pvs 2 64
lvm2_conf

F=lv_name,lv_attr,origin,segtype,pool_lv
# tables: the VG's device tables with device numbers left out
tables() { dmsetup table | grep "^$vg-" | sed -E 's/ [0-9]+:[0-9]+/ DEV/g' | sort; }
ro() { dmsetup info -c --noheadings -o attr "$vg-$1" | cut -c4; }

# ---- external origins, made by LVM2
"$LVM" vgcreate -q $vg "$dev1" "$dev2" >/dev/null
"$LVM" lvcreate -q -L 16m -T $vg/pool >/dev/null
"$LVM" lvcreate -q -L 8m -n lin $vg >/dev/null
fill_dev /dev/$vg/lin
sum_eo=$(dev_md5 /dev/$vg/lin)
"$LVM" lvconvert -y --thin --thinpool $vg/pool $vg/lin --originname eo >/dev/null
"$LVM" lvchange -ay $vg/lin
dd if=/dev/urandom of=/dev/$vg/lin bs=4k count=3 seek=100 conv=fsync 2>/dev/null
sum_lin=$(dev_md5 /dev/$vg/lin)
[[ $sum_lin != "$sum_eo" ]] || die "the write to lin changed nothing"
# what LVM2 shows and loads for lin activated alone
"$LVM" vgchange -an $vg >/dev/null
"$LVM" lvchange -ay $vg/lin
want_tables=$(tables)
want_active=$("$LVM" lvs -a -o $F $vg)
"$LVM" vgchange -an $vg >/dev/null
want_lvs=$("$LVM" lvs -a -o $F $vg)

assert_eq "$want_lvs" "$("$P/lvs" -a -o $F $vg)" "plvm's lvs of an inactive external origin"
"$P/lvchange" -ay $vg/lin
assert_eq "$sum_lin" "$(dev_md5 /dev/$vg/lin)" "md5 of lin read by plvm"
assert_eq "$want_tables" "$(tables)" "plvm's tables of lin"
assert_eq r "$(ro eo-real)" "the external origin's device read-only"
dm_absent $vg-eo
[[ ! -L /dev/$vg/eo ]] || die "a link /dev/$vg/eo for an origin with no device of its name"
assert_eq "$want_active" "$("$P/lvs" -a -o $F $vg)" "plvm's lvs (with lin active)"
"$P/lvs" -a -o $F $vg | grep -qE '^  eo +ori------- +linear' ||
	die "eo shown active or not as an origin"
rc=0
out=$(echo n | "$P/lvremove" $vg/eo 2>&1) || rc=$?
assert_eq 5 "$rc" "lvremove of eo answered n"
[[ $out == *"Removing external origin $vg/eo will remove 1 dependent volume(s)."* ]] ||
	die "no question before removing eo: $out"
"$P/lvcreate" -an -L 4m -n other $vg
"$P/vgchange" -an $vg
dm_absent $vg-eo-real
"$P/vgcfgbackup" -f /tmp/ext.vg $vg >/dev/null
grep -q 'external_origin = "eo"' /tmp/ext.vg || die "external_origin lost in plvm's write"
assert_ok "$LVM" vgck $vg
"$LVM" lvchange -ay $vg/lin
assert_eq "$sum_lin" "$(dev_md5 /dev/$vg/lin)" "md5 of lin read by LVM2 after plvm's write"
"$LVM" vgchange -an $vg >/dev/null
"$P/vgremove" -ff $vg >/dev/null

# ---- external origins made by each tool: lvconvert --thin of an active
# LV (its name and id go to the thin LV, its data stays readable through
# it), lvcreate -s --thinpool of a read-only LV, and their refusals
c() { record "$@" </dev/null | mask_uuids >>"$LOG"; }
dd if=/dev/urandom of=/tmp/data bs=1M count=8 2>/dev/null
made() {
	TOOL=$1 LOG=/tmp/made.$1
	: >"$LOG"
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -L 16m -T $vg/pool
	q lvcreate -L 8m -n lin $vg
	q lvcreate -L 8m -n l2 $vg
	dd if=/tmp/data of=/dev/$vg/lin bs=1M conv=fsync 2>/dev/null
	uuid=$(tool lvs --noheadings -o lv_uuid $vg/lin | tr -d ' ')
	c lvconvert --thin --thinpool $vg/pool $vg/lin --originname eo
	c lvconvert --thin --thinpool $vg/pool $vg/l2 --originname eo
	c lvconvert --thin --thinpool $vg/pool $vg/pool
	c lvs -a -o $F,lv_size $vg
	echo "## same uuid: $([[ $(tool lvs --noheadings -o lv_uuid $vg/lin | tr -d ' ') = "$uuid" ]] &&
		echo yes)" >>"$LOG"
	q lvchange -ay $vg/lin
	echo "## lin reads the data: $(cmp -s /tmp/data /dev/$vg/lin && echo yes)" >>"$LOG"
	c lvcreate -s $vg/l2 --thinpool $vg/pool -n ts
	q lvchange -an $vg/l2
	q lvchange -pr $vg/l2
	c lvcreate -s $vg/l2 --thinpool $vg/pool -n ts
	c lvcreate -s $vg/l2 --thinpool $vg/pool -n ts2
	c lvs -a -o $F $vg
	tables >>"$LOG"
	c lvremove $vg/l2
	c lvremove -f $vg/l2
	c lvs -a -o $F $vg
	q vgchange -an $vg
	q vgremove -ff $vg
}
made lvm2
made plvm
diff -u /tmp/made.lvm2 /tmp/made.plvm || die "plvm's external origins differ from LVM2's"
grep -q "^## lin reads the data: yes" /tmp/made.plvm || die "lin lost its data"
grep -q "^## same uuid: yes" /tmp/made.plvm || die "lin did not keep its uuid"
grep -q "Converted $vg/lin to thin volume with external origin $vg/eo." /tmp/made.plvm ||
	die "no conversion"
grep -qE '^  ts2 +Vwi-a-tz-- +l2 ' /tmp/made.plvm || die "no second thin LV on l2"
grep -q 'Logical volume "ts2" successfully removed.' /tmp/made.plvm ||
	die "ts2 not removed with its origin"

# ---- read-only LVs: each tool's devices
perms() {
	local t=$1 X=("${@:2}") d
	"${X[@]}" vgcreate -q $vg "$dev1" "$dev2" >/dev/null
	"${X[@]}" lvcreate -q -L 4m -pr -n ro $vg >/dev/null 2>&1
	"${X[@]}" lvcreate -q -L 4m -n o $vg >/dev/null
	"${X[@]}" lvcreate -q -s -pr -L 4m -n s $vg/o >/dev/null
	"${X[@]}" lvcreate -q -T -L 8m $vg/pool -V 8m -n th -pr >/dev/null 2>&1
	"${X[@]}" lvcreate -q -L 4m -n w $vg >/dev/null
	"${X[@]}" lvchange -pr $vg/w >/dev/null
	"${X[@]}" lvchange -prw $vg/ro >/dev/null
	for d in ro o s s-cow th pool pool-tpool w; do
		echo "$d $(ro $d)"
	done >/tmp/perm.$t
	"${X[@]}" lvs -a -o lv_name,lv_attr $vg >>/tmp/perm.$t
	"${X[@]}" vgchange -an $vg >/dev/null
	"${X[@]}" vgremove -ff $vg >/dev/null
}
[[ ! -e /dev/$vg ]] || die "/dev/$vg left behind: $(ls /dev/$vg)"
perms lvm2 "$LVM"
perms plvm "$P/lvm"
diff -u /tmp/perm.lvm2 /tmp/perm.plvm || die "read-only devices differ from LVM2"
grep -q '^ro w$' /tmp/perm.plvm && grep -q '^w r$' /tmp/perm.plvm &&
	grep -q '^th r$' /tmp/perm.plvm && grep -q '^s-cow w$' /tmp/perm.plvm ||
	die "not the read-only devices expected: $(cat /tmp/perm.plvm)"
