/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Growing a thin pool, as LVM2 does it:
 *
 *	lvextend -l|-L N VG/pool		the data LV (NAME_tdata)
 *	lvextend --poolmetadatasize N VG/pool	the metadata LV (NAME_tmeta)
 *	lvextend --use-policies VG/pool		both, by the autoextend settings
 *
 * The data and metadata LVs grow through their own type (api->lv_resize):
 * a raid1 data LV grows all its images, a linear one gets a new segment.
 * Growing the data alone also grows the metadata to LVM2's estimate for
 * the new size, and the VG's spare follows the largest metadata LV, both
 * only when no PVs were named.  The lines LVM2 prints name the sub-LV
 * that changed, so the pool type logs them itself (PLVM_SEG_LOGS_RESIZE).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "thin.h"

#define PCT_1		1000000ull	/* LVM2's percent unit */
#define PCT_100		(100 * PCT_1)
#define META_FREE_MIN	8192		/* sectors the metadata keeps free: 4 MiB ... */
#define META_FREE_PCT	25		/* ... or a quarter, whichever is less */

/* What a resize of the pool asks: new extents of the data and metadata
 * LVs (0: unchanged), and the LV the final line names. */
struct grow {
	uint32_t data, meta;
	bool meta_given;
	struct plvm_lv *named;
};

void size_line(const struct plvm_host *h, const struct plvm_lv *lv, uint32_t old)
{
	uint64_t es = api->vg_extent_size(api->lv_vg(lv));
	uint32_t now = api->lv_extents(lv);
	const char *vg = api->vg_name(api->lv_vg(lv));
	char a[32], b[32];

	api->size_str(a, sizeof(a), old * es);
	if (now == old) {
		api->log(h, PLVM_LOG_NOTICE, "Size of logical volume %s/%s unchanged from %s "
			 "(%u extents).", vg, api->lv_name(lv), a, old);
		return;
	}
	api->size_str(b, sizeof(b), now * es);
	api->log(h, PLVM_LOG_NOTICE, "Size of logical volume %s/%s changed from %s (%u extents) "
		 "to %s (%u extents).", vg, api->lv_name(lv), a, old, b, now);
}

/* ---- the sizes asked for ---- */

/* @e extents of metadata within LVM2's maximum, saying when it was cut. */
static uint64_t meta_clamp(const struct plvm_host *h, uint64_t e, uint64_t es)
{
	uint64_t max = (meta_max(h) + es - 1) / es;
	char s[32];

	if (e <= max)
		return e;
	api->size_str(s, sizeof(s), meta_max(h));
	api->log(h, PLVM_LOG_NOTICE, "Reached maximum pool metadata size %s (%u extents).",
		 s, (uint32_t)max);
	return max;
}

/* --poolmetadatasize [+]N: the metadata LV's new extents, LVM2's maximum kept. */
static int meta_target(const struct plvm_host *h, const struct plvm_request *r,
		       const struct plvm_lv *meta, struct grow *g)
{
	uint64_t es = api->vg_extent_size(api->lv_vg(meta)), v, e;
	uint32_t cur = api->lv_extents(meta);
	int sign = 0, ret = api->opt_u64(r, "poolmetadatasize", &v, &sign);

	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	if (sign < 0) {
		api->log(h, PLVM_LOG_ERR, "Negative --poolmetadatasize is invalid.");
		return -EINVAL;
	}
	g->meta_given = true;
	e = meta_clamp(h, (v + es - 1) / es + (sign > 0 ? cur : 0), es);
	if (e < cur) {
		api->log(h, PLVM_LOG_ERR, "New size given (%u extents) not larger than existing "
			 "size (%u extents)", (uint32_t)e, cur);
		return -EPERM;
	}
	g->meta = (uint32_t)e;
	return 0;
}

