/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgcreate, vgextend, vgreduce, vgremove, vgchange, vgck, vgrename, vgscan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pvmove_cli.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "report.h"
#include "segtype_reg.h"
#include "systemid.h"
#include "vg_io.h"
#include "vgowner.h"

#define DEFAULT_EXTENT_SECTORS	8192		/* 4 MiB */
#define MIN_NON_POW2_EXTENT	256		/* 128 KiB */

/* ---- adding PVs (vgcreate, vgextend) ---- */

struct new_pv {
	const char *path;
	struct device *dev;
	bool create;		/* not a PV yet: pvcreate it first */
};

/* Check one PV argument: a device that is not a PV or an orphan PV. */
static int new_pv_check(struct cmd *cmd, const char *vg_name, const char *path,
			struct new_pv *np)
{
	const struct pv_info *pi;

	np->path = path;
	np->dev = dev_get(cmd, path);
	if (!np->dev) {
		log_error("No device found for %s.", path);
		return EFAILED;
	}
	pi = tl_pv_info(cmd, path);
	np->create = !pi;
	if (!pi || !pi->vg_name)
		return ECMD_OK;
	log_error("Physical volume '%s' is already in volume group '%s'", path, pi->vg_name);
	log_error("Unable to add physical volume '%s' to volume group '%s'", path, pi->vg_name);
	log_error("%s: physical volume not initialized.", path);
	return EFAILED;
}

static int new_pvs_check(struct cmd *cmd, const char *vg_name, int argc, char **argv,
			 struct new_pv *np)
{
	int i, j, ret = ECMD_OK;

	for (i = 0; i < argc; i++) {
		if (new_pv_check(cmd, vg_name, argv[i], &np[i]))
			ret = EFAILED;
		for (j = 0; j < i && !ret; j++)
			if (np[j].dev == np[i].dev) {
				log_error("Physical volume %s is given twice.", argv[i]);
				ret = EINVALID;
			}
	}
	return ret;
}

static int new_pvs_create(struct cmd *cmd, const struct args *a, struct new_pv *np, int n)
{
	struct pv_create_opts o;
	char uuid[ID_LEN + 1];
	int i, r;

	if ((r = pv_create_opts_parse(a, n, &o, uuid)))
		return r;
	for (i = 0; i < n; i++)
		if (np[i].create && (r = pv_create_one(cmd, np[i].dev, np[i].path, &o)))
			return r;
	return ECMD_OK;
}

static const char *next_pv_key(struct vg *vg, char *buf, size_t len)
{
	unsigned i = 0;

	do
		snprintf(buf, len, "pv%u", i++);
	while (find_pv_by_key(vg, buf));
	return buf;
}

static int vg_add_new_pv(struct vg *vg, const struct new_pv *np)
{
	const struct pv_info *pi = tl_pv_info(vg->cmd, np->path);
	char key[16];
	struct pv *pv;

	if (!pi && !vg->cmd->test_mode) {
		log_error("Failed to read physical volume %s.", np->path);
		return EFAILED;
	}
	if (!(pv = vg_add_pv(vg, next_pv_key(vg, key, sizeof(key)))))
		return EFAILED;
	pv->dev = np->dev;
	pv->dev_name = vg_strdup(vg, np->path);
	pv->status = ST_ALLOCATABLE;
	pv->dev_size = pi ? pi->dev_size : np->dev->size;
	pv->pe_start = pi ? pi->pe_start : 2048;
	if (pi)
		memcpy(pv->id, pi->pvid, sizeof(pv->id));
	else
		id_create(pv->id);
	if (pi && tl_devfile_add(vg->cmd, np->dev, np->path))
		return EFAILED;
	pv->pe_count = pv->dev_size > pv->pe_start ?
		(uint32_t)((pv->dev_size - pv->pe_start) / vg->extent_size) : 0;
	if (!pv->pe_count) {
		log_error("Physical volume %s is too small for the extent size.", np->path);
		return EFAILED;
	}
	return ECMD_OK;
}

static void new_pvs_mark_used(struct vg *vg, struct new_pv *np, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (pv_set_used(vg->cmd, np[i].dev, true) < 0)
			log_warn("WARNING: Failed to mark %s as used.", np[i].path);
}

/* Check, pvcreate and add the PVs named by @argv to @vg. */
static int vg_add_pvs(struct vg *vg, const struct args *a, int argc, char **argv,
		      struct new_pv *np)
{
	int i, r;

	if ((r = new_pvs_check(vg->cmd, vg->name, argc, argv, np)))
		return r;
	if ((r = new_pvs_create(vg->cmd, a, np, argc)))
		return r;
	for (i = 0; i < argc; i++)
		if ((r = vg_add_new_pv(vg, &np[i])))
			return r;
	return ECMD_OK;
}

/* ---- vgcreate ---- */

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static int extent_size_arg(const struct args *a, uint64_t *out)
{
	enum sign sign;
	int r;

	*out = DEFAULT_EXTENT_SECTORS;
	if (!arg_is_set(a, OPT_PESIZE))
		return ECMD_OK;
	if ((r = arg_size_sectors(a, OPT_PESIZE, 'm', &sign, out)))
		return r;
	if (sign == SIGN_MINUS) {
		log_error("Physical extent size may not be negative.");
		return EINVALID;
	}
	if (!*out) {
		log_error("Physical extent size may not be zero");
		return EINVALID;
	}
	if (*out > UINT32_MAX) {
		log_error("Physical extent size must be smaller than 2.00 TiB.");
		return EINVALID;
	}
	return ECMD_OK;
}

static int extent_size_check(uint64_t es)
{
	if (is_pow2(es) || !(es % MIN_NON_POW2_EXTENT))
		return ECMD_OK;
	log_error("Physical Extent size must be a multiple of 128.00 KiB when not a power of 2.");
	return EFAILED;
}

