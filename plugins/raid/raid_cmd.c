/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands of raid LVs: lvcreate --type raidN (and -m N when raid1 is the
 * mirror type), lvextend/lvreduce/lvresize, lvrename, with LVM2's checks,
 * roundings and messages.  Layout as LVM2 2.03: NAME_rimage_N and
 * NAME_rmeta_N made in that order, all images in one parallel allocation
 * with each metadata LV right before its image on the same PV.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "raid.h"

#define PAGE_SECTORS	8	/* the kernel's page: region sizes are multiples of it */
#define NAME_LEN	256

struct ropts {
	const struct raid_kind *kind;
	uint32_t images;
	uint32_t copies;	/* raid10 data copies */
	uint32_t stripe_size;	/* sectors */
	uint64_t region;	/* sectors, 0: activation/raid_region_size */
	uint32_t min_rate, max_rate;	/* KiB/s */
	bool nosync;
	bool approx;		/* a percentage: at most this size, less if need be */
	uint32_t unit;		/* the LV's size is a multiple of it */
};

static int refuse(const struct plvm_host *h, const char *what, const struct raid_kind *k)
{
	api->log(h, PLVM_LOG_ERR, "%s argument cannot be used with segment type, %s", what,
		 k->name);
	return -EINVAL;
}

/* ---- which of our types, and its options ---- */

static const struct raid_kind *requested_kind(const struct plvm_host *h,
					      const struct plvm_request *r)
{
	const char *name = api->req_type_name(r);

	if (!name && api->opt_given(r, "mirrors"))
		name = api->config_str(h, "global/mirror_segtype_default", "raid1");
	else if (!name)
		name = api->config_str(h, "global/default_segtype", "striped");
	return raid_kind_find(name);
}

static int mirrors_opt(const struct plvm_host *h, const struct plvm_request *r, struct ropts *o)
{
	uint64_t m = 1;
	int given = !api->opt_u64(r, "mirrors", &m, NULL);

	if (o->kind->level == RAID1) {
		if (!m) {
			api->log(h, PLVM_LOG_ERR,
				 "--mirrors must be at least 1 with segment type %s.", o->kind->name);
			return -EINVAL;
		}
		if (m + 1 > RAID_MAX_IMAGES) {
			api->log(h, PLVM_LOG_ERR, "Only up to %u images in %s supported currently.",
				 RAID_MAX_IMAGES, o->kind->name);
			return -EINVAL;
		}
		o->images = (uint32_t)m + 1;
		return 0;
	}
	if (o->kind->level == RAID10) {
		if (m != 1) {
			api->log(h, PLVM_LOG_ERR, "RAID10 currently supports only 2-way mirroring "
				 "(i.e. '-m 1')");
			return -EINVAL;
		}
		o->copies = 2;
		return 0;
	}
	return given ? refuse(h, "Mirror", o->kind) : 0;
}

/* -i: the data stripes; images add the parity devices (raid10: times the copies). */
static int stripes_opt(const struct plvm_host *h, const struct plvm_request *r, struct ropts *o)
{
	const struct raid_kind *k = o->kind;
	uint32_t min = k->level == RAID6 ? 3 : 2;
	uint64_t s = min;
	int given = !api->opt_u64(r, "stripes", &s, NULL);

	if (k->level == RAID1)
		return given ? refuse(h, "Stripes", k) : 0;
	if (s < min) {
		api->log(h, PLVM_LOG_ERR, "Minimum of %u stripes required for %s.", min, k->name);
		return -EINVAL;
	}
	if (s * (k->level == RAID10 ? o->copies : 1) + k->parity > RAID_MAX_IMAGES) {
		api->log(h, PLVM_LOG_ERR, "Only up to %u stripes in %s supported currently.",
			 RAID_MAX_IMAGES - k->parity, k->name);
		return -EINVAL;
	}
	if (s > api->req_pv_count(r)) {
		api->log(h, PLVM_LOG_ERR, "Number of stripes (%llu) must not exceed number of "
			 "physical volumes (%u)", (unsigned long long)s, api->req_pv_count(r));
		return -ENOSPC;
	}
	o->images = k->level == RAID10 ? (uint32_t)s * o->copies : (uint32_t)s + k->parity;
	return 0;
}

