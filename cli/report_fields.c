/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The report fields: LVM2's names, headings and minimum widths, each with
 * the function that computes its value for one row.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cmd.h"
#include "pvmove.h"
#include "report.h"
#include "model.h"
#include "segtype_reg.h"
#include "vg_io.h"
#include "dev.h"

#include "report_val.h"

static const char *alloc_name(enum alloc_policy a)
{
	static const char *const names[] = {
		[ALLOC_INHERIT] = "inherit", [ALLOC_CONTIGUOUS] = "contiguous",
		[ALLOC_CLING] = "cling", [ALLOC_CLING_BY_TAGS] = "cling_by_tags",
		[ALLOC_NORMAL] = "normal", [ALLOC_ANYWHERE] = "anywhere",
	};

	return (unsigned)a < DM_ARRAY_SIZE(names) ? names[a] : "inherit";
}

char alloc_policy_char(int a)
{
	static const char chars[] = {
		[ALLOC_INHERIT] = 'i', [ALLOC_CONTIGUOUS] = 'c', [ALLOC_CLING] = 'l',
		[ALLOC_CLING_BY_TAGS] = 't', [ALLOC_NORMAL] = 'n', [ALLOC_ANYWHERE] = 'a',
	};

	return (unsigned)a < sizeof(chars) ? chars[a] : 'i';
}

static bool has_flag(const char **flags, const char *name)
{
	for (; flags && *flags; flags++)
		if (!strcmp(*flags, name))
			return true;
	return false;
}

bool lv_is_visible(struct cmd *cmd, const struct lv *lv)
{
	return st_lv_visible(cmd, lv);
}

const char *pv_display_name(const struct pv *pv)
{
	if (pv->dev && pv->dev->path)
		return pv->dev->path;
	return pv->dev_name ? pv->dev_name : "[unknown]";
}

/* Ask the segment types for a field of the row's LV (or of @seg only, for
 * a segment row); 1 with @buf filled, else 0. */
static int seg_field(const struct rep_row_src *s, const struct seg *seg, const char *name,
		     char *buf, size_t len)
{
	if (len < 2 || (!seg && !s->lv))
		return 0;
	buf[0] = '\0';
	return st_field(s->cmd, s->lv, seg, name, lvc_seg_status, (void *)s, buf, len) == 1;
}

/* An LV field: the LV's types speak (its own, its users'), also on the
 * rows of a per-segment report. */
static int lv_field(const struct rep_row_src *s, const char *name, char *buf, size_t len)
{
	return seg_field(s, s->lv ? NULL : s->seg, name, buf, len);
}

static uint64_t seg_field_u64(const struct rep_row_src *s, const struct seg *seg,
			      const char *name)
{
	char buf[64];

	return seg_field(s, seg, name, buf, sizeof(buf)) ? strtoull(buf, NULL, 10) : 0;
}

/* The row's segment: its own for per-segment rows, else the LV's first. */
static struct seg *row_seg(const struct rep_row_src *s)
{
	return s->seg ? s->seg : s->lv ? lv_first_seg(s->lv) : NULL;
}

/* ---- LV fields ---- */

static int lv_disp_name(const struct rep_row_src *s, struct rep_val *v, const struct lv *lv)
{
	if (lv_is_visible(s->cmd, lv))
		return val_str(v, lv->name);
	return val_fmt(v, "[%s]", lv->name);
}

static int get_lv_name(const struct rep_row_src *s, struct rep_val *v)
{
	v->sort = strdup(s->lv->name);
	if (!v->sort)
		return -ENOMEM;
	return lv_disp_name(s, v, s->lv);
}

static int get_lv_full_name(const struct rep_row_src *s, struct rep_val *v)
{
	return val_fmt(v, "%s/%s", s->vg->name, s->lv->name);
}

static int get_lv_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return val_uuid(v, s->lv->id);
}

static int get_lv_path(const struct rep_row_src *s, struct rep_val *v)
{
	if (!lv_is_visible(s->cmd, s->lv))
		return val_str(v, "");
	return val_fmt(v, "%s/%s/%s", s->opts->dev_dir, s->vg->name, s->lv->name);
}

static int get_lv_dm_path(const struct rep_row_src *s, struct rep_val *v)
{
	char name[512];

	if (dm_name_build(name, sizeof(name), s->vg->name, s->lv->name, NULL) < 0)
		return val_str(v, "");
	return val_fmt(v, "%s/mapper/%s", s->opts->dev_dir, name);
}

static int get_lv_attr(const struct rep_row_src *s, struct rep_val *v)
{
	char attr[11];

	lv_attr_build(s, attr);
	return val_str(v, attr);
}

static int get_lv_size(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, (uint64_t)s->lv->le_count * s->vg->extent_size);
}

static int get_seg_count(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, dm_list_size(&s->lv->segments));
}

static int get_lv_active(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	if (s->cmd->no_dm)
		return val_str(v, "unknown");
	return val_str(v, s->lvc->info.exists ? "active" : "");
}

static int get_lv_kernel_major(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	return val_s64(v, s->lvc->info.exists ? (int64_t)s->lvc->info.major : -1);
}

static int get_lv_kernel_minor(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	return val_s64(v, s->lvc->info.exists ? (int64_t)s->lvc->info.minor : -1);
}

