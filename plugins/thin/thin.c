/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "thin-pool" and "thin" segment types: the kernel's dm-thin-pool and
 * dm-thin targets, with LVM2's metadata, devices, commands and reports.
 * See thin.h for the layout and the files of this directory for each part.
 */
#include <errno.h>
#include <stddef.h>

#include "thin.h"

const struct plvm_host_api *api;

#define CREATE		PLVM_CMD_LVCREATE
#define CONVERT		PLVM_CMD_LVCONVERT

static const struct plvm_option opt_thin = {
	.size = sizeof(struct plvm_option), .name = "thin", .letter = 'T', .kind = PLVM_OPT_FLAG,
	.commands = CREATE | CONVERT, .flags = PLVM_OPTF_SELECTS,
	.help = "make a thin pool, or a thin LV in it with -V (lvconvert: make the LV a thin "
		"LV on the read-only rest of it, with --thinpool)",
};

static const struct plvm_option opt_originname = {
	.size = sizeof(struct plvm_option), .name = "originname", .kind = PLVM_OPT_STRING,
	.commands = CONVERT, .arg = "LV",
	.help = "lvconvert --thin: the name the read-only external origin takes",
};

static const struct plvm_option opt_virtualsize = {
	.size = sizeof(struct plvm_option), .name = "virtualsize", .letter = 'V',
	.kind = PLVM_OPT_SIZE, .unit = 'm', .commands = CREATE,
	.flags = PLVM_OPTF_SELECTS | PLVM_OPTF_NOSIGN,
	.arg = "Size[m|UNIT]", .help = "the size of a thin LV",
};

static const struct plvm_option opt_thinpool = {
	.size = sizeof(struct plvm_option), .name = "thinpool", .kind = PLVM_OPT_LV,
	.commands = CREATE | CONVERT, .flags = PLVM_OPTF_SELECTS, .arg = "LV",
	.help = "the thin pool to use (lvcreate) or to make of an LV (lvconvert)",
};

static const struct plvm_option opt_poolmetadata = {
	.size = sizeof(struct plvm_option), .name = "poolmetadata", .kind = PLVM_OPT_LV,
	.commands = CONVERT, .arg = "LV", .help = "the LV that becomes a thin pool's metadata",
};

static const struct plvm_option opt_poolmetadatasize = {
	.size = sizeof(struct plvm_option), .name = "poolmetadatasize", .kind = PLVM_OPT_SIZE,
	.unit = 'm', .commands = CREATE | CONVERT | PLVM_CMD_LVRESIZE, .flags = PLVM_OPTF_NONNEG,
	.arg = "[+]Size[m|UNIT]",
	.help = "the size of a thin pool's metadata (lvextend: grow it)",
};

static const struct plvm_option opt_usepolicies = {
	.size = sizeof(struct plvm_option), .name = "usepolicies", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVRESIZE,
	.help = "grow a thin pool past activation/thin_pool_autoextend_threshold",
};

static const struct plvm_option opt_use_policies = {
	.size = sizeof(struct plvm_option), .name = "use-policies", .kind = PLVM_OPT_FLAG,
	.commands = PLVM_CMD_LVRESIZE, .help = "the same as --usepolicies",
};

static const char *const yes_no_choices[] = { "y", "n", NULL };

static const struct plvm_option opt_poolmetadataspare = {
	.size = sizeof(struct plvm_option), .name = "poolmetadataspare", .kind = PLVM_OPT_ENUM,
	.choices = yes_no_choices, .commands = CREATE | CONVERT, .arg = "y|n",
	.help = "keep a spare metadata LV for repairs",
};

static const struct plvm_option opt_chunksize = {
	.size = sizeof(struct plvm_option), .name = "chunksize", .letter = 'c',
	.kind = PLVM_OPT_SIZE, .unit = 'k', .commands = CREATE | CONVERT,
	.flags = PLVM_OPTF_NONNEG,
	.arg = "Size[k|UNIT]", .help = "the allocation unit of a thin pool",
};

static const struct plvm_option opt_discards = {
	.size = sizeof(struct plvm_option), .name = "discards", .kind = PLVM_OPT_ENUM,
	.choices = discards_names, .commands = CREATE | CONVERT | PLVM_CMD_LVCHANGE,
	.arg = "ignore|nopassdown|passdown", .help = "what a thin pool does with discards",
	.lv_types = "thinpool ", .bad_value = "Thin pool discards type \"%s\" is unknown.",
};

