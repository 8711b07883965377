#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-vm.sh: the part of tests/bench/bench.sh that runs as root inside the
# VM (with --with-lvm2 and the plvm install).  It times the same commands
# with plvm ($PREFIX/sbin/CMD) and with LVM2 (lvm CMD, by explicit path),
# each on its own devices and with an equivalent configuration, and prints
# the tables.  Nothing here passes or fails: a command that fails is shown
# as "err" and its message is listed at the end.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench-vm.sh --prefix DIR [--reps N] [--sizes "N ..."] [--move-mb N]
                   [--pv-mb N] [--move-timeout SEC]

Run inside the VM by tests/bench/bench.sh; see its --help.
EOF
}

PREFIX= REPS=5 SIZES="10 200 1000" MOVE_MB=1024 PV_MB=1088 MOVE_TIMEOUT=600
MOVE_BUDGET=600		# seconds the twelve pvmoves may take at a tenth of dd's speed
SCALED=
NPV=4			# metadata VGs: LVs spread round-robin over this many PVs
MDA=			# metadata area of every metadata PV: mda_size
BENCH_DIR=/run/plvm-bench
ERRLOG=$BENCH_DIR/errors.log
LVM=
declare -a ERRORS=() MOVE_ROWS=() META_ROWS=() DD_ROWS=()

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h|--help) usage; exit 0 ;;
		--prefix) PREFIX=$2; shift ;;
		--reps) REPS=$2; shift ;;
		--sizes) SIZES=$2; shift ;;
		--move-mb) MOVE_MB=$2; shift ;;
		--pv-mb) PV_MB=$2; shift ;;
		--move-timeout) MOVE_TIMEOUT=$2; shift ;;
		*) echo "bench-vm: unknown argument '$1'" >&2; exit 2 ;;
		esac
		shift
	done
	[[ -x $PREFIX/sbin/plvm ]] || { echo "bench-vm: no plvm in '$PREFIX/sbin'" >&2; exit 2; }
}

say() { printf '# %s\n' "$*"; }

# ------------------------------------------------------------ the two tools

# LVM2's lvm, never plvm's "lvm" link
find_lvm2() {
	local l
	for l in /sbin/lvm /usr/sbin/lvm; do
		if [[ -x $l && $(readlink -f "$l") != "$(readlink -f "$PREFIX/sbin/plvm")" ]]; then
			LVM=$l
			return
		fi
	done
	echo "bench-vm: no LVM2 lvm in the VM (vmrun --with-lvm2)" >&2
	exit 2
}

# tool_argv p|l CMD: TOOL_ARGV = how to run CMD with plvm (p) or LVM2 (l)
tool_argv() {
	if [[ $1 = p ]]; then
		TOOL_ARGV=("$PREFIX/sbin/$2")
	else
		TOOL_ARGV=("$LVM" "$2")
	fi
}

# tool p|l CMD ARGS...: run CMD with plvm or LVM2
tool() {
	tool_argv "$1" "$2"
	"${TOOL_ARGV[@]}" "${@:3}"
}

tool_name() { [[ $1 = p ]] && echo plvm || echo LVM2; }

# ------------------------------------------------------------ configuration

# the settings both tools get, as "section key value" lines
settings() {
	cat <<EOF
devices global_filter [ "a|^/dev/mapper/$1[0-9]+\$|", "r|.*|" ]
devices obtain_device_list_from_udev 0
devices use_devicesfile 0
activation udev_sync 0
activation udev_rules 0
activation monitoring 0
activation polling_interval 1
backup backup 0
backup archive 0
global use_lvmetad 0
global use_lvmpolld 0
EOF
}

# render "section key value" lines: $1 = libconfig (plvm) or lvm (LVM2)
render_conf() {
	awk -v style="$1" '
	function close_sec() { if (sec != "") print (style == "libconfig" ? "};" : "}") }
	{
		s = $1; k = $2; v = $0
		sub(/^[^ ]+ [^ ]+ /, "", v)
		if (s != sec) {
			close_sec(); sec = s
			print s (style == "libconfig" ? " = {" : " {")
		}
		print "\t" k " = " v (style == "libconfig" ? ";" : "")
	}
	END { close_sec() }'
}

write_confs() {
	mkdir -p "${PLVM_SYSTEM_DIR:=/run/plvm}" /etc/lvm
	export PLVM_SYSTEM_DIR
	settings BENCHp | render_conf libconfig >"$PLVM_SYSTEM_DIR/plvm.conf"
	settings BENCHl | render_conf lvm >/etc/lvm/lvm.conf
}

