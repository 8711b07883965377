/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plvm: one binary for every command.  Called as "lvs" (through a link) or
 * as "plvm lvs" / "lvm lvs", it runs that command and exits with LVM2's
 * codes: 0 done, 3 bad command line, 5 failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdevmapper.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "devfile.h"
#include "journal.h"
#include "lock.h"
#include "log.h"
#include "systemid.h"

/* the highest log level shown on the terminal (the core's may be higher
 * when the journal takes debug messages) */
static int shown_level = PLVM_LOG_NOTICE;

/* Errors and warnings go to stderr, the rest to stdout, indented by two
 * spaces as LVM2 prints them, each line flushed so that both streams sent
 * to one pipe keep their order. */
static void print_sink(int level, const char *msg, void *arg)
{
	FILE *f = level <= PLVM_LOG_WARN ? stderr : stdout;

	journal_message(level, msg);
	if (level > shown_level)
		return;
	if (level >= PLVM_LOG_INFO)
		f = stderr;
	fprintf(f, *msg ? "  %s\n" : "%s\n", msg);	/* an empty line as it is */
	if (f == stdout)
		fflush(stdout);
}

static void set_log_level(const struct args *a)
{
	int level = PLVM_LOG_NOTICE + (int)arg_count(a, OPT_VERBOSE);

	if (arg_is_set(a, OPT_DEBUG) || getenv("PLVM_DEBUG"))
		level = PLVM_LOG_DEBUG;
	if (arg_is_set(a, OPT_QUIET))	/* as LVM2: -q cancels -v and -d, -qq is silent */
		level = arg_count(a, OPT_QUIET) > 1 ? PLVM_LOG_WARN : PLVM_LOG_NOTICE;
	shown_level = level > PLVM_LOG_DEBUG ? PLVM_LOG_DEBUG : level;
	log_set_level(journal_wants_debug() ? PLVM_LOG_DEBUG : shown_level);
}

static unsigned journal_word(const char *w)
{
	unsigned k = journal_kind(w);

	if (!k)
		log_warn("Ignoring unrecognized journal value.");
	return k;
}

/* What log/journal and --journal ask to record (a word LVM2 does not know
 * is warned about and skipped, as LVM2 does). */
static unsigned journal_kinds(struct cmd *cmd, const struct args *a)
{
	const char *const *list = NULL, *const *opt = a->values[OPT_JOURNAL];
	unsigned kinds = 0;
	int i, n = cmd ? config_str_list(cmd->cfg, "log/journal", &list) : 0;

	for (i = 0; i < n; i++)
		kinds |= journal_word(list[i]);
	for (; opt && *opt; opt++)
		kinds |= journal_word(*opt);
	return kinds;
}

/* --config VALUE or --config=VALUE, looked up before the plugins that
 * decide which options there are get loaded. */
static const char *config_arg(int argc, char **argv)
{
	const char *v = NULL;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			v = argv[++i];
		else if (!strncmp(argv[i], "--config=", 9))
			v = argv[i] + 9;
	}
	return v;
}

/* The context (configuration, plugins); help uses one when it can get it. */
static int context(const struct command *c, int argc, char **argv, struct cmd **out)
{
	bool needed = !(c->flags & CMD_NO_CONTEXT);

	*out = NULL;
	if (config_override_check(config_arg(argc, argv))) {
		log_error("Failed to set overridden configuration entries.");
		return EINVALID;
	}
	if (!needed && strcmp(c->name, "help"))
		return ECMD_OK;
	*out = cmd_create_reserved(c->name, config_arg(argc, argv), &cli_reserved);
	return *out || !needed ? ECMD_OK : EFAILED;
}

static enum activation_mode activation_mode(struct cmd *cmd, const struct args *a)
{
	const char *m = arg_str(a, OPT_ACTIVATIONMODE, arg_is_set(a, OPT_PARTIAL) ? "partial" : NULL);

	if (!m)
		m = config_str(cmd->cfg, "activation/activation_mode", "degraded");
	if (!strcmp(m, "partial")) {
		log_print("PARTIAL MODE. Incomplete logical volumes will be processed.");
		return ACT_MODE_PARTIAL;
	}
	return strcmp(m, "complete") ? ACT_MODE_DEGRADED : ACT_MODE_COMPLETE;
}

