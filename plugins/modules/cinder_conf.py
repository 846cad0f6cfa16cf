#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cinder_conf
short_description: Render Cinder's multi-backend configuration into cinder.conf
version_added: 0.1.0
description:
  - Writes Cinder's backends into C(cinder.conf) from a dict keyed by section name, with
    C([DEFAULT] enabled_backends) derived from that dict (sorted), the host's
    C(storage_availability_zone), C(default_volume_type), and overrides merged last.
  - Backend sections are declarative - keys a backend no longer lists are removed; every other
    part of the file (comments, unmanaged keys and sections) is kept as written.
  - Uses the same parser and write path as M(stackdeploy.openstack.oslo_conf).
author:
  - stackdeploy developers (@stackdeploy)
extends_documentation_fragment:
  - ansible.builtin.files
  - stackdeploy.openstack.config_file
  - stackdeploy.openstack.oslo_ini
options:
  path:
    description: Cinder's configuration file.
    type: path
    default: /etc/cinder/cinder.conf
    aliases: [dest]
  backends:
    description:
      - Backend sections by name, each a dict of that section's keys. Every backend needs
        C(volume_driver) and C(volume_backend_name); any other driver key passes through.
      - A backend's C(backend_availability_zone) places it in its own availability zone.
      - Section names may use letters, digits, C(.), C(_) and C(-), and must not differ from each
        other only in case.
    type: dict
    required: true
  storage_availability_zone:
    description: The availability zone of this host's volume service (C([DEFAULT])).
    type: str
  default_volume_type:
    description: The volume type used when a request names none (C([DEFAULT])).
    type: str
  remove_unlisted_backends:
    description:
      - Remove the sections of backends that the file's current C(enabled_backends) lists but
        O(backends) no longer does.
    type: bool
    default: false
  overrides:
    description: Sections mapped to keys mapped to values, merged last (V(null) removes a key).
    type: dict
    default: {}
seealso:
  - module: stackdeploy.openstack.oslo_conf
'''

EXAMPLES = r'''
- name: LVM, NFS and Ceph RBD backends at once, LVM in this host's own zone
  stackdeploy.openstack.cinder_conf:
    storage_availability_zone: compute1
    default_volume_type: rbd
    backends:
      lvm:
        volume_driver: cinder.volume.drivers.lvm.LVMVolumeDriver
        volume_backend_name: lvm
        volume_group: cinder-volumes
        target_helper: tgtadm
        backend_availability_zone: compute1
      nfs:
        volume_driver: cinder.volume.drivers.nfs.NfsDriver
        volume_backend_name: nfs
        nfs_shares_config: /etc/cinder/nfs_shares
      rbd:
        volume_driver: cinder.volume.drivers.rbd.RBDDriver
        volume_backend_name: rbd
        rbd_pool: volumes
        rbd_user: cinder
        rbd_secret_uuid: 457eb676-33da-42ec-9a8c-9293d545c337
        backend_availability_zone: nova
    remove_unlisted_backends: true
    overrides:
      DEFAULT:
        debug: false
    owner: root
    group: cinder
    mode: "0640"
'''

RETURN = r'''
changes:
  description: The C(section/key) entries that changed (C(section/*) for a section removed).
  returned: always
  type: list
  elements: str
  sample: [DEFAULT/enabled_backends, lvm/volume_group]
enabled_backends:
  description: The backends now enabled, in the order written.
  returned: always
  type: list
  elements: str
  sample: [lvm, nfs, rbd]
backup_file:
  description: Where the previous file was saved.
  returned: when O(backup=true) and the file changed
  type: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.stackdeploy.openstack.plugins.module_utils._openstack_names import (
    ZONE_HINT, ZONE_NAME, section_name_errors)
from ansible_collections.stackdeploy.openstack.plugins.module_utils._oslo_ini import (
    COMMON_ARGUMENT_SPEC, edit_file)

REQUIRED_BACKEND_KEYS = ('volume_driver', 'volume_backend_name')


def check_backends(backends, zone):
    """Every reason the input is wrong, each naming the option and how to fix it."""
    errors = section_name_errors(backends, 'backends')
    for name in sorted(backends):
        keys = backends[name]
        if not isinstance(keys, dict):
            errors.append('backends.%s must be a dict of cinder.conf keys' % name)
            continue
        for key in REQUIRED_BACKEND_KEYS:
            if not keys.get(key):
                errors.append('backends.%s has no %s: set it (every backend needs %s)'
                              % (name, key, ' and '.join(REQUIRED_BACKEND_KEYS)))
        backend_zone = keys.get('backend_availability_zone')
        if backend_zone is not None and not ZONE_NAME.match(str(backend_zone)):
            errors.append('backends.%s.backend_availability_zone %r: %s'
                          % (name, backend_zone, ZONE_HINT))
    if zone is not None and not ZONE_NAME.match(zone):
        errors.append('storage_availability_zone %r: %s' % (zone, ZONE_HINT))
    return errors


def plan(params, document):
    backends = params['backends']
    enabled = sorted(backends)
    default = {'enabled_backends': enabled}
    for key in ('storage_availability_zone', 'default_volume_type'):
        if params[key] is not None:
            default[key] = params[key]
    settings = {'DEFAULT': default}
    settings.update((name, dict(backends[name])) for name in enabled)
    for section, keys in params['overrides'].items():
        settings.setdefault(section, {}).update(keys or {})
    absent = []
    if params['remove_unlisted_backends']:
        current = ','.join(document.get('DEFAULT', 'enabled_backends')).split(',')
        absent = [name.strip() for name in current if name.strip() and name.strip() not in backends]
    return dict(settings=settings, exclusive_sections=enabled, absent_sections=absent)


def main():
    argument_spec = dict(
        COMMON_ARGUMENT_SPEC,
        path=dict(type='path', default='/etc/cinder/cinder.conf', aliases=['dest']),
        backends=dict(type='dict', required=True),
        storage_availability_zone=dict(type='str'),
        default_volume_type=dict(type='str'),
        remove_unlisted_backends=dict(type='bool', default=False),
        overrides=dict(type='dict', default={}),
    )
    module = AnsibleModule(argument_spec=argument_spec, add_file_common_args=True,
                           supports_check_mode=True)
    errors = check_backends(module.params['backends'], module.params['storage_availability_zone'])
    if errors:
        module.fail_json(msg='; '.join(errors), errors=errors)
    result = edit_file(module, lambda document: plan(module.params, document))
    result['enabled_backends'] = sorted(module.params['backends'])
    module.exit_json(**result)


if __name__ == '__main__':
    main()