# ------------------------------------------------------------ devices

# BENCHp1..4 (plvm) and BENCHl1..4 (LVM2), PV_MB each, one after the other
# on the scratch disk; the pvmove runs reuse the first three of each set
make_devs() {
	local t i start=2048 sectors=$((PV_MB * 2048))
	for t in p l; do
		for ((i = 1; i <= NPV; i++)); do
			dmsetup create "BENCH$t$i" --table "0 $sectors linear $VMRUN_DISK $start"
			start=$((start + sectors))
		done
	done
}

dev() { echo "/dev/mapper/BENCH$1$2"; }

# wipe_devs T I...: zero the label and metadata areas of devices I of set T
wipe_devs() {
	local t=$1 i
	shift
	for i in "$@"; do
		dd if=/dev/zero of="$(dev "$t" "$i")" bs=1M count=8 oflag=direct 2>/dev/null
	done
}

# remove what is left of VG $1's mappings (after a failed run)
dm_cleanup() {
	local name
	for name in $(dmsetup ls 2>/dev/null | awk -v p="$1-" 'index($1, p) == 1 { print $1 }'); do
		dmsetup remove -f "$name" >/dev/null 2>&1 || true
	done
}

# ------------------------------------------------------------ timing

# timed CMD...: ELAPSED = wall time of CMD in microseconds, -1 if it failed
timed() {
	local t0 t1 rc=0
	t0=${EPOCHREALTIME/./}
	"$@" >>"$BENCH_DIR/out.log" 2>>"$ERRLOG" || rc=$?
	t1=${EPOCHREALTIME/./}
	ELAPSED=$((t1 - t0))
	if [[ $rc != 0 ]]; then
		ELAPSED=-1
		note_error "exit $rc: $*"
	fi
}

note_error() {
	local last
	last=$(grep -v '^ *WARNING' "$ERRLOG" | tail -n1 || true)
	ERRORS+=("$1${last:+ -- ${last#"${last%%[! ]*}"}}")
	: >"$ERRLOG"
}

# median US...: median in ms with one decimal, "err" if one failed
median() {
	printf '%s\n' "$@" | sort -n | awk '
		$1 < 0 { bad = 1 } { v[NR] = $1 }
		END {
			if (bad || NR == 0) { print "err"; exit }
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.1f\n", m / 1000
		}'
}

# ratio A B: A/B with two decimals, or "-"
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0 && a != "err" && b != "err") printf "%.2f\n", a / b
		else print "-" }'
}

# ------------------------------------------------------------ metadata VGs

# gen_lvs N NPV < BACKUP > BACKUP': the template LV "t0" (one extent at pv0
# extent 0) becomes lv1..lvN, lvI on pv((I-1) % NPV), extent (I-1) / NPV
gen_lvs() {
	awk -v n="$1" -v npv="$2" '
	function emit(i,   j, line) {
		for (j = 1; j <= nb; j++) {
			line = blk[j]
			if (j == 1)
				sub(/t0/, "lv" i, line)
			else if (line ~ /^[ \t]*id = "/)
				sub(/"[^"]*"/, sprintf("\"bench0-0000-0000-0000-0000-0000-%06d\"", i), line)
			else if (line ~ /"pv0", 0/)
				sub(/"pv0", 0/, sprintf("\"pv%d\", %d", (i - 1) % npv, int((i - 1) / npv)), line)
			print line
		}
	}
	!inblk && $1 == "t0" && $2 == "{" { inblk = 1; depth = 0 }
	inblk {
		blk[++nb] = $0
		depth += gsub(/[{]/, "{") - gsub(/[}]/, "}")
		if (depth == 0) {
			inblk = 0
			for (i = 1; i <= n; i++)
				emit(i)
		}
		next
	}
	{ print }'
}

# mda_size: 4 MiB, or more for the largest VG of SIZES (its text is about
# 450 bytes per LV, and the ring holds two copies while one is written)
mda_size() {
	local n max=0
	for n in $SIZES; do
		((n > max)) && max=$n
	done
	echo "$(( max > 1000 ? max / 200 + 4 : 4 ))m"
}