static int get_lv_major(const struct rep_row_src *s, struct rep_val *v)
{
	return val_s64(v, s->lv->status & ST_FIXED_MINOR ? s->lv->major : -1);
}

static int get_lv_minor(const struct rep_row_src *s, struct rep_val *v)
{
	return val_s64(v, s->lv->status & ST_FIXED_MINOR ? s->lv->minor : -1);
}

static int get_lv_read_ahead(const struct rep_row_src *s, struct rep_val *v)
{
	if (!s->lv->read_ahead)
		return val_str(v, "auto");
	return val_size(s, v, s->lv->read_ahead == UINT32_MAX ? 0 : s->lv->read_ahead);
}

static int get_lv_alloc_policy(const struct rep_row_src *s, struct rep_val *v)
{
	return val_str(v, alloc_name(s->lv->alloc));
}

static int get_lv_tags(const struct rep_row_src *s, struct rep_val *v)
{
	return val_tags(v, s->lv->tags);
}

static int get_lv_host(const struct rep_row_src *s, struct rep_val *v)
{
	return val_str(v, s->lv->creation_host);
}

static int get_lv_fixed_minor(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->lv->status & ST_FIXED_MINOR, "fixed minor");
}

static int get_lv_skip(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, has_flag(s->lv->flags, "ACTIVATION_SKIP"), "skip activation");
}

static int get_lv_suspended(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	if (!s->lvc->info.exists)	/* no device: the kernel cannot say */
		return val_str(v, s->opts->binary ? "-1" : "unknown");
	return val_bin(s, v, s->lvc->info.suspended, "suspended");
}

static int get_lv_open(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	if (!s->lvc->info.exists)
		return val_str(v, s->opts->binary ? "-1" : "unknown");
	return val_bin(s, v, s->lvc->info.open_count > 0, "open");
}

static int get_lv_layout(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = lv_first_seg(s->lv);
	char buf[128];

	if (lv_field(s, "lv_layout", buf, sizeof(buf)))
		return val_str(v, buf);
	return val_str(v, seg ? st_display_name(s->cmd, seg) : "");
}

/* A field naming another LV of the VG; hidden ones in brackets. */
static int lv_ref_field(const struct rep_row_src *s, struct rep_val *v, const char *name)
{
	struct lv *ref;
	char buf[256];

	if (!lv_field(s, name, buf, sizeof(buf)) || !buf[0])
		return val_str(v, "");
	ref = find_lv(s->vg, buf);
	if (!ref)
		return val_str(v, buf);
	return lv_disp_name(s, v, ref);
}

static int get_mirror_log(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_field(s, v, "mirror_log");
}

static int get_pool_lv(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_field(s, v, "pool_lv");
}

static int get_data_lv(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_field(s, v, "data_lv");
}

static int get_metadata_lv(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_field(s, v, "metadata_lv");
}

static int get_origin(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_field(s, v, "origin");
}

static int get_empty(const struct rep_row_src *s, struct rep_val *v)
{
	return val_str(v, "");
}

/* The source PV of a pvmove LV: area 0 of its first segment. */
/* The PV a move copies from (through the first image of an atomic move). */
static int get_move_pv(const struct rep_row_src *s, struct rep_val *v)
{
	const struct pv *src = s->lv->status & ST_PVMOVE ? pvmove_source(s->lv) : NULL;

	return val_str(v, src ? pv_display_name(src) : "");
}

static int get_copy_percent(const struct rep_row_src *s, struct rep_val *v)
{
	char buf[16];

	lvc_status(s);
	if (!s->lvc->have_sync)
		return val_str(v, "");
	percent_format(s->lvc->sync_done, s->lvc->sync_total, buf, sizeof(buf));
	v->num = s->lvc->sync_total ? s->lvc->sync_done * 10000 / s->lvc->sync_total : 0;
	return val_str(v, buf);
}

/* A type's "done/total" as LVM2's percentage. */
static int pct_value(struct rep_val *v, const char *text)
{
	unsigned long long done, total;
	char buf[32];

	if (sscanf(text, "%llu/%llu", &done, &total) != 2 || !total)
		return val_str(v, "");
	percent_format(done, total, buf, sizeof(buf));
	v->num = done * 10000 / total;
	return val_str(v, buf);
}

static int type_percent(const struct rep_row_src *s, struct rep_val *v, const char *name)
{
	char buf[64];

	if (!lv_field(s, name, buf, sizeof(buf)))
		return val_str(v, "");
	return pct_value(v, buf);
}

static int get_data_percent(const struct rep_row_src *s, struct rep_val *v)
{
	return type_percent(s, v, "data_percent");
}

static int get_metadata_percent(const struct rep_row_src *s, struct rep_val *v)
{
	return type_percent(s, v, "metadata_percent");
}

/* ---- segment fields ---- */

static int get_segtype(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);

	return val_str(v, seg ? st_display_name(s->cmd, seg) : "");
}

static int get_stripes(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);
	char buf[32];

	if (seg_field(s, seg, "stripes", buf, sizeof(buf)))
		return val_u64(v, strtoull(buf, NULL, 10));
	return val_u64(v, seg ? seg->area_count : 0);
}

