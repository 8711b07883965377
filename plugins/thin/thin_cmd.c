/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands of thin pools and thin LVs:
 *
 *	lvcreate -T VG/pool -L size		a pool (--type thin-pool)
 *	lvcreate -V size --thinpool pool VG	a thin LV in a pool (--type thin)
 *	lvcreate -T VG/pool -L size -V size	both
 *	lvcreate -s VG/thinlv			a thin snapshot
 *	lvconvert --thinpool VG/data [--poolmetadata meta]	(else a metadata LV made)
 *	lvconvert --thinpool VG/pool --poolmetadata meta, --repair VG/pool (thin_swap.c)
 *	lvextend of thin LVs, lvreduce of thin LVs (of pools: thin_grow.c)
 *	lvremove of thin LVs and pools, lvrename of pools
 *	lvcreate/lvchange --errorwhenfull y|n of pools
 *
 * A pool is NAME (thin-pool segment), NAME_tdata (its one area) and
 * NAME_tmeta (a SUB link), and the VG keeps one spare metadata LV,
 * lvolN_pmspare, as large as its largest pool metadata.  The data and
 * metadata LVs are made plain here, but lvconvert takes LVs of any type:
 * the pool only ever names their devices, and their own type renames its
 * sub-LVs when they are renamed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thin.h"

#define NAME_LEN	128

struct popts {
	uint32_t chunk;		/* sectors */
	bool chunk_given;	/* --chunksize: else LVM2's choice (pool_fit) */
	uint64_t meta;		/* sectors, 0: estimated */
	enum discards discards;
	bool zero;
	bool spare;
	bool inactive;		/* -a n */
	uint32_t stripes;
	uint32_t stripe_size;
};

/* ---- reading the command line ---- */

static int size_opt(const struct plvm_host *h, const struct plvm_request *r, const char *name,
		    uint64_t *v)
{
	int sign = 0, ret = api->opt_u64(r, name, v, &sign);

	if (ret == -ENOENT)
		return 0;
	if (!ret && sign < 0) {
		api->log(h, PLVM_LOG_ERR, "Negative --%s is invalid.", name);
		return -EINVAL;
	}
	return ret;
}

int yes_no(const struct plvm_request *r, const char *name, bool def, bool *out)
{
	const char *v;

	*out = def;
	if (api->opt_str(r, name, &v))
		return 0;
	if (strcmp(v, "y") && strcmp(v, "n")) {
		return -EINVAL;
	}
	*out = v[0] == 'y';
	return 0;
}

int chunk_opt(const struct plvm_host *h, const struct plvm_request *r, uint32_t *chunk)
{
	uint64_t c = 0;
	char s[32];
	int ret = size_opt(h, r, "chunksize", &c);

	*chunk = (uint32_t)api->config_int(h, "allocation/thin_pool_chunk_size", 64) * 2;
	if (ret || !c)
		return ret;
	if (c < MIN_CHUNK || c > MAX_CHUNK || c % MIN_CHUNK) {
		api->log(h, PLVM_LOG_ERR, "Thin pool chunk size %s is not a multiple of 64.00 KiB "
			 "between 64.00 KiB and 1.00 GiB.", api->size_str(s, sizeof(s), c));
		return -EINVAL;
	}
	*chunk = (uint32_t)c;
	return 0;
}

static int discards_opt(const struct plvm_request *r, enum discards *d)
{
	const char *v;
	int i;

	*d = DISCARDS_PASSDOWN;
	if (api->opt_str(r, "discards", &v))
		return 0;
	for (i = 0; discards_names[i]; i++)
		if (!strcmp(v, discards_names[i]))
			*d = (enum discards)i;
	return 0;
}

static int stripes_opt(const struct plvm_host *h, const struct plvm_request *r,
		       struct popts *o)
{
	uint64_t n = 1, sz = 0;

	api->opt_u64(r, "stripes", &n, NULL);
	api->opt_u64(r, "stripesize", &sz, NULL);
	o->stripes = n ? (uint32_t)n : 1;
	o->stripe_size = o->stripes > 1 ? (uint32_t)(sz ? sz : 128) : 0;
	if (o->stripe_size & (o->stripe_size - 1)) {
		api->log(h, PLVM_LOG_ERR, "Invalid stripe size.");
		return -EINVAL;
	}
	return 0;
}

/* LVM2's note when striped pool data or metadata take the default stripe size. */
static void stripesize_note(const struct plvm_host *h, const struct plvm_request *r,
			    const struct popts *o)
{
	char a[32];

	if (o->stripes > 1 && !api->opt_given(r, "stripesize"))
		api->log(h, PLVM_LOG_NOTICE, "Using default stripesize %s.",
			 api->size_str(a, sizeof(a), o->stripe_size));
}

static int popts_read(const struct plvm_host *h, const struct plvm_request *r, struct popts *o)
{
	int ret;

	const char *act;

	memset(o, 0, sizeof(*o));
	o->inactive = !api->opt_str(r, "activate", &act) && !strcmp(act, "n");
	o->chunk_given = api->opt_given(r, "chunksize");
	if ((ret = chunk_opt(h, r, &o->chunk)) || (ret = size_opt(h, r, "poolmetadatasize", &o->meta)) ||
	    (ret = discards_opt(r, &o->discards)) ||
	    (ret = yes_no(r, "zero", api->config_int(h, "allocation/thin_pool_zero", 1), &o->zero)) ||
	    (ret = yes_no(r, "poolmetadataspare", true, &o->spare)))
		return ret;
	return 0;
}

static uint64_t round_up(uint64_t v, uint64_t unit)
{
	return (v + unit - 1) / unit * unit;
}

uint64_t meta_max(const struct plvm_host *h)
{
	return api->config_int(h, "allocation/thin_pool_crop_metadata", 0) ? CROP_META : MAX_META;
}

int meta_crop(const struct plvm_host *h, uint64_t sectors)
{
	if (sectors <= CROP_META)
		return -1;
	return api->config_int(h, "allocation/thin_pool_crop_metadata", 0) ? 1 : 0;
}

/* The extents of a new metadata LV of @ms sectors: whole extents within
 * LVM2's minimum and maximum, with LVM2's lines when the size was asked
 * for (@given) rather than estimated. */
