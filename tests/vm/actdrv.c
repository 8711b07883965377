/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * actdrv: drives core/activate.c against the real device-mapper (root, in
 * the test VM; tests/vm/t-activate.sh runs it).  It builds a VG in memory
 * over the block devices named on the command line (at least 3, 16 MiB or
 * more), then activates, checks what `dmsetup table` shows, reloads after an
 * extend, and deactivates.  Output is TAP; exit 1 if a check failed.
 *
 *	actdrv /dev/mapper/LVMTESTpv1 /dev/mapper/LVMTESTpv2 /dev/mapper/LVMTESTpv3
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../unit/test.h"
#include "activate.h"
#include "alloc.h"
#include "cmd.h"
#include "dev.h"
#include "log.h"
#include "segtype_reg.h"

#define VGNAME	"LVMTESTvg"
#define MAPPER	"/dev/mapper/" VGNAME "-"
#define EXTENT	2048		/* sectors: 1 MiB */

static struct cmd *cmd;
static const struct segtype *striped;
static struct vg *vg;
static struct pv *pvs[3];
static char logged[16384];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	fprintf(stderr, "  log %d: %s\n", level, msg);
	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

/* The output of a shell command, trailing blanks trimmed. */
static const char *sh(const char *fmt, ...)
{
	static char out[4096];
	char cmdline[512];
	va_list ap;
	size_t n;
	FILE *p;

	va_start(ap, fmt);
	vsnprintf(cmdline, sizeof(cmdline), fmt, ap);
	va_end(ap);
	out[0] = '\0';
	if (!(p = popen(cmdline, "r")))
		return out;
	n = fread(out, 1, sizeof(out) - 1, p);
	pclose(p);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
		n--;
	out[n] = '\0';
	return out;
}

static const char *str(const char *s)
{
	return s;
}

static bool exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

static char *devno(const struct pv *pv, char *buf)
{
	sprintf(buf, "%u:%u", major(pv->dev->devno), minor(pv->dev->devno));
	return buf;
}

static struct pv *add_pv(const char *path, unsigned i)
{
	struct device *dev = calloc(1, sizeof(*dev));
	char key[8];
	struct stat st;
	uint64_t bytes = 0;
	struct pv *pv;
	int fd;

	snprintf(key, sizeof(key), "pv%u", i);
	if (!dev || stat(path, &st) || !S_ISBLK(st.st_mode))
		return NULL;
	fd = open(path, O_RDONLY);
	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &bytes))
		return NULL;
	close(fd);
	dev->path = path;
	dev->devno = st.st_rdev;
	dev->size = bytes >> 9;
	dev->fd = -1;
	pv = vg_add_pv(vg, key);
	pv->dev = dev;
	pv->dev_name = path;
	pv->status = ST_ALLOCATABLE | ST_READ | ST_WRITE;
	pv->pe_start = EXTENT;
	pv->pe_count = (uint32_t)((dev->size - EXTENT) / EXTENT);
	snprintf(pv->id, sizeof(pv->id), "PVIDPVIDPVIDPVIDPVIDPVIDPVIDPV%02u", i);
	return pv;
}

static struct lv *new_lv(const char *name, bool visible)
{
	struct lv *lv = vg_add_lv(vg, name);
	static unsigned n;

	snprintf(lv->id, sizeof(lv->id), "LVIDLVIDLVIDLVIDLVIDLVIDLVIDLV%02u", ++n);
	lv->status = ST_READ | ST_WRITE | (visible ? ST_VISIBLE : 0);
	return lv;
}

static struct dm_list *on_pv(const struct pv *pv)
{
	struct dm_list *l = dm_pool_zalloc(vg->mem, sizeof(*l));

	dm_list_init(l);
	if (pv_list_add_arg(vg, l, pv->dev_name))
		return NULL;
	return l;
}

static struct dm_list *on(unsigned i)
{
	return on_pv(pvs[i]);
}

