/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -S|--select: LVM2's selection language over report fields.
 *
 *	selection := or
 *	or        := and { ("||" | "#") and }
 *	and       := term { ("&&" | ",") term }
 *	term      := "!" "(" or ")" | "(" or ")" | FIELD OP VALUE
 *	OP        := "=~" | "!~" | "=" | "!=" | ">=" | ">" | "<=" | "<"
 *
 * A VALUE is quoted with ' or " or runs to a space, a logical operator or
 * ")"; sizes take a unit (default m; upper case: powers of 1000), string
 * lists are "a", "[a,b]" (exactly these), "[a||b]" (any of these) or
 * "{a,b}" (at least these); a regular expression may also be enclosed in
 * ( ), [ ] or { }.  Numbers take -1 or "undefined" for LVM2's reserved
 * "undefined"; LVM2's other reserved names ("auto", ...) and its time
 * operators are not known here and fail as a bad value.  A bad selection
 * fails with LVM2's words and exit 5, as in LVM2.
 */
#ifndef PLVM_SELECT_H
#define PLVM_SELECT_H

#include <stdbool.h>
#include <stddef.h>

struct field_def;
struct rep_val;

struct sel;

/* The field @name[@len] names, or NULL when the report has no such field. */
typedef const struct field_def *(*sel_field_fn)(const char *name, size_t len, void *arg);
/* The value of @f for the row being matched: 0 or -errno. */
typedef int (*sel_value_fn)(const struct field_def *f, struct rep_val *v, void *arg);

/* Parse @text; *@out is NULL for an empty selection or "all".  0, or
 * EFAILED with LVM2's message logged. */
int sel_parse(const char *text, sel_field_fn find, void *arg, struct sel **out);
/* Does the row match?  1, 0 or -errno. */
int sel_match(const struct sel *s, sel_value_fn get, void *arg);
void sel_free(struct sel *s);

#endif /* PLVM_SELECT_H */