# meta_vg T N: VG benchT with N one-extent LVs on the NPV devices of set T,
# made by the tool itself: vgcreate, one lvcreate, vgcfgbackup, N copies of
# that LV in the backup, vgcfgrestore
meta_vg() {
	local t=$1 n=$2 vg=bench$1 devs=() i f=$BENCH_DIR/$1-$2.vg
	for ((i = 1; i <= NPV; i++)); do
		devs+=("$(dev "$t" "$i")")
	done
	wipe_devs "$t" $(seq "$NPV")
	tool "$t" pvcreate -y --metadatasize "$(mda_size)" "${devs[@]}" >/dev/null
	tool "$t" vgcreate -s 4m "$vg" "${devs[@]}" >/dev/null
	tool "$t" lvcreate -an -Zn -l1 -n t0 "$vg" "${devs[0]}" >/dev/null 2>&1
	tool "$t" vgcfgbackup -f "$f" "$vg" >/dev/null
	gen_lvs "$n" "$NPV" <"$f" >"$f.gen"
	tool "$t" vgcfgrestore -f "$f.gen" "$vg" >/dev/null
	i=$(tool "$t" lvs --noheadings -o lv_name "$vg" | wc -l)
	[[ $i = "$n" ]] || say "$(tool_name "$t"): VG has $i LVs, not $n"
}

# meta_vgs N: both tools' VGs with N LVs; 0 when both are there
meta_vgs() {
	local t ok=0
	for t in p l; do
		if ! meta_vg "$t" "$1" 2>>"$ERRLOG"; then
			note_error "$(tool_name "$t"): making a VG with $1 LVs"
			ok=1
		fi
	done
	return "$ok"
}

# both_times N LABEL CMD ARGS...: REPS runs of CMD with each tool (taking
# turns; "@VG" in ARGS is the tool's VG, "@R" the repetition), one table row
both_times() {
	local n=$1 label=$2 r t pt=() lt=() args a
	shift 2
	for ((r = 1; r <= REPS; r++)); do
		for t in $( ((r % 2)) && echo p l || echo l p); do
			args=()
			for a in "$@"; do
				a=${a//@VG/bench$t}
				a=${a//@T/$t}
				args+=("${a//@R/$r}")
			done
			timed tool "$t" "${args[@]}"
			if [[ $t = p ]]; then pt+=("$ELAPSED"); else lt+=("$ELAPSED"); fi
		done
	done
	meta_row "$label" "$n" "$(median "${pt[@]}")" "$(median "${lt[@]}")"
}

meta_row() {
	local row
	row=$(printf '%-12s %6s %10s %10s %8s' "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")")
	META_ROWS+=("$row")
	echo "#   $row"
}

meta_size() {
	local n=$1
	say "metadata: VGs with $n LVs"
	if ! meta_vgs "$n"; then
		meta_row "(setup)" "$n" err err
		return
	fi
	both_times "$n" lvs lvs
	both_times "$n" vgs vgs
	both_times "$n" pvs pvs
	both_times "$n" lvcreate lvcreate -an -Zn -l1 -n new@R @VG
	both_times "$n" "lvremove" lvremove -f @VG/new@R
	both_times "$n" "lvchange -ay" lvchange -ay @VG/lv1
	both_times "$n" "lvchange -an" lvchange -an @VG/lv1
	both_times "$n" vgcfgrestore vgcfgrestore -f "$BENCH_DIR/@T-$n.vg.gen" @VG
}

meta_bench() {
	local n
	for n in $SIZES; do
		meta_size "$n"
	done
	wipe_devs p $(seq "$NPV")
	wipe_devs l $(seq "$NPV")
}

# ------------------------------------------------------------ pvmove

# a 4 MiB random pattern; LVs are filled with copies of it
make_pattern() {
	dd if=/dev/urandom of="$BENCH_DIR/pattern" bs=4M count=1 iflag=fullblock 2>/dev/null
	PATTERN_MD5=$(md5sum <"$BENCH_DIR/pattern" | cut -d' ' -f1)
}

# fill DEV [MB]: MB (default MOVE_MB) MiB of copies of the pattern
fill() {
	local i
	for ((i = 0; i < ${2:-$MOVE_MB} / 4; i++)); do
		cat "$BENCH_DIR/pattern"
	done | dd of="$1" bs=4M iflag=fullblock oflag=direct 2>/dev/null
}

# check_data DEV [MB]: 8 of the 4 MiB chunks, first to last, read back directly
check_data() {
	local n=$((${2:-$MOVE_MB} / 4)) k c sum
	for ((k = 0; k < 8; k++)); do
		c=$(( k * (n - 1) / 7 ))
		sum=$(dd if="$1" bs=4M skip="$c" count=1 iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
		[[ $sum = "$PATTERN_MD5" ]] || return 1
	done
}

# dd_copy MB [BS_MB]: device 1 to device 2 of the plvm set in blocks of
# BS_MB (4) MiB; prints seconds
dd_copy() {
	local t0 t1 bs=${2:-4}
	t0=${EPOCHREALTIME/./}
	dd if="$(dev p 1)" of="$(dev p 2)" bs=${bs}M count=$(($1 / bs)) \
		iflag=direct oflag=direct 2>/dev/null
	t1=${EPOCHREALTIME/./}
	awk -v us=$((t1 - t0)) 'BEGIN { printf "%.2f\n", us / 1e6 }'
}

# rate MB SECS: MiB/s with one decimal
rate() { awk -v m="$1" -v s="$2" 'BEGIN { printf "%.1f\n", (s > 0 ? m / s : 0) }'; }

# scale_move: halve MOVE_MB (not below 64) while twelve pvmoves at a tenth of
# a 64 MiB dd's speed would take more than MOVE_BUDGET seconds
scale_move() {
	local probe was=$MOVE_MB
	probe=$(rate 64 "$(dd_copy 64)")
	while (( MOVE_MB > 64 )) && awk -v m="$MOVE_MB" -v r="$probe" -v b="$MOVE_BUDGET" \
		'BEGIN { exit !(12 * m / (r / 10) > b) }'; do
		MOVE_MB=$(( MOVE_MB / 2 / 8 * 8 ))
	done
	say "dd probe: $probe MiB/s; pvmove LV size $MOVE_MB MiB"
	[[ $MOVE_MB = "$was" ]] || SCALED="scaled down from $was MiB after a dd probe at $probe MiB/s"
}

# the LV of layout $2 for tool $1 on devices 1 (and 2) of its set
move_lv() {
	local t=$1 vg=mv$1 size=${MOVE_MB}m
	case $2 in
	linear) tool "$t" lvcreate -y -Wn -L "$size" -n lv "$vg" "$(dev "$t" 1)" ;;
	striped) tool "$t" lvcreate -y -Wn -i2 -L "$size" -n lv "$vg" "$(dev "$t" 1)" "$(dev "$t" 2)" ;;
	mirror) tool "$t" lvcreate -y -Wn --type mirror -m1 --mirrorlog core --nosync \
		-L "$size" -n lv "$vg" "$(dev "$t" 1)" "$(dev "$t" 2)" ;;
	raid1) tool "$t" lvcreate -y -Wn --type raid1 -m1 --nosync -L "$size" -n lv "$vg" \
		"$(dev "$t" 1)" "$(dev "$t" 2)" ;;
	thin-raid1) thin_raid1 "$t" "$size" ;;
	whole-PV) four_lvs "$t" ;;
	esac
}

