# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The options of module_utils._oslo_ini.COMMON_ARGUMENT_SPEC, shared by the ini modules.
    DOCUMENTATION = r'''
options:
  multi_keys:
    description:
      - Keys whose list values render as repeated lines (oslo.config's MultiStrOpt), as
        C(section/key), or C(key) for any section. Other lists render comma-joined.
    type: list
    elements: str
    default: []
  create:
    description: Create the file when it does not exist; if V(false) a missing file is an error.
    type: bool
    default: true
  validate:
    description:
      - A command run on a temporary copy of the new content before it is installed, C(%s) standing
        for that copy's path. If it fails the file is left untouched and the task fails.
    type: str
  secrets:
    description:
      - Passwords and keys that the settings contain (alone or inside a longer value such as a
        database URL). They are replaced by C(********) wherever they would appear in the
        result, the diff and the logged module arguments, so the task needs no C(no_log) and
        C(--diff) stays useful.
    type: list
    elements: str
    default: []
'''
