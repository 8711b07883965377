/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Replacing the metadata LV of an existing, inactive pool:
 *
 *	lvconvert --thinpool VG/pool --poolmetadata VG/other
 *	lvconvert --swapmetadata --poolmetadata VG/other VG/pool
 *		other becomes pool_tmeta; the old metadata LV takes the name
 *		"other" and is visible (a way to hand-edit or restore it)
 *	lvconvert --repair VG/pool
 *		thin_repair reads pool_tmeta into the spare (lvolN_pmspare,
 *		made when the VG has none); the spare becomes pool_tmeta, the
 *		old metadata stays as the visible pool_metaN, and a new spare
 *		is made for the next repair
 *
 * Nothing is renamed when the repair program fails.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "thin.h"

#define NAME_LEN	128
#define PATH_LEN	256
#define MAX_ARGS	16

/* The pool's devices are all down: its metadata may be swapped. */
static int pool_inactive(const struct plvm_host *h, struct plvm_lv *pool, bool repair)
{
	if (api->lv_is_active(h, pool) <= 0)
		return 0;
	if (repair)
		api->log(h, PLVM_LOG_ERR, "Active pools cannot be repaired.  Use lvchange -an "
			 "first.");
	else
		api->log(h, PLVM_LOG_ERR, "Cannot convert pool %s/%s with active volumes.",
			 lv_vg_name(pool), api->lv_name(pool));
	return -EBUSY;
}

/* The metadata LV of the pool's segment becomes @to. */
static int relink(const struct plvm_host *h, struct plvm_seg *seg, struct plvm_lv *to)
{
	struct pool *p = api->seg_priv(seg);
	int ret = api->seg_unlink_lv(h, seg, p->meta_lv);

	if (!ret && !(ret = api->seg_link_lv(h, seg, to, PLVM_LINK_SUB)))
		p->meta_lv = to;
	return ret;
}

/* @old leaves the pool as the visible @old_name, @new takes its place. */
static int exchange(const struct plvm_host *h, struct plvm_seg *seg, struct plvm_lv *new,
		    const char *old_name)
{
	struct plvm_lv *pool = api->seg_lv(seg), *old = ((struct pool *)api->seg_priv(seg))->meta_lv;
	char tmeta[NAME_LEN + 8];
	int ret;

	snprintf(tmeta, sizeof(tmeta), "%s_tmeta", api->lv_name(pool));
	if ((ret = relink(h, seg, new)) || (ret = api->lv_rename(h, old, old_name)) ||
	    (ret = api->lv_set_status(old, PLVM_LV_VISIBLE, 0)) ||
	    (ret = api->lv_rename(h, new, tmeta)))
		return ret;
	return api->lv_set_status(new, 0, PLVM_LV_VISIBLE);
}

/* ---- --poolmetadata ---- */

static int swap_check(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_lv *meta)
{
	struct plvm_seg *seg = lv_seg_of(pool, pool_segtype);
	struct plvm_seg *mseg = api->lv_first_seg(meta);

	if (!(api->lv_status(meta) & PLVM_LV_VISIBLE) || meta == pool_data(seg)) {
		api->log(h, PLVM_LOG_ERR, "Can't convert internal LV %s/%s.", lv_vg_name(meta),
			 api->lv_name(meta));
		return -EPERM;
	}
	if (lv_thin(meta) || lv_pool(meta)) {
		api->log(h, PLVM_LOG_ERR, "LV %s/%s with type %s cannot be used as a metadata LV.",
			 lv_vg_name(meta), api->lv_name(meta), lv_thin(meta) ? "thin" : "thin-pool");
		return -EPERM;
	}
	if (!mseg || (api->seg_type(mseg)->caps & PLVM_SEG_VIRTUAL) ||
	    api->lv_next_user(meta, NULL, NULL)) {
		api->log(h, PLVM_LOG_ERR, "Pool metadata LV %s/%s is of an unsupported type.",
			 lv_vg_name(meta), api->lv_name(meta));
		return -EPERM;
	}
	return pool_inactive(h, pool, false);
}

