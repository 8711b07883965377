/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Devices of the thin types, laid out as LVM2 does:
 *
 *	vg-pool		a pool never used (transaction_id 0): the thin-pool
 *			table itself, uuid suffix -tpool
 *	vg-pool-tpool	a used pool: the thin-pool table (uuid -tpool) ...
 *	vg-pool		... under a read-only linear top (uuid -pool)
 *	vg-pool_tdata	the data LV (uuid -tdata), whatever its type
 *	vg-pool_tmeta	the metadata LV (uuid -tmeta)
 *	vg-thin		thin <vg-pool-tpool> <device_id> [<vg-ext-real>]
 *	vg-ext-real	an external origin, read-only, for the thin LVs on it
 *
 *	thin-pool <meta> <data> <chunk> <low water mark> <#features> [features]
 *
 * Before a pool's table is first loaded, thin_check reads its metadata
 * (global/thin_check_executable; never for a pool that has not been used
 * yet).  Once the pool device is live its transaction id (from the status)
 * is compared with the metadata's: one behind, the queued messages are sent
 * and the id set; equal, the queue is stale and dropped.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thin.h"

#define DEV_LEN		32
#define STATUS_LEN	512

static int devno(const struct plvm_host *h, struct plvm_lv *lv, enum plvm_dev_which which,
		 char *buf)
{
	return api->lv_dev(h, lv, which, buf, DEV_LEN);
}

/* ---- thin-pool ---- */

static uint64_t low_water_mark(const struct plvm_host *h, uint64_t sectors, uint32_t chunk)
{
	int64_t thr = api->config_int(h, "activation/thin_pool_autoextend_threshold", 100);

	if (thr >= 100)
		return 0;
	if (thr < 50)
		thr = 50;
	return sectors / chunk * (uint64_t)(100 - thr) / 100;
}

static void features(const struct plvm_lv *lv, const struct pool *p, char *buf, size_t len)
{
	const char *f[5];
	size_t n = 0, i, off;

	if (!p->zero)
		f[n++] = "skip_block_zeroing";
	if (p->discards == DISCARDS_IGNORE)
		f[n++] = "ignore_discard";
	if (p->discards == DISCARDS_NOPASSDOWN)
		f[n++] = "no_discard_passdown";
	if (api->lv_flag(lv, "ERROR_WHEN_FULL"))
		f[n++] = "error_if_no_space";
	if (!(api->lv_status(lv) & PLVM_LV_WRITE))
		f[n++] = "read_only";
	off = (size_t)snprintf(buf, len, "%zu", n);
	for (i = 0; i < n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, " %s", f[i]);
}

static int pool_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			    struct plvm_table *t)
{
	const struct pool *p = api->seg_priv(seg);
	struct plvm_lv *lv = api->seg_lv(seg);
	uint64_t len = api->seg_len(seg) * api->extent_size(seg), off;
	char meta[DEV_LEN], data[DEV_LEN], feat[128], params[256];
	int r;

	if (!p || !p->meta_lv || !p->chunk_size)
		return -EINVAL;
	if ((r = devno(h, p->meta_lv, PLVM_DEV_TOP, meta)) ||
	    (r = api->area_dev(h, seg, 0, data, sizeof(data), &off)))
		return r;
	features(lv, p, feat, sizeof(feat));
	snprintf(params, sizeof(params), "%s %s %u %" PRIu64 " %s", meta, data, p->chunk_size,
		 low_water_mark(h, len, p->chunk_size), feat);
	return api->table_add(t, len, "thin-pool", params);
}

static int pool_dev_plan(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv, struct plvm_dev_plan *plan)
{
	const struct pool *p = api->seg_priv(seg);

	if (!p)
		return 0;
	if (lv == p->meta_lv) {
		plan->own_uuid = "tmeta";
		/* as libdevmapper: cropped metadata maps only what the kernel reads */
		if (p->crop == 1 && PLVM_HAS(plan, struct plvm_dev_plan, own_len))
			plan->own_len = CROP_META;
	} else if (lv == pool_data(seg)) {
		plan->own_uuid = "tdata";
	} else if (lv == api->seg_lv(seg)) {
		plan->own_uuid = "tpool";
		plan->flags |= PLVM_PLAN_NO_LINK | PLVM_PLAN_STATUS_INFO;
		if (p->transaction_id) {
			plan->own_name = "tpool";
			plan->top = 1;
			plan->top_uuid = "pool";
			plan->flags |= PLVM_PLAN_READONLY;
		}
	}
	return 0;
}

static int pool_top_table(const struct plvm_host *h, const struct plvm_seg *seg,
			  struct plvm_lv *lv, struct plvm_table *t)
{
	char own[DEV_LEN], params[DEV_LEN + 8];
	int r = devno(h, lv, PLVM_DEV_OWN, own);

