/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Configuration as a stack of layers, searched key by key from the top:
 * the --config override (LVM2 syntax, libdevmapper's parser), then the
 * conf.d drop-ins from the last in name order to the first, then plvm.conf
 * (both libconfig).  A key found in a higher layer hides the same key below.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libconfig.h>
#include <libdevmapper.h>

#include "config.h"
#include "log.h"
#include "text.h"

#define CONFIG_PATH_MAX	4096

struct config {
	struct dm_pool *mem;		/* list arrays handed out by config_str_list */
	struct dm_config_tree *override;	/* --config, cascading to @profile */
	struct dm_config_tree *profile;		/* --commandprofile, or NULL */
	config_t *files;		/* files[0] is plvm.conf, then conf.d in name order */
	int nr_files;
};

static int load_file(struct config *cfg, const char *path, bool must_exist)
{
	config_t *c = &cfg->files[cfg->nr_files];
	FILE *f = fopen(path, "r");

	if (!f) {
		if (errno == ENOENT && !must_exist)
			return 0;
		log_error("Cannot read configuration %s: %s", path, strerror(errno));
		return -errno;
	}
	config_init(c);
	if (config_read(c, f) != CONFIG_TRUE) {
		log_error("%s:%d: %s", path, config_error_line(c), config_error_text(c));
		config_destroy(c);
		fclose(f);
		return -EINVAL;
	}
	fclose(f);
	cfg->nr_files++;
	return 0;
}

static int dropin_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".conf");
}

/* conf.d/ *.conf in name order; a missing directory is fine. */
static int load_dropins(struct config *cfg, const char *sys_dir)
{
	char dir[CONFIG_PATH_MAX], path[CONFIG_PATH_MAX];
	struct dirent **names = NULL;
	config_t *files;
	int i, n, r = 0;

	snprintf(dir, sizeof(dir), "%s/conf.d", sys_dir);
	n = scandir(dir, &names, dropin_filter, alphasort);
	if (n <= 0)
		return 0;
	files = realloc(cfg->files, (cfg->nr_files + n) * sizeof(*files));
	if (!files) {
		r = -ENOMEM;
		goto out;
	}
	cfg->files = files;
	for (i = 0; i < n && !r; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) >= (int)sizeof(path))
			r = -ENAMETOOLONG;
		else
			r = load_file(cfg, path, true);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

static int load_override(struct config *cfg, const char *override)
{
	if (!override || !*override)
		return 0;
	if (text_check_limits(override, strlen(override), "--config setting"))
		return -EINVAL;
	cfg->override = dm_config_from_string(override);
	if (!cfg->override) {
		log_error("Cannot parse --config setting: %s", override);
		return -EINVAL;
	}
	return 0;
}

int config_override_check(const char *override)
{
	struct config cfg = { 0 };
	int r = load_override(&cfg, override);

	if (cfg.override)
		dm_config_destroy(cfg.override);
	return r;
}

int config_load(struct config **out, const char *sys_dir, const char *override)
{
	char path[CONFIG_PATH_MAX];
	struct config *cfg;
	int r = -ENOMEM;

	*out = NULL;
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg)
		return -ENOMEM;
	cfg->mem = dm_pool_create("config", 1024);
	cfg->files = calloc(1, sizeof(*cfg->files));
	if (!cfg->mem || !cfg->files)
		goto fail;
	if (sys_dir) {
		snprintf(path, sizeof(path), "%s/plvm.conf", sys_dir);
		r = load_file(cfg, path, false);
		if (!r)
			r = load_dropins(cfg, sys_dir);
		if (r)
			goto fail;
	}
	r = load_override(cfg, override);
	if (r)
		goto fail;
	*out = cfg;
	return 0;
fail:
	config_free(cfg);
	return r;
}

