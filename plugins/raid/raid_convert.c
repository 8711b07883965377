/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvconvert and lvchange of raid LVs: raid1 images added and removed
 * (-m N, +N, -N, down to a linear LV with -m 0; the images left are named
 * _0.._N-1 again when the LV is inactive, an active one keeps the names its
 * devices have), a linear LV made raid1,
 * an image split off as an LV of its own (--splitmirrors 1 --name NEW), the
 * images on a PV replaced by new ones in their slots (--replace PV, any
 * level with redundancy) or those the kernel marks failed (--repair);
 * lvchange --syncaction check|repair and --resync.
 *
 * New images carry the REBUILD flag into the table that adds them; once
 * that table is live (after the commit of an active LV, or when the LV is
 * next activated) the flag is cleared and the metadata written again, as
 * LVM2 does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "raid.h"

#define NAME_LEN	256

/* ---- helpers ---- */

static struct plvm_seg *plain_seg(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);
	const struct plvm_segtype *t = seg ? api->seg_type(seg) : NULL;

	return t && (t->caps & PLVM_SEG_PLAIN) ? seg : NULL;
}

/* Is the raid1 type the one this lvconvert asks for? */
static bool wants_raid1(const struct plvm_host *h, const struct plvm_request *r)
{
	const char *name = api->req_type_name(r);

	if (!name && api->opt_given(r, "mirrors"))
		name = api->config_str(h, "global/mirror_segtype_default", "raid1");
	return name && raid_kind_find(name) && raid_kind_find(name)->level == RAID1;
}

/* lvconvert --type raid1 of a mirror LV (another type's copies in areas)? */
static bool from_mirror(const struct plvm_host *h, const struct plvm_request *r,
			const struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);
	const char *name = api->req_type_name(r);

	return seg && !is_raid_seg(seg) && (api->seg_type(seg)->caps & PLVM_SEG_AREAS_MIRRORED) &&
	       !api->seg_is_pvmove(seg) && name && raid_kind_find(name) &&
	       raid_kind_find(name)->level == RAID1 && !api->opt_given(r, "mirrors");
}

struct pv_hit {
	const struct plvm_pv *pv;
	bool found;
};

static int pv_match(const struct plvm_pv *pv, void *arg)
{
	struct pv_hit *hit = arg;

	hit->found |= pv == hit->pv;
	return 0;
}

/* Is @lv on one of the PVs named on the command line? */
static bool on_given_pvs(const struct plvm_request *r, const struct plvm_lv *lv)
{
	struct pv_hit hit = { NULL, false };
	uint32_t i;

	if (!api->req_pvs_given(r))
		return false;
	for (i = 0; !hit.found && (hit.pv = api->req_pv(r, i)); i++)
		api->lv_pvs(lv, pv_match, &hit);
	return hit.found;
}

static int rename_to(const struct plvm_host *h, struct plvm_lv *sub, const struct plvm_lv *lv,
		     const char *suffix, uint32_t k)
{
	char name[NAME_LEN];

	snprintf(name, sizeof(name), "%s%s%u", api->lv_name(lv), suffix, k);
	return strcmp(api->lv_name(sub), name) ? api->lv_rename(h, sub, name) : 0;
}

/* After images went away: image k and its metadata LV named _k again. */
static int renumber(const struct plvm_host *h, const struct plvm_lv *lv, struct parts *p)
{
	uint32_t k;
	int ret = 0;

	for (k = 0; k < p->n && !ret; k++) {
		ret = rename_to(h, p->img[k], lv, "_rimage_", k);
		if (!ret && p->meta[k])
			ret = rename_to(h, p->meta[k], lv, "_rmeta_", k);
	}
	return ret;
}

static int drop_pair(const struct plvm_host *h, struct plvm_lv *img, struct plvm_lv *meta)
{
	int ret = img ? api->lv_remove_tree(h, img) : 0;

	return ret || !meta ? ret : api->lv_remove_tree(h, meta);
}