static uint32_t meta_extents(const struct plvm_host *h, uint64_t ms, bool given, uint64_t es)
{
	uint64_t min = round_up(MIN_META, es), max = round_up(meta_max(h), es);
	uint64_t sz = round_up(ms, es);
	char a[32], b[32];

	if (given && sz != ms)
		api->log(h, PLVM_LOG_NOTICE, "Rounding up size to full physical extent %s",
			 api->size_str(a, sizeof(a), sz));
	api->size_str(a, sizeof(a), sz);
	if (sz > max && given)
		api->log(h, PLVM_LOG_NOTICE, "Reducing pool metadata size %s to maximum usable "
			 "size %s.", a, api->size_str(b, sizeof(b), max));
	else if (sz < min && given)
		api->log(h, PLVM_LOG_NOTICE, "Extending pool metadata size %s to required minimal "
			 "size %s.", a, api->size_str(b, sizeof(b), min));
	sz = sz > max ? max : sz < min ? min : sz;
	return (uint32_t)(sz / es);
}

/* How much data @chunk can address with the largest metadata, as LVM2
 * says it; -EINVAL when @data_sectors is more. */
static int address_check(const struct plvm_host *h, uint32_t chunk, uint64_t data_sectors)
{
	uint64_t max = meta_max(h) * 8 * chunk;	/* a 64-byte mapping per chunk */
	char a[32], b[32];

	api->size_str(a, sizeof(a), chunk);
	api->size_str(b, sizeof(b), max);
	if (data_sectors > max) {
		api->log(h, PLVM_LOG_ERR, "Selected chunk size %s cannot address more then %s of "
			 "thin pool data space.", a, b);
		return -EINVAL;
	}
	api->log(h, PLVM_LOG_NOTICE, "Thin pool volume with chunk size %s can address at most "
		 "%s of data.", a, b);
	return 0;
}

/* LVM2's estimate of the metadata for @data_sectors: 64 bytes per chunk. */
static uint64_t meta_raw(uint64_t data_sectors, uint32_t chunk)
{
	return data_sectors / chunk * 64 / 512;
}

uint64_t meta_estimate(uint64_t data_sectors, uint32_t chunk)
{
	uint64_t m = meta_raw(data_sectors, chunk);

	return m < MIN_META ? MIN_META : m > MAX_META ? MAX_META : m;
}

/* LVM2's chunk for @data_sectors mapped by @meta_sectors: a multiple of
 * 1 MiB when that large, else a power of two, within the kernel's range. */
static uint32_t chunk_estimate(uint64_t data_sectors, uint64_t meta_sectors)
{
	uint64_t c = data_sectors / (meta_sectors * 8), p = MIN_CHUNK;

	if (c > BIG_CHUNK - 1)
		c = (c + BIG_CHUNK - 1) / BIG_CHUNK * BIG_CHUNK;
	else
		while (p < c)
			p *= 2;
	c = c > BIG_CHUNK - 1 ? c : p;
	return (uint32_t)(c > MAX_CHUNK ? MAX_CHUNK : c);
}

/* LVM2's choice of chunk and metadata size for a new pool of @data
 * sectors (*@ms: the metadata asked for, or 0): without either, the
 * chunk doubles while the estimate is over 128 MiB; with the metadata
 * size alone, the chunk it needs; a given chunk that is too small is
 * said. */
static void pool_fit(const struct plvm_host *h, struct popts *o, uint64_t data, uint64_t *ms)
{
	uint32_t want;
	char s[32];

	if (!*ms && !o->chunk_given) {
		for (*ms = meta_raw(data, o->chunk); *ms > OPTIMAL_META && o->chunk < MAX_CHUNK;
		     *ms /= 2)
			o->chunk *= 2;
		return;
	}
	if (!*ms) {
		*ms = meta_raw(data, o->chunk);
		if (*ms > meta_max(h))
			api->log(h, PLVM_LOG_WARN, "WARNING: Chunk size is too small for pool, "
				 "suggested minimum is %s.", api->size_str(s, sizeof(s),
				 chunk_estimate(data, meta_max(h))));
		return;
	}
	want = chunk_estimate(data, *ms);
	if (!o->chunk_given)
		o->chunk = want;
	else if (o->chunk < want)
		api->log(h, PLVM_LOG_WARN, "WARNING: Chunk size is smaller then suggested minimum "
			 "size %s.", api->size_str(s, sizeof(s), want));
}

static uint32_t to_extents(uint64_t sectors, uint64_t es)
{
	return (uint32_t)((sectors + es - 1) / es);
}

/* ---- pools ---- */

uint32_t pool_users(const struct plvm_lv *pool)
{
	struct plvm_seg *u = NULL;
	uint32_t n = 0;

	while ((u = api->lv_next_user(pool, u, NULL)))
		n += api->seg_type(u) == thin_segtype;
	return n;
}

static bool is_spare(const struct plvm_lv *lv)
{
	const char *n = api->lv_name(lv);
	size_t len = strlen(n);

	return len > 8 && !strcmp(n + len - 8, "_pmspare");
}

struct plvm_lv *spare_find(const struct plvm_vg *vg)
{
	struct plvm_lv *lv = NULL;

	while ((lv = api->vg_next_lv(vg, lv)))
		if (is_spare(lv))
			return lv;
	return NULL;
}

int meta_wipe(const struct plvm_host *h, struct plvm_lv *lv)
{
	return api->lv_wipe(h, lv, api->config_int(h, "allocation/zero_metadata", 1) ? 0 :
			    META_WIPE);
}

static int spare_new(const struct plvm_host *h, struct plvm_vg *vg, struct plvm_lv **out)
{
	char name[NAME_LEN];
	int i;

	for (i = 0; i < 10000; i++) {
		snprintf(name, sizeof(name), "lvol%d_pmspare", i);
		if (!api->vg_find_lv(vg, name))
			break;
	}
	*out = api->lv_create(h, vg, name, 0);
	return *out ? 0 : -errno;
}

static int spare_grow(const struct plvm_host *h, const struct plvm_request *r,
		      struct plvm_lv *sp, uint32_t extents)
{
	return api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &sp, .count = 1,
		.extents = extents, .stripes = 1 });
}

int spare_add(const struct plvm_host *h, struct plvm_vg *vg, const struct plvm_request *r,
	      uint32_t extents, struct plvm_lv **out)
{
	int ret = spare_new(h, vg, out);

	if (!ret && !(ret = spare_grow(h, r, *out, extents)))
		ret = meta_wipe(h, *out);
	return ret;
}

/* The VG's spare metadata LV holds at least @extents. */
int spare_ensure(const struct plvm_host *h, struct plvm_vg *vg,
		 const struct plvm_request *r, uint32_t extents)
{
	struct plvm_lv *sp = spare_find(vg);
	uint32_t have = sp ? api->lv_extents(sp) : 0;

	if (have >= extents)
		return 0;
	if (sp)
		return spare_grow(h, r, sp, extents - have);
	return spare_add(h, vg, r, extents, &sp);
}