void config_free(struct config *cfg)
{
	int i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->nr_files; i++)
		config_destroy(&cfg->files[i]);
	free(cfg->files);
	if (cfg->override && cfg->override != cfg->profile)
		dm_config_destroy(cfg->override);
	if (cfg->profile)
		dm_config_destroy(cfg->profile);
	if (cfg->mem)
		dm_pool_destroy(cfg->mem);
	free(cfg);
}

/* The highest libconfig layer that has @path ("section/key"), or NULL. */
static config_setting_t *file_lookup(const struct config *cfg, const char *path)
{
	char dotted[256], *p;
	config_setting_t *s;
	int i;

	snprintf(dotted, sizeof(dotted), "%s", path);
	for (p = dotted; *p; p++)
		if (*p == '/')
			*p = '.';
	for (i = cfg->nr_files - 1; i >= 0; i--) {
		s = config_lookup(&cfg->files[i], dotted);
		if (s)
			return s;
	}
	return NULL;
}

static const struct dm_config_value *override_lookup(const struct config *cfg, const char *path)
{
	const struct dm_config_node *cn;

	if (!cfg || !cfg->override)
		return NULL;
	cn = dm_config_tree_find_node(cfg->override, path);
	return cn ? cn->v : NULL;
}

int64_t config_int(const struct config *cfg, const char *path, int64_t def)
{
	const struct dm_config_value *v = override_lookup(cfg, path);
	config_setting_t *s;

	if (v)
		return v->type == DM_CFG_INT ? v->v.i :
		       v->type == DM_CFG_FLOAT ? (int64_t)v->v.f : def;
	s = cfg ? file_lookup(cfg, path) : NULL;
	if (!s)
		return def;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return config_setting_get_int64(s);
	case CONFIG_TYPE_FLOAT:
		return (int64_t)config_setting_get_float(s);
	case CONFIG_TYPE_BOOL:
		return config_setting_get_bool(s);
	default:
		return def;
	}
}

const char *config_str(const struct config *cfg, const char *path, const char *def)
{
	const struct dm_config_value *v = override_lookup(cfg, path);
	config_setting_t *s;

	if (v)
		return v->type == DM_CFG_STRING ? v->v.str : def;
	s = cfg ? file_lookup(cfg, path) : NULL;
	if (!s || config_setting_type(s) != CONFIG_TYPE_STRING)
		return def;
	return config_setting_get_string(s);
}

static int list_from_override(const struct config *cfg, const struct dm_config_value *v,
			      const char *const **out)
{
	const struct dm_config_value *i;
	const char **arr;
	int n = 0;

	for (i = v; i; i = i->next)
		n += i->type == DM_CFG_STRING;
	arr = dm_pool_zalloc(cfg->mem, (n + 1) * sizeof(*arr));
	if (!arr)
		return -ENOMEM;
	n = 0;
	for (i = v; i; i = i->next)
		if (i->type == DM_CFG_STRING)
			arr[n++] = i->v.str;
	*out = arr;
	return n;
}

static int list_from_file(const struct config *cfg, config_setting_t *s, const char *const **out)
{
	bool scalar = config_setting_type(s) == CONFIG_TYPE_STRING;
	int i, len = scalar ? 1 : config_setting_length(s), n = 0;
	const char **arr, *str;

	arr = dm_pool_zalloc(cfg->mem, (len + 1) * sizeof(*arr));
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < len; i++) {
		str = scalar ? config_setting_get_string(s) : config_setting_get_string_elem(s, i);
		if (str)
			arr[n++] = str;
	}
	*out = arr;
	return n;
}

int config_str_list(const struct config *cfg, const char *path, const char *const **out)
{
	const struct dm_config_value *v = override_lookup(cfg, path);
	config_setting_t *s;

	*out = NULL;
	if (v)
		return list_from_override(cfg, v, out);
	s = cfg ? file_lookup(cfg, path) : NULL;
	if (!s)
		return 0;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_STRING:
	case CONFIG_TYPE_ARRAY:
	case CONFIG_TYPE_LIST:
		return list_from_file(cfg, s, out);
	default:
		return 0;
	}
}

