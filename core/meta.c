/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Metadata section access for the segment types (struct plvm_meta, see
 * host.h), and the small dm_config tree builders text export shares.
 *
 * Importing, m->in is the section node itself ("segment1 { ... }"): keys
 * are looked up among its children.  Exporting, m->out is the section node
 * being filled: each set appends a child, so keys come out in call order.
 */
#include <errno.h>
#include <string.h>

#include "host.h"
#include "log.h"
#include "text.h"

/* ---- tree builders ---- */

static struct dm_config_node *cfg_node(struct dm_pool *mem, const char *key)
{
	struct dm_config_tree cft = { .mem = mem };	/* only ->mem is used */

	return dm_config_create_node(&cft, key);
}

static struct dm_config_value *cfg_value(struct dm_pool *mem)
{
	struct dm_config_tree cft = { .mem = mem };
	struct dm_config_value *v = dm_config_create_value(&cft);

	if (v)
		dm_config_value_set_format_flags(v, DM_CONFIG_VALUE_FMT_COMMON_EXTRA_SPACES);
	return v;
}

void cfg_append(struct dm_config_node *parent, struct dm_config_node *cn)
{
	struct dm_config_node **pp = &parent->child;

	while (*pp)
		pp = &(*pp)->sib;
	*pp = cn;
	for (; cn; cn = cn->sib)
		cn->parent = parent;
}

struct dm_config_node *cfg_add_section(struct dm_pool *mem, struct dm_config_node *parent,
				       const char *key)
{
	struct dm_config_node *cn = cfg_node(mem, key);

	if (cn && parent)
		cfg_append(parent, cn);
	return cn;
}

static struct dm_config_node *cfg_add_value(struct dm_pool *mem, struct dm_config_node *parent,
					    const char *key)
{
	struct dm_config_node *cn;

	if (!parent || !(cn = cfg_node(mem, key)) || !(cn->v = cfg_value(mem)))
		return NULL;
	cfg_append(parent, cn);
	return cn;
}

int cfg_add_int(struct dm_pool *mem, struct dm_config_node *parent, const char *key, int64_t val)
{
	struct dm_config_node *cn = cfg_add_value(mem, parent, key);

	if (!cn)
		return -ENOMEM;
	cn->v->type = DM_CFG_INT;
	cn->v->v.i = val;
	return 0;
}

int cfg_add_str(struct dm_pool *mem, struct dm_config_node *parent, const char *key,
		const char *val)
{
	struct dm_config_node *cn = cfg_add_value(mem, parent, key);

	if (!cn || !(cn->v->v.str = dm_pool_strdup(mem, val ? val : "")))
		return -ENOMEM;
	cn->v->type = DM_CFG_STRING;
	return 0;
}

/* An empty array node ("key = []") to push values into. */
static struct dm_config_node *cfg_add_array(struct dm_pool *mem, struct dm_config_node *parent,
					    const char *key)
{
	struct dm_config_node *cn = cfg_add_value(mem, parent, key);

	if (!cn)
		return NULL;
	cn->v->type = DM_CFG_EMPTY_ARRAY;
	dm_config_value_set_format_flags(cn->v, DM_CONFIG_VALUE_FMT_COMMON_EXTRA_SPACES |
					 DM_CONFIG_VALUE_FMT_COMMON_ARRAY);
	return cn;
}

/* Append a string (@s) or else an int (@i) to array @cn; *@tail: its last
 * pushed value, NULL before the first push (which replaces the "[]"). */
static int cfg_array_push(struct dm_pool *mem, struct dm_config_node *cn,
			  struct dm_config_value **tail, const char *s, int64_t i)
{
	struct dm_config_value *v = cfg_value(mem);

	if (!v)
		return -ENOMEM;
	if (s) {
		v->type = DM_CFG_STRING;
		if (!(v->v.str = dm_pool_strdup(mem, s)))
			return -ENOMEM;
	} else {
		v->type = DM_CFG_INT;
		v->v.i = i;
	}
	if (*tail) {
		(*tail)->next = v;
	} else {
		v->format_flags = cn->v->format_flags;
		cn->v = v;
	}
	*tail = v;
	return 0;
}

int cfg_add_strlist(struct dm_pool *mem, struct dm_config_node *parent, const char *key,
		    const char *const *list)
{
	struct dm_config_node *cn = cfg_add_array(mem, parent, key);
	struct dm_config_value *tail = NULL;
	int r;

	if (!cn)
		return -ENOMEM;
	for (; list && *list; list++)
		if ((r = cfg_array_push(mem, cn, &tail, *list, 0)))
			return r;
	return 0;
}

