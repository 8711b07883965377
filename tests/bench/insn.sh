#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# insn.sh: instructions that plvm and LVM2 execute for the same metadata
# commands on VGs of N LVs, counted by valgrind (callgrind) on the host,
# side by side.  A count does not move with the load of the machine as the
# VM's wall times do (tests/bench/bench.sh), so a change in one command is
# visible in one run; it leaves out what instructions do not show (system
# calls, I/O, page faults), which bench.sh measures.  It prints numbers and
# never passes or fails.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: tests/bench/insn.sh --prefix DIR [--sizes "N ..."]

Needs root (loop devices), valgrind and lvm2 on the host; nothing touches
device-mapper, so it runs where the kernel has none.  Each tool gets its own
sparse file and loop device; a VG of N inactive one-extent linear LVs is
written by the tool's own vgcfgrestore from the same generated text.

Options:
  --prefix DIR      the plvm install to count
  --sizes "N ..."   LV counts [10 200 1000]
  -h, --help        show this help
EOF
}

PREFIX= SIZES="10 200 1000" WORK= LOOPS=()

bad_usage() { echo "insn: $*" >&2; exit 2; }

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h|--help) usage; exit 0 ;;
		--prefix) [[ $# -ge 2 ]] || bad_usage "--prefix needs a directory"; PREFIX=$2; shift ;;
		--sizes) [[ $# -ge 2 ]] || bad_usage "--sizes needs LV counts"; SIZES=$2; shift ;;
		*) bad_usage "unknown option '$1' (see --help)" ;;
		esac
		shift
	done
	[[ -x $PREFIX/sbin/plvm ]] || bad_usage "no plvm in '$PREFIX/sbin' (--prefix)"
	[[ $SIZES =~ ^[1-9][0-9]*( [1-9][0-9]*)*$ ]] || bad_usage "--sizes wants LV counts"
	[[ $(id -u) = 0 ]] || bad_usage "needs root for loop devices"
	command -v valgrind >/dev/null || bad_usage "needs valgrind (apt-get install valgrind)"
	LVM=$(command -v lvm) || bad_usage "needs lvm2 (apt-get install lvm2)"
}

cleanup() {
	local l
	for l in "${LOOPS[@]}"; do
		losetup -d "$l" 2>/dev/null || true
	done
	[[ -z $WORK ]] || rm -rf "$WORK"
}

# tool T ARGS...: plvm (T=p) or LVM2 (T=l), each with its own configuration
tool() {
	local t=$1
	shift
	if [[ $t = p ]]; then
		PLVM_SYSTEM_DIR=$WORK/p "$PREFIX/sbin/$1" "${@:2}"
	else
		LVM_SYSTEM_DIR=$WORK/l LVM_SUPPRESS_FD_WARNINGS=1 "$LVM" "$@"
	fi
}

# setup N: a loop device per tool, big enough for N one-extent LVs
setup() {
	local t mb=$(( ($1 + 64) * 4 + 64 )) mda=$(( $1 > 1000 ? $1 / 200 + 4 : 4 ))
	for t in p l; do
		truncate -s "${mb}M" "$WORK/$t.img"
		eval "DEV_$t=\$(losetup -f --show \"\$WORK/\$t.img\")"
		LOOPS+=("$(eval echo "\$DEV_$t")")
	done
	mkdir -p "$WORK/p" "$WORK/l"
	printf 'devices = { filter = [ "a|^%s$|", "r|.*|" ]; };\nbackup = { backup = 0; archive = 0; };\n' \
		"$DEV_p" >"$WORK/p/plvm.conf"
	printf 'devices { filter = [ "a|^%s$|", "r|.*|" ] obtain_device_list_from_udev = 0 }\nbackup { backup = 0 archive = 0 }\nactivation { monitoring = 0 }\n' \
		"$DEV_l" >"$WORK/l/lvm.conf"
	for t in p l; do
		dev=$(eval echo "\$DEV_$t")
		tool "$t" pvcreate -y --metadatasize "${mda}m" "$dev" >/dev/null 2>&1
		tool "$t" vgcreate -s 4m "insn$t" "$dev" >/dev/null 2>&1
		tool "$t" vgcfgbackup -f "$WORK/$t.empty" "insn$t" >/dev/null 2>&1
	done
}

teardown() {
	local l
	for l in "${LOOPS[@]}"; do
		losetup -d "$l" 2>/dev/null || true
	done
	LOOPS=()
	rm -rf "$WORK"/*
}

# gen_lvs N < VG text without LVs > the same with lv1..lvN, one extent each
gen_lvs() {
	awk -v n="$1" '
	{ line[NR] = $0 }
	/^}$/ { last = NR }
	END {
		for (i = 1; i < last; i++)
			print line[i]
		print "\n\tlogical_volumes {"
		for (j = 1; j <= n; j++) {
			printf "\n\t\tlv%d {\n\t\t\tid = \"insn00-0000-0000-0000-0000-0000-%06d\"\n", j, j
			print "\t\t\tstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\n\t\t\tflags = []"
			print "\t\t\tcreation_time = 1700000000\n\t\t\tcreation_host = \"insn\""
			print "\t\t\tsegment_count = 1\n\n\t\t\tsegment1 {\n\t\t\t\tstart_extent = 0"
			print "\t\t\t\textent_count = 1\n\n\t\t\t\ttype = \"striped\"\n\t\t\t\tstripe_count = 1"
			printf "\n\t\t\t\tstripes = [\n\t\t\t\t\t\"pv0\", %d\n\t\t\t\t]\n\t\t\t}\n\t\t}\n", j - 1
		}
		print "\t}"
		for (i = last; i <= NR; i++)
			print line[i]
	}'
}

# restore T N: the tool's VG back to N LVs
restore() {
	tool "$1" vgcfgrestore -f "$WORK/$1.$2" "insn$1" >/dev/null 2>&1
}

# count T CMD ARGS...: instructions of one run in millions, n/a if it failed
count() {
	local t=$1 log=$WORK/vg.log vg=(valgrind --tool=callgrind --callgrind-out-file=/dev/null)
	shift
	vg+=(--log-file="$log")
	if [[ $t = p ]]; then
		PLVM_SYSTEM_DIR=$WORK/p "${vg[@]}" "$PREFIX/sbin/$1" "${@:2}" >/dev/null 2>&1 ||
			{ echo n/a; return; }
	else
		LVM_SYSTEM_DIR=$WORK/l LVM_SUPPRESS_FD_WARNINGS=1 "${vg[@]}" "$LVM" "$@" \
			>/dev/null 2>&1 || { echo n/a; return; }
	fi
	awk '/refs:/ { gsub(",", "", $NF); printf "%.1f\n", $NF / 1e6 }' "$log"
}

row() {
	local ratio=n/a
	[[ $3 = n/a || $4 = n/a ]] || ratio=$(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.2f", a / b }')
	printf '%-14s %6s %10s %10s %8s\n' "$1" "$2" "$3" "$4" "$ratio"
}

both() {
	local n=$1 label=$2 p l a
	shift 2
	restore p "$n"
	a=("${@//@VG/insnp}")
	p=$(count p "${a[@]//@T/p}")
	restore l "$n"
	a=("${@//@VG/insnl}")
	l=$(count l "${a[@]//@T/l}")
	row "$label" "$n" "$p" "$l"
}

size() {
	local n=$1 t
	setup "$n"
	for t in p l; do
		gen_lvs "$n" <"$WORK/$t.empty" >"$WORK/$t.$n"
	done
	both "$n" lvs lvs @VG
	both "$n" vgs vgs @VG
	both "$n" pvs pvs
	both "$n" "lvchange tag" lvchange --addtag t1 @VG/lv1
	both "$n" lvremove lvremove -f @VG/lv1
	both "$n" vgcfgrestore vgcfgrestore -f "$WORK/@T.$n" @VG
	teardown
}

main() {
	parse_args "$@"
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/plvm-insn.XXXXXX")
	trap cleanup EXIT
	echo "== instructions (millions, callgrind) of one run; plvm $("$PREFIX/sbin/plvm" version 2>/dev/null |
		awk -F': *' '/plvm version/ { print $2 }'), LVM2 $("$LVM" version 2>/dev/null |
		awk -F': *' '/LVM version/ { print $2 }')"
	printf '%-14s %6s %10s %10s %8s\n' command N plvm LVM2 plvm/LVM2
	for n in $SIZES; do
		size "$n"
	done
}

main "$@"