static int seg_size_field(const struct rep_row_src *s, struct rep_val *v, const char *name)
{
	return val_size(s, v, seg_field_u64(s, row_seg(s), name));
}

static int get_stripe_size(const struct rep_row_src *s, struct rep_val *v)
{
	return seg_size_field(s, v, "stripe_size");
}

static int get_region_size(const struct rep_row_src *s, struct rep_val *v)
{
	return seg_size_field(s, v, "region_size");
}

/* On an LV row the types of the segments using the LV speak too (an LV
 * may show the chunk size of the segment it serves). */
static int get_chunk_size(const struct rep_row_src *s, struct rep_val *v)
{
	char buf[64];

	if (!s->lv)
		return seg_size_field(s, v, "chunk_size");
	return val_size(s, v, lv_field(s, "chunk_size", buf, sizeof(buf)) ?
			strtoull(buf, NULL, 10) : 0);
}

static int get_seg_start(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);

	return val_size(s, v, seg ? (uint64_t)seg->le * s->vg->extent_size : 0);
}

static int get_seg_start_pe(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);

	return val_u64(v, seg ? seg->le : 0);
}

static int get_seg_size(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);

	return val_size(s, v, seg ? (uint64_t)seg->len * s->vg->extent_size : 0);
}

static int get_seg_size_pe(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);

	return val_u64(v, seg ? seg->len : 0);
}

static int get_seg_tags(const struct rep_row_src *s, struct rep_val *v)
{
	struct seg *seg = row_seg(s);

	return val_tags(v, seg ? seg->tags : NULL);
}

enum area_style { AS_DEVICES, AS_PE_RANGES, AS_LE_RANGES };

static void print_area(FILE *f, const struct seg *seg, const struct area *a, enum area_style st)
{
	static const char *const sep[] = { ",", " ", "," };
	const struct lv *lv = a->kind == PLVM_AREA_LV ? a->u.lv.lv : NULL;
	const char *name = a->kind == PLVM_AREA_PV ? pv_display_name(a->u.pv.pv) :
			   lv ? lv->name : NULL;
	uint32_t start = a->kind == PLVM_AREA_PV ? a->u.pv.pe : a->u.lv.le;
	bool hide = st == AS_LE_RANGES && lv && !lv_is_visible(seg->lv->vg->cmd, lv);

	if (ftell(f))
		fputs(sep[st], f);
	if (!name) {
		fputs(st == AS_DEVICES ? "(NULL)" : "", f);
		return;
	}
	fprintf(f, "%s%s%s", hide ? "[" : "", name, hide ? "]" : "");
	if (st == AS_DEVICES)
		fprintf(f, "(%u)", start);
	else
		fprintf(f, ":%u-%u", start, start + seg->area_len - 1);
}

static int areas_field(const struct rep_row_src *s, struct rep_val *v, enum area_style st)
{
	struct seg *seg = row_seg(s);
	size_t n = 0;
	FILE *f = open_memstream(&v->str, &n);
	uint32_t i;

	if (!f)
		return -ENOMEM;
	for (i = 0; seg && i < seg->area_count; i++)
		print_area(f, seg, &seg->areas[i], st);
	return fclose(f) ? -ENOMEM : 0;
}

static int get_devices(const struct rep_row_src *s, struct rep_val *v)
{
	return areas_field(s, v, AS_DEVICES);
}

static int get_seg_pe_ranges(const struct rep_row_src *s, struct rep_val *v)
{
	return areas_field(s, v, AS_PE_RANGES);
}

static int get_seg_le_ranges(const struct rep_row_src *s, struct rep_val *v)
{
	return areas_field(s, v, AS_LE_RANGES);
}

/* ---- PV fields ---- */

static uint64_t pv_size_sectors(const struct rep_row_src *s)
{
	if (s->pv && s->vg)
		return (uint64_t)s->pv->pe_count * s->vg->extent_size;
	if (s->pvi)
		return s->pvi->dev_size;
	return 0;
}

static uint64_t pv_used_sectors(const struct rep_row_src *s)
{
	if (s->pv && s->vg)
		return (uint64_t)pv_pe_alloc_count(s->pv) * s->vg->extent_size;
	return 0;
}

static int get_pv_name(const struct rep_row_src *s, struct rep_val *v)
{
	if (s->pv)
		return val_str(v, pv_display_name(s->pv));
	if (s->dev)
		return val_str(v, s->dev->path);
	return val_str(v, s->pvi && s->pvi->dev ? s->pvi->dev->path : "");
}

static int get_pv_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return val_uuid(v, s->pv ? s->pv->id : s->pvi ? s->pvi->pvid : NULL);
}

static int get_pv_fmt(const struct rep_row_src *s, struct rep_val *v)
{
	return val_str(v, s->dev ? "" : "lvm2");
}

static int get_pv_size(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, pv_size_sectors(s));
}

static int get_pv_free(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, pv_size_sectors(s) - pv_used_sectors(s));
}

static int get_pv_used(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, pv_used_sectors(s));
}

