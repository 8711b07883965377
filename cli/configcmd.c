/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plvm config (and lvmconfig): the configuration in effect, the defaults,
 * what differs from them, or the list of keys: the program's own keys and
 * those each loaded plugin declares (struct plvm_config_key), printed in
 * LVM2's config syntax as lvmconfig prints it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plvm-build.h"
#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "lock.h"
#include "log.h"
#include "segtype_reg.h"

struct key {
	const char *path;	/* "section/key" */
	const char *def;	/* as config text; NULL: none */
	const char *help;
};

/* The keys the program itself reads. */
static const struct key host_keys[] = {
	{ "global/default_segtype", "\"" DEFAULT_SEGTYPE "\"", "Type of a new LV when lvcreate names none." },
	{ "global/mirror_segtype_default", "\"" DEFAULT_MIRROR_SEGTYPE "\"",
	  "Type of a new LV made with lvcreate -m N and no --type." },
	{ "global/event_activation", "1",
	  "Activate a VG when its PVs appear (plvm-pvscan@.service, plvm-autoactivate)." },
	{ "global/locking_dir", "\"" DEFAULT_LOCK_DIR "\"", "Where the per-VG lock files live." },
	{ "global/system_id_source", "\"none\"",
	  "This host's system ID: none, lvmlocal (local/system_id), uname, machineid or file "
	  "(global/system_id_file); a VG whose system ID is another is not used." },
	{ "global/system_id_file", NULL, "The file whose first line is the system ID (source file)." },
	{ "local/system_id", NULL, "The system ID with system_id_source lvmlocal." },
	{ "devices/filter", "[\"a|.*|\"]", "Devices to accept (a|REGEX|) or reject (r|REGEX|)." },
	{ "devices/global_filter", "[\"a|.*|\"]", "The same, for every command." },
	{ "devices/data_alignment", "0", "Alignment of a new PV's data area, KiB (0: the default)." },
	{ "devices/default_data_alignment", "1", "Default alignment of a PV's data area, MiB." },
	{ "devices/scan_lvs", "0", "Look for PVs on LVs too." },
	{ "devices/use_devicesfile", "0",
	  "See only the devices the devices file lists (and not the filters)." },
	{ "devices/devicesfile", "\"system.devices\"",
	  "The devices file, in devices/ of the configuration directory." },
	{ "metadata/pvmetadatacopies", "1", "Metadata areas of a new PV (0, 1 or 2)." },
	{ "metadata/pvmetadatasize", "0", "Size of each metadata area, sectors (0: the default)." },
	{ "backup/backup", "1", "Keep a copy of each VG's metadata after every change." },
	{ "backup/backup_dir", NULL, "Where the copies go (default: backup in the configuration directory)." },
	{ "activation/polling_interval", "15", "Seconds between progress reports." },
	{ "activation/pvmove_region_size", "8192", "Region size of pvmove's copy, KiB." },
	{ "log/report_command_log", "0", "Put a command's messages in its JSON report." },
	{ "log/journal", NULL, "Also record to the systemd journal: command, output, debug." },
	{ "config/profile_dir", NULL,
	  "Where --commandprofile NAME finds NAME.profile (default: profile in the configuration "
	  "directory)." },
	{ "global/units", "\"r\"", "Units of sizes in reports (as --units)." },
	{ "global/suffix", "1", "Show the unit after each size (0: as --nosuffix)." },
	{ "report/separator", "\" \"", "Between columns (as --separator)." },
	{ "report/aligned", "1", "Align columns, also with report/separator." },
	{ "report/headings", "1", "Print the headings (0: as --noheadings)." },
	{ "report/prefixes", "0", "LVM2_FIELD=value cells (as --nameprefixes, alignment kept)." },
	{ "report/quoted", "1", "Quote the values of prefixed cells." },
	{ "report/binary_values_as_numeric", "0", "1 and 0 for binary fields (as --binary)." },
	{ "report/buffered", "1", "Sort and align over every row (0: as --unbuffered)." },
	{ "report/compact_output", "0", "Leave out the columns empty in every row (buffered only)." },
	{ "report/compact_output_cols", "\"\"",
	  "Leave out these columns when empty in every row (buffered only)." },
	{ "report/lvs_cols", "\"lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,"
	  "metadata_percent,move_pv,mirror_log,copy_percent,convert_lv\"", "Columns of lvs." },
	{ "report/lvs_sort", "\"vg_name,lv_name\"", "Sort keys of lvs." },
	{ "report/segs_cols", "\"lv_name,vg_name,lv_attr,stripes,segtype,seg_size\"",
	  "Columns of lvs --segments." },
	{ "report/segs_sort", "\"vg_name,lv_name,seg_start\"", "Sort keys of lvs --segments." },
	{ "report/pvs_cols", "\"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free\"", "Columns of pvs." },
	{ "report/pvs_sort", "\"pv_name\"", "Sort keys of pvs." },
	{ "report/pvsegs_cols", "\"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,"
	  "pvseg_size\"", "Columns of pvs --segments." },
	{ "report/pvsegs_sort", "\"pv_name,pvseg_start\"", "Sort keys of pvs --segments." },
	{ "report/vgs_cols", "\"vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free\"",
	  "Columns of vgs." },
	{ "report/vgs_sort", "\"vg_name\"", "Sort keys of vgs." },
	{ "plugins/dir", "\"" PLUGINDIR "\"", "Directory of the segment-type plugins." },
	{ "plugins/load", NULL, "Load only these plugins (default: every plugin found)." },
	{ "plugins/disable", "[]", "Never load these plugins." },
	{ "plugins/modules", NULL, "Plugins installed elsewhere: NAME = \"/path/NAME.so\"." },
};

