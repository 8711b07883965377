// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pvck: a PV's label, PV header, metadata area headers and current
 * metadata text checked field by field, straight from the disk (nothing
 * through the label cache, which would refuse what is damaged), and with
 * --dump printed.  Each field that is not what it must be gives a
 * "CHECK:" line; the forms, lines and exit codes are LVM2 2.03.16's:
 *
 *	pvck PV...				the historical summary
 *	pvck --dump headers PV			every header field
 *	pvck --dump metadata [-f FILE] PV	the current metadata text
 *
 * --pvmetadatacopies 2 picks the second metadata area for the text.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdevmapper.h>

#include "cli.h"
#include "toollib.h"
#include "cmd.h"
#include "dev.h"
#include "log.h"
#include "ondisk.h"

#define LABEL_ID	"LABELONE"
#define LABEL_TYPE	"LVM2 001"
#define PVH_AT		32	/* the PV header after the label header */
#define LOCN_SIZE	16	/* a disk_locn: offset, size */
#define RLOCN_AT	40	/* the raw_locns after the mda header fields */
#define RLOCN_SIZE	24	/* a raw_locn: offset, size, checksum, flags */

struct pvck {
	int fd;
	const char *name;
	bool print;		/* --dump headers: every field */
	bool erred;		/* an error was logged (not only CHECK lines) */
	uint64_t mda_at[MAX_MDAS], mda_size[MAX_MDAS];
	unsigned mdas;
};

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static bool read_at(const struct pvck *c, uint64_t at, size_t len, void *buf)
{
	return pread(c->fd, buf, len, (off_t)at) == (ssize_t)len;
}

/* Characters as LVM2 shows them: '?' for what cannot be printed. */
static const char *shown(const unsigned char *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = isprint(p[i]) ? (char)p[i] : '?';
	out[n] = '\0';
	return out;
}

static const char *hex(const unsigned char *p, size_t n, char *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += (size_t)sprintf(out + k, "%x", p[i]);
	return out;
}

#define say(c, ...)	do { if ((c)->print) log_print(__VA_ARGS__); } while (0)

/* ---- label header and PV header ---- */

static unsigned check_label(const unsigned char *lh, uint64_t sector, bool *found)
{
	uint32_t crc = calc_crc(INITIAL_CRC, lh + 20, LABEL_SIZE - 20);
	bool id = !memcmp(lh, LABEL_ID, 8), type = !memcmp(lh + 24, LABEL_TYPE, 8);
	unsigned bad = !id + !type;

	if (!id)
		log_print("CHECK: label_header.id expected %s", LABEL_ID);
	if (le64(lh + 8) != sector && ++bad)
		log_print("CHECK: label_header.sector expected %d", (int)sector);
	if (crc != le32(lh + 16) && ++bad)
		log_print("CHECK: label_header.crc expected 0x%x", crc);
	if (le32(lh + 20) != 32 && ++bad)
		log_print("CHECK: label_header.offset expected 32");
	if (!type)
		log_print("CHECK: label_header.type expected %s", LABEL_TYPE);
	*found = id && type;
	return bad;
}

static bool uuid_ok(const unsigned char *u)
{
	char s[ID_LEN + 1], id[ID_LEN + 1];

	memcpy(s, u, ID_LEN);
	s[ID_LEN] = '\0';
	return !id_parse(s, id);
}

/* A list of disk_locns ending with a zero one, from @cur->at (bytes into
 * the label sector @lh), numbered on from @cur->i; @what names the entries
 * that are not the end. */
struct cursor {
	size_t at;
	unsigned i;
};

