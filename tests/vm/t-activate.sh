#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# core/activate.c against the kernel: tests/vm/actdrv (built by make, not
# installed) activates LVs of an in-memory VG over three test PVs, checks
# the tables dmsetup shows, reloads after an extend, and deactivates.
# Needs PLVM_BUILDDIR, the build tree with tests/vm/actdrv and .libs/linear.so:
#   tests/vm/run --vmrun-opt --with=$B --vmrun-opt --env=PLVM_BUILDDIR=$B t-activate
# (or vmrun --with $B --with $SRC --env PLVM_BUILDDIR=$B $SRC/tests/vm/t-activate.sh)
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"

drv=${PLVM_BUILDDIR:-}/tests/vm/actdrv
[[ -n ${PLVM_BUILDDIR:-} && -x $drv ]] || skip "no PLVM_BUILDDIR with tests/vm/actdrv"

prepare_pvs 3 16
PLVM_PLUGIN_DIR=$PLVM_BUILDDIR/.libs "$drv" "$dev1" "$dev2" "$dev3" | tee actdrv.out
grep -q '^not ok' actdrv.out && die "actdrv reported failures"
grep -q '^1\.\.[1-9]' actdrv.out || die "actdrv did not finish"
[[ ! -e /dev/LVMTESTvg ]] || die "/dev/LVMTESTvg left behind"