static void spare_drop_unused(const struct plvm_host *h, struct plvm_vg *vg)
{
	struct plvm_lv *lv = NULL, *sp;

	while ((lv = api->vg_next_lv(vg, lv)))
		if (lv_pool(lv))
			return;
	if ((sp = spare_find(vg)))
		api->lv_remove(h, sp);
}

/* The metadata LV, off the data LV's PVs when it can be (a 2.7 host). */
static int meta_alloc(const struct plvm_host *h, const struct plvm_request *r,
		      struct plvm_lv *meta, struct plvm_lv *data, uint32_t extents)
{
	struct plvm_lv *avoid[2] = { data, NULL };
	struct plvm_alloc a = {
		.size = sizeof(a), .lvs = &meta, .count = 1, .extents = extents, .stripes = 1,
		.flags = PLVM_ALLOC_QUIET, .avoid = avoid,
	};
	int ret = api->lv_alloc(h, r, &a);

	if (ret != -ENOSPC)
		return ret;
	a.flags = 0;
	a.avoid = NULL;
	return api->lv_alloc(h, r, &a);
}

/*
 * The data LV and, as the allocation's log, the metadata LV: LVM2 gives a
 * new pool's metadata the smallest of the places the data could start on
 * and does not (with three equal PVs, the third).
 */
static int pool_alloc(const struct plvm_host *h, const struct plvm_request *r,
		      struct plvm_lv *pool, struct plvm_lv *data, struct plvm_lv *meta,
		      uint32_t extents, uint32_t me, const struct popts *o)
{
	bool log = api->abi_minor >= 8;
	int ret = api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &data, .count = 1, .extents = extents,
		.stripes = o->stripes, .stripe_size = o->stripe_size, .for_lv = pool,
		.log_lv = log ? meta : NULL, .log_extents = log ? me : 0 });

	if (!ret && !log)
		ret = meta_alloc(h, r, meta, data, me);
	return ret;
}

/* The thin-pool segment of @pool over @data and @meta. */
static int pool_seg_make(const struct plvm_host *h, struct plvm_lv *pool, struct plvm_lv *data,
			 struct plvm_lv *meta, const struct popts *o)
{
	uint32_t n = api->lv_extents(data);
	struct plvm_seg *seg = api->seg_create(h, pool, pool_segtype, n, n, 1);
	struct pool *p;
	int ret;

	if (!seg || !(p = pool_get(h, seg)))
		return -ENOMEM;
	p->meta_lv = meta;
	p->stays_up = !o->inactive;
	p->chunk_size = o->chunk;
	p->discards = o->discards;
	p->zero = o->zero;
	p->crop = meta_crop(h, (uint64_t)api->lv_extents(meta) *
			    api->vg_extent_size(api->lv_vg(meta)));
	if (p->crop == 0 && (ret = api->lv_set_flag(h, pool, POOL_CROP_FLAG, 1)))
		return ret;
	ret = api->seg_set_area(h, seg, 0, &(struct plvm_area){
		.size = sizeof(struct plvm_area), .kind = PLVM_AREA_LV, .lv = data });
	if (!ret)
		ret = api->seg_link_lv(h, seg, meta, PLVM_LINK_SUB);
	if (!ret && (ret = meta_wipe(h, meta)))
		api->log(h, PLVM_LOG_ERR, "Aborting. Failed to wipe pool metadata %s.",
			 api->lv_name(meta));
	return ret;
}

static void no_spare_warn(const struct plvm_host *h, const struct popts *o)
{
	if (!o->spare)
		api->log(h, PLVM_LOG_WARN, "WARNING: recovery of pools without pool metadata "
			 "spare LV is not automated.");
}

static int pool_create(const struct plvm_host *h, struct plvm_vg *vg,
		       const struct plvm_request *r, const char *name, uint32_t extents,
		       struct popts *o, struct plvm_lv **out)
{
	uint64_t es = api->vg_extent_size(vg), ms = o->meta;
	struct plvm_lv *pool, *data, *meta;
	uint32_t me;
	int ret;

	stripesize_note(h, r, o);
	if (extents % o->stripes)
		extents += o->stripes - extents % o->stripes;
	pool_fit(h, o, extents * es, &ms);
	me = meta_extents(h, ms, o->meta, es);
	if ((ret = address_check(h, o->chunk, extents * es)))
		return ret;
	if (!(pool = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)))
		return -errno;
	if (o->spare && (ret = spare_ensure(h, vg, r, me)))
		return ret;
	no_spare_warn(h, o);
	if (!(data = api->sub_lv_create(h, pool, "_tdata", -1)) ||
	    !(meta = api->sub_lv_create(h, pool, "_tmeta", -1)))
		return -errno;
	ret = pool_alloc(h, r, pool, data, meta, extents, me, o);
	if (!ret)
		ret = pool_seg_make(h, pool, data, meta, o);
	*out = pool;
	return ret;
}

/* ---- thin LVs ---- */

static uint32_t next_device_id(const struct plvm_lv *pool, const struct pool *p)
{
	struct plvm_seg *u = NULL;
	const struct thin *t;
	uint32_t max = 0, i;

	while ((u = api->lv_next_user(pool, u, NULL)))
		if (api->seg_type(u) == thin_segtype && (t = api->seg_priv(u)) && t->device_id > max)
			max = t->device_id;
	for (i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].kind == MSG_DELETE && p->msgs[i].id > max)
			max = p->msgs[i].id;
	return max + 1;
}

/* A message for the kernel: the first of a batch raises the transaction id. */
static int pool_message(struct pool *p, enum msg_kind kind, struct plvm_lv *lv, uint32_t id)
{
	int ret = pool_queue(p, kind, lv, id);

	if (!ret && p->nmsgs == 1)
		p->transaction_id++;
	return ret;
}

/* Sum of the sizes of the thin LVs of @pool, in sectors. */
static uint64_t thin_sum(const struct plvm_lv *pool)
{
	struct plvm_seg *u = NULL;
	uint64_t sum = 0;

	while ((u = api->lv_next_user(pool, u, NULL)))
		if (api->seg_type(u) == thin_segtype)
			sum += api->lv_extents(api->seg_lv(u));
	return sum * api->vg_extent_size(api->lv_vg(pool));
}

/* Thin LVs and pool sizes, summed over @pool (when given) and then over
 * every pool of the VG; *@more counts the other pools. */
