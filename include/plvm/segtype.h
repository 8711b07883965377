/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plvm segment-type plugin ABI, version 2.10.
 *
 * This is the only header a segment-type plugin includes.  It needs nothing
 * but <stddef.h> and <stdint.h>: no libdevmapper, no libconfig and no core
 * structure layout is visible here.  Everything a plugin learns about a
 * volume group, and everything it changes, goes through the host function
 * table (struct plvm_host_api) it is handed at init time.
 *
 * A segment type owns its whole life through five tables of callbacks:
 *
 *	meta	its metadata text and its place in the model (import, export,
 *		split, merge, set-up of segments the host makes)
 *	dev	its device-mapper devices (table lines, layer devices, target
 *		messages, hooks around activation and commits, status)
 *	cmd	the commands that make and change its LVs (lvcreate, lvextend,
 *		lvconvert, lvchange, lvrename, lvremove), with the command-line
 *		options it declares
 *	report	what lvs shows of it (report fields it declares, lv_attr
 *		letters, visibility, the name shown as its type)
 *	move	pvmove's questions (may an area go under the move layer, which
 *		PVs must a moved sub-LV avoid)
 *
 * A table the type does not need is NULL; a NULL callback makes the host
 * answer -ENOTSUP on the type's behalf (or use the generic behaviour the
 * callback's comment names).  The host never compares a type's name: it
 * tests the capability flags and calls these tables.
 *
 * ABI rules
 *  - PLVM_SEGTYPE_ABI_MAJOR changes on any incompatible change; the host
 *    refuses a plugin built for another major.
 *  - PLVM_SEGTYPE_ABI_MINOR grows when fields or callbacks are appended to
 *    one of the structures below.  Nothing is ever reordered or removed;
 *    each structure carries its own size so either side can tell which
 *    fields the other one knows.  A plugin reads a host structure member
 *    only if the host's size covers it (PLVM_HAS()).
 *  - Every callback and service returns 0 on success or a negative errno,
 *    unless its comment says otherwise.
 *  - Memory: plugins allocate per-segment data with api->seg_alloc (freed
 *    with the VG) and never free anything the host gave them.  Strings the
 *    host returns live as long as the VG they describe, unless noted.
 *    Strings a plugin passes in are copied by the host.
 *  - Plugins never print: they log through api->log (errors the user must
 *    see at PLVM_LOG_ERR, LVM2's informational lines at PLVM_LOG_NOTICE).
 *  - Ordering and locking: the host holds the VG lock (exclusive for
 *    commands that change it) around every callback that gets a VG; the
 *    model a callback changes is written only after the callback returns,
 *    with the host's two-step commit, and only if it returned 0.  Types
 *    never suspend, resume or remove devices: they describe tables and the
 *    host loads them, children before parents, and swaps them in with one
 *    suspend (top down) and resume (bottom up).
 */
#ifndef PLVM_SEGTYPE_H
#define PLVM_SEGTYPE_H

#include <stddef.h>
#include <stdint.h>

#define PLVM_SEGTYPE_ABI_MAJOR	2
#define PLVM_SEGTYPE_ABI_MINOR	12

/* Does a structure of size @s (its own size field) hold @member? */
#define PLVM_HAS(ptr, type, member) \
	((ptr)->size >= offsetof(type, member) + sizeof(((type *)0)->member))

/* Opaque handles owned by the host. */
struct plvm_host;	/* one per command and plugin: logging, config, the command line */
struct plvm_vg;		/* a volume group */
struct plvm_lv;		/* a logical volume */
struct plvm_pv;		/* a physical volume */
struct plvm_seg;	/* one segment of one LV */
struct plvm_meta;	/* a metadata section being read or written (text format) */
struct plvm_table;	/* the device-mapper table under construction */
struct plvm_request;	/* a command line, parsed (options, size, PV list) */

/* Capability flags: the core tests these, never a type's name. */
enum plvm_seg_caps {
	PLVM_SEG_CAN_SPLIT	= 1u << 0,	/* split() may cut at any extent */
	PLVM_SEG_CAN_ENCAPSULATE = 1u << 1,	/* its PV areas may be put under a pvmove layer */
	PLVM_SEG_AREAS_STRIPED	= 1u << 2,	/* areas hold consecutive stripes */
	PLVM_SEG_AREAS_MIRRORED	= 1u << 3,	/* areas hold copies of the same data */
	PLVM_SEG_VIRTUAL	= 1u << 4,	/* no areas at all */
	PLVM_SEG_EXCLUSIVE	= 1u << 5,	/* activation on one host only */
	PLVM_SEG_CAN_MERGE	= 1u << 6,	/* merge() joins adjacent segments */
	PLVM_SEG_PVMOVE_MIRROR	= 1u << 7,	/* can be the temporary pvmove mirror */
	PLVM_SEG_PLAIN		= 1u << 8,	/* lays extents out on PVs: what the host's
						 * allocations (api->lv_alloc) are made of */
	PLVM_SEG_CANNOT_ZERO	= 1u << 10,	/* lvcreate must not wipe the start */
	PLVM_SEG_ALIAS		= 1u << 11,	/* a command-line alias, never written */
	PLVM_SEG_UNKNOWN	= 1u << 12,	/* host only: no plugin provides it */
	/* ABI 2.3 */
	PLVM_SEG_LOGS_RESIZE	= 1u << 13,	/* cmd_ops->resize logs the size lines
						 * itself (naming the sub-LVs it grew)
						 * and asks before a reduce: the host
						 * does neither */
	/* ABI 2.6 */
	PLVM_SEG_LISTED_FIRST	= 1u << 14,	/* commands that go through a VG's LVs
						 * take LVs of this type first, the
						 * last made first (LVM2's thin pools) */
};

/* Log levels for api->log, the syslog numbers. */
enum plvm_log_level {
	PLVM_LOG_ERR	= 3,
	PLVM_LOG_WARN	= 4,
	PLVM_LOG_NOTICE	= 5,	/* LVM2's ordinary output lines */
	PLVM_LOG_INFO	= 6,	/* -v */
	PLVM_LOG_DEBUG	= 7,	/* -vvv and PLVM_DEBUG */
};

/* LV status bits (LVM2's "status" words), api->lv_status / lv_set_status. */
enum plvm_lv_status {
	PLVM_LV_READ		= 1u << 0,
	PLVM_LV_WRITE		= 1u << 1,
	PLVM_LV_VISIBLE		= 1u << 3,
	PLVM_LV_PVMOVE		= 1u << 6,	/* host only */
	PLVM_LV_LOCKED		= 1u << 7,	/* host only: under a pvmove */
	PLVM_LV_FIXED_MINOR	= 1u << 9,
	PLVM_LV_NOTSYNCED	= 1u << 10,
	PLVM_LV_REBUILD		= 1u << 11,
	PLVM_LV_WRITEMOSTLY	= 1u << 12,
};

/* Kinds of segment area. */
enum plvm_area_kind {
	PLVM_AREA_NONE	= 0,	/* unassigned */
	PLVM_AREA_PV	= 1,	/* extents of a PV */
	PLVM_AREA_LV	= 2,	/* extents of a sub-LV */
};

/* What api->seg_area() reports about one area. */
struct plvm_area {
	size_t		size;		/* sizeof(struct plvm_area) of the caller */
	enum plvm_area_kind kind;
	struct plvm_pv	*pv;		/* PLVM_AREA_PV */
	struct plvm_lv	*lv;		/* PLVM_AREA_LV */
	uint32_t	start;		/* first PE (PV) or LE (LV) */
	/* ABI 2.1+: append only */
};

/*
 * How a segment uses an LV outside its areas (api->seg_link_lv).  The host
 * keeps these links: an LV in use cannot be removed, device trees and
 * pvmove -n follow them, and validation checks them.
 */
enum plvm_link {
	PLVM_LINK_SUB	= 1,	/* a sub-LV the segment owns (a log, a pool's data or
				 * metadata, raid metadata): removed with it */
	PLVM_LINK_USE	= 2,	/* an LV it depends on without owning it (a thin LV's
				 * pool, a snapshot's origin) */
};

/* Health and progress a segment reports from its kernel status. */
struct plvm_seg_status {
	size_t		size;		/* sizeof(struct plvm_seg_status) of the caller */
	uint64_t	sync_done;	/* regions (or any unit) in sync */
	uint64_t	sync_total;	/* 0: no progress to report */
	uint32_t	failed_areas;	/* bit i: area i has failed */
	char		health;		/* lv_attr health character, '-' when fine */
	/* ABI 2.1+: append only */
};

/* One value of a metadata list: [ "a", 12, "b" ]. */
struct plvm_value {
	const char	*str;		/* a string, or NULL for a number */
	int64_t		num;
};

/* ---- the command line ---- */

/* Value kinds of options (struct plvm_option). */
enum plvm_opt_kind {
	PLVM_OPT_FLAG	= 1,	/* no value; may repeat */
	PLVM_OPT_STRING	= 2,
	PLVM_OPT_NUMBER	= 3,	/* unsigned decimal */
	PLVM_OPT_SIZE	= 4,	/* [+|-]N[unit], read in sectors */
	PLVM_OPT_BOOL	= 5,	/* y|n */
	PLVM_OPT_ENUM	= 6,	/* one of @choices */
	PLVM_OPT_LV	= 7,	/* an LV name, VG/LV or LV (in the command's VG) */
	PLVM_OPT_PV	= 8,	/* a PV name; may repeat */
};

/* The commands an option is given to (struct plvm_option.commands). */
enum plvm_cmd {
	PLVM_CMD_LVCREATE	= 1u << 0,
	PLVM_CMD_LVCONVERT	= 1u << 1,
	PLVM_CMD_LVCHANGE	= 1u << 2,
	PLVM_CMD_LVRESIZE	= 1u << 3,	/* lvextend, lvreduce, lvresize */
	PLVM_CMD_LVREMOVE	= 1u << 4,
};

/* struct plvm_option.flags */
#define PLVM_OPTF_SELECTS	1u	/* giving it offers the command to this type
					 * (lvcreate -T, lvconvert --thinpool) */
#define PLVM_OPTF_MISSING_OK	2u	/* (2.2) giving it lets the command change a
					 * VG with missing PVs (lvconvert --repair) */
#define PLVM_OPTF_REPEAT	4u	/* (2.3) a STRING or PV option that may be given
					 * more than once: api->opt_str_at reads each */
#define PLVM_OPTF_NONNEG	8u	/* (2.10) a SIZE the host refuses with a minus
					 * (a plus is taken and reported as sign 1) */
#define PLVM_OPTF_NOSIGN	16u	/* (2.10) a SIZE the host refuses with any sign */
#define PLVM_OPTF_TYPED		32u	/* (2.11) the option names the kind of LV it
					 * takes (lvconvert --mergesnapshot): when no
					 * type takes the LV, the host says "Command on
					 * LV ... does not accept LV type ..." (exit 5) */

/*
 * An option a segment type adds to the command line.  The host parses it,
 * refuses a bad value (exit 3), lists it in --help, and refuses it (exit 3)
 * when the type that ran the command never read it.  Two types may declare
 * the same option only with the same name, letter and kind; a declaration
 * that clashes with a built-in option or another type's is refused when
 * the plugin loads.  A built-in option clashes only for the commands it
 * belongs to (2.12): a type may add --zero to lvchange, which has none of
 * its own, though lvcreate has one.
 */
struct plvm_option {
	size_t		size;		/* sizeof(struct plvm_option) */
	const char	*name;		/* long name without "--", [a-z][a-z0-9-]* */
	char		letter;		/* short option, or 0 */
	enum plvm_opt_kind kind;
	const char *const *choices;	/* PLVM_OPT_ENUM: NULL-terminated */
	char		unit;		/* PLVM_OPT_SIZE: default unit, 's' 'k' 'm' 'g' ... */
	uint32_t	commands;	/* enum plvm_cmd */
	uint32_t	flags;		/* PLVM_OPTF_* */
	const char	*arg;		/* value in --help, e.g. "Size[m|UNIT]" */
	const char	*help;		/* one line */
	/* ABI 2.12 */
	const char	*lv_types;	/* LVM2's names of the kinds of LV the option
					 * is for, each followed by a space
					 * ("thinpool "): when no type takes an LV
					 * given it, the host says "Command on LV ...
					 * uses options that require LV types ..."
					 * (exit 5); NULL: a plainer refusal */
	const char	*bad_value;	/* PLVM_OPT_ENUM: what LVM2 says first of a
					 * value not among @choices, "%s" standing
					 * for the value; NULL: nothing first */
	/* ABI 2.13+: append only */
};

/* A size given with -l/-L, resolved by api->req_size. */
enum plvm_pct {
	PLVM_PCT_NONE	= 0,
	PLVM_PCT_VG	= 1,	/* of the VG's extents */
	PLVM_PCT_FREE	= 2,	/* of the VG's free extents */
	PLVM_PCT_PVS	= 3,	/* of the free extents of the PVs given (or of the VG's extents) */
	PLVM_PCT_LV	= 4,	/* of the LV's size (resizes) */
	PLVM_PCT_ORIGIN	= 5,	/* of an origin's size: the type resolves it */
};

struct plvm_size {
	size_t		size;		/* sizeof(struct plvm_size) of the caller */
	int		given;		/* 1 when -l or -L was given */
	int		sign;		/* -1, 0 or +1 */
	uint64_t	extents;	/* the value in extents (percentages resolved,
					 * -L rounded up with LVM2's message) */
	enum plvm_pct	pct;		/* a percentage of what, or PLVM_PCT_NONE */
	uint64_t	pct_value;	/* the percentage as given */
	uint64_t	new_extents;	/* resizes of @lv: its size after the change */
	/* ABI 2.1+: append only */
};

/* ---- reports ---- */

enum plvm_field_kind {
	PLVM_FIELD_STR	= 1,
	PLVM_FIELD_NUM	= 2,	/* unsigned decimal */
	PLVM_FIELD_SIZE	= 3,	/* sectors, shown in --units */
	PLVM_FIELD_PCT	= 4,	/* "done/total", shown as LVM2's percentage */
};

/*
 * A report field a segment type adds (lvs -o NAME).  Values come from the
 * report callback field().  Two types may declare the same field with the
 * same kind; a clash with a built-in field or another kind is refused when
 * the plugin loads.
 */
struct plvm_field {
	size_t		size;		/* sizeof(struct plvm_field) */
	const char	*name;		/* e.g. "raid_sync_action" */
	const char	*heading;	/* e.g. "SyncAction" */
	enum plvm_field_kind kind;
	uint32_t	width;		/* minimum column width, 0: the heading's */
	const char	*help;
	/* ABI 2.1+: append only */
	/* ABI 2.5: an LVM2 binary field when set: the type answers "1" or
	 * "0", shown as @word or blank (1 or 0 with --binary), and rows no
	 * type answers show "unknown" (-1).  A 2.4 host shows the answer. */
	const char	*word;
};

/* A configuration key a type reads (listed by plvm config). */
struct plvm_config_key {
	size_t		size;
	const char	*path;		/* "section/key", LVM2's names where LVM2 has the key */
	const char	*def;		/* default, as text */
	const char	*help;
	/* ABI 2.1+: append only */
};

/* ---- devices ---- */

/* Which device of an LV: api->lv_dev, dev_message, dev_status. */
enum plvm_dev_which {
	PLVM_DEV_TOP	= 0,	/* the device users of the LV map onto (vg-lv) */
	PLVM_DEV_OWN	= 1,	/* the device holding the LV's own segments' table
				 * (the same as TOP unless a dev_plan moves it) */
};

/*
 * Where an LV's tables go (dev ops dev_plan).  By default an LV is one device
 * "vg-lv" with the uuid "LVM-<vgid><lvid>" holding its segments' table.  A
 * plan may move that table to a layer device "vg-lv-<own_name>" and put a
 * top device above it whose table top_table() builds, and may give either
 * device a uuid suffix ("LVM-<vgid><lvid>-<suffix>").  LVM2's layouts: a
 * used thin pool has its thin-pool table in "-tpool" (uuid "-tpool") under a
 * linear top (uuid "-pool"); a snapshot origin's segments go to "-real"
 * under a snapshot-origin top; a pool's data LV has uuid suffix "-tdata".
 */
struct plvm_dev_plan {
	size_t		size;		/* sizeof(struct plvm_dev_plan) of the host */
	const char	*own_name;	/* layer name of the own device, NULL: none */
	const char	*own_uuid;	/* uuid suffix of the own device, NULL: none */
	int		top;		/* 1: a top device above it (top_table) */
	const char	*top_uuid;	/* uuid suffix of the top device, NULL: none */
	uint32_t	flags;		/* PLVM_PLAN_* */
	/* ABI 2.1 */
	uint64_t	top_len;	/* sectors of the top device when it is not the LV's
					 * size (a snapshot's is its origin's), 0: the LV's */
	/* ABI 2.5 */
	uint64_t	own_len;	/* sectors the own device maps when fewer than the
					 * LV's: its table is cut there (a pool's cropped
					 * metadata), 0: all of them */
	/* ABI 2.7+: append only */
};
#define PLVM_PLAN_READONLY	1u	/* the top device (with no top: the own one) is
					 * read-only (a pool's, an external origin) */
#define PLVM_PLAN_NO_LINK	2u	/* no /dev/VG/LV link even when visible */
#define PLVM_PLAN_INTERNAL	4u	/* 2.1: an LV internal to its type with no device of
					 * its own (a snapshot's snapshotN): activation
					 * passes it by and lvs never lists it */
#define PLVM_PLAN_STATUS_INFO	8u	/* 2.7: a report that reads a status (lv_attr,
					 * data_percent...) shows the own device's kernel
					 * info, its read-ahead 0: LVM2's thin pool */
#define PLVM_PLAN_USERS_ONLY	16u	/* 2.12: with no top, the own device is made for
					 * the LV's users alone (an external origin
					 * read as "vg-lv-real"): it does not make the
					 * LV itself active */

/* ---- allocation ---- */

/* struct plvm_alloc.flags */
#define PLVM_ALLOC_PARALLEL	1u	/* no two of the LVs share a PV, and each LV's
					 * new extents avoid the PVs the others use */
#define PLVM_ALLOC_QUIET	2u	/* a probe: no message on -ENOSPC */

/*
 * Grow @count LVs in parallel by @extents each, every LV striped over
 * @stripes PVs (1: linear), with segments of the plain type.  With
 * @meta_lvs, LV i of @meta_lvs first gets @meta_extents on the PV where
 * LV i's new extents start (raid metadata beside its image).  PVs come
 * from the request's PV list (or the VG's allocatable PVs) under its
 * --alloc policy (or the VG's), never from the LVs' PVs in @avoid.
 * With @log_lv (2.8), that LV gets @log_extents in the same allocation as
 * LVM2 places a mirror log or a thin pool's metadata: on the PV that gives
 * the fewest extents among those the first round of the LVs' extents could
 * use but does not (the later PV of equals), else beside the LVs' extents;
 * a 2.7 host has no such member (check api->abi_minor).
 */
struct plvm_alloc {
	size_t		size;		/* sizeof(struct plvm_alloc) of the caller */
	struct plvm_lv	*const *lvs;	/* @count LVs */
	struct plvm_lv	*const *meta_lvs; /* NULL, or @count LVs */
	uint32_t	count;
	uint32_t	extents;	/* per LV; a multiple of @stripes */
	uint32_t	meta_extents;
	uint32_t	stripes;
	uint32_t	stripe_size;	/* sectors, for @stripes > 1 */
	uint32_t	flags;		/* PLVM_ALLOC_* */
	struct plvm_lv	*const *avoid;	/* NULL-terminated, or NULL */
	struct plvm_pv	*const *only;	/* NULL-terminated: only these PVs, or NULL */
	struct plvm_lv	*for_lv;	/* the LV messages name, NULL: lvs[0] */
	/* ABI 2.8 */
	struct plvm_lv	*log_lv;	/* NULL, or an LV that gets @log_extents */
	uint32_t	log_extents;
	/* ABI 2.9+: append only */
};

/* ---- host services ---- */

/*
 * Unless noted, int returns are 0 or a negative errno, and a failure has
 * been logged by the host when it is the user's business (a name taken,
 * no space) and not when it is a plugin bug (-EINVAL on a bad argument).
 */
struct plvm_host_api {
	size_t	size;			/* sizeof(struct plvm_host_api) of the host */
	uint32_t abi_major, abi_minor;	/* the host's PLVM_SEGTYPE_ABI_* */

	/* A line for the user (indented as LVM2's; an empty one as it is). */
	void	(*log)(const struct plvm_host *h, int level, const char *fmt, ...)
			__attribute__((format(printf, 3, 4)));
	/* @sectors as LVM2 shows a size in messages ("8.00 MiB") into @buf. */
	const char *(*size_str)(char *buf, size_t len, uint64_t sectors);

	/* -- segment geometry -- */
	void   *(*seg_alloc)(const struct plvm_host *h, struct plvm_seg *seg, size_t len); /* zeroed; NULL on ENOMEM */
	void   *(*seg_priv)(const struct plvm_seg *seg);	/* what seg_alloc returned, or NULL */
	struct plvm_lv *(*seg_lv)(const struct plvm_seg *seg);
	const struct plvm_segtype *(*seg_type)(const struct plvm_seg *seg); /* the descriptor, aliases resolved */
	uint32_t (*seg_le)(const struct plvm_seg *seg);		/* first LE of the segment */
	uint32_t (*seg_len)(const struct plvm_seg *seg);	/* extents */
	uint32_t (*seg_area_len)(const struct plvm_seg *seg);	/* extents per area */
	int	(*seg_set_area_len)(struct plvm_seg *seg, uint32_t area_len);
	uint32_t (*seg_area_count)(const struct plvm_seg *seg);
	int	(*seg_area)(const struct plvm_seg *seg, uint32_t i, struct plvm_area *out);
	/* An LV area links the LV to @seg (as PLVM_LINK_SUB); NONE clears it. */
	int	(*seg_set_area)(const struct plvm_host *h, struct plvm_seg *seg, uint32_t i,
				const struct plvm_area *in);
	uint64_t (*extent_size)(const struct plvm_seg *seg);	/* sectors */
	struct plvm_seg *(*seg_next)(const struct plvm_seg *seg);	/* NULL after the last */

	/* -- links to LVs outside the areas -- */
	/* Record that @seg uses @lv (enum plvm_link); -EEXIST if it already does,
	 * -ELOOP if @lv is @seg's own LV or uses it. */
	int	(*seg_link_lv)(const struct plvm_host *h, struct plvm_seg *seg, struct plvm_lv *lv,
			       unsigned kind);
	int	(*seg_unlink_lv)(const struct plvm_host *h, struct plvm_seg *seg, struct plvm_lv *lv);
	/* The next segment after @prev (NULL to start) that uses @lv, through an
	 * area or a link, and how (PLVM_LINK_SUB for areas); NULL after the last. */
	struct plvm_seg *(*lv_next_user)(const struct plvm_lv *lv, const struct plvm_seg *prev,
					 unsigned *kind);

	/* -- pvmove progress the host keeps for mirrored segments -- */
	uint32_t (*seg_copied)(const struct plvm_seg *seg);		/* extents in sync */
	int	(*seg_set_copied)(struct plvm_seg *seg, uint32_t extents);
	int	(*seg_is_pvmove)(const struct plvm_seg *seg);		/* 1 or 0 */
	int	(*seg_set_pvmove)(struct plvm_seg *seg, int on);

	/* -- volume groups and LVs -- */
	struct plvm_vg *(*lv_vg)(const struct plvm_lv *lv);
	const char *(*vg_name)(const struct plvm_vg *vg);
	uint64_t (*vg_extent_size)(const struct plvm_vg *vg);	/* sectors */
	uint32_t (*vg_free_extents)(const struct plvm_vg *vg);
	struct plvm_lv *(*vg_find_lv)(const struct plvm_vg *vg, const char *name);	/* NULL if none */
	struct plvm_lv *(*vg_next_lv)(const struct plvm_vg *vg, const struct plvm_lv *prev);
	const char *(*lv_name)(const struct plvm_lv *lv);
	uint32_t (*lv_extents)(const struct plvm_lv *lv);	/* le_count */
	struct plvm_seg *(*lv_first_seg)(const struct plvm_lv *lv);	/* NULL: no segments */
	uint64_t (*lv_status)(const struct plvm_lv *lv);	/* enum plvm_lv_status */
	int	(*lv_set_status)(struct plvm_lv *lv, uint64_t set, uint64_t clear);
	/* The LV's flags: "ACTIVATION_SKIP"... in its flags list; a flag "+NAME"
	 * is one of LVM2's segment type flags, written after the type of each
	 * of its segments ("thin-pool+CROP_METADATA") and read back from there. */
	int	(*lv_flag)(const struct plvm_lv *lv, const char *flag);	/* 1 or 0 */
	int	(*lv_set_flag)(const struct plvm_host *h, struct plvm_lv *lv, const char *flag, int on);
	const char *(*pv_name)(const struct plvm_pv *pv);	/* device path */
	/* Call @add for every PV under @lv (its areas and SUB links, down to the
	 * PVs), each once; 0 or the first negative value @add returned. */
	int	(*lv_pvs)(const struct plvm_lv *lv, int (*add)(const struct plvm_pv *pv, void *arg),
			  void *arg);
	/* Find an LV in the VG of @seg (import: resolve names of sub-LVs). */
	struct plvm_lv *(*find_lv)(const struct plvm_host *h, const struct plvm_seg *seg,
				   const char *name);

	/* -- building LVs (commands) -- */
	/* A new LV without segments.  @name NULL: the next free "lvolN".  Flags:
	 * PLVM_LVC_VISIBLE, PLVM_LVC_USER (take the command line's LV settings:
	 * permission, tags, read-ahead, allocation policy, activation skip).
	 * NULL with errno EEXIST (logged: LVM2's "already exists"), EINVAL (a
	 * bad or reserved name, logged) or ENOMEM. */
	struct plvm_lv *(*lv_create)(const struct plvm_host *h, struct plvm_vg *vg, const char *name,
				     unsigned flags);
	/* A hidden sub-LV "<parent><suffix>" or, with @index >= 0,
	 * "<parent><suffix><index>" (e.g. "_rimage_", 0). */
	struct plvm_lv *(*sub_lv_create)(const struct plvm_host *h, struct plvm_lv *parent,
					 const char *suffix, int index);
	int	(*lv_rename)(const struct plvm_host *h, struct plvm_lv *lv, const char *name);
	/* Drop @lv and its segments; -EBUSY if a segment still uses it. */
	int	(*lv_remove)(const struct plvm_host *h, struct plvm_lv *lv);
	/* @lv and, recursively, the hidden LVs only it used (areas, SUB links). */
	int	(*lv_remove_tree)(const struct plvm_host *h, struct plvm_lv *lv);
	/* Move every segment of @from to the end of @to (their LEs shift). */
	int	(*lv_move_segments)(const struct plvm_host *h, struct plvm_lv *from,
				    struct plvm_lv *to);
	/* A new segment of type @type (a descriptor the plugin owns, or one
	 * api->segtype_find gave) at the end of @lv; its areas are unset and its
	 * private data is the type's to fill.  NULL with errno. */
	struct plvm_seg *(*seg_create)(const struct plvm_host *h, struct plvm_lv *lv,
				       const struct plvm_segtype *type, uint32_t len,
				       uint32_t area_len, uint32_t area_count);
	int	(*seg_remove)(const struct plvm_host *h, struct plvm_seg *seg);	/* the last one only */
	const struct plvm_segtype *(*segtype_find)(const struct plvm_host *h, const char *name);
	/* Allocate extents (struct plvm_alloc); -ENOSPC with LVM2's message. */
	int	(*lv_alloc)(const struct plvm_host *h, const struct plvm_request *req,
			    const struct plvm_alloc *a);
	/* Shrink @lv to @extents, freeing the tail (plain segments are cut). */
	int	(*lv_reduce)(const struct plvm_host *h, struct plvm_lv *lv, uint32_t extents);
	/* Zero the first @bytes of @lv (all of it when 0) now, through its device
	 * (activated for the purpose when inactive, from the model in memory). */
	int	(*lv_wipe)(const struct plvm_host *h, struct plvm_lv *lv, uint64_t bytes);

	/* -- the command line -- */
	/* Times option @name was given (0: not given).  Built-in options use
	 * LVM2's long names ("mirrors", "regionsize", "stripes", "nosync",
	 * "force", "yes"...). */
	int	(*opt_given)(const struct plvm_request *r, const char *name);
	/* The value of option @name; -ENOENT when not given, -EINVAL for an
	 * option of another kind.  Numbers, bools (0/1) and sizes (sectors,
	 * with *@sign -1/0/+1 when @sign is not NULL) read with opt_u64. */
	int	(*opt_str)(const struct plvm_request *r, const char *name, const char **val);
	int	(*opt_u64)(const struct plvm_request *r, const char *name, uint64_t *val, int *sign);
	/* An LV-valued option resolved in the command's VG; -ENOENT not given,
	 * -ENODEV no such LV (logged). */
	int	(*opt_lv)(const struct plvm_host *h, const struct plvm_request *r, const char *name,
			  struct plvm_lv **lv);
	/* -l/-L resolved against the VG (and @lv for %LV). */
	int	(*req_size)(const struct plvm_host *h, const struct plvm_request *r,
			    const struct plvm_lv *lv, struct plvm_size *out);
	/* The LV named by the positional VG/LV argument of lvcreate (-T vg/pool),
	 * or NULL. */
	const char *(*req_lv_name)(const struct plvm_request *r);
	/* The type named by --type (aliases kept: "linear"), or NULL. */
	const char *(*req_type_name)(const struct plvm_request *r);
	/* The PVs an allocation may use (those given on the command line, else
	 * the VG's): how many are allocatable, their extents and their free
	 * extents (within PE ranges). */
	uint32_t (*req_pv_count)(const struct plvm_request *r);
	/* The @i-th of those PVs, in command-line (or VG) order; NULL after the last. */
	struct plvm_pv *(*req_pv)(const struct plvm_request *r, uint32_t i);
	/* 1 when PVs were named on the command line, else 0. */
	int	(*req_pvs_given)(const struct plvm_request *r);
	uint32_t (*req_pv_extents)(const struct plvm_request *r, int free_only);
	/* Ask "@question [y/n]:" unless --yes (or -f with PLVM_ASK_FORCE).
	 * Returns 1 (yes) or 0 (no, logged by the caller). */
	int	(*confirm)(const struct plvm_host *h, const struct plvm_request *r,
			   unsigned flags, const char *question);

	/* -- configuration and the system -- */
	int64_t	(*config_int)(const struct plvm_host *h, const char *path, int64_t def);
	const char *(*config_str)(const struct plvm_host *h, const char *path, const char *def);
	/* The kernel target's version; -ENOENT if the kernel has none (after
	 * trying to load its module). */
	int	(*target_version)(const struct plvm_host *h, const char *target, uint32_t ver[3]);
	/* Run a program (argv[0] searched in PATH), its output logged at INFO.
	 * Returns its exit status (0..255), or -errno if it could not run. */
	int	(*run)(const struct plvm_host *h, const char *const *argv);

	/* -- metadata text (import reads, export writes; keys are LVM2's) -- */
	int	(*meta_get_u64)(const struct plvm_meta *m, const char *key, uint64_t *val); /* -ENOENT if absent */
	int	(*meta_get_str)(const struct plvm_meta *m, const char *key, const char **val);
	int	(*meta_set_u64)(struct plvm_meta *m, const char *key, uint64_t val);
	int	(*meta_set_str)(struct plvm_meta *m, const char *key, const char *val);
	/* ["pv0", 12, "lv_mimage_0", 0, ...]: resolves PVs and sub-LVs into the areas */
	int	(*meta_get_areas)(const struct plvm_host *h, const struct plvm_meta *m,
				  const char *key, struct plvm_seg *seg);
	int	(*meta_set_areas)(const struct plvm_host *h, struct plvm_meta *m,
				  const char *key, const struct plvm_seg *seg);
	/* A list of strings and numbers: up to @max values into @vals, their
	 * number in *@count (which may exceed @max: nothing is stored then and
	 * -ENOBUFS returned).  A single value counts as a list of one. */
	int	(*meta_get_list)(const struct plvm_meta *m, const char *key, struct plvm_value *vals,
				 uint32_t max, uint32_t *count);
	int	(*meta_set_list)(struct plvm_meta *m, const char *key, const struct plvm_value *vals,
				 uint32_t count);
	/* A subsection "key { ... }": read (-ENOENT if absent) or add. */
	int	(*meta_get_section)(const struct plvm_meta *m, const char *key,
				    const struct plvm_meta **sub);
	int	(*meta_add_section)(struct plvm_meta *m, const char *key, struct plvm_meta **sub);

	/*
	 * -- device-mapper tables --
	 * area_dev() names area i's device as "major:minor" and gives the sector
	 * offset of its start, making a sub-LV's device first when needed;
	 * lv_dev() does the same for a whole LV (a log, a pool's metadata, the
	 * pool's own device for a thin LV).
	 */
	int	(*area_dev)(const struct plvm_host *h, const struct plvm_seg *seg, uint32_t i,
			    char *buf, size_t len, uint64_t *offset);
	int	(*lv_dev)(const struct plvm_host *h, struct plvm_lv *lv, enum plvm_dev_which which,
			  char *buf, size_t len);
	int	(*table_add)(struct plvm_table *t, uint64_t len_sectors, const char *target,
			     const char *params);

	/* -- devices at run time (hooks, commands) -- */
	int	(*lv_is_active)(const struct plvm_host *h, const struct plvm_lv *lv);	/* 1 or 0 */
	/* Activate @lv (and what it needs) from the model in memory. */
	int	(*lv_activate)(const struct plvm_host *h, struct plvm_lv *lv);
	int	(*lv_deactivate)(const struct plvm_host *h, struct plvm_lv *lv);
	/* The kernel status of one of @lv's devices: the params of its first
	 * target (without start, length and target name) into @buf; -ENODEV
	 * when the device does not exist. */
	int	(*dev_status)(const struct plvm_host *h, const struct plvm_lv *lv,
			      enum plvm_dev_which which, char *buf, size_t len);
	/* Send a target message (sector 0) to one of @lv's devices. */
	int	(*dev_message)(const struct plvm_host *h, const struct plvm_lv *lv,
			       enum plvm_dev_which which, const char *msg);
	/* "/dev/mapper/<name>" of one of @lv's devices, for a check program. */
	int	(*dev_path)(const struct plvm_host *h, const struct plvm_lv *lv,
			    enum plvm_dev_which which, char *buf, size_t len);
	/* The model changed in a hook: the host writes and commits it again
	 * when the hook returns. */
	void	(*vg_changed)(const struct plvm_host *h, struct plvm_vg *vg);
	/* The tables of @lv change with the command's metadata (a snapshot's
	 * origin, a pool that gains a top device): the host reloads it, when
	 * active, between writing and committing the metadata. */
	int	(*lv_reload)(const struct plvm_host *h, struct plvm_lv *lv);
	/* ABI 2.1 */
	/* Is one of @lv's devices open (a mounted origin)?  1 or 0. */
	int	(*lv_is_open)(const struct plvm_host *h, const struct plvm_lv *lv,
			      enum plvm_dev_which which);
	/* ABI 2.2 */
	/* A configuration list of strings (a single string counts as a list of
	 * one, other values are skipped): a NULL-terminated array the host
	 * keeps for the command into *@out, and the number of strings (0 with
	 * *@out NULL when the setting is absent), or -errno. */
	int	(*config_list)(const struct plvm_host *h, const char *path,
			       const char *const **out);
	/* Does @lv, or an LV it holds through areas or SUB links, lie on a PV
	 * that is missing?  1 or 0. */
	int	(*lv_is_partial)(const struct plvm_host *h, const struct plvm_lv *lv);
	/* ABI 2.3 */
	/* The @i-th value (from 0, in command-line order) of option @name;
	 * -ENOENT past the last one (or when not given), -EINVAL for a flag. */
	int	(*opt_str_at)(const struct plvm_request *r, const char *name, uint32_t i,
			      const char **val);
	/* Resize @lv, an LV the calling type holds (an area, a SUB link), to
	 * @extents through its own type's cmd_ops->resize, as if @r asked for
	 * "-l @extents" of it: @r's PVs, --alloc and other options apply.
	 * -ENOTSUP when its type cannot resize it. */
	int	(*lv_resize)(const struct plvm_host *h, const struct plvm_request *r,
			     struct plvm_lv *lv, uint32_t extents);
	/* ABI 2.4 */
	/* The type logged the outcome of command @r itself (LVM2 words some
	 * conversions its own way): the host prints no "Logical volume ...
	 * successfully converted." after it. */
	void	(*outcome_logged)(const struct plvm_request *r);
	/* ABI 2.12 */
	/* @a and @b, inactive LVs of one VG, trade names and ids: an LV turned
	 * into another kind keeps what users and devices know it by (lvconvert
	 * --thin: the new thin LV takes the old LV's).  -EBUSY when active. */
	int	(*lv_swap_identity)(const struct plvm_host *h, struct plvm_lv *a,
				    struct plvm_lv *b);
	/* ABI 2.13+: append only */
};

/* lv_create flags */
#define PLVM_LVC_VISIBLE	1u
#define PLVM_LVC_USER		2u

/* confirm flags */
#define PLVM_ASK_FORCE		1u	/* -f also answers yes */

/* What the core asks of a segment it creates (allocations, pvmove): the
 * type turns these into its private data in init_seg(). */
struct plvm_seg_params {
	size_t		size;		/* sizeof(struct plvm_seg_params) of the host */
	uint32_t	stripe_size;	/* sectors; 0: the type's default */
	uint32_t	region_size;	/* sectors; 0: the type's default */
	uint32_t	flags;		/* PLVM_SEGP_* */
	/* ABI 2.1+: append only */
};
#define PLVM_SEGP_PVMOVE	1u	/* the temporary mirror of a pvmove */
#define PLVM_SEGP_NOSYNC	2u	/* copies need no initial resync (--nosync) */

/*
 * Metadata and model.  Mandatory: import, export.
 *
 * import_area_count: read from @m how many areas the segment has, before
 *	the host allocates it.  0 or -errno (-EINVAL: bad or missing key).
 *	NULL for a VIRTUAL type: no areas.
 * import: fill @seg from @m: private data, areas (api->meta_get_areas)
 *	and links to sub-LVs (api->seg_link_lv).  Other LVs exist by then but
 *	may not have their segments yet.  Keys the type never reads here are
 *	kept and written back after its own on export.  0 or -errno; the host
 *	names the segment in its own error message.
 * export: write the type's keys of @seg into @m.  0 or -errno.
 * split: cut @seg after @offset extents; @tail is a fresh segment with the
 *	same type and area count whose geometry and areas the callback sets.
 *	0, -EINVAL for an offset the layout cannot cut at, or -errno.
 * merge: append @second to @first if their areas are contiguous.
 *	Returns 1 when merged (the host then drops @second), 0 when they
 *	cannot be merged, or -errno.
 * init_seg: set up the private data of a segment the host has just made
 *	(its geometry and areas are set) from @p.  0, -EINVAL for parameters
 *	the type cannot use.
 */
struct plvm_meta_ops {
	size_t	size;		/* sizeof(struct plvm_meta_ops) the plugin was built with */
	int	(*import_area_count)(const struct plvm_host *h, const struct plvm_meta *m,
				     uint32_t *count);
	int	(*import)(const struct plvm_host *h, struct plvm_seg *seg, const struct plvm_meta *m);
	int	(*export)(const struct plvm_host *h, const struct plvm_seg *seg, struct plvm_meta *m);
	int	(*split)(const struct plvm_host *h, struct plvm_seg *seg, uint32_t offset,
			 struct plvm_seg *tail);
	int	(*merge)(const struct plvm_host *h, struct plvm_seg *first,
			 const struct plvm_seg *second);
	int	(*init_seg)(const struct plvm_host *h, struct plvm_seg *seg,
			    const struct plvm_seg_params *p);
	/* ABI 2.1+: append only */
};

/*
 * Devices.  Mandatory: build_table (unless the type has PLVM_SEG_UNKNOWN).
 *
 * build_table: append @seg's targets to @t with api->table_add.  Lengths
 *	must add up to the segment's length in sectors.  0 or -errno.
 * dev_plan: where @lv's tables go (struct plvm_dev_plan).  Asked of @lv's
 *	first segment (@seg is then @lv's own) and of every segment that uses
 *	@lv; each may set the fields it cares about.  0 or -errno.
 * top_table: the table of @lv's top device, for the segment whose dev_plan
 *	asked for one.  Lengths add up to @lv's size (or to the plan's
 *	top_len, 2.1).  0 or -errno.  Needed only by a type whose plans ask
 *	for a top device (before 2.12 the host wanted it with any dev_plan).
 * status: parse the kernel status @params of the target built for @seg
 *	into @st.  0 or -errno (-EPROTO: unparsable).
 * before_activate: called before the device holding @seg's table is made
 *	or reloaded (a check program on a pool's metadata).  0, or -errno to
 *	stop the activation.
 * after_activate: called once the device holding @seg's table is live
 *	(target messages that keep the kernel in step with the metadata).
 *	The hook may change the model (api->vg_changed).  0 or -errno.
 * after_commit: called for every segment of the type after each metadata
 *	commit of a command (pending messages of an inactive pool).  0 or -errno.
 * peers (2.1): the LVs whose devices come and go with @lv's (a snapshot's
 *	origin and its COW LVs): call @add for each.  lvchange and vgchange
 *	activate them after @lv and deactivate them before it.  Asked, like
 *	dev_plan, of @lv's first segment and of every segment that uses @lv;
 *	the host follows peers of peers.  0 or the first negative @add return.
 * degraded (2.2): may @seg run while some of the LVs it holds are partial
 *	(api->lv_is_partial), with their missing extents reading and writing
 *	as errors (a raid that lost no more images than it has redundancy)?
 *	0 yes, -ENODEV no.  Asked when activation_mode is "degraded"; a NULL
 *	callback means no.
 */
struct plvm_dev_ops {
	size_t	size;		/* sizeof(struct plvm_dev_ops) */
	int	(*build_table)(const struct plvm_host *h, const struct plvm_seg *seg,
			       struct plvm_table *t);
	int	(*dev_plan)(const struct plvm_host *h, const struct plvm_seg *seg,
			    const struct plvm_lv *lv, struct plvm_dev_plan *plan);
	int	(*top_table)(const struct plvm_host *h, const struct plvm_seg *seg,
			     struct plvm_lv *lv, struct plvm_table *t);
	int	(*status)(const struct plvm_host *h, const struct plvm_seg *seg,
			  const char *params, struct plvm_seg_status *st);
	int	(*before_activate)(const struct plvm_host *h, struct plvm_seg *seg);
	int	(*after_activate)(const struct plvm_host *h, struct plvm_seg *seg);
	int	(*after_commit)(const struct plvm_host *h, struct plvm_seg *seg);
	/* ABI 2.1 */
	int	(*peers)(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv, int (*add)(struct plvm_lv *peer, void *arg),
			 void *arg);
	/* ABI 2.2 */
	int	(*degraded)(const struct plvm_host *h, const struct plvm_seg *seg);
	/* ABI 2.4+: append only */
};

/*
 * Commands.  Each returns 0, -ENOTSUP when the request is not for this
 * type (and then it must not have changed anything: the host offers the
 * command to the next candidate), -EINVAL for a request it refuses (exit 3,
 * the reason logged) or another -errno (exit 5, the reason logged).  The
 * host writes and commits the model after a 0, and discards it otherwise.
 *
 * create: make the LVs of an lvcreate in @vg.  *@main is the LV the host
 *	activates (with -a) and names in "Logical volume ... created".
 *	Candidates: the --type type, else types that declared a
 *	PLVM_OPTF_SELECTS option given, else global/mirror_segtype_default
 *	with -m, else global/default_segtype.
 * resize: lvextend/lvreduce/lvresize of @lv (the request's -l/-L, or the
 *	type's own options).  NULL: "not supported" for this type.  A hidden
 *	@lv is offered only to the types of the segments that use it.
 * convert: lvconvert of @lv.  Candidates, in order: the --type type, types
 *	with a given PLVM_OPTF_SELECTS option, @lv's own type, the types of
 *	the segments that use @lv.
 * change: lvchange of @lv with this type's options (candidates as convert).
 *	-EALREADY (2.12): the type changed @lv as asked, but part of the
 *	request asked for what already was, and it logged that (LVM2 writes
 *	such a change, says the LV changed, and fails): the host writes the
 *	change, says so, and exits 5.
 * rename: @lv is being renamed to @name: rename the sub-LVs that carry its
 *	name.  The host renames @lv itself afterwards.  NULL: nothing to do.
 * remove: lvremove of @lv (asked of the types of the segments using @lv,
 *	then of @lv's own type): remove it and what goes with it.  NULL, or
 *	-ENOTSUP from all: the host removes @lv and its hidden sub-LVs.
 * remove_missing (2.3): vgreduce --removemissing --force, @lv (whose
 *	first segment is the type's) is partial: make it whole without the
 *	missing PVs, keeping what can be kept (a raid puts error segments in
 *	place of its lost images and metadata LVs, for lvconvert --repair to
 *	replace later).  0 when @lv is no longer partial (the host reloads it
 *	when active), -ENOTSUP to let the host remove @lv with what it holds.
 */
struct plvm_cmd_ops {
	size_t	size;		/* sizeof(struct plvm_cmd_ops) */
	int	(*create)(const struct plvm_host *h, struct plvm_vg *vg,
			  const struct plvm_request *r, struct plvm_lv **main);
	int	(*resize)(const struct plvm_host *h, struct plvm_lv *lv,
			  const struct plvm_request *r);
	int	(*convert)(const struct plvm_host *h, struct plvm_lv *lv,
			   const struct plvm_request *r);
	int	(*change)(const struct plvm_host *h, struct plvm_lv *lv,
			  const struct plvm_request *r);
	int	(*rename)(const struct plvm_host *h, struct plvm_lv *lv, const char *name);
	int	(*remove)(const struct plvm_host *h, struct plvm_lv *lv,
			  const struct plvm_request *r);
	/* ABI 2.3 */
	int	(*remove_missing)(const struct plvm_host *h, struct plvm_lv *lv);
	/* ABI 2.4+: append only */
};

/* ---- lvdisplay ---- */

/* Where in lvdisplay's block of an LV the type's lines go. */
enum plvm_disp_part {
	PLVM_DISP_NAMES		= 1,	/* after "LV Creation host, time": the LVs it
					 * names (pool, origin, snapshots) */
	PLVM_DISP_SIZE		= 2,	/* after "LV Size": usage percentages */
	PLVM_DISP_EXTENTS	= 3,	/* after "Current LE": more sizes and counts */
	PLVM_DISP_SEGMENT	= 4,	/* lvdisplay -m: a segment's lines after its
					 * "Type" line */
};

/*
 * What the host hands the display callback.  Lines are LVM2's: @line
 * prints "  " and the text (in -m segment lines the text starts with two
 * more spaces and a label, a tab, the value).  Sizes are printed through
 * @size_str, which follows the command's --units; percentages through
 * @percent_str, as LVM2 rounds them.
 */
struct plvm_display {
	size_t		size;		/* sizeof(struct plvm_display) of the host */
	enum plvm_disp_part part;
	void	(*line)(struct plvm_display *d, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	const char *(*size_str)(const struct plvm_display *d, char *buf, size_t len,
				uint64_t sectors);
	/* @done of @total, two decimals, 0.00 and 100.00 only when exact */
	const char *(*percent_str)(char *buf, size_t len, uint64_t done, uint64_t total);
	/* area @i of @seg as the host shows areas: "Physical volume" and
	 * "Physical extents" (or "Logical volume" and "Logical extents")
	 * lines, each "  " + @indent + label, a tab, the value */
	void	(*area)(struct plvm_display *d, const struct plvm_seg *seg, uint32_t i,
			const char *indent);
	/* PLVM_DISP_NAMES: the extents "LV Size" and "Current LE" show, the LV's
	 * own; a type may change them (a snapshot's COW LV shows its origin's) */
	uint32_t	shown_extents;
	/* PLVM_DISP_SEGMENT: what LVM2 shows after "Monitoring" for a type
	 * dmeventd watches: "" (activation/monitoring off, or @lv inactive) or
	 * "not monitored" (the host runs no monitor) */
	const char	*monitoring;
	void		*host_priv;	/* the host's */
	/* ABI 2.6+: append only */
};

/*
 * Reports.  Each callback is asked about @lv by @lv's own first segment
 * (@seg on @lv) first, then by each segment that uses @lv (@seg on
 * another LV), then, with @seg NULL, by the type that claims @lv's name
 * suffix (struct plvm_segtype.lv_suffixes).  @status is the kernel status
 * params of the device holding @seg's table (or @lv's top device when @seg
 * is NULL), or NULL when it is not active.
 *
 * display_name: the name lvs shows as @seg's type (e.g. "linear" for a
 *	1-stripe "striped"); NULL means the type's own name.
 * field: the value of report field @name for @lv into @buf: a string, a
 *	number, a size in sectors, or "done/total" for a percentage.
 *	Returns 1 when written, 0 when the type has nothing to say, or -errno.
 *	The host asks it for its generic type fields too: "stripes",
 *	"stripe_size", "region_size", "chunk_size", "mirror_log", "pool_lv",
 *	"data_lv", "metadata_lv", "origin", "lv_layout", "lv_role",
 *	"data_percent", "metadata_percent", "snap_percent", "copy_percent".
 * lv_attr: change the letters of @attr (lv_attr's 10 characters) that are
 *	the type's business: 0 volume type, 6 target type, 7 zero, 8 health,
 *	4 state ('I' 'S' 'm' 'M' 'c' 'C').  Later callers see and may change
 *	what earlier ones set.  0 or -errno.
 * lv_visible: is @lv shown without -a?  1 yes, 0 no, -ENOTSUP no opinion
 *	(then its VISIBLE status decides).
 * display (2.6): the type's lines of lvdisplay, part @d->part (struct
 *	plvm_display), printed through @d->line.  Asked for the LV parts like
 *	the other callbacks (every asker in turn, none stops the others); for
 *	PLVM_DISP_SEGMENT only @seg's own type is asked, with @lv its LV, and
 *	it prints every line after the host's "Type" line: its areas (if any)
 *	and LVM2's closing " " line (if any).  A type without the callback
 *	gets the host's: the areas as stripes, then " ".  0 or -errno (the
 *	host goes on with the next part).
 */
struct plvm_report_ops {
	size_t	size;		/* sizeof(struct plvm_report_ops) */
	const char *(*display_name)(const struct plvm_host *h, const struct plvm_seg *seg);
	int	(*field)(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv, const char *name, const char *status,
			 char *buf, size_t len);
	int	(*lv_attr)(const struct plvm_host *h, const struct plvm_seg *seg,
			   const struct plvm_lv *lv, const char *status, char attr[10]);
	int	(*lv_visible)(const struct plvm_host *h, const struct plvm_seg *seg,
			      const struct plvm_lv *lv);
	/* ABI 2.6 */
	int	(*display)(const struct plvm_host *h, const struct plvm_seg *seg,
			   const struct plvm_lv *lv, const char *status, struct plvm_display *d);
	/* ABI 2.7+: append only */
};

/*
 * pvmove.
 *
 * encapsulate: put area @area of @seg, which lies on a PV, under a pvmove
 *	layer: from now on its extents are those of @layer from LE @le on
 *	(api->seg_set_area with an LV area does it for a plain layout).
 *	0, -ENOTSUP if this area cannot be moved that way, or -errno.
 *	Mandatory with PLVM_SEG_CAN_ENCAPSULATE.
 * avoid: @seg uses @lv (an area or a link), and extents of @lv (or of an LV
 *	under it) are being moved: call @add for every PV the moved extents
 *	must not go to (the PVs of the other images of a raid or mirror; a
 *	raid image's own metadata is no obstacle).  The host asks each segment
 *	up the chain of users.  0, or the first negative value @add returned.
 * persist (2.3): @seg is a new pvmove mirror segment (the first to copy):
 *	keep its copy progress on disk from now on, so that a move stopped
 *	(crash, deactivation) resumes where it was.  Extents that takes are
 *	allocated with api->lv_alloc(h, @r, ...): @r lists the PVs (never
 *	the one being vacated) and gives the policy.  The next table built
 *	for @seg must start its copy afresh: what lies on newly allocated
 *	extents means nothing.  0, -ENOSPC (no room, quietly: the host says
 *	so and moves on without it), or -errno.
 * advance (2.3): classic pvmove: @done has been copied and @next copies
 *	from now on.  Hand what persist set up over to @next (started afresh
 *	in its next table).  0 or -errno.
 * throttle (2.9): let the copies of this type's pvmove mirrors keep the
 *	disks busy @percent of the time at most (1-100; 100 lifts the limit).
 *	Asked of the type with PLVM_SEG_PVMOVE_MIRROR only.  The host's poller
 *	sets it again and again to hold the rate the user asked for, and to
 *	100 when the move ends.  0, -ENOTSUP (the kernel has no such limit),
 *	or -errno.
 */
struct plvm_move_ops {
	size_t	size;		/* sizeof(struct plvm_move_ops) */
	int	(*encapsulate)(const struct plvm_host *h, struct plvm_seg *seg, uint32_t area,
			       struct plvm_lv *layer, uint32_t le);
	int	(*avoid)(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv,
			 int (*add)(const struct plvm_pv *pv, void *arg), void *arg);
	/* ABI 2.3 */
	int	(*persist)(const struct plvm_host *h, struct plvm_seg *seg,
			   const struct plvm_request *r);
	int	(*advance)(const struct plvm_host *h, struct plvm_seg *done,
			   struct plvm_seg *next);
	/* ABI 2.9 */
	int	(*throttle)(const struct plvm_host *h, unsigned percent);
	/* ABI 2.10+: append only */
};

struct plvm_segtype {
	size_t		size;		/* sizeof(struct plvm_segtype) */
	const char	*name;		/* metadata "type = ", [a-z0-9_+-]{1,32} */
	const char	*alias_of;	/* PLVM_SEG_ALIAS: the type this name stands for */
	const char	*dm_target;	/* kernel target name, e.g. "striped"; NULL if none */
	uint32_t	dm_min_version[3];
	uint64_t	caps;		/* enum plvm_seg_caps */
	const struct plvm_meta_ops	*meta;
	const struct plvm_dev_ops	*dev;
	const struct plvm_cmd_ops	*cmd;		/* NULL: no commands */
	const struct plvm_report_ops	*report;	/* NULL: generic reports */
	const struct plvm_move_ops	*move;		/* NULL: pvmove leaves it alone */
	const struct plvm_option *const	*options;	/* NULL-terminated, or NULL */
	const struct plvm_field *const	*fields;	/* NULL-terminated, or NULL */
	const char *const		*lv_suffixes;	/* names it claims ("_pmspare"), or NULL */
	const struct plvm_config_key *const *config;	/* NULL-terminated, or NULL */
	/* ABI 2.1+: append only */
};

struct plvm_segtype_plugin {
	uint32_t	abi_major;	/* PLVM_SEGTYPE_ABI_MAJOR the plugin was built with */
	uint32_t	abi_minor;
	size_t		size;		/* sizeof(struct plvm_segtype_plugin) */
	const char	*name;		/* must equal the module's file name */
	const char	*version;	/* free form, for logs */
	const struct plvm_segtype *const *segtypes;	/* NULL-terminated */
	/* optional: keep @api for later calls; 0 or -errno (the plugin is then refused) */
	int	(*init)(const struct plvm_host *h, const struct plvm_host_api *api);
	void	(*exit)(void);	/* optional */
	/* ABI 2.1+: append only */
};

/*
 * The one symbol a plugin exports.  Returns the descriptor, or NULL if the
 * plugin cannot work with a host of that ABI.  The host checks the
 * descriptor's abi_major itself and refuses another major with a message
 * naming both versions.
 */
typedef const struct plvm_segtype_plugin *
	(*plvm_segtype_entry_fn)(uint32_t host_abi_major, uint32_t host_abi_minor);

#define PLVM_SEGTYPE_ENTRY	"plvm_segtype_plugin_entry"
/* In a plugin installed as raid.so: PLVM_SEGTYPE_ENTRY_NAME(raid)(maj, min) { ... } */
#define PLVM_SEGTYPE_ENTRY_NAME(mod)	mod##_LTX_plvm_segtype_plugin_entry

#endif /* PLVM_SEGTYPE_H */
