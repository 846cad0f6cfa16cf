#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: drbd_resource
short_description: Render a DRBD resource file (8.4 or 9 syntax), validated by drbdadm
version_added: 0.1.0
description:
  - Writes C(/etc/drbd.d/NAME.res) from structured input - protocol, hosts, net and disk options,
    fencing, peer authentication, startup and handlers - in DRBD 8.4 or DRBD 9 syntax, chosen by
    the caller or read from the host's kernel module.
  - Compares by meaning, so a file that differs only in layout or comments is not changed.
  - Validates the candidate with the matching C(drbdadm -c FILE dump NAME) before installing it,
    which also proves this host is one of the resource's hosts.
  - Does not touch the running resource; RV(adjust_needed) tells a handler to run C(drbdadm adjust).
  - Refuses C(allow_two_primaries) without a fencing policy, unless the risk is accepted explicitly.
author:
  - stackdeploy developers (@stackdeploy)
extends_documentation_fragment:
  - ansible.builtin.files
  - stackdeploy.openstack.config_file
options:
  name:
    description: The resource name.
    type: str
    required: true
  path:
    description: The resource file; V(/etc/drbd.d/NAME.res) when unset.
    type: path
  version:
    description:
      - The syntax to write. V(auto) reads the loaded module's version (C(/sys/module/drbd/version)),
        then C(modinfo drbd).
    type: str
    choices: [auto, '8.4', '9']
    default: auto
  protocol:
    description: The replication protocol; C(C) is synchronous and needed for dual-primary.
    type: str
    choices: [A, B, C]
    default: C
  hosts:
    description: The resource's hosts, each with its own endpoint and device.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The host's name as C(uname -n) reports it.
        type: str
        required: true
      address:
        description: The replication address (IPv4 or IPv6).
        type: str
        required: true
      port:
        description: The replication port; O(port) when unset.
        type: int
      node_id:
        description: The DRBD 9 node id; the host's index in O(hosts) when unset.
        type: int
      minor:
        description: The device minor (C(/dev/drbdMINOR)); O(minor) when unset.
        type: int
      disk:
        description: The backing block device; O(disk) when unset.
        type: str
      meta_disk:
        description: Where metadata lives; O(meta_disk) when unset.
        type: str
  port:
    description: Default replication port for every host.
    type: int
    default: 7789
  minor:
    description: Default device minor for every host.
    type: int
  disk:
    description: Default backing device for every host.
    type: str
  meta_disk:
    description: Default metadata location for every host.
    type: str
    default: internal
  allow_two_primaries:
    description: Dual-primary (both hosts may be Primary at once). Needs protocol C and fencing.
    type: bool
    default: false
  fencing:
    description:
      - The fencing policy; placed in C(disk) for 8.4 and in C(net) for 9.
      - V(resource-only) and V(resource-and-stonith) need a C(fence-peer) handler in O(handlers);
        without one DRBD fences nothing, so the module refuses them.
    type: str
    choices: [dont-care, resource-only, resource-and-stonith]
  accept_dual_primary_without_fencing:
    description: Allow dual-primary without fencing anyway; the module warns.
    type: bool
    default: false
  shared_secret:
    description: Peer authentication secret (C(cram-hmac-alg) with C(shared-secret)).
    type: str
  cram_hmac_alg:
    description: The HMAC algorithm for peer authentication.
    type: str
    default: sha256
  net:
    description: Further C(net) options, such as C(after-sb-0pri); booleans render yes/no.
    type: dict
    default: {}
  disk_options:
    description: Further C(disk) section options, such as C(on-io-error) or C(resync-rate).
    type: dict
    default: {}
  options:
    description: Resource C(options) section (DRBD 9 quorum settings, for example).
    type: dict
    default: {}
  startup:
    description: The C(startup) section, such as C(become-primary-on) or C(wfc-timeout).
    type: dict
    default: {}
  handlers:
    description: The C(handlers) section; each value is a command, quoted as DRBD needs.
    type: dict
    default: {}
  validate:
    description: Check the candidate with C(drbdadm -c FILE dump NAME) before installing it.
    type: bool
    default: true
notes:
  - O(shared_secret) is never logged; it is masked in diffs and results.
  - The file is created with mode C(0600) unless O(mode) says otherwise, as it may hold the secret.
seealso:
  - name: DRBD user guide
    description: Configuring dual-primary mode, fencing and split-brain recovery.
    link: https://linbit.com/drbd-user-guide/
'''

EXAMPLES = r'''
- name: Dual-primary resource for LVM on top, DRBD 8.4 as bookworm's kernel has it
  stackdeploy.openstack.drbd_resource:
    name: r0
    minor: 0
    disk: /dev/disk/by-id/virtio-data
    hosts:
      - {name: compute1, address: 10.20.0.11}
      - {name: compute2, address: 10.20.0.12}
    allow_two_primaries: true
    fencing: resource-only
    handlers:
      fence-peer: /usr/lib/drbd/crm-fence-peer.sh
      after-resync-target: /usr/lib/drbd/crm-unfence-peer.sh
    net:
      after-sb-0pri: discard-zero-changes
      after-sb-1pri: discard-secondary
      after-sb-2pri: disconnect
    shared_secret: "{{ drbd_r0_secret }}"
  register: r0
  notify: drbd adjust