struct vgcreate_params {
	const char *name;
	uint64_t extent_size;
	enum alloc_policy alloc;
	uint64_t max_lv, max_pv;
	uint32_t mda_copies;
	bool no_auto;			/* --setautoactivation n */
	char system_id[SYSTEM_ID_MAX + 1];	/* "" for none */
};

static int vgcreate_unsupported(const struct args *a)
{
	bool y = false;

	if (arg_is_set(a, OPT_CLUSTERED) && !arg_yes_no(a, OPT_CLUSTERED, false, &y) && y) {
		log_error("The clustered option is deprecated, see --shared.");
		return EINVALID;
	}
	return ECMD_OK;
}

static int vgcreate_args(struct cmd *cmd, const struct args *a, struct vgcreate_params *p)
{
	int r;

	if (a->argc < 2) {
		log_error("Please provide volume group name and physical volumes");
		return EINVALID;
	}
	p->name = tl_vg_name(a->argv[0]);
	p->alloc = ALLOC_NORMAL;
	if ((r = vgcreate_unsupported(a)) || (r = extent_size_arg(a, &p->extent_size)) ||
	    (r = tl_alloc_arg(a, &p->alloc)) || (r = arg_uint64(a, OPT_MAXLV, 0, &p->max_lv)) ||
	    (r = arg_uint64(a, OPT_MAXPV, 0, &p->max_pv)) ||
	    (r = tl_autoactivation_arg(a, &p->no_auto)) ||
	    (r = vgcreate_owner_args(cmd, a, p->system_id)))
		return r;
	if (!name_is_valid(p->name)) {
		log_error("New volume group name \"%s\" is invalid.", p->name);
		return EINVALID;
	}
	if (p->alloc == ALLOC_INHERIT) {
		log_error("Volume Group allocation policy cannot inherit from anything");
		return EINVALID;
	}
	return tl_mda_copies_arg(a, &p->mda_copies);
}

static struct vg *vg_build(struct cmd *cmd, const struct args *a, const struct vgcreate_params *p)
{
	struct vg *vg = vg_new(cmd, p->name);
	const char **t;

	if (!vg)
		return NULL;
	id_create(vg->id);
	vg->status = ST_READ | ST_WRITE | ST_RESIZEABLE;
	vg->extent_size = p->extent_size;
	vg->alloc = p->alloc;
	vg->max_lv = (uint32_t)p->max_lv;
	vg->max_pv = (uint32_t)p->max_pv;
	vg->metadata_copies = p->mda_copies;
	if (*p->system_id && !(vg->system_id = dm_pool_strdup(vg->mem, p->system_id))) {
		vg_free(vg);
		return NULL;
	}
	if (p->no_auto && vg_flag_set(vg, AUTO_FLAG, true)) {
		vg_free(vg);
		return NULL;
	}
	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if (!tl_tag_is_valid(*t) || tl_tag_add(vg, &vg->tags, *t)) {
			log_error("Failed to add tag %s to volume group %s.", *t, p->name);
			vg_free(vg);
			return NULL;
		}
	return vg;
}

int cmd_vgcreate(struct cmd *cmd, struct args *a)
{
	struct vgcreate_params p;
	struct new_pv *np = NULL;
	struct vg *vg = NULL;
	int r;

	if ((r = vgcreate_args(cmd, a, &p)) == EINVALID)
		log_error("Run `vgcreate --help' for more information.");
	if (r || (r = tl_scan(cmd)))
		return r;
	if ((r = extent_size_check(p.extent_size)))
		return r;
	if (tl_vg_exists(cmd, p.name)) {
		log_error("A volume group called %s already exists.", p.name);
		return EFAILED;
	}
	r = EFAILED;
	if (!(np = calloc((size_t)a->argc, sizeof(*np))) || !(vg = vg_build(cmd, a, &p)))
		goto out;
	if ((r = vg_add_pvs(vg, a, a->argc - 1, a->argv + 1, np)))
		goto out;
	if ((r = tl_vg_update(vg, NULL, 0)))
		goto out;
	new_pvs_mark_used(vg, np, a->argc - 1);
	if (vg->system_id)
		log_print("Volume group \"%s\" successfully created with system ID %s", vg->name,
			  vg->system_id);
	else
		log_print("Volume group \"%s\" successfully created", vg->name);
out:
	vg_free(vg);
	free(np);
	return r;
}

/* ---- vgextend ---- */

/* vgchange -x n forbids adding and removing PVs. */
static bool vg_resizeable(const struct vg *vg)
{
	if (vg->status & ST_RESIZEABLE)
		return true;
	log_error("Volume group %s is not resizeable.", vg->name);
	return false;
}

/* --restoremissing: the MISSING flag of PV @path, back again, cleared. */
static bool restore_pv(struct vg *vg, const char *path)
{
	struct pv *pv = tl_find_pv(vg, path);

	if (!pv || !pv->dev) {		/* a missing PV has no name to find it by */
		log_warn("WARNING: PV %s not found in VG %s", path, vg->name);
		return false;
	}
	if (!(pv->status & ST_MISSING)) {
		log_warn("WARNING: PV %s was not missing in VG %s", path, vg->name);
		return false;
	}
	pv->status &= ~ST_MISSING;
	return true;
}

static int vgextend_restore(struct vg *vg, const struct args *a)
{
	unsigned fixed = 0;
	int i;

	for (i = 1; i < a->argc; i++)
		fixed += restore_pv(vg, a->argv[i]);
	if (!fixed) {
		log_error("No PV has been restored.");
		return EFAILED;
	}
	return tl_vg_update(vg, NULL, 0);
}

/* --metadataignore y of new PVs in a VG that keeps a number of copies: as
 * LVM2, asked first, and the number becomes the areas in use. */
static bool vgextend_copies_ok(struct vg *vg, const struct args *a)
{
	if (!arg_is_set(a, OPT_METADATAIGNORE) || !vg->metadata_copies ||
	    arg_is_set(a, OPT_FORCE) ||
	    cli_confirm(a, "Override preferred number of copies of VG %s metadata?", vg->name))
		return true;
	log_error("Volume group %s not changed", vg->name);
	return false;
}

