/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLVM_REPORT_H
#define PLVM_REPORT_H
/* placeholder: the command table and argument parser go here */
#endif
