/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The snapshot type's commands: lvcreate -s, lvremove of snapshots and
 * origins, lvextend of an origin, lvconvert --merge and --splitsnapshot.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <plvm/segtype.h>
#include "snapshot.h"

#define api snap_api

#define SECTOR_SHIFT	9

/* ---- sizes ---- */

/*
 * A COW store holds a header chunk, then metadata chunks each followed by
 * the data chunks it describes; a metadata chunk holds 16-byte entries.
 * One chunk per origin chunk, the metadata chunks they need and one more
 * (a terminator) is all a snapshot can ever use.
 */
uint32_t snap_cow_max_extents(const struct plvm_lv *origin, uint64_t extent_size, uint32_t chunk)
{
	uint64_t origin_chunks = (lv_sectors(origin) + chunk - 1) / chunk;
	uint64_t per_area = (uint64_t)chunk << (SECTOR_SHIFT - 4);
	uint64_t meta = (origin_chunks + per_area) / per_area;
	uint64_t size = (1 + origin_chunks + meta) * chunk;
	uint64_t ext = (size + extent_size - 1) / extent_size;

	return ext > UINT32_MAX ? UINT32_MAX : (uint32_t)ext;
}

static int read_chunk(const struct plvm_host *h, const struct plvm_request *r, uint32_t *chunk)
{
	uint64_t v;

	*chunk = SNAP_CHUNK_DEFAULT;
	if (api->opt_u64(r, "chunksize", &v, NULL))
		return 0;
	if (v < SNAP_CHUNK_MIN || v > SNAP_CHUNK_MAX || (v & (v - 1))) {
		api->log(h, PLVM_LOG_ERR, "Chunk size must be a power of 2 in the range 4K to 512K.");
		return -EINVAL;
	}
	*chunk = (uint32_t)v;
	return 0;
}

static uint32_t pct_extents(uint64_t of, uint64_t pct)
{
	uint64_t e = (of * pct + 99) / 100;

	return e > UINT32_MAX ? UINT32_MAX : (uint32_t)e;
}

/* -l/-L of the COW store: %ORIGIN, the most it can use, the least. */
static int cow_extents(const struct plvm_host *h, const struct plvm_request *r,
		       const struct plvm_lv *origin, uint32_t chunk, uint32_t *out)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	uint64_t es = api->vg_extent_size(api->lv_vg(origin));
	uint32_t max = snap_cow_max_extents(origin, es, chunk), ext;
	char a[32], b[32];
	int ret;

	if ((ret = api->req_size(h, r, NULL, &sz)))
		return ret;
	if (!sz.given) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents with snapshots.");
		return -EINVAL;
	}
	ext = sz.pct == PLVM_PCT_ORIGIN ? pct_extents(max, sz.pct_value) :
	      sz.extents > UINT32_MAX ? UINT32_MAX : (uint32_t)sz.extents;
	if (ext > max) {
		api->log(h, PLVM_LOG_NOTICE, "Reducing COW size %s down to maximum usable size %s.",
			 api->size_str(a, sizeof(a), ext * es), api->size_str(b, sizeof(b), max * es));
		ext = max;
	}
	if (ext * es < (uint64_t)SNAP_MIN_CHUNKS * chunk) {
		api->log(h, PLVM_LOG_ERR, "Snapshot volume cannot be smaller than %u chunks "
			 "(%" PRIu64 " extents, %s).", SNAP_MIN_CHUNKS,
			 ((uint64_t)SNAP_MIN_CHUNKS * chunk + es - 1) / es,
			 api->size_str(a, sizeof(a), (uint64_t)SNAP_MIN_CHUNKS * chunk));
		return -ERANGE;
	}
	*out = ext;
	return 0;
}

/* ---- lvcreate -s ---- */

static const char *origin_refusal(const struct plvm_lv *lv)
{
	uint64_t st = api->lv_status(lv);
	struct plvm_seg *seg = NULL;

	if (snap_of_cow(lv))
		return "snapshots";
	if (st & PLVM_LV_LOCKED)
		return "locked volumes";
	if (st & PLVM_LV_PVMOVE)
		return "pvmoved volumes";
	if (!(st & PLVM_LV_VISIBLE))
		return "hidden volumes";
	while ((seg = snap_next_of_origin(lv, seg)))
		if (snap_of(seg)->merging)
			return "an origin that has a merging snapshot";
	return NULL;
}

