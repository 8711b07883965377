#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench.sh: plvm beside LVM2, measured in one qemu VM in the same run:
# metadata commands on VGs of 10, 200 and 1000 LVs, and pvmove throughput
# against a raw dd copy.  It prints numbers and never passes or fails (its
# exit status only says whether it could run).  The VM part is bench-vm.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VM_DIR=/plvm-bench
. "$ROOT/scripts/common.sh"

usage() {
	cat <<EOF
Usage: tests/bench/bench.sh [OPTIONS]

Boot one qemu VM (TCG) with plvm and the host's LVM2, and print side by side:
- median wall time of lvs, vgs, pvs, lvcreate -an -Zn -l1 and lvremove -f
  on VGs of 10, 200 and 1000 inactive one-extent linear LVs;
- pvmove -i1 of a linear, a 2-stripe, a mirror and a raid1 LV (the raid1's
  image and metadata LV on the first PV move), of a thin LV whose pool's
  data and metadata LVs are raid1 (n/a when a tool cannot make one), and
  of a whole PV holding four linear LVs, beside raw dd copies between two
  PVs in 1, 4 and 16 MiB blocks (the fastest is the ceiling).
Each tool works on its own PVs with the same settings (filter, no udev, no
backups, polling interval 1 s).  A VG of N LVs is made by the tool itself:
one lvcreate, vgcfgbackup, the LV copied N times in the file, vgcfgrestore.

Options:
  --prefix DIR      the plvm install to measure; without it, build and
                    install into a temporary prefix (autogen.sh first when
                    the tree has no configure)
  --quick           fewer LV counts (10, 200), 3 repetitions, 256 MiB LVs
  --reps N          repetitions per command [5; 3 with --quick]
  --move-mb N       size of the pvmove LVs in MiB [1024; 256 with --quick]
  --sizes "N ..."   the LV counts of the metadata VGs [10 200 1000; 10 200
                    with --quick]; "none" skips the metadata commands
  --no-move         skip the pvmove measurements
  --kernel-arg ARG  add ARG to the VM kernel's command line (repeatable),
                    e.g. init_on_alloc=0: Debian's kernel zeroes each page
                    it allocates, and the copy engine of pvmove (kcopyd)
                    allocates fresh pages for each piece it copies
  --timeout SEC     time limit of the whole VM [1800]
  --log FILE        also keep the VM console in FILE
  -h, --help        show this help

The commit printed is this tree's; with --prefix, make sure the install is
built from it.  Needs the VM dependencies of tests/vm/vmrun and lvm2 on the
host.
EOF
}

PREFIX= QUICK=0 REPS= MOVE_MB= TIMEOUT=1800 LOG= TMP= SIZES= NO_MOVE=0
KARGS=()

bad_usage() { echo "bench: $*" >&2; exit 2; }
need() { [[ $1 -ge 2 ]] || bad_usage "$2 needs an argument (see --help)"; }

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h|--help) usage; exit 0 ;;
		--prefix) need $# "$1"; PREFIX=$2; shift ;;
		--quick) QUICK=1 ;;
		--reps) need $# "$1"; REPS=$2; shift ;;
		--move-mb) need $# "$1"; MOVE_MB=$2; shift ;;
		--sizes) need $# "$1"; SIZES=$2; shift ;;
		--no-move) NO_MOVE=1 ;;
		--kernel-arg) need $# "$1"; KARGS+=(--kernel-arg "$2"); shift ;;
		--timeout) need $# "$1"; TIMEOUT=$2; shift ;;
		--log) need $# "$1"; LOG=$2; shift ;;
		*) bad_usage "unknown option '$1' (see --help)" ;;
		esac
		shift
	done
	[[ -z $REPS || $REPS =~ ^[1-9][0-9]*$ ]] || bad_usage "--reps wants a positive number"
	[[ -z $MOVE_MB || $MOVE_MB =~ ^[1-9][0-9]*$ ]] || bad_usage "--move-mb wants MiB"
	[[ -z $SIZES || $SIZES = none || $SIZES =~ ^[1-9][0-9]*( [1-9][0-9]*)*$ ]] ||
		bad_usage "--sizes wants LV counts, e.g. \"10 200\", or none"
}

# the defaults of the two modes
settle() {
	if [[ $QUICK = 1 ]]; then
		SIZES=${SIZES:-"10 200"} REPS=${REPS:-3} MOVE_MB=${MOVE_MB:-256}
	else
		SIZES=${SIZES:-"10 200 1000"} REPS=${REPS:-5} MOVE_MB=${MOVE_MB:-1024}
	fi
	MOVE_MB=$(( (MOVE_MB + 7) / 8 * 8 ))	# whole extents in each of 2 stripes
	[[ $NO_MOVE = 0 ]] || MOVE_MB=0
}

cleanup() { [[ -z $TMP ]] || rm -rf "$TMP"; }

# build and install into a temporary prefix, as scripts/common.sh does it
build() {
	local autogen=0
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/plvm-bench.XXXXXX")
	trap cleanup EXIT
	[[ -x $ROOT/configure ]] || autogen=1
	echo "== building plvm into $TMP/prefix"
	configure_build "$ROOT" "$TMP/build" "$TMP/prefix" "$autogen" >"$TMP/build.log" 2>&1 || {
		tail -n 30 "$TMP/build.log"
		bad_usage "the build failed"
	}
	make_install "$TMP/build" "$TMP/install.log" || bad_usage "make install failed"
	PREFIX=$TMP/prefix
}

# size of each PV: a pvmove LV, or a quarter of the biggest VG, plus room
pv_mb() {
	local n max=0
	for n in $SIZES; do
		[[ $n = none ]] || ((n <= max)) || max=$n
	done
	n=$(( (max / 4 + REPS + 8) * 4 + 16 ))
	((n > MOVE_MB + 64)) || n=$((MOVE_MB + 64))
	echo "$n"
}

host_facts() {
	local commit
	commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	[[ -z $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] ||
		commit="$commit (with uncommitted changes)"
	echo "== plvm benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit"
	echo "host:     $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))"
	echo "qemu:     $(qemu-system-x86_64 --version | head -n1), TCG (no KVM)," \
		"virtio disk on a sparse host file"
}

run_vm() {
	local pv
	pv=$(pv_mb)
	local cmd=("$ROOT/tests/vm/vmrun" --with-lvm2 --with "$PREFIX" --with "$HERE=$VM_DIR"
		--disk-mb $((8 * pv + 16)) --mem 1024 --smp 2 --timeout "$TIMEOUT"
		--env PLVM_SYSTEM_DIR=/run/plvm "${KARGS[@]}")
	[[ -z $LOG ]] || cmd+=(--log "$LOG")
	"${cmd[@]}" -c "exec bash $VM_DIR/bench-vm.sh --prefix '$PREFIX' --reps $REPS \
		--sizes '$SIZES' --move-mb $MOVE_MB --pv-mb $pv"
}

main() {
	parse_args "$@"
	settle
	[[ -n $PREFIX ]] || build
	[[ -x $PREFIX/sbin/plvm ]] || bad_usage "no plvm in $PREFIX/sbin"
	command -v lvm >/dev/null || bad_usage "no lvm2 on the host (apt-get install lvm2)"
	PREFIX=$(cd "$PREFIX" && pwd)
	host_facts
	run_vm
}

main "$@"
