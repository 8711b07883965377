/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The snapshot segment type (see snapshot.h): metadata, devices, reports
 * and the plugin descriptor.  The commands are in snapshot_cmd.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <plvm/segtype.h>
#include "snapshot.h"

const struct plvm_host_api *snap_api;
#define api snap_api

/* ---- the model ---- */

struct snap *snap_of(const struct plvm_seg *seg)
{
	return api->seg_priv(seg);
}

struct snap *snap_get(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap *s = api->seg_priv(seg);

	return s ? s : api->seg_alloc(h, seg, sizeof(*s));
}

bool seg_is_snap(const struct plvm_seg *seg)
{
	return seg && api->seg_type(seg) == &snapshot_type && api->seg_priv(seg);
}

struct plvm_seg *snap_of_cow(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = NULL;
	unsigned kind;

	while ((seg = api->lv_next_user(lv, seg, &kind)))
		if (seg_is_snap(seg) && snap_of(seg)->cow == lv)
			return seg;
	return NULL;
}

struct plvm_seg *snap_next_of_origin(const struct plvm_lv *lv, const struct plvm_seg *prev)
{
	struct plvm_seg *seg = (struct plvm_seg *)prev;
	unsigned kind;

	while ((seg = api->lv_next_user(lv, seg, &kind)))
		if (seg_is_snap(seg) && snap_of(seg)->origin == lv)
			return seg;
	return NULL;
}

struct plvm_seg *merging_of(const struct plvm_lv *origin)
{
	struct plvm_seg *seg = NULL;

	while ((seg = snap_next_of_origin(origin, seg)))
		if (snap_of(seg)->merging)
			return seg;
	return NULL;
}

uint32_t snap_count(const struct plvm_lv *origin)
{
	struct plvm_seg *seg = NULL;
	uint32_t n = 0;

	while ((seg = snap_next_of_origin(origin, seg)))
		n++;
	return n;
}

uint64_t lv_sectors(const struct plvm_lv *lv)
{
	return (uint64_t)api->lv_extents(lv) * api->vg_extent_size(api->lv_vg(lv));
}

const char *snap_lvname(char *buf, size_t len, const struct plvm_lv *lv)
{
	snprintf(buf, len, "%s/%s", api->vg_name(api->lv_vg(lv)), api->lv_name(lv));
	return buf;
}

/* ---- metadata ---- */

static int import_lv(const struct plvm_host *h, struct plvm_seg *seg,
		     const struct plvm_meta *m, const char *key, struct plvm_lv **out)
{
	const char *name;
	int r = api->meta_get_str(m, key, &name);

	if (r)
		return r;
	if (!(*out = api->find_lv(h, seg, name))) {
		api->log(h, PLVM_LOG_ERR, "Snapshot segment: unknown %s LV %s.", key, name);
		return -EINVAL;
	}
	return 0;
}

static int import_cow(const struct plvm_host *h, struct plvm_seg *seg,
		      const struct plvm_meta *m, struct snap *s)
{
	int r = import_lv(h, seg, m, "cow_store", &s->cow);

	if (r != -ENOENT)
		return r;
	s->merging = true;
	r = import_lv(h, seg, m, "merging_store", &s->cow);
	if (r == -ENOENT)
		api->log(h, PLVM_LOG_ERR, "Snapshot segment without cow_store.");
	return r == -ENOENT ? -EINVAL : r;
}

