/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdevmapper tasks for core/activate.c, core/lvdev.c and core/dm_task.c
 * (internal to the core).  Functions returning int give 0 or a negative
 * errno; the ioctl failures are -EIO, logged by libdevmapper through
 * core/log.h.
 */
#ifndef PLVM_DM_TASK_H
#define PLVM_DM_TASK_H

#include <stdbool.h>
#include <libdevmapper.h>

#include "plvm/segtype.h"	/* enum plvm_dev_which */

struct cmd;
struct lv;

#define DMNAME_LEN	128	/* the kernel's DM_NAME_LEN */
#define DMUUID_LEN	129	/* the kernel's DM_UUID_LEN */

/* The name and uuid of a device-mapper device. */
struct dev_id {
	char name[DMNAME_LEN];
	char uuid[DMUUID_LEN];
};

/* The ids of @lv's device @which, as its plan names them (core/activate.c). */
int lv_dev_ids(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
	       struct dev_id *id);

/* libdevmapper's messages into core/log.h, $DM_DEV_DIR; once per process. */
void dmt_setup(void);
/* A task of @type for the device with @uuid (NULL: none set), or NULL. */
struct dm_task *dmt_new(int type, const char *uuid);
/* Run and destroy @dmt (NULL: -ENOMEM); -EIO when the ioctl failed,
 * logged as "Failed to @what @name". */
int dmt_run(struct dm_task *dmt, const char *what, const char *name);
/* The kernel's info of the device with @uuid (exists false if none). */
int dmt_info_uuid(const char *uuid, struct dm_info *info);
/* Info and uuid (DMUUID_LEN) of the existing device named @name. */
int dmt_name_info(const char *name, struct dm_info *info, char *uuid);
/* A task of @type by name (libdevmapper only makes or removes /dev/mapper
 * nodes for named tasks). */
int dmt_simple_op(int type, const char *name, const char *what);
/* @fn(name, arg) for each device the kernel has, until @fn returns
 * non-zero, which is returned; -ENOMEM or -EIO when the list fails. */
int dmt_each_name(int (*fn)(const char *name, void *arg), void *arg);
/* dmt_info_uuid() answered from @cmd's snapshot when a report holds one
 * (act_snapshot_begin) and @uuid is not in it. */
int dmt_snapshot_info(struct cmd *cmd, const char *uuid, struct dm_info *info);

#endif /* PLVM_DM_TASK_H */