/* Keep @keep images: the first ones not on the PVs given, the others go. */
static int keep_images(const struct plvm_host *h, const struct plvm_request *r, struct parts *p,
		       uint32_t keep)
{
	struct plvm_lv *img[RAID_MAX_IMAGES], *meta[RAID_MAX_IMAGES];
	uint32_t k, kept = 0, drop = p->n - keep;
	int ret = 0;

	for (k = 0; k < p->n; k++) {
		bool go = drop && (on_given_pvs(r, p->img[k]) ||
				   (!api->req_pvs_given(r) && p->n - k <= drop));

		if (go) {
			drop--;
			ret = ret ? ret : drop_pair(h, p->img[k], p->meta[k]);
			continue;
		}
		img[kept] = p->img[k];
		meta[kept++] = p->meta[k];
	}
	if (!ret && kept != keep) {
		api->log(h, PLVM_LOG_ERR, "Unable to remove %u images: too few on the PVs given.",
			 p->n - keep);
		return -EINVAL;
	}
	memcpy(p->img, img, kept * sizeof(img[0]));
	memcpy(p->meta, meta, kept * sizeof(meta[0]));
	p->n = kept;
	return ret;
}

/* The one image left becomes the LV's own segments. */
static int to_linear(const struct plvm_host *h, struct plvm_lv *lv, struct parts *p)
{
	int ret = api->lv_move_segments(h, p->img[0], lv);

	if (!ret)
		ret = drop_pair(h, p->img[0], p->meta[0]);
	if (!ret)
		ret = api->lv_set_status(lv, 0, PLVM_LV_NOTSYNCED);
	return ret;
}

static int mark_rebuild(struct parts *p, uint32_t from)
{
	uint32_t k;
	int ret = 0;

	for (k = from; k < p->n && !ret; k++)
		ret = api->lv_set_status(p->img[k], PLVM_LV_REBUILD, 0);
	return ret;
}

/* Images from @p->n up to @want, each with its metadata LV, on PVs of their own. */
static int add_images(const struct plvm_host *h, const struct plvm_request *r,
		      struct plvm_lv *lv, struct parts *p, uint32_t want)
{
	struct plvm_lv *avoid[2 * RAID_MAX_IMAGES + 1] = { NULL };
	uint32_t k, n = 0, extents = api->lv_extents(p->img[0]);
	uint64_t es = api->vg_extent_size(api->lv_vg(lv));
	int ret = raid_subs_make(h, lv, p->img, p->meta, p->n, want, true);

	for (k = 0; k < p->n; k++) {
		avoid[n++] = p->img[k];
		if (p->meta[k])
			avoid[n++] = p->meta[k];
	}
	if (!ret)
		ret = api->lv_alloc(h, r, &(struct plvm_alloc){
			.size = sizeof(struct plvm_alloc), .lvs = p->img + p->n,
			.meta_lvs = p->meta + p->n, .count = want - p->n, .extents = extents,
			.meta_extents = raid_rmeta_extents(extents, p->rd.region_size, es),
			.stripes = 1, .flags = PLVM_ALLOC_PARALLEL, .avoid = avoid, .for_lv = lv });
	if (!ret)
		ret = raid_metas_wipe(h, p->meta, p->n, want);
	k = p->n;
	p->n = want;
	return ret ? ret : mark_rebuild(p, k);
}

/* ---- raid1 -m N ---- */

static int wanted_images(const struct plvm_host *h, const struct plvm_request *r, uint32_t cur,
			 uint32_t *want)
{
	uint64_t n;
	int sign = 0;

	if (api->opt_u64(r, "mirrors", &n, &sign))
		return 0;
	if (sign < 0 && n >= cur) {
		api->log(h, PLVM_LOG_ERR, "Logical volume has only %u images.", cur);
		return -EINVAL;
	}
	*want = sign > 0 ? cur + (uint32_t)n : sign < 0 ? cur - (uint32_t)n : (uint32_t)n + 1;
	if (*want > RAID_MAX_IMAGES) {
		api->log(h, PLVM_LOG_ERR, "Only up to %u images in raid1 supported currently.",
			 RAID_MAX_IMAGES);
		return -EINVAL;
	}
	return 1;
}

static bool in_sync(const struct plvm_host *h, const struct plvm_lv *lv);

/* LVM2's rule: images join only an array that is wholly in sync. */
static int may_add(const struct plvm_host *h, const struct plvm_lv *lv)
{
	if (api->lv_status(lv) & PLVM_LV_NOTSYNCED) {
		api->log(h, PLVM_LOG_ERR, "Can't add image to out-of-sync RAID LV: use "
			 "'lvchange --resync' first.");
		return -EBUSY;
	}
	if (!in_sync(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "Can't add image to RAID LV that is still "
			 "initializing.");
		return -EBUSY;
	}
	return 0;
}