static int get_dev_size(const struct rep_row_src *s, struct rep_val *v)
{
	uint64_t size = s->pvi ? s->pvi->dev_size : s->dev ? s->dev->size : 0;

	if (s->pvi && s->pvi->dev && s->pvi->dev->size)	/* the device's, not the label's */
		size = s->pvi->dev->size;
	if (s->pv && s->pv->dev && s->pv->dev->size)
		size = s->pv->dev->size;
	else if (!size && s->pv)
		size = s->pv->dev_size;
	return val_size(s, v, size);
}

static int get_pe_start(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, s->pv ? s->pv->pe_start : s->pvi ? s->pvi->pe_start : 0);
}

static int get_pv_attr(const struct rep_row_src *s, struct rep_val *v)
{
	const struct pv *pv = s->pv;

	if (!pv)
		return val_str(v, "---");
	/* a PV in a VG is used: 'u' when it takes no new extents */
	return val_fmt(v, "%c%c%c", pv->status & ST_ALLOCATABLE ? 'a' : 'u',
		       pv->status & ST_EXPORTED ? 'x' : '-', pv_is_missing(pv) ? 'm' : '-');
}

static int get_pv_pe_count(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->pv ? s->pv->pe_count : 0);
}

static int get_pv_pe_alloc_count(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->pv ? pv_pe_alloc_count(s->pv) : 0);
}

static int get_pv_mda_count(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->pvi ? s->pvi->mda_count : 0);
}

static int get_pv_mda_used(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->pvi ? s->pvi->mda_used : 0);
}

static int get_pv_tags(const struct rep_row_src *s, struct rep_val *v)
{
	return val_tags(v, s->pv ? s->pv->tags : NULL);
}

static int get_pv_allocatable(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->pv && (s->pv->status & ST_ALLOCATABLE), "allocatable");
}

static int get_pv_exported(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->pv && (s->pv->status & ST_EXPORTED), "exported");
}

static int get_pv_missing(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->pv && pv_is_missing(s->pv), "missing");
}

static int get_pv_in_use(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->pv != NULL, "used");
}

static int get_pv_ba_start(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, s->pv ? s->pv->ba_start : 0);
}

static int get_pv_ba_size(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, s->pv ? s->pv->ba_size : 0);
}

/* ---- VG fields (empty for an orphan PV's row) ---- */

static unsigned vg_visible_lvs(const struct vg *vg)
{
	struct lv *lv;
	unsigned n = 0;

	dm_list_iterate_items(lv, &vg->lvs)
		n += lv_is_visible(vg->cmd, lv);
	return n;
}

static bool vg_is_partial(const struct vg *vg)
{
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv_is_missing(pv))
			return true;
	return false;
}

static unsigned vg_missing_pvs(const struct vg *vg)
{
	struct pv *pv;
	unsigned n = 0;

	dm_list_iterate_items(pv, &vg->pvs)
		n += pv_is_missing(pv);
	return n;
}

/* The metadata areas of the VG's PVs, or those of them in use. */
static unsigned vg_mdas(const struct rep_row_src *s, bool used)
{
	const struct pv_info *pi = NULL;
	unsigned n = 0;

	while ((pi = pv_info_next(s->cmd, pi)))
		if (pi->vg_name && !strcmp(pi->vg_name, s->vg->name))
			n += used ? pi->mda_used : pi->mda_count;
	return n;
}

/* An orphan PV's row shows LVM2's dummy VG: no name, zero sizes and counts. */
#define VG_OR_EMPTY(s, v) do { if (!(s)->vg) return val_str((v), ""); } while (0)
#define VG_OR_ZERO(s, v) do { if (!(s)->vg) return val_u64((v), 0); } while (0)
#define VG_OR_ZERO_SIZE(s, v) do { if (!(s)->vg) return val_size((s), (v), 0); } while (0)

static int get_vg_name(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_str(v, s->vg->name);
}

static int get_vg_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_uuid(v, s->vg->id);
}

static int get_vg_fmt(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_str(v, "lvm2");
}

static int get_vg_attr(const struct rep_row_src *s, struct rep_val *v)
{
	const struct vg *vg = s->vg;

	if (!vg)
		return val_str(v, "r-----");
	return val_fmt(v, "%c%c%c%c%c%c", vg->status & ST_WRITE ? 'w' : 'r',
		       vg->status & ST_RESIZEABLE ? 'z' : '-', vg->status & ST_EXPORTED ? 'x' : '-',
		       vg_is_partial(vg) ? 'p' : '-', alloc_policy_char(vg->alloc),
		       vg->status & ST_CLUSTERED ? 'c' : vg->status & ST_SHARED ? 's' : '-');
}

static int get_vg_size(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO_SIZE(s, v);
	return val_size(s, v, (uint64_t)vg_extent_count(s->vg) * s->vg->extent_size);
}

static int get_vg_free(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO_SIZE(s, v);
	return val_size(s, v, (uint64_t)vg_free_count(s->vg) * s->vg->extent_size);
}

static int get_vg_extent_size(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO_SIZE(s, v);
	return val_size(s, v, s->vg->extent_size);
}

static int get_vg_extent_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_extent_count(s->vg));
}

static int get_vg_free_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_free_count(s->vg));
}

static int get_max_lv(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, s->vg->max_lv);
}

static int get_max_pv(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, s->vg->max_pv);
}

static int get_pv_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, dm_list_size(&s->vg->pvs));
}

static int get_lv_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_visible_lvs(s->vg));
}

