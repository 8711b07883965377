/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VG read/write over PVs on temp files: the label cache, the two-step
 * commit, seqno selection, missing PVs, orphaning, backups, and reading a
 * VG that LVM2 wrote (tests/fixtures/lvm2-vg.img).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmd.h"
#include "dev.h"
#include "lock.h"
#include "log.h"
#include "model.h"
#include "ondisk.h"
#include "text.h"
#include "vg_io.h"
#include "test.h"

#define MIB		(1024 * 1024ULL)
#define DISK		(64 * MIB)
#define NPV		3

static char tmpdir[] = "/tmp/plvm-vgio-XXXXXX";
static char pvpath[NPV][4096];
static char override[2 * 4096];
static int warn_count;

static void sink(int level, const char *msg, void *arg)
{
	(void)arg;
	if (level <= PLVM_LOG_WARN) {
		warn_count++;
		printf("# log: %s\n", msg);
	}
}

/* A context that sees only our files (scan_lvs aside, the host's disks are filtered). */
static struct cmd *new_cmd(void)
{
	struct cmd *cmd = cmd_create("test", override);

	if (!cmd) {
		FAIL_("cmd_create: %s", strerror(errno));
		return NULL;
	}
	if (lock_init(cmd) < 0)
		FAIL_("lock_init: cannot make %s/lock", tmpdir);
	for (int i = 0; i < NPV; i++)
		if (!dev_get(cmd, pvpath[i]) && errno != ENOENT)
			FAIL_("dev_get %s: %s", pvpath[i], strerror(errno));
	return cmd;
}

static void free_cmd(struct cmd *cmd)
{
	if (!cmd)
		return;
	label_cache_destroy(cmd);
	dev_cache_destroy(cmd);
	cmd_destroy(cmd);
}

static void make_file(const char *path, uint64_t size)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || ftruncate(fd, size))
		FAIL_("cannot create %s", path);
	if (fd >= 0)
		close(fd);
}

static int count_names(const char **names)
{
	int n = 0;

	while (names && names[n])
		n++;
	return n;
}

/* PVs: pv0 with two mdas, pv1 with one, pv2 with none. */
static void t_pv_create(void)
{
	struct cmd *cmd;
	const struct pv_info *pi;

	for (int i = 0; i < NPV; i++)
		make_file(pvpath[i], DISK);
	if (!(cmd = new_cmd()))
		return;
	for (int i = 0; i < NPV; i++) {
		/* pv0's areas are small (32 KiB) so that its rings wrap */
		struct pv_create_opts o = { .metadatacopies = 2 - i,
					    .metadatasize = i ? 0 : 32768,
					    .data_alignment = i ? 0 : 4096 };
		struct device *dev = dev_get(cmd, pvpath[i]);

		OK(dev != NULL);
		if (dev)
			EQ(pv_create(cmd, dev, &o), 0);
	}
	free_cmd(cmd);
	cmd = new_cmd();
	EQ(label_scan(cmd), 0);
	for (int i = 0; i < NPV; i++) {
		pi = pv_info_find(cmd, pvpath[i]);
		OK(pi != NULL);
		if (!pi)
			continue;
		EQ(pi->mda_count, 2 - i);
		EQ(strlen(pi->pvid), ID_LEN);
		OK(pi->vg_name == NULL);
		EQ(pi->pe_start, i ? 2048 : 72);
	}
	EQ(count_names(vg_names(cmd)), 0);
	free_cmd(cmd);
}

static struct vg *build_vg(struct cmd *cmd)
{
	struct vg *vg = vg_new(cmd, "vgt");
	const struct pv_info *pi;
	int i = 0;

	if (!vg)
		return NULL;
	id_create(vg->id);
	vg->extent_size = 8192;
	vg->status = ST_READ | ST_WRITE | ST_RESIZEABLE;
	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi)) {
		char key[16];
		struct pv *pv;

		snprintf(key, sizeof(key), "pv%d", i++);
		if (!(pv = vg_add_pv(vg, key)))
			return NULL;
		memcpy(pv->id, pi->pvid, sizeof(pv->id));
		pv->dev = pi->dev;
		pv->dev_name = pi->dev->path;
		pv->status = ST_ALLOCATABLE;
		pv->dev_size = pi->dev_size;
		pv->pe_start = pi->pe_start;
		pv->pe_count = (pi->pe_end - pi->pe_start) / vg->extent_size;
	}
	return vg;
}

