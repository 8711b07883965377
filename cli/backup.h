/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The backup-file reader of vgcfgrestore (cli/backup.c), on its own so the
 * fuzz target can feed it.
 */
#ifndef PLVM_CLI_BACKUP_H
#define PLVM_CLI_BACKUP_H

#include <stddef.h>

struct cmd;
struct vg;

/* The VG of the backup file text @text (@len bytes, read from @path),
 * which must be VG @name and pass text_import() (and so vg_validate()).
 * NULL with the reason logged. */
struct vg *backup_import(struct cmd *cmd, const char *text, size_t len, const char *path,
			 const char *name);

#endif /* PLVM_CLI_BACKUP_H */
