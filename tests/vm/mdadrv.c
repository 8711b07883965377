/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mdadrv: puts a metadata text on a PV as its committed copy, in every
 * metadata area, the way a damaged or hand-edited disk would hold it: no
 * parsing, no validation, only the ring, the slots and the checksums done
 * right (core/mda.c).  Tests use it to give plvm a VG no command of plvm
 * would write (tests/vm/t-validate.sh).
 *
 *	mdadrv put DEV FILE
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "ondisk.h"

static char *read_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET) &&
	    (buf = malloc((size_t)n + 1)))
		*len = fread(buf, 1, (size_t)n, f);
	if (buf)
		buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int put(struct device *dev, const char *text, size_t len)
{
	struct pv_label label;
	unsigned i;
	int r;

	if ((r = label_read(dev, &label)))
		return r;
	for (i = 0; i < label.mda_count; i++) {
		struct mda m = { .dev = dev, .start = label.mda[i].offset,
				 .size = label.mda[i].size };

		if ((r = mda_read_header(&m)) || (r = mda_write_text(&m, text, len)) ||
		    (r = mda_commit(&m)))
			return r;
	}
	return label.mda_count ? 0 : -ENOENT;
}

int main(int argc, char **argv)
{
	struct device *dev;
	size_t len = 0;
	char *text;
	int r;

	if (argc != 4 || strcmp(argv[1], "put")) {
		fprintf(stderr, "usage: mdadrv put DEV FILE\n");
		return 2;
	}
	if (!(text = read_text(argv[3], &len))) {
		fprintf(stderr, "mdadrv: cannot read %s\n", argv[3]);
		return 1;
	}
	if (!(dev = dev_open_file(argv[2], true))) {
		fprintf(stderr, "mdadrv: cannot open %s: %s\n", argv[2], strerror(errno));
		free(text);
		return 1;
	}
	r = put(dev, text, len);
	if (r)
		fprintf(stderr, "mdadrv: %s: %s\n", argv[2], strerror(-r));
	dev_free(dev);
	free(text);
	return r ? 1 : 0;
}