static int snap_import(const struct plvm_host *h, struct plvm_seg *seg,
		       const struct plvm_meta *m)
{
	struct snap *s = snap_get(h, seg);
	uint64_t chunk;
	int r;

	if (!s)
		return -ENOMEM;
	if ((r = api->meta_get_u64(m, "chunk_size", &chunk)) ||
	    (r = import_lv(h, seg, m, "origin", &s->origin)) || (r = import_cow(h, seg, m, s)))
		return r == -ENOENT ? -EINVAL : r;
	if (!chunk || chunk > UINT32_MAX || s->origin == s->cow) {
		api->log(h, PLVM_LOG_ERR, "Snapshot segment: bad chunk_size or origin.");
		return -EINVAL;
	}
	s->chunk = (uint32_t)chunk;
	if ((r = api->seg_set_area_len(seg, api->seg_len(seg))) ||
	    (r = api->seg_link_lv(h, seg, s->origin, PLVM_LINK_USE)))
		return r;
	return api->seg_link_lv(h, seg, s->cow, PLVM_LINK_SUB);
}

static int snap_export(const struct plvm_host *h, const struct plvm_seg *seg,
		       struct plvm_meta *m)
{
	const struct snap *s = snap_of(seg);
	int r;

	if ((r = api->meta_set_u64(m, "chunk_size", s->chunk)) ||
	    (r = api->meta_set_str(m, "origin", api->lv_name(s->origin))))
		return r;
	return api->meta_set_str(m, s->merging ? "merging_store" : "cow_store",
				 api->lv_name(s->cow));
}

/* ---- devices ---- */

/* The internal LV has no device; nothing ever loads this. */
static int snap_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			    struct plvm_table *t)
{
	uint64_t len = (uint64_t)api->seg_len(seg) * api->extent_size(seg);

	return api->table_add(t, len, "error", "");
}

static int snap_dev_plan(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv, struct plvm_dev_plan *plan)
{
	const struct snap *s = snap_of(seg);

	if (api->seg_lv(seg) == lv) {
		plan->flags |= PLVM_PLAN_INTERNAL;
		return 0;
	}
	if (lv != s->origin && lv != s->cow)
		return 0;
	if (!PLVM_HAS(plan, struct plvm_dev_plan, top_len)) {
		api->log(h, PLVM_LOG_ERR, "Snapshots need a host of plugin ABI 2.1 or newer.");
		return -EPROTO;
	}
	plan->own_name = lv == s->origin ? "real" : "cow";
	plan->own_uuid = plan->own_name;
	plan->top = 1;
	if (lv == s->cow)
		plan->top_len = lv_sectors(s->origin);
	return 0;
}

static int lv_devno(const struct plvm_host *h, struct plvm_lv *lv, char *buf)
{
	return api->lv_dev(h, lv, PLVM_DEV_OWN, buf, SNAP_DEV_LEN);
}

/*
 * Does the kernel merge @seg now?  A merge waiting in the metadata starts
 * when the origin's device is made, or when lvconvert starts it; an origin
 * that is live without it (it was open at lvconvert) keeps its tables.
 */
bool snap_merge_running(const struct plvm_host *h, const struct plvm_lv *origin)
{
	char buf[128];

	/* snapshot-origin has no status, snapshot-merge has */
	return !api->dev_status(h, origin, PLVM_DEV_TOP, buf, sizeof(buf)) && buf[0];
}

static bool merge_live(const struct plvm_host *h, const struct plvm_seg *seg)
{
	const struct snap *s = snap_of(seg);

	char buf[128];

	if (!s->merging)
		return false;
	if (snap_merge_started(seg))
		return true;	/* lvconvert starts it */
	/* A new origin device merges at once when it has no other snapshot:
	 * the others must be live before a merge writes to the origin, and
	 * activation makes them after it, so with them lvconvert --merge
	 * starts the merge once all are up. */
	if (api->dev_status(h, s->origin, PLVM_DEV_TOP, buf, sizeof(buf)))
		return snap_count(s->origin) == 1;
	return buf[0] != '\0';	/* it runs snapshot-merge */
}

static int snap_top_table(const struct plvm_host *h, const struct plvm_seg *seg,
			  struct plvm_lv *lv, struct plvm_table *t)
{
	const struct snap *s;
	char origin[SNAP_DEV_LEN], cow[SNAP_DEV_LEN], params[3 * SNAP_DEV_LEN];
	uint32_t ver[3];
	bool merge;
	int r;

