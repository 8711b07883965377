/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvchange of raid images, as LVM2 2.03.16 (each option may be repeated
 * with other PVs): --writemostly PV[:y|n|t] marks
 * the raid1 images on PV write-mostly (reads go to the others; lv_attr
 * 'w', "write_mostly N" in the table), --writebehind N lets N writes to
 * them be outstanding ("max_write_behind N", 0 drops it), and --rebuild PV
 * resyncs the images on PV from the others ("rebuild N" in the table
 * that is loaded; the REBUILD flag goes once it is live, raid_after_commit).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "raid.h"

#define PV_LEN	4096

static const char *vg_of(const struct plvm_lv *lv)
{
	return api->vg_name(api->lv_vg(lv));
}

static int raid1_only(const struct plvm_host *h, const struct plvm_lv *lv,
		      const struct plvm_seg *seg)
{
	if (raid_of(seg)->kind->level == RAID1)
		return 0;
	api->log(h, PLVM_LOG_ERR, "Command on LV %s/%s uses options that require LV types "
		 "raid1 .", vg_of(lv), api->lv_name(lv));
	api->log(h, PLVM_LOG_ERR, "Command not permitted on LV %s/%s.", vg_of(lv), api->lv_name(lv));
	return -EPERM;
}

/* "PV[:y|n|t]" into @pv and its mode; -EPERM for another suffix. */
static int wm_arg(const struct plvm_host *h, const char *arg, char *pv, char *mode)
{
	const char *c = strrchr(arg, ':');

	*mode = 'y';
	snprintf(pv, PV_LEN, "%s", arg);
	if (!c)
		return 0;
	if (strlen(c) != 2 || !strchr("ynt", c[1])) {
		api->log(h, PLVM_LOG_ERR, "Invalid --writemostly argument %s: PV[:y|n|t].", arg);
		return -EPERM;
	}
	*mode = c[1];
	pv[c - arg] = '\0';
	return 0;
}

/* One --writemostly argument applied to the images. */
static int wm_one(const struct plvm_host *h, struct plvm_seg *seg, const char *arg)
{
	uint32_t k, n = api->seg_area_count(seg);
	char pv[PV_LEN], mode;
	struct plvm_lv *img;
	uint64_t on;
	int ret;

	if ((ret = wm_arg(h, arg, pv, &mode)))
		return ret;
	for (k = 0; k < n; k++) {
		img = raid_image(seg, k);
		if (!raid_on_pv_named(img, pv))
			continue;
		on = api->lv_status(img) & PLVM_LV_WRITEMOSTLY;
		on = mode == 'y' || (mode == 't' && !on);
		api->lv_set_status(img, on ? PLVM_LV_WRITEMOSTLY : 0,
				   on ? 0 : PLVM_LV_WRITEMOSTLY);
	}
	return 0;
}

static int writemostly(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *lv, struct plvm_seg *seg)
{
	uint32_t k, n = api->seg_area_count(seg), marked = 0;
	const char *arg;
	int ret = 0;

	for (k = 0; !ret && !api->opt_str_at(r, "writemostly", k, &arg); k++)
		ret = wm_one(h, seg, arg);
	if (ret)
		return ret;
	for (k = 0; k < n; k++)
		marked += (api->lv_status(raid_image(seg, k)) & PLVM_LV_WRITEMOSTLY) != 0;
	if (marked == n) {
		api->log(h, PLVM_LOG_ERR, "Can't set all images of raid1 LV %s/%s to writemostly.",
			 vg_of(lv), api->lv_name(lv));
		return -EPERM;
	}
	return 0;
}

/* ---- --rebuild PV ---- */

static bool in_sync(const struct plvm_host *h, const struct plvm_lv *lv)
{
	struct raid_status st;
	char buf[512];

	return !api->dev_status(h, lv, PLVM_DEV_TOP, buf, sizeof(buf)) &&
	       !raid_status_parse(buf, &st) && st.in_sync == st.total;
}

