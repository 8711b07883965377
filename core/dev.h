/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Block devices.  The list comes from libudev when udev runs, and from
 * /sys/block plus /dev/mapper when it does not (DM_DISABLE_UDEV=1), then
 * passes devices/global_filter and devices/filter (LVM2 "a|re|" / "r|re|"
 * patterns).  Each device is opened once per command.  A regular file is
 * accepted as a device when named explicitly (tests use that).
 */
#ifndef PLVM_DEV_H
#define PLVM_DEV_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <libdevmapper.h>

struct cmd;

struct device {
	struct dm_list list;
	const char *path;	/* the name the user or the scan gave */
	dev_t devno;		/* 0 for a regular file */
	uint64_t size;		/* sectors */
	int fd;			/* -1 while closed */
	bool writable;
};

/* Build cmd->devs (once; later calls return 0 at once).  0 or -errno. */
int dev_scan(struct cmd *cmd);
/* The device for @path after the filters (a path the scan did not list is
 * looked up directly, then filtered).  NULL with errno set. */
struct device *dev_get(struct cmd *cmd, const char *path);
/* Iterate over the filtered devices. */
struct device *dev_next(struct cmd *cmd, struct device *prev);
bool dev_passes_filter(struct cmd *cmd, const char *path);
/* Close and free every device of cmd->devs (for cmd_destroy). */
void dev_cache_destroy(struct cmd *cmd);

int dev_open(struct device *dev, bool write);		/* 0 or -errno; idempotent */
void dev_close(struct device *dev);
int dev_read(struct device *dev, uint64_t offset, size_t len, void *buf);	/* bytes; short = -EIO */
int dev_write(struct device *dev, uint64_t offset, size_t len, const void *buf);
int dev_flush(struct device *dev);

/* For unit tests: a device over a file, outside any cmd. */
struct device *dev_open_file(const char *path, bool write);
void dev_free(struct device *dev);

#endif /* PLVM_DEV_H */
