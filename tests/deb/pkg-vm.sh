#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs in a VM (tests/deb/test-packages.sh starts it) with plvm's .deb files
# in /debs and dpkg: installs them as an admin would, with the packaged
# configuration in /etc/plvm, and checks that
#  - plvm cannot be installed without plvm-plugin-linear, and with it gives
#    linear LVs only; its LVM2-named links do not shadow lvm2's commands;
#  - each other plugin package, once installed, makes its types usable with
#    no change of configuration;
#  - removing a plugin package leaves the VGs that use its type readable,
#    with the clear refusal to activate; putting it back brings it back;
#  - purging leaves nothing behind.
. "$PLVM_VMTESTS/lib.sh"

export PATH=/usr/sbin:/usr/bin:$PATH
unset PLVM_SYSTEM_DIR
P=/usr/libexec/plvm
DROPIN=/etc/plvm/conf.d/00-vmtest.conf

# lib.sh writes its test settings to plvm.conf; the packaged plvm.conf is a
# conffile, so they go to a drop-in instead
write_conf() {
	mkdir -p /etc/plvm/conf.d
	cat >"$DROPIN" <<EOF
devices = {
	filter = [ "a|^/dev/mapper/${LIB_PREFIX}pv[0-9]+\$|", "r|.*|" ];
	global_filter = [ "a|^/dev/mapper/${LIB_PREFIX}pv[0-9]+\$|", "r|.*|" ];
};
activation = { polling_interval = 1; };
backup = { backup = 0; };
EOF
}

ok() { echo "ok - $*"; }

dpkg_init() {
	mkdir -p /var/lib/dpkg/info /var/lib/dpkg/updates /var/lib/dpkg/triggers \
		/usr/share/doc /usr/libexec /etc
	cp /debs/status /var/lib/dpkg/status
	touch /var/lib/dpkg/available
}

deb() { ls /debs/"$1"_*.deb; }
plugin_pkgs() { ls /debs/plvm-plugin-*_*.deb | sed 's|.*/\(plvm-plugin-[a-z0-9]*\)_.*|\1|' | grep -v -x plvm-plugin-linear; }
types() { plvm segtypes | tr -d ' ' | sort; }

# a command that makes an LV of each plugin's type (run with $vg, $dev1..)
make_lv_of() {
	case $1 in
	plvm-plugin-mirror) "$P/lvcreate" --type mirror -m 1 --mirrorlog core -l 2 -n lv_mirror $vg ;;
	plvm-plugin-raid) "$P/lvcreate" --type raid1 -m 1 -l 2 -n lv_raid $vg ;;
	plvm-plugin-thin) "$P/lvcreate" -T $vg/lv_thin -l 4 ;;
	plvm-plugin-snapshot) "$P/lvcreate" -s -l 2 -n lv_snapshot $vg/lin ;;
	*) return 200 ;;
	esac
}

install_base() {
	assert_fails dpkg -i "$(deb plvm)"
	dpkg -r plvm >/dev/null 2>&1 || true
	ok "plvm alone is refused: it needs plvm-plugin-linear"
	dpkg -i "$(deb plvm)" "$(deb plvm-plugin-linear)"
	[[ -f /etc/plvm/plvm.conf ]] || die "no /etc/plvm/plvm.conf"
	[[ ! -e /usr/sbin/lvs && ! -e /usr/sbin/pvcreate && ! -e /sbin/lvs ]] ||
		die "plvm shadows lvm2's commands"
	[[ $(readlink -f "$P/lvs") = /usr/sbin/plvm ]] || die "$P/lvs is no link to plvm"
	assert_eq "error linear striped zero" "$(types | tr '\n' ' ' | sed 's/ $//')" \
		"types with plvm-plugin-linear only"
	ok "plvm + plvm-plugin-linear installed: linear types only, links in $P"
}

use_linear() {
	prepare_pvs 4 16
	"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
	"$P/lvcreate" -l 4 -n lin $vg
	"$P/lvcreate" -i 2 -l 4 -n str $vg
	fill_dev /dev/$vg/lin
	sum_lin=$(md5sum </dev/$vg/lin)
	assert_fails "$P/lvcreate" --type mirror -m 1 -l 2 -n nope $vg
	ok "linear and striped LVs made; an uninstalled type is refused"
}

# install one plugin package, use its type, remove it, check the VG still
# reads and the LV refuses to activate, then put the package back
cycle_plugin() {
	local pkg=$1 before after added rc=0
	before=$(types)
	dpkg -i "$(deb "$pkg")"
	after=$(types)
	added=$(grep -vxF -f <(echo "$before") <<<"$after" | tr '\n' ' ' || true)
	[[ -n $added ]] || die "$pkg added no segment type"
	make_lv_of "$pkg" || rc=$?
	[[ $rc = 200 ]] && { ok "$pkg installed: types ${added% } (no LV test for it)"; return; }
	[[ $rc = 0 ]] || die "could not make an LV of $pkg's type (exit $rc)"
	"$P/lvs" -a $vg
	ok "$pkg installed: types ${added% } usable with no configuration change"

	"$P/vgchange" -an $vg
	dpkg -r "$pkg"
	assert_eq "$before" "$(types)" "types after removing $pkg"
	"$P/lvs" -a $vg >/tmp/lvs.out
	grep -q lin /tmp/lvs.out || die "lvs lost the VG after removing $pkg"
	rc=0
	"$P/vgchange" -ay $vg 2>/tmp/err || rc=$?
	assert_eq 5 "$rc" "vgchange -ay with $pkg removed"
	grep -qi "type" /tmp/err || die "no word of the missing type: $(cat /tmp/err)"
	assert_eq "$sum_lin" "$(md5sum </dev/$vg/lin)" "md5 of lin"
	"$P/vgchange" -an $vg
	ok "$pkg removed: the VG reads, its LV is refused with: $(head -n1 /tmp/err)"

	dpkg -i "$(deb "$pkg")"
	"$P/vgchange" -ay $vg
	"$P/vgchange" -an $vg
	ok "$pkg back: the VG activates whole"
}

purge_all() {
	"$P/vgremove" -ff $vg
	rm -f "$DROPIN"
	assert_fails dpkg -r plvm-plugin-linear
	dpkg --purge $(dpkg-query -W -f '${Package}\n' | grep '^plvm')
	[[ ! -e /usr/sbin/plvm && ! -e $P && ! -e /etc/plvm ]] ||
		die "purge left files: $(ls -d /usr/sbin/plvm $P /etc/plvm 2>/dev/null)"
	ok "purged: nothing left"
}

dpkg_init
install_base
use_linear
for pkg in $(plugin_pkgs); do
	cycle_plugin "$pkg"
done
purge_all