static int find_origin(const struct plvm_host *h, struct plvm_vg *vg,
		       const struct plvm_request *r, struct plvm_lv **out)
{
	const char *name = api->req_lv_name(r), *why;

	if (!name) {
		api->log(h, PLVM_LOG_ERR, "Please specify a logical volume to act as the "
			 "snapshot origin.");
		return -EINVAL;
	}
	if (!(*out = api->vg_find_lv(vg, name))) {
		api->log(h, PLVM_LOG_ERR, "Couldn't find origin volume %s in Volume group %s.",
			 name, api->vg_name(vg));
		return -ENOENT;
	}
	if ((why = origin_refusal(*out))) {
		api->log(h, PLVM_LOG_ERR, "Snapshots of %s are not supported.", why);
		return -EPERM;
	}
	return 0;
}

/* The internal LV "snapshotN" with the first free N. */
static struct plvm_lv *internal_lv(const struct plvm_host *h, struct plvm_vg *vg)
{
	char name[32];
	int i;

	for (i = 0; i < 1000000; i++) {
		snprintf(name, sizeof(name), "snapshot%d", i);
		if (!api->vg_find_lv(vg, name))
			return api->lv_create(h, vg, name, PLVM_LVC_VISIBLE);
	}
	errno = EEXIST;
	return NULL;
}

/* Make @cow the COW store of a new snapshot of @origin. */
static int snap_attach(const struct plvm_host *h, struct plvm_lv *origin, struct plvm_lv *cow,
		       uint32_t chunk)
{
	struct plvm_vg *vg = api->lv_vg(origin);
	uint32_t len = api->lv_extents(origin);
	struct plvm_lv *lv = internal_lv(h, vg);
	struct plvm_seg *seg;
	struct snap *s;
	int r;

	if (!lv)
		return -errno;
	if (!(seg = api->seg_create(h, lv, &snapshot_type, len, len, 0)) ||
	    !(s = snap_get(h, seg)))
		return -ENOMEM;
	s->origin = origin;
	s->cow = cow;
	s->chunk = chunk;
	if ((r = api->lv_set_status(cow, 0, PLVM_LV_VISIBLE)) ||
	    (r = api->seg_link_lv(h, seg, origin, PLVM_LINK_USE)) ||
	    (r = api->seg_link_lv(h, seg, cow, PLVM_LINK_SUB)))
		return r;
	return api->lv_is_active(h, origin) ? api->lv_reload(h, origin) : 0;
}

static bool wants_snapshot(const struct plvm_request *r)
{
	const char *type = api->req_type_name(r);

	if (api->opt_given(r, "snapshot"))
		return true;
	/* -V alone is a thin LV's, when a thin type is there to take it */
	return type && !strcmp(type, "snapshot");
}

/*
 * A sparse LV (-V without a thin pool): a snapshot of a hidden origin
 * "<name>_vorigin" of the virtual size that reads zeros, as LVM2 makes it
 * with sparse_segtype_default = "snapshot".
 */
static int virtual_origin(const struct plvm_host *h, struct plvm_vg *vg,
			  const struct plvm_request *r, const struct plvm_lv *cow,
			  struct plvm_lv **out)
{
	const struct plvm_segtype *zero = api->segtype_find(h, "zero");
	uint64_t es = api->vg_extent_size(vg), size;
	char name[SNAP_NAME_LEN];
	uint32_t ext;

	if (api->opt_u64(r, "virtualsize", &size, NULL) || !size) {
		api->log(h, PLVM_LOG_ERR, "Virtual size of a sparse snapshot must be larger than 0.");
		return -EINVAL;
	}
	if (!zero) {
		api->log(h, PLVM_LOG_ERR, "Sparse snapshots need the zero segment type.");
		return -ENOTSUP;
	}
	ext = (size + es - 1) / es > UINT32_MAX ? UINT32_MAX : (uint32_t)((size + es - 1) / es);
	snprintf(name, sizeof(name), "%s_vorigin", api->lv_name(cow));
	if (!(*out = api->lv_create(h, vg, name, 0)))
		return -errno;
	api->lv_set_status(*out, 0, PLVM_LV_WRITE);	/* as LVM2's: nothing writes it */
	return api->seg_create(h, *out, zero, ext, ext, 0) ? 0 : -errno;
}