static void sums(const struct plvm_lv *pool, const struct plvm_vg *vg, uint64_t *thins,
		 uint64_t *pools, uint32_t *more)
{
	uint64_t es = api->vg_extent_size(vg);
	struct plvm_lv *lv = NULL;

	while ((lv = api->vg_next_lv(vg, lv)))
		if (lv_pool(lv) && lv != pool) {
			(*more)++;
			*thins += thin_sum(lv);
			*pools += (uint64_t)api->lv_extents(lv) * es;
		}
}

void overcommit_warn(const struct plvm_host *h, const struct plvm_lv *pool,
		     const struct plvm_vg *vg)
{
	uint64_t thins = 0, pools = 0, sz, es = api->vg_extent_size(vg);
	int64_t thr = api->config_int(h, "activation/thin_pool_autoextend_threshold", 100);
	int64_t pct = api->config_int(h, "activation/thin_pool_autoextend_percent", 20);
	uint32_t more = 0;
	char a[32], b[32], name[256] = "s";
	const char *txt = "";

	if (pool) {
		thins = thin_sum(pool);
		pools = (uint64_t)api->lv_extents(pool) * es;
		if (thins <= pools)
			return;
	}
	sums(pool, vg, &thins, &pools, &more);
	if (thins <= pools)
		return;
	if ((sz = (uint64_t)api->vg_free_extents(vg) * es) < thins)
		txt = sz ? " and the amount of free space in volume group" : "";
	else if (thr > 99 || !pct)
		sz = pools;
	else
		return;
	if (!more && pool)
		snprintf(name, sizeof(name), " %s/%s", api->vg_name(vg), api->lv_name(pool));
	api->size_str(a, sizeof(a), thins);
	if (sz)
		api->size_str(b, sizeof(b), sz);
	api->log(h, PLVM_LOG_WARN, "WARNING: Sum of all thin volume sizes (%s) exceeds the size "
		 "of thin pool%s%s (%s).", a, name, txt, sz ? b : "no free space in volume group");
	/* as LVM2, these advices go to stdout */
	if (thr > 99 || !pct)
		api->log(h, PLVM_LOG_NOTICE, "WARNING: You have not turned on protection against "
			 "thin pools running out of space.");
	if (thr > 99)
		api->log(h, PLVM_LOG_NOTICE, "WARNING: Set activation/thin_pool_autoextend_threshold "
			 "below 100 to trigger automatic extension of thin pools before they get "
			 "full.");
	if (!pct)
		api->log(h, PLVM_LOG_NOTICE, "WARNING: Set activation/thin_pool_autoextend_percent "
			 "above 0 to specify by how much to extend thin pools reaching the "
			 "threshold.");
}

int thin_lv_make(const struct plvm_host *h, struct plvm_lv *pool, const char *name,
		 uint32_t extents, struct plvm_lv *origin, struct plvm_lv **out)
{
	struct plvm_seg *pseg = lv_seg_of(pool, pool_segtype), *seg;
	struct pool *p = pseg ? api->seg_priv(pseg) : NULL;
	struct plvm_lv *lv;
	struct thin *t;
	uint32_t id;
	int ret;

	if (!p || (ret = pool_flush(h, pool)))
		return p ? ret : -EINVAL;
	if ((id = next_device_id(pool, p)) > MAX_DEVICE_ID) {
		api->log(h, PLVM_LOG_ERR, "Cannot find free thin device id in pool %s.",
			 api->lv_name(pool));
		return -ENOSPC;
	}
	if (!(lv = api->lv_create(h, api->lv_vg(pool), name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)))
		return -errno;
	if (!(seg = api->seg_create(h, lv, thin_segtype, extents, 0, 0)) || !(t = thin_get(h, seg)))
		return -ENOMEM;
	t->pool_lv = pool;
	t->device_id = id;
	t->origin = origin;
	t->transaction_id = p->nmsgs ? p->transaction_id - 1 : p->transaction_id;
	*out = lv;
	return api->seg_link_lv(h, seg, pool, PLVM_LINK_USE) ?: pool_message(p, MSG_CREATE, lv, 0);
}

/* --errorwhenfull y|n of a new or existing pool: ERROR_WHEN_FULL */
static int when_full(const struct plvm_host *h, struct plvm_lv *pool,
		     const struct plvm_request *r)
{
	bool on;
	int ret;

	if (!api->opt_given(r, "errorwhenfull"))
		return 0;
	if ((ret = yes_no(r, "errorwhenfull", false, &on)))
		return ret;
	return api->lv_set_flag(h, pool, "ERROR_WHEN_FULL", on);
}

/* ---- lvcreate ---- */

/* A pool alone is never read-only (the kernel's thin-pool target writes):
 * LVM2 refuses -pr with --type thin-pool (with -T it makes the pool
 * writable, as here). */
static int pool_writable(const struct plvm_host *h, const struct plvm_request *r)
{
	const char *perm;

	if (api->opt_str(r, "permission", &perm) || strcmp(perm, "r"))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Cannot create read-only thin pool.");
	api->log(h, PLVM_LOG_ERR, "Run `lvcreate --help' for more information.");
	return -EINVAL;
}

struct creq {
	const char *pool_name;	/* --thinpool, or VG/NAME */
	const char *name;	/* -n */
	const char *type;	/* --type */
	bool thin_flag;		/* -T */
	bool snapshot;		/* -s */
	uint64_t virt;		/* -V, sectors; 0: none */
	struct plvm_size size;	/* -l/-L */
};

static int creq_read(const struct plvm_host *h, const struct plvm_request *r, struct creq *c)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->size.size = sizeof(c->size);
	c->type = api->req_type_name(r);
	if (c->type && strcmp(c->type, "thin") && strcmp(c->type, "thin-pool"))
		return -ENOTSUP;
	c->snapshot = api->opt_given(r, "snapshot") > 0;
	c->thin_flag = api->opt_given(r, "thin") > 0;
	if (api->opt_str(r, "thinpool", &c->pool_name))
		c->pool_name = api->req_lv_name(r);
	if (api->opt_str(r, "name", &c->name))
		c->name = NULL;
	if ((ret = size_opt(h, r, "virtualsize", &c->virt)))
		return ret;
	return api->req_size(h, r, NULL, &c->size);
}

