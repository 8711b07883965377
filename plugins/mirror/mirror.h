/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the files of the mirror plugin share.
 */
#ifndef PLVM_PLUGIN_MIRROR_H
#define PLVM_PLUGIN_MIRROR_H

#include <stdbool.h>

#include "plvm/segtype.h"

#define MAX_MIRRORS		16	/* import limit; the kernel takes up to 9 legs */
#define MAX_IMAGES		8	/* LVM2's DEFAULT_MIRROR_MAX_IMAGES */
#define DEFAULT_REGION_SIZE	4096	/* sectors: 2 MiB, LVM2's activation/raid_region_size */
#define MOVE_LOG_KEY		"plvm_move_log"	/* a classic move's log: a key LVM2 ignores */

/* A mirror segment's private data. */
struct mirror {
	uint32_t	region_size;	/* sectors; 0 when the metadata gave none */
	struct plvm_lv	*log_lv;	/* disk log (a SUB link), NULL for a core log */
	bool		nosync;		/* created with --nosync: skip the resync this once */
	bool		fresh_log;	/* pvmove: the log is new to this segment, start it afresh */
};

extern const struct plvm_host_api *api;
extern const struct plvm_segtype *const mirror_segtype;
extern const struct plvm_cmd_ops mirror_cmd;
extern const struct plvm_report_ops mirror_report;
extern const struct plvm_move_ops mirror_move;

const struct mirror *mirror_of(const struct plvm_seg *seg);
struct mirror *mirror_get(const struct plvm_host *h, struct plvm_seg *seg);
bool is_pow2(uint64_t v);
/* A segment of a classic pvmove: its areas are PVs (an atomic move's are
 * image LVs). */
bool classic_move(const struct plvm_seg *seg);
/* @region cut down to the largest power of 2 that fits in @extents. */
uint64_t fitted_region(uint64_t region, uint64_t extents, uint64_t extent_size);

#endif /* PLVM_PLUGIN_MIRROR_H */
