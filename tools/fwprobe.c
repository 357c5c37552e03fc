// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe(1): report which hypervisor services (SMCCC) this arm64 guest sees,
 * as published by fwprobe.ko, and check them against a machine-type file.
 *
 * Exit status: 0 all good (or matches --expect), 1 drift (from --expect, or a
 * vCPU whose identity changed since the guest kernel booted), 2 error, 3
 * unsafe (a vCPU lost what the guest kernel or its processes rely on).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic_write.h"
#include "diff.h"
#include "format.h"
#include "machine_type.h"
#include "model.h"
#include "render.h"
#include "report.h"
#include "vmm_settings.h"

#define FWPROBE_VERSION	"1.0"

enum { EXIT_OK = 0, EXIT_DRIFT = 1, EXIT_ERROR = 2, EXIT_UNSAFE = 3 };

/* Long-only options get values no short option can have, so optopt tells them apart. */
enum { OPT_ROOT = 256, OPT_RESCAN, OPT_JSON, OPT_SAVE, OPT_EXPECT, OPT_QUIET, OPT_VMM_SETTINGS,
       OPT_PROMETHEUS };

struct options {
	const char *root, *save, *expect, *prometheus;
	bool rescan, json, quiet;
	const char *vmm_settings, *vmm_file;	/* --vmm-settings FORMAT FILE */
	int vmm_format;
};

static const char usage_text[] =
	"Usage: fwprobe [--sysfs-root DIR] [--rescan] [--json] [--save FILE]\n"
	"               [--expect FILE] [--prometheus FILE] [--quiet] [--help]\n"
	"               [--version]\n"
	"       fwprobe --vmm-settings FORMAT FILE\n"
	"\n"
	"Report the hypervisor services (SMCCC) this arm64 guest sees, as probed by\n"
	"fwprobe.ko, and the KVM firmware registers they imply.\n"
	"\n"
	"  --sysfs-root DIR  read DIR instead of " FWP_DEFAULT_ROOT "\n"
	"  --rescan          make the module probe again first (root only)\n"
	"  --json            print JSON instead of the summary\n"
	"  --save FILE       write a machine-type file of what the guest sees now\n"
	"  --expect FILE     compare with a machine-type file; exit 1 on drift\n"
	"  --prometheus FILE write Prometheus metrics of the check (for node_exporter's\n"
	"                    textfile collector); standard output is unchanged\n"
	"  --quiet           print only differences and errors\n"
	"  --vmm-settings FORMAT FILE\n"
	"                    print what a VMM sets to pin machine-type FILE, FORMAT\n"
	"                    one of" VMM_FORMATS "; reads no sysfs\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 all good, 1 drift (from --expect, or a CPU identity that changed\n"
	"since boot), 2 error, 3 unsafe (a vCPU lost what the guest kernel or its\n"
	"processes rely on since boot). See fwprobe(1).\n";

static int fail(const char *msg)
{
	fprintf(stderr, "fwprobe: %s\n", msg);
	return EXIT_ERROR;
}

/* --vmm-settings FORMAT FILE: the file alone, with no other option. */
static int vmm_options(struct options *o, int nargs, char **args, unsigned int nopts)
{
	char msg[FWP_ERR_MAX], shown[64];

	o->vmm_format = vmm_format_lookup(o->vmm_settings);
	if (o->vmm_format < 0) {
		snprintf(msg, sizeof(msg), "--vmm-settings \"%s\": unknown format; one of:" VMM_FORMATS,
			 fmt_quoted(o->vmm_settings, shown, sizeof(shown)));
		return fail(msg);
	}
	if (nargs != 1)
		return fail("--vmm-settings takes a FORMAT and one machine-type FILE: fwprobe --vmm-settings FORMAT FILE");
	if (nopts > 1)
		return fail("--vmm-settings reads the file alone and takes no other option");
	o->vmm_file = args[0];
	return -1;
}