	/* the origin's table is the merging snapshot's business, if one is */
	if (lv == snap_of(seg)->origin && merging_of(lv))
		seg = merging_of(lv);
	s = snap_of(seg);
	merge = merge_live(h, seg);

	api->target_version(h, "snapshot", ver);	/* loads dm-snapshot */
	/* A merge lvconvert starts hands the live snapshot's exceptions over to
	 * the origin's snapshot-merge, which must resume before the COW's top
	 * device loses them: naming the origin first puts it first. */
	if (lv == s->cow && merge && !snap_merge_started(seg))
		return api->table_add(t, lv_sectors(s->origin), "error", "");
	if ((r = lv_devno(h, s->origin, origin)))
		return r;
	if (lv == s->cow && merge)	/* the COW store is the origin's now */
		return api->table_add(t, lv_sectors(s->origin), "error", "");
	if (lv == s->origin && !merge)
		return api->table_add(t, lv_sectors(lv), "snapshot-origin", origin);
	if ((r = lv_devno(h, s->cow, cow)))
		return r;
	snprintf(params, sizeof(params), "%s %s P %" PRIu32, origin, cow, s->chunk);
	if (lv == s->origin)
		return api->table_add(t, lv_sectors(lv), "snapshot-merge", params);
	return api->table_add(t, lv_sectors(s->origin), "snapshot", params);
}

/* Origin and COW LVs come and go together. */
static int snap_peers(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, int (*add)(struct plvm_lv *peer, void *arg),
		      void *arg)
{
	const struct snap *s = snap_of(seg);
	int r = 0;

	if (lv != s->cow)
		r = add(s->cow, arg);
	if (!r && lv != s->origin)
		r = add(s->origin, arg);
	return r;
}

/* "used/total metadata", "Invalid", "Merge failed", "Overflow", "Unknown" */
int snap_parse_status(const char *params, struct snap_status *st)
{
	unsigned long long used, total, meta = 0;

	memset(st, 0, sizeof(*st));
	if (!params)
		return 0;
	if (!strncmp(params, "Invalid", 7) || !strncmp(params, "Overflow", 8)) {
		st->state = SNAP_INVALID;
		return 0;
	}
	if (!strncmp(params, "Merge failed", 12)) {
		st->state = SNAP_MERGE_FAILED;
		return 0;
	}
	if (sscanf(params, "%llu/%llu %llu", &used, &total, &meta) < 2) {
		st->state = SNAP_UNKNOWN;
		return -EPROTO;
	}
	st->state = SNAP_VALID;
	st->used = used;
	st->total = total;
	st->meta = meta;
	return 0;
}

void snap_status_of(const struct plvm_host *h, const struct plvm_lv *cow, struct snap_status *st)
{
	char buf[128];

	if (api->dev_status(h, cow, PLVM_DEV_TOP, buf, sizeof(buf)))
		snap_parse_status(NULL, st);
	else
		snap_parse_status(buf, st);
}

/* ---- reports ---- */

static int put_str(char *buf, size_t len, const char *s)
{
	return (size_t)snprintf(buf, len, "%s", s) < len ? 1 : -ENOSPC;
}

/* A number, or with @total a percentage "done/total". */
static int put_num(char *buf, size_t len, uint64_t done, uint64_t total, bool pct)
{
	int n = pct ? snprintf(buf, len, "%" PRIu64 "/%" PRIu64, done, total) :
		      snprintf(buf, len, "%" PRIu64, done);

	return n >= 0 && (size_t)n < len ? 1 : -ENOSPC;
}

