/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The reporting commands lvs, pvs and vgs: LVM2's field names, headings,
 * units and layouts.  cli/report_fields.c holds the field table and the
 * value getters, cli/report.c collects the rows and prints them.
 *
 * Segment-type specific values come from the types (st_field, asked of
 * the LV's own type and then of the types of the segments using it):
 * "stripes", "stripe_size", "region_size", "chunk_size" (numbers; sizes in
 * sectors), "mirror_log", "pool_lv", "data_lv", "metadata_lv", "origin"
 * (LV names), "lv_layout" (e.g. "raid,raid1"), "data_percent",
 * "metadata_percent", "snap_percent" ("done/total"), and the report fields
 * the types declare themselves.  lv_attr letters that are a type's
 * business come from the types too (st_lv_attr); cli/ names none.
 */
#ifndef PLVM_REPORT_H
#define PLVM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activate.h"

struct cmd;
struct vg;
struct lv;
struct seg;
struct pv;
struct pv_info;
struct lv_info;

/* ---- units (--units, --nosuffix) ---- */
struct rep_units {
	char type;		/* 'h', 'r', 'H', 'R' human; else the unit letter, 'U' custom */
	uint64_t factor;	/* bytes per unit (fixed units) */
	bool suffix;		/* print the unit letter */
};

/* Parse an LVM2 --units value ("m", "G", "3k", "h"...).  0 or -EINVAL. */
int units_parse(const char *s, struct rep_units *u);
/* @sectors as LVM2 prints it: "4.00m", "<3.88g", "0 ", "9216S". */
void units_format(const struct rep_units *u, uint64_t sectors, char *buf, size_t len);
/* A percentage as LVM2 rounds it: 2 decimals, never 100.00 or 0.00 unless exact. */
void percent_format(uint64_t done, uint64_t total, char *buf, size_t len);

/* ---- fields ---- */
enum rep_obj {
	RO_LV = 1u << 0,
	RO_SEG = 1u << 1,
	RO_PV = 1u << 2,
	RO_VG = 1u << 3,
};

enum rep_ftype { FT_STR, FT_NUM, FT_SIZE, FT_PCT, FT_LIST, FT_BIN };
enum rep_align { AL_LEFT, AL_RIGHT };

/* Everything one row's getters may look at. */
struct rep_lv_cache;
struct rep_opts;
struct field_def;
struct rep_row_src {
	struct cmd *cmd;
	const struct rep_opts *opts;
	struct vg *vg;			/* NULL for an orphan PV */
	struct lv *lv;
	struct seg *seg;		/* per-segment rows; else the LV's first segment */
	struct pv *pv;
	const struct pv_info *pvi;	/* pvs: what the label scan found */
	const struct device *dev;	/* pvs -a: a device that is no PV */
	bool pvseg;			/* pvs --segments: a row per run of extents */
	bool free_run;			/* that run is free: @lv and @seg are placeholders */
	struct rep_row_src *lv_src;	/* a PV with no VG: what its LV and segment
					 * fields are read from (placeholders) */
	uint32_t pvseg_start, pvseg_len;	/* that run, in extents */
	struct rep_lv_cache *lvc;	/* the kernel's view of @lv, asked once */
	struct rep_lv_cache *all;	/* the same for every LV of @vg, in vg->lvs order */
	unsigned nall;
	const struct field_def *field;	/* the field being computed */
	bool selected;			/* the row passes -S (true without -S) */
};

/* One value: the text shown and what it sorts by. */
struct rep_val {
	char *str;			/* malloc'd */
	char *sort;			/* malloc'd, or NULL: sort by @str (text) */
	uint64_t num;			/* sort value of numbers and sizes */
};

/* 0 or -errno (-ENOMEM). */
typedef int (*rep_get_fn)(const struct rep_row_src *s, struct rep_val *v);

struct field_def {
	const char *id;			/* "lv_name" */
	const char *heading;		/* "LV" */
	enum rep_obj obj;
	enum rep_ftype type;
	enum rep_align align;
	unsigned width;			/* minimum width; 0: the heading's */
	rep_get_fn get;
	const char *help;		/* one line, for -o help; may be NULL */
	const char *word;		/* FT_BIN fields of types: the word for 1 */
};

/* Look a field up as LVM2 does: underscores and case do not count, and
 * @prefix ("lv_") may be left out.  NULL if unknown. */
const struct field_def *field_find(const char *name, size_t len, const char *prefix);
/* Does LVM2 read a device's status, not only its info, for @f (its
 * LVSSTATUS fields and lv_attr)? */
bool field_reads_status(const struct field_def *f);
/* Is @name a built-in field (with or without its prefix)? */
bool field_is_builtin(const char *name);
unsigned field_min_width(const struct field_def *f);
/* cli/report_more.c: more built-in fields, and the fields of segment types
 * no plugin here provides (blank or LVM2's fixed value on every row). */
extern const struct field_def report_more_fields[];
extern const unsigned report_more_nfields;
const struct field_def *report_absent_fields(unsigned *n);
/* Print the fields of the objects in @objmask (built-in, then the types'),
 * as "-o help" asks. */
void field_help(unsigned objmask);

/* A list of columns or sort keys. */
struct rep_col {
	const struct field_def *f;
	bool desc;			/* sort keys: "-field" */
	bool hidden;			/* left out: empty in every row (compact output) */
	unsigned width;
};

struct rep_cols {
	struct rep_col *v;
	unsigned n, alloc;
};

/*
 * Apply one -o value to @cols: "a,b" replaces, "+a,b" appends, "-a,b"
 * removes.  EINVALID (3) for an empty value, EFAILED (5) with LVM2's
 * "Unrecognised field: x" for an unknown field, 0 otherwise.
 */
int cols_apply(struct rep_cols *cols, const char *spec, const char *prefix);
/* Sort keys: "[-]a,[+]b".  0 or EFAILED (unknown field). */
int keys_parse(struct rep_cols *keys, const char *spec, const char *prefix);
void cols_free(struct rep_cols *cols);

/* ---- what the report options ask for ---- */
struct rep_opts {
	struct rep_units units;
	bool all;			/* -a: hidden LVs too */
	bool binary;			/* --binary: 0/1 for yes/no fields */
	const char *dev_dir;		/* $DM_DEV_DIR or "/dev" */
	bool status;			/* a column, key or -S field reads a status */
};

/* ---- the kernel's view of an LV, asked at most once per report ---- */
struct rep_lv_cache {
	const struct lv *lv;
	bool info_done, status_done, text_done[2];
	struct lv_info info;		/* all zero when the LV's top device is down */
	bool dev_up;			/* some device of the LV is up: it has a status */
	bool no_read_ahead;		/* @info is a status device's: KRahead 0 */
	bool have_sync;			/* copy progress known */
	uint64_t sync_done, sync_total;
	char health;			/* '-' or the segment type's character */
	char *text[2];			/* status lines of the top and own devices */
};

/* Caches for the @n LVs of @vg (in vg->lvs order); free with lvc_free. */
struct rep_lv_cache *lvc_new(struct vg *vg, unsigned *n);
void lvc_free(struct rep_lv_cache *c, unsigned n);

void lvc_info(const struct rep_row_src *s);	/* fills the info part once */
void lvc_status(const struct rep_row_src *s);	/* fills the status part once */
/* The status params the types get for @seg (of any LV of the row's VG), or
 * for @lv's top device when @seg is NULL; NULL when not active. */
const char *lvc_seg_status(void *row_src, const struct seg *seg, const struct lv *lv);

/* The 10 lv_attr characters of @s->lv into @attr[11]. */
void lv_attr_build(const struct rep_row_src *s, char attr[11]);
const char *pv_display_name(const struct pv *pv);
/* LVM2's letter for an allocation policy (enum alloc_policy): i c l t n a. */
char alloc_policy_char(int policy);
/* Is @lv shown by lvs without -a? */
bool lv_is_visible(struct cmd *cmd, const struct lv *lv);
/* -S of the commands that act on LVs, VGs or PVs (lvchange, lvremove,
 * vgchange, pvchange): @text against the fields lvs (@vgs: vgs; _pvs: pvs)
 * reports; @vg is NULL for an orphan PV.
 * rep_select_new returns 0 or EFAILED (the reason printed), the matches
 * 1, 0 or -errno. */
struct rep_select;
int rep_select_new(struct cmd *cmd, bool vgs, const char *text, struct rep_select **out);
int rep_select_lv(struct rep_select *ls, struct vg *vg, struct lv *lv);
int rep_select_vg(struct rep_select *ls, struct vg *vg);
int rep_select_new_pvs(struct cmd *cmd, const char *text, struct rep_select **out);
int rep_select_pv(struct rep_select *ls, struct vg *vg, struct pv *pv, const struct pv_info *pi);
void rep_select_free(struct rep_select *ls);
/* The segment types' report fields join the built-in ones (once per command). */
int report_type_fields(struct cmd *cmd);

#endif /* PLVM_REPORT_H */
