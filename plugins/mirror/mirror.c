/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "mirror" segment type: the kernel's dm-mirror target, for user
 * mirrors (lvcreate --type mirror -m N, images are _mimage_N sub-LVs, an
 * optional _mlog disk log) and for the temporary mirror of pvmove.
 * Metadata (LVM2's keys, in LVM2's order):
 *
 *	mirror_count = 2
 *	extents_moved = 3	# pvmove segments only: the copy checkpoint
 *	mirror_log = "lv_mlog"	# disk log, absent for a core log
 *	plvm_move_log = "pvmove0_mlog"	# classic pvmove: its progress log
 *	region_size = 1024	# sectors
 *	mirrors = [ "pv0", 0, "pv2", 0 ]	# or [ "lv_mimage_0", 0, ... ]
 *
 * A classic pvmove LV has one 2-area segment (source, destination) per
 * moved piece, and only one of them is mirrored at a time: segments whose
 * copy is complete map linearly onto the destination, the first incomplete
 * one is a mirror with a core log, and the ones after it map linearly onto
 * the source.  An atomic pvmove is a single such segment over two image LVs.
 * The running segment of a move names its progress log: an atomic one as
 * mirror_log, which LVM2 reads and takes apart with the mirror; a classic
 * one under plvm's own key, which LVM2 leaves alone (it cannot finish a
 * classic move whose segment has a log), see doc/pvmove-resume.md.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mirror.h"

#define DEV_LEN			32

const struct plvm_host_api *api;

/* What a pvmove segment maps to in this table build. */
enum mirror_state {
	MIRR_RUNNING,	/* the mirror target over all areas */
	MIRR_COMPLETED,	/* linear onto area 1, the destination */
	MIRR_DISABLED,	/* linear onto area 0, the source */
};

static const struct mirror no_mirror;

const struct mirror *mirror_of(const struct plvm_seg *seg)
{
	const struct mirror *m = api->seg_priv(seg);

	return m ? m : &no_mirror;
}

struct mirror *mirror_get(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct mirror *m = api->seg_priv(seg);

	return m ? m : api->seg_alloc(h, seg, sizeof(*m));
}

bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

bool classic_move(const struct plvm_seg *seg)
{
	struct plvm_area a = { .size = sizeof(a) };

	return api->seg_is_pvmove(seg) && !api->seg_area(seg, 0, &a) &&
	       a.kind == PLVM_AREA_PV;
}

/* ---- metadata ---- */

static int mirror_import_area_count(const struct plvm_host *h, const struct plvm_meta *m,
				    uint32_t *count)
{
	uint64_t n;
	int r = api->meta_get_u64(m, "mirror_count", &n);

	if (r == -ENOENT) {
		api->log(h, PLVM_LOG_ERR, "Segment has no mirror_count.");
		return -EINVAL;
	}
	if (r)
		return r;
	if (n < 1 || n > MAX_MIRRORS) {
		api->log(h, PLVM_LOG_ERR, "Invalid mirror_count %llu.", (unsigned long long)n);
		return -EINVAL;
	}
	*count = (uint32_t)n;
	return 0;
}

/* extents_moved: present only on pvmove segments, and marks them as such. */
static int import_moved(const struct plvm_host *h, struct plvm_seg *seg,
			const struct plvm_meta *m)
{
	uint64_t v;
	int r = api->meta_get_u64(m, "extents_moved", &v);

	if (r == -ENOENT)
		return 0;
	if (!r && v > api->seg_area_len(seg))
		r = -EINVAL;
	if (r) {
		api->log(h, PLVM_LOG_ERR, "Invalid extents_moved in a mirror segment.");
		return r;
	}
	r = api->seg_set_pvmove(seg, 1);
	return r ? r : api->seg_set_copied(seg, (uint32_t)v);
}

static int import_region(const struct plvm_host *h, struct mirror *mi,
			 const struct plvm_meta *m)
{
	uint64_t v;
	int r = api->meta_get_u64(m, "region_size", &v);

	if (r == -ENOENT)
		return 0;
	if (!r && v > UINT32_MAX)
		r = -EINVAL;
	if (r) {
		api->log(h, PLVM_LOG_ERR, "Invalid region_size in a mirror segment.");
		return r;
	}
	mi->region_size = (uint32_t)v;
	return 0;
}

