/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvconvert --type raid1 VG/LV of an active mirror LV, as LVM2 2.03.16:
 * the mirror images become the raid1 images (NAME_mimage_N renamed
 * NAME_rimage_N, their data kept), each gets a metadata LV beside it on
 * its PV, the log goes, and the first table of the raid1 says "nosync"
 * when the mirror was in sync, so nothing is copied again.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raid.h"

#define NAME_LEN	256

/* The kernel's mirror status "<#devs> <dev>... <in>/<total> ...": in sync? */
static bool mirror_synced(const struct plvm_host *h, const struct plvm_lv *lv)
{
	unsigned long long a, b;
	char buf[1024], *p, *save = NULL;
	unsigned n, i;

	if (api->dev_status(h, lv, PLVM_DEV_TOP, buf, sizeof(buf)) ||
	    !(p = strtok_r(buf, " ", &save)) || sscanf(p, "%u", &n) != 1)
		return false;
	for (i = 0; i < n && p; i++)
		p = strtok_r(NULL, " ", &save);
	p = p ? strtok_r(NULL, " ", &save) : NULL;
	return p && sscanf(p, "%llu/%llu", &a, &b) == 2 && a == b;
}

/* The LVs @seg holds by a SUB link (a mirror's log), into @out; how many. */
static uint32_t sub_links(const struct plvm_seg *seg, struct plvm_lv **out, uint32_t max)
{
	const struct plvm_vg *vg = api->lv_vg(api->seg_lv(seg));
	struct plvm_lv *lv = NULL;
	struct plvm_seg *u;
	uint32_t n = 0, i, areas = api->seg_area_count(seg);
	unsigned kind;
	bool area;

	while ((lv = api->vg_next_lv(vg, lv)) && n < max) {
		for (u = api->lv_next_user(lv, NULL, &kind); u && u != seg;
		     u = api->lv_next_user(lv, u, &kind))
			;
		if (!u || kind != PLVM_LINK_SUB)
			continue;
		for (i = 0, area = false; i < areas; i++)
			area |= raid_image(seg, i) == lv;
		if (!area)
			out[n++] = lv;
	}
	return n;
}

static int mirror_checks(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg)
{
	const char *vg = api->vg_name(api->lv_vg(lv));
	uint32_t i, n = api->seg_area_count(seg);

	if (!api->lv_is_active(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "%s/%s must be active to perform this operation.", vg,
			 api->lv_name(lv));
		return -EPERM;
	}
	if (api->seg_next(seg) || n < 2 || n > RAID_MAX_IMAGES) {
		api->log(h, PLVM_LOG_ERR, "Unable to convert %s/%s to raid1: it must be one "
			 "segment of 2 to %u images.", vg, api->lv_name(lv), RAID_MAX_IMAGES);
		return -EPERM;
	}
	for (i = 0; i < n; i++)
		if (!raid_image(seg, i)) {
			api->log(h, PLVM_LOG_ERR, "Unable to convert %s/%s to raid1: image %u is "
				 "not an LV.", vg, api->lv_name(lv), i);
			return -EPERM;
		}
	return 0;
}

/* Images renamed NAME_rimage_N, each with NAME_rmeta_N beside it. */
static int images_take(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *lv, struct parts *p)
{
	uint64_t es = api->vg_extent_size(api->lv_vg(lv));
	uint32_t k, extents = api->lv_extents(p->img[0]);
	char name[NAME_LEN];
	int ret = 0;

	for (k = 0; k < p->n && !ret; k++) {
		snprintf(name, sizeof(name), "%s_rimage_%u", api->lv_name(lv), k);
		ret = api->lv_rename(h, p->img[k], name);
		if (!ret && !(p->meta[k] = api->sub_lv_create(h, lv, "_rmeta_", (int)k)))
			ret = -errno;
		if (!ret)
			ret = raid_meta_beside(h, r, p->meta[k], p->img[k],
					       raid_rmeta_extents(extents, p->rd.region_size, es));
	}
	return ret ? ret : raid_metas_wipe(h, p->meta, 0, p->n);
}

/* The region size the mirror's own type reports for @seg, in sectors; 0 if none. */
static uint64_t mirror_region(const struct plvm_host *h, const struct plvm_seg *seg)
{
	const struct plvm_report_ops *rep = api->seg_type(seg)->report;
	char buf[32] = "";

	if (!rep || rep->size < offsetof(struct plvm_report_ops, lv_attr) || !rep->field ||
	    rep->field(h, seg, api->seg_lv(seg), "region_size", NULL, buf, sizeof(buf)) != 1)
		return 0;
	return strtoull(buf, NULL, 10);
}

int raid_from_mirror(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);
	struct plvm_lv *logs[8];
	struct parts p = { .kind = raid_kind_find("raid1") };
	uint64_t es = api->vg_extent_size(api->lv_vg(lv)), region = 0;
	uint32_t k, nlogs, extents;
	int ret;

	if ((ret = mirror_checks(h, lv, seg)))
		return ret;
	extents = api->seg_len(seg);
	p.n = api->seg_area_count(seg);
	for (k = 0; k < p.n; k++)
		p.img[k] = raid_image(seg, k);
	if (!api->opt_given(r, "regionsize"))
		region = mirror_region(h, seg);	/* as LVM2: the mirror's, unless -R */
	else if (api->opt_u64(r, "regionsize", &region, NULL))
		region = 0;
	p.rd.region_size = raid_region_fit(h, region, (uint64_t)extents * es);
	p.rd.nosync = mirror_synced(h, lv);
	nlogs = sub_links(seg, logs, 8);
	for (k = 0; k < nlogs && !ret; k++)
		ret = api->seg_unlink_lv(h, seg, logs[k]);
	if (ret || (ret = api->seg_remove(h, seg)))
		return ret;
	for (k = 0; k < nlogs && !ret; k++)
		ret = api->lv_remove_tree(h, logs[k]);
	if (ret || (ret = images_take(h, r, lv, &p)))
		return ret;
	return raid_seg_make(h, lv, p.kind, p.img, p.meta, p.n, extents, &p.rd);
}
