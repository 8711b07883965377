#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# raid1 VGs shared with LVM2 2.03.16 (run with --with-lvm2): LVM2 reads,
# activates (same tables), extends and lists a raid1 LV plvm made, with
# its data intact; plvm reads, activates (same tables), extends, renames
# and removes raid1 LVs LVM2 made.  A write-mostly image and a tracked one
# (--splitmirrors 1 --trackchanges) plvm made: LVM2 shows them as plvm
# does, loads the same table and merges the image back, which plvm reads.
# The striped levels both ways: raid0, raid4, raid5, raid6 and raid10 LVs
# one tool made activate under the other with the same tables and data,
# and an extend by one is read back by the first.  Sizes given in %VG,
# %FREE and %PVS, and roundings: each tool on a fresh VG of the same PVs
# makes the same LV (output, exit code, sub-LVs, sizes and places).
# LVM2 is only called by its explicit path, plvm only through $PLVM_PREFIX.
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

prepare_pvs 6 24
lvm2_conf

# tables VG LV: the tables of LV and its sub-LVs, "name: table", major:minor as names
tables() {
	local name line maps
	maps=$(dmsetup info -c --noheadings -o major,minor,name --separator ' ')
	dmsetup table | grep "^$1-$2[_:]" | sort | while read -r line; do
		for name in $(echo "$line" | grep -oE '[0-9]+:[0-9]+' | sort -u); do
			line=${line//$name/$(echo "$maps" |
				awk -v d="$name" '{ if ($1 ":" $2 == d) print $3 }')}
		done
		echo "$line"
	done
}
lvm2_lvs() { "$LVM" lvs -a --noheadings -o lv_name,lv_attr,segtype,devices --separator ' ' "$1" |
	sed 's/^ *//' | sort; }
plvm_lvs() { "$P/lvs" -a --noheadings -o lv_name,lv_attr,segtype,devices --separator ' ' "$1" |
	sed 's/^ *//' | sort; }
in_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$("$@" | tr -d ' ')
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "not in sync: $pct"
}

# ---- plvm writes, LVM2 reads and changes
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev3"
"$P/lvcreate" -aey --type raid1 -m 1 -l 4 -n r $vg "$dev1" "$dev2"
in_sync "$P/lvs" --noheadings -o copy_percent $vg/r
fill_dev /dev/mapper/$vg-r
sum=$(dev_md5 /dev/mapper/$vg-r)
ours=$(tables $vg r)
"$P/lvchange" -an $vg/r
"$LVM" vgck $vg
assert_eq "$(plvm_lvs $vg | sed 's/-a-//; s/---r/---r/')" "$(lvm2_lvs $vg)" "LVM2's view of plvm's raid1"
"$LVM" lvchange -ay $vg/r
assert_eq "$ours" "$(tables $vg r)" "LVM2's tables of plvm's raid1"
in_sync "$LVM" lvs --noheadings -o copy_percent $vg/r
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r)" "data under LVM2"
"$LVM" lvextend -l +2 $vg/r
"$LVM" lvchange -an $vg/r
"$P/vgck" $vg
"$P/lvchange" -ay $vg/r
assert_eq 6 "$("$P/lvs" --noheadings -o seg_size_pe $vg/r | tr -d ' ')" "size after LVM2's extend"
in_sync "$P/lvs" --noheadings -o copy_percent $vg/r
assert_eq "$sum" "$(dd if=/dev/mapper/$vg-r bs=1M count=4 2>/dev/null | md5sum | cut -d' ' -f1)" \
	"data after LVM2's extend"
assert_eq "$(plvm_lvs $vg)" "$(lvm2_lvs $vg)" "both views of the extended raid1"
"$P/lvchange" -an $vg/r
"$P/vgremove" -f $vg

