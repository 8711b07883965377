/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plugin loader: the linear plugin loads and registers its types; each
 * broken test plugin (tests/plugins/) is refused with its reason logged, and
 * the others still load.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "cmd.h"
#include "log.h"
#include "segtype_reg.h"

#define TEST_PLUGINS	ABS_TOP_BUILDDIR "/tests/plugins/.libs"

static char logged[16384];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	snprintf(logged + n, sizeof(logged) - n, "%d %s\n", level, msg);
}

static bool logged_has(const char *s)
{
	if (strstr(logged, s))
		return true;
	printf("#   log lacks \"%s\"; log:\n%s", s, logged);
	return false;
}

/* What a program reserves: here --name and the field lv_size. */
static bool opt_clash(const struct plvm_option *o, char *why, size_t len)
{
	snprintf(why, len, "has the name of a built-in option");
	return !strcmp(o->name, "name");
}

static bool field_clash(const char *name)
{
	return !strcmp(name, "lv_size");
}

static const struct cmd_reserved reserved = { opt_clash, field_clash };

/* A command with no plvm.conf: the loader goes by the override alone. */
static struct cmd *new_cmd(const char *override)
{
	struct cmd *cmd;

	logged[0] = '\0';
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-test", 1);
	cmd = cmd_create_reserved("test", override, &reserved);
	OK(cmd != NULL);
	return cmd;
}

static void t_linear_loads(void)
{
	struct cmd *cmd = new_cmd(NULL);
	const struct segtype *striped, *linear;

	if (!cmd)
		return;
	striped = segtype_find(cmd, "striped");
	linear = segtype_find(cmd, "linear");
	OK(striped != NULL);
	OK(linear == striped);		/* the alias resolves */
	if (striped) {
		OK(segtype_has(striped, PLVM_SEG_CAN_SPLIT | PLVM_SEG_CAN_MERGE |
				PLVM_SEG_AREAS_STRIPED | PLVM_SEG_CAN_ENCAPSULATE));
		OK(!segtype_has(striped, PLVM_SEG_VIRTUAL));
		OK(striped->plugin != NULL);
		STREQ(striped->desc->dm_target, "striped");
	}
	OK(segtype_find_caps(cmd, PLVM_SEG_AREAS_STRIPED) == striped);
	OK(segtype_find(cmd, "nosuch") == NULL);
	cmd_destroy(cmd);
}

static void t_load_list(void)
{
	struct cmd *cmd = new_cmd("plugins{load=[\"nosuch\", \"linear\", \"Bad/Name\"]}");

	if (!cmd)
		return;
	OK(segtype_find(cmd, "striped") != NULL);
	OK(logged_has("Plugin nosuch named in plugins/load is not in"));
	OK(logged_has("invalid name \"Bad/Name\""));
	cmd_destroy(cmd);
}

static void t_disable(void)
{
	struct cmd *cmd = new_cmd("plugins{disable=[\"linear\"]}");

	if (!cmd)
		return;
	OK(segtype_find(cmd, "striped") == NULL);
	cmd_destroy(cmd);
}

static void t_relative_dir_refused(void)
{
	char *saved = getenv("PLVM_PLUGIN_DIR") ? strdup(getenv("PLVM_PLUGIN_DIR")) : NULL;
	struct cmd *cmd;

	unsetenv("PLVM_PLUGIN_DIR");
	logged[0] = '\0';
	cmd = cmd_create("test", "plugins{dir=\"relative/dir\"}");
	OK(cmd == NULL);
	OK(logged_has("not an absolute path"));
	cmd_destroy(cmd);
	if (saved)
		setenv("PLVM_PLUGIN_DIR", saved, 1);
	free(saved);
}

static void t_good(void)
{
	struct cmd *cmd = new_cmd("plugins{load=[]}");
	const struct segtype *st;

	if (!cmd)
		return;
	OK(segtype_find(cmd, "striped") == NULL);	/* empty load list: nothing */
	EQ(plugin_load_file(cmd, TEST_PLUGINS "/tgood"), 0);
	st = segtype_find(cmd, "tgood_type");
	OK(st != NULL);
	OK(segtype_find(cmd, "tgood_alias") == st);
	OK(logged_has("tgood: init"));			/* api->log, with the prefix */
	/* loading it again is a duplicate of itself */
	EQ(plugin_load_file(cmd, TEST_PLUGINS "/tgood.so"), -EEXIST);
	cmd_destroy(cmd);
}

#define STR_(x)		#x
#define STR(x)		STR_(x)
#define HOST_ABI	STR(PLVM_SEGTYPE_ABI_MAJOR) "." STR(PLVM_SEGTYPE_ABI_MINOR)