static int import_log(const struct plvm_host *h, struct plvm_seg *seg, struct mirror *mi,
		      const struct plvm_meta *m)
{
	const char *name;
	int r = api->meta_get_str(m, "mirror_log", &name);

	if (r == -ENOENT)
		r = api->meta_get_str(m, MOVE_LOG_KEY, &name);
	if (r == -ENOENT)
		return 0;
	if (r)
		return r;
	mi->log_lv = api->find_lv(h, seg, name);
	if (!mi->log_lv) {
		api->log(h, PLVM_LOG_ERR, "Unknown mirror log LV %s.", name);
		return -EINVAL;
	}
	if (!mi->region_size) {
		api->log(h, PLVM_LOG_ERR, "Mirror with log %s has no region_size.", name);
		return -EINVAL;
	}
	return api->seg_link_lv(h, (struct plvm_seg *)seg, mi->log_lv, PLVM_LINK_SUB);
}

static int mirror_import(const struct plvm_host *h, struct plvm_seg *seg,
			 const struct plvm_meta *m)
{
	struct mirror *mi = mirror_get(h, seg);
	int r;

	if (!mi)
		return -ENOMEM;
	r = api->seg_set_area_len(seg, api->seg_len(seg));
	if (!r)
		r = import_moved(h, seg, m);
	if (!r)
		r = import_region(h, mi, m);
	if (!r)
		r = import_log(h, seg, mi, m);
	if (!r)
		r = api->meta_get_areas(h, m, "mirrors", seg);
	return r;
}

static int mirror_export(const struct plvm_host *h, const struct plvm_seg *seg,
			 struct plvm_meta *m)
{
	const struct mirror *mi = mirror_of(seg);
	int r = api->meta_set_u64(m, "mirror_count", api->seg_area_count(seg));

	if (!r && api->seg_is_pvmove(seg))
		r = api->meta_set_u64(m, "extents_moved", api->seg_copied(seg));
	if (!r && mi->log_lv)
		r = api->meta_set_str(m, classic_move(seg) ? MOVE_LOG_KEY : "mirror_log",
				      api->lv_name(mi->log_lv));
	if (!r && mi->region_size)
		r = api->meta_set_u64(m, "region_size", mi->region_size);
	if (!r)
		r = api->meta_set_areas(h, m, "mirrors", seg);
	return r;
}

/* ---- tables ---- */

/* A parameter string being built; the first error sticks. */
struct params {
	char	buf[MAX_MIRRORS * (DEV_LEN + 22) + 2 * DEV_LEN + 64];
	size_t	pos;
	int	err;
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

static void put_area(const struct plvm_host *h, const struct plvm_seg *seg, uint32_t i,
		     struct params *p)
{
	char dev[DEV_LEN];
	uint64_t offset;
	int r;

