"""The lab Ceph option's cluster and client side on two VMs: pools confined to their datacenter,
users limited to their pools, keyrings and libvirt secrets closed, no key in a -vvv log, OSDs
found again by their labels, and an OSD whose disk lost its owner (a reboot) starting again."""
import json
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.environ["MOLECULE_PROJECT_DIRECTORY"], "molecule", "shared"))
import lab_checks  # noqa: E402

CINDER_SECRET = "7f0c2d4e-1a3b-4c5d-8e9f-0a1b2c3d4e5f"


@pytest.fixture(scope="module")
def mon():
    return lab_checks.host("ceph1")


def ceph_json(host, *args):
    return json.loads(host.check_output("ceph " + " ".join(args) + " -f json"))


@pytest.fixture(scope="module")
def keys(mon):
    """Every cephx key of the cluster, by entity (from the monitor host, never printed)."""
    dump = ceph_json(mon, "auth", "ls")["auth_dump"]
    return {entry["entity"]: entry["key"] for entry in dump}


@pytest.fixture(scope="module")
def osd_of(mon):
    """datacenter -> the ids of the OSDs under it, from the CRUSH map."""
    nodes = {node["id"]: node for node in ceph_json(mon, "osd", "tree")["nodes"]}
    found = {}
    for node in nodes.values():
        if node["type"] == "datacenter":
            found[node["name"]] = sorted(osd for host in node["children"] for osd in nodes[host]["children"])
    return found


def test_one_osd_per_datacenter_all_up(mon, osd_of):
    assert sorted(osd_of) == ["dc1", "dc2"] and all(len(ids) == 1 for ids in osd_of.values()), osd_of
    dump = ceph_json(mon, "osd", "dump")
    assert [(osd["up"], osd["in"]) for osd in dump["osds"]] == [(1, 1), (1, 1)], dump["osds"]


@pytest.mark.parametrize("pool,datacenters", [
    ("volumes-dc1", ["dc1"]), ("volumes-dc2", ["dc2"]), ("volumes", ["dc1", "dc2"]), ("images", ["dc1", "dc2"])])
def test_pools_keep_their_copies_in_their_datacenters(mon, osd_of, pool, datacenters):
    wanted = sorted(osd for dc in datacenters for osd in osd_of[dc])
    pgs = ceph_json(mon, "pg", "ls-by-pool", pool)["pg_stats"]
    assert pgs and all(sorted(pg["acting"]) == wanted and pg["state"].startswith("active") for pg in pgs), \
        [(pg["pgid"], pg["acting"], pg["state"]) for pg in pgs]


def test_rbd_images_go_where_the_user_may_write(mon):
    ceph2 = lab_checks.host("ceph2")
    ceph2.check_output("rbd --id cinder create --size 8 volumes-dc2/proof-ceph2 || rbd --id cinder info volumes-dc2/proof-ceph2")
    assert "proof-ceph2" in mon.check_output("rbd ls volumes-dc2")
    assert "proof-ceph2" not in mon.check_output("rbd ls volumes-dc1")
    # glance may write images only: its keyring on ceph1 is refused the volumes pool.
    refused = mon.run("rbd --id glance create --size 8 volumes/proof-glance")
    assert refused.rc != 0 and "proof-glance" not in mon.check_output("rbd ls volumes")


@pytest.mark.parametrize("name,keyrings", [
    ("ceph1", {"cinder": "cinder", "glance": "glance"}), ("ceph2", {"cinder": "cinder"})])
def test_keyrings_are_0640_to_their_service_group_and_hold_the_cluster_key(keys, name, keyrings):
    host = lab_checks.host(name)
    for user, group in keyrings.items():
        keyring = host.file(f"/etc/ceph/ceph.client.{user}.keyring")
        assert (keyring.mode, keyring.user, keyring.group) == (0o640, "root", group), keyring.path
        assert keys[f"client.{user}"] in keyring.content_string
    admin = host.file("/etc/ceph/ceph.client.admin.keyring")
    assert (admin.exists, name) in [(True, "ceph1"), (False, "ceph2")]
    if admin.exists:
        assert admin.mode == 0o600


def test_libvirt_holds_cinders_key_on_the_compute(keys):
    ceph2 = lab_checks.host("ceph2")
    secret = ceph2.file(f"/etc/libvirt/secrets/{CINDER_SECRET}.base64")
    assert secret.mode == 0o600 and secret.content_string.strip() == keys["client.cinder"]
    assert not lab_checks.host("ceph1").file(f"/etc/libvirt/secrets/{CINDER_SECRET}.base64").exists


def test_no_key_reaches_the_vvv_log(keys):
    with open(os.path.join(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"], "ansible.log")) as handle:
        log = handle.read()
    assert "PLAY RECAP" in log and "TASK [stackdeploy.openstack.lab_ceph" in log, "not the converge log"
    assert "ESTABLISH SSH CONNECTION" in log, "not a -vvv log"
    assert sorted(entity for entity, key in keys.items() if key in log) == []


def test_check_mode_on_the_converged_cluster_changes_nothing_and_prints_no_key(keys):
    output = lab_checks.assert_check_mode_clean("-vvv")
    assert sorted(entity for entity, key in keys.items() if key in output) == []


def test_an_osd_whose_disk_lost_its_owner_starts_again(mon):
    """After a reboot udev gives the disk back to root: the unit's drop-in hands it to ceph."""
    ceph2 = lab_checks.host("ceph2")
    osd = ceph2.check_output("cat /var/lib/ceph/osd/ceph-*/whoami")
    ceph2.check_output(f"systemctl stop ceph-osd@{osd} && chown root:disk /dev/disk/by-id/virtio-osd"
                       f" && systemctl start ceph-osd@{osd}")
    deadline = time.time() + 300
    while time.time() < deadline:
        if [o["up"] for o in ceph_json(mon, "osd", "dump")["osds"] if str(o["osd"]) == osd] == [1]:
            break
        time.sleep(10)
    else:
        pytest.fail(f"osd.{osd} did not come back up in 300 s")
    assert ceph2.check_output("stat -L -c %U /dev/disk/by-id/virtio-osd") == "ceph"
