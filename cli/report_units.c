/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes and percentages as LVM2's reports print them.
 *
 * Fixed units: lower case are powers of 1024, upper case powers of 1000,
 * b/B bytes and s/S sectors (no decimals), two decimals otherwise.  Human
 * units (h, r; H, R for powers of 1000) pick the largest unit the size
 * reaches; r and R put "<" in front when the two decimals were rounded up.
 * Zero prints as "0" and the unit ("0 " in human units).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char unit_letters[] = "kmgtpe";

static uint64_t power(uint64_t base, unsigned n)
{
	uint64_t r = 1;

	while (n--)
		r *= base;
	return r;
}

/* Bytes per unit of a fixed unit letter; 0 if unknown. */
static uint64_t unit_factor(char c)
{
	const char *p;

	if (c == 'b' || c == 'B')
		return 1;
	if (c == 's' || c == 'S')
		return 512;
	p = strchr(unit_letters, tolower((unsigned char)c));
	if (!c || !p)
		return 0;
	return power(islower((unsigned char)c) ? 1024 : 1000, (unsigned)(p - unit_letters) + 1);
}

int units_parse(const char *s, struct rep_units *u)
{
	char *end = (char *)s;
	double count = 1;

	u->suffix = true;
	u->factor = 0;
	if (isdigit((unsigned char)*s)) {
		count = strtod(s, &end);
		if (count <= 0)
			return -EINVAL;
	}
	if (!*end || end[1])
		return -EINVAL;
	if (strchr("hHrR", *end)) {
		if (end != s)
			return -EINVAL;
		u->type = *end;
		return 0;
	}
	u->factor = unit_factor(*end);
	if (!u->factor)
		return -EINVAL;
	u->factor = (uint64_t)(count * (double)u->factor);
	u->type = end != s && count != 1 ? 'U' : *end;
	return 0;
}

static void format_human(const struct rep_units *u, uint64_t bytes, char *buf, size_t len)
{
	bool si = u->type == 'H' || u->type == 'R';
	uint64_t base = si ? 1000 : 1024, unit = power(base, 6);
	const char *prefix = "";
	unsigned __int128 x;
	unsigned s;
	char letter;

	for (s = 0; s < 6 && bytes < unit; s++)
		unit /= base;
	if (s == 6) {
		snprintf(buf, len, "%llu%s", (unsigned long long)bytes, si ? "B" : "b");
		return;
	}
	if (u->type == 'r' || u->type == 'R') {
		/* did printing 2 decimals round up?  (halves go to even, as nearbyint) */
		x = (unsigned __int128)bytes * 100;
		if (x % unit * 2 > unit || (x % unit * 2 == unit && (x / unit) % 2))
			prefix = "<";
	}
	letter = "eptgmk"[s];
	snprintf(buf, len, "%s%.2f%c", prefix, (double)bytes / (double)unit,
		 si ? toupper((unsigned char)letter) : letter);
}

void units_format(const struct rep_units *u, uint64_t sectors, char *buf, size_t len)
{
	bool human = strchr("hHrR", u->type) != NULL;
	char suffix[2] = { human ? ' ' : u->factor == 1 ? 'B' : u->factor == 512 ? 'S' : u->type,
			   '\0' };
	int prec = 2;

	if (!sectors) {
		snprintf(buf, len, "0%s", u->suffix ? suffix : "");
		return;
	}
	if (human) {
		format_human(u, sectors * 512, buf, len);
		return;
	}
	if (u->factor == 1 || u->factor == 512)
		prec = 0;
	snprintf(buf, len, "%.*f%s", prec, (double)sectors * 512.0 / (double)u->factor,
		 u->suffix ? suffix : "");
}

void percent_format(uint64_t done, uint64_t total, char *buf, size_t len)
{
	unsigned __int128 hundredths;

	if (!total) {
		buf[0] = '\0';
		return;
	}
	if (done >= total) {
		snprintf(buf, len, "100.00");
		return;
	}
	hundredths = ((unsigned __int128)done * 20000 + total) / ((unsigned __int128)total * 2);
	if (hundredths >= 10000)
		hundredths = 9999;
	if (!hundredths && done)
		hundredths = 1;
	snprintf(buf, len, "%u.%02u", (unsigned)(hundredths / 100), (unsigned)(hundredths % 100));
}
