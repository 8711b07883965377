/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2 text metadata <-> the model, through libdevmapper's dm_config.
 */
#ifndef PLVM_TEXT_H
#define PLVM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cmd;
struct vg;
struct dm_pool;
struct dm_config_node;

struct dm_config_tree;
/* Parse metadata text into a tree (checked as text_import does), or NULL
 * with the reason logged.  Free with dm_config_destroy(). */
struct dm_config_tree *text_parse(const char *text, size_t len);
/* text_import() from a tree text_parse() made; the tree is not changed. */
struct vg *text_import_tree(struct cmd *cmd, const struct dm_config_tree *cft);
/* Parse one VG's metadata text.  NULL on error, with the reason logged.
 * Segment types nobody provides become unknown types that keep their text. */
struct vg *text_import(struct cmd *cmd, const char *text, size_t len);
/* The VG name a metadata text describes, without building the VG
 * (malloc'd), or NULL. */
char *text_vg_name(const char *text, size_t len);
/* Metadata text for @vg: the on-disk form, or with @backup the file form
 * (header comments first).  malloc'd, NULL on error. */
char *text_export(struct vg *vg, bool backup, const char *description);

#define TEXT_CONTENTS	"Text Format Volume Group"

/* Status words and their ST_* bits (core/text_import.c), in the order
 * LVM2 writes them; entries with !written are read but never written. */
struct text_flag {
	uint64_t bit;
	const char *name;
	bool written;
};
extern const struct text_flag text_vg_status[], text_pv_status[], text_pv_flags[],
	text_lv_status[];
uint64_t text_flag_bit(const struct text_flag *tbl, const char *name);	/* 0 if unknown */
int text_alloc_policy(const char *name);	/* enum alloc_policy, or -1 */
const char *text_alloc_name(int policy);	/* NULL if out of range */

/*
 * dm_config tree builders (core/meta.c), used by export and by the
 * plvm_meta setters.  Nodes come from @mem; each add appends a child of
 * @parent, so children keep the order they were added in.  0 or -ENOMEM.
 */
void cfg_append(struct dm_config_node *parent, struct dm_config_node *cn);
struct dm_config_node *cfg_add_section(struct dm_pool *mem, struct dm_config_node *parent,
				       const char *key);	/* NULL on ENOMEM */
int cfg_add_int(struct dm_pool *mem, struct dm_config_node *parent, const char *key, int64_t val);
int cfg_add_str(struct dm_pool *mem, struct dm_config_node *parent, const char *key,
		const char *val);
/* key = ["a", "b"]; a NULL or empty @list writes [] */
int cfg_add_strlist(struct dm_pool *mem, struct dm_config_node *parent, const char *key,
		    const char *const *list);
/* The direct child of @section named @key, or NULL. */
struct dm_config_node *cfg_child(const struct dm_config_node *section, const char *key);

#endif /* PLVM_TEXT_H */
