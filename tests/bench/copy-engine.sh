#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# copy-engine.sh: how fast the kernel itself copies a GiB between two
# devices, beside dd, in a VM booted with Debian's defaults and again with
# init_on_alloc=0.  pvmove is only as fast as the copy under it: the
# temporary mirror's resync, done by dm's kcopyd.  No plvm and no LVM2 here,
# device-mapper tables only.  It prints numbers and never passes or fails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

usage() {
	cat <<'EOF'
Usage: tests/bench/copy-engine.sh [--mb N] [--log FILE]

Boots two VMs (tests/vm/vmrun): one with the kernel's defaults, one with
init_on_alloc=0 on its command line.  In each, with the destination written
once first (the host file behind the disk is sparse):
- dd from one device to the other with O_DIRECT, in 1, 4 and 16 MiB blocks;
- a dm-mirror table of the two devices (core log, 8 MiB regions) resyncing
  the copy: one target, four targets, and two devices made on two CPUs;
- a dm-raid raid1 of the two, rebuilding the second device;
each with the guest CPU time it used and the busiest kernel thread.

Options:
  --mb N      MiB to copy [1024]
  --log FILE  keep both VMs' consoles in FILE
  -h, --help  show this help
EOF
}

MB=1024 LOG=

while [[ $# -gt 0 ]]; do
	case $1 in
	-h|--help) usage; exit 0 ;;
	--mb) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "copy-engine: --mb wants MiB" >&2; exit 2; }
		MB=$2; shift ;;
	--log) [[ -n ${2:-} ]] || { echo "copy-engine: --log wants a file" >&2; exit 2; }
		LOG=$2; shift ;;
	*) echo "copy-engine: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done

echo "== kernel copy engine, $(date -u '+%Y-%m-%d %H:%M UTC'), $MB MiB"
echo "host: $(nproc) CPUs, $(qemu-system-x86_64 --version | head -n1), TCG"
[[ -z $LOG ]] || : >"$LOG"
for karg in "" init_on_alloc=0; do
	args=(--disk-mb $((3 * MB + 64)) --with "$HERE=/plvm-bench")
	[[ -z $karg ]] || args+=(--kernel-arg "$karg")
	echo
	echo "== kernel command line: ${karg:-the defaults (Debian: init_on_alloc on)}"
	# the console without the kernel's lines and vmrun's markers
	"$ROOT/tests/vm/vmrun" "${args[@]}" ${LOG:+--log "$LOG.tmp"} \
		-c "exec bash /plvm-bench/copy-engine-vm.sh $MB" | grep -av '^\[\|^plvm-vmrun:\|^$' ||
		echo "(the VM failed: exit ${PIPESTATUS[0]})"
	[[ -z $LOG ]] || { cat "$LOG.tmp" >>"$LOG"; rm -f "$LOG.tmp"; }
done