static void vgextend_copies(struct vg *vg, const struct args *a)
{
	uint32_t used = vg_mdas_in_use(vg);

	if (!arg_is_set(a, OPT_METADATAIGNORE) || !vg->metadata_copies ||
	    vg->metadata_copies == used)
		return;
	log_warn("WARNING: Changing preferred number of copies of VG %s metadata from %u to %u",
		 vg->name, vg->metadata_copies, used);
	vg->metadata_copies = used;
}

int cmd_vgextend(struct cmd *cmd, struct args *a)
{
	struct new_pv *np = NULL;
	struct vg *vg = NULL;
	int r;

	if (a->argc < 2) {
		log_error("Please enter volume group name and physical volume(s)");
		return EINVALID;
	}
	if ((r = tl_scan(cmd)))
		return r;
	r = EFAILED;
	/* as LVM2, PVs may be added while others are missing */
	if (!(vg = tl_vg_read(cmd, tl_vg_name(a->argv[0]),
			      VG_READ_FOR_UPDATE | VG_READ_ALLOW_MISSING)))
		goto out;
	if (arg_is_set(a, OPT_RESTOREMISSING)) {
		r = vgextend_restore(vg, a);
		goto done;
	}
	if (!vg_resizeable(vg) || !vgextend_copies_ok(vg, a) ||
	    !(np = calloc((size_t)a->argc, sizeof(*np))))
		goto out;
	if ((r = vg_add_pvs(vg, a, a->argc - 1, a->argv + 1, np)))
		goto out;
	vgextend_copies(vg, a);
	r = tl_vg_update(vg, NULL, 0);
	if (!r)
		new_pvs_mark_used(vg, np, a->argc - 1);
done:
	if (!r)
		log_print("Volume group \"%s\" successfully extended", vg->name);
out:
	vg_free(vg);
	free(np);
	return r;
}

/* ---- vgreduce ---- */

static const char *pv_path(const struct pv *pv)
{
	if (pv->dev)
		return pv->dev->path;
	return pv->dev_name ? pv->dev_name : pv->id;
}

/* Take @pv out of @vg's model (it must be unused). */
static int vgreduce_pv(struct vg *vg, struct pv *pv, struct device **gone, unsigned *ngone)
{
	if (pv_pe_alloc_count(pv)) {
		log_error("Physical volume \"%s\" still in use", pv_path(pv));
		return EFAILED;
	}
	if (dm_list_size(&vg->pvs) <= 1) {
		log_error("Can't remove final physical volume \"%s\" from volume group \"%s\"",
			  pv_path(pv), vg->name);
		return EFAILED;
	}
	if (pv->dev)
		gone[(*ngone)++] = pv->dev;
	dm_list_del(&pv->list);
	return ECMD_OK;
}

static void orphan_devs(struct vg *vg, struct device **gone, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (pv_make_orphan(vg->cmd, gone[i]) < 0)
			log_warn("WARNING: Failed to clear the metadata of %s.", gone[i]->path);
		log_print("Removed \"%s\" from volume group \"%s\"", gone[i]->path, vg->name);
	}
}

static int vgreduce_named(struct vg *vg, const struct args *a, struct device **gone,
			  unsigned *ngone)
{
	struct pv *pv;
	int i, r, ret = ECMD_OK;

	for (i = 1; i < a->argc; i++) {
		if (!(pv = tl_find_pv(vg, a->argv[i]))) {
			log_error("Physical Volume \"%s\" not found in Volume Group \"%s\".",
				  a->argv[i], vg->name);
			ret = EFAILED;
			continue;
		}
		if ((r = vgreduce_pv(vg, pv, gone, ngone)))
			ret = r;
	}
	return ret;
}

static int vgreduce_all(struct vg *vg, struct device **gone, unsigned *ngone)
{
	struct pv *pv, *tmp;
	int r, ret = ECMD_OK;

	dm_list_iterate_items_safe(pv, tmp, &vg->pvs)
		if ((r = vgreduce_pv(vg, pv, gone, ngone)))
			ret = r;
	return ret;
}

/* Partial LVs left (all of them without --force): each named, and the
 * command fails with nothing changed. */
static int partial_lvs_left(struct vg *vg)
{
	struct lv *lv;
	int ret = ECMD_OK;

	dm_list_iterate_items(lv, &vg->lvs)
		if (lv_is_partial(lv)) {
			log_warn("WARNING: Partial LV %s needs to be repaired or removed. ", lv->name);
			ret = EFAILED;
		}
	if (ret) {
		log_error("There are still partial LVs in VG %s.", vg->name);
		log_error("To remove them unconditionally use: vgreduce --removemissing --force.");
	}
	return ret;
}

/* --force, one partial LV: its type makes it whole without the missing
 * PVs, or a visible LV goes with what it holds (hidden ones are left to
 * the LV above them).  1 when the model changed, 0 when not, or EFAILED. */
static int make_whole(struct vg *vg, struct lv *lv)
{
	int r = st_remove_missing(vg->cmd, lv);

	if (!r) {
		if (lv_is_partial(lv)) {
			log_error("Failed to remove the missing parts of %s.", tl_lvname(lv));
			return EFAILED;
		}
		return vg_note_reload(vg, lv) ? EFAILED : 1;
	}
	if (r != -ENOTSUP) {
		log_error("Failed to remove the missing parts of %s.", tl_lvname(lv));
		return EFAILED;
	}
	if (!tl_lv_visible(vg->cmd, lv))
		return 0;
	log_warn("WARNING: Removing partial LV %s.", tl_lvname(lv));
	if (tl_lv_deactivate(vg->cmd, lv) || lv_remove_tree(lv) < 0) {
		log_error("Failed to remove partial LV %s.", tl_lvname(lv));
		return EFAILED;
	}
	log_print("Logical volume \"%s\" successfully removed.", lv->name);
	return 1;
}