static void t_vg_create(void)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg;
	char backup[4096 + 16];
	struct stat st;

	if (!cmd)
		return;
	EQ(label_scan(cmd), 0);
	vg = build_vg(cmd);
	OK(vg != NULL);
	if (!vg)
		goto out;
	EQ(vg_write_commit(vg), 0);
	EQ(vg->seqno, 1);
	/* the same command sees its own commit */
	EQ(count_names(vg_names(cmd)), 1);
	vg_free(vg);
	snprintf(backup, sizeof(backup), "%s/backup/vgt", tmpdir);
	OK(stat(backup, &st) == 0 && st.st_size > 100);
out:
	free_cmd(cmd);
}

static void t_vg_read(void)
{
	struct cmd *cmd = new_cmd();
	const char **names;
	struct vg *vg;
	struct pv *pv;
	int bound = 0;

	if (!cmd)
		return;
	names = vg_names(cmd);
	EQ(count_names(names), 1);
	if (count_names(names) == 1)
		STREQ(names[0], "vgt");
	vg = vg_read(cmd, "vgt", VG_READ_FOR_UPDATE);
	OK(vg != NULL);
	if (!vg)
		goto out;
	EQ(vg->seqno, 1);
	dm_list_iterate_items(pv, &vg->pvs) {
		struct pv_label l;

		bound += pv->dev != NULL;
		if (pv->dev && !label_read(pv->dev, &l))
			EQ(l.ext_flags & PV_EXT_USED, PV_EXT_USED);
	}
	EQ(bound, NPV);
	for (int i = 0; i < NPV; i++) {
		const struct pv_info *pi = pv_info_find(cmd, pvpath[i]);

		OK(pi && pi->vg_name && !strcmp(pi->vg_name, "vgt"));	/* pv2 has no mda */
	}
	vg_free(vg);
	errno = 0;
	OK(vg_read(cmd, "nosuchvg", 0) == NULL && errno == ENOENT);
out:
	free_cmd(cmd);
}

/* vg_write without vg_commit: readers keep the old seqno unless they ask. */
static void t_precommit(void)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg;

	if (!cmd || !(vg = vg_read(cmd, "vgt", VG_READ_FOR_UPDATE))) {
		FAIL_("read vgt");
		free_cmd(cmd);
		return;
	}
	EQ(vg_write(vg), 0);
	EQ(vg->seqno, 2);
	vg_free(vg);
	free_cmd(cmd);			/* "crash" before the commit */
	cmd = new_cmd();
	vg = vg_read(cmd, "vgt", 0);
	OK(vg && vg->seqno == 1);
	if (vg)
		vg_free(vg);
	vg = vg_read(cmd, "vgt", VG_READ_PRECOMMITTED);
	OK(vg && vg->seqno == 2);
	if (vg) {
		EQ(vg_revert(vg), 0);	/* nothing pending in this command: no-op */
		vg_free(vg);
	}
	free_cmd(cmd);
	cmd = new_cmd();
	vg = vg_read(cmd, "vgt", VG_READ_FOR_UPDATE);
	OK(vg && vg->seqno == 1);
	if (vg) {
		EQ(vg_write(vg), 0);
		EQ(vg_revert(vg), 0);
		vg_free(vg);
	}
	free_cmd(cmd);
	cmd = new_cmd();
	vg = vg_read(cmd, "vgt", VG_READ_PRECOMMITTED);
	OK(vg && vg->seqno == 1);	/* slot 1 was cleared */
	if (vg)
		vg_free(vg);
	free_cmd(cmd);
}

/* Whether pv0's first area holds a committed copy that wraps. */
static bool pv0_wraps(void)
{
	struct device *dev = dev_open_file(pvpath[0], false);
	struct pv_label l;
	struct mda m;
	bool wraps = false;

	if (dev && !label_read(dev, &l)) {
		m = (struct mda){ .dev = dev, .start = l.mda[0].offset };
		wraps = !mda_read_header(&m) && m.slot[0].offset + m.slot[0].size > m.size;
	}
	dev_free(dev);
	return wraps;
}

