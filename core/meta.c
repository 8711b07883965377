/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder: not written yet */
