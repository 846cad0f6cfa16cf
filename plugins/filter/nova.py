# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks for the nova role's host aggregates, run on the controller before the API, and
the nova.conf sections through which every Nova service reaches the others."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
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


CATALOG_URLS = {'public': 'publicURL', 'internal': 'internalURL', 'admin': 'adminURL'}


def nova_client_settings(interface, region, service_user=None):
    """nova.conf's view of Cinder, Glance, Neutron and Placement: the catalog interface and the
    region to take their endpoints from (Debian's postinst writes [cinder] os_region_name =
    regionOne, and keystoneauth compares regions exactly), and, given credentials, the service
    token sent beside the user's (Cinder's policy wants it to detach an attached volume)."""
    if interface not in CATALOG_URLS:
        raise AnsibleFilterError('the catalog interface %r is not one of %s'
                                 % (interface, ', '.join(sorted(CATALOG_URLS))))
    settings = {'cinder': {'catalog_info': 'volumev3::%s' % CATALOG_URLS[interface],
                           'os_region_name': region}}
    for section in ('glance', 'neutron', 'placement'):
        settings[section] = {'valid_interfaces': interface, 'region_name': region}
    if service_user:
        settings['service_user'] = dict(service_user, send_service_user_token=True)
    return settings


class FilterModule(object):
    def filters(self):
        return {'nova_aggregate_errors': nova_aggregate_errors,
                'nova_client_settings': nova_client_settings}
