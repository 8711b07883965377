/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The option and command tables.  Names, letters and meanings follow LVM2's
 * command line so that scripts written for LVM2 run unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "plvm-build.h"
#include "cli.h"
#include "cmd.h"
#include "report.h"
#include "segtype_reg.h"

#define OPT(i, l, s, a, h) [i] = { .id = i, .long_name = l, .short_name = s, .arg = a, .help = h }
/* an option the segment types do not read, with a checked value or flags:
 * @k its kind, @u a size's default unit, @f OPTF_*, @c an enum's values */
#define KOPT(i, l, s, a, h, k, u, f, c) [i] = { .id = i, .long_name = l, .short_name = s, \
	.arg = a, .help = h, .kind = k, .unit = u, .flags = f, .choices = c }
#define NUM(i, l, s, h)		KOPT(i, l, s, ARG_REQUIRED, h, PLVM_OPT_NUMBER, 0, 0, NULL)
#define SIZE(i, l, s, h, u)	KOPT(i, l, s, ARG_REQUIRED, h, PLVM_OPT_SIZE, u, 0, NULL)
/* a size that takes no sign (LVM2: "Size may not be relative/signed.") */
#define USIZE(i, l, s, h, u)	KOPT(i, l, s, ARG_REQUIRED, h, PLVM_OPT_SIZE, u, OPTF_NOSIGN, NULL)
#define YESNO(i, l, s, h)	KOPT(i, l, s, ARG_REQUIRED, h, PLVM_OPT_BOOL, 0, 0, NULL)
#define ENUM(i, l, s, h, c)	KOPT(i, l, s, ARG_REQUIRED, h, PLVM_OPT_ENUM, 0, 0, c)
#define REPEAT(i, l, s, a, h)	KOPT(i, l, s, a, h, 0, 0, OPTF_REPEAT, NULL)

static const char *const alloc_names[] = {
	"contiguous", "cling", "cling_by_tags", "normal", "anywhere", "inherit", NULL
};
static const char *const activate_names[] = {
	"y", "yes", "n", "no", "ay", "ey", "en", "ly", "ln", "sy", "sn", NULL
};
static const char *const report_formats[] = { "basic", "json", "json_std", NULL };
static const char *const headings_names[] = { "none", "abbrev", "full", "0", "1", "2", NULL };
static const char *const activation_modes[] = { "partial", "degraded", "complete", NULL };
static const char *const permissions[] = { "r", "rw", NULL };
static const char *const metadata_types[] = { "lvm2", "2", NULL };
static const char *const mda_copies_words[] = { "all", "unmanaged", NULL };
static const char *const dump_kinds[] = {
	"headers", "metadata", "metadata_all", "metadata_search", "metadata_area", "backup_to_raw",
	NULL
};
static const char *const lock_types[] = { "sanlock", "dlm", "none", "clvm", "idm", NULL };
static const char *const config_types[] = { "current", "default", "diff", "full", "list", NULL };
/* an option the segment types read: its kind and, for sizes, default unit */
#define TOPT(i, l, s, a, h, k, u) [i] = { .id = i, .long_name = l, .short_name = s, .arg = a, \
	.help = h, .kind = k, .unit = u, .type_reads = true }
#define TOPT_SIGNED(i, l, s, a, h, k, u) [i] = { .id = i, .long_name = l, .short_name = s, \
	.arg = a, .help = h, .kind = k, .unit = u, .type_reads = true, .flags = OPTF_SIGNED }
#define TOPT_NONZERO(i, l, s, a, h, k, u) [i] = { .id = i, .long_name = l, .short_name = s, \
	.arg = a, .help = h, .kind = k, .unit = u, .type_reads = true, .flags = OPTF_NONZERO }

