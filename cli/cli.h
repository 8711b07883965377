/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line: one option table shared by every command, a command
 * table naming which options each command takes, and helpers that turn
 * option values into numbers.  Commands return an exit code: 0, EINVALID
 * (3, bad usage) or EFAILED (5, the command failed), as LVM2 does; an
 * unknown command name exits ENOSUCHCMD (2).
 */
#ifndef PLVM_CLI_H
#define PLVM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plvm/segtype.h"

struct cmd;
struct command;

#define ECMD_OK		0
#define ENOSUCHCMD	2	/* no command of that name */
#define EINVALID	3
#define EFAILED		5

/* Every option any command accepts.  The same letter may mean different
 * things to different commands (-i: stripes for lvcreate, interval for
 * pvmove), so each entry is one meaning. */
enum opt_id {
	OPT_NONE = 0,
	/* common to every command */
	OPT_VERBOSE, OPT_TEST, OPT_CONFIG, OPT_HELP, OPT_VERSION, OPT_DEBUG, OPT_QUIET,
	OPT_YES, OPT_FORCE, OPT_AUTOBACKUP, OPT_NOUDEVSYNC, OPT_NOLOCKING, OPT_DEVICES,
	OPT_REPORTFORMAT, OPT_LONGHELP, OPT_NOHINTS, OPT_COMMANDPROFILE, OPT_PROFILE,
	OPT_DRIVERLOADED, OPT_DEVICESFILE, OPT_JOURNAL, OPT_LOCKOPT,
	/* reporting */
	OPT_ALL, OPT_OPTIONS, OPT_SORT, OPT_NOHEADINGS, OPT_HEADINGS, OPT_SEPARATOR,
	OPT_UNITS, OPT_NOSUFFIX, OPT_UNBUFFERED, OPT_ALIGNED, OPT_NAMEPREFIXES,
	OPT_ROWS, OPT_SELECT, OPT_SEGMENTS, OPT_BINARY, OPT_UNQUOTED, OPT_READONLY, OPT_PARTIAL,
	OPT_IGNORELOCKINGFAILURE, OPT_SYSINIT, OPT_FOREIGN,
	/* the display commands */
	OPT_COLUMNS, OPT_COLON, OPT_MAPS, OPT_SHORT, OPT_ACTIVEVOLUMEGROUPS,
	/* pv */
	OPT_METADATACOPIES, OPT_PVMETADATACOPIES, OPT_METADATASIZE, OPT_DATAALIGNMENT,
	OPT_DATAALIGNMENTOFFSET, OPT_METADATAIGNORE,
	OPT_LABELSECTOR, OPT_UUID, OPT_NORESTOREFILE, OPT_SETPHYSICALVOLUMESIZE,
	OPT_ZERO_PV, OPT_RESTOREFILE, OPT_BOOTLOADERAREASIZE,
	/* vg */
	OPT_PESIZE, OPT_ALLOC, OPT_MAXLV, OPT_MAXPV, OPT_VGMETADATACOPIES, OPT_ACTIVATE,
	OPT_POLL, OPT_REMOVEMISSING, OPT_RESTOREMISSING, OPT_FILE, OPT_CLUSTERED, OPT_SHARED,
	OPT_SYSTEMID, OPT_LOCKTYPE,
	OPT_ADDTAG, OPT_DELTAG, OPT_REFRESH, OPT_ACTIVATIONMODE, OPT_UPDATEMETADATA, OPT_LIST,
	OPT_ALLOCATABLE, OPT_RESIZEABLE, OPT_LOGICALVOLUME, OPT_NEWUUID, OPT_METADATATYPE,
	OPT_UUID_SHOW, OPT_NOVOLUMEGROUP, OPT_EXPORTED, OPT_MKNODES, OPT_LVMPARTITION,
	OPT_CACHE, OPT_LISTVG, OPT_LISTLVS, OPT_CHECKCOMPLETE, OPT_VGONLINE, OPT_UDEVOUTPUT,
	OPT_BASEVGNAME, OPT_IMPORT, OPT_DUMP,
	/* lv */
	OPT_EXTENTS, OPT_SIZE, OPT_NAME, OPT_STRIPES, OPT_STRIPES_LONG, OPT_STRIPESIZE, OPT_TYPE,
	OPT_ZERO, OPT_WIPESIGNATURES, OPT_MIRRORS, OPT_MIRRORS_SIGNED, OPT_REGIONSIZE, OPT_NOSYNC,
	OPT_PERMISSION, OPT_READAHEAD,
	OPT_MINOR, OPT_MAJOR, OPT_PERSISTENT, OPT_CONTIGUOUS, OPT_RESIZEFS,
	OPT_SETACTIVATIONSKIP, OPT_IGNOREACTIVATIONSKIP, OPT_SETAUTOACTIVATION, OPT_AUTOACTIVATION,
	OPT_METADATAPROFILE, OPT_DETACHPROFILE,
	/* pvmove */
	OPT_ATOMIC, OPT_ABORT, OPT_BACKGROUND, OPT_INTERVAL, OPT_MOVE_NAME,
	/* plvm's own */
	OPT_DRYRUN, OPT_PROGRESS_JSON, OPT_THROTTLE,
	/* config */
	OPT_CONFIGTYPE, OPT_VALUESONLY, OPT_WITHCOMMENTS,
	OPT_COUNT
};

