// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvmdiskscan: the block devices the filters let through, each with its
 * size and whether it holds a PV, then LVM2's counts.  LVM2 2.03.16 lists
 * them in the order of its device cache, a tree keyed by the device number
 * with its bytes reversed, and counts a name ending in a digit as a
 * partition; so does plvm, for scripts that read the output.
 */
#include <byteswap.h>
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

static uint32_t cache_key(const struct device *dev)
{
	return bswap_32((uint32_t)dev->devno);
}

static int by_cache_key(const void *a, const void *b)
{
	uint32_t x = cache_key(*(struct device *const *)a);
	uint32_t y = cache_key(*(struct device *const *)b);

	return x < y ? -1 : x > y;
}

/* The devices in LVM2's order, NULL-ended (malloc'd), and the longest name. */
static struct device **devices_sorted(struct cmd *cmd, int *width)
{
	struct device **all, *dev = NULL;
	unsigned n = 0;

	while ((dev = dev_next(cmd, dev)))
		n++;
	if (!(all = calloc(n + 1, sizeof(*all))))
		return NULL;
	n = 0;
	*width = 0;
	while ((dev = dev_next(cmd, dev))) {
		all[n++] = dev;
		if ((int)strlen(dev->path) > *width)
			*width = (int)strlen(dev->path);
	}
	qsort(all, n, sizeof(*all), by_cache_key);
	return all;
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
	if (!(all = devices_sorted(cmd, &width)))
		return EFAILED;
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