- name: Three nodes need DRBD 9 syntax (node-id, connection-mesh)
  stackdeploy.openstack.drbd_resource:
    name: r1
    version: "9"
    minor: 1
    disk: /dev/vdc
    hosts:
      - {name: a, address: 10.20.0.11, node_id: 0}
      - {name: b, address: 10.20.0.12, node_id: 1}
      - {name: c, address: 10.20.0.13, node_id: 2}
'''

RETURN = r'''
path:
  description: The resource file.
  returned: always
  type: str
  sample: /etc/drbd.d/r0.res
version:
  description: The DRBD syntax written.
  returned: always
  type: str
  sample: '8.4'
adjust_needed:
  description: The file changed, so the running resource should be adjusted (C(drbdadm adjust)).
  returned: always
  type: bool
backup_file:
  description: Where the previous file was saved.
  returned: when O(backup=true) and the file changed
  type: str
'''

import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.stackdeploy.openstack.plugins.module_utils._config_file import (
    read_text, write_config)
from ansible_collections.stackdeploy.openstack.plugins.module_utils._drbd import (
    FENCING, check, complete_hosts, render, tokens)

HOST_SPEC = dict(
    name=dict(type='str', required=True),
    address=dict(type='str', required=True),
    port=dict(type='int'),
    node_id=dict(type='int'),
    minor=dict(type='int'),
    disk=dict(type='str'),
    meta_disk=dict(type='str'),
)
DRBDADM_84 = '/usr/lib/drbd/drbdadm-84'


def detect_version(module):
    """8.4 or 9, from the loaded module or else the installed one."""
    version = None
    if os.path.exists('/sys/module/drbd/version'):
        with open('/sys/module/drbd/version') as handle:
            version = handle.read().strip()
    else:
        modinfo = module.get_bin_path('modinfo')
        rc, out, dummy = module.run_command([modinfo, '-F', 'version', 'drbd']) if modinfo else (1, '', '')
        version = out.strip() if rc == 0 else None
    if not version:
        module.fail_json(msg='version=auto: no DRBD kernel module found on this host; load drbd or '
                             'set version to 8.4 or 9')
    return '8.4' if version.startswith('8.') else '9'


def validator(module, spec):
    """drbdadm for the syntax written: DRBD 9's drbdadm, or drbd-utils' 8.4 parser."""
    if spec['version'] == '8.4' and os.path.exists(DRBDADM_84):
        drbdadm = DRBDADM_84
    else:
        drbdadm = module.get_bin_path('drbdadm', required=True)

    def validate(candidate):
        return module.run_command([drbdadm, '-c', candidate, 'dump', spec['name']])
    return validate


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            path=dict(type='path'),
            version=dict(type='str', choices=['auto', '8.4', '9'], default='auto'),
            protocol=dict(type='str', choices=['A', 'B', 'C'], default='C'),
            hosts=dict(type='list', elements='dict', required=True, options=HOST_SPEC),
            port=dict(type='int', default=7789),
            minor=dict(type='int'),
            disk=dict(type='str'),
            meta_disk=dict(type='str', default='internal'),
            allow_two_primaries=dict(type='bool', default=False),
            fencing=dict(type='str', choices=['dont-care'] + list(FENCING)),
            accept_dual_primary_without_fencing=dict(type='bool', default=False),
            shared_secret=dict(type='str', no_log=True),
            cram_hmac_alg=dict(type='str', default='sha256'),
            net=dict(type='dict', default={}),
            disk_options=dict(type='dict', default={}),
            options=dict(type='dict', default={}),
            startup=dict(type='dict', default={}),
            handlers=dict(type='dict', default={}),
            validate=dict(type='bool', default=True),
            backup=dict(type='bool', default=False),
        ),
        add_file_common_args=True,
        supports_check_mode=True,
    )
    if module.params['mode'] is None:
        # The file may hold the peers' shared secret; only root's drbdadm reads it.
        module.params['mode'] = '0600'
    spec = dict(module.params)
    if spec['version'] == 'auto':
        spec['version'] = detect_version(module)
    spec['hosts'] = complete_hosts(spec)
    errors = check(spec)
    if errors:
        module.fail_json(msg='; '.join(errors), errors=errors)
    if spec['allow_two_primaries'] and spec['fencing'] not in FENCING:
        module.warn('%s: dual-primary without fencing; after a network split both nodes may write '
                    'and their data diverge' % spec['name'])
    path = module.params['path'] or '/etc/drbd.d/%s.res' % spec['name']
    before = read_text(path)
    after = render(spec)
    changed = before is None or tokens(before) != tokens(after)
    validate = validator(module, spec) if module.params['validate'] else None
    result = write_config(module, path, before, after, validate=validate,
                          backup=module.params['backup'], changed=changed)
    result.update(path=path, version=spec['version'], adjust_needed=changed)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
