/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Activation with libdevmapper (see activate.h).
 *
 * An activation run walks an LV's segments, asks each segment type for its
 * table lines (st_build_table) and resolves the devices they name: a PV is
 * its device number; a sub-LV is activated first, recursively, so children
 * always exist with their tables before a parent refers to them.
 *
 * An LV is one device, or, when the types' dev_plan says so, an own device
 * holding its segments' table (a layer "vg-lv-<layer>") under a top device
 * whose table one type builds (core/dispatch.c lv_dev_plan).  Devices are
 * found by uuid; one whose name no longer fits the plan is renamed.  The
 * before_activate hooks of an LV's segments run when its own device is
 * about to be made or loaded, the after_activate hooks once it is live.
 *
 *  activate	new devices are created, loaded and resumed at once
 *		(children first); devices that exist are left alone.
 *  reload	existing devices get the new table in their inactive slot,
 *		new sub-devices are created and resumed as in activate; then
 *		a dm deptree of the existing devices is suspended top down and
 *		resumed bottom up, which swaps the tables in.  A failure before
 *		the resume clears the inactive tables and resumes the old ones.
 *  deactivate	the deptree removes the LV's device and then every device
 *		of the VG it depends on that nothing else holds open.
 *
 * Nodes: libdevmapper creates /dev/mapper nodes itself when udev is not
 * used (DM_DISABLE_UDEV=1), and we flush its node operations after each
 * change; the /dev/VG/LV links of visible LVs are ours.
 *
 * Events: lv_wait_event polls the device's event counter every 20 ms
 * (DM_DEVICE_INFO) instead of blocking in DM_DEVICE_WAITEVENT, which cannot
 * be given a timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <libdevmapper.h>

#include "activate.h"
#include "dm_task.h"
#include "testpoint.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "readahead.h"
#include "segtype_reg.h"

#define DEVNO_LEN	24

extern char **environ;

/* One device handled by a run. */
struct done {
	struct lv *lv;
	char uuid[DMUUID_LEN];
	uint32_t major, minor;
	bool top;		/* the LV's top device (the /dev/VG/LV link points here) */
	bool own;		/* it holds the LV's own segments (their hooks) */
	bool created;		/* the device is new in this run */
	bool loaded;		/* an existing device got an inactive table */
};

struct act {
	struct cmd *cmd;
	bool reload;
	struct done *done;
	unsigned ndone, cap;
	struct lv *stack[32];	/* LVs being built, to catch loops */
	unsigned depth;
};

/* The name and uuid of one device of an LV. */
bool activation_udev_sync(const struct cmd *cmd)
{
	if (cmd->no_udev_sync)
		return false;
	return !cmd->cfg || config_int(cmd->cfg, "activation/udev_sync", 1) != 0;
}

static const char *dev_dir(void)
{
	const char *dir = getenv("DM_DEV_DIR");

	return dir && *dir ? dir : "/dev";
}

/* Which device of @lv @which is under @plan: TOP is the own device unless
 * the plan puts a top device above it. */
static bool is_own(const struct lv_plan *plan, enum plvm_dev_which which)
{
	return which == PLVM_DEV_OWN || !plan->p.top;
}

/* Is the device users open as the LV (its top, or its own one when it has
 * no top) read-only: the type says so, or the LV lacks write permission
 * (lvcreate -pr, lvchange -pr), as LVM2 loads it? */
static bool face_ro(const struct lv *lv, const struct lv_plan *plan)
{
	return (plan->p.flags & PLVM_PLAN_READONLY) || !(lv->status & ST_WRITE);
}

/* The LV has no device of its own name: only a layer its users read. */
static bool users_only(const struct lv_plan *plan)
{
	return !plan->p.top && (plan->p.flags & PLVM_PLAN_USERS_ONLY);
}

static int plan_ids(const struct lv *lv, const struct lv_plan *plan, enum plvm_dev_which which,
		    struct dev_id *id)
{
	bool own = is_own(plan, which);
	int r = dm_name_build(id->name, DMNAME_LEN, lv->vg->name, lv->name,
			      own ? plan->p.own_name : NULL);

	return r ? r : dm_uuid_build(id->uuid, DMUUID_LEN, lv, own ? plan->p.own_uuid :
				     plan->p.top_uuid);
}

int lv_dev_ids(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
	       struct dev_id *id)
{
	struct lv_plan plan;
	int r = lv_dev_plan(cmd, lv, &plan);

	return r ? r : plan_ids(lv, &plan, which, id);
}

/* ---- kernel targets ---- */

static bool version_ok(const uint32_t have[3], const uint32_t want[3])
{
	unsigned i;

	for (i = 0; i < 3; i++)
		if (have[i] != want[i])
			return have[i] > want[i];
	return true;
}

