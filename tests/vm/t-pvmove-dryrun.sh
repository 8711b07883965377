#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove --dry-run prints the plan (the mode, the LVs, each piece's source
# and destination extents) and changes nothing; --progress-json prints one
# JSON object a line with the move's percent, rising to 100.  Classic and
# --atomic.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 3 16

make_vg() {
	"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
	"$P/lvcreate" -l 4 -n a $vg "$dev1"
	"$P/lvcreate" -l 2 -n b $vg "$dev1"
	MD5S=()
	md5_save $vg a b
}

dry_run() {
	local mode=$1 kind=$2 before out
	before=$(meta $vg)
	out=$("$P/pvmove" $mode --dry-run "$dev1" "$dev2")
	assert_match "Plan for $vg/pvmove0 \\($kind\\)" "$out" "plan of pvmove $mode"
	assert_match "moves part of a" "$out" "plan of pvmove $mode"
	assert_match "moves part of b" "$out" "plan of pvmove $mode"
	assert_match "4 extents: $dev1:0-3 -> $dev2:0-3" "$out" "plan of pvmove $mode"
	assert_match "2 extents: $dev1:4-5 -> $dev2:4-5" "$out" "plan of pvmove $mode"
	assert_eq "$before" "$(meta $vg)" "metadata after pvmove $mode --dry-run"
	no_move_left $vg
	assert_eq "$dev1(0)" "$(lv_devs $vg a)" "a after --dry-run"
	assert_eq 0 "$(pv_alloc "$dev2")" "extents on $dev2 after --dry-run"
	md5_check "after pvmove $mode --dry-run"
}

# json_field LINE KEY: the value of "KEY": in a one-line JSON object
json_field() {
	sed -nE "s/.*\"$2\":(\"[^\"]*\"|[-0-9.]+).*/\\1/p" <<<"$1"
}

# json_lines OUTPUT TOTAL_BYTES: every line is an object with the keys of a
# progress record, percents rise to 100.00, done_bytes to TOTAL_BYTES
json_lines() {
	local line last=-1 pct n=0 key final
	while IFS= read -r line; do
		[[ $line =~ ^\{.*\}$ ]] || die "not a JSON object line: '$line'"
		for key in pv vg lv percent done_bytes total_bytes; do
			[[ -n $(json_field "$line" $key) ]] || die "no \"$key\" in: $line"
		done
		assert_eq "\"$dev1\"" "$(json_field "$line" pv)" "pv of $line"
		assert_eq "\"$vg\"" "$(json_field "$line" vg)" "vg of $line"
		assert_eq "$2" "$(json_field "$line" total_bytes)" "total_bytes of $line"
		pct=$(json_field "$line" percent)
		assert_match '^[0-9]{1,3}(\.[0-9]+)?$' "$pct" "percent of $line"
		awk -v a="$last" -v b="$pct" 'BEGIN { exit !(b >= a && b <= 100) }' ||
			die "percent went from $last to $pct"
		last=$pct n=$((n + 1)) final=$line
	done <<<"$1"
	((n > 0)) || die "no JSON lines"
	awk -v p="$last" 'BEGIN { exit !(p == 100) }' || die "last percent $last"
	assert_eq "$2" "$(json_field "$final" done_bytes)" "done_bytes at the end"
}

progress_json() {
	local mode=$1 out
	slow_pes $vg "$dev2" 0 1000 0:6
	out=$("$P/pvmove" $mode -i1 --progress-json "$dev1" "$dev2")
	fast_dev "$dev2"
	json_lines "$out" $((6 * 512 * 1024))
	no_move_left $vg
	off_pv $vg "$dev1"
	md5_check "after pvmove $mode --progress-json"
}

make_vg
dry_run "" "segment by segment"
dry_run --atomic atomic
for mode in "" --atomic; do
	progress_json "$mode"
	"$P/pvmove" -i0 "$dev2" "$dev1"
	md5_check "after moving back"
done
"$P/vgremove" -f $vg
