/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plvm-mkdoc's parts. */
#ifndef PLVM_MKDOC_H
#define PLVM_MKDOC_H

struct cmd;

/* Write to stdout the state of each option of @list (mkdoc_options.c). */
int mkdoc_options(const char *list, struct cmd *cmd);

#endif /* PLVM_MKDOC_H */