/* Returns -1 to go on, or the exit status (help, version, usage error). */
static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "sysfs-root", required_argument, NULL, OPT_ROOT },
		{ "rescan", no_argument, NULL, OPT_RESCAN },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "save", required_argument, NULL, OPT_SAVE },
		{ "expect", required_argument, NULL, OPT_EXPECT },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "vmm-settings", required_argument, NULL, OPT_VMM_SETTINGS },
		{ "prometheus", required_argument, NULL, OPT_PROMETHEUS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	char msg[FWP_ERR_MAX], shown[64];
	unsigned int nopts = 0;
	int c;

	opterr = 0;	/* our own messages, with the "fwprobe: " prefix */
	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		nopts++;
		switch (c) {
		case OPT_ROOT:
			o->root = optarg;
			break;
		case OPT_RESCAN:
			o->rescan = true;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_SAVE:
			o->save = optarg;
			break;
		case OPT_EXPECT:
			o->expect = optarg;
			break;
		case OPT_QUIET:
			o->quiet = true;
			break;
		case OPT_VMM_SETTINGS:
			o->vmm_settings = optarg;
			break;
		case OPT_PROMETHEUS:
			o->prometheus = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case 'V':
			printf("fwprobe %s (machine-type schema %d)\n", FWPROBE_VERSION, MT_SCHEMA);
			return EXIT_OK;
		default:
			snprintf(msg, sizeof(msg), "%s: %s; run 'fwprobe --help' for the options",
				 fmt_quoted(argv[optind - 1], shown, sizeof(shown)),
				 optopt >= OPT_ROOT ? "needs an argument" : "unknown option");
			return fail(msg);
		}
	}
	if (o->vmm_settings)
		return vmm_options(o, argc - optind, argv + optind, nopts);
	if (optind < argc) {
		snprintf(msg, sizeof(msg), "unexpected argument \"%s\": fwprobe takes options only; run 'fwprobe --help'",
			 fmt_quoted(argv[optind], shown, sizeof(shown)));
		return fail(msg);
	}
	return -1;
}

/* Everything the guest shows, as the report has it: no ignore list. */
static int save(const struct options *o, const struct report *r)
{
	static struct machine_type mt;
	const struct fwp_model *m = r->m;
	const struct hw_rows *sections[] = { &r->cpu, &r->gic };
	char desc[160], ver[FMT_VERSION_MAX];
	const struct hw_row *row;
	struct fwp_err err;
	unsigned int s, i;

	memset(&mt, 0, sizeof(mt));
	mt.identity = (int)m->identity;
	if (m->boot.present) {
		mt.boot.has_tables = mt.boot.has_uefi = true;
		mt.boot.tables = m->boot.tables;
		mt.boot.uefi = m->boot.uefi;
		mt.boot.has_vendor = m->boot.vendor.present;
		mt.boot.has_version = m->boot.version.present;
		/* The module keeps FWP_BOOT_TEXT_LEN - 1 characters: they fit. */
		snprintf(mt.boot.vendor, sizeof(mt.boot.vendor), "%.*s", FWP_BOOT_TEXT_LEN - 1,
			 m->boot.vendor.s);
		snprintf(mt.boot.version, sizeof(mt.boot.version), "%.*s", FWP_BOOT_TEXT_LEN - 1,
			 m->boot.version.s);
	}
	mt.regs = m->regs;
	/* Only what the guest has: a set it lacks, or one not read, is left out. */
	if (m->vl.read)
		memcpy(mt.vl, m->vl.set, sizeof(mt.vl));
	for (s = 0; s < ARRAY_SIZE(sections); s++)
		for (i = 0; i < sections[s]->n; i++) {
			row = &sections[s]->row[i];
			mt.hw[row->reg] = *row;
			if (row->n > 1)
				mt.vcpus = row->n;
		}

	/* An offline vCPU's registers are saved as null: say so, it is not a vCPU without them. */
	if (r->noffline) {
		char offline[VCPU_LIST_MAX];

		hw_vcpu_list(m->hw.online, m->hw.ncpus, false, offline, sizeof(offline));
		fprintf(stderr, "fwprobe: vCPU%s %s offline at the probe: %s registers are saved as null; bring %s online and save again for a complete file\n",
			r->noffline > 1 ? "s" : "", offline, r->noffline > 1 ? "their" : "its",
			r->noffline > 1 ? "them" : "it");
	}
	snprintf(desc, sizeof(desc), "saved by fwprobe %s: %s guest, SMCCC %s via %s, generation %llu",
		 FWPROBE_VERSION, fwp_identity_names[m->identity],
		 fmt_version(ver, (uint32_t)m->smccc_version), fwp_conduit_names[m->conduit],
		 (unsigned long long)m->generation);
	if (mt_save(o->save, &mt, desc, &err))
		return fail(err.msg);
	return EXIT_OK;
}