static void modprobe(const char *target)
{
	char mod[64];
	char *argv[] = { "modprobe", "-q", mod, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st;

	snprintf(mod, sizeof(mod), "dm-%s", target);
	if (posix_spawn_file_actions_init(&fa))
		return;
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (!posix_spawnp(&pid, "modprobe", &fa, NULL, argv, environ))
		waitpid(pid, &st, 0);
	posix_spawn_file_actions_destroy(&fa);
}

int dm_target_version(const char *target, uint32_t ver[3])
{
	struct dm_task *dmt;
	struct dm_versions *v, *last;
	int r = -ENOENT, tries;

	dmt_setup();
	for (tries = 0; tries < 2 && r == -ENOENT; tries++) {
		if (tries)
			modprobe(target);
		if (!(dmt = dmt_new(DM_DEVICE_LIST_VERSIONS, NULL)))
			return -ENOMEM;
		if (!dm_task_run(dmt)) {
			dm_task_destroy(dmt);
			return -EIO;
		}
		v = dm_task_get_versions(dmt);
		do {
			last = v;
			if (!strcmp(v->name, target)) {
				memcpy(ver, v->version, 3 * sizeof(uint32_t));
				r = 0;
			}
			v = (struct dm_versions *)((char *)v + v->next);
		} while (last != v && r);
		dm_task_destroy(dmt);
	}
	return r;
}

int segtype_target_check(const struct segtype *st, const uint32_t have[3])
{
	const struct plvm_segtype *d = st->alias_of ? st->alias_of->desc : st->desc;

	if (!d || !d->dm_target || (have && version_ok(have, d->dm_min_version)))
		return 0;
	log_error("Kernel target %s %u.%u.%u or newer, needed by segment type %s, "
		  "is not available.", d->dm_target, d->dm_min_version[0],
		  d->dm_min_version[1], d->dm_min_version[2], st->name);
	return -ENOTSUP;
}

static int target_check(const struct segtype *st)
{
	const struct plvm_segtype *d = st->alias_of ? st->alias_of->desc : st->desc;
	uint32_t ver[3];
	int r;

	if (!d || !d->dm_target)
		return 0;
	r = dm_target_version(d->dm_target, ver);
	if (r && r != -ENOENT)
		return r;
	return segtype_target_check(st, r ? NULL : ver);
}

static int segs_check(const struct lv *lv)
{
	const struct seg *seg;
	int r;

	dm_list_iterate_items(seg, &lv->segments) {
		if (segtype_has(seg->segtype, PLVM_SEG_UNKNOWN)) {
			log_error("Cannot activate %s/%s: segment type %s is not supported "
				  "(no plugin provides it).", lv->vg->name, lv->name,
				  seg->segtype->name);
			return -ENOTSUP;
		}
		if ((r = target_check(seg->segtype)))
			return r;
	}
	return 0;
}

/* ---- /dev/VG/LV links ---- */

static void link_paths(const struct lv *lv, char *dir, char *link, char *target)
{
	char name[DMNAME_LEN];

	dm_name_build(name, sizeof(name), lv->vg->name, lv->name, NULL);
	snprintf(dir, PATH_MAX, "%s/%s", dev_dir(), lv->vg->name);
	snprintf(link, PATH_MAX, "%s/%s", dir, lv->name);
	snprintf(target, PATH_MAX, "%s/%s", dm_dir(), name);
}

static bool has_link(struct cmd *cmd, const struct lv *lv)
{
	struct lv_plan plan;

	if (!st_lv_visible(cmd, lv))
		return false;
	return lv_dev_plan(cmd, lv, &plan) || !(plan.p.flags & PLVM_PLAN_NO_LINK);
}

static int link_add(struct cmd *cmd, const struct lv *lv)
{
	char dir[PATH_MAX], link[PATH_MAX], target[PATH_MAX], cur[PATH_MAX];
	ssize_t n;

	if (!has_link(cmd, lv))
		return 0;
	link_paths(lv, dir, link, target);
	if (mkdir(dir, 0755) && errno != EEXIST)
		goto fail;
	n = readlink(link, cur, sizeof(cur) - 1);
	if (n >= 0) {
		cur[n] = '\0';
		if (!strcmp(cur, target))
			return 0;
		unlink(link);
	}
	if (!symlink(target, link))
		return 0;
fail:
	log_error("Failed to create link %s: %s.", link, strerror(errno));
	return -errno;
}

static void link_del(const struct lv *lv)
{
	char dir[PATH_MAX], link[PATH_MAX], target[PATH_MAX];

	link_paths(lv, dir, link, target);
	if (unlink(link) && errno != ENOENT)
		log_warn("WARNING: Failed to remove link %s: %s.", link, strerror(errno));
	rmdir(dir);	/* only when empty */
}

/* ---- one run ---- */

static struct done *done_find(const struct act *a, const char *uuid)
{
	unsigned i;

	for (i = 0; i < a->ndone; i++)
		if (!strcmp(a->done[i].uuid, uuid))
			return &a->done[i];
	return NULL;
}

static struct done *done_add(struct act *a, struct lv *lv, const char *uuid,
			     const struct dm_info *info)
{
	struct done *d;

	if (a->ndone == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		if (!(d = realloc(a->done, a->cap * sizeof(*d))))
			return NULL;
		a->done = d;
	}
	d = &a->done[a->ndone++];
	memset(d, 0, sizeof(*d));
	d->lv = lv;
	snprintf(d->uuid, sizeof(d->uuid), "%s", uuid);
	d->major = info->major;
	d->minor = info->minor;
	return d;
}

static int pv_devno(void *arg, struct pv *pv, char *buf, size_t len)
{
	if (!pv->dev || !major(pv->dev->devno)) {
		log_error("Physical volume %s is not available as a block device.",
			  pv->dev_name ? pv->dev_name : pv->id);
		return -ENODEV;
	}
	snprintf(buf, len, "%u:%u", major(pv->dev->devno), minor(pv->dev->devno));
	return 0;
}

static int ensure_dev(struct act *a, struct lv *lv, enum plvm_dev_which which,
		      struct done **out);

static int sub_lv_devno(void *arg, struct lv *lv, enum plvm_dev_which which, char *buf,
			size_t len)
{
	struct done *d;
	int r = ensure_dev(arg, lv, which, &d);

	if (!r)
		snprintf(buf, len, "%u:%u", d->major, d->minor);
	return r;
}

static int lv_device(struct act *a, struct lv *lv, const struct dev_id *id, char *text,
		     bool ro, bool top, struct done **out);

/* Area @area of @seg lies on a missing PV: an error device as long as the
 * area, "<vg>-<lv>-missing_<seg>_<area>", stands in for it (unless the
 * activation mode is complete). */
static int missing_devno(void *arg, const struct seg *seg, uint32_t area, char *buf,
			 size_t len)
{
	struct act *a = arg;
	const struct seg *s;
	char layer[32], text[64];
	struct dev_id id;
	struct done *d;
	unsigned n = 0;
	int r;

	if (a->cmd->activation_mode == ACT_MODE_COMPLETE)
		return pv_devno(arg, seg->areas[area].u.pv.pv, buf, len);
	dm_list_iterate_items(s, &seg->lv->segments) {
		if (s == seg)
			break;
		n++;
	}
	snprintf(layer, sizeof(layer), "missing_%u_%u", n, area);
	if ((r = dm_name_build(id.name, sizeof(id.name), seg->lv->vg->name, seg->lv->name,
			       layer)) ||
	    (r = dm_uuid_build(id.uuid, sizeof(id.uuid), seg->lv, layer)))
		return r;
	if (!(d = done_find(a, id.uuid))) {
		snprintf(text, sizeof(text), "0 %" PRIu64 " error",
			 (uint64_t)seg->area_len * seg->lv->vg->extent_size);
		if ((r = lv_device(a, seg->lv, &id, text, false, false, &d)))
			return r;
	}
	snprintf(buf, len, "%u:%u", d->major, d->minor);
	return 0;
}

/* The table lines of @lv's segments; sub-LVs go through @lv_fn. */
static int build_text(struct cmd *cmd, struct lv *lv, lv_dev_fn lv_fn, void *arg, char **out)
{
	struct table_ctx t = { .lv_dev = lv_fn, .pv_dev = pv_devno, .arg = arg,
			       .missing_dev = lv_fn == sub_lv_devno ? missing_devno : NULL };
	struct seg *seg;
	int r = 0;

	dm_list_iterate_items(seg, &lv->segments)
		if ((r = st_build_table(cmd, seg, &t)))
			break;
	if (!r && !t.text)
		r = -EINVAL;	/* an LV without segments has no table */
	if (r)
		free(t.text);
	else
		*out = t.text;
	return r;
}

/* @text cut to its first @len sectors: the lines past them dropped, the
 * one across shortened (as libdevmapper crops a thin pool's metadata). */
static void table_cut(char *text, uint64_t len)
{
	char *line = text, *nl, rest[4096];
	uint64_t start, n;
	int pos;

	for (; len && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (sscanf(line, "%" SCNu64 " %" SCNu64 "%n", &start, &n, &pos) < 2 || !nl)
			return;
		if (start >= len) {
			*line = '\0';
			return;
		}
		if (start + n > len) {
			snprintf(rest, sizeof(rest), "%.*s", (int)(nl + 1 - line - pos),
				 line + pos);
			sprintf(line, "%" PRIu64 " %" PRIu64 "%s", start, len - start, rest);
			nl = line + strlen(line) - 1;
		}
	}
}

/* The top table of @lv; its own device goes through @lv_fn. */
static int build_top(struct cmd *cmd, struct lv *lv, const struct lv_plan *plan,
		     lv_dev_fn lv_fn, void *arg, char **out)
{
	struct table_ctx t = { .lv_dev = lv_fn, .pv_dev = pv_devno, .arg = arg };
	int r = st_top_table(cmd, plan, lv, &t);

	if (!r && !t.text)
		r = -EINVAL;
	if (r)
		free(t.text);
	else
		*out = t.text;
	return r;
}

/* Parse "<start> <len> <target> [<params>]" lines into @dmt. */
static int add_targets(struct dm_task *dmt, char *text)
{
	char *line, *save = NULL, target[64];
	uint64_t start, len;
	int pos;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		pos = 0;
		if (sscanf(line, "%" SCNu64 " %" SCNu64 " %63s%n", &start, &len, target, &pos) < 3)
			return -EINVAL;
		while (line[pos] == ' ')
			pos++;
		if (!dm_task_add_target(dmt, start, len, target, line + pos))
			return -ENOMEM;
	}
	return 0;
}

