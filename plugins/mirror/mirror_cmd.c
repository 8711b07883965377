/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User mirrors: lvcreate --type mirror, lvconvert -m N / --mirrorlog, and
 * what lvs and pvmove ask of them.  LVM2's layout: hidden images
 * NAME_mimage_0..N-1 (plain LVs, each on PVs of its own), a hidden
 * one-extent disk log NAME_mlog unless the log is in core, and the visible
 * LV with one mirror segment over the images.
 *
 * Placement follows LVM2 2.03: all images in one parallel allocation, then
 * the log on the last allowed PV (in list order) that holds no image and
 * has a free extent, or, since allocation/mirror_logs_require_separate_pvs
 * is 0 by default, on the last allowed PV with a free extent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirror.h"

#define LOG_EXTENTS		1
#define MAX_PVS			256

struct mopts {
	uint32_t images;	/* -m N: N + 1 */
	bool core_log;
	bool nosync;
	uint64_t region;	/* sectors, 0: activation/raid_region_size */
};

/* ---- options ---- */

/* --mirrorlog / --corelog: 1 when given, 0 when not, or -errno. */
static int log_opts(const struct plvm_host *h, const struct plvm_request *r, bool *core)
{
	const char *v = NULL;
	int given = !api->opt_str(r, "mirrorlog", &v), corelog = api->opt_given(r, "corelog");

	*core = false;
	if (corelog && given) {
		api->log(h, PLVM_LOG_ERR, "Please use only one of --corelog or --mirrorlog.");
		return -EINVAL;
	}
	if (given && !strcmp(v, "mirrored")) {
		api->log(h, PLVM_LOG_ERR,
			 "Log type \"mirrored\" is DEPRECATED. Use RAID1 LV or disk log instead.");
		return -EPERM;
	}
	*core = corelog || (given && !strcmp(v, "core"));
	return given || corelog;
}

static int images_opt(const struct plvm_host *h, const struct plvm_request *r, uint32_t *images)
{
	uint64_t n = 1;
	int given = !api->opt_u64(r, "mirrors", &n, NULL);

	if (given && !n) {
		api->log(h, PLVM_LOG_ERR,
			 "Mirror segment type requires at least one mirror (--mirrors).");
		return -EINVAL;
	}
	if (n + 1 > MAX_IMAGES) {
		api->log(h, PLVM_LOG_ERR, "Only up to %d images in mirror supported currently.",
			 MAX_IMAGES);
		return -EINVAL;
	}
	*images = (uint32_t)n + 1;
	return 0;
}

static int mopts_read(const struct plvm_host *h, const struct plvm_request *r,
		      struct mopts *o)
{
	int ret;

	memset(o, 0, sizeof(*o));
	if ((ret = images_opt(h, r, &o->images)) || (ret = log_opts(h, r, &o->core_log)) < 0)
		return ret;
	if (api->opt_u64(r, "regionsize", &o->region, NULL))
		o->region = 0;
	o->nosync = api->opt_given(r, "nosync") > 0;
	return 0;
}

/* LVM2 cuts a region size larger than the mirror to the largest power of 2
 * that fits, and says so. */
static uint32_t region_fit(const struct plvm_host *h, uint64_t region, uint64_t extents,
			   uint64_t extent_size)
{
	uint64_t fit;
	char s[32];

	if (!region)
		region = (uint64_t)api->config_int(h, "activation/raid_region_size", 2048) * 2;
	fit = fitted_region(region, extents, extent_size);
	if (fit != region)
		api->log(h, PLVM_LOG_NOTICE, "Using reduced mirror region size of %s",
			 api->size_str(s, sizeof(s), fit));
	return (uint32_t)fit;
}

/* ---- the log ---- */

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

static bool images_on_pv(struct plvm_lv *const *img, uint32_t n, const struct plvm_pv *pv)
{
	struct pv_hit hit = { pv, false };
	uint32_t k;

	for (k = 0; k < n && !hit.found; k++)
		api->lv_pvs(img[k], pv_match, &hit);
	return hit.found;
}