static int snap_create(const struct plvm_host *h, struct plvm_vg *vg,
		       const struct plvm_request *r, const struct creq *c, struct plvm_lv **main)
{
	struct plvm_lv *origin = c->pool_name ? api->vg_find_lv(vg, c->pool_name) : NULL;
	const char *named = api->req_lv_name(r);
	const struct thin *t = lv_thin(origin);
	int ret;

	/* -s VG/LV --thinpool VG/pool: a thin LV on LV, when LV is no thin LV */
	if (api->opt_given(r, "thinpool") && named && !c->size.given && !c->virt &&
	    (origin = api->vg_find_lv(vg, named)) && !lv_thin(origin))
		return thin_snap_external(h, origin, c->name, r, main);
	if (!t || c->size.given || c->virt)
		return -ENOTSUP;	/* not a thin snapshot */
	ret = thin_lv_make(h, t->pool_lv, c->name, api->lv_extents(origin), origin, main);
	/* skipped by activation as LVM2 marks them, unless -k said otherwise */
	if (!ret && !api->opt_given(r, "setactivationskip") &&
	    api->config_int(h, "activation/auto_set_activation_skip", 1))
		ret = api->lv_set_flag(h, *main, "ACTIVATION_SKIP", 1);
	if (!ret)
		overcommit_warn(h, t->pool_lv, api->lv_vg(t->pool_lv));
	return ret;
}

static int virt_extents(const struct plvm_host *h, struct plvm_vg *vg, uint64_t sectors,
			uint32_t *out)
{
	uint64_t es = api->vg_extent_size(vg);
	char s[32];

	*out = to_extents(sectors, es);
	if (sectors % es)
		api->log(h, PLVM_LOG_NOTICE, "Rounding up size to full physical extent %s.",
			 api->size_str(s, sizeof(s), (uint64_t)*out * es));
	return *out ? 0 : -EINVAL;
}

/* The existing pool named by the request, or NULL when one is to be made. */
static int find_pool(const struct plvm_host *h, struct plvm_vg *vg, const struct creq *c,
		     struct plvm_lv **pool)
{
	*pool = c->pool_name ? api->vg_find_lv(vg, c->pool_name) : NULL;
	if (*pool && !lv_pool(*pool)) {
		if (c->size.given)
			return 0;	/* lv_create says it exists */
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s is not a thin pool.",
			 api->vg_name(vg), c->pool_name);
		return -EINVAL;
	}
	if (!*pool && !c->size.given) {
		if (c->pool_name)
			api->log(h, PLVM_LOG_ERR, "Thin pool %s not found in Volume group %s.",
				 c->pool_name, api->vg_name(vg));
		else
			api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	return 0;
}

/* What LVM2 refuses for a new pool: a persistent device number (a pool
 * has none; with -V the thin LV takes it), and -r when a thin LV is made
 * with the pool (it would be unclear which of the two takes it). */
static int new_pool_opts(const struct plvm_host *h, const struct plvm_request *r,
			 bool want_thin)
{
	if (!want_thin && (api->opt_given(r, "minor") || api->opt_given(r, "major"))) {
		api->log(h, PLVM_LOG_ERR, "Persistent major and minor numbers are unsupported "
			 "with pools.");
		return -EPERM;
	}
	if (want_thin && api->opt_given(r, "readahead")) {
		api->log(h, PLVM_LOG_ERR, "Ambigous --readahead parameter specified. Please use "
			 "either with pool or volume.");
		return -EPERM;
	}
	return 0;
}

static int thin_create(const struct plvm_host *h, struct plvm_vg *vg,
		       const struct plvm_request *r, struct plvm_lv **main)
{
	struct plvm_lv *pool = NULL;
	struct popts o;
	struct creq c;
	uint32_t ve = 0;
	bool want_thin;
	int ret = creq_read(h, r, &c);

	if (ret)
		return ret;
	if (c.snapshot)
		return snap_create(h, vg, r, &c, main);
	if ((ret = popts_read(h, r, &o)) || (ret = stripes_opt(h, r, &o)))
		return ret;
	want_thin = c.virt || (c.type && !strcmp(c.type, "thin"));
	if (want_thin && !c.virt) {
		api->log(h, PLVM_LOG_ERR, "Thin volume requires --virtualsize.");
		return -EINVAL;
	}
	if (!want_thin && c.type && c.virt) {
		api->log(h, PLVM_LOG_ERR, "Thin pool does not take --virtualsize.");
		return -EINVAL;
	}
	if ((ret = find_pool(h, vg, &c, &pool)) ||
	    (!pool && (ret = new_pool_opts(h, r, want_thin))) ||
	    (!pool && !want_thin && (ret = pool_writable(h, r))) ||
	    (want_thin && (ret = virt_extents(h, vg, c.virt, &ve))))
		return ret;
	if (!pool && ((ret = pool_create(h, vg, r, want_thin ? c.pool_name :
					 c.pool_name ? c.pool_name : c.name,
					 (uint32_t)c.size.extents, &o, &pool)) ||
		      (ret = when_full(h, pool, r)) ||
		      /* -pr is the thin LV's: the pool made with it stays writable */
		      (ret = api->lv_set_status(pool, PLVM_LV_WRITE, 0))))
		return ret;
	*main = pool;
	if (!want_thin)
		return 0;
	ret = thin_lv_make(h, pool, c.name, ve, NULL, main);
	if (!ret)
		overcommit_warn(h, pool, api->lv_vg(pool));
	return ret;
}

/* ---- lvconvert --thinpool VG/data [--poolmetadata meta] ---- */

/* An existing LV as pool metadata: LVM2's minimum refused, its maximum said. */
static int meta_lv_check(const struct plvm_host *h, const struct plvm_lv *meta)
{
	uint64_t es = api->vg_extent_size(api->lv_vg(meta));
	uint64_t ms = (uint64_t)api->lv_extents(meta) * es;
	uint64_t min = round_up(MIN_META, es), max = round_up(meta_max(h), es);
	const char *vg = api->vg_name(api->lv_vg(meta));
	char a[32], b[32];

	api->size_str(a, sizeof(a), ms);
	if (ms < min) {
		api->log(h, PLVM_LOG_ERR, "Can't use volume %s/%s with size %s as pool metadata. "
			 "Minimal required size is %s.", vg, api->lv_name(meta), a,
			 api->size_str(b, sizeof(b), min));
		return -EPERM;
	}
	if (ms > max)
		api->log(h, PLVM_LOG_NOTICE, "Size %s of pool metadata volume %s/%s is bigger then "
			 "maximum usable size %s.", a, vg, api->lv_name(meta),
			 api->size_str(b, sizeof(b), max));
	return 0;
}

