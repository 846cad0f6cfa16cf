#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ovs_bridge
short_description: An Open vSwitch bridge and the ports plugged into it
version_added: 0.6.0
description:
  - Makes sure an Open vSwitch bridge exists and that each of O(ports) is plugged into it, with
    Open vSwitch's own C(ovs-vsctl --may-exist add-br) and C(add-port); one call reads the bridge
    and its ports, and only what is missing is added.
  - Leaves everything else of the bridge alone, ports it has beyond O(ports) and its settings
    included, so that the Neutron agent that also manages it (its fail mode, its patch ports)
    never sees a change undone.
  - Fails, changing nothing, when a port is plugged into another bridge; moving it is a decision
    for the operator.
author:
  - stackdeploy developers (@stackdeploy)
options:
  bridge:
    description: The bridge, such as C(br-ex).
    type: str
    required: true
  ports:
    description: Ports (network interfaces) to plug into the bridge.
    type: list
    elements: str
    default: []
  timeout:
    description: Seconds C(ovs-vsctl) waits for C(ovsdb-server) before it gives up.
    type: int
    default: 30
requirements:
  - C(ovs-vsctl), and C(ovsdb-server) running.
extends_documentation_fragment:
  - stackdeploy.openstack.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
'''

EXAMPLES = r'''
- name: The external bridge on the external NIC
  stackdeploy.openstack.ovs_bridge:
    bridge: br-ex
    ports: [ens5]
'''

RETURN = r'''
created:
  description: The bridge did not exist and was created (or would be, in check mode).
  returned: always
  type: bool
added_ports:
  description: The ports plugged in by this run (or that would be, in check mode).
  returned: always
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule


def vsctl(module, *args, **kwargs):
    """Run ovs-vsctl; return (rc, stdout). Exit statuses in kwargs['ok'] are not failures."""
    argv = [module.get_bin_path('ovs-vsctl', required=True), '--timeout=%d' % module.params['timeout']]
    rc, out, err = module.run_command(argv + list(args))
    if rc not in kwargs.get('ok', (0,)):
        module.fail_json(msg='ovs-vsctl %s failed: %s' % (' '.join(args), err.strip() or out.strip()), rc=rc)
    return rc, out


def main():
    module = AnsibleModule(
        argument_spec=dict(
            bridge=dict(type='str', required=True),
            ports=dict(type='list', elements='str', default=[]),
            timeout=dict(type='int', default=30),
        ),
        supports_check_mode=True,
    )
    bridge = module.params['bridge']
    # br-exists: 0 when it exists, 2 when it does not.
    exists = vsctl(module, 'br-exists', bridge, ok=(0, 2))[0] == 0
    current = vsctl(module, 'list-ports', bridge)[1].split() if exists else []
    elsewhere = {}
    for port in module.params['ports']:
        if port in current:
            continue
        rc, owner = vsctl(module, 'port-to-br', port, ok=(0, 1))
        if rc == 0 and owner.strip() != bridge:
            elsewhere[port] = owner.strip()
    if elsewhere:
        module.fail_json(msg='; '.join('%s is plugged into bridge %s, not %s: unplug it first (ovs-vsctl del-port %s %s)'
                                       % (p, b, bridge, b, p) for p, b in sorted(elsewhere.items())))
    added = [p for p in module.params['ports'] if p not in current]
    result = dict(changed=not exists or bool(added), created=not exists, added_ports=added)
    if module._diff:
        result['diff'] = dict(before='bridge %s%s\n' % (bridge, '' if exists else ' (absent)')
                              + ''.join('  port %s\n' % p for p in sorted(current)),
                              after='bridge %s\n' % bridge
                              + ''.join('  port %s\n' % p for p in sorted(set(current) | set(added))))
    if module.check_mode or not result['changed']:
        module.exit_json(**result)
    if not exists:
        vsctl(module, '--may-exist', 'add-br', bridge)
    for port in added:
        vsctl(module, '--may-exist', 'add-port', bridge, port)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
