/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plvm segment-type plugin ABI.
 *
 * This is the only header a segment-type plugin includes.  It needs nothing
 * but <stddef.h> and <stdint.h>: no libdevmapper, no libconfig and no core
 * structure layout is visible here.  Everything a plugin learns about a
 * volume group, and everything it changes, goes through the host function
 * table (struct plvm_host_api) it is handed at init time.
 *
 * ABI rules
 *  - PLVM_SEGTYPE_ABI_MAJOR changes on any incompatible change; the host
 *    refuses a plugin built for another major.
 *  - PLVM_SEGTYPE_ABI_MINOR grows when fields or callbacks are appended to
 *    one of the structures below.  Nothing is ever reordered or removed;
 *    each structure carries its own size so either side can tell which
 *    fields the other one knows.
 *  - Every callback returns 0 on success or a negative errno, unless its
 *    typedef says otherwise.  A NULL optional callback makes the host
 *    answer -ENOTSUP on its behalf; plugins never test host callbacks.
 *  - Plugins allocate per-segment memory with api->seg_alloc (freed with the
 *    volume group) and never free anything the host gave them.
 *  - Plugins never print: they log through api->log.
 */
#ifndef PLVM_SEGTYPE_H
#define PLVM_SEGTYPE_H

#include <stddef.h>
#include <stdint.h>

#define PLVM_SEGTYPE_ABI_MAJOR	1
#define PLVM_SEGTYPE_ABI_MINOR	0

/* Opaque handles owned by the host. */
struct plvm_host;	/* one per command: logging, config, the VG being worked on */
struct plvm_seg;	/* one segment of one LV */
struct plvm_lv;		/* a logical volume */
struct plvm_pv;		/* a physical volume */
struct plvm_meta;	/* a metadata section being read or written (text format) */
struct plvm_table;	/* the device-mapper table under construction */

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
	PLVM_SEG_USER_MIRROR	= 1u << 8,	/* lvcreate -m / --type with image sub-LVs */
	PLVM_SEG_POOL		= 1u << 9,	/* a pool that other LVs map into */
	PLVM_SEG_CANNOT_ZERO	= 1u << 10,	/* lvcreate must not wipe the start */
	PLVM_SEG_ALIAS		= 1u << 11,	/* a command-line alias, never written */
	PLVM_SEG_UNKNOWN	= 1u << 12,	/* host only: no plugin provides it */
};

/* Log levels for api->log, the syslog numbers. */
enum plvm_log_level {
	PLVM_LOG_ERR	= 3,
	PLVM_LOG_WARN	= 4,
	PLVM_LOG_NOTICE	= 5,
	PLVM_LOG_INFO	= 6,	/* -v */
	PLVM_LOG_DEBUG	= 7,	/* -vvv and PLVM_DEBUG */
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
	/* ABI 1.1+: append only */
};

/* Health and progress a segment reports from its kernel status. */
struct plvm_seg_status {
	size_t		size;		/* sizeof(struct plvm_seg_status) of the caller */
	uint64_t	sync_done;	/* regions (or any unit) in sync */
	uint64_t	sync_total;	/* 0: no progress to report */
	uint32_t	failed_areas;	/* bit i: area i has failed */
	char		health;		/* lv_attr health character, '-' when fine */
	/* ABI 1.1+: append only */
};

/*
 * Host services.  Unless noted, int returns are 0 or a negative errno.
 * Strings returned by the host live as long as the VG they describe.
 */
struct plvm_host_api {
	size_t	size;			/* sizeof(struct plvm_host_api) of the host */
	uint32_t abi_major, abi_minor;	/* the host's PLVM_SEGTYPE_ABI_* */

	void	(*log)(const struct plvm_host *h, int level, const char *fmt, ...)
			__attribute__((format(printf, 3, 4)));

	/* Segment geometry. */
	void   *(*seg_alloc)(const struct plvm_host *h, struct plvm_seg *seg, size_t len); /* zeroed; NULL on ENOMEM */
	void   *(*seg_priv)(const struct plvm_seg *seg);	/* what seg_alloc returned, or NULL */
	struct plvm_lv *(*seg_lv)(const struct plvm_seg *seg);
	uint32_t (*seg_le)(const struct plvm_seg *seg);		/* first LE of the segment */
	uint32_t (*seg_len)(const struct plvm_seg *seg);	/* extents */
	uint32_t (*seg_area_len)(const struct plvm_seg *seg);	/* extents per area */
	int	(*seg_set_area_len)(struct plvm_seg *seg, uint32_t area_len);
	uint32_t (*seg_area_count)(const struct plvm_seg *seg);
	int	(*seg_area)(const struct plvm_seg *seg, uint32_t i, struct plvm_area *out);
	int	(*seg_set_area)(const struct plvm_host *h, struct plvm_seg *seg, uint32_t i,
				const struct plvm_area *in);
	uint64_t (*extent_size)(const struct plvm_seg *seg);	/* sectors */