/* The last allowed PV (without image PVs unless @shared) that takes the log. */
static int log_place(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *log, struct plvm_lv *const *img, uint32_t n, bool shared)
{
	struct plvm_pv *pvs[MAX_PVS], *one[2] = { NULL, NULL };
	uint32_t count = 0;
	int ret;

	while (count < MAX_PVS && (pvs[count] = api->req_pv(r, count)))
		count++;
	while (count--) {
		if (!shared && images_on_pv(img, n, pvs[count]))
			continue;
		one[0] = pvs[count];
		ret = api->lv_alloc(h, r, &(struct plvm_alloc){
			.size = sizeof(struct plvm_alloc), .lvs = &log, .count = 1,
			.extents = LOG_EXTENTS, .stripes = 1, .flags = PLVM_ALLOC_QUIET,
			.only = one });
		if (ret != -ENOSPC)
			return ret;
	}
	return -ENOSPC;
}

static int log_make(const struct plvm_host *h, const struct plvm_request *r,
		    struct plvm_lv *top, struct plvm_lv *const *img, uint32_t n,
		    struct plvm_lv **out)
{
	struct plvm_lv *log = api->sub_lv_create(h, top, "_mlog", -1);
	int ret;

	if (!log)
		return -errno;
	ret = log_place(h, r, log, img, n, false);
	if (ret == -ENOSPC)
		ret = log_place(h, r, log, img, n, true);
	if (ret == -ENOSPC)
		api->log(h, PLVM_LOG_ERR, "Insufficient suitable allocatable extents for logical "
			 "volume %s: %u more required.", api->lv_name(log), LOG_EXTENTS);
	if (!ret && (ret = api->lv_wipe(h, log, 0)))
		api->log(h, PLVM_LOG_ERR, "Aborting. Failed to wipe mirror log.");
	*out = log;
	return ret;
}

/* ---- the mirror segment ---- */

/* Make @lv's one mirror segment over @img with log @log. */
static int top_make(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_lv *const *img,
		    uint32_t n, struct plvm_lv *log, uint32_t region, bool nosync)
{
	uint32_t extents = api->lv_extents(img[0]), k;
	struct plvm_seg *seg = api->seg_create(h, lv, mirror_segtype, extents, extents, n);
	struct mirror *mi;
	int ret = 0;

	if (!seg || !(mi = mirror_get(h, seg)))
		return -ENOMEM;
	for (k = 0; k < n && !ret; k++)
		ret = api->seg_set_area(h, seg, k, &(struct plvm_area){
			.size = sizeof(struct plvm_area), .kind = PLVM_AREA_LV, .lv = img[k] });
	mi->region_size = region;
	mi->nosync = nosync;
	mi->log_lv = log;
	if (!ret && log)
		ret = api->seg_link_lv(h, seg, log, PLVM_LINK_SUB);
	return ret;
}

static int images_make(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *top, struct plvm_lv **img, uint32_t first, uint32_t n,
		       uint32_t extents, uint32_t stripes, uint32_t stripe_size)
{
	uint32_t k;

	for (k = first; k < n; k++)
		if (!(img[k] = api->sub_lv_create(h, top, "_mimage_", (int)k)))
			return -errno;
	return api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = img + first, .count = n - first,
		.extents = extents, .stripes = stripes, .stripe_size = stripe_size,
		.flags = PLVM_ALLOC_PARALLEL, .avoid = first ? img : NULL, .for_lv = top });
}

/* ---- lvcreate ---- */

struct stripe_opts {
	uint32_t count;
	uint64_t size;
};

static int stripes_read(const struct plvm_host *h, const struct plvm_request *r,
			uint64_t extent_size, struct stripe_opts *s)
{
	uint64_t v = 1;
	char buf[32];

	s->size = 0;
	api->opt_u64(r, "stripes", &v, NULL);
	api->opt_u64(r, "stripesize", &s->size, NULL);
	s->count = v ? (uint32_t)v : 1;
	if (s->count == 1) {
		s->size = 0;
		return 0;
	}
	if (!s->size) {
		s->size = 128;
		api->log(h, PLVM_LOG_NOTICE, "Using default stripesize %s.",
			 api->size_str(buf, sizeof(buf), s->size));
	}
	if (s->size < 8 || (s->size & (s->size - 1))) {
		api->log(h, PLVM_LOG_ERR, "Invalid stripe size %s.",
			 api->size_str(buf, sizeof(buf), s->size));
		return -EINVAL;
	}
	if (s->size > extent_size)
		s->size = extent_size;
	return 0;
}

