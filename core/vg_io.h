/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading and writing VGs on their PVs, and PV creation.
 *
 * A command scans labels once (label_scan), reads each VG's metadata once,
 * and writes with the two-step protocol: vg_write() puts the new text in
 * every metadata area's ring and its precommit slot, vg_commit() makes it
 * the committed copy.  A crash at any point leaves either the old or the
 * new metadata readable, never a mix.
 */
#ifndef PLVM_VG_IO_H
#define PLVM_VG_IO_H

#include <stdbool.h>
#include <stdint.h>

struct cmd;
struct vg;
struct device;
struct pv_label;

/* One PV the label scan found. */
struct pv_info {
	struct device *dev;
	char pvid[33];
	const char *vg_name;		/* NULL for an orphan PV */
	char vgid[33];
	uint64_t dev_size;		/* sectors */
	uint64_t pe_start;		/* sectors */
	uint64_t pe_end;		/* sectors: end of the data area (mda1 start or dev end) */
	unsigned mda_count;
	unsigned mda_used;		/* of them, those not ignored (--metadataignore) */
	uint64_t mda_size;		/* bytes: the smallest metadata area (0: none) */
	uint64_t mda_free;		/* bytes the smallest free space of them, as LVM2 counts */
	uint32_t seqno;			/* of the newest metadata found on it */
};

int label_scan(struct cmd *cmd);	/* once per command; 0 or -errno */
void label_cache_destroy(struct cmd *cmd);	/* for cmd_destroy */
/* Iterate over what the scan found (NULL to start). */
const struct pv_info *pv_info_next(struct cmd *cmd, const struct pv_info *prev);
const struct pv_info *pv_info_find(struct cmd *cmd, const char *dev_path);
/* Sorted, unique VG names, NULL-terminated, owned by cmd until it is
 * destroyed (VG reads and rescans leave it alone). */
const char **vg_names(struct cmd *cmd);
/* vg_names() without the VGs of other hosts (their system IDs: LVM2's
 * message for each) unless the command has --foreign, and without exported
 * VGs unless the command works on those (cmd->allow_exported).  For the
 * commands that go through every VG. */
const char **vg_names_local(struct cmd *cmd);
/* The newest metadata of VG @name (scanned) says it is exported. */
bool vg_name_exported(struct cmd *cmd, const char *name);

#define VG_READ_FOR_UPDATE	1u	/* refuse missing PVs unless allowed */
#define VG_READ_PRECOMMITTED	2u
#define VG_READ_ALLOW_MISSING	4u
/* NULL if the VG does not exist (errno ENOENT), cannot be read (EINVAL),
 * is read for update while PVs are missing (ENXIO, said),
 * belongs to another host (EACCES, said; --foreign lets reports read it), or
 * is exported and the command does not work on such VGs (EPERM, said; see
 * cmd->allow_exported). */
struct vg *vg_read(struct cmd *cmd, const char *vg_name, unsigned flags);
/* seqno++, text + precommit on every mda.  A VG that fails vg_validate()
 * is not written: -EINVAL, nothing changed. */
/* Say, as LVM2 does before a write (in test mode too), each metadata area
 * of @vg's PVs holding text older than @seqno - 1 (of this VG, or of the
 * one its PV came from): the write brings it up to date. */
void vg_say_old_areas(struct vg *vg, uint32_t seqno);
int vg_write(struct vg *vg);
int vg_commit(struct vg *vg);	/* committed slot on every mda */
int vg_revert(struct vg *vg);
/* vg_write + vg_commit, and the backup file when backup/backup is set. */
int vg_write_commit(struct vg *vg);
/* The backup file of @vg when backup/backup is set (what vg_write_commit
 * does after the commit), for commands that reload tables between
 * vg_write and vg_commit.  0, or -errno (a warning is logged). */
int vg_backup(struct vg *vg);
/* Drop the VG from its PVs' metadata areas (they become orphans). */
int vg_remove_mdas(struct vg *vg);

struct pv_create_opts {
	unsigned metadatacopies;	/* 0, 1 or 2 (default 1) */
	uint64_t metadatasize;		/* bytes, 0: default */
	uint64_t data_alignment;	/* bytes, 0: default 1 MiB */
	uint64_t data_alignment_offset;	/* bytes past the alignment pe_start goes, 0: none */
	const char *uuid;		/* -u, or NULL for a new one */
	uint64_t label_sector;		/* default 1 */
	bool keep_start;		/* leave the first 4 sectors (-Z n): else zeroed */
	bool metadataignore;		/* its metadata areas hold no metadata */
};
/* Write a fresh label and empty metadata areas on @dev.  -EDOM (said) for a
 * data alignment offset past the alignment. */
int pv_create(struct cmd *cmd, struct device *dev, const struct pv_create_opts *o);
int pv_wipe(struct cmd *cmd, struct device *dev);
/* The metadata areas of @vg's PVs that are not ignored. */
unsigned vg_mdas_in_use(struct vg *vg);
/* Mark @dev's metadata areas ignored (no metadata is written there) or in
 * use again; either way they are left empty, for the next VG write.  0,
 * -ENOENT without a label, or -errno of the write. */
int pv_mdas_ignore(struct cmd *cmd, struct device *dev, bool ignored);
/* Empty @dev's metadata areas and clear PV_EXT_USED (vgreduce, vgremove). */
int pv_make_orphan(struct cmd *cmd, struct device *dev);
/* LVM2's PV layout for a device of @disk bytes: pe_start (data.offset) and
 * the metadata areas of @mda_size bytes each (before alignment), @copies 0..2.
 * @align is the data alignment in bytes, @offset how far past it the data
 * starts (at most @align).  0, -EINVAL or -ENOSPC. */
int pv_layout(uint64_t disk, uint64_t align, uint64_t offset, uint64_t mda_size,
	      unsigned copies, struct pv_label *out);
/* Record @sectors as the size of the device in @dev's label (pvresize of a
 * PV in no VG).  0, -ENOENT without a label, or -errno of the write. */
int pv_set_size(struct cmd *cmd, struct device *dev, uint64_t sectors);
/* Mark a PV's label as used or unused by a VG (pv_header extension flag). */
int pv_set_used(struct cmd *cmd, struct device *dev, bool used);
/* Give the PV on @dev the id @pvid (32 characters) in its label: a cloned
 * disk made distinct (vgimportclone).  0 or -errno. */
int pv_set_id(struct cmd *cmd, struct device *dev, const char *pvid);

#endif /* PLVM_VG_IO_H */
