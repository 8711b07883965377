// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgimportclone: the PVs of a copied VG (a disk cloned, a SAN snapshot)
 * made a VG of their own beside the original.  The copies carry the
 * original's PV ids and VG name, so each step looks at one set of devices
 * only (--devices, cmd->only_devices): the copies to find their VG, the
 * other devices to choose a free name (the base name, or the old one,
 * followed by the first number that makes it unique), the copies again to
 * give each PV and the VG a new id and the new name.  As LVM2 2.03.16 does,
 * the PV labels are written before the metadata; messages and exit codes
 * are LVM2's, and it is silent when it works.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "cli.h"
#include "toollib.h"
#include "cmd.h"
#include "dev.h"
#include "lock.h"
#include "log.h"
#include "model.h"
#include "systemid.h"
#include "vg_io.h"

#define NAME_LEN	128	/* LVM2's limit of a VG name, with room */

struct clone {
	struct cmd *cmd;
	const char **paths;	/* the copies, NULL-ended */
	const char **others;	/* every other device, NULL-ended */
	unsigned n;
	char old_name[NAME_LEN], new_name[NAME_LEN];
};

/* Look at @devs only from now on (NULL: every device). */
static int view(struct clone *c, const char **devs)
{
	label_cache_destroy(c->cmd);
	dev_cache_destroy(c->cmd);
	c->cmd->only_devices = devs;
	return tl_scan(c->cmd);
}

static int find_devices(struct clone *c, const struct args *a)
{
	struct device *dev = NULL;
	unsigned k = 0;

	c->paths = dm_pool_zalloc(c->cmd->mem, ((size_t)a->argc + 1) * sizeof(*c->paths));
	for (int i = 0; c->paths && i < a->argc; i++) {
		if (!(dev = dev_get(c->cmd, a->argv[i]))) {
			log_error("Failed to find device %s.", a->argv[i]);
			return EFAILED;
		}
		c->paths[c->n++] = dm_pool_strdup(c->cmd->mem, dev->path);
	}
	for (dev = NULL; (dev = dev_next(c->cmd, dev));)
		k++;
	c->others = dm_pool_zalloc(c->cmd->mem, ((size_t)k + 1) * sizeof(*c->others));
	if (!c->paths || !c->others)
		return EFAILED;
	for (k = 0, dev = NULL; (dev = dev_next(c->cmd, dev));) {
		bool copy = false;

		for (unsigned i = 0; i < c->n; i++)
			copy |= !strcmp(c->paths[i], dev->path);
		if (!copy)
			c->others[k++] = dm_pool_strdup(c->cmd->mem, dev->path);
	}
	return ECMD_OK;
}

/* The VG the copies hold. */
static int copies_vg(struct clone *c)
{
	const struct pv_info *pi;

	for (unsigned i = 0; i < c->n; i++) {
		if (!(pi = pv_info_find(c->cmd, c->paths[i]))) {
			log_error("Failed to find PVID for device %s.", c->paths[i]);
			return EFAILED;
		}
		if (!pi->vg_name)
			continue;	/* no metadata on it: the VG read says */
		if (!*c->old_name) {
			snprintf(c->old_name, sizeof(c->old_name), "%s", pi->vg_name);
		} else if (strcmp(c->old_name, pi->vg_name)) {
			log_error("Devices must be from the same VG.");
			return EFAILED;
		}
	}
	if (!*c->old_name) {
		log_error("No VG found on devices.");
		return EFAILED;
	}
	return ECMD_OK;
}

/* The other devices, only for their VG names: more copies among them
 * (of a PV left out of the arguments) are not worth a warning here. */
static int view_others(struct clone *c)
{
	int level = log_get_level(), r;

	log_set_level(level < PLVM_LOG_ERR ? level : PLVM_LOG_ERR);
	r = view(c, c->others);
	log_set_level(level);
	return r;
}

/* The base name (-n) or the old name with "1", then 2, 3... until no
 * other device has a VG of that name. */
static int pick_name(struct clone *c, const struct args *a)
{
	const char *base = arg_str(a, OPT_BASEVGNAME, c->old_name);
	unsigned n = arg_is_set(a, OPT_BASEVGNAME) ? 0 : 1;

	if (strlen(base) + 11 >= sizeof(c->new_name)) {
		log_error("Base vg name %s is too long.", base);
		return EFAILED;
	}
	if (n)
		snprintf(c->new_name, sizeof(c->new_name), "%s%u", base, n);
	else
		snprintf(c->new_name, sizeof(c->new_name), "%s", base);
	while (tl_vg_exists(c->cmd, c->new_name))
		snprintf(c->new_name, sizeof(c->new_name), "%s%u", base, ++n);
	return ECMD_OK;
}

