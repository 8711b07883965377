/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgchange --physicalextentsize: every count of extents in the VG (PVs,
 * their free runs, LVs, segments, areas, a move's progress) said again in
 * the new size.  Nothing on disk moves: an extent count that does not
 * come out whole refuses the change, in LVM2 2.03.16's words and order.
 * Types keep sizes in sectors or derive them from these counts, so no
 * type is asked; a segment of a type no plugin reads keeps its extents in
 * text plvm does not model, and refuses the change.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "log.h"
#include "model.h"
#include "segtype_reg.h"

struct resize {
	uint64_t old_size, new_size;	/* sectors per extent */
	bool check;			/* only check, change nothing */
};

static int recalc(const struct resize *rs, uint32_t *extents, const char *what,
		  const char *part)
{
	uint64_t size = rs->old_size * *extents;

	if (size % rs->new_size) {
		log_error("New size %" PRIu64 " for %s%s not an exact number of new extents.",
			  size, what, part);
		return -EINVAL;
	}
	if (size / rs->new_size > UINT32_MAX) {
		log_error("New extent count %" PRIu64 " for %s%s exceeds 32 bits.",
			  size / rs->new_size, what, part);
		return -EOVERFLOW;
	}
	if (!rs->check)
		*extents = (uint32_t)(size / rs->new_size);
	return 0;
}

/* A free run's start and length (allocated ones go with their LVs). */
static int pv_free_runs(const struct resize *rs, const struct pv *pv)
{
	unsigned n = 0, i;
	struct pv_run *runs = pv_runs(pv, &n);
	int r = 0;

	for (i = 0; i < n && !r; i++) {
		uint32_t pe = runs[i].pe, len = runs[i].len;

		if (!runs[i].seg && !(r = recalc(rs, &pe, pv->dev_name, " PV segment start")))
			r = recalc(rs, &len, pv->dev_name, " PV segment length");
	}
	free(runs);
	return pv->pe_count && !runs ? -ENOMEM : r;
}

static int resize_pv(const struct resize *rs, struct pv *pv)
{
	uint32_t alloc = pv_pe_alloc_count(pv);
	int r;

	if ((r = recalc(rs, &pv->pe_count, pv->dev_name, "")) ||
	    (r = recalc(rs, &alloc, pv->dev_name, " allocated space")))
		return r;
	return rs->check ? pv_free_runs(rs, pv) : 0;
}

static int resize_area(const struct resize *rs, const struct lv *lv, struct area *ar,
		       uint32_t area_len)
{
	uint32_t len = area_len;
	int r;

	if (ar->kind == PLVM_AREA_LV)
		return recalc(rs, &ar->u.lv.le, lv->name, " area start");
	if (ar->kind != PLVM_AREA_PV)
		return 0;
	if ((r = recalc(rs, &ar->u.pv.pe, lv->name, " pvseg start")))
		return r;
	return recalc(rs, &len, lv->name, " pvseg length");
}

static int resize_seg(const struct resize *rs, const struct lv *lv, struct seg *seg)
{
	uint32_t area_len = seg->area_len;
	int r;

	if (seg->segtype && segtype_has(seg->segtype, PLVM_SEG_UNKNOWN)) {
		log_error("LV %s uses segment type %s, which no loaded plugin provides: its "
			  "extents cannot be counted again.", lv->name, seg->segtype->name);
		return -ENOTSUP;
	}
	if ((r = recalc(rs, &seg->le, lv->name, " segment start")) ||
	    (r = recalc(rs, &seg->len, lv->name, " segment length")) ||
	    (r = recalc(rs, &seg->area_len, lv->name, " area length")) ||
	    (r = recalc(rs, &seg->extents_copied, lv->name, " extents moved")))
		return r;
	for (uint32_t s = 0; s < seg->area_count; s++)
		if ((r = resize_area(rs, lv, &seg->areas[s], area_len)))
			return r;
	return 0;
}

static int resize_all(const struct resize *rs, struct vg *vg)
{
	uint32_t total = vg_extent_count(vg), free_ext = vg_free_count(vg);
	struct pv *pv;
	struct lv *lv;
	struct seg *seg;
	int r;

	if ((r = recalc(rs, &total, vg->name, "")) ||
	    (r = recalc(rs, &free_ext, vg->name, " free space")))
		return r;
	dm_list_iterate_items(pv, &vg->pvs)
		if ((r = resize_pv(rs, pv)))
			return r;
	dm_list_iterate_items(lv, &vg->lvs) {
		if ((r = recalc(rs, &lv->le_count, lv->name, "")))
			return r;
		dm_list_iterate_items(seg, &lv->segments)
			if ((r = resize_seg(rs, lv, seg)))
				return r;
	}
	return 0;
}

int vg_set_extent_size(struct vg *vg, uint64_t new_size)
{
	struct resize rs = { .old_size = vg->extent_size, .new_size = new_size, .check = true };
	int r;

	if (new_size == vg->extent_size)
		return 0;
	if (new_size > vg->extent_size &&
	    (vg_extent_count(vg) * vg->extent_size) % new_size) {
		log_error("New extent size is not a perfect fit");
		return -EINVAL;
	}
	if ((r = resize_all(&rs, vg)))	/* every count checked before any changes */
		return r;
	rs.check = false;
	vg->extent_size = new_size;
	return resize_all(&rs, vg);
}