	if (p->err)
		return;
	r = api->area_dev(h, seg, i, dev, sizeof(dev), &offset);
	if (r)
		p->err = r;
	else
		put(p, "%s%s %llu", p->pos ? " " : "", dev, (unsigned long long)offset);
}

static bool pvmove_incomplete(const struct plvm_seg *seg)
{
	return api->seg_is_pvmove(seg) && api->seg_area_count(seg) > 1 &&
	       api->seg_copied(seg) != api->seg_area_len(seg);
}

/* Is an incomplete pvmove segment before @seg in its LV already mirrored? */
static bool earlier_running(const struct plvm_seg *seg)
{
	const struct plvm_seg *s;

	for (s = api->lv_first_seg(api->seg_lv(seg)); s && s != seg; s = api->seg_next(s))
		if (pvmove_incomplete(s))
			return true;
	return false;
}

static enum mirror_state mirror_state(const struct plvm_seg *seg)
{
	if (api->seg_area_count(seg) == 1)
		return MIRR_DISABLED;
	if (!api->seg_is_pvmove(seg))
		return MIRR_RUNNING;
	if (api->seg_copied(seg) == api->seg_area_len(seg))
		return MIRR_COMPLETED;
	return earlier_running(seg) ? MIRR_DISABLED : MIRR_RUNNING;
}

/* The configured region size cut down to the largest power of 2 that fits
 * in @extents (LVM2 does the same for its pvmove segments). */
uint64_t fitted_region(uint64_t region, uint64_t extents, uint64_t extent_size)
{
	uint64_t max = extents * extent_size, fit = 1;

	if (!max || region <= max)
		return region;
	while (fit * 2 <= max)
		fit *= 2;
	return fit;
}

static int region_for_table(const struct plvm_host *h, const struct plvm_seg *seg,
			    uint64_t *region)
{
	uint32_t size = mirror_of(seg)->region_size;

	if (api->seg_is_pvmove(seg))
		size = size ? size : DEFAULT_REGION_SIZE;
	else if (!size) {
		api->log(h, PLVM_LOG_ERR, "Mirror segment has no region size.");
		return -EINVAL;
	}
	if (!is_pow2(size)) {
		api->log(h, PLVM_LOG_ERR, "Mirror region size %u is not a power of 2.", size);
		return -EINVAL;
	}
	*region = size;
	if (api->seg_is_pvmove(seg))
		*region = fitted_region(size, api->seg_area_len(seg), api->extent_size(seg));
	return 0;
}

/* "core 1 <region>" or "disk 2 <logdev> <region>", with "nosync" (a user
 * mirror made with --nosync) or "sync" (a pvmove log new to its segment:
 * its bitmap is another segment's or garbage) counted in. */
static void put_log(const struct plvm_host *h, const struct plvm_seg *seg, uint64_t region,
		    struct params *p)
{
	const struct mirror *mi = mirror_of(seg);
	bool nosync = mi->nosync && !api->seg_is_pvmove(seg);
	bool fresh = mi->log_lv && mi->fresh_log && api->seg_is_pvmove(seg);
	char dev[DEV_LEN];
	int r;

	if (!mi->log_lv) {
		put(p, "core %d %llu", 1 + nosync, (unsigned long long)region);
	} else if ((r = api->lv_dev(h, mi->log_lv, PLVM_DEV_TOP, dev, sizeof(dev)))) {
		p->err = r;
	} else {
		put(p, "disk %d %s %llu", 2 + (nosync || fresh), dev, (unsigned long long)region);
	}
	if (nosync)
		put(p, " nosync");
	else if (fresh)
		put(p, " sync");
}

static int add_mirror(const struct plvm_host *h, const struct plvm_seg *seg,
		      struct plvm_table *t, uint64_t len)
{
	uint32_t i, count = api->seg_area_count(seg);
	struct params p = { .pos = 0 };
	uint64_t region;
	int r = region_for_table(h, seg, &region);

	if (r)
		return r;
	put_log(h, seg, region, &p);
	put(&p, " %u", count);
	for (i = 0; i < count; i++)
		put_area(h, seg, i, &p);
	if (p.err)
		return p.err;
	return api->table_add(t, len, "mirror", p.buf);
}

static int add_linear(const struct plvm_host *h, const struct plvm_seg *seg, uint32_t area,
		      struct plvm_table *t, uint64_t len)
{
	struct params p = { .pos = 0 };

	put_area(h, seg, area, &p);
	if (p.err)
		return p.err;
	return api->table_add(t, len, "linear", p.buf);
}

static int mirror_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			      struct plvm_table *t)
{
	uint64_t len = (uint64_t)api->seg_len(seg) * api->extent_size(seg);

	switch (mirror_state(seg)) {
	case MIRR_COMPLETED:
		return add_linear(h, seg, 1, t, len);
	case MIRR_DISABLED:
		return add_linear(h, seg, 0, t, len);
	case MIRR_RUNNING:
		break;
	}
	return add_mirror(h, seg, t, len);
}

/* ---- status ---- */