/* lvcreate's and lvconvert's --zero are the host's (they zero a new LV's
 * start, and the type reads them for a new pool); lvchange has none. */
static const struct plvm_option opt_zero = {
	.size = sizeof(struct plvm_option), .name = "zero", .letter = 'Z', .kind = PLVM_OPT_ENUM,
	.choices = yes_no_choices, .commands = PLVM_CMD_LVCHANGE, .arg = "y|n",
	.help = "a thin pool zeroes newly provisioned blocks", .lv_types = "thinpool ",
};

static const struct plvm_option opt_snapshot = {
	.size = sizeof(struct plvm_option), .name = "snapshot", .letter = 's',
	.kind = PLVM_OPT_FLAG, .commands = CREATE, .flags = PLVM_OPTF_SELECTS,
	.help = "make a snapshot (of a thin LV: a thin snapshot, no size)",
};

static const struct plvm_option opt_errorwhenfull = {
	.size = sizeof(struct plvm_option), .name = "errorwhenfull", .kind = PLVM_OPT_ENUM,
	.choices = yes_no_choices, .commands = CREATE | PLVM_CMD_LVCHANGE, .arg = "y|n",
	.help = "a full thin pool fails writes at once instead of queueing them",
	.lv_types = "thinpool ",
};

static const struct plvm_option opt_repair = {
	.size = sizeof(struct plvm_option), .name = "repair", .kind = PLVM_OPT_FLAG,
	.commands = CONVERT, .help = "repair a thin pool's metadata with thin_repair",
};

static const struct plvm_option opt_swapmetadata = {
	.size = sizeof(struct plvm_option), .name = "swapmetadata", .kind = PLVM_OPT_FLAG,
	.commands = CONVERT, .flags = PLVM_OPTF_SELECTS | PLVM_OPTF_TYPED,
	.help = "give an inactive thin pool the metadata LV of --poolmetadata (for repair)",
};

static const struct plvm_option *const thin_options[] = {
	&opt_thin, &opt_virtualsize, &opt_thinpool, &opt_poolmetadata, &opt_poolmetadatasize,
	&opt_poolmetadataspare, &opt_chunksize, &opt_discards, &opt_snapshot, &opt_repair,
	&opt_errorwhenfull, &opt_usepolicies, &opt_use_policies, &opt_zero, &opt_swapmetadata,
	&opt_originname, NULL
};

static const struct plvm_field f_transaction = {
	.size = sizeof(struct plvm_field), .name = "transaction_id", .heading = "TransId",
	.kind = PLVM_FIELD_NUM, .help = "a thin pool's transaction id",
};
static const struct plvm_field f_thin_id = {
	.size = sizeof(struct plvm_field), .name = "thin_id", .heading = "ThId",
	.kind = PLVM_FIELD_NUM, .help = "a thin LV's device id in its pool",
};
static const struct plvm_field f_discards = {
	.size = sizeof(struct plvm_field), .name = "discards", .heading = "Discards",
	.kind = PLVM_FIELD_STR, .help = "what a thin pool does with discards",
};
static const struct plvm_field f_zero = {
	.size = sizeof(struct plvm_field), .name = "zero", .heading = "Zero",
	.kind = PLVM_FIELD_STR, .help = "a thin pool (a thin LV's pool) zeroes new blocks",
	.word = "zero",
};
static const struct plvm_field f_when_full = {
	.size = sizeof(struct plvm_field), .name = "lv_when_full", .heading = "WhenFull",
	.kind = PLVM_FIELD_STR, .width = 15, .help = "what a full thin pool does: queue or error",
};
static const struct plvm_field f_thin_count = {
	.size = sizeof(struct plvm_field), .name = "thin_count", .heading = "#Thins",
	.kind = PLVM_FIELD_NUM, .help = "the number of thin LVs in a pool",
};

static const struct plvm_field f_meta_size = {
	.size = sizeof(struct plvm_field), .name = "lv_metadata_size", .heading = "MSize",
	.kind = PLVM_FIELD_SIZE, .help = "the size of a thin pool's metadata LV",
};

static const struct plvm_field *const thin_fields[] = {
	&f_transaction, &f_thin_id, &f_discards, &f_zero, &f_when_full, &f_thin_count,
	&f_meta_size, NULL
};

