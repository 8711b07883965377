/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test plugins for the loader (tests/unit/test-plugin.c).  One source, built
 * once per module with -DMOD=<name> and one -DT_<fault> each: a good plugin,
 * and plugins that break one rule each so the host must refuse them.
 */
#include <errno.h>

#include "plvm/segtype.h"

#define STR_(x)		#x
#define STR(x)		STR_(x)
#define ENTRY_(m)	PLVM_SEGTYPE_ENTRY_NAME(m)
#define ENTRY		ENTRY_(MOD)

static const struct plvm_host_api *api;

static int t_import(const struct plvm_host *h, struct plvm_seg *seg, const struct plvm_meta *m)
{
	return 0;
}

static int t_export(const struct plvm_host *h, const struct plvm_seg *seg, struct plvm_meta *m)
{
	return 0;
}

static __attribute__((unused)) int t_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			 struct plvm_table *t)
{
#ifdef T_SHORT_TABLE
	/* one sector short of the segment: the host must notice */
	return api->table_add(t, api->seg_len(seg) * api->extent_size(seg) - 1, "zero", "");
#else
	return api->table_add(t, api->seg_len(seg) * api->extent_size(seg), "zero", "");
#endif
}

static const struct plvm_meta_ops meta = {
#ifdef T_SMALL_OPS
	.size = sizeof(size_t),
#else
	.size = sizeof(struct plvm_meta_ops),
#endif
	.import = t_import,
	.export = t_export,
};

static const struct plvm_dev_ops dev = {
	.size = sizeof(struct plvm_dev_ops),
#ifndef T_NO_BUILD
	.build_table = t_build_table,
#endif
};

/* an option and a field of its own; the clash variants take built-in names */
static const struct plvm_option opt = {
	.size = sizeof(struct plvm_option),
#ifdef T_OPT_CLASH
	.name = "name",
#else
	.name = STR(MOD) "-opt",
#endif
	.kind = PLVM_OPT_NUMBER, .commands = PLVM_CMD_LVCREATE, .help = "a test option",
};

static const struct plvm_option *const opts[] = { &opt, NULL };

static const struct plvm_field field = {
	.size = sizeof(struct plvm_field),
#ifdef T_FIELD_CLASH
	.name = "lv_size",
#else
	.name = STR(MOD) "_field",
#endif
	.heading = "T", .kind = PLVM_FIELD_STR, .help = "a test field",
};

static const struct plvm_field *const fields[] = { &field, NULL };

static const struct plvm_segtype own_type = {
	.size = sizeof(struct plvm_segtype),
	.name = STR(MOD) "_type",
#ifdef T_BAD_CAPS
	.caps = PLVM_SEG_VIRTUAL | PLVM_SEG_CAN_SPLIT,	/* but no split() */
#else
	.caps = PLVM_SEG_VIRTUAL,
#endif
	.meta = &meta,
	.dev = &dev,
	.options = opts,
	.fields = fields,
};

static const struct plvm_segtype alias_type = {
	.size = sizeof(struct plvm_segtype),
	.name = STR(MOD) "_alias",
	.alias_of = STR(MOD) "_type",
	.caps = PLVM_SEG_ALIAS,
};

#ifdef T_DUP
static const struct plvm_segtype dup_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "striped",	/* the linear plugin's */
	.caps = PLVM_SEG_VIRTUAL,
	.meta = &meta,
	.dev = &dev,
};
#endif

static const struct plvm_segtype *const types[] = {
	&own_type, &alias_type,
#ifdef T_DUP
	&dup_type,
#endif
	NULL
};

static int t_init(const struct plvm_host *h, const struct plvm_host_api *host)
{
	api = host;
	api->log(h, PLVM_LOG_DEBUG, "init");
#ifdef T_INIT_FAIL
	return -EIO;
#else
	return 0;
#endif
}

static const struct plvm_segtype_plugin plugin = {
#ifdef T_BAD_ABI
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR + 1,
#elif defined(T_ABI1)
	.abi_major = 1,
#else
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
#endif
#if defined(T_BAD_ABI) || defined(T_ABI1)
	.abi_minor = 0,		/* a minor of that other major */
#else
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
#endif
#ifdef T_SMALL
	.size = sizeof(uint32_t),
#else
	.size = sizeof(struct plvm_segtype_plugin),
#endif
#ifdef T_BAD_NAME
	.name = "someone_else",
#else
	.name = STR(MOD),
#endif
	.version = "test",
	.segtypes = types,
	.init = t_init,
};

#ifdef T_NO_ENTRY
/* exported, but under a name the host does not look for */
const struct plvm_segtype_plugin *ENTRY_(tnoentry_other)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *ENTRY_(tnoentry_other)(uint32_t maj, uint32_t min)
#else
const struct plvm_segtype_plugin *ENTRY(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *ENTRY(uint32_t maj, uint32_t min)
#endif
{
#ifdef T_ABI1
	/* as a plugin built for ABI 1 answers: only a host of its own major */
	return maj == 1 ? &plugin : NULL;
#else
	return &plugin;
#endif
}
