/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Devices files, in LVM2's format: in the system dir's devices/ directory,
 * one device a line as "IDTYPE=type IDNAME=id DEVNAME=path PVID=pvid"
 * ("PART=n" too for a partition), '#' comments, a "VERSION=1.1.N" line the
 * writer bumps.  With a devices file in use a command sees only the
 * devices its entries name (an entry is found by its IDTYPE and IDNAME:
 * devname, sys_wwid, sys_serial, mpath_uuid, crypt_uuid, lvmlv_uuid,
 * md_uuid, loop_file) and devices/filter and devices/global_filter do
 * not apply.  A devices file that does not exist is not in use, unless the
 * command may create it (it then starts empty).
 */
#ifndef PLVM_DEVFILE_H
#define PLVM_DEVFILE_H

#include <stdbool.h>
#include <sys/types.h>

struct cmd;
struct device;
struct devfile;

/* Name @name: LVM2's rules for a devices file name (those of a VG name). */
bool devfile_name_is_valid(const char *name);

/* Set cmd->devfile up for devices file @name of cmd->sys_dir's devices/
 * (NULL: the one devices/use_devicesfile and devices/devicesfile name,
 * "": none); @create: the command may create it.  0 (cmd->devfile stays
 * NULL when none is in use), -EINVAL for a bad name in the configuration
 * (logged), -errno when the file cannot be read. */
int devfile_setup(struct cmd *cmd, const char *name, bool create);
void devfile_free(struct devfile *df);

/* The command may use the devices at @paths (@n of them, kept, not
 * copied) though no entry names them: those it is to add. */
void devfile_allow(struct devfile *df, const char *const *paths, int n);

/* Does an entry of @df name the device @devno (0 for a file) at @path, or
 * is it one devfile_allow() named?  An entry with a PVID names it only when
 * the device's label has that PVID; when it has another (or none) LVM2's
 * warning is logged and the entry's IDNAME is dropped (@df to be written). */
bool devfile_has(struct devfile *df, dev_t devno, const char *path);
/* When the device scan is done, LVM2's warnings: for each entry that named
 * no device (what its reports and scans print), and for each entry whose
 * device held another PVID. */
void devfile_report_missing(const struct devfile *df);
void devfile_report_wrong(const struct devfile *df);

/* PV @pvid (32 characters) is on @dev: the device's entry says so, or a new
 * entry is added for it.  0 or -ENOMEM. */
int devfile_add_pv(struct devfile *df, const struct device *dev, const char *pvid);
/* The PV on @dev is gone: its entry, if any, keeps the device, "PVID=.". */
void devfile_pv_gone(struct devfile *df, const struct device *dev);

/* Write @df back when it changed, its version bumped.  0 or -errno. */
int devfile_write(struct devfile *df, const char *cmd_name);

#endif /* PLVM_DEVFILE_H */