/* Would rebuilding the slots in @mark leave a copy of every block? */
static int rebuild_refusal(const struct plvm_host *h, const struct plvm_lv *lv,
			   const struct plvm_seg *seg, const bool *mark, uint32_t nm)
{
	const struct raid_kind *k = raid_of(seg)->kind;
	uint32_t n = api->seg_area_count(seg), i;

	if (nm == n) {
		api->log(h, PLVM_LOG_ERR, "Unable to rebuild all PVs from %s/%s at once.",
			 vg_of(lv), api->lv_name(lv));
		return -EPERM;
	}
	if (k->parity && nm > k->parity) {
		api->log(h, PLVM_LOG_ERR, "Unable to rebuild more than %u PVs from (%s) %s/%s.",
			 k->parity, k->name, vg_of(lv), api->lv_name(lv));
		return -EPERM;
	}
	for (i = 0; k->level == RAID10 && i + 1 < n; i += 2)
		if (mark[i] && mark[i + 1]) {
			api->log(h, PLVM_LOG_ERR, "Unable to rebuild all the devices in a RAID10 "
				 "mirror group.");
			return -EPERM;
		}
	return 0;
}

/* Is @sub on one of the PVs given with --rebuild? */
static bool on_rebuild_pvs(const struct plvm_request *r, const struct plvm_lv *sub)
{
	const char *pv;
	uint32_t i;

	for (i = 0; !api->opt_str_at(r, "rebuild", i, &pv); i++)
		if (raid_on_pv_named(sub, pv))
			return true;
	return false;
}

static int rebuild(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
		   struct plvm_seg *seg, uint32_t npv)
{
	uint32_t n = api->seg_area_count(seg), k, nm = 0;
	bool mark[RAID_MAX_IMAGES] = { false };
	char q[PV_LEN + 128];
	int ret;

	if (!api->lv_is_active(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "%s/%s must be active to perform this operation.",
			 vg_of(lv), api->lv_name(lv));
		return -EPERM;
	}
	snprintf(q, sizeof(q), "Do you really want to rebuild %u PVs of logical volume %s/%s",
		 npv, vg_of(lv), api->lv_name(lv));
	if (!api->confirm(h, r, 0, q)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s not rebuild.", vg_of(lv),
			 api->lv_name(lv));
		return -ECANCELED;
	}
	if (!in_sync(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "Unable to replace devices in %s/%s while it is not "
			 "in-sync.", vg_of(lv), api->lv_name(lv));
		return -EBUSY;
	}
	for (k = 0; k < n; k++)
		if (on_rebuild_pvs(r, raid_image(seg, k)) ||
		    on_rebuild_pvs(r, raid_of(seg)->meta[k]))
			nm += mark[k] = true;
	if (!nm) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s does not contain devices specified "
			 "to rebuild.", vg_of(lv), api->lv_name(lv));
		return -EPERM;
	}
	if ((ret = rebuild_refusal(h, lv, seg, mark, nm)))
		return ret;
	for (k = 0; k < n && !ret; k++)
		if (mark[k])
			ret = api->lv_set_status(raid_image(seg, k), PLVM_LV_REBUILD, 0);
	return ret;
}

/* lvchange --writemostly, --writebehind, --rebuild: 1 when one was given and
 * done, 0 when none was given, or -errno. */
int raid_change_images(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r, struct plvm_seg *seg)
{
	int npv = api->opt_given(r, "rebuild");
	bool has_wm = api->opt_given(r, "writemostly") > 0;
	uint64_t wb = 0;
	bool has_wb = !api->opt_u64(r, "writebehind", &wb, NULL);
	int ret;

	if (npv > 0) {
		if (raid_of(seg)->kind->level == RAID0)
			return -ENOTSUP;
		return (ret = rebuild(h, r, lv, seg, (uint32_t)npv)) ? ret : 1;
	}
	if (!has_wm && !has_wb)
		return 0;
	if ((ret = raid1_only(h, lv, seg)))
		return ret;
	if (has_wm && (ret = writemostly(h, r, lv, seg)))
		return ret;
	if (has_wb) {
		struct raid *rd = raid_get(h, seg);

		if (!rd)
			return -ENOMEM;
		if (wb > UINT32_MAX) {
			api->log(h, PLVM_LOG_ERR, "Invalid argument for --writebehind.");
			return -EINVAL;
		}
		rd->writebehind = (uint32_t)wb;
	}
	return 1;
}