static int stripe_size_opt(const struct plvm_host *h, const struct plvm_request *r,
			   uint64_t extent_size, struct ropts *o)
{
	uint64_t size = 0;
	int sign = 0, given = !api->opt_u64(r, "stripesize", &size, &sign);
	char s1[32];

	if (o->kind->level == RAID1)
		return given ? refuse(h, "Stripe size", o->kind) : 0;
	if (!given) {
		size = RAID_DEFAULT_STRIPE;
		api->log(h, PLVM_LOG_NOTICE, "Using default stripesize %s.",
			 api->size_str(s1, sizeof(s1), size));
	} else if (sign < 0 || size < PAGE_SECTORS || (size & (size - 1))) {
		api->log(h, PLVM_LOG_ERR, "Invalid stripe size %s.",
			 api->size_str(s1, sizeof(s1), size));
		return -EINVAL;
	}
	if (size > extent_size)
		size = extent_size;
	o->stripe_size = (uint32_t)size;
	return 0;
}

static int region_opt(const struct plvm_host *h, const struct plvm_request *r, struct ropts *o)
{
	char s[32];
	int sign = 0;

	if (api->opt_u64(r, "regionsize", &o->region, &sign)) {
		o->region = 0;
		return 0;
	}
	if (o->kind->level == RAID0 || o->kind->level == RAID0_META) {
		o->region = 0;	/* as LVM2: no regions to size, the value is dropped */
		return 0;
	}
	if (sign < 0 || !o->region || o->region % PAGE_SECTORS) {
		api->log(h, PLVM_LOG_ERR, "Region size must be a multiple of machine memory "
			 "page size (%d bytes).", PAGE_SECTORS * 512);
		return -EINVAL;
	}
	if (o->region & (o->region - 1)) {
		api->log(h, PLVM_LOG_ERR, "Region size (%s) must be a power of 2.",
			 api->size_str(s, sizeof(s), o->region));
		return -EINVAL;
	}
	return 0;
}

static int rate_opt(const struct plvm_host *h, const struct plvm_request *r, const char *name,
		    uint32_t *kib)
{
	uint64_t v;
	int sign = 0;

	if (api->opt_u64(r, name, &v, &sign))
		return 0;
	if (sign < 0 || v / 2 > UINT32_MAX) {
		api->log(h, PLVM_LOG_ERR, "Invalid argument for --%s.", name);
		return -EINVAL;
	}
	*kib = (uint32_t)(v / 2);
	return 1;
}

int raid_rates_opt(const struct plvm_host *h, const struct plvm_request *r,
		     uint32_t *min, uint32_t *max)
{
	int a = rate_opt(h, r, "minrecoveryrate", min), b;

	if (a < 0 || (b = rate_opt(h, r, "maxrecoveryrate", max)) < 0)
		return -EINVAL;
	if (*min > *max) {	/* as LVM2: a minimum alone is higher than no maximum */
		api->log(h, PLVM_LOG_ERR, "Minimum recovery rate cannot be higher than maximum.");
		return -EINVAL;
	}
	return a || b;
}

static int ropts_read(const struct plvm_host *h, const struct plvm_request *r,
		      uint64_t extent_size, struct ropts *o)
{
	int ret;

	if ((ret = mirrors_opt(h, r, o)) || (ret = stripes_opt(h, r, o)) ||
	    (ret = stripe_size_opt(h, r, extent_size, o)) || (ret = region_opt(h, r, o)) ||
	    (ret = raid_rates_opt(h, r, &o->min_rate, &o->max_rate)) < 0)
		return ret;
	/* as LVM2: raid0 never resyncs, so --nosync has nothing to skip */
	o->nosync = api->opt_given(r, "nosync") > 0 &&
		    o->kind->level != RAID0 && o->kind->level != RAID0_META;
	return 0;
}

/* ---- sizes ---- */

/* The region size: the option or the configured one, cut down to the
 * largest power of 2 that fits in the LV, as LVM2 does and says. */