static int change_images(const struct plvm_host *h, const struct plvm_request *r,
			 struct plvm_lv *lv, struct plvm_seg *seg, uint32_t want)
{
	uint32_t extents = api->seg_len(seg);
	struct parts p;
	int ret;

	raid_parts_get(seg, &p);
	if (want == p.n) {
		api->log(h, PLVM_LOG_ERR, "Type raid1 LV %s already has %u images.",
			 api->lv_name(lv), p.n);
		return -EINVAL;
	}
	if (want > p.n && (ret = may_add(h, lv)))
		return ret;
	if ((ret = raid_seg_drop(h, seg, &p)))
		return ret;
	if (want > p.n)
		ret = add_images(h, r, lv, &p, want);
	else
		ret = keep_images(h, r, &p, want);
	if (!ret && want == 1)
		return to_linear(h, lv, &p);
	/* an active LV keeps its sub-LVs' names: their devices are still in use */
	if (!ret && !api->lv_is_active(h, lv))
		ret = renumber(h, lv, &p);
	return ret ? ret : raid_seg_make(h, lv, p.kind, p.img, p.meta, p.n, extents, &p.rd);
}

/* ---- linear to raid1 ---- */

/* A metadata LV: on its image's first PV when it has room. */
int raid_meta_beside(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *meta, struct plvm_lv *img, uint32_t extents)
{
	struct plvm_area a = { .size = sizeof(a) };
	struct plvm_pv *one[2] = { NULL, NULL };
	struct plvm_lv *lvs[1] = { meta };
	int ret = -ENOSPC;

	if (!api->seg_area(api->lv_first_seg(img), 0, &a) && a.kind == PLVM_AREA_PV) {
		one[0] = a.pv;
		ret = api->lv_alloc(h, r, &(struct plvm_alloc){
			.size = sizeof(struct plvm_alloc), .lvs = lvs, .count = 1,
			.extents = extents, .stripes = 1, .flags = PLVM_ALLOC_QUIET, .only = one });
	}
	if (ret == -ENOSPC)
		ret = api->lv_alloc(h, r, &(struct plvm_alloc){
			.size = sizeof(struct plvm_alloc), .lvs = lvs, .count = 1,
			.extents = extents, .stripes = 1 });
	return ret;
}

static int from_linear(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *lv)
{
	uint32_t want = 2, extents = api->lv_extents(lv);
	uint64_t es = api->vg_extent_size(api->lv_vg(lv)), region = 0;
	struct parts p = { .n = 1, .kind = raid_kind_find("raid1") };
	int ret = wanted_images(h, r, 1, &want);

	if (ret <= 0)
		return ret ? ret : -ENOTSUP;
	if (want < 2)
		return -ENOTSUP;
	if (api->opt_given(r, "regionsize") && api->opt_u64(r, "regionsize", &region, NULL))
		region = 0;
	p.rd.region_size = raid_region_fit(h, region, (uint64_t)extents * es);
	if ((ret = raid_subs_make(h, lv, p.img, p.meta, 0, 1, true)) ||
	    (ret = api->lv_move_segments(h, lv, p.img[0])) ||
	    (ret = raid_meta_beside(h, r, p.meta[0], p.img[0],
			       raid_rmeta_extents(extents, p.rd.region_size, es))) ||
	    (ret = raid_metas_wipe(h, p.meta, 0, 1)) || (ret = add_images(h, r, lv, &p, want)))
		return ret;
	return raid_seg_make(h, lv, p.kind, p.img, p.meta, p.n, extents, &p.rd);
}

/* ---- --splitmirrors 1 --name NEW ---- */

static bool in_sync(const struct plvm_host *h, const struct plvm_lv *lv)
{
	struct raid_status st;
	char buf[512];

	if (!api->lv_is_active(h, lv))
		return true;	/* as LVM2: nothing to ask the kernel */
	if (api->dev_status(h, lv, PLVM_DEV_TOP, buf, sizeof(buf)) || raid_status_parse(buf, &st))
		return false;
	return st.in_sync == st.total && !strchr(st.health, 'D') && !strchr(st.health, 'a');
}

