/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device discovery, filtering and I/O.
 *
 * Without udev (DM_DISABLE_UDEV set, or no udev control socket) the list
 * comes from /sys/block and its partitions; device-mapper devices are named
 * /dev/mapper/NAME.  With udev, libudev enumerates the block subsystem.
 * LVs (dm uuid "LVM-...") are skipped unless devices/scan_lvs is set.
 *
 * Filters are LVM2's: each entry is "a" or "r", a delimiter character, a
 * regular expression and the same delimiter.  For each device the entries
 * are tried in order against all its names; the first entry that matches
 * any name decides, and a device no entry matches is accepted.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/fs.h>

#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "devfile.h"
#include "log.h"

#define SYS_BLOCK	"/sys/block"
#define UDEV_CONTROL	"/run/udev/control"

struct filter_rule {
	bool accept;
	regex_t re;
};

struct filter {
	unsigned count;
	struct filter_rule *rules;
};

struct dev_entry {
	struct device dev;		/* first: dev_entry and device convert */
	char *alias;			/* the kernel name /dev/NAME, or NULL */
};

struct dev_cache {
	struct dm_list devs;		/* struct device (dev_entry) */
	bool scanned;
	bool filters_ready;
	bool filters_ignored;		/* said so (a devices file is in use) */
	bool scanning;			/* in dev_scan: say it when the scan is done */
	bool notice_due;
	struct filter global, local;
};

/* ---------------------------------------------------------------- filters */

static int rule_parse(const char *s, struct filter_rule *rule)
{
	char delim, *re;
	size_t len;
	int r;

	if ((s[0] != 'a' && s[0] != 'r') || !s[1])
		goto bad;
	delim = s[1];
	len = strlen(s + 2);
	if (!len || s[2 + len - 1] != delim)
		goto bad;
	if (!(re = strndup(s + 2, len - 1)))
		return -ENOMEM;
	r = regcomp(&rule->re, re, REG_EXTENDED | REG_NOSUB);
	free(re);
	if (r)
		goto bad;
	rule->accept = s[0] == 'a';
	return 0;
bad:
	log_error("Invalid filter pattern \"%s\".", s);
	return -EINVAL;
}

static void filter_free(struct filter *f)
{
	for (unsigned i = 0; i < f->count; i++)
		regfree(&f->rules[i].re);
	free(f->rules);
	f->rules = NULL;
	f->count = 0;
}

static int filter_load(struct cmd *cmd, const char *path, struct filter *f)
{
	const char *const *list = NULL;
	int n = cmd->cfg ? config_str_list(cmd->cfg, path, &list) : 0;
	int r;

	if (n <= 0 || !list)
		return 0;
	if (!(f->rules = calloc(n, sizeof(*f->rules))))
		return -ENOMEM;
	for (int i = 0; i < n && list[i]; i++) {
		if ((r = rule_parse(list[i], &f->rules[f->count]))) {
			filter_free(f);
			return r;
		}
		f->count++;
	}
	return 0;
}

/* 1 accept, 0 reject, -1 no rule matched. */
static int filter_match(const struct filter *f, const char *const *names)
{
	for (unsigned i = 0; i < f->count; i++)
		for (const char *const *n = names; *n; n++)
			if (!regexec(&f->rules[i].re, *n, 0, NULL, 0))
				return f->rules[i].accept;
	return -1;
}

static struct dev_cache *cache_get(struct cmd *cmd)
{
	if (!cmd->devs) {
		cmd->devs = calloc(1, sizeof(*cmd->devs));
		if (!cmd->devs)
			return NULL;
		dm_list_init(&cmd->devs->devs);
	}
	return cmd->devs;
}

static int filters_init(struct cmd *cmd, struct dev_cache *dc)
{
	int r;

	if (dc->filters_ready)
		return 0;
	if ((r = filter_load(cmd, "devices/global_filter", &dc->global)) ||
	    (r = filter_load(cmd, "devices/filter", &dc->local)))
		return r;
	dc->filters_ready = true;
	return 0;
}

