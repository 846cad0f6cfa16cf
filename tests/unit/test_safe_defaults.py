"""Nothing is world-open by default: no export to every host, no world-writable mode, secrets
readable by their service group at most, and no_root_squash only where a role documents why."""
import glob
import os

import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

from ansible_collections.stackdeploy.openstack.plugins.filter.nfs import nfs_export_errors

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tasks():
    for path in glob.glob(os.path.join(ROOT, "roles", "*", "tasks", "*.yml")):
        with open(path) as handle:
            for task in yaml.safe_load(handle) or []:
                for module, args in task.items():
                    if isinstance(args, dict) and "mode" in args:
                        yield os.path.relpath(path, ROOT), task.get("name"), args


def test_no_task_sets_a_world_writable_mode():
    literal = [(path, name, args["mode"]) for path, name, args in tasks() if "{{" not in str(args["mode"])]
    assert literal, "found no modes: the scan is broken"
    assert [(path, name, mode) for path, name, mode in literal if int(str(mode), 8) & 0o002] == []


def test_files_holding_secrets_are_not_world_readable():
    # DRBD resource files (shared secrets) are written by drbd_resource, 0600 by default.
    secret = ("keyring", "secrets", "cinder.conf", "nova.conf", "glance-api.conf", "nfs_shares",
              "Neutron")
    found = [(path, name, args["mode"]) for path, name, args in tasks()
             if any(word in str(args.get("dest", "")) + str(args.get("path", "")) + name for word in secret)]
    assert found, "found no secret-bearing files: the scan is broken"
    assert [(path, name, mode) for path, name, mode in found if int(str(mode), 8) & 0o004] == []


def test_default_exports_are_restricted_and_squash_root_except_cinder_and_nova():
    # Rendered as Ansible renders the role's defaults and vars, with the one variable they require.
    loader = DataLoader()
    defaults = loader.load_from_file(os.path.join(ROOT, "roles", "nfs_server", "defaults", "main.yml"),
                                     trusted_as_template=True)
    role_vars = loader.load_from_file(os.path.join(ROOT, "roles", "nfs_server", "vars", "main.yml"))
    variables = dict(defaults, **role_vars, nfs_server_allowed_network="10.20.0.0/24", inventory_hostname="controller")
    exports = Templar(loader=loader, variables=variables).template(defaults["nfs_server_exports"])
    assert nfs_export_errors(exports) == []
    no_root_squash = [e["path"] for e in exports for c in e["clients"] if "no_root_squash" in c.get("options", [])]
    # Documented in roles/nfs_server/defaults/main.yml: their clients read or chown files as root.
    assert no_root_squash == ["/srv/nfs/cinder", "/srv/nfs/nova"]
    modes = {e["path"]: e["mode"] for e in exports}
    assert all(int(mode, 8) & 0o007 == 0 for mode in modes.values()), modes
