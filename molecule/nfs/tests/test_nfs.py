"""NFS for Glance, Cinder and Nova on two lab VMs (the controller is also a compute)."""
import os
import re
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

# Each share: its squashing, and the hosts it is exported to (those that mount it).
EXPORTS = {
    "/srv/nfs/glance": ("root_squash", ["10.20.0.10"]),
    "/srv/nfs/cinder": ("no_root_squash", ["10.20.0.10", "10.20.0.11"]),
    "/srv/nfs/nova": ("no_root_squash", ["10.20.0.10", "10.20.0.11"]),
}
GLANCE, NOVA = "/var/lib/glance/images", "/var/lib/nova/instances"
MOUNTS = {"controller": [GLANCE, NOVA], "compute1": [NOVA]}


def lab(name):
    return lab_checks.host(name)


@pytest.fixture(scope="module")
def controller():
    return lab("controller")


def exports(controller):
    """{path: {client: options}} as the kernel exports them now (exportfs -s: a line per path and
    client, PATH CLIENT(OPTIONS); a long path puts the client on the next line)."""
    found, path = {}, None
    for word in controller.check_output("exportfs -s").split():
        if word.startswith("/"):
            path = word
            found.setdefault(path, {})
        else:
            client, options = word.rstrip(")").split("(")
            found[path][client] = options.split(",")
    return found


def test_exports_are_exactly_the_configured_ones(controller):
    found = exports(controller)
    assert sorted(found) == sorted(EXPORTS)
    for path, (squash, clients) in EXPORTS.items():
        assert sorted(found[path]) == clients, (path, found[path])
        for options in found[path].values():
            assert squash in options and "sync" in options and "rw" in options


def test_a_host_outside_a_share_is_refused():
    """Glance's share is exported to the controller only: a compute's mount is refused."""
    compute1 = lab("compute1")
    attempt = compute1.run("d=$(mktemp -d) && mount -t nfs4 -o ro,soft,timeo=50,retrans=1 "
                           "controller:/srv/nfs/glance $d; rc=$?; umount $d 2>/dev/null; rmdir $d; exit $rc")
    # NFSv4 leaves the export out of this client's pseudo-root: "No such file or directory".
    assert attempt.rc != 0 and re.search("access denied|No such file or directory", attempt.stderr), \
        (attempt.rc, attempt.stderr)


def test_no_export_is_open_to_every_host(controller):
    assert "*" not in controller.check_output("exportfs -v")


def test_nfsv3_is_off(controller):
    versions = controller.file("/proc/fs/nfsd/versions").content_string
    assert "-3" in versions.split() and "+4.2" in versions.split()


def test_glance_directory_belongs_to_glance(controller):
    share = controller.file("/srv/nfs/glance")
    assert (share.user, share.group, share.mode) == ("glance", "glance", 0o750)


@pytest.mark.parametrize("name", sorted(MOUNTS))
def test_mounts_are_active_hard_and_in_fstab(name):
    host = lab(name)
    for path in MOUNTS[name]:
        mount = host.mount_point(path)
        assert mount.exists and mount.filesystem == "nfs4"
        assert "hard" in mount.options
        assert path in host.file("/etc/fstab").content_string


@pytest.mark.parametrize("name,service,path", [("compute1", "nova-compute", NOVA),
                                               ("controller", "nova-compute", NOVA),
                                               ("controller", "glance-api", GLANCE)])
def test_services_wait_for_their_mounts(name, service, path):
    dropin = lab(name).file(f"/etc/systemd/system/{service}.service.d/stackdeploy-nfs-mounts.conf")
    assert "RequiresMountsFor=" + path in dropin.content_string


def test_instance_store_is_shared_between_computes():
    compute1, other = lab("compute1"), lab("controller")
    path = "/var/lib/nova/instances/shared-check"
    compute1.check_output(f"runuser -u nova -- dd if=/dev/urandom of={path} bs=64k count=16 status=none")
    written = compute1.check_output(f"sha256sum {path}").split()[0]
    assert other.check_output(f"sha256sum {path}").split()[0] == written
    assert other.file(path).user == "nova"
    other.check_output(f"rm {path}")


def test_writes_survive_a_server_restart(controller):
    """Hard mounts: a stream of writes from compute1 stalls across an nfs-server restart and
    completes; every file reads back through the controller's own client mount with the checksum
    compute1 computed."""
    compute1, other = lab("compute1"), controller
    folder = "/var/lib/nova/instances/restart-check"
    compute1.check_output(f"rm -rf {folder} /root/restart-sums /root/restart-done; "
                          f"runuser -u nova -- mkdir {folder}")
    writer = (f"for i in $(seq 1 30); do runuser -u nova -- dd if=/dev/urandom of={folder}/f$i "
              f"bs=32k count=4 conv=fsync status=none && sha256sum {folder}/f$i >> /root/restart-sums; "
              f"done; touch /root/restart-done")
    compute1.check_output(f"nohup sh -c '{writer}' > /root/restart-writer.log 2>&1 &")
    time.sleep(3)
    controller.check_output("systemctl restart nfs-server")
    deadline = time.monotonic() + 300
    while not compute1.file("/root/restart-done").exists:
        assert time.monotonic() < deadline, "writer did not finish within 300 s of the restart"
        time.sleep(3)
    sums = compute1.check_output("cat /root/restart-sums")
    assert len(sums.splitlines()) == 30, compute1.check_output("cat /root/restart-writer.log")
    other.check_output(f"cat > /root/restart-sums-copy << 'EOF'\n{sums}\nEOF")
    check = other.run("sha256sum -c /root/restart-sums-copy")
    assert check.rc == 0, check.stdout + check.stderr
    compute1.check_output(f"rm -rf {folder}")


def test_check_mode_on_the_converged_lab_changes_nothing():
    lab_checks.assert_check_mode_clean()
