/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Devices files.  An entry's IDNAME is what sysfs says of the device for
 * its IDTYPE (spaces and unprintable bytes as '_'), or for devname a path
 * to the device.  A new entry gets the first IDTYPE the device has of:
 * the uuid of a multipath, crypt or LVM device-mapper device, a loop
 * device's backing file, an md device's uuid, sys_wwid, sys_serial, and
 * devname.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "devfile.h"
#include "log.h"
#include "model.h"
#include "ondisk.h"

#define DEVICES_DIR	"devices"
#define DEFAULT_FILE	"system.devices"

struct df_entry {
	char *idtype, *idname, *devname, *pvid, *part;
	bool found;			/* a device of the scan is this entry's */
	bool wrong;			/* the device it named holds another PVID: */
	char *wrong_dev, *wrong_pvid;	/* that device and its PVID (NULL: none) */
};

struct devfile {
	char *path;
	char *systemid;			/* a SYSTEMID= line, kept as it was */
	unsigned version[3];
	bool has_version;		/* it had a VERSION line */
	struct df_entry *e;
	unsigned n;
	bool dirty;
	const char *const *allowed;	/* devfile_allow() */
	int nallowed;
};

/* what sysfs holds for the IDTYPEs read from there */
static const struct {
	const char *idtype;
	const char *attr[2];		/* under /sys/dev/block/MAJ:MIN/ */
	const char *prefix;		/* the value must start so */
} sys_ids[] = {
	{ "mpath_uuid", { "dm/uuid" }, "mpath-" },
	{ "crypt_uuid", { "dm/uuid" }, "CRYPT-" },
	{ "lvmlv_uuid", { "dm/uuid" }, "LVM-" },
	{ "loop_file", { "loop/backing_file" }, NULL },
	{ "md_uuid", { "md/uuid" }, NULL },
	{ "sys_wwid", { "device/wwid", "wwid" }, NULL },
	{ "sys_serial", { "device/serial" }, NULL },
};
#define NSYS (sizeof(sys_ids) / sizeof(sys_ids[0]))

bool devfile_name_is_valid(const char *name)
{
	return name_is_valid(name);
}

static void entry_free(struct df_entry *e)
{
	free(e->idtype);
	free(e->idname);
	free(e->devname);
	free(e->pvid);
	free(e->part);
	free(e->wrong_dev);
	free(e->wrong_pvid);
}

void devfile_free(struct devfile *df)
{
	unsigned i;

	if (!df)
		return;
	for (i = 0; i < df->n; i++)
		entry_free(&df->e[i]);
	free(df->e);
	free(df->systemid);
	free(df->path);
	free(df);
}

/* ---- sysfs ids */

/* The value of sysfs attribute @attr of @devno in @buf: trimmed, spaces
 * and unprintable bytes as '_'.  false when there is none. */
static bool sys_attr(dev_t devno, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/%s", major(devno), minor(devno), attr);
	if (!(f = fopen(path, "re")))
		return false;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	while (n && isspace((unsigned char)buf[n - 1]))
		n--;
	buf[n] = 0;
	for (char *c = buf; *c; c++)
		if (!isgraph((unsigned char)*c))
			*c = '_';
	return n > 0;
}

/* The IDNAME sys_ids[@i] gives @devno, in @buf; false when it has none. */
static bool sys_id(unsigned i, dev_t devno, char *buf, size_t len)
{
	unsigned a;

	if (!devno)
		return false;
	for (a = 0; a < 2 && sys_ids[i].attr[a]; a++)
		if (sys_attr(devno, sys_ids[i].attr[a], buf, len))
			return !sys_ids[i].prefix ||
			       !strncmp(buf, sys_ids[i].prefix, strlen(sys_ids[i].prefix));
	return false;
}

static bool devname_is(const char *name, dev_t devno, const char *path)
{
	struct stat st;

	if (!strcmp(name, path))
		return true;
	return devno && !stat(name, &st) && S_ISBLK(st.st_mode) && st.st_rdev == devno;
}

static bool entry_is(const struct df_entry *e, dev_t devno, const char *path)
{
	char buf[PATH_MAX];
	unsigned i;

	if (!e->idname || e->wrong)
		return false;
	if (!strcmp(e->idtype, "devname"))
		return devname_is(e->idname, devno, path);
	for (i = 0; i < NSYS; i++)
		if (!strcmp(e->idtype, sys_ids[i].idtype))
			return sys_id(i, devno, buf, sizeof(buf)) && !strcmp(buf, e->idname);
	return false;	/* an IDTYPE plvm does not know names no device */
}

void devfile_allow(struct devfile *df, const char *const *paths, int n)
{
	df->allowed = paths;
	df->nallowed = n;
}

/* The PVID of the label at @path, in @pvid; false when it has none. */
static bool label_pvid(const char *path, char pvid[33])
{
	char buf[LABEL_SCAN_SECTORS * LABEL_SIZE];
	struct pv_label l;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	*pvid = 0;
	if (fd < 0)
		return false;
	n = pread(fd, buf, sizeof(buf), 0);
	close(fd);
	if (n != (ssize_t)sizeof(buf) || label_parse(buf, sizeof(buf), &l))
		return false;
	memcpy(pvid, l.pvid, 33);
	return true;
}

