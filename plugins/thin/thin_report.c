/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What lvs shows of pools and thin LVs: LVM2's lv_attr letters (t, V, T on
 * a plain data LV, e on the metadata and the spare, target t, z when the
 * pool zeroes) and fields (data and metadata usage from the kernel status,
 * pool_lv, data_lv, metadata_lv, origin, transaction_id, thin_id...).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "thin.h"

static int put(char *buf, size_t len, int n)
{
	return n >= 0 && (size_t)n < len ? 1 : -ENOSPC;
}

/* The zero field of a pool (a thin LV's pool's): LVM2's binary value, as
 * "1"/"0" to a host that knows binary fields (ABI 2.5), else as words. */
static int zero_field(const struct pool *p, char *buf, size_t len)
{
	if (api->abi_minor >= 5)
		return put(buf, len, snprintf(buf, len, "%d", p->zero ? 1 : 0));
	return put(buf, len, snprintf(buf, len, "%s", p->zero ? "zero" : ""));
}

/* thin-pool status: "<tid> <meta used>/<total> <data used>/<total> ..." */
static int pool_usage(const char *status, bool meta, char *buf, size_t len)
{
	unsigned long long tid, mu, mt, du, dt;

	if (!status || sscanf(status, "%llu %llu/%llu %llu/%llu", &tid, &mu, &mt, &du, &dt) != 5)
		return 0;
	return put(buf, len, snprintf(buf, len, "%llu/%llu", meta ? mu : du, meta ? mt : dt));
}

static int pool_own_field(const struct plvm_seg *seg, const struct plvm_lv *lv,
			  const char *name, const char *status, char *buf, size_t len)
{
	const struct pool *p = api->seg_priv(seg);

	if (!strcmp(name, "data_lv"))
		return put(buf, len, snprintf(buf, len, "%s", api->lv_name(pool_data(seg))));
	if (!strcmp(name, "metadata_lv"))
		return put(buf, len, snprintf(buf, len, "%s", api->lv_name(p->meta_lv)));
	if (!strcmp(name, "lv_metadata_size"))
		return put(buf, len, snprintf(buf, len, "%llu", (unsigned long long)
					      api->lv_extents(p->meta_lv) *
					      api->vg_extent_size(api->lv_vg(lv))));
	if (!strcmp(name, "data_percent") || !strcmp(name, "metadata_percent"))
		return pool_usage(status, name[0] == 'm', buf, len);
	if (!strcmp(name, "transaction_id"))
		return put(buf, len, snprintf(buf, len, "%llu",
					      (unsigned long long)p->transaction_id));
	if (!strcmp(name, "chunk_size"))
		return put(buf, len, snprintf(buf, len, "%u", p->chunk_size));
	if (!strcmp(name, "discards"))
		return put(buf, len, snprintf(buf, len, "%s", discards_names[p->discards]));
	if (!strcmp(name, "zero"))
		return zero_field(p, buf, len);
	if (!strcmp(name, "lv_when_full"))
		return put(buf, len, snprintf(buf, len, "%s",
					      api->lv_flag(lv, "ERROR_WHEN_FULL") ? "error" : "queue"));
	if (!strcmp(name, "thin_count"))
		return put(buf, len, snprintf(buf, len, "%u", pool_users(lv)));
	if (!strcmp(name, "lv_layout"))
		return put(buf, len, snprintf(buf, len, "thin,pool"));
	return 0;
}

static int pool_field(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, const char *name, const char *status,
		      char *buf, size_t len)
{
	if (!seg || !api->seg_priv(seg))
		return 0;
	if (api->seg_lv(seg) == lv)
		return pool_own_field(seg, lv, name, status, buf, len);
	return 0;
}

static bool thin_users_active(const struct plvm_host *h, const struct plvm_lv *pool)
{
	struct plvm_seg *u = NULL;

	while ((u = api->lv_next_user(pool, u, NULL)))
		if (api->seg_type(u) == thin_segtype && api->lv_is_active(h, api->seg_lv(u)) > 0)
			return true;
	return false;
}

