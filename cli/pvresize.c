/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvresize: a PV takes the size of its device, or the size given with
 * --setphysicalvolumesize, as LVM2 2.03.16 does.  A PV in a VG gets the
 * extents that fit (it cannot lose allocated ones); the VG's metadata says
 * so, with LVM2's dev_size (the size less pe_start).  A PV in no VG gets the
 * size in its label.  A PV with a second metadata area (at the end of the
 * device) is refused: LVM2 moves that area, plvm does not.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"
#include "toollib.h"
#include "cmd.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "vg_io.h"

#define PV_MIN_SECTORS	4096		/* LVM2's smallest PV, 2 MiB */

/* The size to give @path's PV (sectors): the device's, or the one asked
 * for after the questions LVM2 asks.  0 when the user says no. */
static uint64_t wanted_size(const struct args *a, const char *path, uint64_t real)
{
	char want[32], have[32];
	enum sign sign;
	uint64_t n;

	if (!arg_is_set(a, OPT_SETPHYSICALVOLUMESIZE) ||
	    arg_size_sectors(a, OPT_SETPHYSICALVOLUMESIZE, 'm', &sign, &n))
		return real;
	log_size(want, sizeof(want), n);
	log_size(have, sizeof(have), real);
	if (n > real)
		log_warn("WARNING: %s: Overriding real size %s. You could lose data.", path, have);
	if ((n > real && !cli_confirm(a, "%s: Requested size %s exceeds real size %s. Proceed? ",
				      path, want, have)) ||
	    (n < real && !cli_confirm(a, "%s: Requested size %s is less than real size %s. Proceed? ",
				      path, want, have))) {
		log_error("Physical Volume %s not resized.", path);
		return 0;
	}
	if (n != real)
		log_warn("WARNING: %s: Pretending size is %llu not %llu sectors.", path,
			 (unsigned long long)n, (unsigned long long)real);
	return n;
}

/* LVM2's checks of a new size against the PV's layout. */
static int size_fits(const char *path, uint64_t size, uint64_t pe_start)
{
	if (size < PV_MIN_SECTORS) {
		log_error("Size must exceed minimum of %d sectors on PV %s.", PV_MIN_SECTORS, path);
		return EFAILED;
	}
	if (size < pe_start) {
		log_error("Size must exceed physical extent start of %llu sectors on PV %s.",
			  (unsigned long long)pe_start, path);
		return EFAILED;
	}
	return ECMD_OK;
}

/* The extents allocated on @pv, and the end of the last of them. */
static void allocated(const struct pv *pv, uint32_t *count, uint64_t *end)
{
	struct pv_run *runs;
	unsigned n, i;

	*count = 0;
	*end = 0;
	runs = pv_runs(pv, &n);
	for (i = 0; i < n; i++) {
		if (!runs[i].seg)
			continue;
		*count += runs[i].len;
		*end = (uint64_t)runs[i].pe + runs[i].len;
	}
	free(runs);
}

/* The new extent count of @pv for @size sectors, checked as LVM2 does. */
static int new_extents(const struct vg *vg, const struct pv *pv, const char *path,
		       uint64_t size, uint32_t *out)
{
	uint64_t n = (size - pv->pe_start) / vg->extent_size, end;
	uint32_t used;

	if (!n) {
		log_error("Size must leave space for at least one physical extent of %u sectors "
			  "on PV %s.", (unsigned)vg->extent_size, path);
		return EFAILED;
	}
	allocated(pv, &used, &end);
	if (n < pv->pe_count && n < used) {
		log_error("%s: cannot resize to %llu extents as %u are allocated.", path,
			  (unsigned long long)n, used);
		return EFAILED;
	}
	if (n < pv->pe_count && end > n) {
		log_error("%s: cannot resize to %llu extents as later ones are allocated.", path,
			  (unsigned long long)n);
		return EFAILED;
	}
	*out = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	return ECMD_OK;
}

static int resize_in_vg(struct cmd *cmd, const char *path, const struct pv_info *pi,
			uint64_t size)
{
	struct vg *vg = tl_vg_read(cmd, pi->vg_name, VG_READ_FOR_UPDATE);
	struct pv *pv;
	uint32_t count;
	int r = EFAILED;

	if (!vg)
		return EFAILED;
	pv = tl_find_pv(vg, pi->dev->path);
	if (!pv)
		log_error("Physical volume %s not found in volume group %s.", path, vg->name);
	else if (!(r = size_fits(path, size, pv->pe_start)) &&
		 !(r = new_extents(vg, pv, path, size, &count))) {
		pv->dev_size = size - pv->pe_start;	/* what LVM2 records */
		pv->pe_count = count;
		r = tl_vg_update(vg, NULL, 0) ? EFAILED : ECMD_OK;
		if (r)
			log_error("Failed to store physical volume \"%s\" in volume group \"%s\"",
				  path, vg->name);
	}
	vg_free(vg);
	return r;
}

static int resize_one(struct cmd *cmd, const struct args *a, const char *path)
{
	const struct pv_info *pi = tl_pv_info(cmd, path);
	uint64_t size;
	int r;

	if (!pi || !pi->dev) {
		log_error("Cannot use %s: device not found", path);
		return EFAILED;
	}
	if (pi->mda_count > 1 && pi->pe_end < pi->dev->size) {
		log_error("Cannot resize PV %s: it has a metadata area at its end, which plvm "
			  "does not move.", path);
		return EFAILED;
	}
	if (!(size = wanted_size(a, path, pi->dev->size)))
		return EFAILED;
	if (pi->vg_name)
		r = resize_in_vg(cmd, path, pi, size);
	else if (!(r = size_fits(path, size, pi->pe_start)) &&
		 pv_set_size(cmd, pi->dev, size) < 0) {
		log_error("Failed to store physical volume \"%s\"", path);
		r = EFAILED;
	}
	if (!r)
		log_print("Physical volume \"%s\" changed", path);
	return r;
}

int cmd_pvresize(struct cmd *cmd, struct args *a)
{
	unsigned done = 0, failed = 0;
	int i, r = ECMD_OK;

	for (i = 0; i < a->argc; i++) {
		if (resize_one(cmd, a, a->argv[i])) {
			failed += !!tl_pv_info(cmd, a->argv[i]);
			r = EFAILED;
		} else {
			done++;
		}
	}
	log_print("%u physical volume(s) resized or updated / %u physical volume(s) not resized",
		  done, failed);
	return r;
}