/* @path's text without the lines that carry the time (malloc'd). */
static char *timeless(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	const char *l, *nl;

	for (l = text; out && *l; l = nl) {
		nl = strchr(l, '\n');
		nl = nl ? nl + 1 : l + strlen(l);
		if (strncmp(l, "# Generated", 11) && strncmp(l, "creation_time", 13)) {
			memcpy(o, l, (size_t)(nl - l));
			o += nl - l;
		}
	}
	if (out)
		*o = '\0';
	return out;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = f ? calloc(1, 1 << 20) : NULL;

	if (buf && !fread(buf, 1, (1 << 20) - 1, f)) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

/* The backup reuses the section vg_write() exported: the same file as a
 * fresh export, and it shows what was written, not a later change held
 * only in memory. */
static void t_backup_text(void)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg = cmd ? vg_read(cmd, "vgt", VG_READ_FOR_UPDATE) : NULL;
	char path[4096 + 16], *file = NULL, *fresh = NULL, *a = NULL, *b = NULL;

	if (!vg)
		goto out;
	vg->max_lv = 7;
	EQ(vg_write_commit(vg), 0);
	snprintf(path, sizeof(path), "%s/backup/vgt", tmpdir);
	file = slurp(path);
	fresh = text_export(vg, true, "Created *after* executing a command");
	OK(file && fresh);
	if (!file || !fresh)
		goto out;
	a = timeless(file);
	b = timeless(fresh);
	OK(!strcmp(a, b));
	OK(strstr(file, "max_lv = 7") != NULL);
	vg->max_lv = 9;		/* not written */
	EQ(vg_backup(vg), 0);
	free(file);
	file = slurp(path);
	OK(file && strstr(file, "max_lv = 7") && !strstr(file, "max_lv = 9"));
out:
	free(a);
	free(b);
	free(file);
	free(fresh);
	vg_free(vg);
	free_cmd(cmd);
}

/* Test points: a trace of a write and commit, then a program run at the
 * second commit of this process. */
static void t_test_points(void)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg = cmd ? vg_read(cmd, "vgt", VG_READ_FOR_UPDATE) : NULL;
	char trace[4096 + 16], prog[4096 + 16], mark[4096 + 16], want[64], *text = NULL;
	FILE *f;

	if (!vg)
		goto out;
	snprintf(trace, sizeof(trace), "%s/trace", tmpdir);
	snprintf(prog, sizeof(prog), "%s/at.sh", tmpdir);
	snprintf(mark, sizeof(mark), "%s/at.mark", tmpdir);
	if ((f = fopen(prog, "w"))) {
		fprintf(f, "#!/bin/sh\necho \"$1 $2\" > %s\n", mark);
		fclose(f);
	}
	chmod(prog, 0755);
	setenv("PLVM_TEST_TRACE", trace, 1);
	EQ(vg_write_commit(vg), 0);
	text = slurp(trace);
	OK(text && !strcmp(text, "vg_write:1\ncommit_one:1\nvg_commit:1\n"));
	unsetenv("PLVM_TEST_TRACE");
	setenv("PLVM_TEST_AT", "vg_commit:2", 1);
	setenv("PLVM_TEST_RUN", prog, 1);
	EQ(vg_write_commit(vg), 0);
	free(text);
	text = slurp(mark);
	snprintf(want, sizeof(want), "vg_commit:2 %ld\n", (long)getpid());
	OK(text && !strcmp(text, want));
	unsetenv("PLVM_TEST_AT");
	unsetenv("PLVM_TEST_RUN");
out:
	free(text);
	vg_free(vg);
	free_cmd(cmd);
}

/* Many commits: pv0's rings wrap, every read gets the newest seqno. */
static void t_many_commits(void)
{
	uint32_t seqno = 0;
	int wraps = 0;

	for (int i = 0; i < 40; i++) {
		struct cmd *cmd = new_cmd();
		struct vg *vg = cmd ? vg_read(cmd, "vgt", VG_READ_FOR_UPDATE) : NULL;

		if (!vg) {
			FAIL_("read %d", i);
			free_cmd(cmd);
			return;
		}
		if (seqno)
			EQ(vg->seqno, seqno);
		EQ(vg_write_commit(vg), 0);
		seqno = vg->seqno;
		vg_free(vg);
		free_cmd(cmd);
		wraps += pv0_wraps();
	}
	OK(seqno > 40);
	OK(wraps > 0);
}

