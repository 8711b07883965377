/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the files of the raid plugin share.
 */
#ifndef PLVM_PLUGIN_RAID_H
#define PLVM_PLUGIN_RAID_H

#include <stdbool.h>

#include "plvm/segtype.h"

#define RAID_MAX_IMAGES		64	/* LVM2's DEFAULT_RAID_MAX_IMAGES */
#define RAID_DEFAULT_REGION_KIB	2048	/* activation/raid_region_size */
#define RAID_DEFAULT_STRIPE	128	/* sectors: 64 KiB */

/* The raid levels; a type is a level and a layout. */
enum raid_level {
	RAID0,		/* striped, no metadata LVs */
	RAID0_META,	/* striped, with metadata LVs */
	RAID1,
	RAID4,
	RAID5,
	RAID6,
	RAID10,
};

/* What a raid type is beside its descriptor. */
struct raid_kind {
	const char	*name;		/* metadata type */
	const char	*target_type;	/* dm-raid's <raid_type> */
	enum raid_level	level;
	uint32_t	parity;		/* parity devices */
	uint32_t	min_images;	/* the fewest images the level takes */
	uint32_t	dm_version[3];	/* dm-raid version the type needs */
};

/* A raid segment's private data. */
struct raid {
	const struct raid_kind *kind;
	uint32_t	region_size;	/* sectors; 0 for raid0 */
	uint32_t	stripe_size;	/* sectors; 0 for raid1 */
	uint32_t	data_copies;	/* raid10's key; 0 when not written */
	uint32_t	writebehind;
	uint32_t	min_rate;	/* min_recovery_rate, KiB/s/disk */
	uint32_t	max_rate;
	bool		nosync;		/* made with --nosync in this command */
	bool		sync;		/* lvchange --resync: resync all in this command */
	struct plvm_lv	*meta[RAID_MAX_IMAGES];	/* _rmeta_N of area N, or NULL */
};

extern const struct plvm_host_api *api;
extern const struct plvm_cmd_ops raid_cmd;
extern const struct plvm_report_ops raid_report;
extern const struct plvm_move_ops raid_move;
extern const struct plvm_field *const raid_fields[];

const struct raid *raid_of(const struct plvm_seg *seg);
struct raid *raid_get(const struct plvm_host *h, struct plvm_seg *seg);
const struct raid_kind *raid_kind_find(const char *name);
const struct plvm_segtype *raid_segtype(const struct raid_kind *k);
/* The raid segment of @lv (its only segment), or NULL. */
struct plvm_seg *raid_seg(const struct plvm_lv *lv);
/* Is @seg a segment of one of our types? */
bool is_raid_seg(const struct plvm_seg *seg);
/* How many copies of the data: images for raid1, 2 for raid10... */
uint32_t raid_data_copies(const struct plvm_seg *seg);
/* Extents per image for an LV of @extents over @images. */
uint32_t raid_image_extents(const struct raid_kind *k, uint32_t extents, uint32_t images,
			    uint32_t copies);
/* The image LV of area @i, or NULL. */
struct plvm_lv *raid_image(const struct plvm_seg *seg, uint32_t i);

/* Does @lv lie on a missing PV (false on a host before ABI 2.2)? */
bool raid_lv_partial(const struct plvm_host *h, const struct plvm_lv *lv);

/* The parts of a raid segment, kept while it is made again. */
struct parts {
	struct plvm_lv *img[RAID_MAX_IMAGES];
	struct plvm_lv *meta[RAID_MAX_IMAGES];
	uint32_t n;
	struct raid rd;
	const struct raid_kind *kind;
};

/* Building blocks of the commands (raid_cmd.c). */
/* Before a split that leaves a 2-image raid1 with one: LVM2's question
 * ("split@how ... losing @loss?"); 0, or -ECANCELED when refused (said). */
int raid_ask_split(const struct plvm_host *h, const struct plvm_request *r,
		   const struct plvm_lv *lv, const char *how, const char *loss);
uint32_t raid_region_fit(const struct plvm_host *h, uint64_t region, uint64_t sectors);
uint32_t raid_rmeta_extents(uint32_t image_extents, uint32_t region, uint64_t extent_size);
int raid_subs_make(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_lv **img,
		   struct plvm_lv **meta, uint32_t first, uint32_t n, bool with_meta);
int raid_seg_make(const struct plvm_host *h, struct plvm_lv *lv, const struct raid_kind *k,
		  struct plvm_lv *const *img, struct plvm_lv *const *meta, uint32_t n,
		  uint32_t extents, const struct raid *from);
int raid_metas_wipe(const struct plvm_host *h, struct plvm_lv *const *meta, uint32_t first,
		    uint32_t n);
/* --minrecoveryrate/--maxrecoveryrate in KiB/s: 1 when given, 0 when not, or -errno. */
int raid_rates_opt(const struct plvm_host *h, const struct plvm_request *r, uint32_t *min,
		   uint32_t *max);
void raid_parts_get(const struct plvm_seg *seg, struct parts *p);
int raid_seg_drop(const struct plvm_host *h, struct plvm_seg *seg, const struct parts *p);
/* lvconvert and lvchange (raid_convert.c) */
int raid_convert(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r);
int raid_change(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r);
int raid_after_commit(const struct plvm_host *h, struct plvm_seg *seg);
int raid_remove_missing(const struct plvm_host *h, struct plvm_lv *lv);
/* Is a sub-LV on a missing PV, or an error segment standing in for one? */
bool raid_sub_lost(const struct plvm_host *h, const struct plvm_lv *sub);

/* A metadata LV of @extents for @img, on @img's first PV when it has room. */
int raid_meta_beside(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *meta, struct plvm_lv *img, uint32_t extents);
/* lvconvert --type raid1 of a mirror LV (raid_mirror.c) */
int raid_from_mirror(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *lv);
/* Is @lv (or NULL) on the PV with device path @name? */
bool raid_on_pv_named(const struct plvm_lv *lv, const char *name);
/* lvchange --writemostly, --writebehind, --rebuild (raid_change.c) */
int raid_change_images(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r, struct plvm_seg *seg);

/* --splitmirrors 1 --trackchanges and --merge (raid_track.c) */
/* Is @img an image split off with --trackchanges (visible, read-only)? */
bool raid_tracked(const struct plvm_lv *img);
int raid_tracked_slot(const struct plvm_seg *seg);
int raid_track(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
	       struct plvm_seg *seg, uint64_t count);
int raid_merge(const struct plvm_host *h, struct plvm_lv *img);
int raid_remove(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r);

/* Kernel status "<type> <#devs> <health> <in>/<total> [<action> <mismatches> ...]". */
struct raid_status {
	uint32_t	devs;
	char		health[RAID_MAX_IMAGES + 1];
	uint64_t	in_sync, total;
	char		action[16];	/* "" when the kernel gave none */
	uint64_t	mismatches;
};
int raid_status_parse(const char *params, struct raid_status *st);

#endif /* PLVM_PLUGIN_RAID_H */
