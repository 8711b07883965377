#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# -S|--select and pvs -a against LVM2 2.03.16 on the same VG.  pvs -a (and
# pvdisplay -C -a) list a device that is no PV as LVM2 does; lvdisplay and
# vgdisplay -S show what the selection picks; each selection
# of select-cases.txt gives LVM2's rows, or LVM2's refusal (its messages
# and exit code; the field and operator lists LVM2 prints before the error
# are left out).  Then lvchange, lvremove and vgchange -S act on what the
# selection picks.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"

prepare_pvs 5 20
lvm2_conf
export LVM_SUPPRESS_FD_WARNINGS=1

"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev3"
"$P/pvcreate" "$dev4"
"$P/lvcreate" -an -l 3 -n lin --addtag t1 $vg "$dev1"
"$P/lvcreate" -an -i 2 -l 4 -n str $vg "$dev1" "$dev2"
"$P/lvcreate" -an -l 5 -n tagged --addtag t1 --addtag t2 $vg
"$P/vgchange" --addtag vgt $vg

# ran CMD...: its output (both streams), then "exit N"
ran() { local rc=0; "$@" 2>&1 || rc=$?; echo "exit $rc"; }

bad=0
# pvs -a: dev5 is no PV
for cmd in "pvs -a" "pvs -a --segments" "pvdisplay -C -a" "pvdisplay -a" "pvs -a $dev5" \
	"pvs -a -o pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,dev_size,pv_uuid,pe_start,pv_mda_count,pv_pe_count,pv_in_use" \
	"pvs -a --binary -o pv_name,pv_in_use,pv_allocatable" \
	"lvdisplay -S lv_tags=t1 $vg" "lvdisplay -c -S stripes=2" "vgdisplay -S vg_name=nomatch" \
	"vgdisplay -s -S vg_tags=vgt" "lvs -o+selected -S lv_name=str" \
	"lvs --reportformat json -o lv_name,selected -S lv_tags=t1" "lvs -O -selected -o lv_name,selected -S stripes=2" \
	"lvs --segments -o lv_name,selected,seg_size -S seg_size<4m"; do
	read -r -a c <<<"$cmd"
	want=$(ran "$LVM" "${c[@]}")
	got=$(ran "$P/${c[0]}" "${c[@]:1}")
	[[ $want == "$got" ]] && continue
	bad=$((bad + 1))
	echo "DIFF: $cmd"
	diff <(echo "$want") <(echo "$got") || true
done
grep -q "$dev5" <<<"$("$P/pvs" -a)" || die "pvs -a does not list $dev5"

# pvchange -S: the same PVs changed, the same lines and exit code
reset_pvs() { "$P/pvchange" -q --deltag sx -xy "$dev1" "$dev2" "$dev3" >/dev/null; }
pv_state() { "$P/pvs" --noheadings -o pv_name,pv_tags,pv_attr "$dev1" "$dev2" "$dev3" "$dev4"; }
for args in "--addtag sx -S pv_size>10m" "--addtag sx -S vg_name=$vg" "--addtag sx -S pv_name=~pv2\$" \
	"--addtag sx -S pv_name=nomatch" "--addtag sx -S vg_name=$vg $dev1 $dev4" "-xn -S pv_name=~pv3\$" \
	"--addtag sx -S pv_free<5m"; do
	read -r -a c <<<"$args"
	# (the test's lvm.conf keeps LVM2 from writing backups, and it says so)
	want=$(ran "$LVM" pvchange "${c[@]}" | grep -v "metadata update is NOT backed up"; pv_state)
	reset_pvs
	got=$(ran "$P/pvchange" "${c[@]}"; pv_state)
	reset_pvs
	[[ $want == "$got" ]] && continue
	bad=$((bad + 1))
	echo "DIFF: pvchange $args"
	diff <(echo "$want") <(echo "$got") || true
done

same=0
HELP='^(    .*|  [A-Z][A-Za-z ]+ Fields|  -+|  (Selection operands|Reserved values|Selection operators)| *)$'
while IFS= read -r line; do
	[[ -z $line || $line == \#* ]] && continue
	read -r cmd cols sel <<<"$line"
	want=$(ran "$LVM" "$cmd" --noheadings -o "$cols" -S "$sel")
	got=$(ran "$P/$cmd" --noheadings -o "$cols" -S "$sel")
	want=$(grep -vE "$HELP" <<<"$want" || true)
	if [[ $want == "$got" ]]; then
		same=$((same + 1))
		continue
	fi
	bad=$((bad + 1))
	echo "DIFF: $cmd -o $cols -S '$sel'"
	echo "  LVM2: $(tr '\n' '#' <<<"$want")"
	echo "  plvm: $(tr '\n' '#' <<<"$got")"
done <"$PLVM_VMTESTS/select-cases.txt"
echo "$same selections as LVM2's, $bad differences"
((same > 40)) || die "only $same selections compared equal: the comparison itself is broken"
((bad == 0)) || die "$bad differences from LVM2"

# lvchange, lvremove and vgchange -S act on what the selection picks, in
# every VG when none is named; a selection picking nothing is no error
active() { "$P/lvs" --noheadings -o lv_active "$vg/$1" | tr -d ' '; }
"$P/lvchange" -ay -S 'lv_name=str && stripes=2'
[[ $(active str) == active && -z $(active lin) ]] || die "lvchange -ay -S: str $(active str), lin $(active lin)"
"$P/lvchange" -an -S 'lv_name=~^st' $vg
[[ -z $(active str) ]] || die "lvchange -an -S VG did not deactivate str"
"$P/lvremove" -y -S 'lv_name=nomatch'
"$P/lvremove" -y -S 'lv_tags={t2}'
[[ -z $("$P/lvs" --noheadings -o lv_name -S 'lv_name=tagged') ]] || die "lvremove -S left tagged"
[[ -n $("$P/lvs" --noheadings -o lv_name -S 'lv_name=lin') ]] || die "lvremove -S removed lin"
err_has 5 'Unrecognised selection field: bogus' "$P/lvremove" -y -S 'bogus=1'
"$P/vgchange" -ay -S 'vg_name=nomatch'
[[ -z $(active lin) ]] || die "vgchange -S of nothing activated lin"
"$P/vgchange" -ay -S "vg_tags=vgt && lv_count>1"
[[ $(active lin) == active && $(active str) == active ]] || die "vgchange -ay -S left LVs inactive"
"$P/vgremove" -ff $vg