static const char *no_status(void *arg, const struct seg *seg, const struct lv *lv)
{
	(void)arg, (void)seg, (void)lv;
	return NULL;
}

/* LVM2's #SN: the copy-on-write snapshots, which the types mark with
 * lv_attr's volume type letter 's' (or 'S' while merging). */
static unsigned vg_snapshots(const struct vg *vg)
{
	struct lv *lv;
	char attr[10];
	unsigned n = 0;

	dm_list_iterate_items(lv, &vg->lvs) {
		memset(attr, '-', sizeof(attr));
		st_lv_attr(vg->cmd, lv, no_status, NULL, attr);
		n += attr[0] == 's' || attr[0] == 'S';
	}
	return n;
}

static int get_snap_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_snapshots(s->vg));
}

static int get_vg_seqno(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, s->vg->seqno);
}

static int get_vg_mda_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_mdas(s, false));
}

static int get_vg_mda_used(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_mdas(s, true));
}

static int get_vg_tags(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_tags(v, s->vg->tags);
}

static int get_vg_alloc_policy(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_str(v, alloc_name(s->vg->alloc));
}

static int get_vg_permissions(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_str(v, s->vg->status & ST_WRITE ? "writeable" : "read-only");
}

static int get_vg_extendable(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_bin(s, v, s->vg->status & ST_RESIZEABLE, "extendable");
}

static int get_vg_exported(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_bin(s, v, s->vg->status & ST_EXPORTED, "exported");
}

static int get_vg_partial(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_bin(s, v, vg_is_partial(s->vg), "partial");
}

static int get_vg_missing_pv_count(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_ZERO(s, v);
	return val_u64(v, vg_missing_pvs(s->vg));
}

static int get_vg_systemid(const struct rep_row_src *s, struct rep_val *v)
{
	VG_OR_EMPTY(s, v);
	return val_str(v, s->vg->system_id);
}

/* 1 or 0: whether the row passes -S; with this field every row is shown */
static int get_selected(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->selected);
}

/* ---- the table ---- */

#define F(i, h, o, t, w, g) { .id = i, .heading = h, .obj = o, .type = t, \
	.align = (t) == FT_NUM || (t) == FT_SIZE || (t) == FT_BIN ? AL_RIGHT : AL_LEFT, \
	.width = w, .get = g }