/* --devices DEV[,DEV...], repeatable: the list, NULL-terminated, in the
 * command's pool (NULL without the option). */
static const char *const *device_list(struct cmd *cmd, const struct args *a)
{
	const char **list, **v;
	char *copy, *tok, *save;
	size_t n = 1;

	if (!a->values[OPT_DEVICES])
		return NULL;
	for (v = a->values[OPT_DEVICES]; *v; v++)
		n += strlen(*v) / 2 + 1;	/* at most that many names */
	if (!(list = dm_pool_zalloc(cmd->mem, n * sizeof(*list))))
		return NULL;
	n = 0;
	for (v = a->values[OPT_DEVICES]; *v; v++) {
		if (!(copy = dm_pool_strdup(cmd->mem, *v)))
			return NULL;
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			list[n++] = tok;
	}
	return list;
}

/* --commandprofile NAME (or --profile NAME, or $LVM_COMMAND_PROFILE), from
 * config/profile_dir (default: profile/ in the configuration directory) */
static int command_profile(struct cmd *cmd, const struct args *a)
{
	const char *name = arg_str(a, OPT_COMMANDPROFILE, arg_str(a, OPT_PROFILE, NULL));
	char dir[4096];
	int r;

	if (arg_is_set(a, OPT_COMMANDPROFILE) && arg_is_set(a, OPT_PROFILE)) {
		log_error("Only one of --profile or --commandprofile allowed.");
		return EFAILED;
	}
	if (!name && (name = getenv("LVM_COMMAND_PROFILE")) && !*name)
		name = NULL;
	if (!name)
		return ECMD_OK;
	snprintf(dir, sizeof(dir), "%s/profile", cmd->sys_dir);
	r = config_add_profile(cmd->cfg, config_str(cmd->cfg, "config/profile_dir", dir), name);
	if (r == -EINVAL)
		log_error("Failed to add command profile %s.", name);
	else if (r)
		log_error("Failed to apply command profile %s.", name);
	return r ? EFAILED : ECMD_OK;
}

/* --driverloaded n: device-mapper is left alone (said, unless --readonly
 * already keeps the command away from it). */
static int driver_loaded(struct cmd *cmd, const struct args *a)
{
	bool loaded;

	if (arg_yes_no(a, OPT_DRIVERLOADED, true, &loaded))
		return EINVALID;
	cmd->no_dm = !loaded;
	cmd->allow_foreign = arg_is_set(a, OPT_FOREIGN);
	if (cmd->no_dm && !cmd->read_only)
		log_warn("WARNING: Activation disabled. No device-mapper interaction will be "
			 "attempted.");
	return ECMD_OK;
}

/* The commands that say which devices file entries found no device (LVM2's
 * reports, displays and scans). */
static bool reports_missing(const char *name)
{
	static const char *const names[] = {
		"pvs", "vgs", "lvs", "pvdisplay", "vgdisplay", "lvdisplay", "pvscan", "vgscan",
		"lvscan", NULL
	};
	const char *const *n;

	for (n = names; *n; n++)
		if (!strcmp(*n, name))
			return true;
	return false;
}

/* --devicesfile NAME (or devices/use_devicesfile and devices/devicesfile):
 * the devices the command sees; a command that adds PVs creates the file
 * --devicesfile names.  --devices is a list of its own, no devices file. */
static int devices_file(const struct command *c, struct cmd *cmd, const struct args *a)
{
	const char *name = arg_str(a, OPT_DEVICESFILE, NULL);
	bool named = name && *name;
	int r;

	if (named && !devfile_name_is_valid(name)) {
		log_error("Invalid devices file name.");
		goto usage;
	}
	if (named && arg_is_set(a, OPT_DEVICES)) {
		log_error("A --devices list cannot be used with --devicesfile.");
		goto usage;
	}
	if (arg_is_set(a, OPT_DEVICES))
		return ECMD_OK;
	r = devfile_setup(cmd, name, named && (c->flags & CMD_DEVFILE_ADD));
	if (r == -EINVAL)
		log_error("Failed to set up devices.");
	else if (r)
		log_error("Failed to read the devices file.");
	else if (cmd->devfile && (c->flags & CMD_DEVFILE_ADD))
		devfile_allow(cmd->devfile, (const char *const *)a->argv, a->argc);
	cmd->devfile_missing = reports_missing(c->name);
	return r ? EFAILED : ECMD_OK;
usage:
	log_error("Run `%s --help' for more information.", c->name);
	return EINVALID;
}