static bool is_sparse(const struct plvm_request *r)
{
	return api->opt_given(r, "virtualsize");
}

/* A COW store starts with a zeroed header: the kernel makes it new.  Its
 * own device is written even for a read-only snapshot (-pr: the snapshot
 * device above it is the read-only one). */
static int wipe_header(const struct plvm_host *h, struct plvm_lv *cow)
{
	uint64_t perm = api->lv_status(cow) & PLVM_LV_WRITE;
	int ret;

	api->lv_set_status(cow, PLVM_LV_WRITE, 0);
	ret = api->lv_wipe(h, cow, SNAP_HEADER_BYTES);
	api->lv_set_status(cow, perm, PLVM_LV_WRITE & ~perm);
	return ret;
}

static int snap_create(const struct plvm_host *h, struct plvm_vg *vg,
		       const struct plvm_request *r, struct plvm_lv **main)
{
	struct plvm_lv *origin = NULL, *cow;
	const char *name = NULL;
	uint32_t chunk, ext;
	int ret;

	if (!wants_snapshot(r))
		return -ENOTSUP;
	/* -s LV --thinpool POOL with no size: a thin LV on LV, not a COW one */
	if (api->opt_given(r, "thinpool") && !api->opt_given(r, "size") &&
	    !api->opt_given(r, "extents"))
		return -ENOTSUP;
	if ((ret = read_chunk(h, r, &chunk)) ||
	    (!is_sparse(r) && (ret = find_origin(h, vg, r, &origin))))
		return ret;
	api->opt_str(r, "name", &name);
	if (!(cow = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)))
		return -errno;
	if ((!origin && (ret = virtual_origin(h, vg, r, cow, &origin))) ||
	    (ret = cow_extents(h, r, origin, chunk, &ext)))
		return ret;
	ret = api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &cow, .count = 1, .extents = ext,
		.stripes = 1, .for_lv = cow });
	if (ret || (ret = wipe_header(h, cow)))
		return ret;
	*main = cow;
	return snap_attach(h, origin, cow, chunk);
}

/* ---- lvremove ---- */

static int ask(const struct plvm_host *h, const struct plvm_request *r,
	       const struct plvm_lv *lv, const char *question)
{
	char name[SNAP_NAME_LEN];

	if (api->confirm(h, r, PLVM_ASK_FORCE, question))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Logical volume %s not removed.",
		 snap_lvname(name, sizeof(name), lv));
	return -ECANCELED;
}

/* Drop the snapshot whose COW store is @cow; the origin's devices follow. */
static int drop_snapshot(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap *s = snap_of(seg);
	struct plvm_lv *origin = s->origin;
	int r = api->lv_remove_tree(h, api->seg_lv(seg));

	if (r || snap_count(origin))
		return r;
	if (!(api->lv_status(origin) & PLVM_LV_VISIBLE))	/* a sparse LV's */
		return api->lv_remove_tree(h, origin);
	return api->lv_is_active(h, origin) ? api->lv_reload(h, origin) : 0;
}

static int remove_snapshot(const struct plvm_host *h, struct plvm_seg *seg,
			   const struct plvm_request *r)
{
	struct plvm_lv *cow = snap_of(seg)->cow;
	char name[SNAP_NAME_LEN], q[2 * SNAP_NAME_LEN];
	int ret;

	if (api->lv_is_active(h, cow)) {
		snprintf(q, sizeof(q), "Do you really want to remove active logical volume %s?",
			 snap_lvname(name, sizeof(name), cow));
		if ((ret = ask(h, r, cow, q)))
			return ret;
	}
	return drop_snapshot(h, seg);
}

static int remove_origin(const struct plvm_host *h, struct plvm_lv *origin,
			 const struct plvm_request *r)
{
	char name[SNAP_NAME_LEN], q[2 * SNAP_NAME_LEN];
	uint32_t n = snap_count(origin);
	struct plvm_seg *seg;
	int ret;

	snap_lvname(name, sizeof(name), origin);
	if (api->lv_is_active(h, origin))
		snprintf(q, sizeof(q), "Do you really want to remove active origin logical volume "
			 "%s with %u snapshots(s)?", name, n);
	else
		snprintf(q, sizeof(q), "Removing origin %s will also remove %u snapshots(s). "
			 "Proceed?", api->lv_name(origin), n);
	if ((ret = ask(h, r, origin, q)))
		return ret;
	while ((seg = snap_next_of_origin(origin, NULL))) {
		snprintf(name, sizeof(name), "%s", api->lv_name(snap_of(seg)->cow));
		if ((ret = api->lv_remove_tree(h, api->seg_lv(seg))))
			return ret;
		api->log(h, PLVM_LOG_NOTICE, "Logical volume \"%s\" successfully removed.", name);
	}
	return api->lv_remove_tree(h, origin);
}