static int load_table(const char *uuid, const char *name, char *text, bool ro)
{
	struct dm_task *dmt = dmt_new(DM_DEVICE_RELOAD, uuid);
	int r;

	if (!dmt)
		return -ENOMEM;
	if ((ro && !dm_task_set_ro(dmt)) || (r = add_targets(dmt, text))) {
		dm_task_destroy(dmt);
		log_error("Bad table line for %s.", name);
		return -EINVAL;
	}
	if ((r = dmt_run(dmt, "load the table of", name)))
		return r;
	test_point(TP_LOAD);
	return 0;
}

/* A device of @lv's own number: device-mapper's major and the minor kept
 * in the metadata (NULL for any other device, which gets the next free one). */
struct devno_want {
	uint32_t major, minor;
};

static int create_dev(const char *name, const char *uuid, const struct devno_want *want,
		      struct dm_info *info)
{
	struct dm_task *dmt = dmt_new(DM_DEVICE_CREATE, uuid);
	int r;

	if (dmt && (!dm_task_set_name(dmt, name) ||
		    (want && (!dm_task_set_major(dmt, want->major) ||
			      !dm_task_set_minor(dmt, want->minor))))) {
		dm_task_destroy(dmt);
		dmt = NULL;
	}
	if ((r = dmt_run(dmt, "create", name)))
		return r;
	return dmt_info_uuid(uuid, info);
}

