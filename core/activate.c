/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Activation with libdevmapper (see activate.h).
 *
 * An activation run walks an LV's segments, asks each segment type for its
 * table lines (st_build_table) and resolves the devices they name: a PV is
 * its device number; a sub-LV is activated first, recursively, so children
 * always exist with their tables before a parent refers to them.
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
#include "cmd.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"

#define DMNAME_LEN	128	/* the kernel's DM_NAME_LEN */
#define DMUUID_LEN	129	/* the kernel's DM_UUID_LEN */
#define DEVNO_LEN	24
#define POLL_MS		20

extern char **environ;

/* One LV handled by a run. */
struct done {
	struct lv *lv;
	uint32_t major, minor;
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

/* ---- libdevmapper plumbing ---- */

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

static void dm_setup(void)
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

static const char *dev_dir(void)
{
	const char *dir = getenv("DM_DEV_DIR");

	return dir && *dir ? dir : "/dev";
}

static int names(const struct lv *lv, const char *layer, char *name, char *uuid)
{
	int r = dm_name_build(name, DMNAME_LEN, lv->vg->name, lv->name, layer);

	return r ? r : dm_uuid_build(uuid, DMUUID_LEN, lv, layer);
}

static struct dm_task *task_new(int type, const char *uuid)
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
static int task_run(struct dm_task *dmt, const char *what, const char *name)
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

static int info_uuid(const char *uuid, struct dm_info *info)
{
	struct dm_task *dmt = task_new(DM_DEVICE_INFO, uuid);
	int r = 0;

	memset(info, 0, sizeof(*info));
	if (!dmt)
		return -ENOMEM;
	if (!dm_task_run(dmt) || !dm_task_get_info(dmt, info))
		r = -EIO;
	dm_task_destroy(dmt);
	return r;
}

/* By name: libdevmapper only makes or removes /dev/mapper nodes for named tasks. */
static int simple_op(int type, const char *name, const char *what)
{
	struct dm_task *dmt = dm_task_create(type);

	if (dmt && !dm_task_set_name(dmt, name)) {
		dm_task_destroy(dmt);
		dmt = NULL;
	}
	if (dmt && type == DM_DEVICE_REMOVE)
		dm_task_retry_remove(dmt);
	return task_run(dmt, what, name);
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

/* 1: present, 0: absent, -errno */
static int target_listed(const char *target, const uint32_t want[3])
{
	struct dm_task *dmt = task_new(DM_DEVICE_LIST_VERSIONS, NULL);
	struct dm_versions *v, *last;
	int r = 0;

	if (!dmt)
		return -ENOMEM;
	if (!dm_task_run(dmt)) {
		dm_task_destroy(dmt);
		return -EIO;
	}
	v = dm_task_get_versions(dmt);
	do {
		last = v;
		if (!strcmp(v->name, target))
			r = version_ok(v->version, want) ? 1 : 0;
		v = (struct dm_versions *)((char *)v + v->next);
	} while (last != v && !r);
	dm_task_destroy(dmt);
	return r;
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

static int target_check(const struct segtype *st)
{
	const struct plvm_segtype *d = st->desc;
	int r;

	if (!d || !d->dm_target)
		return 0;
	r = target_listed(d->dm_target, d->dm_min_version);
	if (r == 0) {
		modprobe(d->dm_target);
		r = target_listed(d->dm_target, d->dm_min_version);
	}
	if (r > 0)
		return 0;
	if (r == 0)
		log_error("Kernel target %s %u.%u.%u or newer, needed by segment type %s, "
			  "is not available.", d->dm_target, d->dm_min_version[0],
			  d->dm_min_version[1], d->dm_min_version[2], st->name);
	return r ? r : -ENOTSUP;
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

static int link_add(const struct lv *lv)
{
	char dir[PATH_MAX], link[PATH_MAX], target[PATH_MAX], cur[PATH_MAX];
	ssize_t n;

	if (!(lv->status & ST_VISIBLE))
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
		log_warn("Failed to remove link %s: %s.", link, strerror(errno));
	rmdir(dir);	/* only when empty */
}

/* ---- one run ---- */

static struct done *done_find(const struct act *a, const struct lv *lv)
{
	unsigned i;

	for (i = 0; i < a->ndone; i++)
		if (a->done[i].lv == lv)
			return &a->done[i];
	return NULL;
}

static struct done *done_add(struct act *a, struct lv *lv, const struct dm_info *info)
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

static int ensure_lv(struct act *a, struct lv *lv, struct done **out);

static int sub_lv_devno(void *arg, struct lv *lv, char *buf, size_t len)
{
	struct done *d;
	int r = ensure_lv(arg, lv, &d);

	if (!r)
		snprintf(buf, len, "%u:%u", d->major, d->minor);
	return r;
}

/* The table lines of @lv; sub-LVs go through @lv_fn. */
static int build_text(struct cmd *cmd, struct lv *lv, lv_dev_fn lv_fn, void *arg, char **out)
{
	struct table_ctx t = { .lv_dev = lv_fn, .pv_dev = pv_devno, .arg = arg };
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

static int load_table(const char *uuid, const char *name, char *text)
{
	struct dm_task *dmt = task_new(DM_DEVICE_RELOAD, uuid);
	int r;

	if (!dmt)
		return -ENOMEM;
	if ((r = add_targets(dmt, text))) {
		dm_task_destroy(dmt);
		log_error("Bad table line for %s.", name);
		return r;
	}
	return task_run(dmt, "load the table of", name);
}

static int create_dev(const char *name, const char *uuid, struct dm_info *info)
{
	struct dm_task *dmt = task_new(DM_DEVICE_CREATE, uuid);
	int r;

	if (dmt && !dm_task_set_name(dmt, name)) {
		dm_task_destroy(dmt);
		dmt = NULL;
	}
	if ((r = task_run(dmt, "create", name)))
		return r;
	return info_uuid(uuid, info);
}

/* A new device: create, load, resume; removed again on failure. */
static int new_dev(const char *name, const char *uuid, char *text, struct dm_info *info)
{
	int r = create_dev(name, uuid, info);

	if (r)
		return r;
	r = load_table(uuid, name, text);
	if (!r)
		r = simple_op(DM_DEVICE_RESUME, name, "resume");
	if (r)
		simple_op(DM_DEVICE_REMOVE, name, "remove");
	dm_task_update_nodes();
	return r;
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

static int lv_device(struct act *a, struct lv *lv, const char *name, const char *uuid,
		     char *text, struct done **out)
{
	struct dm_info info;
	struct done *d;
	bool created = false;
	int r = info_uuid(uuid, &info);

	if (r)
		return r;
	if (!info.exists) {
		log_verbose("Creating %s.", name);
		if ((r = new_dev(name, uuid, text, &info)))
			return r;
		created = true;
	} else if (a->reload) {
		log_verbose("Loading table for %s (%u:%u).", name, info.major, info.minor);
		if ((r = load_table(uuid, name, text)))
			return r;
	}
	if (!(d = done_add(a, lv, &info)))
		return -ENOMEM;
	d->created = created;
	d->loaded = info.exists && !created && a->reload;
	*out = d;
	return 0;
}

/* Make sure @lv's device exists (with its new table, when reloading). */
static int ensure_lv(struct act *a, struct lv *lv, struct done **out)
{
	char name[DMNAME_LEN], uuid[DMUUID_LEN], *text = NULL;
	int r;

	if ((*out = done_find(a, lv)))
		return 0;
	if ((r = names(lv, NULL, name, uuid)) || (r = segs_check(lv)) || (r = push(a, lv)))
		return r;
	r = build_text(a->cmd, lv, sub_lv_devno, a, &text);
	a->depth--;
	if (r)
		return r;
	log_debug("Table of %s:\n%s", name, text);
	r = lv_device(a, lv, name, uuid, text, out);
	free(text);
	return r;
}

static void act_init(struct act *a, struct cmd *cmd, bool reload)
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->reload = reload;
	dm_setup();
}

/* Undo a failed run: drop inactive tables, remove new devices (parents first). */
static void act_undo(struct act *a)
{
	char name[DMNAME_LEN], uuid[DMUUID_LEN];
	unsigned i = a->ndone;

	while (i--) {
		struct done *d = &a->done[i];

		if (names(d->lv, NULL, name, uuid))
			continue;
		if (d->loaded)
			simple_op(DM_DEVICE_CLEAR, name, "clear the inactive table of");
		if (d->created)
			simple_op(DM_DEVICE_REMOVE, name, "remove");
	}
	dm_task_update_nodes();
}

static void act_links(struct act *a)
{
	unsigned i;

	for (i = 0; i < a->ndone; i++)
		if (a->done[i].created)
			link_add(a->done[i].lv);
}

/* ---- the API ---- */

int lv_info(struct cmd *cmd, const struct lv *lv, const char *layer, struct lv_info *out)
{
	char name[DMNAME_LEN], uuid[DMUUID_LEN];
	struct dm_info info;
	int r;

	dm_setup();
	memset(out, 0, sizeof(*out));
	if ((r = names(lv, layer, name, uuid)) || (r = info_uuid(uuid, &info)))
		return r;
	out->exists = info.exists;
	out->suspended = info.suspended;
	out->live_table = info.live_table;
	out->inactive_table = info.inactive_table;
	out->open_count = info.open_count;
	out->major = info.major;
	out->minor = info.minor;
	out->read_only = info.read_only;
	return 0;
}

bool lv_is_active(struct cmd *cmd, const struct lv *lv)
{
	struct lv_info info;

	return !lv_info(cmd, lv, NULL, &info) && info.exists;
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
	act_init(&a, cmd, false);
	r = ensure_lv(&a, lv, &d);
	if (r)
		act_undo(&a);
	else
		act_links(&a);
	free(a.done);
	return r;
}

static const char *vg_prefix(const struct vg *vg, char *buf, size_t len)
{
	snprintf(buf, len, "LVM-%s", vg->id);
	return buf;
}

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
	if (!dm_tree_activate_children(root, prefix, strlen(prefix)) && !r) {
		log_error("Failed to resume the devices of %s.", vg->name);
		r = -EIO;
	}
	dm_udev_wait(dm_tree_get_cookie(root));
	dm_tree_free(tree);
	return r;
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
	act_init(&a, cmd, true);
	for (i = 0; i < n && !r; i++)
		if (lv_is_active(cmd, lvs[i]))
			r = ensure_lv(&a, lvs[i], &d);
	if (r)
		act_undo(&a);
	else if (a.ndone)
		r = swap_tables(&a, lvs[0]->vg);
	if (!r)
		act_links(&a);
	free(a.done);
	return r;
}

static int deactivate_tree(const struct lv *lv, const struct lv_info *info)
{
	char prefix[8 + ID_LEN];
	struct dm_tree *tree = dm_tree_create();
	struct dm_tree_node *root;
	int r = 0;

	if (!tree)
		return -ENOMEM;
	if (!dm_tree_add_dev(tree, info->major, info->minor)) {
		dm_tree_free(tree);
		return -EIO;
	}
	root = dm_tree_find_node(tree, 0, 0);
	vg_prefix(lv->vg, prefix, sizeof(prefix));
	dm_tree_set_cookie(root, 0);
	if (!dm_tree_deactivate_children(root, prefix, strlen(prefix))) {
		log_error("Failed to deactivate %s/%s.", lv->vg->name, lv->name);
		r = -EIO;
	}
	dm_udev_wait(dm_tree_get_cookie(root));
	dm_tree_free(tree);
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
	if ((r = lv_info(cmd, lv, NULL, &info)))
		return r;
	if (!info.exists) {
		link_del(lv);
		return 0;
	}
	if (info.open_count) {
		log_error("Logical volume %s/%s in use.", lv->vg->name, lv->name);
		return -EBUSY;
	}
	if ((r = deactivate_tree(lv, &info)))
		return r;
	dm_task_update_nodes();
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

int lv_rename_dev(struct cmd *cmd, struct lv *lv, const char *old_vg, const char *old_lv)
{
	char old[DMNAME_LEN], name[DMNAME_LEN], uuid[DMUUID_LEN];
	struct dm_info info;
	struct dm_task *dmt;
	int r;

	dm_setup();
	if ((r = dm_name_build(old, sizeof(old), old_vg, old_lv, NULL)) ||
	    (r = names(lv, NULL, name, uuid)) || (r = info_uuid(uuid, &info)))
		return r;
	if (!info.exists || !strcmp(old, name))
		return 0;
	if (cmd->test_mode) {
		log_print("Test mode: skipping the rename of %s to %s.", old, name);
		return 0;
	}
	if (!(dmt = dm_task_create(DM_DEVICE_RENAME)))
		return -ENOMEM;
	if (!dm_task_set_name(dmt, old) || !dm_task_set_newname(dmt, name)) {
		dm_task_destroy(dmt);
		return -ENOMEM;
	}
	if ((r = task_run(dmt, "rename", old)))
		return r;
	dm_task_update_nodes();
	link_del_names(old_vg, old_lv);
	return link_add(lv);
}

static int status_lines(struct dm_task *dmt, char **out)
{
	uint64_t start, len;
	char *type, *params, *text = NULL;
	size_t size = 0;
	void *next = NULL;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return -ENOMEM;
	do {
		next = dm_get_next_target(dmt, next, &start, &len, &type, &params);
		if (type)
			fprintf(f, "%" PRIu64 " %" PRIu64 " %s %s\n", start, len, type,
				params ? params : "");
	} while (next);
	if (fclose(f))
		return -ENOMEM;
	*out = text;
	return 0;
}

int lv_status_text(struct cmd *cmd, const struct lv *lv, const char *layer, char **out)
{
	char name[DMNAME_LEN], uuid[DMUUID_LEN];
	struct dm_task *dmt;
	int r;

	dm_setup();
	if ((r = names(lv, layer, name, uuid)))
		return r;
	if (!(dmt = task_new(DM_DEVICE_STATUS, uuid)))
		return -ENOMEM;
	if (!dm_task_run(dmt)) {
		dm_task_destroy(dmt);
		return -ENODEV;
	}
	r = status_lines(dmt, out);
	dm_task_destroy(dmt);
	return r;
}

static int existing_dev(void *arg, struct lv *lv, char *buf, size_t len)
{
	struct lv_info info;
	int r = lv_info(arg, lv, NULL, &info);

	if (r)
		return r;
	if (!info.exists)
		return -ENODEV;
	snprintf(buf, len, "%u:%u", info.major, info.minor);
	return 0;
}

int lv_table_text(struct cmd *cmd, struct lv *lv, char **out)
{
	dm_setup();
	return build_text(cmd, lv, existing_dev, cmd, out);
}

static int event_nr(const char *uuid, uint32_t *nr)
{
	struct dm_info info;
	int r = info_uuid(uuid, &info);

	if (!r && !info.exists)
		r = -ENODEV;
	if (!r)
		*nr = info.event_nr;
	return r;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int lv_wait_event_nr(struct cmd *cmd, const struct lv *lv, const char *layer,
		     uint32_t *last, unsigned timeout_ms)
{
	char name[DMNAME_LEN], uuid[DMUUID_LEN];
	uint64_t end = now_ms() + timeout_ms;
	uint32_t nr;
	int r;

	dm_setup();
	if ((r = names(lv, layer, name, uuid)))
		return r;
	for (;;) {
		if ((r = event_nr(uuid, &nr)))
			return r;
		if (nr != *last) {
			*last = nr;
			return 0;
		}
		if (now_ms() >= end)
			return -ETIMEDOUT;
		usleep(POLL_MS * 1000);
	}
}

int lv_wait_event(struct cmd *cmd, const struct lv *lv, const char *layer, unsigned timeout_ms)
{
	char name[DMNAME_LEN], uuid[DMUUID_LEN];
	uint32_t nr;
	int r;

	dm_setup();
	if ((r = names(lv, layer, name, uuid)) || (r = event_nr(uuid, &nr)))
		return r;
	return lv_wait_event_nr(cmd, lv, layer, &nr, timeout_ms);
}
