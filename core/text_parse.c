/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2 text metadata -> a dm_config tree, and the checks on the tree that
 * come before the model is built (see text.h).
 *
 * dm_config_parse() merges a section or key given twice into one node
 * (with a warning for a value), which would hide a damaged text: two LVs
 * of the same name become one LV.  We parse without that merging, so the
 * tree keeps every node as written and text_check_unique() can refuse
 * the duplicates, as LVM2 does.
 *
 * The parser recurses once per level of nesting, so a text nested deeply
 * enough overflows the stack.  Before parsing, a scan that splits the text
 * into tokens as dm_config does (strings, comments, bare words, numbers)
 * measures the nesting and refuses a text deeper than TEXT_MAX_DEPTH.
 * Everything after the parse (here, the import, cfg_clone(), the export)
 * recurses only as deep as the nesting, and loops along lists and
 * siblings, however long.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdevmapper.h>

#include "log.h"
#include "text.h"

#define FEW_KEYS	16	/* up to this many, compare each pair */

/*
 * Byte classes for the scans below, one table lookup per byte (the text of
 * a VG with thousands of LVs is read by every command).  SPACE is isspace()
 * of the C locale, which plvm never leaves.
 */
enum {
	C_SPACE	= 1 << 0,
	C_DIGIT	= 1 << 1,
	C_SIGN	= 1 << 2,	/* may start a number: . + - */
	C_PUNCT	= 1 << 3,	/* a token of its own: { } [ ] , = */
	C_STOP	= 1 << 4,	/* ends a bare word: blanks, # = { } */
	C_KEY	= 1 << 5,	/* may be in a key LVM2 writes */
};

static const unsigned char cls[256] = {
	[' '] = C_SPACE | C_STOP, ['\t'] = C_SPACE | C_STOP, ['\n'] = C_SPACE | C_STOP,
	['\v'] = C_SPACE | C_STOP, ['\f'] = C_SPACE | C_STOP, ['\r'] = C_SPACE | C_STOP,
	['0' ... '9'] = C_DIGIT | C_KEY,
	['a' ... 'z'] = C_KEY, ['A' ... 'Z'] = C_KEY, ['_'] = C_KEY,
	['.'] = C_SIGN | C_KEY, ['+'] = C_SIGN | C_KEY, ['-'] = C_SIGN | C_KEY,
	['{'] = C_PUNCT | C_STOP, ['}'] = C_PUNCT | C_STOP, ['='] = C_PUNCT | C_STOP,
	['['] = C_PUNCT, [']'] = C_PUNCT, [','] = C_PUNCT, ['#'] = C_STOP,
};

static inline bool is(char c, unsigned what)
{
	return cls[(unsigned char)c] & what;
}

/* Keys as LVM2 writes them.  The parser takes more ("a/b", odd bytes),
 * but such keys could not be written back. */
static bool key_ok(const char *key)
{
	const char *c;

	if (!key || !*key)
		return false;
	for (c = key; *c; c++)
		if (!is(*c, C_KEY))
			return false;
	return true;
}

/* Recursion goes as deep as the text nests, which text_parse() bounds. */
static int check_keys(const struct dm_config_node *cn)
{
	for (; cn; cn = cn->sib) {
		if (!key_ok(cn->key)) {
			log_error("Metadata text: bad key \"%s\".", cn->key ? cn->key : "");
			return -EINVAL;
		}
		if (cn->child && check_keys(cn->child))
			return -EINVAL;
	}
	return 0;
}

/* ---- nesting ---- */

struct scan {
	const char *p, *end;	/* dm_config stops at a NUL too */
	unsigned line;
	bool value_next;	/* after '=', '[' or ',': digits start a number */
};

static bool more(const struct scan *s)
{
	return s->p < s->end && *s->p;
}

static void skip_blanks(struct scan *s)
{
	while (more(s)) {
		if (*s->p == '#') {
			while (more(s) && *s->p != '\n')
				s->p++;
		} else if (is(*s->p, C_SPACE)) {
			s->line += *s->p++ == '\n';
		} else {
			break;
		}
	}
}

/* A quoted string: '\' escapes the next byte between double quotes. */
static void skip_string(struct scan *s)
{
	char quote = *s->p++;

	while (more(s) && *s->p != quote) {
		if (quote == '"' && *s->p == '\\' && s->p + 1 < s->end && s->p[1])
			s->p++;
		s->line += *s->p++ == '\n';
	}
	if (more(s))
		s->p++;
}

/* A number where a value may start, else a bare word up to a blank, '#',
 * '=' or a brace. */
static void skip_word(struct scan *s)
{
	bool dot = *s->p == '.';

	if (s->value_next && is(*s->p, C_DIGIT | C_SIGN)) {
		while (++s->p < s->end && (is(*s->p, C_DIGIT) || (*s->p == '.' && !dot)))
			dot |= *s->p == '.';
		return;
	}
	while (more(s) && !is(*s->p, C_STOP))
		s->p++;
}

