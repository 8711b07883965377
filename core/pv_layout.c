/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where a new PV's label, metadata areas and data go (pv_layout, see
 * vg_io.h): LVM2's rules, with no device touched, so unit tests can check
 * them for any size, alignment and offset.
 */
#include <errno.h>

#include "ondisk.h"
#include "vg_io.h"

#define MDA_SIZE_MIN		(8 * 4096ULL)	/* LVM2: 8 pages */
#define PAGE_BYTES		4096ULL

/* mda0 after the label sectors, ending on @align, then @offset past it,
 * when there is room (LVM2's rules). */
static int layout_mda0(uint64_t disk, uint64_t align, uint64_t offset, uint64_t size,
		       struct disk_area *a)
{
	uint64_t start = LABEL_SCAN_SECTORS * LABEL_SIZE, adj;

	if (disk - start >= MDA_SIZE_MIN && start % PAGE_BYTES)
		start += PAGE_BYTES - start % PAGE_BYTES;
	if (align && (adj = (start + size) % align) && start + size + align - adj <= disk)
		size += align - adj;
	if (align && offset && !((start + size) % align) && start + size + offset <= disk)
		size += offset;
	if (start + size > disk) {
		if (align && disk - start > 2 * align) {
			size = disk - start - 2 * align;
			if ((adj = (start + size) % align))
				size += align - adj;
		} else {
			size = disk - start;
		}
	}
	a->offset = start;
	a->size = size;
	return 0;
}

/* mda1 at the end of the device, its start aligned down when there is room. */
static int layout_mda1(uint64_t disk, uint64_t align, uint64_t size, uint64_t limit,
		       struct disk_area *a)
{
	uint64_t start, adj;

	if (limit >= disk)
		return -ENOSPC;
	if (size > disk)
		size = disk - limit;
	start = disk - size;
	if (start < limit) {
		size = disk - limit;
		start = limit;
	} else if (align && (adj = start % align) && size + adj < disk &&
		   disk - size - adj >= limit) {
		size += adj;
		start -= adj;
	}
	a->offset = start;
	a->size = size;
	return 0;
}

int pv_layout(uint64_t disk, uint64_t align, uint64_t offset, uint64_t mda_size,
	      unsigned copies, struct pv_label *out)
{
	uint64_t pe_start = align + offset;
	int r;

	if (copies > MAX_MDAS || !align || offset > align ||
	    disk < align + LABEL_SCAN_SECTORS * LABEL_SIZE)
		return -EINVAL;
	out->mda_count = 0;
	if (copies >= 1) {
		layout_mda0(disk, align, offset, mda_size, &out->mda[0]);
		pe_start = out->mda[0].offset + out->mda[0].size;
		out->mda_count = 1;
	}
	if (copies >= 2) {
		if ((r = layout_mda1(disk, align, mda_size, pe_start, &out->mda[1])))
			return r;
		out->mda_count = 2;
	}
	for (unsigned i = 0; i < out->mda_count; i++)
		if (out->mda[i].size < MDA_SIZE_MIN)
			return -ENOSPC;
	if (pe_start >= disk || pe_start % LABEL_SIZE)
		return -ENOSPC;
	out->data.offset = pe_start;
	out->data.size = 0;
	return 0;
}
