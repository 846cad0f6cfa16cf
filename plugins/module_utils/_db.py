# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only queries of an OpenStack service's database from the host, for the modules that
answer in one Python process what a project's manage command answers in tens of seconds."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import traceback

try:
    import sqlalchemy
    IMPORT_ERROR = None
except ImportError:
    sqlalchemy = None
    IMPORT_ERROR = traceback.format_exc()


def table_rows(connection, table, columns, where=None):
    """The rows of `columns` in `table` (identifiers from the calling module, never user input);
    [] where the table does not exist yet. A missing SQLite file is not created (connecting
    would make a new database as this module's user)."""
    url = sqlalchemy.engine.make_url(connection)
    if url.get_backend_name() == 'sqlite' and url.database and url.database != ':memory:' \
            and not os.path.exists(url.database):
        return []
    engine = sqlalchemy.create_engine(connection)
    try:
        with engine.connect() as conn:
            if not sqlalchemy.inspect(conn).has_table(table):
                return []
            query = 'SELECT %s FROM %s%s' % (', '.join(columns), table, ' WHERE %s' % where if where else '')
            return [tuple(row) for row in conn.execute(sqlalchemy.text(query))]
    finally:
        engine.dispose()