static int split(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
		 struct plvm_seg *seg, uint64_t count)
{
	const char *name = NULL;
	struct plvm_lv *out;
	struct parts p;
	int ret;

	raid_parts_get(seg, &p);
	if (api->opt_str(r, "name", &name)) {
		api->log(h, PLVM_LOG_ERR, "Please name the new logical volume using '--name'");
		return -EINVAL;
	}
	if (count != 1) {	/* LVM2 2.03.16 splits one at a time too */
		api->log(h, PLVM_LOG_ERR, "Unable to split more than one image from %s/%s.",
			 api->vg_name(api->lv_vg(lv)), api->lv_name(lv));
		return -EPERM;
	}
	if (p.n == 2 && (ret = raid_ask_split(h, r, lv, "", "all resilience")))
		return ret;
	if (!in_sync(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "Unable to split %s/%s while it is not in-sync.",
			 api->vg_name(api->lv_vg(lv)), api->lv_name(lv));
		return -EBUSY;
	}
	if (!(out = api->lv_create(h, api->lv_vg(lv), name, PLVM_LVC_VISIBLE)))
		return -errno;
	if ((ret = raid_seg_drop(h, seg, &p)) ||
	    (ret = api->lv_move_segments(h, p.img[p.n - 1], out)) ||
	    (ret = drop_pair(h, p.img[p.n - 1], p.meta[p.n - 1])))
		return ret;
	p.n--;
	if (p.n == 1)
		return to_linear(h, lv, &p);
	return raid_seg_make(h, lv, p.kind, p.img, p.meta, p.n, api->seg_len(seg), &p.rd);
}

int raid_ask_split(const struct plvm_host *h, const struct plvm_request *r,
		   const struct plvm_lv *lv, const char *how, const char *loss)
{
	const char *vg = api->vg_name(api->lv_vg(lv));
	char q[512];

	snprintf(q, sizeof(q), "Are you sure you want to split%s raid1 LV %s/%s losing %s?", how,
		 vg, api->lv_name(lv), loss);
	if (api->confirm(h, r, 0, q))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s NOT split.", vg, api->lv_name(lv));
	return -ECANCELED;
}

/* ---- --replace PV: new images in the slots of those on PV ---- */

struct pv_named {
	const char *name;
	bool found;
};

static int pv_name_match(const struct plvm_pv *pv, void *arg)
{
	struct pv_named *n = arg;

	n->found |= !strcmp(api->pv_name(pv), n->name);
	return 0;
}

bool raid_on_pv_named(const struct plvm_lv *lv, const char *name)
{
	struct pv_named n = { name, false };

	if (lv)
		api->lv_pvs(lv, pv_name_match, &n);
	return n.found;
}

/* @k into @slot, kept in order and once */
static void slot_add(uint32_t *slot, uint32_t *n, uint32_t k)
{
	uint32_t i, j;

	for (i = 0; i < *n && slot[i] < k; i++)
		;
	if (i < *n && slot[i] == k)
		return;
	for (j = *n; j > i; j--)
		slot[j] = slot[j - 1];
	slot[i] = k;
	(*n)++;
}

static int new_pairs(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *lv, const struct parts *p, struct plvm_lv **img,
		     struct plvm_lv **meta, uint32_t ns)
{
	struct plvm_lv *avoid[2 * RAID_MAX_IMAGES + 1] = { NULL };
	uint32_t k, n = 0, extents = api->lv_extents(p->img[0]);
	uint64_t es = api->vg_extent_size(api->lv_vg(lv));
	int ret = raid_subs_make(h, lv, img, meta, 0, ns, true);

	for (k = 0; k < p->n; k++) {	/* the old ones too: not back onto the PV */
		avoid[n++] = p->img[k];
		if (p->meta[k])
			avoid[n++] = p->meta[k];
	}
	if (!ret)
		ret = api->lv_alloc(h, r, &(struct plvm_alloc){
			.size = sizeof(struct plvm_alloc), .lvs = img, .meta_lvs = meta,
			.count = ns, .extents = extents,
			.meta_extents = raid_rmeta_extents(extents, p->rd.region_size, es),
			.stripes = 1, .flags = PLVM_ALLOC_PARALLEL, .avoid = avoid, .for_lv = lv });
	return ret ? ret : raid_metas_wipe(h, meta, 0, ns);
}

