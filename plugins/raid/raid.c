/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The raid segment types over the kernel's dm-raid target: raid0,
 * raid0_meta, raid1, raid4, raid5 (and its layouts), raid6 (and its
 * layouts) and raid10.  An LV NAME of one of them has one raid segment
 * whose areas are the hidden images NAME_rimage_N (plain LVs, each on PVs
 * of its own) and whose SUB links are the metadata LVs NAME_rmeta_N, one
 * per image, kept in area order in the private data.  Metadata, as LVM2
 * 2.03 writes it:
 *
 *	device_count = 2		# stripe_count for raid0 and raid0_meta
 *	data_copies = 2			# raid10 only
 *	region_size = 4096		# sectors, not for raid0
 *	stripe_size = 128		# not for raid1
 *	writebehind = 256		# raid1 only
 *	min_recovery_rate = 100		# KiB/s per device
 *	max_recovery_rate = 1000
 *	raids = [ "lv_rmeta_0", "lv_rimage_0", "lv_rmeta_1", "lv_rimage_1" ]
 *	raid0_lvs = [ "lv_rimage_0", "lv_rimage_1" ]	# raid0 instead of raids
 *
 * In "raids" a name containing "_rmeta_" is the metadata LV of the image
 * that follows it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "raid.h"

#define DEV_LEN		32
#define META_SUFFIX	"_rmeta_"

const struct plvm_host_api *api;

static const struct raid_kind kinds[] = {
	{ "raid0", "raid0", RAID0, 0, 1, { 1, 7, 0 } },
	{ "raid0_meta", "raid0", RAID0_META, 0, 1, { 1, 7, 0 } },
	{ "raid1", "raid1", RAID1, 0, 2, { 1, 1, 0 } },
	{ "raid4", "raid4", RAID4, 1, 3, { 1, 9, 1 } },
	{ "raid5", "raid5_ls", RAID5, 1, 3, { 1, 1, 0 } },
	{ "raid5_la", "raid5_la", RAID5, 1, 3, { 1, 1, 0 } },
	{ "raid5_ls", "raid5_ls", RAID5, 1, 3, { 1, 1, 0 } },
	{ "raid5_ra", "raid5_ra", RAID5, 1, 3, { 1, 1, 0 } },
	{ "raid5_rs", "raid5_rs", RAID5, 1, 3, { 1, 1, 0 } },
	{ "raid5_n", "raid5_n", RAID5, 1, 3, { 1, 8, 0 } },
	{ "raid6", "raid6_zr", RAID6, 2, 5, { 1, 1, 0 } },
	{ "raid6_zr", "raid6_zr", RAID6, 2, 5, { 1, 1, 0 } },
	{ "raid6_nr", "raid6_nr", RAID6, 2, 5, { 1, 1, 0 } },
	{ "raid6_nc", "raid6_nc", RAID6, 2, 5, { 1, 1, 0 } },
	{ "raid6_la_6", "raid6_la_6", RAID6, 2, 5, { 1, 8, 0 } },
	{ "raid6_ls_6", "raid6_ls_6", RAID6, 2, 5, { 1, 8, 0 } },
	{ "raid6_ra_6", "raid6_ra_6", RAID6, 2, 5, { 1, 8, 0 } },
	{ "raid6_rs_6", "raid6_rs_6", RAID6, 2, 5, { 1, 8, 0 } },
	{ "raid6_n_6", "raid6_n_6", RAID6, 2, 5, { 1, 8, 0 } },
	{ "raid10", "raid10", RAID10, 0, 2, { 1, 3, 0 } },
};

#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static struct plvm_segtype types[NKINDS];
static const struct plvm_segtype *type_list[NKINDS + 1];

const struct raid_kind *raid_kind_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < NKINDS; i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

const struct plvm_segtype *raid_segtype(const struct raid_kind *k)
{
	return k ? &types[k - kinds] : NULL;
}

bool is_raid_seg(const struct plvm_seg *seg)
{
	const struct plvm_segtype *t = seg ? api->seg_type(seg) : NULL;

	return t >= types && t < types + NKINDS;
}