/* -l/-L: the data LV's new extents; a pool never shrinks. */
static int data_target(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *pool, struct plvm_lv *data, struct grow *g)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	int ret = api->req_size(h, r, pool, &sz);

	if (ret || !sz.given)
		return ret;
	if (sz.new_extents < api->lv_extents(pool)) {
		api->log(h, PLVM_LOG_ERR, "Thin pool volumes %s/%s cannot be reduced in size yet.",
			 api->vg_name(api->lv_vg(pool)), api->lv_name(data));
		return -EPERM;
	}
	g->data = (uint32_t)sz.new_extents;
	return 0;
}

/* Growing the data alone grows the metadata to the estimate for the new
 * data size, unless PVs were named. */
static void meta_follow(const struct plvm_request *r, const struct pool *p,
			struct plvm_lv *pool, struct grow *g)
{
	uint64_t es = api->vg_extent_size(api->lv_vg(pool));
	uint64_t want;

	if (!g->data || g->meta_given || api->req_pvs_given(r))
		return;
	want = (meta_estimate((uint64_t)g->data * es, p->chunk_size) + es - 1) / es;
	if (want > api->lv_extents(p->meta_lv))
		g->meta = (uint32_t)want;
}

/* ---- --use-policies ---- */

/* LVM2's step: the percent to grow by so that @used falls below @thr,
 * at least @amount; 0 below the threshold. */
static uint32_t policy_amount(uint64_t used, uint64_t total, int64_t thr, int64_t amount)
{
	uint64_t pct, t;

	if (!total)
		return 0;
	pct = used * PCT_100 / total;
	if (pct <= 50 * PCT_1 || pct > PCT_100 || pct <= (uint64_t)thr * PCT_1)
		return 0;
	t = (uint64_t)thr * (PCT_1 / 100);
	pct = (pct + t - 1) / t - 100;
	return (uint64_t)amount < pct ? (uint32_t)pct : (uint32_t)amount;
}

/* The metadata's threshold: at least 4 MiB or a quarter of it stays free. */
static int64_t meta_threshold(const struct pool *p, struct plvm_lv *pool, int64_t thr)
{
	uint64_t sectors = api->lv_extents(p->meta_lv) * api->vg_extent_size(api->lv_vg(pool));
	uint64_t fr = sectors ? META_FREE_MIN * PCT_100 / sectors : PCT_100;
	int64_t min;

	if (fr > META_FREE_PCT * PCT_1)
		fr = META_FREE_PCT * PCT_1;
	min = (int64_t)((PCT_100 - fr) / PCT_1);
	return min < thr ? min : thr;
}

static uint32_t pct_extents(uint32_t pct, uint32_t extents)
{
	return (uint32_t)(((uint64_t)pct * extents + 99) / 100);
}

static int usage(const struct plvm_host *h, struct plvm_lv *pool, unsigned long long v[4])
{
	char st[512];
	unsigned long long tid;

	if (api->lv_is_active(h, pool) <= 0 ||
	    api->dev_status(h, pool, PLVM_DEV_OWN, st, sizeof(st)) ||
	    sscanf(st, "%llu %llu/%llu %llu/%llu", &tid, &v[0], &v[1], &v[2], &v[3]) != 5) {
		api->log(h, PLVM_LOG_ERR, "Can't read state of locally inactive LV %s/%s.",
			 api->vg_name(api->lv_vg(pool)), api->lv_name(pool));
		return -EIO;
	}
	return 0;
}

static int policy_targets(const struct plvm_host *h, const struct plvm_request *r,
			  struct plvm_lv *pool, const struct pool *p, struct grow *g)
{
	int64_t thr = api->config_int(h, "activation/thin_pool_autoextend_threshold", 100);
	int64_t amount = api->config_int(h, "activation/thin_pool_autoextend_percent", 20);
	struct plvm_size sz = { .size = sizeof(sz) };
	unsigned long long v[4];	/* metadata used/total, data used/total */
	uint32_t d, m;
	int ret;

