/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plugin loader and the segment-type registry.  A module is opened with
 * libltdl, its descriptor checked from top to bottom, and only then are its
 * types registered and its init() called; any failure closes the module
 * again with a logged reason and leaves the other plugins alone.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ltdl.h>

#include "cmd.h"
#include "config.h"
#include "host.h"
#include "log.h"
#include "segtype_reg.h"

#define NAME_MAX_LEN	32

static bool name_ok(const char *name, const char *extra)
{
	size_t n = name ? strlen(name) : 0;
	const char *p;

	if (n < 1 || n > NAME_MAX_LEN)
		return false;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		      *p == '-' || (*p && strchr(extra, *p))))
			return false;
	return true;
}

static bool plugin_name_ok(const char *name)
{
	return name_ok(name, "");
}

static bool segtype_name_ok(const char *name)
{
	return name_ok(name, "+");
}

static struct segtype *find_raw(struct cmd *cmd, const char *name)
{
	struct segtype *st;

	dm_list_iterate_items(st, &cmd->segtypes)
		if (!strcmp(st->name, name))
			return st;
	return NULL;
}

const struct segtype *segtype_find(struct cmd *cmd, const char *name)
{
	const struct segtype *st = name ? find_raw(cmd, name) : NULL;

	if (st && st->alias_of)
		return st->alias_of;
	return st;
}

static const struct segtype *claiming(struct cmd *cmd, const char *name, size_t n)
{
	const char *const *suf;
	struct segtype *st;
	size_t k;

	dm_list_iterate_items(st, &cmd->segtypes)
		for (suf = st->desc && !st->alias_of ? st->desc->lv_suffixes : NULL;
		     suf && *suf; suf++) {
			k = strlen(*suf);
			if (n > k && !strcmp(name + n - k, *suf))
				return st;
		}
	return NULL;
}

/* A report asks this for each LV once per field: the last answer is kept
 * (and forgotten when the types change). */
const struct segtype *segtype_claiming(struct cmd *cmd, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (cmd->claim.valid && !strcmp(cmd->claim.name, name ? name : ""))
		return cmd->claim.st;
	cmd->claim.st = claiming(cmd, name, n);
	cmd->claim.valid = n < sizeof(cmd->claim.name);
	if (cmd->claim.valid)
		memcpy(cmd->claim.name, name ? name : "", n + 1);
	return cmd->claim.st;
}

const struct segtype *segtype_find_caps(struct cmd *cmd, uint64_t caps)
{
	struct segtype *st;

	dm_list_iterate_items(st, &cmd->segtypes)
		if (!segtype_has(st, PLVM_SEG_ALIAS) && !segtype_has(st, PLVM_SEG_UNKNOWN) &&
		    segtype_has(st, caps))
			return st;
	return NULL;
}

/* ---- checks of a descriptor, before anything is registered ---- */

static int table_small(const struct plugin *p, const struct plvm_segtype *t, const char *what,
		       size_t have, size_t want)
{
	log_error("Plugin %s: segment type %s: %s table too small (%zu < %zu).", p->name,
		  t->name, what, have, want);
	return -EINVAL;
}

static int check_sizes(const struct plugin *p, const struct plvm_segtype *t)
{
	if (!t->meta || !t->dev) {
		log_error("Plugin %s: segment type %s has no %s callbacks.", p->name, t->name,
			  t->meta ? "device" : "metadata");
		return -EINVAL;
	}
	if (t->meta->size < PLVM_META_OPS_V2_SIZE)
		return table_small(p, t, "metadata", t->meta->size, PLVM_META_OPS_V2_SIZE);
	if (t->dev->size < PLVM_DEV_OPS_V2_SIZE)
		return table_small(p, t, "device", t->dev->size, PLVM_DEV_OPS_V2_SIZE);
	if (t->cmd && t->cmd->size < PLVM_CMD_OPS_V2_SIZE)
		return table_small(p, t, "command", t->cmd->size, PLVM_CMD_OPS_V2_SIZE);
	if (t->report && t->report->size < PLVM_REPORT_OPS_V2_SIZE)
		return table_small(p, t, "report", t->report->size, PLVM_REPORT_OPS_V2_SIZE);
	if (t->move && t->move->size < PLVM_MOVE_OPS_V2_SIZE)
		return table_small(p, t, "move", t->move->size, PLVM_MOVE_OPS_V2_SIZE);
	return 0;
}

