/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvcreate, pvremove, pvchange, pvscan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devfile.h"
#include "toollib.h"
#include "cmd.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "report.h"
#include "vg_io.h"

/* ---- pvcreate ---- */

static int mda_copies_arg(const struct args *a, unsigned *out)
{
	enum opt_id id = arg_is_set(a, OPT_PVMETADATACOPIES) ? OPT_PVMETADATACOPIES :
			 OPT_METADATACOPIES;
	const char *v = arg_str(a, id, NULL);

	*out = 1;
	if (!v)
		return ECMD_OK;
	if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "2")) {
		log_error("Invalid argument for --%s: %s", opt_def(id)->long_name, v);
		log_error("Error during parsing of command line.");
		return EINVALID;
	}
	*out = (unsigned)(*v - '0');
	return ECMD_OK;
}

static int size_bytes_arg(const struct args *a, enum opt_id id, char unit, uint64_t *out)
{
	enum sign sign;
	uint64_t s;
	int r;

	*out = 0;
	if (!arg_is_set(a, id))
		return ECMD_OK;
	r = arg_size_sectors(a, id, unit, &sign, &s);
	if (r)
		return r;
	if (sign == SIGN_MINUS) {
		log_error("Size for --%s may not be negative.", opt_def(id)->long_name);
		return EINVALID;
	}
	*out = s << SECTOR_SHIFT;
	return ECMD_OK;
}

static int uuid_arg(const struct args *a, int ndev, char id[ID_LEN + 1])
{
	const char *v = arg_str(a, OPT_UUID, NULL);

	if (!v)
		return ECMD_OK;
	if (!arg_is_set(a, OPT_RESTOREFILE) && !arg_is_set(a, OPT_NORESTOREFILE)) {
		log_error("--restorefile is required with --uuid");
		return EINVALID;
	}
	if (ndev > 1) {
		log_error("Can only set uuid on one volume at once");
		return EINVALID;
	}
	if (id_parse(v, id) < 0) {
		log_error("Invalid UUID \"%s\".", v);
		return EINVALID;
	}
	return ECMD_OK;
}

int pv_create_opts_parse(const struct args *a, int ndev, struct pv_create_opts *o,
			 char uuid[ID_LEN + 1])
{
	uint64_t ls;
	bool zero;
	int r;

	memset(o, 0, sizeof(*o));
	uuid[0] = '\0';
	if ((r = mda_copies_arg(a, &o->metadatacopies)) ||
	    (r = size_bytes_arg(a, OPT_METADATASIZE, 'm', &o->metadatasize)) ||
	    (r = size_bytes_arg(a, OPT_DATAALIGNMENT, 'k', &o->data_alignment)) ||
	    (r = size_bytes_arg(a, OPT_DATAALIGNMENTOFFSET, 'k', &o->data_alignment_offset)) ||
	    (r = arg_uint64(a, OPT_LABELSECTOR, 1, &ls)) ||
	    (r = uuid_arg(a, ndev, uuid)))
		return r;
	if (ls > 3) {
		log_error("labelsector must be less than 4.");
		return EINVALID;
	}
	if ((r = arg_yes_no(a, OPT_METADATAIGNORE, false, &o->metadataignore)))
		return r;
	if (o->metadataignore && arg_is_set(a, OPT_PVMETADATACOPIES) && !o->metadatacopies) {
		log_error("metadataignore only applies to metadatacopies > 0.");
		log_error("Run `%s --help' for more information.", a->cmd->name);
		return EINVALID;
	}
	o->label_sector = ls;
	o->uuid = uuid[0] ? uuid : NULL;
	/* as LVM2, the start is zeroed unless -Z n, --uuid or --restorefile */
	if ((r = arg_yes_no(a, OPT_ZERO_PV, !o->uuid && !arg_is_set(a, OPT_RESTOREFILE),
			    &zero)))
		return r;
	o->keep_start = !zero;
	return ECMD_OK;
}

/* Is @path usable for pvcreate?  Asks before overwriting a used PV. */
static int pvcreate_check(struct cmd *cmd, const struct args *a, const char *path,
			  struct device **dev)
{
	const struct pv_info *pi;
	char q[1024];