static bool name_seen(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static void keys_add(const char **names, int *n, int max, const char *name)
{
	if (name && *n < max && !name_seen(names, *n, name))
		names[(*n)++] = name;
}

int config_keys(const struct config *cfg, const char *section, const char *const **out)
{
	const struct dm_config_node *sec, *cn;
	const char **names;
	char dotted[256], *p;
	config_setting_t *s;
	int i, k, n = 0, max = 256;

	*out = NULL;
	if (!cfg || !(names = dm_pool_zalloc(cfg->mem, (max + 1) * sizeof(*names))))
		return cfg ? -ENOMEM : 0;
	sec = cfg->override ? dm_config_tree_find_node(cfg->override, section) : NULL;
	for (cn = sec ? sec->child : NULL; cn; cn = cn->sib)
		keys_add(names, &n, max, cn->key);
	snprintf(dotted, sizeof(dotted), "%s", section);
	for (p = dotted; *p; p++)
		if (*p == '/')
			*p = '.';
	for (i = cfg->nr_files - 1; i >= 0; i--) {
		s = config_lookup(&cfg->files[i], dotted);
		for (k = 0; s && config_setting_is_group(s) && k < config_setting_length(s); k++)
			keys_add(names, &n, max, config_setting_name(config_setting_get_elem(s, k)));
	}
	*out = names;
	return n;
}

/* ---- a value as text, for plvm config ---- */

struct textbuf {
	char *p;
	size_t len, used;
};

static void tb_put(struct textbuf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tb_put(struct textbuf *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->p + t->used, t->used < t->len ? t->len - t->used : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->used += (size_t)n;
}

static void override_value_text(const struct dm_config_value *v, bool array, struct textbuf *t)
{
	if (array)
		tb_put(t, "[");
	for (; v; v = v->next) {
		if (v->type == DM_CFG_INT)
			tb_put(t, "%" PRId64, v->v.i);
		else if (v->type == DM_CFG_FLOAT)
			tb_put(t, "%g", v->v.f);
		else if (v->type == DM_CFG_STRING)
			tb_put(t, "\"%s\"", v->v.str);
		if (array && v->next)
			tb_put(t, ",");
	}
	if (array)
		tb_put(t, "]");
}

static int file_value_text(config_setting_t *s, struct textbuf *t)
{
	int i, n;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		tb_put(t, "%lld", config_setting_get_int64(s));
		return 0;
	case CONFIG_TYPE_FLOAT:
		tb_put(t, "%g", config_setting_get_float(s));
		return 0;
	case CONFIG_TYPE_BOOL:
		tb_put(t, "%d", config_setting_get_bool(s));
		return 0;
	case CONFIG_TYPE_STRING:
		tb_put(t, "\"%s\"", config_setting_get_string(s));
		return 0;
	case CONFIG_TYPE_ARRAY:
	case CONFIG_TYPE_LIST:
		tb_put(t, "[");
		n = config_setting_length(s);
		for (i = 0; i < n; i++) {
			if (i)
				tb_put(t, ",");
			file_value_text(config_setting_get_elem(s, (unsigned)i), t);
		}
		tb_put(t, "]");
		return 0;
	default:
		return -EISDIR;
	}
}

int config_value_text(const struct config *cfg, const char *path, char *buf, size_t len)
{
	const struct dm_config_node *cn;
	struct textbuf t = { .p = buf, .len = len };
	config_setting_t *s;
	int r = 0;

	if (len)
		buf[0] = '\0';
	cn = cfg && cfg->override ? dm_config_tree_find_node(cfg->override, path) : NULL;
	if (cn && !cn->v && cn->child)
		return -EISDIR;
	if (cn) {
		override_value_text(cn->v, cn->v && (cn->v->next || (cn->v->format_flags &
						     DM_CONFIG_VALUE_FMT_COMMON_ARRAY)), &t);
	} else {
		s = cfg ? file_lookup(cfg, path) : NULL;
		if (!s)
			return -ENOENT;
		r = file_value_text(s, &t);
	}
	if (!r && t.used >= len)
		r = -ENAMETOOLONG;
	return r;
}

/* ---- command profiles ---- */

/* What LVM2 2.03.16 lets a profile set (its CFG_PROFILABLE settings): the
 * sections, the command profile's keys, and the keys of metadata profiles
 * only. */
static const char *const profile_sections[] = {
	"allocation", "log", "global", "activation", "report", "allocation/cache_settings",
	"allocation/cache_settings/policy_settings", NULL
};
static const char *const command_keys[] = {
	"log/report_command_log", "log/command_log_sort", "log/command_log_cols",
	"log/command_log_selection", "global/units", "global/si_unit_consistency",
	"global/suffix", "global/lvdisplay_shows_full_device_path", "report/*", NULL
};
static const char *const metadata_keys[] = {
	"allocation/cache_*", "allocation/thin_pool_*", "allocation/vdo_*",
	"activation/thin_pool_autoextend_*", "activation/vdo_pool_autoextend_*", NULL
};

static bool listed(const char *const *list, const char *path)
{
	size_t n;

	for (; *list; list++) {
		n = strlen(*list);
		if ((*list)[n - 1] == '*' ? !strncmp(path, *list, n - 1) : !strcmp(path, *list))
			return true;
	}
	return false;
}

/* Warn about each setting of @cn (at @path) a command profile may not hold;
 * the number of them. */
static int profile_check(const struct dm_config_node *cn, const char *path)
{
	char sub[256];
	int bad = 0;

	for (; cn; cn = cn->sib) {
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "/" : "", cn->key);
		if (!cn->v && !listed(profile_sections, sub)) {
			log_warn("Configuration section \"%s\" is not customizable by a profile.", sub);
			bad++;
		} else if (!cn->v) {
			bad += profile_check(cn->child, sub);
		} else if (listed(metadata_keys, sub)) {
			log_warn("Configuration option \"%s\" is customizable by metadata profile "
				 "only, not command profile.", sub);
			bad++;
		} else if (!listed(command_keys, sub)) {
			log_warn("Configuration option \"%s\" is not customizable by a profile.", sub);
			bad++;
		}
	}
	return bad;
}