/* Snap% and Data% of a COW LV: what the kernel used, 100 when invalid. */
static int cow_percent(const struct plvm_host *h, const struct plvm_lv *cow, char *buf,
		       size_t len)
{
	struct snap_status st;

	snap_status_of(h, cow, &st);
	switch (st.state) {
	case SNAP_INVALID:
	case SNAP_MERGE_FAILED:
		return put_num(buf, len, 1, 1, true);
	case SNAP_VALID:
		if (st.total && st.used == st.meta)
			return put_num(buf, len, 0, st.total, true);
		return put_num(buf, len, st.used, st.total, true);
	default:
		return 0;
	}
}

static int cow_field(const struct plvm_host *h, const struct snap *s, const char *name,
		     char *buf, size_t len)
{
	struct snap_status st;

	if (!strcmp(name, "origin"))
		return put_str(buf, len, api->lv_name(s->origin));
	if (!strcmp(name, "chunk_size"))
		return put_num(buf, len, s->chunk, 0, false);
	if (!strcmp(name, "snap_percent") || !strcmp(name, "data_percent"))
		return cow_percent(h, s->cow, buf, len);
	if (!strcmp(name, "lv_snapshot_invalid")) {	/* binary: no status, "unknown" */
		snap_status_of(h, s->cow, &st);
		if (st.state == SNAP_INACTIVE || st.state == SNAP_UNKNOWN)
			return 0;
		return put_str(buf, len, st.state == SNAP_INVALID ? "1" : "0");
	}
	return 0;
}

static int snap_field(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, const char *name, const char *status,
		      char *buf, size_t len)
{
	const struct snap *s = seg ? snap_of(seg) : NULL;

	if (!s || api->seg_lv(seg) == lv)
		return 0;
	if (lv == s->cow)
		return cow_field(h, s, name, buf, len);
	return 0;
}

static int snap_lv_attr(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, const char *status, char attr[10])
{
	const struct snap *s = seg ? snap_of(seg) : NULL;
	struct snap_status st;

	if (!s || api->seg_lv(seg) == lv)
		return 0;
	if (lv == s->origin) {
		if (attr[0] != 'O')
			attr[0] = s->merging ? 'O' : 'o';
		attr[6] = 's';
		return 0;
	}
	attr[0] = s->merging ? 'S' : 's';
	attr[6] = 's';
	snap_status_of(h, s->cow, &st);
	if (st.state == SNAP_INVALID)
		attr[4] = attr[4] == 's' ? 'S' : 'I';
	else if (st.state == SNAP_MERGE_FAILED)
		attr[4] = 'm';
	return 0;
}

/* The COW LV is shown (but not while it merges); the internal LV never. */
static int snap_lv_visible(const struct plvm_host *h, const struct plvm_seg *seg,
			   const struct plvm_lv *lv)
{
	const struct snap *s = snap_of(seg);

	if (api->seg_lv(seg) == lv)
		return 0;
	if (lv == s->cow)
		return !s->merging;
	return -ENOTSUP;
}

/* ---- lvdisplay ---- */

/* Is the snapshot of COW LV @cow active and valid in the kernel?  Its
 * usage into @done/@total. */
static bool cow_live(const struct plvm_host *h, const struct plvm_lv *cow, uint64_t *done,
		     uint64_t *total)
{
	char buf[64];
	unsigned long long d, t;

	if (api->lv_is_active(h, cow) <= 0 || cow_percent(h, cow, buf, sizeof(buf)) != 1 ||
	    sscanf(buf, "%llu/%llu", &d, &t) != 2 || (d == 1 && t == 1))
		return false;
	*done = d;
	*total = t;
	return true;
}

/* An origin: its snapshots, each active or not (said once, by the first). */
static void origin_lines(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *origin, struct plvm_display *d)
{
	const struct plvm_seg *u = NULL;
	bool up = api->lv_is_active(h, origin) > 0;
	uint64_t done, total;

	if (d->part != PLVM_DISP_NAMES || snap_next_of_origin(origin, NULL) != seg)
		return;
	d->line(d, "LV snapshot status     source of");
	while ((u = snap_next_of_origin(origin, u)))
		d->line(d, "                       %s [%s]", api->lv_name(snap_of(u)->cow),
			up && cow_live(h, snap_of(u)->cow, &done, &total) ? "active" : "INACTIVE");
}