static uint64_t dev_bytes(const char *path)
{
	uint64_t bytes = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		ioctl(fd, BLKGETSIZE64, &bytes);
		close(fd);
	}
	return bytes;
}

/* Write or check a known pattern; reads bypass the page cache (BLKFLSBUF). */
static int pattern(const char *path, size_t len, bool write_it)
{
	char *buf = malloc(len), *want = malloc(len);
	int fd = open(path, write_it ? O_WRONLY : O_RDONLY), r = -1;
	size_t i;

	for (i = 0; want && i < len; i++)
		want[i] = (char)(i * 7 + i / 4096);
	if (fd < 0 || !buf || !want)
		goto out;
	if (write_it)
		r = write(fd, want, len) == (ssize_t)len && !fsync(fd) ? 0 : -1;
	else if (!ioctl(fd, BLKFLSBUF, 0))
		r = read(fd, buf, len) == (ssize_t)len && !memcmp(buf, want, len) ? 0 : -1;
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	free(want);
	return r;
}

static struct lv *lv1, *lv2;

static void t_activate_linear(void)
{
	char d[32], want[128];
	struct lv_info info;
	char *text = NULL;

	lv1 = new_lv("lv1", true);
	EQ(lv_extend(lv1, striped, 1, 0, 4, ALLOC_INHERIT, on(0)), 0);
	EQ(lv_activate(cmd, lv1, false), 0);
	EQ(lv_info(cmd, lv1, PLVM_DEV_TOP, &info), 0);
	OK(info.exists && info.live_table && !info.suspended);
	OK(lv_is_active(cmd, lv1));
	snprintf(want, sizeof(want), "0 8192 linear %s 2048", devno(pvs[0], d));
	STREQ(sh("dmsetup table " VGNAME "-lv1"), str(want));
	EQ(lv_table_text(cmd, lv1, &text), 0);
	OK(text && !strncmp(text, want, strlen(want)));
	free(text);
	STREQ(sh("dmsetup info -c --noheadings -o uuid " VGNAME "-lv1"),
	      "LVM-VGIDVGIDVGIDVGIDVGIDVGIDVGIDVG01LVIDLVIDLVIDLVIDLVIDLVIDLVIDLV01");
	OK(exists(MAPPER "lv1"));
	STREQ(sh("readlink /dev/" VGNAME "/lv1"), MAPPER "lv1");
	EQ(dev_bytes("/dev/" VGNAME "/lv1"), 4 << 20);
	EQ(lv_activate(cmd, lv1, false), 0);	/* again: nothing to do */
}

static void t_activate_striped(void)
{
	char a[32], b[32], want[160];
	struct dm_list *l = on(1);

	lv2 = new_lv("lv2", true);
	EQ(pv_list_add_arg(vg, l, pvs[2]->dev_name), 0);
	EQ(lv_extend(lv2, striped, 2, 128, 4, ALLOC_INHERIT, l), 0);
	EQ(lv_activate(cmd, lv2, false), 0);
	snprintf(want, sizeof(want), "0 8192 striped 2 128 %s 2048 %s 2048",
		 devno(pvs[1], a), devno(pvs[2], b));
	STREQ(sh("dmsetup table " VGNAME "-lv2"), str(want));
	EQ(dev_bytes(MAPPER "lv2"), 4 << 20);
}

static void t_reload_extend(void)
{
	char a[32], b[32], want[200];
	struct lv_info info;

	EQ(pattern(MAPPER "lv1", 4 << 20, true), 0);
	EQ(lv_extend(lv1, striped, 1, 0, 2, ALLOC_INHERIT, on(1)), 0);
	EQ(lvs_reload(cmd, &lv1, 1), 0);
	snprintf(want, sizeof(want), "0 8192 linear %s 2048\n8192 4096 linear %s %u",
		 devno(pvs[0], a), devno(pvs[1], b), EXTENT + 2 * EXTENT);
	STREQ(sh("dmsetup table " VGNAME "-lv1"), str(want));
	EQ(dev_bytes(MAPPER "lv1"), 6 << 20);
	EQ(pattern(MAPPER "lv1", 4 << 20, false), 0);
	EQ(lv_info(cmd, lv1, PLVM_DEV_TOP, &info), 0);
	OK(!info.suspended && !info.inactive_table);
}

