/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgexport, vgimport and the system IDs vgcreate and vgchange set
 * (cli/vgowner.c).  Exit codes, reasons said. */
#ifndef PLVM_VGOWNER_H
#define PLVM_VGOWNER_H

struct args;
struct cmd;

/* vgcreate's --systemid (else this host's ID) in @system_id
 * (SYSTEM_ID_MAX + 1 bytes), and its --shared and --locktype, refused as
 * LVM2 refuses them without lvmlockd ("none" is taken). */
int vgcreate_owner_args(struct cmd *cmd, const struct args *a, char *system_id);
/* vgchange --systemid ID VG. */
int vgchange_system_id(struct cmd *cmd, struct args *a);

#endif /* PLVM_VGOWNER_H */