static int pool_attr(const struct plvm_host *h, const struct plvm_seg *seg,
		     const struct plvm_lv *lv, const char *status, char attr[10])
{
	const struct pool *p = seg ? api->seg_priv(seg) : NULL;

	if (!seg) {		/* the spare, by its name */
		attr[0] = 'e';
		return 0;
	}
	if (!p)
		return 0;
	if (api->seg_lv(seg) == lv) {
		attr[0] = 't';
		if (attr[1] == 'R' && (api->lv_status(lv) & PLVM_LV_WRITE))
			attr[1] = 'w';	/* only the pool's top device is read-only */
		/* its -tpool layer is open, as LVM2 shows it while the pool is up */
		if (status && attr[4] != '-' && thin_users_active(h, lv))
			attr[5] = 'o';
		attr[6] = 't';
		attr[7] = p->zero ? 'z' : '-';
		if (status && !strncmp(status, "Fail", 4))
			attr[8] = 'F';
		else if (status && strstr(status, " out_of_data_space"))
			attr[8] = 'D';
		else if (status && strstr(status, " ro "))
			attr[8] = 'M';
	} else if (attr[0] == '-') {	/* a data or metadata LV keeps its own type's letter */
		attr[0] = lv == p->meta_lv ? 'e' : 'T';
	}
	return 0;
}

/* lvdisplay of a pool: its sub-LVs, the kernel's usage, and in -m its
 * settings (LVM2 shows no areas of a pool). */
static void pool_usage_lines(const char *status, struct plvm_display *d)
{
	unsigned long long tid, mu, mt, du, dt;
	char b1[32], b2[32];

	if (!status || sscanf(status, "%llu %llu/%llu %llu/%llu", &tid, &mu, &mt, &du, &dt) != 5)
		return;
	d->line(d, "Allocated pool data    %s%%", d->percent_str(b1, sizeof(b1), du, dt));
	d->line(d, "Allocated metadata     %s%%", d->percent_str(b2, sizeof(b2), mu, mt));
}

static void pool_seg_lines(const struct plvm_seg *seg, const struct pool *p,
			   struct plvm_display *d)
{
	char buf[64];

	d->line(d, "  Monitoring\t\t%s", d->monitoring);
	d->line(d, "  Chunk size\t\t%s", d->size_str(d, buf, sizeof(buf), p->chunk_size));
	d->line(d, "  Discards\t\t%s", discards_names[p->discards]);
	d->line(d, "  Thin count\t\t%u", pool_users(api->seg_lv(seg)));
	d->line(d, "  Transaction ID\t%llu", (unsigned long long)p->transaction_id);
	d->line(d, "  Zero new blocks\t%s", p->zero ? "yes" : "no");
	d->line(d, " ");
}

static int pool_display(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, const char *status, struct plvm_display *d)
{
	const struct pool *p = seg ? api->seg_priv(seg) : NULL;

	if (!p || api->seg_lv(seg) != lv)
		return 0;
	if (d->part == PLVM_DISP_NAMES) {
		d->line(d, "LV Pool metadata       %s", api->lv_name(p->meta_lv));
		d->line(d, "LV Pool data           %s", api->lv_name(pool_data(seg)));
	} else if (d->part == PLVM_DISP_SIZE) {
		pool_usage_lines(status, d);
	} else if (d->part == PLVM_DISP_SEGMENT) {
		pool_seg_lines(seg, p, d);
	}
	return 0;
}

const struct plvm_report_ops pool_report = {
	.size = sizeof(struct plvm_report_ops),
	.field = pool_field,
	.lv_attr = pool_attr,
	.display = pool_display,
};

/* ---- thin ---- */

