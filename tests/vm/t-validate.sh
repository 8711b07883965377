#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Broken VGs are never used (core/validate.c), end to end:
#  - metadata on the disks damaged so that two LVs share a name: vgs, lvs,
#    pvs and vgck exit 5 saying so, nothing activates, no command writes (the
#    PVs read the same before and after), and vgcfgrestore of a good backup
#    brings both LVs back with their data;
#  - vgcfgrestore -f of a file whose two LVs share extents: exit 5, the
#    metadata on disk unchanged (and the PVs too);
#  - vgcfgrestore -f of a file nested 100,000 sections deep: exit 5, no
#    crash.
# Needs PLVM_BUILDDIR (tests/vm/run --builddir) for tests/vm/mdadrv, which
# puts a damaged text on a PV as no plvm command would.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

drv=${PLVM_BUILDDIR:-}/tests/vm/mdadrv
[[ -n ${PLVM_BUILDDIR:-} && -x $drv ]] || skip "no PLVM_BUILDDIR with tests/vm/mdadrv"

# the md5 of every test PV, one a line
pv_sums() {
	local d
	for d in "${DEVICES[@]}"; do dev_md5 "$d"; done
}

prepare_pvs 2 16
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/lvcreate" -l 4 -n lv1 $vg "$dev1"
"$P/lvcreate" -l 4 -n lv2 $vg "$dev1"
fill_dev /dev/mapper/$vg-lv1
fill_dev /dev/mapper/$vg-lv2
sum1=$(dev_md5 /dev/mapper/$vg-lv1)
sum2=$(dev_md5 /dev/mapper/$vg-lv2)
"$P/vgchange" -an $vg
"$P/vgcfgbackup" -f /tmp/good.vg $vg
grep -q '"pv0", 4 ]' /tmp/good.vg || die "lv2 is not at extent 4 of pv0: $(cat /tmp/good.vg)"

# ---- a backup whose LVs share extents (lv2 moved onto lv1's extents 2-3)
sed 's/"pv0", 4 ]/"pv0", 2 ]/' /tmp/good.vg >/tmp/shared.vg
before=$(pv_sums)
meta_before=$(meta $vg)
err_has 5 'PV pv0 extents 2-3 are used twice: by LV lv1 segment 1 area 0 and by LV lv2' \
	"$P/vgcfgrestore" -f /tmp/shared.vg $vg
assert_eq "$meta_before" "$(meta $vg)" "metadata after restoring shared extents"
assert_eq "$before" "$(pv_sums)" "PVs after restoring shared extents"

# ---- a backup nested 100,000 sections deep
awk '{ print } /^\tseqno = / {
	o = "x {"; c = "}"
	while (length(c) < 100000) { o = o o; c = c c }
	print "\t" substr(o, 1, 300000) substr(c, 1, 100000)
}' /tmp/good.vg >/tmp/deep.vg
err_has 5 'sections nest more than 32 deep' "$P/vgcfgrestore" -f /tmp/deep.vg $vg
assert_eq "$before" "$(pv_sums)" "PVs after restoring a deep file"

# ---- on-disk metadata where lv2 is also called lv1
seq=$(meta_field $vg seqno)
sed -e 's/^\t\tlv2 {/\t\tlv1 {/' -e "s/^\tseqno = $seq\$/\tseqno = $((seq + 1))/" \
	/tmp/good.vg >/tmp/dup.vg
grep -c '^		lv1 {' /tmp/dup.vg | grep -qx 2 || die "no second lv1 in /tmp/dup.vg"
"$drv" put "$dev1" /tmp/dup.vg
"$drv" put "$dev2" /tmp/dup.vg
before=$(pv_sums)
why='"lv1" appears twice in '$vg'/logical_volumes'
err_has 5 "$why" "$P/vgs" $vg
err_has 5 "$why" "$P/vgs"
err_has 5 "$why" "$P/lvs" $vg
err_has 5 "$why" "$P/lvs"
err_has 5 "$why" "$P/pvs"
err_has 5 "$why" "$P/vgck" $vg
err_has 5 "$why" "$P/lvchange" -ay $vg/lv1
err_has 5 "$why" "$P/vgchange" -ay $vg
dm_absent $vg-lv1
dm_absent $vg-lv2
err_has 5 "$why" "$P/lvcreate" -Zn -l 2 -n new $vg
err_has 5 "$why" "$P/lvremove" -f $vg/lv1
assert_eq "$before" "$(pv_sums)" "PVs after the commands on the damaged VG"

# the good backup repairs it: both LVs as they were
out_has "Restored volume group $vg." "$P/vgcfgrestore" -f /tmp/good.vg $vg
"$P/vgck" $vg
"$P/vgchange" -ay $vg
assert_eq "$sum1" "$(dev_md5 /dev/mapper/$vg-lv1)" "data of lv1"
assert_eq "$sum2" "$(dev_md5 /dev/mapper/$vg-lv2)" "data of lv2"
"$P/vgremove" -ff $vg
