"""The drbd role's preflight: every bad resource set is named before any host changes."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.drbd import (
    drbd_resource_errors, drbd_resource_spec)

HOSTVARS = {'a': {'storage_address': '10.20.0.11'}, 'b': {'storage_address': '10.20.0.12'},
            'c': {'storage_address': '10.20.0.13'}, 'x': {}}
R0 = {'name': 'r0', 'minor': 0, 'disk': '/dev/vdb', 'hosts': ['a', 'b'],
      'allow_two_primaries': True, 'fencing': 'resource-only',
      'handlers': {'fence-peer': '/usr/lib/drbd/crm-fence-peer.sh'}}


def test_a_valid_pair_passes():
    assert drbd_resource_errors([R0], HOSTVARS) == []


@pytest.mark.parametrize('resources,message', [
    ([dict(R0, hosts=['a', 'b', 'c'])], 'DRBD 8.4 resource has exactly two hosts'),
    ([dict(R0, hosts=['a', 'x'])], 'no address for x; set storage_address'),
    ([R0, dict(R0, name='r1', port=7790)], 'minor 0 on a is already used by resource r0'),
    ([R0, dict(R0, name='r1', minor=1)], 'port 10.20.0.11:7789 on a is already used by resource r0'),
    ([dict(R0, fencing=None)], 'allow_two_primaries without fencing'),
    ([dict(R0, handlers={})], 'fencing resource-only needs handlers.fence-peer'),
    ([dict(R0, initial_sync_source='c')], 'initial_sync_source c is not one of its hosts'),
    ([dict(R0, primaries=['a', 'c'])], 'primaries names c'),
    ([dict(R0, allow_two_primaries=False, fencing=None, primaries=['a', 'b'])],
     'several primaries need allow_two_primaries'),
    ([dict(R0, minor=None)], 'minor must be set'),
])
def test_bad_resources_are_named(resources, message):
    errors = drbd_resource_errors(resources, HOSTVARS)
    assert any(message in error for error in errors), errors
    assert all(error.startswith('drbd_resources[') for error in errors)


def test_three_hosts_are_fine_in_drbd_9():
    assert drbd_resource_errors([dict(R0, hosts=['a', 'b', 'c'])], HOSTVARS, version='9') == []


def test_spec_takes_addresses_from_hostvars_and_drops_role_keys():
    spec = drbd_resource_spec(dict(R0, skip_initial_sync=True, initial_sync_source='a',
                                   hosts=['a', {'name': 'b', 'address': '192.0.2.1'}]), HOSTVARS)
    assert spec['hosts'] == [{'name': 'a', 'address': '10.20.0.11'}, {'name': 'b', 'address': '192.0.2.1'}]
    assert 'skip_initial_sync' not in spec and 'initial_sync_source' not in spec