static struct dm_config_tree *profile_read(const char *path)
{
	struct dm_config_tree *t;
	struct stat st;
	char *text;
	FILE *f;

	if (stat(path, &st)) {
		log_error("%s: stat failed: %s", path, strerror(errno));
		return NULL;
	}
	text = calloc(1, (size_t)st.st_size + 1);
	f = fopen(path, "r");
	if (!text || !f || fread(text, 1, (size_t)st.st_size, f) != (size_t)st.st_size ||
	    !(t = dm_config_from_string(text))) {
		log_error("Failed to load config file %s", path);
		t = NULL;
	}
	if (f)
		fclose(f);
	free(text);
	return t;
}

int config_add_profile(struct config *cfg, const char *dir, const char *name)
{
	char path[CONFIG_PATH_MAX];
	struct dm_config_tree *t;

	if (!*name) {
		log_error("Undefined profile name.");
		return -EINVAL;
	}
	if (strchr(name, '/')) {
		log_error("%s: bad profile name, it contains '/'.", name);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "%s/%s.profile", dir, name);
	if (!(t = profile_read(path)))
		return -ENOENT;
	if (profile_check(t->root, "")) {
		log_error("Ignoring invalid command profile %s.", name);
		dm_config_destroy(t);
		return -EPERM;
	}
	cfg->profile = t;
	cfg->override = cfg->override ? dm_config_insert_cascaded_tree(cfg->override, t) : t;
	return 0;
}
