#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# cli/ and core/ name no segment type and no sub-LV suffix: that knowledge
# belongs to the type's plugin.  Allowed: LVM2's list of reserved LV names
# (core/model.c lv_name_is_reserved), the pvmove layer's own names, and
# LVM2's "error" log type in the command-log report (cli/report.c).
# Comments do not count.  TAP output, one check per directory.
top=${1:-$(dirname "$0")/../..}
types='linear|striped|mirror|raid[0-9a-z_]*|thin|thin-pool|snapshot|cache|cache-pool|writecache|vdo|vdo-pool|integrity|zero|error'
suffixes='_rimage|_rmeta|_tdata|_tmeta|_mlog|_pmspare|_mimage|_cdata|_cmeta|_vorigin|_corig|_cpool'
n=0
failed=0
for dir in cli core; do
	n=$((n + 1))
	hits=$(grep -rnE "\"($types)\"|$suffixes" "$top/$dir" --include='*.c' --include='*.h' |
		sed -E 's|/\*.*\*/||g; s|/\*.*$||' |
		grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|//|$)' |
		grep -vE "^[^:]+:[0-9]+:[[:space:]]*[A-Z_]*OPT\(OPT_[A-Z_]+, \"" |
		grep -vE "^[^:]+:[0-9]+:[[:space:]]*(NUM|SIZE|YESNO|ENUM|REPEAT)\(OPT_[A-Z_]+, \"" |
		grep -vE 'core/model\.c:[0-9]+:[[:space:]]+("_[a-z]+", *)+$' |
		grep -vE 'core/model\.c:[0-9]+:.*prefixes\[\] = \{ "pvmove", "snapshot" \}' |
		grep -vE 'core/pvmove\.c:[0-9]+:#define MIMAGE_SUFFIX' |
		grep -vE 'cli/report\.c:[0-9]+:[[:space:]]+\[PLVM_LOG_ERR\] = "error"' |
		grep -E "\"($types)\"|$suffixes")
	if [ -z "$hits" ]; then
		echo "ok $n - $dir/ names no segment type or sub-LV suffix"
	else
		echo "not ok $n - $dir/ names segment types or sub-LV suffixes:"
		echo "$hits" | sed 's/^/#   /'
		failed=1
	fi
done
echo "1..$n"
exit $failed