	*dev = dev_get(cmd, path);
	if (!*dev) {
		log_error("No device found for %s.", path);
		return EFAILED;
	}
	pi = tl_pv_info(cmd, path);
	if (!pi || !pi->vg_name)
		return ECMD_OK;
	if (arg_count(a, OPT_FORCE) < 2) {
		log_error("Can't initialize physical volume \"%s\" of volume group \"%s\" without -ff",
			  path, pi->vg_name);
		goto refused;
	}
	snprintf(q, sizeof(q), "Really INITIALIZE physical volume \"%s\" of volume group \"%s\"",
		 path, pi->vg_name);
	if (!arg_is_set(a, OPT_YES) && !cli_confirm(a, "%s", q))
		goto refused;
	log_warn("WARNING: Forcing physical volume creation on %s of volume group \"%s\"",
		 path, pi->vg_name);
	return ECMD_OK;
refused:
	log_error("%s: physical volume not initialized.", path);
	return EFAILED;
}

int pv_create_one(struct cmd *cmd, struct device *dev, const char *path,
		  const struct pv_create_opts *o)
{
	int r = 0;

	if (!cmd->test_mode)
		r = pv_create(cmd, dev, o);
	if (r == -EDOM) {		/* the layout's rules refused it, said */
		log_error("Format-specific initialisation of physical volume %s failed.", path);
		log_error("Failed to setup physical volume \"%s\".", path);
		return EFAILED;
	}
	if (r < 0) {
		log_error("Failed to set up physical volume \"%s\": %s.", path, strerror(-r));
		return EFAILED;
	}
	log_print("Physical volume \"%s\" successfully created.", path);
	return cmd->test_mode ? ECMD_OK : tl_devfile_add(cmd, dev, path);
}

int cmd_pvcreate(struct cmd *cmd, struct args *a)
{
	struct pv_create_opts o;
	char uuid[ID_LEN + 1];
	struct device *dev;
	int i, r, ret = ECMD_OK;

	if (!a->argc) {
		log_error("Please enter a physical volume path.");
		return EINVALID;
	}
	if ((r = pv_create_opts_parse(a, a->argc, &o, uuid)))
		return r;
	if ((r = tl_scan(cmd)))
		return r;
	for (i = 0; i < a->argc; i++) {
		r = pvcreate_check(cmd, a, a->argv[i], &dev);
		if (!r)
			r = pv_create_one(cmd, dev, a->argv[i], &o);
		if (r)
			ret = r;
	}
	return ret;
}

/* ---- pvremove ---- */

static int pvremove_one(struct cmd *cmd, const struct args *a, const char *path)
{
	const struct pv_info *pi;
	struct device *dev = dev_get(cmd, path);
	char q[1024];
	int r;

	if (!dev) {
		log_error("No device found for %s.", path);
		return EFAILED;
	}
	if (!(pi = tl_pv_info(cmd, path))) {
		log_error("No PV found on device %s.", path);
		return EFAILED;
	}
	if (pi->vg_name) {
		if (arg_count(a, OPT_FORCE) < 2) {
			log_error("PV %s is used by VG %s so please use vgreduce first.", path,
				  pi->vg_name);
			log_error("(If you are certain you need pvremove, then confirm by using --force twice.)");
			goto refused;
		}
		snprintf(q, sizeof(q), "Really WIPE LABELS from physical volume \"%s\" of volume group \"%s\"",
			 path, pi->vg_name);
		if (!arg_is_set(a, OPT_YES) && !cli_confirm(a, "%s", q))
			goto refused;
		log_warn("WARNING: Wiping physical volume label from %s of volume group \"%s\".",
			 path, pi->vg_name);
	}
	if (pi->dev)
		dev = pi->dev;
	r = cmd->test_mode ? 0 : pv_wipe(cmd, dev);	/* forgets @pi */
	if (r < 0) {
		log_error("Failed to wipe existing label on %s: %s.", path, strerror(-r));
		return EFAILED;
	}
	if (cmd->devfile && !cmd->test_mode)
		devfile_pv_gone(cmd->devfile, dev);
	log_print("Labels on physical volume \"%s\" successfully wiped.", path);
	return ECMD_OK;
refused:
	log_error("%s: physical volume label not removed.", path);
	return EFAILED;
}

int cmd_pvremove(struct cmd *cmd, struct args *a)
{
	int i, r, ret = ECMD_OK;

	if (!a->argc) {
		log_error("Please enter a physical volume path.");
		return EINVALID;
	}
	if ((r = tl_scan(cmd)))
		return r;
	for (i = 0; i < a->argc; i++)
		if ((r = pvremove_one(cmd, a, a->argv[i])))
			ret = r;
	return ret;
}

