/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The in-memory metadata model: volume groups, physical volumes, logical
 * volumes and their segments.  Everything of one VG is allocated from the
 * VG's pool (vg->mem) and freed with it by vg_free().
 */
#ifndef PLVM_MODEL_H
#define PLVM_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "plvm/segtype.h"

#define ID_LEN		32	/* an LVM2 uuid without dashes */
#define SECTOR_SHIFT	9

struct cmd;
struct segtype;
struct device;

/* Status bits; the text names are LVM2's (see metadata text import/export). */
#define ST_READ			(1ULL << 0)
#define ST_WRITE		(1ULL << 1)
#define ST_RESIZEABLE		(1ULL << 2)	/* VG */
#define ST_VISIBLE		(1ULL << 3)	/* LV */
#define ST_ALLOCATABLE		(1ULL << 4)	/* PV */
#define ST_EXPORTED		(1ULL << 5)	/* VG, PV */
/* --vgmetadatacopies all: every area in use, then unmanaged (never written) */
#define VG_MDA_COPIES_ALL	UINT32_MAX
#define ST_PVMOVE		(1ULL << 6)	/* LV, segment */
#define ST_LOCKED		(1ULL << 7)	/* LV */
#define ST_MISSING		(1ULL << 8)	/* PV flags "MISSING" */
#define ST_FIXED_MINOR		(1ULL << 9)
#define ST_NOTSYNCED		(1ULL << 10)
#define ST_REBUILD		(1ULL << 11)
#define ST_WRITEMOSTLY		(1ULL << 12)
#define ST_CLUSTERED		(1ULL << 13)
#define ST_SHARED		(1ULL << 14)

enum alloc_policy {
	ALLOC_INHERIT = 0,
	ALLOC_CONTIGUOUS,
	ALLOC_CLING,
	ALLOC_CLING_BY_TAGS,
	ALLOC_NORMAL,
	ALLOC_ANYWHERE,
};

struct area {
	enum plvm_area_kind kind;
	union {
		struct { struct pv *pv; uint32_t pe; } pv;
		struct { struct lv *lv; uint32_t le; } lv;
	} u;
};

/* A segment's use of an LV outside its areas (api->seg_link_lv). */
struct seg_link {
	struct dm_list list;		/* in seg->links */
	struct lv *lv;
	unsigned kind;			/* PLVM_LINK_SUB or PLVM_LINK_USE */
};

struct seg {
	struct dm_list list;		/* in lv->segments, ordered by le */
	struct lv *lv;
	const struct segtype *segtype;
	uint32_t le;			/* start_extent */
	uint32_t len;			/* extent_count */
	uint32_t area_len;		/* extents per area */
	uint32_t area_count;
	struct area *areas;
	uint64_t status;		/* ST_PVMOVE for pvmove segments */
	uint32_t extents_copied;	/* pvmove/mirror progress, from the kernel or extents_moved */
	uint64_t sectors_copied;	/* pvmove: the same from the kernel, to the region */
	void *priv;			/* the segment type's data (api->seg_alloc) */
	struct dm_list links;		/* struct seg_link */
	struct dm_config_node *extra;	/* keys its type did not read, written back as read */
	const char **tags;		/* NULL-terminated, or NULL */
};

/* One use of an LV: a segment area or a segment link that points at it. */
struct lv_user {
	struct dm_list list;		/* in lv->users */
	struct seg *seg;
	unsigned kind;			/* PLVM_LINK_SUB for an area, else the link's kind */
	bool area;			/* through an area (else a link) */
};

struct lv {
	struct dm_list list;		/* in vg->lvs */
	struct vg *vg;
	const char *name;
	char id[ID_LEN + 1];
	uint64_t status;
	const char **flags;		/* compatible flags strings kept verbatim, NULL-terminated */
	const char **tags;
	enum alloc_policy alloc;
	uint64_t creation_time;
	const char *creation_host;
	int32_t major, minor;		/* -1 unless FIXED_MINOR */
	uint32_t read_ahead;		/* sectors; 0 = auto, UINT32_MAX = none ("-1" in text) */
	uint32_t le_count;		/* sum of segment lengths */
	struct dm_list segments;	/* struct seg */
	struct dm_list users;		/* struct lv_user: segments using this LV */
	const char *old_name;		/* set by lv_set_name: the name its devices have */
	struct dm_config_node *extra;	/* keys we do not model, written back as read */
};