static int remove_partial_lvs(struct vg *vg)
{
	struct lv *lv;
	bool again = true;
	int r;

	while (again) {
		again = false;
		dm_list_iterate_items(lv, &vg->lvs) {
			if (!lv_is_partial(lv))
				continue;
			if ((r = make_whole(vg, lv)) < 0 || r == EFAILED)
				return EFAILED;
			if (r == 1) {
				again = true;	/* the list changed: start over */
				break;
			}
		}
	}
	return ECMD_OK;
}

static int vgreduce_missing(struct vg *vg, const struct args *a)
{
	struct pv *pv, *tmp;
	unsigned n = 0;
	int r;

	dm_list_iterate_items(pv, &vg->pvs)
		n += (pv->status & ST_MISSING) != 0;
	if (!n) {
		log_print("Volume group \"%s\" is already consistent.", vg->name);
		return ECMD_OK;
	}
	if (arg_is_set(a, OPT_FORCE) && (r = remove_partial_lvs(vg)))
		return r;
	if ((r = partial_lvs_left(vg)))
		return r;	/* nothing changed */
	dm_list_iterate_items_safe(pv, tmp, &vg->pvs)
		if ((pv->status & ST_MISSING) && !pv_pe_alloc_count(pv))
			dm_list_del(&pv->list);
	if ((r = tl_vg_update(vg, NULL, 0)))
		return r;
	log_print("Wrote out consistent volume group %s.", vg->name);
	return ECMD_OK;
}

int cmd_vgreduce(struct cmd *cmd, struct args *a)
{
	bool missing = arg_is_set(a, OPT_REMOVEMISSING), all = arg_is_set(a, OPT_ALL);
	struct device **gone = NULL;
	unsigned ngone = 0;
	struct vg *vg = NULL;
	int r;

	if (!a->argc || (a->argc == 1 && !missing && !all) || (a->argc > 1 && (missing || all))) {
		log_error("Please give volume group name and physical volume paths, or -a or --removemissing.");
		return EINVALID;
	}
	if ((r = tl_scan(cmd)))
		return r;
	r = EFAILED;
	vg = tl_vg_read(cmd, tl_vg_name(a->argv[0]),
			VG_READ_FOR_UPDATE | (missing ? VG_READ_ALLOW_MISSING : 0));
	if (!vg)
		return EFAILED;
	if (missing) {
		r = vgreduce_missing(vg, a);
		goto out;
	}
	if (!vg_resizeable(vg))
		goto out;
	if (!(gone = calloc(dm_list_size(&vg->pvs) + 1, sizeof(*gone))))
		goto out;
	r = all ? vgreduce_all(vg, gone, &ngone) : vgreduce_named(vg, a, gone, &ngone);
	if ((r && !all) || !ngone || tl_vg_update(vg, NULL, 0)) {
		r = r ? r : (ngone ? EFAILED : r);
		goto out;
	}
	orphan_devs(vg, gone, ngone);
out:
	free(gone);
	vg_free(vg);
	return r;
}

/* ---- vgremove ---- */

static bool listed(const struct lv *const *lvs, unsigned n, const struct lv *lv)
{
	while (n--)
		if (lvs[n] == lv)
			return true;
	return false;
}

/* The visible LVs of @vg in the order LVM2 names them as it removes them:
 * each after the visible LVs that use it (a snapshot before its origin,
 * thin LVs before their pool).  @out has room for every LV. */
static unsigned removal_order(const struct vg *vg, const struct lv **out)
{
	const struct lv *v, *w;
	const struct lv_user *u;
	unsigned n = 0;

	dm_list_iterate_items(v, &vg->lvs) {
		if (!tl_lv_visible(vg->cmd, v) || listed(out, n, v))
			continue;
		dm_list_iterate_items(u, &v->users)
			dm_list_iterate_items(w, &vg->lvs)
				if (w != v && !listed(out, n, w) && tl_lv_visible(vg->cmd, w) &&
				    (w == u->seg->lv || lv_holds(u->seg->lv, w)))
					out[n++] = w;
		out[n++] = v;
	}
	return n;
}

/* Remove every LV of @vg from the model, users before what they use. */
static int remove_all_lvs(struct vg *vg)
{
	const struct lv **said;
	struct lv *lv, *tmp;
	bool progress = true;
	unsigned i, n;

	if (!(said = calloc(dm_list_size(&vg->lvs) + 1, sizeof(*said))))
		return EFAILED;
	n = removal_order(vg, said);
	while (!dm_list_empty(&vg->lvs) && progress) {
		progress = false;
		dm_list_iterate_items_safe(lv, tmp, &vg->lvs)
			if (dm_list_empty(&lv->users) && lv_remove(lv) >= 0)
				progress = true;
	}
	if (dm_list_empty(&vg->lvs))
		for (i = 0; i < n; i++)
			log_print("Logical volume \"%s\" successfully removed.", said[i]->name);
	free(said);
	if (dm_list_empty(&vg->lvs))
		return ECMD_OK;
	log_error("Failed to remove the logical volumes of %s.", vg->name);
	return EFAILED;
}

/* Is @lv used by an LV whose device is up? */
static bool used_by_active(struct cmd *cmd, const struct lv *lv)
{
	const struct lv_user *u;

	dm_list_iterate_items(u, &lv->users)
		if (u->seg->lv != lv && tl_lv_active(cmd, u->seg->lv))
			return true;
	return false;
}

/* Take every device of @vg down, users first: an LV that others use (a pool
 * under its thin LVs) goes once the last of them went, in a later round. */
static int deactivate_all(struct vg *vg)
{
	struct cmd *cmd = vg->cmd;
	bool again = true;
	unsigned rounds = 0;
	struct lv *lv;
	int ret = ECMD_OK;

	while (again && rounds++ < 16) {
		again = false;
		dm_list_iterate_items(lv, &vg->lvs) {
			if (!tl_lv_active(cmd, lv) || used_by_active(cmd, lv))
				continue;
			if (tl_lv_deactivate(cmd, lv))
				ret = EFAILED;
			else
				again = true;
		}
	}
	return ret;
}

