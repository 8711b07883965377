/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The rows of pvs: one per PV, or one per run of a PV's extents when a
 * PV segment, LV or LV segment field is asked for (LVM2 joins the reports
 * so); a free run shows LVM2's placeholder LV and segment.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report_int.h"
#include "cmd.h"
#include "dev.h"
#include "model.h"
#include "segtype_reg.h"
#include "vg_io.h"

static bool pv_arg_matches(const struct args *a, const char *path, unsigned *found)
{
	int i;
	bool any = !a->argc;

	for (i = 0; i < a->argc; i++)
		if (!strcmp(a->argv[i], path)) {
			*found |= 1u << (i < 31 ? i : 31);
			any = true;
		}
	return any;
}

/* What the LV and segment fields of a free PV segment show, as LVM2: an
 * LV with no name, no extents and no device, its one segment of type
 * "free" as long as the PV segment. */
struct free_run {
	struct lv lv;
	struct seg seg;
	struct rep_lv_cache lvc;
};

static void free_run_init(struct report *rep, struct free_run *f, struct vg *vg)
{
	memset(f, 0, sizeof(*f));
	f->lv.vg = vg;
	f->lv.name = "";
	f->lv.status = ST_VISIBLE;
	f->lv.read_ahead = UINT32_MAX;	/* none: LVM2 shows 0 */
	dm_list_init(&f->lv.segments);
	dm_list_init(&f->lv.users);
	f->seg.lv = &f->lv;
	f->seg.segtype = segtype_unknown(rep->cmd, "free");
	dm_list_init(&f->seg.links);
	f->lvc.lv = &f->lv;
	f->lvc.info_done = f->lvc.status_done = true;	/* no device to ask about */
	f->lvc.text_done[0] = f->lvc.text_done[1] = true;
}

/* The LV and segment on a run (or the free placeholder), with its cache. */
static void run_lv(struct rep_row_src *src, const struct pv_run *run, struct free_run *f)
{
	unsigned i;

	src->free_run = !run->seg;
	if (!run->seg) {
		f->seg.len = f->seg.area_len = run->len;
		src->lv = &f->lv;
		src->seg = &f->seg;
		src->lvc = &f->lvc;
		return;
	}
	src->seg = (struct seg *)run->seg;
	src->lv = src->seg->lv;
	src->lvc = NULL;
	for (i = 0; i < src->nall; i++)
		if (src->all[i].lv == src->lv)
			src->lvc = &src->all[i];
}

/* pvs --segments: a row per run of @src's PV, allocated or free. */
static int add_pvseg_rows(struct report *rep, struct rep_row_src *src, struct free_run *f)
{
	unsigned n, i;
	struct pv_run *runs = pv_runs(src->pv, &n);
	int r = 0;

	src->pvseg = true;
	for (i = 0; !r && i < n; i++) {
		src->pvseg_start = runs[i].pe;
		src->pvseg_len = runs[i].len;
		run_lv(src, &runs[i], f);
		r = rep_add_row(rep, src);
	}
	src->lv = NULL;
	src->seg = NULL;
	src->lvc = NULL;
	src->free_run = false;
	if (!n && !r) {		/* no extents: one empty segment */
		src->pvseg_start = src->pvseg_len = 0;
		r = rep_add_row(rep, src);
	}
	free(runs);
	src->pvseg = false;
	return r;
}

static int pvs_vg(struct report *rep, const struct args *a, const char *name, unsigned *found)
{
	struct vg *vg = rep_read_vg(rep, name);
	struct rep_row_src src = { .cmd = rep->cmd, .opts = &rep->opts, .vg = vg };
	struct free_run f;
	int r = 0;

	if (!vg)
		return 0;
	if (rep->pv_segs && !(src.all = lvc_new(vg, &src.nall))) {
		vg_free(vg);
		return -ENOMEM;
	}
	free_run_init(rep, &f, vg);
	dm_list_iterate_items(src.pv, &vg->pvs) {
		if (r || !pv_arg_matches(a, pv_display_name(src.pv), found))
			continue;
		src.pvi = src.pv->dev ? pv_info_find(rep->cmd, src.pv->dev->path) : NULL;
		r = rep->pv_segs ? add_pvseg_rows(rep, &src, &f) : rep_add_row(rep, &src);
	}
	if (src.all)
		lvc_free(src.all, src.nall);
	vg_free(vg);
	return r;
}