static int create_extents(const struct plvm_host *h, const struct plvm_request *r,
			  uint32_t stripes, uint32_t *extents)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	int ret = api->req_size(h, r, NULL, &sz);

	if (ret)
		return ret;
	if (!sz.given) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	*extents = (uint32_t)sz.extents;
	if (*extents % stripes)
		*extents += stripes - *extents % stripes;
	return *extents ? 0 : -ERANGE;
}

static int mirror_create(const struct plvm_host *h, struct plvm_vg *vg,
			 const struct plvm_request *r, struct plvm_lv **main)
{
	struct plvm_lv *lv, *img[MAX_IMAGES] = { NULL }, *log = NULL;
	uint64_t es = api->vg_extent_size(vg);
	struct stripe_opts s;
	const char *name = NULL;
	struct mopts o;
	uint32_t extents;
	int ret;

	if ((ret = mopts_read(h, r, &o)) || (ret = stripes_read(h, r, es, &s)) ||
	    (ret = create_extents(h, r, s.count, &extents)))
		return ret;
	if (api->opt_str(r, "name", &name))
		name = api->req_lv_name(r);
	if (!(lv = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)))
		return -errno;
	if (o.nosync)
		api->log(h, PLVM_LOG_WARN,
			 "WARNING: New mirror won't be synchronised. Don't read what you didn't write!");
	ret = images_make(h, r, lv, img, 0, o.images, extents, s.count, (uint32_t)s.size);
	if (!ret && !o.core_log)
		ret = log_make(h, r, lv, img, o.images, &log);
	if (!ret)
		ret = top_make(h, lv, img, o.images, log, region_fit(h, o.region, extents, es),
			       o.nosync);
	if (!ret && o.nosync)
		ret = api->lv_set_status(lv, PLVM_LV_NOTSYNCED, 0);
	if (!ret)
		*main = lv;
	return ret;
}

/* ---- lvconvert ---- */

static struct plvm_seg *mirror_seg(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);

	return seg && api->seg_type(seg) == mirror_segtype && !api->seg_is_pvmove(seg) ? seg : NULL;
}

static bool is_plain(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);
	const struct plvm_segtype *t = seg ? api->seg_type(seg) : NULL;

	return t && (t->caps & PLVM_SEG_PLAIN);
}

/* The image LVs of @seg into @img; their number. */
static uint32_t seg_images(const struct plvm_seg *seg, struct plvm_lv **img)
{
	struct plvm_area a = { .size = sizeof(a) };
	uint32_t k, n = api->seg_area_count(seg);

	for (k = 0; k < n && k < MAX_IMAGES; k++)
		img[k] = api->seg_area(seg, k, &a) || a.kind != PLVM_AREA_LV ? NULL : a.lv;
	return n < MAX_IMAGES ? n : MAX_IMAGES;
}

/* Drop the mirror segment of @lv, keeping its images and log. */
static int unmake(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg)
{
	const struct mirror *mi = mirror_of(seg);
	int ret = mi->log_lv ? api->seg_unlink_lv(h, seg, mi->log_lv) : 0;

	return ret ? ret : api->seg_remove(h, seg);
}

static int drop_lv(const struct plvm_host *h, struct plvm_lv *lv)
{
	return lv ? api->lv_remove_tree(h, lv) : 0;
}

/* Images to keep: the first @keep, or, with PVs given, those not on them. */
static uint32_t pick_keep(const struct plvm_request *r, struct plvm_lv **img, uint32_t n,
			  uint32_t keep, struct plvm_lv **drop)
{
	struct plvm_pv *pv;
	uint32_t k, i, kept = 0, dropped = 0;
	bool given = api->req_pvs_given(r);

	for (k = 0; k < n; k++) {
		bool on = false;

		for (i = 0; given && (pv = api->req_pv(r, i)); i++)
			on |= images_on_pv(&img[k], 1, pv);
		if (kept < keep && !(given && on && n - dropped > keep))
			img[kept++] = img[k];
		else
			drop[dropped++] = img[k];
	}
	return dropped;
}