/* --chunksize with a swap: a used pool changes it only with --force. */
static int swap_chunk(const struct plvm_host *h, struct plvm_lv *pool, struct pool *p,
		      const struct plvm_request *r)
{
	char a[32], b[32], q[256];
	uint32_t chunk;
	int ret;

	if (!api->opt_given(r, "chunksize"))
		return 0;
	if ((ret = chunk_opt(h, r, &chunk)) || chunk == p->chunk_size)
		return ret;
	if (pool_users(pool)) {
		if (!api->opt_given(r, "force")) {
			api->log(h, PLVM_LOG_ERR, "Chunk size can be only changed with --force. "
				 "Conversion aborted.");
			return -EPERM;
		}
		api->log(h, PLVM_LOG_WARN, "WARNING: Changing chunk size %s to %s for %s/%s pool "
			 "volume.", api->size_str(a, sizeof(a), p->chunk_size),
			 api->size_str(b, sizeof(b), chunk), lv_vg_name(pool), api->lv_name(pool));
		snprintf(q, sizeof(q), "Do you really want to change chunk size for %s/%s pool "
			 "volume?", lv_vg_name(pool), api->lv_name(pool));
		if (!api->confirm(h, r, 0, q)) {
			api->log(h, PLVM_LOG_ERR, "Conversion aborted.");
			return -ECANCELED;
		}
	}
	p->chunk_size = chunk;
	return 0;
}

int pool_swap_meta(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_lv *meta,
		   const struct plvm_request *r)
{
	struct plvm_seg *seg = lv_seg_of(pool, pool_segtype);
	struct pool *p = api->seg_priv(seg);
	char name[NAME_LEN], tmp[NAME_LEN + 16], q[512];
	int ret;

	if ((ret = swap_check(h, pool, meta)) || (ret = swap_chunk(h, pool, p, r)))
		return ret;
	snprintf(q, sizeof(q), "Do you want to swap metadata of %s/%s pool with metadata volume "
		 "%s/%s?", lv_vg_name(pool), api->lv_name(pool), lv_vg_name(meta), api->lv_name(meta));
	if (!api->confirm(h, r, 0, q)) {
		api->log(h, PLVM_LOG_ERR, "Conversion aborted.");
		return -ECANCELED;
	}
	if (api->lv_is_active(h, meta) > 0 && (ret = api->lv_deactivate(h, meta))) {
		api->log(h, PLVM_LOG_ERR, "Aborting. Failed to deactivate %s/%s.", lv_vg_name(meta),
			 api->lv_name(meta));
		return ret;
	}
	/* meta goes aside first: the old metadata LV takes its name */
	snprintf(name, sizeof(name), "%s", api->lv_name(meta));
	snprintf(tmp, sizeof(tmp), "%s_swapmeta", api->lv_name(pool));
	if ((ret = api->lv_rename(h, meta, tmp)))
		return ret;
	return exchange(h, seg, meta, name);
}

/*
 * lvconvert --swapmetadata --poolmetadata LV VG/pool: LVM2's own spelling of
 * the swap, with the same checks; the pool named must be one (-ENOTSUP:
 * the host names what the LV is).
 */
int pool_swap_cmd(const struct plvm_host *h, struct plvm_lv *pool, const struct plvm_request *r)
{
	struct plvm_lv *meta;
	int ret;

	if (!api->opt_given(r, "poolmetadata")) {
		api->log(h, PLVM_LOG_ERR, "No command with matching syntax recognised.  Run "
			 "'lvconvert --help' for more information.");
		api->log(h, PLVM_LOG_ERR, "Nearest similar command has syntax:");
		api->log(h, PLVM_LOG_NOTICE, "lvconvert --swapmetadata --poolmetadata LV LV");
		api->log(h, PLVM_LOG_NOTICE, "Swap metadata LV in a thin pool or cache pool (for "
			 "repair only).");
		api->log(h, PLVM_LOG_NOTICE, "%s", "");	/* LVM2's empty line */
		return -EINVAL;
	}
	if (!lv_pool(pool))
		return -ENOTSUP;
	if ((ret = api->opt_lv(h, r, "poolmetadata", &meta)))
		return ret;
	if (meta == pool) {
		api->log(h, PLVM_LOG_ERR, "Can't use same LV for pool data and metadata LV %s/%s.",
			 lv_vg_name(meta), api->lv_name(meta));
		return -EPERM;
	}
	if ((ret = pool_swap_meta(h, pool, meta, r)))
		return ret;
	api->outcome_logged(r);		/* LVM2 says nothing */
	return 0;
}

/* ---- --repair ---- */

