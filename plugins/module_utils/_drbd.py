# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render DRBD resource files (8.4 and 9 syntax), check their input, compare them semantically."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

HEADER = '# Managed by Ansible (stackdeploy.openstack.drbd_resource); local edits are replaced.\n'
FENCING = ('resource-only', 'resource-and-stonith')
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[{};]|[^\s{};"#]+|#[^\n]*')
_BARE = re.compile(r'^[A-Za-z0-9_.:/@+,=-]+$')


def tokens(text):
    """The file's meaning: its tokens without comments and layout."""
    return [t for t in _TOKEN.findall(text) if not t.startswith('#')]


def word(value, quote=False):
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    text = '%s' % (value,)
    if quote or not _BARE.match(text):
        return '"%s"' % text.replace('\\', '\\\\').replace('"', '\\"')
    return text


def _section(name, options, indent, quoted=()):
    if not options:
        return []
    lines = ['%s%s {' % (indent, name)]
    for key, value in options.items():
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            lines.append('%s    %s %s;' % (indent, key, word(item, key in quoted)))
    return lines + ['%s}' % indent]


def _address(host):
    ip = ipaddress.ip_address(host['address'])
    if ip.version == 6:
        return 'ipv6 [%s]:%d' % (ip, host['port'])
    return '%s:%d' % (ip, host['port'])


def sections(spec):
    """net, disk, options, startup and handlers as DRBD wants them for spec['version']."""
    net = {'protocol': spec['protocol']}
    disk = {}
    if spec['allow_two_primaries']:
        net['allow-two-primaries'] = True
    if spec['fencing']:
        # DRBD 8.4 keeps the fencing policy in the disk section, DRBD 9 in net.
        (net if spec['version'] == '9' else disk)['fencing'] = spec['fencing']
    if spec['shared_secret']:
        net['cram-hmac-alg'] = spec['cram_hmac_alg']
        net['shared-secret'] = spec['shared_secret']
    net.update(spec['net'] or {})
    disk.update(spec['disk_options'] or {})
    return net, disk


def render(spec):
    """The resource file for a checked spec."""
    net, disk = sections(spec)
    lines = ['resource %s {' % spec['name']]
    lines += _section('options', spec['options'], '    ')
    lines += _section('net', net, '    ', quoted=('shared-secret',))
    lines += _section('disk', disk, '    ')
    lines += _section('startup', spec['startup'], '    ')
    lines += _section('handlers', spec['handlers'], '    ', quoted=tuple(spec['handlers'] or ()))
    for host in spec['hosts']:
        lines.append('    on %s {' % host['name'])
        if spec['version'] == '9':
            lines.append('        node-id %d;' % host['node_id'])
        lines.append('        device /dev/drbd%d minor %d;' % (host['minor'], host['minor']))
        lines.append('        disk %s;' % host['disk'])
        lines.append('        address %s;' % _address(host))
        lines.append('        meta-disk %s;' % host['meta_disk'])
        lines.append('    }')
    if spec['version'] == '9' and len(spec['hosts']) > 2:
        lines.append('    connection-mesh {')
        lines.append('        hosts %s;' % ' '.join(h['name'] for h in spec['hosts']))
        lines.append('    }')
    lines.append('}')
    return HEADER + '\n'.join(lines) + '\n'


def complete_hosts(spec):
    """Each host with the resource-wide defaults filled in and a node-id (its index if unset)."""
    hosts = []
    for index, host in enumerate(spec['hosts']):
        full = dict(host)
        for key in ('port', 'minor', 'disk', 'meta_disk'):
            if full.get(key) is None:
                full[key] = spec[key]
        if full.get('node_id') is None:
            full['node_id'] = index
        hosts.append(full)
    return hosts


def check(spec):
    """Every reason the spec is wrong, each naming the option and the fix."""
    errors = []
    hosts = spec['hosts']
    if not re.match(r'^[A-Za-z0-9_.-]+$', spec['name']):
        errors.append('name %r: use letters, digits, ".", "_" or "-"' % spec['name'])
    if len(hosts) < 2:
        errors.append('hosts: a replicated resource needs at least two hosts')
    if spec['version'] == '8.4' and len(hosts) > 2:
        errors.append('hosts: a DRBD 8.4 resource has exactly two hosts (%d given); use version 9 '
                      'for more' % len(hosts))
    for field in ('name', 'node_id'):
        values = [h[field] for h in hosts]
        duplicates = sorted(set(str(v) for v in values if values.count(v) > 1))
        if duplicates and (field == 'name' or spec['version'] == '9'):
            errors.append('hosts: %s %s used more than once' % (field, ', '.join(duplicates)))
    for index, host in enumerate(hosts):
        where = 'hosts[%d] (%s)' % (index, host.get('name'))
        try:
            ipaddress.ip_address(host.get('address') or '')
        except ValueError:
            errors.append('%s: address %r is not an IP address' % (where, host.get('address')))
        if not 0 < int(host['port']) < 65536:
            errors.append('%s: port %s is outside 1-65535' % (where, host['port']))
        if host['minor'] is None or not 0 <= int(host['minor']) < 1048576:
            errors.append('%s: minor must be set (per host or for the resource), 0-1048575' % where)
        if not host['disk']:
            errors.append('%s: disk must be set (per host or for the resource)' % where)
        elif host['disk'] != 'none' and not host['disk'].startswith('/dev/'):
            errors.append('%s: disk %r must be a /dev path (or none for a diskless node)'
                          % (where, host['disk']))
    # None turns peer authentication off on purpose; an empty or blank string would do the same
    # by accident (a vault entry that did not resolve).
    if spec['shared_secret'] is not None and not str(spec['shared_secret']).strip():
        errors.append('shared_secret is empty, which turns peer authentication off: give a secret, leave '
                      'shared_secret out to have one generated, or set it to null to run without one')
    if spec['allow_two_primaries'] and spec['protocol'] != 'C':
        errors.append('allow_two_primaries needs protocol C (got %s)' % spec['protocol'])
    if (spec['allow_two_primaries'] and spec['fencing'] not in FENCING
            and not spec['accept_dual_primary_without_fencing']):
        errors.append('allow_two_primaries without fencing risks diverging data after a split: set '
                      'fencing to resource-only or resource-and-stonith (with a fence-peer handler), '
                      'or accept the risk with accept_dual_primary_without_fencing')
    if spec['fencing'] in FENCING and 'fence-peer' not in (spec['handlers'] or {}):
        # Without the handler DRBD logs "fence-peer helper broken" and fences nothing.
        errors.append('fencing %s needs handlers.fence-peer (e.g. /usr/lib/drbd/crm-fence-peer.sh '
                      'with Pacemaker, or a STONITH script): without it DRBD fences nothing. With no '
                      'cluster manager to call, drop fencing (and for dual-primary set '
                      'accept_dual_primary_without_fencing)' % spec['fencing'])
    return errors