/* With a devices file the filters are not used: said once, as LVM2 does. */
static void filters_notice(struct dev_cache *dc)
{
	dc->notice_due = false;
	if (dc->local.count)
		log_warn("Please remove the lvm.conf filter, it is ignored with the devices file.");
	if (dc->global.count)
		log_warn("Please remove the lvm.conf global_filter, it is ignored with the devices "
			 "file.");
}

static void filters_ignore(struct dev_cache *dc)
{
	if (dc->filters_ignored)
		return;
	dc->filters_ignored = true;
	if (dc->scanning)
		dc->notice_due = true;
	else
		filters_notice(dc);
}

static bool names_pass(struct cmd *cmd, const char *const *names)
{
	struct dev_cache *dc = cache_get(cmd);

	if (!dc || filters_init(cmd, dc))
		return false;
	if (cmd->devfile) {
		filters_ignore(dc);
		return true;
	}
	return filter_match(&dc->global, names) != 0 && filter_match(&dc->local, names) != 0;
}

/* Is @want (a path given to --devices) the device @devno at @path?  A block
 * device matches by number, a regular file by its resolved path. */
static bool same_dev(const char *want, dev_t devno, const char *path)
{
	char a[PATH_MAX], b[PATH_MAX];
	struct stat st;

	if (stat(want, &st))
		return false;
	if (S_ISBLK(st.st_mode))
		return devno && st.st_rdev == devno;
	return !devno && realpath(want, a) && realpath(path, b) && !strcmp(a, b);
}

/* With --devices (cmd->only_devices), only the devices it names exist;
 * with a devices file, only those its entries name. */
static bool dev_listed(const struct cmd *cmd, dev_t devno, const char *path)
{
	const char *const *p;

	if (cmd->devfile && !devfile_has(cmd->devfile, devno, path))
		return false;
	if (!cmd->only_devices)
		return true;
	for (p = cmd->only_devices; *p; p++)
		if (same_dev(*p, devno, path))
			return true;
	return false;
}

bool dev_passes_filter(struct cmd *cmd, const char *path)
{
	const char *names[] = { path, NULL };
	struct stat st;
	dev_t devno = !stat(path, &st) && S_ISBLK(st.st_mode) ? st.st_rdev : 0;

	return names_pass(cmd, names) && dev_listed(cmd, devno, path);
}

static bool entry_passes(struct cmd *cmd, const struct dev_entry *e)
{
	const char *names[] = { e->dev.path, e->alias, NULL };

	return names_pass(cmd, names) && dev_listed(cmd, e->dev.devno, e->dev.path);
}

/* ---------------------------------------------------------------- devices */

static struct dev_entry *entry_new(const char *path, const char *alias, dev_t devno,
				   uint64_t size)
{
	struct dev_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->dev.path = strdup(path);
	e->alias = alias ? strdup(alias) : NULL;
	if (!e->dev.path || (alias && !e->alias)) {
		free((char *)e->dev.path);
		free(e->alias);
		free(e);
		return NULL;
	}
	e->dev.devno = devno;
	e->dev.size = size;
	e->dev.fd = -1;
	return e;
}

void dev_free(struct device *dev)
{
	struct dev_entry *e = (struct dev_entry *)dev;

	if (!dev)
		return;
	dev_close(dev);
	free((char *)dev->path);
	free(e->alias);
	free(e);
}

static struct dev_entry *find_entry(struct dev_cache *dc, const char *path, dev_t devno)
{
	struct device *d;

	dm_list_iterate_items(d, &dc->devs) {
		struct dev_entry *e = (struct dev_entry *)d;

		if (!strcmp(d->path, path) || (e->alias && !strcmp(e->alias, path)))
			return e;
		if (devno && d->devno == devno)
			return e;
	}
	return NULL;
}

