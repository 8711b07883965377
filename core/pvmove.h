/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pvmove framework: the metadata side of moving extents off a PV while
 * the LVs on it stay in use.  Nothing here talks to the kernel; the command
 * (cli/pvmove.c) writes the metadata and reloads tables in the order the
 * protocol needs.
 *
 * The layout is LVM2's, so either tool can resume a move the other started:
 * a hidden LV "pvmoveN" (status PVMOVE, LOCKED) whose segments take the
 * moved extents' place in their LVs (which become LOCKED).  Classic mode
 * gives it one mirror segment per moved piece (area 0 the source, area 1
 * the destination, extents_moved the checkpoint) and the mirror type copies
 * one at a time.  Atomic mode gives it one mirror segment over two image
 * LVs, pvmoveN_mimage_0 (the source pieces) and pvmoveN_mimage_1 (the
 * destination), so an abort leaves everything on the source.
 *
 * Which segments can be moved is the segment types' answer: a type with
 * PLVM_SEG_CAN_ENCAPSULATE may have its PV areas put under the layer, and
 * PLVM_SEG_CAN_SPLIT types are cut at PE-range boundaries.  The mirror is
 * whatever type has PLVM_SEG_PVMOVE_MIRROR.  No type is named here.
 */
#ifndef PLVM_PVMOVE_H
#define PLVM_PVMOVE_H

#include <stdbool.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "model.h"

struct pvmove_req {
	struct pv *src;
	struct dm_list *src_ranges;	/* struct pv_list of @src with its ranges; NULL: all */
	struct dm_list *dst;		/* struct pv_list the copies may go to; NULL: any */
	const char *lv_name;		/* -n: only this LV (or sub-LV) and what it holds */
	bool atomic;
	enum alloc_policy alloc;	/* ALLOC_INHERIT: the VG's */
	uint32_t region_size;		/* sectors, 0: the mirror type's default */
};

/* LVs whose tables a step changes (their tables must be reloaded). */
struct lv_set {
	struct lv **lv;
	unsigned n, alloc;
};
void lv_set_free(struct lv_set *s);
int lv_set_add(struct lv_set *s, struct lv *lv);	/* ignores duplicates */

/* Put the extents @req names under a new pvmove LV in @vg's model.
 * Returns the new LV, and in @changed the LVs now mapped through it.
 * NULL with errno: ENODATA "No data to move", ENOSPC, EINVAL (refused LV,
 * bad range), EBUSY (everything there is already being moved); the reason
 * is logged.  On failure @vg must be discarded (it is half-changed). */
struct lv *pvmove_setup(struct vg *vg, const struct pvmove_req *req, struct lv_set *changed);

/* The pvmove LV moving data off @src (NULL: the first one), or NULL. */
struct lv *pvmove_find(const struct vg *vg, const struct pv *src);
/* The next pvmove LV of @vg after @prev (NULL to start), or NULL. */
struct lv *pvmove_next(const struct vg *vg, const struct lv *prev);
/* The PV a pvmove LV moves data off. */
struct pv *pvmove_source(const struct lv *pvmove_lv);
bool pvmove_is_atomic(const struct lv *pvmove_lv);

/* Progress from the metadata checkpoints: extents copied and in all. */
void pvmove_progress(const struct lv *pvmove_lv, uint64_t *done, uint64_t *total);
/* The same, in sectors, to the kernel's last region when its status was
 * applied (pvmove_apply_status). */
uint64_t pvmove_copied_sectors(const struct lv *pvmove_lv);

/* What the kernel status of the pvmove LV says.  @status is its status
 * text, one line per target, in segment order.  While the segment being
 * copied is not in sync, sets its copied count and returns 0.  Returns 1
 * when it (classic) or the whole mirror (atomic) is in sync, leaving the
 * count for pvmove_checkpoint() to complete, or -errno on a status that
 * does not match the metadata. */
int pvmove_apply_status(struct cmd *cmd, struct lv *pvmove_lv, const char *status);

/* Record the segment being copied as done (the checkpoint); the progress
 * kept on disk, if any, goes over to the next one.  Returns 1 if every
 * segment is now done, 0 if more remain, or -errno. */
int pvmove_checkpoint(struct lv *pvmove_lv);

/* Let the copies of pvmove keep the disks busy @percent of the time at
 * most (1-100, 100: no limit), through the type of the pvmove mirror: one
 * setting for every move (the kernel's).  0, -ENOTSUP when it cannot, or
 * -errno. */
int pvmove_throttle(struct cmd *cmd, unsigned percent);

/* Take the layer away: every moved piece goes to the destination (finish)
 * or, with @abort, stays on the source unless classic mode had finished
 * copying it.  The pvmove LV and its images are removed from the model;
 * @changed gets the LVs whose tables change.  0 or -errno. */
int pvmove_detach(struct lv *pvmove_lv, bool abort, struct lv_set *changed);

#endif /* PLVM_PVMOVE_H */