static const struct raid_kind *kind_of_seg(const struct plvm_seg *seg)
{
	return is_raid_seg(seg) ? &kinds[api->seg_type(seg) - types] : NULL;
}

static const struct raid no_raid;

const struct raid *raid_of(const struct plvm_seg *seg)
{
	const struct raid *r = api->seg_priv(seg);

	return r ? r : &no_raid;
}

struct raid *raid_get(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct raid *r = api->seg_priv(seg);

	if (!r && (r = api->seg_alloc(h, seg, sizeof(*r))))
		r->kind = kind_of_seg(seg);
	return r;
}

struct plvm_seg *raid_seg(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = lv ? api->lv_first_seg(lv) : NULL;

	return is_raid_seg(seg) ? seg : NULL;
}

struct plvm_lv *raid_image(const struct plvm_seg *seg, uint32_t i)
{
	struct plvm_area a = { .size = sizeof(a) };

	if (api->seg_area(seg, i, &a) || a.kind != PLVM_AREA_LV)
		return NULL;
	return a.lv;
}

bool raid_lv_partial(const struct plvm_host *h, const struct plvm_lv *lv)
{
	return lv && PLVM_HAS(api, struct plvm_host_api, lv_is_partial) && api->lv_is_partial &&
	       api->lv_is_partial(h, lv) == 1;
}

/* How many images may be missing: raid1 all but one, raid10 one per
 * mirror group, the others their parity (raid0 none). */
static int raid_degraded(const struct plvm_host *h, const struct plvm_seg *seg)
{
	const struct raid *rd = raid_of(seg);
	uint32_t i, n = api->seg_area_count(seg), lost = 0, copies = raid_data_copies(seg);
	bool prev = false, gone;

	if (!rd->kind)
		return -ENODEV;
	for (i = 0; i < n; i++) {
		gone = raid_lv_partial(h, raid_image(seg, i)) || raid_lv_partial(h, rd->meta[i]);
		if (gone && rd->kind->level == RAID10 && prev && i % copies)
			return -ENODEV;	/* both halves of one mirror group */
		lost += gone;
		prev = gone;
	}
	if (rd->kind->level == RAID1)
		return lost < n ? 0 : -ENODEV;
	if (rd->kind->level == RAID10)
		return 0;
	return lost <= rd->kind->parity ? 0 : -ENODEV;
}

uint32_t raid_data_copies(const struct plvm_seg *seg)
{
	const struct raid_kind *k = kind_of_seg(seg);
	uint32_t n = api->seg_area_count(seg);

	if (!k)
		return 1;
	switch (k->level) {
	case RAID1:
		return n;
	case RAID10:
		return raid_of(seg)->data_copies > 1 ? raid_of(seg)->data_copies : 2;
	case RAID0:
	case RAID0_META:
		return 1;
	default:
		return k->parity + 1;
	}
}

uint32_t raid_image_extents(const struct raid_kind *k, uint32_t extents, uint32_t images,
			    uint32_t copies)
{
	uint32_t data = images - k->parity;

	switch (k->level) {
	case RAID1:
		return extents;
	case RAID10:
		return (uint32_t)(((uint64_t)extents * copies + images - 1) / images);
	default:
		return (extents + data - 1) / data;
	}
}

/* ---- metadata ---- */

static bool is_raid0(const struct raid_kind *k)
{
	return k->level == RAID0 || k->level == RAID0_META;
}

static int raid_import_area_count(const struct plvm_host *h, const struct plvm_meta *m,
				  uint32_t *count)
{
	uint64_t dev = 0, stripes = 0;
	int have_dev = !api->meta_get_u64(m, "device_count", &dev);
	int have_stripes = !api->meta_get_u64(m, "stripe_count", &stripes);

	if (have_dev == have_stripes) {
		api->log(h, PLVM_LOG_ERR, have_dev ?
			 "Only one of 'device_count' and 'stripe_count' allowed for a raid segment." :
			 "Couldn't read 'device_count' or 'stripe_count' for a raid segment.");
		return -EINVAL;
	}
	dev += stripes;
	if (dev < 1 || dev > RAID_MAX_IMAGES) {
		api->log(h, PLVM_LOG_ERR, "Invalid raid device count %llu.",
			 (unsigned long long)dev);
		return -EINVAL;
	}
	*count = (uint32_t)dev;
	return 0;
}

