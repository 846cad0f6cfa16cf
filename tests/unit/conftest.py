"""Import the collection as ansible_collections.stackdeploy.openstack and run modules in-process."""
import json
import os

import pytest
from ansible.module_utils import _internal
from ansible.module_utils.testing import patch_module_args
from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_AnsibleCollectionFinder(paths=[os.path.join(ROOT, '.collections')])._install()


class ModuleRunner:
    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, module, args, check_mode=False, diff=False):
        """Run module.main() with args; return its JSON result (failed ones included)."""
        full = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
        self.capsys.readouterr()
        # Importing the collection loader marks this process as the controller, where warnings
        # go to the display; a module runs on a target, where they go into its result.
        controller, _internal.is_controller = _internal.is_controller, False
        try:
            with patch_module_args(full), pytest.raises(SystemExit):
                module.main()
        finally:
            _internal.is_controller = controller
        return json.loads(self.capsys.readouterr().out)


@pytest.fixture
def run_module(capsys):
    return ModuleRunner(capsys)
