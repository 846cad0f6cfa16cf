# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab_ceph role's input checks and its probe-then-act plans: each filter compares the
cluster's own JSON (ceph config dump, osd pool ls detail, auth ls, osd tree) with the inventory
and returns only what must change, so a second run issues no command."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import uuid

NAME = re.compile(r'^[A-Za-z0-9_-]+$')
POOL_KEYS = ('size', 'min_size')


def _text(value):
    """A config value as `ceph config dump` prints it (YAML true -> 'true')."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def lab_ceph_errors(fsid, pools, users, var='lab_ceph'):
    """Every reason the lab cluster's fsid, pools or users are wrong."""
    errors = []
    try:
        uuid.UUID(str(fsid))
    except ValueError:
        errors.append('%s_fsid %r is not a UUID: set it (uuidgen prints one)' % (var, fsid))
    if not isinstance(pools, list):
        pools = []
        errors.append('%s_pools must be a list of pools (name, size, datacenter)' % var)
    for pool in pools:
        if not isinstance(pool, dict) or not NAME.match(str(pool.get('name', ''))):
            errors.append('%s_pools: %r needs a name (letters, digits, "_" or "-")' % (var, pool))
            continue
        for key in POOL_KEYS + ('pg_num',):
            if key in pool and not (isinstance(pool[key], int) and pool[key] > 0):
                errors.append('%s_pools[%s].%s must be a positive integer' % (var, pool['name'], key))
        if pool.get('min_size', 1) > pool.get('size', 2):
            errors.append('%s_pools[%s].min_size is larger than its size' % (var, pool['name']))
    if not isinstance(users, list):
        users = []
        errors.append('%s_users must be a list of users (name, caps)' % var)
    for user in users:
        if not isinstance(user, dict) or not NAME.match(str(user.get('name', ''))):
            errors.append('%s_users: %r needs a name (cinder for client.cinder)' % (var, user))
        elif not isinstance(user.get('caps'), dict) or not user['caps']:
            errors.append('%s_users[%s].caps must map daemons (mon, osd, mgr) to capabilities'
                          % (var, user['name']))
    return errors


def ceph_config_changes(dump, wanted):
    """The (who, name, value) settings of `wanted` ({who: {name: value}}) that `ceph config dump
    -f json` does not already hold."""
    have = dict(((entry['section'], entry['name']), entry['value']) for entry in dump)
    return [{'who': who, 'name': name, 'value': _text(value)}
            for who, settings in sorted(wanted.items())
            for name, value in sorted(settings.items())
            if have.get((who, name)) != _text(value)]


def ceph_pool_changes(detail, rules, pools):
    """What `pools` need: `create` (with its rule), then `set` (pool, key, value) for size,
    min_size and crush_rule, and `application` (pools without rbd enabled). `detail` is `ceph osd
    pool ls detail -f json`, `rules` `ceph osd crush rule dump -f json`. A pool with a datacenter
    uses the rule named after it; others the default replicated_rule."""
    rule_names = dict((rule['rule_id'], rule['rule_name']) for rule in rules)
    have = dict((pool['pool_name'], pool) for pool in detail)
    create, settings, application = [], [], []
    for pool in pools:
        rule = pool.get('datacenter') or 'replicated_rule'
        wanted = {'size': pool.get('size', 2), 'min_size': pool.get('min_size', 1), 'crush_rule': rule}
        current = have.get(pool['name'])
        if current is None:
            create.append({'pool': pool['name'], 'pg_num': pool.get('pg_num', 8), 'rule': rule})
            current = {}
        else:
            current = dict(current, crush_rule=rule_names.get(current['crush_rule']))
        settings.extend({'pool': pool['name'], 'key': key, 'value': wanted[key]}
                        for key in ('crush_rule',) + POOL_KEYS if current.get(key) != wanted[key])
        if pool.get('application', 'rbd') not in (current.get('application_metadata') or {}):
            application.append({'pool': pool['name'], 'application': pool.get('application', 'rbd')})
    return {'create': create, 'set': settings, 'application': application}


def ceph_rule_changes(rules, pools):
    """The datacenter rules the pools use that `ceph osd crush rule dump -f json` lacks."""
    names = set(rule['rule_name'] for rule in rules)
    return sorted(set(pool['datacenter'] for pool in pools if pool.get('datacenter')) - names)


def ceph_auth_changes(dump, users):
    """`add` for users `ceph auth ls -f json` lacks and `caps` for those whose capabilities
    differ; only entity names and capabilities, never a key, so the result may be logged."""
    have = dict((entry['entity'], entry.get('caps', {})) for entry in dump.get('auth_dump', []))
    changes = []
    for user in users:
        entity = 'client.%s' % user['name']
        caps = dict((daemon, str(cap)) for daemon, cap in user['caps'].items())
        if entity not in have:
            changes.append({'entity': entity, 'action': 'add', 'caps': caps})
        elif have[entity] != caps:
            changes.append({'entity': entity, 'action': 'caps', 'caps': caps})
    return changes


def ceph_caps_argv(caps):
    """Capabilities as `ceph auth add/caps` arguments: daemon, cap, daemon, cap..."""
    return [word for daemon in sorted(caps) for word in (daemon, caps[daemon])]


def ceph_osd_location(tree, osd_id):
    """Where OSD `osd_id` sits in `ceph osd tree -f json`: {'host': ..., 'datacenter': ...}
    ('' for a level it is not under)."""
    nodes = tree.get('nodes', [])
    parents = dict((child, node) for node in nodes for child in node.get('children', []))
    location = {'host': '', 'datacenter': ''}
    node = parents.get(int(osd_id))
    while node is not None:
        if node['type'] in location:
            location[node['type']] = node['name']
        node = parents.get(node['id'])
    return location


class FilterModule(object):
    def filters(self):
        return {
            'lab_ceph_errors': lab_ceph_errors,
            'ceph_config_changes': ceph_config_changes,
            'ceph_pool_changes': ceph_pool_changes,
            'ceph_rule_changes': ceph_rule_changes,
            'ceph_auth_changes': ceph_auth_changes,
            'ceph_caps_argv': ceph_caps_argv,
            'ceph_osd_location': ceph_osd_location,
        }