static int add_entry(struct cmd *cmd, struct dev_cache *dc, const char *path, const char *alias,
		     dev_t devno, uint64_t size)
{
	struct dev_entry *e;

	if (find_entry(dc, path, devno))
		return 0;
	if (!(e = entry_new(path, alias, devno, size)))
		return -ENOMEM;
	if (!entry_passes(cmd, e)) {
		log_debug("%s: skipped by filter.", path);
		dev_free(&e->dev);
		return 0;
	}
	dm_list_add(&dc->devs, &e->dev.list);
	return 0;
}

/* Read a one-line sysfs attribute into @buf (newline stripped): one
 * open, read and close, as every block device is looked at this way. */
static int sysfs_read(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static bool dm_is_lv(const char *sysdir)
{
	char uuid[256];

	return !sysfs_read(sysdir, "dm/uuid", uuid, sizeof(uuid)) && !strncmp(uuid, "LVM-", 4);
}

/* The path to list for kernel device @name: /dev/mapper/X for dm devices. */
static void dev_path_for(const char *sysdir, const char *name, char *path, size_t len)
{
	char dmname[256];
	struct stat st;

	if (!strncmp(name, "dm-", 3) && !sysfs_read(sysdir, "dm/name", dmname, sizeof(dmname))) {
		snprintf(path, len, "/dev/mapper/%s", dmname);
		if (!stat(path, &st))
			return;
	}
	snprintf(path, len, "/dev/%s", name);
}

/* The size in sectors of the device at @sysdir, 0 if empty or unknown. */
static uint64_t sys_size(const char *sysdir)
{
	char buf[64];

	return sysfs_read(sysdir, "size", buf, sizeof(buf)) ? 0 : strtoull(buf, NULL, 10);
}

/* The device at @sysdir of @size sectors (sys_size()). */
static int sys_add_one(struct cmd *cmd, struct dev_cache *dc, const char *sysdir,
		       const char *name, uint64_t size)
{
	char buf[64], path[PATH_MAX], alias[PATH_MAX];
	unsigned maj, min;

	if (!size || sysfs_read(sysdir, "dev", buf, sizeof(buf)) ||
	    sscanf(buf, "%u:%u", &maj, &min) != 2)
		return 0;
	if (!strncmp(name, "dm-", 3) && dm_is_lv(sysdir) &&
	    !(cmd->cfg && config_int(cmd->cfg, "devices/scan_lvs", 0)))
		return 0;
	dev_path_for(sysdir, name, path, sizeof(path));
	snprintf(alias, sizeof(alias), "/dev/%s", name);
	return add_entry(cmd, dc, path, strcmp(path, alias) ? alias : NULL,
			 makedev(maj, min), size);
}

/* A disk and its partitions (subdirectories with a "partition" file).
 * An empty disk (an unbound loop device) has none, nor has a dm device
 * (kpartx makes partitions of those as dm devices of their own). */
static int sys_add_disk(struct cmd *cmd, struct dev_cache *dc, const char *name)
{
	char dir[PATH_MAX], sub[PATH_MAX], tmp[16];
	struct dirent *de;
	uint64_t size;
	DIR *d;
	int r;

	snprintf(dir, sizeof(dir), "%s/%s", SYS_BLOCK, name);
	size = sys_size(dir);
	if ((r = sys_add_one(cmd, dc, dir, name, size)))
		return r;
	if (!size || !strncmp(name, "dm-", 3) || !(d = opendir(dir)))
		return 0;
	while (!r && (de = readdir(d))) {
		if (strncmp(de->d_name, name, strlen(name)))
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name) >= (int)sizeof(sub))
			continue;
		if (!sysfs_read(sub, "partition", tmp, sizeof(tmp)))
			r = sys_add_one(cmd, dc, sub, de->d_name, sys_size(sub));
	}
	closedir(d);
	return r;
}

