/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Read-ahead of an LV's devices, as LVM2 sets it on each device it resumes.
 */
#ifndef PLVM_READAHEAD_H
#define PLVM_READAHEAD_H
#include <stdbool.h>
#include <stdint.h>
#include "cmd.h"
#include "model.h"

/*
 * The read-ahead (sectors) for every device of @lv: the LV's own setting
 * ("none" is 0), else twice its widest stripe (stripe size times areas of
 * a segment), else the most the PVs under it read ahead (the first area
 * of each first segment, down through LV areas and links).  *@minimum is
 * true for the last two: a larger read-ahead the kernel chose is kept.
 */
uint32_t lv_read_ahead(struct cmd *cmd, const struct lv *lv, bool *minimum);

/* Set the read-ahead of device @major:@minor to @sectors (with @minimum,
 * only when it reads ahead less).  0 or -errno. */
int dev_read_ahead_set(uint32_t major, uint32_t minor, uint32_t sectors, bool minimum);

#endif /* PLVM_READAHEAD_H */