static int vgremove_one(struct cmd *cmd, const struct args *a, const char *name)
{
	struct vg *vg = tl_vg_read(cmd, name, VG_READ_FOR_UPDATE | VG_READ_ALLOW_MISSING);
	unsigned n;
	char q[512];
	int r = EFAILED;

	if (!vg)
		return EFAILED;
	n = tl_vg_visible_lvs(vg);
	snprintf(q, sizeof(q), "Do you really want to remove volume group \"%s\" containing %u logical volumes?",
		 name, n);
	if (n && !tl_confirm_unless_forced(a, q)) {
		log_error("Volume group \"%s\" not removed", name);
		goto out;
	}
	if ((r = deactivate_all(vg)) || (r = remove_all_lvs(vg)))
		goto out;
	if (!cmd->test_mode && vg_remove_mdas(vg) < 0) {
		log_error("Failed to remove volume group \"%s\" from its physical volumes.", name);
		r = EFAILED;
		goto out;
	}
	log_print("Volume group \"%s\" successfully removed", name);
out:
	vg_free(vg);
	return r;
}

static int check_vg_names(const struct args *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		if (!name_is_valid(tl_vg_name(a->argv[i]))) {
			log_error("Invalid volume group name %s.", a->argv[i]);
			return EINVALID;
		}
	return ECMD_OK;
}

static int vgremove_sel(struct cmd *cmd, const struct args *a, struct rep_select *sel,
			const char *name)
{
	int m = tl_vg_selected(cmd, sel, name);

	if (m < 0)
		return EFAILED;
	return m ? vgremove_one(cmd, a, name) : ECMD_OK;
}

int cmd_vgremove(struct cmd *cmd, struct args *a)
{
	struct rep_select *sel = NULL;
	const char **names;
	int i, r, ret = ECMD_OK;

	if (!a->argc && !arg_is_set(a, OPT_SELECT)) {
		log_error("Please enter one or more volume group paths.");
		return EINVALID;
	}
	if ((r = check_vg_names(a)) || (r = tl_scan(cmd)) ||
	    (arg_is_set(a, OPT_SELECT) &&
	     (r = rep_select_new(cmd, true, a->value[OPT_SELECT], &sel))))
		return r;
	for (names = a->argc ? NULL : vg_names(cmd); names && *names; names++)
		if ((r = vgremove_sel(cmd, a, sel, *names)))
			ret = r;
	for (i = 0; i < a->argc; i++)
		if ((r = vgremove_sel(cmd, a, sel, tl_vg_name(a->argv[i]))))
			ret = r;
	rep_select_free(sel);
	return ret;
}

/* ---- vgchange ---- */

static unsigned count_active(struct cmd *cmd, const struct vg *vg)
{
	const struct lv *lv;
	unsigned n = 0;

	dm_list_iterate_items(lv, &vg->lvs)
		n += tl_lv_visible(cmd, lv) && tl_lv_active(cmd, lv);
	return n;
}

static bool skips_activation(const struct args *a, const struct lv *lv)
{
	const char **f;

	if (arg_is_set(a, OPT_IGNOREACTIVATIONSKIP))
		return false;
	for (f = lv->flags; f && *f; f++)
		if (!strcmp(*f, "ACTIVATION_SKIP"))
			return true;
	return false;
}

static bool vg_is_complete(const struct vg *vg)
{
	const struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv_is_missing(pv))
			return false;
	return true;
}

static int vg_activate(struct cmd *cmd, const struct args *a, struct vg *vg, enum tl_act act)
{
	struct lv *lv;
	int ret = ECMD_OK;

	if (act == TL_ACT_AUTO && vg_flag_is_set(vg, AUTO_FLAG)) {
		log_debug("Autoactivation is off for VG %s.", vg->name);
		return ECMD_OK;
	}
	if (arg_is_set(a, OPT_AUTOACTIVATION) && act != TL_ACT_NO && !vg_is_complete(vg)) {
		log_print("VG %s is incomplete.", vg->name);
		return ECMD_OK;
	}
	if (tl_vg_reconcile(cmd, vg))
		ret = EFAILED;
	dm_list_iterate_items(lv, &vg->lvs)
		if (tl_lv_top_level(cmd, lv) && !skips_activation(a, lv) &&
		    !(act == TL_ACT_AUTO && lv_flag_is_set(lv, AUTO_FLAG)) &&
		    tl_lv_activate(cmd, lv, act == TL_ACT_EXCL))
			ret = EFAILED;
	log_print("%u logical volume(s) in volume group \"%s\" now active",
		  count_active(cmd, vg), vg->name);
	return ret;
}

int vg_autoactivate(struct cmd *cmd, const struct args *a, struct vg *vg)
{
	return vg_activate(cmd, a, vg, TL_ACT_AUTO);
}

static int vg_deactivate(struct cmd *cmd, struct vg *vg)
{
	struct lv *lv;
	unsigned open = 0;
	int ret = ECMD_OK;

	dm_list_iterate_items(lv, &vg->lvs)
		open += tl_lv_visible(cmd, lv) && tl_lv_open(cmd, lv);
	if (open) {
		log_error("Can't deactivate volume group \"%s\" with %u open logical volume(s)",
			  vg->name, open);
		return EFAILED;
	}
	dm_list_iterate_items(lv, &vg->lvs)
		if (tl_lv_top_level(cmd, lv) && tl_lv_deactivate(cmd, lv))
			ret = EFAILED;
	if (!cmd->test_mode)
		vg_online_forget(vg->name);
	log_print("%u logical volume(s) in volume group \"%s\" now active",
		  count_active(cmd, vg), vg->name);
	return ret;
}

static int vg_refresh(struct cmd *cmd, struct vg *vg)
{
	if (cmd->test_mode)
		return ECMD_OK;
	if (tl_vg_reload(cmd, vg) < 0) {
		log_error("Failed to refresh logical volumes of %s.", vg->name);
		return EFAILED;
	}
	vg_drop_orphan_devs(cmd, vg);	/* what a killed command left */
	return ECMD_OK;
}