static void locn_list(struct pvck *c, const unsigned char *lh, uint64_t base,
		      struct cursor *cur, const char *field, const char *what, bool mdas)
{
	for (;; cur->i++, cur->at += LOCN_SIZE) {
		uint64_t off = le64(lh + cur->at), size = le64(lh + cur->at + 8);
		unsigned i = cur->i;

		say(c, "%s[%u] at %llu # %s", field, i, (unsigned long long)(base + cur->at),
		    off ? what : "location list end");
		say(c, "%s[%u].offset %llu", field, i, (unsigned long long)off);
		say(c, "%s[%u].size %llu", field, i, (unsigned long long)size);
		if (!off || cur->at + 2 * LOCN_SIZE > LABEL_SIZE) {
			cur->i++;
			cur->at += LOCN_SIZE;
			return;
		}
		if (mdas && c->mdas < MAX_MDAS) {
			if (!c->mdas && off != 4096 && off != 8192 && off != 65536)
				log_print("WARNING: %s[%u].offset %llu is unexpected # for first mda",
					  field, i, (unsigned long long)off);
			c->mda_at[c->mdas] = off;
			c->mda_size[c->mdas++] = size;
		}
	}
}

static unsigned label_and_pv_header(struct pvck *c, uint64_t sector, bool *found)
{
	unsigned char lh[LABEL_SIZE];
	uint64_t base = sector * LABEL_SIZE;
	struct cursor cur = { .at = PVH_AT + 40 };
	char s[64];
	unsigned bad;

	if (!read_at(c, base, sizeof(lh), lh)) {
		log_print("CHECK: failed to read label_header at %llu", (unsigned long long)base);
		return 1;
	}
	say(c, "label_header at %llu", (unsigned long long)base);
	say(c, "label_header.id %s", shown(lh, 8, s));
	say(c, "label_header.sector %llu", (unsigned long long)le64(lh + 8));
	say(c, "label_header.crc 0x%x", le32(lh + 16));
	say(c, "label_header.offset %u", le32(lh + 20));
	say(c, "label_header.type %s", shown(lh + 24, 8, s));
	bad = check_label(lh, sector, found);
	say(c, "pv_header at %llu", (unsigned long long)(base + PVH_AT));
	say(c, "pv_header.pv_uuid %s", shown(lh + PVH_AT, ID_LEN, s));
	say(c, "pv_header.device_size %llu", (unsigned long long)le64(lh + PVH_AT + 32));
	if (!uuid_ok(lh + PVH_AT) && ++bad)
		log_print("CHECK: pv_header.pv_uuid invalid format");
	locn_list(c, lh, base, &cur, "pv_header.disk_locn", "location of data area", false);
	locn_list(c, lh, base, &cur, "pv_header.disk_locn", "location of metadata area", true);
	if (cur.at + 8 + LOCN_SIZE > LABEL_SIZE)
		return bad;
	say(c, "pv_header_extension at %llu", (unsigned long long)(base + cur.at));
	say(c, "pv_header_extension.version %u", le32(lh + cur.at));
	say(c, "pv_header_extension.flags %u", le32(lh + cur.at + 4));
	cur = (struct cursor){ .at = cur.at + 8 };
	locn_list(c, lh, base, &cur, "pv_header_extension.disk_locn", "bootloader area", false);
	return bad;
}

/* ---- metadata area header and its current text ---- */

struct text_at {
	uint64_t off, size;	/* in the area */
	uint32_t crc;
};

static unsigned check_mda_header(const unsigned char *mh, unsigned n, uint64_t at,
				 uint64_t size, bool *found)
{
	uint32_t crc = calc_crc(INITIAL_CRC, mh + 4, MDA_HEADER_SIZE - 4);
	bool magic = !memcmp(mh + 4, FMTT_MAGIC, 16);
	unsigned bad = !magic;
	char s[64];

	if (crc != le32(mh) && ++bad)
		log_print("CHECK: mda_header_%u.checksum expected 0x%x", n, crc);
	if (!magic)
		log_print("CHECK: mda_header_%u.magic expected 0x%s", n,
			  hex((const unsigned char *)FMTT_MAGIC, 16, s));
	if (le32(mh + 20) != FMTT_VERSION && ++bad)
		log_print("CHECK: mda_header_%u.version expected %u", n, FMTT_VERSION);
	if (le64(mh + 24) != at && ++bad)
		log_print("CHECK: mda_header_%u.start does not match pv_header.disk_locn.offset "
			  "%llu", n, (unsigned long long)at);
	if (le64(mh + 32) != size && ++bad)
		log_print("CHECK: mda_header_%u.size does not match pv_header.disk_locn.size %llu",
			  n, (unsigned long long)size);
	if (found)
		*found = magic;
	return bad;
}

