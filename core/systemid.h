/* SPDX-License-Identifier: GPL-2.0-or-later */
/* System IDs: which VGs belong to another host (core/systemid.c). */
#ifndef PLVM_SYSTEMID_H
#define PLVM_SYSTEMID_H
#include <stdbool.h>

struct cmd;
struct vg;

#define SYSTEM_ID_MAX	128	/* characters; a buffer holds one more */

/* @str as a system ID in @out (SYSTEM_ID_MAX + 1 bytes), as LVM2 reads one:
 * leading punctuation dropped, characters other than [A-Za-z0-9.+_-]
 * left out, at most SYSTEM_ID_MAX kept.  An empty @str is "" (warned); false
 * (warned) when nothing is left or the ID begins with "localhost". */
bool system_id_parse(const char *str, char *out);
/* This host's system ID from global/system_id_source, or NULL (none).  The
 * first call reads the source and warns as LVM2 does when it yields none. */
const char *local_system_id(struct cmd *cmd);
/* @system_id (NULL or "": none) is not this host's. */
bool system_id_is_foreign(struct cmd *cmd, const char *system_id);
/* @vg names a system ID that is not this host's. */
bool vg_is_foreign(struct cmd *cmd, const struct vg *vg);
/* LVM2's refusal of foreign VG @vg_name: said at once when this host has
 * no ID; with one, LVM2 says it only for a VG named on the command line
 * (vg_foreign_again). */
void vg_foreign_say(struct cmd *cmd, const char *vg_name, const char *system_id);
/* The last refusal, for a VG named on the command line (LVM2 says it
 * twice when this host has no ID). */
void vg_foreign_again(struct cmd *cmd);

#endif /* PLVM_SYSTEMID_H */