static bool vgchange_changes_metadata(const struct args *a)
{
	return arg_is_set(a, OPT_ALLOC) || arg_is_set(a, OPT_ADDTAG) ||
	       arg_is_set(a, OPT_DELTAG) || arg_is_set(a, OPT_MAXLV) ||
	       arg_is_set(a, OPT_LOGICALVOLUME) || arg_is_set(a, OPT_MAXPV) ||
	       arg_is_set(a, OPT_RESIZEABLE) || arg_is_set(a, OPT_NEWUUID) ||
	       arg_is_set(a, OPT_SETAUTOACTIVATION) || arg_is_set(a, OPT_VGMETADATACOPIES) ||
	       arg_is_set(a, OPT_PESIZE);
}

/* --vgmetadatacopies: the metadata areas kept in use (set at the write) */
static int vgchange_mda_copies(struct vg *vg, const struct args *a)
{
	uint32_t n;
	int r;

	if (!arg_is_set(a, OPT_VGMETADATACOPIES))
		return ECMD_OK;
	if ((r = tl_mda_copies_arg(a, &n)))
		return r;
	if (n == vg->metadata_copies && !n)
		log_warn("Number of metadata copies for VG %s is already unmanaged.", vg->name);
	else if (n == vg->metadata_copies)
		log_warn("Number of metadata copies for VG %s is already %u.", vg->name, n);
	vg->metadata_copies = n;
	return ECMD_OK;
}

/* --setautoactivation y|n */
static int vgchange_autoactivation(struct vg *vg, const struct args *a)
{
	bool no_auto;
	int r;

	if (!arg_is_set(a, OPT_SETAUTOACTIVATION))
		return ECMD_OK;
	if ((r = tl_autoactivation_arg(a, &no_auto)))
		return r;
	if (vg_flag_is_set(vg, AUTO_FLAG) == no_auto) {
		log_error("Volume group autoactivation is already %s.", no_auto ? "no" : "yes");
		return EFAILED;
	}
	return vg_flag_set(vg, AUTO_FLAG, no_auto) ? EFAILED : ECMD_OK;
}

/* -x y|n */
static int vgchange_resizeable(struct vg *vg, const struct args *a)
{
	bool want;
	int r;

	if (!arg_is_set(a, OPT_RESIZEABLE))
		return ECMD_OK;
	if ((r = arg_yes_no(a, OPT_RESIZEABLE, true, &want)))
		return r;
	if (!(vg->status & ST_RESIZEABLE) == !want) {
		log_error("Volume group \"%s\" is already %sresizeable", vg->name,
			  want ? "" : "not ");
		return EFAILED;
	}
	vg->status ^= ST_RESIZEABLE;
	return ECMD_OK;
}

/* -l|--logicalvolume N and -p N (0: no limit) */
static int vgchange_limits(struct vg *vg, const struct args *a)
{
	enum opt_id lv_opt = arg_is_set(a, OPT_LOGICALVOLUME) ? OPT_LOGICALVOLUME : OPT_MAXLV;
	uint64_t v;
	int r;

	if (arg_is_set(a, lv_opt)) {
		if ((r = arg_uint64(a, lv_opt, 0, &v)))
			return r;
		vg->max_lv = (uint32_t)v;
	}
	if (!arg_is_set(a, OPT_MAXPV))
		return ECMD_OK;
	if ((r = arg_uint64(a, OPT_MAXPV, 0, &v)))
		return r;
	if (v && v < dm_list_size(&vg->pvs)) {
		log_error("MaxPhysicalVolumes is less than the current number %u of PVs for \"%s\"",
			  dm_list_size(&vg->pvs), vg->name);
		return EFAILED;
	}
	vg->max_pv = (uint32_t)v;
	return ECMD_OK;
}

/* --uuid: a new VG id, only while none of its LVs is active */
static int vgchange_uuid(struct cmd *cmd, struct vg *vg, const struct args *a)
{
	struct lv *lv;

	if (!arg_is_set(a, OPT_NEWUUID))
		return ECMD_OK;
	dm_list_iterate_items(lv, &vg->lvs)
		if (lv_is_active(cmd, lv)) {
			log_error("Volume group has active logical volumes");
			return EFAILED;
		}
	return id_create(vg->id) ? EFAILED : ECMD_OK;
}

/* -s: LVM2 warns and goes on when the size is too big or already the VG's. */
static int vgchange_pesize(struct vg *vg, const struct args *a)
{
	char buf[TL_SIZE_LEN];
	enum sign sign;
	uint64_t es;
	int r;

	if (!arg_is_set(a, OPT_PESIZE))
		return ECMD_OK;
	if ((r = arg_size_sectors(a, OPT_PESIZE, 'm', &sign, &es)))
		return r;
	if (es > UINT32_MAX) {
		log_warn("Physical extent size cannot be larger than %s.",
			 tl_size(buf, sizeof(buf), UINT32_MAX));
		return ECMD_OK;
	}
	if (es == vg->extent_size) {
		log_warn("Physical extent size of VG %s is already %s.", vg->name,
			 tl_size(buf, sizeof(buf), es));
		return ECMD_OK;
	}
	if (!(vg->status & ST_RESIZEABLE)) {
		log_error("Volume group \"%s\" must be resizeable to change PE size", vg->name);
		return EFAILED;
	}
	if (!es) {
		log_error("Physical extent size may not be zero");
		return EFAILED;
	}
	if ((r = extent_size_check(es)))
		return r;
	return vg_set_extent_size(vg, es) ? EFAILED : ECMD_OK;
}

