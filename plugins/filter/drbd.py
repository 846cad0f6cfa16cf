# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""DRBD role input: expand resources into drbd_resource arguments, and check them all before any
host is touched (the same rules drbd_resource applies, plus clashes between resources)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.stackdeploy.openstack.plugins.module_utils._drbd import (
    check, complete_hosts)

MODULE_DEFAULTS = {'protocol': 'C', 'port': 7789, 'minor': None, 'disk': None, 'meta_disk': 'internal',
                   'allow_two_primaries': False, 'fencing': None,
                   'accept_dual_primary_without_fencing': False, 'shared_secret': None,
                   'net': {}, 'disk_options': {}, 'options': {}, 'startup': {}, 'handlers': {}}
ROLE_KEYS = ('initial_sync_source', 'skip_initial_sync', 'primaries', 'force_create_md')


def drbd_resource_spec(resource, hostvars, address_var='storage_address', version='8.4'):
    """A role resource (hosts given by name, addresses from hostvars) as a drbd_resource spec."""
    spec = dict(MODULE_DEFAULTS)
    spec.update((k, v) for k, v in resource.items() if k not in ROLE_KEYS)
    hosts = []
    for host in resource.get('hosts') or []:
        entry = dict(host) if isinstance(host, dict) else {'name': host}
        if not entry.get('address'):
            entry['address'] = (hostvars.get(entry['name']) or {}).get(address_var)
        hosts.append(entry)
    spec['hosts'] = hosts
    spec['version'] = version
    return spec


def drbd_resource_errors(resources, hostvars, address_var='storage_address', version='8.4'):
    """Every problem in drbd_resources, each naming the resource and the fix."""
    errors, endpoints = [], {}
    for index, resource in enumerate(resources or []):
        where = 'drbd_resources[%d] (%s)' % (index, resource.get('name'))
        spec = drbd_resource_spec(resource, hostvars, address_var, version)
        missing = [h['name'] for h in spec['hosts'] if not h.get('address')]
        if missing:
            errors.append('%s: no address for %s; set %s for them or give hosts[].address'
                          % (where, ', '.join(missing), address_var))
            continue
        spec['hosts'] = complete_hosts(spec)
        errors.extend('%s: %s' % (where, error) for error in check(spec))
        names = [h['name'] for h in spec['hosts']]
        source = resource.get('initial_sync_source')
        if source and source not in names:
            errors.append('%s: initial_sync_source %s is not one of its hosts' % (where, source))
        for name in resource.get('primaries') or []:
            if name not in names:
                errors.append('%s: primaries names %s, which is not one of its hosts' % (where, name))
        if len(resource.get('primaries') or []) > 1 and not resource.get('allow_two_primaries'):
            errors.append('%s: several primaries need allow_two_primaries' % where)
        for host in spec['hosts']:
            for kind, value in (('minor', host['minor']), ('port', '%s:%s' % (host['address'], host['port']))):
                owner = endpoints.setdefault((host['name'], kind, value), resource.get('name'))
                if owner != resource.get('name'):
                    errors.append('%s: %s %s on %s is already used by resource %s'
                                  % (where, kind, value, host['name'], owner))
    return errors


class FilterModule(object):
    def filters(self):
        return {'drbd_resource_spec': drbd_resource_spec, 'drbd_resource_errors': drbd_resource_errors}
