/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Metadata of the thin types, with LVM2's keys in LVM2's order:
 *
 *	type = "thin-pool"		# "thin-pool+CROP_METADATA" with crop_metadata
 *	metadata = "pool_tmeta"
 *	pool = "pool_tdata"
 *	transaction_id = 2
 *	chunk_size = 128		# sectors
 *	discards = "passdown"		# or "nopassdown", "ignore"
 *	zero_new_blocks = 1
 *	crop_metadata = 0		# only for a metadata LV over 15.81 GiB (1:
 *					# cropped, allocation/thin_pool_crop_metadata)
 *	message1 { create = "thin1" }	# pending: a thin LV (or snapshot) to make
 *	message2 { delete = 3 }		# pending: a device id to drop
 *
 *	type = "thin"
 *	thin_pool = "pool"
 *	transaction_id = 1		# the pool's when this LV was made
 *	device_id = 2
 *	external_origin = "lv"		# a read-only LV outside the pool that
 *					# blocks not yet written read from
 *	origin = "thin1"		# thin snapshots
 *
 * A key not read here (merge, a thin snapshot's pending merge) is kept
 * by the host and written back unchanged.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "thin.h"

const char *const discards_names[] = { "ignore", "nopassdown", "passdown", NULL };

struct pool *pool_get(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct pool *p = api->seg_priv(seg);

	return p ? p : api->seg_alloc(h, seg, sizeof(*p));
}

struct thin *thin_get(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct thin *t = api->seg_priv(seg);

	return t ? t : api->seg_alloc(h, seg, sizeof(*t));
}

struct plvm_seg *lv_seg_of(const struct plvm_lv *lv, const struct plvm_segtype *type)
{
	struct plvm_seg *seg = lv ? api->lv_first_seg(lv) : NULL;

	return seg && api->seg_type(seg) == type ? seg : NULL;
}

struct pool *lv_pool(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = lv_seg_of(lv, pool_segtype);

	return seg ? api->seg_priv(seg) : NULL;
}

struct thin *lv_thin(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = lv_seg_of(lv, thin_segtype);

	return seg ? api->seg_priv(seg) : NULL;
}

struct plvm_lv *pool_data(const struct plvm_seg *seg)
{
	struct plvm_area a = { .size = sizeof(a) };

	if (api->seg_area_count(seg) < 1 || api->seg_area(seg, 0, &a) || a.kind != PLVM_AREA_LV)
		return NULL;
	return a.lv;
}

int pool_queue(struct pool *p, enum msg_kind kind, struct plvm_lv *lv, uint32_t id)
{
	if (p->nmsgs == MAX_MSGS)
		return -ENOSPC;
	p->msgs[p->nmsgs++] = (struct msg){ .kind = kind, .lv = lv, .id = id };
	return 0;
}

/* ---- helpers ---- */

static struct plvm_lv *lv_key(const struct plvm_host *h, const struct plvm_seg *seg,
			      const struct plvm_meta *m, const char *key, bool need)
{
	const char *name;
	struct plvm_lv *lv;

	if (api->meta_get_str(m, key, &name)) {
		if (need)
			api->log(h, PLVM_LOG_ERR, "Segment has no %s.", key);
		errno = need ? EINVAL : ENOENT;
		return NULL;
	}
	if (!(lv = api->find_lv(h, seg, name))) {
		api->log(h, PLVM_LOG_ERR, "Unknown logical volume %s for %s.", name, key);
		errno = EINVAL;
	}
	return lv;
}

static int u64_key(const struct plvm_host *h, const struct plvm_meta *m, const char *key,
		   uint64_t max, uint64_t *val)
{
	int r = api->meta_get_u64(m, key, val);

	if (r == -ENOENT)
		api->log(h, PLVM_LOG_ERR, "Segment has no %s.", key);
	else if (!r && *val > max)
		api->log(h, PLVM_LOG_ERR, "Invalid %s %llu.", key, (unsigned long long)*val);
	else
		return r;
	return -EINVAL;
}

/* ---- thin-pool ---- */

static int pool_area_count(const struct plvm_host *h, const struct plvm_meta *m,
			   uint32_t *count)
{
	*count = 1;
	return 0;
}

static int import_discards(const struct plvm_host *h, struct pool *p, const struct plvm_meta *m)
{
	const char *v;
	int i;

	p->discards = DISCARDS_PASSDOWN;
	if (api->meta_get_str(m, "discards", &v))
		return 0;
	for (i = 0; discards_names[i]; i++)
		if (!strcmp(v, discards_names[i])) {
			p->discards = (enum discards)i;
			return 0;
		}
	api->log(h, PLVM_LOG_ERR, "Unknown discards %s.", v);
	return -EINVAL;
}

static int import_msg(const struct plvm_host *h, struct plvm_seg *seg, struct pool *p,
		      const struct plvm_meta *sub)
{
	struct plvm_lv *lv;
	uint64_t id;

	if (!api->meta_get_u64(sub, "delete", &id) && id <= MAX_DEVICE_ID)
		return pool_queue(p, MSG_DELETE, NULL, (uint32_t)id);
	if ((lv = lv_key(h, seg, sub, "create", false)))
		return pool_queue(p, MSG_CREATE, lv, 0);
	api->log(h, PLVM_LOG_ERR, "Unknown thin pool message.");
	return -EINVAL;
}

static int import_msgs(const struct plvm_host *h, struct plvm_seg *seg, struct pool *p,
		       const struct plvm_meta *m)
{
	const struct plvm_meta *sub;
	char key[32];
	uint32_t i;
	int r = 0;

	for (i = 1; !r; i++) {
		snprintf(key, sizeof(key), "message%u", i);
		if (api->meta_get_section(m, key, &sub))
			return 0;
		r = import_msg(h, seg, p, sub);
	}
	return r;
}

static int pool_import(const struct plvm_host *h, struct plvm_seg *seg, const struct plvm_meta *m)
{
	struct pool *p = pool_get(h, seg);
	struct plvm_lv *data, *meta;
	uint64_t v;
	int r;

	if (!p)
		return -ENOMEM;
	if (!(meta = lv_key(h, seg, m, "metadata", true)) || !(data = lv_key(h, seg, m, "pool", true)))
		return -EINVAL;
	p->meta_lv = meta;
	if ((r = u64_key(h, m, "transaction_id", UINT64_MAX, &p->transaction_id)) ||
	    (r = u64_key(h, m, "chunk_size", MAX_CHUNK, &v)))
		return r;
	if (v < MIN_CHUNK || v % MIN_CHUNK) {
		api->log(h, PLVM_LOG_ERR, "Invalid chunk_size %llu.", (unsigned long long)v);
		return -EINVAL;
	}
	p->chunk_size = (uint32_t)v;
	p->zero = !api->meta_get_u64(m, "zero_new_blocks", &v) && v;
	p->crop = api->meta_get_u64(m, "crop_metadata", &v) ? -1 : v ? 1 : 0;
	/* as LVM2, a pool read with crop_metadata is written marked */
	if ((p->crop >= 0 && (r = api->lv_set_flag(h, api->seg_lv(seg), POOL_CROP_FLAG, 1))) ||
	    (r = import_discards(h, p, m)) || (r = import_msgs(h, seg, p, m)))
		return r;
	r = api->seg_set_area(h, seg, 0, &(struct plvm_area){
		.size = sizeof(struct plvm_area), .kind = PLVM_AREA_LV, .lv = data });
	return r ? r : api->seg_link_lv(h, seg, meta, PLVM_LINK_SUB);
}

static int export_msgs(const struct plvm_seg *seg, const struct pool *p, struct plvm_meta *m)
{
	struct plvm_meta *sub;
	char key[32];
	uint32_t i;
	int r = 0;

	for (i = 0; i < p->nmsgs && !r; i++) {
		snprintf(key, sizeof(key), "message%u", i + 1);
		if ((r = api->meta_add_section(m, key, &sub)))
			break;
		if (p->msgs[i].kind == MSG_DELETE)
			r = api->meta_set_u64(sub, "delete", p->msgs[i].id);
		else
			r = api->meta_set_str(sub, "create", api->lv_name(p->msgs[i].lv));
	}
	return r;
}

static int pool_export(const struct plvm_host *h, const struct plvm_seg *seg, struct plvm_meta *m)
{
	const struct pool *p = api->seg_priv(seg);
	struct plvm_lv *data = pool_data(seg);
	int r;

	if (!p || !p->meta_lv || !data)
		return -EINVAL;
	if ((r = api->meta_set_str(m, "metadata", api->lv_name(p->meta_lv))) ||
	    (r = api->meta_set_str(m, "pool", api->lv_name(data))) ||
	    (r = api->meta_set_u64(m, "transaction_id", p->transaction_id)) ||
	    (r = api->meta_set_u64(m, "chunk_size", p->chunk_size)) ||
	    (r = api->meta_set_str(m, "discards", discards_names[p->discards])) ||
	    (r = api->meta_set_u64(m, "zero_new_blocks", p->zero)) ||
	    (p->crop >= 0 && (r = api->meta_set_u64(m, "crop_metadata", (uint64_t)p->crop))))
		return r;
	return export_msgs(seg, p, m);
}

const struct plvm_meta_ops pool_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import_area_count = pool_area_count,
	.import = pool_import,
	.export = pool_export,
};