enum opt_arg {
	ARG_NONE,		/* a flag; may repeat (-ff, -vvv) */
	ARG_REQUIRED,		/* a value */
	ARG_OPTIONAL,		/* --abort [PV] style is handled as a positional; rare */
};

#define OPTF_REPEAT	1u	/* may be given more than once (-vv, --addtag a --addtag b) */
#define OPTF_SIGNED	2u	/* a number or size may start with + or - */
#define OPTF_NONZERO	4u	/* a number or size may not be 0 */
#define OPTF_NOSIGN	8u	/* a size takes no sign at all (else a + is ignored) */
#define OPTF_PNUMBER	16u	/* LVM2's PNumber: a negative value is named as such */

struct opt_def {
	enum opt_id id;
	const char *long_name;	/* without "--" */
	char short_name;	/* 0 if none */
	enum opt_arg arg;
	const char *help;	/* "--name VALUE" description, one line */
	enum plvm_opt_kind kind;	/* what its value is (0: any string), checked by args_parse */
	char unit;		/* sizes: the default unit */
	bool type_reads;	/* the segment type running the command must read it */
	unsigned flags;		/* OPTF_* */
	const char *const *choices;	/* PLVM_OPT_ENUM: the values, NULL-terminated */
};

/* Two options a command may not be given together (args_parse refuses). */
struct opt_conflict {
	enum opt_id a, b;
	const char *why;	/* the message, or NULL for a generic one */
};

/* An option a command parses only to refuse it: @why (LVM2's words where
 * LVM2 has them) and exit @code.  args_parse refuses it, and the option
 * table in doc/ lists it as refused. */
struct opt_refusal {
	const char *cmds;	/* the commands, space-separated; NULL: every one */
	enum opt_id id;
	const char *value;	/* refused only with this y|n value; NULL: any value */
	int code;
	const char *why;
};
extern const struct opt_refusal opt_refusals[];

/* An option commands @cmds take only beside one of @with (LVM2 has it in
 * those forms of the command only); without, args_parse answers "Command
 * does not accept option" and exit 3. */
struct opt_need {
	const char *cmds;	/* space-separated */
	enum opt_id id;
	enum opt_id with[4];	/* OPT_NONE-terminated */
};
extern const struct opt_need opt_needs[];
/* The need of option @id in command @c, or NULL. */
const struct opt_need *opt_needed(const struct command *c, enum opt_id id);
/* The refusal of option @id by command @c, or NULL. */
const struct opt_refusal *opt_refused(const struct command *c, enum opt_id id);
/* The options every command takes besides its own, ending with OPT_NONE. */
extern const enum opt_id opt_common[];

#define MAX_TYPE_OPTS	128	/* type options one command takes, at most */

/* A segment type's option given on the command line. */
struct type_arg {
	const struct plvm_option *def;
	unsigned count;
	const char *value;		/* the last value */
	const char **values;		/* every value, NULL-terminated */
};

/* What was given on the command line. */
struct args {
	unsigned count[OPT_COUNT];	/* times each option was given */
	const char *value[OPT_COUNT];	/* the last value given */
	const char **values[OPT_COUNT];	/* every value, NULL-terminated (for -o a -o b) */
	struct type_arg *targs;		/* the segment types' options the command takes */
	unsigned ntargs;
	int argc;			/* positional arguments */
	char **argv;
	const struct command *cmd;
};

typedef int (*command_fn)(struct cmd *cmd, struct args *a);