static int get_u32(const struct plvm_host *h, const struct plvm_meta *m, const char *key,
		   uint32_t *val)
{
	uint64_t v;
	int r = api->meta_get_u64(m, key, &v);

	if (r == -ENOENT)
		return 0;
	if (!r && v > UINT32_MAX)
		r = -EINVAL;
	if (r)
		api->log(h, PLVM_LOG_ERR, "Couldn't read '%s' of a raid segment.", key);
	else
		*val = (uint32_t)v;
	return r;
}

static int import_keys(const struct plvm_host *h, struct raid *rd, const struct plvm_meta *m)
{
	int r = get_u32(h, m, "region_size", &rd->region_size);

	if (!r)
		r = get_u32(h, m, "stripe_size", &rd->stripe_size);
	if (!r)
		r = get_u32(h, m, "data_copies", &rd->data_copies);
	if (!r)
		r = get_u32(h, m, "writebehind", &rd->writebehind);
	if (!r)
		r = get_u32(h, m, "min_recovery_rate", &rd->min_rate);
	if (!r)
		r = get_u32(h, m, "max_recovery_rate", &rd->max_rate);
	return r;
}

static struct plvm_lv *named_lv(const struct plvm_host *h, const struct plvm_seg *seg,
				const struct plvm_value *v)
{
	struct plvm_lv *lv = v->str ? api->find_lv(h, seg, v->str) : NULL;

	if (!lv)
		api->log(h, PLVM_LOG_ERR, "Couldn't find volume '%s' for a raid segment.",
			 v->str ? v->str : "(number)");
	return lv;
}

static int set_image(const struct plvm_host *h, struct plvm_seg *seg, uint32_t i,
		     struct plvm_lv *lv)
{
	return api->seg_set_area(h, seg, i, &(struct plvm_area){
		.size = sizeof(struct plvm_area), .kind = PLVM_AREA_LV, .lv = lv });
}

/* "raids": [meta,] image pairs; "raid0_lvs": images. */
static int import_areas(const struct plvm_host *h, struct plvm_seg *seg, struct raid *rd,
			const struct plvm_value *v, uint32_t nv)
{
	uint32_t n = api->seg_area_count(seg), i, k = 0;
	struct plvm_lv *lv;
	int r;

	for (i = 0; i < n && k < nv; i++, k++) {
		if (v[k].str && strstr(v[k].str, META_SUFFIX)) {
			if (!(lv = named_lv(h, seg, &v[k++])))
				return -EINVAL;
			rd->meta[i] = lv;
			if ((r = api->seg_link_lv(h, seg, lv, PLVM_LINK_SUB)))
				return r;
		}
		if (k >= nv)
			break;
		if (!(lv = named_lv(h, seg, &v[k])) || (r = set_image(h, seg, i, lv)))
			return lv ? r : -EINVAL;
	}
	if (i < n || k < nv) {
		api->log(h, PLVM_LOG_ERR, "Incorrect number of areas in a raid segment's area array.");
		return -EINVAL;
	}
	return 0;
}

static int raid_import(const struct plvm_host *h, struct plvm_seg *seg,
		       const struct plvm_meta *m)
{
	struct plvm_value v[2 * RAID_MAX_IMAGES];
	struct raid *rd = raid_get(h, seg);
	const char *key;
	uint32_t nv = 0, n = api->seg_area_count(seg);
	int r;

	if (!rd)
		return -ENOMEM;
	key = rd->kind->level == RAID0 ? "raid0_lvs" : "raids";
	if ((r = import_keys(h, rd, m)))
		return r;
	r = api->meta_get_list(m, key, v, 2 * RAID_MAX_IMAGES, &nv);
	if (r) {
		api->log(h, PLVM_LOG_ERR, "Couldn't find RAID array \"%s\" of a raid segment.", key);
		return r == -ENOENT ? -EINVAL : r;
	}
	if ((r = import_areas(h, seg, rd, v, nv)))
		return r;
	return api->seg_set_area_len(seg, raid_image_extents(rd->kind, api->seg_len(seg), n,
							     raid_data_copies(seg)));
}