static int scan_sysfs(struct cmd *cmd, struct dev_cache *dc)
{
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (!(d = opendir(SYS_BLOCK))) {
		log_error("Cannot list %s: %s.", SYS_BLOCK, strerror(errno));
		return -errno;
	}
	while (!r && (de = readdir(d)))
		if (de->d_name[0] != '.')
			r = sys_add_disk(cmd, dc, de->d_name);
	closedir(d);
	return r;
}

static int udev_add_one(struct cmd *cmd, struct dev_cache *dc, struct udev_device *ud)
{
	const char *node = udev_device_get_devnode(ud);
	const char *sysname = udev_device_get_sysname(ud);
	const char *syspath = udev_device_get_syspath(ud);

	if (!node || !sysname || !syspath)
		return 0;
	return sys_add_one(cmd, dc, syspath, sysname, sys_size(syspath));
}

static int scan_udev(struct cmd *cmd, struct dev_cache *dc)
{
	struct udev *udev = udev_new();
	struct udev_enumerate *en = NULL;
	struct udev_list_entry *le;
	int r = -ENOMEM;

	if (!udev || !(en = udev_enumerate_new(udev)))
		goto out;
	if (udev_enumerate_add_match_subsystem(en, "block") < 0 ||
	    udev_enumerate_scan_devices(en) < 0) {
		r = -EIO;
		goto out;
	}
	r = 0;
	udev_list_entry_foreach(le, udev_enumerate_get_list_entry(en)) {
		struct udev_device *ud;

		if (r)
			break;
		ud = udev_device_new_from_syspath(udev, udev_list_entry_get_name(le));
		if (!ud)
			continue;
		r = udev_add_one(cmd, dc, ud);
		udev_device_unref(ud);
	}
out:
	if (en)
		udev_enumerate_unref(en);
	if (udev)
		udev_unref(udev);
	return r;
}

static bool udev_running(void)
{
	const char *dis = getenv("DM_DISABLE_UDEV");

	if (dis && *dis && strcmp(dis, "0"))
		return false;
	return access(UDEV_CONTROL, F_OK) == 0;
}

int dev_scan(struct cmd *cmd)
{
	struct dev_cache *dc = cache_get(cmd);
	int r;

	if (!dc)
		return -ENOMEM;
	if (dc->scanned)
		return 0;
	if ((r = filters_init(cmd, dc)))
		return r;
	dc->scanning = true;
	r = udev_running() ? scan_udev(cmd, dc) : scan_sysfs(cmd, dc);
	dc->scanning = false;
	if (!r)
		dc->scanned = true;
	/* LVM2's order: entries that found no device, the filters, wrong PVIDs */
	if (!r && cmd->devfile && cmd->devfile_missing)
		devfile_report_missing(cmd->devfile);
	if (dc->notice_due)
		filters_notice(dc);
	if (!r && cmd->devfile)
		devfile_report_wrong(cmd->devfile);
	return r;
}

static int size_of(int fd, const struct stat *st, uint64_t *sectors)
{
	uint64_t bytes;

	if (S_ISREG(st->st_mode)) {
		*sectors = (uint64_t)st->st_size >> 9;
		return 0;
	}
	if (ioctl(fd, BLKGETSIZE64, &bytes) < 0)
		return -errno;
	*sectors = bytes >> 9;
	return 0;
}

/* A device for @path straight from the file system, outside any list. */
static struct dev_entry *entry_from_path(const char *path)
{
	struct dev_entry *e;
	struct stat st;
	uint64_t size = 0;
	int fd, r;

	if (stat(path, &st) < 0)
		return NULL;
	if (!S_ISBLK(st.st_mode) && !S_ISREG(st.st_mode)) {
		errno = ENODEV;
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	r = size_of(fd, &st, &size);
	close(fd);
	if (r) {
		errno = -r;
		return NULL;
	}
	if (!(e = entry_new(path, NULL, S_ISBLK(st.st_mode) ? st.st_rdev : 0, size)))
		errno = ENOMEM;
	return e;
}

struct device *dev_get(struct cmd *cmd, const char *path)
{
	struct dev_cache *dc = cache_get(cmd);
	struct dev_entry *e;
	struct stat st;

