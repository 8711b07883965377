/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An example segment type for plvm, built out of tree against the
 * installed SDK (plvm/segtype.h and plvm-segtype.pc) and nothing else.
 *
 * "delay" slows an LV down: its one segment maps, through the kernel's
 * dm-delay target, onto a hidden plain sub-LV NAME_dimage that holds the
 * data.  It shows every part of the plugin ABI a type needs:
 *
 *	lvcreate --type delay --delay-ms 50 -L 64M -n slow vg
 *	lvchange --delay-ms 0 vg/slow		(the live table follows)
 *	lvs -o +delay_ms			(a report field of its own)
 *	lv_attr 'y'				(a volume type letter of its own)
 *	pvmove					(the image moves like any plain LV)
 *
 * Metadata (this type's own keys):
 *
 *	type = "delay"
 *	image = "slow_dimage"
 *	delay_ms = 50
 *
 * The project uses it for failure tests too: a slow leg under a mirror or
 * a pvmove destination.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <plvm/segtype.h>

#define DEV_LEN		32
#define MAX_DELAY_MS	60000

static const struct plvm_host_api *api;
static const struct plvm_segtype delay_type;

struct delay {
	struct plvm_lv *image;	/* the data: a SUB link */
	uint32_t ms;
};

static struct delay *delay_of(const struct plvm_seg *seg)
{
	return api->seg_priv(seg);
}

static struct delay *delay_get(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct delay *d = api->seg_priv(seg);

	return d ? d : api->seg_alloc(h, seg, sizeof(*d));
}

/* ---- metadata ---- */

static int delay_import(const struct plvm_host *h, struct plvm_seg *seg,
			const struct plvm_meta *m)
{
	struct delay *d = delay_get(h, seg);
	const char *name;
	uint64_t ms = 0;
	int r;

	if (!d)
		return -ENOMEM;
	if ((r = api->meta_get_str(m, "image", &name)))
		return r == -ENOENT ? -EINVAL : r;
	if ((r = api->meta_get_u64(m, "delay_ms", &ms)) && r != -ENOENT)
		return r;
	if (ms > MAX_DELAY_MS || !(d->image = api->find_lv(h, seg, name))) {
		api->log(h, PLVM_LOG_ERR, "Delay segment: bad image %s or delay %llu.", name,
			 (unsigned long long)ms);
		return -EINVAL;
	}
	d->ms = (uint32_t)ms;
	if ((r = api->seg_set_area_len(seg, api->seg_len(seg))))
		return r;
	return api->seg_link_lv(h, seg, d->image, PLVM_LINK_SUB);
}

static int delay_export(const struct plvm_host *h, const struct plvm_seg *seg,
			struct plvm_meta *m)
{
	const struct delay *d = delay_of(seg);
	int r = api->meta_set_str(m, "image", api->lv_name(d->image));

	return r ? r : api->meta_set_u64(m, "delay_ms", d->ms);
}

/* ---- the table: delay <dev> <offset> <ms> ---- */

static int delay_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			     struct plvm_table *t)
{
	const struct delay *d = delay_of(seg);
	uint64_t len = (uint64_t)api->seg_len(seg) * api->extent_size(seg);
	uint64_t offset = (uint64_t)api->seg_le(seg) * api->extent_size(seg);
	char dev[DEV_LEN], params[DEV_LEN + 48];
	int r = api->lv_dev(h, d->image, PLVM_DEV_TOP, dev, sizeof(dev));

	if (r)
		return r;
	snprintf(params, sizeof(params), "%s %llu %u", dev, (unsigned long long)offset, d->ms);
	return api->table_add(t, len, "delay", params);
}

/* ---- commands ---- */

static int delay_ms(const struct plvm_host *h, const struct plvm_request *r, uint32_t *ms)
{
	uint64_t v;

	if (api->opt_u64(r, "delay-ms", &v, NULL))
		return 0;	/* not given: keep the current (or 0) */
	if (v > MAX_DELAY_MS) {
		api->log(h, PLVM_LOG_ERR, "A delay of %llu ms is more than %u ms.",
			 (unsigned long long)v, MAX_DELAY_MS);
		return -EINVAL;
	}
	*ms = (uint32_t)v;
	return 0;
}