static const struct field_def fields[] = {
	F("lv_uuid", "LV UUID", RO_LV, FT_STR, 38, get_lv_uuid),
	F("selected", "Selected", RO_LV | RO_SEG | RO_PV | RO_VG, FT_NUM, 0, get_selected),
	F("lv_name", "LV", RO_LV, FT_STR, 4, get_lv_name),
	F("lv_full_name", "LV", RO_LV, FT_STR, 4, get_lv_full_name),
	F("lv_path", "Path", RO_LV, FT_STR, 0, get_lv_path),
	F("lv_dm_path", "DMPath", RO_LV, FT_STR, 0, get_lv_dm_path),
	F("lv_layout", "Layout", RO_LV, FT_LIST, 10, get_lv_layout),
	F("lv_allocation_policy", "AllocPol", RO_LV, FT_STR, 10, get_lv_alloc_policy),
	F("lv_fixed_minor", "FixMin", RO_LV, FT_BIN, 10, get_lv_fixed_minor),
	F("lv_skip_activation", "SkipAct", RO_LV, FT_BIN, 15, get_lv_skip),
	F("lv_active", "Active", RO_LV, FT_STR, 0, get_lv_active),
	F("lv_major", "Maj", RO_LV, FT_NUM, 0, get_lv_major),
	F("lv_minor", "Min", RO_LV, FT_NUM, 0, get_lv_minor),
	F("lv_read_ahead", "Rahead", RO_LV, FT_SIZE, 0, get_lv_read_ahead),
	F("lv_size", "LSize", RO_LV, FT_SIZE, 0, get_lv_size),
	F("seg_count", "#Seg", RO_LV, FT_NUM, 0, get_seg_count),
	F("origin", "Origin", RO_LV, FT_STR, 0, get_origin),
	F("move_pv", "Move", RO_LV, FT_STR, 0, get_move_pv),
	F("convert_lv", "Convert", RO_LV, FT_STR, 0, get_empty),
	F("mirror_log", "Log", RO_LV, FT_STR, 0, get_mirror_log),
	F("data_lv", "Data", RO_LV, FT_STR, 0, get_data_lv),
	F("metadata_lv", "Meta", RO_LV, FT_STR, 0, get_metadata_lv),
	F("pool_lv", "Pool", RO_LV, FT_STR, 0, get_pool_lv),
	F("lv_tags", "LV Tags", RO_LV, FT_LIST, 0, get_lv_tags),
	F("lv_host", "Host", RO_LV, FT_STR, 10, get_lv_host),
	F("lv_kernel_major", "KMaj", RO_LV, FT_NUM, 0, get_lv_kernel_major),
	F("lv_kernel_minor", "KMin", RO_LV, FT_NUM, 0, get_lv_kernel_minor),
	F("lv_suspended", "Suspended", RO_LV, FT_BIN, 10, get_lv_suspended),
	F("lv_device_open", "DevOpen", RO_LV, FT_BIN, 10, get_lv_open),
	F("data_percent", "Data%", RO_LV, FT_PCT, 6, get_data_percent),
	F("metadata_percent", "Meta%", RO_LV, FT_PCT, 6, get_metadata_percent),
	F("copy_percent", "Cpy%Sync", RO_LV, FT_PCT, 0, get_copy_percent),
	F("sync_percent", "Cpy%Sync", RO_LV, FT_PCT, 0, get_copy_percent),
	F("lv_attr", "Attr", RO_LV, FT_STR, 0, get_lv_attr),

	F("pv_fmt", "Fmt", RO_PV, FT_STR, 0, get_pv_fmt),
	F("pv_uuid", "PV UUID", RO_PV, FT_STR, 38, get_pv_uuid),
	F("dev_size", "DevSize", RO_PV, FT_SIZE, 0, get_dev_size),
	F("pv_name", "PV", RO_PV, FT_STR, 10, get_pv_name),
	F("pe_start", "1st PE", RO_PV, FT_SIZE, 7, get_pe_start),
	F("pv_size", "PSize", RO_PV, FT_SIZE, 0, get_pv_size),
	F("pv_free", "PFree", RO_PV, FT_SIZE, 0, get_pv_free),
	F("pv_used", "Used", RO_PV, FT_SIZE, 0, get_pv_used),
	F("pv_attr", "Attr", RO_PV, FT_STR, 0, get_pv_attr),
	F("pv_allocatable", "Allocatable", RO_PV, FT_BIN, 0, get_pv_allocatable),
	F("pv_exported", "Exported", RO_PV, FT_BIN, 10, get_pv_exported),
	F("pv_missing", "Missing", RO_PV, FT_BIN, 10, get_pv_missing),
	F("pv_pe_count", "PE", RO_PV, FT_NUM, 3, get_pv_pe_count),
	F("pv_pe_alloc_count", "Alloc", RO_PV, FT_NUM, 0, get_pv_pe_alloc_count),
	F("pv_tags", "PV Tags", RO_PV, FT_LIST, 0, get_pv_tags),
	F("pv_mda_count", "#PMda", RO_PV, FT_NUM, 0, get_pv_mda_count),
	F("pv_mda_used_count", "#PMdaUse", RO_PV, FT_NUM, 0, get_pv_mda_used),
	F("pv_ba_start", "BA Start", RO_PV, FT_SIZE, 0, get_pv_ba_start),
	F("pv_ba_size", "BA Size", RO_PV, FT_SIZE, 0, get_pv_ba_size),
	F("pv_in_use", "PInUse", RO_PV, FT_BIN, 0, get_pv_in_use),

	F("vg_fmt", "Fmt", RO_VG, FT_STR, 0, get_vg_fmt),
	F("vg_uuid", "VG UUID", RO_VG, FT_STR, 38, get_vg_uuid),
	F("vg_name", "VG", RO_VG, FT_STR, 0, get_vg_name),
	F("vg_attr", "Attr", RO_VG, FT_STR, 5, get_vg_attr),
	F("vg_permissions", "VPerms", RO_VG, FT_STR, 10, get_vg_permissions),
	F("vg_extendable", "Extendable", RO_VG, FT_BIN, 0, get_vg_extendable),
	F("vg_exported", "Exported", RO_VG, FT_BIN, 10, get_vg_exported),
	F("vg_partial", "Partial", RO_VG, FT_BIN, 10, get_vg_partial),
	F("vg_allocation_policy", "AllocPol", RO_VG, FT_STR, 10, get_vg_alloc_policy),
	F("vg_size", "VSize", RO_VG, FT_SIZE, 0, get_vg_size),
	F("vg_free", "VFree", RO_VG, FT_SIZE, 0, get_vg_free),
	F("vg_systemid", "System ID", RO_VG, FT_STR, 0, get_vg_systemid),
	F("vg_extent_size", "Ext", RO_VG, FT_SIZE, 0, get_vg_extent_size),
	F("vg_extent_count", "#Ext", RO_VG, FT_NUM, 0, get_vg_extent_count),
	F("vg_free_count", "Free", RO_VG, FT_NUM, 0, get_vg_free_count),
	F("max_lv", "MaxLV", RO_VG, FT_NUM, 0, get_max_lv),
	F("max_pv", "MaxPV", RO_VG, FT_NUM, 0, get_max_pv),
	F("pv_count", "#PV", RO_VG, FT_NUM, 0, get_pv_count),
	F("vg_missing_pv_count", "#PV Missing", RO_VG, FT_NUM, 0, get_vg_missing_pv_count),
	F("lv_count", "#LV", RO_VG, FT_NUM, 0, get_lv_count),
	F("snap_count", "#SN", RO_VG, FT_NUM, 0, get_snap_count),
	F("vg_seqno", "Seq", RO_VG, FT_NUM, 0, get_vg_seqno),
	F("vg_tags", "VG Tags", RO_VG, FT_LIST, 0, get_vg_tags),
	F("vg_mda_count", "#VMda", RO_VG, FT_NUM, 0, get_vg_mda_count),
	F("vg_mda_used_count", "#VMdaUse", RO_VG, FT_NUM, 0, get_vg_mda_used),

	F("segtype", "Type", RO_SEG, FT_STR, 0, get_segtype),
	F("stripes", "#Str", RO_SEG, FT_NUM, 0, get_stripes),
	F("stripe_size", "Stripe", RO_SEG, FT_SIZE, 0, get_stripe_size),
	F("region_size", "Region", RO_SEG, FT_SIZE, 0, get_region_size),
	F("chunk_size", "Chunk", RO_SEG, FT_SIZE, 0, get_chunk_size),
	F("seg_start", "Start", RO_SEG, FT_SIZE, 0, get_seg_start),
	F("seg_start_pe", "Start", RO_SEG, FT_NUM, 0, get_seg_start_pe),
	F("seg_size", "SSize", RO_SEG, FT_SIZE, 0, get_seg_size),
	F("seg_size_pe", "SSize", RO_SEG, FT_NUM, 0, get_seg_size_pe),
	F("seg_tags", "Seg Tags", RO_SEG, FT_LIST, 0, get_seg_tags),
	F("seg_pe_ranges", "PE Ranges", RO_SEG, FT_LIST, 0, get_seg_pe_ranges),
	F("seg_le_ranges", "LE Ranges", RO_SEG, FT_LIST, 0, get_seg_le_ranges),
	F("devices", "Devices", RO_SEG, FT_LIST, 0, get_devices),
};

