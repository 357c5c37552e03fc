// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe: find out, from inside an arm64 guest, which hypervisor services it
 * really sees through SMCCC, reconstruct the KVM firmware pseudo-registers the
 * VMM must have set, and publish it all in /sys/class/fwprobe/fwprobe0.
 *
 * Probing lives in lib/fwprobe_core.c; this file supplies the conduit, clocks
 * and counters, publishes snapshots with RCU and runs the drift watch.
 *
 * Locks, in the order they may nest (an arrow also means "may wait for"):
 *
 *   param lock (kernel_param_lock(THIS_MODULE)) -> watch work -> fwprobe_lock
 *   CPU hotplug lock -> hotplug callbacks (which only queue the hotplug work)
 *   hotplug work -> CPU hotplug lock (read) ; hotplug work -> fwprobe_lock
 *
 * - The param lock guards drift_watch_ms and fwprobe_watching, and so the
 *   arming and cancelling of the watch work. The kernel holds it around
 *   drift_watch_set(); init and exit take it to start and stop the watch.
 * - fwprobe_lock guards probing, fwprobe_generation, publishing
 *   fwprobe_current, fwprobe_dev and the layout of the optional files. Only
 *   fwprobe_rescan() and init/exit take it, never around a wait for the watch
 *   work or for the removal of a file some path holding it may run in.
 * - Readers (every show()) take no lock: RCU only.
 * - The CPU hotplug lock (cpus_read_lock()) is taken only by
 *   fwprobe_read_hw(), before fwprobe_lock and never under it. The hotplug
 *   core holds it for writing around fwprobe_cpu_changed(), which takes no
 *   lock and waits for nothing: it queues fwprobe_hotplug_work, whose rescan
 *   then reads the vCPU that came online (or records the one that left).
 *
 * Rules that keep every pair of insmod, rmmod, a rescan write, the watch
 * work, the parameter setter and readers free of deadlock:
 * 1. No path removes or re-creates a file it runs in. A rescan adds or
 *    removes single files of the named groups only; rescan lives in the
 *    top-level group, which only device_unregister() removes, with no lock
 *    held, after fwprobe_dev was cleared so that a rescan in flight (which
 *    that removal waits for) no longer touches the layout.
 * 2. No lock is held while waiting for work that takes it: the watch work
 *    takes only fwprobe_lock, and is cancelled with the param lock at most.
 * 3. Removing a file waits for its running show()s; they take no lock, so
 *    fwprobe_lock may be held for it.
 * 4. The watch is armed only while fwprobe_watching, which is true only
 *    between the device's registration and the start of exit; exit clears it
 *    under the param lock before cancelling, so no setter re-arms it later.
 * 5. The hotplug callbacks are removed (cpuhp_remove_state_nocalls(), which
 *    waits for a running one) before the hotplug work is cancelled, and
 *    both before the device goes: no work is queued after the cancel.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/cpuhotplug.h>
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <asm/arch_timer.h>

#include "fwprobe.h"

struct fwprobe_snap __rcu *fwprobe_current;
static DEFINE_MUTEX(fwprobe_lock);	/* see the lock order at the top */
static u64 fwprobe_generation;		/* fwprobe_lock */
static struct device *fwprobe_dev;	/* fwprobe_lock; NULL while not registered */

static unsigned int drift_watch_ms;	/* param lock; the work reads it once */
static bool fwprobe_watching;		/* param lock */
static void fwprobe_watch(struct work_struct *work);
static DECLARE_DELAYED_WORK(fwprobe_watch_work, fwprobe_watch);
static void fwprobe_hotplug(struct work_struct *work);
static DECLARE_WORK(fwprobe_hotplug_work, fwprobe_hotplug);
static enum cpuhp_state fwprobe_cpuhp_state;	/* init and exit only */

static void fwprobe_invoke(void *ctx, u32 fn, u64 a1, u64 a2, u64 a3, u64 res[4])
{
	struct arm_smccc_res r;

	arm_smccc_1_1_invoke(fn, a1, a2, a3, &r);
	res[0] = r.a0;
	res[1] = r.a1;
	res[2] = r.a2;
	res[3] = r.a3;
}