static int convert_check(const struct plvm_host *h, struct plvm_lv *data, struct plvm_lv *meta)
{
	const char *vg = api->vg_name(api->lv_vg(data));

	if (data == meta) {
		api->log(h, PLVM_LOG_ERR, "Cannot use the same LV %s/%s for thin pool data and "
			 "metadata.", vg, api->lv_name(data));
		return -EINVAL;
	}
	if (api->lv_next_user(data, NULL, NULL) || api->lv_next_user(meta, NULL, NULL) ||
	    !(api->lv_status(meta) & PLVM_LV_VISIBLE) || lv_pool(data) || lv_thin(data) ||
	    lv_pool(meta) || lv_thin(meta)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s or %s/%s cannot be used for a thin "
			 "pool.", vg, api->lv_name(data), vg, api->lv_name(meta));
		return -EPERM;
	}
	return 0;
}

/* "VG/DATA" or "VG/DATA and VG/META", as LVM2 names the LVs it converts. */
static const char *convert_names(char *buf, size_t len, const struct plvm_lv *data,
				 const char *mname)
{
	const char *vg = api->vg_name(api->lv_vg(data));

	if (mname)
		snprintf(buf, len, "%s/%s and %s/%s", vg, api->lv_name(data), vg, mname);
	else
		snprintf(buf, len, "%s/%s", vg, api->lv_name(data));
	return buf;
}

static int convert_ask(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *data, struct plvm_lv *meta)
{
	char names[NAME_LEN * 5], q[NAME_LEN * 6];

	convert_names(names, sizeof(names), data, meta ? api->lv_name(meta) : NULL);
	api->log(h, PLVM_LOG_WARN, "WARNING: Converting %s to thin pool's data%s with metadata "
		 "wiping.", names, meta ? " and metadata volumes" : " volume");
	api->log(h, PLVM_LOG_WARN, "THIS WILL DESTROY CONTENT OF LOGICAL VOLUME (filesystem etc.)");
	snprintf(q, sizeof(q), "Do you really want to convert %s?", names);
	if (api->confirm(h, r, 0, q))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Conversion aborted.");
	return -ECANCELED;
}

/* @lv becomes the hidden sub-LV "<name><suffix>". */
static int make_sub(const struct plvm_host *h, struct plvm_lv *lv, const char *name,
		    const char *suffix)
{
	char buf[NAME_LEN * 2];
	int ret;

	if (api->lv_is_active(h, lv) > 0 && (ret = api->lv_deactivate(h, lv)))
		return ret;
	snprintf(buf, sizeof(buf), "%s%s", name, suffix);
	ret = api->lv_rename(h, lv, buf);
	return ret ? ret : api->lv_set_status(lv, 0, PLVM_LV_VISIBLE);
}

/* Without --poolmetadata LVM2 makes the metadata LV "<data>_tmeta" itself:
 * @extents (whole stripes) on the command line's PVs, else the VG's,
 * striped by --stripes/--stripesize, with LVM2's lines. */
static int meta_make(const struct plvm_host *h, const struct plvm_request *r,
		     struct plvm_lv *data, uint32_t extents, const struct popts *o,
		     struct plvm_lv **out)
{
	struct plvm_vg *vg = api->lv_vg(data);
	uint64_t es = api->vg_extent_size(vg);
	uint32_t n = extents, rest = extents % o->stripes;
	char a[32], b[NAME_LEN * 2];

	stripesize_note(h, r, o);
	if (rest) {
		n += o->stripes - rest;
		api->log(h, PLVM_LOG_NOTICE, "Rounding size %s (%u extents) up to stripe boundary "
			 "size %s (%u extents).", api->size_str(a, sizeof(a), extents * es),
			 extents, api->size_str(b, sizeof(b), n * es), n);
	}
	if (api->vg_free_extents(vg) < n) {
		api->log(h, PLVM_LOG_ERR, "Volume group \"%s\" has insufficient free space "
			 "(%u extents): %u required.", api->vg_name(vg),
			 api->vg_free_extents(vg), n);
		return -ENOSPC;
	}
	snprintf(b, sizeof(b), "%s_tmeta", api->lv_name(data));
	if (!(*out = api->lv_create(h, vg, b, 0)))
		return -errno;
	return api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = out, .count = 1, .extents = n,
		.stripes = o->stripes, .stripe_size = o->stripe_size });
}

/* The checks and sizes of a conversion, in LVM2's order: *@me, the
 * extents of the metadata LV to make when @meta is NULL (LVM2's estimate,
 * or --poolmetadatasize). */
static int convert_fit(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_lv *data, struct plvm_lv *meta, struct popts *o, uint32_t *me)
{
	uint64_t es = api->vg_extent_size(api->lv_vg(data));
	uint64_t ds = (uint64_t)api->lv_extents(data) * es, ms;
	int ret;

	if ((ret = popts_read(h, r, o)) || (!meta && (ret = stripes_opt(h, r, o))) ||
	    (meta && (ret = convert_check(h, data, meta))))
		return ret;
	ms = meta ? (uint64_t)api->lv_extents(meta) * es : o->meta;
	pool_fit(h, o, ds, &ms);
	if (meta && (ret = meta_lv_check(h, meta)))
		return ret;
	if (!meta)
		*me = meta_extents(h, ms, o->meta, es);
	return address_check(h, o->chunk, ds);
}

/* LVM2 takes --stripes and --stripesize for the metadata LV it makes only. */
static int meta_opts_check(const struct plvm_host *h, const struct plvm_request *r)
{
	if (!api->opt_given(r, "stripes") && !api->opt_given(r, "stripesize"))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Command does not accept option combination: --poolmetadata  "
		 "with --readahead --stripesize --stripes ");
	return -EINVAL;
}

/* The LV that becomes the metadata (--poolmetadata), or NULL. */
static int convert_meta_opt(const struct plvm_host *h, const struct plvm_request *r,
			    struct plvm_lv **meta)
{
	int ret = api->opt_lv(h, r, "poolmetadata", meta);

	*meta = ret ? NULL : *meta;
	return ret == -ENOENT ? 0 : ret;
}

