"""A network node: br-ex carries the external NIC, which holds no address; the agents' files are
exact; Open vSwitch keeps its bridges across a restart."""
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

FILES = {
    "/etc/neutron/neutron.conf": "neutron.conf",
    "/etc/neutron/plugins/ml2/ml2_conf.ini": "ml2_conf.ini",
    "/etc/neutron/plugins/ml2/openvswitch_agent.ini": "openvswitch_agent.ini",
    "/etc/neutron/l3_agent.ini": "l3_agent.ini",
}


@pytest.fixture(scope="module")
def host():
    return lab_checks.host("network1")


def ipv4(host, device):
    out = host.check_output(f"ip -4 -o address show dev {device}")
    return [line.split()[3] for line in out.splitlines()]


def bridge_ports(host):
    return {bridge: sorted(host.check_output(f"ovs-vsctl list-ports {bridge}").split())
            for bridge in host.check_output("ovs-vsctl list-br").split()}


def test_br_ex_carries_the_external_nic(host):
    assert "external0" in bridge_ports(host)["br-ex"]


def test_the_external_address_moved_to_the_bridge(host):
    assert ipv4(host, "external0") == []
    assert ipv4(host, "br-ex") == ["203.0.113.5/24"]


def test_management_path_untouched(host):
    assert ipv4(host, "mgmt0") == ["10.0.2.15/24"]
    assert "mgmt0" not in str(bridge_ports(host))


@pytest.mark.parametrize("path", sorted(FILES))
def test_agent_files_match_golden(host, path):
    handle = host.file(path)
    assert lab_checks.effective(handle.content_string) == lab_checks.golden(FILES[path])
    assert (handle.user, handle.group, handle.mode) == ("root", "neutron", 0o640)


def test_agents_enabled_and_running(host):
    for unit in ("openvswitch-switch", "neutron-openvswitch-agent", "neutron-l3-agent"):
        assert host.service(unit).is_enabled and host.service(unit).is_running, unit


def kept(before, after):
    """Every bridge and port of `before` is still there (the OVS agent may add its own)."""
    return all(set(ports) <= set(after.get(bridge, ())) for bridge, ports in before.items())


def test_open_vswitch_keeps_bridges_and_address_across_a_restart(host):
    before = bridge_ports(host)
    host.check_output("systemctl restart openvswitch-switch")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not kept(before, bridge_ports(host)):
        time.sleep(5)
    assert kept(before, bridge_ports(host)), (before, bridge_ports(host))
    assert ipv4(host, "br-ex") == ["203.0.113.5/24"]


def test_check_mode_is_clean():
    lab_checks.assert_check_mode_clean()