static void fwprobe_invoke_1_2(void *ctx, u32 fn, u64 a1, u64 res[18])
{
	struct arm_smccc_1_2_regs args = { .a0 = fn, .a1 = a1 }, out = { .a0 = ~0UL };

	/* The 1.2 helpers do not check the conduit themselves: honour it here. */
	switch (arm_smccc_1_1_get_conduit()) {
	case SMCCC_CONDUIT_HVC:
		arm_smccc_1_2_hvc(&args, &out);
		break;
	case SMCCC_CONDUIT_SMC:
		arm_smccc_1_2_smc(&args, &out);
		break;
	default:
		break;
	}
	memcpy(res, &out, 18 * sizeof(u64));
}

static u64 fwprobe_read_counter(void *ctx, bool physical)
{
	return physical ? __arch_counter_get_cntpct() : __arch_counter_get_cntvct();
}

static s64 fwprobe_realtime_ns(void *ctx)
{
	return ktime_get_real_ns();
}

static u64 fwprobe_monotonic_ns(void *ctx)
{
	return ktime_get_ns();
}

static enum fwp_conduit fwprobe_conduit(void)
{
	switch (arm_smccc_1_1_get_conduit()) {
	case SMCCC_CONDUIT_HVC:
		return FWP_CONDUIT_HVC;
	case SMCCC_CONDUIT_SMC:
		return FWP_CONDUIT_SMC;
	default:
		return FWP_CONDUIT_NONE;
	}
}

/** struct fwprobe_changes - what differs between two snapshots. */
struct fwprobe_changes {
	unsigned long regs;	/* firmware registers: a bit per enum fwp_reg_id */
	u64 hw[2];		/* hardware registers: a bit per enum fwp_hwreg */
	bool online;		/* the set of online vCPUs */
	bool safety;		/* the verdict, or what it found lost */
};

/* Per-vCPU registers of @cpu (online in both snapshots), or the per-VM ones. */
static bool fwprobe_hw_has(const struct fwp_hw_view *hw, unsigned int cpu, unsigned int r)
{
	return r < FWP_HW_PER_VCPU ? fwp_hw_bit(hw->cpu[cpu].present, r) :
				     fwp_hw_bit(hw->vm_present, r);
}

static u64 fwprobe_hw_value(const struct fwp_hw_view *hw, unsigned int cpu, unsigned int r)
{
	return r < FWP_HW_PER_VCPU ? hw->cpu[cpu].reg[r] : hw->vm[r];
}

/* A safety table's bitmap of what is lost, or needed, now. */
static const u64 *fwprobe_safety_now(const struct fwp_safety *sf, enum fwp_safety_table t)
{
	static const size_t now[FWP_SAFETY_TABLES] = {
#define FWP_SAFETY_TABLE(_table, _kind, _boot, _now, _boot_file, _now_file)	\
		[FWP_SAFETY_##_table] = offsetof(struct fwp_safety, _now),
#include "fwprobe_safety_table_list.h"
#undef FWP_SAFETY_TABLE
	};

	return (const u64 *)((const char *)sf + now[t]);
}

/*
 * A register changed when it appeared, vanished or changed value on a vCPU
 * read by both probes; a vCPU that went offline or came online changes the
 * online set, not its registers.
 */
static bool fwprobe_find_changes(const struct fwp_snapshot *old, const struct fwp_snapshot *new,
				 struct fwprobe_changes *c)
{
	const struct fwp_hw_view *was = &old->hw, *now = &new->hw;
	unsigned int i, cpu;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < FWP_REG_NR; i++)
		if (old->regs[i].determined != new->regs[i].determined ||
		    old->regs[i].value != new->regs[i].value)
			c->regs |= BIT(i);
	c->online = !bitmap_equal(was->online, now->online, now->ncpus);
	c->safety = old->safety.verdict != new->safety.verdict;
	for (i = 0; i < FWP_SAFETY_TABLES; i++)
		c->safety |= !!memcmp(fwprobe_safety_now(&old->safety, i),
				      fwprobe_safety_now(&new->safety, i),
				      BITS_TO_U64(fwp_safety_count(i)) * sizeof(u64));
	for (i = FWP_HW_PER_VCPU; i < FWP_HW_NR; i++)
		if (fwprobe_hw_has(was, 0, i) != fwprobe_hw_has(now, 0, i) ||
		    fwprobe_hw_value(was, 0, i) != fwprobe_hw_value(now, 0, i))
			fwp_hw_set(c->hw, i);
	for (cpu = 0; cpu < now->ncpus; cpu++) {
		if (!test_bit(cpu, was->online) || !test_bit(cpu, now->online))
			continue;
		for (i = 0; i < FWP_HW_PER_VCPU; i++)
			if (fwprobe_hw_has(was, cpu, i) != fwprobe_hw_has(now, cpu, i) ||
			    fwprobe_hw_value(was, cpu, i) != fwprobe_hw_value(now, cpu, i))
				fwp_hw_set(c->hw, i);
	}
	return c->regs || c->hw[0] || c->hw[1] || c->online || c->safety;
}

