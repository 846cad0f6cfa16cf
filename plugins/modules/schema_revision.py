#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: schema_revision
short_description: Compare an OpenStack database's alembic revision with the installed code's heads
version_added: 0.1.0
description:
  - Reads the revisions stored in a database's alembic version table and the head revisions of
    the migration scripts the installed package carries, and says whether the schema is up to
    date, so that a role runs a project's C(db sync) only when it has something to do.
  - In check mode a database that cannot be reached yet (a fresh deployment) is reported as empty,
    with a warning, so that the sync shows as a pending change.
  - One Python process on the host instead of a project's manage command (Keystone, Glance,
    Placement, Nova, Neutron and Cinder all use alembic); the manage commands cost tens of
    seconds each on a slow host. Changes nothing.
  - Every subdirectory of the scripts' C(versions) directory holding migrations is a version
    location, which covers projects with release and expand/contract branches (Neutron, Keystone).
  - A head counts as applied when the database holds it or a revision that descends from it, by
    its down revisions or its C(depends_on), because alembic stores only the newest of those
    (Glance's contract head depends on its expand head, so its table holds the contract head alone).
requirements:
  - alembic and SQLAlchemy on the host, and the database driver of O(connection) (they come with
    every OpenStack service package).
author:
  - stackdeploy developers (@stackdeploy)
options:
  script_location:
    description:
      - The migration scripts, as alembic names them - C(package:directory), such as
        C(nova.db.main:migrations), or an absolute path.
    type: str
    required: true
  connection:
    description: The database URL the service uses (a password inside; never logged).
    type: str
    required: true
  version_table:
    description: The table alembic keeps the revisions in.
    type: str
    default: alembic_version
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode).
    support: none
'''

EXAMPLES = r'''
- name: Read the schema revision of Nova's main database
  stackdeploy.openstack.schema_revision:
    script_location: nova.db.main:migrations
    connection: "{{ nova_database_connection }}"
  register: nova_schema

- name: Sync only when behind
  ansible.builtin.command: nova-manage db sync
  when: not nova_schema.up_to_date
  changed_when: true
'''

RETURN = r'''
current:
  description: The revisions in the version table, sorted; empty for a new database.
  returned: always
  type: list
  elements: str
heads:
  description: The head revisions of the installed migration scripts, sorted.
  returned: always
  type: list
  elements: str
up_to_date:
  description: Every head is applied - stored, or an ancestor of a stored revision.
  returned: always
  type: bool
'''

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible_collections.stackdeploy.openstack.plugins.module_utils._db import table_rows

try:
    from alembic import config as alembic_config
    from alembic import script as alembic_script
    from alembic import util as alembic_util
    import sqlalchemy
    IMPORT_ERROR = None
except ImportError:
    IMPORT_ERROR = traceback.format_exc()


def script_directory(location):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', location)
    versions = os.path.join(alembic_script.ScriptDirectory.from_config(cfg).dir, 'versions')
    locations = sorted(root for root, dummy, files in os.walk(versions)
                       if any(f.endswith('.py') and f != '__init__.py' for f in files))
    # Spaces separate locations (alembic before 1.16 knows no other separator, later ones are
    # told so); OpenStack's install paths have no spaces.
    cfg.set_main_option('path_separator', 'space')
    cfg.set_main_option('version_locations', ' '.join(locations or [versions]))
    return alembic_script.ScriptDirectory.from_config(cfg)


def applied(scripts, current):
    """The stored revisions and all they descend from, through down revisions and depends_on."""
    seen = set()
    todo = list(current)
    while todo:
        revision = todo.pop()
        if revision in seen:
            continue
        seen.add(revision)
        script = scripts.get_revision(revision)
        for ref in alembic_util.to_tuple(script.down_revision, ()) + alembic_util.to_tuple(script.dependencies, ()):
            todo.extend(parent.revision for parent in scripts.get_revisions(ref) if parent)
    return seen


def stored_revisions(connection, table):
    return sorted(row[0] for row in table_rows(connection, table, ['version_num']))


def main():
    module = AnsibleModule(argument_spec=dict(
        script_location=dict(type='str', required=True),
        connection=dict(type='str', required=True, no_log=True),
        version_table=dict(type='str', default='alembic_version'),
    ), supports_check_mode=True)
    if IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('alembic and sqlalchemy'), exception=IMPORT_ERROR)
    if not module.params['version_table'].isidentifier():
        module.fail_json(msg='version_table must be a table name, got %r' % module.params['version_table'])
    try:
        scripts = script_directory(module.params['script_location'])
        heads = sorted(scripts.get_heads())
    except Exception as e:  # alembic raises several kinds for a wrong location
        module.fail_json(msg='cannot read migration scripts at %s: %s' % (module.params['script_location'], e))
    try:
        current = stored_revisions(module.params['connection'], module.params['version_table'])
    except sqlalchemy.exc.SQLAlchemyError as e:
        # The driver's message may carry the URL; it is masked because the option is no_log.
        msg = 'cannot read %s: %s' % (module.params['version_table'], e)
        if not module.check_mode:
            module.fail_json(msg=msg)
        # In check mode the server may not exist yet (a fresh host): predict a sync.
        module.warn(msg)
        current = []
    try:
        up_to_date = bool(current) and set(heads) <= applied(scripts, current)
    except alembic_util.CommandError as e:
        # A revision the installed scripts do not know (a newer release wrote it): the sync says why.
        module.warn('the database holds a revision the installed scripts do not know: %s' % e)
        up_to_date = False
    module.exit_json(changed=False, current=current, heads=heads, up_to_date=up_to_date)


if __name__ == '__main__':
    main()
