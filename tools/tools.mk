# fwprobe(1), the reporter: native and static arm64 builds, its tests (kselftest
# TAP), a libFuzzer target for the machine-type loader, and a micro-benchmark.
# Included by the top-level Makefile, which defines B, KSFT, HOST_CC, ...

FWPROBE_SRCS := $(addprefix tools/,fwprobe.c model.c reader.c hwregs.c hwreg_desc.c services.c registers.c diff.c \
		drift.c hwdiff.c machine_type.c atomic_write.c report.c render.c render_text.c render_json.c render_prom.c \
		sysfs_io.c vector_lengths.c) \
		lib/fwprobe_core.c lib/fwprobe_abi.c lib/fwprobe_hwregs.c lib/fwprobe_safety.c
# --vmm-settings: a machine-type file as VMM settings.
FWPROBE_SRCS += tools/vmm_settings.c
# Everything but main(): what the unit tests link against.
FWPROBE_LIB_SRCS := $(filter-out tools/fwprobe.c,$(FWPROBE_SRCS))
FWPROBE_HDRS := $(wildcard tools/*.h lib/*.h) tools/tools.mk
FWPROBE_LIBS := -lsysfs -ljansson
# The harness's own macros leave parameters unused; nothing else is relaxed.
REPORTER_TEST_CFLAGS = $(HOST_CFLAGS) -Wno-unused-parameter -Itools -I$(KSFT)

$(B)/host/fwprobe: $(FWPROBE_SRCS) $(FWPROBE_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Itools -o $@ $(FWPROBE_SRCS) $(FWPROBE_LIBS)

$(B)/arm64/fwprobe: $(FWPROBE_SRCS) $(FWPROBE_HDRS)
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -Itools -o $@ $(FWPROBE_SRCS) $(CROSS_LDLIBS) $(FWPROBE_LIBS)

$(B)/host/test_reporter: tests/reporter/test_reporter.c $(FWPROBE_LIB_SRCS) $(FWPROBE_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -o $@ $< $(FWPROBE_LIB_SRCS) $(FWPROBE_LIBS)

# End-to-end: runs build/host/fwprobe, so it depends on it.
$(B)/host/test_reporter_cli: tests/reporter/test_cli.c tests/reporter/run_fwprobe.h $(B)/host/fwprobe
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -o $@ $< -ljansson

# Every output format on every fixture, byte for byte against tests/reporter/golden/.
$(B)/host/test_golden: tests/reporter/test_golden.c tests/reporter/run_fwprobe.h $(B)/host/fwprobe
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -o $@ $<

# The machine-type schema against lib's and tools' tables, and a real JSON
# Schema validator (Debian's python3-jsonschema) on fixtures and --save output.
$(B)/host/test_schema: tests/reporter/test_schema.c tests/reporter/run_fwprobe.h tests/reporter/schema_validate.py tests/reporter/schema_validate.h \
		Documentation/machine-type.schema.json $(FWPROBE_LIB_SRCS) $(FWPROBE_HDRS) $(B)/host/fwprobe
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -o $@ $< $(FWPROBE_LIB_SRCS) $(FWPROBE_LIBS)

# lib/fwprobe_layout.h: a tree laid out from it, read back by the binary; the ABI document.
$(B)/host/test_layout: tests/reporter/test_layout.c tests/reporter/run_fwprobe.h \
		Documentation/ABI/testing/sysfs-class-fwprobe $(FWPROBE_LIB_SRCS) $(FWPROBE_HDRS) $(B)/host/fwprobe
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -o $@ $< $(FWPROBE_LIB_SRCS) $(FWPROBE_LIBS)

# --vmm-settings: unit tests of the formats, and the binary end to end.
$(B)/host/test_vmm_settings: tests/reporter/test_vmm_settings.c tests/reporter/run_fwprobe.h $(FWPROBE_LIB_SRCS) $(FWPROBE_HDRS) $(B)/host/fwprobe
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -o $@ $< $(FWPROBE_LIB_SRCS) $(FWPROBE_LIBS)

# --prometheus: the binary end to end, promtool on its output and on the
# alerting rules (promtool from scripts/setup promtool; $$PROMTOOL overrides).
$(B)/host/test_prom: tests/reporter/test_prom.c tests/reporter/run_fwprobe.h $(B)/host/fwprobe
	@mkdir -p $(@D)
	$(HOST_CC) $(REPORTER_TEST_CFLAGS) -DPROMTOOL='"$(CACHE)/promtool/promtool"' -o $@ $<

GUEST_TOOLS += $(B)/arm64/fwprobe
UNIT_TESTS += $(B)/host/test_reporter $(B)/host/test_reporter_cli $(B)/host/test_golden $(B)/host/test_schema
UNIT_TESTS += $(B)/host/test_layout
UNIT_TESTS += $(B)/host/test_vmm_settings $(B)/host/test_prom

# libFuzzer on mt_load_buffer(); crash artefacts stay under $(B)/fuzz.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SRCS := tests/reporter/fuzz_machine_type.c tools/machine_type.c tools/atomic_write.c tools/registers.c \
	     tools/hwreg_desc.c tools/vector_lengths.c lib/fwprobe_core.c lib/fwprobe_abi.c \
	     lib/fwprobe_hwregs.c

$(B)/fuzz/fuzz_machine_type: $(FUZZ_SRCS) $(FWPROBE_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) -g -O1 -D_GNU_SOURCE -Ilib -Itools \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ $(FUZZ_SRCS) -ljansson

.PHONY: fuzz-reporter bench-reporter
fuzz: fuzz-reporter
fuzz-reporter: $(B)/fuzz/fuzz_machine_type
	@tests/reporter/fuzz.sh $< $(FUZZ_SECONDS) $(B)/fuzz/machine_type \
		tests/reporter/fixtures/machine-types

bench-reporter: $(B)/host/fwprobe
	@tests/reporter/bench.sh $< 200 $(B)/bench