/* Append ",name" to a uevent variable; a name that does not fit whole is left out. */
static void fwprobe_add_name(char *list, size_t len, const char *name)
{
	size_t used = strlen(list);
	bool first = list[used - 1] == '=';

	if (used + !first + strlen(name) >= len)
		return;
	if (!first)
		strlcat(list, ",", len);
	strlcat(list, name, len);
}

/*
 * FWPROBE_SAFETY: the verdict, in every change uevent; FWPROBE_UNSAFE: what
 * an unsafe guest lost or needs (capability, erratum workaround, HWCAP and
 * live names; cut short past 256).
 */
static void fwprobe_notify_safety(const struct fwp_safety *sf, char *verdict, size_t vlen,
				  char *lost, size_t llen)
{
	unsigned int t, i;

	snprintf(verdict, vlen, "FWPROBE_SAFETY=%s", fwp_verdict_names[sf->verdict]);
	strscpy(lost, "FWPROBE_UNSAFE=", llen);
	for (t = 0; t < FWP_SAFETY_TABLES; t++)
		for (i = 0; i < fwp_safety_count(t); i++)
			if (fwp_hw_bit(fwprobe_safety_now(sf, t), i))
				fwprobe_add_name(lost, llen, fwp_safety_name(t, i));
}

static void fwprobe_notify(const struct fwprobe_changes *c, const struct fwp_snapshot *s)
{
	char regs[512] = "FWPROBE_CHANGED=", gen[40], online[256], verdict[40], lost[256];
	char *envp[6] = { regs, gen, verdict, NULL, NULL, NULL };
	int i, n = 3;

	/* The vCPUs online now, when that changed ("0-3,5"; cut short past 256). */
	if (c->online) {
		snprintf(online, sizeof(online), "FWPROBE_VCPUS_ONLINE=%*pbl", (int)s->hw.ncpus,
			 s->hw.online);
		envp[n++] = online;
	}
	fwprobe_notify_safety(&s->safety, verdict, sizeof(verdict), lost, sizeof(lost));
	if (s->safety.verdict == FWP_VERDICT_UNSAFE)
		envp[n++] = lost;
	/*
	 * Also in the kernel log: when a vCPU lost the SVE length tasks use,
	 * the kernel kills them, and the uevent's listeners may be among them.
	 */
	if (c->safety && s->safety.verdict == FWP_VERDICT_UNSAFE)
		pr_crit("unsafe to keep running: %s\n", lost + strlen("FWPROBE_UNSAFE="));

	for (i = 0; i < FWP_REG_NR; i++)
		if (c->regs & BIT(i))
			fwprobe_add_name(regs, sizeof(regs), fwp_reg_names[i]);
	for (i = 0; i < FWP_HW_NR; i++)
		if (fwp_hw_bit(c->hw, i))
			fwprobe_add_name(regs, sizeof(regs), fwp_hwregs[i].name);
	snprintf(gen, sizeof(gen), "FWPROBE_GENERATION=%llu", s->generation);
	kobject_uevent_env(&fwprobe_dev->kobj, KOBJ_CHANGE, envp);
}

