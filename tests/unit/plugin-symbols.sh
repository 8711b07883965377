#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every plugin in $PLVM_PLUGIN_DIR exports exactly one symbol,
# <module>_LTX_plvm_segtype_plugin_entry (TAP output).
dir=${PLVM_PLUGIN_DIR:?PLVM_PLUGIN_DIR is not set}

if ! command -v nm >/dev/null 2>&1; then
	echo "1..0 # SKIP nm not found"
	exit 0
fi
n=0
failed=0
for so in "$dir"/*.so; do
	[ -e "$so" ] || continue
	n=$((n + 1))
	mod=$(basename "$so" .so | tr -c 'a-zA-Z0-9\n' '_')
	# defined dynamic symbols, without version nodes (type A)
	syms=$(nm -D --defined-only "$so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }')
	if [ "$syms" = "${mod}_LTX_plvm_segtype_plugin_entry" ]; then
		echo "ok $n - $(basename "$so") exports only its entry point"
	else
		echo "not ok $n - $(basename "$so") exports: $(echo $syms)"
		failed=1
	fi
done
if [ "$n" -eq 0 ]; then
	echo "1..0 # SKIP no plugin in $dir"
	exit 0
fi
echo "1..$n"
exit $failed