/* The devices file, when the command changed it. */
static int devices_file_write(struct cmd *cmd)
{
	int r;

	if (!cmd || !cmd->devfile || cmd->test_mode)
		return ECMD_OK;
	if (!(r = devfile_write(cmd->devfile, cmd->name)))
		return ECMD_OK;
	log_error("Failed to write the devices file: %s.", strerror(-r));
	return EFAILED;
}

/* The command-line options that steer the core for this command. */
static int apply_common(const struct command *c, struct cmd *cmd, const struct args *a)
{
	bool backup;
	int r;

	if (command_profile(cmd, a))
		return EFAILED;
	cmd->test_mode = arg_is_set(a, OPT_TEST);
	cmd->activation_mode = activation_mode(cmd, a);
	cmd->read_only = arg_is_set(a, OPT_READONLY);
	cmd->verbose = (int)arg_count(a, OPT_VERBOSE);
	cmd->no_locking = arg_is_set(a, OPT_NOLOCKING);
	cmd->lock_quiet = arg_is_set(a, OPT_SYSINIT) || getenv("LVM_SUPPRESS_LOCKING_FAILURE_MESSAGES");
	cmd->lock_tolerant = arg_is_set(a, OPT_SYSINIT) || arg_is_set(a, OPT_IGNORELOCKINGFAILURE);
	cmd->activating = arg_is_set(a, OPT_ACTIVATE);
	cmd->no_udev_sync = arg_is_set(a, OPT_NOUDEVSYNC);
	cmd->allow_exported = c->flags & CMD_EXPORTED;
	if (driver_loaded(cmd, a))
		return EINVALID;
	if (arg_yes_no(a, OPT_AUTOBACKUP, true, &backup))
		return EINVALID;
	cmd->no_backup = !backup;
	if (arg_is_set(a, OPT_DEVICES) && !(cmd->only_devices = device_list(cmd, a)))
		return EFAILED;
	if ((r = devices_file(c, cmd, a)))
		return r;
	if (cmd->test_mode)
		log_warn("TEST MODE: Metadata will NOT be updated and volumes will not be (de)activated.");
	if (!(c->flags & CMD_NO_METADATA) && lock_init(cmd))
		return EFAILED;
	if (!(c->flags & CMD_NO_METADATA))
		local_system_id(cmd);	/* its warnings come first, as LVM2's */
	return ECMD_OK;
}

static int run(const struct command *c, int argc, char **argv)
{
	struct args a = { 0 };
	struct cmd *cmd;
	int r;

	if ((r = context(c, argc, argv, &cmd)) || (r = args_parse(c, cmd, argc, argv, &a)))
		goto out;
	journal_start(JOURNAL_SOCKET, journal_kinds(cmd, &a), c->name);
	set_log_level(&a);
	if (arg_is_set(&a, OPT_HELP) || arg_is_set(&a, OPT_LONGHELP)) {
		command_usage(c, cmd, true);
		r = ECMD_OK;
		goto out;
	}
	if (arg_is_set(&a, OPT_VERSION)) {
		r = cmd_version(NULL, &a);
		goto out;
	}
	if (cmd && !(c->flags & CMD_NO_CONTEXT) && (r = apply_common(c, cmd, &a)))
		goto out;
	r = c->fn(cmd, &a);
	if (!r)
		r = devices_file_write(cmd);
out:
	cmd_destroy(cmd);
	args_free(&a);
	return r;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	const struct command *c;

	log_set_sink(print_sink, NULL);
	if (!strcmp(name, "plvm") || !strcmp(name, "lvm")) {
		if (argc < 2)
			return cmd_help(NULL, &(struct args){ 0 });
		if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))
			return cmd_version(NULL, NULL);
		if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
			return cmd_help(NULL, &(struct args){ 0 });
		argc--;
		argv++;
		name = argv[0];
	}
	c = command_find(name);
	if (!c) {
		fprintf(stderr, "  No such command '%s'.  Try 'plvm help'.\n", name);
		return ENOSUCHCMD;
	}
	return run(c, argc, argv);
}
