/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the start of a PV as the label scan reads it: the
 * input is the device (a memfd), read through core/dev.c as a PV is:
 * label (core/label.c), each metadata area header (core/mda.c), both
 * slots' texts (possibly wrapped around the ring), and the VG name of a
 * text.  Any input gives errors or data, never a crash, a read outside the
 * device or an allocation as large as a header claims; a header we accept
 * formats back to the same header.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dev.h"
#include "log.h"
#include "ondisk.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_sink(NULL, NULL);
	memfd = memfd_create("fuzz-pvhead", 0);
	if (memfd < 0)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	return 0;
}

static void header_round_trip(const struct mda *m)
{
	uint8_t buf[MDA_HEADER_SIZE];
	struct mda back = { .dev = m->dev };

	mda_header_format(m, buf);
	if (mda_header_parse(buf, m->start, &back) || back.size != m->size ||
	    memcmp(back.slot, m->slot, sizeof(m->slot)))
		abort();
}

static void read_area(struct device *dev, const struct disk_area *a)
{
	struct mda m = { .dev = dev, .start = a->offset };
	size_t len;
	char *text, *name;
	int slot;

	if (mda_read_header(&m))
		return;
	header_round_trip(&m);
	for (slot = 0; slot < 2; slot++) {
		if (mda_read_text(&m, slot, &text, &len))
			continue;
		name = text_vg_name(text, len);
		free(name);
		free(text);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pv_label l;
	struct device *dev;
	unsigned i;

	if (ftruncate(memfd, 0) || pwrite(memfd, data, size, 0) != (ssize_t)size)
		abort();
	dev = dev_open_file(path, false);
	if (!dev)
		return 0;
	memset(&l, 0, sizeof(l));
	if (!label_read(dev, &l))
		for (i = 0; i < l.mda_count && i < MAX_MDAS; i++)
			read_area(dev, &l.mda[i]);
	dev_close(dev);
	dev_free(dev);
	return 0;
}
