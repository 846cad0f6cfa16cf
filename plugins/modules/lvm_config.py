#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: lvm_config
short_description: Set or remove settings in lvm.conf or lvmlocal.conf, leaving the rest as it is
version_added: 0.1.0
description:
  - Edits the lvm.conf grammar structurally - sections, C(key = value), arrays, comments - so a
    setting such as C(devices/filter) changes while every other line of the vendor's file stays
    byte for byte as it was. A setting already holding the wanted value is not a change, however
    it is formatted.
  - The candidate file is checked with C(lvmconfig --validate) (run with C(LVM_SYSTEM_DIR) pointing
    at a directory that holds it) before it is installed.
  - Warns when a setting is ignored by the host's LVM, such as C(devices/write_cache_state) since
    LVM 2.03, or filters while a devices file is in use.
author:
  - stackdeploy developers (@stackdeploy)
extends_documentation_fragment:
  - ansible.builtin.files
  - stackdeploy.openstack.config_file
options:
  path:
    description: The file to edit.
    type: path
    default: /etc/lvm/lvm.conf
    aliases: [dest]
  settings:
    description:
      - Settings by their C(section/key) path (as C(lvmconfig) names them), each mapped to its value,
        an integer, a string, or a list for an array. V(null) removes the setting.
    type: dict
    required: true
  validate:
    description: Check the candidate with C(lvmconfig --validate) before installing it.
    type: bool
    default: true
seealso:
  - name: lvm.conf(5)
    description: The LVM configuration file format.
    link: https://man7.org/linux/man-pages/man5/lvm.conf.5.html
'''

EXAMPLES = r'''
- name: LVM sees PVs on DRBD devices, never on their backing disk
  stackdeploy.openstack.lvm_config:
    settings:
      devices/filter: ["a|^/dev/drbd[0-9]+$|", "r|^/dev/vdb$|"]
      devices/global_filter: ["a|^/dev/drbd[0-9]+$|", "r|^/dev/vdb$|"]
      devices/use_devicesfile: 0
    backup: true

- name: Remove a setting again
  stackdeploy.openstack.lvm_config:
    path: /etc/lvm/lvmlocal.conf
    settings:
      devices/write_cache_state: null
'''

RETURN = r'''
values:
  description: Each given setting as the new file holds it (V(null) when absent).
  returned: always
  type: dict
  sample: {"devices/filter": ["a|^/dev/drbd[0-9]+$|", "r|.*|"]}
changes:
  description: The settings whose value changed.
  returned: always
  type: list
  elements: str
lvm_version:
  description: The host's LVM version, when C(lvm) is installed.
  returned: always
  type: str
  sample: 2.03.16
backup_file:
  description: Where the previous file was saved.
  returned: when O(backup=true) and the file changed
  type: str
'''

import os
import re
import shutil
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.stackdeploy.openstack.plugins.module_utils._config_file import (
    read_text, write_config)
from ansible_collections.stackdeploy.openstack.plugins.module_utils._lvm_conf import (
    LvmConfError, get, normalise, set_value)

SETTING_PATH = re.compile(r'^[A-Za-z0-9_]+(/[A-Za-z0-9_]+)+$')
FILTERS = ('devices/filter', 'devices/global_filter')
QUIET = {'LVM_SUPPRESS_FD_WARNINGS': '1'}


def lvm_version(module):
    lvm = module.get_bin_path('lvm')
    if not lvm:
        return None
    rc, out, dummy = module.run_command([lvm, 'version'], environ_update=QUIET)
    match = re.search(r'LVM version:\s*([0-9.]+)', out)
    return match.group(1) if rc == 0 and match else None


def validator(module, path):
    """lvmconfig reads lvm.conf (and lvmlocal.conf) from LVM_SYSTEM_DIR: lay the candidate there."""
    lvmconfig = module.get_bin_path('lvmconfig', required=True)

    def validate(candidate):
        directory = tempfile.mkdtemp(dir=module.tmpdir)
        name = 'lvmlocal.conf' if os.path.basename(path) == 'lvmlocal.conf' else 'lvm.conf'
        shutil.copy(candidate, os.path.join(directory, name))
        sibling = os.path.join(os.path.dirname(path), 'lvm.conf')
        if name != 'lvm.conf' and os.path.exists(sibling):
            shutil.copy(sibling, os.path.join(directory, 'lvm.conf'))
        return module.run_command([lvmconfig, '--validate'],
                                  environ_update=dict(QUIET, LVM_SYSTEM_DIR=directory))
    return validate


def warnings_for(module, version, settings, text):
    notes = []
    if version and tuple(int(p) for p in version.split('.')[:2]) >= (2, 3):
        if settings.get('devices/write_cache_state') is not None:
            notes.append('devices/write_cache_state is ignored by LVM %s (2.03 dropped the '
                         'persistent device cache); it is safe to remove' % version)
    if any(settings.get(key) is not None for key in FILTERS):
        uses_file = get(text, 'devices/use_devicesfile')
        if uses_file is None and module.get_bin_path('lvmconfig'):
            rc, out, dummy = module.run_command(
                ['lvmconfig', '--typeconfig', 'default', '--valuesonly', 'devices/use_devicesfile'],
                environ_update=QUIET)
            uses_file = int(out.strip()) if rc == 0 and out.strip().isdigit() else None
        if uses_file == 1:
            notes.append('devices/use_devicesfile is 1: LVM ignores devices/filter and '
                         'devices/global_filter while a devices file is in use; set '
                         'devices/use_devicesfile to 0 or list the devices with lvmdevices')
    return notes


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path', default='/etc/lvm/lvm.conf', aliases=['dest']),
            settings=dict(type='dict', required=True),
            validate=dict(type='bool', default=True),
            backup=dict(type='bool', default=False),
        ),
        add_file_common_args=True,
        supports_check_mode=True,
    )
    path, settings = module.params['path'], module.params['settings']
    bad = sorted(key for key in settings if not SETTING_PATH.match(key))
    if bad:
        module.fail_json(msg='settings: %s must be section/key paths such as devices/filter'
                         % ', '.join(bad))
    before = read_text(path)
    if before is None:
        module.fail_json(msg='%s does not exist; install lvm2 first' % path)
    text, changes = before, []
    try:
        for key in sorted(settings):
            new = set_value(text, key, settings[key])
            if new != text:
                changes.append(key)
            text = new
    except LvmConfError as err:
        module.fail_json(msg='cannot parse %s: %s' % (path, err))
    version = lvm_version(module)
    for note in warnings_for(module, version, settings, text):
        module.warn(note)
    validate = validator(module, path) if module.params['validate'] else None
    result = write_config(module, path, before, text, validate=validate,
                          backup=module.params['backup'])
    result.update(changes=changes, lvm_version=version,
                  values=dict((key, normalise(get(text, key))) for key in settings))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
