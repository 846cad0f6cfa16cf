"""A lab: a state directory holding its topology, SSH key, network namespace name and VMs."""
import hashlib
import json
import shutil
import time
from pathlib import Path

from . import accel, image, network, topology
from .progress import LabError, run, step, wait_for
from .vm import SSH_OPTS, VM

BOOT_TIMEOUT = 600


class Lab:
    def __init__(self, state, vms=None):
        self.state = Path(state).resolve()
        self.id = hashlib.sha256(str(self.state).encode()).hexdigest()[:8]
        self.netns = f"sdlab-{self.id}"
        self.key = self.state / "id_ed25519"
        spec_file = self.state / "topology.json"
        if vms is None:
            if not spec_file.exists():
                raise LabError(f"no lab at {self.state} (run 'up' first)")
            vms = json.loads(spec_file.read_text())
        self.vms = vms
        self.machines = [VM(self, spec, i) for i, spec in enumerate(vms)]

    def public_key(self):
        return self.key.with_suffix(".pub").read_text().strip()

    def machine(self, name):
        for vm in self.machines:
            if vm.name == name:
                return vm
        raise LabError(f"no VM named {name!r} in this lab; have {[m.name for m in self.machines]}")

    def up(self, names=None):
        self.state.mkdir(parents=True, exist_ok=True)
        (self.state / "topology.json").write_text(json.dumps(self.vms, indent=2))
        if not self.key.exists():
            run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"lab-{self.id}",
                 "-f", str(self.key)])
        image_dir = image.ensure_image()
        # What this lab runs: the proofs boot this image's guest (labctl status).
        (self.state / "image").write_text(f"{image_dir}\n")
        network.ensure_namespace(self.netns, topology.networks(self.vms))
        targets = [vm for vm in self.machines if names is None or vm.name in names]
        pending = [vm for vm in targets if not vm.pid()]
        if pending:
            kind = accel.choose(image_dir)
            started = time.monotonic()
            for vm in pending:
                vm.start(image_dir, kind)
                step(f"{vm.name}: booting ({kind}, ssh on 127.0.0.1:{vm.port})")
            for vm in pending:
                wait_for(vm.reachable, BOOT_TIMEOUT, f"SSH on {vm.name} (127.0.0.1:{vm.port})",
                         detail=vm.console_tail, interval=3)
                step(f"{vm.name}: up after {time.monotonic() - started:.0f}s")
        return self.instances()

    def instances(self):
        return [{"instance": vm.name, "address": "127.0.0.1", "port": vm.port, "user": "root",
                 "identity_file": str(self.key), "connection": "ssh"} for vm in self.machines]

    def stop(self, names, kill=False):
        for vm in self.machines:
            if vm.name in names and vm.stop(kill=kill):
                step(f"{vm.name}: {'killed' if kill else 'stopped'}")

    def down(self):
        """Stop every VM this lab started, delete its namespace and state."""
        self.stop([vm.name for vm in self.machines])
        network.delete_namespace(self.netns)
        shutil.rmtree(self.state, ignore_errors=True)
        step(f"lab {self.state} removed")

    def status(self):
        rows = []
        for vm in self.machines:
            pid = vm.pid()
            rows.append({"name": vm.name, "pid": pid, "running": bool(pid),
                         "ssh": f"127.0.0.1:{vm.port}" if (vm.dir / "ssh_port").exists() else None,
                         "nics": vm.spec["nics"]})
        image_file = self.state / "image"
        return {"state": str(self.state), "netns": self.netns,
                "image": image_file.read_text().strip() if image_file.exists() else None,
                "netns_present": network.namespace_exists(self.netns), "vms": rows}

    def ssh_command(self, name):
        vm = self.machine(name)
        return ["ssh", *SSH_OPTS, "-i", str(self.key), "-p", str(vm.port), "root@127.0.0.1"]
