/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvchange of a thin pool, as LVM2 2.03.16 does it:
 *
 *	--errorwhenfull y|n	fail writes at once when the pool is full
 *	--discards MODE		ignore, nopassdown or passdown; to or from
 *				"ignore" only while the pool is inactive
 *	--zero y|n		zero newly provisioned blocks
 *
 * LVM2 changes --errorwhenfull with the LV's other settings, then takes
 * --discards and --zero in one step for each of the two given, asking
 * both each time: given both, the second step finds both already set,
 * says so, and the command fails after the change is written.  The same
 * here, through -EALREADY.
 */
#include <errno.h>
#include <string.h>

#include "thin.h"

/* --errorwhenfull: 0 when changed, -EPERM (said) when it already was so. */
static int error_when_full(const struct plvm_host *h, struct plvm_lv *pool,
			   const struct plvm_request *r)
{
	bool on, was = api->lv_flag(pool, "ERROR_WHEN_FULL") > 0;
	int ret = yes_no(r, "errorwhenfull", false, &on);

	if (ret)
		return ret;
	if (on == was) {
		api->log(h, PLVM_LOG_ERR, "Error when full is already %sset for %s/%s.",
			 on ? "" : "un", lv_vg_name(pool), api->lv_name(pool));
		return -EPERM;
	}
	return api->lv_set_flag(h, pool, "ERROR_WHEN_FULL", on);
}

static enum discards discards_arg(const struct plvm_request *r)
{
	const char *v = "";
	int i;

	api->opt_str(r, "discards", &v);
	for (i = 0; discards_names[i]; i++)
		if (!strcmp(v, discards_names[i]))
			return (enum discards)i;
	return DISCARDS_PASSDOWN;	/* the host let no other value through */
}

/* --discards of one step: true when it changed the pool. */
static bool discards_step(const struct plvm_host *h, struct plvm_lv *pool, struct pool *p,
			  const struct plvm_request *r)
{
	enum discards d = discards_arg(r);

	if (d == p->discards) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s already uses --discards %s.",
			 lv_vg_name(pool), api->lv_name(pool), discards_names[d]);
		return false;
	}
	if ((d == DISCARDS_IGNORE || p->discards == DISCARDS_IGNORE) &&
	    api->lv_is_active(h, pool) > 0) {
		api->log(h, PLVM_LOG_ERR, "Cannot change support for discards while pool volume "
			 "%s/%s is active.", lv_vg_name(pool), api->lv_name(pool));
		return false;
	}
	p->discards = d;
	return true;
}

/* --zero of one step: true when it changed the pool.  LVM2 2.03.16 says
 * "already zero" for either value (its test is of an enum, never 0). */
static bool zero_step(const struct plvm_host *h, struct plvm_lv *pool, struct pool *p,
		      bool on)
{
	if (on == p->zero) {
		api->log(h, PLVM_LOG_ERR, "Logical volume %s/%s already zero new blocks.",
			 lv_vg_name(pool), api->lv_name(pool));
		return false;
	}
	p->zero = on;
	return true;
}

/* One of LVM2's steps: both options asked; true when either changed. */
static bool pool_step(const struct plvm_host *h, struct plvm_lv *pool,
		      const struct plvm_request *r, bool zero)
{
	struct pool *p = lv_pool(pool);
	bool changed = false;

	if (api->opt_given(r, "discards"))
		changed = discards_step(h, pool, p, r);
	if (api->opt_given(r, "zero"))
		changed |= zero_step(h, pool, p, zero);
	return changed;
}

int thin_change(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r)
{
	unsigned steps, done = 0, i;
	bool ewf = api->opt_given(r, "errorwhenfull"), zero = false;
	int ret;

	steps = !!api->opt_given(r, "discards") + !!api->opt_given(r, "zero");
	if (!lv_pool(lv) || (!ewf && !steps))
		return -ENOTSUP;
	if ((ret = yes_no(r, "zero", false, &zero)) ||
	    (ewf && (ret = error_when_full(h, lv, r))))
		return ret;
	for (i = 0; i < steps; i++)
		done += pool_step(h, lv, r, zero);
	if (!ewf && !done)
		return -EPERM;
	if (api->lv_is_active(h, lv) > 0 && (ret = api->lv_reload(h, lv)))
		return ret;
	return done == steps ? 0 : -EALREADY;
}
