/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the start of a PV as the label scan reads it: the
 * input is the device (a memfd), read through core/dev.c as a PV is:
 * label (core/label.c), each metadata area header (core/mda.c), both
 * slots' texts (possibly wrapped around the ring), and the VG name of a
 * text.  Any input gives errors or data, never a crash, a read outside the
 * device or an allocation as large as a header claims; a header we accept
 * formats back to the same header.
 *
 * A fuzzer cannot forge a CRC, so an input whose first byte is odd is
 * fixed up first: every label sector, the mda headers the label points at
 * and their slots' texts (unwrapped) get their right checksums, and the
 * parsers behind the checksums get fuzzed too.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libdevmapper.h>

#include "dev.h"
#include "le.h"
#include "log.h"
#include "ondisk.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];

static void dm_quiet(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	dm_log_with_errno_init(dm_quiet);
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

#define LH_CRC		16
#define LH_CRC_FROM	20
#define MH_CRC_FROM	4
#define MH_LOCNS	40
#define RL_SIZE		24

static void fix_slots(uint8_t *b, size_t size, uint64_t start)
{
	uint8_t *h = b + start;
	int i;

	for (i = 0; i < 2; i++) {
		uint8_t *rl = h + MH_LOCNS + i * RL_SIZE;
		uint64_t off = get64(rl), len = get64(rl + 8);

		if (off < size - start && len <= size - start - off)
			put32(rl + 16, calc_crc(INITIAL_CRC, h + off, len));
	}
	put32(h, calc_crc(INITIAL_CRC, h + MH_CRC_FROM, MDA_HEADER_SIZE - MH_CRC_FROM));
}

static void fix_checksums(uint8_t *b, size_t size)
{
	struct pv_label l;
	unsigned s, i;

	for (s = 0; s < LABEL_SCAN_SECTORS && (s + 1) * LABEL_SIZE <= size; s++)
		if (!memcmp(b + s * LABEL_SIZE, LABEL_ID, 8))
			put32(b + s * LABEL_SIZE + LH_CRC, calc_crc(INITIAL_CRC,
			      b + s * LABEL_SIZE + LH_CRC_FROM, LABEL_SIZE - LH_CRC_FROM));
	memset(&l, 0, sizeof(l));
	if (label_parse(b, size, &l))
		return;
	for (i = 0; i < l.mda_count && i < MAX_MDAS; i++)
		if (l.mda[i].offset < size && MDA_HEADER_SIZE <= size - l.mda[i].offset)
			fix_slots(b, size, l.mda[i].offset);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pv_label l;
	struct device *dev;
	uint8_t *copy;
	unsigned i;

	if (!size || !(copy = malloc(size)))
		return 0;
	memcpy(copy, data, size);
	if (data[0] & 1)
		fix_checksums(copy, size);
	if (ftruncate(memfd, 0) || pwrite(memfd, copy, size, 0) != (ssize_t)size)
		abort();
	free(copy);
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