/**
 * fwprobe_rescan() - probe again and publish the result atomically
 *
 * Readers see either the previous snapshot or the new one, never a mix, and
 * the optional files follow (fwprobe_layout()). When a reconstructed firmware
 * register or a hardware register changed, a KOBJ_CHANGE uevent names them.
 *
 * Context: process context; takes fwprobe_lock. Called from init, a write to
 * rescan and the watch work.
 * Return: 0, or -ENOMEM.
 */
int fwprobe_rescan(void)
{
	struct fwp_env env = {
		.conduit = fwprobe_conduit(),
		.invoke = fwprobe_invoke,
		.invoke_1_2 = fwprobe_invoke_1_2,
		.read_counter = fwprobe_read_counter,
		.realtime_ns = fwprobe_realtime_ns,
		.monotonic_ns = fwprobe_monotonic_ns,
	};
	struct fwprobe_changes changes;
	struct fwprobe_snap *new, *old;
	u64 start;

	/* Every possible vCPU's registers, then the online bitmap: kvzalloc(). */
	new = kvzalloc(struct_size(new, cpus, nr_cpu_ids) +
		       BITS_TO_LONGS(nr_cpu_ids) * sizeof(unsigned long), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->s.hw.ncpus = nr_cpu_ids;
	new->s.hw.cpu = new->cpus;
	new->s.hw.online = (unsigned long *)&new->cpus[nr_cpu_ids];

	/* The snapshot is still private: read the hardware before taking the lock. */
	start = ktime_get_ns();
	fwprobe_read_hw(&new->s.hw);
	new->s.hw.duration_ns = ktime_get_ns() - start;
	start = ktime_get_ns();
	fwprobe_safety_boot(&new->s.safety);
	fwp_safety_eval(&new->s.safety, &new->s.hw);
	new->s.safety.duration_ns += ktime_get_ns() - start;
	mutex_lock(&fwprobe_lock);
	fwp_probe(&env, &new->s);
	new->s.generation = ++fwprobe_generation;
	old = rcu_dereference_protected(fwprobe_current, lockdep_is_held(&fwprobe_lock));
	if (fwprobe_dev && old)
		fwprobe_layout(&fwprobe_dev->kobj, &new->s, false);
	rcu_assign_pointer(fwprobe_current, new);
	if (fwprobe_dev && old) {
		fwprobe_layout(&fwprobe_dev->kobj, &new->s, true);
		if (fwprobe_find_changes(&old->s, &new->s, &changes))
			fwprobe_notify(&changes, &new->s);
	}
	mutex_unlock(&fwprobe_lock);

	if (old)
		kvfree_rcu(old, rcu);
	return 0;
}

/* Re-arms itself; cancel_delayed_work_sync() stops that too. */
static void fwprobe_watch(struct work_struct *work)
{
	unsigned int ms;

	if (fwprobe_rescan())
		pr_warn_ratelimited("drift watch: probe failed\n");
	ms = READ_ONCE(drift_watch_ms);
	if (ms)
		schedule_delayed_work(&fwprobe_watch_work, msecs_to_jiffies(ms));
}

/* A vCPU came online or is going offline: read the vCPUs again, from a work item. */
static void fwprobe_hotplug(struct work_struct *work)
{
	if (fwprobe_rescan())
		pr_warn_ratelimited("vCPU hotplug: probe failed\n");
}

/*
 * Context: the hotplug core, CPU hotplug lock held for writing; on the vCPU
 * itself. The rescan waits for that lock, so it sees the vCPU's new state.
 */
static int fwprobe_cpu_changed(unsigned int cpu)
{
	queue_work(system_unbound_wq, &fwprobe_hotplug_work);
	return 0;
}

/* Context: param lock held. May wait for the watch work: hold nothing else. */
static void fwprobe_watch_arm(void)
{
	unsigned int ms = drift_watch_ms;

	if (ms && fwprobe_watching)
		mod_delayed_work(system_wq, &fwprobe_watch_work, msecs_to_jiffies(ms));
	else
		cancel_delayed_work_sync(&fwprobe_watch_work);
}

/* Context: the kernel holds the param lock (also for insmod's arguments). */
static int drift_watch_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;
	int ret = kstrtouint(val, 0, &ms);

	if (ret)
		return ret;
	WRITE_ONCE(drift_watch_ms, ms);
	if (fwprobe_watching)
		fwprobe_watch_arm();
	return 0;
}

