/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

int main(void)
{
	fprintf(stderr, "plvm: not implemented yet\n");
	return 5;
}
