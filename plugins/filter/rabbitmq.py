# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The broker's users, vhosts and permissions as a definitions document RabbitMQ imports at boot
(and on rabbitmqctl import_definitions), so that no password ever reaches a command line and a
re-run starts no Erlang VM to compare users."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
import hmac
import json
import os

from ansible.errors import AnsibleFilterError

ALGORITHM = 'rabbit_password_hashing_sha256'


def password_hash(password, salt):
    """RabbitMQ's SHA-256 scheme: base64(salt + sha256(salt + password)), a 4-byte salt."""
    digest = hashlib.sha256(salt + password.encode('utf-8')).digest()
    return base64.b64encode(salt + digest).decode('ascii')


def hash_matches(password, encoded):
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (TypeError, ValueError):
        return False
    return len(raw) == 36 and hmac.compare_digest(password_hash(password, raw[:4]), encoded)


def rabbitmq_definitions(users, current=None):
    """users: rabbitmq_users (name, password, vhost, tags). current: the definitions written last
    time (a dict, or a JSON string, or nothing): a user's hash stays while it matches the
    password, so an unchanged inventory renders the same document."""
    if not isinstance(users, list):
        raise AnsibleFilterError('rabbitmq_definitions: users must be a list of dicts')
    if isinstance(current, (str, bytes)):
        current = json.loads(current) if current.strip() else {}
    known = {user.get('name'): user for user in (current or {}).get('users', []) if isinstance(user, dict)}
    out_users, vhosts, permissions = [], [], []
    for user in users:
        name, password = user['name'], str(user['password'])
        old = known.get(name, {})
        kept = old.get('hashing_algorithm') == ALGORITHM and hash_matches(password, old.get('password_hash', ''))
        out_users.append({'name': name,
                          'password_hash': old['password_hash'] if kept else password_hash(password, os.urandom(4)),
                          'hashing_algorithm': ALGORITHM,
                          'tags': list(user.get('tags') or [])})
        vhost = user.get('vhost') or '/'
        if vhost not in vhosts:
            vhosts.append(vhost)
        permissions.append({'user': name, 'vhost': vhost, 'configure': '.*', 'write': '.*', 'read': '.*'})
    return {'users': out_users, 'vhosts': [{'name': vhost} for vhost in vhosts], 'permissions': permissions}


class FilterModule(object):
    def filters(self):
        return {'rabbitmq_definitions': rabbitmq_definitions}