static int change_images(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg,
			 const struct plvm_request *r, uint32_t want)
{
	const struct mirror *mi = mirror_of(seg);
	struct plvm_lv *img[MAX_IMAGES] = { NULL }, *drop[MAX_IMAGES] = { NULL }, *log = mi->log_lv;
	uint32_t n = seg_images(seg, img), region = mi->region_size, ndrop = 0, k;
	int ret = unmake(h, lv, seg);

	if (!ret && want > n)
		ret = images_make(h, r, lv, img, n, want, api->lv_extents(img[0]), 1, 0);
	if (!ret && want < n)
		ndrop = pick_keep(r, img, n, want, drop);
	for (k = 0; k < ndrop && !ret; k++)
		ret = drop_lv(h, drop[k]);
	if (ret)
		return ret;
	if (want == 1) {	/* back to a plain LV */
		ret = api->lv_move_segments(h, img[0], lv);
		return ret ? ret : drop_lv(h, img[0]) ?: drop_lv(h, log);
	}
	if (log && want > n)
		ret = api->lv_wipe(h, log, 0);	/* the new images need a full resync */
	return ret ? ret : top_make(h, lv, img, want, log, region, false);
}

static int change_log(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg,
		      const struct plvm_request *r, bool core)
{
	struct mirror *mi = mirror_get(h, seg);
	struct plvm_lv *img[MAX_IMAGES], *log = mi->log_lv;
	uint32_t n = seg_images(seg, img);
	int ret = 0;

	if (core && log) {
		mi->log_lv = NULL;
		ret = api->seg_unlink_lv(h, seg, log);
		return ret ? ret : drop_lv(h, log);
	}
	if (!core && !log) {
		if (!mi->region_size)
			mi->region_size = region_fit(h, 0, api->seg_len(seg),
						     api->extent_size(seg));
		ret = log_make(h, r, lv, img, n, &mi->log_lv);
		if (!ret)
			ret = api->seg_link_lv(h, seg, mi->log_lv, PLVM_LINK_SUB);
	}
	return ret;
}

/* The image count -m asks for: N + 1, or the current count +/- N. */
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
	if (*want > MAX_IMAGES) {
		api->log(h, PLVM_LOG_ERR, "Only up to %d images in mirror supported currently.",
			 MAX_IMAGES);
		return -EINVAL;
	}
	return 1;
}

static int convert_mirror(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg,
			  const struct plvm_request *r)
{
	uint32_t cur = api->seg_area_count(seg), want = cur;
	int m = wanted_images(h, r, cur, &want), ret = 0;
	bool core;
	int logs = log_opts(h, r, &core);

	if (m < 0 || logs < 0)
		return m < 0 ? m : logs;
	if (!m && !logs)
		return -ENOTSUP;
	if (logs && want > 1)
		ret = change_log(h, lv, seg, r, core);
	if (!ret && want != cur)
		ret = change_images(h, lv, seg, r, want);
	return ret;
}

/* A plain LV becomes image 0 of a new mirror. */
static int convert_plain(const struct plvm_host *h, struct plvm_lv *lv,
			 const struct plvm_request *r)
{
	struct plvm_lv *img[MAX_IMAGES] = { NULL }, *log = NULL;
	uint32_t want = 2, extents = api->lv_extents(lv);
	struct mopts o;
	int ret;

	if (wanted_images(h, r, 1, &want) <= 0 || want < 2)
		return -ENOTSUP;
	if ((ret = mopts_read(h, r, &o)))
		return ret;
	if (!(img[0] = api->sub_lv_create(h, lv, "_mimage_", 0)))
		return -errno;
	if ((ret = api->lv_move_segments(h, lv, img[0])) ||
	    (ret = images_make(h, r, lv, img, 1, want, extents, 1, 0)))
		return ret;
	if (!o.core_log && (ret = log_make(h, r, lv, img, want, &log)))
		return ret;
	return top_make(h, lv, img, want, log,
			region_fit(h, o.region, extents, api->vg_extent_size(api->lv_vg(lv))),
			false);
}

static int mirror_convert(const struct plvm_host *h, struct plvm_lv *lv,
			  const struct plvm_request *r)
{
	struct plvm_seg *seg = mirror_seg(lv);

	if (seg)
		return convert_mirror(h, lv, seg, r);
	if (is_plain(lv))
		return convert_plain(h, lv, r);
	return -ENOTSUP;
}

/* ---- lvrename: the images and the log carry the LV's name ---- */

static int rename_sub(const struct plvm_host *h, struct plvm_lv *sub, const char *old,
		      const char *name)
{
	const char *n = sub ? api->lv_name(sub) : NULL;
	size_t len = old ? strlen(old) : 0;
	char buf[256];

	if (!n || strncmp(n, old, len) || n[len] != '_')
		return 0;
	snprintf(buf, sizeof(buf), "%s%s", name, n + len);
	return api->lv_rename(h, sub, buf);
}

