/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the files of the thin plugin share.
 *
 * A thin pool is an LV with one "thin-pool" segment: its one area is the
 * data LV (NAME_tdata), a SUB link holds the metadata LV (NAME_tmeta).
 * Both are whatever type they are: the pool only names their devices.
 * A thin LV is one "thin" segment without areas and a USE link to its pool.
 * Changes the kernel's pool metadata needs (create, snapshot, delete) wait
 * in the pool's message queue, written as LVM2's messageN subsections, with
 * the pool's transaction_id raised by one per committed batch.
 */
#ifndef PLVM_PLUGIN_THIN_H
#define PLVM_PLUGIN_THIN_H

#include <stdbool.h>

#include "plvm/segtype.h"

#define MAX_MSGS		64
#define MAX_DEVICE_ID		((1u << 24) - 1)
#define DEFAULT_CHUNK		128		/* sectors: 64 KiB */
#define MIN_CHUNK		128
#define MAX_CHUNK		2097152		/* 1 GiB */
#define BIG_CHUNK		2048		/* sectors: LVM2 rounds larger chunks to 1 MiB */
#define MIN_META		4096		/* sectors: 2 MiB */
#define OPTIMAL_META		262144		/* sectors: LVM2 doubles the chunk above 128 MiB */
/* LVM2's largest usable metadata LV (no cropping): 255 * (16384 - 64) blocks of 4 KiB */
#define MAX_META		(255ull * ((1 << 14) - 64) * 8)
/* the kernel's own limit: a larger metadata LV makes LVM2 write crop_metadata */
#define CROP_META		(255ull * (1 << 14) * 8 - 256 * 1024)
/* LVM2's mark on a pool whose metadata is past the kernel's limit uncropped
 * (its segments' type is written "thin-pool+CROP_METADATA") */
#define POOL_CROP_FLAG		"+CROP_METADATA"
#define META_WIPE		65536		/* bytes zeroed (zero_metadata = 0) */

enum discards { DISCARDS_IGNORE, DISCARDS_NOPASSDOWN, DISCARDS_PASSDOWN };

enum msg_kind { MSG_CREATE, MSG_DELETE };

/* A message waiting for the kernel: create the device of @lv (a thin LV,
 * as a snapshot when it has an origin), or delete device @id. */
struct msg {
	enum msg_kind	kind;
	struct plvm_lv	*lv;
	uint32_t	id;
};

/* A thin-pool segment's private data. */
struct pool {
	struct plvm_lv	*meta_lv;	/* SUB link */
	uint64_t	transaction_id;
	uint32_t	chunk_size;	/* sectors */
	enum discards	discards;
	bool		zero;		/* zero_new_blocks */
	int		crop;		/* crop_metadata: 0, 1, or -1 not written */
	uint32_t	nmsgs;
	struct msg	msgs[MAX_MSGS];
	bool		stays_up;	/* made now by a command that activates
					 * (not in the metadata) */
};

/* A thin segment's private data. */
struct thin {
	struct plvm_lv	*pool_lv;	/* USE link */
	uint64_t	transaction_id;	/* the pool's when the LV was made */
	uint32_t	device_id;
	struct plvm_lv	*origin;	/* a thin snapshot's origin, or NULL */
	struct plvm_lv	*ext_origin;	/* USE link: a read-only LV outside the pool
					 * that unprovisioned blocks read from, or NULL */
};

extern const struct plvm_host_api *api;

/* The name of @lv's VG, for messages. */
static inline const char *lv_vg_name(const struct plvm_lv *lv)
{
	return api->vg_name(api->lv_vg(lv));
}
extern const struct plvm_segtype *const pool_segtype;
extern const struct plvm_segtype *const thin_segtype;
extern const struct plvm_meta_ops pool_meta, thin_meta;
extern const struct plvm_dev_ops pool_dev, thin_dev;
extern const struct plvm_cmd_ops thin_cmd;
extern const struct plvm_report_ops pool_report, thin_report;
extern const char *const discards_names[];

/* thin_meta.c */
struct pool *pool_get(const struct plvm_host *h, struct plvm_seg *seg);
struct thin *thin_get(const struct plvm_host *h, struct plvm_seg *seg);
/* The private data of @lv's first segment when it is a pool / thin LV. */
struct pool *lv_pool(const struct plvm_lv *lv);
struct thin *lv_thin(const struct plvm_lv *lv);
struct plvm_seg *lv_seg_of(const struct plvm_lv *lv, const struct plvm_segtype *type);
/* The pool's data LV (area 0). */
struct plvm_lv *pool_data(const struct plvm_seg *seg);
int pool_queue(struct pool *p, enum msg_kind kind, struct plvm_lv *lv, uint32_t id);

