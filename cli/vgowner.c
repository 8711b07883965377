// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Who may use a VG: vgexport and vgimport (a VG made ready to move to
 * another host, and taken in there), and the VG's system ID as vgcreate
 * and vgchange --systemid set it.  The messages, prompts and exit codes
 * are LVM2 2.03.16's, including its warnings printed twice.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "systemid.h"
#include "vg_io.h"
#include "vgowner.h"

/* VG and PVs marked exported, or not. */
static void vg_set_exported(struct vg *vg, bool exported)
{
	struct pv *pv;

	if (exported)
		vg->status |= ST_EXPORTED;
	else
		vg->status &= ~ST_EXPORTED;
	dm_list_iterate_items(pv, &vg->pvs)
		pv->status = exported ? pv->status | ST_EXPORTED : pv->status & ~ST_EXPORTED;
}

/* ---- vgexport, vgimport ---- */

static int vgexport_one(struct cmd *cmd, const struct args *a, const char *name)
{
	struct vg *vg = tl_vg_read(cmd, name, VG_READ_FOR_UPDATE);
	int r = EFAILED;

	(void)a;
	if (!vg)
		return EFAILED;
	if (tl_vg_any_active(cmd, vg)) {
		log_error("Volume group \"%s\" has active logical volumes", name);
		goto out;
	}
	vg_set_exported(vg, true);
	vg->system_id = NULL;
	if ((r = tl_vg_update(vg, NULL, 0)))
		goto out;
	log_print("Volume group \"%s\" successfully exported", vg->name);
out:
	vg_free(vg);
	return r;
}

static int vgimport_one(struct cmd *cmd, const struct args *a, const char *name)
{
	bool force = arg_is_set(a, OPT_FORCE);
	struct vg *vg = tl_vg_read(cmd, name, VG_READ_FOR_UPDATE |
				   (force ? VG_READ_ALLOW_MISSING : 0));
	const char *mine = local_system_id(cmd);
	int r = EFAILED;

	if (!vg)
		return EFAILED;
	if (!(vg->status & ST_EXPORTED)) {
		log_error("Volume group \"%s\" is not exported", name);
		goto out;
	}
	vg_set_exported(vg, false);
	vg->system_id = mine ? dm_pool_strdup(vg->mem, mine) : NULL;
	if ((r = tl_vg_update(vg, NULL, 0)))
		goto out;
	log_print("Volume group \"%s\" successfully imported", vg->name);
out:
	vg_free(vg);
	return r;
}

/* VGs named, -S or -a, not -a with the others: LVM2's forms of the
 * command ("VG|Select ..." and "--all"), refused as its parser refuses a
 * command line that matches neither. */
static int which_vgs(const char *name, const struct args *a)
{
	if (!a->argc && !arg_is_set(a, OPT_ALL) && !arg_is_set(a, OPT_SELECT)) {
		log_error("No command with matching syntax recognised.  Run '%s --help' for more "
			  "information.", name);
		return EINVALID;
	}
	if (arg_is_set(a, OPT_ALL) && arg_is_set(a, OPT_SELECT)) {
		log_error("Command does not accept option: --all.");
		return EINVALID;
	}
	if (arg_is_set(a, OPT_ALL) && a->argc) {
		log_error("Command does not accept argument: %s.", a->argv[0]);
		return EINVALID;
	}
	return ECMD_OK;
}

int cmd_vgexport(struct cmd *cmd, struct args *a)
{
	int r = which_vgs("vgexport", a);

	return r ? r : tl_each_vg(cmd, a, vgexport_one);
}

int cmd_vgimport(struct cmd *cmd, struct args *a)
{
	int r = which_vgs("vgimport", a);

	if (r)
		return r;
	if (arg_is_set(a, OPT_FORCE))
		log_warn("WARNING: Volume groups with missing PVs will be imported with --force.");
	return tl_each_vg(cmd, a, vgimport_one);
}

/* ---- vgcreate --systemid, --shared, --locktype ---- */

#define UNSAFE_ID	"WARNING: A VG without a system ID allows unsafe access from other hosts."

/* LVM2 reads --systemid twice and warns after each reading: @id is the VG's
 * new ID ("" for none), @mine this host's (NULL for none). */
static void new_id_warn(const char *id, const char *mine)
{
	bool other = mine && strcmp(id, mine);

	if (other && *id)
		log_warn("VG with system ID %s might become inaccessible as local system ID is %s",
			 id, mine);
	else if (other)
		log_warn(UNSAFE_ID);
}

static void new_id_warn_again(const char *id, const char *mine)
{
	if (!*id)
		log_warn(UNSAFE_ID);
	if (mine && strcmp(id, mine))
		log_warn("VG with system ID %s might become inaccessible as local system ID is %s",
			 id, mine);
}

static int new_system_id(struct cmd *cmd, const struct args *a, char *id)
{
	const char *arg = arg_str(a, OPT_SYSTEMID, NULL);
	const char *mine = local_system_id(cmd);

	if (!arg) {
		snprintf(id, SYSTEM_ID_MAX + 1, "%s", mine ? mine : "");
		return ECMD_OK;
	}
	if (!system_id_parse(arg, id))
		return EINVALID;
	new_id_warn(id, mine);
	system_id_parse(arg, id);
	new_id_warn_again(id, mine);
	return ECMD_OK;
}