static int thin_convert(const struct plvm_host *h, struct plvm_lv *data,
			const struct plvm_request *r)
{
	struct plvm_vg *vg = api->lv_vg(data);
	struct plvm_lv *meta = NULL, *pool;
	char name[NAME_LEN], mname[NAME_LEN], names[NAME_LEN * 5];
	bool active = api->lv_is_active(h, data) > 0, given;
	struct popts o;
	uint32_t me = 0;
	int ret;

	if (lv_pool(data) && api->opt_given(r, "repair"))
		return pool_repair(h, data, r);
	if (api->opt_given(r, "swapmetadata"))
		return pool_swap_cmd(h, data, r);
	if (api->opt_given(r, "thin") ||
	    (api->req_type_name(r) && !strcmp(api->req_type_name(r), "thin")))
		return thin_to_external(h, data, r);
	if (!api->opt_given(r, "thinpool") && !(api->req_type_name(r) &&
						 !strcmp(api->req_type_name(r), "thin-pool")))
		return -ENOTSUP;
	if ((ret = convert_meta_opt(h, r, &meta)) || (meta && (ret = meta_opts_check(h, r))))
		return ret;
	if (lv_pool(data) && meta)
		return pool_swap_meta(h, data, meta, r);
	if (lv_pool(data)) {
		api->log(h, PLVM_LOG_ERR, "The --poolmetadata option is required to swap "
			 "metadata.");
		return -EPERM;
	}
	given = meta;
	if ((ret = convert_fit(h, r, data, meta, &o, &me)) ||
	    (ret = convert_ask(h, r, data, meta)))
		return ret;
	snprintf(name, sizeof(name), "%s", api->lv_name(data));
	snprintf(mname, sizeof(mname), "%s", meta ? api->lv_name(meta) : "");
	convert_names(names, sizeof(names), data, given ? mname : NULL);
	if ((!given && (ret = meta_make(h, r, data, me, &o, &meta))) ||
	    (ret = make_sub(h, data, name, "_tdata")) ||
	    (given && (ret = make_sub(h, meta, name, "_tmeta"))))
		return ret;
	if (!(pool = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE)))
		return -errno;
	no_spare_warn(h, &o);
	if ((o.spare && (ret = spare_ensure(h, vg, r, api->lv_extents(meta)))) ||
	    (ret = pool_seg_make(h, pool, data, meta, &o)))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "Converted %s to thin pool.", names);
	if (PLVM_HAS(api, struct plvm_host_api, outcome_logged))
		api->outcome_logged(r);	/* LVM2 says no more */
	return active ? api->lv_activate(h, pool) : 0;
}

/* ---- lvextend, lvreduce ---- */

int seg_drop(const struct plvm_host *h, struct plvm_seg *seg, struct plvm_lv *link,
	     void *priv, size_t n)
{
	int ret;

	memcpy(priv, api->seg_priv(seg), n);
	if (api->seg_area_count(seg) && (ret = api->seg_set_area(h, seg, 0, &(struct plvm_area){
			.size = sizeof(struct plvm_area), .kind = PLVM_AREA_NONE })))
		return ret;
	if ((ret = api->seg_unlink_lv(h, seg, link)))
		return ret;
	return api->seg_remove(h, seg);
}

static int new_extents(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r, uint32_t *n)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	int ret = api->req_size(h, r, lv, &sz);

	if (ret)
		return ret;
	if (!sz.given) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	*n = (uint32_t)sz.new_extents;
	return 0;
}

/* LVM2's question before a thin LV in use shrinks. */
static int confirm_reduce(const struct plvm_host *h, const struct plvm_request *r,
			  const struct plvm_lv *lv, uint32_t n)
{
	const char *vg = api->vg_name(api->lv_vg(lv));
	char s[32], q[256];

	if (api->lv_is_active(h, lv) <= 0)
		return 0;
	api->size_str(s, sizeof(s), n * api->vg_extent_size(api->lv_vg(lv)));
	api->log(h, PLVM_LOG_WARN, "WARNING: Reducing active%s logical volume to %s.",
		 api->lv_is_open(h, lv, PLVM_DEV_TOP) > 0 ? " and open" : "", s);
	api->log(h, PLVM_LOG_NOTICE, "THIS MAY DESTROY YOUR DATA (filesystem etc.)");
	snprintf(q, sizeof(q), "Do you really want to reduce %s/%s?", vg, api->lv_name(lv));
	if (api->confirm(h, r, PLVM_ASK_FORCE, q))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s NOT reduced.", vg, api->lv_name(lv));
	return -ECANCELED;
}

static int thin_lv_resize(const struct plvm_host *h, struct plvm_lv *lv, struct plvm_seg *seg,
			  const struct plvm_request *r)
{
	uint32_t n, old = api->lv_extents(lv);
	struct thin copy, *t;
	int ret;

	if (policies(r)) {
		api->log(h, PLVM_LOG_ERR, "Policy-based resize is supported only for snapshot, "
			 "thin pool and vdo pool volumes.");
		return -EPERM;
	}
	if (api->opt_given(r, "poolmetadatasize")) {
		api->log(h, PLVM_LOG_ERR, "--poolmetadatasize can be used only with thin pools.");
		return -EPERM;
	}
	if ((ret = new_extents(h, lv, r, &n)) || (n < old && (ret = confirm_reduce(h, r, lv, n))) ||
	    (ret = seg_drop(h, seg, ((struct thin *)api->seg_priv(seg))->pool_lv, &copy,
				   sizeof(copy))))
		return ret;
	if (!(seg = api->seg_create(h, lv, thin_segtype, n, 0, 0)) || !(t = thin_get(h, seg)))
		return -ENOMEM;
	*t = copy;
	if ((ret = api->seg_link_lv(h, seg, t->pool_lv, PLVM_LINK_USE)))
		return ret;
	size_line(h, lv, old);
	if (n > old)
		overcommit_warn(h, t->pool_lv, api->lv_vg(lv));
	api->log(h, PLVM_LOG_NOTICE, "Logical volume %s/%s successfully resized.",
		 api->vg_name(api->lv_vg(lv)), api->lv_name(lv));
	return api->lv_is_active(h, lv) > 0 ? api->lv_reload(h, lv) : 0;
}

/* The thin-pool segment whose data or metadata LV @lv is, or NULL. */
static struct plvm_seg *pool_seg_using(const struct plvm_lv *lv)
{
	struct plvm_seg *u = NULL;

	while ((u = api->lv_next_user(lv, u, NULL)))
		if (api->seg_type(u) == pool_segtype)
			return u;
	return NULL;
}

static int thin_resize(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r)
{
	struct plvm_seg *seg;

	if ((seg = lv_seg_of(lv, pool_segtype)))
		return pool_grow(h, lv, seg, r);
	if ((seg = lv_seg_of(lv, thin_segtype)))
		return thin_lv_resize(h, lv, seg, r);
	if (!(seg = pool_seg_using(lv)))
		return -ENOTSUP;
	if (lv == pool_data(seg))	/* the pool grows, as LVM2 does it */
		return pool_grow(h, api->seg_lv(seg), seg, r);
	return meta_grow(h, api->seg_lv(seg), seg, r);
}