struct broken {
	const char *module;
	int err;
	const char *why;
};

static const struct broken broken[] = {
	{ "tbadabi", -EPROTO,
	  "Plugin tbadabi was built for plugin ABI 3.0; this plvm has plugin ABI " HOST_ABI "." },
	{ "tabi1", -EPROTO,
	  "Plugin tabi1 was built for plugin ABI 1.0; this plvm has plugin ABI " HOST_ABI "." },
	{ "toptclash", -EINVAL, "Plugin toptclash: option --name has the name of a built-in option" },
	{ "tfieldclash", -EINVAL,
	  "Plugin tfieldclash: report field lv_size has the name of a built-in field" },
	{ "tnoentry", -EIO, "Plugin tnoentry has no entry point" },
	{ "tdup", -EEXIST, "Duplicate segment type striped from plugin tdup (already from linear)" },
	{ "tnobuild", -EINVAL, "segment type tnobuild_type lacks mandatory callback build_table" },
	{ "tsmall", -EPROTO, "Plugin tsmall: descriptor too small" },
	{ "tsmallops", -EINVAL, "segment type tsmallops_type: metadata table too small" },
	{ "tbadcaps", -EINVAL, "lacks mandatory callback split (it declares CAN_SPLIT)" },
	{ "tbadname", -EINVAL, "Plugin tbadname calls itself \"someone_else\"" },
	{ "tinitfail", -EIO, "Plugin tinitfail failed to initialise" },
	{ "tmissing", -ENOENT, "Cannot open plugin tmissing" },
};

static void check_broken(const struct broken *b)
{
	struct cmd *cmd = new_cmd(NULL);
	char path[512], type[64];

	if (!cmd)
		return;
	snprintf(path, sizeof(path), "%s/%s", TEST_PLUGINS, b->module);
	snprintf(type, sizeof(type), "%s_type", b->module);
	CHECK_(plugin_load_file(cmd, path) == b->err, "%s: want %d", b->module, b->err);
	OK(logged_has(b->why));
	OK(segtype_find(cmd, type) == NULL);		/* nothing of it registered */
	OK(segtype_find(cmd, "striped") != NULL);	/* the others stay */
	cmd_destroy(cmd);
}

static void t_broken(void)
{
	size_t i;

	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++)
		check_broken(&broken[i]);
}

/* The whole directory of test plugins: the good ones load, no crash. */
static void t_directory(void)
{
	char *saved = strdup(getenv("PLVM_PLUGIN_DIR") ? getenv("PLVM_PLUGIN_DIR") : "");
	struct cmd *cmd;

	setenv("PLVM_PLUGIN_DIR", TEST_PLUGINS, 1);
	cmd = new_cmd(NULL);
	if (cmd) {
		OK(segtype_find(cmd, "tgood_type") != NULL);
		OK(segtype_find(cmd, "tshort_type") != NULL);
		OK(segtype_find(cmd, "tbadabi_type") == NULL);
		OK(segtype_find(cmd, "tinitfail_type") == NULL);
		/* no linear plugin here: tdup's "striped" is not a duplicate */
		OK(segtype_find(cmd, "tdup_type") != NULL);
		OK(logged_has("Plugin tnobuild"));
		cmd_destroy(cmd);
	}
	setenv("PLVM_PLUGIN_DIR", saved, 1);
	free(saved);
}

static void t_unknown(void)
{
	struct cmd *cmd = new_cmd(NULL);
	const struct segtype *st;

	if (!cmd)
		return;
	st = segtype_unknown(cmd, "raid7");
	OK(st != NULL);
	if (st) {
		STREQ(st->name, "raid7");
		OK(segtype_has(st, PLVM_SEG_UNKNOWN | PLVM_SEG_VIRTUAL));
		OK(st->desc == NULL);
	}
	OK(segtype_unknown(cmd, "raid7") == st);	/* once per name */
	OK(segtype_find(cmd, "raid7") == st);
	OK(segtype_find_caps(cmd, PLVM_SEG_VIRTUAL) != st);	/* never the placeholder */
	OK(segtype_unknown(cmd, "striped") == segtype_find(cmd, "striped"));
	cmd_destroy(cmd);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	if (!getenv("PLVM_PLUGIN_DIR")) {
		printf("1..0 # SKIP PLVM_PLUGIN_DIR is not set (run through make check)\n");
		return 0;
	}
	RUN(t_linear_loads);
	RUN(t_load_list);
	RUN(t_disable);
	RUN(t_relative_dir_refused);
	RUN(t_good);
	RUN(t_broken);
	RUN(t_directory);
	RUN(t_unknown);
	return test_done();
}