# four linear LVs lv1..lv4, a quarter of MOVE_MB each, on device 1: the
# whole-PV move of several LVs
four_lvs() {
	local i
	for i in 1 2 3 4; do
		tool "$1" lvcreate -y -Wn -L $((MOVE_MB / 4))m -n "lv$i" "mv$1" "$(dev "$1" 1)" || return
	done
}

# lv_names LAYOUT: the LVs a layout makes
lv_names() { [[ $1 = whole-PV ]] && echo lv1 lv2 lv3 lv4 || echo lv; }
lv_mb() { [[ $1 = whole-PV ]] && echo $((MOVE_MB / 4)) || echo "$MOVE_MB"; }

# a thin LV filling a pool whose data and metadata LVs are raid1 on
# devices 1 and 2 (no spare, so that only the raid images move)
thin_raid1() {
	local t=$1 vg=mv$1
	tool "$t" lvcreate -y -Wn --type raid1 -m1 --nosync -L "$2" -n pool "$vg" \
		"$(dev "$t" 1)" "$(dev "$t" 2)" &&
	tool "$t" lvcreate -y -Wn --type raid1 -m1 --nosync -L 8m -n meta "$vg" \
		"$(dev "$t" 1)" "$(dev "$t" 2)" &&
	tool "$t" lvconvert -y --poolmetadataspare n --thinpool "$vg/pool" \
		--poolmetadata "$vg/meta" &&
	tool "$t" lvcreate -V "$2" --thinpool pool -n lv "$vg"
}

