#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# badinput-full.sh PREFIX [BUILDDIR]: run every case of the differential
# bad-input test (tests/vm/t-badinput.sh) against the plvm installed under
# PREFIX, not only the stride CI runs.  About 35 minutes in a TCG VM.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 PREFIX [BUILDDIR]" >&2; exit 2; }
args=(--prefix "$1" --timeout 3600
	--vmrun-opt --env --vmrun-opt PLVM_BADINPUT_EVERY=1)
[[ $# -lt 2 ]] || args+=(--builddir "$2")
exec "$ROOT/tests/vm/run" "${args[@]}" t-badinput