/* A new device: create, load, resume; removed again on failure. */
static int new_dev(const char *name, const char *uuid, const struct devno_want *want,
		   char *text, bool ro, struct dm_info *info)
{
	int r = create_dev(name, uuid, want, info);

	if (r)
		return r;
	r = load_table(uuid, name, text, ro);
	if (!r)
		r = dmt_simple_op(DM_DEVICE_RESUME, name, "resume");
	if (r)
		dmt_simple_op(DM_DEVICE_REMOVE, name, "remove");
	dm_task_update_nodes();
	return r;
}

/* The name of the device with @uuid, into @name (DMNAME_LEN); -ENODEV. */
static int name_of_uuid(const char *uuid, char *name)
{
	struct dm_task *dmt = dmt_new(DM_DEVICE_INFO, uuid);
	struct dm_info info;
	const char *n;
	int r = -ENODEV;

	if (!dmt)
		return -ENOMEM;
	if (dm_task_run(dmt) && dm_task_get_info(dmt, &info) && info.exists &&
	    (n = dm_task_get_name(dmt))) {
		snprintf(name, DMNAME_LEN, "%s", n);
		r = 0;
	}
	dm_task_destroy(dmt);
	return r;
}

static int rename_dev(const char *old, const char *name)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_RENAME);
	int r;

	if (!dmt)
		return -ENOMEM;
	if (!dm_task_set_name(dmt, old) || !dm_task_set_newname(dmt, name)) {
		dm_task_destroy(dmt);
		return -ENOMEM;
	}
	r = dmt_run(dmt, "rename", old);
	dm_task_update_nodes();
	return r;
}

/* An existing device whose name does not fit any more (a layer appeared or
 * went away) takes the name the plan gives it. */
static int rename_if_moved(const struct dev_id *id)
{
	char cur[DMNAME_LEN];

	if (name_of_uuid(id->uuid, cur) || !strcmp(cur, id->name))
		return 0;
	log_verbose("Renaming %s to %s.", cur, id->name);
	return rename_dev(cur, id->name);
}

static bool on_stack(const struct act *a, const struct lv *lv)
{
	unsigned i;

	for (i = 0; i < a->depth; i++)
		if (a->stack[i] == lv)
			return true;
	return false;
}

static int push(struct act *a, struct lv *lv)
{
	unsigned i;

	for (i = 0; i < a->depth; i++)
		if (a->stack[i] == lv) {
			log_error("LV %s uses itself.", lv->name);
			return -ELOOP;
		}
	if (a->depth == sizeof(a->stack) / sizeof(a->stack[0]))
		return -ELOOP;
	a->stack[a->depth++] = lv;
	return 0;
}

/* Where the table @text ends, in sectors. */
static uint64_t text_sectors(const char *text)
{
	uint64_t start, len, end = 0;
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (sscanf(line, "%" SCNu64 " %" SCNu64, &start, &len) == 2 && start + len > end)
			end = start + len;
	return end;
}

/* Where the live table of the device with @uuid ends (0: no table). */
static uint64_t live_sectors(const char *uuid)
{
	struct dm_task *dmt = dmt_new(DM_DEVICE_TABLE, uuid);
	uint64_t start, len, end = 0;
	char *type, *params;
	void *next = NULL;

	if (dmt && dm_task_run(dmt))
		do {
			next = dm_get_next_target(dmt, next, &start, &len, &type, &params);
			if (type && start + len > end)
				end = start + len;
		} while (next);
	if (dmt)
		dm_task_destroy(dmt);
	return end;
}

/*
 * Load the new table of an existing device.  A device under another one
 * (@child) whose table grows goes live at once, as libdevmapper's preload
 * does: a parent may check its children's sizes when its own table is
 * loaded (dm-raid refuses images smaller than the array).  *@live says so.
 */
static int reload_dev(const struct dev_id *id, char *text, bool ro, bool child, bool *live)
{
	uint64_t want = text_sectors(text);
	int r = load_table(id->uuid, id->name, text, ro);

	*live = false;
	if (r || !child || want <= live_sectors(id->uuid))
		return r;
	log_verbose("Resuming %s now: it grows under its users.", id->name);
	*live = true;
	return dmt_simple_op(DM_DEVICE_RESUME, id->name, "resume");
}

/* Is the number @lv keeps free for its top device (@info: the device as it
 * is), and which is it?  *@want stays NULL when @lv keeps none. */
static int fixed_devno(const struct lv *lv, const struct dm_info *info,
		       struct devno_want *buf, const struct devno_want **want)
{
	struct dm_info other;
	struct dm_task *dmt;
	int major;

	*want = NULL;
	if (!(lv->status & ST_FIXED_MINOR) || lv->minor < 0)
		return 0;
	if ((major = dm_major()) < 0)
		return major;
	buf->major = (uint32_t)major;
	buf->minor = (uint32_t)lv->minor;
	if (info->exists) {
		if (info->minor == buf->minor)
			return 0;
		log_error("Volume %s/%s (%u:%u) differs from already active device (%u:%u).",
			  lv->vg->name, lv->name, buf->major, buf->minor, info->major,
			  info->minor);
		return -EEXIST;
	}
	if (!(dmt = dm_task_create(DM_DEVICE_INFO)))
		return -ENOMEM;
	memset(&other, 0, sizeof(other));
	if (dm_task_set_major(dmt, buf->major) && dm_task_set_minor(dmt, buf->minor) &&
	    dm_task_run(dmt) && dm_task_get_info(dmt, &other) && other.exists) {
		dm_task_destroy(dmt);
		log_error("The requested major:minor pair (%u:%u) is already used.", buf->major,
			  buf->minor);
		return -EBUSY;
	}
	dm_task_destroy(dmt);
	*want = buf;
	return 0;
}