static const struct opt_def opt_table[OPT_COUNT] = {
	REPEAT(OPT_VERBOSE, "verbose", 'v', ARG_NONE, "more detail (repeat for more)"),
	OPT(OPT_TEST, "test", 't', ARG_NONE, "change nothing, show what would be done"),
	OPT(OPT_CONFIG, "config", 0, ARG_REQUIRED, "override configuration (LVM2 syntax)"),
	OPT(OPT_COMMANDPROFILE, "commandprofile", 0, ARG_REQUIRED,
	    "NAME: settings of config/profile_dir/NAME.profile for this command"),
	OPT(OPT_PROFILE, "profile", 0, ARG_REQUIRED, "NAME: --commandprofile NAME"),
	OPT(OPT_HELP, "help", 'h', ARG_NONE, "show usage"),
	OPT(OPT_VERSION, "version", 0, ARG_NONE, "show the version"),
	REPEAT(OPT_DEBUG, "debug", 'd', ARG_NONE, "debug messages"),
	REPEAT(OPT_QUIET, "quiet", 'q', ARG_NONE, "cancel -v and -d; twice: fewer lines, no to prompts"),
	OPT(OPT_YES, "yes", 'y', ARG_NONE, "answer yes to every question"),
	REPEAT(OPT_FORCE, "force", 'f', ARG_NONE, "force (repeat to force harder)"),
	YESNO(OPT_AUTOBACKUP, "autobackup", 'A', "y|n: back the metadata up after a change"),
	OPT(OPT_NOUDEVSYNC, "noudevsync", 0, ARG_NONE, "do not wait for udev"),
	OPT(OPT_NOLOCKING, "nolocking", 0, ARG_NONE, "take no VG lock"),
	REPEAT(OPT_DEVICES, "devices", 0, ARG_REQUIRED, "DEV[,DEV...]: see only these devices"),
	ENUM(OPT_REPORTFORMAT, "reportformat", 0, "basic|json|json_std", report_formats),
	OPT(OPT_LONGHELP, "longhelp", 0, ARG_NONE, "show usage, as --help"),
	OPT(OPT_NOHINTS, "nohints", 0, ARG_NONE, "scan every device (plvm keeps no hints)"),
	YESNO(OPT_DRIVERLOADED, "driverloaded", 0,
	      "y|n: n leaves device-mapper alone (nothing is (de)activated, no LV shows active)"),
	OPT(OPT_DEVICESFILE, "devicesfile", 0, ARG_REQUIRED,
	    "NAME: see only the devices listed in devices/NAME of the system dir (\"\": none)"),
	OPT(OPT_JOURNAL, "journal", 0, ARG_REQUIRED,
	    "command|output|debug: also record to the systemd journal"),
	OPT(OPT_LOCKOPT, "lockopt", 0, ARG_REQUIRED, "options for lvmlockd: refused"),

	OPT(OPT_ALL, "all", 'a', ARG_NONE, "include hidden LVs"),
	REPEAT(OPT_OPTIONS, "options", 'o', ARG_REQUIRED, "fields to show ([+]f1,f2)"),
	REPEAT(OPT_SORT, "sort", 'O', ARG_REQUIRED, "sort keys ([-]f1,f2)"),
	OPT(OPT_NOHEADINGS, "noheadings", 0, ARG_NONE, "no heading line"),
	ENUM(OPT_HEADINGS, "headings", 0, "none|abbrev|full", headings_names),
	OPT(OPT_SEPARATOR, "separator", 0, ARG_REQUIRED, "column separator"),
	OPT(OPT_UNITS, "units", 0, ARG_REQUIRED, "r|h|b|s|k|m|g|t|p|e (upper case: powers of 1000)"),
	OPT(OPT_NOSUFFIX, "nosuffix", 0, ARG_NONE, "no unit suffix"),
	OPT(OPT_UNBUFFERED, "unbuffered", 0, ARG_NONE, "print rows as they come"),
	OPT(OPT_ALIGNED, "aligned", 0, ARG_NONE, "align columns with --separator"),
	OPT(OPT_NAMEPREFIXES, "nameprefixes", 0, ARG_NONE, "LVM2_FIELD=value"),
	OPT(OPT_UNQUOTED, "unquoted", 0, ARG_NONE, "no quotes around --nameprefixes values"),
	OPT(OPT_READONLY, "readonly", 0, ARG_NONE,
	    "read the metadata without locks or device-mapper (LVs show inactive)"),
	OPT(OPT_PARTIAL, "partial", 'P', ARG_NONE, "as --activationmode partial"),
	OPT(OPT_IGNORELOCKINGFAILURE, "ignorelockingfailure", 0, ARG_NONE,
	    "go on reading (or activating) when file locking cannot start"),
	OPT(OPT_SYSINIT, "sysinit", 0, ARG_NONE,
	    "early boot: as --ignorelockingfailure --poll n, quietly"),
	OPT(OPT_FOREIGN, "foreign", 0, ARG_NONE,
	    "also report the VGs whose system ID names another host (read only)"),
	OPT(OPT_ROWS, "rows", 0, ARG_NONE, "one field per row"),
	REPEAT(OPT_SELECT, "select", 'S', ARG_REQUIRED, "selection"),
	OPT(OPT_SEGMENTS, "segments", 0, ARG_NONE, "one row per segment"),
	OPT(OPT_BINARY, "binary", 0, ARG_NONE, "0/1 for binary fields"),
	OPT(OPT_COLUMNS, "columns", 'C', ARG_NONE, "report in columns (as pvs, vgs, lvs)"),
	OPT(OPT_COLON, "colon", 'c', ARG_NONE, "colon-separated lines"),
	OPT(OPT_MAPS, "maps", 'm', ARG_NONE, "show the extent maps"),
	OPT(OPT_SHORT, "short", 's', ARG_NONE, "one line each"),
	OPT(OPT_ACTIVEVOLUMEGROUPS, "activevolumegroups", 'A', ARG_NONE,
	    "only VGs with active LVs"),

	NUM(OPT_METADATACOPIES, "metadatacopies", 0, "0|1|2"),
	NUM(OPT_PVMETADATACOPIES, "pvmetadatacopies", 0, "0|1|2"),
	USIZE(OPT_METADATASIZE, "metadatasize", 0, "size of a metadata area", 'm'),
	SIZE(OPT_DATAALIGNMENT, "dataalignment", 0, "data alignment", 'k'),
	SIZE(OPT_DATAALIGNMENTOFFSET, "dataalignmentoffset", 0,
	     "how far past the data alignment the data area starts", 'k'),
	YESNO(OPT_METADATAIGNORE, "metadataignore", 0,
	      "y|n: the PV's metadata areas hold no metadata (y), or do again"),
	NUM(OPT_LABELSECTOR, "labelsector", 0, "sector of the label (0-3)"),
	OPT(OPT_UUID, "uuid", 'u', ARG_REQUIRED, "PV uuid"),
	OPT(OPT_NORESTOREFILE, "norestorefile", 0, ARG_NONE, "with --uuid, no backup file"),
	USIZE(OPT_SETPHYSICALVOLUMESIZE, "setphysicalvolumesize", 0, "PV size", 'm'),
	YESNO(OPT_ZERO_PV, "zero", 'Z', "y|n: wipe the first 4 sectors"),
	OPT(OPT_RESTOREFILE, "restorefile", 0, ARG_REQUIRED, "backup file"),
	USIZE(OPT_BOOTLOADERAREASIZE, "bootloaderareasize", 0, "size", 'm'),

	USIZE(OPT_PESIZE, "physicalextentsize", 's', "extent size", 'm'),
	ENUM(OPT_ALLOC, "alloc", 0, "contiguous|cling|cling_by_tags|normal|anywhere|inherit", alloc_names),
	NUM(OPT_MAXLV, "maxlogicalvolumes", 'l', "max LVs"),
	NUM(OPT_MAXPV, "maxphysicalvolumes", 'p', "max PVs (0: no limit)"),
	NUM(OPT_LOGICALVOLUME, "logicalvolume", 0, "max LVs (0: no limit), as -l"),
	YESNO(OPT_ALLOCATABLE, "allocatable", 'x', "y|n: may new extents go on the PV"),
	YESNO(OPT_RESIZEABLE, "resizeable", 'x', "y|n: may PVs join or leave the VG"),
	OPT(OPT_NEWUUID, "uuid", 'u', ARG_NONE, "a new VG uuid (no LV active)"),
	OPT(OPT_UUID_SHOW, "uuid", 'u', ARG_NONE, "show each PV's uuid"),
	OPT(OPT_NOVOLUMEGROUP, "novolumegroup", 'n', ARG_NONE, "only PVs in no VG"),
	OPT(OPT_EXPORTED, "exported", 'e', ARG_NONE, "only PVs of exported VGs"),
	ENUM(OPT_METADATATYPE, "metadatatype", 'M', "lvm2: the only format", metadata_types),
	KOPT(OPT_VGMETADATACOPIES, "vgmetadatacopies", 0, ARG_REQUIRED,
	     "all|unmanaged|N: metadata areas kept in use", PLVM_OPT_NUMBER, 0, 0, mda_copies_words),
	ENUM(OPT_ACTIVATE, "activate", 'a', "y|n|ey|ly|sy", activate_names),
	YESNO(OPT_POLL, "poll", 0, "y|n: poll unfinished moves"),
	OPT(OPT_REMOVEMISSING, "removemissing", 0, ARG_NONE, "drop missing PVs"),
	OPT(OPT_RESTOREMISSING, "restoremissing", 0, ARG_NONE,
	    "take back PVs marked missing that are there again"),
	OPT(OPT_FILE, "file", 'f', ARG_REQUIRED, "file"),
	YESNO(OPT_CLUSTERED, "clustered", 'c', "y|n"),
	OPT(OPT_SHARED, "shared", 0, ARG_NONE, "shared VG"),
	OPT(OPT_SYSTEMID, "systemid", 0, ARG_REQUIRED, "the host the VG belongs to"),
	ENUM(OPT_LOCKTYPE, "locktype", 0, "none (the others need lvmlockd)", lock_types),
	REPEAT(OPT_ADDTAG, "addtag", 0, ARG_REQUIRED, "add a tag"),
	REPEAT(OPT_DELTAG, "deltag", 0, ARG_REQUIRED, "remove a tag"),
	OPT(OPT_REFRESH, "refresh", 0, ARG_NONE, "reload tables"),
	OPT(OPT_MKNODES, "mknodes", 0, ARG_NONE, "also vgmknodes: the device nodes and links of the LVs"),
	OPT(OPT_LVMPARTITION, "lvmpartition", 'l', ARG_NONE, "only the devices holding a PV"),
	OPT(OPT_CACHE, "cache", 0, ARG_NONE, "record the PVs online in /run/lvm (udev's and boot's pvscan)"),
	OPT(OPT_LISTVG, "listvg", 0, ARG_NONE, "name the VG of the PV"),
	OPT(OPT_LISTLVS, "listlvs", 0, ARG_NONE, "name the LVs on the PV"),
	OPT(OPT_CHECKCOMPLETE, "checkcomplete", 0, ARG_NONE, "say whether the VG or LVs are complete"),
	OPT(OPT_VGONLINE, "vgonline", 0, ARG_NONE, "claim a complete VG for activation, once"),
	OPT(OPT_UDEVOUTPUT, "udevoutput", 0, ARG_NONE, "print only KEY=value lines for a udev rule"),
	OPT(OPT_BASEVGNAME, "basevgname", 'n', ARG_REQUIRED, "the new VG's name (a number added if taken)"),
	OPT(OPT_IMPORT, "import", 'i', ARG_NONE, "import the VG if it is exported"),
	ENUM(OPT_DUMP, "dump", 0, "headers|metadata: print them (LVM2's other kinds refused)",
	     dump_kinds),
	ENUM(OPT_ACTIVATIONMODE, "activationmode", 0, "partial|degraded|complete", activation_modes),
	OPT(OPT_UPDATEMETADATA, "updatemetadata", 0, ARG_NONE, "rewrite metadata"),
	OPT(OPT_LIST, "list", 'l', ARG_NONE, "list backups"),

	OPT(OPT_EXTENTS, "extents", 'l', ARG_REQUIRED, "[+|-]N[%VG|%FREE|%PVS|%ORIGIN]"),
	KOPT(OPT_SIZE, "size", 'L', ARG_REQUIRED, "[+|-]size[bBsSkKmMgGtTpPeE]", PLVM_OPT_SIZE, 'm',
	     OPTF_SIGNED, NULL),
	OPT(OPT_NAME, "name", 'n', ARG_REQUIRED, "LV name"),
	TOPT(OPT_STRIPES, "stripes", 'i', ARG_REQUIRED, "number of stripes", PLVM_OPT_NUMBER, 0),
	/* lvconvert's: -i is its --interval there */
	TOPT(OPT_STRIPES_LONG, "stripes", 0, ARG_REQUIRED, "number of stripes", PLVM_OPT_NUMBER,
	     0),
	TOPT_NONZERO(OPT_STRIPESIZE, "stripesize", 'I', ARG_REQUIRED, "stripe size", PLVM_OPT_SIZE,
		     'k'),
	OPT(OPT_TYPE, "type", 0, ARG_REQUIRED, "segment type"),
	YESNO(OPT_ZERO, "zero", 'Z', "y|n: zero the start of the LV"),
	YESNO(OPT_WIPESIGNATURES, "wipesignatures", 'W', "y|n"),
	[OPT_MIRRORS] = { .id = OPT_MIRRORS, .long_name = "mirrors", .short_name = 'm',
	.arg = ARG_REQUIRED, .help = "number of extra copies", .kind = PLVM_OPT_NUMBER,
	.type_reads = true, .flags = OPTF_PNUMBER },
	TOPT_SIGNED(OPT_MIRRORS_SIGNED, "mirrors", 'm', ARG_REQUIRED,
		    "[+|-]number of extra copies", PLVM_OPT_NUMBER, 0),
	TOPT(OPT_REGIONSIZE, "regionsize", 'R', ARG_REQUIRED, "region size", PLVM_OPT_SIZE, 'm'),
	TOPT(OPT_NOSYNC, "nosync", 0, ARG_NONE, "skip the initial sync", PLVM_OPT_FLAG, 0),
	ENUM(OPT_PERMISSION, "permission", 'p', "r|rw", permissions),
	OPT(OPT_READAHEAD, "readahead", 'r', ARG_REQUIRED, "auto|none|sectors"),
	KOPT(OPT_MINOR, "minor", 0, ARG_REQUIRED, "minor number to keep (implies -My)",
	     PLVM_OPT_NUMBER, 0, OPTF_REPEAT, NULL),
	KOPT(OPT_MAJOR, "major", 'j', ARG_REQUIRED, "major number (ignored: device-mapper's)",
	     PLVM_OPT_NUMBER, 0, OPTF_REPEAT, NULL),
	YESNO(OPT_PERSISTENT, "persistent", 'M', "y|n: keep the device number given by --minor"),
	YESNO(OPT_CONTIGUOUS, "contiguous", 'C', "y|n"),
	OPT(OPT_RESIZEFS, "resizefs", 'r', ARG_NONE, "resize the file system too"),
	YESNO(OPT_SETACTIVATIONSKIP, "setactivationskip", 'k', "y|n"),
	OPT(OPT_IGNOREACTIVATIONSKIP, "ignoreactivationskip", 'K', ARG_NONE, "activate anyway"),
	YESNO(OPT_SETAUTOACTIVATION, "setautoactivation", 0,
	      "y|n: n: -aay and autoactivation leave the VG or LV alone"),
	OPT(OPT_AUTOACTIVATION, "autoactivation", 0, ARG_REQUIRED,
	    "event: as the udev rule asks, once the VG's PVs are all there"),
	OPT(OPT_METADATAPROFILE, "metadataprofile", 0, ARG_REQUIRED, "metadata profile"),
	OPT(OPT_DETACHPROFILE, "detachprofile", 0, ARG_NONE, "drop the metadata profile"),

	OPT(OPT_ATOMIC, "atomic", 0, ARG_NONE, "move all LVs at once"),
	OPT(OPT_ABORT, "abort", 0, ARG_NONE, "abort the move"),
	OPT(OPT_BACKGROUND, "background", 'b', ARG_NONE, "run in the background"),
	KOPT(OPT_INTERVAL, "interval", 'i', ARG_REQUIRED, "[+]seconds between progress reports",
	     PLVM_OPT_NUMBER, 0, OPTF_SIGNED, NULL),
	OPT(OPT_MOVE_NAME, "name", 'n', ARG_REQUIRED, "move only this LV"),

	OPT(OPT_DRYRUN, "dry-run", 0, ARG_NONE, "print the plan, change nothing"),
	OPT(OPT_PROGRESS_JSON, "progress-json", 0, ARG_NONE, "progress as JSON lines"),
	SIZE(OPT_THROTTLE, "throttle", 0,
	     "RATE[k|m|g]: bytes a second the copy may take (MiB without a unit), 0: no limit",
	     'm'),
	ENUM(OPT_CONFIGTYPE, "type", 0, "current|default|diff|full|list: which settings",
	     config_types),
	OPT(OPT_VALUESONLY, "valuesonly", 0, ARG_NONE, "values without their keys"),
	OPT(OPT_WITHCOMMENTS, "withcomments", 0, ARG_NONE, "each key with its description"),
};

