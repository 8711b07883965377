/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A raid1 image split off for a while and merged back:
 * lvconvert --splitmirrors 1 --trackchanges VG/LV makes the last image (or
 * the one on the PVs given) a visible, read-only LV of its own that keeps
 * its slot in the array: the table passes "- -" for it, so dm-raid's bitmap
 * records the regions written meanwhile.  lvconvert --merge VG/LV_rimage_N
 * gives the slot its image back, and dm-raid resyncs only those regions.
 * While an image is tracked, the LV takes no other conversion (as LVM2).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "raid.h"

bool raid_tracked(const struct plvm_lv *img)
{
	uint64_t st = img ? api->lv_status(img) : 0;

	return (st & PLVM_LV_VISIBLE) && !(st & PLVM_LV_WRITE);
}

/* The slot of a tracked image in @seg, or -1. */
int raid_tracked_slot(const struct plvm_seg *seg)
{
	uint32_t i, n = api->seg_area_count(seg);

	for (i = 0; i < n; i++)
		if (raid_tracked(raid_image(seg, i)))
			return (int)i;
	return -1;
}

static const char *vg_of(const struct plvm_lv *lv)
{
	return api->vg_name(api->lv_vg(lv));
}

static bool synced(const struct plvm_host *h, const struct plvm_lv *lv)
{
	struct raid_status st;
	char buf[512];

	if (!api->lv_is_active(h, lv) || api->dev_status(h, lv, PLVM_DEV_TOP, buf, sizeof(buf)) ||
	    raid_status_parse(buf, &st)) {
		api->log(h, PLVM_LOG_ERR, "Unable to determine sync status of %s/%s.", vg_of(lv),
			 api->lv_name(lv));
		return false;
	}
	return st.in_sync == st.total && !strchr(st.health, 'D') && !strchr(st.health, 'a');
}

struct pv_hit {
	const struct plvm_request *r;
	bool found;
};

static int pv_given(const struct plvm_pv *pv, void *arg)
{
	struct pv_hit *hit = arg;
	const struct plvm_pv *q;
	uint32_t i;

	for (i = 0; (q = api->req_pv(hit->r, i)); i++)
		hit->found |= q == pv;
	return 0;
}

/* The image to split: the last one, or the last one on the PVs given. */
static int pick_image(const struct plvm_request *r, const struct plvm_seg *seg)
{
	uint32_t n = api->seg_area_count(seg), i;
	struct pv_hit hit = { r, false };

	if (!api->req_pvs_given(r))
		return (int)n - 1;
	for (i = n; i-- > 0;) {
		hit.found = false;
		api->lv_pvs(raid_image(seg, i), pv_given, &hit);
		if (hit.found)
			return (int)i;
	}
	return -1;
}

int raid_track(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
	       struct plvm_seg *seg, uint64_t count)
{
	const char *vg = vg_of(lv), *name = api->lv_name(lv);
	struct plvm_lv *img;
	int i;

	if (api->opt_given(r, "name")) {
		api->log(h, PLVM_LOG_ERR, "Command does not accept option --name with "
			 "--trackchanges.");
		return -EINVAL;
	}
	if (count != 1) {
		api->log(h, PLVM_LOG_ERR, "Exactly one image must be split off from %s/%s when "
			 "tracking changes.", vg, name);
		return -EPERM;
	}
	if (!synced(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "Unable to split image from %s/%s while not in-sync.",
			 vg, name);
		return -EBUSY;
	}
	if (api->seg_area_count(seg) == 2 &&
	    (i = raid_ask_split(h, r, lv, " and track", "resilience for any newly written data")))
		return i;
	if ((i = pick_image(r, seg)) < 0) {
		api->log(h, PLVM_LOG_ERR, "Unable to find image of %s/%s on the PVs given.", vg,
			 name);
		return -EPERM;
	}
	img = raid_image(seg, (uint32_t)i);
	api->lv_set_status(img, PLVM_LV_VISIBLE, PLVM_LV_WRITE);
	api->log(h, PLVM_LOG_NOTICE, "%s/%s split from %s/%s for read-only purposes.", vg,
		 api->lv_name(img), vg, name);
	api->log(h, PLVM_LOG_NOTICE, "Use 'lvconvert --merge %s/%s' to merge back into %s/%s.",
		 vg, api->lv_name(img), vg, name);
	return 0;
}

/* The raid segment @img is an image of, or NULL. */
static struct plvm_seg *user_raid(const struct plvm_lv *img)
{
	struct plvm_seg *seg = NULL;

	while ((seg = api->lv_next_user(img, seg, NULL)))
		if (is_raid_seg(seg))
			return seg;
	return NULL;
}

int raid_merge(const struct plvm_host *h, struct plvm_lv *img)
{
	struct plvm_seg *seg = user_raid(img);
	struct plvm_lv *lv;
	int ret;

	if (!seg && !raid_seg(img))
		return -ENOTSUP;	/* not ours: a snapshot's, perhaps */
	if (!seg || !raid_tracked(img)) {
		api->log(h, PLVM_LOG_ERR, "%s/%s cannot be merged because --trackchanges was not "
			 "used.", vg_of(img), api->lv_name(img));
		return -EPERM;
	}
	lv = api->seg_lv(seg);
	if ((ret = api->lv_set_status(img, PLVM_LV_WRITE, PLVM_LV_VISIBLE)) ||
	    (ret = api->lv_reload(h, lv)))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "%s/%s successfully merged back into %s/%s.", vg_of(img),
		 api->lv_name(img), vg_of(lv), api->lv_name(lv));
	return 0;
}

/* lvremove of a raid LV with a tracked image: the image goes with it
 * (hidden again, or the host would keep it as an LV of its own). */
int raid_remove(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r)
{
	struct plvm_seg *seg = raid_seg(lv);
	char q[600];
	int i, ret;

	if (!seg || raid_tracked_slot(seg) < 0 || api->lv_next_user(lv, NULL, NULL))
		return -ENOTSUP;
	if (api->lv_is_active(h, lv)) {
		snprintf(q, sizeof(q), "Do you really want to remove active logical volume %s/%s?",
			 vg_of(lv), api->lv_name(lv));
		if (!api->confirm(h, r, PLVM_ASK_FORCE, q)) {
			api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s not removed.", vg_of(lv),
				 api->lv_name(lv));
			return -ECANCELED;
		}
		if ((ret = api->lv_deactivate(h, lv)))
			return ret;
	}
	while ((i = raid_tracked_slot(seg)) >= 0) {
		struct plvm_lv *img = raid_image(seg, (uint32_t)i);

		if (api->lv_is_active(h, img) && (ret = api->lv_deactivate(h, img)))
			return ret;
		if ((ret = api->lv_set_status(img, PLVM_LV_WRITE, PLVM_LV_VISIBLE)))
			return ret;
	}
	return api->lv_remove_tree(h, lv);
}