/* ---- pvchange ---- */

static int pv_change_tags(struct vg *vg, struct pv *pv, const struct args *a)
{
	const char **v;
	int r;

	for (v = a->values[OPT_ADDTAG]; v && *v; v++)
		if ((r = tl_tag_add(vg, &pv->tags, *v)))
			return r;
	for (v = a->values[OPT_DELTAG]; v && *v; v++)
		if ((r = tl_tag_del(vg, &pv->tags, *v)))
			return r;
	return ECMD_OK;
}

/* -x y|n: true if it changed @pv (LVM2's words when it is so already). */
static bool pv_change_alloc(struct pv *pv, const struct args *a, const char *path)
{
	bool want;

	if (!arg_is_set(a, OPT_ALLOCATABLE) || arg_yes_no(a, OPT_ALLOCATABLE, true, &want))
		return false;
	if (!(pv->status & ST_ALLOCATABLE) == !want) {
		log_error("Physical volume \"%s\" is already %sallocatable.", path, want ? "" : "un");
		return false;
	}
	pv->status ^= ST_ALLOCATABLE;
	return true;
}

/* --metadataignore y|n on the PV of @pi: can it change?  LVM2's words. */
static bool mda_ignore_ok(const struct pv_info *pi, const char *path, bool ignore)
{
	if (ignore && !pi->mda_used) {
		log_error("Metadata areas on physical volume \"%s\" already ignored.", path);
		return false;
	}
	if (!ignore && pi->mda_used == pi->mda_count) {
		log_error("Metadata areas on physical volume \"%s\" already marked as in-use.",
			  path);
		return false;
	}
	if (!pi->mda_count) {
		log_error("Physical volume \"%s\" has no metadata areas.", path);
		return false;
	}
	return true;
}

/* The metadata areas in use in @vg's PVs but @pi's. */
static unsigned vg_mdas_used_but(struct cmd *cmd, const struct vg *vg, const struct pv_info *pi)
{
	const struct pv_info *o = NULL;
	unsigned n = 0;

	while ((o = pv_info_next(cmd, o)))
		if (o != pi && o->vg_name && !strcmp(o->vg_name, vg->name))
			n += o->mda_used;
	return n;
}

/* --metadataignore of a PV in @vg: 0 changed, 1 not asked, or an exit code.
 * The areas are marked before the VG is written, so the VG must keep one
 * in use. */
static int pv_change_mda_ignore(struct cmd *cmd, const struct args *a, struct vg *vg,
				const struct pv_info *pi, const char *path)
{
	unsigned others = vg_mdas_used_but(cmd, vg, pi);
	bool ignore;

	if (!arg_is_set(a, OPT_METADATAIGNORE) || arg_yes_no(a, OPT_METADATAIGNORE, false, &ignore))
		return 1;
	if (!mda_ignore_ok(pi, path, ignore))
		return EFAILED;
	/* LVM2 asks this even with --yes */
	if (vg->metadata_copies && !arg_is_set(a, OPT_FORCE) &&
	    !cli_ask(a, "Override preferred number of copies of VG %s metadata?", vg->name))
		return EFAILED;
	if (ignore && !others) {
		log_error("Cannot disable all metadata areas in volume group %s.", vg->name);
		return EFAILED;
	}
	if (vg->metadata_copies) {
		log_warn("WARNING: Changing preferred number of copies of VG %s metadata from %u "
			 "to %u", vg->name, vg->metadata_copies, others + (ignore ? 0 : pi->mda_count));
		vg->metadata_copies = others + (ignore ? 0 : pi->mda_count);
	}
	return pv_mdas_ignore(cmd, pi->dev, ignore) ? EFAILED : 0;
}

static bool has_tag_args(const struct args *a)
{
	return arg_is_set(a, OPT_ADDTAG) || arg_is_set(a, OPT_DELTAG);
}

/* The change of PV @path in its VG: 0 changed, 1 nothing to change, or an
 * exit code. */
#define PV_SKIPPED	(-1)	/* left out by -S */

