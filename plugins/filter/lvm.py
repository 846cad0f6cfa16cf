# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks for the lvm role: the physical volumes and DRBD's backing disks against the
device filter the role writes, before any host is touched."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re


def _patterns(accept, reject, reject_others):
    """The filter in LVM's order (accepts, rejects, then everything else if reject_others), or
    the messages for patterns that are not regular expressions."""
    patterns, errors = [], []
    for var, allowed, items in (('lvm_accept_devices', True, accept), ('lvm_reject_devices', False, reject)):
        for pattern in items or []:
            try:
                patterns.append((re.compile(str(pattern)), allowed))
            except re.error as error:
                errors.append('%s: %r is not a regular expression (%s)' % (var, pattern, error))
    if reject_others:
        patterns.append((re.compile('.*'), False))
    return patterns, errors


def _accepted(patterns, path):
    """LVM's rule: the first pattern that matches decides; no match accepts."""
    for pattern, allowed in patterns:
        if pattern.search(path):
            return allowed
    return True


def _backing_disks(drbd_resources, host):
    """{backing disk: (resource, DRBD device)} of the resources this host is a node of."""
    disks = {}
    for resource in drbd_resources or []:
        for entry in resource.get('hosts') or []:
            entry = entry if isinstance(entry, dict) else {'name': entry}
            if entry.get('name') != host:
                continue
            disk = entry.get('disk') or resource.get('disk')
            minor = entry.get('minor', resource.get('minor'))
            if disk and disk != 'none':
                disks[disk] = (resource.get('name'), '/dev/drbd%s' % minor)
    return disks


def lvm_device_errors(volume_groups, accept, reject, reject_others=True, drbd_resources=None, host=None):
    """Every physical volume the filter would hide or that is a DRBD backing disk, and every
    backing disk of this host's DRBD resources the filter would let LVM scan.

    Paths are compared as written (LVM also tries a device's other names, /dev/disk/by-*): name a
    PV in the form the patterns use."""
    patterns, errors = _patterns(accept, reject, reject_others)
    if errors:
        return errors
    backing = _backing_disks(drbd_resources, host)
    names, owners = set(), {}
    for group in volume_groups or []:
        if group.get('name') in names:
            errors.append('lvm_volume_groups[%s] is listed twice: give each group once, with all its '
                          'physical volumes' % group.get('name'))
        names.add(group.get('name'))
        where = 'lvm_volume_groups[%s].pvs' % group.get('name')
        for pv in group.get('pvs') or []:
            if owners.get(pv, group.get('name')) != group.get('name'):
                errors.append('%s: %s is also a physical volume of group %s; a device belongs to one group'
                              % (where, pv, owners[pv]))
            owners.setdefault(pv, group.get('name'))
            if pv in backing:
                errors.append('%s: %s is the backing disk of DRBD resource %s; put the group on its DRBD device '
                              '%s (on the backing disk LVM would write past replication)'
                              % (where, pv, backing[pv][0], backing[pv][1]))
            elif not _accepted(patterns, pv):
                errors.append('%s: %s is rejected by the filter this role writes (lvm_accept_devices, '
                              'lvm_reject_devices, lvm_reject_others); add a pattern matching it to '
                              'lvm_accept_devices' % (where, pv))
    for disk, (name, device) in sorted(backing.items()):
        if _accepted(patterns, disk):
            errors.append('drbd_resources (%s): its backing disk %s is accepted by the LVM filter, so LVM '
                          'would see the group on %s twice; add a pattern matching %s to lvm_reject_devices'
                          % (name, disk, device, disk))
    return errors


class FilterModule(object):
    def filters(self):
        return {'lvm_device_errors': lvm_device_errors}