# MiB that pvmove copies off device 1: half of a 2-stripe LV
moved_mb() { [[ $1 = striped ]] && echo $((MOVE_MB / 2)) || echo "$MOVE_MB"; }

# move_setup T LAYOUT: fresh PVs 1-3 of set T, VG mvT, LV with data on 1 (and 2)
move_setup() {
	local t=$1 vg=mv$1 lv
	dm_cleanup "$vg"
	wipe_devs "$t" 1 2 3
	tool "$t" pvcreate -y "$(dev "$t" 1)" "$(dev "$t" 2)" "$(dev "$t" 3)" >/dev/null
	tool "$t" vgcreate -s 4m "$vg" "$(dev "$t" 1)" "$(dev "$t" 2)" "$(dev "$t" 3)" >/dev/null
	move_lv "$t" "$2" >/dev/null
	for lv in $(lv_names "$2"); do
		fill "/dev/mapper/$vg-$lv" "$(lv_mb "$2")"
	done
}

move_teardown() {
	tool "$1" vgchange -an "mv$1" >/dev/null 2>&1 || true
	tool "$1" vgremove -ff "mv$1" >/dev/null 2>&1 || true
	dm_cleanup "mv$1"
}

# move_one T LAYOUT: pvmove -i1 of the LV's part on device 1 to device 3;
# MOVE_SECS and MOVE_NOTE
move_one() {
	local t=$1 where lv
	MOVE_SECS=n/a MOVE_NOTE=
	if ! move_setup "$t" "$2" 2>>"$ERRLOG"; then
		note_error "$(tool_name "$t"): $2 LV setup"
		MOVE_NOTE="$2 LV not made"
		move_teardown "$t"
		return
	fi
	tool_argv "$t" pvmove
	timed "${TIMEOUT[@]}" "${TOOL_ARGV[@]}" -i1 "$(dev "$t" 1)" "$(dev "$t" 3)"
	if [[ $ELAPSED -lt 0 ]]; then
		MOVE_SECS=err
	else
		MOVE_SECS=$(awk -v us="$ELAPSED" 'BEGIN { printf "%.2f\n", us / 1e6 }')
		where=$(tool "$t" lvs -a --noheadings -o devices "mv$t" 2>/dev/null || true)
		[[ $where != *"$(dev "$t" 1)"* ]] || MOVE_NOTE="still on the source PV"
		for lv in $(lv_names "$2"); do
			check_data "/dev/mapper/mv$t-$lv" "$(lv_mb "$2")" ||
				MOVE_NOTE="${MOVE_NOTE:+$MOVE_NOTE, }$lv's data differs"
		done
	fi
	move_teardown "$t"
}

move_row() {
	local row
	row=$(printf '%-10s %-6s %6s %8s %8s %6s  %s' "$@")
	row=${row%"${row##*[! ]}"}
	MOVE_ROWS+=("$row")
	echo "#   $row"
}

# move_layout LAYOUT: one row per tool
move_layout() {
	local t mb mbps pct
	mb=$(moved_mb "$1")
	for t in p l; do
		say "pvmove: $1 LV, $(tool_name "$t")"
		move_one "$t" "$1"
		mbps=- pct=-
		if [[ $MOVE_SECS =~ ^[0-9.]+$ ]]; then
			mbps=$(rate "$mb" "$MOVE_SECS")
			pct=$(awk -v r="$mbps" -v d="$DD_RATE" 'BEGIN { printf "%.0f%%\n", 100 * r / d }')
		fi
		move_row "$1" "$(tool_name "$t")" "$mb" "$MOVE_SECS" "$mbps" "$pct" "$MOVE_NOTE"
	done
}

# dd, then linear, striped, mirror and raid1 LVs and a thin LV on a raid1 pool (a
# tool that cannot make one gets "n/a")
move_bench() {
	TIMEOUT=()
	! command -v timeout >/dev/null || TIMEOUT=(timeout "$MOVE_TIMEOUT")
	make_pattern
	fill "$(dev p 1)"
	prewrite
	scale_move
	dd_ceiling
	move_layout linear
	move_layout striped
	move_layout mirror
	move_layout raid1
	move_layout thin-raid1
	move_layout whole-PV
}

# prewrite: write devices 2 and 3 of both sets once, so that no timed copy
# is the first write to its part of the scratch disk: the host file behind
# it is sparse, and a first write there costs the host an allocation that
# a later one does not (a dd onto fresh space ran at a tenth of one onto
# written space)
prewrite() {
	local t i
	say "writing the pvmove destinations once"
	for t in p l; do
		for i in 2 3; do
			dd if=/dev/zero of="$(dev "$t" "$i")" bs=4M count=$((PV_MB / 4)) \
				oflag=direct 2>/dev/null
		done
	done
}