	/* Names and lookups. */
	const char *(*lv_name)(const struct plvm_lv *lv);
	const char *(*pv_name)(const struct plvm_pv *pv);	/* device path */
	struct plvm_lv *(*find_lv)(const struct plvm_host *h, const struct plvm_seg *seg,
				   const char *name);	/* in the segment's VG; NULL if none */
	struct plvm_seg *(*lv_first_seg)(const struct plvm_lv *lv);

	/* Metadata text (import reads, export writes; keys are LVM2's). */
	int	(*meta_get_u64)(const struct plvm_meta *m, const char *key, uint64_t *val); /* -ENOENT if absent */
	int	(*meta_get_str)(const struct plvm_meta *m, const char *key, const char **val);
	int	(*meta_set_u64)(struct plvm_meta *m, const char *key, uint64_t val);
	int	(*meta_set_str)(struct plvm_meta *m, const char *key, const char *val);
	/* ["pv0", 12, "lv_mimage_0", 0, ...]: resolves PVs and sub-LVs into the areas */
	int	(*meta_get_areas)(const struct plvm_host *h, const struct plvm_meta *m,
				  const char *key, struct plvm_seg *seg);
	int	(*meta_set_areas)(const struct plvm_host *h, struct plvm_meta *m,
				  const char *key, const struct plvm_seg *seg);

	/*
	 * Device-mapper tables.  area_dev() names area i's device as
	 * "major:minor" and gives the sector offset of its start, activating
	 * a sub-LV first when needed; lv_dev() does the same for a whole
	 * sub-LV (a log, a pool's metadata, ...).
	 */
	int	(*area_dev)(const struct plvm_host *h, const struct plvm_seg *seg, uint32_t i,
			    char *buf, size_t len, uint64_t *offset);
	int	(*lv_dev)(const struct plvm_host *h, struct plvm_lv *lv, char *buf, size_t len);
	int	(*table_add)(struct plvm_table *t, uint64_t len_sectors, const char *target,
			     const char *params);

	/* Walking an LV's segments, and the copy progress the host keeps for
	 * mirrored segments (pvmove checkpoints: "extents_moved"). */
	struct plvm_seg *(*seg_next)(const struct plvm_seg *seg);	/* NULL after the last */
	uint32_t (*seg_copied)(const struct plvm_seg *seg);		/* extents in sync */
	int	(*seg_set_copied)(struct plvm_seg *seg, uint32_t extents);
	int	(*seg_is_pvmove)(const struct plvm_seg *seg);		/* 1 or 0 */
	int	(*seg_set_pvmove)(struct plvm_seg *seg, int on);
	/* ABI 1.1+: append only */
};

/* What the core asks of a segment it creates (lvcreate, lvextend, pvmove):
 * the type turns these into its private data in init_seg(). */
struct plvm_seg_params {
	size_t		size;		/* sizeof(struct plvm_seg_params) of the host */
	uint32_t	stripe_size;	/* sectors; 0: the type's default */
	uint32_t	region_size;	/* sectors; 0: the type's default */
	struct plvm_lv	*log_lv;	/* a mirror log, or NULL for an in-memory log */
	uint32_t	flags;		/* PLVM_SEGP_* */
	/* ABI 1.1+: append only */
};
#define PLVM_SEGP_PVMOVE	1u	/* the temporary mirror of a pvmove */
#define PLVM_SEGP_NOSYNC	2u	/* skip the initial resync */