const struct opt_def *opt_def(enum opt_id id)
{
	return id > OPT_NONE && id < OPT_COUNT ? &opt_table[id] : NULL;
}

const struct opt_def *opt_def_by_name(const char *long_name)
{
	int i;

	for (i = OPT_NONE + 1; i < OPT_COUNT; i++)
		if (opt_table[i].long_name && !strcmp(opt_table[i].long_name, long_name))
			return &opt_table[i];
	return NULL;
}

#define REPORT_OPTS OPT_ALL, OPT_OPTIONS, OPT_SORT, OPT_NOHEADINGS, OPT_HEADINGS, \
	OPT_SEPARATOR, OPT_UNITS, OPT_NOSUFFIX, OPT_UNBUFFERED, OPT_ALIGNED, \
	OPT_NAMEPREFIXES, OPT_ROWS, OPT_SELECT, OPT_SEGMENTS, OPT_BINARY, OPT_FOREIGN

static const enum opt_id o_none[] = { OPT_NONE };
static const enum opt_id o_report[] = {
	REPORT_OPTS, OPT_UNQUOTED, OPT_READONLY, OPT_IGNORELOCKINGFAILURE, OPT_NONE
};
static const enum opt_id o_pvdisplay[] = {
	OPT_COLUMNS, OPT_COLON, OPT_MAPS, OPT_SHORT, REPORT_OPTS, OPT_READONLY,
	OPT_IGNORELOCKINGFAILURE, OPT_NONE
};
static const enum opt_id o_vgdisplay[] = {
	OPT_COLUMNS, OPT_COLON, OPT_SHORT, OPT_ACTIVEVOLUMEGROUPS, REPORT_OPTS, OPT_READONLY,
	OPT_IGNORELOCKINGFAILURE, OPT_NONE
};
static const enum opt_id o_lvdisplay[] = {
	OPT_COLUMNS, OPT_COLON, OPT_MAPS, REPORT_OPTS, OPT_READONLY, OPT_IGNORELOCKINGFAILURE,
	OPT_NONE
};
static const enum opt_id o_vgscan[] = { OPT_IGNORELOCKINGFAILURE, OPT_MKNODES, OPT_NONE };
static const enum opt_id o_vgmknodes[] = { OPT_IGNORELOCKINGFAILURE, OPT_REFRESH, OPT_NONE };
static const enum opt_id o_lvmdiskscan[] = { OPT_LVMPARTITION, OPT_READONLY, OPT_NONE };
static const enum opt_id o_vgimportclone[] = { OPT_BASEVGNAME, OPT_IMPORT, OPT_NONE };
static const enum opt_id o_pvck[] = {
	OPT_DUMP, OPT_FILE, OPT_PVMETADATACOPIES, OPT_LABELSECTOR, OPT_NONE
};
static const enum opt_id o_vgremove[] = { OPT_SELECT, OPT_NONE };
static const enum opt_id o_pvscan[] = {
	OPT_SHORT, OPT_UUID_SHOW, OPT_NOVOLUMEGROUP, OPT_EXPORTED, OPT_IGNORELOCKINGFAILURE,
	OPT_CACHE, OPT_ACTIVATE, OPT_AUTOACTIVATION, OPT_MAJOR, OPT_MINOR, OPT_LISTVG,
	OPT_LISTLVS, OPT_CHECKCOMPLETE, OPT_VGONLINE, OPT_UDEVOUTPUT, OPT_NONE
};
static const enum opt_id o_lvscan[] = {
	OPT_ALL, OPT_READONLY, OPT_IGNORELOCKINGFAILURE, OPT_NONE
};
static const enum opt_id o_pvcreate[] = {
	OPT_METADATACOPIES, OPT_PVMETADATACOPIES, OPT_METADATASIZE, OPT_DATAALIGNMENT,
	OPT_DATAALIGNMENTOFFSET, OPT_LABELSECTOR, OPT_UUID, OPT_NORESTOREFILE,
	OPT_SETPHYSICALVOLUMESIZE, OPT_ZERO_PV, OPT_METADATAIGNORE,
	OPT_RESTOREFILE, OPT_BOOTLOADERAREASIZE, OPT_METADATATYPE, OPT_NONE
};
static const enum opt_id o_pvchange[] = {
	OPT_ALL, OPT_ADDTAG, OPT_DELTAG, OPT_UUID, OPT_ALLOCATABLE, OPT_SELECT, OPT_METADATAIGNORE,
	OPT_NONE
};
static const enum opt_id o_pvresize[] = { OPT_SETPHYSICALVOLUMESIZE, OPT_NONE };
static const enum opt_id o_vgcreate[] = {
	OPT_PESIZE, OPT_ALLOC, OPT_MAXLV, OPT_MAXPV, OPT_VGMETADATACOPIES, OPT_METADATACOPIES,
	OPT_PVMETADATACOPIES, OPT_METADATASIZE, OPT_DATAALIGNMENT, OPT_DATAALIGNMENTOFFSET,
	OPT_CLUSTERED, OPT_SHARED,
	OPT_SYSTEMID, OPT_LOCKTYPE, OPT_ADDTAG, OPT_ZERO_PV, OPT_LABELSECTOR, OPT_METADATATYPE,
	OPT_SETAUTOACTIVATION, OPT_METADATAPROFILE, OPT_NONE
};
static const enum opt_id o_vgextend[] = {
	OPT_METADATACOPIES, OPT_PVMETADATACOPIES, OPT_METADATASIZE, OPT_DATAALIGNMENT,
	OPT_DATAALIGNMENTOFFSET, OPT_ZERO_PV, OPT_LABELSECTOR, OPT_METADATATYPE, OPT_METADATAIGNORE,
	OPT_RESTOREMISSING, OPT_NONE
};
static const enum opt_id o_vgreduce[] = { OPT_ALL, OPT_REMOVEMISSING, OPT_NONE };
static const enum opt_id o_vgchange[] = {
	OPT_ACTIVATE, OPT_POLL, OPT_ALLOC, OPT_ADDTAG, OPT_DELTAG, OPT_REFRESH,
	OPT_ACTIVATIONMODE, OPT_PARTIAL, OPT_IGNOREACTIVATIONSKIP, OPT_MAXLV, OPT_SELECT,
	OPT_RESIZEABLE, OPT_MAXPV, OPT_LOGICALVOLUME, OPT_NEWUUID, OPT_IGNORELOCKINGFAILURE,
	OPT_SYSINIT, OPT_SETAUTOACTIVATION, OPT_AUTOACTIVATION, OPT_METADATAPROFILE,
	OPT_DETACHPROFILE, OPT_SYSTEMID, OPT_VGMETADATACOPIES, OPT_PESIZE, OPT_NONE
};
static const enum opt_id o_vgexport[] = { OPT_ALL, OPT_SELECT, OPT_NONE };
static const enum opt_id o_vgsplit[] = {
	OPT_NAME, OPT_MAXLV, OPT_MAXPV, OPT_ALLOC, OPT_VGMETADATACOPIES, OPT_METADATATYPE, OPT_NONE
};
static const enum opt_id o_vgck[] = { OPT_UPDATEMETADATA, OPT_NONE };
static const enum opt_id o_backup[] = {
	OPT_FILE, OPT_READONLY, OPT_IGNORELOCKINGFAILURE, OPT_FOREIGN, OPT_NONE
};
static const enum opt_id o_restore[] = { OPT_FILE, OPT_LIST, OPT_METADATATYPE, OPT_NONE };
static const enum opt_id o_lvcreate[] = {
	OPT_EXTENTS, OPT_SIZE, OPT_NAME, OPT_STRIPES, OPT_STRIPESIZE, OPT_TYPE, OPT_ZERO,
	OPT_WIPESIGNATURES, OPT_MIRRORS, OPT_REGIONSIZE, OPT_NOSYNC, OPT_PERMISSION,
	OPT_READAHEAD, OPT_MINOR, OPT_MAJOR, OPT_PERSISTENT, OPT_CONTIGUOUS, OPT_ALLOC,
	OPT_ACTIVATE, OPT_ADDTAG, OPT_SETACTIVATIONSKIP, OPT_IGNOREACTIVATIONSKIP,
	OPT_SETAUTOACTIVATION, OPT_METADATAPROFILE, OPT_NONE
};
static const enum opt_id o_lvresize[] = {
	OPT_EXTENTS, OPT_SIZE, OPT_STRIPES, OPT_STRIPESIZE, OPT_TYPE, OPT_ALLOC, OPT_RESIZEFS,
	OPT_MIRRORS_SIGNED, OPT_NOSYNC, OPT_NONE
};
static const enum opt_id o_lvremove[] = { OPT_SELECT, OPT_NONE };
static const enum opt_id o_lvchange[] = {
	OPT_ACTIVATE, OPT_POLL, OPT_PERMISSION, OPT_READAHEAD, OPT_ADDTAG, OPT_DELTAG,
	OPT_REFRESH, OPT_ACTIVATIONMODE, OPT_PARTIAL,
	OPT_SETACTIVATIONSKIP, OPT_IGNOREACTIVATIONSKIP, OPT_ALLOC, OPT_CONTIGUOUS,
	OPT_MINOR, OPT_MAJOR, OPT_PERSISTENT, OPT_SELECT, OPT_IGNORELOCKINGFAILURE,
	OPT_SYSINIT, OPT_SETAUTOACTIVATION, OPT_METADATAPROFILE, OPT_DETACHPROFILE, OPT_NONE
};
static const enum opt_id o_lvconvert[] = {
	OPT_TYPE, OPT_MIRRORS_SIGNED, OPT_REGIONSIZE, OPT_STRIPES_LONG, OPT_STRIPESIZE,
	OPT_NOSYNC, OPT_ZERO, OPT_ALLOC, OPT_NAME, OPT_INTERVAL, OPT_METADATAPROFILE, OPT_NONE
};
static const enum opt_id o_pvmove[] = {
	OPT_ATOMIC, OPT_ABORT, OPT_BACKGROUND, OPT_INTERVAL, OPT_MOVE_NAME, OPT_ALLOC,
	OPT_DRYRUN, OPT_PROGRESS_JSON, OPT_REPORTFORMAT, OPT_THROTTLE, OPT_NONE
};
static const enum opt_id o_move[] = { OPT_REPORTFORMAT, OPT_NONE };
static const enum opt_id o_config[] = {
	OPT_CONFIGTYPE, OPT_VALUESONLY, OPT_WITHCOMMENTS, OPT_NONE
};