/* One token; false at the end of the text.  *@depth follows the braces. */
static bool next_token(struct scan *s, unsigned *depth)
{
	char c;

	skip_blanks(s);
	if (!more(s))
		return false;
	c = *s->p;
	if (c == '"' || c == '\'')
		skip_string(s);
	else if (is(c, C_PUNCT))
		s->p++;
	else
		skip_word(s);
	if (c == '{')
		++*depth;
	else if (c == '}' && *depth)
		--*depth;
	s->value_next = c == '=' || c == '[' || c == ',';
	return true;
}

int text_check_limits(const char *text, size_t len, const char *what)
{
	struct scan s = { .p = text, .end = text + len, .line = 1 };
	unsigned depth = 0;

	if (len > TEXT_MAX_BYTES) {
		log_error("%s of %zu bytes is larger than the %u MiB limit.", what, len,
			  TEXT_MAX_BYTES >> 20);
		return -E2BIG;
	}
	while (next_token(&s, &depth))
		if (depth > TEXT_MAX_DEPTH) {
			log_error("%s: sections nest more than %u deep (line %u).", what,
				  TEXT_MAX_DEPTH, s.line);
			return -EINVAL;
		}
	return 0;
}

/* ---- parsing ---- */

/* libdevmapper's number reader runs to a NUL whatever the end pointer
 * says, so the parser gets a terminated copy. */
struct dm_config_tree *text_parse(const char *text, size_t len)
{
	struct dm_config_tree *cft = NULL;
	char *copy;

	if (!text || !len) {
		log_error("Metadata text is empty.");
		return NULL;
	}
	if (text_check_limits(text, len, "Metadata text"))
		return NULL;
	if (!(copy = malloc(len + 1)))
		return NULL;
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (!(cft = dm_config_create()))
		goto out;
	if (!dm_config_parse_without_dup_node_check(cft, copy, copy + len) ||
	    check_keys(cft->root)) {
		log_error("Metadata text cannot be parsed.");
		dm_config_destroy(cft);
		cft = NULL;
	}
out:
	free(copy);
	return cft;
}

/* ---- each key once per section ---- */

static int cmp_key(const void *a, const void *b)
{
	return strcmp((*(const struct dm_config_node *const *)a)->key,
		      (*(const struct dm_config_node *const *)b)->key);
}

/* At the top a VG section may share its name with a value: a VG named
 * "description" beside the description (LVM2 reads such text too). */
static bool same_key(const struct dm_config_node *a, const struct dm_config_node *b, bool top)
{
	return !strcmp(a->key, b->key) && (!top || !a->v == !b->v);
}

static int cmp_key_kind(const void *a, const void *b)
{
	const struct dm_config_node *x = *(const struct dm_config_node *const *)a;
	const struct dm_config_node *y = *(const struct dm_config_node *const *)b;

	return cmp_key(a, b) ?: (!x->v) - (!y->v);
}

/* A key of the chain @first that appears twice, or NULL (-ENOMEM in *@r). */
static const char *twice_in(const struct dm_config_node *first, bool top, int *r)
{
	const struct dm_config_node *cn, *o, **v;
	const char *dup = NULL;
	size_t n = 0, i;

	for (cn = first; cn && n <= FEW_KEYS; cn = cn->sib)
		n++;
	if (n <= FEW_KEYS) {
		for (cn = first; cn; cn = cn->sib)
			for (o = cn->sib; o; o = o->sib)
				if (same_key(cn, o, top))
					return cn->key;
		return NULL;
	}
	for (; cn; cn = cn->sib)
		n++;
	if (!(v = malloc(n * sizeof(*v)))) {
		*r = -ENOMEM;
		return NULL;
	}
	for (i = 0, cn = first; cn; cn = cn->sib)
		v[i++] = cn;
	qsort(v, n, sizeof(*v), cmp_key_kind);
	for (i = 1; i < n && !dup; i++)
		if (same_key(v[i - 1], v[i], top))
			dup = v[i]->key;
	free(v);
	return dup;
}

/* The sections from the top down to one node, for the message only. */
struct up {
	const struct up *up;
	const char *key;
};

static void path_of(const struct up *u, char *buf, size_t len)
{
	size_t used;

	if (!u) {
		snprintf(buf, len, "(top)");
		return;
	}
	if (!u->up) {
		snprintf(buf, len, "%s", u->key);
		return;
	}
	path_of(u->up, buf, len);
	used = strlen(buf);
	snprintf(buf + used, len - used, "/%s", u->key);
}

static int twice_error(const struct up *u, const char *dup)
{
	char path[1024];

	path_of(u, path, sizeof(path));
	log_error("Metadata text: \"%s\" appears twice in %s.", dup, path);
	return -EINVAL;
}

/* @u names the section whose children @first starts (NULL: the top);
 * recursion goes as deep as the text nests, which text_parse() bounds. */
static int unique_in(const struct dm_config_node *first, const struct up *u)
{
	const struct dm_config_node *cn;
	const char *dup;
	int r = 0;

	if ((dup = twice_in(first, !u, &r)))
		return twice_error(u, dup);
	for (cn = first; cn && !r; cn = cn->sib)
		if (cn->child)
			r = unique_in(cn->child, &(struct up){ .up = u, .key = cn->key });
	return r;
}

int text_check_unique(const struct dm_config_node *root)
{
	return unique_in(root, NULL);
}
