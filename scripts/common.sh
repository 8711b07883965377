# SPDX-License-Identifier: GPL-2.0-or-later
#
# Shared by scripts/test-all.sh and scripts/demo.sh (sourced): the Debian 12
# packages plvm needs, and an out-of-tree build.

PLVM_DEPS=(autoconf automake libtool libltdl-dev libdevmapper-dev libconfig-dev
	libudev-dev pkg-config make gcc qemu-system-x86 linux-image-cloud-amd64
	busybox-static cpio kmod dmsetup thin-provisioning-tools lvm2 clang e2fsprogs
	debhelper dpkg-dev lintian)

# install_deps: apt-get the packages (needs root on Debian)
install_deps() {
	[[ $(id -u) = 0 ]] || { echo "installing packages needs root" >&2; return 1; }
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q || return 1
	apt-get install -y -q --no-install-recommends "${PLVM_DEPS[@]}"
}

# configure_build SRC BUILD PREFIX AUTOGEN: configure a fresh BUILD for
# PREFIX and make; AUTOGEN=1 runs SRC/autogen.sh first.  Set -e may be off
# where this is called, so every step checks.
configure_build() {
	local src=$1 build=$2 prefix=$3 autogen=$4
	if [[ $autogen = 1 ]]; then
		(cd "$src" && ./autogen.sh) || return 1
	fi
	rm -rf "$build" "$prefix"
	mkdir -p "$build" || return 1
	(cd "$build" && "$src/configure" -q --prefix="$prefix" && make -j2) || return 1
}

# make_install BUILD LOG: make install, its output in LOG (shown on failure)
make_install() {
	(cd "$1" && make install) >"$2" 2>&1 && return 0
	cat "$2"
	return 1
}
