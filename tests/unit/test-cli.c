/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line (cli/args.c, cli/commands.c): the option and command
 * tables are consistent, and args_parse() refuses bad command lines with
 * exit 3 before any command runs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "test.h"
#include "cli.h"
#include "cmd.h"
#include "log.h"
#include "throttle.h"

/* args_parse on a command line given as one string of words; stderr goes
 * to /dev/null (the messages are checked in the VM tests). */
static int parse(const char *line)
{
	char *copy = strdup(line), *argv[32], *w;
	const struct command *c;
	struct args a;
	int argc = 0, r, saved = dup(2);

	for (w = strtok(copy, " "); w && argc < 31; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	c = command_find(argv[0]);
	if (!c) {
		free(copy);
		return -1;
	}
	if (!freopen("/dev/null", "w", stderr))
		return -1;
	r = args_parse(c, NULL, argc, argv, &a);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	args_free(&a);
	free(copy);
	return r;
}

static const char *const all_commands[] = {
	"version", "help", "pvcreate", "pvremove", "pvchange", "pvscan", "pvs", "pvmove",
	"vgcreate", "vgextend", "vgreduce", "vgremove", "vgchange", "vgck", "vgrename", "vgscan", "vgsplit", "vgmerge",
	"vgs", "vgcfgbackup", "vgcfgrestore", "lvcreate", "lvextend", "lvreduce", "lvresize",
	"lvremove", "lvchange", "lvrename", "lvscan", "lvconvert", "lvs", NULL
};

/* Each option has its id at its index, a long name, and an enum its values;
 * no command takes two options with one letter or one long name (one would
 * hide the other); each command's positional limits make sense. */
static void t_tables(void)
{
	const char *const *n;
	const enum opt_id *o, *p;
	int i;

	for (i = OPT_NONE + 1; i < OPT_COUNT; i++) {
		const struct opt_def *d = opt_def((enum opt_id)i);

		EQ(d->id, i);
		OK(d->long_name && *d->long_name);
		OK(d->kind != PLVM_OPT_ENUM || d->choices);
		/* --minor and --major repeat only to be refused in LVM2's words */
		OK(!(d->flags & OPTF_REPEAT) || d->kind == 0 || i == OPT_MINOR || i == OPT_MAJOR);
	}
	for (n = all_commands; *n; n++) {
		const struct command *c = command_find(*n);

		OK(c != NULL);
		if (!c)
			continue;
		OK(c->max_args == ARGS_ANY || c->max_args >= c->min_args);
		for (o = c->opts; *o != OPT_NONE; o++)
			for (p = o + 1; *p != OPT_NONE; p++) {
				const struct opt_def *a = opt_def(*o), *b = opt_def(*p);

				if ((a->short_name && a->short_name == b->short_name) ||
				    !strcmp(a->long_name, b->long_name))
					FAIL_("%s: %s and %s clash", *n, a->long_name, b->long_name);
			}
	}
}

struct line_case {
	const char *line;
	int want;
};

static void check_lines(const struct line_case *cases)
{
	for (; cases->line; cases++) {
		int r = parse(cases->line);

		if (r != cases->want)
			FAIL_("\"%s\": %d, want %d", cases->line, r, cases->want);
	}
}

static void t_good_lines(void)
{
	static const struct line_case cases[] = {
		{ "lvcreate -n x -l 1 vg", 0 },
		{ "lvcreate -n x -L 4m -i 2 -I 64k vg pv1 pv2", 0 },
		{ "lvcreate --name=x --size=+4M vg", 0 },
		{ "lvextend -l +1 vg/lv", 0 },
		{ "lvreduce -L -4m vg/lv", 0 },
		{ "lvchange -ay vg/lv", 0 },
		{ "lvchange -a ey --addtag a --addtag b vg/lv", 0 },
		{ "vgchange -an", 0 },
		{ "vgcreate -s 4m --alloc cling vg pv1", 0 },
		{ "vgrename a b", 0 },
		{ "pvscan --cache --listvg --checkcomplete --vgonline --udevoutput dev", 0 },
		{ "lvrename vg a b", 0 },
		{ "lvs -o lv_name -o +devices -O lv_name --headings full", 0 },
		{ "pvs -vvv --reportformat json", 0 },
		{ "lvremove -ff vg/lv", 0 },
		{ "pvmove -i +5 pv1", 0 },
		{ "lvconvert -m -1 vg/lv", 0 },
		{ "lvextend -m +1 -l +1 vg/lv", 0 },
		{ "vgcfgrestore -f file vg", 0 },
		{ "vgcreate --help", 0 },
		{ "help lvcreate", 0 },
		/* the options every command takes */
		{ "lvs --driverloaded n vg", 0 },
		{ "pvcreate --devicesfile my.devices pv1", 0 },
		{ "vgs --devicesfile= vg", 0 },
		{ "vgchange --journal output -an vg", 0 },
		/* --setautoactivation where LVM2 has it */
		{ "vgcreate --setautoactivation n vg pv1", 0 },
		{ "vgchange --setautoactivation y vg", 0 },
		{ "lvcreate --setautoactivation n -n x -l 1 vg", 0 },
		{ "lvchange --setautoactivation y vg/lv", 0 },
		{ NULL, 0 }
	};
	check_lines(cases);
}

static void t_common_options_bad(void)
{
	static const struct line_case cases[] = {
		{ "lvs --driverloaded maybe", EINVALID },
		{ "lvs --driverloaded", EINVALID },
		{ "vgs --journal output --journal command", EINVALID },	/* LVM2: not repeated */
		{ "vgchange --setautoactivation maybe vg", EINVALID },
		{ "lvextend --setautoactivation n -l +1 vg/lv", EINVALID },
		{ "pvcreate --setautoactivation n pv1", EINVALID },
		/* metadata profiles: refused where LVM2 takes them */
		{ "vgcreate --metadataprofile p vg pv1", EFAILED },
		{ "lvchange --detachprofile vg/lv", EFAILED },
		{ "vgchange --lockopt skipvg -an vg", EFAILED },
		{ "lvs --metadataprofile p", EINVALID },
		{ "lvextend --autoactivation event -l +1 vg/lv", EINVALID },
		{ NULL, 0 }
	};
	check_lines(cases);
}

static void t_bad_lines(void)
{
	static const struct line_case cases[] = {
		/* unknown options and missing values */
		{ "lvs --bogus", EINVALID },
		{ "lvs -j", EINVALID },
		{ "lvcreate -n x -l", EINVALID },
		{ "vgck --units m", EINVALID },
		/* given twice */
		{ "lvchange -ay -an vg/lv", EINVALID },
		{ "vgchange -ay -an vg", EINVALID },
		{ "lvcreate -n x -n y -l 1 vg", EINVALID },
		{ "lvcreate -l 1 -l 2 vg", EINVALID },
		{ "lvcreate -i 2 -i 3 -l 4 vg", EINVALID },
		{ "vgcfgbackup -f a -f b vg", EINVALID },
		/* positional arguments */
		{ "vgcreate", EINVALID },
		{ "vgcreate vg", EINVALID },
		{ "vgrename vg", EINVALID },
		{ "vgrename a b c", EINVALID },
		{ "lvrename vg/a", EINVALID },
		{ "lvrename vg a b c", EINVALID },
		{ "lvreduce -l 1 vg/a vg/b", EINVALID },
		{ "lvcreate -l 1", EINVALID },
		{ "pvcreate", EINVALID },
		{ "pvscan --cache --udevoutput=x dev", EINVALID },
		{ "vgcfgrestore -f f a b", EINVALID },
		{ "help a b", EINVALID },
		/* values */
		{ "lvcreate -L x vg", EINVALID },
		{ "lvcreate -L 1x vg", EINVALID },
		{ "lvcreate -L 16E vg", EINVALID },
		{ "lvcreate -i x -l 1 vg", EINVALID },
		{ "lvcreate -I -64k -l 1 vg", EINVALID },
		{ "lvcreate -Z maybe -l 1 vg", EINVALID },
		{ "lvcreate --alloc sometimes -l 1 vg", EINVALID },
		{ "lvcreate --minor x -l 1 vg", EINVALID },
		{ "lvcreate --minor -1 -l 1 vg", EINVALID },
		{ "lvchange -a maybe vg/lv", EINVALID },
		{ "lvchange -p w vg/lv", EINVALID },
		{ "vgcreate -s x vg pv", EINVALID },
		{ "vgcreate -s -4m vg pv", EINVALID },
		{ "vgcreate -l x vg pv", EINVALID },
		{ "vgchange --activationmode bogus vg", EINVALID },
		{ "pvcreate --metadatasize x pv", EINVALID },
		{ "pvcreate --labelsector x pv", EINVALID },
		{ "lvs --headings sometimes", EINVALID },
		{ "lvs --reportformat xml", EINVALID },
		{ "vgcfgbackup -A maybe vg", EINVALID },
		{ "pvmove -i x pv1", EINVALID },
		{ "lvcreate -m -1 -l 1 vg", EINVALID },
		{ "lvcreate -i -2 -l 1 vg", EINVALID },
		{ "lvcreate -I 0 -i 2 -l 1 vg", EINVALID },
		/* conflicts */
		{ "lvcreate -l 1 -L 4m vg", EINVALID },
		{ "lvextend -l +1 -L +4m vg/lv", EINVALID },
		{ "lvs --noheadings --headings full", EINVALID },
		{ "lvchange -ay --refresh vg/lv", EINVALID },
		{ NULL, 0 }
	};
	check_lines(cases);
}

/* A parse that stops inside a cluster of letters (-jZ stops at j) leaves
 * nothing for the next parse to read (fuzz-cmdline found glibc's getopt
 * reading the rest of the freed cluster). */
static void t_parse_twice(void)
{
	EQ(parse("lvs -jZ"), EINVALID);
	EQ(parse("lvs vg"), 0);
	EQ(parse("lvcreate -l1 -nZZ vg -xyz"), EINVALID);
	EQ(parse("vgs"), 0);
}

/* A copy at @full bytes/s when unthrottled, driven by the controller for
 * @secs seconds (a step each THROTTLE_STEP_MS, progress seen in whole
 * @region bytes); the average rate over the last @tail seconds. */
static double run_copy(struct throttle *t, double full, uint64_t region, int secs, int tail,
		       int64_t *ms, double *copied)
{
	int i, steps = secs * 1000 / THROTTLE_STEP_MS;
	double start = 0;

	for (i = 0; i < steps; i++) {
		if (i == steps - tail * 1000 / THROTTLE_STEP_MS)
			start = *copied;
		(void)throttle_next(t, (uint64_t)(*copied / region) * region, *ms);
		*copied += full * t->percent / 100.0 * THROTTLE_STEP_MS / 1000.0;
		*ms += THROTTLE_STEP_MS;
	}
	return (*copied - start) / tail;
}

/* pvmove --throttle: the share of time follows the rate asked for. */
static void t_throttle_controller(void)
{
	const double mib = 1024.0 * 1024.0;
	struct throttle t = { 0 };
	double copied = 0, rate;
	int64_t ms = 1000;

	EQ(throttle_next(&t, 0, ms), 0);	/* no limit asked */
	throttle_set_target(&t, (uint64_t)(8 * mib));
	EQ(throttle_next(&t, 0, ms), THROTTLE_START_PERCENT);
	EQ(throttle_next(&t, 0, ms + 10), 0);	/* too soon to tell */
	ms += THROTTLE_STEP_MS;
	rate = run_copy(&t, 300 * mib, (uint64_t)mib, 30, 10, &ms, &copied);
	OK(rate > 7.2 * mib && rate < 8.8 * mib);
	throttle_set_target(&t, (uint64_t)(16 * mib));	/* changed while it runs */
	rate = run_copy(&t, 300 * mib, (uint64_t)mib, 30, 10, &ms, &copied);
	OK(rate > 14.4 * mib && rate < 17.6 * mib);
	/* a slow disk: the share grows to all of the time */
	rate = run_copy(&t, 10 * mib, (uint64_t)mib, 30, 5, &ms, &copied);
	EQ(t.percent, 100);
	OK(rate > 9.9 * mib);
	throttle_set_target(&t, 0);
	EQ(throttle_next(&t, (uint64_t)copied, ms + 5000), 0);
}

/* LVM2 2.03.16's lvconvert: -i is --interval, --stripes has no letter. */
static void t_lvconvert_interval(void)
{
	static const char *const lines[] = {
		"lvconvert -i +5 vg/lv", "lvconvert --stripes 2 vg/lv", "lvconvert -i -5 vg/lv"
	};
	const struct command *c = command_find("lvconvert");
	char *argv[3][5];
	struct args a[3];
	uint64_t n = 0;
	bool plus = false;
	int i, k, saved = dup(2);

	for (i = 0; i < 3; i++) {
		char *w = strtok(strdup(lines[i]), " ");

		for (k = 0; w; w = strtok(NULL, " "))
			argv[i][k++] = w;
		argv[i][k] = NULL;
		EQ(args_parse(c, NULL, k, argv[i], &a[i]), 0);
	}
	EQ(a[0].count[OPT_INTERVAL], 1);
	EQ(a[0].count[OPT_STRIPES] + a[0].count[OPT_STRIPES_LONG], 0);
	EQ(arg_interval(&a[0], &n, &plus), 0);
	EQ(n, 5);
	EQ(plus, true);
	EQ(a[1].count[OPT_STRIPES_LONG], 1);
	EQ(a[1].count[OPT_INTERVAL], 0);
	if (!freopen("/dev/null", "w", stderr))
		return;
	EQ(arg_interval(&a[2], &n, &plus), EINVALID);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	EQ(parse("lvconvert -i x vg/lv"), EINVALID);
	for (i = 0; i < 3; i++) {
		free(argv[i][0]);
		args_free(&a[i]);
	}
}

/* A name parse_vg_lv refuses leaves nothing for the caller to free twice
 * (t-badinput: lvrename VG/LV '' aborted in free()). */
static void t_parse_vg_lv(void)
{
	char *vg = (char *)1, *lv = (char *)1;
	int saved = dup(2);

	if (!freopen("/dev/null", "w", stderr))
		return;
	EQ(parse_vg_lv("", "vg", &vg, &lv), EINVALID);
	OK(vg == NULL && lv == NULL);
	EQ(parse_vg_lv("vg/a/b", NULL, &vg, &lv), EINVALID);
	OK(vg == NULL && lv == NULL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	EQ(parse_vg_lv("/dev/vg/lv", NULL, &vg, &lv), 0);
	STREQ(vg, "vg");
	STREQ(lv, "lv");
	free(vg);
	free(lv);
}

static void to_stderr(int level, const char *msg, void *arg)
{
	fprintf(stderr, "  %s\n", msg);
}

/* cli_confirm(@argv words) with @input on stdin: the answer, and stderr in @err */
static bool confirm(const char *input, const char *line, char *err, size_t len)
{
	char in_path[] = "/tmp/plvm-confirm-in.XXXXXX", err_path[] = "/tmp/plvm-confirm-err.XXXXXX";
	char *copy = strdup(line), *argv[8], *w;
	int argc = 0, fd = mkstemp(in_path), efd = mkstemp(err_path), saved = dup(2);
	struct args a;
	bool yes;
	FILE *f;

	for (w = strtok(copy, " "); w && argc < 7; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	OK(fd >= 0 && efd >= 0 && write(fd, input, strlen(input)) == (ssize_t)strlen(input));
	close(fd);
	OK(freopen(in_path, "r", stdin) != NULL);
	OK(args_parse(command_find(argv[0]), NULL, argc, argv, &a) == 0);
	fflush(stderr);
	dup2(efd, 2);
	yes = cli_confirm(&a, "Remove %s?", "it");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fdopen(efd, "r");
	rewind(f);
	err[fread(err, 1, len - 1, f)] = '\0';
	fclose(f);
	unlink(in_path);
	unlink(err_path);
	args_free(&a);
	free(copy);
	return yes;
}

/* LVM2's answers: a prefix of yes or no in any case, blanks around it; the
 * question on stderr, asked again after anything else; "[n]" at the end of
 * the input or with -qq. */
static void t_confirm(void)
{
	static const struct { const char *in; bool yes; const char *err; } want[] = {
		{ "y\n", true, "Remove it? [y/n]: " }, { "yes\n", true, NULL },
		{ " YeS \n", true, NULL }, { "ye\n", true, NULL }, { "n\n", false, NULL },
		{ "No\n", false, NULL }, { "", false, "Remove it? [y/n]: [n]\n" },
		{ "nope\ny\n", true, "Invalid input 'nope'." },
		{ "\nn\n", false, "Invalid input ''." },
		{ "yes please\n", false, "Invalid input 'yes plea...'." },
		{ "y", false, "Invalid input 'y'." },
	};
	char buf[512], *err = buf;
	size_t i;

	log_set_sink(to_stderr, NULL);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		CHECK_(confirm(want[i].in, "lvremove vg/lv", err, sizeof(buf)) == want[i].yes,
		       "answer to \"%s\"", want[i].in);
		if (want[i].err)
			CHECK_(strstr(err, want[i].err) != NULL, "\"%s\": stderr \"%s\"", want[i].in, err);
	}
	EQ(confirm("y\n", "lvremove -qq vg/lv", err, sizeof(buf)), false);
	STREQ(err, "Remove it? [y/n]: [n]\n");
	EQ(confirm("n\n", "lvremove -y vg/lv", err, sizeof(buf)), true);
	STREQ(err, "");
}

/* Sizes as LVM2 reads them: its reason for each refusal, a unit letter
 * with anything after it ignored, bytes in whole sectors, part sectors
 * dropped, the 16 EiB limit. */
static void t_size_parse(void)
{
	static const struct {
		const char *in;
		char unit;
		int ret;
		uint64_t sectors;
		enum sign sign;
		const char *why;
	} cases[] = {
		{ "8", 'm', 0, 16384, SIGN_NONE, "" },
		{ "+8", 'm', 0, 16384, SIGN_PLUS, "" },
		{ "-1.5k", 'm', 0, 3, SIGN_MINUS, "" },
		{ "8MiB", 'm', 0, 16384, SIGN_NONE, "" },
		{ "8kb", 'm', 0, 16, SIGN_NONE, "" },
		{ "8S", 'm', 0, 8, SIGN_NONE, "" },
		{ "1024b", 'm', 0, 2, SIGN_NONE, "" },
		{ "0.5s", 'm', 0, 0, SIGN_NONE, "" },
		{ "256", 's', 0, 256, SIGN_NONE, "" },
		{ "1000b", 'm', -EINVAL, 0, 0, "Size is not a multiple of 512. Try using 512 or 1024." },
		{ "-+8", 'm', -EINVAL, 0, 0, "Multiple sign symbols detected." },
		{ "xyz", 'm', -EINVAL, 0, 0, "Size requires number argument." },
		{ ".", 'm', -EINVAL, 0, 0, "Can't parse size argument at '.'." },
		{ "1.2.3", 'm', -EINVAL, 0, 0, "Can't parse size argument." },
		{ "8z", 'm', -EINVAL, 0, 0, "Can't parse size argument." },
		{ "18EiB", 'm', -EINVAL, 0, 0, "Size is too big (>=16EiB)." },
	};
	char why[128];
	uint64_t n;
	enum sign sign;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = 0;
		sign = SIGN_NONE;
		EQ(parse_size_why(cases[i].in, cases[i].unit, &sign, &n, why, sizeof(why)),
		   cases[i].ret);
		OK(!strcmp(why, cases[i].why));
		if (cases[i].ret)
			continue;
		EQ(n, cases[i].sectors);
		EQ(sign, cases[i].sign);
	}
	/* the option checks: exit 3 for a sign an option takes none of */
	EQ(parse("vgcreate -s +4 vg pv"), EINVALID);
	EQ(parse("pvcreate --metadatasize -1 pv"), EINVALID);
	EQ(parse("lvcreate -L8 -I +64 vg"), 0);
	EQ(parse("lvcreate -L8 -I -64 vg"), EINVALID);
}

static bool clashes(const char *name, char letter, unsigned commands)
{
	struct plvm_option o = {
		.size = sizeof(o), .name = name, .letter = letter, .kind = PLVM_OPT_ENUM,
		.commands = commands,
	};
	char why[128];

	return cli_reserved.option_clash(&o, why, sizeof(why));
}

/* A type's option clashes with a built-in one only for the commands the
 * built-in belongs to (lvchange has no --zero/-Z, lvcreate has), and
 * always with the options every command has. */
static void t_type_option_clash(void)
{
	OK(!clashes("zero", 'Z', PLVM_CMD_LVCHANGE));
	OK(clashes("zero", 0, PLVM_CMD_LVCREATE));
	OK(clashes("zero", 'Z', PLVM_CMD_LVCHANGE | PLVM_CMD_LVCREATE));
	OK(clashes("other", 'Z', PLVM_CMD_LVCREATE));	/* -Z is lvcreate's */
	OK(clashes("verbose", 0, PLVM_CMD_LVCHANGE));	/* every command's */
	OK(clashes("other", 'v', PLVM_CMD_LVCHANGE));
	OK(clashes("permission", 0, PLVM_CMD_LVCHANGE));
	OK(!clashes("permission", 0, PLVM_CMD_LVREMOVE));
	OK(!clashes("other", 0, PLVM_CMD_LVCHANGE));
}

int main(void)
{
	RUN(t_tables);
	RUN(t_good_lines);
	RUN(t_bad_lines);
	RUN(t_common_options_bad);
	RUN(t_parse_twice);
	RUN(t_lvconvert_interval);
	RUN(t_throttle_controller);
	RUN(t_parse_vg_lv);
	RUN(t_confirm);
	RUN(t_size_parse);
	RUN(t_type_option_clash);
	return test_done();
}