	if (r)
		return r;
	snprintf(params, sizeof(params), "%s 0", own);
	return api->table_add(t, api->lv_extents(lv) * api->vg_extent_size(api->lv_vg(lv)),
			      "linear", params);
}

/* "<transaction id> <used meta>/<total meta> <used data>/<total data> ..." */
static int pool_status(const struct plvm_host *h, const struct plvm_seg *seg,
		       const char *params, struct plvm_seg_status *st)
{
	unsigned long long tid, mu, mt, du, dt;

	st->health = '-';
	if (!strncmp(params, "Fail", 4)) {
		st->health = 'F';
		return 0;
	}
	if (sscanf(params, "%llu %llu/%llu %llu/%llu", &tid, &mu, &mt, &du, &dt) != 5)
		return -EPROTO;
	if (strstr(params, " out_of_data_space"))
		st->health = 'D';
	else if (strstr(params, " ro "))
		st->health = 'M';
	return 0;
}

/* The base transaction id the queue applies to. */
static uint64_t base_tid(const struct pool *p)
{
	return p->nmsgs && p->transaction_id ? p->transaction_id - 1 : p->transaction_id;
}

#define CHECK_ARGS	16

/* argv of the check: the program, global/thin_check_options (LVM2's
 * "-q --clear-needs-check-flag" when the setting is absent), @path. */
static int check_argv(const struct plvm_host *h, const char *prog, const char *path,
		      const char **argv)
{
	static const char *const def[] = { "-q", "--clear-needs-check-flag", NULL };
	const char *const *opts = def;
	int n = 0, i, cnt = 2;

	if (PLVM_HAS(api, struct plvm_host_api, config_list) &&
	    (cnt = api->config_list(h, "global/thin_check_options", &opts)) < 0)
		return cnt;
	if (!cnt && !opts) {	/* absent: the default */
		opts = def;
		cnt = 2;
	}
	argv[n++] = prog;
	for (i = 0; i < cnt && n < CHECK_ARGS - 2; i++)
		if (*opts[i])
			argv[n++] = opts[i];
	argv[n++] = path;
	argv[n] = NULL;
	return 0;
}

static int pool_check(const struct plvm_host *h, struct plvm_seg *seg)
{
	const struct pool *p = api->seg_priv(seg);
	const char *prog = api->config_str(h, "global/thin_check_executable", "/usr/sbin/thin_check");
	const char *argv[CHECK_ARGS];
	char path[256];
	int r;

	if (!p || !base_tid(p) || !prog || !*prog || api->lv_is_active(h, api->seg_lv(seg)) > 0)
		return 0;
	if ((r = api->dev_path(h, p->meta_lv, PLVM_DEV_TOP, path, sizeof(path))) ||
	    (r = check_argv(h, prog, path, argv)))
		return r;
	r = api->run(h, argv);
	if (r < 0) {
		api->log(h, PLVM_LOG_WARN, "WARNING: Cannot run %s, pool %s is not checked.", prog,
			 api->lv_name(api->seg_lv(seg)));
		return 0;
	}
	if (r) {
		api->log(h, PLVM_LOG_ERR, "Check of pool %s/%s failed (status:%d). "
			 "Manual repair required!", api->vg_name(api->lv_vg(api->seg_lv(seg))),
			 api->lv_name(api->seg_lv(seg)), r);
		return -EIO;
	}
	return 0;
}

static int kernel_tid(const struct plvm_host *h, struct plvm_lv *lv, uint64_t *tid)
{
	char st[STATUS_LEN];
	unsigned long long v;
	int r = api->dev_status(h, lv, PLVM_DEV_OWN, st, sizeof(st));

	if (r)
		return r;
	if (sscanf(st, "%llu", &v) != 1) {
		api->log(h, PLVM_LOG_ERR, "Thin pool %s has an unusable status: %s.",
			 api->lv_name(lv), st);
		return -EPROTO;
	}
	*tid = v;
	return 0;
}

static int send_one(const struct plvm_host *h, struct plvm_lv *pool, const struct msg *m)
{
	const struct thin *t, *o;
	char text[64];

	if (m->kind == MSG_DELETE) {
		snprintf(text, sizeof(text), "delete %u", m->id);
	} else if (!(t = lv_thin(m->lv))) {
		return 0;	/* removed since: nothing to make */
	} else if (t->origin && (o = lv_thin(t->origin))) {
		snprintf(text, sizeof(text), "create_snap %u %u", t->device_id, o->device_id);
	} else {
		snprintf(text, sizeof(text), "create_thin %u", t->device_id);
	}
	return api->dev_message(h, pool, PLVM_DEV_OWN, text);
}

static int send_all(const struct plvm_host *h, struct plvm_lv *lv, struct pool *p, uint64_t k)
{
	char text[64];
	uint32_t i;
	int r;

	for (i = 0; i < p->nmsgs; i++)
		if ((r = send_one(h, lv, &p->msgs[i])))
			return r;
	snprintf(text, sizeof(text), "set_transaction_id %" PRIu64 " %" PRIu64, k,
		 p->transaction_id);
	return api->dev_message(h, lv, PLVM_DEV_OWN, text);
}