/* Compare @name (of @len) with @id, ignoring '_' and case. */
static bool canon_eq(const char *id, const char *name, size_t len)
{
	size_t i = 0;

	for (; *id; id++) {
		if (*id == '_')
			continue;
		while (i < len && name[i] == '_')
			i++;
		if (i >= len || tolower((unsigned char)*id) != tolower((unsigned char)name[i]))
			return false;
		i++;
	}
	while (i < len && name[i] == '_')
		i++;
	return i == len;
}

static bool field_matches(const char *id, const char *name, size_t len, const char *prefix)
{
	size_t pl = prefix ? strlen(prefix) : 0;

	if (canon_eq(id, name, len))
		return true;
	return pl && !strncasecmp(id, prefix, pl) && canon_eq(id + pl, name, len);
}

/* ---- fields the segment types declare ---- */

static struct field_def *type_fields;
static unsigned ntype_fields;

static int get_type_field(const struct rep_row_src *s, struct rep_val *v)
{
	char buf[256];

	if (!s->lv || !lv_field(s, s->field->id, buf, sizeof(buf))) {
		if (s->field->type == FT_BIN)	/* LVM2's undefined binary value */
			return val_str(v, s->opts->binary ? "-1" : "unknown");
		return val_str(v, "");
	}
	switch (s->field->type) {
	case FT_BIN:
		return val_bin(s, v, buf[0] == '1', s->field->word);
	case FT_NUM:
		return val_u64(v, strtoull(buf, NULL, 10));
	case FT_SIZE:
		return val_size(s, v, strtoull(buf, NULL, 10));
	case FT_PCT:
		return pct_value(v, buf);
	default:
		return val_str(v, buf);
	}
}

static enum rep_ftype ftype_of(enum plvm_field_kind k)
{
	return k == PLVM_FIELD_NUM ? FT_NUM : k == PLVM_FIELD_SIZE ? FT_SIZE :
	       k == PLVM_FIELD_PCT ? FT_PCT : FT_STR;
}

static bool type_field_known(const char *name)
{
	unsigned i;

	for (i = 0; i < ntype_fields; i++)
		if (!strcmp(type_fields[i].id, name))
			return true;
	return false;
}

static int type_field_add(const struct plvm_field *f)
{
	const char *word = PLVM_HAS(f, struct plvm_field, word) ? f->word : NULL;
	enum rep_ftype t = word ? FT_BIN : ftype_of(f->kind);
	struct field_def *n;

	if (type_field_known(f->name))
		return 0;
	if (!(n = realloc(type_fields, (ntype_fields + 1) * sizeof(*n))))
		return -ENOMEM;
	type_fields = n;
	type_fields[ntype_fields++] = (struct field_def){
		.id = f->name, .heading = f->heading, .obj = RO_LV, .type = t,
		.align = t == FT_NUM || t == FT_SIZE || t == FT_BIN ? AL_RIGHT : AL_LEFT,
		.width = f->width, .get = get_type_field, .help = f->help, .word = word,
	};
	return 0;
}

int report_type_fields(struct cmd *cmd)
{
	const struct plvm_field *const *f;
	const struct segtype *st;
	int r;

	if (type_fields)
		return 0;
	dm_list_iterate_items(st, &cmd->segtypes)
		for (f = st->desc && !st->alias_of ? st->desc->fields : NULL; f && *f; f++)
			if ((r = type_field_add(*f)))
				return r;
	return 0;
}

static const struct field_def *find_in(const struct field_def *tbl, size_t n, const char *name,
				       size_t len, const char *prefix)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (field_matches(tbl[i].id, name, len, NULL))
			return &tbl[i];
	for (i = 0; prefix && i < n; i++)
		if (field_matches(tbl[i].id, name, len, prefix))
			return &tbl[i];
	return NULL;
}