struct command {
	const char *name;
	const char *summary;
	const char *usage;		/* after the command name */
	command_fn fn;
	const enum opt_id *opts;	/* OPT_NONE-terminated; the common ones are implied */
	unsigned flags;
	unsigned type_cmd;		/* enum plvm_cmd: which type options it takes */
	unsigned char min_args;		/* positional arguments: at least */
	unsigned char max_args;		/* and at most (ARGS_ANY: no limit) */
};
#define ARGS_ANY	255
#define CMD_NO_CONTEXT	1u	/* runs without reading config or loading plugins */
#define CMD_NO_METADATA	2u	/* reads no metadata: takes no locks */
#define CMD_DEVFILE_ADD	4u	/* puts its PVs in the devices file (may create the one
				 * --devicesfile names) */
#define CMD_EXPORTED	8u	/* works on exported VGs too (LVM2's ALLOW_EXPORTED) */

const struct command *command_find(const char *name);
/* The pairs of options no command takes together, ending with { 0 }. */
extern const struct opt_conflict opt_conflicts[];
const struct opt_def *opt_def(enum opt_id id);
const struct opt_def *opt_def_by_name(const char *long_name);
/* Usage; with @cmd (plugins loaded) the segment types' options too. */
void command_usage(const struct command *c, struct cmd *cmd, bool full);
int commands_print_all(void);
/* The command table's entry @i, NULL past its end (for generated docs). */
const struct command *command_at(size_t i);
/* "-x|--name VALUE" of an option, as help and the man pages show it. */
void opt_synopsis(const struct opt_def *d, char *buf, size_t len);
void type_opt_synopsis(const struct plvm_option *o, char *buf, size_t len);
/* Call @fn for each option the loaded segment types add to @c, each name
 * once, with the name of the first type that declares it. */
typedef void (*type_opt_fn)(const struct plvm_option *o, const char *type, void *arg);
void command_type_opts(const struct command *c, struct cmd *cmd, type_opt_fn fn, void *arg);
/* What the program reserves against plugins' options and fields. */
extern const struct cmd_reserved cli_reserved;

/* Parse @argv for command @c into @a (which is zeroed first), with the
 * options the loaded segment types of @cmd add (@cmd may be NULL).  The
 * command line is refused (EINVALID, the reason printed as LVM2 words it)
 * when an option is unknown to @c, lacks its value or has a value not of
 * its kind, is given twice without OPTF_REPEAT, conflicts with another
 * (opt_conflicts), or when the positional arguments are fewer or more than
 * @c takes.  Returns 0, EINVALID, or EFAILED (no memory). */
int args_parse(const struct command *c, struct cmd *cmd, int argc, char **argv,
	       struct args *a);
void args_free(struct args *a);
/* A segment type's option as given, or NULL. */
const struct type_arg *targ_find(const struct args *a, const char *name);

static inline bool arg_is_set(const struct args *a, enum opt_id id)
{
	return a->count[id] > 0;
}

static inline unsigned arg_count(const struct args *a, enum opt_id id)
{
	return a->count[id];
}

const char *arg_str(const struct args *a, enum opt_id id, const char *def);

/* Value helpers: 0, or EINVALID with the reason printed. */
enum sign { SIGN_NONE, SIGN_PLUS, SIGN_MINUS };
int arg_uint64(const struct args *a, enum opt_id id, uint64_t def, uint64_t *out);
int arg_int_signed(const struct args *a, enum opt_id id, enum sign *sign, uint64_t *out);
/* --interval [+]N, as LVM2's parser takes it: 0 when not given (@n and @plus
 * untouched), else EINVALID for a negative value or one over a day. */
int arg_interval(const struct args *a, uint64_t *n, bool *plus);
/* A size with an optional unit (default @def_unit: 'm' for -L, 's' for ...),
 * in 512-byte sectors, with an optional leading +/-. */
int arg_size_sectors(const struct args *a, enum opt_id id, char def_unit, enum sign *sign,
		     uint64_t *sectors);
int parse_size_sectors(const char *s, char def_unit, enum sign *sign, uint64_t *sectors);
/* The same, with LVM2's reason for a size it cannot read in @why (empty
 * when LVM2 gives none): a second sign, no number, an unknown unit, bytes
 * that are no whole sectors, 16 EiB or more.  A part sector is dropped. */