/* @mn, @mx: the positional arguments the command takes, at least and at most */
#define CMD(n, f, o, u, s, fl, mn, mx) { .name = n, .fn = f, .opts = o, .usage = u, .summary = s, \
	.flags = fl, .min_args = mn, .max_args = mx }
#define LVCMD(n, f, o, u, s, t, mn, mx) { .name = n, .fn = f, .opts = o, .usage = u, \
	.summary = s, .type_cmd = t, .min_args = mn, .max_args = mx }
#define ANY ARGS_ANY

static const struct command command_table[] = {
	CMD("version", cmd_version, o_none, "", "Show the version", CMD_NO_CONTEXT, 0, 0),
	CMD("help", cmd_help, o_none, "[COMMAND]", "Show the commands", CMD_NO_CONTEXT, 0, 1),
	CMD("config", cmd_config, o_config, "[SECTION[/KEY] ...]",
	    "Show the configuration and its defaults", CMD_NO_METADATA, 0, ANY),
	CMD("lvmconfig", cmd_config, o_config, "[SECTION[/KEY] ...]",
	    "Show the configuration and its defaults", CMD_NO_METADATA, 0, ANY),
	CMD("segtypes", cmd_segtypes, o_none, "", "List the segment types of the loaded plugins",
	    CMD_NO_METADATA, 0, 0),
	CMD("pvcreate", cmd_pvcreate, o_pvcreate, "PV ...", "Initialize a physical volume",
	    CMD_DEVFILE_ADD, 1, ANY),
	CMD("pvremove", cmd_pvremove, o_none, "PV ...", "Remove a PV label", 0, 1, ANY),
	CMD("pvchange", cmd_pvchange, o_pvchange, "PV ...", "Change PV attributes", 0, 0, ANY),
	CMD("pvscan", cmd_pvscan, o_pvscan, "[--cache [PV|MAJ:MIN ...]]",
	    "List PVs, or record them online (--cache)", CMD_EXPORTED, 0, ANY),
	CMD("pvresize", cmd_pvresize, o_pvresize, "PV ...",
	    "Resize a physical volume to its device or a given size", 0, 1, ANY),
	CMD("pvs", cmd_pvs, o_report, "[PV ...]", "Report on physical volumes", CMD_EXPORTED, 0,
	    ANY),
	CMD("pvdisplay", cmd_pvdisplay, o_pvdisplay, "[PV ...]",
	    "Display physical volumes", CMD_EXPORTED, 0, ANY),
	CMD("pvmove", cmd_pvmove, o_pvmove, "[SRC_PV[:PE...] [DST_PV[:PE...] ...]]",
	    "Move extents off a physical volume", 0, 0, ANY),
	CMD("move", cmd_move, o_move, "status|wait [VG|PV ...]",
	    "Show the moves in progress, or wait for them to end", 0, 1, ANY),
	CMD("vgcreate", cmd_vgcreate, o_vgcreate, "VG PV ...", "Create a volume group",
	    CMD_DEVFILE_ADD, 2, ANY),
	CMD("vgextend", cmd_vgextend, o_vgextend, "VG PV ...", "Add PVs to a volume group",
	    CMD_DEVFILE_ADD, 2, ANY),
	CMD("vgreduce", cmd_vgreduce, o_vgreduce, "VG [PV ...]", "Remove PVs from a volume group",
	    0, 1, ANY),
	CMD("vgremove", cmd_vgremove, o_vgremove, "VG ...", "Remove a volume group", 0, 1, ANY),
	CMD("vgchange", cmd_vgchange, o_vgchange, "[VG ...]", "Change a volume group", 0, 0, ANY),
	CMD("vgexport", cmd_vgexport, o_vgexport, "VG ...|-a|-S SELECTION",
	    "Make volume groups ready to move to another host", 0, 0, ANY),
	CMD("vgimport", cmd_vgimport, o_vgexport, "VG ...|-a|-S SELECTION",
	    "Take in exported volume groups", CMD_EXPORTED, 0, ANY),
	CMD("vgck", cmd_vgck, o_vgck, "[VG ...]", "Check volume group metadata", 0, 0, ANY),
	CMD("lvmdiskscan", cmd_lvmdiskscan, o_lvmdiskscan, "",
	    "List the devices that may hold PVs", 0, 0, 0),
	CMD("pvck", cmd_pvck, o_pvck, "PV ...|--dump headers|metadata PV",
	    "Check (and with --dump print) the headers and metadata on PVs", 0, 0, ANY),
	CMD("vgimportclone", cmd_vgimportclone, o_vgimportclone, "PV ...",
	    "Make the PVs of a copied VG a VG of their own", 0, 0, ANY),
	CMD("vgmknodes", cmd_vgmknodes, o_vgmknodes, "[VG|VG/LV ...]",
	    "Make the device nodes and /dev/VG/LV links of the LVs", 0, 0, ANY),
	CMD("vgmerge", cmd_vgmerge, o_none, "VG VG", "Merge one VG into another", 0, 0, ANY),
	CMD("vgsplit", cmd_vgsplit, o_vgsplit, "VG VG PV ...|-n LV VG VG",
	    "Move PVs, and the LVs on them, to a new or existing VG", 0, 0, ANY),
	CMD("vgrename", cmd_vgrename, o_none, "OLD NEW", "Rename a volume group", CMD_EXPORTED,
	    2, 2),
	CMD("vgscan", cmd_vgscan, o_vgscan, "", "List volume groups", CMD_EXPORTED, 0, 0),
	CMD("vgdisplay", cmd_vgdisplay, o_vgdisplay, "[VG ...]", "Display volume groups",
	    CMD_EXPORTED, 0, ANY),
	CMD("vgs", cmd_vgs, o_report, "[VG ...]", "Report on volume groups", CMD_EXPORTED, 0, ANY),
	CMD("vgcfgbackup", cmd_vgcfgbackup, o_backup, "[-f FILE] [VG ...]",
	    "Back up volume group metadata", CMD_EXPORTED, 0, ANY),
	CMD("vgcfgrestore", cmd_vgcfgrestore, o_restore, "-f FILE VG",
	    "Restore volume group metadata", CMD_EXPORTED, 0, 1),
	LVCMD("lvcreate", cmd_lvcreate, o_lvcreate, "-l N|-L SIZE [-n LV] VG [PV ...]",
	      "Create a logical volume", PLVM_CMD_LVCREATE, 1, ANY),
	LVCMD("lvextend", cmd_lvextend, o_lvresize, "-l|-L [+]N VG/LV [PV ...]",
	      "Grow a logical volume", PLVM_CMD_LVRESIZE, 1, ANY),
	LVCMD("lvreduce", cmd_lvreduce, o_lvresize, "-l|-L [-]N VG/LV", "Shrink a logical volume",
	      PLVM_CMD_LVRESIZE, 1, 1),
	LVCMD("lvresize", cmd_lvresize, o_lvresize, "-l|-L [+|-]N VG/LV [PV ...]",
	      "Resize a logical volume", PLVM_CMD_LVRESIZE, 1, ANY),
	LVCMD("lvremove", cmd_lvremove, o_lvremove, "VG|VG/LV ...", "Remove logical volumes",
	      PLVM_CMD_LVREMOVE, 1, ANY),
	LVCMD("lvchange", cmd_lvchange, o_lvchange, "VG|VG/LV ...", "Change logical volumes",
	      PLVM_CMD_LVCHANGE, 1, ANY),
	CMD("lvrename", cmd_lvrename, o_none, "VG/OLD NEW | VG OLD NEW", "Rename a logical volume",
	    0, 2, 3),
	CMD("lvscan", cmd_lvscan, o_lvscan, "", "List logical volumes", 0, 0, 0),
	LVCMD("lvconvert", cmd_lvconvert, o_lvconvert, "[OPTIONS] VG/LV [PV ...]",
	      "Change the layout of a logical volume", PLVM_CMD_LVCONVERT, 0, ANY),
	CMD("lvdisplay", cmd_lvdisplay, o_lvdisplay, "[VG|VG/LV ...]",
	    "Display logical volumes", 0, 0, ANY),
	CMD("lvs", cmd_lvs, o_report, "[VG|VG/LV ...]", "Report on logical volumes", 0, 0, ANY),
};