/* New images and metadata LVs in the @ns slots @slot, rebuilt. */
/* LVM2's limits on how many images one --replace may take: never all of
 * them, no more than the parity devices, never both copies of a raid10
 * mirror group.  0 or -EPERM (said). */
static int replace_limits(const struct plvm_host *h, const struct plvm_lv *lv,
			  const struct parts *p, const uint32_t *slot, uint32_t ns)
{
	const char *vg = api->vg_name(api->lv_vg(lv));
	bool on[RAID_MAX_IMAGES] = { false };
	uint32_t i, group = 0;

	for (i = 0; i < ns; i++)
		on[slot[i]] = true;
	if (ns == p->n) {
		api->log(h, PLVM_LOG_ERR, "Unable to replace all PVs from %s/%s at once.", vg,
			 api->lv_name(lv));
		return -EPERM;
	}
	if (p->kind->parity && ns > p->kind->parity) {
		api->log(h, PLVM_LOG_ERR, "Unable to replace more than %u PVs from (%s) %s/%s.",
			 p->kind->parity, p->kind->name, vg, api->lv_name(lv));
		return -EPERM;
	}
	for (i = 0; p->kind->level == RAID10 && i < 2 * p->n; i++) {
		group = (i % 2 ? group : 0) + on[i % p->n];
		if (group >= 2) {
			api->log(h, PLVM_LOG_ERR, "Unable to replace all the devices in a RAID10 "
				 "mirror group.");
			return -EPERM;
		}
	}
	return 0;
}

static int replace_slots(const struct plvm_host *h, const struct plvm_request *r,
			 struct plvm_lv *lv, struct plvm_seg *seg, struct parts *p,
			 const uint32_t *slot, uint32_t ns)
{
	struct plvm_lv *img[RAID_MAX_IMAGES], *meta[RAID_MAX_IMAGES];
	uint32_t k, extents = api->seg_len(seg);
	int ret;

	if ((ret = replace_limits(h, lv, p, slot, ns)) ||
	    (ret = new_pairs(h, r, lv, p, img, meta, ns)) || (ret = raid_seg_drop(h, seg, p)))
		return ret;
	for (k = 0; k < ns && !ret; k++) {
		ret = drop_pair(h, p->img[slot[k]], p->meta[slot[k]]);
		p->img[slot[k]] = img[k];
		p->meta[slot[k]] = meta[k];
		if (!ret)
			ret = api->lv_set_status(img[k], PLVM_LV_REBUILD, 0);
	}
	return ret ? ret : raid_seg_make(h, lv, p->kind, p->img, p->meta, p->n, extents, &p->rd);
}

/* --replace PV, given once or more: the images on any of them go. */
static int replace(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
		   struct plvm_seg *seg)
{
	uint32_t slot[RAID_MAX_IMAGES], ns = 0, i, k;
	struct parts p;
	const char *pv;

	raid_parts_get(seg, &p);
	for (i = 0; !api->opt_str_at(r, "replace", i, &pv); i++)
		for (k = 0; k < p.n; k++)
			if (raid_on_pv_named(p.img[k], pv) || raid_on_pv_named(p.meta[k], pv))
				slot_add(slot, &ns, k);
	if (!ns) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s does not contain devices specified "
			 "to replace.", api->lv_name(lv));
		return -EINVAL;
	}
	return replace_slots(h, r, lv, seg, &p, slot, ns);
}

/* ---- --repair: the images the kernel marks dead ---- */

/* Is @sub on a missing PV, or an error segment vgreduce --removemissing
 * --force left in place of what it lost? */
bool raid_sub_lost(const struct plvm_host *h, const struct plvm_lv *sub)
{
	struct plvm_seg *seg = sub ? api->lv_first_seg(sub) : NULL;

	if (!sub)
		return false;
	return raid_lv_partial(h, sub) || !seg || (api->seg_type(seg)->caps & PLVM_SEG_VIRTUAL);
}

/* An error segment as long as @sub in place of its segments. */
static int to_error(const struct plvm_host *h, struct plvm_lv *sub)
{
	const struct plvm_segtype *err = api->segtype_find(h, "error");
	uint32_t len = api->lv_extents(sub);
	int ret;

	if (!err)
		return -ENOTSUP;
	if ((ret = api->lv_reduce(h, sub, 0)))
		return ret;
	if (!api->seg_create(h, sub, err, len ? len : 1, len ? len : 1, 0))
		return -errno;
	return api->lv_set_status(sub, 0, PLVM_LV_REBUILD | PLVM_LV_WRITEMOSTLY);
}