uint32_t raid_region_fit(const struct plvm_host *h, uint64_t region, uint64_t sectors)
{
	uint64_t fit = 1;
	char s[32];

	if (!region)
		region = (uint64_t)api->config_int(h, "activation/raid_region_size",
						   RAID_DEFAULT_REGION_KIB) * 2;
	if (region <= sectors || !sectors)
		return (uint32_t)region;
	while (fit * 2 <= sectors)
		fit *= 2;
	api->log(h, PLVM_LOG_NOTICE, "Using reduced mirror region size of %s",
		 api->size_str(s, sizeof(s), fit));
	return (uint32_t)fit;
}

/* Extents of a metadata LV: the superblocks and a bit per region. */
uint32_t raid_rmeta_extents(uint32_t image_extents, uint32_t region, uint64_t extent_size)
{
	uint64_t regions = region ? (uint64_t)image_extents * extent_size / region : 0;
	uint64_t sectors = (2 * 4096 + (regions + 7) / 8 + 511) / 512;

	return (uint32_t)((sectors + extent_size - 1) / extent_size);
}

/* Up to whole stripes, with LVM2's line. */
static void stripe_round(const struct plvm_host *h, uint64_t es, uint32_t unit,
			 uint32_t *extents)
{
	uint32_t up = *extents + unit - *extents % unit;
	char s1[32], s2[32];

	api->log(h, PLVM_LOG_NOTICE, "Rounding size %s (%u extents) up to stripe boundary "
		 "size %s (%u extents).", api->size_str(s1, sizeof(s1), *extents * es), *extents,
		 api->size_str(s2, sizeof(s2), up * es), up);
	*extents = up;
}

/*
 * A percentage as LVM2 2.03.16 reads it: of physical extents, divided by
 * the copies for raid1 and raid10 (the parity and metadata LVs are not
 * counted); raid_create then takes less when that does not fit.
 */
static uint32_t pct_extents(const struct ropts *o, uint32_t extents)
{
	if (o->kind->level == RAID1)
		extents /= o->images;
	else if (o->kind->level == RAID10)
		extents /= o->copies;
	return extents ? extents : 1;
}

static int create_extents(const struct plvm_host *h, const struct plvm_request *r,
			  struct ropts *o, uint64_t es, uint32_t *extents)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	uint32_t data = o->images - o->kind->parity, unit;
	int ret = api->req_size(h, r, NULL, &sz);

	if (ret)
		return ret;
	if (!sz.given) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	*extents = (uint32_t)sz.extents;
	unit = o->kind->level == RAID1 ? 1 : o->kind->level == RAID10 ? o->images / o->copies
								 : data;
	o->approx = sz.pct == PLVM_PCT_VG || sz.pct == PLVM_PCT_FREE || sz.pct == PLVM_PCT_PVS;
	if (o->approx)
		*extents = pct_extents(o, *extents);
	if (unit > 1 && *extents % unit)
		stripe_round(h, es, unit, extents);
	o->unit = unit;
	return *extents ? 0 : -ERANGE;
}

/* ---- building ---- */

/* The first index from @from whose image and metadata names are both free
 * (an active LV keeps the names its images had: there may be gaps). */
static int free_index(const struct plvm_lv *lv, int from)
{
	const struct plvm_vg *vg = api->lv_vg(lv);
	char a[NAME_LEN], b[NAME_LEN];
	int i;

	for (i = from; i < 4 * RAID_MAX_IMAGES; i++) {
		snprintf(a, sizeof(a), "%s_rimage_%d", api->lv_name(lv), i);
		snprintf(b, sizeof(b), "%s_rmeta_%d", api->lv_name(lv), i);
		if (!api->vg_find_lv(vg, a) && !api->vg_find_lv(vg, b))
			return i;
	}
	return -1;
}

int raid_subs_make(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_lv **img,
		   struct plvm_lv **meta, uint32_t first, uint32_t n, bool with_meta)
{
	uint32_t k;
	int idx = 0;	/* the lowest free names: fills the gaps of an active LV */