static int put_list(const struct plvm_host *h, struct plvm_meta *m, const struct plvm_seg *seg,
		    const char *key, bool with_meta)
{
	struct plvm_value v[2 * RAID_MAX_IMAGES];
	const struct raid *rd = raid_of(seg);
	uint32_t n = api->seg_area_count(seg), i, k = 0;
	struct plvm_lv *img;

	for (i = 0; i < n; i++) {
		if (with_meta && rd->meta[i])
			v[k++] = (struct plvm_value){ .str = api->lv_name(rd->meta[i]) };
		img = raid_image(seg, i);
		if (!img) {
			api->log(h, PLVM_LOG_ERR, "Raid segment has no image LV %u.", i);
			return -EINVAL;
		}
		v[k++] = (struct plvm_value){ .str = api->lv_name(img) };
	}
	return api->meta_set_list(m, key, v, k);
}

static int put_opt(struct plvm_meta *m, const char *key, uint32_t val, int r)
{
	return r || !val ? r : api->meta_set_u64(m, key, val);
}

static int raid_export(const struct plvm_host *h, const struct plvm_seg *seg,
		       struct plvm_meta *m)
{
	const struct raid *rd = raid_of(seg);
	const struct raid_kind *k = kind_of_seg(seg);
	uint32_t n = api->seg_area_count(seg);
	int r;

	if (!k)
		return -EINVAL;
	if (is_raid0(k)) {
		r = api->meta_set_u64(m, "stripe_count", n);
		r = put_opt(m, "stripe_size", rd->stripe_size, r);
		return r ? r : put_list(h, m, seg, k->level == RAID0 ? "raid0_lvs" : "raids",
					k->level != RAID0);
	}
	r = api->meta_set_u64(m, "device_count", n);
	if (k->level == RAID10)
		r = put_opt(m, "data_copies", rd->data_copies, r);
	r = put_opt(m, "region_size", rd->region_size, r);
	r = put_opt(m, "stripe_size", rd->stripe_size, r);
	if (k->level == RAID1)
		r = put_opt(m, "writebehind", rd->writebehind, r);
	r = put_opt(m, "min_recovery_rate", rd->min_rate, r);
	r = put_opt(m, "max_recovery_rate", rd->max_rate, r);
	return r ? r : put_list(h, m, seg, "raids", true);
}

/* ---- tables ---- */

struct params {
	char	buf[RAID_MAX_IMAGES * (2 * DEV_LEN + 24) + 256];
	size_t	pos;
	int	err;
	uint32_t count;		/* optional parameters, counted as dm-raid does */
};

