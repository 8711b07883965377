/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2's on-disk format: the PV label (label header, pv_header, extension
 * v2), metadata area headers with their two raw_locn slots (0 committed,
 * 1 precommitted) and the circular text buffer.  All integers on disk are
 * little endian; offsets here are bytes unless named _sectors.
 */
#ifndef PLVM_ONDISK_H
#define PLVM_ONDISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct device;

#define LABEL_SIZE		512
#define LABEL_SCAN_SECTORS	4
#define LABEL_ID		"LABELONE"
#define LABEL_TYPE		"LVM2 001"
#define MDA_HEADER_SIZE		512
#define FMTT_MAGIC		"\040\114\126\115\062\040\170\133\065\101\045\162\060\116\052\076"
#define FMTT_VERSION		1
#define INITIAL_CRC		0xf597a6cfU
#define PV_EXT_VERSION		2
#define PV_EXT_USED		1
#define MAX_MDAS		2
#define PV_UUID_LEN		32	/* raw uuid chars in the pv_header */
#define RAW_LOCN_IGNORED	1

/* LVM2's CRC-32 (reflected, 0xEDB88320, no final xor). */
uint32_t calc_crc(uint32_t initial, const void *buf, size_t len);

struct disk_area {
	uint64_t offset;
	uint64_t size;
};

struct pv_label {
	uint64_t sector;		/* where the label sits (0..3) */
	char pvid[33];			/* 32 raw chars + NUL */
	uint64_t dev_size;		/* bytes, as recorded */
	struct disk_area data;		/* {pe_start bytes, 0} */
	unsigned mda_count;
	struct disk_area mda[MAX_MDAS];
	uint32_t ext_version;		/* 0 if no extension */
	uint32_t ext_flags;		/* PV_EXT_USED */
	struct disk_area ba;		/* bootloader area, {0,0} if none */
};

/* Find and check a label in the first 4 sectors of @buf (LABEL_SCAN_SECTORS
 * * 512 bytes).  0, -ENOENT if there is none, -EINVAL if one is damaged
 * (bad crc, bad offsets, truncated area lists); the reason is logged. */
int label_parse(const void *buf, size_t len, struct pv_label *out);
/* Serialize @in into the 512-byte sector @sector_buf. */
int label_format(const struct pv_label *in, void *sector_buf);
int label_read(struct device *dev, struct pv_label *out);
int label_write(struct device *dev, const struct pv_label *in);
int label_wipe(struct device *dev);	/* zero the label sectors */

struct raw_locn {
	uint64_t offset;		/* from the mda start */
	uint64_t size;			/* text bytes incl. the NUL */
	uint32_t checksum;
	uint32_t flags;			/* RAW_LOCN_IGNORED = 1 */
};

struct mda {
	struct device *dev;
	uint64_t start;			/* bytes on the device */
	uint64_t size;
	struct raw_locn slot[2];	/* as last read or written */
};

/* Parse and check a 512-byte mda header read from @start.  0 or -EINVAL. */
int mda_header_parse(const void *buf, uint64_t start, struct mda *out);
int mda_header_format(const struct mda *in, void *buf);
int mda_read_header(struct mda *mda);			/* reads dev at mda->start */
int mda_header_write(struct mda *mda);		/* format @mda, write it, flush */
int mda_init(struct mda *mda);				/* empty header, no text */
/* The text in slot 0 (or 1 with @precommitted), malloc'd and NUL-terminated;
 * -ENOENT if the slot is empty, -EINVAL on a checksum or bounds error. */
int mda_read_text(struct mda *mda, bool precommitted, char **text, size_t *len);
/* Write @text (@len bytes without the NUL) after the committed copy in the
 * ring and record it in slot 1 (precommit).  -ENOSPC if it does not fit. */
int mda_write_text(struct mda *mda, const char *text, size_t len);
int mda_commit(struct mda *mda);	/* slot 0 = slot 1, slot 1 cleared */
int mda_revert(struct mda *mda);	/* slot 1 cleared */

#endif /* PLVM_ONDISK_H */
