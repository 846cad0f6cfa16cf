"""The lab's pure parts: topology data, mirror discovery, MACs, the image recipe hash."""
import pytest

from stackdeploy_lab import image, topology, vm
from stackdeploy_lab.progress import LabError


def test_normalise_fills_defaults_and_keeps_given_values():
    spec = topology.normalise("node1", {"memory": 512, "nics": [{"net": "storage"}]})
    assert spec == {"name": "node1", "memory": 512, "cpus": 1, "disks": [],
                    "nics": [{"net": "storage"}], "forward": []}


@pytest.mark.parametrize("forward", [["5000"], [0], [70000], [None]])
def test_normalise_rejects_forwards_that_are_not_port_numbers(forward):
    with pytest.raises(LabError, match="lab_vm.forward"):
        topology.normalise("node1", {"forward": forward})


@pytest.mark.parametrize("net", ["", "has space", "a-dash", "averyverylongname"])
def test_normalise_rejects_net_names_unfit_for_a_bridge(net):
    with pytest.raises(LabError, match="lab_vm.nics"):
        topology.normalise("node1", {"nics": [{"net": net}]})


def test_networks_are_the_union_of_every_vms_nics():
    vms = topology.from_platforms([
        {"name": "a", "lab_vm": {"nics": [{"net": "storage"}, {"net": "external"}]}},
        {"name": "b", "lab_vm": {"nics": [{"net": "storage"}]}},
        {"name": "c"},
    ])
    assert topology.networks(vms) == ["external", "storage"]


def test_macs_are_stable_local_and_distinct():
    first = vm.mac("lab1", "node1", "storage")
    assert first == vm.mac("lab1", "node1", "storage")
    assert first.startswith("52:54:00:")
    assert len({first, vm.mac("lab1", "node2", "storage"), vm.mac("lab1", "node1", "external")}) == 3


def test_mirror_comes_from_deb822_sources(tmp_path, monkeypatch):
    sources = tmp_path / "debian.sources"
    sources.write_text("Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm "
                       "bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: "
                       "http://mirror.example/debian-security\nSuites: bookworm-security\n")
    monkeypatch.delenv("LAB_DEBIAN_MIRROR", raising=False)
    monkeypatch.setattr(image.glob, "glob",
                        lambda pattern: [str(sources)] if pattern.endswith(".sources") else [])
    assert image.mirror() == "http://mirror.example/debian"


def test_mirror_override(monkeypatch):
    monkeypatch.setenv("LAB_DEBIAN_MIRROR", "http://other.example/debian")
    assert image.mirror() == "http://other.example/debian"


def test_recipe_hash_follows_the_package_list(tmp_path, monkeypatch):
    for name in ("packages.txt", "lab-boot.sh"):
        (tmp_path / name).write_text(name)
    monkeypatch.setattr(image, "RECIPE_DIR", tmp_path)
    before = image.recipe_hash()
    (tmp_path / "packages.txt").write_text("packages.txt\nlvm2\n")
    assert image.recipe_hash() != before
    assert image.packages() == ["packages.txt", "lvm2"]


def test_inventory_hosts_keep_their_ansible_port(tmp_path):
    inventory = tmp_path / "hosts.yml"
    inventory.write_text("all:\n  hosts:\n    a:\n      ansible_port: 2221\n      lab_vm: {memory: 512}\n"
                         "    b: {}\n")
    vms = topology.from_inventory(str(inventory))
    assert [(vm["name"], vm["ssh_port"], vm["memory"]) for vm in vms] == [("a", 2221, 512)]