static int lv_device(struct act *a, struct lv *lv, const struct dev_id *id, char *text,
		     bool ro, bool top, struct done **out)
{
	const struct devno_want *want = NULL;
	struct devno_want buf;
	struct dm_info info;
	struct done *d;
	bool created = false, live = false;
	int r = dmt_info_uuid(id->uuid, &info);

	if (r || (top && (r = fixed_devno(lv, &info, &buf, &want))))
		return r;
	if (!info.exists) {
		log_verbose("Creating %s.", id->name);
		if ((r = new_dev(id->name, id->uuid, want, text, ro, &info)))
			return r;
		created = true;
	} else {
		if ((r = rename_if_moved(id)))
			return r;
		if (a->reload) {
			log_verbose("Loading table for %s (%u:%u).", id->name, info.major,
				    info.minor);
			if ((r = reload_dev(id, text, ro, a->depth > 0, &live)))
				return r;
		}
	}
	if (!(d = done_add(a, lv, id->uuid, &info)))
		return -ENOMEM;
	d->created = created;
	d->loaded = info.exists && !created && a->reload && !live;
	*out = d;
	return 0;
}

/* The own device of @lv: its segments' table, after its sub-LVs. */
static int ensure_own(struct act *a, struct lv *lv, const struct lv_plan *plan,
		      struct done **out)
{
	struct dev_id id;
	char *text = NULL;
	int r;

	if ((r = plan_ids(lv, plan, PLVM_DEV_OWN, &id)))
		return r;
	if ((*out = done_find(a, id.uuid)))
		return 0;
	if ((r = segs_check(lv)) || (r = push(a, lv)))
		return r;
	r = build_text(a->cmd, lv, sub_lv_devno, a, &text);
	a->depth--;
	if (!r && plan->p.own_len)
		table_cut(text, plan->p.own_len);
	if (!r)
		r = st_lv_hooks(a->cmd, lv, false);
	if (r) {
		free(text);
		return r;
	}
	log_debug("Table of %s:\n%s", id.name, text);
	r = lv_device(a, lv, &id, text, !plan->p.top && face_ro(lv, plan), !plan->p.top, out);
	free(text);
	if (r)
		return r;
	(*out)->own = true;
	(*out)->top = !plan->p.top;
	/* live now unless it waits for the swap of a reload */
	return (*out)->loaded ? 0 : st_lv_hooks(a->cmd, lv, true);
}

static int ensure_top(struct act *a, struct lv *lv, const struct lv_plan *plan,
		      struct done **out)
{
	struct done *own;
	struct dev_id id;
	char *text = NULL;
	int r;

	if ((r = plan_ids(lv, plan, PLVM_DEV_TOP, &id)))
		return r;
	if ((*out = done_find(a, id.uuid)))
		return 0;
	if ((r = ensure_own(a, lv, plan, &own)) || (r = push(a, lv)))
		return r;
	r = build_top(a->cmd, lv, plan, sub_lv_devno, a, &text);
	a->depth--;
	if (r)
		return r;
	log_debug("Table of %s:\n%s", id.name, text);
	r = lv_device(a, lv, &id, text, face_ro(lv, plan), true, out);
	free(text);
	if (!r)
		(*out)->top = true;
	return r;
}

/* Is @lv up as a whole: its top device exists, or its own device still has
 * the top's name (a pool whose first thin LV is made while it is active)? */
static bool top_is_up(const struct lv *lv, const struct lv_plan *plan)
{
	char cur[DMNAME_LEN];
	struct dev_id top, own;
	struct dm_info info;

	if (plan_ids(lv, plan, PLVM_DEV_TOP, &top) || plan_ids(lv, plan, PLVM_DEV_OWN, &own))
		return false;
	if (!dmt_info_uuid(top.uuid, &info) && info.exists)
		return true;
	return !name_of_uuid(own.uuid, cur) && !strcmp(cur, top.name);
}

/* Make sure device @which of @lv exists (with its new table, when
 * reloading).  Reaching an LV's own device from below (a thin LV names its
 * pool's), the LV's top device is kept in step too when the LV is up as a
 * whole (never made for the user alone, as LVM2 leaves a pool whose thin
 * LV it activates), except from inside the building of that top device. */
static int ensure_dev(struct act *a, struct lv *lv, enum plvm_dev_which which,
		      struct done **out)
{
	struct lv_plan plan;
	bool up = false;
	size_t idx;
	int r;

	if ((r = lv_dev_plan(a->cmd, lv, &plan)))
		return r;
	if (!is_own(&plan, which))
		return ensure_top(a, lv, &plan, out);
	if (plan.p.top && !on_stack(a, lv))
		up = top_is_up(lv, &plan);
	if ((r = ensure_own(a, lv, &plan, out)) || !up)
		return r;
	/* ensure_top may grow a->done: keep the own device by index */
	idx = (size_t)(*out - a->done);
	r = ensure_top(a, lv, &plan, &(struct done *){ NULL });
	*out = &a->done[idx];
	return r;
}

static void act_init(struct act *a, struct cmd *cmd, bool reload)
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	dm_udev_set_sync_support(activation_udev_sync(cmd));
	a->reload = reload;
	dmt_setup();
}

/* Undo a failed run: drop inactive tables, remove new devices (parents first). */
static void act_undo(struct act *a)
{
	char name[DMNAME_LEN];
	unsigned i = a->ndone;

	while (i--) {
		struct done *d = &a->done[i];

		if (name_of_uuid(d->uuid, name))
			continue;
		if (d->loaded)
			dmt_simple_op(DM_DEVICE_CLEAR, name, "clear the inactive table of");
		if (d->created)
			dmt_simple_op(DM_DEVICE_REMOVE, name, "remove");
	}
	dm_task_update_nodes();
}

