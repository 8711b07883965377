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

/* mkdir -p @dir, saying which part could not be made */
static int make_dir(const char *dir)
{
	char path[4096];
	struct stat st;
	size_t i, n = strlen(dir);

	if (n >= sizeof(path))
		return -ENAMETOOLONG;
	for (i = 1; i <= n; i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		memcpy(path, dir, i);
		path[i] = '\0';
		if (!stat(path, &st)) {
			if (S_ISDIR(st.st_mode))
				continue;
			log_error("Existing path %s is not a directory.", path);
			return -ENOTDIR;
		}
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			int e = errno;

			if (e != EROFS)
				log_error("%s: mkdir failed: %s", path, strerror(e));
			return -e;
		}
	}
	return access(dir, R_OK | W_OK | X_OK) < 0 && errno == EROFS ? -EROFS : 0;
}

static const char *lock_dir(struct cmd *cmd)
{
	return config_str(cmd->cfg, "global/locking_dir", DEFAULT_LOCK_DIR);
}

int lock_init(struct cmd *cmd)
{
	int r;

	if (cmd->no_locking || !(r = make_dir(lock_dir(cmd))))
		return 0;
	if (!cmd->lock_quiet)
		log_error("File locking initialisation failed.");
	else
		log_verbose("File locking initialisation failed.");
	cmd->lock_failed = true;
	return cmd->lock_tolerant ? 0 : r;
}

static int open_lock_file(struct cmd *cmd, const char *vg_name)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/V_%s", lock_dir(cmd), vg_name);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fd = -errno;
		log_error("%s: open failed: %s", path, strerror(-fd));
	}
	return fd;
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
	if (cmd->lock_failed) {	/* tolerated by lock_init() */
		if (!exclusive || cmd->activating)
			return 0;
		log_error("Can't get lock for %s.", vg_name);
		return -ENOLCK;
	}
	if (e && (e->exclusive || !exclusive))
		return 0;
	if (e)
		release(e);	/* shared to exclusive: let go, then wait anew */
	fd = open_lock_file(cmd, vg_name);
	if (fd < 0) {
		log_error("Can't get lock for %s.", vg_name);
		return -ENOLCK;
	}
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
