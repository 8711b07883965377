/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the command line (cli/args.c): the input is a
 * command line, words separated by NUL or newline, the first word naming
 * the command (or, if no command has that name, a byte picking one).  With
 * the plugins' options loaded, args_parse() must return 0 or EINVALID (or
 * EFAILED for a line holding an option the command refuses on purpose, see
 * opt_refusals), never crash; a line it accepts gives values the value
 * helpers read without crashing, and positional counts within the
 * command's limits (-S may stand for the positional names).
 * The parser's messages go to stderr: run it with -close_fd_mask=2.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_WORDS	64

static struct cmd *cmd;

static const char *const names[] = {
	"version", "help", "pvcreate", "pvremove", "pvchange", "pvscan", "pvs", "pvmove",
	"vgcreate", "vgextend", "vgreduce", "vgremove", "vgchange", "vgck", "vgrename", "vgscan", "vgsplit", "vgmerge",
	"vgs", "vgcfgbackup", "vgcfgrestore", "lvcreate", "lvextend", "lvreduce", "lvresize",
	"lvremove", "lvchange", "lvrename", "lvscan", "lvconvert", "lvs",
};

static void dm_quiet(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
}

/* Does the parsed line hold an option @c refuses with EFAILED? */
static bool refused_on_purpose(const struct command *c, const struct args *a)
{
	const struct opt_refusal *rf;

	for (rf = opt_refusals; rf->id != OPT_NONE; rf++)
		if (arg_is_set(a, rf->id) && opt_refused(c, rf->id) == rf &&
		    rf->code == EFAILED)
			return true;
	return false;
}

static void pin_plugins(const char *dir)
{
	char p[4096];
	struct dirent *d;
	DIR *dh = dir ? opendir(dir) : NULL;
	size_t n;

	while (dh && (d = readdir(dh))) {
		n = strlen(d->d_name);
		if (n < 4 || strcmp(d->d_name + n - 3, ".so"))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, d->d_name);
		dlopen(p, RTLD_LAZY | RTLD_NODELETE);
	}
	if (dh)
		closedir(dh);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-fuzz", 0);
	setenv("PLVM_PLUGIN_DIR", "/nonexistent-plvm-fuzz", 0);
	pin_plugins(getenv("PLVM_PLUGIN_DIR"));
	dm_log_with_errno_init(dm_quiet);
	log_set_sink(NULL, NULL);
	if (!(cmd = cmd_create_reserved("fuzz-cmdline", NULL, &cli_reserved)))
		abort();
	return 0;
}

/* Split @copy (NUL-terminated, @size bytes before the NUL) into @argv. */
static int split(char *copy, size_t size, char **argv)
{
	int argc = 0;
	size_t i, start = 0;

	for (i = 0; i <= size && argc < MAX_WORDS; i++)
		if (i == size || copy[i] == '\n' || copy[i] == '\0') {
			copy[i] = '\0';
			argv[argc++] = copy + start;
			start = i + 1;
		}
	argv[argc] = NULL;
	return argc;
}

/* What commands do with values once the line is accepted. */
static void read_values(const struct args *a)
{
	enum sign sign;
	uint64_t n;
	bool b;
	char *vg, *lv;
	int i;

	if (arg_is_set(a, OPT_SIZE))
		arg_size_sectors(a, OPT_SIZE, 'm', &sign, &n);
	if (arg_is_set(a, OPT_INTERVAL))
		arg_int_signed(a, OPT_INTERVAL, &sign, &n);
	arg_uint64(a, OPT_MAXLV, 0, &n);
	arg_yes_no(a, OPT_ZERO, false, &b);
	for (i = 0; i < a->argc; i++)
		if (!parse_vg_lv(a->argv[i], "vg", &vg, &lv)) {
			free(vg);
			free(lv);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[MAX_WORDS + 1];
	const struct command *c;
	struct args a;
	int argc, r;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argc = split(copy, size, argv);
	c = command_find(argv[0]);
	if (!c)
		c = command_find(names[(size ? data[0] : 0) % (sizeof(names) / sizeof(names[0]))]);
	r = args_parse(c, cmd, argc, argv, &a);
	if (r != 0 && r != EINVALID && !(r == EFAILED && refused_on_purpose(c, &a)))
		abort();
	if (!r && !arg_is_set(&a, OPT_HELP) && !arg_is_set(&a, OPT_LONGHELP) &&
	    !arg_is_set(&a, OPT_VERSION)) {
		if ((a.argc < c->min_args && !arg_is_set(&a, OPT_SELECT)) ||
		    (c->max_args != ARGS_ANY && a.argc > c->max_args))
			abort();
		read_values(&a);
	}
	args_free(&a);
	free(copy);
	return 0;
}