enum ctype { CT_CURRENT, CT_DEFAULT, CT_DIFF, CT_FULL, CT_LIST };

struct keyset {
	struct key *v;
	size_t n;
};

static bool in_section(const char *path, const char *sec);

static bool keyset_has_section(const struct keyset *ks, const char *sec)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (in_section(ks->v[i].path, sec))
			return true;
	return false;
}

static bool keyset_has(const struct keyset *ks, const char *path)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (!strcmp(ks->v[i].path, path))
			return true;
	return false;
}

static bool in_section(const char *path, const char *sec)
{
	size_t n = strlen(sec);

	return !strncmp(path, sec, n) && path[n] == '/';
}

/* the host's keys, then each plugin's that are new, in @all */
static int known_keys(struct cmd *cmd, struct keyset *all, size_t max)
{
	const struct plvm_config_key *const *k;
	const struct segtype *st;

	for (all->n = 0; all->n < sizeof(host_keys) / sizeof(host_keys[0]); all->n++)
		all->v[all->n] = host_keys[all->n];
	dm_list_iterate_items(st, &cmd->segtypes)
		for (k = st->desc ? st->desc->config : NULL; k && *k && all->n < max; k++)
			if (!keyset_has(all, (*k)->path))
				all->v[all->n++] = (struct key){ (*k)->path, (*k)->def, (*k)->help };
	return 0;
}

/* The keys set in section @sec that no one declared: shown as they are. */
static void extra_keys(struct cmd *cmd, const char *sec, const struct keyset *known,
		       struct keyset *ks, size_t max)
{
	const char *const *names;
	char path[256];
	int i, n = config_keys(cmd->cfg, sec, &names);

	for (i = 0; i < n && ks->n < max; i++) {
		snprintf(path, sizeof(path), "%s/%s", sec, names[i]);
		if (keyset_has(known, path) || keyset_has(ks, path))
			continue;
		ks->v[ks->n].path = dm_pool_strdup(cmd->mem, path);
		ks->v[ks->n].help = "Not read by plvm.";
		if (ks->v[ks->n].path)
			ks->n++;
	}
}

/* Every key, grouped by section in the order sections first appear. */
static int keyset_build(struct cmd *cmd, struct keyset *ks)
{
	size_t i, j, max = sizeof(host_keys) / sizeof(host_keys[0]) + 256;
	struct keyset all = { .v = calloc(max, sizeof(struct key)) };
	char sec[128];

	ks->v = calloc(max, sizeof(*ks->v));
	ks->n = 0;
	if (!ks->v || !all.v) {
		free(all.v);
		return -ENOMEM;
	}
	known_keys(cmd, &all, max);
	for (i = 0; i < all.n; i++) {
		snprintf(sec, sizeof(sec), "%.*s", (int)strcspn(all.v[i].path, "/"), all.v[i].path);
		if (keyset_has_section(ks, sec))
			continue;
		for (j = i; j < all.n; j++)
			if (in_section(all.v[j].path, sec))
				ks->v[ks->n++] = all.v[j];
		extra_keys(cmd, sec, &all, ks, max);
	}
	free(all.v);
	return 0;
}

/* Does @path (a key or a section) match what the user asked (@args)? */
static bool wanted(const char *path, const struct args *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		if (!strcmp(path, a->argv[i]) || in_section(path, a->argv[i]))
			return true;
	return !a->argc;
}