struct pv {
	struct dm_list list;		/* in vg->pvs */
	struct vg *vg;
	struct device *dev;		/* NULL when missing */
	const char *dev_name;		/* "device =" hint or the real path */
	const char *key;		/* "pv0", the name segments use */
	char id[ID_LEN + 1];
	uint64_t status;
	const char **tags;
	uint64_t dev_size;		/* sectors */
	uint64_t pe_start;		/* sectors */
	uint32_t pe_count;
	uint64_t ba_start, ba_size;	/* bootloader area, sectors */
	struct dm_config_node *extra;
};

struct vg {
	struct dm_pool *mem;
	struct cmd *cmd;
	const char *name;
	char id[ID_LEN + 1];
	uint32_t seqno;
	uint64_t status;
	const char **flags;
	const char **tags;
	uint64_t extent_size;		/* sectors */
	uint32_t max_lv, max_pv;
	enum alloc_policy alloc;
	uint32_t metadata_copies;	/* areas kept in use; 0: unmanaged;
					 * VG_MDA_COPIES_ALL until the next write */
	const char *system_id;
	struct dm_list pvs;		/* struct pv */
	struct dm_list lvs;		/* struct lv */
	struct dm_config_node *extra;	/* VG keys we do not model */
	struct dm_config_node *hist;	/* historical_logical_volumes, as read */
	const char *creation_host;	/* of the text we read */
	uint64_t creation_time;
	bool changed;			/* a hook changed the model: commit it again */
	bool for_update;		/* read with VG_READ_FOR_UPDATE (may be written) */
	struct dm_list removed;		/* struct lv (by ->list) lv_remove() took out */
	struct lv **reload;		/* LVs whose tables change with the next commit */
	unsigned nreload, reload_cap;
	char *written;			/* core/vg_io.c: our section's text at written_seqno */
	uint32_t written_seqno;
};

/* Construction and lookup (core/model.c). */
struct vg *vg_new(struct cmd *cmd, const char *name);
void vg_free(struct vg *vg);
struct pv *vg_add_pv(struct vg *vg, const char *key);
struct lv *vg_add_lv(struct vg *vg, const char *name);	/* NULL, EEXIST if taken */
/* vg_add_lv() without the name check, for callers that know it is new (the
 * metadata import refuses duplicate sections first); appends to vg->lvs. */
struct lv *vg_append_lv(struct vg *vg, const char *name);
struct lv *find_lv(const struct vg *vg, const char *name);
struct pv *find_pv_by_key(const struct vg *vg, const char *key);
struct pv *find_pv_by_name(const struct vg *vg, const char *dev_name);
struct pv *find_pv_by_id(const struct vg *vg, const char *id);
struct seg *seg_new(struct lv *lv, const struct segtype *st, uint32_t le, uint32_t len,
		    uint32_t area_len, uint32_t area_count);
void lv_add_seg(struct lv *lv, struct seg *seg);	/* keeps segments ordered */
int seg_set_area_pv(struct seg *seg, uint32_t i, struct pv *pv, uint32_t pe);
int seg_set_area_lv(struct seg *seg, uint32_t i, struct lv *lv, uint32_t le);
void seg_clear_area(struct seg *seg, uint32_t i);
/* Links outside the areas: -EEXIST if @seg links @lv already, -ELOOP if
 * @lv is @seg's LV; unlink: -ENOENT if not linked. */
