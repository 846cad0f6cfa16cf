"""The lab's VMs as data. One shape serves inventories/lab (host var `lab_vm`) and molecule
platforms (key `lab_vm`): name, memory (MiB), cpus, disks [{name, size}], nics [{net, address}],
forward [TCP ports reachable on 127.0.0.1 under the same number], and an optional fixed ssh_port."""
import json
import os
import shutil
import subprocess
import sys

from .progress import LabError

DEFAULTS = {"memory": 1024, "cpus": 1, "disks": [], "nics": [], "forward": []}


def normalise(name, spec):
    vm = {**DEFAULTS, **(spec or {}), "name": name}
    for nic in vm["nics"]:
        if not str(nic.get("net", "")).isidentifier() or len(nic["net"]) > 12:
            raise LabError(f"{name}: lab_vm.nics[].net must be a short identifier, got {nic!r}")
    if not all(isinstance(p, int) and 0 < p < 65536 for p in vm["forward"]):
        raise LabError(f"{name}: lab_vm.forward must list TCP port numbers, got {vm['forward']!r}")
    return vm


def from_platforms(platforms):
    """Molecule's platforms list (each with name and lab_vm)."""
    return [normalise(p["name"], p.get("lab_vm")) for p in platforms]


def from_inventory(inventory):
    """Every host of an Ansible inventory that carries a lab_vm host var."""
    # Beside this interpreter when the venv is not on PATH (labctl run by the venv's python).
    ansible_inventory = (shutil.which("ansible-inventory")
                         or os.path.join(os.path.dirname(sys.executable), "ansible-inventory"))
    out = subprocess.run([ansible_inventory, "-i", inventory, "--list"],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise LabError(f"ansible-inventory -i {inventory} failed:\n{out.stderr}")
    hostvars = json.loads(out.stdout).get("_meta", {}).get("hostvars", {})
    # The inventory's ansible_port is where Ansible will connect: forward exactly that port.
    vms = [normalise(host, dict(hv["lab_vm"], ssh_port=hv.get("ansible_port")))
           for host, hv in sorted(hostvars.items()) if "lab_vm" in hv]
    if not vms:
        raise LabError(f"no host in {inventory} has a lab_vm variable")
    return vms


def networks(vms):
    return sorted({nic["net"] for vm in vms for nic in vm["nics"]})
