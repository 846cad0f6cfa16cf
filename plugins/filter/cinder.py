# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cinder role's data model: backends by kind (lvm, nfs, rbd, or a raw driver) turned into
cinder.conf sections, volume types into the extra specs that bind them, and the input checks
that run on the controller before any host is touched. Messages name the variable and the fix."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_native
from ansible_collections.stackdeploy.openstack.plugins.module_utils._openstack_names import (
    ZONE_HINT, ZONE_NAME, section_name_errors)
from ansible_collections.stackdeploy.openstack.plugins.filter.nfs import soft_mount_errors

DRIVERS = {
    'lvm': 'cinder.volume.drivers.lvm.LVMVolumeDriver',
    'nfs': 'cinder.volume.drivers.nfs.NfsDriver',
    'rbd': 'cinder.volume.drivers.rbd.RBDDriver',
}
# The keys each kind takes besides the common ones, and those it cannot do without.
KIND_KEYS = {
    'lvm': {'volume_group', 'target_helper', 'target_protocol'},
    'nfs': {'shares'},
    'rbd': {'pool', 'user', 'cluster', 'secret_uuid'},
    None: set(),
}
REQUIRED = {'lvm': ('volume_group',), 'nfs': ('shares',), 'rbd': ('pool', 'secret_uuid'), None: ()}
COMMON_KEYS = {'kind', 'volume_driver', 'backend_name', 'availability_zone', 'options'}
SPEC_BACKEND = 'volume_backend_name'
SPEC_ZONES = 'RESKEY:availability_zones'


def _kind(backend):
    return backend.get('kind') if backend.get('kind') in DRIVERS else None


def cinder_backend_errors(backends, ceph_clusters=None, var='cinder_backends', volume_groups=None):
    """Every reason `backends` (the cinder role's dict keyed by section name) is wrong.
    With `ceph_clusters` (ceph_client's list), every rbd backend's cluster user needs a key there;
    with `volume_groups` (the lvm role's list on this host), every lvm backend's group is one of them."""
    if not isinstance(backends, dict):
        return ['%s must be a dict keyed by backend section name' % var]
    errors = section_name_errors(backends, var)
    groups = {}
    for name in sorted(backends):
        where = '%s.%s' % (var, name)
        backend = backends[name]
        if not isinstance(backend, dict):
            errors.append('%s must be a dict (kind: lvm, nfs or rbd, and its keys)' % where)
            continue
        kind = backend.get('kind')
        if kind is not None and kind not in DRIVERS:
            errors.append('%s.kind %r: use lvm, nfs or rbd, or leave kind out and set '
                          'volume_driver' % (where, kind))
            continue
        if kind is None and not backend.get('volume_driver'):
            errors.append('%s has no driver: set kind (lvm, nfs or rbd) or volume_driver' % where)
        kind = _kind(backend)
        unknown = set(backend) - COMMON_KEYS - KIND_KEYS[kind]
        if unknown:
            errors.append('%s: unknown keys %s for kind %s; driver options go under options'
                          % (where, ', '.join(sorted(unknown)), kind or '(raw driver)'))
        for key in REQUIRED[kind]:
            if not backend.get(key):
                errors.append('%s.%s is required for a %s backend' % (where, key, kind))
        zone = backend.get('availability_zone')
        if zone is not None and not ZONE_NAME.match(str(zone)):
            errors.append('%s.availability_zone %r: %s' % (where, zone, ZONE_HINT))
        if not isinstance(backend.get('options', {}), dict):
            errors.append('%s.options must be a dict of cinder.conf keys' % where)
        if kind == 'nfs':
            errors.extend(_share_errors(backend.get('shares'), where + '.shares'))
        if kind == 'rbd' and ceph_clusters is not None:
            errors.extend(_keyring_errors(backend, ceph_clusters, where))
        if kind == 'lvm' and backend.get('volume_group'):
            if backend['volume_group'] in groups:
                errors.append('%s.volume_group %s is also the group of %s.%s: two backends would report and carve '
                              'the same space; give each its own group' % (where, backend['volume_group'], var,
                                                                           groups[backend['volume_group']]))
            groups.setdefault(backend['volume_group'], name)
        if kind == 'lvm' and volume_groups is not None and backend.get('volume_group'):
            names = [group.get('name') for group in volume_groups if isinstance(group, dict)]
            if backend['volume_group'] not in names:
                errors.append('%s.volume_group %s is not a group the lvm role makes on this host (lvm_volume_groups: '
                              '%s); name one of them, or set cinder_lvm_volume_groups to null when the group is made '
                              'another way' % (where, backend['volume_group'], ', '.join(names) or 'none'))
    return errors


