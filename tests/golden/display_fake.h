/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fake lvdisplay emitter for the golden tests of report.display (ABI
 * 2.6): lines are joined by "|", sizes shown as "<sectors>s", percentages
 * as "done/total", areas as "AREA<i>".
 */
#ifndef PLVM_TESTS_GOLDEN_DISPLAY_FAKE_H
#define PLVM_TESTS_GOLDEN_DISPLAY_FAKE_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "segtype_reg.h"

static char disp_buf[2048];

static void disp_add(const char *fmt, va_list ap)
{
	size_t n = strlen(disp_buf);

	vsnprintf(disp_buf + n, sizeof(disp_buf) - n, fmt, ap);
	n = strlen(disp_buf);
	snprintf(disp_buf + n, sizeof(disp_buf) - n, "|");
}

static void disp_line(struct plvm_display *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	disp_add(fmt, ap);
	va_end(ap);
}

static void disp_text(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	disp_add(fmt, ap);
	va_end(ap);
}

static const char *disp_size(const struct plvm_display *d, char *buf, size_t len, uint64_t s)
{
	snprintf(buf, len, "%llus", (unsigned long long)s);
	return buf;
}

static const char *disp_pct(char *buf, size_t len, uint64_t done, uint64_t total)
{
	snprintf(buf, len, "%llu/%llu", (unsigned long long)done, (unsigned long long)total);
	return buf;
}

static void disp_area(struct plvm_display *d, const struct plvm_seg *seg, uint32_t i,
		      const char *indent)
{
	disp_text("%sAREA%u", indent, i);
}

/* The lines the types print in part @part of LV @name (of its first
 * segment for PLVM_DISP_SEGMENT); *@shown gets the extents the LV's size
 * lines show, when @shown is not NULL. */
static const char *disp_lv(struct cmd *c, const struct vg *vg, const char *name,
			   enum plvm_disp_part part, st_status_fn status, uint32_t *shown)
{
	struct lv *lv = find_lv(vg, name);
	struct plvm_display d = {
		.size = sizeof(d), .part = part, .line = disp_line, .size_str = disp_size,
		.percent_str = disp_pct, .area = disp_area, .monitoring = "",
	};

	disp_buf[0] = '\0';
	if (!lv)
		return "(no LV)";
	d.shown_extents = lv->le_count;
	st_display(c, lv, part == PLVM_DISP_SEGMENT ? lv_first_seg(lv) : NULL, status, NULL, &d);
	if (shown)
		*shown = d.shown_extents;
	return disp_buf;
}

#endif /* PLVM_TESTS_GOLDEN_DISPLAY_FAKE_H */
