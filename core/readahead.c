/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Read-ahead of an LV's devices (see readahead.h).  The kernel gives a
 * new or reloaded device-mapper device a default read-ahead (or none);
 * LVM2 sets each device it resumes to the LV's own, so plvm does too.
 * Values go through sysfs (queue/read_ahead_kb), in sectors here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>

#include "dev.h"
#include "log.h"
#include "readahead.h"
#include "segtype_reg.h"

#define MAX_DEPTH	16

/* Twice the widest stripe of @lv's segments, in sectors (0: none striped). */
static uint32_t stripe_read_ahead(struct cmd *cmd, const struct lv *lv)
{
	const struct seg *seg;
	uint64_t best = 0, size;
	char buf[32];

	dm_list_iterate_items(seg, &lv->segments) {
		if (!st_field(cmd, lv, seg, "stripe_size", NULL, NULL, buf, sizeof(buf)))
			continue;
		size = strtoull(buf, NULL, 10) * seg->area_count;
		if (size > best)
			best = size;
	}
	return best * 2 > UINT32_MAX ? UINT32_MAX : (uint32_t)(best * 2);
}

/* The read-ahead of the PV device @pv (BLKRAGET), 0 when unknown. */
static uint32_t pv_read_ahead(const struct pv *pv)
{
	long ra = 0;
	int fd;

	if (!pv || !pv->dev || !pv->dev->path || !pv->dev->devno)
		return 0;
	if ((fd = open(pv->dev->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (ioctl(fd, BLKRAGET, &ra) < 0 || ra < 0)
		ra = 0;
	close(fd);
	return ra > UINT32_MAX ? UINT32_MAX : (uint32_t)ra;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/* The most the PVs under @lv read ahead: each LV's first segment's first
 * area, down through LV areas and links. */
static uint32_t pvs_read_ahead(const struct lv *lv, unsigned depth)
{
	const struct seg *seg, *first = lv_first_seg(lv);
	const struct seg_link *l;
	uint32_t ra = 0, i;

	if (depth > MAX_DEPTH)
		return 0;
	dm_list_iterate_items(seg, &lv->segments) {
		dm_list_iterate_items(l, &seg->links)
			ra = max_u32(ra, pvs_read_ahead(l->lv, depth + 1));
		for (i = 0; i < seg->area_count; i++)
			if (seg->areas[i].kind == PLVM_AREA_LV)
				ra = max_u32(ra, pvs_read_ahead(seg->areas[i].u.lv.lv, depth + 1));
	}
	if (first && first->area_count && first->areas[0].kind == PLVM_AREA_PV)
		ra = max_u32(ra, pv_read_ahead(first->areas[0].u.pv.pv));
	return ra;
}

uint32_t lv_read_ahead(struct cmd *cmd, const struct lv *lv, bool *minimum)
{
	uint32_t ra;

	*minimum = false;
	if (lv->read_ahead == UINT32_MAX)
		return 0;
	if (lv->read_ahead)
		return lv->read_ahead;
	*minimum = true;
	ra = stripe_read_ahead(cmd, lv);
	return ra ? ra : pvs_read_ahead(lv, 0);
}

int dev_read_ahead_set(uint32_t major, uint32_t minor, uint32_t sectors, bool minimum)
{
	char path[80];
	long kb = -1;
	FILE *f;
	int r = 0;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/queue/read_ahead_kb", major, minor);
	if (minimum && (f = fopen(path, "re"))) {
		if (fscanf(f, "%ld", &kb) != 1)
			kb = -1;
		fclose(f);
		if (kb >= 0 && (uint64_t)kb * 2 >= sectors)
			return 0;
	}
	if (!(f = fopen(path, "we")))
		return -errno;
	if (fprintf(f, "%u\n", sectors / 2) < 0)
		r = -EIO;
	if (fclose(f) && !r)
		r = -errno;
	if (r)
		log_debug("Cannot set the read-ahead of %u:%u: %d.", major, minor, r);
	else
		log_debug("Read-ahead of %u:%u set to %u sectors.", major, minor, sectors);
	return r;
}