static void put(struct params *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct params *p, const char *fmt, ...)
{
	size_t room = sizeof(p->buf) - p->pos;
	va_list ap;
	int n;

	if (p->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(p->buf + p->pos, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		p->err = -ENOSPC;
	else
		p->pos += n;
}

/* A key and its value: two of the parameters dm-raid counts. */
static void put_kv(struct params *p, const char *key, uint64_t val)
{
	put(p, " %s %llu", key, (unsigned long long)val);
	p->count += 2;
}

static void put_per_image(struct params *p, const struct plvm_seg *seg, uint64_t bit,
			  const char *key)
{
	uint32_t i, n = api->seg_area_count(seg);
	struct plvm_lv *img;

	for (i = 0; i < n; i++)
		if ((img = raid_image(seg, i)) && (api->lv_status(img) & bit))
			put_kv(p, key, i);
}

/* The optional parameters after the chunk size, in dm-raid's order. */
static void put_optional(struct params *p, const struct plvm_seg *seg, const struct raid *rd)
{
	if (is_raid0(rd->kind))
		return;
	if (rd->nosync || rd->sync) {
		put(p, rd->nosync ? " nosync" : " sync");
		p->count++;
	}
	put_per_image(p, seg, PLVM_LV_REBUILD, "rebuild");
	if (rd->min_rate)
		put_kv(p, "min_recovery_rate", rd->min_rate);
	if (rd->max_rate)
		put_kv(p, "max_recovery_rate", rd->max_rate);
	if (rd->kind->level == RAID1)
		put_per_image(p, seg, PLVM_LV_WRITEMOSTLY, "write_mostly");
	if (rd->kind->level == RAID1 && rd->writebehind)
		put_kv(p, "max_write_behind", rd->writebehind);
	put_kv(p, "region_size", rd->region_size);
	if (rd->kind->level == RAID10 && rd->data_copies > 1)
		put_kv(p, "raid10_copies", rd->data_copies);
}

static void put_dev(const struct plvm_host *h, struct params *p, struct plvm_lv *lv)
{
	char dev[DEV_LEN];
	int r;

	if (!lv) {
		put(p, " -");
		return;
	}
	r = api->lv_dev(h, lv, PLVM_DEV_TOP, dev, sizeof(dev));
	if (r)
		p->err = p->err ? p->err : r;
	else
		put(p, " %s", dev);
}

static void put_devs(const struct plvm_host *h, struct params *p, const struct plvm_seg *seg,
		     const struct raid *rd)
{
	uint32_t i, n = api->seg_area_count(seg);

	put(p, " %u", n);
	for (i = 0; i < n; i++) {
		if (raid_tracked(raid_image(seg, i))) {
			put(p, " - -");	/* split off: the bitmap records what it misses */
			continue;
		}
		put_dev(h, p, rd->meta[i]);
		put_dev(h, p, raid_image(seg, i));
	}
}

static int raid_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			    struct plvm_table *t)
{
	uint64_t len = (uint64_t)api->seg_len(seg) * api->extent_size(seg);
	const struct raid *rd = raid_of(seg);
	struct params opt = { .pos = 0, .count = 1 }, all = { .pos = 0 };

	if (!rd->kind)
		return -EINVAL;
	if (!is_raid0(rd->kind) && !rd->region_size) {
		api->log(h, PLVM_LOG_ERR, "Missing region size for raid segment.");
		return -EINVAL;
	}
	put_optional(&opt, seg, rd);
	put(&all, "%s %u %u%s", rd->kind->target_type, opt.count, rd->stripe_size, opt.buf);
	put_devs(h, &all, seg, rd);
	if (opt.err || all.err)
		return opt.err ? opt.err : all.err;
	return api->table_add(t, len, "raid", all.buf);
}

/* ---- status ---- */

static const char *word(const char *p, char *out, size_t len)
{
	size_t n = 0;

	while (*p == ' ')
		p++;
	for (; *p && *p != ' ' && *p != '\n'; p++)
		if (n + 1 < len)
			out[n++] = *p;
	out[n] = '\0';
	return n ? p : NULL;
}

int raid_status_parse(const char *params, struct raid_status *st)
{
	char w[RAID_MAX_IMAGES + 2];
	unsigned long long a, b;
	const char *p = params;

	memset(st, 0, sizeof(*st));
	if (!p || !(p = word(p, w, sizeof(w))) || !(p = word(p, w, sizeof(w))) ||
	    sscanf(w, "%u", &st->devs) != 1 || st->devs > RAID_MAX_IMAGES ||
	    !(p = word(p, st->health, sizeof(st->health))) || strlen(st->health) != st->devs ||
	    !(p = word(p, w, sizeof(w))) || sscanf(w, "%llu/%llu", &a, &b) != 2 || !b || a > b)
		return -EPROTO;
	st->in_sync = a;
	st->total = b;
	if (!(p = word(p, st->action, sizeof(st->action))))
		return 0;
	if (word(p, w, sizeof(w)) && sscanf(w, "%llu", &a) == 1)
		st->mismatches = a;
	return 0;
}

static int raid_status(const struct plvm_host *h, const struct plvm_seg *seg,
		       const char *params, struct plvm_seg_status *out)
{
	struct raid_status st;
	uint32_t i;

	out->health = '-';
	if (raid_status_parse(params, &st)) {
		api->log(h, PLVM_LOG_ERR, "Failed to parse raid status \"%s\".", params);
		return -EPROTO;
	}
	/* raid0 has nothing to synchronise: no progress to show */
	out->sync_done = out->sync_total = 0;
	if (raid_of(seg)->kind && !is_raid0(raid_of(seg)->kind)) {
		out->sync_done = st.in_sync;
		out->sync_total = st.total;
	}
	out->failed_areas = 0;
	for (i = 0; i < st.devs && i < 32; i++)
		if (st.health[i] == 'D')
			out->failed_areas |= 1u << i;
	if (out->failed_areas)
		out->health = 'r';
	else if (st.mismatches)
		out->health = 'm';
	return 0;
}

/* ---- descriptors ---- */

static const struct plvm_meta_ops raid_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import_area_count = raid_import_area_count,
	.import = raid_import,
	.export = raid_export,
};

