# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks for the NFS roles, run on the controller before any host is touched.
Each returns a list of messages (empty when all is well) that name the variable and the fix."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
import re

try:
    import netaddr
except ImportError:
    netaddr = None

from ansible.errors import AnsibleFilterError

# exports(5): flag options, and options that take a value.
FLAGS = frozenset((
    'rw', 'ro', 'sync', 'async', 'secure', 'insecure', 'wdelay', 'no_wdelay', 'hide', 'nohide',
    'crossmnt', 'no_subtree_check', 'subtree_check', 'insecure_locks', 'secure_locks',
    'no_auth_nlm', 'auth_nlm', 'root_squash', 'no_root_squash', 'all_squash', 'no_all_squash',
    'no_acl', 'acl', 'mp', 'pnfs', 'no_pnfs', 'security_label', 'no_security_label'))
VALUED = frozenset(('anonuid', 'anongid', 'fsid', 'sec', 'mountpoint', 'refer', 'replicas', 'mp'))
HOSTNAME = re.compile(r'^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)'
                      r'(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$')


def option_errors(options, where):
    errors = []
    for option in options or []:
        name, sep, value = str(option).partition('=')
        if sep and name not in VALUED or not sep and name not in FLAGS:
            errors.append('%s: unknown export option %r (see exports(5))' % (where, option))
        elif sep and name in ('anonuid', 'anongid') and not value.isdigit():
            errors.append('%s: %s needs a number' % (where, name))
    return errors


def client_errors(client, where):
    if not isinstance(client, dict):
        return ['%s must be a dict with cidr or host' % where]
    if bool(client.get('cidr')) == bool(client.get('host')):
        return ['%s: give exactly one of cidr or host' % where]
    errors = []
    if client.get('cidr'):
        cidr = str(client['cidr'])
        if cidr in ('*', '0.0.0.0/0', '::/0'):
            errors.append('%s: %s opens the export to every host; name the storage network' % (where, cidr))
        else:
            try:
                network = netaddr.IPNetwork(cidr)
                if '/' not in cidr or network.ip != network.network:
                    raise netaddr.AddrFormatError('host bits set')
            except (netaddr.AddrFormatError, ValueError, TypeError):
                errors.append('%s: cidr %r is not a network in CIDR form (such as 10.20.0.0/24)'
                              % (where, cidr))
    elif not HOSTNAME.match(str(client['host'])):
        errors.append('%s: host %r is not a host name or address' % (where, client['host']))
    return errors + option_errors(client.get('options'), where)


def path_errors(path, where):
    """An absolute path without .., whitespace or control characters (in exports(5) and fstab
    whitespace separates fields: a stray tab turns the rest of a line into another entry)."""
    if not path.startswith('/') or '..' in path.split('/') or re.search(r'[\s\x00-\x1f\x7f]', path):
        return ['%s: path %r must be an absolute path without whitespace, control characters or ..'
                % (where, path)]
    return []


def twice(path, seen, where, what):
    """Paths that name the same directory (a trailing or doubled slash) are one path."""
    normal = posixpath.normpath(path) if path.startswith('/') else path
    if normal in seen:
        relation = 'is the same as' if path != seen[normal] else 'repeats'
        return ['%s: path %s %s %s; %s' % (where, path, relation, seen[normal], what)]
    seen[normal] = path
    return []


def _mode_errors(mode, where):
    """A mode (a number, octal text or chmod's symbols) that lets every user write to the share,
    on the server and on every client."""
    if mode is None:
        return []
    if isinstance(mode, int):
        others_write = mode & 0o002
    elif re.match(r'^[0-7]{3,4}$', str(mode)):
        others_write = int(str(mode), 8) & 0o002
    else:
        clauses = [re.match(r'^([ugoa]*)([-+=])([rwxXst]*)$', clause) for clause in str(mode).split(',')]
        if not all(clauses):
            return ['%s: mode %r must be octal (0750) or chmod\'s symbols (u=rwx,g=rx,o=)' % (where, mode)]
        others_write = any(clause and (not clause.group(1) or set('oa') & set(clause.group(1)))
                           and clause.group(2) != '-' and 'w' in clause.group(3) for clause in clauses)
    if others_write:
        return ['%s: mode %s lets every user of the server and of every client write to the share: give '
                'its owner and group the access (0750 or 0770)' % (where, mode)]
    return []


def nfs_export_errors(exports, var_name='nfs_server_exports'):
    """Every problem in the exports list, each naming the variable and item."""
    if netaddr is None:
        raise AnsibleFilterError('nfs_export_errors needs the netaddr Python library on the controller')
    if not isinstance(exports, list):
        return ['%s must be a list of exports' % var_name]
    errors, seen = [], {}
    for index, export in enumerate(exports):
        where = '%s[%d]' % (var_name, index)
        path = str(export.get('path', '')) if isinstance(export, dict) else ''
        errors.extend(path_errors(path, where) or twice(path, seen, where, 'export it once, merging the clients'))
        if isinstance(export, dict):
            errors.extend(_mode_errors(export.get('mode'), where))
        clients = export.get('clients') if isinstance(export, dict) else None
        if not clients:
            errors.append('%s: clients is empty; an export needs at least one client' % where)
            continue
        for number, client in enumerate(clients):
            errors.extend(client_errors(client, '%s.clients[%d]' % (where, number)))
    return errors


