// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvmdiskscan: the block devices the filters let through (in LVM2's order,
 * tl_devs_lvm2_order), each with its size and whether it holds a PV, then
 * LVM2's counts, where a name ending in a digit is a partition.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "toollib.h"
#include "cmd.h"
#include "dev.h"
#include "log.h"
#include "vg_io.h"

struct disk_counts {
	unsigned disks, parts, pv_disks, pv_parts;
};

/* The longest device name. */
static int name_width(struct device **all)
{
	int w = 0;

	for (; *all; all++)
		if ((int)strlen((*all)->path) > w)
			w = (int)strlen((*all)->path);
	return w;
}

static void count(const char *path, unsigned *disks, unsigned *parts)
{
	size_t len = strlen(path);

	if (len && path[len - 1] >= '0' && path[len - 1] <= '9')
		(*parts)++;
	else
		(*disks)++;
}

static void say_count(unsigned n, const char *what)
{
	log_print("%u %s%s", n, what, n == 1 ? "" : "s");
}

int cmd_lvmdiskscan(struct cmd *cmd, struct args *a)
{
	bool pvs_only = arg_is_set(a, OPT_LVMPARTITION);
	struct disk_counts c = { 0 };
	struct device **all, **d;
	char size[32];
	int width, r;
	bool pv;

	if (pvs_only)
		log_warn("WARNING: only considering LVM devices");
	if ((r = tl_scan(cmd)))
		return r;
	if (!(all = tl_devs_lvm2_order(cmd)))
		return EFAILED;
	width = name_width(all);
	for (d = all; *d; d++) {
		pv = pv_info_find(cmd, (*d)->path) != NULL;
		if (!pv && pvs_only)
			continue;
		log_print("%-*s [%15s] %s", width, (*d)->path, tl_size(size, sizeof(size), (*d)->size),
			  pv ? "LVM physical volume" : "");
		if (pv)
			count((*d)->path, &c.pv_disks, &c.pv_parts);
		else
			count((*d)->path, &c.disks, &c.parts);
	}
	free(all);
	if (!pvs_only) {
		say_count(c.disks, "disk");
		say_count(c.parts, "partition");
	}
	say_count(c.pv_disks, "LVM physical volume whole disk");
	say_count(c.pv_parts, "LVM physical volume");
	return ECMD_OK;
}
