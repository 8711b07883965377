/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Extent allocation: LVM2's policies (contiguous, cling, normal, anywhere)
 * over a list of allowed PVs with optional PE ranges.
 */
#ifndef PLVM_ALLOC_H
#define PLVM_ALLOC_H

#include <stdbool.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "model.h"

/* A PV the allocation may use, restricted to [start, start+count) ranges. */
struct pv_range {
	uint32_t start, count;
};
struct pv_list {
	struct dm_list list;
	struct pv *pv;
	unsigned nranges;		/* 0: the whole PV */
	struct pv_range *ranges;
};

/* Parse "PV[:A-B][:C+N][:D]..." against @vg into a pv_list entry. 0 or -EINVAL
 * (message logged: unknown PV, "PE range error"). */
int pv_list_add_arg(struct vg *vg, struct dm_list *list, const char *arg);
/* All PVs of @vg that are allocatable and not missing. */
int pv_list_all(struct vg *vg, struct dm_list *list);
/* Free extents of the PVs (within their ranges) in @list, or of the VG when
 * @list is NULL or empty. */
uint32_t pv_list_free(struct vg *vg, struct dm_list *list);
/* Extents of the PVs (within their ranges) in @list. */
uint32_t pv_list_extents(struct dm_list *list);
/* Allocatable PVs in @list (or in @vg when @list is NULL or empty). */
unsigned pv_list_count(struct vg *vg, struct dm_list *list);

/*
 * A log: @len extents beside the areas, placed in their first round as LVM2
 * places a mirror log or a thin pool's metadata (the smallest candidate of
 * that round that holds it, past the ones the areas take when there are
 * more; else on one of the areas' PVs).  The allocator fills @pv and @pe;
 * @pv stays NULL when no round could place it.
 */
struct alloc_log {
	uint32_t len;
	struct pv *pv;
	uint32_t pe;
};

/* What to allocate: @area_count parallel areas of @area_len extents each. */
struct alloc_req {
	struct vg *vg;
	uint32_t area_count;
	uint32_t area_len;
	enum alloc_policy policy;	/* ALLOC_INHERIT resolves to the VG's */
	struct dm_list *allowed;	/* struct pv_list; NULL: every PV */
	struct lv *cling_to;		/* cling / normal: prefer PVs this LV ends on */
	const struct pv *const *avoid;	/* NULL-terminated PVs no area may use */
	int parallel;			/* areas must be on distinct PVs */
	bool quiet;			/* a probe: no error message on -ENOSPC */
	/* Several LVs grown together: area s belongs to slot_lvs[s / slot_stripes]
	 * (stripe s % slot_stripes) and clings to where that LV ends, instead of
	 * to cling_to.  NULL: one LV (cling_to). */
	struct lv *const *slot_lvs;
	uint32_t slot_stripes;
	struct lv *name_lv;		/* named in messages instead of cling_to */
	/* May area @slot go on @pv?  NULL: any PV. */
	bool (*slot_ok)(const struct alloc_req *req, const struct pv *pv, uint32_t slot);
	void *slot_arg;
	struct alloc_log *log;		/* NULL: none */
};

/* One allocated piece: area i gets @len extents from pv:pe. */
struct alloc_piece {
	uint32_t len;
	struct pv *pv[64];
	uint32_t pe[64];
};
/* Fill @pieces (at most @max) so that each area gets area_len extents.
 * Returns the number of pieces, -ENOSPC ("Insufficient free space") or
 * -errno.  Nothing is changed in the VG. */
int alloc_extents(const struct alloc_req *req, struct alloc_piece *pieces, int max);

/* Grow @lv by @extents with new segments of @st (striped with @stripes and
 * @stripe_size sectors, or one area each for linear).  0 or -errno. */
int lv_extend(struct lv *lv, const struct segtype *st, uint32_t stripes,
	      uint32_t stripe_size, uint32_t extents, enum alloc_policy policy,
	      struct dm_list *allowed);
/* Shrink @lv to @le_count extents, freeing the tail.  0 or -errno. */
int lv_reduce(struct lv *lv, uint32_t le_count);
/* Split the segment holding @le so that a segment starts at @le.  0, or
 * -ENOTSUP if the segment type cannot be split. */
int lv_split_at(struct lv *lv, uint32_t le);
/* Merge adjacent mergeable segments of @lv. */
int lv_merge_segments(struct lv *lv);

/*
 * Grow @count LVs together by @extents each, each striped over @stripes
 * PVs, with segments of @plain; with @meta, meta[i] first gets
 * @meta_extents where lvs[i]'s new extents start (then @stripes is 1).
 * With @parallel no two LVs share a PV and each LV avoids the PVs the
 * others already use.  With @log_lv, that LV gets @log_extents as the
 * allocation's log (struct alloc_log), or, when no round could place it,
 * from an allocation of its own after the others.  0, -ENOSPC (logged
 * unless @quiet) or -errno; on a failure the LVs may have been grown in
 * part (discard the VG).
 */
struct alloc_lvs {
	struct lv *const *lvs;
	struct lv *const *meta;
	uint32_t count, extents, meta_extents, stripes, stripe_size;
	bool parallel, quiet;
	const struct pv *const *avoid;	/* NULL-terminated, or NULL */
	enum alloc_policy policy;
	struct dm_list *allowed;	/* struct pv_list, or NULL: every PV */
	struct lv *name_lv;		/* named in messages; NULL: lvs[0] */
	struct lv *log_lv;		/* NULL: no log */
	uint32_t log_extents;
};
int lv_alloc_lvs(const struct segtype *plain, const struct alloc_lvs *a);

#endif /* PLVM_ALLOC_H */