/*
 * The kernel's mirror status:
 *	<#legs> <maj:min>... <in_sync>/<total> <#health> <health chars>
 *	<#log args> <log type> [<log dev> <log health>]
 * A health character is 'A' for a working device; anything else ('D', 'S',
 * 'R', 'F', 'U') is a failure.
 */
struct cursor {
	const char *pos;
};

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return p;
}

static int next_u64(struct cursor *c, uint64_t *v)
{
	const char *p = skip_space(c->pos);
	uint64_t x = 0;

	if (*p < '0' || *p > '9')
		return -EPROTO;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (x > (UINT64_MAX - (*p - '0')) / 10)
			return -EPROTO;
		x = x * 10 + (*p - '0');
	}
	c->pos = p;
	*v = x;
	return 0;
}

static int next_word(struct cursor *c, const char **word, size_t *len)
{
	const char *p = skip_space(c->pos);

	*word = p;
	while (*p && *skip_space(p) == *p)
		p++;
	*len = p - *word;
	c->pos = p;
	return *len ? 0 : -EPROTO;
}

/* "<major>:<minor>", decimal */
static bool is_devno(const char *w, size_t len)
{
	size_t i, colon = 0;

	for (i = 0; i < len; i++) {
		if (w[i] == ':' && !colon && i)
			colon = i;
		else if (w[i] < '0' || w[i] > '9')
			return false;
	}
	return colon && colon + 1 < len;
}

static int skip_devs(struct cursor *c, uint64_t count)
{
	const char *w;
	size_t len;

	for (; count; count--)
		if (next_word(c, &w, &len) || !is_devno(w, len))
			return -EPROTO;
	return 0;
}

static int parse_sync(struct cursor *c, struct plvm_seg_status *st)
{
	uint64_t done, total;

	if (next_u64(c, &done) || *c->pos != '/')
		return -EPROTO;
	c->pos++;
	if (next_u64(c, &total) || !total || done > total)
		return -EPROTO;
	st->sync_done = done;
	st->sync_total = total;
	return 0;
}

static int parse_health(struct cursor *c, uint64_t legs, struct plvm_seg_status *st)
{
	const char *w;
	uint64_t n, i;
	size_t len;

	if (next_u64(c, &n) || n != 1 || next_word(c, &w, &len) || len != legs)
		return -EPROTO;
	for (i = 0; i < legs; i++)
		if (w[i] != 'A')
			st->failed_areas |= 1u << i;
	return 0;
}

/* "1 core" or "3 disk <dev> <health>" (other log types: their word count) */
static int parse_log(struct cursor *c)
{
	const char *w;
	uint64_t n, i;
	size_t len;

	if (next_u64(c, &n) || n < 1 || n > 8)
		return -EPROTO;
	for (i = 0; i < n; i++)
		if (next_word(c, &w, &len))
			return -EPROTO;
	return *skip_space(c->pos) ? -EPROTO : 0;
}

static int parse_mirror_status(const char *params, uint32_t areas, struct plvm_seg_status *st)
{
	struct cursor c = { .pos = params };
	uint64_t legs;

	st->failed_areas = 0;
	if (next_u64(&c, &legs) || legs != areas || legs > 32)
		return -EPROTO;
	if (skip_devs(&c, legs) || parse_sync(&c, st) || parse_health(&c, legs, st) ||
	    parse_log(&c))
		return -EPROTO;
	return 0;
}

/* A pvmove segment mapped linearly has no mirror status: its progress is
 * the checkpoint. */
static int linear_status(const struct plvm_seg *seg, struct plvm_seg_status *st)
{
	st->sync_total = api->seg_area_len(seg);
	st->sync_done = mirror_state(seg) == MIRR_COMPLETED ? st->sync_total : api->seg_copied(seg);
	st->failed_areas = 0;
	return 0;
}

static int mirror_status(const struct plvm_host *h, const struct plvm_seg *seg,
			 const char *params, struct plvm_seg_status *st)
{
	enum mirror_state state = mirror_state(seg);
	int r;

	st->health = '-';
	if (state != MIRR_RUNNING)
		return linear_status(seg, st);
	r = parse_mirror_status(params, api->seg_area_count(seg), st);
	if (r) {
		api->log(h, PLVM_LOG_ERR, "Unrecognised mirror status \"%s\".", params);
		st->sync_done = st->sync_total = 0;
		st->failed_areas = 0;
	}
	return r;
}

