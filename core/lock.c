/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "lock.h"
#include "log.h"


struct vg_lock_ent {
	struct dm_list list;
	char *name;
	int fd;
	bool exclusive;
};

static struct dm_list *held(struct cmd *cmd)
{
	return &cmd->locks;
}

static struct vg_lock_ent *find_held(struct cmd *cmd, const char *vg_name)
{
	struct vg_lock_ent *e;

	dm_list_iterate_items(e, held(cmd))
		if (!strcmp(e->name, vg_name))
			return e;
	return NULL;
}

static int open_lock_file(struct cmd *cmd, const char *vg_name)
{
	const char *dir = config_str(cmd->cfg, "global/locking_dir", DEFAULT_LOCK_DIR);
	char path[4096];

	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		log_debug("No lock directory %s (%s): continuing without VG locks.", dir,
			  strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/V_%s", dir, vg_name);
	return open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
}

static int take(int fd, const char *vg_name, bool exclusive)
{
	int op = exclusive ? LOCK_EX : LOCK_SH;

	if (!flock(fd, op | LOCK_NB))
		return 0;
	if (errno != EWOULDBLOCK)
		return -errno;
	log_verbose("Waiting for the lock of volume group %s.", vg_name);
	while (flock(fd, op) < 0)
		if (errno != EINTR)
			return -errno;
	return 1;
}

static void release(struct vg_lock_ent *e);

int vg_lock(struct cmd *cmd, const char *vg_name, bool exclusive)
{
	struct vg_lock_ent *e = find_held(cmd, vg_name);
	bool upgrade = e != NULL;
	int fd, r;

	if (cmd->no_locking || cmd->read_only)
		return 0;
	if (e && (e->exclusive || !exclusive))
		return 0;
	if (e)
		release(e);	/* shared to exclusive: let go, then wait anew */
	fd = open_lock_file(cmd, vg_name);
	if (fd < 0)
		return 0;
	if ((r = take(fd, vg_name, exclusive)) < 0) {
		close(fd);
		log_error("Cannot lock volume group %s: %s.", vg_name, strerror(-r));
		return r;
	}
	e = calloc(1, sizeof(*e));
	if (!e || !(e->name = strdup(vg_name))) {
		free(e);
		close(fd);
		return -ENOMEM;
	}
	e->fd = fd;
	e->exclusive = exclusive;
	dm_list_add(held(cmd), &e->list);
	return upgrade ? 1 : r;	/* after letting go, anyone may have written */
}

static void release(struct vg_lock_ent *e)
{
	dm_list_del(&e->list);
	close(e->fd);	/* drops the flock */
	free(e->name);
	free(e);
}

void vg_unlock(struct cmd *cmd, const char *vg_name)
{
	struct vg_lock_ent *e = find_held(cmd, vg_name);

	if (e)
		release(e);
}

void vg_unlock_all(struct cmd *cmd)
{
	struct vg_lock_ent *e, *t;

	dm_list_iterate_items_safe(e, t, held(cmd))
		release(e);
}