const struct field_def *field_find(const char *name, size_t len, const char *prefix)
{
	const struct field_def *f = find_in(fields, DM_ARRAY_SIZE(fields), name, len, prefix);
	const struct field_def *absent;
	unsigned n;

	if (!f)
		f = find_in(report_more_fields, report_more_nfields, name, len, prefix);
	if (!f)
		f = find_in(type_fields, ntype_fields, name, len, prefix);
	if (!f) {
		absent = report_absent_fields(&n);
		f = find_in(absent, n, name, len, prefix);
	}
	return f;
}

bool field_reads_status(const struct field_def *f)
{
	static const char *const ids[] = {
		"lv_attr", "data_percent", "snap_percent", "metadata_percent", "copy_percent",
		"sync_percent", "lv_health_status", "kernel_discards", "lv_check_needed",
		"lv_merge_failed", "lv_snapshot_invalid", "kernel_cache_settings",
		"kernel_cache_policy", "kernel_metadata_format", NULL
	};
	static const char *const prefixes[] = { "cache_", "vdo_", "writecache_", NULL };
	const char *const *p;

	for (p = ids; *p; p++)
		if (!strcmp(f->id, *p))
			return true;
	for (p = prefixes; *p; p++)
		if (!strncmp(f->id, *p, strlen(*p)))
			return true;
	return false;
}

/* The prefix of @id that a name may leave out, or NULL. */
static const char *builtin_prefix(const char *id)
{
	static const char *const prefixes[] = { "lv_", "seg_", "pv_", "vg_" };
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(prefixes); i++)
		if (!strncasecmp(id, prefixes[i], strlen(prefixes[i])))
			return prefixes[i];
	return NULL;
}

/* @s as canon_eq() compares it: lower case, no '_'.  False if too long. */
static bool canon_key(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == '_')
			continue;
		if (n + 1 >= len)
			return false;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return true;
}

static int index_table(struct dm_hash_table *h, const struct field_def *tbl, size_t n)
{
	const char *pre;
	char key[128];
	size_t i;

	for (i = 0; i < n; i++) {
		pre = builtin_prefix(tbl[i].id);
		if ((canon_key(tbl[i].id, key, sizeof(key)) && !dm_hash_insert(h, key, (void *)1)) ||
		    (pre && canon_key(tbl[i].id + strlen(pre), key, sizeof(key)) &&
		     !dm_hash_insert(h, key, (void *)1)))
			return -ENOMEM;
	}
	return 0;
}

/* Every built-in id, with and without its own lv_/seg_/pv_/vg_ prefix,
 * made once: each plugin field is checked against it at every start. */
static struct dm_hash_table *builtin_index(void)
{
	static struct dm_hash_table *h;

	if (h)
		return h;
	if (!(h = dm_hash_create(1024)))
		return NULL;
	if (index_table(h, fields, DM_ARRAY_SIZE(fields)) ||
	    index_table(h, report_more_fields, report_more_nfields)) {
		dm_hash_destroy(h);
		h = NULL;
	}
	return h;
}

/* A name clashes with a field's id, with or without the id's own prefix
 * (as field_find() would match it).  Without memory, everything clashes. */
bool field_is_builtin(const char *name)
{
	struct dm_hash_table *h = builtin_index();
	char key[128];

	if (!h)
		return true;
	return !canon_key(name, key, sizeof(key)) || dm_hash_lookup(h, key);
}

unsigned field_min_width(const struct field_def *f)
{
	return f->width ? f->width : (unsigned)strlen(f->heading);
}

/* The fields of @tbl for @obj under @title (printed once: *@shown). */
static void help_group(const char *title, unsigned obj, const struct field_def *tbl, size_t n,
		       bool *shown)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(tbl[i].obj & obj))
			continue;
		if (!*shown)
			fprintf(stderr, "  %s\n  %.*s\n", title, (int)strlen(title),
				"-----------------------------------------------------------");
		*shown = true;
		fprintf(stderr, "    %-24s - %s\n", tbl[i].id,
			tbl[i].help ? tbl[i].help : tbl[i].heading);
	}
}

void field_help(unsigned objmask)
{
	static const struct {
		enum rep_obj obj;
		const char *title;
	} groups[] = {
		{ RO_LV, "Logical Volume Fields" },
		{ RO_SEG, "Logical Volume Segment Fields" },
		{ RO_PV, "Physical Volume Fields" },
		{ RO_VG, "Volume Group Fields" },
	};
	size_t i;

	const struct field_def *absent;
	bool shown;
	unsigned n;

	absent = report_absent_fields(&n);
	for (i = 0; i < DM_ARRAY_SIZE(groups); i++)
		if (objmask & groups[i].obj) {
			shown = false;
			help_group(groups[i].title, groups[i].obj, fields, DM_ARRAY_SIZE(fields),
				   &shown);
			help_group(groups[i].title, groups[i].obj, report_more_fields,
				   report_more_nfields, &shown);
			if (shown)
				fputc('\n', stderr);
		}
	if (objmask & RO_LV) {
		shown = false;
		help_group("Fields of the segment types", RO_LV, type_fields, ntype_fields, &shown);
		if (shown)
			fputc('\n', stderr);
		shown = false;
		help_group("Fields of segment types with no plugin here", RO_LV | RO_SEG, absent, n,
			   &shown);
		if (shown)
			fputc('\n', stderr);
	}
}