static int snap_remove(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r)
{
	struct plvm_seg *seg = snap_of_cow(lv);

	if (seg)
		return remove_snapshot(h, seg, r);
	if (snap_next_of_origin(lv, NULL))
		return remove_origin(h, lv, r);
	if ((seg = api->lv_first_seg(lv)) && seg_is_snap(seg)) {
		api->log(h, PLVM_LOG_ERR, "Can't remove internal logical volume %s.",
			 api->lv_name(lv));
		return -EINVAL;
	}
	return -ENOTSUP;
}

/* ---- lvextend/lvreduce ---- */

/* A COW store resizes as the plain LV it is (its devices are reloaded); an
 * active origin cannot change under its snapshots. */
static int snap_resize(const struct plvm_host *h, struct plvm_lv *lv,
		       const struct plvm_request *r)
{
	if (!snap_next_of_origin(lv, NULL) || !api->lv_is_active(h, lv))
		return -ENOTSUP;
	api->log(h, PLVM_LOG_ERR, "Snapshot origin volumes can be resized only while inactive: "
		 "try lvchange -an.");
	return -EBUSY;
}

/* ---- lvconvert --merge ---- */

/* The merge lvconvert asked for in this process: after_commit waits for it;
 * with @merge_starting, lvconvert starts it now. */
static struct plvm_seg *merge_to_wait;
static bool merge_starting;

bool snap_merge_started(const struct plvm_seg *seg)
{
	return seg == merge_to_wait && merge_starting;
}

static int merge_refusal(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap *s = snap_of(seg);
	struct plvm_seg *other = merging_of(s->origin);
	char a[SNAP_NAME_LEN], b[SNAP_NAME_LEN];
	struct snap_status st;

	if (other && other != seg) {
		api->log(h, PLVM_LOG_ERR, "Cannot merge snapshot %s into the origin %s with "
			 "merging snapshot %s.", snap_lvname(a, sizeof(a), s->cow),
			 api->lv_name(s->origin), api->lv_name(snap_of(other)->cow));
		return -EBUSY;
	}
	snap_status_of(h, s->cow, &st);
	if (st.state == SNAP_INVALID) {
		api->log(h, PLVM_LOG_ERR, "Unable to merge invalid snapshot %s.",
			 snap_lvname(b, sizeof(b), s->cow));
		return -EPERM;
	}
	return 0;
}

/* Start the merge now, or say when it will start. */
static int merge_start(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap *s = snap_of(seg);
	char a[SNAP_NAME_LEN], b[SNAP_NAME_LEN];

	snap_lvname(a, sizeof(a), s->cow);
	snap_lvname(b, sizeof(b), s->origin);
	if (snap_merge_running(h, s->origin)) {	/* see it to its end */
		merge_to_wait = seg;
		return 0;
	}
	if (api->lv_is_active(h, s->origin) && !api->lv_is_open(h, s->origin, PLVM_DEV_TOP)) {
		api->log(h, PLVM_LOG_NOTICE, "Merging of volume %s started.", a);
		merge_to_wait = seg;
		merge_starting = true;
		return api->lv_reload(h, s->origin);
	}
	if (api->lv_is_active(h, s->origin))
		api->log(h, PLVM_LOG_WARN, "WARNING: Can't merge until origin volume is closed.");
	api->log(h, PLVM_LOG_NOTICE, "Merging of snapshot %s will occur on next activation of %s.",
		 a, b);
	return 0;
}