static int pvchange_pv(struct cmd *cmd, const struct args *a, struct vg *vg, struct pv *pv,
		       const struct pv_info *pi, const char *path)
{
	bool alloc = pv_change_alloc(pv, a, path);
	int r;

	if (has_tag_args(a) && (r = pv_change_tags(vg, pv, a)))
		goto failed;
	r = pv_change_mda_ignore(cmd, a, vg, pi, path);
	if (r > 1)
		goto failed;
	if (!alloc && !has_tag_args(a) && r == 1) {
		log_print("Physical volume %s not changed", path);
		return 1;
	}
	if ((r = tl_vg_update(vg, NULL, 0)))
		return r;
	log_print("Physical volume \"%s\" changed", path);
	return 0;
failed:
	log_error("Physical volume %s not changed", path);
	return r;
}

static int pvchange_in_vg(struct cmd *cmd, const struct args *a, const char *path,
			  const struct pv_info *pi, struct rep_select *sel)
{
	struct vg *vg = tl_vg_read(cmd, pi->vg_name, VG_READ_FOR_UPDATE);
	struct pv *pv;
	int r = EFAILED;

	if (!vg)
		return EFAILED;
	pv = tl_find_pv(vg, path);
	if (!pv && pi->dev)
		pv = tl_find_pv(vg, pi->dev->path);
	if (!pv) {
		log_error("Physical volume %s not found in volume group %s.", path, vg->name);
	} else if (sel && (r = rep_select_pv(sel, vg, pv, pi)) <= 0) {
		r = r < 0 ? EFAILED : PV_SKIPPED;
	} else {
		r = pvchange_pv(cmd, a, vg, pv, pi, path);
	}
	vg_free(vg);
	return r;
}

/* --metadataignore alone, of a PV in no VG */
static int pvchange_orphan_mdas(struct cmd *cmd, const struct args *a, const struct pv_info *pi,
				const char *path)
{
	bool ignore = false;

	if (arg_yes_no(a, OPT_METADATAIGNORE, false, &ignore) || !mda_ignore_ok(pi, path, ignore) ||
	    pv_mdas_ignore(cmd, pi->dev, ignore)) {
		log_error("Physical volume %s not changed", path);
		return EFAILED;
	}
	log_print("Physical volume \"%s\" changed", path);
	return 0;
}

/* 0 changed, 1 nothing to change, PV_SKIPPED not selected, or an exit code */
static int pvchange_one(struct cmd *cmd, const struct args *a, const char *path,
			struct rep_select *sel)
{
	const struct pv_info *pi = tl_pv_info(cmd, path);
	int m;

	if (!pi) {
		log_error("Failed to find physical volume \"%s\".", path);
		return EFAILED;
	}
	if (pi->vg_name)
		return pvchange_in_vg(cmd, a, path, pi, sel);
	if (sel && (m = rep_select_pv(sel, NULL, NULL, pi)) <= 0)
		return m < 0 ? EFAILED : PV_SKIPPED;
	if (!has_tag_args(a) && !arg_is_set(a, OPT_ALLOCATABLE))
		return pvchange_orphan_mdas(cmd, a, pi, path);
	if (has_tag_args(a))
		log_error("Can't change tag on Physical Volume %s not in volume group", path);
	else
		log_error("Allocatability not supported by orphan lvm2 format PV %s", path);
	log_error("Physical volume %s not changed", path);
	return EFAILED;
}

static int check_tags(const struct args *a)
{
	enum opt_id ids[] = { OPT_ADDTAG, OPT_DELTAG };
	const char **v;
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(ids); i++)
		for (v = a->values[ids[i]]; v && *v; v++)
			if (!tl_tag_is_valid(*v)) {
				log_error("Invalid argument for --%s: %s", opt_def(ids[i])->long_name,
					  *v);
				return EINVALID;
			}
	return ECMD_OK;
}

/* pvchange_one on each of the @n @paths; the exit code, the counts of the
 * PVs changed and not changed */
static int pvchange_list(struct cmd *cmd, const struct args *a, struct rep_select *sel,
			 char *const *paths, unsigned n, unsigned *done, unsigned *failed)
{
	int r, ret = ECMD_OK;
	unsigned i;

	for (i = 0; i < n; i++) {
		r = pvchange_one(cmd, a, paths[i], sel);
		if (r == PV_SKIPPED)
			continue;
		if (r > 1)
			ret = r;
		*(r ? failed : done) += 1;
	}
	return ret;
}