	for (k = first; k < n; k++, idx++) {
		if ((idx = free_index(lv, idx)) < 0)
			return -EEXIST;
		if (!(img[k] = api->sub_lv_create(h, lv, "_rimage_", idx)))
			return -errno;
		if (with_meta && !(meta[k] = api->sub_lv_create(h, lv, "_rmeta_", idx)))
			return -errno;
	}
	return 0;
}

static int subs_alloc(const struct plvm_host *h, const struct plvm_request *r,
		      struct plvm_lv *lv, struct plvm_lv **img, struct plvm_lv **meta,
		      uint32_t first, uint32_t n, uint32_t extents, uint32_t meta_extents,
		      uint32_t flags)
{
	return api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = img + first,
		.meta_lvs = meta ? meta + first : NULL, .count = n - first, .extents = extents,
		.meta_extents = meta ? meta_extents : 0, .stripes = 1,
		.flags = PLVM_ALLOC_PARALLEL | flags, .avoid = first ? img : NULL, .for_lv = lv });
}

/* Give back what images 0..@n-1 (and @meta) were allocated. */
static int subs_free(const struct plvm_host *h, struct plvm_lv **img, struct plvm_lv **meta,
		     uint32_t n)
{
	uint32_t i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		ret = api->lv_reduce(h, img[i], 0);
		if (!ret && meta && meta[i])
			ret = api->lv_reduce(h, meta[i], 0);
	}
	return ret;
}

/* A new LV's images (and metadata LVs) to allocate */
struct fit {
	const struct plvm_host *h;
	const struct plvm_request *r;
	struct plvm_lv *lv, **img, **meta;
	const struct ropts *o;
	uint32_t region;
	uint64_t es;
};

static int fit_try(const struct fit *f, uint32_t extents, uint32_t flags)
{
	const struct ropts *o = f->o;
	uint32_t per_image = raid_image_extents(o->kind, extents, o->images, o->copies);

	return subs_alloc(f->h, f->r, f->lv, f->img, f->meta, 0, o->images, per_image,
			  raid_rmeta_extents(per_image, f->region, f->es), flags);
}

/* Allocate for an LV of *@extents; with o->approx the largest multiple of
 * o->unit up to *@extents that fits, as LVM2's approximate allocation of a
 * percentage does. */
static int create_alloc(const struct fit *f, uint32_t *extents)
{
	uint32_t lo = 0, hi = *extents / f->o->unit, mid;
	int ret;

	if (!f->o->approx)
		return fit_try(f, *extents, 0);
	if ((ret = fit_try(f, *extents, PLVM_ALLOC_QUIET)) != -ENOSPC)
		return ret;
	while (lo + 1 < hi) {		/* lo units fit (or lo is 0), hi units do not */
		mid = lo + (hi - lo) / 2;
		ret = fit_try(f, mid * f->o->unit, PLVM_ALLOC_QUIET);
		if (!ret)
			ret = subs_free(f->h, f->img, f->meta, f->o->images);
		else if (ret == -ENOSPC)
			hi = mid;
		if (ret && ret != -ENOSPC)
			return ret;
		if (!ret)
			lo = mid;
	}
	if (lo)
		*extents = lo * f->o->unit;
	return fit_try(f, *extents, 0);	/* nothing fits: the host says why */
}

/* Make @lv's raid segment of type @k over @img (and @meta) from @rd. */
int raid_seg_make(const struct plvm_host *h, struct plvm_lv *lv, const struct raid_kind *k,
		    struct plvm_lv *const *img, struct plvm_lv *const *meta, uint32_t n,
		    uint32_t extents, const struct raid *from)
{
	uint32_t area_len = api->lv_extents(img[0]), i;
	struct plvm_seg *seg = api->seg_create(h, lv, raid_segtype(k), extents, area_len, n);
	struct raid *rd;
	int ret = 0;

	if (!seg || !(rd = raid_get(h, seg)))
		return -ENOMEM;
	*rd = *from;
	rd->kind = k;
	memset(rd->meta, 0, sizeof(rd->meta));
	for (i = 0; i < n && !ret; i++) {
		ret = api->seg_set_area(h, seg, i, &(struct plvm_area){
			.size = sizeof(struct plvm_area), .kind = PLVM_AREA_LV, .lv = img[i] });
		if (!ret && meta && meta[i]) {
			rd->meta[i] = meta[i];
			ret = api->seg_link_lv(h, seg, meta[i], PLVM_LINK_SUB);
		}
	}
	return ret;
}

