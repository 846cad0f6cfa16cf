"""Build (or reuse) the lab's Debian image: debootstrap -> ext4 -> qcow2, cached by recipe hash."""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import guest
from .progress import LabError, run, step

SUITE = "bookworm"
RECIPE_DIR = Path(__file__).resolve().parent.parent / "image"
ROOT_SIZE = "6G"


def packages(name="packages.txt"):
    lines = (RECIPE_DIR / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def enabled_units(rootfs):
    """Every unit enablement link (*.wants, *.requires) under the tree's /etc/systemd/system."""
    return {path for path in (rootfs / "etc/systemd/system").glob("*.*/*") if path.is_symlink()
            and path.parent.suffix in (".wants", ".requires")}


def install_services(rootfs):
    """apt-get the services list into the tree with services kept stopped, then disable them."""
    names = packages("services.txt")
    step(f"image: apt-get {len(names)} service packages (stopped and disabled in the image)")
    policy = rootfs / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\n# Nothing starts inside the image build.\nexit 101\n")
    policy.chmod(0o755)
    before = enabled_units(rootfs)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", LC_ALL="C.UTF-8")
    run(["mount", "-t", "proc", "proc", str(rootfs / "proc")])
    try:
        # The mirror may serve a dated snapshot whose Release is past Valid-Until.
        run(["chroot", str(rootfs), "apt-get", "update", "-q",
             "-o", "Acquire::Check-Valid-Until=false"], env=env)
        run(["chroot", str(rootfs), "apt-get", "install", "-y", "-q", "--no-install-recommends",
             *names], env=env)
    finally:
        run(["umount", str(rootfs / "proc")])
    added = enabled_units(rootfs) - before
    for link in added:
        link.unlink()
    policy.unlink()
    step("image: disabled " + ", ".join(sorted({link.name for link in added})))


def recipe_hash():
    """Content hash of everything that shapes the image; a change rebuilds it."""
    digest = hashlib.sha256(SUITE.encode())
    for path in (sorted(RECIPE_DIR.iterdir()) + sorted(guest.RECIPE_DIR.iterdir())
                 + [Path(__file__), Path(guest.__file__)]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def mirror():
    """The Debian mirror this machine's apt already uses, unless LAB_DEBIAN_MIRROR overrides it."""
    if os.environ.get("LAB_DEBIAN_MIRROR"):
        return os.environ["LAB_DEBIAN_MIRROR"]
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        for stanza in Path(path).read_text().split("\n\n"):
            fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.M))
            if SUITE in fields.get("Suites", "").split() and "URIs" in fields:
                return fields["URIs"].split()[0]
    for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
        for line in Path(path).read_text().splitlines() if os.path.exists(path) else []:
            words = line.split()
            if len(words) >= 3 and words[0] == "deb" and words[2] == SUITE:
                return words[1]
    raise LabError(f"no apt source for {SUITE} found; set LAB_DEBIAN_MIRROR")


def cache_dir():
    base = os.environ.get("STACKDEPLOY_LAB_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "stackdeploy-lab")
    return Path(base)


def ensure_image():
    """Return the directory holding vmlinuz, initrd.img, rootfs.qcow2 and guest/, building it if
    needed."""
    target = cache_dir() / "images" / recipe_hash()
    if (target / "rootfs.qcow2").exists():
        step(f"image {target.name}: cached")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix="build-") as tmp:
        build(Path(tmp))
        os.replace(Path(tmp) / "out", target)
    # Older recipes are never booted again.
    for old in target.parent.iterdir():
        if old != target and not old.name.startswith("build-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


def build(work):
    rootfs, out = work / "rootfs", work / "out"
    out.mkdir()
    source = mirror()
    step(f"image: debootstrap {SUITE} with {len(packages())} packages (a few minutes cold)")
    run(["debootstrap", "--variant=minbase", "--components=main",
         "--include=" + ",".join(packages()), SUITE, str(rootfs), source])
    step("image: configuring")
    (rootfs / "etc/fstab").write_text("LABEL=labroot / ext4 defaults,errors=remount-ro 0 1\n")
    (rootfs / "etc/apt/sources.list").write_text(f"deb {source} {SUITE} main\n")
    install_services(rootfs)
    shutil.copy(RECIPE_DIR / "lab-boot.sh", rootfs / "usr/local/sbin/lab-boot")
    os.chmod(rootfs / "usr/local/sbin/lab-boot", 0o755)
    shutil.copy(RECIPE_DIR / "lab-boot.service", rootfs / "etc/systemd/system/lab-boot.service")
    wants = rootfs / "etc/systemd/system/multi-user.target.wants"
    wants.mkdir(parents=True, exist_ok=True)
    (wants / "lab-boot.service").symlink_to("/etc/systemd/system/lab-boot.service")
    # Every VM makes its own host key at first boot (lab-boot).
    for key in (rootfs / "etc/ssh").glob("ssh_host_*"):
        key.unlink()
    # apt's timers would compete with the roles for the dpkg lock in a VM with no network, and
    # e2scrub_reap holds up every boot for a minute of TCG time checking LVM snapshots.
    for timer in ("apt-daily.timer", "apt-daily-upgrade.timer"):
        link = rootfs / "etc/systemd/system/timers.target.wants" / timer
        if link.is_symlink():
            link.unlink()
    (rootfs / "etc/systemd/system/e2scrub_reap.service").symlink_to("/dev/null")
    # Built in a chroot, MODULES=dep would size the initramfs for this host, not for the VM.
    (rootfs / "etc/initramfs-tools/conf.d/lab.conf").write_text("MODULES=most\n")
    run(["chroot", str(rootfs), "update-initramfs", "-u", "-k", "all"])
    run(["chroot", str(rootfs), "apt-get", "clean"])
    shutil.copy(max(rootfs.glob("boot/vmlinuz-*")), out / "vmlinuz")
    shutil.copy(max(rootfs.glob("boot/initrd.img-*")), out / "initrd.img")
    step("image: the guest (the image's kernel, a busybox initramfs)")
    guest.build(rootfs, out / "guest")
    step("image: ext4 filesystem from the tree")
    raw = work / "rootfs.raw"
    run(["mkfs.ext4", "-q", "-L", "labroot", "-d", str(rootfs), str(raw), ROOT_SIZE])
    shutil.rmtree(rootfs)
    run(["qemu-img", "convert", "-O", "qcow2", str(raw), str(out / "rootfs.qcow2")])
    raw.unlink()
    (out / "packages.txt").write_text("\n".join(packages() + packages("services.txt")) + "\n")
    subprocess.run(["sync"], check=False)
    step("image: built")