/* vgreduce --removemissing --force: the image and metadata LV of each slot
 * that lost extents become error segments, as LVM2 does; the slot stays
 * for lvconvert --repair to fill. */
int raid_remove_missing(const struct plvm_host *h, struct plvm_lv *lv)
{
	struct plvm_seg *seg = raid_seg(lv);
	struct parts p;
	uint32_t k;
	int ret = 0;

	if (!seg)
		return -ENOTSUP;
	raid_parts_get(seg, &p);
	for (k = 0; k < p.n && !ret; k++) {
		if (!raid_lv_partial(h, p.img[k]) && !raid_lv_partial(h, p.meta[k]))
			continue;
		ret = to_error(h, p.img[k]);
		if (!ret && p.meta[k])
			ret = to_error(h, p.meta[k]);
	}
	return ret;
}

static int repair(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
		  struct plvm_seg *seg)
{
	uint32_t slot[RAID_MAX_IMAGES], ns = 0, k;
	struct raid_status st;
	struct parts p;
	char buf[512];
	int ret;

	if (!api->lv_is_active(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s must be active to perform this "
			 "operation.", api->lv_name(lv));
		return -EINVAL;
	}
	if (api->dev_status(h, lv, PLVM_DEV_TOP, buf, sizeof(buf)) ||
	    raid_status_parse(buf, &st) || st.devs != api->seg_area_count(seg))
		return -EIO;
	raid_parts_get(seg, &p);
	for (k = 0; k < st.devs; k++)
		if (st.health[k] == 'D' || raid_sub_lost(h, p.img[k]) || raid_sub_lost(h, p.meta[k]))
			slot[ns++] = k;
	if (!ns) {
		api->log(h, PLVM_LOG_NOTICE, "Logical volume %s has no failed images: nothing to "
			 "repair.", api->lv_name(lv));
		return 0;
	}
	if (!api->confirm(h, r, 0, "Attempt to replace failed RAID images (requires full "
			  "device resync)?")) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s not repaired.", api->lv_name(lv));
		return -ECANCELED;
	}
	if ((ret = replace_slots(h, r, lv, seg, &p, slot, ns)))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "Faulty devices in %s/%s successfully replaced.",
		 api->vg_name(api->lv_vg(lv)), api->lv_name(lv));
	return 0;
}

/* @ret; on success the host learns that the type logged the outcome (LVM2
 * prints no "successfully converted" after a repair, a split with
 * --trackchanges or a merge). */
static int logged(const struct plvm_request *r, int ret)
{
	if (!ret)
		api->outcome_logged(r);
	return ret;
}

int raid_convert(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r)
{
	struct plvm_seg *seg = raid_seg(lv);
	uint64_t count;
	uint32_t want = 0;
	int ret;

	if (api->opt_given(r, "merge") || api->opt_given(r, "mergemirrors"))
		return logged(r, raid_merge(h, lv));
	if (!seg && from_mirror(h, r, lv))
		return raid_from_mirror(h, r, lv);
	if (!seg)
		return plain_seg(lv) && wants_raid1(h, r) ? from_linear(h, r, lv) : -ENOTSUP;
	if (raid_tracked_slot(seg) >= 0) {
		api->log(h, PLVM_LOG_ERR, "Conversion of tracking raid1 LV %s/%s is not supported.",
			 api->vg_name(api->lv_vg(lv)), api->lv_name(lv));
		return -EPERM;
	}
	if (raid_of(seg)->kind->level != RAID0 && api->opt_given(r, "replace"))
		return replace(h, r, lv, seg);
	if (raid_of(seg)->kind->level != RAID0 && api->opt_given(r, "repair"))
		return logged(r, repair(h, r, lv, seg));
	if (raid_of(seg)->kind->level != RAID1)
		return -ENOTSUP;
	if (!api->opt_u64(r, "splitmirrors", &count, NULL))
		return api->opt_given(r, "trackchanges") ?
		       logged(r, raid_track(h, r, lv, seg, count)) : split(h, r, lv, seg, count);
	ret = wanted_images(h, r, api->seg_area_count(seg), &want);
	if (ret <= 0)
		return ret ? ret : -ENOTSUP;
	return change_images(h, r, lv, seg, want);
}