static const struct plvm_config_key key_check = {
	.size = sizeof(struct plvm_config_key), .path = "global/thin_check_executable",
	.def = "/usr/sbin/thin_check", .help = "checks a pool's metadata before activation",
};
static const struct plvm_config_key key_check_opts = {
	.size = sizeof(struct plvm_config_key), .path = "global/thin_check_options",
	.def = "[ \"-q\", \"--clear-needs-check-flag\" ]",
	.help = "options of the check program",
};
static const struct plvm_config_key key_threshold = {
	.size = sizeof(struct plvm_config_key), .path = "activation/thin_pool_autoextend_threshold",
	.def = "100", .help = "percent full at which a pool is extended (100: never)",
};
static const struct plvm_config_key key_percent = {
	.size = sizeof(struct plvm_config_key), .path = "activation/thin_pool_autoextend_percent",
	.def = "20", .help = "percent of its size a pool grows by past the threshold",
};
static const struct plvm_config_key key_chunk = {
	.size = sizeof(struct plvm_config_key), .path = "allocation/thin_pool_chunk_size",
	.def = "64", .help = "chunk size of new thin pools, in KiB",
};
static const struct plvm_config_key key_zero = {
	.size = sizeof(struct plvm_config_key), .path = "allocation/thin_pool_zero",
	.def = "1", .help = "new thin pools zero new blocks",
};
static const struct plvm_config_key key_crop = {
	.size = sizeof(struct plvm_config_key), .path = "allocation/thin_pool_crop_metadata",
	.def = "0", .help = "cap new pool metadata at the kernel's 15.81 GiB; a larger metadata "
	"LV maps only that much (crop_metadata = 1)",
};
static const struct plvm_config_key key_zero_meta = {
	.size = sizeof(struct plvm_config_key), .path = "allocation/zero_metadata",
	.def = "1", .help = "new pool metadata LVs and spares are zeroed whole (0: their start)",
};

static const struct plvm_config_key key_repair = {
	.size = sizeof(struct plvm_config_key), .path = "global/thin_repair_executable",
	.def = "/usr/sbin/thin_repair", .help = "repairs a pool's metadata (lvconvert --repair)",
};
static const struct plvm_config_key key_repair_opts = {
	.size = sizeof(struct plvm_config_key), .path = "global/thin_repair_options",
	.def = "", .help = "options of the repair program",
};

static const struct plvm_config_key *const thin_config[] = {
	&key_check, &key_check_opts, &key_repair, &key_repair_opts, &key_threshold, &key_percent,
	&key_chunk, &key_zero, &key_zero_meta, &key_crop, NULL
};

static const char *const pool_suffixes[] = { "_pmspare", NULL };

static const struct plvm_segtype pool_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "thin-pool",
	.dm_target = "thin-pool",
	.dm_min_version = { 1, 1, 0 },
	.caps = PLVM_SEG_EXCLUSIVE | PLVM_SEG_CANNOT_ZERO | PLVM_SEG_LOGS_RESIZE |
		PLVM_SEG_LISTED_FIRST,
	.meta = &pool_meta,
	.dev = &pool_dev,
	.cmd = &thin_cmd,
	.report = &pool_report,
	.options = thin_options,
	.fields = thin_fields,
	.lv_suffixes = pool_suffixes,
	.config = thin_config,
};

static const struct plvm_segtype thin_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "thin",
	.dm_target = "thin",
	.dm_min_version = { 1, 1, 0 },
	.caps = PLVM_SEG_VIRTUAL | PLVM_SEG_EXCLUSIVE | PLVM_SEG_CANNOT_ZERO |
		PLVM_SEG_LOGS_RESIZE,
	.meta = &thin_meta,
	.dev = &thin_dev,
	.cmd = &thin_cmd,
	.report = &thin_report,
	.options = thin_options,
	.fields = thin_fields,
};

const struct plvm_segtype *const pool_segtype = &pool_type;
const struct plvm_segtype *const thin_segtype = &thin_type;

static const struct plvm_segtype *const segtypes[] = { &pool_type, &thin_type, NULL };

static int thin_plugin_init(const struct plvm_host *h, const struct plvm_host_api *host)
{
	if (host->size < sizeof(struct plvm_host_api))
		return -EPROTO;
	api = host;
	return 0;
}

static const struct plvm_segtype_plugin plugin = {
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
	.size = sizeof(struct plvm_segtype_plugin),
	.name = "thin",
	.version = "2.0",
	.segtypes = segtypes,
	.init = thin_plugin_init,
};

const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(thin)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(thin)(uint32_t maj, uint32_t min)
{
	return &plugin;
}