/* One PV's areas hold an older copy: the newest wins, with a warning. */
static void t_stale_copy(void)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg = cmd ? vg_read(cmd, "vgt", 0) : NULL;
	struct device *dev;
	struct pv_label l;
	struct mda m;
	char *old = NULL;
	size_t len = 0;
	uint32_t seqno;

	if (!vg) {
		FAIL_("read vgt");
		free_cmd(cmd);
		return;
	}
	seqno = vg->seqno;
	vg_free(vg);
	free_cmd(cmd);
	/* put pv1's previous copy back in its committed slot */
	dev = dev_open_file(pvpath[1], true);
	EQ(label_read(dev, &l), 0);
	m = (struct mda){ .dev = dev, .start = l.mda[0].offset };
	EQ(mda_read_header(&m), 0);
	EQ(mda_read_text(&m, false, &old, &len), 0);
	free(old);
	old = NULL;
	/* an older text: rewrite seqno by hand and commit it on pv1 only */
	{
		struct cmd *c2 = new_cmd();
		struct vg *v2 = vg_read(c2, "vgt", 0);

		OK(v2 != NULL);
		if (v2) {
			char *t;

			v2->seqno = seqno - 5;
			t = text_export(v2, false, "stale");
			EQ(mda_write_text(&m, t, strlen(t)), 0);
			EQ(mda_commit(&m), 0);
			free(t);
			vg_free(v2);
		}
		free_cmd(c2);
	}
	dev_free(dev);
	cmd = new_cmd();
	warn_count = 0;
	vg = vg_read(cmd, "vgt", 0);
	OK(vg && vg->seqno == seqno);
	OK(warn_count >= 1);
	if (vg) {
		EQ(vg_write_commit(vg), 0);	/* repairs pv1 */
		vg_free(vg);
	}
	free_cmd(cmd);
	cmd = new_cmd();
	warn_count = 0;
	vg = vg_read(cmd, "vgt", 0);
	OK(vg && vg->seqno == seqno + 1);
	EQ(warn_count, 0);
	if (vg)
		vg_free(vg);
	free_cmd(cmd);
}

static void t_missing_pv(void)
{
	char saved[4096 + 8];
	struct cmd *cmd;
	struct vg *vg;
	struct pv *pv;
	int missing = 0;

	snprintf(saved, sizeof(saved), "%s.away", pvpath[1]);
	EQ(rename(pvpath[1], saved), 0);
	cmd = new_cmd();
	errno = 0;
	log_set_level(-1);
	OK(vg_read(cmd, "vgt", VG_READ_FOR_UPDATE) == NULL && errno != 0);
	vg = vg_read(cmd, "vgt", VG_READ_FOR_UPDATE | VG_READ_ALLOW_MISSING);
	log_set_level(PLVM_LOG_WARN);
	OK(vg != NULL);
	if (vg) {
		dm_list_iterate_items(pv, &vg->pvs)
			if (!pv->dev && (pv->status & ST_MISSING))
				missing++;
		EQ(missing, 1);
		vg_free(vg);
	}
	free_cmd(cmd);
	EQ(rename(saved, pvpath[1]), 0);
}

/* The VG LVM2 wrote: scanned, read, and written back after its copy. */
static void t_lvm2_vg(void)
{
	const char *src = getenv("PLVM_SRCDIR");
	char fx[4096], path[4096 + 32], cmdline[4 * 4096];
	struct cmd *cmd;
	struct vg *vg;
	struct pv_label l;
	struct device *dev;
	struct mda m;

	snprintf(fx, sizeof(fx), "%s/tests/fixtures/lvm2-vg.img", src ? src : ABS_TOP_SRCDIR);
	snprintf(path, sizeof(path), "%s/lvm2.img", tmpdir);
	snprintf(cmdline, sizeof(cmdline), "cp '%s' '%s' && truncate -s 64M '%s'", fx, path, path);
	if (system(cmdline)) {
		FAIL_("cannot copy %s", fx);
		return;
	}
	cmd = new_cmd();
	OK(dev_get(cmd, path) != NULL);
	vg = vg_read(cmd, "fx", VG_READ_FOR_UPDATE);
	OK(vg != NULL);
	if (!vg)
		goto out;
	EQ(vg->seqno, 3);
	EQ(vg->extent_size, 1024);
	OK(find_lv(vg, "lv1") && find_lv(vg, "lv2"));
	EQ(vg_write_commit(vg), 0);
	vg_free(vg);
	dev = dev_open_file(path, false);
	EQ(label_read(dev, &l), 0);
	m = (struct mda){ .dev = dev, .start = l.mda[0].offset };
	EQ(mda_read_header(&m), 0);
	EQ(m.slot[0].offset, 4608);		/* after LVM2's copy at 3072+1327 */
	dev_free(dev);
out:
	free_cmd(cmd);
	unlink(path);
}

