# fwprobe: see README.md. `make demo` and `make check` are the two commands.
KERNELS := 6.1 6.12 latest
GUEST_KERNEL ?= 6.12
B := build
CROSS_CC := aarch64-linux-gnu-gcc-12
SYSROOT := $(or $(FWPROBE_CACHE),$(HOME)/.cache/fwprobe)/sysroot-arm64

.PHONY: all setup modules guest-tools check demo bench clean
all: setup modules guest-tools

setup:
	@scripts/setup all

modules: setup
	@for k in $(KERNELS); do scripts/build-module $$k || exit 1; done

guest-tools: $(B)/arm64/kvmreg.so

$(B)/arm64/kvmreg.so: scripts/vmtest.d/kvmreg.c
	@mkdir -p $(@D)
	$(CROSS_CC) -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl -lpthread

clean:
	rm -rf $(B)
