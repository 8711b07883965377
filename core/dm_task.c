/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdevmapper tasks as the core uses them (see dm_task.h): the setup of
 * the library's log and device directory, one-ioctl helpers, a report's
 * snapshot of the kernel's devices and the devices no LV of a VG has.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdevmapper.h>

#include "activate.h"
#include "cmd.h"
#include "dm_task.h"
#include "log.h"
#include "model.h"

/* ---- libdevmapper plumbing ---- */

int dm_major(void)
{
	static int major = -1;
	char line[128], name[64];
	FILE *f;
	int n;

	if (major >= 0)
		return major;
	if (!(f = fopen("/proc/devices", "r"))) {
		log_error("Cannot read /proc/devices.");
		return -errno;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %63s", &n, name) == 2 && !strcmp(name, "device-mapper"))
			major = n;
	fclose(f);
	if (major < 0)
		log_error("The kernel has no device-mapper major number.");
	return major < 0 ? -ENODEV : major;
}

static void dm_logger(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
	char msg[1024];
	va_list ap;

	level &= 0xf;
	va_start(ap, f);
	vsnprintf(msg, sizeof(msg), f, ap);
	va_end(ap);
	/* libdevmapper's notices are LVM2's -v lines */
	if (level >= PLVM_LOG_INFO)
		level = PLVM_LOG_DEBUG;
	else if (level == PLVM_LOG_NOTICE)
		level = PLVM_LOG_INFO;
	log_msg(level, "%s", msg);
}

void dmt_setup(void)
{
	static bool done;
	const char *dir = getenv("DM_DEV_DIR");

	if (done)
		return;
	done = true;
	dm_log_with_errno_init(dm_logger);
	if (dir && *dir)
		dm_set_dev_dir(dir);
}


struct dm_task *dmt_new(int type, const char *uuid)
{
	struct dm_task *dmt = dm_task_create(type);

	if (!dmt)
		return NULL;
	if (uuid && !dm_task_set_uuid(dmt, uuid)) {
		dm_task_destroy(dmt);
		return NULL;
	}
	return dmt;
}

/* Run and destroy @dmt; -EIO when the ioctl failed. */
int dmt_run(struct dm_task *dmt, const char *what, const char *name)
{
	int ok;

	if (!dmt)
		return -ENOMEM;
	ok = dm_task_run(dmt);
	dm_task_destroy(dmt);
	if (ok)
		return 0;
	log_error("Failed to %s %s.", what, name);
	return -EIO;
}

int dmt_info_uuid(const char *uuid, struct dm_info *info)
{
	struct dm_task *dmt = dmt_new(DM_DEVICE_INFO, uuid);
	int r = 0;

	memset(info, 0, sizeof(*info));
	if (!dmt)
		return -ENOMEM;
	if (!dm_task_run(dmt) || !dm_task_get_info(dmt, info))
		r = -EIO;
	dm_task_destroy(dmt);
	return r;
}

/* Info and uuid (DMUUID_LEN) of the device named @name. */
int dmt_name_info(const char *name, struct dm_info *info, char *uuid)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_INFO);
	const char *u;
	int r = -EIO;

	if (!dmt)
		return -ENOMEM;
	if (dm_task_set_name(dmt, name) && dm_task_run(dmt) && dm_task_get_info(dmt, info) &&
	    info->exists) {
		u = dm_task_get_uuid(dmt);
		snprintf(uuid, DMUUID_LEN, "%s", u ? u : "");
		r = 0;
	}
	dm_task_destroy(dmt);
	return r;
}

int dmt_each_name(int (*fn)(const char *name, void *arg), void *arg)
{
	struct dm_task *dmt = dmt_new(DM_DEVICE_LIST, NULL);
	struct dm_names *n;
	unsigned next = 0;
	int r = 0;

	if (!dmt)
		return -ENOMEM;
	if (!dm_task_run(dmt) || !(n = dm_task_get_names(dmt))) {
		dm_task_destroy(dmt);
		return -EIO;
	}
	if (n->dev)
		do {
			n = (struct dm_names *)((char *)n + next);
			r = fn(n->name, arg);
			next = n->next;
		} while (!r && next);
	dm_task_destroy(dmt);
	return r;
}

/* ---- the snapshot of a report (act_snapshot_begin) ---- */

static int add_uuid(const char *name, void *arg)
{
	char uuid[DMUUID_LEN];
	struct dm_info info;

	if (dmt_name_info(name, &info, uuid) || !*uuid)
		return 0;
	return dm_hash_insert(arg, uuid, (void *)1) ? 0 : -ENOMEM;
}

