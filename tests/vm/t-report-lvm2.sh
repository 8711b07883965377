#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every report field LVM2 2.03.16 lists (lvs/pvs -o help) asked of plvm and
# of LVM2 on the same VG: linear, striped, raid1, a thin pool with a thin
# LV, a COW snapshot, an orphan PV.  Each field's column (all rows, lvs -a,
# --segments for segment fields) must be LVM2's, byte for byte, unless the
# field is in report-lvm2-allow.txt with the reason it still differs.
# Then the raid fields of raid0/1/4/5/10 LVs (write-mostly, write-behind,
# recovery rates, a finished check) in --reportformat json, as LVM2's.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"
need_target raid
need_target thin-pool
need_target snapshot

prepare_pvs 4 40
lvm2_conf
ALLOW=$PLVM_VMTESTS/report-lvm2-allow.txt
export LVM_SUPPRESS_FD_WARNINGS=1	# the field list comes through a pipe
[[ -f $ALLOW ]] || die "no $ALLOW"

"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev3"
"$P/pvcreate" "$dev4"
"$P/lvcreate" -l 3 -n lin $vg "$dev1"
"$P/lvcreate" -an -i 2 -l 4 -n str $vg "$dev1" "$dev2"
"$P/lvcreate" --type raid1 -m 1 -l 2 -n r1 $vg "$dev2" "$dev3"
"$P/lvcreate" -T $vg/pool -l 8
"$P/lvcreate" -V 4m -T $vg/pool -n thin
"$P/lvcreate" -s -l 2 -n snap $vg/lin
"$P/lvchange" --addtag t1 $vg/lin
# the raid1 in sync, so both tools see the same status
wait_sync() { [[ $("$P/lvs" --noheadings -o sync_percent $vg/r1 | tr -d ' ') == 100.00 ]]; }
for _ in $(seq 100); do wait_sync && break; sleep 0.2; done
wait_sync || die "raid1 not in sync"

# group|field lines of LVM2's field lists
fields() {
	"$LVM" "$1" -o help 2>&1 |
		awk '/Fields$/ { sub(/^ +/, ""); g = $0; next }
		     /^    [a-z_]+ +-/ { print g "|" $1 }'
}

allowed() { awk -v f="$1" '$1 == f { found = 1 } END { exit !found }' "$ALLOW"; }

bad=0 same=0 listed_ok=0
while IFS='|' read -r grp f; do
	case $f in *_all|help) continue ;; esac
	case $grp in
	"Physical Volume Segment"*) cmd=(pvs --segments) ;;
	"Physical Volume"*) cmd=(pvs) ;;
	"Volume Group"*) cmd=(vgs) ;;
	"Logical Volume Segment"*) cmd=(lvs -a --segments) ;;
	*) cmd=(lvs -a) ;;
	esac
	wrc=0 grc=0
	want=$("$LVM" "${cmd[@]}" --noheadings --separator '|' -o "$f" 2>&1) || wrc=$?
	got=$("$P/${cmd[0]}" "${cmd[@]:1}" --noheadings --separator '|' -o "$f" 2>&1) || grc=$?
	if [[ $want == "$got" && $wrc == "$grc" ]]; then
		same=$((same + 1))
		! allowed "$f" || { echo "NOTE: $f now matches LVM2: drop it from the allow-list"; listed_ok=$((listed_ok + 1)); }
		continue
	fi
	allowed "$f" && continue
	bad=$((bad + 1))
	echo "DIFF: ${cmd[*]} -o $f (LVM2 exit $wrc, plvm exit $grc)"
	echo "  LVM2: $(tr '\n' '#' <<<"$want")"
	echo "  plvm: $(tr '\n' '#' <<<"$got")"
done < <(fields lvs; fields pvs | grep -v '^Logical')
# whole reports: default columns, PV segments, sorting
for cmd in "pvs --segments" "pvs --segments -O -pvseg_size" "pvs -o pv_name,pvseg_start,pvseg_size" \
	"pvs -o pv_name,pv_mda_size" "vgs -o vg_name,vg_mda_size,vg_mda_copies"; do
	read -r -a c <<<"$cmd"
	want=$("$LVM" "${c[@]}" 2>&1) || true
	got=$("$P/${c[0]}" "${c[@]:1}" 2>&1) || true
	[[ $want == "$got" ]] && continue
	bad=$((bad + 1))
	echo "DIFF: $cmd"
	diff <(echo "$want") <(echo "$got") || true
done
echo "$same fields as LVM2's, $bad differ unexpectedly, $listed_ok listed but matching"
((same > 150)) || die "only $same fields compared equal: the comparison itself is broken"
((bad == 0)) || die "$bad report fields differ from LVM2's"
# vgremove -ff takes every device down, a thin pool's after its thin LV's
"$P/vgremove" -ff $vg
left=$(dmsetup ls | awk -v p="$vg-" 'index($1, p) == 1 { print $1 }')
[[ -z $left ]] || die "vgremove -ff left devices: $left"

# ---- the raid fields in JSON, every level, as LVM2 writes them
"$P/vgcreate" -s 1m $vg1 "$dev1" "$dev2" "$dev3" "$dev4"
"$P/lvcreate" --type raid1 -m 2 -l 2 -R 512k --minrecoveryrate 64 --maxrecoveryrate 2048 -n m3 $vg1
"$P/lvchange" --writemostly "$dev2" --writebehind 128 $vg1/m3
"$P/lvcreate" --type raid5 -i 2 -I 32k -l 4 -n p5 $vg1
"$P/lvcreate" --type raid10 -i 2 -l 4 -n t10 $vg1
"$P/lvcreate" --type raid0 -i 3 -l 3 -n z0 $vg1
"$P/lvcreate" --type raid4 -i 3 -l 3 -n q4 $vg1
for lv in m3 p5 t10 q4; do
	for _ in $(seq 200); do
		[[ $("$P/lvs" --noheadings -o sync_percent $vg1/$lv | tr -d ' ') == 100.00 ]] && break
		sleep 0.2
	done
done
"$P/lvchange" --syncaction check $vg1/p5
for _ in $(seq 200); do
	[[ $("$P/lvs" --noheadings -o raid_sync_action $vg1/p5 | tr -d ' ') == idle ]] && break
	sleep 0.2
done
rf=lv_name,lv_attr,segtype,copy_percent,sync_percent,raid_sync_action,raid_mismatch_count
rf+=,raid_write_behind,raid_min_recovery_rate,raid_max_recovery_rate,region_size,stripes
rf+=,stripe_size,lv_health_status,data_copies,lv_layout,devices
for args in "-a" "-a --segments" "-a --units b --nosuffix"; do
	# shellcheck disable=SC2086
	want=$("$LVM" lvs $args --reportformat json -o $rf $vg1 2>&1)
	# shellcheck disable=SC2086
	got=$("$P/lvs" $args --reportformat json -o $rf $vg1 2>&1)
	assert_match '"raid_write_behind":"128"' "$want" "LVM2's report has the write-behind"
	[[ $want == "$got" ]] || { diff <(echo "$want") <(echo "$got") || true; die "JSON raid report ($args) differs"; }
done
"$P/vgremove" -ff $vg1