/* ---- lvchange ---- */

static int resync(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
		  struct plvm_seg *seg)
{
	bool active = api->lv_is_active(h, lv);
	char q[NAME_LEN + 80];
	struct parts p;
	int ret;

	raid_parts_get(seg, &p);
	snprintf(q, sizeof(q), "Do you really want to deactivate logical volume %s to resync it?",
		 api->lv_name(lv));
	if (active && !api->confirm(h, r, 0, q)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s not resynced.", api->lv_name(lv));
		return -ECANCELED;
	}
	if (active && (ret = api->lv_deactivate(h, lv)))
		return ret;
	if ((ret = raid_metas_wipe(h, p.meta, 0, p.n)) ||
	    (ret = api->lv_set_status(lv, 0, PLVM_LV_NOTSYNCED)))
		return ret;
	return active ? api->lv_activate(h, lv) : 0;
}

/* The --syncaction this process asked for, sent once the command's
 * commit (and the reload that comes with it, which would stop a running
 * check) is behind it. */
static struct plvm_lv *action_lv;
static const char *action_msg;

static int sync_action(const struct plvm_host *h, struct plvm_lv *lv, const char *action)
{
	if (!api->lv_is_active(h, lv)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s must be active to perform this "
			 "operation.", api->lv_name(lv));
		return -EINVAL;
	}
	action_lv = lv;
	action_msg = action;
	return 0;
}

/* New recovery rates, kept where not given. */
static int rates(const struct plvm_host *h, const struct plvm_request *r, struct plvm_seg *seg)
{
	struct raid *rd = raid_get(h, seg);
	uint32_t min = 0, max = 0;
	int given = 0;

	if (!rd)
		return -ENOMEM;
	if (!api->opt_given(r, "minrecoveryrate"))
		min = rd->min_rate;
	if (!api->opt_given(r, "maxrecoveryrate"))
		max = rd->max_rate;
	given = api->opt_given(r, "minrecoveryrate") || api->opt_given(r, "maxrecoveryrate");
	if (given && raid_rates_opt(h, r, &min, &max) < 0)
		return -EINVAL;
	rd->min_rate = min;
	rd->max_rate = max;
	return given;
}

int raid_change(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r)
{
	struct plvm_seg *seg = raid_seg(lv);
	const char *action;
	int ret, done;

	if (!seg)
		return -ENOTSUP;
	if ((done = raid_change_images(h, lv, r, seg)) < 0)
		return done;
	if (raid_of(seg)->kind->level != RAID0 && (ret = rates(h, r, seg)))
		return ret < 0 ? ret : 0;
	if (done)
		return 0;
	if (!api->opt_str(r, "syncaction", &action)) {
		if (raid_of(seg)->kind->level == RAID0) {
			api->log(h, PLVM_LOG_ERR, "raid0 LV %s has no redundancy to check.",
				 api->lv_name(lv));
			return -EINVAL;
		}
		return sync_action(h, lv, action);
	}
	if (api->opt_given(r, "resync"))
		return raid_of(seg)->kind->level == RAID0 ? -EINVAL : resync(h, r, lv, seg);
	return -ENOTSUP;
}

/* ---- clearing REBUILD once the table that rebuilds is live ----
 * (after a commit of the active LV, or once an activation made it live) */

int raid_after_commit(const struct plvm_host *h, struct plvm_seg *seg)
{
	uint32_t k, n = api->seg_area_count(seg);
	struct plvm_lv *img;
	bool changed = false;

	if (!api->lv_is_active(h, api->seg_lv(seg)))
		return 0;
	if (action_lv && action_lv == api->seg_lv(seg)) {
		action_lv = NULL;
		if (api->dev_message(h, api->seg_lv(seg), PLVM_DEV_TOP, action_msg))
			return -EIO;
	}
	for (k = 0; k < n; k++) {
		img = raid_image(seg, k);
		if (img && (api->lv_status(img) & PLVM_LV_REBUILD)) {
			api->lv_set_status(img, 0, PLVM_LV_REBUILD);
			changed = true;
		}
	}
	if (changed)
		api->vg_changed(h, api->lv_vg(api->seg_lv(seg)));
	return 0;
}
