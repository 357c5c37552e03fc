// SPDX-License-Identifier: GPL-2.0
/*
 * lib-tables: the names lib/ declares, printed for scripts/vmtest as JSON, so
 * that the test bed takes them from the tables the module, the reporter and
 * the shim are built from instead of reading C source with regular
 * expressions: the firmware registers (fwp_reg_names, which --set-reg takes
 * and the shim sets), the hardware registers (fwp_hwregs, named as the module
 * names its files) and how many CPU implementations DISCOVER_IMPL announces.
 */
#include <stdio.h>

#include "fwprobe_core.h"
#include "fwprobe_hwregs.h"

static void list(const char *key, const char *const *names, unsigned int n, const char *sep)
{
	unsigned int i;

	printf("  \"%s\": [", key);
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i ? ", " : "", names[i]);
	printf("]%s\n", sep);
}

int main(void)
{
	const char *hw[FWP_HW_NR];
	unsigned int i;

	for (i = 0; i < FWP_HW_NR; i++)
		hw[i] = fwp_hwregs[i].name;
	printf("{\n");
	list("registers", fwp_reg_names, FWP_REG_NR, ",");
	list("hw_registers", hw, FWP_HW_NR, ",");
	printf("  \"max_impls\": %d\n}\n", FWP_MAX_IMPLS);
	return 0;
}
