// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pvscan --cache, --listvg, --listlvs: what udev rules and boot scripts run
 * as PVs appear.  A PV is recorded online in /run/lvm/pvs_online/PVID
 * ("MAJ:MIN", "vg:NAME", "dev:PATH" lines), the files LVM2 2.03.16 writes
 * and reads, so either tool's event activation sees the other's records.
 * A VG is complete when every one of its PVs has a file; the first command
 * to see it complete creates /run/lvm/vgs_online/VG and is the one to
 * activate it (-aay), or to tell udev (--udevoutput), so a VG is activated
 * once however many events race.  pvs_lookup/VG lists a VG's PVIDs for a
 * PV without metadata that comes later.  Messages, their "pvscan[PID]"
 * prefix and exit codes are LVM2's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cli.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "vg_io.h"

#define RUN_DIR		"/run/lvm"
#define PVS_ONLINE	RUN_DIR "/pvs_online"
#define VGS_ONLINE	RUN_DIR "/vgs_online"
#define PVS_LOOKUP	RUN_DIR "/pvs_lookup"

struct online {
	struct cmd *cmd;
	const struct args *a;
	bool cache, activate, listvg, listlvs, complete, vgonline, udev, all;
	char **done;		/* complete VGs to activate, NULL-ended */
	unsigned ndone;
};

static void say(const struct online *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* LVM2's "pvscan[PID] ..." lines (nothing with --udevoutput). */
static void say(const struct online *o, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (o->udev)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_print("pvscan[%d] %s", (int)getpid(), buf);
}

/* ---- the files ---- */

static void dirs_setup(void)
{
	mkdir(RUN_DIR, 0755);
	mkdir(PVS_ONLINE, 0755);
	mkdir(VGS_ONLINE, 0755);
	mkdir(PVS_LOOKUP, 0755);
}

static void dir_empty(const char *dir)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(dir);

	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
}

/* Create @path with @text unless it exists: 1 made, 0 there, -errno. */
static int file_new(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	size_t len = strlen(text);
	int r = 1;

	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	if (len && write(fd, text, len) != (ssize_t)len)
		r = -EIO;
	close(fd);
	return r;
}

static int pv_file_create(const struct device *dev, const char *pvid, const char *vg)
{
	char path[512], text[1024];
	int n;

	snprintf(path, sizeof(path), "%s/%s", PVS_ONLINE, pvid);
	n = snprintf(text, sizeof(text), "%u:%u\n", major(dev->devno), minor(dev->devno));
	if (vg)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "vg:%s\n", vg);
	snprintf(text + n, sizeof(text) - (size_t)n, "dev:%s\n", dev->path);
	return file_new(path, text) < 0 ? -EIO : 0;
}

static bool pv_file_exists(const char *pvid)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", PVS_ONLINE, pvid);
	return !stat(path, &st);
}

/* pvscan --cache --major M --minor N of a device that went: its record goes. */
static void pv_file_remove_devno(unsigned maj, unsigned min)
{
	char path[512], want[32], line[64];
	struct dirent *de;
	DIR *d = opendir(PVS_ONLINE);
	FILE *f;

	snprintf(want, sizeof(want), "%u:%u\n", maj, min);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", PVS_ONLINE, de->d_name);
		if (!(f = fopen(path, "re")))
			continue;
		if (fgets(line, sizeof(line), f) && !strcmp(line, want))
			unlink(path);
		fclose(f);
	}
	if (d)
		closedir(d);
}

static void lookup_write(const struct vg *vg)
{
	char path[512], *text = NULL;
	size_t len = 0;
	const struct pv *pv;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	dm_list_iterate_items(pv, &vg->pvs)
		fprintf(m, "%s\n", pv->id);
	fclose(m);
	snprintf(path, sizeof(path), "%s/%s", PVS_LOOKUP, vg->name);
	file_new(path, text ? text : "");
	free(text);
}

/* The VG whose lookup file lists @pvid, and how many of its PVs have no
 * record yet; false if no lookup file lists it. */
