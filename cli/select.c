/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -S|--select: parsing a selection into a tree and matching rows against
 * it (see select.h for the language).  The messages are LVM2's.
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "log.h"
#include "report.h"
#include "select.h"

/* comparison operators */
#define OP_EQ		1u
#define OP_NOT		2u
#define OP_GT		4u
#define OP_LT		8u
#define OP_REGEX	16u
#define OP_ORDER	(OP_GT | OP_LT)

static const struct { const char *s; unsigned op; } cmp_ops[] = {
	{ "=~", OP_REGEX }, { "!~", OP_REGEX | OP_NOT }, { "=", OP_EQ },
	{ "!=", OP_EQ | OP_NOT }, { ">=", OP_GT | OP_EQ }, { ">", OP_GT },
	{ "<=", OP_LT | OP_EQ }, { "<", OP_LT },
};
static const char *const time_ops[] = { "since", "after", "until", "before" };

/* logical tokens */
enum tok { T_NONE, T_AND, T_OR, T_NOT, T_PS, T_PE, T_LS, T_LE, T_SS, T_SE };
static const struct { const char *s; enum tok t; } log_ops[] = {
	{ "&&", T_AND }, { ",", T_AND }, { "||", T_OR }, { "#", T_OR }, { "!", T_NOT },
	{ "(", T_PS }, { ")", T_PE }, { "[", T_LS }, { "]", T_LE }, { "{", T_SS }, { "}", T_SE },
};
#define TB(t)	(1u << (t))
#define VALUE_ENDS	(TB(T_AND) | TB(T_OR) | TB(T_PE))

enum list_mode { L_ALL, L_ANY, L_SUBSET };

struct item {
	const struct field_def *f;
	unsigned op;
	char *str;		/* strings, binary fields given by name */
	bool is_num;		/* numbers, sizes, percents, binary 0/1 */
	double num;		/* sizes in sectors */
	char **list;		/* string lists, sorted */
	unsigned nlist;
	enum list_mode mode;
	regex_t re;
	bool have_re;
};

enum node_type { N_ITEM, N_AND, N_OR };

struct sel {
	enum node_type type;
	bool not;
	struct sel **kids;
	unsigned nkids;
	struct item item;
};

struct parser {
	const char *s;
	sel_field_fn find;
	void *arg;
};

static const char syntax_at[] = "Selection syntax error at '%s'.";
static const char help_ref[] = "Use 'help' for selection to get more help.";

static const char *skip_space(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* The logical token at @s (after spaces) if it is one of @mask; *@next after it. */
static enum tok tok_log(const char *s, const char **next, unsigned mask)
{
	size_t i, n;

	s = skip_space(s);
	for (i = 0; i < sizeof(log_ops) / sizeof(log_ops[0]); i++) {
		n = strlen(log_ops[i].s);
		if ((mask & TB(log_ops[i].t)) && !strncmp(s, log_ops[i].s, n)) {
			if (next)
				*next = s + n;
			return log_ops[i].t;
		}
	}
	return T_NONE;
}

/* A string value at @s: quoted with @s's ' or ", or up to a space or a
 * token of @ends.  The end of the value in *@next; NULL (logged) on error. */
static char *tok_string(const char *s, unsigned ends, const char **next)
{
	const char *b = s, *e;
	char q = 0;

	if (*s == '\'' || *s == '"')
		q = *s++;
	b = s;
	if (q) {
		if (!(e = strchr(s, q))) {
			log_error("Missing end quote.");
			return NULL;
		}
		*next = e + 1;
	} else {
		for (e = s; *e && !isspace((unsigned char)*e) && !tok_log(e, NULL, ends); e++)
			;
		*next = e;
	}
	return strndup(b, (size_t)(e - b));
}

static void node_free(struct sel *n)
{
	unsigned i;

	if (!n)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->item.str);
	for (i = 0; i < n->item.nlist; i++)
		free(n->item.list[i]);
	free(n->item.list);
	if (n->item.have_re)
		regfree(&n->item.re);
	free(n);
}

void sel_free(struct sel *s)
{
	node_free(s);
}