/* ---- segments the host makes (pvmove) ---- */

/* The extents of @seg's LV, @seg included even if not yet linked in. */
static uint64_t lv_extents(const struct plvm_seg *seg)
{
	const struct plvm_seg *s;
	uint64_t n = 0;
	bool seen = false;

	for (s = api->lv_first_seg(api->seg_lv(seg)); s; s = api->seg_next(s)) {
		n += api->seg_len(s);
		seen |= s == seg;
	}
	return seen ? n : n + api->seg_len(seg);
}

static int mirror_init_seg(const struct plvm_host *h, struct plvm_seg *seg,
			   const struct plvm_seg_params *p)
{
	uint32_t region = p->region_size ? p->region_size : DEFAULT_REGION_SIZE;
	bool pvmove = p->flags & PLVM_SEGP_PVMOVE;
	struct mirror *mi;
	int r;

	if (!is_pow2(region)) {
		api->log(h, PLVM_LOG_ERR, "Region size %u sectors is not a power of 2.", region);
		return -EINVAL;
	}
	mi = mirror_get(h, seg);
	if (!mi)
		return -ENOMEM;
	/* as LVM2: cut to fit the mirror, or the whole pvmove LV */
	mi->region_size = fitted_region(region, pvmove ? lv_extents(seg) : api->seg_area_len(seg),
					api->extent_size(seg));
	mi->nosync = !pvmove && (p->flags & PLVM_SEGP_NOSYNC);
	if (!pvmove)
		return 0;
	r = api->seg_set_pvmove(seg, 1);
	return r ? r : api->seg_set_copied(seg, 0);
}

static const struct plvm_meta_ops mirror_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import_area_count = mirror_import_area_count,
	.import = mirror_import,
	.export = mirror_export,
	.init_seg = mirror_init_seg,
};

static const struct plvm_dev_ops mirror_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = mirror_build_table,
	.status = mirror_status,
};

static const char *const log_kinds[] = { "core", "disk", "mirrored", NULL };

static const struct plvm_option opt_mirrorlog = {
	.size = sizeof(struct plvm_option), .name = "mirrorlog", .kind = PLVM_OPT_ENUM,
	.choices = log_kinds, .commands = PLVM_CMD_LVCREATE | PLVM_CMD_LVCONVERT,
	.arg = "core|disk", .help = "the log of a mirror: on disk or in memory",
};

static const struct plvm_option opt_corelog = {
	.size = sizeof(struct plvm_option), .name = "corelog", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCREATE | PLVM_CMD_LVCONVERT,
	.help = "the same as --mirrorlog core",
};

static const struct plvm_option *const mirror_options[] = {
	&opt_mirrorlog, &opt_corelog, NULL
};

static const struct plvm_config_key key_region = {
	.size = sizeof(struct plvm_config_key), .path = "activation/raid_region_size",
	.def = "2048", .help = "region size of new mirrors and pvmove copies, in KiB",
};

static const struct plvm_config_key *const mirror_config[] = { &key_region, NULL };

static const struct plvm_segtype mirror_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "mirror",
	.dm_target = "mirror",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_AREAS_MIRRORED | PLVM_SEG_PVMOVE_MIRROR,
	.meta = &mirror_meta,
	.dev = &mirror_dev,
	.cmd = &mirror_cmd,
	.report = &mirror_report,
	.move = &mirror_move,
	.options = mirror_options,
	.config = mirror_config,
};

const struct plvm_segtype *const mirror_segtype = &mirror_type;

static const struct plvm_segtype *const segtypes[] = { &mirror_type, NULL };

static int mirror_plugin_init(const struct plvm_host *h, const struct plvm_host_api *host)
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
	.name = "mirror",
	.version = "2.0",
	.segtypes = segtypes,
	.init = mirror_plugin_init,
};

const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(mirror)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(mirror)(uint32_t maj, uint32_t min)
{
	return &plugin;
}