static int delay_create(const struct plvm_host *h, struct plvm_vg *vg,
			const struct plvm_request *r, struct plvm_lv **main)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	struct plvm_lv *lv, *image;
	struct plvm_seg *seg;
	const char *name = NULL;
	struct delay *d;
	uint32_t ms = 0;
	int ret;

	if ((ret = delay_ms(h, r, &ms)) || (ret = api->req_size(h, r, NULL, &sz)))
		return ret;
	if (!sz.given || !sz.extents) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	if (api->opt_str(r, "name", &name))
		name = api->req_lv_name(r);
	if (!(lv = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)) ||
	    !(image = api->sub_lv_create(h, lv, "_dimage", -1)))
		return -errno;
	ret = api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &image, .count = 1,
		.extents = (uint32_t)sz.extents, .stripes = 1, .for_lv = lv });
	if (ret)
		return ret;
	if (!(seg = api->seg_create(h, lv, &delay_type, (uint32_t)sz.extents,
				    (uint32_t)sz.extents, 0)) || !(d = delay_get(h, seg)))
		return -ENOMEM;
	d->image = image;
	d->ms = ms;
	*main = lv;
	return api->seg_link_lv(h, seg, image, PLVM_LINK_SUB);
}

static int delay_change(const struct plvm_host *h, struct plvm_lv *lv,
			const struct plvm_request *r)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);
	struct delay *d;
	int ret;

	if (!seg || api->seg_type(seg) != &delay_type || !api->opt_given(r, "delay-ms"))
		return -ENOTSUP;
	d = delay_get(h, seg);
	if ((ret = delay_ms(h, r, &d->ms)))
		return ret;
	return api->lv_reload(h, lv);
}

/* The image carries the LV's name. */
static int delay_rename(const struct plvm_host *h, struct plvm_lv *lv, const char *name)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);
	char buf[256];

	snprintf(buf, sizeof(buf), "%s_dimage", name);
	return seg ? api->lv_rename(h, delay_of(seg)->image, buf) : 0;
}

/* ---- reports ---- */

static int delay_field(const struct plvm_host *h, const struct plvm_seg *seg,
		       const struct plvm_lv *lv, const char *name, const char *status,
		       char *buf, size_t len)
{
	if (!seg || api->seg_lv(seg) != lv || strcmp(name, "delay_ms"))
		return 0;
	return snprintf(buf, len, "%u", delay_of(seg)->ms) < (int)len ? 1 : -ENOSPC;
}

static int delay_attr(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, const char *status, char attr[10])
{
	if (seg && api->seg_lv(seg) == lv)
		attr[0] = 'y';		/* the LV slowed down */
	return 0;
}

/* ---- the descriptor ---- */

static const struct plvm_meta_ops delay_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import = delay_import,
	.export = delay_export,
};

static const struct plvm_dev_ops delay_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = delay_build_table,
};

static const struct plvm_cmd_ops delay_cmd = {
	.size = sizeof(struct plvm_cmd_ops),
	.create = delay_create,
	.change = delay_change,
	.rename = delay_rename,
};

static const struct plvm_report_ops delay_report = {
	.size = sizeof(struct plvm_report_ops),
	.field = delay_field,
	.lv_attr = delay_attr,
};

static const struct plvm_option opt_delay = {
	.size = sizeof(struct plvm_option), .name = "delay-ms", .kind = PLVM_OPT_NUMBER,
	.commands = PLVM_CMD_LVCREATE | PLVM_CMD_LVCHANGE, .arg = "Milliseconds",
	.help = "how long each I/O of a delay LV waits",
};

static const struct plvm_option *const delay_options[] = { &opt_delay, NULL };

static const struct plvm_field field_delay = {
	.size = sizeof(struct plvm_field), .name = "delay_ms", .heading = "Delay",
	.kind = PLVM_FIELD_NUM, .help = "the delay of a delay LV, in ms",
};

static const struct plvm_field *const delay_fields[] = { &field_delay, NULL };

static const char *const delay_suffixes[] = { "_dimage", NULL };

static const struct plvm_segtype delay_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "delay",
	.dm_target = "delay",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_VIRTUAL,	/* no PV areas: its data is the image's */
	.meta = &delay_meta,
	.dev = &delay_dev,
	.cmd = &delay_cmd,
	.report = &delay_report,
	.options = delay_options,
	.fields = delay_fields,
	.lv_suffixes = delay_suffixes,
};

static const struct plvm_segtype *const segtypes[] = { &delay_type, NULL };

static int delay_init(const struct plvm_host *h, const struct plvm_host_api *host)
{
	if (host->size < sizeof(struct plvm_host_api))
		return -EPROTO;
	api = host;
	return 0;
}

static const struct plvm_segtype_plugin plugin = {
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
	.size = sizeof(struct plvm_segtype_plugin),
	.name = "delay",
	.version = "1.0",
	.segtypes = segtypes,
	.init = delay_init,
};

/* The one exported symbol: libltdl finds it for a module named delay. */
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(delay)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(delay)(uint32_t maj, uint32_t min)
{
	return &plugin;
}