/* A table the kernel refuses: the old one stays live, nothing suspended. */
static void t_reload_revert(void)
{
	static struct device bogus = { .path = "/dev/bogus", .fd = -1 };
	struct pv *pv = vg_add_pv(vg, "pvbogus");
	struct lv_info info;
	const char *before;
	char keep[512];

	bogus.devno = makedev(240, 1);	/* no driver has this major */
	bogus.size = 64 * EXTENT;
	pv->dev = &bogus;
	pv->dev_name = bogus.path;
	pv->status = ST_ALLOCATABLE;
	pv->pe_start = EXTENT;
	pv->pe_count = 10;
	snprintf(keep, sizeof(keep), "%s", sh("dmsetup table " VGNAME "-lv1"));
	EQ(lv_extend(lv1, striped, 1, 0, 2, ALLOC_INHERIT, on_pv(pv)), 0);
	OK(lvs_reload(cmd, &lv1, 1) < 0);
	before = sh("dmsetup table " VGNAME "-lv1");
	STREQ(before, str(keep));
	EQ(lv_info(cmd, lv1, PLVM_DEV_TOP, &info), 0);
	OK(info.exists && !info.suspended && !info.inactive_table);
	EQ(lv_reduce(lv1, 6), 0);
	pv->status = 0;
	EQ(pattern(MAPPER "lv1", 4 << 20, false), 0);
}

static void t_sub_lv(void)
{
	struct lv *sub = new_lv("lvsub", false), *top = new_lv("lvtop", true);
	struct plvm_seg_params p = { .size = sizeof(p) };
	struct seg *seg;
	struct lv_info info;
	char want[128];

	EQ(lv_extend(sub, striped, 1, 0, 2, ALLOC_INHERIT, on(2)), 0);
	seg = seg_new(top, striped, 0, 2, 2, 1);
	EQ(seg_set_area_lv(seg, 0, sub, 0), 0);
	st_init_seg(cmd, seg, &p);
	lv_add_seg(top, seg);
	EQ(lv_activate(cmd, top, false), 0);
	EQ(lv_info(cmd, sub, PLVM_DEV_TOP, &info), 0);
	OK(info.exists);
	snprintf(want, sizeof(want), "0 4096 linear %u:%u 0", info.major, info.minor);
	STREQ(sh("dmsetup table " VGNAME "-lvtop"), str(want));
	OK(!exists("/dev/" VGNAME "/lvsub"));
	OK(exists("/dev/" VGNAME "/lvtop"));
	EQ(lv_deactivate(cmd, top), 0);
	OK(!lv_is_active(cmd, top));
	OK(!lv_is_active(cmd, sub));
	OK(!exists(MAPPER "lvsub"));
	OK(!exists("/dev/" VGNAME "/lvtop"));
}

static void t_unknown_type(void)
{
	struct lv *lv = new_lv("lvunk", true);
	struct seg *seg = seg_new(lv, segtype_unknown(cmd, "fancy"), 0, 1, 1, 0);

	lv_add_seg(lv, seg);
	logged[0] = '\0';
	EQ(lv_activate(cmd, lv, false), -ENOTSUP);
	OK(strstr(logged, "fancy") != NULL);
	OK(!lv_is_active(cmd, lv));
	OK(!exists(MAPPER "lvunk"));
}

