// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe.ko is built from this one translation unit, the way kernel/sched/
 * builds from build_policy.c and build_utility.c: each concern keeps its own
 * file, and the compiler reads the kernel's headers once instead of once per
 * file. The kernel headers, not our code, are most of each compile, and
 * fwprobe-dkms compiles the module on every fleet guest, for every kernel it
 * installs, often on one small vCPU. Measured (6.1 headers, gcc 12, make -j1,
 * this machine natively): 6.3 s against 11.6 s for ten objects; the module
 * itself is the same code.
 *
 * The price: a file here may lean on a header an earlier file included. The
 * lib/ files are still compiled alone for the host (tools/, tests/core/),
 * which keeps their own includes honest.
 */
#include "fwprobe_main.c"
#include "fwprobe_sysfs.c"
#include "fwprobe_hw.c"
#include "fwprobe_boot.c"
#include "fwprobe_safety.c"
#include "../lib/fwprobe_core.c"
#include "../lib/fwprobe_abi.c"
#include "../lib/fwprobe_hwregs.c"
#include "../lib/fwprobe_madt.c"
#include "../lib/fwprobe_safety.c"
