"""lab_ceph's plans: each compares the cluster's own JSON (shapes from Ceph 16) with the inventory
and returns only what differs, without a key."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.cinder import cinder_type_proofs
from ansible_collections.stackdeploy.openstack.plugins.filter.lab_ceph import (
    ceph_auth_changes, ceph_caps_argv, ceph_config_changes, ceph_osd_location, ceph_pool_changes,
    ceph_rule_changes, lab_ceph_errors)

FSID = '0b7e4a52-5d0c-4c58-9a43-2f1d6c3e8a17'
KEY = 'AQDTfAJrx1E8ARAAPivjOg+5bulNcFS1TpD8IQ=='
RULES = [{'rule_id': 0, 'rule_name': 'replicated_rule'}, {'rule_id': 1, 'rule_name': 'dc1'}]
POOLS = [{'name': 'volumes'}, {'name': 'volumes-dc1', 'datacenter': 'dc1', 'size': 1}]


def test_config_changes_are_only_what_the_dump_lacks_or_differs():
    dump = [{'section': 'global', 'name': 'osd_pool_default_size', 'value': '2'},
            {'section': 'osd', 'name': 'osd_crush_update_on_start', 'value': 'false'}]
    wanted = {'global': {'osd_pool_default_size': 2, 'mon_allow_pool_size_one': True},
              'osd': {'osd_crush_update_on_start': False, 'osd_memory_target': 939524096}}
    assert ceph_config_changes(dump, wanted) == [
        {'who': 'global', 'name': 'mon_allow_pool_size_one', 'value': 'true'},
        {'who': 'osd', 'name': 'osd_memory_target', 'value': '939524096'}]
    assert ceph_config_changes(dump + [
        {'section': 'global', 'name': 'mon_allow_pool_size_one', 'value': 'true'},
        {'section': 'osd', 'name': 'osd_memory_target', 'value': '939524096'}], wanted) == []


def test_new_pools_are_created_with_their_rule_then_sized_and_tagged():
    changes = ceph_pool_changes([], RULES, POOLS)
    assert changes['create'] == [{'pool': 'volumes', 'pg_num': 8, 'rule': 'replicated_rule'},
                                 {'pool': 'volumes-dc1', 'pg_num': 8, 'rule': 'dc1'}]
    assert {'pool': 'volumes-dc1', 'key': 'size', 'value': 1} in changes['set']
    assert changes['application'] == [{'pool': 'volumes', 'application': 'rbd'},
                                      {'pool': 'volumes-dc1', 'application': 'rbd'}]


def test_pools_as_wanted_need_nothing_and_a_wrong_one_only_its_difference():
    detail = [{'pool_name': 'volumes', 'size': 2, 'min_size': 1, 'crush_rule': 0,
               'application_metadata': {'rbd': {}}},
              {'pool_name': 'volumes-dc1', 'size': 1, 'min_size': 1, 'crush_rule': 1,
               'application_metadata': {'rbd': {}}}]
    assert ceph_pool_changes(detail, RULES, POOLS) == {'create': [], 'set': [], 'application': []}
    detail[1] = dict(detail[1], crush_rule=0, size=2)
    assert ceph_pool_changes(detail, RULES, POOLS)['set'] == [
        {'pool': 'volumes-dc1', 'key': 'crush_rule', 'value': 'dc1'},
        {'pool': 'volumes-dc1', 'key': 'size', 'value': 1}]


def test_a_rule_per_datacenter_a_pool_is_confined_to():
    assert ceph_rule_changes(RULES[:1], POOLS + [{'name': 'x', 'datacenter': 'dc2'}]) == ['dc1', 'dc2']
    assert ceph_rule_changes(RULES, POOLS) == []


def test_auth_changes_name_users_and_caps_never_keys():
    dump = {'auth_dump': [
        {'entity': 'client.admin', 'key': KEY, 'caps': {'mon': 'allow *'}},
        {'entity': 'client.glance', 'key': KEY, 'caps': {'mon': 'profile rbd', 'osd': 'profile rbd pool=images'}}]}
    users = [{'name': 'glance', 'caps': {'mon': 'profile rbd', 'osd': 'profile rbd pool=images'}},
             {'name': 'cinder', 'caps': {'mon': 'profile rbd', 'osd': 'profile rbd pool=volumes'}}]
    assert ceph_auth_changes(dump, users) == [
        {'entity': 'client.cinder', 'action': 'add', 'caps': users[1]['caps']}]
    users[0]['caps']['mgr'] = 'profile rbd pool=images'
    changes = ceph_auth_changes(dump, users)
    assert [(c['entity'], c['action']) for c in changes] == [('client.glance', 'caps'), ('client.cinder', 'add')]
    assert KEY not in str(changes)
    assert ceph_caps_argv(users[0]['caps']) == ['mgr', 'profile rbd pool=images', 'mon', 'profile rbd',
                                                'osd', 'profile rbd pool=images']


def test_osd_location_walks_up_the_tree():
    tree = {'nodes': [{'id': -1, 'name': 'default', 'type': 'root', 'children': [-4]},
                      {'id': -4, 'name': 'dc1', 'type': 'datacenter', 'children': [-3]},
                      {'id': -3, 'name': 'compute1', 'type': 'host', 'children': [0]},
                      {'id': 0, 'name': 'osd.0', 'type': 'osd'},
                      {'id': 1, 'name': 'osd.1', 'type': 'osd'}]}
    assert ceph_osd_location(tree, '0') == {'host': 'compute1', 'datacenter': 'dc1'}
    assert ceph_osd_location(tree, 1) == {'host': '', 'datacenter': ''}


@pytest.mark.parametrize('fsid,pools,users,message', [
    ('', [], [], 'lab_ceph_fsid'),
    (FSID, [{'name': 'v', 'size': 0}], [], 'lab_ceph_pools[v].size must be a positive integer'),
    (FSID, [{'name': 'v', 'size': 1, 'min_size': 2}], [], 'min_size is larger than its size'),
    (FSID, [{'size': 1}], [], 'needs a name'),
    (FSID, [], [{'name': 'cinder'}], 'lab_ceph_users[cinder].caps'),
])
def test_bad_input_is_named(fsid, pools, users, message):
    assert any(message in error for error in lab_ceph_errors(fsid, pools, users))


def test_good_input_passes():
    assert lab_ceph_errors(FSID, POOLS, [{'name': 'cinder', 'caps': {'mon': 'profile rbd'}}]) == []


def test_rbd_proofs_one_volume_per_zone_and_one_without():
    rbd = {'kind': 'rbd', 'pool': 'volumes-dc1', 'secret_uuid': 'x'}
    hosts = {'compute1': {'cinder_storage_availability_zone': 'compute1',
                          'cinder_backends': {'lvm': {'kind': 'lvm'}, 'rbd-dc1': rbd}},
             'controller': {'cinder_storage_availability_zone': 'nova', 'cinder_backends': {'rbd-dc1': rbd}}}
    types = [{'name': 'rbd-dc1', 'backend': 'rbd-dc1'}]
    assert cinder_type_proofs(types, hosts) == [
        {'name': 'verify-rbd-dc1-compute1', 'type': 'rbd-dc1', 'zone': 'compute1', 'lands_in': 'compute1',
         'hosts': ['compute1'], 'kind': 'rbd', 'backends': {'compute1': rbd}},
        {'name': 'verify-rbd-dc1-nozone', 'type': 'rbd-dc1', 'lands_in': 'nova', 'hosts': ['controller'],
         'kind': 'rbd', 'backends': {'controller': rbd}}]
    del hosts['controller']
    assert [p['name'] for p in cinder_type_proofs(types, hosts)] == ['verify-rbd-dc1-compute1']
