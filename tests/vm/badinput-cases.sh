# SPDX-License-Identifier: GPL-2.0-or-later
# The cases of t-badinput.sh (sourced by it): cl ARGS runs a command line on
# the restored state, dmg SETUP ARGS damages it first; allow ARGS WHY lists
# an intentional difference from LVM2's exit code.

# ---- unknown commands, options, values, for every command ----
cl "bogus"
cl "lvcreatex -l1 $vg"
for c in pvcreate pvremove pvchange pvs pvscan pvmove vgcreate vgextend vgreduce vgremove \
	vgchange vgck vgrename vgscan vgs vgcfgbackup vgcfgrestore lvcreate lvextend lvreduce \
	lvresize lvremove lvchange lvrename lvscan lvconvert lvs; do
	cl "$c --bogus $vg"
done
for c in pvs vgs lvs vgck vgchange lvcreate; do
	cl "$c --config 'devices {' $vg"
done
cl "lvs --config \"$(printf 'a{%.0s' {1..100})\" $vg"

# ---- options given twice ----
cl "lvchange -ay -an $vg/lv1"
cl "vgchange -ay -an $vg"
cl "lvcreate -n x -n y -l1 $vg"
cl "lvcreate -l1 -l2 -n x $vg"
cl "lvcreate -L4m -L8m -n x $vg"
cl "lvcreate --type linear --type striped -l1 -n x $vg"
cl "lvcreate -i2 -i3 -l4 -n x $vg"
cl "lvextend -l+1 -l+2 $vg/lv1"
cl "vgcreate -s 1m -s 2m ${vg}2 $dev4"
cl "pvcreate --metadatasize 1m --metadatasize 2m $dev5"
cl "lvs -O lv_name -O vg_name $vg"
cl "vgcfgbackup -f /tmp/a -f /tmp/b $vg"
cl "lvchange -p r -p rw $vg/lv1"
cl "vgchange --alloc normal --alloc anywhere $vg"

# ---- positional arguments missing or extra ----
cl "vgcreate"
cl "vgcreate ${vg}2"
cl "vgextend $vg"
cl "vgextend"
cl "vgremove"
cl "vgrename $vg"
cl "vgrename"
cl "vgrename $vg a b"
cl "vgrename $vg $vg"
cl "lvrename $vg/lv1"
cl "lvrename"
cl "lvrename $vg lv1 lv9 extra"
cl "lvrename $vg/lv1 $vg/lv1"
cl "lvcreate -l1 -n x"
cl "lvcreate -l1"
cl "lvcreate -n x $vg"
cl "lvcreate -n x -l1 $vg/lv1"
cl "lvcreate -n x -l1 nosuchvg"
cl "lvextend -l+1"
cl "lvextend $vg/lv1"
cl "lvreduce $vg/lv1"
cl "lvresize $vg/lv1"
cl "lvremove"
cl "lvchange $vg/lv1"
cl "lvchange -ay"
cl "pvcreate"
cl "pvremove"
cl "pvchange"
cl "pvchange -x y"
cl "vgcfgrestore"
cl "vgcfgrestore -f /tmp/good.vg"
cl "vgcfgrestore -f /tmp/good.vg $vg ${vg}2"
cl "vgcfgbackup -f /tmp/x $vg nosuchvg"
cl "lvconvert"
cl "pvmove"
cl "pvmove /dev/nosuch"
cl "pvmove $dev5"
cl "vgreduce"
cl "vgreduce $vg"
cl "vgreduce $vg $dev5"
cl "vgextend $vg $dev1"
cl "vgextend nosuchvg $dev4"

# ---- bad values: sizes and numbers ----
allow "lvcreate -n x -L '1kk' $vg" "plvm refuses a size with two units; LVM2 reads 1 KiB"
allow "vgcreate -s '1t' ${vg}2 $dev4" "plvm refuses a VG whose PVs hold no extent; LVM2 makes it"
for v in 0 -1 x 1x 1.5.5 16E 99999999999999999999 '' 4294967296 1kk; do
	cl "lvcreate -n x -L '$v' $vg"
	cl "lvcreate -n x -l '$v' $vg"