/* thin_dev.c */
/* Send the pool's queued messages when the kernel's transaction id says
 * they are due; 1 when the queue changed (the model needs writing). */
int pool_sync(const struct plvm_host *h, struct plvm_seg *seg);
/* Before a command queues messages: the ones waiting from before are sent
 * (or dropped, when the kernel has them), activating the pool for it. */
int pool_flush(const struct plvm_host *h, struct plvm_lv *pool);

/* thin_ext.c */
/* The thin LV after @prev (NULL: the first) that reads from @origin. */
struct plvm_lv *ext_next_user(const struct plvm_lv *origin, const struct plvm_lv *prev);
/* lvconvert --thin --thinpool VG/pool VG/lv [--originname NAME] */
int thin_to_external(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r);
/* lvcreate -s VG/origin --thinpool VG/pool: a thin LV on the read-only
 * @origin; -ENOTSUP when @origin cannot be one */
int thin_snap_external(const struct plvm_host *h, struct plvm_lv *origin, const char *name,
		       const struct plvm_request *r, struct plvm_lv **out);

/* thin_change.c */
int thin_change(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r);

/* thin_cmd.c */
/* A new thin LV of @extents in @pool (a thin snapshot of @origin, or NULL);
 * the pool's create message queued. */
int thin_lv_make(const struct plvm_host *h, struct plvm_lv *pool, const char *name,
		 uint32_t extents, struct plvm_lv *origin, struct plvm_lv **out);
uint32_t pool_users(const struct plvm_lv *pool);
int yes_no(const struct plvm_request *r, const char *name, bool def, bool *out);
int chunk_opt(const struct plvm_host *h, const struct plvm_request *r, uint32_t *chunk);
/* A new metadata LV or spare cleared as LVM2 clears them: whole, or only
 * its start when allocation/zero_metadata is 0. */
int meta_wipe(const struct plvm_host *h, struct plvm_lv *lv);
/* The VG's spare metadata LV (lvolN_pmspare), or NULL. */
struct plvm_lv *spare_find(const struct plvm_vg *vg);
/* The spare exists and holds at least @extents. */
int spare_ensure(const struct plvm_host *h, struct plvm_vg *vg, const struct plvm_request *r,
		 uint32_t extents);
/* A new spare of @extents beside the VG's current one. */
int spare_add(const struct plvm_host *h, struct plvm_vg *vg, const struct plvm_request *r,
	      uint32_t extents, struct plvm_lv **out);

/* LVM2's largest usable metadata LV: MAX_META, or the kernel's CROP_META
 * with allocation/thin_pool_crop_metadata. */
uint64_t meta_max(const struct plvm_host *h);
/* crop_metadata of a pool with @sectors of metadata: -1 (not written) up
 * to CROP_META, past it 1 with allocation/thin_pool_crop_metadata (the
 * metadata device maps CROP_META sectors only), else 0. */
int meta_crop(const struct plvm_host *h, uint64_t sectors);
/* Sectors of metadata LVM2 gives @data_sectors of data in @chunk sectors. */
uint64_t meta_estimate(uint64_t data_sectors, uint32_t chunk);
/* LVM2's warning when the thin LVs outgrow their pools: those of @pool,
 * or (NULL) of all the VG's pools. */
void overcommit_warn(const struct plvm_host *h, const struct plvm_lv *pool,
		     const struct plvm_vg *vg);
/* A copy of @seg's private data of @n bytes, and @seg gone from its LV. */
int seg_drop(const struct plvm_host *h, struct plvm_seg *seg, struct plvm_lv *link,
	     void *priv, size_t n);

/* thin_grow.c */
/* lvextend/lvresize of a pool: data (-l/-L), metadata (--poolmetadatasize),
 * --use-policies. */
int pool_grow(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_seg *seg,
	      const struct plvm_request *r);
/* lvextend/lvresize of the metadata LV named itself (VG/pool_tmeta -l|-L). */
int meta_grow(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_seg *seg,
	      const struct plvm_request *r);
/* LVM2's "Size of logical volume ... changed" line of @lv, @old extents before. */
void size_line(const struct plvm_host *h, const struct plvm_lv *lv, uint32_t old);
/* --usepolicies (or --use-policies) given */
bool policies(const struct plvm_request *r);

/* thin_swap.c */
/* lvconvert --thinpool VG/pool --poolmetadata LV of an existing pool. */
int pool_swap_meta(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_lv *meta,
		   const struct plvm_request *r);
/* lvconvert --swapmetadata --poolmetadata LV VG/pool */
int pool_swap_cmd(const struct plvm_host *h, struct plvm_lv *pool, const struct plvm_request *r);
/* lvconvert --repair VG/pool */
int pool_repair(const struct plvm_host *h, struct plvm_lv *pool, const struct plvm_request *r);

#endif /* PLVM_PLUGIN_THIN_H */