/* Options no command takes together (a command that takes only one of a
 * pair is never given both: getopt refused the other). */
const struct opt_conflict opt_conflicts[] = {
	{ OPT_EXTENTS, OPT_SIZE, "Please specify either size or extents (not both)." },
	{ OPT_NOHEADINGS, OPT_HEADINGS, NULL },
	{ OPT_ACTIVATE, OPT_REFRESH, "Command does not accept option: --refresh." },
	{ OPT_ABORT, OPT_BACKGROUND, NULL },
	{ OPT_NONE, OPT_NONE, NULL }
};

/* Options some commands parse only to refuse them (see struct opt_refusal). */
const struct opt_refusal opt_refusals[] = {
	{ "pvcreate", OPT_SETPHYSICALVOLUMESIZE, NULL, EINVALID,
	  "--setphysicalvolumesize and --bootloaderareasize are not supported." },
	{ "pvcreate", OPT_BOOTLOADERAREASIZE, NULL, EINVALID,
	  "--setphysicalvolumesize and --bootloaderareasize are not supported." },
	{ "pvchange", OPT_UUID, NULL, EFAILED, "pvchange --uuid is not supported by plvm." },
	{ "vgcfgrestore", OPT_LIST, NULL, EFAILED, "vgcfgrestore --list is not supported by plvm." },
	{ "lvextend lvreduce lvresize", OPT_RESIZEFS, NULL, EFAILED,
	  "Option --resizefs is not supported by plvm yet." },
	{ "lvcreate", OPT_WIPESIGNATURES, "y", EFAILED,
	  "Wiping signatures (-W y) is not supported by plvm: use -W n, or -Z y to zero the start." },
	/* there LVM2 takes --profile for a metadata profile, or dumps the profile */
	{ "lvcreate lvconvert vgcreate lvchange vgchange", OPT_PROFILE, NULL, EFAILED,
	  "Metadata profiles (--profile of this command) are not supported by plvm." },
	{ "lvcreate lvconvert vgcreate lvchange vgchange", OPT_METADATAPROFILE, NULL, EFAILED,
	  "Metadata profiles (--metadataprofile) are not supported by plvm." },
	{ "lvchange vgchange", OPT_DETACHPROFILE, NULL, EFAILED,
	  "Metadata profiles (--detachprofile) are not supported by plvm." },
	{ "config lvmconfig", OPT_PROFILE, NULL, EFAILED,
	  "lvmconfig --profile is not supported by plvm." },
	/* LVM2 without lvmlockd takes it and does nothing with it */
	{ NULL, OPT_LOCKOPT, NULL, EFAILED,
	  "Option --lockopt is for lvmlockd, which plvm does not use." },
	{ NULL, OPT_NONE, NULL, 0, NULL }
};