FSTYPES = ('nfs', 'nfs4')


def nfs_mount_errors(mounts, var_name='nfs_client_mounts'):
    """Every problem in the mounts list."""
    if not isinstance(mounts, list):
        return ['%s must be a list of mounts' % var_name]
    errors, seen = [], {}
    for index, mount in enumerate(mounts):
        where = '%s[%d]' % (var_name, index)
        if not isinstance(mount, dict):
            errors.append('%s must be a dict with src and path' % where)
            continue
        path = str(mount.get('path', ''))
        if posixpath.normpath(path) == '/':
            errors.append('%s: path %r must be below /' % (where, path))
        else:
            errors.extend(path_errors(path, where)
                          or twice(path, seen, where, 'one mount point holds one share, the later one would hide it'))
        server, sep, export = str(mount.get('src', '')).partition(':')
        if not sep or not server or not export.startswith('/'):
            errors.append('%s: src %r must be SERVER:/absolute/export' % (where, mount.get('src')))
        if mount.get('fstype', 'nfs4') not in FSTYPES:
            errors.append('%s: fstype %r must be one of %s' % (where, mount.get('fstype'), ', '.join(FSTYPES)))
        errors.extend(soft_mount_errors(mount.get('opts', ''), where))
    return errors


def soft_mount_errors(options, where):
    """Mount options (a list, or one comma-separated string) that ask for a soft mount: the
    nfs_client role's mounts and the shares of Cinder's NFS backends."""
    if not isinstance(options, list):
        options = str(options).split(',')
    if 'soft' in [str(option).strip() for option in options]:
        return ['%s: soft mounts return I/O errors to services when the server restarts; use hard' % where]
    return []


def nfs_owner_mismatches(hosts, hostvars, var_name='nfs_client_mounts'):
    """Owners of shared mounts whose uid or gid differ between the hosts that share the mount.

    Reads each host's mounts from var_name and the getent_passwd / getent_group facts the
    nfs_client role gathers."""
    seen = {}
    for host in hosts:
        facts = hostvars[host].get('ansible_facts', {})
        for mount in hostvars[host].get(var_name) or []:
            for kind, database in (('owner', 'getent_passwd'), ('group', 'getent_group')):
                name = mount.get(kind)
                if not name or str(name).isdigit():
                    continue
                entry = (facts.get(database) or {}).get(name)
                number = entry[1] if entry else None
                seen.setdefault((mount['src'], kind, name), {})[host] = number
    errors = []
    for (src, kind, name), numbers in sorted(seen.items()):
        missing = sorted(host for host, number in numbers.items() if number is None)
        if missing:
            errors.append('%s %s of %s does not exist on %s; create it with the same id on every host '
                          '(stackdeploy.openstack.service_accounts)' % (kind, name, src, ', '.join(missing)))
        elif len(set(numbers.values())) > 1:
            errors.append('%s %s of %s has different ids: %s; NFS maps ownership by number, so give '
                          'it one id everywhere (stackdeploy.openstack.service_accounts)'
                          % (kind, name, src, ', '.join('%s=%s' % item for item in sorted(numbers.items()))))
    return errors


def _sources(hostvars, clients, cinder_hosts):
    """(host, where, SERVER:/export) of every client mount and every Cinder NFS backend share."""
    for client in clients:
        for index, mount in enumerate(hostvars[client].get('nfs_client_mounts') or []):
            if isinstance(mount, dict):
                yield client, 'nfs_client_mounts[%d].src' % index, str(mount.get('src', ''))
    for host in cinder_hosts:
        backends = hostvars[host].get('cinder_backends') or {}
        for name in sorted(backends) if isinstance(backends, dict) else []:
            backend = backends[name]
            if not isinstance(backend, dict) or backend.get('kind') != 'nfs':
                continue
            for index, share in enumerate(backend.get('shares') or []):
                if isinstance(share, dict):
                    yield host, 'cinder_backends.%s.shares[%d].export' % (name, index), str(share.get('export', ''))


def nfs_unexported_mounts(clients, hostvars, exports, names, cinder_hosts=()):
    """Mounts of this server (a source naming one of names) whose path it does not export: the
    clients' nfs_client_mounts, and the shares of the Cinder NFS backends on cinder_hosts.

    Both are inventory variables, read from hostvars; the exports are this server's own list,
    role defaults included, so a path that differs only by a trailing slash matches."""
    exported = sorted(set(posixpath.normpath(str(export.get('path', '/'))) for export in exports
                          if isinstance(export, dict)))
    errors = []
    for host, where, source in _sources(hostvars, clients, cinder_hosts):
        server, sep, path = source.partition(':')
        if sep and server in names and path.startswith('/') and posixpath.normpath(path) not in exported:
            errors.append('%s: %s %s names a path %s does not export (nfs_server_exports: %s); '
                          'fix the source or add the export'
                          % (host, where, source, server, ', '.join(exported) or 'none'))
    return errors


class FilterModule(object):
    def filters(self):
        return {
            'nfs_export_errors': nfs_export_errors,
            'nfs_mount_errors': nfs_mount_errors,
            'nfs_owner_mismatches': nfs_owner_mismatches,
            'nfs_unexported_mounts': nfs_unexported_mounts,
        }