struct printer {
	const struct args *a;
	enum ctype type;
	const char *section;	/* the open "section {" block, or NULL */
	bool block;		/* print sections as blocks (no single key was asked) */
};

static void close_block(struct printer *p)
{
	if (p->section && p->block)
		printf("}\n");
	p->section = NULL;
}

static void open_block(struct printer *p, const char *path)
{
	size_t n = strcspn(path, "/");

	if (p->section && !strncmp(p->section, path, n) && p->section[n] == '/')
		return;
	close_block(p);
	p->section = path;
	if (p->block)
		printf("%.*s {\n", (int)n, path);
}

static void print_key(struct printer *p, const struct key *k, const char *val, bool comment)
{
	const char *name = strrchr(k->path, '/') + 1;
	const char *ind = p->block ? "\t" : "";

	if (arg_is_set(p->a, OPT_VALUESONLY)) {
		printf("%s%s%s\n", ind, comment ? "# " : "", val);
		return;
	}
	if (arg_is_set(p->a, OPT_WITHCOMMENTS))
		printf("\n%s# Configuration option %s.\n%s# %s\n", ind, k->path, ind, k->help);
	printf("%s%s%s=%s\n", ind, comment ? "# " : "", name, val);
}

/* a group key (plugins/modules): its members, each on its own line */
static void print_group(struct printer *p, struct cmd *cmd, const struct key *k)
{
	const char *const *names;
	char sub[256], val[4096];
	int i, n = config_keys(cmd->cfg, k->path, &names);

	printf("%s%s {\n", p->block ? "\t" : "", strrchr(k->path, '/') + 1);
	for (i = 0; i < n; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", k->path, names[i]);
		if (!config_value_text(cmd->cfg, sub, val, sizeof(val)))
			printf("%s\t%s=%s\n", p->block ? "\t" : "", names[i], val);
	}
	printf("%s}\n", p->block ? "\t" : "");
}

/* One key as @p->type asks; true if it printed something. */
static bool show_key(struct printer *p, struct cmd *cmd, const struct key *k)
{
	char val[4096];
	int r = config_value_text(cmd->cfg, k->path, val, sizeof(val));

	if (p->type == CT_LIST) {
		printf("%s\n", k->path);
		return true;
	}
	if (p->type == CT_DEFAULT || (p->type == CT_FULL && r == -ENOENT)) {
		if (!k->def)
			return false;
		open_block(p, k->path);
		print_key(p, k, k->def, p->type == CT_DEFAULT);
		return true;
	}
	if (r == -ENOENT || (p->type == CT_DIFF && k->def && !r && !strcmp(val, k->def)))
		return false;
	open_block(p, k->path);
	if (r == -EISDIR)
		print_group(p, cmd, k);
	else
		print_key(p, k, val, false);
	return true;
}

static enum ctype config_type(const struct args *a)
{
	static const char *const names[] = { "current", "default", "diff", "full", "list" };
	const char *t = a->value[OPT_CONFIGTYPE];
	unsigned i;

	for (i = 0; t && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(t, names[i]))
			return (enum ctype)i;
	return CT_CURRENT;
}

/* Every argument names a known key or section. */
static int check_args(const struct keyset *ks, const struct args *a)
{
	int i, r = 0;
	size_t k;
	bool found;

	for (i = 0; i < a->argc; i++) {
		for (k = 0, found = false; k < ks->n && !found; k++)
			found = !strcmp(ks->v[k].path, a->argv[i]) || in_section(ks->v[k].path, a->argv[i]);
		if (!found) {
			log_error("Configuration node %s not found", a->argv[i]);
			r = EFAILED;
		}
	}
	return r;
}

int cmd_config(struct cmd *cmd, struct args *a)
{
	struct printer p = { .a = a, .type = config_type(a) };
	struct keyset ks;
	bool any = false;
	size_t i;
	int r;

	if (keyset_build(cmd, &ks) < 0)
		return EFAILED;
	r = check_args(&ks, a);
	/* a single key prints as "key=value", anything wider as blocks */
	p.block = !(a->argc == 1 && strchr(a->argv[0], '/'));
	for (i = 0; !r && i < ks.n; i++)
		if (wanted(ks.v[i].path, a))
			any |= show_key(&p, cmd, &ks.v[i]);
	close_block(&p);
	if (!r && !any && a->argc && p.type != CT_DIFF) {
		log_error("Configuration node %s not found", a->argv[0]);
		r = EFAILED;
	}
	free(ks.v);
	return r;
}