static int snap_merge(const struct plvm_host *h, struct plvm_lv *lv,
		      const struct plvm_request *r)
{
	struct plvm_seg *seg;
	char name[SNAP_NAME_LEN];
	int ret;

	if (!(seg = snap_of_cow(lv)) && api->opt_given(r, "mergesnapshot"))
		return -ENOTSUP;	/* the host names what the LV is */
	if (!seg) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s is not a snapshot to merge.",
			 snap_lvname(name, sizeof(name), lv));
		return -EINVAL;
	}
	if (snap_of(seg)->merging)	/* again: start it if it waits, see it end */
		return merge_start(h, seg);
	if ((ret = merge_refusal(h, seg)))
		return ret;
	snap_of(seg)->merging = true;
	/* as LVM2: the internal LV of a merging snapshot is not VISIBLE */
	if ((ret = api->lv_set_status(api->seg_lv(seg), 0, PLVM_LV_VISIBLE)))
		return ret;
	return merge_start(h, seg);
}

/* ---- lvconvert --splitsnapshot ---- */

static int split_refusal(const struct plvm_host *h, const struct snap *s, const char *name,
			 const struct plvm_request *r)
{
	char q[2 * SNAP_NAME_LEN];

	if (!(api->lv_status(s->origin) & PLVM_LV_VISIBLE)) {
		api->log(h, PLVM_LOG_ERR, "Unable to split off snapshot %s with virtual origin.",
			 name);
		return -EPERM;
	}
	if (api->lv_is_active(h, s->cow) <= 0)
		return 0;
	if (api->lv_is_open(h, s->cow, PLVM_DEV_TOP) > 0) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s in use.", name);
		return -EBUSY;
	}
	snprintf(q, sizeof(q), "Do you really want to split off active logical volume %s?", name);
	if (api->confirm(h, r, PLVM_ASK_FORCE, q))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Logical volume %s not split.", name);
	return -ECANCELED;
}

/* The COW store leaves its snapshot as the plain LV it is (its content
 * kept, as LVM2 keeps it); the origin's devices follow. */
static int snap_split(const struct plvm_host *h, struct plvm_lv *lv,
		      const struct plvm_request *r)
{
	struct plvm_seg *seg = snap_of_cow(lv);
	struct plvm_lv *origin;
	char name[SNAP_NAME_LEN];
	int ret;

	if (!seg || snap_of(seg)->merging)
		return -ENOTSUP;	/* the host names what the LV is */
	origin = snap_of(seg)->origin;
	snap_lvname(name, sizeof(name), lv);
	if ((ret = split_refusal(h, snap_of(seg), name, r)) ||
	    (ret = api->seg_unlink_lv(h, seg, lv)) ||
	    (ret = api->lv_remove_tree(h, api->seg_lv(seg))) ||
	    (ret = api->lv_set_status(lv, PLVM_LV_VISIBLE, 0)) ||
	    (api->lv_is_active(h, origin) > 0 && (ret = api->lv_reload(h, origin))) ||
	    (api->lv_is_active(h, lv) > 0 && (ret = api->lv_reload(h, lv))))
		return ret;
	api->log(h, PLVM_LOG_NOTICE, "Logical Volume %s split from its origin.", name);
	api->outcome_logged(r);
	return 0;
}

static int snap_convert(const struct plvm_host *h, struct plvm_lv *lv,
			const struct plvm_request *r)
{
	int ret;

	if (api->opt_given(r, "splitsnapshot"))
		return snap_split(h, lv, r);
	if (!api->opt_given(r, "merge") && !api->opt_given(r, "mergesnapshot"))
		return -ENOTSUP;
	ret = snap_merge(h, lv, r);
	if (!ret)	/* LVM2 says how the merge goes, not "converted" */
		api->outcome_logged(r);
	return ret;
}

/* Kernel progress of a merge into @origin: 1 done, 0 running, -errno. */
static int merge_done(const struct plvm_host *h, const struct plvm_lv *origin,
		      struct snap_status *st)
{
	char buf[128];
	int r = api->dev_status(h, origin, PLVM_DEV_TOP, buf, sizeof(buf));

	if (r)
		return r;
	if ((r = snap_parse_status(buf, st)))
		return r;
	if (st->state != SNAP_VALID) {
		api->log(h, PLVM_LOG_ERR, "Kernel status of %s: %s.", api->lv_name(origin), buf);
		return -EIO;
	}
	return st->used == st->meta;
}