int pool_sync(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct pool *p = api->seg_priv(seg);
	struct plvm_lv *lv = api->seg_lv(seg);
	uint64_t k;
	int r;

	if (!p || (r = kernel_tid(h, lv, &k)))
		return p ? r : 0;
	if (k == p->transaction_id) {
		if (!p->nmsgs)
			return 0;
		p->nmsgs = 0;	/* sent before, by a command that did not finish */
		return 1;
	}
	if (!p->nmsgs || k + 1 != p->transaction_id) {
		api->log(h, PLVM_LOG_ERR, "Thin pool %s/%s transaction_id is %" PRIu64 ", while "
			 "expected %" PRIu64 ".", api->vg_name(api->lv_vg(lv)), api->lv_name(lv), k,
			 p->transaction_id);
		return -EPROTO;
	}
	if ((r = send_all(h, lv, p, k)))
		return r;
	p->nmsgs = 0;
	return 1;
}

int pool_flush(const struct plvm_host *h, struct plvm_lv *lv)
{
	struct plvm_seg *seg = lv_seg_of(lv, pool_segtype);
	const struct pool *p = seg ? api->seg_priv(seg) : NULL;
	int r, active;

	if (!p || !p->nmsgs)
		return 0;
	active = api->lv_is_active(h, lv) > 0;
	if (!active && (r = api->lv_activate(h, lv)))
		return r;
	r = pool_sync(h, seg);
	if (!active)
		api->lv_deactivate(h, lv);
	return r < 0 ? r : 0;
}

static int pool_after_activate(const struct plvm_host *h, struct plvm_seg *seg)
{
	int r = pool_sync(h, seg);

	if (r > 0)
		api->vg_changed(h, api->lv_vg(api->seg_lv(seg)));
	return r < 0 ? r : 0;
}

/* Messages of an inactive pool: activate it for them, as LVM2 does; one
 * made by this command with its first thin LV stays up, as LVM2 leaves it,
 * unless the command said -a n. */
static int pool_after_commit(const struct plvm_host *h, struct plvm_seg *seg)
{
	const struct pool *p = api->seg_priv(seg);
	struct plvm_lv *lv = api->seg_lv(seg);
	int r;

	if (!p || !p->nmsgs || !api->vg_find_lv(api->lv_vg(lv), api->lv_name(lv)))
		return 0;
	if (api->lv_is_active(h, lv) > 0)
		return pool_after_activate(h, seg);
	if ((r = api->lv_activate(h, lv)))
		return r;
	return p->stays_up ? 0 : api->lv_deactivate(h, lv);
}

const struct plvm_dev_ops pool_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = pool_build_table,
	.dev_plan = pool_dev_plan,
	.top_table = pool_top_table,
	.status = pool_status,
	.before_activate = pool_check,
	.after_activate = pool_after_activate,
	.after_commit = pool_after_commit,
};

/* ---- thin ---- */

static int thin_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			    struct plvm_table *t)
{
	const struct thin *th = api->seg_priv(seg);
	char pool[DEV_LEN], ext[DEV_LEN] = "", params[2 * DEV_LEN + 16];
	int r;

	if (!th || !th->pool_lv)
		return -EINVAL;
	if ((r = devno(h, th->pool_lv, PLVM_DEV_OWN, pool)) ||
	    (th->ext_origin && (r = devno(h, th->ext_origin, PLVM_DEV_OWN, ext))))
		return r;
	snprintf(params, sizeof(params), "%s %u%s%s", pool, th->device_id, *ext ? " " : "", ext);
	return api->table_add(t, api->seg_len(seg) * api->extent_size(seg), "thin", params);
}

/* An external origin is read through its own device "vg-lv-real" (uuid
 * suffix "real", as LVM2 names it), made for the thin LVs that use it. */
static int thin_dev_plan(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv, struct plvm_dev_plan *plan)
{
	const struct thin *th = api->seg_priv(seg);

	if (th && lv == th->ext_origin) {
		plan->own_name = "real";
		plan->own_uuid = "real";
		plan->flags |= PLVM_PLAN_READONLY | PLVM_PLAN_USERS_ONLY | PLVM_PLAN_NO_LINK;
	}
	return 0;
}

/* "<mapped sectors> <highest mapped sector>", or "Fail" */
static int thin_status(const struct plvm_host *h, const struct plvm_seg *seg,
		       const char *params, struct plvm_seg_status *st)
{
	st->health = strncmp(params, "Fail", 4) ? '-' : 'F';
	return 0;
}

const struct plvm_dev_ops thin_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = thin_build_table,
	.dev_plan = thin_dev_plan,
	.status = thin_status,
};
