/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plvm/segtype.h"

const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(linear)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(linear)(uint32_t maj, uint32_t min)
{
	return NULL;	/* placeholder */
}