/* raw_locn @ri (0: commit, 1: precommit) of the header @mh at @at. */
static void raw_locn(const struct pvck *c, const unsigned char *mh, unsigned n, unsigned ri,
		     uint64_t at, uint64_t size, struct text_at *t)
{
	const unsigned char *r = mh + RLOCN_AT + ri * RLOCN_SIZE;
	uint64_t off = le64(r), len = le64(r + 8);
	uint32_t flags = le32(r + 20);

	say(c, "mda_header_%u.raw_locn[%u] at %llu # %s%s", n, ri,
	    (unsigned long long)(at + RLOCN_AT + ri * RLOCN_SIZE), ri ? "precommit" : "commit",
	    off + len > size ? " wrapped" : "");
	say(c, "mda_header_%u.raw_locn[%u].offset %llu", n, ri, (unsigned long long)off);
	say(c, "mda_header_%u.raw_locn[%u].size %llu", n, ri, (unsigned long long)len);
	say(c, "mda_header_%u.raw_locn[%u].checksum 0x%x", n, ri, le32(r + 16));
	say(c, "mda_header_%u.raw_locn[%u].flags 0x%x%s", n, ri, flags,
	    flags & RAW_LOCN_IGNORED ? " # RAW_LOCN_IGNORED" : "");
	if (ri && off)
		log_print("CHECK: mda_header_%u.raw_locn[%u] for precommit not empty", n, ri);
	if ((flags & RAW_LOCN_IGNORED) || !t)
		return;
	if (len > size - MDA_HEADER_SIZE) {
		log_print("CHECK: mda_header_%u.raw_locn[%u].size larger than metadata area size",
			  n, ri);
		len = size - MDA_HEADER_SIZE;
	}
	*t = (struct text_at){ .off = off, .size = len, .crc = le32(r + 16) };
}

/* The text, which may wrap to the start of the ring (after the header). */
static char *text_read(const struct pvck *c, uint64_t at, uint64_t size, const struct text_at *t)
{
	uint64_t first = t->off + t->size > size ? size - t->off : t->size;
	char *buf = malloc(t->size + 1);

	if (!buf)
		return NULL;
	if (!read_at(c, at + t->off, first, buf) ||
	    (first < t->size &&
	     !read_at(c, at + MDA_HEADER_SIZE, t->size - first, buf + first))) {
		free(buf);
		return NULL;
	}
	buf[t->size] = '\0';
	return buf;
}

/* The VG name and seqno of the text; false if it does not parse. */
static bool text_names(char *text, size_t len, char *vg, size_t vglen, uint32_t *seqno)
{
	struct dm_config_tree *cft = dm_config_create();
	bool ok = cft && dm_config_parse_without_dup_node_check(cft, text, text + len);

	*seqno = 0;
	snprintf(vg, vglen, "?");
	if (ok && cft->root && cft->root->key)
		snprintf(vg, vglen, "%s", cft->root->key);
	if (ok && cft->root && cft->root->child)
		dm_config_get_uint32(cft->root->child, "seqno", seqno);
	if (cft)
		dm_config_destroy(cft);
	return ok;
}

static unsigned text_write(const char *file, const char *text)
{
	FILE *f = fopen(file, "wx");

	if (!f) {
		log_error("Failed to create file %s", file);
		return 0;
	}
	fputs(text, f);
	fclose(f);
	return 0;
}