/* The metadata areas of vgt in use, as the next command's scan finds them. */
static int areas_used(void)
{
	struct cmd *cmd = new_cmd();
	const struct pv_info *pi = NULL;
	int n = 0;

	if (!cmd || label_scan(cmd))
		n = -1;
	while (n >= 0 && (pi = pv_info_next(cmd, pi)))
		if (pi->vg_name && !strcmp(pi->vg_name, "vgt"))
			n += (int)pi->mda_used;
	free_cmd(cmd);
	return n;
}

/* vgt's preferred number of copies (3 areas: two on pv0, one on pv1) is
 * what each write leaves in use; "all" turns every area on, then unmanaged;
 * unmanaged keeps at least one. */
static int write_copies(uint32_t copies, bool ignore_all)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg = cmd ? vg_read(cmd, "vgt", VG_READ_FOR_UPDATE) : NULL;
	int r = -1;

	if (vg) {
		vg->metadata_copies = copies;
		for (int i = 0; ignore_all && i < 2; i++)
			OK(!pv_mdas_ignore(cmd, dev_get(cmd, pvpath[i]), true));
		r = vg_write_commit(vg);
		if (copies == VG_MDA_COPIES_ALL)
			EQ(vg->metadata_copies, 0);
		vg_free(vg);
	}
	free_cmd(cmd);
	return r;
}

static void t_mda_copies(void)
{
	EQ(write_copies(1, false), 0);
	EQ(areas_used(), 1);
	EQ(write_copies(2, false), 0);
	EQ(areas_used(), 2);
	EQ(write_copies(VG_MDA_COPIES_ALL, false), 0);
	EQ(areas_used(), 3);
	EQ(write_copies(0, true), 0);
	EQ(areas_used(), 1);
	EQ(write_copies(VG_MDA_COPIES_ALL, false), 0);
	EQ(areas_used(), 3);
}

static void t_vg_remove(void)
{
	struct cmd *cmd = new_cmd();
	struct vg *vg = cmd ? vg_read(cmd, "vgt", VG_READ_FOR_UPDATE) : NULL;
	struct pv_label l;

	OK(vg != NULL);
	if (vg) {
		EQ(vg_remove_mdas(vg), 0);
		vg_free(vg);
	}
	free_cmd(cmd);
	cmd = new_cmd();
	EQ(count_names(vg_names(cmd)), 0);
	errno = 0;
	OK(vg_read(cmd, "vgt", 0) == NULL && errno == ENOENT);
	for (int i = 0; i < NPV; i++) {
		struct device *dev = dev_get(cmd, pvpath[i]);

		if (dev && !label_read(dev, &l))
			EQ(l.ext_flags & PV_EXT_USED, 0);
	}
	free_cmd(cmd);
}

static void cleanup(void)
{
	char cmdline[256];

	snprintf(cmdline, sizeof(cmdline), "rm -rf '%s'", tmpdir);
	if (system(cmdline))
		fprintf(stderr, "# could not remove %s\n", tmpdir);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	setenv("PLVM_SYSTEM_DIR", tmpdir, 1);
	for (int i = 0; i < NPV; i++)
		snprintf(pvpath[i], sizeof(pvpath[i]), "%s/pv%d.img", tmpdir, i);
	/* only our files pass: host disks are never read */
	snprintf(override, sizeof(override),
		 "devices { global_filter = [ \"a|^%s/|\", \"r|.*|\" ] }\n"
		 "global { locking_dir = \"%s/lock\" }", tmpdir, tmpdir);
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_WARN);
	RUN(t_pv_create);
	RUN(t_vg_create);
	RUN(t_vg_read);
	RUN(t_precommit);
	RUN(t_backup_text);
	RUN(t_test_points);
	RUN(t_many_commits);
	RUN(t_stale_copy);
	RUN(t_missing_pv);
	RUN(t_lvm2_vg);
	RUN(t_mda_copies);
	RUN(t_vg_remove);
	cleanup();
	return test_done();
}
