"""Cinder with LVM, NFS and RBD backends on one lab VM: files exact, drivers started, zones set."""
import os
import re
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

CEPH_KEY = "AQAg7R9pAAAAABAAvyB4fRKJ+5hEPNCQ8PcwVg=="
# cinder-volume imports and starts one process per backend; under TCG that took minutes here.
DRIVER_TIMEOUT = 900


@pytest.fixture(scope="module")
def host():
    return lab_checks.host("storage1")


def test_cinder_conf_is_exactly_the_golden_three_backend_file(host):
    # Debian's 5000-line commented cinder.conf stays in place; what it means must be exact.
    assert lab_checks.effective(host.file("/etc/cinder/cinder.conf").content_string) == \
        lab_checks.golden("cinder.conf")


@pytest.mark.parametrize("path,name", [
    ("/etc/cinder/nfs_shares.nfs", "nfs_shares.nfs"),
    ("/etc/ceph/ceph.conf", "ceph.conf"),
])
def test_rendered_files_match_golden(host, path, name):
    assert host.file(path).content_string == lab_checks.golden(name)


@pytest.mark.parametrize("path,group,mode", [
    ("/etc/cinder/cinder.conf", "cinder", 0o640),
    ("/etc/cinder/nfs_shares.nfs", "cinder", 0o640),
    ("/etc/ceph/ceph.client.cinder.keyring", "cinder", 0o640),
])
def test_secret_bearing_files_are_readable_by_the_service_group_only(host, path, group, mode):
    handle = host.file(path)
    assert (handle.user, handle.group, handle.mode) == ("root", group, mode)


def test_keyring_holds_the_key(host):
    with host.sudo():
        content = host.file("/etc/ceph/ceph.client.cinder.keyring").content_string
    assert content == f"[client.cinder]\n    key = {CEPH_KEY}\n"


def log_lines(host):
    return host.check_output("cat /var/log/cinder/cinder-volume.log")


def initialised_drivers(log):
    """Drivers that logged success: each backend is its own process, named on its start line."""
    started = dict(re.findall(r"^\S+ \S+ (\d+) INFO cinder.volume.manager .*Starting volume driver (\w+)",
                              log, re.M))
    return {started.get(pid) for pid in re.findall(
        r"^\S+ \S+ (\d+) INFO cinder.volume.manager .*Driver initialization completed successfully",
        log, re.M)}


def test_lvm_and_nfs_drivers_initialise(host):
    deadline = time.monotonic() + DRIVER_TIMEOUT
    wanted = {"LVMVolumeDriver", "NfsDriver"}
    done = set()
    while time.monotonic() < deadline:
        done = initialised_drivers(log_lines(host))
        if wanted <= done:
            break
        time.sleep(15)
    assert wanted <= done, f"after {DRIVER_TIMEOUT}s only {sorted(d for d in done if d)} initialised:\n" + \
        host.check_output("grep -E 'ERROR|Starting volume driver' /var/log/cinder/cinder-volume.log | tail -20")


def test_rbd_backend_is_started_with_its_cluster_settings(host):
    # No cluster exists in this scenario: the driver must have tried the configured one.
    log = log_lines(host)
    assert "Starting volume driver RBDDriver" in log
    assert "Error connecting to ceph cluster" in log


def test_cinder_conf_passes_oslo_config_validator(host):
    result = lab_checks.validate_cinder_conf(host)
    assert result.rc == 0, result.stderr[-3000:]
    assert "lvm-storage1" not in result.stderr  # the backends were checked under backend_defaults


def test_each_backend_runs_in_its_zone(host):
    assert lab_checks.cinder_volume_zones(host) == {
        "storage1@lvm-storage1": "storage1", "storage1@nfs": "nova", "storage1@rbd": "nova"}


def test_nfs_backend_mounted_its_share_with_the_share_line_options(host):
    mounts = [m for m in host.check_output("findmnt -rn -t nfs4 -o SOURCE,TARGET,OPTIONS").splitlines()
              if m.startswith("10.20.0.21:/srv/nfs/cinder ")]
    assert len(mounts) == 1, mounts
    source, target, options = mounts[0].split()
    assert target.startswith("/var/lib/cinder/mnt/")
    assert "vers=4.2" in options.split(",") and "hard" in options.split(",")


def test_services_enabled_and_running(host):
    for unit in ("cinder-volume", "tgt"):
        assert host.service(unit).is_running and host.service(unit).is_enabled


def test_check_mode_is_clean_and_the_key_stays_out_of_verbose_logs():
    output = lab_checks.assert_check_mode_clean("-vvv")
    assert CEPH_KEY not in output