static int vgchange_metadata(struct vg *vg, const struct args *a)
{
	const char **t;
	int r;

	if ((r = tl_alloc_arg(a, &vg->alloc)))
		return r;
	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if ((r = tl_tag_add(vg, &vg->tags, *t)))
			return r;
	for (t = a->values[OPT_DELTAG]; t && *t; t++)
		tl_tag_del(vg, &vg->tags, *t);
	if ((r = vgchange_resizeable(vg, a)) || (r = vgchange_limits(vg, a)) ||
	    (r = vgchange_autoactivation(vg, a)) || (r = vgchange_pesize(vg, a)) ||
	    (r = vgchange_mda_copies(vg, a)) ||
	    (r = vgchange_uuid(vg->cmd, vg, a)) || (r = tl_vg_update(vg, NULL, 0)))
		return r;
	log_print("Volume group \"%s\" successfully changed", vg->name);
	return ECMD_OK;
}

static int vgchange_one(struct cmd *cmd, const struct args *a, const char *name, enum tl_act act)
{
	bool meta = vgchange_changes_metadata(a);
	struct vg *vg;
	int r = ECMD_OK;

	vg = tl_vg_read(cmd, name, meta ? VG_READ_FOR_UPDATE : VG_READ_ALLOW_MISSING);
	if (!vg)
		return EFAILED;
	if (meta)
		r = vgchange_metadata(vg, a);
	if (!r && act == TL_ACT_NO)
		r = vg_deactivate(cmd, vg);
	else if (!r && act != TL_ACT_NONE)
		r = vg_activate(cmd, a, vg, act);
	if (!r && arg_is_set(a, OPT_REFRESH))
		r = vg_refresh(cmd, vg);
	if (!r && act != TL_ACT_NO && tl_poll_wanted(a))
		r = pvmove_poll_background(cmd, vg, tl_poll_interval(cmd));
	vg_free(vg);
	return r;
}

static int vgchange_args(const struct args *a, enum tl_act *act)
{
	enum alloc_policy ap = ALLOC_NORMAL;
	uint32_t copies;
	const char **t;
	bool poll;
	int r;

	if ((r = tl_activate_arg(a, act)) || (r = arg_yes_no(a, OPT_POLL, true, &poll)) ||
	    (r = tl_alloc_arg(a, &ap)) || (r = tl_mda_copies_arg(a, &copies)))
		return r;
	if (ap == ALLOC_INHERIT) {
		log_error("Volume Group allocation policy cannot inherit from anything");
		return EINVALID;
	}
	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if (!tl_tag_is_valid(*t)) {
			log_error("Invalid argument for --addtag: %s", *t);
			return EINVALID;
		}
	if (arg_is_set(a, OPT_AUTOACTIVATION) && *act == TL_ACT_NONE) {	/* a form of -a */
		log_error("No command with matching syntax recognised.  "
			  "Run 'vgchange --help' for more information.");
		return EINVALID;
	}
	if (*act == TL_ACT_NONE && !vgchange_changes_metadata(a) && !arg_is_set(a, OPT_REFRESH) &&
	    !arg_is_set(a, OPT_POLL)) {
		log_error("Need one or more command options.");
		return EINVALID;
	}
	return ECMD_OK;
}

/* vgchange_one unless -S leaves VG @name out */
static int vgchange_sel(struct cmd *cmd, const struct args *a, struct rep_select *sel,
			const char *name, enum tl_act act)
{
	int m = tl_vg_selected(cmd, sel, name);

	if (m < 0)
		return EFAILED;
	return m ? vgchange_one(cmd, a, name, act) : ECMD_OK;
}

/* --autoactivation event, as the udev rule runs it for one VG once its PVs
 * are there: plvm keeps no record of the PVs udev has seen, so it looks at
 * all devices, as LVM2 does when it cannot read its records, and
 * activates a VG only when it is complete.  Returns true when the command
 * is to do nothing more. */
static bool vgchange_event_skip(struct cmd *cmd, const struct args *a)
{
	const char *v = arg_str(a, OPT_AUTOACTIVATION, NULL);

	if (!v)
		return false;
	if (strcmp(v, "event")) {
		log_print("Skip vgchange for unknown autoactivation value.");
		return true;
	}
	if (!config_int(cmd->cfg, "global/event_activation", 1)) {
		log_print("Skip vgchange for event and event_activation=0.");
		return true;
	}
	if (a->argc == 1)
		log_print("PVs online error for VG %s, using all devices.", tl_vg_name(a->argv[0]));
	else
		log_print("PVs online error, using all devices.");
	return false;
}

int cmd_vgchange(struct cmd *cmd, struct args *a)
{
	struct rep_select *sel = NULL;
	enum tl_act act;
	const char **names;
	int i, r, ret = ECMD_OK;

	if (arg_is_set(a, OPT_SYSTEMID))
		return vgchange_system_id(cmd, a);
	if ((r = vgchange_args(a, &act)))
		return r;
	if (vgchange_event_skip(cmd, a))
		return ECMD_OK;
	if ((r = tl_scan(cmd)) ||
	    (arg_is_set(a, OPT_SELECT) &&
	     (r = rep_select_new(cmd, true, a->value[OPT_SELECT], &sel))))
		return r;
	if (!a->argc) {
		for (names = vg_names_local(cmd); names && *names; names++)
			if ((r = vgchange_sel(cmd, a, sel, *names, act)))
				ret = r;
	}
	for (i = 0; i < a->argc; i++)
		if ((r = vgchange_sel(cmd, a, sel, tl_vg_name(a->argv[i]), act)))
			ret = r;
	rep_select_free(sel);
	return ret;
}

/* ---- vgck ---- */

/* Every metadata area of the VG's PVs holds the same, newest metadata.
 * Older copies (a commit cut short) are LVM2's warning, not a failure:
 * the newest is used, and the next write or --updatemetadata fixes them. */
static int vgck_mdas(struct cmd *cmd, const struct vg *vg)
{
	const struct pv_info *pi;

	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi)) {
		if (!pi->vg_name || strcmp(pi->vg_name, vg->name) || !pi->mda_count)
			continue;
		if (pi->seqno != vg->seqno) {
			log_warn("WARNING: Inconsistent metadata found for VG %s.", vg->name);
			log_warn("See vgck --updatemetadata to correct inconsistency.");
			break;
		}
	}
	return ECMD_OK;
}