static const char *missing_op(const struct plvm_segtype *t)
{
	const struct plvm_move_ops *mv = t->move;

	if (!t->meta->import_area_count && !(t->caps & PLVM_SEG_VIRTUAL))
		return "import_area_count";
	if (!t->meta->import)
		return "import";
	if (!t->meta->export)
		return "export";
	if (!t->dev->build_table)
		return "build_table";
	if ((t->caps & PLVM_SEG_CAN_SPLIT) && !t->meta->split)
		return "split (it declares CAN_SPLIT)";
	if ((t->caps & PLVM_SEG_CAN_ENCAPSULATE) && (!mv || !mv->encapsulate))
		return "encapsulate (it declares CAN_ENCAPSULATE)";
	if ((t->caps & PLVM_SEG_CAN_MERGE) && !t->meta->merge)
		return "merge (it declares CAN_MERGE)";
	if ((t->caps & (PLVM_SEG_PLAIN | PLVM_SEG_PVMOVE_MIRROR)) && !t->meta->init_seg)
		return "init_seg (it declares PLAIN or PVMOVE_MIRROR)";
	return NULL;
}

static int check_ops(const struct plugin *p, const struct plvm_segtype *t)
{
	const char *missing;
	int r = check_sizes(p, t);

	if (r)
		return r;
	if ((missing = missing_op(t))) {
		log_error("Plugin %s: segment type %s lacks mandatory callback %s.",
			  p->name, t->name, missing);
		return -EINVAL;
	}
	return 0;
}

/* ---- declared options and fields ---- */

