// SPDX-License-Identifier: GPL-2.0
/*
 * fwprobe: publish the SMCCC services a guest really sees.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/sysfs.h>

static struct kobject *fwprobe_kobj;
static unsigned long smccc_version_a0;

static ssize_t smccc_version_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%lx\n", smccc_version_a0);
}
static struct kobj_attribute smccc_version_attr = __ATTR_RO(smccc_version);

static struct attribute *fwprobe_attrs[] = {
	&smccc_version_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(fwprobe);

static int __init fwprobe_init(void)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_invoke(ARM_SMCCC_VERSION_FUNC_ID, &res);
	smccc_version_a0 = res.a0;
	fwprobe_kobj = kobject_create_and_add("fwprobe", kernel_kobj);
	if (!fwprobe_kobj)
		return -ENOMEM;
	if (sysfs_create_groups(fwprobe_kobj, fwprobe_groups)) {
		kobject_put(fwprobe_kobj);
		return -ENOMEM;
	}
	return 0;
}

static void __exit fwprobe_exit(void)
{
	sysfs_remove_groups(fwprobe_kobj, fwprobe_groups);
	kobject_put(fwprobe_kobj);
}

module_init(fwprobe_init);
module_exit(fwprobe_exit);
MODULE_DESCRIPTION("SMCCC hypervisor service discovery");
MODULE_LICENSE("GPL");
