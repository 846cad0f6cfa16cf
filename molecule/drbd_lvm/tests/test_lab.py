"""The lab VMs under the DRBD scenario: a real kernel with the modules the roles need, a data disk
apart from the root disk, one storage network, and a management NIC that cannot reach out.
(test_drbd_lvm.py's check-mode test covers preflight with the rest of the converge.)"""
import ipaddress
import os
import socket

import sys

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

STORAGE_NETWORK = ipaddress.ip_network("10.20.0.0/24")


def storage_address(host):
    fields = host.check_output("ip -4 -o addr show dev storage0").split()
    return ipaddress.ip_interface(fields[3]).ip


@pytest.mark.parametrize("module", ["drbd", "nfsd", "dm_mod", "openvswitch"])
def test_kernel_module_loads(host, module):
    host.run_expect([0], f"modprobe {module}")
    assert host.file(f"/sys/module/{module}").is_directory


def test_root_is_the_labelled_disk_and_data_disk_is_separate(host):
    assert host.mount_point("/").device in ("/dev/vda", "/dev/vdb")
    data = host.file("/dev/disk/by-id/virtio-data")
    assert data.exists and data.is_symlink
    assert host.check_output("readlink -f /dev/disk/by-id/virtio-data") != host.mount_point("/").device


def test_storage_address_in_lab_network(host):
    assert storage_address(host) in STORAGE_NETWORK


def test_reaches_every_peer_on_storage_network(host):
    for name in host.ansible.get_variables()["groups"]["all"]:
        peer = lab_checks.host(name)
        host.run_expect([0], f"ping -c 2 -W 3 {storage_address(peer)}")


def test_management_nic_cannot_open_connections_out(host):
    # QEMU user networking runs with restrict=on: SSH comes in, nothing goes out. Without it,
    # 10.0.2.2:PORT would reach this listener on the host's loopback.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        probe = host.run("python3 -c 'import socket; socket.create_connection((\"10.0.2.2\", %d), 3)'"
                         % port)
    assert probe.rc != 0, "guest reached the host through the management NIC"
