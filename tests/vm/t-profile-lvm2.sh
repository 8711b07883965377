#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --commandprofile beside LVM2 2.03.16 (run with --with-lvm2): the same
# profile files in LVM2's profile directory and in plvm's
# ($PLVM_SYSTEM_DIR/profile, config/profile_dir); a profile's unit and
# report settings (separator, alignment, headings, prefixes, quotes, binary
# values, default columns and sort keys) change the output of vgs, lvs and
# pvs, --config and the options win over the profile, and a missing, broken or misnamed profile or one with settings a
# command profile may not hold fails the command with LVM2's lines and exit
# code.  Both tools' stdout, stderr and exit codes must be the same.
# --profile is --commandprofile where LVM2 reads it so, and plvm refuses it
# where LVM2 takes a metadata profile; $LVM_COMMAND_PROFILE as LVM2.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 2 32
lvm2_conf
lvm2_dir=$("$LVM" lvmconfig --valuesonly config/profile_dir 2>/dev/null | tr -d '"') || true
lvm2_dir=${lvm2_dir:-/etc/lvm/profile}
for d in "$lvm2_dir" "$PLVM_SYSTEM_DIR/profile"; do
	mkdir -p "$d"
	printf 'global {\n\tunits="k"\n\tsuffix=0\n}\n' >"$d/units.profile"
	printf 'report {\n\tseparator=":"\n\theadings=0\n\tlvs_cols="lv_name,lv_size"\n' >"$d/rep.profile"
	printf '\tvgs_cols="vg_name,vg_free"\n\tpvs_sort="-pv_name"\n}\n' >>"$d/rep.profile"
	printf 'report {\n\tprefixes=1\n\tquoted=0\n}\n' >"$d/prefix.profile"
	printf 'report {\n\taligned=0\n\tseparator="|"\n\tbinary_values_as_numeric=1\n}\n' >"$d/bin.profile"
	printf 'global {\n\tumask=077\n}\n' >"$d/umask.profile"
	printf 'devices {\n\tscan=["/dev"]\n}\n' >"$d/devices.profile"
	printf 'allocation {\n\tthin_pool_zero=0\n}\n' >"$d/meta.profile"
	printf 'report {\n\tseparator=":"\n' >"$d/broken.profile"
done
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" >/dev/null
"$P/lvcreate" -an -l 3 -n a $vg >/dev/null

MASK_LVM2=$lvm2_dir MASK_PLVM=$PLVM_SYSTEM_DIR/profile
while IFS= read -r line; do
	read -r -a c <<<"$line"
	compare_tools "${c[@]}"
done <<EOF2
vgs --commandprofile units $vg
lvs --commandprofile units $vg
pvs --commandprofile units $dev1
vgs --commandprofile units --config global/units=s $vg
lvs --commandprofile units --units m -o lv_name,lv_size $vg
lvs --commandprofile=units -o lv_name,lv_size $vg
lvs --commandprofile rep $vg
lvs --commandprofile rep -o +lv_attr $vg
lvs --commandprofile rep --separator , $vg
lvs --commandprofile prefix --nameprefixes -o lv_name,lv_size $vg
vgs --commandprofile rep $vg
pvs --commandprofile rep
pvs --commandprofile rep -O pv_name
lvs --commandprofile prefix -o lv_name,lv_size $vg
lvs --commandprofile prefix --unquoted -o lv_name $vg
lvs --commandprofile bin -o lv_name,lv_suspended,lv_active_locally $vg
lvs --commandprofile bin --aligned -o lv_name,lv_size $vg
lvs --config report/separator=":" -o lv_name,lv_size $vg
lvs --config report/lvs_sort="-lv_name" --config report/lvs_cols="lv_name" $vg
vgs --commandprofile nosuch $vg
vgs --commandprofile umask $vg
vgs --commandprofile devices $vg
vgs --commandprofile meta $vg
vgs --commandprofile broken $vg
vgs --commandprofile a/b $vg
lvchange --commandprofile nosuch --addtag t $vg/a
pvs --profile units $dev1
lvs --profile rep $vg
vgs --profile units --commandprofile units $vg
EOF2
echo "$COMPARED command lines, $DIFFERED differ"
((DIFFERED == 0)) || die "$DIFFERED command lines differ from LVM2"
assert_eq "" "$("$P/lvs" --noheadings -o lv_tags $vg/a | tr -d ' ')" "no tag after the failed lvchange"
# the profile named by $LVM_COMMAND_PROFILE, unless the command line names one
assert_eq "$(LVM_COMMAND_PROFILE=units "$LVM" lvs $vg 2>&1)" "$(LVM_COMMAND_PROFILE=units "$P/lvs" $vg 2>&1)" \
	"lvs with LVM_COMMAND_PROFILE"
assert_eq "$(LVM_COMMAND_PROFILE=units "$LVM" lvs --commandprofile rep $vg 2>&1)" \
	"$(LVM_COMMAND_PROFILE=units "$P/lvs" --commandprofile rep $vg 2>&1)" "the option wins over the variable"
# where LVM2 reads --profile as a metadata profile plvm refuses it
err_has 5 "Metadata profiles \(--profile of this command\) are not supported by plvm." \
	"$P/lvcreate" --profile units -l 1 -n b $vg
assert_eq "" "$("$P/lvs" --noheadings -o lv_name $vg/b 2>/dev/null || true)" "no LV made"
"$P/vgremove" -f $vg >/dev/null
