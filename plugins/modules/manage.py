#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: manage
short_description: Run an OpenStack manage command with its secret arguments off the process table
version_added: 0.6.0
description:
  - Runs a Python console script such as C(keystone-manage) or C(nova-manage) with O(argv) and
    then O(secret_argv), like M(ansible.builtin.command), except that the secret arguments never
    appear in a command line, an environment or a log.
  - The script runs inside C(python3 -c) with the public arguments on its command line; the secret
    ones arrive on its standard input and are appended to C(sys.argv) in the process, which
    C(/proc/PID/cmdline) (so C(ps), C(sudo)'s log and Ansible's C(-vvv) output) never shows.
  - Manage commands act, so a run always reports a change; gate the task with C(when). In check
    mode nothing runs and a change is reported.
author:
  - stackdeploy developers (@stackdeploy)
options:
  command:
    description: The console script, by name (looked up in C(PATH)) or by absolute path.
    type: str
    required: true
  argv:
    description: The arguments that may be seen.
    type: list
    elements: str
    default: []
  secret_argv:
    description:
      - Arguments appended after O(argv), such as C(--bootstrap-password) and its value. Never
        logged, and masked in the returned output.
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - stackdeploy.openstack.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
'''

EXAMPLES = r'''
- name: Bootstrap Keystone's admin, the password off the command line
  stackdeploy.openstack.manage:
    command: keystone-manage
    argv: [bootstrap, --bootstrap-region-id, RegionOne]
    secret_argv: [--bootstrap-password, "{{ keystone_admin_password }}"]
  become: true
  become_user: keystone

- name: Map cell0 to its database
  stackdeploy.openstack.manage:
    command: nova-manage
    argv: [cell_v2, map_cell0]
    secret_argv: [--database_connection, "{{ nova_cell0_database_connection }}"]
  become: true
  become_user: nova
'''

RETURN = r'''
cmd:
  description: The command and its public arguments (the secret ones are not returned).
  returned: always
  type: list
  elements: str
rc:
  description: The command's exit status; not returned in check mode.
  returned: success
  type: int
stdout:
  description: What the command printed, secrets masked.
  returned: success
  type: str
stderr:
  description: What the command printed on its standard error, secrets masked.
  returned: success
  type: str
'''

import json
import sys

from ansible.module_utils.basic import AnsibleModule

# Runs the script as its own __main__, with the secret arguments read from stdin.
RUNNER = ('import json, runpy, sys; '
          'sys.argv = sys.argv[1:] + json.load(sys.stdin); '
          'runpy.run_path(sys.argv[0], run_name="__main__")')


def main():
    module = AnsibleModule(
        argument_spec=dict(
            command=dict(type='str', required=True),
            argv=dict(type='list', elements='str', default=[]),
            secret_argv=dict(type='list', elements='str', default=[], no_log=True),
        ),
        supports_check_mode=True,
    )
    command = module.params['command']
    script = command if command.startswith('/') else module.get_bin_path(command, required=True)
    cmd = [command] + module.params['argv']
    if module.check_mode:
        module.exit_json(changed=True, cmd=cmd)
    rc, stdout, stderr = module.run_command(
        [sys.executable, '-c', RUNNER, script] + module.params['argv'],
        data=json.dumps(module.params['secret_argv']), binary_data=True)
    result = dict(cmd=cmd, rc=rc, stdout=stdout, stderr=stderr)
    if rc != 0:
        module.fail_json(msg='%s exited with %d' % (' '.join(cmd), rc), **result)
    module.exit_json(changed=True, **result)


if __name__ == '__main__':
    main()