static bool lookup_count(const char *pvid, char *vg, size_t vglen, unsigned *offline)
{
	char path[512], line[128];
	struct dirent *de;
	DIR *d = opendir(PVS_LOOKUP);
	bool found = false;
	FILE *f;

	while (d && !found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", PVS_LOOKUP, de->d_name);
		if (!(f = fopen(path, "re")))
			continue;
		*offline = 0;
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			found |= !strcmp(line, pvid);
			*offline += *line && !pv_file_exists(line);
		}
		fclose(f);
		if (found)
			snprintf(vg, vglen, "%s", de->d_name);
	}
	if (d)
		closedir(d);
	return found;
}

static unsigned vg_offline(const struct vg *vg)
{
	const struct pv *pv;
	unsigned n = 0;

	dm_list_iterate_items(pv, &vg->pvs)
		n += !pv_file_exists(pv->id);
	return n;
}

/* ---- one PV ---- */

/* The VG as this PV's metadata has it, read without the warnings a VG
 * with PVs not there yet would give (they arrive one by one). */
static struct vg *vg_quiet_read(struct cmd *cmd, const char *name)
{
	int level = log_get_level();
	struct vg *vg;

	log_set_level(PLVM_LOG_ERR - 1);
	vg = vg_read(cmd, name, VG_READ_ALLOW_MISSING);
	log_set_level(level);
	return vg;
}

/* Is the VG to be left alone (exported, or another host's)? */
static bool vg_skipped(const struct online *o, const struct device *dev, const struct vg *vg,
		       int err)
{
	if (!vg && err == EACCES) {
		say(o, "PV %s ignore foreign VG.", dev->path);
		return true;
	}
	if (vg && (vg->status & ST_EXPORTED)) {
		say(o, "PV %s ignore exported VG.", dev->path);
		return true;
	}
	return false;
}