static bool word_in(const char *word, const char *list)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (!p[n] || p[n] == ' '))
			return true;
	return false;
}

const struct opt_refusal *opt_refused(const struct command *c, enum opt_id id)
{
	const struct opt_refusal *r;

	for (r = opt_refusals; r->id != OPT_NONE; r++)
		if (r->id == id && (!r->cmds || word_in(c->name, r->cmds)))
			return r;
	return NULL;
}

/* LVM2 takes these in its activation forms of vgchange and lvchange only. */
const struct opt_need opt_needs[] = {
	{ "vgchange", OPT_IGNORELOCKINGFAILURE, { OPT_ACTIVATE, OPT_REFRESH, OPT_POLL, OPT_NONE } },
	{ "vgchange", OPT_SYSINIT, { OPT_ACTIVATE, OPT_REFRESH, OPT_NONE } },
	{ "lvchange", OPT_IGNORELOCKINGFAILURE, { OPT_ACTIVATE, OPT_NONE } },
	{ "lvchange", OPT_SYSINIT, { OPT_ACTIVATE, OPT_NONE } },
	{ NULL, OPT_NONE, { OPT_NONE } }
};

const struct opt_need *opt_needed(const struct command *c, enum opt_id id)
{
	const struct opt_need *n;

	for (n = opt_needs; n->id != OPT_NONE; n++)
		if (n->id == id && word_in(c->name, n->cmds))
			return n;
	return NULL;
}