# ---- a write-mostly image and one split off with --trackchanges, read both ways
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev3"
"$P/lvcreate" -aey --type raid1 -m 2 -l 4 -n t $vg "$dev1" "$dev2" "$dev3"
in_sync "$P/lvs" --noheadings -o copy_percent $vg/t
"$P/lvchange" --writemostly "$dev1" --writebehind 256 $vg/t
"$P/lvconvert" --splitmirrors 1 --trackchanges $vg/t
ours=$(tables $vg t | grep "^$vg-t: ")
assert_match "write_mostly 0 max_write_behind .* - -\$" "$ours" "plvm's table"
"$P/lvchange" -an $vg/t $vg/t_rimage_2
# the metadata device of the tracked slot stays up (LVM2 leaves it too);
# LVM2 then calls it unhealthy: take it down to compare the metadata alone
dmsetup remove $vg-t_rmeta_2
"$LVM" vgck $vg
assert_eq "$(plvm_lvs $vg)" "$(lvm2_lvs $vg)" "LVM2's view of the tracked raid1"
"$LVM" lvchange -ay $vg/t
assert_eq "$ours" "$(tables $vg t | grep "^$vg-t: ")" "LVM2's table of it"
"$LVM" lvconvert --merge $vg/t_rimage_2
"$LVM" lvchange -an $vg/t
"$P/vgck" $vg
assert_eq "$(lvm2_lvs $vg)" "$(plvm_lvs $vg)" "plvm's view after LVM2's merge"
"$P/lvchange" -ay $vg/t
assert_match "raid raid1 7 0 write_mostly 0 max_write_behind [0-9]+ region_size 4096 3 ([0-9]+:[0-9]+ ){5}[0-9]+:[0-9]+ *\$" \
	"$(dmsetup table $vg-t)" "plvm's table after LVM2's merge"
"$P/lvchange" -an $vg/t
"$P/vgremove" -f $vg

# ---- LVM2 writes, plvm reads and changes
"$LVM" pvcreate -y "$dev4"
"$LVM" vgcreate -s 1m $vg1 "$dev1" "$dev2" "$dev3" "$dev4"
"$LVM" lvcreate -aey --type raid1 -m 2 -l 3 -n l3 $vg1
"$LVM" lvcreate -an --type raid1 -m 1 -l 2 -R 512k --minrecoveryrate 64 --maxrecoveryrate 128 -n l2 $vg1
in_sync "$LVM" lvs --noheadings -o copy_percent $vg1/l3
fill_dev /dev/mapper/$vg1-l3
sum=$(dev_md5 /dev/mapper/$vg1-l3)
theirs=$(tables $vg1 l3)
"$LVM" lvchange -an $vg1/l3
"$P/vgck" $vg1
assert_eq "$(lvm2_lvs $vg1)" "$(plvm_lvs $vg1)" "plvm's view of LVM2's raid1"
"$P/vgchange" -ay $vg1
assert_eq "$theirs" "$(tables $vg1 l3)" "plvm's tables of LVM2's raid1"
assert_match "raid raid1 7 0 min_recovery_rate 64 max_recovery_rate 128 region_size 1024 2 " \
	"$(dmsetup table $vg1-l2)" "table of l2"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg1-l3)" "data under plvm"
"$P/lvextend" -l +1 $vg1/l3
"$P/lvrename" $vg1/l2 $vg1/l2b
"$P/vgchange" -an $vg1
"$LVM" vgck $vg1
assert_eq "$(plvm_lvs $vg1)" "$(lvm2_lvs $vg1)" "LVM2's view after plvm's changes"
"$LVM" lvchange -ay $vg1/l3
assert_eq "$sum" "$(dd if=/dev/mapper/$vg1-l3 bs=1M count=3 2>/dev/null | md5sum | cut -d' ' -f1)" \
	"data under LVM2 after plvm's extend"
"$LVM" lvchange -an $vg1/l3
"$P/lvremove" -f $vg1/l2b
"$LVM" vgck $vg1
assert_eq "" "$("$LVM" lvs -a --noheadings -o lv_name $vg1 | grep l2 || true)" "l2b gone for LVM2"
"$P/vgremove" -f $vg1

