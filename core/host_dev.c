/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host services about devices: building tables, the devices of LVs at run
 * time (status, messages, paths), kernel targets and helper programs.
 * Contracts in plvm/segtype.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "activate.h"
#include "cmd.h"
#include "host.h"
#include "log.h"
#include "segtype_reg.h"

extern char **environ;

/* ---- tables ---- */

static int api_area_dev(const struct plvm_host *h, const struct plvm_seg *s, uint32_t i,
			char *buf, size_t len, uint64_t *offset)
{
	const struct seg *seg = to_seg(s);
	struct table_ctx *t = h ? h->table : NULL;
	uint64_t extent = seg->lv->vg->extent_size;
	const struct area *a;

	if (!t || i >= seg->area_count)
		return -EINVAL;
	a = &seg->areas[i];
	switch (a->kind) {
	case PLVM_AREA_PV:
		if (pv_is_missing(a->u.pv.pv) && t->missing_dev) {
			*offset = 0;
			return t->missing_dev(t->arg, seg, i, buf, len);
		}
		*offset = a->u.pv.pv->pe_start + (uint64_t)a->u.pv.pe * extent;
		return t->pv_dev(t->arg, a->u.pv.pv, buf, len);
	case PLVM_AREA_LV:
		*offset = (uint64_t)a->u.lv.le * extent;
		return t->lv_dev(t->arg, a->u.lv.lv, PLVM_DEV_TOP, buf, len);
	default:
		return -ENXIO;
	}
}

static int api_lv_dev(const struct plvm_host *h, struct plvm_lv *lv, enum plvm_dev_which which,
		      char *buf, size_t len)
{
	struct table_ctx *t = h ? h->table : NULL;

	if (!t || !lv || (which != PLVM_DEV_TOP && which != PLVM_DEV_OWN))
		return -EINVAL;
	return t->lv_dev(t->arg, to_lv(lv), which, buf, len);
}

static int table_grow(struct table_ctx *t, size_t need)
{
	size_t alloc = t->alloc ? t->alloc : 256;
	char *text;

	while (alloc < t->len + need + 1)
		alloc *= 2;
	if (alloc == t->alloc)
		return 0;
	text = realloc(t->text, alloc);
	if (!text)
		return -ENOMEM;
	t->text = text;
	t->alloc = alloc;
	return 0;
}

static int api_table_add(struct plvm_table *pt, uint64_t len_sectors, const char *target,
			 const char *params)
{
	struct table_ctx *t = to_table(pt);
	bool has_params = params && *params;
	int n, r;

	if (!len_sectors || !target || !*target)
		return -EINVAL;
	n = snprintf(NULL, 0, "%" PRIu64 " %" PRIu64 " %s%s%s\n", t->start, len_sectors, target,
		     has_params ? " " : "", has_params ? params : "");
	r = table_grow(t, n);
	if (r)
		return r;
	sprintf(t->text + t->len, "%" PRIu64 " %" PRIu64 " %s%s%s\n", t->start, len_sectors,
		target, has_params ? " " : "", has_params ? params : "");
	t->len += n;
	t->start += len_sectors;
	return 0;
}

/* ---- devices at run time ---- */

static int api_lv_is_active(const struct plvm_host *h, const struct plvm_lv *lv)
{
	return lv_is_active(h->cmd, to_lv(lv));
}

static int api_lv_activate(const struct plvm_host *h, struct plvm_lv *lv)
{
	return lv_activate(h->cmd, to_lv(lv), true);
}

static int api_lv_is_open(const struct plvm_host *h, const struct plvm_lv *lv,
			  enum plvm_dev_which which)
{
	struct lv_info info;

	return !lv_info(h->cmd, to_lv(lv), which, &info) && info.exists && info.open_count;
}

static int api_lv_is_partial(const struct plvm_host *h, const struct plvm_lv *lv)
{
	(void)h;
	return lv_is_partial(to_lv(lv));
}

static int api_lv_deactivate(const struct plvm_host *h, struct plvm_lv *lv)
{
	return lv_deactivate(h->cmd, to_lv(lv));
}

static int api_dev_status(const struct plvm_host *h, const struct plvm_lv *lv,
			  enum plvm_dev_which which, char *buf, size_t len)
{
	return lv_dev_status(h->cmd, to_lv(lv), which, buf, len);
}

static int api_dev_message(const struct plvm_host *h, const struct plvm_lv *lv,
			   enum plvm_dev_which which, const char *msg)
{
	if (h->cmd->test_mode)
		return 0;
	return lv_dev_message(h->cmd, to_lv(lv), which, msg);
}

static int api_dev_path(const struct plvm_host *h, const struct plvm_lv *lv,
			enum plvm_dev_which which, char *buf, size_t len)
{
	return lv_dev_path(h->cmd, to_lv(lv), which, buf, len);
}

static void api_vg_changed(const struct plvm_host *h, struct plvm_vg *vg)
{
	to_vg(vg)->changed = true;
}

static int api_lv_reload(const struct plvm_host *h, struct plvm_lv *lv)
{
	return vg_note_reload(to_lv(lv)->vg, to_lv(lv));
}

static int api_target_version(const struct plvm_host *h, const char *target, uint32_t ver[3])
{
	return dm_target_version(target, ver);
}

/* ---- helper programs ---- */

static void log_output(int fd, const char *prog)
{
	char buf[4096], *line, *save = NULL;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			log_verbose("%s: %s", prog, line);
	}
}

static int api_run(const struct plvm_host *h, const char *const *argv)
{
	posix_spawn_file_actions_t fa;
	int fds[2], st, r;
	pid_t pid;

	if (!argv || !argv[0] || pipe2(fds, O_CLOEXEC))
		return -EINVAL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	r = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (r) {
		close(fds[0]);
		log_error("Cannot run %s: %s.", argv[0], strerror(r));
		return -r;
	}
	log_output(fds[0], argv[0]);
	close(fds[0]);
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void host_api_dev(struct plvm_host_api *api)
{
	api->area_dev = api_area_dev;
	api->lv_dev = api_lv_dev;
	api->table_add = api_table_add;
	api->lv_is_active = api_lv_is_active;
	api->lv_activate = api_lv_activate;
	api->lv_deactivate = api_lv_deactivate;
	api->dev_status = api_dev_status;
	api->dev_message = api_dev_message;
	api->dev_path = api_dev_path;
	api->vg_changed = api_vg_changed;
	api->lv_reload = api_lv_reload;
	api->lv_is_open = api_lv_is_open;
	api->lv_is_partial = api_lv_is_partial;
	api->target_version = api_target_version;
	api->run = api_run;
}