static int mirror_rename(const struct plvm_host *h, struct plvm_lv *lv, const char *name)
{
	struct plvm_seg *seg = mirror_seg(lv);
	struct plvm_lv *img[MAX_IMAGES];
	const char *old = api->lv_name(lv);
	uint32_t n, k;
	int ret;

	if (!seg)
		return 0;
	n = seg_images(seg, img);
	for (k = 0; k < n; k++)
		if ((ret = rename_sub(h, img[k], old, name)))
			return ret;
	return rename_sub(h, mirror_of(seg)->log_lv, old, name);
}

const struct plvm_cmd_ops mirror_cmd = {
	.size = sizeof(struct plvm_cmd_ops),
	.create = mirror_create,
	.convert = mirror_convert,
	.rename = mirror_rename,
};

/* ---- reports ---- */

static int mirror_field(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, const char *name, const char *status,
			char *buf, size_t len)
{
	const struct mirror *mi = mirror_of(seg);
	int n;

	if (!seg || api->seg_lv(seg) != lv)
		return 0;
	if (!strcmp(name, "mirror_log"))
		n = snprintf(buf, len, "%s", mi->log_lv ? api->lv_name(mi->log_lv) : "");
	else if (!strcmp(name, "region_size"))
		n = snprintf(buf, len, "%u", mi->region_size);
	else
		return 0;
	return n >= 0 && (size_t)n < len ? 1 : -ENOSPC;
}

/* "<#legs> <devs...> <in_sync>/<total> ...": are all regions in sync? */
static bool status_in_sync(const char *status)
{
	unsigned long long legs, done, total;
	const char *p = status;
	int n = 0;

	if (!p || sscanf(p, "%llu%n", &legs, &n) != 1)
		return false;
	for (p += n; legs; legs--) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
	}
	return sscanf(p, " %llu/%llu", &done, &total) == 2 && done == total;
}

static int mirror_attr(const struct plvm_host *h, const struct plvm_seg *seg,
		       const struct plvm_lv *lv, const char *status, char attr[10])
{
	const struct mirror *mi = mirror_of(seg);

	if (seg && api->seg_is_pvmove(seg) && lv == mi->log_lv)
		attr[0] = 'l';
	if (!seg || api->seg_is_pvmove(seg))
		return 0;
	attr[6] = 'm';
	if (api->seg_lv(seg) == lv)
		attr[0] = api->lv_status(lv) & PLVM_LV_NOTSYNCED ? 'M' : 'm';
	else if (lv == mi->log_lv)
		attr[0] = 'l';
	else
		attr[0] = status_in_sync(status) ? 'i' : 'I';
	return 0;
}

/* lvdisplay -m of a mirror segment: its geometry, log, then the original
 * image and the others. */
static int mirror_display(const struct plvm_host *h, const struct plvm_seg *seg,
			  const struct plvm_lv *lv, const char *status, struct plvm_display *d)
{
	const struct mirror *mi = seg ? mirror_of(seg) : NULL;
	uint32_t i, n;
	char buf[64];

	if (!mi || d->part != PLVM_DISP_SEGMENT || api->seg_lv(seg) != lv)
		return 0;
	n = api->seg_area_count(seg);
	d->line(d, "  Monitoring\t\t%s", d->monitoring);
	d->line(d, "  Mirrors\t\t%u", n);
	d->line(d, "  Mirror size\t\t%u", api->seg_area_len(seg));
	if (mi->log_lv)
		d->line(d, "  Mirror log volume\t%s", api->lv_name(mi->log_lv));
	if (mi->region_size)
		d->line(d, "  Mirror region size\t%s",
			d->size_str(d, buf, sizeof(buf), mi->region_size));
	d->line(d, "  Mirror original:");
	d->area(d, seg, 0, "    ");
	d->line(d, "  Mirror destinations:");
	for (i = 1; i < n; i++)
		d->area(d, seg, i, "    ");
	d->line(d, " ");
	return 0;
}

const struct plvm_report_ops mirror_report = {
	.size = sizeof(struct plvm_report_ops),
	.field = mirror_field,
	.lv_attr = mirror_attr,
	.display = mirror_display,
};

/* ---- pvmove: no two copies on one PV ---- */

static int mirror_avoid(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, int (*add)(const struct plvm_pv *pv, void *arg),
			void *arg)
{
	if (api->seg_is_pvmove(seg))
		return 0;
	return api->lv_pvs(api->seg_lv(seg), add, arg);
}