/* A COW LV: its origin, shown with the origin's size, then its own. */
static void cow_lines(const struct plvm_host *h, const struct snap *s, struct plvm_display *d)
{
	uint64_t done = 0, total = 0, ext = api->vg_extent_size(api->lv_vg(s->cow));
	bool live = cow_live(h, s->cow, &done, &total);
	char buf[64];

	if (d->part == PLVM_DISP_NAMES) {
		d->line(d, "LV snapshot status     %s destination for %s",
			live ? "active" : "INACTIVE", api->lv_name(s->origin));
		d->shown_extents = api->lv_extents(s->origin);
	} else if (d->part == PLVM_DISP_EXTENTS) {
		d->line(d, "COW-table size         %s",
			d->size_str(d, buf, sizeof(buf), api->lv_extents(s->cow) * ext));
		d->line(d, "COW-table LE           %u", api->lv_extents(s->cow));
		if (live)
			d->line(d, "Allocated to snapshot  %s%%",
				d->percent_str(buf, sizeof(buf), done, total));
		d->line(d, "Snapshot chunk size    %s", d->size_str(d, buf, sizeof(buf), s->chunk));
	}
}

static int snap_display(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, const char *status, struct plvm_display *d)
{
	const struct snap *s = seg ? snap_of(seg) : NULL;

	if (!s || api->seg_lv(seg) == lv)
		return 0;	/* the internal LV: LVM2 shows nothing of it */
	if (lv == s->origin)
		origin_lines(h, seg, lv, d);
	else if (lv == s->cow)
		cow_lines(h, s, d);
	return 0;
}

/* ---- pvmove: the COW store and the origin move like plain LVs ---- */

/* ---- the descriptor ---- */

static const struct plvm_meta_ops snap_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import = snap_import,
	.export = snap_export,
};

static const struct plvm_dev_ops snap_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = snap_build_table,
	.dev_plan = snap_dev_plan,
	.top_table = snap_top_table,
	.after_commit = snap_after_commit,
	.peers = snap_peers,
};

static const struct plvm_report_ops snap_report = {
	.size = sizeof(struct plvm_report_ops),
	.field = snap_field,
	.lv_attr = snap_lv_attr,
	.lv_visible = snap_lv_visible,
	.display = snap_display,
};

static const struct plvm_field field_snap_percent = {
	.size = sizeof(struct plvm_field), .name = "snap_percent", .heading = "Snap%",
	.kind = PLVM_FIELD_PCT, .width = 6,
	.help = "for snapshots, the percentage of the COW store in use",
};

static const struct plvm_field field_snap_invalid = {
	.size = sizeof(struct plvm_field), .name = "lv_snapshot_invalid",
	.heading = "SnapInvalid", .kind = PLVM_FIELD_STR, .word = "snapshot invalid", .width = 15,
	.help = "whether the snapshot is invalid (full or failed)",
};

static const struct plvm_field *const snap_fields[] = {
	&field_snap_percent, &field_snap_invalid, NULL,
};

const struct plvm_segtype snapshot_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "snapshot",
	.dm_target = "snapshot",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_VIRTUAL | PLVM_SEG_CANNOT_ZERO,
	.meta = &snap_meta,
	.dev = &snap_dev,
	.cmd = &snap_cmd_ops,
	.report = &snap_report,
	.options = snap_options,
	.fields = snap_fields,
};

static const struct plvm_segtype *const segtypes[] = { &snapshot_type, NULL };

static int snap_init(const struct plvm_host *h, const struct plvm_host_api *host)
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
	.name = "snapshot",
	.version = "1.0",
	.segtypes = segtypes,
	.init = snap_init,
};

/* The one exported symbol. */
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(snapshot)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(snapshot)(uint32_t maj, uint32_t min)
{
	return &plugin;
}