void act_snapshot_begin(struct cmd *cmd)
{
	act_snapshot_end(cmd);
	cmd->dm_snapshot.wanted = true;
}

void act_snapshot_end(struct cmd *cmd)
{
	if (cmd->dm_snapshot.uuids)
		dm_hash_destroy(cmd->dm_snapshot.uuids);
	cmd->dm_snapshot.uuids = NULL;
	cmd->dm_snapshot.wanted = false;
}

/* lv_info()'s question: from the snapshot when there is one and @uuid is
 * not in it, else from the kernel. */
int dmt_snapshot_info(struct cmd *cmd, const char *uuid, struct dm_info *info)
{
	struct dm_hash_table *h = cmd->dm_snapshot.uuids;

	if (cmd->dm_snapshot.wanted && !h) {
		cmd->dm_snapshot.wanted = false;	/* one try */
		if ((h = dm_hash_create(64)) && dmt_each_name(add_uuid, h)) {
			dm_hash_destroy(h);
			h = NULL;
		}
		cmd->dm_snapshot.uuids = h;
	}
	if (h && !dm_hash_lookup(h, uuid)) {
		memset(info, 0, sizeof(*info));
		return 0;
	}
	return dmt_info_uuid(uuid, info);
}

/* By name: libdevmapper only makes or removes /dev/mapper nodes for named tasks. */
int dmt_simple_op(int type, const char *name, const char *what)
{
	struct dm_task *dmt = dm_task_create(type);

	if (dmt && !dm_task_set_name(dmt, name)) {
		dm_task_destroy(dmt);
		dmt = NULL;
	}
	if (dmt && type == DM_DEVICE_REMOVE)
		dm_task_retry_remove(dmt);
	return dmt_run(dmt, what, name);
}

/* ---- devices no LV of the VG has ---- */

/*
 * A command killed between its first table load and its metadata commit
 * (or between a commit that dropped an LV and the reload that stops using
 * its device) leaves devices of the VG that no LV of the committed
 * metadata has, e.g. a pvmove layer: "LVM-" VGID LVID with an LVID the
 * metadata does not hold.
 */
static bool orphan_uuid(const struct vg *vg, const char *uuid)
{
	const char *lvid = uuid + 4 + ID_LEN;
	const struct lv *lv;

	if (strncmp(uuid, "LVM-", 4) || strncmp(uuid + 4, vg->id, ID_LEN) ||
	    strlen(lvid) < ID_LEN)
		return false;
	dm_list_iterate_items(lv, &vg->lvs)
		if (!strncmp(lv->id, lvid, ID_LEN))
			return false;
	return true;
}

struct orphans {
	const struct vg *vg;
	bool drop;		/* remove those nothing holds open */
	int count;		/* orphans seen */
	unsigned removed;
};

static int orphan_one(const char *name, void *arg)
{
	struct orphans *o = arg;
	char uuid[DMUUID_LEN];
	struct dm_info info;

	if (dmt_name_info(name, &info, uuid) || !orphan_uuid(o->vg, uuid))
		return 0;
	o->count++;
	if (o->drop && !info.open_count) {
		log_verbose("Removing %s, a device no logical volume has.", name);
		o->removed += !dmt_simple_op(DM_DEVICE_REMOVE, name, "remove");
	}
	return 0;
}

/* One pass over the kernel's devices: the orphans of @o->vg counted (and
 * dropped); the count, or -errno. */
static int each_orphan(struct orphans *o)
{
	int r;

	o->count = 0;
	o->removed = 0;
	r = dmt_each_name(orphan_one, o);
	return r < 0 ? r : o->count;
}

int vg_orphan_devs(struct cmd *cmd, const struct vg *vg)
{
	struct orphans o = { .vg = vg };

	if (cmd->no_dm)
		return 0;
	dmt_setup();
	return each_orphan(&o);
}

int vg_drop_orphan_devs(struct cmd *cmd, const struct vg *vg)
{
	struct orphans o = { .vg = vg, .drop = true };
	bool any = false;
	int left;

	if (cmd->test_mode || cmd->read_only || cmd->no_dm)
		return 0;
	dmt_setup();
	do {	/* a device under another one is free once the upper one went */
		left = each_orphan(&o);
		any |= o.removed > 0;
	} while (left > 0 && o.removed);
	if (any)
		dm_task_update_nodes();
	return left < 0 ? left : left - (int)o.removed;
}