int raid_metas_wipe(const struct plvm_host *h, struct plvm_lv *const *meta, uint32_t first,
		      uint32_t n)
{
	uint32_t k;
	int ret;

	for (k = first; meta && k < n; k++)
		if (meta[k] && (ret = api->lv_wipe(h, meta[k], 0))) {
			api->log(h, PLVM_LOG_ERR, "Failed to wipe %s.", api->lv_name(meta[k]));
			return ret;
		}
	return 0;
}

static int raid_create(const struct plvm_host *h, struct plvm_vg *vg,
		       const struct plvm_request *r, struct plvm_lv **main)
{
	struct plvm_lv *lv, *img[RAID_MAX_IMAGES] = { NULL }, *meta[RAID_MAX_IMAGES] = { NULL };
	uint64_t es = api->vg_extent_size(vg);
	struct ropts o = { .kind = requested_kind(h, r) };
	struct raid rd = { 0 };
	const char *name = NULL;
	uint32_t extents;
	bool with_meta;
	int ret;

	if (!o.kind)
		return -ENOTSUP;
	if ((ret = ropts_read(h, r, es, &o)) || (ret = create_extents(h, r, &o, es, &extents)))
		return ret;
	with_meta = o.kind->level != RAID0;
	rd.stripe_size = o.stripe_size;
	rd.data_copies = o.kind->level == RAID10 ? o.copies : 0;
	rd.min_rate = o.min_rate;
	rd.max_rate = o.max_rate;
	rd.nosync = o.nosync;
	if (with_meta && o.kind->level != RAID0_META)
		rd.region_size = raid_region_fit(h, o.region, (uint64_t)extents * es);
	if (api->opt_str(r, "name", &name))
		name = api->req_lv_name(r);
	if (!(lv = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)))
		return -errno;
	if (o.nosync)
		api->log(h, PLVM_LOG_WARN, "WARNING: New %s won't be synchronised. "
			 "Don't read what you didn't write!", o.kind->name);
	ret = raid_subs_make(h, lv, img, meta, 0, o.images, with_meta);
	if (!ret)
		ret = create_alloc(&(struct fit){ .h = h, .r = r, .lv = lv, .img = img,
			.meta = with_meta ? meta : NULL, .o = &o, .region = rd.region_size, .es = es },
			&extents);
	if (!ret)
		ret = raid_seg_make(h, lv, o.kind, img, with_meta ? meta : NULL, o.images, extents, &rd);
	if (!ret)
		ret = raid_metas_wipe(h, with_meta ? meta : NULL, 0, o.images);
	if (!ret && o.nosync)
		ret = api->lv_set_status(lv, PLVM_LV_NOTSYNCED, 0);
	if (!ret)
		*main = lv;
	return ret;
}

/* ---- the images of an existing segment ---- */


void raid_parts_get(const struct plvm_seg *seg, struct parts *p)
{
	const struct raid *rd = raid_of(seg);
	uint32_t i;

	p->n = api->seg_area_count(seg);
	p->rd = *rd;
	p->kind = rd->kind;
	for (i = 0; i < p->n; i++) {
		p->img[i] = raid_image(seg, i);
		p->meta[i] = rd->meta[i];
	}
}

/* Drop @lv's raid segment, keeping its images and metadata LVs. */
int raid_seg_drop(const struct plvm_host *h, struct plvm_seg *seg, const struct parts *p)
{
	uint32_t i;
	int ret = 0;

	for (i = 0; i < p->n && !ret; i++)
		if (p->meta[i])
			ret = api->seg_unlink_lv(h, seg, p->meta[i]);
	return ret ? ret : api->seg_remove(h, seg);
}

