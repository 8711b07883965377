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
