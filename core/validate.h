/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The consistency checks a VG must pass to be used: text import runs them
 * on every VG it reads (so vg_read and vgcfgrestore see only VGs that
 * pass), and vg_write runs them again before anything reaches a disk.  A
 * VG that fails is never activated or written.
 *
 * The checks are generic: they use the model, the segment types'
 * capability flags and the links types record, never a type's name.  What
 * a segment of an unknown type refers to is unknown too, so its extents and
 * sub-LVs are not checked.
 */
#ifndef PLVM_VALIDATE_H
#define PLVM_VALIDATE_H

struct vg;

/* At most this many problems are logged one by one; the rest are counted. */
#define VALIDATE_MAX_LOGGED	20

/*
 * Check @vg as a whole:
 *  - names and ids: every LV name valid and unique, "VG/LV" short enough
 *    for device-mapper; LV ids, PV ids and PV keys unique;
 *  - segments: each LV's segments tile it from extent 0 with no gap or
 *    overlap, add up to le_count, belong to the LV and have a type;
 *  - areas: every area set; a PV area on a PV of @vg and inside its
 *    pe_count; an LV area on another LV of @vg and inside its le_count;
 *    striped and mirrored types' area lengths agree with the segment's;
 *    a virtual type has no areas;
 *  - no PV extent, and no extent of an LV used as an area, is used twice
 *    (by any two areas anywhere in the VG);
 *  - every LV a segment links (seg->links: sub-LVs, a pool it uses) is an
 *    LV of @vg other than the segment's own, and LV references (areas and
 *    links) form no cycle;
 *  - flags: an LV used as an area is hidden, and so is a pvmove LV.
 * Each problem is logged with log_error, saying what is wrong and where
 * (VG, LV, segment by its first extent, area, PV).
 * Returns 0 if @vg is valid, -EINVAL if not, -ENOMEM.
 */
int vg_validate(const struct vg *vg);

#endif /* PLVM_VALIDATE_H */
