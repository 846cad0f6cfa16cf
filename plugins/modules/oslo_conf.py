#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: oslo_conf
short_description: Manage keys of an oslo.config-style ini file idempotently
version_added: 0.1.0
description:
  - Sets and removes keys in an OpenStack service's ini file (C(cinder.conf), C(glance-api.conf),
    C(nova.conf), C(neutron.conf), C(l3_agent.ini)...) from a nested dict of sections and keys.
  - The file is parsed, edited in memory and compared; only lines whose values differ change.
    Comments, ordering and keys the module is not given are kept as they were.
  - A list value renders comma-joined, or as one line per item for keys named in O(multi_keys)
    (oslo.config's MultiStrOpt).
author:
  - stackdeploy developers (@stackdeploy)
extends_documentation_fragment:
  - ansible.builtin.files
  - stackdeploy.openstack.config_file
  - stackdeploy.openstack.oslo_ini
options:
  path:
    description: The ini file to edit.
    type: path
    required: true
    aliases: [dest]
  settings:
    description:
      - Sections mapped to keys mapped to values. A V(null) value removes the key.
      - Booleans render as V(true)/V(false); numbers as written.
    type: dict
    default: {}
  exclusive_sections:
    description: Sections in which keys not given in O(settings) are removed.
    type: list
    elements: str
    default: []
  absent_sections:
    description: Sections removed whole, with their keys and comments.
    type: list
    elements: str
    default: []
seealso:
  - module: stackdeploy.openstack.cinder_conf
  - module: community.general.ini_file
'''

EXAMPLES = r'''
- name: Point Glance at its NFS-backed file store
  stackdeploy.openstack.oslo_conf:
    path: /etc/glance/glance-api.conf
    settings:
      DEFAULT:
        enabled_backends: "file:file"
      glance_store:
        default_backend: file
      file:
        filesystem_store_datadir: /var/lib/glance/images
    owner: root
    group: glance
    mode: "0640"

- name: Repeated keys for a MultiStrOpt, and a key removed
  stackdeploy.openstack.oslo_conf:
    path: /etc/nova/nova.conf
    settings:
      pci:
        device_spec:
          - '{"vendor_id": "8086", "product_id": "10fb"}'
          - '{"vendor_id": "15b3", "product_id": "1017"}'
      DEFAULT:
        debug: null
    multi_keys: [pci/device_spec]
'''

RETURN = r'''
changes:
  description: The C(section/key) entries that changed (C(section/*) for a section removed).
  returned: always
  type: list
  elements: str
  sample: [DEFAULT/enabled_backends, lvm/volume_group]
backup_file:
  description: Where the previous file was saved.
  returned: when O(backup=true) and the file changed
  type: str
  sample: /etc/cinder/cinder.conf.12345.2026-11-21@10:00:00~
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.stackdeploy.openstack.plugins.module_utils._oslo_ini import (
    COMMON_ARGUMENT_SPEC, edit_file)


def main():
    argument_spec = dict(
        COMMON_ARGUMENT_SPEC,
        path=dict(type='path', required=True, aliases=['dest']),
        settings=dict(type='dict', default={}),
        exclusive_sections=dict(type='list', elements='str', default=[]),
        absent_sections=dict(type='list', elements='str', default=[]),
    )
    module = AnsibleModule(argument_spec=argument_spec, add_file_common_args=True,
                           supports_check_mode=True)
    for section, keys in module.params['settings'].items():
        if keys is not None and not isinstance(keys, dict):
            module.fail_json(msg='settings.%s must be a dict of keys, got %s'
                             % (section, type(keys).__name__))
    module.exit_json(**edit_file(module, lambda document: dict(
        settings=module.params['settings'],
        exclusive_sections=module.params['exclusive_sections'],
        absent_sections=module.params['absent_sections'])))


if __name__ == '__main__':
    main()