static int pvchange_all(struct cmd *cmd, const struct args *a, struct rep_select *sel,
			unsigned *done, unsigned *failed)
{
	const struct pv_info **list = tl_pvs_lvm2_order(cmd);
	const char **paths;
	char **copy = NULL;
	unsigned i, n = 0;
	int ret;

	/* the paths are copied: a change rescans, and the scan's data goes */
	while (list && list[n])
		n++;
	if (list && (paths = calloc(n + 1, sizeof(*paths)))) {
		for (i = 0; i < n; i++)
			paths[i] = list[i]->dev->path;
		copy = tl_names_dup(paths);
		free(paths);
	}
	free(list);
	if (!copy)
		return EFAILED;
	ret = pvchange_list(cmd, a, sel, copy, n, done, failed);
	tl_names_free(copy);
	return ret;
}

int cmd_pvchange(struct cmd *cmd, struct args *a)
{
	struct rep_select *sel = NULL;
	unsigned done = 0, failed = 0;
	int r, ret = ECMD_OK;

	if (!arg_is_set(a, OPT_ADDTAG) && !arg_is_set(a, OPT_DELTAG) &&
	    !arg_is_set(a, OPT_ALLOCATABLE) && !arg_is_set(a, OPT_METADATAIGNORE)) {
		log_error("Please give one of -x, --addtag or --deltag.");
		return EINVALID;
	}
	if (!a->argc && !arg_is_set(a, OPT_ALL) && !arg_is_set(a, OPT_SELECT)) {
		log_error("Please give a physical volume path or use --all.");
		return EINVALID;
	}
	if ((r = check_tags(a)) || (r = tl_scan(cmd)) ||
	    (arg_is_set(a, OPT_SELECT) && (r = rep_select_new_pvs(cmd, a->value[OPT_SELECT], &sel))))
		return r;
	if (arg_is_set(a, OPT_ALL) || !a->argc)
		ret = pvchange_all(cmd, a, sel, &done, &failed);
	r = pvchange_list(cmd, a, sel, a->argv, (unsigned)a->argc, &done, &failed);
	if (r)
		ret = r;
	rep_select_free(sel);
	log_print("%u physical volume%s changed / %u physical volume%s not changed", done,
		  done == 1 ? "" : "s", failed, failed == 1 ? "" : "s");
	return ret;
}

/* ---- pvscan ---- */

struct scan_total {
	unsigned found, orphans;
	uint64_t total, orphan_size;
	int name_w, vg_w;
	bool shrt, uuid, orphans_only, exported_only;	/* -s -u -n -e */
};

/* LVM2 counts its orphan pseudo-VG "#orphans_lvm2" among the VG names it
 * pads pvscan's columns to. */
#define ORPHAN_VG_NAME_LEN	13
/* -u puts " with UUID " and the 38-character uuid after the name */
#define SCAN_UUID_LEN		50

static void scan_widths(struct cmd *cmd, struct scan_total *t)
{
	const struct pv_info *pi;
	int n;

	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi)) {
		n = pi->dev ? (int)strlen(pi->dev->path) : 0;
		if (n > t->name_w)
			t->name_w = n;
		n = pi->vg_name ? (int)strlen(pi->vg_name) : 0;
		if (n > t->vg_w)
			t->vg_w = n;
	}
	if (t->vg_w < ORPHAN_VG_NAME_LEN)
		t->vg_w = ORPHAN_VG_NAME_LEN;
	t->name_w += 2;
	t->vg_w += 2;
}

/* The name column: the path, or with -u the path and the PV's uuid. */
static const char *scan_name(const struct scan_total *t, const char *path, const char *pvid,
			     char *buf, size_t len, int *w)
{
	char uuid[40];

	*w = t->name_w;
	if (!t->uuid || id_format(pvid, uuid, sizeof(uuid)))
		return path;
	snprintf(buf, len, "%-*s with UUID %s", t->name_w - 2, path, uuid);
	*w += SCAN_UUID_LEN;
	return buf;
}

static void scan_orphan(const struct pv_info *pi, struct scan_total *t)
{
	char s[TL_SIZE_LEN], buf[PATH_MAX + 64];
	const char *name;
	int w;

	name = scan_name(t, pi->dev->path, pi->pvid, buf, sizeof(buf), &w);
	if (t->shrt)
		log_print("%s", pi->dev->path);
	else
		log_print("PV %-*s    %-*s lvm2 [%s]", w, name, t->vg_w, " ",
			  tl_size(s, sizeof(s), pi->dev_size));
	t->orphans++;
	t->orphan_size += pi->dev_size;
	t->total += pi->dev_size;
}

