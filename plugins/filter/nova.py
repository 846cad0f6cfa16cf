# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks for the nova role's host aggregates, run on the controller before the API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.stackdeploy.openstack.plugins.module_utils._openstack_names import (
    ZONE_HINT, ZONE_NAME)


def nova_aggregate_errors(aggregates, computes, var='nova_aggregates'):
    """Every reason `aggregates` is wrong; `computes` are the hosts that run nova-compute."""
    if not isinstance(aggregates, list):
        return ['%s must be a list of {name, availability_zone, hosts, metadata}' % var]
    errors = []
    seen = set()
    for index, aggregate in enumerate(aggregates):
        if not isinstance(aggregate, dict) or not aggregate.get('name'):
            errors.append('%s[%d] needs a name' % (var, index))
            continue
        where = '%s[%s]' % (var, aggregate['name'])
        if aggregate['name'] in seen:
            errors.append('%s is listed twice' % where)
        seen.add(aggregate['name'])
        zone = aggregate.get('availability_zone')
        if zone is not None and not ZONE_NAME.match(str(zone)):
            errors.append('%s.availability_zone %r: %s' % (where, zone, ZONE_HINT))
        strangers = sorted(set(aggregate.get('hosts') or []) - set(computes))
        if strangers:
            errors.append('%s.hosts: %s do not run nova-compute (not in the compute group)'
                          % (where, ', '.join(strangers)))
    return errors


class FilterModule(object):
    def filters(self):
        return {'nova_aggregate_errors': nova_aggregate_errors}