static unsigned current_text(const struct pvck *c, unsigned n, uint64_t at, uint64_t size,
			     const struct text_at *t, bool show, const char *file)
{
	char *text = text_read(c, at, size, t), vg[NAME_MAX + 1];
	uint32_t crc, seqno;
	unsigned bad = 0;

	if (!text) {
		log_print("CHECK: failed to read metadata text at mda_header_%u.raw_locn[0].offset "
			  "%llu size %llu", n, (unsigned long long)t->off,
			  (unsigned long long)t->size);
		return 1;
	}
	crc = calc_crc(INITIAL_CRC, text, t->size);
	if (crc != t->crc && ++bad)
		log_print("CHECK: metadata text at %llu crc does not match "
			  "mda_header_%u.raw_locn[0].checksum", (unsigned long long)(at + t->off), n);
	if (!text_names(text, t->size, vg, sizeof(vg), &seqno) && ++bad)
		log_print("CHECK: failed to parse metadata text at %llu size %llu",
			  (unsigned long long)(at + t->off), (unsigned long long)t->size);
	if (c->print || show)
		log_print("metadata text at %llu crc 0x%x # vgname %s seqno %u",
			  (unsigned long long)(at + t->off), crc, vg, seqno);
	if (show && file) {
		bad += text_write(file, text);
	} else if (show) {
		log_print("---");
		printf("%s\n", text);
		log_print("---");
	}
	free(text);
	return bad;
}

/* The metadata area @i: its header checked (and printed), its current
 * text checked (and shown with @show); *@sum0 the commit checksum. */
static unsigned mda(const struct pvck *c, unsigned i, bool *found, uint32_t *sum0, bool show,
		    const char *file)
{
	uint64_t at = c->mda_at[i], size = c->mda_size[i];
	unsigned n = at == 4096 ? 1 : 2, bad;
	unsigned char mh[MDA_HEADER_SIZE];
	struct text_at t = { 0 };
	char s[64];

	*sum0 = 0;
	if (!read_at(c, at, sizeof(mh), mh)) {
		log_print("CHECK: failed to read mda_header at %llu", (unsigned long long)at);
		return 1;
	}
	say(c, "mda_header_%u at %llu # metadata area", n, (unsigned long long)at);
	say(c, "mda_header_%u.checksum 0x%x", n, le32(mh));
	say(c, "mda_header_%u.magic 0x%s", n, hex(mh + 4, 16, s));
	say(c, "mda_header_%u.version %u", n, le32(mh + 20));
	say(c, "mda_header_%u.start %llu", n, (unsigned long long)le64(mh + 24));
	say(c, "mda_header_%u.size %llu", n, (unsigned long long)le64(mh + 32));
	bad = check_mda_header(mh, n, at, size, found);
	raw_locn(c, mh, n, 0, at, size, &t);
	*sum0 = t.crc;
	raw_locn(c, mh, n, 1, at, size, NULL);
	if (t.off)
		bad += current_text(c, n, at, size, &t, show, file);
	return bad;
}

/* ---- the three forms ---- */

static int summary(struct pvck *c, uint64_t sector)
{
	bool label = false, head[MAX_MDAS] = { false };
	unsigned bad = label_and_pv_header(c, sector, &label);
	uint32_t sum;

	for (unsigned i = 0; label && i < c->mdas; i++)
		bad += mda(c, i, &head[i], &sum, false, NULL);
	if (!label) {
		log_error("Could not find LVM label on %s", c->name);
		c->erred = true;
		return EFAILED;
	}
	log_print("Found label on %s, sector %llu, type=LVM2 001", c->name,
		  (unsigned long long)sector);
	for (unsigned i = 0; i < c->mdas; i++)
		if (head[i])
			log_print("Found text metadata area: offset=%llu, size=%llu",
				  (unsigned long long)c->mda_at[i], (unsigned long long)c->mda_size[i]);
	return bad ? EFAILED : ECMD_OK;
}

static int dump_headers(struct pvck *c, uint64_t sector)
{
	uint32_t sum[MAX_MDAS] = { 0 };
	bool label;
	unsigned bad;

	c->print = true;
	bad = label_and_pv_header(c, sector, &label);
	if (!c->mdas) {
		log_print("zero metadata copies");
		return ECMD_OK;
	}
	for (unsigned i = 0; i < c->mdas; i++)
		bad += mda(c, i, NULL, &sum[i], false, NULL);
	if (c->mdas > 1 && sum[0] && sum[1] && sum[0] != sum[1])
		log_print("CHECK: mdas have different raw_locn[0].checksum values");
	if (!bad)
		return ECMD_OK;
	log_error("Found bad header or metadata values.");
	return EFAILED;
}