/* Every PV of the VG is there, and one with metadata areas has readable
 * metadata of this VG on them. */
static int vgck_pvs(struct cmd *cmd, const struct vg *vg)
{
	const struct pv_info *pi;
	const struct pv *pv;
	unsigned missing = 0;
	int ret = ECMD_OK;

	dm_list_iterate_items(pv, &vg->pvs) {
		if (!pv->dev) {
			missing++;
			continue;
		}
		for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi))
			if (pi->dev == pv->dev)
				break;
		if (pi && pi->mda_count && !pi->vg_name) {
			log_error("Metadata on %s cannot be read.", pi->dev->path);
			ret = EFAILED;
		}
	}
	if (missing) {
		log_error("Volume group %s is missing %u physical volume%s.", vg->name, missing,
			  missing == 1 ? "" : "s");
		ret = EFAILED;
	}
	return ret;
}

static int vgck_one(struct cmd *cmd, const char *name)
{
	struct vg *vg = tl_vg_read(cmd, name, 0);
	int r, r2;

	if (!vg)
		return EFAILED;	/* not valid (core/validate.h), or not found */
	r = vgck_mdas(cmd, vg);
	r2 = vgck_pvs(cmd, vg);
	vg_free(vg);
	return r ? r : r2;
}

/* Is @dev one of @vg's PVs? */
static bool vg_has_dev(const struct vg *vg, const struct device *dev)
{
	const struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev == dev)
			return true;
	return false;
}

/* PVs whose metadata still names @vg, which no longer holds them (a PV
 * vgreduce --removemissing dropped, back again): made orphans. */
static int wipe_outdated(struct cmd *cmd, const struct vg *vg)
{
	const struct pv_info *pi;
	int ret = ECMD_OK;

	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi)) {
		if (!pi->vg_name || strcmp(pi->vgid, vg->id) || vg_has_dev(vg, pi->dev))
			continue;
		log_warn("WARNING: wiping mda on outdated PV %s", pi->dev->path);
		log_warn("WARNING: wiping header on outdated PV %s", pi->dev->path);
		if (pv_make_orphan(cmd, pi->dev) < 0) {
			log_error("Failed to wipe outdated PV %s.", pi->dev->path);
			ret = EFAILED;
		}
	}
	return ret;
}

/* --updatemetadata: the VG written again to every metadata area of its
 * PVs (old copies, used flags), and outdated PVs cleared. */
static int vgck_update(struct cmd *cmd, const char *name)
{
	struct vg *vg = tl_vg_read(cmd, name, VG_READ_FOR_UPDATE | VG_READ_ALLOW_MISSING);
	int r;

	if (!vg)
		return EFAILED;
	r = tl_vg_update(vg, NULL, 0);
	if (!r)
		r = wipe_outdated(cmd, vg);
	vg_free(vg);
	return r;
}

int cmd_vgck(struct cmd *cmd, struct args *a)
{
	int (*fn)(struct cmd *, const char *) = vgck_one;
	const char **names;
	int i, r, ret = ECMD_OK;

	if (arg_is_set(a, OPT_UPDATEMETADATA))
		fn = vgck_update;
	if ((r = tl_scan(cmd)))
		return r;
	if (!a->argc) {
		for (names = vg_names_local(cmd); names && *names; names++)
			if ((r = fn(cmd, *names)))
				ret = r;
		return ret;
	}
	for (i = 0; i < a->argc; i++)
		if ((r = fn(cmd, tl_vg_name(a->argv[i]))))
			ret = r;
	return ret;
}

/* ---- vgrename ---- */

static int rename_devs(struct cmd *cmd, struct vg *vg, const char *old)
{
	struct lv *lv;
	int ret = ECMD_OK;

	if (cmd->test_mode)
		return ECMD_OK;
	dm_list_iterate_items(lv, &vg->lvs)
		if (lv_rename_dev(cmd, lv, old, lv->name) < 0) {
			log_error("Failed to rename the device of %s.", tl_lvname(lv));
			ret = EFAILED;
		}
	return ret;
}

static int vgrename_args(const struct args *a, const char **old, const char **new)
{
	if (a->argc != 2) {
		log_error("Old and new volume group names need specifying");
		return EINVALID;
	}
	*old = tl_vg_name(a->argv[0]);
	*new = tl_vg_name(a->argv[1]);
	if (!strcmp(*old, *new)) {
		log_error("Old and new volume group names must differ");
		return EFAILED;		/* LVM2's code: the names are valid */
	}
	return ECMD_OK;
}

int cmd_vgrename(struct cmd *cmd, struct args *a)
{
	const char *old, *new;
	struct vg *vg;
	int r;

	if ((r = vgrename_args(a, &old, &new)))
		return r;
	if (!name_is_valid(new)) {
		log_error("New volume group name \"%s\" is invalid.", new);
		return EFAILED;
	}
	if ((r = tl_scan(cmd)))
		return r;
	if (tl_vg_exists(cmd, new)) {
		log_error("New VG name \"%s\" already exists", new);
		return EFAILED;
	}
	if (!(vg = tl_vg_read(cmd, old, VG_READ_FOR_UPDATE)))
		return EFAILED;
	vg->name = vg_strdup(vg, new);
	r = tl_vg_update(vg, NULL, 0);
	if (!r)
		r = rename_devs(cmd, vg, old);
	if (!r)
		log_print("Volume group \"%s\" successfully renamed to \"%s\"", old, new);
	vg_free(vg);
	return r;
}

/* ---- vgscan ---- */

int cmd_vgscan(struct cmd *cmd, struct args *a)
{
	const char **names;
	int r;

	if ((r = tl_scan(cmd)))
		return r;
	for (names = vg_names_local(cmd); names && *names; names++)
		log_print("Found %svolume group \"%s\" using metadata type lvm2",
			  vg_name_exported(cmd, *names) ? "exported " : "", *names);
	return arg_is_set(a, OPT_MKNODES) ? vg_mknodes_all(cmd, a) : ECMD_OK;
}