/*
 * ---- pvmove: the progress log ----
 *
 * The running segment of a pvmove gets a one-extent disk log, the layer's
 * "_mlog" sub-LV, so that the kernel resumes the copy from it when the
 * move comes back after a crash or a deactivation.  Only the running
 * segment names the log; at each checkpoint it goes over to the next one,
 * whose first table says "sync" so that the kernel starts that segment's
 * bitmap afresh instead of reading the previous segment's.
 */
/* A hidden "<layer>_mlog" the move's segments do not name is what an LVM2
 * that finished an earlier classic move left (it ignores the key that names
 * the log): the new log takes the next free name. */
static struct plvm_lv *new_log(const struct plvm_host *h, struct plvm_lv *layer)
{
	struct plvm_vg *vg = api->lv_vg(layer);
	char name[256];
	int i;

	snprintf(name, sizeof(name), "%s_mlog", api->lv_name(layer));
	if (!api->vg_find_lv(vg, name))
		return api->sub_lv_create(h, layer, "_mlog", -1);
	for (i = 1; i < 100; i++) {
		snprintf(name, sizeof(name), "%s_mlog%d", api->lv_name(layer), i);
		if (!api->vg_find_lv(vg, name))
			return api->sub_lv_create(h, layer, "_mlog", i);
	}
	errno = EEXIST;
	return NULL;
}

static int mirror_persist(const struct plvm_host *h, struct plvm_seg *seg,
			  const struct plvm_request *r)
{
	struct plvm_lv *log = new_log(h, api->seg_lv(seg));
	struct mirror *mi = mirror_get(h, seg);
	int ret;

	if (!log || !mi)
		return log ? -ENOMEM : -errno;
	ret = api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &log, .count = 1,
		.extents = LOG_EXTENTS, .stripes = 1, .flags = PLVM_ALLOC_QUIET });
	if (ret) {
		api->lv_remove(h, log);
		return ret;
	}
	mi->log_lv = log;
	mi->fresh_log = true;
	return api->seg_link_lv(h, seg, log, PLVM_LINK_SUB);
}

/* The segment of @lv that holds the progress log, or NULL. */
static struct plvm_seg *log_holder(const struct plvm_lv *lv)
{
	struct plvm_seg *s;

	for (s = api->lv_first_seg(lv); s; s = api->seg_next(s))
		if (api->seg_type(s) == mirror_segtype && mirror_of(s)->log_lv)
			return s;
	return NULL;
}

static int mirror_advance(const struct plvm_host *h, struct plvm_seg *done,
			  struct plvm_seg *next)
{
	struct plvm_seg *from = log_holder(api->seg_lv(next));
	struct mirror *old, *mi;
	struct plvm_lv *log;
	int ret;

	if (!from || from == next)
		return 0;
	old = mirror_get(h, from);
	mi = mirror_get(h, next);
	if (!old || !mi)
		return -ENOMEM;
	log = old->log_lv;
	if ((ret = api->seg_unlink_lv(h, from, log)))
		return ret;
	old->log_lv = NULL;
	mi->log_lv = log;
	mi->fresh_log = true;
	return api->seg_link_lv(h, next, log, PLVM_LINK_SUB);
}

/*
 * ---- pvmove: the throttle ----
 *
 * dm-mirror copies through kcopyd, which the kernel lets keep the disks busy
 * a share of the time: one module setting for every dm-mirror on the host.
 */
#define THROTTLE_PARAM	"/sys/module/dm_mirror/parameters/raid1_resync_throttle"

static int mirror_throttle(const struct plvm_host *h, unsigned percent)
{
	FILE *f = fopen(THROTTLE_PARAM, "w");
	int r = 0;

	if (!f)
		return errno == ENOENT ? -ENOTSUP : -errno;
	if (fprintf(f, "%u\n", percent) < 0)
		r = -EIO;
	if (fclose(f) && !r)
		r = -errno;
	if (r)
		api->log(h, PLVM_LOG_ERR, "Cannot set %s: %s.", THROTTLE_PARAM, strerror(-r));
	return r;
}

const struct plvm_move_ops mirror_move = {
	.size = sizeof(struct plvm_move_ops),
	.avoid = mirror_avoid,
	.persist = mirror_persist,
	.advance = mirror_advance,
	.throttle = mirror_throttle,
};