/* What the LV and segment fields of a PV with no VG show, as LVM2: a free
 * run of no extents in a VG with no name.  NULL on ENOMEM. */
struct no_vg {
	struct vg *vg;
	struct free_run f;
	struct rep_row_src src;
};

static struct rep_row_src *no_vg_src(struct report *rep, struct no_vg *n)
{
	if (!rep->pv_segs || !(n->vg = vg_new(rep->cmd, "")))
		return NULL;
	free_run_init(rep, &n->f, n->vg);
	n->src = (struct rep_row_src){ .cmd = rep->cmd, .opts = &rep->opts, .vg = n->vg,
				       .lv = &n->f.lv, .seg = &n->f.seg, .lvc = &n->f.lvc,
				       .pvseg = true, .free_run = true };
	return &n->src;
}

static int pvs_orphans(struct report *rep, const struct args *a, unsigned *found)
{
	struct rep_row_src src = { .cmd = rep->cmd, .opts = &rep->opts };
	const struct pv_info *pi = NULL;
	struct no_vg n = { 0 };
	int r = 0;

	src.lv_src = no_vg_src(rep, &n);
	while (!r && (pi = pv_info_next(rep->cmd, pi))) {
		if (pi->vg_name || !pi->dev || !pv_arg_matches(a, pi->dev->path, found))
			continue;
		src.pvi = pi;
		src.pvseg = rep->pv_segs;	/* an orphan: one empty segment */
		r = rep_add_row(rep, &src);
	}
	if (n.vg)
		vg_free(n.vg);
	return r;
}

/* pvs -a: the devices the scan sees that hold no PV, as LVM2 lists them. */
static int pvs_devices(struct report *rep, const struct args *a, unsigned *found)
{
	struct rep_row_src src = { .cmd = rep->cmd, .opts = &rep->opts };
	struct device *dev = NULL;
	struct no_vg n = { 0 };
	int r = 0;

	if (a->argc)		/* a device named is reported only if it is a PV */
		return 0;
	src.lv_src = no_vg_src(rep, &n);
	while (!r && (dev = dev_next(rep->cmd, dev))) {
		if (pv_info_find(rep->cmd, dev->path) || !pv_arg_matches(a, dev->path, found))
			continue;
		src.dev = dev;
		src.pvseg = rep->pv_segs;
		r = rep_add_row(rep, &src);
	}
	if (n.vg)
		vg_free(n.vg);
	return r;
}

static void pvs_missing(struct report *rep, const struct args *a, unsigned found)
{
	struct stat st;
	int i;

	for (i = 0; i < a->argc && i < 31; i++) {
		if (found & (1u << i))
			continue;
		if (stat(a->argv[i], &st))
			log_error("Cannot use %s: device not found", a->argv[i]);
		else
			log_error("Failed to find physical volume \"%s\".", a->argv[i]);
		rep->status = EFAILED;
	}
}

int rep_run_pvs(struct report *rep, const struct args *a)
{
	const char **names = vg_names_local(rep->cmd);
	unsigned found = 0;
	int r = 0;

	for (; names && *names && !r; names++)
		r = pvs_vg(rep, a, *names, &found);
	if (!r)
		r = pvs_orphans(rep, a, &found);
	if (!r && rep->opts.all)
		r = pvs_devices(rep, a, &found);
	if (!r)
		pvs_missing(rep, a, found);
	return r;
}