/* The devices a run made or loaded read ahead as LVM2 sets them when it
 * resumes them (the kernel's default after a load may be none). */
static void act_read_ahead(struct act *a)
{
	uint32_t ra;
	bool minimum;
	unsigned i;

	for (i = 0; i < a->ndone; i++) {
		if (!a->done[i].lv || !(a->done[i].created || a->reload))
			continue;
		ra = lv_read_ahead(a->cmd, a->done[i].lv, &minimum);
		dev_read_ahead_set(a->done[i].major, a->done[i].minor, ra, minimum);
	}
}

static void act_links(struct act *a)
{
	unsigned i;

	for (i = 0; i < a->ndone; i++)
		if (a->done[i].created && a->done[i].top)
			link_add(a->cmd, a->done[i].lv);
}

/* After a reload's swap: the hooks of the own devices that got new tables. */
static int act_after_swap(struct act *a)
{
	unsigned i;
	int r;

	for (i = 0; i < a->ndone; i++)
		if (a->done[i].own && a->done[i].loaded &&
		    (r = st_lv_hooks(a->cmd, a->done[i].lv, true)))
			return r;
	return 0;
}

/* ---- the API ---- */

static void info_copy(const struct dm_info *in, struct lv_info *out)
{
	memset(out, 0, sizeof(*out));
	out->exists = in->exists;
	out->suspended = in->suspended;
	out->live_table = in->live_table;
	out->inactive_table = in->inactive_table;
	out->open_count = in->open_count;
	out->major = in->major;
	out->minor = in->minor;
	out->read_only = in->read_only;
}

int lv_info(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
	    struct lv_info *out)
{
	struct lv_plan plan;
	struct dev_id id;
	struct dm_info info;
	int r;

	memset(out, 0, sizeof(*out));
	if (cmd->read_only || cmd->no_dm)
		return 0;	/* the kernel is not asked, nothing shows active */
	dmt_setup();
	if ((r = lv_dev_plan(cmd, lv, &plan)))
		return r;
	if (which == PLVM_DEV_TOP && users_only(&plan))
		return 0;
	if ((r = plan_ids(lv, &plan, which, &id)) || (r = dmt_snapshot_info(cmd, id.uuid, &info)))
		return r;
	/* an LV whose top device is down but whose own device is up (a pool
	 * only its thin LVs use) is active */
	if (!info.exists && !is_own(&plan, which) &&
	    ((r = plan_ids(lv, &plan, PLVM_DEV_OWN, &id)) ||
	     (r = dmt_snapshot_info(cmd, id.uuid, &info))))
		return r;
	info_copy(&info, out);
	return 0;
}

bool lv_is_active(struct cmd *cmd, const struct lv *lv)
{
	struct lv_info info;

	return !lv_info(cmd, lv, PLVM_DEV_TOP, &info) && info.exists;
}

bool lv_top_is_up(struct cmd *cmd, const struct lv *lv)
{
	struct lv_plan plan;
	struct dev_id id;
	struct dm_info info;

	if (cmd->read_only)
		return false;
	dmt_setup();
	return !lv_dev_plan(cmd, lv, &plan) && !users_only(&plan) &&
	       !plan_ids(lv, &plan, PLVM_DEV_TOP, &id) &&
	       !dmt_snapshot_info(cmd, id.uuid, &info) && info.exists;
}

/* An LV on missing PVs activates as the activation mode says. */
static int partial_check(struct cmd *cmd, const struct lv *lv)
{
	bool degraded;

	if (cmd->activation_mode == ACT_MODE_PARTIAL || !lv_is_partial(lv))
		return 0;
	degraded = st_lv_degraded_ok(cmd, lv);
	if (degraded && cmd->activation_mode == ACT_MODE_DEGRADED)
		return 0;
	if (degraded)
		log_error("Refusing activation of partial LV %s/%s.  Try '--activationmode "
			  "degraded'.", lv->vg->name, lv->name);
	else
		log_error("Refusing activation of partial LV %s/%s.  Use '--activationmode "
			  "partial' to override.", lv->vg->name, lv->name);
	return -EPERM;
}

int lv_activate(struct cmd *cmd, struct lv *lv, bool exclusive)
{
	struct act a;
	struct done *d;
	int r;

	if (cmd->test_mode) {
		log_print("Test mode: skipping activation of %s/%s.", lv->vg->name, lv->name);
		return 0;
	}
	if (cmd->no_dm || lv_is_internal(cmd, lv))
		return 0;	/* no device: its peers are what activation makes */
	if ((r = partial_check(cmd, lv)))
		return r;
	act_init(&a, cmd, false);
	r = ensure_dev(&a, lv, PLVM_DEV_TOP, &d);
	if (r) {
		act_undo(&a);
	} else {
		act_read_ahead(&a);
		act_links(&a);
	}
	free(a.done);
	return r;
}

static const char *vg_prefix(const struct vg *vg, char *buf, size_t len)
{
	snprintf(buf, len, "LVM-%s", vg->id);
	return buf;
}

/* Existing devices go in the tree; new ones were resumed already. */
static int tree_add(struct dm_tree *tree, const struct done *d)
{
	if (d->created || dm_tree_add_dev(tree, d->major, d->minor))
		return 0;
	return -ENOMEM;
}

