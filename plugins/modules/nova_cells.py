#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: nova_cells
short_description: Nova's cells and the compute hosts not yet mapped into one, read from the databases
version_added: 0.7.0
description:
  - Reads the cell mappings and host mappings of Nova's API database and the compute nodes of a
    cell's database, and returns the cells by name and the compute hosts that have no host
    mapping yet, so that a role runs C(nova-manage cell_v2 map_cell0), C(create_cell) and
    C(discover_hosts) only when they have something to do.
  - One Python process on the host instead of C(nova-manage cell_v2 list_cells), which loads all of
    Nova and takes tens of seconds on a slow host. Changes nothing.
  - A table that does not exist yet (a new database) reads as empty. In check mode a database that
    cannot be reached yet (a fresh deployment) is reported as empty, with a warning.
requirements:
  - SQLAlchemy on the host, and the database driver of the connections (they come with Nova).
author:
  - stackdeploy developers (@stackdeploy)
options:
  api_connection:
    description: The URL of Nova's API database (C(nova_api)); never logged.
    type: str
    required: true
  cell_connection:
    description:
      - The URL of the database of the cell the compute hosts register in (cell1's); never logged.
      - Without it, O(ignore:hosts) and O(ignore:unmapped_hosts) are empty.
    type: str
extends_documentation_fragment:
  - stackdeploy.openstack.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
'''

EXAMPLES = r'''
- name: Read the cells and the hosts not yet mapped
  stackdeploy.openstack.nova_cells:
    api_connection: "{{ nova_api_database_connection }}"
    cell_connection: "{{ nova_database_connection }}"
  register: cells

- name: Map new compute hosts into their cell
  ansible.builtin.command:
    argv: [nova-manage, cell_v2, discover_hosts]
  when: cells.unmapped_hosts | length > 0
  changed_when: true
'''

RETURN = r'''
cells:
  description: The cells' names (C(cell0), C(cell1)...), sorted.
  returned: always
  type: list
  elements: str
hosts:
  description: The compute hosts of the cell's database (compute nodes not deleted), sorted.
  returned: always
  type: list
  elements: str
unmapped_hosts:
  description: Those of O(ignore:hosts) without a host mapping in the API database.
  returned: always
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.stackdeploy.openstack.plugins.module_utils import _db


def main():
    module = AnsibleModule(argument_spec=dict(
        api_connection=dict(type='str', required=True, no_log=True),
        cell_connection=dict(type='str', no_log=True),
    ), supports_check_mode=True)
    if _db.IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('sqlalchemy'), exception=_db.IMPORT_ERROR)
    api, cell = module.params['api_connection'], module.params['cell_connection']
    try:
        cells = sorted(set(row[0] for row in _db.table_rows(api, 'cell_mappings', ['name']) if row[0]))
        mapped = set(row[0] for row in _db.table_rows(api, 'host_mappings', ['host']))
        hosts = sorted(set(row[0] for row in _db.table_rows(cell, 'compute_nodes', ['host'], 'deleted = 0')
                           if row[0])) if cell else []
    except _db.sqlalchemy.exc.SQLAlchemyError as e:
        # The driver's message may carry a URL: masked, since both options are no_log.
        msg = 'cannot read the cell and host mappings: %s' % e
        if not module.check_mode:
            module.fail_json(msg=msg)
        module.warn(msg)
        cells, mapped, hosts = [], set(), []
    module.exit_json(changed=False, cells=cells, hosts=hosts,
                     unmapped_hosts=[host for host in hosts if host not in mapped])


if __name__ == '__main__':
    main()
