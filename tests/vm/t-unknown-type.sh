#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A VG whose metadata names a segment type no loaded plugin provides: with
# the mirror plugin disabled, the VG still reads, its other LVs work, the
# mirror LV refuses to activate and says why, the LVs its section names
# are not removed, and a metadata write keeps its section as it was.  With the plugin back, the mirror works again and
# its data is intact.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target mirror
prepare_pvs 4 16
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
"$P/lvcreate" -l 4 -n lin $vg "$dev1"
"$P/lvcreate" --type mirror -m 1 --mirrorlog core -l 4 -n mir $vg "$dev2" "$dev3"
fill_dev /dev/$vg/lin
fill_dev /dev/$vg/mir
for ((i = 0; i < 120; i++)); do
	[[ $("$P/lvs" --noheadings -o copy_percent $vg/mir | tr -d ' ') = 100.00 ]] && break
	sleep 0.5
done
sum_lin=$(dev_md5 /dev/$vg/lin)
sum_mir=$(dev_md5 /dev/$vg/mir)
"$P/vgchange" -an $vg

# the mirror section as written, for comparison after a write without the plugin
section() { "$P/vgcfgbackup" -f /tmp/meta.vg $vg >/dev/null; sed -n '/^\t\tmir {/,/^\t\t}/p' /tmp/meta.vg; }
before=$(section)
[[ -n $before ]] || die "no mir section in the backup"

write_conf 'plugins = { disable = [ "mirror" ]; };'

# reading works; the type is shown by its name
assert_eq mirror "$("$P/lvs" --noheadings -o segtype $vg/mir | tr -d ' ')" "segtype of mir"
"$P/vgs" $vg

# the other LV activates; the mirror does not, and says which type is missing
rc=0
"$P/vgchange" -ay $vg 2>/tmp/err || rc=$?
assert_eq 5 "$rc" "vgchange -ay exit status"
grep -q "mirror" /tmp/err || die "no word of the missing type: $(cat /tmp/err)"
dm_exists $vg-lin
dm_absent $vg-mir
assert_eq "$sum_lin" "$(dev_md5 /dev/$vg/lin)" "md5 of lin"
assert_exit 5 "$P/lvchange" -ay $vg/mir

# the LVs its section names stay (renames: the unit test t_unknown_names_are_uses)
err_has 5 "used by another logical volume" "$P/lvremove" -f $vg/mir_mimage_0
"$P/lvs" -a --noheadings -o lv_name $vg | grep -q 'mir_mimage_0' || die "mir_mimage_0 gone"

# a metadata write keeps the unknown section as it was
"$P/lvcreate" -an -l 2 -n other $vg "$dev4"
after=$(section)
grep -q 'type = "mirror"' <<<"$(sed -n '/^\t\tmir {/,/^\t\t}/p' /tmp/meta.vg)" || die "mirror segment lost"
diff <(echo "$before" | grep -v -e '^\s*seqno' -e creation_time) \
     <(echo "$after" | grep -v -e '^\s*seqno' -e creation_time) ||
	die "the mirror LV's metadata changed while its type was unknown"
"$P/vgchange" -an $vg

# the plugin back: the mirror activates and its data is unchanged
write_conf
"$P/vgchange" -ay $vg
assert_eq "$sum_mir" "$(dev_md5 /dev/$vg/mir)" "md5 of mir"
"$P/vgremove" -ff $vg
