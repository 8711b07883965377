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
/* Limits of a metadata text (LVM2 writes sections 5 deep, and a few MiB
 * for thousands of LVs): the parser recurses once per level. */
#define TEXT_MAX_DEPTH	32
#define TEXT_MAX_BYTES	(128u << 20)
/* 0 if @text (@len bytes) is within TEXT_MAX_BYTES and nests sections at
 * most TEXT_MAX_DEPTH deep, as dm_config's parser splits it into tokens;
 * else -E2BIG or -EINVAL with the reason logged, naming the text @what.
 * Run before any dm_config parse of text from outside (metadata, backup
 * files, --config strings): the parser recurses once per level. */
int text_check_limits(const char *text, size_t len, const char *what);
/* Parse metadata text into a tree, or NULL with the reason logged (bad
 * syntax, a key LVM2 would not write, more than TEXT_MAX_BYTES or sections
 * nested more than TEXT_MAX_DEPTH deep).  A key or section given twice stays
 * twice in the tree: text_import_tree() refuses it, while the label scan
 * can still tell which VG the text is of.  Free with dm_config_destroy()
 * (core/text_parse.c). */
struct dm_config_tree *text_parse(const char *text, size_t len);
/* 0 if no section of the tree whose first node is @root (top level
 * included) has a key twice; else -EINVAL with the key and the section's
 * path logged, or -ENOMEM. */
int text_check_unique(const struct dm_config_node *root);
/* text_import() from a tree text_parse() made; the tree is not changed. */
struct vg *text_import_tree(struct cmd *cmd, const struct dm_config_tree *cft);
/* Parse one VG's metadata text.  NULL on error, with the reason logged;
 * a VG that fails vg_validate() (core/validate.h) is an error too.
 * Segment types nobody provides become unknown types that keep their text. */
struct vg *text_import(struct cmd *cmd, const char *text, size_t len);
/* The VG name a tree text_parse() made describes, without building the
 * VG, or NULL; it lives as long as the tree. */
const char *text_tree_vg_name(const struct dm_config_tree *cft);
/* The same from the text (malloc'd), or NULL. */
char *text_vg_name(const char *text, size_t len);
/* Metadata text for @vg: the on-disk form, or with @backup the file form
 * (header comments first).  malloc'd, NULL on error. */
char *text_export(struct vg *vg, bool backup, const char *description);
/* text_export() in two steps: the text of @vg's own section (malloc'd,
 * NULL on error), then a whole text around such a section (@vg names the
 * VG in messages only).  A section written once serves the metadata areas
 * and the backup file. */
char *text_export_vg(struct vg *vg);
char *text_export_wrap(struct vg *vg, const char *vgtext, bool backup, const char *description);

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
/* A copy of @cn in @mem with its values and children, and its siblings too
 * with @siblings; the copy has no parent.  Lists and sibling chains are
 * copied in loops, so the stack grows with the nesting only (libdm's
 * clone recurses along them).  NULL on ENOMEM. */
struct dm_config_node *cfg_clone(struct dm_pool *mem, const struct dm_config_node *cn,
				 bool siblings);
/* The direct child of @section named @key (the first, if there are more), or
 * NULL; and its value when that is a string or an integer, else @def. */
struct dm_config_node *cfg_child(const struct dm_config_node *section, const char *key);
const char *cfg_child_str(const struct dm_config_node *section, const char *key,
			  const char *def);
int64_t cfg_child_int(const struct dm_config_node *section, const char *key, int64_t def);
/* The string list @key of @section holds @word. */
bool cfg_list_has(const struct dm_config_node *section, const char *key, const char *word);

#endif /* PLVM_TEXT_H */