done
for v in 0 -1 x 3m 1t 16E '' 7k; do
	cl "vgcreate -s '$v' ${vg}2 $dev4"
done
for v in 0 1 x 65 -2 ''; do
	cl "lvcreate -n x -l2 -i '$v' $vg"
done
for v in 3k 0 x 2g -64k; do
	cl "lvcreate -n x -l2 -i2 -I '$v' $vg"
done
allow "lvcreate -n x -l1 -m '99999999999' $vg" \
	"plvm refuses a number past INT32_MAX as a command line (3); LVM2 takes it and fails (5)"
for v in x -1 '' 99999999999; do
	cl "lvcreate -n x -l1 -m '$v' $vg"
	cl "vgcreate -l '$v' ${vg}2 $dev4"
	cl "vgcreate -p '$v' ${vg}2 $dev4"
done
for v in x 1x -5 ''; do
	cl "lvcreate -n x -l1 -r '$v' $vg"
	cl "lvcreate -n x -l1 --minor '$v' $vg"
	cl "pvcreate --metadatasize '$v' $dev5"
	cl "pvcreate --dataalignment '$v' $dev5"
done
cl "pvcreate --metadatacopies 3 $dev5"
cl "pvcreate --metadatacopies x $dev5"
cl "pvcreate --labelsector 9 $dev5"
cl "pvcreate --labelsector x $dev5"
cl "lvextend -l +0 $vg/lv1"
cl "lvextend -l 1 $vg/lv1"
cl "lvextend -L 1m $vg/lv1"
cl "lvreduce -l +1 $vg/lv1"
cl "lvreduce -l 0 $vg/lv1"
cl "lvreduce -l 9 $vg/lv1"
cl "lvresize -l 3 $vg/lv1"
cl "lvextend -l +100%FOO $vg/lv1"
cl "lvcreate -n x -l 200%VG $vg"
cl "lvcreate -n x -l 50%XX $vg"
cl "lvcreate -n x -l 1000 $vg"
cl "lvextend -l +1000 $vg/lv1"
cl "pvmove -i x $dev1"
cl "pvmove -i -1 $dev1"

# ---- bad values: enums, y/n, names ----
for v in maybe yes2 Y 1 ''; do
	cl "lvchange -a '$v' $vg/lv1"
	cl "vgchange -a '$v' $vg"
	cl "lvcreate -n x -l1 -Z '$v' $vg"
	cl "vgcfgbackup -A '$v' $vg"
done
for v in bogus raid99 'lin ear' ''; do
	cl "lvcreate -n x -l1 --type '$v' $vg"
done
for v in rx w '' x; do
	cl "lvchange -p '$v' $vg/lv1"
done
for v in sometimes '' inheritx; do
	cl "vgchange --alloc '$v' $vg"
	cl "lvcreate -n x -l1 --alloc '$v' $vg"
done
for v in x 9 ''; do
	cl "lvs --units '$v' $vg"
	cl "vgs --headings '$v' $vg"
done
cl "lvs --reportformat xml $vg"
cl "lvs -o bogus_field $vg"
cl "lvs -O bogus_field $vg"
cl "lvs -S 'bogus=1' $vg"
cl "lvs -S 'lv_size>>1' $vg"
cl "vgchange --activationmode bogus $vg"
cl "vgck --bogus $vg"
for n in '' '-x' 'a/b' '.' '..' 'snapshot' 'pvmove' 'lv_mlog' 'x_rimage_1' 'x_tdata' '_x!' \
	"$(printf 'a%.0s' {1..200})" 'lv1'; do
	cl "lvcreate -l1 -n '$n' $vg"
	cl "lvrename $vg/lv1 '$n'"
