"""Choose KVM only when a probe kernel really boots under it; otherwise TCG.

On some hosts /dev/kvm exists but a stock kernel hangs in early boot (nested PVM guests), so
the device's presence proves nothing. LAB_ACCEL=kvm|tcg forces the choice.
"""
import hashlib
import os
import subprocess
import tempfile

from .progress import step

PROBE_TIMEOUT = 30


def qemu_args(accel):
    if accel == "kvm":
        return ["-accel", "kvm", "-cpu", "host"]
    return ["-accel", "tcg,thread=multi", "-cpu", "max"]


def choose(image_dir):
    forced = os.environ.get("LAB_ACCEL")
    if forced in ("kvm", "tcg"):
        step(f"acceleration: {forced} (LAB_ACCEL)")
        return forced
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        step("acceleration: tcg (no usable /dev/kvm)")
        return "tcg"
    # The answer depends only on this host's kernel and QEMU: probe once, remember it.
    qemu = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True, text=True,
                          check=False).stdout
    host = os.uname().release + qemu
    memo = image_dir.parent.parent / f"accel-{hashlib.sha256(host.encode()).hexdigest()[:12]}"
    if memo.exists():
        accel = memo.read_text().strip()
        step(f"acceleration: {accel} (probed earlier on this host; LAB_ACCEL overrides)")
        return accel
    accel = "kvm" if _probe_boots(image_dir) else "tcg"
    memo.write_text(accel)
    step(f"acceleration: {accel} (probe kernel {'booted' if accel == 'kvm' else 'did not boot'} under KVM)")
    return accel


def _probe_boots(image_dir):
    """Boot the lab kernel with no root device under KVM: a working KVM reaches the expected
    'unable to mount root' panic and exits (-no-reboot) within seconds."""
    with tempfile.NamedTemporaryFile(prefix="lab-kvm-probe-", suffix=".log") as console:
        cmd = ["qemu-system-x86_64", "-accel", "kvm", "-cpu", "host", "-m", "256", "-smp", "1",
               "-display", "none", "-monitor", "none", "-no-reboot", "-nodefaults",
               "-serial", f"file:{console.name}", "-kernel", str(image_dir / "vmlinuz"),
               "-append", "console=ttyS0 panic=-1 root=/dev/lab-probe-none"]
        try:
            subprocess.run(cmd, timeout=PROBE_TIMEOUT, capture_output=True, check=False)
        except subprocess.TimeoutExpired:
            return False
        return b"Kernel panic" in open(console.name, "rb").read()