static void scan_in_vg(struct pv *pv, const char *path, struct scan_total *t)
{
	char s1[TL_SIZE_LEN], s2[TL_SIZE_LEN], buf[PATH_MAX + 64];
	uint64_t es = pv->vg->extent_size;
	uint64_t size = (uint64_t)pv->pe_count * es;
	const char *name;
	int w;

	name = scan_name(t, path, pv->id, buf, sizeof(buf), &w);
	tl_size(s1, sizeof(s1), size);
	tl_size(s2, sizeof(s2), (uint64_t)(pv->pe_count - pv_pe_alloc_count(pv)) * es);
	if (t->shrt)
		log_print("%s", path);
	else if (pv->vg->status & ST_EXPORTED)
		log_print("PV %-*s  is in exported VG %s [%s / %s free]", w, name, pv->vg->name,
			  s1, s2);
	else
		log_print("PV %-*s VG %-*s lvm2 [%s / %s free]", w, name, t->vg_w, pv->vg->name,
			  s1, s2);
	t->total += size;
}

/* Print the PV @pi of a VG, reading the VG (kept in @vgs by name). */
static void scan_in_vg_pv(struct cmd *cmd, const struct pv_info *pi, struct vg **vgs,
			  const char **names, struct scan_total *t)
{
	struct pv *pv;
	unsigned i;

	for (i = 0; names && names[i]; i++)
		if (!strcmp(names[i], pi->vg_name))
			break;
	if (!names || !names[i])
		return;
	if (!vgs[i] && !(vgs[i] = vg_read(cmd, names[i], VG_READ_ALLOW_MISSING)))
		return;
	if (!(pv = find_pv_by_id(vgs[i], pi->pvid)) ||
	    (t->exported_only && !(vgs[i]->status & ST_EXPORTED)))
		return;
	scan_in_vg(pv, pi->dev->path, t);
	t->found++;
}

static void scan_all(struct cmd *cmd, struct scan_total *t)
{
	const struct pv_info **list = tl_pvs_lvm2_order(cmd), **p, *pi;
	const char **names = vg_names_local(cmd);
	struct vg **vgs;
	unsigned n = 0, i;

	while (names && names[n])
		n++;
	if (!list || !(vgs = calloc(n + 1, sizeof(*vgs)))) {
		free(list);
		return;
	}
	for (p = list; (pi = *p); p++) {
		if (pi->vg_name) {
			if (!t->orphans_only)
				scan_in_vg_pv(cmd, pi, vgs, names, t);
			continue;
		}
		if (t->exported_only)
			continue;
		scan_orphan(pi, t);
		t->found++;
	}
	for (i = 0; i < n; i++)
		vg_free(vgs[i]);
	free(vgs);
	free(list);
}

int cmd_pvscan(struct cmd *cmd, struct args *a)
{
	struct scan_total t = {
		.shrt = arg_is_set(a, OPT_SHORT), .uuid = arg_is_set(a, OPT_UUID_SHOW),
		.orphans_only = arg_is_set(a, OPT_NOVOLUMEGROUP),
		.exported_only = arg_is_set(a, OPT_EXPORTED),
	};
	char s1[TL_SIZE_LEN], s2[TL_SIZE_LEN], s3[TL_SIZE_LEN];
	int r;

	if (pvscan_online_form(a))
		return pvscan_online(cmd, a);
	if (a->argc) {
		log_error("Command does not accept argument: %s.", a->argv[0]);
		return EINVALID;
	}
	if (t.orphans_only && t.exported_only) {
		log_error("Options -e and -n are incompatible");
		log_error("Run `pvscan --help' for more information.");
		return EINVALID;
	}
	if (t.orphans_only || t.exported_only)
		log_warn("WARNING: only considering physical volumes %s",
			 t.exported_only ? "of exported volume group(s)" : "in no volume group");
	if ((r = tl_scan(cmd)))
		return r;
	scan_widths(cmd, &t);
	scan_all(cmd, &t);
	if (!t.found) {
		log_print("No matching physical volumes found");
		return ECMD_OK;
	}
	log_print("Total: %u [%s] / in use: %u [%s] / in no VG: %u [%s]", t.found,
		  tl_size(s1, sizeof(s1), t.total), t.found - t.orphans,
		  tl_size(s2, sizeof(s2), t.total - t.orphan_size), t.orphans,
		  tl_size(s3, sizeof(s3), t.orphan_size));
	return ECMD_OK;
}