/* Without lvmlockd (plvm has none), LVM2 makes only VGs of lock type none. */
static int new_lock_type(const struct args *a)
{
	const char *lt = arg_str(a, OPT_LOCKTYPE, NULL);

	if (lt && arg_is_set(a, OPT_SHARED) && strcmp(lt, "sanlock") && strcmp(lt, "dlm") &&
	    strcmp(lt, "idm")) {
		log_error("The --shared option requires lock type sanlock, dlm or idm.");
		return EINVALID;
	}
	if (!lt && arg_is_set(a, OPT_SHARED)) {
		log_error("Using a shared lock type requires lvmlockd (lvm.conf use_lvmlockd.)");
		return EINVALID;
	}
	if (!lt || !strcmp(lt, "none"))
		return ECMD_OK;
	if (!strcmp(lt, "clvm"))
		log_error("lock_type %s is invalid", lt);
	else
		log_error("Using a shared lock type requires lvmlockd.");
	return EINVALID;
}

int vgcreate_owner_args(struct cmd *cmd, const struct args *a, char *system_id)
{
	int r = new_system_id(cmd, a, system_id);

	return r ? r : new_lock_type(a);
}

/* ---- vgchange --systemid ---- */

static bool remove_id_ok(const struct args *a, const struct vg *vg)
{
	log_warn("WARNING: Removing the system ID allows unsafe access from other hosts.");
	if (cli_confirm(a, "Remove system ID %s from volume group %s?", vg->system_id, vg->name))
		return true;
	log_error("System ID of volume group %s not changed.", vg->name);
	return false;
}

static bool foreign_id_ok(struct cmd *cmd, const struct args *a, const struct vg *vg,
			  const char *id, const char *mine)
{
	if (tl_vg_any_active(cmd, vg)) {
		log_error("Logical Volumes in VG %s must be deactivated before system ID can be "
			  "changed.", vg->name);
		return false;
	}
	if (mine)
		log_warn("WARNING: Requested system ID %s does not match local system ID %s.", id,
			 mine);
	else
		log_warn("WARNING: No local system ID is set.");
	log_warn("WARNING: Volume group %s might become inaccessible from this machine.",
		 vg->name);
	if (cli_confirm(a, "Set foreign system ID %s on volume group %s?", id, vg->name))
		return true;
	log_error("Volume group %s system ID not changed.", vg->name);
	return false;
}

static int set_system_id(struct cmd *cmd, const struct args *a, struct vg *vg, const char *id)
{
	const char *mine = local_system_id(cmd);
	const char *old = vg->system_id ? vg->system_id : "";

	if (!strcmp(old, id)) {
		log_error("Volume Group system ID is already \"%s\".", old);
		return EFAILED;
	}
	if (!*id && mine && !remove_id_ok(a, vg))
		return EFAILED;
	if (*id && (!mine || strcmp(id, mine)) && !foreign_id_ok(cmd, a, vg, id, mine))
		return EFAILED;
	log_verbose("Changing system ID for VG %s from \"%s\" to \"%s\".", vg->name, old, id);
	vg->system_id = *id ? dm_pool_strdup(vg->mem, id) : NULL;
	if (*id && !vg->system_id)
		return EFAILED;
	return tl_vg_update(vg, NULL, 0);
}

/* "vgchange --systemid ID VG" is a form of vgchange of its own: no other
 * option of vgchange, one VG; refused in the words of LVM2's parser. */
static int systemid_line(const struct command *c, const struct args *a)
{
	const enum opt_id *o;

	for (o = c->opts; *o != OPT_NONE; o++)
		if (*o != OPT_SYSTEMID && arg_is_set(a, *o)) {
			log_error("Command does not accept option: --systemid %s.",
				  arg_str(a, OPT_SYSTEMID, ""));
			return EINVALID;
		}
	if (!a->argc) {
		log_print("vgchange --systemid String VG");
		log_print("Change the system ID of a VG.");
		printf("\n");
		log_error("No command with matching syntax recognised.  Run 'vgchange --help' for "
			  "more information.");
		log_error("Nearest similar command has syntax:");
		return EINVALID;
	}
	if (a->argc > 1) {
		log_error("Command does not accept argument: %s.", a->argv[1]);
		return EINVALID;
	}
	return ECMD_OK;
}

int vgchange_system_id(struct cmd *cmd, struct args *a)
{
	char id[SYSTEM_ID_MAX + 1];
	struct vg *vg;
	int r;

	if ((r = systemid_line(command_find("vgchange"), a)) || (r = tl_scan(cmd)))
		return r;
	if (!(vg = tl_vg_read(cmd, tl_vg_name(a->argv[0]), VG_READ_FOR_UPDATE)))
		return EFAILED;
	if (!system_id_parse(arg_str(a, OPT_SYSTEMID, ""), id)) {
		log_error("Unable to set system ID.");
		r = EFAILED;
	} else if (!(r = set_system_id(cmd, a, vg, id))) {
		log_print("Volume group \"%s\" successfully changed", vg->name);
	}
	vg_free(vg);
	return r;
}
