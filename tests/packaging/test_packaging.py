"""The collection as users get it: built by ansible-galaxy, installed into an empty collections
path, and used by FQCN from a playbook outside this repository."""
import os
import re
import subprocess
import sys
import tarfile

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Lab, test-harness and local state never ship.
NOT_SHIPPED = ("lab/", "molecule/", "inventories/", "bench/", ".lab/", ".venv/", ".collections/",
               ".cache/", ".tmp/", ".ci/", ".config/", "Makefile", "ansible.cfg")
SHIPPED = ("MANIFEST.json", "FILES.json", "meta/runtime.yml", "plugins/modules/cinder_conf.py",
           "plugins/module_utils/_oslo_ini.py", "plugins/filter/cinder.py",
           "roles/cinder/meta/argument_specs.yml", "roles/neutron_l3/tasks/main.yml", "README.md", "LICENSE")
KEY = "AQAg7R9pAAAAABAAvyB4fRKJ+5hEPNCQ8PcwVg=="
PLAYBOOK = f"""
- name: Use the installed collection by FQCN
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ceph_client_libvirt: false
    ceph_client_clusters:
      - name: ceph
        fsid: 6f4c3a5e-2b71-4f1e-9d35-0a7c2f6e4b10
        mon_host: [10.20.0.10]
        users: [{{name: cinder, key: "{KEY}"}}]
  tasks:
    - name: A module
      stackdeploy.openstack.oslo_conf:
        path: "{{{{ playbook_dir }}}}/glance-api.conf"
        settings: {{glance_store: {{default_backend: file}}}}
      check_mode: false
    - name: A role, in check mode (it would install packages and write /etc/ceph)
      ansible.builtin.include_role:
        name: stackdeploy.openstack.ceph_client
    - name: A second role's API entry point with nothing to create
      ansible.builtin.include_role:
        name: stackdeploy.openstack.neutron_l3
        tasks_from: resources
"""


def run(argv, cwd, **env):
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
                            env=dict(os.environ, ANSIBLE_NOCOLOR="1", **env))
    assert result.returncode == 0, f"{argv}\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    run(["ansible-galaxy", "collection", "build", "--output-path", str(out), ROOT], cwd=out)
    (path,) = out.glob("stackdeploy-openstack-*.tar.gz")
    return path


def test_tarball_holds_the_collection_and_no_lab_artefacts(tarball):
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    assert [name for name in names if name.startswith(NOT_SHIPPED)] == []
    assert [name for name in SHIPPED if name not in names] == []


def test_installed_collection_works_from_a_playbook_outside_the_repo(tarball, tmp_path):
    collections = tmp_path / "collections"
    run(["ansible-galaxy", "collection", "install", "--no-deps", "-p", str(collections), str(tarball)],
        cwd=tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "play.yml").write_text(PLAYBOOK)
    # ANSIBLE_CONFIG pointing nowhere: the repo's ansible.cfg (and its .collections) must not help.
    # -vvv prints whole loop items and module arguments: the cephx key must still not show.
    output = run(["ansible-playbook", "--check", "-vvv", "-e", f"ansible_python_interpreter={sys.executable}",
                  "play.yml"], cwd=site, ANSIBLE_COLLECTIONS_PATH=str(collections),
                 ANSIBLE_CONFIG=str(site / "none.cfg"))
    assert (site / "glance-api.conf").read_text() == "[glance_store]\ndefault_backend = file\n"
    assert "stackdeploy.openstack.ceph_client : Write the keyrings" in output
    assert KEY not in output
    # The whole deployment by FQCN, as an operator with only the installed collection runs it.
    output = run(["ansible-playbook", "stackdeploy.openstack.site", "-i", "localhost,", "--syntax-check"],
                 cwd=site, ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_CONFIG=str(site / "none.cfg"))
    assert output.strip() == "playbook: %s" % (collections / "ansible_collections/stackdeploy/openstack/playbooks/site.yml")


def shipped_sources():
    """The roles', playbooks' and plugins' files, and site.yml."""
    yield os.path.join(ROOT, "site.yml")
    for top in ("roles", "playbooks", "plugins"):
        for dirpath, dummy, files in os.walk(os.path.join(ROOT, top)):
            yield from (os.path.join(dirpath, n) for n in files if n.endswith((".yml", ".py", ".j2")))


def test_every_collection_used_is_declared():
    """Each collection the shipped content names by FQCN is a dependency in galaxy.yml and
    requirements.yml."""
    fqcn = re.compile(r"\b((?:ansible|community|openstack|openvswitch)\.[a-z_]+)\.[a-z_]+\b")
    used = set()
    for path in shipped_sources():
        with open(path, encoding="utf-8") as f:
            used.update(fqcn.findall(f.read()))
    used -= {"ansible.builtin", "ansible.module_utils", "ansible.plugins", "openstack.plugins"}
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as f:
        declared = set(yaml.safe_load(f)["dependencies"])
    with open(os.path.join(ROOT, "requirements.yml"), encoding="utf-8") as f:
        required = {c["name"] for c in yaml.safe_load(f)["collections"]}
    assert used - declared == set(), "used but not in galaxy.yml dependencies"
    assert used - required == set(), "used but not in requirements.yml"