/* Make the segment again over @p (a new length, other images). */
static int seg_redo(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg,
		    const struct parts *p, uint32_t extents)
{
	int ret = raid_seg_drop(h, seg, p);

	return ret ? ret : raid_seg_make(h, lv, p->kind, p->img, p->meta, p->n, extents, &p->rd);
}

/* ---- lvextend, lvreduce, lvresize ---- */

static int grow(const struct plvm_host *h, const struct plvm_request *r, struct plvm_lv *lv,
		struct parts *p, uint32_t per_image)
{
	uint32_t cur = api->lv_extents(p->img[0]);

	if (per_image <= cur)
		return 0;
	if (p->kind->level == RAID1)
		api->log(h, PLVM_LOG_NOTICE, "Extending %u mirror images.", p->n);
	return api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = p->img, .count = p->n,
		.extents = per_image - cur, .stripes = 1, .flags = PLVM_ALLOC_PARALLEL,
		.for_lv = lv });
}

static int shrink(const struct plvm_host *h, struct parts *p, uint32_t per_image)
{
	uint32_t i;
	int ret = 0;

	for (i = 0; i < p->n && !ret; i++)
		if (api->lv_extents(p->img[i]) > per_image)
			ret = api->lv_reduce(h, p->img[i], per_image);
	return ret;
}

static int raid_resize(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r)
{
	struct plvm_seg *seg = raid_seg(lv);
	struct plvm_size sz = { .size = sizeof(sz) };
	struct parts p;
	uint32_t want, per_image, data;
	int ret;

	if (!seg || api->seg_next(seg))
		return -ENOTSUP;
	if ((ret = api->req_size(h, r, lv, &sz)))
		return ret;
	if (!sz.given)
		return -ENOTSUP;
	raid_parts_get(seg, &p);
	want = (uint32_t)sz.new_extents;
	data = p.n - p.kind->parity;
	if (p.kind->level != RAID1 && p.kind->level != RAID10 && want % data)
		want += data - want % data;
	per_image = raid_image_extents(p.kind, want, p.n, raid_data_copies(seg));
	if (want < api->seg_len(seg) && p.kind->level != RAID1) {
		/* the kernel shrinks striped arrays only by a reshape, which plvm lacks */
		api->log(h, PLVM_LOG_ERR, "Unable to reduce %s LV %s: only raid1 LVs can be "
			 "reduced.", p.kind->name, api->lv_name(lv));
		return -EINVAL;
	}
	ret = grow(h, r, lv, &p, per_image);
	if (!ret)
		ret = shrink(h, &p, per_image);
	return ret ? ret : seg_redo(h, lv, seg, &p, want);
}

/* ---- lvrename: the sub-LVs carry the LV's name ---- */

static int rename_sub(const struct plvm_host *h, struct plvm_lv *sub, const char *old,
		      const char *name)
{
	const char *n = sub ? api->lv_name(sub) : NULL;
	size_t len = old ? strlen(old) : 0;
	char buf[NAME_LEN];

	if (!n || strncmp(n, old, len) || n[len] != '_')
		return 0;
	if ((size_t)snprintf(buf, sizeof(buf), "%s%s", name, n + len) >= sizeof(buf))
		return -ENAMETOOLONG;
	return api->lv_rename(h, sub, buf);
}

static int raid_rename(const struct plvm_host *h, struct plvm_lv *lv, const char *name)
{
	struct plvm_seg *seg = raid_seg(lv);
	const char *old = api->lv_name(lv);
	struct parts p;
	uint32_t i;
	int ret = 0;

	if (!seg)
		return 0;
	raid_parts_get(seg, &p);
	for (i = 0; i < p.n && !ret; i++) {
		ret = rename_sub(h, p.img[i], old, name);
		if (!ret)
			ret = rename_sub(h, p.meta[i], old, name);
	}
	return ret;
}

const struct plvm_cmd_ops raid_cmd = {
	.size = sizeof(struct plvm_cmd_ops),
	.create = raid_create,
	.resize = raid_resize,
	.convert = raid_convert,
	.change = raid_change,
	.rename = raid_rename,
	.remove = raid_remove,
	.remove_missing = raid_remove_missing,
};