/*
 * Callbacks of a segment type.  Mandatory: import, export, build_table.
 *
 * import_area_count: read from @m how many areas the segment has, before
 *	the host allocates it.  0 or -errno (-EINVAL: bad or missing key).
 * import: fill @seg from @m: private data, and areas through
 *	api->meta_get_areas.  0 or -errno; the host names the segment in
 *	its own error message.
 * export: write the type's keys of @seg into @m.  0 or -errno.
 * build_table: append @seg's targets to @t with api->table_add.  Lengths
 *	must add up to the segment's length in sectors.  0 or -errno.
 * status: parse the kernel status line @params of the target built for
 *	@seg into @st.  0 or -errno (-EPROTO: unparsable).
 * display_name: the name lvs shows (e.g. "linear" for a 1-stripe
 *	"striped"); NULL means the type's own name.
 * split: cut @seg after @offset extents; @tail is a fresh segment with the
 *	same type and area count whose geometry and areas the callback sets.
 *	0, -EINVAL for an offset the layout cannot cut at, or -errno.
 * merge: append @second to @first if their areas are contiguous.
 *	Returns 1 when merged (the host then drops @second), 0 when they
 *	cannot be merged, or -errno.
 * field: the value of report field @name (e.g. "mirror_log", "pool_lv",
 *	"region_size", "stripe_size") for @seg, written into @buf.
 *	Returns 1 when written, 0 when the type has no such field, or -errno.
 * sub_lvs: call @fn for every sub-LV the segment uses outside its areas
 *	(logs, pool data and metadata).  0, or the first negative value
 *	@fn returned.
 * init_seg: set up the private data of a segment the core has just created
 *	(its geometry and areas are set) from @p.  0, -EINVAL for parameters
 *	the type cannot use (e.g. a stripe size that is not a power of 2).
 * encapsulate: put area @area of @seg, which lies on a PV, under a pvmove
 *	layer: from now on its extents are those of @layer from LE @le on
 *	(api->seg_set_area with an LV area does it for a plain layout).
 *	0, -ENOTSUP if this area cannot be moved that way, or -errno.
 *	Mandatory with PLVM_SEG_CAN_ENCAPSULATE.
 */
struct plvm_segtype_ops {
	size_t	size;		/* sizeof(struct plvm_segtype_ops) the plugin was built with */
	int	(*import_area_count)(const struct plvm_host *h, const struct plvm_meta *m,
				     uint32_t *count);
	int	(*import)(const struct plvm_host *h, struct plvm_seg *seg, const struct plvm_meta *m);
	int	(*export)(const struct plvm_host *h, const struct plvm_seg *seg, struct plvm_meta *m);
	int	(*build_table)(const struct plvm_host *h, const struct plvm_seg *seg,
			       struct plvm_table *t);
	int	(*status)(const struct plvm_host *h, const struct plvm_seg *seg,
			  const char *params, struct plvm_seg_status *st);
	const char *(*display_name)(const struct plvm_host *h, const struct plvm_seg *seg);
	int	(*split)(const struct plvm_host *h, struct plvm_seg *seg, uint32_t offset,
			 struct plvm_seg *tail);
	int	(*merge)(const struct plvm_host *h, struct plvm_seg *first,
			 const struct plvm_seg *second);
	int	(*field)(const struct plvm_host *h, const struct plvm_seg *seg, const char *name,
			 char *buf, size_t len);
	int	(*sub_lvs)(const struct plvm_host *h, const struct plvm_seg *seg,
			   int (*fn)(struct plvm_lv *lv, void *arg), void *arg);
	int	(*init_seg)(const struct plvm_host *h, struct plvm_seg *seg,
			    const struct plvm_seg_params *p);
	int	(*encapsulate)(const struct plvm_host *h, struct plvm_seg *seg, uint32_t area,
			       struct plvm_lv *layer, uint32_t le);
	/* ABI 1.1+: append only */
};

struct plvm_segtype {
	size_t		size;		/* sizeof(struct plvm_segtype) */
	const char	*name;		/* metadata "type = ", [a-z0-9_+-]{1,32} */
	const char	*alias_of;	/* PLVM_SEG_ALIAS: the type this name stands for */
	const char	*dm_target;	/* kernel target name, e.g. "striped"; NULL if virtual */
	uint32_t	dm_min_version[3];
	uint64_t	caps;		/* enum plvm_seg_caps */
	const struct plvm_segtype_ops *ops;
	/* ABI 1.1+: append only */
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
	/* ABI 1.1+: append only */
};

/*
 * The one symbol a plugin exports.  Returns the descriptor, or NULL if the
 * plugin cannot work with a host of that ABI.
 */
typedef const struct plvm_segtype_plugin *
	(*plvm_segtype_entry_fn)(uint32_t host_abi_major, uint32_t host_abi_minor);

#define PLVM_SEGTYPE_ENTRY	"plvm_segtype_plugin_entry"
/* In a plugin installed as raid.so: PLVM_SEGTYPE_ENTRY_NAME(raid)(maj, min) { ... } */
#define PLVM_SEGTYPE_ENTRY_NAME(mod)	mod##_LTX_plvm_segtype_plugin_entry

#endif /* PLVM_SEGTYPE_H */