static void t_test_mode(void)
{
	struct lv *lv = new_lv("lvtest", true);

	EQ(lv_extend(lv, striped, 1, 0, 1, ALLOC_INHERIT, NULL), 0);
	cmd->test_mode = true;
	EQ(lv_activate(cmd, lv, false), 0);
	OK(!lv_is_active(cmd, lv));
	cmd->test_mode = false;
}

static void t_status_event(void)
{
	char *text = NULL;
	uint32_t nr = 12345;

	EQ(lv_status_text(cmd, lv1, PLVM_DEV_TOP, &text), 0);
	OK(text && !strncmp(text, "0 8192 linear", 13));
	free(text);
	EQ(lv_wait_event(cmd, lv1, PLVM_DEV_TOP, 100), -ETIMEDOUT);
	EQ(lv_wait_event_nr(cmd, lv1, PLVM_DEV_TOP, &nr, 100), 0);	/* differs: at once */
	EQ(lv_wait_event_nr(cmd, lv1, PLVM_DEV_TOP, &nr, 100), -ETIMEDOUT);
}

static void t_rename(void)
{
	char want[128];

	snprintf(want, sizeof(want), "%s", sh("dmsetup table " VGNAME "-lv2"));
	lv2->name = "lv-2";
	EQ(lv_rename_dev(cmd, lv2, VGNAME, "lv2"), 0);
	STREQ(sh("dmsetup table " VGNAME "-lv--2"), str(want));
	OK(exists(MAPPER "lv--2"));
	OK(!exists(MAPPER "lv2"));
	OK(!exists("/dev/" VGNAME "/lv2"));
	STREQ(sh("readlink /dev/" VGNAME "/lv-2"), MAPPER "lv--2");
	EQ(lv_rename_dev(cmd, lv2, VGNAME, "lv-2"), 0);	/* unchanged */
}

static void t_deactivate(void)
{
	int fd = open(MAPPER "lv1", O_RDONLY);

	OK(fd >= 0);
	EQ(lv_deactivate(cmd, lv1), -EBUSY);
	OK(lv_is_active(cmd, lv1));
	close(fd);
	EQ(lv_deactivate(cmd, lv1), 0);
	OK(!exists(MAPPER "lv1"));
	OK(!exists("/dev/" VGNAME "/lv1"));
	OK(exists("/dev/" VGNAME));		/* lv2 is still there */
	EQ(lv_deactivate(cmd, lv1), 0);		/* not active: fine */
	EQ(lv_deactivate(cmd, lv2), 0);
	OK(!exists("/dev/" VGNAME));
	STREQ(sh("dmsetup ls | grep -c " VGNAME " || true"), "0");
}

int main(int argc, char **argv)
{
	unsigned i;

	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_INFO);
	if (argc < 4 || geteuid()) {
		printf("ok 1 # SKIP needs root and 3 block devices\n1..1\n");
		return 0;
	}
	cmd = cmd_create("actdrv", NULL);
	striped = cmd ? segtype_find(cmd, "striped") : NULL;
	if (!striped) {
		printf("not ok 1 - the linear plugin did not load (PLVM_PLUGIN_DIR?)\n1..1\n");
		return 1;
	}
	vg = vg_new(cmd, VGNAME);
	vg->extent_size = EXTENT;
	memcpy(vg->id, "VGIDVGIDVGIDVGIDVGIDVGIDVGIDVG01", ID_LEN + 1);
	for (i = 0; i < 3; i++)
		if (!(pvs[i] = add_pv(argv[i + 1], i))) {
			printf("not ok 1 - %s is not a usable block device\n1..1\n", argv[i + 1]);
			return 1;
		}
	RUN(t_activate_linear);
	RUN(t_activate_striped);
	RUN(t_reload_extend);
	RUN(t_reload_revert);
	RUN(t_sub_lv);
	RUN(t_unknown_type);
	RUN(t_test_mode);
	RUN(t_status_event);
	RUN(t_rename);
	RUN(t_deactivate);
	vg_free(vg);
	cmd_destroy(cmd);
	return test_done();
}
