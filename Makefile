# fwprobe. The two commands: `make demo` and `make check` (see README.md).
#
# Fragments included below add their own targets; host test binaries are
# appended to UNIT_TESTS and run by `make check` (kselftest TAP output).
KERNELS := $(shell sed -n 's/^KERNELS="\(.*\)"$$/\1/p' scripts/lib/kernels)
GUEST_KERNEL ?= 6.12
B := build
CACHE := $(or $(FWPROBE_CACHE),$(HOME)/.cache/fwprobe)
KSFT := $(CACHE)/kselftest
SYSROOT := $(CACHE)/sysroot-arm64
CROSS_CC := aarch64-linux-gnu-gcc-12
HOST_CC ?= gcc
WARN := -Wall -Wextra -Werror -std=gnu11
HOST_CFLAGS := $(WARN) -O2 -g -D_GNU_SOURCE -Ilib
# kselftest_harness.h has an unused handler parameter; nothing else is relaxed.
TEST_CFLAGS := $(HOST_CFLAGS) -I$(KSFT) -Wno-unused-parameter
CROSS_CFLAGS := $(WARN) -O2 -D_GNU_SOURCE -Ilib -I$(SYSROOT)/usr/include -static
CROSS_LDLIBS := -L$(SYSROOT)/usr/lib/aarch64-linux-gnu
UNIT_TESTS :=
GUEST_TOOLS := $(B)/arm64/kvmreg.so

.PHONY: all setup modules guest-tools unit print-unit check check-quick demo bench fuzz clean deb
# `make`: the module for every guest kernel, the reporter (host and arm64 guest).
all: setup modules guest-tools $(B)/host/fwprobe $(B)/host/lib-tables

setup:
	@scripts/setup all

modules: setup
	@for k in $(KERNELS); do scripts/build-module $$k || exit 1; done

# The register names and IDs come from lib/, as the module's and the reporter's do.
KVMREG_SRCS := $(wildcard scripts/vmtest.d/kvmreg/*.c)
$(B)/arm64/kvmreg.so: $(KVMREG_SRCS) $(wildcard scripts/vmtest.d/kvmreg/*.h) lib/fwprobe_core.c lib/fwprobe_abi.c \
		lib/fwprobe_hwregs.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CROSS_CC) -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -Ilib -shared -fPIC -o $@ \
		$(KVMREG_SRCS) lib/fwprobe_core.c lib/fwprobe_abi.c lib/fwprobe_hwregs.c -ldl -lpthread

# What scripts/vmtest takes from lib/: its tables' names, printed as JSON.
$(B)/host/lib-tables: scripts/vmtest.d/lib-tables.c lib/fwprobe_core.c lib/fwprobe_abi.c lib/fwprobe_hwregs.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ scripts/vmtest.d/lib-tables.c lib/fwprobe_core.c lib/fwprobe_abi.c \
		lib/fwprobe_hwregs.c

include tests/core/core.mk
include tests/bed/bed.mk
include tools/tools.mk
include tests/kvm/kvm.mk

guest-tools: $(GUEST_TOOLS)

unit: $(UNIT_TESTS)

print-unit:
	@echo $(UNIT_TESTS)

check:
	@scripts/check

# For iteration: builds, unit tests and one real-KVM boot per host kernel.
check-quick:
	@scripts/check --quick

demo:
	@scripts/demo

# The Debian packages fwprobe (arm64) and fwprobe-dkms (all), in build/deb/.
deb:
	@packaging/build-deb

bench:
	@scripts/bench

clean:
	rm -rf $(B)