# dd_ceiling: dd rows in blocks of 1, 4 and 16 MiB; DD_RATE is the fastest
dd_ceiling() {
	local bs secs r best=0
	for bs in 1 4 16; do
		say "pvmove: dd ceiling, $MOVE_MB MiB in ${bs} MiB blocks"
		secs=$(dd_copy "$MOVE_MB" "$bs")
		r=$(rate "$MOVE_MB" "$secs")
		DD_ROWS+=("$secs $r bs=${bs}M")
		awk -v r="$r" -v b="$best" 'BEGIN { exit !(r > b) }' && best=$r
	done
	DD_RATE=$best
	for bs in "${DD_ROWS[@]}"; do
		set -- $bs
		move_row dd - "$MOVE_MB" "$1" "$2" \
			"$(awk -v r="$2" -v d="$DD_RATE" 'BEGIN { printf "%.0f%%\n", 100 * r / d }')" \
			"$3 iflag=direct oflag=direct"
	done
}

# ------------------------------------------------------------ report

facts() {
	local cpu mem
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%d MiB\n", $2 / 1024 }' /proc/meminfo)
	echo "VM:       $(nproc) vCPUs ($cpu), $mem, kernel $(uname -r)"
	echo "LVM2:     $("$LVM" version | awk -F': *' '/LVM version/ { print $2 }')," \
		"driver $("$LVM" version | awk -F': *' '/Driver version/ { print $2 }')"
	echo "kernel:   $(init_on_alloc)"
	echo "plvm:     $("$PREFIX/sbin/plvm" version | awk -F': *' '/plvm version/ { print $2 }')"
	echo "settings: $REPS repetitions (median), LV counts: $SIZES," \
		"pvmove LV size $MOVE_MB MiB, pvmove -i1 (both tools)"
}

# whether the kernel zeroes the pages it allocates: dm's copy engine (kcopyd)
# takes fresh pages for every piece it copies, and under TCG zeroing them
# costs more CPU than the copy's I/O
init_on_alloc() {
	local w
	for w in $(</proc/cmdline); do
		[[ $w != init_on_alloc=* ]] || { echo "$w (on the command line)"; return; }
	done
	echo "init_on_alloc: the kernel's default (Debian: on)"
}

report_meta() {
	local row
	echo
	echo "== metadata commands: median wall time (ms) of $REPS runs"
	echo "   VGs of N linear one-extent LVs (inactive) on $NPV PVs, 4 MiB extents;"
	echo "   lvcreate is 'lvcreate -an -Zn -l1', lvremove is 'lvremove -f' of one LV,"
	echo "   lvchange -ay/-an of one LV, vgcfgrestore of the file that made the VG"
	printf '%-12s %6s %10s %10s %8s\n' command N "plvm ms" "LVM2 ms" plvm/LVM2
	for row in "${META_ROWS[@]}"; do echo "$row"; done
}

report_move() {
	local row
	echo
	echo "== pvmove -i1 of one PV's part of a $MOVE_MB MiB LV to an empty PV (fresh PVs, data written)"
	echo "   whole-PV: pvmove of a PV holding four linear LVs of $((MOVE_MB / 4)) MiB;"
	echo "   % dd is of the fastest dd row; the destinations were written once before"
	[[ -z $SCALED ]] || echo "   LV size $SCALED"
	printf '%-10s %-6s %6s %8s %8s %6s  %s\n' layout tool MiB seconds MiB/s "% dd" note
	for row in "${MOVE_ROWS[@]}"; do echo "$row"; done
}

report() {
	local e
	[[ $SIZES = none ]] || report_meta
	[[ $MOVE_MB = 0 ]] || report_move
	if [[ ${#ERRORS[@]} -gt 0 ]]; then
		echo
		echo "== errors"
		for e in "${ERRORS[@]}"; do echo "  $e"; done
	fi
}

main() {
	parse_args "$@"
	find_lvm2
	mkdir -p "$BENCH_DIR"
	: >"$ERRLOG"
	write_confs
	make_devs
	echo "== machine"
	facts
	[[ $SIZES = none ]] || meta_bench
	[[ $MOVE_MB = 0 ]] || move_bench
	report
}

main "$@"