def _keyring_errors(backend, ceph_clusters, where):
    cluster, user = backend.get('cluster', 'ceph'), backend.get('user', 'cinder')
    for entry in ceph_clusters or []:
        if isinstance(entry, dict) and entry.get('name', 'ceph') == cluster:
            if any(isinstance(u, dict) and u.get('name') == user for u in entry.get('users') or []):
                return []
    return ['%s: no keyring for client.%s of Ceph cluster %r on this host: add that user to '
            'ceph_client_clusters (stackdeploy.openstack.ceph_client)' % (where, user, cluster)]


def _share_errors(shares, where):
    if not shares:
        return []
    if not isinstance(shares, list):
        return ['%s must be a list of {export: HOST:/PATH, options: [...]}' % where]
    errors = []
    for index, share in enumerate(shares):
        export = share.get('export', '') if isinstance(share, dict) else ''
        host, sep, path = str(export).partition(':')
        if not (host and sep and path.startswith('/')):
            errors.append('%s[%d].export %r: write it as HOST:/ABSOLUTE/PATH' % (where, index, export))
        options = share.get('options') if isinstance(share, dict) else None
        errors.extend(soft_mount_errors(options or [], '%s[%d].options' % (where, index)))
    return errors


def cinder_nfs_shares(backend):
    """The lines of an NFS backend's shares file: `HOST:/PATH [-o OPTIONS]` (one per share)."""
    lines = []
    for share in backend.get('shares') or []:
        options = share.get('options') or []
        lines.append(share['export'] + (' -o ' + ','.join(options) if options else ''))
    return lines


def cinder_backend_sections(backends, shares_dir='/etc/cinder', ceph_dir='/etc/ceph'):
    """cinder_conf's `backends`: section name -> cinder.conf keys, derived from each kind."""
    errors = cinder_backend_errors(backends)
    if errors:
        raise AnsibleFilterError('; '.join(errors))
    sections = {}
    for name, backend in backends.items():
        kind = _kind(backend)
        keys = {'volume_driver': backend.get('volume_driver') or DRIVERS[kind],
                'volume_backend_name': backend.get('backend_name', name)}
        if backend.get('availability_zone'):
            keys['backend_availability_zone'] = backend['availability_zone']
        if kind == 'lvm':
            keys.update(volume_group=backend['volume_group'],
                        target_helper=backend.get('target_helper', 'tgtadm'),
                        target_protocol=backend.get('target_protocol', 'iscsi'))
        elif kind == 'nfs':
            keys['nfs_shares_config'] = '%s/nfs_shares.%s' % (shares_dir, name)
        elif kind == 'rbd':
            cluster = backend.get('cluster', 'ceph')
            keys.update(rbd_pool=backend['pool'], rbd_user=backend.get('user', 'cinder'),
                        rbd_secret_uuid=backend['secret_uuid'], rbd_cluster_name=cluster,
                        rbd_ceph_conf='%s/%s.conf' % (ceph_dir, cluster))
        keys.update(backend.get('options') or {})
        sections[name] = keys
    return sections


def _served(hosts, default_zone):
    """Every backend on every volume host, as (host, backend_name, zone it serves, backend):
    hosts maps host -> its variables; a backend without a zone of its own serves its host's."""
    for host in sorted(hosts):
        variables = hosts[host] or {}
        host_zone = variables.get('cinder_storage_availability_zone') or default_zone
        backends = variables.get('cinder_backends') or {}
        for name in sorted(backends):
            backend = backends[name]
            if isinstance(backend, dict):
                yield (host, backend.get('backend_name', name),
                       backend.get('availability_zone') or host_zone, backend)


def _zones_of(backend_name, hosts, default_zone):
    """Zone -> {host: backend} for every backend serving `backend_name`."""
    zones = {}
    for host, name, zone, backend in _served(hosts, default_zone):
        if name == backend_name:
            zones.setdefault(zone, {})[host] = backend
    return zones


