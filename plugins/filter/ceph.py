# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ceph_client role's input checks and its key-free view of the cluster users."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import os
import re
import uuid

NAME = re.compile(r'^[A-Za-z0-9_-]+$')


def _key_error(key, where):
    # A cephx secret is base64 of a 12-byte header and a 16-byte AES key.
    try:
        if len(base64.b64decode(str(key), validate=True)) == 28:
            return []
    except (ValueError, TypeError):
        pass
    return ['%s is not a cephx key (ceph auth get-key prints one)' % where]


def ceph_client_errors(clusters, var='ceph_client_clusters'):
    """Every reason `clusters` is wrong; messages never contain a key."""
    if not isinstance(clusters, list):
        return ['%s must be a list of clusters' % var]
    errors = []
    secrets = {}
    for index, cluster in enumerate(clusters):
        where = '%s[%d]' % (var, index)
        if not isinstance(cluster, dict):
            errors.append('%s must be a dict (name, fsid, mon_host, users)' % where)
            continue
        name = cluster.get('name', 'ceph')
        where = '%s[%s]' % (var, name)
        if not NAME.match(str(name)):
            errors.append('%s.name: use letters, digits, "_" or "-"' % where)
        try:
            uuid.UUID(str(cluster.get('fsid')))
        except ValueError:
            errors.append('%s.fsid %r is not a UUID (ceph fsid prints it)' % (where, cluster.get('fsid')))
        if not cluster.get('mon_host') or not isinstance(cluster['mon_host'], list):
            errors.append('%s.mon_host must list the monitors\' addresses' % where)
        for user in cluster.get('users') or []:
            uwhere = '%s.users[%s]' % (where, user.get('name') if isinstance(user, dict) else '?')
            if not isinstance(user, dict) or not NAME.match(str(user.get('name', ''))):
                errors.append('%s needs a name (letters, digits, "_" or "-")' % uwhere)
                continue
            sources = [name for name in ('key', 'key_file', 'fetch_from') if user.get(name)]
            if len(sources) != 1:
                errors.append('%s: give exactly one of key, key_file or fetch_from' % uwhere)
            elif user.get('key'):
                errors.extend(_key_error(user['key'], uwhere + '.key'))
            elif user.get('key_file'):
                if not os.path.isfile(user['key_file']):
                    errors.append('%s.key_file %s does not exist on the Ansible controller'
                                  % (uwhere, user['key_file']))
                else:
                    errors.extend(_key_error(_read_key(user['key_file']), uwhere + '.key_file'))
            secret = user.get('libvirt_secret_uuid')
            if secret is not None:
                try:
                    uuid.UUID(str(secret))
                except ValueError:
                    errors.append('%s.libvirt_secret_uuid %r is not a UUID' % (uwhere, secret))
                if str(secret) in secrets:
                    errors.append('%s.libvirt_secret_uuid is also %s\'s: one uuid per cluster and '
                                  'user' % (uwhere, secrets[str(secret)]))
                secrets[str(secret)] = uwhere
    return errors


def _read_key(path):
    """The key in a file holding either the bare key or a keyring (`key = ...`)."""
    with open(path) as handle:
        text = handle.read()
    match = re.search(r'^\s*key\s*=\s*(\S+)', text, re.M)
    return match.group(1) if match else text.strip()


def ceph_client_user(pair):
    """One (cluster, user) pair from subelements, as a dict without the key."""
    cluster, user = pair
    name = cluster.get('name', 'ceph')
    return {
        'cluster': name,
        'user': user['name'],
        'group': user.get('group', user['name']),
        'keyring': '/etc/ceph/%s.client.%s.keyring' % (name, user['name']),
        'fetch_from': user.get('fetch_from', ''),
        'libvirt_secret_uuid': user.get('libvirt_secret_uuid', ''),
    }


def ceph_client_conf(cluster):
    """A cluster's ceph.conf path and settings, without its users (so without keys)."""
    name = cluster.get('name', 'ceph')
    settings = {'global': {'fsid': cluster['fsid'], 'mon_host': cluster['mon_host']}}
    for section, keys in (cluster.get('conf_overrides') or {}).items():
        settings.setdefault(section, {}).update(keys or {})
    return {'name': name, 'path': '/etc/ceph/%s.conf' % name, 'settings': settings}


def ceph_client_key(clusters, cluster, user):
    """The key of `user` in `cluster`, given inline or read from its key_file on the controller
    ('' when it is fetched from the cluster instead)."""
    for entry in clusters:
        if entry.get('name', 'ceph') == cluster:
            for candidate in entry.get('users') or []:
                if candidate.get('name') == user:
                    if candidate.get('key_file'):
                        return _read_key(candidate['key_file'])
                    return candidate.get('key') or ''
    return ''


class FilterModule(object):
    def filters(self):
        return {
            'ceph_client_conf': ceph_client_conf,
            'ceph_client_errors': ceph_client_errors,
            'ceph_client_key': ceph_client_key,
            'ceph_client_user': ceph_client_user,
        }