static struct dm_config_value *clone_values(struct dm_pool *mem, const struct dm_config_value *v)
{
	struct dm_config_value *head = NULL, **tail = &head, *c;

	for (; v; v = v->next) {
		if (!(c = dm_pool_alloc(mem, sizeof(*c))))
			return NULL;
		*c = *v;
		c->next = NULL;
		if (v->type == DM_CFG_STRING && !(c->v.str = dm_pool_strdup(mem, v->v.str)))
			return NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct dm_config_node *clone_chain(struct dm_pool *mem, const struct dm_config_node *cn,
					  struct dm_config_node *parent, bool siblings);

static struct dm_config_node *clone_node(struct dm_pool *mem, const struct dm_config_node *cn,
					 struct dm_config_node *parent)
{
	struct dm_config_node *c = dm_pool_zalloc(mem, sizeof(*c));

	if (!c || (cn->key && !(c->key = dm_pool_strdup(mem, cn->key))))
		return NULL;
	c->parent = parent;
	if (cn->v && !(c->v = clone_values(mem, cn->v)))
		return NULL;
	if (cn->child && !(c->child = clone_chain(mem, cn->child, c, true)))
		return NULL;
	return c;
}

static struct dm_config_node *clone_chain(struct dm_pool *mem, const struct dm_config_node *cn,
					  struct dm_config_node *parent, bool siblings)
{
	struct dm_config_node *head = NULL, **tail = &head;

	for (; cn; cn = siblings ? cn->sib : NULL) {
		if (!(*tail = clone_node(mem, cn, parent)))
			return NULL;
		tail = &(*tail)->sib;
	}
	return head;
}

struct dm_config_node *cfg_clone(struct dm_pool *mem, const struct dm_config_node *cn,
				 bool siblings)
{
	return clone_chain(mem, cn, NULL, siblings);
}

struct dm_config_node *cfg_child(const struct dm_config_node *section, const char *key)
{
	struct dm_config_node *cn;

	if (!section)
		return NULL;
	for (cn = section->child; cn; cn = cn->sib)
		if (cn->key && !strcmp(cn->key, key))
			return cn;
	return NULL;
}

const char *cfg_child_str(const struct dm_config_node *section, const char *key,
			  const char *def)
{
	const struct dm_config_node *cn = cfg_child(section, key);

	return cn && cn->v && cn->v->type == DM_CFG_STRING ? cn->v->v.str : def;
}

int64_t cfg_child_int(const struct dm_config_node *section, const char *key, int64_t def)
{
	const struct dm_config_node *cn = cfg_child(section, key);

	return cn && cn->v && cn->v->type == DM_CFG_INT ? cn->v->v.i : def;
}

bool cfg_list_has(const struct dm_config_node *section, const char *key, const char *word)
{
	const struct dm_config_node *cn = cfg_child(section, key);
	const struct dm_config_value *v;

	for (v = cn ? cn->v : NULL; v; v = v->next)
		if (v->type == DM_CFG_STRING && !strcmp(v->v.str, word))
			return true;
	return false;
}

/* ---- struct plvm_meta ---- */

/* Remember that the type read @cn (import keeps the keys nobody read). */
static void meta_mark(const struct plvm_meta *cm, const struct dm_config_node *cn)
{
	struct plvm_meta *m = (struct plvm_meta *)cm;
	const struct dm_config_node **n;
	unsigned i;

	if (!cn || !m->track)
		return;
	for (i = 0; i < m->nread; i++)
		if (m->read[i] == cn)
			return;
	if (m->nread == m->read_cap) {
		n = dm_pool_alloc(m->mem, (m->read_cap * 2 + 8) * sizeof(*n));
		if (!n)
			return;	/* the key is then kept as well: harmless */
		if (m->nread)
			memcpy(n, m->read, m->nread * sizeof(*n));
		m->read = n;
		m->read_cap = m->read_cap * 2 + 8;
	}
	m->read[m->nread++] = cn;
}

bool meta_was_read(const struct plvm_meta *m, const struct dm_config_node *cn)
{
	unsigned i;

	for (i = 0; i < m->nread; i++)
		if (m->read[i] == cn)
			return true;
	return false;
}

static const struct dm_config_node *meta_node(const struct plvm_meta *m, const char *key)
{
	const struct dm_config_node *cn;

	if (!m || !m->in || !key)
		return NULL;
	cn = cfg_child(m->in, key);
	meta_mark(m, cn);
	return cn;
}

static const struct dm_config_value *meta_value(const struct plvm_meta *m, const char *key)
{
	const struct dm_config_node *cn = meta_node(m, key);

	return cn ? cn->v : NULL;
}

int meta_get_u64(const struct plvm_meta *m, const char *key, uint64_t *val)
{
	const struct dm_config_value *v = meta_value(m, key);

	if (!v)
		return -ENOENT;
	if (v->type != DM_CFG_INT || v->next || v->v.i < 0)
		return -EINVAL;
	*val = (uint64_t)v->v.i;
	return 0;
}

int meta_get_str(const struct plvm_meta *m, const char *key, const char **val)
{
	const struct dm_config_value *v = meta_value(m, key);
	const char *s;

	if (!v)
		return -ENOENT;
	if (v->type != DM_CFG_STRING || v->next)
		return -EINVAL;
	/* the parsed tree goes away after import: give a copy the VG owns */
	s = m->vg ? vg_strdup(m->vg, v->v.str) : v->v.str;
	if (!s)
		return -ENOMEM;
	*val = s;
	return 0;
}

int meta_set_u64(struct plvm_meta *m, const char *key, uint64_t val)
{
	if (!m || !m->out || !key)
		return -EINVAL;
	if (val > INT64_MAX)
		return -ERANGE;
	return cfg_add_int(m->mem, m->out, key, (int64_t)val);
}

int meta_set_str(struct plvm_meta *m, const char *key, const char *val)
{
	if (!m || !m->out || !key || !val)
		return -EINVAL;
	return cfg_add_str(m->mem, m->out, key, val);
}

/* ---- areas ---- */

static const char *seg_lv_name(const struct seg *seg)
{
	return seg->lv && seg->lv->name ? seg->lv->name : "?";
}

static int area_resolve(struct vg *vg, struct seg *seg, uint32_t i, const char *name,
			uint32_t start)
{
	struct pv *pv = find_pv_by_key(vg, name);
	struct lv *lv;

	if (pv)
		return seg_set_area_pv(seg, i, pv, start);
	lv = find_lv(vg, name);
	if (lv && lv != seg->lv)
		return seg_set_area_lv(seg, i, lv, start);
	log_error("LV %s segment at extent %u: area %u names \"%s\", no such PV or LV.",
		  seg_lv_name(seg), seg->le, i, name);
	return -EINVAL;
}

/* One "name", start pair (start optional: a name alone starts at 0). */
static int area_next(const struct dm_config_value **pv, const char **name, uint32_t *start)
{
	const struct dm_config_value *v = *pv;

	if (v->type != DM_CFG_STRING)
		return -EINVAL;
	*name = v->v.str;
	*start = 0;
	v = v->next;
	if (v && v->type == DM_CFG_INT) {
		if (v->v.i < 0 || v->v.i > UINT32_MAX)
			return -EINVAL;
		*start = (uint32_t)v->v.i;
		v = v->next;
	}
	*pv = v;
	return 0;
}

int meta_get_areas(const struct plvm_host *h, const struct plvm_meta *m, const char *key,
		   struct plvm_seg *pseg)
{
	struct seg *seg = to_seg(pseg);
	const struct dm_config_value *v = meta_value(m, key);
	struct vg *vg = m && m->vg ? m->vg : seg->lv->vg;
	const char *name;
	uint32_t i, start;
	int r;

	if (!v) {
		log_error("LV %s segment at extent %u: \"%s\" missing.", seg_lv_name(seg),
			  seg->le, key ? key : "?");
		return -EINVAL;
	}
	if (v->type == DM_CFG_EMPTY_ARRAY)
		v = NULL;
	for (i = 0; v && i < seg->area_count; i++) {
		if (area_next(&v, &name, &start)) {
			log_error("LV %s segment at extent %u: bad entry %u in \"%s\".",
				  seg_lv_name(seg), seg->le, i, key);
			return -EINVAL;
		}
		if ((r = area_resolve(vg, seg, i, name, start)))
			return r;
	}
	if (v || i != seg->area_count) {
		log_error("LV %s segment at extent %u: \"%s\" does not list %u areas.",
			  seg_lv_name(seg), seg->le, key, seg->area_count);
		return -EINVAL;
	}
	return 0;
}

static int area_push(struct plvm_meta *m, struct dm_config_node *cn,
		     struct dm_config_value **tail, const struct seg *seg, uint32_t i)
{
	const struct area *a = &seg->areas[i];
	const char *name;
	uint32_t start;
	int r;

	if (a->kind == PLVM_AREA_PV && a->u.pv.pv && a->u.pv.pv->key) {
		name = a->u.pv.pv->key;
		start = a->u.pv.pe;
	} else if (a->kind == PLVM_AREA_LV && a->u.lv.lv) {
		name = a->u.lv.lv->name;
		start = a->u.lv.le;
	} else {
		log_error("LV %s segment at extent %u: area %u is not set.",
			  seg_lv_name(seg), seg->le, i);
		return -EINVAL;
	}
	if ((r = cfg_array_push(m->mem, cn, tail, name, 0)))
		return r;
	return cfg_array_push(m->mem, cn, tail, NULL, start);
}

int meta_set_areas(const struct plvm_host *h, struct plvm_meta *m, const char *key,
		   const struct plvm_seg *pseg)
{
	const struct seg *seg = to_seg(pseg);
	struct dm_config_value *tail = NULL;
	struct dm_config_node *cn;
	uint32_t i;
	int r;

	if (!m || !m->out || !key)
		return -EINVAL;
	if (!(cn = cfg_add_array(m->mem, m->out, key)))
		return -ENOMEM;
	for (i = 0; i < seg->area_count; i++)
		if ((r = area_push(m, cn, &tail, seg, i)))
			return r;
	return 0;
}

/* ---- lists and subsections ---- */

int meta_get_list(const struct plvm_meta *m, const char *key, struct plvm_value *vals,
		  uint32_t max, uint32_t *count)
{
	const struct dm_config_value *v = meta_value(m, key), *p;
	uint32_t n = 0;

	if (!v)
		return -ENOENT;
	if (v->type == DM_CFG_EMPTY_ARRAY)
		v = NULL;
	for (p = v; p; p = p->next) {
		if (p->type != DM_CFG_STRING && p->type != DM_CFG_INT)
			return -EINVAL;
		n++;
	}
	*count = n;
	if (n > max)
		return -ENOBUFS;
	for (n = 0, p = v; p; p = p->next, n++) {
		if (p->type == DM_CFG_STRING) {
			vals[n].str = m->vg ? vg_strdup(m->vg, p->v.str) : p->v.str;
			if (!vals[n].str)
				return -ENOMEM;
			vals[n].num = 0;
		} else {
			vals[n].str = NULL;
			vals[n].num = p->v.i;
		}
	}
	return 0;
}

int meta_set_list(struct plvm_meta *m, const char *key, const struct plvm_value *vals,
		  uint32_t count)
{
	struct dm_config_value *tail = NULL;
	struct dm_config_node *cn;
	uint32_t i;
	int r;

	if (!m || !m->out || !key || (count && !vals))
		return -EINVAL;
	if (!(cn = cfg_add_array(m->mem, m->out, key)))
		return -ENOMEM;
	for (i = 0; i < count; i++)
		if ((r = cfg_array_push(m->mem, cn, &tail, vals[i].str, vals[i].num)))
			return r;
	return 0;
}

int meta_get_section(const struct plvm_meta *m, const char *key, const struct plvm_meta **sub)
{
	const struct dm_config_node *cn = meta_node(m, key);
	struct plvm_meta *s;

	if (!cn)
		return -ENOENT;
	if (cn->v)
		return -EINVAL;
	if (!(s = dm_pool_zalloc(m->mem, sizeof(*s))))
		return -ENOMEM;
	s->vg = m->vg;
	s->in = cn;
	s->mem = m->mem;
	*sub = s;
	return 0;
}

int meta_add_section(struct plvm_meta *m, const char *key, struct plvm_meta **sub)
{
	struct plvm_meta *s;

	if (!m || !m->out || !key)
		return -EINVAL;
	if (!(s = dm_pool_zalloc(m->mem, sizeof(*s))))
		return -ENOMEM;
	if (!(s->out = cfg_add_section(m->mem, m->out, key)))
		return -ENOMEM;
	s->vg = m->vg;
	s->mem = m->mem;
	*sub = s;
	return 0;
}