static int add_kid(struct sel *n, struct sel *kid)
{
	struct sel **k = realloc(n->kids, (n->nkids + 1) * sizeof(*k));

	if (!k) {
		node_free(kid);
		return -ENOMEM;
	}
	n->kids = k;
	k[n->nkids++] = kid;
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_push(struct item *it, char *s)
{
	char **l;

	if (!s)
		return -ENOMEM;
	if (!(l = realloc(it->list, (it->nlist + 1) * sizeof(*l)))) {
		free(s);
		return -ENOMEM;
	}
	it->list = l;
	l[it->nlist++] = s;
	return 0;
}

/* "[a,b]", "[a||b]", "{a,b}" or a single item.  0 or -EINVAL (logged). */
static int tok_list(struct item *it, const char *s, const char **next)
{
	enum tok first = tok_log(s, &s, TB(T_LS) | TB(T_SS)), hit, kind = T_NONE;
	enum tok close = first == T_LS ? T_LE : T_SE;
	unsigned ends = TB(T_LE) | TB(T_SE) | TB(T_AND) | TB(T_OR);
	char *v;

	it->mode = L_ANY;
	if (!first)
		return list_push(it, tok_string(skip_space(s), VALUE_ENDS, next)) ? -EINVAL : 0;
	for (;;) {
		if (!(v = tok_string(skip_space(s), ends, &s)) || list_push(it, v))
			return -EINVAL;
		if (!(hit = tok_log(s, &s, ends))) {
			log_error("Invalid operator in selection list.");
			return -EINVAL;
		}
		if ((hit == T_LE || hit == T_SE) && hit != close) {
			log_error("List ended with incorrect character, expecting '%s'.",
				  close == T_LE ? "]" : "}");
			return -EINVAL;
		}
		if (hit == T_LE || hit == T_SE)
			break;
		if (kind && hit != kind) {
			log_error("Only one type of logical operator allowed in selection list at a time.");
			return -EINVAL;
		}
		kind = hit;
		if (!*skip_space(s)) {
			log_error("Missing list end for selection field %s", it->f->id);
			return -EINVAL;
		}
	}
	it->mode = kind == T_OR ? L_ANY : first == T_LS ? L_ALL : L_SUBSET;
	qsort(it->list, it->nlist, sizeof(*it->list), str_cmp);
	*next = s;
	return 0;
}

/* a size unit: its bytes, or 0 (upper case: powers of 1000) */
static uint64_t unit_factor(char c)
{
	static const char units[] = "kmgtpe";
	const char *p = c ? strchr(units, tolower((unsigned char)c)) : NULL;
	uint64_t base = islower((unsigned char)c) ? 1024 : 1000, f;

	if (c == 'b' || c == 'B')
		return 1;
	if (c == 's' || c == 'S')
		return 512;
	if (!p)
		return 0;
	for (f = base; p > units; p--)
		f *= base;
	return f;
}

static const char *type_word(enum rep_ftype t)
{
	return t == FT_SIZE ? "size" : t == FT_PCT ? "percent" : "numeric";
}

/* A number, size or percent.  0 or -EINVAL (logged). */
static int tok_number(struct item *it, const char *s, const char **next)
{
	enum rep_ftype t = it->f->type;
	char *end;
	uint64_t f;

	s = skip_space(s);
	if (t == FT_NUM && (!strncmp(s, "-1", 2) || !strncmp(s, "undefined", 9))) {
		*next = s + (*s == '-' ? 2 : 9);
		it->is_num = true;
		it->num = -1;
		return 0;
	}
	if (!isdigit((unsigned char)*s) && *s != '.')
		goto bad;
	it->num = strtod(s, &end);
	if (end == s)
		goto bad;
	it->is_num = true;
	if (*end == '%') {
		if (t != FT_PCT) {
			log_error("Found percent value but %s value expected for selection field %s.",
				  type_word(t), it->f->id);
			return -EINVAL;
		}
		end++;
	} else if ((f = unit_factor(*end))) {
		if (t != FT_SIZE) {
			log_error("Found size unit specifier but %s value expected for selection "
				  "field %s.", type_word(t), it->f->id);
			return -EINVAL;
		}
		it->num = it->num * (double)f / 512;
		end++;
	} else if (t == FT_SIZE) {
		it->num = it->num * 2048;	/* MiB by default, as lvcreate -L */
	}
	*next = end;
	return 0;
bad:
	log_error("Failed to parse numeric value for selection field %s.", it->f->id);
	return -EINVAL;
}

/* A regular expression: in ( ), { }, [ ], quotes, or up to a space or a
 * logical operator. */
static char *tok_regex_text(const char *s, const char **next)
{
	static const char opens[] = "({[\"'", closes[] = ")}]\"'";
	const char *o = *s ? strchr(opens, *s) : NULL, *e;

	if (!o)
		return tok_string(s, VALUE_ENDS, next);
	if (!(e = strchr(s + 1, closes[o - opens]))) {
		log_error("Missing end quote.");
		return NULL;
	}
	*next = e + 1;
	return strndup(s + 1, (size_t)(e - s - 1));
}

static int tok_regex(struct item *it, const char *s, const char **next)
{
	char *re;
	int r;

	s = skip_space(s);
	if (!*s) {
		log_error("Regular expression expected for selection field %s", it->f->id);
		return -EINVAL;
	}
	if (!(re = tok_regex_text(s, next))) {
		log_error("Failed to parse regex value for selection field %s.", it->f->id);
		return -EINVAL;
	}
	r = regcomp(&it->re, re, REG_EXTENDED | REG_NOSUB);
	free(re);
	if (r) {
		log_error("dm_report: failed to create regex matcher for selection field %s",
			  it->f->id);
		return -EINVAL;
	}
	it->have_re = true;
	return 0;
}

static int tok_value(struct item *it, const char *s, const char **next)
{
	enum rep_ftype t = it->f->type;

	if (it->op & OP_REGEX)
		return tok_regex(it, s, next);
	if (t == FT_LIST) {
		if (!tok_list(it, s, next))
			return 0;
		log_error("Failed to parse string list value for selection field %s.", it->f->id);
		return -EINVAL;
	}
	if (t == FT_STR || t == FT_BIN) {
		s = skip_space(s);
		if (t == FT_BIN && isdigit((unsigned char)*s))
			return tok_number(it, s, next);
		if ((it->str = tok_string(s, VALUE_ENDS, next)))
			return 0;
		log_error("Failed to parse string value for selection field %s.", it->f->id);
		return -EINVAL;
	}
	return tok_number(it, s, next);
}

static unsigned tok_cmp(const char *s, const char **next)
{
	size_t i, n;

	for (i = 0; i < sizeof(cmp_ops) / sizeof(cmp_ops[0]); i++) {
		n = strlen(cmp_ops[i].s);
		if (!strncmp(s, cmp_ops[i].s, n)) {
			*next = s + n;
			return cmp_ops[i].op;
		}
	}
	for (i = 0; i < sizeof(time_ops) / sizeof(time_ops[0]); i++)
		if (!strncmp(s, time_ops[i], strlen(time_ops[i])))
			return ~0u;
	return 0;
}

/* FIELD OP VALUE */
static int parse_item(struct parser *p, struct sel **out)
{
	const char *start = skip_space(p->s), *e = start, *v;
	struct sel *n = calloc(1, sizeof(*n));
	struct item *it;
	int r = -EINVAL;

	if (!n)
		return -ENOMEM;
	it = &n->item;
	while (isalnum((unsigned char)*e) || *e == '_' || *e == '-')
		e++;
	if (e == start) {
		log_error("Expecting field name");
		goto bad;
	}
	if (!(it->f = p->find(start, (size_t)(e - start), p->arg))) {
		log_error("Unrecognised selection field: %.*s", (int)(e - start), start);
		goto bad;
	}
	if (!(it->op = tok_cmp(skip_space(e), &v))) {
		log_error("Unrecognised comparison operator: %s", e);
		goto bad;
	}
	if (it->op == ~0u) {
		log_error("Operator can be used only with time fields: %s", start);
		goto bad;
	}
	if ((it->op & OP_REGEX) && it->f->type != FT_STR) {
		log_error("dm_report: incompatible comparison type for selection field %s",
			  it->f->id);
		node_free(n);
		return -EINVAL;
	}
	if ((it->op & OP_ORDER) && (it->f->type == FT_STR || it->f->type == FT_LIST)) {
		log_error("Operator can be used only with number, size, time or percent fields: %s",
			  start);
		goto bad;
	}
	if ((r = tok_value(it, v, &p->s)))
		goto bad;
	n->type = N_ITEM;
	*out = n;
	return 0;
bad:
	log_error(syntax_at, start);
	log_error(help_ref);
	node_free(n);
	return r == -ENOMEM ? r : -EINVAL;
}

static int parse_or(struct parser *p, struct sel **out);

/* "!(" or ")", "(" or ")" or an item */
static int parse_term(struct parser *p, struct sel **out)
{
	enum tok t = tok_log(p->s, &p->s, TB(T_NOT) | TB(T_PS));
	int r;

	if (!t)
		return parse_item(p, out);
	if (t == T_NOT && !tok_log(p->s, &p->s, TB(T_PS))) {
		log_error("Syntax error: left parenthesis expected at '%s'", p->s);
		return -EINVAL;
	}
	if ((r = parse_or(p, out)))
		return r;
	if (!tok_log(p->s, &p->s, TB(T_PE))) {
		log_error("Syntax error: right parenthesis expected at '%s'", p->s);
		node_free(*out);
		return -EINVAL;
	}
	(*out)->not ^= t == T_NOT;
	return 0;
}

/* term { op term } as one node of @type */
static int parse_chain(struct parser *p, struct sel **out, enum node_type type,
		       int (*sub)(struct parser *, struct sel **))
{
	unsigned op = TB(type == N_AND ? T_AND : T_OR);
	struct sel *n, *kid;
	int r;

	if ((r = sub(p, &kid)))
		return r;
	if (!tok_log(p->s, NULL, op)) {
		*out = kid;
		return 0;
	}
	if (!(n = calloc(1, sizeof(*n)))) {
		node_free(kid);
		return -ENOMEM;
	}
	n->type = type;
	r = add_kid(n, kid);
	while (!r && tok_log(p->s, &p->s, op))
		if (!(r = sub(p, &kid)))
			r = add_kid(n, kid);
	if (r) {
		node_free(n);
		return r;
	}
	*out = n;
	return 0;
}

static int parse_and(struct parser *p, struct sel **out)
{
	return parse_chain(p, out, N_AND, parse_term);
}

static int parse_or(struct parser *p, struct sel **out)
{
	return parse_chain(p, out, N_OR, parse_and);
}

int sel_parse(const char *text, sel_field_fn find, void *arg, struct sel **out)
{
	struct parser p = { .s = text, .find = find, .arg = arg };
	int r;

	*out = NULL;
	if (!*skip_space(text) || !strcasecmp(text, "all"))
		return 0;
	if ((r = parse_or(&p, out)))
		return EFAILED;
	p.s = skip_space(p.s);
	if (*p.s) {
		log_error("Expecting logical operator");
		log_error(syntax_at, p.s);
		log_error(help_ref);
		sel_free(*out);
		*out = NULL;
		return EFAILED;
	}
	return 0;
}

/* ---- matching ---- */

static bool in_list(char *const *v, unsigned n, const char *s)
{
	return bsearch(&s, v, n, sizeof(*v), str_cmp) != NULL;
}

/* @val: the row's list as shown ("a,b"), split and sorted into @v */
static bool match_list(const struct item *it, char **v, unsigned n)
{
	unsigned i;

	if (!n) {	/* an empty list matches "" only */
		for (i = 0; i < it->nlist; i++)
			if (!*it->list[i] && (it->mode == L_ANY || it->nlist == 1))
				return true;
		return false;
	}
	if (it->mode == L_ALL && it->nlist != n)
		return false;
	for (i = 0; i < it->nlist; i++) {
		bool has = in_list(v, n, it->list[i]);

		if (it->mode == L_ANY && has)
			return true;
		if (it->mode != L_ANY && !has)
			return false;
	}
	return it->mode != L_ANY;
}

static int list_item(const struct item *it, const char *shown)
{
	char *copy = strdup(shown), *tok, *save = NULL, **v = NULL, **nv;
	unsigned n = 0;
	int r = -ENOMEM;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!(nv = realloc(v, (n + 1) * sizeof(*v))))
			goto out;
		v = nv;
		v[n++] = tok;
	}
	qsort(v, n, sizeof(*v), str_cmp);
	r = match_list(it, v, n);
