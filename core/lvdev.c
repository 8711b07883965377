/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An active LV's devices, asked or told something (see activate.h): their
 * status, a target message, their path, zeroing, and waiting for their
 * events.  Each works on the device the LV's plan names for @which.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libdevmapper.h>

#include "activate.h"
#include "cmd.h"
#include "dm_task.h"
#include "log.h"
#include "model.h"

#define POLL_MS		20	/* how often an event number is read */

/* The ids of @lv's device @which, with libdevmapper set up; -ENODEV when
 * the command leaves device-mapper alone. */
static int live_ids(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		    struct dev_id *id)
{
	if (cmd->no_dm)
		return -ENODEV;
	dmt_setup();
	return lv_dev_ids(cmd, lv, which, id);
}

/* ---- status, messages ---- */

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

static int status_task(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		       struct dm_task **out)
{
	struct dev_id id;
	struct dm_task *dmt;
	int r;

	if ((r = live_ids(cmd, lv, which, &id)))
		return r;
	if (!(dmt = dmt_new(DM_DEVICE_STATUS, id.uuid)))
		return -ENOMEM;
	if (!dm_task_run(dmt)) {
		dm_task_destroy(dmt);
		return -ENODEV;
	}
	*out = dmt;
	return 0;
}

int lv_status_text(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which, char **out)
{
	struct dm_task *dmt;
	int r = status_task(cmd, lv, which, &dmt);

	if (r)
		return r;
	r = status_lines(dmt, out);
	dm_task_destroy(dmt);
	return r;
}

int lv_dev_status(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which, char *buf,
		  size_t len)
{
	uint64_t start, length;
	char *type = NULL, *params = NULL;
	struct dm_task *dmt;
	int r = status_task(cmd, lv, which, &dmt);

	if (r)
		return r;
	dm_get_next_target(dmt, NULL, &start, &length, &type, &params);
	if (!type)
		r = -ENODEV;
	else if ((size_t)snprintf(buf, len, "%s", params ? params : "") >= len)
		r = -ENOSPC;
	dm_task_destroy(dmt);
	return r;
}

int lv_dev_message(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		   const char *msg)
{
	struct dev_id id;
	struct dm_task *dmt;
	int r;

	if ((r = live_ids(cmd, lv, which, &id)))
		return r;
	if (!(dmt = dmt_new(DM_DEVICE_TARGET_MSG, id.uuid)))
		return -ENOMEM;
	if (!dm_task_set_sector(dmt, 0) || !dm_task_set_message(dmt, msg)) {
		dm_task_destroy(dmt);
		return -ENOMEM;
	}
	log_verbose("Sending message \"%s\" to %s.", msg, id.name);
	return dmt_run(dmt, "send a message to", id.name);
}

int lv_dev_path(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which, char *buf,
		size_t len)
{
	struct dev_id id;
	int r;

	if ((r = live_ids(cmd, lv, which, &id)))
		return r;
	return (size_t)snprintf(buf, len, "%s/%s", dm_dir(), id.name) < len ? 0 : -ENAMETOOLONG;
}

int lv_zero(struct cmd *cmd, const struct lv *lv, uint64_t bytes)
{
	char path[PATH_MAX];
	static char zeros[65536];
	uint64_t done = 0;
	size_t n;
	int fd, r;

	if (cmd->test_mode)
		return 0;
	if ((r = lv_dev_path(cmd, lv, PLVM_DEV_TOP, path, sizeof(path))))
		return r;
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
		log_error("Failed to open %s to wipe it: %s.", path, strerror(errno));
		return -errno;
	}
	for (; done < bytes; done += n) {
		n = bytes - done < sizeof(zeros) ? (size_t)(bytes - done) : sizeof(zeros);
		if (pwrite(fd, zeros, n, (off_t)done) != (ssize_t)n)
			break;
	}
	r = done < bytes || fsync(fd) ? -EIO : 0;
	if (r)
		log_error("Failed to wipe %s.", path);
	close(fd);
	return r;
}

/* ---- events ---- */

static int event_nr(const char *uuid, uint32_t *nr)
{
	struct dm_info info;
	int r = dmt_info_uuid(uuid, &info);

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

int lv_wait_event_nr(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		     uint32_t *last, unsigned timeout_ms)
{
	uint64_t end = now_ms() + timeout_ms;
	struct dev_id id;
	uint32_t nr;
	int r;

	if ((r = live_ids(cmd, lv, which, &id)))
		return r;
	for (;;) {
		if ((r = event_nr(id.uuid, &nr)))
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

int lv_wait_event(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		  unsigned timeout_ms)
{
	struct dev_id id;
	uint32_t nr;
	int r;

	if ((r = live_ids(cmd, lv, which, &id)) || (r = event_nr(id.uuid, &nr)))
		return r;
	return lv_wait_event_nr(cmd, lv, which, &nr, timeout_ms);
}