/* An entry with a PVID names the device only if the device's label has that
 * PVID; else, as LVM2, it is said, the entry loses its IDNAME (the file is
 * written back) and the device is not used through it. */
static bool pvid_agrees(struct devfile *df, struct df_entry *e, const char *path)
{
	char pvid[33];

	if (!e->pvid)
		return true;
	if (label_pvid(path, pvid) && !strcmp(pvid, e->pvid))
		return true;
	e->wrong = true;		/* said when the scan is done, as LVM2 */
	df->dirty = df->dirty || df->has_version;	/* LVM2 leaves one without VERSION */
	e->wrong_dev = strdup(path);
	e->wrong_pvid = *pvid ? strdup(pvid) : NULL;
	free(e->idname);
	e->idname = NULL;
	return false;
}

bool devfile_has(struct devfile *df, dev_t devno, const char *path)
{
	unsigned i;
	int k;

	for (i = 0; i < df->n; i++) {
		struct df_entry *e = &df->e[i];

		if (entry_is(e, devno, path) && pvid_agrees(df, e, path)) {
			e->found = true;
			return true;
		}
	}
	for (k = 0; k < df->nallowed; k++)
		if (devname_is(df->allowed[k], devno, path))
			return true;
	return false;
}

/* ---- reading */

/* The value of "KEY=value" in @line, or NULL (a value "." is none). */
static char *field(const char *line, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || isspace((unsigned char)p[-1])) && p[klen] == '=') {
			p += klen + 1;
			n = strcspn(p, " \t\r\n");
			return n && !(n == 1 && *p == '.') ? strndup(p, n) : NULL;
		}
		p += klen;
	}
	return NULL;
}

static int add_line(struct devfile *df, const char *line)
{
	struct df_entry e = { .idtype = field(line, "IDTYPE"), .idname = field(line, "IDNAME"),
			      .devname = field(line, "DEVNAME"), .pvid = field(line, "PVID"),
			      .part = field(line, "PART") };
	struct df_entry *more;

	if (!e.idtype) {	/* not an entry; one without IDNAME is kept, naming nothing */
		entry_free(&e);
		return 0;
	}
	if (!(more = realloc(df->e, (df->n + 1) * sizeof(*more)))) {
		entry_free(&e);
		return -ENOMEM;
	}
	df->e = more;
	df->e[df->n++] = e;
	return 0;
}

static int read_lines(struct devfile *df, FILE *f)
{
	char line[PATH_MAX * 2 + 256];
	int r = 0;

	while (!r && fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		if (!strncmp(line, "VERSION=", 8))
			df->has_version = sscanf(line + 8, "%u.%u.%u", &df->version[0],
						 &df->version[1], &df->version[2]) == 3;
		else if (!strncmp(line, "SYSTEMID=", 9))
			r = (df->systemid = strndup(line + 9, strcspn(line + 9, "\r\n"))) ? 0 :
			    -ENOMEM;
		else
			r = add_line(df, line);
	}
	return r;
}

/* The devices file's name, from @name or the configuration; NULL: none. */
static const char *file_name(struct cmd *cmd, const char *name, int *err)
{
	*err = 0;
	if (name)
		return *name ? name : NULL;
	if (!config_int(cmd->cfg, "devices/use_devicesfile", 0))
		return NULL;
	name = config_str(cmd->cfg, "devices/devicesfile", DEFAULT_FILE);
	if (!devfile_name_is_valid(name)) {
		log_error("Invalid devices file name from config setting \"%s\".", name);
		*err = -EINVAL;
		return NULL;
	}
	return name;
}

static int devfile_read(struct devfile *df, bool create)
{
	FILE *f = fopen(df->path, "re");
	int r;

	if (!f && errno == ENOENT && create) {
		df->version[0] = df->version[1] = 1;	/* written as 1.1.1 */
		return 0;
	}
	if (!f) {
		r = -errno;
		if (r != -ENOENT)
			log_error("Cannot open devices file %s to read: %s.", df->path,
				  strerror(errno));
		return r;
	}
	r = read_lines(df, f);
	fclose(f);
	return r;
}

int devfile_setup(struct cmd *cmd, const char *name, bool create)
{
	struct devfile *df;
	int r;

	if (!(name = file_name(cmd, name, &r)))
		return r;
	if (!(df = calloc(1, sizeof(*df))) ||
	    asprintf(&df->path, "%s/%s/%s", cmd->sys_dir, DEVICES_DIR, name) < 0) {
		free(df);
		return -ENOMEM;
	}
	r = devfile_read(df, create);
	if (r) {
		devfile_free(df);
		return r == -ENOENT ? 0 : r;	/* none there: none in use */
	}
	cmd->devfile = df;
	return 0;
}

/* ---- changing and writing */

