"""The all-in-one deployment: what the verify play (run in converge) does not look at."""
import glob
import os
import stat
import sys

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

# The lab's secrets.yml writes them beside the inventory: here molecule's ephemeral inventory.
INVENTORY_DIR = os.path.dirname(os.environ["MOLECULE_INVENTORY_FILE"])
SECRET_DIR = os.path.join(os.path.dirname(INVENTORY_DIR), ".secrets",
                          os.path.basename(INVENTORY_DIR), "openstack")
SERVICES = ["mariadb", "rabbitmq-server", "keystone", "glance-api", "placement-api", "nova-api",
            "nova-scheduler", "nova-conductor", "libvirtd", "nova-compute", "neutron-api",
            "neutron-rpc-server", "openvswitch-switch", "neutron-openvswitch-agent",
            "neutron-l3-agent", "neutron-dhcp-agent", "cinder-api", "cinder-scheduler",
            "cinder-volume", "nfs-server"]


@pytest.fixture(scope="module")
def aio():
    return lab_checks.host("aio")


@pytest.fixture(scope="module")
def passwords():
    """{file name: password} of every password the lab generated."""
    files = sorted(glob.glob(os.path.join(SECRET_DIR, "*")))
    assert len(files) == 13, f"expected the lab's 13 generated passwords in {SECRET_DIR}, found {files}"
    found = {}
    for path in files:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode == 0o600, f"{path}: mode {mode:o}"
        with open(path) as handle:
            found[os.path.basename(path)] = handle.read().split()[0]
    return found


def test_passwords_are_generated_long_and_private(passwords):
    assert all(len(password) == 32 for password in passwords.values())


def test_no_password_reaches_the_ansible_log(passwords):
    # converge and idempotence ran with -v, which prints every task's result.
    with open(os.path.join(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"], "ansible.log")) as handle:
        log = handle.read()
    assert "PLAY RECAP" in log and "TASK [stackdeploy.openstack.keystone" in log, "not the converge log"
    assert "=> {" in log, "not a -v log: task results are missing"
    leaked = sorted(name for name, password in passwords.items() if password in log)
    assert not leaked, f"in the log: {leaked}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_runs_and_starts_at_boot(aio, service):
    unit = aio.service(service)
    assert unit.is_running and unit.is_enabled


def test_cinder_conf_passes_oslo_config_validator(aio):
    result = lab_checks.validate_cinder_conf(aio)
    assert result.rc == 0, result.stderr[-3000:]


def test_each_backend_runs_in_its_zone(aio):
    assert lab_checks.cinder_volume_zones(aio) == {"aio@lvm": "aio", "aio@nfs": "nova"}
