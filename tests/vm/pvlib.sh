# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers of the pvmove tests (t-pvmove-*.sh), sourced after lib.sh and
# cmdlib.sh: slowing parts of a test PV down with dm-delay, waiting for a
# condition, md5 bookkeeping of LVs, the state of a move, its pollers.

# ------------------------------------------------------------ slow devices

# a write delay (ms) that holds a copy still for as long as a test looks
# at it; fast_dev releases the delayed writes at once
STALL=20000

# the saved linear table of test PV $1 (a /dev/mapper path or dm name)
pv_orig_table() { echo "/tmp/pvlib.${1##*/}.table"; }

# delay_flush_class: the delay target takes a third (flush) class (v1.3+)
delay_flush_class() {
	dmsetup targets | awk '$1 == "delay" { split(substr($2, 2), v, ".");
		found = v[1] > 1 || (v[1] == 1 && v[2] >= 3) } END { exit !found }'
}

# slow_dev DEV READ_MS WRITE_MS [FROM[:LEN]...]: put dm-delay over the given
# sector ranges of test PV DEV (ascending, not overlapping; no LEN: to the
# end; no range: all of it); the rest stays linear.  Flushes are not
# delayed where the target allows it, so metadata commits (which flush
# every PV) stay quick.  fast_dev undoes it.
slow_dev() {
	local dev=$1 rd=$2 wr=$3 name=${1##*/} saved s len target bdev off pos r from n fl=
	shift 3
	need_target delay
	! delay_flush_class || fl=1
	saved=$(pv_orig_table "$dev")
	[[ -f $saved ]] || dmsetup table "$name" >"$saved"
	read -r s len target bdev off <"$saved"
	[[ $target = linear ]] || die "slow_dev: $name is not linear: $(cat "$saved")"
	(($# > 0)) || set -- 0
	pos=0
	{
		for r in "$@"; do
			from=${r%%:*}
			n=$len
			[[ $r != *:* ]] || n=${r#*:}
			[[ $r == *:* ]] || n=$((len - from))
			((from >= pos && from + n <= len)) || die "slow_dev: bad range $r of $name"
			((from == pos)) || echo "$pos $((from - pos)) linear $bdev $((off + pos))"
			echo "$from $n delay $bdev $((off + from)) $rd $bdev $((off + from)) $wr" \
				${fl:+"$bdev $((off + from)) 0"}
			pos=$((from + n))
		done
		((pos == len)) || echo "$pos $((len - pos)) linear $bdev $((off + pos))"
	} >"$saved.new"
	pv_load_table "$name" "$saved.new"
}

# region_kib KIB: moves copy in regions of KIB KiB (a conf.d drop-in).  dm-
# mirror copies one region at a time, so with small regions a slowed
# destination holds a copy for many rounds of its delay, while what waits
# for the writes in flight (a suspend, an abort) waits for one round only.
region_kib() {
	mkdir -p "$PLVM_SYSTEM_DIR/conf.d"
	printf 'activation = {\n\traid_region_size = %s;\n};\n' "$1" \
		>"$PLVM_SYSTEM_DIR/conf.d/region.conf"
}

# fast_dev DEV: DEV's linear table back
fast_dev() {
	local saved
	saved=$(pv_orig_table "$1")
	[[ -f $saved ]] || return 0
	pv_load_table "${1##*/}" "$saved"
}

pv_load_table() {
	dmsetup suspend "$1"
	dmsetup load "$1" "$2" || { dmsetup resume "$1"; die "cannot load $2 into $1"; }
	dmsetup resume "$1"
}

# pe_sector VG DEV PE: the sector of extent PE within PV DEV
pe_sector() {
	local start ext
	start=$("$P/pvs" --noheadings --nosuffix --units s -o pe_start "$2" | tr -d ' ')
	ext=$("$P/vgs" --noheadings --nosuffix --units s -o vg_extent_size "$1" | tr -d ' ')
	echo $((start + $3 * ext))
}

# slow_pes VG DEV READ_MS WRITE_MS PE[:COUNT]...: slow_dev over extent ranges
slow_pes() {
	local vg=$1 dev=$2 rd=$3 wr=$4 r ranges=() from ext
	shift 4
	ext=$("$P/vgs" --noheadings --nosuffix --units s -o vg_extent_size "$vg" | tr -d ' ')
	for r in "$@"; do
		from=$(pe_sector "$vg" "$dev" "${r%%:*}")
		if [[ $r == *:* ]]; then
			ranges+=("$from:$((${r#*:} * ext))")
		else
			ranges+=("$from")
		fi
	done
	slow_dev "$dev" "$rd" "$wr" "${ranges[@]}"
}

# ------------------------------------------------------------ waiting

# wait_for TIMEOUT CMD...: run CMD every 0.2 s until it succeeds; fail after
# TIMEOUT seconds
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		((SECONDS < end)) || die "timed out after $((SECONDS - end + 0))s waiting for: $*"
		sleep 0.2
	done
}

# ------------------------------------------------------------ data

declare -A MD5S=()

# md5_save VG LV...: fill each LV with random data and remember its md5
md5_save() {
	local vg=$1 lv
	shift
	for lv in "$@"; do
		fill_dev "/dev/mapper/$vg-$lv"
		MD5S[$vg/$lv]=$(dev_md5 "/dev/mapper/$vg-$lv")
	done
}

# md5_check [WHAT]: every saved LV (active) still has its md5
md5_check() {
	local k
	for k in "${!MD5S[@]}"; do
		assert_eq "${MD5S[$k]}" "$(dev_md5 "/dev/mapper/${k/\//-}")" "md5 of $k${1:+ $1}"
	done
}

# ------------------------------------------------------------ the move

# lv_devs VG LV: the devices column of LV (segments joined by spaces)
lv_devs() {
	"$P/lvs" -a --noheadings -o devices "$1/$2" | tr -d ' ' | tr '\n' ' ' | sed 's/ $//'
}

# has_move VG: the VG has a pvmove LV in its metadata
has_move() {
	local out
	out=$("$P/lvs" -a --noheadings -o lv_name "$1")
	[[ $out == *"[pvmove"* ]]
}

no_move() { ! has_move "$1"; }

# no_move_left VG: no pvmove LV in the metadata and no device of one
no_move_left() {
	local out
	no_move "$1" || die "a pvmove LV is left in $1: $("$P/lvs" -a "$1" 2>&1)"
	out=$(dmsetup ls | awk -v p="$1-pvmove" 'index($1, p) == 1 { print $1 }')
	[[ -z $out ]] || die "pvmove devices left: $out"
}

# moved_extents VG: the sum of the checkpoints (extents_moved) in the metadata
moved_extents() {
	meta "$1" | awk '$1 == "extents_moved" { s += $3 } END { print s + 0 }'
}
has_checkpoint() { (($(moved_extents "$1") > 0)); }

# table_has_linear_to DMNAME DEV: the table maps some range linearly to DEV
table_has_linear_to() {
	local t
	t=$(dmsetup table "$1") || return 1
	[[ $t == *"linear $(devno "$2") "* ]]
}

# plvm_pids: the running plvm processes (background pollers): one ls, as a
# loop over /proc in bash is slow under TCG
plvm_pids() {
	local want
	want=$(readlink -f "$P/plvm")
	ls -l /proc/[0-9]*/exe 2>/dev/null |
		awk -v w="$want" '$NF == w { split($(NF - 2), p, "/"); print p[3] }'
}

# has_poller: some plvm process runs
has_poller() { [[ -n $(plvm_pids) ]]; }

# kill_pollers: kill -9 every plvm process, and wait until they are gone
kill_pollers() {
	local p
	for p in $(plvm_pids); do
		kill -9 "$p" 2>/dev/null || true
	done
	wait_for 10 eval '! has_poller'
}

# copied_kib VG DEST: KiB of VG's move (pvmove0) on DEST by the kernel's
# count: pieces mapped linearly to DEST (done), the in-sync share of a mirror
copied_kib() {
	paste <(dmsetup table "$1-pvmove0") <(dmsetup status "$1-pvmove0") |
		awk -v d="$(devno "$2")" '
		$3 == "linear" { if ($4 == d) s += $2; next }
		$3 == "mirror" { for (i = 4; i <= NF; i++) if ($i ~ /^[0-9]+\/[0-9]+$/) {
					split($i, a, "/"); s += $2 * a[1] / a[2]; break } }
		END { printf "%d\n", s / 2 }'
}

# move_under_io VG WRITE LOOK PVMOVE_ARGS...: run WRITE over and over (whole
# runs, so the last one is complete) while pvmove PVMOVE_ARGS runs in the
# background, and LOOK every 0.2 s until it ends; LOOKS counts the looks
# that saw VG's pvmove0 device.  Dies when the move or a write fails;
# pvmove's output is left in /tmp/move.out.
move_under_io() {
	local v=$1 write=$2 look=$3 writer mover
	shift 3
	rm -f /tmp/io.stop
	(while [[ ! -e /tmp/io.stop ]]; do "$write" || exit 1; done) &
	writer=$!
	"$P/pvmove" "$@" >/tmp/move.out 2>&1 &
	mover=$!
	LOOKS=0
	while kill -0 $mover 2>/dev/null; do
		"$look"
		! dmsetup info "$v-pvmove0" >/dev/null 2>&1 || LOOKS=$((LOOKS + 1))
		sleep 0.2
	done
	touch /tmp/io.stop
	wait $mover || die "pvmove $* under I/O failed: $(cat /tmp/move.out)"
	wait $writer || die "the writes failed during pvmove $*"
}

# ------------------------------------------------------------ layout

# pv_alloc DEV: the number of allocated extents on PV DEV
pv_alloc() { "$P/pvs" --noheadings -o pv_pe_alloc_count "$1" | tr -d ' '; }

# off_pv VG DEV: no extent of DEV is allocated and no LV of VG maps to it
off_pv() {
	local out
	assert_eq 0 "$(pv_alloc "$2")" "allocated extents on $2"
	out=$("$P/lvs" -a --noheadings -o lv_name,devices "$1")
	[[ $out != *"$2("* ]] || die "$2 still used in $1: $out"
}

# stripes_apart VG LV: no segment of LV has two stripes on the same PV
stripes_apart() {
	local seg pvs
	while read -r seg; do
		pvs=$(tr ',' '\n' <<<"$seg" | sed 's/(.*//' | sort)
		assert_eq "$(uniq <<<"$pvs")" "$pvs" "PVs of a segment of $1/$2 ($seg)"
	done < <("$P/lvs" --noheadings -o devices "$1/$2" | tr -d ' ')
}

# moved_lines PV OUTPUT: OUTPUT has "  PV: Moved: NN.NN%" lines, nothing
# else with "Moved:", rising percentages and 100.00% last
moved_lines() {
	local pv=$1 line pct last=-1 n=0 re
	re="^  $pv: Moved: ([0-9]{1,3}\.[0-9]{2})%$"
	while IFS= read -r line; do
		[[ $line == *Moved:* ]] || continue
		[[ $line =~ $re ]] || die "bad progress line: '$line'"
		pct=${BASH_REMATCH[1]}
		awk -v a="$last" -v b="$pct" 'BEGIN { exit !(b >= a) }' ||
			die "progress went back from $last to $pct"
		last=$pct n=$((n + 1))
	done <<<"$2"
	((n > 0)) || die "no progress line in: $2"
	assert_eq 100.00 "$last" "last progress of $pv"
}

# move_over VG: no pvmove LV or device left in VG, and no poller running
move_over() {
	no_move_left "$1"
	wait_for 30 eval '! has_poller'
}