static int done_add(struct online *o, const char *vg)
{
	char **n = realloc(o->done, (o->ndone + 2) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	o->done = n;
	if (!(n[o->ndone] = strdup(vg)))
		return -ENOMEM;
	n[++o->ndone] = NULL;
	return 0;
}

/* -aay, --checkcomplete: is the VG complete with this PV?  -1 unknown. */
static int pv_completes(struct online *o, const struct device *dev, const char *pvid,
			const struct vg *vg, char *vgname, size_t len)
{
	unsigned offline = 0;

	if (vg) {
		offline = vg_offline(vg);
		if (dm_list_size(&vg->pvs) > 1)
			lookup_write(vg);
		snprintf(vgname, len, "%s", vg->name);
	} else if (!lookup_count(pvid, vgname, len, &offline)) {
		say(o, "PV %s online, VG unknown.", dev->path);
		return -1;
	}
	if (offline) {
		say(o, "PV %s online, VG %s incomplete (need %u).", dev->path, vgname, offline);
		return 0;
	}
	say(o, "PV %s online, VG %s is complete.", dev->path, vgname);
	return done_add(o, vgname) ? -1 : 1;
}

static void list_vg(const struct online *o, const char *vgname, int complete)
{
	char path[512];

	if (!*vgname) {
		log_print("VG unknown");
	} else if (!o->complete) {
		log_print("VG %s", vgname);
	} else if (complete > 0) {
		snprintf(path, sizeof(path), "%s/%s", VGS_ONLINE, vgname);
		if (o->vgonline && file_new(path, "") == 0)
			log_print("VG %s finished", vgname);
		else if (o->udev)
			printf("LVM_VG_NAME_COMPLETE='%s'\n", vgname);
		else
			log_print("VG %s complete", vgname);
	} else if (o->udev) {
		printf("LVM_VG_NAME_INCOMPLETE='%s'\n", vgname);
	} else {
		log_print("VG %s incomplete", vgname);
	}
}

static bool lv_uses_pv(const struct lv *lv, const struct pv *pv)
{
	const struct seg *seg;
	const struct lv *sub;

	dm_list_iterate_items(seg, &lv->segments)
		for (uint32_t s = 0; s < seg->area_count; s++)
			if (seg->areas[s].kind == PLVM_AREA_PV && seg->areas[s].u.pv.pv == pv)
				return true;
	dm_list_iterate_items(sub, &lv->vg->lvs)
		if (sub != lv && lv_holds(lv, sub) && lv_uses_pv(sub, pv))
			return true;
	return false;
}

/* Does @lv lie only on PVs that are online? */
static bool lv_online(const struct lv *lv)
{
	const struct pv *pv;

	dm_list_iterate_items(pv, &lv->vg->pvs)
		if (!pv_file_exists(pv->id) && lv_uses_pv(lv, pv))
			return false;
	return true;
}

static void list_lvs(const struct online *o, struct vg *vg, const char *pvid, int complete)
{
	const struct pv *pv = find_pv_by_id(vg, pvid);
	const struct lv *lv;

	dm_list_iterate_items(lv, &vg->lvs) {
		if (!pv || !tl_lv_visible(o->cmd, lv) || !lv_uses_pv(lv, pv))
			continue;
		if (!o->complete)
			log_print("LV %s/%s", vg->name, lv->name);
		else
			log_print("LV %s/%s %s", vg->name, lv->name,
				  complete > 0 || lv_online(lv) ? "complete" : "incomplete");
	}
}

/* Record @dev online and say what the options ask. */
static int pv_online(struct online *o, const struct device *dev, const struct pv_info *pi)
{
	char vgname[256] = "";
	struct vg *vg = NULL;
	int complete = 0, err = 0;

	if (pi->vg_name) {
		vg = vg_quiet_read(o->cmd, pi->vg_name);
		err = vg ? 0 : errno;
		if (vg_skipped(o, dev, vg, err))
			goto out;
		if (!vg)
			return EFAILED;
	} else if (pi->mda_count) {
		say(o, "PV %s not used.", dev->path);
		return ECMD_OK;
	} else {
		say(o, "PV %s has no VG metadata.", dev->path);
	}
	if (o->cache && pv_file_create(dev, pi->pvid, vg ? vg->name : NULL)) {
		say(o, "PV %s failed to create online file.", dev->path);
		goto out;
	}
	if (!o->activate && !o->listvg && !o->listlvs) {
		say(o, "PV %s online.", dev->path);
		goto out;
	}
	if (o->activate || o->complete)
		complete = pv_completes(o, dev, pi->pvid, vg, vgname, sizeof(vgname));
	if (!*vgname && vg)
		snprintf(vgname, sizeof(vgname), "%s", vg->name);
	if (o->listvg || o->listlvs)
		list_vg(o, vgname, complete);
	if (o->listlvs && !vg)
		say(o, "Cannot list LVs from device without metadata.");
	else if (o->listlvs)
		list_lvs(o, vg, pi->pvid, complete);
out:
	if (vg)
		vg_free(vg);
	return ECMD_OK;
}

/* ---- the arguments ---- */

static int online_dev(struct online *o, const struct device *dev)
{
	const struct pv_info *pi = pv_info_find(o->cmd, dev->path);

	if (!pi) {
		if (!o->all)
			say(o, "%s not an lvm device.", dev->path);
		return ECMD_OK;
	}
	return pv_online(o, dev, pi);
}

static struct device *dev_by_number(struct cmd *cmd, unsigned maj, unsigned min)
{
	struct device *dev = NULL;

	while ((dev = dev_next(cmd, dev)))
		if (dev->devno == makedev(maj, min))
			return dev;
	return NULL;
}

/* Does a filter accept devices by a link name (LVM2 then looks at every
 * device, and says so)? */
static bool filter_uses_links(const struct cmd *cmd, const char *path)
{
	static const char *const marks[] = {
		"/dev/disk/", "/dev/mapper/", "lvm-pv-uuid", "dm-uuid", "wwn-",
	};
	const char *const *v = NULL;
	int n = config_str_list(cmd->cfg, path, &v);

	for (int i = 0; i < n; i++)
		for (size_t m = 0; v[i][0] == 'a' && m < sizeof(marks) / sizeof(marks[0]); m++)
			if (strstr(v[i], marks[m]))
				return true;
	return false;
}

static void say_link_filter(const struct online *o)
{
	const struct cmd *cmd = o->cmd;

	if (!cmd->devfile && !cmd->only_devices &&
	    (filter_uses_links(cmd, "devices/filter") ||
	     filter_uses_links(cmd, "devices/global_filter")))
		say(o, "finding all devices for filter symlinks.");
}

static int online_arg(struct online *o, const char *arg)
{
	struct device *dev = dev_get(o->cmd, arg);
	unsigned maj, min;
	struct stat st;

	if (!dev && sscanf(arg, "%u:%u", &maj, &min) == 2 && !strchr(arg, '/'))
		dev = dev_by_number(o->cmd, maj, min);
	if (dev)
		return online_dev(o, dev);
	if (stat(arg, &st)) {
		log_error("Cannot access device %s for 0:0.", arg);
		if (!o->udev)
			log_error("pvscan[%d] No device set up for arg %s 0:0", (int)getpid(), arg);
	} else {
		say(o, "%s excluded: device is rejected by filter config.", arg);
	}
	return ECMD_OK;
}

static int online_devno(struct online *o)
{
	uint64_t maj = 0, min = 0;
	struct device *dev;

	if (arg_uint64(o->a, OPT_MAJOR, 0, &maj) || arg_uint64(o->a, OPT_MINOR, 0, &min))
		return EINVALID;
	if ((dev = dev_by_number(o->cmd, (unsigned)maj, (unsigned)min)))
		return online_dev(o, dev);
	pv_file_remove_devno((unsigned)maj, (unsigned)min);	/* the device went */
	return ECMD_OK;
}

static int online_all(struct online *o)
{
	struct device **all, **d;
	int r = ECMD_OK;

	dir_empty(PVS_ONLINE);
	dir_empty(VGS_ONLINE);
	dir_empty(PVS_LOOKUP);
	if (!(all = tl_devs_lvm2_order(o->cmd)))
		return EFAILED;
	for (d = all; *d && !r; d++)
		r = online_dev(o, *d);
	free(all);
	return r;
}

/* -aay: each VG these PVs completed, activated by the first to claim it. */
static int autoactivate(struct online *o)
{
	char path[512];
	struct vg *vg;
	int r = ECMD_OK;

	for (unsigned i = 0; i < o->ndone; i++) {
		snprintf(path, sizeof(path), "%s/%s", VGS_ONLINE, o->done[i]);
		if (file_new(path, "") == 0) {
			say(o, "VG %s skip autoactivation.", o->done[i]);
			continue;
		}
		say(o, "VG %s run autoactivation.", o->done[i]);
		if (!(vg = tl_vg_read(o->cmd, o->done[i], VG_READ_ALLOW_MISSING)) ||
		    vg_autoactivate(o->cmd, o->a, vg)) {
			log_error("%s: autoactivation failed.", o->done[i]);
			r = EFAILED;
		}
		if (vg)
			vg_free(vg);
	}
	return r;
}

/* ---- the command line: LVM2's forms of pvscan --cache ---- */

static int not_accepted(const char *what)
{
	log_error("Command does not accept option: %s.", what);
	return EINVALID;
}

static int online_opts(struct online *o)
{
	const char *act = arg_str(o->a, OPT_ACTIVATE, NULL);
	char buf[64];

	if (!o->cache && !o->listvg && !o->listlvs) {
		log_error("No command with matching syntax recognised.  Run 'pvscan --help' for "
			  "more information.");
		return EINVALID;
	}
	if (act && strcmp(act, "ay")) {
		snprintf(buf, sizeof(buf), "--activate %s", act);
		return not_accepted(buf);
	}
	if (arg_is_set(o->a, OPT_AUTOACTIVATION) && !o->activate && !o->listvg) {
		snprintf(buf, sizeof(buf), "--autoactivation %s",
			 arg_str(o->a, OPT_AUTOACTIVATION, ""));
		return not_accepted(buf);
	}
	if (!o->listvg && !o->listlvs) {
		if (o->complete)
			return not_accepted("--checkcomplete");
		if (o->vgonline)
			return not_accepted("--vgonline");
		if (o->udev)
			return not_accepted("--udevoutput");
	}
	if (o->listlvs && o->udev)
		return not_accepted("--udevoutput");
	if (arg_is_set(o->a, OPT_MAJOR) != arg_is_set(o->a, OPT_MINOR)) {
		log_error("Both --major and --minor required to identify devices.");
		log_error("Run `pvscan --help' for more information.");
		return EINVALID;
	}
	return ECMD_OK;
}

/* Whether to go on: event activation off, or an autoactivation value
 * that is not "event", stop the command (exit 0) as LVM2's does. */
static bool online_wanted(struct online *o, bool event)
{
	const char *aa = arg_str(o->a, OPT_AUTOACTIVATION, NULL);

	if (o->activate && !event)
		return false;
	if (o->complete && !event) {
		if (o->udev)
			printf("LVM_EVENT_ACTIVATION=0\n");
		else
			say(o, "Ignoring pvscan with --checkcomplete because event_activation "
			       "is disabled.");
		return false;
	}
	if (o->all)
		return true;
	if (!o->complete && !event)
		return false;
	if (aa && strcmp(aa, "event")) {
		say(o, "Skip pvscan for unknown autoactivation value.");
		return false;
	}
	if (aa && !event) {
		say(o, "Skip pvscan for event with event_activation=0.");
		return false;
	}
	return true;
}

static int online_run(struct online *o)
{
	int r, i;

	if ((r = tl_scan(o->cmd)))
		return r;
	dirs_setup();
	if (!o->all)
		say_link_filter(o);
	if (o->all)
		r = online_all(o);
	else if (arg_is_set(o->a, OPT_MAJOR))
		r = online_devno(o);
	for (i = 0; !o->all && i < o->a->argc && !r; i++)
		r = online_arg(o, o->a->argv[i]);
	if (!r && o->activate)
		r = autoactivate(o);
	return r;
}

bool pvscan_online_form(const struct args *a)
{
	static const enum opt_id only[] = {
		OPT_ACTIVATE, OPT_AUTOACTIVATION, OPT_MAJOR, OPT_MINOR, OPT_CHECKCOMPLETE,
		OPT_VGONLINE, OPT_UDEVOUTPUT,
	};

	if (arg_is_set(a, OPT_CACHE) || arg_is_set(a, OPT_LISTVG) || arg_is_set(a, OPT_LISTLVS))
		return true;
	for (size_t i = 0; i < sizeof(only) / sizeof(only[0]); i++)
		if (arg_is_set(a, only[i]))
			return true;	/* refused by online_opts */
	return false;
}

int pvscan_online(struct cmd *cmd, const struct args *a)
{
	struct online o = {
		.cmd = cmd, .a = a, .cache = arg_is_set(a, OPT_CACHE),
		.activate = arg_is_set(a, OPT_ACTIVATE), .listvg = arg_is_set(a, OPT_LISTVG),
		.listlvs = arg_is_set(a, OPT_LISTLVS), .complete = arg_is_set(a, OPT_CHECKCOMPLETE),
		.vgonline = arg_is_set(a, OPT_VGONLINE), .udev = arg_is_set(a, OPT_UDEVOUTPUT),
	};
	int r;

	if (o.udev)		/* udev reads KEY=value lines: nothing else may print */
		log_set_level(PLVM_LOG_ERR - 1);
	if ((r = online_opts(&o)))
		return r;
	o.all = !a->argc && !arg_is_set(a, OPT_MAJOR);
	if (!online_wanted(&o, config_int(cmd->cfg, "global/event_activation", 1) != 0))
		return ECMD_OK;
	r = online_run(&o);
	for (unsigned i = 0; i < o.ndone; i++)
		free(o.done[i]);
	free(o.done);
	return r;
}

void vg_online_forget(const char *vg)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", VGS_ONLINE, vg);
	unlink(path);
}
