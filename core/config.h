/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Configuration: $PLVM_SYSTEM_DIR/plvm.conf in libconfig syntax, with
 * LVM2's section and key names, plus conf.d/ drop-ins read in name order
 * (later ones win), plus a --config override string in LVM2 syntax, which
 * wins over both.  Paths are "section/key".  Layers are searched key by
 * key: a key set in a higher layer hides the same key below, other keys of
 * the same section still come from below.  Lists are never concatenated.
 *
 * $sys_dir is $PLVM_SYSTEM_DIR, else PLVM_SYSCONFDIR (core/cmd.c).  Keys of
 * our own, besides LVM2's:
 *	plugins/dir	absolute directory of the segment-type plugins
 *			($PLVM_PLUGIN_DIR wins; default PLUGINDIR)
 *	plugins/load	module names to load, in order; unset: every *.so
 *			of the directory in name order; [] loads none
 *	plugins/disable	module names never to load
 *	plugins/modules/NAME = "/abs/dir/NAME"
 *			a module outside plugins/dir, loaded as well; each
 *			plugin package or out-of-tree plugin ships a conf.d
 *			drop-in with its own key
 */
#ifndef PLVM_CONFIG_H
#define PLVM_CONFIG_H

#include <stddef.h>
#include <stdint.h>

struct config;

/* 0 or -errno; a missing plvm.conf is not an error, a bad one is (-EINVAL,
 * logged with file and line). */
int config_load(struct config **out, const char *sys_dir, const char *override);
void config_free(struct config *cfg);
/* 0 if the --config string @override parses (within the metadata texts'
 * limits), else -EINVAL with the reason logged; a command refuses its
 * command line then (LVM2 exits 3), before reading any file. */
int config_override_check(const char *override);

/* --commandprofile @name: the settings of @dir/@name.profile (LVM2 syntax)
 * under the --config override and over the files, once per command.  0;
 * -EINVAL for a bad name, else -errno; LVM2's messages logged, every
 * setting LVM2 does not let a command profile hold named. */
int config_add_profile(struct config *cfg, const char *dir, const char *name);

/* The value at @path, or @def when unset or of another type (a float is
 * truncated, a bool is 0/1).  @cfg may be NULL (all defaults). */
int64_t config_int(const struct config *cfg, const char *path, int64_t def);
const char *config_str(const struct config *cfg, const char *path, const char *def);
/* A list of strings (a single string counts as a list of one; non-strings
 * are skipped).  Returns the count and sets *out to a NULL-terminated array
 * owned by @cfg.  Unset: 0 and *out NULL; set but empty: 0 and *out an
 * empty array.  -ENOMEM on allocation failure. */
int config_str_list(const struct config *cfg, const char *path, const char *const **out);
/* The names of the keys of @section in every layer, each once, as a
 * NULL-terminated array owned by @cfg; their number.  0 (and *out NULL)
 * when @cfg is NULL, -ENOMEM. */
int config_keys(const struct config *cfg, const char *section, const char *const **out);

/* The value at @path as LVM2's config syntax writes it (42, "text",
 * ["a","b"]) in @buf: 0, -ENOENT when unset, -EISDIR for a section,
 * -ENAMETOOLONG when it does not fit. */
int config_value_text(const struct config *cfg, const char *path, char *buf, size_t len);

#endif /* PLVM_CONFIG_H */