/* The merge ran to its end: the snapshot goes, the origin's table follows. */
static int merge_finish(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap *s = snap_of(seg);
	struct plvm_lv *origin = s->origin;
	char cow[SNAP_NAME_LEN];
	int r;

	snprintf(cow, sizeof(cow), "%s", api->lv_name(s->cow));
	if ((r = api->lv_remove_tree(h, api->seg_lv(seg))) || (r = api->lv_reload(h, origin)))
		return r;
	api->vg_changed(h, api->lv_vg(origin));
	api->log(h, PLVM_LOG_NOTICE, "Merge of snapshot into logical volume %s has finished.",
		 api->lv_name(origin));
	api->log(h, PLVM_LOG_NOTICE, "Logical volume \"%s\" successfully removed.", cow);
	return 0;
}

#define MERGE_POLL_US	200000

static int merge_wait(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap_status st;
	char name[SNAP_NAME_LEN];
	int r;

	snap_lvname(name, sizeof(name), snap_of(seg)->origin);
	while (!(r = merge_done(h, snap_of(seg)->origin, &st)))
		usleep(MERGE_POLL_US);
	if (r < 0) {
		api->log(h, PLVM_LOG_ERR, "Merging of %s failed.", name);
		return r;
	}
	api->log(h, PLVM_LOG_NOTICE, "%s: Merged: 100.00%%", name);
	return merge_finish(h, seg);
}

/* After each commit: a merge lvconvert started is waited for; one that an
 * activation started and the kernel finished is wound up. */
int snap_after_commit(const struct plvm_host *h, struct plvm_seg *seg)
{
	struct snap *s = snap_of(seg);
	struct snap_status st;

	if (!s || !s->merging || !api->lv_is_active(h, s->origin))
		return 0;
	if (seg == merge_to_wait) {
		merge_to_wait = NULL;
		return merge_wait(h, seg);
	}
	return merge_done(h, s->origin, &st) == 1 ? merge_finish(h, seg) : 0;
}

/* ---- options ---- */

static const struct plvm_option opt_snapshot = {
	.size = sizeof(struct plvm_option), .name = "snapshot", .letter = 's',
	.kind = PLVM_OPT_FLAG, .commands = PLVM_CMD_LVCREATE, .flags = PLVM_OPTF_SELECTS,
	.help = "create a copy-on-write snapshot of the LV given as VG/LV",
};

static const struct plvm_option opt_chunksize = {
	.size = sizeof(struct plvm_option), .name = "chunksize", .letter = 'c',
	.kind = PLVM_OPT_SIZE, .unit = 'k', .commands = PLVM_CMD_LVCREATE,
	.flags = PLVM_OPTF_NONNEG,
	.arg = "Size[k|UNIT]", .help = "the unit a snapshot copies (4 KiB to 512 KiB)",
};

static const struct plvm_option opt_merge = {
	.size = sizeof(struct plvm_option), .name = "merge", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT, .flags = PLVM_OPTF_SELECTS,
	.help = "merge a snapshot back into its origin (when the origin is next activated "
		"if it is open or inactive)",
};

/* LVM2's spelling of --merge that names the type */
static const struct plvm_option opt_mergesnapshot = {
	.size = sizeof(struct plvm_option), .name = "mergesnapshot", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT, .flags = PLVM_OPTF_SELECTS | PLVM_OPTF_TYPED,
	.help = "--merge of a snapshot",
};

static const struct plvm_option opt_splitsnapshot = {
	.size = sizeof(struct plvm_option), .name = "splitsnapshot", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVCONVERT, .flags = PLVM_OPTF_SELECTS | PLVM_OPTF_TYPED,
	.help = "make a snapshot's COW store a plain LV of its own, apart from the origin",
};

static const struct plvm_option opt_virtualsize = {
	.size = sizeof(struct plvm_option), .name = "virtualsize", .letter = 'V',
	.kind = PLVM_OPT_SIZE, .unit = 'm', .commands = PLVM_CMD_LVCREATE,
	.flags = PLVM_OPTF_NOSIGN,
	.arg = "Size[m|UNIT]", .help = "the size of a sparse LV (with -s: a snapshot of zeros)",
};

const struct plvm_option *const snap_options[] = {
	&opt_snapshot, &opt_chunksize, &opt_merge, &opt_mergesnapshot, &opt_splitsnapshot,
	&opt_virtualsize, NULL,
};

const struct plvm_cmd_ops snap_cmd_ops = {
	.size = sizeof(struct plvm_cmd_ops),
	.create = snap_create,
	.resize = snap_resize,
	.convert = snap_convert,
	.remove = snap_remove,
};