	if ((ret = api->req_size(h, r, pool, &sz)))
		return ret;
	if (sz.given || api->opt_given(r, "poolmetadatasize")) {
		api->log(h, PLVM_LOG_ERR, "Command does not accept option: --usepolicies.");
		return -EINVAL;
	}
	if (thr < 50) {
		api->log(h, PLVM_LOG_WARN, "WARNING: Thin pool autoextend threshold %d%% is set "
			 "below minimum supported 50%%.", (int)thr);
		thr = 50;
	}
	if (thr >= 100)
		return 0;
	if (amount <= 0) {
		api->log(h, PLVM_LOG_ERR, "Can't extend %s/%s with thin-pool autoextend percent "
			 "set to 0%%.", api->vg_name(api->lv_vg(pool)), api->lv_name(pool));
		return -EPERM;
	}
	if ((ret = usage(h, pool, v)))
		return ret;
	m = policy_amount(v[0], v[1], meta_threshold(p, pool, thr), amount);
	d = policy_amount(v[2], v[3], thr, amount);
	if (m)
		g->meta = api->lv_extents(p->meta_lv) +
			  pct_extents(m + 1, api->lv_extents(p->meta_lv));
	if (d)
		g->data = api->lv_extents(pool) + pct_extents(d, api->lv_extents(pool));
	return 0;
}

/* ---- growing ---- */

bool policies(const struct plvm_request *r)
{
	int a = api->opt_given(r, "usepolicies"), b = api->opt_given(r, "use-policies");

	return a || b;
}

/* The largest metadata LV of the VG's pools, in extents. */
static uint32_t meta_largest(struct plvm_vg *vg)
{
	struct plvm_lv *lv = NULL;
	struct pool *p;
	uint32_t max = 0;

	while ((lv = api->vg_next_lv(vg, lv)))
		if ((p = lv_pool(lv)) && p->meta_lv && api->lv_extents(p->meta_lv) > max)
			max = api->lv_extents(p->meta_lv);
	return max;
}

/* Past the kernel's limit LVM2 writes crop_metadata (0, or 1 with
 * allocation/thin_pool_crop_metadata), says it when that changes (in the
 * same words either way) and marks the pool's type (POOL_CROP_FLAG). */
static int crop_follow(const struct plvm_host *h, struct plvm_lv *pool, struct pool *p,
		       uint32_t extents, uint64_t es)
{
	int crop = meta_crop(h, (uint64_t)extents * es);

	if (crop == p->crop)
		return 0;
	p->crop = crop;
	api->log(h, PLVM_LOG_NOTICE, "Thin pool will use metadata without cropping.");
	return api->lv_set_flag(h, pool, POOL_CROP_FLAG, 1);
}

static int grow_meta(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *pool, struct pool *p, uint32_t target)
{
	struct plvm_vg *vg = api->lv_vg(p->meta_lv);
	uint32_t old = api->lv_extents(p->meta_lv), spare_max;
	uint64_t es = api->vg_extent_size(vg);
	int ret;

	if ((ret = crop_follow(h, pool, p, target > old ? target : old, es)) ||
	    (target > old && (ret = api->lv_resize(h, r, p->meta_lv, target))))
		return ret;
	size_line(h, p->meta_lv, old);
	if (target <= old || api->req_pvs_given(r))
		return 0;
	/* the spare follows, as far as LVM2 takes it (16 GiB), its failure no error */
	spare_max = (uint32_t)((32ull * 1024 * 1024 + es - 1) / es);
	(void)spare_ensure(h, vg, r, meta_largest(vg) < spare_max ? meta_largest(vg) : spare_max);
	return 0;
}

static int grow_data(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *pool, struct plvm_seg *seg, uint32_t target)
{
	struct plvm_lv *data = pool_data(seg);
	uint32_t old = api->lv_extents(data);
	struct pool copy, *p;
	int ret;

	if ((ret = api->lv_resize(h, r, data, target)))
		return ret;
	size_line(h, data, old);
	if ((ret = seg_drop(h, seg, ((struct pool *)api->seg_priv(seg))->meta_lv, &copy,
			    sizeof(copy))))
		return ret;
	if (!(seg = api->seg_create(h, pool, pool_segtype, target, target, 1)) ||
	    !(p = pool_get(h, seg)))
		return -ENOMEM;
	*p = copy;
	if ((ret = api->seg_set_area(h, seg, 0, &(struct plvm_area){
			.size = sizeof(struct plvm_area), .kind = PLVM_AREA_LV, .lv = data })))
		return ret;
	return api->seg_link_lv(h, seg, p->meta_lv, PLVM_LINK_SUB);
}

