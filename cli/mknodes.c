// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgmknodes, and vgscan --mknodes: the device-mapper nodes made again as
 * the kernel has the devices, and each LV's /dev/VG/LV link made if the LV
 * is active and removed if it is not (what udev does where it runs).
 * --refresh reloads each active LV first.  Silent, as LVM2's.
 */
#include <stdlib.h>

#include "cli.h"
#include "lvcmds.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "vg_io.h"

static int mknodes_lv(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	(void)vg;
	if (arg_is_set(a, OPT_REFRESH) && !cmd->test_mode && tl_lv_visible(cmd, lv) &&
	    tl_lv_active(cmd, lv) && lvs_reload(cmd, &lv, 1) < 0) {
		log_error("Failed to refresh %s.", tl_lvname(lv));
		return EFAILED;
	}
	return lv_mknodes(cmd, lv) < 0 ? EFAILED : ECMD_OK;
}

static int mknodes_vg(struct cmd *cmd, const struct args *a, const char *name)
{
	struct vg *vg = tl_vg_read(cmd, name, 0);
	struct lv *lv;
	int r, ret = ECMD_OK;

	if (!vg)
		return EFAILED;
	dm_list_iterate_items(lv, &vg->lvs)
		if (tl_lv_visible(cmd, lv) && (r = mknodes_lv(cmd, a, vg, lv)))
			ret = r;
	vg_free(vg);
	return ret;
}

int vg_mknodes_all(struct cmd *cmd, const struct args *a)
{
	const char **names;
	int r, ret;

	if ((ret = tl_scan(cmd)))
		return ret;
	if (dm_nodes_refresh(cmd) < 0)
		return EFAILED;
	for (names = vg_names_local(cmd); names && *names; names++)
		if ((r = mknodes_vg(cmd, a, *names)))
			ret = r;
	return ret;
}

int cmd_vgmknodes(struct cmd *cmd, struct args *a)
{
	if (!a->argc)
		return vg_mknodes_all(cmd, a);
	if (dm_nodes_refresh(cmd) < 0)
		return EFAILED;
	return lv_for_each_arg(cmd, a, mknodes_lv, 0);
}
