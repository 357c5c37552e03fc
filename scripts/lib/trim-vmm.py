#!/usr/bin/env python3
"""Copy qemu-system-aarch64 and the closure of its shared libraries out of an
extracted arm64 Debian tree, keeping their paths, so L1's initramfs carries
tens of megabytes instead of the whole tree."""
import os
import re
import shutil
import subprocess
import sys

LIB_DIRS = ["usr/lib/aarch64-linux-gnu", "lib/aarch64-linux-gnu", "usr/lib", "lib"]


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def find_lib(tree, name):
    for d in LIB_DIRS:
        cand = os.path.join(tree, d, name)
        if os.path.exists(cand):
            return os.path.join(d, name)
    sys.exit(f"trim-vmm: {name} not found in {tree}")


def copy(tree, out, rel):
    """Copy rel, following symlinks inside the tree, keeping each link."""
    src, dst = os.path.join(tree, rel), os.path.join(out, rel)
    if os.path.lexists(dst):
        return
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if os.path.islink(src):
        target = os.readlink(src)
        os.symlink(target, dst)
        nxt = target.lstrip("/") if target.startswith("/") else os.path.normpath(
            os.path.join(os.path.dirname(rel), target))
        copy(tree, out, nxt)
    else:
        shutil.copy2(src, dst)


def main(tree, out):
    shutil.rmtree(out, ignore_errors=True)
    todo, seen = ["usr/bin/qemu-system-aarch64"], set()
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        copy(tree, out, rel)
        todo += [find_lib(tree, n) for n in needed(os.path.join(tree, rel))]
    copy(tree, out, "usr/lib/ld-linux-aarch64.so.1"
         if os.path.exists(os.path.join(tree, "usr/lib/ld-linux-aarch64.so.1"))
         else "lib/ld-linux-aarch64.so.1")
    for link in ("lib", "bin"):
        if not os.path.lexists(os.path.join(out, link)):
            os.symlink("usr/" + link, os.path.join(out, link))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs
               if not os.path.islink(os.path.join(d, f)))
    print(f"trim-vmm: {len(seen)} files, {size // 1048576} MiB", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
