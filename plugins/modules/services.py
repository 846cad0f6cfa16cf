#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: services
short_description: Several systemd units running and enabled at boot, in one call
version_added: 0.7.0
description:
  - Reads the state of every unit of O(names) with one C(systemctl show), then starts the ones
    that are not running and enables the ones that do not start at boot, each with one
    C(systemctl) call for all of them.
  - A unit that is running and enabled, or that cannot be enabled because it is C(static),
    C(indirect), C(generated) or an alias, is left alone. A masked or unknown unit fails the call
    before anything is changed; in check mode an unknown unit is reported as one that would be
    started (on a new host the package that brings it is not installed yet).
  - Restarts are the handlers' business (M(ansible.builtin.systemd_service) with C(listen));
    this module never restarts a running unit.
author:
  - stackdeploy developers (@stackdeploy)
options:
  names:
    description: The units, such as C(nova-api) or C(ovs-vswitchd.service).
    type: list
    elements: str
    required: true
  enabled:
    description: Whether the units must start at boot too.
    type: bool
    default: true
requirements:
  - systemd
extends_documentation_fragment:
  - stackdeploy.openstack.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
'''

EXAMPLES = r'''
- name: Run the Neutron servers and the DHCP agent now and at boot
  stackdeploy.openstack.services:
    names: [neutron-api, neutron-rpc-server, neutron-dhcp-agent]
'''

RETURN = r'''
started:
  description: The units this call started (or would start, in check mode).
  returned: always
  type: list
  elements: str
enabled_units:
  description: The units this call enabled at boot (or would enable, in check mode).
  returned: always
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule

# UnitFileState values of a unit that needs no enabling (or cannot be enabled).
NEEDS_NO_ENABLE = frozenset(('enabled', 'enabled-runtime', 'static', 'indirect', 'generated', 'alias',
                             'linked', 'linked-runtime'))
RUNNING = frozenset(('active', 'reloading', 'activating'))


def read_states(module, systemctl, names):
    """{name: {LoadState, ActiveState, UnitFileState}} from one systemctl show (blocks in the order asked)."""
    rc, out, err = module.run_command([systemctl, 'show', '--property=LoadState,ActiveState,UnitFileState',
                                       '--'] + names)
    if rc != 0:
        module.fail_json(msg='systemctl show failed: %s' % (err.strip() or out.strip()), rc=rc)
    blocks = out.strip().split('\n\n') if out.strip() else []
    if len(blocks) != len(names):
        module.fail_json(msg='systemctl show answered %d units for %d names' % (len(blocks), len(names)))
    states = {}
    for name, block in zip(names, blocks):
        states[name] = dict(line.split('=', 1) for line in block.splitlines() if '=' in line)
    return states


def main():
    module = AnsibleModule(
        argument_spec=dict(
            names=dict(type='list', elements='str', required=True),
            enabled=dict(type='bool', default=True),
        ),
        supports_check_mode=True,
    )
    names = list(dict.fromkeys(module.params['names']))
    if not names:
        module.exit_json(changed=False, started=[], enabled_units=[])
    systemctl = module.get_bin_path('systemctl', required=True)
    states = read_states(module, systemctl, names)
    broken = []
    for name, state in states.items():
        # In check mode on a new host the package that brings the unit is not installed yet.
        if module.check_mode and state.get('LoadState') == 'not-found':
            module.warn('%s is not installed yet: it would be started and enabled' % name)
            state.update(ActiveState='inactive', UnitFileState='disabled')
        elif state.get('LoadState') != 'loaded' or state.get('UnitFileState') == 'masked':
            broken.append('%s is %s' % (name, 'masked' if state.get('UnitFileState') == 'masked'
                                        else state.get('LoadState')))
    if broken:
        module.fail_json(msg='cannot run: %s' % '; '.join(broken))
    start = [name for name in names if states[name].get('ActiveState') not in RUNNING]
    enable = [name for name in names if module.params['enabled']
              and states[name].get('UnitFileState') not in NEEDS_NO_ENABLE]
    result = dict(changed=bool(start or enable), started=start, enabled_units=enable)
    if module._diff:
        def lines(after):
            return ''.join('%s %s %s\n' % (name,
                                           'active' if after and name in start else states[name].get('ActiveState'),
                                           'enabled' if after and name in enable else states[name].get('UnitFileState'))
                           for name in names)
        result['diff'] = dict(before=lines(False), after=lines(True))
    if module.check_mode or not result['changed']:
        module.exit_json(**result)
    if enable:
        rc, out, err = module.run_command([systemctl, 'enable', '--'] + enable)
        if rc != 0:
            module.fail_json(msg='systemctl enable %s failed: %s' % (' '.join(enable), err.strip() or out.strip()),
                             rc=rc, **result)
    if start:
        rc, out, err = module.run_command([systemctl, 'start', '--'] + start)
        if rc != 0:
            module.fail_json(msg='systemctl start %s failed: %s' % (' '.join(start), err.strip() or out.strip()),
                             rc=rc, **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