static const struct plvm_dev_ops raid_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = raid_build_table,
	.status = raid_status,
	.after_activate = raid_after_commit,
	.after_commit = raid_after_commit,
	.degraded = raid_degraded,
};

static const struct plvm_option opt_minrate = {
	.size = sizeof(struct plvm_option), .name = "minrecoveryrate", .kind = PLVM_OPT_SIZE,
	.unit = 'k', .commands = PLVM_CMD_LVCREATE | PLVM_CMD_LVCHANGE,
	.arg = "Size[k|UNIT]", .help = "minimum recovery rate of a raid LV, per device and second",
	.lv_types = "raid ",
};

static const struct plvm_option opt_maxrate = {
	.size = sizeof(struct plvm_option), .name = "maxrecoveryrate", .kind = PLVM_OPT_SIZE,
	.unit = 'k', .commands = PLVM_CMD_LVCREATE | PLVM_CMD_LVCHANGE,
	.arg = "Size[k|UNIT]", .help = "maximum recovery rate of a raid LV, per device and second",
	.lv_types = "raid ",
};

static const struct plvm_option opt_split = {
	.size = sizeof(struct plvm_option), .name = "splitmirrors", .kind = PLVM_OPT_NUMBER,
	.commands = PLVM_CMD_LVCONVERT, .arg = "Number",
	.help = "split images off a raid1 LV as a new LV (with --name)",
};

static const char *const sync_actions[] = { "check", "repair", NULL };

static const struct plvm_option opt_syncaction = {
	.size = sizeof(struct plvm_option), .name = "syncaction", .kind = PLVM_OPT_ENUM,
	.choices = sync_actions, .commands = PLVM_CMD_LVCHANGE, .arg = "check|repair",
	.help = "scrub a raid LV: count (check) or correct (repair) inconsistent regions",
};

static const struct plvm_option opt_resync = {
	.size = sizeof(struct plvm_option), .name = "resync", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCHANGE, .help = "resynchronise a raid LV from scratch",
};

static const struct plvm_option opt_replace = {
	.size = sizeof(struct plvm_option), .name = "replace", .kind = PLVM_OPT_PV,
	.commands = PLVM_CMD_LVCONVERT, .arg = "PV", .flags = PLVM_OPTF_REPEAT,
	.help = "replace the raid images on PV by new ones elsewhere",
};

static const struct plvm_option opt_repair = {
	.size = sizeof(struct plvm_option), .name = "repair", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT, .flags = PLVM_OPTF_MISSING_OK,
	.help = "replace the failed images of a raid LV by new ones from free space",
};

static const struct plvm_option opt_track = {
	.size = sizeof(struct plvm_option), .name = "trackchanges", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT,
	.help = "with --splitmirrors 1: split a raid1 image off read-only, tracking the "
		"changes to merge it back",
};

/* also the snapshot type's option: the types tell their LVs apart */
static const struct plvm_option opt_merge = {
	.size = sizeof(struct plvm_option), .name = "merge", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT, .flags = PLVM_OPTF_SELECTS,
	.help = "merge a raid1 image split off with --trackchanges back into its LV",
};