const struct command *command_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(command_table) / sizeof(command_table[0]); i++)
		if (!strcmp(command_table[i].name, name))
			return &command_table[i];
	return NULL;
}

int cmd_version(struct cmd *cmd, struct args *a)
{
	printf("  plvm version:    %s\n", PACKAGE_VERSION);
	printf("  Plugin ABI:      %d.%d\n", PLVM_SEGTYPE_ABI_MAJOR, PLVM_SEGTYPE_ABI_MINOR);
	return ECMD_OK;
}

/* The segment types the loaded plugins provide, as LVM2's "lvm segtypes". */
int cmd_segtypes(struct cmd *cmd, struct args *a)
{
	const struct segtype *st;

	dm_list_iterate_items(st, &cmd->segtypes)
		if (st->desc)
			printf("  %s\n", st->name);
	return ECMD_OK;
}

int cmd_help(struct cmd *cmd, struct args *a)
{
	const struct command *c = a->argc ? command_find(a->argv[0]) : NULL;

	if (a->argc && !c) {
		fprintf(stderr, "  No such command \"%s\".\n", a->argv[0]);
		return EINVALID;
	}
	if (c) {
		command_usage(c, cmd, true);
		return ECMD_OK;
	}
	printf("  Available plvm commands:\n");
	return commands_print_all();
}