/* ---- thin ---- */

static int thin_import(const struct plvm_host *h, struct plvm_seg *seg, const struct plvm_meta *m)
{
	struct thin *t = thin_get(h, seg);
	uint64_t id;
	int r;

	if (!t)
		return -ENOMEM;
	if (!(t->pool_lv = lv_key(h, seg, m, "thin_pool", true)))
		return -EINVAL;
	if ((r = u64_key(h, m, "transaction_id", UINT64_MAX, &t->transaction_id)) ||
	    (r = u64_key(h, m, "device_id", MAX_DEVICE_ID, &id)))
		return r;
	t->device_id = (uint32_t)id;
	t->origin = lv_key(h, seg, m, "origin", false);
	if (!t->origin && errno != ENOENT)
		return -EINVAL;
	t->ext_origin = lv_key(h, seg, m, "external_origin", false);
	if (!t->ext_origin && errno != ENOENT)
		return -EINVAL;
	if ((r = api->seg_link_lv(h, seg, t->pool_lv, PLVM_LINK_USE)))
		return r;
	return t->ext_origin ? api->seg_link_lv(h, seg, t->ext_origin, PLVM_LINK_USE) : 0;
}

static int thin_export(const struct plvm_host *h, const struct plvm_seg *seg, struct plvm_meta *m)
{
	const struct thin *t = api->seg_priv(seg);
	int r;

	if (!t || !t->pool_lv)
		return -EINVAL;
	if ((r = api->meta_set_str(m, "thin_pool", api->lv_name(t->pool_lv))) ||
	    (r = api->meta_set_u64(m, "transaction_id", t->transaction_id)) ||
	    (r = api->meta_set_u64(m, "device_id", t->device_id)) ||
	    (t->ext_origin &&
	     (r = api->meta_set_str(m, "external_origin", api->lv_name(t->ext_origin)))))
		return r;
	return t->origin ? api->meta_set_str(m, "origin", api->lv_name(t->origin)) : 0;
}

const struct plvm_meta_ops thin_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import = thin_import,
	.export = thin_export,
};