static bool opt_name_ok(const char *name)
{
	const char *c;

	if (!name || !(*name >= 'a' && *name <= 'z') || strlen(name) > 40)
		return false;
	for (c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return false;
	return true;
}

static int opt_wrong(const struct plugin *p, const struct plvm_option *o, const char *why)
{
	log_error("Plugin %s: option --%s %s.", p->name, o->name ? o->name : "(null)", why);
	return -EINVAL;
}

/* Another type's declaration of the same option must be the same. */
static int opt_against(const struct plugin *p, const struct plvm_option *o,
		       const struct plvm_option *q)
{
	if (!strcmp(o->name, q->name)) {
		if (o->letter != q->letter || o->kind != q->kind)
			return opt_wrong(p, o, "is declared differently by another type");
		return 0;
	}
	if (o->letter && o->letter == q->letter && (o->commands & q->commands))
		return opt_wrong(p, o, "takes a letter another type's option has");
	return 0;
}

static int opt_against_all(struct cmd *cmd, const struct plugin *p, const struct plvm_option *o)
{
	const struct plvm_option *const *q;
	struct segtype *st;
	int r;

	dm_list_iterate_items(st, &cmd->segtypes)
		for (q = st->desc && !st->alias_of ? st->desc->options : NULL; q && *q; q++)
			if ((r = opt_against(p, o, *q)))
				return r;
	return 0;
}

static int check_option(struct cmd *cmd, const struct plugin *p, const struct plvm_option *o)
{
	char why[128] = "";

	if (o->size < PLVM_OPTION_V2_SIZE)
		return opt_wrong(p, o, "has a descriptor too small");
	if (!opt_name_ok(o->name))
		return opt_wrong(p, o, "has an invalid name");
	if (o->kind < PLVM_OPT_FLAG || o->kind > PLVM_OPT_PV || !o->commands || !o->help)
		return opt_wrong(p, o, "lacks a kind, commands or help");
	if (o->kind == PLVM_OPT_ENUM && (!o->choices || !o->choices[0]))
		return opt_wrong(p, o, "has no choices");
	if (cmd->reserved && cmd->reserved->option_clash &&
	    cmd->reserved->option_clash(o, why, sizeof(why)))
		return opt_wrong(p, o, why);
	return opt_against_all(cmd, p, o);
}

static int field_wrong(const struct plugin *p, const struct plvm_field *f, const char *why)
{
	log_error("Plugin %s: report field %s %s.", p->name, f->name ? f->name : "(null)", why);
	return -EINVAL;
}

static int check_field(struct cmd *cmd, const struct plugin *p, const struct plvm_field *f)
{
	const struct plvm_field *const *q;
	struct segtype *st;

	if (f->size < PLVM_FIELD_V2_SIZE)
		return field_wrong(p, f, "has a descriptor too small");
	if (!segtype_name_ok(f->name) || !f->heading || !f->help ||
	    f->kind < PLVM_FIELD_STR || f->kind > PLVM_FIELD_PCT)
		return field_wrong(p, f, "lacks a valid name, heading, kind or help");
	if (cmd->reserved && cmd->reserved->field_clash && cmd->reserved->field_clash(f->name))
		return field_wrong(p, f, "has the name of a built-in field");
	dm_list_iterate_items(st, &cmd->segtypes)
		for (q = st->desc && !st->alias_of ? st->desc->fields : NULL; q && *q; q++)
			if (!strcmp((*q)->name, f->name) && (*q)->kind != f->kind)
				return field_wrong(p, f, "is declared with another kind by another type");
	return 0;
}

static int check_decls(struct cmd *cmd, const struct plugin *p, const struct plvm_segtype *t)
{
	const struct plvm_option *const *o;
	const struct plvm_field *const *f;
	const struct plvm_config_key *const *k;
	int r;

	for (o = t->options; o && *o; o++)
		if ((r = check_option(cmd, p, *o)))
			return r;
	for (f = t->fields; f && *f; f++)
		if ((r = check_field(cmd, p, *f)))
			return r;
	for (k = t->config; k && *k; k++)
		if ((*k)->size < PLVM_CONFIG_KEY_V2_SIZE || !(*k)->path || !(*k)->help) {
			log_error("Plugin %s: segment type %s declares a bad configuration key.",
				  p->name, t->name);
			return -EINVAL;
		}
	return 0;
}

static int check_segtype(struct cmd *cmd, const struct plugin *p, const struct plvm_segtype *t)
{
	struct segtype *old;

	if (t->size < PLVM_SEGTYPE_V2_SIZE) {
		log_error("Plugin %s: segment type descriptor too small (%zu < %zu).",
			  p->name, t->size, (size_t)PLVM_SEGTYPE_V2_SIZE);
		return -EINVAL;
	}
	if (!segtype_name_ok(t->name)) {
		log_error("Plugin %s: invalid segment type name \"%s\".", p->name,
			  t->name ? t->name : "(null)");
		return -EINVAL;
	}
	old = find_raw(cmd, t->name);
	if (old) {
		log_error("Duplicate segment type %s from plugin %s (already from %s).", t->name,
			  p->name, old->plugin ? old->plugin->name : "the core");
		return -EEXIST;
	}
	if (t->caps & PLVM_SEG_UNKNOWN) {
		log_error("Plugin %s: segment type %s claims the host-only UNKNOWN flag.",
			  p->name, t->name);
		return -EINVAL;
	}
	if ((t->caps & PLVM_SEG_ALIAS) && !t->alias_of) {
		log_error("Plugin %s: alias %s names no type.", p->name, t->name);
		return -EINVAL;
	}
	if (t->caps & PLVM_SEG_ALIAS)
		return 0;
	return check_ops(p, t) ?: check_decls(cmd, p, t);
}

static int check_segtypes(struct cmd *cmd, const struct plugin *p)
{
	const struct plvm_segtype *const *t, *const *u;
	int r;

	if (!p->desc->segtypes || !p->desc->segtypes[0]) {
		log_error("Plugin %s provides no segment type.", p->name);
		return -EINVAL;
	}
	for (t = p->desc->segtypes; *t; t++) {
		r = check_segtype(cmd, p, *t);
		if (r)
			return r;
		for (u = p->desc->segtypes; u != t; u++)
			if (!strcmp((*u)->name, (*t)->name)) {
				log_error("Plugin %s lists segment type %s twice.", p->name,
					  (*t)->name);
				return -EEXIST;
			}
	}
	return 0;
}

static int check_plugin(struct cmd *cmd, struct plugin *p)
{
	const struct plvm_segtype_plugin *d = p->desc;

	if (d->abi_major != PLVM_SEGTYPE_ABI_MAJOR) {
		log_error("Plugin %s was built for plugin ABI %u.%u; this plvm has plugin ABI %u.%u.",
			  p->name, d->abi_major, d->abi_minor, PLVM_SEGTYPE_ABI_MAJOR,
			  PLVM_SEGTYPE_ABI_MINOR);
		return -EPROTO;
	}
	if (d->size < PLVM_PLUGIN_V2_SIZE) {
		log_error("Plugin %s: descriptor too small (%zu < %zu).", p->name, d->size,
			  (size_t)PLVM_PLUGIN_V2_SIZE);
		return -EPROTO;
	}
	if (!d->name || strcmp(d->name, p->name)) {
		log_error("Plugin %s calls itself \"%s\"; the name must equal the module's.",
			  p->name, d->name ? d->name : "(null)");
		return -EINVAL;
	}
	return check_segtypes(cmd, p);
}

/* ---- registration ---- */

static void unregister_types(struct cmd *cmd, const struct plugin *p)
{
	struct segtype *st, *tmp;

	cmd->claim.valid = false;
	dm_list_iterate_items_safe(st, tmp, &cmd->segtypes)
		if (st->plugin == p)
			dm_list_del(&st->list);
}

static int resolve_alias(struct cmd *cmd, struct plugin *p, struct segtype *st)
{
	struct segtype *target = find_raw(cmd, st->desc->alias_of);

	if (!target || target->alias_of) {
		log_error("Plugin %s: alias %s names %s, which is not a registered type.",
			  p->name, st->name, st->desc->alias_of);
		return -EINVAL;
	}
	st->alias_of = target;
	return 0;
}

static int register_types(struct cmd *cmd, struct plugin *p)
{
	const struct plvm_segtype *const *t;
	struct segtype *st;
	int r;

	cmd->claim.valid = false;
	for (t = p->desc->segtypes; *t; t++) {
		st = dm_pool_zalloc(cmd->mem, sizeof(*st));
		if (!st)
			return -ENOMEM;
		st->name = (*t)->name;
		st->caps = (*t)->caps;
		st->desc = *t;
		st->plugin = p;
		dm_list_add(&cmd->segtypes, &st->list);
	}
	dm_list_iterate_items(st, &cmd->segtypes)
		if (st->plugin == p && (st->caps & PLVM_SEG_ALIAS)) {
			r = resolve_alias(cmd, p, st);
			if (r)
				return r;
		}
	return 0;
}

static int plugin_start(struct cmd *cmd, struct plugin *p)
{
	int r = check_plugin(cmd, p);

	if (r)
		return r;
	r = register_types(cmd, p);
	if (r)
		goto fail;
	if (p->desc->init) {
		r = p->desc->init(&p->host, host_api());
		if (r) {
			log_error("Plugin %s failed to initialise: %s.", p->name, strerror(-r));
			goto fail;
		}
	}
	p->initialized = true;
	return 0;
fail:
	unregister_types(cmd, p);
	return r < 0 ? r : -EINVAL;
}

/* ---- opening modules ---- */

/* The entry point gave nothing for this host: say what it was built for,
 * if it answers an older host (every descriptor starts with its ABI). */
static void entry_refused(const struct plugin *p, plvm_segtype_entry_fn entry)
{
	const struct plvm_segtype_plugin *d = NULL;
	uint32_t major;

	for (major = PLVM_SEGTYPE_ABI_MAJOR - 1; major >= 1 && !d; major--)
		d = entry(major, 0);
	if (d)
		log_error("Plugin %s was built for plugin ABI %u.%u; this plvm has plugin ABI "
			  "%u.%u.", p->name, d->abi_major, d->abi_minor, PLVM_SEGTYPE_ABI_MAJOR,
			  PLVM_SEGTYPE_ABI_MINOR);
	else
		log_error("Plugin %s does not support plugin ABI %u.%u.", p->name,
			  PLVM_SEGTYPE_ABI_MAJOR, PLVM_SEGTYPE_ABI_MINOR);
}

static int module_open(struct plugin *p, const char *path)
{
	plvm_segtype_entry_fn entry;
	lt_dladvise advise;
	int r = -EIO;

	if (lt_dladvise_init(&advise) || lt_dladvise_ext(&advise) || lt_dladvise_local(&advise)) {
		log_error("Cannot set up the module loader: %s", lt_dlerror());
		goto out;
	}
	p->handle = lt_dlopenadvise(path, advise);
	if (!p->handle) {
		log_error("Cannot open plugin %s (%s): %s", p->name, path, lt_dlerror());
		r = -ENOENT;
		goto out;
	}
	*(void **)&entry = lt_dlsym(p->handle, PLVM_SEGTYPE_ENTRY);
	if (!entry) {
		log_error("Plugin %s has no entry point %s_LTX_%s.", p->name, p->name,
			  PLVM_SEGTYPE_ENTRY);
		goto out;
	}
	p->desc = entry(PLVM_SEGTYPE_ABI_MAJOR, PLVM_SEGTYPE_ABI_MINOR);
	if (!p->desc) {
		entry_refused(p, entry);
		r = -EPROTO;
		goto out;
	}
	r = 0;
out:
	lt_dladvise_destroy(&advise);
	return r;
}

/* "dir/raid.so" or "dir/raid" -> "raid" */
static char *module_name(struct cmd *cmd, const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strchr(base, '.');
	return dm_pool_strndup(cmd->mem, base, dot ? (size_t)(dot - base) : strlen(base));
}

static void plugin_close(struct plugin *p)
{
	if (p->initialized && p->desc->exit)
		p->desc->exit();
	p->initialized = false;
	if (p->handle)
		lt_dlclose(p->handle);
	p->handle = NULL;
}

static int ltdl_ref(struct cmd *cmd)
{
	if (cmd->ltdl_ready)
		return 0;
	if (lt_dlinit()) {
		log_error("Cannot initialise libltdl: %s", lt_dlerror());
		return -EIO;
	}
	cmd->ltdl_ready = true;
	return 0;
}

int plugin_load_file(struct cmd *cmd, const char *path)
{
	struct plugin *p;
	int r = ltdl_ref(cmd);

	if (r)
		return r;
	p = dm_pool_zalloc(cmd->mem, sizeof(*p));
	if (!p || !(p->name = module_name(cmd, path)))
		return -ENOMEM;
	if (!plugin_name_ok(p->name)) {
		log_error("Invalid plugin name \"%s\" (%s).", p->name, path);
		return -EINVAL;
	}
	p->host.cmd = cmd;
	p->host.prefix = p->name;
	r = module_open(p, path);
	if (!r)
		r = plugin_start(cmd, p);
	if (r) {
		plugin_close(p);
		return r;
	}
	dm_list_add(&cmd->plugins, &p->list);
	log_debug("Loaded plugin %s %s.", p->name, p->desc->version ? p->desc->version : "");
	return 0;
}

/* ---- which plugins: configuration and directory ---- */

static const char *plugin_dir(struct cmd *cmd)
{
	const char *dir = getenv("PLVM_PLUGIN_DIR");

	if (!dir || !*dir)
		dir = config_str(cmd->cfg, "plugins/dir", PLUGINDIR);
	if (dir[0] != '/') {
		log_error("Plugin directory %s is not an absolute path.", dir);
		return NULL;
	}
	return dir;
}

static bool is_disabled(struct cmd *cmd, const char *name)
{
	const char *const *list;
	int i, n = config_str_list(cmd->cfg, "plugins/disable", &list);

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static bool loaded(struct cmd *cmd, const char *name)
{
	struct plugin *p;

	dm_list_iterate_items(p, &cmd->plugins)
		if (!strcmp(p->name, name))
			return true;
	return false;
}

static bool module_exists(const char *dir, const char *name)
{
	static const char *const exts[] = { ".la", ".so" };
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s%s", dir, name, exts[i]);
		if (!access(path, F_OK))
			return true;
	}
	return false;
}

static void load_one(struct cmd *cmd, const char *dir, const char *name, bool named)
{
	char path[4096];

	if (!plugin_name_ok(name)) {
		log_warn("WARNING: Ignoring plugin with invalid name \"%s\".", name);
		return;
	}
	if (is_disabled(cmd, name) || loaded(cmd, name))
		return;
	if (named && !module_exists(dir, name)) {
		log_warn("WARNING: Plugin %s named in plugins/load is not in %s.", name, dir);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	plugin_load_file(cmd, path);
}

static int so_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 3 && !strcmp(d->d_name + n - 3, ".so");
}

static int load_dir(struct cmd *cmd, const char *dir)
{
	struct dirent **names = NULL;
	int i, n = scandir(dir, &names, so_filter, alphasort);

	if (n < 0) {
		log_verbose("No plugin directory %s: %s", dir, strerror(errno));
		return 0;
	}
	for (i = 0; i < n; i++) {
		names[i]->d_name[strlen(names[i]->d_name) - 3] = '\0';
		load_one(cmd, dir, names[i]->d_name, false);
		free(names[i]);
	}
	free(names);
	return 0;
}

/* plugins/modules/NAME = "/dir/NAME": modules installed elsewhere. */
static void load_modules(struct cmd *cmd)
{
	const char *const *names;
	char key[128];
	const char *path, *slash;
	int i, n = config_keys(cmd->cfg, "plugins/modules", &names);

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "plugins/modules/%s", names[i]);
		path = config_str(cmd->cfg, key, NULL);
		slash = path ? strrchr(path, '/') : NULL;
		if (!path || path[0] != '/' || !slash || strncmp(slash + 1, names[i], strlen(names[i]))) {
			log_warn("WARNING: Ignoring %s: it must be an absolute path to a module "
				 "named %s.", key, names[i]);
			continue;
		}
		if (!is_disabled(cmd, names[i]) && !loaded(cmd, names[i]))
			plugin_load_file(cmd, path);
	}
}

int plugins_load(struct cmd *cmd)
{
	const char *dir = plugin_dir(cmd);
	const char *const *list;
	int i, n;

	if (!dir)
		return -EINVAL;
	n = config_str_list(cmd->cfg, "plugins/load", &list);
	if (!list)
		load_dir(cmd, dir);
	for (i = 0; list && i < n; i++)
		load_one(cmd, dir, list[i], true);
	load_modules(cmd);
	return 0;
}

void plugins_unload(struct cmd *cmd)
{
	struct plugin *p;

	dm_list_iterate_back_items(p, &cmd->plugins) {
		unregister_types(cmd, p);
		plugin_close(p);
	}
	dm_list_init(&cmd->plugins);
	if (cmd->ltdl_ready)
		lt_dlexit();
	cmd->ltdl_ready = false;
}
