#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: drbd_info
short_description: Read a DRBD resource's real state on this host
version_added: 0.1.0
description:
  - Reports what the kernel and the backing disk say about one resource - whether it is up, its
    role, connection and disk states, sync progress, whether DRBD metadata exists, what other
    signature the backing disk carries, and whether a split brain was detected - so that a role
    decides every step from real state, never from marker files.
  - Uses C(drbdadm role), C(cstate), C(dstate) and C(dump-md), C(/proc/drbd), C(blkid) and the
    kernel log. Changes nothing.
author:
  - stackdeploy developers (@stackdeploy)
options:
  name:
    description: The resource, as configured in C(/etc/drbd.d).
    type: str
    required: true
  wait_for:
    description:
      - Poll on the host until the resource is V(connected) (connected or resyncing) or
        V(up_to_date) (both disks UpToDate), or a split brain is found, then report. One module
        call however long it takes, so the bound is exact.
    type: str
    choices: [connected, up_to_date]
  timeout:
    description: Seconds to wait for O(wait_for); the module fails naming the state it saw last.
    type: int
    default: 300
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode).
    support: none
'''

EXAMPLES = r'''
- name: Read r0
  stackdeploy.openstack.drbd_info:
    name: r0
  register: r0

- name: Wait, bounded, until both sides are UpToDate
  stackdeploy.openstack.drbd_info:
    name: r0
    wait_for: up_to_date
    timeout: 1800

- name: Create metadata only on a device that has none and carries no other data
  ansible.builtin.command: drbdadm create-md --force r0
  when: not r0.metadata and not r0.up and r0.signature is none
  changed_when: true
'''

RETURN = r'''
up:
  description: The resource is configured in the kernel (C(drbdadm up) has run).
  returned: always
  type: bool
role:
  description: This host's role, C(Primary) or C(Secondary); null when down.
  returned: always
  type: str
peer_role:
  description: The peer's role as this host sees it (C(Unknown) when not connected).
  returned: always
  type: str
connection:
  description: The connection state, such as C(Connected), C(WFConnection), C(SyncSource) or C(StandAlone).
  returned: always
  type: str
disk:
  description: This host's disk state, such as C(UpToDate), C(Inconsistent) or C(Diskless).
  returned: always
  type: str
peer_disk:
  description: The peer's disk state as this host sees it.
  returned: always
  type: str
sync_percent:
  description: Resync progress while a resync runs, from C(/proc/drbd).
  returned: always
  type: float
metadata:
  description: DRBD metadata exists on the backing device (always true while up).
  returned: always
  type: bool
signature:
  description: A non-DRBD signature on the backing device (C(ext4), C(LVM2_member)...), else null.
  returned: always
  type: str
split_brain:
  description: The kernel reported a split brain for this resource's device and it is not connected.
  returned: always
  type: bool
minor:
  description: The resource's device minor.
  returned: always
  type: int
backing_disk:
  description: The backing device configured for this host.
  returned: always
  type: str
'''

import re
import time

from ansible.module_utils.basic import AnsibleModule

UNCONNECTED = ('StandAlone', 'Unconnected', 'WFConnection', 'Connecting', 'NetworkFailure',
               'BrokenPipe', 'Disconnecting', 'Timeout', 'ProtocolError', 'TearDown')


def first_line(module, argv):
    rc, out, dummy = module.run_command(argv)
    return out.strip().splitlines()[0].strip() if rc == 0 and out.strip() else None


def pair(value):
    if not value or '/' not in value:
        return value, None
    mine, peer = value.split('/', 1)
    return mine, peer


def read_state(module, drbdadm, name):
    rc, out, err = module.run_command([drbdadm, 'sh-minor', name])
    if rc != 0:
        module.fail_json(msg='resource %s is not configured on this host: %s' % (name, (err or out).strip()))
    minor = int(out.strip())
    backing = first_line(module, [drbdadm, 'sh-ll-dev', name])
    role, peer_role = pair(first_line(module, [drbdadm, 'role', name]))
    up = role is not None
    connection = first_line(module, [drbdadm, 'cstate', name]) if up else None
    disk, peer_disk = pair(first_line(module, [drbdadm, 'dstate', name]) if up else None)
    kind = ''
    if backing:
        rc, out, dummy = module.run_command(['blkid', '-p', '-o', 'value', '-s', 'TYPE', backing])
        kind = out.strip() if rc == 0 else ''
    signature = kind if kind and kind != 'drbd' else None
    metadata = up or kind == 'drbd'
    if not metadata:
        # After a crash dump-md refuses "unclean" metadata (apply-al first), yet it is there:
        # `drbdadm up` replays the activity log itself. Never mistake it for no metadata.
        rc, out, err = module.run_command([drbdadm, 'dump-md', name])
        metadata = rc == 0 or 'unclean' in out + err
    sync_percent = None
    try:
        with open('/proc/drbd') as handle:
            status = handle.read()
        match = re.search(r'^\s*%d:.*?sync\'ed:\s*([0-9.]+)%%' % minor, status, re.M | re.S)
        if match and connection and connection.startswith('Sync'):
            sync_percent = float(match.group(1))
    except IOError:
        pass
    split_brain = False
    if up and connection in UNCONNECTED:
        rc, out, dummy = module.run_command(['dmesg'])
        split_brain = bool(re.search(r'drbd%d\b.*Split-Brain detected' % minor, out)) or \
            bool(re.search(r'drbd %s.*Split-Brain detected' % re.escape(name), out))
    return dict(up=up, role=role, peer_role=peer_role, connection=connection, disk=disk,
                peer_disk=peer_disk, sync_percent=sync_percent, metadata=metadata,
                signature=signature, split_brain=split_brain, minor=minor, backing_disk=backing)


def reached(state, wait_for):
    if wait_for == 'connected':
        return state['up'] and state['connection'] not in UNCONNECTED
    return state['disk'] == 'UpToDate' and state['peer_disk'] == 'UpToDate'


def main():
    module = AnsibleModule(argument_spec=dict(
        name=dict(type='str', required=True),
        wait_for=dict(type='str', choices=['connected', 'up_to_date']),
        timeout=dict(type='int', default=300),
    ), supports_check_mode=True)
    name, wait_for = module.params['name'], module.params['wait_for']
    drbdadm = module.get_bin_path('drbdadm', required=True)
    deadline = time.time() + module.params['timeout']
    state = read_state(module, drbdadm, name)
    while wait_for and not reached(state, wait_for) and not state['split_brain']:
        if time.time() > deadline:
            module.fail_json(msg='timed out after %ds waiting for %s to be %s; last seen: connection %s, '
                             'disks %s/%s, role %s/%s, sync %s%%'
                             % (module.params['timeout'], name, wait_for.replace('_', ' '),
                                state['connection'], state['disk'], state['peer_disk'], state['role'],
                                state['peer_role'], state['sync_percent']), **state)
        time.sleep(2)
        state = read_state(module, drbdadm, name)
    module.exit_json(changed=False, **state)


if __name__ == '__main__':
    main()