/* thin status: "<mapped sectors> <highest mapped>" against the LV's size */
static int thin_usage(const struct plvm_lv *lv, const char *status, char *buf, size_t len)
{
	unsigned long long mapped;
	uint64_t size = (uint64_t)api->lv_extents(lv) * api->vg_extent_size(api->lv_vg(lv));

	if (!status || sscanf(status, "%llu", &mapped) != 1)
		return 0;
	return put(buf, len, snprintf(buf, len, "%llu/%llu", mapped, (unsigned long long)size));
}

static int thin_field(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, const char *name, const char *status,
		      char *buf, size_t len)
{
	const struct thin *t = seg ? api->seg_priv(seg) : NULL;

	if (!t || api->seg_lv(seg) != lv)
		return 0;
	if (!strcmp(name, "pool_lv"))
		return put(buf, len, snprintf(buf, len, "%s", api->lv_name(t->pool_lv)));
	if (!strcmp(name, "origin"))
		return put(buf, len, snprintf(buf, len, "%s", t->origin ?
					      api->lv_name(t->origin) : t->ext_origin ?
					      api->lv_name(t->ext_origin) : ""));
	if (!strcmp(name, "thin_id"))
		return put(buf, len, snprintf(buf, len, "%u", t->device_id));
	if (!strcmp(name, "discards") && lv_pool(t->pool_lv))	/* as LVM2: its pool's */
		return put(buf, len, snprintf(buf, len, "%s",
					      discards_names[lv_pool(t->pool_lv)->discards]));
	if (!strcmp(name, "zero") && lv_pool(t->pool_lv))	/* as LVM2: its pool's */
		return zero_field(lv_pool(t->pool_lv), buf, len);
	if (!strcmp(name, "transaction_id"))
		return put(buf, len, snprintf(buf, len, "%llu",
					      (unsigned long long)t->transaction_id));
	if (!strcmp(name, "data_percent"))
		return thin_usage(lv, status, buf, len);
	if (!strcmp(name, "lv_layout"))
		return put(buf, len, snprintf(buf, len, "thin,sparse"));
	return 0;
}

static int thin_attr(const struct plvm_host *h, const struct plvm_seg *seg,
		     const struct plvm_lv *lv, const char *status, char attr[10])
{
	const struct thin *t = seg ? api->seg_priv(seg) : NULL;
	const struct pool *p = t ? lv_pool(t->pool_lv) : NULL;

	if (t && lv == t->ext_origin) {		/* as LVM2: an origin */
		attr[0] = 'o';
		return 0;
	}
	if (!t || api->seg_lv(seg) != lv)
		return 0;
	attr[0] = 'V';
	attr[6] = 't';
	attr[7] = p && p->zero ? 'z' : '-';
	if (status && !strncmp(status, "Fail", 4))
		attr[8] = 'F';
	return 0;
}

/* lvdisplay of a thin LV: its pool and origin, how much of it is mapped,
 * and in -m its device id. */
static int thin_display(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, const char *status, struct plvm_display *d)
{
	const struct thin *t = seg ? api->seg_priv(seg) : NULL;
	char pct[32];

	if (!t || api->seg_lv(seg) != lv)
		return 0;
	if (d->part == PLVM_DISP_NAMES) {
		d->line(d, "LV Pool name           %s", api->lv_name(t->pool_lv));
		if (t->origin)
			d->line(d, "LV Thin origin name    %s", api->lv_name(t->origin));
	} else if (d->part == PLVM_DISP_SIZE && thin_usage(lv, status, pct, sizeof(pct)) == 1) {
		unsigned long long done, total;

		if (sscanf(pct, "%llu/%llu", &done, &total) == 2)
			d->line(d, "Mapped size            %s%%",
				d->percent_str(pct, sizeof(pct), done, total));
	} else if (d->part == PLVM_DISP_SEGMENT) {
		d->line(d, "  Device ID\t\t%u", t->device_id);
		d->line(d, " ");
	}
	return 0;
}

const struct plvm_report_ops thin_report = {
	.size = sizeof(struct plvm_report_ops),
	.field = thin_field,
	.lv_attr = thin_attr,
	.display = thin_display,
};