def cinder_volume_type_errors(types, hosts, default_zone='nova', var='cinder_volume_types',
                              catchall_zone=None):
    """Every reason `types` is wrong given the backends configured on `hosts`. A type must have a
    backend in `catchall_zone` (where a volume created without a zone lands; `default_zone` when
    not given) unless it is marked zone_only."""
    if not isinstance(types, list):
        return ['%s must be a list of {name, backend, ...}' % var]
    catchall_zone = catchall_zone or default_zone
    names = {name for host, name, zone, backend in _served(hosts, default_zone)}
    errors = []
    seen = set()
    for index, vtype in enumerate(types):
        where = '%s[%d]' % (var, index)
        if not isinstance(vtype, dict) or not vtype.get('name'):
            errors.append('%s needs a name' % where)
            continue
        where = '%s[%s]' % (var, vtype['name'])
        if vtype['name'] in seen:
            errors.append('%s is listed twice' % where)
        seen.add(vtype['name'])
        if not vtype.get('backend'):
            errors.append('%s.backend is required: the volume_backend_name it binds to' % where)
        elif vtype['backend'] not in names:
            errors.append('%s.backend %r is not the backend_name of any backend in cinder_backends '
                          'on the volume hosts (%s): add that backend or fix the name'
                          % (where, vtype['backend'], ', '.join(sorted(names)) or 'none'))
        elif not vtype.get('zone_only'):
            zones = _zones_of(vtype['backend'], hosts, default_zone)
            if catchall_zone not in zones:
                errors.append(
                    '%s: its backend %r serves zones %s but not %s, where a volume created without '
                    'a zone lands (and fails): add a backend with backend_name %s to a volume host '
                    'in zone %s, or set zone_only: true on the type if such volumes may fail'
                    % (where, vtype['backend'], ', '.join(sorted(zones)), catchall_zone,
                       vtype['backend'], catchall_zone))
        if not isinstance(vtype.get('zone_only', False), bool):
            errors.append('%s.zone_only must be true or false' % where)
        for zone in vtype.get('availability_zones') or []:
            if not ZONE_NAME.match(str(zone)):
                errors.append('%s.availability_zones %r: %s' % (where, zone, ZONE_HINT))
        specs = vtype.get('extra_specs') or {}
        if not isinstance(specs, dict):
            errors.append('%s.extra_specs must be a dict' % where)
        elif SPEC_BACKEND in specs:
            errors.append('%s.extra_specs sets %s: use backend instead' % (where, SPEC_BACKEND))
    return errors


def cinder_volume_type_specs(vtype, hosts, default_zone='nova'):
    """The extra specs this role manages on a type: its backend, its zones (given, or derived
    when any backend of that name is AZ-bound), then the user's own specs."""
    specs = {SPEC_BACKEND: vtype['backend']}
    zones = vtype.get('availability_zones')
    if zones is None:
        placed = [backend for host, name, zone, backend in _served(hosts, default_zone)
                  if name == vtype['backend']]
        if any(backend.get('availability_zone') for backend in placed):
            zones = sorted(_zones_of(vtype['backend'], hosts, default_zone))
    if zones:
        specs[SPEC_ZONES] = ','.join(zones)
    specs.update(vtype.get('extra_specs') or {})
    return {key: to_native(value) for key, value in specs.items()}


def cinder_type_proofs(types, hosts, default_zone='nova'):
    """The volumes that prove each type's placement: one in every zone other than the default
    that serves it, and one without a zone (when the default zone serves it too, which the input
    checks demand of every type not zone_only). Each names the zone it must land in, the hosts
    that may hold it there, the backend kind and, by host, the backend (its volume group, pool or
    shares), for the checks on the hosts."""
    proofs = []
    for vtype in types:
        zones = _zones_of(vtype.get('backend'), hosts, default_zone)
        for zone in sorted(zones, key=lambda z: (z == default_zone, z)):
            backends = zones[zone]
            proof = {'name': 'verify-%s-%s' % (vtype['name'], 'nozone' if zone == default_zone else zone),
                     'type': vtype['name'], 'lands_in': zone, 'hosts': sorted(backends),
                     'kind': _kind(backends[sorted(backends)[0]]), 'backends': backends}
            if zone != default_zone:
                proof['zone'] = zone
            proofs.append(proof)
    return proofs


def cinder_zone_mismatches(aggregates, hosts, default_zone='nova', var='nova_aggregates'):
    """Nova's view of a compute's zone (its aggregate's) against Cinder's view of the same host:
    an LVM backend is exported from its own host, so on a compute it must serve that compute's
    zone, or a volume of that zone never sits beside the instances there. `hosts` maps each
    volume host to its variables, as for the type checks."""
    errors = []
    for aggregate in aggregates or []:
        zone = aggregate.get('availability_zone') if isinstance(aggregate, dict) else None
        if not zone:
            continue
        for compute in aggregate.get('hosts') or []:
            for host, name, served, backend in _served({compute: hosts[compute]} if compute in hosts else {},
                                                       default_zone):
                if backend.get('kind') == 'lvm' and served != zone:
                    errors.append('%s[%s]: %s is in zone %s, but its LVM backend %s serves zone %s on the '
                                  'same host: give it zone %s (cinder_storage_availability_zone, or the '
                                  "backend's availability_zone)" % (var, aggregate.get('name'), host, zone,
                                                                    name, served, zone))
    return errors


class FilterModule(object):
    def filters(self):
        return {
            'cinder_backend_errors': cinder_backend_errors,
            'cinder_backend_sections': cinder_backend_sections,
            'cinder_nfs_shares': cinder_nfs_shares,
            'cinder_type_proofs': cinder_type_proofs,
            'cinder_volume_type_errors': cinder_volume_type_errors,
            'cinder_volume_type_specs': cinder_volume_type_specs,
            'cinder_zone_mismatches': cinder_zone_mismatches,
        }
