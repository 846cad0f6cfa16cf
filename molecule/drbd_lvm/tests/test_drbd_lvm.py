"""Dual-primary DRBD with LVM on top, on two lab VMs, including a crash of one node."""
import os
import re
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

INVENTORY = os.environ["MOLECULE_INVENTORY_FILE"]
LV = "/dev/shared/data"
LVM_ENV = "LVM_SUPPRESS_FD_WARNINGS=1"


def lab(name):
    return lab_checks.host(name)


def drbd_status(host):
    """(connection, roles, disk states) of minor 0 from /proc/drbd."""
    match = re.search(r"0: cs:(\S+) ro:(\S+) ds:(\S+)", host.file("/proc/drbd").content_string)
    assert match, host.file("/proc/drbd").content_string
    return match.groups()


def pattern_checksum(host, megabytes):
    # Direct I/O: the other node's page cache must not answer for the device.
    return host.check_output(f"dd if={LV} bs=1M count={megabytes} iflag=direct status=none | sha256sum").split()[0]


def write_pattern(host, megabytes):
    host.check_output(f"dd if=/dev/urandom of={LV} bs=1M count={megabytes} oflag=direct status=none")
    return pattern_checksum(host, megabytes)


@pytest.mark.parametrize("name", ["node1", "node2"])
def test_both_nodes_primary_and_up_to_date(name):
    assert drbd_status(lab(name)) == ("Connected", "Primary/Primary", "UpToDate/UpToDate")


@pytest.mark.parametrize("name", ["node1", "node2"])
def test_lvm_sees_only_the_drbd_device_and_no_duplicates(name):
    host = lab(name)
    result = host.run(f"{LVM_ENV} pvs --noheadings -o pv_name")
    assert result.rc == 0 and result.stdout.split() == ["/dev/drbd0"]
    assert "uplicate" not in result.stderr, result.stderr


@pytest.mark.parametrize("name", ["node1", "node2"])
def test_filter_accepts_drbd_and_rejects_the_backing_disk(name):
    settings = lab(name).check_output(f"{LVM_ENV} lvmconfig devices/filter")
    assert '"a|^/dev/drbd[0-9]+$|"' in settings and '"r|.*|"' in settings


def test_lv_made_on_node1_is_active_on_node2():
    assert lab("node2").check_output(f"{LVM_ENV} lvs --noheadings -o lv_active shared/data").strip() == "active"


def test_data_written_on_node1_reads_back_on_node2():
    written = write_pattern(lab("node1"), 8)
    assert pattern_checksum(lab("node2"), 8) == written


def labctl(*args):
    state = os.path.join(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"], "lab")
    script = os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "lab", "labctl.py")
    subprocess.run([sys.executable, script, *args, "--state", state], check=True, timeout=900)


def converge():
    scenario = os.environ["MOLECULE_SCENARIO_DIRECTORY"]
    result = subprocess.run(["ansible-playbook", "-i", INVENTORY, os.path.join(scenario, "converge.yml")],
                            capture_output=True, text=True, timeout=1800, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_a_crashed_peer_resyncs_without_split_brain():
    node1 = lab("node1")
    labctl("stop", "--kill", "node2")
    written = write_pattern(node1, 16)
    assert drbd_status(node1)[0] in ("WFConnection", "StandAlone")
    labctl("start", "node2")
    converge()
    node2 = lab("node2")
    assert drbd_status(node1) == ("Connected", "Primary/Primary", "UpToDate/UpToDate")
    assert drbd_status(node2) == ("Connected", "Primary/Primary", "UpToDate/UpToDate")
    assert pattern_checksum(node2, 16) == written
    assert "Split-Brain" not in node1.check_output("dmesg") + node2.check_output("dmesg")


def test_check_mode_changes_nothing_and_never_prints_the_peer_secret():
    # The role generated r0's secret beside molecule's inventory directory.
    inventory_dir = os.path.dirname(INVENTORY) if os.path.isfile(INVENTORY) else INVENTORY
    secret_file = os.path.join(os.path.dirname(inventory_dir), ".secrets",
                               os.path.basename(inventory_dir), "drbd", "r0")
    with open(secret_file) as handle:
        secret = handle.read().split()[0]
    assert oct(os.stat(secret_file).st_mode & 0o777) == "0o600"
    assert len(secret) == 32
    output = lab_checks.assert_check_mode_clean("-vvv")
    assert secret not in output
    assert secret in lab("node1").check_output("cat /etc/drbd.d/r0.res")