/* Is the device under a device-mapper device that is up? */
static bool dev_held(const struct device *dev)
{
	char path[128];
	struct dirent *de;
	bool held = false;
	DIR *d;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/holders", major(dev->devno),
		 minor(dev->devno));
	if (!(d = opendir(path)))
		return false;
	while (!held && (de = readdir(d)))
		held = de->d_name[0] != '.';
	closedir(d);
	return held;
}

static bool is_copy(const struct clone *c, const struct pv *pv)
{
	for (unsigned i = 0; i < c->n; i++)
		if (pv->dev && !strcmp(c->paths[i], pv->dev->path))
			return true;
	return false;
}

/* LVM2's checks of the VG read from the copies. */
static int check_vg(const struct clone *c, const struct args *a, const struct vg *vg)
{
	const struct pv *pv;
	char uuid[64];
	unsigned held = 0, matched = 0;

	if ((vg->status & ST_EXPORTED) && !arg_is_set(a, OPT_IMPORT)) {
		log_error("VG %s is exported, use the --import option.", vg->name);
		return EFAILED;
	}
	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev && dev_held(pv->dev)) {
			log_error("Device %s has active LVs, deactivate first.", pv->dev->path);
			held++;
		}
	if (held)
		return EFAILED;
	dm_list_iterate_items(pv, &vg->pvs) {
		if (is_copy(c, pv)) {
			matched++;
			continue;
		}
		id_format(pv->id, uuid, sizeof(uuid));
		log_error("PV with UUID %s is part of VG %s, but is not included in the devices "
			  "to import.", uuid, vg->name);
		log_error("All PVs in the VG must be imported together.");
		return EFAILED;
	}
	for (unsigned i = 0; matched < c->n && i < c->n; i++)
		if (!tl_find_pv((struct vg *)vg, c->paths[i])) {
			log_error("Device %s was not found in VG %s.", c->paths[i], vg->name);
			log_error("The devices to import must match the devices in the VG.");
			return EFAILED;
		}
	return ECMD_OK;
}

/* New ids for the VG and its PVs (labels first), the new name, this
 * host's system ID, not exported. */
static int renew(struct clone *c, struct vg *vg)
{
	const char *mine = local_system_id(c->cmd);
	struct pv *pv;

	vg->status &= ~ST_EXPORTED;
	id_create(vg->id);
	vg->name = vg_strdup(vg, c->new_name);
	vg->system_id = mine && *mine ? vg_strdup(vg, mine) : NULL;
	dm_list_iterate_items(pv, &vg->pvs) {
		pv->status &= ~ST_EXPORTED;
		id_create(pv->id);
		if (pv_set_id(c->cmd, pv->dev, pv->id) < 0) {
			log_error("Failed to write the new PV id to %s.", pv->dev->path);
			return EFAILED;
		}
	}
	return tl_vg_update(vg, NULL, 0);
}

static int import_copies(struct clone *c, const struct args *a)
{
	struct vg *vg;
	int r;

	if ((r = view(c, c->paths)))
		return r;
	if (vg_lock(c->cmd, c->new_name, true) < 0) {
		log_error("Can't get lock for new VG name %s", c->new_name);
		return EFAILED;
	}
	c->cmd->allow_exported = true;
	if (!(vg = vg_read(c->cmd, c->old_name, VG_READ_FOR_UPDATE))) {
		log_error("Failed to read VG %s from devices being imported.", c->old_name);
		return EFAILED;
	}
	if ((r = check_vg(c, a, vg)) || (r = renew(c, vg)))
		log_error("Failed to update VG on devices being imported.");
	vg_free(vg);
	return r;
}

int cmd_vgimportclone(struct cmd *cmd, struct args *a)
{
	struct clone c = { .cmd = cmd };
	int r;

	if (!a->argc) {
		log_error("No command with matching syntax recognised.  Run 'vgimportclone --help' "
			  "for more information.");
		log_error("Correct command syntax is:");
		printf("  vgimportclone PV ...\n\n");
		return EINVALID;
	}
	if ((r = dev_scan(cmd))) {	/* no label scan: the copies' ids are not unique yet */
		log_error("Failed to scan devices: %s.", strerror(-r));
		return EFAILED;
	}
	if ((r = find_devices(&c, a)) || (r = view(&c, c.paths)) ||
	    (r = copies_vg(&c)) || (r = view_others(&c)) || (r = pick_name(&c, a)))
		return r;
	log_debug("Using new VG name %s.", c.new_name);
	return import_copies(&c, a);
}