/* ---- lvremove ---- */

static void forget_origin(const struct plvm_lv *pool, const struct plvm_lv *lv)
{
	struct plvm_seg *u = NULL;
	struct thin *t;

	while ((u = api->lv_next_user(pool, u, NULL)))
		if (api->seg_type(u) == thin_segtype && (t = api->seg_priv(u)) && t->origin == lv)
			t->origin = NULL;
}

/* Drop an unsent create of @lv; 1 when there was one. */
static int unqueue_create(struct pool *p, const struct plvm_lv *lv)
{
	uint32_t i;

	for (i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].kind == MSG_CREATE && p->msgs[i].lv == lv) {
			memmove(&p->msgs[i], &p->msgs[i + 1], (p->nmsgs - i - 1) * sizeof(p->msgs[0]));
			if (!--p->nmsgs)
				p->transaction_id--;
			return 1;
		}
	return 0;
}

static int ask_active(const struct plvm_host *h, const struct plvm_request *r,
		      struct plvm_lv *lv)
{
	const char *vg = api->vg_name(api->lv_vg(lv));
	char q[256];

	if (api->lv_is_active(h, lv) <= 0)
		return 0;
	snprintf(q, sizeof(q), "Do you really want to remove active logical volume %s/%s?", vg,
		 api->lv_name(lv));
	if (api->confirm(h, r, PLVM_ASK_FORCE, q))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s not removed.", vg, api->lv_name(lv));
	return -ECANCELED;
}

/* The thin LV @lv goes, its pool's messages sent before (pool_flush). */
static int thin_lv_drop(const struct plvm_host *h, struct plvm_lv *lv,
			const struct plvm_request *r)
{
	struct thin *t = lv_thin(lv);
	struct pool *p = lv_pool(t->pool_lv);
	int ret = ask_active(h, r, lv);

	if (ret)
		return ret;
	forget_origin(t->pool_lv, lv);
	if (p && !unqueue_create(p, lv) && (ret = pool_message(p, MSG_DELETE, NULL, t->device_id)))
		return ret;
	return api->lv_remove(h, lv);
}

static int thin_lv_remove(const struct plvm_host *h, struct plvm_lv *lv,
			  const struct plvm_request *r)
{
	return pool_flush(h, lv_thin(lv)->pool_lv) ?: thin_lv_drop(h, lv, r);
}

static int pool_remove(const struct plvm_host *h, struct plvm_lv *pool,
		       const struct plvm_request *r)
{
	const char *vg = api->vg_name(api->lv_vg(pool));
	uint32_t n = pool_users(pool);
	struct plvm_seg *u;
	char q[256];
	int ret;

	snprintf(q, sizeof(q), "Removing pool %s/%s will remove %u dependent volume(s). Proceed?",
		 vg, api->lv_name(pool), n);
	if (n && !api->confirm(h, r, PLVM_ASK_FORCE, q)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s not removed.", vg,
			 api->lv_name(pool));
		return -ECANCELED;
	}
	if (!n && (ret = ask_active(h, r, pool)))
		return ret;
	while ((u = api->lv_next_user(pool, NULL, NULL)) && api->seg_type(u) == thin_segtype) {
		struct plvm_lv *lv = api->seg_lv(u);

		api->log(h, PLVM_LOG_NOTICE, "Logical volume \"%s\" successfully removed.",
			 api->lv_name(lv));
		if ((ret = api->lv_remove(h, lv)))
			return ret;
	}
	if ((ret = api->lv_remove_tree(h, pool)))
		return ret;
	spare_drop_unused(h, api->lv_vg(pool));
	return 0;
}

/* An external origin goes with the thin LVs that read from it, as LVM2
 * removes it. */
static int ext_origin_remove(const struct plvm_host *h, struct plvm_lv *origin,
			     const struct plvm_request *r)
{
	const char *vg = api->vg_name(api->lv_vg(origin));
	struct plvm_lv *lv = NULL;
	uint32_t n = 0;
	char q[256];
	int ret;

	while ((lv = ext_next_user(origin, lv))) {
		n++;
		/* every pool's waiting messages out before one queues more */
		if ((ret = pool_flush(h, lv_thin(lv)->pool_lv)))
			return ret;
	}
	snprintf(q, sizeof(q), "Removing external origin %s/%s will remove %u dependent "
		 "volume(s). Proceed?", vg, api->lv_name(origin), n);
	if (!api->confirm(h, r, PLVM_ASK_FORCE, q)) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s not removed.", vg,
			 api->lv_name(origin));
		return -ECANCELED;
	}
	while ((lv = ext_next_user(origin, NULL))) {
		char name[NAME_LEN];

		snprintf(name, sizeof(name), "%s", api->lv_name(lv));
		if ((ret = thin_lv_drop(h, lv, r)))
			return ret;
		api->log(h, PLVM_LOG_NOTICE, "Logical volume \"%s\" successfully removed.", name);
	}
	return api->lv_remove_tree(h, origin);
}

static int thin_remove(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r)
{
	if (ext_next_user(lv, NULL))
		return ext_origin_remove(h, lv, r);
	if (lv_pool(lv))
		return pool_remove(h, lv, r);
	if (lv_thin(lv))
		return thin_lv_remove(h, lv, r);
	return -ENOTSUP;
}

/* ---- lvrename: the data and metadata LVs carry the pool's name ---- */

static int rename_sub(const struct plvm_host *h, struct plvm_lv *sub, const char *old,
		      const char *name)
{
	const char *n = sub ? api->lv_name(sub) : NULL;
	size_t len = strlen(old);
	char buf[NAME_LEN * 2];

	if (!n || strncmp(n, old, len) || n[len] != '_')
		return 0;
	snprintf(buf, sizeof(buf), "%s%s", name, n + len);
	return api->lv_rename(h, sub, buf);
}

static int thin_rename(const struct plvm_host *h, struct plvm_lv *lv, const char *name)
{
	struct plvm_seg *seg = lv_seg_of(lv, pool_segtype);
	const struct pool *p = seg ? api->seg_priv(seg) : NULL;
	const char *old = api->lv_name(lv);
	int ret;

	if (!p)
		return 0;
	ret = rename_sub(h, pool_data(seg), old, name);
	return ret ? ret : rename_sub(h, p->meta_lv, old, name);
}

const struct plvm_cmd_ops thin_cmd = {
	.size = sizeof(struct plvm_cmd_ops),
	.create = thin_create,
	.resize = thin_resize,
	.convert = thin_convert,
	.change = thin_change,
	.rename = thin_rename,
	.remove = thin_remove,
};
