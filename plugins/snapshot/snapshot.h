/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The snapshot segment type: LVM2's copy-on-write snapshots.
 *
 * Written as a vendor would write a plugin: it includes nothing of plvm
 * but <plvm/segtype.h> and builds out of tree against the installed SDK
 * (plugins/snapshot/Makefile.sdk) as well as in the tree.
 *
 * The model, as LVM2 writes it: a snapshot "snap" of "lv" is
 *
 *	lv		the origin, a visible LV of any type
 *	snap		the COW store: a plain LV without VISIBLE status
 *	snapshotN	an internal LV (VISIBLE status, never listed) of the
 *			origin's size with one segment:
 *				type = "snapshot"
 *				chunk_size = 8		(sectors)
 *				origin = "lv"
 *				cow_store = "snap"	(merging_store while merging)
 *
 * The snapshot segment uses the origin (a USE link) and owns the COW LV
 * (a SUB link).  Devices, as LVM2 makes them:
 *
 *	vg-lv-real	the origin's own segments
 *	vg-lv		snapshot-origin vg-lv-real
 *	vg-snap-cow	the COW LV's own segments
 *	vg-snap		snapshot vg-lv-real vg-snap-cow P <chunk> (the origin's size)
 *
 * and, while a merge runs, vg-lv is snapshot-merge vg-lv-real vg-snap-cow.
 */
#ifndef PLVM_SNAPSHOT_H
#define PLVM_SNAPSHOT_H

#include <stdbool.h>
#include <plvm/segtype.h>

#define SNAP_DEV_LEN		32
#define SNAP_NAME_LEN		256
#define SNAP_CHUNK_DEFAULT	8	/* sectors: 4 KiB */
#define SNAP_CHUNK_MIN		8
#define SNAP_CHUNK_MAX		1024	/* 512 KiB */
#define SNAP_MIN_CHUNKS		3	/* a COW store holds at least this many */
#define SNAP_HEADER_BYTES	4096	/* wiped before a COW store is used */

extern const struct plvm_host_api *snap_api;
extern const struct plvm_segtype snapshot_type;

/* The private data of a snapshot segment. */
struct snap {
	struct plvm_lv *origin;		/* USE link */
	struct plvm_lv *cow;		/* SUB link */
	uint32_t chunk;			/* sectors */
	bool merging;			/* merging_store instead of cow_store */
};

/* What the kernel says of a snapshot device. */
enum snap_state {
	SNAP_INACTIVE = 0,
	SNAP_VALID,
	SNAP_INVALID,		/* "Invalid": full or failed */
	SNAP_MERGE_FAILED,
	SNAP_UNKNOWN,
};

struct snap_status {
	enum snap_state state;
	uint64_t used, total, meta;	/* sectors */
};

/* snapshot.c */
struct snap *snap_of(const struct plvm_seg *seg);
struct snap *snap_get(const struct plvm_host *h, struct plvm_seg *seg);
bool seg_is_snap(const struct plvm_seg *seg);
/* The snapshot segment whose COW store is @lv, or NULL. */
struct plvm_seg *snap_of_cow(const struct plvm_lv *lv);
/* The next snapshot segment after @prev (NULL: the first) of origin @lv. */
struct plvm_seg *snap_next_of_origin(const struct plvm_lv *lv, const struct plvm_seg *prev);
/* The snapshot segment merging into @origin, or NULL. */
struct plvm_seg *merging_of(const struct plvm_lv *origin);
uint32_t snap_count(const struct plvm_lv *origin);
uint64_t lv_sectors(const struct plvm_lv *lv);
const char *snap_lvname(char *buf, size_t len, const struct plvm_lv *lv);
int snap_parse_status(const char *params, struct snap_status *st);
/* The kernel status of the snapshot device of COW LV @cow. */
void snap_status_of(const struct plvm_host *h, const struct plvm_lv *cow,
		    struct snap_status *st);

/* snapshot_cmd.c */
extern const struct plvm_cmd_ops snap_cmd_ops;
extern const struct plvm_option *const snap_options[];
/* The most extents a COW store of @origin can use with @chunk. */
/* The kernel merges a snapshot into @origin (snapshot-merge is live). */
bool snap_merge_running(const struct plvm_host *h, const struct plvm_lv *origin);
/* lvconvert --merge starts @seg's merge in this process. */
bool snap_merge_started(const struct plvm_seg *seg);
int snap_after_commit(const struct plvm_host *h, struct plvm_seg *seg);
uint32_t snap_cow_max_extents(const struct plvm_lv *origin, uint64_t extent_size, uint32_t chunk);

#endif /* PLVM_SNAPSHOT_H */