int parse_size_why(const char *s, char def_unit, enum sign *sign, uint64_t *sectors, char *why,
		   size_t len);
/* y|n */
int arg_yes_no(const struct args *a, enum opt_id id, bool def, bool *out);
/* Ask "question? [y/n]: " on the terminal, unless -y (yes) or -f (force). */
bool cli_confirm(const struct args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same question asked even with --yes, where LVM2 does not look at it. */
bool cli_ask(const struct args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Split "vg/lv", "/dev/vg/lv" or "lv" (with @default_vg). 0 or EINVALID. */
int parse_vg_lv(const char *arg, const char *default_vg, char **vg, char **lv);

/* The commands. */
int cmd_version(struct cmd *cmd, struct args *a);
int cmd_help(struct cmd *cmd, struct args *a);
int cmd_segtypes(struct cmd *cmd, struct args *a);
int cmd_config(struct cmd *cmd, struct args *a);
int cmd_pvresize(struct cmd *cmd, struct args *a);
int cmd_pvcreate(struct cmd *cmd, struct args *a);
int cmd_pvremove(struct cmd *cmd, struct args *a);
int cmd_pvchange(struct cmd *cmd, struct args *a);
int cmd_pvscan(struct cmd *cmd, struct args *a);
int cmd_vgcreate(struct cmd *cmd, struct args *a);
int cmd_vgextend(struct cmd *cmd, struct args *a);
int cmd_vgreduce(struct cmd *cmd, struct args *a);
int cmd_vgremove(struct cmd *cmd, struct args *a);
int cmd_vgchange(struct cmd *cmd, struct args *a);
int cmd_vgck(struct cmd *cmd, struct args *a);
int cmd_vgrename(struct cmd *cmd, struct args *a);
int cmd_vgscan(struct cmd *cmd, struct args *a);
int cmd_vgexport(struct cmd *cmd, struct args *a);
int cmd_vgimport(struct cmd *cmd, struct args *a);
int cmd_vgmerge(struct cmd *cmd, struct args *a);
int cmd_vgsplit(struct cmd *cmd, struct args *a);
int cmd_vgmknodes(struct cmd *cmd, struct args *a);
int cmd_lvmdiskscan(struct cmd *cmd, struct args *a);
int cmd_vgimportclone(struct cmd *cmd, struct args *a);
int cmd_pvck(struct cmd *cmd, struct args *a);
/* pvscan --cache, --listvg, --listlvs (cli/pvonline.c): is it one of those
 * forms; run it (an exit code). */
bool pvscan_online_form(const struct args *a);
int pvscan_online(struct cmd *cmd, const struct args *a);
/* A VG deactivated may be autoactivated again: its claim goes. */
void vg_online_forget(const char *vg);
/* vgchange -aay of @vg (cli/vgcmds.c), with its "now active" line. */
struct vg;
int vg_autoactivate(struct cmd *cmd, const struct args *a, struct vg *vg);
/* vgmknodes of every VG, for vgscan --mknodes: an exit code. */
int vg_mknodes_all(struct cmd *cmd, const struct args *a);
int cmd_vgcfgbackup(struct cmd *cmd, struct args *a);
int cmd_vgcfgrestore(struct cmd *cmd, struct args *a);
int cmd_lvcreate(struct cmd *cmd, struct args *a);
int cmd_lvextend(struct cmd *cmd, struct args *a);
int cmd_lvreduce(struct cmd *cmd, struct args *a);
int cmd_lvresize(struct cmd *cmd, struct args *a);
int cmd_lvremove(struct cmd *cmd, struct args *a);
int cmd_lvchange(struct cmd *cmd, struct args *a);
int cmd_lvrename(struct cmd *cmd, struct args *a);
int cmd_lvscan(struct cmd *cmd, struct args *a);
int cmd_lvconvert(struct cmd *cmd, struct args *a);
int cmd_pvmove(struct cmd *cmd, struct args *a);
int cmd_move(struct cmd *cmd, struct args *a);
int cmd_pvdisplay(struct cmd *cmd, struct args *a);
int cmd_vgdisplay(struct cmd *cmd, struct args *a);
int cmd_lvdisplay(struct cmd *cmd, struct args *a);
int cmd_lvs(struct cmd *cmd, struct args *a);
int cmd_pvs(struct cmd *cmd, struct args *a);
int cmd_vgs(struct cmd *cmd, struct args *a);

#endif /* PLVM_CLI_H */