done
allow "vgcreate '$vg' $dev4" "LVM2 exits 3 when /dev/VG exists (its activation made it), 5 otherwise as plvm"
for n in '' '-x' 'a/b' '.' '..' 'x y' "$(printf 'v%.0s' {1..200})" $vg '#orphans'; do
	cl "vgcreate '$n' $dev4"
	cl "vgrename $vg '$n'"
done

# ---- conflicting options ----
cl "lvcreate -n x -l1 -L4m $vg"
cl "lvextend -l+1 -L+1m $vg/lv1"
cl "lvcreate --type linear -i 2 -l2 -n x $vg"
cl "lvcreate --type linear -m 1 -l2 -n x $vg"
cl "lvcreate --type striped -m 1 -l2 -n x $vg"
cl "lvchange -ay --refresh $vg/lv1"
cl "lvs --noheadings --headings full $vg"
cl "vgcfgrestore --list -f /tmp/good.vg $vg"
allow "vgcfgrestore --list -f /tmp/good.vg $vg" "plvm keeps no archive and has no --list (5); LVM2 lists the file (0)"
cl "pvmove --abort $dev1 $dev2"
allow "pvmove --abort $dev1 $dev2" "plvm refuses --abort with a destination (3); LVM2 ignores it (0)"
cl "lvcreate -n x -l1 -M y $vg"
cl "lvcreate -n x -l1 --major 253 $vg"
cl "lvcreate -n x -l1 --minor 9 --minor 10 $vg"
cl "lvcreate -n x -l1 -Mn --minor 5 $vg"
cl "lvcreate -n x -l1 -j 5000 --minor 7 $vg"
cl "lvcreate -n x -l1 --minor 1048576 $vg"
cl "lvcreate -n x -l1 --minor +3 $vg"
allow "lvcreate -n x -l1 --minor +3 $vg" "plvm refuses a signed --minor as a command line (3); LVM2 reads +3 as 3"
cl "lvchange --minor 50 $vg/lv1"
cl "lvchange -My $vg/lv1"
cl "lvchange -My --minor 50 $vg/lv1"
cl "lvchange -Mn $vg/lv1"
cl "lvchange -Mn --minor 3 $vg/lv1"
cl "lvchange -My --minor 55 -p r $vg/lv1"
cl "lvchange -My --minor 57 --refresh $vg/lv1"
cl "pvcreate -u bogus-uuid $dev5"
cl "pvcreate --uuid bogus $dev5 $dev4"

# ---- devices and names that are not there ----
cl "pvcreate /dev/nosuch"
cl "pvremove /dev/nosuch"
cl "pvremove $dev5"
cl "pvremove $dev1"
cl "pvcreate $dev1"
cl "vgcreate ${vg}2 /dev/nosuch"
cl "vgcreate ${vg}2 $dev1"
cl "vgcreate ${vg}2 $dev4 $dev4"
allow "vgcreate ${vg}2 $dev4 $dev4" "plvm refuses a PV named twice as a command line (3); LVM2 fails adding it twice (5)"
cl "vgextend $vg /dev/nosuch"
cl "vgremove nosuchvg"
cl "vgchange -ay nosuchvg"
cl "lvchange -ay $vg/nosuch"
cl "lvremove $vg/nosuch"
cl "lvextend -l+1 $vg/nosuch"
cl "lvs nosuchvg"
cl "lvs $vg/nosuch"
cl "vgs nosuchvg"
cl "pvs /dev/nosuch"
cl "vgck nosuchvg"
cl "vgcfgbackup nosuchvg"
cl "vgcfgrestore -f /tmp/nosuch.vg $vg"
cl "vgcfgrestore -f /tmp/good.vg nosuchvg"
cl "lvrename $vg/nosuch newname"
cl "lvrename $vg/lv1 lv2"
cl "vgrename nosuchvg newvg"
cl "lvconvert -m1 $vg/nosuch"
cl "lvextend -l+1 $vg/lv1 /dev/nosuch"
cl "lvcreate -n x -l1 $vg /dev/nosuch"
cl "lvcreate -n x -l1 $vg $dev4"
cl "lvcreate -n x -l 99 $vg $dev1"