/* Suspend everything loaded top down, then resume bottom up. */
static int swap_tables(struct act *a, const struct vg *vg)
{
	char prefix[8 + ID_LEN];
	struct dm_tree *tree = dm_tree_create();
	struct dm_tree_node *root;
	unsigned i;
	int r = 0;

	if (!tree)
		return -ENOMEM;
	for (i = 0; i < a->ndone && !r; i++)
		r = tree_add(tree, &a->done[i]);
	root = dm_tree_find_node(tree, 0, 0);
	vg_prefix(vg, prefix, sizeof(prefix));
	dm_tree_set_cookie(root, 0);
	if (!r && !dm_tree_suspend_children(root, prefix, strlen(prefix))) {
		log_error("Failed to suspend the devices of %s.", vg->name);
		act_undo(a);
		r = -EIO;
	}
	if (!r)
		test_point(TP_SUSPEND);
	if (!dm_tree_activate_children(root, prefix, strlen(prefix)) && !r) {
		log_error("Failed to resume the devices of %s.", vg->name);
		r = -EIO;
	}
	if (!r)
		test_point(TP_RESUME);
	dm_udev_wait(dm_tree_get_cookie(root));
	dm_tree_free(tree);
	return r;
}

static int lv_devices(const struct lv *lv, const char *name_prefix,
		      int (*fn)(const char *name, const struct dm_info *info, void *arg),
		      void *arg);

/* A device of a reloaded LV that its new tables no longer use (a layer the
 * plan dropped) goes, unless something still holds it open. */
static int drop_unused(const char *name, const struct dm_info *info, void *arg)
{
	const struct act *a = arg;
	unsigned i;

	for (i = 0; i < a->ndone; i++)
		if (a->done[i].major == info->major && a->done[i].minor == info->minor)
			return 0;
	if (info->open_count)
		return 0;
	log_verbose("Removing %s, which the new tables do not use.", name);
	dmt_simple_op(DM_DEVICE_REMOVE, name, "remove");
	return 0;
}

static void drop_lv_unused(struct act *a, const struct lv *lv)
{
	char name[DMNAME_LEN];

	if (!dm_name_build(name, sizeof(name), lv->vg->name, lv->name, NULL))
		lv_devices(lv, name, drop_unused, a);
}

/* The reloaded LVs and the sub-LVs the new tables use: a sub-LV loses
 * layers too (the error device of a missing PV once the area is gone). */
static void drop_all_unused(struct act *a, struct lv **lvs, unsigned n)
{
	unsigned i, k;

	for (i = 0; i < n; i++)
		drop_lv_unused(a, lvs[i]);
	for (i = 0; i < a->ndone; i++) {
		for (k = 0; k < i && a->done[k].lv != a->done[i].lv; k++)
			;
		if (k == i && a->done[i].lv)
			drop_lv_unused(a, a->done[i].lv);
	}
	dm_task_update_nodes();
}

int lvs_reload(struct cmd *cmd, struct lv **lvs, unsigned n)
{
	struct act a;
	struct done *d;
	unsigned i;
	int r = 0;

	if (cmd->test_mode) {
		log_print("Test mode: skipping the reload of %u LV(s).", n);
		return 0;
	}
	if (cmd->no_dm)
		return 0;
	act_init(&a, cmd, true);
	for (i = 0; i < n && !r; i++)
		if (lv_is_active(cmd, lvs[i]))
			r = ensure_dev(&a, lvs[i], PLVM_DEV_TOP, &d);
	if (r)
		act_undo(&a);
	else if (a.ndone)
		r = swap_tables(&a, lvs[0]->vg);
	if (!r)
		r = act_after_swap(&a);
	if (!r) {
		act_read_ahead(&a);
		act_links(&a);
		drop_all_unused(&a, lvs, n);
	}
	free(a.done);
	return r;
}

/* ---- every device of one LV ---- */

struct lv_devs {
	const char *prefix;	/* of the names */
	char base[DMUUID_LEN];	/* the LV's uuid, without a layer's suffix */
	int (*fn)(const char *name, const struct dm_info *info, void *arg);
	void *arg;
};

static int lv_dev_one(const char *name, void *arg)
{
	const struct lv_devs *d = arg;
	size_t blen = strlen(d->base);
	char uuid[DMUUID_LEN];
	struct dm_info info;

	if (strncmp(name, d->prefix, strlen(d->prefix)) || dmt_name_info(name, &info, uuid) ||
	    strncmp(uuid, d->base, blen) || (uuid[blen] && uuid[blen] != '-'))
		return 0;
	return d->fn(name, &info, d->arg);
}

/* Call @fn for each kernel device whose uuid is @lv's (any layer) and whose
 * name starts with @name_prefix, until it returns non-zero. */
static int lv_devices(const struct lv *lv, const char *name_prefix,
		      int (*fn)(const char *name, const struct dm_info *info, void *arg),
		      void *arg)
{
	struct lv_devs d = { .prefix = name_prefix, .fn = fn, .arg = arg };

	dm_uuid_build(d.base, sizeof(d.base), lv, NULL);
	return dmt_each_name(lv_dev_one, &d);
}

static int add_to_tree(const char *name, const struct dm_info *info, void *arg)
{
	return dm_tree_add_dev(arg, info->major, info->minor) ? 0 : -ENOMEM;
}

static int deactivate_all(const struct lv *lv)
{
	char prefix[8 + ID_LEN], name[DMNAME_LEN];
	struct dm_tree *tree = dm_tree_create();
	struct dm_tree_node *root;
	int r;

	if (!tree)
		return -ENOMEM;
	dm_name_build(name, sizeof(name), lv->vg->name, lv->name, NULL);
	if ((r = lv_devices(lv, name, add_to_tree, tree))) {
		dm_tree_free(tree);
		return r;
	}
	root = dm_tree_find_node(tree, 0, 0);
	vg_prefix(lv->vg, prefix, sizeof(prefix));
	dm_udev_set_sync_support(activation_udev_sync(lv->vg->cmd));
	dm_tree_set_cookie(root, 0);
	if (!dm_tree_deactivate_children(root, prefix, strlen(prefix))) {
		log_error("Failed to deactivate %s/%s.", lv->vg->name, lv->name);
		r = -EIO;
	}
	dm_udev_wait(dm_tree_get_cookie(root));
	dm_tree_free(tree);
	return r;
}

