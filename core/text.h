/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2 text metadata <-> the model, through libdevmapper's dm_config.
 */
#ifndef PLVM_TEXT_H
#define PLVM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct cmd;
struct vg;

/* Parse one VG's metadata text.  NULL on error, with the reason logged.
 * Segment types nobody provides become unknown types that keep their text. */
struct vg *text_import(struct cmd *cmd, const char *text, size_t len);
/* The VG name a metadata text describes, without building the VG
 * (malloc'd), or NULL. */
char *text_vg_name(const char *text, size_t len);
/* Metadata text for @vg: the on-disk form, or with @backup the file form
 * (header comments first).  malloc'd, NULL on error. */
char *text_export(struct vg *vg, bool backup, const char *description);

#endif /* PLVM_TEXT_H */