static int dump_metadata(struct pvck *c, const struct args *a, uint64_t sector)
{
	uint64_t which = 1;
	uint32_t sum;
	bool label;
	unsigned bad = label_and_pv_header(c, sector, &label);

	if (!c->mdas) {
		log_print("zero metadata copies");
		return ECMD_OK;
	}
	if (arg_uint64(a, OPT_PVMETADATACOPIES, 1, &which))
		return EINVALID;
	if (which == 2 && c->mdas < 2 && ++bad)
		log_print("CHECK: second mda not found");
	else if (which == 1 || which == 2)
		bad += mda(c, (unsigned)which - 1, NULL, &sum, true, arg_str(a, OPT_FILE, NULL));
	if (!bad)
		return ECMD_OK;
	log_error("Found bad header or metadata values.");
	return EFAILED;
}

/* ---- the command ---- */

static int open_dev(struct cmd *cmd, struct pvck *c, const char *arg, bool files)
{
	struct device *dev;
	struct stat st;

	if (files && stat(arg, &st)) {
		log_error("Cannot access %s.", arg);
		return EFAILED;
	}
	if (files && S_ISREG(st.st_mode)) {
		c->name = arg;
	} else if ((dev = dev_get(cmd, arg))) {
		c->name = dev->path;
	} else {
		log_error("Cannot use %s: %s.", arg, access(arg, F_OK) ?
			  "device not found" : "device is rejected by filter config");
		return EFAILED;
	}
	if ((c->fd = open(c->name, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("Cannot use %s: %s.", arg, strerror(errno));
		return EFAILED;
	}
	return ECMD_OK;
}

static int pvck_dump(struct cmd *cmd, const struct args *a, uint64_t sector)
{
	const char *dump = arg_str(a, OPT_DUMP, "");
	struct pvck c = { .fd = -1 };
	int r;

	if (strcmp(dump, "headers") && strcmp(dump, "metadata")) {
		log_error("pvck --dump %s is not supported by plvm (headers and metadata are).",
			  dump);
		return EFAILED;
	}
	if (a->argc > 1) {
		log_error("Command does not accept argument: %s.", a->argv[1]);
		return EINVALID;
	}
	if (!a->argc) {		/* LVM2 shows the form --dump belongs to */
		log_error("No command with matching syntax recognised.  Run 'pvck --help' for "
			  "more information.");
		log_error("Nearest similar command has syntax:");
		printf("  pvck --dump headers|metadata|metadata_all|metadata_search PV\n"
		       "  Check and print LVM headers and metadata on a device\n\n");
		return EINVALID;
	}
	if ((r = open_dev(cmd, &c, a->argv[0], true)))
		return r;
	r = !strcmp(dump, "headers") ? dump_headers(&c, sector) : dump_metadata(&c, a, sector);
	close(c.fd);
	return r;
}

int cmd_pvck(struct cmd *cmd, struct args *a)
{
	uint64_t sector = 1;
	bool erred = false;
	int r, ret = ECMD_OK;

	if (arg_uint64(a, OPT_LABELSECTOR, 1, &sector))
		return EINVALID;
	if ((r = dev_scan(cmd)) < 0) {
		log_error("Failed to scan devices: %s.", strerror(-r));
		return EFAILED;
	}
	if (arg_is_set(a, OPT_DUMP))
		return pvck_dump(cmd, a, sector);
	if (!a->argc) {
		log_error("No command with matching syntax recognised.  Run 'pvck --help' for more "
			  "information.");
		return EINVALID;
	}
	if (a->argc == 1 && access(a->argv[0], F_OK)) {
		log_error("Cannot access device %s.", a->argv[0]);
		return EFAILED;
	}
	for (int i = 0; i < a->argc; i++) {
		struct pvck c = { .fd = -1 };

		if (open_dev(cmd, &c, a->argv[i], false)) {
			erred = true;
			continue;	/* as LVM2: said, but not a failure */
		}
		if (summary(&c, sector))
			ret = EFAILED;
		erred |= c.erred;
		close(c.fd);
	}
	/* LVM2 says a failure that only CHECK lines explained */
	if (ret && !erred)
		log_error("Command failed with status code %d.", ret);
	return ret;
}