static const struct kernel_param_ops drift_watch_ops = {
	.set = drift_watch_set,
	.get = param_get_uint,
};
module_param_cb(drift_watch_ms, &drift_watch_ops, &drift_watch_ms, 0644);
MODULE_PARM_DESC(drift_watch_ms,
		 "Re-probe every this many ms and send a change uevent on drift (0: off)");

static struct class fwprobe_class = {
	.name = "fwprobe",
};

/* The published snapshot, seen by a holder of fwprobe_lock. */
static const struct fwp_snapshot *fwprobe_locked_snapshot(void)
{
	return &rcu_dereference_protected(fwprobe_current, lockdep_is_held(&fwprobe_lock))->s;
}

static int __init fwprobe_init(void)
{
	struct device *dev;
	int ret;

	fwprobe_boot_init();
	fwprobe_hw_init();
	ret = fwprobe_sysfs_init();
	if (ret)
		goto err_hw;
	ret = fwprobe_rescan();
	if (ret)
		goto err_sysfs;
	ret = class_register(&fwprobe_class);
	if (ret)
		goto err_snap;

	/* device_create() lays the optional files out from this record. */
	mutex_lock(&fwprobe_lock);
	fwprobe_layout_sync(NULL, fwprobe_locked_snapshot());
	mutex_unlock(&fwprobe_lock);

	dev = device_create_with_groups(&fwprobe_class, NULL, MKDEV(0, 0), NULL,
					fwprobe_groups, "fwprobe0");
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto err_class;
	}

	/* A write to rescan may have published a newer snapshot meanwhile. */
	mutex_lock(&fwprobe_lock);
	fwprobe_dev = dev;
	fwprobe_layout_sync(&dev->kobj, fwprobe_locked_snapshot());
	mutex_unlock(&fwprobe_lock);

	kernel_param_lock(THIS_MODULE);
	fwprobe_watching = true;
	fwprobe_watch_arm();
	kernel_param_unlock(THIS_MODULE);

	/* Without the callbacks a vCPU is read at the next rescan instead. */
	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "fwprobe:online",
					fwprobe_cpu_changed, fwprobe_cpu_changed);
	if (ret < 0)
		pr_warn("no CPU hotplug callbacks (%d): vCPUs are read at rescans only\n", ret);
	else
		fwprobe_cpuhp_state = ret;
	return 0;

err_class:
	class_unregister(&fwprobe_class);
err_snap:
	kvfree(rcu_dereference_protected(fwprobe_current, true));
	RCU_INIT_POINTER(fwprobe_current, NULL);
err_sysfs:
	fwprobe_sysfs_exit();
err_hw:
	fwprobe_hw_exit();
	return ret;
}

static void __exit fwprobe_exit(void)
{
	struct device *dev;

	if (fwprobe_cpuhp_state)
		cpuhp_remove_state_nocalls(fwprobe_cpuhp_state);
	cancel_work_sync(&fwprobe_hotplug_work);

	kernel_param_lock(THIS_MODULE);
	fwprobe_watching = false;
	fwprobe_watch_arm();		/* cancels, and waits for a running watch */
	kernel_param_unlock(THIS_MODULE);

	/* A rescan write in flight finishes without touching the layout... */
	mutex_lock(&fwprobe_lock);
	dev = fwprobe_dev;
	fwprobe_dev = NULL;
	mutex_unlock(&fwprobe_lock);
	/* ...and removing rescan waits for it, with no lock held. */
	device_unregister(dev);
	class_unregister(&fwprobe_class);
	/* No reader is left once the files are gone; wait out kvfree_rcu()s too. */
	rcu_barrier();
	kvfree(rcu_dereference_protected(fwprobe_current, true));
	fwprobe_sysfs_exit();
	fwprobe_hw_exit();
}

module_init(fwprobe_init);
module_exit(fwprobe_exit);
MODULE_DESCRIPTION("Side-effect-free SMCCC hypervisor service discovery");
MODULE_LICENSE("GPL");
