/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Thin LVs on an external origin, as LVM2 makes them: blocks not yet
 * written in the thin LV read from a read-only LV outside the pool
 * (the thin segment's external_origin, see thin_meta.c and thin_dev.c).
 *
 *	lvconvert --thin --thinpool VG/pool VG/lv [--originname NAME]
 *		lv becomes a thin LV of its name, id, size and permission;
 *		what it held stays, read-only, as NAME (or the next lvolN)
 *	lvcreate -s VG/ro --thinpool VG/pool [-n NAME]
 *		a new thin LV reading from ro, which must be read-only
 */
#include <errno.h>
#include <string.h>

#include "thin.h"

/* The thin LV @thin reads what it has not written from @origin. */
static int ext_attach(const struct plvm_host *h, struct plvm_lv *thin, struct plvm_lv *origin)
{
	struct plvm_seg *seg = lv_seg_of(thin, thin_segtype);
	struct thin *t = seg ? api->seg_priv(seg) : NULL;

	if (!t)
		return -EINVAL;
	t->ext_origin = origin;
	return api->seg_link_lv(h, seg, origin, PLVM_LINK_USE);
}

/* --thinpool: an existing pool other than @lv. */
static int ext_pool(const struct plvm_host *h, const struct plvm_request *r,
		    const struct plvm_lv *lv, struct plvm_lv **pool)
{
	int ret = api->opt_lv(h, r, "thinpool", pool);

	if (ret == -ENOENT) {
		api->log(h, PLVM_LOG_ERR, "Please specify the thin pool with --thinpool.");
		return -EINVAL;
	}
	if (ret)
		return ret;
	if (*pool == lv) {
		api->log(h, PLVM_LOG_ERR, "Can't use same LV %s/%s for thin pool and thin volume.",
			 lv_vg_name(lv), api->lv_name(lv));
		return -EPERM;
	}
	if (!lv_pool(*pool)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s is not a thin pool.",
			 lv_vg_name(*pool), api->lv_name(*pool));
		return -EPERM;
	}
	return 0;
}

/* A visible LV of plain segments that nothing uses, but thin LVs reading
 * from it when @shared. */
static bool ext_plain(const struct plvm_lv *lv, bool shared)
{
	const struct plvm_seg *seg = NULL;
	const struct thin *t;

	if (!(api->lv_status(lv) & PLVM_LV_VISIBLE) || !api->lv_first_seg(lv))
		return false;
	while ((seg = api->lv_next_user(lv, seg, NULL))) {
		t = api->seg_type(seg) == thin_segtype ? api->seg_priv(seg) : NULL;
		if (!shared || !t || t->ext_origin != lv)
			return false;
	}
	for (seg = api->lv_first_seg(lv); seg; seg = api->seg_next(seg))
		if (!(api->seg_type(seg)->caps & PLVM_SEG_PLAIN))
			return false;
	return true;
}

static int ext_down(const struct plvm_host *h, struct plvm_lv *lv, bool *active)
{
	*active = api->lv_is_active(h, lv) > 0;
	if (!*active)
		return 0;
	if (api->lv_is_open(h, lv, PLVM_DEV_TOP) > 0) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s in use.", lv_vg_name(lv),
			 api->lv_name(lv));
		return -EBUSY;
	}
	return api->lv_deactivate(h, lv);
}

struct plvm_lv *ext_next_user(const struct plvm_lv *origin, const struct plvm_lv *prev)
{
	const struct plvm_seg *seg = NULL;
	const struct thin *t;
	bool past = !prev;

	while ((seg = api->lv_next_user(origin, seg, NULL))) {
		t = api->seg_type(seg) == thin_segtype ? api->seg_priv(seg) : NULL;
		if (!t || t->ext_origin != origin)
			continue;
		if (past)
			return api->seg_lv(seg);
		past = api->seg_lv(seg) == prev;
	}
	return NULL;
}

int thin_to_external(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r)
{
	struct plvm_lv *pool, *thin;
	const char *name = NULL;
	uint64_t write;
	bool active;
	int ret;

	if (lv_pool(lv)) {	/* as LVM2's command-line rules say it */
		api->log(h, PLVM_LOG_ERR, "Command on LV %s/%s does not accept LV type thinpool.",
			 lv_vg_name(lv), api->lv_name(lv));
		api->log(h, PLVM_LOG_ERR, "Command not permitted on LV %s/%s.", lv_vg_name(lv),
			 api->lv_name(lv));
		return -EPERM;
	}
	if ((ret = ext_pool(h, r, lv, &pool)))
		return ret;
	if (!ext_plain(lv, false))
		return -ENOTSUP;	/* the host names what the LV is */
	api->opt_str(r, "originname", &name);
	/* the new LV first: a name taken stops it before @lv goes down */
	if ((ret = thin_lv_make(h, pool, name, api->lv_extents(lv), NULL, &thin)) ||
	    (ret = ext_down(h, lv, &active)))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "Logical volume \"%s\" created.", api->lv_name(thin));
	if ((ret = api->lv_swap_identity(h, thin, lv)))
		return ret;
	write = api->lv_status(lv) & PLVM_LV_WRITE;
	if ((ret = api->lv_set_status(thin, write, PLVM_LV_WRITE & ~write)) ||
	    (ret = api->lv_set_status(lv, 0, PLVM_LV_WRITE)) || (ret = ext_attach(h, thin, lv)))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "Converted %s/%s to thin volume with external origin %s/%s.",
		 lv_vg_name(thin), api->lv_name(thin), lv_vg_name(lv), api->lv_name(lv));
	api->outcome_logged(r);
	return active ? api->lv_activate(h, thin) : 0;
}

int thin_snap_external(const struct plvm_host *h, struct plvm_lv *origin, const char *name,
		       const struct plvm_request *r, struct plvm_lv **out)
{
	struct plvm_lv *pool;
	int ret;

	if ((ret = ext_pool(h, r, origin, &pool)))
		return ret;
	if (!ext_plain(origin, true))
		return -ENOTSUP;
	if (api->lv_status(origin) & PLVM_LV_WRITE) {
		api->log(h, PLVM_LOG_ERR, "Cannot use writable LV as the external origin.");
		return -EPERM;
	}
	if ((ret = thin_lv_make(h, pool, name, api->lv_extents(origin), NULL, out)) ||
	    (ret = ext_attach(h, *out, origin)))
		return ret;
	overcommit_warn(h, pool, api->lv_vg(pool));
	return 0;
}