/* The metrics are built in memory, so a failure leaves the old file whole. */
static int write_prometheus(const struct options *o, const struct report *r,
			    const struct expect_result *x)
{
	struct fwp_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int ret;

	if (!mem)
		return fail("cannot write the Prometheus metrics: out of memory");
	ret = render_prom(mem, r, x, time(NULL));
	if (fclose(mem) || ret) {
		free(text);
		return fail("cannot write the Prometheus metrics: out of memory");
	}
	ret = atomic_write(o->prometheus, text, len, &err);
	free(text);
	return ret ? fail(err.msg) : EXIT_OK;
}

static int print_result(const struct options *o, const struct report *r,
			const struct expect_result *x)
{
	if (o->json && (!o->quiet || x || r->nchanges || r->nunannounced)) {
		if (render_json(stdout, r, x, o->quiet))
			return fail("cannot write the JSON output: standard output closed, or out of memory or disk space");
	} else if (!o->quiet) {
		render_text(stdout, r, x);
	} else {
		render_text_drift(stdout, r, x, "");
	}
	if (fflush(stdout))
		return fail("cannot write to standard output: closed, or out of disk space?");
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct options o = { .root = FWP_DEFAULT_ROOT };
	static struct drift_report drift;
	static struct fwp_model model;
	static struct machine_type mt;
	static struct report report;
	struct expect_result x, *expect = NULL;
	struct fwp_err err;
	int ret = parse_options(argc, argv, &o);

	if (ret >= 0)
		return ret;
	/* A file size limit must fail the write (and so the save), not kill us mid-way. */
	signal(SIGXFSZ, SIG_IGN);
	if (o.vmm_file)
		return vmm_settings_print(o.vmm_format, o.vmm_file, &err) ? fail(err.msg) : EXIT_OK;
	/* Validate the file before touching the module: a typo must not cost a rescan. */
	if (o.expect && mt_load_file(o.expect, &mt, &err))
		return fail(err.msg);
	if (o.rescan && model_rescan(o.root, &err))
		return fail(err.msg);
	if (model_read(o.root, &model, &err))
		return fail(err.msg);
	if (o.expect) {
		x = (struct expect_result){ .file = o.expect, .drift = &drift };
		x.match = diff_guest(&mt, &model, &drift);
		expect = &x;
	}
	report_build(&model, &report);
	ret = print_result(&o, &report, expect);
	if (ret == EXIT_OK && o.save)
		ret = save(&o, &report);
	if (ret == EXIT_OK && o.prometheus)
		ret = write_prometheus(&o, &report, expect);
	/* A vCPU whose identity changed since boot is drift whatever the file says. */
	if (ret == EXIT_OK && ((expect && !expect->match) || report.nchanges ||
				report.nunannounced))
		ret = EXIT_DRIFT;
	/* Worse than drift, with or without a file: the guest may break any moment. */
	if ((ret == EXIT_OK || ret == EXIT_DRIFT) && model.safety.verdict == FWP_VERDICT_UNSAFE)
		ret = EXIT_UNSAFE;
	return ret;
}