/* The IDTYPE and IDNAME a new entry of @dev gets. */
static int dev_id(const struct device *dev, struct df_entry *e)
{
	char buf[PATH_MAX];
	unsigned i;

	for (i = 0; i < NSYS; i++)
		if (sys_id(i, dev->devno, buf, sizeof(buf)))
			break;
	e->idtype = strdup(i < NSYS ? sys_ids[i].idtype : "devname");
	e->idname = strdup(i < NSYS ? buf : dev->path);
	return e->idtype && e->idname ? 0 : -ENOMEM;
}

static struct df_entry *entry_of(struct devfile *df, const struct device *dev)
{
	unsigned i;

	for (i = 0; i < df->n; i++)
		if (entry_is(&df->e[i], dev->devno, dev->path))
			return &df->e[i];
	return NULL;
}

static int entry_set(struct df_entry *e, const struct device *dev, const char *pvid)
{
	free(e->devname);
	free(e->pvid);
	e->devname = strdup(dev->path);
	e->pvid = pvid ? strdup(pvid) : NULL;
	return e->devname && (!pvid || e->pvid) ? 0 : -ENOMEM;
}

int devfile_add_pv(struct devfile *df, const struct device *dev, const char *pvid)
{
	struct df_entry *e = entry_of(df, dev), *more;
	int r;

	df->dirty = true;
	if (e)
		return entry_set(e, dev, pvid);
	if (!(more = realloc(df->e, (df->n + 1) * sizeof(*more))))
		return -ENOMEM;
	df->e = more;
	e = memset(&df->e[df->n], 0, sizeof(*e));
	if ((r = dev_id(dev, e)) || (r = entry_set(e, dev, pvid))) {
		entry_free(e);
		return r;
	}
	df->n++;
	return 0;
}

void devfile_report_missing(const struct devfile *df)
{
	const struct df_entry *e;
	unsigned i;

	for (i = 0; i < df->n; i++) {
		e = &df->e[i];
		if (e->found || e->wrong)
			continue;
		if (!strcmp(e->idtype, "devname") && e->devname)
			log_warn("Devices file PVID %s last seen on %s not found.",
				 e->pvid ?: "none", e->devname);
		else if (!strcmp(e->idtype, "devname"))
			log_warn("Devices file PVID %s not found.", e->pvid ?: "none");
		else if (e->devname)
			log_warn("Devices file %s %s PVID %s last seen on %s not found.", e->idtype,
				 e->idname ?: "none", e->pvid ?: "none", e->devname);
		else
			log_warn("Devices file %s %s PVID %s not found.", e->idtype,
				 e->idname ?: "none", e->pvid ?: "none");
	}
}

void devfile_report_wrong(const struct devfile *df)
{
	const struct df_entry *e;
	unsigned i;

	for (i = 0; i < df->n; i++) {
		e = &df->e[i];
		if (!e->wrong || !e->wrong_dev)
			continue;
		if (e->wrong_pvid)
			log_warn("Devices file PVID %s not found on device %s (device PVID %s).",
				 e->pvid, e->wrong_dev, e->wrong_pvid);
		else
			log_warn("Devices file PVID %s not found on device %s.", e->pvid,
				 e->wrong_dev);
	}
}

void devfile_pv_gone(struct devfile *df, const struct device *dev)
{
	struct df_entry *e = entry_of(df, dev);

	if (!e || !e->pvid)
		return;
	free(e->pvid);
	e->pvid = NULL;
	df->dirty = true;
}

static void write_entry(FILE *f, const struct df_entry *e)
{
	fprintf(f, "IDTYPE=%s IDNAME=%s DEVNAME=%s PVID=%s", e->idtype, e->idname ?: ".",
		e->devname ?: ".", e->pvid ?: ".");
	if (e->part)
		fprintf(f, " PART=%s", e->part);
	fputc('\n', f);
}

static int write_to(const struct devfile *df, FILE *f, const char *cmd_name)
{
	time_t now = time(NULL);
	char when[64];
	unsigned i;

	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", localtime(&now));
	fprintf(f, "# Devices LVM uses (a devices file).\n# Written by plvm %s pid %d at %s\n",
		cmd_name, (int)getpid(), when);
	if (df->systemid)
		fprintf(f, "SYSTEMID=%s\n", df->systemid);
	fprintf(f, "VERSION=%u.%u.%u\n", df->version[0], df->version[1], df->version[2] + 1);
	for (i = 0; i < df->n; i++)
		write_entry(f, &df->e[i]);
	return fflush(f) || fsync(fileno(f)) ? -errno : 0;
}

int devfile_write(struct devfile *df, const char *cmd_name)
{
	char tmp[PATH_MAX], *slash;
	FILE *f;
	int fd, r;

	if (!df->dirty)
		return 0;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", df->path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	if ((slash = strrchr(tmp, '/'))) {	/* the devices/ directory */
		*slash = 0;
		(void)mkdir(tmp, 0700);
		*slash = '/';
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		r = -errno;
		if (fd >= 0)
			close(fd);
		return r;
	}
	r = write_to(df, f, cmd_name);
	if (fclose(f) && !r)
		r = -errno;
	if (!r && rename(tmp, df->path))
		r = -errno;
	if (r) {
		unlink(tmp);
		return r;
	}
	df->dirty = false;
	df->version[2]++;
	return 0;
}