out:
	free(v);
	free(copy);
	return r;
}

static bool cmp_num(unsigned op, double val, double sel)
{
	bool eq = fabs(val - sel) < DBL_EPSILON;

	if (op & OP_GT)
		return val > sel || ((op & OP_EQ) && eq);
	if (op & OP_LT)
		return val < sel || ((op & OP_EQ) && eq);
	return eq;
}

static int num_item(const struct item *it, const struct rep_val *v)
{
	double val;
	char *end;

	switch (it->f->type) {
	case FT_PCT:
		val = strtod(v->str, &end);
		if (end == v->str)
			return 0;	/* no percentage: only "!=" is true */
		break;
	case FT_NUM:
		if (v->num == UINT64_MAX)	/* -1, LVM2's reserved "undefined" */
			return it->num == -1 ? !(it->op & OP_ORDER) || (it->op & OP_EQ) : 0;
		/* fall through */
	default:
		val = (double)v->num;
	}
	return cmp_num(it->op, val, it->num);
}

static int match_item(const struct item *it, sel_value_fn get, void *arg)
{
	struct rep_val v = { 0 };
	int r;

	if ((r = get(it->f, &v, arg)) < 0)
		goto out;
	if (it->op & OP_REGEX)
		r = !regexec(&it->re, v.str ? v.str : "", 0, NULL, 0);
	else if (it->f->type == FT_LIST)
		r = list_item(it, v.str ? v.str : "");
	else if (it->is_num)
		r = num_item(it, &v);
	else
		r = !strcmp(v.str ? v.str : "", it->str);
	if (r >= 0 && (it->op & OP_NOT))
		r = !r;
out:
	free(v.str);
	free(v.sort);
	return r;
}

int sel_match(const struct sel *s, sel_value_fn get, void *arg)
{
	unsigned i;
	int r;

	if (!s)
		return 1;
	if (s->type == N_ITEM) {
		r = match_item(&s->item, get, arg);
	} else {
		r = s->type == N_AND;
		for (i = 0; i < s->nkids; i++) {
			int k = sel_match(s->kids[i], get, arg);

			if (k < 0)
				return k;
			if (s->type == N_AND ? !k : k) {
				r = !r;
				break;
			}
		}
	}
	return r < 0 ? r : s->not ? !r : r;
}
