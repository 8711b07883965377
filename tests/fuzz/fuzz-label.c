/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the PV label parser (core/label.c): any 2 KiB (the
 * four sectors a label may be in) gives a label or an error, never a crash;
 * a label we accept formats back into a sector that parses to the same
 * label.  A fuzzer cannot forge a CRC: when the input's last byte is odd,
 * every sector that starts with the label id gets its right checksum first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "le.h"
#include "log.h"
#include "ondisk.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_sink(NULL, NULL);
	return 0;
}

static bool same_area(const struct disk_area *a, const struct disk_area *b)
{
	return a->offset == b->offset && a->size == b->size;
}

static bool same_label(const struct pv_label *a, const struct pv_label *b)
{
	unsigned i;

	if (a->sector != b->sector || strcmp(a->pvid, b->pvid) || a->dev_size != b->dev_size ||
	    !same_area(&a->data, &b->data) || a->mda_count != b->mda_count ||
	    a->ext_version != b->ext_version || a->ext_flags != b->ext_flags ||
	    !same_area(&a->ba, &b->ba))
		return false;
	for (i = 0; i < a->mda_count; i++)
		if (!same_area(&a->mda[i], &b->mda[i]))
			return false;
	return true;
}

#define LH_CRC		16
#define LH_CRC_FROM	20

static int parse(const uint8_t *data, size_t size, struct pv_label *l)
{
	uint8_t buf[LABEL_SCAN_SECTORS * LABEL_SIZE];
	unsigned s;

	if (!size || size > sizeof(buf) || !(data[size - 1] & 1))
		return label_parse(data, size, l);
	memcpy(buf, data, size);
	for (s = 0; (s + 1) * LABEL_SIZE <= size; s++)
		if (!memcmp(buf + s * LABEL_SIZE, LABEL_ID, 8))
			put32(buf + s * LABEL_SIZE + LH_CRC, calc_crc(INITIAL_CRC,
			      buf + s * LABEL_SIZE + LH_CRC_FROM, LABEL_SIZE - LH_CRC_FROM));
	return label_parse(buf, size, l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t again[LABEL_SCAN_SECTORS * LABEL_SIZE] = { 0 };
	struct pv_label l, back;

	memset(&l, 0, sizeof(l));
	if (parse(data, size, &l))
		return 0;
	if (l.mda_count > MAX_MDAS || l.sector >= LABEL_SCAN_SECTORS || strlen(l.pvid) != 32)
		abort();	/* accepted a label the model cannot hold */
	if (label_format(&l, again + l.sector * LABEL_SIZE))
		abort();	/* accepted a label we cannot write back */
	memset(&back, 0, sizeof(back));
	if (label_parse(again, sizeof(again), &back) || !same_label(&l, &back))
		abort();	/* written back, it is another label */
	return 0;
}