	if (!dc) {
		errno = ENOMEM;
		return NULL;
	}
	if (filters_init(cmd, dc)) {
		errno = EINVAL;
		return NULL;
	}
	if ((e = find_entry(dc, path, 0)))
		return &e->dev;
	if (!stat(path, &st) && S_ISBLK(st.st_mode) && (e = find_entry(dc, path, st.st_rdev)))
		return &e->dev;
	if (!(e = entry_from_path(path)))
		return NULL;
	if (!entry_passes(cmd, e)) {
		log_verbose("%s: excluded by a filter.", path);
		dev_free(&e->dev);
		errno = ENXIO;
		return NULL;
	}
	dm_list_add(&dc->devs, &e->dev.list);
	return &e->dev;
}

struct device *dev_next(struct cmd *cmd, struct device *prev)
{
	struct dm_list *head, *next;

	if (!cmd->devs)
		return NULL;
	head = &cmd->devs->devs;
	next = prev ? dm_list_next(head, &prev->list) : dm_list_first(head);
	return next ? dm_list_item(next, struct device) : NULL;
}

void dev_cache_destroy(struct cmd *cmd)
{
	struct dev_cache *dc = cmd->devs;
	struct device *d, *tmp;

	if (!dc)
		return;
	dm_list_iterate_items_safe(d, tmp, &dc->devs) {
		dm_list_del(&d->list);
		dev_free(d);
	}
	filter_free(&dc->global);
	filter_free(&dc->local);
	free(dc);
	cmd->devs = NULL;
}

/* ---------------------------------------------------------------- I/O */

int dev_open(struct device *dev, bool write)
{
	int fd;

	if (dev->fd >= 0 && (dev->writable || !write))
		return 0;
	fd = open(dev->path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0) {
		int r = -errno;

		log_debug("%s: open failed: %s.", dev->path, strerror(errno));
		return r;
	}
	dev_close(dev);
	dev->fd = fd;
	dev->writable = write;
	return 0;
}

void dev_close(struct device *dev)
{
	if (dev->fd >= 0)
		close(dev->fd);
	dev->fd = -1;
	dev->writable = false;
}

int dev_read(struct device *dev, uint64_t offset, size_t len, void *buf)
{
	char *p = buf;
	int r;

	if ((r = dev_open(dev, false)))
		return r;
	while (len) {
		ssize_t n = pread(dev->fd, p, len, (off_t)offset);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_debug("%s: read at %ju failed.", dev->path, (uintmax_t)offset);
			return n < 0 ? -errno : -EIO;
		}
		p += n;
		offset += n;
		len -= n;
	}
	return 0;
}

int dev_write(struct device *dev, uint64_t offset, size_t len, const void *buf)
{
	const char *p = buf;
	int r;

	if ((r = dev_open(dev, true)))
		return r;
	while (len) {
		ssize_t n = pwrite(dev->fd, p, len, (off_t)offset);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("%s: write at %ju failed: %s.", dev->path, (uintmax_t)offset,
				  n < 0 ? strerror(errno) : "short write");
			return n < 0 ? -errno : -EIO;
		}
		p += n;
		offset += n;
		len -= n;
	}
	return 0;
}

int dev_flush(struct device *dev)
{
	if (dev->fd < 0)
		return 0;
	if (fsync(dev->fd) < 0) {
		log_error("%s: flush failed: %s.", dev->path, strerror(errno));
		return -errno;
	}
	return 0;
}

struct device *dev_open_file(const char *path, bool write)
{
	struct dev_entry *e = entry_from_path(path);
	int r;

	if (!e)
		return NULL;
	if ((r = dev_open(&e->dev, write))) {
		dev_free(&e->dev);
		errno = -r;
		return NULL;
	}
	return &e->dev;
}