int lvs_resume_again(struct cmd *cmd, struct lv **lvs, unsigned n)
{
	char prefix[8 + ID_LEN], name[DMNAME_LEN];
	struct dm_tree *tree;
	struct dm_tree_node *root;
	unsigned i;
	int r = 0;

	if (cmd->test_mode || cmd->no_dm || !n)
		return 0;
	dmt_setup();
	if (!(tree = dm_tree_create()))
		return -ENOMEM;
	for (i = 0; i < n && !r; i++)
		if (!(r = dm_name_build(name, sizeof(name), lvs[i]->vg->name, lvs[i]->name, NULL)))
			r = lv_devices(lvs[i], name, add_to_tree, tree);
	root = dm_tree_find_node(tree, 0, 0);
	vg_prefix(lvs[0]->vg, prefix, sizeof(prefix));
	dm_udev_set_sync_support(activation_udev_sync(cmd));
	dm_tree_set_cookie(root, 0);
	if (!r && !dm_tree_suspend_children(root, prefix, strlen(prefix)))
		r = -EIO;
	if (!r)
		test_point(TP_SUSPEND);
	if (!dm_tree_activate_children(root, prefix, strlen(prefix)) && !r)
		r = -EIO;
	if (!r)
		test_point(TP_RESUME);
	dm_udev_wait(dm_tree_get_cookie(root));
	dm_tree_free(tree);
	if (r)
		log_error("Failed to suspend and resume the devices of %s.", lvs[0]->vg->name);
	return r;
}

int lv_deactivate(struct cmd *cmd, struct lv *lv)
{
	struct lv_info info;
	int r;

	if (cmd->test_mode) {
		log_print("Test mode: skipping deactivation of %s/%s.", lv->vg->name, lv->name);
		return 0;
	}
	/* an LV with no device of its name (an external origin) may still
	 * have the layer its users read */
	if ((r = lv_info(cmd, lv, PLVM_DEV_TOP, &info)) ||
	    (!info.exists && (r = lv_info(cmd, lv, PLVM_DEV_OWN, &info))))
		return r;
	if (info.exists && info.open_count) {
		/* only its users hold its layer (a pool under active thin LVs,
		 * its top device down): it stays up for them */
		if (!lv_top_is_up(cmd, lv))
			return 0;
		log_error("Logical volume %s/%s in use.", lv->vg->name, lv->name);
		return -EBUSY;
	}
	if ((r = deactivate_all(lv)))
		return r;
	dm_task_update_nodes();
	link_del(lv);
	return 0;
}

int dm_nodes_refresh(struct cmd *cmd)
{
	if (cmd->no_dm)
		return 0;
	dmt_setup();
	if (dm_mknodes(NULL))
		return 0;
	log_error("Failed to update the device-mapper nodes in %s.", dm_dir());
	return -EIO;
}

int lv_mknodes(struct cmd *cmd, const struct lv *lv)
{
	if (cmd->no_dm)
		return 0;
	if (lv_is_active(cmd, lv))
		return link_add(cmd, lv);
	link_del(lv);
	return 0;
}

static void link_del_names(const char *vg, const char *lv)
{
	char dir[PATH_MAX], link[PATH_MAX + NAME_MAX + 2];

	snprintf(dir, sizeof(dir), "%s/%s", dev_dir(), vg);
	snprintf(link, sizeof(link), "%s/%s", dir, lv);
	unlink(link);
	rmdir(dir);
}

struct renaming {
	const char *old_prefix;
	const char *new_prefix;
};

static int rename_one(const char *name, const struct dm_info *info, void *arg)
{
	const struct renaming *rn = arg;
	char newname[DMNAME_LEN];

	snprintf(newname, sizeof(newname), "%s%s", rn->new_prefix,
		 name + strlen(rn->old_prefix));
	return rename_dev(name, newname);
}

int lv_rename_dev(struct cmd *cmd, struct lv *lv, const char *old_vg, const char *old_lv)
{
	char old[DMNAME_LEN], name[DMNAME_LEN];
	struct renaming rn = { old, name };
	int r;

	if (cmd->no_dm)
		return 0;
	dmt_setup();
	if ((r = dm_name_build(old, sizeof(old), old_vg, old_lv, NULL)) ||
	    (r = dm_name_build(name, sizeof(name), lv->vg->name, lv->name, NULL)))
		return r;
	if (!strcmp(old, name))
		return 0;
	if (cmd->test_mode) {
		log_print("Test mode: skipping the rename of %s to %s.", old, name);
		return 0;
	}
	if ((r = lv_devices(lv, old, rename_one, &rn)))
		return r;
	link_del_names(old_vg, old_lv);
	return lv_is_active(cmd, lv) ? link_add(cmd, lv) : 0;
}

/* ---- the tables in the kernel ---- */

static int existing_dev(void *arg, struct lv *lv, enum plvm_dev_which which, char *buf,
			size_t len)
{
	struct lv_info info;
	int r = lv_info(arg, lv, which, &info);

	if (r)
		return r;
	if (!info.exists)
		return -ENODEV;
	snprintf(buf, len, "%u:%u", info.major, info.minor);
	return 0;
}

int lv_table_text(struct cmd *cmd, struct lv *lv, char **out)
{
	if (cmd->no_dm)
		return -ENODEV;
	dmt_setup();
	return build_text(cmd, lv, existing_dev, cmd, out);
}