int commands_print_all(void)
{
	size_t i;

	for (i = 0; i < sizeof(command_table) / sizeof(command_table[0]); i++)
		printf("  %-14s %s\n", command_table[i].name, command_table[i].summary);
	return ECMD_OK;
}

const struct command *command_at(size_t i)
{
	return i < sizeof(command_table) / sizeof(command_table[0]) ? &command_table[i] : NULL;
}

void opt_synopsis(const struct opt_def *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s%c%s--%s%s", d->short_name ? "-" : "",
		 d->short_name ? d->short_name : ' ', d->short_name ? "|" : "", d->long_name,
		 d->arg == ARG_REQUIRED ? " VALUE" : "");
	if (!d->short_name)
		memmove(buf, buf + 1, strlen(buf));
}

void type_opt_synopsis(const struct plvm_option *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s%c%s--%s%s%s", o->letter ? "-" : "",
		 o->letter ? o->letter : ' ', o->letter ? "|" : "", o->name,
		 o->kind == PLVM_OPT_FLAG ? "" : " ", o->kind == PLVM_OPT_FLAG ? "" :
		 o->arg ? o->arg : "VALUE");
	if (!o->letter)
		memmove(buf, buf + 1, strlen(buf));
}

static void opt_usage(const struct opt_def *d)
{
	char name[64];

	opt_synopsis(d, name, sizeof(name));
	printf("\t%-32s %s\n", name, d->help);
}

static void type_opt_usage(const struct plvm_option *o, const char *type, void *arg)
{
	char name[96];

	type_opt_synopsis(o, name, sizeof(name));
	printf("\t%-32s %s (%s)\n", name, o->help, type);
}

void command_type_opts(const struct command *c, struct cmd *cmd, type_opt_fn fn, void *arg)
{
	const struct plvm_option *const *o;
	const struct segtype *st, *prev;
	bool seen;

	dm_list_iterate_items(st, &cmd->segtypes)
		for (o = st->desc && !st->alias_of ? st->desc->options : NULL; o && *o; o++) {
			if (!((*o)->commands & c->type_cmd))
				continue;
			seen = false;
			dm_list_iterate_items(prev, &cmd->segtypes) {
				const struct plvm_option *const *q;

				if (prev == st)
					break;
				for (q = prev->desc && !prev->alias_of ? prev->desc->options : NULL;
				     q && *q; q++)
					seen |= !strcmp((*q)->name, (*o)->name);
			}
			if (!seen)
				fn(*o, st->name, arg);
		}
}

void command_usage(const struct command *c, struct cmd *cmd, bool full)
{
	const enum opt_id *o;

	printf("  %s: %s\n\n  %s %s\n", c->name, c->summary, c->name, c->usage);
	if (!full)
		return;
	printf("\n  Options:\n");
	for (o = c->opts; *o != OPT_NONE; o++)
		opt_usage(opt_def(*o));
	if (cmd && c->type_cmd)
		command_type_opts(c, cmd, type_opt_usage, NULL);
	printf("\n  Common options: -v|--verbose -t|--test --config STRING -y|--yes"
	       " -f|--force -h|--help --version\n");
}

/* ---- what plugins may not declare ---- */

/* Has a command a type's option goes to (@type_cmd) a built-in option
 * with this long name, or this letter (0: not asked)? */
static bool in_opts(const enum opt_id *o, const char *name, char letter)
{
	const struct opt_def *d;

	for (; *o != OPT_NONE; o++) {
		d = opt_def(*o);
		if ((name && !strcmp(d->long_name, name)) || (letter && d->short_name == letter))
			return true;
	}
	return false;
}

static bool builtin_taken(const char *name, char letter, unsigned type_cmd)
{
	size_t i;

	if (in_opts(opt_common, name, 0))
		return true;
	for (i = 0; i < sizeof(command_table) / sizeof(command_table[0]); i++)
		if ((command_table[i].type_cmd & type_cmd) &&
		    in_opts(command_table[i].opts, name, letter))
			return true;
	return false;
}

static bool common_letter(char letter)
{
	static const char common[] = "vthdqyfA";

	return letter && strchr(common, letter);
}

static bool option_clash(const struct plvm_option *o, char *why, size_t len)
{
	if (builtin_taken(o->name, 0, o->commands)) {
		snprintf(why, len, "has the name of a built-in option");
		return true;
	}
	if (o->letter && (common_letter(o->letter) || builtin_taken(NULL, o->letter, o->commands))) {
		snprintf(why, len, "takes -%c, which a built-in option has", o->letter);
		return true;
	}
	return false;
}

static bool field_clash(const char *name)
{
	return field_is_builtin(name);
}

const struct cmd_reserved cli_reserved = {
	.option_clash = option_clash,
	.field_clash = field_clash,
};
