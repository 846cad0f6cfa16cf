"""The lab's guest image: a Debian kernel and a busybox initramfs (lab/guest/init), made from a
Debian tree (the lab image's, or any with /boot/vmlinuz-*, its modules and busybox-static).

Glance registers the two as a kernel (aki) and a ramdisk (ari) and a tiny machine image (ami)
that points at them, so Nova boots the kernel directly: no bootloader, no root filesystem to
check, which is what keeps a guest emulated inside an emulated VM quick to boot."""
import gzip
import io
import re
import stat
from pathlib import Path

RECIPE_DIR = Path(__file__).resolve().parent.parent / "guest"
# The NIC driver and what it needs; the rest of the kernel's modules stay out.
NIC_MODULES = ("virtio_pci", "virtio_net")
FILES = ("vmlinuz", "initrd.gz", "disk.raw")
# The machine image's disk: unused by the initramfs, but Nova needs a root disk to attach.
DISK_SIZE = 1024 * 1024


def _depends(module_path):
    """A module's dependencies, from its .modinfo strings (no modinfo binary needed)."""
    found = re.search(rb"(?:^|\0)depends=([^\0]*)\0", module_path.read_bytes())
    return [name.decode() for name in found.group(1).split(b",") if name] if found else []


def load_order(modules_dir, wanted=NIC_MODULES):
    """Relative module paths (without .ko) of `wanted` and their dependencies, dependencies first."""
    paths = {path.stem.replace("-", "_"): path for path in modules_dir.rglob("*.ko")}
    order = []

    def visit(name):
        name = name.replace("-", "_")
        if name not in paths:
            raise FileNotFoundError(f"guest: module {name} not in {modules_dir}")
        if paths[name].relative_to(modules_dir).with_suffix("").as_posix() in order:
            return
        for dependency in _depends(paths[name]):
            visit(dependency)
        order.append(paths[name].relative_to(modules_dir).with_suffix("").as_posix())

    for name in wanted:
        visit(name)
    return order


def _entry(out, name, mode, data=b"", rdev=(0, 0)):
    """One newc cpio record (what the kernel unpacks as an initramfs)."""
    name_bytes = name.encode() + b"\0"
    fields = (0, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_bytes), 0)
    out.write(b"070701" + b"".join(b"%08X" % field for field in fields) + name_bytes)
    out.write(b"\0" * (-(110 + len(name_bytes)) % 4))
    out.write(data + b"\0" * (-len(data) % 4))


def initramfs(tree):
    """The gzipped cpio archive: busybox (and /bin/sh, a link to it), the init and DHCP scripts,
    the NIC modules, and /dev/console (the kernel opens it for init before anything is mounted)."""
    modules_dir = max((tree / "lib/modules").iterdir()) / "kernel"
    order = load_order(modules_dir)
    directories = sorted({"dev", "etc", "bin", "lib", "lib/modules"}
                         | {str(Path("lib/modules", m).parent.as_posix()) for m in order}
                         | {p.as_posix() for m in order for p in Path("lib/modules", m).parents
                            if p.as_posix() not in (".", "lib")}, key=lambda d: (d.count("/"), d))
    raw = io.BytesIO()
    for directory in directories:
        _entry(raw, directory, stat.S_IFDIR | 0o755)
    _entry(raw, "dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
    _entry(raw, "bin/busybox", stat.S_IFREG | 0o755, (tree / "bin/busybox").read_bytes())
    # The init's interpreter: it must exist before init itself runs busybox --install.
    _entry(raw, "bin/sh", stat.S_IFLNK | 0o777, b"busybox")
    _entry(raw, "init", stat.S_IFREG | 0o755, (RECIPE_DIR / "init").read_bytes())
    _entry(raw, "etc/udhcpc.sh", stat.S_IFREG | 0o755, (RECIPE_DIR / "udhcpc.sh").read_bytes())
    _entry(raw, "etc/modules.order", stat.S_IFREG | 0o644, "".join(m + "\n" for m in order).encode())
    for module in order:
        _entry(raw, f"lib/modules/{module}.ko", stat.S_IFREG | 0o644,
               (modules_dir / f"{module}.ko").read_bytes())
    _entry(raw, "TRAILER!!!", 0)
    return gzip.compress(raw.getvalue(), mtime=0)


def build(tree, out):
    """Write the guest's vmlinuz, initrd.gz and disk.raw into `out` from Debian tree `tree`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "vmlinuz").write_bytes(max(tree.glob("boot/vmlinuz-*")).read_bytes())
    (out / "initrd.gz").write_bytes(initramfs(tree))
    with open(out / "disk.raw", "wb") as disk:
        disk.truncate(DISK_SIZE)
    return out
