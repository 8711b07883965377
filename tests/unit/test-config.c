/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Configuration: plvm.conf, conf.d drop-ins in order, the --config override. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "config.h"
#include "log.h"

static char dir[64];
static char logged[4096];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	OK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void fresh_dir(void)
{
	char cmd[128];

	if (dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			FAIL_("cannot remove %s", dir);
	}
	snprintf(dir, sizeof(dir), "/tmp/plvm-test-config.XXXXXX");
	OK(mkdtemp(dir) != NULL);
	logged[0] = '\0';
}

/* What lib.sh's lvmconf writes. */
static const char harness_conf[] =
	"activation = {\n"
	"\tpolling_interval = 1;\n"
	"\traid_region_size = 512;\n"
	"};\n"
	"devices = {\n"
	"\tdir = \"/dev\";\n"
	"\tfilter = \"a|.*|\";\n"
	"\tglobal_filter = [ \"a|/dev/mapper/LVMTESTpv[0-9_]*$|\", \"r|.*|\" ];\n"
	"};\n";

static void t_file(void)
{
	const char *const *list;
	struct config *cfg;

	fresh_dir();
	write_file("plvm.conf", harness_conf);
	EQ(config_load(&cfg, dir, NULL), 0);
	EQ(config_int(cfg, "activation/polling_interval", 99), 1);
	EQ(config_int(cfg, "activation/raid_region_size", 0), 512);
	EQ(config_int(cfg, "activation/nosuch", 42), 42);
	STREQ(config_str(cfg, "devices/dir", NULL), "/dev");
	OK(config_str(cfg, "devices/nosuch", NULL) == NULL);
	EQ(config_str_list(cfg, "devices/global_filter", &list), 2);
	STREQ(list[0], "a|/dev/mapper/LVMTESTpv[0-9_]*$|");
	STREQ(list[1], "r|.*|");
	OK(list[2] == NULL);
	/* a single string counts as a list of one */
	EQ(config_str_list(cfg, "devices/filter", &list), 1);
	STREQ(list[0], "a|.*|");
	config_free(cfg);
}

static void t_missing_file(void)
{
	struct config *cfg;

	fresh_dir();
	EQ(config_load(&cfg, dir, NULL), 0);
	EQ(config_int(cfg, "activation/polling_interval", 15), 15);
	STREQ(config_str(cfg, "devices/dir", "/dev"), "/dev");
	config_free(cfg);
}

static void t_dropins_in_order(void)
{
	struct config *cfg;

	fresh_dir();
	write_file("plvm.conf", harness_conf);
	OK(!mkdir(strcat(strcpy(logged, dir), "/conf.d"), 0700));
	logged[0] = '\0';
	write_file("conf.d/20-b.conf", "activation = { polling_interval = 7; };\n");
	write_file("conf.d/10-a.conf", "activation = { polling_interval = 5; };\n"
		   "log = { prefix = \"a\"; };\n");
	write_file("conf.d/30-c.txt", "activation = { polling_interval = 9; };\n");
	write_file("conf.d/.40-hidden.conf", "activation = { polling_interval = 11; };\n");
	EQ(config_load(&cfg, dir, NULL), 0);
	EQ(config_int(cfg, "activation/polling_interval", 0), 7);	/* the last one wins */
	EQ(config_int(cfg, "activation/raid_region_size", 0), 512);	/* key by key */
	STREQ(config_str(cfg, "log/prefix", NULL), "a");
	config_free(cfg);
}

static void t_override_wins(void)
{
	const char *const *list;
	struct config *cfg;

	fresh_dir();
	write_file("plvm.conf", harness_conf);
	EQ(config_load(&cfg, dir, "log{prefix=\"\"} activation{polling_interval=3} "
		       "devices{filter=[\"a|.*|\", \"r|/dev/sda|\"]}"), 0);
	EQ(config_int(cfg, "activation/polling_interval", 0), 3);
	EQ(config_int(cfg, "activation/raid_region_size", 0), 512);
	STREQ(config_str(cfg, "log/prefix", "x"), "");
	EQ(config_str_list(cfg, "devices/filter", &list), 2);
	STREQ(list[1], "r|/dev/sda|");
	config_free(cfg);
}

static void t_lists(void)
{
	const char *const *list;
	struct config *cfg;

	fresh_dir();
	write_file("plvm.conf", "plugins = { load = [ ]; disable = \"raid\"; };\n");
	EQ(config_load(&cfg, dir, NULL), 0);
	EQ(config_str_list(cfg, "plugins/load", &list), 0);
	OK(list != NULL);		/* set, but empty */
	EQ(config_str_list(cfg, "plugins/nosuch", &list), 0);
	OK(list == NULL);		/* unset */
	EQ(config_str_list(cfg, "plugins/disable", &list), 1);
	STREQ(list[0], "raid");
	config_free(cfg);
	EQ(config_load(&cfg, dir, "plugins{load=[]}"), 0);
	EQ(config_str_list(cfg, "plugins/load", &list), 0);
	OK(list != NULL);
	config_free(cfg);
}

static void t_malformed_file(void)
{
	struct config *cfg = (struct config *)&cfg;

	fresh_dir();
	write_file("plvm.conf", "activation = {\n\tpolling_interval = ;\n};\n");
	EQ(config_load(&cfg, dir, NULL), -EINVAL);
	OK(cfg == NULL);
	OK(strstr(logged, "/plvm.conf:2:") != NULL);
}

static void t_malformed_dropin(void)
{
	struct config *cfg;

	fresh_dir();
	write_file("plvm.conf", harness_conf);
	OK(!mkdir(strcat(strcpy(logged, dir), "/conf.d"), 0700));
	logged[0] = '\0';
	write_file("conf.d/10-bad.conf", "\n\nlog = { prefix = ; };\n");
	EQ(config_load(&cfg, dir, NULL), -EINVAL);
	OK(strstr(logged, "conf.d/10-bad.conf:3:") != NULL);
}

static void t_malformed_override(void)
{
	struct config *cfg;

	fresh_dir();
	EQ(config_load(&cfg, dir, "log{prefix="), -EINVAL);
	OK(strstr(logged, "--config") != NULL);
}

/* --config goes through the metadata texts' limits: deep nesting is
 * refused before the parser recurses (100000 levels would overflow the
 * stack), while nesting up to the limit still parses. */
static void t_override_limits(void)
{
	size_t n = 100000, i;
	char *deep = malloc(2 * n + 8);
	struct config *cfg;

	if (!deep)
		return;
	fresh_dir();
	/* "a{a{a{..." */
	for (i = 0; i < n; i++)
		deep[2 * i] = 'a', deep[2 * i + 1] = '{';
	deep[2 * n] = '\0';
	logged[0] = '\0';
	EQ(config_load(&cfg, dir, deep), -EINVAL);
	OK(strstr(logged, "--config setting: sections nest more than") != NULL);
	strcpy(deep, "a{b{c{d=1}}}");
	EQ(config_load(&cfg, dir, deep), 0);
	EQ(config_int(cfg, "a/b/c/d", 0), 1);
	config_free(cfg);
	free(deep);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	RUN(t_file);
	RUN(t_missing_file);
	RUN(t_dropins_in_order);
	RUN(t_override_wins);
	RUN(t_lists);
	RUN(t_malformed_file);
	RUN(t_malformed_dropin);
	RUN(t_malformed_override);
	RUN(t_override_limits);
	if (dir[0]) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			return 1;
	}
	return test_done();
}
