#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Thin pools shared with LVM2 (run with --with-lvm2): LVM2 activates a pool
# and thin LV plvm made, reads their data, adds a thin LV and a snapshot;
# plvm activates what LVM2 left, with its data; a pending create message
# (written as LVM2 writes it) is sent by LVM2 when plvm left it and by
# plvm when LVM2's metadata has it, the kernel's transaction id following.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"
need_target thin-pool
need_cmd thin_check

prepare_pvs 3 40
lvm2_conf

md5() { dev_md5 "/dev/mapper/$vg-$1"; }
tid() { dmsetup status "$vg-pool-tpool" | awk '{ print $4 }'; }
lvm2_field() { "$LVM" lvs --noheadings -o "$2" "$vg/$1" | tr -d ' '; }

# pending_create FILE NEWLV ID: the metadata in FILE with a thin LV NEWLV
# (device ID) waiting in the pool's queue, the pool's transaction id raised
# (a message already sent but still written, as LVM2 leaves it after an
# activation, is dropped)
pending_create() {
	local f=$1 lv=$2 id=$3 t
	t=$(awk '$1 == "pool" && $2 == "{" { p = 1 } p && $1 == "transaction_id" { print $3; exit }' "$f")
	awk -v lv="$lv" -v id="$id" -v t="$t" '
	skip { if ($0 ~ /}/) skip = 0; next }
	$1 ~ /^message[0-9]+$/ && $2 == "{" { skip = 1; next }
	$1 == "pool" && $2 == "{" { p = 1 }
	p && $1 == "transaction_id" { print "transaction_id = " t + 1; next }
	p && $1 == "zero_new_blocks" { print; print "message1 {"; print "create = \"" lv "\""; print "}"; p = 0; next }
	$1 == "logical_volumes" && $2 == "{" { print; print lv " {";
		print "id = \"abcdef-ghij-klmn-opqr-stuv-wxyz-0123" id "\"";
		print "status = [\"READ\", \"WRITE\", \"VISIBLE\"]"; print "flags = []";
		print "segment_count = 1"; print "segment1 {"; print "start_extent = 0";
		print "extent_count = 16"; print "type = \"thin\""; print "thin_pool = \"pool\"";
		print "transaction_id = " t; print "device_id = " id; print "}"; print "}"; next }
	{ print }' "$f" >"$f.new"
}

# ---- plvm makes, LVM2 uses
"$P/vgcreate" -s 512k $vg "${DEVICES[@]}"
"$P/lvcreate" -T $vg/pool -L 8M -V 16M -n t1
fill_dev /dev/mapper/$vg-t1
s1=$(md5 t1)
"$P/vgchange" -an $vg
"$LVM" vgck $vg
assert_eq "pool" "$(lvm2_field t1 pool_lv)" "LVM2's pool_lv of t1"
"$LVM" vgchange -ay $vg
assert_eq "$s1" "$(md5 t1)" "t1 read by LVM2"
"$LVM" lvcreate -V 8M --thinpool pool $vg -n t2
"$LVM" lvcreate -s $vg/t1 -n s1
fill_dev /dev/mapper/$vg-t2
s2=$(md5 t2)
"$LVM" vgchange -an $vg

# ---- LVM2 made, plvm uses
"$P/vgchange" -ay $vg
assert_eq "$s1" "$(md5 t1)" "t1 read by plvm"
assert_eq "$s2" "$(md5 t2)" "t2 (LVM2's) read by plvm"
assert_eq "t1" "$("$P/lvs" --noheadings -o origin $vg/s1 | tr -d ' ')" "s1's origin"
assert_eq "Vwi---tz-k" "$("$P/lvs" --noheadings -o lv_attr $vg/s1 | tr -d ' ')" "s1 skipped"
assert_eq "$(lvm2_field pool transaction_id)" "$(tid)" "kernel and metadata transaction ids"
"$P/vgchange" -an $vg

# ---- a pending message plvm left, sent by LVM2
"$P/vgcfgbackup" -f /tmp/m.vg $vg
pending_create /tmp/m.vg t3 10
"$P/vgcfgrestore" -f /tmp/m.vg.new $vg
assert_match 'message1' "$(meta $vg)" "the pending message"
"$LVM" vgchange -ay $vg
assert_eq "$("$LVM" lvs --noheadings -o transaction_id $vg/pool | tr -d ' ')" "$(tid)" "LVM2 sent it"
dmsetup info "$vg-t3" >/dev/null || die "LVM2 did not activate t3"
"$LVM" vgchange -an $vg

# ---- a pending message in LVM2's metadata, sent by plvm
"$LVM" vgcfgbackup -f /tmp/n.vg $vg
pending_create /tmp/n.vg t4 11
"$LVM" vgcfgrestore --force --yes -f /tmp/n.vg.new $vg
"$P/vgchange" -ay $vg
assert_eq "$("$P/lvs" --noheadings -o transaction_id $vg/pool | tr -d ' ')" "$(tid)" "plvm sent it"
assert_eq "11" "$("$P/lvs" --noheadings -o thin_id $vg/t4 | tr -d ' ')" "t4's id"
dmsetup info "$vg-t4" >/dev/null || die "plvm did not activate t4"
# activation writes nothing (as LVM2): the next command that writes drops
# the message the kernel has, and queues and sends its own
"$P/lvcreate" -V 4M --thinpool pool $vg -n t5
if [[ $(meta $vg) =~ message1 ]]; then die "a message is still queued"; fi
assert_eq "$("$P/lvs" --noheadings -o transaction_id $vg/pool | tr -d ' ')" "$(tid)" "after t5"
fill_dev /dev/mapper/$vg-t4
assert_eq "$s1" "$(md5 t1)" "t1 at the end"
"$P/vgchange" -an $vg
"$LVM" vgck $vg
"$P/vgremove" -ff $vg