/* LVM2's spelling of --merge that names what is merged */
static const struct plvm_option opt_mergemirrors = {
	.size = sizeof(struct plvm_option), .name = "mergemirrors", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT, .flags = PLVM_OPTF_SELECTS | PLVM_OPTF_TYPED,
	.help = "--merge of a raid1 image split off with --trackchanges",
};

static const struct plvm_option opt_writemostly = {
	.size = sizeof(struct plvm_option), .name = "writemostly", .kind = PLVM_OPT_STRING,
	.commands = PLVM_CMD_LVCHANGE, .flags = PLVM_OPTF_REPEAT, .arg = "PV[:y|n|t]",
	.help = "mark the raid1 images on PV write-mostly (y), not (n), or toggle (t)",
	.lv_types = "raid1 ",
};

static const struct plvm_option opt_writebehind = {
	.size = sizeof(struct plvm_option), .name = "writebehind", .kind = PLVM_OPT_NUMBER,
	.commands = PLVM_CMD_LVCHANGE, .arg = "Number",
	.help = "writes to write-mostly raid1 images allowed outstanding (0: none)",
	.lv_types = "raid1 ",
};

static const struct plvm_option opt_rebuild = {
	.size = sizeof(struct plvm_option), .name = "rebuild", .kind = PLVM_OPT_PV,
	.commands = PLVM_CMD_LVCHANGE, .flags = PLVM_OPTF_REPEAT, .arg = "PV",
	.help = "resync the raid images on PV from the others",
};

static const struct plvm_option *const raid_options[] = {
	&opt_minrate, &opt_maxrate, &opt_split, &opt_syncaction, &opt_resync, &opt_replace,
	&opt_repair, &opt_track, &opt_merge, &opt_mergemirrors, &opt_writemostly, &opt_writebehind, &opt_rebuild,
	NULL
};

static const struct plvm_config_key key_region = {
	.size = sizeof(struct plvm_config_key), .path = "activation/raid_region_size",
	.def = "2048", .help = "region size of new raid LVs, in KiB",
};

static const struct plvm_config_key *const raid_config[] = { &key_region, NULL };

static uint64_t kind_caps(const struct raid_kind *k)
{
	uint64_t caps = PLVM_SEG_EXCLUSIVE;

	if (k->level == RAID1)	/* raid10's images hold halves, not copies */
		caps |= PLVM_SEG_AREAS_MIRRORED;
	if (is_raid0(k))
		caps |= PLVM_SEG_AREAS_STRIPED;
	return caps;
}

static void types_init(void)
{
	size_t i;

	for (i = 0; i < NKINDS; i++) {
		types[i] = (struct plvm_segtype){
			.size = sizeof(struct plvm_segtype),
			.name = kinds[i].name,
			.dm_target = "raid",
			.dm_min_version = { kinds[i].dm_version[0], kinds[i].dm_version[1],
					    kinds[i].dm_version[2] },
			.caps = kind_caps(&kinds[i]),
			.meta = &raid_meta,
			.dev = &raid_dev,
			.cmd = &raid_cmd,
			.report = &raid_report,
			.move = &raid_move,
			/* options, fields and keys are declared once, by the first type */
			.options = i ? NULL : raid_options,
			.fields = i ? NULL : raid_fields,
			.config = i ? NULL : raid_config,
		};
		type_list[i] = &types[i];
	}
	type_list[NKINDS] = NULL;
}

static int raid_plugin_init(const struct plvm_host *h, const struct plvm_host_api *host)
{
	if (host->size < sizeof(struct plvm_host_api))
		return -EPROTO;
	api = host;
	return 0;
}

static struct plvm_segtype_plugin plugin = {
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
	.size = sizeof(struct plvm_segtype_plugin),
	.name = "raid",
	.version = "2.0",
	.segtypes = type_list,
	.init = raid_plugin_init,
};

const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(raid)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(raid)(uint32_t maj, uint32_t min)
{
	if (!type_list[0])
		types_init();
	return &plugin;
}