int seg_link_lv(struct seg *seg, struct lv *lv, unsigned kind);
int seg_unlink_lv(struct seg *seg, struct lv *lv);
/* Drop every area and link of @seg (before freeing it). */
void seg_release(struct seg *seg);
/* Remove @seg from its LV (le_count shrinks), releasing its areas and links. */
void lv_del_seg(struct lv *lv, struct seg *seg);
/* -EBUSY if something uses it; else the LV goes to vg->removed (its devices
 * are cleaned up after the commit). */
int lv_remove(struct lv *lv);
/* Note that @lv's tables change with the next commit. */
int vg_note_reload(struct vg *vg, struct lv *lv);
/* Rename @lv, remembering the first old name for its devices.  0, or
 * -EEXIST (name taken), -ENOMEM. */
int lv_set_name(struct lv *lv, const char *name);
/* Does @lv hold (through areas and SUB links, recursively) @sub? */
bool lv_holds(const struct lv *lv, const struct lv *sub);
/* Does @lv, or an LV it holds (areas, SUB links), lie on a missing PV? */
bool lv_is_partial(const struct lv *lv);
bool seg_is_partial(const struct seg *seg);
/* No device found for @pv, or its metadata says MISSING. */
bool pv_is_missing(const struct pv *pv);
/* Remove @lv and, recursively, the hidden LVs it held that nothing else
 * uses any more.  0 or -EBUSY (@lv is in use: nothing removed). */
int lv_remove_tree(struct lv *lv);
/* Append every segment of @from to @to (LEs follow on). */
void lv_move_segments(struct lv *from, struct lv *to);
/* The creation time and host of a new LV. */
void lv_stamp(struct lv *lv);
/* "lvolN" with N one more than any lvolN of @vg, into @buf. */
const char *vg_next_lv_name(const struct vg *vg, char *buf, size_t len);
struct seg *lv_first_seg(const struct lv *lv);
struct seg *lv_find_seg(const struct lv *lv, uint32_t le);
uint32_t pv_pe_alloc_count(const struct pv *pv);

/* One run of a PV's extents: what one segment area holds, or free space. */
struct pv_run {
	uint32_t pe, len;
	const struct seg *seg;		/* NULL: free */
};
/* The runs covering @pv's extents, in PE order, in a malloc'd array (its
 * length in *n; NULL with *n 0 for a PV without extents or out of memory). */
struct pv_run *pv_runs(const struct pv *pv, unsigned *n);
uint32_t vg_free_count(const struct vg *vg);
/* vgchange -s (core/extent_size.c): every extent count of @vg in extents of
 * @new_size sectors; nothing changes unless every count comes out whole
 * (-EINVAL, the count that does not logged as LVM2 says it). */
int vg_set_extent_size(struct vg *vg, uint64_t new_size);
uint32_t vg_extent_count(const struct vg *vg);
const char *vg_strdup(struct vg *vg, const char *s);

/* Ids (core/id.c): 32 chars of [0-9a-zA-Z!#], printed with dashes 6-4-4-4-4-4-6. */
int id_create(char id[ID_LEN + 1]);
int id_format(const char *id, char *buf, size_t len);	/* len >= 39 */
int id_parse(const char *text, char id[ID_LEN + 1]);	/* accepts with or without dashes */

/* Names (core/model.c). */
bool name_is_valid(const char *name);		/* VG or LV name, LVM2's rules */
bool lv_name_is_reserved(const char *name);	/* _mimage, _rimage, pvmove..., ... */
int dm_name_build(char *buf, size_t len, const char *vg, const char *lv, const char *layer);
int dm_uuid_build(char *buf, size_t len, const struct lv *lv, const char *layer);
/* An LV's metadata flags ("ACTIVATION_SKIP"...): is @flag set; set or drop it. */
bool lv_flag_is_set(const struct lv *lv, const char *flag);
int lv_flag_set(struct lv *lv, const char *flag, bool on);
/* The same of a VG's metadata flags ("NOAUTOACTIVATE"). */
bool vg_flag_is_set(const struct vg *vg, const char *flag);
int vg_flag_set(struct vg *vg, const char *flag, bool on);

#endif /* PLVM_MODEL_H */