# ---- damaged labels, mda headers and metadata texts ----
# dev1's label in sector 1; the mda header at 4096 (its magic at +4, version +20)
L=512
for d in "poke \$dev1 $L 4c4142454c4f4e" "poke \$dev1 $((L + 8)) 00000002" "poke \$dev1 $((L + 16)) ffffffff" \
	"poke \$dev1 $((L + 20)) 20000000" "poke \$dev1 $((L + 24)) 4c564d33" "poke \$dev1 $((L + 32)) 2121" \
	"poke \$dev1 $((L + 72)) ffffffffffffffff" "poke \$dev1 $((L + 64)) ffffffffffffff7f" \
	"zero \$dev1 $L 512" "zero \$dev1 0 8192" \
	"poke \$dev1 $((mda_start + 4)) 00" "poke \$dev1 $((mda_start + 20)) 09000000" \
	"poke \$dev1 $((mda_start)) 00000000" "poke \$dev1 $((mda_start + 24)) 00100000000000ff" \
	"poke \$dev1 $((mda_start + 40)) ffffffff00000000" "poke \$dev1 $((mda_start + 48)) ffffffffffff0000" \
	"poke \$dev1 $((mda_start + 56)) 00000000" \
	"poke \$dev1 $((mda_start + 600)) 7b7b7b7b" "zero \$dev1 $((mda_start + 512)) 2048" \
	"poke \$dev2 $((L + 32)) 2121; poke \$dev3 $((L + 32)) 2121"; do
	for c in "vgs $vg" "lvs $vg" "pvs" "vgck $vg" "vgchange -ay $vg" "lvcreate -n x -l1 $vg"; do
		dmg "$d" "$c"
	done
done
# every copy of the metadata damaged
dmg "zero \$dev1 4608 1024; zero \$dev2 4608 1024; zero \$dev3 4608 1024" "vgs $vg"
dmg "zero \$dev1 4608 1024; zero \$dev2 4608 1024; zero \$dev3 4608 1024" "vgchange -ay $vg"
dmg "zero \$dev1 4608 1024; zero \$dev2 4608 1024; zero \$dev3 4608 1024" "vgck $vg"
# a PV missing (its label gone)
dmg "zero \$dev3 0 1048576" "vgs $vg"
dmg "zero \$dev3 0 1048576" "lvs $vg"
dmg "zero \$dev3 0 1048576" "vgck $vg"
dmg "zero \$dev3 0 1048576" "lvchange -ay $vg/lv2"
dmg "zero \$dev3 0 1048576" "lvcreate -n x -l1 $vg"
dmg "zero \$dev3 0 1048576" "lvremove -y $vg/lv3"
allow_dmg "zero \$dev3 0 1048576" "lvremove -y $vg/lv3" \
	"plvm changes no VG while PVs are missing (5); LVM2 removes an LV it can (0)"
dmg "zero \$dev3 0 1048576" "vgremove -y $vg"