/* argv: the program, global/thin_repair_options, -i META -o SPARE */
static int repair_argv(const struct plvm_host *h, const char **argv, char *in, char *out)
{
	const char *const *opts = NULL;
	int n = 0, i, cnt = 0;

	argv[n++] = api->config_str(h, "global/thin_repair_executable", "/usr/sbin/thin_repair");
	if (!argv[0] || !*argv[0]) {
		api->log(h, PLVM_LOG_ERR, "Thin repair commnand is not configured. Repair is "
			 "disabled.");
		return -EPERM;
	}
	if (PLVM_HAS(api, struct plvm_host_api, config_list) &&
	    (cnt = api->config_list(h, "global/thin_repair_options", &opts)) < 0)
		return cnt;
	for (i = 0; i < cnt && n < MAX_ARGS - 5; i++)
		if (*opts[i])
			argv[n++] = opts[i];
	argv[n++] = "-i";
	argv[n++] = in;
	argv[n++] = "-o";
	argv[n++] = out;
	argv[n] = NULL;
	return 0;
}

/* thin_repair from the pool's metadata into @spare, both activated for it. */
static int repair_run(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_lv *meta,
		      struct plvm_lv *spare)
{
	char in[PATH_LEN], out[PATH_LEN];
	const char *argv[MAX_ARGS];
	int ret, st;

	if ((ret = repair_argv(h, argv, in, out)))
		return ret;
	if ((ret = api->lv_activate(h, spare))) {
		api->log(h, PLVM_LOG_ERR, "Cannot activate pool metadata spare volume %s.",
			 api->lv_name(spare));
		return ret;
	}
	if ((ret = api->lv_activate(h, meta))) {
		api->log(h, PLVM_LOG_ERR, "Cannot activate thin pool metadata volume %s.",
			 api->lv_name(meta));
		goto out_spare;
	}
	if (!(ret = api->dev_path(h, meta, PLVM_DEV_TOP, in, sizeof(in))) &&
	    !(ret = api->dev_path(h, spare, PLVM_DEV_TOP, out, sizeof(out)))) {
		st = api->run(h, argv);
		if (st) {
			api->log(h, PLVM_LOG_ERR, "Repair of thin metadata volume of thin pool %s/%s "
				 "failed (status:%d). Manual repair required!", lv_vg_name(pool),
				 api->lv_name(pool), st);
			ret = st < 0 ? st : -EIO;
		}
	}
	if (api->lv_deactivate(h, meta) && !ret)
		ret = -EIO;
out_spare:
	if (api->lv_deactivate(h, spare) && !ret)
		ret = -EIO;
	return ret;
}

/* The first free "<pool>_metaN". */
static void backup_name(struct plvm_lv *pool, char *buf, size_t len)
{
	int i;

	for (i = 0; i < 100000; i++) {
		snprintf(buf, len, "%s_meta%d", api->lv_name(pool), i);
		if (!api->vg_find_lv(api->lv_vg(pool), buf))
			return;
	}
}

int pool_repair(const struct plvm_host *h, struct plvm_lv *pool, const struct plvm_request *r)
{
	struct plvm_seg *seg = lv_seg_of(pool, pool_segtype);
	struct pool *p = api->seg_priv(seg);
	struct plvm_vg *vg = api->lv_vg(pool);
	struct plvm_lv *old = p->meta_lv, *spare, *next;
	char name[NAME_LEN + 16];
	bool want_spare;
	int ret;

	if ((ret = yes_no(r, "poolmetadataspare", true, &want_spare)) ||
	    (ret = pool_inactive(h, pool, true)))
		return ret;
	if ((ret = spare_ensure(h, vg, r, api->lv_extents(old))) ||
	    (ret = repair_run(h, pool, old, spare = spare_find(vg))))
		return ret;
	/* the next spare is made while the used one still has its name */
	if (want_spare && (ret = spare_add(h, vg, r, api->lv_extents(spare), &next)))
		return ret;
	backup_name(pool, name, sizeof(name));
	if ((ret = exchange(h, seg, spare, name)))
		return ret;
	api->log(h, PLVM_LOG_WARN, "WARNING: LV %s/%s holds a backup of the unrepaired metadata. "
		 "Use lvremove when no longer required.", api->vg_name(vg), name);
	api->log(h, PLVM_LOG_WARN, "WARNING: New metadata LV %s/%s might use different PVs.  "
		 "Move it with pvmove if required.", api->vg_name(vg), api->lv_name(spare));
	return 0;
}
