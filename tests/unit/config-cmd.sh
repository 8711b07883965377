#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# plvm config (lvmconfig): current, default, diff, full and list, a key, a
# section, --valuesonly, --withcomments, a plugin's own key, unknown keys,
# the --config override.  Runs ./plvm of the build directory.  TAP output.
export PLVM_SYSTEM_DIR=${TMPDIR:-/tmp}/plvm-config-test.$$
mkdir -p "$PLVM_SYSTEM_DIR/conf.d"
trap 'rm -rf "$PLVM_SYSTEM_DIR"' EXIT
cat >"$PLVM_SYSTEM_DIR/plvm.conf" <<'CONF'
devices = { scan = [ "/dev/mapper" ]; filter = [ "a|x|", "r|.*|" ]; };
activation = { polling_interval = 15; };
CONF
echo 'activation = { polling_interval = 3; };' >"$PLVM_SYSTEM_DIR/conf.d/50-test.conf"
n=0
failed=0
# check EXPECTED_RC "EXPECTED_OUTPUT" ARGS...: stdout and exit status of plvm config ARGS
check() {
	local rc=$1 out=$2 got grc=0
	shift 2
	got=$(./plvm config "$@" 2>&1) || grc=$?
	n=$((n + 1))
	if [[ $grc = "$rc" && $got = "$out" ]]; then
		echo "ok $n - config $*"
	else
		echo "not ok $n - config $*: exit $grc, output:"
		printf '%s\n' "$got" | sed 's/^/#   /'
		failed=1
	fi
}
check 0 "polling_interval=3" activation/polling_interval
check 0 "# polling_interval=15" --type default activation/polling_interval
check 0 "3" --valuesonly activation/polling_interval
check 0 "polling_interval=7" --config 'activation/polling_interval=7' activation/polling_interval
check 0 'filter=["a|x|","r|.*|"]' devices/filter
check 0 $'devices {\n\tfilter=["a|x|","r|.*|"]\n\tscan=["/dev/mapper"]\n}' devices
check 0 $'activation {\n\tpolling_interval=3\n}' --type diff activation
check 0 "" --type diff --config 'activation/polling_interval=15' activation
check 0 "raid_region_size=2048" --type full activation/raid_region_size
check 0 "scan_lvs=0" --type full devices/scan_lvs
check 0 $'\n# Configuration option devices/scan_lvs.\n# Look for PVs on LVs too.\n# scan_lvs=0' \
	--type default --withcomments devices/scan_lvs
check 5 "  Configuration node devices/scan_lvs not found" devices/scan_lvs
check 5 "  Configuration node nosuch/key not found" nosuch/key
check 3 $'  Invalid argument for --type: bogus\n  Error during parsing of command line.' --type bogus
list=$(./plvm config --type list)
n=$((n + 1))
if grep -qx activation/raid_region_size <<<"$list" && grep -qx plugins/dir <<<"$list"; then
	echo "ok $n - --type list has the host's keys and the mirror plugin's"
else
	echo "not ok $n - --type list: $list"
	failed=1
fi
n=$((n + 1))
if [[ $(./plvm lvmconfig activation/polling_interval) = "polling_interval=3" ]]; then
	echo "ok $n - lvmconfig is the same command"
else
	echo "not ok $n - lvmconfig"
	failed=1
fi
echo "1..$n"
exit $failed