# ---- bad backup files for vgcfgrestore ----
r="vgcfgrestore -f /tmp/case.vg $vg"
dmg "bad_backup 's/^\\(\\t*\\)lv2 {/\\1lv1 {/'" "$r"
allow_dmg "bad_backup 's/^\\(\\t*\\)lv2 {/\\1lv1 {/'" "$r" "plvm refuses two LVs of one name (5); LVM2 restores it (0)"
dmg "bad_backup '0,/start_extent = 0/s//start_extent = 1/'" "$r"
dmg "bad_backup 's/extent_count = 2/extent_count = 20/'" "$r"
dmg "bad_backup 's/segment_count = 2/segment_count = 3/'" "$r"
dmg "bad_backup 's/segment_count = 1/segment_count = 0/'" "$r"
dmg "bad_backup 's/\"pv1\", 0/\"pv0\", 0/'" "$r"
dmg "bad_backup 's/\"pv0\", 2/\"pv0\", 0/'" "$r"
dmg "bad_backup 's/\"pv0\", 0/\"pv9\", 0/'" "$r"
dmg "bad_backup 's/pe_count = .*/pe_count = 1/'" "$r"
dmg "bad_backup 's/extent_size = .*/extent_size = 0/'" "$r"
allow_dmg "bad_backup 's/extent_size = .*/extent_size = 0/'" "$r" "plvm refuses extent_size 0 (5); LVM2 restores it (0)"
dmg "bad_backup 's/extent_size = .*/extent_size = 3/'" "$r"
dmg "bad_backup 's/seqno = .*/seqno = -1/'" "$r"
allow_dmg "bad_backup 's/seqno = .*/seqno = -1/'" "$r" "plvm refuses a negative seqno (5); LVM2 restores it (0)"
dmg "bad_backup 's/^\\t*id = .*/id = \"bogus\"/'" "$r"
dmg "bad_backup '0,/id = \".*\"/s//id = \"x\"/'" "$r"
dmg "bad_backup 's/type = \"striped\"/type = \"nosuchtype\"/'" "$r"
dmg "bad_backup 's/stripe_count = 2/stripe_count = 3/'" "$r"
dmg "bad_backup 's/stripe_size = 128/stripe_size = 3/'" "$r"
allow_dmg "bad_backup 's/stripe_size = 128/stripe_size = 3/'" "$r" "plvm refuses a stripe size not a power of 2 (5); LVM2 restores it (0)"
dmg "bad_backup 's/status = \\[\"READ\", \"WRITE\", \"VISIBLE\"\\]/status = [\"BOGUS\"]/'" "$r"
dmg "bad_backup 's/}/}}/'" "$r"
dmg "bad_backup 's/{/{{/'" "$r"
dmg "bad_backup '\$d'" "$r"
dmg "bad_backup 's/=/==/'" "$r"
dmg "bad_backup 's/\"/x/'" "$r"
dmg "bad_backup 's/max_lv = 0/max_lv = 1/'" "$r"
dmg "bad_backup 's/^contents = .*//'" "$r"
dmg "bad_backup 's/^version = .*/version = 2/'" "$r"
dmg ": >/tmp/case.vg" "$r"
dmg "head -c 300 /tmp/good.vg >/tmp/case.vg" "$r"
dmg "head -c 100000 /dev/urandom >/tmp/case.vg" "$r"
dmg "bad_backup 's/$vg {/other {/'" "$r"
dmg "{ cat /tmp/good.vg; cat /tmp/good.vg; } >/tmp/case.vg" "$r"
allow_dmg "{ cat /tmp/good.vg; cat /tmp/good.vg; } >/tmp/case.vg" "$r" "plvm refuses a file with the VG twice (5); LVM2 restores it (0)"
dmg "(printf '$vg {\\n'; for i in \$(seq 3000); do printf 'a {\\n'; done) >/tmp/case.vg" "$r"
dmg "(printf '$vg { x = [\\n'; for i in \$(seq 3000); do printf '1,'; done; printf '1] }\\n') >/tmp/case.vg" "$r"
dmg "bad_backup 's/lv3 {/lv3 { lv3 { } /'" "$r"
dmg "bad_backup 's/physical_volumes {/physical_volumes { pv0 { } /'" "$r"
allow_dmg "bad_backup 's/physical_volumes {/physical_volumes { pv0 { } /'" "$r" "plvm refuses two PVs of one key (5); LVM2 restores it (0)"
dmg "cp /tmp/good.vg /tmp/case.vg; zero \$dev2 0 1048576" "$r"
dmg "cp /tmp/good.vg /tmp/case.vg" "vgcfgrestore -f /tmp/case.vg -l $vg"
allow_dmg "cp /tmp/good.vg /tmp/case.vg" "vgcfgrestore -f /tmp/case.vg -l $vg" \
	"plvm keeps no archive and has no --list (5); LVM2 lists the file (0)"
