/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What cli/report.c and cli/report_pvs.c share: a report being made, its
 * rows, and the calls the pvs part makes into the common part.
 */
#ifndef PLVM_REPORT_INT_H
#define PLVM_REPORT_INT_H

#include <stdbool.h>

#include "cli.h"
#include "log.h"
#include "report.h"

struct vg;

enum rep_kind { REP_LVS, REP_PVS, REP_VGS };

struct rep_kind_def {
	const char *name;		/* JSON object name, and for messages */
	const char *prefix;		/* field prefix that may be left out */
	const char *cols, *seg_cols;	/* default columns (plain, --segments) */
	const char *keys, *seg_keys;	/* default sort keys */
	const char *cfg[4];		/* the report/ keys that change them: cols, seg_cols,
					 * keys, seg_keys */
	unsigned allowed;		/* enum rep_obj */
};

struct rep_row {
	struct rep_val *vals;		/* one per column */
	struct rep_val *keys;		/* one per sort key */
	unsigned idx;			/* order of arrival, to keep sorting stable */
};

enum rep_format { FMT_COLUMNS, FMT_JSON, FMT_ROWS };

/* log/report_command_log: the command's messages, kept for a "log" report */
struct cmdlog_entry {
	int level;
	char *msg;
};
struct cmdlog {
	struct cmdlog_entry *v;
	unsigned n;
	bool printed;		/* in a report; otherwise they go out at the end */
	log_sink_fn prev;
	void *prev_arg;
};

struct report {
	struct cmd *cmd;
	const struct rep_kind_def *kind;
	struct rep_opts opts;
	struct rep_cols cols, keys;
	bool per_seg;			/* one row per LV segment */
	bool pv_segs;			/* pvs: one row per run of a PV's extents */
	bool segments;			/* lvs --segments */
	bool help_only;			/* -o help: the fields were listed */
	bool headings, aligned, prefixes, unquoted;
	bool unbuffered;		/* --unbuffered, report/buffered=0: input order */
	unsigned streamed;		/* columns printed as they came (unbuffered) */
	bool compact;			/* report/compact_output */
	struct rep_cols compact_cols;	/* report/compact_output_cols */
	enum rep_format format;
	bool json_std;			/* --reportformat json_std */
	struct cmdlog *cmdlog;		/* NULL unless log/report_command_log */
	const char *sep;
	struct rep_row *rows;
	unsigned nrows, arows;
	int status;			/* EFAILED once something asked for was missing */
	struct sel *sel;		/* -S: the rows to keep, NULL for all */
	bool show_all;			/* the "selected" field is shown: no row is left out */
};

/* Turn @src into a row of strings (and print it at once when unbuffered);
 * 0 or -errno. */
int rep_add_row(struct report *rep, const struct rep_row_src *src);
/* The VG @name, read for the report; NULL when it cannot be read (said so,
 * rep->status set). */
struct vg *rep_read_vg(struct report *rep, const char *name);
/* The rows of pvs (cli/report_pvs.c). */
int rep_run_pvs(struct report *rep, const struct args *a);

#endif /* PLVM_REPORT_INT_H */