# ---- striped levels, both ways: same tables, same data, extends read back
# mkset TOOL VG: one LV per level, active, in sync, filled
mkset() {
	local tool=$1 v=$2 t
	for t in "raid0 -i 3 -l 6 -n s0" "raid0_meta -i 2 -l 4 -n s0m" "raid4 -i 2 -l 4 -n s4" \
		 "raid5_ra -i 3 -l 6 -n s5" "raid6_nc -i 3 -l 3 -n s6" "raid6_la_6 -i 3 -l 3 -n s6l" \
		 "raid10 -i 2 -l 4 -n s10"; do
		# shellcheck disable=SC2086
		"$tool" lvcreate -aey --type $t $v >/dev/null
	done
	for t in s4 s5 s6 s6l s10; do
		in_sync "$tool" lvs --noheadings -o copy_percent $v/$t
	done
	for t in s0 s0m s4 s5 s6 s6l s10; do
		fill_dev /dev/mapper/$v-$t
		SUMS[$t]=$(dev_md5 /dev/mapper/$v-$t)
	done
}
# across FROM TO VG: TO activates what FROM made, tables and data alike, then extends s5 and s10
across() {
	local from=$1 to=$2 v=$3 t ours
	ours=$(for t in "${!SUMS[@]}"; do tables $v $t; done | sort)
	"$from" vgchange -an $v >/dev/null
	"$to" vgck $v
	assert_eq "$(plvm_lvs $v)" "$(lvm2_lvs $v)" "both views of the striped levels ($from made them)"
	"$to" vgchange -ay $v >/dev/null
	assert_eq "$ours" "$(for t in "${!SUMS[@]}"; do tables $v $t; done | sort)" \
		"tables of the striped levels under $to"
	for t in "${!SUMS[@]}"; do
		assert_eq "${SUMS[$t]}" "$(dev_md5 /dev/mapper/$v-$t)" "data of $t under $to"
	done
	"$to" lvextend -l +3 $v/s5 >/dev/null
	"$to" lvextend -l +2 $v/s10 >/dev/null
	"$to" vgchange -an $v >/dev/null
	"$from" vgck $v
	"$from" vgchange -ay $v >/dev/null
	assert_eq "9 6" "$("$from" lvs --noheadings -o seg_size_pe $v/s5 | tr -d ' ') $("$from" lvs \
		--noheadings -o seg_size_pe $v/s10 | tr -d ' ')" "sizes after the extends by $to"
	for t in s5:6 s10:4; do
		in_sync "$from" lvs --noheadings -o copy_percent $v/${t%:*}
		assert_eq "${SUMS[${t%:*}]}" "$(dd if=/dev/mapper/$v-${t%:*} bs=1M count=${t#*:} \
			2>/dev/null | md5sum | cut -d' ' -f1)" "data of ${t%:*} after $to's extend"
	done
	"$from" vgchange -an $v >/dev/null
}
declare -A SUMS
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
mkset "$P/lvm" $vg
across "$P/lvm" "$LVM" $vg
"$P/vgremove" -f $vg
SUMS=()
"$LVM" vgcreate -s 1m $vg1 "${DEVICES[@]}"
mkset "$LVM" $vg1
across "$LVM" "$P/lvm" $vg1
"$LVM" vgremove -f $vg1

# ---- percent sizes and roundings: the same LVs from the same command lines
# made TOOL ARGS...: what TOOL prints and makes on a fresh VG
made() {
	local tool=$1 out rc=0
	shift
	"$tool" vgcreate -s 1m $vg "${DEVICES[@]}" >/dev/null
	out=$("$tool" lvcreate -an "$@" 2>&1) || rc=$?
	echo "$out" | grep -v "WARNING: This metadata update is NOT backed up" || true
	echo "rc=$rc"
	"$tool" lvs -a --noheadings -o lv_name,lv_size,seg_size_pe,devices $vg
	"$tool" vgremove -f $vg >/dev/null
}
while IFS='|' read -r opts pvs; do
	# shellcheck disable=SC2086
	w=$(made "$LVM" $opts -n pct $vg $pvs)
	# shellcheck disable=SC2086
	g=$(made "$P/lvm" $opts -n pct $vg $pvs)
	[[ $w == "$g" ]] || { diff <(echo "$w") <(echo "$g") || true; die "lvcreate $opts differs from LVM2"; }
done <<EOF2
--type raid1 -m 1 -l 100%PVS|$dev1 $dev2
--type raid1 -m 1 -l 50%PVS|$dev1 $dev2 $dev3
--type raid1 -m 2 -L 5m|
--type raid5 -i 2 -l 100%PVS|$dev1 $dev2 $dev3
--type raid5 -i 2 -l 30%VG|
--type raid10 -i 2 -l 100%FREE|
--type raid6 -i 3 -l 60%FREE|
--type raid0 -i 2 -l 100%PVS|$dev1 $dev2
--type raid4 -i 3 -L 7m|
EOF2