static int targets(const struct plvm_host *h, const struct plvm_request *r,
		   struct plvm_lv *pool, struct plvm_seg *seg, struct grow *g)
{
	struct pool *p = api->seg_priv(seg);
	int ret;

	if (!policies(r)) {
		if ((ret = meta_target(h, r, p->meta_lv, g)) ||
		    (ret = data_target(h, r, pool, pool_data(seg), g)))
			return ret;
		if (!g->data && !g->meta_given) {
			api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
			return -EINVAL;
		}
	} else if ((ret = policy_targets(h, r, pool, p, g))) {
		return ret;
	}
	if (g->data && g->data == api->lv_extents(pool))
		g->data = 0;
	meta_follow(r, p, pool, g);
	g->named = g->data ? pool : p->meta_lv;
	return 0;
}

int pool_grow(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_seg *seg,
	      const struct plvm_request *r)
{
	struct pool *p = api->seg_priv(seg);
	struct plvm_lv *meta = p->meta_lv;
	uint32_t meta_old = api->lv_extents(meta);
	struct grow g = { 0 };
	int ret;

	if (!PLVM_HAS(api, struct plvm_host_api, lv_resize))
		return -ENOTSUP;
	if ((ret = targets(h, r, pool, seg, &g)))
		return ret;
	if (!g.data && !g.meta && !g.meta_given)
		return 0;	/* --use-policies: below the thresholds */
	if ((g.meta || g.meta_given) &&
	    (ret = grow_meta(h, r, pool, p, g.meta ? g.meta : meta_old)))
		return ret;
	if (g.data && (ret = grow_data(h, r, pool, seg, g.data)))
		return ret;
	if (g.data || api->lv_extents(meta) > meta_old)
		overcommit_warn(h, g.named == pool ? pool : NULL, api->lv_vg(pool));
	api->log(h, PLVM_LOG_NOTICE, "Logical volume %s/%s successfully resized.",
		 api->vg_name(api->lv_vg(pool)), api->lv_name(g.named));
	return api->lv_is_active(h, pool) > 0 ? api->lv_reload(h, pool) : 0;
}

/* lvextend of the metadata LV itself (VG/pool_tmeta -l|-L): as
 * --poolmetadatasize, with the final line naming that LV, as LVM2. */
int meta_grow(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_seg *seg,
	      const struct plvm_request *r)
{
	struct pool *p = api->seg_priv(seg);
	struct plvm_size sz = { .size = sizeof(sz) };
	uint64_t es = api->vg_extent_size(api->lv_vg(pool));
	uint32_t old = api->lv_extents(p->meta_lv);
	int ret;

	if (!PLVM_HAS(api, struct plvm_host_api, lv_resize))
		return -ENOTSUP;
	if (policies(r)) {
		api->log(h, PLVM_LOG_ERR, "Policy-based resize is supported only for snapshot, "
			 "thin pool and vdo pool volumes.");
		return -EPERM;
	}
	if (api->opt_given(r, "poolmetadatasize")) {
		api->log(h, PLVM_LOG_ERR, "--poolmetadatasize can be used only with thin pools.");
		return -EPERM;
	}
	if ((ret = api->req_size(h, r, p->meta_lv, &sz)))
		return ret;
	if (sz.new_extents < old) {
		api->log(h, PLVM_LOG_ERR, "Thin pool metadata volumes cannot be reduced.");
		return -EPERM;
	}
	if ((ret = grow_meta(h, r, pool, p, (uint32_t)meta_clamp(h, sz.new_extents, es))))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "Logical volume %s/%s successfully resized.",
		 api->vg_name(api->lv_vg(pool)), api->lv_name(p->meta_lv));
	return api->lv_is_active(h, pool) > 0 ? api->lv_reload(h, pool) : 0;
}
