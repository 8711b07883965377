/* SPDX-License-Identifier: GPL-2.0-or-later */
/* System IDs: which VGs belong to another host (core/systemid.c). */
#ifndef PLVM_SYSTEMID_H
#define PLVM_SYSTEMID_H
#include <stdbool.h>

struct cmd;
struct vg;

/* This host's system ID from global/system_id_source, or NULL (none). */
const char *local_system_id(struct cmd *cmd);
/* @system_id (NULL or "": none) is not this host's. */
bool system_id_is_foreign(struct cmd *cmd, const char *system_id);
/* @vg names a system ID that is not this host's. */
bool vg_is_foreign(struct cmd *cmd, const struct vg *vg);
/* LVM2's refusal of foreign VG @vg_name. */
void vg_foreign_say(struct cmd *cmd, const char *vg_name, const char *system_id);
/* The last refusal once more: LVM2 says it twice for a VG named on the
 * command line. */
void vg_foreign_again(struct cmd *cmd);

#endif /* PLVM_SYSTEMID_H */
