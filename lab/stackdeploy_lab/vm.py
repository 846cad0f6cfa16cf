"""Boot, probe and stop one lab VM (a QEMU process started and tracked by pid)."""
import base64
import hashlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from . import accel, network
from .progress import LabError, run

# Lab host keys are made fresh at every VM's first boot; nothing to pin.
SSH_OPTS = ["-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5"]

# Console lines after which a boot can never reach SSH: fail at once instead of at the timeout.
BOOT_FAILURES = (b"Kernel panic", b"Dropping to a shell", b"emergency mode")


def mac(lab_id, vm_name, nic):
    digest = hashlib.sha256(f"{lab_id}/{vm_name}/{nic}".encode()).digest()
    return "52:54:00:" + ":".join(f"{b:02x}" for b in digest[:3])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VM:
    def __init__(self, lab, spec, index):
        self.lab, self.spec, self.index = lab, spec, index
        self.name = spec["name"]
        self.dir = lab.state / "vms" / self.name
        self.pidfile = self.dir / "qemu.pid"
        self.console = self.dir / "console.log"

    @property
    def port(self):
        return int((self.dir / "ssh_port").read_text())

    def pid(self):
        """The QEMU pid if it is alive and really ours (its command line names our state dir)."""
        try:
            pid = int(self.pidfile.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return None
        return pid if str(self.dir).encode() in cmdline else None

    def console_tail(self, lines=30):
        try:
            text = self.console.read_text(errors="replace").splitlines()
        except OSError:
            return "(no console output)"
        return f"--- {self.name} serial console (last {lines} lines) ---\n" + "\n".join(text[-lines:])

    def _disks(self, image_dir):
        self.dir.mkdir(parents=True, exist_ok=True)
        root = self.dir / "root.qcow2"
        if not root.exists():
            run(["qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2",
                 "-b", str(image_dir / "rootfs.qcow2"), str(root)])
        # Device names follow PCI probe order, so the root is found by its label, not as vda.
        args = ["-drive", f"file={root},if=none,id=root,format=qcow2,cache=unsafe",
                "-device", "virtio-blk-pci,drive=root,serial=root"]
        for i, disk in enumerate(self.spec["disks"]):
            path = self.dir / f"disk-{disk['name']}.qcow2"
            if not path.exists():
                run(["qemu-img", "create", "-q", "-f", "qcow2", str(path), str(disk["size"])])
            args += ["-drive", f"file={path},if=none,id=d{i},format=qcow2,cache=unsafe",
                     "-device", f"virtio-blk-pci,drive=d{i},serial={disk['name']}"]
        return args

    def _cmdline(self, nic_args):
        key = base64.b64encode(self.lab.public_key().encode()).decode()
        hosts = [f"lab.host={vm['name']},{nic['address'].split('/')[0]}"
                 for vm in self.lab.vms for nic in vm["nics"][:1] if nic.get("address")]
        return " ".join(["root=LABEL=labroot", "ro", "console=ttyS0", "net.ifnames=0",
                         f"lab.hostname={self.name}", f"lab.key={key}", *hosts, *nic_args])

    def start(self, image_dir, accel_kind):
        """Start QEMU daemonized; returns without waiting for the guest."""
        if self.pid():
            return False
        disk_args = self._disks(image_dir)
        # A VM started again keeps its port: inventories (molecule's too) already point there.
        recorded = self.dir / "ssh_port"
        port = self.spec.get("ssh_port") or (int(recorded.read_text()) if recorded.exists() else free_port())
        recorded.write_text(str(port))
        mgmt_mac = mac(self.lab.id, self.name, "mgmt")
        # API ports are forwarded under their own numbers: clients follow catalog URLs to them.
        fwd = "".join(f",hostfwd=tcp:127.0.0.1:{p}-:{p}" for p in self.spec["forward"])
        net_args = ["-netdev", f"user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:{port}-:22{fwd}",
                    "-device", f"virtio-net-pci,netdev=mgmt,mac={mgmt_mac}"]
        nic_args = [f"lab.nic=mgmt0,{mgmt_mac},10.0.2.15/24,10.0.2.2"]
        fds = []
        try:
            for j, nic in enumerate(self.spec["nics"]):
                nic_mac = mac(self.lab.id, self.name, nic["net"])
                fd = network.open_tap(self.lab.netns, f"t{self.index}n{j}", nic["net"])
                fds.append(fd)
                net_args += ["-netdev", f"tap,id=n{j},fd={fd}",
                             "-device", f"virtio-net-pci,netdev=n{j},mac={nic_mac}"]
                nic_args.append(f"lab.nic={nic.get('ifname', nic['net'] + '0')},{nic_mac},"
                                f"{nic.get('address', '')}")
            self.console.write_bytes(b"")
            cmd = ["qemu-system-x86_64", "-name", self.name, *accel.qemu_args(accel_kind),
                   "-smp", str(self.spec["cpus"]), "-m", str(self.spec["memory"]),
                   "-display", "none", "-monitor", "none", "-nodefaults", "-no-user-config",
                   "-serial", f"file:{self.console}", "-pidfile", str(self.pidfile), "-daemonize",
                   "-kernel", str(image_dir / "vmlinuz"), "-initrd", str(image_dir / "initrd.img"),
                   "-append", self._cmdline(nic_args), *disk_args, *net_args]
            result = subprocess.run(cmd, pass_fds=fds, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise LabError(f"{self.name}: qemu failed to start: {result.stderr.strip()}")
        finally:
            for fd in fds:
                os.close(fd)
        return True

    def ssh(self, *command, check=False, timeout=None):
        return subprocess.run(["ssh", *SSH_OPTS, "-o", "BatchMode=yes", "-i", str(self.lab.key),
                               "-p", str(self.port),
                               "root@127.0.0.1", *command],
                              capture_output=True, text=True, check=check, timeout=timeout)

    def reachable(self):
        if not self.pid():
            raise LabError(f"{self.name}: QEMU exited while booting\n{self.console_tail()}")
        console = self.console.read_bytes()
        for fatal in BOOT_FAILURES:
            if fatal in console:
                raise LabError(f"{self.name}: boot failed ({fatal.decode()})\n{self.console_tail()}")
        try:
            return self.ssh("true", timeout=20).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def stop(self, kill=False):
        """Stop our QEMU process (by the pid we recorded); SIGKILL emulates a crash.
        Returns once the process has exited, not merely been signalled."""
        pid = self.pid()
        if not pid:
            return False
        os.kill(pid, signal.SIGKILL if kill else signal.SIGTERM)
        deadline = time.monotonic() + 15
        while _running(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _running(pid):
            os.kill(pid, signal.SIGKILL)
            while _running(pid):
                time.sleep(0.2)
        return True


def _running(pid):
    """True until the process is gone or a zombie (nothing left to stop)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
